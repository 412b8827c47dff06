#!/usr/bin/env python3
"""Ordinary handles with l and I in them, for the reading of a capital I as l inside a longer handle
(docs/accuracy.md, "Capital I and l inside a longer handle"): first names, places and everyday words
with an l or an I (Lola, Bello, Ali, Lil, Ilorin, Ibadan, Ikeja, Illinois, Ife, Isa …), written in
lowercase, with capitals (IfeOla, BelloIsa), in capitals (ILLINOIS), and with words added before or
after them, run together or with a separator; each an X profile named "Qwerty Zxcv". They are matched
against 64 protected handles with a capital I (3 to 14 letters: @Ife, @IBM, @Isa, @Ikeja, @Iyabo,
@Ilorin, @LindaIkeji, @IbrahimaDiallo …) and 17 with a lowercase l that a profile's capital I would read
as (@AlikoDangote, @Lola, @Bello, @Olamide …); also words ending in l run into the rest of a protected
handle that begins with I (wellmade, kellyabo: the glyph keys of @Imade and @Iyabo inside). Writes OUT/protected.json and OUT/profiles.jsonl
(default target/redteam-il), a set for scripts/verdict-diff.py. Usage:

    python3 scripts/redteam-il.py [OUT]
    python3 scripts/verdict-diff.py OLD_VIPGUARD NEW_VIPGUARD target/redteam-il
"""
import json
import pathlib
import random
import sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/redteam-il")
out.mkdir(parents=True, exist_ok=True)

# Protected handles with a capital I: short ones, first names that begin with I, names with an I after
# another word, all-capital brands.
WITH_I = """Ife IBM Isa Ike Iya IKEA Itel Ikeja Iyabo Idris Isaac Imade Itunu Iyanu Ilori Ibadan
Ilorin Ikenna Ijeoma Ifeoma Ikoyi Iyanya Intel Infinix Indomie IrokoTV Ibukun Ikechukwu IfeomaK
IfeOla IkeOla AdaIbe OlaIya LindaIkeji IbrahimaDiallo IbrahimTraore IdrisElba IyaboOjo IkeOkonkwo
IsaBello IsaacAli LilIfe BelloIsa AliIsa KemiIlori TundeIdiagbon OsasIghodaro IgweOkafor ChiIke
NnamdiIkenna ObiIfe IkejaMall IbadanCity IlorinTV ISLAND ILESA IJEBU UNILAG UNIBEN INEC NIPOST
IKEJAELECTRIC AIRTEL""".split()
# Protected handles with a lowercase l, which a profile's capital I reads as (the other way round).
WITH_L = """AlikoDangote Lola Bello Olamide lolade Lilkesh Wale Lagos Bella Ali Leke LolaBello
Lekki AliBello Illinois Collins Ola""".split()
accounts = []
for i, h in enumerate(WITH_I + WITH_L):
    accounts.append({"id": f"il{i:02d}", "name": f"Protected {i}", "handles": [{"platform": "x", "handle": h}]})
json.dump({"accounts": accounts}, open(out / "protected.json", "w"), indent=1)

NAMES = """lola bello ali lil ilorin ibadan ikeja illinois ife isa ike iya ola ibrahim idris isaac
imade itunu iyabo ilori ikenna ijeoma ifeoma ikoyi bola lami lanre lekan leke lade layo lara lilian
lillian linda lisa liz lucy luke lawal lamidi alli alimi olu olumide lolu wale bayo dele femi kola
segun tolu yemi kemi ladi lilo lolo lulu bellu bella ella elle ellis collins lil_kesh island ilaje
ilesa ilesha iseyin ijebu ife_ola ike_ola olaiya ibe idi ilo ima ina ini ino""".split()
WORDS = """blog news shop store tv fc music media gist foods kitchen hair beauty wears lagos abuja
official king queen boy girl baby life love live land lake hill mall city line link lens labs look
ideas icon ink inn info ice idol image impact island iron items""".split()


def styles(w):
    """A word as people write it in a handle: lowercase, capitalised, in capitals."""
    parts = w.split("_")
    return {w, "".join(p.capitalize() for p in parts), w.upper(), "_".join(p.capitalize() for p in parts)}


rng = random.Random(20)
handles = set()
for n in NAMES:
    for w in rng.sample(WORDS, 8):
        for a in styles(n):
            for b in styles(w):
                handles.update([a + b, f"{a}_{b}", b + a, f"{b}_{a}"])
    # Two names together, as people write theirs (IfeOla, BelloIsa, lola_bello).
    for m in rng.sample(NAMES, 6):
        for a, b in [(n.capitalize(), m.capitalize()), (n, m)]:
            handles.update([a + b, f"{a}_{b}", f"{a}.{b}"])
# Words that end in l before the rest of a protected handle that begins with I (wellmade, kellyabo,
# sallyanu): the protected glyph key (lmade, lyabo, lyanu) inside an ordinary word.
for h in WITH_I:
    if h[0] == "I" and len(h) >= 5:
        for pre in ["wel", "al", "bel", "kel", "sal", "bil", "del", "nel", "tel", "lil"]:
            word = pre + "l" + h[1:].lower()
            for w in rng.sample(WORDS, 3):
                handles.update([word, f"{word}_{w}", word + w, f"{w}_{word}", word.capitalize()])
handles = sorted(h[:15] for h in handles)
with (out / "profiles.jsonl").open("w") as f:
    for i, h in enumerate(sorted(set(handles))):
        row = {"id": f"l{i:05d}", "platform": "x", "handle": h, "name": "Qwerty Zxcv"}
        f.write(json.dumps(row) + "\n")
print(f"wrote {len(set(handles))} profiles and {len(accounts)} accounts to {out}")
