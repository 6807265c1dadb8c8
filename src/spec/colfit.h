/* hicgen — what a column's SQL type can hold, so that a value PostgreSQL would refuse is found
 * by `hicgen check` (constants, distributions) or stops the run at the column's spec position
 * (values from the model), never later in the database. */
#ifndef HICGEN_COLFIT_H
#define HICGEN_COLFIT_H

#include "hicgen/spec.h"

int hg_col_is_int(const hg_column *c);
/* Sets the limits the emitter checks values against: the whole-number range of an integer
 * column, the magnitude bound of a numeric(p,s) column. */
void hg_col_limits(hg_column *c);
/* Why constant text v cannot fill column c, or NULL. */
const char *hg_col_text_problem(const hg_column *c, const char *v);
/* Why numbers from lo to hi written with `decimals` decimals cannot fill column c, or NULL. */
const char *hg_col_range_problem(const hg_column *c, double lo, double hi, int decimals);
/* Why the distribution of column c cannot fill it (including the distribution's own limits),
 * or NULL; the text goes into buf when it needs the value. */
const char *hg_col_dist_problem(const hg_column *c, char *buf, size_t n);

#endif
