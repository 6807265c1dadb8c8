#!/usr/bin/env bash
# Benchmark: generation speed and memory, beside two floors measured in the same run on the
# same disk — writing the same number of bytes with dd (conv=fdatasync), and gzip -1 of the
# produced files. Prints figures; asserts nothing.
#   bench/bench.sh [PERSONS]     (default 100000 persons × 12 months)
#   BASELINE=/path/to/other/bin/hicgen bench/bench.sh   also runs another build (say, an older
#   version checked out elsewhere) on the same workloads, for a side-by-side comparison
#   REPEAT=N (default 3): each figure is the fastest of N runs
set -eu
cd "$(dirname "$0")/.."
H=bin/hicgen
P=${1:-100000}
T=$(mktemp -d "${BENCH_DIR:-/tmp}/hicgen-bench-XXXXXX")
trap 'rm -rf "$T"' EXIT
[ -x /usr/bin/time ] || { echo "bench needs GNU time (apt-get install time)" >&2; exit 1; }

REPEAT=${REPEAT:-3}
run() { # args... → sets SECS (the fastest of REPEAT runs: other work on a shared machine only
        # ever slows a run down), RSS_KB (binary: $H)
    SECS=
    for _ in $(seq "$REPEAT"); do
        /usr/bin/time -f "%e %M" -o "$T/time" "$H" generate --quiet --seed 1 --months 12 "$@" ${EXTRA:-} --force
        read -r s RSS_KB < "$T/time"
        if [ -z "$SECS" ] || awk -v a="$s" -v b="$SECS" 'BEGIN { exit !(a < b) }'; then SECS=$s; fi
    done
}
bytes_of() { du -sb --apparent-size "$1" | cut -f1; }
rows_of() { grep -o '"rows": [0-9]*' "$1/manifest.json" | awk '{s += $2} END {print s}'; }

printf "hicgen %s — %s persons × 12 months, %s CPUs, %s\n" "$("$H" --version | cut -d' ' -f2)" \
    "$P" "$(nproc)" "$(date -u +%Y-%m-%d)"
printf "%-34s %9s %12s %12s %9s %10s\n" "what" "seconds" "persons/s" "rows/s" "MB/s" "peak RSS"
for th in 1 2; do
    run --persons "$P" --threads "$th" --out "$T/out$th"
    B=$(bytes_of "$T/out$th"); R=$(rows_of "$T/out$th")
    awk -v s="$SECS" -v p="$P" -v r="$R" -v b="$B" -v m="$RSS_KB" -v th="$th" 'BEGIN {
        printf "%-34s %9.2f %12.0f %12.0f %9.1f %8.1f MB\n", "hicgen csv, --threads " th, s, p / s, r / s, b / s / 1e6, m / 1024 }'
done
run --persons "$P" --threads 2 --gzip --out "$T/outgz"
BZ=$(bytes_of "$T/outgz")
awk -v s="$SECS" -v p="$P" -v r="$R" -v b="$B" -v bz="$BZ" -v m="$RSS_KB" 'BEGIN {
    printf "%-34s %9.2f %12.0f %12.0f %9.1f %8.1f MB  (%.0f MB compressed)\n", "hicgen --gzip, --threads 2", s, p / s, r / s, b / s / 1e6, m / 1024, bz / 1e6 }'
cmp -s "$T/out1/tnds_t_rcp_med_si.csv" "$T/out2/tnds_t_rcp_med_si.csv" && echo "threads 1 and 2: identical bytes"
if [ -n "${BASELINE:-}" ]; then
    MAIN=$H
    H=$BASELINE
    # the baseline reads its own specs and masters, beside its binary
    base_root=$(cd "$(dirname "$BASELINE")/.." && pwd)
    EXTRA="--specs $base_root/specs --masters $base_root/masters"
    for th in 1 2; do
        run --persons "$P" --threads "$th" --out "$T/base$th"
        Bb=$(bytes_of "$T/base$th"); Rb=$(rows_of "$T/base$th")
        awk -v s="$SECS" -v p="$P" -v r="$Rb" -v b="$Bb" -v m="$RSS_KB" -v th="$th" 'BEGIN {
            printf "%-34s %9.2f %12.0f %12.0f %9.1f %8.1f MB\n", "baseline csv, --threads " th, s, p / s, r / s, b / s / 1e6, m / 1024 }'
        rm -rf "$T/base$th"
    done
    H=$MAIN
    EXTRA=
fi

MB=$(( (B + 999999) / 1000000 ))
/usr/bin/time -f "%e" -o "$T/time" dd if=/dev/zero of="$T/dd" bs=1M count="$MB" conv=fdatasync 2>/dev/null
S=$(cat "$T/time")
rm -f "$T/dd"
awk -v s="$S" -v mb="$MB" 'BEGIN { printf "%-34s %9.2f %12s %12s %9.1f\n", "floor: dd " mb " MB, conv=fdatasync", s, "", "", mb / s }'
/usr/bin/time -f "%e" -o "$T/time" sh -c "cat '$T'/out1/*.csv | gzip -1 > /dev/null"
S=$(cat "$T/time")
awk -v s="$S" -v b="$B" 'BEGIN { printf "%-34s %9.2f %12s %12s %9.1f\n", "floor: gzip -1 of the same files", s, "", "", b / s / 1e6 }'

echo "memory against population size (--threads 2):"
for n in 10000 200000; do
    run --persons "$n" --threads 2 --out "$T/mem"
    awk -v n="$n" -v m="$RSS_KB" -v s="$SECS" 'BEGIN { printf "  %7d persons: peak RSS %6.1f MB (%.1f s)\n", n, m / 1024, s }'
    rm -rf "$T/mem"
done
