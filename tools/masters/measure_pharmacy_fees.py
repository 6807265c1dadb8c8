#!/usr/bin/env python3
"""The model's pharmacy fees beside the national counts: per person-year, code by code.

    python3 tools/masters/measure_pharmacy_fees.py OUTDIR PERSONS [N]

OUTDIR is a `hicgen generate` output (CSV files) of a full year (FY2022: --start 2022-04
--months 12) of PERSONS persons. National: NDB Open Data 第9回 (ndb9_pharmacy_acts.csv beside
this script, from extract_ndb_pharmacy.py) over 124.9 M people. Every 調剤行為 code of the KI
(調剤基本料, its 加算, 薬学管理料) and CZ (薬剤調製料, 調剤管理料 and 加算) records is counted
with its times. Prints the total gap in points a person-year, then the N codes (default 25)
furthest below the national figure and the N furthest above it."""
import collections, csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
POP = 124.9e6


def main():
    out, persons = sys.argv[1], float(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    nat = {r['code']: r for r in csv.DictReader(open(os.path.join(HERE, 'ndb9_pharmacy_acts.csv'),
                                                     encoding='utf-8'))}
    count = collections.Counter()
    for t in ('ki', 'cz'):
        for r in csv.DictReader(open(os.path.join(out, 'tnds_t_rcp_pha_%s.csv' % t), encoding='utf-8')):
            for k, v in r.items():
                if v and k.endswith('_cd') and re.fullmatch(r'4\d{8}', v):
                    count[v] += int(r.get(k[:-3] + '_times') or 1)
    pts = {c: float(r['points'] or 0) for c, r in nat.items()}
    rows = []
    for c in set(nat) | set(count):
        a = float(nat[c]['total']) / POP if c in nat else 0
        m = count[c] / persons
        rows.append(((a - m) * pts.get(c, 0), c, nat[c]['name'][:40] if c in nat else '?',
                     pts.get(c, 0), a, m))
    rows.sort(reverse=True)
    print('gap %.1f points a person-year (national %.1f)' % (
        sum(r[0] for r in rows), sum(float(r['total']) / POP * pts[c] for c, r in nat.items())))
    fmt = '  %+8.1f %s %-40s %6.0f  national %.3f  model %.3f'
    print('furthest below national:')
    for r in rows[:n]:
        print(fmt % r)
    print('furthest above national:')
    for r in rows[-n:][::-1]:
        print(fmt % r)


if __name__ == '__main__':
    main()
