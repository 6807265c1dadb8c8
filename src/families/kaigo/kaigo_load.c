/* hicgen — 介護 family: loading specs/model/kaigo.yaml (bound by declaration) and the masters
 * masters/kaigo/services.csv (service codes and units) and chosa_items.csv (the 74 基本調査
 * items). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/kaigo/kaigo.h"
#include "hicgen/alloc.h"

const int hg_kaigo_level_codes[HG_KAIGO_LEVELS] = {12, 13, 21, 22, 23, 24, 25};
static const char *const level_names[HG_KAIGO_LEVELS + 1] = {"12", "13", "21", "22",
                                                             "23", "24", "25", NULL};

int hg_kaigo_level_index(int code)
{
    for (int i = 0; i < HG_KAIGO_LEVELS; i++)
        if (hg_kaigo_level_codes[i] == code) return i;
    return -1;
}

/* risk: {COND: relative risk, ...} and specified_diseases: {COND: "code", ...}: per-condition
 * arrays (1 and "" where absent). */
static int read_by_cond(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_kaigo *c = (hg_kaigo *)base;
    const hg_model *m = b->ctx;
    int is_risk = p->off == offsetof(hg_kaigo, risk);
    if (!n || n->type != YAML_MAPPING_NODE) {
        hg_yerr(b->y, b->d, n, "%s must be a mapping of condition ids", p->path);
        return -1;
    }
    int rc = 0;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
        yaml_node_t *kn = hg_ynode(b->y, pr->key), *vn = hg_ynode(b->y, pr->value);
        int k = hg_model_cond(m, hg_ystr(kn));
        if (k < 0) {
            hg_yerr(b->y, b->d, kn, "'%s' is not in conditions.csv",
                    hg_ystr(kn) ? hg_ystr(kn) : "?");
            rc = -1;
        } else if (is_risk) {
            if (hg_bind_num(b, vn, 0, 100, &c->risk[k])) rc = -1;
        } else {
            const char *s = hg_ystr(vn);
            if (!s || strlen(s) != 2) {
                hg_yerr(b->y, b->d, vn, "a 特定疾病 code of two characters");
                rc = -1;
            } else
                memcpy(c->spec_disease[k], s, 3);
        }
    }
    return rc;
}

/* home_services: [{kind, name, share: [7 shares], per_month: [7 counts]}, ...] */
static int read_home(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_kaigo *c = (hg_kaigo *)base;
    int len = hg_yseq_len(n), cap = (int)(sizeof c->home / sizeof c->home[0]);
    (void)p;
    if (len < 0 || len > cap) {
        hg_yerr(b->y, b->d, n, "home_services: a list of at most %d service kinds", cap);
        return -1;
    }
    static const char *const keys[] = {"kind", "name", "share", "per_month", NULL};
    int rc = 0;
    for (int i = 0; i < len; i++) {
        yaml_node_t *it = hg_yseq_at(b->y, n, i);
        hg_home_service *h = &c->home[i];
        const char *kind = hg_ystr(hg_yget(b->y, it, "kind"));
        const char *name = hg_ystr(hg_yget(b->y, it, "name"));
        if (hg_ykeys(b->y, b->d, it, "home_services", keys) || !kind || strlen(kind) != 2 ||
            !name || strlen(name) >= sizeof h->name) {
            hg_yerr(b->y, b->d, it, "home_services: each needs a two-digit kind and a name");
            rc = -1;
            continue;
        }
        memcpy(h->kind, kind, 3);
        memcpy(h->name, name, strlen(name) + 1);
        if (hg_bind_nums(b, hg_yget(b->y, it, "share"), HG_KAIGO_LEVELS, 0, 1, h->share) ||
            hg_bind_nums(b, hg_yget(b->y, it, "per_month"), HG_KAIGO_LEVELS, 0, 31, h->per_month))
            rc = -1;
    }
    if (!rc) c->nhome = len;
    return rc;
}

/* A list of short codes (at most cap, each under 4 bytes) into char[cap][4]. */
static int codes_into(hg_binder *b, yaml_node_t *n, char (*out)[4], int cap, int want)
{
    int len = hg_yseq_len(n);
    if (len < 1 || len > cap || (want && len != want)) {
        hg_yerr(b->y, b->d, n, "expected a list of %d codes", want ? want : cap);
        return -1;
    }
    for (int i = 0; i < len; i++) {
        const char *s = hg_ystr(hg_yseq_at(b->y, n, i));
        if (!s || !*s || strlen(s) > 3) {
            hg_yerr(b->y, b->d, hg_yseq_at(b->y, n, i), "a code of 1 to 3 characters");
            return -1;
        }
        memcpy(out[i], s, strlen(s) + 1);
    }
    return len;
}

static int read_disability(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_kaigo *c = (hg_kaigo *)base;
    (void)p;
    if (hg_yseq_len(n) != HG_KAIGO_LEVELS) {
        hg_yerr(b->y, b->d, n, "disability_by_level: one row per level (%d)", HG_KAIGO_LEVELS);
        return -1;
    }
    int rc = 0;
    for (int l = 0; l < HG_KAIGO_LEVELS; l++)
        if (codes_into(b, hg_yseq_at(b->y, n, l), c->disability[l], 3, 3) < 0) rc = -1;
    return rc;
}

static int read_grades(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_kaigo *c = (hg_kaigo *)base;
    (void)p;
    int len = codes_into(b, n, c->grades, 8, 8);
    if (len < 0) return -1;
    c->ngrades = len;
    return 0;
}

#define KG(path, type, ...) HG_P_##type(path, hg_kaigo, __VA_ARGS__)
static const hg_param kaigo_params[] = {
    KG("certified", BANDS, certified, 0, 1),
    KG("incidence_scale", NUM, incidence_scale, 0, 10),
    KG("top_band_incidence", PROB, top_incidence),
    KG("risk", CUSTOM, risk, read_by_cond),
    KG("specified_diseases", CUSTOM, spec_disease, read_by_cond),
    KG("levels", ROWS, lev, nlev, 8, 0, 150),
    KG("severe_shift", PROB, severe_shift),
    KG("severe_conditions", CUSTOM, severe_conds, hg_p_cond_flags),
    KG("dementia_condition", CUSTOM, dementia, hg_p_cond),
    KG("renewal_moves", SHARES, moves),
    KG("change_after_admission", CUSTOM, change_conds, hg_p_cond_flags),
    KG("change_probability", PROB, change_prob),
    KG("valid_new", INTS, valid_new, nvalid_new, 1, 48),
    KG("valid_renewal", INTS, valid_ren, nvalid_ren, 1, 48),
    KG("valid_change", INTS, valid_chg, nvalid_chg, 1, 48),
    KG("not_eligible_share", PROB, not_eligible),
    KG("retry_after_days", INT, retry_days, 0, 3650),
    KG("survey_days", INTS, survey_days, nsurvey_days, 0, 365),
    KG("decision_days", INTS, decision_days, ndecision_days, 0, 365),
    KG("start_back_days", INT, start_back, 1, 3650),
    KG("start_apply_before_days", INT, start_apply_before, 0, 365),
    KG("minutes_by_level", ROWS, minutes, nminutes, 2, 0, 1000),
    KG("minutes_not_eligible", NUMS, minutes_ne, 0, 1000),
    KG("first_level_differs", PROB, first_differs),
    KG("change_after_discharge_days", INT, change_after, 0, 365),
    KG("change_two_levels", PROB, two_levels),
    KG("renewal_apply_days.before", INT, renew_before, 0, 365),
    KG("renewal_apply_days.spread", INT, renew_spread, 1, 365),
    KG("recent_episode_days", INT, recent_days, 1, 3650),
    KG("acute_prevalence", PROB, acute_prev),
    KG("survey_step", NUM, survey_step, 0.01, 100),
    KG("cognitive_shift", NUM, cognitive_shift, 0, 10),
    KG("disability_by_level", CUSTOM, disability, read_disability),
    KG("disability_not_eligible", STR, disability_ne),
    KG("dementia_grades", CUSTOM, grades, read_grades),
    KG("dementia_worse", NUM, dementia_worse, -10, 10),
    KG("dementia_mild", NUM, dementia_mild, -10, 10),
    KG("facility_per_month", NAMED, facility_hazard, level_names, 0, 1),
    KG("facility_kinds", ROWS, fac, nfac, 2, 0, 99),
    KG("facility_at_start", NAMED, facility_start, level_names, 0, 1),
    KG("facility_death.stay_days", INTS, death_stay, ndeath_stay, 1, 3650),
    KG("facility_death.apply_days", INTS, death_apply, ndeath_apply, 1, 3650),
    KG("limits", NAMED, limit, level_names, 0, 1e6),
    KG("unit_price_yen", NUM, unit_price, 1, 100),
    KG("municipalities_per_prefecture", INT, municipalities, 1, 999),
    KG("providers_per_kind", INT, providers, 1, 999999),
    KG("home_services", CUSTOM, home, read_home),
    KG("plan_kind_care", STR, plan_care),
    KG("plan_kind_support", STR, plan_support),
};

/* Resolves the master columns once, so that the per-person code reads plain fields. */
static void resolve_masters(hg_kaigo *c, hg_diag *d)
{
    const hg_mtab *s = &c->services, *it = &c->items;
    c->svc = hg_xcalloc((size_t)s->nrows + 1, sizeof *c->svc);
    int ck = hg_mtab_col(s, "kind"), c0 = hg_mtab_col(s, "level_from"),
        c1 = hg_mtab_col(s, "level_to"), cu = hg_mtab_col(s, "unit"), cp = hg_mtab_col(s, "per");
    for (int r = 0; r < s->nrows; r++) {
        double lf = 0, lt = 0, u = 0;
        hg_mtab_num(s, r, c0, 12, 25, &lf, d);
        hg_mtab_num(s, r, c1, 12, 25, &lt, d);
        hg_mtab_num(s, r, cu, 0, 1e6, &u, d);
        c->svc[r] = (hg_kaigo_service){hg_mtab_key(s, r),
                                       hg_mtab_cell(s, r, ck),
                                       (int)lf,
                                       (int)lt,
                                       (int)u,
                                       !strcmp(hg_mtab_cell(s, r, cp), "month")};
    }
    c->item = hg_xcalloc((size_t)it->nrows + 1, sizeof *c->item);
    int io = hg_mtab_col(it, "options"), ith = hg_mtab_col(it, "threshold"),
        icog = hg_mtab_col(it, "cognitive");
    for (int k = 0; k < it->nrows; k++) {
        double no = 0, opts = 0, cog = 0, th = 0;
        hg_mtab_num(it, k, 0, 1, 999, &no, d);
        hg_mtab_num(it, k, io, 1, 9, &opts, d);
        hg_mtab_num(it, k, icog, 0, 1, &cog, d);
        hg_mtab_num(it, k, ith, -10, 10, &th, d);
        c->item[k] = (hg_kaigo_item){(int)no, (int)opts, (int)cog, th};
    }
}

int hg_kaigo_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_kaigo *c = hg_xcalloc(1, sizeof *c);
    *state = c;
    int before = d->nerrors;
    c->risk = hg_xcalloc((size_t)m->nconds + 1, sizeof *c->risk);
    c->spec_disease = hg_xcalloc((size_t)m->nconds + 1, sizeof *c->spec_disease);
    for (int k = 0; k < m->nconds; k++) c->risk[k] = 1;
    c->dementia = -1;
    char path[4096];
    static const char *const rs[] = {"service_cd", "kind",     "name", "unit",
                                     "level_from", "level_to", "per",  NULL};
    hg_path(path, sizeof path, p->masters_dir, "kaigo", "services.csv");
    int ok = hg_mtab_load(&c->services, "kaigo_service", path, rs, 1, d) == 0;
    static const char *const ri[] = {"item_no",   "grp",       "name", "options",
                                     "threshold", "cognitive", NULL};
    hg_path(path, sizeof path, p->masters_dir, "kaigo", "chosa_items.csv");
    ok &= hg_mtab_load(&c->items, "kaigo_chosa_item", path, ri, 1, d) == 0;
    if (ok && c->items.nrows != 74)
        hg_diag_at(d, c->items.file, 0, 0, "the 基本調査 has 74 items, not %d", c->items.nrows);
    if (ok) resolve_masters(c, d);
    hg_path(path, sizeof path, p->specs_dir, "model", "kaigo.yaml");
    if (hg_bind_file(path, "kaigo", kaigo_params, sizeof kaigo_params / sizeof kaigo_params[0], c,
                     m, d))
        return -1;
    if (c->nsurvey_days != 2 || c->ndecision_days != 2 || c->ndeath_stay != 2 ||
        c->ndeath_apply != 2 || c->nminutes != HG_KAIGO_LEVELS)
        hg_diag_at(d, path, 0, 0,
                   "survey_days, decision_days and facility_death's stay_days and apply_days are "
                   "[from, to]; minutes_by_level has %d rows",
                   HG_KAIGO_LEVELS);
    for (int i = 0; i < 2; i++) {
        const int *v = i ? c->death_apply : c->death_stay;
        if (v[0] > v[1])
            hg_diag_at(d, path, 0, 0, "facility_death.%s: from %d is after to %d",
                       i ? "apply_days" : "stay_days", v[0], v[1]);
    }
    return d->nerrors == before ? 0 : -1;
}

void hg_kaigo_free(void *state)
{
    hg_kaigo *c = state;
    if (!c) return;
    hg_mtab_free(&c->services);
    hg_mtab_free(&c->items);
    free(c->svc);
    free(c->item);
    free(c->risk);
    free(c->spec_disease);
    free(c->severe_conds);
    free(c->change_conds);
    free(c);
}

int hg_kaigo_masters(void *state, hg_mtab **out, int max)
{
    hg_kaigo *c = state;
    int n = 0;
    if (n < max && c->services.kind.name) out[n++] = &c->services;
    if (n < max && c->items.kind.name) out[n++] = &c->items;
    return n;
}
