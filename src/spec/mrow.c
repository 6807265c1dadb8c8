/* hicgen — reading a data table's row by column name (see mrow.h). */
#include "hicgen/mrow.h"

#include <stdio.h>
#include <string.h>
#include "hicgen/buf.h"

/* The cell of named column col (reported once at load when missing). */
const char *hg_row_cell(const hg_mtab *t, int r, const char *col)
{
    int c = hg_mtab_col(t, col);
    return c < 0 ? "" : hg_mtab_cell(t, r, c);
}

/* A number of named column col in [lo, hi]; empty cells give dflt. */
double hg_row_num(const hg_mtab *t, int r, const char *col, double lo, double hi, double dflt,
                  hg_diag *d)
{
    int c = hg_mtab_col(t, col);
    double v = dflt;
    if (c < 0 || !*hg_mtab_cell(t, r, c)) return dflt;
    hg_mtab_num(t, r, c, lo, hi, &v, d);
    return v;
}

void hg_row_text(const hg_mtab *t, int r, const char *col, char *out, size_t n, hg_diag *d)
{
    const char *s = hg_row_cell(t, r, col);
    if (strlen(s) >= n)
        hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, col) + 1, "%s is longer than %zu bytes",
                   col, n - 1);
    snprintf(out, n, "%s", s);
}

void hg_row_dist(const hg_mtab *t, int r, const char *col, hg_ddist *out, hg_diag *d)
{
    const char *why = NULL;
    if (hg_ddist_parse(out, hg_row_cell(t, r, col), &why))
        hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, col) + 1, "%s '%s': %s", col,
                   hg_row_cell(t, r, col), why);
}

/* A code of master mt in named column col, or -1 after reporting. */
int hg_row_code(const hg_mtab *t, int r, const char *col, const hg_mtab *mt, const char *what,
                hg_diag *d)
{
    int row = hg_mtab_find(mt, hg_row_cell(t, r, col));
    if (row < 0)
        hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, col) + 1,
                   "%s code '%s' is not in the %s master (%s)", what, hg_row_cell(t, r, col), what,
                   mt->file ? mt->file : "?");
    return row;
}

int hg_row_code_list(const hg_mtab *t, int r, const char *col, const hg_mtab *mt, const char *what,
                     int *out, int max, hg_diag *d)
{
    const char *s = hg_row_cell(t, r, col);
    int n = 0, at = hg_mtab_col(t, col) + 1;
    while (*s) {
        char one[16];
        size_t len = strcspn(s, "|");
        if (len == 0 || len >= sizeof one || n == max) {
            hg_diag_at(d, t->file, t->lines[r], at, "%s: at most %d %s codes separated by '|'", col,
                       max, what);
            break;
        }
        memcpy(one, s, len);
        one[len] = '\0';
        out[n] = hg_mtab_find(mt, one);
        if (out[n] < 0)
            hg_diag_at(d, t->file, t->lines[r], at, "%s code '%s' is not in the %s master (%s)",
                       col, one, what, mt->file ? mt->file : "?");
        n++;
        s += len + (s[len] == '|');
    }
    return n;
}

int hg_row_keyword(const hg_mtab *t, int r, const char *col, const char *const *words, hg_diag *d)
{
    const char *s = hg_row_cell(t, r, col);
    for (int i = 0; words[i]; i++)
        if (!strcmp(s, words[i])) return i;
    hg_buf b = {0};
    for (int i = 0; words[i]; i++) hg_buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
    hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, col) + 1, "%s '%s' must be one of: %s", col,
               s, b.p);
    hg_buf_free(&b);
    return -1;
}

void hg_row_band(const hg_mtab *t, int r, hg_band_rates *b, double hi, const char *what, hg_diag *d)
{
    double a = hg_row_num(t, r, "age_from", 0, 120, -1, d);
    double mv = hg_row_num(t, r, "male", 0, hi, 0, d), fv = hg_row_num(t, r, "female", 0, hi, 0, d);
    if (b->n == HG_MAX_BANDS || a < 0 || (b->n > 0 && (int)a <= b->from[b->n - 1])) {
        hg_diag_at(d, t->file, t->lines[r], 2, "ages of %s must ascend (at most %d bands)", what,
                   HG_MAX_BANDS);
        return;
    }
    b->from[b->n] = (int)a, b->m[b->n] = mv, b->f[b->n] = fv;
    b->n++;
}
