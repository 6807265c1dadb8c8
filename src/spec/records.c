/* hicgen — field tables of the model's record kinds (generated from the X-macro lists). */
#include "hicgen/records.h"

#define HG_X_FIELD(P, name, kind) {#name, HG_V_##kind},

static const hg_field ir_fields[] = {HG_REC_MED_IR(HG_X_FIELD, IR)};
static const hg_field re_fields[] = {HG_REC_MED_RE(HG_X_FIELD, RE)};
static const hg_field ho_fields[] = {HG_REC_MED_HO(HG_X_FIELD, HO)};
static const hg_field ko_fields[] = {HG_REC_MED_KO(HG_X_FIELD, KO)};
static const hg_field sy_fields[] = {HG_REC_MED_SY(HG_X_FIELD, SY)};
static const hg_field dt_fields[] = {HG_REC_MED_DETAIL(HG_X_FIELD, DT)};
static const hg_field co_fields[] = {HG_REC_MED_CO(HG_X_FIELD, CO)};
static const hg_field yk_fields[] = {HG_REC_PHA_YK(HG_X_FIELD, YK)};
static const hg_field pre_fields[] = {HG_REC_PHA_RE(HG_X_FIELD, PRE)};
static const hg_field pho_fields[] = {HG_REC_PHA_HO(HG_X_FIELD, PHO)};
static const hg_field pko_fields[] = {HG_REC_PHA_KO(HG_X_FIELD, PKO)};
static const hg_field sh_fields[] = {HG_REC_PHA_SH(HG_X_FIELD, SH)};
static const hg_field cz_fields[] = {HG_REC_PHA_CZ(HG_X_FIELD, CZ)};
static const hg_field piy_fields[] = {HG_REC_PHA_IY(HG_X_FIELD, PIY)};
static const hg_field ki_fields[] = {HG_REC_PHA_KI(HG_X_FIELD, KI)};
static const hg_field dre_fields[] = {HG_REC_DPC_RE(HG_X_FIELD, DRE)};
static const hg_field bu_fields[] = {HG_REC_DPC_BU(HG_X_FIELD, BU)};
static const hg_field sb_fields[] = {HG_REC_DPC_SB(HG_X_FIELD, SB)};
static const hg_field kk_fields[] = {HG_REC_DPC_KK(HG_X_FIELD, KK)};
static const hg_field hh_fields[] = {HG_REC_DPC_HH(HG_X_FIELD, HH)};
static const hg_field gt_fields[] = {HG_REC_DPC_GT(HG_X_FIELD, GT)};
static const hg_field cdr_fields[] = {HG_REC_DPC_CD(HG_X_FIELD, CDR)};
static const hg_field nre_fields[] = {HG_REC_DEN_RE(HG_X_FIELD, NRE)};
static const hg_field hs_fields[] = {HG_REC_DEN_HS(HG_X_FIELD, HS)};
static const hg_field kn_fields[] = {HG_REC_KG_NINTEI(HG_X_FIELD, KN)};
static const hg_field kc_fields[] = {HG_REC_KG_CHOSA(HG_X_FIELD, KC)};
static const hg_field kb_fields[] = {HG_REC_KG_KIHON(HG_X_FIELD, KB)};
static const hg_field km_fields[] = {HG_REC_KG_MEISAI(HG_X_FIELD, KM)};
static const hg_field ks_fields[] = {HG_REC_KG_SHUKEI(HG_X_FIELD, KS)};
static const hg_field tkb_fields[] = {HG_REC_TK_BASE(HG_X_FIELD, TKB)};
static const hg_field tke_fields[] = {HG_REC_TK_EXAM(HG_X_FIELD, TKE)};
static const hg_field thb_fields[] = {HG_REC_TH_BASE(HG_X_FIELD, THB)};
static const hg_field the_fields[] = {HG_REC_TH_ENTRY(HG_X_FIELD, THE)};
static const hg_field thr_fields[] = {HG_REC_TH_RESULT(HG_X_FIELD, THR)};

_Static_assert(DT__N <= HG_MAX_FIELDS && RE__N <= HG_MAX_FIELDS, "raise HG_MAX_FIELDS");

const hg_reckind hg_model_kinds[HG_K_MODEL_COUNT] = {
    [HG_K_MED_IR] = {"med_ir", IR__N, ir_fields},
    [HG_K_MED_RE] = {"med_re", RE__N, re_fields},
    [HG_K_MED_HO] = {"med_ho", HO__N, ho_fields},
    [HG_K_MED_KO] = {"med_ko", KO__N, ko_fields},
    [HG_K_MED_SY] = {"med_sy", SY__N, sy_fields},
    [HG_K_MED_SI] = {"med_si", DT__N, dt_fields},
    [HG_K_MED_IY] = {"med_iy", DT__N, dt_fields},
    [HG_K_MED_CO] = {"med_co", CO__N, co_fields},
    [HG_K_PHA_YK] = {"pha_yk", YK__N, yk_fields},
    [HG_K_PHA_RE] = {"pha_re", PRE__N, pre_fields},
    [HG_K_PHA_HO] = {"pha_ho", PHO__N, pho_fields},
    [HG_K_PHA_KO] = {"pha_ko", PKO__N, pko_fields},
    [HG_K_PHA_SH] = {"pha_sh", SH__N, sh_fields},
    [HG_K_PHA_CZ] = {"pha_cz", CZ__N, cz_fields},
    [HG_K_PHA_IY] = {"pha_iy", PIY__N, piy_fields},
    [HG_K_PHA_KI] = {"pha_ki", KI__N, ki_fields},
    [HG_K_DPC_IR] = {"dpc_ir", IR__N, ir_fields},
    [HG_K_DPC_RE] = {"dpc_re", DRE__N, dre_fields},
    [HG_K_DPC_HO] = {"dpc_ho", HO__N, ho_fields},
    [HG_K_DPC_KO] = {"dpc_ko", KO__N, ko_fields},
    [HG_K_DPC_SY] = {"dpc_sy", SY__N, sy_fields},
    [HG_K_DPC_SI] = {"dpc_si", DT__N, dt_fields},
    [HG_K_DPC_IY] = {"dpc_iy", DT__N, dt_fields},
    [HG_K_DPC_CO] = {"dpc_co", CO__N, co_fields},
    [HG_K_DPC_BU] = {"dpc_bu", BU__N, bu_fields},
    [HG_K_DPC_SB] = {"dpc_sb", SB__N, sb_fields},
    [HG_K_DPC_KK] = {"dpc_kk", KK__N, kk_fields},
    [HG_K_DPC_HH] = {"dpc_hh", HH__N, hh_fields},
    [HG_K_DPC_GT] = {"dpc_gt", GT__N, gt_fields},
    [HG_K_DPC_CD] = {"dpc_cd", CDR__N, cdr_fields},
    [HG_K_DEN_IR] = {"den_ir", IR__N, ir_fields},
    [HG_K_DEN_RE] = {"den_re", NRE__N, nre_fields},
    [HG_K_DEN_HO] = {"den_ho", HO__N, ho_fields},
    [HG_K_DEN_KO] = {"den_ko", KO__N, ko_fields},
    [HG_K_DEN_HS] = {"den_hs", HS__N, hs_fields},
    [HG_K_DEN_SS] = {"den_ss", DT__N, dt_fields},
    [HG_K_DEN_IY] = {"den_iy", DT__N, dt_fields},
    [HG_K_KG_NINTEI] = {"kaigo_nintei", KN__N, kn_fields},
    [HG_K_KG_CHOSA] = {"kaigo_chosa", KC__N, kc_fields},
    [HG_K_KG_KIHON] = {"kaigo_kihon", KB__N, kb_fields},
    [HG_K_KG_MEISAI] = {"kaigo_meisai", KM__N, km_fields},
    [HG_K_KG_SHUKEI] = {"kaigo_shukei", KS__N, ks_fields},
    [HG_K_TK_BASE] = {"tokken_base", TKB__N, tkb_fields},
    [HG_K_TK_EXAM] = {"tokken_exam", TKE__N, tke_fields},
    [HG_K_TH_BASE] = {"thoken_base", THB__N, thb_fields},
    [HG_K_TH_ENTRY] = {"thoken_entry", THE__N, the_fields},
    [HG_K_TH_RESULT] = {"thoken_result", THR__N, thr_fields},
};
