/* hicgen — the persons register family (see persons.c). */
#ifndef HICGEN_FAMILIES_PERSONS_H
#define HICGEN_FAMILIES_PERSONS_H

#include "hicgen/family.h"

extern const hg_family hg_family_persons;

#endif
