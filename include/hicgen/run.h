/* hicgen — what determines a dataset, how a run is carried out, and how the library reports.
 *
 * The options that determine the bytes (hg_dataset) are kept apart from those that only affect
 * how the work is done and shown (hg_run) and from each sink's own (an output directory, a
 * database). The library never prints: it reports progress, log lines, warnings and a summary
 * as events to the caller's callback (curl's model), and stops when the caller's cancellation
 * flag becomes non-zero. Problems that end a run go to the hg_diag of the call, as always. */
#ifndef HICGEN_RUN_H
#define HICGEN_RUN_H

#include <stdatomic.h>
#include <stdint.h>

/* Everything that determines the data (with the specs and masters). */
typedef struct hg_dataset {
    uint64_t persons;
    int32_t start_ym; /* yyyymm */
    int months;
    uint64_t seed;
    int shard_k, shard_n; /* 1/1 = everything */
} hg_dataset;

typedef enum hg_event_kind {
    HG_EV_PROGRESS, /* done of total units of a phase (persons, tables) */
    HG_EV_LOG,      /* a line worth keeping in a log */
    HG_EV_WARNING,  /* something the user should know; the run goes on */
    HG_EV_SUMMARY,  /* the run is complete: what it produced */
} hg_event_kind;

/* What a run produced, table by table (in spec order). */
typedef struct hg_summary {
    const char *where; /* the output directory, the live schema or the archive */
    int ntables;
    const char *const *table; /* names */
    const uint64_t *rows, *bytes;
    double seconds;                    /* the whole run */
    double load_seconds, keys_seconds; /* load: generate + COPY, then keys + ANALYZE */
    long long generation;              /* load: the generation now live */
    const char *sha256;                /* package: the archive's */
} hg_summary;

typedef struct hg_event {
    hg_event_kind kind;
    const char *phase; /* "generate", "load", "keys", "package" */
    uint64_t done, total;
    double elapsed;   /* seconds since the run began */
    const char *text; /* LOG, WARNING */
    /* PROGRESS of a load: per table, rows produced and rows the server confirmed */
    int ntables;
    const char *const *table;
    const uint64_t *produced, *loaded;
    const hg_summary *summary; /* SUMMARY */
} hg_event;

typedef void (*hg_event_fn)(void *ctx, const hg_event *ev);

/* How a run is carried out: none of it changes the bytes. */
typedef struct hg_run {
    int threads;              /* generation threads (>= 1) */
    int chunk;                /* persons per chunk (0 = default) */
    const atomic_int *cancel; /* the run stops, cleaning up, once this is non-zero (NULL: never) */
    hg_event_fn on_event;     /* NULL: no events */
    void *ctx;
} hg_run;

static inline int hg_cancelled(const hg_run *r)
{
    return r && r->cancel && atomic_load_explicit(r->cancel, memory_order_relaxed);
}
/* Seconds on a monotonic clock (for elapsed times in events). */
double hg_now(void);
/* Hands ev to the run's callback, if any. */
void hg_notify(const hg_run *r, const hg_event *ev);
/* A LOG or WARNING event with a formatted text. */
void hg_tell(const hg_run *r, hg_event_kind kind, const char *phase, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
