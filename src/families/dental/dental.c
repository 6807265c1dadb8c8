/* hicgen — 歯科 receipts. Each person's dental history is planned first, as a run of courses of
 * treatment (masters/dental/courses.csv) started at the rates of course_rates.csv, each course a
 * number of visits some days apart, a chained course (root canal → nothing, periodontal therapy →
 * maintenance → maintenance …) following its predecessor; then the visits are billed month by
 * month, one receipt a month at the person's dental clinic. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "families/dental/dental.h"
#include "families/dental/dental_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/mrow.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_DEN_RE, NRE);
HG_FIELD_TABLE(HG_REC_DEN_HS, HS);
HG_FIELD_TABLE(HG_REC_DEN_SS, SS);

#define DEN_KINDS(X)                                                                               \
    X(K_IR, "den_ir", IR)                                                                          \
    X(K_RE, "den_re", NRE)                                                                         \
    X(K_HO, "den_ho", HO)                                                                          \
    X(K_KO, "den_ko", KO)                                                                          \
    X(K_HS, "den_hs", HS)                                                                          \
    X(K_SS, "den_ss", SS)                                                                          \
    X(K_IY, "den_iy", DT)
enum { DEN_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind den_kinds[K__N] = {DEN_KINDS(HG_X_KIND)};
HG_RE_IDENTITY_LAYOUT(NRE);

enum { DEN_MAX_TEETH = 16, DEN_MAX_COURSES = 400 };

/* A course as it happened to this person. */
typedef struct den_inst {
    int course, dis, nteeth, nvisits, shoshin, complete;
    int32_t start, last;   /* day numbers of its first and last visit */
    int32_t managed_since; /* day number of the 初診 that began the person's management */
    double gu[DEN_MAX_GROUPS];
    char teeth[DEN_MAX_TEETH * 6 + 1];
} den_inst;

/* A visit inside the period: day number, course, and which visit of the course (from 0). */
typedef struct den_visit {
    int32_t day;
    int inst, k;
} den_visit;

/* One SS (or, for a drug, IY) line of the receipt being built. */
typedef struct den_line {
    char ident[3];
    int order; /* first billed, first written within a 診療識別 */
    int row, drug, nadd, score, times, amount_1e5;
    int add_row[DEN_MAX_ADDS], add_n[DEN_MAX_ADDS];
    unsigned short days[31];
} den_line;

typedef struct den_scratch {
    den_inst *inst;
    den_visit *vis;
    den_line *line;
    int ninst, cap_inst, nvis, cap_vis, nline, cap_line;
} den_scratch;

static void scratch_free(void *scratch)
{
    den_scratch *sc = scratch;
    free(sc->inst);
    free(sc->vis);
    free(sc->line);
}

/* ---------------- planning ---------------- */

static double rate(const hg_dental_model *den, int c, int age)
{
    if (age < 0) age = 0;
    if (age > DEN_MAX_AGE) age = DEN_MAX_AGE;
    return den->rate[c * (DEN_MAX_AGE + 1) + age];
}

static double total_rate(const hg_dental_model *den, int age)
{
    double t = 0;
    for (int c = 0; c < den->ncourse; c++) t += rate(den, c, age);
    return t;
}

static int pick_course(const hg_dental_model *den, int age, double u)
{
    double tot = total_rate(den, age), cum = 0;
    if (tot <= 0) return -1;
    for (int c = 0; c < den->ncourse; c++) {
        cum += rate(den, c, age) / tot;
        if (u < cum && rate(den, c, age) > 0) return c;
    }
    for (int c = den->ncourse - 1; c >= 0; c--)
        if (rate(den, c, age) > 0) return c;
    return -1;
}

static double teeth_mean(const hg_dental_model *den, int age)
{
    double v = 28;
    for (int i = 0; i < den->nteeth_age; i++)
        if (den->teeth_age[i][0] <= age) v = den->teeth_age[i][1];
    return v;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The course's teeth as 歯式 codes: "10" + quadrant + tooth + state + "0" (部分指定なし). Children
 * under 12 have deciduous teeth (quadrants 5–8, teeth 1–5); a whole-mouth course is written as
 * 口腔全体 (部), 100010. */
static void pick_teeth(const den_course *co, gsl_rng *r, int age, den_inst *in)
{
    if (co->group == TG_MOUTH) {
        snprintf(in->teeth, sizeof in->teeth, "100010");
        in->nteeth = 0;
        return;
    }
    int want = hg_ddist_draw(&co->teeth, r), got = 0, pos[DEN_MAX_TEETH];
    if (want < 1) want = 1;
    if (want > DEN_MAX_TEETH) want = DEN_MAX_TEETH;
    int deciduous = co->group == TG_CHILD && age < 12;
    for (int tries = 0; got < want && tries < 64; tries++) {
        int q, t;
        if (deciduous) {
            q = 5 + (int)gsl_rng_uniform_int(r, 4);
            t = 1 + (int)gsl_rng_uniform_int(r, 5);
        } else {
            q = 1 + (int)gsl_rng_uniform_int(r, 4);
            t = co->group == TG_ANTERIOR ? 1 + (int)gsl_rng_uniform_int(r, 3)
                : co->group == TG_ANY    ? 1 + (int)gsl_rng_uniform_int(r, 8)
                                         : 4 + (int)gsl_rng_uniform_int(r, 4);
        }
        int code = q * 10 + t, dup = 0;
        for (int i = 0; i < got; i++) dup |= pos[i] == code;
        if (!dup) pos[got++] = code;
    }
    qsort(pos, (size_t)got, sizeof pos[0], cmp_int);
    in->nteeth = got;
    for (int i = 0; i < got; i++)
        snprintf(in->teeth + 6 * i, sizeof in->teeth - 6 * (size_t)i, "10%02d%d0", pos[i],
                 co->state % 10);
}

static int pick_disease(const hg_dental_model *den, const den_course *co, double u)
{
    for (int i = 0; i < co->ndis; i++)
        if (u < den->dis_cum[co->dis0 + i]) return den->dis_row[co->dis0 + i];
    return den->dis_row[co->dis0 + co->ndis - 1];
}

/* Plans the person's courses from lead_in months before the period to its end (or death), and
 * keeps the visits that fall inside the period outside hospital stays. Returns the person's
 * present teeth. */
static int plan(const hg_fx *fx, const hg_person *p, den_scratch *sc)
{
    const hg_dental_model *den = fx->state;
    const hg_period *per = fx->per;
    gsl_rng *r = fx->r;
    hg_rng_stream(r, fx->seed, p->idx, hg_stream(HG_S_DENTAL));
    int age0 = hg_age(p->birth, per->start);
    double tm = round(teeth_mean(den, age0) + gsl_ran_gaussian(r, den->teeth_sd));
    int remaining = tm < 0 ? 0 : tm > 32 ? 32 : (int)tm;
    int32_t pstart = hg_days(per->start), pend = hg_days(per->end);
    int32_t t = hg_days(hg_ym_add(per->start_ym, -den->lead_in) * 100 + 1);
    int32_t born = hg_days(p->birth), death = p->death ? hg_days(p->death) : INT32_MAX;
    if (t < born) t = born;
    int32_t prev_last = INT32_MIN / 2, next_day = 0;
    int next = -1;
    sc->ninst = sc->nvis = 0;
    while (sc->ninst < DEN_MAX_COURSES) {
        int c, chained = next >= 0;
        int32_t start;
        if (chained) {
            c = next;
            start = next_day;
            next = -1;
        } else {
            double tot = total_rate(den, hg_age(p->birth, hg_ymd(t)));
            if (tot <= 0) { /* no dental care at this age: look again a year on */
                t += 365;
                if (t > pend) break;
                continue;
            }
            start = t + (int32_t)gsl_ran_exponential(r, 365.25 / tot);
            if (start > pend || start >= death) break;
            c = pick_course(den, hg_age(p->birth, hg_ymd(start)), gsl_rng_uniform(r));
            if (c < 0) {
                t = start + 1;
                continue;
            }
        }
        if (start > pend || start >= death) break;
        const den_course *co = &den->course[c];
        hg_vec_reserve_((void **)&sc->inst, &sc->cap_inst, sc->ninst + 1, sizeof *sc->inst);
        den_inst *in = &sc->inst[sc->ninst];
        memset(in, 0, sizeof *in);
        in->course = c;
        in->start = start;
        in->dis = pick_disease(den, co, gsl_rng_uniform(r));
        pick_teeth(co, r, hg_age(p->birth, hg_ymd(start)), in);
        for (int g = 0; g < co->ngrp; g++) in->gu[g] = gsl_rng_uniform(r);
        in->nvisits = hg_ddist_draw(&co->visits, r);
        if (in->nvisits < 1) in->nvisits = 1;
        in->shoshin = !chained && start - prev_last > den->revisit_within;
        in->managed_since = in->shoshin || sc->ninst == 0 ? start : in[-1].managed_since;
        int32_t day = start;
        int done = 0;
        for (int k = 0; k < in->nvisits; k++) {
            if (k) {
                int gap = hg_ddist_draw(&co->gap, r);
                day += gap < 1 ? 1 : gap;
            }
            if (day > pend || day >= death) break;
            done++;
            in->last = day;
            if (day >= pstart && !hg_person_in_stay(p, hg_ymd(day))) {
                hg_vec_reserve_((void **)&sc->vis, &sc->cap_vis, sc->nvis + 1, sizeof *sc->vis);
                sc->vis[sc->nvis++] = (den_visit){.day = day, .inst = sc->ninst, .k = k};
            }
        }
        in->complete = done == in->nvisits;
        sc->ninst++;
        if (!in->complete) break; /* cut off by the period's end or by death */
        prev_last = in->last;
        t = in->last + 1;
        if (co->next >= 0 && gsl_rng_uniform(r) < co->next_p) {
            int delay = hg_ddist_draw(&co->next_delay, r);
            next = co->next;
            next_day = in->last + (delay < 1 ? 1 : delay);
        }
    }
    return remaining;
}

/* ---------------- billing ---------------- */

/* Adds n of an act (with its adds) on day d of the month, to a line of the same act and adds. */
static void bill(den_scratch *sc, const hg_dental_model *den, const char *ident, int row,
                 const int *add_row, const int *add_n, int nadd, int d, int n)
{
    if (row < 0 || n <= 0) return;
    int score = den->points[row];
    for (int i = 0; i < nadd; i++) score += den->points[add_row[i]] * add_n[i];
    den_line *l = NULL;
    for (int i = 0; i < sc->nline && !l; i++) {
        den_line *x = &sc->line[i];
        if (x->drug || x->row != row || x->nadd != nadd || x->score != score ||
            strcmp(x->ident, ident))
            continue;
        int same = 1;
        for (int k = 0; k < nadd; k++)
            same &= x->add_row[k] == add_row[k] && x->add_n[k] == add_n[k];
        if (same) l = x;
    }
    if (!l) {
        hg_vec_reserve_((void **)&sc->line, &sc->cap_line, sc->nline + 1, sizeof *sc->line);
        l = &sc->line[sc->nline];
        memset(l, 0, sizeof *l);
        l->order = sc->nline++;
        snprintf(l->ident, sizeof l->ident, "%s", ident);
        l->row = row;
        l->score = score;
        l->nadd = nadd;
        for (int k = 0; k < nadd; k++) {
            l->add_row[k] = add_row[k];
            l->add_n[k] = add_n[k];
        }
    }
    l->times += n;
    l->days[d - 1] = (unsigned short)(l->days[d - 1] + n);
}

static void bill_code(den_scratch *sc, const hg_dental_model *den, const char *ident, int row,
                      int d)
{
    bill(sc, den, ident, row, NULL, NULL, 0, d, 1);
}

/* A drug given at the clinic: units a day for days days, from day d. */
static void bill_drug(den_scratch *sc, const hg_model *m, int row, int units, int days, int d)
{
    if (units <= 0 || days <= 0) return;
    double price = 0;
    const char *s = hg_row_cell(&m->medicine, row, "nnp_price");
    price = strtod(s, NULL);
    int64_t yen_1e7 = (int64_t)llround(price * 100) * (int64_t)units * 100000;
    hg_vec_reserve_((void **)&sc->line, &sc->cap_line, sc->nline + 1, sizeof *sc->line);
    den_line *l = &sc->line[sc->nline];
    memset(l, 0, sizeof *l);
    l->order = sc->nline++;
    snprintf(l->ident, sizeof l->ident, "21");
    l->row = row;
    l->drug = 1;
    l->amount_1e5 = units * 100000;
    l->score = hg_drug_points(yen_1e7);
    l->times = days;
    l->days[d - 1] = (unsigned short)days;
}

static int act_applies(const den_act *a, int k, int nvisits)
{
    switch (a->vis) {
    case VIS_ALL:
        return 1;
    case VIS_N:
        return k == a->vis_n - 1;
    case VIS_LAST:
        return k == nvisits - 1 - a->vis_n;
    default:
        return k >= 1 && k <= nvisits - 4; /* VIS_MID */
    }
}

/* What an attending clinic offers: the 外来環境体制加算 and the itemised statement (fixed per
 * clinic, hashed). */
typedef struct den_clinic {
    int number, env, statement, kakaritsuke;
} den_clinic;

/* The visit fee: 初診 at a course's first visit unless it follows closely on earlier care,
 * 再診 otherwise, or the home-visit fee; with the infant, environment and statement 加算. */
static void bill_visit_fee(den_scratch *sc, const hg_dental_model *den, const den_course *co,
                           const den_inst *in, int k, const den_clinic *cl, int home_single,
                           int age, int d)
{
    const int *c = den->code;
    int adds[3], n1[3] = {1, 1, 1}, na = 0;
    if (co->home) {
        bill_code(sc, den, "14", c[home_single ? DC_HOME_SINGLE : DC_HOME_FACILITY], d);
        return;
    }
    int first = k == 0 && in->shoshin;
    if (age < 6) adds[na++] = c[first ? DC_INFANT_FIRST : DC_INFANT_REVISIT];
    if (cl->env) adds[na++] = c[first ? DC_ENV_FIRST : DC_ENV_REVISIT];
    if (!first && cl->statement) adds[na++] = c[DC_STATEMENT];
    bill(sc, den, first ? "11" : "12", c[first ? DC_FIRST : DC_REVISIT], adds, n1, na, d, 1);
}

/* The acts of visit k of a course, on day d. */
static void bill_acts(den_scratch *sc, const hg_fx *fx, const den_course *co, const den_inst *in,
                      int k, int remaining, const den_clinic *cl, int d)
{
    const hg_dental_model *den = fx->state;
    gsl_rng *r = fx->r;
    double cum[DEN_MAX_GROUPS] = {0};
    int rx = 0; /* drugs prescribed at this visit */
    for (int i = 0; i < co->nact; i++) {
        const den_act *a = &den->act[co->act0 + i];
        if (!act_applies(a, k, in->nvisits) || remaining < a->rem_lo || remaining > a->rem_hi)
            continue;
        int take;
        if (a->grp >= 0) { /* one alternative of the group, the same one at every visit */
            double u = in->gu[a->grp];
            take = u >= cum[a->grp] && u < cum[a->grp] + a->p;
            cum[a->grp] += a->p;
        } else {
            take = gsl_rng_uniform(r) < a->p;
        }
        if (!take) continue;
        int n = 1;
        if (a->per == PER_TOOTH) n = in->nteeth ? in->nteeth : 1;
        if (a->per == PER_TURN) {
            n = 0;
            for (int t = 0; t < (in->nteeth ? in->nteeth : 1); t++) n += t % in->nvisits == k;
        }
        if (a->per == PER_RX) {
            int units = hg_ddist_draw(&a->qty, r), days = hg_ddist_draw(&a->days, r);
            bill_drug(sc, fx->m, a->row, units, days, d);
            rx = 1;
            continue;
        }
        if (a->qty.n) n *= hg_ddist_draw(&a->qty, r);
        int add_row[DEN_MAX_ADDS], add_n[DEN_MAX_ADDS], na = 0;
        for (int j = 0; j < a->nadd; j++) {
            int q = a->add[j].qty.n ? hg_ddist_draw(&a->add[j].qty, r) : a->add[j].fixed;
            if (q <= 0 || (a->add[j].kakaritsuke && !cl->kakaritsuke)) continue;
            add_row[na] = a->add[j].row;
            add_n[na++] = q;
        }
        bill(sc, den, den->ident[a->row], a->row, add_row, add_n, na, d, n);
        for (int w = 0; w < a->nwith; w++)
            bill(sc, den, den->ident[a->with[w]], a->with[w], NULL, NULL, 0, d, n);
    }
    /* a visit that prescribes dispenses in house: 処方料 and 調剤料 once, whatever the drugs */
    if (rx) {
        bill_code(sc, den, den->ident[den->code[DC_RX_FEE]], den->code[DC_RX_FEE], d);
        bill_code(sc, den, den->ident[den->code[DC_RX_DISPENSE]], den->code[DC_RX_DISPENSE], d);
    }
}

/* ---------------- records ---------------- */

typedef struct den_out {
    const hg_fx *fx;
    const hg_person *p;
    const hg_spell *s;
    int32_t ym;
    char seq2[40];
    int ko, seq1;
    const char *burd; /* every line: dental care is paid by the 公費 paying for all care */
} den_out;

static int by_ident(const void *a, const void *b)
{
    const den_line *x = a, *y = b;
    int c = strcmp(x->ident, y->ident);
    return c ? c : x->order - y->order;
}

static void emit_lines(den_out *o, den_scratch *sc)
{
    const hg_dental_model *den = o->fx->state;
    hg_value v[HG_MAX_FIELDS];
    qsort(sc->line, (size_t)sc->nline, sizeof sc->line[0], by_ident);
    const char *prev = "";
    for (int i = 0; i < sc->nline; i++) {
        const den_line *l = &sc->line[i];
        memset(v, 0,
               ((int)DT__N > (int)SS__N ? (int)DT__N : (int)SS__N) *
                   sizeof v[0]); /* an IY or SS line */
        int first = strcmp(l->ident, prev) != 0;
        prev = l->ident;
        if (l->drug) {
            hg_common(v, o->seq1++, o->seq2, "IY", o->ko, o->ym, o->p->idx);
            v[DT_prac_ident] = first ? hg_vstr(l->ident) : hg_vnull();
            v[DT_burd_div] = hg_vstr(o->burd);
            v[DT_code] = hg_vstr(hg_mtab_key(&o->fx->m->medicine, l->row));
            v[DT_use_amnt] = hg_vdec(l->amount_1e5, 5);
            v[DT_score] = hg_vint(l->score);
            v[DT_times] = hg_vint(l->times);
            for (int d = 0; d < 31; d++)
                v[DT_day01 + d] = l->days[d] ? hg_vint(l->days[d]) : hg_vnull();
            v[DT_aft_splmt_prac_ident] = hg_vstr(l->ident);
            v[DT_serl_no] = hg_vint(i + 1);
            v[DT_sers_odr] = hg_vint(1);
            v[DT_aft_splmt_score] = hg_vint(l->score);
            v[DT_aft_splmt_times] = hg_vint(l->times);
            hg_fx_emit(o->fx, K_IY, v);
            continue;
        }
        hg_common(v, o->seq1++, o->seq2, "SS", o->ko, o->ym, o->p->idx);
        v[SS_prac_ident] = first ? hg_vstr(l->ident) : hg_vnull();
        v[SS_burd_div] = hg_vstr(o->burd);
        v[SS_code] = hg_vstr(hg_mtab_key(&den->acts, l->row));
        for (int k = 0; k < l->nadd; k++) {
            v[SS_add01_cd + 2 * k] = hg_vstr(hg_row_cell(&den->acts, l->add_row[k], "add_cd"));
            v[SS_add01_amnt + 2 * k] = hg_vint(l->add_n[k]);
        }
        v[SS_score] = hg_vint(l->score);
        v[SS_times] = hg_vint(l->times);
        for (int d = 0; d < 31; d++)
            v[SS_day01 + d] = l->days[d] ? hg_vint(l->days[d]) : hg_vnull();
        v[SS_aft_splmt_prac_ident] = hg_vstr(l->ident);
        v[SS_serl_no] = hg_vint(i + 1);
        v[SS_sers_odr] = hg_vint(1);
        v[SS_aft_splmt_score] = hg_vint(l->score);
        v[SS_aft_splmt_times] = hg_vint(l->times);
        hg_fx_emit(o->fx, K_SS, v);
    }
}

/* One month's receipt: the visits vis[v0 … v1). */
static void emit_month(const hg_fx *fx, const hg_person *p, den_scratch *sc, int mi, int32_t ym,
                       int v0, int v1, const den_clinic *cl, int home_single, int remaining)
{
    const hg_dental_model *den = fx->state;
    int32_t first_ymd = hg_ymd(sc->vis[v0].day);
    const hg_spell *s = hg_person_spell(p, first_ymd);
    if (!s) return;
    sc->nline = 0;
    unsigned mask = 0;
    int managed = -1, mgmt_first = 0, hygiene = -1, home = 0;
    int32_t managed_since = 0;
    int insts[32], ninst = 0;
    for (int i = v0; i < v1; i++) {
        const den_visit *vi = &sc->vis[i];
        const den_inst *in = &sc->inst[vi->inst];
        const den_course *co = &den->course[in->course];
        int32_t ymd = hg_ymd(vi->day);
        int d = ymd % 100, age = hg_age(p->birth, ymd);
        mask |= 1u << (d - 1);
        bill_visit_fee(sc, den, co, in, vi->k, cl, home_single, age, d);
        bill_acts(sc, fx, co, in, vi->k, remaining, cl, d);
        if (!co->home) { /* the acts no course bills, at their national rates (bgacts.h) */
            int rows[32];
            int n = hg_bgacts_draw(&den->bg, fx->r, age, rows, 32);
            for (int j = 0; j < n; j++) bill_code(sc, den, den->ident[rows[j]], rows[j], d);
        }
        if (co->managed && managed < 0) {
            managed = d;
            managed_since = in->managed_since;
        }
        if (co->managed && vi->k == 0 && in->shoshin) mgmt_first = 1;
        if (co->hygiene && hygiene < 0) hygiene = d;
        home |= co->home;
        int seen = 0;
        for (int j = 0; j < ninst; j++) seen |= insts[j] == vi->inst;
        if (!seen && ninst < 32) insts[ninst++] = vi->inst;
    }
    gsl_rng *r = fx->r;
    if (managed > 0) {
        double u = gsl_rng_uniform(r);
        if (home) {
            bill_code(sc, den, den->ident[den->code[DC_HOME_MGMT]], den->code[DC_HOME_MGMT],
                      managed);
        } else {
            int row = den->code[mgmt_first ? DC_MGMT_FIRST : DC_MGMT];
            int adds[2], ones[2] = {1, 1}, na = 0;
            if (u < den->document_share) adds[na++] = den->code[DC_DOCUMENT];
            /* 長期管理加算: management beyond six months counted from the 初診 month */
            if (!mgmt_first && hg_ym_diff(ym, hg_ymd(managed_since) / 100) >= den->long_term_months)
                adds[na++] = den->code[cl->kakaritsuke ? DC_LONG_TERM_K : DC_LONG_TERM];
            bill(sc, den, den->ident[row], row, adds, ones, na, managed, 1);
            /* エナメル質初期う蝕管理加算 (B000-4 注10): only かかりつけ歯科医機能強化型 clinics.
             * A line of its own under its 9-digit code: its 2022 加算コード is in no master
             * obtainable here (it ended at the 2024 revision; NDB Open Data gives the code) */
            if (cl->kakaritsuke && gsl_rng_uniform(r) < den->enamel_share)
                bill_code(sc, den, den->ident[den->code[DC_ENAMEL]], den->code[DC_ENAMEL], managed);
        }
    }
    if (hygiene > 0 && gsl_rng_uniform(r) < den->hygiene_share) {
        int row = den->code[home ? DC_HOME_HYGIENE : DC_HYGIENE];
        bill_code(sc, den, den->ident[row], row, hygiene);
    }

    den_out o = {.fx = fx, .p = p, .s = s, .ym = ym, .seq1 = 1};
    hg_seq2(o.seq2, sizeof o.seq2, fx->seed, 'S', p->idx, mi, 0);
    unsigned progs = hg_kohi_of(fx->m, fx->seed, p, s, -1, first_ymd, HG_CARE_DENTAL);
    hg_payers py;
    hg_payers_of(fx->m, s, progs, &py);
    o.ko = py.n > 0;
    o.burd = hg_burd_div(&py, progs);
    int64_t total = 0;
    for (int i = 0; i < sc->nline; i++) total += (int64_t)sc->line[i].score * sc->line[i].times;
    hg_kohi_lines kl;
    memset(&kl, 0, sizeof kl);
    hg_kohi_lines_add(&kl, &py, progs, total, mask);

    /* 転帰 of each course of the month: 治ゆ in the month a course that cures ends */
    char outcome[32];
    for (int j = 0; j < ninst; j++) {
        const den_inst *in = &sc->inst[insts[j]];
        int cured = den->course[in->course].cured && in->complete && hg_ymd(in->last) / 100 == ym;
        outcome[j] = cured ? '2' : '1';
    }
    const den_inst *main = &sc->inst[insts[0]];
    char main_oc[2] = {outcome[0], '\0'};
    hg_inst inst;
    hg_inst_get(fx->m, fx->seed, p->pref, HG_INST_DENTAL, cl->number, &inst);
    hg_emit_ir(fx, K_IR, o.seq1++, o.seq2, o.ko, ym, p, s, &inst, "3");
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, NRE__N * sizeof v[0]);
    hg_common(v, o.seq1++, o.seq2, "RE", o.ko, ym, p->idx);
    hg_re_id id;
    hg_re_identity(v, NRE_age, NRE_age_band5, &id, '3', fx->m, p, s, &py, ym, first_ymd, 0, total);
    v[NRE_cnslt_str] = hg_vdate(hg_ymd(main->start));
    v[NRE_outcm_div] = hg_vstr(main_oc);
    hg_fx_emit(fx, K_RE, v);
    hg_pay_rec pay = {.py = &py,
                      .kl = &kl,
                      .first_day = first_ymd,
                      .true_days = __builtin_popcount(mask),
                      .total = total};
    hg_emit_payers(fx, K_HO, K_KO, &o.seq1, o.seq2, ym, p, s, &pay);
    /* HS: the courses of the month with their teeth, the first the main one */
    for (int j = 0; j < ninst; j++) {
        const den_inst *in = &sc->inst[insts[j]];
        char oj[2] = {outcome[j], '\0'};
        memset(v, 0, HS__N * sizeof v[0]);
        hg_common(v, o.seq1++, o.seq2, "HS", o.ko, ym, p->idx);
        v[HS_prac_str_date] = hg_vdate(hg_ymd(in->start));
        v[HS_outcm_div] = hg_vstr(oj);
        v[HS_teeth] = hg_vstr(in->teeth);
        v[HS_skwd_name_cd] = hg_vstr(hg_mtab_key(&fx->m->skwd, in->dis));
        v[HS_sspct_dss_flg] = hg_vint(0);
        v[HS_main_skwd] = j == 0 ? hg_vstr("01") : hg_vnull();
        hg_fx_emit(fx, K_HS, v);
    }
    emit_lines(&o, sc);
}

static void den_emit(const hg_fx *fx, const hg_person *p)
{
    const hg_dental_model *den = fx->state;
    den_scratch *sc = fx->scratch;
    int remaining = plan(fx, p, sc);
    if (!sc->nvis) return;
    uint64_t h = hg_mix64(p->idx ^ hg_stream(HG_S_DENTAL_CLINIC));
    int nclin = hg_inst_count(fx->m, fx->per, p->pref, den->clinics_per_100k);
    den_clinic cl = {.number = 1 + (int)(h % (uint64_t)nclin)};
    /* the clinic's registrations: hashed from the seed, prefecture and clinic number alone */
    uint64_t hc = hg_mix64(fx->seed ^ hg_mix64((uint64_t)p->pref * 100003u + (uint64_t)cl.number));
    cl.env = (double)(hc & 0xffffff) / 16777216.0 < den->env_share;
    cl.statement = (double)((hc >> 24) & 0xffffff) / 16777216.0 < den->statement_share;
    cl.kakaritsuke = hg_fixed_u(hc ^ 0x6b616b61ULL) < den->kakaritsuke_share;
    int home_single = gsl_rng_uniform(fx->r) < den->home_single_share;
    int v0 = 0;
    while (v0 < sc->nvis) {
        int32_t ym = hg_ymd(sc->vis[v0].day) / 100;
        int v1 = v0;
        while (v1 < sc->nvis && hg_ymd(sc->vis[v1].day) / 100 == ym) v1++;
        int mi = hg_ym_diff(ym, fx->per->start_ym);
        emit_month(fx, p, sc, mi, ym, v0, v1, &cl, home_single, remaining);
        v0 = v1;
    }
}

const hg_family hg_family_dental = {
    .name = "dental",
    .title = "歯科 receipts",
    .kinds = den_kinds,
    .nkinds = K__N,
    .load = hg_dental_load,
    .free = hg_dental_free,
    .masters = hg_dental_masters,
    .scratch_size = sizeof(den_scratch),
    .scratch_free = scratch_free,
    .emit = den_emit,
};
