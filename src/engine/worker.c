/* hicgen — a worker: generates persons one at a time through the family table. */
#include "hicgen/worker.h"

#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/family.h"
#include "hicgen/rng.h"

struct hg_worker {
    const hg_engine *g;
    hg_period per;
    uint64_t seed;
    gsl_rng *r;
    hg_person p;
    hg_history h;
    void **scratch; /* per family */
};

hg_worker *hg_worker_new(const hg_engine *g, const hg_period *per, uint64_t seed)
{
    hg_worker *w = hg_xcalloc(1, sizeof *w);
    w->g = g;
    w->per = *per;
    w->seed = seed;
    w->r = hg_rng_alloc();
    w->scratch = hg_xcalloc((size_t)g->nfamilies + 1, sizeof *w->scratch);
    for (int i = 0; i < g->nfamilies; i++)
        if (g->fam[i].f->scratch_size) w->scratch[i] = hg_xcalloc(1, g->fam[i].f->scratch_size);
    return w;
}

void hg_worker_free(hg_worker *w)
{
    if (!w) return;
    for (int i = 0; i < w->g->nfamilies; i++) {
        if (w->scratch[i] && w->g->fam[i].f->scratch_free)
            w->g->fam[i].f->scratch_free(w->scratch[i]);
        free(w->scratch[i]);
    }
    free(w->scratch);
    hg_person_free(&w->p);
    hg_history_free(&w->h);
    gsl_rng_free(w->r);
    free(w);
}

static hg_fx fx_of(hg_worker *w, int i, hg_emitter *e)
{
    const hg_family_slot *s = &w->g->fam[i];
    return (hg_fx){.m = &w->g->model,
                   .per = &w->per,
                   .seed = w->seed,
                   .state = s->state,
                   .scratch = w->scratch[i],
                   .r = w->r,
                   .e = e,
                   .kind0 = s->kind0,
                   .h = &w->h};
}

const hg_person *hg_worker_live(hg_worker *w, uint64_t idx)
{
    hg_person_sim(&w->g->model, &w->per, w->seed, idx, w->r, &w->p);
    hg_history_reset(&w->h);
    for (int i = 0; i < w->g->nfamilies; i++) {
        if (!w->g->fam[i].f->life) continue;
        hg_fx fx = fx_of(w, i, NULL);
        w->g->fam[i].f->life(&fx, &w->p);
    }
    return &w->p;
}

void hg_worker_emit(hg_worker *w, hg_emitter *e)
{
    for (int i = 0; i < w->g->nfamilies; i++) {
        hg_fx fx = fx_of(w, i, e);
        w->g->fam[i].f->emit(&fx, &w->p);
    }
}

void *hg_worker_scratch(hg_worker *w, const char *family)
{
    for (int i = 0; i < w->g->nfamilies; i++)
        if (!strcmp(w->g->fam[i].f->name, family)) return w->scratch[i];
    return NULL;
}

hg_history *hg_worker_history(hg_worker *w)
{
    return &w->h;
}

int hg_worker_emit_family(hg_worker *w, const char *family, hg_emitter *e)
{
    for (int i = 0; i < w->g->nfamilies; i++)
        if (!strcmp(w->g->fam[i].f->name, family)) {
            hg_fx fx = fx_of(w, i, e);
            w->g->fam[i].f->emit(&fx, &w->p);
            return 0;
        }
    return -1;
}
