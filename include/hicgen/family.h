/* hicgen — record families as plug-ins.
 *
 * A record family (医科・DPC, 調剤, 歯科, 特定健診・保健指導, 介護) is one hg_family: its record
 * kinds, how to load and free its parameters and masters, an optional life-course hook and a
 * per-person emitter, all with one signature. The engine owns the families' state; the
 * population model knows none of them. The family table (src/families/families.c) fixes the
 * order in which the families of a person run: every life-course hook first (after the person's
 * life is simulated), then every emitter. What one family hands another goes through the
 * person's history (history.h), declared with HG_HIST_* flags and checked against that order.
 *
 * Adding a family: a folder src/families/<name>/ with its records (X-macro field lists), its
 * parameters (specs/model/<name>.yaml, bound with params.h), its masters (masters/<name>/), an
 * hg_family value, and a row in the family table; then table specs in specs/tables/ that name
 * its record kinds. See docs/DEVELOPING.md. */
#ifndef HICGEN_FAMILY_H
#define HICGEN_FAMILY_H

#include <gsl/gsl_rng.h>
#include "hicgen/diag.h"
#include "hicgen/emit.h"
#include "hicgen/history.h"
#include "hicgen/model.h"
#include "hicgen/person.h"

/* What a family's hooks see while one person is generated. Everything but r, e, scratch and h
 * is shared read-only between the worker threads. */
typedef struct hg_fx {
    const hg_model *m;    /* the population model, shared masters, conditions */
    const hg_period *per; /* the study period */
    uint64_t seed;        /* the dataset's seed: streams are keyed by (seed, person, purpose) */
    const void *state;    /* the family's loaded parameters and masters */
    void *scratch;        /* the family's per-worker scratch (scratch_size bytes, zeroed once) */
    gsl_rng *r;           /* the worker's generator; re-key it (hg_rng_stream) before use */
    hg_emitter *e;        /* where records go */
    int kind0;            /* registry index of the family's first record kind */
    hg_history *h;        /* the person's history */
} hg_fx;

/* Emits a record of the family's own kind k (0-based in its kinds table). */
static inline void hg_fx_emit(const hg_fx *fx, int k, const hg_value *v)
{
    hg_emit(fx->e, fx->kind0 + k, v);
}

typedef struct hg_family {
    const char *name;  /* short name: "med", "pharmacy", ...; its params are model/<name>.yaml */
    const char *title; /* what it produces, for messages and documentation */
    const hg_reckind *kinds;
    int nkinds;
    /* history flags: written by the life hook, written by the emitter, read by the emitter */
    unsigned life_writes, writes, reads;
    /* Loads parameters and masters into *state (set even on failure, for free). Reports every
     * problem to d; returns 0 or -1. */
    int (*load)(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d);
    void (*free)(void *state);
    /* Optional: the family's masters output as tables. Returns how many were put in out. */
    int (*masters)(void *state, hg_mtab **out, int max);
    /* Per-worker scratch: size (0 = none) and an optional release of what it points to. */
    size_t scratch_size;
    void (*scratch_free)(void *scratch);
    /* Optional: runs after the person's life is simulated; may add to the history. */
    void (*life)(const hg_fx *fx, const hg_person *p);
    /* Emits the person's records. */
    void (*emit)(const hg_fx *fx, const hg_person *p);
} hg_family;

/* The family table, in run order. */
extern const hg_family *const hg_families[];
extern const int hg_nfamilies;

/* Checks that every history a family reads is written by a life hook or by an earlier
 * emitter. Returns 0, or -1 with the problem reported. */
int hg_families_check(const hg_family *const *fs, int n, hg_diag *d);

/* X-macro helpers for a family's record kinds. A field list LIST(X, P) gives the field enum
 * P_name ... P__N (in a header) and the field table P_fields (in one .c file); a kind list
 * X(kind id, "kind name", P) gives the family's kind enum and its hg_reckind table. */
#define HG_X_ENUM(P, name, kind)    P##_##name,
#define HG_X_FIELD(P, name, kind)   {#name, HG_V_##kind},
#define HG_FIELD_ENUM(LIST, P)      enum { LIST(HG_X_ENUM, P) P##__N }
#define HG_FIELD_TABLE(LIST, P)     const hg_field P##_fields[P##__N] = {LIST(HG_X_FIELD, P)}
#define HG_X_KIND_ENUM(id, name, P) id,
#define HG_X_KIND(id, name, P)      [id] = {name, P##__N, P##_fields},

#endif
