/* hicgen — the 医科・DPC family: a person's month, simulated as outpatient visits (regular
 * visits of chronic conditions and cancers, first visits and revisits of acute episodes) and
 * hospital days, written as one receipt per institution and insurance spell (receipt.c). Its
 * 院外 prescriptions and drug claims go to the person's history for 調剤 and 特定健診. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/deaths.h"
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

/* A new visit at the end of the month's list. */
static visit *add_visit(ctx *c, int *n)
{
    hg_vec_reserve_((void **)&c->vs, &c->vs_cap, *n + 1, sizeof *c->vs);
    visit *v = &c->vs[(*n)++];
    memset(v, 0, sizeof *v);
    v->episode = -1;
    return v;
}

/* Where chronic condition k is treated: its hospital or its department's clinic. */
static void site_of(const ctx *c, int k, int *hospital, int *inst)
{
    const hg_pcond *pc = &c->p->conds[k];
    *hospital = pc->hospital;
    *inst = pc->hospital ? c->p->home_hospital
                         : hg_person_clinic(c->m, c->fx->per, c->p, c->m->conds[k].dept);
}

/* Is the person a 訪問診療 patient this month (med.yaml home_care)? 0 no, 1 at home, 2 in a
 * residence for older people. Certified for care on the 1st, not living in a 介護保険施設. */
static int home_care_of(const ctx *c)
{
    const hg_history *h = c->fx->h;
    const hg_med_params *mp = &c->md->mp;
    uint64_t key = hg_mix64(c->fx->seed ^ 0x686f6d65ULL) ^ c->p->idx * 0x9e3779b97f4a7c15ULL;
    int where = hg_fixed_u(key ^ 0x726573ULL) < mp->home_residence ? 2 : 1;
    if (h->facility_from && h->facility_from <= c->me) return 0;
    /* the last months of one who dies at home */
    if (c->home_death && c->ym >= hg_ym_add(c->p->death / 100, -mp->home_terminal_months))
        return where;
    int level = hg_history_care_level(h, c->ms);
    if (!level) return 0;
    int idx = level < 20 ? level - 12 : level - 21 + 2; /* 12, 13, 21-25 → 0 … 6 */
    if (idx < 0 || idx > 6) return 0;
    return hg_fixed_u(key) < mp->home_share[idx] ? where : 0;
}

/* The month's home visits of a 訪問診療 patient at the home clinic: two, on days fixed for the
 * person, when not in hospital. */
static void home_visits(ctx *c, int *n, int inst, int dept, int32_t earliest)
{
    const hg_person *p = c->p;
    const hg_med_params *mp = &c->md->mp;
    uint64_t key = hg_mix64(p->idx ^ 0x76697369ULL ^ (uint64_t)c->ym << 20);
    int d = 1 + (int)(key % (uint64_t)mp->home_visit_days[0]);
    int last = c->me % 100;
    for (int i = 0; i < 2 && d <= last; i++, d += (int)mp->home_visit_days[1]) {
        int32_t date = c->ym * 100 + d;
        if (date < earliest || !alive_on(p, date) || hg_person_in_stay(p, date)) continue;
        visit *v = add_visit(c, n);
        v->date = date, v->inst = inst, v->hospital = 0, v->dept = dept;
        v->kind = V_HOME;
    }
    /* the doctor comes when the patient dies at home */
    if (c->home_death && p->death / 100 == c->ym) {
        visit *v = add_visit(c, n);
        v->date = p->death, v->inst = inst, v->hospital = 0, v->dept = dept;
        v->kind = V_HOME_DEATH;
    }
}

/* The day a regular visit due on day `due` happens: up to the jitter either side, fixed per
 * site and due day. */
static int jittered(uint64_t key, int due, int jitter)
{
    return due + (jitter
                      ? (int)(hg_mix64(key ^ (uint64_t)due) % (uint64_t)(2 * jitter + 1)) - jitter
                      : 0);
}

/* Supply periods are counted from day 0 (1970-01-01) shifted by a phase fixed per site, so
 * which visit renews does not depend on the month being written. */
static int supply_period(int day, int phase, int supply)
{
    int d = day - phase;
    return d >= 0 ? d / supply : -((-d + supply - 1) / supply);
}

/* The regular visits of the month at one site: every `cadence` days from a phase fixed for the
 * person and the site, each up to `jitter` days early or late. The schedule is a function of the
 * date alone, so that consecutive months continue it. With `supply` (a site seen more often than
 * med.yaml rx_min_interval), only the first visit due in each supply period renews the drugs. */
static void site_visits(ctx *c, int *n, int hospital, int inst, int dept, int cadence, int supply,
                        int32_t earliest, int32_t newest_onset)
{
    const hg_person *p = c->p;
    int jitter = c->md->mp.jitter;
    uint64_t key =
        hg_mix64(p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)inst << 2 ^ (uint64_t)hospital);
    int phase = (int)(key % (uint64_t)cadence);
    int sphase = supply > 0 ? (int)(hg_mix64(key ^ 0x737570ULL) % (uint64_t)supply) : 0;
    int d0 = hg_days(c->ms), d1 = hg_days(c->me);
    int first_due = d0 - jitter - ((d0 - jitter - phase) % cadence + cadence) % cadence;
    /* a visit due during a stay comes the day after discharge (the patient resumes the
     * follow-up), unless the next one is due by then: so a due day of the month before may
     * give this month's visit */
    for (int due = first_due - cadence; due <= d1 + jitter; due += cadence) {
        int day = jittered(key, due, jitter);
        const hg_stay *in = hg_person_stay_on(p, hg_ymd(day));
        if (in) {
            day = hg_days(in->discharge) + 1;
            if (day >= due + cadence - jitter || hg_person_in_stay(p, hg_ymd(day))) continue;
        }
        if (day < d0 || day > d1) continue;
        int32_t date = hg_ymd(day);
        if (date < earliest || !alive_on(p, date)) continue;
        /* a care-facility resident is mostly seen by the facility's own doctor */
        double keep = gsl_rng_uniform(c->r);
        if (in_facility(c->fx->h, p, date) && keep >= c->md->mp.facility_keep) continue;
        visit *v = add_visit(c, n);
        v->date = date, v->inst = inst, v->hospital = hospital, v->dept = dept;
        v->kind = V_REGULAR;
        v->cadence = cadence;
        v->supply = supply;
        /* the first visit of a supply period: the one due before it was due in an earlier
         * period (due days, not the jittered ones, which a short interval can reorder) */
        v->renew = !supply || supply_period(due, sphase, supply) !=
                                  supply_period(due - cadence, sphase, supply);
        v->first = newest_onset &&
                   hg_days(date) - hg_days(newest_onset) < c->md->mp.new_patient_days &&
                   newest_onset == earliest;
    }
}

/* The month's regular visits: one schedule per site, at the shortest interval of the
 * conditions treated there; the first after a new onset is that condition's first visit. */
static void regular_visits(ctx *c, int *n)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    for (int k = 0; k < m->nconds; k++) {
        const hg_condition *cd = &m->conds[k];
        if (cd->kind == HG_COND_ACUTE || !hg_person_has(p, k, c->me)) continue;
        int hosp, inst;
        site_of(c, k, &hosp, &inst);
        /* the site's schedule is handled once, by its first condition */
        int seen = 0;
        for (int j = 0; j < k && !seen; j++) {
            int h2, i2;
            if (m->conds[j].kind == HG_COND_ACUTE || !hg_person_has(p, j, c->me)) continue;
            site_of(c, j, &h2, &i2);
            seen = h2 == hosp && i2 == inst;
        }
        if (seen) continue;
        int cadence = 0, shortest = k;
        int32_t earliest = 0, newest = 0;
        for (int j = k; j < m->nconds; j++) {
            int h2, i2;
            if (m->conds[j].kind == HG_COND_ACUTE || !hg_person_has(p, j, c->me)) continue;
            site_of(c, j, &h2, &i2);
            if (h2 != hosp || i2 != inst) continue;
            int cad = p->conds[j].cadence > 0 ? p->conds[j].cadence : 28;
            if (!cadence || cad < cadence) cadence = cad, shortest = j;
            int32_t on = p->conds[j].onset;
            if (!earliest || on < earliest) earliest = on;
            if (on > newest) newest = on;
        }
        /* a site seen very often renews its drugs for its most frequent condition's days
         * supplied (med.yaml rx_min_interval), a draw fixed per person and condition */
        int supply = 0;
        if (cadence < c->md->mp.rx_min_interval) {
            double u = hg_fixed_u(p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)shortest * 0x73ULL);
            supply = hg_ddist_quantile(&m->conds[shortest].days, u);
            if (supply < cadence) supply = 0;
        }
        if (c->home_care && !hosp && inst == p->home_clinic)
            home_visits(c, n, inst, cd->dept, earliest);
        else
            site_visits(c, n, hosp, inst, cd->dept, cadence, supply, earliest, newest);
    }
}

/* Does the person get regular care at this institution on date (so a new complaint there is
 * a 再診)? */
static int regular_patient(const ctx *c, int hospital, int inst, int32_t date)
{
    for (int k = 0; k < c->m->nconds; k++) {
        int h, i;
        if (c->m->conds[k].kind == HG_COND_ACUTE || !hg_person_has(c->p, k, date)) continue;
        site_of(c, k, &h, &i);
        if (h == hospital && i == inst) return 1;
    }
    return 0;
}

/* The visits of the month's acute episodes: the first on the episode's date, then its revisits
 * at the episode's interval. */
static void episode_visits(ctx *c, int *n)
{
    const hg_person *p = c->p;
    for (int i = 0; i < p->nepisodes; i++) {
        const hg_episode *ep = &p->episodes[i];
        if (ep->admitted) continue;
        const hg_condition *cd = &c->m->conds[ep->cond];
        int gap =
            hg_ddist_mean(&cd->revisit_gap) > 0 ? (int)lround(hg_ddist_mean(&cd->revisit_gap)) : 7;
        for (int j = 0; j < ep->nvisits; j++) {
            int32_t d = hg_ymd(hg_days(ep->date) + j * gap);
            if (d < c->ms || d > c->me) continue;
            if (!alive_on(p, d) || hg_person_in_stay(p, d)) continue;
            visit *v = add_visit(c, n);
            v->date = d, v->inst = ep->clinic, v->hospital = 0, v->dept = cd->dept;
            v->kind = j ? V_ACUTE_AGAIN : V_ACUTE_FIRST;
            v->episode = i;
            v->first = !j && !regular_patient(c, 0, ep->clinic, d);
        }
    }
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
static void outpatient(ctx *c)
{
    int n = 0;
    regular_visits(c, &n);
    episode_visits(c, &n);
    for (int first; (first = next_visit(c, n, -1, 0, NULL)) >= 0;) {
        const visit f = c->vs[first];
        const hg_spell *s = hg_person_spell(c->p, f.date);
        med_clear_receipt(&c->rc);
        practice pr;
        med_practice(c, f.hospital, f.inst, &pr);
        /* visits on the same day at the same place are one visit */
        int32_t last_day = 0;
        for (int j; (j = next_visit(c, n, f.inst, f.hospital, s)) >= 0;) {
            c->vs[j].done = 1;
            if (!s) continue;
            if (c->vs[j].date == last_day && c->vs[j].kind == V_REGULAR) continue;
            last_day = c->vs[j].date;
            med_visit(c, &c->vs[j], &pr);
        }
        if (s) med_emit_receipt(c, s, f.hospital, f.inst, NULL, f.date, f.dept, NULL, 0);
    }
}

/* The products a stay's cause is treated with: its episode's, or the person's for a chronic
 * condition. */
static void stay_products(const ctx *c, const hg_stay *st, int *first, int *n)
{
    const hg_person *p = c->p;
    if (st->episode >= 0 && st->episode < p->nepisodes) {
        *first = p->episodes[st->episode].prod_first;
        *n = p->episodes[st->episode].nprod;
    } else {
        *first = p->conds[st->cond].prod_first;
        *n = p->conds[st->cond].nprod;
    }
}

/* Is condition k one whose care goes on in hospital (med.yaml inpatient.continued_conditions)? */
static int continued(const hg_med_params *mp, int k)
{
    for (int i = 0; i < mp->ncontinued; i++)
        if (mp->continued[i] == k) return 1;
    return 0;
}

/* A hospital day's items: the ward's fee every day (wards.c) with the day's background acts
 * (医学管理, tests, imaging, 処置: masters/med/inpatient_acts.csv; not on a day in a unit, whose
 * 特定入院料 includes them), 初診 (and a comment) on admission, the condition's tests on the
 * admission day and then every few days (a continued condition's, such as 維持透析, on its days
 * of the week), injections in the first days. */
static void ward_days(ctx *c, const hg_stay *st, const int *procs, int nprocs, int d0, int d1,
                      int admitted_here)
{
    const hg_med_params *mp = &c->md->mp;
    const hg_med_codes *k = &c->md->codes;
    for (int d = d0; d <= d1; d++) {
        c->rc.visit_days |= 1u << (d - 1);
        if (!med_ward_day(c, st, d, procs, nprocs)) continue;
        int nacts = 0;
        med_background_acts(c, hg_age(c->p->birth, c->ym * 100 + d), 1, &nacts);
        med_bill_acts(c, nacts, d, 0, 0);
    }
    if (admitted_here) {
        med_add_si(c, 11, k->base[0], d0, 1);
        med_add_comment(c, 90, d0);
    }
    med_proc_days(c, st, procs, nprocs, d0, d1);
    for (int d = d0; d <= d1; d++) {
        int since = hg_days(c->ym * 100 + d) - hg_days(st->admit);
        /* a continued condition's acts come on its own days (below) */
        if (since % mp->test_every_days != 0 || continued(mp, st->cond)) continue;
        int nacts = 0;
        med_condition_acts(c, st->cond, c->ym * 100 + d, since == 0, 0, -1, 0, &nacts);
        med_bill_acts(c, nacts, d, 0, 0);
    }
    for (int i = 0; i < mp->ncontinued; i++) {
        int k = mp->continued[i];
        for (int d = d0; d <= d1; d++) {
            int32_t date = c->ym * 100 + d;
            int dow = (hg_days(date) - hg_days(st->admit)) % 7, due = 0;
            for (int j = 0; j < mp->ncontinued_days; j++) due |= mp->continued_days[j] == dow;
            if (!due || !hg_person_has(c->p, k, date)) continue;
            int nacts = 0;
            med_condition_acts(c, k, date, 0, 0, -1, 0, &nacts);
            med_bill_acts(c, nacts, d, 0, 0);
        }
    }
    int first, n;
    stay_products(c, st, &first, &n);
    int inj = 0;
    for (int j = 0; j < n && !inj; j++)
        inj = c->m->products[c->p->prods[first + j]].form == HG_FORM_INJECTION;
    for (int d = d0; d <= d1 && inj; d++) {
        int since = hg_days(c->ym * 100 + d) - hg_days(st->admit);
        if (since < mp->injection_days) med_ward_drugs(c, first, n, d, 1, since, 2);
    }
}

/* The diseases of a hospital month: the cause first (its outcome on discharge), then the
 * other chronic conditions, whose regular drugs continue over the stay. */
static void ward_diseases(ctx *c, const hg_stay *st, int32_t from, int32_t seg_end, int ndays)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    const hg_pcond *pc = &p->conds[st->cond];
    int dis = med_stay_disease(c, st);
    med_add_sy(c, m->cdis[dis].row, m->cdis[dis].modif_row,
               m->conds[st->cond].kind == HG_COND_ACUTE ? st->admit
                                                        : (pc->onset ? pc->onset : st->admit),
               1, 0, 1);
    for (int k = 0; k < m->nconds; k++) {
        if (k == st->cond || m->conds[k].kind == HG_COND_ACUTE || !hg_person_has(p, k, from))
            continue;
        const hg_cdis *e = &m->cdis[p->conds[k].dis];
        med_add_sy(c, e->row, e->modif_row, p->conds[k].onset, 1, 0, 0);
        med_ward_drugs(c, p->conds[k].prod_first, p->conds[k].nprod, from % 100, ndays,
                       hg_days(from) - hg_days(st->admit), 0);
    }
    if (st->discharge <= seg_end && c->rc.nsy > 0)
        c->rc.sy[0].outcome = st->died ? 3 : m->conds[st->cond].kind == HG_COND_ACUTE ? 2 : 1;
}

/* Is the stay paid by DPC (a DPC hospital, a DPC-coded cause)? Returns its DPC code, or NULL
 * (医科入院), and sets c->dpc_last: the 包括 ends with 入院期間III, or with a transfer to a ward
 * outside DPC (回復期リハビリテーション病棟: masters/med/wards.csv); the days after it are paid
 * 出来高. */
static const hg_dpc *dpc_plan(ctx *c, const hg_stay *st, const int *procs, int nprocs)
{
    hg_inst hin;
    hg_inst_get(c->m, c->fx->seed, c->p->pref, HG_INST_HOSPITAL, st->hospital, &hin);
    int x = med_stay_dpc(c, st, procs, nprocs);
    c->dpc_last = 0;
    if (!hin.dpc || x < 0) return NULL;
    int days = c->md->dpc[x].days[2], after = c->md->cond_ward_after[st->cond];
    if (c->md->cond_ward[st->cond] != MED_WARD_GENERAL && after < days) days = after;
    c->dpc_last = days;
    return &c->md->dpc[x];
}

/* A DPC hospital bills a DPC-coded cause per day (包括) up to c->dpc_last: every item of those
 * days but 初診料 becomes coding data; the days after, and the discharge prescription, are
 * 出来高. */
static void dpc_billing(ctx *c, const hg_stay *st, int32_t from, int32_t seg_end)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    int32_t end = hg_ymd(hg_days(st->admit) + c->dpc_last - 1);
    med_dpc_include(c, end < c->ms ? 0 : end > c->me ? 31 : end % 100);
    if (st->discharge <= seg_end && !st->died)
        for (int k = 0; k < m->nconds; k++)
            if (m->conds[k].kind != HG_COND_ACUTE && hg_person_has(p, k, from))
                med_ward_drugs(c, p->conds[k].prod_first, p->conds[k].nprod, st->discharge % 100,
                               c->md->mp.discharge_rx_days, -1, 1);
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
        c->rc.inpatient = 1;
        /* a stay is paid by the 公費 of its cause (those covering inpatient care) */
        c->cur_kohi = c->stay_kohi =
            hg_kohi_of(c->m, c->fx->seed, p, s, st->cond, from, HG_CARE_IN);
        int d0 = from % 100, d1 = seg_end % 100;
        int procs[MED_STAY_PROCS], nprocs = med_stay_procs(c, st, procs);
        const hg_dpc *dpc = dpc_plan(c, st, procs, nprocs);
        /* a month whose days all come after the 包括 (入院期間III passed, or a transfer to a ward
         * outside DPC) pays no 診断群分類: it is a 医科入院 receipt; a month with both is one DPC
         * receipt with the 出来高 part (疑義解釈資料 その1, 2012-03-30, 問16-2) */
        if (dpc && hg_days(from) - hg_days(st->admit) >= c->dpc_last) dpc = NULL, c->dpc_last = 0;
        ward_days(c, st, procs, nprocs, d0, d1, st->admit >= from);
        ward_diseases(c, st, from, seg_end, d1 - d0 + 1);
        if (dpc) dpc_billing(c, st, from, seg_end);
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
    c->home_death =
        hg_death_place_final(p, fx->h->facility_from, fx->h->facility_kind) == HG_DPLACE_HOME;
    for (int mi = 0; mi < per->months; mi++) {
        c->mi = mi;
        c->ym = hg_ym_add(per->start_ym, mi);
        c->ms = c->ym * 100 + 1;
        c->me = c->ym * 100 + hg_month_days(c->ym / 100, c->ym % 100);
        c->nrcpt = 0;
        if (p->death && p->death < c->ms) break;
        hg_rng_stream(fx->r, fx->seed, p->idx, hg_stream(HG_S_MED_MONTH) + (uint64_t)mi);
        for (int i = 0; i < p->nstays; i++) inpatient(c, &p->stays[i]);
        c->home_care = home_care_of(c);
        outpatient(c);
    }
}

static void med_scratch_free(void *scratch)
{
    ctx *c = scratch;
    med_receipt_free(&c->rc);
    free(c->vs);
    free(c->treat);
    free(c->acts);
}

const hg_family hg_family_med = {
    .name = "med",
    .title = "医科・DPC receipts",
    .kinds = med_kinds,
    .nkinds = K_MED__N,
    .writes = HG_HIST_RX | HG_HIST_DRUGS, /* drugs: 院内 only */
    .reads = HG_HIST_RESIDENCE | HG_HIST_CARE,
    .load = hg_med_load,
    .free = hg_med_free,
    .masters = hg_med_masters,
    .scratch_size = sizeof(ctx),
    .scratch_free = med_scratch_free,
    .emit = med_emit,
};
