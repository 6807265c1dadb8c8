#!/usr/bin/env python3
"""Inpatient occupancy of a generated dataset by the stay's condition and ICD-10 chapter, beside
the national 受療率 入院 (inpatients per 100,000 population on a day) of 患者調査 by chapter
(masters/clinical/inpatient_rates.csv): a calibration aid for the admission rates (admit) and
lengths of stay (los_mean) of masters/clinical/conditions.csv.

A receipt's condition is that of its 主傷病 (the first main 傷病名; a name several conditions
share counts for each in equal parts); its days are the HO 実日数.

    python3 tools/masters/occupancy.py OUTDIR [--conditions]
Python 3 standard library only."""
import csv, os, sys
from collections import Counter, defaultdict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def main():
    d = sys.argv[1]
    conds = {r['cond']: r for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'conditions.csv'), encoding='utf-8'))}
    owner = defaultdict(set)
    for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'condition_diseases.csv'), encoding='utf-8')):
        if r['role'] == 'main':
            owner[r['skwd_name_cd']].add(r['cond'])
    nat = {r['chapter']: float(r['per_100k']) for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'inpatient_rates.csv'), encoding='utf-8'))}
    persons = sum(1 for _ in open(os.path.join(d, 'hicgen_persons.csv'))) - 1
    py = persons * 0.987  # person-years alive in the year (deaths, about 1.3 %)
    days, stays, rec = Counter(), Counter(), Counter()
    for fam in ('med', 'dpc'):
        inp = {}
        for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_re.csv' % fam))):
            if int(r['rcp_cls'][-1]) % 2 == 1:
                inp[r['seq2_no']] = (r['id5'], r['hostz_ymd'])
        main = {}
        for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_sy.csv' % fam))):
            if r['seq2_no'] in inp and r['seq2_no'] not in main and r['main_skwd'] == '01':
                main[r['seq2_no']] = owner.get(r['skwd_name_cd']) or {'?'}
        seen = set()
        for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_ho.csv' % fam))):
            s = r['seq2_no']
            if s not in inp:
                continue
            cs = main.get(s, {'?'})
            for c in cs:
                days[c] += int(r['prac_true_days'] or 0) / len(cs)
                rec[c] += 1 / len(cs)
                if inp[s] not in seen:
                    stays[c] += 1 / len(cs)
            seen.add(inp[s])
    by_ch = Counter()
    for c, n in days.items():
        by_ch[conds[c]['chapter'] if c in conds else '?'] += n
    print('%-6s %8s %8s' % ('chapter', 'model', 'national'))
    tot = 0
    for ch in sorted(set(by_ch) | set(nat), key=lambda c: -nat.get(c, 0)):
        v = by_ch[ch] / 365 / py * 1e5
        tot += v
        print('%-6s %8.1f %8.0f' % (ch, v, nat.get(ch, 0)))
    print('%-6s %8.1f %8.0f' % ('total', tot, sum(nat.values())))
    if '--conditions' in sys.argv:
        print('%-14s %-5s %9s %9s %8s %9s' % ('condition', 'chap', 'stays/1k', 'days/stay', 'per100k', 'admit,los'))
        for c in sorted(days, key=lambda c: -days[c]):
            k = conds.get(c, {})
            print('%-14s %-5s %9.2f %9.1f %8.1f %9s' % (c, k.get('chapter', '?'), 1000 * stays[c] / py,
                  days[c] / max(stays[c], 1e-9), days[c] / 365 / py * 1e5,
                  '%s,%s' % (k.get('admit', ''), k.get('los_mean', ''))))


if __name__ == '__main__':
    main()
