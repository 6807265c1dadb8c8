#!/usr/bin/env python3
"""Calibrates the weights of masters/clinical/death_causes.csv (k_has, k_without): generates a
dataset with a copy of the masters, compares each cause's share of the dataset's deaths with the
national share (人口動態統計 令和4年 概数 表7; その他 the rest), scales both weights of a cause by
target / generated (at most 5 times a step), and repeats. The last weights are printed, ready to
copy into the file: they are a calibration (DERIVED), re-run when the mortality model or the
catalogue of conditions changes. Python 3 standard library only; run from the project root after
`make`:

  tools/masters/death_calibrate.py [--persons 200000] [--iterations 4] [--seed 11]"""
import argparse, collections, csv, os, shutil, subprocess, tempfile

TARGET = {'CANCER': 24.59, 'HEART': 14.84, 'SENILITY': 11.44, 'STROKE': 6.85, 'PNEUMONIA': 4.72,
          'ASPIRATION': 3.57, 'ACCIDENT': 2.76, 'RENAL': 1.96, 'DEMENTIA': 1.58 + 1.55,
          'COVID': 3.04, 'SUICIDE': 1.4}
TARGET['OTHER'] = 100 - sum(TARGET.values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--persons', default='200000')
    ap.add_argument('--iterations', type=int, default=4)
    ap.add_argument('--seed', default='11')
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='hicgen-deathcal-')
    masters = os.path.join(tmp, 'masters')
    shutil.copytree('masters', masters)
    path = os.path.join(masters, 'clinical', 'death_causes.csv')
    try:
        for it in range(a.iterations):
            out = os.path.join(tmp, 'out%d' % it)
            subprocess.run(['bin/hicgen', 'generate', '--quiet', '--out', out, '--persons',
                            a.persons, '--seed', a.seed, '--months', '12', '--start', '2022-04',
                            '--masters', masters], check=True)
            with open(os.path.join(out, 'hicgen_persons.csv'), encoding='utf-8') as f:
                dead = [r for r in csv.DictReader(f) if r['death_ymd']]
            shutil.rmtree(out)
            got = collections.Counter(r['death_cause'] for r in dead)
            with open(path, encoding='utf-8') as f:
                rows = list(csv.DictReader(f))
            print('iteration %d: %d deaths' % (it, len(dead)))
            for r in rows:
                share = 100.0 * got[r['cause']] / max(len(dead), 1)
                step = min(max(TARGET[r['cause']] / max(share, 0.05), 0.2), 5)
                print('  %-11s %6.2f %% (national %5.2f)  k_has %-8s k_without %s'
                      % (r['cause'], share, TARGET[r['cause']], r['k_has'], r['k_without']))
                for k in ('k_has', 'k_without'):
                    r[k] = '%.3g' % (float(r[k]) * step)
            with open(path, 'w', encoding='utf-8', newline='') as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator='\n')
                w.writeheader()
                w.writerows(rows)
        print('weights after the last step (cause, k_has, k_without):')
        for r in rows:
            print('  %s,%s,%s' % (r['cause'], r['k_has'], r['k_without']))
    finally:
        shutil.rmtree(tmp)


main()
