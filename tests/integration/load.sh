#!/usr/bin/env bash
# Integration tests of `hicgen load` and `hicgen package` against a real PostgreSQL that this
# script starts itself (initdb in a temporary directory, unix socket only) and stops at the end:
#   - a direct load equals `generate` (manifest with per-table SHA-256 of the CSV form, row
#     counts), has its keys, indexes and statistics, and every sample query gives a plausible
#     answer on it;
#   - swaps and --keep K;
#   - failure injection: wrong DSN, bad conninfo, a password in --db, pg_terminate_backend of a
#     COPY session, two runs at once, kill -9 and SIGINT mid-COPY, a server restart mid-COPY,
#     a live schema hicgen did not make: each leaves the previous live data intact (checked by
#     row counts and the manifest table) and no staging schema behind (at the latest after the
#     next run);
#   - a package rebuilds byte-identically, verifies with sha256sum and loads with psql.
set -u
cd "$(dirname "$0")/../.."
H=$(pwd)/${HICGEN:-bin/hicgen}
T=$(mktemp -d /tmp/hicgen-load-XXXXXX)
chmod 755 "$T"
cleanup() {
    jobs -p | xargs -r kill -9 2>/dev/null
    scripts/pgtmp.sh stop "$T/pg"
    rm -rf "$T"
}
trap cleanup EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

CI=$(scripts/pgtmp.sh start "$T/pg") || { echo "cannot start PostgreSQL" >&2; exit 1; }
DB="$CI dbname=nightly"
q() { psql "$DB" -X -A -t -q -v ON_ERROR_STOP=1 "$@"; }
psql "$CI" -X -q -c "CREATE DATABASE nightly" || { echo "createdb failed" >&2; exit 1; }
NT=$(ls specs/tables/*.yaml | wc -l)   # tables the specs define
P=4000     # persons of the loads that are checked in full
BIG=40000  # persons of the loads that are interrupted: long enough to be caught mid-COPY

# The live generation and its row count: what every failure must leave as it was.
live() { q -c "SELECT generation || ':' || rows FROM hicgen.hicgen_manifest" 2>/dev/null; }
staging_left() { q -c "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hicgen_loading_%'"; }
# Waits until a COPY of a hicgen loader is running on the server (at most 60 s).
wait_copy() {
    for _ in $(seq 600); do
        n=$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hicgen load copy' AND query LIKE 'COPY%' AND state = 'active'" 2>/dev/null)
        [ "${n:-0}" -gt 0 ] && return 0
        sleep 0.1
    done
    return 1
}

# ---- 1. a load equals generate, with keys, statistics and working samples ----
"$H" load --db "$DB" --persons $P --seed 11 --jobs 3 --threads 2 2>"$T/load1.log"
check "first load exits 0" [ $? = 0 ]
check "log lines are timestamped" grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z hicgen load: ' "$T/load1.log"
check "summary line" grep -q "rows in $NT tables; generate+COPY" "$T/load1.log"
"$H" generate --quiet --persons $P --seed 11 --out "$T/files" || bad "generate"
got=$(echo "SELECT manifest = :'m'::jsonb FROM hicgen.hicgen_manifest" | q -v m="$(cat "$T/files/manifest.json")")
check "the loaded manifest (per-table SHA-256 of the CSV stream) equals generate's" [ "$got" = t ]
q -c "SELECT f->>'table', f->>'rows' FROM hicgen.hicgen_manifest, jsonb_array_elements(manifest->'files') f" -F ' ' |
    while read -r t n; do
        got=$(q -c "SELECT count(*) FROM hicgen.$t")
        [ "$got" = "$n" ] || echo "hicgen.$t has $got rows, the manifest says $n"
    done >"$T/counts.err"
check "every table's row count equals the manifest" [ ! -s "$T/counts.err" ]
cat "$T/counts.err" >&2
n=$(q -c "SELECT count(*) FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace WHERE s.nspname = 'hicgen' AND c.contype = 'p'")
check "primary keys added ($n)" [ "$n" = $((NT + 1)) ] # the tables + hicgen_manifest
n=$(q -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'hicgen' AND indexdef LIKE '%(id5)'")
check "id5 indexes added ($n)" [ "$n" -ge 10 ]
n=$(q -c "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'hicgen' AND last_analyze IS NULL AND relname <> 'hicgen_manifest'")
check "every table analyzed ($n not)" [ "$n" = 0 ]
c=$(q -c "SELECT col_description('hicgen.tnds_t_rcp_med_re'::regclass, 7)")
case "$c" in ID1*) ok ;; *) bad "column comment missing: '$c'" ;; esac

# every sample runs unchanged against the live schema (only search_path set) and is plausible
export PGOPTIONS="-c search_path=hicgen"
for s in samples/*.sql; do
    q -F '|' -f "$s" >"$T/$(basename "$s").out" 2>"$T/sample.err" || { bad "sample $s failed"; cat "$T/sample.err" >&2; }
    check "sample $s returns rows" [ -s "$T/$(basename "$s").out" ]
done
o=$T/prevalence_ht_dm_by_sex_age.sql.out   # sex|band|seen|ht%|dm%
check "hypertension prevalence rises from the 40s to the 70s in both sexes" awk -F'|' '
    $2 == 40 { a[$1] = $4 } $2 == 70 { b[$1] = $4 }
    END { exit !(b["male"] > a["male"] && b["female"] > a["female"] && b["male"] > 20) }' "$o"
check "diabetes is rarer than hypertension in the 60s and 70s, and present" awk -F'|' '
    ($2 == 60 || $2 == 70) { n++; if (!($5 > 0 && $5 < $4)) bad = 1 } END { exit bad || n != 4 }' "$o"
check "HbA1c is higher in persons treated for diabetes" awk -F'|' '
    { s[$3 == "treated"] += $5 * $4; c[$3 == "treated"] += $4 }
    END { exit !(c[1] > 0 && s[1] / c[1] > s[0] / c[0] + 0.5) }' "$T/hba1c_by_diabetes_treatment.sql.out"
check "guidance: completed <= started <= assigned <= examinees, some started" awk -F'|' '
    { if (!($5 <= $4 && $4 <= $3 && $3 <= $2)) bad = 1; st += $4 } END { exit bad || st == 0 }' \
    "$T/guidance_rates.sql.out"
check "drug users: pharmacy users <= users, amlodipine among them" awk -F'|' '
    { if ($4 > $3) bad = 1 } $1 == "2171022F" { found = $3 > 0 } END { exit bad || !found }' \
    "$T/drug_users_by_yj.sql.out"
check "stroke -> care: some admitted, certified <= applied <= admitted" awk -F'|' '{ exit !($1 > 0 && $2 <= $1 && $4 <= $2) }' \
    "$T/care_after_stroke.sql.out"
unset PGOPTIONS

# ---- 2. swaps and --keep ----
gen1=$(live)
"$H" load --quiet --db "$DB" --persons $P --seed 12 --keep 2 || bad "second load"
gen2=$(live)
check "second load is live ($gen1 -> $gen2)" [ "${gen2%%:*}" = 2 ]
check "the previous generation is kept as hicgen_gen_1" \
    [ "$(q -c "SELECT count(*) FROM hicgen_gen_1.tnds_t_rcp_med_re")" -gt 0 ]
"$H" load --quiet --db "$DB" --persons $P --seed 13 --keep 2 || bad "third load"
check "with --keep 2 the oldest generation is dropped" \
    [ "$(q -c "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname LIKE 'hicgen%'")" = "hicgen,hicgen_gen_2,hicgen_meta" ]
check "hicgen_meta records dropped, kept, live" \
    [ "$(q -c "SELECT string_agg(status, ',' ORDER BY generation) FROM hicgen_meta.generations")" = "dropped,kept,live" ]
"$H" load --quiet --db "$DB" --persons $P --seed 13 --keep 1 || bad "load --keep 1"
check "--keep 1 keeps only the live schema" \
    [ "$(q -c "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hicgen_gen_%'")" = 0 ]
# on a terminal: the live display (run under script(1), which gives it a pseudo-terminal)
if command -v script >/dev/null; then
    script -qec "'$H' load --db '$DB' --persons 1500 --keep 1" "$T/tty.log" >/dev/null 2>&1
    check "load on a terminal exits 0" [ $? = 0 ]
    check "the terminal display shows per-table rate and ETA" \
        grep -aq 'tnds_t_rcp_med_si .* rows/s  ETA' "$T/tty.log"
    check "the terminal display ends with the summary" grep -aq "rows in $NT tables" "$T/tty.log"
fi

before=$(live)

# the standard libpq means: PG* variables and a password file, no --db; the password
# appears nowhere hicgen writes (log, manifest, hicgen_meta)
PW=pw-Secret-4711
q -c "CREATE ROLE pwuser LOGIN PASSWORD '$PW'" -c "CREATE DATABASE pwdb OWNER pwuser"
hba=$(q -c "SHOW hba_file")
{ echo "local pwdb pwuser scram-sha-256"; cat "$hba"; } >"$T/hba" && cat "$T/hba" >"$hba"
q -c "SELECT pg_reload_conf()" >/dev/null
printf '*:*:pwdb:pwuser:%s\n' "$PW" >"$T/pgpass" && chmod 600 "$T/pgpass"
PGHOST=$T/pg/sock PGDATABASE=pwdb PGUSER=pwuser PGPASSFILE=$T/nonexistent \
    "$H" load --persons 200 --threads 1 2>"$T/pw.err"
check "password auth without the password: exit 1" [ $? = 1 ]
check "password auth without the password: says so" grep -q 'password' "$T/pw.err"
PGHOST=$T/pg/sock PGDATABASE=pwdb PGUSER=pwuser PGPASSFILE=$T/pgpass \
    "$H" load --persons 200 --threads 1 2>"$T/pw.log"
check "PG* variables and a password file: exit 0" [ $? = 0 ]
check "... connected as that user" grep -q 'database pwdb as pwuser' "$T/pw.log"
psql "$CI dbname=pwdb" -XAt -c "SELECT m::text, m.manifest::text FROM hicgen.hicgen_manifest m" \
    -c "SELECT g::text FROM hicgen_meta.generations g" >"$T/pw.db"
check "the password appears nowhere hicgen wrote" sh -c "! grep -q '$PW' '$T/pw.log' '$T/pw.err' '$T/pw.db'"
check "... and the manifest was recorded" grep -q '"fictitious": true' "$T/pw.db"

# ---- 3. failures leave the live data intact ----
"$H" load --quiet --db "$CI dbname=no_such_db" --persons 10 2>"$T/err"
check "wrong DSN: exit 1" [ $? = 1 ]
check "wrong DSN: says why" grep -q 'cannot connect to the database.*no_such_db' "$T/err"
"$H" load --quiet --db "host=$T/pg/sock port=5432 dbname=nightly sslmode=nonsense" --persons 10 2>"$T/err"
check "bad sslmode: exit 1" [ $? = 1 ]
"$H" load --quiet --db "dbname='unterminated" --persons 10 2>"$T/err"
check "malformed conninfo: exit 2" [ $? = 2 ]
"$H" load --quiet --db "$DB password=s3cr3t-pw" --persons 10 2>"$T/err"
check "password in --db: exit 2" [ $? = 2 ]
check "password in --db: never echoed" sh -c "! grep -q s3cr3t-pw '$T/err'"
check "live unchanged after DSN errors" [ "$(live)" = "$before" ]

"$H" load --quiet --db "$DB" --persons $BIG --jobs 2 2>"$T/err" & pid=$!
wait_copy || bad "no COPY seen (terminate test)"
q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hicgen load copy'" >/dev/null
wait $pid
check "backend terminated: exit 1" [ $? = 1 ]
if grep -Eq 'table [a-z_]+: COPY (failed|did not start): .*(terminat|closed)' "$T/err"; then ok
else bad "backend terminated: says which COPY failed"; cat "$T/err" >&2; fi
check "backend terminated: live unchanged" [ "$(live)" = "$before" ]
check "backend terminated: staging schema removed" [ "$(staging_left)" = 0 ]

"$H" load --quiet --db "$DB" --persons $BIG --jobs 2 2>"$T/err1" & pid=$!
wait_copy || bad "no COPY seen (concurrency test)"
"$H" load --quiet --db "$DB" --persons 10 2>"$T/err2"
check "a second run at once: exit 3" [ $? = 3 ]
check "a second run at once: says another load is running" grep -q 'another hicgen load' "$T/err2"
check "a second run at once: the first goes on" kill -0 $pid
kill -INT $pid
wait $pid
check "SIGINT mid-COPY: exit 130" [ $? = 130 ]
check "SIGINT mid-COPY: live unchanged" [ "$(live)" = "$before" ]
check "SIGINT mid-COPY: staging schema removed" [ "$(staging_left)" = 0 ]

# SIGTERM while the keys and indexes are being built: the index builds are cancelled
"$H" load --db "$DB" --persons 15000 --jobs 2 2>"$T/keys.log" & pid=$!
# (a poll until the phase is reached or the load ends, not a time limit: a sanitizer build can
# take minutes to get there)
for _ in $(seq 12000); do
    grep -q 'adding keys' "$T/keys.log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
done
kill -TERM $pid
wait $pid
check "SIGTERM while adding keys: exit 130" [ $? = 130 ]
check "SIGTERM while adding keys: it was in that phase" grep -q 'adding keys' "$T/keys.log"
check "SIGTERM while adding keys: live unchanged" [ "$(live)" = "$before" ]
check "SIGTERM while adding keys: staging schema removed" [ "$(staging_left)" = 0 ]

"$H" load --quiet --db "$DB" --persons $BIG --jobs 2 2>"$T/err" & pid=$!
wait_copy || bad "no COPY seen (restart test)"
scripts/pgtmp.sh restart "$T/pg" || bad "server restart"
wait $pid
check "server restart mid-COPY: exit 1" [ $? = 1 ]
check "server restart mid-COPY: live unchanged" [ "$(live)" = "$before" ]

"$H" load --quiet --db "$DB" --persons $BIG --jobs 2 2>"$T/err" & pid=$!
wait_copy || bad "no COPY seen (kill -9 test)"
kill -9 $pid
wait $pid 2>/dev/null
# the server notices the dead client (and frees its advisory lock) within moments
for _ in $(seq 100); do
    [ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'hicgen load%'")" = 0 ] && break
    sleep 0.1
done
check "kill -9 mid-COPY: live unchanged" [ "$(live)" = "$before" ]
check "kill -9 mid-COPY: the staging schema is left for the next run" [ "$(staging_left)" = 1 ]

"$H" load --db "$DB" --persons $P --seed 14 2>"$T/next.log"
check "the next run succeeds" [ $? = 0 ]
check "the next run removes what the killed run left" grep -q 'left by an earlier run' "$T/next.log"
check "no staging schema remains" [ "$(staging_left)" = 0 ]
check "failed runs are recorded" [ "$(q -c "SELECT count(*) FROM hicgen_meta.generations WHERE status = 'failed'")" -ge 4 ]
check "a new generation is live" [ "$(live)" != "$before" ]

# a full disk on the server: a tablespace on a small tmpfs (needs root to mount; skipped otherwise)
if [ "$(id -u)" -eq 0 ] && mkdir -p "$T/tiny" && mount -t tmpfs -o size=12m tmpfs "$T/tiny" 2>/dev/null; then
    chown postgres: "$T/tiny"
    psql "$CI" -X -q -c "CREATE TABLESPACE tiny LOCATION '$T/tiny'" -c "CREATE DATABASE full_disk TABLESPACE tiny"
    FD="$CI dbname=full_disk"
    "$H" load --quiet --db "$FD" --persons 20 --jobs 2 || bad "small load on the tiny tablespace"
    fbefore=$(psql "$FD" -XAt -c "SELECT generation || ':' || rows FROM hicgen.hicgen_manifest")
    "$H" load --quiet --db "$FD" --persons 20000 --jobs 2 2>"$T/err"
    check "server disk full: exit 1" [ $? = 1 ]
    # PostgreSQL says "No space left on device", or for a partial block write "wrote only N
    # of 8192 bytes ... HINT: Check free disk space."
    if grep -Eq 'No space left on device|Check free disk space' "$T/err"; then ok
    else bad "server disk full: says so"; cat "$T/err" >&2; fi
    check "server disk full: live unchanged" \
        [ "$(psql "$FD" -XAt -c "SELECT generation || ':' || rows FROM hicgen.hicgen_manifest")" = "$fbefore" ]
    check "server disk full: staging schema removed" \
        [ "$(psql "$FD" -XAt -c "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hicgen_loading_%'")" = 0 ]
    psql "$CI" -X -q -c "DROP DATABASE full_disk" -c "DROP TABLESPACE tiny"
    umount "$T/tiny"
fi

q -c "CREATE SCHEMA mine; CREATE TABLE mine.t (x int); INSERT INTO mine.t VALUES (1)"
"$H" load --quiet --db "$DB" --schema mine --persons 10 2>"$T/err"
check "a live schema hicgen did not make: exit 2" [ $? = 2 ]
check "... and it is left alone" [ "$(q -c "SELECT count(*) FROM mine.t")" = 1 ]

# ---- 4. packages ----
cat >"$T/presets.yaml" <<'EOF'
presets:
  tiny:
    description: {ja: "試験用", en: "for the tests"}
    persons: 1500
    start: 2022-04
    months: 6
    seed: 5
EOF
mkdir -p "$T/pkg1" "$T/pkg2"
"$H" package --quiet --preset tiny --presets "$T/presets.yaml" --out "$T/pkg1" --threads 1 >/dev/null || bad "package"
"$H" package --quiet --preset tiny --presets "$T/presets.yaml" --out "$T/pkg2" --threads 3 >/dev/null || bad "package again"
a=$T/pkg1/hicgen-tiny-$("$H" --version | cut -d' ' -f2)-seed5.tar.gz
check "package exists" [ -s "$a" ]
check "package rebuilds byte-identically (1 vs 3 threads)" cmp -s "$a" "$T/pkg2/$(basename "$a")"
check "package .sha256 verifies" sh -c "cd '$T/pkg1' && sha256sum -c --quiet '$(basename "$a").sha256'"
mkdir -p "$T/x" && tar -xzf "$a" -C "$T/x" || bad "package extracts"
d=$(echo "$T"/x/hicgen-tiny-*)
check "package SHA256SUMS verifies" sh -c "cd '$d' && sha256sum -c --quiet SHA256SUMS"
for f in README.md DICTIONARY.md schema.sql load.sql manifest.json tnds_t_rcp_med_re.csv.gz; do
    check "package holds $f" [ -s "$d/$f" ]
done
check "README says the data is fictitious" grep -q 'FICTITIOUS' "$d/README.md"
check "dictionary documents every table" [ "$(grep -c '^## [a-z]' "$d/DICTIONARY.md")" = "$NT" ]
check "dictionary lists codes" grep -q '`2` 女 female' "$d/DICTIONARY.md"
psql "$CI" -X -q -c "CREATE DATABASE pkg" || bad "createdb pkg"
(cd "$d" && psql "$CI dbname=pkg" -X -q -v ON_ERROR_STOP=1 -f schema.sql -f load.sql >/dev/null)
check "package loads with psql" [ $? = 0 ]
n=$(psql "$CI dbname=pkg" -XAt -c "SELECT count(*) FROM tnds_t_rcp_med_re")
check "package rows match its manifest" grep -q "\"table\": \"tnds_t_rcp_med_re\", \"rows\": $n," "$d/manifest.json"

# ---- 5. hostile database contents and server settings ----
# second-order injection: a row in hicgen_meta.generations (anyone with INSERT on it can add
# one) naming a "schema" that is SQL, or a schema hicgen did not make, is never executed or
# dropped; the load still succeeds and the row is marked failed
q -c "CREATE TABLE public.keepme (x int)" || bad "create keepme"
q -c "INSERT INTO hicgen_meta.generations (live_schema, schema_name, status, version, persons, seed) VALUES
      ('hicgen', 'x CASCADE; CREATE TABLE public.pwned AS SELECT current_user; --', 'loading', 'x', 1, 1),
      ('hicgen', 'public', 'loading', 'x', 1, 1),
      ('hicgen', 'hicgen_gen_1; DROP TABLE public.keepme', 'kept', 'x', 1, 1)" || bad "insert hostile rows"
"$H" load --db "$DB" --persons 300 --months 1 --seed 3 2>"$T/inj.log"
check "load succeeds beside hostile generation rows" [ $? = 0 ]
check "injected SQL never ran" [ "$(q -c "SELECT to_regclass('public.pwned') IS NULL")" = t ]
check "schema public not dropped" [ "$(q -c "SELECT to_regclass('public.keepme') IS NOT NULL")" = t ]
check "hostile rows are reported" grep -q "which is not one hicgen makes" "$T/inj.log"
# the two 'loading' rows are cleaned up as abandoned runs would be; the 'kept' one is the newest
# kept row, which --keep 2 keeps (its turn comes at a later load)
check "hostile rows marked failed" [ "$(q -c "SELECT count(*) FROM hicgen_meta.generations WHERE version = 'x' AND status = 'failed'")" = 2 ]
"$H" load --db "$DB" --quiet --persons 200 --months 1 --seed 4 --keep 1 2>>"$T/inj.log" || bad "load --keep 1"
check "a hostile kept row is never dropped as a schema" [ "$(q -c "SELECT to_regclass('public.keepme') IS NOT NULL")" = t ]
check "... and is marked failed in its turn" [ "$(q -c "SELECT count(*) FROM hicgen_meta.generations WHERE version = 'x' AND status = 'failed'")" = 3 ]

# literals: with standard_conforming_strings off (server, database or role default), a spec
# comment with a backslash and a quote must stay a comment, in the direct load and in the
# schema.sql of generate run by psql
mkdir -p "$T/lspecs" && cp -r specs/* "$T/lspecs/"
# the comment, as YAML text: "evil\\'; CREATE ..." (a backslash, then a quote, in the value)
L='comment: {ja: "evil\\'"'"'; CREATE TABLE public.pwned2 AS SELECT 1; --", en: "x"}'
f=$T/lspecs/tables/tnds_t_rcp_med_re.yaml
L=$L awk '/^comment:/ { print ENVIRON["L"]; next } { print }' "$f" >"$f.new" && mv "$f.new" "$f"
grep -q 'pwned2' "$T/lspecs/tables/tnds_t_rcp_med_re.yaml" || bad "the literal test spec was not written"
q -c "ALTER DATABASE nightly SET standard_conforming_strings = off" || bad "scs off"
"$H" load --db "$DB" --quiet --persons 200 --months 1 --specs "$T/lspecs" --schema lit 2>"$T/lit.log"
check "load with a backslash comment under standard_conforming_strings=off" [ $? = 0 ]
check "comment literal did not execute (load)" [ "$(q -c "SELECT to_regclass('public.pwned2') IS NULL")" = t ]
got=$(q -c "SELECT obj_description('lit.tnds_t_rcp_med_re'::regclass)")
case $got in *'CREATE TABLE public.pwned2'*) ok ;; *) bad "comment text kept as text: $got" ;; esac
"$H" generate --quiet --persons 50 --months 1 --specs "$T/lspecs" --out "$T/litfiles" || bad "generate lit"
q -c "CREATE SCHEMA litf" && (cd "$T/litfiles" && PGOPTIONS="-c search_path=litf -c standard_conforming_strings=off" \
    psql "$DB" -X -q -v ON_ERROR_STOP=1 -f schema.sql >/dev/null 2>&1)
check "schema.sql runs under standard_conforming_strings=off" [ $? = 0 ]
check "comment literal did not execute (schema.sql)" [ "$(q -c "SELECT to_regclass('public.pwned2') IS NULL")" = t ]
q -c "ALTER DATABASE nightly RESET standard_conforming_strings"

# every word the server reserves is refused as --schema (the list in src/core/sqlname.c is
# the server's)
miss=0
for w in $(q -c "SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T') ORDER BY 1"); do
    "$H" load --schema "$w" >/dev/null 2>"$T/kw.err"
    grep -q "is reserved" "$T/kw.err" || { miss=1; echo "not refused: $w" >&2; }
done
check "every reserved word of this server is refused" [ $miss = 0 ]

# a reader that goes away mid-run (SIGPIPE) does not kill the load: it completes and is live
before=$(live)
"$H" load --db "$DB" --persons 400 --months 1 --seed 9 2>&1 | head -1 >/dev/null
check "load 2>&1 | head -1 exits 0" [ "${PIPESTATUS[0]}" = 0 ]
check "... and its generation is live" [ "$(live)" != "$before" ]
check "... with no staging schema left" [ "$(staging_left)" = 0 ]

echo "load and package tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
