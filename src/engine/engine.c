/* hicgen — loading the engine, and the SQL scripts derived from the specs. */
#include "hicgen/engine.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <assert.h>
#include <stdlib.h>
#include "hicgen/alloc.h"
#include "hicgen/family.h"
#include "hicgen/fsutil.h"
#include "hicgen/hash.h"

/* Loads every family of the table and registers its record kinds and masters. */
static void load_families(hg_engine *g, const hg_model_paths *p, hg_diag *d)
{
    g->nfamilies = hg_nfamilies;
    g->fam = hg_xcalloc((size_t)hg_nfamilies, sizeof *g->fam);
    hg_families_check(hg_families, hg_nfamilies, d);
    for (int i = 0; i < hg_nfamilies; i++) {
        hg_family_slot *s = &g->fam[i];
        s->f = hg_families[i];
        s->f->load(&s->state, &g->model, p, d);
        s->kind0 = g->reg.nkinds;
        for (int k = 0; k < s->f->nkinds; k++) {
            assert(s->f->kinds[k].nfields <= HG_MAX_FIELDS);
            hg_registry_add(&g->reg, &s->f->kinds[k]);
        }
    }
}

/* Registers the master tables that loaded (the model's, then each family's). */
static void register_masters(hg_engine *g)
{
    hg_mtab *ms[64];
    int n = hg_model_masters(&g->model, ms, 64);
    for (int i = 0; i < g->nfamilies; i++)
        if (g->fam[i].f->masters && g->fam[i].state)
            n += g->fam[i].f->masters(g->fam[i].state, ms + n, 64 - n);
    g->masters = hg_xcalloc((size_t)n + 1, sizeof *g->masters);
    g->master_kind = hg_xcalloc((size_t)n + 1, sizeof *g->master_kind);
    for (int i = 0; i < n; i++) {
        g->masters[i] = ms[i];
        g->master_kind[i] = hg_registry_add(&g->reg, &ms[i]->kind);
    }
    g->nmasters = n;
}

/* Hashes every input file of one group (a directory tree). */
static void hash_group(hg_engine *g, const char *group, const char *dir, const char *suffix,
                       hg_diag *d)
{
    char **files = hg_list_tree(dir, suffix, d);
    for (char **f = files; f && *f; f++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, *f);
        g->inputs = hg_xrealloc(g->inputs, (size_t)(g->ninputs + 1) * sizeof *g->inputs);
        hg_input *in = &g->inputs[g->ninputs++];
        in->group = group;
        in->path = hg_xstrdup(*f);
        if (hg_sha256_file(path, in->sha256)) {
            hg_diag_at(d, path, 0, 0, "cannot read: %s", strerror(errno));
            in->sha256[0] = '\0';
        }
    }
    hg_free_list(files);
}

static void hash_inputs(hg_engine *g, const hg_model_paths *p, hg_diag *d)
{
    hash_group(g, "specs", p->specs_dir, ".yaml", d);
    hash_group(g, "masters", p->masters_dir, ".csv", d);
    if (p->official_dir) hash_group(g, "official_masters", p->official_dir, ".csv", d);
}

/* The inputs must not change while they are read: otherwise manifest.json would describe files
 * the data did not come from. */
static void check_inputs(const hg_engine *g, const hg_model_paths *p, hg_diag *d)
{
    hg_engine again = {0};
    hg_diag quiet;
    hg_diag_init(&quiet, NULL);
    hash_inputs(&again, p, &quiet);
    int same = again.ninputs == g->ninputs;
    for (int i = 0; same && i < g->ninputs; i++)
        same = !strcmp(again.inputs[i].path, g->inputs[i].path) &&
               !strcmp(again.inputs[i].sha256, g->inputs[i].sha256);
    if (!same)
        hg_diag_err(d, p->specs_dir,
                    "the specs or masters changed while they were being read; run again");
    for (int i = 0; i < again.ninputs; i++) free(again.inputs[i].path);
    free(again.inputs);
    hg_diag_free(&quiet);
}

int hg_engine_load(hg_engine *g, const hg_model_paths *p, hg_diag *d)
{
    memset(g, 0, sizeof *g);
    g->paths = *p;
    int before = d->nerrors;
    hash_inputs(g, p, d);
    if (hg_model_load(&g->model, p, d) == 0) load_families(g, p, d);
    if (d->nerrors == before) register_masters(g);
    char tables[4096];
    hg_path(tables, sizeof tables, p->specs_dir, NULL, "tables");
    hg_spec_load_dir(&g->specs, tables, d);
    if (d->nerrors == before) hg_spec_bind(&g->specs, &g->reg, d);
    if (d->nerrors == before) check_inputs(g, p, d);
    return d->nerrors == before ? 0 : -1;
}

void hg_engine_free(hg_engine *g)
{
    hg_spec_free(&g->specs);
    for (int i = 0; i < g->nfamilies; i++)
        if (g->fam[i].state) g->fam[i].f->free(g->fam[i].state);
    free(g->fam);
    free(g->masters);
    free(g->master_kind);
    hg_registry_free(&g->reg);
    hg_model_free(&g->model);
    for (int i = 0; i < g->ninputs; i++) free(g->inputs[i].path);
    free(g->inputs);
    memset(g, 0, sizeof *g);
}

const void *hg_engine_family(const hg_engine *g, const char *name)
{
    for (int i = 0; i < g->nfamilies; i++)
        if (!strcmp(g->fam[i].f->name, name)) return g->fam[i].state;
    return NULL;
}

/* The name of a value kind, as `check --kinds` prints it. */
static const char *vkind_name(hg_vkind k)
{
    switch (k) {
    case HG_V_INT:
        return "int";
    case HG_V_STR:
        return "text";
    case HG_V_DATE:
        return "date";
    case HG_V_DEC:
        return "decimal";
    default:
        return "null";
    }
}

/* Who offers registry kind k: a family's name, or "master". */
static const char *kind_owner(const hg_engine *g, int k)
{
    for (int i = 0; i < g->nfamilies; i++)
        if (k >= g->fam[i].kind0 && k < g->fam[i].kind0 + g->fam[i].f->nkinds)
            return g->fam[i].f->name;
    return "master";
}

void hg_write_kinds(hg_buf *b, const hg_engine *g)
{
    hg_buf_printf(b,
                  "# %d record kinds: KIND (OFFERED BY) -> TABLES THAT USE IT; then its fields\n",
                  g->reg.nkinds);
    for (int k = 0; k < g->reg.nkinds; k++) {
        const hg_reckind *rk = g->reg.kinds[k];
        hg_buf_printf(b, "%s (%s) ->", rk->name, kind_owner(g, k));
        int used = 0;
        for (int t = 0; t < g->specs.ntables; t++)
            if (g->specs.tables[t].reckind == k)
                hg_buf_printf(b, "%s %s", used++ ? "," : "", g->specs.tables[t].name);
        hg_buf_puts(b, used ? "\n   " : " (no table)\n   ");
        for (int f = 0; f < rk->nfields; f++)
            hg_buf_printf(b, " %s:%s", rk->fields[f].name, vkind_name(rk->fields[f].kind));
        hg_buf_puts(b, "\n");
    }
}

void hg_table_file(char *out, size_t n, const hg_table *t, int gzip)
{
    snprintf(out, n, "%s.csv%s", t->name, gzip ? ".gz" : "");
}

/* SQL string literal, read the same whatever the server's standard_conforming_strings: text
 * with a backslash is written as an escape string (E'...', the backslash doubled), so that a
 * backslash can never end the literal early. */
static void sql_str(hg_buf *b, const char *s)
{
    int esc = s && strchr(s, '\\') != NULL;
    if (esc) hg_buf_putc(b, 'E');
    hg_buf_putc(b, '\'');
    for (; s && *s; s++) {
        if (*s == '\'' || (esc && *s == '\\')) hg_buf_putc(b, *s);
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
