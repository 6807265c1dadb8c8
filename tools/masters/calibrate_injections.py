#!/usr/bin/env python3
"""Scales the shares (group_prob) of the clinic-given injection groups of masters/clinical/
condition_drugs.csv so that the quantity a dataset gives matches the nation's.

  tools/masters/calibrate_injections.py NATIONAL.csv MEASURED.csv

NATIONAL.csv: NDB Open Data 第9回 (FY2022) 注射薬 外来(院内) 処方数量 of the top 300 drugs by
spending (columns receipt_code, total_qty), as extracted from download/09/001258715.xlsx of the
MHLW files mirrored in github code4fukui/ndb-opendata. MEASURED.csv: what a dataset generated
with the current masters gave, per 20,000 person-years (tools/masters/measure_injections.sql).

A group's factor is the national quantity of its products over the dataset's (both per 20,000
person-years), for groups given at the clinic (given_by clinic) with at least one product in the
national list; a product several conditions share moves all their groups alike. Factors are
kept within [1/4, 4] and a share within MAX_SHARE: the national quantity includes the drug's
uses by causes the catalogue does not model (bevacizumab in ovarian and liver cancer,
infliximab in Crohn's disease), which a higher share of the modelled causes must not stand in
for. Each changed row's source says so. Measure at 100,000 persons or more: rarer regimens are
noise at 20,000. Python 3 standard library only."""
import csv, io, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
POP = 124.9e6  # population, 2022-10-01 (人口推計), as in background_acts.py
MAX_SHARE = 0.3


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    nat = {}
    with open(sys.argv[1], encoding='utf-8') as f:
        for r in csv.DictReader(f):
            nat[r['receipt_code']] = float(r['total_qty']) / POP * 20000
    got = {}
    with open(sys.argv[2], encoding='utf-8') as f:
        for row in csv.reader(f):
            if len(row) == 2:
                got[row[0]] = float(row[1])
    path = os.path.join(ROOT, 'masters', 'clinical', 'condition_drugs.csv')
    rows = list(csv.reader(io.StringIO(open(path, encoding='utf-8').read())))
    H = {h: i for i, h in enumerate(rows[0])}
    groups = {}
    for r in rows[1:]:
        if r and r[H['form']] == 'injection' and r[H['given_by']] == 'clinic':
            groups.setdefault((r[H['cond']], r[H['group']]), []).append(r[H['medicine_cd']])
    # a product's factor, then a group's: national over dataset quantity of its products
    factor = {}
    for key, prods in groups.items():
        n = sum(nat.get(p, 0) for p in prods)
        g = sum(got.get(p, 0) for p in prods)
        if n <= 0 or not any(p in nat for p in prods):
            continue
        factor[key] = max(0.25, min(4.0, n / g if g > 0 else 4.0))
    changed = 0
    for r in rows[1:]:
        key = (r[H['cond']], r[H['group']]) if r else None
        if key not in factor or abs(factor[key] - 1) < 0.1:
            continue
        old = float(r[H['group_prob']])
        new = max(old, 0.001) * factor[key]
        if factor[key] > 1:
            new = min(max(MAX_SHARE, old), new)  # raised at most to MAX_SHARE
        if abs(new - old) < 1e-9:
            continue
        r[H['group_prob']] = '%.4g' % new
        r[H['source']] += ('; hicgen: share %g -> %.4g so that the quantity given at clinics matches '
                           'NDB Open Data 第9回 (FY2022) 注射薬 外来(院内) (tools/masters/'
                           'calibrate_injections.py; DERIVED)' % (old, new))
        changed += 1
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows(rows)
    open(path, 'w', encoding='utf-8').write(out.getvalue())
    print('%d rows of %d groups rescaled' % (changed, len(factor)))


if __name__ == '__main__':
    main()
