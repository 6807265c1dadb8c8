/* hicgen — 特定健診 and 特定保健指導 records: the year's checkup (base, one exam row per item
 * of checkup.yaml's `items`) and, for those assigned 積極的 or 動機付け支援 who take it up, the
 * guidance (base, contacts, results). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/checkup/checkup.h"
#include "families/claims.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_TK_BASE, TKB);
HG_FIELD_TABLE(HG_REC_TK_EXAM, TKE);
HG_FIELD_TABLE(HG_REC_TH_BASE, THB);
HG_FIELD_TABLE(HG_REC_TH_ENTRY, THE);
HG_FIELD_TABLE(HG_REC_TH_RESULT, THR);

#define CK_KINDS(X)                                                                                \
    X(K_TK_BASE, "tokken_base", TKB)                                                               \
    X(K_TK_EXAM, "tokken_exam", TKE)                                                               \
    X(K_TH_BASE, "thoken_base", THB)                                                               \
    X(K_TH_ENTRY, "thoken_entry", THE)                                                             \
    X(K_TH_RESULT, "thoken_result", THR)
enum { CK_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind ck_kinds[K__N] = {CK_KINDS(HG_X_KIND)};

/* ---------------- the items written ---------------- */

/* What an exam item can carry: a measured value (first), or an answer code. */
/* clang-format off: it cannot keep an X-macro list one entry per line */
#define CK_VALUES(X)                                                                               \
    X(height)                                                                                      \
    X(weight)                                                                                      \
    X(bmi)                                                                                         \
    X(waist)                                                                                       \
    X(sbp)                                                                                         \
    X(dbp)                                                                                         \
    X(tg)                                                                                          \
    X(hdl)                                                                                         \
    X(ldl)                                                                                         \
    X(ast)                                                                                         \
    X(alt)                                                                                         \
    X(ggt)                                                                                         \
    X(fpg)                                                                                         \
    X(hba1c)                                                                                       \
    X(cr)                                                                                          \
    X(egfr)                                                                                        \
    X(urine_sugar)                                                                                 \
    X(urine_protein)                                                                               \
    X(metabo)                                                                                      \
    X(level)                                                                                       \
    X(meds_bp)                                                                                     \
    X(meds_glucose)                                                                                \
    X(meds_lipid)                                                                                  \
    X(history_stroke)                                                                              \
    X(history_heart)                                                                               \
    X(history_kidney)                                                                              \
    X(history_anaemia)                                                                             \
    X(smoking)                                                                                     \
    X(weight_gain_10kg)                                                                            \
    X(exercise_habit)                                                                              \
    X(walking_1h)                                                                                  \
    X(walking_fast)                                                                                \
    X(eating_fast)                                                                                 \
    X(dinner_before_bed)                                                                           \
    X(snacking)                                                                                    \
    X(skip_breakfast)                                                                              \
    X(sleep_enough)                                                                                \
    X(wants_guidance)                                                                              \
    X(drinking)                                                                                    \
    X(drinking_amount)                                                                             \
    X(improvement)
// clang-format on
#define CKV_ENUM(n) CKV_##n,
#define CKV_NAME(n) #n,
enum { CK_VALUES(CKV_ENUM) CKV__N };
static const char *const value_names[CKV__N + 1] = {CK_VALUES(CKV_NAME) NULL};
#define CKV_FIRST_CODE CKV_urine_sugar /* from here on, items carry answer codes */

int hg_ck_read_items(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_checkup_model *ck = (hg_checkup_model *)base;
    int len = hg_yseq_len(n), cap = (int)(sizeof ck->items / sizeof ck->items[0]);
    (void)p;
    if (len < 1 || len > cap) {
        hg_yerr(b->y, b->d, n, "items: a list of 1 to %d {code: ..., value: ...}", cap);
        return -1;
    }
    static const char *const keys[] = {"code", "value", NULL};
    int rc = 0;
    for (int i = 0; i < len; i++) {
        yaml_node_t *it = hg_yseq_at(b->y, n, i);
        if (hg_ykeys(b->y, b->d, it, "items", keys)) {
            rc = -1;
            continue;
        }
        int row = hg_bind_code(b, hg_yget(b->y, it, "code"), &ck->items_tab, "健診項目");
        yaml_node_t *vn = hg_yget(b->y, it, "value");
        const char *v = hg_ystr(vn);
        int k = 0;
        while (value_names[k] && (!v || strcmp(value_names[k], v))) k++;
        if (!value_names[k]) {
            hg_yerr(b->y, b->d, vn ? vn : it, "items: value '%s' is not one the model computes",
                    v ? v : "?");
            rc = -1;
        }
        if (row < 0) rc = -1;
        ck->items[i] = (hg_ck_item){row, k};
    }
    if (!rc) ck->nitems = len;
    return rc;
}

/* ---------------- answers ---------------- */

static int has_any(const hg_person *p, const int *conds, int n, int32_t date)
{
    for (int i = 0; i < n; i++) {
        if (hg_person_has(p, conds[i], date)) return 1;
        for (int e = 0; e < p->nepisodes; e++)
            if (p->episodes[e].cond == conds[i] && p->episodes[e].date <= date) return 1;
    }
    return 0;
}

/* Does the history show claims of a drug of class c (med_cls bit) within window months of ym? */
static int drug_claims(const hg_history *h, const unsigned char *med_cls, int c, int32_t ym,
                       int window)
{
    int idx = (ym / 100) * 12 + ym % 100;
    for (int i = 0; i < h->ndrugs; i++) {
        int j = (h->drugs[i].ym / 100) * 12 + h->drugs[i].ym % 100;
        if (abs(j - idx) <= window && (med_cls[h->drugs[i].med_row] & (1 << c))) return 1;
    }
    return 0;
}

static int yes_no(gsl_rng *r, double p)
{
    return gsl_rng_uniform(r) < p ? 1 : 2;
}

static int pick(gsl_rng *r, const double *w, int n)
{
    double u = gsl_rng_uniform(r), cum = 0, tot = 0;
    for (int i = 0; i < n; i++) tot += w[i];
    for (int i = 0; i < n; i++) {
        cum += w[i] / tot;
        if (u < cum) return i + 1;
    }
    return n;
}

/* ---------------- records ---------------- */

typedef struct ck_ctx {
    const hg_fx *fx;
    const hg_checkup_model *ck;
    const hg_person *p;
    char key[32], nendo[5];
    int32_t input_ym;
    int row;
    char rowbuf[8]; /* seq2_no of the row being formatted */
} ck_ctx;

static void ck_common(hg_value *v, ck_ctx *c)
{
    memset(v, 0, sizeof(hg_value) * HG_MAX_FIELDS);
    c->row++;
    snprintf(c->rowbuf, sizeof c->rowbuf, "%04d00", c->row % 10000);
    v[0] = hg_vstr(c->key);
    v[1] = hg_vstr(c->rowbuf);
    v[2] = hg_vstr(c->nendo);
    v[3] = hg_vdate(c->input_ym * 100 + 1);
    v[4] = hg_vint((int64_t)c->p->idx);
}

/* One 健診 item row: value (PQ) or code (CD), with the reference range and H/L flag. */
static void exam_item(ck_ctx *c, int r, double val, int code)
{
    const hg_mtab *it = &c->ck->items_tab;
    hg_value v[HG_MAX_FIELDS];
    ck_common(v, c);
    v[TKE_cd] = hg_vstr(hg_mtab_key(it, r));
    const char *unit = hg_mtab_cell(it, r, c->ck->col_unit);
    double lo = c->ck->lwr[r], hi = c->ck->upr[r];
    int has_lo = !isnan(lo), has_hi = !isnan(hi);
    char vc[2] = {(char)('0' + code % 10), '\0'};
    if (code) {
        v[TKE_value_cd] = hg_vstr(vc);
    } else {
        v[TKE_val] = hg_vdec(llround(val * 1000), 3);
        v[TKE_unit] = *unit ? hg_vstr(unit) : hg_vnull();
        if (has_lo) v[TKE_svl_lwr] = hg_vdec(llround(lo * 1000), 3);
        if (has_hi) v[TKE_svl_upr] = hg_vdec(llround(hi * 1000), 3);
        if (has_lo && *unit) v[TKE_lwr_unit] = hg_vstr(unit);
        if (has_hi && *unit) v[TKE_upr_unit] = hg_vstr(unit);
        v[TKE_eine_div] = hg_vstr(has_hi && val > hi ? "H" : has_lo && val < lo ? "L" : "N");
    }
    hg_fx_emit(c->fx, K_TK_EXAM, v);
}

/* What an item carries: its measured value (*val) or its answer code (returned; 0 for a
 * measured value, -1 when the item is not written for this person). */
static int item_value(int what, const hg_ck_values *x, const hg_ck_answers *a, int metabo,
                      int level, double *val)
{
    static const int core[] = {
        [CKV_bmi] = CK_BMI + 1,     [CKV_sbp] = CK_SBP + 1, [CKV_ldl] = CK_LDL + 1,
        [CKV_hba1c] = CK_HBA1C + 1, [CKV_tg] = CK_TG + 1,   [CKV_hdl] = CK_HDL + 1,
        [CKV_alt] = CK_ALT + 1,     [CKV_cr] = CK_CR + 1};
    if (what < CKV_FIRST_CODE) {
        const double derived[] = {
            [CKV_height] = x->height, [CKV_weight] = x->weight, [CKV_waist] = x->waist,
            [CKV_dbp] = x->dbp,       [CKV_ast] = x->ast,       [CKV_ggt] = x->ggt,
            [CKV_fpg] = x->fpg,       [CKV_egfr] = x->egfr};
        *val = (size_t)what < sizeof core / sizeof core[0] && core[what] ? x->v[core[what] - 1]
                                                                         : derived[what];
        return 0;
    }
    switch (what) {
    case CKV_urine_sugar:
        return x->urine_sugar;
    case CKV_urine_protein:
        return x->urine_protein;
    case CKV_metabo:
        return metabo;
    case CKV_level:
        return level;
    case CKV_meds_bp:
    case CKV_meds_glucose:
    case CKV_meds_lipid:
        return a->meds[what - CKV_meds_bp];
    case CKV_history_stroke:
    case CKV_history_heart:
    case CKV_history_kidney:
    case CKV_history_anaemia:
        return a->history[what - CKV_history_stroke];
    case CKV_smoking:
        return a->smoking;
    case CKV_drinking:
        return a->other[10];
    /* 飲酒: 1 毎日, 2 時々, 3 ほとんど飲まない — no amount for those who hardly drink */
    case CKV_drinking_amount:
        return a->other[10] == 3 ? -1 : a->other[11];
    case CKV_improvement:
        return a->other[12];
    default:
        return a->other[what - CKV_weight_gain_10kg]; /* the yes/no items, in order */
    }
}

static void base_ids(hg_value *v, int id1, const hg_person *p, const hg_spell *s, int32_t date,
                     int age, char *b5, char *b10)
{
    const hg_name *nm = hg_person_name(p, date);
    hg_age_bands(age, b5, b10);
    v[id1] = hg_vstr(s->id1);
    v[id1 + 1] = hg_vstr(s->id1n);
    v[id1 + 2] = hg_vstr(nm->id2);
    v[id1 + 3] = hg_vstr(p->id5);
}

/* The checkup institution (the person's home clinic) as the NDB writes it. */
typedef struct ck_inst {
    char org[11], anon[11];
} ck_inst;

static void ck_institution(const hg_fx *fx, const hg_person *p, ck_inst *out)
{
    hg_inst in;
    hg_inst_get(fx->m, fx->seed, p->pref, HG_INST_CLINIC, p->home_clinic, &in);
    snprintf(out->org, sizeof out->org, "%02d1%s", p->pref, in.org);
    snprintf(out->anon, sizeof out->anon, "%.3s%s", "hg_", in.anon);
}

/* One result row of the guidance. */
static void guidance_result(ck_ctx *g, const char *cd, int32_t date, hg_value *v)
{
    v[THR_cd] = hg_vstr(cd);
    v[THR_date] = hg_vdate(date);
    hg_fx_emit(g->fx, K_TH_RESULT, v);
}

/* 特定保健指導 for one checkup's level (1 積極的, 2 動機付け). */
static void guidance(ck_ctx *c, const hg_spell *s, int32_t date, int level, int age,
                     const hg_ck_values *x, gsl_rng *r, const char *checkup_key)
{
    const hg_checkup_model *ck = c->ck;
    const hg_person *p = c->p;
    const hg_period *per = c->fx->per;
    if (gsl_rng_uniform(r) >= ck->uptake) return;
    int spread = ck->contact_days[1] - ck->contact_days[0] + 1;
    int32_t first = hg_ymd(hg_days(date) + ck->contact_days[0] +
                           (int)gsl_rng_uniform_int(r, (unsigned long)spread));
    int completes = gsl_rng_uniform(r) < ck->completion;
    int32_t eval = hg_ymd(hg_days(first) + 30 * ck->eval_months);
    if (first > per->end || (p->death && first >= p->death)) return;
    if (hg_person_spell(p, first) != s) return; /* the insurer that ran the checkup */
    ck_ctx g = *c;
    snprintf(g.key, sizeof g.key, "H%010llu%s", (unsigned long long)p->idx, c->nendo);
    g.row = 0;
    g.input_ym = hg_ym_add(first / 100, 2);
    hg_value v[HG_MAX_FIELDS];
    char b5[4], b10[4];
    ck_inst in;
    ck_institution(c->fx, p, &in);
    ck_common(v, &g);
    base_ids(v, THB_id1, p, s, first, age, b5, b10);
    v[THB_age] = hg_vint(age);
    v[THB_sex_cd] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[THB_birth] = hg_vdate(p->birth);
    v[THB_date] = hg_vdate(first);
    v[THB_inst_org] = hg_vstr(in.org);
    v[THB_inst] = hg_vstr(in.anon);
    v[THB_insurer_no_org] = hg_vstr(s->insurer_no);
    v[THB_insurer_no] = hg_vstr(s->insurer_anon);
    v[THB_rpt_div] =
        hg_vstr(completes && eval <= per->end ? ck->report_evaluated : ck->report_started);
    v[THB_age_band5] = hg_vstr(b5);
    v[THB_age_band10] = hg_vstr(b10);
    v[THB_checkup_key] = hg_vstr(checkup_key);
    hg_fx_emit(c->fx, K_TH_BASE, v);
    /* support contacts: the first interview, then (積極的) monthly support */
    int contacts = level == 1 ? ck->contacts_intensive : 1;
    for (int k = 0; k < contacts; k++) {
        int32_t d = hg_ymd(hg_days(first) + ck->contact_interval * k);
        if (d > per->end || (k > 0 && !completes)) break;
        ck_common(v, &g);
        v[THE_form_cd] =
            hg_vstr(k == 0 ? hg_choice_pick(&ck->first_forms, gsl_rng_uniform(r)) : ck->later_form);
        v[THE_date] = hg_vdate(d);
        v[THE_efrcr_cd] = hg_vstr(hg_choice_pick(&ck->staff, gsl_rng_uniform(r)));
        hg_fx_emit(c->fx, K_TH_ENTRY, v);
    }
    char lv[2] = {(char)('0' + level), '\0'};
    char stage[2] = {(char)('1' + gsl_rng_uniform_int(r, 5)), '\0'}; /* 行動変容ステージ 1-5 */
    ck_common(v, &g);
    v[THR_value] = hg_vstr(lv);
    guidance_result(&g, ck->result_level, first, v);
    ck_common(v, &g);
    v[THR_value] = hg_vstr(stage);
    guidance_result(&g, ck->result_stage, first, v);
    ck_common(v, &g);
    v[THR_val] = hg_vdec(llround((x->waist + ck->waist_change) * 1000), 3);
    v[THR_unit] = hg_vstr("cm");
    guidance_result(&g, ck->result_waist, first, v);
    ck_common(v, &g);
    v[THR_time_val] = hg_vint(ck->minutes[gsl_rng_uniform_int(r, (unsigned long)ck->nminutes)]);
    v[THR_time_unit] = hg_vstr("min");
    guidance_result(&g, ck->result_minutes, first, v);
}

/* The checkup's base record. */
static void checkup_base(ck_ctx *c, const hg_spell *s, int32_t date, int age, int fy, int level)
{
    const hg_person *p = c->p;
    hg_value v[HG_MAX_FIELDS];
    char b5[4], b10[4], ticket[12];
    ck_common(v, c);
    base_ids(v, TKB_id1, p, s, date, age, b5, b10);
    snprintf(ticket, sizeof ticket, "%011llu",
             (unsigned long long)(hg_mix64(p->idx ^ (uint64_t)fy) % 100000000000ULL));
    ck_inst in;
    ck_institution(c->fx, p, &in);
    v[TKB_age] = hg_vint(age);
    v[TKB_sex_cd] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[TKB_birth] = hg_vdate(p->birth);
    v[TKB_ticket_no] = hg_vstr(ticket);
    v[TKB_date] = hg_vdate(date);
    v[TKB_inst_org] = hg_vstr(in.org);
    v[TKB_inst] = hg_vstr(in.anon);
    v[TKB_insurer_no_org] = hg_vstr(s->insurer_no);
    v[TKB_insurer_no] = hg_vstr(s->insurer_anon);
    v[TKB_age_band5] = hg_vstr(b5);
    v[TKB_age_band10] = hg_vstr(b10);
    v[TKB_level] = hg_vint(level);
    hg_fx_emit(c->fx, K_TK_BASE, v);
}

/* The checkup of fiscal year fy, if the person has one; returns its date or 0. */
static int32_t checkup_date(const hg_fx *fx, const hg_person *p, int fy, int32_t *ym,
                            const hg_spell **sp)
{
    const hg_checkup_model *ck = fx->state;
    const hg_period *per = fx->per;
    gsl_rng *r = fx->r;
    hg_rng_stream(r, fx->seed, p->idx, hg_stream(HG_S_CHECKUP) + (uint64_t)fy);
    int age_end = hg_age(p->birth, (fy + 1) * 10000 + 331);
    int mo = (int)gsl_ran_discrete(r, ck->month_t); /* 0 = April */
    *ym = hg_ym_add(fy * 100 + 4, mo);
    int32_t date = *ym * 100 + 1 +
                   (int)gsl_rng_uniform_int(r, (unsigned long)hg_month_days(*ym / 100, *ym % 100));
    double u = gsl_rng_uniform(r);
    if (age_end < ck->age_from || age_end > ck->age_to) return 0;
    if (date < per->start || date > per->end || (p->death && date >= p->death)) return 0;
    const hg_spell *s = hg_person_spell(p, date);
    if (!s || s->type == HG_INS_KOUKI || s->type == HG_INS_SEIHO) return 0;
    if (u >= ck->part[s->type] * ck->sex_factor[p->sex]) return 0;
    if (hg_person_in_stay(p, date)) return 0;
    *sp = s;
    return date;
}

/* One year's checkup: values, rules, records, and guidance when assigned. */
static void checkup_year(const hg_fx *fx, const hg_person *p, int fy, const hg_ck_answers *life)
{
    const hg_checkup_model *ck = fx->state;
    int32_t ym;
    const hg_spell *s = NULL;
    int32_t date = checkup_date(fx, p, fy, &ym, &s);
    if (!date) return;
    int age = hg_age(p->birth, date);
    hg_ck_answers a = *life;
    for (int i = 0; i < 3; i++)
        a.meds[i] = drug_claims(fx->h, ck->med_cls, i, ym, ck->window) ? 1 : 2;
    for (int i = 0; i < 4; i++) a.history[i] = has_any(p, ck->hist[i], ck->nhist[i], date) ? 1 : 2;
    hg_ck_values x;
    hg_ck_simulate(fx->m, ck, p, age, date, life->other[10] == 1, fx->r, &x);
    int level = hg_ck_level(&ck->th, p->sex, age, &x, &a);
    int metabo = hg_ck_metabo(&ck->th, p->sex, &x);

    ck_ctx c = {.fx = fx, .ck = ck, .p = p};
    snprintf(c.key, sizeof c.key, "K%010llu%04d", (unsigned long long)p->idx, fy);
    snprintf(c.nendo, sizeof c.nendo, "%04u", (unsigned)fy % 10000u);
    c.input_ym = hg_ym_add(ym, 2);
    checkup_base(&c, s, date, age, fy, level);
    for (int i = 0; i < ck->nitems; i++) {
        double val = 0;
        int code = item_value(ck->items[i].value, &x, &a, metabo, level, &val);
        if (code >= 0) exam_item(&c, ck->items[i].row, val, code);
    }
    if (level <= 2) guidance(&c, s, date, level, age, &x, fx->r, c.key);
}

static void ck_emit(const hg_fx *fx, const hg_person *p)
{
    const hg_checkup_model *ck = fx->state;
    const hg_period *per = fx->per;
    gsl_rng *r = fx->r;
    /* person-level lifestyle: stable from year to year */
    hg_rng_stream(r, fx->seed, p->idx, hg_stream(HG_S_LIFESTYLE));
    hg_ck_answers life;
    memset(&life, 0, sizeof life);
    life.smoking = yes_no(r, ck->smoking[p->sex]);
    for (int i = 0; i < 10; i++) life.other[i] = yes_no(r, ck->q_yes[i]);
    life.other[10] = pick(r, ck->drinking, 3);
    life.other[11] = pick(r, ck->drinking_amount, 4);
    life.other[12] = 1 + (int)gsl_rng_uniform_int(r, 5); /* 改善意志 1-5 */
    int32_t fy_first = per->start_ym % 100 >= 4 ? per->start_ym / 100 : per->start_ym / 100 - 1;
    int32_t last_ym = hg_ym_add(per->start_ym, per->months - 1);
    for (int fy = fy_first; fy * 100 + 4 <= last_ym; fy++) checkup_year(fx, p, fy, &life);
}

const hg_family hg_family_checkup = {
    .name = "checkup",
    .title = "特定健診・特定保健指導",
    .kinds = ck_kinds,
    .nkinds = K__N,
    .reads = HG_HIST_DRUGS,
    .load = hg_checkup_load,
    .free = hg_checkup_free,
    .masters = hg_checkup_masters,
    .emit = ck_emit,
};
