/* hicgen — 公費 on claims: which programmes (population.yaml insurance.kohi) pay for a person's
 * care, the payers of a receipt in the order they are written (HO, then one KO per 公費), the
 * 負担区分 of a line, and what each 公費 pays. A set of programmes is a bit mask: bit i is row
 * i of insurance.kohi. */
#ifndef HICGEN_FAMILIES_KOHI_H
#define HICGEN_FAMILIES_KOHI_H

#include <stdint.h>
#include "hicgen/model.h"
#include "hicgen/person.h"

/* At most this many 公費 on one receipt (a third is rare: it is left off). */
#define HG_MAX_KOHI 2

enum { HG_CARE_OUT, HG_CARE_IN, HG_CARE_DENTAL };

/* The programmes paying for the care of condition cond (-1: no condition with a certificate) on
 * ymd in a setting (HG_CARE_*): the condition's certificate where the person holds one (a fixed
 * share of its patients, by a keyed hash: the same person keeps it), and those paying for all
 * care: 生活保護, and the local child subsidy in the prefectures that write it on receipts. */
unsigned hg_kohi_of(const hg_model *m, uint64_t seed, const hg_person *p, const hg_spell *s,
                    int cond, int32_t ymd, int care);

typedef struct hg_payers {
    int ins;               /* a health insurer pays: an HO record */
    int n;                 /* 公費 on the receipt, in their order */
    int prog[HG_MAX_KOHI]; /* rows of insurance.kohi */
    unsigned mask;         /* the programmes kept */
} hg_payers;
/* The payers of a receipt whose lines are paid by the programmes progs (the union). */
void hg_payers_of(const hg_model *m, const hg_spell *s, unsigned progs, hg_payers *out);
/* The 負担区分 of a line paid by progs on a receipt with these payers: 1 医保 only, 2 医保 +
 * 第1公費, 3 医保 + 第2公費, 4 医保 + both, 5 第1公費, 6 第2公費, 7 both (記録条件仕様). */
const char *hg_burd_div(const hg_payers *py, unsigned progs);
/* レセプト種別 digit 3: 1 単独, 2 二併, 3 三併. */
char hg_payers_digit(const hg_payers *py);
/* The 公費負担者番号 (8 digits: 法別 2, prefecture 2, 実施機関 3, check digit) of programme prog
 * for this person (生活保護: the welfare office of the spell). */
void hg_kohi_defrayer(const hg_model *m, const hg_person *p, const hg_spell *s, int prog,
                      char out[9]);

/* What the 公費 of a receipt pay: covered[j], first[j]: points of the lines 公費 j pays for,
 * and of those it pays first (no earlier 公費 does). With a health insurer, each 公費 takes over
 * the patient's co-payment on its lines (at most what is still owed, burden in all) but for the
 * programme's own patient share, capped monthly; without one (生活保護), each pays the whole
 * cost of the lines it pays first and the patient nothing (the income class of 生活保護 pays 0
 * under every programme). */
typedef struct hg_ko_amount {
    int64_t pub;     /* yen the 公費 pays */
    int64_t patient; /* yen the patient pays under it */
} hg_ko_amount;
void hg_ko_amounts(const hg_model *m, const hg_person *p, const hg_spell *s, const hg_payers *py,
                   int32_t ymd, int64_t burden, const int64_t *covered, const int64_t *first,
                   hg_ko_amount *out);

#endif
