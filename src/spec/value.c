/* hicgen — value formats, including 和暦 dates as the NDB stores them. */
#include "hicgen/value.h"

#include <string.h>

/* First day of each era as yyyymmdd; era codes are 別表 年号区分 (令和 = 5 by extension). */
static const struct {
    int32_t start;
    int code;
} eras[] = {{20190501, 5}, {19890108, 4}, {19261225, 3}, {19120730, 2}, {18680908, 1}};

int hg_wareki(int32_t ymd, int *era, int *year)
{
    for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
        if (ymd >= eras[i].start) {
            *era = eras[i].code;
            *year = ymd / 10000 - eras[i].start / 10000 + 1;
            return 0;
        }
    }
    return -1;
}

static const char *fmt_names[] = {"plain", "gyymm", "gyymmdd", "yyyymm", "yyyymmdd", "zeropad"};

int hg_fmt_parse(const char *name)
{
    for (int i = 0; i < (int)(sizeof fmt_names / sizeof fmt_names[0]); i++)
        if (strcmp(name, fmt_names[i]) == 0) return i;
    return -1;
}

const char *hg_fmt_name(int fmt)
{
    return fmt >= 0 && fmt < (int)(sizeof fmt_names / sizeof fmt_names[0]) ? fmt_names[fmt] : "?";
}

static void put_dec(hg_buf *b, int64_t v, int scale)
{
    if (scale <= 0) {
        hg_buf_int(b, v);
        return;
    }
    int64_t p = 1;
    for (int i = 0; i < scale; i++) p *= 10;
    if (v < 0) {
        hg_buf_putc(b, '-');
        v = -v;
    }
    hg_buf_int(b, v / p);
    int64_t frac = v % p;
    if (frac == 0) return; /* integers are written without a decimal point, as in receipts */
    int keep = scale;
    while (frac % 10 == 0) {
        frac /= 10;
        keep--;
    }
    hg_buf_putc(b, '.');
    hg_buf_zint(b, frac, keep);
}

int hg_value_text(hg_buf *b, const hg_value *v, int fmt, int width)
{
    switch (v->kind) {
    case HG_V_NULL:
        return 0;
    case HG_V_STR:
        if (fmt != HG_F_PLAIN) return -1;
        hg_buf_puts(b, v->s);
        return 0;
    case HG_V_INT:
        if (fmt == HG_F_ZEROPAD)
            hg_buf_zint(b, v->i, width);
        else if (fmt == HG_F_PLAIN)
            hg_buf_int(b, v->i);
        else
            return -1;
        return 0;
    case HG_V_DEC:
        if (fmt != HG_F_PLAIN) return -1;
        if (v->s)
            hg_buf_puts(b, v->s);
        else
            put_dec(b, v->i, v->scale);
        return 0;
    case HG_V_DATE: {
        int32_t ymd = (int32_t)v->i;
        int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
        int era, ey;
        switch (fmt) {
        case HG_F_PLAIN: {
            /* YYYY-MM-DD, the commonest value of all: written in one piece */
            if (y < 0 || y > 9999 || m < 0 || d < 0) {
                hg_buf_zint(b, y, 4);
                hg_buf_putc(b, '-');
                hg_buf_zint(b, m, 2);
                hg_buf_putc(b, '-');
                hg_buf_zint(b, d, 2);
                return 0;
            }
            char t[10] = {(char)('0' + y / 1000),
                          (char)('0' + y / 100 % 10),
                          (char)('0' + y / 10 % 10),
                          (char)('0' + y % 10),
                          '-',
                          (char)('0' + m / 10 % 10),
                          (char)('0' + m % 10),
                          '-',
                          (char)('0' + d / 10 % 10),
                          (char)('0' + d % 10)};
            hg_buf_put(b, t, sizeof t);
            return 0;
        }
        case HG_F_YYYYMM:
            hg_buf_zint(b, y * 100 + m, 6);
            return 0;
        case HG_F_YYYYMMDD:
            hg_buf_zint(b, ymd, 8);
            return 0;
        case HG_F_GYYMM:
        case HG_F_GYYMMDD:
            if (hg_wareki(ymd, &era, &ey) != 0) return -1;
            hg_buf_int(b, era);
            hg_buf_zint(b, ey, 2);
            hg_buf_zint(b, m, 2);
            if (fmt == HG_F_GYYMMDD) hg_buf_zint(b, d, 2);
            return 0;
        default:
            return -1;
        }
    }
    }
    return -1;
}
