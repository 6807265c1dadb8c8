#!/usr/bin/env python3
"""Builds the project's code masters (masters/*.csv, UTF-8, header = NDB column names) from the
payment fund's (SSK) official master files, keeping the rows of every code the project's data
uses: the clinical catalogue (masters/clinical/), the fee tables (masters/fees/) and the model
parameters (specs/model/). Points and prices come from the official files, never typed in.

The columns and their positions are read from specs/official_masters.yaml, the same layout
`hicgen --official-masters` reads, so that the project's masters and the official files give the
same master tables.

  tools/masters/build.py [--official DIR] [--ssk2024 DIR]

--official: the FY2022 official masters (default ../shared/official-masters; see its
            PROVENANCE.md): b_ 傷病名, z_ 修飾語, s_ 医科診療行為, y_ 医薬品 (+ the FY2022 price list
            joined to receipt codes), t_ 特定器材, c_ コメント.
--ssk2024:  the 2024-revision 調剤行為 (m20250307.csv) and 歯科診療行為 (h_20251201.csv) masters,
            from github horirinn2000/medical_master (csv/medication, csv/dental_practice) at
            commit b49b60a3e99e3d9c2ff173d338ddd0d7da233578: no FY2022 edition of these could be
            obtained; their 旧点数 field (the points before the 2024 revision = FY2022) replaces
            the current points, as the SSK specification defines 旧点数.
Python 3 standard library only."""
import argparse, csv, glob, io, json, os, re, sys, zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def read_layouts(path):
    """The official_masters entries: {name: {files, letter, key, scale100, numbers, overlay, columns}}.
    A reader for this file's regular shape (flow mappings may wrap over lines)."""
    text = open(path, encoding='utf-8').read()
    body = text.split('\nofficial_masters:\n', 1)[1]
    entries, cur, buf = {}, None, ''
    for line in body.split('\n'):
        if line.strip().startswith('#') or not line.strip():
            continue
        m = re.match(r'^  ([a-z_0-9]+):\s*$', line)
        if m:
            cur = entries.setdefault(m.group(1), {'_lines': []})
            continue
        cur['_lines'].append(line)
    out = {}
    for name, e in entries.items():
        # join wrapped flow collections
        joined, depth, acc = [], 0, ''
        for l in e['_lines']:
            acc = (acc + ' ' + l.strip()) if acc else l
            depth += l.count('{') + l.count('[') - l.count('}') - l.count(']')
            if depth <= 0:
                joined.append(acc)
                acc, depth = '', 0
        d = {}
        for l in joined:
            m = re.match(r'^    ([a-z_0-9]+):\s*(.*)$', l)
            if not m:
                continue
            k, v = m.group(1), m.group(2).strip()
            d[k] = v
        cols = {}
        for k, v in re.findall(r'([a-z_0-9]+):\s*(\d+)', d.get('columns', '')):
            cols[k] = int(v)
        ov = None
        if 'overlay' in d or any(l.strip().startswith('overlay:') for l in joined):
            # overlay is a block mapping on the following lines
            block = [l for l in e['_lines'] if l.startswith('      ')]
            ovd = {}
            for l in block:
                m = re.match(r'^\s+([a-z_]+):\s*(.*)$', l)
                if m:
                    ovd[m.group(1)] = m.group(2).strip()
            if ovd:
                ov = {'files': json.loads(ovd['files']), 'key': ovd['key'],
                      'columns': dict(re.findall(r'([a-z_0-9]+):\s*([^,}]+)', ovd['columns']))}
                if 'per_unit' in ovd:
                    ov['per_unit'] = dict(re.findall(r'([a-z_]+):\s*([^,}]+)', ovd['per_unit']))
        out[name] = {'files': json.loads(d['files']), 'letter': d['letter'], 'key': d['key'],
                     'scale100': re.findall(r'[a-z_0-9]+', d.get('scale100', '')),
                     'numbers': re.findall(r'[a-z_0-9]+', d.get('numbers', '')),
                     'overlay': ov, 'columns': cols, 'table': d.get('table')}
    return out


def find(dirs, patterns):
    """The first file below dirs that the first matching pattern names (as hicgen does)."""
    import fnmatch
    files = []
    for d in dirs:
        for root, _, names in os.walk(d):
            for n in names:
                if n.lower().endswith(('.csv', '.txt', '.zip')):
                    files.append((os.path.relpath(os.path.join(root, n), d), os.path.join(root, n)))
    files.sort()
    for p in patterns:
        for rel, full in files:
            if fnmatch.fnmatchcase(os.path.basename(rel), p):
                return full
    return None


def official_rows(path):
    if path.lower().endswith('.zip'):
        z = zipfile.ZipFile(path)
        member = [n for n in z.namelist() if n.lower().endswith(('.csv', '.txt'))][0]
        data = z.read(member).decode('cp932')
    else:
        data = open(path, 'rb').read().decode('cp932')
    return list(csv.reader(io.StringIO(data)))


def load_master(lay, name, dirs):
    e = lay[name]
    path = find(dirs, e['files'])
    if not path:
        sys.exit('no official %s master found (patterns %s)' % (name, e['files']))
    cols = list(e['columns'].items())
    rows = []
    for rec in official_rows(path):
        if len(rec) < 2 or rec[1] != e['letter']:
            continue
        row = {c: (rec[f - 1] if f - 1 < len(rec) else '') for c, f in cols}
        for c in e['scale100']:
            if row.get(c):
                v = int(row[c])
                row[c] = '%s%d.%02d' % ('-' if v < 0 else '', abs(v) // 100, abs(v) % 100)
        for c in e.get('numbers', []):
            v = row.get(c, '')
            if re.fullmatch(r'-?[0-9]+(\.[0-9]+)?', v):  # zero-padded in the file: "09" is 9
                neg, body = v.startswith('-'), v.lstrip('-')
                ip, _, fp = body.partition('.')
                ip = ip.lstrip('0') or '0'
                row[c] = ('-' if neg else '') + ip + ('.' + fp if fp else '')
        rows.append(row)
    if e['overlay']:
        ovp = find(dirs, e['overlay']['files'])
        if ovp:
            key = e['overlay']['key']
            first = {}
            for r in csv.DictReader(open(ovp, encoding='utf-8')):
                first.setdefault(r[key], r)
            for row in rows:
                o = first.get(row[e['key']])
                if o:
                    for to, frm in e['overlay']['columns'].items():
                        v = o.get(frm.strip())
                        if v:
                            # the price file carries binary-float noise (24.599999999999998)
                            if re.fullmatch(r'-?[0-9]+\.[0-9]{3,}', v):
                                v = '%.2f' % float(v)
                            row[to] = v
                    pu = e['overlay'].get('per_unit')
                    if pu and o.get(pu['pack'].strip()) and o.get(e['overlay']['columns'][pu['column']].strip()):
                        row[pu['column']] = per_unit_price(row[pu['column']], o[pu['pack'].strip()],
                                                           row[pu['unit'].strip()])
    return [c for c, _ in cols], rows, path


def per_unit_price(price, pack, unit):
    """The MHLW price list prices a pack (規格 １０ｍＬ, １０ｇ) where the receipt code counts one
    unit of it (単位 ｍＬ, ｇ: enteral nutrients, zinc oxide ointment, white petrolatum): the price
    of one unit is the pack's over its count (as src/spec/official.c does)."""
    m = re.match(r'([0-9.０-９．]+)', pack)
    if not m or pack[m.end():] != unit or not unit:
        return price
    count = float(m.group(1).translate(str.maketrans('０１２３４５６７８９．', '0123456789.')))
    if count <= 0 or count == 1:
        return price
    return ('%.3f' % (float(price) / count)).rstrip('0').rstrip('.')


def used_codes():
    """Every code-like value in the project's data files, by length."""
    codes = set()
    files = glob.glob(os.path.join(ROOT, 'masters', '**', '*.csv'), recursive=True)
    files += glob.glob(os.path.join(ROOT, 'specs', 'model', '*.yaml'))
    built = {os.path.join(ROOT, 'masters', n) for n in
             ('skwd.csv', 'mddf.csv', 'prac_act.csv', 'medicine.csv', 'spcfc_dev.csv', 'cmt.csv',
              'pharmacy/dspng_act.csv', 'dental/den_base.csv')}
    for f in files:
        if f in built:
            continue
        for tok in re.findall(r'(?<![0-9A-Za-z])([0-9]{7}|[0-9]{9})(?![0-9A-Za-z])', open(f, encoding='utf-8').read()):
            codes.add(tok)
    return codes


def fy2022_only_dental(header, present, ndb_rows):
    """Rows for the dental codes the model uses that the 2024 歯科診療行為 master no longer has
    (codes split or ended at the 2024-06 revision, e.g. 313013810 レジン前装金属冠 (前歯)). No
    FY2022 dental master was obtainable, so they are built from NDB Open Data 第9回 (FY2022):
    code, name and FY2022 点数; the other columns hold their neutral values, and the end date
    (abo_ymd) is the eve of the 2024 revision."""
    used = set()
    for f in glob.glob(os.path.join(ROOT, 'masters', 'dental', '*.csv')) + \
            [os.path.join(ROOT, 'specs', 'model', 'dental.yaml')]:
        if f.endswith('den_base.csv'):
            continue
        used |= set(re.findall(r'(?<![0-9])(3[0-9]{8})(?![0-9])', open(f, encoding='utf-8').read()))
    out = []
    for r in ndb_rows:
        c = r['code']
        if c not in used or c in present or not r['points']:
            continue
        present.add(c)
        row = {h: '0' for h in header}
        row.update({'chg_div': '0', 'mst_cls': 'H', 'prac_act_cd': c, 'notif_no_div': r['chapter'],
                    'notif_no_div_no': '000', 'notif_no_brnc_no': '00', 'add_cd': '00000',
                    'pan_std_name': r['name'], 'pan_ryk_name': r['name'][:32],
                    'nns_score_ident': '3', 'nns_score': '%.2f' % float(r['points']),
                    'os_score_ident': '3', 'os_old_score': '%.2f' % float(r['points']),
                    'chg_ymd': '20220401', 'abo_ymd': '20240531'})
        for h in ('cra_grp', 'ba_grp', 'na_grp', 'mca_grp'):
            if h in row:
                row[h] = '0000'
        print('  den_base %s: FY2022 code absent from the 2024 master, from NDB Open Data' % c)
        out.append(row)
    return out


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([r[c] for c in header])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--official', default=os.path.join(ROOT, '..', 'shared', 'official-masters'))
    ap.add_argument('--ssk2024', default=None)
    a = ap.parse_args()
    lay = read_layouts(os.path.join(ROOT, 'specs', 'official_masters.yaml'))
    codes = used_codes()
    dirs = [a.official]
    out = {'skwd': 'skwd.csv', 'mddf': 'mddf.csv', 'prac_act': 'prac_act.csv',
           'medicine': 'medicine.csv', 'spcfc_dev': 'spcfc_dev.csv'}
    for name, fname in out.items():
        header, rows, src = load_master(lay, name, dirs)
        key = lay[name]['key']
        keep = rows if name == 'mddf' else [r for r in rows if r[key] in codes]
        seen = set()
        keep = [r for r in keep if not (r[key] in seen or seen.add(r[key]))]
        keep.sort(key=lambda r: r[key])
        write(os.path.join(ROOT, 'masters', fname), header, keep)
        print('%-10s %6d of %6d rows  (%s)' % (name, len(keep), len(rows), os.path.relpath(src, a.official)))
    if a.ssk2024:
        ndb_dental = {}
        nd = os.path.join(ROOT, 'tools', 'masters', 'ndb9_dental_acts.csv')
        ndb_dental_rows = []
        if os.path.exists(nd):
            ndb_dental_rows = list(csv.DictReader(open(nd, encoding='utf-8')))
            ndb_dental = {r['code']: r['points'] for r in ndb_dental_rows if r['points']}
        for name, fname, score, old in (('dspng_act', 'pharmacy/dspng_act.csv', 'sc_new_now_score', 'os_old_score'),
                                        ('den_base', 'dental/den_base.csv', 'nns_score', 'os_old_score')):
            header, rows, src = load_master(lay, name, [a.ssk2024])
            key = lay[name]['key']
            keep, seen = [], set()
            for r in rows:
                if r[key] in codes and r[key] not in seen:
                    seen.add(r[key])
                    if r.get(old) not in (None, '', '0', '0.00'):
                        r[score] = r[old]  # FY2022 points: 旧点数 of the 2024 edition
                    if name == 'den_base' and r[key] in ndb_dental and \
                            r.get('pan_ryk_name', '').startswith('（材）'):
                        # metals are repriced within a year (金パラ quarterly): 旧点数 is the
                        # price before the 2025 change, not FY2022's; take NDB Open Data's
                        # FY2022 点数 (the year's last price)
                        p = '%.2f' % float(ndb_dental[r[key]])
                        if p != r[score]:
                            print('  den_base %s: %s -> %s (NDB Open Data FY2022)' % (r[key], r[score], p))
                            r[score] = p
                    keep.append(r)
            if name == 'den_base':
                keep += fy2022_only_dental(header, seen, ndb_dental_rows)
            keep.sort(key=lambda r: r[key])
            write(os.path.join(ROOT, 'masters', fname), header, keep)
            print('%-10s %6d of %6d rows  (%s)' % (name, len(keep), len(rows), os.path.basename(src)))


if __name__ == '__main__':
    main()
