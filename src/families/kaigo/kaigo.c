/* hicgen — 介護 records: the person's certification applications with their 基本調査 answers,
 * and care claims (基本, 明細, 集計) per month × provider: facility care for the days in the
 * facility, home services by level within the 区分支給限度基準額, and care management. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "families/kaigo/kaigo.h"
#include "hicgen/date.h"
#include "hicgen/hash.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_KG_NINTEI, KN);
HG_FIELD_TABLE(HG_REC_KG_CHOSA, KC);
HG_FIELD_TABLE(HG_REC_KG_KIHON, KB);
HG_FIELD_TABLE(HG_REC_KG_MEISAI, KM);
HG_FIELD_TABLE(HG_REC_KG_SHUKEI, KS);

#define KG_KINDS(X)                                                                                \
    X(K_NINTEI, "kaigo_nintei", KN)                                                                \
    X(K_CHOSA, "kaigo_chosa", KC)                                                                  \
    X(K_KIHON, "kaigo_kihon", KB)                                                                  \
    X(K_MEISAI, "kaigo_meisai", KM)                                                                \
    X(K_SHUKEI, "kaigo_shukei", KS)
enum { KG_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind kg_kinds[K__N] = {KG_KINDS(HG_X_KIND)};

/* What every care record of one person carries; the hashed IDs are made once per person. */
typedef struct kaigo_out {
    const hg_fx *fx;
    const hg_kaigo *c;
    const hg_kaigo_life *k;
    const hg_person *p;
    char insurer[8], insured[65];
} kaigo_out;

static void kaigo_out_init(kaigo_out *o, const hg_fx *fx, const hg_person *p)
{
    *o = (kaigo_out){.fx = fx, .c = fx->state, .k = fx->scratch, .p = p};
    /* 介護保険者 = the municipality: 6 digits with a check digit */
    char base[8];
    int muni = 1 + (int)(hg_mix64(p->idx ^ hg_stream(HG_S_KAIGO_INSURER)) %
                         (uint64_t)o->c->municipalities);
    snprintf(base, sizeof base, "%02u%03u", (unsigned)p->pref % 100u, (unsigned)muni % 1000u);
    snprintf(o->insurer, sizeof o->insurer, "%.5s%d", base, hg_insurer_check_digit(base));
    char buf[80];
    int n = snprintf(buf, sizeof buf, "kaigo:%llu:%llu", (unsigned long long)fx->seed,
                     (unsigned long long)p->idx);
    hg_sha256_hex(buf, (size_t)n, o->insured); /* 被保険者番号, hashed as in the 介護DB */
}

static const char *dementia_for(const hg_kaigo *c, int idx, double z, int demented)
{
    int k = demented ? 2 + idx / 2 + (z > c->dementia_worse) : (z > c->dementia_mild ? 1 : 0);
    return c->grades[k > c->ngrades - 1 ? c->ngrades - 1 : k];
}

/* The 基本調査 answers of one survey: they follow the severity (level, bounded noise) and, for
 * the cognitive items, dementia; with noise of at most ±1 a 要介護4-5 person never "walks
 * unaided". */
static void survey_answers(const kaigo_out *o, const char *key, int idx, int demented, gsl_rng *r)
{
    const hg_kaigo *c = o->c;
    hg_value v[HG_MAX_FIELDS];
    double sev0 = idx < 0 ? -1 : idx;
    for (int k = 0; k < c->items.nrows; k++) {
        const hg_kaigo_item *q = &c->item[k];
        double noise = gsl_rng_uniform(r) * 2 - 1;
        double sev = sev0 + noise;
        if (q->cognitive)
            sev = (demented ? sev0 + c->cognitive_shift : sev0 - c->cognitive_shift) + noise;
        int ans = 1 + (int)floor((sev - q->threshold) / c->survey_step + 1);
        if (sev < q->threshold) ans = 1;
        ans = ans < 1 ? 1 : ans > q->options ? q->options : ans;
        memset(v, 0, sizeof v);
        v[KC_key] = hg_vstr(key);
        v[KC_person] = hg_vint((int64_t)o->p->idx);
        v[KC_id5] = hg_vstr(o->p->id5);
        v[KC_item_no] = hg_vint(q->no);
        v[KC_answer] = hg_vint(ans);
        hg_fx_emit(o->fx, K_CHOSA, v);
    }
}

static void emit_certs(const kaigo_out *o, const hg_period *per, gsl_rng *r)
{
    const hg_kaigo *c = o->c;
    const hg_person *p = o->p;
    for (int i = 0; i < o->k->ncerts; i++) {
        const hg_cert *x = &o->k->certs[i];
        if (x->apply < per->start || x->apply > per->end) continue; /* applied before the data */
        hg_rng_stream(r, o->fx->seed, p->idx, hg_stream(HG_S_KAIGO_SURVEY) + (uint64_t)i);
        char key[40], sex[2] = {p->sex == HG_SEX_M ? '1' : '2', '\0'};
        snprintf(key, sizeof key, "N%010llu%02d", (unsigned long long)p->idx, i);
        char l1[3], l2[3], kind[2] = {(char)('0' + x->kind), '\0'};
        snprintf(l1, sizeof l1, "%02u", (unsigned)x->level1 % 100u);
        snprintf(l2, sizeof l2, "%02u", (unsigned)x->level2 % 100u);
        int idx = hg_kaigo_level_index(x->level2);
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
        v[KN_disability] =
            hg_vstr(idx >= 0 ? c->disability[idx][gsl_rng_uniform_int(r, 3)] : c->disability_ne);
        v[KN_dementia] = hg_vstr(dementia_for(c, idx < 0 ? 0 : idx, o->k->cognition_z, demented));
        hg_fx_emit(o->fx, K_NINTEI, v);
        survey_answers(o, key, idx, demented, r);
    }
}

/* The master row of a service kind for a level, or -1. */
static int service_row(const hg_kaigo *c, const char *kind, int level)
{
    for (int r = 0; r < c->services.nrows; r++)
        if (!strcmp(c->svc[r].kind, kind) && c->svc[r].level_from <= level &&
            level <= c->svc[r].level_to)
            return r;
    return -1;
}

typedef struct kaigo_line {
    int row; /* service master row */
    int count;
    char kind[3];
} kaigo_line;

static void provider_no(const kaigo_out *o, const char *kind, char out[11])
{
    /* 事業所番号: prefecture, service kind, and a provider among a few hundred */
    const hg_person *p = o->p;
    uint64_t h = hg_mix64((uint64_t)p->pref * 7919ULL + (uint64_t)atoi(kind) * 104729ULL +
                          p->idx % (uint64_t)o->c->providers);
    snprintf(out, 11, "%02u%02u%06llu", (unsigned)p->pref % 100u, (unsigned)atoi(kind) % 100u,
             (unsigned long long)(h % 1000000));
}

/* A claim's context: the month, the certification in force and the plan. */
typedef struct claim_ctx {
    int32_t ym;
    const hg_cert *cert;
    const char *plan_kind, *plan_provider;
    int32_t admit;
    int days, rate;
} claim_ctx;

/* One claim (基本 01, 明細 02, 集計 10) for one service line of a month. */
static void emit_claim(const kaigo_out *o, const claim_ctx *cc, int serial, kaigo_line ln)
{
    const hg_kaigo *c = o->c;
    const hg_person *p = o->p;
    const hg_kaigo_service *sv = &c->svc[ln.row];
    char key[40], prov[11];
    snprintf(key, sizeof key, "C%010llu%06d%02d", (unsigned long long)p->idx, cc->ym % 1000000,
             serial);
    provider_no(o, ln.kind, prov);
    int64_t units = (int64_t)sv->unit * ln.count;
    int64_t price100 = (int64_t)llround(c->unit_price * 100);
    int64_t yen = units * price100 / 100; /* 単位 × 単価, yen below 1 dropped */
    int64_t claim = yen * cc->rate / 100; /* the insurer pays the benefit rate */
    int64_t charge = yen - claim;
    char level[3], sex[2] = {p->sex == HG_SEX_M ? '1' : '2', '\0'};
    snprintf(level, sizeof level, "%02u", (unsigned)cc->cert->level2 % 100u);
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    v[KB_key] = hg_vstr(key);
    v[KB_person] = hg_vint((int64_t)p->idx);
    v[KB_id5] = hg_vstr(p->id5);
    v[KB_service_ym] = hg_vdate(cc->ym * 100 + 1);
    v[KB_provider_no] = hg_vstr(prov);
    v[KB_insurer_no] = hg_vstr(o->insurer);
    v[KB_insured_no] = hg_vstr(o->insured);
    v[KB_birth] = hg_vdate(p->birth);
    v[KB_sex] = hg_vstr(sex);
    v[KB_level] = hg_vstr(level);
    v[KB_valid_from] = hg_vdate(cc->cert->valid_from);
    v[KB_valid_to] = hg_vdate(cc->cert->valid_to);
    v[KB_plan_kind] = cc->plan_kind ? hg_vstr(cc->plan_kind) : hg_vnull();
    v[KB_plan_provider] = cc->plan_provider ? hg_vstr(cc->plan_provider) : hg_vnull();
    v[KB_admit_date] = cc->admit ? hg_vdate(cc->admit) : hg_vnull();
    v[KB_days] = cc->admit ? hg_vint(cc->days) : hg_vnull();
    v[KB_benefit_rate] = hg_vint(cc->rate);
    v[KB_units] = hg_vint(units);
    v[KB_claim] = hg_vint(claim);
    v[KB_charge] = hg_vint(charge);
    hg_fx_emit(o->fx, K_KIHON, v);
    char item[5];
    snprintf(item, sizeof item, "%.4s", sv->code + 2);
    memset(v, 0, sizeof v);
    v[KM_key] = hg_vstr(key);
    v[KM_person] = hg_vint((int64_t)p->idx);
    v[KM_id5] = hg_vstr(p->id5);
    v[KM_service_ym] = hg_vdate(cc->ym * 100 + 1);
    v[KM_provider_no] = hg_vstr(prov);
    v[KM_service_kind] = hg_vstr(ln.kind);
    v[KM_service_item] = hg_vstr(item);
    v[KM_unit] = hg_vint(sv->unit);
    v[KM_count] = hg_vint(ln.count);
    v[KM_service_units] = hg_vint(units);
    hg_fx_emit(o->fx, K_MEISAI, v);
    memset(v, 0, sizeof v);
    v[KS_key] = hg_vstr(key);
    v[KS_person] = hg_vint((int64_t)p->idx);
    v[KS_id5] = hg_vstr(p->id5);
    v[KS_service_ym] = hg_vdate(cc->ym * 100 + 1);
    v[KS_provider_no] = hg_vstr(prov);
    v[KS_service_kind] = hg_vstr(ln.kind);
    v[KS_days] = hg_vint(cc->days);
    v[KS_units] = hg_vint(units);
    v[KS_unit_price] = hg_vint(price100); /* 円/単位 ×100: 1000 = 10.00 円 */
    v[KS_claim] = hg_vint(claim);
    v[KS_charge] = hg_vint(charge);
    hg_fx_emit(o->fx, K_SHUKEI, v);
}

/* Home services of a month: the person's usual services for the level, scaled to the days at
 * home and kept within the 区分支給限度基準額; then care management. */
static void home_services(const kaigo_out *o, claim_ctx *cc, int home, int nd, int serial)
{
    const hg_kaigo *c = o->c;
    const hg_person *p = o->p;
    gsl_rng *r = o->fx->r;
    int level = cc->cert->level2, idx = hg_kaigo_level_index(level);
    kaigo_line lines[sizeof c->home / sizeof c->home[0]];
    int n = 0;
    int64_t total = 0;
    for (int h = 0; h < c->nhome; h++) {
        const hg_home_service *hs = &c->home[h];
        hg_rng_stream(r, o->fx->seed, p->idx, hg_stream(HG_S_KAIGO_SERVICES) + (uint64_t)h);
        double u = gsl_rng_uniform(r);
        int per_mon = (int)hs->per_month[idx];
        if (u >= hs->share[idx] || per_mon <= 0) continue;
        int row = service_row(c, hs->kind, level);
        if (row < 0) continue;
        int cnt = c->svc[row].monthly ? 1 : (per_mon * home + nd - 1) / nd;
        if (cnt < 1) continue;
        lines[n] = (kaigo_line){row, cnt, ""};
        memcpy(lines[n].kind, hs->kind, 3);
        total += (int64_t)c->svc[row].unit * cnt;
        n++;
    }
    while (total > c->limit[idx] && n > 0) {
        /* cut one use of the largest-count service until within the limit */
        int big = 0;
        for (int i = 1; i < n; i++)
            if (lines[i].count > lines[big].count) big = i;
        total -= c->svc[lines[big].row].unit;
        if (lines[big].count <= 1)
            lines[big] = lines[--n];
        else
            lines[big].count--;
    }
    if (!n) return;
    const char *plan_kind = idx >= 2 ? c->plan_care : c->plan_support;
    char plan_prov[11];
    provider_no(o, plan_kind, plan_prov);
    *cc = (claim_ctx){cc->ym, cc->cert, "1", plan_prov, 0, home, cc->rate};
    for (int i = 0; i < n; i++) emit_claim(o, cc, serial++, lines[i]);
    int prow = service_row(c, plan_kind, level);
    if (prow >= 0) {
        kaigo_line pl = {prow, 1, ""};
        memcpy(pl.kind, plan_kind, 3);
        emit_claim(o, cc, serial++, pl);
    }
}

/* The claims of one month: each under the certification in force on its first day of service
 * (a 区分変更 that starts with an admission to a facility bills the facility at the new level). */
static void month_claims(const kaigo_out *o, int32_t ym)
{
    const hg_kaigo *c = o->c;
    const hg_person *p = o->p;
    const hg_kaigo_life *k = o->k;
    int nd = hg_month_days(ym / 100, ym % 100);
    const hg_cert *fcert = NULL, *hcert = NULL;
    int home = 0, fac = 0;
    for (int d = 1; d <= nd; d++) {
        int32_t ymd = ym * 100 + d;
        const hg_cert *x = hg_kaigo_cert(k, ymd);
        if (!x || (p->death && ymd >= p->death)) continue;
        if (hg_kaigo_in_facility(k, p, ymd)) {
            fac++;
            if (!fcert) fcert = x;
        } else if (!(k->facility_from && ymd >= k->facility_from) && !hg_person_in_stay(p, ymd)) {
            home++;
            if (!hcert) hcert = x;
        }
    }
    int rate = hg_age(p->birth, ym * 100 + 1) >= 75 ? 100 - p->kouki_copay : 90;
    int serial = 0;
    if (fac) {
        /* facility care: its daily fee for the days in the facility (not in hospital) */
        int level = fcert->level2;
        kaigo_line ln = {0, fac, ""};
        snprintf(ln.kind, sizeof ln.kind, "%02u", (unsigned)k->facility_kind % 100u);
        ln.row = service_row(c, ln.kind, level < 23 ? 23 : level);
        claim_ctx cc = {ym, fcert, NULL, NULL, k->facility_from, fac, rate};
        if (ln.row >= 0) emit_claim(o, &cc, serial++, ln);
    }
    if (!home) return;
    claim_ctx cc = {ym, hcert, NULL, NULL, 0, home, rate};
    home_services(o, &cc, home, nd, serial);
}

static void kaigo_life(const hg_fx *fx, const hg_person *p)
{
    hg_kaigo_life *k = fx->scratch;
    hg_kaigo_timeline(fx->state, fx->m, fx->per, fx->seed, p, fx->r, k);
    fx->h->facility_from = k->facility_from;
    fx->h->facility_kind = k->facility_kind;
    for (int i = 0; i < k->ncerts; i++)
        if (k->certs[i].level2 != 1 && k->certs[i].valid_from)
            hg_history_care(fx->h, k->certs[i].valid_from, k->certs[i].valid_to,
                            k->certs[i].level2);
}

static void kaigo_emit(const hg_fx *fx, const hg_person *p)
{
    const hg_kaigo_life *k = fx->scratch;
    if (!k->ncerts) return;
    kaigo_out o;
    kaigo_out_init(&o, fx, p);
    emit_certs(&o, fx->per, fx->r);
    for (int mi = 0; mi < fx->per->months; mi++) month_claims(&o, hg_ym_add(fx->per->start_ym, mi));
}

static void scratch_free(void *scratch)
{
    hg_kaigo_life_free(scratch);
}

const hg_family hg_family_kaigo = {
    .name = "kaigo",
    .title = "介護DB: 要介護認定 and 介護給付費明細",
    .kinds = kg_kinds,
    .nkinds = K__N,
    .life_writes = HG_HIST_RESIDENCE | HG_HIST_CARE,
    .load = hg_kaigo_load,
    .free = hg_kaigo_free,
    .masters = hg_kaigo_masters,
    .scratch_size = sizeof(hg_kaigo_life),
    .scratch_free = scratch_free,
    .life = kaigo_life,
    .emit = kaigo_emit,
};
