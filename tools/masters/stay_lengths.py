#!/usr/bin/env python3
"""Fills column los_mean of masters/med/stay_procedures.csv: the mean length of a stay with the
procedure, where it makes the stay longer than the condition's average stay.

The value is the 入院期間II of the procedure's DPC code (masters/med/dpc.csv days2, from the
FY2022 DPC 電子点数表: 期間II ends at the national mean length of stay of the 診断群分類), used as
conditions.csv los_mean is (the mean of the model's gamma draw). It is set only where it exceeds the
condition's own los_mean: the condition's mean mixes stays with and without the operation (colon
cancer's 8.8 days include chemotherapy stays; its laparoscopic colectomy's code has 15), while for
conditions whose stays go on to rehabilitation (a hip fracture's 40 days, a stroke's 70) the
acute code's period is shorter than the whole stay, which the condition's mean already gives.

    python3 tools/masters/stay_lengths.py
Python 3 standard library only; rewrites the file in place (rerunning it changes nothing)."""
import csv, os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
NOTE = '; los_mean: 入院期間II of dpc_cd (tools/masters/stay_lengths.py)'


def main():
    path = os.path.join(ROOT, 'masters', 'med', 'stay_procedures.csv')
    conds = {r['cond']: float(r['los_mean'] or 0) for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'conditions.csv'), encoding='utf-8'))}
    days2 = {r['dpc_cd']: int(r['days2']) for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'med', 'dpc.csv'), encoding='utf-8')) if r['days2']}
    rd = csv.DictReader(open(path, encoding='utf-8'))
    fields = list(rd.fieldnames)
    rows = list(rd)
    if 'los_mean' not in fields:
        fields.insert(fields.index('source'), 'los_mean')
    prev = None
    n = 0
    for r in rows:
        r['source'] = r['source'].replace(NOTE, '')
        r['los_mean'] = ''
        first = prev is None or (r['cond'], r['proc']) != (prev['cond'], prev['proc'])
        prev = r
        if not first or not r['dpc_cd']:
            continue
        d = days2.get(r['dpc_cd'])
        if d is None:
            raise SystemExit('%s: dpc_cd %s is not in dpc.csv' % (r['proc'], r['dpc_cd']))
        if d > conds[r['cond']]:
            r['los_mean'] = str(d)
            r['source'] += NOTE
            n += 1
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator='\n')
        w.writeheader()
        w.writerows(rows)
    print('%d procedures with their own stay length' % n)


if __name__ == '__main__':
    main()
