#!/usr/bin/env python3
"""特定保険医療材料 that follow an act (masters/med/materials.csv): for each rule below, the
materials of the T master whose 基本名称 matches, billed with the acts the model bills
(`bill`), at a mean count per act = the material's national quantity over the national count
of every act that uses it (`denom`: the acts of the rule, modelled or not).

Sources (FY2022, claims 2022-04 .. 2023-03, 入院):
  NDB Open Data 第9回 特定保険医療材料 性年齢別数量 (001258723.xlsx, sheet 入院),
  NDB Open Data 第9回 K 手術 算定回数 (001258346.xlsx) and J 処置 (001258341.xlsx), sheet 入院,
  read from a git mirror of code4fukui/ndb-opendata (download/09/);
  T 特定器材マスター 2022-06-30 (../shared/official-masters/t_tokutei_kizai, PROVENANCE.md).
A count per act is a national average over every patient: the per-patient mix of devices (one
stent or three) is not public; the draw is floor(mean) plus one with the fraction's
probability. Which acts a material serves is clinical knowledge (UNVERIFIED), stated per rule.

    python3 tools/masters/materials.py --mirror DIR [--cache DIR] [--official DIR]
writes masters/med/materials.csv; run tools/masters/build.py after it (the T master keeps the
codes used)."""
import argparse, csv, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..')
sys.path.insert(0, HERE)
from xlsx_min import grid, ndb9_xlsx

PCI_STENT = ['150375210', '150375310', '150375410']
PCI_BALLOON = ['150374910', '150375010', '150375110']
PCI = PCI_STENT + PCI_BALLOON
ABLATION = ['150346710', '150262810']
FUSION = ['150282510', '150282610', '150314610', '150314710', '150314810']
HD = ['140007710', '140057810', '140057910', '140058010', '140058110', '140058210', '140058310',
      '140058410', '140058510', '140058610']  # J038 人工腎臓, every form
HD_BILLED = ['140007710', '140057810', '140057910', '140058010']
# the acts that fix bones with plates and screws: K046 骨折観血的手術 (every site), K073 関節内骨折
# 観血的手術, K046-2 インプラント周囲骨折, 骨盤・寛骨臼骨折, K054 骨切り術
OSTEOSYNTHESIS = ['150019010', '150019110', '150019210', '150019310', '150019410', '150019510',
                  '150019610', '150019710', '150019810', '150261110', '150289210', '150294810',
                  '150042610', '150042710', '150042810', '150043010', '150043110', '150043210',
                  '150043310', '150043410', '150352110', '150352210', '150352310', '150352410',
                  '150060910', '150384510', '150027510', '150027610', '150027710', '150027810',
                  '150027910', '150028010', '150028110', '150028210', '150028310', '150261510',
                  '150289710']
ORIF_LIMB = ['150019110', '150019310', '150019410']  # 上腕, 前腕, 下腿: the model's
NEURO_EV = ['150254910', '150344410', '150355410']  # K178 脳血管内手術 1箇所, 2箇所以上, ステント
EMBOLISATION = ['150360610', '150360710', '150376810']  # K615 血管塞栓術 止血, その他, 化学塞栓
# (rule, regex on the T master's 基本名称 (col 37) or name, acts whose national count is the
# denominator, acts the model bills it with, why[, options]): options 'sheets', the NDB sheets
# counted (入院 by default; 外来 too for a device of outpatient acts), and 'alt', the rule's
# devices are alternatives (one at most an act: their counts a share of the acts, scaled down
# to add up to 1 where they exceed it)
RULES = [
    ('coronary stent', r'冠動脈用ステントセット', PCI_STENT, PCI_STENT,
     'stents: K549 経皮的冠動脈ステント留置術 only'),
    ('PTCA balloon', r'^心臓手術用カテーテル・経皮的冠動脈形成術用カテーテル', PCI, PCI,
     'balloon catheters: every K546/K549 PCI (pre- and post-dilatation)'),
    ('PTCA guide wire', r'^経皮的冠動脈形成術用カテーテル用ガイドワイヤー', PCI, PCI,
     'guide wires of PCI'),
    ('guiding catheter', r'ガイディングカテーテル・冠動脈用', PCI, PCI, 'coronary guiding catheters'),
    ('IVUS/OCT', r'血管内超音波プローブ|血管内光断層撮影用カテーテル', PCI + ['150153810'], PCI,
     'intravascular imaging of PCI (also of EVT, in the denominator)'),
    ('CTO catheter', r'冠動脈狭窄部貫通用カテーテル', PCI, PCI, 'microcatheters of PCI'),
    ('ablation catheter', r'経皮的カテーテル心筋焼灼術用カテーテル', ABLATION, ABLATION,
     'K595 経皮的カテーテル心筋焼灼術'),
    ('EP electrodes', r'^体外式ペースメーカー用カテーテル電極・(再製造・)?(心臓電気生理学的検査機能付加型|冠状静脈洞型|房室弁輪部型)', ABLATION, ABLATION,
     'diagnostic electrodes of the ablation (mapping)'),
    ('ICE', r'心腔内超音波プローブ', ABLATION, ABLATION, 'intracardiac echo of the ablation'),
    ('septal needle', r'心房中隔穿刺針', ['150346710'], ['150346710'],
     'K595 1 (心房中隔穿刺を伴うもの)'),
    ('hip cup', r'^人工股関節用材料・骨盤側材料', ['150050410'], ['150050410'],
     'acetabular parts: total hip (K082 1) only'),
    ('hip bipolar', r'^人工股関節用材料・大腿骨側材料・人工骨頭用', ['150049510'], ['150049510'],
     'bipolar heads: 人工骨頭挿入術 (K081 1)'),
    ('hip stem', r'^人工股関節用材料・大腿骨側材料・(?!人工骨頭用)', ['150050410', '150049510'],
     ['150050410', '150049510'], 'femoral stems, heads, necks: total hip and hemiarthroplasty'),
    ('knee', r'^人工膝関節用材料', ['150050510'], ['150050510'], 'K082 1 人工関節置換術 (膝)'),
    ('femoral nail', r'^髄内釘・(横止めスクリュー・)?大腿骨頸部型', ['150019210'], ['150019210'],
     'trochanteric nails (γ-nail type) of 骨折観血的手術 (大腿)'),
    ('neck screw', r'大腿骨頸部用$', ['150019210'], ['150019210'], 'femoral neck screws'),
    ('fracture plate', r'^固定用内副子（プレート）・(骨端用|ストレート)プレート', OSTEOSYNTHESIS, ORIF_LIMB,
     'periarticular and straight plates of osteosynthesis'),
    ('fracture screw', r'^固定用内副子（スクリュー）・一般スクリュー', OSTEOSYNTHESIS, ORIF_LIMB,
     'cortical and cancellous screws of osteosynthesis'),
    ('long-bone nail', r'^髄内釘・(横止めスクリュー・)?標準型', ['150019110', '150019210', '150019410'],
     ['150019110', '150019410'], 'intramedullary nails and their locking screws (humerus, femur, tibia)'),
    ('spine fixation', r'^脊椎固定用材料', FUSION, ['150282610', '150314610'],
     'screws, rods, connectors of K142 脊椎固定術'),
    ('interbody', r'^人工骨・専用型・椎体固定用', ['150314610', '150282510', '150314710'], ['150314610'],
     'interbody cages: 後方椎体固定 (and anterior, in the denominator)'),
    ('laminoplasty spacer', r'^人工骨・専用型・椎弓・棘間用', ['150355110'], ['150355110'],
     'spacers of 椎弓形成'),
    ('TAVI valve', r'^経カテーテル人工生体弁セット', ['150387310', '150387210', '150423850'], ['150387310'],
     'K555-2 経カテーテル弁置換術'),
    ('valve', r'^(生体弁|機械弁)', ['150141410', '150141610', '150141610', '150141710', '150141710',
                                 '150141710', '150399910', '150400010', '150400010', '150141510',
                                 '150244910', '150359510', '150359710', '150359810'],
     ['150141410'], 'prostheses of 弁置換術 (2 and 3 valves count 2 and 3 times)'),
    ('bypass circuit', r'^(人工心肺回路|ディスポーザブル人工肺|遠心式体外循環用血液ポンプ|体外循環用カニューレ)',
     ['150147610'], ['150147610'], 'circuit, oxygenator, pump and cannulae of 人工心肺 (初日)'),
    ('biliary stent', r'^胆道ステントセット', ['150254410'], ['150254410'], 'K688 内視鏡的胆道ステント留置術'),
    ('stone balloon', r'^胆道結石除去用カテーテルセット・(経内視鏡|採石|砕石)',
     ['150175410', '150296710', '150417510', '150174910', '150362510'], ['150175410', '150296710'],
     'stone extraction balloons and baskets of ERCP (乳頭切開, 結石除去)'),
    ('stroke thrombectomy', r'脳血栓除去用', ['150372510'], ['150372510'], 'K178-4 経皮的脳血栓回収術'),
    ('hernia mesh', r'^組織代用人工繊維布・ヘルニア修復', ['150159010', '150263610', '150158410'],
     ['150159010', '150263610'], 'meshes of inguinal (and incisional) hernia repair'),
    ('detachable coil', r'^血管内手術用カテーテル・塞栓用コイル・コイル・(水圧式|電気式|機械式|特殊型)',
     NEURO_EV + EMBOLISATION, ['150254910', '150355410'],
     'detachable coils of aneurysm coiling; the national count is shared with the embolisations '
     '(K615) as if each used as many (UNVERIFIED: coiling uses more, so this is a floor)'),
    ('coil microcatheter', r'^血管造影用マイクロカテーテル・オーバーザワイヤー・デタッチャブルコイル用',
     NEURO_EV + EMBOLISATION, ['150254910', '150355410'], 'the microcatheter that delivers detachable coils'),
    ('coil-assist stent', r'^血管内手術用カテーテル・(塞栓用コイル・コイル留置用ステント|脳血管用ステントセット)',
     ['150355410'], ['150355410'], 'K178 3 脳血管内手術 脳血管内ステントを用いるもの'),
    ('neuro guiding catheter', r'^ガイディングカテーテル・脳血管用', NEURO_EV + ['150372510', '150337110'],
     ['150254910', '150355410', '150372510'], 'guiding catheters of intracranial interventions'),
    ('aneurysm clip', r'^脳動脈瘤手術クリップ', ['150243810', '150243910', '150243610'], ['150243810'],
     'K177 脳動脈瘤頸部クリッピング'),
    ('abdominal stent graft', r'^大動脈用ステントグラフト・腹部', ['150301410', '150301510'], ['150301410'],
     'K561 2 ロ ステントグラフト内挿術 腹部大動脈 (EVAR; 腸骨動脈 shares the count)'),
    ('thoracic stent graft', r'^大動脈用ステントグラフト・(胸部|大動脈解離)', ['150301310'], ['150301310'],
     'K561 2 イ ステントグラフト内挿術 胸部大動脈 (TEVAR)'),
    ('stent graft sheath', r'^(血管造影用シースイントロデューサーセット|血管内手術用カテーテル・ＰＴＡバルーンカテーテル)・大動脈用ステントグラフト用',
     ['150301310', '150301410', '150301510'], ['150301310', '150301410'], 'sheaths and balloons of aortic stent grafting'),
    ('ligament button', r'特殊固定用ボタン', ['150313710', '150290210', '150354110'], ['150313710'],
     'suspensory buttons of ligament reconstruction (K079-2)'),
    ('peripheral stent', r'末梢血管用ステント(セット|グラフト)', ['150153810'], ['150153810'], 'K616 四肢の血管拡張術'),
    ('PTA balloon', r'ＰＴＡバルーンカテーテル・(一般型|再狭窄抑制型|スリッピング防止型|カッティング型)', ['150153810', '150416610', '150416710'], ['150153810', '150416610'],
     'balloons of K616 (and of shunt angioplasty, K616-4)'),
    ('ureteral stent', r'^尿管ステントセット・一般型', ['150303910', '150365010', '150196610', '150194010'],
     ['150365010'], 'ureteral stents left after ureteroscopy (and K783-2 placements)'),
    ('pacemaker', r'^ペースメーカー・(シングル|デュアル)チャンバ(?!.*リード一体型)', ['150140210', '150140410', '150140110'],
     ['150140210'], 'single- and dual-chamber generators: implants and replacements (K597, K597-2)'),
    ('leadless pacemaker', r'^ペースメーカー・.*リード一体型', ['150395350'], ['150395350'],
     'K597 3 リードレスペースメーカー'),
    ('pacing lead', r'^植込式心臓ペースメーカー用リード・リード・経静脈', ['150140210', '150415210'], ['150140210'],
     'transvenous leads of an implant (and of biventricular ones)'),
    ('urinary catheter', r'^膀胱留置用ディスポーザブルカテーテル', ['140013810'], ['140013810'],
     'J063 留置カテーテル設置'),
    ('dialyser', r'^人工腎臓用特定保険医療材料（回路を含む。）・(ダイアライザー|ヘモダイアフィルター)', HD, HD_BILLED,
     'one dialyser or haemodiafilter a session of J038 人工腎臓 (alternatives), 入院 and 外来',
     {'sheets': ('入院', '外来'), 'alt': True}),
]
MATERIALS = '001258723'
ACTS = {'K': '001258346', 'J': '001258341'}


def num(x):
    x = str(x).strip()
    try:
        return float(x)
    except ValueError:
        return 0.0


def material_counts(path, sheet):
    g = grid(path, sheet)
    out = {}
    for r in g[4:]:
        if len(r) > 6 and r[4].strip().startswith('7'):
            out[r[4].strip()] = num(r[6])
    return out


def act_counts(path, sheet):
    g = grid(path, sheet)
    h = next(i for i, l in enumerate(g[:10]) if any(x.replace('\n', '') == '診療行為コード' for x in l))
    hdr = [x.replace('\n', '') for x in g[h]]
    code = hdr.index('診療行為コード')
    tot = next(j for j, x in enumerate(hdr) if x.startswith('総計'))
    return {l[code].strip(): num(l[tot]) for l in g[h + 2:] if len(l) > tot and l[code].strip()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirror', required=True)
    ap.add_argument('--cache', default='/tmp/ndb9-materials')
    ap.add_argument('--official', default=os.path.join(ROOT, '..', 'shared', 'official-masters'))
    a = ap.parse_args()
    qty, acts = {}, {}
    for sheet in ('入院', '外来'):
        qty[sheet] = material_counts(ndb9_xlsx(a.mirror, a.cache, MATERIALS), sheet)
        acts[sheet] = {}
        for fid in ACTS.values():
            acts[sheet].update(act_counts(ndb9_xlsx(a.mirror, a.cache, fid), sheet))
    tpath = os.path.join(a.official, 't_tokutei_kizai', 't_ALL20220630.csv')
    tm = [r for r in csv.reader(open(tpath, encoding='cp932')) if len(r) > 36 and r[1] == 'T']
    model = set()
    for f in ('med/stay_procedures.csv', 'med/inpatient_acts.csv', 'med/background_acts.csv',
              'clinical/condition_tests.csv'):
        model |= set(re.findall(r'(?<![0-9])(1[0-9]{8})(?![0-9])',
                                open(os.path.join(ROOT, 'masters', f), encoding='utf-8').read()))
    rows, taken = [], {}
    for rule, rx, denom, bill, why, *opt in RULES:
        opt = opt[0] if opt else {}
        sheets = opt.get('sheets', ('入院',))
        n = sum(acts[sh].get(c, 0) for sh in sheets for c in denom)
        if n <= 0:
            sys.exit('rule %s: no national count for %s' % (rule, denom))
        missing = [c for c in bill if c not in model]
        if missing:
            print('rule %s: %s not billed by the model (left out)' % (rule, ' '.join(missing)))
        bill = [c for c in bill if c in model]
        if not bill:
            sys.exit('rule %s: none of its acts is billed by the model' % rule)
        hits = [r for r in tm if re.search(rx, r[36] or r[4])]
        if not hits:
            sys.exit('rule %s: no material matches %s' % (rule, rx))
        found = []
        for r in hits:
            code = r[2]
            if code in taken:
                sys.exit('%s matched by rules %s and %s' % (code, taken[code], rule))
            taken[code] = rule
            q = sum(qty[sh].get(code, 0) for sh in sheets)
            if q > 0 and q / n >= 0.0005:
                found.append((r, q))
        total = sum(q for _, q in found) / n
        scale = 1 / total if opt.get('alt') and total > 1 else 1
        if scale < 1:
            print('rule %s: %.3f devices an act, scaled to 1 (alternatives)' % (rule, total))
        for r, q in found:
            for c in bill:
                rows.append([c, r[2], '%.4f' % (q / n * scale), rule.replace(' ', '_') if opt.get('alt') else '',
                             '%s: %s; NDB Open Data 第9回 %s FY2022 数量 %s over %s acts (the '
                             'national count of the rule\'s acts, tools/masters/materials.py)%s; %s' %
                             (rule, r[36] or r[4], '+'.join(sheets), '%g' % q, '%d' % n,
                              ', scaled by %.3f so that one at most comes an act' % scale if scale < 1 else '',
                              why)])
    out = os.path.join(ROOT, 'masters', 'med', 'materials.csv')
    with open(out, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['act', 'material', 'per_act', 'alt', 'source'])
        w.writerows(sorted(rows, key=lambda x: (x[0], x[1])))
    print(len(rows), 'rows ->', os.path.relpath(out, ROOT))


if __name__ == '__main__':
    main()
