#!/usr/bin/env python3
"""National dental (歯科) act counts, FY2022: NDB Open Data 第9回, 歯科診療行為 算定回数 性年齢別,
外来 and 全体 sheets with their 加算 sheets (claims 2022-04 .. 2023-03).

Source: MHLW 第9回NDBオープンデータ, https://www.mhlw.go.jp/content/12400000/<id>.xlsx (ids below),
read from a git mirror of code4fukui/ndb-opendata (download/09/<id>.xlsx).
Writes ndb9_dental_acts.csv beside this script: code, name, chapter, sheet, points (点数 as printed:
the FY2022 value after any change in the year), total (算定回数; masked cells count 0), and the
counts by age band n_0_14 .. n_75plus (both sexes; masked cells count 0).

    python3 tools/masters/extract_ndb_dental.py --mirror /path/to/ndb-opendata/repo
Used by build.py (FY2022 prices of dental metals, revised within the year) and by
measure_dental.py (the model's act counts beside the national ones)."""
import argparse, csv, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from xlsx_min import sheets, grid, ndb9_xlsx

FILES = [('A', '001258439'), ('B', '001258464'), ('C', '001258468'), ('D', '001258472'),
         ('E', '001258479'), ('F', '001258483'), ('G', '001258487'), ('H', '001258491'),
         ('I', '001258495'), ('J', '001260107'), ('K', '001258507'), ('L', '001258511'),
         ('M', '001258515'), ('N', '001258519'), ('O', '001258523')]
SHEETS = ('外来', '外来（加算）', '全体', '全体（加算）')
AGE_BINS = 19  # 0-4, 5-9, .., 85-89, 90+
# the age bands of the model's background acts: 0-14, 15-39, 40-64, 65-74, 75+
BANDS = ((0, 3), (3, 8), (8, 13), (13, 15), (15, 19))


def num(x):
    """A count cell; masked cells (under 10) count 0."""
    x = x.strip()
    return 0.0 if x in ('', '-', '‐', '－') else float(x)


def rows_of(path, sheet):
    g = grid(path, sheet)
    h = next(i for i, l in enumerate(g[:10])
             if any(x.replace('\n', '') in ('診療行為コード', '加算コード') for x in l))
    hdr = [x.replace('\n', '') for x in g[h]]
    code = hdr.index('診療行為コード') if '診療行為コード' in hdr else hdr.index('加算コード')
    name = code + 1
    pts = hdr.index('点数') if '点数' in hdr else None
    tot = next(j for j, x in enumerate(hdr) if x.startswith('総計'))
    for l in g[h + 2:]:
        l = l + [''] * (tot + 1 + 2 * AGE_BINS - len(l))
        c = l[code].strip()
        if not re.fullmatch(r'\d{9}', c):
            continue
        t = l[tot].strip()
        # men's 19 five-year bins (0-4 .. 90+) follow the total, then women's
        bins = [num(l[tot + 1 + i]) + num(l[tot + 1 + AGE_BINS + i]) for i in range(AGE_BINS)]
        bands = [sum(bins[a:b]) for a, b in BANDS]
        yield c, l[name].strip(), (l[pts].strip() if pts is not None else ''), \
            ('0' if t in ('', '-', '‐', '－') else t), bands


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True, help='git directory of code4fukui/ndb-opendata')
    ap.add_argument('--cache', default='/tmp/ndb9-dental')
    a = ap.parse_args()
    out = csv.writer(open(os.path.join(HERE, 'ndb9_dental_acts.csv'), 'w', newline=''),
                     lineterminator='\n')
    out.writerow(['code', 'name', 'chapter', 'sheet', 'points', 'total', 'n_0_14', 'n_15_39',
                  'n_40_64', 'n_65_74', 'n_75plus'])
    seen = set()
    for ch, fid in FILES:
        p = ndb9_xlsx(a.mirror, a.cache, fid)
        for sheet, _ in sheets(p)[2]:
            if sheet not in SHEETS:
                continue
            for c, n, pts, t, bands in rows_of(p, sheet):
                if c in seen:
                    continue
                seen.add(c)
                out.writerow([c, n, ch, sheet, pts, t] + ['%d' % round(b) for b in bands])
    print(len(seen), 'codes')


if __name__ == '__main__':
    main()
