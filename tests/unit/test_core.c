/* Unit tests: random streams, 和暦 and other value formats, dates, points rules. */
#include <math.h>
#include "testutil.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include "hicgen/date.h"
#include "hicgen/ddist.h"
#include "hicgen/hash.h"
#include "families/med/med.h"
#include "hicgen/model.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"
#include "hicgen/value.h"

static void test_streams_are_keyed(void **state)
{
    (void)state;
    gsl_rng *a = hg_rng_alloc(), *b = hg_rng_alloc();
    uint64_t p = hg_hash_str("demography");
    hg_rng_stream(a, 42, 7, p);
    gsl_rng_uniform(a); /* draws elsewhere do not matter: re-keying restarts the stream */
    hg_rng_stream(a, 42, 7, p);
    hg_rng_stream(b, 42, 7, p);
    for (int i = 0; i < 100; i++) assert_true(gsl_rng_get(a) == gsl_rng_get(b));
    /* a different seed, person or purpose gives a different stream */
    uint64_t first = (hg_rng_stream(a, 42, 7, p), gsl_rng_get(a));
    assert_true(first != (hg_rng_stream(b, 43, 7, p), gsl_rng_get(b)));
    assert_true(first != (hg_rng_stream(b, 42, 8, p), gsl_rng_get(b)));
    assert_true(first != (hg_rng_stream(b, 42, 7, hg_hash_str("names")), gsl_rng_get(b)));
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* The stream purposes are part of the output's definition: these names are pinned so that
 * renaming one (which would silently change every dataset) fails here first. Changing this
 * list is a deliberate change of the output. */
static void test_stream_names_pinned(void **state)
{
    (void)state;
    static const char *const pinned[] = {
        "demography",    "names",         "conditions",     "insurance",   "life",
        "initial stays", "stay length",   "treatment",      "episode",     "visit interval",
        "care",          "pharmacy",      "usual pharmacy", "lifestyle",   "checkup",
        "dental",        "dental clinic", "care need",      "care survey", "care services",
        "municipality"};
    assert_int_equal(HG_NSTREAMS, sizeof pinned / sizeof pinned[0]);
    for (int i = 0; i < HG_NSTREAMS; i++) {
        assert_string_equal(hg_stream_name((hg_stream_id)i), pinned[i]);
        assert_true(hg_stream((hg_stream_id)i) == hg_hash_str(pinned[i]));
        /* purposes take offsets of up to a few thousand (months, years, items): never close */
        for (int j = 0; j < i; j++) {
            uint64_t a = hg_stream((hg_stream_id)i), b = hg_stream((hg_stream_id)j);
            assert_true((a > b ? a - b : b - a) > 1000000);
        }
    }
}

/* Chi-square test of uniformity over 100 cells, pooled across 10,000 streams (one per person):
 * keyed streams must not be correlated with their keys. Critical value at p = 0.001 with 99
 * degrees of freedom is 148.2; the seed is fixed so the outcome is too. */
static void test_streams_uniform(void **state)
{
    (void)state;
    gsl_rng *r = hg_rng_alloc();
    double cells[100] = {0};
    int n = 0;
    for (uint64_t person = 0; person < 10000; person++) {
        hg_rng_stream(r, 1, person, hg_hash_str("test"));
        for (int k = 0; k < 10; k++, n++) cells[(int)(gsl_rng_uniform(r) * 100)]++;
    }
    double chi = 0, e = n / 100.0;
    for (int i = 0; i < 100; i++) chi += (cells[i] - e) * (cells[i] - e) / e;
    assert_true(chi < gsl_cdf_chisq_Qinv(0.001, 99));
    /* and the first draw of successive persons is not trending */
    double sum = 0;
    for (uint64_t person = 0; person < 10000; person++) {
        hg_rng_stream(r, 1, person, hg_hash_str("first"));
        sum += gsl_rng_uniform(r);
    }
    assert_true(fabs(sum / 10000 - 0.5) < 4 * sqrt(1.0 / 12 / 10000));
    /* GSL's distributions run on our generator: mean of a Poisson(3) */
    double ps = 0;
    for (int i = 0; i < 20000; i++) ps += gsl_ran_poisson(r, 3.0);
    assert_true(fabs(ps / 20000 - 3.0) < 4 * sqrt(3.0 / 20000));
    gsl_rng_free(r);
}

static void test_wareki(void **state)
{
    (void)state;
    int era, y;
    assert_int_equal(hg_wareki(20160501, &era, &y), 0);
    assert_int_equal(era, 4);
    assert_int_equal(y, 28);
    assert_int_equal(hg_wareki(19890107, &era, &y), 0); /* last day of 昭和 */
    assert_int_equal(era, 3);
    assert_int_equal(y, 64);
    assert_int_equal(hg_wareki(19890108, &era, &y), 0);
    assert_int_equal(era, 4);
    assert_int_equal(y, 1);
    assert_int_equal(hg_wareki(20190430, &era, &y), 0);
    assert_int_equal(era, 4);
    assert_int_equal(y, 31);
    assert_int_equal(hg_wareki(20190501, &era, &y), 0);
    assert_int_equal(era, 5);
    assert_int_equal(y, 1);
    assert_int_equal(hg_wareki(19170101, &era, &y), 0);
    assert_int_equal(era, 2);
    assert_int_equal(y, 6);

    hg_buf b = {0};
    hg_value v = hg_vdate(20160513);
    hg_value_text(&b, &v, HG_F_GYYMM, 0);
    assert_string_equal(b.p, "42805"); /* formats.md: 42805 = 平成28年5月 */
    hg_buf_clear(&b);
    v = hg_vdate(20160113);
    hg_value_text(&b, &v, HG_F_GYYMMDD, 0);
    assert_string_equal(b.p, "4280113");
    hg_buf_clear(&b);
    v = hg_vdate(19420815);
    hg_value_text(&b, &v, HG_F_GYYMM, 0);
    assert_string_equal(b.p, "31708"); /* 昭和17年8月 */
    hg_buf_clear(&b);
    v = hg_vint(3);
    hg_value_text(&b, &v, HG_F_ZEROPAD, 5);
    assert_string_equal(b.p, "00003");
    hg_buf_clear(&b);
    v = hg_vdec(15000, 5);
    hg_value_text(&b, &v, HG_F_PLAIN, 0);
    assert_string_equal(b.p, "0.15");
    hg_buf_clear(&b);
    v = hg_vdec(300000, 5);
    hg_value_text(&b, &v, HG_F_PLAIN, 0);
    assert_string_equal(b.p, "3");
    hg_buf_clear(&b);
    v = hg_vstr("x");
    assert_int_equal(hg_value_text(&b, &v, HG_F_GYYMM, 0), -1);
    hg_buf_free(&b);
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(hg_ymd(hg_days(20240228) + 1), 20240229);
    assert_int_equal(hg_ymd(hg_days(20230228) + 1), 20230301);
    assert_int_equal(hg_days(19700101), 0);
    assert_int_equal(hg_ym_add(202211, 3), 202302);
    assert_int_equal(hg_ym_add(202201, -1), 202112);
    assert_int_equal(hg_age(19470401, 20220331), 74);
    assert_int_equal(hg_age(19470401, 20220401), 75);
    assert_int_equal(hg_month_days(2024, 2), 29);
    assert_int_equal(hg_month_days(1900, 2), 28);
    assert_true(hg_date_valid(20240229));
    assert_false(hg_date_valid(20230229));
}

static void test_drug_points(void **state)
{
    (void)state;
    const int64_t yen = 10000000; /* 1 yen in the ×10^7 scale */
    assert_int_equal(hg_drug_points(10 * yen), 1);
    assert_int_equal(hg_drug_points(15 * yen), 1);
    assert_int_equal(hg_drug_points(15 * yen + 1), 2);
    assert_int_equal(hg_drug_points(25 * yen), 2);
    assert_int_equal(hg_drug_points(26 * yen), 3);   /* ガスター散 1 g at 26.00 */
    assert_int_equal(hg_drug_points(317 * yen), 32); /* 生理食塩液 1.3 L */
}

static void test_insurer_check_digit(void **state)
{
    (void)state;
    /* formats.md sample HO record: 01130012 (協会けんぽ 東京) */
    assert_int_equal(hg_insurer_check_digit("0113001"), 2);
    /* a change in any digit changes the check digit */
    assert_int_not_equal(hg_insurer_check_digit("0113002"), 2);
}

/* Number formatting: every digit count, both signs, the extremes and zero padding, against
 * printf (the formatters are written by hand for speed). */
static void test_number_text(void **state)
{
    (void)state;
    int64_t vals[] = {0,         1,    9,    10,    99,        100,
                      999,       1000, 9999, 10000, 123456789, 1000000000000,
                      INT64_MAX, -1,   -10,  -9999, -10000,    INT64_MIN};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        char want[64];
        hg_buf b = {0};
        hg_buf_int(&b, vals[i]);
        snprintf(want, sizeof want, "%lld", (long long)vals[i]);
        assert_string_equal(b.p, want);
        for (int w = 0; w <= 24; w += 3) {
            hg_buf_clear(&b);
            hg_buf_zint(&b, vals[i], w);
            snprintf(want, sizeof want, "%0*lld", w, vals[i] < 0 ? 0LL : (long long)vals[i]);
            assert_string_equal(b.p, want);
        }
        hg_buf_free(&b);
    }
    /* appended after earlier text, growing the buffer */
    hg_buf b = {0};
    for (int i = 0; i < 1000; i++) hg_buf_int(&b, i);
    assert_int_equal(b.len, 10 + 90 * 2 + 900 * 3);
    assert_memory_equal(b.p + b.len - 6, "998999", 6);
    hg_buf_free(&b);
    /* dates: ISO form, and the 和暦 forms of the same day */
    hg_value d = hg_vdate(20230105);
    hg_buf_clear(&b);
    assert_int_equal(hg_value_text(&b, &d, HG_F_PLAIN, 0), 0);
    assert_string_equal(b.p, "2023-01-05");
    hg_buf_clear(&b);
    assert_int_equal(hg_value_text(&b, &d, HG_F_GYYMMDD, 0), 0);
    assert_string_equal(b.p, "5050105");
    hg_buf_free(&b);
}

/* Quantiles of a discrete distribution walk its values in ascending order, whatever the order
 * they were written in (the visit interval's copula relies on it). */
static void test_ddist_quantile(void **state)
{
    (void)state;
    hg_ddist d;
    const char *why = NULL;
    assert_int_equal(hg_ddist_parse(&d, "28:0.5;14:0.3;56:0.2", &why), 0);
    assert_int_equal(hg_ddist_quantile(&d, 0.0), 14);
    assert_int_equal(hg_ddist_quantile(&d, 0.29), 14);
    assert_int_equal(hg_ddist_quantile(&d, 0.31), 28);
    assert_int_equal(hg_ddist_quantile(&d, 0.79), 28);
    assert_int_equal(hg_ddist_quantile(&d, 0.81), 56);
    assert_int_equal(hg_ddist_quantile(&d, 0.9999999), 56);
    assert_int_equal(hg_ddist_quantile(&d, 1.0), 56);
    /* uniform u gives the distribution's own shares */
    int n14 = 0, n56 = 0;
    for (int i = 0; i < 10000; i++) {
        int v = hg_ddist_quantile(&d, (i + 0.5) / 10000);
        n14 += v == 14;
        n56 += v == 56;
    }
    assert_int_equal(n14, 3000);
    assert_int_equal(n56, 2000);
    hg_ddist_free(&d);
    hg_ddist empty = {0};
    assert_int_equal(hg_ddist_quantile(&empty, 0.5), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_streams_are_keyed),
        cmocka_unit_test(test_streams_uniform),
        cmocka_unit_test(test_stream_names_pinned),
        cmocka_unit_test(test_wareki),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_drug_points),
        cmocka_unit_test(test_insurer_check_digit),
        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_ddist_quantile),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
