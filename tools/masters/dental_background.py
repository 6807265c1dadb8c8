#!/usr/bin/env python3
"""Builds masters/dental/background_acts.csv: the dental acts no course bills (the long tail of
examinations, procedures, surgery, prosthetics, and orthodontics), each with the
probability that a clinic visit-day of an age band bills it. The dental family draws them at every
clinic visit as the 医科 family draws masters/med/background_acts.csv (src/families/bgacts.h).

  tools/masters/dental_background.py

National: NDB Open Data 第9回 (FY2022) 歯科診療行為 外来 算定回数 by age band
(tools/masters/ndb9_dental_acts.csv, from extract_ndb_dental.py). p(band) = the act's count in
the band / the band's clinic visit-days, counted as the band's 歯科初診料 and 歯科再診料 (with the
地域歯科診療支援病院 variants).

Kept: the main acts (sheet 外来, not its 加算: a 加算 rides on its act) of 304 検査, 309 処置,
310 手術, 313 歯冠修復及び欠損補綴 and 314 歯科矯正, counted MIN_COUNT times a
year or more, that no course (masters/dental/course_acts.csv) and no fee rule
(specs/model/dental.yaml) bills. Left out: 301 初再診, 302 医学管理, 303 在宅, 306 投薬,
307 注射, 308 リハビリテーション, 311 麻酔, 312 放射線治療 (the visit and the course decide
them), 315 病理診断 (no 診療識別 known for it), 305 画像診断 (an image goes with its 写真診断,
which the courses pair) and the 医科 codes of dental receipts. An act drawn this way is billed alone, without the preparation or material
of its own sequence: the counts are the nation's, the pathway is not modelled (UNVERIFIED
clinically). Python 3 standard library only."""
import csv, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
MIN_COUNT = 10000
KEEP = ('304', '309', '310', '313', '314')
VISITS = ('301000110', '301000210', '301001610', '301001710')  # 初診, 再診 (clinic, 地域支援病院)
BANDS = (('p_0', 'n_0_14'), ('p_15', 'n_15_39'), ('p_40', 'n_40_64'), ('p_65', 'n_65_74'),
         ('p_75', 'n_75plus'))
SRC = ('NDB Open Data 第9回 (FY2022) 歯科 外来 算定回数 by age (tools/masters/ndb9_dental_acts.csv); '
       'p = count / clinic visit-days (歯科初診料 + 歯科再診料) of the band (DERIVED)')


def main():
    nat = list(csv.DictReader(open(os.path.join(HERE, 'ndb9_dental_acts.csv'), encoding='utf-8')))
    days = {n: sum(float(r[n]) for r in nat if r['code'] in VISITS) for _, n in BANDS}
    billed = set()
    for f in ('masters/dental/course_acts.csv', 'specs/model/dental.yaml'):
        billed |= set(re.findall(r'(?<![0-9])(3[0-9]{8})(?![0-9])',
                                 open(os.path.join(ROOT, f), encoding='utf-8').read()))
    out = []
    for r in nat:
        c = r['code']
        if r['sheet'] != '外来' or c[:3] not in KEEP or c in billed or not r['points'] \
                or float(r['total']) < MIN_COUNT:
            continue
        out.append([c, r['name'], ''] + ['%.3g' % (float(r[n]) / days[n]) for _, n in BANDS] + [SRC])
    out.sort()
    path = os.path.join(ROOT, 'masters', 'dental', 'background_acts.csv')
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['code', 'name', 'with'] + [p for p, _ in BANDS] + ['source'])
        w.writerows(out)
    print('%d acts; mean a visit-day by band: %s' % (len(out), ', '.join(
        '%s %.4f' % (p, sum(float(x[3 + i]) for x in out)) for i, (p, _) in enumerate(BANDS))))


if __name__ == '__main__':
    main()
