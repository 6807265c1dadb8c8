/* hicgen — the catalogue loader's entry points, for model.c (see clinical.c). */
#ifndef HICGEN_SIM_CLINICAL_LOAD_H
#define HICGEN_SIM_CLINICAL_LOAD_H

#include "hicgen/model.h"

/* Loads the tables already read into m (conds_tab … weights_tab) into the catalogue. */
void hg_clinical_load(hg_model *m, hg_diag *d);
void hg_clinical_free(hg_model *m);

#endif
