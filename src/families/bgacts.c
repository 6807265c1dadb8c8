/* hicgen — background acts (see bgacts.h). */
#include "families/bgacts.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/mrow.h"

enum { BG_MAX_DRAWS = 12 }; /* a bound on one visit's draws (the means are well below 1) */
enum { BG_MAX_WITH = 8 };   /* codes billed with one act (a load-time limit, reported) */

void hg_bgacts_load(hg_bgacts *bg, const char *path, const hg_mtab *master, const char *what,
                    hg_diag *d)
{
    static const char *const req[] = {"code", "with", NULL};
    hg_mtab *t = &bg->tab;
    if (hg_mtab_load(t, "background_acts", path, req, 0, d)) return;
    /* the age bands: columns p_<age from>, ascending */
    for (int c = 0; c < t->ncols; c++) {
        const char *name = t->cols[c];
        if (strncmp(name, "p_", 2) || !isdigit((unsigned char)name[2])) continue;
        int from = atoi(name + 2);
        if (bg->nbands == HG_BG_BANDS || (bg->nbands && from <= bg->from[bg->nbands - 1])) {
            hg_diag_at(d, t->file, 1, c + 1,
                       "age band columns p_<age> must ascend (at most %d of them)", HG_BG_BANDS);
            return;
        }
        bg->col[bg->nbands] = c;
        bg->from[bg->nbands++] = from;
    }
    if (!bg->nbands || bg->from[0] != 0) {
        hg_diag_at(d, t->file, 1, 0, "the age band columns must start with p_0");
        return;
    }
    bg->row = hg_xcalloc((size_t)t->nrows + 1, sizeof *bg->row);
    bg->with_first = hg_xcalloc((size_t)t->nrows + 1, sizeof *bg->with_first);
    bg->nwith = hg_xcalloc((size_t)t->nrows + 1, sizeof *bg->nwith);
    double *p = hg_xcalloc((size_t)t->nrows + 1, sizeof *p);
    for (int r = 0; r < t->nrows; r++) {
        bg->row[r] = hg_row_code(t, r, "code", master, what, d);
        /* the codes billed with it */
        int with[BG_MAX_WITH];
        int nw = hg_row_code_list(t, r, "with", master, what, with, BG_MAX_WITH, d);
        bg->with_first[r] = bg->nwrows;
        hg_vec_reserve_((void **)&bg->wrows, &bg->wrows_cap, bg->nwrows + nw, sizeof *bg->wrows);
        for (int i = 0; i < nw; i++) bg->wrows[bg->nwrows++] = with[i];
        bg->nwith[r] = nw;
    }
    for (int b = 0; b < bg->nbands; b++) {
        double sum = 0;
        for (int r = 0; r < t->nrows; r++) {
            double x = 0;
            if (hg_mtab_num(t, r, bg->col[b], 0, 1, &x, d) == 0) sum += x;
            p[r] = x;
        }
        bg->mean[b] = sum;
        if (sum > 0) bg->pick[b] = gsl_ran_discrete_preproc((size_t)t->nrows, p);
    }
    free(p);
}

void hg_bgacts_free(hg_bgacts *bg)
{
    for (int b = 0; b < bg->nbands; b++)
        if (bg->pick[b]) gsl_ran_discrete_free(bg->pick[b]);
    hg_mtab_free(&bg->tab);
    free(bg->row);
    free(bg->with_first);
    free(bg->nwith);
    free(bg->wrows);
    memset(bg, 0, sizeof *bg);
}

int hg_bgacts_draw(const hg_bgacts *bg, gsl_rng *r, int age, int *out, int max)
{
    int b = -1, n = 0;
    for (int i = 0; i < bg->nbands && bg->from[i] <= age; i++) b = i;
    if (b < 0 || !bg->pick[b]) return 0;
    unsigned k = gsl_ran_poisson(r, bg->mean[b]);
    if (k > BG_MAX_DRAWS) k = BG_MAX_DRAWS;
    int drawn[BG_MAX_DRAWS];
    for (unsigned i = 0; i < k; i++) {
        int a = (int)gsl_ran_discrete(r, bg->pick[b]);
        int again = 0;
        for (unsigned j = 0; j < i; j++) again |= drawn[j] == a;
        drawn[i] = a;
        if (again) continue; /* each act at most once a visit */
        if (n < max) out[n++] = bg->row[a];
        for (int w = 0; w < bg->nwith[a] && n < max; w++)
            out[n++] = bg->wrows[bg->with_first[a] + w];
    }
    return n;
}
