/* hicgen — events to the caller. */
#include "hicgen/run.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

double hg_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void hg_notify(const hg_run *r, const hg_event *ev)
{
    if (r && r->on_event) r->on_event(r->ctx, ev);
}

void hg_tell(const hg_run *r, hg_event_kind kind, const char *phase, const char *fmt, ...)
{
    if (!r || !r->on_event) return;
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    hg_event ev = {.kind = kind, .phase = phase, .text = text};
    r->on_event(r->ctx, &ev);
}
