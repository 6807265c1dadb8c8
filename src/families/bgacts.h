/* hicgen — background acts: the long tail of acts that a family's pathways do not bill, each with
 * the probability that a visit-day of an age band bills it (national FY2022 counts over national
 * visit-days). 医科 (masters/med/background_acts.csv) and 歯科 (masters/dental/background_acts.csv)
 * share the file layout — code, with (codes always billed with it, separated by |), p_<age from>
 * columns ascending from p_0 — and the drawing: a visit draws how many (Poisson, mean the band's
 * sum) and which (in proportion to their probabilities), each at most once. */
#ifndef HICGEN_FAMILIES_BGACTS_H
#define HICGEN_FAMILIES_BGACTS_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include "hicgen/diag.h"
#include "hicgen/master.h"

enum { HG_BG_BANDS = 16 };
typedef struct hg_bgacts {
    hg_mtab tab;
    int nbands, from[HG_BG_BANDS], col[HG_BG_BANDS]; /* age bands: first age, column */
    double mean[HG_BG_BANDS];                        /* expected acts per visit-day */
    gsl_ran_discrete_t *pick[HG_BG_BANDS];           /* which act, by band */
    int *row;                                        /* master row of each act */
    int *with_first, *nwith;                         /* its companions: wrows[first ..] */
    int *wrows, nwrows, wrows_cap;
} hg_bgacts;

/* Loads the file at path; codes are rows of master (what names it in messages). Problems are
 * reported to d. */
void hg_bgacts_load(hg_bgacts *bg, const char *path, const hg_mtab *master, const char *what,
                    hg_diag *d);
void hg_bgacts_free(hg_bgacts *bg);
/* One visit-day's acts for a person of age: master rows into out, each act followed by those
 * billed with it; returns how many (at most max). */
int hg_bgacts_draw(const hg_bgacts *bg, gsl_rng *r, int age, int *out, int max);

#endif
