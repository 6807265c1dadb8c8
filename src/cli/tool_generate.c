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
            "\n" TOOL_SIM_HELP
            "  --out DIR            output directory (default hicgen-out; missing parents are\n"
            "                       created)\n"
            "  --force              replace DIR if it holds an earlier hicgen output (never\n"
            "                       another non-empty directory)\n"
            "  --gzip               write .csv.gz files\n"
            "  --shard K/N          only the K-th of N equal person ranges; the shards'\n"
            "                       data rows concatenated per table equal the whole run\n");
}

enum { O_OUT = TO_OWN, O_FORCE, O_GZIP, O_SHARD };

typedef struct gen_cli {
    tool_sim sim;
    hg_fileopts fo;
} gen_cli;

static int option(void *ctx, int c, const char *arg, const char *name, hg_diag *d)
{
    gen_cli *o = ctx;
    (void)name;
    switch (c) {
    case O_OUT:
        o->fo.out = arg;
        if (!*arg) hg_diag_err(d, "option --out", "must not be empty");
        return 1;
    case O_FORCE:
        o->fo.force = 1;
        return 1;
    case O_GZIP:
        o->fo.gzip = 1;
        return 1;
    case O_SHARD:
        tool_shard(d, "--shard", arg, &o->sim.ds.shard_k, &o->sim.ds.shard_n);
        return 1;
    default:
        return 0;
    }
}

static int run(void *ctx, hg_engine *g, hg_diag *d)
{
    gen_cli *o = ctx;
    return hg_generate(g, &o->sim.ds, &o->fo, &o->sim.run, NULL, d);
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
    gen_cli o;
    memset(&o, 0, sizeof o);
    tool_sim_defaults(&o.sim);
    o.fo.out = "hicgen-out";
    tool_inputs in;
    tool_default_inputs(&in);
    return tool_run(&cmd, &o, &o.sim, &in, argc, argv);
}
