/* hicgen — allocation that never returns NULL (see alloc.h for why). */
#include "hicgen/alloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void hg_oom(const char *what, size_t n)
{
    fprintf(stderr, "hicgen: out of memory (%s, %zu bytes); nothing complete was written\n", what,
            n);
    exit(1);
}

void *hg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) hg_oom("malloc", n);
    return p;
}

void *hg_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) hg_oom("calloc", n * size);
    return p;
}

void *hg_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) hg_oom("realloc", n);
    return q;
}

char *hg_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = hg_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void hg_vec_reserve_(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap) return;
    if (need > INT_MAX / 2) hg_oom("array", (size_t)need * elem);
    int c = *cap ? *cap : 8;
    while (c < need) c *= 2;
    *p = hg_xrealloc(*p, (size_t)c * elem);
    *cap = c;
}
