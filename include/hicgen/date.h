/* hicgen — calendar arithmetic on dates held as yyyymmdd integers (proleptic Gregorian). */
#ifndef HICGEN_DATE_H
#define HICGEN_DATE_H

#include <stdint.h>

/* Days since 1970-01-01 of yyyymmdd, and back. */
int32_t hg_days(int32_t ymd);
int32_t hg_ymd(int32_t days);
int hg_month_days(int y, int m);
/* yyyymm + n months. */
int32_t hg_ym_add(int32_t ym, int n);
/* Months from yyyymm b to yyyymm a (negative when a is earlier). */
int hg_ym_diff(int32_t a, int32_t b);
/* Whole years of age on date ymd for birth date birth. */
int hg_age(int32_t birth, int32_t ymd);
/* Checks a yyyymmdd date. */
int hg_date_valid(int32_t ymd);

#endif
