/* hicgen — 介護保険: 要介護認定 (certification: applications, the 74-item survey, 一次/二次判定,
 * validity periods) and 介護給付費明細 (basic 01, detail 02, aggregate 10 per person × month ×
 * provider). The care timeline is simulated with the person, so that the medical side can see
 * facility residence; certification risk rises with the person's conditions. */
#ifndef HICGEN_CARE_H
#define HICGEN_CARE_H

#include <gsl/gsl_rng.h>
#include "hicgen/diag.h"
#include "hicgen/emit.h"
#include "hicgen/model.h"

#define HG_CARE_LEVELS   7 /* 12 13 21 22 23 24 25 */
#define HG_CARE_MAX_HOME 16

typedef struct hg_home_service {
    char kind[3];
    double share[HG_CARE_LEVELS];
    int per_month[HG_CARE_LEVELS];
} hg_home_service;

/* A row of masters/kaigo_services.csv, resolved at load (strings point into the table). */
typedef struct hg_care_service {
    const char *code, *kind;
    int level_from, level_to, unit;
    int monthly; /* per = month: billed once a month whatever the days */
} hg_care_service;

/* An item of the 基本調査 (masters/kaigo_chosa_items.csv), resolved at load. */
typedef struct hg_care_item {
    int no, options, cognitive;
    double threshold;
} hg_care_item;

typedef struct hg_care_model {
    int loaded;
    hg_band_rates certified;
    double incidence_scale, top_incidence;
    double risk[HG_MAX_CONDS];          /* relative risk by condition (1 = none) */
    char spec_disease[HG_MAX_CONDS][3]; /* 特定疾病 code by condition, "" = not one */
    int nlev;
    int lev_from[16];
    double lev_w[16][HG_CARE_LEVELS];
    double severe_shift;
    int severe_conds[HG_MAX_CONDS]; /* conditions that raise the level drawn (severe_shift) */
    int dementia;                   /* the condition that drives cognitive answers, -1 = none */
    double moves[4];
    int change_conds[HG_MAX_CONDS];
    double change_prob;
    int valid_new[4], nvalid_new, valid_ren[4], nvalid_ren, valid_chg[4], nvalid_chg;
    double not_eligible;
    int survey_days[2], decision_days[2];
    double facility_hazard[HG_CARE_LEVELS], facility_start[HG_CARE_LEVELS];
    int nfac;
    int fac_kind[4];
    double fac_w[4];
    double outpatient_keep;
    int limit[HG_CARE_LEVELS];
    double unit_price;
    int nhome;
    hg_home_service home[HG_CARE_MAX_HOME];
    char plan_care[3], plan_support[3];
    hg_mtab services, items; /* masters/kaigo_services.csv, kaigo_chosa_items.csv */
    hg_care_service *svc;    /* services.nrows */
    hg_care_item *item;      /* items.nrows */
} hg_care_model;

/* Level codes in order; index 0..6. */
extern const int hg_care_level_codes[HG_CARE_LEVELS];
int hg_care_level_index(int code);

int hg_care_load(hg_model *m, const char *specs_dir, const char *masters_dir, hg_diag *d);
void hg_care_free(hg_care_model *c);

/* The person's care timeline (fills p->certs, p->facility_*), from their conditions, stays and
 * death; called at the end of hg_person_sim. */
struct hg_person;
struct hg_period;
void hg_care_timeline(const hg_model *m, const struct hg_period *per, uint64_t seed,
                      struct hg_person *p, gsl_rng *r);
/* Emits the person's certification records and care claims. */
void hg_care_person(const hg_model *m, const struct hg_period *per, uint64_t seed,
                    const struct hg_person *p, gsl_rng *r, hg_emitter *e);

#endif
