/* hicgen — every random-stream purpose of the model, declared in one place.
 *
 * A draw comes from the stream (seed, person, purpose); a purpose is the 64-bit hash of its name,
 * plus an offset (a month, a year, an item) where one purpose has a stream per period. The names
 * below are therefore part of the definition of the output: renaming one changes the data. The
 * unit tests pin every name (tests/unit/test_core.c), so a rename is a deliberate act. Two
 * purposes must never be so close that their offset ranges overlap; the names are hashed, so
 * that cannot happen by accident.
 *
 * The second column says who draws from it; the third, what the offset is. */
#ifndef HICGEN_STREAMS_H
#define HICGEN_STREAMS_H

#include <stdint.h>

// clang-format off
#define HG_STREAMS(X)                                                                              \
    /* the person (sim/person.c) */                                                                \
    X(DEMOGRAPHY,      "demography",     "+0 sex, age, prefecture, income, home clinic; +1 birth") \
    X(NAMES,           "names",          "+0 the name at birth; +1+month a change of name")         \
    X(CONDITIONS,      "conditions",     "conditions present at the start")                          \
    X(INSURANCE,       "insurance",      "+0 the first spell; +1+month a change of insurer")        \
    X(LIFE,            "life",           "+month deaths, onsets, episodes, admissions")             \
    X(INITIAL_STAYS,   "initial stays",  "stays in progress at the start")                          \
    X(STAY_LENGTH,     "stay length",    "+day of admission (in the period) an operated stay's length")        \
    X(TREATMENT,       "treatment",      "+condition the person's 傷病名, visit interval, drugs")   \
    X(EPISODE,         "episode",        "+episode its 傷病名, visits and drugs")                   \
    X(VISIT_INTERVAL,  "visit interval", "hash: the person's shared visit-interval factor")         \
    /* 医科 and DPC receipts (families/med): the historical name of this stream is "care" */      \
    X(MED_MONTH,       "care",           "+month visits, tests, prescriptions of the month")        \
    /* 調剤 (families/pharmacy) */                                                                 \
    X(PHARMACY,        "pharmacy",       "+prescription which pharmacy fills it")                   \
    X(USUAL_PHARMACY,  "usual pharmacy", "hash: the person's usual pharmacy")                       \
    /* 特定健診 and 保健指導 (families/checkup) */                                                  \
    X(LIFESTYLE,       "lifestyle",      "questionnaire answers stable over years")                 \
    X(CHECKUP,         "checkup",        "+fiscal year the checkup, its values and guidance")       \
    /* 歯科 (families/dental) */                                                                   \
    X(DENTAL,          "dental",         "a person's dental courses and visits")                               \
    X(DENTAL_CLINIC,   "dental clinic",  "hash: the person's dental clinic")                        \
    /* 介護 (families/kaigo) */                                                                    \
    X(KAIGO_NEED,      "care need",      "+0 state at the start; +1+month certifications")          \
    X(KAIGO_SURVEY,    "care survey",    "+certification the 基本調査 answers")                      \
    X(KAIGO_SERVICES,  "care services",  "+service kind whether it is used")                        \
    X(KAIGO_INSURER,   "municipality",   "hash: the 介護保険者 (municipality)")
// clang-format on

#define HG_X_STREAM_ENUM(id, name, doc) HG_S_##id,
typedef enum hg_stream_id { HG_STREAMS(HG_X_STREAM_ENUM) HG_NSTREAMS } hg_stream_id;

/* The purpose (hash of the name) of stream s. */
uint64_t hg_stream(hg_stream_id s);
/* The name of stream s. */
const char *hg_stream_name(hg_stream_id s);

#endif
