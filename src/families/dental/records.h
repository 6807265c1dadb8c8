/* hicgen — 歯科: the dental record shapes (the others are shared: claims_records.h).
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_DENTAL_RECORDS_H
#define HICGEN_FAMILIES_DENTAL_RECORDS_H

#include "families/claims_records.h"

/* How many 加算 (and material) codes an SS line carries at most: the NDB layout has 35; a
 * hicgen line has at most this many (the rest of the columns stay empty). */
#define DEN_MAX_ADDS 4

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_DEN_RE(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, age, INT) X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR)                  \
    X(P, rcp_no, INT) X(P, rcp_cls, STR) X(P, sex_div, STR) X(P, birth, DATE)                    \
    X(P, cnslt_str, DATE) X(P, outcm_div, STR) X(P, age_band5, STR) X(P, age_band10, STR)        \
    X(P, copay_pct, INT) X(P, tokki, STR) X(P, std_burd, STR)

#define HG_REC_DEN_HS(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, prac_str_date, DATE) X(P, outcm_div, STR) X(P, teeth, STR) X(P, skwd_name_cd, STR)      \
    X(P, modif_cd, STR) X(P, sspct_dss_flg, INT) X(P, main_skwd, STR)

/* SS: a dental act with its 加算 and material codes (add01 … add04) and their quantities. */
#define HG_REC_DEN_SS(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, prac_ident, STR) X(P, burd_div, STR) X(P, code, STR) X(P, amnt1, INT)                   \
    X(P, add01_cd, STR) X(P, add01_amnt, INT) X(P, add02_cd, STR) X(P, add02_amnt, INT)          \
    X(P, add03_cd, STR) X(P, add03_amnt, INT) X(P, add04_cd, STR) X(P, add04_amnt, INT)          \
    X(P, score, INT) X(P, times, INT)                                                            \
    HG_REC_DAYS(X, P) X(P, aft_splmt_prac_ident, STR) X(P, serl_no, INT) X(P, sers_odr, INT)     \
    X(P, aft_splmt_score, INT) X(P, aft_splmt_times, INT)

// clang-format on

HG_FIELD_ENUM(HG_REC_DEN_RE, NRE);
HG_FIELD_ENUM(HG_REC_DEN_HS, HS);
HG_FIELD_ENUM(HG_REC_DEN_SS, SS);
_Static_assert(SS_add02_cd == SS_add01_cd + 2 && SS_add04_amnt == SS_add01_cd + 7,
               "SS add codes alternate code, quantity");

#endif
