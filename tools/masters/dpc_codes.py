#!/usr/bin/env python3
"""Writes masters/med/dpc.csv, the DPC codes the model bills, from tools/masters/dpc_plan.csv
(which code a condition's stay gets: by age without a procedure, role cond; or the code of a
procedure of masters/med/stay_procedures.csv, role proc) and the official FY2022 DPC 電子点数表
(2022-revision 診断群分類点数表, MHLW, as published 2023-11-21; ../shared/official-masters/dpc/,
see its PROVENANCE.md): the name, 入院期間 I/II/III and the points per day of each code are
copied from the official table, never typed in.

  tools/masters/dpc_codes.py [--official DIR]
Python 3 standard library only."""
import argparse, csv, glob, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--official', default=os.path.join(ROOT, '..', 'shared', 'official-masters'))
    a = ap.parse_args()
    tab = glob.glob(os.path.join(a.official, 'dpc', 'csv_utf8', '*診断群分類点数表.csv'))
    if not tab:
        sys.exit('dpc_codes.py: no 診断群分類点数表 CSV under %s/dpc/csv_utf8 (see PROVENANCE.md)' % a.official)
    official = {}
    for r in csv.reader(open(tab[0], encoding='utf-8')):
        # columns: 番号, 診断群分類番号, 傷病名, 手術名, 処置1, 処置2, 副傷病, 重症度, 入院日 I/II/III, 点数 I/II/III
        if len(r) > 14 and len(r[2]) == 14 and r[9].isdigit():
            official[r[2]] = r
    plan = list(csv.DictReader(open(os.path.join(ROOT, 'tools', 'masters', 'dpc_plan.csv'), encoding='utf-8')))
    out = []
    for p in plan:
        r = official.get(p['dpc_cd'])
        if not r:
            sys.exit('dpc_codes.py: %s is not a DPC code with points in %s' % (p['dpc_cd'], tab[0]))
        name = r[3] + ('（' + r[4] + '）' if r[4] and r[4] != '' else '')
        out.append({'dpc_cd': p['dpc_cd'], 'name': name[:100], 'cond': p['cond'], 'role': p['role'],
                    'min_age': p['min_age'], 'mdc_cd': p['dpc_cd'][:2],
                    'days1': r[9], 'days2': r[10], 'days3': r[11],
                    'points1': r[12], 'points2': r[13], 'points3': r[14],
                    'source': 'DPC電子点数表 2022 (MHLW, 2023-11-21 edition) 診断群分類点数表 row %s: name, days and points; branch: %s' % (r[1], p['why'])})
    path = os.path.join(ROOT, 'masters', 'med', 'dpc.csv')
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(out[0]), lineterminator='\n')
        w.writeheader()
        w.writerows(out)
    print('%s: %d codes' % (path, len(out)))


if __name__ == '__main__':
    main()
