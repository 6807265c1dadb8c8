/* hicgen — one simulated person over the study period: demography, names, insurance spells
 * with NDB-style hashed ids, conditions, acute episodes, hospital stays and death. A person is
 * a pure function of (model, period, seed, person index): nothing else influences it. */
#ifndef HICGEN_PERSON_H
#define HICGEN_PERSON_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "hicgen/model.h"

/* What a dataset spans: its months, and its size, to which the institutions are sized. */
typedef struct hg_period {
    int32_t start_ym; /* yyyymm */
    int months;
    int32_t start;    /* yyyymmdd of the first day */
    int32_t end;      /* yyyymmdd of the last day */
    uint64_t persons; /* the dataset's persons (all shards) */
} hg_period;

void hg_period_init(hg_period *p, int32_t start_ym, int months, uint64_t persons);

typedef struct hg_spell {
    int32_t from, to;     /* yyyymmdd, inclusive; to = 0: still open */
    int type;             /* hg_instype */
    int family;           /* insured as 被扶養者 */
    char insurer_no[9];   /* 8 digits (6 for 国保); empty for 生活保護 */
    char insurer_anon[9]; /* the NDB's anonymised insurer number */
    char kigo[12], bango[12], edaban[3];
    char defrayer[9]; /* 公費負担者番号 (生活保護) */
    char id1[65], id1n[65];
} hg_spell;

typedef struct hg_name {
    int32_t from;
    char kana[64];
    char id2[65];
} hg_name;

/* What a person has of a condition, and how it is treated (drawn when it begins). */
typedef struct hg_pcond {
    int cond;              /* index in model->conds */
    int32_t onset;         /* yyyymmdd; 0 = absent */
    int dis;               /* index into model->cdis: the person's main 傷病名 for it */
    int cadence;           /* chronic: days between the person's regular visits */
    int hospital;          /* treated at a hospital (else a clinic) */
    int prod_first, nprod; /* the products prescribed: prods[prod_first ..] (model->products) */
} hg_pcond;

typedef struct hg_episode {
    int cond;
    int32_t date;
    int admitted;          /* treated as an inpatient stay instead of outpatient visits */
    int clinic;            /* clinic number in the prefecture */
    int dis;               /* index into model->cdis: the episode's main 傷病名 */
    int nvisits;           /* outpatient visits of the episode */
    int prod_first, nprod; /* the products prescribed: prods[prod_first ..] */
} hg_episode;

typedef struct hg_stay {
    int32_t admit, discharge; /* inclusive */
    int cond;
    int hospital;
    int died;
    int episode; /* the acute episode admitted, or -1 */
    /* its procedures (indices into model->sprocs), at most one a group */
    int nproc, proc[HG_STAY_PROC_GROUPS];
} hg_stay;

/* A person's arrays grow as needed (no history is ever cut short); their buffers are kept from
 * one person to the next, so a worker stops allocating once warm. */
typedef struct hg_person {
    uint64_t idx;
    int sex;
    int32_t birth;
    int pref;
    int32_t death;      /* 0 = alive at the end */
    int death_cause;    /* index into the model's causes of death (deaths.h), -1 alive */
    int death_hospital; /* died in hospital (during a stay) */
    int death_place;    /* where (deaths.h HG_DPLACE_*) */
    double metabolic_z;
    int high_income; /* 現役並み所得 (3割 at 70+) */
    double income_u; /* where the person stands in the 所得区分 shares (高額療養費) */
    int kouki_copay; /* 10, 20 or 30 from 75 */
    int home_clinic, home_hospital, visit_phase;
    char id5[65];
    int nnames, nspells, nepisodes, nstays;
    int names_cap, spells_cap, episodes_cap, stays_cap;
    hg_name *names;
    hg_spell *spells;
    hg_pcond *conds; /* one per model condition */
    int conds_cap;
    hg_episode *episodes;
    hg_stay *stays;
    int *prods; /* product indexes (model->products) of conditions and episodes */
    int nprods, prods_cap;
} hg_person;

/* Releases what a person's arrays hold (after the last hg_person_sim into it). */
void hg_person_free(hg_person *p);
/* Is the person in hospital on ymd? */
int hg_person_in_stay(const hg_person *p, int32_t ymd);
/* The stay the person is in on ymd, or NULL. */
const hg_stay *hg_person_stay_on(const hg_person *p, int32_t ymd);

/* The index (into model->cdis) of a stay's main 傷病名: its episode's, else its condition's. */
int hg_stay_disease(const hg_model *m, const hg_person *p, const hg_stay *st);
/* The ICD-10 of that 傷病名 (the master's icd_10_1; "" when the master has no such column). */
const char *hg_stay_icd(const hg_model *m, const hg_person *p, const hg_stay *st);

/* Simulates person idx into p (reusing its buffers; p zeroed before the first use). r is the
 * worker's generator (re-keyed here). */
void hg_person_sim(const hg_model *m, const hg_period *per, uint64_t seed, uint64_t idx, gsl_rng *r,
                   hg_person *p);
/* The spell in force on date ymd, or NULL. */
const hg_spell *hg_person_spell(const hg_person *p, int32_t ymd);
/* The name in use on date ymd. */
const hg_name *hg_person_name(const hg_person *p, int32_t ymd);
/* Is a person born on birth 未就学 (before compulsory school) on ymd? */
int hg_preschool(int32_t birth, int32_t ymd);
/* Is ymd on or before the first 31 March after the person reached age (the school-year limit
 * of child benefits: 6 for 未就学, 15 for 中学校卒業)? */
int hg_school_year_until(int32_t birth, int age, int32_t ymd);
/* Co-payment percent on date ymd under spell s (0 for 生活保護). */
int hg_person_copay(const hg_model *m, const hg_person *p, const hg_spell *s, int32_t ymd);
/* Institutions sized to the dataset (population.yaml institutions): how many of a kind a
 * prefecture has for a dataset of per->persons persons at a national rate per 100,000 — those
 * of that many people living there, at least one. */
int hg_inst_count(const hg_model *m, const hg_period *per, int pref, double per_100k);
/* The clinics of a department in a prefecture: how many, and the number of the first in
 * *first (a department's clinics are numbered consecutively from 1, departments in the order
 * of institutions.clinic_departments). A department without a row has the first's. */
int hg_clinic_range(const hg_model *m, const hg_period *per, int pref, int dept, int *first);
/* All the clinics of the departments in institutions.clinic_departments in a prefecture. */
int hg_clinic_total(const hg_model *m, const hg_period *per, int pref);
/* The person's usual clinic for a department (their home clinic for internal medicine). */
int hg_person_clinic(const hg_model *m, const hg_period *per, const hg_person *p, int dept);
/* Is condition k active (onset on or before ymd)? */
int hg_person_has(const hg_person *p, int k, int32_t ymd);
/* An opaque code of len base-36 characters for what, as the NDB anonymises codes. */
void hg_anon_code(uint64_t seed, const char *what, char *out, int len);

#endif
