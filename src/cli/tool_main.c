/* hicgen — command-line entry point: dispatches to git-style subcommands. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: hicgen <command> [options]\n"
            "\n"
            "Generates fictitious but plausible Japanese health-insurance data (NDB receipts)\n"
            "from YAML table specs and code masters, for loading into PostgreSQL.\n"
            "\n"
            "commands:\n"
            "  generate   simulate a population and write one CSV per table, schema.sql,\n"
            "             load.sql and manifest.json\n"
            "  load       generate straight into PostgreSQL (parallel COPY) and swap the new\n"
            "             data in atomically; keeps K generations\n"
            "  package    build a portal sample-set archive (.tar.gz) from a preset\n"
            "  schema     print the DDL (CREATE TABLE, COMMENT ON) of every table\n"
            "  check      validate specs and masters and report every problem\n"
            "\n"
            "hicgen <command> --help describes a command.  hicgen --version prints the version.\n"
            "exit status: 0 ok, 1 run-time failure (I/O, disk full, database), 2 bad input or\n"
            "options, 3 another load into the same schema is running, 130 interrupted.\n");
}

int main(int argc, char **argv)
{
    /* a reader of stderr or stdout that goes away (`hicgen load 2>&1 | head -1`) must not kill
     * the run half-way: writes then fail with EPIPE, which the messages ignore and which the
     * commands whose output is stdout report */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return HG_ERR_INPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("hicgen %s\n", HICGEN_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "generate")) return cmd_generate(argc - 1, argv + 1);
    if (!strcmp(cmd, "load")) return cmd_load(argc - 1, argv + 1);
    if (!strcmp(cmd, "package")) return cmd_package(argc - 1, argv + 1);
    if (!strcmp(cmd, "schema")) return cmd_schema(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    fprintf(stderr, "hicgen: '%s' is not a command; see 'hicgen --help'\n", cmd);
    return HG_ERR_INPUT;
}
