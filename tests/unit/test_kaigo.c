/* Unit tests: 要介護認定 rates and levels against calibration §6, survey answers consistent
 * with the level, care claims within validity, limits and money rules, linkage to the NDB side. */
#include <math.h>
#include "families/kaigo/kaigo.h"
#include "hicgen/csv.h"
#include "hicgen/date.h"
#include "hicgen/engine.h"
#include "hicgen/person.h"
#include "hicgen/rng.h"
#include "testutil.h"

#define P 60000
static hg_engine g;
static hg_person *people;
static hg_kaigo_life
    *lives; /* each person's care timeline, as the 介護 family's life hook makes it */
static hg_period per;

static int setup(void **state)
{
    (void)state;
    if (tu_load_project(&g)) return -1;
    hg_period_init(&per, 202204, 12, 100000);
    people = tu_people(&g, &per, P, 77);
    lives = calloc(P, sizeof *lives);
    gsl_rng *r = hg_rng_alloc();
    for (int i = 0; i < P; i++)
        hg_kaigo_timeline(hg_engine_family(&g, "kaigo"), &g.model, &per, 77, &people[i], r,
                          &lives[i]);
    gsl_rng_free(r);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < P; i++) hg_kaigo_life_free(&lives[i]);
    free(lives);
    tu_people_free(people, P);
    hg_engine_free(&g);
    return 0;
}

/* Certified share by age band on 1 October (calibration §6.1, 2020-09: 65-69 2.8 %, 70-74 5.5 %,
 * 75-79 12.4 %, 80-84 26.4 %, 85-89 48.1 %, 90+ 72.7 %). Within 30 % of the target (relative):
 * the sampling error at this size is 3-10 % and the model's risk adjustment is approximate. */
static void test_certified_by_age(void **state)
{
    (void)state;
    static const int lo[] = {65, 70, 75, 80, 85, 90};
    static const double target[] = {0.028, 0.055, 0.124, 0.264, 0.481, 0.727};
    int n[6] = {0}, k[6] = {0};
    for (int i = 0; i < P; i++) {
        const hg_person *p = &people[i];
        if (p->death && p->death <= 20221001) continue;
        int age = hg_age(p->birth, 20221001);
        for (int b = 5; b >= 0; b--)
            if (age >= lo[b]) {
                n[b]++;
                k[b] += hg_kaigo_cert(&lives[i], 20221001) != NULL;
                break;
            }
    }
    for (int b = 0; b < 6; b++) {
        double got = (double)k[b] / n[b];
        printf("# certified at %d+: %.3f (target %.3f, n=%d)\n", lo[b], got, target[b], n[b]);
        assert_true(fabs(got / target[b] - 1) < 0.30);
    }
}

/* Levels of the certified (calibration §6.2, 2022-03: 要支援1 14.1 %, 要支援2 13.8, 要介護1 20.7,
 * 2 16.9, 3 13.3, 4 12.7, 5 8.5). Within 5 points each. */
static void test_levels(void **state)
{
    (void)state;
    static const double target[] = {0.141, 0.138, 0.207, 0.169, 0.133, 0.127, 0.085};
    int cnt[HG_KAIGO_LEVELS] = {0}, n = 0;
    for (int i = 0; i < P; i++) {
        const hg_cert *c = hg_kaigo_cert(&lives[i], 20221001);
        if (!c) continue;
        cnt[hg_kaigo_level_index(c->level2)]++;
        n++;
    }
    for (int l = 0; l < HG_KAIGO_LEVELS; l++) {
        double got = (double)cnt[l] / n;
        printf("# level %d: %.3f (target %.3f)\n", hg_kaigo_level_codes[l], got, target[l]);
        assert_true(fabs(got - target[l]) < 0.05);
    }
}

static void test_timeline_rules(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    int dem = -1, new_ = 0, renewals = 0, changes = 0, in_fac = 0;
    for (int k = 0; k < m->nconds; k++)
        if (!strcmp(m->conds[k].id, "DEMENTIA")) dem = k;
    int n_dem = 0, k_dem = 0, n_no = 0, k_no = 0;
    for (int i = 0; i < P; i++) {
        const hg_person *p = &people[i];
        const hg_kaigo_life *kl = &lives[i];
        for (int c = 0; c < kl->ncerts; c++) {
            const hg_cert *x = &kl->certs[c];
            assert_true(x->survey > x->apply && x->decision > x->apply);
            if (x->level2 == 1) {
                assert_int_equal(x->valid_from, 0);
                continue;
            }
            assert_true(x->valid_from <= x->valid_to || (p->death && x->valid_to == p->death));
            assert_true(!p->death || x->valid_to <= p->death);
            /* 第2号 (under 65 when the certification takes effect) only with a 特定疾病 */
            int age = hg_age(p->birth, x->valid_from);
            if (age < 65) assert_true(x->second && x->disease[0]);
            assert_true(hg_age(p->birth, x->apply) >= 39);
            if (c > 0 && kl->certs[c - 1].level2 != 1) /* validity periods never overlap */
                assert_true(x->valid_from > kl->certs[c - 1].valid_to);
            new_ += x->kind == 1, renewals += x->kind == 2, changes += x->kind == 3;
        }
        if (kl->facility_from) {
            in_fac++;
            const hg_cert *x = hg_kaigo_cert(kl, kl->facility_from);
            assert_non_null(x);
            assert_true(x->level2 >= 23); /* facilities take 要介護3-5 */
        }
        /* dementia raises the chance of being certified (ages 80-89) */
        int age = hg_age(p->birth, 20221001);
        if (age >= 80 && age < 90 && !(p->death && p->death <= 20221001)) {
            int cert = hg_kaigo_cert(kl, 20221001) != NULL;
            if (hg_person_has(p, dem, 20221001))
                n_dem++, k_dem += cert;
            else
                n_no++, k_no += cert;
        }
    }
    printf("# applications: %d new, %d renewals, %d changes; %d facility entries\n", new_, renewals,
           changes, in_fac);
    assert_true(new_ > 0 && renewals > 0 && changes > 0 && in_fac > 0);
    assert_true((double)k_dem / n_dem > 2 * (double)k_no / n_no);
}

/* Service mix: share of care users using each service in a year (calibration §6.3: 福祉用具貸与
 * 50.5 %, 通所介護 29.1 %, 訪問介護 28.2 %, 訪問看護 16.7 %, 施設 23.8 %). Within 12 points: the
 * model fixes each user's services per level, and users here are counted over 12 months. */
static void test_service_mix(void **state)
{
    (void)state;
    char *tmp = tu_tmpdir(), out[600], path[700];
    snprintf(out, sizeof out, "%s/k", tmp);
    hg_diag d;
    hg_diag_init(&d, stderr);
    assert_int_equal(tu_generate(&g, 30000, 77, out, &d), 0);
    snprintf(path, sizeof path, "%s/kdb_t_kyufu_shukei.csv", out);
    hg_csv c;
    assert_int_equal(hg_csv_open(&c, path, NULL, &d), 0);
    hg_csv_next(&c, &d);
    int ci = -1, ck = -1;
    for (int i = 0; i < c.nfields; i++) {
        if (!strcmp(c.fields[i], "id5")) ci = i;
        if (!strcmp(c.fields[i], "service_shurui_cd")) ck = i;
    }
    /* users: person × kind bitmap (kinds 11 13 15 17 and facilities) */
    enum { K_ANY, K_17, K_15, K_11, K_13, K_FAC, K_N };
    static const char *const names[] = {"any",      "福祉用具貸与", "通所介護",
                                        "訪問介護", "訪問看護",     "施設"};
    static const double target[] = {1, 0.505, 0.291, 0.282, 0.167, 0.238};
    char prev[65] = "";
    int cnt[K_N] = {0}, seen[K_N] = {0};
    for (;;) {
        int rc = hg_csv_next(&c, &d);
        if (rc != 1 || strcmp(prev, c.fields[ci])) { /* rows of a person are together */
            for (int k = 0; k < K_N; k++) cnt[k] += seen[k];
            memset(seen, 0, sizeof seen);
            if (rc != 1) break;
            snprintf(prev, sizeof prev, "%s", c.fields[ci]);
        }
        const char *kd = c.fields[ck];
        seen[K_ANY] = 1;
        if (!strcmp(kd, "17") || !strcmp(kd, "67")) seen[K_17] = 1;
        if (!strcmp(kd, "15")) seen[K_15] = 1;
        if (!strcmp(kd, "11")) seen[K_11] = 1;
        if (!strcmp(kd, "13") || !strcmp(kd, "63")) seen[K_13] = 1;
        if (!strcmp(kd, "51") || !strcmp(kd, "52") || !strcmp(kd, "55")) seen[K_FAC] = 1;
    }
    hg_csv_close(&c);
    hg_diag_free(&d);
    int bad = 0;
    for (int k = 1; k < K_N; k++) {
        double got = (double)cnt[k] / cnt[K_ANY];
        printf("# %s: %.3f of %d users (target %.3f)\n", names[k], got, cnt[K_ANY], target[k]);
        bad += fabs(got - target[k]) >= 0.12;
    }
    assert_int_equal(bad, 0);
    tu_rmdir(tmp);
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_certified_by_age),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_timeline_rules),
        cmocka_unit_test(test_service_mix),
    };
    return cmocka_run_group_tests_name("care", tests, setup, teardown);
}
