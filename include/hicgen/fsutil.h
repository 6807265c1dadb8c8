/* hicgen — file-system helpers shared by the sinks. */
#ifndef HICGEN_FSUTIL_H
#define HICGEN_FSUTIL_H

#include <stddef.h>
#include <stdio.h>
#include "hicgen/buf.h"
#include "hicgen/diag.h"

/* Removes a directory tree (or file) without following symbolic links; errors are ignored. */
void hg_rm_rf(const char *path);
/* Creates a new file for writing (mode 0644 less the umask) without following or replacing
 * anything already at path, a symbolic link included (O_EXCL|O_NOFOLLOW). NULL with errno. */
FILE *hg_create_excl(const char *path);
/* Writes b to the new file dir/name (created as hg_create_excl does) and fsyncs it. Returns 0,
 * or -1 with a message in err. */
int hg_write_file(const char *dir, const char *name, const hg_buf *b, char *err, size_t errn);

/* ---- output paths and temporaries ----
 * Every temporary is created with a name no other process can take (mkdtemp/mkstemp: private,
 * mode 0700/0600) beside its target, "<target>.hicgen-<tag>-<pid>-XXXXXX", so that the final
 * rename stays on one file system and a later run can tell a dead run's leftovers by the pid. */

/* Resolves an output path given by the user: trailing slashes dropped; an existing path (or
 * symbolic link) to its canonical absolute form; a missing one to the canonical form of its
 * directory plus its name, creating the missing parent directories first when create is set
 * (like mkdir -p; each one created is appended to *made, for hg_mkdirs_undo). Refuses the root
 * directory. Returns 0, or -1 with the reason in err. */
int hg_out_path(const char *arg, int create, char *abs, size_t absn, char ***made, char *err,
                size_t errn);
/* Creates path and its missing parents (mode 0777 less the umask), appending each directory
 * created to the NULL-terminated *made. Returns 0, or -1 with the reason in err. */
int hg_mkdirs(const char *path, char ***made, char *err, size_t errn);
/* Removes the directories of made that are still empty (newest first) and frees the list. */
void hg_mkdirs_undo(char **made);
/* A new private directory "<target>.hicgen-<tag>-<pid>-XXXXXX"; its path in out. 0 or -1. */
int hg_mkdtemp_beside(const char *target, const char *tag, char *out, size_t n);
/* A new private file "<target>.hicgen-<tag>-<pid>-XXXXXX" open for writing; NULL with errno. */
FILE *hg_mkstemp_beside(const char *target, const char *tag, char *out, size_t n);
/* Gives a finished temporary the mode a new file or directory would have (0666/0777 less the
 * umask) before it is renamed into place. */
int hg_publish_mode(const char *path, int dir);
/* The entries of dir named "<prefix><pid>" or "<prefix><pid>-XXXXXX" whose process no longer
 * runs and which belong to this user: temporaries of runs that were killed. Sorted, NULL-
 * terminated, malloc'ed (hg_free_list). */
char **hg_stale_temps(const char *dir, const char *prefix);

/* The files of dir whose names end with suffix, sorted by name, as "dir/name" paths in a
 * malloc'ed NULL-terminated array (hidden files skipped). NULL after reporting when dir cannot
 * be read. */
char **hg_list_dir(const char *dir, const char *suffix, hg_diag *d);
/* The same below dir at any depth, as paths relative to dir ("model/population.yaml"), sorted;
 * symbolic links are not followed. */
char **hg_list_tree(const char *dir, const char *suffix, hg_diag *d);
void hg_free_list(char **list);

#endif
