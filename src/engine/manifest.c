/* hicgen — manifest.json: everything that determines the bytes (version, options, SHA-256 of
 * every spec and master as it was read) and what the bytes are (every table's file, rows,
 * bytes and SHA-256). Nothing that varies between identical runs (time, paths, threads). */
#include <stdio.h>
#include <string.h>
#include "hicgen/json.h"
#include "hicgen/produce.h"

static void json_inputs(hg_buf *b, const hg_engine *g, const char *group)
{
    hg_buf_printf(b, "  \"%s\": [", group);
    int first = 1;
    for (int i = 0; i < g->ninputs; i++) {
        const hg_input *in = &g->inputs[i];
        if (strcmp(in->group, group)) continue;
        hg_buf_puts(b, first ? "\n    {\"file\": " : ",\n    {\"file\": ");
        hg_json_str(b, in->path);
        hg_buf_printf(b, ", \"sha256\": \"%s\"}", in->sha256);
        first = 0;
    }
    hg_buf_puts(b, first ? "]" : "\n  ]");
}

void hg_write_manifest(hg_buf *b, const hg_engine *g, const hg_dataset *ds, int gzip,
                       const hg_tableout *outs)
{
    const hg_specset *s = &g->specs;
    uint64_t lo, hi;
    hg_shard_range(ds, &lo, &hi);
    hg_buf_puts(b, "{\n  \"generator\": \"hicgen\",\n  \"version\": \"" HICGEN_VERSION "\",\n");
    hg_buf_puts(b, "  \"fictitious\": true,\n");
    hg_buf_printf(
        b,
        "  \"options\": {\"persons\": %llu, \"start\": \"%04d-%02d\", \"months\": %d, "
        "\"seed\": %llu, \"gzip\": %s, \"shard\": \"%d/%d\", \"official_masters\": %s},\n",
        (unsigned long long)ds->persons, ds->start_ym / 100, ds->start_ym % 100, ds->months,
        (unsigned long long)ds->seed, gzip ? "true" : "false", ds->shard_k, ds->shard_n,
        g->paths.official_dir ? "true" : "false");
    hg_buf_printf(b, "  \"person_range\": [%llu, %llu],\n", (unsigned long long)lo,
                  (unsigned long long)hi);
    json_inputs(b, g, "specs");
    hg_buf_puts(b, ",\n");
    json_inputs(b, g, "masters");
    hg_buf_puts(b, ",\n");
    if (g->paths.official_dir) {
        json_inputs(b, g, "official_masters");
        hg_buf_puts(b, ",\n");
    }
    hg_buf_puts(b, "  \"files\": [");
    for (int t = 0; t < s->ntables; t++) {
        hg_buf_puts(b, t ? ",\n    {\"file\": " : "\n    {\"file\": ");
        hg_json_str(b, outs[t].name);
        hg_buf_printf(b,
                      ", \"table\": \"%s\", \"rows\": %llu, \"bytes\": %llu, \"sha256\": \"%s\"}",
                      s->tables[t].name, (unsigned long long)outs[t].rows,
                      (unsigned long long)outs[t].bytes, outs[t].sha256);
    }
    hg_buf_puts(b, "\n  ]\n}\n");
}
