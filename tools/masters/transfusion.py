#!/usr/bin/env python3
"""The national figures the transfusions of masters/med/stay_procedures.csv (procedure
TRANSFUSION, group 4) are calibrated to, and the same figures of a generated dataset beside them.

Sources (FY2022, claims 2022-04 .. 2023-03, 入院), read from a git mirror of
code4fukui/ndb-opendata (download/09/):
  NDB Open Data 第9回 K920 輸血 算定回数 (001258350.xlsx, sheet 入院);
  NDB Open Data 第9回 注射薬 処方数量 (001258715.xlsx, sheet 注射薬 入院): the blood products.
Per 1,000 person-years over the population of 2022-10-01 (人口推計, 124,947,000), the
denominator of the other NDB rates (tools/masters/measure_inpatient.py).

Which causes of admission are transfused, and how many bags a transfusion takes, are not public
by cause: the shares and mean quantities of stay_procedures.csv are UNVERIFIED estimates, scaled
together until a dataset of 100,000 persons (seed 11) gives these totals. Fresh frozen plasma
falls short: its commonest uses (DIC, sepsis, liver surgery, massive bleeding in trauma) are
not modelled causes.

    python3 tools/masters/transfusion.py --mirror DIR [--cache DIR] [OUTDIR]
OUTDIR: a `hicgen generate` output directory (CSV) to measure beside the national figures.
Python 3 standard library only."""
import argparse, csv, json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from xlsx_min import grid, ndb9_xlsx

POP = 124_947_000
ACTS = {'150224910': '保存血液輸血 1回目', '150286310': '保存血液輸血 2回目以降',
        '150327910': '輸血管理料１', '150328010': '輸血管理料２'}
PRODUCTS = {'621772101': '照射赤血球液-LR 400 mL 由来', '621602501': '照射濃厚血小板-LR 10 単位',
            '621772701': '新鮮凍結血漿-LR 240'}


def national(mirror, cache):
    out = {}
    for r in grid(ndb9_xlsx(mirror, cache, '001258350'), '入院')[4:]:
        if len(r) > 5 and r[2] in ACTS:
            out[r[2]] = float(r[5])
    for r in grid(ndb9_xlsx(mirror, cache, '001258715'), '注射薬 入院')[3:]:
        if len(r) > 8 and r[2] in PRODUCTS:
            out[r[2]] = float(r[8])
    return {k: v * 1000 / POP for k, v in out.items()}


def generated(d):
    """Counts per 1,000 person-years of a dataset: times of the acts, units of the products, on
    inpatient receipts (医科入院 and DPC)."""
    man = json.load(open(os.path.join(d, 'manifest.json')))
    persons, months = man['options']['persons'], int(man['options']['months'])
    inp = set()
    for fam in ('med', 'dpc'):
        for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_re.csv' % fam))):
            if fam == 'dpc' or int(r['rcp_cls'][-1]) % 2 == 1:
                inp.add(r['seq2_no'])
    n = {}
    for fam in ('med', 'dpc'):
        for t, col in (('si', 'prac_act_cd'), ('iy', 'medicine_cd')):
            for r in csv.DictReader(open(os.path.join(d, 'tnds_t_rcp_%s_%s.csv' % (fam, t)))):
                c = r[col]
                if r['seq2_no'] in inp and (c in ACTS or c in PRODUCTS):
                    q = float(r['use_amnt']) if t == 'iy' else 1
                    n[c] = n.get(c, 0) + int(r['times'] or 1) * q
    py = int(persons) * months / 12
    return {k: v * 1000 / py for k, v in n.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True)
    ap.add_argument('--cache', default='/tmp/ndbcache')
    ap.add_argument('outdir', nargs='?')
    a = ap.parse_args()
    nat = national(a.mirror, a.cache)
    gen = generated(a.outdir) if a.outdir else {}
    print('per 1,000 person-years (入院)       national   generated')
    for k, name in list(ACTS.items()) + list(PRODUCTS.items()):
        print('  %s %-28s %8.2f %10s' % (k, name, nat.get(k, 0),
                                         '%.2f' % gen[k] if k in gen else '-'))


if __name__ == '__main__':
    main()
