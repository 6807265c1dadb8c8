/* hicgen load — options, then the library's hg_load. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "hicgen/pgload.h"
#include "tool.h"

static void help(FILE *f)
{
    fprintf(f, "usage: hicgen load [options]\n"
               "\n"
               "Generates a dataset and streams it straight into PostgreSQL (COPY over several\n"
               "connections, no files), into a new staging schema; adds keys and indexes, runs\n"
               "ANALYZE, records the manifest in <schema>.hicgen_manifest, then swaps the staging\n"
               "schema in as the live schema in one transaction: readers see the previous data\n"
               "until the new data is complete. Any failure or interrupt leaves the live schema\n"
               "as it was. Every run is recorded in hicgen_meta.generations.\n"
               "\n"
               "  --db CONNINFO        libpq conninfo string or URI, e.g. 'host=db dbname=hic' or\n"
               "                       postgresql://user@db/hic?sslmode=require (default: the\n"
               "                       PG* environment variables). Passwords belong in ~/.pgpass\n"
               "                       or PGPASSFILE; a password in --db is refused.\n"
               "  --schema NAME        the live schema (default hicgen)\n"
               "  --keep K             generations kept, the live one included (default 2):\n"
               "                       older ones are dropped after the swap\n"
               "  --jobs J             parallel COPY connections (default: the number of "
               "CPUs)\n" TOOL_SIM_HELP "\n"
               "On a terminal a live display shows rows, rate and ETA per table; otherwise\n"
               "timestamped log lines. A summary (rows per table, seconds, rows/s) ends the run.\n"
               "exit status: 0 loaded and live; 1 database or run-time failure (live schema\n"
               "unchanged); 2 bad option, input, or a live schema not made by hicgen;\n"
               "3 another load into the same schema is running; 130 interrupted (live schema\n"
               "unchanged).\n");
}

int cmd_load(int argc, char **argv)
{
    enum { O_DB = TO_OWN, O_SCHEMA, O_KEEP, O_JOBS };
    static const struct option opts[] = {TOOL_SIM_OPTIONS,
                                         {"db", required_argument, 0, O_DB},
                                         {"schema", required_argument, 0, O_SCHEMA},
                                         {"keep", required_argument, 0, O_KEEP},
                                         {"jobs", required_argument, 0, O_JOBS},
                                         {0, 0, 0, 0}};
    hg_loadopts o;
    memset(&o, 0, sizeof o);
    tool_sim_defaults(&o.gen);
    o.schema = "hicgen";
    o.keep = 2;
    o.jobs = tool_ncpu();
    tool_inputs in;
    tool_default_inputs(&in);
    hg_diag d;
    hg_diag_init(&d, stderr);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (tool_sim_option(c, optarg, &o.gen, &in, &d)) continue;
        switch (c) {
        case O_DB:
            o.conninfo = optarg;
            break;
        case O_SCHEMA:
            o.schema = optarg;
            break;
        case O_KEEP:
            tool_int(&d, "--keep", optarg, 1, 1000, &o.keep);
            break;
        case O_JOBS:
            tool_int(&d, "--jobs", optarg, 1, 64, &o.jobs);
            break;
        case TO_HELP:
            help(stdout);
            hg_diag_free(&d);
            return 0;
        default:
            hg_diag_err(&d, "hicgen load",
                        "unknown or incomplete option '%s'; see 'hicgen load --help'",
                        argv[optind - 1]);
        }
    }
    if (optind < argc)
        hg_diag_err(&d, "hicgen load", "unexpected argument '%s'; see 'hicgen load --help'",
                    argv[optind]);
    char err[1024];
    if (hg_load_check_schema(o.schema, err, sizeof err))
        hg_diag_err(&d, "option --schema", "%s", err);
    if (hg_load_check_conninfo(o.conninfo, err, sizeof err))
        hg_diag_err(&d, "option --db", "%s", err);
    if (d.nerrors) {
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    o.progress = o.gen.quiet ? HG_PROGRESS_NONE : isatty(2) ? HG_PROGRESS_TTY : HG_PROGRESS_LOG;
    hg_engine g;
    if (tool_engine(&g, &in, &d)) {
        hg_engine_free(&g);
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    tool_signals();
    int status = hg_load(&g, &o, &d);
    hg_engine_free(&g);
    hg_diag_free(&d);
    return status;
}
