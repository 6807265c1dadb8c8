/* hicgen — the 歯科 family: treatment courses for caries, periodontitis and gingivitis by age,
 * each a month or more of visits at the person's dental clinic, as NDB records IR, RE, HO/KO,
 * HS (disease with teeth), SS (dental procedures) and IY. */
#ifndef HICGEN_FAMILIES_DENTAL_H
#define HICGEN_FAMILIES_DENTAL_H

#include "families/claims.h"
#include "families/dental/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_dental;

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

/* The three kinds of course. */
enum { DEN_CARIES, DEN_PERIO, DEN_GINGIVITIS, DEN_NKINDS };

typedef struct hg_dental_model {
    int nrate;
    double rate[16][2]; /* [age_from, courses per person-year] */
    int nkind;
    double kind_w[16][4];     /* [age_from, caries, periodontitis, gingivitis] */
    int kind_dis[DEN_NKINDS]; /* 傷病名 master rows */
    double months_mean, extra_visits, extraction_share;
    int max_visits, caries_teeth, gingivitis_teeth;
    char perio_teeth[16];
    int drug_row, drug_daily, drug_days;
    int64_t drug_points; /* points a day of the extraction drug, from its price at load */
    int clinics_per_pref;
    int code[DEN_NCODES]; /* rows in the dental procedure master */
    hg_mtab acts;         /* masters/dental/den_act.csv */
    int *points, *ident;  /* per act row */
} hg_dental_model;

#endif
