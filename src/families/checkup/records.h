/* hicgen — 特定健診・保健指導: the record shapes of the checkup and guidance tables.
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_CHECKUP_RECORDS_H
#define HICGEN_FAMILIES_CHECKUP_RECORDS_H

#include "families/claims_records.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_CK_COMMON(X, P)                                                                   \
    X(P, key, STR) X(P, row, STR) X(P, nendo, STR) X(P, input_ym, DATE) X(P, person, INT)

#define HG_REC_TK_BASE(X, P)                                                                     \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR) X(P, age, INT)                  \
    X(P, sex_cd, STR) X(P, birth, DATE) X(P, ticket_no, STR)               \
    X(P, date, DATE) X(P, inst_org, STR) X(P, inst, STR)                      \
    X(P, insurer_no_org, STR) X(P, insurer_no, STR)      \
    X(P, age_band5, STR) X(P, age_band10, STR) X(P, level, INT)

#define HG_REC_TK_EXAM(X, P)                                                                     \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, cd, STR) X(P, val, DEC) X(P, unit, STR) X(P, svl_lwr, DEC) X(P, svl_upr, DEC)           \
    X(P, lwr_unit, STR) X(P, upr_unit, STR) X(P, value_cd, STR) X(P, eine_div, STR)

#define HG_REC_TH_BASE(X, P)                                                                     \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR) X(P, age, INT)                  \
    X(P, sex_cd, STR) X(P, birth, DATE) X(P, ticket_no, STR) X(P, date, DATE) \
    X(P, inst_org, STR) X(P, inst, STR) X(P, insurer_no_org, STR)            \
    X(P, insurer_no, STR) X(P, rpt_div, STR) X(P, age_band5, STR)           \
    X(P, age_band10, STR) X(P, checkup_key, STR)

#define HG_REC_TH_ENTRY(X, P)                                                                    \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, form_cd, STR) X(P, date, DATE) X(P, efrcr_cd, STR)

#define HG_REC_TH_RESULT(X, P)                                                                   \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, cd, STR) X(P, date, DATE) X(P, time_val, INT) X(P, time_unit, STR) X(P, val, DEC)       \
    X(P, unit, STR) X(P, value, STR)

// clang-format on

HG_FIELD_ENUM(HG_REC_TK_BASE, TKB);
HG_FIELD_ENUM(HG_REC_TK_EXAM, TKE);
HG_FIELD_ENUM(HG_REC_TH_BASE, THB);
HG_FIELD_ENUM(HG_REC_TH_ENTRY, THE);
HG_FIELD_ENUM(HG_REC_TH_RESULT, THR);

#endif
