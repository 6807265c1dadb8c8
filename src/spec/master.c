/* hicgen — masters: loading, indexing, typing of columns. */
#include "hicgen/master.h"
#include "hicgen/alloc.h"
#include "hicgen/hash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/csv.h"
#include "hicgen/num.h"
#include "hicgen/rng.h"

static char *xstrdup(const char *s)
{
    return hg_xstrdup(s ? s : "");
}

static void add_row(hg_mtab *m, char **vals, long line)
{
    /* grows geometrically: one realloc per row is quadratic, and under ASan (whose realloc
     * always copies) it made a load of the masters take a minute */
    if (m->nrows == m->rows_cap) {
        m->rows_cap = m->rows_cap ? 2 * m->rows_cap : 64;
        m->cells = hg_xrealloc(m->cells, (size_t)m->rows_cap * (size_t)m->ncols * sizeof *m->cells);
        m->lines = hg_xrealloc(m->lines, (size_t)m->rows_cap * sizeof *m->lines);
    }
    for (int j = 0; j < m->ncols; j++)
        m->cells[(size_t)m->nrows * (size_t)m->ncols + (size_t)j] = xstrdup(vals[j]);
    m->lines[m->nrows++] = line;
}

/* Is s empty or a plain decimal number (-?digits[.digits])? Clears *is_int for a fraction. */
static int is_number(const char *s, int *is_int)
{
    if (!*s) return 1;
    const char *p = s + (*s == '-');
    /* leading zeros mark codes ("0703025"), not numbers */
    if (p[0] == '0' && p[1] && p[1] != '.') return 0;
    size_t n = strspn(p, "0123456789");
    if (!n) return 0;
    if (p[n] == '.') {
        size_t f = strspn(p + n + 1, "0123456789");
        if (!f || p[n + 1 + f]) return 0;
        *is_int = 0;
        return 1;
    }
    return p[n] == '\0';
}

/* Builds the key index and the record kind; reports duplicate keys. */
static int finish(hg_mtab *m, int keyed, hg_diag *d)
{
    int rc = 0;
    m->nslots = 16;
    while (m->nslots < m->nrows * 2) m->nslots *= 2;
    m->slots = hg_xcalloc((size_t)m->nslots, sizeof *m->slots);
    for (int r = 0; r < m->nrows && keyed; r++) {
        const char *key = hg_mtab_key(m, r);
        uint64_t h = hg_hash_str(key);
        for (size_t s = h & (size_t)(m->nslots - 1);; s = (s + 1) & (size_t)(m->nslots - 1)) {
            if (!m->slots[s]) {
                m->slots[s] = r + 1;
                break;
            }
            int o = m->slots[s] - 1;
            if (strcmp(hg_mtab_key(m, o), key) == 0) {
                hg_diag_at(d, m->file, m->lines[r], 0,
                           "%s code '%s' appears twice (first at line %ld)", m->cols[m->keycol],
                           key, m->lines[o]);
                rc = -1;
                break;
            }
        }
    }
    if (m->ncols > HG_MAX_FIELDS) {
        hg_diag_at(d, m->file, 1, 0, "%d columns: a master table has at most %d", m->ncols,
                   HG_MAX_FIELDS);
        return -1;
    }
    snprintf(m->kindname, sizeof m->kindname, "m_%s", m->name);
    m->fields = hg_xcalloc((size_t)m->ncols, sizeof *m->fields);
    hg_mtab_retype(m);
    m->kind.name = m->kindname;
    m->kind.nfields = m->ncols;
    m->kind.fields = m->fields;
    return rc;
}

void hg_mtab_retype(hg_mtab *m)
{
    for (int j = 0; j < m->ncols; j++) {
        int num = m->nrows > 0, isint = 1;
        for (int r = 0; r < m->nrows && num; r++) num = is_number(hg_mtab_cell(m, r, j), &isint);
        m->fields[j].name = m->cols[j];
        m->fields[j].kind = num ? (isint ? HG_V_INT : HG_V_DEC) : HG_V_STR;
    }
}

static int load_csv(hg_mtab *m, hg_csv *c, const char *name, const char *const *required, int keyed,
                    hg_diag *d)
{
    memset(m, 0, sizeof *m);
    m->name = xstrdup(name);
    m->file = xstrdup(c->file);
    int rc = 0;
    int r = hg_csv_next(c, d);
    if (r <= 0) {
        if (r == 0) hg_diag_at(d, c->file, 1, 0, "empty master: expected a header line");
        return -1;
    }
    m->ncols = c->nfields;
    m->cols = hg_xcalloc((size_t)m->ncols, sizeof *m->cols);
    for (int j = 0; j < m->ncols; j++) {
        m->cols[j] = xstrdup(c->fields[j]);
        if (!*c->fields[j]) {
            hg_diag_at(d, c->file, 1, 0, "header column %d has no name", j + 1);
            rc = -1;
        }
    }
    /* the key is the first required column (column 0 without any) */
    if (required && required[0] && hg_mtab_col(m, required[0]) >= 0)
        m->keycol = hg_mtab_col(m, required[0]);
    for (const char *const *q = required; q && *q; q++)
        if (hg_mtab_col(m, *q) < 0) {
            hg_diag_at(d, c->file, 1, 0, "missing column '%s' in the header", *q);
            rc = -1;
        }
    while ((r = hg_csv_next(c, d)) != 0) {
        if (r < 0) {
            rc = -1;
            continue;
        }
        if (c->nfields != m->ncols) {
            hg_diag_at(d, c->file, c->record_line,
                       c->nfields > m->ncols ? c->cols[m->ncols] : c->cols[c->nfields - 1],
                       "%d fields where the header has %d", c->nfields, m->ncols);
            rc = -1;
            continue;
        }
        if (!*c->fields[m->keycol]) {
            hg_diag_at(d, c->file, c->record_line, c->cols[m->keycol], "empty %s (the key column)",
                       m->cols[m->keycol]);
            rc = -1;
            continue;
        }
        add_row(m, c->fields, c->record_line);
    }
    if (finish(m, keyed, d)) rc = -1;
    return rc;
}

int hg_mtab_load(hg_mtab *m, const char *name, const char *path, const char *const *required,
                 int keyed, hg_diag *d)
{
    hg_csv c;
    if (hg_csv_open(&c, path, NULL, d)) {
        memset(m, 0, sizeof *m);
        return -1;
    }
    int rc = load_csv(m, &c, name, required, keyed, d);
    hg_csv_close(&c);
    return rc;
}

int hg_mtab_load_text(hg_mtab *m, const char *name, const char *fname, const char *text,
                      const char *const *required, int keyed, hg_diag *d)
{
    hg_csv c;
    if (hg_csv_open_text(&c, fname, text, d)) {
        memset(m, 0, sizeof *m);
        return -1;
    }
    int rc = load_csv(m, &c, name, required, keyed, d);
    hg_csv_close(&c);
    return rc;
}

/* Reads an official master from the opened CSV c (closed here). */
static int load_official(hg_mtab *m, const char *name, hg_csv *cp, int ncols,
                         const char *const *colnames, const int *positions, int keycol,
                         const char *kind_letter, hg_diag *d)
{
    hg_csv c = *cp;
    const char *path = c.file;
    m->name = xstrdup(name);
    m->file = xstrdup(path);
    m->ncols = ncols;
    m->keycol = keycol >= 0 && keycol < ncols ? keycol : 0;
    m->cols = hg_xcalloc((size_t)ncols, sizeof *m->cols);
    int maxpos = 1;
    for (int j = 0; j < ncols; j++) {
        m->cols[j] = xstrdup(colnames[j]);
        if (positions[j] > maxpos) maxpos = positions[j];
    }
    char **vals = hg_xcalloc((size_t)ncols, sizeof *vals);
    int rc = 0, r, nf = 0;
    while ((r = hg_csv_next(&c, d)) != 0) {
        if (r < 0) {
            rc = -1;
            continue;
        }
        long line = c.record_line;
        /* every record of an official master has the same fields: a record that differs, or a
         * last line without its line break, means the file was cut short or damaged */
        if (!nf) nf = c.nfields;
        if (c.unterminated || c.nfields != nf) {
            hg_diag_at(d, path, line, c.cols[c.nfields - 1],
                       "%d fields where the first record has %d%s (is the file truncated or "
                       "damaged? download it again)",
                       c.nfields, nf, c.unterminated ? " and no line break ends it" : "");
            rc = -1;
            continue;
        }
        if (c.nfields <= maxpos) {
            hg_diag_at(d, path, line, 0,
                       "%d fields, but the layout needs at least %d (is this the right master?)",
                       c.nfields, maxpos + 1);
            rc = -1;
            continue;
        }
        if (strcmp(c.fields[1], kind_letter) != 0) {
            hg_diag_at(d, path, line, 0,
                       "field 2 is '%s' where a %s master has '%s' (is this the right file?)",
                       c.fields[1], name, kind_letter);
            rc = -1;
            continue;
        }
        for (int j = 0; j < ncols; j++) vals[j] = c.fields[positions[j]];
        add_row(m, vals, line);
    }
    free(vals);
    hg_csv_close(&c);
    if (m->nrows == 0 && rc == 0) {
        hg_diag_at(d, path, 0, 0, "no rows");
        rc = -1;
    }
    if (finish(m, 1, d)) rc = -1;
    return rc;
}

int hg_mtab_load_official(hg_mtab *m, const char *name, const char *path, int ncols,
                          const char *const *colnames, const int *positions, int keycol,
                          const char *kind_letter, hg_diag *d)
{
    memset(m, 0, sizeof *m);
    hg_csv c;
    if (hg_csv_open(&c, path, "CP932", d)) return -1;
    return load_official(m, name, &c, ncols, colnames, positions, keycol, kind_letter, d);
}

int hg_mtab_load_official_bytes(hg_mtab *m, const char *name, const char *fname, const char *bytes,
                                size_t len, int ncols, const char *const *colnames,
                                const int *positions, int keycol, const char *kind_letter,
                                hg_diag *d)
{
    memset(m, 0, sizeof *m);
    hg_csv c;
    if (hg_csv_open_bytes(&c, fname, bytes, len, "CP932", d)) return -1;
    return load_official(m, name, &c, ncols, colnames, positions, keycol, kind_letter, d);
}

void hg_mtab_free(hg_mtab *m)
{
    for (size_t i = 0; i < (size_t)m->nrows * (size_t)m->ncols; i++) free(m->cells[i]);
    for (int j = 0; j < m->ncols; j++) free(m->cols[j]);
    free(m->cells);
    free(m->cols);
    free(m->lines);
    free(m->slots);
    free(m->fields);
    free(m->name);
    free(m->file);
    memset(m, 0, sizeof *m);
}

int hg_mtab_col(const hg_mtab *m, const char *col)
{
    for (int j = 0; j < m->ncols; j++)
        if (strcmp(m->cols[j], col) == 0) return j;
    return -1;
}

int hg_mtab_find(const hg_mtab *m, const char *key)
{
    if (!m->nslots || !key) return -1;
    uint64_t h = hg_hash_str(key);
    for (size_t s = h & (size_t)(m->nslots - 1);; s = (s + 1) & (size_t)(m->nslots - 1)) {
        int v = m->slots[s];
        if (!v) return -1;
        if (strcmp(hg_mtab_key(m, v - 1), key) == 0) return v - 1;
    }
}

int hg_mtab_num(const hg_mtab *m, int row, int col, double lo, double hi, double *out, hg_diag *d)
{
    if (col < 0) return -1; /* a missing required column was reported at load */
    const char *s = hg_mtab_cell(m, row, col);
    double v;
    if (hg_parse_num(s, &v) || v < lo || v > hi) {
        hg_diag_at(d, m->file, m->lines[row], col + 1, "%s '%s' must be a number from %g to %g",
                   m->cols[col], s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}
