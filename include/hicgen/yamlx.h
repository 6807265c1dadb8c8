/* hicgen — thin helpers over libyaml's document API: typed look-ups that report
 * file:line:column for every problem (libyaml marks are 0-based; we print 1-based). */
#ifndef HICGEN_YAMLX_H
#define HICGEN_YAMLX_H

#include <yaml.h>
#include "hicgen/diag.h"

typedef struct hg_ydoc {
    yaml_document_t doc;
    int loaded;
    const char *file; /* name used in messages; not owned */
} hg_ydoc;

/* Bounds on the YAML files read (specs, parameters, presets): far above what they hold, and
 * low enough that a runaway file is refused before it costs time or memory. */
#define HG_YAML_MAX_BYTES (8 << 20)
#define HG_YAML_MAX_DEPTH 64

/* Loads the document of a file (or of text when text != NULL; file is then only the name used
 * in messages): at most HG_YAML_MAX_BYTES, nested at most HG_YAML_MAX_DEPTH deep, one
 * document, no aliases, no NUL byte. Returns 0, or -1 after reporting the problem. */
int hg_ydoc_load(hg_ydoc *y, const char *file, const char *text, hg_diag *d);
void hg_ydoc_free(hg_ydoc *y);
yaml_node_t *hg_yroot(hg_ydoc *y);
yaml_node_t *hg_ynode(hg_ydoc *y, int id);

/* Reports an error at node n. */
void hg_yerr(hg_ydoc *y, hg_diag *d, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Value of key in mapping m, or NULL. */
yaml_node_t *hg_yget(hg_ydoc *y, yaml_node_t *m, const char *key);
/* The scalar text of n, or NULL if n is not a scalar. */
const char *hg_ystr(const yaml_node_t *n);
/* Checks that mapping m has only keys from the NULL-terminated list allowed, reporting each
 * other key and each key given twice. Returns the number of problems. */
int hg_ykeys(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *what, const char *const *allowed);
/* Typed getters: 0 on success; -1 after reporting (wrong type, missing when required). */
int hg_ydouble(hg_ydoc *y, hg_diag *d, yaml_node_t *n, double *out);
int hg_ylong(hg_ydoc *y, hg_diag *d, yaml_node_t *n, long *out);
/* Reads a required key of m as a number. */
int hg_ykey_double(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, double *out);
int hg_ykey_long(hg_ydoc *y, hg_diag *d, yaml_node_t *m, const char *key, long *out);
/* A sequence of numbers into a malloc'ed array; *n gets its length. */
int hg_ydoubles(hg_ydoc *y, hg_diag *d, yaml_node_t *seq, double **out, int *n);
/* Number of items of a sequence node and item i. */
int hg_yseq_len(const yaml_node_t *n);
yaml_node_t *hg_yseq_at(hg_ydoc *y, yaml_node_t *n, int i);

#endif
