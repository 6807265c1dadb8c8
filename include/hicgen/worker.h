/* hicgen — one worker's means to generate persons: its random generator, a person and their
 * history, and each family's scratch, all reused from person to person. A person is generated
 * in two steps: live (the life course, then every family's life-course hook) and emit (every
 * family's records, in family-table order). Workers share nothing mutable. */
#ifndef HICGEN_WORKER_H
#define HICGEN_WORKER_H

#include "hicgen/emit.h"
#include "hicgen/engine.h"
#include "hicgen/history.h"
#include "hicgen/person.h"

typedef struct hg_worker hg_worker;

hg_worker *hg_worker_new(const hg_engine *g, const hg_period *per, uint64_t seed);
void hg_worker_free(hg_worker *w);
/* Simulates person idx: life course, then the families' life hooks. The person stays valid
 * until the next call. */
const hg_person *hg_worker_live(hg_worker *w, uint64_t idx);
/* Writes every family's records of the person last lived into e. */
void hg_worker_emit(hg_worker *w, hg_emitter *e);
/* The person's history (for tests that hand a family a history of their own). */
hg_history *hg_worker_history(hg_worker *w);
/* Runs one family's emitter only. Returns -1 when there is no such family. */
int hg_worker_emit_family(hg_worker *w, const char *family, hg_emitter *e);
/* The per-worker scratch of a family (e.g. the 介護 family's timeline of the person last
 * lived), or NULL: for tests that look inside a family. */
void *hg_worker_scratch(hg_worker *w, const char *family);

#endif
