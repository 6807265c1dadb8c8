/* hicgen — the one allocation policy: every allocation either succeeds or the process reports
 * "out of memory" and exits with status 1 (HG_ERR_RUNTIME). A generator that silently dropped
 * rows, or crashed later on a NULL, would be worse than one that stops: an interrupted run leaves
 * nothing that looks complete (outputs are written under temporary names), and the next run
 * removes what a stopped run left. Also growable arrays (vectors) built on it. */
#ifndef HICGEN_ALLOC_H
#define HICGEN_ALLOC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void *hg_xmalloc(size_t n);
void *hg_xcalloc(size_t n, size_t size);
void *hg_xrealloc(void *p, size_t n);
char *hg_xstrdup(const char *s);
/* Reports "hicgen: out of memory (what)" and exits with status 1. */
_Noreturn void hg_oom(const char *what, size_t n);

/* A growable array of T: v[0..n) in use, cap allocated. Zero-initialise; free v. */
#define HG_VEC(T)                                                                                  \
    struct {                                                                                       \
        T *v;                                                                                      \
        int n, cap;                                                                                \
    }
/* Makes room for at least need elements of elem bytes in *p (capacity *cap). */
void hg_vec_reserve_(void **p, int *cap, int need, size_t elem);
#define hg_vec_reserve(vec, need)                                                                  \
    hg_vec_reserve_((void **)&(vec)->v, &(vec)->cap, (need), sizeof *(vec)->v)
/* A pointer to a new, zeroed element at the end of vec. */
#define hg_vec_push(vec)                                                                           \
    (hg_vec_reserve((vec), (vec)->n + 1), memset(&(vec)->v[(vec)->n], 0, sizeof *(vec)->v),        \
     &(vec)->v[(vec)->n++])
#define hg_vec_free(vec) (free((vec)->v), (vec)->v = NULL, (vec)->n = (vec)->cap = 0)

#endif
