/* hicgen — table specs: what tables exist, their columns and types, and what fills each
 * column. Specs are YAML files (one table per file in specs/); reordering, adding or
 * removing a column or changing a date format needs no recompile.
 *
 * A column is filled by exactly one source:
 *   from: FIELD   a field of the table's record kind (a model field), optionally written in
 *                 a declared format (format: gyymm | gyymmdd | yyyymm | yyyymmdd | zeropad)
 *   const: TEXT   the same text on every row
 *   null: true    always NULL
 *   dist: {...}   drawn from a distribution (uniform_int, normal, choice) on a stream keyed by
 *                 (seed, person, table.column, row), so it is reproducible.
 * A column may document its codes (codes: {CODE: label, ...} or codes: MASTER_TABLE).
 * A table may declare primary_key: [col, ...] and indexes: [[col, ...], ...]; they are created
 * after the data is loaded (bulk loading into bare tables is much faster). */
#ifndef HICGEN_SPEC_H
#define HICGEN_SPEC_H

#include <stdint.h>
#include <gsl/gsl_randist.h>
#include "hicgen/diag.h"
#include "hicgen/fsutil.h"
#include "hicgen/value.h"

/* ---- record kinds: the named, typed fields a producer (model or master) offers ---- */
typedef struct hg_field {
    const char *name;
    hg_vkind kind; /* HG_V_INT, HG_V_STR, HG_V_DATE or HG_V_DEC */
} hg_field;

typedef struct hg_reckind {
    const char *name;
    int nfields;
    const hg_field *fields;
} hg_reckind;

typedef struct hg_registry {
    int nkinds, cap;
    const hg_reckind **kinds;
} hg_registry;

/* Adds a kind; returns its index. Two kinds of one name are a programming error. */
int hg_registry_add(hg_registry *r, const hg_reckind *k);
void hg_registry_free(hg_registry *r);
int hg_registry_find(const hg_registry *r, const char *name);
int hg_reckind_field(const hg_reckind *k, const char *name);

/* ---- specs ---- */
typedef enum {
    HG_T_VARCHAR = 0,
    HG_T_CHAR,
    HG_T_TEXT,
    HG_T_SMALLINT,
    HG_T_INTEGER,
    HG_T_BIGINT,
    HG_T_NUMERIC,
    HG_T_DATE,
} hg_sqltype;

typedef enum { HG_SRC_NONE = 0, HG_SRC_FIELD, HG_SRC_CONST, HG_SRC_NULL, HG_SRC_DIST } hg_srckind;
typedef enum { HG_D_UNIFORM_INT = 0, HG_D_NORMAL, HG_D_CHOICE } hg_distkind;

typedef struct hg_dist {
    int kind;
    double a, b;   /* uniform_int: min, max; normal: mean, sd */
    double lo, hi; /* normal: clamp range (lo > hi: none) */
    int decimals;  /* normal: decimals kept */
    int nchoice;   /* choice */
    char **choices;
    double *weights;
    gsl_ran_discrete_t *table;
} hg_dist;

typedef struct hg_column {
    char *name;
    int type;   /* hg_sqltype */
    int length; /* varchar/char length, numeric precision; 0 = none */
    int scale;  /* numeric scale */
    int not_null;
    char *comment_ja, *comment_en;
    int src;        /* hg_srckind */
    char *from;     /* field name (HG_SRC_FIELD) */
    int field;      /* index into the record kind, after binding */
    int field_kind; /* its hg_vkind: the value handed over must be of this kind or NULL */
    char *constval; /* HG_SRC_CONST */
    int fmt, width; /* hg_fmtkind and zeropad width */
    hg_dist dist;
    uint64_t purpose;   /* stream purpose of a dist column */
    int64_t vmin, vmax; /* integer columns: the range the type holds (set at binding) */
    double vabs, vunit; /* numeric(p,s): values rounded to s decimals (× vunit = 10^s) must stay
                         * below the magnitude vabs = 10^(p-s) */
    /* codes: documentation of a coded column, for the data dictionary: either a code list
     * (codes: {"1": 男 male, ...}) or the master table that lists the codes */
    int ncodes;
    char **code_keys, **code_labels;
    char *codes_table;
    long line, col; /* position in the spec file */
} hg_column;

/* A key or index: column positions in the table. */
typedef struct hg_index {
    int ncols;
    int *cols;
} hg_index;

typedef struct hg_table {
    char *name;
    char *comment_ja, *comment_en;
    char *record;   /* record kind name */
    int reckind;    /* index in the registry, after binding */
    char *family;   /* e.g. "med", "master": used to group output and docs */
    char *file;     /* spec file path */
    long line, col; /* position of the table's record key */
    hg_column *cols;
    int ncols;
    hg_index pkey;     /* primary_key: [col, ...] (ncols 0 = none) */
    hg_index *indexes; /* indexes: [[col, ...], ...], added after the data is loaded */
    int nindexes;
} hg_table;

typedef struct hg_specset {
    hg_table *tables;
    int ntables;
} hg_specset;

/* Parses one table spec from a file (text == NULL) or from text (file names it).
 * Appends the table to s. Returns 0, or -1 after reporting every problem found. */
int hg_spec_parse(hg_specset *s, const char *file, const char *text, hg_diag *d);
/* Parses every *.yaml file of dir (sorted by name) as a table spec. Returns the number of
 * problems. */
int hg_spec_load_dir(hg_specset *s, const char *dir, hg_diag *d);
/* Resolves record kinds and field names against r and checks formats against field kinds.
 * Returns the number of problems. */
int hg_spec_bind(hg_specset *s, const hg_registry *r, hg_diag *d);
void hg_spec_free(hg_specset *s);
int hg_spec_find(const hg_specset *s, const char *table);

/* SQL type text, e.g. "varchar(10)", "numeric(10,5)". */
void hg_column_sqltype(const hg_column *c, char *out, size_t n);

#endif
