/* hicgen — typed values that the model hands to the table writers, and their text forms.
 * The model produces values; the column's declared format (from the spec) decides how a
 * value is written, e.g. a date as 和暦 GYYMM as the NDB stores it. */
#ifndef HICGEN_VALUE_H
#define HICGEN_VALUE_H

#include <stdint.h>
#include "hicgen/buf.h"

/* Largest field count of any record kind (masters included): the value arrays handed to the
 * emitter are this long; a wider kind is refused when it is registered. */
#define HG_MAX_FIELDS 160

typedef enum { HG_V_NULL = 0, HG_V_INT, HG_V_STR, HG_V_DATE, HG_V_DEC } hg_vkind;

typedef struct hg_value {
    hg_vkind kind;
    int scale;     /* HG_V_DEC: number of decimals in i */
    int64_t i;     /* HG_V_INT, HG_V_DEC (scaled), HG_V_DATE (yyyymmdd) */
    const char *s; /* HG_V_STR: NUL-terminated, owned by the producer for the row's lifetime */
} hg_value;

typedef enum {
    HG_F_PLAIN = 0, /* integers in decimal, dates as YYYY-MM-DD, strings as they are */
    HG_F_GYYMM,     /* 和暦 era digit + year + month, e.g. 42805 = 平成28年5月 */
    HG_F_GYYMMDD,   /* 和暦 with day, e.g. 4280113 */
    HG_F_YYYYMM,
    HG_F_YYYYMMDD,
    HG_F_ZEROPAD, /* integer zero-padded to width */
} hg_fmtkind;

static inline hg_value hg_vnull(void)
{
    return (hg_value){.kind = HG_V_NULL};
}
static inline hg_value hg_vint(int64_t i)
{
    return (hg_value){.kind = HG_V_INT, .i = i};
}
static inline hg_value hg_vstr(const char *s)
{
    return s ? (hg_value){.kind = HG_V_STR, .s = s} : hg_vnull();
}
static inline hg_value hg_vdate(int32_t ymd)
{
    return ymd > 0 ? (hg_value){.kind = HG_V_DATE, .i = ymd} : hg_vnull();
}
static inline hg_value hg_vdec(int64_t scaled, int scale)
{
    return (hg_value){.kind = HG_V_DEC, .i = scaled, .scale = scale};
}
/* A decimal given as its exact text ("15.20", as a master holds it): written as it is. */
static inline hg_value hg_vdec_text(const char *text)
{
    return (hg_value){.kind = HG_V_DEC, .s = text};
}

/* 和暦: era code (1 明治 2 大正 3 昭和 4 平成 5 令和) and year of era for a date yyyymmdd.
 * Returns 0 on success, -1 for dates before 明治. */
int hg_wareki(int32_t ymd, int *era, int *year);
/* Parses a format name ("gyymm", ...). Returns -1 when unknown. */
int hg_fmt_parse(const char *name);
const char *hg_fmt_name(int fmt);
/* Appends the text of v in format fmt (width for HG_F_ZEROPAD) without CSV quoting.
 * Returns -1 when the value cannot take that format (the spec binder prevents this). */
int hg_value_text(hg_buf *b, const hg_value *v, int fmt, int width);

#endif
