#!/usr/bin/env python3
"""Ordinary X handles with digits (names and shop words joined by a digit, years, "4 for", 24_7, leetspeak
of common words, Arabic-chat spellings) against 139 West African and global accounts and brands: the
review10 red team's first set (docs/accuracy.md, "After review: one digit in the middle of a word").
Seeded, so the same 79,417 profiles every run. Writes OUT/protected.json and OUT/profiles.jsonl (default
target/redteam-digit-words), a set for scripts/verdict-diff.py. Usage:

    python3 scripts/redteam-digit-words.py [OUT]
    python3 scripts/verdict-diff.py OLD_VIPGUARD NEW_VIPGUARD target/redteam-digit-words
"""
import sys
import json, random, itertools, pathlib
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'target/redteam-digit-words')
out.mkdir(parents=True, exist_ok=True)
P = [("Davido","davido",0),("Wizkid","wizkidayo",0),("Burna Boy","burnaboy",0),("Tems","temsbaby",0),
("Asake","asake",0),("Rema","heisrema",0),("Aliko Dangote","alikodangote",0),("Dangote Group","dangotegroup",1),
("MTN Nigeria","mtnng",1),("GTBank","gtbank",1),("Access Bank","myaccessbank",1),("OPay","opay",1),
("Jumia","jumia",1),("Jumia Nigeria","jumianigeria",1),("MetaMask","metamask",1),("Binance","binance",1),("Tesla","tesla",1),
("Nike","nike",1),("Zara","zara",1),("Peter Obi","peterobi",0),("Bola Tinubu","officialabat",0),("Atiku Abubakar","atiku",0),
("Victor Osimhen","victorosimhen9",0),("Osimhen","osimhen",0),("Ademola Lookman","ademola_lookman",0),("Alex Iwobi","alexiwobi",0),
("Wilfred Ndidi","ndidi25",0),("Mohamed Salah","mosalah",0),("Salah","salah",0),("Sadio Mane","sadiomane",0),("Lionel Messi","messi",0),
("Cristiano Ronaldo","cristiano",0),("Kylian Mbappe","kmbappe",0),("Elon Musk","elonmusk",0),("Paystack","paystack",1),
("Flutterwave","flutterwave",1),("Kuda","kudabank",1),("Moniepoint","moniepoint",1),("PalmPay","palmpay",1),("Zenith Bank","zenithbank",1),
("First Bank","firstbankngr",1),("UBA","ubagroup",1),("Ecobank","ecobank",1),("Safaricom","safaricom",1),("M-Pesa","mpesa",1),
("Glo","gloworld",1),("Airtel","airtelnigeria",1),("Olamide","olamide",0),("Tiwa Savage","tiwasavage",0),("Yemi Alade","yemialade",0),
("Simi","symplysimi",0),("Adekunle Gold","adekunlegold",0),("Omah Lay","omah_lay",0),("Fireboy DML","fireboydml",0),("Ayra Starr","ayrastarr",0),
("Kizz Daniel","kizzdaniel",0),("Patoranking","patorankingfire",0),("Sarkodie","sarkodie",0),("Shatta Wale","shattawalegh",0),
("Stonebwoy","stonebwoy",0),("Black Sherif","blacksherif_",0),("Diamond Platnumz","diamondplatnumz",0),("Didier Drogba","didierdrogba",0),
("Funke Akindele","funkeakindele",0),("Mr Macaroni","mrmacaronii",0),("Tacha","tacha",0),("Obama","barackobama",0),("Drake","drake",0),
("Rihanna","rihanna",0),("Beyonce","beyonce",0),("Adele","adele",0),("Kanye","kanyewest",0),("Shakira","shakira",0),("Oprah","oprah",0),
("Apple","apple",1),("Google","google",1),("Amazon","amazon",1),("Netflix","netflix",1),("Adidas","adidas",1),("Gucci","gucci",1),
("Samsung","samsung",1),("Tecno","tecnomobile",1),("Infinix","infinixmobile",1),("Chowdeck","chowdeck",1),("Bolt","boltapp",1),("Konga","konga",1),
("Linda Ikeji","lindaikeji",0),("Toke Makinwa","tokemakinwa",0),("Teni","tenientertainer",0),("Ronaldo","ronaldo",0),("Neymar","neymarjr",0),
("Sabinus","sabinus",0),("Lasisi","lasisi",0),("Iyabo Ojo","iyaboojo",0),("Mercy Eke","mercyeke",0),("Naira Marley","nairamarley",0),
("Portable","portable",0),("Seyi Vibez","seyivibez",0),("Kiekie","kiekie",0),("Taaooma","taaooma",0),("Obi Cubana","obicubana",0),
("Sanwo-Olu","jidesanwoolu",0),("Dele Momodu","delemomodu",0),("Amaka","amaka",0),("Kemi Adetiba","kemiadetiba",0),("Ebuka","ebuka",0),
("Tobi","tobi",0),("Kunle","kunle",0),("Sterling","sterlingbank",1),("Wema","wemabank",1),("Keystone","keystonebank",1),
("Ikeja Electric","ikejaelectric",1),("Dstv","dstvnigeria",1),("Showmax","showmax",1),("Bet9ja","bet9ja",1),("Sportybet","sportybet",1),
("Betking","betking",1),("Piggyvest","piggyvest",1),("Cowrywise","cowrywise",1),("Carbon","getcarbon",1),("Bitget","bitget",1),("Bybit","bybit",1),
("OKX","okx",1),("KuCoin","kucoin",1),("Trust Wallet","trustwallet",1),("Coinbase","coinbase",1),("Uber","uber",1),("Starlink","starlink",1),
("Temu","temu",1),("Shein","shein",1),("Arsenal","arsenal",1),("Chelsea","chelseafc",1),("Real Madrid","realmadrid",1),("Barcelona","fcbarcelona",1),
("Super Eagles","supereagles",1),("Big Brother Naija","bbnaija",1),("Nollywood","nollywood",0),("Hakimi","achrafhakimi",0),("Ahmed Musa","ahmedmusa718",0),
]
acc=[]
for i,(n,h,b) in enumerate(P):
    a={"id":f"v{i:03d}","name":n,"handles":[{"platform":"x","handle":h}]}
    if b: a["kind"]="brand"
    acc.append(a)
json.dump({"accounts":acc},open(out/"protected.json","w"),indent=1)

NAMES="""ada aisha amina bello bimpe bisi bola chidi chinedu chioma dami daniel dapo dayo emeka faith fatima femi funmi gbenga grace halima
ibrahim idris ifeanyi ikenna james jide john joy kelechi kemi kiki kola kunle ladi lami lola mary mide musa ngozi nnamdi nneka olu peter
prince queen sani segun seyi sola tayo timi tiwa tobi tolu tunde uche victor wale yemi yusuf zainab kofi ama kwame akosua yaw esi fatou
moussa awa ousmane aminata seun tosin bukola ope deji kayode sade ebuka chika nonso osas efe ese tega ovie bob mama papa sis bro
ahmed mohamed ali omar sara nadia karim amine yassine hamza reda mehdi salma aya imane youssef tesla sasha lisa mike tom anna emma
alex sam max leo mia zoe ben dan joe jay kim lee ray ted""".split()
WORDS="""shop store blog news gist tv fc boutique kitchen gadgets autos hair beauty lagos abuja deals foods wears fashion luxury homes
media music studio photos designs travels realty cakes events prints tech phones kicks nails lashes spa gym fitness farm life real christ
ever you u all less sale rent kids baby mama money cash bet vibes naija ghana kenya official tv radio fm lagos jesus god love peace
grace team club gang boys girls crew squad family home world king queen boss vip plug hub zone spot place mart market mall city""".split()
LEET="""b3st l0ve sw33t r3al h4ck3r n00b l33t 3lite 5tar m4d t3ch g00d c00l b4d sk8 h0t m0ney c4sh 5weet be5t lov3 r34l st4r b0ss k1ng qu33n
fr3sh 5ugar h3llo th3 m4n w0rld g4ng t3am s3xy b4by m4ma p4pa 4ngel d3vil l1fe sa1nt""".split()
rng=random.Random(7)
hs=set()
for n in NAMES:
    for w in rng.sample(WORDS,12):
        for d in "0134572689":
            hs.update([f"{n}{d}{w}", f"{n}_{d}{w}", f"{w}{d}{n}", f"{n}{d}_{w}"])
        hs.update([f"{n}4{w}",f"{w}4{n}",f"{n}2{w}",f"{n}{rng.randrange(10,100)}{w}"])
    for y in ["1990","1998","2001","2004","99","98","07","00","01","11","33","44","55","77","007","247","24_7"]:
        hs.update([n+y, f"{n}_{y}", f"{n}{y}_{rng.choice(WORDS)}", f"{rng.choice(WORDS)}_{n}{y}"])
for l in LEET:
    for w in rng.sample(WORDS+NAMES,25):
        hs.update([l+w, f"{l}_{w}", w+l, f"{w}_{l}"])
for a,b in itertools.product(NAMES, NAMES):
    if rng.random()<0.08:
        hs.add(f"{a}{rng.choice('013457')}{b}")
hs.update("""b3st_deals l0ve_lagos ade4real top5_naija team7_fc kemi_007 house4sale_abuja chef4u bob4mama mo7amed a7med 5aled sa3eed
mo3ez 7abibi 3amr ya3koub 7amza kha5a gas4kenya has4kemi was4kemi me55i_fan t3sla_fan wiz4kid tems4life ask4me lagos4sale
mo7amed_salah sa7ar a5ma sa3ad m3ssi""".split())
hs={h[:15] for h in hs}
with open(out/"profiles.jsonl","w") as f:
    for i,h in enumerate(sorted(hs)):
        f.write(json.dumps({"id":f"p{i:05d}","platform":"x","handle":h,"name":"Qwerty Zxcv"})+"\n")
print(len(hs), len(acc))
