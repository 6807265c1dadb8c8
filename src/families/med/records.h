/* hicgen — 医科・DPC: the DPC record shapes (the others are shared: claims_records.h).
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_MED_RECORDS_H
#define HICGEN_FAMILIES_MED_RECORDS_H

#include "families/claims_records.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_DPC_RE(X, P) HG_REC_MED_RE(X, P) X(P, gnrlz_div, STR)

#define HG_REC_DPC_BU(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, dpc_cd, STR) X(P, this_hostz, DATE) X(P, this_dschg, DATE) X(P, dpc_outcm, STR)        \
    X(P, cause_death, STR)

#define HG_REC_DPC_SB(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, skwd_name_cd, STR) X(P, modif_cd, STR) X(P, sspct_dss_flg, INT) X(P, icd10, STR)        \
    X(P, skwd_div, STR) X(P, cause_death, STR)

#define HG_REC_DPC_KK(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, plan_emgcy, STR) X(P, last_dschg, DATE) X(P, hostz_age, INT)

#define HG_REC_DPC_HH(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, burd_div, STR) X(P, prd_div, INT) X(P, prd_score, INT) X(P, prd_days, INT)              \
    X(P, sbttl, INT)

#define HG_REC_DPC_GT(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, burd_div, STR) X(P, sbttl_sum, INT) X(P, evalu, INT) X(P, adjst, INT) X(P, ttl, INT)

#define HG_REC_DPC_CD(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, oprtn_date, DATE) X(P, prac_ident, STR) X(P, order_no, INT) X(P, detl_no, INT)          \
    X(P, code, STR) X(P, use_amnt, DEC) X(P, times, INT)

// clang-format on

HG_FIELD_ENUM(HG_REC_DPC_RE, DRE);
HG_FIELD_ENUM(HG_REC_DPC_BU, BU);
HG_FIELD_ENUM(HG_REC_DPC_SB, SB);
HG_FIELD_ENUM(HG_REC_DPC_KK, KK);
HG_FIELD_ENUM(HG_REC_DPC_HH, HH);
HG_FIELD_ENUM(HG_REC_DPC_GT, GT);
HG_FIELD_ENUM(HG_REC_DPC_CD, CDR);

#endif
