/* hicgen — loading the clinical catalogue (see clinical.h and masters/clinical/README.md). Every
 * row is checked: codes against the masters, numbers against their bounds, distributions against
 * their syntax; every problem is reported with its file, line and column. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/model.h"
#include "hicgen/mrow.h"
#include "hicgen/person.h"
#include "sim/clinical_load.h"

/* The condition of a row's `cond` cell, or -1 after reporting. */
static int cond_of(const hg_model *m, const hg_mtab *t, int r, hg_diag *d)
{
    int k = hg_model_cond(m, hg_row_cell(t, r, "cond"));
    if (k < 0)
        hg_diag_at(d, t->file, t->lines[r], 1, "'%s' is not a condition of conditions.csv",
                   hg_row_cell(t, r, "cond"));
    return k;
}

static void load_seasons(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->seasons_tab;
    m->seasons = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->seasons);
    for (int r = 0; r < t->nrows; r++) {
        const char *id = hg_row_cell(t, r, "profile"), *ym = hg_row_cell(t, r, "ym");
        int s = 0;
        while (s < m->nseasons && strcmp(m->seasons[s].id, id)) s++;
        if (s == m->nseasons) {
            hg_row_text(t, r, "profile", m->seasons[s].id, sizeof m->seasons[s].id, d);
            m->nseasons++;
        }
        int y, mo;
        if (strlen(ym) != 7 || sscanf(ym, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12) {
            hg_diag_at(d, t->file, t->lines[r], 2, "ym '%s' must be YYYY-MM", ym);
            continue;
        }
        m->seasons[s].f[mo - 1] = hg_row_num(t, r, "factor", 0, 50, 1, d);
    }
}

static void load_conditions(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->conds_tab;
    static const char *const kinds[] = {"chronic", "acute", "cancer", NULL};
    static const char *const sexes[] = {"B", "M", "F", NULL};
    static const char *const measures[] = {"prevalence", "episodes", NULL};
    m->conds = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->conds);
    for (int r = 0; r < t->nrows; r++) {
        hg_condition *k = &m->conds[m->nconds++];
        hg_row_text(t, r, "cond", k->id, sizeof k->id, d);
        hg_row_text(t, r, "name_ja", k->name_ja, sizeof k->name_ja, d);
        hg_row_text(t, r, "name_en", k->name_en, sizeof k->name_en, d);
        k->kind = hg_row_keyword(t, r, "kind", kinds, d);
        int sx = hg_row_keyword(t, r, "sex", sexes, d);
        k->sex = sx == 1 ? HG_SEX_M : sx == 2 ? HG_SEX_F : 0;
        k->min_age = (int)hg_row_num(t, r, "min_age", 0, 120, 0, d);
        k->max_age = (int)hg_row_num(t, r, "max_age", 0, 150, 150, d);
        k->episodes = hg_row_keyword(t, r, "rate_measure", measures, d) == 1;
        k->hospital_share = hg_row_num(t, r, "hospital_share", 0, 1, 0, d);
        const char *dp = hg_row_cell(t, r, "dept");
        if (hg_mtab_find(&m->depts_tab, dp) < 0)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "dept") + 1,
                       "dept '%s' is not in departments.csv", dp);
        k->dept = atoi(dp);
        hg_row_dist(t, r, "visit_cadence", &k->cadence, d);
        hg_row_dist(t, r, "visits_per_episode", &k->visits, d);
        hg_row_dist(t, r, "revisit_gap", &k->revisit_gap, d);
        hg_row_dist(t, r, "days_supplied", &k->days, d);
        if (k->kind == HG_COND_ACUTE ? !k->visits.n : !k->cadence.n)
            hg_diag_at(d, t->file, t->lines[r], 1, "condition %s needs %s", k->id,
                       k->kind == HG_COND_ACUTE ? "visits_per_episode" : "visit_cadence");
        k->episode_days = (int)hg_row_num(t, r, "episode_days", 0, 3650, 14, d);
        k->next_episode_days =
            (int)hg_row_num(t, r, "next_episode_days", 0, 3650, k->episode_days, d);
        k->tokutei = (int)hg_row_num(t, r, "tokutei", 0, 1, 0, d);
        k->lifestyle = !strcmp(hg_row_cell(t, r, "lifestyle"), "SK");
        k->admit = hg_row_num(t, r, "admit", 0, 12, 0, d);
        k->los_mean = hg_row_num(t, r, "los_mean", 0, 365, 0, d);
        if (k->admit > 0 && k->los_mean < 1) k->los_mean = 7; /* UNVERIFIED default stay */
        k->death_rr = hg_row_num(t, r, "death_rr", 0.1, 50, 1, d);
        k->metabolic = (int)hg_row_num(t, r, "metabolic", 0, 1, 0, d);
        k->exclusive = -1;
        k->season = -1;
        const char *se = hg_row_cell(t, r, "season");
        for (int s = 0; *se && s < m->nseasons && k->season < 0; s++)
            if (!strcmp(m->seasons[s].id, se)) k->season = s;
        if (*se && k->season < 0)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "season") + 1,
                       "season '%s' is not a profile of seasonality.csv", se);
    }
}

static void load_rates(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->rates_tab;
    for (int r = 0; r < t->nrows; r++) {
        int k = cond_of(m, t, r, d);
        if (k < 0) continue;
        hg_row_band(t, r, &m->conds[k].rates, m->conds[k].episodes ? 50 : 1, m->conds[k].id, d);
    }
    for (int k = 0; k < m->nconds; k++)
        if (!m->conds[k].rates.n)
            hg_diag_at(d, t->file, 0, 0, "condition %s has no rates", m->conds[k].id);
}

/* Rows of a table grouped by condition, in file order: the table must list each condition's
 * rows together. Sets first/count per condition through the callbacks' indexes. */
static int check_grouped(const hg_model *m, const hg_mtab *t, int *last_cond, int r, int k,
                         int *seen, hg_diag *d)
{
    if (k != *last_cond && seen[k]) {
        hg_diag_at(d, t->file, t->lines[r], 1,
                   "the rows of %s must be together (it appeared before, apart)", m->conds[k].id);
        return -1;
    }
    seen[k] = 1;
    *last_cond = k;
    return 0;
}

static void load_diseases(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->dis_tab;
    static const char *const roles[] = {"main", "suspect", "companion", "for_test", NULL};
    m->cdis = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->cdis);
    int *seen = hg_xcalloc((size_t)m->nconds + 1, sizeof *seen), last = -1;
    for (int r = 0; r < t->nrows; r++) {
        int k = cond_of(m, t, r, d);
        if (k < 0 || check_grouped(m, t, &last, r, k, seen, d)) continue;
        hg_condition *c = &m->conds[k];
        hg_cdis *e = &m->cdis[m->ncdis];
        e->row = hg_row_code(t, r, "skwd_name_cd", &m->skwd, "傷病名", d);
        e->role = hg_row_keyword(t, r, "role", roles, d);
        e->w = hg_row_num(t, r, "weight", 0, 1, 0, d);
        e->modif_row = -1;
        if (*hg_row_cell(t, r, "modif_cd"))
            e->modif_row = hg_row_code(t, r, "modif_cd", &m->mddf, "修飾語", d);
        e->test_row = -1;
        if (*hg_row_cell(t, r, "test_code"))
            e->test_row = hg_row_code(t, r, "test_code", &m->prac_act, "診療行為", d);
        if (e->row < 0 || e->role < 0) continue;
        if (!c->ndis) c->dis_first = m->ncdis;
        c->ndis++;
        m->ncdis++;
    }
    for (int k = 0; k < m->nconds; k++) {
        hg_condition *c = &m->conds[k];
        double w[512];
        int n = 0;
        for (int i = 0; i < c->ndis && n < 512; i++)
            if (m->cdis[c->dis_first + i].role == HG_DIS_MAIN) w[n++] = m->cdis[c->dis_first + i].w;
        c->nmain = n;
        if (!n)
            hg_diag_at(d, t->file, 0, 0, "condition %s has no main 傷病名", c->id);
        else
            c->main_t = gsl_ran_discrete_preproc((size_t)n, w);
    }
    /* a companion name that is another condition's main name (心房細動 beside 心不全) stands for
     * that condition: the receipt names it only when the person has it, so that every patient
     * named with a disease is treated for it */
    for (int i = 0; i < m->ncdis; i++) {
        m->cdis[i].owner = -1;
        if (m->cdis[i].role != HG_DIS_COMPANION) continue;
        for (int k = 0; k < m->nconds && m->cdis[i].owner < 0; k++)
            for (int j = 0; j < m->conds[k].ndis; j++) {
                const hg_cdis *e = &m->cdis[m->conds[k].dis_first + j];
                if (e->role == HG_DIS_MAIN && e->row == m->cdis[i].row &&
                    !(i >= m->conds[k].dis_first && i < m->conds[k].dis_first + m->conds[k].ndis)) {
                    m->cdis[i].owner = k;
                    break;
                }
            }
    }
    free(seen);
}

static void load_product(hg_model *m, const hg_mtab *t, int r, hg_product *p, hg_diag *d)
{
    static const char *const forms[] = {"internal", "prn", "external", "injection", NULL};
    static const char *const bases[] = {"per_day", "prn", "topical", "course", "", NULL};
    p->med_row = hg_row_code(t, r, "medicine_cd", &m->medicine, "医薬品", d);
    p->w = hg_row_num(t, r, "weight", 0, 1e6, 1, d);
    p->age_from = (int)hg_row_num(t, r, "age_from", 0, 150, 0, d);
    p->age_to = (int)hg_row_num(t, r, "age_to", 0, 150, 150, d);
    p->form = 1 + hg_row_keyword(t, r, "form", forms, d);
    int b = hg_row_keyword(t, r, "dose_basis", bases, d);
    hg_dose *x = &p->dose;
    x->basis = b == 4 ? (p->form == HG_FORM_PRN ? HG_DOSE_PRN : HG_DOSE_PER_DAY) : b;
    /* a quantity given is positive (amounts have 5 decimals); empty means "from the dose rule" */
    x->daily = hg_row_num(t, r, "daily_amount", 1e-5, 1e5, 0, d);
    x->interval = hg_row_num(t, r, "dose_interval_days", 0, 400, 0, d);
    x->times_per_day = hg_row_num(t, r, "times_per_day", 0, 24, 0, d);
    x->mg_per_kg_day = hg_row_num(t, r, "mg_per_kg_day", 0, 1e4, 0, d);
    x->max_mg_day = hg_row_num(t, r, "max_mg_day", 0, 1e6, 0, d);
    x->mg_per_kg_dose = hg_row_num(t, r, "mg_per_kg_dose", 0, 1e4, 0, d);
    x->max_mg_dose = hg_row_num(t, r, "max_mg_dose", 0, 1e6, 0, d);
    x->units_per_kg_day = hg_row_num(t, r, "units_per_kg_day", 0, 1e4, 0, d);
    x->max_units_day = hg_row_num(t, r, "max_units_day", 0, 1e6, 0, d);
    x->units_per_kg_dose = hg_row_num(t, r, "units_per_kg_dose", 0, 1e4, 0, d);
    x->max_units_dose = hg_row_num(t, r, "max_units_dose", 0, 1e6, 0, d);
    x->conc_mg_per_unit = hg_row_num(t, r, "conc_mg_per_unit", 0, 1e6, 0, d);
    x->n_doses = hg_row_num(t, r, "n_doses", 0, 1000, 0, d);
    x->course_units = hg_row_num(t, r, "course_units", 0, 1e5, 0, d);
    hg_row_text(t, r, "direction", p->direction, sizeof p->direction, d);
    p->days_limit = (int)hg_row_num(t, r, "days_limit", 0, 365, 0, d);
    hg_row_dist(t, r, "days_supplied", &p->days, d);
    p->generic = !strcmp(hg_row_cell(t, r, "generic"), "1");
    static const char *const givers[] = {"", "self", "clinic", NULL};
    p->clinic = p->form == HG_FORM_INJECTION && hg_row_keyword(t, r, "given_by", givers, d) == 2;
    p->technique = -1;
    if (*hg_row_cell(t, r, "technique"))
        p->technique = hg_row_code(t, r, "technique", &m->prac_act, "診療行為", d);
    if (p->med_row >= 0) {
        double price = 0;
        hg_mtab_num(&m->medicine, p->med_row, hg_mtab_col(&m->medicine, "nnp_price"), 0, 1e9,
                    &price, d);
        p->price_1e2 = llround(price * 100);
    }
}

static void load_drugs(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->drugs_tab;
    static const char *const lines[] = {"first", "add_on", "second", "prn", NULL};
    m->products = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->products);
    m->groups = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->groups);
    int *seen = hg_xcalloc((size_t)m->nconds + 1, sizeof *seen), last = -1;
    for (int r = 0; r < t->nrows; r++) {
        int k = cond_of(m, t, r, d);
        if (k < 0 || check_grouped(m, t, &last, r, k, seen, d)) continue;
        hg_condition *c = &m->conds[k];
        const char *gid = hg_row_cell(t, r, "group");
        hg_dgroup *g = c->ngrp ? &m->groups[m->ngroups - 1] : NULL;
        if (!g || strcmp(g->id, gid)) {
            g = &m->groups[m->ngroups];
            hg_row_text(t, r, "group", g->id, sizeof g->id, d);
            g->prob = hg_row_num(t, r, "group_prob", 0, 1, 0, d);
            g->line = hg_row_keyword(t, r, "line", lines, d);
            g->first = m->nproducts;
            if (!c->ngrp) c->grp_first = m->ngroups;
            c->ngrp++;
            m->ngroups++;
        }
        load_product(m, t, r, &m->products[m->nproducts++], d);
        g->n++;
    }
    free(seen);
    /* First-line groups of one condition in one 薬効分類 (the first 3 characters of the
     * 薬価基準コード of their first product) whose shares add up to at most 1 are alternatives
     * (one DOAC, one ARB): a patient gets at most one of them, each with its share. Where the
     * shares add up to more, the class is given in combination (metformin with a DPP-4
     * inhibitor) and each group is drawn on its own. */
    int cy = hg_mtab_col(&m->medicine, "drug_price_std_cd");
    for (int i = 0; i < m->ngroups; i++) m->groups[i].leader = -1;
    for (int k = 0; k < m->nconds; k++) {
        const hg_condition *c = &m->conds[k];
        for (int a = c->grp_first; a < c->grp_first + c->ngrp; a++) {
            hg_dgroup *ga = &m->groups[a];
            if (ga->line != HG_LINE_FIRST || ga->leader >= 0 || cy < 0 || !ga->n ||
                m->products[ga->first].med_row < 0)
                continue; /* (a code not in the master is reported already) */
            const char *ya = hg_mtab_cell(&m->medicine, m->products[ga->first].med_row, cy);
            double sum = 0;
            int n = 0;
            for (int b = a; b < c->grp_first + c->ngrp; b++) {
                const hg_dgroup *gb = &m->groups[b];
                if (!gb->n || m->products[gb->first].med_row < 0) continue;
                const char *yb = hg_mtab_cell(&m->medicine, m->products[gb->first].med_row, cy);
                if (gb->line == HG_LINE_FIRST && gb->leader < 0 && !strncmp(ya, yb, 3))
                    sum += gb->prob, n++;
            }
            if (n < 2 || sum > 1 + 1e-9) continue;
            for (int b = a; b < c->grp_first + c->ngrp; b++) {
                hg_dgroup *gb = &m->groups[b];
                if (!gb->n || m->products[gb->first].med_row < 0) continue;
                const char *yb = hg_mtab_cell(&m->medicine, m->products[gb->first].med_row, cy);
                if (gb->line == HG_LINE_FIRST && gb->leader < 0 && !strncmp(ya, yb, 3))
                    gb->leader = a;
            }
        }
    }
}

static void load_tests(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->tests_tab;
    static const char *const kinds[] = {"test",           "imaging",   "management",
                                        "injection",      "procedure", "psychiatric",
                                        "rehabilitation", "homecare",  NULL};
    static const char *const whens[] = {"first", "scheduled", "every_visit", "followup", NULL};
    m->ctests = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->ctests);
    int *alt_rows = hg_xcalloc((size_t)t->nrows + 1, sizeof *alt_rows); /* file row of a test */
    int *seen = hg_xcalloc((size_t)m->nconds + 1, sizeof *seen), last = -1;
    for (int r = 0; r < t->nrows; r++) {
        int k = cond_of(m, t, r, d);
        if (k < 0 || check_grouped(m, t, &last, r, k, seen, d)) continue;
        hg_condition *c = &m->conds[k];
        hg_ctest *x = &m->ctests[m->nctests];
        x->line = t->lines[r];
        x->act_row = hg_row_code(t, r, "prac_act_cd", &m->prac_act, "診療行為", d);
        x->kind = hg_row_keyword(t, r, "kind", kinds, d);
        x->when = hg_row_keyword(t, r, "when", whens, d);
        x->every_months = hg_row_num(t, r, "every_months", 0, 120, 0, d);
        x->prob = hg_row_num(t, r, "prob", 0, 1, 0, d);
        x->age_from = (int)hg_row_num(t, r, "age_from", 0, 150, 0, d);
        x->age_to = (int)hg_row_num(t, r, "age_to", 0, 150, 150, d);
        if (x->act_row < 0 || x->kind < 0 || x->when < 0) continue;
        if (x->when == HG_WHEN_SCHEDULED && x->every_months <= 0)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "every_months") + 1,
                       "a scheduled act needs every_months > 0");
        if (!c->ntest) c->test_first = m->nctests;
        x->alt = -1;
        const char *alt = hg_row_cell(t, r, "alt");
        for (int i = 0; alt[0] && i < c->ntest && x->alt < 0; i++) {
            const hg_ctest *y = &m->ctests[c->test_first + i];
            if (y->alt < 0 && strcmp(hg_row_cell(t, alt_rows[c->test_first + i], "alt"), alt) == 0)
                x->alt = i;
        }
        if (alt[0] && c->ntest >= HG_ALT_MAX)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "alt") + 1,
                       "alternatives must be among the first %d tests of a condition", HG_ALT_MAX);
        if (x->alt >= 0) {
            /* one draw among them: the same occasion, probabilities adding up to at most 1 */
            const hg_ctest *y = &m->ctests[c->test_first + x->alt];
            double sum = x->prob;
            for (int i = 0; i < c->ntest; i++)
                if (m->ctests[c->test_first + i].alt == x->alt || i == x->alt)
                    sum += m->ctests[c->test_first + i].prob;
            if (y->when != x->when)
                hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "alt") + 1,
                           "alternatives '%s' must share their when", alt);
            if (sum > 1 + 1e-9)
                hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "prob") + 1,
                           "the probabilities of alternatives '%s' add up to %g, above 1", alt,
                           sum);
        }
        alt_rows[m->nctests] = r;
        c->ntest++;
        m->nctests++;
    }
    free(alt_rows);
    free(seen);
}

/* Exclusive pairs: a comorbidity link of value 0 between a chronic condition and its acute
 * form (the acute episodes of a person with the chronic form are that condition's visits). */
static void load_links(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->links_tab;
    for (int r = 0; r < t->nrows; r++) {
        if (strcmp(hg_row_cell(t, r, "kind"), "comorbidity") ||
            hg_row_num(t, r, "value", 0, 1, 1, d) != 0)
            continue;
        int a = hg_model_cond(m, hg_row_cell(t, r, "from")),
            b = hg_model_cond(m, hg_row_cell(t, r, "to"));
        if (a < 0 || b < 0) {
            hg_diag_at(d, t->file, t->lines[r], 2, "'%s' or '%s' is not a condition",
                       hg_row_cell(t, r, "from"), hg_row_cell(t, r, "to"));
            continue;
        }
        if (m->conds[b].kind == HG_COND_ACUTE) m->conds[b].exclusive = a;
        if (m->conds[a].kind == HG_COND_ACUTE) m->conds[a].exclusive = b;
    }
}

static void load_weights(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->weights_tab;
    for (int r = 0; r < t->nrows; r++) {
        int age = (int)hg_row_num(t, r, "age", 0, 31, -1, d);
        if (age < 0) continue;
        m->weight_kg[0][age] = hg_row_num(t, r, "male_kg", 1, 200, 0, d);
        m->weight_kg[1][age] = hg_row_num(t, r, "female_kg", 1, 200, 0, d);
        if (age + 1 > m->nweight_ages) m->nweight_ages = age + 1;
    }
    for (int a = 0; a < m->nweight_ages; a++)
        if (!m->weight_kg[0][a] || !m->weight_kg[1][a])
            hg_diag_at(d, t->file, 0, 0, "no body weight for age %d", a);
}

/* 公費 certificates by condition: the programme must be a row of population.yaml. */
static void load_kohi(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->kohi_tab;
    for (int k = 0; k < m->nconds; k++) m->conds[k].kohi = -1;
    for (int r = 0; r < t->nrows; r++) {
        int k = cond_of(m, t, r, d);
        if (k < 0) continue;
        hg_condition *c = &m->conds[k];
        double hb = hg_row_num(t, r, "houbetsu", 10, 99, 0, d);
        int prog = -1;
        for (int i = 0; i < m->pp.nkohi; i++)
            if (m->pp.kohi[i][0] == hb) prog = i;
        if (prog < 0 || prog == m->kohi_seiho || prog == m->kohi_local) {
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "houbetsu") + 1,
                       "法別番号 %g is not a condition's programme in population.yaml "
                       "insurance.kohi",
                       hb);
            continue;
        }
        if (c->kohi >= 0) {
            hg_diag_at(d, t->file, t->lines[r], 1, "condition %s has a 公費 row already", c->id);
            continue;
        }
        c->kohi = prog;
        c->kohi_min_age = (int)hg_row_num(t, r, "min_age", 0, 120, 0, d);
        c->kohi_max_age = (int)hg_row_num(t, r, "max_age", 0, 120, 120, d);
        c->kohi_uptake = hg_row_num(t, r, "uptake", 0, 1, 0, d);
    }
}

/* Every department a condition is treated in has clinics (population.yaml institutions). */
static void check_departments(hg_model *m, hg_diag *d)
{
    for (int k = 0; k < m->nconds; k++) {
        int found = 0;
        for (int i = 0; i < m->pp.nclinic_depts && !found; i++)
            found = (int)m->pp.clinic_depts[i][0] == m->conds[k].dept;
        if (!found)
            hg_diag_at(d, m->conds_tab.file, m->conds_tab.lines[k],
                       hg_mtab_col(&m->conds_tab, "dept") + 1,
                       "診療科 %02d of condition %s has no row in population.yaml "
                       "institutions.clinic_departments (its share of clinics)",
                       m->conds[k].dept, m->conds[k].id);
    }
}

void hg_clinical_load(hg_model *m, hg_diag *d)
{
    load_seasons(m, d);
    load_conditions(m, d);
    load_rates(m, d);
    load_diseases(m, d);
    load_drugs(m, d);
    load_tests(m, d);
    load_links(m, d);
    load_weights(m, d);
    load_kohi(m, d);
    check_departments(m, d);
}

void hg_clinical_free(hg_model *m)
{
    for (int k = 0; k < m->nconds; k++) {
        hg_condition *c = &m->conds[k];
        hg_ddist_free(&c->cadence);
        hg_ddist_free(&c->visits);
        hg_ddist_free(&c->revisit_gap);
        hg_ddist_free(&c->days);
        if (c->main_t) gsl_ran_discrete_free(c->main_t);
    }
    for (int i = 0; i < m->nproducts; i++) hg_ddist_free(&m->products[i].days);
    free(m->conds);
    free(m->cdis);
    free(m->groups);
    free(m->products);
    free(m->ctests);
    free(m->seasons);
}

double hg_season_factor(const hg_model *m, int k, int32_t ym)
{
    int s = m->conds[k].season;
    return s < 0 ? 1 : m->seasons[s].f[ym % 100 - 1];
}

double hg_product_units(const hg_model *m, const hg_product *pr, int sex, int age)
{
    const hg_dose *x = &pr->dose;
    int a = age < 0 ? 0 : age >= m->nweight_ages ? m->nweight_ages - 1 : age;
    double kg = m->nweight_ages && age < m->nweight_ages ? m->weight_kg[sex == HG_SEX_F][a] : 0;
    double u = x->daily;
    if (x->basis == HG_DOSE_TOPICAL || x->basis == HG_DOSE_COURSE)
        u = x->course_units > 0 ? x->course_units : x->daily;
    else if (kg > 0 && x->conc_mg_per_unit > 0 && x->mg_per_kg_day > 0) {
        double mg = x->mg_per_kg_day * kg;
        if (x->max_mg_day > 0 && mg > x->max_mg_day) mg = x->max_mg_day;
        u = mg / x->conc_mg_per_unit;
    } else if (kg > 0 && x->conc_mg_per_unit > 0 && x->mg_per_kg_dose > 0) {
        double mg = x->mg_per_kg_dose * kg;
        if (x->max_mg_dose > 0 && mg > x->max_mg_dose) mg = x->max_mg_dose;
        u = mg / x->conc_mg_per_unit;
    } else if (kg > 0 && x->units_per_kg_day > 0) {
        u = x->units_per_kg_day * kg;
        if (x->max_units_day > 0 && u > x->max_units_day) u = x->max_units_day;
    } else if (kg > 0 && x->units_per_kg_dose > 0) {
        u = x->units_per_kg_dose * kg;
        if (x->max_units_dose > 0 && u > x->max_units_dose) u = x->max_units_dose;
    }
    if (u <= 0) u = 1; /* a product without a dose is dispensed one unit at a time */
    /* quantities are written with at most 5 decimals (use_amnt numeric(10,5)); a hundredth of
     * a unit is the finest sensible step, except for a day's share of a package priced whole
     * (a 28-day sheet or kit: 1/28 a day, which 0.04 would make 1.12 packages) */
    return u < 0.1 ? round(u * 10000) / 10000 : round(u * 100) / 100;
}
