#!/usr/bin/env python3
"""Writes the Kampo (漢方製剤, 薬効分類 520) add-on groups of masters/clinical/condition_drugs.csv
(groups kampo_N, replaced on every run) from a plan: tools/masters/kampo_plan.json, rows
[condition, formula, share of the condition's treated condition-years, grams a day, age from].

  tools/masters/kampo.py OFFICIAL_MASTERS_DIR [PLAN.json]

Each formula is the ツムラ エキス顆粒（医療用） product, its receipt code and FY2022 price from the
official masters' y_drugs/derived join (run tools/masters/build.py next, so that masters/
medicine.csv holds the codes). The shares were calibrated (three passes at 20,000 persons, seed
11) so that the grams dispensed by pharmacies match NDB Open Data 第9回 (FY2022) 内服 外来(院外)
処方数量 of each formula, all makers; the shares of the cancer conditions are capped at 0.15
(the formulas' other users, frailty and post-operative care, are not modelled). Which formula
goes with which condition is best knowledge of common use (UNVERIFIED). Python 3 stdlib only."""
import csv, io, sys, json, os
if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
D = os.path.join(sys.argv[1], 'y_drugs', 'derived')
F = os.path.join(D, sorted(os.listdir(D))[0])
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
codes = {}
for line in open(F, encoding='utf-8'):
    p = line.rstrip('\n').split(',')
    if len(p) > 17 and p[5].startswith('ツムラ') and p[5].endswith('エキス顆粒（医療用）'):
        codes[p[5][3:-len('エキス顆粒（医療用）')]] = (p[15], p[5], p[2])
# (cond, kampo, share, g/day, age_from)
PLAN = json.load(open(sys.argv[2] if len(sys.argv) == 3 else os.path.join(ROOT, 'tools', 'masters', 'kampo_plan.json'), encoding='utf-8'))
P = os.path.join(ROOT, 'masters', 'clinical', 'condition_drugs.csv')
rows = list(csv.reader(io.StringIO(open(P, encoding='utf-8').read())))
hdr = rows[0]; H = {h: i for i, h in enumerate(hdr)}
body = [r for r in rows[1:] if r and not r[H['group']].startswith('kampo_')]
SRC = ('hicgen: 漢方 of this cause (indication UNVERIFIED best knowledge); share of treated '
       'condition-years calibrated so that the dataset\'s grams match NDB Open Data 第9回 (FY2022) 内服 '
       '外来(院外) 処方数量 of the formula, all makers (DERIVED); ツムラ code and FY2022 price from '
       'y_FY2022 joined master; 7.5 g a day unless stated')
for i, (cond, name, share, g, age) in enumerate(PLAN):
    code, pname, yj = codes[name]
    f = [''] * len(hdr)
    f[H['cond']] = cond; f[H['group']] = 'kampo_%d' % i; f[H['group_prob']] = '%.4g' % share
    f[H['line']] = 'add_on'; f[H['weight']] = '1'; f[H['medicine_cd']] = code
    f[H['product_name']] = pname; f[H['generic']] = '0'; f[H['age_from']] = str(age)
    f[H['age_to']] = '120'; f[H['form']] = 'internal'; f[H['daily_amount']] = str(g)
    f[H['yj_code']] = yj; f[H['source']] = SRC
    last = max(j for j, r in enumerate(body) if r[H['cond']] == cond)
    body.insert(last + 1, f)
o = io.StringIO(); csv.writer(o, lineterminator='\n').writerows([hdr] + body)
open(P, 'w', encoding='utf-8').write(o.getvalue())
print(len(PLAN), 'kampo rows')
