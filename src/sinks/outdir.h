/* hicgen — an output directory that appears only when complete.
 *
 * The target is resolved (trailing slashes, relative paths, `.`, symbolic links; missing parents
 * created like mkdir -p), checked (a non-empty directory is replaced only with force, and only
 * when it holds an earlier hicgen output), and filled through a private temporary directory
 * beside it that is renamed into place at the end. Temporaries of runs that were killed are
 * removed first; a previous output that a killed run had moved aside is put back. */
#ifndef HICGEN_OUTDIR_H
#define HICGEN_OUTDIR_H

#include "hicgen/diag.h"
#include "hicgen/run.h"

typedef struct hg_outdir {
    char path[4096]; /* the canonical target */
    char tmp[4300];  /* the temporary directory being filled */
    char **made;     /* parent directories created for the target */
} hg_outdir;

/* Resolves and checks the target given as arg, cleans up after killed runs and creates the
 * temporary directory. Returns 0, or HG_ERR_INPUT / HG_ERR_RUNTIME after reporting to d. */
int hg_outdir_open(hg_outdir *o, const char *arg, int force, const hg_run *run, hg_diag *d);
/* Renames the finished temporary into place; a previous output goes only after the new one is
 * in place. Returns 0, or -1 with the reason in err (the previous output is kept). */
int hg_outdir_commit(hg_outdir *o, char *err, size_t errn);
/* After a failure: removes the temporary and the parent directories created for the target. */
void hg_outdir_abort(hg_outdir *o);

#endif
