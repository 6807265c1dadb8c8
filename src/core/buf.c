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

void hg_buf_int(hg_buf *b, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[n++] = '-';
    hg_buf_reserve(b, (size_t)n + 1);
    while (n) b->p[b->len++] = tmp[--n];
    b->p[b->len] = '\0';
}

void hg_buf_zint(hg_buf *b, int64_t v, int width)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n < width && n < (int)sizeof tmp) tmp[n++] = '0';
    hg_buf_reserve(b, (size_t)n + 1);
    while (n) b->p[b->len++] = tmp[--n];
    b->p[b->len] = '\0';
}
