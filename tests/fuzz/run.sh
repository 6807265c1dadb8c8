#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each for SECONDS (default 30),
# starting from a seed corpus made of the project's own inputs; prints the executions and
# fails on any crash, leak, sanitizer report or input slower than 10 s.
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]
# Inputs that find a problem are saved in build/fuzz/crash-<harness>-*; the corpus the fuzzer
# grows is kept in build/fuzz/corpus/<harness> and reused by the next run.
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-30}
shift || true
HARNESSES=("$@")
[ ${#HARNESSES[@]} -gt 0 ] || HARNESSES=(fuzz_spec fuzz_master fuzz_official fuzz_csv)
B=build/fuzz
command -v clang >/dev/null || { echo "fuzzing needs clang (apt-get install clang)" >&2; exit 1; }
make --no-print-directory -s CC=clang BUILD=$B BIN=$B/bin OPT="-O1 -g" \
    EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all" \
    $B/libhicgen.a >/dev/null || { echo "cannot build the library for fuzzing" >&2; exit 1; }
LIBS=$(pkg-config --libs gsl yaml-0.1 libpq zlib libcrypto)

# seed corpora: the project's own inputs of each kind
seed() { # harness → directories/files
    case $1 in
    fuzz_spec) echo specs/tables specs/model ;;
    fuzz_master) find masters -name '*.csv' ;;
    fuzz_official) echo tests/fixtures/official ;;
    fuzz_csv) find masters tests/fixtures/official -name '*.csv' ;;
    esac
}

total=0; failed=0
for h in "${HARNESSES[@]}"; do
    bin=$B/fuzz/$h
    mkdir -p "$B/fuzz" "$B/corpus/$h"
    clang -std=c11 -O1 -g -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags libpq) \
        -fsanitize=fuzzer,address,undefined,float-cast-overflow -fno-sanitize-recover=all \
        -o "$bin" "tests/fuzz/$h.c" $B/libhicgen.a $LIBS -lpthread -lm ||
        { echo "FAIL: cannot build $h" >&2; failed=$((failed + 1)); continue; }
    for s in $(seed "$h"); do
        if [ -d "$s" ]; then cp -n "$s"/*.* "$B/corpus/$h/" 2>/dev/null; else cp -n "$s" "$B/corpus/$h/"; fi
    done
    log=$B/fuzz/$h.log
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$bin" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -max_len=65536 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$B/crash-$h-" "$B/corpus/$h" >"$log" 2>&1
    st=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    total=$((total + ${execs:-0}))
    if [ $st -ne 0 ]; then
        failed=$((failed + 1))
        echo "FAIL: $h (exit $st); see $log" >&2
        grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -5 >&2
    else
        printf "%-14s %10s executions in %s s, corpus %s inputs, no crash\n" "$h" "${execs:-?}" \
            "$SECONDS_EACH" "$(ls "$B/corpus/$h" | wc -l)"
    fi
done
echo "fuzzing: $total executions, ${#HARNESSES[@]} harnesses, $failed failed"
[ $failed -eq 0 ]
