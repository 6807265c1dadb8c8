/* hicgen generate — options, then the library's hg_generate. */
#include <getopt.h>
#include <stdio.h>
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

int cmd_generate(int argc, char **argv)
{
    enum { O_OUT = TO_OWN, O_FORCE, O_GZIP, O_SHARD };
    static const struct option opts[] = {TOOL_SIM_OPTIONS,
                                         {"out", required_argument, 0, O_OUT},
                                         {"force", no_argument, 0, O_FORCE},
                                         {"gzip", no_argument, 0, O_GZIP},
                                         {"shard", required_argument, 0, O_SHARD},
                                         {0, 0, 0, 0}};
    hg_genopts o;
    tool_sim_defaults(&o);
    o.out = "hicgen-out";
    tool_inputs in;
    tool_default_inputs(&in);
    hg_diag d;
    hg_diag_init(&d, stderr);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (tool_sim_option(c, optarg, &o, &in, &d)) continue;
        switch (c) {
        case O_OUT:
            o.out = optarg;
            break;
        case O_FORCE:
            o.force = 1;
            break;
        case O_GZIP:
            o.gzip = 1;
            break;
        case O_SHARD:
            tool_shard(&d, "--shard", optarg, &o.shard_k, &o.shard_n);
            break;
        case TO_HELP:
            help(stdout);
            hg_diag_free(&d);
            return 0;
        default:
            hg_diag_err(&d, "hicgen generate",
                        "unknown or incomplete option '%s'; see 'hicgen generate --help'",
                        argv[optind - 1]);
        }
    }
    if (optind < argc)
        hg_diag_err(&d, "hicgen generate", "unexpected argument '%s'; see 'hicgen generate --help'",
                    argv[optind]);
    if (!*o.out) hg_diag_err(&d, "option --out", "must not be empty");
    if (d.nerrors) {
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    hg_engine g;
    if (tool_engine(&g, &in, &d)) {
        hg_engine_free(&g);
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    tool_signals();
    int status = hg_generate(&g, &o, &d);
    hg_engine_free(&g);
    hg_diag_free(&d);
    return status;
}
