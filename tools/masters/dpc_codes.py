#!/usr/bin/env python3
"""Writes masters/med/dpc.csv, the DPC codes the model bills, from tools/masters/dpc_plan.csv
(which code a condition's stay gets: by age, and by the main diagnosis's ICD-10 prefix where
given, without a procedure, role cond; or the code of a procedure of
masters/med/stay_procedures.csv, role proc) and the official FY2022 DPC 電子点数表
(2022-revision 診断群分類点数表, MHLW, as published 2023-11-21; ../shared/official-masters/dpc/,
see its PROVENANCE.md). A condition that admits, is treated in 一般病棟 and has no row in the
plan gets one derived from the tree: the ICD-10 of its commonest main 傷病名 gives the 6-digit
class (ICD sheet: an exact code, or a prefix ending in $), and the class's first code without
手術, 手術・処置等 or 定義副傷病 is its code (DERIVED; the age and severity branches of that code
are not chosen). The name, 入院期間 I/II/III and the points per day of each code are copied
from the official table, never typed in.

  tools/masters/dpc_codes.py [--official DIR]
Python 3 standard library only."""
import argparse, csv, glob, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def plain(r):
    """Does the 点数表 row have no 手術, 手術・処置等 1/2 or 定義副傷病?"""
    return all(x in ('', 'なし') for x in (r[4], r[5], r[6], r[7]))


def icd_classifier(official_dir):
    """The 6-digit DPC class of an ICD-10 code by the ICD sheet (an exact code, or a prefix
    ending in $), or None."""
    icd_tab = glob.glob(os.path.join(official_dir, 'dpc', 'csv_utf8', '*_06_*.csv'))
    if not icd_tab:
        sys.exit('dpc_codes.py: no ICD sheet CSV under %s/dpc/csv_utf8' % official_dir)
    exact, prefix = {}, []
    for r in csv.reader(open(icd_tab[0], encoding='utf-8')):
        if len(r) > 3 and r[0].isdigit():
            cls = r[0] + r[1]
            if r[3].endswith('$'):
                prefix.append((r[3][:-1], cls))
            else:
                exact[r[3]] = cls

    def class_of(icd):
        if icd in exact:
            return exact[icd]
        best = max((p for p in prefix if icd.startswith(p[0])), key=lambda p: len(p[0]), default=None)
        return best[1] if best else None
    return class_of


def derived_plan(class_of, skwd_icd, official, plan):
    """Plan rows (role cond) for the admitting 一般病棟 conditions the plan does not name."""
    names = {}
    for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'condition_diseases.csv'), encoding='utf-8')):
        if r['role'] == 'main' and (r['cond'] not in names or float(r['weight'] or 0) > names[r['cond']][1]):
            names[r['cond']] = (r['skwd_name_cd'], float(r['weight'] or 0))
    elsewhere = {r['code'] for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'med', 'wards.csv'), encoding='utf-8'))
                 if r['role'] == 'cond' and r['to_day'] in ('', '0')}
    # a condition planned for some diagnoses only (icd10) still needs a code for the others
    planned = {p['cond'] for p in plan if p['role'] == 'cond' and not p['icd10']}
    by_class = {}
    for code in sorted(official):
        r = official[code]
        if plain(r):
            by_class.setdefault(code[:6], code)
    out = []
    for c in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'conditions.csv'), encoding='utf-8')):
        if float(c['admit'] or 0) <= 0 or c['cond'] in planned or c['cond'] in elsewhere or c['cond'] not in names:
            continue
        icd = skwd_icd.get(names[c['cond']][0], '')
        cls = class_of(icd) if icd else None
        code = by_class.get(cls) if cls else None
        if not code:
            print('  %s: no DPC code (ICD-10 %s, class %s)' % (c['cond'], icd or '-', cls or '-'))
            continue
        out.append({'cond': c['cond'], 'role': 'cond', 'min_age': '0', 'icd10': '', 'dpc_cd': code,
                    'why': 'DERIVED: ICD-10 %s of the commonest main 傷病名 (%s) is class %s in the ICD sheet; the first code of the class without 手術, 処置 or 副傷病 (age and severity branches not chosen)' % (icd, names[c['cond']][0], cls)})
    return out


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
    class_of = icd_classifier(a.official)
    skwd_icd = {r['skwd_name_cd']: r['icd_10_1'] for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'skwd.csv'), encoding='utf-8'))}
    plan += derived_plan(class_of, skwd_icd, official, plan)
    # a code for the stays whose main diagnosis is under an ICD-10 prefix: the code's class must
    # be the class of the condition's diagnoses under that prefix
    mains = {}
    for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'condition_diseases.csv'), encoding='utf-8')):
        if r['role'] == 'main':
            mains.setdefault(r['cond'], []).append(skwd_icd.get(r['skwd_name_cd'], r['icd10']))
    def prefix_len(lst, icd):  # as the generator matches: the longest prefix of the list, -1 none
        return 0 if not lst else max((len(x) for x in lst.split('|') if x and icd.startswith(x)), default=-1)
    for cond in {p['cond'] for p in plan if p['role'] == 'cond' and p['icd10']}:
        rows = [p for p in plan if p['role'] == 'cond' and p['cond'] == cond]
        for p in rows:
            if p['icd10'] and not any(prefix_len(p['icd10'], i) > 0 for i in mains.get(cond, [])):
                sys.exit('dpc_codes.py: %s %s: no main diagnosis of the condition under ICD-10 %s' % (cond, p['dpc_cd'], p['icd10']))
        for i in mains.get(cond, []):
            p = max(rows, key=lambda r: prefix_len(r['icd10'], i))
            if p['icd10'] and prefix_len(p['icd10'], i) > 0 and class_of(i) != p['dpc_cd'][:6]:
                sys.exit('dpc_codes.py: %s: ICD-10 %s is class %s in the ICD sheet, not %s (%s)' % (cond, i, class_of(i), p['dpc_cd'][:6], p['dpc_cd']))
    # one row per code: conditions sharing a code (role cond, same age) are listed together
    merged = {}
    for p in plan:
        k = p['dpc_cd']
        if k in merged:
            m = merged[k]
            if m['role'] != p['role'] or m['min_age'] != p['min_age'] or m['icd10'] != p['icd10']:
                sys.exit('dpc_codes.py: %s is planned twice with different roles, ages or ICD-10' % k)
            m['cond'] += '|' + p['cond']
            m['why'] += ' / %s: %s' % (p['cond'], p['why'])
        else:
            merged[k] = dict(p)
    plan = list(merged.values())
    out = []
    for p in plan:
        r = official.get(p['dpc_cd'])
        if not r:
            sys.exit('dpc_codes.py: %s is not a DPC code with points in %s' % (p['dpc_cd'], tab[0]))
        # 傷病名（手術, and the 手術・処置等 1/2, 定義副傷病 and 重症度 branches taken）
        branches = [r[4]] if r[4] else []
        branches += [label + ' ' + v for label, v in (('手術・処置等1', r[5]), ('手術・処置等2', r[6]),
                                                      ('定義副傷病', r[7]), ('重症度等', r[8]))
                     if v not in ('', 'なし')]
        name = r[3] + ('（' + '、'.join(branches) + '）' if branches else '')
        out.append({'dpc_cd': p['dpc_cd'], 'name': name[:100], 'cond': p['cond'], 'role': p['role'],
                    'min_age': p['min_age'], 'icd10': p['icd10'], 'mdc_cd': p['dpc_cd'][:2],
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
