/* Unit tests: CSV reading, project masters, official (Shift_JIS) masters, model loading. */
#include <math.h>
#include "testutil.h"
#include "hicgen/csv.h"
#include "hicgen/engine.h"
#include "hicgen/master.h"

static void test_csv_quoting(void **state)
{
    (void)state;
    hg_csv c;
    hg_diag d;
    hg_diag_init(&d, NULL);
    assert_int_equal(hg_csv_open_text(&c, "x.csv", "a,\"b,c\",\"d\"\"e\"\r\n\n,last\n", &d), 0);
    assert_int_equal(hg_csv_next(&c, &d), 1);
    assert_int_equal(c.nfields, 3);
    assert_string_equal(c.fields[1], "b,c");
    assert_string_equal(c.fields[2], "d\"e");
    assert_int_equal(hg_csv_next(&c, &d), 1);
    assert_int_equal(c.nfields, 2);
    assert_string_equal(c.fields[0], "");
    assert_int_equal(hg_csv_next(&c, &d), 0);
    hg_csv_close(&c);
    hg_diag_free(&d);
}

static void expect_master_error(const char *text, int keyed, const char *what)
{
    hg_mtab m;
    hg_diag d;
    hg_diag_init(&d, NULL);
    static const char *const req[] = {"code", "name", NULL};
    int rc = hg_mtab_load_text(&m, "demo", "demo.csv", text, req, keyed, &d);
    if (rc == 0 || !hg_diag_has(&d, what)) {
        print_error("expected '%s', got: %s\n", what, d.text.p ? d.text.p : "(none)");
        fail();
    }
    hg_mtab_free(&m);
    hg_diag_free(&d);
}

static void test_master_errors(void **state)
{
    (void)state;
    /* the first field of the file is column 1 (found by fuzzing: it was 0) */
    expect_master_error("\"code,name\n", 1, "demo.csv:1:1: error: a quoted field is never closed");
    expect_master_error("code,name\n1,a\n2,\"b\n", 1,
                        "demo.csv:3:3: error: a quoted field is never closed");
    expect_master_error("code,name\n1,a,extra\n", 1,
                        "demo.csv:2:5: error: 3 fields where the header has 2");
    expect_master_error("code,name\n1,a\n2\n", 1,
                        "demo.csv:3:1: error: 1 fields where the header has 2");
    expect_master_error("code,name\n1,a\n1,b\n", 1,
                        "demo.csv:3: error: code code '1' appears twice (first at line 2)");
    expect_master_error("code\n1\n", 1, "demo.csv:1: error: missing column 'name'");
    expect_master_error("code,name\n1,a\"b\n", 1,
                        "demo.csv:2:4: error: a quote inside an unquoted field");
    expect_master_error("code,name\n1,\xff\xfe\n", 1, "demo.csv:2:3: error: invalid UTF-8");
    /* columns count characters: あ is one */
    expect_master_error("code,name\n1,\xe3\x81\x82\xff\n", 1,
                        "demo.csv:2:4: error: invalid UTF-8 (byte 0xFF)");
    /* what a loose check lets through: a surrogate, overlong forms, beyond U+10FFFF */
    expect_master_error("code,name\n1,\xed\xa0\x80\n", 1, "demo.csv:2:3: error: invalid UTF-8");
    expect_master_error("code,name\n1,\xc0\xaf\n", 1, "demo.csv:2:3: error: invalid UTF-8");
    expect_master_error("code,name\n1,\xe0\x80\xaf\n", 1, "demo.csv:2:3: error: invalid UTF-8");
    expect_master_error("code,name\n1,\xf0\x80\x80\xaf\n", 1, "demo.csv:2:3: error: invalid UTF-8");
    expect_master_error("code,name\n1,\xf4\x90\x80\x80\n", 1, "demo.csv:2:3: error: invalid UTF-8");
    expect_master_error("", 1, "empty master");
}

static void test_master_lookup_and_types(void **state)
{
    (void)state;
    hg_mtab m;
    hg_diag d;
    hg_diag_init(&d, NULL);
    static const char *const req[] = {"code", NULL};
    assert_int_equal(hg_mtab_load_text(
                         &m, "demo", "demo.csv",
                         "code,points,price,name\n0703025,288,15.20,x\n111,73,9.8,y\n", req, 1, &d),
                     0);
    assert_int_equal(hg_mtab_find(&m, "111"), 1);
    assert_int_equal(hg_mtab_find(&m, "0703025"), 0);
    assert_int_equal(hg_mtab_find(&m, "999"), -1);
    /* typed by content: codes with leading zeros stay text */
    assert_int_equal(m.kind.fields[0].kind, HG_V_STR);
    assert_int_equal(m.kind.fields[1].kind, HG_V_INT);
    assert_int_equal(m.kind.fields[2].kind, HG_V_DEC);
    assert_string_equal(m.kind.name, "m_demo");
    hg_mtab_free(&m);
    hg_diag_free(&d);
}

static void test_official_masters(void **state)
{
    (void)state;
    hg_engine g;
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_model_paths p = {"specs", "masters", "tests/fixtures/official"};
    int rc = hg_engine_load(&g, &p, &d);
    if (rc) print_error("%s", d.text.p);
    assert_int_equal(rc, 0);
    /* read from Shift_JIS, converted to UTF-8, positions as in the layout */
    int r = hg_mtab_find(&g.model.skwd, "8833421");
    assert_true(r >= 0);
    assert_string_equal(hg_mtab_cell(&g.model.skwd, r, hg_mtab_col(&g.model.skwd, "skwd_std_name")),
                        "高血圧症");
    assert_string_equal(hg_mtab_cell(&g.model.skwd, r, hg_mtab_col(&g.model.skwd, "icd_10_1")),
                        "I10");
    r = hg_mtab_find(&g.model.prac_act, "111000110");
    assert_int_equal(g.model.act_points[r], 288); /* "288.00" */
    r = hg_mtab_find(&g.model.medicine, "610406079");
    assert_string_equal(
        hg_mtab_cell(&g.model.medicine, r, hg_mtab_col(&g.model.medicine, "drug_price_std_cd")),
        "2325003B2029");
    /* the FY2022 price overlay prices a pack: 9.2 for 10 mL is 0.92 for the code's mL */
    int price = hg_mtab_col(&g.model.medicine, "nnp_price");
    assert_string_equal(hg_mtab_cell(&g.model.medicine, r, price), "26");
    r = hg_mtab_find(&g.model.medicine, "610407025");
    assert_string_equal(hg_mtab_cell(&g.model.medicine, r, price), "0.92");
    /* the 特定器材 master: a stent at its FY2022 price */
    r = hg_mtab_find(&g.model.spcfc_dev, "710010026");
    assert_true(r >= 0);
    assert_int_equal(g.model.dev_price_1e2[r], 13600000); /* 136,000 yen */
    assert_string_equal(g.model.official, "yes");
    hg_engine_free(&g);
    hg_diag_free(&d);
}

static void test_official_master_errors(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/y_bad.csv", dir);
    /* wrong kind letter, too few fields, not Shift_JIS */
    tu_write(path, "\"0\",\"B\",\"123\"\r\n");
    hg_mtab m;
    hg_diag d;
    hg_diag_init(&d, NULL);
    static const char *const cols[] = {"medicine_cd", "msn_kanj"};
    static const int pos[] = {2, 4};
    assert_int_not_equal(hg_mtab_load_official(&m, "medicine", path, 2, cols, pos, 0, "Y", &d), 0);
    assert_true(hg_diag_has(&d, "y_bad.csv:1: error: 3 fields, but the layout needs at least 5"));
    hg_mtab_free(&m);
    tu_write(path, "\"0\",\"B\",\"123\",\"\",\"x\"\r\n");
    assert_int_not_equal(hg_mtab_load_official(&m, "medicine", path, 2, cols, pos, 0, "Y", &d), 0);
    assert_true(hg_diag_has(&d, "field 2 is 'B' where a medicine master has 'Y'"));
    hg_mtab_free(&m);
    /* a file cut short: the last record has fewer fields and no line break */
    tu_write(path, "\"0\",\"Y\",\"123\",\"\",\"x\"\r\n\"0\",\"Y\",\"45");
    assert_int_not_equal(hg_mtab_load_official(&m, "medicine", path, 2, cols, pos, 0, "Y", &d), 0);
    assert_true(hg_diag_has(&d, "y_bad.csv:2:9: error: a quoted field is never closed"));
    hg_mtab_free(&m);
    tu_write(path, "\"0\",\"Y\",\"123\",\"\",\"x\"\r\n\"0\",\"Y\",\"45\"");
    assert_int_not_equal(hg_mtab_load_official(&m, "medicine", path, 2, cols, pos, 0, "Y", &d), 0);
    assert_true(hg_diag_has(&d, "y_bad.csv:2:9: error: 3 fields where the first record has 5 and "
                                "no line break ends it (is the file truncated"));
    hg_mtab_free(&m);
    /* cut at a field boundary: as many fields, but no line break */
    tu_write(path, "\"0\",\"Y\",\"123\",\"\",\"x\"\r\n\"0\",\"Y\",\"456\",\"\",\"y\"");
    assert_int_not_equal(hg_mtab_load_official(&m, "medicine", path, 2, cols, pos, 0, "Y", &d), 0);
    assert_true(hg_diag_has(&d, "y_bad.csv:2:"));
    assert_true(hg_diag_has(&d, "no line break ends it"));
    hg_mtab_free(&m);
    tu_write(path, "\"0\",\"Y\",\"123\",\"\",\"\x82\"\r\n"); /* a lead byte with no trail byte */
    assert_int_not_equal(hg_mtab_load_official(&m, "medicine", path, 2, cols, pos, 0, "Y", &d), 0);
    assert_true(hg_diag_has(&d, "not valid CP932 text"));
    hg_mtab_free(&m);
    hg_diag_free(&d);
    tu_rmdir(dir);
    free(dir);
}

/* A copy of the project's masters with one line broken. */
static char *broken_masters(const char *file, const char *from, const char *to)
{
    char *dir = tu_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp -r masters/. '%s'/", dir);
    assert_int_equal(system(cmd), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *text = tu_read(path, NULL);
    char *at = strstr(text, from);
    assert_non_null(at);
    hg_buf b = {0};
    hg_buf_put(&b, text, (size_t)(at - text));
    hg_buf_puts(&b, to);
    hg_buf_puts(&b, at + strlen(from));
    tu_write(path, b.p);
    hg_buf_free(&b);
    free(text);
    return dir;
}

/* The line of the first line of file holding needle (1-based; 0 when none): messages name it,
 * and the line moves when the file is edited above it. */
static int line_holding(const char *file, const char *needle)
{
    FILE *f = fopen(file, "r");
    char buf[4096];
    int n = 0, found = 0;
    assert_non_null(f);
    while (!found && fgets(buf, sizeof buf, f)) {
        n++;
        found = strstr(buf, needle) != NULL;
    }
    fclose(f);
    return found ? n : 0;
}

static void expect_model_error(const char *file, const char *from, const char *to, const char *what)
{
    char *dir = broken_masters(file, from, to);
    hg_engine g;
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_model_paths p = {"specs", dir, NULL};
    int rc = hg_engine_load(&g, &p, &d);
    if (rc == 0 || !hg_diag_has(&d, what)) {
        print_error("expected '%s', got: %s\n", what, d.text.p ? d.text.p : "(none)");
        fail();
    }
    hg_engine_free(&g);
    hg_diag_free(&d);
    tu_rmdir(dir);
    free(dir);
}

/* A copy of the project's specs and masters with one file's text replaced (rel: a path below
 * the project, e.g. "specs/model/population.yaml"); expects the load to fail saying what. */
static void expect_input_error(const char *rel, const char *from, const char *to, const char *what)
{
    char *dir = tu_tmpdir();
    char cmd[1024], path[1024], specs[600], masters[600];
    snprintf(cmd, sizeof cmd, "cp -r specs masters '%s'/", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    char *text = tu_read(path, NULL);
    assert_non_null(text);
    char *at = strstr(text, from);
    assert_non_null(at);
    hg_buf b = {0};
    hg_buf_put(&b, text, (size_t)(at - text));
    hg_buf_puts(&b, to);
    hg_buf_puts(&b, at + strlen(from));
    tu_write(path, b.p);
    hg_buf_free(&b);
    free(text);
    snprintf(specs, sizeof specs, "%s/specs", dir);
    snprintf(masters, sizeof masters, "%s/masters", dir);
    hg_engine g;
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_model_paths p = {specs, masters, NULL};
    int rc = hg_engine_load(&g, &p, &d);
    if (rc == 0 || !hg_diag_has(&d, what)) {
        print_error("%s: expected '%s', got: %s\n", rel, what, d.text.p ? d.text.p : "(none)");
        fail();
    }
    hg_engine_free(&g);
    hg_diag_free(&d);
    tu_rmdir(dir);
    free(dir);
}

/* The fixed capacities that remain are load-time limits: each is reported as an input error
 * (never a silent cut), with the file and, where known, the line. */
static void test_load_time_limits(void **state)
{
    (void)state;
    /* 33 age bands (HG_MAX_BANDS is 32) */
    hg_buf b = {0};
    hg_buf_puts(&b, "  pyramid:\n");
    for (int i = 0; i < 33; i++) hg_buf_printf(&b, "    - [%d, 1, 1]\n", i * 3);
    expect_input_error("specs/model/population.yaml", "  pyramid:\n", b.p,
                       "expected a list of [age_from, male, female] (1 to 32 rows)");
    hg_buf_free(&b);
    /* a condition name longer than its field; a 用法 code longer than 3 */
    expect_input_error("masters/clinical/conditions.csv", "HT,高血圧症,Essential hypertension,",
                       "HT,高血圧症,hypertension-hypertension-hypertension-hypertension-"
                       "hypertension-hypertension-hypertension-hypertension-hypertension-"
                       "hypertension-hypertension,",
                       "conditions.csv:2:3: error: name_en is longer than 127 bytes");
    expect_input_error("masters/clinical/condition_drugs.csv", ",,,,,,,,,,,,,,006,,2171022F2025",
                       ",,,,,,,,,,,,,,0061,,2171022F2025",
                       "condition_drugs.csv:2:27: error: direction is longer than 3 bytes");
    /* a 診療科 code of three digits (the receipt's field has two) */
    expect_input_error("masters/clinical/departments.csv", "02,精神科", "102,精神科",
                       "診療科 code '102' must be two digits");
    /* a kana name too long for the name on the card */
    expect_input_error("masters/kana_names.csv", "サトウ,surname",
                       "サトウサトウサトウサトウサトウ,surname", "a name of more than 28 bytes");
    /* a choice of more than 16 codes */
    expect_input_error("specs/model/checkup.yaml", "staff: {\"2\": 0.7, \"3\": 0.3}",
                       "staff: {a: 0.05, b: 0.05, c: 0.05, d: 0.05, e: 0.05, f: 0.05, g: 0.05, "
                       "h: 0.05, i: 0.05, j: 0.05, k: 0.05, l: 0.05, m: 0.05, n: 0.05, o: 0.05, "
                       "p: 0.05, q: 0.2}",
                       "expected a mapping of 1 to 16 codes with their shares");
    /* a master wider than a record's value array (HG_MAX_FIELDS) */
    hg_buf_puts(&b, "code");
    for (int i = 1; i <= HG_MAX_FIELDS; i++) hg_buf_printf(&b, ",c%d", i);
    hg_buf_puts(&b, "\nX1");
    for (int i = 1; i <= HG_MAX_FIELDS; i++) hg_buf_puts(&b, ",1");
    hg_buf_putc(&b, '\n');
    hg_mtab wide;
    hg_diag dw;
    hg_diag_init(&dw, NULL);
    assert_int_not_equal(hg_mtab_load_text(&wide, "wide", "wide.csv", b.p, NULL, 1, &dw), 0);
    char want[96];
    snprintf(want, sizeof want, "wide.csv:1: error: %d columns: a master table has at most %d",
             HG_MAX_FIELDS + 1, HG_MAX_FIELDS);
    assert_true(hg_diag_has(&dw, want));
    hg_mtab_free(&wide);
    hg_diag_free(&dw);
    hg_buf_free(&b);
    /* a table name over PostgreSQL's 63 bytes */
    expect_input_error(
        "specs/tables/tnds_t_rcp_med_re.yaml", "table: tnds_t_rcp_med_re",
        "table: tnds_t_rcp_med_re_with_a_name_far_too_long_for_postgresql_identifiers",
        "must be 1-63 bytes (PostgreSQL cuts longer names)");
}

static void test_model_cross_references(void **state)
{
    (void)state;
    hg_engine g;
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_model_paths p = {"specs", "masters", NULL};
    assert_int_equal(hg_engine_load(&g, &p, &d), 0);
    assert_true(g.model.nconds >= 15);
    hg_engine_free(&g);
    hg_diag_free(&d);
    expect_model_error("clinical/condition_diseases.csv", "HT,8833421,", "HT,1234567,",
                       "condition_diseases.csv:2:2: error: 傷病名 code '1234567' is not in the "
                       "傷病名 master");
    expect_model_error("clinical/condition_drugs.csv", "0,120,internal,1,", "0,120,oral,1,",
                       "condition_drugs.csv:2:11: error: form 'oral' must be");
    expect_model_error("clinical/conditions.csv", "HT,高血圧症,Essential hypertension,chronic",
                       "HT,高血圧症,Essential hypertension,lasting",
                       "conditions.csv:2:4: error: kind 'lasting'");
    expect_model_error("clinical/condition_rates.csv", "HT,20,0.004,", "HT,20,1.5,",
                       "condition_rates.csv:6:3: error: male '1.5' must be a number from 0 to 1");
    char base_err[128];
    snprintf(base_err, sizeof base_err,
             "med.yaml:%d:12: error: 111000110 is not a code of the 診療行為 master",
             line_holding("specs/model/med.yaml", "base: [\"111000110\""));
    expect_model_error("prac_act.csv", "0,S,111000110,", "0,S,111000111,", base_err);
    expect_model_error("clinical/condition_tests.csv", "HT,160019210,", "HX,160019210,",
                       "condition_tests.csv:2:1: error: 'HX' is not a condition of conditions.csv");
    /* the fee rules bill 特定疾患療養管理料 (at most twice a month, by setting): a catalogue row
     * billing it too would double it */
    expect_model_error("clinical/condition_tests.csv", "HT,160019210,クレアチニン",
                       "HT,113001810,クレアチニン",
                       "condition_tests.csv:2: error: 診療行為 113001810 is billed by the fee "
                       "rules (med.yaml codes.tokutei_mgmt)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_master_errors),
        cmocka_unit_test(test_master_lookup_and_types),
        cmocka_unit_test(test_official_masters),
        cmocka_unit_test(test_official_master_errors),
        cmocka_unit_test(test_model_cross_references),
        cmocka_unit_test(test_load_time_limits),
    };
    return cmocka_run_group_tests_name("master", tests, NULL, NULL);
}
