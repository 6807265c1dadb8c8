/* hicgen — 医科・DPC family internals shared by its files: the receipt under construction and
 * the month being simulated. One ctx per worker (the family's scratch), reused for every
 * person; its arrays grow as needed and are never cut short. */
#ifndef HICGEN_FAMILIES_MED_INTERNAL_H
#define HICGEN_FAMILIES_MED_INTERNAL_H

#include "families/med/med.h"

/* What a detail unit is: a 診療行為 (SI), a 剤 of drugs (IY) or a comment (CO). */
enum { REC_SI, REC_IY, REC_CO };

typedef struct unit {
    int rec;   /* REC_* */
    int ident; /* 診療識別 */
    int64_t key;
    int score;
    int times;
    int first, n; /* lines */
    int incl;     /* DPC: included in the per-day 包括 points (shown as coding data) */
    unsigned short days[31];
} unit;

typedef struct line {
    int row; /* master row (診療行為 or 医薬品), or comment code for CO */
    int64_t amount_1e5;
} line;

typedef struct sydis {
    int dis_row;
    int32_t start;
    int outcome;
    int suspect;
} sydis;

typedef struct receipt {
    int nunits, nlines, nsy;
    int units_cap, lines_cap, sy_cap;
    unit *u;
    line *l;
    sydis *sy;
    unsigned visit_days; /* bit d-1: a visit or hospital day on day d */
} receipt;

/* The kinds of one receipt family: 医科 or DPC share the record shapes. */
enum { F_IR, F_RE, F_HO, F_KO, F_SY, F_SI, F_IY, F_CO, F_N };

typedef struct ctx {
    const hg_fx *fx;
    const hg_med *md;
    const hg_model *m;
    const hg_person *p;
    gsl_rng *r;
    int mi; /* month index */
    int32_t ym, ms, me;
    int nrcpt;                /* receipts this month */
    int cad[2][100];          /* [cancer][dept]: months between regular visits, 0 = none */
    int32_t earliest[2][100]; /* [cancer][dept]: earliest onset of those conditions */
    receipt rc;
    struct visit *vs; /* the month's outpatient visits */
    int vs_cap;
    hg_rx_item *slip; /* the prescription being written */
    int slip_cap;
    int *treat; /* the conditions treated at a visit */
    int treat_cap;
} ctx;

/* Building a receipt (receipt.c). */
unit *med_find_unit(receipt *rc, int rec, int64_t key);
unit *med_add_si(ctx *c, int ident, int act_row, int day, int count);
int med_has_si(ctx *c, int ident, int act_row);
int med_regimen_has_form(const hg_model *m, int k, int reg, int form);
int med_add_rx(ctx *c, int cond, int regimen, int form, int day, int quantity, int tag);
void med_add_comment(ctx *c, int ident, int day);
void med_add_sy(ctx *c, int dis_row, int32_t start, int outcome, int suspect);
void med_add_tests(ctx *c, int k, int day, int due_any);
void med_clear_receipt(receipt *rc);
void med_receipt_free(receipt *rc);
/* Writes the receipt under construction (nothing when it is empty). dpc: the stay's DPC code
 * when a DPC hospital bills it per day, else NULL. */
void med_emit_receipt(ctx *c, const hg_spell *s, int hospital, int inst, const hg_stay *stay,
                      int32_t first_day, int dept, const hg_dpc *dpc, int32_t seg_end);

/* DPC records (dpc.c): the 包括 points of a DPC receipt, its BU SB KK HH GT records and its
 * coding data. */
typedef struct dpc_calc {
    int days[3];
    int64_t sbttl_sum, ttl;
} dpc_calc;
void med_dpc_points(const ctx *c, const hg_dpc *x, const hg_stay *st, int d0, int d1, int coef,
                    dpc_calc *out);
void med_dpc_records(ctx *c, const hg_stay *st, const hg_dpc *x, const dpc_calc *dc,
                     int32_t seg_end, const char *seq2, int ko, const char *burd, int *seq1);
void med_dpc_coding(ctx *c, const char *seq2, int ko, int *seq1);

#endif
