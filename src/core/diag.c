/* hicgen — diagnostics collector. */
#include "hicgen/diag.h"

#include <stdarg.h>
#include <string.h>

void hg_diag_init(hg_diag *d, FILE *echo)
{
    memset(d, 0, sizeof *d);
    d->echo = echo;
}

void hg_diag_free(hg_diag *d)
{
    hg_buf_free(&d->text);
}

static void emit(hg_diag *d, const char *prefix, const char *fmt, va_list ap)
{
    size_t start = d->text.len;
    hg_buf_puts(&d->text, prefix);
    hg_buf_puts(&d->text, "error: ");
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n > 0) {
        hg_buf_reserve(&d->text, (size_t)n + 2);
        vsnprintf(d->text.p + d->text.len, (size_t)n + 1, fmt, ap2);
        d->text.len += (size_t)n;
    }
    va_end(ap2);
    hg_buf_putc(&d->text, '\n');
    d->nerrors++;
    if (d->echo) {
        fputs("hicgen: ", d->echo);
        fwrite(d->text.p + start, 1, d->text.len - start, d->echo);
        fflush(d->echo);
    }
}

void hg_diag_at(hg_diag *d, const char *file, long line, long col, const char *fmt, ...)
{
    char prefix[1100];
    if (line > 0 && col > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld:%ld: ", file, line, col);
    else if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    va_list ap;
    va_start(ap, fmt);
    emit(d, prefix, fmt, ap);
    va_end(ap);
}

void hg_diag_err(hg_diag *d, const char *where, const char *fmt, ...)
{
    char prefix[1100];
    snprintf(prefix, sizeof prefix, "%s: ", where);
    va_list ap;
    va_start(ap, fmt);
    emit(d, prefix, fmt, ap);
    va_end(ap);
}

int hg_diag_has(const hg_diag *d, const char *needle)
{
    return d->text.p && strstr(d->text.p, needle) != NULL;
}
