/* hicgen — reading one member of a zip archive (the payment fund publishes some masters as
 * .zip files holding a single CSV/TXT). Stored and deflated members; no zip64, no encryption. */
#ifndef HICGEN_ZIP_H
#define HICGEN_ZIP_H

#include <stddef.h>
#include "hicgen/buf.h"
#include "hicgen/diag.h"

/* Reads the zip file at path and inflates into out the first member whose name ends in one of
 * the suffixes (NULL-terminated list; e.g. ".csv", ".txt"), or the first member when suffixes is
 * NULL. At most max_bytes are inflated. Returns 0, or -1 after reporting to d; *member gets the
 * member's name (malloc'ed) when not NULL. */
int hg_zip_read(const char *path, const char *const *suffixes, size_t max_bytes, hg_buf *out,
                char **member, hg_diag *d);

#endif
