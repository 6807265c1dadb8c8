#!/usr/bin/env bash
# make demo: generate a small dataset, load it into a throwaway PostgreSQL started here (unix
# socket only), print the answer of a sample query, stop the server. The data stays in
# demo-out/ for a look; the database goes with the server.
set -eu
cd "$(dirname "$0")/.."
OUT=demo-out
PERSONS=${PERSONS:-5000}
echo "== generating $PERSONS fictitious persons × 12 months into $OUT/"
bin/hicgen generate --persons "$PERSONS" --months 12 --seed 1 --out "$OUT" --force
T=$(mktemp -d /tmp/hicgen-demo-XXXXXX)
chmod 755 "$T"
trap 'scripts/pgtmp.sh stop "$T/pg"' EXIT
echo "== starting a throwaway PostgreSQL in $T"
CI=$(scripts/pgtmp.sh start "$T/pg")
echo "== loading schema.sql and load.sql"
(cd "$OUT" && psql "$CI" -X -q -v ON_ERROR_STOP=1 -f schema.sql -f load.sql >/dev/null)
psql "$CI" -X -q -c "SELECT table_name AS table, (xpath('/row/n/text()', query_to_xml(
    format('SELECT count(*) AS n FROM %I', table_name), false, true, '')))[1]::text::bigint AS rows
  FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
echo "== samples/hypertension_by_age.sql"
sed -n '1,4p' samples/hypertension_by_age.sql
psql "$CI" -X -f samples/hypertension_by_age.sql
echo "== done; the server is stopped and removed. The files are in $OUT/."
