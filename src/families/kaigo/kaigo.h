/* hicgen — the 介護 (kaigo) family: 要介護認定 (applications, the 74-item survey, 一次/二次判定,
 * validity periods) and 介護給付費明細 (basic 01, detail 02, aggregate 10 per person × month ×
 * provider). The care timeline is simulated by a life-course hook, after the person's life and
 * before any family emits, so that the 医科 side can see who lives in a care facility (the
 * history's residence); certification risk rises with the person's conditions. */
#ifndef HICGEN_FAMILIES_KAIGO_H
#define HICGEN_FAMILIES_KAIGO_H

#include "families/kaigo/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_kaigo;

#define HG_KAIGO_LEVELS 7 /* 12 13 21 22 23 24 25 */

/* Level codes in order; index 0..6. */
extern const int hg_kaigo_level_codes[HG_KAIGO_LEVELS];
int hg_kaigo_level_index(int code);

/* One home service kind of kaigo.yaml: who uses it and how often, by level. */
typedef struct hg_home_service {
    char kind[3];
    char name[64];
    double share[HG_KAIGO_LEVELS];
    double per_month[HG_KAIGO_LEVELS];
} hg_home_service;

/* A row of masters/kaigo/services.csv, resolved at load (strings point into the table). */
typedef struct hg_kaigo_service {
    const char *code, *kind;
    int level_from, level_to, unit;
    int monthly; /* per = month: billed once a month whatever the days */
} hg_kaigo_service;

/* An item of the 基本調査 (masters/kaigo/chosa_items.csv), resolved at load. */
typedef struct hg_kaigo_item {
    int no, options, cognitive;
    double threshold;
} hg_kaigo_item;

typedef struct hg_kaigo {
    hg_band_rates certified;
    double incidence_scale, top_incidence;
    double *risk;            /* relative risk by condition (1 = none) */
    char (*spec_disease)[3]; /* 特定疾病 code by condition, "" = not one */
    int nlev;
    double lev[16][8]; /* [age_from, seven level shares] */
    double severe_shift;
    int *severe_conds; /* conditions that raise the level drawn (severe_shift) */
    int dementia;      /* the condition that drives cognitive answers, -1 = none */
    double moves[4];
    int *change_conds;
    double change_prob;
    int valid_new[4], nvalid_new, valid_ren[4], nvalid_ren, valid_chg[4], nvalid_chg;
    double not_eligible;
    int survey_days[2], decision_days[2], nsurvey_days, ndecision_days;
    int retry_days, start_back, start_apply_before;
    int nminutes;
    double minutes[HG_KAIGO_LEVELS][2], minutes_ne[2];
    double first_differs, two_levels;
    int change_after, renew_before, renew_spread, recent_days;
    double acute_prev, survey_step, cognitive_shift;
    char disability[HG_KAIGO_LEVELS][3][4], disability_ne[4];
    int ngrades;
    char grades[8][4];
    double dementia_worse, dementia_mild;
    double facility_hazard[HG_KAIGO_LEVELS], facility_start[HG_KAIGO_LEVELS];
    int death_stay[2], death_apply[2]; /* facility_death: [from, to] days before the death */
    int ndeath_stay, ndeath_apply;
    int nfac;
    double fac[4][2]; /* [kind, weight] */
    double limit[HG_KAIGO_LEVELS];
    double unit_price;
    int municipalities, providers;
    int nhome;
    hg_home_service home[32];
    char plan_care[3], plan_support[3];
    hg_mtab services, items; /* masters/kaigo/services.csv, chosa_items.csv */
    hg_kaigo_service *svc;   /* services.nrows */
    hg_kaigo_item *item;     /* items.nrows */
} hg_kaigo;

/* One 要介護認定 application and its outcome. */
typedef struct hg_cert {
    int32_t apply, survey, decision; /* yyyymmdd */
    int kind;                        /* 1 新規, 2 更新, 3 区分変更 */
    int level1, level2;              /* 一次 and 二次判定: 1 非該当, 12, 13, 21-25 */
    int minutes;                     /* 要介護認定等基準時間 */
    int32_t valid_from, valid_to;    /* 0 for 非該当 */
    int second;                      /* 第2号被保険者 (40-64) */
    char disease[3];                 /* 特定疾病 code for 第2号 */
} hg_cert;

/* A person's care timeline: what the life hook leaves for the emitter (the family's scratch). */
typedef struct hg_kaigo_life {
    int ncerts, certs_cap;
    hg_cert *certs;
    int32_t facility_from; /* entry into a care facility, 0 = never */
    int facility_kind;     /* 51 特養, 52 老健, 55 介護医療院 */
    double cognition_z;    /* drives the cognitive survey items */
} hg_kaigo_life;

/* Simulates person p's care timeline into k (reusing its buffers). */
void hg_kaigo_timeline(const hg_kaigo *c, const hg_model *m, const hg_period *per, uint64_t seed,
                       const hg_person *p, gsl_rng *r, hg_kaigo_life *k);
void hg_kaigo_life_free(hg_kaigo_life *k);
/* The certification in force on ymd (with a level, not 非該当), or NULL. */
const hg_cert *hg_kaigo_cert(const hg_kaigo_life *k, int32_t ymd);
/* Is the person living in the care facility on ymd (and not in hospital, not dead)? */
int hg_kaigo_in_facility(const hg_kaigo_life *k, const hg_person *p, int32_t ymd);

/* Loading (kaigo_load.c). */
int hg_kaigo_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_kaigo_free(void *state);
int hg_kaigo_masters(void *state, hg_mtab **out, int max);

#endif
