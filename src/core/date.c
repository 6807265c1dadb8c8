/* hicgen — date arithmetic (days_from_civil, after H. Hinnant's public-domain algorithm). */
#include "hicgen/date.h"

int32_t hg_days(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t hg_ymd(int32_t z)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return y * 10000 + m * 100 + d;
}

int hg_month_days(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return md[m - 1];
}

int32_t hg_ym_add(int32_t ym, int n)
{
    int idx = (ym / 100) * 12 + (ym % 100 - 1) + n;
    return (idx / 12) * 100 + idx % 12 + 1;
}

int hg_ym_diff(int32_t a, int32_t b)
{
    return (a / 100 - b / 100) * 12 + a % 100 - b % 100;
}

int hg_age(int32_t birth, int32_t ymd)
{
    int a = ymd / 10000 - birth / 10000;
    if (ymd % 10000 < birth % 10000) a--;
    return a;
}

int hg_date_valid(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= hg_month_days(y, m);
}
