import zipfile,re,xml.etree.ElementTree as ET
M='{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R='{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
def colidx(c):
    n=0
    for ch in c: n=n*26+ord(ch)-64
    return n-1
def sheets(path):
    z=zipfile.ZipFile(path)
    ss=[]
    if 'xl/sharedStrings.xml' in z.namelist():
        for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall(M+'si'):
            ss.append(''.join(t.text or '' for t in si.iter(M+'t')))
    rels={r.get('Id'):r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    wb=ET.fromstring(z.read('xl/workbook.xml'))
    out=[]
    for s in wb.find(M+'sheets'):
        t=rels[s.get(R+'id')]; t=t.lstrip('/'); t=t if t.startswith('xl/') else 'xl/'+t
        out.append((s.get('name'),t))
    return z,ss,out
def grid(path,sheetname,maxrows=None):
    z,ss,sh=sheets(path)
    t=dict(sh)[sheetname]
    g=[]
    for _,el in ET.iterparse(z.open(t)):
        if el.tag!=M+'row': continue
        vals={}
        for c in el.findall(M+'c'):
            j=colidx(re.match(r'[A-Z]+',c.get('r')).group())
            v=c.find(M+'v'); ty=c.get('t')
            if v is None:
                isel=c.find(M+'is')
                val=''.join(x.text or '' for x in isel.iter(M+'t')) if isel is not None else ''
            else: val=ss[int(v.text)] if ty=='s' else v.text
            vals[j]=val
        r=int(el.get('r'))-1
        while len(g)<r: g.append([])
        line=['']*(max(vals)+1 if vals else 0)
        for j,v in vals.items(): line[j]=v
        g.append(line); el.clear()
        if maxrows and len(g)>=maxrows: break
    return g
def ndb9_xlsx(mirror,cache,fid):
    """The path of NDB Open Data 第9回's download/09/<fid>.xlsx, copied out of a git mirror of
    code4fukui/ndb-opendata into the cache directory once."""
    import os,subprocess
    os.makedirs(cache,exist_ok=True)
    p=os.path.join(cache,fid+'.xlsx')
    if not os.path.exists(p):
        blob=subprocess.run(['git','-C',mirror,'show','HEAD:download/09/%s.xlsx'%fid],check=True,capture_output=True).stdout
        with open(p,'wb') as f: f.write(blob)
    return p
def ndb9_counts(mirror,cache,fid,sheet,code_col,count_col):
    """{code: count} of a sheet of NDB Open Data 第9回's download/09/<fid>.xlsx: the 9-digit
    codes of column code_col (0-based) with the number in count_col; masked cells ('-', fewer
    than 10) are left out."""
    out={}
    for r in grid(ndb9_xlsx(mirror,cache,fid),sheet)[4:]:
        if len(r)>count_col and r[code_col]:
            try: out[r[code_col]]=float(r[count_col])
            except ValueError: pass
    return out
