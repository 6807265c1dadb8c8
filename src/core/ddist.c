/* hicgen — discrete distributions written as text (see ddist.h). */
#include "hicgen/ddist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"
#include "hicgen/num.h"

int hg_ddist_parse(hg_ddist *d, const char *text, const char **why)
{
    memset(d, 0, sizeof *d);
    if (!text || !*text) return 0;
    char *copy = hg_xstrdup(text), *save = NULL;
    double sum = 0;
    int cap = 0;
    int lone = !strchr(text, ':') && !strchr(text, ';'); /* "3": that value always */
    for (char *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(tok, ':');
        long long v;
        double p = 1;
        if (!colon && !lone) {
            *why = "each entry must be VALUE:SHARE (e.g. 28:0.5;56:0.5), or one whole number";
            goto bad;
        }
        if (colon) *colon = '\0';
        if (hg_parse_int(tok, &v) || v < 0 || v > 100000) {
            *why = "a value must be a whole number from 0 to 100000";
            goto bad;
        }
        if (colon && (hg_parse_num(colon + 1, &p) || p < 0 || p > 1)) {
            *why = "a share must be a number from 0 to 1";
            goto bad;
        }
        hg_vec_reserve_((void **)&d->val, &cap, d->n + 1, sizeof *d->val);
        d->p = hg_xrealloc(d->p, (size_t)cap * sizeof *d->p);
        d->val[d->n] = (int)v;
        d->p[d->n++] = p;
        sum += p;
    }
    if (!d->n || fabs(sum - 1) > 0.01) {
        *why = "the shares must add up to 1";
        goto bad;
    }
    free(copy);
    d->t = gsl_ran_discrete_preproc((size_t)d->n, d->p);
    return 0;
bad:
    free(copy);
    hg_ddist_free(d);
    return -1;
}

int hg_ddist_draw(const hg_ddist *d, gsl_rng *r)
{
    if (d->n <= 1) return d->n ? d->val[0] : 0; /* one value: no draw */
    return d->val[gsl_ran_discrete(r, d->t)];
}

double hg_ddist_mean(const hg_ddist *d)
{
    double m = 0, s = 0;
    for (int i = 0; i < d->n; i++) m += d->val[i] * d->p[i], s += d->p[i];
    return s > 0 ? m / s : 0;
}

int hg_ddist_quantile(const hg_ddist *d, double u)
{
    double s = 0;
    for (int i = 0; i < d->n; i++) s += d->p[i];
    if (d->n == 0 || s <= 0) return 0;
    u *= s;
    /* the values as written need not be sorted: walk them in ascending order */
    int prev = -1, last = 0;
    for (;;) {
        int next = -1;
        for (int i = 0; i < d->n; i++)
            if (d->val[i] > prev && (next < 0 || d->val[i] < next)) next = d->val[i];
        if (next < 0) return last;
        for (int i = 0; i < d->n; i++)
            if (d->val[i] == next) u -= d->p[i];
        if (u < 0) return next;
        prev = last = next;
    }
}

void hg_ddist_free(hg_ddist *d)
{
    if (d->t) gsl_ran_discrete_free(d->t);
    free(d->val);
    free(d->p);
    memset(d, 0, sizeof *d);
}
