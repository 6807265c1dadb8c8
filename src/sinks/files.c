/* hicgen — `generate`: the pipeline's rows written to one CSV file per table.
 *
 * Everything is written into a temporary directory next to the target, fsync'ed and renamed
 * into place at the end, so an interrupted or failed run leaves nothing that looks complete. */
#include "hicgen/engine.h"

#include "hicgen/fsutil.h"
#include "hicgen/hash.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include "hicgen/alloc.h"
#include "hicgen/emit.h"
#include "hicgen/produce.h"
#include "outdir.h"

typedef struct outfile {
    FILE *f;
    EVP_MD_CTX *md;
} outfile;

typedef struct filesink {
    const hg_run *run;
    outfile *files;
    hg_tableout *outs;
    uint64_t *rows;     /* per table, for progress events */
    const char **names; /* per table */
    int ntables;
    double t0;
    char error[8192];
} filesink;

static int write_bytes(filesink *fs, int t, const char *p, size_t n)
{
    if (!n) return 0;
    if (fwrite(p, 1, n, fs->files[t].f) != n) {
        snprintf(fs->error, sizeof fs->error, "%s: write failed: %s (is the disk full?)",
                 fs->outs[t].name, strerror(errno));
        return -1;
    }
    EVP_DigestUpdate(fs->files[t].md, p, n);
    fs->outs[t].bytes += n;
    return 0;
}

static int sink_part(void *ctx, int t, const hg_buf *data, uint64_t rows)
{
    filesink *fs = ctx;
    fs->outs[t].rows += rows;
    fs->rows[t] += rows;
    return write_bytes(fs, t, data->p, data->len);
}

static void sink_tick(void *ctx, uint64_t done, uint64_t total)
{
    filesink *fs = ctx;
    hg_event ev = {.kind = HG_EV_PROGRESS,
                   .phase = "generate",
                   .done = done,
                   .total = total,
                   .elapsed = hg_now() - fs->t0,
                   .ntables = fs->ntables,
                   .table = fs->names,
                   .produced = fs->rows};
    hg_notify(fs->run, &ev);
}

static int finish_files(filesink *fs, int n)
{
    int rc = 0;
    for (int t = 0; t < n; t++) {
        if (!fs->files[t].f) continue;
        if (!rc && (fflush(fs->files[t].f) || fsync(fileno(fs->files[t].f)))) {
            snprintf(fs->error, sizeof fs->error, "%s: write failed: %s (is the disk full?)",
                     fs->outs[t].name, strerror(errno));
            rc = -1;
        }
        if (fclose(fs->files[t].f) && !rc) {
            snprintf(fs->error, sizeof fs->error, "%s: close failed: %s", fs->outs[t].name,
                     strerror(errno));
            rc = -1;
        }
        fs->files[t].f = NULL;
        unsigned char dg[32];
        unsigned len;
        EVP_DigestFinal_ex(fs->files[t].md, dg, &len);
        hg_hex(dg, 32, fs->outs[t].sha256);
    }
    return rc;
}

/* Creates the table files in tmp, each with its CSV header. */
static int open_files(filesink *fs, const hg_specset *s, const char *tmp, int gzip)
{
    hg_buf hdr = {0}, gzb = {0};
    int status = HG_OK;
    for (int t = 0; t < s->ntables && !status; t++) {
        hg_table_file(fs->outs[t].name, sizeof fs->outs[t].name, &s->tables[t], gzip);
        char path[4700];
        snprintf(path, sizeof path, "%s/%s", tmp, fs->outs[t].name);
        fs->files[t].f = hg_create_excl(path);
        fs->files[t].md = EVP_MD_CTX_new();
        if (!fs->files[t].md) hg_oom("SHA-256 context", 0);
        EVP_DigestInit_ex(fs->files[t].md, EVP_sha256(), NULL);
        if (!fs->files[t].f) {
            snprintf(fs->error, sizeof fs->error, "%s: cannot create: %s", path, strerror(errno));
            status = HG_ERR_RUNTIME;
            break;
        }
        hg_buf_clear(&hdr);
        hg_csv_header(&hdr, &s->tables[t]);
        if (gzip && hg_gzip_member(&gzb, hdr.p, hdr.len)) {
            snprintf(fs->error, sizeof fs->error, "%s: compression failed", fs->outs[t].name);
            status = HG_ERR_RUNTIME;
        } else if (write_bytes(fs, t, gzip ? gzb.p : hdr.p, gzip ? gzb.len : hdr.len))
            status = HG_ERR_RUNTIME;
    }
    hg_buf_free(&hdr);
    hg_buf_free(&gzb);
    return status;
}

/* schema.sql, load.sql and manifest.json beside the data. */
static int write_extras(filesink *fs, const hg_engine *g, const hg_dataset *ds, int gzip,
                        const char *tmp)
{
    hg_buf b = {0};
    int rc = 0;
    hg_write_schema(&b, &g->specs);
    rc = hg_write_file(tmp, "schema.sql", &b, fs->error, sizeof fs->error);
    hg_buf_clear(&b);
    hg_write_load(&b, &g->specs, gzip);
    if (!rc) rc = hg_write_file(tmp, "load.sql", &b, fs->error, sizeof fs->error);
    hg_buf_clear(&b);
    hg_write_manifest(&b, g, ds, gzip, fs->outs);
    if (!rc) rc = hg_write_file(tmp, "manifest.json", &b, fs->error, sizeof fs->error);
    hg_buf_free(&b);
    return rc ? HG_ERR_RUNTIME : HG_OK;
}

static void summary(const filesink *fs, const char *out)
{
    uint64_t *bytes = hg_xcalloc((size_t)fs->ntables + 1, sizeof *bytes);
    for (int t = 0; t < fs->ntables; t++) bytes[t] = fs->outs[t].bytes;
    hg_summary sum = {.where = out,
                      .ntables = fs->ntables,
                      .table = fs->names,
                      .rows = fs->rows,
                      .bytes = bytes,
                      .seconds = hg_now() - fs->t0};
    hg_event ev = {.kind = HG_EV_SUMMARY, .phase = "generate", .summary = &sum};
    hg_notify(fs->run, &ev);
    free(bytes);
}

int hg_generate(hg_engine *g, const hg_dataset *ds, const hg_fileopts *fo, const hg_run *run,
                hg_tableout *report, hg_diag *d)
{
    const hg_specset *s = &g->specs;
    int nt = s->ntables;
    hg_outdir od;
    int status = hg_outdir_open(&od, fo->out, fo->force, run, d);
    if (status) return status;
    filesink fs = {.run = run, .ntables = nt, .t0 = hg_now()};
    fs.files = hg_xcalloc((size_t)nt, sizeof *fs.files);
    fs.outs = hg_xcalloc((size_t)nt, sizeof *fs.outs);
    fs.rows = hg_xcalloc((size_t)nt, sizeof *fs.rows);
    fs.names = hg_xcalloc((size_t)nt, sizeof *fs.names);
    for (int t = 0; t < nt; t++) fs.names[t] = s->tables[t].name;
    status = open_files(&fs, s, od.tmp, fo->gzip);
    hg_sink sink = {.part = sink_part, .tick = sink_tick, .ctx = &fs, .gzip = fo->gzip};
    if (!status) status = hg_produce(g, ds, run, &sink, d);
    if (finish_files(&fs, nt) && !status) status = HG_ERR_RUNTIME;
    if (!status) status = write_extras(&fs, g, ds, fo->gzip, od.tmp);
    if (!status && hg_outdir_commit(&od, fs.error, sizeof fs.error)) status = HG_ERR_RUNTIME;
    if (status) {
        hg_outdir_abort(&od);
        if (status == HG_ERR_INTERRUPTED)
            hg_diag_err(d, od.path, "interrupted; nothing was written");
        else if (fs.error[0])
            hg_diag_err(d, od.path, "%s; nothing was written", fs.error);
        else
            hg_diag_err(d, od.path, "nothing was written");
    } else {
        if (report) memcpy(report, fs.outs, (size_t)nt * sizeof *fs.outs);
        summary(&fs, od.path);
    }
    for (int t = 0; t < nt; t++) {
        if (fs.files[t].f) fclose(fs.files[t].f);
        if (fs.files[t].md) EVP_MD_CTX_free(fs.files[t].md);
    }
    free(fs.files);
    free(fs.outs);
    free(fs.rows);
    free(fs.names);
    return status;
}
