/* hicgen — libyaml document helpers with positioned errors. */
#include "hicgen/yamlx.h"
#include "hicgen/alloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int hg_ydoc_load(hg_ydoc *y, const char *file, const char *text, hg_diag *d)
{
    memset(y, 0, sizeof *y);
    y->file = file;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        hg_diag_at(d, file, 0, 0, "cannot initialise the YAML parser (out of memory)");
        return -1;
    }
    FILE *f = NULL;
    if (text) {
        yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
    } else {
        f = fopen(file, "rb");
        if (!f) {
            hg_diag_at(d, file, 0, 0, "cannot open: %s", strerror(errno));
            yaml_parser_delete(&p);
            return -1;
        }
        yaml_parser_set_input_file(&p, f);
    }
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
    if (f) fclose(f);
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
    char *end;
    if (!s || !*s) {
        hg_yerr(y, d, n, "expected a number");
        return -1;
    }
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno) {
        hg_yerr(y, d, n, "expected a number, found '%s'", s);
        return -1;
    }
    *out = v;
    return 0;
}

int hg_ylong(hg_ydoc *y, hg_diag *d, yaml_node_t *n, long *out)
{
    const char *s = hg_ystr(n);
    char *end;
    if (!s || !*s) {
        hg_yerr(y, d, n, "expected a whole number");
        return -1;
    }
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno) {
        hg_yerr(y, d, n, "expected a whole number, found '%s'", s);
        return -1;
    }
    *out = v;
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
