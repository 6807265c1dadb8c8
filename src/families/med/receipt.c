/* hicgen — 医科・DPC receipts under construction: units of detail lines and disease rows built
 * as the month's visits and hospital days are simulated, then written in the order of the
 * 電子レセプト file: IR, RE, HO/KO, SY, (DPC: BU SB KK HH GT), SI/IY by 診療識別, CO (, CD). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"

/* The record kinds of 医科 and DPC receipts, by role. */
static const int med_kinds[F_N] = {K_MED_IR, K_MED_RE, K_MED_HO, K_MED_KO, K_MED_SY,
                                   K_MED_SI, K_MED_IY, K_MED_CO, K_MED_TO};
static const int dpc_kinds[F_N] = {K_DPC_IR, K_DPC_RE, K_DPC_HO, K_DPC_KO, K_DPC_SY,
                                   K_DPC_SI, K_DPC_IY, K_DPC_CO, K_DPC_TO};
/* a TO line is a detail line with the unit of its amount */
_Static_assert((int)TO_unit_cd == (int)DT__N && (int)TO_code == (int)DT_code, "TO extends DT");

/* the RE identity block (claims.c) is the same for 医科 and DPC RE */
HG_RE_IDENTITY_LAYOUT(RE);
_Static_assert((int)DRE_age == (int)RE_age && (int)DRE_age_band5 == (int)RE_age_band5,
               "DPC RE extends 医科 RE");

unit *med_find_unit(receipt *rc, int rec, int64_t key)
{
    for (int i = 0; i < rc->nunits; i++)
        if (rc->u[i].rec == rec && rc->u[i].key == key) return &rc->u[i];
    return NULL;
}

static unit *new_unit(receipt *rc, int rec, int ident, int64_t key, int score)
{
    hg_vec_reserve_((void **)&rc->u, &rc->units_cap, rc->nunits + 1, sizeof *rc->u);
    unit *u = &rc->u[rc->nunits++];
    memset(u, 0, sizeof *u);
    u->rec = rec;
    u->ident = ident;
    u->key = key;
    u->score = score;
    u->first = rc->nlines;
    return u;
}

unit *med_split_unit(receipt *rc, int i, int from_day)
{
    new_unit(rc, rc->u[i].rec, rc->u[i].ident, rc->u[i].key | (int64_t)1 << 62, rc->u[i].score);
    unit *u = &rc->u[i], *v = &rc->u[rc->nunits - 1];
    v->first = u->first, v->n = u->n; /* the same lines */
    v->kohi = u->kohi;
    for (int d = from_day - 1; d < 31; d++) {
        v->times += v->days[d] = u->days[d];
        u->times -= u->days[d];
        u->days[d] = 0;
    }
    return v;
}

static void add_line(receipt *rc, unit *u, int row, int64_t amount)
{
    hg_vec_reserve_((void **)&rc->l, &rc->lines_cap, rc->nlines + 1, sizeof *rc->l);
    rc->l[rc->nlines].row = row;
    rc->l[rc->nlines].amount_1e5 = amount;
    rc->nlines++;
    u->n++;
}

/* A 診療行為 on day (1-31), count times. Returns the unit. */
/* Does the bundled fee of the visit (小児科外来診療料) include what the 点数表 part bills? */
static int part_included(const ctx *c, int part)
{
    const hg_med_params *mp = &c->md->mp;
    for (int i = 0; i < mp->npaed_parts; i++)
        if (mp->paed_parts[i] == part) return 1;
    return 0;
}

/* Is the act billed: not under a bundled fee (ctx only), or one of the acts billed besides it,
 * or of a part it does not include? */
static int billed(const ctx *c, int act_row)
{
    if (!c->only) return 1;
    for (int i = 0; i < c->nonly; i++)
        if (c->only[i] == act_row) return 1;
    return !part_included(c, c->md->act[act_row].part);
}

unit *med_add_si(ctx *c, int ident, int act_row, int day, int count)
{
    if (act_row < 0 || !billed(c, act_row)) return NULL;
    int64_t key = (int64_t)ident << 32 | act_row;
    unit *u = med_find_unit(&c->rc, REC_SI, key);
    if (!u) {
        u = new_unit(&c->rc, REC_SI, ident, key, c->m->act_points[act_row]);
        add_line(&c->rc, u, act_row, 0);
    }
    u->times += count;
    u->days[day - 1] = (unsigned short)(u->days[day - 1] + count);
    u->kohi |= c->cur_kohi;
    /* its 特定保険医療材料 follow it (a new unit: u moves when the units grow) */
    ptrdiff_t at = u - c->rc.u;
    med_add_materials(c, ident, act_row, day, count);
    return &c->rc.u[at];
}

/* A unit of one billing on day, with its own points: never found again (tag: its kind). */
static unit *billing_unit(ctx *c, int rec, int64_t tag, int ident, int points, int day)
{
    unit *u = new_unit(&c->rc, rec, ident, tag << 56 | c->rc.nunits, points);
    u->times = 1;
    u->days[day - 1] = 1;
    u->kohi = c->cur_kohi;
    return u;
}

/* The unit of one line with a quantity (an act by its きざみ, a drug by its units) on day: the
 * same code with the same quantity under the same 診療識別 on another day of the receipt is the
 * same line, billed again (a transfusion of 400 mL on two days: one line, 2 回). */
static unit *qnt_unit(ctx *c, int rec, int64_t tag, int ident, int row, int64_t amount, int points,
                      int day)
{
    receipt *rc = &c->rc;
    unit *u = NULL;
    for (int i = 0; i < rc->nunits && !u; i++) {
        unit *x = &rc->u[i];
        if (x->rec == rec && x->key >> 56 == tag && x->ident == ident && x->n == 1 &&
            rc->l[x->first].row == row && rc->l[x->first].amount_1e5 == amount)
            u = x;
    }
    if (!u) {
        u = new_unit(rc, rec, ident, tag << 56 | rc->nunits, points);
        add_line(rc, u, row, amount);
    }
    u->times++;
    u->days[day - 1]++;
    u->kohi |= c->cur_kohi;
    return u;
}

unit *med_add_si_qnt(ctx *c, int ident, int act_row, int day, int qnt, int points)
{
    if (act_row < 0 || !billed(c, act_row)) return NULL;
    unit *u = qnt_unit(c, REC_SI, 6, ident, act_row, qnt, points, day);
    ptrdiff_t at = u - c->rc.u;
    med_add_materials(c, ident, act_row, day, 1);
    return &c->rc.u[at];
}

unit *med_add_drug_qnt(ctx *c, int ident, int med_row, int64_t price_1e2, int qnt, int day)
{
    if (qnt <= 0) return NULL;
    int64_t amount = (int64_t)qnt * 100000;
    return qnt_unit(c, REC_IY, 7, ident, med_row, amount, hg_drug_points(price_1e2 * amount), day);
}

void med_add_to_unit(ctx *c, int ident, int act_row, const int *rows, const int64_t *amounts, int n,
                     int points, int day)
{
    unit *u = billing_unit(c, REC_TO, 5, ident, points, day);
    for (int i = 0; i < n; i++) add_line(&c->rc, u, rows[i], amounts[i]);
    u->act_points = c->m->act_points[act_row];
}

int med_has_si(ctx *c, int ident, int act_row)
{
    return med_find_unit(&c->rc, REC_SI, (int64_t)ident << 32 | act_row) != NULL;
}

unit *med_add_bundle(ctx *c, int ident, const int *rows, int n, int points, int day, int tag)
{
    if (c->only && part_included(c, 3)) return NULL; /* 第3部 検査 included in a bundled fee */
    /* one unit per day and 包括 group: its key carries both */
    int64_t key = (int64_t)2 << 56 | (int64_t)tag << 40 | (int64_t)ident << 8 | day;
    unit *u = new_unit(&c->rc, REC_SI, ident, key, points);
    for (int i = 0; i < n; i++) add_line(&c->rc, u, rows[i], 0);
    u->times = 1;
    u->days[day - 1] = 1;
    u->kohi = c->cur_kohi;
    return u;
}

/* The drugs of one 剤, keyed by their form, products, amounts and tag: the same 剤 prescribed
 * again in the month adds to its times. */
int med_add_drugs(ctx *c, int form, const int *prods, const int64_t *amounts, int n, int times,
                  int day, int tag)
{
    static const int ident_of_form[] = {0, 21, 22, 23, 33};
    if (form < HG_FORM_INTERNAL || form > HG_FORM_INJECTION) return 0;
    return med_add_drugs_ident(c, ident_of_form[form], form, prods, amounts, n, times, day, tag);
}

int med_add_drugs_ident(ctx *c, int ident, int form, const int *prods, const int64_t *amounts,
                        int n, int times, int day, int tag)
{
    if (n <= 0 || times <= 0 || form < HG_FORM_INTERNAL || form > HG_FORM_INJECTION) return 0;
    /* drugs: 第5部 投薬, or 第6部 注射 for an injection, included in a bundled fee */
    if (c->only && part_included(c, form == HG_FORM_INJECTION ? 6 : 5)) return 0;
    uint64_t h =
        0x243f6a8885a308d3ULL ^ (uint64_t)form ^ (uint64_t)tag << 8 ^ (uint64_t)ident << 16;
    int64_t yen = 0;
    for (int i = 0; i < n; i++) {
        h = hg_mix64(h ^ (uint64_t)prods[i] ^ (uint64_t)amounts[i] << 20);
        yen += c->m->products[prods[i]].price_1e2 * amounts[i];
    }
    int64_t key = (int64_t)(h >> 8) | (int64_t)1 << 62;
    unit *u = med_find_unit(&c->rc, REC_IY, key);
    if (!u) {
        u = new_unit(&c->rc, REC_IY, ident, key, hg_drug_points(yen));
        for (int i = 0; i < n; i++)
            add_line(&c->rc, u, c->m->products[prods[i]].med_row, amounts[i]);
    }
    u->times += times;
    u->days[day - 1] = (unsigned short)(u->days[day - 1] + times);
    u->kohi |= c->cur_kohi;
    return 1;
}

void med_add_comment(ctx *c, int ident, int day)
{
    unit *u = new_unit(&c->rc, REC_CO, ident, (int64_t)3 << 48 | day, 0);
    add_line(&c->rc, u, c->md->codes.free_comment, 0);
    u->kohi = c->cur_kohi;
}

void med_add_sy(ctx *c, int dis_row, int modif_row, int32_t start, int outcome, int suspect,
                int main)
{
    receipt *rc = &c->rc;
    for (int i = 0; i < rc->nsy; i++)
        if (rc->sy[i].dis_row == dis_row && rc->sy[i].suspect == suspect) {
            if (outcome > rc->sy[i].outcome) rc->sy[i].outcome = outcome;
            rc->sy[i].main |= main;
            return;
        }
    hg_vec_reserve_((void **)&rc->sy, &rc->sy_cap, rc->nsy + 1, sizeof *rc->sy);
    rc->sy[rc->nsy++] = (sydis){dis_row, modif_row, start, outcome, suspect, main};
}

void med_clear_receipt(receipt *rc)
{
    rc->nunits = rc->nlines = rc->nsy = 0;
    rc->visit_days = rc->drip_days = 0;
    rc->mgmt_times = rc->tokutei_rx = rc->seikatsu = rc->monthly = rc->inpatient = 0;
}

void med_receipt_free(receipt *rc)
{
    free(rc->u);
    free(rc->l);
    free(rc->sy);
    memset(rc, 0, sizeof *rc);
}

static int cmp_unit_ident(const void *a, const void *b)
{
    const unit *x = a, *y = b;
    int ra = x->rec == REC_CO, rb = y->rec == REC_CO;
    if (ra != rb) return ra - rb; /* comments last */
    if (x->ident != y->ident) return x->ident - y->ident;
    return x->first - y->first; /* stable: creation order */
}

/* What every record of one receipt shares while it is written. */
typedef struct rcpt_out {
    ctx *c;
    const hg_spell *s;
    const int *K; /* med_kinds or dpc_kinds */
    char seq2[40];
    int ko, seq1;
    hg_payers py;
} rcpt_out;

/* IR, RE and HO (or KO) of a receipt. */
static void emit_head(rcpt_out *o, const hg_inst *in, const hg_stay *stay, int32_t first_day,
                      int dept, int dpc, int64_t total, int64_t dpc_points)
{
    ctx *c = o->c;
    const hg_person *p = c->p;
    hg_value v[HG_MAX_FIELDS];
    hg_emit_ir(c->fx, o->K[F_IR], o->seq1++, o->seq2, o->ko, c->ym, p, o->s, in, "1");
    if (dept == c->m->pp.internal_dept && hg_age(p->birth, first_day) < c->md->mp.paediatrics_until)
        dept = c->md->mp.paediatrics_dept;
    char dept_s[3] = {(char)('0' + dept / 10 % 10), (char)('0' + dept % 10), '\0'};
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "RE", o->ko, c->ym, p->idx);
    hg_re_id id;
    hg_re_identity(v, RE_age, RE_age_band5, &id, '1', c->m, p, o->s, &o->py, c->ym, first_day,
                   stay != NULL, total);
    v[RE_hostz_date] = stay ? hg_vdate(stay->admit) : hg_vnull();
    v[RE_bed_capa_num] = in->beds ? hg_vint(in->beds) : hg_vnull();
    v[RE_prac_dept] = hg_vstr(dept_s);
    v[RE_kana_name] = hg_vstr(hg_person_name(p, first_day)->kana);
    if (dpc) v[DRE_gnrlz_div] = hg_vstr("0"); /* 0: DPC receipt (総括区分) */
    hg_fx_emit(c->fx, o->K[F_RE], v);
    /* what each 公費 pays for: the units of its care, and a DPC stay's 包括 points */
    hg_kohi_lines kl;
    memset(&kl, 0, sizeof kl);
    for (int i = 0; i < c->rc.nunits; i++) {
        const unit *u = &c->rc.u[i];
        if (u->incl || u->rec == REC_CO) continue;
        unsigned days = 0;
        for (int d = 0; d < 31; d++)
            if (u->days[d]) days |= 1u << d;
        hg_kohi_lines_add(&kl, &o->py, u->kohi, (int64_t)u->score * u->times, days);
    }
    if (dpc) hg_kohi_lines_add(&kl, &o->py, c->stay_kohi, dpc_points, c->rc.visit_days);
    int true_days = __builtin_popcount(c->rc.visit_days);
    int meals = stay ? c->md->mp.meals_per_day * true_days : 0;
    hg_pay_rec pr = {.py = &o->py,
                     .kl = &kl,
                     .first_day = first_day,
                     .true_days = true_days,
                     .total = total,
                     .meals = meals,
                     .meal_yen = c->md->mp.meal_yen,
                     .inpatient = stay != NULL};
    hg_emit_payers(c->fx, o->K[F_HO], o->K[F_KO], &o->seq1, o->seq2, c->ym, p, o->s, &pr);
}

/* The SY rows: the receipt's diseases, its 主傷病 marked (the first one at least). */
static void emit_sy(rcpt_out *o)
{
    ctx *c = o->c;
    const hg_model *m = c->m;
    hg_value v[HG_MAX_FIELDS];
    int any_main = 0;
    for (int i = 0; i < c->rc.nsy; i++) any_main |= c->rc.sy[i].main;
    for (int i = 0; i < c->rc.nsy; i++) {
        const sydis *d = &c->rc.sy[i];
        int main = d->main || (!any_main && i == 0);
        memset(v, 0, SY__N * sizeof v[0]);
        hg_common(v, o->seq1++, o->seq2, "SY", o->ko, c->ym, c->p->idx);
        static const char *const outc[] = {"0", "1", "2", "3", "4"};
        v[SY_skwd_name_cd] = hg_vstr(hg_mtab_key(&m->skwd, d->dis_row));
        v[SY_prac_str_date] = hg_vdate(d->start);
        v[SY_outcm_div] = hg_vstr(outc[d->outcome]);
        v[SY_modif_cd] =
            d->modif_row >= 0 ? hg_vstr(hg_mtab_key(&m->mddf, d->modif_row)) : hg_vnull();
        v[SY_sspct_dss_flg] = hg_vint(d->suspect);
        v[SY_main_skwd] = main ? hg_vstr("01") : hg_vnull();
        v[SY_main_skwd_decis_flg] = hg_vint(main);
        hg_fx_emit(c->fx, o->K[F_SY], v);
    }
}

/* One CO row of a comment unit. */
static void emit_comment(rcpt_out *o, const line *ln, int j, int serl, const char *ident,
                         int first_of_ident, unsigned kohi)
{
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, CO__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, "CO", o->ko, o->c->ym, o->c->p->idx);
    char code[16];
    snprintf(code, sizeof code, "%d", ln->row);
    v[CO_prac_ident] = first_of_ident ? hg_vstr(ident) : hg_vnull();
    v[CO_burd_div] = hg_vstr(hg_burd_div(&o->py, kohi));
    v[CO_cmt_cd] = hg_vstr(code);
    v[CO_char_dat] = hg_vnull(); /* the NDB removes free text */
    v[CO_aft_splmt_prac_ident] = hg_vstr(ident);
    v[CO_serl_no] = hg_vint(serl);
    v[CO_sers_odr] = hg_vint(j + 1);
    hg_fx_emit(o->c->fx, o->K[F_CO], v);
}

/* One SI or IY row of a unit's line j (the unit's points on its last line). */
static void emit_detail(rcpt_out *o, const unit *u, const line *ln, int j, int serl,
                        const char *ident, int first_of_ident)
{
    ctx *c = o->c;
    hg_value v[HG_MAX_FIELDS];
    int si = u->rec == REC_SI, to = u->rec == REC_TO, last = j == u->n - 1;
    memset(v, 0, TO__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, si ? "SI" : to ? "TO" : "IY", o->ko, c->ym, c->p->idx);
    const hg_mtab *mt = si ? &c->m->prac_act : to ? &c->m->spcfc_dev : &c->m->medicine;
    v[DT_prac_ident] = first_of_ident ? hg_vstr(ident) : hg_vnull();
    v[DT_burd_div] = hg_vstr(hg_burd_div(&o->py, u->kohi));
    v[DT_code] = hg_vstr(hg_mtab_key(mt, ln->row));
    /* an SI line's amount is its 数量データ (an act billed by its quantity), else 0 */
    v[DT_qnt_dat] = si && ln->amount_1e5 ? hg_vint(ln->amount_1e5) : hg_vnull();
    v[DT_use_amnt] = si ? hg_vnull() : hg_vdec(ln->amount_1e5, 5);
    if (to) {
        int uc = c->md->mat_unit_col;
        const char *cd = uc >= 0 ? hg_mtab_cell(mt, ln->row, uc) : "";
        /* pieces (unit 0) write no unit */
        v[TO_unit_cd] = cd[0] && strcmp(cd, "0") ? hg_vint(atoi(cd)) : hg_vnull();
    }
    v[DT_score] = last ? hg_vint(u->score) : hg_vnull();
    v[DT_times] = hg_vint(u->times);
    for (int d = 0; d < 31; d++) v[DT_day01 + d] = u->days[d] ? hg_vint(u->days[d]) : hg_vnull();
    v[DT_aft_splmt_prac_ident] = hg_vstr(ident);
    v[DT_serl_no] = hg_vint(serl);
    v[DT_sers_odr] = hg_vint(j + 1);
    v[DT_aft_splmt_score] = hg_vint(u->score);
    v[DT_aft_splmt_times] = hg_vint(u->times);
    hg_fx_emit(c->fx, o->K[si ? F_SI : to ? F_TO : F_IY], v);
}

/* SI, IY and CO rows by 診療識別; DPC 包括 items appear as coding data only. */
static void emit_details(rcpt_out *o)
{
    receipt *rc = &o->c->rc;
    qsort(rc->u, (size_t)rc->nunits, sizeof rc->u[0], cmp_unit_ident);
    int prev_ident = -1, serl = 0;
    for (int i = 0; i < rc->nunits; i++) {
        const unit *u = &rc->u[i];
        if (u->incl) continue;
        char ident[3] = {(char)('0' + u->ident / 10 % 10), (char)('0' + u->ident % 10), '\0'};
        serl++;
        for (int j = 0; j < u->n; j++) {
            const line *ln = &rc->l[u->first + j];
            int first_of_ident = u->ident != prev_ident;
            prev_ident = u->ident;
            if (u->rec == REC_CO)
                emit_comment(o, ln, j, serl, ident, first_of_ident, u->kohi);
            else
                emit_detail(o, u, ln, j, serl, ident, first_of_ident);
        }
    }
}

void med_emit_receipt(ctx *c, const hg_spell *s, int hospital, int inst, const hg_stay *stay,
                      int32_t first_day, int dept, const hg_dpc *dpc, int32_t seg_end)
{
    receipt *rc = &c->rc;
    if (rc->nunits == 0) return;
    const hg_person *p = c->p;
    rcpt_out o = {.c = c, .s = s, .K = dpc ? dpc_kinds : med_kinds, .seq1 = 1};
    /* 在宅時医学総合管理料 includes the management fees of the month: they are not billed */
    if (rc->monthly & M_HOME_MGMT)
        for (int i = 0; i < rc->nunits; i++) {
            unit *u = &rc->u[i];
            if (u->ident >= 21 && u->ident <= 27 && u->rec != REC_CO) u->incl = 1; /* 投薬 */
            if (u->rec != REC_SI || u->n != 1) continue;
            for (size_t j = 0; j < sizeof c->md->codes.home_incl / sizeof(int); j++)
                if (rc->l[u->first].row == c->md->codes.home_incl[j]) u->incl = 1;
        }
    unsigned progs = dpc ? c->stay_kohi : 0;
    for (int i = 0; i < rc->nunits; i++)
        if (!rc->u[i].incl) progs |= rc->u[i].kohi;
    hg_payers_of(c->m, s, progs, &o.py);
    o.ko = o.py.n > 0;
    hg_seq2(o.seq2, sizeof o.seq2, c->fx->seed, dpc ? 'D' : 'M', p->idx, c->mi, c->nrcpt++);
    hg_inst in;
    hg_inst_get(c->m, c->fx->seed, p->pref, hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC, inst,
                &in);
    /* totals first: HO carries them */
    int64_t total = 0;
    for (int i = 0; i < rc->nunits; i++)
        if (!rc->u[i].incl) total += (int64_t)rc->u[i].score * rc->u[i].times;
    dpc_calc dc;
    if (dpc) {
        med_dpc_points(c, dpc, stay, first_day % 100, seg_end % 100, in.coef_1e4, &dc);
        total += dc.ttl;
    }
    emit_head(&o, &in, stay, first_day, dept, dpc != NULL, total, dpc ? dc.ttl : 0);
    emit_sy(&o);
    if (dpc)
        med_dpc_records(c, stay, dpc, &dc, seg_end, o.seq2, o.ko, hg_burd_div(&o.py, c->stay_kohi),
                        &o.seq1);
    emit_details(&o);
    if (dpc) med_dpc_coding(c, o.seq2, o.ko, &o.seq1);
}
