#!/usr/bin/env bash
# Runs each cmocka unit-test binary from the project root; fails if any fails.
set -u
cd "$(dirname "$0")/.."
failed=0; total=0
for t in "$@"; do
    total=$((total + 1))
    if ! "$t"; then failed=$((failed + 1)); echo "FAILED: $t" >&2; fi
done
echo "unit test programs: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
