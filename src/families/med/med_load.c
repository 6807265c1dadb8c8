/* hicgen — 医科・DPC family: loading its parameters (specs/model/med.yaml) and the DPC master
 * (masters/med/dpc.csv). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med.h"
#include "hicgen/alloc.h"
#include "hicgen/mrow.h"
#include "hicgen/num.h"

#define MED(path, type, ...) HG_P_##type(path, hg_med, __VA_ARGS__)
#define CODE(path, f)        MED("codes." path, CUSTOM, codes.f, hg_p_act_code)
#define CODES(path, f)                                                                             \
    MED("codes." path, CUSTOM, codes.f, act_codes, .n = HG_NELEM(((hg_med *)0)->codes.f))
#define HG_NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A list of 診療行為 codes into consecutive ints (the param's n gives how many). */
static int act_codes(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    int *out = (int *)(base + p->off), len = hg_yseq_len(n), rc = 0;
    if (len != p->n) {
        hg_yerr(b->y, b->d, n, "expected a list of %d 診療行為 codes", p->n);
        return -1;
    }
    for (int i = 0; i < len; i++) {
        hg_param one = *p;
        one.off = p->off + (size_t)i * sizeof(int);
        if (hg_p_act_code(b, hg_yseq_at(b->y, n, i), base, &one)) rc = -1;
    }
    (void)out;
    return rc;
}

/* Rows of ncodes 診療行為 codes and a share (outpatient.lab_panel, outpatient.companions): the
 * codes' master rows go to the ints at rows_off (row i, code j at i * ncodes + j), the shares to
 * the doubles at shares_off, the number of rows to the int at count_off. shape names a row in
 * messages. */
static int share_rows(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p, int ncodes,
                      int max, size_t rows_off, size_t shares_off, size_t ages_off,
                      size_t count_off, const char *shape)
{
    int len = hg_yseq_len(n), rc = 0;
    if (len < 0 || len > max) {
        hg_yerr(b->y, b->d, n, "expected a list of at most %d rows %s", max, shape);
        return -1;
    }
    for (int i = 0; i < len; i++) {
        yaml_node_t *row = hg_yseq_at(b->y, n, i);
        double x;
        int len_row = hg_yseq_len(row);
        if (len_row != ncodes + 1 && !(ages_off && len_row == ncodes + 3)) {
            hg_yerr(b->y, b->d, row, "expected %s", shape);
            rc = -1;
            continue;
        }
        for (int j = 0; j < ncodes; j++) {
            hg_param one = *p;
            one.off = rows_off + ((size_t)i * (size_t)ncodes + (size_t)j) * sizeof(int);
            if (hg_p_act_code(b, hg_yseq_at(b->y, row, j), base, &one)) rc = -1;
        }
        if (hg_ydouble(b->y, b->d, hg_yseq_at(b->y, row, ncodes), &x)) {
            rc = -1;
        } else if (!(x >= 0 && x <= 1)) {
            hg_yerr(b->y, b->d, row, "the share %g must be from 0 to 1", x);
            rc = -1;
        }
        ((double *)(base + shares_off))[i] = x;
        if (!ages_off) continue;
        /* optional ages: from the first, below the second (all ages when absent) */
        int *ages = (int *)(base + ages_off) + 2 * i;
        ages[0] = 0, ages[1] = 1000;
        for (int j = 0; len_row == ncodes + 3 && j < 2; j++) {
            double a;
            if (hg_ydouble(b->y, b->d, hg_yseq_at(b->y, row, ncodes + 1 + j), &a)) {
                rc = -1;
            } else if (!(a >= 0 && a <= 1000 && a == (int)a)) {
                hg_yerr(b->y, b->d, row, "an age must be a whole number of years, 0 to 1000");
                rc = -1;
            } else {
                ages[j] = (int)a;
            }
        }
        if (ages[0] >= ages[1]) {
            hg_yerr(b->y, b->d, row,
                    "the ages [%d, %d) hold no one: the first must be below "
                    "the second",
                    ages[0], ages[1]);
            rc = -1;
        }
    }
    *(int *)(base + count_off) = len;
    return rc;
}

/* outpatient.lab_panel: rows [診療行為 code, share of blood-test days with it]. */
static int lab_panel(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return share_rows(b, n, base, p, 1, MED_PANEL_MAX, offsetof(hg_med, mp.panel_row),
                      offsetof(hg_med, mp.panel_p), 0, offsetof(hg_med, mp.npanel),
                      "[診療行為 code, share of blood-test days]");
}

/* outpatient.companions: rows [診療行為 code, code of its companion, share of the act's days
 * with the companion], optionally followed by the ages it applies to [from, below). */
static int companions(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return share_rows(b, n, base, p, 2, MED_COMPANION_MAX, offsetof(hg_med, mp.comp_row),
                      offsetof(hg_med, mp.comp_p), offsetof(hg_med, mp.comp_ages),
                      offsetof(hg_med, mp.ncomp),
                      "[診療行為 code, companion code, share of its days] or the same with "
                      "[…, age from, age below]");
}

/* A list of code prefixes (digits, at most 7) into char[p->n][8] at p->off, counted at
 * p->count_off: self_injection.meter_yj (薬価基準コード) and codes.management_ident_prefixes
 * (診療行為コード). */
static int digit_prefixes(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    char(*out)[8] = (char(*)[8])(base + p->off);
    int len = hg_yseq_len(n);
    if (len < 1 || len > p->n) {
        hg_yerr(b->y, b->d, n, "expected a list of 1 to %d code prefixes", p->n);
        return -1;
    }
    for (int i = 0; i < len; i++) {
        yaml_node_t *x = hg_yseq_at(b->y, n, i);
        const char *v = hg_ystr(x);
        size_t l = v ? strlen(v) : 0;
        if (!l || l >= sizeof out[i] || strspn(v, "0123456789") != l) {
            hg_yerr(b->y, b->d, x, "a code prefix is 1 to %d digits, like \"2492\"",
                    (int)sizeof out[i] - 1);
            return -1;
        }
        memcpy(out[i], v, l + 1);
    }
    *(int *)(base + p->count_off) = len;
    return 0;
}

static const hg_param med_params[] = {
    MED("outpatient.jitter_days", INT, mp.jitter, 0, 14),
    MED("outpatient.new_patient_days", INT, mp.new_patient_days, 0, 365),
    MED("outpatient.rx_min_interval", INT, mp.rx_min_interval, 1, 90),
    MED("outpatient.renew_prn", PROB, mp.renew_prn),
    MED("outpatient.acute_revisit_rx", PROB, mp.acute_revisit_rx),
    MED("outpatient.second_main", PROB, mp.second_main),
    MED("outpatient.time_addons", ROWS, mp.time, mp.ntime, 4, 0, 120),
    MED("outpatient.time_addons_return", ROWS, mp.time_ret, mp.ntime_ret, 4, 0, 120),
    MED("outpatient.evening", ROWS, mp.evening, mp.nevening, 3, 0, 120),
    MED("outpatient.triage", PROB, mp.triage_share),
    MED("outpatient.notified.meisaisho", PROB, mp.meisaisho_share),
    MED("outpatient.notified.kinou_kyouka", PROB, mp.kinou_share),
    MED("outpatient.notified.kansen_taisaku", PROB, mp.kansen_share),
    MED("outpatient.notified.kentai_kanri", PROB, mp.kentai_share),
    MED("outpatient.ippanmei", NUMS, mp.ippanmei_share, 0, 1),
    MED("outpatient.gairai_kanri", PROB, mp.gairai_kanri),
    MED("outpatient.tokutei_mgmt", PROB, mp.tokutei_mgmt),
    MED("outpatient.seikatsu_share", PROB, mp.seikatsu_share),
    MED("outpatient.dispense_tech", PROB, mp.dispense_tech),
    MED("outpatient.drug_info", PROB, mp.drug_info),
    MED("bundles", ROWS, mp.bundle, mp.nbundle, 3, 0, 100000),
    MED("outpatient.lab_panel", CUSTOM, mp.npanel, lab_panel),
    MED("outpatient.companions", CUSTOM, mp.ncomp, companions),
    MED("inpatient.meal_yen", INT, mp.meal_yen, 0, 10000),
    MED("inpatient.meals_per_day", INT, mp.meals_per_day, 0, 3),
    MED("inpatient.test_every_days", INT, mp.test_every_days, 1, 365),
    MED("inpatient.injection_days", INT, mp.injection_days, 0, 365),
    MED("inpatient.discharge_rx_days", INT, mp.discharge_rx_days, 1, 365),
    MED("inpatient.quantity_shape", NUM, mp.quantity_shape, 0.5, 1000),
    MED("inpatient.drug_quantity_shape", NUM, mp.drug_quantity_shape, 0.5, 1000),
    MED("inpatient.dpc_outside_idents", INTS, mp.dpc_outside, mp.ndpc_outside, 11, 99),
    MED("inpatient.dpc_outside_procedure_points", INT, mp.dpc_outside_proc_points, 1, 100000),
    MED("inpatient.continued_conditions", CUSTOM_N, mp.continued, mp.ncontinued, hg_p_cond_list, 8),
    MED("inpatient.continued_days", INTS, mp.continued_days, mp.ncontinued_days, 0, 6),
    MED("paediatrics_dept", INT, mp.paediatrics_dept, 1, 99),
    MED("paediatrics_until_age", INT, mp.paediatrics_until, 0, 20),
    MED("paediatric_fee.share", PROB, mp.paed_fee_share),
    MED("paediatric_fee.until_age", INT, mp.paed_fee_until, 0, 20),
    MED("paediatric_fee.includes_parts", INTS, mp.paed_parts, mp.npaed_parts, 0, 13),
    MED("paediatric_fee.with_slip", CUSTOM, codes.paed_fee[0], act_codes, .n = 2),
    MED("paediatric_fee.without_slip", CUSTOM, codes.paed_fee[1], act_codes, .n = 2),
    MED("paediatric_fee.time_first", CUSTOM, codes.paed_time[0], act_codes, .n = 3),
    MED("paediatric_fee.time_revisit", CUSTOM, codes.paed_time[1], act_codes, .n = 3),
    MED("paediatric_fee.kinou_kyouka", CUSTOM, codes.paed_kinou, hg_p_act_code),
    MED("paediatric_fee.billed_besides", CUSTOM, codes.paed_keep, act_codes, .n = 4),
    MED("facility_outpatient_keep", PROB, mp.facility_keep),
    MED("home_care.share_by_level", NUMS, mp.home_share, 0, 1),
    MED("home_care.residence_share", PROB, mp.home_residence),
    MED("home_care.visit_days", NUMS, mp.home_visit_days, 1, 28),
    MED("home_care.terminal_months", INT, mp.home_terminal_months, 0, 24),
    MED("self_injection.codes", CUSTOM, codes.self_inj, act_codes, .n = 2),
    MED("self_injection.meter", CUSTOM, codes.meter, hg_p_act_code),
    MED("self_injection.meter_yj", CUSTOM_N, mp.meter_yj, mp.nmeter_yj, digit_prefixes,
        HG_NELEM(((hg_med *)0)->mp.meter_yj)),
    MED("codes.management_ident_prefixes", CUSTOM_N, mgmt_prefix, nmgmt_prefix, digit_prefixes,
        HG_NELEM(((hg_med *)0)->mgmt_prefix)),
    MED("self_injection.meter_share", PROB, mp.meter_share),
    CODES("home_visit", home_visit),
    CODES("home_mgmt", home_mgmt),
    CODES("home_death", home_death),
    CODES("home_terminal", home_terminal),
    CODES("home_included", home_incl),
    CODES("base", base),
    CODES("infant", infant),
    CODES("time_first", time_add[0]),
    CODES("time_revisit", time_add[1]),
    CODES("time_outpatient_fee", time_add[2]),
    CODES("infant_time_first", infant_time[0]),
    CODES("infant_time_revisit", infant_time[1]),
    CODES("infant_time_outpatient_fee", infant_time[2]),
    CODE("outpatient_mgmt_add", mgmt_add),
    CODE("meisaisho", meisaisho),
    CODES("evening", evening),
    CODES("triage", triage),
    CODE("kinou_kyouka", kinou_kyouka),
    CODES("kansen_taisaku", kansen),
    CODE("kentai_kanri", kentai_kanri),
    CODES("kentai_judges", kentai_judge),
    CODES("tokutei_mgmt", tokutei_mgmt),
    CODES("seikatsu", seikatsu),
    CODES("rx_slip", rx_slip),
    CODES("rx_fee", rx_fee),
    CODES("dispense", dispense),
    CODE("dispense_tech", dispense_tech),
    CODE("drug_info", drug_info),
    CODES("ippanmei", ippanmei),
    CODES("rx_infant", rx_infant),
    CODES("tokutei_rx_1", tokutei_rx[0]),
    CODES("tokutei_rx_2", tokutei_rx[1]),
    CODE("blood_draw", blood_draw),
    CODE("blood_draw_infant", blood_draw_infant),
    CODES("drip", drip),
    MED("codes.suspected_modifier", CUSTOM, codes.suspected_modifier, hg_p_modifier_code),
    MED("codes.free_comment", INT, codes.free_comment, 800000000, 899999999),
};

/* What the receipt logic needs of the 診療行為 master: the 診療識別 of each act (from its 章
 * and 部 in the 点数表) and the 判断料 of each 検査等実施判断グループ (the act of the group whose
 * 検査等実施判断区分 is 2). */
static void master_roles(hg_med *md, const hg_model *m)
{
    const hg_mtab *t = &m->prac_act;
    int cc = hg_mtab_col(t, "cln_chap"), cp = hg_mtab_col(t, "cln_part");
    int cj = hg_mtab_col(t, "exam_oprtn_judge_div"),
        cg = hg_mtab_col(t, "exam_oprtn_judge_grp_div");
    /* 第2章 特掲診療料 部 → 診療識別: 1 医学管理等 13, 2 在宅医療 14, 3 検査 60, 4 画像診断 70,
     * 5 投薬 (処方料・処方箋料) 25/80, 6 注射 31, 7 リハビリテーション 80, 8 精神科専門療法 80,
     * 9 処置 40, 10 手術 50, 11 麻酔 54, 12 放射線治療 80, 13 病理診断 60 */
    static const int part_ident[] = {0, 13, 14, 60, 70, 25, 31, 80, 80, 40, 50, 54, 80, 60};
    md->act_ident = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->act_ident);
    md->act_cap = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->act_cap);
    md->act_inout = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->act_inout);
    int cu = hg_mtab_col(t, "ult_upr_times"), ck = hg_mtab_col(t, "prac_act_cd");
    int cio = hg_mtab_col(t, "in_out_appl_div");
    for (int i = 0; i < 100; i++) md->judge[i] = -1;
    for (int r = 0; r < t->nrows; r++) {
        /* 上限回数: how many times a month the act may be billed (0: no limit) */
        md->act_cap[r] = cu >= 0 ? atoi(hg_mtab_cell(t, r, cu)) : 0;
        int io = cio >= 0 ? atoi(hg_mtab_cell(t, r, cio)) : 0;
        md->act_inout[r] = (unsigned char)(io == 1 || io == 2 ? io : 0);
        int chap = cc >= 0 ? atoi(hg_mtab_cell(t, r, cc)) : 2;
        int part = cp >= 0 ? atoi(hg_mtab_cell(t, r, cp)) : 0;
        /* 第1章 基本診療料: 入院料等 90, else 再診 12; but codes of med.yaml
         * codes.management_ident_prefixes are 13 (医学管理等) */
        const char *code = ck >= 0 ? hg_mtab_cell(t, r, ck) : "";
        int mgmt_section = 0;
        for (int i = 0; i < md->nmgmt_prefix && !mgmt_section; i++)
            mgmt_section = !strncmp(code, md->mgmt_prefix[i], strlen(md->mgmt_prefix[i]));
        md->act_ident[r] = chap == 1 && mgmt_section ? 13
                           : chap == 1               ? (part == 2 ? 90 : 12)
                           : part >= 1 && part <= 13 ? part_ident[part]
                                                     : 80;
        if (cj >= 0 && cg >= 0 && atoi(hg_mtab_cell(t, r, cj)) == 2) {
            int g = atoi(hg_mtab_cell(t, r, cg));
            if (g > 0 && g < 100) md->judge[g] = r;
        }
    }
    /* what the receipt logic reads of every row, once (a column lookup by name per act was a
     * tenth of the generation time) */
    md->act = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->act);
    int ci = hg_mtab_col(t, "incl_exam"), cd = hg_mtab_col(t, "cln_div_no"),
        co = hg_mtab_col(t, "outpt_mng_add_div");
    for (int r = 0; r < t->nrows; r++) {
        med_act *a = &md->act[r];
        int part = cp >= 0 ? atoi(hg_mtab_cell(t, r, cp)) : 0;
        int div = cd >= 0 ? atoi(hg_mtab_cell(t, r, cd)) : -1;
        a->bundle = (short)(ci >= 0 ? atoi(hg_mtab_cell(t, r, ci)) : 0);
        a->blood = part == 3 && div >= 5 && div <= 15;
        a->blocks_mgmt = co >= 0 && atoi(hg_mtab_cell(t, r, co)) == 1;
        int chap = cc >= 0 ? atoi(hg_mtab_cell(t, r, cc)) : 2;
        a->part = (char)(chap == 1 ? 0 : part);
        a->route = (char)(div == 0 ? 31 : div == 1 ? 32 : 33);
        a->judge = -1;
        if (cj >= 0 && cg >= 0 && atoi(hg_mtab_cell(t, r, cj)) == 1) {
            int g = atoi(hg_mtab_cell(t, r, cg));
            if (g > 0 && g < 100) a->judge = (short)md->judge[g];
        }
    }
    /* the base fees' own 診療識別: 初診 11, 再診 and 外来診療料 12 */
    if (md->codes.base[0] >= 0) md->act_ident[md->codes.base[0]] = 11;
    if (md->codes.evening[0] >= 0) md->act_ident[md->codes.evening[0]] = 11;
    for (int i = 0; i < 3; i++) {
        if (md->codes.infant[i] >= 0) md->act_ident[md->codes.infant[i]] = i ? 12 : 11;
        for (int j = 0; j < 3; j++) {
            if (md->codes.time_add[i][j] >= 0)
                md->act_ident[md->codes.time_add[i][j]] = i ? 12 : 11;
            if (md->codes.infant_time[i][j] >= 0)
                md->act_ident[md->codes.infant_time[i][j]] = i ? 12 : 11;
        }
    }
    const hg_med_codes *k = &md->codes;
    int *only = md->paed_only, n = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) only[n++] = k->paed_fee[i][j];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) only[n++] = k->paed_time[i][j];
    only[n++] = k->paed_kinou;
    for (int i = 0; i < 4; i++) only[n++] = k->paed_keep[i];
    md->npaed_only = n;
}

/* A whole number in [lo, hi] in a cell of the DPC master, or -1 after reporting. */
static int cell_int(const hg_mtab *t, int row, const char *col, int lo, int hi, hg_diag *d)
{
    const char *s = hg_mtab_cell(t, row, hg_mtab_col(t, col));
    long long v;
    if (hg_parse_int(s, &v) || v < lo || v > hi) {
        hg_diag_at(d, t->file, t->lines[row], 0, "%s '%s' must be a whole number from %d to %d",
                   col, s, lo, hi);
        return -1;
    }
    return (int)v;
}

/* masters/med/dpc.csv: the DPC codes a DPC hospital bills per day: a condition's (role cond,
 * from min_age on admission) and those of procedures (role proc: stay_procedures.csv). */
static void load_dpc(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "dpc.csv");
    static const char *const req[] = {"dpc_cd",  "name",    "cond",    "role",  "min_age",
                                      "icd10",   "mdc_cd",  "days1",   "days2", "days3",
                                      "points1", "points2", "points3", NULL};
    static const char *const roles[] = {"cond", "proc", NULL};
    if (hg_mtab_load(&md->dpc_tab, "dpc", path, req, 1, d)) return;
    hg_mtab *t = &md->dpc_tab;
    static const char *const dn[] = {"days1", "days2", "days3"};
    static const char *const pn[] = {"points1", "points2", "points3"};
    for (int r = 0; r < t->nrows; r++) {
        const char *code = hg_mtab_key(t, r);
        int role = hg_row_keyword(t, r, "role", roles, d);
        if (strlen(code) != 14) {
            hg_diag_at(d, t->file, t->lines[r], 0, "診断群分類番号 '%s' must have 14 characters",
                       code);
            continue;
        }
        if (role < 0) continue;
        hg_dpc x = {.row = r, .proc = role == 1};
        x.min_age = (int)hg_row_num(t, r, "min_age", 0, 120, 0, d);
        hg_row_text(t, r, "icd10", x.icd, sizeof x.icd, d);
        int bad = 0;
        if (x.proc && x.icd[0]) {
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "icd10") + 1,
                       "icd10 is for a condition's code (role cond); a procedure's code follows "
                       "the procedure");
            bad = 1;
        }
        for (int i = 0; i < 3; i++) {
            x.days[i] = cell_int(t, r, dn[i], 1, 999, d);
            x.points[i] = cell_int(t, r, pn[i], 1, 100000, d);
            bad |= x.days[i] < 0 || x.points[i] < 0;
        }
        if (!bad && !(x.days[0] < x.days[1] && x.days[1] < x.days[2])) {
            hg_diag_at(d, t->file, t->lines[r], 0, "days1 < days2 < days3 (入院期間 I, II, III)");
            bad = 1;
        }
        if (bad) continue;
        /* the conditions of the code (several share one: 上気道炎 for URTI|PHARYNGITIS) */
        const char *list = hg_row_cell(t, r, "cond");
        int nconds = 0;
        for (const char *s = list; *s;) {
            size_t n = strcspn(s, "|");
            char id[64];
            snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id - 1 ? n : sizeof id - 1), s);
            s += n + (s[n] == '|');
            int k = hg_model_cond(m, id);
            if (k < 0) {
                hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv", id);
                continue;
            }
            if (nconds++ && x.proc) {
                hg_diag_at(d, t->file, t->lines[r], 0, "a procedure's code has one condition");
                break;
            }
            int dup = 0;
            for (int i = 0; i < md->ndpc && !x.proc && !dup; i++)
                if (!md->dpc[i].proc && md->dpc[i].cond == k && md->dpc[i].min_age == x.min_age &&
                    !strcmp(md->dpc[i].icd, x.icd)) {
                    hg_diag_at(d, t->file, t->lines[r], 0,
                               "condition %s has two DPC codes from age %d%s%s (line %d)",
                               m->conds[k].id, x.min_age, x.icd[0] ? " for ICD-10 " : "", x.icd,
                               (int)t->lines[md->dpc[i].row]);
                    dup = 1;
                }
            if (dup) continue;
            hg_vec_reserve_((void **)&md->dpc, &md->dpc_cap, md->ndpc + 1, sizeof *md->dpc);
            x.cond = k;
            md->dpc[md->ndpc++] = x;
        }
        if (!nconds) hg_diag_at(d, t->file, t->lines[r], 0, "no condition for the code");
    }
}

/* The condition catalogue bills what a pathway calls for; the management fees the fee rules
 * bill (特定疾患療養管理料 with its monthly limit and setting, 生活習慣病管理料 with what it
 * includes) must not be billed again by a catalogue row, which knows neither. */
static void check_catalogue(const hg_med *md, const hg_model *m, hg_diag *d)
{
    static const char *const what[] = {"codes.tokutei_mgmt", "codes.seikatsu",
                                       "self_injection.codes", "self_injection.meter"};
    const int *rule[] = {md->codes.tokutei_mgmt, md->codes.seikatsu, md->codes.self_inj,
                         &md->codes.meter};
    const int nrule[] = {3, 3, 2, 1};
    for (int i = 0; i < m->nctests; i++)
        for (int w = 0; w < 4; w++)
            for (int j = 0; j < nrule[w]; j++)
                if (rule[w][j] >= 0 && m->ctests[i].act_row == rule[w][j])
                    hg_diag_at(d, m->tests_tab.file, m->ctests[i].line, 0,
                               "診療行為 %s is billed by the fee rules (med.yaml %s); remove "
                               "this row",
                               hg_mtab_key(&m->prac_act, rule[w][j]), what[w]);
}

/* The self-injected products (injections not given at the clinic): how often a month they
 * are injected (every interval days, or times_per_day every day) and whether their 薬価基準コード
 * starts with a meter_yj, so that the visits only look them up. */
static void self_injected_products(hg_med *md, const hg_model *m)
{
    md->self_inj = hg_xcalloc((size_t)m->nproducts + 1, sizeof *md->self_inj);
    int cy = hg_mtab_col(&m->medicine, "drug_price_std_cd");
    for (int i = 0; i < m->nproducts; i++) {
        const hg_product *x = &m->products[i];
        if (x->form != HG_FORM_INJECTION || x->clinic) continue;
        med_self_inj *s = &md->self_inj[i];
        s->doses = (short)(x->dose.interval > 0 ? (int)(28 / x->dose.interval)
                                                : 28 * (int)fmax(1, x->dose.times_per_day));
        if (x->med_row < 0 || cy < 0) continue;
        const char *yj = hg_mtab_cell(&m->medicine, x->med_row, cy);
        for (int j = 0; j < md->mp.nmeter_yj; j++)
            if (!strncmp(yj, md->mp.meter_yj[j], strlen(md->mp.meter_yj[j]))) s->meter = 1;
    }
}

int hg_med_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_med *md = hg_xcalloc(1, sizeof *md);
    *state = md;
    int before = d->nerrors;
    char path[4096];
    hg_path(path, sizeof path, p->specs_dir, "model", "med.yaml");
    hg_bind_file(path, "med", med_params, sizeof med_params / sizeof med_params[0], md, m, d);
    master_roles(md, m);
    check_catalogue(md, m, d);
    self_injected_products(md, m);
    load_dpc(md, m, p->masters_dir, d);
    md->skwd_name_col = hg_mtab_col(&m->skwd, "skwd_std_name");
    med_wards_load(md, m, p->masters_dir, d);
    med_procs_load(md, m, p->masters_dir, d);
    med_background_load(md, m, p->masters_dir, d);
    med_materials_load(md, m, p->masters_dir, d);
    return d->nerrors == before ? 0 : -1;
}

void hg_med_free(void *state)
{
    hg_med *md = state;
    if (!md) return;
    hg_mtab_free(&md->dpc_tab);
    med_background_free(md);
    med_materials_free(md);
    med_wards_free(md);
    med_procs_free(md);
    free(md->dpc);
    free(md->act_ident);
    free(md->act_inout);
    free(md->act_cap);
    free(md->act);
    free(md->self_inj);
    free(md);
}

int hg_med_masters(void *state, hg_mtab **out, int max)
{
    hg_med *md = state;
    if (max < 1 || !md->dpc_tab.kind.name) return 0;
    out[0] = &md->dpc_tab;
    return 1;
}
