#!/usr/bin/env python3
"""Builds masters/med/background_acts.csv: the outpatient acts the condition catalogue does not
bill itself, each with the probability that an outpatient visit-day of an age band bills it.

  tools/masters/background_acts.py EXTRACT.csv S_MASTER.csv

S_MASTER.csv: the official 医科診療行為 master in force in 2022-04 (../shared/official-masters/
s_medical_procedures/s_ALL20220404_reconstructed.csv): codes added later in the year are left out,
so that every code is in masters/prac_act.csv after tools/masters/build.py (run it next).

EXTRACT.csv: the 外来 算定回数 of every 医科診療行為 code in NDB Open Data 第9回 (FY2022 claims),
by age band (columns code, name, chapter, kubun, points, total, n_0_14, n_15_39, n_40_64,
n_65_74, n_75plus, kasan_group, in_s_2022, source_file), as extracted from the MHLW xlsx files
mirrored in github code4fukui/ndb-opendata (download/09/*.xlsx).

p(band) = national count of the act in the band / national outpatient visit-days of the band,
where visit-days = receipts per person-year (specs/fidelity/targets.csv) x population of the
band (specs/model/population.yaml, 2022-10-01) x days per receipt (1.466, 社会医療診療行為別統計
2022-06; one figure for every band: UNVERIFIED by band).

Kept: chapters D 検査, E 画像診断, G 注射 (the technique fees; drugs are not in these counts),
H リハビリテーション, J 処置, K 手術, L 麻酔, N 病理診断 — the work of every cause. Left out:
B 医学管理, C 在宅, I 精神, M 放射線 (they belong to a condition's pathway), 加算 rows (billed with
their base act), 判断料 and 血液採取 (the receipt logic adds them to tests), the diagnosis fees of
imaging (added with their imaging act, column `with`), codes the catalogue or the fee rules bill
themselves (masters/clinical/condition_tests.csv, specs/model/med.yaml), codes not in the
2022-04 S master, and acts under MIN_COUNT a year. Python 3 standard library only."""
import csv, os, re, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
BANDS = [(0, 14, 'n_0_14'), (15, 39, 'n_15_39'), (40, 64, 'n_40_64'), (65, 74, 'n_65_74'),
         (75, 150, 'n_75plus')]
DAYS_PER_RECEIPT = 1.466
MIN_COUNT = 20000  # a year, nationally: rarer acts would appear once in millions of visits
CHAPTERS = set('DEGHJKLN')
# imaging: the diagnosis fee and image-management addition billed with each kind of 撮影 (E001,
# E203 and the 電子画像管理加算 of the 点数表 第2部 画像診断)
WITH = [
    (r'^E002$', 'デジタル', '単純撮影', '170000410|170000210'),
    (r'^E002$', 'アナログ', '単純撮影', '170000410'),
    (r'^E002$', '', '乳房撮影', '170026910|170026710'),
    (r'^E002$', '', '造影剤使用撮影', '170000810|170017010'),
    (r'^E002$', '', '特殊撮影', '170000610'),
    (r'^E20[02]$', '', '', '170015410|170028810'),
    (r'^E10[01]', '', '', '170015310'),
]


def targets():
    t = {}
    with open(os.path.join(ROOT, 'specs', 'fidelity', 'targets.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            m = re.match(r'med_out_receipts_per_py_(\d+)(?:-(\d+)|\+)$', r['metric'])
            if m:
                t[int(m.group(1))] = float(r['target'])
    return t


def population():
    """Thousands by age band from the pyramid of population.yaml."""
    rows = []
    for line in open(os.path.join(ROOT, 'specs', 'model', 'population.yaml'), encoding='utf-8'):
        m = re.match(r'\s*- \[(\d+), (\d+), (\d+)\]\s*$', line)
        if m:
            rows.append(tuple(int(x) for x in m.groups()))
        elif rows:
            break
    pop = {}
    for lo, hi, _ in BANDS:
        pop[lo] = sum(m + f for a, m, f in rows if lo <= a <= hi) * 1000
    return pop


def own_codes():
    codes = set()
    for rel in ('masters/clinical/condition_tests.csv', 'specs/model/med.yaml'):
        codes |= set(re.findall(r'(?<![0-9])(1[0-9]{8})(?![0-9])',
                                open(os.path.join(ROOT, rel), encoding='utf-8').read()))
    return codes


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[2], encoding='cp932') as f:
        in_s = {row[2] for row in csv.reader(f) if len(row) > 2}
    t, pop, own = targets(), population(), own_codes()
    days = {lo: t[lo] * pop[lo] * DAYS_PER_RECEIPT for lo, _, _ in BANDS}
    out = []
    with open(sys.argv[1], encoding='utf-8') as f:
        for r in csv.DictReader(f):
            name, kubun, code = r['name'], r['kubun'], r['code']
            if (r['chapter'] not in CHAPTERS or r['kasan_group'] or not kubun
                    or code not in in_s or code in own or float(r['total']) < MIN_COUNT
                    or '判断料' in name or '加算' in name or kubun in ('D400', 'E001', 'E203')):
                continue
            with_ = ''
            for pat, must, kind, w in WITH:
                if re.match(pat, kubun) and must in name and kind in name:
                    with_ = w
                    break
            if kubun == 'E002' and not with_:
                continue  # a 撮影 whose diagnosis fee is not paired here
            p = ['%.3g' % (float(r[col] or 0) / days[lo]) for lo, _, col in BANDS]
            out.append([code, name, r['chapter'], kubun, with_] + p +
                       ['NDB Open Data 第9回 (FY2022) 外来 算定回数 (%s, github code4fukui/'
                        'ndb-opendata); p = count / outpatient visit-days of the band (DERIVED)'
                        % r['source_file']])
    out.sort(key=lambda x: x[0])
    path = os.path.join(ROOT, 'masters', 'med', 'background_acts.csv')
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'chapter', 'kubun', 'with'] +
                   ['p_%d' % lo for lo, _, _ in BANDS] + ['source'])
        w.writerows(out)
    print('%d acts written to %s' % (len(out), os.path.relpath(path, ROOT)))


if __name__ == '__main__':
    main()
