/* hicgen — 調剤 receipts. One receipt per person × month × pharmacy × prescribing institution
 * × insurance spell; one 受付 per prescription; one 剤 (SH + CZ, with its IY drugs) per regimen
 * and form. */
#include "families/pharmacy/pharmacy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_PHA_YK, YK);
HG_FIELD_TABLE(HG_REC_PHA_RE, PRE);
HG_FIELD_TABLE(HG_REC_PHA_HO, PHO);
HG_FIELD_TABLE(HG_REC_PHA_KO, PKO);
HG_FIELD_TABLE(HG_REC_PHA_SH, SH);
HG_FIELD_TABLE(HG_REC_PHA_CZ, CZ);
HG_FIELD_TABLE(HG_REC_PHA_IY, PIY);
HG_FIELD_TABLE(HG_REC_PHA_KI, KI);

#define PHA_KINDS(X)                                                                               \
    X(K_YK, "pha_yk", YK)                                                                          \
    X(K_RE, "pha_re", PRE)                                                                         \
    X(K_HO, "pha_ho", PHO)                                                                         \
    X(K_KO, "pha_ko", PKO)                                                                         \
    X(K_SH, "pha_sh", SH)                                                                          \
    X(K_CZ, "pha_cz", CZ)                                                                          \
    X(K_IY, "pha_iy", PIY)                                                                         \
    X(K_KI, "pha_ki", KI)
enum { PHA_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind pha_kinds[K__N] = {PHA_KINDS(HG_X_KIND)};
HG_RE_IDENTITY_LAYOUT(PRE);

/* ---- loading ---- */

static int read_dspng_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((hg_pharmacy *)base)->dspng_act, "調剤行為");
}

#define PHA(path, type, ...) HG_P_##type(path, hg_pharmacy, __VA_ARGS__)
static const hg_param pha_params[] = {
    PHA("pharmacies_per_prefecture", INT, pharmacies_per_pref, 1, 9999),
    PHA("gate_pharmacy_share", PROB, gate_share),
    PHA("max_internal_dispensing_fees", INT, max_internal_fees, 1, 99),
    PHA("codes.pharmacy_basic", CUSTOM, basic, read_dspng_code),
    PHA("codes.pharmacy_history_mgmt", CUSTOM, history_mgmt, read_dspng_code),
};

/* masters/pharmacy/dispensing_fees.csv: the 調剤料 rules by form and days. */
static void load_fees(hg_pharmacy *ph, hg_diag *d)
{
    hg_mtab *a = &ph->dspng_act, *t = &ph->fees_tab;
    int cp = hg_mtab_col(a, "sc_new_now_score");
    ph->dspng_points = hg_xcalloc((size_t)a->nrows + 1, sizeof *ph->dspng_points);
    for (int r = 0; r < a->nrows; r++) {
        double v;
        if (hg_mtab_num(a, r, cp, 0, 1e6, &v, d) == 0) ph->dspng_points[r] = (int)lround(v);
    }
    int cf = hg_mtab_col(t, "form"), c0 = hg_mtab_col(t, "days_from"),
        c1 = hg_mtab_col(t, "days_to"), cc = hg_mtab_col(t, "dspng_act_cd"),
        cb = hg_mtab_col(t, "base_points"), cd = hg_mtab_col(t, "points_per_day");
    ph->fees = hg_xcalloc((size_t)t->nrows + 1, sizeof *ph->fees);
    for (int r = 0; r < t->nrows; r++) {
        hg_disp_fee *f = &ph->fees[ph->nfees];
        const char *form = hg_mtab_cell(t, r, cf), *code = hg_mtab_cell(t, r, cc);
        f->form = !strcmp(form, "internal")   ? 1
                  : !strcmp(form, "prn")      ? 2
                  : !strcmp(form, "external") ? 3
                                              : 0;
        double a0, a1, b, pd;
        if (!f->form) {
            hg_diag_at(d, t->file, t->lines[r], cf + 1,
                       "form '%s' must be internal, prn or external", form);
            continue;
        }
        if (hg_mtab_num(t, r, c0, 1, 999, &a0, d) || hg_mtab_num(t, r, c1, 1, 999, &a1, d) ||
            hg_mtab_num(t, r, cb, 0, 1e5, &b, d) || hg_mtab_num(t, r, cd, 0, 1e4, &pd, d))
            continue;
        f->act_row = hg_mtab_find(a, code);
        if (f->act_row < 0) {
            hg_diag_at(d, t->file, t->lines[r], cc + 1, "調剤行為 code %s is not in %s", code,
                       a->file);
            continue;
        }
        f->days_from = (int)a0;
        f->days_to = (int)a1;
        f->base = (int)b;
        f->per_day = (int)pd;
        ph->nfees++;
    }
}

static int pha_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_pharmacy *ph = hg_xcalloc(1, sizeof *ph);
    *state = ph;
    int before = d->nerrors;
    char path[4096];
    static const char *const rda[] = {"dspng_act_cd", "dan_kanj", "sc_new_now_score", NULL};
    static const char *const rfe[] = {"form",        "days_from",      "days_to", "dspng_act_cd",
                                      "base_points", "points_per_day", NULL};
    hg_path(path, sizeof path, p->masters_dir, "pharmacy", "dspng_act.csv");
    int ok = hg_mtab_load(&ph->dspng_act, "dspng_act", path, rda, 1, d) == 0;
    hg_path(path, sizeof path, p->masters_dir, "pharmacy", "dispensing_fees.csv");
    ok &= hg_mtab_load(&ph->fees_tab, "dispensing_fees", path, rfe, 0, d) == 0;
    if (ok) load_fees(ph, d);
    hg_path(path, sizeof path, p->specs_dir, "model", "pharmacy.yaml");
    if (ok)
        hg_bind_file(path, "pharmacy", pha_params, sizeof pha_params / sizeof pha_params[0], ph, m,
                     d);
    return d->nerrors == before ? 0 : -1;
}

static void pha_free(void *state)
{
    hg_pharmacy *ph = state;
    if (!ph) return;
    hg_mtab_free(&ph->dspng_act);
    hg_mtab_free(&ph->fees_tab);
    free(ph->dspng_points);
    free(ph->fees);
    free(ph);
}

static int pha_masters(void *state, hg_mtab **out, int max)
{
    hg_pharmacy *ph = state;
    if (max < 1 || !ph->dspng_act.kind.name) return 0;
    out[0] = &ph->dspng_act;
    return 1;
}

const hg_disp_fee *hg_disp_fee_for(const hg_pharmacy *ph, int form, int qty)
{
    for (int i = 0; i < ph->nfees; i++)
        if (ph->fees[i].form == form && qty >= ph->fees[i].days_from && qty <= ph->fees[i].days_to)
            return &ph->fees[i];
    return NULL;
}

/* ---- receipts ---- */

/* What the records of one receipt share. */
typedef struct pha_out {
    const hg_fx *fx;
    const hg_pharmacy *ph;
    const hg_person *p;
    const hg_spell *s;
    int32_t ym;
    char seq2[40];
    int ko, seq1;
    const char *burd;
} pha_out;

/* The pharmacy filling prescription i: mostly the one next to the prescriber (門前), else the
 * person's usual pharmacy. */
static int pharmacy_for(const hg_fx *fx, const hg_person *p, const hg_rx *rx, int i)
{
    const hg_pharmacy *ph = fx->state;
    gsl_rng *r = fx->r;
    hg_rng_stream(r, fx->seed, p->idx, hg_stream(HG_S_PHARMACY) + (uint64_t)i);
    uint64_t h;
    if (gsl_rng_uniform(r) < ph->gate_share)
        h = hg_mix64((uint64_t)p->pref * 1000003ULL + (uint64_t)rx->hospital * 100003ULL +
                     (uint64_t)rx->inst);
    else
        h = hg_mix64(p->idx ^ hg_stream(HG_S_USUAL_PHARMACY));
    return 1 + (int)(h % (uint64_t)ph->pharmacies_per_pref);
}

static const char *const form_code[] = {"", "1", "3", "5"}; /* 内服, 屯服, 外用 (剤形コード) */

/* 調剤料 of item it (the n-th 内服 剤 of its 受付 counting in *internal), or NULL when unpaid. */
static const hg_disp_fee *paid_fee(const pha_out *o, const hg_rx_item *it, int *internal)
{
    const hg_disp_fee *f = hg_disp_fee_for(o->ph, it->form, it->qty);
    return f && (it->form != 1 || (*internal)++ < o->ph->max_internal_fees) ? f : NULL;
}

static int64_t fee_points(const hg_disp_fee *f, int qty)
{
    return f->base + (int64_t)f->per_day * (qty - f->days_from + 1);
}

/* The receipt's total points: per 受付 the basic fees, per 剤 its drugs and 調剤料. */
static int64_t total_points(const pha_out *o, const hg_rx *const *rxs, int n)
{
    const hg_pharmacy *ph = o->ph;
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        total += ph->dspng_points[ph->basic] + ph->dspng_points[ph->history_mgmt];
        int internal = 0;
        const hg_rx_item *items = hg_rx_items(o->fx->h, rxs[i]);
        for (int j = 0; j < rxs[i]->nitems; j++) {
            const hg_rx_item *it = &items[j];
            int64_t unit =
                hg_drug_points(hg_regimen_yen(o->fx->m, it->cond, it->regimen, it->form));
            total += unit * it->qty;
            const hg_disp_fee *f = paid_fee(o, it, &internal);
            if (f) total += fee_points(f, it->qty);
        }
    }
    return total;
}

/* YK, RE and HO (or KO). */
static void emit_head(pha_out *o, const hg_inst *phc, const hg_inst *pr, int32_t first_day, int n,
                      int64_t total)
{
    const hg_person *p = o->p;
    const hg_spell *s = o->s;
    char tdfk[3] = {(char)('0' + p->pref / 10), (char)('0' + p->pref % 10), '\0'};
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "YK", o->ko, o->ym, p->idx);
    v[YK_exam_pay_inst] = hg_vstr(hg_payer(s));
    v[YK_tdfk] = hg_vstr(tdfk);
    v[YK_score_list] = hg_vstr("4");
    v[YK_drgst_cd_org] = hg_vstr(phc->org);
    v[YK_drgst_cd] = hg_vstr(phc->anon);
    v[YK_req_ym] = hg_vdate(hg_ym_add(o->ym, 1) * 100 + 1);
    v[YK_ori_snd_div] = hg_vint(hg_payer(s)[0] - '0');
    hg_fx_emit(o->fx, K_YK, v);

    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "RE", o->ko, o->ym, p->idx);
    hg_re_id id;
    hg_re_identity(v, PRE_age, PRE_age_band5, &id, '4', p, s, o->ym, first_day, 0);
    v[PRE_presc_tdfk] = hg_vstr(tdfk);
    v[PRE_presc_score_list] = hg_vstr("1");
    v[PRE_presc_inst_org] = hg_vstr(pr->org);
    v[PRE_presc_inst] = hg_vstr(pr->anon);
    hg_fx_emit(o->fx, K_RE, v);

    memset(v, 0, sizeof v);
    if (!o->ko) {
        hg_common(v, o->seq1++, o->seq2, "HO", o->ko, o->ym, p->idx);
        v[PHO_insurer_no_org] = hg_vstr(s->insurer_no);
        v[PHO_insurer_no] = hg_vstr(s->insurer_anon);
        v[PHO_rcptn_times] = hg_vint(n);
        v[PHO_total_score] = hg_vint(total);
        v[PHO_burden] = hg_vint(hg_burden(total, hg_person_copay(p, s, first_day)));
        hg_fx_emit(o->fx, K_HO, v);
    } else {
        hg_common(v, o->seq1++, o->seq2, "KO", o->ko, o->ym, p->idx);
        v[PKO_defrayer_no] = hg_vstr(s->defrayer);
        v[PKO_rcptn_times] = hg_vint(n);
        v[PKO_total_score] = hg_vint(total);
        v[PKO_pub_money] = hg_vint(total * 10);
        hg_fx_emit(o->fx, K_KO, v);
    }
}

/* One 剤: its SH (処方), CZ (調剤) and the IY rows of its drugs. no: its number on the receipt;
 * i, j: its 受付 and its place in the prescription. */
static void emit_item(pha_out *o, const hg_rx *rx, const hg_rx_item *it, int no, int i, int j,
                      int *internal)
{
    const hg_model *m = o->fx->m;
    const hg_condition *cd = &m->conds[it->cond];
    int64_t unit = hg_drug_points(hg_regimen_yen(m, it->cond, it->regimen, it->form));
    const hg_regimen_drug *first = NULL;
    for (int d = 0; d < cd->reg_len[it->regimen]; d++)
        if (m->regdrugs[cd->reg_first[it->regimen] + d].form == it->form && !first)
            first = &m->regdrugs[cd->reg_first[it->regimen] + d];
    char nos[3] = {(char)('0' + no / 10 % 10), (char)('0' + no % 10), '\0'};
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "SH", o->ko, o->ym, o->p->idx);
    v[SH_no] = hg_vstr(nos);
    v[SH_dsg_frm_cd] = hg_vstr(form_code[it->form]);
    v[SH_drctn_use_cd] = first && first->direction[0] ? hg_vstr(first->direction) : hg_vnull();
    v[SH_unit_score] = hg_vint(unit);
    v[SH_prspt_no] = hg_vint(i + 1);
    v[SH_prspt_sub_no] = hg_vint(j + 1);
    hg_fx_emit(o->fx, K_SH, v);

    const hg_disp_fee *f = paid_fee(o, it, internal);
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "CZ", o->ko, o->ym, o->p->idx);
    v[CZ_prspt_date] = hg_vdate(rx->date);
    v[CZ_dspng_date] = hg_vdate(rx->date);
    v[CZ_rcptn_time] = hg_vint(i + 1);
    v[CZ_dspng_amnt] = hg_vint(it->qty);
    v[CZ_burd_div] = hg_vstr(o->burd);
    v[CZ_dsc_cd] = f ? hg_vstr(hg_mtab_cell(&o->ph->dspng_act, f->act_row, 0)) : hg_vnull();
    v[CZ_dsc_score] = f ? hg_vint(fee_points(f, it->qty)) : hg_vnull();
    v[CZ_drc_score] = hg_vint(unit * it->qty);
    v[CZ_prspt_no] = hg_vint(i + 1);
    v[CZ_prspt_sub_no] = hg_vint(j + 1);
    hg_fx_emit(o->fx, K_CZ, v);

    for (int d = 0; d < cd->reg_len[it->regimen]; d++) {
        const hg_regimen_drug *g = &m->regdrugs[cd->reg_first[it->regimen] + d];
        if (g->form != it->form) continue;
        memset(v, 0, sizeof v);
        hg_common(v, o->seq1++, o->seq2, "IY", o->ko, o->ym, o->p->idx);
        v[PIY_burd_div] = hg_vstr(o->burd);
        v[PIY_medicine_cd] = hg_vstr(hg_mtab_cell(&m->medicine, g->med_row, 0));
        v[PIY_use_amnt] = hg_vdec(g->amount_1e5, 5);
        v[PIY_prspt_no] = hg_vint(i + 1);
        v[PIY_prspt_sub_no] = hg_vint(j + 1);
        hg_fx_emit(o->fx, K_IY, v);
    }
}

/* The KI record of 受付 i: 調剤基本料 and 薬剤服用歴管理指導料. */
static void emit_ki(pha_out *o, int i)
{
    const hg_pharmacy *ph = o->ph;
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "KI", o->ko, o->ym, o->p->idx);
    v[KI_rcptn_time] = hg_vint(i + 1);
    v[KI_burd_div] = hg_vstr(o->burd);
    v[KI_dbc_cd] = hg_vstr(hg_mtab_cell(&ph->dspng_act, ph->basic, 0));
    v[KI_dbc_score] = hg_vint(ph->dspng_points[ph->basic]);
    v[KI_pmc01_cd] = hg_vstr(hg_mtab_cell(&ph->dspng_act, ph->history_mgmt, 0));
    v[KI_pmc01_times] = hg_vint(1);
    v[KI_pmc01_score] = hg_vint(ph->dspng_points[ph->history_mgmt]);
    hg_fx_emit(o->fx, K_KI, v);
}

static void emit_receipt(const hg_fx *fx, const hg_person *p, int mi, int32_t ym, int k,
                         const hg_spell *s, int pharmacy, const hg_rx *const *rxs, int n)
{
    pha_out o = {.fx = fx, .ph = fx->state, .p = p, .s = s, .ym = ym, .seq1 = 1};
    hg_seq2(o.seq2, sizeof o.seq2, fx->seed, 'P', p->idx, mi, k);
    o.ko = s->type == HG_INS_SEIHO;
    o.burd = o.ko ? "5" : "1";
    hg_inst phc, pr;
    hg_inst_get(fx->m, fx->seed, p->pref, HG_INST_PHARMACY, pharmacy, &phc);
    hg_inst_get(fx->m, fx->seed, p->pref, rxs[0]->hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC,
                rxs[0]->inst, &pr);
    emit_head(&o, &phc, &pr, rxs[0]->date, n, total_points(&o, rxs, n));
    int no = 0;
    for (int i = 0; i < n; i++) {
        int internal = 0;
        const hg_rx_item *items = hg_rx_items(fx->h, rxs[i]);
        for (int j = 0; j < rxs[i]->nitems; j++)
            emit_item(&o, rxs[i], &items[j], ++no, i, j, &internal);
        emit_ki(&o, i);
    }
}

/* Per worker: the month's prescriptions with their pharmacy and spell. */
typedef struct pha_scratch {
    int *ph, *done;
    const hg_spell **sp;
    const hg_rx **group;
    int cap;
} pha_scratch;

static void pha_scratch_free(void *scratch)
{
    pha_scratch *w = scratch;
    free(w->ph);
    free(w->done);
    free(w->sp);
    free(w->group);
}

static void pha_emit(const hg_fx *fx, const hg_person *p)
{
    const hg_history *h = fx->h;
    pha_scratch *w = fx->scratch;
    int i = 0;
    while (i < h->nrx) {
        /* the prescriptions of one month */
        int32_t ym = h->rx[i].date / 100;
        int j = i;
        while (j < h->nrx && h->rx[j].date / 100 == ym) j++;
        int n = j - i;
        if (n > w->cap) {
            w->cap = n;
            w->ph = hg_xrealloc(w->ph, (size_t)n * sizeof *w->ph);
            w->done = hg_xrealloc(w->done, (size_t)n * sizeof *w->done);
            w->sp = hg_xrealloc(w->sp, (size_t)n * sizeof *w->sp);
            w->group = hg_xrealloc(w->group, (size_t)n * sizeof *w->group);
        }
        for (int a = 0; a < n; a++) {
            w->ph[a] = pharmacy_for(fx, p, &h->rx[i + a], i + a);
            w->sp[a] = hg_person_spell(p, h->rx[i + a].date);
            w->done[a] = w->sp[a] == NULL;
        }
        int mi = (ym / 100 - fx->per->start_ym / 100) * 12 + ym % 100 - fx->per->start_ym % 100;
        int k = 0;
        for (int a = 0; a < n; a++) {
            if (w->done[a]) continue;
            /* one receipt per pharmacy, prescribing institution and insurance spell, as the
             * pharmacy bills them */
            const hg_rx *ra = &h->rx[i + a];
            int g = 0;
            for (int b = a; b < n; b++)
                if (!w->done[b] && w->ph[b] == w->ph[a] && w->sp[b] == w->sp[a] &&
                    h->rx[i + b].hospital == ra->hospital && h->rx[i + b].inst == ra->inst) {
                    w->group[g++] = &h->rx[i + b];
                    w->done[b] = 1;
                }
            emit_receipt(fx, p, mi, ym, k++, w->sp[a], w->ph[a], w->group, g);
        }
        i = j;
    }
}

const hg_family hg_family_pharmacy = {
    .name = "pharmacy",
    .title = "調剤 receipts",
    .kinds = pha_kinds,
    .nkinds = K__N,
    .reads = HG_HIST_RX,
    .load = pha_load,
    .free = pha_free,
    .masters = pha_masters,
    .scratch_size = sizeof(pha_scratch),
    .scratch_free = pha_scratch_free,
    .emit = pha_emit,
};
