/* hicgen — 介護保険: model loading, care timeline, certification records and care claims. */
#include "families/kaigo/kaigo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "families/claims.h"
#include "hicgen/date.h"
#include "hicgen/hash.h"
#include "hicgen/person.h"
#include "hicgen/records.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"
#include "hicgen/yamlx.h"

const int hg_care_level_codes[HG_CARE_LEVELS] = {12, 13, 21, 22, 23, 24, 25};

int hg_care_level_index(int code)
{
    for (int i = 0; i < HG_CARE_LEVELS; i++)
        if (hg_care_level_codes[i] == code) return i;
    return -1;
}

/* ---------------- loading ---------------- */

static void ints(hg_ydoc *y, hg_diag *d, yaml_node_t *n, int *out, int *cnt, int max)
{
    double *v = NULL;
    int k = 0;
    *cnt = 0;
    if (hg_ydoubles(y, d, n, &v, &k) == 0) {
        if (k < 1 || k > max) hg_yerr(y, d, n, "expected 1 to %d numbers", max);
        for (int i = 0; i < k && i < max; i++) out[i] = (int)v[i];
        *cnt = k < max ? k : max;
    }
    free(v);
}

static void dbls(hg_ydoc *y, hg_diag *d, yaml_node_t *n, double *out, int want)
{
    double *v = NULL;
    int k = 0;
    if (hg_ydoubles(y, d, n, &v, &k) == 0) {
        if (k != want)
            hg_yerr(y, d, n, "expected %d numbers", want);
        else
            memcpy(out, v, (size_t)want * sizeof *v);
    }
    free(v);
}

/* A sequence of condition ids → flags by condition. */
static void cond_flags(hg_ydoc *y, hg_diag *d, const hg_model *m, yaml_node_t *seq, int *flags)
{
    for (int i = 0; i < hg_yseq_len(seq); i++) {
        int k = hg_model_cond(m, hg_ystr(hg_yseq_at(y, seq, i)));
        if (k < 0)
            hg_yerr(y, d, hg_yseq_at(y, seq, i), "not in conditions.csv");
        else
            flags[k] = 1;
    }
}

/* A mapping {level code: number} → one number per level index; absent levels stay 0. */
static void per_level(hg_ydoc *y, hg_diag *d, yaml_node_t *map, double *out)
{
    for (int i = 0; i < HG_CARE_LEVELS; i++) {
        char key[8];
        snprintf(key, sizeof key, "%d", hg_care_level_codes[i]);
        yaml_node_t *v = hg_yget(y, map, key);
        if (v) hg_ydouble(y, d, v, &out[i]);
    }
}

/* Resolves the master columns once, so that the per-person code reads plain fields. */
static void resolve_masters(hg_care_model *c)
{
    const hg_mtab *s = &c->services, *it = &c->items;
    c->svc = calloc((size_t)s->nrows + 1, sizeof *c->svc);
    int ck = hg_mtab_col(s, "kind"), c0 = hg_mtab_col(s, "level_from"),
        c1 = hg_mtab_col(s, "level_to"), cu = hg_mtab_col(s, "unit"), cp = hg_mtab_col(s, "per");
    for (int r = 0; r < s->nrows; r++)
        c->svc[r] = (hg_care_service){
            hg_mtab_cell(s, r, 0),        hg_mtab_cell(s, r, ck),
            atoi(hg_mtab_cell(s, r, c0)), atoi(hg_mtab_cell(s, r, c1)),
            atoi(hg_mtab_cell(s, r, cu)), !strcmp(hg_mtab_cell(s, r, cp), "month")};
    c->item = calloc((size_t)it->nrows + 1, sizeof *c->item);
    int io = hg_mtab_col(it, "options"), ith = hg_mtab_col(it, "threshold"),
        icog = hg_mtab_col(it, "cognitive");
    for (int k = 0; k < it->nrows; k++)
        c->item[k] =
            (hg_care_item){atoi(hg_mtab_cell(it, k, 0)), atoi(hg_mtab_cell(it, k, io)),
                           atoi(hg_mtab_cell(it, k, icog)), atof(hg_mtab_cell(it, k, ith))};
}

int hg_care_load(hg_model *m, const char *specs_dir, const char *masters_dir, hg_diag *d)
{
    int before = d->nerrors;
    hg_care_model *c = calloc(1, sizeof *c);
    m->care = c;
    char path[4096];
    static const char *const rs[] = {"service_cd", "kind",     "name", "unit",
                                     "level_from", "level_to", "per",  NULL};
    snprintf(path, sizeof path, "%s/kaigo_services.csv", masters_dir);
    hg_mtab_load(&c->services, "kaigo_service", path, rs, 1, d);
    static const char *const ri[] = {"item_no",   "grp",       "name", "options",
                                     "threshold", "cognitive", NULL};
    snprintf(path, sizeof path, "%s/kaigo_chosa_items.csv", masters_dir);
    hg_mtab_load(&c->items, "kaigo_chosa_item", path, ri, 1, d);
    snprintf(path, sizeof path, "%s/care.yaml", specs_dir);
    hg_ydoc y;
    if (hg_ydoc_load(&y, path, NULL, d)) {
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *s = hg_yget(&y, hg_yroot(&y), "care");
    if (!s || s->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, hg_yroot(&y), "expected a top-level 'care:' mapping");
        hg_ydoc_free(&y);
        return -1;
    }
    yaml_node_t *cn = hg_yget(&y, s, "certified");
    int len = hg_yseq_len(cn);
    for (int i = 0; i < len && i < HG_MAX_BANDS; i++) {
        double v[3] = {0};
        dbls(&y, d, hg_yseq_at(&y, cn, i), v, 3);
        c->certified.from[i] = (int)v[0];
        c->certified.m[i] = v[1];
        c->certified.f[i] = v[2];
        c->certified.n = i + 1;
    }
    if (len <= 0) hg_yerr(&y, d, cn ? cn : s, "certified: [[age_from, male, female], ...]");
    hg_ykey_double(&y, d, s, "incidence_scale", &c->incidence_scale);
    hg_ykey_double(&y, d, s, "top_band_incidence", &c->top_incidence);
    for (int k = 0; k < HG_MAX_CONDS; k++) c->risk[k] = 1;
    yaml_node_t *rk = hg_yget(&y, s, "risk");
    yaml_node_t *sd = hg_yget(&y, s, "specified_diseases");
    yaml_node_t *maps[2] = {rk, sd};
    for (int w = 0; w < 2; w++) {
        yaml_node_t *mp = maps[w];
        if (!mp || mp->type != YAML_MAPPING_NODE) {
            hg_yerr(&y, d, mp ? mp : s, "%s must be a mapping of condition ids",
                    w ? "specified_diseases" : "risk");
            continue;
        }
        for (yaml_node_pair_t *pr = mp->data.mapping.pairs.start; pr < mp->data.mapping.pairs.top;
             pr++) {
            yaml_node_t *kn = hg_ynode(&y, pr->key), *vn = hg_ynode(&y, pr->value);
            int k = hg_model_cond(m, hg_ystr(kn));
            if (k < 0) {
                hg_yerr(&y, d, kn, "'%s' is not in conditions.csv",
                        hg_ystr(kn) ? hg_ystr(kn) : "?");
                continue;
            }
            if (w == 0)
                hg_ydouble(&y, d, vn, &c->risk[k]);
            else
                snprintf(c->spec_disease[k], sizeof c->spec_disease[k], "%.2s",
                         hg_ystr(vn) ? hg_ystr(vn) : "");
        }
    }
    yaml_node_t *lv = hg_yget(&y, s, "levels");
    len = hg_yseq_len(lv);
    for (int i = 0; i < len && i < 16; i++) {
        double v[8] = {0};
        dbls(&y, d, hg_yseq_at(&y, lv, i), v, 8);
        c->lev_from[i] = (int)v[0];
        memcpy(c->lev_w[i], v + 1, sizeof c->lev_w[i]);
        c->nlev = i + 1;
    }
    hg_ykey_double(&y, d, s, "severe_shift", &c->severe_shift);
    cond_flags(&y, d, m, hg_yget(&y, s, "severe_conditions"), c->severe_conds);
    c->dementia = -1;
    yaml_node_t *dn = hg_yget(&y, s, "dementia_condition");
    if (dn && (c->dementia = hg_model_cond(m, hg_ystr(dn))) < 0)
        hg_yerr(&y, d, dn, "not in conditions.csv");
    dbls(&y, d, hg_yget(&y, s, "renewal_moves"), c->moves, 4);
    cond_flags(&y, d, m, hg_yget(&y, s, "change_after_admission"), c->change_conds);
    hg_ykey_double(&y, d, s, "change_probability", &c->change_prob);
    ints(&y, d, hg_yget(&y, s, "valid_new"), c->valid_new, &c->nvalid_new, 4);
    ints(&y, d, hg_yget(&y, s, "valid_renewal"), c->valid_ren, &c->nvalid_ren, 4);
    ints(&y, d, hg_yget(&y, s, "valid_change"), c->valid_chg, &c->nvalid_chg, 4);
    hg_ykey_double(&y, d, s, "not_eligible_share", &c->not_eligible);
    int n2;
    ints(&y, d, hg_yget(&y, s, "survey_days"), c->survey_days, &n2, 2);
    ints(&y, d, hg_yget(&y, s, "decision_days"), c->decision_days, &n2, 2);
    per_level(&y, d, hg_yget(&y, s, "facility_per_month"), c->facility_hazard);
    per_level(&y, d, hg_yget(&y, s, "facility_at_start"), c->facility_start);
    yaml_node_t *fk = hg_yget(&y, s, "facility_kinds");
    for (int i = 0; i < hg_yseq_len(fk) && i < 4; i++) {
        double v[2] = {0};
        dbls(&y, d, hg_yseq_at(&y, fk, i), v, 2);
        c->fac_kind[i] = (int)v[0];
        c->fac_w[i] = v[1];
        c->nfac = i + 1;
    }
    hg_ykey_double(&y, d, s, "facility_outpatient_keep", &c->outpatient_keep);
    yaml_node_t *lim = hg_yget(&y, s, "limits");
    for (int i = 0; i < HG_CARE_LEVELS; i++) {
        char key[8];
        snprintf(key, sizeof key, "%d", hg_care_level_codes[i]);
        long v = 0;
        if (hg_ykey_long(&y, d, lim, key, &v) == 0) c->limit[i] = (int)v;
    }
    hg_ykey_double(&y, d, s, "unit_price_yen", &c->unit_price);
    yaml_node_t *hs = hg_yget(&y, s, "home_services");
    for (int i = 0; i < hg_yseq_len(hs) && i < HG_CARE_MAX_HOME; i++) {
        yaml_node_t *it = hg_yseq_at(&y, hs, i);
        hg_home_service *h = &c->home[c->nhome++];
        snprintf(h->kind, sizeof h->kind, "%.2s",
                 hg_ystr(hg_yget(&y, it, "kind")) ? hg_ystr(hg_yget(&y, it, "kind")) : "");
        dbls(&y, d, hg_yget(&y, it, "share"), h->share, HG_CARE_LEVELS);
        double pm[HG_CARE_LEVELS] = {0};
        dbls(&y, d, hg_yget(&y, it, "per_month"), pm, HG_CARE_LEVELS);
        for (int l = 0; l < HG_CARE_LEVELS; l++) h->per_month[l] = (int)pm[l];
    }
    snprintf(c->plan_care, sizeof c->plan_care, "%.2s",
             hg_ystr(hg_yget(&y, s, "plan_kind_care")) ? hg_ystr(hg_yget(&y, s, "plan_kind_care"))
                                                       : "");
    snprintf(c->plan_support, sizeof c->plan_support, "%.2s",
             hg_ystr(hg_yget(&y, s, "plan_kind_support"))
                 ? hg_ystr(hg_yget(&y, s, "plan_kind_support"))
                 : "");
    hg_ydoc_free(&y);
    if (c->items.nrows && c->items.nrows != 74)
        hg_diag_at(d, c->items.file, 0, 0, "the 基本調査 has 74 items, not %d", c->items.nrows);
    resolve_masters(c);
    c->loaded = d->nerrors == before;
    return c->loaded ? 0 : -1;
}

void hg_care_free(hg_care_model *c)
{
    if (!c) return;
    hg_mtab_free(&c->services);
    hg_mtab_free(&c->items);
    free(c->svc);
    free(c->item);
    free(c);
}

/* ---------------- timeline ---------------- */

static int32_t add_days(int32_t ymd, int n)
{
    return hg_ymd(hg_days(ymd) + n);
}

static int32_t add_months_end(int32_t from, int months)
{
    /* validity ends on the last day of the month `months` after the month of `from` */
    int32_t ym = hg_ym_add(from / 100, months);
    ym = hg_ym_add(ym, -1);
    return ym * 100 + hg_month_days(ym / 100, ym % 100);
}

static int in_stay(const hg_person *p, int32_t ymd)
{
    for (int i = 0; i < p->nstays; i++)
        if (ymd >= p->stays[i].admit && ymd <= p->stays[i].discharge) return 1;
    return 0;
}

/* Relative risk of care need from the person's active conditions on ymd, and its mean over the
 * population of that age and sex (conditions taken as independent), so that the certified
 * share stays near the table. */
static double risk_ratio(const hg_model *m, const hg_care_model *c, const hg_person *p, int age,
                         int32_t ymd)
{
    double rr = 1, mean = 1;
    for (int k = 0; k < m->nconds; k++) {
        if (c->risk[k] == 1) continue;
        double prev = hg_band_rate(&m->conds[k].rates, p->sex, age);
        if (m->conds[k].kind == HG_COND_ACUTE) prev = 0.02; /* recent episodes */
        mean *= 1 + prev * (c->risk[k] - 1);
        int has = hg_person_has(p, k, ymd);
        for (int e = 0; e < p->nepisodes && !has; e++)
            has = p->episodes[e].cond == k && p->episodes[e].date <= ymd &&
                  hg_days(ymd) - hg_days(p->episodes[e].date) < 365;
        if (has) rr *= c->risk[k];
    }
    return rr / mean;
}

static const char *spec_disease(const hg_care_model *c, const hg_model *m, const hg_person *p,
                                int32_t ymd)
{
    for (int k = 0; k < m->nconds; k++)
        if (c->spec_disease[k][0] && hg_person_has(p, k, ymd)) return c->spec_disease[k];
    return NULL;
}

static int draw_level(const hg_care_model *c, const hg_model *m, const hg_person *p, int age,
                      int32_t ymd, gsl_rng *r)
{
    int b = 0;
    for (int i = 0; i < c->nlev; i++)
        if (c->lev_from[i] <= age) b = i;
    double u = gsl_rng_uniform(r), cum = 0, tot = 0;
    for (int l = 0; l < HG_CARE_LEVELS; l++) tot += c->lev_w[b][l];
    int idx = HG_CARE_LEVELS - 1;
    for (int l = 0; l < HG_CARE_LEVELS; l++) {
        cum += c->lev_w[b][l] / tot;
        if (u < cum) {
            idx = l;
            break;
        }
    }
    int severe = 0;
    for (int k = 0; k < m->nconds && !severe; k++)
        severe = c->severe_conds[k] && hg_person_has(p, k, ymd);
    if (severe && gsl_rng_uniform(r) < c->severe_shift && idx < HG_CARE_LEVELS - 1) idx++;
    return idx;
}

/* Minutes of 要介護認定等基準時間 for a level (the bands that define it). */
static int minutes_for(int idx, gsl_rng *r)
{
    static const int lo[] = {25, 32, 32, 50, 70, 90, 110}, hi[] = {32, 50, 50, 70, 90, 110, 140};
    return lo[idx] + (int)gsl_rng_uniform_int(r, (unsigned long)(hi[idx] - lo[idx]));
}

static void add_cert(const hg_care_model *c, hg_person *p, int kind, int32_t apply, int idx,
                     int months, gsl_rng *r, int second, const char *dis)
{
    if (p->ncerts == HG_MAX_CERTS) return;
    hg_cert *x = &p->certs[p->ncerts++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->apply = apply;
    x->survey =
        add_days(apply, c->survey_days[0] +
                            (int)gsl_rng_uniform_int(
                                r, (unsigned long)(c->survey_days[1] - c->survey_days[0] + 1)));
    x->decision =
        add_days(apply, c->decision_days[0] +
                            (int)gsl_rng_uniform_int(
                                r, (unsigned long)(c->decision_days[1] - c->decision_days[0] + 1)));
    x->second = second;
    if (dis) snprintf(x->disease, sizeof x->disease, "%s", dis);
    if (idx < 0) { /* 非該当 */
        x->level1 = x->level2 = 1;
        x->minutes = 15 + (int)gsl_rng_uniform_int(r, 10);
        return;
    }
    /* 一次判定 by the minutes; the board (二次判定) keeps it or moves it one step */
    int first = idx;
    if (gsl_rng_uniform(r) < 0.1) first = idx > 0 ? idx - 1 : idx + 1;
    x->level1 = hg_care_level_codes[first];
    x->minutes = minutes_for(first, r);
    x->level2 = hg_care_level_codes[idx];
    /* a certification takes effect from the application date */
    x->valid_from = apply;
    x->valid_to = add_months_end(apply, months);
}

static int pick_facility(const hg_care_model *c, gsl_rng *r)
{
    double w = gsl_rng_uniform(r), cum = 0, tot = 0;
    for (int k = 0; k < c->nfac; k++) tot += c->fac_w[k];
    for (int k = 0; k < c->nfac; k++) {
        cum += c->fac_w[k] / tot;
        if (w < cum) return c->fac_kind[k];
    }
    return c->fac_kind[0];
}

static int pick_months(const int *v, int n, gsl_rng *r)
{
    return v[gsl_rng_uniform_int(r, (unsigned long)n)];
}

void hg_care_timeline(const hg_model *m, const struct hg_period *per_, uint64_t seed,
                      struct hg_person *p, gsl_rng *r)
{
    const hg_period *per = (const hg_period *)per_;
    const hg_care_model *c = m->care;
    p->ncerts = 0;
    p->facility_from = 0;
    p->facility_kind = 0;
    if (!c || !c->loaded) return;
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_KAIGO_NEED));
    p->cognition_z = gsl_ran_ugaussian(r);
    int age0 = hg_age(p->birth, per->start);
    if (age0 < 39 && hg_age(p->birth, per->end) < 40) return;
    /* certified at the start */
    double u0 = gsl_rng_uniform(r);
    if (age0 >= 40) {
        const char *dis = age0 < 65 ? spec_disease(c, m, p, per->start) : NULL;
        /* the share at this age, raised or lowered by the person's risk; 1-(1-p)^rr keeps it a
         * probability however large the risk */
        double rate = 1 - pow(1 - hg_band_rate(&c->certified, p->sex, age0),
                              risk_ratio(m, c, p, age0, per->start));
        if ((age0 >= 65 || dis) && u0 < rate) {
            int idx = draw_level(c, m, p, age0, per->start, r);
            /* certified earlier: the validity in force began up to a year ago, and not before
             * the 65th birthday for 第1号 */
            int32_t from = add_days(per->start, -(int)gsl_rng_uniform_int(r, 330));
            int32_t b65 = p->birth + 650000;
            if (b65 % 10000 == 229 && hg_month_days(b65 / 10000, 2) == 28) b65 += 72;
            if (!dis && from < b65) from = b65;
            add_cert(c, p, 1, add_days(from, -30), idx, 12, r, hg_age(p->birth, from) < 65, dis);
            p->certs[p->ncerts - 1].valid_from = from;
            p->certs[p->ncerts - 1].valid_to = add_months_end(from, 12);
            /* some already live in a care facility */
            if (gsl_rng_uniform(r) < c->facility_start[idx]) {
                p->facility_from = from;
                p->facility_kind = pick_facility(c, r);
            }
        }
    }
    int32_t retry_after = 0;
    int si = 0; /* next stay to look at for 区分変更 */
    for (int mi = 0; mi < per->months; mi++) {
        int32_t ym = hg_ym_add(per->start_ym, mi);
        int32_t ms = ym * 100 + 1, me = ym * 100 + hg_month_days(ym / 100, ym % 100);
        if (p->death && p->death <= ms) break;
        hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_KAIGO_NEED) + 1 + (uint64_t)mi);
        int age = hg_age(p->birth, ms);
        double u = gsl_rng_uniform(r);
        int32_t day = ms + (int)gsl_rng_uniform_int(r, (unsigned long)(me % 100));
        if (p->death && day >= p->death) day = ms;
        hg_cert *cur = p->ncerts ? &p->certs[p->ncerts - 1] : NULL;
        int certified = cur && cur->level2 != 1 && cur->valid_to >= ms;
        if (!certified) {
            if (age < 40 || day < retry_after || in_stay(p, day)) continue;
            const char *dis = age < 65 ? spec_disease(c, m, p, day) : NULL;
            if (age < 65 && !dis) continue;
            /* incidence from the rise of the certified share with age, times the person's risk */
            double p0 = hg_band_rate(&c->certified, p->sex, age);
            double p1 = hg_band_rate(&c->certified, p->sex, age + 5);
            double inc = p1 > p0 ? c->incidence_scale * (p1 - p0) / 5 / (1 - p0) : c->top_incidence;
            if (u >= 1 - pow(1 - inc / 12, risk_ratio(m, c, p, age, day))) continue;
            if (gsl_rng_uniform(r) < c->not_eligible) {
                add_cert(c, p, 1, day, -1, 0, r, age < 65, dis);
                retry_after = add_days(day, 180);
                continue;
            }
            add_cert(c, p, 1, day, draw_level(c, m, p, age, day, r),
                     pick_months(c->valid_new, c->nvalid_new, r), r, age < 65, dis);
            continue;
        }
        /* 区分変更 after an admission that worsens the state */
        for (; si < p->nstays && p->stays[si].discharge < ms; si++) {
        }
        int changed = 0;
        for (int i = si; i < p->nstays && !changed; i++) {
            const hg_stay *st = &p->stays[i];
            if (st->discharge < ms || st->discharge > me || st->died || !c->change_conds[st->cond])
                continue;
            int32_t ap = add_days(st->discharge, 3);
            if (ap > me || ap > cur->valid_to || (p->death && ap >= p->death)) continue;
            if (gsl_rng_uniform(r) >= c->change_prob) continue;
            int idx = hg_care_level_index(cur->level2) + 1 + (gsl_rng_uniform(r) < 0.3);
            if (idx >= HG_CARE_LEVELS) idx = HG_CARE_LEVELS - 1;
            cur->valid_to = add_days(ap, -1); /* the new certification replaces it */
            add_cert(c, p, 3, ap, idx, pick_months(c->valid_chg, c->nvalid_chg, r), r, cur->second,
                     cur->disease[0] ? cur->disease : NULL);
            changed = 1;
        }
        if (changed) continue;
        /* renewal: applied for in the last two months of validity */
        cur = &p->certs[p->ncerts - 1];
        if (cur->valid_to <= me && cur->valid_to >= ms) {
            int32_t ap = add_days(cur->valid_to, -30 - (int)gsl_rng_uniform_int(r, 25));
            if (ap < cur->valid_from) ap = cur->valid_from;
            int idx = hg_care_level_index(cur->level2);
            double v = gsl_rng_uniform(r);
            idx += v < c->moves[0]                               ? -1
                   : v < c->moves[0] + c->moves[1]               ? 0
                   : v < c->moves[0] + c->moves[1] + c->moves[2] ? 1
                                                                 : 2;
            idx = idx < 0 ? 0 : idx >= HG_CARE_LEVELS ? HG_CARE_LEVELS - 1 : idx;
            int32_t from = add_days(cur->valid_to, 1);
            if (p->death && from >= p->death) continue;
            add_cert(c, p, 2, ap, idx, pick_months(c->valid_ren, c->nvalid_ren, r), r,
                     cur->second && hg_age(p->birth, from) < 65,
                     cur->disease[0] ? cur->disease : NULL);
            p->certs[p->ncerts - 1].valid_from = from;
            p->certs[p->ncerts - 1].valid_to =
                add_months_end(from, pick_months(c->valid_ren, c->nvalid_ren, r));
        }
        /* entry into a care facility (要介護3-5) */
        const hg_cert *now = hg_person_cert(p, day);
        if (!p->facility_from && now) {
            int idx = hg_care_level_index(now->level2);
            if (idx >= 0 && gsl_rng_uniform(r) < c->facility_hazard[idx] && !in_stay(p, day) &&
                !(p->death && day >= p->death)) {
                p->facility_from = day;
                p->facility_kind = pick_facility(c, r);
            }
        }
    }
    /* certifications end with death */
    for (int i = 0; i < p->ncerts; i++)
        if (p->death && p->certs[i].valid_to >= p->death) p->certs[i].valid_to = p->death;
}

/* ---------------- records ---------------- */

/* What every care record of one person carries; the hashed IDs are made once per person. */
typedef struct care_out {
    const hg_care_model *c;
    uint64_t seed;
    const hg_person *p;
    hg_emitter *e;
    char insurer[8], insured[65];
} care_out;

static void care_out_init(care_out *o, const hg_care_model *c, uint64_t seed, const hg_person *p,
                          hg_emitter *e)
{
    *o = (care_out){.c = c, .seed = seed, .p = p, .e = e};
    /* 介護保険者 = the municipality: 6 digits with a check digit */
    char base[8];
    int muni = 1 + (int)(hg_mix64(p->idx ^ hg_stream(HG_S_KAIGO_INSURER)) % 300);
    snprintf(base, sizeof base, "%02u%03u", (unsigned)p->pref % 100u, (unsigned)muni % 1000u);
    snprintf(o->insurer, sizeof o->insurer, "%.5s%d", base, hg_insurer_check_digit(base));
    char buf[80];
    int n = snprintf(buf, sizeof buf, "kaigo:%llu:%llu", (unsigned long long)seed,
                     (unsigned long long)p->idx);
    hg_sha256_hex(buf, (size_t)n, o->insured); /* 被保険者番号, hashed as in the 介護DB */
}

static const char *disability_for(int idx, gsl_rng *r)
{
    static const char *const g[][3] = {{"J1", "J2", "A1"}, {"J2", "A1", "A2"}, {"A1", "A2", "B1"},
                                       {"A2", "B1", "B2"}, {"B1", "B2", "C1"}, {"B2", "C1", "C2"},
                                       {"C1", "C2", "C2"}};
    return g[idx][gsl_rng_uniform_int(r, 3)];
}

static const char *dementia_for(int idx, double z, int demented)
{
    static const char *const g[] = {"0", "1", "2a", "2b", "3a", "3b", "4", "M"};
    int k = demented ? 2 + idx / 2 + (z > 0.8) : (z > 0.5 ? 1 : 0);
    return g[k > 7 ? 7 : k];
}

static void emit_certs(const care_out *o, const hg_period *per, gsl_rng *r)
{
    const hg_care_model *c = o->c;
    const hg_person *p = o->p;
    uint64_t seed = o->seed;
    hg_emitter *e = o->e;
    for (int i = 0; i < p->ncerts; i++) {
        const hg_cert *x = &p->certs[i];
        if (x->apply < per->start || x->apply > per->end) continue; /* applied before the data */
        hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_KAIGO_SURVEY) + (uint64_t)i);
        char key[40], sex[2] = {p->sex == HG_SEX_M ? '1' : '2', '\0'};
        snprintf(key, sizeof key, "N%010llu%02d", (unsigned long long)p->idx, i);
        char l1[3], l2[3], kind[2] = {(char)('0' + x->kind), '\0'};
        snprintf(l1, sizeof l1, "%02u", (unsigned)x->level1 % 100u);
        snprintf(l2, sizeof l2, "%02u", (unsigned)x->level2 % 100u);
        int idx = hg_care_level_index(x->level2);
        int demented = c->dementia >= 0 && hg_person_has(p, c->dementia, x->survey);
        hg_value v[HG_MAX_FIELDS];
        memset(v, 0, sizeof v);
        v[KN_key] = hg_vstr(key);
        v[KN_person] = hg_vint((int64_t)p->idx);
        v[KN_id5] = hg_vstr(p->id5);
        v[KN_insurer_no] = hg_vstr(o->insurer);
        v[KN_insured_no] = hg_vstr(o->insured);
        v[KN_sex] = hg_vstr(sex);
        v[KN_birth] = hg_vdate(p->birth);
        v[KN_age] = hg_vint(hg_age(p->birth, x->apply));
        v[KN_kind] = hg_vstr(kind);
        v[KN_apply] = hg_vdate(x->apply);
        v[KN_survey] = hg_vdate(x->survey);
        v[KN_level1] = hg_vstr(l1);
        v[KN_minutes] = hg_vint(x->minutes);
        v[KN_decision] = hg_vdate(x->decision);
        v[KN_level2] = hg_vstr(l2);
        v[KN_valid_from] = hg_vdate(x->valid_from);
        v[KN_valid_to] = hg_vdate(x->valid_to);
        v[KN_insured_kind] = hg_vstr(x->second ? "2" : "1");
        v[KN_disease] = x->disease[0] ? hg_vstr(x->disease) : hg_vnull();
        v[KN_disability] = hg_vstr(idx >= 0 ? disability_for(idx, r) : "J1");
        v[KN_dementia] = hg_vstr(dementia_for(idx < 0 ? 0 : idx, p->cognition_z, demented));
        hg_emit(e, HG_K_KG_NINTEI, v);
        /* 基本調査: answers follow the severity (level, bounded noise) and, for the cognitive
         * items, dementia; with noise of at most ±1 a 要介護4-5 person never "walks unaided" */
        double sev0 = idx < 0 ? -1 : idx;
        for (int k = 0; k < c->items.nrows; k++) {
            const hg_care_item *q = &c->item[k];
            int opts = q->options;
            double thr = q->threshold;
            double noise = gsl_rng_uniform(r) * 2 - 1;
            double sev = sev0 + noise;
            if (q->cognitive) sev = (demented ? sev0 + 2 : sev0 - 2) + noise;
            int ans = 1 + (int)floor((sev - thr) / 1.2 + 1);
            if (sev < thr) ans = 1;
            ans = ans < 1 ? 1 : ans > opts ? opts : ans;
            memset(v, 0, sizeof v);
            v[KC_key] = hg_vstr(key);
            v[KC_person] = hg_vint((int64_t)p->idx);
            v[KC_id5] = hg_vstr(p->id5);
            v[KC_item_no] = hg_vint(q->no);
            v[KC_answer] = hg_vint(ans);
            hg_emit(e, HG_K_KG_CHOSA, v);
        }
    }
}

/* The master row of a service kind for a level, or -1. */
static int service_row(const hg_care_model *c, const char *kind, int level)
{
    for (int r = 0; r < c->services.nrows; r++)
        if (!strcmp(c->svc[r].kind, kind) && c->svc[r].level_from <= level &&
            level <= c->svc[r].level_to)
            return r;
    return -1;
}

typedef struct care_line {
    int row; /* service master row */
    int count;
} care_line;

static void provider_no(const hg_person *p, const char *kind, int shared, char out[11])
{
    /* 事業所番号: prefecture, service kind, and a provider among a few hundred */
    uint64_t h = hg_mix64((uint64_t)p->pref * 7919ULL + (uint64_t)atoi(kind) * 104729ULL +
                          (shared ? 0 : p->idx % 211));
    snprintf(out, 11, "%02u%02u%06llu", (unsigned)p->pref % 100u, (unsigned)atoi(kind) % 100u,
             (unsigned long long)(h % 1000000));
}

/* One claim (基本 01, 明細 02, 集計 10) for one service line of a month. */
static void emit_claim(const care_out *o, int32_t ym, int serial, const char *kind, care_line ln,
                       const hg_cert *cert, const char *plan_kind, const char *plan_provider,
                       int32_t admit, int days, int rate)
{
    const hg_care_model *c = o->c;
    const hg_person *p = o->p;
    const hg_care_service *sv = &c->svc[ln.row];
    char key[40], prov[11];
    snprintf(key, sizeof key, "C%010llu%06d%02d", (unsigned long long)p->idx, ym % 1000000, serial);
    provider_no(p, kind, 0, prov);
    int64_t units = (int64_t)sv->unit * ln.count;
    int64_t price100 = (int64_t)llround(c->unit_price * 100);
    int64_t yen = units * price100 / 100; /* 単位 × 単価, yen below 1 dropped */
    int64_t claim = yen * rate / 100;     /* the insurer pays the benefit rate */
    int64_t charge = yen - claim;
    char level[3], sex[2] = {p->sex == HG_SEX_M ? '1' : '2', '\0'};
    snprintf(level, sizeof level, "%02u", (unsigned)cert->level2 % 100u);
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    v[KB_key] = hg_vstr(key);
    v[KB_person] = hg_vint((int64_t)p->idx);
    v[KB_id5] = hg_vstr(p->id5);
    v[KB_service_ym] = hg_vdate(ym * 100 + 1);
    v[KB_provider_no] = hg_vstr(prov);
    v[KB_insurer_no] = hg_vstr(o->insurer);
    v[KB_insured_no] = hg_vstr(o->insured);
    v[KB_birth] = hg_vdate(p->birth);
    v[KB_sex] = hg_vstr(sex);
    v[KB_level] = hg_vstr(level);
    v[KB_valid_from] = hg_vdate(cert->valid_from);
    v[KB_valid_to] = hg_vdate(cert->valid_to);
    v[KB_plan_kind] = plan_kind ? hg_vstr(plan_kind) : hg_vnull();
    v[KB_plan_provider] = plan_provider ? hg_vstr(plan_provider) : hg_vnull();
    v[KB_admit_date] = admit ? hg_vdate(admit) : hg_vnull();
    v[KB_days] = admit ? hg_vint(days) : hg_vnull();
    v[KB_benefit_rate] = hg_vint(rate);
    v[KB_units] = hg_vint(units);
    v[KB_claim] = hg_vint(claim);
    v[KB_charge] = hg_vint(charge);
    hg_emit(o->e, HG_K_KG_KIHON, v);
    char item[5];
    snprintf(item, sizeof item, "%.4s", sv->code + 2);
    memset(v, 0, sizeof v);
    v[KM_key] = hg_vstr(key);
    v[KM_person] = hg_vint((int64_t)p->idx);
    v[KM_id5] = hg_vstr(p->id5);
    v[KM_service_ym] = hg_vdate(ym * 100 + 1);
    v[KM_provider_no] = hg_vstr(prov);
    v[KM_service_kind] = hg_vstr(kind);
    v[KM_service_item] = hg_vstr(item);
    v[KM_unit] = hg_vint(sv->unit);
    v[KM_count] = hg_vint(ln.count);
    v[KM_service_units] = hg_vint(units);
    hg_emit(o->e, HG_K_KG_MEISAI, v);
    memset(v, 0, sizeof v);
    v[KS_key] = hg_vstr(key);
    v[KS_person] = hg_vint((int64_t)p->idx);
    v[KS_id5] = hg_vstr(p->id5);
    v[KS_service_ym] = hg_vdate(ym * 100 + 1);
    v[KS_provider_no] = hg_vstr(prov);
    v[KS_service_kind] = hg_vstr(kind);
    v[KS_days] = hg_vint(days);
    v[KS_units] = hg_vint(units);
    v[KS_unit_price] = hg_vint(price100); /* 円/単位 ×100: 1000 = 10.00 円 */
    v[KS_claim] = hg_vint(claim);
    v[KS_charge] = hg_vint(charge);
    hg_emit(o->e, HG_K_KG_SHUKEI, v);
}

void hg_care_person(const hg_model *m, const struct hg_period *per_, uint64_t seed,
                    const struct hg_person *p, gsl_rng *r, hg_emitter *e)
{
    const hg_period *per = (const hg_period *)per_;
    const hg_care_model *c = m->care;
    if (!c || !c->loaded || !p->ncerts) return;
    care_out o;
    care_out_init(&o, c, seed, p, e);
    emit_certs(&o, per, r);
    for (int mi = 0; mi < per->months; mi++) {
        int32_t ym = hg_ym_add(per->start_ym, mi);
        int nd = hg_month_days(ym / 100, ym % 100);
        const hg_cert *cert = NULL;
        int home = 0, fac = 0;
        for (int d = 1; d <= nd; d++) {
            int32_t ymd = ym * 100 + d;
            const hg_cert *x = hg_person_cert(p, ymd);
            if (!x || (p->death && ymd >= p->death)) continue;
            if (!cert) cert = x;
            if (hg_person_in_facility(p, ymd))
                fac++;
            else if (!(p->facility_from && ymd >= p->facility_from))
                home += !in_stay(p, ymd);
        }
        if (!cert) continue;
        int level = cert->level2, idx = hg_care_level_index(level);
        int rate = hg_age(p->birth, ym * 100 + 1) >= 75 ? 100 - p->kouki_copay : 90;
        int serial = 0;
        if (fac) {
            /* facility care: its daily fee for the days in the facility (not in hospital) */
            char kind[3];
            snprintf(kind, sizeof kind, "%02u", (unsigned)p->facility_kind % 100u);
            int row = service_row(c, kind, level < 23 ? 23 : level);
            if (row >= 0) {
                emit_claim(&o, ym, serial++, kind, (care_line){row, fac}, cert, NULL, NULL,
                           p->facility_from, fac, rate);
            }
        }
        if (!home) continue;
        /* home services: the person's usual services for the level, scaled to the days at home
         * and kept within the 区分支給限度基準額 */
        care_line lines[HG_CARE_MAX_HOME];
        char kinds[HG_CARE_MAX_HOME][3];
        int n = 0;
        int64_t total = 0;
        for (int h = 0; h < c->nhome; h++) {
            const hg_home_service *hs = &c->home[h];
            hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_KAIGO_SERVICES) + (uint64_t)h);
            double u = gsl_rng_uniform(r);
            if (u >= hs->share[idx] || hs->per_month[idx] <= 0) continue;
            int row = service_row(c, hs->kind, level);
            if (row < 0) continue;
            int per_mon = hs->per_month[idx];
            int cnt = c->svc[row].monthly ? 1 : (per_mon * home + nd - 1) / nd;
            if (cnt < 1) continue;
            lines[n] = (care_line){row, cnt};
            snprintf(kinds[n], sizeof kinds[n], "%s", hs->kind);
            total += (int64_t)c->svc[row].unit * cnt;
            n++;
        }
        while (total > c->limit[idx] && n > 0) {
            /* cut one use of the largest-count service until within the limit */
            int big = 0;
            for (int i = 1; i < n; i++)
                if (lines[i].count > lines[big].count) big = i;
            if (lines[big].count <= 1) {
                total -= c->svc[lines[big].row].unit;
                lines[big] = lines[n - 1];
                memcpy(kinds[big], kinds[n - 1], 3);
                n--;
                continue;
            }
            lines[big].count--;
            total -= c->svc[lines[big].row].unit;
        }
        if (!n) continue;
        const char *plan_kind = idx >= 2 ? c->plan_care : c->plan_support;
        char plan_prov[11];
        provider_no(p, plan_kind, 0, plan_prov);
        for (int i = 0; i < n; i++)
            emit_claim(&o, ym, serial++, kinds[i], lines[i], cert, "1", plan_prov, 0, home, rate);
        int prow = service_row(c, plan_kind, level);
        if (prow >= 0)
            emit_claim(&o, ym, serial++, plan_kind, (care_line){prow, 1}, cert, "1", plan_prov, 0,
                       home, rate);
    }
}
