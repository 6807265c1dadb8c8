/* hicgen — the population model: who the persons are (specs/model/population.yaml), the shared
 * code masters (傷病名, 修飾語, 診療行為, 医薬品) and the conditions a person can have with their
 * codes (masters/condition*.csv). The record families (src/families/) add their own parameters
 * and masters on top; this model knows none of them. Everything here is read-only once loaded
 * and shared by all worker threads. */
#ifndef HICGEN_MODEL_H
#define HICGEN_MODEL_H

#include <stdint.h>
#include <gsl/gsl_randist.h>
#include "hicgen/bands.h"
#include "hicgen/clinical.h"
#include "hicgen/diag.h"
#include "hicgen/master.h"
#include "hicgen/params.h"

/* The longest surname or given name (bytes): a person's name "surname　given" must fit the 64
 * bytes of hg_name.kana. */
#define HG_MAX_NAME_PART 28

/* Insurer types. Order matters only for naming; shares come from population.yaml. */
typedef enum {
    HG_INS_KOKUHO = 0, /* 市町村国保 (6-digit insurer number) */
    HG_INS_KYOKAI,     /* 協会けんぽ (法別 01) */
    HG_INS_KUMIAI,     /* 組合健保 (法別 06) */
    HG_INS_KYOSAI,     /* 共済組合 (法別 31-34) */
    HG_INS_KOUKI,      /* 後期高齢者医療 (法別 39) */
    HG_INS_SEIHO,      /* 生活保護: no insurer; 公費 (法別 12) pays */
    HG_NINS
} hg_instype;

/* The insurer type names as written in the YAML files, NULL-terminated. */
extern const char *const hg_ins_names[HG_NINS + 1];

/* Parameters bound from population.yaml (see the file for what each means and its source). */
typedef struct hg_popparams {
    hg_band_rates pyramid; /* population in thousands by age band and sex */
    int npref;
    double prefs[64][2]; /* [JIS code, weight] */
    hg_band_rates mortality;
    double max_death_prob; /* cap of the annual probability of death */
    double death_scale;    /* multiplies the mortality rates (calibration) */
    int nins_bands;
    int ins_from[HG_MAX_BANDS];
    double ins_share[HG_MAX_BANDS][HG_NINS];
    double job_change_per_year;
    double dependent_share_m, dependent_share_f; /* adults 20-74 insured as 被扶養者 */
    int kumiai_per_pref, kokuho_per_pref, kyosai_per_pref, seiho_offices_per_pref;
    double copay30_70_74;          /* share of 70-74 with 現役並み所得 (3割) */
    double kouki_copay[3];         /* shares of 1割, 2割, 3割 at 75+ */
    int kouki_20_from;             /* yyyymm from which 後期 2割 applies (1割 before) */
    double kouki_20_transition[3]; /* 配慮措置: [from yyyymm, to yyyymm, monthly yen over 1割] */
    int nkougaku;
    double kougaku[16][8]; /* 所得区分 rows (population.yaml insurance.kougaku) */
    double kouki_tokki[2]; /* 特記事項 of 後期 一般 1割, 2割 from kouki_20_from */
    int nkohi;
    double kohi[16][6];   /* 公費 programmes (population.yaml insurance.kohi) */
    double kohi_local[3]; /* the local child subsidy: [法別, until age, prefecture share] */
    double name_change_per_year_f20_39; /* marriage */
    double births_per_1000;             /* live births a year per 1,000 of the population */
    double births_male_share;           /* of the births */
    double metabolic_rho;               /* loading of the shared metabolic factor */
    double cadence_rho;                 /* loading of the person's shared visit interval */
    int max_episodes_per_month;         /* of one acute condition */
    int max_los_days;                   /* the longest stay */
    hg_band_rates admit_age;     /* chronic conditions' admissions a year × this, by age and sex */
    int death_admission_days;    /* a death in hospital follows a stay of up to this */
    double death_long_stay_days; /* a stay of a condition this long on average may end in death */
    double clinics_per_100k, hospitals_per_100k; /* national rates; sized to the dataset */
    int nclinic_depts;
    double clinic_depts[40][2]; /* [診療科, share of all clinics] */
    double outside_rx_share;    /* clinics that prescribe 院外 */
    double dpc_hospital_share;  /* hospitals paid by DPC */
    double coef[2];             /* range of a DPC hospital's 医療機関別係数 */
    int nbeds;
    double beds[8][3]; /* hospitals by beds: [from, to, share] */
    double acute_home_clinic_share;
    int internal_dept; /* patients see one clinic per department, their home clinic for this */
} hg_popparams;

typedef struct hg_model {
    hg_popparams pp;
    gsl_ran_discrete_t *sexage; /* over 2*bands: male bands then female bands */
    int pref_code[64];
    gsl_ran_discrete_t *pref;
    double pref_share[64]; /* population share by JIS prefecture code */
    gsl_ran_discrete_t *ins_table[HG_MAX_BANDS];
    /* shared code masters */
    hg_mtab skwd, mddf, prac_act, medicine, spcfc_dev; /* spcfc_dev: 特定器材 (T) */
    int *act_points;        /* points of each 診療行為 master row, rounded */
    int64_t *dev_price_1e2; /* price of each 特定器材 master row, yen ×100 */
    char official[8];       /* "yes" when official masters were read */
    /* the clinical catalogue (masters/clinical/) */
    hg_mtab conds_tab, rates_tab, dis_tab, drugs_tab, tests_tab, seasons_tab, links_tab,
        weights_tab, names_tab, depts_tab, kohi_tab, dcause_tab, dshare_tab, dplace_tab;
    int nconds;
    hg_condition *conds;
    int ncdis;
    hg_cdis *cdis;
    int ngroups;
    hg_dgroup *groups;
    int nproducts;
    hg_product *products;
    int nctests;
    hg_ctest *ctests;
    int nseasons;
    hg_season *seasons;
    /* the procedures a stay can have (masters/med/stay_procedures.csv; sim/stays.c) */
    hg_mtab sprocs_tab;
    int nsprocs;
    hg_sproc *sprocs;
    int skwd_icd_col;           /* the 傷病名 master's ICD-10 column, or -1 */
    int kohi_seiho, kohi_local; /* programme rows of 生活保護 and the local child subsidy */
    /* causes and places of death (deaths.h) */
    int ndcauses;
    struct hg_dcause *dcauses;
    hg_band_rates death_places[5]; /* share of deaths by place (deaths.h HG_DPLACE_*), age, sex */
    int nweight_ages;
    double weight_kg[2][32]; /* body weight by age (0 ..), [0] male [1] female */
    /* names */
    int nsur, ngiven_m, ngiven_f;
    const char **sur, **given_m, **given_f;
    gsl_ran_discrete_t *sur_t, *given_m_t, *given_f_t;
} hg_model;

typedef struct hg_model_paths {
    const char *specs_dir;    /* tables/ (table specs), model/ (parameters), presets.yaml … */
    const char *masters_dir;  /* project masters */
    const char *official_dir; /* NULL, or the official masters' directory */
} hg_model_paths;

/* Loads population.yaml and the shared masters, checks every cross-reference, reports every
 * problem. Returns 0 or -1. */
int hg_model_load(hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_model_free(hg_model *m);
/* Index of the condition with this id (clinical/conditions.csv), or -1. */
int hg_model_cond(const hg_model *m, const char *id);
/* The shared code masters that are also output as tables (tnds_m_*). Returns how many were
 * put in out (at most max). */
int hg_model_masters(hg_model *m, hg_mtab **out, int max);
/* The quantity of a product prescribed to a person of this sex and age: units per day (内服,
 * 注射), per dose (屯服) or in all (外用, courses), from the fixed dose or from mg/kg and the body
 * weight of the age. Always positive. */
double hg_product_units(const hg_model *m, const hg_product *pr, int sex, int age);
/* The seasonal factor of condition k in a month (1 when flat). */
double hg_season_factor(const hg_model *m, int k, int32_t ym);
/* Checks an insurer number's check digit (8-digit 社保/後期, 6-digit 国保). */
int hg_insurer_check_digit(const char *digits7or5);
/* path of a file below dir: "dir/sub/name" into out. */
void hg_path(char *out, size_t n, const char *dir, const char *sub, const char *name);

/* Custom parameter readers for families that refer to conditions by id (the binder's ctx is
 * the hg_model): a list of ids ([HT, T2DM]) into an int array of condition indexes, capacity
 * p->n, count at count_off (HG_P_CUSTOM_N); and a list of ids into per-condition flags: the
 * destination is an int * that gets a calloc'ed array of nconds flags (HG_P_CUSTOM). */
int hg_p_cond_list(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
/* One condition id into its index (an int). */
int hg_p_cond(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
int hg_p_cond_flags(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
/* Readers of a code into its master row (an int): 診療行為, 傷病名, 修飾語 and 医薬品 codes of
 * the shared masters; a code not in the master is reported where it is written. */
int hg_p_act_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
int hg_p_disease_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
int hg_p_modifier_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
int hg_p_drug_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p);
/* The same for any master: the row of node's text in t, or -1 after reporting. */
int hg_bind_code(hg_binder *b, yaml_node_t *n, const hg_mtab *t, const char *what);
/* A custom reader's body for a code of master t: the row into the int at p's offset. */
int hg_bind_code_into(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p, const hg_mtab *t,
                      const char *what);

#endif
