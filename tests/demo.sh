#!/usr/bin/env bash
# make demo: start a throwaway PostgreSQL here (unix socket only), generate a small fictitious
# population straight into it with `hicgen load` (parallel COPY, atomic swap), run a sample
# query, stop the server. Nothing is configured and nothing is left behind.
set -eu
cd "$(dirname "$0")/.."
PERSONS=${PERSONS:-5000}
T=$(mktemp -d /tmp/hicgen-demo-XXXXXX)
chmod 755 "$T"
trap 'scripts/pgtmp.sh stop "$T/pg"; rm -rf "$T"' EXIT
echo "== starting a throwaway PostgreSQL in $T"
CI=$(scripts/pgtmp.sh start "$T/pg")
echo "== hicgen load: $PERSONS fictitious persons × 12 months into schema hicgen"
bin/hicgen load --db "$CI" --persons "$PERSONS" --months 12 --seed 1
echo "== samples/prevalence_ht_dm_by_sex_age.sql (search_path=hicgen)"
sed -n '1,5p' samples/prevalence_ht_dm_by_sex_age.sql
PGOPTIONS="-c search_path=hicgen" psql "$CI" -X -f samples/prevalence_ht_dm_by_sex_age.sql
echo "== done; the server is stopped and removed. To keep files instead, see 'hicgen generate'."
