/* hicgen — file-system helpers shared by the sinks. */
#ifndef HICGEN_FSUTIL_H
#define HICGEN_FSUTIL_H

#include <stddef.h>
#include "hicgen/buf.h"

/* Removes a directory tree (or file) without following symbolic links; errors are ignored. */
void hg_rm_rf(const char *path);
/* Writes b to dir/name and fsyncs it. Returns 0, or -1 with a message in err. */
int hg_write_file(const char *dir, const char *name, const hg_buf *b, char *err, size_t errn);

#endif
