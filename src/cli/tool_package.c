/* hicgen package — options, then the library's hg_package. */
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
               "  --out DIR            where the archive goes (default: .; created if missing)\n"
               "  --force              replace an existing archive of the same name\n"
               "  --threads T          generation threads (default: the number of CPUs)\n"
               "  --specs DIR, --masters DIR, --official-masters DIR, --quiet, --help\n"
               "                       as for hicgen generate\n");
}

enum { O_PRESET = TO_OWN, O_PRESETS, O_OUT, O_FORCE };

typedef struct pkg_cli {
    hg_pkgopts o;
    tool_sim sim;
    tool_inputs in;
    const char *preset, *presets;
} pkg_cli;

static int option(void *ctx, int c, const char *arg, const char *name, hg_diag *d)
{
    pkg_cli *p = ctx;
    switch (c) {
    case TO_PERSONS:
    case TO_START:
    case TO_MONTHS:
    case TO_SEED:
        hg_diag_err(d, "hicgen package",
                    "'--%s': a package's data is fixed by its preset; define a preset in a "
                    "presets file (--presets FILE) instead",
                    name);
        return 1;
    case O_PRESET:
        p->preset = arg;
        return 1;
    case O_PRESETS:
        p->presets = arg;
        return 1;
    case O_OUT:
        p->o.out = arg;
        return 1;
    case O_FORCE:
        p->o.force = 1;
        return 1;
    default:
        return 0;
    }
}

static void check(void *ctx, hg_diag *d)
{
    pkg_cli *p = ctx;
    if (!p->preset) {
        hg_diag_err(d, "hicgen package", "--preset NAME is required (e.g. small)");
        return;
    }
    char file[PATH_MAX + 32];
    snprintf(file, sizeof file, "%s/presets.yaml", p->in.specs);
    hg_preset_load(p->presets ? p->presets : file, p->preset, &p->o.preset, d);
}

static int run(void *ctx, hg_engine *g, hg_diag *d)
{
    pkg_cli *p = ctx;
    char path[4400];
    p->o.run = p->sim.run;
    int status = hg_package(g, &p->o, path, sizeof path, d);
    if (!status) printf("%s\n", path);
    return status;
}

int cmd_package(int argc, char **argv)
{
    static const struct option opts[] = {TOOL_SIM_OPTIONS,
                                         {"preset", required_argument, 0, O_PRESET},
                                         {"presets", required_argument, 0, O_PRESETS},
                                         {"out", required_argument, 0, O_OUT},
                                         {"force", no_argument, 0, O_FORCE},
                                         {0, 0, 0, 0}};
    static const tool_cmd cmd = {"package", opts, help, option, check, run};
    pkg_cli p;
    memset(&p, 0, sizeof p);
    p.o.out = ".";
    tool_sim_defaults(&p.sim);
    tool_default_inputs(&p.in);
    return tool_run(&cmd, &p, &p.sim, &p.in, argc, argv);
}
