/* hicgen — the 医科・DPC family: 入院外 and 入院 receipts of one person, month by month, as
 * NDB records (医科: IR RE HO/KO SY SI IY CO; DPC adds BU SB KK HH GT CD), all joined by
 * seq2_no. A stay at a DPC hospital for a DPC-coded cause becomes a DPC receipt: both come from
 * the same simulation of the month (one random stream), which is why they are one family. */
#ifndef HICGEN_FAMILIES_MED_H
#define HICGEN_FAMILIES_MED_H

#include "families/claims.h"
#include "families/med/records.h"
#include "hicgen/family.h"

extern const hg_family hg_family_med;

/* The family's record kinds, in its kinds table order. */
#define MED_KINDS(X)                                                                               \
    X(K_MED_IR, "med_ir", IR)                                                                      \
    X(K_MED_RE, "med_re", RE)                                                                      \
    X(K_MED_HO, "med_ho", HO)                                                                      \
    X(K_MED_KO, "med_ko", KO)                                                                      \
    X(K_MED_SY, "med_sy", SY)                                                                      \
    X(K_MED_SI, "med_si", DT)                                                                      \
    X(K_MED_IY, "med_iy", DT)                                                                      \
    X(K_MED_CO, "med_co", CO)                                                                      \
    X(K_DPC_IR, "dpc_ir", IR)                                                                      \
    X(K_DPC_RE, "dpc_re", DRE)                                                                     \
    X(K_DPC_HO, "dpc_ho", HO)                                                                      \
    X(K_DPC_KO, "dpc_ko", KO)                                                                      \
    X(K_DPC_SY, "dpc_sy", SY)                                                                      \
    X(K_DPC_SI, "dpc_si", DT)                                                                      \
    X(K_DPC_IY, "dpc_iy", DT)                                                                      \
    X(K_DPC_CO, "dpc_co", CO)                                                                      \
    X(K_DPC_BU, "dpc_bu", BU)                                                                      \
    X(K_DPC_SB, "dpc_sb", SB)                                                                      \
    X(K_DPC_KK, "dpc_kk", KK)                                                                      \
    X(K_DPC_HH, "dpc_hh", HH)                                                                      \
    X(K_DPC_GT, "dpc_gt", GT)                                                                      \
    X(K_DPC_CD, "dpc_cd", CDR)
enum { MED_KINDS(HG_X_KIND_ENUM) K_MED__N };

/* A DPC code of masters/med/dpc.csv with its per-day points by 入院期間 I, II, III. */
typedef struct hg_dpc {
    int row;       /* row in the DPC master */
    int days[3];   /* last day of 入院期間 I, II, III */
    int points[3]; /* points per day in each period */
} hg_dpc;

/* 診療行為 (and other) codes the receipt logic writes, resolved to master rows at load. */
typedef struct hg_med_codes {
    int first_visit, revisit, mgmt_add, chronic_mgmt, rx_slip, rx_fee, dispense_fee, drug_info,
        blood_draw, inpatient_basic; /* rows in the 診療行為 master */
    int suspected_modifier;          /* row in the 修飾語 master */
    int free_comment;                /* comment code, e.g. 810000001 */
} hg_med_codes;

/* Parameters of specs/model/med.yaml (see the file for each one's meaning and source). */
typedef struct hg_med_params {
    double revisit_mean;
    int max_revisits, revisit_after, revisit_spread, revisit_spacing;
    int acute_rx_days, rx_days_per_month, max_rx_days;
    int chronic_mgmt_per_month;
    int meal_yen, meals_per_day, test_every_days, injection_days, discharge_rx_days;
    int paediatrics_dept, paediatrics_until;
    double facility_keep;
} hg_med_params;

typedef struct hg_med {
    hg_med_params mp;
    hg_med_codes codes;
    hg_mtab dpc_tab; /* masters/med/dpc.csv, also output as a table */
    int ndpc;
    hg_dpc *dpc;
    int *cond_dpc; /* per condition: index into dpc, or -1 (admissions are 医科入院) */
} hg_med;

/* Loading (med_load.c). */
int hg_med_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_med_free(void *state);
int hg_med_masters(void *state, hg_mtab **out, int max);

#endif
