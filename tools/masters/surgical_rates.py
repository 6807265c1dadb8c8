#!/usr/bin/env python3
"""Incidence of the surgical admission causes (胆のう結石症, 急性虫垂炎, 鼠径ヘルニア, 帝王切開,
変形性股関節症, 網膜硝子体疾患, 脳腫瘍, 総胆管結石・胆管炎, 大腸ポリープ, 子宮筋腫, 卵巣のう腫,
脊柱管狭窄症, 尿路結石症, 膀胱癌, 大動脈弁膜症, 徐脈性不整脈,
前腕骨折, 上腕骨骨折, 下腿骨折, 脳動脈瘤, 慢性硬膜下血腫, 膝靱帯・半月板損傷,
大動脈瘤, 腰椎椎間板ヘルニア, 緑内障, 消化管出血):
episodes per person-year by sex and five-year age band, written to
masters/clinical/condition_rates.csv (the rows of these conditions are replaced).

An episode of such a condition is admitted with probability `admit` (conditions.csv) and an
admission gets one of its operations with the shares of masters/med/stay_procedures.csv (group
1); so that the model bills the national number of operations, a band's rate is
    NDB operations (band, sex) / (Σ shares × admit) / population (band, sex),
where an operation for one diagnosis only (its icd10 prefix) counts its share times the weight
of the condition's main diagnoses with that prefix (condition_diseases.csv).
National operations: NDB Open Data 第9回 (FY2022) K 手術 入院, tools/masters/ndb9_operations.csv
(extract_ndb_operations.py). Population: specs/model/population.yaml pyramid (IPSS, 2022-10-01).
The age shape is the national one of the operations, masked cells (fewer than 10) counting 0.

    python3 tools/masters/surgical_rates.py
Python 3 standard library only."""
import csv, os, re

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
HERE = os.path.dirname(os.path.abspath(__file__))
# condition: the operations (9-digit codes) whose national counts it carries
PLAN = {
    'GALLSTONE': ('150254110', '150172410'),
    'APPENDICITIS': ('150181610', '150337510', '150337610', '150272050'),
    'HERNIA': ('150159010', '150263610'),
    'CAESAREAN': ('150222110', '150222210'),
    'HIP_OA': ('150050410',),
    'RETINA': ('150274010', '150090610'),
    'BRAIN_TUMOR': ('150284510',),
    'CHOLANGITIS': ('150254410', '150175410', '150296710'),
    'COLON_POLYP': ('150285010',),
    'UTERINE_MYOMA': ('150272250', '150217510'),
    'OVARIAN_TUMOR': ('150270010',),
    'SPINAL_STENOSIS': ('150314610', '150282610', '150355110'),
    'UROLITHIASIS': ('150365010',),
    'BLADDER_CA': ('150365110',),
    'AORTIC_VALVE': ('150141410', '150387310'),
    'BRADY': ('150140210', '150395350'),
    'FX_FOREARM': ('150019310',),
    'FX_HUMERUS': ('150019110',),
    'FX_LEG': ('150019410',),
    'ANEURYSM': ('150243810', '150254910', '150355410'),
    'CSDH': ('150273410',),
    'KNEE_INJURY': ('150313710', '150313210', '150313110'),
    'AAA': ('150301410', '150301310'),
    'DISC': ('150314410', '150063210'),
    'GLAUCOMA_SURG': ('150335910', '150435810', '150395150', '150373010'),
    'GI_BLEED': ('150164850', '150263950'),
}


def pyramid():
    text = open(os.path.join(ROOT, 'specs', 'model', 'population.yaml'), encoding='utf-8').read()
    body = text.split('pyramid:', 1)[1].split('prefectures:', 1)[0]
    rows = [tuple(float(x) for x in m) for m in re.findall(r'- \[(\d+), (\d+), (\d+)\]', body)]
    pop = {}
    for a, m, f in rows:
        b = min(int(a), 90)  # 90+ pooled, as NDB's last band
        pm, pf = pop.get(b, (0, 0))
        pop[b] = (pm + m * 1000, pf + f * 1000)
    return pop


def main():
    pop = pyramid()
    ops = [r for r in csv.DictReader(open(os.path.join(HERE, 'ndb9_operations.csv'), encoding='utf-8'))
           if r['sheet'] == '入院']
    conds = {r['cond']: r for r in csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'conditions.csv'), encoding='utf-8'))}
    procs = list(csv.DictReader(open(os.path.join(ROOT, 'masters', 'med', 'stay_procedures.csv'), encoding='utf-8')))
    dis = list(csv.DictReader(open(os.path.join(ROOT, 'masters', 'clinical', 'condition_diseases.csv'), encoding='utf-8')))
    new = []
    for cond, codes in PLAN.items():
        admit = float(conds[cond]['admit'])
        # the procedures of group 1 (one row each: a procedure's first row has its share)
        mains = [(r['icd10'], float(r['weight'] or 0)) for r in dis if r['cond'] == cond and r['role'] == 'main']
        total = sum(w for _, w in mains)

        def reach(prefix):  # the share of the condition's stays with a diagnosis under the prefix
            return sum(w for i, w in mains if i.startswith(prefix)) / total if total else 1
        alts, seen = [], set()
        for p in procs:
            if p['cond'] == cond and p['group'] in ('', '1') and p['proc'] not in seen:
                seen.add(p['proc'])
                alts.append((int(p['min_age'] or 0), int(p['max_age'] or 120), float(p['share']) * reach(p['icd10'])))

        def shares_at(age):
            return sum(s for lo, hi, s in alts if lo <= age <= hi)
        rows = [r for r in ops if r['code'] in codes]
        for b in range(0, 95, 5):
            m = sum(int(r['m_%d' % b]) for r in rows)
            f = sum(int(r['f_%d' % b]) for r in rows)
            pm, pf = pop[b]
            shares = shares_at(b + 2)  # the band's middle age
            rm = m / (shares * admit) / pm if pm and shares else 0
            rf = f / (shares * admit) / pf if pf and shares else 0
            new.append({'cond': cond, 'age_from': str(b), 'male': '%.6g' % rm, 'female': '%.6g' % rf,
                        'source': 'DERIVED: tools/masters/surgical_rates.py: NDB Open Data 第9回 (FY2022) K 手術 入院 算定回数 of %s in the band (masked cells 0) / (stay_procedures.csv group 1 shares at the age x admit %.2f) / population 2022-10-01 (IPSS 表2-2)' % (' '.join(codes), admit),
                        'verified': 'DERIVED'})
    path = os.path.join(ROOT, 'masters', 'clinical', 'condition_rates.csv')
    old = list(csv.DictReader(open(path, encoding='utf-8')))
    keep = [r for r in old if r['cond'] not in PLAN]
    with open(path, 'w', encoding='utf-8', newline='') as fh:
        w = csv.DictWriter(fh, fieldnames=list(old[0]), lineterminator='\n')
        w.writeheader()
        w.writerows(keep + new)
    print('%d rows for %s' % (len(new), ', '.join(PLAN)))


if __name__ == '__main__':
    main()
