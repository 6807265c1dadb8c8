/* hicgen — the record kinds the model produces, and the fields of each. A table spec names a
 * record kind ('record: med_re') and maps its columns to these fields ('from: birth'), so the
 * model never knows table layouts and specs never compute anything.
 * Each list is an X-macro: X(prefix, field name, value kind). */
#ifndef HICGEN_RECORDS_H
#define HICGEN_RECORDS_H

#include "hicgen/spec.h"

// clang-format off
/* one field per X() reads best, and the formatter is not stable on these */
/* Fields on every receipt record: NDB common columns. */
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
                X(P, kana_name, STR)

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
    X(P, total_score, INT) X(P, pub_money, INT) X(P, meal_times, INT) X(P, meal_price, INT)

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

/* SI (診療行為) and IY (医薬品) detail lines share one shape. */
#define HG_REC_MED_DETAIL(X, P)                                                                    \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, prac_ident, STR)                                                                          \
    X(P, burd_div, STR)                                                                            \
    X(P, code, STR) X(P, qnt_dat, INT) X(P, use_amnt, DEC) X(P, score, INT) X(P, times, INT)       \
        HG_REC_DAYS(X, P) X(P, aft_splmt_prac_ident, STR) X(P, serl_no, INT) X(P, sers_odr, INT)   \
            X(P, aft_splmt_score, INT) X(P, aft_splmt_times, INT)

#define HG_REC_MED_CO(X, P)                                                                        \
    HG_REC_COMMON(X, P)                                                                            \
    X(P, prac_ident, STR)                                                                          \
    X(P, burd_div, STR)                                                                            \
    X(P, cmt_cd, STR) X(P, char_dat, STR) X(P, aft_splmt_prac_ident, STR) X(P, serl_no, INT)       \
        X(P, sers_odr, INT)

#define HG_REC_PHA_YK(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, exam_pay_inst, STR) X(P, tdfk, STR) X(P, score_list, STR) X(P, drgst_cd_org, STR)       \
    X(P, drgst_cd, STR) X(P, req_ym, DATE) X(P, ori_snd_div, INT)

#define HG_REC_PHA_RE(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, age, INT) X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR)                  \
    X(P, rcp_no, INT) X(P, rcp_cls, STR) X(P, sex_div, STR) X(P, birth, DATE)                    \
    X(P, presc_tdfk, STR) X(P, presc_score_list, STR) X(P, presc_inst_org, STR)                  \
    X(P, presc_inst, STR) X(P, age_band5, STR) X(P, age_band10, STR) X(P, copay_pct, INT)

#define HG_REC_PHA_HO(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, insurer_no_org, STR) X(P, insurer_no, STR) X(P, rcptn_times, INT)                       \
    X(P, total_score, INT) X(P, burden, INT)

#define HG_REC_PHA_KO(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, defrayer_no, STR) X(P, rcptn_times, INT) X(P, total_score, INT) X(P, pub_money, INT)

#define HG_REC_PHA_SH(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, no, STR) X(P, dsg_frm_cd, STR) X(P, drctn_use_cd, STR) X(P, unit_score, INT)            \
    X(P, prspt_no, INT) X(P, prspt_sub_no, INT)

#define HG_REC_PHA_CZ(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, prspt_date, DATE) X(P, dspng_date, DATE) X(P, rcptn_time, INT) X(P, dspng_amnt, INT)    \
    X(P, burd_div, STR) X(P, dsc_cd, STR) X(P, dsc_score, INT) X(P, drc_score, INT)              \
    X(P, prspt_no, INT) X(P, prspt_sub_no, INT)

#define HG_REC_PHA_IY(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, burd_div, STR) X(P, medicine_cd, STR) X(P, use_amnt, DEC) X(P, prspt_no, INT)           \
    X(P, prspt_sub_no, INT)

#define HG_REC_PHA_KI(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, rcptn_time, INT) X(P, burd_div, STR) X(P, dbc_cd, STR) X(P, dbc_score, INT)             \
    X(P, pmc01_cd, STR) X(P, pmc01_times, INT) X(P, pmc01_score, INT)
/* DPC records: IR, HO, KO, SY, SI, IY as for 医科; RE adds the 総括区分. */
#define HG_REC_DPC_RE(X, P) HG_REC_MED_RE(X, P) X(P, gnrlz_div, STR)

#define HG_REC_DPC_BU(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, dpc_cd, STR) X(P, this_hostz, DATE) X(P, this_dschg, DATE) X(P, dpc_outcm, STR)

#define HG_REC_DPC_SB(X, P)                                                                      \
    HG_REC_COMMON(X, P)                                                                          \
    X(P, skwd_name_cd, STR) X(P, modif_cd, STR) X(P, sspct_dss_flg, INT) X(P, icd10, STR)        \
    X(P, skwd_div, STR)

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

/* 歯科 records: IR, HO, KO, SS (as SI), IY as for 医科; RE carries the start of care and
 * outcome; HS is the disease with its teeth (歯式). */
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

/* 介護DB: 要介護認定 (one row per application, and its 74 基本調査 answers one per row) and
 * 介護給付費明細 (basic 01, detail 02, aggregate 10). */
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

/* 特定健診 and 特定保健指導 records are not receipts: their key is the checkup (seq1_no). */
#define HG_REC_CK_COMMON(X, P)                                                                   \
    X(P, key, STR) X(P, row, STR) X(P, nendo, STR) X(P, input_ym, DATE) X(P, person, INT)

#define HG_REC_TK_BASE(X, P)                                                                     \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR) X(P, age, INT)                  \
    X(P, sex_cd, STR) X(P, birth, DATE) X(P, ticket_cls, STR) X(P, ticket_no, STR)               \
    X(P, prg_cls, STR) X(P, date, DATE) X(P, inst_org, STR) X(P, inst, STR)                      \
    X(P, insurer_no_org, STR) X(P, insurer_no, STR) X(P, rpt_div, STR) X(P, qlfct_div, STR)      \
    X(P, age_band5, STR) X(P, age_band10, STR) X(P, level, INT)

#define HG_REC_TK_EXAM(X, P)                                                                     \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, cd, STR) X(P, val, DEC) X(P, unit, STR) X(P, svl_lwr, DEC) X(P, svl_upr, DEC)           \
    X(P, lwr_unit, STR) X(P, upr_unit, STR) X(P, value_cd, STR) X(P, eine_div, STR)

#define HG_REC_TH_BASE(X, P)                                                                     \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, id1, STR) X(P, id1n, STR) X(P, id2, STR) X(P, id5, STR) X(P, age, INT)                  \
    X(P, sex_cd, STR) X(P, birth, DATE) X(P, ticket_no, STR) X(P, prg_cls, STR) X(P, date, DATE) \
    X(P, prg_name, STR) X(P, inst_org, STR) X(P, inst, STR) X(P, insurer_no_org, STR)            \
    X(P, insurer_no, STR) X(P, rpt_div, STR) X(P, qlfct_div, STR) X(P, age_band5, STR)           \
    X(P, age_band10, STR) X(P, checkup_key, STR)

#define HG_REC_TH_ENTRY(X, P)                                                                    \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, form_cd, STR) X(P, date, DATE) X(P, efrcr_cd, STR)

#define HG_REC_TH_RESULT(X, P)                                                                   \
    HG_REC_CK_COMMON(X, P)                                                                       \
    X(P, cd, STR) X(P, date, DATE) X(P, time_val, INT) X(P, time_unit, STR) X(P, val, DEC)       \
    X(P, unit, STR) X(P, value, STR)
// clang-format on

#define HG_X_ENUM(P, name, kind) P##_##name,
enum { HG_REC_MED_IR(HG_X_ENUM, IR) IR__N };
enum { HG_REC_MED_RE(HG_X_ENUM, RE) RE__N };
enum { HG_REC_MED_HO(HG_X_ENUM, HO) HO__N };
enum { HG_REC_MED_KO(HG_X_ENUM, KO) KO__N };
enum { HG_REC_MED_SY(HG_X_ENUM, SY) SY__N };
enum { HG_REC_MED_DETAIL(HG_X_ENUM, DT) DT__N };
enum { HG_REC_MED_CO(HG_X_ENUM, CO) CO__N };
enum { HG_REC_PHA_YK(HG_X_ENUM, YK) YK__N };
enum { HG_REC_PHA_RE(HG_X_ENUM, PRE) PRE__N };
enum { HG_REC_PHA_HO(HG_X_ENUM, PHO) PHO__N };
enum { HG_REC_PHA_KO(HG_X_ENUM, PKO) PKO__N };
enum { HG_REC_PHA_SH(HG_X_ENUM, SH) SH__N };
enum { HG_REC_PHA_CZ(HG_X_ENUM, CZ) CZ__N };
enum { HG_REC_PHA_IY(HG_X_ENUM, PIY) PIY__N };
enum { HG_REC_PHA_KI(HG_X_ENUM, KI) KI__N };
enum { HG_REC_DPC_RE(HG_X_ENUM, DRE) DRE__N };
enum { HG_REC_DPC_BU(HG_X_ENUM, BU) BU__N };
enum { HG_REC_DPC_SB(HG_X_ENUM, SB) SB__N };
enum { HG_REC_DPC_KK(HG_X_ENUM, KK) KK__N };
enum { HG_REC_DPC_HH(HG_X_ENUM, HH) HH__N };
enum { HG_REC_DPC_GT(HG_X_ENUM, GT) GT__N };
enum { HG_REC_DPC_CD(HG_X_ENUM, CDR) CDR__N };
enum { HG_REC_DEN_RE(HG_X_ENUM, NRE) NRE__N };
enum { HG_REC_DEN_HS(HG_X_ENUM, HS) HS__N };
enum { HG_REC_KG_NINTEI(HG_X_ENUM, KN) KN__N };
enum { HG_REC_KG_CHOSA(HG_X_ENUM, KC) KC__N };
enum { HG_REC_KG_KIHON(HG_X_ENUM, KB) KB__N };
enum { HG_REC_KG_MEISAI(HG_X_ENUM, KM) KM__N };
enum { HG_REC_KG_SHUKEI(HG_X_ENUM, KS) KS__N };
enum { HG_REC_TK_BASE(HG_X_ENUM, TKB) TKB__N };
enum { HG_REC_TK_EXAM(HG_X_ENUM, TKE) TKE__N };
enum { HG_REC_TH_BASE(HG_X_ENUM, THB) THB__N };
enum { HG_REC_TH_ENTRY(HG_X_ENUM, THE) THE__N };
enum { HG_REC_TH_RESULT(HG_X_ENUM, THR) THR__N };

/* Record kinds, in registry order (masters follow). */
enum {
    HG_K_MED_IR = 0,
    HG_K_MED_RE,
    HG_K_MED_HO,
    HG_K_MED_KO,
    HG_K_MED_SY,
    HG_K_MED_SI,
    HG_K_MED_IY,
    HG_K_MED_CO,
    HG_K_PHA_YK,
    HG_K_PHA_RE,
    HG_K_PHA_HO,
    HG_K_PHA_KO,
    HG_K_PHA_SH,
    HG_K_PHA_CZ,
    HG_K_PHA_IY,
    HG_K_PHA_KI,
    HG_K_DPC_IR,
    HG_K_DPC_RE,
    HG_K_DPC_HO,
    HG_K_DPC_KO,
    HG_K_DPC_SY,
    HG_K_DPC_SI,
    HG_K_DPC_IY,
    HG_K_DPC_CO,
    HG_K_DPC_BU,
    HG_K_DPC_SB,
    HG_K_DPC_KK,
    HG_K_DPC_HH,
    HG_K_DPC_GT,
    HG_K_DPC_CD,
    HG_K_DEN_IR,
    HG_K_DEN_RE,
    HG_K_DEN_HO,
    HG_K_DEN_KO,
    HG_K_DEN_HS,
    HG_K_DEN_SS,
    HG_K_DEN_IY,
    HG_K_KG_NINTEI,
    HG_K_KG_CHOSA,
    HG_K_KG_KIHON,
    HG_K_KG_MEISAI,
    HG_K_KG_SHUKEI,
    HG_K_TK_BASE,
    HG_K_TK_EXAM,
    HG_K_TH_BASE,
    HG_K_TH_ENTRY,
    HG_K_TH_RESULT,
    HG_K_MODEL_COUNT
};

/* The model's record kinds, indexed by HG_K_*. */
extern const hg_reckind hg_model_kinds[HG_K_MODEL_COUNT];
/* Largest field count of any model kind (value arrays are this long). */
#define HG_MAX_FIELDS 96

#endif
