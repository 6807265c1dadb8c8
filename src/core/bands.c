/* hicgen — rates by age band. */
#include "hicgen/bands.h"

double hg_band_rate(const hg_band_rates *r, int sex, int age)
{
    double v = 0;
    for (int i = 0; i < r->n && r->from[i] <= age; i++) v = sex == HG_SEX_M ? r->m[i] : r->f[i];
    return v;
}
