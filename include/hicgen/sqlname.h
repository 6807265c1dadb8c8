/* hicgen — the SQL names hicgen writes: table, column and schema names are plain lower-case
 * identifiers that researchers can type unquoted, so SQL written against the generated tables
 * carries over unchanged. */
#ifndef HICGEN_SQLNAME_H
#define HICGEN_SQLNAME_H

#include <stddef.h>

/* Why name cannot be used unquoted (NULL when it can): 1-63 bytes of a-z, 0-9 and _, starting
 * with a letter or _, and not a word PostgreSQL reserves. */
const char *hg_sqlname_problem(const char *name);
/* Whether word is one PostgreSQL reserves (pg_get_keywords() catcode R or T, PostgreSQL 15):
 * such a word cannot be a table or column name unquoted. */
int hg_sql_reserved(const char *word);
/* name as a quoted identifier ("name", a double quote doubled) into out. Returns 0, or -1 if
 * it does not fit. For names that are already checked, as a second line of defence. */
int hg_sql_quote_ident(char *out, size_t n, const char *name);

#endif
