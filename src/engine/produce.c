/* hicgen — the generation pipeline.
 *
 * Persons are cut into chunks at fixed global boundaries. Worker threads simulate chunks into
 * their slot's emitter (one CSV buffer per table; gzip members when compressing) and the
 * calling thread hands slots to the sink strictly in chunk order. Output therefore never
 * depends on the number of threads, and at most `slots` chunks are in memory whatever the
 * population size. */
#include "hicgen/produce.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <zlib.h>
#include <assert.h>
#include <stdatomic.h>
#include "hicgen/alloc.h"
#include "hicgen/emit.h"
#include "hicgen/family.h"
#include "hicgen/worker.h"
#include "hicgen/rng.h"

enum { SLOT_FREE = 0, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
    int state;
    long chunk;
    hg_emitter em;
    hg_buf *gz; /* per table: compressed chunk */
} slot;

typedef struct run {
    hg_engine *g;
    const hg_dataset *ds;
    const hg_run *run;
    int gzip;
    hg_period per;
    uint64_t lo, hi; /* person range of this shard */
    long nchunks;
    int chunk;
    slot *slots;
    int nslots;
    long next_chunk;
    atomic_int stop; /* a failure or cancellation: workers finish quickly */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} run;

int hg_gzip_member(hg_buf *out, const char *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* windowBits 15+16: gzip wrapper; zlib writes a zero mtime unless given a header */
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    hg_buf_clear(out);
    size_t bound = deflateBound(&z, (uLong)n);
    hg_buf_reserve(out, bound + 1);
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out->p;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    out->len = bound - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

void hg_shard_range(const hg_dataset *ds, uint64_t *lo, uint64_t *hi)
{
    *lo = ds->persons * (uint64_t)(ds->shard_k - 1) / (uint64_t)ds->shard_n;
    *hi = ds->persons * (uint64_t)ds->shard_k / (uint64_t)ds->shard_n;
}

static int stopping(run *r)
{
    return atomic_load(&r->stop) || hg_cancelled(r->run);
}

static void chunk_range(const run *r, long j, uint64_t *a, uint64_t *b)
{
    uint64_t c = (uint64_t)r->chunk;
    uint64_t first = r->lo / c * c; /* global boundary at or before lo */
    *a = first + (uint64_t)j * c;
    *b = *a + c;
    if (*a < r->lo) *a = r->lo;
    if (*b > r->hi) *b = r->hi;
}

static void *worker(void *arg)
{
    run *r = arg;
    hg_engine *g = r->g;
    hg_worker *w = hg_worker_new(g, &r->per, r->ds->seed);
    for (;;) {
        pthread_mutex_lock(&r->mu);
        long j = r->next_chunk;
        if (j >= r->nchunks || atomic_load(&r->stop)) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        r->next_chunk++;
        slot *s = &r->slots[j % r->nslots];
        while (s->state != SLOT_FREE && !atomic_load(&r->stop)) pthread_cond_wait(&r->cv, &r->mu);
        if (atomic_load(&r->stop)) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        s->state = SLOT_BUSY;
        s->chunk = j;
        pthread_mutex_unlock(&r->mu);

        uint64_t a, b;
        chunk_range(r, j, &a, &b);
        hg_emitter_reset(&s->em);
        for (uint64_t i = a; i < b && !stopping(r); i++) {
            hg_emitter_person(&s->em, i);
            hg_worker_live(w, i);
            hg_worker_emit(w, &s->em);
        }
        if (r->gzip)
            for (int t = 0; t < g->specs.ntables; t++)
                if (s->em.rows[t]) hg_gzip_member(&s->gz[t], s->em.bufs[t].p, s->em.bufs[t].len);

        pthread_mutex_lock(&r->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
    hg_worker_free(w);
    return NULL;
}

/* The master tables, as record kinds of their own, filled from the loaded masters. A row the
 * NDB layout cannot hold (a whole official master has a few: ステミラック注 costs 15,234,750 yen,
 * more than tnds_m_medicine.nnp_price's numeric(9,2)) is left out with a warning, as the NDB's
 * own table could not have it; the project's masters have none (tests/cli). */
static int produce_masters(hg_engine *g, const hg_dataset *ds, const hg_sink *sink,
                           const hg_run *rn, hg_diag *d)
{
    const hg_specset *s = &g->specs;
    hg_emitter em;
    hg_emitter_init(&em, s, g->reg.nkinds, ds->seed);
    hg_emitter_person(&em, UINT64_MAX);
    hg_value v[HG_MAX_FIELDS];
    for (int i = 0; i < g->nmasters; i++) {
        const hg_mtab *mt = g->masters[i];
        const hg_reckind *rk = &mt->kind;
        /* a master wider than a value array is refused at load (master.c) */
        assert(mt->ncols <= HG_MAX_FIELDS);
        for (int row = 0; row < mt->nrows; row++) {
            for (int c = 0; c < mt->ncols; c++) {
                const char *cell = hg_mtab_cell(mt, row, c);
                hg_vkind k = rk->fields[c].kind;
                v[c] = !*cell          ? hg_vnull()
                       : k == HG_V_INT ? hg_vint(strtoll(cell, NULL, 10))
                       : k == HG_V_DEC ? hg_vdec_text(cell)
                                       : hg_vstr(cell);
            }
            const hg_table *t;
            const hg_column *c = hg_emit_misfit(&em, g->master_kind[i], v, &t);
            if (c) {
                hg_tell(rn, HG_EV_WARNING, "generate",
                        "%s: code %s of its master left out: %s '%s' does not fit the NDB "
                        "layout's column type",
                        t->name, hg_mtab_key(mt, row), c->name, hg_mtab_cell(mt, row, c->field));
                continue;
            }
            hg_emit(&em, g->master_kind[i], v);
        }
    }
    int status = HG_OK;
    if (em.error[0]) {
        hg_diag_at(d, em.err_file, em.err_line, em.err_col, "%s", em.error);
        status = HG_ERR_INPUT;
    }
    hg_buf gz = {0};
    for (int t = 0; t < s->ntables && !status; t++) {
        if (!em.rows[t]) continue;
        const hg_buf *part = &em.bufs[t];
        if (sink->gzip) {
            if (hg_gzip_member(&gz, em.bufs[t].p, em.bufs[t].len)) {
                hg_diag_err(d, s->tables[t].name, "compression failed");
                status = HG_ERR_RUNTIME;
                break;
            }
            part = &gz;
        }
        if (sink->part(sink->ctx, t, part, em.rows[t])) status = HG_ERR_RUNTIME;
    }
    hg_buf_free(&gz);
    hg_emitter_free(&em);
    return status;
}

/* Hands the chunks to the sink in order as the workers finish them. */
static int consume(run *r, const hg_sink *sink, hg_diag *d)
{
    int nt = r->g->specs.ntables, status = HG_OK;
    for (long j = 0; j < r->nchunks && !status; j++) {
        slot *sl = &r->slots[j % r->nslots];
        pthread_mutex_lock(&r->mu);
        while (!(sl->state == SLOT_DONE && sl->chunk == j) && !hg_cancelled(r->run))
            pthread_cond_wait(&r->cv, &r->mu);
        pthread_mutex_unlock(&r->mu);
        if (hg_cancelled(r->run)) return HG_ERR_INTERRUPTED;
        if (sl->em.error[0]) {
            hg_diag_at(d, sl->em.err_file, sl->em.err_line, sl->em.err_col, "%s", sl->em.error);
            return HG_ERR_INPUT;
        }
        for (int t = 0; t < nt && !status; t++) {
            uint64_t rows = sl->em.rows[t];
            if (!rows) continue;
            const hg_buf *part = r->gzip ? &sl->gz[t] : &sl->em.bufs[t];
            if (sink->part(sink->ctx, t, part, rows))
                status = hg_cancelled(r->run) ? HG_ERR_INTERRUPTED : HG_ERR_RUNTIME;
        }
        pthread_mutex_lock(&r->mu);
        sl->state = SLOT_FREE;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (sink->tick && !status) {
            uint64_t a, b;
            chunk_range(r, j, &a, &b);
            sink->tick(sink->ctx, b - r->lo, r->hi - r->lo);
        }
    }
    return status;
}

int hg_produce(hg_engine *g, const hg_dataset *ds, const hg_run *rn, const hg_sink *sink,
               hg_diag *d)
{
    run r;
    memset(&r, 0, sizeof r);
    r.g = g;
    r.ds = ds;
    r.run = rn;
    r.gzip = sink->gzip;
    atomic_init(&r.stop, 0);
    hg_period_init(&r.per, ds->start_ym, ds->months, ds->persons);
    hg_shard_range(ds, &r.lo, &r.hi);
    r.chunk = rn->chunk > 0 ? rn->chunk : 256;
    uint64_t first = r.lo / (uint64_t)r.chunk * (uint64_t)r.chunk;
    r.nchunks =
        r.hi > r.lo ? (long)((r.hi - first + (uint64_t)r.chunk - 1) / (uint64_t)r.chunk) : 0;
    int threads = rn->threads > 0 ? rn->threads : 1;
    r.nslots = 2 * threads + 2;
    int nt = g->specs.ntables;

    /* master tables: in the first shard only, so that shards concatenate to the whole */
    int status = ds->shard_k == 1 ? produce_masters(g, ds, sink, rn, d) : HG_OK;
    if (status) return status;

    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);
    pthread_t *th = hg_xcalloc((size_t)threads, sizeof *th);
    r.slots = hg_xcalloc((size_t)r.nslots, sizeof *r.slots);
    for (int i = 0; i < r.nslots; i++) {
        hg_emitter_init(&r.slots[i].em, &g->specs, g->reg.nkinds, ds->seed);
        r.slots[i].gz = hg_xcalloc((size_t)nt, sizeof *r.slots[i].gz);
    }
    int started = 0;
    for (; started < threads; started++)
        if (pthread_create(&th[started], NULL, worker, &r) != 0) break;
    if (started == 0) {
        hg_diag_err(d, "hicgen", "cannot start worker threads");
        status = HG_ERR_RUNTIME;
    } else
        status = consume(&r, sink, d);
    pthread_mutex_lock(&r.mu);
    atomic_store(&r.stop, 1);
    pthread_cond_broadcast(&r.cv);
    pthread_mutex_unlock(&r.mu);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    if (hg_cancelled(rn) && !status) status = HG_ERR_INTERRUPTED;
    for (int i = 0; i < r.nslots; i++) {
        hg_emitter_free(&r.slots[i].em);
        for (int t = 0; t < nt; t++) hg_buf_free(&r.slots[i].gz[t]);
        free(r.slots[i].gz);
    }
    free(r.slots);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.cv);
    return status;
}
