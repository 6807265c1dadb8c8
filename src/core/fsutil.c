/* hicgen — file-system helpers. */
#include "hicgen/fsutil.h"

#include "hicgen/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int rm_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void hg_rm_rf(const char *path)
{
    nftw(path, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

FILE *hg_create_excl(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(path);
        errno = e;
    }
    return f;
}

int hg_write_file(const char *dir, const char *name, const hg_buf *b, char *err, size_t errn)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = hg_create_excl(path);
    if (!f || fwrite(b->p, 1, b->len, f) != b->len || fflush(f) || fsync(fileno(f))) {
        snprintf(err, errn, "%s: cannot write: %s", path, strerror(errno));
        if (f) fclose(f);
        return -1;
    }
    if (fclose(f) != 0) {
        snprintf(err, errn, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **hg_list_dir(const char *dir, const char *suffix, hg_diag *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        hg_diag_at(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
        return NULL;
    }
    char **list = NULL;
    size_t n = 0;
    struct dirent *e;
    size_t sl = strlen(suffix);
    while ((e = readdir(dp))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l <= sl || strcmp(e->d_name + l - sl, suffix) != 0) continue;
        list = hg_xrealloc(list, (n + 2) * sizeof *list);
        size_t plen = strlen(dir) + l + 2;
        list[n] = hg_xmalloc(plen);
        snprintf(list[n], plen, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(dp);
    if (!list) list = hg_xcalloc(1, sizeof *list);
    qsort(list, n, sizeof *list, cmpstr);
    list[n] = NULL;
    return list;
}

void hg_free_list(char **list)
{
    if (!list) return;
    for (char **p = list; *p; p++) free(*p);
    free(list);
}

/* Appends the files below root/rel to *list (relative paths). */
static void walk(const char *root, const char *rel, const char *suffix, char ***list, size_t *n,
                 hg_diag *d)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *dp = opendir(dir);
    if (!dp) {
        hg_diag_at(d, dir, 0, 0, "cannot open directory: %s", strerror(errno));
        return;
    }
    size_t sl = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.') continue;
        char sub[4096], path[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(path, sizeof path, "%s/%s", root, sub);
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            walk(root, sub, suffix, list, n, d);
            continue;
        }
        size_t l = strlen(e->d_name);
        if (!S_ISREG(st.st_mode) || l <= sl || strcmp(e->d_name + l - sl, suffix) != 0) continue;
        *list = hg_xrealloc(*list, (*n + 2) * sizeof **list);
        (*list)[(*n)++] = hg_xstrdup(sub);
    }
    closedir(dp);
}

char **hg_list_tree(const char *dir, const char *suffix, hg_diag *d)
{
    char **list = NULL;
    size_t n = 0;
    int before = d->nerrors;
    walk(dir, "", suffix, &list, &n, d);
    if (!list) list = hg_xcalloc(1, sizeof *list);
    qsort(list, n, sizeof *list, cmpstr);
    list[n] = NULL;
    if (d->nerrors != before) {
        hg_free_list(list);
        return NULL;
    }
    return list;
}

/* ---- output paths and temporaries ---- */

int hg_mkdirs(const char *path, char ***made, char *err, size_t errn)
{
    char p[4096];
    if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p) {
        snprintf(err, errn, "%s: path too long", path);
        return -1;
    }
    size_t n = 0;
    for (char **m = *made; m && *m; m++) n++;
    /* each prefix ending before a '/', then the whole path */
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s) continue;
        char c = *s;
        *s = '\0';
        struct stat st;
        if (stat(p, &st) != 0) {
            if (errno != ENOENT || mkdir(p, 0777) != 0) {
                snprintf(err, errn, "%s: cannot create the directory: %s", p, strerror(errno));
                return -1;
            }
            *made = hg_xrealloc(*made, (n + 2) * sizeof **made);
            (*made)[n++] = hg_xstrdup(p);
            (*made)[n] = NULL;
        } else if (!S_ISDIR(st.st_mode)) {
            snprintf(err, errn, "%s: exists and is not a directory", p);
            return -1;
        }
        if (!c) break;
        *s = c;
    }
    return 0;
}

void hg_mkdirs_undo(char **made)
{
    size_t n = 0;
    for (char **m = made; m && *m; m++) n++;
    while (n--) rmdir(made[n]); /* only if still empty */
    hg_free_list(made);
}

/* Joins the canonical form of dir (which must exist) and base into abs. */
static int join_canonical(const char *dir, const char *base, char *abs, size_t absn, char *err,
                          size_t errn)
{
    char rp[PATH_MAX];
    if (!realpath(dir, rp)) {
        snprintf(err, errn, "its directory %s cannot be used: %s", dir, strerror(errno));
        return -1;
    }
    if (snprintf(abs, absn, "%s%s%s", rp, strcmp(rp, "/") ? "/" : "", base) >= (int)absn) {
        snprintf(err, errn, "path too long");
        return -1;
    }
    return 0;
}

int hg_out_path(const char *arg, int create, char *abs, size_t absn, char ***made, char *err,
                size_t errn)
{
    char p[4096];
    size_t len = strlen(arg);
    if (!len || len >= sizeof p) {
        snprintf(err, errn, len ? "path too long" : "must not be empty");
        return -1;
    }
    memcpy(p, arg, len + 1);
    while (len > 1 && p[len - 1] == '/') p[--len] = '\0';
    struct stat st;
    if (lstat(p, &st) != 0) {
        if (errno != ENOENT) {
            snprintf(err, errn, "cannot inspect it: %s", strerror(errno));
            return -1;
        }
        /* a new directory: its missing parents are created (mkdir -p) when asked */
        char *slash = strrchr(p, '/');
        const char *base = slash ? slash + 1 : p, *dir = ".";
        if (slash == p)
            dir = "/";
        else if (slash) {
            *slash = '\0';
            dir = p;
        }
        if (!strcmp(base, ".") || !strcmp(base, "..")) {
            snprintf(err, errn, "does not exist and cannot be resolved");
            return -1;
        }
        if (create && dir == p && hg_mkdirs(dir, made, err, errn)) return -1;
        return join_canonical(dir, base, abs, absn, err, errn);
    }
    /* an existing path (a symbolic link included): the directory it names, canonical */
    char rp[PATH_MAX];
    if (!realpath(p, rp)) {
        snprintf(err, errn, "%s: %s",
                 S_ISLNK(st.st_mode) ? "a symbolic link that leads nowhere" : "cannot be resolved",
                 strerror(errno));
        return -1;
    }
    if (!strcmp(rp, "/")) {
        snprintf(err, errn, "is the root directory; choose a directory of its own");
        return -1;
    }
    if (snprintf(abs, absn, "%s", rp) >= (int)absn) {
        snprintf(err, errn, "path too long");
        return -1;
    }
    return 0;
}

int hg_mkdtemp_beside(const char *target, const char *tag, char *out, size_t n)
{
    if (snprintf(out, n, "%s.hicgen-%s-%ld-XXXXXX", target, tag, (long)getpid()) >= (int)n) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return mkdtemp(out) ? 0 : -1;
}

FILE *hg_mkstemp_beside(const char *target, const char *tag, char *out, size_t n)
{
    if (snprintf(out, n, "%s.hicgen-%s-%ld-XXXXXX", target, tag, (long)getpid()) >= (int)n) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkostemp(out, O_CLOEXEC);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(out);
        errno = e;
    }
    return f;
}

int hg_publish_mode(const char *path, int dir)
{
    mode_t um = umask(0);
    umask(um);
    return chmod(path, (dir ? 0777 : 0666) & ~um);
}

/* The pid in name if it is "<prefix><pid>" or "<prefix><pid>-XXXXXX", else 0. */
static long temp_pid(const char *name, const char *prefix)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0) return 0;
    const char *s = name + pl;
    char *end;
    if (*s < '1' || *s > '9') return 0;
    long pid = strtol(s, &end, 10);
    if (*end == '-' && strlen(end + 1) == 6) return pid;
    return *end ? 0 : pid;
}

char **hg_stale_temps(const char *dir, const char *prefix)
{
    char **list = hg_xcalloc(1, sizeof *list);
    size_t n = 0;
    DIR *dp = opendir(dir);
    if (!dp) return list;
    struct dirent *e;
    while ((e = readdir(dp))) {
        long pid = temp_pid(e->d_name, prefix);
        if (pid <= 0 || pid == (long)getpid()) continue;
        /* a process that still runs (or that we may not signal) keeps its temporaries */
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0 || st.st_uid != geteuid()) continue;
        list = hg_xrealloc(list, (n + 2) * sizeof *list);
        list[n++] = hg_xstrdup(path);
        list[n] = NULL;
    }
    closedir(dp);
    qsort(list, n, sizeof *list, cmpstr);
    return list;
}
