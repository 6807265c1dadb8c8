/* hicgen — the 特定健診・保健指導 family. Values come from a joint model conditional on age,
 * sex, the person's metabolic factor and conditions; the questionnaire's 服薬 answers are read
 * from the person's drug claims (history); メタボ判定 and 保健指導レベル are computed by the
 * official rules, never drawn. */
#ifndef HICGEN_FAMILIES_CHECKUP_H
#define HICGEN_FAMILIES_CHECKUP_H

#include <gsl/gsl_matrix.h>
#include "families/checkup/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_checkup;

enum { CK_BMI = 0, CK_SBP, CK_LDL, CK_HBA1C, CK_TG, CK_HDL, CK_ALT, CK_CR, CK_NVARS };

typedef struct hg_ckvar {
    char dist[16]; /* normal or lognormal */
    int lognormal;
    double factor; /* loading on the metabolic factor */
    int cond;      /* condition shifting it, or -1 */
    double cond_w;
    int nb;
    double by_age[12][7]; /* [age_from, male P25 P50 P75, female P25 P50 P75] */
    int nedges;           /* > 0: the distribution is the published histogram below */
    double edges[10], bounds[2];
    int nbrows[3], bfrom[3][12];
    double bins[3][12][11]; /* shares (0-1) by sex, age row, bin */
    double clamp[2];        /* plausible range */
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

/* An exam item written for every checkup: its row in the item master and what it carries. */
typedef struct hg_ck_item {
    int row;
    int value; /* CKV_* (checkup.c) */
} hg_ck_item;

typedef struct hg_checkup_model {
    int age_from, age_to;
    double part[HG_NINS];
    double sex_factor[3];
    double month_w[12];
    gsl_ran_discrete_t *month_t;
    int window;
    int ncls[3], cls[3][8];   /* conditions per drug class (血圧, 血糖, 脂質) */
    unsigned char *med_cls;   /* per medicine row: bit c set when the drug is of class c */
    int nhist[4], hist[4][8]; /* conditions per history item */
    hg_ck_thresholds th;
    hg_ckvar var[CK_NVARS];
    int ncorr;
    double corr[CK_NVARS][CK_NVARS];
    gsl_matrix *chol; /* Cholesky factor of the residual correlations */
    double waist[3][3], dbp[3][3], ast[3], fpg[5], ggt[3][5];
    int nheight[3];
    double height[3][8][2], height_sd[3]; /* [age_from, mean] by sex */
    double height_range[2], waist_range[2], dbp_min, dbp_below_sbp, ast_range[2], fpg_range[2],
        ggt_range[2], egfr[4], urine_sugar_fpg[3];
    double up_latent_sbp[3], up_latent_hba1c[3], up_noise;
    int nup[3];
    double up_rows[3][12][6]; /* [age_from, 5 percents] by sex */
    double up[3][12][5];      /* the same as shares */
    double smoking[3], q_yes[11], drinking[3], drinking_amount[4];
    double uptake, completion;
    double contact_days_d[2];
    int contact_days[2], eval_months, contacts_intensive, contact_interval;
    hg_choice first_forms, staff;
    char later_form[4], report_started[4], report_evaluated[4];
    char result_level[16], result_stage[16], result_waist[16], result_minutes[16];
    double waist_change;
    int nminutes, minutes[4];
    int nitems;
    hg_ck_item items[64];
    hg_mtab items_tab;              /* 健診項目 (masters/checkup/tokken_items.csv) */
    int col_unit, col_lwr, col_upr; /* its columns, resolved at load */
    double *lwr, *upr;              /* per item: its reference range, NAN where none */
} hg_checkup_model;

/* Loading (checkup_load.c). */
int hg_checkup_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_checkup_free(void *state);
int hg_checkup_masters(void *state, hg_mtab **out, int max);

/* The rules (formats.md §4.6), exposed for tests. level: 1 積極的 2 動機付け 3 なし;
 * metabo: 1 基準該当 2 予備群 3 非該当. */
int hg_ck_level(const hg_ck_thresholds *t, int sex, int age, const hg_ck_values *x,
                const hg_ck_answers *a);
int hg_ck_metabo(const hg_ck_thresholds *t, int sex, const hg_ck_values *x);

/* Reads the `items` list of checkup.yaml (a custom parameter: codes resolved against the item
 * master, value names against what the model computes). */
int hg_ck_read_items(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);

/* The values of one checkup (values.c). */
void hg_ck_simulate(const hg_model *m, const hg_checkup_model *ck, const hg_person *p, int age,
                    int32_t date, int daily_drinker, gsl_rng *r, hg_ck_values *x);

#endif
