/* hicgen — 医科・DPC family internals shared by its files: the receipt under construction and
 * the month being simulated. One ctx per worker (the family's scratch), reused for every
 * person; its arrays grow as needed and are never cut short. */
#ifndef HICGEN_FAMILIES_MED_INTERNAL_H
#define HICGEN_FAMILIES_MED_INTERNAL_H

#include "families/med/med.h"

/* What a detail unit is: a 診療行為 (SI), a 剤 of drugs (IY), a comment (CO) or the 特定器材 of
 * an act (TO). */
enum { REC_SI, REC_IY, REC_CO, REC_TO };

typedef struct unit {
    int rec;   /* REC_* */
    int ident; /* 診療識別 */
    int64_t key;
    int score;
    int times;
    int first, n; /* lines */
    int incl;     /* DPC: included in the per-day 包括 points (shown as coding data) */
    int outside; /* DPC: billed besides the 包括 whatever its 診療識別 (a 加算 the rules leave
                    outside it) */
    unsigned kohi;  /* the 公費 programmes paying for it (kohi.h): those of the care it was for */
    int act_points; /* TO: the points of the act its devices follow (DPC: a 処置's decide) */
    unsigned short days[31];
} unit;

typedef struct line {
    int row;            /* master row (診療行為 or 医薬品), or comment code for CO */
    int64_t amount_1e5; /* IY, TO: the amount ×1e5; SI: its 数量データ, or 0 */
} line;

typedef struct sydis {
    int dis_row;
    int modif_row; /* 修飾語 row, or -1 */
    int32_t start;
    int outcome; /* 1 継続, 2 治ゆ, 3 死亡, 4 中止 */
    int suspect;
    int main; /* a 主傷病 */
} sydis;

typedef struct receipt {
    int nunits, nlines, nsy;
    int units_cap, lines_cap, sy_cap;
    unit *u;
    line *l;
    sydis *sy;
    unsigned visit_days; /* bit d-1: a visit or hospital day on day d */
    unsigned drip_days;  /* bit d-1: 点滴注射 billed on day d (in hospital, once a day) */
    int mgmt_times;      /* 特定疾患療養管理料 billed this month */
    int tokutei_rx;      /* 特定疾患処方管理加算 billed: 0, 1 (加算1) or 2 (加算2) */
    int seikatsu;        /* 生活習慣病管理料 billed this month */
    int monthly;         /* bits: monthly items already billed (M_*) */
    int inpatient;       /* a hospital stay's (acts are billed by their 入外適用区分) */
} receipt;
enum { M_KANSEN = 1, M_DISPENSE_TECH = 2, M_DRUG_INFO = 4, M_HOME_MGMT = 8, M_SELF_INJ = 16 };

/* The kinds of one receipt family: 医科 or DPC share the record shapes. */
enum { F_IR, F_RE, F_HO, F_KO, F_SY, F_SI, F_IY, F_CO, F_TO, F_N };

/* An outpatient visit of the month. */
enum { V_REGULAR, V_ACUTE_FIRST, V_ACUTE_AGAIN, V_HOME, V_HOME_DEATH }; /* V_HOME.. at home */
typedef struct visit {
    int32_t date;
    int inst; /* clinic or hospital number in the prefecture */
    int hospital;
    int kind;    /* V_* */
    int episode; /* acute episode index, or -1 */
    int dept;    /* 診療科 */
    int first;   /* a new patient: 初診 */
    int done;    /* already on a receipt */
    int cadence; /* a regular visit: days to the site's next one (its shortest interval) */
    int supply;  /* a regular visit of a site seen more often than med.yaml rx_min_interval: the
                    days its drugs are renewed for (0: every visit renews until the next) */
    int renew;   /* with supply: this visit is the first of a supply period, and prescribes */
} visit;

/* An institution's practice (hashed from its code: every patient sees it alike). */
typedef struct practice {
    hg_inst in;
    int hospital;
    int setting; /* for 特定疾患療養管理料: 0 clinic, 1 hospital < 100 beds, 2 100-199, 3 200+ */
    int meisaisho, kinou, kansen, kentai; /* 届出 */
    int ippanmei;                         /* 一般名処方: 0 none, 1 加算1, 2 加算2 */
    int paed;                             /* 小児科外来診療料 notified */
} practice;

typedef struct ctx {
    const hg_fx *fx;
    const hg_med *md;
    const hg_model *m;
    const hg_person *p;
    gsl_rng *r;
    int mi; /* month index */
    int32_t ym, ms, me;
    int nrcpt;          /* receipts this month */
    unsigned cur_kohi;  /* the 公費 paying for the care being billed (units added take them) */
    unsigned stay_kohi; /* the 公費 paying for a stay's DPC 包括 points */
    int home_care;      /* this month a 訪問診療 patient: 0 no, 1 at home, 2 in a residence */
    int home_death;     /* the person dies at home (deaths.h) */
    int dpc_last; /* a DPC stay: the last day of it paid 包括 (1 = the admission day); else 0 */
    receipt rc;
    visit *vs; /* the month's outpatient visits */
    int vs_cap;
    int *treat; /* the conditions treated at a visit */
    int treat_cap;
    int *acts; /* the acts of a visit (診療行為 rows) before they are billed */
    int acts_cap;
    /* a visit under 小児科外来診療料: only these acts are billed, no drugs nor 包括 tests (NULL:
     * an ordinary visit); and whether the visit wrote a 処方箋 */
    const int *only;
    int nonly, slip;
} ctx;

/* Building a receipt (receipt.c). */
unit *med_find_unit(receipt *rc, int rec, int64_t key);
unit *med_add_si(ctx *c, int ident, int act_row, int day, int count);
/* An act billed by its quantity (数量データ qnt, its points already reckoned): a line of its own
 * for each quantity (two anaesthesias of different lengths are two lines; the same on two days,
 * one line billed twice). */
unit *med_add_si_qnt(ctx *c, int ident, int act_row, int day, int qnt, int points);
/* Moves the days from from_day on of unit i into a new unit with the same lines; returns it. */
unit *med_split_unit(receipt *rc, int i, int from_day);
int med_has_si(ctx *c, int ident, int act_row);
/* The 特定保険医療材料 that follow count billings of act_row on day (materials.c): one TO unit
 * of the act's 診療識別, its points the materials' price ÷ 10 rounded; nothing when the act has
 * none or every count drawn is 0. The draw is fixed per person, day, act and material. */
void med_add_materials(ctx *c, int ident, int act_row, int day, int count);
/* A drug given with an act (a blood product with its 輸血): an IY line under the act's 診療識別
 * for each quantity, qnt units of the 医薬品 master row at price_1e2 (yen ×100), its points by
 * the 薬剤料 rule. */
unit *med_add_drug_qnt(ctx *c, int ident, int med_row, int64_t price_1e2, int qnt, int day);
/* Adds a unit of 特定器材 lines (rows of the master, amounts ×10^5) with its points (receipt.c). */
void med_add_to_unit(ctx *c, int ident, int act_row, const int *rows, const int64_t *amounts, int n,
                     int points, int day);
/* A unit of several acts billed together (a 包括 of 検体検査) with its points. */
unit *med_add_bundle(ctx *c, int ident, const int *rows, int n, int points, int day, int tag);
/* Drugs of one 剤: form, the products and their amounts (×10^5), times (days, doses or 1). tag
 * separates otherwise identical 剤. Returns 1 when added. */
int med_add_drugs(ctx *c, int form, const int *prods, const int64_t *amounts, int n, int times,
                  int day, int tag);
/* The same under a given 診療識別 (an injection by its route). */
int med_add_drugs_ident(ctx *c, int ident, int form, const int *prods, const int64_t *amounts,
                        int n, int times, int day, int tag);
void med_add_comment(ctx *c, int ident, int day);
void med_add_sy(ctx *c, int dis_row, int modif_row, int32_t start, int outcome, int suspect,
                int main);
void med_clear_receipt(receipt *rc);
void med_receipt_free(receipt *rc);
/* Writes the receipt under construction (nothing when it is empty). dpc: the stay's DPC code
 * when a DPC hospital bills it per day, else NULL. */
void med_emit_receipt(ctx *c, const hg_spell *s, int hospital, int inst, const hg_stay *stay,
                      int32_t first_day, int dept, const hg_dpc *dpc, int32_t seg_end);

/* Visits (visit.c). */
void med_practice(const ctx *c, int hospital, int inst, practice *out);
void med_visit(ctx *c, const visit *v, const practice *pr);
/* The acts of condition k due at a visit (first visit, schedule, every visit, an acute
 * follow-up) appended to c->acts; returns their number. lab_u in [0, 1) is the visit's one draw
 * for the scheduled acts of all its conditions (negative: each draws its own). gap: days since
 * the patient's previous regular visit there (0: unknown, the schedule's month alone counts). */
int med_condition_acts(ctx *c, int k, int32_t date, int first, int followup, double lab_u, int gap,
                       int *nacts);
/* Appends act row (a 診療行為 master row; none when negative) to the visit's c->acts. */
void med_add_act(ctx *c, int row, int *nacts);
/* Adds to c->acts the background acts of an outpatient visit-day (inpatient 0) or of a hospital
 * day (inpatient 1) of a person of age. */
void med_background_acts(ctx *c, int age, int inpatient, int *nacts);
/* Bills the acts of c->acts on day: 包括 of 検体検査, 判断料 once a month, the blood draw. */
void med_bill_acts(ctx *c, int nacts, int day, int seikatsu, int kentai);
/* The drugs first .. first + n (a condition's or an acute episode's) prescribed in hospital: the
 * regular drugs of the ndays from day, `since` days after admission (a drug given every few
 * days only on the days due), or with since < 0 the discharge prescription of ndays. */
void med_ward_drugs(ctx *c, int first, int n, int day, int ndays, int since, int tag);
/* A hospital day's ward fee, 入院期間加算 and 入院基本料等加算 (wards.c): returns 0 on a day
 * in a unit (ICU …), whose 特定入院料 replaces them, else 1. */
int med_ward_day(ctx *c, const hg_stay *st, int day, const int *procs, int nprocs);

/* The main 傷病名 (cdis index) of a stay's cause: its episode's, the person's for a chronic
 * condition, else the condition's first (procs.c). */
int med_stay_disease(const ctx *c, const hg_stay *st);
/* Stay procedures (procs.c): those a stay has (indices into md->proc, at most MED_STAY_PROCS;
 * a draw fixed per person, stay and group), computed once per stay segment; the DPC code of
 * the stay with those procedures (index into md->dpc): a procedure's, else its condition's at
 * the age on admission, else -1 (医科入院). */
int med_stay_procs(const ctx *c, const hg_stay *st, int *out);
int med_stay_dpc(const ctx *c, const hg_stay *st, const int *procs, int n);
/* Bills the procedures' items due on days d0 .. d1 of the month (a unit's 特定入院料 by its
 * DPC code on the days a DPC stay pays 包括: c->dpc_last). */
void med_proc_days(ctx *c, const hg_stay *st, const int *procs, int n, int d0, int d1);
/* Is day `since` of the stay (0: the admission day) spent in a unit (ICU …) by one of the
 * procedures? */
int med_proc_unit_day(const ctx *c, const int *procs, int n, int since);

/* DPC records (dpc.c): the 包括 points of a DPC receipt, its BU SB KK HH GT records and its
 * coding data. */
typedef struct dpc_calc {
    int days[3];
    int64_t sbttl_sum, ttl;
} dpc_calc;
/* Marks the units of a DPC receipt: 包括 (incl) for the days up to day `last` of the month,
 * the end of 入院期間III (0: none this month), 出来高 after it (a unit spanning both is split);
 * 初診料 is always billed besides. */
void med_dpc_include(ctx *c, int last);
void med_dpc_points(const ctx *c, const hg_dpc *x, const hg_stay *st, int d0, int d1, int coef,
                    dpc_calc *out);
void med_dpc_records(ctx *c, const hg_stay *st, const hg_dpc *x, const dpc_calc *dc,
                     int32_t seg_end, const char *seq2, int ko, const char *burd, int *seq1);
void med_dpc_coding(ctx *c, const char *seq2, int ko, int *seq1);

#endif
