/* hicgen tool — the one display of progress, log lines, warnings and summaries for generate,
 * load and package: a live display redrawn in place on a terminal; timestamped lines a
 * scheduler keeps otherwise; nothing but warnings and errors with --quiet. The library only
 * reports events (run.h); everything the user sees is drawn here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "tool.h"

void tool_display_init(tool_display *d, const char *cmd, int quiet)
{
    memset(d, 0, sizeof *d);
    d->cmd = cmd;
    d->mode = quiet ? TOOL_QUIET : isatty(2) ? TOOL_TTY : TOOL_LOG;
}

/* The line prefix: a UTC timestamp in log mode, then "hicgen CMD: ". */
static void prefix(const tool_display *d)
{
    if (d->mode == TOOL_LOG) {
        char stamp[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
        fputs(stamp, stderr);
    }
    fprintf(stderr, "hicgen %s: ", d->cmd);
}

/* Removes the live display from the terminal (before a line that stays). */
static void clear_live(tool_display *d)
{
    if (d->mode != TOOL_TTY || !d->lines) return;
    fprintf(stderr, "\033[%dA\033[J", d->lines);
    d->lines = 0;
}

static void fmt_eta(char *out, size_t n, double s)
{
    if (s < 0 || s > 360000)
        snprintf(out, n, "--:--");
    else
        snprintf(out, n, "%d:%02d", (int)s / 60, (int)s % 60);
}

static uint64_t sum(const uint64_t *v, int n)
{
    uint64_t s = 0;
    for (int i = 0; v && i < n; i++) s += v[i];
    return s;
}

/* The largest tables by rows produced, most first (at most max). */
static int top_tables(const hg_event *ev, int *top, int max)
{
    int n = 0;
    for (int i = 0; i < ev->ntables; i++) {
        int k;
        if (n < max)
            k = n++;
        else if (ev->produced[i] > ev->produced[top[max - 1]])
            k = max - 1;
        else
            continue;
        top[k] = i;
        for (; k > 0 && ev->produced[top[k]] > ev->produced[top[k - 1]]; k--) {
            int x = top[k];
            top[k] = top[k - 1];
            top[k - 1] = x;
        }
    }
    return n;
}

/* Persons generated, rows and their rate, and the time left. For a load, the rows counted
 * are those the server confirmed, and the tables loading most are listed on a terminal. */
static void show_rows(tool_display *d, const hg_event *ev)
{
    double el = ev->elapsed > 1e-3 ? ev->elapsed : 1e-3;
    double frac = ev->total ? (double)ev->done / (double)ev->total : 1;
    int load = ev->loaded != NULL;
    uint64_t produced = sum(ev->produced, ev->ntables);
    uint64_t rows = load ? sum(ev->loaded, ev->ntables) : produced;
    double expect = frac > 0 ? (double)produced / frac : 0, rate = (double)rows / el;
    char eta[16];
    fmt_eta(eta, sizeof eta, rate > 0 ? (expect - (double)rows) / rate : -1);
    if (d->mode == TOOL_LOG) {
        prefix(d);
        fprintf(stderr, "%3.0f%% of %llu persons generated, %llu rows %s, %.0f rows/s, ETA %s\n",
                100 * frac, (unsigned long long)ev->total, (unsigned long long)rows,
                load ? "loaded" : "written", rate, eta);
        return;
    }
    clear_live(d);
    fprintf(stderr, "hicgen %s: %5.1f%% of %llu persons  %llu rows  %.0f rows/s  ETA %s%s\n",
            d->cmd, 100 * frac, (unsigned long long)ev->total, (unsigned long long)rows, rate, eta,
            load && ev->done == ev->total ? "  (finishing COPY)" : "");
    d->lines = 1;
    if (!load) return;
    int top[6], n = top_tables(ev, top, 6);
    for (int k = 0; k < n; k++) {
        int i = top[k];
        double tr = (double)ev->loaded[i] / el;
        double te = frac > 0 ? (double)ev->produced[i] / frac : 0;
        fmt_eta(eta, sizeof eta, tr > 0 ? (te - (double)ev->loaded[i]) / tr : -1);
        fprintf(stderr, "  %-24s %12llu rows %10.0f rows/s  ETA %s\n", ev->table[i],
                (unsigned long long)ev->loaded[i], tr, eta);
    }
    d->lines += n;
}

static void progress(tool_display *d, const hg_event *ev)
{
    if (d->mode == TOOL_QUIET) return;
    double interval = d->mode == TOOL_TTY ? 0.5 : 10.0;
    int last = ev->done == ev->total;
    if (!last && ev->elapsed - d->last < interval) return;
    d->last = ev->elapsed;
    if (strcmp(ev->phase, "keys")) {
        show_rows(d, ev);
        return;
    }
    clear_live(d);
    if (d->mode == TOOL_LOG && !last) return; /* the log says when the phase starts and ends */
    prefix(d);
    fprintf(stderr, "keys, indexes and ANALYZE: %llu / %llu tables\n", (unsigned long long)ev->done,
            (unsigned long long)ev->total);
    d->lines = d->mode == TOOL_TTY && !last;
}

static void summary(tool_display *d, const hg_event *ev)
{
    const hg_summary *s = ev->summary;
    if (d->mode == TOOL_QUIET) return;
    clear_live(d);
    uint64_t rows = sum(s->rows, s->ntables), bytes = sum(s->bytes, s->ntables);
    if (!strcmp(ev->phase, "generate")) {
        prefix(d);
        fprintf(stderr, "wrote %d tables, %llu rows, %.1f MB to %s in %.1f s\n", s->ntables,
                (unsigned long long)rows, (double)bytes / 1e6, s->where, s->seconds);
    } else if (!strcmp(ev->phase, "load")) {
        prefix(d);
        fprintf(stderr, "%-28s %14s\n", "table", "rows");
        for (int t = 0; t < s->ntables; t++) {
            prefix(d);
            fprintf(stderr, "%-28s %14llu\n", s->table[t], (unsigned long long)s->rows[t]);
        }
        prefix(d);
        fprintf(stderr,
                "%llu rows in %d tables; generate+COPY %.1f s (%.0f rows/s), keys, indexes and "
                "ANALYZE %.1f s, total %.1f s; live schema %s is generation %lld\n",
                (unsigned long long)rows, s->ntables, s->load_seconds,
                s->load_seconds > 0 ? (double)rows / s->load_seconds : 0, s->keys_seconds,
                s->seconds, s->where, s->generation);
    } else {
        prefix(d);
        fprintf(stderr, "wrote %s\n", s->where);
        if (s->sha256) fprintf(stderr, "sha256 %s\n", s->sha256);
    }
}

void tool_display_event(void *ctx, const hg_event *ev)
{
    tool_display *d = ctx;
    switch (ev->kind) {
    case HG_EV_PROGRESS:
        progress(d, ev);
        break;
    case HG_EV_LOG:
        if (d->mode == TOOL_QUIET) break;
        clear_live(d);
        prefix(d);
        fprintf(stderr, "%s\n", ev->text);
        break;
    case HG_EV_WARNING: /* shown even with --quiet: the run went on, but not as planned */
        clear_live(d);
        prefix(d);
        fprintf(stderr, "warning: %s\n", ev->text);
        break;
    case HG_EV_SUMMARY:
        summary(d, ev);
        break;
    }
}
