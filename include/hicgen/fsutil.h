/* hicgen — file-system helpers shared by the sinks. */
#ifndef HICGEN_FSUTIL_H
#define HICGEN_FSUTIL_H

#include <stddef.h>
#include "hicgen/buf.h"
#include "hicgen/diag.h"

/* Removes a directory tree (or file) without following symbolic links; errors are ignored. */
void hg_rm_rf(const char *path);
/* Writes b to dir/name and fsyncs it. Returns 0, or -1 with a message in err. */
int hg_write_file(const char *dir, const char *name, const hg_buf *b, char *err, size_t errn);

/* The files of dir whose names end with suffix, sorted by name, as "dir/name" paths in a
 * malloc'ed NULL-terminated array (hidden files skipped). NULL after reporting when dir cannot
 * be read. */
char **hg_list_dir(const char *dir, const char *suffix, hg_diag *d);
/* The same below dir at any depth, as paths relative to dir ("model/population.yaml"), sorted;
 * symbolic links are not followed. */
char **hg_list_tree(const char *dir, const char *suffix, hg_diag *d);
void hg_free_list(char **list);

#endif
