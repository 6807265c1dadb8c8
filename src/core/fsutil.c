/* hicgen — file-system helpers. */
#include "hicgen/fsutil.h"

#include "hicgen/alloc.h"

#include <dirent.h>
#include <errno.h>
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

int hg_write_file(const char *dir, const char *name, const hg_buf *b, char *err, size_t errn)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
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
