/* hicgen command-line tool: shared helpers of the subcommands (src/tool_*.c). The tool only
 * talks to the user; the work is done by the library. */
#ifndef HICGEN_TOOL_H
#define HICGEN_TOOL_H

#include <limits.h>
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

int cmd_generate(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
