/* hicgen — 調剤: the record shapes of pharmacy receipts.
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_PHARMACY_RECORDS_H
#define HICGEN_FAMILIES_PHARMACY_RECORDS_H

#include "families/claims_records.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_PHA_YK(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, exam_pay_inst, STR) X(P, tdfk, STR) X(P, score_list, STR) X(P, drgst_cd_org, STR)       \
    X(P, drgst_cd, STR) X(P, req_ym, DATE) X(P, ori_snd_div, INT)

#define HG_REC_PHA_RE(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, age, INT) X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR)                  \
    X(P, rcp_no, INT) X(P, rcp_cls, STR) X(P, sex_div, STR) X(P, birth, DATE)                    \
    X(P, presc_tdfk, STR) X(P, presc_score_list, STR) X(P, presc_inst_org, STR)                  \
    X(P, presc_inst, STR) X(P, age_band5, STR) X(P, age_band10, STR) X(P, copay_pct, INT)        \
    X(P, tokki, STR) X(P, std_burd, STR)

#define HG_REC_PHA_HO(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, insurer_no_org, STR) X(P, insurer_no, STR) X(P, rcptn_times, INT)                       \
    X(P, total_score, INT) X(P, burden, INT)

#define HG_REC_PHA_KO(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, defrayer_no, STR) X(P, rcptn_times, INT) X(P, total_score, INT) X(P, pub_money, INT)    \
        X(P, part_burd, INT)

#define HG_REC_PHA_SH(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, no, STR) X(P, dsg_frm_cd, STR) X(P, drctn_use_cd, STR) X(P, unit_score, INT)            \
    X(P, prspt_no, INT) X(P, prspt_sub_no, INT)

#define HG_REC_PHA_CZ(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, prspt_date, DATE) X(P, dspng_date, DATE) X(P, rcptn_time, INT) X(P, dspng_amnt, INT)    \
    X(P, burd_div, STR) X(P, dsc_cd, STR) X(P, dsc_score, INT) X(P, drc_score, INT)              \
    X(P, adc01_cd, STR) X(P, adc01_score, INT) X(P, adc02_cd, STR) X(P, adc02_score, INT)        \
    X(P, prspt_no, INT) X(P, prspt_sub_no, INT)

#define HG_REC_PHA_IY(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, burd_div, STR) X(P, medicine_cd, STR) X(P, use_amnt, DEC) X(P, prspt_no, INT)           \
    X(P, prspt_sub_no, INT)

#define HG_REC_PHA_KI(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, rcptn_time, INT) X(P, burd_div, STR) X(P, dbc_cd, STR) X(P, dbc_score, INT)             \
    X(P, pmc01_cd, STR) X(P, pmc01_times, INT) X(P, pmc01_score, INT)                            \
    X(P, pmc02_cd, STR) X(P, pmc02_times, INT) X(P, pmc02_score, INT)                            \
    X(P, pmc03_cd, STR) X(P, pmc03_times, INT) X(P, pmc03_score, INT)                            \
    X(P, pmc04_cd, STR) X(P, pmc04_times, INT) X(P, pmc04_score, INT)                            \
    X(P, dba01_cd, STR) X(P, dba01_times, INT) X(P, dba01_score, INT)                            \
    X(P, dba02_cd, STR) X(P, dba02_times, INT) X(P, dba02_score, INT)                            \
    X(P, dba03_cd, STR) X(P, dba03_times, INT) X(P, dba03_score, INT)

// clang-format on

HG_FIELD_ENUM(HG_REC_PHA_YK, YK);
HG_FIELD_ENUM(HG_REC_PHA_RE, PRE);
HG_FIELD_ENUM(HG_REC_PHA_HO, PHO);
HG_FIELD_ENUM(HG_REC_PHA_KO, PKO);
HG_FIELD_ENUM(HG_REC_PHA_SH, SH);
HG_FIELD_ENUM(HG_REC_PHA_CZ, CZ);
HG_FIELD_ENUM(HG_REC_PHA_IY, PIY);
HG_FIELD_ENUM(HG_REC_PHA_KI, KI);

#endif
