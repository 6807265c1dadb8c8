/* hicgen — the generation pipeline.
 *
 * Persons are cut into chunks at fixed global boundaries. Worker threads simulate chunks into
 * their slot's emitter (one CSV buffer per table; gzip members when compressing) and the
 * calling thread hands slots to the sink strictly in chunk order. Output therefore never
 * depends on the number of threads, and at most `slots` chunks are in memory whatever the
 * population size. */
#include "hicgen/produce.h"

#include "hicgen/hash.h"
#include "hicgen/json.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <zlib.h>
#include <assert.h>
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
    const hg_genopts *o;
    hg_period per;
    uint64_t lo, hi; /* person range of this shard */
    long nchunks;
    int chunk;
    slot *slots;
    int nslots;
    long next_chunk;
    int stop; /* a failure or interrupt: workers finish quickly */
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

void hg_shard_range(const hg_genopts *o, uint64_t *lo, uint64_t *hi)
{
    *lo = o->persons * (uint64_t)(o->shard_k - 1) / (uint64_t)o->shard_n;
    *hi = o->persons * (uint64_t)o->shard_k / (uint64_t)o->shard_n;
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
    hg_worker *w = hg_worker_new(g, &r->per, r->o->seed);
    for (;;) {
        pthread_mutex_lock(&r->mu);
        long j = r->next_chunk;
        if (j >= r->nchunks || r->stop) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        r->next_chunk++;
        slot *s = &r->slots[j % r->nslots];
        while (s->state != SLOT_FREE && !r->stop) pthread_cond_wait(&r->cv, &r->mu);
        if (r->stop) {
            pthread_mutex_unlock(&r->mu);
            break;
        }
        s->state = SLOT_BUSY;
        s->chunk = j;
        pthread_mutex_unlock(&r->mu);

        uint64_t a, b;
        chunk_range(r, j, &a, &b);
        hg_emitter_reset(&s->em);
        for (uint64_t i = a; i < b && !hg_interrupted && !r->stop; i++) {
            hg_emitter_person(&s->em, i);
            hg_worker_live(w, i);
            hg_worker_emit(w, &s->em);
        }
        if (r->o->gzip)
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

/* The master tables, as record kinds of their own, filled from the loaded masters. */
static int produce_masters(hg_engine *g, const hg_genopts *o, const hg_sink *sink, hg_diag *d)
{
    const hg_specset *s = &g->specs;
    hg_emitter em;
    hg_emitter_init(&em, s, g->reg.nkinds, o->seed);
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
                v[c] = !*cell                           ? hg_vnull()
                       : rk->fields[c].kind == HG_V_INT ? hg_vint(strtoll(cell, NULL, 10))
                                                        : hg_vstr(cell);
            }
            hg_emit(&em, g->master_kind[i], v);
        }
    }
    int status = HG_OK;
    if (em.error[0]) {
        hg_diag_err(d, "masters", "%s", em.error);
        status = HG_ERR_INPUT;
    }
    hg_buf gz = {0};
    for (int t = 0; t < s->ntables && !status; t++) {
        if (!em.rows[t]) continue;
        const hg_buf *part = &em.bufs[t];
        if (o->gzip) {
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

int hg_produce(hg_engine *g, const hg_genopts *o, const hg_sink *sink, hg_diag *d)
{
    run r;
    memset(&r, 0, sizeof r);
    r.g = g;
    r.o = o;
    hg_period_init(&r.per, o->start_ym, o->months);
    hg_shard_range(o, &r.lo, &r.hi);
    r.chunk = o->chunk > 0 ? o->chunk : 256;
    uint64_t first = r.lo / (uint64_t)r.chunk * (uint64_t)r.chunk;
    r.nchunks =
        r.hi > r.lo ? (long)((r.hi - first + (uint64_t)r.chunk - 1) / (uint64_t)r.chunk) : 0;
    int threads = o->threads > 0 ? o->threads : 1;
    r.nslots = 2 * threads + 2;
    const hg_specset *s = &g->specs;
    int nt = s->ntables;

    /* master tables: in the first shard only, so that shards concatenate to the whole */
    int status = o->shard_k == 1 ? produce_masters(g, o, sink, d) : HG_OK;
    if (status) return status;

    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);
    pthread_t *th = calloc((size_t)threads, sizeof *th);
    r.slots = calloc((size_t)r.nslots, sizeof *r.slots);
    for (int i = 0; i < r.nslots; i++) {
        hg_emitter_init(&r.slots[i].em, s, g->reg.nkinds, o->seed);
        r.slots[i].gz = calloc((size_t)nt, sizeof *r.slots[i].gz);
    }
    int started = 0;
    for (; started < threads; started++)
        if (pthread_create(&th[started], NULL, worker, &r) != 0) break;
    if (started == 0) {
        hg_diag_err(d, "hicgen", "cannot start worker threads");
        status = HG_ERR_RUNTIME;
    }
    for (long j = 0; j < r.nchunks && !status; j++) {
        slot *sl = &r.slots[j % r.nslots];
        pthread_mutex_lock(&r.mu);
        while (!(sl->state == SLOT_DONE && sl->chunk == j) && !hg_interrupted)
            pthread_cond_wait(&r.cv, &r.mu);
        pthread_mutex_unlock(&r.mu);
        if (hg_interrupted) {
            status = HG_ERR_INTERRUPTED;
            break;
        }
        if (sl->em.error[0]) {
            hg_diag_err(d, "specs", "%s", sl->em.error);
            status = HG_ERR_INPUT;
            break;
        }
        for (int t = 0; t < nt && !status; t++) {
            uint64_t rows = sl->em.rows[t];
            if (!rows) continue;
            const hg_buf *part = o->gzip ? &sl->gz[t] : &sl->em.bufs[t];
            if (sink->part(sink->ctx, t, part, rows))
                status = hg_interrupted ? HG_ERR_INTERRUPTED : HG_ERR_RUNTIME;
        }
        pthread_mutex_lock(&r.mu);
        sl->state = SLOT_FREE;
        pthread_cond_broadcast(&r.cv);
        pthread_mutex_unlock(&r.mu);
        if (sink->tick && !status) {
            uint64_t a, b;
            chunk_range(&r, j, &a, &b);
            sink->tick(sink->ctx, b - r.lo, r.hi - r.lo);
        }
    }
    pthread_mutex_lock(&r.mu);
    r.stop = 1;
    pthread_cond_broadcast(&r.cv);
    pthread_mutex_unlock(&r.mu);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    if (hg_interrupted && !status) status = HG_ERR_INTERRUPTED;
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

/* ---- manifest ---- */

static void json_inputs(hg_buf *b, const char *key, const char *dir, const char *suffix)
{
    hg_diag quiet;
    hg_diag_init(&quiet, NULL);
    char **files = hg_list_dir(dir, suffix, &quiet);
    hg_diag_free(&quiet);
    hg_buf_printf(b, "  \"%s\": [", key);
    int first = 1;
    for (char **f = files; f && *f; f++) {
        char sum[65];
        if (hg_sha256_file(*f, sum)) continue;
        const char *base = strrchr(*f, '/') ? strrchr(*f, '/') + 1 : *f;
        hg_buf_puts(b, first ? "\n    {\"file\": " : ",\n    {\"file\": ");
        hg_json_str(b, base);
        hg_buf_printf(b, ", \"sha256\": \"%s\"}", sum);
        first = 0;
    }
    hg_buf_puts(b, first ? "]" : "\n  ]");
    hg_free_list(files);
}

void hg_write_manifest(hg_buf *b, const hg_engine *g, const hg_genopts *o, const hg_tableout *outs)
{
    const hg_specset *s = &g->specs;
    uint64_t lo, hi;
    hg_shard_range(o, &lo, &hi);
    hg_buf_puts(b, "{\n  \"generator\": \"hicgen\",\n  \"version\": \"" HICGEN_VERSION "\",\n");
    hg_buf_puts(b, "  \"fictitious\": true,\n");
    hg_buf_printf(
        b,
        "  \"options\": {\"persons\": %llu, \"start\": \"%04d-%02d\", \"months\": %d, "
        "\"seed\": %llu, \"gzip\": %s, \"shard\": \"%d/%d\", \"official_masters\": %s},\n",
        (unsigned long long)o->persons, o->start_ym / 100, o->start_ym % 100, o->months,
        (unsigned long long)o->seed, o->gzip ? "true" : "false", o->shard_k, o->shard_n,
        g->paths.official_dir ? "true" : "false");
    hg_buf_printf(b, "  \"person_range\": [%llu, %llu],\n", (unsigned long long)lo,
                  (unsigned long long)hi);
    json_inputs(b, "specs", g->paths.specs_dir, ".yaml");
    hg_buf_puts(b, ",\n");
    json_inputs(b, "masters", g->paths.masters_dir, ".csv");
    hg_buf_puts(b, ",\n");
    if (g->paths.official_dir) {
        json_inputs(b, "official_masters", g->paths.official_dir, ".csv");
        hg_buf_puts(b, ",\n");
    }
    hg_buf_puts(b, "  \"files\": [");
    for (int t = 0; t < s->ntables; t++) {
        hg_buf_puts(b, t ? ",\n    {\"file\": " : "\n    {\"file\": ");
        hg_json_str(b, outs[t].name);
        hg_buf_printf(b,
                      ", \"table\": \"%s\", \"rows\": %llu, \"bytes\": %llu, \"sha256\": \"%s\"}",
                      s->tables[t].name, (unsigned long long)outs[t].rows,
                      (unsigned long long)outs[t].bytes, outs[t].sha256);
    }
    hg_buf_puts(b, "\n  ]\n}\n");
}
