/* hicgen — 歯科: the family's entry points shared by its files (dental_load.c, dental.c). */
#ifndef HICGEN_FAMILIES_DENTAL_INTERNAL_H
#define HICGEN_FAMILIES_DENTAL_INTERNAL_H

#include "hicgen/family.h"

int hg_dental_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_dental_free(void *state);
int hg_dental_masters(void *state, hg_mtab **out, int max);

#endif
