/* hicgen — table spec parsing (libyaml) and binding to record kinds. */
#include "hicgen/spec.h"
#include "hicgen/sqlname.h"
#include "colfit.h"
#include "hicgen/alloc.h"
#include "hicgen/hash.h"

#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/yamlx.h"
#include "hicgen/rng.h"

/* ---------------- registry ---------------- */

int hg_registry_add(hg_registry *r, const hg_reckind *k)
{
    assert(hg_registry_find(r, k->name) < 0);
    hg_vec_reserve_((void **)&r->kinds, &r->cap, r->nkinds + 1, sizeof *r->kinds);
    r->kinds[r->nkinds] = k;
    return r->nkinds++;
}

void hg_registry_free(hg_registry *r)
{
    free(r->kinds);
    memset(r, 0, sizeof *r);
}

int hg_registry_find(const hg_registry *r, const char *name)
{
    for (int i = 0; i < r->nkinds; i++)
        if (strcmp(r->kinds[i]->name, name) == 0) return i;
    return -1;
}

int hg_reckind_field(const hg_reckind *k, const char *name)
{
    for (int i = 0; i < k->nfields; i++)
        if (strcmp(k->fields[i].name, name) == 0) return i;
    return -1;
}

/* ---------------- helpers ---------------- */

static char *xstrdup(const char *s)
{
    return s ? hg_xstrdup(s) : NULL;
}

static const char *type_names[] = {"varchar", "char",   "text",    "smallint",
                                   "integer", "bigint", "numeric", "date"};

/* Parses "varchar(10)", "numeric(10,5)", "smallint" ... Returns 0 or -1 with a reason. */
static int parse_type(const char *s, hg_column *c, const char **why)
{
    char word[32];
    size_t n = 0;
    while (s[n] && s[n] != '(' && n < sizeof word - 1) {
        word[n] = (char)tolower((unsigned char)s[n]);
        n++;
    }
    word[n] = '\0';
    while (n > 0 && word[n - 1] == ' ') word[--n] = '\0';
    c->type = -1;
    for (int i = 0; i < (int)(sizeof type_names / sizeof type_names[0]); i++)
        if (strcmp(word, type_names[i]) == 0) c->type = i;
    if (c->type < 0) {
        *why = "unknown type (use varchar(n), char(n), text, smallint, integer, bigint, "
               "numeric(p,s) or date)";
        return -1;
    }
    const char *paren = strchr(s, '(');
    int needs_len = c->type == HG_T_VARCHAR || c->type == HG_T_CHAR;
    if (!paren) {
        if (needs_len) {
            *why = "varchar and char need a length, e.g. varchar(10)";
            return -1;
        }
        return 0;
    }
    if (!needs_len && c->type != HG_T_NUMERIC) {
        *why = "this type takes no length";
        return -1;
    }
    int a = 0, b = 0;
    char tail = 0;
    int got = sscanf(paren, "(%d,%d%c", &a, &b, &tail);
    if (got == 3 && tail == ')' && c->type == HG_T_NUMERIC) {
        if (a < 1 || a > 1000 || b < 0 || b > a) {
            *why = "numeric(p,s) needs 1 <= p <= 1000 and 0 <= s <= p";
            return -1;
        }
        c->length = a;
        c->scale = b;
        return 0;
    }
    got = sscanf(paren, "(%d%c", &a, &tail);
    if (got == 2 && tail == ')' && a >= 1 && a <= 10485760) {
        c->length = a;
        return 0;
    }
    *why = "the length must be a positive whole number in parentheses, e.g. varchar(10)";
    return -1;
}

void hg_column_sqltype(const hg_column *c, char *out, size_t n)
{
    if (c->type == HG_T_NUMERIC && c->length)
        snprintf(out, n, "numeric(%d,%d)", c->length, c->scale);
    else if ((c->type == HG_T_VARCHAR || c->type == HG_T_CHAR) && c->length)
        snprintf(out, n, "%s(%d)", type_names[c->type], c->length);
    else
        snprintf(out, n, "%s", type_names[c->type]);
}

static void parse_comment(hg_ydoc *y, hg_diag *d, yaml_node_t *n, char **ja, char **en, int *bad)
{
    static const char *const keys[] = {"ja", "en", NULL};
    if (!n) return;
    if (hg_ykeys(y, d, n, "comment", keys)) {
        (*bad)++;
        return;
    }
    static const char *const langs[] = {"ja", "en"};
    char **out[] = {ja, en};
    for (int i = 0; i < 2; i++) {
        yaml_node_t *t = hg_yget(y, n, langs[i]);
        const char *s = hg_ystr(t);
        *out[i] = xstrdup(s);
        /* a comment goes into SQL literals and the data dictionary: plain text only */
        for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
            if (*p < 0x20 || *p == 0x7F) {
                hg_yerr(y, d, t,
                        "comment %s contains a control character (0x%02X); write plain "
                        "text",
                        langs[i], *p);
                (*bad)++;
                break;
            }
    }
}

static int parse_dist(hg_ydoc *y, hg_diag *d, yaml_node_t *n, hg_column *c)
{
    static const char *const keys[] = {"kind",     "min",    "max",     "mean", "sd",
                                       "decimals", "values", "weights", NULL};
    if (hg_ykeys(y, d, n, "dist", keys)) return -1;
    const char *kind = hg_ystr(hg_yget(y, n, "kind"));
    hg_dist *t = &c->dist;
    t->lo = 1;
    t->hi = 0;
    if (!kind) {
        hg_yerr(y, d, n, "dist needs 'kind: uniform_int | normal | choice'");
        return -1;
    }
    if (strcmp(kind, "uniform_int") == 0) {
        t->kind = HG_D_UNIFORM_INT;
        if (hg_ykey_double(y, d, n, "min", &t->a) || hg_ykey_double(y, d, n, "max", &t->b))
            return -1;
        if (t->a > t->b) {
            hg_yerr(y, d, n, "dist uniform_int: min must not exceed max");
            return -1;
        }
        return 0;
    }
    if (strcmp(kind, "normal") == 0) {
        t->kind = HG_D_NORMAL;
        if (hg_ykey_double(y, d, n, "mean", &t->a) || hg_ykey_double(y, d, n, "sd", &t->b))
            return -1;
        if (t->b < 0) {
            hg_yerr(y, d, n, "dist normal: sd must be >= 0");
            return -1;
        }
        yaml_node_t *m;
        if ((m = hg_yget(y, n, "min")) && hg_ydouble(y, d, m, &t->lo)) return -1;
        if ((m = hg_yget(y, n, "max")) && hg_ydouble(y, d, m, &t->hi)) return -1;
        if (!hg_yget(y, n, "min") || !hg_yget(y, n, "max")) t->lo = 1, t->hi = 0;
        long dec = 0;
        if ((m = hg_yget(y, n, "decimals")) && hg_ylong(y, d, m, &dec)) return -1;
        if (dec < 0 || dec > 6) {
            hg_yerr(y, d, m, "dist normal: decimals must be 0..6");
            return -1;
        }
        t->decimals = (int)dec;
        return 0;
    }
    if (strcmp(kind, "choice") == 0) {
        t->kind = HG_D_CHOICE;
        yaml_node_t *vals = hg_yget(y, n, "values");
        int nv = hg_yseq_len(vals);
        if (nv <= 0) {
            hg_yerr(y, d, vals ? vals : n, "dist choice needs 'values: [a, b, ...]'");
            return -1;
        }
        t->choices = hg_xcalloc((size_t)nv, sizeof *t->choices);
        t->nchoice = nv;
        for (int i = 0; i < nv; i++) {
            const char *s = hg_ystr(hg_yseq_at(y, vals, i));
            if (!s) {
                hg_yerr(y, d, hg_yseq_at(y, vals, i), "dist choice: values must be scalars");
                return -1;
            }
            t->choices[i] = xstrdup(s);
        }
        yaml_node_t *w = hg_yget(y, n, "weights");
        int nw = 0;
        if (w) {
            if (hg_ydoubles(y, d, w, &t->weights, &nw)) return -1;
            if (nw != nv) {
                hg_yerr(y, d, w, "dist choice: %d weights for %d values", nw, nv);
                return -1;
            }
            double sum = 0;
            for (int i = 0; i < nw; i++) {
                if (t->weights[i] < 0) {
                    hg_yerr(y, d, w, "dist choice: weights must not be negative");
                    return -1;
                }
                sum += t->weights[i];
            }
            if (sum <= 0) {
                hg_yerr(y, d, w, "dist choice: the weights add up to zero");
                return -1;
            }
        } else {
            t->weights = hg_xcalloc((size_t)nv, sizeof *t->weights);
            for (int i = 0; i < nv; i++) t->weights[i] = 1;
        }
        t->table = gsl_ran_discrete_preproc((size_t)nv, t->weights);
        return 0;
    }
    hg_yerr(y, d, hg_yget(y, n, "kind"), "unknown dist kind '%s' (uniform_int, normal, choice)",
            kind);
    return -1;
}

/* codes: a mapping code -> label, or the name of the master table holding the codes. */
static int parse_codes(hg_ydoc *y, hg_diag *d, yaml_node_t *n, const char *table, hg_column *c)
{
    if (!n) return 0;
    if (hg_ystr(n)) {
        c->codes_table = xstrdup(hg_ystr(n));
        return 0;
    }
    if (n->type != YAML_MAPPING_NODE || n->data.mapping.pairs.top == n->data.mapping.pairs.start) {
        hg_yerr(y, d, n,
                "column %s.%s: codes must be a mapping like {\"1\": male} or a master table name",
                table, c->name);
        return 1;
    }
    int len = (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    c->code_keys = hg_xcalloc((size_t)len, sizeof *c->code_keys);
    c->code_labels = hg_xcalloc((size_t)len, sizeof *c->code_labels);
    int bad = 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = hg_ynode(y, p->key), *v = hg_ynode(y, p->value);
        if (!hg_ystr(k) || !hg_ystr(v)) {
            hg_yerr(y, d, k, "column %s.%s: each code and its label must be plain text", table,
                    c->name);
            bad++;
            continue;
        }
        c->code_keys[c->ncodes] = xstrdup(hg_ystr(k));
        c->code_labels[c->ncodes++] = xstrdup(hg_ystr(v));
    }
    return bad;
}

/* The column's sources (exactly one of from, const, null, dist). Returns the problems. */
static int parse_sources(hg_ydoc *y, hg_diag *d, yaml_node_t *n, const char *table,
                         const char *name, hg_column *c)
{
    int bad = 0;
    const char *why = NULL;
    int nsrc = 0;
    yaml_node_t *src;
    if ((src = hg_yget(y, n, "from"))) {
        nsrc++;
        c->src = HG_SRC_FIELD;
        c->from = xstrdup(hg_ystr(src));
        if (!c->from) {
            hg_yerr(y, d, src, "column %s.%s: 'from' must name a field", table, name);
            bad++;
        }
    }
    if ((src = hg_yget(y, n, "const"))) {
        nsrc++;
        c->src = HG_SRC_CONST;
        const char *v = hg_ystr(src);
        if (!v) {
            hg_yerr(y, d, src, "column %s.%s: 'const' must be a scalar", table, name);
            bad++;
        } else if (c->type >= 0 && (why = hg_col_text_problem(c, v))) {
            hg_yerr(y, d, src, "column %s.%s: constant '%s' %s", table, name, v, why);
            bad++;
        }
        c->constval = xstrdup(v);
    }
    if ((src = hg_yget(y, n, "null"))) {
        nsrc++;
        c->src = HG_SRC_NULL;
        const char *v = hg_ystr(src);
        if (!v || strcmp(v, "true") != 0) {
            hg_yerr(y, d, src, "column %s.%s: write 'null: true' for an always-NULL column", table,
                    name);
            bad++;
        }
        if (c->not_null) {
            hg_yerr(y, d, src, "column %s.%s is not_null but always NULL", table, name);
            bad++;
        }
    }
    if ((src = hg_yget(y, n, "dist"))) {
        nsrc++;
        c->src = HG_SRC_DIST;
        if (parse_dist(y, d, src, c)) bad++;
        char purpose[256];
        snprintf(purpose, sizeof purpose, "dist:%s.%s", table, name);
        c->purpose = hg_hash_str(purpose);
    }
    if (nsrc == 0) {
        hg_yerr(y, d, n, "column %s.%s needs one source: from, const, null or dist", table, name);
        bad++;
    } else if (nsrc > 1) {
        hg_yerr(y, d, n, "column %s.%s has %d sources; give exactly one of from, const, null, dist",
                table, name, nsrc);
        bad++;
    }
    return bad;
}

/* format and width. Returns the problems. */
static int parse_format(hg_ydoc *y, hg_diag *d, yaml_node_t *n, const char *table, const char *name,
                        hg_column *c)
{
    int bad = 0;
    yaml_node_t *fn = hg_yget(y, n, "format");
    if (fn) {
        const char *f = hg_ystr(fn);
        c->fmt = f ? hg_fmt_parse(f) : -1;
        if (c->fmt < 0) {
            hg_yerr(y, d, fn,
                    "column %s.%s: unknown format '%s' (plain, gyymm, gyymmdd, yyyymm, yyyymmdd, "
                    "zeropad)",
                    table, name, f ? f : "?");
            bad++;
            c->fmt = 0;
        } else if (c->src != HG_SRC_FIELD) {
            hg_yerr(y, d, fn, "column %s.%s: 'format' applies only to 'from' columns", table, name);
            bad++;
        }
    }
    yaml_node_t *wn = hg_yget(y, n, "width");
    if (wn) {
        long w;
        if (hg_ylong(y, d, wn, &w) || w < 1 || w > 30) {
            hg_yerr(y, d, wn, "column %s.%s: width must be 1..30", table, name);
            bad++;
        } else
            c->width = (int)w;
    }
    if (c->fmt == HG_F_ZEROPAD && !c->width) {
        hg_yerr(y, d, fn, "column %s.%s: format zeropad needs 'width'", table, name);
        bad++;
    }
    return bad;
}

static int parse_column(hg_ydoc *y, hg_diag *d, yaml_node_t *n, const char *table, hg_column *c)
{
    static const char *const keys[] = {"name",  "type",  "not_null", "comment", "from",  "format",
                                       "width", "const", "null",     "dist",    "codes", NULL};
    memset(c, 0, sizeof *c);
    c->field = -1;
    c->line = (long)n->start_mark.line + 1;
    c->col = (long)n->start_mark.column + 1;
    if (n->type != YAML_MAPPING_NODE) {
        hg_yerr(y, d, n, "table %s: each column must be a mapping like {name: ..., type: ...}",
                table);
        return 1;
    }
    int bad = hg_ykeys(y, d, n, "column", keys);
    yaml_node_t *nn = hg_yget(y, n, "name");
    const char *name = hg_ystr(nn);
    if (!name) {
        hg_yerr(y, d, n, "table %s: a column has no 'name'", table);
        return bad + 1;
    }
    const char *why_name = hg_sqlname_problem(name);
    if (why_name) {
        hg_yerr(y, d, nn, "column name '%s' %s", name, why_name);
        bad++;
    }
    c->name = xstrdup(name);
    yaml_node_t *tn = hg_yget(y, n, "type");
    const char *why = NULL;
    if (!hg_ystr(tn)) {
        hg_yerr(y, d, n, "column %s.%s has no 'type'", table, name);
        bad++;
    } else if (parse_type(hg_ystr(tn), c, &why)) {
        hg_yerr(y, d, tn, "column %s.%s: type '%s': %s", table, name, hg_ystr(tn), why);
        bad++;
    }
    yaml_node_t *nnl = hg_yget(y, n, "not_null");
    if (nnl) {
        const char *v = hg_ystr(nnl);
        if (v && (strcmp(v, "true") == 0 || strcmp(v, "false") == 0))
            c->not_null = strcmp(v, "true") == 0;
        else {
            hg_yerr(y, d, nnl, "column %s.%s: not_null must be true or false", table, name);
            bad++;
        }
    }
    parse_comment(y, d, hg_yget(y, n, "comment"), &c->comment_ja, &c->comment_en, &bad);
    bad += parse_codes(y, d, hg_yget(y, n, "codes"), table, c);

    bad += parse_sources(y, d, n, table, name, c);
    bad += parse_format(y, d, n, table, name, c);
    return bad;
}

/* A list of column names (primary_key, or one item of indexes) into column positions. */
static void parse_index(hg_ydoc *y, hg_diag *d, yaml_node_t *n, const hg_table *t, const char *what,
                        hg_index *ix)
{
    int len = hg_yseq_len(n);
    if (len <= 0) {
        hg_yerr(y, d, n, "table %s: %s must be a non-empty list of column names", t->name, what);
        return;
    }
    ix->cols = hg_xcalloc((size_t)len, sizeof *ix->cols);
    for (int i = 0; i < len; i++) {
        yaml_node_t *cn = hg_yseq_at(y, n, i);
        const char *name = hg_ystr(cn);
        int found = -1;
        for (int j = 0; name && j < t->ncols; j++)
            if (t->cols[j].name && strcmp(t->cols[j].name, name) == 0) found = j;
        for (int j = 0; found >= 0 && j < ix->ncols; j++)
            if (ix->cols[j] == found) found = -2;
        if (found == -2)
            hg_yerr(y, d, cn, "table %s: %s names column '%s' twice", t->name, what, name);
        else if (found < 0)
            hg_yerr(y, d, cn, "table %s: %s names '%s', which is not a column of the table",
                    t->name, what, name ? name : "(not a name)");
        else
            ix->cols[ix->ncols++] = found;
    }
}

static void table_free(hg_table *t)
{
    for (int i = 0; i < t->ncols; i++) {
        hg_column *c = &t->cols[i];
        free(c->name);
        free(c->comment_ja);
        free(c->comment_en);
        free(c->from);
        free(c->constval);
        for (int k = 0; k < c->ncodes; k++) free(c->code_keys[k]), free(c->code_labels[k]);
        free(c->code_keys);
        free(c->code_labels);
        free(c->codes_table);
        for (int k = 0; k < c->dist.nchoice; k++) free(c->dist.choices[k]);
        free(c->dist.choices);
        free(c->dist.weights);
        if (c->dist.table) gsl_ran_discrete_free(c->dist.table);
    }
    free(t->cols);
    free(t->pkey.cols);
    for (int i = 0; i < t->nindexes; i++) free(t->indexes[i].cols);
    free(t->indexes);
    free(t->name);
    free(t->comment_ja);
    free(t->comment_en);
    free(t->record);
    free(t->family);
    free(t->file);
}

int hg_spec_parse(hg_specset *s, const char *file, const char *text, hg_diag *d)
{
    static const char *const keys[] = {"table",   "family",      "record",  "comment",
                                       "columns", "primary_key", "indexes", NULL};
    hg_ydoc y;
    int before = d->nerrors;
    if (hg_ydoc_load(&y, file, text, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *root = hg_yroot(&y);
    hg_table t;
    memset(&t, 0, sizeof t);
    t.reckind = -1;
    if (root->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, root, "a table spec must be a mapping with keys table, record, columns");
        hg_ydoc_free(&y);
        return -1;
    }
    hg_ykeys(&y, d, root, "table spec", keys);
    yaml_node_t *tn = hg_yget(&y, root, "table");
    const char *name = hg_ystr(tn);
    if (!name) {
        hg_yerr(&y, d, root, "missing 'table: NAME'");
        name = "?";
    } else if (hg_sqlname_problem(name)) {
        hg_yerr(&y, d, tn, "table name '%s' %s", name, hg_sqlname_problem(name));
    }
    t.name = xstrdup(name);
    t.file = xstrdup(file);
    t.line = tn ? (long)tn->start_mark.line + 1 : 1;
    t.col = tn ? (long)tn->start_mark.column + 1 : 1;
    yaml_node_t *rn = hg_yget(&y, root, "record");
    t.record = xstrdup(hg_ystr(rn));
    if (!t.record) hg_yerr(&y, d, root, "table %s: missing 'record: KIND' (what fills it)", name);
    const char *fam = hg_ystr(hg_yget(&y, root, "family"));
    t.family = xstrdup(fam ? fam : "other");
    int bad = 0;
    parse_comment(&y, d, hg_yget(&y, root, "comment"), &t.comment_ja, &t.comment_en, &bad);
    yaml_node_t *cols = hg_yget(&y, root, "columns");
    int nc = hg_yseq_len(cols);
    if (nc <= 0) {
        hg_yerr(&y, d, cols ? cols : root, "table %s: 'columns' must be a non-empty list", name);
    } else {
        t.cols = hg_xcalloc((size_t)nc, sizeof *t.cols);
        for (int i = 0; i < nc; i++) {
            parse_column(&y, d, hg_yseq_at(&y, cols, i), name, &t.cols[t.ncols]);
            hg_column *c = &t.cols[t.ncols++];
            for (int j = 0; j < t.ncols - 1 && c->name; j++)
                if (t.cols[j].name && strcmp(t.cols[j].name, c->name) == 0)
                    hg_diag_at(d, file, c->line, c->col, "table %s: column '%s' appears twice",
                               name, c->name);
        }
    }
    yaml_node_t *pk = hg_yget(&y, root, "primary_key");
    if (pk && t.ncols) parse_index(&y, d, pk, &t, "primary_key", &t.pkey);
    yaml_node_t *ixs = hg_yget(&y, root, "indexes");
    if (ixs && t.ncols) {
        int ni = hg_yseq_len(ixs);
        if (ni <= 0)
            hg_yerr(&y, d, ixs, "table %s: indexes must be a list of column lists, e.g. [[id1n]]",
                    name);
        else
            t.indexes = hg_xcalloc((size_t)ni, sizeof *t.indexes);
        for (int i = 0; i < ni; i++)
            parse_index(&y, d, hg_yseq_at(&y, ixs, i), &t, "an index", &t.indexes[t.nindexes++]);
    }
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, t.name) == 0)
            hg_diag_at(d, file, t.line, t.col, "table %s is also defined in %s", t.name,
                       s->tables[i].file);
    hg_ydoc_free(&y);
    if (d->nerrors != before) {
        table_free(&t);
        return -1;
    }
    s->tables = hg_xrealloc(s->tables, (size_t)(s->ntables + 1) * sizeof *s->tables);
    s->tables[s->ntables++] = t;
    return 0;
}

int hg_spec_load_dir(hg_specset *s, const char *dir, hg_diag *d)
{
    int before = d->nerrors;
    char **files = hg_list_dir(dir, "", d);
    if (!files) return d->nerrors - before;
    int found = 0;
    /* every file here is a table spec: anything else is an error, not silently skipped */
    for (char **f = files; *f; f++) {
        size_t n = strlen(*f);
        if (n < 5 || strcmp(*f + n - 5, ".yaml") != 0) {
            hg_diag_at(d, *f, 0, 0,
                       "not a table spec: every file in this directory must be a NAME.yaml table "
                       "spec; move it elsewhere");
            continue;
        }
        found++;
        hg_spec_parse(s, *f, NULL, d);
    }
    if (!found) hg_diag_at(d, dir, 0, 0, "no table specs (*.yaml) found");
    hg_free_list(files);
    return d->nerrors - before;
}

static int fmt_width(int fmt)
{
    switch (fmt) {
    case HG_F_GYYMM:
        return 5;
    case HG_F_GYYMMDD:
        return 7;
    case HG_F_YYYYMM:
        return 6;
    case HG_F_YYYYMMDD:
        return 8;
    default:
        return 10;
    }
}

int hg_spec_bind(hg_specset *s, const hg_registry *r, hg_diag *d)
{
    int before = d->nerrors;
    static const char *const kind_names[] = {"null", "integer", "text", "date", "decimal"};
    for (int i = 0; i < s->ntables; i++) {
        hg_table *t = &s->tables[i];
        t->reckind = hg_registry_find(r, t->record);
        if (t->reckind < 0) {
            hg_buf known = {0};
            for (int k = 0; k < r->nkinds; k++) {
                if (k) hg_buf_puts(&known, ", ");
                hg_buf_puts(&known, r->kinds[k]->name);
            }
            hg_diag_at(d, t->file, t->line, t->col,
                       "table %s: unknown record kind '%s' (known: %s)", t->name, t->record,
                       known.p ? known.p : "none");
            hg_buf_free(&known);
            continue;
        }
        const hg_reckind *k = r->kinds[t->reckind];
        for (int j = 0; j < t->ncols; j++) {
            hg_column *c = &t->cols[j];
            if (c->codes_table && hg_spec_find(s, c->codes_table) < 0)
                hg_diag_at(d, t->file, c->line, c->col,
                           "column %s.%s: codes: '%s' is not a table of these specs", t->name,
                           c->name, c->codes_table);
            hg_col_limits(c);
            if (c->src == HG_SRC_DIST) {
                char buf[300];
                const char *why = hg_col_dist_problem(c, buf, sizeof buf);
                if (why)
                    hg_diag_at(d, t->file, c->line, c->col, "column %s.%s (%s): dist %s", t->name,
                               c->name, type_names[c->type], why);
                continue;
            }
            if (c->src != HG_SRC_FIELD) continue;
            c->field = hg_reckind_field(k, c->from);
            if (c->field < 0) {
                hg_diag_at(d, t->file, c->line, c->col,
                           "column %s.%s: record kind '%s' has no field '%s'; its fields are "
                           "listed by 'hicgen check --kinds'",
                           t->name, c->name, k->name, c->from);
                continue;
            }
            hg_vkind fk = k->fields[c->field].kind;
            c->field_kind = fk;
            int f = c->fmt;
            int datefmt =
                f == HG_F_GYYMM || f == HG_F_GYYMMDD || f == HG_F_YYYYMM || f == HG_F_YYYYMMDD;
            if ((datefmt && fk != HG_V_DATE) || (f == HG_F_ZEROPAD && fk != HG_V_INT)) {
                hg_diag_at(d, t->file, c->line, c->col,
                           "column %s.%s: format %s does not apply to field '%s', which is %s",
                           t->name, c->name, hg_fmt_name(f), c->from, kind_names[fk]);
                continue;
            }
            if (fk == HG_V_DEC && hg_col_is_int(c)) {
                hg_diag_at(d, t->file, c->line, c->col,
                           "column %s.%s is %s but field '%s' is decimal (use numeric(p,s))",
                           t->name, c->name, type_names[c->type], c->from);
                continue;
            }
            if ((fk == HG_V_STR || fk == HG_V_DATE) &&
                (hg_col_is_int(c) || c->type == HG_T_NUMERIC) && f != HG_F_YYYYMM &&
                f != HG_F_YYYYMMDD && f != HG_F_GYYMM && f != HG_F_GYYMMDD) {
                hg_diag_at(d, t->file, c->line, c->col, "column %s.%s is %s but field '%s' is %s",
                           t->name, c->name, type_names[c->type], c->from, kind_names[fk]);
                continue;
            }
            if (fk == HG_V_DATE && (c->type == HG_T_VARCHAR || c->type == HG_T_CHAR) &&
                c->length < fmt_width(f))
                hg_diag_at(d, t->file, c->line, c->col,
                           "column %s.%s: %s(%d) is too short for a date in format %s (%d)",
                           t->name, c->name, type_names[c->type], c->length, hg_fmt_name(f),
                           fmt_width(f));
            if (fk == HG_V_DATE && c->type == HG_T_DATE && f != HG_F_PLAIN)
                hg_diag_at(d, t->file, c->line, c->col,
                           "column %s.%s is a date column; drop the format (dates load as "
                           "YYYY-MM-DD)",
                           t->name, c->name);
        }
    }
    return d->nerrors - before;
}

void hg_spec_free(hg_specset *s)
{
    for (int i = 0; i < s->ntables; i++) table_free(&s->tables[i]);
    free(s->tables);
    s->tables = NULL;
    s->ntables = 0;
}

int hg_spec_find(const hg_specset *s, const char *table)
{
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, table) == 0) return i;
    return -1;
}
