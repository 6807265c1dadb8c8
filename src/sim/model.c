/* hicgen — loading and checking the model: model.yaml, code masters, mapping tables. */
#include "hicgen/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/yamlx.h"
#include "families/checkup/checkup.h"
#include "families/dental/dental.h"
#include "families/kaigo/kaigo.h"

const char *const hg_ins_names[HG_NINS] = {"kokuho", "kyokai", "kumiai",
                                           "kyosai", "kouki",  "seiho"};

double hg_band_rate(const hg_band_rates *r, int sex, int age)
{
    double v = 0;
    for (int i = 0; i < r->n && r->from[i] <= age; i++) v = sex == HG_SEX_M ? r->m[i] : r->f[i];
    return v;
}

/* Reads key of mapping parent: [[age_from, male, female], ...] with ascending ages. */
static int read_bands(hg_ydoc *y, hg_diag *d, yaml_node_t *parent, const char *key,
                      const char *what, int *from, double *mv, double *fv, int *n)
{
    yaml_node_t *seq = hg_yget(y, parent, key);
    int len = hg_yseq_len(seq);
    if (len <= 0 || len > HG_MAX_BANDS) {
        hg_yerr(y, d, seq ? seq : parent,
                "%s: expected '%s:' with a list of [age_from, male, female] (1..%d rows)", what,
                key, HG_MAX_BANDS);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < len; i++) {
        yaml_node_t *row = hg_yseq_at(y, seq, i);
        double *v = NULL;
        int k = 0;
        if (hg_ydoubles(y, d, row, &v, &k)) {
            rc = -1;
            continue;
        }
        if (k != 3) {
            hg_yerr(y, d, row, "%s: each row is [age_from, male, female]", what);
            rc = -1;
        } else if (v[1] < 0 || v[2] < 0) {
            hg_yerr(y, d, row, "%s: values must not be negative", what);
            rc = -1;
        } else if (i > 0 && (int)v[0] <= from[i - 1]) {
            hg_yerr(y, d, row, "%s: ages must ascend", what);
            rc = -1;
        } else {
            from[i] = (int)v[0];
            mv[i] = v[1];
            fv[i] = v[2];
        }
        free(v);
    }
    *n = len;
    return rc;
}

static int read_prob(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, double *out)
{
    if (hg_ykey_double(y, d, m, key, out)) return -1;
    if (*out < 0 || *out > 1) {
        hg_yerr(y, d, hg_yget(y, m, key), "%s must be a probability between 0 and 1", key);
        return -1;
    }
    return 0;
}

static int read_count(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, int lo, int hi,
                      int *out)
{
    long v;
    if (hg_ykey_long(y, d, m, key, &v)) return -1;
    if (v < lo || v > hi) {
        hg_yerr(y, d, hg_yget(y, m, key), "%s must be between %d and %d", key, lo, hi);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static yaml_node_t *section(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key)
{
    yaml_node_t *n = hg_yget(y, m, key);
    if (!n || n->type != YAML_MAPPING_NODE) hg_yerr(y, d, n ? n : m, "missing section '%s'", key);
    return n && n->type == YAML_MAPPING_NODE ? n : NULL;
}

static int load_params(hg_model *m, const char *path, hg_diag *d)
{
    hg_ydoc y;
    int before = d->nerrors;
    if (hg_ydoc_load(&y, path, NULL, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *root = hg_yget(&y, hg_yroot(&y), "model");
    if (!root || root->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, hg_yroot(&y), "expected a top-level 'model:' mapping");
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *s;
    if ((s = section(&y, d, root, "population"))) {
        int n = 0;
        if (read_bands(&y, d, s, "pyramid", "population", m->band_from, m->band_m, m->band_f,
                       &m->nbands) == 0) {
            double w[2 * HG_MAX_BANDS];
            for (int i = 0; i < m->nbands; i++) {
                w[i] = m->band_m[i];
                w[m->nbands + i] = m->band_f[i];
            }
            m->sexage = gsl_ran_discrete_preproc((size_t)(2 * m->nbands), w);
        }
        yaml_node_t *pl = hg_yget(&y, s, "prefectures");
        n = hg_yseq_len(pl);
        if (n <= 0 || n > 64) {
            hg_yerr(&y, d, pl ? pl : s, "prefectures: expected a list of [code, weight]");
        } else {
            double w[64];
            int ok = 1;
            for (int i = 0; i < n; i++) {
                double *v = NULL;
                int k = 0;
                yaml_node_t *row = hg_yseq_at(&y, pl, i);
                if (hg_ydoubles(&y, d, row, &v, &k) || k != 2 || v[0] < 1 || v[0] > 47 ||
                    v[1] < 0) {
                    if (v) hg_yerr(&y, d, row, "prefectures: each row is [JIS code 1-47, weight]");
                    ok = 0;
                } else {
                    m->pref_code[i] = (int)v[0];
                    w[i] = m->pref_weight[i] = v[1];
                }
                free(v);
            }
            m->npref = n;
            if (ok) m->pref = gsl_ran_discrete_preproc((size_t)n, w);
        }
    }
    if ((s = section(&y, d, root, "mortality"))) {
        read_bands(&y, d, s, "rates", "mortality", m->mortality.from, m->mortality.m,
                   m->mortality.f, &m->mortality.n);
        read_prob(&y, d, s, "in_hospital_share", &m->in_hospital_death_share);
    }
    if ((s = section(&y, d, root, "insurance"))) {
        yaml_node_t *ba = hg_yget(&y, s, "by_age");
        int n = hg_yseq_len(ba);
        if (n <= 0 || n > HG_MAX_BANDS) {
            hg_yerr(&y, d, ba ? ba : s, "insurance.by_age: expected a list of shares by age");
        } else {
            static const char *const keys[] = {"from",   "kokuho", "kyokai", "kumiai",
                                               "kyosai", "kouki",  "seiho",  NULL};
            for (int i = 0; i < n; i++) {
                yaml_node_t *row = hg_yseq_at(&y, ba, i);
                if (hg_ykeys(&y, d, row, "insurance.by_age row", keys)) continue;
                long from;
                if (hg_ykey_long(&y, d, row, "from", &from)) continue;
                m->ins_from[i] = (int)from;
                double sum = 0;
                for (int t = 0; t < HG_NINS; t++) {
                    yaml_node_t *v = hg_yget(&y, row, hg_ins_names[t]);
                    m->ins_share[i][t] = 0;
                    if (v && hg_ydouble(&y, d, v, &m->ins_share[i][t]) == 0 &&
                        m->ins_share[i][t] < 0)
                        hg_yerr(&y, d, v, "insurer shares must not be negative");
                    sum += m->ins_share[i][t];
                }
                if (fabs(sum - 1) > 0.01)
                    hg_yerr(&y, d, row, "insurer shares add up to %.3f, not 1", sum);
                else
                    m->ins_table[i] = gsl_ran_discrete_preproc(HG_NINS, m->ins_share[i]);
                if (from >= 75 && m->ins_share[i][HG_INS_KOUKI] == 0)
                    hg_yerr(&y, d, row, "from 75 everyone is in 後期高齢者医療 (kouki) or seiho");
                if (from < 75 && m->ins_share[i][HG_INS_KOUKI] > 0)
                    hg_yerr(&y, d, row, "kouki applies from age 75 only");
            }
            m->nins_bands = n;
            if (m->ins_from[0] != 0) hg_yerr(&y, d, ba, "insurance.by_age must start at from: 0");
        }
        read_prob(&y, d, s, "job_change_per_year", &m->job_change_per_year);
        read_prob(&y, d, s, "dependent_share_male", &m->dependent_share_m);
        read_prob(&y, d, s, "dependent_share_female", &m->dependent_share_f);
        read_count(&y, d, s, "kumiai_per_prefecture", 1, 899, &m->kumiai_per_pref);
        read_count(&y, d, s, "kokuho_per_prefecture", 1, 899, &m->kokuho_per_pref);
        read_prob(&y, d, s, "copay_30_share_70_74", &m->copay30_70_74);
        double *v = NULL;
        int k = 0;
        yaml_node_t *kc = hg_yget(&y, s, "kouki_copay_shares");
        if (hg_ydoubles(&y, d, kc, &v, &k) == 0) {
            if (k != 3 || fabs(v[0] + v[1] + v[2] - 1) > 0.01)
                hg_yerr(&y, d, kc, "kouki_copay_shares: three shares (1割, 2割, 3割) adding to 1");
            else
                memcpy(m->kouki_copay, v, sizeof m->kouki_copay);
        }
        free(v);
    }
    if ((s = section(&y, d, root, "names")))
        read_prob(&y, d, s, "name_change_per_year_female_20_39", &m->name_change_per_year_f20_39);
    if ((s = section(&y, d, root, "conditions")))
        read_prob(&y, d, s, "metabolic_rho", &m->metabolic_rho);
    if ((s = section(&y, d, root, "care"))) {
        read_count(&y, d, s, "clinics_per_prefecture", 1, 9999, &m->clinics_per_pref);
        read_count(&y, d, s, "hospitals_per_prefecture", 1, 9999, &m->hospitals_per_pref);
        read_prob(&y, d, s, "outside_rx_share", &m->outside_rx_share);
        read_prob(&y, d, s, "dpc_hospital_share", &m->dpc_hospital_share);
        read_count(&y, d, s, "pharmacies_per_prefecture", 1, 9999, &m->pharmacies_per_pref);
        read_prob(&y, d, s, "gate_pharmacy_share", &m->gate_pharmacy_share);
        read_count(&y, d, s, "max_internal_dispensing_fees", 1, 99, &m->max_internal_fees);
        read_prob(&y, d, s, "acute_home_clinic_share", &m->acute_home_clinic_share);
        if (hg_ykey_double(&y, d, s, "acute_revisits_mean", &m->acute_revisit_mean) == 0 &&
            (m->acute_revisit_mean < 0 || m->acute_revisit_mean > 5))
            hg_yerr(&y, d, hg_yget(&y, s, "acute_revisits_mean"), "must be between 0 and 5");
        read_count(&y, d, s, "meal_yen", 0, 10000, &m->meal_yen);
        read_count(&y, d, s, "max_rx_days", 1, 365, &m->max_rx_days);
        read_count(&y, d, s, "internal_dept", 1, 99, &m->internal_dept);
        read_count(&y, d, s, "paediatrics_dept", 1, 99, &m->paediatrics_dept);
        read_count(&y, d, s, "paediatrics_until_age", 0, 20, &m->paediatrics_until);
    }
    /* codes name master rows, so they are only checked when the masters loaded */
    if ((s = section(&y, d, root, "codes")) && m->prac_act.nrows && m->mddf.nrows) {
        /* resolved against the masters later; keep the text for now */
        static const char *const keys[] = {"first_visit",
                                           "revisit",
                                           "outpatient_mgmt_add",
                                           "chronic_mgmt",
                                           "rx_slip",
                                           "rx_fee",
                                           "dispense_fee",
                                           "drug_info",
                                           "blood_draw",
                                           "inpatient_basic",
                                           "suspected_modifier",
                                           "free_comment",
                                           "pharmacy_basic",
                                           "pharmacy_history_mgmt",
                                           NULL};
        hg_ykeys(&y, d, s, "codes", keys);
        int *dst[] = {&m->codes.first_visit,    &m->codes.revisit,   &m->codes.mgmt_add,
                      &m->codes.chronic_mgmt,   &m->codes.rx_slip,   &m->codes.rx_fee,
                      &m->codes.dispense_fee,   &m->codes.drug_info, &m->codes.blood_draw,
                      &m->codes.inpatient_basic};
        for (int i = 0; i < 10; i++) {
            yaml_node_t *v = hg_yget(&y, s, keys[i]);
            const char *code = hg_ystr(v);
            *dst[i] = -1;
            if (!code) {
                hg_yerr(&y, d, s, "codes: missing '%s'", keys[i]);
                continue;
            }
            *dst[i] = hg_mtab_find(&m->prac_act, code);
            if (*dst[i] < 0)
                hg_yerr(&y, d, v, "codes.%s: %s is not in the 診療行為 master (%s)", keys[i], code,
                        m->prac_act.file ? m->prac_act.file : "not loaded");
        }
        yaml_node_t *v = hg_yget(&y, s, "suspected_modifier");
        m->codes.suspected_modifier = hg_mtab_find(&m->mddf, hg_ystr(v) ? hg_ystr(v) : "");
        if (m->codes.suspected_modifier < 0)
            hg_yerr(&y, d, v ? v : s, "codes.suspected_modifier: not in the 修飾語 master");
        long fc = 0;
        if (hg_ykey_long(&y, d, s, "free_comment", &fc) == 0) m->codes.free_comment = (int)fc;
        const char *pha[] = {"pharmacy_basic", "pharmacy_history_mgmt"};
        int *pdst[] = {&m->codes.pha_basic, &m->codes.pha_history_mgmt};
        for (int i = 0; i < 2; i++) {
            yaml_node_t *pv = hg_yget(&y, s, pha[i]);
            *pdst[i] = hg_mtab_find(&m->dspng_act, hg_ystr(pv));
            if (*pdst[i] < 0)
                hg_yerr(&y, d, pv ? pv : s, "codes.%s: not in the 調剤行為 master (%s)", pha[i],
                        m->dspng_act.file ? m->dspng_act.file : "not loaded");
        }
    }
    hg_ydoc_free(&y);
    return d->nerrors == before ? 0 : -1;
}

/* ---- masters ---- */

static void path_join(char *out, size_t n, const char *dir, const char *file)
{
    snprintf(out, n, "%s/%s", dir, file);
}

static int load_official(hg_model *m, const char *specs_dir, const char *dir, hg_diag *d)
{
    char lp[4096];
    path_join(lp, sizeof lp, specs_dir, "official_masters.yaml");
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
        const char **cn = calloc((size_t)nc, sizeof *cn);
        int *pos = calloc((size_t)nc, sizeof *pos);
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

static int parse_num(const hg_mtab *t, int row, int col, double lo, double hi, double *out,
                     hg_diag *d)
{
    const char *s = hg_mtab_cell(t, row, col);
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || v < lo || v > hi) {
        hg_diag_at(d, t->file, t->lines[row], 0, "%s '%s' must be a number from %g to %g",
                   t->cols[col], s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
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
    if (t->nrows > HG_MAX_CONDS) {
        hg_diag_at(d, t->file, 0, 0, "at most %d conditions", HG_MAX_CONDS);
        return;
    }
    for (int r = 0; r < t->nrows; r++) {
        hg_condition *k = &m->conds[m->nconds++];
        memset(k, 0, sizeof *k);
        snprintf(k->id, sizeof k->id, "%s", hg_mtab_cell(t, r, c[0]));
        snprintf(k->name_ja, sizeof k->name_ja, "%s", hg_mtab_cell(t, r, c[1]));
        snprintf(k->name_en, sizeof k->name_en, "%s", hg_mtab_cell(t, r, c[2]));
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
        if (!parse_num(t, r, c[5], 0, 120, &v, d)) k->min_age = (int)v;
        if (!parse_num(t, r, c[6], 0, 150, &v, d)) k->max_age = (int)v;
        if (!parse_num(t, r, c[7], 0, 12, &v, d)) k->visit_every = (int)v;
        if (k->kind != HG_COND_ACUTE && k->visit_every < 1)
            hg_diag_at(d, t->file, t->lines[r], 0, "chronic conditions need visit_every >= 1");
        parse_num(t, r, c[8], 0, 12, &k->admit, d);
        parse_num(t, r, c[9], 0, 365, &k->los_mean, d);
        if (k->admit > 0 && k->los_mean < 1)
            hg_diag_at(d, t->file, t->lines[r], 0,
                       "a condition with admissions needs los_mean >= 1");
        parse_num(t, r, c[10], 0.1, 50, &k->death_rr, d);
        if (!parse_num(t, r, c[11], 0, 1, &v, d)) k->metabolic = (int)v;
        if (!parse_num(t, r, c[12], 0, 1, &v, d)) k->mgmt = (int)v;
        parse_num(t, r, c[14], 0, 1, &k->suspect_prob, d);
        k->suspect_of = -1;
        k->dpc = -1;
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
        if (parse_num(t, r, ca, 0, 120, &a, d) || parse_num(t, r, cm, 0, hi, &mv, d) ||
            parse_num(t, r, cf, 0, hi, &fv, d))
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
        else if (parse_num(t, r, cw, 0, 1e9, &w, d) == 0) {
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
    m->regdrugs = calloc((size_t)t->nrows + 1, sizeof *m->regdrugs);
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
            parse_num(t, r, cw, 0, 1e9, &c->reg_w[c->nreg], d);
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
        if (parse_num(t, r, ca, 0.00001, 99999, &amt, d)) continue;
        const char *ps = hg_mtab_cell(&m->medicine, g->med_row, price_col);
        char *end;
        price = strtod(ps, &end);
        if (!*ps || *end || price < 0) {
            hg_diag_at(d, m->medicine.file, m->medicine.lines[g->med_row], 0,
                       "nnp_price '%s' of %s is not a price", ps, code);
            continue;
        }
        snprintf(g->direction, sizeof g->direction, "%.3s", hg_mtab_cell(t, r, cdir));
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
    m->tests = calloc((size_t)t->nrows + 1, sizeof *m->tests);
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
        if (parse_num(t, r, ce, 1, 12, &e, d) || parse_num(t, r, cp, 0, 1, &x->prob, d)) continue;
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

static void load_fees(hg_model *m, hg_diag *d)
{
    hg_mtab *a = &m->dspng_act, *t = &m->fees_tab;
    int cp = hg_mtab_col(a, "sc_new_now_score");
    m->dspng_points = calloc((size_t)a->nrows + 1, sizeof *m->dspng_points);
    for (int r = 0; r < a->nrows; r++) {
        double v;
        if (parse_num(a, r, cp, 0, 1e6, &v, d) == 0) m->dspng_points[r] = (int)lround(v);
    }
    int cf = hg_mtab_col(t, "form"), c0 = hg_mtab_col(t, "days_from"),
        c1 = hg_mtab_col(t, "days_to"), cc = hg_mtab_col(t, "dspng_act_cd"),
        cb = hg_mtab_col(t, "base_points"), cd = hg_mtab_col(t, "points_per_day");
    m->fees = calloc((size_t)t->nrows + 1, sizeof *m->fees);
    for (int r = 0; r < t->nrows; r++) {
        hg_disp_fee *f = &m->fees[m->nfees];
        const char *form = hg_mtab_cell(t, r, cf), *code = hg_mtab_cell(t, r, cc);
        f->form = !strcmp(form, "internal")   ? 1
                  : !strcmp(form, "prn")      ? 2
                  : !strcmp(form, "external") ? 3
                                              : 0;
        double a0, a1, b, pd;
        if (!f->form) {
            hg_diag_at(d, t->file, t->lines[r], 0, "form '%s' must be internal, prn or external",
                       form);
            continue;
        }
        if (parse_num(t, r, c0, 1, 999, &a0, d) || parse_num(t, r, c1, 1, 999, &a1, d) ||
            parse_num(t, r, cb, 0, 1e5, &b, d) || parse_num(t, r, cd, 0, 1e4, &pd, d))
            continue;
        f->act_row = hg_mtab_find(a, code);
        if (f->act_row < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "調剤行為 code %s is not in %s", code, a->file);
            continue;
        }
        f->days_from = (int)a0;
        f->days_to = (int)a1;
        f->base = (int)b;
        f->per_day = (int)pd;
        m->nfees++;
    }
}

int hg_model_masters(hg_model *m, hg_mtab **out, int max)
{
    hg_mtab *all[] = {&m->skwd,
                      &m->mddf,
                      &m->prac_act,
                      &m->medicine,
                      &m->dspng_act,
                      &m->dpc_tab,
                      m->ck ? &m->ck->items : NULL,
                      m->den ? &m->den->acts : NULL,
                      m->care ? &m->care->services : NULL,
                      m->care ? &m->care->items : NULL};
    int n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0] && n < max; i++)
        if (all[i] && all[i]->kind.name) out[n++] = all[i];
    return n;
}

static void load_dpc(hg_model *m, hg_diag *d)
{
    hg_mtab *t = &m->dpc_tab;
    int cc = hg_mtab_col(t, "cond");
    static const char *const dn[] = {"days1", "days2", "days3"};
    static const char *const pn[] = {"points1", "points2", "points3"};
    m->dpc = calloc((size_t)t->nrows + 1, sizeof *m->dpc);
    for (int r = 0; r < t->nrows; r++) {
        const char *code = hg_mtab_cell(t, r, 0);
        int k = hg_model_cond(m, hg_mtab_cell(t, r, cc));
        if (strlen(code) != 14) {
            hg_diag_at(d, t->file, t->lines[r], 0, "診断群分類番号 '%s' must have 14 characters",
                       code);
            continue;
        }
        if (k < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv",
                       hg_mtab_cell(t, r, cc));
            continue;
        }
        if (m->conds[k].dpc >= 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "condition %s has two DPC codes",
                       m->conds[k].id);
            continue;
        }
        hg_dpc *x = &m->dpc[m->ndpc];
        x->row = r;
        int bad = 0;
        for (int i = 0; i < 3; i++) {
            double dv, pv;
            bad |= parse_num(t, r, hg_mtab_col(t, dn[i]), 1, 999, &dv, d) ||
                   parse_num(t, r, hg_mtab_col(t, pn[i]), 1, 1e5, &pv, d);
            x->days[i] = (int)dv;
            x->points[i] = (int)pv;
        }
        if (!bad && !(x->days[0] < x->days[1] && x->days[1] < x->days[2])) {
            hg_diag_at(d, t->file, t->lines[r], 0, "days1 < days2 < days3 (入院期間 I, II, III)");
            bad = 1;
        }
        if (!bad) m->conds[k].dpc = m->ndpc++;
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

const hg_disp_fee *hg_disp_fee_for(const hg_model *m, int form, int qty)
{
    for (int i = 0; i < m->nfees; i++)
        if (m->fees[i].form == form && qty >= m->fees[i].days_from && qty <= m->fees[i].days_to)
            return &m->fees[i];
    return NULL;
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
        *lists[l] = calloc((size_t)t->nrows + 1, sizeof **lists[l]);
        double *w = calloc((size_t)t->nrows + 1, sizeof *w);
        for (int r = 0; r < t->nrows; r++) {
            if (strcmp(hg_mtab_cell(t, r, ck), kinds[l]) != 0) continue;
            double v;
            if (parse_num(t, r, cw, 0, 1e9, &v, d)) continue;
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
            hg_diag_at(d, t->file, t->lines[r], 0, "kind '%s' must be surname, male or female", k);
    }
}

int hg_model_load(hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    memset(m, 0, sizeof *m);
    int before = d->nerrors;
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
    static const char *const rc[] = {
        "cond",      "name_ja", "name_en",     "kind",         "dept",     "sex",
        "min_age",   "max_age", "visit_every", "admit",        "los_mean", "death_rr",
        "metabolic", "mgmt",    "suspect_of",  "suspect_prob", NULL};
    static const char *const rdp[] = {"dept", "name_ja", NULL};
    int depts_ok = load_one(&m->depts_tab, md, "departments", rdp, 1, d) == 0;
    static const char *const rr[] = {"cond", "age_from", "male", "female", NULL};
    static const char *const rd[] = {"cond", "skwd_name_cd", "weight", NULL};
    static const char *const rg[] = {
        "cond", "regimen", "regimen_weight", "medicine_cd", "daily_amount", "form", NULL};
    static const char *const rt[] = {"cond", "prac_act_cd", "every_months", "prob", NULL};
    static const char *const rl[] = {"prac_act_cd", "judge_cd", "blood", NULL};
    static const char *const rn[] = {"kana", "kind", "weight", NULL};
    int ok = depts_ok && load_one(&m->conds_tab, md, "conditions", rc, 1, d) == 0;
    ok &= load_one(&m->rates_tab, md, "condition_rates", rr, 0, d) == 0;
    ok &= load_one(&m->dis_tab, md, "condition_diseases", rd, 0, d) == 0;
    ok &= load_one(&m->drugs_tab, md, "condition_drugs", rg, 0, d) == 0;
    ok &= load_one(&m->tests_tab, md, "condition_tests", rt, 0, d) == 0;
    ok &= load_one(&m->labs_tab, md, "lab_tests", rl, 1, d) == 0;
    static const char *const rda[] = {"dspng_act_cd", "dan_kanj", "sc_new_now_score", NULL};
    static const char *const rfe[] = {"form",        "days_from",      "days_to", "dspng_act_cd",
                                      "base_points", "points_per_day", NULL};
    ok &= load_one(&m->dspng_act, md, "dspng_act", rda, 1, d) == 0;
    ok &= load_one(&m->fees_tab, md, "dispensing_fees", rfe, 0, d) == 0;
    static const char *const rdpc[] = {"dpc_cd", "name",    "cond",    "mdc_cd",  "days1", "days2",
                                       "days3",  "points1", "points2", "points3", NULL};
    ok &= load_one(&m->dpc_tab, md, "dpc", rdpc, 1, d) == 0;
    ok &= load_one(&m->names_tab, md, "kana_names", rn, 0, d) == 0;
    char mp[4096];
    path_join(mp, sizeof mp, p->specs_dir, "model.yaml");
    load_params(m, mp, d);
    int pc = hg_mtab_col(&m->prac_act, "nns_new_now_score");
    m->act_points = calloc((size_t)m->prac_act.nrows + 1, sizeof *m->act_points);
    for (int r = 0; r < m->prac_act.nrows && pc >= 0; r++) {
        const char *v = hg_mtab_cell(&m->prac_act, r, pc);
        char *end;
        double x = strtod(v, &end);
        if (!*v || *end || x < 0)
            hg_diag_at(d, m->prac_act.file, m->prac_act.lines[r], 0,
                       "nns_new_now_score '%s' is not a number of points", v);
        else
            m->act_points[r] = (int)lround(x);
    }
    if (ok && d->nerrors == before) {
        load_conditions(m, d);
        load_rates(m, d);
        load_diseases(m, d);
        load_drugs(m, d);
        load_tests(m, d);
        load_names(m, d);
        load_fees(m, d);
        load_dpc(m, d);
        hg_checkup_load(m, p->specs_dir, md, d);
        hg_dental_load(m, p->specs_dir, md, d);
        hg_care_load(m, p->specs_dir, md, d);
    }
    return d->nerrors == before ? 0 : -1;
}

void hg_model_free(hg_model *m)
{
    hg_mtab *tabs[] = {&m->skwd,      &m->mddf,      &m->prac_act,  &m->medicine,  &m->conds_tab,
                       &m->rates_tab, &m->dis_tab,   &m->drugs_tab, &m->tests_tab, &m->labs_tab,
                       &m->names_tab, &m->depts_tab, &m->dspng_act, &m->fees_tab,  &m->dpc_tab};
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) hg_mtab_free(tabs[i]);
    if (m->sexage) gsl_ran_discrete_free(m->sexage);
    if (m->pref) gsl_ran_discrete_free(m->pref);
    for (int i = 0; i < m->nins_bands; i++)
        if (m->ins_table[i]) gsl_ran_discrete_free(m->ins_table[i]);
    for (int k = 0; k < m->nconds; k++) {
        if (m->conds[k].dis_table) gsl_ran_discrete_free(m->conds[k].dis_table);
        if (m->conds[k].reg_table) gsl_ran_discrete_free(m->conds[k].reg_table);
    }
    hg_checkup_free(m->ck);
    hg_dental_free(m->den);
    hg_care_free(m->care);
    free(m->act_points);
    free(m->dspng_points);
    free(m->fees);
    free(m->dpc);
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
