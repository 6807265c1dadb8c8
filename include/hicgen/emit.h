/* hicgen — the row formatter between the model and the output. The model hands over a record
 * (kind + typed field values); the emitter writes one CSV row into the buffer of every table
 * whose spec is bound to that kind, column by column as the spec says. One emitter per worker
 * thread; it owns its buffers, so workers never share mutable state. */
#ifndef HICGEN_EMIT_H
#define HICGEN_EMIT_H

#include <gsl/gsl_rng.h>
#include "hicgen/buf.h"
#include "hicgen/spec.h"

typedef struct hg_emitter {
    const hg_specset *specs;
    int nkinds;
    int **kind_tables; /* per kind: table indexes, -1 terminated */
    hg_buf *bufs;      /* per table: CSV text of the current chunk */
    uint64_t *rows;    /* per table: rows in bufs */
    uint32_t *rowno;   /* per table: rows emitted for the current person (dist streams) */
    uint64_t seed, person;
    gsl_rng *rng;
    char error[512];      /* first error (a value that does not fit its column) ... */
    const char *err_file; /* ... at the column's place in its spec */
    long err_line, err_col;
} hg_emitter;

void hg_emitter_init(hg_emitter *e, const hg_specset *s, int nkinds, uint64_t seed);
void hg_emitter_free(hg_emitter *e);
/* Starts the rows of person idx (keys the streams of dist columns). */
void hg_emitter_person(hg_emitter *e, uint64_t idx);
/* Writes one record of kind into every table bound to it. */
void hg_emit(hg_emitter *e, int kind, const hg_value *vals);
/* The first column of a table bound to kind whose type cannot hold its value (a number out of
 * range, a text too long), or NULL when the record fits every table: hg_emit would fail on it. */
const hg_column *hg_emit_misfit(const hg_emitter *e, int kind, const hg_value *vals,
                                const hg_table **table);
/* Clears the buffers and row counts (after the chunk was written out). */
void hg_emitter_reset(hg_emitter *e);
/* Appends the CSV header line of table t. */
void hg_csv_header(hg_buf *b, const hg_table *t);

#endif
