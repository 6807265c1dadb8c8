/* hicgen package — options, then the library's hg_package. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "hicgen/package.h"
#include "tool.h"

static void help(FILE *f)
{
    fprintf(f, "usage: hicgen package --preset NAME [options]\n"
               "\n"
               "Builds a portal sample set: DIR/hicgen-NAME-VERSION-seedS.tar.gz holding gzip\n"
               "CSVs, schema.sql, load.sql, manifest.json, a data dictionary (DICTIONARY.md), a\n"
               "README (the data is fictitious; loading it into PostgreSQL, R and Python) and\n"
               "SHA256SUMS, plus a .sha256 file beside the archive. The preset fixes persons,\n"
               "period and seed; the same version, specs, masters and preset give a\n"
               "byte-identical archive (entries in name order, fixed owner and timestamp:\n"
               "SOURCE_DATE_EPOCH if set, else the release date).\n"
               "\n"
               "  --preset NAME        a preset of the presets file (small, medium, large)\n"
               "  --presets FILE       presets file (default: presets.yaml of --specs)\n"
               "  --out DIR            where the archive goes (default: .)\n"
               "  --force              replace an existing archive of the same name\n"
               "  --threads T          generation threads (default: the number of CPUs)\n"
               "  --specs DIR, --masters DIR, --official-masters DIR, --quiet, --help\n"
               "                       as for hicgen generate\n");
}

int cmd_package(int argc, char **argv)
{
    enum { O_PRESET = TO_OWN, O_PRESETS, O_OUT, O_FORCE };
    static const struct option opts[] = {TOOL_SIM_OPTIONS,
                                         {"preset", required_argument, 0, O_PRESET},
                                         {"presets", required_argument, 0, O_PRESETS},
                                         {"out", required_argument, 0, O_OUT},
                                         {"force", no_argument, 0, O_FORCE},
                                         {0, 0, 0, 0}};
    hg_genopts go;
    tool_sim_defaults(&go);
    hg_pkgopts o;
    memset(&o, 0, sizeof o);
    o.out = ".";
    const char *preset = NULL, *presets = NULL;
    tool_inputs in;
    tool_default_inputs(&in);
    hg_diag d;
    hg_diag_init(&d, stderr);
    opterr = 0;
    optind = 1;
    int c;
    int li = 0;
    while ((c = getopt_long(argc, argv, "", opts, &li)) != -1) {
        if (c == TO_PERSONS || c == TO_START || c == TO_MONTHS || c == TO_SEED) {
            hg_diag_err(&d, "hicgen package",
                        "'--%s': a package's data is fixed by its preset; define a preset in a "
                        "presets file (--presets FILE) instead",
                        opts[li].name);
            continue;
        }
        if (tool_sim_option(c, optarg, &go, &in, &d)) continue;
        switch (c) {
        case O_PRESET:
            preset = optarg;
            break;
        case O_PRESETS:
            presets = optarg;
            break;
        case O_OUT:
            o.out = optarg;
            break;
        case O_FORCE:
            o.force = 1;
            break;
        case TO_HELP:
            help(stdout);
            hg_diag_free(&d);
            return 0;
        default:
            hg_diag_err(&d, "hicgen package",
                        "unknown or incomplete option '%s'; see 'hicgen package --help'",
                        argv[optind - 1]);
        }
    }
    if (optind < argc)
        hg_diag_err(&d, "hicgen package", "unexpected argument '%s'; see 'hicgen package --help'",
                    argv[optind]);
    if (!preset) hg_diag_err(&d, "hicgen package", "--preset NAME is required (e.g. small)");
    char pfile[PATH_MAX + 32];
    snprintf(pfile, sizeof pfile, "%s/presets.yaml", in.specs);
    if (!d.nerrors) hg_preset_load(presets ? presets : pfile, preset, &o.preset, &d);
    if (d.nerrors) {
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    o.threads = go.threads;
    o.quiet = go.quiet;
    hg_engine g;
    if (tool_engine(&g, &in, &d)) {
        hg_engine_free(&g);
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    tool_signals();
    char path[4400];
    int status = hg_package(&g, &o, path, sizeof path, &d);
    if (!status) printf("%s\n", path);
    hg_engine_free(&g);
    hg_diag_free(&d);
    return status;
}
