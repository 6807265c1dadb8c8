#!/usr/bin/env python3
"""Builds masters/med/background_acts.csv: the outpatient acts the condition catalogue does not
bill itself, each with the probability that an outpatient visit-day of an age band bills it.

  tools/masters/background_acts.py EXTRACT.csv S_MASTER.csv [MEASURED.csv]

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
H リハビリテーション, J 処置, K 手術, L 麻酔, N 病理診断 — the work of every cause — and the
referral letter 診療情報提供料(1) (EVERY_CAUSE). Left out:
B 医学管理, C 在宅, I 精神, M 放射線 (they belong to a condition's pathway), D007 生化学的検査(I)
(the standard chemistry of a blood-test day, med.yaml outpatient.lab_panel), 加算 rows (billed with
their base act), 判断料 and 血液採取 (the receipt logic adds them to tests), the diagnosis fees of
imaging (added with their imaging act, column `with`), codes the catalogue or the fee rules bill
themselves (masters/clinical/condition_tests.csv, specs/model/med.yaml), codes not in the
2022-04 S master, and acts under MIN_COUNT a year.

MEASURED.csv (optional): what a dataset generated with the current masters bills, from
tools/masters/measure_acts.sql (code, band, count; code visit_days for the visit-days). A code
the condition catalogue bills (condition_tests.csv) but less often than the nation then gets a
top-up row: p(band) = national p - the catalogue's own count / the dataset's visit-days, where
the catalogue's own count is the measured one less what the file's previous top-up row gave. So
the pathways keep what they explain and the background adds what they do not (an ultrasound for
abdominal pain the catalogue has no cause for). Left out of the top-up: what no_topup() names,
the fees billed with an imaging act (column `with`), and codes med.yaml names.
Run it again after regenerating with the new file: each pass moves the counts to the nation's.
Python 3 standard library only."""
import csv, os, re, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
BANDS = [(0, 14, 'n_0_14'), (15, 39, 'n_15_39'), (40, 64, 'n_40_64'), (65, 74, 'n_65_74'),
         (75, 150, 'n_75plus')]
DAYS_PER_RECEIPT = 1.466
MIN_COUNT = 20000  # a year, nationally: rarer acts would appear once in millions of visits
CHAPTERS = set('DEGHJKLN')
# 医学管理 acts of every cause: 診療情報提供料(1), the referral letter any visit may end with
EVERY_CAUSE = {'180016110'}
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


def with_of(kubun, name):
    """The codes billed with an imaging act (WITH, separated by |), '' for none."""
    for pat, must, kind, w in WITH:
        if re.match(pat, kubun) and must in name and kind in name:
            return w
    return ''


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


def codes_in(rel):
    return set(re.findall(r'(?<![0-9])(1[0-9]{8})(?![0-9])',
                          open(os.path.join(ROOT, rel), encoding='utf-8').read()))


def no_topup(kubun):
    """Acts a top-up must not add to a random visit: 注射 G (the catalogue gives the drug with its
    fee), 人工腎臓 J038 (a dialysis patient's sessions), the eye and ear 処置 J086-J096 and tests
    D244-D282-4 (耳鼻咽喉科学的検査, 眼科学的検査: their departments' own, not an internist's),
    the blood tests D005-D015 (drawn alone they would each make a blood-test day; national
    days with blood drawn are already matched), the nucleic-acid tests D023 (each for one
    pathogen: HBV, HCV, SARS-CoV-2 in its waves, which the catalogue's causes give) and the
    swab D419 (billed with its antigen test)."""
    m = re.match(r'^([DGJ])(\d{3})', kubun)
    if not m:
        return False
    ch, n = m.group(1), int(m.group(2))
    return (ch == 'G' or (ch == 'J' and (n == 38 or 86 <= n <= 96))
            or (ch == 'D' and (244 <= n <= 282 or 5 <= n <= 15 or n in (23, 419))))


def measured(path):
    counts, days = {}, {}
    with open(path, encoding='utf-8') as f:
        for row in csv.reader(f):
            if len(row) != 3:
                continue
            code, band, n = row[0], int(row[1]), float(row[2])
            if code == 'visit_days':
                days[band] = n
            else:
                counts.setdefault(code, {})[band] = n
    if sorted(days) != [lo for lo, _, _ in BANDS]:
        sys.exit('%s: visit_days for the bands %s expected' % (path, [lo for lo, _, _ in BANDS]))
    return counts, days


def previous_topup(path):
    """The top-up rows of the current file: code -> {band: p}."""
    old = {}
    if not os.path.exists(path):
        return old
    with open(path, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['source'].startswith('top-up'):
                old[r['code']] = {lo: float(r['p_%d' % lo]) for lo, _, _ in BANDS}
    return old


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    with open(sys.argv[2], encoding='cp932') as f:
        in_s = {row[2] for row in csv.reader(f) if len(row) > 2}
    t, pop = targets(), population()
    catalogue, rules = codes_in('masters/clinical/condition_tests.csv'), codes_in('specs/model/med.yaml')
    with_codes = {c for _, _, _, w in WITH for c in w.split('|')}
    days = {lo: t[lo] * pop[lo] * DAYS_PER_RECEIPT for lo, _, _ in BANDS}
    path = os.path.join(ROOT, 'masters', 'med', 'background_acts.csv')
    meas, mdays = measured(sys.argv[3]) if len(sys.argv) == 4 else ({}, {})
    old = previous_topup(path)
    out = []
    with open(sys.argv[1], encoding='utf-8') as f:
        for r in csv.DictReader(f):
            name, kubun, code = r['name'], r['kubun'], r['code']
            topup = code in catalogue and code not in rules
            if topup and (not mdays or code in with_codes or no_topup(kubun)):
                continue
            if ((r['chapter'] not in CHAPTERS and code not in EVERY_CAUSE) or r['kasan_group'] or not kubun
                    or code not in in_s or (code in rules or code in catalogue) and not topup
                    or float(r['total']) < MIN_COUNT
                    or '判断料' in name or '加算' in name or kubun in ('D400', 'E001', 'E203')
                    # 生化学的検査(I) come together on a blood-test day (med.yaml lab_panel):
                    # drawn alone, each would make a blood-test day of its own
                    or kubun == 'D007'):
                continue
            with_ = with_of(kubun, name)
            if kubun == 'E002' and not with_:
                continue  # a 撮影 whose diagnosis fee is not paired here
            src = ('NDB Open Data 第9回 (FY2022) 外来 算定回数 (%s, github code4fukui/'
                   'ndb-opendata); p = count / outpatient visit-days of the band (DERIVED)'
                   % r['source_file'])
            p = {lo: float(r[col] or 0) / days[lo] for lo, _, col in BANDS}
            if topup:
                for lo, _, _ in BANDS:
                    own = meas.get(code, {}).get(lo, 0) - old.get(code, {}).get(lo, 0) * mdays[lo]
                    p[lo] = max(0.0, p[lo] - own / mdays[lo])
                if sum(p[lo] * days[lo] for lo in p) < MIN_COUNT:
                    continue
                src = ('top-up: national p less what the condition catalogue bills itself '
                       '(measured: tools/masters/measure_acts.sql); ' + src)
            out.append([code, name, r['chapter'], kubun, with_] +
                       ['%.3g' % p[lo] for lo, _, _ in BANDS] + [src])
    out.sort(key=lambda x: x[0])
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'chapter', 'kubun', 'with'] +
                   ['p_%d' % lo for lo, _, _ in BANDS] + ['source'])
        w.writerows(out)
    print('%d acts written to %s' % (len(out), os.path.relpath(path, ROOT)))


if __name__ == '__main__':
    main()
