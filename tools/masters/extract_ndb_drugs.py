#!/usr/bin/env python3
"""National outpatient drug quantities, FY2022: NDB Open Data 第9回, 処方薬 外来(院外) 処方数量
(内服 001258655, 外用 001258712, 注射 001258715; claims 2022-04 .. 2023-03).

Source: MHLW 第9回NDBオープンデータ, https://www.mhlw.go.jp/content/12400000/<id>.xlsx, read from
a git mirror of code4fukui/ndb-opendata (download/09/<id>.xlsx).
Writes OUT.csv: receipt_code, yj_code, form (内服/外用/注射), total_qty (総計 処方数量; masked
rows, under 1,000, are absent), yakka (薬価 as printed, the year's last price). This is the
NATIONAL.csv of calibrate_drugs.py and drug_tail.py.

    python3 tools/masters/extract_ndb_drugs.py --mirror /path/to/ndb-opendata/repo OUT.csv"""
import argparse, csv, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from xlsx_min import sheets, grid, ndb9_xlsx

FILES = [('内服', '001258655'), ('外用', '001258712'), ('注射', '001258715')]


def rows_of(path):
    _, _, sh = sheets(path)
    # the 外用 and 注射 workbooks also hold 外来(院内) and 入院 sheets
    g = grid(path, next(n for n, _ in sh if '外来' in n and '院外' in n))
    h = next(i for i, l in enumerate(g[:10]) if any(x.replace('\n', '') == '医薬品コード' for x in l))
    hdr = [x.replace('\n', '') for x in g[h]]
    code, yj, price = hdr.index('医薬品コード'), hdr.index('薬価基準収載医薬品コード'), hdr.index('薬価')
    tot = next(j for j, x in enumerate(hdr) if x.startswith('総計'))
    for l in g[h + 2:]:
        l = l + [''] * (tot + 1 - len(l))
        c, t = l[code].strip(), l[tot].strip()
        if not re.fullmatch(r'\d{9}', c) or t in ('', '-', '‐', '－'):
            continue
        yield c, l[yj].strip(), t, l[price].strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True, help='git directory of code4fukui/ndb-opendata')
    ap.add_argument('--cache', default='/tmp/ndb9-drugs')
    ap.add_argument('out')
    a = ap.parse_args()
    with open(a.out, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['receipt_code', 'yj_code', 'form', 'total_qty', 'yakka'])
        for form, fid in FILES:
            p = ndb9_xlsx(a.mirror, a.cache, fid)
            n = 0
            for c, yj, t, price in rows_of(p):
                w.writerow([c, yj, form, t, price])
                n += 1
            print('%s %s: %d drugs' % (form, fid, n), file=sys.stderr)


if __name__ == '__main__':
    main()
