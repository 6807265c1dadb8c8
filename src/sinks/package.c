/* hicgen — portal packages: presets, the data dictionary, README, SHA256SUMS and a
 * reproducible tar.gz (see package.h). */
#include "hicgen/package.h"
#include "hicgen/alloc.h"

#include "hicgen/fsutil.h"
#include "hicgen/hash.h"
#include "hicgen/num.h"
#include "tar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <zlib.h>
#include "hicgen/yamlx.h"

/* ---- presets ---- */

int hg_preset_load(const char *file, const char *name, hg_preset *p, hg_diag *d)
{
    static const char *const keys[] = {"persons", "start", "months", "seed", "description", NULL};
    memset(p, 0, sizeof *p);
    hg_ydoc y;
    int before = d->nerrors;
    if (hg_ydoc_load(&y, file, NULL, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *all = hg_yget(&y, hg_yroot(&y), "presets");
    if (!all || all->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, hg_yroot(&y), "expected 'presets:' with one mapping per preset");
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *n = hg_yget(&y, all, name);
    if (!n) {
        hg_buf known = {0};
        for (yaml_node_pair_t *q = all->data.mapping.pairs.start; q < all->data.mapping.pairs.top;
             q++) {
            const char *k = hg_ystr(hg_ynode(&y, q->key));
            hg_buf_printf(&known, "%s%s", known.len ? ", " : "", k ? k : "?");
        }
        hg_diag_at(d, file, 0, 0, "no preset '%s' (presets: %s)", name, known.p ? known.p : "");
        hg_buf_free(&known);
        hg_ydoc_free(&y);
        return -1;
    }
    hg_ykeys(&y, d, n, "preset", keys);
    snprintf(p->name, sizeof p->name, "%s", name);
    long persons = 0, months = 0, seed = 0;
    if (!hg_ykey_long(&y, d, n, "persons", &persons) && (persons < 1 || persons > 1000000000))
        hg_yerr(&y, d, hg_yget(&y, n, "persons"), "persons must be 1-1000000000");
    if (!hg_ykey_long(&y, d, n, "months", &months) && (months < 1 || months > 240))
        hg_yerr(&y, d, hg_yget(&y, n, "months"), "months must be 1-240");
    if (!hg_ykey_long(&y, d, n, "seed", &seed) && seed < 0)
        hg_yerr(&y, d, hg_yget(&y, n, "seed"), "seed must be 0 or more");
    const char *start = hg_ystr(hg_yget(&y, n, "start"));
    int ym = 0;
    if (hg_parse_month(start, &ym))
        hg_yerr(&y, d, hg_yget(&y, n, "start") ? hg_yget(&y, n, "start") : n,
                "start must be a month YYYY-MM between 1990-01 and 2100-12");
    yaml_node_t *desc = hg_yget(&y, n, "description");
    const char *ja = hg_ystr(hg_yget(&y, desc, "ja")), *en = hg_ystr(hg_yget(&y, desc, "en"));
    if (!desc || !ja || !en)
        hg_yerr(&y, d, desc ? desc : n, "preset %s needs description: {ja: ..., en: ...}", name);
    snprintf(p->desc_ja, sizeof p->desc_ja, "%s", ja ? ja : "");
    snprintf(p->desc_en, sizeof p->desc_en, "%s", en ? en : "");
    p->persons = (uint64_t)persons;
    p->months = (int)months;
    p->seed = (uint64_t)seed;
    p->start_ym = ym;
    hg_ydoc_free(&y);
    return d->nerrors == before ? 0 : -1;
}

/* ---- data dictionary ---- */

/* Markdown table cells: a | would end the cell. */
static void md_cell(hg_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|')
            hg_buf_puts(b, "\\|");
        else if (*s == '\n')
            hg_buf_putc(b, ' ');
        else
            hg_buf_putc(b, *s);
    }
}

static const char *fmt_note(int fmt)
{
    switch (fmt) {
    case HG_F_GYYMM:
        return "和暦 GYYMM (era digit 1 明治 … 4 平成 5 令和, year, month)";
    case HG_F_GYYMMDD:
        return "和暦 GYYMMDD";
    case HG_F_YYYYMM:
        return "YYYYMM";
    case HG_F_YYYYMMDD:
        return "YYYYMMDD";
    case HG_F_ZEROPAD:
        return "zero-padded";
    default:
        return NULL;
    }
}

static void column_values(hg_buf *b, const hg_column *c)
{
    switch (c->src) {
    case HG_SRC_CONST:
        hg_buf_puts(b, "always `");
        md_cell(b, c->constval);
        hg_buf_puts(b, "`");
        break;
    case HG_SRC_NULL:
        hg_buf_puts(b, "always NULL (not modelled)");
        break;
    case HG_SRC_DIST:
        if (c->dist.kind == HG_D_CHOICE) {
            hg_buf_puts(b, "one of ");
            for (int i = 0; i < c->dist.nchoice; i++) {
                hg_buf_puts(b, i ? ", `" : "`");
                md_cell(b, c->dist.choices[i]);
                hg_buf_putc(b, '`');
            }
        } else if (c->dist.kind == HG_D_UNIFORM_INT)
            hg_buf_printf(b, "random integer %g–%g", c->dist.a, c->dist.b);
        else
            hg_buf_printf(b, "random, normal (mean %g, sd %g)", c->dist.a, c->dist.b);
        break;
    default: {
        const char *f = fmt_note(c->fmt);
        if (f) hg_buf_puts(b, f);
    }
    }
    if (c->codes_table) hg_buf_printf(b, "%scodes: table `%s`", b->len ? "; " : "", c->codes_table);
    for (int i = 0; i < c->ncodes; i++) {
        hg_buf_puts(b, i ? ", `" : (b->len ? "; codes: `" : "codes: `"));
        md_cell(b, c->code_keys[i]);
        hg_buf_puts(b, "` ");
        md_cell(b, c->code_labels[i]);
    }
}

static void index_text(hg_buf *b, const hg_table *t, const hg_index *ix)
{
    hg_buf_putc(b, '(');
    hg_index_cols(b, t, ix);
    hg_buf_putc(b, ')');
}

void hg_write_dictionary(hg_buf *b, const hg_specset *s, const hg_tableout *outs)
{
    hg_buf_puts(
        b, "# hicgen " HICGEN_VERSION " data dictionary / データ辞書\n\n"
           "Every table and column of this FICTITIOUS dataset, generated from the table "
           "specs. Types are PostgreSQL types (schema.sql). *Values* says how a column "
           "is filled: a model field (with its date format), a constant, always NULL "
           "(a column of the real tables this model does not fill), or a random draw; "
           "and the codes of coded columns, either listed or as the master table that "
           "holds them.\n\n本データは架空のものです。実在の個人・医療機関の情報は含みません。\n\n"
           "## Tables\n\n| table | 説明 | description | rows |\n|---|---|---|---|\n");
    for (int i = 0; i < s->ntables; i++) {
        const hg_table *t = &s->tables[i];
        hg_buf_printf(b, "| [%s](#%s) | ", t->name, t->name);
        md_cell(b, t->comment_ja);
        hg_buf_puts(b, " | ");
        md_cell(b, t->comment_en);
        if (outs)
            hg_buf_printf(b, " | %llu |\n", (unsigned long long)outs[i].rows);
        else
            hg_buf_puts(b, " | |\n");
    }
    hg_buf vals = {0};
    for (int i = 0; i < s->ntables; i++) {
        const hg_table *t = &s->tables[i];
        hg_buf_printf(b, "\n## %s\n\n", t->name);
        md_cell(b, t->comment_ja);
        hg_buf_puts(b, " / ");
        md_cell(b, t->comment_en);
        hg_buf_puts(b, "\n\n");
        if (outs) hg_buf_printf(b, "Rows in this set: %llu. ", (unsigned long long)outs[i].rows);
        if (t->pkey.ncols) {
            hg_buf_puts(b, "Primary key: ");
            index_text(b, t, &t->pkey);
            hg_buf_puts(b, ". ");
        }
        for (int k = 0; k < t->nindexes; k++) {
            hg_buf_puts(b, k ? ", " : "Indexes: ");
            index_text(b, t, &t->indexes[k]);
            if (k + 1 == t->nindexes) hg_buf_puts(b, ".");
        }
        while (b->len && b->p[b->len - 1] == ' ') b->p[--b->len] = '\0';
        hg_buf_puts(b, "\n\n| # | column | type | 説明 | description | values |\n"
                       "|---|---|---|---|---|---|\n");
        for (int j = 0; j < t->ncols; j++) {
            const hg_column *c = &t->cols[j];
            char ty[64];
            hg_column_sqltype(c, ty, sizeof ty);
            hg_buf_printf(b, "| %d | %s | %s%s | ", j + 1, c->name, ty,
                          c->not_null ? " NOT NULL" : "");
            md_cell(b, c->comment_ja);
            hg_buf_puts(b, " | ");
            md_cell(b, c->comment_en);
            hg_buf_puts(b, " | ");
            hg_buf_clear(&vals);
            column_values(&vals, c);
            if (vals.len) hg_buf_put(b, vals.p, vals.len);
            hg_buf_puts(b, " |\n");
        }
    }
    hg_buf_free(&vals);
}

/* ---- README ---- */

static void write_readme(hg_buf *b, const hg_engine *g, const hg_pkgopts *o, const char *base,
                         const hg_tableout *outs)
{
    const hg_preset *p = &o->preset;
    int end = p->start_ym / 100 * 12 + p->start_ym % 100 - 1 + p->months - 1;
    uint64_t rows = 0;
    for (int i = 0; i < g->specs.ntables; i++) rows += outs[i].rows;
    hg_buf_printf(
        b,
        "# %s\n\n"
        "**This data is FICTITIOUS.** It was generated by hicgen %s, a simulator; no row "
        "describes a real person, insurer, clinic or claim. Codes (diseases, drugs, procedures) "
        "are real public codes, used on purpose so that SQL written here carries over to the "
        "real NDB and 介護DB tables.\n\n"
        "**本データは架空のものです。** hicgen "
        "によるシミュレーションで生成しており、実在の個人・保険者・"
        "医療機関・レセプトを表す行はありません。傷病名・医薬品・診療行為のコードは公開されている実"
        "在のコードです。\n\n"
        "## What is inside\n\n"
        "| | |\n|---|---|\n"
        "| preset | `%s`: %s / %s |\n"
        "| generator | hicgen %s |\n"
        "| persons | %llu |\n"
        "| period | %04d-%02d to %04d-%02d (%d months) |\n"
        "| seed | %llu |\n"
        "| code masters | %s |\n"
        "| tables / rows | %d / %llu |\n\n"
        "Rebuild: `hicgen package --preset %s` with hicgen %s and the same specs and masters "
        "gives this archive byte for byte (manifest.json lists the SHA-256 of every input).\n\n"
        "| file | what |\n|---|---|\n"
        "| `*.csv.gz` | one table each: a header line, PostgreSQL CSV quoting, UTF-8, NULL as an "
        "empty unquoted field |\n"
        "| `schema.sql` | CREATE TABLE with Japanese/English COMMENTs |\n"
        "| `load.sql` | psql script: loads every file in one transaction, then keys, indexes, "
        "ANALYZE |\n"
        "| `DICTIONARY.md` | every table and column: description, type, codes |\n"
        "| `manifest.json` | options, input checksums, rows and SHA-256 per data file |\n"
        "| `SHA256SUMS` | SHA-256 of every file: check with `sha256sum -c SHA256SUMS` |\n\n"
        "## PostgreSQL\n\n```sh\ncd %s\nsha256sum -c SHA256SUMS\ncreatedb hic\n"
        "psql -d hic -v ON_ERROR_STOP=1 -f schema.sql -f load.sql\n```\n\n"
        "`load.sql` uses psql's `\\copy ... FROM PROGRAM 'gzip -dc ...'`, so run it from this "
        "directory with `gzip` on the PATH. Example queries: `samples/*.sql` in the hicgen "
        "sources.\n\n"
        "## R\n\n```r\nlibrary(readr)\n"
        "# read codes as text: many have leading zeros (e.g. 傷病名コード 0703025)\n"
        "re <- read_csv(\"tnds_t_rcp_med_re.csv.gz\", col_types = cols(.default = "
        "col_character()))\n"
        "# or, after loading into PostgreSQL:\n"
        "# con <- DBI::dbConnect(RPostgres::Postgres(), dbname = \"hic\")\n"
        "# DBI::dbGetQuery(con, \"SELECT count(*) FROM tnds_t_rcp_med_re\")\n```\n\n"
        "## Python\n\n```python\nimport pandas as pd\n"
        "# dtype=str keeps leading zeros; empty fields are NULL\n"
        "re = pd.read_csv(\"tnds_t_rcp_med_re.csv.gz\", dtype=str)\n"
        "# or, after loading into PostgreSQL:\n"
        "# import psycopg; psycopg.connect(\"dbname=hic\").execute(\"SELECT count(*) FROM "
        "tnds_t_rcp_med_re\").fetchone()\n```\n\n"
        "## Linking\n\n"
        "Receipts of one person share `id1n` (and `id2`); `id5` links NDB tables to the 介護DB "
        "(`kdb_t_*`). Within a receipt, records share `seq2_no`. See DICTIONARY.md.\n",
        base, HICGEN_VERSION, p->name, p->desc_ja, p->desc_en, HICGEN_VERSION,
        (unsigned long long)p->persons, p->start_ym / 100, p->start_ym % 100, end / 12,
        end % 12 + 1, p->months, (unsigned long long)p->seed,
        g->paths.official_dir ? "the payment fund's official masters" : "hicgen's own (masters/)",
        g->specs.ntables, (unsigned long long)rows, p->name, HICGEN_VERSION, base);
}

/* ---- tar.gz ---- */

typedef struct tgz {
    FILE *f;
    z_stream z;
    EVP_MD_CTX *md; /* of the compressed bytes: the archive's SHA-256 */
    uint64_t written;
    long long mtime;
    int err;
} tgz;

static void tgz_out(tgz *t, const void *p, size_t n, int flush)
{
    unsigned char buf[65536];
    t->z.next_in = (Bytef *)(uintptr_t)p;
    t->z.avail_in = (uInt)n;
    do {
        t->z.next_out = buf;
        t->z.avail_out = sizeof buf;
        deflate(&t->z, flush);
        size_t have = sizeof buf - t->z.avail_out;
        if (have && fwrite(buf, 1, have, t->f) != have) t->err = errno ? errno : EIO;
        EVP_DigestUpdate(t->md, buf, have);
    } while (t->z.avail_out == 0 || (flush == Z_FINISH && t->z.avail_in));
    t->written += n;
}

/* One member's header blocks: owner 0:0, fixed names and mtime, so entries do not depend on
 * who built the archive or when. */
static int tar_header(tgz *t, const char *name, unsigned long long size, int dir)
{
    unsigned char h[HG_TAR_HEADER_MAX];
    size_t n = hg_tar_header(h, name, size, dir, t->mtime);
    if (!n) return -1;
    tgz_out(t, h, n, Z_NO_FLUSH);
    return 0;
}

static int tar_file(tgz *t, const char *arcname, const char *path)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f || fstat(fileno(f), &st) != 0) {
        if (f) fclose(f);
        return -1;
    }
    if (tar_header(t, arcname, (unsigned long long)st.st_size, 0)) {
        fclose(f);
        return -1;
    }
    char buf[65536];
    size_t n;
    uint64_t total = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        tgz_out(t, buf, n, Z_NO_FLUSH);
        total += n;
    }
    int bad = ferror(f) || total != (uint64_t)st.st_size;
    fclose(f);
    static const char zero[512];
    if (total % 512) tgz_out(t, zero, 512 - total % 512, Z_NO_FLUSH);
    return bad ? -1 : 0;
}

static long long archive_mtime(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end;
    if (e && *e) {
        long long v = strtoll(e, &end, 10);
        if (!*end && v >= 0 && v < 077777777777LL) return v;
    }
    return HICGEN_RELEASE_EPOCH;
}

/* Archives every file of dir/base (sorted by name) under base/. */
static int write_tgz(const char *dir, const char *base, FILE *f, const char *path,
                     const hg_run *run, char sum[65], char *err, size_t errn)
{
    tgz t;
    memset(&t, 0, sizeof t);
    t.mtime = archive_mtime();
    t.f = f;
    t.md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(t.md, EVP_sha256(), NULL);
    /* gzip wrapper without a name or timestamp (zlib's default header: mtime 0) */
    deflateInit2(&t.z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    char root[5000], arc[300];
    snprintf(root, sizeof root, "%s/%s", dir, base);
    snprintf(arc, sizeof arc, "%s/", base);
    int rc = tar_header(&t, arc, 0, 1);
    hg_diag quiet;
    hg_diag_init(&quiet, NULL);
    char **files = hg_list_dir(root, "", &quiet);
    hg_diag_free(&quiet);
    for (char **f = files; f && *f && !rc && !hg_cancelled(run); f++) {
        const char *name = strrchr(*f, '/') + 1;
        snprintf(arc, sizeof arc, "%s/%s", base, name);
        if (tar_file(&t, arc, *f)) {
            snprintf(err, errn, "%s: cannot add to the archive (name too long, or unreadable)", *f);
            rc = -1;
        }
    }
    hg_free_list(files);
    if (hg_cancelled(run)) rc = -1;
    /* end of archive: two zero blocks, then padding to a whole 10240-byte record as tar does */
    static const char zero[10240];
    if (!rc) {
        tgz_out(&t, zero, 1024, Z_NO_FLUSH);
        if (t.written % 10240) tgz_out(&t, zero, 10240 - t.written % 10240, Z_NO_FLUSH);
        tgz_out(&t, NULL, 0, Z_FINISH);
    }
    deflateEnd(&t.z);
    unsigned char dg[32];
    unsigned len;
    EVP_DigestFinal_ex(t.md, dg, &len);
    EVP_MD_CTX_free(t.md);
    hg_hex(dg, 32, sum);
    if (!rc && t.err) {
        snprintf(err, errn, "%s: write failed: %s (is the disk full?)", path, strerror(t.err));
        rc = -1;
    }
    if ((fflush(t.f) || fsync(fileno(t.f))) && !rc) {
        snprintf(err, errn, "%s: write failed: %s (is the disk full?)", path, strerror(errno));
        rc = -1;
    }
    if (fclose(t.f) && !rc) {
        snprintf(err, errn, "%s: write failed: %s", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* SHA256SUMS in `sha256sum -c` format, of every other file, sorted by name. */
static int write_sums(const char *root, char *err, size_t errn)
{
    hg_diag quiet;
    hg_diag_init(&quiet, NULL);
    char **files = hg_list_dir(root, "", &quiet);
    hg_diag_free(&quiet);
    hg_buf b = {0};
    int rc = 0;
    for (char **f = files; f && *f && !rc; f++) {
        char sum[65];
        if (hg_sha256_file(*f, sum)) {
            snprintf(err, errn, "%s: cannot read", *f);
            rc = -1;
        }
        hg_buf_printf(&b, "%s  %s\n", sum, strrchr(*f, '/') + 1);
    }
    hg_free_list(files);
    if (!rc) rc = hg_write_file(root, "SHA256SUMS", &b, err, errn);
    hg_buf_free(&b);
    return rc;
}

/* Passes the generation's events to the package's callback, but for its summary. */
static void progress_only(void *ctx, const hg_event *ev)
{
    if (ev->kind != HG_EV_SUMMARY) hg_notify(ctx, ev);
}

/* Removes what killed runs left in dir for this package: work directories and temporaries,
 * including those of earlier versions (which named them "<file>.tmp-<pid>"). */
static void clean_stale(const char *dir, const char *base, const hg_run *run)
{
    static const char *const patterns[] = {
        "%s.hicgen-work-", "%s.tar.gz.hicgen-tmp-", "%s.tar.gz.sha256.hicgen-tmp-",
        "%s.tar.gz.tmp-",  "%s.sha256.tmp-",        ".hicgen-package-",
    };
    for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
        char prefix[600];
        snprintf(prefix, sizeof prefix, patterns[i], base);
        char **stale = hg_stale_temps(dir, prefix);
        for (char **p = stale; *p; p++) {
            hg_rm_rf(*p);
            hg_tell(run, HG_EV_LOG, "package", "removed %s, left by a run that was killed", *p);
        }
        hg_free_list(stale);
    }
}

/* Generates the preset into data and adds README.md, DICTIONARY.md and SHA256SUMS. */
static int build_tree(hg_engine *g, const hg_pkgopts *o, const char *base, const char *data,
                      char *err, size_t errn, hg_diag *d)
{
    const hg_preset *p = &o->preset;
    hg_tableout *outs = hg_xcalloc((size_t)g->specs.ntables, sizeof *outs);
    hg_dataset ds = {.persons = p->persons,
                     .start_ym = p->start_ym,
                     .months = p->months,
                     .seed = p->seed,
                     .shard_k = 1,
                     .shard_n = 1};
    hg_fileopts fo = {.out = data, .gzip = 1};
    hg_tell(&o->run, HG_EV_LOG, "package", "generating preset %s (%llu persons, %d months)",
            p->name, (unsigned long long)p->persons, p->months);
    /* the files' own summary is not the package's: only progress goes through */
    hg_run quiet_summary = o->run;
    quiet_summary.on_event = progress_only;
    quiet_summary.ctx = (void *)&o->run;
    int status = hg_generate(g, &ds, &fo, &quiet_summary, outs, d);
    hg_buf b = {0};
    if (!status) {
        write_readme(&b, g, o, base, outs);
        if (hg_write_file(data, "README.md", &b, err, errn)) status = HG_ERR_RUNTIME;
        hg_buf_clear(&b);
        hg_write_dictionary(&b, &g->specs, outs);
        if (!status && hg_write_file(data, "DICTIONARY.md", &b, err, errn)) status = HG_ERR_RUNTIME;
    }
    if (!status && write_sums(data, err, errn)) status = HG_ERR_RUNTIME;
    hg_buf_free(&b);
    free(outs);
    return status;
}

/* Writes the checksum file to a temporary, then renames the archive and the checksum file
 * into place (an archive without its checksum file is not a finished package). */
static int publish(const char *tmp, const char *path, const char *sum, const char *base,
                   char *sidetmp, size_t sidetmpn, char *err, size_t errn)
{
    char sidecar[4400];
    snprintf(sidecar, sizeof sidecar, "%s.sha256", path);
    FILE *f = hg_mkstemp_beside(sidecar, "tmp", sidetmp, sidetmpn);
    int ok = f && fprintf(f, "%s  %s.tar.gz\n", sum, base) > 0 && !fflush(f) && !fsync(fileno(f));
    if (f && fclose(f)) ok = 0;
    if (!ok) {
        snprintf(err, errn, "%s: cannot write: %s", f ? sidetmp : sidecar, strerror(errno));
        return -1;
    }
    if (hg_publish_mode(sidetmp, 0) || hg_publish_mode(tmp, 0) || rename(tmp, path) != 0) {
        snprintf(err, errn, "%s: cannot rename: %s", path, strerror(errno));
        return -1;
    }
    if (rename(sidetmp, sidecar) != 0) {
        snprintf(err, errn, "%s: cannot rename: %s", sidecar, strerror(errno));
        remove(path);
        return -1;
    }
    sidetmp[0] = '\0';
    return 0;
}

/* The archive's directory (created like mkdir -p) and path; refuses to replace an archive
 * without force. */
static int target(const hg_pkgopts *o, const char *base, char *dir, size_t dirn, char *path,
                  size_t pathn, char ***made, hg_diag *d)
{
    char err[4600];
    struct stat st;
    if (hg_out_path(o->out, 1, dir, dirn, made, err, sizeof err)) {
        hg_diag_err(d, o->out, "%s", err);
        return -1;
    }
    if (stat(dir, &st) != 0 && hg_mkdirs(dir, made, err, sizeof err)) {
        hg_diag_err(d, o->out, "%s", err);
        return -1;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        hg_diag_err(d, o->out, "is not a directory; choose another --out");
        return -1;
    }
    if (snprintf(path, pathn, "%s/%s.tar.gz", dir, base) >= (int)pathn) {
        hg_diag_err(d, o->out, "path too long");
        return -1;
    }
    if (lstat(path, &st) == 0 && !o->force) {
        hg_diag_err(d, path, "exists; use --force to replace it");
        return -1;
    }
    return 0;
}

int hg_package(hg_engine *g, const hg_pkgopts *o, char *path, size_t pathn, hg_diag *d)
{
    const hg_preset *p = &o->preset;
    char base[256], dir[4096], work[4700], data[5000], tmp[4700], sidetmp[4800] = "";
    char err[9000] = "";
    snprintf(base, sizeof base, "hicgen-%s-%s-seed%llu", p->name, HICGEN_VERSION,
             (unsigned long long)p->seed);
    char **made = NULL;
    if (target(o, base, dir, sizeof dir, path, pathn, &made, d)) {
        hg_mkdirs_undo(made);
        return HG_ERR_INPUT;
    }
    clean_stale(dir, base, &o->run);
    snprintf(work, sizeof work, "%s/%s", dir, base);
    if (hg_mkdtemp_beside(work, "work", work, sizeof work) != 0) {
        hg_diag_err(d, dir, "cannot create a work directory: %s", strerror(errno));
        hg_mkdirs_undo(made);
        return HG_ERR_RUNTIME;
    }
    snprintf(data, sizeof data, "%s/%s", work, base);
    int status = build_tree(g, o, base, data, err, sizeof err, d);
    char sum[65];
    FILE *af = NULL;
    tmp[0] = '\0';
    if (!status && !(af = hg_mkstemp_beside(path, "tmp", tmp, sizeof tmp))) {
        snprintf(err, sizeof err, "%s: cannot create a temporary file: %s", path, strerror(errno));
        status = HG_ERR_RUNTIME;
    }
    if (!status && write_tgz(work, base, af, tmp, &o->run, sum, err, sizeof err))
        status = hg_cancelled(&o->run) ? HG_ERR_INTERRUPTED : HG_ERR_RUNTIME;
    if (!status && publish(tmp, path, sum, base, sidetmp, sizeof sidetmp, err, sizeof err))
        status = HG_ERR_RUNTIME;
    hg_rm_rf(work);
    if (status) {
        if (tmp[0]) remove(tmp);
        if (sidetmp[0]) remove(sidetmp);
        hg_mkdirs_undo(made);
        if (status == HG_ERR_INTERRUPTED)
            hg_diag_err(d, path, "interrupted; nothing was written");
        else if (err[0])
            hg_diag_err(d, path, "%s; nothing was written", err);
    } else {
        hg_free_list(made);
        hg_summary s = {.where = path, .sha256 = sum};
        hg_event ev = {.kind = HG_EV_SUMMARY, .phase = "package", .summary = &s};
        hg_notify(&o->run, &ev);
    }
    return status;
}
