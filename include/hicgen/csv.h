/* hicgen — CSV reader for masters: RFC 4180 quoting, UTF-8 checked, or Shift_JIS (CP932)
 * converted to UTF-8 with iconv, as the payment fund's official masters are. */
#ifndef HICGEN_CSV_H
#define HICGEN_CSV_H

#include <stddef.h>
#include "hicgen/diag.h"

/* A master larger than this is refused before it is read (the official 医薬品 master, the
 * largest, is about 10 MiB). */
#define HG_CSV_MAX_BYTES (512 << 20)

typedef struct hg_csv {
    const char *file;
    char *data; /* whole file, UTF-8, as read */
    size_t len, pos;
    size_t linestart; /* offset of the current line's first byte */
    long line;        /* the current line (after a record: the line after it) */
    long record_line; /* line where the current record starts */
    char **fields;    /* the current record's fields, unescaped (valid until the next call) */
    long *cols;       /* per field: the character column where it starts on its line */
    int nfields, cap;
    size_t *offs; /* per field: its offset in fbuf */
    char *fbuf;   /* the unescaped fields */
    size_t flen, fcap;
    size_t scan_at; /* col_at's place: offset and column reached on the current line */
    long scan_col;
    int unterminated; /* the record just read ends the file without a line break */
} hg_csv;

/* Opens path; encoding is NULL for UTF-8 or e.g. "CP932". The text must be valid UTF-8 (after
 * conversion) without NUL bytes. Returns 0, or -1 after reporting with line and column. */
int hg_csv_open(hg_csv *c, const char *path, const char *encoding, hg_diag *d);
/* The same for bytes in memory (copied); name is used in messages. */
int hg_csv_open_bytes(hg_csv *c, const char *name, const char *bytes, size_t len,
                      const char *encoding, hg_diag *d);
/* Opens in-memory UTF-8 text (copied); name is used in messages. */
int hg_csv_open_text(hg_csv *c, const char *name, const char *text, hg_diag *d);
/* Reads the next record: 1 = a record in c->fields, 0 = end of file, -1 = error (reported). */
int hg_csv_next(hg_csv *c, hg_diag *d);
void hg_csv_close(hg_csv *c);
/* The character column of byte offset at on the current line. */
long hg_csv_col(const hg_csv *c, size_t at);

#endif
