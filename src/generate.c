/* hicgen — the generation pipeline.
 *
 * Persons are cut into chunks at fixed global boundaries. Worker threads simulate chunks into
 * their slot's emitter (one CSV buffer per table; gzip members when compressing) and the main
 * thread writes slots strictly in chunk order. Output therefore never depends on the number
 * of threads, and at most `slots` chunks are in memory whatever the population size.
 * Everything is written into a temporary directory next to the target, fsync'ed and renamed
 * into place at the end, so an interrupted or failed run leaves nothing that looks complete. */
#include "hicgen/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <zlib.h>
#include "hicgen/checkup.h"
#include "hicgen/dental.h"
#include "hicgen/care.h"
#include "hicgen/emit.h"
#include "hicgen/medrec.h"
#include "hicgen/person.h"
#include "hicgen/pharmacy.h"
#include "hicgen/records.h"
#include "hicgen/rng.h"

enum { SLOT_FREE = 0, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
    int state;
    long chunk;
    hg_emitter em;
    hg_buf *gz; /* per table: compressed chunk */
} slot;

typedef struct outfile {
    FILE *f;
    char name[320];
    EVP_MD_CTX *md;
    uint64_t rows, bytes;
} outfile;

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
    char error[8192];
    pthread_mutex_t mu;
    pthread_cond_t cv;
} run;

/* ---- gzip members: each chunk is a complete gzip member, so members can be produced in
 * parallel and concatenated; gunzip reads concatenated members as one stream. ---- */
static int gz_member(hg_buf *out, const char *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* level 1: fast; windowBits 15+16: gzip wrapper with a zero mtime, so bytes are stable */
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
    gsl_rng *rng = hg_rng_alloc();
    hg_person *p = malloc(sizeof *p);
    hg_med_out out = {0};
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
        for (uint64_t i = a; i < b && !hg_interrupted; i++) {
            hg_emitter_person(&s->em, i);
            hg_person_sim(&g->model, &r->per, r->o->seed, i, rng, p);
            hg_med_out_reset(&out);
            hg_med_person(&g->model, &r->per, r->o->seed, p, rng, &s->em, &out);
            hg_pha_person(&g->model, &r->per, r->o->seed, p, &out.rx, rng, &s->em);
            hg_checkup_person(&g->model, &r->per, r->o->seed, p, &out.claims, rng, &s->em);
            hg_den_person(&g->model, &r->per, r->o->seed, p, rng, &s->em);
            hg_care_person(&g->model, &r->per, r->o->seed, p, rng, &s->em);
        }
        if (r->o->gzip)
            for (int t = 0; t < g->specs.ntables; t++)
                if (s->em.rows[t]) gz_member(&s->gz[t], s->em.bufs[t].p, s->em.bufs[t].len);

        pthread_mutex_lock(&r->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
    hg_med_out_free(&out);
    free(p);
    gsl_rng_free(rng);
    return NULL;
}

static int write_bytes(run *r, outfile *of, const char *p, size_t n)
{
    if (!n) return 0;
    if (fwrite(p, 1, n, of->f) != n) {
        snprintf(r->error, sizeof r->error, "%s: write failed: %s (is the disk full?)", of->name,
                 strerror(errno));
        return -1;
    }
    EVP_DigestUpdate(of->md, p, n);
    of->bytes += n;
    return 0;
}

/* Writes one table's part of a chunk (raw CSV in raw, or its gzip member). */
static int write_part(run *r, outfile *of, hg_buf *raw, hg_buf *gz, uint64_t rows)
{
    if (!rows) return 0;
    of->rows += rows;
    if (r->o->gzip) {
        if (gz_member(gz, raw->p, raw->len)) {
            snprintf(r->error, sizeof r->error, "%s: compression failed", of->name);
            return -1;
        }
        return write_bytes(r, of, gz->p, gz->len);
    }
    return write_bytes(r, of, raw->p, raw->len);
}

static int rm_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void rm_rf(const char *path)
{
    nftw(path, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

static void json_str(hg_buf *b, const char *s)
{
    hg_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            hg_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            hg_buf_printf(b, "\\u%04x", c);
        else
            hg_buf_putc(b, (char)c);
    }
    hg_buf_putc(b, '"');
}

static void hex(const unsigned char *md, unsigned n, char *out)
{
    static const char h[] = "0123456789abcdef";
    for (unsigned i = 0; i < n; i++) {
        out[2 * i] = h[md[i] >> 4];
        out[2 * i + 1] = h[md[i] & 15];
    }
    out[2 * n] = '\0';
}

static int file_sha256(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) EVP_DigestUpdate(md, buf, n);
    fclose(f);
    unsigned char d[32];
    unsigned len;
    EVP_DigestFinal_ex(md, d, &len);
    EVP_MD_CTX_free(md);
    hex(d, 32, out);
    return 0;
}

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
        if (file_sha256(*f, sum)) continue;
        const char *base = strrchr(*f, '/') ? strrchr(*f, '/') + 1 : *f;
        hg_buf_puts(b, first ? "\n    {\"file\": " : ",\n    {\"file\": ");
        json_str(b, base);
        hg_buf_printf(b, ", \"sha256\": \"%s\"}", sum);
        first = 0;
    }
    hg_buf_puts(b, first ? "]" : "\n  ]");
    hg_free_list(files);
}

/* manifest.json: everything that determines the bytes, and what the bytes are. Nothing that
 * varies between identical runs (time, paths, thread count) goes in. */
static void write_manifest(hg_buf *b, run *r, outfile *files, char (*sums)[65])
{
    const hg_genopts *o = r->o;
    const hg_specset *s = &r->g->specs;
    hg_buf_puts(b, "{\n  \"generator\": \"hicgen\",\n  \"version\": \"" HICGEN_VERSION "\",\n");
    hg_buf_puts(b, "  \"fictitious\": true,\n");
    hg_buf_printf(
        b,
        "  \"options\": {\"persons\": %llu, \"start\": \"%04d-%02d\", \"months\": %d, "
        "\"seed\": %llu, \"gzip\": %s, \"shard\": \"%d/%d\", \"official_masters\": %s},\n",
        (unsigned long long)o->persons, o->start_ym / 100, o->start_ym % 100, o->months,
        (unsigned long long)o->seed, o->gzip ? "true" : "false", o->shard_k, o->shard_n,
        r->g->paths.official_dir ? "true" : "false");
    hg_buf_printf(b, "  \"person_range\": [%llu, %llu],\n", (unsigned long long)r->lo,
                  (unsigned long long)r->hi);
    json_inputs(b, "specs", r->g->paths.specs_dir, ".yaml");
    hg_buf_puts(b, ",\n");
    json_inputs(b, "masters", r->g->paths.masters_dir, ".csv");
    hg_buf_puts(b, ",\n");
    if (r->g->paths.official_dir) {
        json_inputs(b, "official_masters", r->g->paths.official_dir, ".csv");
        hg_buf_puts(b, ",\n");
    }
    hg_buf_puts(b, "  \"files\": [");
    for (int t = 0; t < s->ntables; t++) {
        hg_buf_puts(b, t ? ",\n    {\"file\": " : "\n    {\"file\": ");
        json_str(b, files[t].name);
        hg_buf_printf(b,
                      ", \"table\": \"%s\", \"rows\": %llu, \"bytes\": %llu, \"sha256\": \"%s\"}",
                      s->tables[t].name, (unsigned long long)files[t].rows,
                      (unsigned long long)files[t].bytes, sums[t]);
    }
    hg_buf_puts(b, "\n  ]\n}\n");
}

static int write_small(run *r, const char *dir, const char *name, const hg_buf *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->p, 1, b->len, f) != b->len || fflush(f) || fsync(fileno(f))) {
        snprintf(r->error, sizeof r->error, "%s: cannot write: %s", path, strerror(errno));
        if (f) fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* Checks the target before any work: refuse to replace something that is not ours to lose. */
static int check_target(const hg_genopts *o, hg_diag *d)
{
    struct stat st;
    if (stat(o->out, &st) != 0) {
        if (errno == ENOENT) return 0;
        hg_diag_err(d, o->out, "cannot inspect the output directory: %s", strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        hg_diag_err(d, o->out, "exists and is not a directory; choose another --out");
        return -1;
    }
    DIR *dp = opendir(o->out);
    int empty = 1;
    struct dirent *e;
    while (dp && (e = readdir(dp)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = 0;
    if (dp) closedir(dp);
    if (!empty && !o->force) {
        hg_diag_err(d, o->out,
                    "output directory exists and is not empty; use --force to replace it, or "
                    "choose another --out");
        return -1;
    }
    return 0;
}

static int finish_files(run *r, outfile *files, int n, char (*sums)[65])
{
    int rc = 0;
    for (int t = 0; t < n; t++) {
        if (!files[t].f) continue;
        if (!rc && (fflush(files[t].f) || fsync(fileno(files[t].f)))) {
            snprintf(r->error, sizeof r->error, "%s: write failed: %s (is the disk full?)",
                     files[t].name, strerror(errno));
            rc = -1;
        }
        if (fclose(files[t].f) && !rc) {
            snprintf(r->error, sizeof r->error, "%s: close failed: %s", files[t].name,
                     strerror(errno));
            rc = -1;
        }
        files[t].f = NULL;
        unsigned char d[32];
        unsigned len;
        EVP_DigestFinal_ex(files[t].md, d, &len);
        hex(d, 32, sums[t]);
    }
    return rc;
}

int hg_generate(hg_engine *g, const hg_genopts *o, hg_diag *d)
{
    if (check_target(o, d)) return HG_ERR_INPUT;
    run r;
    memset(&r, 0, sizeof r);
    r.g = g;
    r.o = o;
    hg_period_init(&r.per, o->start_ym, o->months);
    r.lo = o->persons * (uint64_t)(o->shard_k - 1) / (uint64_t)o->shard_n;
    r.hi = o->persons * (uint64_t)o->shard_k / (uint64_t)o->shard_n;
    r.chunk = o->chunk > 0 ? o->chunk : 256;
    uint64_t first = r.lo / (uint64_t)r.chunk * (uint64_t)r.chunk;
    r.nchunks =
        r.hi > r.lo ? (long)((r.hi - first + (uint64_t)r.chunk - 1) / (uint64_t)r.chunk) : 0;
    int threads = o->threads > 0 ? o->threads : 1;
    r.nslots = 2 * threads + 2;
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);
    const hg_specset *s = &g->specs;
    int nt = s->ntables;

    /* temporary directory beside the target, so the final rename stays on one file system */
    char tmp[4096], old[4096];
    snprintf(tmp, sizeof tmp, "%s.hicgen-tmp-%ld", o->out, (long)getpid());
    snprintf(old, sizeof old, "%s.hicgen-old-%ld", o->out, (long)getpid());
    rm_rf(tmp);
    if (mkdir(tmp, 0755) != 0) {
        hg_diag_err(d, tmp, "cannot create the output directory: %s", strerror(errno));
        return errno == ENOENT || errno == EACCES ? HG_ERR_INPUT : HG_ERR_RUNTIME;
    }
    outfile *files = calloc((size_t)nt, sizeof *files);
    char(*sums)[65] = calloc((size_t)nt, sizeof *sums);
    int status = HG_OK;
    hg_buf hdr = {0}, gzb = {0};
    for (int t = 0; t < nt && !status; t++) {
        hg_table_file(files[t].name, sizeof files[t].name, &s->tables[t], o->gzip);
        char path[4500];
        snprintf(path, sizeof path, "%s/%s", tmp, files[t].name);
        files[t].f = fopen(path, "wb");
        files[t].md = EVP_MD_CTX_new();
        EVP_DigestInit_ex(files[t].md, EVP_sha256(), NULL);
        if (!files[t].f) {
            snprintf(r.error, sizeof r.error, "%s: cannot create: %s", path, strerror(errno));
            status = HG_ERR_RUNTIME;
            break;
        }
        hg_buf_clear(&hdr);
        hg_csv_header(&hdr, &s->tables[t]);
        if (write_part(&r, &files[t], &hdr, &gzb, 1)) status = HG_ERR_RUNTIME;
        files[t].rows = 0; /* the header is not a row */
    }

    /* master tables: in the first shard only, so that shards concatenate to the whole */
    if (!status && o->shard_k == 1) {
        hg_emitter em;
        hg_emitter_init(&em, s, g->reg.nkinds, o->seed);
        hg_emitter_person(&em, UINT64_MAX);
        hg_value v[256];
        for (int k = HG_K_MODEL_COUNT; k < g->reg.nkinds; k++) {
            const hg_reckind *rk = g->reg.kinds[k];
            const hg_mtab *mt = NULL;
            hg_mtab *all[16];
            int nall = hg_model_masters(&g->model, all, 16);
            for (int i = 0; i < nall; i++)
                if (&all[i]->kind == rk) mt = all[i];
            if (!mt) continue;
            for (int row = 0; row < mt->nrows; row++) {
                for (int c = 0; c < mt->ncols && c < 256; c++) {
                    const char *cell = hg_mtab_cell(mt, row, c);
                    v[c] = !*cell                           ? hg_vnull()
                           : rk->fields[c].kind == HG_V_INT ? hg_vint(strtoll(cell, NULL, 10))
                                                            : hg_vstr(cell);
                }
                hg_emit(&em, k, v);
            }
        }
        for (int t = 0; t < nt && !status; t++)
            if (write_part(&r, &files[t], &em.bufs[t], &gzb, em.rows[t])) status = HG_ERR_RUNTIME;
        if (em.error[0]) {
            hg_diag_err(d, "masters", "%s", em.error);
            status = HG_ERR_INPUT;
        }
        hg_emitter_free(&em);
    }

    /* persons */
    pthread_t *th = calloc((size_t)threads, sizeof *th);
    r.slots = calloc((size_t)r.nslots, sizeof *r.slots);
    for (int i = 0; i < r.nslots; i++) {
        hg_emitter_init(&r.slots[i].em, s, g->reg.nkinds, o->seed);
        r.slots[i].gz = calloc((size_t)nt, sizeof *r.slots[i].gz);
    }
    int started = 0;
    if (!status)
        for (; started < threads; started++)
            if (pthread_create(&th[started], NULL, worker, &r) != 0) break;
    if (!status && started == 0) {
        snprintf(r.error, sizeof r.error, "cannot start worker threads");
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
            files[t].rows += rows;
            const hg_buf *part = o->gzip ? &sl->gz[t] : &sl->em.bufs[t];
            if (write_bytes(&r, &files[t], part->p, part->len)) status = HG_ERR_RUNTIME;
        }
        pthread_mutex_lock(&r.mu);
        sl->state = SLOT_FREE;
        pthread_cond_broadcast(&r.cv);
        pthread_mutex_unlock(&r.mu);
        if (!o->quiet && isatty(2) && (j % 16 == 15 || j + 1 == r.nchunks))
            fprintf(stderr, "\rhicgen: %llu / %llu persons",
                    (unsigned long long)(j + 1 == r.nchunks ? r.hi - r.lo
                                                            : (uint64_t)(j + 1) * r.chunk),
                    (unsigned long long)(r.hi - r.lo));
    }
    if (!o->quiet && isatty(2)) fputc('\n', stderr);
    pthread_mutex_lock(&r.mu);
    r.stop = 1;
    pthread_cond_broadcast(&r.cv);
    pthread_mutex_unlock(&r.mu);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    if (hg_interrupted && !status) status = HG_ERR_INTERRUPTED;

    if (finish_files(&r, files, nt, sums) && !status) status = HG_ERR_RUNTIME;
    if (!status) {
        hg_buf b = {0};
        hg_write_schema(&b, s);
        if (write_small(&r, tmp, "schema.sql", &b)) status = HG_ERR_RUNTIME;
        hg_buf_clear(&b);
        hg_write_load(&b, s, o->gzip);
        if (!status && write_small(&r, tmp, "load.sql", &b)) status = HG_ERR_RUNTIME;
        hg_buf_clear(&b);
        write_manifest(&b, &r, files, sums);
        if (!status && write_small(&r, tmp, "manifest.json", &b)) status = HG_ERR_RUNTIME;
        hg_buf_free(&b);
    }
    if (!status) {
        /* swap in: the old directory (empty, or replaced with --force) goes only after the
         * new one is in place */
        struct stat st;
        int had = stat(o->out, &st) == 0;
        if (had && rename(o->out, old) != 0) {
            snprintf(r.error, sizeof r.error, "%s: cannot move the old directory aside: %s", o->out,
                     strerror(errno));
            status = HG_ERR_RUNTIME;
        } else if (rename(tmp, o->out) != 0) {
            snprintf(r.error, sizeof r.error, "%s: cannot rename the new directory into place: %s",
                     o->out, strerror(errno));
            if (had) rename(old, o->out);
            status = HG_ERR_RUNTIME;
        } else if (had)
            rm_rf(old);
    }
    if (status) {
        rm_rf(tmp);
        if (status == HG_ERR_INTERRUPTED)
            hg_diag_err(d, o->out, "interrupted; nothing was written");
        else if (r.error[0])
            hg_diag_err(d, o->out, "%s; nothing was written", r.error);
    } else if (!o->quiet) {
        uint64_t rows = 0, bytes = 0;
        for (int t = 0; t < nt; t++) rows += files[t].rows, bytes += files[t].bytes;
        fprintf(stderr, "hicgen: wrote %d tables, %llu rows, %.1f MB to %s\n", nt,
                (unsigned long long)rows, (double)bytes / 1e6, o->out);
    }
    for (int i = 0; i < r.nslots; i++) {
        hg_emitter_free(&r.slots[i].em);
        for (int t = 0; t < nt; t++) hg_buf_free(&r.slots[i].gz[t]);
        free(r.slots[i].gz);
    }
    free(r.slots);
    for (int t = 0; t < nt; t++) {
        if (files[t].f) fclose(files[t].f);
        if (files[t].md) EVP_MD_CTX_free(files[t].md);
    }
    free(files);
    free(sums);
    hg_buf_free(&hdr);
    hg_buf_free(&gzb);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.cv);
    return status;
}
