/* hicgen — growable byte buffer used for row formatting and chunk output. */
#ifndef HICGEN_BUF_H
#define HICGEN_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct hg_buf {
    char *p;
    size_t len;
    size_t cap;
} hg_buf;

/* Makes room for at least n more bytes (out of memory: see alloc.h). */
void hg_buf_reserve(hg_buf *b, size_t n);
void hg_buf_free(hg_buf *b);
void hg_buf_printf(hg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the decimal form of v. */
void hg_buf_int(hg_buf *b, int64_t v);
/* Appends v zero-padded to at least width digits (v >= 0). */
void hg_buf_zint(hg_buf *b, int64_t v, int width);
/* Writes the decimal digits of u, zero-padded to at least width (at most 24), at out without a
 * terminating NUL; returns how many. */
int hg_utoa(char *out, uint64_t u, int width);

static inline void hg_buf_put(hg_buf *b, const void *s, size_t n)
{
    if (b->cap - b->len < n + 1) hg_buf_reserve(b, n + 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
static inline void hg_buf_puts(hg_buf *b, const char *s)
{
    hg_buf_put(b, s, strlen(s));
}
static inline void hg_buf_putc(hg_buf *b, char c)
{
    if (b->cap - b->len < 2) hg_buf_reserve(b, 2);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}
static inline void hg_buf_clear(hg_buf *b)
{
    b->len = 0;
    if (b->p) b->p[0] = '\0';
}

#endif
