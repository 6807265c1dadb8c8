/* hicgen — 特定健診 (specific health checkups) and 特定保健指導 (health guidance). Values come
 * from a joint model conditional on age, sex, the person's metabolic factor and conditions;
 * the questionnaire's 服薬 answers are read from the person's drug claims; メタボ判定 and
 * 保健指導レベル are computed by the official rules, never drawn. */
#ifndef HICGEN_CHECKUP_H
#define HICGEN_CHECKUP_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include "hicgen/diag.h"
#include "hicgen/emit.h"
#include "hicgen/person.h"
#include "families/rx.h"

enum { CK_BMI = 0, CK_SBP, CK_LDL, CK_HBA1C, CK_TG, CK_HDL, CK_ALT, CK_CR, CK_NVARS };

typedef struct hg_ckvar {
    int lognormal;
    double factor; /* loading on the metabolic factor */
    int cond;      /* condition shifting it, or -1 */
    double cond_w;
    int nb;
    int from[12];
    double q[12][6]; /* male P25 P50 P75, female P25 P50 P75 */
    int nedges;      /* > 0: the distribution is the published histogram below */
    double edges[10], lo, hi;
    int nbrows[3], bfrom[3][12];
    double bins[3][12][11]; /* shares (0-1) by sex, age row, bin */
} hg_ckvar;

typedef struct hg_ck_values {
    double v[CK_NVARS];
    double height, weight, waist, dbp, ast, ggt, fpg, egfr;
    int urine_protein, urine_sugar; /* 1 − … 5 +++ */
} hg_ck_values;

typedef struct hg_ck_answers {
    int meds[3];    /* 服薬1-3: 1 はい, 2 いいえ */
    int history[4]; /* 既往歴1-3, 貧血 */
    int smoking;
    int other[14]; /* the remaining questionnaire items, in item order */
} hg_ck_answers;

typedef struct hg_ck_thresholds {
    double waist_m, waist_f, bmi, fpg, hba1c, tg, hdl, sbp, dbp, metabo_fpg, metabo_hba1c;
    int downgrade_age;
} hg_ck_thresholds;

typedef struct hg_checkup_model {
    int loaded;
    int age_from, age_to;
    double part[HG_NINS];
    double sex_factor[3];
    gsl_ran_discrete_t *month_t;
    int window;
    int ncls[3], cls[3][8];   /* conditions per drug class (血圧, 血糖, 脂質) */
    int nhist[4], hist[4][8]; /* conditions per history item */
    hg_ck_thresholds th;
    hg_ckvar var[CK_NVARS];
    gsl_matrix *chol; /* Cholesky factor of the residual correlations */
    double waist[3][3], dbp[3][3], ast[3], fpg[3], ggt[3][4];
    double height_from[3][8], height_mean[3][8], height_sd[3];
    int nheight[3];
    int nup[3], up_from[3][12];
    double up[3][12][5]; /* 尿蛋白 shares by sex and age */
    double smoking[3], q_yes[11], drinking[3], drinking_amount[4];
    double uptake, completion;
    int contact_min, contact_max, eval_months;
    hg_mtab items;                  /* 健診項目 (masters/tokken_items.csv) */
    int col_unit, col_lwr, col_upr; /* its columns, resolved at load */
} hg_checkup_model;

/* Loads specs/checkup.yaml and masters/tokken_items.csv into m->ck; reports every problem. */
int hg_checkup_load(hg_model *m, const char *specs_dir, const char *masters_dir, hg_diag *d);
void hg_checkup_free(hg_checkup_model *ck);

/* The rules (formats.md §4.6), exposed for tests. level: 1 積極的 2 動機付け 3 なし;
 * metabo: 1 基準該当 2 予備群 3 非該当. */
int hg_ck_level(const hg_ck_thresholds *t, int sex, int age, const hg_ck_values *x,
                const hg_ck_answers *a);
int hg_ck_metabo(const hg_ck_thresholds *t, int sex, const hg_ck_values *x);

/* Emits the person's checkups and guidance over the period. */
void hg_checkup_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                       const hg_claim_log *claims, gsl_rng *r, hg_emitter *e);

#endif
