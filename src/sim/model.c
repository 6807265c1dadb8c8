/* hicgen — the population model: population.yaml, the shared code masters and the conditions
 * with their codes. Parameters are bound by declaration (params.h); the masters and mapping
 * tables are cross-checked here, every problem reported with its file and line. */
#include "hicgen/model.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/deaths.h"
#include "hicgen/official.h"
#include "sim/clinical_load.h"
#include "sim/stays.h"
#include "hicgen/yamlx.h"

const char *const hg_ins_names[HG_NINS + 1] = {"kokuho", "kyokai", "kumiai", "kyosai",
                                               "kouki",  "seiho",  NULL};

void hg_path(char *out, size_t n, const char *dir, const char *sub, const char *name)
{
    snprintf(out, n, "%s/%s%s%s", dir, sub ? sub : "", sub ? "/" : "", name);
}

/* ---- population.yaml ---- */

/* insurance.by_age: [{from: AGE, kokuho: SHARE, ...}, ...] with shares adding up to 1. */
static int read_ins_by_age(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    (void)p;
    hg_popparams *pp = (hg_popparams *)base;
    int len = hg_yseq_len(n);
    if (len <= 0 || len > HG_MAX_BANDS) {
        hg_yerr(b->y, b->d, n, "insurance.by_age: expected a list of shares by age (1 to %d rows)",
                HG_MAX_BANDS);
        return -1;
    }
    static const char *const keys[] = {"from",   "kokuho", "kyokai", "kumiai",
                                       "kyosai", "kouki",  "seiho",  NULL};
    int rc = 0;
    for (int i = 0; i < len; i++) {
        yaml_node_t *row = hg_yseq_at(b->y, n, i);
        double from;
        if (hg_ykeys(b->y, b->d, row, "insurance.by_age row", keys) ||
            hg_bind_num(b, hg_yget(b->y, row, "from"), 0, 150, &from)) {
            rc = -1;
            continue;
        }
        pp->ins_from[i] = (int)from;
        double sum = 0;
        for (int t = 0; t < HG_NINS; t++) {
            yaml_node_t *v = hg_yget(b->y, row, hg_ins_names[t]);
            pp->ins_share[i][t] = 0;
            if (v && hg_bind_num(b, v, 0, 1, &pp->ins_share[i][t])) rc = -1;
            sum += pp->ins_share[i][t];
        }
        if (fabs(sum - 1) > 0.01) {
            hg_yerr(b->y, b->d, row, "insurer shares add up to %.3f, not 1", sum);
            rc = -1;
        }
        if (from >= 75 && pp->ins_share[i][HG_INS_KOUKI] == 0) {
            hg_yerr(b->y, b->d, row, "from 75 everyone is in 後期高齢者医療 (kouki) or seiho");
            rc = -1;
        }
        if (from < 75 && pp->ins_share[i][HG_INS_KOUKI] > 0) {
            hg_yerr(b->y, b->d, row, "kouki applies from age 75 only");
            rc = -1;
        }
        if (i > 0 && pp->ins_from[i] <= pp->ins_from[i - 1]) {
            hg_yerr(b->y, b->d, row, "insurance.by_age: ages must ascend");
            rc = -1;
        }
    }
    if (!rc && pp->ins_from[0] != 0) {
        hg_yerr(b->y, b->d, n, "insurance.by_age must start at from: 0");
        rc = -1;
    }
    if (!rc) pp->nins_bands = len;
    return rc;
}

#define POP(path, type, ...) HG_P_##type(path, hg_popparams, __VA_ARGS__)
static const hg_param pop_params[] = {
    POP("pyramid", BANDS, pyramid, 0, 1e9),
    POP("prefectures", ROWS, prefs, npref, 2, 0, 1e9),
    POP("mortality.rates", BANDS, mortality, 0, 1),
    POP("mortality.max_annual_probability", PROB, max_death_prob),
    POP("mortality.scale", NUM, death_scale, 0.01, 10),
    POP("insurance.by_age", CUSTOM, ins_from, read_ins_by_age),
    POP("insurance.job_change_per_year", PROB, job_change_per_year),
    POP("insurance.dependent_share_male", PROB, dependent_share_m),
    POP("insurance.dependent_share_female", PROB, dependent_share_f),
    POP("insurance.kumiai_per_prefecture", INT, kumiai_per_pref, 1, 899),
    POP("insurance.kokuho_per_prefecture", INT, kokuho_per_pref, 1, 999),
    POP("insurance.kyosai_per_prefecture", INT, kyosai_per_pref, 1, 999),
    POP("insurance.seiho_offices_per_prefecture", INT, seiho_offices_per_pref, 1, 899),
    POP("insurance.copay_30_share_70_74", PROB, copay30_70_74),
    POP("insurance.kouki_copay_shares", SHARES, kouki_copay),
    POP("insurance.kouki_20_from", INT, kouki_20_from, 200804, 209912),
    POP("insurance.kouki_20_transition", NUMS, kouki_20_transition, 0, 209912),
    POP("insurance.kougaku", ROWS, kougaku, nkougaku, 8, 0, 10000000),
    POP("insurance.kouki_general_tokki", NUMS, kouki_tokki, 0, 99),
    POP("insurance.kohi", ROWS, kohi, nkohi, 6, 0, 1000000),
    POP("insurance.kohi_local_child", NUMS, kohi_local, 0, 99),
    POP("names.name_change_per_year_female_20_39", PROB, name_change_per_year_f20_39),
    POP("births.per_1000_per_year", NUM, births_per_1000, 0, 100),
    POP("births.male_share", PROB, births_male_share),
    POP("conditions.metabolic_rho", PROB, metabolic_rho),
    POP("conditions.visit_interval_rho", PROB, cadence_rho),
    POP("conditions.max_episodes_per_month", INT, max_episodes_per_month, 1, 31),
    POP("conditions.max_stay_days", INT, max_los_days, 1, 3650),
    POP("conditions.admission_age_factor", BANDS, admit_age, 0, 10),
    POP("conditions.death_admission_days", INT, death_admission_days, 1, 365),
    POP("conditions.death_long_stay_days", NUM, death_long_stay_days, 1, 3650),
    POP("institutions.clinics_per_100k", NUM, clinics_per_100k, 0.001, 10000),
    POP("institutions.hospitals_per_100k", NUM, hospitals_per_100k, 0.001, 10000),
    POP("institutions.clinic_departments", ROWS, clinic_depts, nclinic_depts, 2, 0, 99),
    POP("institutions.outside_rx_share", PROB, outside_rx_share),
    POP("institutions.dpc_hospital_share", PROB, dpc_hospital_share),
    POP("institutions.dpc_coefficient_range", NUMS, coef, 1, 3),
    POP("institutions.hospital_beds", ROWS, beds, nbeds, 3, 0, 5000),
    POP("institutions.acute_home_clinic_share", PROB, acute_home_clinic_share),
    POP("institutions.internal_dept", INT, internal_dept, 1, 99),
};

/* The 公費 programmes: 法別 numbers are two digits and unique, patient shares are percents,
 * and 生活保護 (12) and the local child subsidy have their rows. */
static void check_kohi(hg_model *m, const char *path, hg_diag *d)
{
    const hg_popparams *pp = &m->pp;
    m->kohi_seiho = m->kohi_local = -1;
    for (int i = 0; i < pp->nkohi; i++) {
        const double *k = pp->kohi[i];
        if (k[0] < 10 || k[0] > 99 || k[0] != floor(k[0]) || k[2] > 100 || k[4] > 1 || k[5] > 1)
            hg_diag_at(d, path, 0, 0,
                       "insurance.kohi row %d: [法別番号 10-99, order, patient %% 0-100, cap yen, "
                       "inpatient 0/1, dental 0/1]",
                       i + 1);
        for (int j = 0; j < i; j++)
            if (pp->kohi[j][0] == k[0])
                hg_diag_at(d, path, 0, 0, "insurance.kohi: 法別番号 %g is listed twice", k[0]);
        if (k[0] == 12) m->kohi_seiho = i;
        if (k[0] == pp->kohi_local[0]) m->kohi_local = i;
    }
    if (m->kohi_seiho < 0)
        hg_diag_at(d, path, 0, 0, "insurance.kohi: no row for 生活保護 (法別番号 12)");
    if (m->kohi_local < 0)
        hg_diag_at(d, path, 0, 0,
                   "insurance.kohi_local_child: 法別番号 %g is not a row of insurance.kohi",
                   pp->kohi_local[0]);
    if (pp->kohi_local[2] > 1)
        hg_diag_at(d, path, 0, 0, "insurance.kohi_local_child: the prefecture share is 0-1");
}

/* Binds population.yaml and builds the sampling tables from it. */
static void load_population(hg_model *m, const char *specs_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, specs_dir, "model", "population.yaml");
    hg_popparams *pp = &m->pp;
    if (hg_bind_file(path, "population", pop_params, sizeof pop_params / sizeof pop_params[0], pp,
                     m, d))
        return;
    for (int i = 0; i < pp->npref; i++) {
        double c = pp->prefs[i][0];
        if (c < 1 || c > 47 || c != floor(c))
            hg_diag_at(d, path, 0, 0, "prefectures: row %d: %g is not a JIS code 1-47", i + 1, c);
        m->pref_code[i] = (int)c;
    }
    if (pp->coef[0] > pp->coef[1])
        hg_diag_at(d, path, 0, 0, "institutions.dpc_coefficient_range: [low, high]");
    double w[2 * HG_MAX_BANDS], pw[64];
    for (int i = 0; i < pp->pyramid.n; i++) {
        w[i] = pp->pyramid.m[i];
        w[pp->pyramid.n + i] = pp->pyramid.f[i];
    }
    m->sexage = gsl_ran_discrete_preproc((size_t)(2 * pp->pyramid.n), w);
    double wsum = 0;
    for (int i = 0; i < pp->npref; i++) pw[i] = pp->prefs[i][1], wsum += pw[i];
    m->pref = gsl_ran_discrete_preproc((size_t)pp->npref, pw);
    for (int i = 0; i < pp->npref; i++)
        if (wsum > 0) m->pref_share[m->pref_code[i]] += pw[i] / wsum;
    double dsum = 0;
    for (int i = 0; i < pp->nclinic_depts; i++) {
        const double *r = pp->clinic_depts[i];
        if (r[0] < 1 || r[0] != floor(r[0]) || r[1] > 1)
            hg_diag_at(d, path, 0, 0,
                       "institutions.clinic_departments row %d: [診療科 code 1-99, share 0-1]",
                       i + 1);
        for (int j = 0; j < i; j++)
            if (pp->clinic_depts[j][0] == r[0])
                hg_diag_at(d, path, 0, 0,
                           "institutions.clinic_departments: 診療科 %g is listed twice", r[0]);
        dsum += r[1];
    }
    if (dsum > 1.000001)
        hg_diag_at(d, path, 0, 0,
                   "institutions.clinic_departments: the shares add up to %g, more than 1", dsum);
    for (int i = 0; i < pp->nins_bands; i++)
        m->ins_table[i] = gsl_ran_discrete_preproc(HG_NINS, pp->ins_share[i]);
    check_kohi(m, path, d);
}

/* ---- masters ---- */

/* The shared code masters from the payment fund's own files below dir: each must be there. */
static int load_official(hg_model *m, const char *specs_dir, const char *dir, hg_diag *d)
{
    static const char *const names[] = {"skwd", "mddf", "prac_act", "medicine", "spcfc_dev"};
    static const char *const what[] = {"傷病名 (b_*)", "修飾語 (z_*)", "医科診療行為 (s_*)",
                                       "医薬品 (y_*)", "特定器材 (t_*)"};
    hg_mtab *dst[] = {&m->skwd, &m->mddf, &m->prac_act, &m->medicine, &m->spcfc_dev};
    int bad = 0;
    for (int i = 0; i < 5; i++) {
        int rc = hg_official_load(dst[i], names[i], specs_dir, dir, d);
        if (rc == 0)
            hg_diag_at(d, dir, 0, 0,
                       "no official %s master below this directory (the file patterns are in "
                       "official_masters.yaml)",
                       what[i]);
        if (rc <= 0) bad = 1;
    }
    return bad ? -1 : 0;
}

static int load_one(hg_mtab *t, const char *dir, const char *name, const char *const *req,
                    int keyed, hg_diag *d)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/%s.csv", dir, name);
    return hg_mtab_load(t, name, p, req, keyed, d);
}

/* Copies a cell into a fixed buffer; a longer text is reported, never cut. */

int hg_model_cond(const hg_model *m, const char *id)
{
    for (int i = 0; id && i < m->nconds; i++)
        if (strcmp(m->conds[i].id, id) == 0) return i;
    return -1;
}

static void load_names(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->names_tab;
    int ck = hg_mtab_col(t, "kind"), cw = hg_mtab_col(t, "weight");
    const char ***lists[] = {&m->sur, &m->given_m, &m->given_f};
    int *counts[] = {&m->nsur, &m->ngiven_m, &m->ngiven_f};
    gsl_ran_discrete_t **tabs[] = {&m->sur_t, &m->given_m_t, &m->given_f_t};
    static const char *const kinds[] = {"surname", "male", "female"};
    for (int l = 0; l < 3; l++) {
        *lists[l] = hg_xcalloc((size_t)t->nrows + 1, sizeof **lists[l]);
        double *w = hg_xcalloc((size_t)t->nrows + 1, sizeof *w);
        for (int r = 0; r < t->nrows; r++) {
            if (strcmp(hg_mtab_cell(t, r, ck), kinds[l]) != 0) continue;
            double v;
            if (hg_mtab_num(t, r, cw, 0, 1e9, &v, d)) continue;
            (*lists[l])[*counts[l]] = hg_mtab_key(t, r);
            w[(*counts[l])++] = v;
        }
        if (*counts[l] == 0)
            hg_diag_at(d, t->file, 0, 0, "no names of kind '%s'", kinds[l]);
        else
            *tabs[l] = gsl_ran_discrete_preproc((size_t)*counts[l], w);
        free(w);
    }
    for (int r = 0; r < t->nrows; r++) {
        const char *k = hg_mtab_cell(t, r, ck);
        if (strcmp(k, "surname") && strcmp(k, "male") && strcmp(k, "female"))
            hg_diag_at(d, t->file, t->lines[r], ck + 1, "kind '%s' must be surname, male or female",
                       k);
        /* a name is "surname　given" in a 64-byte field (hg_name.kana) */
        if (strlen(hg_mtab_key(t, r)) > HG_MAX_NAME_PART)
            hg_diag_at(d, t->file, t->lines[r], 1, "a name of more than %d bytes",
                       HG_MAX_NAME_PART);
    }
}

int hg_model_masters(hg_model *m, hg_mtab **out, int max)
{
    hg_mtab *all[] = {&m->skwd, &m->mddf, &m->prac_act, &m->medicine, &m->spcfc_dev};
    int n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0] && n < max; i++)
        if (all[i]->kind.name) out[n++] = all[i];
    return n;
}

/* The shared code masters: the project's, or the payment fund's official ones. */
static void load_code_masters(hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    const char *md = p->masters_dir;
    if (p->official_dir) {
        load_official(m, p->specs_dir, p->official_dir, d);
        snprintf(m->official, sizeof m->official, "yes");
    } else {
        static const char *const rs[] = {"skwd_name_cd", "skwd_std_name", "icd_10_1", NULL};
        static const char *const rz[] = {"modif_cd", "modif_name", NULL};
        static const char *const rp[] = {"prac_act_cd", "parn_ryk_kanj", "nns_new_now_score", NULL};
        static const char *const ry[] = {"medicine_cd", "msn_kanj",          "nnp_price",
                                         "generic",     "drug_price_std_cd", NULL};
        load_one(&m->skwd, md, "skwd", rs, 1, d);
        load_one(&m->mddf, md, "mddf", rz, 1, d);
        load_one(&m->prac_act, md, "prac_act", rp, 1, d);
        static const char *const rt[] = {"spcfc_dev_cd", "sdsn_kanj", "unit_cd", "nnp_price", NULL};
        load_one(&m->medicine, md, "medicine", ry, 1, d);
        load_one(&m->spcfc_dev, md, "spcfc_dev", rt, 1, d);
    }
    int pc = hg_mtab_col(&m->prac_act, "nns_new_now_score");
    m->act_points = hg_xcalloc((size_t)m->prac_act.nrows + 1, sizeof *m->act_points);
    for (int r = 0; r < m->prac_act.nrows && pc >= 0; r++) {
        double x;
        if (hg_mtab_num(&m->prac_act, r, pc, 0, 1e9, &x, d) == 0) m->act_points[r] = (int)lround(x);
    }
    int tc = hg_mtab_col(&m->spcfc_dev, "nnp_price");
    m->dev_price_1e2 = hg_xcalloc((size_t)m->spcfc_dev.nrows + 1, sizeof *m->dev_price_1e2);
    for (int r = 0; r < m->spcfc_dev.nrows && tc >= 0; r++) {
        double x;
        if (hg_mtab_num(&m->spcfc_dev, r, tc, 0, 1e9, &x, d) == 0)
            m->dev_price_1e2[r] = llround(x * 100);
    }
}

/* The clinical catalogue's tables (masters/clinical/). Returns 1 when all loaded. */
static int load_condition_tables(hg_model *m, const char *md, hg_diag *d)
{
    char dir[4000];
    hg_path(dir, sizeof dir, md, NULL, "clinical");
    static const char *const rc[] = {"cond",  "name_ja",  "name_en",      "kind",
                                     "dept",  "sex",      "min_age",      "max_age",
                                     "admit", "los_mean", "rate_measure", NULL};
    static const char *const rdp[] = {"dept", "name_ja", NULL};
    static const char *const rr[] = {"cond", "age_from", "male", "female", NULL};
    static const char *const rd[] = {"cond", "skwd_name_cd", "role", "weight", NULL};
    static const char *const rg[] = {"cond",   "group",       "group_prob", "line",
                                     "weight", "medicine_cd", "form",       NULL};
    static const char *const rt[] = {"cond", "prac_act_cd", "kind", "when", "prob", NULL};
    static const char *const rs[] = {"profile", "ym", "factor", NULL};
    static const char *const rl[] = {"kind", "from", "to", "value", NULL};
    static const char *const rw[] = {"age", "male_kg", "female_kg", NULL};
    static const char *const rn[] = {"kana", "kind", "weight", NULL};
    static const char *const rk[] = {"cond", "houbetsu", "min_age", "max_age", "uptake", NULL};
    static const char *const rdc[] = {"cause",       "icd10",    "skwd_name_cd", "conds",
                                      "stay_cond",   "any_stay", "k_has",        "k_without",
                                      "hospital_or", NULL};
    static const char *const rds[] = {"cause", "age_from", "male", "female", NULL};
    static const char *const rpl[] = {"place", "age_from", "male", "female", NULL};
    int ok = load_one(&m->depts_tab, dir, "departments", rdp, 1, d) == 0;
    for (int r = 0; ok && r < m->depts_tab.nrows; r++) {
        /* 診療科 codes are two digits (the receipt's format, and the index of per-department
         * tables of the receipt logic) */
        const char *c = hg_mtab_key(&m->depts_tab, r);
        if (strlen(c) != 2 || !isdigit((unsigned char)c[0]) || !isdigit((unsigned char)c[1]))
            hg_diag_at(d, m->depts_tab.file, m->depts_tab.lines[r], 1,
                       "診療科 code '%s' must be two digits", c);
    }
    ok &= load_one(&m->conds_tab, dir, "conditions", rc, 1, d) == 0;
    ok &= load_one(&m->rates_tab, dir, "condition_rates", rr, 0, d) == 0;
    ok &= load_one(&m->dis_tab, dir, "condition_diseases", rd, 0, d) == 0;
    ok &= load_one(&m->drugs_tab, dir, "condition_drugs", rg, 0, d) == 0;
    ok &= load_one(&m->tests_tab, dir, "condition_tests", rt, 0, d) == 0;
    ok &= load_one(&m->seasons_tab, dir, "seasonality", rs, 0, d) == 0;
    ok &= load_one(&m->links_tab, dir, "condition_links", rl, 0, d) == 0;
    ok &= load_one(&m->weights_tab, dir, "weight_for_age", rw, 1, d) == 0;
    ok &= load_one(&m->kohi_tab, dir, "condition_kohi", rk, 0, d) == 0;
    ok &= load_one(&m->dcause_tab, dir, "death_causes", rdc, 1, d) == 0;
    ok &= load_one(&m->dshare_tab, dir, "death_shares", rds, 0, d) == 0;
    ok &= load_one(&m->dplace_tab, dir, "death_places", rpl, 0, d) == 0;
    ok &= load_one(&m->names_tab, md, "kana_names", rn, 0, d) == 0;
    return ok;
}

int hg_model_load(hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    memset(m, 0, sizeof *m);
    int before = d->nerrors;
    load_code_masters(m, p, d);
    m->skwd_icd_col = hg_mtab_col(&m->skwd, "icd_10_1");
    int ok = load_condition_tables(m, p->masters_dir, d);
    load_population(m, p->specs_dir, d);
    if (ok && d->nerrors == before) {
        hg_clinical_load(m, d);
        hg_stay_procs_load(m, p->masters_dir, d);
        hg_deaths_load(m, d);
        load_names(m, d);
    }
    return d->nerrors == before ? 0 : -1;
}

void hg_model_free(hg_model *m)
{
    hg_mtab *tabs[] = {&m->skwd,        &m->mddf,       &m->prac_act,    &m->medicine,
                       &m->spcfc_dev,   &m->conds_tab,  &m->rates_tab,   &m->dis_tab,
                       &m->drugs_tab,   &m->tests_tab,  &m->seasons_tab, &m->links_tab,
                       &m->weights_tab, &m->names_tab,  &m->depts_tab,   &m->kohi_tab,
                       &m->dcause_tab,  &m->dshare_tab, &m->dplace_tab};
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) hg_mtab_free(tabs[i]);
    hg_deaths_free(m);
    if (m->sexage) gsl_ran_discrete_free(m->sexage);
    if (m->pref) gsl_ran_discrete_free(m->pref);
    for (int i = 0; i < m->pp.nins_bands; i++)
        if (m->ins_table[i]) gsl_ran_discrete_free(m->ins_table[i]);
    hg_clinical_free(m);
    hg_stay_procs_free(m);
    free(m->act_points);
    free(m->dev_price_1e2);
    free(m->sur);
    free(m->given_m);
    free(m->given_f);
    if (m->sur_t) gsl_ran_discrete_free(m->sur_t);
    if (m->given_m_t) gsl_ran_discrete_free(m->given_m_t);
    if (m->given_f_t) gsl_ran_discrete_free(m->given_f_t);
    memset(m, 0, sizeof *m);
}

/* ---- condition ids in family parameters ---- */

/* The index of the condition id at node n, or -1 after reporting it. */
static int cond_id(hg_binder *b, yaml_node_t *n)
{
    int k = hg_model_cond(b->ctx, hg_ystr(n));
    if (k < 0)
        hg_yerr(b->y, b->d, n, "'%s' is not in conditions.csv", hg_ystr(n) ? hg_ystr(n) : "?");
    return k;
}

int hg_p_cond_list(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    int *out = (int *)(base + p->off), *cnt = (int *)(base + p->count_off);
    int len = hg_yseq_len(n);
    if (len < 0 || len > p->n) {
        hg_yerr(b->y, b->d, n, "expected a list of at most %d condition ids like [HT]", p->n);
        return -1;
    }
    int rc = 0;
    *cnt = 0;
    for (int i = 0; i < len; i++) {
        int k = cond_id(b, hg_yseq_at(b->y, n, i));
        if (k < 0)
            rc = -1;
        else
            out[(*cnt)++] = k;
    }
    return rc;
}

int hg_bind_code(hg_binder *b, yaml_node_t *n, const hg_mtab *t, const char *what)
{
    const char *code = hg_ystr(n);
    int row = code ? hg_mtab_find(t, code) : -1;
    if (row < 0)
        hg_yerr(b->y, b->d, n, "%s is not a code of the %s master (%s)", code ? code : "this", what,
                t->file ? t->file : "not loaded");
    return row;
}

int hg_bind_code_into(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p, const hg_mtab *t,
                      const char *what)
{
    int row = hg_bind_code(b, n, t, what);
    *(int *)(base + p->off) = row;
    return row < 0 ? -1 : 0;
}

int hg_p_act_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((const hg_model *)b->ctx)->prac_act, "診療行為");
}

int hg_p_disease_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((const hg_model *)b->ctx)->skwd, "傷病名");
}

int hg_p_modifier_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((const hg_model *)b->ctx)->mddf, "修飾語");
}

int hg_p_drug_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((const hg_model *)b->ctx)->medicine, "医薬品");
}

int hg_p_cond(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    int k = cond_id(b, n);
    *(int *)(base + p->off) = k;
    return k < 0 ? -1 : 0;
}

int hg_p_cond_flags(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    const hg_model *m = b->ctx;
    int **out = (int **)(base + p->off);
    int len = hg_yseq_len(n);
    if (len < 0) {
        hg_yerr(b->y, b->d, n, "expected a list of condition ids like [STR, HF]");
        return -1;
    }
    int *flags = hg_xcalloc((size_t)m->nconds + 1, sizeof *flags);
    int rc = 0;
    for (int i = 0; i < len; i++) {
        int k = cond_id(b, hg_yseq_at(b->y, n, i));
        if (k < 0)
            rc = -1;
        else
            flags[k] = 1;
    }
    free(*out);
    *out = flags;
    return rc;
}

int hg_insurer_check_digit(const char *digits)
{
    /* 検証番号: from the rightmost digit leftwards, multiply by 2, 1, 2, 1, ...; add the digits
     * of each product; the check digit is (10 - sum mod 10) mod 10. (Luhn; UNVERIFIED against
     * the 告示 text, which formats.md does not quote.) */
    size_t n = strlen(digits);
    int sum = 0, w = 2;
    for (size_t i = n; i-- > 0;) {
        int p = (digits[i] - '0') * w;
        sum += p / 10 + p % 10;
        w = 3 - w;
    }
    return (10 - sum % 10) % 10;
}
