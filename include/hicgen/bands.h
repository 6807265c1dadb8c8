/* hicgen — rates by age band and sex (prevalence, incidence, mortality, shares). */
#ifndef HICGEN_BANDS_H
#define HICGEN_BANDS_H

#define HG_MAX_BANDS 32

enum { HG_SEX_M = 1, HG_SEX_F = 2 };

typedef struct hg_band_rates {
    int n;
    int from[HG_MAX_BANDS]; /* first age of each band, ascending */
    double m[HG_MAX_BANDS], f[HG_MAX_BANDS];
} hg_band_rates;

/* The rate at an age for a sex (piecewise constant by band; 0 below the first band). */
double hg_band_rate(const hg_band_rates *r, int sex, int age);

#endif
