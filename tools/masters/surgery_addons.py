#!/usr/bin/env python3
"""The 手術 加算 that come with some operations (点数表 K930-K939 手術医療機器等加算 and the
breast cancer sentinel node 加算), as rows of masters/med/stay_procedures.csv after each modelled
operation they apply to, with the chance (column share of a later row) that an operation bills
them: the national count of the 加算 over the national count of every operation of its rule.

Sources (FY2022, claims 2022-04 .. 2023-03, 入院), read from a git mirror of
code4fukui/ndb-opendata (download/09/): NDB Open Data 第9回 K 手術 算定回数 (001258346.xlsx,
sheets 入院 and 入院（加算）).

Which operations a 加算 may follow is the fee rules' list (令和4年 点数表 and its 通知); the
rules below approximate each list by the operations' names (UNVERIFIED: a list by name, not
the notice's K numbers), and every operation of a rule bills the 加算 with the same chance
(DERIVED, the national ratio). A 加算 counted in units (自動縫合器: cartridges) bills the
ratio's whole part and one more with the fraction's chance.

    python3 tools/masters/surgery_addons.py --mirror DIR [--cache DIR]
rewrites the rows of these codes in masters/med/stay_procedures.csv (run it again after adding
operations) and prints the ratios. Python 3 standard library only."""
import argparse, csv, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
from xlsx_min import grid, ndb9_counts, ndb9_xlsx

# code, name, the operations it follows (a pattern of their names), those excluded
RULES = [
    ('150286990', '超音波凝固切開装置等加算 (K931)',
     r'腹腔鏡|胸腔鏡|悪性腫瘍', r'内視鏡的|経尿道的|経皮的|血管内|粘膜|皮膚|内視鏡下鼻'),
    ('150339310', '自動吻合器加算 (K936-2)',
     r'胃切除術|胃全摘術|直腸切除・切断術|食道悪性腫瘍手術', r'内視鏡的|粘膜'),
    ('150339210', '自動縫合器加算 (K936)',
     r'肺切除術|肺悪性腫瘍手術|胃切除術|胃全摘術|結腸切除術|結腸悪性腫瘍切除術|直腸切除・切断術|膵頭部腫瘍切除術|膵体尾部腫瘍切除術',
     r'内視鏡的|粘膜'),
    ('150423170', '脊髄誘発電位測定等加算 (K930 1: 脳、脊椎、脊髄、大動脈瘤又は食道の手術)',
     r'脊椎固定術|椎弓切除|椎弓形成|頭蓋内腫瘍摘出|脳動脈瘤頸部クリッピング|大動脈瘤切除|ステントグラフト内挿術|食道悪性腫瘍手術|脊髄腫瘍',
     r'経皮的'),
    ('150345870', '乳がんセンチネルリンパ節加算１ (K476 注1)',
     r'乳腺悪性腫瘍手術.*腋窩部郭清を伴わない', r'$^'),
]


def ndb(mirror, cache):
    """{code: (name, count)} of the K 入院 sheet, and {code: count} of its 加算 sheet."""
    ops = {}
    for r in grid(ndb9_xlsx(mirror, cache, '001258346'), '入院')[4:]:
        if len(r) > 6 and r[3]:
            try:
                ops[r[3]] = (r[4], float(r[6]))
            except ValueError:
                pass  # a masked cell
    adds = ndb9_counts(mirror, cache, '001258346', '入院（加算）', 3, 7)
    return ops, adds


def follows(name, rule):
    return re.search(rule[2], name) and not re.search(rule[3], name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True)
    ap.add_argument('--cache', default='/tmp/ndbcache')
    a = ap.parse_args()
    ops, adds = ndb(a.mirror, a.cache)
    ratio = {}
    for rule in RULES:
        n = sum(c for name, c in ops.values() if follows(name, rule))
        ratio[rule[0]] = adds[rule[0]] / n
        print('%s %-60s %9.0f / %9.0f operations = %.3f' % (rule[0], rule[1], adds[rule[0]], n,
                                                          ratio[rule[0]]))
    path = os.path.join(ROOT, 'masters', 'med', 'stay_procedures.csv')
    rows = list(csv.reader(open(path, encoding='utf-8')))
    head, col = rows[0], {h: i for i, h in enumerate(rows[0])}
    codes = {r[0] for r in RULES}
    body = [r for r in rows[1:] if r[col['code']] not in codes]
    out, i = [], 0
    while i < len(body):
        j = i + 1
        while j < len(body) and body[j][col['proc']] == body[i][col['proc']] \
                and body[j][col['cond']] == body[i][col['cond']]:
            j += 1
        out += body[i:j]
        op = body[i][col['code']]
        if op in ops:
            for rule in RULES:
                if not follows(ops[op][0], rule):
                    continue
                whole, frac = int(ratio[rule[0]]), ratio[rule[0]] - int(ratio[rule[0]])
                for count, share in ((whole, 1), (1, frac)) if whole else ((1, frac),):
                    if count < 1 or share < 0.0005:
                        continue
                    row = [''] * len(head)
                    row[col['cond']], row[col['group']] = body[i][col['cond']], body[i][col['group']]
                    row[col['proc']], row[col['code']] = body[i][col['proc']], rule[0]
                    row[col['day_from']] = body[i][col['day_from']]
                    row[col['count']] = str(count)
                    row[col['share']] = '%.3f' % share if share < 1 else ''
                    row[col['source']] = (
                        '%s with the operation: share %.3f = NDB Open Data 第9回 (FY2022) 入院 算定回数 '
                        'of the 加算 over those of every operation of its rule '
                        '(tools/masters/surgery_addons.py: the rule by name, UNVERIFIED)' % (rule[1], ratio[rule[0]]))
                    out.append(row)
        i = j
    w = csv.writer(open(path, 'w', encoding='utf-8', newline=''), lineterminator='\n')
    w.writerow(head)
    w.writerows(out)


if __name__ == '__main__':
    main()
