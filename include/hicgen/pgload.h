/* hicgen — `load`: generation streamed straight into PostgreSQL, swapped in atomically.
 *
 * The rows of the pipeline (hg_produce) go through COPY ... FROM STDIN on several connections
 * into a fresh staging schema of bare tables. Then keys and indexes are added and every table
 * ANALYZEd (in parallel too), the manifest is recorded in the schema's hicgen_manifest table,
 * and one transaction renames the live schema to an old generation and the staging schema to
 * the live name: readers see the previous data until the instant the new data is complete.
 * Old generations beyond --keep are dropped. Any failure or interrupt leaves the live schema
 * as it was and drops the staging schema (or the next run does, if the server is gone).
 * A session advisory lock per live schema refuses a second concurrent run.
 * Every run is recorded in hicgen_meta.generations. */
#ifndef HICGEN_PGLOAD_H
#define HICGEN_PGLOAD_H

#include "hicgen/engine.h"

typedef struct hg_loadopts {
    hg_dataset ds;        /* the data (shards do not apply: a load is always the whole) */
    hg_run run;           /* threads, cancellation, events */
    const char *conninfo; /* conninfo string or URI; NULL or "" = PG* environment, defaults */
    const char *schema;   /* the live schema */
    int keep;             /* generations kept, the live one included (>= 1) */
    int jobs;             /* parallel COPY connections (>= 1) */
} hg_loadopts;

/* Checks a live schema name: lower-case identifier of at most 32 bytes (room for the generation
 * suffixes within 63), not a system or hicgen's own name. Returns 0, or -1 with the reason in err.
 */
int hg_load_check_schema(const char *name, char *err, size_t errn);
/* Checks a conninfo string or URI without connecting: well-formed and without a password
 * (a password in the command line is visible to every user of the machine). */
int hg_load_check_conninfo(const char *conninfo, char *err, size_t errn);

/* Generates and loads; returns an HG_* status, with every problem reported to d. */
int hg_load(hg_engine *g, const hg_loadopts *o, hg_diag *d);

#endif
