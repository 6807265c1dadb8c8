/* hicgen generate — options, then the library's hg_generate. */
#include <string.h>
#include "tool.h"

static void help(FILE *f)
{
    fprintf(f,
            "usage: hicgen generate [options]\n"
            "\n"
            "Simulates a population and writes one CSV per table (header line, PostgreSQL CSV\n"
            "quoting, NULL as an empty unquoted field), schema.sql, load.sql and manifest.json.\n"
            "The same version, specs, masters, options and seed give byte-identical files, for\n"
            "any --threads. Output appears only when complete (temporary directory, renamed).\n"
            "\n" TOOL_SIM_HELP "  --out DIR            output directory (default hicgen-out)\n"
            "  --force              replace DIR if it exists and is not empty\n"
            "  --gzip               write .csv.gz files\n"
            "  --shard K/N          only the K-th of N equal person ranges; the shards'\n"
            "                       data rows concatenated per table equal the whole run\n");
}

enum { O_OUT = TO_OWN, O_FORCE, O_GZIP, O_SHARD };

static int option(void *ctx, int c, const char *arg, const char *name, hg_diag *d)
{
    hg_genopts *o = ctx;
    (void)name;
    switch (c) {
    case O_OUT:
        o->out = arg;
        if (!*arg) hg_diag_err(d, "option --out", "must not be empty");
        return 1;
    case O_FORCE:
        o->force = 1;
        return 1;
    case O_GZIP:
        o->gzip = 1;
        return 1;
    case O_SHARD:
        tool_shard(d, "--shard", arg, &o->shard_k, &o->shard_n);
        return 1;
    default:
        return 0;
    }
}

static int run(void *ctx, hg_engine *g, hg_diag *d)
{
    return hg_generate(g, ctx, d);
}

int cmd_generate(int argc, char **argv)
{
    static const struct option opts[] = {TOOL_SIM_OPTIONS,
                                         {"out", required_argument, 0, O_OUT},
                                         {"force", no_argument, 0, O_FORCE},
                                         {"gzip", no_argument, 0, O_GZIP},
                                         {"shard", required_argument, 0, O_SHARD},
                                         {0, 0, 0, 0}};
    static const tool_cmd cmd = {"generate", opts, help, option, NULL, run};
    hg_genopts o;
    tool_sim_defaults(&o);
    o.out = "hicgen-out";
    tool_inputs in;
    tool_default_inputs(&in);
    return tool_run(&cmd, &o, &o, &in, argc, argv);
}
