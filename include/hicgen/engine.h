/* hicgen — the engine: everything loaded and checked (model, masters, specs bound to the
 * record kinds), and the operations the CLI offers on top of it. */
#ifndef HICGEN_ENGINE_H
#define HICGEN_ENGINE_H

#include <stdint.h>
#include "hicgen/buf.h"
#include "hicgen/diag.h"
#include "hicgen/model.h"
#include "hicgen/person.h"
#include "hicgen/run.h"
#include "hicgen/spec.h"

#define HICGEN_VERSION "0.1.0"

/* Exit statuses (documented in the README and `hicgen --help`). */
enum {
    HG_OK = 0,
    HG_ERR_RUNTIME = 1,      /* I/O failure, full disk, database error */
    HG_ERR_INPUT = 2,        /* bad option, spec, master or output directory */
    HG_ERR_BUSY = 3,         /* another `hicgen load` of the same schema is running */
    HG_ERR_INTERRUPTED = 130 /* SIGINT/SIGTERM: nothing was left behind */
};

/* A record family as the engine holds it: its description, its loaded state, and where its
 * record kinds start in the registry. */
typedef struct hg_family_slot {
    const struct hg_family *f;
    void *state;
    int kind0;
} hg_family_slot;

/* An input file as it was read: its group ("specs", "masters", "official_masters"), its path
 * relative to the group's directory and its SHA-256. */
typedef struct hg_input {
    const char *group;
    char *path;
    char sha256[65];
} hg_input;

typedef struct hg_engine {
    hg_model model;
    hg_specset specs;
    hg_registry reg;
    hg_model_paths paths;
    int nfamilies;
    hg_family_slot *fam;
    int nmasters;
    hg_mtab **masters; /* master tables output as tables, in registry order */
    int *master_kind;  /* the registry index of each */
    int ninputs;
    hg_input *inputs; /* every spec and master, hashed when loaded (for manifest.json) */
} hg_engine;

/* Loads and checks everything: the population model, every family of the family table, the
 * specs bound to their record kinds; reports every problem. Returns 0 or -1. */
int hg_engine_load(hg_engine *g, const hg_model_paths *p, hg_diag *d);
void hg_engine_free(hg_engine *g);
/* The loaded state of the family called name, or NULL. */
const void *hg_engine_family(const hg_engine *g, const char *name);

/* schema.sql: CREATE TABLE and COMMENT ON (Japanese / English) for every table. */
void hg_write_schema(hg_buf *b, const hg_specset *s);
/* The column names of a key or index of t, comma-separated ("seq2_no, seq1_no"). */
void hg_index_cols(hg_buf *b, const hg_table *t, const hg_index *ix);
/* The statements that add table t's primary key and indexes (after its data is loaded), one
 * per line; nothing when the spec declares none. */
void hg_write_keys(hg_buf *b, const hg_table *t);
/* load.sql: a psql script that loads every file of a generated directory. */
void hg_write_load(hg_buf *b, const hg_specset *s, int gzip);
/* The record kinds (`hicgen check --kinds`): each kind with who offers it, the tables bound to
 * it and its typed fields, in registry order. */
void hg_write_kinds(hg_buf *b, const hg_engine *g);
/* The file name of table t's data. */
void hg_table_file(char *out, size_t n, const hg_table *t, int gzip);

/* Where and how `generate` writes its files. */
typedef struct hg_fileopts {
    const char *out; /* the output directory (created; replaced only with force) */
    int gzip;        /* .csv.gz instead of .csv */
    int force;       /* replace a non-empty out */
} hg_fileopts;

struct hg_tableout;
/* Generates a dataset into fo->out (atomically: a temporary directory renamed at the end).
 * report (optional) receives each table's file, rows and SHA-256. Returns an HG_* status;
 * every problem is reported to d, progress and the summary to the run's callback. */
int hg_generate(hg_engine *g, const hg_dataset *ds, const hg_fileopts *fo, const hg_run *run,
                struct hg_tableout *report, hg_diag *d);

#endif
