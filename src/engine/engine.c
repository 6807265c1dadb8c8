/* hicgen — loading the engine, and the SQL scripts derived from the specs. */
#include "hicgen/engine.h"

#include <string.h>
#include "hicgen/records.h"

volatile int hg_interrupted = 0;

int hg_engine_load(hg_engine *g, const hg_model_paths *p, hg_diag *d)
{
    memset(g, 0, sizeof *g);
    g->paths = *p;
    int before = d->nerrors;
    hg_model_load(&g->model, p, d);
    for (int k = 0; k < HG_K_MODEL_COUNT; k++) hg_registry_add(&g->reg, &hg_model_kinds[k]);
    /* master record kinds exist only for masters that loaded */
    hg_mtab *ms[16];
    int nms = hg_model_masters(&g->model, ms, 16);
    for (int i = 0; i < nms; i++) hg_registry_add(&g->reg, &ms[i]->kind);
    hg_spec_load_dir(&g->specs, p->specs_dir, d);
    if (d->nerrors == before) hg_spec_bind(&g->specs, &g->reg, d);
    return d->nerrors == before ? 0 : -1;
}

void hg_engine_free(hg_engine *g)
{
    hg_spec_free(&g->specs);
    hg_model_free(&g->model);
}

void hg_table_file(char *out, size_t n, const hg_table *t, int gzip)
{
    snprintf(out, n, "%s.csv%s", t->name, gzip ? ".gz" : "");
}

/* SQL string literal. */
static void sql_str(hg_buf *b, const char *s)
{
    hg_buf_putc(b, '\'');
    for (; s && *s; s++) {
        if (*s == '\'') hg_buf_putc(b, '\'');
        hg_buf_putc(b, *s);
    }
    hg_buf_putc(b, '\'');
}

static void comment_text(hg_buf *b, const char *ja, const char *en)
{
    hg_buf tmp = {0};
    if (ja && *ja) hg_buf_puts(&tmp, ja);
    if (ja && *ja && en && *en) hg_buf_puts(&tmp, " / ");
    if (en && *en) hg_buf_puts(&tmp, en);
    sql_str(b, tmp.p ? tmp.p : "");
    hg_buf_free(&tmp);
}

void hg_write_schema(hg_buf *b, const hg_specset *s)
{
    hg_buf_puts(b, "-- hicgen " HICGEN_VERSION
                   " schema: tables of FICTITIOUS data shaped like the NDB "
                   "research tables.\n-- Generated from the table specs; run it in an empty "
                   "schema, then load.sql.\n\n");
    for (int i = 0; i < s->ntables; i++) {
        const hg_table *t = &s->tables[i];
        hg_buf_printf(b, "CREATE TABLE %s (\n", t->name);
        for (int j = 0; j < t->ncols; j++) {
            char ty[64];
            hg_column_sqltype(&t->cols[j], ty, sizeof ty);
            hg_buf_printf(b, "    %s %s%s%s\n", t->cols[j].name, ty,
                          t->cols[j].not_null ? " NOT NULL" : "", j + 1 < t->ncols ? "," : "");
        }
        hg_buf_puts(b, ");\n");
        hg_buf_printf(b, "COMMENT ON TABLE %s IS ", t->name);
        comment_text(b, t->comment_ja, t->comment_en);
        hg_buf_puts(b, ";\n");
        for (int j = 0; j < t->ncols; j++) {
            const hg_column *c = &t->cols[j];
            if (!(c->comment_ja || c->comment_en)) continue;
            hg_buf_printf(b, "COMMENT ON COLUMN %s.%s IS ", t->name, c->name);
            comment_text(b, c->comment_ja, c->comment_en);
            hg_buf_puts(b, ";\n");
        }
        hg_buf_putc(b, '\n');
    }
}

void hg_index_cols(hg_buf *b, const hg_table *t, const hg_index *ix)
{
    for (int i = 0; i < ix->ncols; i++)
        hg_buf_printf(b, "%s%s", i ? ", " : "", t->cols[ix->cols[i]].name);
}

void hg_write_keys(hg_buf *b, const hg_table *t)
{
    if (t->pkey.ncols) {
        hg_buf_printf(b, "ALTER TABLE %s ADD PRIMARY KEY (", t->name);
        hg_index_cols(b, t, &t->pkey);
        hg_buf_puts(b, ");\n");
    }
    for (int i = 0; i < t->nindexes; i++) {
        hg_buf_printf(b, "CREATE INDEX ON %s (", t->name);
        hg_index_cols(b, t, &t->indexes[i]);
        hg_buf_puts(b, ");\n");
    }
}

void hg_write_load(hg_buf *b, const hg_specset *s, int gzip)
{
    hg_buf_puts(b, "-- hicgen " HICGEN_VERSION " load script (psql). Run from this directory after "
                   "schema.sql:\n--   psql -v ON_ERROR_STOP=1 -f schema.sql -f load.sql\n"
                   "-- Everything loads in one transaction: all tables or none.\n"
                   "\\set ON_ERROR_STOP on\nBEGIN;\n");
    for (int i = 0; i < s->ntables; i++) {
        char f[300];
        hg_table_file(f, sizeof f, &s->tables[i], gzip);
        if (gzip)
            hg_buf_printf(b,
                          "\\copy %s FROM PROGRAM 'gzip -dc %s' WITH (FORMAT csv, HEADER true)\n",
                          s->tables[i].name, f);
        else
            hg_buf_printf(b, "\\copy %s FROM '%s' WITH (FORMAT csv, HEADER true)\n",
                          s->tables[i].name, f);
    }
    hg_buf_puts(b, "-- keys and indexes, added after the data: much faster than row by row\n");
    for (int i = 0; i < s->ntables; i++) hg_write_keys(b, &s->tables[i]);
    hg_buf_puts(b, "COMMIT;\nANALYZE;\n");
}
