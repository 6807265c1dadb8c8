/* hicgen — 医科入院: the ward a stay is billed in (masters/med/wards.csv). A hospital paid 出来高
 * bills each day its ward's daily fee (入院基本料 or 特定入院料), at the level the hospital has
 * notified (fixed per hospital, drawn by the fees' national bed-days), and the 入院期間加算 of
 * the day of the stay; a condition's stays are in 一般病棟 unless the file moves them (psychiatric
 * stays, 回復期リハビリテーション after the acute days of a stroke). It also bills the ward's
 * 入院基本料等加算 (role addon): per day within a window of the stay, or once on a discharge alive,
 * for a share of the stays (the patient's state: 救急医療管理加算) or of the hospitals (a 届出:
 * 看護補助, 療養環境); a DPC stay's 包括 days bill only those the DPC rules leave outside it. */
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/date.h"
#include "hicgen/hash.h"
#include "hicgen/mrow.h"
#include "hicgen/rng.h"

static const char *const ward_names[MED_WARDS + 1] = {"general", "psych", "rehab", "ltc", NULL};
static const char *const roles[] = {"fee", "period", "cond", "addon", NULL};
static const char *const bases[] = {"day", "discharge", NULL};
static const char *const draws[] = {"stay", "hospital", NULL};

/* The 1-based column of a named column, for a message that points at the cell. */
static int col_no(const hg_mtab *t, const char *name)
{
    return hg_mtab_col(t, name) + 1;
}

/* A 入院基本料等加算 row: an alternative of its group when it has a share (after the group's
 * alternatives above it), else one more code of the alternative on the row before it. */
static void add_addon(med_ward *x, const char *ward, const hg_mtab *t, int r, int row, hg_diag *d)
{
    int line = t->lines[r];
    if (x->naddon == (int)(sizeof x->addon / sizeof x->addon[0])) {
        hg_diag_at(d, t->file, line, 1, "ward %s: too many addon rows (at most 24)", ward);
        return;
    }
    med_ward_addon *a = &x->addon[x->naddon];
    a->row = row;
    a->discharge = hg_row_keyword(t, r, "basis", bases, d) == 1;
    a->hospital = hg_row_keyword(t, r, "draw", draws, d) == 1;
    a->from = (int)hg_row_num(t, r, "from_day", 1, 3650, 1, d);
    a->to = (int)hg_row_num(t, r, "to_day", 1, 3650, 3650, d);
    if (a->to < a->from)
        hg_diag_at(d, t->file, line, col_no(t, "to_day"),
                   "to_day %d is before from_day %d: swap them", a->to, a->from);
    a->dpc = (int)hg_row_num(t, r, "dpc", 0, 1, 0, d);
    const char *g = hg_row_cell(t, r, "group");
    if (!*g) {
        hg_diag_at(d, t->file, line, col_no(t, "group"),
                   "an addon needs a group (its alternatives share a draw)");
        return;
    }
    a->salt = hg_hash_str(g);
    const char *sh = hg_row_cell(t, r, "share");
    const med_ward_addon *prev = x->naddon ? &x->addon[x->naddon - 1] : NULL;
    if (!*sh) {
        if (!prev || prev->salt != a->salt) {
            hg_diag_at(d, t->file, line, col_no(t, "share"),
                       "addon %s has no share and does not follow a row of group %s: give it "
                       "a share, or put it under its alternative",
                       hg_row_cell(t, r, "code"), g);
            return;
        }
        a->lo = prev->lo, a->hi = prev->hi;
    } else {
        double lo = 0;
        for (int i = 0; i < x->naddon; i++)
            if (x->addon[i].salt == a->salt) {
                lo = x->addon[i].hi;
                if (x->addon[i].hospital != a->hospital)
                    hg_diag_at(d, t->file, line, col_no(t, "draw"),
                               "group %s mixes draws: its rows must all be per stay or per "
                               "hospital",
                               g);
            }
        a->lo = lo;
        a->hi = lo + hg_row_num(t, r, "share", 0, 1, 0, d);
        if (a->hi > 1 + 1e-9)
            hg_diag_at(d, t->file, line, col_no(t, "share"),
                       "the shares of group %s add up to %.4f, above 1: lower them", g, a->hi);
    }
    x->naddon++;
}

static void add_row(hg_med *md, const hg_model *m, const hg_mtab *t, int r, hg_diag *d)
{
    int role = hg_row_keyword(t, r, "role", roles, d);
    int w = hg_row_keyword(t, r, "ward", ward_names, d);
    if (role < 0 || w < 0) return;
    med_ward *x = &md->ward[w];
    if (role == 2) {
        int k = hg_model_cond(m, hg_row_cell(t, r, "code"));
        if (k < 0) {
            hg_diag_at(d, t->file, t->lines[r], col_no(t, "code"), "'%s' is not in conditions.csv",
                       hg_row_cell(t, r, "code"));
            return;
        }
        md->cond_ward[k] = w;
        md->cond_ward_after[k] = (int)hg_row_num(t, r, "to_day", 0, 3650, 0, d);
        return;
    }
    int row = hg_row_code(t, r, "code", &m->prac_act, "診療行為", d);
    if (row < 0) return;
    if (role == 3) {
        add_addon(x, ward_names[w], t, r, row, d);
        return;
    }
    if (role == 0) {
        if (x->nfee == (int)(sizeof x->fee / sizeof x->fee[0])) {
            hg_diag_at(d, t->file, t->lines[r], 1, "ward %s: too many fees", ward_names[w]);
            return;
        }
        med_ward_fee *f = &x->fee[x->nfee++];
        f->row = row;
        f->ident = (int)hg_row_num(t, r, "ident", 90, 92, 90, d);
        f->weight = hg_row_num(t, r, "weight", 0, 1e12, 0, d);
        f->min_age = (int)hg_row_num(t, r, "min_age", 0, 120, 0, d);
        return;
    }
    int to = (int)hg_row_num(t, r, "to_day", 1, 3650, 0, d);
    if (x->nperiod == (int)(sizeof x->period_to / sizeof x->period_to[0]) ||
        (x->nperiod && to <= x->period_to[x->nperiod - 1])) {
        hg_diag_at(d, t->file, t->lines[r], col_no(t, "to_day"),
                   "ward %s: the 入院期間加算 must ascend by to_day (at most 8)", ward_names[w]);
        return;
    }
    x->period_row[x->nperiod] = row;
    x->period_to[x->nperiod++] = to;
}

void med_wards_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    md->cond_ward = hg_xcalloc((size_t)m->nconds + 1, sizeof *md->cond_ward);
    md->cond_ward_after = hg_xcalloc((size_t)m->nconds + 1, sizeof *md->cond_ward_after);
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "wards.csv");
    static const char *const req[] = {"role",    "ward",     "code",  "ident", "weight",
                                      "min_age", "to_day",   "basis", "draw",  "group",
                                      "share",   "from_day", "dpc",   NULL};
    if (hg_mtab_load(&md->wards_tab, "wards", path, req, 0, d)) return;
    for (int r = 0; r < md->wards_tab.nrows; r++) add_row(md, m, &md->wards_tab, r, d);
    for (int w = 0; w < MED_WARDS; w++) {
        int any = 0;
        for (int i = 0; i < md->ward[w].nfee; i++)
            any |= md->ward[w].fee[i].min_age == 0 && md->ward[w].fee[i].weight > 0;
        if (!any)
            hg_diag_at(d, md->wards_tab.file, 0, 0,
                       "ward %s has no fee for all ages (min_age 0, weight above 0)",
                       ward_names[w]);
    }
}

void med_wards_free(hg_med *md)
{
    hg_mtab_free(&md->wards_tab);
    free(md->cond_ward);
    free(md->cond_ward_after);
}

/* The fee of ward w for a patient of age: the fees of the age weighted by their national
 * bed-days, drawn by u. */
static const med_ward_fee *ward_fee(const ctx *c, int w, double u, int age)
{
    const med_ward *x = &c->md->ward[w];
    double tot = 0;
    for (int i = 0; i < x->nfee; i++)
        if (age >= x->fee[i].min_age) tot += x->fee[i].weight;
    u *= tot;
    const med_ward_fee *last = NULL;
    for (int i = 0; i < x->nfee; i++) {
        if (age < x->fee[i].min_age) continue;
        last = &x->fee[i];
        if (u < x->fee[i].weight) break;
        u -= x->fee[i].weight;
    }
    return last;
}

/* The draw of a stay's fee: a ward's level is the hospital's (the same for every patient of the
 * hospital, spread over the hospitals: a hash left 地域一般入院料3 the fee of 28 % of a
 * 50,000-person dataset's days against 15 % nationally); but a 療養病棟's fee (入院料A-I) is the
 * patient's 医療区分 and ADL区分, drawn per stay. */
static double fee_draw(const ctx *c, int w, const hg_stay *st)
{
    if (w == MED_WARD_LTC)
        return hg_fixed_u(hg_mix64(c->p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)st->admit) ^
                          0x6c7463ULL);
    return hg_inst_spread(c->p->pref, HG_INST_HOSPITAL, st->hospital, 1 + (uint64_t)w);
}

/* The draw of an addon group for a stay: the hospital's, spread evenly over the hospitals like
 * the fee's, or the stay's. */
static double addon_draw(const ctx *c, const hg_stay *st, const med_ward_addon *a)
{
    if (a->hospital) return hg_inst_spread(c->p->pref, HG_INST_HOSPITAL, st->hospital, a->salt);
    return hg_fixed_u(hg_mix64(c->p->idx * 0x9e3779b97f4a7c15ULL ^ (uint64_t)st->admit) ^ a->salt);
}

/* The ward's 入院基本料等加算 of day k of the stay (in_unit: a unit's day). In a DPC
 * stay's 包括 days only those the rules leave outside it are billed (the others are paid by
 * the hospital's coefficient). */
static void ward_addons(ctx *c, const hg_stay *st, const med_ward *x, int k, int day, int in_unit)
{
    int32_t date = c->ym * 100 + day;
    int in_dpc = c->dpc_last && k <= c->dpc_last;
    for (int i = 0; i < x->naddon; i++) {
        const med_ward_addon *a = &x->addon[i];
        if (in_dpc && !a->dpc) continue;
        if (a->discharge ? date != st->discharge || st->died : in_unit || k < a->from || k > a->to)
            continue;
        double u = addon_draw(c, st, a);
        if (u < a->lo || u >= a->hi) continue;
        unit *v = med_add_si(c, 90, a->row, day, 1);
        if (v && a->dpc) v->outside = 1;
    }
}

int med_ward_day(ctx *c, const hg_stay *st, int day, const int *procs, int nprocs)
{
    const hg_med *md = c->md;
    int32_t date = c->ym * 100 + day;
    int k = hg_days(date) - hg_days(st->admit) + 1; /* the day of the stay, 1 on admission */
    int w = md->cond_ward[st->cond];
    if (k <= md->cond_ward_after[st->cond]) w = MED_WARD_GENERAL; /* before a transfer */
    /* a day in a unit (ICU …) bills the unit's 特定入院料 instead (procs.c), and no 入院期間加算
     * nor daily 加算 */
    int in_unit = med_proc_unit_day(c, procs, nprocs, k - 1);
    ward_addons(c, st, &md->ward[w], k, day, in_unit);
    if (in_unit) return 0;
    const med_ward_fee *f = ward_fee(c, w, fee_draw(c, w, st), hg_age(c->p->birth, date));
    if (f) med_add_si(c, f->ident, f->row, day, 1);
    /* the 入院期間加算 counts the days in this ward (from the transfer) */
    int in_ward = w == md->cond_ward[st->cond] ? k - md->cond_ward_after[st->cond] : k;
    const med_ward *x = &md->ward[w];
    for (int i = 0; i < x->nperiod; i++)
        if (in_ward <= x->period_to[i]) {
            med_add_si(c, 90, x->period_row[i], day, 1);
            break;
        }
    return 1;
}
