/* hicgen — reading one row of a data table (hg_mtab) by column name, with every problem reported
 * at its file, line and column: the loaders of the clinical catalogue and of the families' own
 * tables share these so that a bad cell reads the same wherever it is. */
#ifndef HICGEN_MROW_H
#define HICGEN_MROW_H

#include <stddef.h>
#include "hicgen/bands.h"
#include "hicgen/ddist.h"
#include "hicgen/diag.h"
#include "hicgen/master.h"

/* The cell of named column col ("" when the table has no such column: the loader names its
 * required columns, so a missing one was reported when the table was read). */
const char *hg_row_cell(const hg_mtab *t, int r, const char *col);
/* A number in [lo, hi]; an empty cell gives dflt. */
double hg_row_num(const hg_mtab *t, int r, const char *col, double lo, double hi, double dflt,
                  hg_diag *d);
/* Copies the cell into out (n bytes), reporting one that does not fit. */
void hg_row_text(const hg_mtab *t, int r, const char *col, char *out, size_t n, hg_diag *d);
/* Appends the row's age band (age_from, male, female: numbers from 0 to hi) to b; the bands of
 * what must ascend (reported otherwise). */
void hg_row_band(const hg_mtab *t, int r, hg_band_rates *b, double hi, const char *what,
                 hg_diag *d);
/* Parses the cell as a distribution "v:p;v:p" (empty: none). */
void hg_row_dist(const hg_mtab *t, int r, const char *col, hg_ddist *out, hg_diag *d);
/* The row of master mt whose key is the cell, or -1 after reporting; what names the master in
 * the message ("傷病名"). */
/* Codes of master mt separated by '|' in column col (empty: none) into out[0 .. max): returns
 * how many (an unknown code is reported and stored as -1; more than max, or an empty or
 * overlong item, is reported and ends the list). */
int hg_row_code_list(const hg_mtab *t, int r, const char *col, const hg_mtab *mt, const char *what,
                     int *out, int max, hg_diag *d);
int hg_row_code(const hg_mtab *t, int r, const char *col, const hg_mtab *mt, const char *what,
                hg_diag *d);
/* The index of the cell in the NULL-terminated list words, or -1 after reporting them all. */
int hg_row_keyword(const hg_mtab *t, int r, const char *col, const char *const *words, hg_diag *d);

#endif
