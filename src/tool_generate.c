/* hicgen generate — options, then the library's hg_generate. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
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
            "\n"
            "  --persons N          persons to simulate (default 10000)\n"
            "  --start YYYY-MM      first month of the study period (default 2022-04)\n"
            "  --months M           months in the period, 1-240 (default 12)\n"
            "  --seed S             random seed, 0-18446744073709551615 (default 1)\n"
            "  --out DIR            output directory (default hicgen-out)\n"
            "  --force              replace DIR if it exists and is not empty\n"
            "  --gzip               write .csv.gz files\n"
            "  --threads T          worker threads (default: the number of CPUs)\n"
            "  --shard K/N          only the K-th of N equal person ranges; the shards'\n"
            "                       data rows concatenated per table equal the whole run\n"
            "  --specs DIR          table specs and model.yaml (default: the project's specs/)\n"
            "  --masters DIR        code masters (default: the project's masters/)\n"
            "  --official-masters DIR  read the payment fund's official masters (Shift_JIS\n"
            "                       b_/z_/s_/y_*.csv) instead of the project's code masters\n"
            "  --quiet              no progress or summary on stderr\n"
            "  --help               this text\n");
}

static void on_signal(int sig)
{
    (void)sig;
    hg_interrupted = 1;
}

int cmd_generate(int argc, char **argv)
{
    enum {
        O_PERSONS = 256,
        O_START,
        O_MONTHS,
        O_SEED,
        O_OUT,
        O_FORCE,
        O_GZIP,
        O_THREADS,
        O_SHARD,
        O_SPECS,
        O_MASTERS,
        O_OFFICIAL,
        O_QUIET,
        O_CHUNK,
        O_HELP
    };
    static const struct option opts[] = {{"persons", required_argument, 0, O_PERSONS},
                                         {"start", required_argument, 0, O_START},
                                         {"months", required_argument, 0, O_MONTHS},
                                         {"seed", required_argument, 0, O_SEED},
                                         {"out", required_argument, 0, O_OUT},
                                         {"force", no_argument, 0, O_FORCE},
                                         {"gzip", no_argument, 0, O_GZIP},
                                         {"threads", required_argument, 0, O_THREADS},
                                         {"shard", required_argument, 0, O_SHARD},
                                         {"specs", required_argument, 0, O_SPECS},
                                         {"masters", required_argument, 0, O_MASTERS},
                                         {"official-masters", required_argument, 0, O_OFFICIAL},
                                         {"quiet", no_argument, 0, O_QUIET},
                                         {"chunk", required_argument, 0, O_CHUNK},
                                         {"help", no_argument, 0, O_HELP},
                                         {0, 0, 0, 0}};
    hg_genopts o = {.persons = 10000,
                    .start_ym = 202204,
                    .months = 12,
                    .seed = 1,
                    .out = "hicgen-out",
                    .shard_k = 1,
                    .shard_n = 1};
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = ncpu > 0 ? (int)(ncpu > 64 ? 64 : ncpu) : 1;
    tool_inputs in;
    tool_default_inputs(&in);
    hg_diag d;
    hg_diag_init(&d, stderr);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_PERSONS:
            tool_u64(&d, "--persons", optarg, 1, 1000000000, &o.persons);
            break;
        case O_START:
            tool_month(&d, "--start", optarg, &o.start_ym);
            break;
        case O_MONTHS:
            tool_int(&d, "--months", optarg, 1, 240, &o.months);
            break;
        case O_SEED:
            tool_u64(&d, "--seed", optarg, 0, UINT64_MAX, &o.seed);
            break;
        case O_OUT:
            o.out = optarg;
            break;
        case O_FORCE:
            o.force = 1;
            break;
        case O_GZIP:
            o.gzip = 1;
            break;
        case O_THREADS:
            tool_int(&d, "--threads", optarg, 1, 256, &o.threads);
            break;
        case O_SHARD:
            tool_shard(&d, "--shard", optarg, &o.shard_k, &o.shard_n);
            break;
        case O_SPECS:
            in.specs = optarg;
            break;
        case O_MASTERS:
            in.masters = optarg;
            break;
        case O_OFFICIAL:
            in.official = optarg;
            break;
        case O_QUIET:
            o.quiet = 1;
            break;
        case O_CHUNK:
            tool_int(&d, "--chunk", optarg, 1, 1000000, &o.chunk);
            break;
        case O_HELP:
            help(stdout);
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
    tool_dir(&d, "--specs", in.specs);
    tool_dir(&d, "--masters", in.masters);
    if (in.official) tool_dir(&d, "--official-masters", in.official);
    hg_engine g;
    memset(&g, 0, sizeof g);
    if (d.nerrors || tool_load(&g, &in, &d)) {
        fprintf(stderr, "hicgen: %d problem(s); nothing was generated\n", d.nerrors);
        hg_engine_free(&g);
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int status = hg_generate(&g, &o, &d);
    hg_engine_free(&g);
    hg_diag_free(&d);
    return status;
}
