/* hicgen — the 医科・DPC family: 入院外 and 入院 receipts of one person, month by month, as
 * NDB records (医科: IR RE HO/KO SY SI IY CO; DPC adds BU SB KK HH GT CD), all joined by
 * seq2_no. A stay at a DPC hospital for a DPC-coded cause becomes a DPC receipt: both come from
 * the same simulation of the month (one random stream), which is why they are one family. */
#ifndef HICGEN_FAMILIES_MED_H
#define HICGEN_FAMILIES_MED_H

#include <gsl/gsl_randist.h>
#include "families/bgacts.h"
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
    X(K_DPC_CD, "dpc_cd", CDR)                                                                     \
    X(K_MED_TO, "med_to", TO)                                                                      \
    X(K_DPC_TO, "dpc_to", TO)
enum { MED_KINDS(HG_X_KIND_ENUM) K_MED__N };

/* A DPC code of masters/med/dpc.csv with its per-day points by 入院期間 I, II, III: a condition's
 * (by age on admission) or a procedure's (stay_procedures.csv column dpc_cd). */
enum { MED_PANEL_MAX = 40 };     /* items of outpatient.lab_panel */
enum { MED_COMPANION_MAX = 16 }; /* rows of outpatient.companions */

typedef struct hg_dpc {
    int row;       /* row in the DPC master */
    int cond;      /* the condition */
    int proc;      /* a procedure's code (role proc), not the condition's */
    int min_age;   /* role cond: from this age on admission (the highest that fits applies) */
    char icd[32];  /* role cond: for a main diagnosis under one of these ICD-10 prefixes,
                    * separated by '|' ("": any) */
    int days[3];   /* last day of 入院期間 I, II, III */
    int points[3]; /* points per day in each period */
} hg_dpc;

/* 診療行為 (and other) codes the receipt logic writes, resolved to master rows at load (their
 * points come from the master). Pairs and triples are by setting: [初診, 再診, 外来診療料]. */
typedef struct hg_med_codes {
    int base[3];        /* 初診料; 再診料; 外来診療料 (hospitals of 200 beds or more) */
    int infant[3];      /* 乳幼児加算 of each */
    int time_add[3][3]; /* [base][時間外, 休日, 深夜] */
    int infant_time[3][3];
    int mgmt_add;   /* 外来管理加算 */
    int meisaisho;  /* 明細書発行体制等加算 (clinic 再診) */
    int evening[2]; /* 夜間・早朝等加算 of a clinic's 初診, 再診 */
    int triage[2]; /* 院内トリアージ実施料, and the FY2022 臨時 one of a fever patient */
    int kinou_kyouka; /* 機能強化加算 (初診) */
    int kansen[2];    /* 外来感染対策向上加算 (初診, 再診), once a month */
    int kentai_kanri; /* 検体検査管理加算(1), once a month with a 検体検査判断料 */
    int kentai_judge[7]; /* the 検体検査判断料 (D026) that carry it */
    /* 小児科外来診療料: [初診, 再診] x [処方箋を交付, 交付しない]; its 時間外・休日・深夜 加算 by
     * [初診, 再診]; its 機能強化加算; the acts billed besides it */
    int paed_fee[2][2];
    int paed_time[2][3];
    int paed_kinou;
    int paed_keep[4];
    int tokutei_mgmt[3]; /* 特定疾患療養管理料: clinic, hospital under 100 beds, 100-199 */
    int seikatsu[3];     /* 生活習慣病管理料: 脂質異常症, 高血圧症, 糖尿病 */
    int rx_slip[2];      /* 処方箋料: other, 7 drugs or more */
    int rx_fee[2];       /* 処方料 */
    int dispense[2];     /* 調剤料: 内服 (and 屯服), 外用 */
    int dispense_tech;   /* 調剤技術基本料 */
    int drug_info;       /* 薬剤情報提供料 */
    int ippanmei[2];     /* 一般名処方加算 1, 2 */
    int rx_infant[2];    /* 乳幼児加算 of 処方料, 処方箋料 */
    int tokutei_rx[2][2]; /* 特定疾患処方管理加算 [1, 2 (28 days or more)][処方料, 処方箋料] */
    int home_visit[2]; /* 在宅患者訪問診療料(I)1: [at home, in a residence (同一建物居住者)] */
    int home_mgmt[2];     /* 在医総管; 施設総管 (once a month) */
    int home_death[2];    /* a death at home: 往診料, 看取り加算 */
    int home_terminal[2]; /* 在宅ターミナルケア加算: [at home, in a residence] */
    int home_incl[20];    /* what they include besides 投薬: not billed on the same receipt */
    int self_inj[2];      /* 在宅自己注射指導管理料: 27回以下, 28回以上 */
    int meter;            /* 血糖自己測定器加算 */
    int blood_draw, blood_draw_infant;
    /* 点滴注射: the 入院外 code that marks a product as a drip; the fee of a hospital day with a
     * drip (G004, once a day) and its 6歳未満 form */
    int drip[3];
    int suspected_modifier; /* row in the 修飾語 master */
    int free_comment;       /* comment code, e.g. 810000001 */
} hg_med_codes;

/* Parameters of specs/model/med.yaml (see the file for each one's meaning and source). */
typedef struct hg_med_params {
    int jitter, new_patient_days, rx_min_interval;
    double renew_prn, acute_revisit_rx, second_main;
    int ntime, ntime_ret;
    double time[8][4];     /* 初診: [age_from, P(時間外), P(休日), P(深夜)] */
    double time_ret[8][4]; /* 再診 and 外来診療料, alike */
    double triage_share;   /* out-of-hours new patients at institutions notified for triage */
    int nevening;
    double evening[8][3]; /* 夜間・早朝等加算 at a clinic: [age_from, P(初診), P(再診)] */
    double meisaisho_share, kinou_share, kansen_share, kentai_share, ippanmei_share[2];
    double gairai_kanri, tokutei_mgmt, seikatsu_share, dispense_tech, drug_info;
    int nbundle;
    double bundle[24][3]; /* [包括対象検査 group (master incl_exam), items from, points] */
    /* the standard chemistry of a blood-test day: 診療行為 master row and the share of days
     * with it */
    int npanel;
    int panel_row[MED_PANEL_MAX];
    double panel_p[MED_PANEL_MAX];
    /* acts billed with another on the same day: [master row of the act, of its companion] and
     * the share of the act's days with the companion */
    int ncomp;
    int comp_row[MED_COMPANION_MAX][2];
    double comp_p[MED_COMPANION_MAX];
    int comp_ages[MED_COMPANION_MAX][2]; /* the patient's age: from [0], below [1] */
    int meal_yen, meals_per_day, test_every_days, injection_days, discharge_rx_days;
    double quantity_shape;      /* of a procedure's quantity (きざみ) */
    double drug_quantity_shape; /* of the quantity of a drug given with a procedure */
    int paediatrics_dept, paediatrics_until;
    double paed_fee_share; /* paediatric clinics notified for 小児科外来診療料 */
    int paed_fee_until;    /* … for patients under this age */
    int paed_parts[14];    /* the 部 it includes (0: 第1章 基本診療料) */
    int npaed_parts;
    int dpc_outside[8]; /* 診療識別 a DPC hospital bills 出来高 besides the 包括 (手術, 麻酔 …) */
    int ndpc_outside;
    int dpc_outside_proc_points; /* and a 処置 (40) of this many points or more */
    /* care a chronic condition goes on needing in hospital (人工腎臓 of 維持透析), on these days
     * of each week since admission */
    int continued[8], ncontinued;
    int continued_days[7], ncontinued_days;
    double facility_keep;
    double home_share[7]; /* 訪問診療 patients among those certified, by level (要支援1 …) */
    double home_residence;     /* of them, living in a residence for older people */
    double home_visit_days[2]; /* the month's two visits: first day from 1 + [0, this), then +gap */
    int home_terminal_months;  /* a death at home: 訪問診療 in the months before it, too */
    double meter_share;        /* of insulin users, those billed 血糖自己測定器加算 */
    char meter_yj[4][8];       /* 薬効分類 prefixes of the products that need a glucose meter */
    int nmeter_yj;
} hg_med_params;

/* What the receipt logic needs of a 診療行為 master row, read from its columns once. */
typedef struct med_act {
    short bundle;     /* 包括対象検査 group (incl_exam), 0 for none */
    short judge;      /* the row of its 判断料, or -1 */
    char blood;       /* 検体検査 that needs blood drawn (D005-D015) */
    char blocks_mgmt; /* blocks 外来管理加算 (outpt_mng_add_div 1) */
    char route;       /* as a 注射料: 診療識別 of its route (31 G000, 32 G001, 33 other) */
    char part; /* 点数表 第2章 部 (1 医学管理等 … 13 病理診断); 0 for 第1章 基本診療料 */
} med_act;

/* A product the patient injects at home: injections a month, and whether its users need a
 * glucose meter (self_injection.meter_yj); doses 0 for every other product. */
typedef struct med_self_inj {
    short doses;
    unsigned char meter;
} med_self_inj;

/* Wards of a hospital paid 出来高 (masters/med/wards.csv): the daily fee, fixed per hospital
 * by the fees' weights among those of the patient's age, and the 入院期間加算 by the day of the
 * stay. */
enum { MED_WARD_GENERAL, MED_WARD_PSYCH, MED_WARD_REHAB, MED_WARD_LTC, MED_WARDS };
typedef struct med_ward_fee {
    int row, ident; /* 診療行為 master row; 診療識別 (90 入院基本料, 92 特定入院料) */
    double weight;
    int min_age; /* for patients of this age and over (生活療養 forms: 65) */
} med_ward_fee;
/* A 入院基本料等加算 of the ward (wards.csv role addon): billed every day from..to of the stay
 * (basis day; not on a unit's days, whose 特定入院料 includes it) or once on a discharge alive
 * (basis discharge), to the stays whose draw falls in [lo, hi). The draw is the hospital's (a
 * 届出: the same for all its patients) or the stay's (the patient's state: an emergency, a
 * difficult discharge), one per group so that a group's alternatives exclude each other and its
 * rows without a share come with the alternative before them. */
typedef struct med_ward_addon {
    int row;
    int discharge; /* basis: 0 each day from..to, 1 once on the discharge day */
    int from, to;  /* days of the stay (1: the admission day) */
    int hospital;  /* draw: 1 per hospital, 0 per stay */
    uint64_t salt; /* the group's (its name hashed) */
    double lo, hi;
    int dpc; /* billed besides a DPC stay's 包括 too (the fee rules leave it outside) */
} med_ward_addon;
typedef struct med_ward {
    med_ward_fee fee[16];
    int nfee;
    med_ward_addon addon[24];
    int naddon;
    int period_row[8], period_to[8]; /* 入院期間加算 up to day period_to of the stay */
    int nperiod;
} med_ward;

/* The procedures of a stay (masters/med/stay_procedures.csv): alternatives within a group of a
 * condition (an operation with its anaesthesia and companions; a course of rehabilitation),
 * each billing its items on days counted from the admission. */
typedef struct med_proc_item {
    int row, ident;       /* 診療行為 master row; its 診療識別 */
    int day_from, day_to; /* days since the admission (0: the admission day), inclusive */
    int count;            /* times a day */
    double p;             /* the chance it comes with the procedure in a stay (1: always) */
    /* a 特定入院料 of a unit (ICU, HCU, SCU, 救命救急: a 入院料 of the 点数表 第1章第2部): its
     * days replace the ward's fee; dpc_row the code a DPC stay bills in its 包括 days (the
     * "（ＤＰＣ）" code, the 特定入院料 less what the 包括 points already pay) */
    int unit, dpc_row;
    /* an act billed by its quantity (the master's きざみ: points + step_points for each step
     * or part beyond lower, up to upper): the mean quantity (minutes of anaesthesia), or 0 */
    double qnt;
    int lower, upper, step, step_points;
    int whole_steps; /* a volume (mL: the blood of a 輸血) comes in whole steps (bags) */
    /* a drug given with the procedure's act (blood products with a 輸血): row is a 医薬品
     * master row, billed as an IY line of the act's 診療識別; its price (yen ×100); qnt, when
     * given, the mean quantity of a stay (else count) */
    int drug;
    int64_t price_1e2;
} med_proc_item;
/* A procedure's billing (its rows of stay_procedures.csv); proc[i] is the model's sprocs[i],
 * which says which stays have it. */
typedef struct med_proc {
    int cond;     /* the condition of the stay */
    int first, n; /* items */
    int dpc;      /* the DPC code of a stay with it (index into dpc), or -1 */
    int line;     /* in the file, for messages */
} med_proc;
enum { MED_STAY_PROCS = HG_STAY_PROC_GROUPS };

/* A 特定保険医療材料 that follows an act (masters/med/materials.csv): its mean count per billing
 * of the act, drawn as floor(per) plus one with the fraction's probability. */
typedef struct med_material {
    int dev_row; /* 特定器材 master row */
    double per;  /* mean count per act */
    /* alternatives (column alt: one dialyser a session): the index, among the act's materials,
     * of the group's first, whose one draw picks at most one of them by their per; -1 alone */
    int alt;
} med_material;

typedef struct hg_med {
    hg_med_params mp;
    hg_bgacts bg;   /* masters/med/background_acts.csv */
    hg_bgacts inbg; /* masters/med/inpatient_acts.csv */
    hg_med_codes codes;
    int judge[100]; /* 判断料 row by 検査等実施判断グループ (from the master), or -1 */
    char mgmt_prefix[4][8]; /* 第1章 codes with 診療識別 13 (med.yaml
                               codes.management_ident_prefixes) */
    int nmgmt_prefix;
    int *act_ident; /* 診療識別 of each 診療行為 master row (from its 章・部) */
    unsigned char
        *act_inout; /* its 入外適用区分 (master in_out_appl_div): 1 入院のみ, 2 入院外のみ */
    int *act_cap;    /* its 上限回数 a month (master ult_upr_times), 0 for none */
    med_act *act;    /* per master row: what the receipt logic reads of it (read once at load) */
    hg_mtab dpc_tab; /* masters/med/dpc.csv, also output as a table */
    int ndpc, dpc_cap;
    hg_dpc *dpc;       /* one per code and condition */
    int skwd_name_col; /* the 傷病名 master column the DPC records write (ICD-10: the model's) */
    hg_mtab wards_tab; /* masters/med/wards.csv */
    med_ward ward[MED_WARDS];
    int *cond_ward, *cond_ward_after; /* per condition: its ward, from this day of a stay */
    hg_mtab procs_tab;                /* masters/med/stay_procedures.csv */
    med_proc *proc;
    med_proc_item *pitem;
    int nproc, npitem;
    hg_mtab mat_tab;        /* masters/med/materials.csv */
    med_material *mat;      /* sorted by act */
    int *mat_first, *mat_n; /* per 診療行為 master row: its materials mat[first .. first + n) */
    int mat_unit_col;       /* the 特定器材 master's unit_cd column */
    med_self_inj *self_inj; /* per product, for 在宅自己注射指導管理料 (read once at load) */
    /* what a 小児科外来診療料 visit bills: the fee, its 加算, paediatric_fee.billed_besides */
    int paed_only[16];
    int npaed_only;
} hg_med;

/* Loading (med_load.c, background.c, wards.c, procs.c). */
void med_procs_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d);
void med_procs_free(hg_med *md);
void med_wards_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d);
void med_wards_free(hg_med *md);
void med_materials_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d);
void med_materials_free(hg_med *md);
void med_background_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d);
void med_background_free(hg_med *md);
int hg_med_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d);
void hg_med_free(void *state);
int hg_med_masters(void *state, hg_mtab **out, int max);

#endif
