#!/usr/bin/env python3
"""Ordinary handles with digits in them, for the reading of a handle's digits as letters inside a longer
handle (docs/accuracy.md, "Digits for letters inside a longer handle"): first names and shop or
everyday words given years, numbers, 4 for "for", 2 for "to", 24_7, top10, no1, 5star and the like
(name+year, shop+number, words+digits), each an X profile named "Qwerty Zxcv", against the 45 accounts
of bench/name-numbers/protected.json and 35 more brands and people (80 handles of 4 to 14 letters); a second round (digits2) adds
words ending in a digit (mimi4, kofi4real, ayo2) and pairs of digits (sam35, lagos247, name+35+word).
Writes OUT/protected.json and OUT/profiles.jsonl (default target/redteam-digits), a set for
scripts/verdict-diff.py. Usage:

    python3 scripts/redteam-digits.py [OUT]
    python3 scripts/verdict-diff.py OLD_VIPGUARD NEW_VIPGUARD target/redteam-digits
"""
import json
import pathlib
import random
import sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/redteam-digits")
out.mkdir(parents=True, exist_ok=True)
accounts = json.load(open("bench/name-numbers/protected.json"))["accounts"]
MORE = [
    ("MetaMask", "MetaMask", True), ("Binance", "binance", True), ("OpenSea", "opensea", True),
    ("Coinbase", "coinbase", True), ("Paystack", "paystack", True), ("Flutterwave", "flutterwave", True),
    ("MTN Nigeria", "MTNNG", True), ("GTBank", "gtbank", True), ("Zenith Bank", "zenithbank", True),
    ("Access Bank", "myaccessbank", True), ("Dangote", "dangote", True), ("Jumia", "jumia", True),
    ("Konga", "konga", True), ("OPay", "opay", True), ("PalmPay", "palmpay", True), ("Kuda", "kuda", True),
    ("PiggyVest", "piggyvest", True), ("Arise News", "arisetv", True), ("iStore", "istore", True),
    ("DFINITY", "dfinity", True), ("Safaricom", "safaricom", True), ("Tecno", "tecno", True),
    ("Burna Boy", "burnaboy", False), ("Rema", "rema", False), ("Ayra Starr", "ayrastarr", False),
    ("Asake", "asake", False), ("Teni", "teniola", False), ("Sarkodie", "sarkodie", False),
    ("Stonebwoy", "stonebwoy", False), ("Aya Nakamura", "ayanakamura", False),
    # Second round: handles a name and one letter long (idris + s), and ending in a, e, s, t, o.
    ("Tesla", "Tesla", True), ("Adele", "Adele", False), ("Idriss Deby", "Idriss", False),
    ("Nikes", "nikes", True), ("Simisola", "simisola", False),
]
for i, (name, handle, brand) in enumerate(MORE):
    acc = {"id": f"m{i:02d}", "name": name, "handles": [{"platform": "x", "handle": handle}]}
    if brand:
        acc["kind"] = "brand"
    accounts.append(acc)
json.dump({"accounts": accounts}, open(out / "protected.json", "w"), indent=1)

NAMES = """ada aisha amina bello bimpe bisi blessing bola chidi chinedu chioma dami daniel dapo dayo
didi emeka faith fatima femi funmi gbenga grace halima ibrahim idris ifeanyi ikenna james jide john
joy kelechi kemi kiki king kola kunle ladi lami linda lola mary michael mide musa ngozi nike nnamdi
nneka obi olu peter prince queen sani segun seyi simi sola tayo timi tiwa tobi tolu tunde uche victor
wale yemi yusuf zainab kofi ama kwame akosua yaw esi fatou moussa awa ousmane aminata ibou seun
tosin bukola ope deji kayode sade ebuka chika nonso osas efe ese tega ovie""".split()
WORDS = """shop store blog news gist tv fc boutique kitchen gadgets autos hair beauty lagos abuja
deals foods wears fashion luxury homes media music studio photos designs travels realty cakes
events prints tech phones kicks nails lashes spa gym fitness farm""".split()
rng = random.Random(20)
handles = set()
years = [str(y) for y in range(1985, 2026)]
for n in NAMES:
    w = rng.choice(WORDS)
    y = rng.choice(years)
    two = f"{rng.randrange(10, 100)}"
    one = str(rng.choice([0, 3, 4, 5, 7]))
    handles.update([
        n + y, f"{n}_{y}", n + y[2:], f"{n}_{y[2:]}", f"{n}{y}_{w}", f"{n}_{y}_{w}", f"{w}_{n}{y}",
        n + two, f"{n}{two}_{w}", f"{n}_{two}", f"{n}{one}", f"{n}_{one}", f"{n}{one}_{w}",
        f"{n}{one}{w}", f"{n}4{w}", f"{n}4life", f"{n}4real", f"{n}4christ", f"{n}2{w}",
        f"{n}_4_{w}", f"{w}4{n}", f"{n}{w}{two}", f"{n}s{w}{one}", f"{n}_{w}24_7",
        f"{n}{w}247", f"no1{n}", f"{n}_no1", f"{n}5star", f"top10{n}", f"{n}_007", f"{n}3{w}",
        f"{n}7{w}", f"{n}5{w}", f"{n}0{w}", f"{n}x{one}",
    ])
for w in WORDS:
    num = str(rng.randrange(1, 1000))
    handles.update([
        f"{w}{num}", f"{w}_{num}", f"{w}24_7", f"{w}247", f"{w}4u", f"{w}4less", f"{w}4all",
        f"{w}4you", f"{w}2go", f"no1{w}", f"top10{w}", f"{w}_5star", f"{w}5star", f"{w}7up",
        f"best4{w}", f"{w}_ng{num}", f"{w}9ja", f"{w}3d", f"{w}_4_sale", f"b4{w}",
    ])
# Second round (digits2): words ending in a digit (mimi4, kofi4real, ayo2) and pairs of digits
# (sam35, lagos247, a name, a pair and a word), for the reading of a digit that ends a word and of a
# pair of two different digits; its own generator, so the handles above stay the same.
rng2 = random.Random(21)
PAIRS = "03 04 05 07 30 34 35 37 40 43 45 47 50 53 54 57 70 73 74 75".split()
for n in NAMES + "mimi ayo sam adel idris tesa jumo tobia".split():
    w, w2 = rng2.choice(WORDS), rng2.choice(NAMES)
    d, pair = str(rng2.choice([0, 3, 4, 5, 7])), rng2.choice(PAIRS)
    handles.update([
        f"{n}{d}", f"{n}{d}_{w}", f"{w}_{n}{d}", f"{n}4real", f"{n}2", f"{n}{pair}",
        f"{n}{pair}{w}", f"{w}{pair}{n}", f"{n}{pair}_{w}", f"{n}{pair}{w2}", f"{w}_{n}{pair}",
        f"{n}_{pair}{w}", f"{n}{d}{w2}", f"{n}{d}_{w2}", f"{w}{d}_{n}", f"{n}{w}{d}",
    ])
for w in WORDS + ["lagos"]:
    pair = rng2.choice(PAIRS)
    handles.update([f"{w}247", f"{w}{pair}", f"{w}{pair}{rng2.choice(WORDS)}", f"{w}{pair}_ng"])
with (out / "profiles.jsonl").open("w") as f:
    for i, h in enumerate(sorted(handles)):
        row = {"id": f"d{i:05d}", "platform": "x", "handle": h[:15], "name": "Qwerty Zxcv"}
        f.write(json.dumps(row) + "\n")
print(f"wrote {len(handles)} profiles and {len(accounts)} accounts to {out}")
