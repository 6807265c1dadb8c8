/* hicgen schema / hicgen check — DDL from the specs, and validation of all inputs. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "tool.h"

/* Parses --specs/--masters/--official-masters/--help, and --kinds where kinds is given (check
 * only); returns -1 on a bad option, 1 on help. */
static int parse_inputs(int argc, char **argv, const char *cmd, const char *helptext,
                        tool_inputs *in, int *kinds, hg_diag *d)
{
    static const struct option opts[] = {{"specs", required_argument, 0, 's'},
                                         {"masters", required_argument, 0, 'm'},
                                         {"official-masters", required_argument, 0, 'o'},
                                         {"help", no_argument, 0, 'h'},
                                         {"kinds", no_argument, 0, 'k'},
                                         {0, 0, 0, 0}};
    tool_default_inputs(in);
    opterr = 0;
    optind = 1;
    int c, li = 0;
    unsigned char seen[16] = {0};
    char where[64];
    snprintf(where, sizeof where, "hicgen %s", cmd);
    while ((c = getopt_long(argc, argv, "", opts, &li)) != -1) {
        if (c != '?' && c != ':' && tool_repeated(d, where, opts, li, seen, sizeof seen)) continue;
        switch (c) {
        case 's':
            in->specs = optarg;
            break;
        case 'm':
            in->masters = optarg;
            break;
        case 'o':
            in->official = optarg;
            break;
        case 'h':
            fputs(helptext, stdout);
            return 1;
        case 'k':
            if (kinds)
                *kinds = 1;
            else
                hg_diag_err(d, where, "'--kinds' is an option of 'hicgen check'");
            break;
        default:
            hg_diag_err(d, where, "unknown or incomplete option '%s'; see 'hicgen %s --help'",
                        argv[optind - 1], cmd);
        }
    }
    if (optind < argc) hg_diag_err(d, where, "unexpected argument '%s'", argv[optind]);
    if (d->nerrors) return -1;
    tool_dir(d, "--specs", in->specs);
    tool_dir(d, "--masters", in->masters);
    if (in->official) tool_dir(d, "--official-masters", in->official);
    return d->nerrors ? -1 : 0;
}

static const char schema_help[] =
    "usage: hicgen schema [--specs DIR] [--masters DIR] [--official-masters DIR]\n"
    "\n"
    "Prints the DDL of every table (CREATE TABLE, COMMENT ON in Japanese and English),\n"
    "the same text as the schema.sql that 'hicgen generate' writes.\n";

static const char check_help[] =
    "usage: hicgen check [--specs DIR] [--masters DIR] [--official-masters DIR] [--kinds]\n"
    "\n"
    "Validates the table specs, the model parameters (specs/model) and the code masters,\n"
    "including every cross-reference (codes used by the model must exist in the masters),\n"
    "and reports every problem found as FILE:LINE:COLUMN: error: WHAT. Exit status 0 when\n"
    "all is well, 2 if not.\n"
    "\n"
    "  --kinds   after the check, list every record kind a table spec can name in 'record:'\n"
    "            (who offers it, the tables that use it) with its fields and their types\n";

int cmd_schema(int argc, char **argv)
{
    tool_inputs in;
    hg_diag d;
    hg_diag_init(&d, stderr);
    int r = parse_inputs(argc, argv, "schema", schema_help, &in, NULL, &d);
    if (r) {
        hg_diag_free(&d);
        return r > 0 ? 0 : HG_ERR_INPUT;
    }
    hg_engine g;
    int rc = tool_load(&g, &in, &d);
    if (rc == 0) {
        hg_buf b = {0};
        hg_write_schema(&b, &g.specs);
        fwrite(b.p, 1, b.len, stdout);
        hg_buf_free(&b);
    } else {
        fprintf(stderr, "hicgen: %d problem(s); run 'hicgen check' for the full list\n", d.nerrors);
    }
    hg_engine_free(&g);
    hg_diag_free(&d);
    return rc ? HG_ERR_INPUT : (fflush(stdout) ? HG_ERR_RUNTIME : 0);
}

int cmd_check(int argc, char **argv)
{
    tool_inputs in;
    hg_diag d;
    hg_diag_init(&d, stderr);
    int kinds = 0;
    int r = parse_inputs(argc, argv, "check", check_help, &in, &kinds, &d);
    if (r) {
        hg_diag_free(&d);
        return r > 0 ? 0 : HG_ERR_INPUT;
    }
    hg_engine g;
    int rc = tool_load(&g, &in, &d);
    if (rc == 0 && kinds) {
        hg_buf b = {0};
        hg_write_kinds(&b, &g);
        fwrite(b.p, 1, b.len, stdout);
        hg_buf_free(&b);
    } else if (rc == 0)
        printf("ok: %d tables; masters: %d 傷病名, %d 修飾語, %d 診療行為, %d 医薬品, %d 特定器材; "
               "%d conditions\n",
               g.specs.ntables, g.model.skwd.nrows, g.model.mddf.nrows, g.model.prac_act.nrows,
               g.model.medicine.nrows, g.model.spcfc_dev.nrows, g.model.nconds);
    else
        fprintf(stderr, "hicgen: %d problem(s) found\n", d.nerrors);
    hg_engine_free(&g);
    hg_diag_free(&d);
    return rc ? HG_ERR_INPUT : (fflush(stdout) ? HG_ERR_RUNTIME : 0);
}
