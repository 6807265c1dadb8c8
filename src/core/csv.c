/* hicgen — CSV reader. */
#include "hicgen/csv.h"
#include "hicgen/alloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s[0..n), or 0. Overlong forms, surrogates
 * (U+D800-DFFF) and code points above U+10FFFF are invalid (RFC 3629). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t k;
    unsigned char lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0) lo = 0xA0; /* overlong */
        if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0) lo = 0x90; /* overlong */
        if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi) return 0;
    for (size_t j = 2; j < k; j++)
        if ((s[j] & 0xC0) != 0x80) return 0;
    return k;
}

/* The line and character column (1-based) of byte offset off. */
static void position(const char *data, size_t off, long *line, long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (data[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)data[i] & 0xC0) != 0x80)
            (*col)++;
    }
}

/* Checks the text: valid UTF-8 (the caller's hint says what to do when it is not) and no NUL
 * byte, which would cut a field short. */
static int check_text(hg_csv *c, const char *hint, hg_diag *d)
{
    const unsigned char *s = (const unsigned char *)c->data;
    for (size_t i = 0; i < c->len;) {
        size_t k = s[i] ? utf8_seq(s + i, c->len - i) : 0;
        if (k) {
            i += k;
            continue;
        }
        long line, col;
        position(c->data, i, &line, &col);
        if (!s[i])
            hg_diag_at(d, c->file, line, col, "a NUL byte; a master is text");
        else
            hg_diag_at(d, c->file, line, col, "invalid UTF-8 (byte 0x%02X)%s", s[i], hint);
        return -1;
    }
    return 0;
}

static int finish_open(hg_csv *c, const char *hint, hg_diag *d)
{
    if (check_text(c, hint, d)) {
        hg_csv_close(c); /* the caller gets nothing to close on failure */
        return -1;
    }
    /* a UTF-8 byte-order mark is tolerated */
    if (c->len >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0) c->pos = c->linestart = 3;
    c->line = 1;
    c->scan_at = c->linestart;
    c->scan_col = 1;
    return 0;
}

static char *to_utf8(const char *in, size_t inlen, const char *enc, size_t *outlen, size_t *bad)
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
            *bad = (size_t)(ip - in);
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

/* Reads a whole file of at most HG_CSV_MAX_BYTES. */
static int read_all(const char *path, hg_buf *b, hg_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        hg_diag_at(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0 && b->len <= HG_CSV_MAX_BYTES)
        hg_buf_put(b, tmp, n);
    int err = ferror(f);
    fclose(f);
    if (err || b->len > HG_CSV_MAX_BYTES) {
        if (err)
            hg_diag_at(d, path, 0, 0, "cannot read: %s", strerror(errno));
        else
            hg_diag_at(d, path, 0, 0, "larger than %d MiB; is this the right file?",
                       HG_CSV_MAX_BYTES >> 20);
        hg_buf_free(b);
        return -1;
    }
    if (!b->p) hg_buf_puts(b, "");
    return 0;
}

/* Takes the bytes in b (a file's content, or a copy of text) as the CSV's data. */
static int open_owned(hg_csv *c, const char *path, hg_buf b, const char *encoding, hg_diag *d)
{
    if (encoding) {
        size_t bad = 0;
        c->data = to_utf8(b.p, b.len, encoding, &c->len, &bad);
        if (!c->data) {
            /* the column counts bytes here: the text is not UTF-8 */
            long line = 1, col = 1;
            for (size_t i = 0; i < bad; i++) {
                col = b.p[i] == '\n' ? 1 : col + 1;
                line += b.p[i] == '\n';
            }
            hg_diag_at(d, path, line, col, "not valid %s text (column %ld counts bytes)", encoding,
                       col);
            hg_buf_free(&b);
            return -1;
        }
        hg_buf_free(&b);
        return finish_open(c, "", d);
    }
    c->data = b.p;
    c->len = b.len;
    return finish_open(c,
                       " (is this a Shift_JIS file? official masters go under "
                       "--official-masters)",
                       d);
}

int hg_csv_open(hg_csv *c, const char *path, const char *encoding, hg_diag *d)
{
    memset(c, 0, sizeof *c);
    c->file = path;
    hg_buf b = {0};
    if (read_all(path, &b, d)) return -1;
    return open_owned(c, path, b, encoding, d);
}

int hg_csv_open_bytes(hg_csv *c, const char *name, const char *bytes, size_t len,
                      const char *encoding, hg_diag *d)
{
    memset(c, 0, sizeof *c);
    c->file = name;
    hg_buf b = {0};
    hg_buf_put(&b, bytes, len);
    if (!b.p) hg_buf_puts(&b, "");
    return open_owned(c, name, b, encoding, d);
}

int hg_csv_open_text(hg_csv *c, const char *name, const char *text, hg_diag *d)
{
    return hg_csv_open_bytes(c, name, text, strlen(text), NULL, d);
}

long hg_csv_col(const hg_csv *c, size_t at)
{
    long col = 1;
    for (size_t i = c->linestart; i < at && i < c->len; i++)
        if (((unsigned char)c->data[i] & 0xC0) != 0x80) col++;
    return col;
}

/* The same, going on from the last answer on this line (fields are asked for in order). */
static long col_at(hg_csv *c, size_t at)
{
    if (c->scan_at < c->linestart || c->scan_at > at) {
        c->scan_at = c->linestart;
        c->scan_col = 1;
    }
    for (; c->scan_at < at; c->scan_at++)
        if (((unsigned char)c->data[c->scan_at] & 0xC0) != 0x80) c->scan_col++;
    return c->scan_col;
}

static void put(hg_csv *c, char ch)
{
    if (c->flen == c->fcap) {
        c->fcap = c->fcap ? c->fcap * 2 : 256;
        c->fbuf = hg_xrealloc(c->fbuf, c->fcap);
    }
    c->fbuf[c->flen++] = ch;
}

/* Starts a field at byte offset at of the data. */
static void start_field(hg_csv *c, size_t at)
{
    if (c->nfields == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->fields = hg_xrealloc(c->fields, (size_t)c->cap * sizeof *c->fields);
        c->cols = hg_xrealloc(c->cols, (size_t)c->cap * sizeof *c->cols);
        c->offs = hg_xrealloc(c->offs, (size_t)c->cap * sizeof *c->offs);
    }
    c->cols[c->nfields] = col_at(c, at);
    c->offs[c->nfields++] = c->flen;
}

/* Reports a problem at byte offset at of the current line and skips to the next line. */
static int bad_record(hg_csv *c, size_t at, const char *what, hg_diag *d)
{
    hg_diag_at(d, c->file, c->line, col_at(c, at), "%s", what);
    while (c->pos < c->len && c->data[c->pos] != '\n') c->pos++;
    return -1;
}

/* A quoted field starting at data[i] (the quote). Returns the offset after the closing quote,
 * or 0 when the quote is never closed (reported). */
static size_t quoted(hg_csv *c, size_t i, hg_diag *d)
{
    const char *s = c->data;
    long open_line = c->line, open_col = col_at(c, i);
    for (i++;;) {
        if (i >= c->len) {
            hg_diag_at(d, c->file, open_line, open_col,
                       "a quoted field is never closed (missing '\"')");
            c->pos = c->len;
            return 0;
        }
        if (s[i] == '"') {
            if (i + 1 < c->len && s[i + 1] == '"') {
                put(c, '"');
                i += 2;
                continue;
            }
            return i + 1;
        }
        if (s[i] == '\n') {
            c->line++;
            c->linestart = i + 1;
        }
        put(c, s[i++]);
    }
}

int hg_csv_next(hg_csv *c, hg_diag *d)
{
    c->nfields = 0;
    c->flen = 0;
    /* skip blank lines between records */
    while (c->pos < c->len && (c->data[c->pos] == '\n' || c->data[c->pos] == '\r')) {
        if (c->data[c->pos] == '\n') {
            c->line++;
            c->linestart = c->pos + 1;
        }
        c->pos++;
    }
    if (c->pos >= c->len) return 0;
    c->record_line = c->line;
    const char *s = c->data;
    for (;;) {
        size_t i = c->pos;
        start_field(c, i);
        if (i < c->len && s[i] == '"') {
            if (!(i = quoted(c, i, d))) return -1;
            if (i < c->len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
                return bad_record(c, i, "unexpected text after a closing quote", d);
        } else {
            while (i < c->len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                if (s[i] == '"')
                    return bad_record(
                        c, i, "a quote inside an unquoted field (quote the whole field)", d);
                put(c, s[i++]);
            }
        }
        put(c, '\0');
        char sep = i < c->len ? s[i] : '\n';
        if (sep == ',') {
            c->pos = i + 1;
            continue;
        }
        c->unterminated = i >= c->len;
        if (sep == '\r' && i + 1 < c->len && s[i + 1] == '\n') i++;
        c->pos = i + 1;
        c->line++;
        c->linestart = c->pos;
        for (int k = 0; k < c->nfields; k++) c->fields[k] = c->fbuf + c->offs[k];
        return 1;
    }
}

void hg_csv_close(hg_csv *c)
{
    free(c->data);
    free(c->fields);
    free(c->cols);
    free(c->offs);
    free(c->fbuf);
    memset(c, 0, sizeof *c);
}
