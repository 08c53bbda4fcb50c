#!/usr/bin/env python3
"""Revision-mode alignment against the operative numbering a draft and its adopted resolution share (a proxy gold): run from the repository root after `cargo build --release`."""
import json,subprocess,re
pairs=[("A/79/L.31","A/RES/79/134"),("A/80/L.14","A/RES/80/108"),("A/80/L.18","A/RES/80/112"),("A/80/L.23","A/RES/80/113"),("A/80/L.26","A/RES/80/116"),("A/80/L.41","A/RES/80/173"),("A/80/L.21","A/RES/80/174"),("A/79/L.104","A/RES/79/319")]
num=re.compile(r'^(\d{1,3})\.\s')
tot_links=0; right=0; numbered_left=0; found=0
for a,b in pairs:
    p=subprocess.run(['./target/release/dossier','align',a,b,'../shared/un-documents','--json'],capture_output=True,text=True)
    if p.returncode: print(a,b,p.stderr[:200]); continue
    v=json.loads(p.stdout)
    # gold proxy: operative paragraph n of the draft pairs with operative paragraph n of the resolution, when both have n once
    def nums(side):
        c={}
        for q in v['pairs']:
            s=q[side]
            if s:
                m=num.match(s['text'])
                if m: c[m.group(1)]=c.get(m.group(1),0)+1
        return c
    L=nums('left'); R=nums('right')
    uniq={n for n in L if L[n]==1 and R.get(n)==1}
    for q in v['pairs']:
        if q['left'] and q['right']:
            ml=num.match(q['left']['text']); mr=num.match(q['right']['text'])
            if ml and ml.group(1) in uniq:
                tot_links+=1
                if mr and mr.group(1)==ml.group(1): right+=1
    numbered_left+=len(uniq)
print('numbered paragraphs present once on both sides:',numbered_left,'linked to the same number:',right,'of links from them:',tot_links)
