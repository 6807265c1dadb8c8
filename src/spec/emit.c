/* hicgen — CSV row formatting from specs. */
#include "hicgen/emit.h"
#include "hicgen/alloc.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include "hicgen/rng.h"

void hg_emitter_init(hg_emitter *e, const hg_specset *s, int nkinds, uint64_t seed)
{
    memset(e, 0, sizeof *e);
    e->specs = s;
    e->nkinds = nkinds;
    e->seed = seed;
    e->kind_tables = hg_xcalloc((size_t)nkinds, sizeof *e->kind_tables);
    for (int k = 0; k < nkinds; k++) {
        int n = 0;
        e->kind_tables[k] = hg_xmalloc((size_t)(s->ntables + 1) * sizeof(int));
        for (int t = 0; t < s->ntables; t++)
            if (s->tables[t].reckind == k) e->kind_tables[k][n++] = t;
        e->kind_tables[k][n] = -1;
    }
    e->bufs = hg_xcalloc((size_t)s->ntables, sizeof *e->bufs);
    e->rows = hg_xcalloc((size_t)s->ntables, sizeof *e->rows);
    e->rowno = hg_xcalloc((size_t)s->ntables, sizeof *e->rowno);
    e->rng = hg_rng_alloc();
}

void hg_emitter_free(hg_emitter *e)
{
    for (int k = 0; k < e->nkinds; k++) free(e->kind_tables[k]);
    free(e->kind_tables);
    for (int t = 0; e->specs && t < e->specs->ntables; t++) hg_buf_free(&e->bufs[t]);
    free(e->bufs);
    free(e->rows);
    free(e->rowno);
    if (e->rng) gsl_rng_free(e->rng);
    memset(e, 0, sizeof *e);
}

void hg_emitter_person(hg_emitter *e, uint64_t idx)
{
    e->person = idx;
    memset(e->rowno, 0, (size_t)e->specs->ntables * sizeof *e->rowno);
}

void hg_emitter_reset(hg_emitter *e)
{
    for (int t = 0; t < e->specs->ntables; t++) {
        hg_buf_clear(&e->bufs[t]);
        e->rows[t] = 0;
    }
}

/* The bytes that make a CSV field need quotes: separator, quote, line breaks. */
static const unsigned char csv_special[256] = {[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1};

/* Appends s as a CSV field: quoted when it holds a separator, a quote or a line break, or is
 * empty (an unquoted empty field is NULL to PostgreSQL). */
static void put_csv_text(hg_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    /* eight bytes at a time while none is ',' (0x2C) or below: every special byte is, and
     * codes, digits, hex and multibyte UTF-8 are not (the test finds bytes below ',' + 1: a
     * word with a comma in it went out unquoted when it looked for bytes below ',') */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if ((x - ones * (',' + 1)) & ~x & highs) break;
    }
    while (i < n && !csv_special[(unsigned char)s[i]]) i++;
    if (i == n && n) {
        hg_buf_put(b, s, n);
        return;
    }
    hg_buf_putc(b, '"');
    for (i = 0; i < n; i++) {
        if (s[i] == '"') hg_buf_putc(b, '"');
        hg_buf_putc(b, s[i]);
    }
    hg_buf_putc(b, '"');
}

/* Whether the column's length limits characters (varchar(n), char(n)); for numeric it is the
 * precision, checked with the type's range instead. */
static int limits_chars(const hg_column *c)
{
    return c->length && (c->type == HG_T_VARCHAR || c->type == HG_T_CHAR);
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

static void fail(hg_emitter *e, const hg_table *t, const hg_column *c, const char *what,
                 const char *val)
{
    if (e->error[0]) return;
    snprintf(e->error, sizeof e->error, "column %s.%s: %s '%.200s'", t->name, c->name, what, val);
    e->err_file = t->file;
    e->err_line = c->line;
    e->err_col = c->col;
}

/* Whether a number fits the column's type (the limits set at binding). */
/* A text of n bytes longer than the column holds: characters <= bytes, so they are counted only
 * when the bytes exceed the length. */
static int too_long(const hg_column *c, const char *s, size_t n)
{
    return limits_chars(c) && n > (size_t)c->length && utf8_chars(s, n) > (size_t)c->length;
}

static int fits_type(const hg_value *v, const hg_column *c)
{
    if (v->kind == HG_V_INT && (v->i < c->vmin || v->i > c->vmax)) return 0;
    if (isinf(c->vabs) || (v->kind != HG_V_INT && v->kind != HG_V_DEC)) return 1;
    double m = v->kind == HG_V_INT ? fabs((double)v->i)
               : v->s              ? fabs(strtod(v->s, NULL))
                                   : fabs((double)v->i) / pow(10, v->scale);
    return round(m * c->vunit) / c->vunit < c->vabs;
}

static void put_dist(hg_emitter *e, hg_buf *b, const hg_column *c, uint32_t row)
{
    hg_rng_stream(e->rng, e->seed, e->person, c->purpose + row);
    const hg_dist *d = &c->dist;
    switch (d->kind) {
    case HG_D_UNIFORM_INT: {
        long lo = (long)d->a, hi = (long)d->b;
        hg_buf_int(b, lo + (long)gsl_rng_uniform_int(e->rng, (unsigned long)(hi - lo + 1)));
        break;
    }
    case HG_D_NORMAL: {
        double v = d->a + gsl_ran_gaussian(e->rng, d->b);
        if (d->lo <= d->hi) v = v < d->lo ? d->lo : v > d->hi ? d->hi : v;
        hg_buf_printf(b, "%.*f", d->decimals, v);
        break;
    }
    case HG_D_CHOICE: {
        const char *s = d->choices[gsl_ran_discrete(e->rng, d->table)];
        put_csv_text(b, s, strlen(s));
        break;
    }
    }
}

const hg_column *hg_emit_misfit(const hg_emitter *e, int kind, const hg_value *vals,
                                const hg_table **table)
{
    assert(kind >= 0 && kind < e->nkinds);
    for (int *tp = e->kind_tables[kind]; *tp >= 0; tp++) {
        const hg_table *t = &e->specs->tables[*tp];
        for (int i = 0; i < t->ncols; i++) {
            const hg_column *c = &t->cols[i];
            if (c->src != HG_SRC_FIELD || vals[c->field].kind == HG_V_NULL) continue;
            const hg_value *v = &vals[c->field];
            if (!fits_type(v, c) ||
                (v->kind == HG_V_STR && c->fmt == 0 && too_long(c, v->s, strlen(v->s)))) {
                *table = t;
                return c;
            }
        }
    }
    return NULL;
}

void hg_emit(hg_emitter *e, int kind, const hg_value *vals)
{
    assert(kind >= 0 && kind < e->nkinds);
    for (int *tp = e->kind_tables[kind]; *tp >= 0; tp++) {
        const hg_table *t = &e->specs->tables[*tp];
        hg_buf *b = &e->bufs[*tp];
        uint32_t row = e->rowno[*tp]++;
        for (int i = 0; i < t->ncols; i++) {
            const hg_column *c = &t->cols[i];
            if (i) {
                /* room for the separator and for any number: a reserve per column instead
                 * of one per byte (strings reserve their own) */
                if (b->cap - b->len < 32) hg_buf_reserve(b, 32);
                b->p[b->len++] = ',';
            }
            switch (c->src) {
            case HG_SRC_CONST:
                put_csv_text(b, c->constval, strlen(c->constval));
                break;
            case HG_SRC_DIST:
                put_dist(e, b, c, row);
                break;
            case HG_SRC_FIELD: {
                const hg_value *v = &vals[c->field];
                /* the contract of a record kind: a field's value is of its declared kind */
                assert(v->kind == HG_V_NULL || (int)v->kind == c->field_kind);
                if (v->kind == HG_V_NULL) {
                    if (c->not_null) fail(e, t, c, "NULL in a not_null column", "");
                    break;
                }
                size_t start = b->len;
                if (v->kind == HG_V_INT && c->fmt == HG_F_PLAIN && v->i >= c->vmin &&
                    v->i <= c->vmax && isinf(c->vabs) && !limits_chars(c)) {
                    hg_buf_int(b, v->i); /* the commonest field: an integer that fits */
                    break;
                }
                if (v->kind == HG_V_STR && c->fmt == 0) {
                    size_t n = strlen(v->s);
                    if (too_long(c, v->s, n)) fail(e, t, c, "value longer than the column", v->s);
                    put_csv_text(b, v->s, n);
                    break;
                }
                if (!fits_type(v, c)) {
                    hg_buf tmp = {0};
                    hg_value_text(&tmp, v, 0, 0);
                    fail(e, t, c, "value out of the range of the column's type", tmp.p);
                    hg_buf_free(&tmp);
                }
                if (hg_value_text(b, v, c->fmt, c->width) != 0)
                    fail(e, t, c, "value cannot take the format", hg_fmt_name(c->fmt));
                if (limits_chars(c) && b->len - start > (size_t)c->length)
                    fail(e, t, c, "value longer than the column", b->p + start);
                break;
            }
            default:
                if (c->not_null) fail(e, t, c, "NULL in a not_null column", "");
                break; /* NULL: empty unquoted field */
            }
        }
        hg_buf_putc(b, '\n'); /* also terminates the text */
        e->rows[*tp]++;
    }
}

void hg_csv_header(hg_buf *b, const hg_table *t)
{
    for (int i = 0; i < t->ncols; i++) {
        if (i) hg_buf_putc(b, ',');
        hg_buf_puts(b, t->cols[i].name);
    }
    hg_buf_putc(b, '\n');
}
