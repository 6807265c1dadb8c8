/* hicgen — model parameters bound from YAML by declaration.
 *
 * A family (or the population model) describes its parameters as a table of hg_param: the
 * YAML path of each value, its type, where it goes in the family's struct and its valid range.
 * hg_bind reads them all, reports every problem at file:line:column (missing, wrong type, out
 * of range, not finite, a list of the wrong length, an unknown or repeated key), and never
 * stores a value it rejected. Composite shapes that recur (age-band rates, rows of numbers,
 * shares, mappings keyed by a fixed list of names) have readers here; anything else is a
 * custom reader, a small function next to the struct it fills. */
#ifndef HICGEN_PARAMS_H
#define HICGEN_PARAMS_H

#include <stddef.h>
#include "hicgen/bands.h"
#include "hicgen/diag.h"
#include "hicgen/yamlx.h"

typedef enum hg_ptype {
    HG_PT_NUM = 0, /* double in [lo, hi] */
    HG_PT_INT,     /* int in [lo, hi] */
    HG_PT_STR,     /* char[n]: non-empty text shorter than n bytes */
    HG_PT_NUMS,    /* double[n]: exactly n numbers, each in [lo, hi] */
    HG_PT_INTS,    /* int[n]: 1 to n whole numbers in [lo, hi]; the count goes to count_off */
    HG_PT_SHARES,  /* double[n]: exactly n numbers in [0, 1] adding up to 1 (±0.01) */
    HG_PT_BANDS,   /* hg_band_rates: [[age_from, male, female], ...], ages ascending */
    HG_PT_ROWS,    /* double[n][w]: 1 to n rows of exactly w numbers in [lo, hi]; count */
    HG_PT_NAMED,   /* double[k]: a mapping {name: number} with names from `names` (index =
                    * position in names); absent names keep their default */
    HG_PT_CHOICE,  /* hg_choice: a mapping {code: share, ...}, shares adding up to 1 */
    HG_PT_CUSTOM,  /* read(binder, node, destination, param) */
} hg_ptype;

/* A weighted choice among codes, e.g. {"1": 0.8, "3": 0.2}. */
#define HG_CHOICE_MAX 16
typedef struct hg_choice {
    int n;
    char code[HG_CHOICE_MAX][16];
    double share[HG_CHOICE_MAX];
} hg_choice;
/* The code chosen by a uniform draw u in [0, 1): in file order, by cumulative share. */
const char *hg_choice_pick(const hg_choice *c, double u);

struct hg_binder;
typedef struct hg_param {
    const char *path; /* dotted path below the root mapping, e.g. "insurance.job_change" */
    hg_ptype type;
    size_t off;               /* offset of the destination in the bound struct */
    double lo, hi;            /* range of every number */
    int n, w;                 /* capacities, as the type says */
    size_t count_off;         /* where INTS and ROWS store their count (an int) */
    int optional;             /* may be absent: the destination keeps its default */
    const char *const *names; /* HG_PT_NAMED: the allowed keys, NULL-terminated */
    /* HG_PT_CUSTOM: reads node into base + off (and base + count_off when it counts);
     * reports problems itself; returns 0 or -1 */
    int (*read)(struct hg_binder *b, yaml_node_t *node, char *base, const struct hg_param *p);
} hg_param;

/* The context of one binding: the document, where problems go, and what custom readers may
 * need (e.g. the model, to resolve condition ids). */
typedef struct hg_binder {
    hg_ydoc *y;
    hg_diag *d;
    const void *ctx;
} hg_binder;

#define HG_FIELD_SIZE(T, f) sizeof(((T *)0)->f)
/* Table rows. Extra designated initializers may follow, e.g. `.optional = 1`. */
#define HG_P_NUM(path_, T, f, lo_, hi_, ...)                                                       \
    {                                                                                              \
        .path = path_, .type = HG_PT_NUM, .off = offsetof(T, f), .lo = lo_, .hi = hi_, __VA_ARGS__ \
    }
#define HG_P_PROB(path_, T, f, ...) HG_P_NUM(path_, T, f, 0, 1, __VA_ARGS__)
#define HG_P_INT(path_, T, f, lo_, hi_, ...)                                                       \
    {                                                                                              \
        .path = path_, .type = HG_PT_INT, .off = offsetof(T, f), .lo = lo_, .hi = hi_, __VA_ARGS__ \
    }
#define HG_P_STR(path_, T, f, ...)                                                                 \
    {                                                                                              \
        .path = path_, .type = HG_PT_STR, .off = offsetof(T, f), .n = (int)HG_FIELD_SIZE(T, f),    \
        __VA_ARGS__                                                                                \
    }
#define HG_P_NUMS(path_, T, f, lo_, hi_, ...)                                                      \
    {                                                                                              \
        .path = path_, .type = HG_PT_NUMS, .off = offsetof(T, f), .lo = lo_, .hi = hi_,            \
        .n = (int)(HG_FIELD_SIZE(T, f) / sizeof(double)), __VA_ARGS__                              \
    }
#define HG_P_INTS(path_, T, f, cnt, lo_, hi_, ...)                                                 \
    {                                                                                              \
        .path = path_, .type = HG_PT_INTS, .off = offsetof(T, f), .lo = lo_, .hi = hi_,            \
        .n = (int)(HG_FIELD_SIZE(T, f) / sizeof(int)), .count_off = offsetof(T, cnt), __VA_ARGS__  \
    }
#define HG_P_SHARES(path_, T, f, ...)                                                              \
    {                                                                                              \
        .path = path_, .type = HG_PT_SHARES, .off = offsetof(T, f), .lo = 0, .hi = 1,              \
        .n = (int)(HG_FIELD_SIZE(T, f) / sizeof(double)), __VA_ARGS__                              \
    }
#define HG_P_BANDS(path_, T, f, lo_, hi_, ...)                                                     \
    {                                                                                              \
        .path = path_, .type = HG_PT_BANDS, .off = offsetof(T, f), .lo = lo_, .hi = hi_,           \
        __VA_ARGS__                                                                                \
    }
#define HG_P_ROWS(path_, T, f, cnt, width, lo_, hi_, ...)                                          \
    {                                                                                              \
        .path = path_, .type = HG_PT_ROWS, .off = offsetof(T, f), .lo = lo_, .hi = hi_,            \
        .n = (int)(HG_FIELD_SIZE(T, f) / (sizeof(double) * (width))), .w = width,                  \
        .count_off = offsetof(T, cnt), __VA_ARGS__                                                 \
    }
#define HG_P_NAMED(path_, T, f, names_, lo_, hi_, ...)                                             \
    {                                                                                              \
        .path = path_, .type = HG_PT_NAMED, .off = offsetof(T, f), .lo = lo_, .hi = hi_,           \
        .n = (int)(HG_FIELD_SIZE(T, f) / sizeof(double)), .names = names_, __VA_ARGS__             \
    }
#define HG_P_CHOICE(path_, T, f, ...)                                                              \
    {                                                                                              \
        .path = path_, .type = HG_PT_CHOICE, .off = offsetof(T, f), __VA_ARGS__                    \
    }
#define HG_P_CUSTOM(path_, T, f, fn, ...)                                                          \
    {                                                                                              \
        .path = path_, .type = HG_PT_CUSTOM, .off = offsetof(T, f), .read = fn, __VA_ARGS__        \
    }
/* A custom parameter that also counts: HG_P_CUSTOM_N(path, T, array, count, fn, capacity). */
#define HG_P_CUSTOM_N(path_, T, f, cnt, fn, cap, ...)                                              \
    {                                                                                              \
        .path = path_, .type = HG_PT_CUSTOM, .off = offsetof(T, f), .count_off = offsetof(T, cnt), \
        .n = cap, .read = fn, __VA_ARGS__                                                          \
    }

/* Loads file (a YAML mapping whose only top-level key is `top`) and binds the n parameters
 * below it into base. Returns the number of problems (all reported to d). ctx is handed to
 * custom readers. */
int hg_bind_file(const char *file, const char *top, const hg_param *ps, int n, void *base,
                 const void *ctx, hg_diag *d);
/* Binds below an already loaded mapping node. Also reports unknown and repeated keys in every
 * mapping the table reaches. Returns the number of problems. */
int hg_bind(hg_binder *b, yaml_node_t *root, const hg_param *ps, int n, void *base);

/* Readers for custom parameters: a finite number in [lo, hi] at node n (0 or -1, reported). */
int hg_bind_num(hg_binder *b, yaml_node_t *n, double lo, double hi, double *out);
/* A sequence of exactly want numbers in [lo, hi] into out. */
int hg_bind_nums(hg_binder *b, yaml_node_t *n, int want, double lo, double hi, double *out);

#endif
