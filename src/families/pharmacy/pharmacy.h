/* hicgen — the 調剤 family: pharmacy receipts filling the 院外 prescriptions of the 医科 side
 * (the person's history), in the same month, as NDB records YK, RE, HO/KO, SH, CZ, IY, KI, with
 * the FY2022 調剤報酬: per 受付 調剤基本料 (with 地域支援体制加算 and 後発医薬品調剤体制加算) and
 * 服薬管理指導料; per 剤 薬剤調製料 and 調剤管理料; and the 薬剤料 of the drugs; and the fees that
 * hang on what the model does not follow (夜間・休日等加算, 外来服薬支援料2, 計量混合調剤加算),
 * drawn at their national rates (pharmacy.yaml extras). */
#ifndef HICGEN_FAMILIES_PHARMACY_H
#define HICGEN_FAMILIES_PHARMACY_H

#include "families/claims.h"
#include "families/pharmacy/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_pharmacy;

/* A fee of a 受付 hanging on what the model does not follow (the hour a prescription is
 * brought, a pharmacist packing doses together): drawn at a share of the 受付 it can apply to. */
typedef struct pha_extra {
    int row;                /* 調剤行為 */
    int management;         /* written as a 薬学管理料 (else a 調剤基本料 加算) */
    int rp_form;            /* a 剤's 加算 (CZ): of 剤 of this HG_FORM_*; 0: a 受付's */
    char unit[16];          /* … whose first drug is counted in this unit (ｇ, ｍＬ) */
    int per_person;         /* the draw is the patient's (else each 受付's) */
    double share;           /* of the 受付 it can apply to */
    int min_age, max_age;   /* the patient's age */
    int min_internal;       /* the 受付's 内服 剤 */
    int days_from, days_to; /* the longest 内服 剤's days supplied */
    int per_days;           /* times: one per this many days of it (0: once) */
    uint64_t salt;          /* entries with the same group share their draw */
} pha_extra;
enum { PHA_MAX_EXTRAS = 8 };

typedef struct hg_pharmacy {
    double pharmacies_per_100k; /* sized to the dataset (hg_inst_count) */
    double per_prescriber;      /* but at least this many per prescribing institution */
    double gate_share;          /* prescriptions filled next to the prescriber (門前) */
    double unfilled;            /* prescriptions never filled */
    int max_internal_fees; /* 内服 剤 per 受付 that earn 薬剤調製料 and 調剤管理料 */
    hg_choice basic_fee;   /* pharmacies by 調剤基本料 */
    /* 地域支援体制加算 by code, for pharmacies of 調剤基本料1 and for the others; the rest none */
    hg_choice community_basic1, community_other;
    hg_choice generic_system; /* 後発医薬品調剤体制加算 by code; the rest none */
    double mgmt_with_book;
    int preparation[4];   /* 薬剤調製料 by form (内服, 屯服, 外用, 注射) */
    int management[4];    /* 調剤管理料 内服 by days */
    int management_other; /* 調剤管理料 内服以外 */
    int guidance[2];      /* 服薬管理指導料 1, 2 */
    int infant_guidance;
    pha_extra extra[PHA_MAX_EXTRAS];
    int nextra;
    int unit_col; /* the unit column of the 医薬品 master */
    hg_mtab dspng_act;
    int *dspng_points; /* points of each 調剤行為 row */
} hg_pharmacy;

#endif
