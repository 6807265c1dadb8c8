/* hicgen — strict number parsing for every number read from a file or an option: plain decimal
 * notation only (no spaces, no sign but a leading '-', no hex, no nan or inf), so that what
 * looks like a number to a reader is the number the program uses. */
#ifndef HICGEN_NUM_H
#define HICGEN_NUM_H

/* "-12", "3.5", "1e-3", ".5": a finite decimal number into *out. Returns 0, or -1. */
int hg_parse_num(const char *s, double *out);
/* "-12", "0", "42": a whole number that fits in a long long into *out. Returns 0, or -1. */
int hg_parse_int(const char *s, long long *out);

/* "2022-04": a month YYYY-MM from 1990-01 to 2100-12, exactly seven characters, into *ym as
 * YYYYMM. Returns 0, or -1. */
int hg_parse_month(const char *s, int *ym);

#endif
