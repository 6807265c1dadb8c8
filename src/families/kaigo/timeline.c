/* hicgen — a person's care timeline: certified at the start or not, then month by month new
 * applications (新規; 非該当 too), 区分変更 after admissions that worsen the state, renewals
 * (更新) near the end of validity, and entry into a care facility. Draws come from the person's
 * "care need" streams, so the timeline is a function of the person alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "families/kaigo/kaigo.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/deaths.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

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

const hg_cert *hg_kaigo_cert(const hg_kaigo_life *k, int32_t ymd)
{
    for (int i = k->ncerts - 1; i >= 0; i--) {
        const hg_cert *c = &k->certs[i];
        if (c->level2 != 1 && c->valid_from <= ymd && ymd <= c->valid_to) return c;
    }
    return NULL;
}

int hg_kaigo_in_facility(const hg_kaigo_life *k, const hg_person *p, int32_t ymd)
{
    if (!k->facility_from || ymd < k->facility_from || (p->death && ymd >= p->death)) return 0;
    return !hg_person_in_stay(p, ymd);
}

void hg_kaigo_life_free(hg_kaigo_life *k)
{
    free(k->certs);
    memset(k, 0, sizeof *k);
}

/* Relative risk of care need from the person's active conditions on ymd, and its mean over the
 * population of that age and sex (conditions taken as independent), so that the certified
 * share stays near the table. */
static double risk_ratio(const hg_model *m, const hg_kaigo *c, const hg_person *p, int age,
                         int32_t ymd)
{
    double rr = 1, mean = 1;
    for (int k = 0; k < m->nconds; k++) {
        if (c->risk[k] == 1) continue;
        double prev = hg_band_rate(&m->conds[k].rates, p->sex, age);
        if (m->conds[k].kind == HG_COND_ACUTE) prev = c->acute_prev; /* recent episodes */
        mean *= 1 + prev * (c->risk[k] - 1);
        int has = hg_person_has(p, k, ymd);
        for (int e = 0; e < p->nepisodes && !has; e++)
            has = p->episodes[e].cond == k && p->episodes[e].date <= ymd &&
                  hg_days(ymd) - hg_days(p->episodes[e].date) < c->recent_days;
        if (has) rr *= c->risk[k];
    }
    return rr / mean;
}

static const char *spec_disease(const hg_kaigo *c, const hg_model *m, const hg_person *p,
                                int32_t ymd)
{
    for (int k = 0; k < m->nconds; k++)
        if (c->spec_disease[k][0] && hg_person_has(p, k, ymd)) return c->spec_disease[k];
    return NULL;
}

static int draw_level(const hg_kaigo *c, const hg_model *m, const hg_person *p, int age,
                      int32_t ymd, gsl_rng *r)
{
    int b = 0;
    for (int i = 0; i < c->nlev; i++)
        if (c->lev[i][0] <= age) b = i;
    const double *w = c->lev[b] + 1;
    double u = gsl_rng_uniform(r), cum = 0, tot = 0;
    for (int l = 0; l < HG_KAIGO_LEVELS; l++) tot += w[l];
    int idx = HG_KAIGO_LEVELS - 1;
    for (int l = 0; l < HG_KAIGO_LEVELS; l++) {
        cum += w[l] / tot;
        if (u < cum) {
            idx = l;
            break;
        }
    }
    int severe = 0;
    for (int k = 0; k < m->nconds && !severe; k++)
        severe = c->severe_conds[k] && hg_person_has(p, k, ymd);
    if (severe && gsl_rng_uniform(r) < c->severe_shift && idx < HG_KAIGO_LEVELS - 1) idx++;
    return idx;
}

/* Whole minutes uniformly in [band[0], band[1]). */
static int minutes_in(const double *band, gsl_rng *r)
{
    int lo = (int)band[0], hi = (int)band[1];
    return lo + (int)gsl_rng_uniform_int(r, (unsigned long)(hi - lo));
}

/* Adds an application (idx: the level index of the 二次判定, -1 for 非該当). */
static void add_cert(const hg_kaigo *c, hg_kaigo_life *k, int kind, int32_t apply, int idx,
                     int months, gsl_rng *r, int second, const char *dis)
{
    char disease[3] = "";
    if (dis) snprintf(disease, sizeof disease, "%s", dis); /* dis may point into k->certs */
    hg_vec_reserve_((void **)&k->certs, &k->certs_cap, k->ncerts + 1, sizeof *k->certs);
    hg_cert *x = &k->certs[k->ncerts++];
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
    memcpy(x->disease, disease, sizeof disease);
    if (idx < 0) { /* 非該当 */
        x->level1 = x->level2 = 1;
        x->minutes = minutes_in(c->minutes_ne, r);
        return;
    }
    /* 一次判定 by the minutes; the board (二次判定) keeps it or moves it one step */
    int first = idx;
    if (gsl_rng_uniform(r) < c->first_differs) first = idx > 0 ? idx - 1 : idx + 1;
    x->level1 = hg_kaigo_level_codes[first];
    x->minutes = minutes_in(c->minutes[first], r);
    x->level2 = hg_kaigo_level_codes[idx];
    /* a certification takes effect from the application date */
    x->valid_from = apply;
    x->valid_to = add_months_end(apply, months);
}

/* A facility kind by the shares of facility_kinds, leaving kind `except` out (0: none). */
static int pick_facility(const hg_kaigo *c, gsl_rng *r, int except)
{
    double w = gsl_rng_uniform(r), cum = 0, tot = 0;
    for (int k = 0; k < c->nfac; k++) tot += (int)c->fac[k][0] != except ? c->fac[k][1] : 0;
    int last = (int)c->fac[0][0];
    for (int k = 0; k < c->nfac; k++) {
        if ((int)c->fac[k][0] == except) continue;
        last = (int)c->fac[k][0];
        cum += c->fac[k][1] / tot;
        if (w < cum) return last;
    }
    return last;
}

static int pick_months(const int *v, int n, gsl_rng *r)
{
    return v[gsl_rng_uniform_int(r, (unsigned long)n)];
}

/* Certified already at the start of the period (and perhaps living in a facility). */
static void at_start(const hg_kaigo *c, const hg_model *m, const hg_period *per, const hg_person *p,
                     gsl_rng *r, hg_kaigo_life *k)
{
    int age0 = hg_age(p->birth, per->start);
    double u0 = gsl_rng_uniform(r);
    if (age0 < 40) return;
    const char *dis = age0 < 65 ? spec_disease(c, m, p, per->start) : NULL;
    /* the share at this age, raised or lowered by the person's risk; 1-(1-p)^rr keeps it a
     * probability however large the risk */
    double rate = 1 - pow(1 - hg_band_rate(&c->certified, p->sex, age0),
                          risk_ratio(m, c, p, age0, per->start));
    if (!((age0 >= 65 || dis) && u0 < rate)) return;
    int idx = draw_level(c, m, p, age0, per->start, r);
    /* certified earlier: the validity in force began up to a year ago, and not before the
     * 65th birthday for 第1号 */
    int32_t from = add_days(per->start, -(int)gsl_rng_uniform_int(r, (unsigned long)c->start_back));
    int32_t b65 = p->birth + 650000;
    if (b65 % 10000 == 229 && hg_month_days(b65 / 10000, 2) == 28) b65 += 72;
    if (!dis && from < b65) from = b65;
    add_cert(c, k, 1, add_days(from, -c->start_apply_before), idx, 12, r,
             hg_age(p->birth, from) < 65, dis);
    k->certs[k->ncerts - 1].valid_from = from;
    k->certs[k->ncerts - 1].valid_to = add_months_end(from, 12);
    /* some already live in a care facility */
    if (gsl_rng_uniform(r) < c->facility_start[idx]) {
        k->facility_from = from;
        k->facility_kind = pick_facility(c, r, 0);
    }
}

/* A first application (新規) of someone not certified; returns the new retry date. */
static int32_t new_application(const hg_kaigo *c, const hg_model *m, const hg_person *p, gsl_rng *r,
                               hg_kaigo_life *k, int age, int32_t day, double u,
                               int32_t retry_after)
{
    if (age < 40 || day < retry_after || hg_person_in_stay(p, day)) return retry_after;
    const char *dis = age < 65 ? spec_disease(c, m, p, day) : NULL;
    if (age < 65 && !dis) return retry_after;
    /* incidence from the rise of the certified share with age, times the person's risk */
    double p0 = hg_band_rate(&c->certified, p->sex, age);
    double p1 = hg_band_rate(&c->certified, p->sex, age + 5);
    double inc = p1 > p0 ? c->incidence_scale * (p1 - p0) / 5 / (1 - p0) : c->top_incidence;
    if (u >= 1 - pow(1 - inc / 12, risk_ratio(m, c, p, age, day))) return retry_after;
    if (gsl_rng_uniform(r) < c->not_eligible) {
        add_cert(c, k, 1, day, -1, 0, r, age < 65, dis);
        return add_days(day, c->retry_days);
    }
    /* two draws: in this order (the order gcc gave the arguments they once were) */
    int months = pick_months(c->valid_new, c->nvalid_new, r);
    int idx = draw_level(c, m, p, age, day, r);
    add_cert(c, k, 1, day, idx, months, r, age < 65, dis);
    return retry_after;
}

/* A 区分変更 after an admission this month that worsens the state. Returns 1 when applied. */
static int level_change(const hg_kaigo *c, const hg_person *p, gsl_rng *r, hg_kaigo_life *k,
                        int32_t ms, int32_t me, int *si)
{
    for (; *si < p->nstays && p->stays[*si].discharge < ms; (*si)++) {
    }
    hg_cert *cur = &k->certs[k->ncerts - 1];
    for (int i = *si; i < p->nstays; i++) {
        const hg_stay *st = &p->stays[i];
        if (st->discharge < ms || st->discharge > me || st->died || !c->change_conds[st->cond])
            continue;
        int32_t ap = add_days(st->discharge, c->change_after);
        if (ap > me || ap > cur->valid_to || (p->death && ap >= p->death)) continue;
        if (gsl_rng_uniform(r) >= c->change_prob) continue;
        int idx = hg_kaigo_level_index(cur->level2) + 1 + (gsl_rng_uniform(r) < c->two_levels);
        if (idx >= HG_KAIGO_LEVELS) idx = HG_KAIGO_LEVELS - 1;
        cur->valid_to = add_days(ap, -1); /* the new certification replaces it */
        add_cert(c, k, 3, ap, idx, pick_months(c->valid_chg, c->nvalid_chg, r), r, cur->second,
                 cur->disease[0] ? cur->disease : NULL);
        return 1;
    }
    return 0;
}

/* A renewal (更新), applied for in the last weeks of the validity ending this month. */
static void renewal(const hg_kaigo *c, const hg_person *p, gsl_rng *r, hg_kaigo_life *k, int32_t ms,
                    int32_t me)
{
    const hg_cert *cur = &k->certs[k->ncerts - 1];
    if (cur->valid_to > me || cur->valid_to < ms) return;
    int32_t ap =
        add_days(cur->valid_to,
                 -c->renew_before - (int)gsl_rng_uniform_int(r, (unsigned long)c->renew_spread));
    if (ap < cur->valid_from) ap = cur->valid_from;
    int idx = hg_kaigo_level_index(cur->level2);
    double v = gsl_rng_uniform(r);
    idx += v < c->moves[0]                               ? -1
           : v < c->moves[0] + c->moves[1]               ? 0
           : v < c->moves[0] + c->moves[1] + c->moves[2] ? 1
                                                         : 2;
    idx = idx < 0 ? 0 : idx >= HG_KAIGO_LEVELS ? HG_KAIGO_LEVELS - 1 : idx;
    int32_t from = add_days(cur->valid_to, 1);
    if (p->death && from >= p->death) return;
    int second = cur->second && hg_age(p->birth, from) < 65;
    add_cert(c, k, 2, ap, idx, pick_months(c->valid_ren, c->nvalid_ren, r), r, second,
             cur->disease[0] ? cur->disease : NULL);
    k->certs[k->ncerts - 1].valid_from = from;
    k->certs[k->ncerts - 1].valid_to =
        add_months_end(from, pick_months(c->valid_ren, c->nvalid_ren, r));
}

/* Days in [v[0], v[1]]. */
static int days_in(const int *v, gsl_rng *r)
{
    return v[0] + (int)gsl_rng_uniform_int(r, (unsigned long)(v[1] - v[0] + 1));
}

/* A death in a care facility or 老人ホーム (drawn with the death, deaths.h) is a resident's: a
 * person not living in one moved in some time before, certified for it (a 新規 or 区分変更 to
 * 要介護3-5 when no 要介護3-5 was in force: the model's facilities take those levels, as 特養
 * does); 老人ホーム is 介護老人福祉施設 (51), the others 老健 or 介護医療院 in their shares of
 * facility_kinds. */
static void facility_death(const hg_kaigo *c, const hg_period *per, const hg_person *p, gsl_rng *r,
                           hg_kaigo_life *k)
{
    if (!p->death || p->death_hospital ||
        (p->death_place != HG_DPLACE_CARE && p->death_place != HG_DPLACE_NURSING))
        return;
    if (k->facility_from && k->facility_from <= p->death) return;
    int kind = p->death_place == HG_DPLACE_CARE ? pick_facility(c, r, 51) : 51;
    const hg_cert *now = hg_kaigo_cert(k, p->death);
    if (!now || hg_kaigo_level_index(now->level2) < 4) { /* none, or below 要介護3 */
        int32_t apply = add_days(p->death, -days_in(c->death_apply, r));
        if (apply < per->start) apply = per->start;
        /* after every application made and every validity begun (certifications stay in date
         * order and never overlap) */
        for (int i = 0; i < k->ncerts; i++) {
            if (apply <= k->certs[i].apply) apply = add_days(k->certs[i].apply, 1);
            if (k->certs[i].level2 != 1 && apply <= k->certs[i].valid_from)
                apply = add_days(k->certs[i].valid_from, 1);
        }
        if (apply >= p->death || hg_age(p->birth, apply) < 65) return;
        int had = hg_kaigo_cert(k, add_days(apply, -1)) != NULL;
        for (int i = 0; i < k->ncerts; i++)
            if (k->certs[i].level2 != 1 && k->certs[i].valid_to >= apply)
                k->certs[i].valid_to = add_days(apply, -1);
        add_cert(c, k, had ? 3 : 1, apply, 4 + (int)gsl_rng_uniform_int(r, 3), 12, r, 0, NULL);
        now = &k->certs[k->ncerts - 1];
    }
    int32_t from = add_days(p->death, -days_in(c->death_stay, r));
    if (from < now->valid_from) from = now->valid_from;
    k->facility_from = from < p->death ? from : add_days(p->death, -1);
    k->facility_kind = kind;
}

void hg_kaigo_timeline(const hg_kaigo *c, const hg_model *m, const hg_period *per, uint64_t seed,
                       const hg_person *p, gsl_rng *r, hg_kaigo_life *k)
{
    k->ncerts = 0;
    k->facility_from = 0;
    k->facility_kind = 0;
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_KAIGO_NEED));
    k->cognition_z = gsl_ran_ugaussian(r);
    if (hg_age(p->birth, per->start) < 39 && hg_age(p->birth, per->end) < 40) return;
    at_start(c, m, per, p, r, k);
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
        const hg_cert *cur = k->ncerts ? &k->certs[k->ncerts - 1] : NULL;
        if (!(cur && cur->level2 != 1 && cur->valid_to >= ms)) {
            retry_after = new_application(c, m, p, r, k, age, day, u, retry_after);
            continue;
        }
        if (level_change(c, p, r, k, ms, me, &si)) continue;
        renewal(c, p, r, k, ms, me);
        /* entry into a care facility (要介護3-5) */
        const hg_cert *now = hg_kaigo_cert(k, day);
        if (!k->facility_from && now) {
            int idx = hg_kaigo_level_index(now->level2);
            if (idx >= 0 && gsl_rng_uniform(r) < c->facility_hazard[idx] &&
                !hg_person_in_stay(p, day) && !(p->death && day >= p->death)) {
                k->facility_from = day;
                k->facility_kind = pick_facility(c, r, 0);
            }
        }
    }
    facility_death(c, per, p, r, k);
    /* certifications end with death */
    for (int i = 0; i < k->ncerts; i++)
        if (p->death && k->certs[i].valid_to >= p->death) k->certs[i].valid_to = p->death;
}
