/* hicgen — the 調剤 family: pharmacy receipts filling the 院外 prescriptions of the 医科 side
 * (the person's history), in the same month, as NDB records YK, RE, HO/KO, SH, CZ, IY, KI. */
#ifndef HICGEN_FAMILIES_PHARMACY_H
#define HICGEN_FAMILIES_PHARMACY_H

#include "families/claims.h"
#include "families/pharmacy/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_pharmacy;

/* A 調剤料 rule (masters/pharmacy/dispensing_fees.csv): points for one 剤 of a form dispensed
 * for days_from..days_to days = base + per_day × (days - days_from + 1). */
typedef struct hg_disp_fee {
    int form; /* 1 内服, 2 屯服, 3 外用 */
    int days_from, days_to;
    int act_row; /* row in the 調剤行為 master */
    int base, per_day;
} hg_disp_fee;

typedef struct hg_pharmacy {
    int pharmacies_per_pref;
    double gate_share;     /* prescriptions filled next to the prescriber (門前) */
    int max_internal_fees; /* 内服 剤 per 受付 that earn a 調剤料 */
    int basic, history_mgmt; /* 調剤基本料 and 薬剤服用歴管理指導料: rows of dspng_act */
    hg_mtab dspng_act, fees_tab;
    int *dspng_points; /* points of each 調剤行為 row */
    int nfees;
    hg_disp_fee *fees;
} hg_pharmacy;

/* The 調剤料 rule for one 剤 of a form and quantity, or NULL. */
const hg_disp_fee *hg_disp_fee_for(const hg_pharmacy *ph, int form, int qty);

#endif
