/* hicgen — what is done during a stay besides the ward's days (masters/med/stay_procedures.csv):
 * an operation with its anaesthesia and companions on the day after admission, a course of
 * rehabilitation in units a day. A condition's procedures come in groups; within a group they
 * are alternatives (水晶体再建術 or none; 骨折観血的手術 or 人工骨頭挿入術 by the fracture), each
 * group drawn once per stay — by the model (sim/stays.c), because a procedure can set the stay's
 * length; this file bills them. A procedure may set the stay's DPC code (the 手術 branch of the
 * 診断群分類: its dpc_cd, a row of role proc in masters/med/dpc.csv). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include <gsl/gsl_cdf.h>
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/mrow.h"
#include "hicgen/rng.h"

/* The 1-based column of a cell, for messages. */
static int col(const hg_mtab *t, const char *name)
{
    return hg_mtab_col(t, name) + 1;
}

/* A row starts a procedure when the model's next one starts there (sim/stays.c reads the same
 * file): the procedures are the model's, in its order. */
static int new_proc(hg_med *md, const hg_model *m, const hg_mtab *t, int r, hg_diag *d)
{
    if (md->nproc >= m->nsprocs || m->sprocs[md->nproc].line != t->lines[r]) return 0;
    med_proc *p = &md->proc[md->nproc++];
    memset(p, 0, sizeof *p);
    p->line = t->lines[r];
    p->cond = m->sprocs[md->nproc - 1].cond;
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
    return 1;
}

/* The cell of a 診療行為 master row in the named column, as a number (0 when absent). */
static double act_num(const hg_model *m, int row, const char *name)
{
    int c = hg_mtab_col(&m->prac_act, name);
    return c < 0 ? 0 : atof(hg_mtab_cell(&m->prac_act, row, c));
}

/* An item's quantity (column qnt), for a code the master bills by its quantity (きざみ値計算識別
 * 1: 下限値, 上限値, きざみ値, きざみ点数). */
static void item_quantity(const hg_model *m, const hg_mtab *t, int r, med_proc_item *it, hg_diag *d)
{
    it->qnt = hg_row_num(t, r, "qnt", 1, 100000, 0, d);
    if (!it->qnt || it->drug) return;
    if (act_num(m, it->row, "nv_notc_calc_ident") != 1 || act_num(m, it->row, "nv_notc_val") <= 0) {
        hg_diag_at(
            d, t->file, t->lines[r], col(t, "qnt"),
            "qnt is for a code billed by its quantity (きざみ in the 診療行為 master); %s is "
            "not one",
            hg_row_cell(t, r, "code"));
        it->qnt = 0;
        return;
    }
    it->lower = (int)act_num(m, it->row, "nv_lwr_val");
    it->upper = (int)act_num(m, it->row, "nv_upr_val");
    it->step = (int)act_num(m, it->row, "nv_notc_val");
    it->step_points = (int)(act_num(m, it->row, "nv_notc_score") + 0.5);
    int unit = hg_mtab_col(&m->prac_act, "dsn_kanj");
    it->whole_steps = unit >= 0 && !strcmp(hg_mtab_cell(&m->prac_act, it->row, unit), "ｍＬ");
}

/* The item's code: a 診療行為, billed under its 部's 診療識別, or a 医薬品 given with the
 * procedure's act (a blood product with its 輸血), an IY line under that act's 診療識別 (the
 * drugs of 手術 and 麻酔 are billed with them, outside a DPC stay's 包括). Returns 0 when the
 * code is neither. */
static int item_code(const hg_med *md, const hg_model *m, const hg_mtab *t, int r,
                     const med_proc *p, med_proc_item *it, hg_diag *d)
{
    const char *code = hg_row_cell(t, r, "code");
    it->row = hg_mtab_find(&m->prac_act, code);
    if (it->row >= 0) {
        it->ident = md->act_ident[it->row]; /* by its 部 of the 点数表 */
        return 1;
    }
    it->row = hg_mtab_find(&m->medicine, code);
    if (it->row < 0) {
        hg_diag_at(d, t->file, t->lines[r], col(t, "code"),
                   "code '%s' is in neither the 診療行為 master (%s) nor the 医薬品 master (%s)",
                   code, m->prac_act.file ? m->prac_act.file : "?",
                   m->medicine.file ? m->medicine.file : "?");
        return 0;
    }
    if (!p->n || md->pitem[p->first].drug) {
        hg_diag_at(d, t->file, t->lines[r], col(t, "code"),
                   "drug %s is given with an act: put the procedure's act (the 輸血) on a row "
                   "before it",
                   code);
        return 0;
    }
    double price = 0;
    if (hg_mtab_num(&m->medicine, it->row, hg_mtab_col(&m->medicine, "nnp_price"), 0, 1e9, &price,
                    d))
        return 0;
    it->drug = 1;
    it->price_1e2 = llround(price * 100);
    it->ident = md->pitem[p->first].ident;
    return 1;
}

void med_procs_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "stay_procedures.csv");
    /* the columns this file reads; the model (sim/stays.c) reads the choice columns */
    static const char *const req[] = {"code",   "day_from", "day_to", "count", "share",
                                      "dpc_cd", "dpc_code", "qnt",    NULL};
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
        med_proc_item *it = &md->pitem[md->npitem];
        memset(it, 0, sizeof *it);
        if (!item_code(md, m, t, r, p, it, d)) continue;
        it->day_from = (int)hg_row_num(t, r, "day_from", 0, 3650, 0, d);
        it->day_to = (int)hg_row_num(t, r, "day_to", 0, 3650, it->day_from, d);
        it->count = (int)hg_row_num(t, r, "count", 1, 99, 1, d);
        /* the first row's share is the procedure's (the model's choice); a later row's, the
         * chance that its item comes with the procedure (a 加算 some operations bill) */
        it->p = s ? 1 : hg_row_num(t, r, "share", 0, 1, 1, d);
        /* a 入院料 (第1章第2部, 診療識別 90 by the master) is a unit's 特定入院料: 92 */
        it->unit = !it->drug && it->ident == 90;
        it->dpc_row = it->row;
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
        item_quantity(m, t, r, it, d);
        if (it->day_to < it->day_from)
            hg_diag_at(d, t->file, t->lines[r], col(t, "day_to"), "day_to %d is before day_from %d",
                       it->day_to, it->day_from);
        md->npitem++;
        p->n++;
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
    return hg_stay_disease(c->m, c->p, st);
}

/* The stay's planned procedures (sim/stays.c) that it lasted long enough for (a death can end
 * a stay before its operation day). */
int med_stay_procs(const ctx *c, const hg_stay *st, int *out)
{
    const hg_med *md = c->md;
    int n = 0;
    for (int k = 0; k < st->nproc && n < MED_STAY_PROCS; k++) {
        int i = st->proc[k];
        if (i < 0 || i >= md->nproc) continue;
        const med_proc *p = &md->proc[i];
        if (p->n && hg_days(st->discharge) - hg_days(st->admit) < md->pitem[p->first].day_from)
            continue;
        out[n++] = i;
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
    const char *icd = hg_stay_icd(c->m, c->p, st);
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

/* The quantity of an item of the stay: a gamma draw around its mean (qnt), fixed for the stay
 * and the item (the anaesthesia of one operation, the blood of one transfusion), at least 1. */
static int item_quantity_draw(const ctx *c, const hg_stay *st, const med_proc_item *it)
{
    uint64_t key = hg_mix64(c->p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)st->admit << 8 ^
                            (uint64_t)(it - c->md->pitem) << 20 ^ 0x71756e74ULL);
    double k = it->drug ? c->md->mp.drug_quantity_shape : c->md->mp.quantity_shape;
    double q = gsl_cdf_gamma_Pinv(hg_fixed_u(key), k, it->qnt / k);
    return q < 1 ? 1 : (int)(q + 0.5);
}

/* Does an item with a chance (p < 1) come with its procedure in this stay? Fixed for the stay
 * and the item, from a hash, so that it moves no other draw. */
static int item_comes(const ctx *c, const hg_stay *st, const med_proc_item *it)
{
    if (it->p >= 1) return 1;
    uint64_t key = hg_mix64(c->p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)st->admit << 8 ^
                            (uint64_t)(it - c->md->pitem) << 20 ^ 0x6974656d70ULL);
    return hg_fixed_u(key) < it->p;
}

/* The points of an act billed by its quantity (きざみ), and its quantity. */
static int item_points(const ctx *c, const hg_stay *st, const med_proc_item *it, int *qnt)
{
    *qnt = item_quantity_draw(c, st, it);
    /* blood comes in bags: 保存血液輸血 counts its 200 mL steps of whole bags */
    if (it->whole_steps) *qnt = (*qnt + it->step / 2) / it->step * it->step;
    if (*qnt < it->lower && it->whole_steps) *qnt = it->lower;
    if (*qnt > it->upper) *qnt = it->upper;
    int over = *qnt - it->lower, steps = over > 0 ? (over + it->step - 1) / it->step : 0;
    return c->m->act_points[it->row] + steps * it->step_points;
}

void med_proc_days(ctx *c, const hg_stay *st, const int *procs, int n, int d0, int d1)
{
    int admit = hg_days(st->admit);
    for (int i = 0; i < n; i++) {
        const med_proc *p = &c->md->proc[procs[i]];
        for (int j = 0; j < p->n; j++) {
            const med_proc_item *it = &c->md->pitem[p->first + j];
            if (!item_comes(c, st, it)) continue; /* once a stay, not once a day */
            for (int d = d0; d <= d1; d++) {
                int since = hg_days(c->ym * 100 + d) - admit;
                if (since < it->day_from || since > it->day_to) continue;
                int row = it->unit && since < c->dpc_last ? it->dpc_row : it->row;
                if (it->drug) {
                    int qnt = it->qnt > 0 ? item_quantity_draw(c, st, it) : it->count;
                    med_add_drug_qnt(c, it->ident, it->row, it->price_1e2, qnt, d);
                } else if (it->qnt > 0) {
                    int qnt, points = item_points(c, st, it, &qnt);
                    for (int k = 0; k < it->count; k++)
                        med_add_si_qnt(c, it->ident, row, d, qnt, points);
                } else {
                    med_add_si(c, it->ident, row, d, it->count);
                }
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
