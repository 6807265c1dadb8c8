#!/usr/bin/env python3
"""Writes masters/clinical/death_shares.csv: each cause of death's share of deaths by age band and
sex. Only the all-ages shares by sex are published figures at hand (人口動態統計 令和4年 月報年計
（概数） 表7, via the OCR copy https://wic-net.com/material/document/9516/13 of
https://www.mhlw.go.jp/toukei/saikin/hw/jinkou/geppo/nengai22/index.html); how each cause spreads
over ages is a best-knowledge pattern (UNVERIFIED: 確定数 上巻 死亡 第5表 has the real one). The
pattern is fitted by iterative proportional fitting so that, weighted by the ages at which people
die (UNVERIFIED approximation of 2022 deaths by age and sex), every cause's share matches 表7 and
every band's shares add up to 1. Python 3 standard library only.

  tools/masters/death_shares.py > masters/clinical/death_shares.csv"""
import csv, sys

CAUSES = ['CANCER', 'HEART', 'SENILITY', 'STROKE', 'PNEUMONIA', 'ASPIRATION', 'ACCIDENT', 'RENAL',
          'DEMENTIA', 'COVID', 'SUICIDE', 'OTHER']
BANDS = [0, 15, 40, 65, 75, 85, 95]
# deaths by age band, share of the sex's deaths in 2022 (UNVERIFIED approximation)
AGE_W = {'male': [0.002, 0.011, 0.090, 0.170, 0.300, 0.350, 0.077],
         'female': [0.0015, 0.006, 0.043, 0.075, 0.210, 0.460, 0.2045]}
# the relative size of each cause in each band (UNVERIFIED pattern, rows = bands)
PATTERN = [
    [.08, .05, 0, .01, .03, 0, .12, 0, 0, .01, .05, .65],
    [.17, .07, 0, .03, .01, 0, .09, .003, 0, .01, .45, .17],
    [.42, .13, 0, .07, .02, .005, .04, .01, 0, .02, .06, .215],
    [.44, .12, .005, .065, .03, .015, .03, .015, .005, .025, .015, .23],
    [.31, .14, .03, .07, .05, .035, .03, .02, .02, .035, .008, .25],
    [.15, .16, .15, .07, .06, .045, .025, .025, .04, .03, .003, .24],
    [.06, .15, .40, .05, .06, .045, .02, .02, .04, .025, .001, .13],
]
# all-ages shares by sex: 表7 counts over 799,333 male and 769,628 female deaths; DEMENTIA =
# アルツハイマー病 + 血管性及び詳細不明の認知症 (the latter's split by sex UNVERIFIED, as
# アルツハイマー病's); COVID-19 確定数 25,132 / 22,506 (seniorguide.jp, secondary); 自殺 2022 about
# 14,700 / 6,500 (UNVERIFIED); OTHER the rest
TOTAL = {'male': [223285, 112948, 49963, 53181, 42847, 33459, 24615, 16187, 8692 + 8517, 25132,
                  14700],
         'female': [162502, 119931, 129561, 54292, 31155, 22609, 18742, 14553, 16168 + 15843,
                    22506, 6500]}
N = {'male': 799333, 'female': 769628}


def fit(sex):
    target = [t / N[sex] for t in TOTAL[sex]]
    target.append(1 - sum(target))
    w = AGE_W[sex]
    s = [[x / sum(row) for x in row] for row in PATTERN]
    for _ in range(500):
        for c in range(len(CAUSES)):
            got = sum(w[b] * s[b][c] for b in range(len(BANDS)))
            if got > 0:
                for b in range(len(BANDS)):
                    s[b][c] *= target[c] / got
        s = [[x / sum(row) for x in row] for row in s]
    return s


def main():
    m, f = fit('male'), fit('female')
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow(['cause', 'age_from', 'male', 'female', 'source'])
    src = ('人口動態統計 令和4年 概数 表7 (all-ages shares by sex) spread over ages by a '
           'best-knowledge pattern (UNVERIFIED); tools/masters/death_shares.py')
    for c, cause in enumerate(CAUSES):
        for b, a in enumerate(BANDS):
            out.writerow([cause, a, '%.5f' % m[b][c], '%.5f' % f[b][c], src if b == 0 else ''])


main()
