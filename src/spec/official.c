/* hicgen — official master files (see official.h). */
#include "hicgen/official.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "hicgen/alloc.h"
#include "hicgen/csv.h"
#include "hicgen/fsutil.h"
#include "hicgen/num.h"
#include "hicgen/yamlx.h"
#include "hicgen/zip.h"

static int known_ext(const char *base)
{
    const char *dot = strrchr(base, '.');
    return dot &&
           (!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".txt") || !strcasecmp(dot, ".zip"));
}

/* The first file below dir (relative path, malloc'ed) that the first matching pattern of the
 * `files` list names, or NULL. */
static int matches(hg_ydoc *y, yaml_node_t *pats, const char *base)
{
    for (int i = 0; i < hg_yseq_len(pats); i++) {
        const char *pat = hg_ystr(hg_yseq_at(y, pats, i));
        if (pat && fnmatch(pat, base, 0) == 0) return 1;
    }
    return 0;
}

/* The first file matching the patterns in their order, leaving out those matching `except` (a
 * master's own overlay file, which its broad patterns such as y_* would otherwise take). */
static char *find_file(char **files, hg_ydoc *y, yaml_node_t *pats, yaml_node_t *except)
{
    for (int i = 0; i < hg_yseq_len(pats); i++) {
        const char *pat = hg_ystr(hg_yseq_at(y, pats, i));
        for (char **f = files; pat && f && *f; f++) {
            const char *base = strrchr(*f, '/') ? strrchr(*f, '/') + 1 : *f;
            if (known_ext(base) && fnmatch(pat, base, 0) == 0 && !matches(y, except, base))
                return hg_xstrdup(*f);
        }
    }
    return NULL;
}

/* Divides the integer cells of column col by 100 (fields the file stores ×100). */
static void scale100(hg_mtab *m, int col)
{
    for (int r = 0; r < m->nrows && col >= 0; r++) {
        char **cell = &m->cells[(size_t)r * (size_t)m->ncols + (size_t)col];
        if (!**cell) continue;
        long long v = strtoll(*cell, NULL, 10);
        char buf[40];
        snprintf(buf, sizeof buf, "%s%lld.%02lld", v < 0 ? "-" : "", llabs(v) / 100,
                 llabs(v) % 100);
        free(*cell);
        *cell = hg_xstrdup(buf);
    }
}

/* Drops the zero padding of a numeric field ("09" → "9", "000" → "0", "001.50" → "1.50"); a cell
 * that is not a plain number stays as it is (and is reported when its column is bound). */
static void unpad(hg_mtab *m, int col)
{
    for (int r = 0; r < m->nrows && col >= 0; r++) {
        char *s = m->cells[(size_t)r * (size_t)m->ncols + (size_t)col];
        char *p = s + (*s == '-');
        size_t z = strspn(p, "0");
        if (!z || strspn(p, "0123456789.") != strlen(p)) continue;
        if (!p[z] || p[z] == '.') z--; /* keep the zero of "0" and "0.5" */
        memmove(p, p + z, strlen(p + z) + 1);
    }
}

/* The number a pack size begins with ("１０ｍＬ" -> 10, ASCII or full-width digits and point);
 * *rest points past it. 0 when it begins with no number. */
static double pack_count(const char *s, const char **rest)
{
    char num[32];
    size_t n = 0;
    while (n + 1 < sizeof num) {
        unsigned char c0 = (unsigned char)s[0];
        if ((c0 >= '0' && c0 <= '9') || c0 == '.') {
            num[n++] = (char)c0;
            s++;
        } else if (c0 == 0xEF && (unsigned char)s[1] == 0xBC &&
                   (((unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) ||
                    (unsigned char)s[2] == 0x8E)) {
            /* ０-９ are U+FF10-FF19 (EF BC 90-99), ． is U+FF0E (EF BC 8E) */
            num[n++] = (unsigned char)s[2] == 0x8E ? '.' : (char)('0' + (s[2] - (char)0x90));
            s += 3;
        } else {
            break;
        }
    }
    num[n] = 0;
    *rest = s;
    double v;
    return n && !hg_parse_num(num, &v) ? v : 0;
}

/* The MHLW price list prices a pack (規格 "１０ｍＬ", "１０ｇ") where the receipt code counts one
 * unit of it (単位 "ｍＬ", "ｇ": enteral nutrients, zinc oxide ointment, white petrolatum): the
 * price of one unit is the pack's over its count. Printed with up to three decimals, as
 * tools/masters/build.py does. */
static void per_unit_price(char **price, const char *pack, const char *unit)
{
    const char *rest;
    double count = pack_count(pack, &rest), v;
    if (count <= 0 || count == 1 || !*unit || strcmp(rest, unit) || hg_parse_num(*price, &v))
        return;
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", v / count);
    char *e = buf + strlen(buf) - 1;
    while (*e == '0') *e-- = 0;
    if (*e == '.') *e = 0;
    free(*price);
    *price = hg_xstrdup(buf);
}

/* Applies an overlay: a UTF-8 CSV with a header whose values replace some columns (the FY2022
 * drug prices over a later edition of the drug master); `per_unit` names the price column to
 * bring from the pack to the master's unit, and the pack and unit columns that say how. */
static int overlay(hg_mtab *m, hg_ydoc *y, yaml_node_t *ov, char **files, const char *dir,
                   hg_diag *d)
{
    char *rel = find_file(files, y, hg_yget(y, ov, "files"), NULL);
    if (!rel) return 0; /* optional: without it the edition's own values stay */
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    free(rel);
    hg_csv c;
    if (hg_csv_open(&c, path, NULL, d)) return -1;
    const char *key = hg_ystr(hg_yget(y, ov, "key"));
    yaml_node_t *cols = hg_yget(y, ov, "columns");
    int rc = hg_csv_next(&c, d) == 1 ? 0 : -1, ck = -1;
    int n = cols && cols->type == YAML_MAPPING_NODE
                ? (int)(cols->data.mapping.pairs.top - cols->data.mapping.pairs.start)
                : 0;
    int *src = hg_xcalloc((size_t)n + 1, sizeof *src),
        *dst = hg_xcalloc((size_t)n + 1, sizeof *dst);
    for (int i = 0; !rc && i < c.nfields; i++)
        if (key && !strcmp(c.fields[i], key)) ck = i;
    for (int j = 0; !rc && j < n; j++) {
        yaml_node_pair_t *p = &cols->data.mapping.pairs.start[j];
        const char *to = hg_ystr(hg_ynode(y, p->key)), *from = hg_ystr(hg_ynode(y, p->value));
        dst[j] = to ? hg_mtab_col(m, to) : -1;
        src[j] = -1;
        for (int i = 0; from && i < c.nfields; i++)
            if (!strcmp(c.fields[i], from)) src[j] = i;
        if (dst[j] < 0 || src[j] < 0) rc = -1;
    }
    if (rc || ck < 0) {
        hg_diag_at(d, path, 1, 0, "the overlay's key or columns are not in its header");
        rc = -1;
    }
    yaml_node_t *pu = hg_yget(y, ov, "per_unit");
    int pu_price = -1, pu_pack = -1, pu_unit = -1;
    if (!rc && pu) {
        const char *pr = hg_ystr(hg_yget(y, pu, "column")), *pk = hg_ystr(hg_yget(y, pu, "pack")),
                   *un = hg_ystr(hg_yget(y, pu, "unit"));
        pu_price = pr ? hg_mtab_col(m, pr) : -1;
        pu_unit = un ? hg_mtab_col(m, un) : -1;
        for (int i = 0; pk && i < c.nfields; i++)
            if (!strcmp(c.fields[i], pk)) pu_pack = i;
        if (pu_price < 0 || pu_pack < 0 || pu_unit < 0) {
            hg_yerr(y, d, pu,
                    "per_unit needs column and unit (master columns) and pack (a column "
                    "of the overlay's header)");
            rc = -1;
        }
    }
    /* the first row of a key wins: the file lists each code's FY2022 value first */
    char *seen = hg_xcalloc((size_t)m->nrows + 1, 1);
    while (!rc && hg_csv_next(&c, d) == 1) {
        int row = hg_mtab_find(m, c.fields[ck]);
        if (row < 0 || seen[row]) continue;
        seen[row] = 1;
        int priced = 0; /* the per-unit price column came from this row (not the edition) */
        for (int j = 0; j < n; j++) {
            if (!*c.fields[src[j]]) continue;
            if (dst[j] == pu_price) priced = 1;
            char **cell = &m->cells[(size_t)row * (size_t)m->ncols + (size_t)dst[j]];
            free(*cell);
            *cell = hg_xstrdup(c.fields[src[j]]);
        }
        if (priced) {
            char **cells = &m->cells[(size_t)row * (size_t)m->ncols];
            per_unit_price(&cells[pu_price], c.fields[pu_pack], cells[pu_unit]);
        }
    }
    free(seen);
    free(src);
    free(dst);
    hg_csv_close(&c);
    return rc;
}

/* Reads the file (or the .zip's member) with the entry's layout. */
static int read_layout(hg_mtab *m, const char *name, const char *path, hg_ydoc *y, yaml_node_t *e,
                       hg_diag *d)
{
    yaml_node_t *cols = hg_yget(y, e, "columns");
    const char *letter = hg_ystr(hg_yget(y, e, "letter"));
    int n = cols && cols->type == YAML_MAPPING_NODE
                ? (int)(cols->data.mapping.pairs.top - cols->data.mapping.pairs.start)
                : 0;
    if (!n || !letter) {
        hg_yerr(y, d, e, "official master '%s' needs letter and columns", name);
        return -1;
    }
    const char **cn = hg_xcalloc((size_t)n, sizeof *cn);
    int *pos = hg_xcalloc((size_t)n, sizeof *pos), bad = 0, keycol = 0;
    const char *key = hg_ystr(hg_yget(y, e, "key"));
    for (int j = 0; j < n; j++) {
        yaml_node_pair_t *p = &cols->data.mapping.pairs.start[j];
        cn[j] = hg_ystr(hg_ynode(y, p->key));
        long v;
        if (!cn[j] || hg_ylong(y, d, hg_ynode(y, p->value), &v) || v < 1 || v > 400)
            bad = 1;
        else
            pos[j] = (int)v - 1;
        if (key && cn[j] && !strcmp(cn[j], key)) keycol = j;
    }
    int rc = -1;
    const char *dot = strrchr(path, '.');
    if (bad) {
        hg_yerr(y, d, cols, "official master '%s': each column needs a field number 1-400", name);
    } else if (dot && !strcasecmp(dot, ".zip")) {
        static const char *const sfx[] = {".csv", ".txt", NULL};
        hg_buf b = {0};
        char *member = NULL;
        if (!hg_zip_read(path, sfx, HG_CSV_MAX_BYTES, &b, &member, d)) {
            char fname[8400];
            snprintf(fname, sizeof fname, "%s:%s", path, member);
            rc = hg_mtab_load_official_bytes(m, name, fname, b.p ? b.p : "", b.len, n, cn, pos,
                                             keycol, letter, d);
        }
        free(member);
        hg_buf_free(&b);
    } else {
        rc = hg_mtab_load_official(m, name, path, n, cn, pos, keycol, letter, d);
    }
    free(cn);
    free(pos);
    return rc;
}

int hg_official_load(hg_mtab *m, const char *name, const char *specs_dir, const char *dir,
                     hg_diag *d)
{
    memset(m, 0, sizeof *m);
    char lp[4096];
    snprintf(lp, sizeof lp, "%s/official_masters.yaml", specs_dir);
    hg_ydoc y;
    if (hg_ydoc_load(&y, lp, NULL, d)) return -1;
    yaml_node_t *e = hg_yget(&y, hg_yget(&y, hg_yroot(&y), "official_masters"), name);
    if (!e) {
        hg_ydoc_free(&y);
        return 0; /* no official layout for this master */
    }
    char **files = hg_list_tree(dir, "", d);
    char *rel = files ? find_file(files, &y, hg_yget(&y, e, "files"),
                                  hg_yget(&y, hg_yget(&y, e, "overlay"), "files"))
                      : NULL;
    int rc = 0;
    if (rel) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, rel);
        rc = read_layout(m, name, path, &y, e, d) ? -1 : 1;
        yaml_node_t *sc = hg_yget(&y, e, "scale100");
        for (int i = 0; rc == 1 && i < hg_yseq_len(sc); i++)
            scale100(m, hg_mtab_col(m, hg_ystr(hg_yseq_at(&y, sc, i))));
        yaml_node_t *nu = hg_yget(&y, e, "numbers");
        for (int i = 0; rc == 1 && i < hg_yseq_len(nu); i++)
            unpad(m, hg_mtab_col(m, hg_ystr(hg_yseq_at(&y, nu, i))));
        yaml_node_t *ov = hg_yget(&y, e, "overlay");
        if (rc == 1 && ov && overlay(m, &y, ov, files, dir, d)) rc = -1;
        if (rc == 1) hg_mtab_retype(m);
    }
    free(rel);
    hg_free_list(files);
    hg_ydoc_free(&y);
    return rc;
}
