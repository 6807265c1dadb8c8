/* hicgen — 医科 receipts (入院外 and 入院) of one person, month by month, as NDB records:
 * IR, RE, HO or KO, SY, SI, IY, CO, all joined by seq2_no. */
#ifndef HICGEN_MEDREC_H
#define HICGEN_MEDREC_H

#include <gsl/gsl_rng.h>
#include "hicgen/emit.h"
#include "hicgen/person.h"
#include "families/rx.h"

/* Emits every 医科 receipt of person p over the period. r is the worker's generator. The 院外
 * prescriptions written and all drug claims are appended to out (NULL: not kept). */
void hg_med_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                   gsl_rng *r, hg_emitter *e, hg_med_out *out);
/* 薬剤料 points of one 剤 from its price in yen ×10^7: 15 yen or less is 1 point, then one
 * more point for every 10 yen or part of it. */
int hg_drug_points(int64_t yen_1e7);

#endif
