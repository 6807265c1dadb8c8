#!/usr/bin/env python3
"""Sets, for every injection of masters/clinical/condition_drugs.csv, who gives it and how it is
billed: columns `given_by` (`self`: a self-injection — insulin, GLP-1 and biologic pens —
prescribed like any drug, 院外 where the clinic prescribes outside; `clinic`: administered at
the visit and billed on the 医科 receipt) and `technique` (the 注射料 code billed with a clinic
injection, empty when none is billed: drugs given through the dialysis circuit are included in
人工腎臓). Other forms get empty cells.

The rules read the product name (the 医薬品 master's 販売名): they are a heuristic
(UNVERIFIED), listed below; the self-injectable products are those of 在宅自己注射指導管理料's
list that the catalogue uses (insulins, GLP-1 agonists, pens and auto-injectors).
Run after editing the catalogue: tools/masters/injections.py (standard library only)."""
import csv, io, os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
PATH = os.path.join(ROOT, 'masters', 'clinical', 'condition_drugs.csv')

SELF = ('ペン', 'オートインジェクター', 'フレックスタッチ', 'ソロスター', 'ミリオペン', 'フレックスペン',
        'インスリン', 'トルリシティ', 'オゼンピック', 'ビクトーザ', 'ランタス', 'トレシーバ', 'ヒューマログ',
        'ノボラピッド', 'アピドラ', 'レベミル', 'ヒューマリン', 'ノボリン', 'フォルテオ')
# (substring of the name, 注射料 code): the first that matches
TECHNIQUE = (
    ('透析', ''),                      # through the dialysis circuit (人工腎臓 includes it)
    ('ミルセラ', ''), ('ネスプ', ''),   # ESA at dialysis
    ('ヘパリン', ''), ('オキサロール', ''),
    ('硝子体', '130012010'),            # G016 硝子体内注射
    ('関節', '130005310'),              # G010 関節腔内注射
    ('点滴', '130009310'),              # G004 点滴注射 (その他): infusions, fluids, chemotherapy
    ('輸液', '130009310'), ('ラクテック', '130009310'), ('ハルトマン', '130009310'),
    ('ソリューゲン', '130009310'), ('ペロール', '130009310'), ('プラチン', '130009310'),
    ('タキセル', '130009310'), ('タキソール', '130009310'), ('アリムタ', '130009310'),
    ('ハーセプチン', '130009310'),
    ('静注', '130003510'),              # G001 静脈内注射
    ('', '130000510'),                  # G000 皮内、皮下及び筋肉内注射
)


def main():
    rows = list(csv.reader(open(PATH, encoding='utf-8')))
    h = rows[0]
    for col in ('given_by', 'technique'):
        if col not in h:
            h.append(col)
            for r in rows[1:]:
                r.append('')
    ip, iform, ig, it = h.index('product_name'), h.index('form'), h.index('given_by'), h.index('technique')
    n = {'self': 0, 'clinic': 0}
    for r in rows[1:]:
        r[ig] = r[it] = ''
        if r[iform] != 'injection':
            continue
        name = r[ip]
        if any(s in name for s in SELF):
            r[ig] = 'self'
        else:
            r[ig] = 'clinic'
            r[it] = next(code for sub, code in TECHNIQUE if sub in name)
        n[r[ig]] += 1
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows(rows)
    open(PATH, 'w', encoding='utf-8').write(out.getvalue())
    print('injections: %(self)d self-injected, %(clinic)d given at the clinic' % n)


if __name__ == '__main__':
    main()
