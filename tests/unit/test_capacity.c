/* Unit tests: nothing is cut short. Every per-person array that once had a fixed capacity (acute
 * episodes 160, stays 40, insurance spells 12, names 4, 介護 certifications 16; a receipt's
 * detail units 160, lines 320 and diseases 48; a month's visits 48; a prescription's items 12;
 * a month's prescriptions at a pharmacy 64) now grows. A model pushed far beyond those
 * capacities (every acute condition 20 times a year with 5 or 10 visits, a job change
 * and a marriage a year, one-month 介護 certifications, 20 years) must keep everything it draws:
 * each test provokes one former limit and checks it was passed. The fixed capacities that remain
 * are load-time limits, reported as input errors (test_master.c). */
#include "hicgen/engine.h"
#include "hicgen/fsutil.h"
#include "hicgen/worker.h"
#include "families/kaigo/kaigo.h"
#include "families/med/med_internal.h"
#include "testutil.h"

static hg_engine g;
static char *tmp;

/* Replaces the first occurrence of from by to in a file (the test's copy). */
static void replace_in(const char *path, const char *from, const char *to)
{
    char *text = tu_read(path, NULL);
    assert_non_null(text);
    char *at = strstr(text, from);
    assert_non_null(at);
    hg_buf b = {0};
    hg_buf_put(&b, text, (size_t)(at - text));
    hg_buf_puts(&b, to);
    hg_buf_puts(&b, at + strlen(from));
    tu_write(path, b.p);
    hg_buf_free(&b);
    free(text);
}

/* A copy of the project's specs and masters with an extreme model. */
static int setup(void **state)
{
    (void)state;
    hg_engine base;
    if (tu_load_project(&base)) return -1;
    tmp = tu_tmpdir();
    char cmd[1024], path[1024];
    snprintf(cmd, sizeof cmd, "cp -r specs masters '%s'/", tmp);
    if (system(cmd) != 0) return -1;
    /* every acute condition 20 episodes a year at every age; chronic rates unchanged */
    hg_buf b = {0};
    hg_buf_puts(&b, "cond,age_from,male,female,source,verified\n");
    const hg_mtab *rt = &base.model.rates_tab;
    for (int r = 0; r < rt->nrows; r++) {
        int k = hg_model_cond(&base.model, hg_mtab_key(rt, r));
        if (base.model.conds[k].kind == HG_COND_ACUTE) continue;
        for (int c = 0; c < rt->ncols; c++)
            hg_buf_printf(&b, "%s\"%s\"", c ? "," : "", hg_mtab_cell(rt, r, c));
        hg_buf_putc(&b, '\n');
    }
    for (int k = 0; k < base.model.nconds; k++)
        if (base.model.conds[k].kind == HG_COND_ACUTE)
            hg_buf_printf(&b, "%s,0,20,20,extreme,test\n", base.model.conds[k].id);
    snprintf(path, sizeof path, "%s/masters/clinical/condition_rates.csv", tmp);
    tu_write(path, b.p);
    hg_buf_free(&b);
    /* and every acute episode 5 or 10 visits long */
    const hg_mtab *ct = &base.model.conds_tab;
    int cv = hg_mtab_col(ct, "visits_per_episode"), ck = hg_mtab_col(ct, "kind");
    if (cv < 0 || ck < 0) return -1;
    b = (hg_buf){0};
    for (int c = 0; c < ct->ncols; c++) hg_buf_printf(&b, "%s%s", c ? "," : "", ct->cols[c]);
    hg_buf_putc(&b, '\n');
    for (int r = 0; r < ct->nrows; r++) {
        int acute = !strcmp(hg_mtab_cell(ct, r, ck), "acute");
        for (int c = 0; c < ct->ncols; c++) {
            const char *v = c == cv && acute ? "5:0.5;10:0.5" : hg_mtab_cell(ct, r, c);
            hg_buf_putc(&b, c ? ',' : '"');
            if (c) hg_buf_putc(&b, '"');
            for (; *v; v++) {
                if (*v == '"') hg_buf_putc(&b, '"');
                hg_buf_putc(&b, *v);
            }
            hg_buf_putc(&b, '"');
        }
        hg_buf_putc(&b, '\n');
    }
    snprintf(path, sizeof path, "%s/masters/clinical/conditions.csv", tmp);
    tu_write(path, b.p);
    hg_buf_free(&b);
    hg_engine_free(&base);
    snprintf(path, sizeof path, "%s/specs/model/population.yaml", tmp);
    replace_in(path, "job_change_per_year: 0.05", "job_change_per_year: 1.0");
    replace_in(path, "name_change_per_year_female_20_39: 0.03",
               "name_change_per_year_female_20_39: 1.0");
    replace_in(path, "max_episodes_per_month: 3", "max_episodes_per_month: 31");
    /* every prescription filled, so that each one drawn must come out */
    snprintf(path, sizeof path, "%s/specs/model/pharmacy.yaml", tmp);
    replace_in(path, "unfilled: 0.03", "unfilled: 0");
    snprintf(path, sizeof path, "%s/specs/model/kaigo.yaml", tmp);
    replace_in(path, "valid_new: [6, 12]", "valid_new: [1]");
    replace_in(path, "valid_renewal: [12, 24, 36]", "valid_renewal: [1]");
    char specs[600], masters[600];
    snprintf(specs, sizeof specs, "%s/specs", tmp);
    snprintf(masters, sizeof masters, "%s/masters", tmp);
    hg_model_paths p = {specs, masters, NULL};
    hg_diag d;
    hg_diag_init(&d, stderr);
    int rc = hg_engine_load(&g, &p, &d);
    hg_diag_free(&d);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    hg_engine_free(&g);
    tu_rmdir(tmp);
    free(tmp);
    return 0;
}

/* The largest counts seen over the persons of a 20-year period. */
typedef struct maxima {
    int episodes, stays, spells, names, certs;
} maxima;

static void live_persons(int n, maxima *mx)
{
    hg_period per;
    hg_period_init(&per, 200204, 240, 100000);
    hg_worker *w = hg_worker_new(&g, &per, 5);
    memset(mx, 0, sizeof *mx);
    for (int i = 0; i < n; i++) {
        const hg_person *p = hg_worker_live(w, (uint64_t)i);
        const hg_kaigo_life *k = hg_worker_scratch(w, "kaigo");
        if (p->nepisodes > mx->episodes) mx->episodes = p->nepisodes;
        if (p->nstays > mx->stays) mx->stays = p->nstays;
        if (p->nspells > mx->spells) mx->spells = p->nspells;
        if (p->nnames > mx->names) mx->names = p->nnames;
        if (k->ncerts > mx->certs) mx->certs = k->ncerts;
        /* nothing lost: every episode and stay lies in the period, in order where it must */
        for (int s = 1; s < p->nstays; s++) assert_true(p->stays[s].admit >= p->stays[s - 1].admit);
        for (int s = 1; s < p->nspells; s++) assert_true(p->spells[s].from > p->spells[s - 1].from);
    }
    hg_worker_free(w);
}

static void test_person_arrays_grow(void **state)
{
    (void)state;
    maxima mx;
    live_persons(400, &mx);
    printf("# most per person: %d episodes, %d stays, %d spells, %d names, %d certifications\n",
           mx.episodes, mx.stays, mx.spells, mx.names, mx.certs);
    assert_true(mx.episodes > 160); /* the old HG_MAX_EPISODES */
    assert_true(mx.stays > 40);     /* HG_MAX_STAYS */
    assert_true(mx.spells > 12);    /* HG_MAX_SPELLS */
    assert_true(mx.names > 4);      /* HG_MAX_NAMES */
    assert_true(mx.certs > 16);     /* HG_MAX_CERTS */
}

/* The rows of table name in an emitter. */
static uint64_t rows_of(const hg_emitter *e, const char *name)
{
    int t = hg_spec_find(&g.specs, name);
    assert_true(t >= 0);
    return e->rows[t];
}

/* A 医科 receipt with more diseases (48), detail units (160) and lines (320) than the old
 * capacities: all of them are written. */
static void test_receipt_grows(void **state)
{
    (void)state;
    hg_period per;
    hg_period_init(&per, 202204, 12, 100000);
    hg_worker *w = hg_worker_new(&g, &per, 5);
    const hg_person *p = NULL;
    for (uint64_t i = 0; !p || !hg_person_spell(p, 20220401); i++) p = hg_worker_live(w, i);
    hg_emitter e;
    hg_emitter_init(&e, &g.specs, g.reg.nkinds, 5);
    int fam = 0;
    while (strcmp(g.fam[fam].f->name, "med")) fam++;
    hg_fx fx = {.m = &g.model,
                .per = &per,
                .seed = 5,
                .state = g.fam[fam].state,
                .e = &e,
                .kind0 = g.fam[fam].kind0,
                .h = hg_worker_history(w)};
    ctx c = {.fx = &fx,
             .md = fx.state,
             .m = &g.model,
             .p = p,
             .ym = 202204,
             .ms = 20220401,
             .me = 20220430};
    int nsy = 0;
    for (int suspect = 0; suspect <= 1; suspect++)
        for (int r = 0; r < g.model.skwd.nrows; r++, nsy++)
            med_add_sy(&c, r, -1, 20220401, 1, suspect, 0);
    for (int i = 0; i < 400; i++) med_add_si(&c, i, 0, 1 + i % 28, 1); /* 400 units, 400 lines */
    c.rc.visit_days = 1;
    med_emit_receipt(&c, hg_person_spell(p, 20220401), 0, 1, NULL, 20220401, 1, NULL, 0);
    printf("# one receipt: %d diseases, 400 detail lines\n", nsy);
    assert_true(nsy > 48);
    assert_int_equal(rows_of(&e, "tnds_t_rcp_med_sy"), (uint64_t)nsy);
    assert_int_equal(rows_of(&e, "tnds_t_rcp_med_si"), 400);
    med_receipt_free(&c.rc);
    hg_emitter_free(&e);
    hg_worker_free(w);
}

/* A month with more prescriptions (64) than the pharmacy logic once took, one of them with
 * more items (12) than a prescription once held: every 剤 is dispensed. */
static void test_prescriptions_grow(void **state)
{
    (void)state;
    hg_period per;
    hg_period_init(&per, 202204, 12, 100000);
    hg_worker *w = hg_worker_new(&g, &per, 5);
    const hg_person *p = NULL;
    int ht = hg_model_cond(&g.model, "HT");
    for (uint64_t i = 0; !p || !hg_person_spell(p, 20220401) || p->death; i++)
        p = hg_worker_live(w, i);
    hg_history *h = hg_worker_history(w);
    h->nrx = h->nrx_items = 0;
    int items = 0;
    for (int k = 0; k < 100; k++) {
        hg_history_rx(h, 20220401 + k % 28, 0, 1 + k);
        int n = k == 0 ? 20 : 1;
        for (int j = 0; j < n; j++, items++)
            hg_history_rx_item(h, (hg_rx_item){.cond = ht,
                                               .product = 0,
                                               .form = 1,
                                               .rp = j + 1,
                                               .qty = 28,
                                               .amount_1e5 = 100000});
    }
    hg_emitter e;
    hg_emitter_init(&e, &g.specs, g.reg.nkinds, 5);
    assert_int_equal(hg_worker_emit_family(w, "pharmacy", &e), 0);
    printf("# one month: 100 prescriptions, %d items → %llu 剤\n", items,
           (unsigned long long)rows_of(&e, "tnds_t_rcp_pha_sh"));
    assert_int_equal(rows_of(&e, "tnds_t_rcp_pha_sh"), (uint64_t)items);
    assert_int_equal(rows_of(&e, "tnds_t_rcp_pha_ki"), 100); /* one 受付 per prescription */
    hg_emitter_free(&e);
    hg_worker_free(w);
}

/* More than 48 outpatient visits in a person-month (the old capacity of a month's visits):
 * counted as the 初診 and 再診 of the month's 医科 receipts. */
static void test_visits_grow(void **state)
{
    (void)state;
    char out[600], cmd[3200], res[700];
    snprintf(out, sizeof out, "%s/out", tmp);
    hg_dataset ds = tu_dataset(200, 5);
    hg_fileopts fo = {.out = out};
    hg_run run = {.threads = 2};
    hg_diag d;
    hg_diag_init(&d, stderr);
    assert_int_equal(hg_generate(&g, &ds, &fo, &run, NULL, &d), 0);
    hg_diag_free(&d);
    const hg_med *md = hg_engine_family(&g, "med");
    /* visits of a person-month: the times of 初診 and 再診 rows, summed over the person's
     * receipts of the month (RE's id5 and prac_ym; seq2_no is an opaque key) */
    snprintf(res, sizeof res, "%s/visits", tmp);
    snprintf(
        cmd, sizeof cmd,
        "awk -F, 'FNR == 1 {delete c; for (i = 1; i <= NF; i++) c[$i] = i; next} "
        "FILENAME ~ /_re.csv$/ {pm[$c[\"seq2_no\"]] = $c[\"id5\"] \":\" $c[\"prac_ym\"]; next} "
        "$c[\"prac_act_cd\"] == \"%s\" || $c[\"prac_act_cd\"] == \"%s\" "
        "{v[pm[$c[\"seq2_no\"]]] += $c[\"times\"]} "
        "END {m = 0; for (k in v) if (v[k] > m) m = v[k]; print m}' '%s/tnds_t_rcp_med_re.csv' "
        "'%s/tnds_t_rcp_med_si.csv' > '%s'",
        hg_mtab_key(&g.model.prac_act, md->codes.base[0]),
        hg_mtab_key(&g.model.prac_act, md->codes.base[1]), out, out, res);
    assert_int_equal(system(cmd), 0);
    char *txt = tu_read(res, NULL);
    int most = atoi(txt);
    free(txt);
    printf("# most outpatient visits in a person-month: %d\n", most);
    assert_true(most > 48);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_person_arrays_grow),
        cmocka_unit_test(test_receipt_grows),
        cmocka_unit_test(test_prescriptions_grow),
        cmocka_unit_test(test_visits_grow),
    };
    return cmocka_run_group_tests_name("capacity", tests, setup, teardown);
}
