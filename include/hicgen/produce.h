/* hicgen — the generation pipeline, independent of where the rows go.
 *
 * hg_produce simulates the persons of o (and, in the first shard, the master tables) and hands
 * every table's CSV rows to a sink, in one fixed order whatever the thread count: masters
 * first, then chunk after chunk, table after table within a chunk. A file sink writes them
 * (hicgen generate), a database sink streams them into COPY (hicgen load). */
#ifndef HICGEN_PRODUCE_H
#define HICGEN_PRODUCE_H

#include <stdint.h>
#include "hicgen/buf.h"
#include "hicgen/engine.h"

typedef struct hg_sink {
    /* Called on the calling thread, in output order, for every non-empty part of a table: the
     * CSV rows (no header), or their gzip member when gzip is set. Returns 0, or -1 to stop (the
     * sink keeps its own error message). */
    int (*part)(void *ctx, int table, const hg_buf *data, uint64_t rows);
    /* Optional: progress after each chunk (the sink reports it to the run's callback). */
    void (*tick)(void *ctx, uint64_t persons_done, uint64_t persons_total);
    void *ctx;
    int gzip; /* hand the sink gzip members instead of CSV text */
} hg_sink;

/* Runs the pipeline. Returns HG_OK, HG_ERR_INPUT (a value that does not fit its column,
 * reported to d), HG_ERR_INTERRUPTED, or HG_ERR_RUNTIME (the sink stopped, or no thread could
 * be started; reported to d unless the sink stopped). */
int hg_produce(hg_engine *g, const hg_dataset *ds, const hg_run *run, const hg_sink *sink,
               hg_diag *d);

/* The person range [lo, hi) of the dataset's shard. */
void hg_shard_range(const hg_dataset *ds, uint64_t *lo, uint64_t *hi);

/* One gzip member of p[0..n) into out (replacing its contents): level 1, zero mtime, so the
 * bytes are stable; members concatenate into one valid gzip stream. Returns 0 or -1. */
int hg_gzip_member(hg_buf *out, const char *p, size_t n);

/* What was written for one table: its (file) name, data rows, bytes and SHA-256 (hex). */
typedef struct hg_tableout {
    char name[320];
    uint64_t rows, bytes;
    char sha256[65];
} hg_tableout;

/* manifest.json: everything that determines the bytes (version, options, SHA-256 of every
 * spec and master) and what the bytes are (outs, one per table). Nothing that varies between
 * identical runs (time, paths, thread count) goes in. */
void hg_write_manifest(hg_buf *b, const hg_engine *g, const hg_dataset *ds, int gzip,
                       const hg_tableout *outs);

#endif
