/* Helpers shared by the cmocka unit tests. Tests run from the project root. */
#ifndef HICGEN_TESTUTIL_H
#define HICGEN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HICGEN_ENGINE_H
/* Loads the project's own specs and masters; problems go to stderr. */
static inline int tu_load_project(hg_engine *g)
{
    hg_diag d;
    hg_diag_init(&d, stderr);
    hg_model_paths p = {"specs", "masters", NULL};
    int rc = hg_engine_load(g, &p, &d);
    hg_diag_free(&d);
    return rc;
}

/* The fiscal year 2022 (12 months from 2022-04) with n persons and a seed. */
static inline hg_dataset tu_dataset(uint64_t n, uint64_t seed)
{
    return (hg_dataset){
        .persons = n, .start_ym = 202204, .months = 12, .seed = seed, .shard_k = 1, .shard_n = 1};
}

/* Generates n persons over fiscal 2022 into out, on two threads so that the tests also go
 * through the parallel path. */
static inline int tu_generate(hg_engine *g, uint64_t n, uint64_t seed, const char *out, hg_diag *d)
{
    hg_dataset ds = tu_dataset(n, seed);
    hg_fileopts fo = {.out = out};
    hg_run run = {.threads = 2};
    return hg_generate(g, &ds, &fo, &run, NULL, d);
}
#endif

#if defined(HICGEN_ENGINE_H) && defined(HICGEN_PERSON_H)
#include "hicgen/rng.h"
/* Persons 0..n-1 simulated over per with the seed (as the generator would); free() the array. */
static inline hg_person *tu_people(const hg_engine *g, const hg_period *per, int n, uint64_t seed)
{
    hg_person *people = calloc((size_t)n, sizeof *people);
    gsl_rng *r = hg_rng_alloc();
    for (int i = 0; i < n; i++) hg_person_sim(&g->model, per, seed, (uint64_t)i, r, &people[i]);
    gsl_rng_free(r);
    return people;
}

static inline void tu_people_free(hg_person *people, int n)
{
    for (int i = 0; i < n; i++) hg_person_free(&people[i]);
    free(people);
}

/* A test file's shared population: the engine, n persons over fiscal 2022 with the seed, and
 * the cmocka setup and teardown that make and free them. */
#define TU_PEOPLE_FIXTURE(n, seed)                                                                 \
    static hg_engine g;                                                                            \
    static hg_person *people;                                                                      \
    static hg_period per;                                                                          \
    static int setup(void **state)                                                                 \
    {                                                                                              \
        (void)state;                                                                               \
        if (tu_load_project(&g)) return -1;                                                        \
        hg_period_init(&per, 202204, 12, (n));                                                     \
        people = tu_people(&g, &per, (n), (seed));                                                 \
        return 0;                                                                                  \
    }                                                                                              \
    static int teardown(void **state)                                                              \
    {                                                                                              \
        (void)state;                                                                               \
        tu_people_free(people, (n));                                                               \
        hg_engine_free(&g);                                                                        \
        return 0;                                                                                  \
    }
#endif

/* A fresh temporary directory; removed by tu_rmdir. */
static inline char *tu_tmpdir(void)
{
    char *t = strdup("/tmp/hicgen-test-XXXXXX");
    if (!mkdtemp(t)) abort();
    return t;
}

static inline void tu_rmdir(const char *d)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", d);
}

static inline void tu_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fputs(text, f);
    fclose(f);
}

/* Reads a whole file (NUL-terminated); *n gets its length. */
static inline char *tu_read(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)len + 1);
    size_t got = fread(p, 1, (size_t)len, f);
    fclose(f);
    p[got] = '\0';
    if (n) *n = got;
    return p;
}

#ifdef HICGEN_CSV_H
/* Receipts of a generated directory: which person and which month each seq2_no belongs to
 * (seq2_no is an opaque key: this comes from the RE table's id5 and prac_ym, and the person's
 * index from the row order of hicgen_persons.csv, written in person order). */
typedef struct tu_rcpt {
    char seq2[40];
    uint64_t person;
    int ym; /* yyyymm of care */
} tu_rcpt;
typedef struct tu_rcpts {
    tu_rcpt *r;
    int n, cap;
} tu_rcpts;

static inline int tu_cmp_rcpt_(const void *a, const void *b)
{
    return strcmp(((const tu_rcpt *)a)->seq2, ((const tu_rcpt *)b)->seq2);
}

static inline int tu_cmp_str_(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* yyyymm of a 和暦 GYYMM ("50404" = 令和4年4月 = 202204). */
static inline int tu_wareki_ym(const char *g5)
{
    static const int start[] = {0, 1868, 1912, 1926, 1989, 2019};
    int era = g5[0] - '0', yy = (g5[1] - '0') * 10 + (g5[2] - '0'), mm = atoi(g5 + 3);
    return (start[era] + yy - 1) * 100 + mm;
}

/* Adds the receipts of RE table `table` (e.g. "tnds_t_rcp_med_re") of directory dir. */
static inline void tu_rcpts_add(tu_rcpts *t, const char *dir, const char *table)
{
    char path[1200];
    hg_diag d;
    hg_diag_init(&d, stderr);
    /* id5 → person: the persons register is in person order */
    snprintf(path, sizeof path, "%s/hicgen_persons.csv", dir);
    hg_csv c;
    if (hg_csv_open(&c, path, NULL, &d) || hg_csv_next(&c, &d) != 1) abort();
    size_t np = 0, cap = 1024;
    char **ids = malloc(cap * sizeof *ids);
    while (hg_csv_next(&c, &d) == 1) {
        if (np == cap) ids = realloc(ids, (cap *= 2) * sizeof *ids);
        /* "<id5>\t<index>" sorted by id5 for bsearch */
        char *e = malloc(100);
        snprintf(e, 100, "%s\t%zu", c.fields[0], np);
        ids[np++] = e;
    }
    hg_csv_close(&c);
    qsort(ids, np, sizeof *ids, tu_cmp_str_);
    snprintf(path, sizeof path, "%s/%s.csv", dir, table);
    if (hg_csv_open(&c, path, NULL, &d) || hg_csv_next(&c, &d) != 1) abort();
    int cs = -1, c5 = -1, cy = -1;
    for (int i = 0; i < c.nfields; i++) {
        if (!strcmp(c.fields[i], "seq2_no")) cs = i;
        if (!strcmp(c.fields[i], "id5")) c5 = i;
        if (!strcmp(c.fields[i], "prac_ym")) cy = i;
    }
    if (cs < 0 || c5 < 0 || cy < 0) abort();
    while (hg_csv_next(&c, &d) == 1) {
        if (t->n == t->cap) { /* grows geometrically: one realloc per row is quadratic */
            t->cap = t->cap ? 2 * t->cap : 4096;
            t->r = realloc(t->r, (size_t)t->cap * sizeof *t->r);
            if (!t->r) abort();
        }
        tu_rcpt *r = &t->r[t->n++];
        snprintf(r->seq2, sizeof r->seq2, "%s", c.fields[cs]);
        r->ym = tu_wareki_ym(c.fields[cy]);
        size_t lo = 0, hi = np;
        size_t l5 = strlen(c.fields[c5]);
        r->person = UINT64_MAX;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int k = strncmp(ids[mid], c.fields[c5], l5);
            if (!k && ids[mid][l5] == '\t') {
                r->person = strtoull(ids[mid] + l5 + 1, NULL, 10);
                break;
            }
            if (k < 0 || (!k && ids[mid][l5] < '\t'))
                lo = mid + 1;
            else
                hi = mid;
        }
        if (r->person == UINT64_MAX) abort();
    }
    hg_csv_close(&c);
    for (size_t i = 0; i < np; i++) free(ids[i]);
    free(ids);
    hg_diag_free(&d);
    qsort(t->r, (size_t)t->n, sizeof *t->r, tu_cmp_rcpt_);
}

/* The receipt of seq2_no, or NULL. */
static inline const tu_rcpt *tu_rcpts_find(const tu_rcpts *t, const char *seq2)
{
    tu_rcpt key;
    snprintf(key.seq2, sizeof key.seq2, "%s", seq2);
    return bsearch(&key, t->r, (size_t)t->n, sizeof *t->r, tu_cmp_rcpt_);
}

static inline void tu_rcpts_free(tu_rcpts *t)
{
    free(t->r);
    t->r = NULL;
    t->n = t->cap = 0;
}
#endif

/* Asserts that |x - target| <= k standard errors of a proportion estimated from n draws:
 * with k = 4 a correct model fails about once in 16,000 checks; fixed seeds make it never. */
#define TU_ASSERT_PROPORTION(count, n, target, k)                                                  \
    do {                                                                                           \
        double p_ = (double)(count) / (double)(n), t_ = (target);                                  \
        double se_ = sqrt(t_ * (1 - t_) / (double)(n));                                            \
        if (fabs(p_ - t_) > (k)*se_ + 1e-12) {                                                     \
            print_error("%s: observed %.5f, target %.5f, tolerance %.5f (n=%lu)\n", #count, p_,    \
                        t_, (k)*se_, (unsigned long)(n));                                          \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

#endif
