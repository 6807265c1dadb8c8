/* hicgen — one outpatient visit on a 医科 receipt, by the FY2022 fee rules: the base fee (初診・
 * 再診・外来診療料) with its 乳幼児 and 時間外・休日・深夜 加算, the institution's notified 加算,
 * 外来管理加算 when nothing that blocks it is done that day, 特定疾患療養管理料 (or
 * 生活習慣病管理料) for a 特定疾患, the acts of each condition (tests with their 包括, 判断料 and
 * blood draw; imaging; procedures; injections), the prescriptions (院内 with 処方料・調剤料 and
 * 薬剤料, or a 処方箋 with 処方箋料 for the pharmacy) and the diseases written. Which codes and how
 * often: specs/model/med.yaml and the clinical catalogue; the points of every code: the master. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"

void med_practice(const ctx *c, int hospital, int inst, practice *out)
{
    memset(out, 0, sizeof *out);
    hg_inst_get(c->m, c->fx->seed, c->p->pref, hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC, inst,
                &out->in);
    const hg_med_params *mp = &c->md->mp;
    uint64_t k = hg_mix64((uint64_t)c->p->pref << 32 ^ (uint64_t)inst << 1 ^ (uint64_t)hospital);
    out->hospital = hospital;
    int b = out->in.beds;
    out->setting = !hospital ? 0 : b < 100 ? 1 : b < 200 ? 2 : 3;
    out->meisaisho = !hospital && hg_fixed_u(k ^ 0x11) < mp->meisaisho_share;
    out->kinou = out->setting < 3 && hg_fixed_u(k ^ 0x12) < mp->kinou_share;
    out->kansen = !hospital && hg_fixed_u(k ^ 0x13) < mp->kansen_share;
    out->kentai = hg_fixed_u(k ^ 0x15) < mp->kentai_share;
    out->paed = !hospital && hg_fixed_u(k ^ 0x16) < mp->paed_fee_share;
    double g = hg_fixed_u(k ^ 0x14);
    out->ippanmei = g < mp->ippanmei_share[0]                           ? 1
                    : g < mp->ippanmei_share[0] + mp->ippanmei_share[1] ? 2
                                                                        : 0;
}

static int age_on(const ctx *c, int32_t ymd)
{
    return hg_age(c->p->birth, ymd);
}

/* The row of an age in n rows of `stride` numbers [age_from, …] sorted by age_from, or -1. */
static int age_row(const double *rows, int n, int stride, int age)
{
    int b = -1;
    for (int i = 0; i < n; i++)
        if (rows[i * stride] <= age) b = i;
    return b;
}

/* 時間外 (0), 休日 (1) or 深夜 (2), or -1: drawn by age, from the 初診 or the 再診 table (a new
 * complaint comes out of hours far more often than a scheduled return). */
static int time_slot(ctx *c, int age, int first)
{
    const hg_med_params *mp = &c->md->mp;
    const double(*tab)[4] = first ? mp->time : mp->time_ret;
    double u = gsl_rng_uniform(c->r);
    int b = age_row(&tab[0][0], first ? mp->ntime : mp->ntime_ret, 4, age);
    if (b < 0) return -1;
    for (int t = 0; t < 3; t++) {
        if (u < tab[b][1 + t]) return t;
        u -= tab[b][1 + t];
    }
    return -1;
}

/* 夜間・早朝等加算 of a clinic visit in its evening or early hours (not with a time 加算).
 * Returns whether it was billed. */
static int evening(ctx *c, const practice *pr, int b, int day, int age)
{
    const hg_med_params *mp = &c->md->mp;
    double u = gsl_rng_uniform(c->r);
    int r = age_row(&mp->evening[0][0], mp->nevening, 3, age);
    if (pr->setting != 0 || r < 0 || b > 1 || u >= mp->evening[r][1 + b]) return 0;
    med_add_si(c, b == 0 ? 11 : 12, c->md->codes.evening[b], day, 1);
    return 1;
}

/* The base fee and its 加算. Returns the setting of the base: 0 初診, 1 再診, 2 外来診療料, 3 a
 * home visit (訪問診療料 and 総合管理料); *off_hours says whether the visit came out of hours
 * (a time 加算 or 夜間・早朝等加算). */
static int base_fees(ctx *c, const visit *v, const practice *pr, int day, int age, int *off_hours)
{
    *off_hours = 0;
    const hg_med_codes *k = &c->md->codes;
    if (v->kind == V_HOME_DEATH) {
        /* 往診 at the death, 看取り加算 and 在宅ターミナルケア加算 */
        med_add_si(c, 14, k->home_death[0], day, 1);
        med_add_si(c, 14, k->home_death[1], day, 1);
        med_add_si(c, 14, k->home_terminal[c->home_care - 1], day, 1);
        return 3;
    }
    if (v->kind == V_HOME) {
        /* 訪問診療: the visit fee, and the month's 総合管理料 once */
        med_add_si(c, 14, k->home_visit[c->home_care - 1], day, 1);
        if (!(c->rc.monthly & M_HOME_MGMT)) {
            med_add_si(c, 14, k->home_mgmt[c->home_care - 1], day, 1);
            c->rc.monthly |= M_HOME_MGMT;
        }
        return 3;
    }
    int b = v->first ? 0 : pr->setting == 3 ? 2 : 1;
    int t = time_slot(c, age, b == 0);
    *off_hours = t >= 0;
    if (c->only) {
        /* 小児科外来診療料 (billed after the prescriptions): its own time 加算 and 機能強化加算 */
        if (t >= 0) med_add_si(c, 13, k->paed_time[b == 0 ? 0 : 1][t], day, 1);
        if (b == 0 && pr->kinou) med_add_si(c, 13, k->paed_kinou, day, 1);
        return b;
    }
    med_add_si(c, b == 0 ? 11 : 12, k->base[b], day, 1);
    if (age < 6)
        med_add_si(c, b == 0 ? 11 : 12, t >= 0 ? k->infant_time[b][t] : k->infant[b], day, 1);
    else if (t >= 0)
        med_add_si(c, b == 0 ? 11 : 12, k->time_add[b][t], day, 1);
    if (t < 0) *off_hours = evening(c, pr, b, day, age);
    if (b == 1 && pr->meisaisho) med_add_si(c, 12, k->meisaisho, day, 1);
    if (b == 0 && pr->kinou) med_add_si(c, 11, k->kinou_kyouka, day, 1);
    if (pr->kansen && !(c->rc.monthly & M_KANSEN)) {
        med_add_si(c, b == 0 ? 11 : 12, k->kansen[b == 0 ? 0 : 1], day, 1);
        c->rc.monthly |= M_KANSEN;
    }
    return b;
}

/* The conditions treated at a visit: the episode's, or the chronic ones at the institution. */
static int treated(ctx *c, const visit *v, int *out)
{
    const hg_person *p = c->p;
    int n = 0;
    if (v->episode >= 0) {
        out[n++] = p->episodes[v->episode].cond;
        return n;
    }
    for (int k = 0; k < c->m->nconds; k++) {
        const hg_condition *cd = &c->m->conds[k];
        const hg_pcond *pc = &p->conds[k];
        if (cd->kind == HG_COND_ACUTE || !hg_person_has(p, k, v->date)) continue;
        if (pc->hospital != v->hospital) continue;
        int inst =
            pc->hospital ? p->home_hospital : hg_person_clinic(c->m, c->fx->per, p, cd->dept);
        if (inst == v->inst) out[n++] = k;
    }
    return n;
}

void med_add_act(ctx *c, int row, int *nacts)
{
    if (row < 0) return;
    hg_vec_reserve_((void **)&c->acts, &c->acts_cap, *nacts + 1, sizeof *c->acts);
    c->acts[(*nacts)++] = row;
}

/* Is the act on the month's receipt already (alone or in a 包括)? */
static int on_receipt(const ctx *c, int row)
{
    for (int i = 0; i < c->rc.nunits; i++) {
        const unit *u = &c->rc.u[i];
        if (u->rec != REC_SI) continue;
        for (int j = 0; j < u->n; j++)
            if (c->rc.l[u->first + j].row == row) return 1;
    }
    return 0;
}

int med_condition_acts(ctx *c, int k, int32_t date, int first, int followup, double lab_u, int gap,
                       int *nacts)
{
    const hg_model *m = c->m;
    const hg_condition *cd = &m->conds[k];
    int age = age_on(c, date), added = 0;
    /* the month index decides what a schedule makes due: counted from the person's own phase,
     * not each condition's onset, so that a doctor checks all conditions in the same months (a
     * patient with 高血圧 and 脂質異常 every 3 months gives blood 4 times a year, not 8) */
    int month = date / 100 / 100 * 12 + date / 100 % 100;
    int since = month + (int)(hg_fixed_u(c->p->idx * 2654435761u + 17) * 840);
    /* the months since the previous visit: an act due in any of them is done now (a patient seen
     * every 2 months has the 3-monthly HbA1c at the first visit after it falls due, not only when
     * a visit happens to fall in its month), and a second visit in a month finds nothing due */
    int covered = gap > 0 ? hg_ym_diff(date / 100, hg_ymd(hg_days(date) - gap) / 100) : 1;
    /* alternatives (人工腎臓 by hours): the first's draw picks one by cumulative probability */
    double draw[HG_ALT_MAX];
    for (int i = 0; i < cd->ntest; i++) {
        const hg_ctest *t = &m->ctests[cd->test_first + i];
        double u = gsl_rng_uniform(c->r);
        /* the scheduled tests of a visit share one draw: a doctor orders the month's panel on
         * one day, so a test of probability p comes on the days of those of higher p (each
         * test keeps its own frequency, and blood is drawn on fewer days) */
        if (t->when == HG_WHEN_SCHEDULED && lab_u >= 0) u = lab_u;
        if (i < HG_ALT_MAX) draw[i] = u;
        if (t->alt >= 0) {
            /* its band starts where those of the group before it end */
            u = draw[t->alt] - m->ctests[cd->test_first + t->alt].prob;
            for (int j = t->alt + 1; j < i; j++)
                if (m->ctests[cd->test_first + j].alt == t->alt)
                    u -= m->ctests[cd->test_first + j].prob;
            if (u < 0) continue;
        }
        if (age < t->age_from || age > t->age_to) continue;
        int due = t->when == HG_WHEN_FIRST         ? first
                  : t->when == HG_WHEN_FOLLOWUP    ? followup
                  : t->when == HG_WHEN_EVERY_VISIT ? 1
                  : t->every_months < 1            ? 1
                                                   : since % (int)lround(t->every_months) < covered;
        if (!due || u >= t->prob) continue;
        /* what a schedule makes due is done once in the month */
        if (t->when == HG_WHEN_SCHEDULED && on_receipt(c, t->act_row)) continue;
        med_add_act(c, t->act_row, nacts);
        added++;
    }
    return added;
}

/* The 包括対象検査 group of an act (master incl_exam), 0 for none. */
static int bundle_group(const ctx *c, int row)
{
    return c->md->act[row].bundle;
}

/* Does the act need blood drawn (検体検査 D005-D015 of the 点数表)? */
static int needs_blood(const ctx *c, int row)
{
    return c->md->act[row].blood;
}

/* The 判断料 of an act, or -1. */
static int judge_of(const ctx *c, int row)
{
    return c->md->act[row].judge;
}

/* The points of n acts of 包括 group g done on one day: the tier's, or -1 below the first. */
static int bundle_points(const ctx *c, int g, int n)
{
    const hg_med_params *mp = &c->md->mp;
    int pts = -1;
    for (int i = 0; i < mp->nbundle; i++)
        if ((int)mp->bundle[i][0] == g && n >= (int)mp->bundle[i][1]) pts = (int)mp->bundle[i][2];
    return pts;
}

/* A blood-test day with 生化学的検査(I) (包括 group 1) runs the laboratory's standard chemistry:
 * each item of outpatient.lab_panel with its share of such days, unless already ordered. */
static void lab_panel(ctx *c, int *nacts)
{
    const hg_med_params *mp = &c->md->mp;
    int chem = 0;
    for (int i = 0; i < *nacts && !chem; i++) chem = bundle_group(c, c->acts[i]) == 1;
    if (!chem) return;
    for (int j = 0; j < mp->npanel; j++) {
        if (gsl_rng_uniform(c->r) >= mp->panel_p[j]) continue;
        int have = 0;
        for (int i = 0; i < *nacts && !have; i++) have = c->acts[i] == mp->panel_row[j];
        if (have) continue;
        med_add_act(c, mp->panel_row[j], nacts);
    }
}

/* Acts that go with another on the day (outpatient.companions): each with its share of the
 * days of its act, at the ages it applies to, unless already there. */
static void companions(ctx *c, int age, int *nacts)
{
    const hg_med_params *mp = &c->md->mp;
    for (int j = 0; j < mp->ncomp; j++) {
        int have = 0, with = 0;
        if (age < mp->comp_ages[j][0] || age >= mp->comp_ages[j][1]) continue;
        for (int i = 0; i < *nacts; i++) {
            with |= c->acts[i] == mp->comp_row[j][0];
            have |= c->acts[i] == mp->comp_row[j][1];
        }
        if (!with || have || gsl_rng_uniform(c->r) >= mp->comp_p[j]) continue;
        med_add_act(c, mp->comp_row[j][1], nacts);
    }
}

/* 院内トリアージ実施料 of a new patient seen out of hours at a notified institution, unless the
 * FY2022 臨時 one for a fever patient is billed that day. */
static void triage(ctx *c, int new_off_hours, int *nacts)
{
    const hg_med_codes *k = &c->md->codes;
    if (!new_off_hours || k->triage[0] < 0) return;
    for (int i = 0; i < *nacts; i++)
        if (c->acts[i] == k->triage[0] || c->acts[i] == k->triage[1]) return;
    if (gsl_rng_uniform(c->r) < c->md->mp.triage_share) med_add_act(c, k->triage[0], nacts);
}

/* 検体検査管理加算(1) of a notified institution: once a month, on the first day a 検体検査判断料
 * is billed (an outpatient's; the inpatient 加算 (2)-(4) are not modelled). */
static void kentai_kanri(ctx *c, int day)
{
    const hg_med_codes *k = &c->md->codes;
    if (med_has_si(c, 60, k->kentai_kanri)) return;
    for (int i = 0; i < (int)(sizeof k->kentai_judge / sizeof k->kentai_judge[0]); i++)
        if (med_has_si(c, 60, k->kentai_judge[i])) {
            med_add_si(c, 60, k->kentai_kanri, day, 1);
            return;
        }
}

/* May the act be billed on this receipt? The master's 入外適用区分 says which side it is for:
 * 血液採取 (B-V) of an inpatient, for one, is part of the 入院料. */
static int side_ok(const ctx *c, int row)
{
    int io = c->md->act_inout[row];
    return io == 0 || io == (c->rc.inpatient ? 1 : 2);
}

/* The acts of a day on the receipt. kentai: the institution notified 検体検査管理加算(1). */
void med_bill_acts(ctx *c, int nacts, int day, int seikatsu, int kentai)
{
    int blood = 0;
    /* each act once a day */
    for (int i = 0; i < nacts; i++)
        for (int j = 0; j < i; j++)
            if (c->acts[j] == c->acts[i]) c->acts[i] = -1;
    /* 包括: the acts of a group billed together when there are enough of them */
    for (int i = 0; i < nacts; i++) {
        if (c->acts[i] < 0) continue;
        int g = bundle_group(c, c->acts[i]), n = 0, rows[64];
        if (!g) continue;
        for (int j = i; j < nacts && n < 64; j++)
            if (c->acts[j] >= 0 && bundle_group(c, c->acts[j]) == g) rows[n++] = c->acts[j];
        int pts = bundle_points(c, g, n);
        if (pts < 0) continue;
        for (int j = i; j < nacts; j++)
            if (c->acts[j] >= 0 && bundle_group(c, c->acts[j]) == g) c->acts[j] = -1;
        for (int j = 0; j < n; j++) blood |= needs_blood(c, rows[j]);
        int jr = judge_of(c, rows[0]);
        if (!seikatsu) {
            med_add_bundle(c, 60, rows, n, pts, day, g);
            if (jr >= 0 && !med_has_si(c, 60, jr)) med_add_si(c, 60, jr, day, 1);
        }
    }
    for (int i = 0; i < nacts; i++) {
        int row = c->acts[i];
        if (row < 0 || !side_ok(c, row)) continue;
        int ident = c->md->act_ident[row];
        /* 生活習慣病管理料 includes 医学管理・検査・注射 */
        if (seikatsu && (ident == 60 || ident == 13 || ident == 31)) continue;
        /* the master's monthly limit (上限回数): a monthly fee is billed once a month */
        const unit *u = med_find_unit(&c->rc, REC_SI, (int64_t)ident << 32 | row);
        if (c->md->act_cap[row] > 0 && u && u->times >= c->md->act_cap[row]) continue;
        med_add_si(c, ident, row, day, 1);
        if (ident == 60) {
            blood |= needs_blood(c, row);
            int jr = judge_of(c, row);
            if (jr >= 0 && !med_has_si(c, 60, jr)) med_add_si(c, 60, jr, day, 1);
        }
    }
    if (blood && !seikatsu) {
        const hg_med_codes *k = &c->md->codes;
        unit *bd = med_find_unit(&c->rc, REC_SI, (int64_t)60 << 32 | k->blood_draw);
        if (!(bd && bd->days[day - 1]) && side_ok(c, k->blood_draw)) {
            med_add_si(c, 60, k->blood_draw, day, 1);
            if (age_on(c, c->ym * 100 + day) < 6) med_add_si(c, 60, k->blood_draw_infant, day, 1);
        }
    }
    if (kentai) kentai_kanri(c, day);
}

/* Was an act that blocks 外来管理加算 (処置, リハビリ, 精神科専門療法, 生体検査 …: the master's
 * outpt_mng_add_div 1) done on day? */
static int blocks_mgmt_add(const ctx *c, int day)
{
    for (int i = 0; i < c->rc.nunits; i++) {
        const unit *u = &c->rc.u[i];
        if (u->rec != REC_SI || !u->days[day - 1]) continue;
        for (int j = 0; j < u->n; j++)
            if (c->md->act[c->rc.l[u->first + j].row].blocks_mgmt) return 1;
    }
    return 0;
}

/* 特定疾患療養管理料 or, for a patient managed that way, 生活習慣病管理料. Returns 1 when the
 * visit is under 生活習慣病管理料 (its tests are included). */
static int management(ctx *c, const visit *v, const practice *pr, const int *conds, int nc, int day)
{
    const hg_med_codes *k = &c->md->codes;
    const hg_med_params *mp = &c->md->mp;
    const hg_model *m = c->m;
    /* a home-visit patient's management at the home clinic is included in 在宅時医学総合管理料 */
    int home = c->home_care && !v->hospital && v->inst == c->p->home_clinic;
    if (v->first || pr->setting == 3 || v->kind == V_ACUTE_AGAIN || home) return 0;
    int tokutei = -1, lifestyle = -1;
    for (int i = 0; i < nc; i++) {
        const hg_condition *cd = &m->conds[conds[i]];
        int32_t on = c->p->conds[conds[i]].onset;
        /* not within a month of the 初診 for it */
        if (v->episode < 0 && on && hg_days(v->date) - hg_days(on) < 30) continue;
        if (cd->tokutei && tokutei < 0) tokutei = conds[i];
        if (cd->lifestyle && lifestyle < 0) lifestyle = conds[i];
    }
    /* not in a month already billed 特定疾患療養管理料 (the two exclude each other) */
    if (lifestyle >= 0 && !c->rc.mgmt_times &&
        hg_fixed_u(c->p->idx * 31 + (uint64_t)lifestyle) < mp->seikatsu_share) {
        if (!c->rc.seikatsu) {
            /* by the main disease: 脂質異常症, 高血圧症, 糖尿病 (the catalogue's order) */
            const char *id = m->conds[lifestyle].id;
            int which = strstr(id, "DM") ? 2 : strstr(id, "HT") ? 1 : 0;
            med_add_si(c, 13, k->seikatsu[which], day, 1);
            c->rc.seikatsu = 1;
        }
        return 1;
    }
    if (tokutei >= 0 && c->rc.mgmt_times < 2 && !c->rc.seikatsu &&
        gsl_rng_uniform(c->r) < mp->tokutei_mgmt) {
        med_add_si(c, 13, k->tokutei_mgmt[pr->setting], day, 1);
        c->rc.mgmt_times++;
    }
    return 0;
}

/* The quantity and times of a product in a prescription of `days` days: amount ×10^5 per day
 * (内服, 注射 per dose), per dose (屯服) or in all (外用); times: days, doses or 1. */
static void amount_of(const ctx *c, const hg_product *pr, int age, int days, int64_t *amount,
                      int *times)
{
    double u = hg_product_units(c->m, pr, c->p->sex, age);
    *amount = llround(u * 1e5);
    switch (pr->form) {
    case HG_FORM_INTERNAL:
    case HG_FORM_INJECTION:
        *times = pr->dose.interval > 0 ? (int)ceil(days / pr->dose.interval) : days;
        if (*times < 1) *times = 1;
        break;
    case HG_FORM_PRN:
        *times = pr->dose.n_doses > 0 ? (int)lround(pr->dose.n_doses) : 5;
        break;
    default:
        /* 外用 is written as the whole quantity: a day's amount (a patch, drops, inhalations)
         * for the days supplied, a dose for the doses of a 頓用 one, or the course */
        *times = 1;
        if (pr->dose.basis == HG_DOSE_PER_DAY)
            *amount = llround(u * days * 1e5);
        else if (pr->dose.basis == HG_DOSE_PRN)
            *amount = llround(u * (pr->dose.n_doses > 0 ? pr->dose.n_doses : 5) * 1e5);
    }
}

/* Days supplied of a product at a visit: the product's own distribution, else the condition's;
 * chronic drugs last until the next visit; limits of 向精神薬 and new drugs apply. */
static int days_of(ctx *c, const hg_product *pr, int k, const visit *v)
{
    const hg_condition *cd = &c->m->conds[k];
    int days;
    /* a regular visit supplies until the site's next one: a patient seen monthly for 脂質異常
     * gets 28 days of the antihypertensive too, not the 56 their 高血圧 alone would take */
    if (v->episode < 0 && v->supply > 0)
        days = v->supply;
    else if (v->episode < 0 && v->cadence > 0)
        days = v->cadence;
    else if (v->episode < 0 && c->p->conds[k].cadence > 0)
        days = c->p->conds[k].cadence;
    else
        days = pr->days.n ? hg_ddist_draw(&pr->days, c->r) : hg_ddist_draw(&cd->days, c->r);
    if (pr->days_limit > 0 && days > pr->days_limit) days = pr->days_limit;
    return days < 1 ? 1 : days;
}

/* An injection given at the visit (not self-injected): one dose of the drug on the 医科 receipt
 * under the 診療識別 of its route (記録条件仕様: 31 皮下筋肉内, 32 静脈内, 33 その他, from the
 * 注射料's 区分 G000, G001 or other), with its 注射料. */
static void clinic_injection(ctx *c, int prod, int age, int day)
{
    const hg_product *x = &c->m->products[prod];
    int64_t amount;
    int times;
    amount_of(c, x, age, 1, &amount, &times);
    int ident = x->technique >= 0 ? c->md->act[x->technique].route : 33;
    med_add_drugs_ident(c, ident, HG_FORM_INJECTION, &prod, &amount, 1, 1, day, 0);
    if (x->technique >= 0) med_add_si(c, ident, x->technique, day, 1);
}

/* One visit's prescriptions: the products of the treated conditions grouped into 剤 (same form,
 * 用法 and days), dispensed here (院内) or written on a 処方箋 (院外) for the pharmacy. */
static void prescriptions(ctx *c, const visit *v, const practice *pr, const int *conds, int nc,
                          int day)
{
    const hg_person *p = c->p;
    const hg_model *m = c->m;
    const hg_med_codes *k = &c->md->codes;
    int age = age_on(c, v->date);
    hg_rx_item items[64];
    int n = 0, internal = 0, tokutei = 0, long_tokutei = 0, self_doses = 0, meter = 0;
    for (int i = 0; i < nc; i++) {
        int cond = conds[i], first, cnt;
        if (v->episode >= 0) {
            const hg_episode *e = &p->episodes[v->episode];
            first = e->prod_first, cnt = e->nprod;
            if (v->kind == V_ACUTE_AGAIN && gsl_rng_uniform(c->r) >= c->md->mp.acute_revisit_rx)
                continue;
        } else {
            first = p->conds[cond].prod_first, cnt = p->conds[cond].nprod;
        }
        /* between renewals (a site seen very often) only what is given at the visit */
        int hold = v->episode < 0 && v->supply > 0 && !v->renew;
        for (int j = 0; j < cnt && n < 64; j++) {
            int prod = p->prods[first + j];
            const hg_product *x = &m->products[prod];
            if (hold) {
                if (x->clinic) clinic_injection(c, prod, age, day);
                continue;
            }
            double u = gsl_rng_uniform(c->r);
            /* 頓服 and 外用 of chronic conditions are not renewed at every visit, unless used
             * every day like 内服 and self-injected products (eye drops for glaucoma, a daily
             * patch, inhalers): their quantity lasts until the next visit only */
            int daily = x->form == HG_FORM_EXTERNAL && x->dose.basis == HG_DOSE_PER_DAY;
            if (v->episode < 0 && (x->form == HG_FORM_PRN || x->form == HG_FORM_EXTERNAL) &&
                !daily && u >= c->md->mp.renew_prn)
                continue;
            if (x->clinic) {
                clinic_injection(c, prod, age, day);
                continue;
            }
            int days = days_of(c, x, cond, v);
            hg_rx_item *it = &items[n++];
            it->cond = cond;
            it->product = prod;
            it->form = x->form;
            amount_of(c, x, age, days, &it->amount_1e5, &it->qty);
            if (x->form == HG_FORM_INTERNAL) internal++;
            const med_self_inj *si = &c->md->self_inj[prod];
            if (si->doses > self_doses) self_doses = si->doses;
            meter |= si->meter;
            if (m->conds[cond].tokutei) {
                tokutei = 1;
                if (x->form == HG_FORM_INTERNAL && days >= 28) long_tokutei = 1;
            }
        }
    }
    if (!n) return;
    /* 剤: items of the same form, 用法 and quantity (days) share one */
    int rp = 0;
    for (int i = 0; i < n; i++) {
        items[i].rp = 0;
        for (int j = 0; j < i && !items[i].rp; j++)
            if (items[j].form == items[i].form && items[j].qty == items[i].qty &&
                items[i].form != HG_FORM_EXTERNAL &&
                !strcmp(m->products[items[j].product].direction,
                        m->products[items[i].product].direction))
                items[i].rp = items[j].rp;
        if (!items[i].rp) items[i].rp = ++rp;
    }
    int seven = internal >= 7, slip = pr->in.outside_rx;
    int setting_ok = pr->setting < 3;
    if (slip) {
        hg_history *h = c->fx->h;
        hg_history_rx(h, v->date, v->hospital, v->inst);
        /* the drugs claimed are recorded by the pharmacy that fills the prescription */
        for (int i = 0; i < n; i++) hg_history_rx_item(h, items[i]);
        c->slip = 1;
        med_add_si(c, 80, k->rx_slip[seven], day, 1);
        if (pr->ippanmei) med_add_si(c, 80, k->ippanmei[pr->ippanmei - 1], day, 1);
        if (age < 3) med_add_si(c, 80, k->rx_infant[1], day, 1);
    } else {
        for (int r = 1; r <= rp; r++) {
            int prods[64], nn = 0, form = 0, times = 0;
            int64_t amounts[64];
            for (int i = 0; i < n; i++)
                if (items[i].rp == r) {
                    prods[nn] = items[i].product;
                    amounts[nn++] = items[i].amount_1e5;
                    form = items[i].form, times = items[i].qty;
                }
            med_add_drugs(c, form, prods, amounts, nn, times, day, 0);
        }
        /* the drugs claimed (a home-visit patient's are included in 在宅時医学総合管理料, so
         * none is claimed at the home clinic) */
        int included = c->home_care && !v->hospital && v->inst == p->home_clinic;
        for (int i = 0; i < n && !included; i++)
            hg_history_drug(c->fx->h, c->ym, m->products[items[i].product].med_row);
        med_add_si(c, 25, k->rx_fee[seven], day, 1);
        if (internal) med_add_si(c, 24, k->dispense[0], day, 1);
        if (internal < n) med_add_si(c, 24, k->dispense[1], day, 1);
        if (age < 3) med_add_si(c, 25, k->rx_infant[0], day, 1);
        if (!(c->rc.monthly & M_DISPENSE_TECH) && pr->hospital &&
            gsl_rng_uniform(c->r) < c->md->mp.dispense_tech) {
            med_add_si(c, 27, k->dispense_tech, day, 1);
            c->rc.monthly |= M_DISPENSE_TECH;
        }
        if (!(c->rc.monthly & M_DRUG_INFO) && gsl_rng_uniform(c->r) < c->md->mp.drug_info) {
            med_add_si(c, 13, k->drug_info, day, 1);
            c->rc.monthly |= M_DRUG_INFO;
        }
    }
    /* 在宅自己注射指導管理料 once a month, by how often the patient injects; 血糖自己測定器加算
     * for a share of insulin users */
    if (self_doses && !(c->rc.monthly & M_SELF_INJ)) {
        med_add_si(c, 14, k->self_inj[self_doses >= 28], day, 1);
        if (meter && hg_fixed_u(p->idx * 0x9e3779b97f4a7c15ull + 5) < c->md->mp.meter_share)
            med_add_si(c, 14, k->meter, day, 1);
        c->rc.monthly |= M_SELF_INJ;
    }
    /* 特定疾患処方管理加算: 2 (28 days or more, once a month) or 1 (twice a month); not both */
    if (tokutei && setting_ok && !v->first) {
        int which = long_tokutei ? 2 : 1;
        if (c->rc.tokutei_rx == 0 || (c->rc.tokutei_rx == 1 && which == 1)) {
            unit *u = med_find_unit(&c->rc, REC_SI,
                                    (int64_t)(slip ? 80 : 25) << 32 | k->tokutei_rx[0][slip]);
            if (which == 2 || !u || u->times < 2) {
                med_add_si(c, slip ? 80 : 25, k->tokutei_rx[which - 1][slip], day, 1);
                c->rc.tokutei_rx = which;
            }
        }
    }
}

/* The diseases of a visit: main names, の疑い at a first visit, companions, names a test needs. */
static void diseases(ctx *c, const visit *v, const int *conds, int nc, int nacts)
{
    const hg_person *p = c->p;
    const hg_model *m = c->m;
    for (int i = 0; i < nc; i++) {
        int k = conds[i];
        const hg_condition *cd = &m->conds[k];
        int32_t start;
        int outcome = 1, dis;
        if (v->episode >= 0) {
            const hg_episode *e = &p->episodes[v->episode];
            dis = e->dis;
            start = e->date;
            int32_t end = hg_ymd(hg_days(e->date) + cd->episode_days);
            if (end <= c->me) outcome = 2; /* 治ゆ within the month */
        } else {
            dis = p->conds[k].dis;
            start = p->conds[k].onset;
        }
        int main = i == 0 || gsl_rng_uniform(c->r) < c->md->mp.second_main;
        med_add_sy(c, m->cdis[dis].row, m->cdis[dis].modif_row, start, outcome, 0, main);
        for (int j = 0; j < cd->ndis; j++) {
            const hg_cdis *e = &m->cdis[cd->dis_first + j];
            double u = gsl_rng_uniform(c->r);
            if (e->role == HG_DIS_SUSPECT && v->first && u < e->w)
                med_add_sy(c, e->row,
                           e->modif_row >= 0 ? e->modif_row : c->md->codes.suspected_modifier,
                           v->date, 4, 1, 0);
            /* a companion is the person's own: the same every month */
            if (e->role == HG_DIS_COMPANION &&
                (e->owner < 0 || hg_person_has(p, e->owner, v->date)) &&
                hg_fixed_u(p->idx * 8191 + (uint64_t)(cd->dis_first + j)) < e->w)
                med_add_sy(c, e->row, e->modif_row, start, 1, 0, 0);
            if (e->role == HG_DIS_FOR_TEST && u < e->w)
                for (int a = 0; a < nacts; a++)
                    if (c->acts[a] == e->test_row) {
                        int sus = e->modif_row == c->md->codes.suspected_modifier;
                        med_add_sy(c, e->row, e->modif_row, v->date, sus ? 4 : 1, sus, 0);
                        break;
                    }
        }
    }
}

void med_visit(ctx *c, const visit *v, const practice *pr)
{
    int day = v->date % 100;
    int age = age_on(c, v->date);
    hg_vec_reserve_((void **)&c->treat, &c->treat_cap, c->m->nconds + 1, sizeof *c->treat);
    int *conds = c->treat;
    int nc = treated(c, v, conds);
    /* the visit's care is paid by the 公費 of any condition treated (and those paying for all) */
    const hg_spell *s = hg_person_spell(c->p, v->date);
    c->cur_kohi = s ? hg_kohi_of(c->m, c->fx->seed, c->p, s, -1, v->date, HG_CARE_OUT) : 0;
    for (int i = 0; s && i < nc; i++)
        c->cur_kohi |= hg_kohi_of(c->m, c->fx->seed, c->p, s, conds[i], v->date, HG_CARE_OUT);
    c->rc.visit_days |= 1u << (day - 1);
    /* a child under paediatric_fee.until_age at a notified clinic: 小児科外来診療料 includes the
     * base fee, tests, imaging, drugs, injections and the 処方箋料; only its own 加算 and the
     * acts of paediatric_fee.billed_besides are billed besides it */
    const hg_med_codes *k = &c->md->codes;
    if (v->kind < V_HOME && pr->paed && age < c->md->mp.paed_fee_until &&
        (v->dept == c->m->pp.internal_dept || v->dept == c->md->mp.paediatrics_dept))
        c->only = c->md->paed_only, c->nonly = c->md->npaed_only;
    c->slip = 0;
    int off_hours;
    int base = base_fees(c, v, pr, day, age, &off_hours);
    int nacts = 0;
    if (v->kind == V_HOME_DEATH) { /* the doctor certifies the death: nothing else is done */
        diseases(c, v, conds, nc, 0);
        return;
    }
    double lab_u = gsl_rng_uniform(c->r);
    for (int i = 0; i < nc; i++)
        med_condition_acts(c, conds[i], v->date, v->first || v->kind == V_ACUTE_FIRST,
                           v->kind == V_ACUTE_AGAIN, lab_u, v->kind == V_REGULAR ? v->cadence : 0,
                           &nacts);
    if (v->kind < V_HOME) med_background_acts(c, age, 0, &nacts); /* imaging etc. need a visit */
    lab_panel(c, &nacts);
    companions(c, age, &nacts);
    triage(c, base == 0 && off_hours, &nacts);
    int seikatsu = management(c, v, pr, conds, nc, day);
    diseases(c, v, conds, nc, nacts);
    med_bill_acts(c, nacts, day, seikatsu, pr->kentai);
    prescriptions(c, v, pr, conds, nc, day);
    if (c->only) {
        med_add_si(c, 13, k->paed_fee[c->slip ? 0 : 1][base == 0 ? 0 : 1], day, 1);
        c->only = NULL;
        return;
    }
    if (base == 1 && !seikatsu && !blocks_mgmt_add(c, day) &&
        gsl_rng_uniform(c->r) < c->md->mp.gairai_kanri)
        med_add_si(c, 12, c->md->codes.mgmt_add, day, 1);
}

/* The 点滴注射 of the days day .. day + ndays - 1 in hospital when the product is a drip: once
 * a day whatever the drips of the day. */
static void ward_drip(ctx *c, const hg_product *x, int day, int ndays)
{
    const hg_med_codes *k = &c->md->codes;
    if (x->form != HG_FORM_INJECTION || x->technique != k->drip[0]) return;
    int fee = age_on(c, c->ym * 100 + day) < 6 ? k->drip[2] : k->drip[1];
    for (int d = day; d < day + ndays && d <= 31; d++)
        if (!(c->rc.drip_days & 1u << (d - 1))) {
            c->rc.drip_days |= 1u << (d - 1);
            med_add_si(c, 33, fee, d, 1);
        }
}

void med_ward_drugs(ctx *c, int first, int n, int day, int ndays, int since, int tag)
{
    const hg_model *m = c->m;
    int age = age_on(c, c->ym * 100 + day);
    for (int form = HG_FORM_INTERNAL; form <= HG_FORM_INJECTION; form++) {
        int prods[64], nn = 0;
        int64_t amounts[64];
        for (int j = 0; j < n && nn < 64; j++) {
            int prod = c->p->prods[first + j];
            const hg_product *x = &m->products[prod];
            /* an injection given by staff is no take-home drug */
            if (x->form != form || (since < 0 && x->clinic)) continue;
            int times;
            int64_t amount;
            amount_of(c, x, age, ndays, &amount, &times);
            double every = x->dose.interval;
            if ((form == HG_FORM_INTERNAL || form == HG_FORM_INJECTION) && every > 1) {
                /* a drug given every few days (an antibody every 3 weeks, a weekly tablet) is
                 * its own 剤: in hospital on the days due since admission, never daily; in a
                 * discharge prescription for the doses its days cover */
                if (since < 0) {
                    med_add_drugs(c, form, &prod, &amount, 1, times, day, tag);
                } else {
                    /* a dose on the admission day and whenever another interval begins (3
                     * doses a week: interval 2.33) */
                    for (int t = since; t < since + ndays; t++)
                        if (t == 0 || floor(t / every) != floor((t - 1) / every)) {
                            med_add_drugs(c, form, &prod, &amount, 1, 1, day + t - since, tag);
                            ward_drip(c, x, day + t - since, 1);
                        }
                }
                hg_history_drug(c->fx->h, c->ym, x->med_row);
                continue;
            }
            prods[nn] = prod;
            amounts[nn++] = amount;
        }
        if (!nn) continue;
        int times = form == HG_FORM_INTERNAL || form == HG_FORM_INJECTION ? ndays : 1;
        med_add_drugs(c, form, prods, amounts, nn, times, day, tag);
        for (int i = 0; i < nn && since >= 0; i++) ward_drip(c, &m->products[prods[i]], day, ndays);
        for (int i = 0; i < nn; i++)
            hg_history_drug(c->fx->h, c->ym, m->products[prods[i]].med_row);
    }
}
