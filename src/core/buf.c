/* hicgen — growable byte buffer. */
#include "hicgen/buf.h"
#include "hicgen/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void hg_buf_reserve(hg_buf *b, size_t n)
{
    if (b->cap - b->len >= n) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < n) cap *= 2;
    b->p = hg_xrealloc(b->p, cap);
    b->cap = cap;
}

void hg_buf_free(hg_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void hg_buf_printf(hg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    hg_buf_reserve(b, (size_t)n + 1);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

/* "00" "01" ... "99": two digits per division, half the divisions of one digit at a time */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
                                     "25262728293031323334353637383940414243444546474849"
                                     "50515253545556575859606162636465666768697071727374"
                                     "75767778798081828384858687888990919293949596979899";

/* Writes the n digits of u (n = its digit count or more, leading zeros) ending at end. */
static void put_digits(char *end, uint64_t u, int n)
{
    char *q = end;
    while (u >= 100) {
        const char *d = digit_pairs + (u % 100) * 2;
        u /= 100;
        *--q = d[1];
        *--q = d[0];
    }
    if (u >= 10) {
        *--q = digit_pairs[u * 2 + 1];
        *--q = digit_pairs[u * 2];
    } else {
        *--q = (char)('0' + u);
    }
    while (q > end - n) *--q = '0';
}

static int ndigits(uint64_t u)
{
    int n = 1;
    while (u >= 10000) {
        u /= 10000;
        n += 4;
    }
    return n + (u >= 10) + (u >= 100) + (u >= 1000);
}

/* Numbers are written in place, the buffer's room made once: they are most of the output. */
void hg_buf_int(hg_buf *b, int64_t v)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = ndigits(u), neg = v < 0;
    if (b->cap - b->len < (size_t)(n + neg + 1)) hg_buf_reserve(b, (size_t)(n + neg + 1));
    char *p = b->p + b->len;
    if (neg) *p++ = '-';
    put_digits(p + n, u, n);
    b->len += (size_t)(n + neg);
    b->p[b->len] = '\0';
}

int hg_utoa(char *out, uint64_t u, int width)
{
    int n = ndigits(u);
    if (width > 24) width = 24;
    if (n < width) n = width;
    put_digits(out + n, u, n);
    return n;
}

void hg_buf_zint(hg_buf *b, int64_t v, int width)
{
    if (b->cap - b->len < 26) hg_buf_reserve(b, 26);
    b->len += (size_t)hg_utoa(b->p + b->len, v < 0 ? 0 : (uint64_t)v, width);
    b->p[b->len] = '\0';
}
