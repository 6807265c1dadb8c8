/* hicgen — the little JSON writing hicgen needs (manifest.json). */
#ifndef HICGEN_JSON_H
#define HICGEN_JSON_H

#include "hicgen/buf.h"

/* Appends s as a JSON string (quotes, backslashes and control characters escaped). */
void hg_json_str(hg_buf *b, const char *s);

#endif
