/* hicgen — 歯科: the dental record shapes (the others are shared: claims_records.h).
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_DENTAL_RECORDS_H
#define HICGEN_FAMILIES_DENTAL_RECORDS_H

#include "families/claims_records.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_DEN_RE(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, age, INT) X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR)                  \
    X(P, rcp_no, INT) X(P, rcp_cls, STR) X(P, sex_div, STR) X(P, birth, DATE)                    \
    X(P, cnslt_str, DATE) X(P, outcm_div, STR) X(P, age_band5, STR) X(P, age_band10, STR)        \
    X(P, copay_pct, INT)

#define HG_REC_DEN_HS(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, prac_str_date, DATE) X(P, outcm_div, STR) X(P, teeth, STR) X(P, skwd_name_cd, STR)      \
    X(P, modif_cd, STR) X(P, sspct_dss_flg, INT) X(P, main_skwd, STR)

// clang-format on

HG_FIELD_ENUM(HG_REC_DEN_RE, NRE);
HG_FIELD_ENUM(HG_REC_DEN_HS, HS);

#endif
