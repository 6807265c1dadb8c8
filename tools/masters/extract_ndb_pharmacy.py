#!/usr/bin/env python3
"""National pharmacy fee counts, FY2022: NDB Open Data 第9回, 調剤行為 算定回数 性年齢別
(download/09/001258640.xlsx: sheets 調剤行為 and 調剤行為（加減算）; claims 2022-04 .. 2023-03).

Source: MHLW 第9回NDBオープンデータ, https://www.mhlw.go.jp/content/12400000/001258640.xlsx, read
from a git mirror of code4fukui/ndb-opendata. Writes ndb9_pharmacy_acts.csv beside this script:
code, name, points (as printed), total (算定回数; masked cells count 0), sheet. Used by
measure_pharmacy_fees.py and to calibrate specs/model/pharmacy.yaml.

    python3 tools/masters/extract_ndb_pharmacy.py --mirror /path/to/ndb-opendata/repo"""
import argparse, csv, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from xlsx_min import sheets, grid, ndb9_xlsx

FILE = '001258640'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True, help='git directory of code4fukui/ndb-opendata')
    ap.add_argument('--cache', default='/tmp/ndb9-pharmacy')
    a = ap.parse_args()
    p = ndb9_xlsx(a.mirror, a.cache, FILE)
    rows = []
    for name, _ in sheets(p)[2]:
        g = grid(p, name)
        h = next(i for i, l in enumerate(g[:10]) if any('コード' in x for x in l))
        hdr = [x.replace('\n', '') for x in g[h]]
        ci = [j for j, x in enumerate(hdr) if 'コード' in x][-1]
        tot = next(j for j, x in enumerate(hdr) if x.startswith('総計'))
        pts = hdr.index('点数') if '点数' in hdr else None
        for l in g[h + 2:]:
            l = l + [''] * (tot + 2 - len(l))
            c = l[ci].strip()
            if not c.isdigit():
                continue
            t = l[tot].strip()
            rows.append([c, l[ci + 1].strip(), l[pts].strip() if pts is not None else '',
                         '0' if t in ('', '-', '‐', '－') else t, name])
    with open(os.path.join(HERE, 'ndb9_pharmacy_acts.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'points', 'total', 'sheet'])
        w.writerows(rows)
    print(len(rows), 'codes')


if __name__ == '__main__':
    main()
