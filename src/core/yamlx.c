/* hicgen — libyaml document helpers with positioned errors. */
#include "hicgen/yamlx.h"
#include "hicgen/alloc.h"

#include <errno.h>
#include <limits.h>
#include "hicgen/num.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file of at most HG_YAML_MAX_BYTES into a NUL-terminated buffer. */
static char *read_bounded(const char *file, size_t *len, hg_diag *d)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        hg_diag_at(d, file, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = hg_xmalloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > HG_YAML_MAX_BYTES) break;
        if (n == cap) buf = hg_xrealloc(buf, (cap *= 2) + 1);
    }
    int err = ferror(f);
    fclose(f);
    if (err || n > HG_YAML_MAX_BYTES) {
        if (err)
            hg_diag_at(d, file, 0, 0, "cannot read: %s", strerror(errno));
        else
            hg_diag_at(d, file, 0, 0,
                       "larger than %d MiB; a spec or parameter file is far smaller (is this the "
                       "right file?)",
                       HG_YAML_MAX_BYTES >> 20);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Reports at the event's position. */
static int event_err(const char *file, const yaml_event_t *e, const char *msg, hg_diag *d)
{
    hg_diag_at(d, file, (long)e->start_mark.line + 1, (long)e->start_mark.column + 1, "%s", msg);
    return -1;
}

/* A first pass over the events, before the document is built: the nesting depth is bounded
 * (the document loader is slow on deep nesting, and nothing here nests deeply), aliases are
 * refused (they could make a small file expand enormously) and so is a second document (it
 * would be silently ignored). */
static int check_shape(const char *file, const unsigned char *text, size_t len, hg_diag *d)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) hg_oom("YAML parser", 0);
    yaml_parser_set_input_string(&p, text, len);
    int depth = 0, docs = 0, rc = 0, done = 0;
    while (!done && !rc) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            hg_diag_at(d, file, (long)p.problem_mark.line + 1, (long)p.problem_mark.column + 1,
                       "malformed YAML: %s%s%s", p.problem ? p.problem : "syntax error",
                       p.context ? " " : "", p.context ? p.context : "");
            rc = -1;
            break;
        }
        switch (e.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                rc = event_err(
                    file, &e, "a second YAML document (after '---'); a file holds one document", d);
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > HG_YAML_MAX_DEPTH) {
                char m[128];
                snprintf(m, sizeof m, "nested deeper than %d levels", HG_YAML_MAX_DEPTH);
                rc = event_err(file, &e, m, d);
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_ALIAS_EVENT:
            rc = event_err(file, &e, "YAML aliases (*name) are not supported; write the value out",
                           d);
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return rc;
}

int hg_ydoc_load(hg_ydoc *y, const char *file, const char *text, hg_diag *d)
{
    memset(y, 0, sizeof *y);
    y->file = file;
    size_t len = 0;
    char *own = NULL;
    if (!text) {
        if (!(own = read_bounded(file, &len, d))) return -1;
        text = own;
    } else
        len = strlen(text);
    if (len > HG_YAML_MAX_BYTES) {
        hg_diag_at(d, file, 0, 0, "larger than %d MiB", HG_YAML_MAX_BYTES >> 20);
        free(own);
        return -1;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        long line = 1;
        for (const char *c = text; c < nul; c++) line += *c == '\n';
        hg_diag_at(d, file, line, 0, "contains a NUL byte; a YAML file is text");
        free(own);
        return -1;
    }
    if (check_shape(file, (const unsigned char *)text, len, d)) {
        free(own);
        return -1;
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) hg_oom("YAML parser", 0);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int rc = 0;
    if (!yaml_parser_load(&p, &y->doc)) {
        hg_diag_at(d, file, (long)p.problem_mark.line + 1, (long)p.problem_mark.column + 1,
                   "malformed YAML: %s%s%s", p.problem ? p.problem : "syntax error",
                   p.context ? " " : "", p.context ? p.context : "");
        rc = -1;
    } else {
        y->loaded = 1;
        if (!yaml_document_get_root_node(&y->doc)) {
            hg_diag_at(d, file, 0, 0, "the file is empty; expected a YAML mapping");
            rc = -1;
        }
    }
    yaml_parser_delete(&p);
    free(own);
    return rc;
}

void hg_ydoc_free(hg_ydoc *y)
{
    if (y->loaded) yaml_document_delete(&y->doc);
    y->loaded = 0;
}

yaml_node_t *hg_yroot(hg_ydoc *y)
{
    return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}
yaml_node_t *hg_ynode(hg_ydoc *y, int id)
{
    return yaml_document_get_node(&y->doc, id);
}

void hg_yerr(hg_ydoc *y, hg_diag *d, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n)
        hg_diag_at(d, y->file, (long)n->start_mark.line + 1, (long)n->start_mark.column + 1, "%s",
                   msg);
    else
        hg_diag_at(d, y->file, 0, 0, "%s", msg);
}

const char *hg_ystr(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

yaml_node_t *hg_yget(hg_ydoc *y, yaml_node_t *m, const char *key)
{
    if (!m || m->type != YAML_MAPPING_NODE) return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *k = hg_ystr(hg_ynode(y, p->key));
        if (k && strcmp(k, key) == 0) return hg_ynode(y, p->value);
    }
    return NULL;
}

int hg_ykeys(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *what, const char *const *allowed)
{
    int bad = 0;
    if (!m || m->type != YAML_MAPPING_NODE) {
        hg_yerr(y, d, m, "%s must be a mapping (key: value lines)", what);
        return 1;
    }
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = hg_ynode(y, p->key);
        const char *k = hg_ystr(kn);
        if (!k) {
            hg_yerr(y, d, kn, "%s: keys must be plain words", what);
            bad++;
            continue;
        }
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0) ok = 1;
        if (!ok) {
            char list[512] = "";
            for (const char *const *a = allowed; *a; a++) {
                if (strlen(list) + strlen(*a) + 3 >= sizeof list) break;
                if (a != allowed) strcat(list, ", ");
                strcat(list, *a);
            }
            hg_yerr(y, d, kn, "%s: unknown key '%s' (expected one of: %s)", what, k, list);
            bad++;
        }
        for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < p; q++) {
            const char *k2 = hg_ystr(hg_ynode(y, q->key));
            if (k2 && strcmp(k, k2) == 0) {
                hg_yerr(y, d, kn, "%s: key '%s' is given twice", what, k);
                bad++;
                break;
            }
        }
    }
    return bad;
}

int hg_ydouble(hg_ydoc *y, hg_diag *d, yaml_node_t *n, double *out)
{
    const char *s = hg_ystr(n);
    if (!s || !*s) {
        hg_yerr(y, d, n, "expected a number");
        return -1;
    }
    double v;
    if (hg_parse_num(s, &v)) {
        hg_yerr(y, d, n, "expected a finite decimal number, found '%s'", s);
        return -1;
    }
    *out = v;
    return 0;
}

int hg_ylong(hg_ydoc *y, hg_diag *d, yaml_node_t *n, long *out)
{
    const char *s = hg_ystr(n);
    if (!s || !*s) {
        hg_yerr(y, d, n, "expected a whole number");
        return -1;
    }
    long long v;
    if (hg_parse_int(s, &v) || v < LONG_MIN || v > LONG_MAX) {
        hg_yerr(y, d, n, "expected a whole number, found '%s'", s);
        return -1;
    }
    *out = (long)v;
    return 0;
}

int hg_ykey_double(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, double *out)
{
    yaml_node_t *n = hg_yget(y, m, key);
    if (!n) {
        hg_yerr(y, d, m, "missing key '%s'", key);
        return -1;
    }
    return hg_ydouble(y, d, n, out);
}

int hg_ykey_long(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, long *out)
{
    yaml_node_t *n = hg_yget(y, m, key);
    if (!n) {
        hg_yerr(y, d, m, "missing key '%s'", key);
        return -1;
    }
    return hg_ylong(y, d, n, out);
}

int hg_yseq_len(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE
               ? (int)(n->data.sequence.items.top - n->data.sequence.items.start)
               : -1;
}

yaml_node_t *hg_yseq_at(hg_ydoc *y, yaml_node_t *n, int i)
{
    return hg_ynode(y, n->data.sequence.items.start[i]);
}

int hg_ydoubles(hg_ydoc *y, hg_diag *d, yaml_node_t *seq, double **out, int *n)
{
    int len = hg_yseq_len(seq);
    if (len < 0) {
        hg_yerr(y, d, seq, "expected a list of numbers like [1, 2.5]");
        return -1;
    }
    double *v = hg_xcalloc((size_t)len + 1, sizeof *v);
    int rc = 0;
    for (int i = 0; i < len; i++)
        if (hg_ydouble(y, d, hg_yseq_at(y, seq, i), &v[i]) != 0) rc = -1;
    if (rc) {
        free(v);
        return -1;
    }
    *out = v;
    *n = len;
    return 0;
}
