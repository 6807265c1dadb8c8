#!/usr/bin/env python3
"""Writes the "tail" add-on groups of masters/clinical/condition_drugs.csv (groups tail_N,
replaced on every run): ingredients the nation prescribes for a modelled condition that the
condition's catalogue does not list (fixed-dose combinations such as イルアミクス or トラディアンス,
other members of a class such as シルニジピン, newer glaucoma combinations ...).

  tools/masters/drug_tail.py OFFICIAL_MASTERS_DIR NATIONAL.csv CLINIC.csv [PLAN.json]

PLAN (default tools/masters/tail_plan.json) is a list of [condition, 薬効分類 prefix, form, units
a day (a dose, for injections), age from], optionally followed by [days between doses, given_by,
technique] for injections given at the clinic: the ingredients of that class (薬価基準コード
prefix) that the nation uses and the catalogue lacks for every condition, down to MIN_SHARE of
the nation's spending, each become one add-on group of the condition with the ingredient's most
used product. NATIONAL.csv: NDB Open Data 第9回 (FY2022) 処方薬 外来(院外) 処方数量 (columns
receipt_code, yj_code, form, total_qty, yakka: see calibrate_drugs.py). CLINIC.csv: 注射薬
外来(院内), the top 300 by spending (receipt_code, yj_code, total_qty, yakka), for the rows given
at the clinic. Which class goes with which condition is
best knowledge (UNVERIFIED); a class whose members treat several modelled conditions is listed
under the one that uses most of it.

The share of a new group starts at the value in the existing row (or START) and is calibrated
like the others: generate 50,000 persons or more, measure (measure_drugs.sql), then run
calibrate_drugs.py dispensed --only tail_ (it scales each group to the national quantity of its
ingredient). Run tools/masters/build.py afterwards so that masters/medicine.csv holds the codes.
Python 3 stdlib only."""
import csv, io, json, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
MIN_SHARE = 0.0004  # of the national outside-prescription spending (yen)
START = 0.01
SRC = ('hicgen: an ingredient of this condition\'s class that the catalogue lacked (class and '
       'condition: tools/masters/tail_plan.json, UNVERIFIED best knowledge); its most prescribed '
       'product in NDB Open Data 第9回 (FY2022) 外来(院外); code and FY2022 price from the y_FY2022 '
       'joined master; share calibrated to the national quantity of the ingredient '
       '(calibrate_drugs.py; DERIVED)')


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    d = os.path.join(sys.argv[1], 'y_drugs', 'derived')
    joined = {}
    with open(os.path.join(d, sorted(os.listdir(d))[0]), encoding='utf-8') as f:
        for r in csv.reader(f):
            if len(r) > 15 and r[15]:
                joined[r[15]] = (r[2], r[5], r[7] == '後発品')
    plan = json.load(open(sys.argv[4] if len(sys.argv) == 5 else
                          os.path.join(ROOT, 'tools', 'masters', 'tail_plan.json'), encoding='utf-8'))
    path = os.path.join(ROOT, 'masters', 'clinical', 'condition_drugs.csv')
    rows = list(csv.reader(io.StringIO(open(path, encoding='utf-8').read())))
    hdr = rows[0]
    H = {h: i for i, h in enumerate(hdr)}
    old = {r[H['medicine_cd']]: r[H['group_prob']] for r in rows[1:]
           if r and r[H['group']].startswith('tail_')}
    body = [r for r in rows[1:] if r and not r[H['group']].startswith('tail_')]
    have = {r[H['yj_code']][:7] for r in body}
    # the nation's spending and most used product by ingredient, outside and at the clinic
    def national(path):
        yen, top = {}, {}
        with open(path, encoding='utf-8') as f:
            for r in csv.DictReader(f):
                try:
                    q = float(r['total_qty'])
                    y = q * float(r['yakka'])
                except ValueError:
                    continue
                k = r['yj_code'][:7]
                yen[k] = yen.get(k, 0) + y
                if r['receipt_code'] in joined and (k not in top or q > top[k][1]):
                    top[k] = (r['receipt_code'], q, r.get('form', 'injection'))
        return yen, top, sum(yen.values())
    sources = {'': national(sys.argv[2]), 'clinic': national(sys.argv[3])}
    n = 0
    for item in plan:
        cond, prefix, form, daily, age = item[:5]
        interval, given_by, technique = (item[5:] + [None, '', ''])[:3]
        yen, top, total = sources[given_by]
        if not any(r[H['cond']] == cond for r in body):
            sys.exit('tail_plan.json: condition %s is not in condition_drugs.csv' % cond)
        for k in sorted((k for k in yen if k.startswith(prefix) and k not in have and k in top
                         and top[k][2] == form and yen[k] >= MIN_SHARE * total),
                        key=lambda k: -yen[k]):
            code = top[k][0]
            yj, name, generic = joined[code]
            f = [''] * len(hdr)
            f[H['cond']] = cond
            f[H['group']] = 'tail_%d' % n
            f[H['group_prob']] = old.get(code, '%g' % START)
            f[H['line']] = 'add_on'
            f[H['weight']] = '1'
            f[H['medicine_cd']] = code
            f[H['product_name']] = name
            f[H['generic']] = '1' if generic else '0'
            f[H['age_from']] = str(age)
            f[H['age_to']] = '120'
            f[H['form']] = form
            f[H['daily_amount']] = str(daily)
            f[H['yj_code']] = yj
            f[H['source']] = SRC
            if interval:
                f[H['dose_interval_days']] = str(interval)
                f[H['given_by']] = given_by
                f[H['technique']] = technique
            last = max(j for j, r in enumerate(body) if r[H['cond']] == cond)
            body.insert(last + 1, f)
            have.add(k)
            n += 1
            print('%-10s tail_%-3d %s %s (%.2f%% of the national spending of its kind)' %
                  (cond, n - 1, code, name, 100 * yen[k] / total))
    o = io.StringIO()
    csv.writer(o, lineterminator='\n').writerows([hdr] + body)
    open(path, 'w', encoding='utf-8').write(o.getvalue())
    print(n, 'tail rows')


if __name__ == '__main__':
    main()
