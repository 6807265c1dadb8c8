/* hicgen — 歯科 receipts: a course of treatment month by month, one receipt a month at the
 * person's dental clinic. */
#include "families/dental/dental.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_DEN_RE, NRE);
HG_FIELD_TABLE(HG_REC_DEN_HS, HS);

#define DEN_KINDS(X)                                                                               \
    X(K_IR, "den_ir", IR)                                                                          \
    X(K_RE, "den_re", NRE)                                                                         \
    X(K_HO, "den_ho", HO)                                                                          \
    X(K_KO, "den_ko", KO)                                                                          \
    X(K_HS, "den_hs", HS)                                                                          \
    X(K_SS, "den_ss", DT)                                                                          \
    X(K_IY, "den_iy", DT)
enum { DEN_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind den_kinds[K__N] = {DEN_KINDS(HG_X_KIND)};
HG_RE_IDENTITY_LAYOUT(NRE);

/* ---------------- loading ---------------- */

static int read_act_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((hg_dental_model *)base)->acts, "歯科診療行為");
}

#define DEN(path, type, ...) HG_P_##type(path, hg_dental_model, __VA_ARGS__)
#define CODE(name, i)        DEN("codes." name, CUSTOM, code[i], read_act_code)
static const hg_param den_params[] = {
    DEN("courses_per_year", ROWS, rate, nrate, 2, 0, 150),
    DEN("kinds", ROWS, kind_w, nkind, 4, 0, 150),
    DEN("kind_conditions.caries", CUSTOM, kind_dis[DEN_CARIES], hg_p_disease_code),
    DEN("kind_conditions.periodontitis", CUSTOM, kind_dis[DEN_PERIO], hg_p_disease_code),
    DEN("kind_conditions.gingivitis", CUSTOM, kind_dis[DEN_GINGIVITIS], hg_p_disease_code),
    DEN("months_mean", NUM, months_mean, 1, 12),
    DEN("extra_visits_mean", NUM, extra_visits, 0, 10),
    DEN("max_visits_per_month", INT, max_visits, 1, 31),
    DEN("caries_teeth", INT, caries_teeth, 1, 16),
    DEN("gingivitis_teeth", INT, gingivitis_teeth, 1, 16),
    DEN("periodontitis_teeth", STR, perio_teeth),
    DEN("extraction_share_from_65", PROB, extraction_share),
    DEN("extraction_drug", CUSTOM, drug_row, hg_p_drug_code),
    DEN("extraction_drug_daily", INT, drug_daily, 1, 100),
    DEN("extraction_drug_days", INT, drug_days, 1, 31),
    DEN("clinics_per_prefecture", INT, clinics_per_pref, 1, 9999),
    CODE("first_visit", DEN_FIRST),
    CODE("revisit", DEN_REVISIT),
    CODE("management", DEN_MGMT),
    CODE("xray", DEN_XRAY),
    CODE("perio_exam", DEN_PERIO_EXAM),
    CODE("scaling", DEN_SCALING),
    CODE("cleaning", DEN_CLEANING),
    CODE("caries_treatment", DEN_CARIES_TX),
    CODE("cavity", DEN_CAVITY),
    CODE("filling", DEN_FILLING),
    CODE("extraction", DEN_EXTRACTION),
};

/* masters/dental/den_act.csv: dental procedures with their points and 診療識別. */
static int load_acts(hg_dental_model *den, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "dental", "den_act.csv");
    static const char *const req[] = {"prac_act_cd", "pan_std_name", "nns_score", "ident", NULL};
    if (hg_mtab_load(&den->acts, "den_act", path, req, 1, d)) return -1;
    den->points = hg_xcalloc((size_t)den->acts.nrows + 1, sizeof *den->points);
    den->ident = hg_xcalloc((size_t)den->acts.nrows + 1, sizeof *den->ident);
    int cp = hg_mtab_col(&den->acts, "nns_score"), ci = hg_mtab_col(&den->acts, "ident");
    int rc = 0;
    for (int r = 0; r < den->acts.nrows; r++) {
        double x, id;
        if (hg_mtab_num(&den->acts, r, cp, 0, 1e6, &x, d) ||
            hg_mtab_num(&den->acts, r, ci, 0, 99, &id, d)) {
            rc = -1;
            continue;
        }
        den->points[r] = (int)(x + 0.5);
        den->ident[r] = (int)id;
    }
    return rc;
}

static int den_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_dental_model *den = hg_xcalloc(1, sizeof *den);
    *state = den;
    int before = d->nerrors;
    if (load_acts(den, p->masters_dir, d)) return -1;
    char path[4096];
    hg_path(path, sizeof path, p->specs_dir, "model", "dental.yaml");
    if (hg_bind_file(path, "dental", den_params, sizeof den_params / sizeof den_params[0], den, m,
                     d))
        return -1;
    /* yen ×10^7: price ×10^2 times daily amount ×10^5 */
    double price;
    if (hg_mtab_num(&m->medicine, den->drug_row, hg_mtab_col(&m->medicine, "nnp_price"), 0, 1e9,
                    &price, d))
        return -1;
    int64_t yen = (int64_t)(price * 100 + 0.5) * (int64_t)den->drug_daily * 100000;
    den->drug_points = hg_drug_points(yen);
    return d->nerrors == before ? 0 : -1;
}

static void den_free(void *state)
{
    hg_dental_model *den = state;
    if (!den) return;
    hg_mtab_free(&den->acts);
    free(den->points);
    free(den->ident);
    free(den);
}

static int den_masters(void *state, hg_mtab **out, int max)
{
    hg_dental_model *den = state;
    if (max < 1 || !den->acts.kind.name) return 0;
    out[0] = &den->acts;
    return 1;
}

/* ---------------- receipts ---------------- */

typedef struct ss_unit {
    int act; /* dental act row */
    int ident, score, times;
    unsigned short days[31];
} ss_unit;

/* One month's receipt under construction (the family's per-worker scratch). */
typedef struct den_rcpt {
    int n, cap;
    ss_unit *u;
    unsigned visit_days;
    int drug_days_on; /* day the extraction drug was given, 0 = none */
    int *days;        /* this month's visit days */
    int days_cap;
} den_rcpt;

static void scratch_free(void *scratch)
{
    den_rcpt *rc = scratch;
    free(rc->u);
    free(rc->days);
}

static void add_act(den_rcpt *rc, const hg_dental_model *den, int act, int day, int count)
{
    if (act < 0) return;
    ss_unit *u = NULL;
    for (int i = 0; i < rc->n; i++)
        if (rc->u[i].act == act) u = &rc->u[i];
    if (!u) {
        hg_vec_reserve_((void **)&rc->u, &rc->cap, rc->n + 1, sizeof *rc->u);
        u = &rc->u[rc->n++];
        memset(u, 0, sizeof *u);
        u->act = act;
        u->ident = den->ident[act];
        u->score = den->points[act];
    }
    u->times += count;
    u->days[day - 1] = (unsigned short)(u->days[day - 1] + count);
}

static int by_ident(const void *a, const void *b)
{
    const ss_unit *x = a, *y = b;
    return x->ident - y->ident;
}

/* Teeth of a course, FDI two-digit numbers (a hicgen convention for the 歯式 column). */
static void teeth_of(const hg_dental_model *den, gsl_rng *r, int kind, char *out, size_t n)
{
    if (kind == DEN_PERIO) { /* the whole mouth */
        snprintf(out, n, "%s", den->perio_teeth);
        return;
    }
    int most = kind == DEN_CARIES ? den->caries_teeth : den->gingivitis_teeth;
    int k = 1 + (int)gsl_rng_uniform_int(r, (unsigned long)most);
    out[0] = '\0';
    for (int i = 0; i < k; i++) {
        /* quadrant, then tooth: two draws in a defined order */
        char quadrant = (char)('1' + gsl_rng_uniform_int(r, 4));
        char tooth = (char)('1' + gsl_rng_uniform_int(r, 8));
        char t[3] = {quadrant, tooth, '\0'};
        if (i) strncat(out, ",", n - strlen(out) - 1);
        strncat(out, t, n - strlen(out) - 1);
    }
}

static double rate_at(const hg_dental_model *den, int age)
{
    double v = 0;
    for (int i = 0; i < den->nrate; i++)
        if (den->rate[i][0] <= age) v = den->rate[i][1];
    return v;
}

static int kind_at(const hg_dental_model *den, int age, double u)
{
    int b = 0;
    for (int i = 0; i < den->nkind; i++)
        if (den->kind_w[i][0] <= age) b = i;
    const double *w = den->kind_w[b] + 1;
    double tot = w[0] + w[1] + w[2], cum = 0;
    for (int k = 0; k < 3; k++) {
        cum += w[k] / tot;
        if (u < cum) return k;
    }
    return 2;
}

/* A course in progress. */
typedef struct course {
    int kind, months_left, visits_done;
    int32_t start;
    char teeth[64];
} course;

/* What the records of one receipt share. */
typedef struct den_out {
    const hg_fx *fx;
    const hg_person *p;
    const hg_spell *s;
    int32_t ym;
    char seq2[40];
    int ko, seq1;
    const char *burd;
} den_out;

/* IR, RE, HO/KO and HS. */
static void emit_head(den_out *o, const den_rcpt *rc, const course *cs, int32_t start, int outcome,
                      int32_t first_day, int64_t total, int clinic)
{
    const hg_dental_model *den = o->fx->state;
    const hg_person *p = o->p;
    hg_inst in;
    hg_inst_get(o->fx->m, o->fx->seed, p->pref, HG_INST_DENTAL, clinic, &in);
    hg_emit_ir(o->fx, K_IR, o->seq1++, o->seq2, o->ko, o->ym, p, o->s, &in, "3");
    char oc[2] = {(char)('0' + outcome), '\0'};
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "RE", o->ko, o->ym, p->idx);
    hg_re_id id;
    hg_re_identity(v, NRE_age, NRE_age_band5, &id, '3', p, o->s, o->ym, first_day, 0);
    v[NRE_cnslt_str] = hg_vdate(start);
    v[NRE_outcm_div] = hg_vstr(oc);
    hg_fx_emit(o->fx, K_RE, v);
    hg_emit_ins(o->fx, K_HO, K_KO, o->seq1++, o->seq2, o->ym, p, o->s, first_day,
                __builtin_popcount(rc->visit_days), total, 0, 0);
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "HS", o->ko, o->ym, p->idx);
    v[HS_prac_str_date] = hg_vdate(start);
    v[HS_outcm_div] = hg_vstr(oc);
    v[HS_teeth] = hg_vstr(cs->teeth);
    v[HS_skwd_name_cd] = hg_vstr(hg_mtab_cell(&o->fx->m->skwd, den->kind_dis[cs->kind], 0));
    v[HS_sspct_dss_flg] = hg_vint(0);
    v[HS_main_skwd] = hg_vstr("01");
    hg_fx_emit(o->fx, K_HS, v);
}

/* SS rows by 診療識別, then the IY row of the extraction drug. */
static void emit_details(den_out *o, den_rcpt *rc, int64_t drug_units)
{
    const hg_dental_model *den = o->fx->state;
    hg_value v[HG_MAX_FIELDS];
    qsort(rc->u, (size_t)rc->n, sizeof rc->u[0], by_ident);
    int prev = -1;
    for (int i = 0; i < rc->n; i++) {
        const ss_unit *u = &rc->u[i];
        char ident[3] = {(char)('0' + u->ident / 10 % 10), (char)('0' + u->ident % 10), '\0'};
        memset(v, 0, sizeof v);
        hg_common(v, o->seq1++, o->seq2, "SS", o->ko, o->ym, o->p->idx);
        v[DT_prac_ident] = u->ident != prev ? hg_vstr(ident) : hg_vnull();
        prev = u->ident;
        v[DT_burd_div] = hg_vstr(o->burd);
        v[DT_code] = hg_vstr(hg_mtab_cell(&den->acts, u->act, 0));
        v[DT_score] = hg_vint(u->score);
        v[DT_times] = hg_vint(u->times);
        for (int d = 0; d < 31; d++)
            v[DT_day01 + d] = u->days[d] ? hg_vint(u->days[d]) : hg_vnull();
        v[DT_aft_splmt_prac_ident] = hg_vstr(ident);
        v[DT_serl_no] = hg_vint(i + 1);
        v[DT_sers_odr] = hg_vint(1);
        v[DT_aft_splmt_score] = hg_vint(u->score);
        v[DT_aft_splmt_times] = hg_vint(u->times);
        hg_fx_emit(o->fx, K_SS, v);
    }
    if (!rc->drug_days_on) return;
    memset(v, 0, sizeof v);
    hg_common(v, o->seq1++, o->seq2, "IY", o->ko, o->ym, o->p->idx);
    v[DT_prac_ident] = hg_vstr("21");
    v[DT_burd_div] = hg_vstr(o->burd);
    v[DT_code] = hg_vstr(hg_mtab_cell(&o->fx->m->medicine, den->drug_row, 0));
    v[DT_use_amnt] = hg_vdec((int64_t)den->drug_daily * 100000, 5);
    v[DT_score] = hg_vint(drug_units);
    v[DT_times] = hg_vint(den->drug_days);
    v[DT_day01 + rc->drug_days_on - 1] = hg_vint(den->drug_days);
    v[DT_aft_splmt_prac_ident] = hg_vstr("21");
    v[DT_serl_no] = hg_vint(rc->n + 1);
    v[DT_sers_odr] = hg_vint(1);
    v[DT_aft_splmt_score] = hg_vint(drug_units);
    v[DT_aft_splmt_times] = hg_vint(den->drug_days);
    hg_fx_emit(o->fx, K_IY, v);
}

static void emit_den(const hg_fx *fx, const hg_person *p, int mi, int32_t ym, const hg_spell *s,
                     int clinic, den_rcpt *rc, const course *cs, int32_t start, int outcome)
{
    const hg_dental_model *den = fx->state;
    den_out o = {.fx = fx, .p = p, .s = s, .ym = ym, .seq1 = 1};
    hg_seq2(o.seq2, sizeof o.seq2, fx->seed, 'S', p->idx, mi, 0);
    o.ko = s->type == HG_INS_SEIHO;
    o.burd = o.ko ? "5" : "1";
    int32_t first_day = 0;
    for (int d = 0; d < 31 && !first_day; d++)
        if (rc->visit_days & (1u << d)) first_day = ym * 100 + d + 1;
    int64_t total = 0;
    for (int i = 0; i < rc->n; i++) total += (int64_t)rc->u[i].score * rc->u[i].times;
    int64_t drug_units = 0;
    if (rc->drug_days_on) {
        drug_units = den->drug_points;
        total += drug_units * den->drug_days;
    }
    emit_head(&o, rc, cs, start, outcome, first_day, total, clinic);
    emit_details(&o, rc, drug_units);
}

/* The month's visit days in date order (at most max_visits, none in hospital or after death).
 * Returns how many. */
static int visit_days(const hg_fx *fx, const hg_person *p, int32_t ym, den_rcpt *rc)
{
    const hg_dental_model *den = fx->state;
    int nd = hg_month_days(ym / 100, ym % 100);
    int nvis = 1 + (int)gsl_ran_poisson(fx->r, den->extra_visits);
    if (nvis > den->max_visits) nvis = den->max_visits;
    hg_vec_reserve_((void **)&rc->days, &rc->days_cap, nvis, sizeof *rc->days);
    int n = 0;
    for (int i = 0; i < nvis; i++) {
        int d = 1 + (int)gsl_rng_uniform_int(fx->r, (unsigned long)nd);
        int32_t ymd = ym * 100 + d;
        if ((p->death && ymd >= p->death) || hg_person_in_stay(p, ymd)) continue;
        int dup = 0;
        for (int j = 0; j < n; j++) dup |= rc->days[j] == d;
        if (!dup) rc->days[n++] = d;
    }
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && rc->days[j] < rc->days[j - 1]; j--) {
            int t = rc->days[j];
            rc->days[j] = rc->days[j - 1];
            rc->days[j - 1] = t;
        }
    return n;
}

/* The procedures of one visit on day d of a course. */
static void visit_acts(const hg_dental_model *den, den_rcpt *rc, course *cs, int32_t ym, int d,
                       int age, double ux)
{
    rc->visit_days |= 1u << (d - 1);
    if (cs->visits_done == 0) {
        cs->start = ym * 100 + d;
        add_act(rc, den, den->code[DEN_FIRST], d, 1);
        add_act(rc, den, den->code[DEN_MGMT], d, 1);
        add_act(rc, den, den->code[cs->kind == DEN_PERIO ? DEN_PERIO_EXAM : DEN_XRAY], d, 1);
    } else {
        add_act(rc, den, den->code[DEN_REVISIT], d, 1);
    }
    if (cs->kind == DEN_CARIES) { /* treat, then cavity and filling; some extractions late */
        if (cs->visits_done == 0)
            add_act(rc, den, den->code[DEN_CARIES_TX], d, 1);
        else if (age >= 65 && ux < den->extraction_share && !rc->drug_days_on) {
            add_act(rc, den, den->code[DEN_EXTRACTION], d, 1);
            rc->drug_days_on = d;
        } else {
            add_act(rc, den, den->code[DEN_CAVITY], d, 1);
            add_act(rc, den, den->code[DEN_FILLING], d, 1);
        }
    } else if (cs->kind == DEN_PERIO) {
        add_act(rc, den, den->code[DEN_SCALING], d, cs->visits_done == 0 ? 1 : 2);
    } else {
        add_act(rc, den, den->code[DEN_CLEANING], d, 1);
    }
    cs->visits_done++;
}

static void den_emit(const hg_fx *fx, const hg_person *p)
{
    const hg_dental_model *den = fx->state;
    const hg_period *per = fx->per;
    gsl_rng *r = fx->r;
    den_rcpt *rc = fx->scratch;
    int clinic = 1 + (int)(hg_mix64(p->idx ^ hg_stream(HG_S_DENTAL_CLINIC)) %
                           (uint64_t)den->clinics_per_pref);
    course cs = {.kind = -1};
    for (int mi = 0; mi < per->months; mi++) {
        int32_t ym = hg_ym_add(per->start_ym, mi);
        int32_t ms = ym * 100 + 1;
        if (p->death && p->death <= ms) break;
        hg_rng_stream(r, fx->seed, p->idx, hg_stream(HG_S_DENTAL) + (uint64_t)mi);
        int age = hg_age(p->birth, ms);
        double u1 = gsl_rng_uniform(r), u2 = gsl_rng_uniform(r);
        if (!cs.months_left) {
            if (u1 >= rate_at(den, age) / 12) continue;
            cs.kind = kind_at(den, age, u2);
            cs.months_left = 1 + (int)gsl_ran_poisson(r, den->months_mean - 1);
            cs.visits_done = 0;
            cs.start = 0;
            teeth_of(den, r, cs.kind, cs.teeth, sizeof cs.teeth);
        }
        cs.months_left--;
        rc->n = 0;
        rc->visit_days = 0;
        rc->drug_days_on = 0;
        int n = visit_days(fx, p, ym, rc);
        if (!n) continue;
        double ux = gsl_rng_uniform(r);
        for (int i = 0; i < n; i++) visit_acts(den, rc, &cs, ym, rc->days[i], age, ux);
        const hg_spell *s = hg_person_spell(p, ym * 100 + rc->days[0]);
        if (!s) continue;
        /* 転帰: caries and gingivitis heal when the course ends; periodontitis continues */
        int outcome = cs.months_left == 0 && cs.kind != DEN_PERIO ? 2 : 1;
        emit_den(fx, p, mi, ym, s, clinic, rc, &cs, cs.start ? cs.start : ym * 100 + rc->days[0],
                 outcome);
    }
}

const hg_family hg_family_dental = {
    .name = "dental",
    .title = "歯科 receipts",
    .kinds = den_kinds,
    .nkinds = K__N,
    .load = den_load,
    .free = den_free,
    .masters = den_masters,
    .scratch_size = sizeof(den_rcpt),
    .scratch_free = scratch_free,
    .emit = den_emit,
};
