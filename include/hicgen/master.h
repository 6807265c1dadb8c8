/* hicgen — code masters. A master is a CSV table with named columns, indexed by its first
 * (key) column. Project masters are UTF-8 CSV with a header line; the payment fund's official
 * masters (Shift_JIS, every field quoted, no header) are read through a column layout kept in
 * specs/official_masters.yaml and end up in the same shape, so the model never knows which it got.
 * Each master is also a record kind ("m_<name>") whose fields are its columns, so that specs
 * can emit it as an NDB master table (tnds_m_*). */
#ifndef HICGEN_MASTER_H
#define HICGEN_MASTER_H

#include "hicgen/diag.h"
#include "hicgen/spec.h"

typedef struct hg_mtab {
    char *name; /* e.g. "skwd" */
    char *file; /* source path */
    int ncols;
    char **cols; /* column names */
    int nrows, rows_cap;
    char **cells; /* nrows * ncols strings (room for rows_cap rows) */
    long *lines;  /* source line of each row */
    int keycol;   /* the key column */
    int *slots;   /* open-addressing index on the key column: row + 1, 0 = empty */
    int nslots;
    char kindname[64];
    hg_field *fields;
    hg_reckind kind; /* record kind "m_<name>", fields typed by their content */
} hg_mtab;

/* Loads a project master (UTF-8, header line). required: NULL-terminated column names that
 * must be present. keyed: the key column (required[0], or column 0 without required) holds a
 * unique key (duplicates are errors) and is indexed; otherwise it may repeat (mapping tables). Rows
 * with the wrong number of fields are errors. Returns 0 or -1 (every problem reported). */
int hg_mtab_load(hg_mtab *m, const char *name, const char *path, const char *const *required,
                 int keyed, hg_diag *d);
/* Same from in-memory text (for tests). */
int hg_mtab_load_text(hg_mtab *m, const char *name, const char *fname, const char *text,
                      const char *const *required, int keyed, hg_diag *d);
/* Loads an official master: Shift_JIS, no header; the columns to keep and their 0-based
 * positions, and which of them is the key (an index into colnames); kind_letter is the expected
 * value of field 1 ("B", "Y", ...). */
int hg_mtab_load_official(hg_mtab *m, const char *name, const char *path, int ncols,
                          const char *const *colnames, const int *positions, int keycol,
                          const char *kind_letter, hg_diag *d);
/* The same from bytes in memory (fname names them in messages). */
int hg_mtab_load_official_bytes(hg_mtab *m, const char *name, const char *fname, const char *bytes,
                                size_t len, int ncols, const char *const *colnames,
                                const int *positions, int keycol, const char *kind_letter,
                                hg_diag *d);
void hg_mtab_free(hg_mtab *m);
int hg_mtab_col(const hg_mtab *m, const char *col);
/* Types the columns again by their content (after cells were changed). */
void hg_mtab_retype(hg_mtab *m);
/* The number in a cell, checked to be finite and in [lo, hi]: 0, or -1 after reporting the
 * file, line and column. */
int hg_mtab_num(const hg_mtab *m, int row, int col, double lo, double hi, double *out, hg_diag *d);
/* Row index of key (column 0), or -1. */
int hg_mtab_find(const hg_mtab *m, const char *key);
static inline const char *hg_mtab_cell(const hg_mtab *m, int row, int col)
{
    return m->cells[(size_t)row * (size_t)m->ncols + (size_t)col];
}

/* The key (code) of a row. */
static inline const char *hg_mtab_key(const hg_mtab *m, int row)
{
    return hg_mtab_cell(m, row, m->keycol);
}

#endif
