#!/usr/bin/env python3
"""The model's dental acts beside the national counts: per dental receipt, code by code.

    python3 tools/masters/measure_dental.py OUTDIR [N]

OUTDIR is a `hicgen generate` output (CSV files) of a full year (FY2022: --start 2022-04
--months 12). National: NDB Open Data 第9回 (ndb9_dental_acts.csv beside this script, from
extract_ndb_dental.py), divided by the dental receipts of FY2022 (1.91 a person-year, NDB 基礎資料,
over 124.9 M people). 加算 written as add codes on an SS line are counted under their own
9-digit codes. Prints points per receipt by chapter, then the N codes (default 40) whose points
per receipt fall furthest below the national figure and the N furthest above it."""
import collections, csv, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
RECEIPTS = 1.91 * 124.9e6


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    nat = {r['code']: r for r in csv.DictReader(open(os.path.join(HERE, 'ndb9_dental_acts.csv'),
                                                     encoding='utf-8')) if r['points']}
    base = os.path.join(HERE, '..', '..', 'masters', 'dental', 'den_base.csv')
    add2code = {r['add_cd']: r['prac_act_cd'] for r in csv.DictReader(open(base, encoding='utf-8'))
                if r['add_cd'] not in ('', '00000')}
    nrec = sum(1 for _ in open(os.path.join(out, 'tnds_t_rcp_den_re.csv'))) - 1
    count, chap = collections.Counter(), collections.Counter()
    for f in ('ss', 'iy'):
        for r in csv.DictReader(open(os.path.join(out, 'tnds_t_rcp_den_%s.csv' % f), encoding='utf-8')):
            t = int(r['times'] or 1)
            code = r.get('prac_act_cd') or r.get('medi_cd') or ''
            chap[code[:3] if f == 'ss' else 'drugs'] += int(r['score'] or 0) * t
            count[code] += t
            for i in range(1, 36):
                a = r.get('add%02d_cd' % i)
                if a:
                    count[add2code.get(a, a)] += t * int(r.get('add%02d_amnt_dat' % i) or 1)
    natchap = collections.Counter()
    for c, r in nat.items():
        natchap[c[:3]] += float(r['points']) * float(r['total'] or 0) / RECEIPTS
    print('dental receipts %d; points a receipt %.1f (national, acts only: %.1f)' %
          (nrec, sum(chap.values()) / nrec, sum(natchap.values())))
    for k in sorted(set(chap) | set(natchap)):
        if chap[k] / nrec >= 0.5 or natchap[k] >= 0.5:
            print('  %-6s model %7.1f  national %7.1f' % (k, chap[k] / nrec, natchap[k]))
    rows = []
    for c in set(nat) | set(count):
        r = nat.get(c)
        pts = float(r['points']) if r else 0
        nc = float(r['total'] or 0) / RECEIPTS if r else 0
        gc = count[c] / nrec
        rows.append(((nc - gc) * pts, c, (r['name'] if r else '?')[:40], pts, nc, gc))
    rows.sort(reverse=True)
    print('\nfurthest below national (points a receipt):')
    for x in rows[:n]:
        print('  %s %-40s %7.0f  national %.4f  model %.4f  gap %+.1f' % (x[1], x[2], x[3], x[4], x[5], x[0]))
    print('\nfurthest above national:')
    for x in rows[-n:]:
        print('  %s %-40s %7.0f  national %.4f  model %.4f  gap %+.1f' % (x[1], x[2], x[3], x[4], x[5], x[0]))


if __name__ == '__main__':
    main()
