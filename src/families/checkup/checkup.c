/* hicgen — 特定健診 and 特定保健指導: model loading, values, questionnaire, rules, records. */
#include "families/checkup/checkup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include "families/claims.h"
#include "hicgen/date.h"
#include "hicgen/records.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"
#include "hicgen/yamlx.h"

static const char *const var_names[CK_NVARS] = {"bmi", "sbp", "ldl", "hba1c",
                                                "tg",  "hdl", "alt", "cr"};

/* ---------------- loading ---------------- */

/* A list of condition ids into indexes. */
static void cond_list(hg_ydoc *y, hg_diag *d, const hg_model *m, yaml_node_t *n, int *out, int *cnt)
{
    int len = hg_yseq_len(n);
    *cnt = 0;
    if (len < 0) {
        hg_yerr(y, d, n, "expected a list of condition ids like [HT]");
        return;
    }
    for (int i = 0; i < len && *cnt < 8; i++) {
        yaml_node_t *it = hg_yseq_at(y, n, i);
        int k = hg_model_cond(m, hg_ystr(it));
        if (k < 0)
            hg_yerr(y, d, it, "'%s' is not in conditions.csv", hg_ystr(it) ? hg_ystr(it) : "?");
        else
            out[(*cnt)++] = k;
    }
}

/* Rows of numbers of a fixed width. */
static int rows_of(hg_ydoc *y, hg_diag *d, yaml_node_t *n, int width, double (*out)[8], int max)
{
    int len = hg_yseq_len(n);
    if (len <= 0 || len > max) {
        hg_yerr(y, d, n, "expected a list of rows of %d numbers", width);
        return -1;
    }
    for (int i = 0; i < len; i++) {
        double *v = NULL;
        int k = 0;
        yaml_node_t *row = hg_yseq_at(y, n, i);
        if (hg_ydoubles(y, d, row, &v, &k) || k != width) {
            if (v) hg_yerr(y, d, row, "expected %d numbers", width);
            free(v);
            return -1;
        }
        memcpy(out[i], v, (size_t)width * sizeof(double));
        free(v);
    }
    return len;
}

static double num(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, double lo, double hi)
{
    double v = 0;
    if (hg_ykey_double(y, d, m, key, &v) == 0 && (v < lo || v > hi))
        hg_yerr(y, d, hg_yget(y, m, key), "%s must be between %g and %g", key, lo, hi);
    return v;
}

static void triple(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, double *out, int n)
{
    double *v = NULL;
    int k = 0;
    yaml_node_t *node = hg_yget(y, m, key);
    if (!node) {
        hg_yerr(y, d, m, "missing key '%s'", key);
        return;
    }
    if (hg_ydoubles(y, d, node, &v, &k) == 0 && k != n)
        hg_yerr(y, d, node, "%s: expected %d numbers", key, n);
    else if (v)
        memcpy(out, v, (size_t)n * sizeof *out);
    free(v);
}

int hg_checkup_load(hg_model *m, const char *specs_dir, const char *masters_dir, hg_diag *d)
{
    int before = d->nerrors;
    hg_checkup_model *ck = calloc(1, sizeof *ck);
    m->ck = ck;
    char path[4096];
    snprintf(path, sizeof path, "%s/tokken_items.csv", masters_dir);
    static const char *const req[] = {"item_cd", "name",    "unit",     "kind",
                                      "svl_lwr", "svl_upr", "decimals", NULL};
    hg_mtab_load(&ck->items, "tokken_item", path, req, 1, d);
    ck->col_unit = hg_mtab_col(&ck->items, "unit");
    ck->col_lwr = hg_mtab_col(&ck->items, "svl_lwr");
    ck->col_upr = hg_mtab_col(&ck->items, "svl_upr");
    snprintf(path, sizeof path, "%s/checkup.yaml", specs_dir);
    hg_ydoc y;
    if (hg_ydoc_load(&y, path, NULL, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *c = hg_yget(&y, hg_yroot(&y), "checkup");
    if (!c || c->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, hg_yroot(&y), "expected a top-level 'checkup:' mapping");
        hg_ydoc_free(&y);
        return -1;
    }
    ck->age_from = (int)num(&y, d, c, "age_from", 0, 120);
    ck->age_to = (int)num(&y, d, c, "age_to", 0, 120);
    yaml_node_t *pt = hg_yget(&y, c, "participation");
    for (int t = 0; t < HG_NINS; t++) {
        yaml_node_t *v = hg_yget(&y, pt, hg_ins_names[t]);
        if (v && hg_ydouble(&y, d, v, &ck->part[t]) == 0 && (ck->part[t] < 0 || ck->part[t] > 1))
            hg_yerr(&y, d, v, "participation must be a share between 0 and 1");
    }
    yaml_node_t *sf = hg_yget(&y, c, "sex_factor");
    ck->sex_factor[HG_SEX_M] = num(&y, d, sf, "male", 0, 2);
    ck->sex_factor[HG_SEX_F] = num(&y, d, sf, "female", 0, 2);
    double *mw = NULL;
    int nmw = 0;
    yaml_node_t *mwn = hg_yget(&y, c, "month_weights");
    if (hg_ydoubles(&y, d, mwn, &mw, &nmw) == 0) {
        if (nmw != 12)
            hg_yerr(&y, d, mwn, "month_weights: twelve weights, April to March");
        else
            ck->month_t = gsl_ran_discrete_preproc(12, mw);
    }
    free(mw);
    ck->window = (int)num(&y, d, c, "drug_window_months", 0, 24);
    yaml_node_t *dc = hg_yget(&y, c, "drug_classes");
    static const char *const cls[] = {"bp", "glucose", "lipid"};
    for (int i = 0; i < 3; i++)
        cond_list(&y, d, m, hg_yget(&y, dc, cls[i]), ck->cls[i], &ck->ncls[i]);
    yaml_node_t *hi = hg_yget(&y, c, "history");
    static const char *const hist[] = {"stroke", "heart", "kidney", "anaemia"};
    for (int i = 0; i < 4; i++)
        cond_list(&y, d, m, hg_yget(&y, hi, hist[i]), ck->hist[i], &ck->nhist[i]);
    yaml_node_t *th = hg_yget(&y, c, "thresholds");
    ck->th.waist_m = num(&y, d, th, "waist_male", 0, 200);
    ck->th.waist_f = num(&y, d, th, "waist_female", 0, 200);
    ck->th.bmi = num(&y, d, th, "bmi", 0, 100);
    ck->th.fpg = num(&y, d, th, "glucose_fpg", 0, 500);
    ck->th.hba1c = num(&y, d, th, "glucose_hba1c", 0, 20);
    ck->th.tg = num(&y, d, th, "tg", 0, 2000);
    ck->th.hdl = num(&y, d, th, "hdl", 0, 200);
    ck->th.sbp = num(&y, d, th, "sbp", 0, 300);
    ck->th.dbp = num(&y, d, th, "dbp", 0, 300);
    ck->th.metabo_fpg = num(&y, d, th, "metabo_fpg", 0, 500);
    ck->th.metabo_hba1c = num(&y, d, th, "metabo_hba1c", 0, 20);
    ck->th.downgrade_age = (int)num(&y, d, th, "downgrade_age", 0, 120);
    yaml_node_t *vars = hg_yget(&y, c, "variables");
    for (int i = 0; i < CK_NVARS; i++) {
        hg_ckvar *v = &ck->var[i];
        yaml_node_t *vn = hg_yget(&y, vars, var_names[i]);
        v->cond = -1;
        if (!vn) {
            hg_yerr(&y, d, vars ? vars : c, "variables: missing '%s'", var_names[i]);
            continue;
        }
        const char *dist = hg_ystr(hg_yget(&y, vn, "dist"));
        if (!dist || (strcmp(dist, "normal") && strcmp(dist, "lognormal")))
            hg_yerr(&y, d, vn, "%s: dist must be normal or lognormal", var_names[i]);
        v->lognormal = dist && !strcmp(dist, "lognormal");
        v->factor = num(&y, d, vn, "factor", -1, 1);
        yaml_node_t *cn = hg_yget(&y, vn, "condition");
        if (cn) {
            v->cond = hg_model_cond(m, hg_ystr(cn));
            if (v->cond < 0)
                hg_yerr(&y, d, cn, "%s: condition is not in conditions.csv", var_names[i]);
            v->cond_w = num(&y, d, vn, "condition_weight", 0, 1);
        }
        if (v->factor * v->factor + v->cond_w * v->cond_w > 0.95)
            hg_yerr(&y, d, vn, "%s: factor² + condition_weight² must stay below 0.95",
                    var_names[i]);
        double rows[12][8];
        int n = rows_of(&y, d, hg_yget(&y, vn, "by_age"), 7, rows, 12);
        for (int r = 0; r < n; r++) {
            v->from[r] = (int)rows[r][0];
            for (int k = 0; k < 6; k++) v->q[r][k] = rows[r][k + 1];
            if (!(v->q[r][0] < v->q[r][1] && v->q[r][1] < v->q[r][2] && v->q[r][3] < v->q[r][4] &&
                  v->q[r][4] < v->q[r][5]) ||
                (v->lognormal && v->q[r][0] <= 0))
                hg_yerr(&y, d, hg_yseq_at(&y, hg_yget(&y, vn, "by_age"), r),
                        "%s: percentiles must ascend (P25 < P50 < P75, positive for lognormal)",
                        var_names[i]);
        }
        v->nb = n > 0 ? n : 0;
        yaml_node_t *bn = hg_yget(&y, vn, "bins");
        if (bn) {
            double *ed = NULL, *bd = NULL;
            int ne = 0, nbd = 0;
            if (hg_ydoubles(&y, d, hg_yget(&y, bn, "edges"), &ed, &ne) == 0 && ne > 0 && ne <= 10 &&
                hg_ydoubles(&y, d, hg_yget(&y, bn, "bounds"), &bd, &nbd) == 0 && nbd == 2) {
                v->nedges = ne;
                memcpy(v->edges, ed, (size_t)ne * sizeof *ed);
                v->lo = bd[0];
                v->hi = bd[1];
                if (v->lo >= ed[0] || v->hi <= ed[ne - 1])
                    hg_yerr(&y, d, bn, "%s: bounds must enclose the edges", var_names[i]);
                static const char *const sk[] = {"", "male", "female"};
                for (int sx = 1; sx <= 2; sx++) {
                    yaml_node_t *rn = hg_yget(&y, bn, sk[sx]);
                    int len = hg_yseq_len(rn);
                    for (int r = 0; r < len && r < 12; r++) {
                        double *rv = NULL;
                        int k = 0;
                        yaml_node_t *row = hg_yseq_at(&y, rn, r);
                        if (hg_ydoubles(&y, d, row, &rv, &k) || k != ne + 2) {
                            if (rv)
                                hg_yerr(&y, d, row, "%s: [age, %d shares]", var_names[i], ne + 1);
                            free(rv);
                            continue;
                        }
                        double tot = 0;
                        for (int b = 0; b <= ne; b++) tot += rv[b + 1];
                        if (fabs(tot - 100) > 1.5)
                            hg_yerr(&y, d, row, "%s: shares add up to %.1f, not 100", var_names[i],
                                    tot);
                        v->bfrom[sx][r] = (int)rv[0];
                        for (int b = 0; b <= ne; b++) v->bins[sx][r][b] = rv[b + 1] / tot;
                        free(rv);
                    }
                    v->nbrows[sx] = len > 12 ? 12 : len < 0 ? 0 : len;
                }
            } else
                hg_yerr(&y, d, bn, "%s: bins need edges and bounds [low, high]", var_names[i]);
            free(ed);
            free(bd);
        }
    }
    double corr[CK_NVARS][8];
    yaml_node_t *cn = hg_yget(&y, c, "correlations");
    if (rows_of(&y, d, cn, CK_NVARS, corr, CK_NVARS) == CK_NVARS) {
        ck->chol = gsl_matrix_alloc(CK_NVARS, CK_NVARS);
        for (int i = 0; i < CK_NVARS; i++)
            for (int j = 0; j < CK_NVARS; j++) gsl_matrix_set(ck->chol, i, j, corr[i][j]);
        gsl_set_error_handler_off();
        if (gsl_linalg_cholesky_decomp1(ck->chol) != 0) {
            hg_yerr(&y, d, cn, "correlations: the matrix is not positive definite");
            gsl_matrix_free(ck->chol);
            ck->chol = NULL;
        }
    } else if (d->nerrors == before)
        hg_yerr(&y, d, cn ? cn : c, "correlations: an %d×%d matrix", CK_NVARS, CK_NVARS);
    yaml_node_t *dv = hg_yget(&y, c, "derived");
    triple(&y, d, dv, "waist_male", ck->waist[HG_SEX_M], 3);
    triple(&y, d, dv, "waist_female", ck->waist[HG_SEX_F], 3);
    triple(&y, d, dv, "dbp_male", ck->dbp[HG_SEX_M], 3);
    triple(&y, d, dv, "dbp_female", ck->dbp[HG_SEX_F], 3);
    triple(&y, d, dv, "ast_from_alt", ck->ast, 3);
    triple(&y, d, dv, "fpg", ck->fpg, 3);
    triple(&y, d, dv, "ggt_male", ck->ggt[HG_SEX_M], 4);
    triple(&y, d, dv, "ggt_female", ck->ggt[HG_SEX_F], 4);
    static const char *const hkeys[] = {"", "height_male", "height_female"};
    for (int sx = 1; sx <= 2; sx++) {
        yaml_node_t *hn = hg_yget(&y, dv, hkeys[sx]);
        int len = hg_yseq_len(hn);
        if (len < 2 || len > 9) {
            hg_yerr(&y, d, hn ? hn : dv, "%s: [[age, mean], ..., sd]", hkeys[sx]);
            continue;
        }
        for (int i = 0; i < len - 1; i++) {
            double *v = NULL;
            int k = 0;
            if (hg_ydoubles(&y, d, hg_yseq_at(&y, hn, i), &v, &k) == 0 && k == 2) {
                ck->height_from[sx][i] = v[0];
                ck->height_mean[sx][i] = v[1];
            }
            free(v);
        }
        ck->nheight[sx] = len - 1;
        hg_ydouble(&y, d, hg_yseq_at(&y, hn, len - 1), &ck->height_sd[sx]);
    }
    yaml_node_t *up = hg_yget(&y, c, "urine_protein");
    static const char *const sexes[] = {"", "male", "female"};
    for (int sx = 1; sx <= 2; sx++) {
        double rows[12][8];
        int n = rows_of(&y, d, hg_yget(&y, up, sexes[sx]), 6, rows, 12);
        for (int r = 0; r < n; r++) {
            ck->up_from[sx][r] = (int)rows[r][0];
            for (int k = 0; k < 5; k++) ck->up[sx][r][k] = rows[r][k + 1] / 100.0;
        }
        ck->nup[sx] = n > 0 ? n : 0;
    }
    yaml_node_t *q = hg_yget(&y, c, "questionnaire");
    yaml_node_t *sm = hg_yget(&y, q, "smoking");
    ck->smoking[HG_SEX_M] = num(&y, d, sm, "male", 0, 1);
    ck->smoking[HG_SEX_F] = num(&y, d, sm, "female", 0, 1);
    static const char *const yes[] = {
        "weight_gain_10kg",  "exercise_habit", "walking_1h",     "walking_fast", "eating_fast",
        "dinner_before_bed", "snacking",       "skip_breakfast", "sleep_enough", "wants_guidance"};
    for (int i = 0; i < 10; i++) ck->q_yes[i] = num(&y, d, q, yes[i], 0, 1);
    triple(&y, d, q, "drinking", ck->drinking, 3);
    triple(&y, d, q, "drinking_amount", ck->drinking_amount, 4);
    yaml_node_t *gd = hg_yget(&y, c, "guidance");
    ck->uptake = num(&y, d, gd, "uptake", 0, 1);
    ck->completion = num(&y, d, gd, "completion", 0, 1);
    double fc[2] = {14, 90};
    triple(&y, d, gd, "first_contact_days", fc, 2);
    ck->contact_min = (int)fc[0];
    ck->contact_max = (int)fc[1];
    ck->eval_months = (int)num(&y, d, gd, "evaluation_months", 1, 12);
    hg_ydoc_free(&y);
    /* the items the model writes must be in the item master */
    static const char *const need[] = {"9N001000000000001", "9N506000000000011",
                                       "9N701000000000011", "3D046000001906202",
                                       "1A010000000191111"};
    for (size_t i = 0; i < sizeof need / sizeof need[0] && ck->items.nrows; i++)
        if (hg_mtab_find(&ck->items, need[i]) < 0)
            hg_diag_at(d, ck->items.file, 0, 0, "item %s is missing", need[i]);
    ck->loaded = d->nerrors == before;
    return ck->loaded ? 0 : -1;
}

void hg_checkup_free(hg_checkup_model *ck)
{
    if (!ck) return;
    if (ck->month_t) gsl_ran_discrete_free(ck->month_t);
    if (ck->chol) gsl_matrix_free(ck->chol);
    hg_mtab_free(&ck->items);
    free(ck);
}

/* ---------------- rules (formats.md §4.6) ---------------- */

static int waist_over(const hg_ck_thresholds *t, int sex, const hg_ck_values *x)
{
    return x->waist >= (sex == HG_SEX_M ? t->waist_m : t->waist_f);
}

int hg_ck_level(const hg_ck_thresholds *t, int sex, int age, const hg_ck_values *x,
                const hg_ck_answers *a)
{
    /* people on drugs for blood pressure, glucose or lipids get information only */
    if (a->meds[0] == 1 || a->meds[1] == 1 || a->meds[2] == 1) return 3;
    int A = waist_over(t, sex, x), B = !A && x->v[CK_BMI] >= t->bmi;
    if (!A && !B) return 3;
    int risks = (x->fpg >= t->fpg || x->v[CK_HBA1C] >= t->hba1c) +
                (x->v[CK_TG] >= t->tg || x->v[CK_HDL] < t->hdl) +
                (x->v[CK_SBP] >= t->sbp || x->dbp >= t->dbp);
    int smoker = a->smoking == 1 && risks > 0;
    int level;
    if (A)
        level = risks >= 2 ? 1 : risks == 1 ? (smoker ? 1 : 2) : 3;
    else
        level = risks >= 3 ? 1 : risks == 2 ? (smoker ? 1 : 2) : risks == 1 ? 2 : 3;
    if (level == 1 && age >= t->downgrade_age) level = 2;
    return level;
}

int hg_ck_metabo(const hg_ck_thresholds *t, int sex, const hg_ck_values *x)
{
    if (!waist_over(t, sex, x)) return 3;
    int risks = (x->fpg >= t->metabo_fpg || x->v[CK_HBA1C] >= t->metabo_hba1c) +
                (x->v[CK_TG] >= t->tg || x->v[CK_HDL] < t->hdl) +
                (x->v[CK_SBP] >= t->sbp || x->dbp >= t->dbp);
    return risks >= 2 ? 1 : risks == 1 ? 2 : 3;
}

/* ---------------- simulation ---------------- */

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static double quantile(const hg_ckvar *v, int sex, int age, double u)
{
    if (v->nedges) {
        /* the published histogram: find the bin, spread uniformly inside it */
        int r = 0;
        for (int i = 0; i < v->nbrows[sex]; i++)
            if (v->bfrom[sex][i] <= age) r = i;
        const double *sh = v->bins[sex][r];
        double cum = 0;
        for (int b = 0; b <= v->nedges; b++) {
            double lo = b ? v->edges[b - 1] : v->lo, hi = b < v->nedges ? v->edges[b] : v->hi;
            if (u <= cum + sh[b] || b == v->nedges)
                return sh[b] > 0 ? lo + (hi - lo) * clampd((u - cum) / sh[b], 0, 0.999) : lo;
            cum += sh[b];
        }
    }
    int b = 0;
    for (int i = 0; i < v->nb; i++)
        if (v->from[i] <= age) b = i;
    const double *q = v->q[b] + (sex == HG_SEX_M ? 0 : 3);
    double z = gsl_cdf_ugaussian_Pinv(clampd(u, 1e-9, 1 - 1e-9));
    if (v->lognormal) {
        double mu = log(q[1]), sd = (log(q[2]) - log(q[0])) / 1.349;
        return exp(mu + sd * z);
    }
    return q[1] + (q[2] - q[0]) / 1.349 * z;
}

static void simulate_values(const hg_model *m, const hg_checkup_model *ck, const hg_person *p,
                            int age, int32_t date, int daily_drinker, gsl_rng *r, hg_ck_values *x)
{
    double e[CK_NVARS];
    gsl_vector_view ev = gsl_vector_view_array(e, CK_NVARS);
    double zero[CK_NVARS] = {0};
    gsl_vector_const_view mu = gsl_vector_const_view_array(zero, CK_NVARS);
    gsl_ran_multivariate_gaussian(r, &mu.vector, ck->chol, &ev.vector);
    int sx = p->sex;
    for (int i = 0; i < CK_NVARS; i++) {
        const hg_ckvar *v = &ck->var[i];
        double lat = v->factor * p->metabolic_z;
        double rest = 1 - v->factor * v->factor;
        if (v->cond >= 0) {
            /* the condition as a standardised indicator: its carriers sit high */
            double prev = clampd(hg_band_rate(&m->conds[v->cond].rates, sx, age), 0.005, 0.95);
            double dstd =
                ((hg_person_has(p, v->cond, date) ? 1.0 : 0.0) - prev) / sqrt(prev * (1 - prev));
            lat += v->cond_w * dstd;
            rest -= v->cond_w * v->cond_w;
        }
        lat += sqrt(rest > 0.05 ? rest : 0.05) * e[i];
        x->v[i] = quantile(v, sx, age, gsl_cdf_ugaussian_P(lat));
    }
    /* plausible bounds (formats.md §4.5) */
    x->v[CK_BMI] = clampd(x->v[CK_BMI], 14, 55);
    x->v[CK_SBP] = clampd(x->v[CK_SBP], 85, 220);
    x->v[CK_LDL] = clampd(x->v[CK_LDL], 40, 300);
    x->v[CK_HBA1C] = clampd(x->v[CK_HBA1C], 4.3, 13.0);
    x->v[CK_TG] = clampd(x->v[CK_TG], 30, 1000);
    x->v[CK_HDL] = clampd(x->v[CK_HDL], 20, 130);
    x->v[CK_ALT] = clampd(x->v[CK_ALT], 5, 300);
    x->v[CK_CR] = clampd(x->v[CK_CR], 0.35, 8.0);
    /* heights by age, weight from BMI */
    double hm = ck->height_mean[sx][0];
    for (int i = 0; i < ck->nheight[sx]; i++)
        if (ck->height_from[sx][i] <= age) hm = ck->height_mean[sx][i];
    x->height = round(clampd(hm + gsl_ran_gaussian(r, ck->height_sd[sx]), 130, 200) * 10) / 10;
    double hmeter = x->height / 100;
    x->v[CK_BMI] = round(x->v[CK_BMI] * 10) / 10;
    x->weight = round(x->v[CK_BMI] * hmeter * hmeter * 10) / 10;
    x->v[CK_BMI] = round(x->weight / (hmeter * hmeter) * 10) / 10; /* consistent with weight */
    x->waist = round(clampd(ck->waist[sx][0] + ck->waist[sx][1] * x->v[CK_BMI] +
                                gsl_ran_gaussian(r, ck->waist[sx][2]),
                            55, 150) *
                     10) /
               10;
    x->v[CK_SBP] = round(x->v[CK_SBP]);
    x->dbp = round(
        clampd(ck->dbp[sx][0] + ck->dbp[sx][1] * x->v[CK_SBP] + gsl_ran_gaussian(r, ck->dbp[sx][2]),
               40, x->v[CK_SBP] - 10));
    x->v[CK_ALT] = round(x->v[CK_ALT]);
    x->ast = round(
        clampd(ck->ast[0] + ck->ast[1] * x->v[CK_ALT] + gsl_ran_gaussian(r, ck->ast[2]), 5, 400));
    x->fpg = round(clampd(ck->fpg[0] * pow(x->v[CK_HBA1C] / 5.6, ck->fpg[1] * 5) *
                              exp(gsl_ran_gaussian(r, ck->fpg[2])),
                          60, 450));
    const double *gg = ck->ggt[sx];
    x->ggt = round(clampd(gg[0] * pow(x->v[CK_ALT] / 20, gg[1]) * (daily_drinker ? gg[3] : 1) *
                              exp(gsl_ran_gaussian(r, gg[2])),
                          5, 800));
    x->v[CK_HBA1C] = round(x->v[CK_HBA1C] * 10) / 10;
    x->v[CK_LDL] = round(x->v[CK_LDL]);
    x->v[CK_TG] = round(x->v[CK_TG]);
    x->v[CK_HDL] = round(x->v[CK_HDL]);
    x->v[CK_CR] = round(x->v[CK_CR] * 100) / 100;
    /* eGFR (日本人の推算式): 194 × Cr^-1.094 × age^-0.287 (× 0.739 for women) */
    x->egfr = round(194 * pow(x->v[CK_CR], -1.094) * pow(age, -0.287) *
                    (sx == HG_SEX_F ? 0.739 : 1) * 10) /
              10;
    /* urine protein: a latent on blood pressure, glucose and kidney, mapped to the shares */
    int b = 0;
    for (int i = 0; i < ck->nup[sx]; i++)
        if (ck->up_from[sx][i] <= age) b = i;
    double lat = 0.25 * (x->v[CK_SBP] - 125) / 16 + 0.25 * (x->v[CK_HBA1C] - 5.6) / 0.5 +
                 gsl_ran_gaussian(r, 0.93);
    double u = gsl_cdf_ugaussian_P(lat), cum = 0;
    x->urine_protein = 5;
    for (int k = 0; k < 5; k++) {
        cum += ck->up[sx][b][k];
        if (u <= cum) {
            x->urine_protein = k + 1;
            break;
        }
    }
    /* glucose spills into the urine above the renal threshold */
    x->urine_sugar = x->fpg >= 200 ? 4 : x->fpg >= 160 ? 3 : x->fpg >= 130 ? 2 : 1;
}

static int has_any(const hg_person *p, const int *conds, int n, int32_t date)
{
    for (int i = 0; i < n; i++) {
        if (hg_person_has(p, conds[i], date)) return 1;
        for (int e = 0; e < p->nepisodes; e++)
            if (p->episodes[e].cond == conds[i] && p->episodes[e].date <= date) return 1;
    }
    return 0;
}

static int drug_claims(const hg_claim_log *l, const int *conds, int n, int32_t ym, int window)
{
    int idx = (ym / 100) * 12 + ym % 100;
    for (int i = 0; i < l->n; i++) {
        int j = (l->c[i].ym / 100) * 12 + l->c[i].ym % 100;
        if (abs(j - idx) > window) continue;
        for (int k = 0; k < n; k++)
            if (l->c[i].cond == conds[k]) return 1;
    }
    return 0;
}

static int yes_no(gsl_rng *r, double p)
{
    return gsl_rng_uniform(r) < p ? 1 : 2;
}

static int pick(gsl_rng *r, const double *w, int n)
{
    double u = gsl_rng_uniform(r), cum = 0, tot = 0;
    for (int i = 0; i < n; i++) tot += w[i];
    for (int i = 0; i < n; i++) {
        cum += w[i] / tot;
        if (u < cum) return i + 1;
    }
    return n;
}

typedef struct ck_ctx {
    const hg_model *m;
    const hg_checkup_model *ck;
    const hg_person *p;
    hg_emitter *e;
    char key[32], nendo[5];
    int32_t input_ym;
    int row;
    char rowbuf[8]; /* seq2_no of the row being formatted */
} ck_ctx;

static void ck_common(hg_value *v, ck_ctx *c)
{
    memset(v, 0, sizeof(hg_value) * HG_MAX_FIELDS);
    c->row++;
    snprintf(c->rowbuf, sizeof c->rowbuf, "%04d00", c->row % 10000);
    v[0] = hg_vstr(c->key);
    v[1] = hg_vstr(c->rowbuf);
    v[2] = hg_vstr(c->nendo);
    v[3] = hg_vdate(c->input_ym * 100 + 1);
    v[4] = hg_vint((int64_t)c->p->idx);
}

static void emit_ck(ck_ctx *c, int kind, hg_value *v)
{
    hg_emit(c->e, kind, v);
}

/* One 健診 item row: value (PQ) or code (CD), with the reference range and H/L flag. */
static void exam_item(ck_ctx *c, const char *cd, double val, int code)
{
    const hg_mtab *it = &c->ck->items;
    int r = hg_mtab_find(it, cd);
    if (r < 0) return;
    hg_value v[HG_MAX_FIELDS];
    ck_common(v, c);
    v[TKE_cd] = hg_vstr(hg_mtab_cell(it, r, 0));
    const char *unit = hg_mtab_cell(it, r, c->ck->col_unit);
    const char *lo = hg_mtab_cell(it, r, c->ck->col_lwr);
    const char *hi = hg_mtab_cell(it, r, c->ck->col_upr);
    char vc[2] = {(char)('0' + code % 10), '\0'};
    if (code) {
        v[TKE_value_cd] = hg_vstr(vc);
    } else {
        v[TKE_val] = hg_vdec(llround(val * 1000), 3);
        v[TKE_unit] = *unit ? hg_vstr(unit) : hg_vnull();
        if (*lo) v[TKE_svl_lwr] = hg_vdec(llround(atof(lo) * 1000), 3);
        if (*hi) v[TKE_svl_upr] = hg_vdec(llround(atof(hi) * 1000), 3);
        if (*lo && *unit) v[TKE_lwr_unit] = hg_vstr(unit);
        if (*hi && *unit) v[TKE_upr_unit] = hg_vstr(unit);
        v[TKE_eine_div] = hg_vstr(*hi && val > atof(hi) ? "H" : *lo && val < atof(lo) ? "L" : "N");
    }
    emit_ck(c, HG_K_TK_EXAM, v);
}

static void base_ids(hg_value *v, int id1, const hg_person *p, const hg_spell *s, int32_t date,
                     int age, char *b5, char *b10)
{
    const hg_name *nm = hg_person_name(p, date);
    hg_age_bands(age, b5, b10);
    v[id1] = hg_vstr(s->id1);
    v[id1 + 1] = hg_vstr(s->id1n);
    v[id1 + 2] = hg_vstr(nm->id2);
    v[id1 + 3] = hg_vstr(p->id5);
}

static void guidance(ck_ctx *c, const hg_period *per, uint64_t seed, const hg_spell *s,
                     int32_t date, int level, int age, const hg_ck_values *x, gsl_rng *r,
                     const char *checkup_key)
{
    const hg_checkup_model *ck = c->ck;
    const hg_person *p = c->p;
    if (gsl_rng_uniform(r) >= ck->uptake) return;
    int32_t first =
        hg_ymd(hg_days(date) + ck->contact_min +
               (int)gsl_rng_uniform_int(r, (unsigned long)(ck->contact_max - ck->contact_min + 1)));
    int completes = gsl_rng_uniform(r) < ck->completion;
    int32_t eval = hg_ymd(hg_days(first) + 30 * ck->eval_months);
    if (first > per->end || (p->death && first >= p->death)) return;
    if (hg_person_spell(p, first) != s) return; /* the insurer that ran the checkup */
    ck_ctx g = *c;
    snprintf(g.key, sizeof g.key, "H%010llu%s", (unsigned long long)p->idx, c->nendo);
    g.row = 0;
    g.input_ym = hg_ym_add(first / 100, 2);
    hg_value v[HG_MAX_FIELDS];
    char b5[4], b10[4];
    hg_inst in;
    hg_inst_get(c->m, seed, p->pref, HG_INST_CLINIC, p->home_clinic, &in);
    char inst_org[11], inst_anon[11];
    snprintf(inst_org, sizeof inst_org, "%02d1%s", p->pref, in.org);
    snprintf(inst_anon, sizeof inst_anon, "%.3s%s", "hg_", in.anon);
    ck_common(v, &g);
    base_ids(v, THB_id1, p, s, first, age, b5, b10);
    v[THB_age] = hg_vint(age);
    v[THB_sex_cd] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[THB_birth] = hg_vdate(p->birth);
    v[THB_prg_cls] = hg_vstr("010");
    v[THB_date] = hg_vdate(first);
    v[THB_prg_name] = hg_vstr("特定保健指導");
    v[THB_inst_org] = hg_vstr(inst_org);
    v[THB_inst] = hg_vstr(inst_anon);
    v[THB_insurer_no_org] = hg_vstr(s->insurer_no);
    v[THB_insurer_no] = hg_vstr(s->insurer_anon);
    v[THB_rpt_div] = hg_vstr(completes && eval <= per->end ? "22" : "21");
    v[THB_qlfct_div] = hg_vstr("1");
    v[THB_age_band5] = hg_vstr(b5);
    v[THB_age_band10] = hg_vstr(b10);
    v[THB_checkup_key] = hg_vstr(checkup_key);
    emit_ck(&g, HG_K_TH_BASE, v);
    /* support contacts: the first interview, then (積極的) monthly support, then evaluation */
    int contacts = level == 1 ? 4 : 1;
    for (int k = 0; k < contacts; k++) {
        int32_t d = hg_ymd(hg_days(first) + 30 * k);
        if (d > per->end || (k > 0 && !completes)) break;
        ck_common(v, &g);
        v[THE_form_cd] = hg_vstr(k == 0 ? (gsl_rng_uniform(r) < 0.8 ? "1" : "3") : "4");
        v[THE_date] = hg_vdate(d);
        v[THE_efrcr_cd] = hg_vstr(gsl_rng_uniform(r) < 0.7 ? "2" : "3");
        emit_ck(&g, HG_K_TH_ENTRY, v);
    }
    char lv[2] = {(char)('0' + level), '\0'};
    char stage[2] = {(char)('1' + gsl_rng_uniform_int(r, 5)), '\0'};
    ck_common(v, &g);
    v[THR_cd] = hg_vstr("1020000001");
    v[THR_date] = hg_vdate(first);
    v[THR_value] = hg_vstr(lv);
    emit_ck(&g, HG_K_TH_RESULT, v);
    ck_common(v, &g);
    v[THR_cd] = hg_vstr("1020000002");
    v[THR_date] = hg_vdate(first);
    v[THR_value] = hg_vstr(stage);
    emit_ck(&g, HG_K_TH_RESULT, v);
    ck_common(v, &g);
    v[THR_cd] = hg_vstr("1021001031");
    v[THR_date] = hg_vdate(first);
    v[THR_val] = hg_vdec(llround((x->waist - 2) * 1000), 3);
    v[THR_unit] = hg_vstr("cm");
    emit_ck(&g, HG_K_TH_RESULT, v);
    ck_common(v, &g);
    v[THR_cd] = hg_vstr("1032100013");
    v[THR_date] = hg_vdate(first);
    v[THR_time_val] = hg_vint(20 + 10 * (int)gsl_rng_uniform_int(r, 3));
    v[THR_time_unit] = hg_vstr("min");
    emit_ck(&g, HG_K_TH_RESULT, v);
}

void hg_checkup_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                       const hg_claim_log *claims, gsl_rng *r, hg_emitter *e)
{
    const hg_checkup_model *ck = m->ck;
    if (!ck || !ck->loaded) return;
    /* person-level lifestyle: stable from year to year */
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_LIFESTYLE));
    hg_ck_answers life;
    memset(&life, 0, sizeof life);
    life.smoking = yes_no(r, ck->smoking[p->sex]);
    for (int i = 0; i < 10; i++) life.other[i] = yes_no(r, ck->q_yes[i]);
    life.other[10] = pick(r, ck->drinking, 3);
    life.other[11] = pick(r, ck->drinking_amount, 4);
    life.other[12] = 1 + (int)gsl_rng_uniform_int(r, 5); /* 改善意志 1-5 */
    int32_t fy_first = per->start_ym % 100 >= 4 ? per->start_ym / 100 : per->start_ym / 100 - 1;
    int32_t last_ym = hg_ym_add(per->start_ym, per->months - 1);
    for (int fy = fy_first; fy * 100 + 4 <= last_ym; fy++) {
        hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_CHECKUP) + (uint64_t)fy);
        int age_end = hg_age(p->birth, (fy + 1) * 10000 + 331);
        int mo = (int)gsl_ran_discrete(r, ck->month_t); /* 0 = April */
        int32_t ym = hg_ym_add(fy * 100 + 4, mo);
        int32_t date =
            ym * 100 + 1 +
            (int)gsl_rng_uniform_int(r, (unsigned long)hg_month_days(ym / 100, ym % 100));
        double u = gsl_rng_uniform(r);
        if (age_end < ck->age_from || age_end > ck->age_to) continue;
        if (date < per->start || date > per->end || (p->death && date >= p->death)) continue;
        const hg_spell *s = hg_person_spell(p, date);
        if (!s || s->type == HG_INS_KOUKI || s->type == HG_INS_SEIHO) continue;
        if (u >= ck->part[s->type] * ck->sex_factor[p->sex]) continue;
        for (int i = 0; i < p->nstays; i++)
            if (date >= p->stays[i].admit && date <= p->stays[i].discharge) date = 0;
        if (!date) continue;

        int age = hg_age(p->birth, date);
        hg_ck_answers a = life;
        for (int i = 0; i < 3; i++)
            a.meds[i] = drug_claims(claims, ck->cls[i], ck->ncls[i], ym, ck->window) ? 1 : 2;
        for (int i = 0; i < 4; i++)
            a.history[i] = has_any(p, ck->hist[i], ck->nhist[i], date) ? 1 : 2;
        hg_ck_values x;
        simulate_values(m, ck, p, age, date, life.other[10] == 1, r, &x);
        int level = hg_ck_level(&ck->th, p->sex, age, &x, &a);
        int metabo = hg_ck_metabo(&ck->th, p->sex, &x);

        ck_ctx c = {.m = m, .ck = ck, .p = p, .e = e};
        snprintf(c.key, sizeof c.key, "K%010llu%04d", (unsigned long long)p->idx, fy);
        snprintf(c.nendo, sizeof c.nendo, "%04u", (unsigned)fy % 10000u);
        c.input_ym = hg_ym_add(ym, 2);
        hg_value v[HG_MAX_FIELDS];
        char b5[4], b10[4], ticket[12], inst_org[11], inst_anon[11];
        ck_common(v, &c);
        base_ids(v, TKB_id1, p, s, date, age, b5, b10);
        snprintf(ticket, sizeof ticket, "%011llu",
                 (unsigned long long)(hg_mix64(p->idx ^ (uint64_t)fy) % 100000000000ULL));
        hg_inst in;
        hg_inst_get(m, seed, p->pref, HG_INST_CLINIC, p->home_clinic, &in);
        snprintf(inst_org, sizeof inst_org, "%02d1%s", p->pref, in.org);
        snprintf(inst_anon, sizeof inst_anon, "%.3s%s", "hg_", in.anon);
        v[TKB_age] = hg_vint(age);
        v[TKB_sex_cd] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
        v[TKB_birth] = hg_vdate(p->birth);
        v[TKB_ticket_cls] = hg_vstr("1");
        v[TKB_ticket_no] = hg_vstr(ticket);
        v[TKB_prg_cls] = hg_vstr("010");
        v[TKB_date] = hg_vdate(date);
        v[TKB_inst_org] = hg_vstr(inst_org);
        v[TKB_inst] = hg_vstr(inst_anon);
        v[TKB_insurer_no_org] = hg_vstr(s->insurer_no);
        v[TKB_insurer_no] = hg_vstr(s->insurer_anon);
        v[TKB_rpt_div] = hg_vstr("10");
        v[TKB_qlfct_div] = hg_vstr("1");
        v[TKB_age_band5] = hg_vstr(b5);
        v[TKB_age_band10] = hg_vstr(b10);
        v[TKB_level] = hg_vint(level);
        emit_ck(&c, HG_K_TK_BASE, v);

        exam_item(&c, "9N001000000000001", x.height, 0);
        exam_item(&c, "9N006000000000001", x.weight, 0);
        exam_item(&c, "9N011000000000001", x.v[CK_BMI], 0);
        exam_item(&c, "9N016160100000001", x.waist, 0);
        exam_item(&c, "9A751000000000001", x.v[CK_SBP], 0);
        exam_item(&c, "9A761000000000001", x.dbp, 0);
        exam_item(&c, "3F015000002327101", x.v[CK_TG], 0);
        exam_item(&c, "3F070000002327101", x.v[CK_HDL], 0);
        exam_item(&c, "3F077000002327101", x.v[CK_LDL], 0);
        exam_item(&c, "3B035000002327201", x.ast, 0);
        exam_item(&c, "3B045000002327201", x.v[CK_ALT], 0);
        exam_item(&c, "3B090000002327101", x.ggt, 0);
        exam_item(&c, "3D010000002227101", x.fpg, 0);
        exam_item(&c, "3D046000001906202", x.v[CK_HBA1C], 0);
        exam_item(&c, "3C015000002327101", x.v[CK_CR], 0);
        exam_item(&c, "8A065000002391901", x.egfr, 0);
        exam_item(&c, "1A020000000191111", 0, x.urine_sugar);
        exam_item(&c, "1A010000000191111", 0, x.urine_protein);
        exam_item(&c, "9N501000000000011", 0, metabo);
        exam_item(&c, "9N506000000000011", 0, level);
        static const char *const meds[] = {"9N701000000000011", "9N706000000000011",
                                           "9N711000000000011"};
        for (int i = 0; i < 3; i++) exam_item(&c, meds[i], 0, a.meds[i]);
        static const char *const hist[] = {"9N716000000000011", "9N721000000000011",
                                           "9N726000000000011", "9N731000000000011"};
        for (int i = 0; i < 4; i++) exam_item(&c, hist[i], 0, a.history[i]);
        exam_item(&c, "9N736000000000011", 0, a.smoking);
        static const char *const other[] = {
            "9N741000000000011", "9N746000000000011", "9N751000000000011", "9N756000000000011",
            "9N766000000000011", "9N771000000000011", "9N776000000000011", "9N781000000000011",
            "9N796000000000011", "9N806000000000011", "9N786000000000011", "9N791000000000011",
            "9N801000000000011"};
        for (int i = 0; i < 13; i++) {
            if (i == 11 && a.other[10] == 3) continue; /* no amount for non-drinkers */
            exam_item(&c, other[i], 0, a.other[i]);
        }
        if (level <= 2) guidance(&c, per, seed, s, date, level, age, &x, r, c.key);
    }
}
