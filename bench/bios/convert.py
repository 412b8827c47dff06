#!/usr/bin/env python3
"""The `{name}` conversion of the bio sets (done once, 2026-12-05; kept to document it).

The writers of dev, dev2 and report2 named real celebrities and brands in their claims and scams
("Official account of Burna Boy") while the example protects someone else (Adaeze Okonkwo): a bio
naming another person then measured nothing real. `{name}` stands for the full name of the person the
account pretends to be; `examples/bios.rs` substitutes the protected person's name.

The conversion is mechanical: in claim and scam rows only, each name below (the imitated person or
brand, as written, with its own grammar: Portuguese "do X" becomes "de {name}", Arabic "لX" becomes
"لـ{name}") is replaced by `{name}`. Titles stay ("Pastor {name}", "الشيخ {name}"). Left as written:
descriptions that name nobody ("the artist", "the Governor"), nicknames beside the name ("(Mr P)"),
hashtags and links, and third parties (a payee's name, the bank receiving a payment). Everyday bios
keep every name: there the names are other people's.

    python3 bench/bios/convert.py            # rewrites the sets in place; fails if a name is missing
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent

NAMES = {
    "dev.jsonl": [],
    "dev2.jsonl": [
        "Official page of Odogwu|Official page of {name}",
        "your Baddo|your {name}",
    ],
    "report2.jsonl": [
        # en
        "Official account of Burna Boy|Official account of {name}",
        "DAVIDO ✅ OBO|{name} ✅ OBO",
        "Real Sadio Mané|Real {name}",
        "Diamond Platnumz private page|{name} private page",
        "GTBank Ghana – Customer Care|{name} – Customer Care",
        "Pastor E.A. Adeboye. Beware|Pastor {name}. Beware",
        "Tems. New account|{name}. New account",
        "Management of Ayra Starr|Management of {name}",
        "William Ruto —|{name} —",
        "MTN MoMo Suport|{name} Suport",
        "official Wizkid fan card|official {name} fan card",
        "gift from Davido|gift from {name}",
        # fr
        "Page officielle de Fally Ipupa|Page officielle de {name}",
        "Compte personnel de Didier Drogba|Compte personnel de {name}",
        "NOUVEAU COMPTE DE SADIO MANÉ|NOUVEAU COMPTE DE {name}",
        "Service client Orange Money Côte d'Ivoire|Service client {name}",
        "Assimi Goïta|{name}",
        "Gestion officielle de Aya Nakamura|Gestion officielle de {name}",
        "deuxième compte de Sébastien Haller|deuxième compte de {name}",
        "Wave Sénégal 🐧 Assistance|{name} 🐧 Assistance",
        "Compte de secours de Dadju|Compte de secours de {name}",
        "Vrai compte privé de Kalidou Koulibaly|Vrai compte privé de {name}",
        "le tirage Orange Money|le tirage {name}",
        "Carte de fan officielle de Fally Ipupa|Carte de fan officielle de {name}",
        # pcm
        "the real Davido|the real {name}",
        "Burna Boy personal account|{name} personal account",
        "OFFICIAL PAGE OF PASTOR CHRIS OKOTIE|OFFICIAL PAGE OF PASTOR {name}",
        "Wizkid Backup acct|{name} Backup acct",
        "Odumodublvck real account|{name} real account",
        "Rema second page|{name} second page",
        "Opay customer care|{name} customer care",
        "Peter Obi private page|{name} private page",
        "Portable real acct|{name} real acct",
        "Asake fan relations page|{name} fan relations page",
        "Davido fan card|{name} fan card",
        "package from Burna|package from {name}",
        # ha
        "Shafin hukuma na Rahama Sadau|Shafin hukuma na {name}",
        "Ali Nuhu –|{name} –",
        "Ni ne Adam A. Zango|Ni ne {name}",
        "Sheikh Aminu Ibrahim Daurawa|Sheikh {name}",
        "Rabiu Musa Kwankwaso private|{name} private",
        "AHMED MUSA REAL|{name} REAL",
        "Umar M Shareef backup|{name} backup",
        "Customer care na Dangote Group|Customer care na {name}",
        "Janar Abdourahamane Tiani|Janar {name}",
        "Management na Ado Gwanja|Management na {name}",
        "Katin fan na Rahama Sadau|Katin fan na {name}",
        # yo
        "ti Olamide Baddo|ti {name}",
        "Odunlade Adekola gidi|{name} gidi",
        "Funke Akindele (Jenifa)|{name} (Jenifa)",
        "Pastor E.A. Adeboye – official|Pastor {name} – official",
        "Asake backup account|{name} backup account",
        "Seyi Makinde —|{name} —",
        "Management ti Adekunle Gold|Management ti {name}",
        "Toyin Abraham private|{name} private",
        "OONI OF IFE REAL|{name} REAL",
        "Lateef Adedimeji second|{name} second",
        "Fan card Wizkid|Fan card {name}",
        "lati odo Olamide|lati odo {name}",
        # ig
        "Flavour N'abania ✅|{name} ✅",
        "Phyno – Penthauze|{name} – Penthauze",
        "nke Fr. Ejike Mbaka|nke Fr. {name}",
        "Peter Okoye (Mr P)|{name} (Mr P)",
        "Regina Daniels private|{name} private",
        "Charles Soludo –|{name} –",
        "KANU NWANKWO REAL|{name} REAL",
        "Zubby Michael second|{name} second",
        "Cubana Chief Priest management|{name} management",
        "nke Innoson Motors|nke {name}",
        "Flavour fan card|{name} fan card",
        "sitere na Cubana CP|sitere na {name}",
        # tw
        "Sarkodie ✅|{name} ✅",
        "Shatta Wale 🦅|{name} 🦅",
        "ɛyɛ Stonebwoy dea|ɛyɛ {name} dea",
        "Black Sherif backup|{name} backup",
        "John Dramani Mahama –|{name} –",
        "MOHAMMED KUDUS REAL|{name} REAL",
        "MTN MoMo Customer Care (Official)|{name} Customer Care (Official)",
        "Kennedy Agyapong private|{name} private",
        "Management of King Promise|Management of {name}",
        "Prophet Obinim ankasa|Prophet {name} ankasa",
        "fi Sarkodie hɔ|fi {name} hɔ",
        "Shatta Wale fan card|{name} fan card",
        # wo
        "Sadio Mané ✅|{name} ✅",
        "Youssou N'Dour –|{name} –",
        "Wally Seck compte|{name} compte",
        "Ousmane Sonko –|{name} –",
        "Page officielle Wave Sénégal|Page officielle {name}",
        "KALIDOU KOULIBALY VRAI|{name} VRAI",
        "Viviane Chidid deuxième|{name} deuxième",
        "Management bu Pape Diouf|Management bu {name}",
        "Bassirou Diomaye Faye ☑️|{name} ☑️",
        "Compte de secours bu Édouard Mendy|Compte de secours bu {name}",
        "Carte fan Wally Seck|Carte fan {name}",
        "cadeau Tabaski bu Sadio|cadeau Tabaski bu {name}",
        # sw
        "Diamond Platnumz ✅|{name} ✅",
        "Zuchu akaunti|{name} akaunti",
        "mwenyewe Harmonize|mwenyewe {name}",
        "Raila Odinga –|{name} –",
        "SAFARICOM M-PESA CUSTOMER|{name} CUSTOMER",
        "Ali Kiba akaunti|{name} akaunti",
        "Mbwana Samatta real|{name} real",
        "Management ya Mbosso|Management ya {name}",
        "Samia Suluhu Hassan 🇹🇿|{name} 🇹🇿",
        "Nandy rasmi|{name} rasmi",
        "ya Diamond 💳|ya {name} 💳",
        "kutoka kwa Harmonize|kutoka kwa {name}",
        # pt
        "Conta oficial de Anselmo Ralph|Conta oficial de {name}",
        "C4 Pedro 🎤|{name} 🎤",
        "NOVA CONTA DO NEYMAR JR|NOVA CONTA DE {name}",
        "Perfil pessoal de João Lourenço|Perfil pessoal de {name}",
        "Apoio ao cliente M-Pesa Moçambique|Apoio ao cliente {name}",
        "Yola Semedo conta|{name} conta",
        "Gestão oficial de Matias Damásio|Gestão oficial de {name}",
        "Cristiano Ronaldo segunda|{name} segunda",
        "Lizha James perfil|{name} perfil",
        "Unitel Money Angola 🟠|{name} 🟠",
        "Cartão de fã do Anselmo Ralph|Cartão de fã de {name}",
        "prémio de Natal do Neymar|prémio de Natal de {name}",
        # ar
        "الحساب الرسمي لمحمد صلاح|الحساب الرسمي لـ{name}",
        "رياض محرز 🇩🇿|{name} 🇩🇿",
        "الصفحة الرسمية لسعد لمجرد|الصفحة الرسمية لـ{name}",
        "أشرف حكيمي حساب|{name} حساب",
        "خدمة عملاء فودافون كاش|خدمة عملاء {name}",
        "الشيخ مشاري راشد العفاسي|الشيخ {name}",
        "عمرو دياب الحساب|{name} الحساب",
        "إدارة أعمال حكيم زياش|إدارة أعمال {name}",
        "محمد ولد الشيخ الغزواني|{name}",
        "Binance Arabic Support|{name} Arabic Support",
        "الدعم الرسمي لبينانس|الدعم الرسمي لـ{name}",
        "بطاقة معجب محمد صلاح|بطاقة معجب {name}",
        "من رياض محرز|من {name}",
    ],
}


def main() -> int:
    for file, pairs in NAMES.items():
        path = HERE / file
        rows = [json.loads(l) for l in path.read_text().splitlines() if l.strip()]
        for pair in pairs:
            old, new = pair.split("|")
            hits = [r for r in rows if r["kind"] != "everyday" and old in r["bio"]]
            if len(hits) != 1:
                if any(new in r["bio"] for r in rows):
                    continue  # converted already
                print(f"{file}: {old!r} in {len(hits)} claim or scam rows, want 1", file=sys.stderr)
                return 1
            hits[0]["bio"] = hits[0]["bio"].replace(old, new)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
