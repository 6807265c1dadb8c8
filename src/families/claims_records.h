/* hicgen — claims: the record shapes the receipt families (医科, DPC, 歯科) share.
 * Each list is an X-macro: X(prefix, field name, value kind); a table spec maps its columns
 * to these fields by name (from: FIELD). */
#ifndef HICGEN_FAMILIES_CLAIMS_RECORDS_H
#define HICGEN_FAMILIES_CLAIMS_RECORDS_H

#include "hicgen/family.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
#define HG_REC_COMMON(X, P)                                                                        \
    X(P, seq1_no, INT)                                                                             \
    X(P, seq2_no, STR)                                                                             \
    X(P, ko_flg, INT) X(P, rec_ident_info, STR) X(P, prac_ym, DATE) X(P, input_ym, DATE)           \
        X(P, person, INT)

#define HG_REC_MED_IR(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, exam_pay_inst, STR)                                                                       \
    X(P, tdfk, STR)                                                                                \
    X(P, score_list, STR) X(P, medi_inst_cd_org, STR) X(P, medi_inst_cd, STR) X(P, req_ym, DATE)   \
        X(P, ori_snd_div, INT)

#define HG_REC_MED_RE(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, age, INT)                                                                                 \
    X(P, id1, STR)                                                                                 \
    X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR) X(P, rcp_no, INT) X(P, rcp_cls, STR)             \
        X(P, sex_div, STR) X(P, birth, DATE) X(P, hostz_date, DATE) X(P, bed_capa_num, INT)        \
            X(P, prac_dept, STR) X(P, age_band5, STR) X(P, age_band10, STR) X(P, copay_pct, INT)   \
                X(P, tokki, STR) X(P, std_burd, STR) X(P, kana_name, STR)

#define HG_REC_MED_HO(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, insurer_no_org, STR)                                                                      \
    X(P, insurer_no, STR)                                                                          \
    X(P, prac_true_days, INT) X(P, total_score, INT) X(P, meal_times, INT) X(P, meal_price, INT)   \
        X(P, burden, INT)

#define HG_REC_MED_KO(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, defrayer_no, STR)                                                                         \
    X(P, prac_true_days, INT)                                                                      \
    X(P, total_score, INT) X(P, pub_money, INT) X(P, meal_times, INT) X(P, meal_price, INT)      \
        X(P, outpt_burd, INT) X(P, hostz_burd, INT)

#define HG_REC_MED_SY(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, skwd_name_cd, STR)                                                                        \
    X(P, prac_str_date, DATE)                                                                      \
    X(P, outcm_div, STR) X(P, modif_cd, STR) X(P, sspct_dss_flg, INT) X(P, main_skwd, STR)         \
        X(P, main_skwd_decis_flg, INT)

#define HG_REC_DAYS(X, P)                                                                          \
    X(P, day01, INT)                                                                               \
    X(P, day02, INT)                                                                               \
    X(P, day03, INT) X(P, day04, INT) X(P, day05, INT) X(P, day06, INT) X(P, day07, INT)           \
        X(P, day08, INT) X(P, day09, INT) X(P, day10, INT) X(P, day11, INT) X(P, day12, INT)       \
            X(P, day13, INT) X(P, day14, INT) X(P, day15, INT) X(P, day16, INT) X(P, day17, INT)   \
                X(P, day18, INT) X(P, day19, INT) X(P, day20, INT) X(P, day21, INT)                \
                    X(P, day22, INT) X(P, day23, INT) X(P, day24, INT) X(P, day25, INT)            \
                        X(P, day26, INT) X(P, day27, INT) X(P, day28, INT) X(P, day29, INT)        \
                            X(P, day30, INT) X(P, day31, INT)

#define HG_REC_MED_DETAIL(X, P)                                                                    \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, prac_ident, STR)                                                                          \
    X(P, burd_div, STR)                                                                            \
    X(P, code, STR) X(P, qnt_dat, INT) X(P, use_amnt, DEC) X(P, score, INT) X(P, times, INT)       \
        HG_REC_DAYS(X, P) X(P, aft_splmt_prac_ident, STR) X(P, serl_no, INT) X(P, sers_odr, INT)   \
            X(P, aft_splmt_score, INT) X(P, aft_splmt_times, INT)

/* TO 特定器材: a detail line with the unit of its amount (the master's 単位コード) */
#define HG_REC_MED_TO(X, P) HG_REC_MED_DETAIL(X, P) X(P, unit_cd, INT)

#define HG_REC_MED_CO(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, prac_ident, STR)                                                                          \
    X(P, burd_div, STR)                                                                            \
    X(P, cmt_cd, STR) X(P, char_dat, STR) X(P, aft_splmt_prac_ident, STR) X(P, serl_no, INT)       \
        X(P, sers_odr, INT)

// clang-format on

HG_FIELD_ENUM(HG_REC_MED_IR, IR);
HG_FIELD_ENUM(HG_REC_MED_RE, RE);
HG_FIELD_ENUM(HG_REC_MED_HO, HO);
HG_FIELD_ENUM(HG_REC_MED_KO, KO);
HG_FIELD_ENUM(HG_REC_MED_SY, SY);
HG_FIELD_ENUM(HG_REC_MED_DETAIL, DT);
HG_FIELD_ENUM(HG_REC_MED_TO, TO);
HG_FIELD_ENUM(HG_REC_MED_CO, CO);

#endif
