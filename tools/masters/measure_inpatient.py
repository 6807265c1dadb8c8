#!/usr/bin/env python3
"""Inpatient figures of a generated dataset (a `hicgen generate` output directory, CSV files)
beside the national ones: inpatient receipts per person-year by age band (医科入院 and DPC),
points per inpatient receipt, and operations per 1,000 person-years by code against NDB Open
Data 第9回 (FY2022, tools/masters/ndb9_operations.csv, 入院), and the points per receipt by
診療識別 against 社会医療診療行為別統計 2022 (tools/masters/inpatient_composition_2022.csv). A
calibration aid for
masters/med/stay_procedures.csv and the admission rates; the checks that gate are in
tests/fidelity (specs/fidelity/targets.csv).

    python3 tools/masters/measure_inpatient.py OUTDIR
Python 3 standard library only."""
import csv, json, os, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
POP = 124_947_000  # 総人口 2022-10-01 (人口推計), the NDB denominators
BANDS = ((0, '0-14'), (15, '15-39'), (40, '40-64'), (65, '65-74'), (75, '75+'))


def band(age):
    return [n for a, n in BANDS if age >= a][-1]


def person_months(d):
    """Person-months of a hicgen output directory by age band (BANDS), from its persons table
    and manifest: the months alive, and from the month after birth."""
    man = json.load(open(os.path.join(d, 'manifest.json')))
    start = man['options']['start']
    months = int(man['options']['months'])
    y0, m0 = int(start[:4]), int(start[5:7])
    pm = Counter()
    for p in csv.DictReader(open(os.path.join(d, 'hicgen_persons.csv'))):
        by, bm = int(p['birth_ym'][:4]), int(p['birth_ym'][4:6])
        death = p['death_ymd'].replace('-', '')
        for i in range(months):
            y, m = y0 + (m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1
            if death and int(death[:6]) < y * 100 + m:
                break
            if by * 100 + bm >= y * 100 + m:
                continue  # not yet born, or born this month (life from the month after)
            age = y - by - (1 if m < bm else 0)
            pm[band(age)] += 1
    return pm


def main():
    d = sys.argv[1]
    pm = person_months(d)
    py = {b: n / 12 for b, n in pm.items()}
    tot_py = sum(py.values())
    rec = defaultdict(Counter)
    pts = defaultdict(list)
    inpatient = set()
    for fam in ('med', 'dpc'):
        score = {r['seq2_no']: int(r['total_score'] or 0)
                 for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_ho.csv' % fam)))}
        for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_re.csv' % fam))):
            if int(r['rcp_cls'][-1]) % 2 == 0:
                continue  # 入院外
            rec[fam][band(int(r['age']))] += 1
            inpatient.add(r['seq2_no'])
            pts[fam].append(score.get(r['seq2_no'], 0))
    nat = {'0-14': 0.0362, '15-39': 0.0551, '40-64': 0.1147, '65-74': 0.2796, '75+': 0.6824}
    print('inpatient receipts per person-year (医科入院 + DPC) [national: NDB/社会医療診療行為別統計, see targets.csv]')
    for _, b in BANDS:
        m, x = rec['med'][b] / py[b], rec['dpc'][b] / py[b]
        print('  %-6s med %.4f dpc %.4f all %.4f' % (b, m, x, m + x))
    allm = sum(rec['med'].values()) / tot_py
    alld = sum(rec['dpc'].values()) / tot_py
    print('  all    med %.4f dpc %.4f all %.4f (national 0.120 + 0.097 = 0.217)' % (allm, alld, allm + alld))
    n = len(pts['med']) + len(pts['dpc'])
    print('points per inpatient receipt: med %.0f dpc %.0f all %.0f (national 59,304)' % (
        sum(pts['med']) / max(1, len(pts['med'])), sum(pts['dpc']) / max(1, len(pts['dpc'])),
        (sum(pts['med']) + sum(pts['dpc'])) / max(1, n)))
    composition(d, inpatient, n)
    ops = [r for r in csv.DictReader(open(os.path.join(HERE, 'ndb9_operations.csv'))) if r['sheet'] == '入院']
    times = Counter()
    for fam in ('med', 'dpc'):
        for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_si.csv' % fam))):
            if r['seq2_no'] in inpatient:
                times[r['prac_act_cd']] += int(r['times'] or 0)
    print('operations per 1,000 person-years (入院): model / NDB 第9回')
    for r in ops:
        print('  %s %-40s %7.3f %7.3f' % (r['code'], r['name'][:40], 1000 * times[r['code']] / tot_py,
                                         1000 * int(r['total']) / POP))


def composition(d, inpatient, n):
    """Points per inpatient receipt by 診療識別 group beside 第2表 / 第1表 (2022-06)."""
    groups = list(csv.DictReader(open(os.path.join(HERE, 'inpatient_composition_2022.csv'), encoding='utf-8')))
    of = {i: g['group'] for g in groups for i in g['idents'].split()}
    got = Counter()
    for fam in ('med', 'dpc'):
        for tab in ('si', 'iy', 'to'):
            path = os.path.join(d, 'tnds_t_rcp_%s_%s.csv' % (fam, tab))
            if not os.path.exists(path):
                continue
            for r in csv.DictReader(open(path)):
                if r['seq2_no'] in inpatient:
                    got[of.get(r['aft_splmt_prac_ident'], 'other')] += int(r['score'] or 0) * int(r['times'] or 0)
    for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_dpc_gt.csv'))):
        got[of['GT']] += int(r['this_incsn_ttl_score'] or 0)
    print('points per inpatient receipt by 診療識別: model / national (社会医療診療行為別統計 2022-06)')
    for g in groups:
        print('  %-40s %8.0f %8.0f' % (g['group'], got[g['group']] / max(1, n), float(g['million_points']) * 1e6 / 2070002))
    if got['other']:
        print('  %-40s %8.0f' % ('other', got['other'] / max(1, n)))


if __name__ == '__main__':
    main()
