/* hicgen — what every claim family (医科, DPC, 調剤, 歯科) shares: institution codes, the
 * receipt category, receipt keys, the common NDB columns, the identity block of an RE record,
 * the co-payment and the drug-points rule, and the IR/HO/KO records. */
#ifndef HICGEN_CLAIMS_H
#define HICGEN_CLAIMS_H

#include <stdint.h>
#include "families/claims_records.h"
#include "families/kohi.h"
#include "hicgen/family.h"
#include "hicgen/person.h"
#include "hicgen/value.h"

/* The field tables of the shared record shapes (claims.c). */
extern const hg_field IR_fields[IR__N], RE_fields[RE__N], HO_fields[HO__N], KO_fields[KO__N],
    SY_fields[SY__N], DT_fields[DT__N], TO_fields[TO__N], CO_fields[CO__N];

enum { HG_INST_CLINIC = 0, HG_INST_HOSPITAL = 1, HG_INST_PHARMACY = 2, HG_INST_DENTAL = 3 };

typedef struct hg_inst {
    char org[8]; /* 7-digit 医療機関コード / 薬局コード (郡市区 2 + 番号 4 + 検証 1) */
    char anon[8];   /* the NDB's anonymised code */
    int outside_rx; /* prescribes 院外 */
    int beds;       /* hospitals */
    int dpc;        /* a DPC hospital */
    int coef_1e4;   /* its 医療機関別係数 ×10^4 */
} hg_inst;

/* Codes and attributes of institution number inst of a kind in prefecture pref. Attributes
 * are fixed per institution (hashed), so every patient sees the same clinic alike. */
void hg_inst_get(const hg_model *m, uint64_t seed, int pref, int kind, int inst, hg_inst *out);

/* A fraction in [0, 1) fixed per institution for an attribute drawn by shares (salt tells the
 * attributes apart): a Weyl sequence over the institution numbers, so that any run of
 * consecutive institutions carries the shares (see hg_inst_get). */
double hg_inst_spread(int pref, int kind, int inst, uint64_t salt);
/* レセプト種別 (4 digits): table digit ('1' 医科, '3' 歯科, '4' 調剤), insurer system (医保,
 * 公費単独, 後期), single or combined with 公費 (the payers), and 本人・家族・未就学・高齢受給者
 * with 入院 (odd) or 入院外 (even). */
void hg_rcp_cls(char out[5], char table, const hg_model *m, const hg_person *p, const hg_spell *s,
                const hg_payers *py, int32_t ymd, int inpatient);
/* Receipt key (32 hex digits): a keyed hash of the dataset seed, family letter, person, month
 * index and receipt number in the month, so that it reveals none of them. */
void hg_seq2(char *out, size_t n, uint64_t seed, char family, uint64_t person, int month, int k);
/* The common receipt fields (first in every receipt record kind). ym: month of care. */
void hg_common(hg_value *v, int seq1, const char *seq2, const char *rec, int ko, int32_t ym,
               uint64_t person);
/* 一部負担金 in yen for points at a co-payment percent: 10-yen units, rounded half up. */
int64_t hg_burden(int64_t points, int copay);

/* What the patient pays on one receipt under 高額療養費 (applied in kind, per receipt): the
 * co-payment capped at the monthly limit of the person's 所得区分 (population.yaml
 * insurance.kougaku), the 特記事項 of that 区分 (written on inpatient receipts and where the cap
 * applied) and the 標準負担額区分 of low incomes on inpatient receipts. */
typedef struct hg_cost {
    int64_t burden; /* yen */
    char tokki[3];  /* 2-digit 特記事項 code, or "" */
    char std_burd[2];
} hg_cost;
void hg_patient_cost(const hg_model *m, const hg_person *p, const hg_spell *s, int32_t ymd,
                     int inpatient, int64_t points, hg_cost *out);
/* Age-band codes (lower bound of the 5- and 10-year band, 3 digits). */
void hg_age_bands(int age, char b5[4], char b10[4]);
/* "審査支払機関": 1 支払基金 (employee insurance, 公費) or 2 国保連 (国保, 後期). */
const char *hg_payer(const hg_spell *s);
/* 薬剤料 points of one 剤 from its price in yen ×10^7: 15 yen or less is 1 point, then one
 * more point for every 10 yen or part of it. */
int hg_drug_points(int64_t yen_1e7);

/* The identity block every RE record (医科, DPC, 歯科, 調剤) carries, written into v: age (at
 * the first day of the month), id1, id1n, id2, id5, rcp_no, rcp_cls, sex, birth from index
 * `at` on (the order all RE kinds share), and the 5- and 10-year bands and the co-payment from
 * index `bands` on. The texts live in id, which must outlive the emit. */
/* Checks at compile time that an RE field list P keeps the identity block in the shared order
 * (P_age, then id1 … birth, and the bands then copay_pct) that hg_re_identity writes. */
#define HG_RE_IDENTITY_LAYOUT(P)                                                                   \
    _Static_assert(P##_age + 1 == P##_id1 && P##_age + 8 == P##_birth &&                           \
                       P##_age_band5 + 2 == P##_copay_pct && P##_copay_pct + 1 == P##_tokki &&     \
                       P##_copay_pct + 2 == P##_std_burd && (int)P##_age == (int)RE_age,           \
                   "RE identity layout of " #P)
typedef struct hg_re_id {
    char cls[5], b5[4], b10[4], tokki[3], std_burd[2];
} hg_re_id;
void hg_re_identity(hg_value *v, int at, int bands, hg_re_id *id, char table, const hg_model *m,
                    const hg_person *p, const hg_spell *s, const hg_payers *py, int32_t ym,
                    int32_t first_day, int inpatient, int64_t points);

/* Writes the IR record (医療機関情報) of a 医科, DPC or 歯科 receipt: kind is the family's own
 * record kind, score_list the 点数表 ("1" 医科, "3" 歯科). */
void hg_emit_ir(const hg_fx *fx, int kind, int seq1, const char *seq2, int ko, int32_t ym,
                const hg_person *p, const hg_spell *s, const hg_inst *in, const char *score_list);
/* What the 公費 of a receipt cover, summed over its lines: points of the lines each pays for, of
 * those it pays first, and its days of care. */
typedef struct hg_kohi_lines {
    int64_t covered[HG_MAX_KOHI], first[HG_MAX_KOHI];
    unsigned days[HG_MAX_KOHI]; /* bit d-1: care on day d */
} hg_kohi_lines;
/* Adds a line (or unit) of points, paid by progs, given on the days of the bit mask days. */
void hg_kohi_lines_add(hg_kohi_lines *kl, const hg_payers *py, unsigned progs, int64_t points,
                       unsigned days);

/* Writes the HO record (when a health insurer pays) and one KO record per 公費 of a 医科, DPC
 * or 歯科 receipt: total points, days of care and, for inpatients, the meals. */
typedef struct hg_pay_rec {
    const hg_payers *py;
    const hg_kohi_lines *kl;
    int32_t first_day;
    int true_days;
    int64_t total;
    int meals, meal_yen, inpatient;
} hg_pay_rec;
void hg_emit_payers(const hg_fx *fx, int ho_kind, int ko_kind, int *seq1, const char *seq2,
                    int32_t ym, const hg_person *p, const hg_spell *s, const hg_pay_rec *pr);

#endif
