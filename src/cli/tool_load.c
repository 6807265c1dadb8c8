/* hicgen load — options, then the library's hg_load. */
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

enum { O_DB = TO_OWN, O_SCHEMA, O_KEEP, O_JOBS };

typedef struct load_cli {
    tool_sim sim;
    hg_loadopts o;
} load_cli;

static int option(void *ctx, int c, const char *arg, const char *name, hg_diag *d)
{
    hg_loadopts *o = &((load_cli *)ctx)->o;
    (void)name;
    switch (c) {
    case O_DB:
        o->conninfo = arg;
        return 1;
    case O_SCHEMA:
        o->schema = arg;
        return 1;
    case O_KEEP:
        tool_int(d, "--keep", arg, 1, 1000, &o->keep);
        return 1;
    case O_JOBS:
        tool_int(d, "--jobs", arg, 1, 64, &o->jobs);
        return 1;
    default:
        return 0;
    }
}

/* Everything that can be checked without a server, so a typo never costs a connection. */
static void check(void *ctx, hg_diag *d)
{
    hg_loadopts *o = &((load_cli *)ctx)->o;
    char err[1024];
    if (hg_load_check_schema(o->schema, err, sizeof err))
        hg_diag_err(d, "option --schema", "%s", err);
    if (hg_load_check_conninfo(o->conninfo, err, sizeof err))
        hg_diag_err(d, "option --db", "%s", err);
}

static int run(void *ctx, hg_engine *g, hg_diag *d)
{
    load_cli *c = ctx;
    c->o.ds = c->sim.ds;
    c->o.run = c->sim.run;
    return hg_load(g, &c->o, d);
}

int cmd_load(int argc, char **argv)
{
    static const struct option opts[] = {TOOL_SIM_OPTIONS,
                                         {"db", required_argument, 0, O_DB},
                                         {"schema", required_argument, 0, O_SCHEMA},
                                         {"keep", required_argument, 0, O_KEEP},
                                         {"jobs", required_argument, 0, O_JOBS},
                                         {0, 0, 0, 0}};
    static const tool_cmd cmd = {"load", opts, help, option, check, run};
    load_cli c;
    memset(&c, 0, sizeof c);
    tool_sim_defaults(&c.sim);
    c.o.schema = "hicgen";
    c.o.keep = 2;
    c.o.jobs = tool_ncpu();
    tool_inputs in;
    tool_default_inputs(&in);
    return tool_run(&cmd, &c, &c.sim, &in, argc, argv);
}
