#!/usr/bin/env bash
# Integration test against a real PostgreSQL that this script starts itself (initdb in a
# temporary directory, unix socket only) and stops at the end: generate, load schema.sql and
# load.sql (plain and gzip), check counts against the manifest, invariants in SQL, samples.
set -u
cd "$(dirname "$0")/../.."
H=$(pwd)/${HICGEN:-bin/hicgen}
T=$(mktemp -d /tmp/hicgen-it-XXXXXX)
chmod 755 "$T"
cleanup() { scripts/pgtmp.sh stop "$T/pg"; rm -rf "$T"; }
trap cleanup EXIT
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

CI=$(scripts/pgtmp.sh start "$T/pg") || { echo "cannot start PostgreSQL" >&2; exit 1; }
psql_() { psql "$CI dbname=$1" -X -q -v ON_ERROR_STOP=1 "${@:2}"; }

"$H" generate --quiet --persons 3000 --months 12 --seed 11 --out "$T/plain" || bad "generate"
"$H" generate --quiet --persons 3000 --months 12 --seed 11 --gzip --out "$T/gz" || bad "generate --gzip"

for set in plain gz; do
    psql_ postgres -c "CREATE DATABASE $set" || bad "createdb $set"
    (cd "$T/$set" && psql_ "$set" -f schema.sql -f load.sql >/dev/null) && ok || bad "load $set"
    # every table's row count equals the manifest's
    grep -o '"table": "[a-z0-9_]*", "rows": [0-9]*' "$T/$set/manifest.json" |
        sed 's/"table": "\(.*\)", "rows": \(.*\)/\1 \2/' | while read -r t n; do
            got=$(psql_ "$set" -At -c "SELECT count(*) FROM $t")
            [ "$got" = "$n" ] || echo "FAIL: $set.$t has $got rows, manifest says $n" >&2
        done 2>"$T/counts.err"
    [ -s "$T/counts.err" ] && { cat "$T/counts.err" >&2; bad "row counts ($set)"; } || ok
done

# the comments from the specs are in the database
c=$(psql_ plain -At -c "SELECT col_description('tnds_t_rcp_med_re'::regclass, 7)")
case "$c" in ID1*) ok ;; *) bad "column comment: '$c'" ;; esac

# the drugs of each 服薬 class (1 血圧, 2 血糖, 3 脂質) as the model defines them: the products of
# the drug groups of the conditions listed under drug_classes in checkup.yaml
i=0
for conds in $(sed -n 's/^ *drug_classes: {bp: \[\(.*\)\], glucose: \[\(.*\)\], lipid: \[\(.*\)\]}.*/\1|\2|\3/p' \
                   specs/model/checkup.yaml | tr -d ' ' | tr '|' '\n'); do
    i=$((i + 1))
    awk -F, -v c="$conds" -v k="$i" 'BEGIN {n = split(c, a, ","); for (j = 1; j <= n; j++) w[a[j]] = 1}
        FNR > 1 && ($1 in w) {print k "," $6}' masters/clinical/condition_drugs.csv
done | sort -u > "$T/drug_class.csv"
[ "$(cut -d, -f1 "$T/drug_class.csv" | sort -u | wc -l)" = 3 ] && ok || bad "drug classes from checkup.yaml"
psql_ plain -c "CREATE TABLE drug_class (cls int, medicine_cd text)" \
    -c "\\copy drug_class FROM '$T/drug_class.csv' CSV" || bad "load drug classes"

# the self-injected drugs of the catalogue (given_by, the next-to-last column): the only
# injections a pharmacy may dispense
awk -F, 'FNR > 1 && $11 == "injection" && $(NF - 1) == "self" {print $6}' \
    masters/clinical/condition_drugs.csv | sort -u > "$T/self_injection.csv"
[ -s "$T/self_injection.csv" ] && ok || bad "self-injected drugs from condition_drugs.csv"
psql_ plain -c "CREATE TABLE self_injection (medicine_cd text)" \
    -c "\\copy self_injection FROM '$T/self_injection.csv' CSV" || bad "load self-injected drugs"

# the injections given by staff every few days (condition_drugs.csv: form injection, given_by
# clinic, dose_interval_days 2 or more) with their shortest interval
awk -F, 'FNR > 1 && $11 == "injection" && $(NF - 1) == "clinic" && $13 >= 2 {print $6 "," $13}' \
    masters/clinical/condition_drugs.csv | sort -t, -k1,1 -k2,2n | sort -t, -k1,1 -u > "$T/inj_interval.csv"
[ -s "$T/inj_interval.csv" ] && ok || bad "injection intervals from condition_drugs.csv"
psql_ plain -c "CREATE TABLE inj_interval (medicine_cd text, days numeric)" \
    -c "\\copy inj_interval FROM '$T/inj_interval.csv' CSV" || bad "load injection intervals"

# the 入院期間加算 and 入院基本料等加算 codes of masters/med/wards.csv (roles period, addon):
# 加算 of a day, not ward fees
awk -F, 'FNR > 1 && ($1 == "period" || $1 == "addon") {print $3}' masters/med/wards.csv |
    sort -u > "$T/ward_period.csv"
[ -s "$T/ward_period.csv" ] && ok || bad "入院期間加算 and 入院基本料等加算 codes from wards.csv"
psql_ plain -c "CREATE TABLE ward_period (prac_act_cd text)" \
    -c "\\copy ward_period FROM '$T/ward_period.csv' CSV" || bad "load 入院期間加算 codes"

# invariants
psql_ plain -At -F '|' -f tests/integration/checks.sql > "$T/checks.out" || bad "checks.sql failed"
while IFS='|' read -r name n; do
    [ "$n" = 0 ] && ok || bad "$name: $n"
done < "$T/checks.out"
[ "$(wc -l < "$T/checks.out")" -ge 48 ] && ok || bad "not all checks ran"

# plain and gzip sets hold the same data
for q in "SELECT count(*), sum(total_score) FROM tnds_t_rcp_med_ho" \
         "SELECT md5(string_agg(seq2_no || prac_act_cd || times, ',' ORDER BY seq2_no, seq1_no)) FROM tnds_t_rcp_med_si"; do
    a=$(psql_ plain -At -c "$q"); b=$(psql_ gz -At -c "$q")
    [ "$a" = "$b" ] && ok || bad "plain and gzip differ: $q"
done

# every sample query runs and returns rows
for s in samples/*.sql; do
    n=$(psql_ plain -At -f "$s" | wc -l)
    [ "$n" -gt 0 ] && ok || bad "sample $s returned nothing"
done
# and a plausible one: hypertension patients rise with age, within each sex
psql_ plain -At -F ' ' -f samples/hypertension_by_age.sql > "$T/ht.out"
awk '$2 == 40 || $2 == 70 { n[$1 " " $2] = $3 }
     END { exit !(n["male 70"] > n["male 40"] && n["female 70"] > n["female 40"]) }' "$T/ht.out" \
    && ok || { bad "hypertension does not rise with age"; cat "$T/ht.out" >&2; }

echo "integration tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
