#!/usr/bin/env python3
"""Builds masters/med/inpatient_acts.csv: the inpatient acts the condition catalogue and the
stay's procedures do not bill themselves — 医学管理 (B), 検査 (D), 画像診断 (E) and 処置 (J) —
each with the probability that a hospital day of an age band bills it (the file layout of
masters/med/background_acts.csv, drawn as src/families/bgacts.h says).

    python3 tools/masters/inpatient_acts.py extract --mirror MIRROR [--cache DIR]
        (re)writes tools/masters/ndb9_inpatient_acts.csv: the 入院 算定回数 by age band of
        NDB Open Data 第9回 (FY2022 claims; download/09/001258285.xlsx B, 001258296.xlsx D,
        001258318.xlsx E, 001258341.xlsx J of github code4fukui/ndb-opendata, the MHLW files)
    bin/hicgen generate --persons 200000 --seed 11 --out OUT
    python3 tools/masters/inpatient_acts.py build OUT S_MASTER.csv
        writes masters/med/inpatient_acts.csv (then run tools/masters/build.py)

p(band) = national count of the act in the band / national hospital days of the band, where
the hospital days are the model's own (the days a dataset bills a ward fee or a DPC 包括 day, by
age band, per person-year, times the population of the band, specs/model/population.yaml): the
acts are drawn on those days, so the model bills the national count whatever its length of stay
(DERIVED). A DPC stay's 包括 days drop the acts the DPC rules include (tests, imaging, 処置
under 1,000 points), as the real receipts do; the NDB counts are assumed to count them too (its
DPC receipts' コーディングデータ: UNVERIFIED), so they are drawn on those days as well.

S_MASTER.csv: the official 医科診療行為 master in force in 2022-04 (../shared/official-masters/
s_medical_procedures/s_ALL20220404_reconstructed.csv): codes added later are left out.
Left out as in tools/masters/background_acts.py: 加算 rows (a sheet of their own), 判断料 and
血液採取, the blood tests D005-D015 and 生化学的検査(I) D007 (the catalogue's test days draw the
blood), the imaging diagnosis fees (billed with their 撮影, column `with`), codes the catalogue,
the stays' procedures, the wards or the fee rules bill themselves, and acts under MIN_COUNT a
year; also 人工腎臓 J038 (a dialysis patient's sessions) and the nucleic-acid tests D023.
Python 3 standard library only."""
import csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
from xlsx_min import grid, ndb9_xlsx  # noqa: E402
from background_acts import with_of, population, codes_in  # noqa: E402

FILES = {'B': '001258285', 'D': '001258296', 'E': '001258318', 'J': '001258341'}
COUNTS = os.path.join(HERE, 'ndb9_inpatient_acts.csv')
OUT = os.path.join(ROOT, 'masters', 'med', 'inpatient_acts.csv')
BANDS = [(0, 14), (15, 39), (40, 64), (65, 74), (75, 150)]
MIN_COUNT = 20000


def num(x):
    x = x.strip()
    return 0 if x in ('', '-', '‐', '－') else int(float(x))


def extract(mirror, cache):
    out = []
    for ch, fid in FILES.items():
        path = ndb9_xlsx(mirror, cache, fid)
        kubun = ''
        for r in grid(path, '入院'):
            if len(r) < 44:
                continue
            if r[0].strip():
                kubun = r[0].strip()
            if not re.fullmatch(r'1[0-9]{8}', r[2].strip()):
                continue
            # 19 five-year bins of men, then of women: 0-4 .. 90+
            bins = [num(r[6 + i]) + num(r[25 + i]) for i in range(19)]
            n = [sum(bins[i] for i in range(19) if lo <= 5 * i <= hi) for lo, hi in BANDS]
            out.append([r[2].strip(), r[3].strip(), ch, kubun, r[4].strip(), num(r[5])] + n
                       + ['download/09/%s.xlsx' % fid])
    with open(COUNTS, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'chapter', 'kubun', 'points', 'total', 'n_0', 'n_15', 'n_40',
                    'n_65', 'n_75', 'source_file'])
        w.writerows(out)
    print('%d codes written to %s' % (len(out), os.path.relpath(COUNTS, ROOT)))


def band_of(age):
    return [lo for lo, hi in BANDS if lo <= age <= hi][0]


def hospital_days(out):
    """The dataset's hospital days by age band: the days billed a ward fee (wards.csv role fee,
    出来高) and the DPC 包括 days (HH), per person-year."""
    from measure_inpatient import person_months
    fees = {r['code'] for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'med',
                                                                 'wards.csv'), encoding='utf-8'))
            if r['role'] == 'fee'}
    days = {lo: 0 for lo, _ in BANDS}
    for fam in ('med', 'dpc'):
        age = {r['seq2_no']: int(r['age'])
               for r in csv.DictReader(open(os.path.join(out, 'tnds_t_rcp_%s_re.csv' % fam)))}
        for r in csv.DictReader(open(os.path.join(out, 'tnds_t_rcp_%s_si.csv' % fam))):
            if r['prac_act_cd'] in fees:
                days[band_of(age[r['seq2_no']])] += int(r['times'] or 0)
        if fam == 'dpc':
            for r in csv.DictReader(open(os.path.join(out, 'tnds_t_rcp_dpc_hh.csv'))):
                days[band_of(age[r['seq2_no']])] += int(r['hostz_prd_div_days'] or 0)
    pm = person_months(out)
    names = {0: '0-14', 15: '15-39', 40: '40-64', 65: '65-74', 75: '75+'}
    return {lo: days[lo] / (pm[names[lo]] / 12) for lo, _ in BANDS}


def excluded(ch, kubun, name, code, skip):
    m = re.match(r'^([BDEJ])(\d{3})', kubun)
    n = int(m.group(2)) if m else -1
    return (code in skip or '判断料' in name or '加算' in name
            or kubun in ('D400', 'E001', 'E203', 'D007', 'D023')
            or (ch == 'D' and 5 <= n <= 15) or (ch == 'J' and n == 38))


def build(out, s_master):
    with open(s_master, encoding='cp932') as f:
        in_s = {row[2] for row in csv.reader(f) if len(row) > 2}
    skip = set()
    for rel in ('masters/clinical/condition_tests.csv', 'masters/med/stay_procedures.csv',
                'masters/med/wards.csv', 'specs/model/med.yaml'):
        skip |= codes_in(rel)
    pop = population()
    per_py = hospital_days(out)
    days = {lo: per_py[lo] * pop[lo] for lo, _ in BANDS}
    rows, points = [], 0.0
    for r in csv.DictReader(open(COUNTS, encoding='utf-8')):
        code, name, ch, kubun = r['code'], r['name'], r['chapter'], r['kubun']
        if (code not in in_s or int(r['total']) < MIN_COUNT
                or excluded(ch, kubun, name, code, skip)):
            continue
        with_ = with_of(kubun, name)
        if kubun == 'E002' and not with_:
            continue
        p = [int(r['n_%d' % lo]) / days[lo] if days[lo] else 0 for lo, _ in BANDS]
        points += int(r['total']) * float(r['points'] or 0)
        rows.append([code, name, ch, kubun, with_] + ['%.3g' % x for x in p] +
                    ['NDB Open Data 第9回 (FY2022) 入院 算定回数 (%s, github code4fukui/'
                     'ndb-opendata); p = count / the model\'s hospital days of the band '
                     '(tools/masters/inpatient_acts.py, DERIVED)' % r['source_file']])
    rows.sort(key=lambda x: x[0])
    with open(OUT, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'chapter', 'kubun', 'with'] +
                   ['p_%d' % lo for lo, _ in BANDS] + ['source'])
        w.writerows(rows)
    print('hospital days per person-year by band: %s' %
          ', '.join('%d: %.3f' % (lo, per_py[lo]) for lo, _ in BANDS))
    print('%d acts written to %s; national points of their own %.0f M a year' %
          (len(rows), os.path.relpath(OUT, ROOT), points / 1e6))


def main():
    a = sys.argv[1:]
    if a[:1] == ['extract'] and '--mirror' in a:
        extract(a[a.index('--mirror') + 1],
                a[a.index('--cache') + 1] if '--cache' in a else '/tmp/ndb9c')
    elif a[:1] == ['build'] and len(a) == 3:
        build(a[1], a[2])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
