/* hicgen — the procedures of a stay, planned with the stay (masters/med/stay_procedures.csv).
 *
 * Which stays get an operation is part of the clinical course, not of its billing: an operated
 * stay lasts longer than the condition's average stay (a laparoscopic colectomy about 15 days,
 * the average stay for colon cancer, chemotherapy stays included, 9). So the model draws a
 * stay's procedures (one draw for each group of alternatives) and, when one carries its own
 * mean length (column los_mean: the national mean stay of its DPC code), draws the stay's length
 * from it. The 医科 family bills what was planned (its items: the rows' codes and days). */
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/mrow.h"
#include "hicgen/person.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"
#include "sim/stays.h"

static int col(const hg_mtab *t, const char *name)
{
    return hg_mtab_col(t, name) + 1;
}

/* A row starts a procedure when its proc id differs from the row before's (same condition). */
static int starts_proc(const hg_mtab *t, int r)
{
    return r == 0 || strcmp(hg_row_cell(t, r, "proc"), hg_row_cell(t, r - 1, "proc")) ||
           strcmp(hg_row_cell(t, r, "cond"), hg_row_cell(t, r - 1, "cond"));
}

void hg_stay_procs_load(hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "stay_procedures.csv");
    /* the columns that choose a stay's procedures; the 医科 family reads what it bills */
    static const char *const req[] = {"cond",     "group",   "proc",  "share",
                                      "min_age",  "max_age", "icd10", "day_from",
                                      "los_mean", "source",  NULL};
    if (hg_mtab_load(&m->sprocs_tab, "stay_procedures", path, req, 0, d)) return;
    const hg_mtab *t = &m->sprocs_tab;
    m->sprocs = hg_xcalloc((size_t)t->nrows + 1, sizeof *m->sprocs);
    for (int r = 0; r < t->nrows; r++) {
        if (!starts_proc(t, r)) {
            if (hg_row_cell(t, r, "los_mean")[0])
                hg_diag_at(d, t->file, t->lines[r], col(t, "los_mean"),
                           "los_mean belongs on the first row of procedure %s",
                           hg_row_cell(t, r, "proc"));
            continue;
        }
        hg_sproc *p = &m->sprocs[m->nsprocs++];
        p->line = t->lines[r];
        p->cond = hg_model_cond(m, hg_row_cell(t, r, "cond"));
        if (p->cond < 0)
            hg_diag_at(d, t->file, t->lines[r], col(t, "cond"), "'%s' is not in conditions.csv",
                       hg_row_cell(t, r, "cond"));
        p->group = (int)hg_row_num(t, r, "group", 1, HG_STAY_PROC_GROUPS, 1, d) - 1;
        p->share = hg_row_num(t, r, "share", 0, 1, 0, d);
        p->min_age = (int)hg_row_num(t, r, "min_age", 0, 120, 0, d);
        p->max_age = (int)hg_row_num(t, r, "max_age", 0, 120, 120, d);
        hg_row_text(t, r, "icd10", p->icd, sizeof p->icd, d);
        p->day_from = (int)hg_row_num(t, r, "day_from", 0, 3650, 0, d);
        p->los_mean = hg_row_num(t, r, "los_mean", 1, 365, 0, d);
    }
    /* the shares of a group's alternatives that can meet (their ages overlap, and one's
     * diagnosis includes the other's) are parts of the same stays */
    for (int i = 0; i < m->nsprocs; i++) {
        const hg_sproc *a = &m->sprocs[i];
        double sum = 0;
        for (int j = 0; j < m->nsprocs; j++) {
            const hg_sproc *b = &m->sprocs[j];
            size_t la = strlen(a->icd), lb = strlen(b->icd);
            if (b->cond == a->cond && b->group == a->group && b->min_age <= a->max_age &&
                a->min_age <= b->max_age && !strncmp(a->icd, b->icd, la < lb ? la : lb))
                sum += b->share;
        }
        if (a->cond >= 0 && sum > 1 + 1e-9)
            hg_diag_at(d, t->file, a->line, col(t, "share"),
                       "the shares of condition %s group %d add up to %.3f, above 1",
                       m->conds[a->cond].id, a->group + 1, sum);
    }
}

void hg_stay_procs_free(hg_model *m)
{
    hg_mtab_free(&m->sprocs_tab);
    free(m->sprocs);
}

int hg_stay_disease(const hg_model *m, const hg_person *p, const hg_stay *st)
{
    if (st->episode >= 0 && st->episode < p->nepisodes) return p->episodes[st->episode].dis;
    if (p->conds[st->cond].onset) return p->conds[st->cond].dis;
    return m->conds[st->cond].dis_first;
}

const char *hg_stay_icd(const hg_model *m, const hg_person *p, const hg_stay *st)
{
    if (m->skwd_icd_col < 0) return "";
    return hg_mtab_cell(&m->skwd, m->cdis[hg_stay_disease(m, p, st)].row, m->skwd_icd_col);
}

/* The stay's procedures: for each group, one uniform fixed for (person, admission, group)
 * picks at most one alternative by their shares. */
static void pick(const hg_model *m, const hg_person *p, hg_stay *st)
{
    st->nproc = 0;
    /* the stay's reach: the patient's age on admission, the main diagnosis's ICD-10 */
    int age = hg_age(p->birth, st->admit);
    const char *icd = hg_stay_icd(m, p, st);
    for (int g = 0; g < HG_STAY_PROC_GROUPS; g++) {
        uint64_t key = hg_mix64(p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)st->admit << 8 ^
                                (uint64_t)g << 4 ^ 0x70726f63ULL);
        double u = hg_fixed_u(key);
        for (int i = 0; i < m->nsprocs; i++) {
            const hg_sproc *sp = &m->sprocs[i];
            if (sp->cond != st->cond || sp->group != g || age < sp->min_age || age > sp->max_age ||
                strncmp(icd, sp->icd, strlen(sp->icd)))
                continue;
            if (u < sp->share) {
                st->proc[st->nproc++] = i;
                break;
            }
            u -= sp->share;
        }
    }
}

void hg_stays_plan(const hg_model *m, const hg_period *per, uint64_t seed, gsl_rng *r, hg_person *p)
{
    for (int i = 0; i < p->nstays; i++) {
        hg_stay *st = &p->stays[i];
        pick(m, p, st);
        /* a stay begun before the period (drawn length-biased), one that ends in death or on
         * its eve (a transfer), keeps its length */
        if (st->died || st->admit < per->start || (p->death && st->discharge >= p->death - 1))
            continue;
        const hg_sproc *sp = NULL;
        for (int k = 0; k < st->nproc && !sp; k++)
            if (m->sprocs[st->proc[k]].los_mean > 0) sp = &m->sprocs[st->proc[k]];
        if (!sp) continue;
        /* the same gamma as any stay's (sim/person.c), with the procedure's mean; long
         * enough for the operation, never into the next stay or the death */
        hg_rng_stream(r, seed, p->idx,
                      hg_stream(HG_S_STAY_LENGTH) +
                          (uint64_t)(hg_days(st->admit) - hg_days(per->start)));
        int los = 1 + (int)gsl_ran_gamma(r, 2.0, sp->los_mean / 2.0);
        if (los < sp->day_from + 1) los = sp->day_from + 1;
        if (los > m->pp.max_los_days) los = m->pp.max_los_days;
        int32_t end = hg_days(st->admit) + los - 1;
        if (i + 1 < p->nstays && end >= hg_days(p->stays[i + 1].admit))
            end = hg_days(p->stays[i + 1].admit) - 1;
        if (p->death && end >= hg_days(p->death)) end = hg_days(p->death) - 1;
        if (end >= hg_days(st->admit)) st->discharge = hg_ymd(end);
    }
}
