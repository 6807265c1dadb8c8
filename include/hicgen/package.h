/* hicgen — portal sample-set packages: a versioned .tar.gz of a generated dataset (gzip CSVs,
 * schema.sql, load.sql, manifest.json), a data dictionary generated from the specs, a README
 * and SHA256SUMS. Rebuilding with the same version, inputs and preset gives the same bytes:
 * entries in name order, fixed owner, mode and timestamp, gzip without a timestamp. */
#ifndef HICGEN_PACKAGE_H
#define HICGEN_PACKAGE_H

#include "hicgen/engine.h"
#include "hicgen/produce.h"

/* The timestamp of every archive entry unless SOURCE_DATE_EPOCH is set: this version's
 * release date (2026-11-26T00:00:00Z), so a rebuild never depends on the clock. */
#define HICGEN_RELEASE_EPOCH 1795651200LL

typedef struct hg_preset {
    char name[64];
    char desc_ja[512], desc_en[512];
    uint64_t persons, seed;
    int32_t start_ym;
    int months;
} hg_preset;

/* Reads preset `name` from a presets YAML file (presets: {NAME: {persons, start, months,
 * seed, description: {ja, en}}}). Returns 0, or -1 after reporting (naming the presets that
 * exist when name is not one of them). */
int hg_preset_load(const char *file, const char *name, hg_preset *p, hg_diag *d);

/* The data dictionary (Markdown): every table and column with its Japanese and English
 * description, type, source and codes; rows from outs when given. */
void hg_write_dictionary(hg_buf *b, const hg_specset *s, const hg_tableout *outs);

typedef struct hg_pkgopts {
    hg_preset preset;
    const char *out; /* directory the archive is written to */
    int force;       /* replace an existing archive */
    hg_run run;      /* threads, cancellation, events */
} hg_pkgopts;

/* Builds out/hicgen-<preset>-<version>-seed<seed>.tar.gz (and a .sha256 beside it) atomically;
 * the archive's path goes into path. Returns an HG_* status. */
int hg_package(hg_engine *g, const hg_pkgopts *o, char *path, size_t pathn, hg_diag *d);

#endif
