/* hicgen — 調剤 receipts. One receipt per person × month × pharmacy × prescribing institution
 * × insurance spell; one 受付 per prescription; one 剤 (SH + CZ, with its IY drugs) per Rp of the
 * prescription (drugs of one form, 用法 and days). */
#include "families/pharmacy/pharmacy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/hash.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

HG_FIELD_TABLE(HG_REC_PHA_YK, YK);
HG_FIELD_TABLE(HG_REC_PHA_RE, PRE);
HG_FIELD_TABLE(HG_REC_PHA_HO, PHO);
HG_FIELD_TABLE(HG_REC_PHA_KO, PKO);
HG_FIELD_TABLE(HG_REC_PHA_SH, SH);
HG_FIELD_TABLE(HG_REC_PHA_CZ, CZ);
HG_FIELD_TABLE(HG_REC_PHA_IY, PIY);
HG_FIELD_TABLE(HG_REC_PHA_KI, KI);

#define PHA_KINDS(X)                                                                               \
    X(K_YK, "pha_yk", YK)                                                                          \
    X(K_RE, "pha_re", PRE)                                                                         \
    X(K_HO, "pha_ho", PHO)                                                                         \
    X(K_KO, "pha_ko", PKO)                                                                         \
    X(K_SH, "pha_sh", SH)                                                                          \
    X(K_CZ, "pha_cz", CZ)                                                                          \
    X(K_IY, "pha_iy", PIY)                                                                         \
    X(K_KI, "pha_ki", KI)
enum { PHA_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind pha_kinds[K__N] = {PHA_KINDS(HG_X_KIND)};
HG_RE_IDENTITY_LAYOUT(PRE);

/* ---- loading ---- */

static int read_dspng_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((hg_pharmacy *)base)->dspng_act, "調剤行為");
}

/* A list of 調剤行為 codes into consecutive ints (p->n of them). */
static int read_dspng_codes(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    if (hg_yseq_len(n) != p->n) {
        hg_yerr(b->y, b->d, n, "expected a list of %d 調剤行為 codes", p->n);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < p->n; i++) {
        hg_param one = *p;
        one.off = p->off + (size_t)i * sizeof(int);
        if (read_dspng_code(b, hg_yseq_at(b->y, n, i), base, &one)) rc = -1;
    }
    return rc;
}

/* {code: share, ...} with shares adding up to at most 1 (the rest: none), codes checked. */
static int read_code_shares(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_choice *c = (hg_choice *)(base + p->off);
    const hg_mtab *a = &((hg_pharmacy *)base)->dspng_act;
    if (!n || n->type != YAML_MAPPING_NODE) {
        hg_yerr(b->y, b->d, n, "expected a mapping {調剤行為 code: share}");
        return -1;
    }
    double sum = 0;
    int rc = 0;
    c->n = 0;
    for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < n->data.mapping.pairs.top; q++) {
        const char *code = hg_ystr(hg_ynode(b->y, q->key));
        double v;
        if (c->n == HG_CHOICE_MAX || !code || hg_mtab_find(a, code) < 0 ||
            hg_ydouble(b->y, b->d, hg_ynode(b->y, q->value), &v) || v < 0 || v > 1) {
            hg_yerr(b->y, b->d, hg_ynode(b->y, q->key),
                    "a 調剤行為 code of the master and a share");
            rc = -1;
            continue;
        }
        snprintf(c->code[c->n], sizeof c->code[0], "%s", code);
        c->share[c->n++] = v;
        sum += v;
    }
    if (sum > 1 + 1e-9) {
        hg_yerr(b->y, b->d, n, "the shares add up to more than 1");
        rc = -1;
    }
    return rc;
}

/* extras: a list of {code, slot (basic | management), share, per (reception | person), group,
 * min_age, max_age, min_internal, days_from, days_to, per_days; for slot dispensing: form
 * and unit}. */
static int read_extras(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    hg_pharmacy *ph = (hg_pharmacy *)base;
    int len = hg_yseq_len(n), rc = 0;
    if (len < 0 || len > PHA_MAX_EXTRAS) {
        hg_yerr(b->y, b->d, n, "expected a list of at most %d fees", PHA_MAX_EXTRAS);
        return -1;
    }
    static const char *const keys[] = {
        "code",         "slot",      "share",   "per",      "group", "min_age", "max_age",
        "min_internal", "days_from", "days_to", "per_days", "form",  "unit",    NULL};
    ph->nextra = 0;
    for (int i = 0; i < len; i++) {
        yaml_node_t *e = hg_yseq_at(b->y, n, i);
        pha_extra *x = &ph->extra[ph->nextra];
        memset(x, 0, sizeof *x);
        x->days_to = 9999;
        x->max_age = 999;
        if (hg_ykeys(b->y, b->d, e, "an extra fee", keys)) {
            rc = -1;
            continue;
        }
        hg_param one = *p;
        one.off = offsetof(hg_pharmacy, extra) + (size_t)ph->nextra * sizeof *x +
                  offsetof(pha_extra, row);
        const char *slot = hg_ystr(hg_yget(b->y, e, "slot")),
                   *per = hg_ystr(hg_yget(b->y, e, "per")),
                   *group = hg_ystr(hg_yget(b->y, e, "group"));
        long v;
        int bad =
            read_dspng_code(b, hg_yget(b->y, e, "code"), base, &one) || !slot ||
            (strcmp(slot, "basic") && strcmp(slot, "management") && strcmp(slot, "dispensing")) ||
            (per && strcmp(per, "reception") && strcmp(per, "person")) ||
            hg_ydouble(b->y, b->d, hg_yget(b->y, e, "share"), &x->share) || x->share < 0 ||
            x->share > 1;
        static const char *const ints[] = {"min_age",   "max_age", "min_internal",
                                           "days_from", "days_to", "per_days"};
        int *dst[] = {&x->min_age,   &x->max_age, &x->min_internal,
                      &x->days_from, &x->days_to, &x->per_days};
        for (int k = 0; k < 6 && !bad; k++) {
            yaml_node_t *f = hg_yget(b->y, e, ints[k]);
            if (!f) continue;
            if (hg_ylong(b->y, b->d, f, &v) || v < 0 || v > 9999)
                bad = 1;
            else
                *dst[k] = (int)v;
        }
        static const char *const forms[] = {"", "internal", "prn", "external", "injection"};
        const char *form = hg_ystr(hg_yget(b->y, e, "form")),
                   *unit = hg_ystr(hg_yget(b->y, e, "unit"));
        for (int f = 1; f < 5 && form; f++)
            if (!strcmp(form, forms[f])) x->rp_form = f;
        if (!bad && !strcmp(slot, "dispensing") != (x->rp_form > 0)) bad = 1;
        if (unit && strlen(unit) >= sizeof x->unit) bad = 1;
        if (!bad && unit) snprintf(x->unit, sizeof x->unit, "%s", unit);
        if (bad) {
            hg_yerr(b->y, b->d, e,
                    "an extra fee needs code (調剤行為), slot (basic, management, or dispensing "
                    "with form internal, prn, external or injection) and share (0-1); per is "
                    "reception or person; the limits are whole numbers");
            rc = -1;
            continue;
        }
        x->management = !strcmp(slot, "management");
        x->per_person = per && !strcmp(per, "person");
        x->salt =
            hg_mix64(0x65787472ULL ^
                     (uint64_t)hg_hash_str(group ? group : hg_mtab_key(&ph->dspng_act, x->row)));
        ph->nextra++;
    }
    return rc;
}

#define PHA(path, type, ...) HG_P_##type(path, hg_pharmacy, __VA_ARGS__)
#define PCODES(path, f, k)   PHA(path, CUSTOM, f, read_dspng_codes, .n = k)
static const hg_param pha_params[] = {
    PHA("pharmacies_per_100k", NUM, pharmacies_per_100k, 0.001, 10000),
    PHA("pharmacies_per_prescriber", NUM, per_prescriber, 0, 100),
    PHA("gate_pharmacy_share", PROB, gate_share),
    PHA("unfilled", PROB, unfilled),
    PHA("max_internal_fees", INT, max_internal_fees, 1, 99),
    PHA("basic_fee", CHOICE, basic_fee),
    PHA("community_support.basic1", CUSTOM, community_basic1, read_code_shares),
    PHA("community_support.other", CUSTOM, community_other, read_code_shares),
    PHA("generic_system", CUSTOM, generic_system, read_code_shares),
    PHA("mgmt_with_book", PROB, mgmt_with_book),
    PCODES("codes.preparation", preparation, 4),
    PCODES("codes.management", management, 4),
    PHA("codes.management_other", CUSTOM, management_other, read_dspng_code),
    PCODES("codes.guidance", guidance, 2),
    PHA("codes.infant_guidance", CUSTOM, infant_guidance, read_dspng_code),
    PHA("extras", CUSTOM, extra, read_extras, .optional = 1),
};

static int pha_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_pharmacy *ph = hg_xcalloc(1, sizeof *ph);
    *state = ph;
    int before = d->nerrors;
    char path[4096];
    static const char *const rda[] = {"dspng_act_cd", "dan_kanj", "sc_new_now_score", NULL};
    hg_path(path, sizeof path, p->masters_dir, "pharmacy", "dspng_act.csv");
    if (hg_mtab_load(&ph->dspng_act, "dspng_act", path, rda, 1, d)) return -1;
    const hg_mtab *a = &ph->dspng_act;
    int cp = hg_mtab_col(a, "sc_new_now_score");
    ph->dspng_points = hg_xcalloc((size_t)a->nrows + 1, sizeof *ph->dspng_points);
    for (int r = 0; r < a->nrows; r++) {
        double v;
        if (hg_mtab_num(a, r, cp, 0, 1e6, &v, d) == 0) ph->dspng_points[r] = (int)lround(v);
    }
    ph->unit_col = hg_mtab_col(&m->medicine, "unit_kanj");
    hg_path(path, sizeof path, p->specs_dir, "model", "pharmacy.yaml");
    hg_bind_file(path, "pharmacy", pha_params, sizeof pha_params / sizeof pha_params[0], ph, m, d);
    for (int i = 0; i < ph->basic_fee.n; i++)
        if (hg_mtab_find(a, ph->basic_fee.code[i]) < 0)
            hg_diag_at(d, path, 0, 0, "basic_fee: 調剤行為 code %s is not in %s",
                       ph->basic_fee.code[i], a->file);
    return d->nerrors == before ? 0 : -1;
}

static void pha_free(void *state)
{
    hg_pharmacy *ph = state;
    if (!ph) return;
    hg_mtab_free(&ph->dspng_act);
    free(ph->dspng_points);
    free(ph);
}

static int pha_masters(void *state, hg_mtab **out, int max)
{
    hg_pharmacy *ph = state;
    if (max < 1 || !ph->dspng_act.kind.name) return 0;
    out[0] = &ph->dspng_act;
    return 1;
}

/* ---- receipts ---- */

/* The row of the code a uniform u picks from shares adding up to at most 1, or -1 (none). */
static int pick_share(const hg_mtab *a, const hg_choice *c, double u)
{
    for (int i = 0; i < c->n; i++) {
        if (u < c->share[i]) return hg_mtab_find(a, c->code[i]);
        u -= c->share[i];
    }
    return -1;
}

/* A pharmacy's fixed attributes (hashed from its number: every patient sees it alike). */
typedef struct drugstore {
    hg_inst in;
    int basic;     /* 調剤基本料 row */
    int community; /* 地域支援体制加算 row, or -1 */
    int generic;   /* 後発医薬品調剤体制加算 row, or -1 */
} drugstore;

static void drugstore_get(const hg_fx *fx, const hg_person *p, int no, drugstore *out)
{
    const hg_pharmacy *ph = fx->state;
    hg_inst_get(fx->m, fx->seed, p->pref, HG_INST_PHARMACY, no, &out->in);
    uint64_t k = (uint64_t)p->pref << 40 ^ (uint64_t)no;
    const hg_mtab *a = &ph->dspng_act;
    out->basic = hg_mtab_find(a, hg_choice_pick(&ph->basic_fee, hg_fixed_u(k ^ 0x21)));
    int basic1 = ph->basic_fee.n && !strcmp(ph->basic_fee.code[0], hg_mtab_key(a, out->basic));
    out->community =
        pick_share(a, basic1 ? &ph->community_basic1 : &ph->community_other, hg_fixed_u(k ^ 0x22));
    out->generic = pick_share(a, &ph->generic_system, hg_fixed_u(k ^ 0x24));
}

/* What the records of one receipt share. */
typedef struct pha_out {
    const hg_fx *fx;
    const hg_pharmacy *ph;
    const hg_person *p;
    const hg_spell *s;
    const drugstore *ds;
    int32_t ym;
    char seq2[40];
    int ko, seq1;
    hg_payers py;
} pha_out;

/* The pharmacies of a prefecture: those of the dataset's population, or more where the
 * prescribers are more (a small dataset; see pharmacy.yaml). */
static int pharmacies_in(const hg_fx *fx, int pref)
{
    const hg_pharmacy *ph = fx->state;
    const hg_model *m = fx->m;
    int n = hg_inst_count(m, fx->per, pref, ph->pharmacies_per_100k);
    int prescribers = hg_clinic_total(m, fx->per, pref) +
                      hg_inst_count(m, fx->per, pref, m->pp.hospitals_per_100k);
    int floor_n = (int)llround(ph->per_prescriber * prescribers);
    return n > floor_n ? n : floor_n > 0 ? floor_n : 1;
}

/* The pharmacy filling prescription i (-1 when it is never filled): the one next to the
 * prescriber (門前) or the person's usual pharmacy, by a habit fixed per person and prescriber
 * (drawn per prescription, one prescriber's prescriptions of a month went to two pharmacies and
 * made two receipts: 6.2 調剤 receipts per person-year at 100,000 persons against 5.55). */
static int pharmacy_for(const hg_fx *fx, const hg_person *p, const hg_rx *rx, int i)
{
    const hg_pharmacy *ph = fx->state;
    gsl_rng *r = fx->r;
    hg_rng_stream(r, fx->seed, p->idx, hg_stream(HG_S_PHARMACY) + (uint64_t)i);
    uint64_t gate = hg_mix64((uint64_t)p->pref * 1000003ULL + (uint64_t)rx->hospital * 100003ULL +
                             (uint64_t)rx->inst);
    uint64_t h = hg_fixed_u(p->idx ^ gate) < ph->gate_share
                     ? gate
                     : hg_mix64(p->idx ^ hg_stream(HG_S_USUAL_PHARMACY));
    if (gsl_rng_uniform(r) < ph->unfilled) return -1;
    return 1 + (int)(h % (uint64_t)pharmacies_in(fx, p->pref));
}

/* 剤形コード of the 処方 record: 1 内服, 3 屯服, 5 外用, 4 注射. */
static const char *const form_code[] = {"", "1", "3", "5", "4"};

/* One 剤 of a 受付: its items, form, quantity and the points of one unit (a day, a dose, or
 * the whole quantity of 外用). */
typedef struct rp {
    const hg_rx_item *items[16];
    int n, form, qty;
    int64_t unit;
} rp;

/* The 剤 of prescription rx, in Rp order. Returns their number. */
static int rps_of(const hg_fx *fx, const hg_rx *rx, rp *out, int max)
{
    const hg_rx_item *items = hg_rx_items(fx->h, rx);
    int n = 0;
    for (int j = 0; j < rx->nitems; j++) {
        const hg_rx_item *it = &items[j];
        int k = it->rp - 1;
        if (k < 0 || k >= max) continue;
        while (n <= k) memset(&out[n++], 0, sizeof out[0]);
        rp *r = &out[k];
        if (r->n < 16) r->items[r->n++] = it;
        r->form = it->form, r->qty = it->qty;
    }
    for (int k = 0; k < n; k++) {
        int64_t yen = 0;
        for (int i = 0; i < out[k].n; i++)
            yen +=
                fx->m->products[out[k].items[i]->product].price_1e2 * out[k].items[i]->amount_1e5;
        out[k].unit = hg_drug_points(yen);
    }
    return n;
}

/* 薬剤調製料 (row or -1) and 調剤管理料 (row or -1) of 剤 k of a 受付; counters carry the rules
 * across the 受付's 剤. */
typedef struct rp_fees {
    int internal, prn, external, injection, other_mgmt;
} rp_fees;

static void fees_of(const hg_pharmacy *ph, const rp *r, rp_fees *cnt, int *prep, int *mgmt)
{
    *prep = *mgmt = -1;
    switch (r->form) {
    case HG_FORM_INTERNAL:
        if (cnt->internal++ < ph->max_internal_fees) {
            *prep = ph->preparation[0];
            *mgmt = ph->management[r->qty <= 7 ? 0 : r->qty <= 14 ? 1 : r->qty <= 28 ? 2 : 3];
        }
        break;
    case HG_FORM_PRN:
        if (!cnt->prn++) *prep = ph->preparation[1];
        break;
    case HG_FORM_EXTERNAL:
        if (cnt->external++ < ph->max_internal_fees) *prep = ph->preparation[2];
        break;
    default:
        if (!cnt->injection++) *prep = ph->preparation[3];
    }
    /* 調剤管理料 2 (1以外の場合): once a 受付 that dispenses anything but 内服 (屯服, 外用,
     * 注射), with or without 内服: NDB Open Data 第9回 counts it on 4.79 of the 6.45 受付 a
     * person-year */
    if (r->form != HG_FORM_INTERNAL && !cnt->other_mgmt++) *mgmt = ph->management_other;
}

static int pts(const hg_pharmacy *ph, int row)
{
    return row >= 0 ? ph->dspng_points[row] : 0;
}

/* The 公費 paying for an item: those of the condition it treats (and those paying for all). */
static unsigned item_kohi(const pha_out *o, const hg_rx *rx, const hg_rx_item *it)
{
    return hg_kohi_of(o->fx->m, o->fx->seed, o->p, o->s, it->cond, rx->date, HG_CARE_OUT);
}

/* … for a 剤 (any of its items') and for a 受付's own fees (any of its items'). */
static unsigned rp_kohi(const pha_out *o, const hg_rx *rx, const rp *r)
{
    unsigned k = 0;
    for (int i = 0; i < r->n; i++) k |= item_kohi(o, rx, r->items[i]);
    return k;
}

static unsigned reception_kohi(const pha_out *o, const hg_rx *rx)
{
    const hg_rx_item *items = hg_rx_items(o->fx->h, rx);
    unsigned k = 0;
    for (int j = 0; j < rx->nitems; j++) k |= item_kohi(o, rx, &items[j]);
    return k;
}

/* The 服薬管理指導料 of a 受付 (fixed for the person, the pharmacy and the month). */
static int guidance_of(const pha_out *o, int i)
{
    uint64_t k = hg_mix64(o->p->idx ^ (uint64_t)o->ym << 20 ^ (uint64_t)i);
    return o->ph->guidance[hg_fixed_u(k) < o->ph->mgmt_with_book ? 0 : 1];
}

/* The uniform deciding extra x for 剤 j of 受付 i (j 0 for a 受付's own fees): the patient's
 * alone, or drawn afresh for each 受付 (and 剤). */
static double extra_u(const pha_out *o, const pha_extra *x, int i, int j)
{
    uint64_t k = x->per_person ? hg_mix64(o->p->idx ^ x->salt)
                               : hg_mix64(o->p->idx ^ (uint64_t)o->ym << 20 ^ (uint64_t)i << 8 ^
                                          (uint64_t)j << 2 ^ x->salt);
    return hg_fixed_u(k);
}

/* The extra fees of 受付 i (indices into ph->extra and times into which[], times[]); returns
 * how many. */
static int extras_of(const pha_out *o, int i, int age, const rp *r, int n, int *which, int *times)
{
    const hg_pharmacy *ph = o->ph;
    int internal = 0, days = 0, m = 0;
    for (int k = 0; k < n; k++)
        if (r[k].n && r[k].form == HG_FORM_INTERNAL) {
            internal++;
            if (r[k].qty > days) days = r[k].qty;
        }
    for (int e = 0; e < ph->nextra; e++) {
        const pha_extra *x = &ph->extra[e];
        if (x->rp_form || age < x->min_age || age > x->max_age || internal < x->min_internal ||
            days < x->days_from || days > x->days_to)
            continue;
        if (extra_u(o, x, i, 0) >= x->share) continue;
        which[m] = e;
        times[m++] = x->per_days > 0 ? (days + x->per_days - 1) / x->per_days : 1;
    }
    return m;
}

/* The 加算 of 剤 j of 受付 i (its first matching extra of slot dispensing), or -1. */
static int rp_extra_of(const pha_out *o, int i, int j, int age, const rp *r)
{
    const hg_pharmacy *ph = o->ph;
    const hg_model *m = o->fx->m;
    for (int e = 0; e < ph->nextra; e++) {
        const pha_extra *x = &ph->extra[e];
        if (x->rp_form != r->form || age < x->min_age || age > x->max_age || !r->n) continue;
        if (x->unit[0] && ph->unit_col >= 0 &&
            strcmp(
                hg_mtab_cell(&m->medicine, m->products[r->items[0]->product].med_row, ph->unit_col),
                x->unit))
            continue;
        if (extra_u(o, x, i, j) < x->share) return x->row;
    }
    return -1;
}

/* The points of 受付 i: basic fee and its 加算, guidance, and per 剤 fees and drugs; added to
 * kl by the 公費 that pay for them. */
static int64_t reception_points(const pha_out *o, const hg_rx *rx, int i, int age,
                                hg_kohi_lines *kl)
{
    const hg_pharmacy *ph = o->ph;
    rp r[64];
    int n = rps_of(o->fx, rx, r, 64);
    unsigned day = 1u << (rx->date % 100 - 1);
    int64_t t = pts(ph, o->ds->basic) + pts(ph, o->ds->community) + pts(ph, o->ds->generic) +
                pts(ph, guidance_of(o, i)) + (age < 6 ? pts(ph, ph->infant_guidance) : 0);
    int xi[PHA_MAX_EXTRAS], xtimes[PHA_MAX_EXTRAS];
    int nx = extras_of(o, i, age, r, n, xi, xtimes);
    for (int e = 0; e < nx; e++) t += (int64_t)pts(ph, ph->extra[xi[e]].row) * xtimes[e];
    hg_kohi_lines_add(kl, &o->py, reception_kohi(o, rx), t, day);
    rp_fees cnt = {0};
    for (int k = 0; k < n; k++) {
        if (!r[k].n) continue;
        int prep, mgmt;
        fees_of(ph, &r[k], &cnt, &prep, &mgmt);
        int64_t rt = pts(ph, prep) + pts(ph, mgmt) + pts(ph, rp_extra_of(o, i, k, age, &r[k])) +
                     r[k].unit * r[k].qty;
        hg_kohi_lines_add(kl, &o->py, rp_kohi(o, rx, &r[k]), rt, day);
        t += rt;
    }
    return t;
}

/* YK, RE and HO (or KO). */
static void emit_head(pha_out *o, const hg_inst *pr, int32_t first_day, int n, int64_t total,
                      const hg_kohi_lines *kl, const int *ko_receptions)
{
    const hg_person *p = o->p;
    const hg_spell *s = o->s;
    char tdfk[3] = {(char)('0' + p->pref / 10), (char)('0' + p->pref % 10), '\0'};
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, YK__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, "YK", o->ko, o->ym, p->idx);
    v[YK_exam_pay_inst] = hg_vstr(hg_payer(s));
    v[YK_tdfk] = hg_vstr(tdfk);
    v[YK_score_list] = hg_vstr("4");
    v[YK_drgst_cd_org] = hg_vstr(o->ds->in.org);
    v[YK_drgst_cd] = hg_vstr(o->ds->in.anon);
    v[YK_req_ym] = hg_vdate(hg_ym_add(o->ym, 1) * 100 + 1);
    v[YK_ori_snd_div] = hg_vint(hg_payer(s)[0] - '0');
    hg_fx_emit(o->fx, K_YK, v);

    memset(v, 0, PRE__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, "RE", o->ko, o->ym, p->idx);
    hg_re_id id;
    hg_re_identity(v, PRE_age, PRE_age_band5, &id, '4', o->fx->m, p, s, &o->py, o->ym, first_day, 0,
                   total);
    v[PRE_presc_tdfk] = hg_vstr(tdfk);
    v[PRE_presc_score_list] = hg_vstr("1");
    v[PRE_presc_inst_org] = hg_vstr(pr->org);
    v[PRE_presc_inst] = hg_vstr(pr->anon);
    hg_fx_emit(o->fx, K_RE, v);

    hg_cost cost = {0};
    if (o->py.ins) {
        hg_patient_cost(o->fx->m, p, s, first_day, 0, total, &cost);
        memset(v, 0, PHO__N * sizeof v[0]);
        hg_common(v, o->seq1++, o->seq2, "HO", o->ko, o->ym, p->idx);
        v[PHO_insurer_no_org] = hg_vstr(s->insurer_no);
        v[PHO_insurer_no] = hg_vstr(s->insurer_anon);
        v[PHO_rcptn_times] = hg_vint(n);
        v[PHO_total_score] = hg_vint(total);
        v[PHO_burden] = hg_vint(cost.burden);
        hg_fx_emit(o->fx, K_HO, v);
    }
    hg_ko_amount amt[HG_MAX_KOHI];
    hg_ko_amounts(o->fx->m, p, s, &o->py, first_day, cost.burden, kl->covered, kl->first, amt);
    for (int j = 0; j < o->py.n; j++) {
        char defrayer[9];
        hg_kohi_defrayer(o->fx->m, p, s, o->py.prog[j], defrayer);
        memset(v, 0, PKO__N * sizeof v[0]);
        hg_common(v, o->seq1++, o->seq2, "KO", o->ko, o->ym, p->idx);
        v[PKO_defrayer_no] = hg_vstr(defrayer);
        v[PKO_rcptn_times] = hg_vint(ko_receptions[j]);
        v[PKO_total_score] = hg_vint(kl->covered[j]);
        v[PKO_pub_money] = hg_vint(amt[j].pub);
        if (o->py.ins) v[PKO_part_burd] = hg_vint(amt[j].patient);
        hg_fx_emit(o->fx, K_KO, v);
    }
}

/* One 剤: its SH (処方), CZ (調剤, with 薬剤調製料 and 調剤管理料) and the IY rows of its drugs.
 * no: its number on the receipt; i, j: its 受付 and its Rp. */
static void emit_rp(pha_out *o, const hg_rx *rx, const rp *r, int no, int i, int j, int prep,
                    int mgmt, int extra)
{
    const hg_model *m = o->fx->m;
    const hg_pharmacy *ph = o->ph;
    const hg_product *first = &m->products[r->items[0]->product];
    char nos[3] = {(char)('0' + no / 10 % 10), (char)('0' + no % 10), '\0'};
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, SH__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, "SH", o->ko, o->ym, o->p->idx);
    v[SH_no] = hg_vstr(nos);
    v[SH_dsg_frm_cd] = hg_vstr(form_code[r->form]);
    v[SH_drctn_use_cd] = first->direction[0] ? hg_vstr(first->direction) : hg_vnull();
    v[SH_unit_score] = hg_vint(r->unit);
    v[SH_prspt_no] = hg_vint(i + 1);
    v[SH_prspt_sub_no] = hg_vint(j + 1);
    hg_fx_emit(o->fx, K_SH, v);

    memset(v, 0, CZ__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, "CZ", o->ko, o->ym, o->p->idx);
    v[CZ_prspt_date] = hg_vdate(rx->date);
    v[CZ_dspng_date] = hg_vdate(rx->date);
    v[CZ_rcptn_time] = hg_vint(i + 1);
    v[CZ_dspng_amnt] = hg_vint(r->qty);
    v[CZ_burd_div] = hg_vstr(hg_burd_div(&o->py, rp_kohi(o, rx, r)));
    v[CZ_dsc_cd] = prep >= 0 ? hg_vstr(hg_mtab_key(&ph->dspng_act, prep)) : hg_vnull();
    v[CZ_dsc_score] = prep >= 0 ? hg_vint(pts(ph, prep)) : hg_vnull();
    v[CZ_drc_score] = hg_vint(r->unit * r->qty);
    v[CZ_adc01_cd] = mgmt >= 0 ? hg_vstr(hg_mtab_key(&ph->dspng_act, mgmt)) : hg_vnull();
    v[CZ_adc01_score] = mgmt >= 0 ? hg_vint(pts(ph, mgmt)) : hg_vnull();
    v[CZ_adc02_cd] = extra >= 0 ? hg_vstr(hg_mtab_key(&ph->dspng_act, extra)) : hg_vnull();
    v[CZ_adc02_score] = extra >= 0 ? hg_vint(pts(ph, extra)) : hg_vnull();
    v[CZ_prspt_no] = hg_vint(i + 1);
    v[CZ_prspt_sub_no] = hg_vint(j + 1);
    hg_fx_emit(o->fx, K_CZ, v);

    for (int d = 0; d < r->n; d++) {
        memset(v, 0, PIY__N * sizeof v[0]);
        hg_common(v, o->seq1++, o->seq2, "IY", o->ko, o->ym, o->p->idx);
        v[PIY_burd_div] = hg_vstr(hg_burd_div(&o->py, item_kohi(o, rx, r->items[d])));
        v[PIY_medicine_cd] =
            hg_vstr(hg_mtab_key(&m->medicine, m->products[r->items[d]->product].med_row));
        v[PIY_use_amnt] = hg_vdec(r->items[d]->amount_1e5, 5);
        v[PIY_prspt_no] = hg_vint(i + 1);
        v[PIY_prspt_sub_no] = hg_vint(j + 1);
        hg_fx_emit(o->fx, K_IY, v);
        hg_history_drug(o->fx->h, o->ym, m->products[r->items[d]->product].med_row);
    }
}

/* Sets a code, its times and points (of one time) in three consecutive fields of v. */
static void code3n(hg_value *v, int at, const hg_pharmacy *ph, int row, int times)
{
    if (row < 0) return;
    v[at] = hg_vstr(hg_mtab_key(&ph->dspng_act, row));
    v[at + 1] = hg_vint(times);
    v[at + 2] = hg_vint(pts(ph, row));
}

static void code3(hg_value *v, int at, const hg_pharmacy *ph, int row)
{
    code3n(v, at, ph, row, 1);
}

/* The KI record of 受付 i: 調剤基本料 with its 加算, 服薬管理指導料 (and 乳幼児服薬指導加算),
 * and the extra fees (r: its n 剤). */
static void emit_ki(pha_out *o, const hg_rx *rx, int i, int age, const rp *r, int n)
{
    const hg_pharmacy *ph = o->ph;
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, KI__N * sizeof v[0]);
    hg_common(v, o->seq1++, o->seq2, "KI", o->ko, o->ym, o->p->idx);
    v[KI_rcptn_time] = hg_vint(i + 1);
    v[KI_burd_div] = hg_vstr(hg_burd_div(&o->py, reception_kohi(o, rx)));
    v[KI_dbc_cd] = hg_vstr(hg_mtab_key(&ph->dspng_act, o->ds->basic));
    v[KI_dbc_score] = hg_vint(pts(ph, o->ds->basic));
    code3(v, KI_pmc01_cd, ph, guidance_of(o, i));
    int pm = KI_pmc02_cd; /* a slot is three fields: code, times, points */
    if (age < 6) code3(v, pm, ph, ph->infant_guidance), pm += 3;
    int at = KI_dba01_cd;
    if (o->ds->community >= 0) code3(v, at, ph, o->ds->community), at += 3;
    if (o->ds->generic >= 0) code3(v, at, ph, o->ds->generic), at += 3;
    int xi[PHA_MAX_EXTRAS], xtimes[PHA_MAX_EXTRAS];
    int nx = extras_of(o, i, age, r, n, xi, xtimes);
    for (int e = 0; e < nx; e++) {
        const pha_extra *x = &ph->extra[xi[e]];
        if (x->management && pm <= KI_pmc04_cd)
            code3n(v, pm, ph, x->row, xtimes[e]), pm += 3;
        else if (!x->management && at <= KI_dba03_cd)
            code3n(v, at, ph, x->row, xtimes[e]), at += 3;
    }
    hg_fx_emit(o->fx, K_KI, v);
}

static void emit_receipt(const hg_fx *fx, const hg_person *p, int mi, int32_t ym, int k,
                         const hg_spell *s, int pharmacy, const hg_rx *const *rxs, int n)
{
    drugstore ds;
    drugstore_get(fx, p, pharmacy, &ds);
    pha_out o = {.fx = fx, .ph = fx->state, .p = p, .s = s, .ds = &ds, .ym = ym, .seq1 = 1};
    hg_seq2(o.seq2, sizeof o.seq2, fx->seed, 'P', p->idx, mi, k);
    /* the payers: the 公費 of any item's condition (and those paying for all) */
    unsigned progs = 0;
    for (int i = 0; i < n; i++) progs |= reception_kohi(&o, rxs[i]);
    hg_payers_of(fx->m, s, progs, &o.py);
    o.ko = o.py.n > 0;
    hg_inst pr;
    hg_inst_get(fx->m, fx->seed, p->pref, rxs[0]->hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC,
                rxs[0]->inst, &pr);
    int age = hg_age(p->birth, ym * 100 + 1);
    int64_t total = 0;
    hg_kohi_lines kl;
    memset(&kl, 0, sizeof kl);
    int ko_receptions[HG_MAX_KOHI] = {0};
    for (int i = 0; i < n; i++) {
        total += reception_points(&o, rxs[i], i, age, &kl);
        unsigned k = reception_kohi(&o, rxs[i]);
        for (int j = 0; j < o.py.n; j++) ko_receptions[j] += (int)(k >> o.py.prog[j] & 1u);
    }
    emit_head(&o, &pr, rxs[0]->date, n, total, &kl, ko_receptions);
    int no = 0;
    for (int i = 0; i < n; i++) {
        rp r[64];
        int nr = rps_of(fx, rxs[i], r, 64);
        rp_fees cnt = {0};
        for (int j = 0; j < nr; j++) {
            if (!r[j].n) continue;
            int prep, mgmt;
            fees_of(o.ph, &r[j], &cnt, &prep, &mgmt);
            emit_rp(&o, rxs[i], &r[j], ++no, i, j, prep, mgmt, rp_extra_of(&o, i, j, age, &r[j]));
        }
        emit_ki(&o, rxs[i], i, age, r, nr);
    }
}

/* Per worker: the month's prescriptions with their pharmacy and spell. */
typedef struct pha_scratch {
    int *ph, *done;
    const hg_spell **sp;
    const hg_rx **group;
    int cap;
} pha_scratch;

static void pha_scratch_free(void *scratch)
{
    pha_scratch *w = scratch;
    free(w->ph);
    free(w->done);
    free(w->sp);
    free(w->group);
}

static void pha_emit(const hg_fx *fx, const hg_person *p)
{
    const hg_history *h = fx->h;
    pha_scratch *w = fx->scratch;
    int i = 0;
    while (i < h->nrx) {
        /* the prescriptions of one month */
        int32_t ym = h->rx[i].date / 100;
        int j = i;
        while (j < h->nrx && h->rx[j].date / 100 == ym) j++;
        int n = j - i;
        if (n > w->cap) {
            w->cap = n;
            w->ph = hg_xrealloc(w->ph, (size_t)n * sizeof *w->ph);
            w->done = hg_xrealloc(w->done, (size_t)n * sizeof *w->done);
            w->sp = hg_xrealloc(w->sp, (size_t)n * sizeof *w->sp);
            w->group = hg_xrealloc(w->group, (size_t)n * sizeof *w->group);
        }
        for (int a = 0; a < n; a++) {
            w->ph[a] = pharmacy_for(fx, p, &h->rx[i + a], i + a);
            w->sp[a] = hg_person_spell(p, h->rx[i + a].date);
            w->done[a] = w->sp[a] == NULL || w->ph[a] < 0;
        }
        int mi = hg_ym_diff(ym, fx->per->start_ym);
        int k = 0;
        for (int a = 0; a < n; a++) {
            if (w->done[a]) continue;
            /* one receipt per pharmacy, prescribing institution and insurance spell, as the
             * pharmacy bills them */
            const hg_rx *ra = &h->rx[i + a];
            int g = 0;
            for (int b = a; b < n; b++)
                if (!w->done[b] && w->ph[b] == w->ph[a] && w->sp[b] == w->sp[a] &&
                    h->rx[i + b].hospital == ra->hospital && h->rx[i + b].inst == ra->inst) {
                    w->group[g++] = &h->rx[i + b];
                    w->done[b] = 1;
                }
            emit_receipt(fx, p, mi, ym, k++, w->sp[a], w->ph[a], w->group, g);
        }
        i = j;
    }
}

const hg_family hg_family_pharmacy = {
    .name = "pharmacy",
    .title = "調剤 receipts",
    .kinds = pha_kinds,
    .nkinds = K__N,
    .reads = HG_HIST_RX,
    .writes = HG_HIST_DRUGS,
    .load = pha_load,
    .free = pha_free,
    .masters = pha_masters,
    .scratch_size = sizeof(pha_scratch),
    .scratch_free = pha_scratch_free,
    .emit = pha_emit,
};
