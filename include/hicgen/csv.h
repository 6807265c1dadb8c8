/* hicgen — CSV reader for masters: RFC 4180 quoting, UTF-8 checked, or Shift_JIS (CP932)
 * converted to UTF-8 with iconv, as the payment fund's official masters are. */
#ifndef HICGEN_CSV_H
#define HICGEN_CSV_H

#include <stddef.h>
#include "hicgen/diag.h"

typedef struct hg_csv {
    const char *file;
    char *data; /* whole file, UTF-8; fields are unescaped in place */
    size_t len, pos;
    long line; /* line where the current record starts */
    char **fields;
    int nfields, cap;
} hg_csv;

/* Opens path; encoding is NULL for UTF-8 or e.g. "CP932". Returns 0, or -1 after reporting. */
int hg_csv_open(hg_csv *c, const char *path, const char *encoding, hg_diag *d);
/* Opens in-memory UTF-8 text (copied); name is used in messages. */
int hg_csv_open_text(hg_csv *c, const char *name, const char *text, hg_diag *d);
/* Reads the next record: 1 = a record in c->fields, 0 = end of file, -1 = error (reported). */
int hg_csv_next(hg_csv *c, hg_diag *d);
void hg_csv_close(hg_csv *c);

#endif
