/* hicgen command-line tool: shared helpers of the subcommands (src/tool_*.c). The tool only
 * talks to the user; the work is done by the library. */
#ifndef HICGEN_TOOL_H
#define HICGEN_TOOL_H

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdint.h>
#include "hicgen/diag.h"
#include "hicgen/engine.h"

/* Input directories, defaulting to the project's specs/ and masters/ beside the binary. */
typedef struct tool_inputs {
    const char *specs, *masters, *official;
    char specs_buf[PATH_MAX + 16], masters_buf[PATH_MAX + 16];
} tool_inputs;

void tool_default_inputs(tool_inputs *in);
/* Option value parsers: report "option --name: ..." to d and return -1 when bad. */
int tool_u64(hg_diag *d, const char *opt, const char *v, uint64_t lo, uint64_t hi, uint64_t *out);
int tool_int(hg_diag *d, const char *opt, const char *v, int lo, int hi, int *out);
int tool_month(hg_diag *d, const char *opt, const char *v, int32_t *ym);
int tool_shard(hg_diag *d, const char *opt, const char *v, int *k, int *n);
int tool_dir(hg_diag *d, const char *opt, const char *v);
/* Loads the engine from the inputs; on failure reports and returns -1. */
int tool_load(hg_engine *g, const tool_inputs *in, hg_diag *d);

/* ---- the simulation options shared by generate, load and package ---- */
enum {
    TO_PERSONS = 256,
    TO_START,
    TO_MONTHS,
    TO_SEED,
    TO_THREADS,
    TO_SPECS,
    TO_MASTERS,
    TO_OFFICIAL,
    TO_QUIET,
    TO_CHUNK,
    TO_HELP,
    TO_OWN /* first code of a command's own options */
};
#define TOOL_SIM_OPTIONS                                                                           \
    {"persons", required_argument, 0, TO_PERSONS}, {"start", required_argument, 0, TO_START},      \
        {"months", required_argument, 0, TO_MONTHS}, {"seed", required_argument, 0, TO_SEED},      \
        {"threads", required_argument, 0, TO_THREADS}, {"specs", required_argument, 0, TO_SPECS},  \
        {"masters", required_argument, 0, TO_MASTERS},                                             \
        {"official-masters", required_argument, 0, TO_OFFICIAL},                                   \
        {"quiet", no_argument, 0, TO_QUIET}, {"chunk", required_argument, 0, TO_CHUNK},            \
    {                                                                                              \
        "help", no_argument, 0, TO_HELP                                                            \
    }
#define TOOL_SIM_HELP                                                                              \
    "  --persons N          persons to simulate (default 10000)\n"                                 \
    "  --start YYYY-MM      first month of the study period (default 2022-04)\n"                   \
    "  --months M           months in the period, 1-240 (default 12)\n"                            \
    "  --seed S             random seed, 0-18446744073709551615 (default 1)\n"                     \
    "  --threads T          generation threads (default: the number of CPUs)\n"                    \
    "  --specs DIR          table specs and model.yaml (default: the project's specs/)\n"          \
    "  --masters DIR        code masters (default: the project's masters/)\n"                      \
    "  --official-masters DIR  read the payment fund's official masters (Shift_JIS\n"              \
    "                       b_/z_/s_/y_*.csv) instead of the project's code masters\n"             \
    "  --quiet              no progress or summary on stderr\n"                                    \
    "  --help               this text\n"

/* The display of a command's progress, log lines, warnings and summary (progress.c). */
enum { TOOL_QUIET = 0, TOOL_LOG, TOOL_TTY };
typedef struct tool_display {
    const char *cmd; /* "generate", "load", "package" */
    int mode;        /* TOOL_*: chosen from --quiet and whether stderr is a terminal */
    double last;     /* when progress was last shown (elapsed seconds) */
    int lines;       /* lines of the live display on the terminal */
} tool_display;
void tool_display_init(tool_display *d, const char *cmd, int quiet);
/* The callback handed to the library (hg_run.on_event, ctx = the display). */
void tool_display_event(void *ctx, const hg_event *ev);

/* The simulation options: what determines the data, and how it is run. */
typedef struct tool_sim {
    hg_dataset ds;
    hg_run run;
    int quiet;
    tool_display display;
} tool_sim;

/* Defaults of the simulation options (threads: the number of CPUs). */
void tool_sim_defaults(tool_sim *s);
/* Handles option c if it is one of TOOL_SIM_OPTIONS: returns 1 (bad values are reported to
 * d), or 0 when c is not one of them. */
int tool_sim_option(int c, const char *arg, tool_sim *s, tool_inputs *in, hg_diag *d);
/* Checks the input directories and loads the engine; reports and returns -1 on failure. */
int tool_engine(hg_engine *g, tool_inputs *in, hg_diag *d);
/* SIGINT, SIGTERM and SIGHUP set the flag returned: the library stops and cleans up. */
const atomic_int *tool_signals(void);
/* The number of CPUs, 1-64. */
int tool_ncpu(void);

/* A subcommand that simulates: TOOL_SIM_OPTIONS plus options of its own. tool_run parses the
 * command line (reporting every bad option), loads the engine, sets the signal handlers and
 * calls run; it returns the exit status. */
typedef struct tool_cmd {
    const char *name;          /* e.g. "generate" */
    const struct option *opts; /* TOOL_SIM_OPTIONS and its own, {0}-terminated */
    void (*help)(FILE *f);
    /* Handles option c (any code, before the shared ones: a command may refuse some);
     * returns 0 when c is not its own. */
    int (*option)(void *ctx, int c, const char *arg, const char *name, hg_diag *d);
    /* Optional: checks across options after parsing, reported to d. */
    void (*check)(void *ctx, hg_diag *d);
    int (*run)(void *ctx, hg_engine *g, hg_diag *d);
} tool_cmd;
/* Whether long option li was given before (then reported once, as an error: a repeated option
 * would otherwise silently take the last value). seen has n counters, zeroed. */
int tool_repeated(hg_diag *d, const char *where, const struct option *opts, int li,
                  unsigned char *seen, size_t n);
int tool_run(const tool_cmd *cmd, void *ctx, tool_sim *sim, tool_inputs *in, int argc, char **argv);

int cmd_generate(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_package(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
