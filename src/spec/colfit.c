/* hicgen — what a column's SQL type can hold (see colfit.h). */
#include "colfit.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "hicgen/num.h"

int hg_col_is_int(const hg_column *c)
{
    return c->type == HG_T_SMALLINT || c->type == HG_T_INTEGER || c->type == HG_T_BIGINT;
}

void hg_col_limits(hg_column *c)
{
    c->vmin = INT64_MIN;
    c->vmax = INT64_MAX;
    c->vabs = INFINITY;
    c->vunit = pow(10, c->scale);
    if (c->type == HG_T_SMALLINT) c->vmin = INT16_MIN, c->vmax = INT16_MAX;
    if (c->type == HG_T_INTEGER) c->vmin = INT32_MIN, c->vmax = INT32_MAX;
    if (c->type == HG_T_NUMERIC && c->length) c->vabs = pow(10, c->length - c->scale);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Whether text is a date YYYY-MM-DD that exists. */
static int is_date(const char *v)
{
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9')) return 0;
    int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    int m = (v[5] - '0') * 10 + (v[6] - '0'), d = (v[8] - '0') * 10 + (v[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

const char *hg_col_text_problem(const hg_column *c, const char *v)
{
    if (hg_col_is_int(c)) {
        long long x;
        if (hg_parse_int(v, &x)) return "is not a whole number";
        return hg_col_range_problem(c, (double)x, (double)x, 0);
    }
    if (c->type == HG_T_NUMERIC) {
        double x;
        if (hg_parse_num(v, &x)) return "is not a number";
        return hg_col_range_problem(c, x, x, c->scale);
    }
    if (c->type == HG_T_DATE) return is_date(v) ? NULL : "is not a date YYYY-MM-DD";
    if (c->length && (c->type == HG_T_VARCHAR || c->type == HG_T_CHAR) &&
        utf8_chars(v) > (size_t)c->length)
        return "is longer than the column's length";
    return NULL;
}

const char *hg_col_range_problem(const hg_column *c, double lo, double hi, int decimals)
{
    if (c->type == HG_T_DATE) return "is a number, and the column is a date";
    if (hg_col_is_int(c)) {
        if (decimals > 0) return "has decimals, and the column takes whole numbers";
        hg_column l = *c;
        hg_col_limits(&l);
        /* the bigint bounds as doubles: 2^63 is not representable below it exactly */
        if (lo < (double)l.vmin || hi > (double)l.vmax || (c->type == HG_T_BIGINT && hi >= 0x1p63))
            return c->type == HG_T_SMALLINT  ? "is out of the range of smallint (-32768..32767)"
                   : c->type == HG_T_INTEGER ? "is out of the range of integer"
                                             : "is out of the range of bigint";
        return NULL;
    }
    if (c->type == HG_T_NUMERIC && c->length) {
        hg_column l = *c;
        hg_col_limits(&l);
        if (round(fmax(fabs(lo), fabs(hi)) * l.vunit) / l.vunit >= l.vabs)
            return "has more whole digits than the column's numeric(p,s)";
        return NULL;
    }
    if (c->length && (c->type == HG_T_VARCHAR || c->type == HG_T_CHAR)) {
        char a[512], b[512];
        int dec = decimals < 0 ? 0 : decimals > 30 ? 30 : decimals;
        snprintf(a, sizeof a, "%.*f", dec, lo);
        snprintf(b, sizeof b, "%.*f", dec, hi);
        if (strlen(a) > (size_t)c->length || strlen(b) > (size_t)c->length)
            return "can be longer than the column's length";
    }
    return NULL;
}

const char *hg_col_dist_problem(const hg_column *c, char *buf, size_t n)
{
    const hg_dist *d = &c->dist;
    if (d->kind == HG_D_CHOICE) {
        for (int i = 0; i < d->nchoice; i++) {
            const char *why = hg_col_text_problem(c, d->choices[i]);
            if (why) {
                snprintf(buf, n, "choice value '%.100s' %s", d->choices[i], why);
                return buf;
            }
        }
        return NULL;
    }
    if (d->kind == HG_D_UNIFORM_INT) {
        if (d->a != floor(d->a) || d->b != floor(d->b) || fabs(d->a) > 0x1p53 ||
            fabs(d->b) > 0x1p53)
            return "uniform_int: min and max must be whole numbers of at most 2^53";
        /* the generator draws at most 2^32 - 1 distinct values */
        if (d->b - d->a >= 4294967295.0) return "uniform_int: max - min must be below 2^32 - 1";
        return hg_col_range_problem(c, d->a, d->b, 0);
    }
    /* normal: clamped, or within 40 standard deviations (the generator's draws stay far
     * inside that) */
    double lo = d->lo <= d->hi ? d->lo : d->a - 40 * d->b;
    double hi = d->lo <= d->hi ? d->hi : d->a + 40 * d->b;
    if (!isfinite(lo) || !isfinite(hi)) return "normal: the values would not be finite";
    return hg_col_range_problem(c, lo, hi, d->decimals);
}
