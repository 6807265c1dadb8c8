#!/usr/bin/env bash
# Benchmark of `hicgen load` against the baseline a DBA would use: `psql \copy` of the same
# dataset, already generated as CSV files, with the same number of parallel sessions, into
# bare tables of a fresh schema; then keys, indexes and ANALYZE for both. Both run in the same
# run against the same throwaway PostgreSQL (started here: unix socket, fsync off; it is a
# scratch database for both). Prints figures; asserts nothing.
#   bench/load.sh [PERSONS] [JOBS]   (default 100000 persons × 12 months, JOBS = CPUs)
#   REPEAT=n bench/load.sh           repeats both methods n times, alternating (default 2)
# The direct load's time includes generating the data; the baseline's does not (its files
# were generated beforehand, and that time is printed apart).
set -eu
cd "$(dirname "$0")/.."
H=$(pwd)/bin/hicgen
P=${1:-100000}
J=${2:-$(nproc)}
REPEAT=${REPEAT:-2}
T=$(mktemp -d "${BENCH_DIR:-/tmp}/hicgen-benchload-XXXXXX")
chmod 755 "$T"
trap 'scripts/pgtmp.sh stop "$T/pg" >/dev/null 2>&1; rm -rf "$T"' EXIT
CI=$(scripts/pgtmp.sh start "$T/pg")
q() { psql "$CI" -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

printf "hicgen %s — load benchmark: %s persons × 12 months, %s sessions, %s CPUs, %s\n" \
    "$("$H" --version | cut -d' ' -f2)" "$P" "$J" "$(nproc)" "$(date -u +%Y-%m-%d)"

t0=$(now)
"$H" generate --quiet --persons "$P" --seed 1 --out "$T/files"
t1=$(now)
ROWS=$(grep -o '"rows": [0-9]*' "$T/files/manifest.json" | awk '{s += $2} END {print s}')
MB=$(du -sb --apparent-size "$T/files" | awk '{printf "%.0f", $1 / 1e6}')
awk -v s="$(minus "$t1" "$t0")" -v r="$ROWS" -v mb="$MB" 'BEGIN {
    printf "dataset: %d rows, %d MB of CSV; generating the files took %.2f s (not counted below)\n", r, mb, s }'

# The baseline's work, split into J lists of tables, largest first, each to the lightest list
# (the same balancing the loader uses for its keys).
ls -S "$T/files"/*.csv | awk -v j="$J" '{
    cmd = "stat -c %s " $0; cmd | getline sz; close(cmd)
    best = 0; for (i = 1; i < j; i++) if (load[i] < load[best]) best = i
    load[best] += sz; n = split($0, p, "/"); t = p[n]; sub(/\.csv$/, "", t); print best, t
}' >"$T/plan"

baseline() { # → COPY_S KEYS_S
    q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS base CASCADE; CREATE SCHEMA base"
    (echo "SET search_path TO base;"; cat "$T/files/schema.sql") | q >/dev/null
    for i in $(seq 0 $((J - 1))); do
        awk -v i="$i" -v d="$T/files" '$1 == i {
            printf "\\copy %s FROM %s/%s.csv WITH (FORMAT csv, HEADER true)\n", $2, d, $2 }' \
            "$T/plan" >"$T/copy$i.sql"
        awk -v i="$i" '$1 == i { print $2 }' "$T/plan" | while read -r t; do
            grep -E "^(ALTER TABLE|CREATE INDEX ON) $t " "$T/files/load.sql"
            echo "ANALYZE $t;"
        done >"$T/keys$i.sql"
    done
    local a b c
    a=$(now)
    for i in $(seq 0 $((J - 1))); do
        PGOPTIONS="-c search_path=base" q -f "$T/copy$i.sql" &
    done
    wait
    b=$(now)
    for i in $(seq 0 $((J - 1))); do
        PGOPTIONS="-c search_path=base" q -f "$T/keys$i.sql" >/dev/null &
    done
    wait
    c=$(now)
    COPY_S=$(minus "$b" "$a")
    KEYS_S=$(minus "$c" "$b")
    local n
    n=$(q -c "SELECT sum((xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM base.%I', relname), false, true, '')))[1]::text::bigint) FROM pg_stat_user_tables WHERE schemaname = 'base'")
    [ "$n" = "$ROWS" ] || echo "warning: baseline loaded $n rows of $ROWS" >&2
}

direct() { # → COPY_S KEYS_S
    "$H" load --db "$CI" --persons "$P" --seed 1 --jobs "$J" --keep 1 2>"$T/load.log" </dev/null
    local s
    s=$(grep -o 'generate+COPY [0-9.]* s.*ANALYZE [0-9.]* s' "$T/load.log")
    COPY_S=$(echo "$s" | awk '{print $2}')
    KEYS_S=$(echo "$s" | awk '{print $(NF-1)}')
}

printf "\n%-40s %10s %12s %14s\n" "method" "COPY s" "rows/s" "keys+ANALYZE s"
for r in $(seq "$REPEAT"); do
    baseline
    awk -v s="$COPY_S" -v k="$KEYS_S" -v r="$ROWS" -v j="$J" 'BEGIN {
        printf "%-40s %10.2f %12.0f %14.2f\n", "psql \\copy of the files, " j " sessions", s, r / s, k }'
    direct
    awk -v s="$COPY_S" -v k="$KEYS_S" -v r="$ROWS" -v j="$J" 'BEGIN {
        printf "%-40s %10.2f %12.0f %14.2f\n", "hicgen load (generating), " j " sessions", s, r / s, k }'
done
echo "(the direct load's COPY time includes generating every row; rows/s counts all $ROWS rows)"

# Does binary COPY pay? The server's time to take the largest table as CSV and as binary
# (both exported from the loaded data), one session, into a bare table.
BIG=$(ls -S "$T/files"/*.csv | head -n 1 | xargs basename | sed 's/\.csv$//')
q -c "\\copy hicgen.$BIG TO '$T/big.csv' WITH (FORMAT csv)"
q -c "\\copy hicgen.$BIG TO '$T/big.bin' WITH (FORMAT binary)"
printf "\n%-40s %10s %12s\n" "COPY FROM of $BIG" "seconds" "MB"
for r in $(seq "$REPEAT"); do
    for f in csv binary; do
        ext=$([ $f = csv ] && echo csv || echo bin)
        q -c "SET client_min_messages = warning; DROP TABLE IF EXISTS public.copytest; CREATE TABLE public.copytest (LIKE hicgen.$BIG)"
        a=$(now)
        q -c "\\copy public.copytest FROM '$T/big.$ext' WITH (FORMAT $f)"
        b=$(now)
        awk -v s="$(minus "$b" "$a")" -v f="$f" -v mb="$(stat -c %s "$T/big.$ext")" 'BEGIN {
            printf "%-40s %10.2f %12.0f\n", "  format " f, s, mb / 1e6 }'
    done
done
