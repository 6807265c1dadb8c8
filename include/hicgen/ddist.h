/* hicgen — a discrete distribution of whole numbers written in a data file as "28:0.45;56:0.35;
 * 84:0.2" (value:share, shares summing to 1), or as one whole number ("3": always 3): days between
 * visits, days supplied, visits per episode. */
#ifndef HICGEN_DDIST_H
#define HICGEN_DDIST_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

typedef struct hg_ddist {
    int n;
    int *val;
    double *p;
    gsl_ran_discrete_t *t;
} hg_ddist;

/* Parses text (empty: no distribution, n = 0). Returns 0, or -1 with a reason in *why: a value
 * that is not a whole number from 0 to 100000, a share outside [0, 1], shares not summing to 1
 * (±0.01). */
int hg_ddist_parse(hg_ddist *d, const char *text, const char **why);
/* A draw (0 when the distribution is empty). */
int hg_ddist_draw(const hg_ddist *d, gsl_rng *r);
double hg_ddist_mean(const hg_ddist *d);
/* The value at quantile u in [0, 1) of the values in ascending order (0 when empty): draws made
 * with correlated u are comonotonic. */
int hg_ddist_quantile(const hg_ddist *d, double u);
void hg_ddist_free(hg_ddist *d);

#endif
