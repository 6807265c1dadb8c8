/* hicgen — 院外 prescriptions (処方箋) written on 医科 outpatient visits. The medical receipt
 * logic records them; the pharmacy logic fills them, so the 調剤 receipt of a person carries
 * exactly the drugs their doctor prescribed, on the day and for the days prescribed. */
#ifndef HICGEN_RX_H
#define HICGEN_RX_H

#include <stdint.h>

#define HG_RX_MAX_ITEMS 12

typedef struct hg_rx_item {
    int cond;    /* condition treated */
    int regimen; /* the person's regimen for it */
    int form;    /* 1 内服, 2 屯服, 3 外用 */
    int qty;     /* days (内服), doses (屯服) or 1 (外用) */
} hg_rx_item;

typedef struct hg_rx {
    int32_t date; /* prescribing (and dispensing) date, yyyymmdd */
    int hospital; /* prescriber is a hospital (1) or a clinic (0) */
    int inst;     /* prescriber's number in the prefecture */
    int nitems;
    hg_rx_item items[HG_RX_MAX_ITEMS];
} hg_rx;

/* All prescriptions of one person over the period, in date order within each month. */
typedef struct hg_rx_log {
    int n, cap;
    hg_rx *rx;
} hg_rx_log;

/* Every drug claim of a person (院内 IY on 医科 receipts and 院外 prescriptions): the month
 * and the condition the drug was for. The checkup's 服薬 answers are read from it. */
typedef struct hg_claim {
    int32_t ym;
    int cond;
} hg_claim;

typedef struct hg_claim_log {
    int n, cap;
    hg_claim *c;
} hg_claim_log;

/* What the 医科 logic hands to the other families. */
typedef struct hg_med_out {
    hg_rx_log rx;
    hg_claim_log claims;
} hg_med_out;

void hg_claim_log_add(hg_claim_log *l, int32_t ym, int cond);
void hg_med_out_reset(hg_med_out *o);
void hg_med_out_free(hg_med_out *o);
hg_rx *hg_rx_log_add(hg_rx_log *l);
void hg_rx_log_free(hg_rx_log *l);

#endif
