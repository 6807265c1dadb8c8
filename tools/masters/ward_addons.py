#!/usr/bin/env python3
"""The 入院基本料等加算 of the wards (masters/med/wards.csv, role addon): which are billed, in
which ward, on which days, drawn per hospital (a 届出) or per stay (the patient's state), and
the share of hospitals or stays that bill each, calibrated so that the model bills the national
number of each code (NDB Open Data 第9回, FY2022, A 基本診療料 入院基本料等加算, 入院:
download/09/001258277.xlsx of github code4fukui/ndb-opendata; the counts are kept in
tools/masters/ndb9_ward_addons.csv).

A share cannot be computed from national figures alone, since what the model bills depends on
its own stays (how many days of which stay fall in an addon's window, in which ward, paid by DPC
or 出来高). So the calibration measures the model's exposure: a dataset generated with every
alternative billed (share 1, each its own group) counts, per code, the days (or discharges) it
could be billed on; the share is then
    share = NDB count / (count at share 1 per person-year × national population),
one share for a code billed in several wards. A share above 1 means the model has too few
exposed days for the national count: it is capped at 1 and reported.

    python3 tools/masters/ward_addons.py extract --mirror MIRROR [--cache DIR]
        (re)writes ndb9_ward_addons.csv from the NDB workbook
    python3 tools/masters/ward_addons.py exposure-masters DIR
        copies masters/ to DIR with wards.csv's addons at share 1, each its own group
    bin/hicgen generate --persons 200000 --seed 11 --masters DIR --out OUT
    python3 tools/masters/ward_addons.py fit OUT
        writes the shares into masters/med/wards.csv and prints exposure, share, expected count
    python3 tools/masters/ward_addons.py check OUT
        compares each code's count in a dataset generated with the real masters with NDB
Python 3 standard library only."""
import csv, os, shutil, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
WARDS = os.path.join(ROOT, 'masters', 'med', 'wards.csv')
COUNTS = os.path.join(HERE, 'ndb9_ward_addons.csv')
sys.path.insert(0, HERE)
from measure_inpatient import POP, person_months  # noqa: E402


def read_wards(path=WARDS):
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    return rows, list(rows[0].keys())


def write_wards(rows, cols, path=WARDS):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, cols, lineterminator='\n')
        w.writeheader()
        w.writerows(rows)


def extract(mirror, cache):
    from xlsx_min import grid, ndb9_xlsx
    codes = {r['code'] for r in read_wards()[0] if r['role'] == 'addon'}
    g = grid(ndb9_xlsx(mirror, cache, '001258277'), '入院')
    out = []
    for r in g:
        if len(r) > 5 and r[2] in codes:
            out.append({'code': r[2], 'name': r[3], 'points': r[4], 'count': r[5]})
    missing = codes - {o['code'] for o in out}
    if missing:
        sys.exit('not in the NDB workbook: %s' % ' '.join(sorted(missing)))
    with open(COUNTS, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, ['code', 'name', 'points', 'count'], lineterminator='\n')
        w.writeheader()
        w.writerows(sorted(out, key=lambda o: o['code']))


def exposure_masters(dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(os.path.join(ROOT, 'masters'), dest)
    rows, cols = read_wards()
    for r in rows:
        if r['role'] == 'addon' and r['share']:
            r['group'] = r['group'] + '#' + r['code']
            r['share'] = '1'
        elif r['role'] == 'addon':
            # a row without a share continues the alternative above it: same group
            r['group'] = prev
        if r['role'] == 'addon':
            prev = r['group']
    write_wards(rows, cols, os.path.join(dest, 'med', 'wards.csv'))


def billed(out):
    """Times each 診療行為 code is billed (出来高: 医科 SI and DPC SI, not the coding data)."""
    n = Counter()
    for fam in ('med', 'dpc'):
        with open(os.path.join(out, 'tnds_t_rcp_%s_si.csv' % fam), encoding='utf-8') as f:
            for r in csv.DictReader(f):
                n[r['prac_act_cd']] += int(r['times'] or 0)
    return n


def fit(out):
    py = sum(person_months(out).values()) / 12
    n = billed(out)
    nat = {r['code']: (r['name'], float(r['count'])) for r in csv.DictReader(open(COUNTS))}
    rows, cols = read_wards()
    print('%-10s %-44s %12s %12s %7s' % ('code', 'name', 'NDB', 'exposure', 'share'))
    share = {}
    for r in rows:
        if r['role'] != 'addon' or r['code'] in share:
            continue
        exposure = n[r['code']] / py * POP
        name, count = nat[r['code']]
        s = count / exposure if exposure else 0.0
        flag = ''
        if r['share'] and s > 1:
            flag, s = '  capped: the model has too few exposed days', 1.0
        share[r['code']] = s
        print('%-10s %-44s %12.0f %12.0f %7.4f%s' % (r['code'], name[:22], count, exposure,
                                                   s, flag))
    heads = {}
    for r in rows:
        if r['role'] == 'addon' and r['share']:
            r['share'] = '%.4f' % share[r['code']]
            heads[r['group']] = r['code']
        elif r['role'] == 'addon':
            # a continuation's own share is reported only: it comes with its alternative
            head = share[prev]
            print('  %s comes with %s: expected %.0f of NDB %.0f' %
                  (r['code'], prev, head * n[r['code']] / py * POP, nat[r['code']][1]))
        if r['role'] == 'addon' and r['share']:
            prev = r['code']
    groups = Counter()
    for r in rows:
        if r['role'] == 'addon' and r['share']:
            groups[(r['ward'], r['group'])] += float(r['share'])
    for (w, g), t in groups.items():
        if t > 1:
            sys.exit('ward %s group %s: shares add up to %.4f > 1' % (w, g, t))
    write_wards(rows, cols)


def check(out):
    """Each addon's national-equivalent count in a dataset generated with the shares."""
    py = sum(person_months(out).values()) / 12
    n = billed(out)
    print('%-10s %-30s %12s %12s %6s' % ('code', 'name', 'NDB', 'model', 'ratio'))
    for r in csv.DictReader(open(COUNTS, encoding='utf-8')):
        model = n[r['code']] / py * POP
        count = float(r['count'])
        print('%-10s %-30s %12.0f %12.0f %6.2f' % (r['code'], r['name'][:15], count, model,
                                                 model / count if count else 0))


def main():
    a = sys.argv[1:]
    if a[:1] == ['extract'] and '--mirror' in a:
        cache = a[a.index('--cache') + 1] if '--cache' in a else '/tmp/ndb9c'
        extract(a[a.index('--mirror') + 1], cache)
    elif a[:1] == ['exposure-masters'] and len(a) == 2:
        exposure_masters(a[1])
    elif a[:1] == ['fit'] and len(a) == 2:
        fit(a[1])
    elif a[:1] == ['check'] and len(a) == 2:
        check(a[1])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
