/* hicgen — the 医科・DPC family: a person's month, simulated as outpatient visits (regular
 * visits of chronic conditions and cancers, first visits and revisits of acute episodes) and
 * hospital days, written as one receipt per institution and insurance spell (receipt.c). Its
 * 院外 prescriptions and drug claims go to the person's history for 調剤 and 特定健診. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_DPC_RE, DRE);
HG_FIELD_TABLE(HG_REC_DPC_BU, BU);
HG_FIELD_TABLE(HG_REC_DPC_SB, SB);
HG_FIELD_TABLE(HG_REC_DPC_KK, KK);
HG_FIELD_TABLE(HG_REC_DPC_HH, HH);
HG_FIELD_TABLE(HG_REC_DPC_GT, GT);
HG_FIELD_TABLE(HG_REC_DPC_CD, CDR);
static const hg_reckind med_kinds[K_MED__N] = {MED_KINDS(HG_X_KIND)};
_Static_assert(DRE__N <= HG_MAX_FIELDS && DT__N <= HG_MAX_FIELDS, "raise HG_MAX_FIELDS");

enum { V_REGULAR, V_CANCER, V_ACUTE_FIRST, V_ACUTE_AGAIN };

typedef struct visit {
    int32_t date;
    int inst; /* clinic or hospital number */
    int hospital;
    int kind;
    int episode; /* acute episode index, or -1 */
    int dept;    /* 診療科 */
    int done;    /* already on a receipt */
} visit;

static int alive_on(const hg_person *p, int32_t ymd)
{
    return !p->death || ymd < p->death;
}

/* Is the person living in a care facility on ymd (and not in hospital)? (the history's
 * residence, written by the 介護 family's life hook) */
static int in_facility(const hg_history *h, const hg_person *p, int32_t ymd)
{
    if (!h->facility_from || ymd < h->facility_from || (p->death && ymd >= p->death)) return 0;
    return !hg_person_in_stay(p, ymd);
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

/* A new visit at the end of the month's list. */
static visit *add_visit(ctx *c, int *n)
{
    hg_vec_reserve_((void **)&c->vs, &c->vs_cap, *n + 1, sizeof *c->vs);
    return &c->vs[(*n)++];
}

/* The month's outpatient visits, in the order they were drawn. */
static int collect_visits(ctx *c)
{
    int n = 0;
    const hg_person *p = c->p;
    int nd = c->me % 100;
    /* regular visits: one clinic per department for chronic conditions, the person's hospital
     * for cancers */
    for (int cancer = 0; cancer <= 1; cancer++) {
        for (int dept = 1; dept < 100; dept++) {
            int cad = chronic_cadence(c, cancer, dept);
            if (!cad) continue;
            int32_t d = c->ym * 100 + 1 + (int)gsl_rng_uniform_int(c->r, (unsigned long)nd);
            if ((c->mi + p->visit_phase + dept) % cad != 0) continue;
            /* a condition that begins this month is first seen on or after its onset */
            if (d < c->earliest[cancer][dept]) d = c->earliest[cancer][dept];
            if (!alive_on(p, d) || hg_person_in_stay(p, d)) continue;
            /* a care-facility resident is mostly seen by the facility's own doctor */
            double keep = gsl_rng_uniform(c->r);
            if (in_facility(c->fx->h, p, d) && keep >= c->md->mp.facility_keep) continue;
            *add_visit(c, &n) =
                (visit){d,      cancer ? p->home_hospital : hg_person_clinic(c->m, p, dept),
                        cancer, cancer ? V_CANCER : V_REGULAR,
                        -1,     dept,
                        0};
        }
    }
    for (int i = 0; i < p->nepisodes; i++) {
        const hg_episode *ep = &p->episodes[i];
        double u = gsl_rng_uniform(c->r);
        if (ep->date < c->ms || ep->date > c->me || ep->admitted) continue;
        if (!alive_on(p, ep->date) || hg_person_in_stay(p, ep->date)) continue;
        int dept = c->m->conds[ep->cond].dept;
        *add_visit(c, &n) = (visit){ep->date, ep->clinic, 0, V_ACUTE_FIRST, i, dept, 0};
        unsigned again = gsl_ran_poisson(c->r, c->md->mp.revisit_mean);
        int32_t d = ep->date;
        const hg_med_params *mp = &c->md->mp;
        for (unsigned j = 0; j < again && j < (unsigned)mp->max_revisits; j++) {
            d = hg_ymd(hg_days(d) + mp->revisit_after + (int)(u * mp->revisit_spread) +
                       (int)j * mp->revisit_spacing);
            if (d > c->me || !alive_on(p, d) || hg_person_in_stay(p, d)) break;
            *add_visit(c, &n) = (visit){d, ep->clinic, 0, V_ACUTE_AGAIN, i, dept, 0};
        }
    }
    return n;
}

static int rx_days(ctx *c, const visit *v)
{
    if (v->kind == V_ACUTE_FIRST || v->kind == V_ACUTE_AGAIN) return c->md->mp.acute_rx_days;
    int cad = chronic_cadence(c, v->kind == V_CANCER, v->dept);
    int days = c->md->mp.rx_days_per_month * (cad ? cad : 1);
    return days > c->md->mp.max_rx_days ? c->md->mp.max_rx_days : days;
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

/* 初診 or 再診 (with 外来管理加算), 特定疾患療養管理料 and the routine tests of a visit. */
static void visit_fees(ctx *c, const visit *v, const int *conds, int nc, int day)
{
    const hg_med_codes *k = &c->md->codes;
    const hg_person *p = c->p;
    int has_chronic_here = v->kind == V_ACUTE_FIRST && !v->hospital &&
                           v->inst == hg_person_clinic(c->m, p, v->dept) &&
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
        med_add_si(c, 11, k->first_visit, day, 1);
    else {
        med_add_si(c, 12, k->revisit, day, 1);
        med_add_si(c, 12, k->mgmt_add, day, 1);
    }
    int mgmt = 0;
    for (int i = 0; i < nc; i++) mgmt |= c->m->conds[conds[i]].mgmt;
    if (mgmt && !first && v->kind != V_ACUTE_AGAIN && !v->hospital) {
        unit *u = med_find_unit(&c->rc, REC_SI, (int64_t)13 << 32 | k->chronic_mgmt);
        if (!u || u->times < c->md->mp.chronic_mgmt_per_month)
            med_add_si(c, 13, k->chronic_mgmt, day, 1);
    }
    if (v->kind != V_ACUTE_AGAIN)
        for (int i = 0; i < nc; i++) med_add_tests(c, conds[i], day, v->kind == V_ACUTE_FIRST);
}

/* The disease rows of a visit: an episode's disease (and a 疑い it was first taken for), or
 * the chronic conditions treated. */
static void visit_diseases(ctx *c, const visit *v, const int *conds, int nc)
{
    const hg_person *p = c->p;
    for (int i = 0; i < nc; i++) {
        int k = conds[i];
        const hg_condition *cd = &c->m->conds[k];
        if (v->episode >= 0) {
            const hg_episode *ep = &p->episodes[v->episode];
            med_add_sy(c, p->conds[k].dis_row, ep->date, 2, 0);
            double u = gsl_rng_uniform(c->r);
            if (v->kind == V_ACUTE_FIRST && cd->suspect_of >= 0 && u < cd->suspect_prob) {
                const hg_condition *sc = &c->m->conds[cd->suspect_of];
                med_add_sy(c, sc->dis_row[0], ep->date, 4, 1);
            }
        } else {
            med_add_sy(c, p->conds[k].dis_row, p->conds[k].onset, 1, 0);
        }
    }
}

/* Prescriptions of a visit: dispensed here (院内) with 調剤料, 処方料 and 薬剤情報提供料, or a
 * 処方箋 (院外) that goes to the history for the pharmacy. */
static void visit_prescriptions(ctx *c, const visit *v, const int *conds, int nc, int day,
                                int outside_rx)
{
    const hg_med_codes *k = &c->md->codes;
    const hg_person *p = c->p;
    int days = rx_days(c, v), any = 0, nslip = 0;
    for (int i = 0; i < nc; i++) {
        int cond = conds[i], reg = p->conds[cond].regimen;
        for (int form = 1; form <= 3; form++) {
            int qty = form == 1 ? days : 1;
            if (!outside_rx) {
                any |= med_add_rx(c, cond, reg, form, day, qty, 0);
            } else if (med_regimen_has_form(c->m, cond, reg, form)) {
                hg_vec_reserve_((void **)&c->slip, &c->slip_cap, nslip + 1, sizeof *c->slip);
                c->slip[nslip++] = (hg_rx_item){cond, reg, form, qty};
                any = 1;
            }
        }
    }
    if (!any) return;
    if (outside_rx) {
        hg_history *h = c->fx->h;
        hg_history_rx(h, v->date, v->hospital, v->inst);
        for (int i = 0; i < nslip; i++) hg_history_rx_item(h, c->slip[i]);
        for (int i = 0; i < nslip; i++) hg_history_drug(h, c->ym, c->slip[i].cond);
        med_add_si(c, 80, k->rx_slip, day, 1);
    } else {
        med_add_si(c, 24, k->dispense_fee, day, 1);
        med_add_si(c, 25, k->rx_fee, day, 1);
        if (!med_has_si(c, 13, k->drug_info)) med_add_si(c, 13, k->drug_info, day, 1);
    }
}

static void outpatient_visit(ctx *c, const visit *v, int outside_rx, int *conds)
{
    int day = v->date % 100;
    int nc = treated(c, v, conds);
    c->rc.visit_days |= 1u << (day - 1);
    visit_fees(c, v, conds, nc, day);
    visit_diseases(c, v, conds, nc);
    if (v->kind == V_ACUTE_AGAIN) return;
    visit_prescriptions(c, v, conds, nc, day, outside_rx);
}

/* The earliest visit not yet on a receipt (and, with inst >= 0, at that institution and under
 * insurance spell s), or -1. */
static int next_visit(const ctx *c, int n, int inst, int hospital, const hg_spell *s)
{
    const visit *vs = c->vs;
    int j = -1;
    for (int i = 0; i < n; i++) {
        if (vs[i].done) continue;
        if (inst >= 0 && (vs[i].inst != inst || vs[i].hospital != hospital ||
                          hg_person_spell(c->p, vs[i].date) != s))
            continue;
        if (j < 0 || vs[i].date < vs[j].date || (vs[i].date == vs[j].date && i < j)) j = i;
    }
    return j;
}

/* One receipt per institution and insurance spell, in order of first visit. */
static void outpatient(ctx *c, int *conds)
{
    int n = collect_visits(c);
    for (int first; (first = next_visit(c, n, -1, 0, NULL)) >= 0;) {
        const visit f = c->vs[first];
        const hg_spell *s = hg_person_spell(c->p, f.date);
        med_clear_receipt(&c->rc);
        hg_inst in;
        hg_inst_get(c->m, c->fx->seed, c->p->pref, f.hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC,
                    f.inst, &in);
        for (int j; (j = next_visit(c, n, f.inst, f.hospital, s)) >= 0;) {
            c->vs[j].done = 1;
            if (s) outpatient_visit(c, &c->vs[j], in.outside_rx, conds);
        }
        if (s) med_emit_receipt(c, s, f.hospital, f.inst, NULL, f.date, f.dept, NULL, 0);
    }
}

/* A hospital day's items: 入院基本料 every day, 初診 (and a comment) on admission, tests on
 * the admission day and then every few days, injections in the first days. */
static void ward_days(ctx *c, const hg_stay *st, int d0, int d1, int admitted_here)
{
    const hg_med_params *mp = &c->md->mp;
    const hg_med_codes *k = &c->md->codes;
    for (int d = d0; d <= d1; d++) {
        c->rc.visit_days |= 1u << (d - 1);
        med_add_si(c, 90, k->inpatient_basic, d, 1);
    }
    if (admitted_here) {
        med_add_si(c, 11, k->first_visit, d0, 1);
        med_add_comment(c, 90, d0);
    }
    for (int d = d0; d <= d1; d++) {
        int since = hg_days(c->ym * 100 + d) - hg_days(st->admit);
        if (since % mp->test_every_days != 0) continue;
        med_add_tests(c, st->cond, d, since == 0);
    }
    const hg_pcond *pc = &c->p->conds[st->cond];
    for (int d = d0; d <= d1; d++)
        if (hg_days(c->ym * 100 + d) - hg_days(st->admit) < mp->injection_days)
            med_add_rx(c, st->cond, pc->regimen, 4, d, 1, 0);
}

/* The diseases of a hospital month: the cause first (its outcome on discharge), then the
 * other chronic conditions, whose regular drugs continue over the stay. */
static void ward_diseases(ctx *c, const hg_stay *st, int32_t from, int32_t seg_end, int ndays)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    const hg_pcond *pc = &p->conds[st->cond];
    med_add_sy(c, pc->dis_row,
               st->cond < m->nconds && m->conds[st->cond].kind == HG_COND_ACUTE
                   ? st->admit
                   : (pc->onset ? pc->onset : st->admit),
               1, 0);
    for (int k = 0; k < m->nconds; k++) {
        if (k == st->cond || m->conds[k].kind == HG_COND_ACUTE || !hg_person_has(p, k, from))
            continue;
        med_add_sy(c, p->conds[k].dis_row, p->conds[k].onset, 1, 0);
        med_add_rx(c, k, p->conds[k].regimen, 1, from % 100, ndays, 0);
    }
    if (st->discharge <= seg_end && c->rc.nsy > 0)
        c->rc.sy[0].outcome = st->died ? 3 : m->conds[st->cond].kind == HG_COND_ACUTE ? 2 : 1;
}

/* A DPC hospital bills a DPC-coded cause per day (包括): every item but 初診料 becomes coding
 * data; the discharge prescription stays 出来高. Returns the DPC code, or NULL (医科入院). */
static const hg_dpc *dpc_billing(ctx *c, const hg_stay *st, int32_t from, int32_t seg_end)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    hg_inst hin;
    hg_inst_get(m, c->fx->seed, p->pref, HG_INST_HOSPITAL, st->hospital, &hin);
    int x = c->md->cond_dpc[st->cond];
    if (!hin.dpc || x < 0) return NULL;
    for (int i = 0; i < c->rc.nunits; i++)
        c->rc.u[i].incl = !(c->rc.u[i].rec == REC_SI && c->rc.u[i].ident == 11);
    if (st->discharge <= seg_end && !st->died)
        for (int k = 0; k < m->nconds; k++)
            if (m->conds[k].kind != HG_COND_ACUTE && hg_person_has(p, k, from))
                med_add_rx(c, k, p->conds[k].regimen, 1, st->discharge % 100,
                           c->md->mp.discharge_rx_days, 1);
    return &c->md->dpc[x];
}

/* The receipts of a stay in this month: one per insurance spell it spans. */
static void inpatient(ctx *c, const hg_stay *st)
{
    const hg_person *p = c->p;
    int32_t from = st->admit > c->ms ? st->admit : c->ms;
    int32_t to = st->discharge < c->me ? st->discharge : c->me;
    while (from <= to) {
        const hg_spell *s = hg_person_spell(p, from);
        if (!s) {
            from = hg_ymd(hg_days(from) + 1);
            continue;
        }
        int32_t seg_end = s->to && s->to < to ? s->to : to;
        med_clear_receipt(&c->rc);
        int d0 = from % 100, d1 = seg_end % 100;
        ward_days(c, st, d0, d1, st->admit >= from);
        ward_diseases(c, st, from, seg_end, d1 - d0 + 1);
        const hg_dpc *dpc = dpc_billing(c, st, from, seg_end);
        med_emit_receipt(c, s, 1, st->hospital, st, from, c->m->conds[st->cond].dept, dpc, seg_end);
        from = hg_ymd(hg_days(seg_end) + 1);
    }
}

static void med_emit(const hg_fx *fx, const hg_person *p)
{
    ctx *c = fx->scratch;
    const hg_period *per = fx->per;
    c->fx = fx;
    c->md = fx->state;
    c->m = fx->m;
    c->p = p;
    c->r = fx->r;
    hg_vec_reserve_((void **)&c->treat, &c->treat_cap, fx->m->nconds + 1, sizeof *c->treat);
    for (int mi = 0; mi < per->months; mi++) {
        c->mi = mi;
        c->ym = hg_ym_add(per->start_ym, mi);
        c->ms = c->ym * 100 + 1;
        c->me = c->ym * 100 + hg_month_days(c->ym / 100, c->ym % 100);
        c->nrcpt = 0;
        if (p->death && p->death < c->ms) break;
        hg_rng_stream(fx->r, fx->seed, p->idx, hg_stream(HG_S_MED_MONTH) + (uint64_t)mi);
        month_cadence(c);
        for (int i = 0; i < p->nstays; i++) inpatient(c, &p->stays[i]);
        outpatient(c, c->treat);
    }
}

static void med_scratch_free(void *scratch)
{
    ctx *c = scratch;
    med_receipt_free(&c->rc);
    free(c->vs);
    free(c->slip);
    free(c->treat);
}

const hg_family hg_family_med = {
    .name = "med",
    .title = "医科・DPC receipts",
    .kinds = med_kinds,
    .nkinds = K_MED__N,
    .writes = HG_HIST_RX | HG_HIST_DRUGS,
    .reads = HG_HIST_RESIDENCE,
    .load = hg_med_load,
    .free = hg_med_free,
    .masters = hg_med_masters,
    .scratch_size = sizeof(ctx),
    .scratch_free = med_scratch_free,
    .emit = med_emit,
};
