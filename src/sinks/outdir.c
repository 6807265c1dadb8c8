/* hicgen — an output directory that appears only when complete (see outdir.h). */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hicgen/engine.h"
#include "hicgen/fsutil.h"

/* Whether dir holds an earlier hicgen output: its manifest.json says so in its first lines. */
static int is_hicgen_output(const char *dir)
{
    char path[4200], head[256];
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    return strstr(head, "\"generator\": \"hicgen\"") != NULL;
}

/* Refuses to replace anything that is not ours to lose. */
static int check_target(const char *out, int force, hg_diag *d)
{
    struct stat st;
    if (stat(out, &st) != 0) {
        if (errno == ENOENT) return 0;
        hg_diag_err(d, out, "cannot inspect the output directory: %s", strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        hg_diag_err(d, out, "exists and is not a directory; choose another --out");
        return -1;
    }
    DIR *dp = opendir(out);
    if (!dp) {
        hg_diag_err(d, out, "cannot read the output directory: %s", strerror(errno));
        return -1;
    }
    int empty = 1;
    struct dirent *e;
    while ((e = readdir(dp)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = 0;
    closedir(dp);
    if (empty) return 0;
    if (!force) {
        hg_diag_err(d, out,
                    "output directory exists and is not empty; use --force to replace it, or "
                    "choose another --out");
        return -1;
    }
    if (!is_hicgen_output(out)) {
        hg_diag_err(d, out,
                    "exists and is not an earlier hicgen output (no manifest.json from hicgen), "
                    "so --force will not replace it; choose another --out");
        return -1;
    }
    return 0;
}

/* The directory part and the name part of a canonical path. */
static void split(const char *path, char *dir, size_t n, const char **base)
{
    snprintf(dir, n, "%s", path);
    char *slash = strrchr(dir, '/');
    *base = path + (slash - dir) + 1;
    if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
}

/* Removes what killed runs left beside out: their temporaries, and puts back a previous output
 * one of them had moved aside just before it was killed. */
static void clean_stale(const char *out, const hg_run *run)
{
    char dir[4096], prefix[600];
    const char *base;
    split(out, dir, sizeof dir, &base);
    snprintf(prefix, sizeof prefix, "%s.hicgen-old-", base);
    char **old = hg_stale_temps(dir, prefix);
    struct stat st;
    for (char **p = old; *p; p++) {
        if (lstat(out, &st) != 0 && errno == ENOENT && rename(*p, out) == 0) {
            hg_tell(run, HG_EV_WARNING, "generate",
                    "%s: put back the previous output, moved aside by a run that was killed", out);
            continue;
        }
        hg_rm_rf(*p);
    }
    hg_free_list(old);
    snprintf(prefix, sizeof prefix, "%s.hicgen-tmp-", base);
    char **tmp = hg_stale_temps(dir, prefix);
    for (char **p = tmp; *p; p++) {
        hg_rm_rf(*p);
        hg_tell(run, HG_EV_LOG, "generate", "removed %s, left by a run that was killed", *p);
    }
    hg_free_list(tmp);
}

int hg_outdir_open(hg_outdir *o, const char *arg, int force, const hg_run *run, hg_diag *d)
{
    memset(o, 0, sizeof *o);
    char err[4600];
    if (hg_out_path(arg, 1, o->path, sizeof o->path, &o->made, err, sizeof err)) {
        hg_diag_err(d, arg, "%s", err);
        hg_mkdirs_undo(o->made);
        o->made = NULL;
        return HG_ERR_INPUT;
    }
    clean_stale(o->path, run);
    if (check_target(o->path, force, d)) {
        hg_mkdirs_undo(o->made);
        o->made = NULL;
        return HG_ERR_INPUT;
    }
    if (hg_mkdtemp_beside(o->path, "tmp", o->tmp, sizeof o->tmp) != 0) {
        int e = errno;
        hg_diag_err(d, o->path, "cannot create a temporary directory beside it: %s", strerror(e));
        o->tmp[0] = '\0';
        hg_outdir_abort(o);
        return e == EACCES || e == EROFS ? HG_ERR_INPUT : HG_ERR_RUNTIME;
    }
    return 0;
}

int hg_outdir_commit(hg_outdir *o, char *err, size_t errn)
{
    char old[4300] = "";
    struct stat st;
    int had = stat(o->path, &st) == 0;
    /* the previous output is renamed onto a fresh private directory of ours */
    if (had && (hg_mkdtemp_beside(o->path, "old", old, sizeof old) || rename(o->path, old))) {
        snprintf(err, errn, "%s: cannot move the previous output aside: %s", o->path,
                 strerror(errno));
        if (old[0]) rmdir(old);
        return -1;
    }
    if (hg_publish_mode(o->tmp, 1) || rename(o->tmp, o->path) != 0) {
        snprintf(err, errn, "%s: cannot rename the new directory into place: %s", o->path,
                 strerror(errno));
        if (had) rename(old, o->path);
        return -1;
    }
    o->tmp[0] = '\0';
    if (had) hg_rm_rf(old);
    hg_free_list(o->made);
    o->made = NULL;
    return 0;
}

void hg_outdir_abort(hg_outdir *o)
{
    if (o->tmp[0]) hg_rm_rf(o->tmp);
    o->tmp[0] = '\0';
    hg_mkdirs_undo(o->made);
    o->made = NULL;
}
