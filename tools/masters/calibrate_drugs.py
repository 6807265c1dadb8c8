#!/usr/bin/env python3
"""Scales the shares (group_prob) of the drug groups of masters/clinical/condition_drugs.csv so
that what a dataset gives matches what the nation uses.

  tools/masters/calibrate_drugs.py dispensed NATIONAL.csv MEASURED.csv [--only=PREFIX [--max=S]]
  tools/masters/calibrate_drugs.py clinic NATIONAL.csv MEASURED.csv [--only=PREFIX [--max=S]]

--only=PREFIX rescales only the groups whose name starts with PREFIX (say tail_, the groups
drug_tail.py adds); --max=S lowers the highest raised share to S.

Groups too thin to measure keep their share: fewer than MIN_PATIENT_YEARS patient-years per
20,000 person-years in the dataset (its quantity over the products' daily units), or a share
under MIN_SHARE (a rare choice whose dataset count is a handful of patients: two rounds on too few
persons once raised alectinib and palbociclib to 9.5 and 7.9 times the national quantity).
Dispensed self-injected products (insulin, GLP-1, biologics) keep theirs too: their number of
patients is calibrated to 在宅自己注射指導管理料 (specs/fidelity), which a per-patient dose that
differs from the national mean would undo.

dispensed: the groups a pharmacy dispenses (not given at the clinic; the Kampo groups have their
own tool, kampo.py). NATIONAL.csv: NDB Open Data 第9回 (FY2022) 処方薬 内服・外用・注射 外来(院外)
処方数量 by drug (columns receipt_code, yj_code, total_qty), as extracted from download/09/
001258655, 001258712 and 001258715.xlsx of the MHLW files mirrored in github code4fukui/
ndb-opendata (rows masked under 1,000 are absent). MEASURED.csv: what a dataset generated with
the current masters dispensed, per 20,000 person-years (tools/masters/measure_drugs.sql).
Compared by ingredient (薬価基準コード to 7 characters: all makers and strengths), because the
catalogue's few makers of an ingredient stand for all of those the nation spreads it over.

clinic: the injections given at the clinic (given_by clinic). NATIONAL.csv: 注射薬 外来(院内) of
the top 300 drugs by spending (columns receipt_code, total_qty; download/09/001258715.xlsx).
MEASURED.csv: the quantity on 入院外 医科 receipts per 20,000 person-years (tools/masters/
measure_injections.sql). Compared by product.

A group's factor is the national quantity of its products (or ingredients) over the dataset's,
both per 20,000 person-years; an ingredient or product several conditions share moves all their
groups alike. Factors are kept within the mode's bounds and a raised share within max(MAX_SHARE,
its old value): the national quantity also counts causes the catalogue does not model
(bevacizumab in ovarian cancer, PPIs with NSAIDs). First-line groups of one condition in one
薬効分類 that were alternatives (shares adding up to at most 1) stay alternatives (scaled back to
add up to 0.95 at most). Each changed row's source says so. Measure at 50,000 persons or more
(100,000 for the rarer injections), then regenerate and measure again. Python 3 stdlib only."""
import csv, io, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
POP = 124.9e6  # population, 2022-10-01 (人口推計), as in background_acts.py
MIN_PATIENT_YEARS = 5.0  # per 20,000 person-years: 25 patients in a dataset of 100,000 persons
MIN_SHARE = 0.02
# mode: (key of a drug, lowest and highest factor, highest raised share, what the nation counts)
MODES = {
    'dispensed': ('ingredient', 1 / 3, 3.0, 0.6, 'pharmacies dispense the national quantity, '
                  'NDB Open Data 第9回 (FY2022) 外来(院外)'),
    'clinic': ('product', 0.25, 4.0, 0.3, 'the quantity given at clinics matches NDB Open Data '
               '第9回 (FY2022) 注射薬 外来(院内)'),
}


def quantities(national, measured, by_ingredient):
    """National and measured quantity per key (ingredient or product), per 20,000 person-years."""
    yj_of = {}
    if by_ingredient:
        with open(os.path.join(ROOT, 'masters', 'medicine.csv'), encoding='utf-8') as f:
            for r in csv.DictReader(f):
                yj_of[r['medicine_cd']] = r['drug_price_std_cd'][:7]
    nat, got = {}, {}
    with open(national, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            k = r['yj_code'][:7] if by_ingredient else r['receipt_code']
            nat[k] = nat.get(k, 0) + float(r['total_qty']) / POP * 20000
    with open(measured, encoding='utf-8') as f:
        for row in csv.reader(f):
            if len(row) != 2 or (by_ingredient and row[0] not in yj_of):
                continue
            k = yj_of[row[0]] if by_ingredient else row[0]
            got[k] = got.get(k, 0) + float(row[1])
    return nat, got


def main():
    opts = dict(a[2:].split('=', 1) for a in sys.argv[4:] if a.startswith('--') and '=' in a)
    only = opts.get('only', '')
    if len(sys.argv) - 4 != len(opts) or set(opts) - {'only', 'max'} or sys.argv[1] not in MODES:
        sys.exit(__doc__)
    key_kind, lo, hi, max_share, what = MODES[sys.argv[1]]
    max_share = min(max_share, float(opts.get('max', max_share)))
    by_ingredient = key_kind == 'ingredient'
    nat, got = quantities(sys.argv[2], sys.argv[3], by_ingredient)
    path = os.path.join(ROOT, 'masters', 'clinical', 'condition_drugs.csv')
    rows = list(csv.reader(io.StringIO(open(path, encoding='utf-8').read())))
    H = {h: i for i, h in enumerate(rows[0])}
    body = [r for r in rows[1:] if r]

    def in_mode(r):
        if not r[H['group']].startswith(only):
            return False
        if sys.argv[1] == 'clinic':
            return r[H['form']] == 'injection' and r[H['given_by']] == 'clinic'
        return (r[H['given_by']] != 'clinic' and r[H['form']] != 'injection'
                and not r[H['group']].startswith('kampo'))

    groups, cls, line, share, daily = {}, {}, {}, {}, {}
    for r in body:
        g = (r[H['cond']], r[H['group']])
        line[g], share[g] = r[H['line']], float(r[H['group_prob']])
        if in_mode(r):
            groups.setdefault(g, set()).add(r[H['yj_code']][:7] if by_ingredient else r[H['medicine_cd']])
            cls[g] = r[H['yj_code']][:3]
            try:  # units a day of the group's products (the largest: fewest patient-years)
                daily[g] = max(daily.get(g, 0.0), float(r[H['daily_amount']]))
            except ValueError:
                pass
    new, thin = {}, 0
    for g, keys in groups.items():
        if not any(k in nat for k in keys):
            continue
        m = sum(got.get(k, 0) for k in keys)
        if share[g] < MIN_SHARE or (daily.get(g, 0) > 0 and m / (daily[g] * 365) < MIN_PATIENT_YEARS):
            thin += 1
            continue
        n, m = sum(nat.get(k, 0) for k in keys), sum(got.get(k, 0) for k in keys)
        f = max(lo, min(hi, n / m if m > 0 else hi))
        x = max(share[g], 0.001) * f
        new[g] = min(max(max_share, share[g]) if 'max' not in opts else max_share, x) if f > 1 else x
    # first-line alternatives of one 薬効分類 stay alternatives
    sets = {}
    for g in new:
        if line[g] == 'first':
            sets.setdefault((g[0], cls[g]), []).append(g)
    for keys in sets.values():
        after = sum(new[g] for g in keys)
        if sum(share[g] for g in keys) <= 1 and after > 0.95:
            for g in keys:
                new[g] *= 0.95 / after
    changed = 0
    for r in body:
        g = (r[H['cond']], r[H['group']])
        if g not in new or abs(new[g] - share[g]) < 0.1 * share[g]:
            continue
        r[H['group_prob']] = '%.4g' % new[g]
        r[H['source']] += ('; hicgen: share %g -> %.4g so that %s (tools/masters/calibrate_drugs.py; '
                           'DERIVED)' % (share[g], new[g], what))
        changed += 1
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows([rows[0]] + body)
    open(path, 'w', encoding='utf-8').write(out.getvalue())
    print('%d rows of %d groups rescaled; %d groups too thin to measure kept their share'
          % (changed, len(new), thin))


if __name__ == '__main__':
    main()
