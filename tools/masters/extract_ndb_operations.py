#!/usr/bin/env python3
"""National operation counts, FY2022: NDB Open Data 第9回, K 手術 算定回数 性年齢別 (claims
2022-04 .. 2023-03), sheets 入院 and 外来, for the operations the model bills
(masters/med/stay_procedures.csv, ident 手術) and the fidelity checks.

Source: MHLW 第9回NDBオープンデータ 001258346.xlsx (K手術 款別 性年齢別 算定回数),
https://www.mhlw.go.jp/content/12400000/001258346.xlsx, read from a git mirror of
code4fukui/ndb-opendata (download/09/001258346.xlsx).
Writes ndb9_operations.csv beside this script: code, name, sheet (入院/外来), points, total
(算定回数; masked cells count 0), then m_0 .. m_90 and f_0 .. f_90 (men's and women's counts in
the 19 five-year bands 0-4 .. 90+; masked cells, fewer than 10, count 0).

    python3 tools/masters/extract_ndb_operations.py --mirror /path/to/ndb-opendata/repo
Used by surgical_rates.py (incidence of the surgical admission causes) and by the fidelity
targets (specs/fidelity/targets.csv, operations per 1,000 person-years)."""
import argparse, csv, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from xlsx_min import grid, ndb9_xlsx

FID = '001258346'
AGE_BINS = 19
BIN_NAMES = ['%d' % (5 * i) for i in range(AGE_BINS)]


def num(x):
    x = x.strip()
    return 0 if x in ('', '-', '‐', '－') else int(float(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True, help='git directory of code4fukui/ndb-opendata')
    ap.add_argument('--cache', default='/tmp/ndb9-operations')
    a = ap.parse_args()
    used = set()
    for f in (os.path.join(HERE, '..', '..', 'masters', 'med', 'stay_procedures.csv'),
              os.path.join(HERE, 'operation_codes.txt')):
        if os.path.exists(f):
            used |= set(re.findall(r'(?<![0-9])(150[0-9]{6})(?![0-9])', open(f, encoding='utf-8').read()))
    p = ndb9_xlsx(a.mirror, a.cache, FID)
    out = csv.writer(open(os.path.join(HERE, 'ndb9_operations.csv'), 'w', newline='', encoding='utf-8'),
                     lineterminator='\n')
    out.writerow(['code', 'name', 'sheet', 'points', 'total'] + ['m_' + b for b in BIN_NAMES] +
                 ['f_' + b for b in BIN_NAMES])
    n = 0
    for sheet in ('入院', '外来'):
        g = grid(p, sheet)
        h = next(i for i, l in enumerate(g[:10]) if any(x.replace('\n', '') == '診療行為コード' for x in l))
        hdr = [x.replace('\n', '') for x in g[h]]
        code = hdr.index('診療行為コード')
        pts = hdr.index('点数')
        tot = next(j for j, x in enumerate(hdr) if x.startswith('総計'))
        for l in g[h + 2:]:
            l = l + [''] * (tot + 1 + 2 * AGE_BINS - len(l))
            c = l[code].strip()
            if c not in used:
                continue
            bins = [num(l[tot + 1 + i]) for i in range(2 * AGE_BINS)]
            out.writerow([c, l[code + 1].strip(), sheet, l[pts].strip(), num(l[tot])] + bins)
            n += 1
    print(n, 'rows')


if __name__ == '__main__':
    main()
