/* hicgen — the payment fund's official master files (`--official-masters DIR`): found below DIR
 * by the patterns of specs/official_masters.yaml, read (CSV, TXT or a .zip holding one) with the
 * field positions given there, so that the master has the NDB column names, the same as the
 * project's own masters/ files. */
#ifndef HICGEN_OFFICIAL_H
#define HICGEN_OFFICIAL_H

#include "hicgen/diag.h"
#include "hicgen/master.h"

/* Loads official master `name` (a key of official_masters.yaml in specs_dir) from below dir into
 * m. Returns 1 when loaded, 0 when dir holds no file for it (nothing reported: the caller may
 * fall back to the project's master), -1 after reporting a problem. */
int hg_official_load(hg_mtab *m, const char *name, const char *specs_dir, const char *dir,
                     hg_diag *d);

#endif
