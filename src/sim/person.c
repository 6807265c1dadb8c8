/* hicgen — person simulation. Each subsystem draws from its own stream, so that changing one
 * (say, acute episodes) leaves the others' draws as they were. */
#include "hicgen/person.h"
#include "hicgen/hash.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <openssl/evp.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/deaths.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"
#include "sim/stays.h"

void hg_period_init(hg_period *p, int32_t start_ym, int months, uint64_t persons)
{
    p->persons = persons;
    p->start_ym = start_ym;
    p->months = months;
    p->start = start_ym * 100 + 1;
    int32_t last = hg_ym_add(start_ym, months - 1);
    p->end = last * 100 + hg_month_days(last / 100, last % 100);
}

/* Appends s with ASCII digits as full-width digits (the NDB hashes 全角 forms). */
static size_t put_fullwidth(char *dst, size_t cap, size_t at, const char *s)
{
    for (; *s && at + 4 < cap; s++) {
        if (*s >= '0' && *s <= '9') {
            dst[at++] = (char)0xEF;
            dst[at++] = (char)0xBC;
            dst[at++] = (char)(0x90 + (*s - '0'));
        } else
            dst[at++] = *s;
    }
    dst[at] = '\0';
    return at;
}

/* The NDB's anonymised codes are opaque per provision: a keyed hash in base 36. */
void hg_anon_code(uint64_t seed, const char *what, char *out, int len)
{
    uint64_t h = hg_mix64(seed ^ hg_hash_str(what));
    static const char a[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < len; i++) {
        out[i] = a[h % 36];
        h /= 36;
        if (h < 36) h = hg_mix64(h + (uint64_t)i);
    }
    out[len] = '\0';
}

static void spell_ids(const hg_person *p, hg_spell *s)
{
    char buf[256];
    char tail[32];
    snprintf(tail, sizeof tail, "%08d%d", p->birth, p->sex);
    size_t n = put_fullwidth(buf, sizeof buf, 0, s->insurer_no[0] ? s->insurer_no : s->defrayer);
    n = put_fullwidth(buf, sizeof buf, n, s->kigo);
    n = put_fullwidth(buf, sizeof buf, n, s->bango);
    size_t base = n;
    n = put_fullwidth(buf, sizeof buf, n, tail);
    hg_sha256_hex(buf, n, s->id1);
    n = put_fullwidth(buf, sizeof buf, base, s->edaban);
    n = put_fullwidth(buf, sizeof buf, n, tail);
    hg_sha256_hex(buf, n, s->id1n);
}

static void digits(gsl_rng *r, char *out, int n)
{
    for (int i = 0; i < n; i++) out[i] = (char)('0' + gsl_rng_uniform_int(r, 10));
    if (n > 0 && out[0] == '0') out[0] = (char)('1' + gsl_rng_uniform_int(r, 9));
    out[n] = '\0';
}

/* Fills the insurer number and card numbers of a new spell of type t. */
static void make_insurer(const hg_model *m, uint64_t seed, const hg_person *p, gsl_rng *r,
                         hg_spell *s)
{
    char base[48] = "";
    s->insurer_no[0] = s->defrayer[0] = s->kigo[0] = s->bango[0] = '\0';
    switch (s->type) {
    case HG_INS_KYOKAI:
        snprintf(base, sizeof base, "01%02d001", p->pref);
        break;
    case HG_INS_KUMIAI:
        snprintf(base, sizeof base, "06%02d%03d", p->pref,
                 100 + (int)gsl_rng_uniform_int(r, (unsigned long)m->pp.kumiai_per_pref));
        break;
    case HG_INS_KYOSAI: {
        /* two draws in a defined order: the branch, then the 法別 (31-34) */
        int branch = 1 + (int)gsl_rng_uniform_int(r, (unsigned long)m->pp.kyosai_per_pref);
        int law = 1 + (int)gsl_rng_uniform_int(r, 4);
        snprintf(base, sizeof base, "3%d%02d%03d", law, p->pref, branch);
        break;
    }
    case HG_INS_KOKUHO:
        snprintf(base, sizeof base, "%02d%03d", p->pref,
                 1 + (int)gsl_rng_uniform_int(r, (unsigned long)m->pp.kokuho_per_pref));
        break;
    case HG_INS_KOUKI:
        snprintf(base, sizeof base, "39%02d101", p->pref);
        break;
    case HG_INS_SEIHO:
        snprintf(base, sizeof base, "12%02d%03d", p->pref,
                 100 + (int)gsl_rng_uniform_int(r, (unsigned long)m->pp.seiho_offices_per_pref));
        break;
    }
    char *dst = s->type == HG_INS_SEIHO ? s->defrayer : s->insurer_no;
    size_t bl = strlen(base) < 7 ? strlen(base) : 7;
    memcpy(dst, base, bl);
    dst[bl] = (char)('0' + hg_insurer_check_digit(base));
    dst[bl + 1] = '\0';
    if (s->type == HG_INS_KYOKAI || s->type == HG_INS_KUMIAI || s->type == HG_INS_KYOSAI) {
        digits(r, s->kigo, 1 + (int)gsl_rng_uniform_int(r, 8));
        digits(r, s->bango, 1 + (int)gsl_rng_uniform_int(r, 4));
    } else if (s->type == HG_INS_KOKUHO) {
        digits(r, s->kigo, 4);
        digits(r, s->bango, 6);
    } else {
        digits(r, s->bango, s->type == HG_INS_KOUKI ? 8 : 7);
    }
    s->edaban[0] = '0';
    s->edaban[1] = (char)('0' + (s->family ? 1 + (int)gsl_rng_uniform_int(r, 3) : 0));
    s->edaban[2] = '\0';
    char what[40];
    snprintf(what, sizeof what, "insurer:%s", dst);
    hg_anon_code(seed, what, s->insurer_anon, 8);
    spell_ids(p, s);
}

static int ins_band(const hg_model *m, int age)
{
    int b = 0;
    for (int i = 0; i < m->pp.nins_bands; i++)
        if (m->pp.ins_from[i] <= age) b = i;
    return b;
}

static int draws_family(const hg_model *m, gsl_rng *r, int sex, int age, int type)
{
    if (type != HG_INS_KYOKAI && type != HG_INS_KUMIAI && type != HG_INS_KYOSAI) return 0;
    if (age < 20) return 1;
    return gsl_rng_uniform(r) <
           (sex == HG_SEX_M ? m->pp.dependent_share_m : m->pp.dependent_share_f);
}

static void open_spell(const hg_model *m, uint64_t seed, hg_person *p, gsl_rng *r, int32_t from,
                       int type, int age)
{
    /* a spell lasts at least a day: a change on the day the current spell began is dropped */
    if (p->nspells && from <= p->spells[p->nspells - 1].from) return;
    if (p->nspells) p->spells[p->nspells - 1].to = hg_ymd(hg_days(from) - 1);
    hg_vec_reserve_((void **)&p->spells, &p->spells_cap, p->nspells + 1, sizeof *p->spells);
    hg_spell *s = &p->spells[p->nspells++];
    memset(s, 0, sizeof *s);
    s->from = from;
    s->type = type;
    s->family = draws_family(m, r, p->sex, age, type);
    make_insurer(m, seed, p, r, s);
}

static void new_name(const hg_model *m, hg_person *p, gsl_rng *r, int32_t from, const char *given)
{
    char keep[HG_MAX_NAME_PART + 1]; /* given may point into p->names, which may move */
    snprintf(keep, sizeof keep, "%s", given);
    given = keep;
    hg_vec_reserve_((void **)&p->names, &p->names_cap, p->nnames + 1, sizeof *p->names);
    hg_name *n = &p->names[p->nnames++];
    const char *sur = m->sur[gsl_ran_discrete(r, m->sur_t)];
    if (p->nnames > 1) /* a new surname differs from the old one */
        for (int tries = 0; tries < 8 && strncmp(n[-1].kana, sur, strlen(sur)) == 0; tries++)
            sur = m->sur[gsl_ran_discrete(r, m->sur_t)];
    n->from = from;
    snprintf(n->kana, sizeof n->kana, "%s　%s", sur, given); /* full-width space, as on cards */
    char buf[160];
    int len = snprintf(buf, sizeof buf, "%s%08d%d", n->kana, p->birth, p->sex);
    hg_sha256_hex(buf, (size_t)len, n->id2);
}

int hg_person_has(const hg_person *p, int k, int32_t ymd)
{
    return p->conds[k].onset && p->conds[k].onset <= ymd;
}

static int applicable(const hg_condition *c, int sex, int age)
{
    return (!c->sex || c->sex == sex) && age >= c->min_age && age <= c->max_age;
}

/* Annual incidence among those without the condition, from the rise of prevalence to the next
 * age band spread evenly over the years of this band, so that a cohort ageing through the
 * band reaches the next band's prevalence. */
static double band_incidence(const hg_band_rates *r, int sex, int age)
{
    int i = -1;
    for (int j = 0; j < r->n && r->from[j] <= age; j++) i = j;
    if (i < 0) /* below the first band: ramp up to its prevalence over five years */
        return r->n && age >= r->from[0] - 5 ? (sex == HG_SEX_M ? r->m[0] : r->f[0]) / 5 : 0;
    if (i + 1 >= r->n) return 0;
    double p0 = sex == HG_SEX_M ? r->m[i] : r->f[i];
    double p1 = sex == HG_SEX_M ? r->m[i + 1] : r->f[i + 1];
    if (p1 <= p0 || p0 >= 1) return 0;
    return (p1 - p0) / (r->from[i + 1] - r->from[i]) / (1 - p0);
}

const hg_stay *hg_person_stay_on(const hg_person *p, int32_t ymd)
{
    for (int i = 0; i < p->nstays; i++)
        if (ymd >= p->stays[i].admit && ymd <= p->stays[i].discharge) return &p->stays[i];
    return NULL;
}

int hg_person_in_stay(const hg_person *p, int32_t ymd)
{
    return hg_person_stay_on(p, ymd) != NULL;
}

static int32_t random_day(gsl_rng *r, int32_t ym)
{
    int nd = hg_month_days(ym / 100, ym % 100);
    return ym * 100 + 1 + (int)gsl_rng_uniform_int(r, (unsigned long)nd);
}

static hg_stay *new_stay(hg_person *p)
{
    hg_vec_reserve_((void **)&p->stays, &p->stays_cap, p->nstays + 1, sizeof *p->stays);
    return &p->stays[p->nstays++];
}

/* The hospital of a stay: any in the person's prefecture. */
static int stay_hospital(const hg_model *m, const hg_period *per, const hg_person *p, gsl_rng *r)
{
    return 1 + (int)gsl_rng_uniform_int(
                   r, (unsigned long)hg_inst_count(m, per, p->pref, m->pp.hospitals_per_100k));
}

static void add_stay(const hg_model *m, const hg_period *per, hg_person *p, gsl_rng *r,
                     int32_t admit, int cond, int episode)
{
    if (hg_person_in_stay(p, admit)) return;
    double mean = m->conds[cond].los_mean;
    int los = 1 + (int)gsl_ran_gamma(r, 2.0, mean / 2.0);
    if (los > m->pp.max_los_days) los = m->pp.max_los_days;
    hg_stay *s = new_stay(p);
    s->admit = admit;
    s->discharge = hg_ymd(hg_days(admit) + los - 1);
    /* a stay never runs into the next one */
    for (int i = 0; i < p->nstays - 1; i++)
        if (p->stays[i].admit > admit && p->stays[i].admit <= s->discharge)
            s->discharge = hg_ymd(hg_days(p->stays[i].admit) - 1);
    s->cond = cond;
    s->episode = episode;
    s->hospital = stay_hospital(m, per, p, r);
    s->died = 0;
}

static int cmp_stay(const void *a, const void *b)
{
    const hg_stay *x = a, *y = b;
    return (x->admit > y->admit) - (x->admit < y->admit);
}

/* Empties p for a new person, keeping its buffers. */
static void reset(hg_person *p, int nconds)
{
    hg_person keep = *p;
    memset(p, 0, sizeof *p);
    p->death_cause = -1;
    p->names = keep.names, p->names_cap = keep.names_cap;
    p->spells = keep.spells, p->spells_cap = keep.spells_cap;
    p->episodes = keep.episodes, p->episodes_cap = keep.episodes_cap;
    p->stays = keep.stays, p->stays_cap = keep.stays_cap;
    p->conds = keep.conds, p->conds_cap = keep.conds_cap;
    p->prods = keep.prods, p->prods_cap = keep.prods_cap;
    hg_vec_reserve_((void **)&p->conds, &p->conds_cap, nconds, sizeof *p->conds);
    memset(p->conds, 0, (size_t)nconds * sizeof *p->conds);
}

void hg_person_free(hg_person *p)
{
    free(p->names);
    free(p->spells);
    free(p->conds);
    free(p->episodes);
    free(p->stays);
    free(p->prods);
    memset(p, 0, sizeof *p);
}

/* Age, sex, birth date, prefecture and the person's fixed traits. Returns the age at the
 * start of the period. */
static int demography(const hg_model *m, const hg_period *per, uint64_t seed, gsl_rng *r,
                      hg_person *p)
{
    const hg_band_rates *pyr = &m->pp.pyramid;
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_DEMOGRAPHY));
    int k = (int)gsl_ran_discrete(r, m->sexage);
    p->sex = k < pyr->n ? HG_SEX_M : HG_SEX_F;
    int band = k % pyr->n;
    /* the last band (100 and over) is taken as five years wide */
    int width = band + 1 < pyr->n ? pyr->from[band + 1] - pyr->from[band] : 5;
    int age0 = pyr->from[band] + (int)gsl_rng_uniform_int(r, (unsigned long)width);
    int32_t anniv = per->start - age0 * 10000;
    if (anniv % 10000 == 229) anniv -= 1; /* 29 Feb in a non-leap year */
    p->birth = hg_ymd(hg_days(anniv) - 1 - (int)gsl_rng_uniform_int(r, 365));
    p->pref = m->pref_code[gsl_ran_discrete(r, m->pref)];
    p->metabolic_z = gsl_ran_ugaussian(r);
    p->high_income = 0;
    double u = gsl_rng_uniform(r);
    p->kouki_copay = u < m->pp.kouki_copay[0]                          ? 10
                     : u < m->pp.kouki_copay[0] + m->pp.kouki_copay[1] ? 20
                                                                       : 30;
    p->high_income = gsl_rng_uniform(r) < m->pp.copay30_70_74;
    p->income_u = gsl_rng_uniform(r);
    /* the home clinic is an internal-medicine clinic of the prefecture */
    int first, nclin = hg_clinic_range(m, per, p->pref, m->pp.internal_dept, &first);
    p->home_clinic = first + (int)gsl_rng_uniform_int(r, (unsigned long)nclin);
    p->home_hospital =
        1 + (int)gsl_rng_uniform_int(
                r, (unsigned long)hg_inst_count(m, per, p->pref, m->pp.hospitals_per_100k));
    p->visit_phase = (int)gsl_rng_uniform_int(r, 12);
    /* id5: hash of the person's oldest 個人単位被保険者番号, which predates the period */
    char buf[64];
    int n = snprintf(buf, sizeof buf, "oldest:%llu:%llu", (unsigned long long)seed,
                     (unsigned long long)p->idx);
    hg_sha256_hex(buf, (size_t)n, p->id5);
    /* a child born during the period instead (births.per_1000_per_year), from its own stream so
     * that the others' draws stay as they were: born on a day after the first, a newborn of the
     * births' sex ratio */
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_DEMOGRAPHY) + 1);
    if (gsl_rng_uniform(r) < m->pp.births_per_1000 / 1000 * per->months / 12) {
        int span = hg_days(per->end) - hg_days(per->start);
        p->sex = gsl_rng_uniform(r) < m->pp.births_male_share ? HG_SEX_M : HG_SEX_F;
        p->birth =
            hg_ymd(hg_days(per->start) + 1 + (int)gsl_rng_uniform_int(r, (unsigned long)span));
        age0 = 0;
    }
    return age0;
}

/* The index (into model->cdis) of a main 傷病名 of condition k. */
static int draw_main_name(const hg_model *m, int k, gsl_rng *r)
{
    const hg_condition *c = &m->conds[k];
    int want = c->main_t ? (int)gsl_ran_discrete(r, c->main_t) : 0;
    for (int i = 0; i < c->ndis; i++)
        if (m->cdis[c->dis_first + i].role == HG_DIS_MAIN && want-- == 0) return c->dis_first + i;
    return c->dis_first;
}

/* Draws the products a patient of condition k gets: each group with its probability, and
 * within it one product among those for the age, by weight. Appends them to p->prods. */
static void draw_products(const hg_model *m, hg_person *p, int k, int age, gsl_rng *r, int *first,
                          int *n)
{
    const hg_condition *c = &m->conds[k];
    *first = p->nprods;
    *n = 0;
    for (int g = 0; g < c->ngrp; g++) {
        const hg_dgroup *gr = &m->groups[c->grp_first + g];
        double u = gsl_rng_uniform(r), v = gsl_rng_uniform(r);
        if (gr->leader >= 0) {
            /* alternatives: the family's leader draws which one (if any) for all of them */
            if (gr->leader != c->grp_first + g) continue;
            int chosen = -1;
            for (int h = g; h < c->ngrp && chosen < 0; h++) {
                const hg_dgroup *alt = &m->groups[c->grp_first + h];
                if (alt->leader != gr->leader) continue;
                if (u < alt->prob)
                    chosen = h;
                else
                    u -= alt->prob;
            }
            if (chosen < 0) continue;
            gr = &m->groups[c->grp_first + chosen];
        } else if (u >= gr->prob)
            continue;
        double tot = 0;
        for (int i = 0; i < gr->n; i++) {
            const hg_product *pr = &m->products[gr->first + i];
            if (age >= pr->age_from && age <= pr->age_to) tot += pr->w;
        }
        if (tot <= 0) continue;
        double x = v * tot;
        int pick = -1;
        for (int i = 0; i < gr->n && pick < 0; i++) {
            const hg_product *pr = &m->products[gr->first + i];
            if (age < pr->age_from || age > pr->age_to) continue;
            if (x < pr->w) pick = gr->first + i;
            x -= pr->w;
        }
        if (pick < 0) continue; /* rounding at the very end of the range */
        hg_vec_reserve_((void **)&p->prods, &p->prods_cap, p->nprods + 1, sizeof *p->prods);
        p->prods[p->nprods++] = pick;
        (*n)++;
    }
}

/* How the person is treated for chronic condition k, which began at age `age`: the main name,
 * the visit interval, hospital or clinic, the drugs. From the condition's own stream, so that
 * the choice does not depend on when in the period it happens. */
static void begin_condition(const hg_model *m, uint64_t seed, hg_person *p, gsl_rng *r, int k,
                            int age)
{
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_TREATMENT) + (uint64_t)k);
    hg_pcond *pc = &p->conds[k];
    const hg_condition *c = &m->conds[k];
    pc->dis = draw_main_name(m, k, r);
    /* the visit interval at a quantile shared in part by all the person's conditions (Gaussian
     * copula, loading visit_interval_rho): a stable patient is seen at long intervals for each */
    double uh = hg_fixed_u(hg_mix64(seed ^ hg_mix64(p->idx ^ hg_stream(HG_S_VISIT_INTERVAL))));
    double zp = gsl_cdf_ugaussian_Pinv(uh < 1e-12 ? 1e-12 : uh > 1 - 1e-12 ? 1 - 1e-12 : uh);
    double rho = m->pp.cadence_rho;
    double z = sqrt(rho) * zp + sqrt(1 - rho) * gsl_ran_ugaussian(r);
    pc->cadence = hg_ddist_quantile(&c->cadence, gsl_cdf_ugaussian_P(z));
    pc->hospital = gsl_rng_uniform(r) < c->hospital_share;
    draw_products(m, p, k, age, r, &pc->prod_first, &pc->nprod);
    /* a drug that may be supplied for at most N days (向精神薬, new drugs) brings the patient back
     * within N days */
    for (int i = 0; i < pc->nprod; i++) {
        int lim = m->products[p->prods[pc->prod_first + i]].days_limit;
        if (lim > 0 && pc->cadence > lim) pc->cadence = lim;
    }
}

/* Conditions at the start: prevalence, with the metabolic factor as a Gaussian copula; the
 * person's treatment of each one present. */
static void initial_conditions(const hg_model *m, const hg_period *per, uint64_t seed, gsl_rng *r,
                               hg_person *p, int age0)
{
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_CONDITIONS));
    double rho = m->pp.metabolic_rho;
    for (int c = 0; c < m->nconds; c++) {
        const hg_condition *cd = &m->conds[c];
        p->conds[c].cond = c;
        double e = gsl_ran_ugaussian(r), v = gsl_rng_uniform(r);
        double back = gsl_rng_uniform(r);
        /* a child born during the period has no condition yet */
        if (p->birth > per->start || cd->kind == HG_COND_ACUTE || !applicable(cd, p->sex, age0))
            continue;
        double prev = hg_band_rate(&cd->rates, p->sex, age0);
        int has;
        if (cd->metabolic && prev > 0 && prev < 1)
            has = sqrt(rho) * p->metabolic_z + sqrt(1 - rho) * e < gsl_cdf_ugaussian_Pinv(prev);
        else
            has = v < prev;
        if (has) {
            int span = age0 - cd->min_age < 10 ? age0 - cd->min_age : 10;
            p->conds[c].onset = hg_ymd(hg_days(per->start) - 1 - (int)(back * span * 365.0));
        }
    }
    for (int c = 0; c < m->nconds; c++)
        if (p->conds[c].onset) begin_condition(m, seed, p, r, c, age0);
}

/* A chronic condition's admissions a year at the person's age on the day: the condition's rate
 * times the age's factor (population.yaml conditions.admission_age_factor). */
static double chronic_admissions(const hg_model *m, const hg_person *p, const hg_condition *cd,
                                 int32_t ymd)
{
    return cd->admit * hg_band_rate(&m->pp.admit_age, p->sex, hg_age(p->birth, ymd));
}

/* The inpatients of the first day. A person with a chronic condition that admits is in hospital
 * for it with the steady-state chance of an admission process at its rate (busy / (1 + busy),
 * busy = admissions a year × the mean stay / 365): without these stays, the first months of a
 * dataset held only the stays begun in them, a third of the psychiatric inpatients a long stay
 * gives. A stay in progress on a given day is likelier a long one: its length is drawn
 * length-biased (gamma of shape 3 for the stays' shape 2) and the first day falls uniformly
 * within it. At most one such stay, from its own stream. */
static void initial_stays(const hg_model *m, const hg_period *per, uint64_t seed, gsl_rng *r,
                          hg_person *p)
{
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_INITIAL_STAYS));
    for (int c = 0; c < m->nconds && p->birth <= per->start; c++) {
        const hg_condition *cd = &m->conds[c];
        if (cd->kind == HG_COND_ACUTE || !p->conds[c].onset || cd->admit <= 0) continue;
        double busy = chronic_admissions(m, p, cd, per->start) * (1 + cd->los_mean) / 365;
        if (gsl_rng_uniform(r) >= busy / (1 + busy)) continue;
        int len = 1 + (int)gsl_ran_gamma(r, 3.0, cd->los_mean / 2.0);
        if (len > m->pp.max_los_days) len = m->pp.max_los_days;
        int before = (int)gsl_rng_uniform_int(r, (unsigned long)len);
        hg_stay *s = new_stay(p);
        s->admit = hg_ymd(hg_days(per->start) - before);
        s->discharge = hg_ymd(hg_days(s->admit) + len - 1);
        s->cond = c;
        s->episode = -1;
        s->hospital = stay_hospital(m, per, p, r);
        s->died = 0;
        return;
    }
}

/* An acute episode's treatment: its main name, its visits and its drugs, from the episode's own
 * stream (its index among the person's episodes). */
static void begin_episode(const hg_model *m, uint64_t seed, hg_person *p, gsl_rng *r, int i)
{
    hg_episode *e = &p->episodes[i];
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_EPISODE) + (uint64_t)i);
    e->dis = draw_main_name(m, e->cond, r);
    e->nvisits = hg_ddist_draw(&m->conds[e->cond].visits, r);
    if (e->nvisits < 1) e->nvisits = 1;
    int first, n;
    draw_products(m, p, e->cond, hg_age(p->birth, e->date), r, &first, &n);
    /* (draw_products may move p->episodes? no: it grows p->prods only) */
    e->prod_first = first;
    e->nprod = n;
}

/* The month's insurance events: the move to 後期高齢者医療 at 75, or a change of job. */
static void month_insurance(const hg_model *m, uint64_t seed, gsl_rng *r, hg_person *p, int32_t ym,
                            int age)
{
    int32_t ms = ym * 100 + 1, me = ym * 100 + hg_month_days(ym / 100, ym % 100);
    const hg_spell *cur = &p->spells[p->nspells - 1];
    int32_t bday75 = p->birth + 750000;
    if (bday75 % 10000 == 229 && hg_month_days(bday75 / 10000, 2) == 28)
        bday75 = bday75 / 10000 * 10000 + 301;
    if (bday75 >= ms && bday75 <= me && cur->type != HG_INS_SEIHO) {
        open_spell(m, seed, p, r, bday75, HG_INS_KOUKI, 75);
    } else if (age >= 20 && age < 75 && cur->type != HG_INS_SEIHO &&
               gsl_rng_uniform(r) < m->pp.job_change_per_year / 12) {
        const double *sh = m->pp.ins_share[ins_band(m, age)];
        double w[HG_NINS] = {sh[0], sh[1], sh[2], sh[3], 0, 0};
        w[cur->type] = 0;
        double tot = w[0] + w[1] + w[2] + w[3];
        if (tot > 0) {
            double x = gsl_rng_uniform(r) * tot;
            int t = 0;
            while (t < 3 && x >= w[t]) x -= w[t++];
            open_spell(m, seed, p, r, random_day(r, ym), t, age);
        }
    }
}

/* Annual incidence that replaces the patients a condition kills: they die (death_rr - 1) times
 * the age's mortality faster than others, and as many new patients keep its prevalence where
 * it is (without them a year's deaths thinned the cancers' patients and their care: 入院外
 * points per receipt fell from 1,341 to 1,329 and pharmacy drug points a person-year from 3,831
 * to 3,780 when the cancers' death_rr were raised; 100,000 persons, seed 11). */
static double replacement(const hg_model *m, const hg_condition *cd, int sex, int age)
{
    double p0 = hg_band_rate(&cd->rates, sex, age);
    if (cd->death_rr <= 1 || p0 <= 0 || p0 >= 1) return 0;
    double excess =
        hg_band_rate(&m->pp.mortality, sex, age) * m->pp.death_scale * (cd->death_rr - 1);
    return p0 * (excess < 1 ? excess : 1) / (1 - p0);
}

/* New chronic conditions and cancers up to day `last`: incidence from the slope of prevalence by
 * age, and the replacement of those who die of them. */
static void month_onsets(const hg_model *m, gsl_rng *life, hg_person *p, int32_t ym, int age,
                         int32_t last)
{
    for (int c = 0; c < m->nconds; c++) {
        const hg_condition *cd = &m->conds[c];
        double x = gsl_rng_uniform(life);
        if (cd->kind == HG_COND_ACUTE || p->conds[c].onset || !applicable(cd, p->sex, age))
            continue;
        double inc = band_incidence(&cd->rates, p->sex, age) +
                     (cd->episodes ? 0 : replacement(m, cd, p->sex, age));
        if (x < inc / 12) {
            int32_t d = random_day(life, ym);
            if (d <= last) p->conds[c].onset = d; /* none after a death */
        }
    }
}

/* Did an episode of condition c begin less than `days` before date (or on a later day of the
 * month), the one just added aside? A second one would be the same illness (or, for an
 * infection, an unlikely re-infection). */
static int in_episode(const hg_person *p, int c, int32_t date, int days)
{
    int d = hg_days(date);
    for (int i = p->nepisodes - 2; i >= 0; i--) {
        const hg_episode *e = &p->episodes[i];
        if (e->cond == c && abs(d - hg_days(e->date)) < days) return 1;
    }
    return 0;
}

/* The month's acute episodes (those not after death, last), some admitted; not a second one of a
 * condition while the first lasts. */
static void month_episodes(const hg_model *m, const hg_period *per, gsl_rng *life, hg_person *p,
                           int32_t ym, int age, int32_t last)
{
    for (int c = 0; c < m->nconds; c++) {
        const hg_condition *cd = &m->conds[c];
        if (cd->kind != HG_COND_ACUTE) continue;
        double rate = hg_band_rate(&cd->rates, p->sex, age) * hg_season_factor(m, c, ym);
        unsigned n = gsl_ran_poisson(life, rate / 12);
        double ua = gsl_rng_uniform(life), uc = gsl_rng_uniform(life);
        if (!applicable(cd, p->sex, age)) continue;
        /* the acute form of a condition the person has for good is that condition's care */
        if (cd->exclusive >= 0 && hg_person_has(p, cd->exclusive, ym * 100 + 1)) continue;
        for (unsigned j = 0; j < n && j < (unsigned)m->pp.max_episodes_per_month; j++) {
            hg_vec_reserve_((void **)&p->episodes, &p->episodes_cap, p->nepisodes + 1,
                            sizeof *p->episodes);
            hg_episode *e = &p->episodes[p->nepisodes++];
            e->cond = c;
            e->date = random_day(life, ym);
            e->admitted = ua < cd->admit;
            /* the usual clinic of the department, or another one of it */
            int first, nclin = hg_clinic_range(m, per, p->pref, cd->dept, &first);
            e->clinic = uc < m->pp.acute_home_clinic_share
                            ? hg_person_clinic(m, per, p, cd->dept)
                            : first + (int)gsl_rng_uniform_int(life, (unsigned long)nclin);
            if (e->date > last || in_episode(p, c, e->date, cd->next_episode_days)) {
                p->nepisodes--;
                continue;
            }
            if (e->admitted) add_stay(m, per, p, life, e->date, c, p->nepisodes - 1);
        }
    }
}

/* Admissions for chronic conditions and cancers. */
static void month_admissions(const hg_model *m, const hg_period *per, gsl_rng *life, hg_person *p,
                             int32_t ym, int32_t last)
{
    for (int c = 0; c < m->nconds; c++) {
        const hg_condition *cd = &m->conds[c];
        double x = gsl_rng_uniform(life);
        if (cd->kind == HG_COND_ACUTE || !hg_person_has(p, c, ym * 100 + 1) || cd->admit <= 0)
            continue;
        if (x < chronic_admissions(m, p, cd, ym * 100 + 1) / 12) {
            int32_t d = random_day(life, ym);
            if (d <= last) add_stay(m, per, p, life, d, c, -1);
        }
    }
}

/* A final admission for the cause c of a death, ending on the day of death, after any stay
 * that ended before it; none when the cause has no condition to admit for at this age. */
static void final_stay(const hg_model *m, const hg_period *per, gsl_rng *life, hg_person *p, int c)
{
    int cond = hg_death_stay_cond(m, p, c, p->death);
    int age = hg_age(p->birth, p->death);
    if (cond < 0 || age < m->conds[cond].min_age || age > m->conds[cond].max_age ||
        (m->conds[cond].sex && m->conds[cond].sex != p->sex))
        return;
    int los = 1 + (int)gsl_rng_uniform_int(life, (unsigned long)m->pp.death_admission_days);
    int32_t admit = hg_ymd(hg_days(p->death) - los + 1);
    if (admit < per->start) admit = per->start;
    for (int i = 0; i < p->nstays; i++)
        if (p->stays[i].discharge >= admit) admit = hg_ymd(hg_days(p->stays[i].discharge) + 1);
    if (admit > p->death) return;
    hg_stay *s = new_stay(p);
    s->admit = admit;
    s->discharge = p->death;
    s->cond = cond;
    s->episode = -1;
    s->hospital =
        1 + (int)gsl_rng_uniform_int(
                life, (unsigned long)hg_inst_count(m, per, p->pref, m->pp.hospitals_per_100k));
    s->died = 1;
    p->death_hospital = 1;
}

/* A death: its cause; stays after it go, and a stay running over it ends there — in death when
 * the stay is of the cause (or a long-stay ward), else the day before; a death not in hospital
 * already happens in hospital with the share of its age and cause, after a final admission;
 * no episode follows it. */
static void at_death(const hg_model *m, const hg_period *per, gsl_rng *life, hg_person *p)
{
    int age = hg_age(p->birth, p->death);
    int c = hg_death_cause(m, p, age, p->death, gsl_rng_uniform(life));
    p->death_cause = c;
    int transfer = 0; /* in hospital for something else until the eve of the death */
    for (int i = 0; i < p->nstays; i++) {
        hg_stay *s = &p->stays[i];
        if (s->admit > p->death) {
            p->stays[i--] = p->stays[--p->nstays];
            continue;
        }
        if (s->discharge < p->death) continue;
        if (hg_death_in_stay_of(m, c, s->cond) ||
            m->conds[s->cond].los_mean >= m->pp.death_long_stay_days) {
            s->discharge = p->death;
            s->died = p->death_hospital = 1;
        } else if (s->admit < p->death) {
            s->discharge = hg_ymd(hg_days(p->death) - 1);
            transfer = 1;
        } else {
            p->stays[i--] = p->stays[--p->nstays];
        }
    }
    double u = gsl_rng_uniform(life), v = gsl_rng_uniform(life);
    if (!p->death_hospital && (transfer || u < hg_death_hospital_p(m, c, p->sex, age)))
        final_stay(m, per, life, p, c);
    p->death_place =
        p->death_hospital ? HG_DPLACE_HOSPITAL : hg_death_place_out(m, c, p->sex, age, v);
    while (p->nepisodes && p->episodes[p->nepisodes - 1].date > p->death) p->nepisodes--;
}

/* One month of life: death, new conditions, acute episodes, admissions. */
static void month_life(const hg_model *m, const hg_period *per, gsl_rng *life, hg_person *p,
                       int32_t ym, int age)
{
    int32_t ms = ym * 100 + 1, me = ym * 100 + hg_month_days(ym / 100, ym % 100);
    double h = hg_band_rate(&m->pp.mortality, p->sex, age) * m->pp.death_scale;
    for (int c = 0; c < m->nconds; c++)
        if (hg_person_has(p, c, ms)) h *= m->conds[c].death_rr;
    if (h > m->pp.max_death_prob) h = m->pp.max_death_prob;
    if (gsl_rng_uniform(life) < 1 - pow(1 - h, 1.0 / 12)) p->death = random_day(life, ym);
    int32_t last = p->death ? p->death : me;
    month_onsets(m, life, p, ym, age, last);
    month_episodes(m, per, life, p, ym, age, last);
    month_admissions(m, per, life, p, ym, last);
    if (p->death) at_death(m, per, life, p);
}

void hg_person_sim(const hg_model *m, const hg_period *per, uint64_t seed, uint64_t idx, gsl_rng *r,
                   hg_person *p)
{
    reset(p, m->nconds);
    p->idx = idx;
    int age0 = demography(m, per, seed, r, p);
    hg_rng_stream(r, seed, idx, hg_stream(HG_S_NAMES));
    const char *given = p->sex == HG_SEX_M ? m->given_m[gsl_ran_discrete(r, m->given_m_t)]
                                           : m->given_f[gsl_ran_discrete(r, m->given_f_t)];
    new_name(m, p, r, p->birth, given);
    initial_conditions(m, per, seed, r, p, age0);
    initial_stays(m, per, seed, r, p);
    hg_rng_stream(r, seed, idx, hg_stream(HG_S_INSURANCE));
    int type = (int)gsl_ran_discrete(r, m->ins_table[ins_band(m, age0)]);
    /* insured from birth (a child born during the period) */
    open_spell(m, seed, p, r, p->birth > per->start ? p->birth : per->start, type, age0);
    /* month by month: insurance, names and life events each on their own streams; a child born
     * during the period lives them from the month after its birth (UNVERIFIED simplification:
     * the care of the birth month, a newborn's, is not modelled) */
    for (int mi = 0; mi < per->months && !p->death; mi++) {
        int32_t ym = hg_ym_add(per->start_ym, mi);
        if (ym <= p->birth / 100) continue;
        int age = hg_age(p->birth, ym * 100 + 1);
        hg_rng_stream(r, seed, idx, hg_stream(HG_S_INSURANCE) + 1 + (uint64_t)mi);
        month_insurance(m, seed, r, p, ym, age);
        hg_rng_stream(r, seed, idx, hg_stream(HG_S_NAMES) + 1 + (uint64_t)mi);
        if (p->sex == HG_SEX_F && age >= 20 && age < 40 &&
            gsl_rng_uniform(r) < m->pp.name_change_per_year_f20_39 / 12) {
            const char *kana = p->names[p->nnames - 1].kana;
            const char *sp = strstr(kana, "　");
            new_name(m, p, r, random_day(r, ym), sp ? sp + strlen("　") : kana);
        }
        hg_rng_stream(r, seed, idx, hg_stream(HG_S_LIFE) + (uint64_t)mi);
        int episodes_before = p->nepisodes;
        int32_t ms = ym * 100 + 1, me = ym * 100 + hg_month_days(ym / 100, ym % 100);
        month_life(m, per, r, p, ym, age);
        /* the treatment of what began this month, each from its own stream */
        for (int c = 0; c < m->nconds; c++)
            if (p->conds[c].onset >= ms && p->conds[c].onset <= me)
                begin_condition(m, seed, p, r, c, age);
        for (int i = episodes_before; i < p->nepisodes; i++) begin_episode(m, seed, p, r, i);
    }
    /* stays in date order, as the receipts that report them */
    if (p->nstays > 1) qsort(p->stays, (size_t)p->nstays, sizeof p->stays[0], cmp_stay);
    /* their procedures, which may set their lengths */
    hg_stays_plan(m, per, seed, r, p);
    /* insurance ends with death */
    if (p->death && p->spells[p->nspells - 1].to == 0) p->spells[p->nspells - 1].to = p->death;
}

int hg_inst_count(const hg_model *m, const hg_period *per, int pref, double per_100k)
{
    double share = pref >= 0 && pref < 64 ? m->pref_share[pref] : 0;
    double n = (double)per->persons * share * per_100k / 1e5;
    /* within the codes a prefecture has (hg_inst_get: 99 郡市区 of 1,000 of each kind) */
    if (n > 98000) n = 98000;
    return n < 1 ? 1 : (int)llround(n);
}

int hg_clinic_range(const hg_model *m, const hg_period *per, int pref, int dept, int *first)
{
    double all = (double)hg_inst_count(m, per, pref, m->pp.clinics_per_100k);
    int at = 1, count = 0;
    for (int i = 0; i < m->pp.nclinic_depts; i++) {
        double n = all * m->pp.clinic_depts[i][1];
        int c = n < 1 ? 1 : (int)llround(n);
        if ((int)m->pp.clinic_depts[i][0] == dept || (i == 0 && !count)) {
            *first = at;
            count = c;
            if ((int)m->pp.clinic_depts[i][0] == dept) return c;
        }
        at += c;
    }
    return count ? count : 1;
}

int hg_clinic_total(const hg_model *m, const hg_period *per, int pref)
{
    int first = 1, n = 0;
    if (m->pp.nclinic_depts > 0) {
        int last = (int)m->pp.clinic_depts[m->pp.nclinic_depts - 1][0];
        n = hg_clinic_range(m, per, pref, last, &first);
    }
    return first - 1 + n;
}

int hg_person_clinic(const hg_model *m, const hg_period *per, const hg_person *p, int dept)
{
    if (dept == m->pp.internal_dept) return p->home_clinic;
    int first = 1, n = hg_clinic_range(m, per, p->pref, dept, &first);
    uint64_t h = hg_mix64(p->idx * 1000003ULL + (uint64_t)p->home_clinic * 101ULL + (uint64_t)dept);
    return first + (int)(h % (uint64_t)n);
}

const hg_spell *hg_person_spell(const hg_person *p, int32_t ymd)
{
    for (int i = p->nspells - 1; i >= 0; i--)
        if (p->spells[i].from <= ymd && (p->spells[i].to == 0 || ymd <= p->spells[i].to))
            return &p->spells[i];
    return NULL;
}

const hg_name *hg_person_name(const hg_person *p, int32_t ymd)
{
    const hg_name *n = &p->names[0];
    for (int i = 1; i < p->nnames; i++)
        if (p->names[i].from <= ymd) n = &p->names[i];
    return n;
}

int hg_school_year_until(int32_t birth, int age, int32_t ymd)
{
    /* up to the first 31 March after the day before the birthday (the day a person legally
     * reaches an age), so a child born 1 April starts school a year earlier */
    int32_t before = hg_ymd(hg_days(birth) - 1); /* month and day of reaching any age */
    int32_t y = before / 10000 + age, md = before % 10000;
    int32_t until = (md <= 331 ? y : y + 1) * 10000 + 331;
    return ymd <= until;
}

int hg_preschool(int32_t birth, int32_t ymd)
{
    /* 義務教育就学前: until the March after the 6th birthday */
    return hg_school_year_until(birth, 6, ymd);
}

int hg_person_copay(const hg_model *m, const hg_person *p, const hg_spell *s, int32_t ymd)
{
    if (s->type == HG_INS_SEIHO) return 0;
    if (s->type == HG_INS_KOUKI) /* 2割 exists from its start date; 1割 before */
        return p->kouki_copay == 20 && ymd / 100 < m->pp.kouki_20_from ? 10 : p->kouki_copay;
    if (hg_preschool(p->birth, ymd)) return 20;
    /* 高齢受給者 from the month after the 70th birthday (the month itself if born on the 1st) */
    int32_t b70 = p->birth + 700000;
    int32_t from70 = b70 % 100 == 1 ? b70 / 100 : hg_ym_add(b70 / 100, 1);
    if (ymd / 100 >= from70) return p->high_income ? 30 : 20;
    return 30;
}
