/* Unit tests of generated output: receipt invariants, determinism for any thread count and
 * chunk size, shards that concatenate to the whole run, the manifest. */
#include <math.h>
#include <openssl/evp.h>
#include "hicgen/csv.h"
#include "hicgen/hash.h"
#include "hicgen/date.h"
#include "hicgen/engine.h"
#include "hicgen/person.h"
#include "hicgen/rng.h"
#include "hicgen/value.h"
#include "families/med/med.h"
#include "families/pharmacy/pharmacy.h"
#include "testutil.h"

#define PERSONS 3000
static hg_engine g;
static char *tmp;

static int setup(void **state)
{
    (void)state;
    if (tu_load_project(&g)) return -1;
    tmp = tu_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(tmp);
    free(tmp);
    hg_engine_free(&g);
    return 0;
}

static int gen(const char *name, uint64_t persons, int threads, int chunk, int k, int n, int gzip)
{
    char out[512];
    snprintf(out, sizeof out, "%s/%s", tmp, name);
    hg_dataset ds = tu_dataset(persons, 99);
    ds.shard_k = k;
    ds.shard_n = n;
    hg_fileopts fo = {.out = out, .gzip = gzip, .force = 1};
    hg_run run = {.threads = threads, .chunk = chunk};
    hg_diag d;
    hg_diag_init(&d, stderr);
    int rc = hg_generate(&g, &ds, &fo, &run, NULL, &d);
    hg_diag_free(&d);
    return rc;
}

static char *slurp(const char *dir, const char *file, size_t *n)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/%s", tmp, dir, file);
    return tu_read(path, n);
}

static void assert_same_file(const char *a, const char *b, const char *file)
{
    size_t na, nb;
    char *x = slurp(a, file, &na), *y = slurp(b, file, &nb);
    assert_non_null(x);
    assert_non_null(y);
    if (na != nb || memcmp(x, y, na) != 0) {
        print_error("%s differs between %s and %s\n", file, a, b);
        fail();
    }
    free(x);
    free(y);
}

static void test_deterministic_for_any_threads(void **state)
{
    (void)state;
    assert_int_equal(gen("t1", PERSONS, 1, 0, 1, 1, 0), 0);
    assert_int_equal(gen("t3", PERSONS, 3, 0, 1, 1, 0), 0);
    assert_int_equal(gen("t2c37", PERSONS, 2, 37, 1, 1, 0), 0);
    for (int i = 0; i < g.specs.ntables; i++) {
        char f[300];
        hg_table_file(f, sizeof f, &g.specs.tables[i], 0);
        assert_same_file("t1", "t3", f);
        assert_same_file("t1", "t2c37", f);
    }
    assert_same_file("t1", "t3", "manifest.json");
    assert_same_file("t1", "t3", "schema.sql");
    assert_same_file("t1", "t3", "load.sql");
    /* gzip output is byte-identical across thread counts too */
    assert_int_equal(gen("z1", 1000, 1, 0, 1, 1, 1), 0);
    assert_int_equal(gen("z2", 1000, 2, 0, 1, 1, 1), 0);
    assert_same_file("z1", "z2", "tnds_t_rcp_med_si.csv.gz");
    assert_same_file("z1", "z2", "manifest.json");
}

static void test_shards_concatenate(void **state)
{
    (void)state;
    /* shards of 3 (boundaries not on chunk boundaries) equal the single run, per table */
    assert_int_equal(gen("s1", PERSONS, 2, 0, 1, 3, 0), 0);
    assert_int_equal(gen("s2", PERSONS, 1, 0, 2, 3, 0), 0);
    assert_int_equal(gen("s3", PERSONS, 2, 0, 3, 3, 0), 0);
    for (int i = 0; i < g.specs.ntables; i++) {
        char f[300];
        hg_table_file(f, sizeof f, &g.specs.tables[i], 0);
        size_t n0;
        char *whole = slurp("t1", f, &n0);
        hg_buf cat = {0};
        for (int k = 1; k <= 3; k++) {
            char dir[16];
            snprintf(dir, sizeof dir, "s%d", k);
            char *part = slurp(dir, f, NULL);
            char *body = strchr(part, '\n') + 1; /* every shard file carries the header */
            if (k == 1) hg_buf_put(&cat, part, (size_t)(body - part));
            hg_buf_puts(&cat, body);
            free(part);
        }
        if (cat.len != n0 || memcmp(cat.p, whole, n0)) {
            print_error("shards of %s do not concatenate to the whole\n", f);
            fail();
        }
        hg_buf_free(&cat);
        free(whole);
    }
}

/* ---- invariants over the single run's files ---- */

typedef struct rcpt {
    char seq2[40];
    int sex, age, ym; /* ym: yyyymm decoded from the record's month */
    int has_ir, has_re, has_ins;
    long total, sum;
    uint64_t person;
    int hostz;
    int mains; /* 主傷病 rows */
} rcpt;

static rcpt *rc_tab;
static int nrc;

static int cmp_rcpt(const void *a, const void *b)
{
    return strcmp(((const rcpt *)a)->seq2, ((const rcpt *)b)->seq2);
}

static rcpt *find_rcpt(const char *seq2)
{
    /* rc_tab is sorted by seq2 after loading: binary search */
    int lo = 0, hi = nrc - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(rc_tab[mid].seq2, seq2);
        if (!c) return &rc_tab[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static int col(const hg_csv *c, const char *name, char **header, int nh)
{
    (void)c;
    for (int i = 0; i < nh; i++)
        if (!strcmp(header[i], name)) return i;
    print_error("no column %s\n", name);
    return -1;
}

/* Opens a table of run t1 and returns its header. */
static char **open_table(hg_csv *c, const char *table, int *nh, hg_diag *d)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/t1/%s.csv", tmp, table);
    assert_int_equal(hg_csv_open(c, path, NULL, d), 0);
    assert_int_equal(hg_csv_next(c, d), 1);
    char **h = calloc((size_t)c->nfields, sizeof *h);
    for (int i = 0; i < c->nfields; i++) h[i] = strdup(c->fields[i]);
    *nh = c->nfields;
    return h;
}

static void free_header(char **h, int n)
{
    for (int i = 0; i < n; i++) free(h[i]);
    free(h);
}

static int wareki_ym(const char *g5)
{
    static const int start[] = {0, 1868, 1912, 1926, 1989, 2019};
    int era = g5[0] - '0', yy = (g5[1] - '0') * 10 + (g5[2] - '0'), mm = atoi(g5 + 3);
    return (start[era] + yy - 1) * 100 + mm;
}

static void test_receipt_invariants(void **state)
{
    (void)state;
    hg_diag d;
    hg_diag_init(&d, stderr);
    hg_csv c;
    int nh;
    char **h = open_table(&c, "tnds_t_rcp_med_re", &nh, &d);
    int cs = col(&c, "seq2_no", h, nh), cx = col(&c, "sex_div", h, nh), ca = col(&c, "age", h, nh),
        cy = col(&c, "prac_ym", h, nh), cho = col(&c, "hostz_ymd", h, nh),
        ci1 = col(&c, "id1", h, nh), ci5 = col(&c, "id5", h, nh);
    int cap = 1 << 16;
    rc_tab = calloc((size_t)cap, sizeof *rc_tab);
    nrc = 0;
    while (hg_csv_next(&c, &d) == 1) {
        if (nrc == cap) rc_tab = realloc(rc_tab, (size_t)(cap *= 2) * sizeof *rc_tab);
        rcpt *r = &rc_tab[nrc++];
        memset(r, 0, sizeof *r);
        snprintf(r->seq2, sizeof r->seq2, "%s", c.fields[cs]);
        r->sex = atoi(c.fields[cx]);
        r->age = atoi(c.fields[ca]);
        r->ym = wareki_ym(c.fields[cy]);
        r->hostz = c.fields[cho][0] != '\0';
        r->has_re = 1;
        assert_int_equal(strlen(c.fields[ci1]), 64);
        assert_int_equal(strlen(c.fields[ci5]), 64);
        assert_int_equal(strlen(r->seq2), 32); /* an opaque key: 32 hex digits */
    }
    hg_csv_close(&c);
    free_header(h, nh);
    qsort(rc_tab, (size_t)nrc, sizeof *rc_tab, cmp_rcpt);
    for (int i = 1; i < nrc; i++) assert_true(strcmp(rc_tab[i - 1].seq2, rc_tab[i].seq2) < 0);
    /* the person of each receipt, from id5 and the persons register */
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/t1", tmp);
    tu_rcpts map = {0};
    tu_rcpts_add(&map, dir, "tnds_t_rcp_med_re");
    for (int i = 0; i < nrc; i++) rc_tab[i].person = tu_rcpts_find(&map, rc_tab[i].seq2)->person;
    tu_rcpts_free(&map);
    assert_true(nrc > PERSONS); /* several receipts per person-year */

    /* IR once per receipt, HO and/or KO: the receipt's total is HO's, or without HO (公費単独)
     * the largest KO's (生活保護 pays for every line); a KO of a 併用 receipt holds fewer */
    const char *ins_tables[] = {"tnds_t_rcp_med_ho", "tnds_t_rcp_med_ko"};
    for (int t = 0; t < 2; t++) {
        h = open_table(&c, ins_tables[t], &nh, &d);
        cs = col(&c, "seq2_no", h, nh);
        int ct = col(&c, "total_score", h, nh);
        while (hg_csv_next(&c, &d) == 1) {
            rcpt *r = find_rcpt(c.fields[cs]);
            assert_non_null(r);
            r->has_ins = 1;
            if (atol(c.fields[ct]) > r->total) r->total = atol(c.fields[ct]);
        }
        hg_csv_close(&c);
        free_header(h, nh);
    }
    h = open_table(&c, "tnds_t_rcp_med_ir", &nh, &d);
    cs = col(&c, "seq2_no", h, nh);
    while (hg_csv_next(&c, &d) == 1) {
        rcpt *r = find_rcpt(c.fields[cs]);
        assert_non_null(r);
        r->has_ir++;
    }
    hg_csv_close(&c);
    free_header(h, nh);

    /* detail lines: receipt exists, code in the master, points add up */
    struct {
        const char *table, *code_col;
        const hg_mtab *master;
    } det[] = {{"tnds_t_rcp_med_si", "prac_act_cd", &g.model.prac_act},
               {"tnds_t_rcp_med_iy", "medicine_cd", &g.model.medicine},
               {"tnds_t_rcp_med_to", "spcfc_dev_cd", &g.model.spcfc_dev}};
    long lines = 0;
    for (int t = 0; t < 3; t++) {
        h = open_table(&c, det[t].table, &nh, &d);
        cs = col(&c, "seq2_no", h, nh);
        int cc = col(&c, det[t].code_col, h, nh), csc = col(&c, "score", h, nh),
            ct = col(&c, "times", h, nh);
        int cd1 = col(&c, "days01_info", h, nh);
        while (hg_csv_next(&c, &d) == 1) {
            rcpt *r = find_rcpt(c.fields[cs]);
            assert_non_null(r);
            assert_true(hg_mtab_find(det[t].master, c.fields[cc]) >= 0);
            if (c.fields[csc][0]) r->sum += atol(c.fields[csc]) * atol(c.fields[ct]);
            long days = 0;
            for (int k = 0; k < 31; k++) days += atol(c.fields[cd1 + k]);
            assert_int_equal(days, atol(c.fields[ct])); /* 回数 = sum of the day columns */
            lines++;
        }
        hg_csv_close(&c);
        free_header(h, nh);
    }
    assert_true(lines > nrc);
    for (int i = 0; i < nrc; i++) {
        assert_int_equal(rc_tab[i].has_ir, 1);
        assert_int_equal(rc_tab[i].has_ins, 1);
        if (rc_tab[i].total != rc_tab[i].sum) {
            print_error("receipt %s: HO total %ld, details %ld\n", rc_tab[i].seq2, rc_tab[i].total,
                        rc_tab[i].sum);
            fail();
        }
    }

    /* disease rows: code in the master and possible for the person's sex and age */
    h = open_table(&c, "tnds_t_rcp_med_sy", &nh, &d);
    cs = col(&c, "seq2_no", h, nh);
    int ck = col(&c, "skwd_name_cd", h, nh), cm = col(&c, "modif_cd", h, nh),
        cf = col(&c, "sspct_dss_flg", h, nh), cmain = col(&c, "main_skwd", h, nh);
    const hg_model *m = &g.model;
    int suspected = 0, mains = 0;
    while (hg_csv_next(&c, &d) == 1) {
        rcpt *r = find_rcpt(c.fields[cs]);
        assert_non_null(r);
        int row = hg_mtab_find(&m->skwd, c.fields[ck]);
        assert_true(row >= 0);
        int possible = 0;
        for (int k = 0; k < m->nconds; k++)
            for (int j = 0; j < m->conds[k].ndis; j++)
                if (m->cdis[m->conds[k].dis_first + j].row == row &&
                    (!m->conds[k].sex || m->conds[k].sex == r->sex) &&
                    r->age >= m->conds[k].min_age)
                    possible = 1;
        if (!possible) {
            print_error("receipt %s: %s impossible for sex %d age %d\n", r->seq2, c.fields[ck],
                        r->sex, r->age);
            fail();
        }
        /* 疑い flag exactly when the modifier says の疑い */
        assert_int_equal(atoi(c.fields[cf]), strcmp(c.fields[cm], "8002") == 0);
        suspected += atoi(c.fields[cf]);
        r->mains += !strcmp(c.fields[cmain], "01");
    }
    hg_csv_close(&c);
    free_header(h, nh);
    assert_true(suspected > 0);
    /* every receipt names its 主傷病; some name more than one (as real receipts do) */
    for (int i = 0; i < nrc; i++) {
        assert_true(rc_tab[i].mains >= 1);
        mains += rc_tab[i].mains > 1;
    }
    printf("# receipts with more than one 主傷病: %.3f\n", (double)mains / nrc);
    assert_true(mains > 0 && mains < nrc / 2);

    /* no receipt after death or outside the period; admissions show on inpatient receipts */
    hg_period per;
    hg_period_init(&per, 202204, 12, 100000);
    gsl_rng *rng = hg_rng_alloc();
    hg_person *p = calloc(1, sizeof *p);
    uint64_t last = UINT64_MAX;
    for (int i = 0; i < nrc; i++) {
        if (rc_tab[i].person != last) {
            hg_person_sim(&g.model, &per, 99, rc_tab[i].person, rng, p);
            last = rc_tab[i].person;
        }
        assert_true(rc_tab[i].ym >= 202204 && rc_tab[i].ym <= 202303);
        if (p->death) assert_true(rc_tab[i].ym <= p->death / 100);
        assert_int_equal(rc_tab[i].sex, p->sex);
    }
    hg_person_free(p);
    free(p);
    gsl_rng_free(rng);
    free(rc_tab);
    hg_diag_free(&d);
}

static void test_manifest(void **state)
{
    (void)state;
    size_t n;
    char *man = slurp("t1", "manifest.json", &n);
    assert_non_null(strstr(man, "\"seed\": 99"));
    assert_non_null(strstr(man, "\"fictitious\": true"));
    assert_null(strstr(man, "threads")); /* nothing that varies between identical runs */
    for (int i = 0; i < g.specs.ntables; i++) {
        char f[300];
        hg_table_file(f, sizeof f, &g.specs.tables[i], 0);
        size_t len;
        char *data = slurp("t1", f, &len);
        long rows = -1; /* minus the header */
        for (size_t k = 0; k < len; k++) rows += data[k] == '\n';
        unsigned char md[32];
        unsigned mdlen;
        EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
        char hex[65];
        for (int k = 0; k < 32; k++) snprintf(hex + 2 * k, 3, "%02x", md[k]);
        char expect[1024];
        snprintf(expect, sizeof expect,
                 "{\"file\": \"%s\", \"table\": \"%s\", \"rows\": %ld, \"bytes\": %zu, \"sha256\": "
                 "\"%s\"}",
                 f, g.specs.tables[i].name, rows, len, hex);
        if (!strstr(man, expect)) {
            print_error("manifest lacks %s\n", expect);
            fail();
        }
        free(data);
    }
    free(man);
}

/* Receipts per person-year by age against the survey figures (tests/fixtures). Outpatient
 * receipts must be within 30 % of the target. Inpatient receipts are held to 40-130 %: the
 * model has the main causes of admission at plausible rates, but not yet every cause (births,
 * digestive surgery, …), so it sits at about half to two thirds of the survey for now. The
 * bounds still catch a model that loses or doubles its admissions. */
static void test_utilization(void **state)
{
    (void)state;
    enum { P = 20000 };
    assert_int_equal(gen("u", P, 2, 0, 1, 1, 0), 0);
    hg_diag d;
    hg_diag_init(&d, stderr);
    hg_csv t;
    assert_int_equal(hg_csv_open(&t, "tests/fixtures/utilization_targets.csv", NULL, &d), 0);
    hg_csv_next(&t, &d);
    int lo[8], hi[8], ng = 0;
    double out_t[8], in_t[8], py[8] = {0}, out_n[8] = {0}, in_n[8] = {0};
    while (hg_csv_next(&t, &d) == 1 && ng < 8) {
        lo[ng] = atoi(t.fields[0]);
        hi[ng] = atoi(t.fields[1]);
        out_t[ng] = atof(t.fields[2]);
        in_t[ng++] = atof(t.fields[3]);
    }
    hg_csv_close(&t);
    /* person-years by age, from the simulated persons themselves (deaths end exposure) */
    hg_period per;
    hg_period_init(&per, 202204, 12, 100000);
    gsl_rng *rng = hg_rng_alloc();
    hg_person *p = calloc(1, sizeof *p);
    for (uint64_t i = 0; i < P; i++) {
        hg_person_sim(&g.model, &per, 99, i, rng, p);
        for (int mi = 0; mi < 12; mi++) {
            int32_t ms = hg_ym_add(202204, mi) * 100 + 1;
            if (p->death && p->death < ms) break;
            int age = hg_age(p->birth, ms);
            for (int k = 0; k < ng; k++)
                if (age >= lo[k] && age <= hi[k]) py[k] += 1.0 / 12;
        }
    }
    hg_person_free(p);
    free(p);
    gsl_rng_free(rng);
    /* 入院 receipts are 医科入院 and DPC together, as in the survey */
    static const char *const res[] = {"tnds_t_rcp_med_re", "tnds_t_rcp_dpc_re"};
    for (int f = 0; f < 2; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/u/%s.csv", tmp, res[f]);
        assert_int_equal(hg_csv_open(&t, path, NULL, &d), 0);
        hg_csv_next(&t, &d);
        int ca = -1, ch = -1;
        for (int i = 0; i < t.nfields; i++) {
            if (!strcmp(t.fields[i], "age")) ca = i;
            if (!strcmp(t.fields[i], "hostz_ymd")) ch = i;
        }
        while (hg_csv_next(&t, &d) == 1) {
            int age = atoi(t.fields[ca]);
            for (int k = 0; k < ng; k++)
                if (age >= lo[k] && age <= hi[k]) {
                    if (t.fields[ch][0])
                        in_n[k]++;
                    else
                        out_n[k]++;
                }
        }
        hg_csv_close(&t);
    }
    hg_diag_free(&d);
    int bad = 0;
    for (int k = 0; k < ng; k++) {
        double ro = out_n[k] / py[k] / out_t[k], ri = in_n[k] / py[k] / in_t[k];
        printf("# ages %d-%d: outpatient %.2f/py (%.0f%% of target), inpatient %.3f/py (%.0f%%)\n",
               lo[k], hi[k], out_n[k] / py[k], 100 * ro, in_n[k] / py[k], 100 * ri);
        bad += ro < 0.7 || ro > 1.3 || ri < 0.4 || ri > 1.3;
    }
    assert_int_equal(bad, 0);
}

/* Reads column col of every row of a t1 table into a callback. */
typedef void (*row_fn)(char **f, const int *cols, void *arg);
static void each_row(const char *table, const char *const *names, int n, row_fn fn, void *arg)
{
    hg_diag d;
    hg_diag_init(&d, stderr);
    hg_csv c;
    int nh;
    char **h = open_table(&c, table, &nh, &d);
    int cols[64];
    assert_true(n <= 64);
    for (int i = 0; i < n; i++) cols[i] = col(&c, names[i], h, nh);
    while (hg_csv_next(&c, &d) == 1) fn(c.fields, cols, arg);
    hg_csv_close(&c);
    free_header(h, nh);
    hg_diag_free(&d);
}

/* key → count, a small open-addressing table for joining files */
typedef struct kv {
    char key[64];
    long val;
} kv;
typedef struct kvtab {
    kv *t;
    size_t cap, n;
} kvtab;
static long *kv_at(kvtab *m, const char *key)
{
    if (m->n * 2 >= m->cap) {
        kvtab bigger = {calloc(m->cap ? m->cap * 2 : 1024, sizeof(kv)), m->cap ? m->cap * 2 : 1024,
                        0};
        for (size_t i = 0; i < m->cap; i++)
            if (m->t[i].key[0]) {
                *kv_at(&bigger, m->t[i].key) = m->t[i].val;
            }
        free(m->t);
        *m = bigger;
    }
    size_t h = (size_t)hg_hash_str(key) & (m->cap - 1);
    while (m->t[h].key[0] && strcmp(m->t[h].key, key)) h = (h + 1) & (m->cap - 1);
    if (!m->t[h].key[0]) {
        snprintf(m->t[h].key, sizeof m->t[h].key, "%s", key);
        m->n++;
    }
    return &m->t[h].val;
}

/* person and month of every 医科 and 調剤 receipt of run t1 (seq2_no is opaque) */
static tu_rcpts pha_map;

/* "person:yyyymm" of a receipt key, for the 処方箋 ↔ 受付 matching. */
static void person_month(char *out, size_t n, const char *seq2)
{
    const tu_rcpt *r = tu_rcpts_find(&pha_map, seq2);
    assert_non_null(r);
    snprintf(out, n, "%llu:%d", (unsigned long long)r->person, r->ym);
}

typedef struct pha_ctx {
    kvtab rx_slips; /* person:yyyymmdd:institution → 処方箋料 count on 医科 receipts */
    kvtab home_days; /* the same key → visits of receipts with 総合管理料 (処方箋料 included) */
    kvtab home_rcpt; /* MED seq2 → 1 when it bills 在宅時医学総合管理料 or 施設入居時等 */
    kvtab inst_of; /* MED seq2 → institution (anonymised code) */
    kvtab total;   /* PHA seq2 → HO/KO total */
    kvtab sum;     /* PHA seq2 → fees + drug points */
    kvtab cz;      /* PHA seq2:prspt:sub → CZ exists */
    kvtab presc;   /* PHA seq2 → prescribing institution (index into names) */
    long iy_unlinked, receptions, slips_with_drugs, inhouse, unmatched;
    char inst_names[1 << 16][8];
    unsigned char writes_slip[1 << 16], dispenses[1 << 16]; /* by institution */
    int ninst;
} pha_ctx;

static int inst_id(pha_ctx *x, const char *code)
{
    for (int i = 0; i < x->ninst; i++)
        if (!strcmp(x->inst_names[i], code)) return i;
    snprintf(x->inst_names[x->ninst], 8, "%s", code);
    return x->ninst++;
}

static void on_med_ir(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    *kv_at(&x->inst_of, f[c[0]]) = inst_id(x, f[c[1]]);
}

static void on_med_home(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    const hg_med *md = hg_engine_family(&g, "med");
    const hg_mtab *pa = &g.model.prac_act;
    for (int i = 0; i < 2; i++)
        if (!strcmp(f[c[1]], hg_mtab_key(pa, md->codes.home_mgmt[i])))
            *kv_at(&x->home_rcpt, f[c[0]]) = 1;
}

/* Adds an SI row's times on each day to tab under "person:yyyymm:day:institution" (person and
 * month of its receipt, the day from the day columns). */
static void count_by_day(pha_ctx *x, kvtab *tab, char **f, const int *c)
{
    long inst = *kv_at(&x->inst_of, f[c[0]]);
    for (int d = 0; d < 31; d++) {
        long k = atol(f[c[3] + d]);
        if (!k) continue;
        char key[96], pm[48];
        person_month(pm, sizeof pm, f[c[0]]);
        snprintf(key, sizeof key, "%s:%02d:%ld", pm, d + 1, inst);
        *kv_at(tab, key) += k;
    }
}

static void on_med_si(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    const hg_med *md = hg_engine_family(&g, "med");
    const hg_mtab *pa = &g.model.prac_act;
    /* 処方箋料, or 小児科外来診療料 (処方箋を交付), which includes it */
    int slip = !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.rx_slip[0])) ||
               !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.rx_slip[1])) ||
               !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.paed_fee[0][0])) ||
               !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.paed_fee[0][1]));
    int fee = !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.rx_fee[0])) ||
              !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.rx_fee[1]));
    /* on a receipt with 在宅時医学総合管理料 a visit writes its 処方箋 without 処方箋料 (it is
     * included): any visit day of such a receipt may have one */
    int visit = 0;
    for (int i = 0; i < 2; i++) visit |= !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.home_visit[i]));
    for (int i = 0; i < 3; i++) visit |= !strcmp(f[c[1]], hg_mtab_key(pa, md->codes.base[i]));
    if (visit && *kv_at(&x->home_rcpt, f[c[0]])) {
        count_by_day(x, &x->home_days, f, c);
        return;
    }
    if (slip || fee) {
        long inst = *kv_at(&x->inst_of, f[c[0]]);
        if (!slip)
            x->inhouse += atol(f[c[2]]);
        else
            x->slips_with_drugs += atol(f[c[2]]);
        (slip ? x->writes_slip : x->dispenses)[inst] = 1;
        if (slip) count_by_day(x, &x->rx_slips, f, c);
    }
}

static void on_pha_re(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    *kv_at(&x->presc, f[c[0]]) = inst_id(x, f[c[1]]);
}

static void on_pha_total(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    /* the receipt's total: HO's, or the largest KO's (a 併用 KO holds only its lines') */
    long *t = kv_at(&x->total, f[c[0]]);
    if (atol(f[c[1]]) > *t) *t = atol(f[c[1]]);
}

static void on_pha_cz(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    long pts = atol(f[c[1]]) + atol(f[c[2]]);
    for (int k = 0; k < 10; k++) pts += atol(f[c[6 + k]]); /* 調剤料 and 調剤管理料 加算 */
    *kv_at(&x->sum, f[c[0]]) += pts;
    char key[64];
    snprintf(key, sizeof key, "%s:%s:%s", f[c[0]], f[c[3]], f[c[4]]);
    *kv_at(&x->cz, key) = 1;
    /* each 受付 (its first 剤) must match a 処方箋料 of the same person, day and prescriber */
    if (!strcmp(f[c[4]], "1")) {
        char key[96], pm[48];
        long inst = *kv_at(&x->presc, f[c[0]]);
        const char *ymd = f[c[5]]; /* GYYMMDD */
        person_month(pm, sizeof pm, f[c[0]]);
        snprintf(key, sizeof key, "%s:%.2s:%ld", pm, ymd + 5, inst);
        long *n = kv_at(&x->rx_slips, key);
        if (*n <= 0 && *kv_at(&x->home_days, key) > 0)
            (*kv_at(&x->home_days, key))--;
        else if (*n <= 0 && !x->unmatched++)
            fprintf(stderr, "unmatched reception %s\n", key);
        else
            (*n)--;
    }
}

/* KI columns: seq2_no, dbc_score, then (score, times) of every 薬学管理料 and 加算 slot */
enum { KI_SLOTS = 12 + 3 + 10 };
static void on_pha_ki(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    long pts = atol(f[c[1]]);
    for (int k = 0; k < KI_SLOTS; k++) pts += atol(f[c[2 + 2 * k]]) * atol(f[c[3 + 2 * k]]);
    *kv_at(&x->sum, f[c[0]]) += pts;
    x->receptions++;
}

static void on_pha_iy(char **f, const int *c, void *arg)
{
    pha_ctx *x = arg;
    char key[64];
    snprintf(key, sizeof key, "%s:%s:%s", f[c[0]], f[c[1]], f[c[2]]);
    if (!*kv_at(&x->cz, key)) x->iy_unlinked++;
    assert_true(hg_mtab_find(&g.model.medicine, f[c[3]]) >= 0);
}

static void test_pharmacy_receipts(void **state)
{
    (void)state;
    pha_ctx *x = calloc(1, sizeof *x);
    char t1[1100];
    snprintf(t1, sizeof t1, "%s/t1", tmp);
    tu_rcpts_add(&pha_map, t1, "tnds_t_rcp_med_re");
    tu_rcpts_add(&pha_map, t1, "tnds_t_rcp_pha_re");
    static const char *const ir[] = {"seq2_no", "medi_inst_cd"};
    each_row("tnds_t_rcp_med_ir", ir, 2, on_med_ir, x);
    const char *si[34] = {"seq2_no", "prac_act_cd", "times"};
    static char dn[31][24];
    for (int d = 0; d < 31; d++) {
        snprintf(dn[d], sizeof dn[d], "days%02d_info", d + 1);
        si[3 + d] = dn[d];
    }
    each_row("tnds_t_rcp_med_si", si, 34, on_med_home, x);
    each_row("tnds_t_rcp_med_si", si, 34, on_med_si, x);
    static const char *const re[] = {"seq2_no", "medi_inst"};
    each_row("tnds_t_rcp_pha_re", re, 2, on_pha_re, x);
    static const char *const ho[] = {"seq2_no", "total_score"};
    each_row("tnds_t_rcp_pha_ho", ho, 2, on_pha_total, x);
    each_row("tnds_t_rcp_pha_ko", ho, 2, on_pha_total, x);
    static const char *const cz[] = {"seq2_no",      "dsc_score",   "drc_score",   "prspt_no",
                                     "prspt_sub_no", "prspt_ymd",   "adc01_score", "adc02_score",
                                     "adc03_score",  "adc04_score", "adc05_score", "adc06_score",
                                     "adc07_score",  "adc08_score", "adc09_score", "adc10_score"};
    each_row("tnds_t_rcp_pha_cz", cz, 16, on_pha_cz, x);
    const char *ki[2 + 2 * KI_SLOTS] = {"seq2_no", "dbc_score"};
    static char kn[2 * KI_SLOTS][24];
    for (int k = 0; k < KI_SLOTS; k++) {
        const char *pre = k < 12 ? "pmc" : k < 15 ? "spmc" : "dba";
        int no = k < 12 ? k + 1 : k < 15 ? k - 11 : k - 14;
        snprintf(kn[2 * k], sizeof kn[0], "%s%02d_score", pre, no);
        snprintf(kn[2 * k + 1], sizeof kn[0], "%s%02d_times", pre, no);
        ki[2 + 2 * k] = kn[2 * k];
        ki[3 + 2 * k] = kn[2 * k + 1];
    }
    each_row("tnds_t_rcp_pha_ki", ki, 2 + 2 * KI_SLOTS, on_pha_ki, x);
    static const char *const iy[] = {"seq2_no", "prspt_no", "prspt_sub_no", "medicine_cd"};
    each_row("tnds_t_rcp_pha_iy", iy, 4, on_pha_iy, x);

    /* every drug row belongs to a dispensing row (SH–CZ–IY tied by prspt_no/sub_no) */
    assert_int_equal(x->iy_unlinked, 0);
    /* HO/KO total = 調剤基本料 + 薬学管理料 + 調剤料 + 薬剤料 */
    long bad = 0;
    for (size_t i = 0; i < x->total.cap; i++)
        if (x->total.t[i].key[0] && x->total.t[i].val != *kv_at(&x->sum, x->total.t[i].key)) bad++;
    assert_int_equal(bad, 0);
    /* every reception filled a 処方箋 of the same person, day and prescriber; the 処方箋 left
     * unfilled are the model's share of them */
    assert_int_equal(x->unmatched, 0);
    long left = 0;
    for (size_t i = 0; i < x->rx_slips.cap; i++)
        if (x->rx_slips.t[i].key[0]) left += x->rx_slips.t[i].val;
    const hg_pharmacy *ph = hg_engine_family(&g, "pharmacy");
    printf("# unfilled 処方箋: %ld of %ld (model %.3f)\n", left, x->slips_with_drugs, ph->unfilled);
    TU_ASSERT_PROPORTION(left, x->slips_with_drugs, ph->unfilled, 4);
    assert_true(x->receptions > 0);
    /* an institution prescribes 院外 or dispenses itself, never both, and the share of those
     * that write 処方箋 is the model's (4 standard errors: institutions are few at this size) */
    int n_slip = 0, n_inst = 0;
    for (int i = 0; i < x->ninst; i++) {
        assert_false(x->writes_slip[i] && x->dispenses[i]);
        n_inst += x->writes_slip[i] || x->dispenses[i];
        n_slip += x->writes_slip[i];
    }
    printf("# 院外 share of prescribing institutions: %d of %d (model %.2f)\n", n_slip, n_inst,
           g.model.pp.outside_rx_share);
    TU_ASSERT_PROPORTION(n_slip, n_inst, g.model.pp.outside_rx_share, 4);
    free(x->rx_slips.t);
    free(x->home_days.t);
    free(x->home_rcpt.t);
    free(x->inst_of.t);
    free(x->total.t);
    free(x->sum.t);
    free(x->cz.t);
    free(x->presc.t);
    free(x);
    tu_rcpts_free(&pha_map);
}

typedef struct dpc_ctx {
    kvtab total, sum, admit;
    long bad_dates, receipts;
} dpc_ctx;

static void on_dpc_total(char **f, const int *c, void *arg)
{
    dpc_ctx *x = arg;
    *kv_at(&x->total, f[c[0]]) = atol(f[c[1]]);
    x->receipts++;
}

static void on_dpc_detail(char **f, const int *c, void *arg)
{
    dpc_ctx *x = arg;
    if (f[c[1]][0]) *kv_at(&x->sum, f[c[0]]) += atol(f[c[1]]) * atol(f[c[2]]);
}

static void on_dpc_gt(char **f, const int *c, void *arg)
{
    dpc_ctx *x = arg;
    *kv_at(&x->sum, f[c[0]]) += atol(f[c[1]]);
}

static void on_dpc_re(char **f, const int *c, void *arg)
{
    dpc_ctx *x = arg;
    *kv_at(&x->admit, f[c[0]]) = atol(f[c[1]]);
}

static void on_dpc_bu(char **f, const int *c, void *arg)
{
    dpc_ctx *x = arg;
    long admit = atol(f[c[1]]), out = f[c[2]][0] ? atol(f[c[2]]) : 0;
    /* BU repeats RE's admission date; a discharge is on or after it */
    if (admit != *kv_at(&x->admit, f[c[0]]) || (out && out < admit)) x->bad_dates++;
}

/* 歯科: HO/KO total = SS + IY; periodontitis not before 15. */
static void test_dental_receipts(void **state)
{
    (void)state;
    dpc_ctx *x = calloc(1, sizeof *x);
    static const char *const tot[] = {"seq2_no", "total_score"};
    each_row("tnds_t_rcp_den_ho", tot, 2, on_dpc_total, x);
    each_row("tnds_t_rcp_den_ko", tot, 2, on_dpc_total, x);
    static const char *const det[] = {"seq2_no", "score", "times"};
    each_row("tnds_t_rcp_den_ss", det, 3, on_dpc_detail, x);
    each_row("tnds_t_rcp_den_iy", det, 3, on_dpc_detail, x);
    long bad = 0;
    for (size_t i = 0; i < x->total.cap; i++)
        if (x->total.t[i].key[0] && x->total.t[i].val != *kv_at(&x->sum, x->total.t[i].key)) bad++;
    /* about 2.0 dental receipts per person-year (calibration §3.1); 1.5-2.5 at this size */
    printf("# dental receipts per person-year: %.2f\n", (double)x->receipts / PERSONS);
    assert_true(x->receipts > 1.5 * PERSONS && x->receipts < 2.5 * PERSONS);
    assert_int_equal(bad, 0);
    free(x->total.t);
    free(x->sum.t);
    free(x);
}

/* DPC: HO/KO total = 包括 (GT) + 出来高 (SI, IY, TO); BU dates agree with RE. */
static void test_dpc_receipts(void **state)
{
    (void)state;
    dpc_ctx *x = calloc(1, sizeof *x);
    static const char *const tot[] = {"seq2_no", "total_score"};
    each_row("tnds_t_rcp_dpc_ho", tot, 2, on_dpc_total, x);
    each_row("tnds_t_rcp_dpc_ko", tot, 2, on_dpc_total, x);
    static const char *const det[] = {"seq2_no", "score", "times"};
    each_row("tnds_t_rcp_dpc_si", det, 3, on_dpc_detail, x);
    each_row("tnds_t_rcp_dpc_iy", det, 3, on_dpc_detail, x);
    each_row("tnds_t_rcp_dpc_to", det, 3, on_dpc_detail, x);
    static const char *const gt[] = {"seq2_no", "this_incsn_ttl_score"};
    each_row("tnds_t_rcp_dpc_gt", gt, 2, on_dpc_gt, x);
    static const char *const re[] = {"seq2_no", "hostz_ymd"};
    each_row("tnds_t_rcp_dpc_re", re, 2, on_dpc_re, x);
    static const char *const bu[] = {"seq2_no", "this_hostz_ymd", "this_dschg_ymd"};
    each_row("tnds_t_rcp_dpc_bu", bu, 3, on_dpc_bu, x);
    long bad = 0;
    for (size_t i = 0; i < x->total.cap; i++)
        if (x->total.t[i].key[0] && x->total.t[i].val != *kv_at(&x->sum, x->total.t[i].key)) bad++;
    assert_true(x->receipts > 0);
    assert_int_equal(bad, 0);
    assert_int_equal(x->bad_dates, 0);
    free(x->total.t);
    free(x->sum.t);
    free(x->admit.t);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic_for_any_threads),
        cmocka_unit_test(test_shards_concatenate),
        cmocka_unit_test(test_receipt_invariants),
        cmocka_unit_test(test_manifest),
        cmocka_unit_test(test_utilization),
        cmocka_unit_test(test_pharmacy_receipts),
        cmocka_unit_test(test_dpc_receipts),
        cmocka_unit_test(test_dental_receipts),
    };
    return cmocka_run_group_tests_name("receipts", tests, setup, teardown);
}
