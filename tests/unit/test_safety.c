/* The pieces that keep bad input out and the user's files safe: strict number parsing, SQL
 * names, column type limits, temporaries that never follow a planted symbolic link, output
 * paths, leftovers of killed runs, tar headers for members of 8 GiB and more. */
#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include "testutil.h"
#include "hicgen/fsutil.h"
#include "hicgen/num.h"
#include "hicgen/sqlname.h"
#include "sinks/tar.h"
#include "spec/colfit.h"

static void test_numbers(void **state)
{
    (void)state;
    double v;
    long long i;
    int ym;
    static const char *const good[] = {"0", "-12", "3.5", ".5", "1e-3", "2E+4", "-0.25"};
    for (size_t k = 0; k < sizeof good / sizeof *good; k++)
        assert_int_equal(hg_parse_num(good[k], &v), 0);
    assert_true(hg_parse_num("1e-3", &v) == 0 && fabs(v - 0.001) < 1e-15);
    /* what strtod would take but a reader would not expect */
    static const char *const bad[] = {"",     "nan",   "NaN", "inf", "-inf", "infinity",
                                      "0x10", " 1",    "1 ",  "+1",  "1e",   "e5",
                                      ".",    "1e999", "1,5", "--1", "1.2.3"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        if (hg_parse_num(bad[k], &v) == 0) fail_msg("'%s' was taken as a number", bad[k]);
    }
    assert_int_equal(hg_parse_int("-42", &i), 0);
    assert_int_equal(i, -42);
    assert_int_equal(hg_parse_int("9223372036854775807", &i), 0);
    static const char *const badi[] = {"", " 1", "+1", "1.0", "9223372036854775808", "0x1", "-"};
    for (size_t k = 0; k < sizeof badi / sizeof *badi; k++)
        if (hg_parse_int(badi[k], &i) == 0) fail_msg("'%s' was taken as a whole number", badi[k]);
    assert_int_equal(hg_parse_month("2022-04", &ym), 0);
    assert_int_equal(ym, 202204);
    static const char *const badm[] = {" 2022-4", "2022-4",   "2022-13", "2022-00",
                                       "1989-12", "2022-04 ", "2022/04", "+022-04"};
    for (size_t k = 0; k < sizeof badm / sizeof *badm; k++)
        if (hg_parse_month(badm[k], &ym) == 0) fail_msg("'%s' was taken as a month", badm[k]);
}

static void test_sql_names(void **state)
{
    (void)state;
    assert_null(hg_sqlname_problem("tnds_t_rcp_med_re"));
    assert_null(hg_sqlname_problem("_x1"));
    assert_non_null(hg_sqlname_problem("select"));
    assert_non_null(hg_sqlname_problem("user"));
    assert_non_null(hg_sqlname_problem("Upper"));
    assert_non_null(hg_sqlname_problem("1abc"));
    assert_non_null(hg_sqlname_problem("a-b"));
    assert_non_null(hg_sqlname_problem(""));
    char long64[65];
    memset(long64, 'a', 64);
    long64[64] = '\0';
    assert_non_null(hg_sqlname_problem(long64));
    char q[32];
    assert_int_equal(hg_sql_quote_ident(q, sizeof q, "a\"b"), 0);
    assert_string_equal(q, "\"a\"\"b\"");
    assert_int_equal(hg_sql_quote_ident(q, 4, "abcdef"), -1);
}

static hg_column col(int type, int length, int scale)
{
    hg_column c;
    memset(&c, 0, sizeof c);
    c.type = type;
    c.length = length;
    c.scale = scale;
    return c;
}

static void test_column_limits(void **state)
{
    (void)state;
    hg_column s = col(HG_T_SMALLINT, 0, 0), n = col(HG_T_NUMERIC, 5, 2),
              v = col(HG_T_VARCHAR, 3, 0), dt = col(HG_T_DATE, 0, 0);
    assert_null(hg_col_text_problem(&s, "32767"));
    assert_non_null(hg_col_text_problem(&s, "32768"));
    assert_non_null(hg_col_text_problem(&s, "1e6"));
    assert_non_null(hg_col_text_problem(&s, "1.5"));
    assert_null(hg_col_text_problem(&n, "999.99"));
    assert_non_null(hg_col_text_problem(&n, "1000"));
    assert_non_null(hg_col_text_problem(&n, "999.999")); /* rounds to 1000.00 */
    assert_non_null(hg_col_text_problem(&n, "nan"));
    assert_null(hg_col_text_problem(&v, "あいう"));
    assert_non_null(hg_col_text_problem(&v, "abcd"));
    assert_null(hg_col_text_problem(&dt, "2024-02-29"));
    assert_non_null(hg_col_text_problem(&dt, "2023-02-29"));
    assert_non_null(hg_col_text_problem(&dt, "2023-2-1"));
    hg_column u = col(HG_T_INTEGER, 0, 0);
    u.src = HG_SRC_DIST;
    u.dist.kind = HG_D_UNIFORM_INT;
    u.dist.a = 0;
    u.dist.b = 1e10; /* more values than the generator draws */
    char buf[200];
    assert_non_null(hg_col_dist_problem(&u, buf, sizeof buf));
    u.dist.b = 2147483647;
    assert_null(hg_col_dist_problem(&u, buf, sizeof buf));
    u.dist.a = -1e300;
    assert_non_null(hg_col_dist_problem(&u, buf, sizeof buf));
    hg_column g = col(HG_T_SMALLINT, 0, 0);
    g.dist.kind = HG_D_NORMAL;
    g.dist.a = 100;
    g.dist.b = 10;
    g.dist.lo = 1;
    g.dist.hi = 0; /* no clamp: 40 sd either side */
    assert_null(hg_col_dist_problem(&g, buf, sizeof buf));
    g.dist.b = 1000;
    assert_non_null(hg_col_dist_problem(&g, buf, sizeof buf));
    g.dist.lo = 0;
    g.dist.hi = 200;
    assert_null(hg_col_dist_problem(&g, buf, sizeof buf));
    g.dist.decimals = 1;
    assert_non_null(hg_col_dist_problem(&g, buf, sizeof buf));
}

static void test_temporaries(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char victim[600], target[600], tmp[700];
    snprintf(victim, sizeof victim, "%s/victim", dir);
    snprintf(target, sizeof target, "%s/out.csv", dir);
    tu_write(victim, "precious\n");
    /* a symbolic link planted where a file is to be created is neither followed nor replaced */
    assert_int_equal(symlink(victim, target), 0);
    FILE *f = hg_create_excl(target);
    assert_null(f);
    assert_int_equal(errno, EEXIST);
    char *back = tu_read(victim, NULL);
    assert_string_equal(back, "precious\n");
    free(back);
    /* temporaries are private and unique */
    FILE *t = hg_mkstemp_beside(target, "tmp", tmp, sizeof tmp);
    assert_non_null(t);
    fclose(t);
    struct stat st;
    assert_int_equal(lstat(tmp, &st), 0);
    assert_true(S_ISREG(st.st_mode) && (st.st_mode & 077) == 0);
    assert_non_null(strstr(tmp, "out.csv.hicgen-tmp-"));
    char tdir[700];
    assert_int_equal(hg_mkdtemp_beside(target, "tmp", tdir, sizeof tdir), 0);
    assert_int_equal(lstat(tdir, &st), 0);
    assert_true(S_ISDIR(st.st_mode) && (st.st_mode & 077) == 0);
    assert_string_not_equal(tmp, tdir);
    /* ours (this process runs) are not stale; a dead pid's are */
    char prefix[64], **stale = hg_stale_temps(dir, "out.csv.hicgen-tmp-");
    assert_null(stale[0]);
    hg_free_list(stale);
    char dead[700];
    snprintf(dead, sizeof dead, "%s/out.csv.hicgen-tmp-999999999-abcdef", dir);
    assert_int_equal(mkdir(dead, 0700), 0);
    snprintf(prefix, sizeof prefix, "out.csv.hicgen-tmp-");
    stale = hg_stale_temps(dir, prefix);
    assert_non_null(stale[0]);
    assert_string_equal(stale[0], dead);
    assert_null(stale[1]);
    hg_free_list(stale);
    tu_rmdir(dir);
    free(dir);
}

static void test_out_paths(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char arg[600], abs[4096], err[600], **made = NULL;
    /* a missing parent is created like mkdir -p; trailing slashes do not matter */
    snprintf(arg, sizeof arg, "%s/runs/2022/a///", dir);
    assert_int_equal(hg_out_path(arg, 1, abs, sizeof abs, &made, err, sizeof err), 0);
    assert_non_null(strstr(abs, "/runs/2022/a"));
    assert_int_equal(abs[strlen(abs) - 1], 'a');
    assert_non_null(made);
    assert_non_null(made[1]);
    hg_mkdirs_undo(made); /* both created directories go again */
    made = NULL;
    snprintf(arg, sizeof arg, "%s/runs", dir);
    struct stat st;
    assert_int_not_equal(stat(arg, &st), 0);
    /* a symbolic link to a directory resolves to it; a dangling one is refused */
    char real[600], link[600];
    snprintf(real, sizeof real, "%s/real", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    assert_int_equal(mkdir(real, 0755), 0);
    assert_int_equal(symlink(real, link), 0);
    assert_int_equal(hg_out_path(link, 1, abs, sizeof abs, &made, err, sizeof err), 0);
    assert_non_null(strstr(abs, "/real"));
    snprintf(link, sizeof link, "%s/dangling", dir);
    assert_int_equal(symlink("/nonexistent/x", link), 0);
    assert_int_equal(hg_out_path(link, 1, abs, sizeof abs, &made, err, sizeof err), -1);
    assert_non_null(strstr(err, "leads nowhere"));
    assert_int_equal(hg_out_path("/", 1, abs, sizeof abs, &made, err, sizeof err), -1);
    assert_int_equal(hg_out_path("", 1, abs, sizeof abs, &made, err, sizeof err), -1);
    hg_free_list(made);
    tu_rmdir(dir);
    free(dir);
}

/* The checksum of a header block, as tar computes it. */
static unsigned block_sum(const unsigned char *h)
{
    unsigned s = 0;
    for (int i = 0; i < 512; i++) s += i >= 148 && i < 156 ? ' ' : h[i];
    return s;
}

static void test_tar_headers(void **state)
{
    (void)state;
    unsigned char h[HG_TAR_HEADER_MAX];
    assert_int_equal(hg_tar_header(h, "a/b.csv.gz", 1234, 0, 1700000000), 512);
    assert_memory_equal(h + 124, "00000002322", 11);
    assert_int_equal(strtoul((char *)h + 148, NULL, 8), block_sum(h));
    assert_int_equal(hg_tar_header(h, "a/b", HG_TAR_USTAR_MAX, 0, 0), 512);
    /* 9 GiB: a pax header whose record carries the size, then the member's ustar header */
    uint64_t big = 9ULL << 30;
    assert_int_equal(hg_tar_header(h, "a/big.csv.gz", big, 0, 0), 1536);
    assert_int_equal(h[156], 'x');
    assert_int_equal(strtoul((char *)h + 148, NULL, 8), block_sum(h));
    assert_string_equal((char *)h + 512, "19 size=9663676416\n");
    assert_int_equal(strtoul((char *)h + 124, NULL, 8), strlen("19 size=9663676416\n"));
    const unsigned char *m = h + 1024;
    assert_string_equal((char *)m, "a/big.csv.gz");
    assert_int_equal(m[156], '0');
    assert_int_equal(m[124], 0x80); /* GNU base-256 as well */
    uint64_t got = 0;
    for (int i = 125; i < 136; i++) got = got << 8 | m[i];
    assert_true(got == big);
    assert_int_equal(strtoul((char *)m + 148, NULL, 8), block_sum(m));
    char name[120];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    assert_int_equal(hg_tar_header(h, name, 1, 0, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),       cmocka_unit_test(test_sql_names),
        cmocka_unit_test(test_column_limits), cmocka_unit_test(test_temporaries),
        cmocka_unit_test(test_out_paths),     cmocka_unit_test(test_tar_headers),
    };
    return cmocka_run_group_tests_name("safety", tests, NULL, NULL);
}
