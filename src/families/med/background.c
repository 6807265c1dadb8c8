/* hicgen — 医科: the background of outpatient practice. The condition catalogue bills what a
 * condition's pathway calls for; real outpatient receipts also carry the imaging, tests,
 * injections, procedures, rehabilitation and minor surgery of everything the catalogue does not
 * model. masters/med/background_acts.csv gives, for each such act, the probability that an
 * outpatient visit-day of an age band bills it (national FY2022 counts over national visit-days;
 * see the file's README). A visit draws how many (Poisson, mean the band's sum) and which (in
 * proportion to their probabilities), each at most once, with the acts always billed with it. */
#include <ctype.h>
#include <gsl/gsl_randist.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/mrow.h"

enum { BG_MAX_DRAWS = 12 }; /* a bound on one visit's draws (the means are well below 1) */
enum { BG_MAX_WITH = 8 };   /* codes billed with one act (a load-time limit, reported) */

void med_background_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    med_background *bg = &md->bg;
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "background_acts.csv");
    static const char *const req[] = {"code", "with", NULL};
    hg_mtab *t = &bg->tab;
    if (hg_mtab_load(t, "background_acts", path, req, 0, d)) return;
    /* the age bands: columns p_<age from>, ascending */
    for (int c = 0; c < t->ncols; c++) {
        const char *name = t->cols[c];
        if (strncmp(name, "p_", 2) || !isdigit((unsigned char)name[2])) continue;
        int from = atoi(name + 2);
        if (bg->nbands == MED_BG_BANDS || (bg->nbands && from <= bg->from[bg->nbands - 1])) {
            hg_diag_at(d, t->file, 1, c + 1,
                       "age band columns p_<age> must ascend (at most %d of them)", MED_BG_BANDS);
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
        bg->row[r] = hg_row_code(t, r, "code", &m->prac_act, "診療行為", d);
        /* the codes billed with it */
        int with[BG_MAX_WITH];
        int nw = hg_row_code_list(t, r, "with", &m->prac_act, "診療行為", with, BG_MAX_WITH, d);
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

void med_background_free(hg_med *md)
{
    med_background *bg = &md->bg;
    for (int b = 0; b < bg->nbands; b++)
        if (bg->pick[b]) gsl_ran_discrete_free(bg->pick[b]);
    hg_mtab_free(&bg->tab);
    free(bg->row);
    free(bg->with_first);
    free(bg->nwith);
    free(bg->wrows);
}

void med_background_acts(ctx *c, int age, int *nacts)
{
    const med_background *bg = &c->md->bg;
    int b = -1;
    for (int i = 0; i < bg->nbands && bg->from[i] <= age; i++) b = i;
    if (b < 0 || !bg->pick[b]) return;
    unsigned k = gsl_ran_poisson(c->r, bg->mean[b]);
    if (k > BG_MAX_DRAWS) k = BG_MAX_DRAWS;
    int drawn[BG_MAX_DRAWS];
    for (unsigned i = 0; i < k; i++) {
        int r = (int)gsl_ran_discrete(c->r, bg->pick[b]);
        int again = 0;
        for (unsigned j = 0; j < i; j++) again |= drawn[j] == r;
        drawn[i] = r;
        if (again) continue; /* each act at most once a visit */
        med_add_act(c, bg->row[r], nacts);
        for (int w = 0; w < bg->nwith[r]; w++)
            med_add_act(c, bg->wrows[bg->with_first[r] + w], nacts);
    }
}
