/* hicgen — 特定健診 values and the official rules. Each core value is a quantile of its sex ×
 * age distribution (the published histogram where there is one) driven by a latent that loads
 * on the person's metabolic factor, on a related condition and on correlated residuals; the
 * other items derive from them. Every coefficient and range is in checkup.yaml. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include "families/checkup/checkup.h"

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

/* ---------------- values ---------------- */

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The value at cumulative probability u of a variable's sex × age distribution. (1.349 is
 * the interquartile range of the standard normal: P25-P75 give the spread.) */
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
            double lo = b ? v->edges[b - 1] : v->bounds[0];
            double hi = b < v->nedges ? v->edges[b] : v->bounds[1];
            if (u <= cum + sh[b] || b == v->nedges)
                return sh[b] > 0 ? lo + (hi - lo) * clampd((u - cum) / sh[b], 0, 0.999) : lo;
            cum += sh[b];
        }
    }
    int b = 0;
    for (int i = 0; i < v->nb; i++)
        if (v->by_age[i][0] <= age) b = i;
    const double *q = v->by_age[b] + 1 + (sex == HG_SEX_M ? 0 : 3);
    double z = gsl_cdf_ugaussian_Pinv(clampd(u, 1e-9, 1 - 1e-9));
    if (v->lognormal) {
        double mu = log(q[1]), sd = (log(q[2]) - log(q[0])) / 1.349;
        return exp(mu + sd * z);
    }
    return q[1] + (q[2] - q[0]) / 1.349 * z;
}

/* The eight core values from their latents. */
static void core_values(const hg_model *m, const hg_checkup_model *ck, const hg_person *p, int age,
                        int32_t date, gsl_rng *r, hg_ck_values *x)
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
            /* the condition as a standardised indicator: its carriers sit high (the
             * prevalence kept off 0 and 1 so that the indicator stays finite) */
            double prev = clampd(hg_band_rate(&m->conds[v->cond].rates, sx, age), 0.005, 0.95);
            double dstd =
                ((hg_person_has(p, v->cond, date) ? 1.0 : 0.0) - prev) / sqrt(prev * (1 - prev));
            lat += v->cond_w * dstd;
            rest -= v->cond_w * v->cond_w;
        }
        lat += sqrt(rest > 0.05 ? rest : 0.05) * e[i];
        x->v[i] = quantile(v, sx, age, gsl_cdf_ugaussian_P(lat));
    }
    for (int i = 0; i < CK_NVARS; i++)
        x->v[i] = clampd(x->v[i], ck->var[i].clamp[0], ck->var[i].clamp[1]);
}

/* Height, weight and waist: height by age, weight from it and BMI, BMI consistent with both. */
static void body(const hg_checkup_model *ck, int sx, int age, gsl_rng *r, hg_ck_values *x)
{
    double hm = ck->height[sx][0][1];
    for (int i = 0; i < ck->nheight[sx]; i++)
        if (ck->height[sx][i][0] <= age) hm = ck->height[sx][i][1];
    x->height = round(clampd(hm + gsl_ran_gaussian(r, ck->height_sd[sx]), ck->height_range[0],
                             ck->height_range[1]) *
                      10) /
                10;
    double hmeter = x->height / 100;
    x->v[CK_BMI] = round(x->v[CK_BMI] * 10) / 10;
    x->weight = round(x->v[CK_BMI] * hmeter * hmeter * 10) / 10;
    x->v[CK_BMI] = round(x->weight / (hmeter * hmeter) * 10) / 10; /* consistent with weight */
    x->waist = round(clampd(ck->waist[sx][0] + ck->waist[sx][1] * x->v[CK_BMI] +
                                gsl_ran_gaussian(r, ck->waist[sx][2]),
                            ck->waist_range[0], ck->waist_range[1]) *
                     10) /
               10;
}

/* Urine protein from a latent on blood pressure and HbA1c mapped to the sex × age shares;
 * urine sugar from fasting glucose above the renal threshold. */
static void urine(const hg_checkup_model *ck, int sx, int age, gsl_rng *r, hg_ck_values *x)
{
    int b = 0;
    for (int i = 0; i < ck->nup[sx]; i++)
        if (ck->up_rows[sx][i][0] <= age) b = i;
    const double *ls = ck->up_latent_sbp, *lh = ck->up_latent_hba1c;
    double lat = ls[0] * (x->v[CK_SBP] - ls[1]) / ls[2] + lh[0] * (x->v[CK_HBA1C] - lh[1]) / lh[2] +
                 gsl_ran_gaussian(r, ck->up_noise);
    double u = gsl_cdf_ugaussian_P(lat), cum = 0;
    x->urine_protein = 5;
    for (int k = 0; k < 5; k++) {
        cum += ck->up[sx][b][k];
        if (u <= cum) {
            x->urine_protein = k + 1;
            break;
        }
    }
    const double *t = ck->urine_sugar_fpg;
    x->urine_sugar = x->fpg >= t[2] ? 4 : x->fpg >= t[1] ? 3 : x->fpg >= t[0] ? 2 : 1;
}

void hg_ck_simulate(const hg_model *m, const hg_checkup_model *ck, const hg_person *p, int age,
                    int32_t date, int daily_drinker, gsl_rng *r, hg_ck_values *x)
{
    int sx = p->sex;
    core_values(m, ck, p, age, date, r, x);
    body(ck, sx, age, r, x);
    x->v[CK_SBP] = round(x->v[CK_SBP]);
    x->dbp = round(
        clampd(ck->dbp[sx][0] + ck->dbp[sx][1] * x->v[CK_SBP] + gsl_ran_gaussian(r, ck->dbp[sx][2]),
               ck->dbp_min, x->v[CK_SBP] - ck->dbp_below_sbp));
    x->v[CK_ALT] = round(x->v[CK_ALT]);
    x->ast = round(clampd(ck->ast[0] + ck->ast[1] * x->v[CK_ALT] + gsl_ran_gaussian(r, ck->ast[2]),
                          ck->ast_range[0], ck->ast_range[1]));
    const double *f = ck->fpg;
    x->fpg = round(
        clampd(f[0] * pow(x->v[CK_HBA1C] / f[3], f[1] * f[4]) * exp(gsl_ran_gaussian(r, f[2])),
               ck->fpg_range[0], ck->fpg_range[1]));
    const double *gg = ck->ggt[sx];
    x->ggt = round(clampd(gg[0] * pow(x->v[CK_ALT] / gg[4], gg[1]) * (daily_drinker ? gg[3] : 1) *
                              exp(gsl_ran_gaussian(r, gg[2])),
                          ck->ggt_range[0], ck->ggt_range[1]));
    x->v[CK_HBA1C] = round(x->v[CK_HBA1C] * 10) / 10;
    x->v[CK_LDL] = round(x->v[CK_LDL]);
    x->v[CK_TG] = round(x->v[CK_TG]);
    x->v[CK_HDL] = round(x->v[CK_HDL]);
    x->v[CK_CR] = round(x->v[CK_CR] * 100) / 100;
    const double *e = ck->egfr;
    x->egfr =
        round(e[0] * pow(x->v[CK_CR], e[1]) * pow(age, e[2]) * (sx == HG_SEX_F ? e[3] : 1) * 10) /
        10;
    urine(ck, sx, age, r, x);
}
