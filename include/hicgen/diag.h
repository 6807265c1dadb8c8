/* hicgen — diagnostics: every problem found in specs, masters or options is reported as
 * "where: error: what", counted, and kept so that callers (and tests) can inspect it.
 * Validation keeps going after an error so that `hicgen check` reports all of them. */
#ifndef HICGEN_DIAG_H
#define HICGEN_DIAG_H

#include <stdio.h>
#include "hicgen/buf.h"

typedef struct hg_diag {
    int nerrors;
    FILE *echo;  /* where messages are also printed as they come (NULL: nowhere) */
    hg_buf text; /* every message, newline-terminated */
} hg_diag;

void hg_diag_init(hg_diag *d, FILE *echo);
void hg_diag_free(hg_diag *d);
/* Reports an error at file:line:col (line/col 0 = not known). */
void hg_diag_at(hg_diag *d, const char *file, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Reports an error with a free-form location such as "option --persons". */
void hg_diag_err(hg_diag *d, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Non-zero when any message so far contains needle (for tests). */
int hg_diag_has(const hg_diag *d, const char *needle);

#endif
