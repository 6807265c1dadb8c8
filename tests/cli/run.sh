#!/usr/bin/env bash
# Command-line tests: options, help, bad input of every kind (exit status 2 and a message that
# says where and what), output-directory safety, interruption, official masters.
set -u
cd "$(dirname "$0")/../.."
H=${HICGEN:-bin/hicgen}
T=$(mktemp -d /tmp/hicgen-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect STATUS PATTERN -- command...: exit status and a stderr line matching PATTERN
expect() {
    local want=$1 pat=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"; local got=$?
    if [ "$got" -ne "$want" ]; then bad "$* → exit $got, wanted $want"; cat "$T/err" >&2; return; fi
    if [ -n "$pat" ] && ! grep -qE -- "$pat" "$T/err"; then
        bad "$* → message does not match /$pat/:"; cat "$T/err" >&2; return
    fi
    ok
}

# a small generate run: 200 persons × 2 months unless the test gives its own (an option
# given twice is an error)
gen() {
    local a=(--quiet)
    [[ " $* " == *" --persons "* ]] || a+=(--persons 200)
    [[ " $* " == *" --months "* ]] || a+=(--months 2)
    "$H" generate "${a[@]}" "$@"
}

# help and version
expect 0 "" -- "$H" --help
expect 0 "" -- "$H" --version
grep -q "^hicgen [0-9]" "$T/out" && ok || bad "--version prints the version"
for c in generate load package schema check; do expect 0 "" -- "$H" $c --help; done
grep -q "usage: hicgen check" "$T/out" && ok || bad "check --help"
expect 2 "'frobnicate' is not a command" -- "$H" frobnicate
expect 2 "usage: hicgen" -- "$H"

# bad options
expect 2 "unknown or incomplete option '--bogus'" -- gen --bogus --out "$T/o"
expect 2 "option --persons: error: '0' must be a whole number from 1" -- gen --persons 0 --out "$T/o"
expect 2 "option --persons: error: 'ten' must be" -- gen --persons ten --out "$T/o"
expect 2 "option --persons: error: '-5' must be" -- gen --persons -5 --out "$T/o"
expect 2 "option --start: error: '2023-13' must be a month YYYY-MM" -- gen --start 2023-13 --out "$T/o"
expect 2 "option --start: error: '2023-4' must be a month" -- gen --start 2023-4 --out "$T/o"
expect 2 "option --months: error: '0' must be" -- gen --months 0 --out "$T/o"
expect 2 "option --shard: error: '3/2' must be K/N with 1 <= K <= N" -- gen --shard 3/2 --out "$T/o"
expect 2 "option --shard: error: '0/2' must be K/N" -- gen --shard 0/2 --out "$T/o"
expect 2 "option --threads: error: '0' must be" -- gen --threads 0 --out "$T/o"
expect 2 "unknown or incomplete option '--persons'" -- "$H" generate --persons
expect 2 "unexpected argument 'extra'" -- gen --out "$T/o" extra
expect 2 "option --specs: error: '$T/none' is not a readable directory" -- gen --specs "$T/none" --out "$T/o"
expect 2 "option --masters: error: '$T/none' is not a readable directory" -- gen --masters "$T/none" --out "$T/o"
[ ! -e "$T/o" ] && ok || bad "a rejected run created its output directory"

# several problems are all reported
expect 2 "option --persons" -- gen --persons 0 --months 0 --out "$T/o"
grep -q "option --months" "$T/err" && ok || bad "second option problem not reported"

# broken specs and masters: copies of the project's, each broken in one way
cp -r specs "$T/specs"; cp -r masters "$T/masters"
printf 'table: t_x\nrecord: med_re\ncolumns:\n  - {name: a, type: integer, from: age\n' > "$T/specs/tables/zz_broken.yaml"
expect 2 "zz_broken.yaml:5:1: error: malformed YAML" -- gen --specs "$T/specs" --out "$T/o"
expect 2 "zz_broken.yaml:5:1: error: malformed YAML" -- "$H" check --specs "$T/specs"
rm "$T/specs/tables/zz_broken.yaml"
sed -i 's/from: birth, format: gyymm/from: birth, format: gyymmm/' "$T/specs/tables/tnds_t_rcp_med_re.yaml"
expect 2 "tnds_t_rcp_med_re.yaml:[0-9]+:[0-9]+: error: column tnds_t_rcp_med_re.birth_ym: unknown format 'gyymmm'" -- "$H" check --specs "$T/specs"
cp specs/tables/tnds_t_rcp_med_re.yaml "$T/specs/tables/"
chmod 000 "$T/specs/tables/tnds_t_rcp_med_sy.yaml"
if [ "$(id -u)" -ne 0 ]; then
    expect 2 "tnds_t_rcp_med_sy.yaml: error: cannot open" -- "$H" check --specs "$T/specs"
fi
chmod 644 "$T/specs/tables/tnds_t_rcp_med_sy.yaml"
mv "$T/masters/medicine.csv" "$T/masters/medicine.off"
expect 2 "medicine.csv: error: cannot open: No such file" -- gen --masters "$T/masters" --out "$T/o"
mv "$T/masters/medicine.off" "$T/masters/medicine.csv"
printf '999999999,"unterminated,1\n' >> "$T/masters/prac_act.csv"
expect 2 "prac_act.csv:$(( $(wc -l < masters/prac_act.csv) + 1 )):11: error: a quoted field is never closed" -- "$H" check --masters "$T/masters"
cp masters/prac_act.csv "$T/masters/"
sed -i '3s/.*/HT,8840107/' "$T/masters/clinical/condition_diseases.csv"
expect 2 "condition_diseases.csv:3:4: error: 2 fields where the header has 9" -- "$H" check --masters "$T/masters"
cp masters/clinical/condition_diseases.csv "$T/masters/clinical/"
sed -i 's/^  pyramid:$/  pyramids:/' "$T/specs/model/population.yaml"
expect 2 "population.yaml:[0-9]+:[0-9]+: error: missing 'pyramid'" -- "$H" check --specs "$T/specs"
grep -qE "population.yaml:[0-9]+:[0-9]+: error: unknown key 'pyramids'" "$T/err" && ok || bad "a misspelt key is reported where it is"
cp specs/model/population.yaml "$T/specs/model/"
expect 0 "" -- "$H" check --specs "$T/specs" --masters "$T/masters"
grep -q "^ok: " "$T/out" && ok || bad "check prints ok"
# check --kinds: every kind a spec names is listed with its fields, and every table is bound
expect 0 "" -- "$H" check --kinds
cp "$T/out" "$T/kinds"
missing=0
for f in specs/tables/*.yaml; do
    k=$(sed -n 's/^record: *\([a-z0-9_]*\).*/\1/p' "$f")
    t=$(sed -n 's/^table: *\([a-z0-9_]*\).*/\1/p' "$f")
    grep -qE "^$k \([a-z]+\) ->.*[ ,]$t(,|$)" "$T/kinds" || { missing=1; echo "kind $k / table $t" >&2; }
done
[ "$missing" = 0 ] && ok || bad "check --kinds lists every spec's kind and table"
grep -qE "^    seq1_no:int seq2_no:text .* age:int " "$T/kinds" && ok || bad "check --kinds prints typed fields"
expect 2 "'--kinds' is an option of 'hicgen check'" -- "$H" schema --kinds
sed 's/^record: med_re/record: med_rex/' specs/tables/tnds_t_rcp_med_re.yaml > "$T/k.yaml"
mkdir -p "$T/kspecs" && cp -r specs/* "$T/kspecs/" && cp "$T/k.yaml" "$T/kspecs/tables/tnds_t_rcp_med_re.yaml"
expect 2 "unknown record kind 'med_rex'.*med_re" -- "$H" check --specs "$T/kspecs"

# output directory safety: a non-empty directory is never replaced without --force
mkdir -p "$T/keep"; echo precious > "$T/keep/mine.txt"
expect 2 "output directory exists and is not empty; use --force" -- gen --out "$T/keep"
[ "$(cat "$T/keep/mine.txt")" = precious ] && ok || bad "user's file was touched"
echo notadir > "$T/file"
expect 2 "exists and is not a directory" -- gen --out "$T/file"
expect 2 "is not an earlier hicgen output .*--force will not replace it" -- gen --out "$T/keep" --force
[ "$(cat "$T/keep/mine.txt")" = precious ] && ok || bad "--force replaced a directory hicgen did not make"
expect 0 "" -- gen --out "$T/prev"
echo mine > "$T/prev/extra.txt"
expect 0 "" -- gen --out "$T/prev" --force
[ ! -e "$T/prev/extra.txt" ] && [ -f "$T/prev/manifest.json" ] && ok || bad "--force replaces an earlier output"
mkdir -p "$T/empty"
expect 0 "" -- gen --out "$T/empty"
[ -f "$T/empty/load.sql" ] && ok || bad "an empty directory is used"
ls -d "$T"/*.hicgen-* >/dev/null 2>&1 && bad "temporary directories left behind" || ok

# an interrupted run leaves nothing that looks complete, and no temporary directory
"$H" generate --quiet --persons 2000000 --threads 2 --out "$T/big" 2>"$T/int.err" &
pid=$!
sleep 1; kill -INT $pid; wait $pid; st=$?
[ "$st" -eq 130 ] && grep -q "interrupted; nothing was written" "$T/int.err" && ok || bad "interrupted run exit status $st, wanted 130"
[ ! -e "$T/big" ] && ok || bad "interrupted run left $T/big"
ls -d "$T"/big.hicgen-* >/dev/null 2>&1 && bad "interrupted run left its temporary directory" || ok

# a full disk: a run-time failure (exit 1), nothing left behind
if [ -e /dev/full ] && [ "$(id -u)" -eq 0 ] && mkdir -p "$T/tiny" && mount -t tmpfs -o size=2m tmpfs "$T/tiny" 2>/dev/null; then
    expect 1 "write failed: No space left on device \(is the disk full\?\)" -- gen --persons 5000 --months 12 --out "$T/tiny/o"
    [ -z "$(ls -A "$T/tiny")" ] && ok || bad "full disk left files: $(ls "$T/tiny")"
    umount "$T/tiny"
fi

# schema prints the DDL
expect 0 "" -- "$H" schema
grep -q "CREATE TABLE tnds_t_rcp_med_re" "$T/out" && grep -q "COMMENT ON COLUMN tnds_t_rcp_med_re.id1 IS 'ID1" "$T/out" && ok || bad "schema DDL"

# valid forms of --out: trailing slash, a missing parent (created like mkdir -p), '.', a
# relative path, a symbolic link (kept: the data goes where it points)
expect 0 "" -- gen --out "$T/data/"
[ -f "$T/data/manifest.json" ] && ok || bad "--out with a trailing slash"
expect 0 "" -- gen --out "$T/runs/2022/a"
[ -f "$T/runs/2022/a/manifest.json" ] && ok || bad "--out with missing parents"
HA=$(cd "$(dirname "$H")" && pwd)/$(basename "$H")
SA="--specs $(pwd)/specs --masters $(pwd)/masters"   # a sanitizer build lives elsewhere
mkdir -p "$T/here" && (cd "$T/here" && "$HA" generate $SA --quiet --persons 50 --months 1 --out . >/dev/null 2>&1)
[ -f "$T/here/manifest.json" ] && ok || bad "--out ."
(cd "$T" && "$HA" generate $SA --quiet --persons 50 --months 1 --out rel/x >/dev/null 2>&1)
[ -f "$T/rel/x/manifest.json" ] && ok || bad "--out relative path"
mkdir -p "$T/real" && ln -s "$T/real" "$T/lnk"
expect 0 "" -- gen --out "$T/lnk"
[ -L "$T/lnk" ] && [ -f "$T/real/manifest.json" ] && ok || bad "a symbolic link --out is kept and written through"
# a failed run removes the parents it created
expect 2 "" -- gen --out "$T/made/by/run" --start 2099-13
[ ! -e "$T/made" ] && ok || bad "a refused run left directories"

# leftovers of killed runs: temporaries of a dead process are removed; a previous output a
# killed run had moved aside is put back when the output is missing
mkdir -p "$T/left.hicgen-tmp-999999999-abcdef" "$T/left.hicgen-tmp-999999998"
echo 1 > "$T/left.hicgen-tmp-999999999-abcdef/big.csv"
expect 0 "" -- gen --out "$T/left"
ls -d "$T"/left.hicgen-* >/dev/null 2>&1 && bad "stale temporaries not removed: $(ls -d "$T"/left.hicgen-*)" || ok
gen --out "$T/moved" >/dev/null 2>&1 && mv "$T/moved" "$T/moved.hicgen-old-999999999-abcdef"
expect 2 "output directory exists and is not empty" -- gen --out "$T/moved"
[ -f "$T/moved/manifest.json" ] && [ ! -e "$T/moved.hicgen-old-999999999-abcdef" ] && ok || bad "previous output not put back"
grep -q "put back the previous output" "$T/err" && ok || bad "putting back is reported"

# a symbolic link planted at a temporary name is never followed: the victim is untouched
echo precious > "$T/victim"
printf 'presets:\n  p: {persons: 50, start: 2022-04, months: 1, seed: 1, description: {ja: a, en: b}}\n' >"$T/presets.yaml"
mkdir -p "$T/pkv"
sh -c 'for n in hicgen-p-0.1.0-seed1.tar.gz.tmp-$$ hicgen-p-0.1.0-seed1.sha256.tmp-$$ .hicgen-package-$$; do ln -s "$1/victim" "$1/pkv/$n"; done; exec "$0" package --quiet --preset p --presets "$1/presets.yaml" --out "$1/pkv"' "$H" "$T" >/dev/null 2>&1
[ "$(cat "$T/victim")" = precious ] && ok || bad "package followed a planted symbolic link"
ls "$T"/pkv/hicgen-p-*.tar.gz >/dev/null 2>&1 && ok || bad "package with planted links"
sh -c 'ln -s "$1/victim" "$1/gv.hicgen-tmp-$$"; exec "$0" generate --quiet --persons 50 --months 1 --out "$1/gv"' "$H" "$T" >/dev/null 2>&1
[ "$(cat "$T/victim")" = precious ] && [ -f "$T/gv/manifest.json" ] && ok || bad "generate followed a planted symbolic link"

# a reader that goes away does not kill the run (SIGPIPE ignored)
"$H" generate --persons 300 --months 1 --out "$T/pipe" 2>&1 | true
[ "${PIPESTATUS[0]}" -eq 0 ] && [ -f "$T/pipe/manifest.json" ] && ok || bad "generate 2>&1 | true"

# specs written in valid YAML forms hicgen did not write itself: a byte-order mark, a quoted key
mkdir -p "$T/yspecs" && cp -r specs/* "$T/yspecs/"
f="$T/yspecs/tables/tnds_t_rcp_med_re.yaml"
{ printf '\xef\xbb\xbf'; sed 's/^table: /"table": /' "$f"; } > "$f.new" && mv "$f.new" "$f"
expect 0 "" -- "$H" schema --specs "$T/yspecs"
grep -q "CREATE TABLE tnds_t_rcp_med_re" "$T/out" && ok || bad "a spec with a BOM and a quoted key"

# official masters (Shift_JIS) work end to end
expect 0 "" -- gen --official-masters tests/fixtures/official --out "$T/off"
grep -q '"official_masters": true' "$T/off/manifest.json" && ok || bad "manifest records official masters"
grep -q '高血圧症' "$T/off/tnds_m_skwd.csv" && ok || bad "official master converted to UTF-8"
expect 2 "masters: error: no official 傷病名 \(b_\*\) master below this directory" -- gen --official-masters "$T/masters" --out "$T/off2"
# a whole official master holds rows the NDB layout cannot (ステミラック注, 15,234,750 yen, over
# tnds_m_medicine.nnp_price numeric(9,2)): the row is left out with a warning, the run goes on
cp -r tests/fixtures/official "$T/offbig"
printf '"0","Y","629700201","7","ステミラック注","6","ｽﾃﾐﾗｯｸ","38","1","回","1","15234750","","0","0","1","0","","0","0","0","0","0","1","15234750","0","0","4","","20240401","99999999","4900401X1026","1","0","ステミラック注"\r\n' |
    iconv -f UTF-8 -t CP932 >>"$T/offbig/y_fixture.csv"
expect 0 "warning: tnds_m_medicine: code 629700201 of its master left out: nnp_price '15234750' does not fit" -- gen --official-masters "$T/offbig" --out "$T/off3"
grep -q ',610407025,' "$T/off3/tnds_m_medicine.csv" && ! grep -q ',629700201,' "$T/off3/tnds_m_medicine.csv" && ok || bad "only the row that does not fit is left out"

# the same seed gives the same bytes; another seed does not
gen --out "$T/a" --seed 5 && gen --out "$T/b" --seed 5 --threads 1 && gen --out "$T/c" --seed 6
cmp -s "$T/a/tnds_t_rcp_med_re.csv" "$T/b/tnds_t_rcp_med_re.csv" && ok || bad "same seed, different bytes"
cmp -s "$T/a/tnds_t_rcp_med_re.csv" "$T/c/tnds_t_rcp_med_re.csv" && bad "another seed, same bytes" || ok
gen --out "$T/g" --seed 5 --gzip
for f in "$T"/g/*.csv.gz; do
    b=$(basename "$f" .gz)
    gzip -dc "$f" | cmp -s - "$T/a/$b" || { bad "gzip $b differs from plain"; break; }
done; ok

# load: everything that can be checked before connecting exits 2 without connecting
expect 2 "option --schema: error: 'Bad-Name' is not usable" -- "$H" load --schema Bad-Name
expect 2 "option --schema: error: 'public' is reserved" -- "$H" load --schema public
expect 2 "option --keep: error: '0' must be" -- "$H" load --keep 0
expect 2 "option --jobs: error: 'x' must be" -- "$H" load --jobs x
expect 2 "option --db: error: not a valid conninfo" -- "$H" load --db "dbname='open"
expect 2 "option --db: error: contains a password.*pgpass" -- "$H" load --db "host=x password=hunter2"
grep -q hunter2 "$T/err" && bad "a password was echoed" || ok
expect 2 "unknown or incomplete option '--out'" -- "$H" load --out x
# with nothing listening, a connection failure is a run-time failure (exit 1), said plainly
expect 1 "cannot connect to the database" -- "$H" load --quiet --persons 5 --db "host=$T/nosock"

# package: the preset fixes the data; options and presets files are checked
expect 2 "--preset NAME is required" -- "$H" package --out "$T"
expect 2 "no preset 'huge' \(presets: small, medium, large\)" -- "$H" package --preset huge --out "$T"
expect 2 "'--persons': a package's data is fixed by its preset" -- "$H" package --preset small --persons 5
printf 'presets:\n  p: {persons: 50, start: 2022-4, months: 1, seed: 1, description: {ja: a, en: b}}\n' >"$T/presets.yaml"
expect 2 "presets.yaml:2:.*start must be a month" -- "$H" package --preset p --presets "$T/presets.yaml" --out "$T"
printf 'presets:\n  p: {persons: 50, start: 2022-04, months: 1, seed: 1, description: {ja: a, en: b}}\n' >"$T/presets.yaml"
mkdir -p "$T/pk"
expect 0 "" -- "$H" package --quiet --preset p --presets "$T/presets.yaml" --out "$T/pk"
grep -q "hicgen-p-.*-seed1.tar.gz$" "$T/out" && ok || bad "package prints the archive's path"
expect 2 "exists; use --force" -- "$H" package --quiet --preset p --presets "$T/presets.yaml" --out "$T/pk"
expect 0 "" -- "$H" package --quiet --preset p --presets "$T/presets.yaml" --out "$T/pk" --force
[ "$(ls -A "$T/pk" | wc -l)" = 2 ] && ok || bad "package leaves only the archive and its .sha256: $(ls -A "$T/pk")"
echo notadir > "$T/afile"
expect 2 "afile: error: is not a directory" -- "$H" package --quiet --preset p --presets "$T/presets.yaml" --out "$T/afile"
expect 0 "" -- "$H" package --quiet --preset p --presets "$T/presets.yaml" --out "$T/new/deep/"
ls "$T"/new/deep/hicgen-p-*-seed1.tar.gz.sha256 >/dev/null 2>&1 && ok || bad "package creates a missing --out like mkdir -p"

echo "command-line tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
