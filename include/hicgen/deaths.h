/* hicgen — causes and places of death. masters/clinical/death_causes.csv names the causes
 * (人口動態統計's 死因 groups) with the conditions that lead to them; death_shares.csv gives each
 * cause's share of deaths by age and sex, and death_places.csv the share of deaths in hospital by
 * age. A death's cause is drawn from the national shares at the person's age, weighted by whether
 * the person has a condition of the cause, so that a person without cancer does not die of it and
 * the deaths of a population still follow the national mix; the cause decides which admissions
 * a death may happen in (no death during a stay for cataract) and how likely a hospital is. */
#ifndef HICGEN_DEATHS_H
#define HICGEN_DEATHS_H

#include <stdint.h>
#include "hicgen/bands.h"
#include "hicgen/diag.h"

struct hg_model;
struct hg_person;

#define HG_DCAUSE_MAX_CONDS 24
#define HG_DCAUSES_MAX      64 /* causes in death_causes.csv */

/* Places of death (death_places.csv), in the order of their 人口動態統計 codes (死亡の場所:
 * 1 病院 (診療所 2 counted with it), 3 介護医療院・介護老人保健施設, 5 老人ホーム, 6 自宅, 7
 * その他). */
enum {
    HG_DPLACE_HOSPITAL,
    HG_DPLACE_CARE,
    HG_DPLACE_NURSING,
    HG_DPLACE_HOME,
    HG_DPLACE_OTHER,
    HG_DPLACES
};
extern const char *const hg_dplace_names[HG_DPLACES + 1]; /* as in death_places.csv; NULL */
extern const char *const hg_dplace_codes[HG_DPLACES];     /* the 人口動態統計 codes */

typedef struct hg_dcause {
    char id[16];
    char icd10[16]; /* the cause group's ICD-10 codes (reported in the persons register) */
    int skwd_row;   /* 傷病名 of the cause, when no condition of the person names it (-1 none) */
    int conds[HG_DCAUSE_MAX_CONDS], nconds; /* the conditions that lead to it */
    int stay_cond;       /* the condition of a final admission without one of those, or -1 */
    int any_stay;        /* may happen during a stay for any condition (その他の死因) */
    double k_has;        /* weight of the cause for a person with one of its conditions … */
    double k_without;    /* … and without (0: only those with one die of it) */
    double hospital_or;  /* odds ratio of dying in hospital against the age's share */
    double outside;      /* share of its deaths out of hospital that happen elsewhere (その他) */
    hg_band_rates share; /* share of all deaths by age and sex */
} hg_dcause;

/* Reads the three tables into the model (after the conditions); problems go to d. */
void hg_deaths_load(struct hg_model *m, hg_diag *d);
void hg_deaths_free(struct hg_model *m);
/* Does the person have a condition of cause c on ymd (a chronic one in force, or a stay for an
 * acute one within the last 90 days)? */
int hg_death_has(const struct hg_model *m, const struct hg_person *p, int c, int32_t ymd);
/* The cause of a death on ymd at age, from u in [0, 1). */
int hg_death_cause(const struct hg_model *m, const struct hg_person *p, int age, int32_t ymd,
                   double u);
/* May a person dying of cause c die during a stay for condition cond? */
int hg_death_in_stay_of(const struct hg_model *m, int c, int cond);
/* The probability that a death of cause c at age happens in hospital. */
double hg_death_hospital_p(const struct hg_model *m, int c, int sex, int age);
/* The place of a death of cause c at age out of hospital, from u in [0, 1): the cause's share
 * `outside` is elsewhere (その他), the rest by the places' shares at the age. */
int hg_death_place_out(const struct hg_model *m, int c, int sex, int age, double u);
/* Where the death of p happened as the data show it: a resident of a care facility (from
 * facility_from, of facility_kind; 0 none) who dies out of hospital dies in the facility (介護
 * 老人福祉施設 51 is a 老人ホーム), anyone else where the simulation drew it, at home when that
 * was a facility they never lived in. HG_DPLACE_*, or -1 when p is alive. */
int hg_death_place_final(const struct hg_person *p, int32_t facility_from, int facility_kind);
/* The condition of a final admission for cause c: the person's condition of the cause with the
 * largest death_rr that admits; for a cause of any stay, the person's condition with the largest
 * death_rr above 1 that admits; else the cause's stay_cond (-1: none). */
int hg_death_stay_cond(const struct hg_model *m, const struct hg_person *p, int c, int32_t ymd);

#endif
