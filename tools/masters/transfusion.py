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

    python3 tools/masters/transfusion.py --mirror DIR [--cache DIR] [--write] [OUTDIR]
--write: rewrite the TRANSFUSION rows of masters/med/stay_procedures.csv from PLAN and KINDS
below (the 加算 of K920 with the chance of the national ratio: 加算 over the transfusions they
follow); run tools/masters/build.py after it.
OUTDIR: a `hicgen generate` output directory (CSV) to measure beside the national figures.
Python 3 standard library only."""
import argparse, csv, json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from xlsx_min import ndb9_counts

POP = 124_947_000
ACTS = {'150224910': '保存血液輸血 1回目', '150286310': '保存血液輸血 2回目以降',
        '150327910': '輸血管理料１', '150328010': '輸血管理料２'}
PRODUCTS = {'621772101': '照射赤血球液-LR 400 mL 由来', '621602501': '照射濃厚血小板-LR 10 単位',
            '621772701': '新鮮凍結血漿-LR 240'}


ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
# the kinds of transfusion: further transfusion days after the first, and the bags of each
# product a day (mean, UNVERIFIED) on every transfusion day, or on the first only
KINDS = {
    'RBC': (1, [('621772101', 1.0, 'all')]),
    'GI': (2, [('621772101', 1.0, 'all')]),
    'HAEM': (2, [('621772101', 1.0, 'two'), ('621602501', 1.15, 'first')]),
    'MASS': (2, [('621772101', 1.0, 'all'), ('621772701', 1.5, 'all')]),
    'AORTIC': (2, [('621772101', 1.2, 'all'), ('621772701', 2.0, 'all'), ('621602501', 2.0, 'first')]),
}
# cause, share of its stays (UNVERIFIED, scaled together to the national 1回目), kind, day of
# the first transfusion (0: the admission day)
PLAN = [
    ('GI_BLEED', 0.45, 'GI', 0), ('GU', 0.34, 'RBC', 0), ('CIRRHOSIS', 0.28, 'MASS', 1),
    ('MM', 0.56, 'HAEM', 1), ('MPN', 0.34, 'HAEM', 1), ('CML', 0.34, 'HAEM', 1),
    ('CA_STOMACH', 0.17, 'HAEM', 1), ('CA_COLORECTAL', 0.135, 'HAEM', 1), ('CA_LUNG', 0.113, 'HAEM', 1),
    ('CA_PANCREAS', 0.17, 'HAEM', 1), ('CA_LIVER', 0.135, 'HAEM', 1), ('CA_OVARY', 0.17, 'HAEM', 1),
    ('CA_BREAST', 0.045, 'HAEM', 1), ('CA_PROSTATE', 0.09, 'HAEM', 1), ('CA_KIDNEY', 0.09, 'HAEM', 1),
    ('BLADDER_CA', 0.09, 'HAEM', 1),
    ('FRACTURE', 0.4, 'RBC', 1), ('FX_LEG', 0.17, 'RBC', 1), ('TRA', 0.045, 'RBC', 1),
    ('HIP_OA', 0.17, 'RBC', 1), ('KNEE_OA', 0.09, 'RBC', 1),
    ('AORTIC_VALVE', 0.79, 'AORTIC', 1), ('AAA', 0.56, 'MASS', 1), ('IHD', 0.034, 'RBC', 1),
    ('DIALYSIS', 0.136, 'RBC', 1), ('CKD', 0.09, 'RBC', 1), ('HF', 0.034, 'RBC', 1),
    ('PNEUMONIA', 0.023, 'RBC', 1), ('PNE', 0.023, 'RBC', 1), ('CAESAREAN', 0.023, 'RBC', 0),
    ('MALNUTRITION', 0.034, 'RBC', 1), ('DEMENTIA', 0.011, 'RBC', 1), ('STROKE', 0.011, 'RBC', 1),
]
# the 加算 of K920 (sheet 入院（加算）): code, name, what it follows (the first transfusion day,
# every transfusion day, or 輸血管理料１)
ADDONS = [('150225310', '血液型検査加算（ＡＢＯ式及びＲｈ式）', 'first'),
          ('150225410', '不規則抗体検査加算', 'first'),
          ('150225510', '血液交叉試験加算（１回につき）', 'every'),
          ('150225610', '間接クームス検査加算（１回につき）', 'every'),
          ('150366570', '輸血適正使用加算（輸血管理料１）', 'management')]
NAMES = {'621772101': '照射赤血球液－ＬＲ「日赤」 血液400mLに由来する赤血球',
         '621602501': '照射濃厚血小板－ＬＲ「日赤」 10単位', '621772701': '新鮮凍結血漿－ＬＲ日赤240'}


def write_rows(mirror, cache):
    """Rewrites the TRANSFUSION rows of stay_procedures.csv (group 4, at the end)."""
    adds = ndb9_counts(mirror, cache, '001258350', '入院（加算）', 3, 7)
    acts = national_acts(mirror, cache)
    follows = {'first': acts['150224910'], 'every': acts['150224910'] + acts['150286310'],
               'management': acts['150327910']}
    path = os.path.join(ROOT, 'masters', 'med', 'stay_procedures.csv')
    rows = list(csv.reader(open(path, encoding='utf-8')))
    head, col = rows[0], {h: i for i, h in enumerate(rows[0])}
    body = [r for r in rows[1:] if r[col['proc']] != 'TRANSFUSION']

    def row(**kw):
        r = [''] * len(head)
        for k, v in kw.items():
            r[col[k]] = str(v)
        return r
    out = []
    for cond, share, kind, day in PLAN:
        later, products = KINDS[kind]
        common = dict(cond=cond, group=4, proc='TRANSFUSION', count=1)
        out.append(row(**common, share=share, code='150224910', day_from=day, qnt=400, source=(
            "share: of the stays in reach, a transfusion (UNVERIFIED estimate of the cause's rate; "
            "the shares together calibrated so that 保存血液輸血 (K920 2) 1回目 per person-year matches "
            "NDB Open Data 第9回 (FY2022) 入院 算定回数 763,600, 6.11 per 1,000: "
            "tools/masters/transfusion.py); qnt: mL (きざみ of 200 mL in the 診療行為 master: 450 points "
            "for the first 200 mL, 350 for each further 200), 400 the mean (a bag of red cells from "
            "400 mL of blood, counted by the blood it comes from: UNVERIFIED reading of the K920 "
            "notes), drawn with med.yaml inpatient.quantity_shape in whole 200 mL steps; on %s"
            % ('the admission day (the bleeding is why)' if day == 0 else 'the day after admission'))))
        out.append(row(**common, code='150286310', day_from=day + 1, day_to=day + later, qnt=400, source=(
            "保存血液輸血 2回目以降: a further transfusion on each of the next %d day(s) (UNVERIFIED by "
            "the kind of transfusion; 1.69 a 1回目 nationally, NDB Open Data 第9回 入院 1,290,307 / "
            "763,600); qnt: mL, as the 1回目" % later)))
        out.append(row(**common, code='150327910', day_from=day, source=(
            "輸血管理料１ (K920-2), once (UNVERIFIED: 輸血管理料１ is 59 % of 輸血管理料 in NDB Open Data "
            "第9回 入院; hospitals without its standard bill 輸血管理料２ or none)")))
        for code, name, what in ADDONS:
            p = min(1.0, adds[code] / follows[what])
            out.append(row(**common, code=code, day_from=day,
                           day_to=day + later if what == 'every' else '',
                           share='%.3f' % p if p < 1 else '', source=(
                "%s with %s: share = NDB Open Data 第9回 (FY2022) 入院 算定回数 %d over those of %s "
                "(%.3f, DERIVED; at most 1)" % (
                    name, {'first': 'the first transfusion', 'every': 'each transfusion day',
                           'management': '輸血管理料１'}[what], adds[code],
                    {'first': '保存血液輸血 1回目', 'every': '保存血液輸血 1回目 and 2回目以降',
                     'management': '輸血管理料１'}[what], adds[code] / follows[what]))))
        for code, bags, days in products:
            to = {'all': day + later, 'two': day + 1, 'first': day}[days]
            out.append(row(**common, code=code, day_from=day, day_to=to, qnt=bags, source=(
                "qnt: bags a transfusion day, the mean (UNVERIFIED by the kind of transfusion, drawn "
                "with med.yaml inpatient.drug_quantity_shape, at least 1; calibrated with the shares "
                "to NDB Open Data 第9回 (FY2022) 注射薬 入院 数量, tools/masters/transfusion.py); %s "
                "(%s), billed with the 輸血 under 手術%s" % (
                    NAMES[code], code, {'all': '', 'two': ', on the first two days',
                                        'first': ', on the first day'}[days]))))
    w = csv.writer(open(path, 'w', encoding='utf-8', newline=''), lineterminator='\n')
    w.writerow(head)
    w.writerows(body + out)


def national_acts(mirror, cache):
    """The K920 輸血 入院 算定回数 of ACTS."""
    n = ndb9_counts(mirror, cache, '001258350', '入院', 2, 5)
    return {k: v for k, v in n.items() if k in ACTS}


def national(mirror, cache):
    out = national_acts(mirror, cache)
    n = ndb9_counts(mirror, cache, '001258715', '注射薬 入院', 2, 8)
    out.update({k: v for k, v in n.items() if k in PRODUCTS})
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
    ap.add_argument('--write', action='store_true')
    ap.add_argument('outdir', nargs='?')
    a = ap.parse_args()
    if a.write:
        write_rows(a.mirror, a.cache)
    nat = national(a.mirror, a.cache)
    gen = generated(a.outdir) if a.outdir else {}
    print('per 1,000 person-years (入院)       national   generated')
    for k, name in list(ACTS.items()) + list(PRODUCTS.items()):
        print('  %s %-28s %8.2f %10s' % (k, name, nat.get(k, 0),
                                         '%.2f' % gen[k] if k in gen else '-'))


if __name__ == '__main__':
    main()
