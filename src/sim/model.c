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
    POP("mortality.in_hospital_share", PROB, in_hospital_death_share),
    POP("mortality.max_annual_probability", PROB, max_death_prob),
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
    POP("names.name_change_per_year_female_20_39", PROB, name_change_per_year_f20_39),
    POP("conditions.metabolic_rho", PROB, metabolic_rho),
    POP("conditions.max_episodes_per_month", INT, max_episodes_per_month, 1, 31),
    POP("conditions.max_stay_days", INT, max_los_days, 1, 3650),
    POP("conditions.death_admission_days", INT, death_admission_days, 1, 365),
    POP("institutions.clinics_per_prefecture", INT, clinics_per_pref, 1, 9999),
    POP("institutions.hospitals_per_prefecture", INT, hospitals_per_pref, 1, 9999),
    POP("institutions.outside_rx_share", PROB, outside_rx_share),
    POP("institutions.dpc_hospital_share", PROB, dpc_hospital_share),
    POP("institutions.dpc_coefficient_range", NUMS, coef, 1, 3),
    POP("institutions.acute_home_clinic_share", PROB, acute_home_clinic_share),
    POP("institutions.internal_dept", INT, internal_dept, 1, 99),
};

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
    for (int i = 0; i < pp->npref; i++) pw[i] = pp->prefs[i][1];
    m->pref = gsl_ran_discrete_preproc((size_t)pp->npref, pw);
    for (int i = 0; i < pp->nins_bands; i++)
        m->ins_table[i] = gsl_ran_discrete_preproc(HG_NINS, pp->ins_share[i]);
}

/* ---- masters ---- */

static int load_official(hg_model *m, const char *specs_dir, const char *dir, hg_diag *d)
{
    char lp[4096];
    hg_path(lp, sizeof lp, specs_dir, NULL, "official_masters.yaml");
    hg_ydoc y;
    int before = d->nerrors;
    if (hg_ydoc_load(&y, lp, NULL, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *root = hg_yget(&y, hg_yroot(&y), "official_masters");
    static const char *const names[] = {"skwd", "mddf", "prac_act", "medicine"};
    hg_mtab *dst[] = {&m->skwd, &m->mddf, &m->prac_act, &m->medicine};
    char **files = hg_list_dir(dir, ".csv", d);
    for (int i = 0; i < 4 && files; i++) {
        yaml_node_t *e = hg_yget(&y, root, names[i]);
        const char *prefix = hg_ystr(hg_yget(&y, e, "prefix"));
        const char *letter = hg_ystr(hg_yget(&y, e, "letter"));
        yaml_node_t *cols = hg_yget(&y, e, "columns");
        if (!e || !prefix || !letter || !cols || cols->type != YAML_MAPPING_NODE) {
            hg_yerr(&y, d, e ? e : root, "official master '%s' needs prefix, letter and columns",
                    names[i]);
            continue;
        }
        int nc = (int)(cols->data.mapping.pairs.top - cols->data.mapping.pairs.start);
        const char **cn = hg_xcalloc((size_t)nc, sizeof *cn);
        int *pos = hg_xcalloc((size_t)nc, sizeof *pos);
        int ok = 1;
        for (int j = 0; j < nc; j++) {
            yaml_node_pair_t *p = &cols->data.mapping.pairs.start[j];
            cn[j] = hg_ystr(hg_ynode(&y, p->key));
            long v;
            if (!cn[j] || hg_ylong(&y, d, hg_ynode(&y, p->value), &v) || v < 0 || v > 200)
                ok = 0;
            else
                pos[j] = (int)v;
        }
        const char *found = NULL;
        for (char **f = files; *f && !found; f++) {
            const char *base = strrchr(*f, '/') ? strrchr(*f, '/') + 1 : *f;
            if (strncmp(base, prefix, strlen(prefix)) == 0) found = *f;
        }
        if (!found)
            hg_diag_at(d, dir, 0, 0, "no official %s master (%s*.csv) in this directory", names[i],
                       prefix);
        else if (ok)
            hg_mtab_load_official(dst[i], names[i], found, nc, cn, pos, letter, d);
        free(cn);
        free(pos);
    }
    hg_free_list(files);
    hg_ydoc_free(&y);
    return d->nerrors == before ? 0 : -1;
}

static int load_one(hg_mtab *t, const char *dir, const char *name, const char *const *req,
                    int keyed, hg_diag *d)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s.csv", dir, name);
    return hg_mtab_load(t, name, p, req, keyed, d);
}

/* Copies a cell into a fixed buffer; a longer text is reported, never cut. */
static int text_fits(const hg_mtab *t, int row, int col, char *out, size_t n, hg_diag *d)
{
    const char *s = hg_mtab_cell(t, row, col);
    if (strlen(s) >= n) {
        hg_diag_at(d, t->file, t->lines[row], col + 1, "%s '%s' is longer than %zu bytes",
                   t->cols[col], s, n - 1);
        return 0;
    }
    memcpy(out, s, strlen(s) + 1);
    return 1;
}

int hg_model_cond(const hg_model *m, const char *id)
{
    for (int i = 0; id && i < m->nconds; i++)
        if (strcmp(m->conds[i].id, id) == 0) return i;
    return -1;
}

static void load_conditions(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->conds_tab;
    static const char *cols[] = {"cond",  "name_ja",    "name_en",      "kind",
                                 "sex",   "min_age",    "max_age",      "visit_every",
                                 "admit", "los_mean",   "death_rr",     "metabolic",
                                 "mgmt",  "suspect_of", "suspect_prob", "dept"};
    int c[16];
    for (int i = 0; i < 16; i++) c[i] = hg_mtab_col(t, cols[i]);
    m->conds = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->conds);
    for (int r = 0; r < t->nrows; r++) {
        hg_condition *k = &m->conds[m->nconds++];
        memset(k, 0, sizeof *k);
        if (!text_fits(t, r, c[0], k->id, sizeof k->id, d) ||
            !text_fits(t, r, c[1], k->name_ja, sizeof k->name_ja, d) ||
            !text_fits(t, r, c[2], k->name_en, sizeof k->name_en, d))
            continue;
        const char *kind = hg_mtab_cell(t, r, c[3]);
        k->kind = strcmp(kind, "chronic") == 0  ? HG_COND_CHRONIC
                  : strcmp(kind, "acute") == 0  ? HG_COND_ACUTE
                  : strcmp(kind, "cancer") == 0 ? HG_COND_CANCER
                                                : -1;
        if (k->kind < 0)
            hg_diag_at(d, t->file, t->lines[r], 0, "kind '%s' must be chronic, acute or cancer",
                       kind);
        const char *sex = hg_mtab_cell(t, r, c[4]);
        k->sex = strcmp(sex, "M") == 0 ? HG_SEX_M : strcmp(sex, "F") == 0 ? HG_SEX_F : 0;
        if (strcmp(sex, "B") != 0 && !k->sex)
            hg_diag_at(d, t->file, t->lines[r], 0, "sex '%s' must be M, F or B (both)", sex);
        double v;
        if (!hg_mtab_num(t, r, c[5], 0, 120, &v, d)) k->min_age = (int)v;
        if (!hg_mtab_num(t, r, c[6], 0, 150, &v, d)) k->max_age = (int)v;
        if (!hg_mtab_num(t, r, c[7], 0, 12, &v, d)) k->visit_every = (int)v;
        if (k->kind != HG_COND_ACUTE && k->visit_every < 1)
            hg_diag_at(d, t->file, t->lines[r], 0, "chronic conditions need visit_every >= 1");
        hg_mtab_num(t, r, c[8], 0, 12, &k->admit, d);
        hg_mtab_num(t, r, c[9], 0, 365, &k->los_mean, d);
        if (k->admit > 0 && k->los_mean < 1)
            hg_diag_at(d, t->file, t->lines[r], 0,
                       "a condition with admissions needs los_mean >= 1");
        hg_mtab_num(t, r, c[10], 0.1, 50, &k->death_rr, d);
        if (!hg_mtab_num(t, r, c[11], 0, 1, &v, d)) k->metabolic = (int)v;
        if (!hg_mtab_num(t, r, c[12], 0, 1, &v, d)) k->mgmt = (int)v;
        hg_mtab_num(t, r, c[14], 0, 1, &k->suspect_prob, d);
        k->suspect_of = -1;
        const char *dp = hg_mtab_cell(t, r, c[15]);
        if (hg_mtab_find(&m->depts_tab, dp) < 0)
            hg_diag_at(d, t->file, t->lines[r], 0, "dept '%s' is not in departments.csv", dp);
        k->dept = atoi(dp);
    }
    for (int r = 0; r < t->nrows; r++) {
        const char *s = hg_mtab_cell(t, r, c[13]);
        if (!*s) continue;
        m->conds[r].suspect_of = hg_model_cond(m, s);
        if (m->conds[r].suspect_of < 0)
            hg_diag_at(d, t->file, t->lines[r], 0, "suspect_of '%s' is not a condition", s);
    }
}

static void load_rates(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->rates_tab;
    int cc = hg_mtab_col(t, "cond"), ca = hg_mtab_col(t, "age_from"), cm = hg_mtab_col(t, "male"),
        cf = hg_mtab_col(t, "female");
    /* not keyed by column 0 alone: rows repeat the condition */
    for (int r = 0; r < t->nrows; r++) {
        int k = hg_model_cond(m, hg_mtab_cell(t, r, cc));
        if (k < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv",
                       hg_mtab_cell(t, r, cc));
            continue;
        }
        hg_band_rates *b = &m->conds[k].rates;
        double a, mv, fv;
        double hi = m->conds[k].kind == HG_COND_ACUTE ? 20 : 1;
        if (hg_mtab_num(t, r, ca, 0, 120, &a, d) || hg_mtab_num(t, r, cm, 0, hi, &mv, d) ||
            hg_mtab_num(t, r, cf, 0, hi, &fv, d))
            continue;
        if (b->n == HG_MAX_BANDS || (b->n > 0 && (int)a <= b->from[b->n - 1])) {
            hg_diag_at(d, t->file, t->lines[r], 0, "ages of %s must ascend (at most %d bands)",
                       m->conds[k].id, HG_MAX_BANDS);
            continue;
        }
        b->from[b->n] = (int)a;
        b->m[b->n] = mv;
        b->f[b->n] = fv;
        b->n++;
    }
    for (int k = 0; k < m->nconds; k++)
        if (m->conds[k].rates.n == 0)
            hg_diag_at(d, t->file, 0, 0, "condition %s has no rates", m->conds[k].id);
}

static void load_diseases(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->dis_tab;
    int cc = hg_mtab_col(t, "cond"), cs = hg_mtab_col(t, "skwd_name_cd"),
        cw = hg_mtab_col(t, "weight");
    for (int r = 0; r < t->nrows; r++) {
        int k = hg_model_cond(m, hg_mtab_cell(t, r, cc));
        const char *code = hg_mtab_cell(t, r, cs);
        int row = hg_mtab_find(&m->skwd, code);
        double w;
        if (k < 0)
            hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv",
                       hg_mtab_cell(t, r, cc));
        else if (row < 0)
            hg_diag_at(d, t->file, t->lines[r], 0,
                       "傷病名 code %s is not in the 傷病名 master (%s)", code, m->skwd.file);
        else if (hg_mtab_num(t, r, cw, 0, 1e9, &w, d) == 0) {
            hg_condition *c = &m->conds[k];
            if (c->ndis == 8) {
                hg_diag_at(d, t->file, t->lines[r], 0, "at most 8 codes per condition");
                continue;
            }
            c->dis_row[c->ndis] = row;
            c->dis_w[c->ndis++] = w;
        }
    }
    for (int k = 0; k < m->nconds; k++) {
        if (m->conds[k].ndis == 0)
            hg_diag_at(d, t->file, 0, 0, "condition %s has no 傷病名 code", m->conds[k].id);
        else
            m->conds[k].dis_table =
                gsl_ran_discrete_preproc((size_t)m->conds[k].ndis, m->conds[k].dis_w);
    }
}

static void load_drugs(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->drugs_tab;
    int cc = hg_mtab_col(t, "cond"), cr = hg_mtab_col(t, "regimen"),
        cw = hg_mtab_col(t, "regimen_weight"), cm = hg_mtab_col(t, "medicine_cd"),
        ca = hg_mtab_col(t, "daily_amount"), cf = hg_mtab_col(t, "form"),
        cdir = hg_mtab_col(t, "direction");
    m->regdrugs = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->regdrugs);
    int price_col = hg_mtab_col(&m->medicine, "nnp_price");
    const char *prev_cond = "", *prev_reg = "";
    for (int r = 0; r < t->nrows; r++) {
        const char *cid = hg_mtab_cell(t, r, cc), *reg = hg_mtab_cell(t, r, cr);
        int k = hg_model_cond(m, cid);
        if (k < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv", cid);
            continue;
        }
        hg_condition *c = &m->conds[k];
        int newreg = strcmp(cid, prev_cond) != 0 || strcmp(reg, prev_reg) != 0;
        prev_cond = cid;
        prev_reg = reg;
        if (newreg) {
            if (c->nreg == 8) {
                hg_diag_at(d, t->file, t->lines[r], 0, "at most 8 regimens per condition");
                continue;
            }
            c->reg_first[c->nreg] = m->nregdrugs;
            c->reg_len[c->nreg] = 0;
            hg_mtab_num(t, r, cw, 0, 1e9, &c->reg_w[c->nreg], d);
            c->nreg++;
        }
        const char *form = hg_mtab_cell(t, r, cf);
        const char *code = hg_mtab_cell(t, r, cm);
        if (strcmp(form, "none") == 0) {
            if (*code)
                hg_diag_at(d, t->file, t->lines[r], 0,
                           "form 'none' (no drug) takes no medicine_cd");
            continue;
        }
        hg_regimen_drug *g = &m->regdrugs[m->nregdrugs];
        g->form = strcmp(form, "internal") == 0    ? 1
                  : strcmp(form, "prn") == 0       ? 2
                  : strcmp(form, "external") == 0  ? 3
                  : strcmp(form, "injection") == 0 ? 4
                                                   : 0;
        if (!g->form) {
            hg_diag_at(d, t->file, t->lines[r], 0,
                       "form '%s' must be internal, prn, external, injection or none", form);
            continue;
        }
        g->med_row = hg_mtab_find(&m->medicine, code);
        if (g->med_row < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0,
                       "医薬品 code %s is not in the 医薬品 master (%s)", code, m->medicine.file);
            continue;
        }
        double amt, price;
        if (hg_mtab_num(t, r, ca, 0.00001, 99999, &amt, d)) continue;
        if (hg_mtab_num(&m->medicine, g->med_row, price_col, 0, 1e9, &price, d)) continue;
        if (cdir >= 0 && !text_fits(t, r, cdir, g->direction, sizeof g->direction, d)) continue;
        g->amount_1e5 = llround(amt * 1e5);
        g->price_1e2 = llround(price * 100);
        c->reg_len[c->nreg - 1]++;
        m->nregdrugs++;
    }
    for (int k = 0; k < m->nconds; k++)
        if (m->conds[k].nreg)
            m->conds[k].reg_table =
                gsl_ran_discrete_preproc((size_t)m->conds[k].nreg, m->conds[k].reg_w);
}

static void load_tests(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->tests_tab;
    int cc = hg_mtab_col(t, "cond"), ca = hg_mtab_col(t, "prac_act_cd"),
        ce = hg_mtab_col(t, "every_months"), cp = hg_mtab_col(t, "prob");
    int lj = hg_mtab_col(&m->labs_tab, "judge_cd"), lb = hg_mtab_col(&m->labs_tab, "blood");
    m->tests = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->tests);
    const char *prev = "";
    for (int r = 0; r < t->nrows; r++) {
        const char *cid = hg_mtab_cell(t, r, cc);
        int k = hg_model_cond(m, cid);
        if (k < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv", cid);
            continue;
        }
        hg_condition *c = &m->conds[k];
        if (c->ntests && strcmp(prev, cid) != 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "rows of condition %s must be together", cid);
            continue;
        }
        prev = cid;
        hg_test *x = &m->tests[m->ntests];
        const char *code = hg_mtab_cell(t, r, ca);
        x->act_row = hg_mtab_find(&m->prac_act, code);
        if (x->act_row < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "診療行為 code %s is not in the master (%s)",
                       code, m->prac_act.file);
            continue;
        }
        double e;
        if (hg_mtab_num(t, r, ce, 1, 12, &e, d) || hg_mtab_num(t, r, cp, 0, 1, &x->prob, d))
            continue;
        x->every = (int)e;
        int lr = hg_mtab_find(&m->labs_tab, code);
        x->judge_row = -1;
        if (lr >= 0) {
            const char *j = hg_mtab_cell(&m->labs_tab, lr, lj);
            x->blood = strcmp(hg_mtab_cell(&m->labs_tab, lr, lb), "1") == 0;
            if (*j) {
                x->judge_row = hg_mtab_find(&m->prac_act, j);
                if (x->judge_row < 0)
                    hg_diag_at(d, m->labs_tab.file, m->labs_tab.lines[lr], 0,
                               "判断料 code %s is not in the 診療行為 master", j);
            }
        }
        if (!c->ntests) c->test_first = m->ntests;
        c->ntests++;
        m->ntests++;
    }
}

int64_t hg_regimen_yen(const hg_model *m, int cond, int regimen, int form)
{
    const hg_condition *cd = &m->conds[cond];
    if (regimen < 0) return 0;
    int64_t yen = 0;
    for (int i = 0; i < cd->reg_len[regimen]; i++) {
        const hg_regimen_drug *g = &m->regdrugs[cd->reg_first[regimen] + i];
        if (g->form == form) yen += g->price_1e2 * g->amount_1e5;
    }
    return yen;
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
            (*lists[l])[*counts[l]] = hg_mtab_cell(t, r, 0);
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
        if (strlen(hg_mtab_cell(t, r, 0)) > HG_MAX_NAME_PART)
            hg_diag_at(d, t->file, t->lines[r], 1, "a name of more than %d bytes",
                       HG_MAX_NAME_PART);
    }
}

int hg_model_masters(hg_model *m, hg_mtab **out, int max)
{
    hg_mtab *all[] = {&m->skwd, &m->mddf, &m->prac_act, &m->medicine};
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
        load_one(&m->medicine, md, "medicine", ry, 1, d);
    }
    int pc = hg_mtab_col(&m->prac_act, "nns_new_now_score");
    m->act_points = hg_xcalloc((size_t)m->prac_act.nrows + 1, sizeof *m->act_points);
    for (int r = 0; r < m->prac_act.nrows && pc >= 0; r++) {
        double x;
        if (hg_mtab_num(&m->prac_act, r, pc, 0, 1e9, &x, d) == 0) m->act_points[r] = (int)lround(x);
    }
}

/* The mapping tables of the conditions. Returns 1 when all loaded. */
static int load_condition_tables(hg_model *m, const char *md, hg_diag *d)
{
    static const char *const rc[] = {
        "cond",      "name_ja", "name_en",     "kind",         "dept",     "sex",
        "min_age",   "max_age", "visit_every", "admit",        "los_mean", "death_rr",
        "metabolic", "mgmt",    "suspect_of",  "suspect_prob", NULL};
    static const char *const rdp[] = {"dept", "name_ja", NULL};
    static const char *const rr[] = {"cond", "age_from", "male", "female", NULL};
    static const char *const rd[] = {"cond", "skwd_name_cd", "weight", NULL};
    static const char *const rg[] = {
        "cond", "regimen", "regimen_weight", "medicine_cd", "daily_amount", "form", NULL};
    static const char *const rt[] = {"cond", "prac_act_cd", "every_months", "prob", NULL};
    static const char *const rl[] = {"prac_act_cd", "judge_cd", "blood", NULL};
    static const char *const rn[] = {"kana", "kind", "weight", NULL};
    int ok = load_one(&m->depts_tab, md, "departments", rdp, 1, d) == 0;
    for (int r = 0; ok && r < m->depts_tab.nrows; r++) {
        /* 診療科 codes are two digits (the receipt's format, and the index of per-department
         * tables of the receipt logic) */
        const char *c = hg_mtab_cell(&m->depts_tab, r, 0);
        if (strlen(c) != 2 || !isdigit((unsigned char)c[0]) || !isdigit((unsigned char)c[1]))
            hg_diag_at(d, m->depts_tab.file, m->depts_tab.lines[r], 1,
                       "診療科 code '%s' must be two digits", c);
    }
    ok &= load_one(&m->conds_tab, md, "conditions", rc, 1, d) == 0;
    ok &= load_one(&m->rates_tab, md, "condition_rates", rr, 0, d) == 0;
    ok &= load_one(&m->dis_tab, md, "condition_diseases", rd, 0, d) == 0;
    ok &= load_one(&m->drugs_tab, md, "condition_drugs", rg, 0, d) == 0;
    ok &= load_one(&m->tests_tab, md, "condition_tests", rt, 0, d) == 0;
    ok &= load_one(&m->labs_tab, md, "lab_tests", rl, 1, d) == 0;
    ok &= load_one(&m->names_tab, md, "kana_names", rn, 0, d) == 0;
    return ok;
}

int hg_model_load(hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    memset(m, 0, sizeof *m);
    int before = d->nerrors;
    load_code_masters(m, p, d);
    int ok = load_condition_tables(m, p->masters_dir, d);
    load_population(m, p->specs_dir, d);
    if (ok && d->nerrors == before) {
        load_conditions(m, d);
        load_rates(m, d);
        load_diseases(m, d);
        load_drugs(m, d);
        load_tests(m, d);
        load_names(m, d);
    }
    return d->nerrors == before ? 0 : -1;
}

void hg_model_free(hg_model *m)
{
    hg_mtab *tabs[] = {&m->skwd,      &m->mddf,      &m->prac_act,  &m->medicine,
                       &m->conds_tab, &m->rates_tab, &m->dis_tab,   &m->drugs_tab,
                       &m->tests_tab, &m->labs_tab,  &m->names_tab, &m->depts_tab};
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) hg_mtab_free(tabs[i]);
    if (m->sexage) gsl_ran_discrete_free(m->sexage);
    if (m->pref) gsl_ran_discrete_free(m->pref);
    for (int i = 0; i < m->pp.nins_bands; i++)
        if (m->ins_table[i]) gsl_ran_discrete_free(m->ins_table[i]);
    for (int k = 0; k < m->nconds; k++) {
        if (m->conds[k].dis_table) gsl_ran_discrete_free(m->conds[k].dis_table);
        if (m->conds[k].reg_table) gsl_ran_discrete_free(m->conds[k].reg_table);
    }
    free(m->conds);
    free(m->act_points);
    free(m->regdrugs);
    free(m->tests);
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
