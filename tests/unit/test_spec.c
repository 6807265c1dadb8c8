/* Unit tests: table spec parsing and binding, with the message of every malformed case. */
#include <math.h>
#include "testutil.h"
#include "hicgen/emit.h"
#include "hicgen/package.h"
#include "hicgen/pgload.h"
#include "hicgen/spec.h"

static const hg_field demo_fields[] = {
    {"n", HG_V_INT}, {"name", HG_V_STR}, {"day", HG_V_DATE}, {"amount", HG_V_DEC}};
static const hg_reckind demo_kind = {"demo", 4, demo_fields};

static const char valid[] =
    "table: t_demo\n"
    "family: test\n"
    "record: demo\n"
    "comment: {ja: デモ, en: demo}\n"
    "columns:\n"
    "  - {name: n, type: integer, not_null: true, from: n}\n"
    "  - {name: code, type: varchar(5), from: n, format: zeropad, width: 5}\n"
    "  - {name: ym, type: varchar(5), from: day, format: gyymm}\n"
    "  - {name: d, type: date, from: day}\n"
    "  - {name: amt, type: \"numeric(10,5)\", from: amount}\n"
    "  - {name: flag, type: smallint, const: 1}\n"
    "  - {name: blank, type: varchar(3), null: true}\n"
    "  - {name: pick, type: varchar(1), dist: {kind: choice, values: [a, b], "
    "weights: [1, 3]}}\n"
    "  - {name: label, type: text, comment: {ja: 名前, en: name}, from: name}\n";

static int parse_bind(const char *text, hg_specset *s, hg_diag *d)
{
    hg_registry r = {0};
    hg_registry_add(&r, &demo_kind);
    memset(s, 0, sizeof *s);
    int rc = hg_spec_parse(s, "t.yaml", text, d) ? -1 : hg_spec_bind(s, &r, d) ? -1 : 0;
    hg_registry_free(&r);
    return rc;
}

static void test_valid_spec(void **state)
{
    (void)state;
    hg_specset s;
    hg_diag d;
    hg_diag_init(&d, NULL);
    assert_int_equal(parse_bind(valid, &s, &d), 0);
    assert_int_equal(d.nerrors, 0);
    assert_int_equal(s.ntables, 1);
    const hg_table *t = &s.tables[0];
    assert_string_equal(t->name, "t_demo");
    assert_int_equal(t->ncols, 9);
    assert_int_equal(t->cols[0].not_null, 1);
    assert_int_equal(t->cols[1].fmt, HG_F_ZEROPAD);
    assert_int_equal(t->cols[4].type, HG_T_NUMERIC);
    assert_int_equal(t->cols[4].length, 10);
    assert_int_equal(t->cols[4].scale, 5);
    assert_int_equal(t->cols[2].line, 8);
    char ty[32];
    hg_column_sqltype(&t->cols[1], ty, sizeof ty);
    assert_string_equal(ty, "varchar(5)");

    /* formatting a row through the emitter */
    hg_emitter e;
    hg_emitter_init(&e, &s, 1, 7);
    hg_emitter_person(&e, 3);
    hg_value v[4] = {hg_vint(42), hg_vstr("a,\"b\""), hg_vdate(20220815), hg_vdec(150000, 5)};
    hg_emit(&e, 0, v);
    assert_int_equal(e.rows[0], 1);
    const char *row = e.bufs[0].p;
    /* n, zero-padded, 和暦 R4-08, ISO date, decimal, const, NULL, choice, quoted text */
    assert_memory_equal(row, "42,00042,50408,2022-08-15,1.5,1,,",
                        strlen("42,00042,50408,2022-08-15,1.5,1,,"));
    assert_non_null(strstr(row, ",\"a,\"\"b\"\"\"\n"));
    /* the dist column is reproducible: same person and row → same value */
    hg_buf first = {0};
    hg_buf_puts(&first, row);
    hg_emitter_reset(&e);
    hg_emitter_person(&e, 3);
    hg_emit(&e, 0, v);
    assert_string_equal(e.bufs[0].p, first.p);
    /* empty string is quoted (NULL is an empty unquoted field) */
    hg_emitter_reset(&e);
    v[1] = hg_vstr("");
    hg_emit(&e, 0, v);
    assert_non_null(strstr(e.bufs[0].p, ",\"\"\n"));
    /* strings longer than a word: a special byte anywhere is found, plain text is not quoted */
    const char *texts[] = {"0123456789abcdef0123", "0123456789abcdef012,", "01234567\n",
                           "0123456789abcdef\"",   "日本語の文字列です",   "0123456789 abcdef",
                           "F01,F03,G30",          "0123456,89abcdef0"};
    const char *want[] = {",0123456789abcdef0123\n", ",\"0123456789abcdef012,\"\n",
                          ",\"01234567\n\"\n",       ",\"0123456789abcdef\"\"\"\n",
                          ",日本語の文字列です\n",   ",0123456789 abcdef\n",
                          ",\"F01,F03,G30\"\n",      ",\"0123456,89abcdef0\"\n"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        hg_emitter_reset(&e);
        v[1] = hg_vstr(texts[i]);
        hg_emit(&e, 0, v);
        const char *end = e.bufs[0].p + e.bufs[0].len - strlen(want[i]);
        assert_string_equal(end, want[i]);
    }
    hg_buf_free(&first);
    hg_emitter_free(&e);
    hg_spec_free(&s);
    hg_diag_free(&d);
}

/* Each malformed spec must fail with a message naming the place and the problem. */
static int mismatches;
static void expect_error(const char *text, const char *where, const char *what)
{
    hg_specset s;
    hg_diag d;
    hg_diag_init(&d, NULL);
    int rc = parse_bind(text, &s, &d);
    if (rc == 0 || !hg_diag_has(&d, where) || !hg_diag_has(&d, what)) {
        print_error("spec:\n%s\nexpected '%s' ... '%s', got:\n%s\n", text, where, what,
                    d.text.p ? d.text.p : "(no message)");
        mismatches++;
    }
    hg_spec_free(&s);
    hg_diag_free(&d);
}

#define HEAD "table: t_demo\nrecord: demo\ncolumns:\n"

static void test_malformed_specs(void **state)
{
    (void)state;
    /* 1 YAML syntax */
    expect_error(HEAD "  - {name: n, type: integer, from: n\n", "t.yaml:5:1:", "malformed YAML");
    /* 2 not a mapping */
    expect_error("- a\n- b\n", "t.yaml:1:1:", "must be a mapping");
    /* 3 missing table name */
    expect_error("record: demo\ncolumns:\n  - {name: n, type: integer, from: n}\n",
                 "t.yaml:1:1:", "missing 'table: NAME'");
    /* 4 bad table name */
    expect_error("table: T-Demo\nrecord: demo\ncolumns:\n  - {name: n, type: integer, from: n}\n",
                 "t.yaml:1:8:", "must be lower-case");
    /* 5 unknown column key */
    expect_error(HEAD "  - {name: n, type: integer, from: n, colour: red}\n",
                 "t.yaml:4:39:", "unknown key 'colour'");
    /* 6 missing type */
    expect_error(HEAD "  - {name: n, from: n}\n", "t.yaml:4:5:", "has no 'type'");
    /* 7 unknown type */
    expect_error(HEAD "  - {name: n, type: varchr(10), from: n}\n", "t.yaml:4:21:", "unknown type");
    /* 8 varchar without length */
    expect_error(HEAD "  - {name: n, type: varchar, from: n}\n", "t.yaml:4:21:", "need a length");
    /* 9 unknown record kind */
    expect_error("table: t_demo\nrecord: nope\ncolumns:\n  - {name: n, type: integer, const: 1}\n",
                 "t.yaml:1:8:", "unknown record kind 'nope'");
    /* 10 unknown field */
    expect_error(HEAD "  - {name: n, type: integer, from: m}\n",
                 "t.yaml:4:5:", "record kind 'demo' has no field 'm'");
    /* 11 two sources */
    expect_error(HEAD "  - {name: n, type: integer, from: n, const: 2}\n",
                 "t.yaml:4:5:", "has 2 sources");
    /* 12 no source */
    expect_error(HEAD "  - {name: n, type: integer}\n", "t.yaml:4:5:", "needs one source");
    /* 13 unknown format */
    expect_error(HEAD "  - {name: n, type: varchar(5), from: day, format: showa}\n",
                 "t.yaml:4:52:", "unknown format 'showa'");
    /* 14 format on the wrong field kind */
    expect_error(HEAD "  - {name: n, type: varchar(5), from: name, format: gyymm}\n",
                 "t.yaml:4:5:", "format gyymm does not apply to field 'name'");
    /* 15 duplicate column */
    expect_error(HEAD
                 "  - {name: n, type: integer, from: n}\n  - {name: n, type: integer, from: n}\n",
                 "t.yaml:5:5:", "column 'n' appears twice");
    /* 16 constant of the wrong type */
    expect_error(HEAD "  - {name: n, type: smallint, const: abc}\n",
                 "t.yaml:4:38:", "is not a whole number");
    /* 17 weights that do not match the values */
    expect_error(HEAD
                 "  - {name: n, type: text, dist: {kind: choice, values: [a, b], weights: [1]}}\n",
                 "t.yaml:4:", "1 weights for 2 values");
    /* 18 a date format too long for the column */
    expect_error(HEAD "  - {name: n, type: varchar(4), from: day, format: gyymm}\n",
                 "t.yaml:4:5:", "too short for a date");
    /* 19 text field into an integer column */
    expect_error(HEAD "  - {name: n, type: integer, from: name}\n",
                 "t.yaml:4:5:", "is integer but field 'name' is text");
    /* 20 columns missing */
    expect_error("table: t_demo\nrecord: demo\n",
                 "t.yaml:1:1:", "'columns' must be a non-empty list");
    /* 21 not_null with null */
    expect_error(HEAD "  - {name: n, type: integer, not_null: true, null: true}\n",
                 "t.yaml:4:", "is not_null but always NULL");
    /* 22 key given twice */
    expect_error(HEAD "  - {name: n, type: integer, type: text, from: n}\n",
                 "t.yaml:4:", "key 'type' is given twice");
    /* 23 a key naming no column */
    expect_error(HEAD "  - {name: n, type: integer, from: n}\nprimary_key: [n, m]\n",
                 "t.yaml:5:18:", "primary_key names 'm', which is not a column");
    /* 24 a column twice in a key */
    expect_error(HEAD "  - {name: n, type: integer, from: n}\nprimary_key: [n, n]\n",
                 "t.yaml:5:18:", "primary_key names column 'n' twice");
    /* 25 indexes that are not lists of lists */
    expect_error(HEAD "  - {name: n, type: integer, from: n}\nindexes: n\n",
                 "t.yaml:5:10:", "indexes must be a list of column lists");
    expect_error(HEAD "  - {name: n, type: integer, from: n}\nindexes: [n]\n",
                 "t.yaml:5:11:", "an index must be a non-empty list of column names");
    /* 26 codes of an unknown master table, and codes that are not a mapping */
    expect_error(HEAD "  - {name: n, type: integer, from: n, codes: t_nope}\n",
                 "t.yaml:4:5:", "codes: 't_nope' is not a table of these specs");
    expect_error(HEAD "  - {name: n, type: integer, from: n, codes: [1, 2]}\n",
                 "t.yaml:4:46:", "codes must be a mapping");
    assert_int_equal(mismatches, 0);
}

/* Keys, indexes and codes as the loader and the data dictionary see them. */
static void test_keys_and_codes(void **state)
{
    (void)state;
    hg_specset s;
    hg_diag d;
    hg_diag_init(&d, NULL);
    assert_int_equal(parse_bind(HEAD "  - {name: n, type: integer, from: n, codes: {\"1\": one, "
                                     "\"2\": two}}\n  - {name: label, type: text, from: name, "
                                     "codes: t_demo}\nprimary_key: [label, n]\nindexes: [[n], "
                                     "[label, n]]\n",
                                &s, &d),
                     0);
    const hg_table *t = &s.tables[0];
    assert_int_equal(t->pkey.ncols, 2);
    assert_int_equal(t->pkey.cols[0], 1);
    assert_int_equal(t->pkey.cols[1], 0);
    assert_int_equal(t->nindexes, 2);
    assert_int_equal(t->indexes[1].ncols, 2);
    assert_int_equal(t->cols[0].ncodes, 2);
    assert_string_equal(t->cols[0].code_keys[1], "2");
    assert_string_equal(t->cols[0].code_labels[1], "two");
    assert_string_equal(t->cols[1].codes_table, "t_demo");
    hg_buf b = {0};
    hg_write_keys(&b, t);
    assert_string_equal(b.p, "ALTER TABLE t_demo ADD PRIMARY KEY (label, n);\n"
                             "CREATE INDEX ON t_demo (n);\nCREATE INDEX ON t_demo (label, n);\n");
    hg_buf_clear(&b);
    hg_write_dictionary(&b, &s, NULL);
    assert_non_null(strstr(b.p, "Primary key: (label, n). Indexes: (n), (label, n).\n"));
    assert_non_null(strstr(b.p, "| 1 | n | integer |  |  | codes: `1` one, `2` two |"));
    assert_non_null(strstr(b.p, "codes: table `t_demo` |"));
    hg_buf_free(&b);
    hg_spec_free(&s);
    hg_diag_free(&d);
}

/* Presets: a good one, and each way one can be wrong, with the place and the fix named. */
static void test_presets(void **state)
{
    (void)state;
    char path[] = "/tmp/hicgen-presets-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "presets:\n"
                        "  ok: {persons: 10, start: 2022-04, months: 6, seed: 3, description: "
                        "{ja: 試験, en: test}}\n"
                        "  badmonth: {persons: 10, start: 2022-13, months: 6, seed: 3, "
                        "description: {ja: a, en: b}}\n"
                        "  nodesc: {persons: 10, start: 2022-04, months: 6, seed: 3}\n"
                        "  zero: {persons: 0, start: 2022-04, months: 6, seed: 3, description: "
                        "{ja: a, en: b}}\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    hg_preset p;
    hg_diag d;
    hg_diag_init(&d, NULL);
    assert_int_equal(hg_preset_load(path, "ok", &p, &d), 0);
    assert_int_equal(p.persons, 10);
    assert_int_equal(p.start_ym, 202204);
    assert_int_equal(p.months, 6);
    assert_int_equal(p.seed, 3);
    assert_string_equal(p.desc_en, "test");
    const char *bad[][2] = {{"badmonth", "start must be a month"},
                            {"nodesc", "needs description"},
                            {"zero", "persons must be 1-1000000000"},
                            {"nope", "no preset 'nope' (presets: ok, badmonth, nodesc, zero)"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        hg_diag_free(&d);
        hg_diag_init(&d, NULL);
        assert_int_equal(hg_preset_load(path, bad[i][0], &p, &d), -1);
        assert_true(d.nerrors > 0);
        if (!hg_diag_has(&d, bad[i][1]) || !hg_diag_has(&d, path))
            fail_msg("preset %s: '%s'", bad[i][0], d.text.p ? d.text.p : "");
    }
    hg_diag_free(&d);
    unlink(path);
}

/* The checks `hicgen load` makes before it connects. */
static void test_load_checks(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(hg_load_check_schema("hicgen", err, sizeof err), 0);
    assert_int_equal(hg_load_check_schema("ndb_2024", err, sizeof err), 0);
    const char *bad[] = {"",       "Hicgen", "1abc",        "a-b",
                         "public", "pg_x",   "hicgen_meta", "a23456789012345678901234567890123"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(hg_load_check_schema(bad[i], err, sizeof err), -1);
    assert_int_equal(hg_load_check_conninfo(NULL, err, sizeof err), 0);
    assert_int_equal(hg_load_check_conninfo("host=db dbname=hic sslmode=require", err, sizeof err),
                     0);
    assert_int_equal(hg_load_check_conninfo("postgresql://u@db:5433/hic", err, sizeof err), 0);
    assert_int_equal(hg_load_check_conninfo("dbname='open", err, sizeof err), -1);
    assert_int_equal(hg_load_check_conninfo("host=db password=pw", err, sizeof err), -1);
    assert_null(strstr(err, "pw "));
    assert_non_null(strstr(err, ".pgpass"));
    assert_int_equal(hg_load_check_conninfo("postgresql://u:pw@db/hic", err, sizeof err), -1);
}

static void test_all_problems_reported(void **state)
{
    (void)state;
    hg_specset s;
    hg_diag d;
    hg_diag_init(&d, NULL);
    const char *text = HEAD "  - {name: a, type: varchr(1), from: n}\n"
                            "  - {name: b, type: integer}\n"
                            "  - {name: c, type: integer, const: x}\n";
    assert_int_not_equal(parse_bind(text, &s, &d), 0);
    assert_true(d.nerrors >= 3); /* all three columns, not only the first */
    assert_true(hg_diag_has(&d, "t.yaml:4:"));
    assert_true(hg_diag_has(&d, "t.yaml:5:"));
    assert_true(hg_diag_has(&d, "t.yaml:6:"));
    hg_spec_free(&s);
    hg_diag_free(&d);
}

static void test_project_specs_load(void **state)
{
    (void)state;
    hg_specset s = {0};
    hg_diag d;
    hg_diag_init(&d, NULL);
    assert_int_equal(hg_spec_load_dir(&s, "specs/tables", &d), 0);
    assert_true(hg_spec_find(&s, "tnds_t_rcp_med_re") >= 0);
    assert_true(hg_spec_find(&s, "tnds_m_skwd") >= 0);
    const hg_table *re = &s.tables[hg_spec_find(&s, "tnds_t_rcp_med_re")];
    int has_id5 = 0;
    for (int i = 0; i < re->ncols; i++) has_id5 |= strcmp(re->cols[i].name, "id5") == 0;
    assert_true(has_id5);
    hg_spec_free(&s);
    hg_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_spec),
        cmocka_unit_test(test_malformed_specs),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_keys_and_codes),
        cmocka_unit_test(test_presets),
        cmocka_unit_test(test_load_checks),
        cmocka_unit_test(test_project_specs_load),
    };
    return cmocka_run_group_tests_name("spec", tests, NULL, NULL);
}
