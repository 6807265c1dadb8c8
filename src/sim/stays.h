/* hicgen — the procedures of a stay and the length they give it (sim/stays.c), for model.c and
 * person.c. */
#ifndef HICGEN_SIM_STAYS_H
#define HICGEN_SIM_STAYS_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "hicgen/person.h"

/* Loads masters/med/stay_procedures.csv's procedures (the rows that start one) into m. */
void hg_stay_procs_load(hg_model *m, const char *masters_dir, hg_diag *d);
void hg_stay_procs_free(hg_model *m);
/* Picks the procedures of each of p's stays (in date order) and, where one has its own mean
 * length, redraws the stay's length from its own stream. */
void hg_stays_plan(const hg_model *m, const hg_period *per, uint64_t seed, gsl_rng *r,
                   hg_person *p);

#endif
