#!/usr/bin/env python3
"""Scales the shares (group_prob) of the prescribed drug groups of masters/clinical/
condition_drugs.csv so that what a dataset's pharmacies dispense matches the nation's.

  tools/masters/calibrate_drugs.py NATIONAL.csv MEASURED.csv

NATIONAL.csv: NDB Open Data 第9回 (FY2022) 処方薬 内服・外用・注射 外来(院外) 処方数量 by drug
(columns receipt_code, total_qty), as extracted from download/09/001258655, 001258712 and
001258715.xlsx of the MHLW files mirrored in github code4fukui/ndb-opendata (rows masked under
1,000 are absent). MEASURED.csv: what a dataset generated with the current masters dispensed,
per 20,000 person-years (tools/masters/measure_drugs.sql).

A group's factor is the national quantity of its ingredients (薬価基準コード to 7 characters: all
makers and strengths) over the dataset's, both per 20,000 person-years, for groups of products a pharmacy dispenses (not given at the clinic; the Kampo
groups have their own tool) with ingredients in the national list; an ingredient several conditions
share moves all their groups alike. Factors are kept within [1/3, 3] and a raised share within
max(MAX_SHARE, its old value): the national quantity also counts causes the catalogue does not
model. First-line groups of one condition in one 薬効分類 that were alternatives (shares adding
up to at most 1) stay alternatives (scaled back to add up to 0.95 at most). Each changed row's
source says so. Measure at 50,000 persons or more. Python 3 standard library only."""
import csv, io, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
POP = 124.9e6  # population, 2022-10-01 (人口推計), as in background_acts.py
MAX_SHARE = 0.6


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    # by ingredient (the first 7 characters of the 薬価基準コード): the catalogue's few makers of
    # an ingredient stand for all of them, whose quantities the national list spreads out
    nat = {}
    with open(sys.argv[1], encoding='utf-8') as f:
        for r in csv.DictReader(f):
            k = r['yj_code'][:7]
            nat[k] = nat.get(k, 0) + float(r['total_qty']) / POP * 20000
    yj_of = {}
    with open(os.path.join(ROOT, 'masters', 'medicine.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            yj_of[r['medicine_cd']] = r['drug_price_std_cd'][:7]
    got = {}
    with open(sys.argv[2], encoding='utf-8') as f:
        for row in csv.reader(f):
            if len(row) == 2 and row[0] in yj_of:
                k = yj_of[row[0]]
                got[k] = got.get(k, 0) + float(row[1])
    path = os.path.join(ROOT, 'masters', 'clinical', 'condition_drugs.csv')
    rows = list(csv.reader(io.StringIO(open(path, encoding='utf-8').read())))
    H = {h: i for i, h in enumerate(rows[0])}
    groups, yj = {}, {}
    for r in rows[1:]:
        if not r or r[H['given_by']] == 'clinic' or r[H['group']].startswith('kampo_'):
            continue
        key = (r[H['cond']], r[H['group']])
        groups.setdefault(key, set()).add(r[H['yj_code']][:7])
        yj[key] = r[H['yj_code']][:3]
    factor = {}
    for key, ingr in groups.items():
        if not any(k in nat for k in ingr):
            continue
        n = sum(nat.get(k, 0) for k in ingr)
        g = sum(got.get(k, 0) for k in ingr)
        factor[key] = max(1 / 3, min(3.0, n / g if g > 0 else 3.0))
    old, new = {}, {}
    for r in rows[1:]:
        key = (r[H['cond']], r[H['group']]) if r else None
        if key in factor and key not in old:
            o = float(r[H['group_prob']])
            x = o * factor[key]
            if factor[key] > 1:
                x = min(max(MAX_SHARE, o), x)
            old[key], new[key] = o, x
    # alternatives stay alternatives
    lines = {}
    for r in rows[1:]:
        if r:
            lines[(r[H['cond']], r[H['group']])] = r[H['line']]
    sets = {}
    for key in old:
        if lines.get(key) == 'first':
            sets.setdefault((key[0], yj[key]), []).append(key)
    for (cond, cls), keys in sets.items():
        before = sum(float(next(r[H['group_prob']] for r in rows[1:] if r and (r[H['cond']], r[H['group']]) == k)) for k in keys)
        after = sum(new[k] for k in keys)
        if before <= 1 and after > 0.95:
            for k in keys:
                new[k] *= 0.95 / after
    changed = 0
    for r in rows[1:]:
        key = (r[H['cond']], r[H['group']]) if r else None
        if key not in new or abs(new[key] - old[key]) < 0.1 * old[key]:
            continue
        r[H['group_prob']] = '%.4g' % new[key]
        r[H['source']] += ('; hicgen: share %g -> %.4g so that pharmacies dispense the national '
                           'quantity, NDB Open Data 第9回 (FY2022) 外来(院外) (tools/masters/'
                           'calibrate_drugs.py; DERIVED)' % (old[key], new[key]))
        changed += 1
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows(rows)
    open(path, 'w', encoding='utf-8').write(out.getvalue())
    print('%d rows of %d groups rescaled' % (changed, len(factor)))


if __name__ == '__main__':
    main()
