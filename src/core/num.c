/* hicgen — strict number parsing (see num.h). */
#include "hicgen/num.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

int hg_parse_num(const char *s, double *out)
{
    if (!s) return -1;
    const char *p = s;
    if (*p == '-') p++;
    int digits = 0;
    while (digit(*p)) p++, digits++;
    if (*p == '.') {
        p++;
        while (digit(*p)) p++, digits++;
    }
    if (!digits) return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+') p++;
        if (!digit(*p)) return -1;
        while (digit(*p)) p++;
    }
    if (*p) return -1;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v) || (errno == ERANGE && v != 0)) return -1;
    *out = v;
    return 0;
}

int hg_parse_month(const char *s, int *ym)
{
    if (!s || strlen(s) != 7 || s[4] != '-') return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && !digit(s[i])) return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12 || y < 1990 || y > 2100) return -1;
    *ym = y * 100 + m;
    return 0;
}

int hg_parse_int(const char *s, long long *out)
{
    if (!s) return -1;
    const char *p = s + (*s == '-');
    if (!digit(*p)) return -1;
    while (digit(*p)) p++;
    if (*p) return -1;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || errno) return -1;
    *out = v;
    return 0;
}
