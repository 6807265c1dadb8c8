/* hicgen — what is done during a stay besides the ward's days (masters/med/stay_procedures.csv):
 * an operation with its anaesthesia and companions on the day after admission, a course of
 * rehabilitation in units a day. A condition's procedures come in groups; within a group they
 * are alternatives (水晶体再建術 or none; 骨折観血的手術 or 人工骨頭挿入術 by the fracture), each
 * group drawn once per stay. A procedure may set the stay's DPC code (the 手術 branch of the
 * 診断群分類: its dpc_cd, a row of role proc in masters/med/dpc.csv). */
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/mrow.h"
#include "hicgen/rng.h"

/* The 1-based column of a cell, for messages. */
static int col(const hg_mtab *t, const char *name)
{
    return hg_mtab_col(t, name) + 1;
}

/* A row starts a procedure when its proc id differs from the row before's (same condition). */
static int new_proc(hg_med *md, const hg_model *m, const hg_mtab *t, int r, hg_diag *d)
{
    const char *id = hg_row_cell(t, r, "proc");
    if (r > 0 && !strcmp(id, hg_row_cell(t, r - 1, "proc")) &&
        !strcmp(hg_row_cell(t, r, "cond"), hg_row_cell(t, r - 1, "cond")))
        return 0;
    med_proc *p = &md->proc[md->nproc];
    memset(p, 0, sizeof *p);
    p->line = t->lines[r];
    p->cond = hg_model_cond(m, hg_row_cell(t, r, "cond"));
    if (p->cond < 0) {
        hg_diag_at(d, t->file, t->lines[r], col(t, "cond"), "'%s' is not in conditions.csv",
                   hg_row_cell(t, r, "cond"));
        return -1;
    }
    p->group = (int)hg_row_num(t, r, "group", 1, MED_PROC_GROUPS, 1, d) - 1;
    p->share = hg_row_num(t, r, "share", 0, 1, 0, d);
    p->min_age = (int)hg_row_num(t, r, "min_age", 0, 120, 0, d);
    p->max_age = (int)hg_row_num(t, r, "max_age", 0, 120, 120, d);
    hg_row_text(t, r, "icd10", p->icd, sizeof p->icd, d);
    p->first = md->npitem;
    p->dpc = -1;
    /* the DPC code of a stay with the procedure (empty: the condition's) */
    const char *code = hg_row_cell(t, r, "dpc_cd");
    for (int i = 0; i < md->ndpc && code[0]; i++)
        if (!strcmp(hg_mtab_key(&md->dpc_tab, md->dpc[i].row), code)) p->dpc = i;
    if (code[0] && (p->dpc < 0 || !md->dpc[p->dpc].proc || md->dpc[p->dpc].cond != p->cond)) {
        hg_diag_at(d, t->file, t->lines[r], col(t, "dpc_cd"),
                   "dpc_cd '%s' is not a code of role proc for %s in dpc.csv", code,
                   m->conds[p->cond].id);
        return -1;
    }
    md->nproc++;
    return 1;
}

void med_procs_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "stay_procedures.csv");
    static const char *const req[] = {"cond",    "group",  "proc",     "share",    "min_age",
                                      "max_age", "icd10",  "code",     "day_from", "day_to",
                                      "count",   "dpc_cd", "dpc_code", "source",   NULL};
    if (hg_mtab_load(&md->procs_tab, "stay_procedures", path, req, 0, d)) return;
    const hg_mtab *t = &md->procs_tab;
    md->proc = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->proc);
    md->pitem = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->pitem);
    int cur = 0; /* the row's procedure is valid */
    for (int r = 0; r < t->nrows; r++) {
        int s = new_proc(md, m, t, r, d);
        if (s) cur = s > 0;
        if (!cur) continue;
        med_proc *p = &md->proc[md->nproc - 1];
        int row = hg_row_code(t, r, "code", &m->prac_act, "診療行為", d);
        if (row < 0) continue;
        med_proc_item *it = &md->pitem[md->npitem];
        it->row = row;
        it->ident = md->act_ident[row]; /* by its 部 of the 点数表 */
        it->day_from = (int)hg_row_num(t, r, "day_from", 0, 3650, 0, d);
        it->day_to = (int)hg_row_num(t, r, "day_to", 0, 3650, it->day_from, d);
        it->count = (int)hg_row_num(t, r, "count", 1, 99, 1, d);
        /* a 入院料 (第1章第2部, 診療識別 90 by the master) is a unit's 特定入院料: 92 */
        it->unit = it->ident == 90;
        it->dpc_row = row;
        if (it->unit) {
            it->ident = 92;
            if (hg_row_cell(t, r, "dpc_code")[0]) {
                int x = hg_row_code(t, r, "dpc_code", &m->prac_act, "診療行為", d);
                if (x >= 0) it->dpc_row = x;
            } else {
                hg_diag_at(d, t->file, t->lines[r], col(t, "dpc_code"),
                           "%s is a 特定入院料: give dpc_code, the code a DPC stay bills for it",
                           hg_row_cell(t, r, "code"));
            }
        } else if (hg_row_cell(t, r, "dpc_code")[0]) {
            hg_diag_at(d, t->file, t->lines[r], col(t, "dpc_code"),
                       "dpc_code is for a 特定入院料 (a 入院料 of 第1章第2部) only; %s is not one",
                       hg_row_cell(t, r, "code"));
        }
        if (it->day_to < it->day_from)
            hg_diag_at(d, t->file, t->lines[r], col(t, "day_to"), "day_to %d is before day_from %d",
                       it->day_to, it->day_from);
        md->npitem++;
        p->n++;
    }
    /* the shares of a group's alternatives that can meet (their ages overlap, and one's
     * diagnosis includes the other's) are parts of the same stays */
    for (int i = 0; i < md->nproc; i++) {
        const med_proc *a = &md->proc[i];
        double sum = 0;
        for (int j = 0; j < md->nproc; j++) {
            const med_proc *b = &md->proc[j];
            size_t la = strlen(a->icd), lb = strlen(b->icd);
            if (b->cond == a->cond && b->group == a->group && b->min_age <= a->max_age &&
                a->min_age <= b->max_age && !strncmp(a->icd, b->icd, la < lb ? la : lb))
                sum += b->share;
        }
        if (sum > 1 + 1e-9)
            hg_diag_at(d, t->file, md->proc[i].line, col(t, "share"),
                       "the shares of condition %s group %d add up to %.3f, above 1",
                       m->conds[md->proc[i].cond].id, md->proc[i].group + 1, sum);
    }
}

void med_procs_free(hg_med *md)
{
    hg_mtab_free(&md->procs_tab);
    free(md->proc);
    free(md->pitem);
}

int med_stay_disease(const ctx *c, const hg_stay *st)
{
    const hg_person *p = c->p;
    if (st->episode >= 0 && st->episode < p->nepisodes) return p->episodes[st->episode].dis;
    if (p->conds[st->cond].onset) return p->conds[st->cond].dis;
    return c->m->conds[st->cond].dis_first;
}

/* Does the procedure reach the stay (the patient's age on admission, the stay's diagnosis)? */
static int in_reach(const ctx *c, const med_proc *p, const hg_stay *st)
{
    int age = hg_age(c->p->birth, st->admit);
    if (age < p->min_age || age > p->max_age) return 0;
    /* a stay too short for its first item (an operation the day after admission) */
    if (p->n && hg_days(st->discharge) - hg_days(st->admit) < c->md->pitem[p->first].day_from)
        return 0;
    if (!p->icd[0]) return 1;
    int dis = med_stay_disease(c, st);
    const char *icd = hg_mtab_cell(&c->m->skwd, c->m->cdis[dis].row, c->md->skwd_icd_col);
    return !strncmp(icd, p->icd, strlen(p->icd));
}

int med_stay_procs(const ctx *c, const hg_stay *st, int *out)
{
    const hg_med *md = c->md;
    int n = 0;
    for (int g = 0; g < MED_PROC_GROUPS; g++) {
        uint64_t key = hg_mix64(c->p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)st->admit << 8 ^
                                (uint64_t)g << 4 ^ 0x70726f63ULL);
        double u = hg_fixed_u(key);
        for (int i = 0; i < md->nproc && n < MED_STAY_PROCS; i++) {
            const med_proc *p = &md->proc[i];
            if (p->cond != st->cond || p->group != g || !in_reach(c, p, st)) continue;
            if (u < p->share) {
                out[n++] = i;
                break;
            }
            u -= p->share;
        }
    }
    return n;
}

/* The length of the prefix of the '|'-separated list that starts icd (0 for an empty list), or
 * -1 when none does. */
static int icd_match(const char *list, const char *icd)
{
    if (!list[0]) return 0;
    int best = -1;
    for (const char *s = list; *s;) {
        size_t n = strcspn(s, "|");
        if (n && !strncmp(icd, s, n) && (int)n > best) best = (int)n;
        s += n + (s[n] == '|');
    }
    return best;
}

int med_stay_dpc(const ctx *c, const hg_stay *st, const int *procs, int n)
{
    const hg_med *md = c->md;
    for (int i = 0; i < n; i++)
        if (md->proc[procs[i]].dpc >= 0) return md->proc[procs[i]].dpc;
    /* the condition's code for the main diagnosis (the longest ICD-10 prefix that fits, or
     * any) and the age on admission (the highest min_age that fits) */
    int age = hg_age(c->p->birth, st->admit), best = -1;
    const char *icd =
        md->skwd_icd_col < 0
            ? ""
            : hg_mtab_cell(&c->m->skwd, c->m->cdis[med_stay_disease(c, st)].row, md->skwd_icd_col);
    int best_len = 0;
    for (int i = 0; i < md->ndpc; i++) {
        const hg_dpc *x = &md->dpc[i];
        if (x->proc || x->cond != st->cond || x->min_age > age) continue;
        int len = icd_match(x->icd, icd);
        if (len < 0) continue;
        if (best < 0 || len > best_len || (len == best_len && x->min_age > md->dpc[best].min_age))
            best = i, best_len = len;
    }
    return best;
}

void med_proc_days(ctx *c, const hg_stay *st, const int *procs, int n, int d0, int d1)
{
    int admit = hg_days(st->admit);
    for (int i = 0; i < n; i++) {
        const med_proc *p = &c->md->proc[procs[i]];
        for (int j = 0; j < p->n; j++) {
            const med_proc_item *it = &c->md->pitem[p->first + j];
            for (int d = d0; d <= d1; d++) {
                int since = hg_days(c->ym * 100 + d) - admit;
                if (since < it->day_from || since > it->day_to) continue;
                int row = it->unit && since < c->dpc_last ? it->dpc_row : it->row;
                med_add_si(c, it->ident, row, d, it->count);
            }
        }
    }
}

int med_proc_unit_day(const ctx *c, const int *procs, int n, int since)
{
    for (int i = 0; i < n; i++) {
        const med_proc *p = &c->md->proc[procs[i]];
        for (int j = 0; j < p->n; j++) {
            const med_proc_item *it = &c->md->pitem[p->first + j];
            if (it->unit && since >= it->day_from && since <= it->day_to) return 1;
        }
    }
    return 0;
}
