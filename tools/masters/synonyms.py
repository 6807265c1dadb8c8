#!/usr/bin/env python3
"""Adds the 傷病名 a doctor may write for a condition besides its usual names: for every main
name of masters/clinical/condition_diseases.csv, the other names of the official 傷病名 master
with the same ICD-10 code (in force in FY2022, usable alone, billable), as extra main names of
the condition sharing a small part of its weight. Real receipts spread one illness over many
such names; a dataset with only the usual ones has far too few distinct 傷病名.

Rows it writes carry a source starting 'synonym:'; running it again replaces them. Afterwards
run tools/masters/build.py so that masters/skwd.csv holds the new codes.

    python3 tools/masters/synonyms.py [--official DIR] [--share 0.12] [--most 12]
"""
import argparse
import csv
import glob
import io
import os
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
CD = os.path.join(ROOT, 'masters', 'clinical', 'condition_diseases.csv')


def b_master(official):
    paths = sorted(glob.glob(os.path.join(official, 'b_shobyomei', '**', 'b_*'), recursive=True))
    if not paths:
        raise SystemExit('no 傷病名 master (b_*) below %s' % official)
    p = paths[0]
    if p.endswith('.zip'):
        z = zipfile.ZipFile(p)
        data = z.read([n for n in z.namelist() if n.lower().endswith(('.txt', '.csv'))][0])
    else:
        data = open(p, 'rb').read()
    rows = list(csv.reader(io.StringIO(data.decode('cp932'))))
    return rows, os.path.basename(p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--official', default=os.path.join(ROOT, '..', 'shared', 'official-masters'))
    ap.add_argument('--share', type=float, default=0.12,
                    help="the synonyms' part of a condition's main-name weight")
    ap.add_argument('--most', type=int, default=12, help='synonyms per condition at most')
    a = ap.parse_args()
    rows, fname = b_master(a.official)
    # SSK 傷病名 master fields (1-based): 3 code, 6 name, 16 ICD-10, 19 単独使用禁止区分 ("00"),
    # 20 保険請求外区分 ("0"), 22 収載年月日 (empty for the oldest), 24 廃止年月日
    by_icd = {}
    for r in rows:
        if len(r) < 24 or r[1] != 'B':
            continue
        usable = (r[18] == '00' and r[19] == '0' and (r[21] or '0') <= '20230331'
                  and r[23] >= '20230401')
        if usable and r[15]:
            by_icd.setdefault(r[15], []).append((r[2], r[5]))
    src = list(csv.DictReader(open(CD, encoding='utf-8')))
    header = list(src[0].keys())
    kept = [r for r in src if not r['source'].startswith('synonym:')]
    used = {(r['cond'], r['skwd_name_cd']) for r in kept}
    out, added = [], 0
    conds = []
    for r in kept:
        if r['cond'] not in conds:
            conds.append(r['cond'])
    for c in conds:
        rows_c = [r for r in kept if r['cond'] == c]
        out.extend(rows_c)
        mains = [r for r in rows_c if r['role'] == 'main']
        total = sum(float(r['weight'] or 0) for r in mains)
        cand = []
        for m in mains:
            for code, name in by_icd.get(m['icd10'], []):
                if (c, code) not in used and code not in [x[0] for x in cand]:
                    cand.append((code, name, m['icd10'], m['name']))
        # deterministic: the shortest names first (the plainest wording), then by code
        cand.sort(key=lambda x: (len(x[1]), x[0]))
        cand = cand[:a.most]
        for code, name, icd, of in cand:
            w = total * a.share / len(cand)
            out.append({'cond': c, 'skwd_name_cd': code, 'name': name, 'icd10': icd,
                        'role': 'main', 'modif_cd': '', 'weight': '%.4f' % w, 'test_code': '',
                        'source': 'synonym: %s, same ICD-10 %s as %s; weight: %.0f %% of the '
                                  'main names shared evenly (UNVERIFIED)' % (fname, icd, of,
                                                                           100 * a.share)})
            used.add((c, code))
            added += 1
    with open(CD, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator='\n')
        w.writeheader()
        w.writerows(out)
    print('%d synonym rows over %d conditions' % (added, len(conds)))


if __name__ == '__main__':
    main()
