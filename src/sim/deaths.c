/* hicgen — causes and places of death (see deaths.h). */
#include "hicgen/deaths.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/model.h"
#include "hicgen/mrow.h"
#include "hicgen/person.h"

const char *const hg_dplace_names[HG_DPLACES + 1] = {"HOSPITAL", "CARE_FACILITY", "NURSING_HOME",
                                                     "HOME",     "OTHER",         NULL};
const char *const hg_dplace_codes[HG_DPLACES] = {"1", "3", "5", "6", "7"};

/* A stay for an acute condition of the cause this recently makes the person one "with" it. */
enum { RECENT_STAY_DAYS = 90 };

static int cond_or_report(const hg_model *m, const hg_mtab *t, int r, const char *id, hg_diag *d)
{
    int k = hg_model_cond(m, id);
    if (k < 0)
        hg_diag_at(d, t->file, t->lines[r], 1, "'%s' is not a condition of conditions.csv", id);
    return k;
}

static void load_causes(hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &m->dcause_tab;
    if (t->nrows > HG_DCAUSES_MAX)
        hg_diag_at(d, t->file, t->lines[HG_DCAUSES_MAX], 1, "more than %d causes of death",
                   HG_DCAUSES_MAX);
    m->ndcauses = t->nrows < HG_DCAUSES_MAX ? t->nrows : HG_DCAUSES_MAX;
    m->dcauses = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->dcauses);
    for (int r = 0; r < t->nrows; r++) {
        hg_dcause *c = &m->dcauses[r];
        hg_row_text(t, r, "cause", c->id, sizeof c->id, d);
        hg_row_text(t, r, "icd10", c->icd10, sizeof c->icd10, d);
        c->skwd_row = *hg_row_cell(t, r, "skwd_name_cd")
                          ? hg_row_code(t, r, "skwd_name_cd", &m->skwd, "傷病名", d)
                          : -1;
        /* conditions separated by '|' */
        char buf[1024];
        hg_row_text(t, r, "conds", buf, sizeof buf, d);
        for (char *s = buf, *e; *s; s = e) {
            e = strchr(s, '|');
            if (e)
                *e++ = '\0';
            else
                e = s + strlen(s);
            int k = cond_or_report(m, t, r, s, d);
            if (k < 0) continue;
            if (c->nconds == HG_DCAUSE_MAX_CONDS) {
                hg_diag_at(d, t->file, t->lines[r], 1, "cause %s: more than %d conditions", c->id,
                           HG_DCAUSE_MAX_CONDS);
                break;
            }
            c->conds[c->nconds++] = k;
        }
        const char *sc = hg_row_cell(t, r, "stay_cond");
        c->stay_cond = *sc ? cond_or_report(m, t, r, sc, d) : -1;
        c->any_stay = (int)hg_row_num(t, r, "any_stay", 0, 1, 0, d);
        c->k_has = hg_row_num(t, r, "k_has", 0, 1000, 1, d);
        c->k_without = hg_row_num(t, r, "k_without", 0, 1000, 1, d);
        c->hospital_or = hg_row_num(t, r, "hospital_or", 0.001, 1000, 1, d);
        c->outside = hg_row_num(t, r, "outside", 0, 1, 0, d);
        if (!c->nconds && c->k_without <= 0)
            hg_diag_at(d, t->file, t->lines[r], 1,
                       "cause %s has no conditions and k_without 0: nobody could die of it", c->id);
    }
}

static int cause_of(const hg_model *m, const hg_mtab *t, int r, hg_diag *d)
{
    const char *id = hg_row_cell(t, r, "cause");
    for (int i = 0; i < m->ndcauses; i++)
        if (!strcmp(m->dcauses[i].id, id)) return i;
    hg_diag_at(d, t->file, t->lines[r], 1, "'%s' is not a cause of death_causes.csv", id);
    return -1;
}

void hg_deaths_load(hg_model *m, hg_diag *d)
{
    load_causes(m, d);
    const hg_mtab *t = &m->dshare_tab;
    for (int r = 0; r < t->nrows; r++) {
        int c = cause_of(m, t, r, d);
        if (c >= 0) hg_row_band(t, r, &m->dcauses[c].share, 1, m->dcauses[c].id, d);
    }
    for (int c = 0; c < m->ndcauses; c++)
        if (!m->dcauses[c].share.n)
            hg_diag_at(d, t->file, 0, 0, "cause %s has no shares", m->dcauses[c].id);
    /* the shares of every band add up to 1: check at each band start, both sexes */
    for (int c = 0; c < m->ndcauses; c++)
        for (int i = 0; i < m->dcauses[c].share.n; i++) {
            int age = m->dcauses[c].share.from[i];
            for (int sex = HG_SEX_M; sex <= HG_SEX_F; sex++) {
                double sum = 0;
                for (int k = 0; k < m->ndcauses; k++)
                    sum += hg_band_rate(&m->dcauses[k].share, sex, age);
                if (fabs(sum - 1) > 0.005)
                    hg_diag_at(d, t->file, 0, 0,
                               "the causes' shares at age %d (%s) add up to %.4f, not 1", age,
                               sex == HG_SEX_M ? "male" : "female", sum);
            }
        }
    t = &m->dplace_tab;
    for (int r = 0; r < t->nrows; r++) {
        int k = hg_row_keyword(t, r, "place", hg_dplace_names, d);
        if (k >= 0) hg_row_band(t, r, &m->death_places[k], 1, hg_dplace_names[k], d);
    }
    for (int k = 0; k < HG_DPLACES; k++)
        if (!m->death_places[k].n)
            hg_diag_at(d, t->file, 0, 0, "no shares of deaths at place %s", hg_dplace_names[k]);
}

void hg_deaths_free(hg_model *m)
{
    free(m->dcauses);
    m->dcauses = NULL;
    m->ndcauses = 0;
}

static int cause_has_cond(const hg_dcause *c, int k)
{
    for (int i = 0; i < c->nconds; i++)
        if (c->conds[i] == k) return 1;
    return 0;
}

int hg_death_has(const hg_model *m, const hg_person *p, int c, int32_t ymd)
{
    const hg_dcause *dc = &m->dcauses[c];
    for (int i = 0; i < dc->nconds; i++)
        if (hg_person_has(p, dc->conds[i], ymd)) return 1;
    int since = hg_days(ymd) - RECENT_STAY_DAYS;
    for (int i = 0; i < p->nstays; i++)
        if (p->stays[i].admit <= ymd && hg_days(p->stays[i].discharge) >= since &&
            cause_has_cond(dc, p->stays[i].cond))
            return 1;
    return 0;
}

int hg_death_cause(const hg_model *m, const hg_person *p, int age, int32_t ymd, double u)
{
    double w[HG_DCAUSES_MAX], sum = 0;
    int n = m->ndcauses;
    for (int c = 0; c < n; c++) {
        const hg_dcause *dc = &m->dcauses[c];
        w[c] = hg_band_rate(&dc->share, p->sex, age) *
               (hg_death_has(m, p, c, ymd) ? dc->k_has : dc->k_without);
        sum += w[c];
    }
    /* nobody is without a cause: the open ones (k_without > 0) always weigh something, but at an
     * age whose shares are all 0 fall back to the last cause (その他) */
    if (sum <= 0) return n - 1;
    double x = u * sum;
    for (int c = 0; c < n; c++) {
        if (x < w[c]) return c;
        x -= w[c];
    }
    return n - 1;
}

int hg_death_in_stay_of(const hg_model *m, int c, int cond)
{
    const hg_dcause *dc = &m->dcauses[c];
    /* the other causes end stays of conditions that raise the risk of death, never one for
     * cataract or a knee */
    return cause_has_cond(dc, cond) || dc->stay_cond == cond ||
           (dc->any_stay && m->conds[cond].death_rr > 1);
}

double hg_death_hospital_p(const hg_model *m, int c, int sex, int age)
{
    double p = hg_band_rate(&m->death_places[HG_DPLACE_HOSPITAL], sex, age);
    if (p <= 0) return 0;
    if (p >= 1) return 1;
    double odds = p / (1 - p) * m->dcauses[c].hospital_or;
    return odds / (1 + odds);
}

int hg_death_stay_cond(const hg_model *m, const hg_person *p, int c, int32_t ymd)
{
    const hg_dcause *dc = &m->dcauses[c];
    int best = -1;
    for (int i = 0; i < dc->nconds; i++) {
        int k = dc->conds[i];
        if (hg_person_has(p, k, ymd) && m->conds[k].admit > 0 &&
            (best < 0 || m->conds[k].death_rr > m->conds[best].death_rr))
            best = k;
    }
    for (int k = 0; dc->any_stay && k < m->nconds; k++)
        if (hg_person_has(p, k, ymd) && m->conds[k].admit > 0 && m->conds[k].death_rr > 1 &&
            (best < 0 || m->conds[k].death_rr > m->conds[best].death_rr))
            best = k;
    return best >= 0 ? best : dc->stay_cond;
}

int hg_death_place_final(const hg_person *p, int32_t facility_from, int facility_kind)
{
    if (!p->death) return -1;
    int place = p->death_place;
    if (!p->death_hospital && facility_from && facility_from <= p->death)
        place = facility_kind == 51 ? HG_DPLACE_NURSING : HG_DPLACE_CARE;
    else if (place == HG_DPLACE_NURSING || place == HG_DPLACE_CARE)
        place = HG_DPLACE_HOME;
    return place;
}

int hg_death_place_out(const hg_model *m, int c, int sex, int age, double u)
{
    double out = m->dcauses[c].outside;
    if (u < out) return HG_DPLACE_OTHER;
    u = (u - out) / (1 - out);
    double w[HG_DPLACES], sum = 0;
    for (int k = HG_DPLACE_CARE; k < HG_DPLACES; k++)
        sum += w[k] = hg_band_rate(&m->death_places[k], sex, age);
    if (sum <= 0) return HG_DPLACE_HOME;
    double x = u * sum;
    for (int k = HG_DPLACE_CARE; k < HG_DPLACES; k++) {
        if (x < w[k]) return k;
        x -= w[k];
    }
    return HG_DPLACE_OTHER;
}
