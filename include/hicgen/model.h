/* hicgen — the model: parameters (specs/model.yaml) and the code masters and mapping tables
 * it draws from (the CSV files in masters/). Everything here is read-only once loaded and shared by
 * all worker threads. */
#ifndef HICGEN_MODEL_H
#define HICGEN_MODEL_H

#include <gsl/gsl_randist.h>
#include "hicgen/diag.h"
#include "hicgen/master.h"

enum { HG_SEX_M = 1, HG_SEX_F = 2 };

/* Insurer types. Order matters only for naming; shares come from model.yaml. */
typedef enum {
    HG_INS_KOKUHO = 0, /* 市町村国保 (6-digit insurer number) */
    HG_INS_KYOKAI,     /* 協会けんぽ (法別 01) */
    HG_INS_KUMIAI,     /* 組合健保 (法別 06) */
    HG_INS_KYOSAI,     /* 共済組合 (法別 31-34) */
    HG_INS_KOUKI,      /* 後期高齢者医療 (法別 39) */
    HG_INS_SEIHO,      /* 生活保護: no insurer; 公費 (法別 12) pays */
    HG_NINS
} hg_instype;

extern const char *const hg_ins_names[HG_NINS];

#define HG_MAX_BANDS 32
#define HG_MAX_CONDS 64

typedef struct hg_band_rates {
    int n;
    int from[HG_MAX_BANDS];
    double m[HG_MAX_BANDS], f[HG_MAX_BANDS];
} hg_band_rates;

typedef struct hg_condition {
    char id[32];
    char name_ja[64], name_en[64];
    int kind; /* HG_COND_* */
    int dept; /* 診療科 (departments.csv): patients see one clinic per department */
    int sex;  /* 0 both, or HG_SEX_* */
    int min_age, max_age;
    int visit_every; /* months between regular visits (chronic) */
    double admit;    /* chronic/cancer: admissions per person-year; acute: P(admitted) */
    double los_mean; /* mean length of stay, days */
    double death_rr; /* relative risk of death while the condition is active */
    int metabolic;   /* shares the person's metabolic risk factor */
    int mgmt;        /* qualifies for 特定疾患療養管理料 */
    int suspect_of;  /* index of a condition recorded as 疑い at first visits, or -1 */
    double suspect_prob;
    hg_band_rates rates; /* prevalence (chronic, cancer) or episodes per person-year (acute) */
    /* mapping tables */
    int ndis;
    int dis_row[8]; /* rows in the 傷病名 master */
    double dis_w[8];
    gsl_ran_discrete_t *dis_table;
    int nreg; /* drug regimens; each is one 剤 */
    int reg_first[8], reg_len[8];
    double reg_w[8];
    gsl_ran_discrete_t *reg_table;
    int ntests;
    int test_first; /* into model->tests */
    int dpc;        /* index into model->dpc, or -1: admissions for it are not DPC-paid */
} hg_condition;

enum { HG_COND_CHRONIC = 0, HG_COND_ACUTE, HG_COND_CANCER };

typedef struct hg_regimen_drug {
    int med_row;        /* row in the 医薬品 master */
    int64_t amount_1e5; /* daily amount ×10^5 (use_amnt numeric(10,5)) */
    int64_t price_1e2;  /* 薬価 in yen ×100, copied from the master at load */
    int form; /* 剤形: 1 内服, 2 屯服, 3 外用, 4 注射 → 診療識別 21/22/23/33 */
    char direction[4]; /* 用法コード on the pharmacy's 処方 record */
} hg_regimen_drug;

typedef struct hg_dpc {
    int row;       /* row in the DPC master (masters/dpc.csv) */
    int days[3];   /* last day of 入院期間 I, II, III */
    int points[3]; /* points per day in each period */
} hg_dpc;

typedef struct hg_disp_fee {
    int form; /* 1 内服, 2 屯服, 3 外用 */
    int days_from, days_to;
    int act_row; /* row in the 調剤行為 master */
    int base, per_day;
} hg_disp_fee;

typedef struct hg_test {
    int act_row;   /* row in the 診療行為 master */
    int every;     /* months */
    double prob;   /* per scheduled visit */
    int judge_row; /* 判断料 row, or -1 */
    int blood;     /* needs a blood draw */
} hg_test;

typedef struct hg_codes {
    int first_visit, revisit, mgmt_add, chronic_mgmt, rx_slip, rx_fee, dispense_fee, drug_info,
        blood_draw, inpatient_basic; /* rows in the 診療行為 master */
    int pha_basic, pha_history_mgmt; /* rows in the 調剤行為 master */
    int suspected_modifier;          /* row in the 修飾語 master */
    int free_comment;                /* comment code, e.g. 810000001 */
} hg_codes;

struct hg_checkup_model;
struct hg_dental_model;
struct hg_care_model;

typedef struct hg_model {
    /* population */
    int nbands;
    int band_from[HG_MAX_BANDS];
    double band_m[HG_MAX_BANDS], band_f[HG_MAX_BANDS];
    gsl_ran_discrete_t *sexage; /* over 2*nbands: male bands then female bands */
    int npref;
    int pref_code[64];
    double pref_weight[64];
    gsl_ran_discrete_t *pref;
    hg_band_rates mortality;
    double in_hospital_death_share;
    /* insurance */
    int nins_bands;
    int ins_from[HG_MAX_BANDS];
    double ins_share[HG_MAX_BANDS][HG_NINS];
    gsl_ran_discrete_t *ins_table[HG_MAX_BANDS];
    double job_change_per_year;
    double dependent_share_m, dependent_share_f; /* adults 20-74 insured as 被扶養者 */
    int kumiai_per_pref, kokuho_per_pref;
    double copay30_70_74;               /* share of 70-74 with 現役並み所得 (3割) */
    double kouki_copay[3];              /* shares of 1割, 2割, 3割 at 75+ */
    double name_change_per_year_f20_39; /* marriage */
    double metabolic_rho;               /* loading of the shared metabolic factor */
    /* care */
    int clinics_per_pref, hospitals_per_pref;
    double outside_rx_share;   /* clinics that prescribe 院外 */
    double dpc_hospital_share; /* hospitals paid by DPC */
    int pharmacies_per_pref;
    double gate_pharmacy_share; /* prescriptions filled next to the prescriber */
    double acute_home_clinic_share;
    double acute_revisit_mean;
    int meal_yen;                        /* 入院時食事療養費 per meal */
    int internal_dept, paediatrics_dept; /* 内科 is 小児科 under paediatrics_until */
    int paediatrics_until;
    int max_rx_days;
    /* masters */
    hg_mtab skwd, mddf, prac_act, medicine;
    hg_mtab conds_tab, rates_tab, dis_tab, drugs_tab, tests_tab, labs_tab, names_tab, depts_tab;
    hg_mtab dspng_act, fees_tab, dpc_tab;
    int ndpc;
    hg_dpc *dpc;
    int *dspng_points; /* points of each 調剤行為 row */
    int nfees;
    hg_disp_fee *fees;
    int max_internal_fees; /* 内服 剤 per 受付 that earn a 調剤料 */
    int nconds;
    hg_condition conds[HG_MAX_CONDS];
    int nregdrugs;
    hg_regimen_drug *regdrugs;
    int ntests;
    hg_test *tests;
    hg_codes codes;
    /* names */
    int nsur, ngiven_m, ngiven_f;
    const char **sur, **given_m, **given_f;
    gsl_ran_discrete_t *sur_t, *given_m_t, *given_f_t;
    /* column indexes used per row */
    int *act_points;  /* points of each 診療行為 master row, rounded */
    char official[8]; /* "yes" when official masters were read */
    struct hg_checkup_model *ck;
    struct hg_dental_model *den;
    struct hg_care_model *care;
} hg_model;

typedef struct hg_model_paths {
    const char *specs_dir;    /* holds model.yaml and official_masters.yaml */
    const char *masters_dir;  /* project masters */
    const char *official_dir; /* NULL, or the official masters' directory */
} hg_model_paths;

/* Loads model.yaml and all masters, checks every cross-reference, reports every problem.
 * Returns 0 or -1. */
int hg_model_load(hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_model_free(hg_model *m);
/* Index of the condition with this id (conditions.csv), or -1. */
int hg_model_cond(const hg_model *m, const char *id);
/* The code masters that are also output as tables (tnds_m_*), in a fixed order. Returns how
 * many were put in out. */
int hg_model_masters(hg_model *m, hg_mtab **out, int max);
/* Rate of a condition at an age for a sex (piecewise constant by band). */
double hg_band_rate(const hg_band_rates *r, int sex, int age);
/* Price in yen ×10^7 of one day (内服, 注射), one dose (屯服) or the whole quantity (外用) of
 * the drugs of a given form in the person's regimen for a condition (0: none). */
int64_t hg_regimen_yen(const hg_model *m, int cond, int regimen, int form);
/* The dispensing fee (調剤料) row for one 剤 of a form and quantity, or NULL. */
const hg_disp_fee *hg_disp_fee_for(const hg_model *m, int form, int qty);
/* Checks an insurer number's check digit (8-digit 社保/後期, 6-digit 国保). */
int hg_insurer_check_digit(const char *digits7or5);

#endif
