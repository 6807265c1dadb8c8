/* Unit tests: 特定健診 rules, marginals against the NDB open data, correlations, 服薬 answers
 * against the claims, 保健指導レベル against the rules, participation, guidance. */
#include <math.h>
#include "families/checkup/checkup.h"
#include "hicgen/csv.h"
#include "hicgen/date.h"
#include "hicgen/engine.h"
#include "hicgen/rng.h"
#include "testutil.h"

static hg_engine g;
static char *tmp;
#define P 20000

static const hg_checkup_model *checkup_model(void)
{
    return hg_engine_family(&g, "checkup");
}

static void rules_case(int sex, int age, double waist, double bmi, double fpg, double a1c,
                       double tg, double hdl, double sbp, double dbp, int smoker, int meds,
                       int level, int metabo)
{
    hg_ck_values x;
    memset(&x, 0, sizeof x);
    hg_ck_answers a;
    memset(&a, 0, sizeof a);
    x.waist = waist;
    x.v[CK_BMI] = bmi;
    x.fpg = fpg;
    x.v[CK_HBA1C] = a1c;
    x.v[CK_TG] = tg;
    x.v[CK_HDL] = hdl;
    x.v[CK_SBP] = sbp;
    x.dbp = dbp;
    a.smoking = smoker ? 1 : 2;
    a.meds[0] = meds ? 1 : 2;
    a.meds[1] = a.meds[2] = 2;
    const hg_ck_thresholds *t = &checkup_model()->th;
    assert_int_equal(hg_ck_level(t, sex, age, &x, &a), level);
    assert_int_equal(hg_ck_metabo(t, sex, &x), metabo);
}

static void test_rules(void **state)
{
    (void)state;
    /* waist over + two risks → 積極的; メタボ 基準該当 */
    rules_case(HG_SEX_M, 50, 90, 26, 105, 5.7, 160, 50, 120, 70, 0, 0, 1,
               2); /* メタボ needs FPG 110 */
    /* the same at 66 → 動機付け (downgrade from 65) */
    rules_case(HG_SEX_M, 66, 90, 26, 105, 5.7, 160, 50, 120, 70, 0, 0, 2, 2);
    /* waist over + one risk: smoker → 積極的, otherwise 動機付け; メタボ 予備群 */
    rules_case(HG_SEX_M, 50, 86, 23, 90, 5.2, 100, 60, 135, 80, 1, 0, 1, 2);
    rules_case(HG_SEX_M, 50, 86, 23, 90, 5.2, 100, 60, 135, 80, 0, 0, 2, 2);
    /* a woman's waist threshold is 90 */
    rules_case(HG_SEX_F, 50, 88, 23, 90, 5.2, 100, 60, 135, 80, 0, 0, 3, 3);
    /* BMI route: one risk → 動機付け; three → 積極的 */
    rules_case(HG_SEX_F, 50, 80, 26, 90, 5.2, 100, 60, 135, 80, 0, 0, 2, 3);
    rules_case(HG_SEX_F, 50, 80, 26, 100, 5.2, 150, 60, 135, 80, 0, 0, 1, 3);
    /* no risk → なし; on blood-pressure drugs → なし whatever the values */
    rules_case(HG_SEX_M, 50, 90, 26, 90, 5.2, 100, 60, 120, 70, 1, 0, 3, 3);
    rules_case(HG_SEX_M, 50, 90, 26, 105, 5.7, 160, 50, 140, 90, 1, 1, 3, 1);
    /* smoking counts only with another risk */
    rules_case(HG_SEX_F, 50, 80, 26, 90, 5.2, 100, 60, 120, 70, 1, 0, 3, 3);
}

/* ---- one generated dataset ---- */

typedef struct ckrow {
    char key[32];
    int sex, age, fy;
    double v[64]; /* by item index */
    int has[64];
    int32_t ym;
    uint64_t person;
    int guided;
} ckrow;

static ckrow *rows;
static int nrows;
static const hg_mtab *items;

static ckrow *find_row(const char *key)
{
    int lo = 0, hi = nrows - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(rows[mid].key, key);
        if (!c) return &rows[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

static int item(const char *cd)
{
    return hg_mtab_find(items, cd);
}

static int setup(void **state)
{
    (void)state;
    if (tu_load_project(&g)) return -1;
    items = &checkup_model()->items_tab;
    tmp = tu_tmpdir();
    char out[512];
    snprintf(out, sizeof out, "%s/ck", tmp);
    hg_diag d;
    hg_diag_init(&d, stderr);
    if (tu_generate(&g, P, 21, out, &d)) return -1;
    hg_csv c;
    char path[600];
    snprintf(path, sizeof path, "%s/tnds_t_tokken_base.csv", out);
    if (hg_csv_open(&c, path, NULL, &d) || hg_csv_next(&c, &d) != 1) return -1;
    int kcol = 0, scol = 0, acol = 0, dcol = 0;
    for (int i = 0; i < c.nfields; i++) {
        if (!strcmp(c.fields[i], "seq1_no")) kcol = i;
        if (!strcmp(c.fields[i], "testee_sex_cd")) scol = i;
        if (!strcmp(c.fields[i], "age")) acol = i;
        if (!strcmp(c.fields[i], "mee_ymd")) dcol = i;
    }
    rows = calloc(P, sizeof *rows);
    while (hg_csv_next(&c, &d) == 1 && nrows < P) {
        ckrow *r = &rows[nrows++];
        snprintf(r->key, sizeof r->key, "%s", c.fields[kcol]);
        r->sex = atoi(c.fields[scol]);
        r->age = atoi(c.fields[acol]);
        r->ym = atoi(c.fields[dcol]) / 100;
        r->person = strtoull(r->key + 1, NULL, 10) / 10000;
    }
    hg_csv_close(&c);
    snprintf(path, sizeof path, "%s/tnds_t_tokken_exam.csv", out);
    if (hg_csv_open(&c, path, NULL, &d) || hg_csv_next(&c, &d) != 1) return -1;
    /* columns: seq1_no 0, cd 4, val 6, value_cd 13 (checked by name below) */
    int ck = 0, cc = 0, cv = 0, cvc = 0;
    for (int i = 0; i < c.nfields; i++) {
        if (!strcmp(c.fields[i], "seq1_no")) ck = i;
        if (!strcmp(c.fields[i], "cd")) cc = i;
        if (!strcmp(c.fields[i], "val")) cv = i;
        if (!strcmp(c.fields[i], "value_cd")) cvc = i;
    }
    while (hg_csv_next(&c, &d) == 1) {
        ckrow *r = find_row(c.fields[ck]);
        int it = item(c.fields[cc]);
        if (!r || it < 0 || it >= 64) return -1;
        r->v[it] = c.fields[cv][0] ? atof(c.fields[cv]) : atof(c.fields[cvc]);
        r->has[it] = 1;
    }
    hg_csv_close(&c);
    snprintf(path, sizeof path, "%s/tnds_t_thoken_base.csv", out);
    if (hg_csv_open(&c, path, NULL, &d) || hg_csv_next(&c, &d) != 1) return -1;
    int cm = -1;
    for (int i = 0; i < c.nfields; i++)
        if (!strcmp(c.fields[i], "mee_seq1_no")) cm = i;
    while (hg_csv_next(&c, &d) == 1) {
        ckrow *r = find_row(c.fields[cm]);
        if (!r) return -1;
        r->guided = 1;
    }
    hg_csv_close(&c);
    hg_diag_free(&d);
    return nrows > 1000 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(rows);
    tu_rmdir(tmp);
    free(tmp);
    hg_engine_free(&g);
    return 0;
}

/* Shares of examinees 40-74 in the bins of calibration §5.2 (NDB FY2022), by sex. Each bin
 * must be within 6 points: sampling error is about 1 point at this size, and fitting a
 * (log)normal to the published percentiles costs a few more in the tails; a wrong sex, age
 * shape or scale is off by far more. */
static void check_bins(const char *cd, const double *edges, int nb, const double *m,
                       const double *f)
{
    int it = item(cd);
    for (int sx = 1; sx <= 2; sx++) {
        int n = 0, cnt[8] = {0};
        for (int i = 0; i < nrows; i++) {
            if (rows[i].sex != sx || !rows[i].has[it]) continue;
            n++;
            int b = 0;
            while (b < nb - 1 && rows[i].v[it] >= edges[b]) b++;
            cnt[b]++;
        }
        for (int b = 0; b < nb; b++) {
            double got = 100.0 * cnt[b] / n, want = (sx == 1 ? m : f)[b];
            if (fabs(got - want) > 6) {
                print_error("%s sex %d bin %d: %.1f%% vs %.1f%%\n", cd, sx, b, got, want);
                fail();
            }
        }
    }
}

static void test_marginals(void **state)
{
    (void)state;
    static const double bmi_e[] = {18.5, 20, 25, 30, 35, 40};
    static const double bmi_m[] = {2.9, 6.3, 54.1, 29.6, 5.7, 1.0, 0.3};
    static const double bmi_f[] = {12.5, 16.1, 50.0, 16.5, 3.9, 0.8, 0.2};
    check_bins("9N011000000000001", bmi_e, 7, bmi_m, bmi_f);
    static const double a1c_e[] = {5.6, 6.0, 6.5, 8.0, 8.4};
    static const double a1c_m[] = {50.4, 29.5, 10.6, 7.6, 0.5, 1.3};
    static const double a1c_f[] = {52.4, 33.0, 10.0, 3.9, 0.2, 0.5};
    check_bins("3D046000001906202", a1c_e, 6, a1c_m, a1c_f);
    static const double sbp_e[] = {120, 130, 140, 160, 180};
    static const double sbp_m[] = {32.6, 27.0, 20.4, 16.2, 3.2, 0.6};
    static const double sbp_f[] = {45.7, 22.8, 15.7, 12.5, 2.7, 0.5};
    check_bins("9A751000000000001", sbp_e, 6, sbp_m, sbp_f);
    static const double ldl_e[] = {100, 120, 140, 160, 180};
    static const double ldl_m[] = {22.8, 24.4, 24.5, 16.4, 7.8, 4.2};
    static const double ldl_f[] = {22.2, 25.3, 24.3, 16.0, 7.7, 4.4};
    check_bins("3F077000002327101", ldl_e, 6, ldl_m, ldl_f);
    static const double up_e[] = {2, 3, 4, 5};
    static const double up_m[] = {87.1, 8.7, 3.0, 0.9, 0.3};
    static const double up_f[] = {91.7, 6.2, 1.7, 0.4, 0.1};
    check_bins("1A010000000191111", up_e, 5, up_m, up_f);
    /* every measured value in its plausible range (formats.md §4.5) */
    for (int i = 0; i < nrows; i++) {
        const ckrow *r = &rows[i];
        assert_true(r->v[item("9A761000000000001")] < r->v[item("9A751000000000001")]);
        double h = r->v[item("9N001000000000001")] / 100, w = r->v[item("9N006000000000001")];
        assert_true(fabs(w / (h * h) - r->v[item("9N011000000000001")]) < 0.11);
        /* eligible by age at the end of the FY: 39 at the checkup if 40 by 31 March */
        assert_true(r->age >= 39 && r->age <= 74);
    }
}

/* By age band the distributions move as in the NDB tables: between 40-49 and 65-74 the share
 * with HbA1c >= 6.5 rises by 9-13 points (men) and 5-7 (women), SBP >= 140 by 12-19. Bands of
 * about 800 examinees give a standard error near 1.5 points; the bounds ask for half the rise. */
static double share_at(int sex, int lo, int hi, const char *cd, double cut)
{
    int it = item(cd), n = 0, k = 0;
    for (int i = 0; i < nrows; i++)
        if (rows[i].sex == sex && rows[i].age >= lo && rows[i].age <= hi) {
            n++;
            k += rows[i].v[it] >= cut;
        }
    return n ? (double)k / n : 0;
}

static void test_age_trends(void **state)
{
    (void)state;
    for (int sx = 1; sx <= 2; sx++) {
        double a1 = share_at(sx, 40, 49, "3D046000001906202", 6.5);
        double a2 = share_at(sx, 65, 74, "3D046000001906202", 6.5);
        double s1 = share_at(sx, 40, 49, "9A751000000000001", 140);
        double s2 = share_at(sx, 65, 74, "9A751000000000001", 140);
        printf("# sex %d: HbA1c>=6.5 %.3f -> %.3f, SBP>=140 %.3f -> %.3f\n", sx, a1, a2, s1, s2);
        assert_true(a2 - a1 > (sx == 1 ? 0.045 : 0.025));
        assert_true(s2 - s1 > 0.06);
    }
}

static double corr(const char *a, const char *b)
{
    int ia = item(a), ib = item(b);
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    int n = 0;
    for (int i = 0; i < nrows; i++) {
        double x = rows[i].v[ia], y = rows[i].v[ib];
        sa += x, sb += y, saa += x * x, sbb += y * y, sab += x * y, n++;
    }
    double cov = sab / n - sa / n * sb / n;
    return cov / sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
}

static void test_correlations(void **state)
{
    (void)state;
    /* signs and rough strengths as in life; at n > 5000 the standard error is about 0.014 */
    assert_true(corr("9N011000000000001", "9N016160100000001") > 0.8); /* BMI, waist */
    double bs = corr("9N011000000000001", "9A751000000000001");        /* BMI, SBP */
    assert_true(bs > 0.15 && bs < 0.5);
    assert_true(corr("3F015000002327101", "3F070000002327101") < -0.25); /* TG, HDL */
    assert_true(corr("3D046000001906202", "3D010000002227101") > 0.6);   /* HbA1c, FPG */
    assert_true(corr("3B045000002327201", "3B035000002327201") > 0.6);   /* ALT, AST */
    assert_true(corr("9A751000000000001", "9A761000000000001") > 0.5);   /* SBP, DBP */
}

static void test_rules_applied_and_treated(void **state)
{
    (void)state;
    const hg_ck_thresholds *t = &checkup_model()->th;
    int a1c = item("3D046000001906202"), med2 = item("9N706000000000011");
    double treated = 0, untreated = 0;
    int nt = 0, nu = 0, eligible = 0, guided = 0;
    for (int i = 0; i < nrows; i++) {
        const ckrow *r = &rows[i];
        hg_ck_values x;
        hg_ck_answers a;
        memset(&x, 0, sizeof x);
        memset(&a, 0, sizeof a);
        x.waist = r->v[item("9N016160100000001")];
        x.v[CK_BMI] = r->v[item("9N011000000000001")];
        x.fpg = r->v[item("3D010000002227101")];
        x.v[CK_HBA1C] = r->v[a1c];
        x.v[CK_TG] = r->v[item("3F015000002327101")];
        x.v[CK_HDL] = r->v[item("3F070000002327101")];
        x.v[CK_SBP] = r->v[item("9A751000000000001")];
        x.dbp = r->v[item("9A761000000000001")];
        a.smoking = (int)r->v[item("9N736000000000011")];
        a.meds[0] = (int)r->v[item("9N701000000000011")];
        a.meds[1] = (int)r->v[med2];
        a.meds[2] = (int)r->v[item("9N711000000000011")];
        /* 保健指導レベル and メタボ判定 are exactly the rules applied to the values */
        int level = (int)r->v[item("9N506000000000011")];
        assert_int_equal(level, hg_ck_level(t, r->sex, r->age, &x, &a));
        assert_int_equal((int)r->v[item("9N501000000000011")], hg_ck_metabo(t, r->sex, &x));
        if (a.meds[1] == 1)
            treated += r->v[a1c], nt++;
        else
            untreated += r->v[a1c], nu++;
        eligible += level <= 2;
        guided += r->guided;
        assert_true(!r->guided || level <= 2); /* guidance only for those assigned it */
    }
    /* a treated diabetic still has a raised HbA1c */
    assert_true(nt > 50);
    assert_true(treated / nt > 6.5);
    assert_true(treated / nt > untreated / nu + 0.8);
    /* eligible for guidance: 17.3 % of examinees nationally (calibration §5.1); the model sits
     * higher (no public waist distribution to fit), so the bound is loose: 10-30 % */
    double e = (double)eligible / nrows;
    printf("# eligible for guidance %.3f, started %.3f of them\n", e, (double)guided / eligible);
    assert_true(e > 0.10 && e < 0.30);
    /* uptake 30 %, less those whose first contact falls after the period */
    assert_true((double)guided / eligible > 0.12 && (double)guided / eligible < 0.32);
}

/* 服薬1-3 = はい exactly when the person has drug claims of the class within the window. */
static void test_medication_answers(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    const hg_checkup_model *ck = checkup_model();
    /* the drugs of each class: the products of its conditions' drug groups */
    hg_mtab *med = (hg_mtab *)&m->medicine;
    int *cls = calloc((size_t)med->nrows, sizeof *cls);
    for (int c = 0; c < 3; c++)
        for (int i = 0; i < ck->ncls[c]; i++) {
            const hg_condition *cd = &m->conds[ck->cls[c][i]];
            for (int gi = cd->grp_first; gi < cd->grp_first + cd->ngrp; gi++)
                for (int k = 0; k < m->groups[gi].n; k++)
                    cls[m->products[m->groups[gi].first + k].med_row] |= 1 << c;
        }
    /* person × month → classes claimed (院内 on 医科 IY, 院外 on 調剤 IY, a DPC stay's drugs on
     * its IY (出来高: the discharge prescription) or in its coding data (包括)) */
    enum { MONTHS = 12 };
    unsigned char *claimed = calloc((size_t)P * MONTHS, 1);
    const char *tables[] = {"tnds_t_rcp_med_iy", "tnds_t_rcp_pha_iy", "tnds_t_rcp_dpc_iy",
                            "tnds_t_rcp_dpc_cd"};
    hg_diag d;
    hg_diag_init(&d, stderr);
    char dir[600];
    snprintf(dir, sizeof dir, "%s/ck", tmp);
    tu_rcpts rc = {0};
    tu_rcpts_add(&rc, dir, "tnds_t_rcp_med_re");
    tu_rcpts_add(&rc, dir, "tnds_t_rcp_pha_re");
    tu_rcpts_add(&rc, dir, "tnds_t_rcp_dpc_re");
    for (int t = 0; t < 4; t++) {
        char path[600];
        snprintf(path, sizeof path, "%s/ck/%s.csv", tmp, tables[t]);
        hg_csv c;
        assert_int_equal(hg_csv_open(&c, path, NULL, &d), 0);
        hg_csv_next(&c, &d);
        int cs = -1, cm = -1;
        for (int i = 0; i < c.nfields; i++) {
            if (!strcmp(c.fields[i], "seq2_no")) cs = i;
            if (!strcmp(c.fields[i], "medicine_cd") || !strcmp(c.fields[i], "rcpt_comp_sys_rec"))
                cm = i;
        }
        while (hg_csv_next(&c, &d) == 1) {
            const tu_rcpt *rp = tu_rcpts_find(&rc, c.fields[cs]);
            assert_non_null(rp);
            int mi = (rp->ym / 100 - 2022) * 12 + rp->ym % 100 - 4;
            int row = hg_mtab_find(med, c.fields[cm]); /* coding data: acts are not drugs */
            if (row >= 0) claimed[rp->person * MONTHS + (unsigned)mi] |= (unsigned char)cls[row];
        }
        hg_csv_close(&c);
    }
    tu_rcpts_free(&rc);
    hg_diag_free(&d);
    static const char *const q[] = {"9N701000000000011", "9N706000000000011", "9N711000000000011"};
    int yes = 0;
    for (int i = 0; i < nrows; i++) {
        const ckrow *r = &rows[i];
        int mi = (r->ym / 100 - 2022) * 12 + r->ym % 100 - 4;
        for (int c = 0; c < 3; c++) {
            int any = 0;
            for (int k = mi - ck->window; k <= mi + ck->window; k++)
                if (k >= 0 && k < MONTHS && (claimed[r->person * MONTHS + (unsigned)k] & (1 << c)))
                    any = 1;
            int ans = (int)r->v[item(q[c])];
            if (ans != (any ? 1 : 2)) {
                print_error("checkup %s: 服薬%d = %d but claims say %d\n", r->key, c + 1, ans, any);
                fail();
            }
            yes += ans == 1;
        }
    }
    assert_true(yes > 100);
    free(claimed);
    free(cls);
}

/* Examinees per eligible person by insurer type (calibration §5.1 FY2021, times the sex
 * factors). Eligibility is counted on 1 October, mid fiscal year; the checkup's own date moves a
 * few people between types, hence 5 points of tolerance beside a sampling error of about 1. */
static void test_participation(void **state)
{
    (void)state;
    const hg_checkup_model *ck = checkup_model();
    hg_period per;
    hg_period_init(&per, 202204, 12, 100000);
    gsl_rng *r = hg_rng_alloc();
    hg_person *p = calloc(1, sizeof *p);
    double expect[HG_NINS] = {0};
    int eligible[HG_NINS] = {0}, seen[HG_NINS] = {0};
    int8_t *type_of = calloc(P, 1);
    for (uint64_t i = 0; i < P; i++) {
        hg_person_sim(&g.model, &per, 21, i, r, p);
        int age = hg_age(p->birth, 20230331);
        const hg_spell *sp = hg_person_spell(p, 20221001);
        type_of[i] = -1;
        if (!sp || age < 40 || age > 74 || (p->death && p->death < 20221001)) continue;
        type_of[i] = (int8_t)sp->type;
        eligible[sp->type]++;
        expect[sp->type] += ck->part[sp->type] * ck->sex_factor[p->sex];
    }
    for (int i = 0; i < nrows; i++)
        if (type_of[rows[i].person] >= 0) seen[type_of[rows[i].person]]++;
    static const int types[] = {HG_INS_KOKUHO, HG_INS_KYOKAI, HG_INS_KUMIAI, HG_INS_KYOSAI};
    for (int k = 0; k < 4; k++) {
        int t = types[k];
        double got = (double)seen[t] / eligible[t], want = expect[t] / eligible[t];
        printf("# participation %s: %.3f (model %.3f, n=%d)\n", hg_ins_names[t], got, want,
               eligible[t]);
        assert_true(fabs(got - want) < 0.05);
    }
    free(type_of);
    hg_person_free(p);
    free(p);
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_marginals),
        cmocka_unit_test(test_correlations),
        cmocka_unit_test(test_age_trends),
        cmocka_unit_test(test_rules_applied_and_treated),
        cmocka_unit_test(test_medication_answers),
        cmocka_unit_test(test_participation),
    };
    return cmocka_run_group_tests_name("checkup", tests, setup, teardown);
}
