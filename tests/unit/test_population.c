/* Unit tests: population marginals against their targets, insurance rules, hashed ids,
 * conditions. Tolerances are 4 standard errors of the estimate at the sample size used
 * (fixed seed), so a correct model passes and a wrong share by a few points fails. */
#include <ctype.h>
#include <math.h>
#include "hicgen/date.h"
#include "hicgen/deaths.h"
#include "hicgen/engine.h"
#include "hicgen/person.h"
#include "hicgen/rng.h"
#include "families/claims.h"
#include "testutil.h"

#define N 30000
TU_PEOPLE_FIXTURE(N, 20221001)

static void test_sex_and_age(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    double tot = 0, male = 0;
    const hg_band_rates *pyr = &m->pp.pyramid;
    for (int b = 0; b < pyr->n; b++) tot += pyr->m[b] + pyr->f[b], male += pyr->m[b];
    /* the persons of the first day follow the pyramid; the others are born during the period,
     * as many as its births (population.yaml births), after its first day */
    int nm = 0, n0 = 0, born = 0, born_m = 0;
    int count[64] = {0};
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        if (p->birth > per.start) {
            born++;
            born_m += p->sex == HG_SEX_M;
            assert_true(p->birth <= per.end);
            /* insured from birth, with nothing before it */
            assert_int_equal(p->spells[0].from, p->birth);
            assert_int_equal(p->nstays && p->stays[0].admit <= p->birth / 100 * 100 + 31, 0);
            for (int k = 0; k < g.model.nconds; k++)
                assert_true(!p->conds[k].onset || p->conds[k].onset > p->birth);
            continue;
        }
        n0++;
        nm += p->sex == HG_SEX_M;
        int age = hg_age(p->birth, per.start);
        int b = 0;
        while (b + 1 < pyr->n && pyr->from[b + 1] <= age) b++;
        count[b]++;
        assert_true(age >= 0 && age < 110);
    }
    TU_ASSERT_PROPORTION(born, N, m->pp.births_per_1000 / 1000 * per.months / 12, 4);
    TU_ASSERT_PROPORTION(born_m, born, m->pp.births_male_share, 4);
    TU_ASSERT_PROPORTION(nm, n0, male / tot, 4);
    for (int b = 0; b < pyr->n; b++)
        TU_ASSERT_PROPORTION(count[b], n0, (pyr->m[b] + pyr->f[b]) / tot, 4);
}

static void test_prefectures(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    double tot = 0, tokyo = 0;
    for (int i = 0; i < m->pp.npref; i++) {
        tot += m->pp.prefs[i][1];
        if (m->pref_code[i] == 13) tokyo = m->pp.prefs[i][1];
    }
    int n13 = 0, bad = 0;
    for (int i = 0; i < N; i++) {
        n13 += people[i].pref == 13;
        bad += people[i].pref < 1 || people[i].pref > 47;
    }
    assert_int_equal(bad, 0);
    TU_ASSERT_PROPORTION(n13, N, tokyo / tot, 4);
}

static int ins_band(int age)
{
    return age < 20 ? 0 : age < 65 ? 1 : age < 75 ? 2 : 3;
}

static void test_insurers_by_age(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    int n[4] = {0}, k[4][HG_NINS] = {{0}};
    for (int i = 0; i < N; i++) {
        int age = hg_age(people[i].birth, per.start);
        int b = ins_band(age);
        n[b]++;
        k[b][people[i].spells[0].type]++;
    }
    for (int b = 0; b < 4; b++)
        for (int t = 0; t < HG_NINS; t++)
            TU_ASSERT_PROPORTION(k[b][t], n[b], m->pp.ins_share[b][t], 4);
    assert_int_equal(k[3][HG_INS_KYOKAI] + k[3][HG_INS_KOKUHO] + k[3][HG_INS_KUMIAI], 0);
    assert_int_equal(k[0][HG_INS_KOUKI] + k[1][HG_INS_KOUKI] + k[2][HG_INS_KOUKI], 0);
}

static int all_digits(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return 0;
    return 1;
}

static int is_hex64(const char *s)
{
    if (strlen(s) != 64) return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s) && !(*s >= 'a' && *s <= 'f')) return 0;
    return 1;
}

static void test_insurer_numbers_and_ids(void **state)
{
    (void)state;
    int changes = 0, to_kouki = 0, renamed = 0;
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        assert_true(is_hex64(p->id5));
        if (i) assert_string_not_equal(p->id5, people[i - 1].id5);
        for (int s = 0; s < p->nspells; s++) {
            const hg_spell *sp = &p->spells[s];
            const char *no = sp->type == HG_INS_SEIHO ? sp->defrayer : sp->insurer_no;
            assert_true(all_digits(no));
            size_t len = strlen(no);
            assert_int_equal(len, sp->type == HG_INS_KOKUHO ? 6 : 8);
            char base[8];
            memcpy(base, no, len - 1);
            base[len - 1] = '\0';
            assert_int_equal(hg_insurer_check_digit(base), no[len - 1] - '0');
            static const char *const prefix[] = {NULL, "01", "06", "3", "39", "12"};
            if (prefix[sp->type])
                assert_memory_equal(no, prefix[sp->type], strlen(prefix[sp->type]));
            assert_true(is_hex64(sp->id1) && is_hex64(sp->id1n));
            if (s > 0) {
                changes++;
                /* a new insurer or card gives a new id1 */
                assert_string_not_equal(sp->id1, p->spells[s - 1].id1);
                assert_true(sp->from > p->spells[s - 1].from);
                assert_int_equal(hg_days(p->spells[s - 1].to) + 1, hg_days(sp->from));
                if (sp->type == HG_INS_KOUKI) {
                    to_kouki++;
                    assert_int_equal(hg_age(p->birth, sp->from), 75); /* from the 75th birthday */
                }
            }
        }
        for (int k = 1; k < p->nnames; k++) {
            renamed++;
            assert_string_not_equal(p->names[k].id2, p->names[k - 1].id2);
            assert_int_equal(p->sex, HG_SEX_F);
        }
    }
    assert_true(changes > 0 && to_kouki > 0 && renamed > 0);
}

static void test_copay(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    int k20_before = 0, k20_after = 0;
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        if (p->birth > per.start) continue; /* born during the period */
        const hg_spell *s = hg_person_spell(p, per.start);
        assert_non_null(s);
        int age = hg_age(p->birth, per.start);
        int c = hg_person_copay(m, p, s, per.start);
        if (s->type == HG_INS_SEIHO)
            assert_int_equal(c, 0);
        else if (s->type == HG_INS_KOUKI) {
            /* 2割 only from 2022-10 (the period starts 2022-04): 1割 before */
            assert_true(c == 10 || c == 30);
            int later = hg_person_copay(m, p, s, 20221001);
            k20_before += c == 20, k20_after += later == 20;
        } else if (age < 6)
            assert_int_equal(c, 20);
        else if (age < 70)
            /* 未就学 lasts to the March after the 6th birthday */
            assert_int_equal(c, hg_preschool(p->birth, per.start) ? 20 : 30);
        else if (age >= 71)
            assert_true(c == 20 || c == 30);
    }
    assert_int_equal(k20_before, 0);
    assert_true(k20_after > 0);
    /* the 未就学 boundary: born 2015-04-02 → school from 2022-04 (preschool to 2022-03-31);
     * born 2015-04-01 reaches 6 on 2021-03-31 → school a year earlier (legal age counting) */
    assert_true(hg_preschool(20150402, 20220331));
    assert_false(hg_preschool(20150402, 20220401));
    assert_true(hg_preschool(20150401, 20210331));
    assert_false(hg_preschool(20150401, 20210401));
    assert_true(hg_preschool(20160229, 20220331));
    assert_false(hg_preschool(20160301, 20220401));
}

/* 高額療養費: the co-payment capped at the 所得区分's monthly limit (population.yaml kougaku),
 * with its 特記事項 and 標準負担額区分; worked examples of the 2018-08 tables. */
static void test_high_cost_cap(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    hg_person p;
    memset(&p, 0, sizeof p);
    hg_spell s;
    memset(&s, 0, sizeof s);
    s.type = HG_INS_KYOKAI;
    hg_cost c;
    /* 45, 区分ウ (u in the ウ share: ア 0.02, イ 0.06, ウ 0.55): 1,000,000 yen of care */
    p.birth = 19770101;
    p.income_u = 0.5;
    hg_patient_cost(m, &p, &s, 20220615, 1, 100000, &c);
    assert_int_equal(c.burden, 80100 + (1000000 - 267000) / 100);
    assert_string_equal(c.tokki, "28");
    assert_string_equal(c.std_burd, "");
    /* the same person with 10,000 yen of outpatient care: 3割, no cap, no 特記事項 */
    hg_patient_cost(m, &p, &s, 20220615, 0, 1000, &c);
    assert_int_equal(c.burden, 3000);
    assert_string_equal(c.tokki, "");
    /* 区分オ (the last 7 %): 35,400 yen and 標準負担額区分 1 when admitted */
    p.income_u = 0.99;
    hg_patient_cost(m, &p, &s, 20220615, 1, 50000, &c);
    assert_int_equal(c.burden, 35400);
    assert_string_equal(c.tokki, "30");
    assert_string_equal(c.std_burd, "1");
    /* 80, 後期 一般 (1割, u in the 一般 share): outpatient 100,000 yen → 10,000, under the
     * 18,000 cap; 300,000 yen → 18,000, 特記事項 区エ before 2022-10, 区キ after */
    s.type = HG_INS_KOUKI;
    p.birth = 19420101;
    p.kouki_copay = 10;
    p.income_u = 0.3;
    hg_patient_cost(m, &p, &s, 20220615, 0, 10000, &c);
    assert_int_equal(c.burden, 10000);
    hg_patient_cost(m, &p, &s, 20220615, 0, 30000, &c);
    assert_int_equal(c.burden, 18000);
    assert_string_equal(c.tokki, "29");
    hg_patient_cost(m, &p, &s, 20221115, 0, 30000, &c);
    assert_string_equal(c.tokki, "42");
    /* 後期 2割 from 2022-10: 区カ; 低所得Ⅰ admitted: 15,000 yen, 標準負担額区分 3 */
    p.kouki_copay = 20;
    hg_patient_cost(m, &p, &s, 20221115, 0, 30000, &c);
    assert_string_equal(c.tokki, "41");
    /* 配慮措置 (2022-10 to 2025-09): 50,000 yen of outpatient care costs a 2割 patient the
     * 1割 5,000 plus at most 3,000, not 10,000; not when admitted, and not after 2025-09 */
    hg_patient_cost(m, &p, &s, 20221115, 0, 5000, &c);
    assert_int_equal(c.burden, 8000);
    hg_patient_cost(m, &p, &s, 20221115, 0, 1000, &c);
    assert_int_equal(c.burden, 2000);
    hg_patient_cost(m, &p, &s, 20251015, 0, 5000, &c);
    assert_int_equal(c.burden, 10000);
    hg_patient_cost(m, &p, &s, 20221115, 1, 5000, &c);
    assert_int_equal(c.burden, 10000);
    p.income_u = 0.95;
    hg_patient_cost(m, &p, &s, 20221115, 1, 30000, &c);
    assert_int_equal(c.burden, 15000);
    assert_string_equal(c.std_burd, "3");
    /* 生活保護: nothing to pay */
    s.type = HG_INS_SEIHO;
    hg_patient_cost(m, &p, &s, 20221115, 1, 30000, &c);
    assert_int_equal(c.burden, 0);
}

/* The programme row of a 法別番号 (population.yaml insurance.kohi). */
static int prog_of(const hg_model *m, int houbetsu)
{
    for (int i = 0; i < m->pp.nkohi; i++)
        if ((int)m->pp.kohi[i][0] == houbetsu) return i;
    fail_msg("no 公費 programme %d", houbetsu);
    return -1;
}

/* 公費: the payers of a receipt in their order, 負担区分 and レセプト種別 digit, worked examples
 * of what a 公費 pays, 公費負担者番号, and who holds a certificate (share of patients). */
static void test_kohi(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    int p21 = prog_of(m, 21), p54 = prog_of(m, 54), p88 = prog_of(m, 88), p12 = prog_of(m, 12);
    hg_spell s;
    memset(&s, 0, sizeof s);
    s.type = HG_INS_KYOKAI;
    hg_payers py;
    /* 精神通院 before the local subsidy (記載要領 order), whatever the bit order */
    hg_payers_of(m, &s, 1u << p88 | 1u << p21, &py);
    assert_int_equal(py.ins, 1);
    assert_int_equal(py.n, 2);
    assert_int_equal(py.prog[0], p21);
    assert_int_equal(py.prog[1], p88);
    assert_int_equal(hg_payers_digit(&py), '3');
    assert_string_equal(hg_burd_div(&py, 0), "1");
    assert_string_equal(hg_burd_div(&py, 1u << p21), "2");
    assert_string_equal(hg_burd_div(&py, 1u << p88), "3");
    assert_string_equal(hg_burd_div(&py, 1u << p21 | 1u << p88), "4");
    hg_payers_of(m, &s, 0, &py);
    assert_int_equal(hg_payers_digit(&py), '1');
    /* 生活保護 with 精神通院: 公費単独 2併, 生保 last; it stays when a third 公費 is left off */
    s.type = HG_INS_SEIHO;
    hg_payers_of(m, &s, 1u << p12 | 1u << p21, &py);
    assert_int_equal(py.ins, 0);
    assert_int_equal(py.prog[0], p21);
    assert_int_equal(py.prog[1], p12);
    assert_int_equal(hg_payers_digit(&py), '2');
    assert_string_equal(hg_burd_div(&py, 1u << p12), "6");
    assert_string_equal(hg_burd_div(&py, 1u << p12 | 1u << p21), "7");
    hg_payers_of(m, &s, 1u << p12 | 1u << p21 | 1u << p54, &py);
    assert_int_equal(py.n, 2);
    assert_int_equal(py.prog[1], p12);
    /* what 精神通院 pays: a 45-year-old at 3割 (区分ウ) */
    s.type = HG_INS_KYOKAI;
    hg_person p;
    memset(&p, 0, sizeof p);
    p.birth = 19770101;
    p.income_u = 0.5;
    p.pref = 13;
    hg_payers_of(m, &s, 1u << p21, &py);
    hg_ko_amount a[HG_MAX_KOHI];
    int64_t cov[HG_MAX_KOHI] = {1633, 0}, first[HG_MAX_KOHI] = {1633, 0};
    /* 2,000 points on the receipt, 1,633 of them psychiatric: 3割 of those 4,900 yen, of
     * which the patient pays 1割 (1,630) and 精神通院 the rest */
    hg_ko_amounts(m, &p, &s, &py, 20220615, hg_burden(2000, 30), cov, first, a);
    assert_int_equal(a[0].patient, 1630);
    assert_int_equal(a[0].pub, 3270);
    /* 20,000 points: 1割 is 20,000 yen, capped at the monthly 5,000 */
    cov[0] = first[0] = 20000;
    hg_ko_amounts(m, &p, &s, &py, 20220615, hg_burden(20000, 30), cov, first, a);
    assert_int_equal(a[0].patient, 5000);
    assert_int_equal(a[0].pub, 60000 - 5000);
    /* 生活保護 with 精神通院: 精神通院 pays the lines it covers in full, 生保 the others */
    s.type = HG_INS_SEIHO;
    hg_payers_of(m, &s, 1u << p12 | 1u << p21, &py);
    int64_t cov2[HG_MAX_KOHI] = {700, 1000}, first2[HG_MAX_KOHI] = {700, 300};
    hg_ko_amounts(m, &p, &s, &py, 20220615, 0, cov2, first2, a);
    assert_int_equal(a[0].pub, 7000);
    assert_int_equal(a[1].pub, 3000);
    assert_int_equal(a[0].patient + a[1].patient, 0);
    /* 公費負担者番号: 法別, prefecture, 実施機関, a valid check digit */
    s.type = HG_INS_KYOKAI;
    char no[9];
    hg_kohi_defrayer(m, &p, &s, p54, no);
    assert_int_equal(strlen(no), 8);
    assert_memory_equal(no, "5413001", 7);
    assert_int_equal(no[7] - '0', hg_insurer_check_digit("5413001"));
    /* the local subsidy: until the March after the 15th birthday */
    assert_true(hg_school_year_until(20070402, 15, 20230331));
    assert_false(hg_school_year_until(20070402, 15, 20230401));
    assert_false(hg_school_year_until(20070401, 15, 20220401));
    /* certificates: among the persons with 統合失調症 on a day, the share holding 精神通院 is
     * the uptake of condition_kohi.csv (4 standard errors) */
    int k = hg_model_cond(m, "SCHIZO");
    assert_true(k >= 0 && m->conds[k].kohi == p21);
    int n = 0, held = 0;
    int32_t day = 20221001;
    for (int i = 0; i < N; i++) {
        const hg_person *q = &people[i];
        const hg_spell *qs = hg_person_spell(q, day);
        if (!qs || qs->type == HG_INS_SEIHO || !hg_person_has(q, k, day)) continue;
        n++;
        held += (hg_kohi_of(m, 1, q, qs, k, day, HG_CARE_OUT) >> p21) & 1u;
        /* never for inpatient care, nor for a condition without a programme */
        assert_false((hg_kohi_of(m, 1, q, qs, k, day, HG_CARE_IN) >> p21) & 1u);
        assert_false((hg_kohi_of(m, 1, q, qs, -1, day, HG_CARE_OUT) >> p21) & 1u);
    }
    assert_true(n >= 30);
    TU_ASSERT_PROPORTION(held, n, m->conds[k].kohi_uptake, 4);
}

/* Institutions are sized to the dataset: a prefecture has those of its share of the dataset's
 * persons at the national rate (at least one), and the clinics of each department are
 * numbered consecutively without overlap. */
static void test_institutions(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    hg_period big, small;
    hg_period_init(&big, 202204, 12, 124947000);
    hg_period_init(&small, 202204, 12, 1000);
    /* the whole country: 東京都 (about 11 % of the population) has about 11,000 clinics and
     * 900 hospitals; all prefectures together the national totals */
    int tokyo = hg_inst_count(m, &big, 13, m->pp.clinics_per_100k);
    assert_true(tokyo > 9000 && tokyo < 14000);
    long clinics = 0, hospitals = 0;
    for (int pref = 1; pref <= 47; pref++) {
        clinics += hg_inst_count(m, &big, pref, m->pp.clinics_per_100k);
        hospitals += hg_inst_count(m, &big, pref, m->pp.hospitals_per_100k);
        assert_int_equal(hg_inst_count(m, &small, pref, m->pp.hospitals_per_100k), 1);
    }
    assert_true(labs(clinics - 105182) < 105182 / 100);
    assert_true(labs(hospitals - 8156) < 8156 / 100);
    /* department ranges: consecutive, disjoint, within the prefecture's clinics */
    int next = 1, first, total = 0;
    for (int i = 0; i < m->pp.nclinic_depts; i++) {
        int n = hg_clinic_range(m, &big, 13, (int)m->pp.clinic_depts[i][0], &first);
        assert_int_equal(first, next);
        assert_true(n >= 1);
        assert_true(fabs(n - tokyo * m->pp.clinic_depts[i][1]) <= 1);
        next += n;
        total += n;
    }
    assert_true(total <= tokyo);
    /* a person's clinic of a department lies in that department's range */
    for (int i = 0; i < 200; i++) {
        const hg_person *p = &people[i];
        int n = hg_clinic_range(m, &per, p->pref, 26, &first), c = hg_person_clinic(m, &per, p, 26);
        assert_true(c >= first && c < first + n);
        n = hg_clinic_range(m, &per, p->pref, m->pp.internal_dept, &first);
        assert_true(p->home_clinic >= first && p->home_clinic < first + n);
    }
}

static void test_conditions(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    int ht = -1;
    for (int k = 0; k < m->nconds; k++)
        if (!strcmp(m->conds[k].id, "HT")) ht = k;
    assert_true(ht >= 0);
    int n = 0, has = 0;
    double expect = 0;
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        for (int k = 0; k < m->nconds; k++) {
            if (!p->conds[k].onset) continue;
            const hg_condition *c = &m->conds[k];
            /* never in an impossible sex or age */
            assert_true(!c->sex || c->sex == p->sex);
            assert_true(hg_age(p->birth, p->conds[k].onset) >= c->min_age - 1);
            assert_true(!p->death || p->conds[k].onset <= p->death);
        }
        for (int e = 0; e < p->nepisodes; e++) {
            const hg_condition *c = &m->conds[p->episodes[e].cond];
            assert_true(!c->sex || c->sex == p->sex);
            assert_true(!p->death || p->episodes[e].date <= p->death);
        }
        int age = hg_age(p->birth, per.start);
        if (p->sex == HG_SEX_M && age >= 60 && age < 70) {
            n++;
            has += p->conds[ht].onset && p->conds[ht].onset < per.start;
            expect += hg_band_rate(&m->conds[ht].rates, HG_SEX_M, age);
        }
    }
    /* prevalence at the start equals the rate table (averaged over the ages seen) despite the
     * metabolic copula */
    TU_ASSERT_PROPORTION(has, n, expect / n, 4);
}

static void test_metabolic_clustering(void **state)
{
    (void)state;
    /* conditions sharing the metabolic factor co-occur more often than independence says */
    const hg_model *m = &g.model;
    int ht = -1, dm = -1;
    for (int k = 0; k < m->nconds; k++) {
        if (!strcmp(m->conds[k].id, "HT")) ht = k;
        if (!strcmp(m->conds[k].id, "T2DM")) dm = k;
    }
    int n = 0, a = 0, b = 0, both = 0;
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        int age = hg_age(p->birth, per.start);
        if (age < 50 || age >= 75) continue;
        n++;
        int x = p->conds[ht].onset && p->conds[ht].onset < per.start;
        int y = p->conds[dm].onset && p->conds[dm].onset < per.start;
        a += x, b += y, both += x && y;
    }
    double expected = (double)a * b / n;
    assert_true(both > expected * 1.3);
}

static void test_stays_and_death(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    int deaths = 0, in_hosp = 0, causes[64] = {0};
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        int died_stays = 0;
        for (int s = 0; s < p->nstays; s++) {
            const hg_stay *st = &p->stays[s];
            assert_true(st->admit <= st->discharge);
            assert_true(!p->death || st->discharge <= p->death);
            for (int t = 0; t < s; t++) /* stays never overlap */
                assert_true(st->admit > p->stays[t].discharge || st->discharge < p->stays[t].admit);
            if (!st->died) continue;
            /* a death ends a stay of its cause, or a long-stay ward's (never a cataract's) */
            died_stays++;
            assert_int_equal(st->discharge, p->death);
            assert_true(hg_death_in_stay_of(m, p->death_cause, st->cond) ||
                        m->conds[st->cond].los_mean >= m->pp.death_long_stay_days);
        }
        if (p->death) {
            deaths++;
            assert_true(p->death >= per.start && p->death <= per.end);
            assert_int_equal(p->spells[p->nspells - 1].to, p->death);
            assert_true(p->death_cause >= 0 && p->death_cause < m->ndcauses);
            assert_int_equal(died_stays == 1, p->death_hospital);
            assert_true(p->death_hospital == (p->death_place == HG_DPLACE_HOSPITAL));
            in_hosp += p->death_hospital;
            causes[p->death_cause]++;
        } else {
            assert_int_equal(p->death_cause, -1);
            assert_int_equal(died_stays, 0);
        }
    }
    /* crude death rate ~13 per 1,000 a year (人口動態統計 2022: 12.9) */
    assert_true(deaths > N * 0.010 && deaths < N * 0.016);
    /* about two in three in hospital (death_places.csv: 0.62-0.72 from 65 to 94) */
    TU_ASSERT_PROPORTION(in_hosp, deaths, 0.66, 4);
    /* cancer, the first cause (24.6 %: 人口動態統計 2022) */
    int cancer = -1;
    for (int c = 0; c < m->ndcauses; c++)
        if (!strcmp(m->dcauses[c].id, "CANCER")) cancer = c;
    assert_true(cancer >= 0);
    TU_ASSERT_PROPORTION(causes[cancer], deaths, 0.246, 4);
}

/* A chronic condition's admissions scale with population.yaml conditions.admission_age_factor:
 * at 0 for every age, nobody is admitted for a chronic condition or cancer (stays of such a
 * condition are then only the final stays of a death); at the project's factors, many are. The
 * same persons are drawn again (same seed) with the factor changed, and then restored. */
static void test_admission_age_factor(void **state)
{
    (void)state;
    hg_band_rates keep = g.model.pp.admit_age;
    int n = 5000, chronic = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            for (int b = 0; b < g.model.pp.admit_age.n; b++)
                g.model.pp.admit_age.m[b] = g.model.pp.admit_age.f[b] = 0;
        hg_person *ps = tu_people(&g, &per, n, 20221001);
        for (int i = 0; i < n; i++)
            for (int s = 0; s < ps[i].nstays; s++) {
                const hg_stay *st = &ps[i].stays[s];
                if (g.model.conds[st->cond].kind == HG_COND_ACUTE || st->episode >= 0) continue;
                if (pass == 1)
                    assert_int_equal(st->discharge, ps[i].death);
                else
                    chronic++;
            }
        tu_people_free(ps, n);
    }
    g.model.pp.admit_age = keep;
    /* 5,000 persons, a year: chronic-condition admissions are several hundred */
    assert_true(chronic > 100);
}

/* An operated stay's length comes from its procedure (stay_procedures.csv los_mean, the national
 * mean stay of its DPC code), not from the condition's shorter average (sim/stays.c): the stays
 * planned with such a procedure (the last of a person's, which no next stay cuts) average
 * 1 + floor(gamma(2, L / 2)), about L + 0.5 days, within 4 standard errors (the gamma's sd is
 * L / sqrt 2); those conditions' operated stays are longer than their others (the procedures'
 * means exceed the conditions' by design: tools/masters/stay_lengths.py); and such a stay lasts
 * past its operation day. */
static void test_operated_stay_length(void **state)
{
    (void)state;
    const hg_model *m = &g.model;
    double sum = 0, expect = 0, var = 0, op_days = 0, other_days = 0;
    int n = 0, n_op = 0, n_other = 0;
    int *has_los = calloc((size_t)m->nconds, sizeof *has_los);
    for (int i = 0; i < m->nsprocs; i++)
        if (m->sprocs[i].los_mean > 0) has_los[m->sprocs[i].cond] = 1;
    for (int i = 0; i < N; i++) {
        const hg_person *p = &people[i];
        for (int s = 0; s < p->nstays; s++) {
            const hg_stay *st = &p->stays[s];
            int days = hg_days(st->discharge) - hg_days(st->admit) + 1;
            const hg_sproc *sp = NULL;
            for (int k = 0; k < st->nproc; k++) {
                const hg_sproc *x = &m->sprocs[st->proc[k]];
                assert_int_equal(x->cond, st->cond);
                if (x->los_mean > 0 && !sp) sp = x;
            }
            if (st->died || st->admit < per.start || (p->death && st->discharge >= p->death - 1))
                continue;
            if (sp) assert_true(days > sp->day_from);
            if (has_los[st->cond]) {
                /* days over the condition's own mean stay */
                double ratio = days / (m->conds[st->cond].los_mean + 0.5);
                if (sp)
                    op_days += ratio, n_op++;
                else
                    other_days += ratio, n_other++;
            }
            if (!sp || s + 1 < p->nstays) continue; /* the next stay may cut it */
            sum += days;
            expect += sp->los_mean + 0.5;
            var += sp->los_mean * sp->los_mean / 2;
            n++;
        }
    }
    free(has_los);
    assert_true(n > 100);
    assert_true(fabs(sum - expect) < 4 * sqrt(var));
    assert_true(n_op > 100 && n_other > 100);
    /* in units of the condition's mean stay: the other stays about 1, the operated ones the
     * mix of the procedures' means over their conditions' (1.3 at this seed; 4 standard errors
     * of 234 stays with the gamma's coefficient of variation 0.71 are 0.2) */
    assert_true(op_days / n_op > 1.1 * (other_days / n_other));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sex_and_age),
        cmocka_unit_test(test_prefectures),
        cmocka_unit_test(test_insurers_by_age),
        cmocka_unit_test(test_insurer_numbers_and_ids),
        cmocka_unit_test(test_copay),
        cmocka_unit_test(test_high_cost_cap),
        cmocka_unit_test(test_kohi),
        cmocka_unit_test(test_institutions),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_metabolic_clustering),
        cmocka_unit_test(test_stays_and_death),
        cmocka_unit_test(test_admission_age_factor),
        cmocka_unit_test(test_operated_stay_length),
    };
    return cmocka_run_group_tests_name("population", tests, setup, teardown);
}
