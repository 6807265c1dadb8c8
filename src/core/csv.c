/* hicgen — CSV reader. */
#include "hicgen/csv.h"
#include "hicgen/alloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Returns the byte offset of the first invalid UTF-8 sequence, or -1. */
static long bad_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : 9;
        if (k == 9 || (k == 1 && c < 0xC2) || i + k >= n + (k ? 0 : 1)) return (long)i;
        for (size_t j = 1; j <= k; j++)
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80) return (long)i;
        i += k + 1;
    }
    return -1;
}

static int finish_open(hg_csv *c, hg_diag *d)
{
    long bad = bad_utf8((const unsigned char *)c->data, c->len);
    if (bad >= 0) {
        long line = 1;
        for (long i = 0; i < bad; i++)
            if (c->data[i] == '\n') line++;
        hg_diag_at(d, c->file, line, 0,
                   "invalid UTF-8 (is this a Shift_JIS file? official masters go under "
                   "--official-masters)");
        hg_csv_close(c); /* the caller gets nothing to close on failure */
        return -1;
    }
    /* a UTF-8 byte-order mark is tolerated */
    if (c->len >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0) c->pos = 3;
    c->line = 1;
    return 0;
}

static char *to_utf8(const char *in, size_t inlen, const char *enc, size_t *outlen, long *badline)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = inlen * 3 / 2 + 16;
    char *out = hg_xmalloc(cap + 1);
    char *ip = (char *)in, *op = out;
    size_t il = inlen, ol = cap;
    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(op - out);
                cap *= 2;
                out = hg_xrealloc(out, cap + 1);
                op = out + used;
                ol = cap - used;
                continue;
            }
            long line = 1;
            for (const char *p = in; p < ip; p++)
                if (*p == '\n') line++;
            *badline = line;
            free(out);
            iconv_close(cd);
            return NULL;
        }
    }
    iconv_close(cd);
    *outlen = (size_t)(op - out);
    out[*outlen] = '\0';
    return out;
}

int hg_csv_open(hg_csv *c, const char *path, const char *encoding, hg_diag *d)
{
    memset(c, 0, sizeof *c);
    c->file = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        hg_diag_at(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    hg_buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) hg_buf_put(&b, tmp, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        hg_diag_at(d, path, 0, 0, "read error");
        hg_buf_free(&b);
        return -1;
    }
    if (!b.p) hg_buf_puts(&b, "");
    if (encoding) {
        long badline = 0;
        c->data = to_utf8(b.p, b.len, encoding, &c->len, &badline);
        hg_buf_free(&b);
        if (!c->data) {
            hg_diag_at(d, path, badline, 0, "not valid %s text", encoding);
            return -1;
        }
    } else {
        c->data = b.p;
        c->len = b.len;
    }
    return finish_open(c, d);
}

int hg_csv_open_text(hg_csv *c, const char *name, const char *text, hg_diag *d)
{
    memset(c, 0, sizeof *c);
    c->file = name;
    c->data = hg_xstrdup(text);
    c->len = strlen(text);
    return finish_open(c, d);
}

static void push_field(hg_csv *c, char *f)
{
    if (c->nfields == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->fields = hg_xrealloc(c->fields, (size_t)c->cap * sizeof *c->fields);
    }
    c->fields[c->nfields++] = f;
}

int hg_csv_next(hg_csv *c, hg_diag *d)
{
    c->nfields = 0;
    /* skip blank lines between records */
    while (c->pos < c->len && (c->data[c->pos] == '\n' || c->data[c->pos] == '\r')) {
        if (c->data[c->pos] == '\n') c->line++;
        c->pos++;
    }
    if (c->pos >= c->len) return 0;
    long start_line = c->line;
    char *s = c->data;
    for (;;) {
        size_t i = c->pos;
        char *out = s + i; /* unescape in place: output never outruns input */
        char *field = out;
        if (i < c->len && s[i] == '"') {
            i++;
            for (;;) {
                if (i >= c->len) {
                    hg_diag_at(d, c->file, start_line, 0,
                               "a quoted field is never closed (missing '\"')");
                    c->pos = c->len;
                    return -1;
                }
                if (s[i] == '"') {
                    if (i + 1 < c->len && s[i + 1] == '"') {
                        *out++ = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n') c->line++;
                *out++ = s[i++];
            }
            if (i < c->len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                hg_diag_at(d, c->file, c->line, 0, "unexpected text after a closing quote");
                while (c->pos < c->len && s[c->pos] != '\n') c->pos++;
                return -1;
            }
        } else {
            while (i < c->len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                if (s[i] == '"') {
                    hg_diag_at(d, c->file, c->line, 0,
                               "a quote inside an unquoted field (quote the whole field)");
                    while (c->pos < c->len && s[c->pos] != '\n') c->pos++;
                    return -1;
                }
                *out++ = s[i++];
            }
        }
        char sep = i < c->len ? s[i] : '\n';
        *out = '\0';
        push_field(c, field);
        if (sep == ',') {
            c->pos = i + 1;
            continue;
        }
        if (sep == '\r' && i + 1 < c->len && s[i + 1] == '\n') i++;
        c->pos = i + 1;
        c->line++;
        return 1;
    }
}

void hg_csv_close(hg_csv *c)
{
    free(c->data);
    free(c->fields);
    memset(c, 0, sizeof *c);
}
