/* hicgen — 医科 receipts. A receipt is built in memory (units of detail lines, disease rows),
 * then emitted in the order of the 電子レセプト file: IR, RE, HO/KO, SY, SI/IY by 診療識別, CO. */
#include "families/med/med.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/kaigo/kaigo.h"
#include "families/claims.h"
#include "hicgen/date.h"
#include "hicgen/records.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

#define MAX_UNITS  160
#define MAX_LINES  320
#define MAX_SY     48
#define MAX_VISITS 48

enum { V_REGULAR, V_CANCER, V_ACUTE_FIRST, V_ACUTE_AGAIN };

typedef struct visit {
    int32_t date;
    int inst; /* clinic or hospital number */
    int hospital;
    int kind;
    int episode; /* acute episode index, or -1 */
    int dept;    /* 診療科 */
} visit;

typedef struct unit {
    int rec;   /* HG_K_MED_SI, _IY or _CO */
    int ident; /* 診療識別 */
    int64_t key;
    int score;
    int times;
    int first, n; /* lines */
    int incl;     /* DPC: included in the per-day 包括 points (shown as coding data) */
    unsigned short days[31];
} unit;

typedef struct line {
    int row; /* master row (診療行為 or 医薬品), or comment code for CO */
    int64_t amount_1e5;
} line;

typedef struct sydis {
    int dis_row;
    int32_t start;
    int outcome;
    int suspect;
} sydis;

typedef struct receipt {
    int nunits, nlines, nsy;
    unit u[MAX_UNITS];
    line l[MAX_LINES];
    sydis sy[MAX_SY];
    unsigned visit_days; /* bit d-1: a visit or hospital day on day d */
} receipt;

typedef struct ctx {
    const hg_model *m;
    const hg_period *per;
    uint64_t seed;
    const hg_person *p;
    gsl_rng *r;
    hg_emitter *e;
    int mi; /* month index */
    int32_t ym, ms, me;
    int nrcpt;                /* receipts this month */
    hg_med_out *out;          /* prescriptions and drug claims, for the other families */
    int cad[2][100];          /* [cancer][dept]: months between regular visits, 0 = none */
    int32_t earliest[2][100]; /* [cancer][dept]: earliest onset of those conditions */
    receipt rc;
} ctx;

int hg_drug_points(int64_t yen_1e7)
{
    const int64_t unit = 10000000;
    if (yen_1e7 <= 15 * unit) return 1;
    return 1 + (int)((yen_1e7 - 15 * unit + 10 * unit - 1) / (10 * unit));
}

/* ---- building ---- */

static unit *find_unit(receipt *rc, int rec, int64_t key)
{
    for (int i = 0; i < rc->nunits; i++)
        if (rc->u[i].rec == rec && rc->u[i].key == key) return &rc->u[i];
    return NULL;
}

static unit *new_unit(receipt *rc, int rec, int ident, int64_t key, int score)
{
    if (rc->nunits == MAX_UNITS) return NULL;
    unit *u = &rc->u[rc->nunits++];
    memset(u, 0, sizeof *u);
    u->rec = rec;
    u->ident = ident;
    u->key = key;
    u->score = score;
    u->first = rc->nlines;
    return u;
}

static void add_line(receipt *rc, unit *u, int row, int64_t amount)
{
    if (rc->nlines == MAX_LINES) return;
    rc->l[rc->nlines].row = row;
    rc->l[rc->nlines].amount_1e5 = amount;
    rc->nlines++;
    u->n++;
}

/* A 診療行為 on day (1-31), count times. Returns the unit. */
static unit *add_si(ctx *c, int ident, int act_row, int day, int count)
{
    if (act_row < 0) return NULL;
    int64_t key = (int64_t)ident << 32 | act_row;
    unit *u = find_unit(&c->rc, HG_K_MED_SI, key);
    if (!u) {
        u = new_unit(&c->rc, HG_K_MED_SI, ident, key, c->m->act_points[act_row]);
        if (!u) return NULL;
        add_line(&c->rc, u, act_row, 0);
    }
    u->times += count;
    u->days[day - 1] = (unsigned short)(u->days[day - 1] + count);
    return u;
}

static int has_si(ctx *c, int ident, int act_row)
{
    return find_unit(&c->rc, HG_K_MED_SI, (int64_t)ident << 32 | act_row) != NULL;
}

/* Does the person's regimen for condition k have drugs of this form? */
static int regimen_has_form(const hg_model *m, int k, int reg, int form)
{
    const hg_condition *cd = &m->conds[k];
    if (reg < 0) return 0;
    for (int i = 0; i < cd->reg_len[reg]; i++)
        if (m->regdrugs[cd->reg_first[reg] + i].form == form) return 1;
    return 0;
}

/* One 剤 of a regimen's drugs of the given form. quantity: days (内服), doses per day (注射),
 * or 1 (外用: the amount is the whole quantity). */
static int add_rx_tag(ctx *c, int cond, int regimen, int form, int day, int quantity, int tag);

static int add_rx(ctx *c, int cond, int regimen, int form, int day, int quantity)
{
    return add_rx_tag(c, cond, regimen, form, day, quantity, 0);
}

/* tag separates otherwise identical 剤, e.g. a discharge prescription from the ward's drugs */
static int add_rx_tag(ctx *c, int cond, int regimen, int form, int day, int quantity, int tag)
{
    const hg_condition *cd = &c->m->conds[cond];
    if (regimen < 0 || cd->reg_len[regimen] == 0) return 0;
    static const int ident_of_form[] = {0, 21, 22, 23, 33};
    int64_t key =
        (int64_t)tag << 52 | (int64_t)1 << 48 | (int64_t)form << 40 | (int64_t)cond << 8 | regimen;
    unit *u = find_unit(&c->rc, HG_K_MED_IY, key);
    if (!u) {
        if (!regimen_has_form(c->m, cond, regimen, form)) return 0;
        int64_t yen = hg_regimen_yen(c->m, cond, regimen, form);
        u = new_unit(&c->rc, HG_K_MED_IY, ident_of_form[form], key, hg_drug_points(yen));
        if (!u) return 0;
        for (int i = 0; i < cd->reg_len[regimen]; i++) {
            const hg_regimen_drug *g = &c->m->regdrugs[cd->reg_first[regimen] + i];
            if (g->form == form) add_line(&c->rc, u, g->med_row, g->amount_1e5);
        }
    }
    u->times += quantity;
    u->days[day - 1] = (unsigned short)(u->days[day - 1] + quantity);
    if (c->out) hg_claim_log_add(&c->out->claims, c->ym, cond);
    return 1;
}

static void add_comment(ctx *c, int ident, int day)
{
    unit *u = new_unit(&c->rc, HG_K_MED_CO, ident, (int64_t)3 << 48 | day, 0);
    if (u) add_line(&c->rc, u, c->m->codes.free_comment, 0);
}

static void add_sy(receipt *rc, int dis_row, int32_t start, int outcome, int suspect)
{
    for (int i = 0; i < rc->nsy; i++)
        if (rc->sy[i].dis_row == dis_row && rc->sy[i].suspect == suspect) {
            if (outcome > rc->sy[i].outcome) rc->sy[i].outcome = outcome;
            return;
        }
    if (rc->nsy == MAX_SY) return;
    rc->sy[rc->nsy++] = (sydis){dis_row, start, outcome, suspect};
}

/* Routine tests of condition k on day: each when due and drawn; blood draw and 判断料 follow. */
static void add_tests(ctx *c, int k, int day, int due_any)
{
    const hg_condition *cd = &c->m->conds[k];
    int blood = 0;
    for (int i = 0; i < cd->ntests; i++) {
        const hg_test *t = &c->m->tests[cd->test_first + i];
        int due = due_any || (c->mi + c->p->visit_phase) % t->every == 0;
        double u = gsl_rng_uniform(c->r);
        if (!due || u >= t->prob) continue;
        int ident = strncmp(hg_mtab_cell(&c->m->prac_act, t->act_row, 0), "17", 2) == 0 ? 70 : 60;
        unit *have = find_unit(&c->rc, HG_K_MED_SI, (int64_t)ident << 32 | t->act_row);
        if (have && have->days[day - 1]) continue; /* once a day */
        add_si(c, ident, t->act_row, day, 1);
        blood |= t->blood;
        if (t->judge_row >= 0 && !has_si(c, 60, t->judge_row)) add_si(c, 60, t->judge_row, day, 1);
    }
    unit *bd = find_unit(&c->rc, HG_K_MED_SI, (int64_t)60 << 32 | c->m->codes.blood_draw);
    if (blood && !(bd && bd->days[day - 1])) add_si(c, 60, c->m->codes.blood_draw, day, 1);
}

/* ---- emitting ---- */

static int cmp_unit_ident(const void *a, const void *b)
{
    const unit *x = a, *y = b;
    int ra = x->rec == HG_K_MED_CO, rb = y->rec == HG_K_MED_CO;
    if (ra != rb) return ra - rb; /* comments last */
    if (x->ident != y->ident) return x->ident - y->ident;
    return x->first - y->first; /* stable: creation order */
}

/* Record kinds of a receipt family: 医科 or DPC share the record shapes. */
enum { F_IR, F_RE, F_HO, F_KO, F_SY, F_SI, F_IY, F_CO, F_N };
static const int med_kinds[F_N] = {HG_K_MED_IR, HG_K_MED_RE, HG_K_MED_HO, HG_K_MED_KO,
                                   HG_K_MED_SY, HG_K_MED_SI, HG_K_MED_IY, HG_K_MED_CO};
static const int dpc_kinds[F_N] = {HG_K_DPC_IR, HG_K_DPC_RE, HG_K_DPC_HO, HG_K_DPC_KO,
                                   HG_K_DPC_SY, HG_K_DPC_SI, HG_K_DPC_IY, HG_K_DPC_CO};

/* 包括 points of a DPC receipt: days in each 入院期間 this month, and the evaluated total. */
typedef struct dpc_calc {
    int days[3];
    int64_t sbttl_sum, ttl;
} dpc_calc;

static void dpc_points(const ctx *c, const hg_dpc *x, const hg_stay *st, int d0, int d1, int coef,
                       dpc_calc *out)
{
    memset(out, 0, sizeof *out);
    for (int d = d0; d <= d1; d++) {
        int k = hg_days(c->ym * 100 + d) - hg_days(st->admit) + 1;
        int period = k <= x->days[0] ? 0 : k <= x->days[1] ? 1 : 2; /* III continues */
        out->days[period]++;
    }
    for (int i = 0; i < 3; i++) out->sbttl_sum += (int64_t)x->points[i] * out->days[i];
    out->ttl = (out->sbttl_sum * coef + 5000) / 10000;
}

static void emit_dpc_records(ctx *c, const hg_stay *st, const hg_dpc *x, const dpc_calc *dc,
                             int32_t seg_end, const char *seq2, int ko, const char *burd, int *seq1)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    hg_common(v, (*seq1)++, seq2, "BU", ko, c->ym, p->idx);
    v[BU_dpc_cd] = hg_vstr(hg_mtab_cell(&m->dpc_tab, x->row, 0));
    v[BU_this_hostz] = hg_vdate(st->admit);
    int out_now = st->discharge <= seg_end;
    v[BU_this_dschg] = out_now ? hg_vdate(st->discharge) : hg_vnull();
    v[BU_dpc_outcm] = out_now ? hg_vstr(st->died ? "6" : "1") : hg_vnull();
    hg_emit(c->e, HG_K_DPC_BU, v);
    /* 傷病 roles: 主傷病, 入院の契機, 医療資源を最も投入 = the cause; 併存 = other conditions */
    int icd = hg_mtab_col(&m->skwd, "icd_10_1");
    int roles[8], rows[8], n = 0;
    static const int cause_roles[] = {1, 11, 21};
    for (int i = 0; i < 3; i++) roles[n] = cause_roles[i], rows[n++] = p->conds[st->cond].dis_row;
    for (int k = 0; k < m->nconds && n < 7; k++)
        if (k != st->cond && m->conds[k].kind != HG_COND_ACUTE && hg_person_has(p, k, st->admit))
            roles[n] = 41 + (n - 3), rows[n++] = p->conds[k].dis_row;
    for (int i = 0; i < n; i++) {
        char role[3] = {(char)('0' + roles[i] / 10), (char)('0' + roles[i] % 10), '\0'};
        memset(v, 0, sizeof v);
        hg_common(v, (*seq1)++, seq2, "SB", ko, c->ym, p->idx);
        v[SB_skwd_name_cd] = hg_vstr(hg_mtab_cell(&m->skwd, rows[i], 0));
        v[SB_sspct_dss_flg] = hg_vint(0);
        v[SB_icd10] = icd >= 0 ? hg_vstr(hg_mtab_cell(&m->skwd, rows[i], icd)) : hg_vnull();
        v[SB_skwd_div] = hg_vstr(role);
        hg_emit(c->e, HG_K_DPC_SB, v);
    }
    memset(v, 0, sizeof v);
    hg_common(v, (*seq1)++, seq2, "KK", ko, c->ym, p->idx);
    v[KK_plan_emgcy] = hg_vstr(m->conds[st->cond].kind == HG_COND_ACUTE ? "2" : "1");
    int32_t last = 0;
    for (int i = 0; i < p->nstays; i++)
        if (p->stays[i].discharge < st->admit && p->stays[i].discharge > last)
            last = p->stays[i].discharge;
    v[KK_last_dschg] = last ? hg_vdate(last) : hg_vnull();
    v[KK_hostz_age] = hg_vint(hg_age(p->birth, st->admit));
    hg_emit(c->e, HG_K_DPC_KK, v);
    for (int i = 0; i < 3; i++) {
        if (!dc->days[i]) continue;
        memset(v, 0, sizeof v);
        hg_common(v, (*seq1)++, seq2, "HH", ko, c->ym, p->idx);
        v[HH_burd_div] = hg_vstr(burd);
        v[HH_prd_div] = hg_vint(i + 1);
        v[HH_prd_score] = hg_vint(x->points[i]);
        v[HH_prd_days] = hg_vint(dc->days[i]);
        v[HH_sbttl] = hg_vint((int64_t)x->points[i] * dc->days[i]);
        hg_emit(c->e, HG_K_DPC_HH, v);
    }
    memset(v, 0, sizeof v);
    hg_common(v, (*seq1)++, seq2, "GT", ko, c->ym, p->idx);
    v[GT_burd_div] = hg_vstr(burd);
    v[GT_sbttl_sum] = hg_vint(dc->sbttl_sum);
    v[GT_evalu] = hg_vint(dc->ttl);
    v[GT_adjst] = hg_vint(0);
    v[GT_ttl] = hg_vint(dc->ttl);
    hg_emit(c->e, HG_K_DPC_GT, v);
}

/* DPC coding data: every 包括 item, one row per item per day. */
static void emit_dpc_coding(ctx *c, const char *seq2, int ko, int *seq1)
{
    const hg_model *m = c->m;
    hg_value v[HG_MAX_FIELDS];
    int order = 0;
    for (int i = 0; i < c->rc.nunits; i++) {
        const unit *u = &c->rc.u[i];
        if (!u->incl || u->rec == HG_K_MED_CO) continue;
        order++;
        char ident[3] = {(char)('0' + u->ident / 10 % 10), (char)('0' + u->ident % 10), '\0'};
        for (int d = 0; d < 31; d++) {
            if (!u->days[d]) continue;
            for (int j = 0; j < u->n; j++) {
                const line *ln = &c->rc.l[u->first + j];
                int si = u->rec == HG_K_MED_SI;
                memset(v, 0, sizeof v);
                hg_common(v, (*seq1)++, seq2, "CD", ko, c->ym, c->p->idx);
                v[CDR_oprtn_date] = hg_vdate(c->ym * 100 + d + 1);
                v[CDR_prac_ident] = hg_vstr(ident);
                v[CDR_order_no] = hg_vint(order);
                v[CDR_detl_no] = hg_vint(j + 1);
                v[CDR_code] = hg_vstr(hg_mtab_cell(si ? &m->prac_act : &m->medicine, ln->row, 0));
                v[CDR_use_amnt] = si ? hg_vnull() : hg_vdec(ln->amount_1e5, 5);
                v[CDR_times] = hg_vint(u->days[d]);
                hg_emit(c->e, HG_K_DPC_CD, v);
            }
        }
    }
}

static void emit_receipt(ctx *c, const hg_spell *s, int hospital, int inst, const hg_stay *stay,
                         int32_t first_day, int dept, const hg_dpc *dpc, int32_t seg_end)
{
    receipt *rc = &c->rc;
    if (rc->nunits == 0) return;
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    hg_emitter *e = c->e;
    int seiho = s->type == HG_INS_SEIHO;
    int ko = seiho;
    char seq2[40];
    const int *K = dpc ? dpc_kinds : med_kinds;
    hg_seq2(seq2, sizeof seq2, dpc ? 'D' : 'M', p->idx, c->mi, c->nrcpt++);
    hg_inst in;
    hg_inst_get(m, c->seed, p->pref, hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC, inst, &in);
    char cls[5];
    if (dept == m->internal_dept && hg_age(p->birth, first_day) < m->paediatrics_until)
        dept = m->paediatrics_dept;
    char dept_s[3] = {(char)('0' + dept / 10 % 10), (char)('0' + dept % 10), '\0'};
    hg_rcp_cls(cls, '1', p, s, first_day, stay != NULL);
    int seq1 = 1;
    hg_value v[HG_MAX_FIELDS];
    const char *burd = seiho ? "5" : "1";

    /* totals first: HO carries them */
    int64_t total = 0;
    for (int i = 0; i < rc->nunits; i++)
        if (!rc->u[i].incl) total += (int64_t)rc->u[i].score * rc->u[i].times;
    int true_days = __builtin_popcount(rc->visit_days);
    dpc_calc dc;
    if (dpc) {
        dpc_points(c, dpc, stay, first_day % 100, seg_end % 100, in.coef_1e4, &dc);
        total += dc.ttl;
    }

    hg_emit_ir(e, K[F_IR], seq1++, seq2, ko, c->ym, p, s, &in, "1");

    memset(v, 0, sizeof v);
    hg_common(v, seq1++, seq2, "RE", ko, c->ym, p->idx);
    const hg_spell *sp = s;
    const hg_name *nm = hg_person_name(p, first_day);
    int age = hg_age(p->birth, c->ms);
    char b5[4], b10[4];
    hg_age_bands(age, b5, b10);
    v[RE_age] = hg_vint(age);
    v[RE_id1] = hg_vstr(sp->id1);
    v[RE_id1n] = hg_vstr(sp->id1n);
    v[RE_id2] = hg_vstr(nm->id2);
    v[RE_id5] = hg_vstr(p->id5);
    v[RE_rcp_no] = hg_vint((int64_t)(p->idx % 999999) + 1);
    v[RE_rcp_cls] = hg_vstr(cls);
    v[RE_sex_div] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[RE_birth] = hg_vdate(p->birth);
    v[RE_hostz_date] = stay ? hg_vdate(stay->admit) : hg_vnull();
    v[RE_bed_capa_num] = in.beds ? hg_vint(in.beds) : hg_vnull();
    v[RE_prac_dept] = hg_vstr(dept_s);
    v[RE_age_band5] = hg_vstr(b5);
    v[RE_age_band10] = hg_vstr(b10);
    v[RE_copay_pct] = hg_vint(hg_person_copay(p, s, first_day));
    v[RE_kana_name] = hg_vstr(nm->kana);
    if (dpc) v[DRE_gnrlz_div] = hg_vstr("0"); /* 0: DPC receipt (総括区分) */
    hg_emit(e, K[F_RE], v);

    int meals = stay ? 3 * true_days : 0;
    if (meals > 99) meals = 99;
    hg_emit_ins(e, K[F_HO], K[F_KO], seq1++, seq2, c->ym, p, s, first_day, true_days, total, meals,
                m->meal_yen);

    char modif[8];
    snprintf(modif, sizeof modif, "%s", hg_mtab_cell(&m->mddf, m->codes.suspected_modifier, 0));
    for (int i = 0; i < rc->nsy; i++) {
        const sydis *d = &rc->sy[i];
        memset(v, 0, sizeof v);
        hg_common(v, seq1++, seq2, "SY", ko, c->ym, p->idx);
        static const char *const outc[] = {"0", "1", "2", "3", "4"};
        v[SY_skwd_name_cd] = hg_vstr(hg_mtab_cell(&m->skwd, d->dis_row, 0));
        v[SY_prac_str_date] = hg_vdate(d->start);
        v[SY_outcm_div] = hg_vstr(outc[d->outcome]);
        v[SY_modif_cd] = d->suspect ? hg_vstr(modif) : hg_vnull();
        v[SY_sspct_dss_flg] = hg_vint(d->suspect);
        v[SY_main_skwd] = i == 0 ? hg_vstr("01") : hg_vnull();
        v[SY_main_skwd_decis_flg] = hg_vint(i == 0);
        hg_emit(e, K[F_SY], v);
    }

    if (dpc) emit_dpc_records(c, stay, dpc, &dc, seg_end, seq2, ko, burd, &seq1);
    qsort(rc->u, (size_t)rc->nunits, sizeof rc->u[0], cmp_unit_ident);
    int prev_ident = -1, serl = 0;
    for (int i = 0; i < rc->nunits; i++) {
        const unit *u = &rc->u[i];
        if (u->incl) continue; /* DPC: 包括 items appear as coding data only */
        char ident[3] = {(char)('0' + u->ident / 10 % 10), (char)('0' + u->ident % 10), '\0'};
        serl++;
        for (int j = 0; j < u->n; j++) {
            const line *ln = &rc->l[u->first + j];
            int last = j == u->n - 1;
            memset(v, 0, sizeof v);
            if (u->rec == HG_K_MED_CO) {
                hg_common(v, seq1++, seq2, "CO", ko, c->ym, p->idx);
                char code[16];
                snprintf(code, sizeof code, "%d", ln->row);
                v[CO_prac_ident] = u->ident != prev_ident ? hg_vstr(ident) : hg_vnull();
                v[CO_burd_div] = hg_vstr(burd);
                v[CO_cmt_cd] = hg_vstr(code);
                v[CO_char_dat] = hg_vnull(); /* the NDB removes free text */
                v[CO_aft_splmt_prac_ident] = hg_vstr(ident);
                v[CO_serl_no] = hg_vint(serl);
                v[CO_sers_odr] = hg_vint(j + 1);
                prev_ident = u->ident;
                hg_emit(e, K[F_CO], v);
                continue;
            }
            int si = u->rec == HG_K_MED_SI;
            hg_common(v, seq1++, seq2, si ? "SI" : "IY", ko, c->ym, p->idx);
            const hg_mtab *mt = si ? &m->prac_act : &m->medicine;
            v[DT_prac_ident] = u->ident != prev_ident ? hg_vstr(ident) : hg_vnull();
            prev_ident = u->ident;
            v[DT_burd_div] = hg_vstr(burd);
            v[DT_code] = hg_vstr(hg_mtab_cell(mt, ln->row, 0));
            v[DT_use_amnt] = si ? hg_vnull() : hg_vdec(ln->amount_1e5, 5);
            v[DT_score] = last ? hg_vint(u->score) : hg_vnull();
            v[DT_times] = hg_vint(u->times);
            for (int d = 0; d < 31; d++)
                v[DT_day01 + d] = u->days[d] ? hg_vint(u->days[d]) : hg_vnull();
            v[DT_aft_splmt_prac_ident] = hg_vstr(ident);
            v[DT_serl_no] = hg_vint(serl);
            v[DT_sers_odr] = hg_vint(j + 1);
            v[DT_aft_splmt_score] = hg_vint(u->score);
            v[DT_aft_splmt_times] = hg_vint(u->times);
            hg_emit(e, K[u->rec == HG_K_MED_SI ? F_SI : F_IY], v);
        }
    }
    if (dpc) emit_dpc_coding(c, seq2, ko, &seq1);
}

/* ---- outpatient ---- */

static int in_stay(const hg_person *p, int32_t ymd)
{
    for (int i = 0; i < p->nstays; i++)
        if (ymd >= p->stays[i].admit && ymd <= p->stays[i].discharge) return 1;
    return 0;
}

static int alive_on(const hg_person *p, int32_t ymd)
{
    return !p->death || ymd < p->death;
}

/* Per department, cancers apart: months between regular visits of the active conditions
 * (0 = none) and the earliest onset among them. Computed once a person-month. */
static void month_cadence(ctx *c)
{
    memset(c->cad, 0, sizeof c->cad);
    memset(c->earliest, 0, sizeof c->earliest);
    for (int k = 0; k < c->m->nconds; k++) {
        const hg_condition *cd = &c->m->conds[k];
        if (cd->kind == HG_COND_ACUTE || !hg_person_has(c->p, k, c->me)) continue;
        int cancer = cd->kind == HG_COND_CANCER, dept = cd->dept % 100;
        if (!c->cad[cancer][dept] || cd->visit_every < c->cad[cancer][dept])
            c->cad[cancer][dept] = cd->visit_every;
        int32_t on = c->p->conds[k].onset;
        if (!c->earliest[cancer][dept] || on < c->earliest[cancer][dept])
            c->earliest[cancer][dept] = on;
    }
}

static int chronic_cadence(const ctx *c, int cancer, int dept)
{
    return c->cad[cancer][dept % 100];
}

static int collect_visits(ctx *c, visit *vs)
{
    int n = 0;
    const hg_person *p = c->p;
    int nd = c->me % 100;
    /* regular visits: one clinic per department for chronic conditions, the person's hospital
     * for cancers */
    for (int cancer = 0; cancer <= 1; cancer++) {
        for (int dept = 1; dept < 100 && n < MAX_VISITS / 2; dept++) {
            int cad = chronic_cadence(c, cancer, dept);
            if (!cad) continue;
            int32_t d = c->ym * 100 + 1 + (int)gsl_rng_uniform_int(c->r, (unsigned long)nd);
            if ((c->mi + p->visit_phase + dept) % cad != 0) continue;
            /* a condition that begins this month is first seen on or after its onset */
            if (d < c->earliest[cancer][dept]) d = c->earliest[cancer][dept];
            if (!alive_on(p, d) || in_stay(p, d)) continue;
            /* a care-facility resident is mostly seen by the facility's own doctor */
            double keep = gsl_rng_uniform(c->r);
            if (hg_person_in_facility(p, d) && c->m->care && keep >= c->m->care->outpatient_keep)
                continue;
            vs[n++] = (visit){d,      cancer ? p->home_hospital : hg_person_clinic(c->m, p, dept),
                              cancer, cancer ? V_CANCER : V_REGULAR,
                              -1,     dept};
        }
    }
    for (int i = 0; i < p->nepisodes && n < MAX_VISITS - 4; i++) {
        const hg_episode *ep = &p->episodes[i];
        double u = gsl_rng_uniform(c->r);
        if (ep->date < c->ms || ep->date > c->me || ep->admitted) continue;
        if (!alive_on(p, ep->date) || in_stay(p, ep->date)) continue;
        int dept = c->m->conds[ep->cond].dept;
        vs[n++] = (visit){ep->date, ep->clinic, 0, V_ACUTE_FIRST, i, dept};
        unsigned again = gsl_ran_poisson(c->r, c->m->acute_revisit_mean);
        int32_t d = ep->date;
        for (unsigned j = 0; j < again && j < 3; j++) {
            d = hg_ymd(hg_days(d) + 3 + (int)(u * 5) + (int)j * 4);
            if (d > c->me || !alive_on(p, d) || in_stay(p, d)) break;
            vs[n++] = (visit){d, ep->clinic, 0, V_ACUTE_AGAIN, i, dept};
        }
    }
    return n;
}

static int rx_days(ctx *c, const visit *v)
{
    if (v->kind == V_ACUTE_FIRST || v->kind == V_ACUTE_AGAIN) return 5;
    int cad = chronic_cadence(c, v->kind == V_CANCER, v->dept);
    int days = 28 * (cad ? cad : 1);
    return days > c->m->max_rx_days ? c->m->max_rx_days : days;
}

/* Conditions treated at a visit. */
static int treated(ctx *c, const visit *v, int *out)
{
    int n = 0;
    if (v->episode >= 0) {
        out[n++] = c->p->episodes[v->episode].cond;
        return n;
    }
    for (int k = 0; k < c->m->nconds; k++) {
        const hg_condition *cd = &c->m->conds[k];
        if (cd->kind == HG_COND_ACUTE || (cd->kind == HG_COND_CANCER) != (v->kind == V_CANCER) ||
            cd->dept != v->dept)
            continue;
        if (hg_person_has(c->p, k, v->date)) out[n++] = k;
    }
    return n;
}

static void outpatient_visit(ctx *c, const visit *v, int outside_rx)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    int day = v->date % 100;
    int conds[HG_MAX_CONDS];
    int nc = treated(c, v, conds);
    c->rc.visit_days |= 1u << (day - 1);
    int has_chronic_here = v->kind == V_ACUTE_FIRST && !v->hospital &&
                           v->inst == hg_person_clinic(m, p, v->dept) &&
                           chronic_cadence(c, 0, v->dept) > 0;
    int first;
    if (v->kind == V_ACUTE_FIRST)
        first = !has_chronic_here;
    else if (v->kind == V_ACUTE_AGAIN)
        first = 0;
    else {
        first = 1; /* a new patient: every treated condition began this month */
        for (int i = 0; i < nc; i++)
            if (p->conds[conds[i]].onset < c->ms) first = 0;
    }
    if (first)
        add_si(c, 11, m->codes.first_visit, day, 1);
    else {
        add_si(c, 12, m->codes.revisit, day, 1);
        add_si(c, 12, m->codes.mgmt_add, day, 1);
    }
    int mgmt = 0;
    for (int i = 0; i < nc; i++) mgmt |= m->conds[conds[i]].mgmt;
    if (mgmt && !first && v->kind != V_ACUTE_AGAIN && !v->hospital) {
        unit *u = find_unit(&c->rc, HG_K_MED_SI, (int64_t)13 << 32 | m->codes.chronic_mgmt);
        if (!u || u->times < 2) add_si(c, 13, m->codes.chronic_mgmt, day, 1);
    }
    if (v->kind != V_ACUTE_AGAIN)
        for (int i = 0; i < nc; i++) add_tests(c, conds[i], day, v->kind == V_ACUTE_FIRST);

    /* disease rows */
    for (int i = 0; i < nc; i++) {
        int k = conds[i];
        const hg_condition *cd = &m->conds[k];
        if (v->episode >= 0) {
            const hg_episode *ep = &p->episodes[v->episode];
            add_sy(&c->rc, p->conds[k].dis_row, ep->date, 2, 0);
            double u = gsl_rng_uniform(c->r);
            if (v->kind == V_ACUTE_FIRST && cd->suspect_of >= 0 && u < cd->suspect_prob) {
                const hg_condition *sc = &m->conds[cd->suspect_of];
                add_sy(&c->rc, sc->dis_row[0], ep->date, 4, 1);
            }
        } else {
            add_sy(&c->rc, p->conds[k].dis_row, p->conds[k].onset, 1, 0);
        }
    }
    if (v->kind == V_ACUTE_AGAIN) return;
    /* prescriptions: dispensed here (院内), or a 処方箋 the pharmacy fills (院外) */
    int days = rx_days(c, v), any = 0;
    hg_rx slip = {.date = v->date, .hospital = v->hospital, .inst = v->inst};
    for (int i = 0; i < nc; i++) {
        int k = conds[i], reg = p->conds[k].regimen;
        for (int form = 1; form <= 3; form++) {
            int qty = form == 1 ? days : 1;
            if (!outside_rx) {
                any |= add_rx(c, k, reg, form, day, qty);
            } else if (regimen_has_form(m, k, reg, form) && slip.nitems < HG_RX_MAX_ITEMS) {
                slip.items[slip.nitems++] = (hg_rx_item){k, reg, form, qty};
                any = 1;
            }
        }
    }
    if (!any) return;
    if (outside_rx && c->out) {
        *hg_rx_log_add(&c->out->rx) = slip;
        for (int i = 0; i < slip.nitems; i++)
            hg_claim_log_add(&c->out->claims, c->ym, slip.items[i].cond);
    }
    if (outside_rx)
        add_si(c, 80, m->codes.rx_slip, day, 1);
    else {
        add_si(c, 24, m->codes.dispense_fee, day, 1);
        add_si(c, 25, m->codes.rx_fee, day, 1);
        if (!has_si(c, 13, m->codes.drug_info)) add_si(c, 13, m->codes.drug_info, day, 1);
    }
}

static void clear_receipt(receipt *rc)
{
    rc->nunits = rc->nlines = rc->nsy = 0;
    rc->visit_days = 0;
}

static void outpatient(ctx *c)
{
    visit vs[MAX_VISITS];
    int n = collect_visits(c, vs);
    int done[MAX_VISITS] = {0};
    /* one receipt per institution and insurance spell, in order of first visit */
    for (int pass = 0; pass < n; pass++) {
        int first = -1;
        for (int i = 0; i < n; i++)
            if (!done[i] && (first < 0 || vs[i].date < vs[first].date ||
                             (vs[i].date == vs[first].date && i < first)))
                first = i;
        if (first < 0) break;
        const hg_spell *s = hg_person_spell(c->p, vs[first].date);
        clear_receipt(&c->rc);
        hg_inst in;
        hg_inst_get(c->m, c->seed, c->p->pref,
                    vs[first].hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC, vs[first].inst, &in);
        for (int pass2 = 0; pass2 < n; pass2++) {
            int j = -1;
            for (int i = 0; i < n; i++)
                if (!done[i] && vs[i].inst == vs[first].inst &&
                    vs[i].hospital == vs[first].hospital &&
                    hg_person_spell(c->p, vs[i].date) == s &&
                    (j < 0 || vs[i].date < vs[j].date || (vs[i].date == vs[j].date && i < j)))
                    j = i;
            if (j < 0) break;
            done[j] = 1;
            if (s) outpatient_visit(c, &vs[j], in.outside_rx);
        }
        if (s)
            emit_receipt(c, s, vs[first].hospital, vs[first].inst, NULL, vs[first].date,
                         vs[first].dept, NULL, 0);
    }
}

/* ---- inpatient ---- */

static void inpatient(ctx *c, const hg_stay *st)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    int32_t from = st->admit > c->ms ? st->admit : c->ms;
    int32_t to = st->discharge < c->me ? st->discharge : c->me;
    if (from > to) return;
    /* split at insurance changes */
    while (from <= to) {
        const hg_spell *s = hg_person_spell(p, from);
        if (!s) {
            from = hg_ymd(hg_days(from) + 1);
            continue;
        }
        int32_t seg_end = s->to && s->to < to ? s->to : to;
        clear_receipt(&c->rc);
        int d0 = from % 100, d1 = seg_end % 100;
        for (int d = d0; d <= d1; d++) {
            c->rc.visit_days |= 1u << (d - 1);
            add_si(c, 90, m->codes.inpatient_basic, d, 1);
        }
        int admitted_here = st->admit >= from;
        if (admitted_here) {
            add_si(c, 11, m->codes.first_visit, d0, 1);
            add_comment(c, 90, d0);
        }
        /* tests on the admission day and weekly */
        for (int d = d0; d <= d1; d++) {
            int since = hg_days(c->ym * 100 + d) - hg_days(st->admit);
            if (since % 7 != 0) continue;
            add_tests(c, st->cond, d, since == 0);
        }
        /* injections during the first week; the person's regular drugs over the stay */
        const hg_pcond *pc = &p->conds[st->cond];
        for (int d = d0; d <= d1; d++)
            if (hg_days(c->ym * 100 + d) - hg_days(st->admit) < 7)
                add_rx(c, st->cond, pc->regimen, 4, d, 1);
        int ndays = d1 - d0 + 1;
        add_sy(&c->rc, pc->dis_row,
               st->cond < m->nconds && m->conds[st->cond].kind == HG_COND_ACUTE
                   ? st->admit
                   : (pc->onset ? pc->onset : st->admit),
               1, 0);
        for (int k = 0; k < m->nconds; k++) {
            if (k == st->cond || m->conds[k].kind == HG_COND_ACUTE || !hg_person_has(p, k, from))
                continue;
            add_sy(&c->rc, p->conds[k].dis_row, p->conds[k].onset, 1, 0);
            add_rx(c, k, p->conds[k].regimen, 1, d0, ndays);
        }
        if (st->discharge <= seg_end && c->rc.nsy > 0)
            c->rc.sy[0].outcome = st->died ? 3 : m->conds[st->cond].kind == HG_COND_ACUTE ? 2 : 1;
        /* a DPC hospital bills a DPC-coded cause per day (包括); 初診料 and the discharge
         * prescription stay 出来高 */
        const hg_dpc *dpc = NULL;
        hg_inst hin;
        hg_inst_get(m, c->seed, p->pref, HG_INST_HOSPITAL, st->hospital, &hin);
        if (hin.dpc && m->conds[st->cond].dpc >= 0) {
            dpc = &m->dpc[m->conds[st->cond].dpc];
            for (int i = 0; i < c->rc.nunits; i++)
                c->rc.u[i].incl = !(c->rc.u[i].rec == HG_K_MED_SI && c->rc.u[i].ident == 11);
            if (st->discharge <= seg_end && !st->died)
                for (int k = 0; k < m->nconds; k++)
                    if (m->conds[k].kind != HG_COND_ACUTE && hg_person_has(p, k, from))
                        add_rx_tag(c, k, p->conds[k].regimen, 1, st->discharge % 100, 14, 1);
        }
        emit_receipt(c, s, 1, st->hospital, st, from, m->conds[st->cond].dept, dpc, seg_end);
        from = hg_ymd(hg_days(seg_end) + 1);
    }
}

void hg_med_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                   gsl_rng *r, hg_emitter *e, hg_med_out *out)
{
    static __thread ctx c; /* receipts are large; one per thread, reused */
    c.m = m;
    c.per = per;
    c.seed = seed;
    c.p = p;
    c.r = r;
    c.e = e;
    c.out = out;
    for (int mi = 0; mi < per->months; mi++) {
        c.mi = mi;
        c.ym = hg_ym_add(per->start_ym, mi);
        c.ms = c.ym * 100 + 1;
        c.me = c.ym * 100 + hg_month_days(c.ym / 100, c.ym % 100);
        c.nrcpt = 0;
        if (p->death && p->death < c.ms) break;
        hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_MED_MONTH) + (uint64_t)mi);
        month_cadence(&c);
        for (int i = 0; i < p->nstays; i++) inpatient(&c, &p->stays[i]);
        outpatient(&c);
    }
}

hg_rx *hg_rx_log_add(hg_rx_log *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->rx = realloc(l->rx, (size_t)l->cap * sizeof *l->rx);
        if (!l->rx) abort();
    }
    memset(&l->rx[l->n], 0, sizeof l->rx[0]);
    return &l->rx[l->n++];
}

void hg_rx_log_free(hg_rx_log *l)
{
    free(l->rx);
    memset(l, 0, sizeof *l);
}

void hg_claim_log_add(hg_claim_log *l, int32_t ym, int cond)
{
    if (l->n && l->c[l->n - 1].ym == ym && l->c[l->n - 1].cond == cond) return;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->c = realloc(l->c, (size_t)l->cap * sizeof *l->c);
        if (!l->c) abort();
    }
    l->c[l->n++] = (hg_claim){ym, cond};
}

void hg_med_out_reset(hg_med_out *o)
{
    o->rx.n = 0;
    o->claims.n = 0;
}

void hg_med_out_free(hg_med_out *o)
{
    hg_rx_log_free(&o->rx);
    free(o->claims.c);
    memset(o, 0, sizeof *o);
}
