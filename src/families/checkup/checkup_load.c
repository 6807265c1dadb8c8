/* hicgen — 特定健診・保健指導 family: loading specs/model/checkup.yaml (bound by declaration)
 * and the item master masters/checkup/tokken_items.csv. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/checkup/checkup.h"
#include "hicgen/alloc.h"

typedef hg_checkup_model CK;

/* variables.<v>.bins: {edges: [...], bounds: [low, high], male: [[age, shares...]], female}.
 * Shares are percents per bin (the published histogram) and are normalised to add up to 1. */
static int read_bins(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_ckvar *v = (hg_ckvar *)(base + p->off);
    static const char *const keys[] = {"edges", "bounds", "male", "female", NULL};
    if (hg_ykeys(b->y, b->d, n, "bins", keys)) return -1;
    yaml_node_t *en = hg_yget(b->y, n, "edges");
    int ne = hg_yseq_len(en);
    if (ne < 1 || ne > 10) {
        hg_yerr(b->y, b->d, en ? en : n, "bins.edges: 1 to 10 ascending numbers");
        return -1;
    }
    if (hg_bind_nums(b, en, ne, -1e9, 1e9, v->edges) ||
        hg_bind_nums(b, hg_yget(b->y, n, "bounds"), 2, -1e9, 1e9, v->bounds))
        return -1;
    if (v->bounds[0] >= v->edges[0] || v->bounds[1] <= v->edges[ne - 1]) {
        hg_yerr(b->y, b->d, n, "bounds must enclose the edges");
        return -1;
    }
    v->nedges = ne;
    static const char *const sk[] = {"", "male", "female"};
    int rc = 0;
    for (int sx = 1; sx <= 2; sx++) {
        yaml_node_t *rn = hg_yget(b->y, n, sk[sx]);
        int len = hg_yseq_len(rn);
        if (len < 1 || len > 12) {
            hg_yerr(b->y, b->d, rn ? rn : n, "bins.%s: 1 to 12 rows [age, %d shares]", sk[sx],
                    ne + 1);
            rc = -1;
            continue;
        }
        for (int r = 0; r < len; r++) {
            double rv[12];
            yaml_node_t *row = hg_yseq_at(b->y, rn, r);
            if (hg_bind_nums(b, row, ne + 2, 0, 150, rv)) {
                rc = -1;
                continue;
            }
            double tot = 0;
            for (int k = 0; k <= ne; k++) tot += rv[k + 1];
            if (fabs(tot - 100) > 1.5) {
                hg_yerr(b->y, b->d, row, "shares add up to %.1f, not 100", tot);
                rc = -1;
                continue;
            }
            v->bfrom[sx][r] = (int)rv[0];
            for (int k = 0; k <= ne; k++) v->bins[sx][r][k] = rv[k + 1] / tot;
        }
        v->nbrows[sx] = len;
    }
    return rc;
}

#define P_(path, type, ...) HG_P_##type(path, CK, __VA_ARGS__)
#define VAR(i, name)                                                                               \
    P_("variables." name ".dist", STR, var[i].dist),                                               \
        P_("variables." name ".factor", NUM, var[i].factor, -1, 1),                                \
        P_("variables." name ".condition", CUSTOM, var[i].cond, hg_p_cond, .optional = 1),         \
        P_("variables." name ".condition_weight", NUM, var[i].cond_w, 0, 1, .optional = 1),        \
        P_("variables." name ".by_age", ROWS, var[i].by_age, var[i].nb, 7, 0, 1e4),                \
        P_("variables." name ".bins", CUSTOM, var[i], read_bins, .optional = 1),                   \
        P_("variables." name ".clamp", NUMS, var[i].clamp, -1e4, 1e4)
#define COND_LIST(path, arr, cnt) HG_P_CUSTOM_N(path, CK, arr, cnt, hg_p_cond_list, 8)

static const hg_param ck_params[] = {
    P_("age_from", INT, age_from, 0, 120),
    P_("age_to", INT, age_to, 0, 120),
    P_("participation", NAMED, part, hg_ins_names, 0, 1),
    P_("sex_factor.male", NUM, sex_factor[HG_SEX_M], 0, 2),
    P_("sex_factor.female", NUM, sex_factor[HG_SEX_F], 0, 2),
    P_("month_weights", NUMS, month_w, 0, 1e6),
    P_("drug_window_months", INT, window, 0, 24),
    COND_LIST("drug_classes.bp", cls[0], ncls[0]),
    COND_LIST("drug_classes.glucose", cls[1], ncls[1]),
    COND_LIST("drug_classes.lipid", cls[2], ncls[2]),
    COND_LIST("history.stroke", hist[0], nhist[0]),
    COND_LIST("history.heart", hist[1], nhist[1]),
    COND_LIST("history.kidney", hist[2], nhist[2]),
    COND_LIST("history.anaemia", hist[3], nhist[3]),
    P_("thresholds.waist_male", NUM, th.waist_m, 0, 200),
    P_("thresholds.waist_female", NUM, th.waist_f, 0, 200),
    P_("thresholds.bmi", NUM, th.bmi, 0, 100),
    P_("thresholds.glucose_fpg", NUM, th.fpg, 0, 500),
    P_("thresholds.glucose_hba1c", NUM, th.hba1c, 0, 20),
    P_("thresholds.tg", NUM, th.tg, 0, 2000),
    P_("thresholds.hdl", NUM, th.hdl, 0, 200),
    P_("thresholds.sbp", NUM, th.sbp, 0, 300),
    P_("thresholds.dbp", NUM, th.dbp, 0, 300),
    P_("thresholds.metabo_fpg", NUM, th.metabo_fpg, 0, 500),
    P_("thresholds.metabo_hba1c", NUM, th.metabo_hba1c, 0, 20),
    P_("thresholds.downgrade_age", INT, th.downgrade_age, 0, 120),
    VAR(CK_BMI, "bmi"),
    VAR(CK_SBP, "sbp"),
    VAR(CK_LDL, "ldl"),
    VAR(CK_HBA1C, "hba1c"),
    VAR(CK_TG, "tg"),
    VAR(CK_HDL, "hdl"),
    VAR(CK_ALT, "alt"),
    VAR(CK_CR, "cr"),
    P_("correlations", ROWS, corr, ncorr, CK_NVARS, -1, 1),
    P_("derived.waist_male", NUMS, waist[HG_SEX_M], -1e3, 1e3),
    P_("derived.waist_female", NUMS, waist[HG_SEX_F], -1e3, 1e3),
    P_("derived.dbp_male", NUMS, dbp[HG_SEX_M], -1e3, 1e3),
    P_("derived.dbp_female", NUMS, dbp[HG_SEX_F], -1e3, 1e3),
    P_("derived.ast_from_alt", NUMS, ast, -1e3, 1e3),
    P_("derived.fpg", NUMS, fpg, -1e3, 1e3),
    P_("derived.ggt_male", NUMS, ggt[HG_SEX_M], -1e3, 1e3),
    P_("derived.ggt_female", NUMS, ggt[HG_SEX_F], -1e3, 1e3),
    P_("derived.height_male.by_age", ROWS, height[HG_SEX_M], nheight[HG_SEX_M], 2, 0, 250),
    P_("derived.height_male.sd", NUM, height_sd[HG_SEX_M], 0, 50),
    P_("derived.height_female.by_age", ROWS, height[HG_SEX_F], nheight[HG_SEX_F], 2, 0, 250),
    P_("derived.height_female.sd", NUM, height_sd[HG_SEX_F], 0, 50),
    P_("derived.height_range", NUMS, height_range, 0, 300),
    P_("derived.waist_range", NUMS, waist_range, 0, 300),
    P_("derived.dbp_min", NUM, dbp_min, 0, 300),
    P_("derived.dbp_below_sbp", NUM, dbp_below_sbp, 0, 300),
    P_("derived.ast_range", NUMS, ast_range, 0, 10000),
    P_("derived.fpg_range", NUMS, fpg_range, 0, 10000),
    P_("derived.ggt_range", NUMS, ggt_range, 0, 10000),
    P_("derived.egfr", NUMS, egfr, -1e3, 1e3),
    P_("derived.urine_sugar_fpg", NUMS, urine_sugar_fpg, 0, 1000),
    P_("urine_protein.latent_sbp", NUMS, up_latent_sbp, -1e3, 1e3),
    P_("urine_protein.latent_hba1c", NUMS, up_latent_hba1c, -1e3, 1e3),
    P_("urine_protein.latent_noise", NUM, up_noise, 0, 10),
    P_("urine_protein.male", ROWS, up_rows[HG_SEX_M], nup[HG_SEX_M], 6, 0, 150),
    P_("urine_protein.female", ROWS, up_rows[HG_SEX_F], nup[HG_SEX_F], 6, 0, 150),
    P_("questionnaire.smoking.male", PROB, smoking[HG_SEX_M]),
    P_("questionnaire.smoking.female", PROB, smoking[HG_SEX_F]),
    P_("questionnaire.weight_gain_10kg", PROB, q_yes[0]),
    P_("questionnaire.exercise_habit", PROB, q_yes[1]),
    P_("questionnaire.walking_1h", PROB, q_yes[2]),
    P_("questionnaire.walking_fast", PROB, q_yes[3]),
    P_("questionnaire.eating_fast", PROB, q_yes[4]),
    P_("questionnaire.dinner_before_bed", PROB, q_yes[5]),
    P_("questionnaire.snacking", PROB, q_yes[6]),
    P_("questionnaire.skip_breakfast", PROB, q_yes[7]),
    P_("questionnaire.sleep_enough", PROB, q_yes[8]),
    P_("questionnaire.wants_guidance", PROB, q_yes[9]),
    P_("questionnaire.drinking", NUMS, drinking, 0, 1),
    P_("questionnaire.drinking_amount", NUMS, drinking_amount, 0, 1),
    P_("guidance.uptake", PROB, uptake),
    P_("guidance.completion", PROB, completion),
    P_("guidance.first_contact_days", NUMS, contact_days_d, 0, 365),
    P_("guidance.evaluation_months", INT, eval_months, 1, 12),
    P_("guidance.contacts_intensive", INT, contacts_intensive, 1, 12),
    P_("guidance.contact_interval_days", INT, contact_interval, 1, 365),
    P_("guidance.first_contact_forms", CHOICE, first_forms),
    P_("guidance.later_contact_form", STR, later_form),
    P_("guidance.staff", CHOICE, staff),
    P_("guidance.report_started", STR, report_started),
    P_("guidance.report_evaluated", STR, report_evaluated),
    P_("guidance.result_codes.level", STR, result_level),
    P_("guidance.result_codes.stage", STR, result_stage),
    P_("guidance.result_codes.waist", STR, result_waist),
    P_("guidance.result_codes.minutes", STR, result_minutes),
    P_("guidance.waist_change", NUM, waist_change, -50, 50),
    P_("guidance.minutes", INTS, minutes, nminutes, 1, 600),
    P_("items", CUSTOM, items, hg_ck_read_items),
};

/* What the bound values must satisfy beyond their ranges; builds the derived tables. */
static void finish(CK *ck, const char *path, hg_diag *d)
{
    ck->month_t = gsl_ran_discrete_preproc(12, ck->month_w);
    for (int i = 0; i < CK_NVARS; i++) {
        hg_ckvar *v = &ck->var[i];
        if (strcmp(v->dist, "normal") && strcmp(v->dist, "lognormal"))
            hg_diag_at(d, path, 0, 0, "variables: dist must be normal or lognormal, not '%s'",
                       v->dist);
        v->lognormal = !strcmp(v->dist, "lognormal");
        if (v->factor * v->factor + v->cond_w * v->cond_w > 0.95)
            hg_diag_at(d, path, 0, 0,
                       "variables: factor² + condition_weight² must stay below 0.95 (item %d)",
                       i + 1);
        for (int r = 0; r < v->nb; r++) {
            const double *q = v->by_age[r] + 1;
            if (!(q[0] < q[1] && q[1] < q[2] && q[3] < q[4] && q[4] < q[5]) ||
                (v->lognormal && q[0] <= 0))
                hg_diag_at(d, path, 0, 0,
                           "variables: percentiles must ascend (P25 < P50 < P75, positive for "
                           "lognormal) (item %d, row %d)",
                           i + 1, r + 1);
        }
    }
    if (ck->ncorr == CK_NVARS) {
        ck->chol = gsl_matrix_alloc(CK_NVARS, CK_NVARS);
        for (int i = 0; i < CK_NVARS; i++)
            for (int j = 0; j < CK_NVARS; j++) gsl_matrix_set(ck->chol, i, j, ck->corr[i][j]);
        /* GSL's default handler aborts; here a bad matrix is an input error to report */
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int bad = gsl_linalg_cholesky_decomp1(ck->chol) != 0;
        gsl_set_error_handler(old);
        if (bad) {
            hg_diag_at(d, path, 0, 0, "correlations: the matrix is not positive definite");
            gsl_matrix_free(ck->chol);
            ck->chol = NULL;
        }
    } else
        hg_diag_at(d, path, 0, 0, "correlations: an %d×%d matrix", CK_NVARS, CK_NVARS);
    for (int sx = 1; sx <= 2; sx++)
        for (int r = 0; r < ck->nup[sx]; r++)
            for (int k = 0; k < 5; k++) ck->up[sx][r][k] = ck->up_rows[sx][r][k + 1] / 100.0;
    ck->contact_days[0] = (int)ck->contact_days_d[0];
    ck->contact_days[1] = (int)ck->contact_days_d[1];
}

int hg_checkup_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    CK *ck = hg_xcalloc(1, sizeof *ck);
    *state = ck;
    int before = d->nerrors;
    for (int i = 0; i < CK_NVARS; i++) ck->var[i].cond = -1;
    char path[4096];
    hg_path(path, sizeof path, p->masters_dir, "checkup", "tokken_items.csv");
    static const char *const req[] = {"item_cd", "name",    "unit",     "kind",
                                      "svl_lwr", "svl_upr", "decimals", NULL};
    if (hg_mtab_load(&ck->items_tab, "tokken_item", path, req, 1, d)) return -1;
    ck->col_unit = hg_mtab_col(&ck->items_tab, "unit");
    ck->col_lwr = hg_mtab_col(&ck->items_tab, "svl_lwr");
    ck->col_upr = hg_mtab_col(&ck->items_tab, "svl_upr");
    const hg_mtab *it = &ck->items_tab;
    ck->lwr = hg_xcalloc((size_t)it->nrows + 1, sizeof *ck->lwr);
    ck->upr = hg_xcalloc((size_t)it->nrows + 1, sizeof *ck->upr);
    for (int r = 0; r < it->nrows; r++) {
        ck->lwr[r] = ck->upr[r] = NAN;
        if (*hg_mtab_cell(it, r, ck->col_lwr))
            hg_mtab_num(it, r, ck->col_lwr, -1e6, 1e6, &ck->lwr[r], d);
        if (*hg_mtab_cell(it, r, ck->col_upr))
            hg_mtab_num(it, r, ck->col_upr, -1e6, 1e6, &ck->upr[r], d);
    }
    hg_path(path, sizeof path, p->specs_dir, "model", "checkup.yaml");
    if (hg_bind_file(path, "checkup", ck_params, sizeof ck_params / sizeof ck_params[0], ck, m, d))
        return -1;
    finish(ck, path, d);
    /* a drug's classes: those of the conditions whose drug groups hold it (a statin given after
     * a myocardial infarction still makes 服薬3 "yes": the question asks about the drug) */
    ck->med_cls = hg_xcalloc((size_t)m->medicine.nrows + 1, 1);
    for (int c = 0; c < 3; c++)
        for (int i = 0; i < ck->ncls[c]; i++) {
            const hg_condition *cd = &m->conds[ck->cls[c][i]];
            for (int g = cd->grp_first; g < cd->grp_first + cd->ngrp; g++)
                for (int k = 0; k < m->groups[g].n; k++) {
                    int row = m->products[m->groups[g].first + k].med_row;
                    if (row >= 0) ck->med_cls[row] |= (unsigned char)(1 << c);
                }
        }
    return d->nerrors == before ? 0 : -1;
}

void hg_checkup_free(void *state)
{
    CK *ck = state;
    if (!ck) return;
    if (ck->month_t) gsl_ran_discrete_free(ck->month_t);
    if (ck->chol) gsl_matrix_free(ck->chol);
    hg_mtab_free(&ck->items_tab);
    free(ck->med_cls);
    free(ck->lwr);
    free(ck->upr);
    free(ck);
}

int hg_checkup_masters(void *state, hg_mtab **out, int max)
{
    CK *ck = state;
    if (max < 1 || !ck->items_tab.kind.name) return 0;
    out[0] = &ck->items_tab;
    return 1;
}
