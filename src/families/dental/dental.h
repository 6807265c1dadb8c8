/* hicgen — 歯科 receipts: treatment courses for caries, periodontitis and gingivitis by age,
 * each a month or more of visits at the person's dental clinic, as NDB records IR, RE, HO/KO,
 * HS (disease with teeth), SS (dental procedures) and IY. */
#ifndef HICGEN_DENTAL_H
#define HICGEN_DENTAL_H

#include <gsl/gsl_rng.h>
#include "hicgen/diag.h"
#include "hicgen/emit.h"
#include "hicgen/person.h"

enum {
    DEN_FIRST,
    DEN_REVISIT,
    DEN_MGMT,
    DEN_XRAY,
    DEN_PERIO_EXAM,
    DEN_SCALING,
    DEN_CLEANING,
    DEN_CARIES_TX,
    DEN_CAVITY,
    DEN_FILLING,
    DEN_EXTRACTION,
    DEN_NCODES
};

typedef struct hg_dental_model {
    int loaded;
    int nrate;
    int rate_from[16];
    double rate[16];
    int nkind;
    int kind_from[16];
    double kind_w[16][3];
    int kind_dis[3]; /* 傷病名 master rows */
    double months_mean, extra_visits, extraction_share;
    int drug_row, drug_daily, drug_days;
    int64_t drug_points; /* points a day of the extraction drug, from its price at load */
    int clinics_per_pref;
    int code[DEN_NCODES]; /* rows in the dental procedure master */
    hg_mtab acts;         /* masters/den_act.csv */
    int *points, *ident;  /* per act row */
} hg_dental_model;

/* Loads the dental section of model.yaml and masters/den_act.csv into m->den. */
int hg_dental_load(hg_model *m, const char *specs_dir, const char *masters_dir, hg_diag *d);
void hg_dental_free(hg_dental_model *den);
/* Emits the person's dental receipts over the period. */
void hg_den_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                   gsl_rng *r, hg_emitter *e);

#endif
