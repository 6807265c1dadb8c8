/* hicgen — 調剤 (pharmacy) receipts: the 院外 prescriptions of the 医科 side, filled at a
 * pharmacy in the same month, as NDB records YK, RE, HO/KO, SH, CZ, IY, KI. */
#ifndef HICGEN_PHARMACY_H
#define HICGEN_PHARMACY_H

#include <gsl/gsl_rng.h>
#include "hicgen/emit.h"
#include "hicgen/person.h"
#include "families/rx.h"

/* Emits the pharmacy receipts of person p for the prescriptions in rx. */
void hg_pha_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                   const hg_rx_log *rx, gsl_rng *r, hg_emitter *e);

#endif
