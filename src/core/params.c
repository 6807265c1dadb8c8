/* hicgen — declarative binding of model parameters (see params.h). */
#include "hicgen/params.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int hg_bind_num(hg_binder *b, yaml_node_t *n, double lo, double hi, double *out)
{
    double v;
    if (hg_ydouble(b->y, b->d, n, &v)) return -1;
    if (!isfinite(v) || v < lo || v > hi) {
        hg_yerr(b->y, b->d, n, "%s is not a number from %g to %g", hg_ystr(n), lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int hg_bind_nums(hg_binder *b, yaml_node_t *n, int want, double lo, double hi, double *out)
{
    int len = hg_yseq_len(n);
    if (len != want) {
        hg_yerr(b->y, b->d, n, "expected a list of %d numbers like [%s]", want,
                want == 1   ? "1"
                : want == 2 ? "1, 2"
                            : "1, 2, ...");
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < len; i++) {
        double v;
        if (hg_bind_num(b, hg_yseq_at(b->y, n, i), lo, hi, &v))
            rc = -1;
        else
            out[i] = v;
    }
    return rc;
}

static int bind_int(hg_binder *b, yaml_node_t *n, double lo, double hi, int *out)
{
    long v;
    if (hg_ylong(b->y, b->d, n, &v)) return -1;
    if (v < lo || v > hi) {
        hg_yerr(b->y, b->d, n, "%ld is not a whole number from %.0f to %.0f", v, lo, hi);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int bind_str(hg_binder *b, yaml_node_t *n, char *out, int cap)
{
    const char *s = hg_ystr(n);
    if (!s || !*s || (int)strlen(s) >= cap) {
        hg_yerr(b->y, b->d, n, "expected a text of 1 to %d characters", cap - 1);
        return -1;
    }
    memcpy(out, s, strlen(s) + 1);
    return 0;
}

static int bind_ints(hg_binder *b, yaml_node_t *n, const hg_param *p, int *out, int *count)
{
    int len = hg_yseq_len(n);
    if (len < 1 || len > p->n) {
        hg_yerr(b->y, b->d, n, "expected a list of 1 to %d whole numbers", p->n);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < len; i++)
        if (bind_int(b, hg_yseq_at(b->y, n, i), p->lo, p->hi, &out[i])) rc = -1;
    if (!rc) *count = len;
    return rc;
}

static int bind_shares(hg_binder *b, yaml_node_t *n, const hg_param *p, double *out)
{
    double v[64];
    if (p->n > 64 || hg_bind_nums(b, n, p->n, 0, 1, v)) return -1;
    double sum = 0;
    for (int i = 0; i < p->n; i++) sum += v[i];
    if (fabs(sum - 1) > 0.01) {
        hg_yerr(b->y, b->d, n, "shares add up to %.3f, not 1", sum);
        return -1;
    }
    memcpy(out, v, (size_t)p->n * sizeof *v);
    return 0;
}

static int bind_bands(hg_binder *b, yaml_node_t *n, const hg_param *p, hg_band_rates *out)
{
    int len = hg_yseq_len(n);
    if (len < 1 || len > HG_MAX_BANDS) {
        hg_yerr(b->y, b->d, n, "expected a list of [age_from, male, female] (1 to %d rows)",
                HG_MAX_BANDS);
        return -1;
    }
    hg_band_rates r = {0};
    int rc = 0;
    for (int i = 0; i < len; i++) {
        yaml_node_t *row = hg_yseq_at(b->y, n, i);
        double v[3];
        if (hg_yseq_len(row) != 3) {
            hg_yerr(b->y, b->d, row, "each row is [age_from, male, female]");
            rc = -1;
            continue;
        }
        if (hg_bind_num(b, hg_yseq_at(b->y, row, 0), 0, 150, &v[0]) ||
            hg_bind_num(b, hg_yseq_at(b->y, row, 1), p->lo, p->hi, &v[1]) ||
            hg_bind_num(b, hg_yseq_at(b->y, row, 2), p->lo, p->hi, &v[2])) {
            rc = -1;
            continue;
        }
        if (v[0] != floor(v[0]) || (i > 0 && (int)v[0] <= r.from[i - 1])) {
            hg_yerr(b->y, b->d, row, "ages must be whole and ascend");
            rc = -1;
            continue;
        }
        r.from[i] = (int)v[0];
        r.m[i] = v[1];
        r.f[i] = v[2];
    }
    if (rc) return -1;
    r.n = len;
    *out = r;
    return 0;
}

static int bind_rows(hg_binder *b, yaml_node_t *n, const hg_param *p, double *out, int *count)
{
    int len = hg_yseq_len(n);
    if (len < 1 || len > p->n) {
        hg_yerr(b->y, b->d, n, "expected a list of 1 to %d rows of %d numbers", p->n, p->w);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < len; i++)
        if (hg_bind_nums(b, hg_yseq_at(b->y, n, i), p->w, p->lo, p->hi, out + (size_t)i * p->w))
            rc = -1;
    if (!rc) *count = len;
    return rc;
}

static int bind_named(hg_binder *b, yaml_node_t *n, const hg_param *p, double *out)
{
    if (!n || n->type != YAML_MAPPING_NODE) {
        hg_yerr(b->y, b->d, n, "expected a mapping of name: number");
        return -1;
    }
    if (hg_ykeys(b->y, b->d, n, p->path, p->names)) return -1;
    int rc = 0;
    for (int i = 0; p->names[i] && i < p->n; i++) {
        yaml_node_t *v = hg_yget(b->y, n, p->names[i]);
        if (v && hg_bind_num(b, v, p->lo, p->hi, &out[i])) rc = -1;
    }
    return rc;
}

static int bind_choice(hg_binder *b, yaml_node_t *n, hg_choice *out)
{
    int len = n && n->type == YAML_MAPPING_NODE
                  ? (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start)
                  : -1;
    if (len < 1 || len > HG_CHOICE_MAX) {
        hg_yerr(b->y, b->d, n, "expected a mapping of 1 to %d codes with their shares",
                HG_CHOICE_MAX);
        return -1;
    }
    hg_choice c = {0};
    double sum = 0;
    int rc = 0;
    for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
        yaml_node_t *kn = hg_ynode(b->y, pr->key);
        const char *k = hg_ystr(kn);
        if (!k || !*k || strlen(k) >= sizeof c.code[0]) {
            hg_yerr(b->y, b->d, kn, "a code of 1 to %zu characters", sizeof c.code[0] - 1);
            rc = -1;
            continue;
        }
        memcpy(c.code[c.n], k, strlen(k) + 1);
        if (hg_bind_num(b, hg_ynode(b->y, pr->value), 0, 1, &c.share[c.n])) rc = -1;
        sum += c.share[c.n++];
    }
    if (!rc && fabs(sum - 1) > 0.01) {
        hg_yerr(b->y, b->d, n, "shares add up to %.3f, not 1", sum);
        rc = -1;
    }
    if (!rc) *out = c;
    return rc;
}

const char *hg_choice_pick(const hg_choice *c, double u)
{
    double cum = 0;
    for (int i = 0; i < c->n; i++) {
        cum += c->share[i];
        if (u < cum) return c->code[i];
    }
    return c->code[c->n - 1];
}

/* The node at a dotted path below root, or NULL. */
static yaml_node_t *at_path(hg_binder *b, yaml_node_t *root, const char *path)
{
    char seg[128];
    yaml_node_t *n = root;
    while (n && *path) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        if (len >= sizeof seg) return NULL;
        memcpy(seg, path, len);
        seg[len] = '\0';
        n = hg_yget(b->y, n, seg);
        path = dot ? dot + 1 : path + len;
    }
    return n;
}

/* The deepest existing mapping on the way to path, to point a "missing" message at. */
static yaml_node_t *nearest(hg_binder *b, yaml_node_t *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *dot = strrchr(buf, '.'); dot; dot = strrchr(buf, '.')) {
        *dot = '\0';
        yaml_node_t *n = at_path(b, root, buf);
        if (n) return n;
    }
    return root;
}

static int bind_one(hg_binder *b, yaml_node_t *root, const hg_param *p, char *base)
{
    yaml_node_t *n = at_path(b, root, p->path);
    if (!n) {
        if (p->optional) return 0;
        hg_yerr(b->y, b->d, nearest(b, root, p->path), "missing '%s'", p->path);
        return -1;
    }
    void *dst = base + p->off;
    switch (p->type) {
    case HG_PT_NUM:
        return hg_bind_num(b, n, p->lo, p->hi, dst);
    case HG_PT_INT:
        return bind_int(b, n, p->lo, p->hi, dst);
    case HG_PT_STR:
        return bind_str(b, n, dst, p->n);
    case HG_PT_NUMS:
        return hg_bind_nums(b, n, p->n, p->lo, p->hi, dst);
    case HG_PT_INTS:
        return bind_ints(b, n, p, dst, (int *)(base + p->count_off));
    case HG_PT_SHARES:
        return bind_shares(b, n, p, dst);
    case HG_PT_BANDS:
        return bind_bands(b, n, p, dst);
    case HG_PT_ROWS:
        return bind_rows(b, n, p, dst, (int *)(base + p->count_off));
    case HG_PT_NAMED:
        return bind_named(b, n, p, dst);
    case HG_PT_CHOICE:
        return bind_choice(b, n, dst);
    case HG_PT_CUSTOM:
        return p->read(b, n, base, p);
    }
    return -1;
}

/* Is `key` below `prefix` ("" = the root) a parameter or a section holding parameters? */
static int known_key(const hg_param *ps, int np, const char *prefix, const char *key)
{
    size_t pl = strlen(prefix), kl = strlen(key);
    for (int i = 0; i < np; i++) {
        const char *path = ps[i].path;
        if (pl && (strncmp(path, prefix, pl) || path[pl] != '.')) continue;
        const char *rest = pl ? path + pl + 1 : path;
        if (!strncmp(rest, key, kl) && (rest[kl] == '\0' || rest[kl] == '.')) return 1;
    }
    return 0;
}

/* Reports unknown and repeated keys in every mapping on the way to a parameter. */
static int check_keys(hg_binder *b, yaml_node_t *root, const hg_param *ps, int np)
{
    int bad = 0;
    yaml_node_t *seen[256];
    int nseen = 0;
    for (int i = 0; i < np; i++) {
        char prefix[256] = "";
        const char *path = ps[i].path;
        for (;;) {
            yaml_node_t *m = at_path(b, root, prefix);
            int visited = 0;
            for (int k = 0; k < nseen; k++) visited |= seen[k] == m;
            if (m && m->type == YAML_MAPPING_NODE && !visited && nseen < 256) {
                seen[nseen++] = m;
                for (yaml_node_pair_t *pr = m->data.mapping.pairs.start;
                     pr < m->data.mapping.pairs.top; pr++) {
                    yaml_node_t *kn = hg_ynode(b->y, pr->key);
                    const char *k = hg_ystr(kn);
                    if (!k || !known_key(ps, np, prefix, k)) {
                        hg_yerr(b->y, b->d, kn, "unknown key '%s%s%s' (a typo?)", prefix,
                                *prefix ? "." : "", k ? k : "?");
                        bad++;
                    }
                    for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < pr; q++) {
                        const char *k2 = hg_ystr(hg_ynode(b->y, q->key));
                        if (k && k2 && !strcmp(k, k2)) {
                            hg_yerr(b->y, b->d, kn, "key '%s' is given twice", k);
                            bad++;
                        }
                    }
                }
            }
            const char *dot = strchr(path + strlen(prefix) + (*prefix ? 1 : 0), '.');
            if (!dot) break;
            size_t len = (size_t)(dot - path);
            if (len >= sizeof prefix) break;
            memcpy(prefix, path, len);
            prefix[len] = '\0';
        }
    }
    return bad;
}

int hg_bind(hg_binder *b, yaml_node_t *root, const hg_param *ps, int n, void *base)
{
    int before = b->d->nerrors;
    if (!root || root->type != YAML_MAPPING_NODE) {
        hg_yerr(b->y, b->d, root, "expected a mapping (key: value lines)");
        return 1;
    }
    for (int i = 0; i < n; i++) bind_one(b, root, &ps[i], base);
    check_keys(b, root, ps, n);
    return b->d->nerrors - before;
}

int hg_bind_file(const char *file, const char *top, const hg_param *ps, int n, void *base,
                 const void *ctx, hg_diag *d)
{
    hg_ydoc y;
    int before = d->nerrors;
    if (hg_ydoc_load(&y, file, NULL, d)) {
        hg_ydoc_free(&y);
        return d->nerrors - before;
    }
    hg_binder b = {&y, d, ctx};
    yaml_node_t *root = hg_yroot(&y);
    yaml_node_t *m = hg_yget(&y, root, top);
    if (!m || m->type != YAML_MAPPING_NODE) {
        hg_yerr(&y, d, root, "expected a top-level '%s:' mapping", top);
    } else {
        const char *const only[] = {top, NULL};
        hg_ykeys(&y, d, root, "the top level", only);
        hg_bind(&b, m, ps, n, base);
    }
    hg_ydoc_free(&y);
    return d->nerrors - before;
}
