/* hicgen — the 調剤 family: pharmacy receipts filling the 院外 prescriptions of the 医科 side
 * (the person's history), in the same month, as NDB records YK, RE, HO/KO, SH, CZ, IY, KI, with
 * the FY2022 調剤報酬: per 受付 調剤基本料 (with 地域支援体制加算 and 後発医薬品調剤体制加算) and
 * 服薬管理指導料; per 剤 薬剤調製料 and 調剤管理料; and the 薬剤料 of the drugs. */
#ifndef HICGEN_FAMILIES_PHARMACY_H
#define HICGEN_FAMILIES_PHARMACY_H

#include "families/claims.h"
#include "families/pharmacy/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_pharmacy;

typedef struct hg_pharmacy {
    double pharmacies_per_100k; /* sized to the dataset (hg_inst_count) */
    double per_prescriber;      /* but at least this many per prescribing institution */
    double gate_share;          /* prescriptions filled next to the prescriber (門前) */
    double unfilled;            /* prescriptions never filled */
    int max_internal_fees; /* 内服 剤 per 受付 that earn 薬剤調製料 and 調剤管理料 */
    hg_choice basic_fee;   /* pharmacies by 調剤基本料 */
    double community;      /* share with 地域支援体制加算 */
    int community_basic1[2], community_other[2];
    hg_choice generic_system; /* 後発医薬品調剤体制加算 by code; the rest none */
    double mgmt_with_book;
    int preparation[4];   /* 薬剤調製料 by form (内服, 屯服, 外用, 注射) */
    int management[4];    /* 調剤管理料 内服 by days */
    int management_other; /* 調剤管理料 内服以外 */
    int guidance[2];      /* 服薬管理指導料 1, 2 */
    int infant_guidance;
    hg_mtab dspng_act;
    int *dspng_points; /* points of each 調剤行為 row */
} hg_pharmacy;

#endif
