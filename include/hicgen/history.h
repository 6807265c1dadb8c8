/* hicgen — what one record family hands another about a person, explicitly.
 *
 * The families of a person run in the order of the family table (src/families/families.c):
 * first every life-course hook, then every emitter. What a family writes here is read by the
 * families after it; each family declares what it writes and reads (HG_HIST_*), and the engine
 * refuses a table in which a reader comes before its writer. The history is reset for every
 * person and its buffers are reused, so a worker allocates nothing per person once warm. */
#ifndef HICGEN_HISTORY_H
#define HICGEN_HISTORY_H

#include <stdint.h>

/* What can be written and read. */
enum {
    HG_HIST_RESIDENCE = 1 << 0, /* living in a care facility (介護 → 医科 outpatient visits) */
    HG_HIST_RX = 1 << 1,        /* 院外 prescriptions written (医科 → 調剤) */
    HG_HIST_DRUGS = 1 << 2, /* drug claims by month and condition (医科 → 特定健診 服薬) */
    HG_HIST_CARE = 1 << 3,  /* care levels certified (介護 → 医科 home medical care) */
};

/* A certified care level in force from one day to another (要介護認定, not 非該当). */
typedef struct hg_care_span {
    int32_t from, to; /* yyyymmdd, inclusive */
    int level;        /* 12, 13 要支援1-2; 21-25 要介護1-5 */
} hg_care_span;

/* One drug of a 院外 prescription (処方箋) written on a 医科 visit: the pharmacy fills exactly
 * these drugs, on the day and for the days prescribed. Items of one 剤 (the same form, 用法 and
 * days) share rp. */
typedef struct hg_rx_item {
    int cond;           /* condition treated */
    int product;        /* index into model->products */
    int form;           /* HG_FORM_*: 1 内服, 2 屯服, 3 外用, 4 注射 */
    int rp;             /* the 剤 (Rp) number on the prescription, 1 .. */
    int qty;            /* days (内服), doses (屯服) or 1 (外用) */
    int64_t amount_1e5; /* units per day (内服), per dose (屯服) or in all (外用), ×10^5 */
} hg_rx_item;

typedef struct hg_rx {
    int32_t date; /* prescribing (and dispensing) date, yyyymmdd */
    int hospital; /* prescriber is a hospital (1) or a clinic (0) */
    int inst;     /* prescriber's number in the prefecture */
    int first;    /* its items: rx_items[first .. first + nitems) */
    int nitems;
} hg_rx;

/* A drug claim (院内 IY on a 医科 receipt, or an item of a 院外 prescription). */
typedef struct hg_drug_claim {
    int32_t ym;
    int med_row; /* the drug: its row in model->medicine */
} hg_drug_claim;

typedef struct hg_history {
    /* HG_HIST_RESIDENCE: entry into a care facility (0 = never) and its kind (51 特養, 52 老健,
     * 55 介護医療院); the resident is in the facility from then on except in hospital */
    int32_t facility_from;
    int facility_kind;
    /* HG_HIST_CARE: the certified care levels, in date order */
    hg_care_span *care;
    int ncare, care_cap;
    /* HG_HIST_RX: every prescription of the period, in date order within each month */
    hg_rx *rx;
    int nrx, rx_cap;
    hg_rx_item *rx_items;
    int nrx_items, rx_items_cap;
    /* HG_HIST_DRUGS: by month, without repeats of the same month and condition in a row */
    hg_drug_claim *drugs;
    int ndrugs, drugs_cap;
} hg_history;

/* Empties h for the next person (keeps its buffers). */
void hg_history_reset(hg_history *h);
void hg_history_free(hg_history *h);
/* A new, empty prescription dated date at an institution. */
hg_rx *hg_history_rx(hg_history *h, int32_t date, int hospital, int inst);
/* Adds an item to the last prescription. */
void hg_history_rx_item(hg_history *h, hg_rx_item item);
/* The items of prescription i. */
static inline const hg_rx_item *hg_rx_items(const hg_history *h, const hg_rx *rx)
{
    return h->rx_items + rx->first;
}
void hg_history_drug(hg_history *h, int32_t ym, int med_row);
/* Adds a certified care level. */
void hg_history_care(hg_history *h, int32_t from, int32_t to, int level);
/* The care level certified on ymd, or 0. */
int hg_history_care_level(const hg_history *h, int32_t ymd);

#endif
