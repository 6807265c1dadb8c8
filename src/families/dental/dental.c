/* hicgen — 歯科 receipts. */
#include "families/dental/dental.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "families/claims.h"
#include "hicgen/date.h"
#include "families/med/med.h"
#include "hicgen/records.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"
#include "hicgen/yamlx.h"

/* ---------------- loading ---------------- */

static void rows_by_age(hg_ydoc *y, hg_diag *d, yaml_node_t *n, int width, int *from,
                        double (*vals)[3], double *single, int *count)
{
    int len = hg_yseq_len(n);
    *count = 0;
    if (len <= 0 || len > 16) {
        hg_yerr(y, d, n, "expected a list of [age_from, …] rows");
        return;
    }
    for (int i = 0; i < len; i++) {
        double *v = NULL;
        int k = 0;
        yaml_node_t *row = hg_yseq_at(y, n, i);
        if (hg_ydoubles(y, d, row, &v, &k) || k != width + 1) {
            if (v) hg_yerr(y, d, row, "expected %d numbers", width + 1);
            free(v);
            continue;
        }
        from[*count] = (int)v[0];
        for (int j = 0; j < width; j++) {
            if (single) single[*count] = v[1];
            if (vals) vals[*count][j] = v[j + 1];
        }
        (*count)++;
        free(v);
    }
}

int hg_dental_load(hg_model *m, const char *specs_dir, const char *masters_dir, hg_diag *d)
{
    int before = d->nerrors;
    hg_dental_model *den = calloc(1, sizeof *den);
    m->den = den;
    char path[4096];
    snprintf(path, sizeof path, "%s/den_act.csv", masters_dir);
    static const char *const req[] = {"prac_act_cd", "pan_std_name", "nns_score", "ident", NULL};
    hg_mtab_load(&den->acts, "den_act", path, req, 1, d);
    den->points = calloc((size_t)den->acts.nrows + 1, sizeof *den->points);
    den->ident = calloc((size_t)den->acts.nrows + 1, sizeof *den->ident);
    int cp = hg_mtab_col(&den->acts, "nns_score"), ci = hg_mtab_col(&den->acts, "ident");
    for (int r = 0; r < den->acts.nrows && cp >= 0 && ci >= 0; r++) {
        char *end;
        const char *v = hg_mtab_cell(&den->acts, r, cp);
        double x = strtod(v, &end);
        if (!*v || *end || x < 0)
            hg_diag_at(d, den->acts.file, den->acts.lines[r], 0, "nns_score '%s' is not points", v);
        den->points[r] = (int)(x + 0.5);
        den->ident[r] = atoi(hg_mtab_cell(&den->acts, r, ci));
    }
    snprintf(path, sizeof path, "%s/model.yaml", specs_dir);
    hg_ydoc y;
    if (hg_ydoc_load(&y, path, NULL, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *s = hg_yget(&y, hg_yget(&y, hg_yroot(&y), "model"), "dental");
    if (!s || s->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, hg_yroot(&y), "missing section 'model.dental'");
        hg_ydoc_free(&y);
        return -1;
    }
    rows_by_age(&y, d, hg_yget(&y, s, "courses_per_year"), 1, den->rate_from, NULL, den->rate,
                &den->nrate);
    rows_by_age(&y, d, hg_yget(&y, s, "kinds"), 3, den->kind_from, den->kind_w, NULL, &den->nkind);
    yaml_node_t *kc = hg_yget(&y, s, "kind_conditions");
    for (int i = 0; i < 3; i++) {
        yaml_node_t *it = hg_yseq_len(kc) == 3 ? hg_yseq_at(&y, kc, i) : NULL;
        den->kind_dis[i] = hg_mtab_find(&m->skwd, hg_ystr(it));
        if (den->kind_dis[i] < 0)
            hg_yerr(&y, d, it ? it : s, "kind_conditions: three 傷病名 codes in the 傷病名 master");
    }
    hg_ykey_double(&y, d, s, "months_mean", &den->months_mean);
    hg_ykey_double(&y, d, s, "extra_visits_mean", &den->extra_visits);
    hg_ykey_double(&y, d, s, "extraction_share_from_65", &den->extraction_share);
    if (den->months_mean < 1 || den->months_mean > 12)
        hg_yerr(&y, d, hg_yget(&y, s, "months_mean"), "months_mean must be 1-12");
    yaml_node_t *dn = hg_yget(&y, s, "extraction_drug");
    den->drug_row = hg_mtab_find(&m->medicine, hg_ystr(dn));
    if (den->drug_row < 0) hg_yerr(&y, d, dn ? dn : s, "extraction_drug: not in the 医薬品 master");
    long v;
    if (hg_ykey_long(&y, d, s, "extraction_drug_daily", &v) == 0) den->drug_daily = (int)v;
    if (hg_ykey_long(&y, d, s, "extraction_drug_days", &v) == 0) den->drug_days = (int)v;
    if (den->drug_row >= 0) {
        const char *ps =
            hg_mtab_cell(&m->medicine, den->drug_row, hg_mtab_col(&m->medicine, "nnp_price"));
        /* yen ×10^7: price ×10^2 times daily amount ×10^5 */
        int64_t yen = (int64_t)(atof(ps) * 100 + 0.5) * (int64_t)den->drug_daily * 100000;
        den->drug_points = hg_drug_points(yen);
    }
    if (hg_ykey_long(&y, d, s, "clinics_per_prefecture", &v) == 0) den->clinics_per_pref = (int)v;
    if (den->clinics_per_pref < 1) den->clinics_per_pref = 1;
    static const char *const names[DEN_NCODES] = {
        "first_visit", "revisit",          "management", "xray",    "perio_exam", "scaling",
        "cleaning",    "caries_treatment", "cavity",     "filling", "extraction"};
    yaml_node_t *codes = hg_yget(&y, s, "codes");
    for (int i = 0; i < DEN_NCODES; i++) {
        yaml_node_t *cn = hg_yget(&y, codes, names[i]);
        den->code[i] = hg_mtab_find(&den->acts, hg_ystr(cn));
        if (den->code[i] < 0)
            hg_yerr(&y, d, cn ? cn : (codes ? codes : s), "dental codes.%s: not in %s", names[i],
                    den->acts.file ? den->acts.file : "den_act.csv");
    }
    hg_ydoc_free(&y);
    den->loaded = d->nerrors == before;
    return den->loaded ? 0 : -1;
}

void hg_dental_free(hg_dental_model *den)
{
    if (!den) return;
    hg_mtab_free(&den->acts);
    free(den->points);
    free(den->ident);
    free(den);
}

/* ---------------- receipts ---------------- */

#define MAX_SS 32

typedef struct ss_unit {
    int act; /* dental act row, or -1 for the drug */
    int ident, score, times;
    unsigned short days[31];
} ss_unit;

typedef struct den_rcpt {
    int n;
    ss_unit u[MAX_SS];
    unsigned visit_days;
    int drug_days_on; /* day the extraction drug was given, 0 = none */
} den_rcpt;

static void add_act(den_rcpt *rc, const hg_dental_model *den, int act, int day, int count)
{
    if (act < 0) return;
    ss_unit *u = NULL;
    for (int i = 0; i < rc->n; i++)
        if (rc->u[i].act == act) u = &rc->u[i];
    if (!u) {
        if (rc->n == MAX_SS) return;
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
static void teeth_of(gsl_rng *r, int kind, char *out, size_t n)
{
    if (kind == 1) { /* periodontitis: the whole mouth */
        snprintf(out, n, "11-48");
        return;
    }
    int k = 1 + (int)gsl_rng_uniform_int(r, kind == 0 ? 2 : 4);
    out[0] = '\0';
    for (int i = 0; i < k; i++) {
        char t[3] = {(char)('1' + gsl_rng_uniform_int(r, 4)),
                     (char)('1' + gsl_rng_uniform_int(r, 8)), '\0'};
        if (i) strncat(out, ",", n - strlen(out) - 1);
        strncat(out, t, n - strlen(out) - 1);
    }
}

static double rate_at(const hg_dental_model *den, int age)
{
    double v = 0;
    for (int i = 0; i < den->nrate; i++)
        if (den->rate_from[i] <= age) v = den->rate[i];
    return v;
}

static int kind_at(const hg_dental_model *den, int age, double u)
{
    int b = 0;
    for (int i = 0; i < den->nkind; i++)
        if (den->kind_from[i] <= age) b = i;
    const double *w = den->kind_w[b];
    double tot = w[0] + w[1] + w[2], cum = 0;
    for (int k = 0; k < 3; k++) {
        cum += w[k] / tot;
        if (u < cum) return k;
    }
    return 2;
}

static int in_hospital(const hg_person *p, int32_t ymd)
{
    for (int i = 0; i < p->nstays; i++)
        if (ymd >= p->stays[i].admit && ymd <= p->stays[i].discharge) return 1;
    return 0;
}

static void emit_den(const hg_model *m, uint64_t seed, const hg_person *p, int mi, int32_t ym,
                     int k, const hg_spell *s, int clinic, den_rcpt *rc, int kind, int32_t start,
                     int outcome, const char *teeth, hg_emitter *e)
{
    const hg_dental_model *den = m->den;
    char seq2[40];
    hg_seq2(seq2, sizeof seq2, 'S', p->idx, mi, k);
    int seiho = s->type == HG_INS_SEIHO, ko = seiho, seq1 = 1;
    const char *burd = seiho ? "5" : "1";
    hg_inst in;
    hg_inst_get(m, seed, p->pref, HG_INST_DENTAL, clinic, &in);
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
    hg_value v[HG_MAX_FIELDS];

    hg_emit_ir(e, HG_K_DEN_IR, seq1++, seq2, ko, ym, p, s, &in, "3");

    memset(v, 0, sizeof v);
    hg_common(v, seq1++, seq2, "RE", ko, ym, p->idx);
    const hg_name *nm = hg_person_name(p, first_day);
    int age = hg_age(p->birth, ym * 100 + 1);
    char b5[4], b10[4], cls[5], oc[2] = {(char)('0' + outcome), '\0'};
    hg_age_bands(age, b5, b10);
    hg_rcp_cls(cls, '3', p, s, first_day, 0);
    v[NRE_age] = hg_vint(age);
    v[NRE_id1] = hg_vstr(s->id1);
    v[NRE_id1n] = hg_vstr(s->id1n);
    v[NRE_id2] = hg_vstr(nm->id2);
    v[NRE_id5] = hg_vstr(p->id5);
    v[NRE_rcp_no] = hg_vint((int64_t)(p->idx % 999999) + 1);
    v[NRE_rcp_cls] = hg_vstr(cls);
    v[NRE_sex_div] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[NRE_birth] = hg_vdate(p->birth);
    v[NRE_cnslt_str] = hg_vdate(start);
    v[NRE_outcm_div] = hg_vstr(oc);
    v[NRE_age_band5] = hg_vstr(b5);
    v[NRE_age_band10] = hg_vstr(b10);
    v[NRE_copay_pct] = hg_vint(hg_person_copay(p, s, first_day));
    hg_emit(e, HG_K_DEN_RE, v);

    int true_days = __builtin_popcount(rc->visit_days);
    hg_emit_ins(e, HG_K_DEN_HO, HG_K_DEN_KO, seq1++, seq2, ym, p, s, first_day, true_days, total, 0,
                0);

    memset(v, 0, sizeof v);
    hg_common(v, seq1++, seq2, "HS", ko, ym, p->idx);
    v[HS_prac_str_date] = hg_vdate(start);
    v[HS_outcm_div] = hg_vstr(oc);
    v[HS_teeth] = hg_vstr(teeth);
    v[HS_skwd_name_cd] = hg_vstr(hg_mtab_cell(&m->skwd, den->kind_dis[kind], 0));
    v[HS_sspct_dss_flg] = hg_vint(0);
    v[HS_main_skwd] = hg_vstr("01");
    hg_emit(e, HG_K_DEN_HS, v);

    qsort(rc->u, (size_t)rc->n, sizeof rc->u[0], by_ident);
    int prev = -1;
    for (int i = 0; i < rc->n; i++) {
        const ss_unit *u = &rc->u[i];
        char ident[3] = {(char)('0' + u->ident / 10 % 10), (char)('0' + u->ident % 10), '\0'};
        memset(v, 0, sizeof v);
        hg_common(v, seq1++, seq2, "SS", ko, ym, p->idx);
        v[DT_prac_ident] = u->ident != prev ? hg_vstr(ident) : hg_vnull();
        prev = u->ident;
        v[DT_burd_div] = hg_vstr(burd);
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
        hg_emit(e, HG_K_DEN_SS, v);
    }
    if (rc->drug_days_on) {
        memset(v, 0, sizeof v);
        hg_common(v, seq1++, seq2, "IY", ko, ym, p->idx);
        v[DT_prac_ident] = hg_vstr("21");
        v[DT_burd_div] = hg_vstr(burd);
        v[DT_code] = hg_vstr(hg_mtab_cell(&m->medicine, den->drug_row, 0));
        v[DT_use_amnt] = hg_vdec((int64_t)den->drug_daily * 100000, 5);
        v[DT_score] = hg_vint(drug_units);
        v[DT_times] = hg_vint(den->drug_days);
        v[DT_day01 + rc->drug_days_on - 1] = hg_vint(den->drug_days);
        v[DT_aft_splmt_prac_ident] = hg_vstr("21");
        v[DT_serl_no] = hg_vint(rc->n + 1);
        v[DT_sers_odr] = hg_vint(1);
        v[DT_aft_splmt_score] = hg_vint(drug_units);
        v[DT_aft_splmt_times] = hg_vint(den->drug_days);
        hg_emit(e, HG_K_DEN_IY, v);
    }
}

void hg_den_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                   gsl_rng *r, hg_emitter *e)
{
    const hg_dental_model *den = m->den;
    if (!den || !den->loaded) return;
    int clinic = 1 + (int)(hg_mix64(p->idx ^ hg_stream(HG_S_DENTAL_CLINIC)) %
                           (uint64_t)den->clinics_per_pref);
    int kind = -1, months_left = 0, visits_done = 0;
    int32_t start = 0;
    char teeth[64] = "";
    for (int mi = 0; mi < per->months; mi++) {
        int32_t ym = hg_ym_add(per->start_ym, mi);
        int32_t ms = ym * 100 + 1;
        if (p->death && p->death <= ms) break;
        hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_DENTAL) + (uint64_t)mi);
        int age = hg_age(p->birth, ms);
        double u1 = gsl_rng_uniform(r), u2 = gsl_rng_uniform(r);
        if (!months_left) {
            if (u1 >= rate_at(den, age) / 12) continue;
            kind = kind_at(den, age, u2);
            months_left = 1 + (int)gsl_ran_poisson(r, den->months_mean - 1);
            visits_done = 0;
            start = 0;
            teeth_of(r, kind, teeth, sizeof teeth);
        }
        months_left--;
        /* this month's visit days */
        int nd = hg_month_days(ym / 100, ym % 100);
        int nvis = 1 + (int)gsl_ran_poisson(r, den->extra_visits);
        if (nvis > 4) nvis = 4;
        den_rcpt rc;
        memset(&rc, 0, sizeof rc);
        int days[4], n = 0;
        for (int i = 0; i < nvis; i++) {
            int d = 1 + (int)gsl_rng_uniform_int(r, (unsigned long)nd);
            int32_t ymd = ym * 100 + d;
            if ((p->death && ymd >= p->death) || in_hospital(p, ymd)) continue;
            int dup = 0;
            for (int j = 0; j < n; j++) dup |= days[j] == d;
            if (!dup) days[n++] = d;
        }
        if (!n) continue;
        for (int i = 1; i < n; i++) /* in date order */
            for (int j = i; j > 0 && days[j] < days[j - 1]; j--) {
                int t = days[j];
                days[j] = days[j - 1];
                days[j - 1] = t;
            }
        double ux = gsl_rng_uniform(r);
        for (int i = 0; i < n; i++) {
            int d = days[i];
            rc.visit_days |= 1u << (d - 1);
            if (visits_done == 0) {
                start = ym * 100 + d;
                add_act(&rc, den, den->code[DEN_FIRST], d, 1);
                add_act(&rc, den, den->code[DEN_MGMT], d, 1);
                add_act(&rc, den, den->code[kind == 1 ? DEN_PERIO_EXAM : DEN_XRAY], d, 1);
            } else {
                add_act(&rc, den, den->code[DEN_REVISIT], d, 1);
            }
            if (kind ==
                0) { /* caries: treat, then cavity and filling; some extractions late in life */
                if (visits_done == 0)
                    add_act(&rc, den, den->code[DEN_CARIES_TX], d, 1);
                else if (age >= 65 && ux < den->extraction_share && !rc.drug_days_on) {
                    add_act(&rc, den, den->code[DEN_EXTRACTION], d, 1);
                    rc.drug_days_on = d;
                } else {
                    add_act(&rc, den, den->code[DEN_CAVITY], d, 1);
                    add_act(&rc, den, den->code[DEN_FILLING], d, 1);
                }
            } else if (kind == 1) {
                add_act(&rc, den, den->code[DEN_SCALING], d, visits_done == 0 ? 1 : 2);
            } else {
                add_act(&rc, den, den->code[DEN_CLEANING], d, 1);
            }
            visits_done++;
        }
        const hg_spell *s = hg_person_spell(p, ym * 100 + days[0]);
        if (!s) continue;
        /* 転帰: caries and gingivitis heal when the course ends; periodontitis continues */
        int outcome = months_left == 0 && kind != 1 ? 2 : 1;
        emit_den(m, seed, p, mi, ym, 0, s, clinic, &rc, kind, start ? start : ym * 100 + days[0],
                 outcome, teeth, e);
    }
}
