/* hicgen — 歯科: loading the dental model (dental.yaml, the dental procedure master and the
 * course tables of masters/dental/). Every row is checked: codes against their masters, numbers
 * against their bounds, distributions against their syntax; problems are reported with file,
 * line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/dental/dental.h"
#include "families/dental/dental_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/model.h"
#include "hicgen/mrow.h"

static int read_code(hg_binder *b, yaml_node_t *n, char *base, const hg_param *p)
{
    return hg_bind_code_into(b, n, base, p, &((hg_dental_model *)base)->acts, "歯科診療行為");
}

/* "301" … "319": the prefixes a dental act code may start with. */
static const char *const prefixes[] = {"300", "301", "302", "303", "304", "305", "306",
                                       "307", "308", "309", "310", "311", "312", "313",
                                       "314", "315", "316", "317", "318", "319", NULL};

#define DEN(path, type, ...) HG_P_##type(path, hg_dental_model, __VA_ARGS__)
#define CODE(name, i)        DEN("codes." name, CUSTOM, code[i], read_code)
static const hg_param den_params[] = {
    DEN("teeth_by_age", ROWS, teeth_age, nteeth_age, 2, 0, 150),
    DEN("teeth_sd", NUM, teeth_sd, 0, 16),
    DEN("lead_in_months", INT, lead_in, 0, 60),
    DEN("revisit_within_days", INT, revisit_within, 0, 3650),
    DEN("environment_share", PROB, env_share),
    DEN("statement_share", PROB, statement_share),
    DEN("document_share", PROB, document_share),
    DEN("hygiene_share", PROB, hygiene_share),
    DEN("home_single_share", PROB, home_single_share),
    DEN("long_term_months", INT, long_term_months, 1, 120),
    DEN("kakaritsuke_share", PROB, kakaritsuke_share),
    DEN("enamel_share", PROB, enamel_share),
    DEN("clinics_per_100k", NUM, clinics_per_100k, 0.001, 10000),
    DEN("prac_ident", NAMED, ident_by_prefix, prefixes, 0, 99),
    CODE("first_visit", DC_FIRST),
    CODE("revisit", DC_REVISIT),
    CODE("infant_first", DC_INFANT_FIRST),
    CODE("infant_revisit", DC_INFANT_REVISIT),
    CODE("environment_first", DC_ENV_FIRST),
    CODE("environment_revisit", DC_ENV_REVISIT),
    CODE("statement", DC_STATEMENT),
    CODE("management", DC_MGMT),
    CODE("management_first_month", DC_MGMT_FIRST),
    CODE("document", DC_DOCUMENT),
    CODE("hygiene", DC_HYGIENE),
    CODE("home_single", DC_HOME_SINGLE),
    CODE("home_facility", DC_HOME_FACILITY),
    CODE("home_management", DC_HOME_MGMT),
    CODE("home_hygiene", DC_HOME_HYGIENE),
    CODE("long_term", DC_LONG_TERM),
    CODE("long_term_kakaritsuke", DC_LONG_TERM_K),
    CODE("enamel_caries", DC_ENAMEL),
    CODE("prescription", DC_RX_FEE),
    CODE("dispensing", DC_RX_DISPENSE),
};

/* masters/dental/den_base.csv: the dental procedures with their FY2022 points. */
static int load_master(hg_dental_model *den, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "dental", "den_base.csv");
    static const char *const req[] = {"prac_act_cd", "pan_std_name", "nns_score", "add_cd", NULL};
    if (hg_mtab_load(&den->acts, "den_base", path, req, 1, d)) return -1;
    den->points = hg_xcalloc((size_t)den->acts.nrows + 1, sizeof *den->points);
    den->ident = hg_xcalloc((size_t)den->acts.nrows + 1, sizeof *den->ident);
    int cp = hg_mtab_col(&den->acts, "nns_score"), before = d->nerrors;
    for (int r = 0; r < den->acts.nrows; r++) {
        double x;
        if (!hg_mtab_num(&den->acts, r, cp, 0, 1e6, &x, d)) den->points[r] = (int)(x + 0.5);
    }
    return d->nerrors == before ? 0 : -1;
}

/* The 診療識別 of every master row from its code's prefix (rows with none stay empty: using
 * one in a course is an error reported where it is used). */
static void set_idents(hg_dental_model *den)
{
    for (int r = 0; r < den->acts.nrows; r++) {
        const char *k = hg_mtab_key(&den->acts, r);
        int pre = (k[0] - '0') * 100 + (k[1] - '0') * 10 + (k[2] - '0') - 300;
        int id = pre >= 0 && pre < 20 ? (int)den->ident_by_prefix[pre] : 0;
        if (id > 0 && id < 100) {
            den->ident[r][0] = (char)('0' + id / 10);
            den->ident[r][1] = (char)('0' + id % 10);
        }
    }
}

static int course_of(const hg_dental_model *den, const char *id)
{
    for (int c = 0; c < den->ncourse; c++)
        if (!strcmp(den->course[c].id, id)) return c;
    return -1;
}

static int course_cell(const hg_dental_model *den, const hg_mtab *t, int r, const char *col,
                       hg_diag *d)
{
    int c = course_of(den, hg_row_cell(t, r, col));
    if (c < 0)
        hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, col) + 1,
                   "'%s' is not a course of courses.csv", hg_row_cell(t, r, col));
    return c;
}

static int load_table(hg_mtab *t, const char *dir, const char *file, const char *const *req,
                      int keyed, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, dir, "dental", file);
    return hg_mtab_load(t, file, path, req, keyed, d);
}

static void load_courses(hg_dental_model *den, hg_diag *d)
{
    const hg_mtab *t = &den->courses_t;
    static const char *const groups[] = {"any", "posterior", "anterior", "child", "mouth", NULL};
    static const char *const outcomes[] = {"continuing", "cured", NULL};
    den->ncourse = t->nrows;
    den->course = hg_xcalloc((size_t)t->nrows + 1, sizeof *den->course);
    for (int r = 0; r < t->nrows; r++) {
        den_course *c = &den->course[r];
        hg_row_text(t, r, "course", c->id, sizeof c->id, d);
        c->group = hg_row_keyword(t, r, "tooth_group", groups, d);
        if (c->group != TG_MOUTH) hg_row_dist(t, r, "teeth", &c->teeth, d);
        c->state = (int)hg_row_num(t, r, "tooth_state", 0, 9, 0, d);
        hg_row_dist(t, r, "visits", &c->visits, d);
        hg_row_dist(t, r, "gap_days", &c->gap, d);
        c->managed = (int)hg_row_num(t, r, "managed", 0, 1, 0, d);
        c->hygiene = (int)hg_row_num(t, r, "hygiene", 0, 1, 0, d);
        c->home = (int)hg_row_num(t, r, "home", 0, 1, 0, d);
        c->cured = hg_row_keyword(t, r, "outcome", outcomes, d) == 1;
        c->next_p = hg_row_num(t, r, "next_p", 0, 1, 0, d);
        hg_row_dist(t, r, "next_delay_days", &c->next_delay, d);
        c->next = -1;
        if (c->group != TG_MOUTH && c->teeth.n == 0)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "teeth") + 1,
                       "course '%s' treats teeth but has no teeth distribution", c->id);
        if (c->visits.n == 0 || hg_ddist_mean(&c->visits) < 1)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "visits") + 1,
                       "course '%s' needs a visits distribution of at least one visit", c->id);
    }
    for (int r = 0; r < t->nrows; r++) {
        if (!*hg_row_cell(t, r, "next")) continue;
        den->course[r].next = course_cell(den, t, r, "next", d);
        if (den->course[r].next_delay.n == 0)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "next_delay_days") + 1,
                       "course '%s' has a next course but no next_delay_days", den->course[r].id);
    }
}

/* course_diseases.csv: rows of a course together, shares adding up to 1. */
static void load_diseases(hg_dental_model *den, const hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &den->dis_t;
    den->dis_row = hg_xcalloc((size_t)t->nrows + 1, sizeof *den->dis_row);
    den->dis_cum = hg_xcalloc((size_t)t->nrows + 1, sizeof *den->dis_cum);
    int last = -1;
    for (int r = 0; r < t->nrows; r++) {
        int c = course_cell(den, t, r, "course", d);
        if (c < 0) continue;
        den_course *co = &den->course[c];
        if (c != last && co->ndis) {
            hg_diag_at(d, t->file, t->lines[r], 1,
                       "the diseases of course '%s' must be on consecutive rows", co->id);
            continue;
        }
        if (!co->ndis) co->dis0 = r;
        last = c;
        den->dis_row[r] = hg_row_code(t, r, "skwd", &m->skwd, "傷病名", d);
        double prev = co->ndis ? den->dis_cum[r - 1] : 0;
        den->dis_cum[r] = prev + hg_row_num(t, r, "share", 0, 1, 0, d);
        co->ndis++;
    }
    for (int c = 0; c < den->ncourse; c++) {
        den_course *co = &den->course[c];
        double tot = co->ndis ? den->dis_cum[co->dis0 + co->ndis - 1] : 0;
        if (!co->ndis || tot < 0.99 || tot > 1.01)
            hg_diag_at(d, t->file, co->ndis ? t->lines[co->dis0] : 0, 0,
                       "the disease shares of course '%s' add up to %.3f, not 1", co->id, tot);
    }
}

/* The visit cell: N, last, last-N, mid or *. */
static void parse_visit(const hg_mtab *t, int r, den_act *a, hg_diag *d)
{
    const char *s = hg_row_cell(t, r, "visit");
    char *end;
    if (!strcmp(s, "*")) {
        a->vis = VIS_ALL;
        return;
    }
    if (!strcmp(s, "mid")) {
        a->vis = VIS_MID;
        return;
    }
    if (!strncmp(s, "last", 4)) {
        a->vis = VIS_LAST;
        if (!s[4]) return;
        if (s[4] == '-') {
            long n = strtol(s + 5, &end, 10);
            if (!*end && end != s + 5 && n >= 1 && n <= 30) {
                a->vis_n = (int)n;
                return;
            }
        }
    } else {
        long n = strtol(s, &end, 10);
        if (!*end && end != s && n >= 1 && n <= 60) {
            a->vis = VIS_N;
            a->vis_n = (int)n;
            return;
        }
    }
    hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "visit") + 1,
               "visit '%s' must be a visit number (1 to 60), last, last-N, mid or *", s);
}

/* The remaining cell: "a-b" present teeth, empty for any. */
static void parse_remaining(const hg_mtab *t, int r, den_act *a, hg_diag *d)
{
    const char *s = hg_row_cell(t, r, "remaining");
    a->rem_lo = 0;
    a->rem_hi = 32;
    if (!*s) return;
    int lo, hi, n = 0;
    if (sscanf(s, "%d-%d%n", &lo, &hi, &n) == 2 && !s[n] && lo >= 0 && hi <= 32 && lo <= hi) {
        a->rem_lo = lo;
        a->rem_hi = hi;
        return;
    }
    hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "remaining") + 1,
               "remaining '%s' must be a range of present teeth a-b within 0-32", s);
}

/* The adds cell: codes separated by '|', each CODE, CODE*N or CODE*DISTRIBUTION, optionally
 * prefixed K: (billed only at かかりつけ歯科医機能強化型 clinics). */
static void parse_adds(hg_dental_model *den, const hg_mtab *t, int r, den_act *a, hg_diag *d)
{
    const char *s = hg_row_cell(t, r, "adds");
    int col = hg_mtab_col(t, "adds") + 1;
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        char item[256];
        if (len >= sizeof item || a->nadd == DEN_MAX_ADDS) {
            hg_diag_at(d, t->file, t->lines[r], col, "at most %d adds of up to 255 bytes each",
                       DEN_MAX_ADDS);
            return;
        }
        memcpy(item, s, len);
        item[len] = '\0';
        den_add *ad = &a->add[a->nadd++];
        ad->fixed = 1;
        char *code = item;
        if (!strncmp(code, "K:", 2)) {
            ad->kakaritsuke = 1;
            code += 2;
        }
        char *star = strchr(code, '*');
        if (star) {
            const char *why = NULL;
            *star = '\0';
            if (hg_ddist_parse(&ad->qty, star + 1, &why))
                hg_diag_at(d, t->file, t->lines[r], col, "add quantity '%s': %s", star + 1, why);
        }
        ad->row = hg_mtab_find(&den->acts, code);
        if (ad->row < 0)
            hg_diag_at(d, t->file, t->lines[r], col, "add code '%s' is not in the %s master (%s)",
                       code, "歯科診療行為", den->acts.file ? den->acts.file : "?");
        else if (!*hg_row_cell(&den->acts, ad->row, "add_cd") ||
                 !strcmp(hg_row_cell(&den->acts, ad->row, "add_cd"), "00000"))
            hg_diag_at(d, t->file, t->lines[r], col,
                       "'%s' has no 加算コード (add_cd) in the dental master: it cannot be added "
                       "to a line",
                       code);
        s += len + (bar != NULL);
    }
}

/* The act row's code: a dental act (3…) or, for per = rx, a drug. */
static void act_code(hg_dental_model *den, const hg_model *m, const hg_mtab *t, int r, den_act *a,
                     hg_diag *d)
{
    if (a->per == PER_RX) {
        a->drug = 1;
        a->row = hg_row_code(t, r, "code", &m->medicine, "医薬品", d);
        return;
    }
    a->row = hg_row_code(t, r, "code", &den->acts, "歯科診療行為", d);
    if (a->row >= 0 && !den->ident[a->row][0])
        hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "code") + 1,
                   "'%s' has no 診療識別: add its prefix to prac_ident in dental.yaml",
                   hg_row_cell(t, r, "code"));
    a->nwith = hg_row_code_list(t, r, "with", &den->acts, "歯科診療行為", a->with, DEN_MAX_WITH, d);
}

static int group_of(den_course *co, const char *name)
{
    if (!*name) return -1;
    for (int g = 0; g < co->ngrp; g++)
        if (!strcmp(co->grp_name[g], name)) return g;
    if (co->ngrp == DEN_MAX_GROUPS || strlen(name) >= sizeof co->grp_name[0]) return -2;
    snprintf(co->grp_name[co->ngrp], sizeof co->grp_name[0], "%s", name);
    return co->ngrp++;
}

static void load_acts(hg_dental_model *den, const hg_model *m, hg_diag *d)
{
    const hg_mtab *t = &den->acts_t;
    static const char *const pers[] = {"tooth", "turn", "mouth", "rx", NULL};
    den->nact = t->nrows;
    den->act = hg_xcalloc((size_t)t->nrows + 1, sizeof *den->act);
    int last = -1;
    for (int r = 0; r < t->nrows; r++) {
        den_act *a = &den->act[r];
        a->grp = -1;
        int c = course_cell(den, t, r, "course", d);
        if (c < 0) continue;
        den_course *co = &den->course[c];
        if (c != last && co->nact) {
            hg_diag_at(d, t->file, t->lines[r], 1,
                       "the acts of course '%s' must be on consecutive rows", co->id);
            continue;
        }
        if (!co->nact) co->act0 = r;
        co->nact++;
        last = c;
        parse_visit(t, r, a, d);
        a->grp = group_of(co, hg_row_cell(t, r, "grp"));
        if (a->grp == -2) {
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "grp") + 1,
                       "course '%s': at most %d choice groups, names under 16 bytes", co->id,
                       DEN_MAX_GROUPS);
            a->grp = -1;
        }
        a->p = hg_row_num(t, r, "p", 0, 1, 1, d);
        a->per = hg_row_keyword(t, r, "per", pers, d);
        act_code(den, m, t, r, a, d);
        hg_row_dist(t, r, "qty", &a->qty, d);
        hg_row_dist(t, r, "days", &a->days, d);
        if (a->per == PER_RX && (a->qty.n == 0 || a->days.n == 0))
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "qty") + 1,
                       "a drug (per rx) needs qty (units a day) and days");
        parse_adds(den, t, r, a, d);
        parse_remaining(t, r, a, d);
    }
}

static void load_rates(hg_dental_model *den, hg_diag *d)
{
    const hg_mtab *t = &den->rates_t;
    den->rate = hg_xcalloc((size_t)den->ncourse * (DEN_MAX_AGE + 1) + 1, sizeof *den->rate);
    for (int r = 0; r < t->nrows; r++) {
        int c = course_cell(den, t, r, "course", d);
        int lo = (int)hg_row_num(t, r, "age_from", 0, DEN_MAX_AGE, 0, d);
        int hi = (int)hg_row_num(t, r, "age_to", 0, DEN_MAX_AGE, DEN_MAX_AGE, d);
        double v = hg_row_num(t, r, "per_py", 0, 50, 0, d);
        if (c < 0) continue;
        if (hi < lo)
            hg_diag_at(d, t->file, t->lines[r], hg_mtab_col(t, "age_to") + 1,
                       "age_to %d is below age_from %d", hi, lo);
        for (int a = lo; a <= hi; a++) den->rate[c * (DEN_MAX_AGE + 1) + a] += v;
    }
}

int hg_dental_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_dental_model *den = hg_xcalloc(1, sizeof *den);
    *state = den;
    int before = d->nerrors;
    if (load_master(den, p->masters_dir, d)) return -1;
    char path[4096];
    hg_path(path, sizeof path, p->specs_dir, "model", "dental.yaml");
    if (hg_bind_file(path, "dental", den_params, sizeof den_params / sizeof den_params[0], den, m,
                     d))
        return -1;
    set_idents(den);
    static const char *const rc[] = {
        "course",  "teeth", "tooth_group", "tooth_state", "visits", "gap_days",        "managed",
        "hygiene", "home",  "outcome",     "next",        "next_p", "next_delay_days", NULL};
    static const char *const rd[] = {"course", "skwd", "share", NULL};
    static const char *const ra[] = {"course", "visit", "grp",  "p",         "code", "with",
                                     "per",    "qty",   "adds", "remaining", "days", NULL};
    static const char *const rr[] = {"course", "age_from", "age_to", "per_py", NULL};
    if (load_table(&den->courses_t, p->masters_dir, "courses.csv", rc, 1, d) ||
        load_table(&den->dis_t, p->masters_dir, "course_diseases.csv", rd, 0, d) ||
        load_table(&den->acts_t, p->masters_dir, "course_acts.csv", ra, 0, d) ||
        load_table(&den->rates_t, p->masters_dir, "course_rates.csv", rr, 0, d))
        return -1;
    load_courses(den, d);
    load_diseases(den, m, d);
    hg_path(path, sizeof path, p->masters_dir, "dental", "background_acts.csv");
    hg_bgacts_load(&den->bg, path, &den->acts, "歯科診療行為", d);
    for (int r = 0; r < den->bg.tab.nrows; r++)
        if (den->bg.row[r] >= 0 && !den->ident[den->bg.row[r]][0])
            hg_diag_at(d, den->bg.tab.file, den->bg.tab.lines[r], 1,
                       "code %s has no 診療識別: add its prefix to prac_ident in dental.yaml",
                       hg_mtab_key(&den->acts, den->bg.row[r]));
    load_acts(den, m, d);
    load_rates(den, d);
    /* the monthly fees need a 診療識別; the visit fees' own (11, 12, 14) are set by the visit,
     * and the 加算 ride on a line, so they need a 加算コード */
    static const int monthly[] = {DC_MGMT,         DC_MGMT_FIRST, DC_HYGIENE, DC_HOME_MGMT,
                                  DC_HOME_HYGIENE, DC_ENAMEL,     DC_RX_FEE,  DC_RX_DISPENSE};
    static const int adds[] = {DC_INFANT_FIRST, DC_INFANT_REVISIT, DC_ENV_FIRST, DC_ENV_REVISIT,
                               DC_STATEMENT,    DC_DOCUMENT,       DC_LONG_TERM, DC_LONG_TERM_K};
    for (size_t i = 0; i < sizeof monthly / sizeof monthly[0]; i++)
        if (den->code[monthly[i]] >= 0 && !den->ident[den->code[monthly[i]]][0])
            hg_diag_err(d, path, "code %s has no 診療識別: add its prefix to prac_ident",
                        hg_mtab_key(&den->acts, den->code[monthly[i]]));
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
        const char *ac =
            den->code[adds[i]] >= 0 ? hg_row_cell(&den->acts, den->code[adds[i]], "add_cd") : "x";
        if (!*ac || !strcmp(ac, "00000"))
            hg_diag_err(d, path, "code %s is not a 加算 (it has no add_cd in the dental master)",
                        hg_mtab_key(&den->acts, den->code[adds[i]]));
    }
    return d->nerrors == before ? 0 : -1;
}

void hg_dental_free(void *state)
{
    hg_dental_model *den = state;
    if (!den) return;
    for (int c = 0; c < den->ncourse; c++) {
        hg_ddist_free(&den->course[c].teeth);
        hg_ddist_free(&den->course[c].visits);
        hg_ddist_free(&den->course[c].gap);
        hg_ddist_free(&den->course[c].next_delay);
    }
    for (int i = 0; i < den->nact; i++) {
        hg_ddist_free(&den->act[i].qty);
        hg_ddist_free(&den->act[i].days);
        for (int k = 0; k < den->act[i].nadd; k++) hg_ddist_free(&den->act[i].add[k].qty);
    }
    hg_mtab_free(&den->acts);
    hg_bgacts_free(&den->bg);
    hg_mtab_free(&den->courses_t);
    hg_mtab_free(&den->dis_t);
    hg_mtab_free(&den->acts_t);
    hg_mtab_free(&den->rates_t);
    free(den->points);
    free(den->ident);
    free(den->course);
    free(den->dis_row);
    free(den->dis_cum);
    free(den->act);
    free(den->rate);
    free(den);
}

int hg_dental_masters(void *state, hg_mtab **out, int max)
{
    hg_dental_model *den = state;
    if (max < 1 || !den->acts.kind.name) return 0;
    out[0] = &den->acts;
    return 1;
}
