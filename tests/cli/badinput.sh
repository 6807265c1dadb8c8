#!/usr/bin/env bash
# The bad-input suite: every case of tests/cli/badinput.cases runs hicgen on a private copy of
# the project's specs and masters with one thing broken, and asserts
#   - the exit status (2 for bad input, 1 for a run-time failure),
#   - a message that says where (option, or file:line[:column]) and what,
#   - that nothing was left behind or changed: every file of the work directory has the same
#     content, size and mode as before, and no temporary (*.hicgen-*) and no output remain.
# A case is one line: EXIT | PATTERN (extended regex on stderr) | SETUP | ARGS (separated by
# " | "; a | inside a field has no spaces around it), where SETUP
# (or -) runs in the work directory $W with the helpers below and ARGS are hicgen's
# arguments ($SM stands for --specs $W/specs --masters $W/masters, $G for a small generate run
# on them). Lines starting with # are comments.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
H=${HICGEN:-bin/hicgen}
case $H in /*) ;; *) H=$ROOT/$H ;; esac
CASES=${1:-tests/cli/badinput.cases}
pass=0; fail=0; n=0

# ---- helpers for SETUP ----
mut() { sed -i -e "$2" "$W/$1"; }                 # FILE SED-SCRIPT: edit a copied file
put() { mkdir -p "$(dirname "$W/$1")"; printf '%b' "$2" >"$W/$1"; }   # FILE TEXT (printf %b escapes)
app() { printf '%b' "$2" >>"$W/$1"; }             # FILE TEXT: append
col() { app specs/tables/tnds_t_rcp_med_re.yaml "  - $1\n"; }   # COLUMN: add a column to med_re
del() { rm -rf "${W:?}/$1"; }                      # FILE: remove

snapshot() { (cd "$W" && find . -path ./.hg-case -prune -o -printf '%y %m %s %p\n' | LC_ALL=C sort &&
    find . -path ./.hg-case -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum); }

while IFS= read -r line || [ -n "$line" ]; do
    case $line in '#'* | '') continue ;; esac
    n=$((n + 1))
    # fields are separated by " | " (a | without spaces around it is part of a field)
    field() { awk -v n="$1" 'BEGIN { FS = " [|]( |$)" } { print $n }' <<<"$line"; }
    want=$(field 1); pat=$(field 2); setup=$(field 3); args=$(field 4)
    want=${want// /}
    W=$(mktemp -d /tmp/hicgen-bad-XXXXXX)
    cp -r "$ROOT/specs" "$ROOT/masters" "$W/"
    mkdir -p "$W/.hg-case"
    SM="--specs $W/specs --masters $W/masters"
    G="generate --quiet --persons 50 --months 1 $SM"   # a small run, output named in ARGS
    if [ "$setup" != "-" ] && ! (cd "$W" && eval "$setup"); then
        fail=$((fail + 1)); echo "FAIL [$n]: setup failed: $setup" >&2; rm -rf "$W"; continue
    fi
    before=$(snapshot)
    (cd "$W" && eval "timeout 120 \"\$H\" $args") >"$W/.hg-case/out" 2>"$W/.hg-case/err"
    got=$?
    after=$(snapshot)
    why=""
    [ "$got" -eq "$want" ] || why="exit $got, wanted $want"
    [ -z "$why" ] && ! grep -qE -- "$pat" "$W/.hg-case/err" && why="message does not match /$pat/"
    [ -z "$why" ] && [ "$before" != "$after" ] && why="files changed or left behind: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -3 | tr '\n' ' ')"
    [ -z "$why" ] && find "$W" -name '*.hicgen-*' | grep -q . && why="a temporary was left behind"
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL [$n]: hicgen $args" >&2
        echo "  setup: $setup" >&2
        echo "  $why" >&2
        sed 's/^/  stderr: /' "$W/.hg-case/err" | head -4 >&2
    fi
    rm -rf "$W"
done <"$CASES"
echo "bad-input tests: $pass passed, $fail failed ($n cases)"
[ "$fail" -eq 0 ]
