/* hicgen — the clinical catalogue (masters/clinical/): the conditions a person can have, and for
 * each its rates by age and sex, the 傷病名 written for it (main names, の疑い, companion names,
 * names that justify a test), the drugs prescribed for it (choice groups of real products, with
 * their doses by age or body weight), the tests and other acts done for it, its visit pattern and
 * seasonality. The catalogue is data: every code is checked against the code masters at load,
 * every share and distribution against its bounds. */
#ifndef HICGEN_CLINICAL_H
#define HICGEN_CLINICAL_H

#include <stdint.h>
#include <gsl/gsl_randist.h>
#include "hicgen/bands.h"
#include "hicgen/ddist.h"

enum { HG_COND_CHRONIC = 0, HG_COND_ACUTE, HG_COND_CANCER };
/* the role of a 傷病名 for its condition */
enum { HG_DIS_MAIN = 0, HG_DIS_SUSPECT, HG_DIS_COMPANION, HG_DIS_FOR_TEST };
/* drug forms: 診療識別 21 内服, 22 屯服, 23 外用, 33 注射 */
enum { HG_FORM_INTERNAL = 1, HG_FORM_PRN, HG_FORM_EXTERNAL, HG_FORM_INJECTION };
enum { HG_LINE_FIRST = 0, HG_LINE_ADD_ON, HG_LINE_SECOND, HG_LINE_PRN };
/* how a dose is given: units per day; mg/kg (per day or per dose, prn with a number of
 * doses); a whole course or topical amount */
enum { HG_DOSE_PER_DAY = 0, HG_DOSE_PRN, HG_DOSE_TOPICAL, HG_DOSE_COURSE };
/* when an act of a condition is done: at the first visit, on a schedule, at every visit, at
 * an acute episode's follow-up visits */
enum { HG_WHEN_FIRST = 0, HG_WHEN_SCHEDULED, HG_WHEN_EVERY_VISIT, HG_WHEN_FOLLOWUP };
enum {
    HG_ACT_TEST = 0,
    HG_ACT_IMAGING,
    HG_ACT_MANAGEMENT,
    HG_ACT_INJECTION,
    HG_ACT_PROCEDURE,
    HG_ACT_PSYCHIATRIC,
    HG_ACT_REHABILITATION,
    HG_ACT_HOMECARE
};

typedef struct hg_cdis {
    int row;       /* 傷病名 master row */
    int modif_row; /* 修飾語 master row (e.g. 8002 の疑い), or -1 */
    int role;      /* HG_DIS_* */
    double w;      /* main: share among main names; others: probability */
    int test_row;  /* for_test: the 診療行為 it justifies, or -1 */
    int owner;     /* companion: the other condition whose main name it is (written only for
                    * persons who have that condition), or -1 */
} hg_cdis;

typedef struct hg_dose {
    int basis;       /* HG_DOSE_* */
    double daily;    /* units of the product per day (per dose for prn, see n_doses) */
    double interval; /* days between doses of a non-daily drug (0: daily) */
    double times_per_day;
    double mg_per_kg_day, max_mg_day, mg_per_kg_dose, max_mg_dose;
    double units_per_kg_day, max_units_day, units_per_kg_dose, max_units_dose;
    double conc_mg_per_unit; /* mg per unit of the product, for weight-based doses */
    double n_doses;          /* prn doses supplied */
    double course_units;     /* topical or course: units supplied at once */
} hg_dose;

typedef struct hg_product {
    int med_row; /* 医薬品 master row */
    double w;    /* relative weight inside its group */
    int age_from, age_to;
    int form; /* HG_FORM_* */
    hg_dose dose;
    char direction[4]; /* 用法コード, or "" */
    int days_limit;    /* 投与日数 limit (向精神薬 30 …), 0 = none */
    hg_ddist days;     /* the product's own days supplied (overrides the condition's) */
    int64_t price_1e2; /* 薬価 in yen ×100 (from the master) */
    int generic;
    int clinic;    /* an injection given at the clinic (not self-injected): billed on the
                    * 医科 receipt at the visit, never on a 処方箋 */
    int technique; /* its 注射料 (診療行為 master row), or -1 for none */
} hg_product;

typedef struct hg_dgroup {
    char id[40];
    double prob;  /* probability a treated patient gets a product of the group */
    int line;     /* HG_LINE_* */
    int first, n; /* products[first .. first + n) */
    int leader;   /* first-line alternatives: the group (index into groups) that draws for its
                   * family, or -1 when the group is drawn on its own */
} hg_dgroup;

enum { HG_ALT_MAX = 128 }; /* alternatives are among a condition's first tests */
typedef struct hg_ctest {
    int act_row; /* 診療行為 master row */
    int kind;    /* HG_ACT_* */
    int when;    /* HG_WHEN_* */
    double every_months;
    double prob;
    int age_from, age_to;
    /* alternatives (column alt: the same label in one condition, e.g. 人工腎臓 by hours): the
     * index (in the condition's tests) of the group's first, whose one draw picks at most one
     * of them by their probabilities; -1 for a test of its own */
    int alt;
    int line; /* of condition_tests.csv, for messages */
} hg_ctest;

typedef struct hg_season {
    char id[40];
    double f[12]; /* factor by calendar month (index month - 1), mean 1 */
} hg_season;

typedef struct hg_condition {
    char id[32];
    char name_ja[128], name_en[128];
    int kind; /* HG_COND_* */
    int dept; /* 診療科 code (departments.csv) */
    double hospital_share;
    int sex; /* 0 both, or HG_SEX_* */
    int min_age, max_age;
    int episodes; /* rates are episodes per person-year (else prevalence) */
    hg_band_rates rates;
    hg_ddist cadence;      /* chronic: days between regular visits */
    hg_ddist visits;       /* acute: visits per episode */
    hg_ddist revisit_gap;  /* acute: days between an episode's visits */
    hg_ddist days;         /* days supplied of a prescription */
    int episode_days;      /* acute: days until the episode ends */
    int next_episode_days; /* acute: no new episode this soon after one began (the same illness) */
    int season;            /* index into seasons, or -1 (flat) */
    int tokutei;           /* the main name qualifies for 特定疾患療養管理料 (FY2022) */
    int lifestyle; /* 生活習慣病管理料 target (高血圧症, 糖尿病, 脂質異常症) */
    double admit;  /* chronic/cancer: admissions per person-year; acute: P(admitted) */
    double los_mean;            /* days */
    double death_rr;            /* relative risk of death while active */
    int metabolic;              /* shares the person's metabolic risk factor */
    int exclusive;              /* a condition whose presence rules this one out, or -1 */
    int dis_first, ndis;        /* into cdis */
    gsl_ran_discrete_t *main_t; /* over the main names, in cdis order among the mains */
    int nmain;
    int grp_first, ngrp;   /* into groups */
    int test_first, ntest; /* into ctests */
    /* 公費 for its care (condition_kohi.csv): a programme row of population.yaml, or -1 */
    int kohi, kohi_min_age, kohi_max_age;
    double kohi_uptake; /* share of its patients holding the certificate */
} hg_condition;

/* A procedure a stay can have (masters/med/stay_procedures.csv, the row that starts it): which
 * stays get it is part of the clinical course, because it can set the stay's length; what is
 * billed for it is the 医科 family's (its rows' codes). Procedures come in groups of
 * alternatives, one draw a group. */
enum { HG_STAY_PROC_GROUPS = 4 };
typedef struct hg_sproc {
    int cond, group;      /* the condition of the stay; its group (0-based) */
    double share;         /* of the condition's stays in reach (age, diagnosis) */
    int min_age, max_age; /* at admission */
    char icd[8];          /* the stay's main 傷病名 ICD-10 starts with it ("" any) */
    int day_from;         /* of its first item: days after admission the stay must last */
    double los_mean;      /* the stay's mean length with it (as conditions.csv los_mean), or 0 */
    int line;             /* of its first row, for messages and for the 医科 family */
} hg_sproc;

#endif
