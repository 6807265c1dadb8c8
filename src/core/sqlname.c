/* hicgen — SQL names (see sqlname.h). */
#include "hicgen/sqlname.h"

#include <stdlib.h>
#include <string.h>

/* PostgreSQL 15: SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T') ORDER BY word;
 * tests/integration/load.sh compares this list with the server's. Sorted (bsearch). */
static const char *const reserved[] = {
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
};

static int cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int hg_sql_reserved(const char *word)
{
    return bsearch(&word, reserved, sizeof reserved / sizeof *reserved, sizeof *reserved, cmp) !=
           NULL;
}

const char *hg_sqlname_problem(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 63) return "must be 1-63 bytes (PostgreSQL cuts longer names)";
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
              name[i] == '_'))
            return "must be lower-case letters, digits and _ only";
    if (name[0] >= '0' && name[0] <= '9') return "must start with a lower-case letter or _";
    if (hg_sql_reserved(name)) return "is a word PostgreSQL reserves (it would need quoting)";
    return NULL;
}

int hg_sql_quote_ident(char *out, size_t n, const char *name)
{
    size_t j = 0;
    if (n < 3) return -1;
    out[j++] = '"';
    for (; *name; name++) {
        if (j + 4 > n) return -1;
        if (*name == '"') out[j++] = '"';
        out[j++] = *name;
    }
    out[j++] = '"';
    out[j] = '\0';
    return 0;
}
