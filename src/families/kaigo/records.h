/* hicgen — 介護: the record shapes of the 介護DB tables.
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_KAIGO_RECORDS_H
#define HICGEN_FAMILIES_KAIGO_RECORDS_H

#include "families/claims_records.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_KG_COMMON(X, P) X(P, key, STR) X(P, person, INT) X(P, id5, STR)

#define HG_REC_KG_NINTEI(X, P)                                                                   \
    HG_REC_KG_COMMON(X, P)                                                                       \
    X(P, insurer_no, STR) X(P, insured_no, STR) X(P, sex, STR) X(P, birth, DATE) X(P, age, INT)  \
    X(P, kind, STR) X(P, apply, DATE) X(P, survey, DATE) X(P, level1, STR) X(P, minutes, INT)    \
    X(P, decision, DATE) X(P, level2, STR) X(P, valid_from, DATE) X(P, valid_to, DATE)           \
    X(P, insured_kind, STR) X(P, disease, STR) X(P, disability, STR) X(P, dementia, STR)

#define HG_REC_KG_CHOSA(X, P) HG_REC_KG_COMMON(X, P) X(P, item_no, INT) X(P, answer, INT)

#define HG_REC_KG_KIHON(X, P)                                                                    \
    HG_REC_KG_COMMON(X, P)                                                                       \
    X(P, service_ym, DATE) X(P, provider_no, STR) X(P, insurer_no, STR) X(P, insured_no, STR)    \
    X(P, birth, DATE) X(P, sex, STR) X(P, level, STR) X(P, valid_from, DATE) X(P, valid_to, DATE) \
    X(P, plan_kind, STR) X(P, plan_provider, STR) X(P, admit_date, DATE) X(P, days, INT)         \
    X(P, benefit_rate, INT) X(P, units, INT) X(P, claim, INT) X(P, charge, INT)

#define HG_REC_KG_MEISAI(X, P)                                                                   \
    HG_REC_KG_COMMON(X, P)                                                                       \
    X(P, service_ym, DATE) X(P, provider_no, STR) X(P, service_kind, STR) X(P, service_item, STR) \
    X(P, unit, INT) X(P, count, INT) X(P, service_units, INT)

#define HG_REC_KG_SHUKEI(X, P)                                                                   \
    HG_REC_KG_COMMON(X, P)                                                                       \
    X(P, service_ym, DATE) X(P, provider_no, STR) X(P, service_kind, STR) X(P, days, INT)        \
    X(P, units, INT) X(P, unit_price, INT) X(P, claim, INT) X(P, charge, INT)

// clang-format on

HG_FIELD_ENUM(HG_REC_KG_NINTEI, KN);
HG_FIELD_ENUM(HG_REC_KG_CHOSA, KC);
HG_FIELD_ENUM(HG_REC_KG_KIHON, KB);
HG_FIELD_ENUM(HG_REC_KG_MEISAI, KM);
HG_FIELD_ENUM(HG_REC_KG_SHUKEI, KS);

#endif
