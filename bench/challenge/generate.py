#!/usr/bin/env python3
"""Deterministic generator of the vipguard labelled challenge set.

    python generate.py --seed N --out DIR [--negatives 30000]

Every case is produced by a rule (one function per technique below) applied
to a protected account drawn at random; nothing is hand-picked except the
curated pool of real-style accounts in vips.tsv and the word/character tables
at the top of this file.  Same seed + same Faker version => same bytes.

Output (all UTF-8):

DIR/protected.json   {"accounts": [{"id": "vip-001", "name": ..., "aliases": [...],
                      "handles": [{"platform": "x", "handle": ...}],
                      "official": [{"platform": "x", "handle": ...}]}, ...]}
                     (aliases/official omitted when empty).  A seed-dependent
                     ~60% subset of vips.tsv plus fictional VIPs built from
                     Faker names.
DIR/profiles.jsonl   one profile per line, shuffled:
                     {"id": "p000001", "platform": "x", "handle": ..., "name": ..., "bio": ...}
                     (bio optional).
DIR/truth.jsonl      same order and ids:
                     {"id": ..., "kind": positive|negative|hard_negative|labelled|own|allowed,
                      "technique": ..., "expect": impersonation|suspicious|labelled|own|allowed|clear,
                      "match": "vip-NNN" | null}

Kinds and techniques (truth "technique"):
  positive / impersonation: handle_{insertion,omission,repetition,transposition,
      replacement,vowel_swap,digit_lookalike,il_swap,affix,embedded} (typo'd
      handle, protected name) and name_{cyrillic,greek,other_confusables,
      invisible,styled,decorated,diacritics_added,diacritics_removed,il_swap,
      spacing_order,alias} (transformed name, typo'd handle);
  positive / suspicious: name_only, handle_only (one signal only);
  positive / impersonation: name_only_plus_bio, handle_only_plus_bio (one signal, and a bio that
    claims to be the account or runs a scam: the second signal);
  labelled: labelled_compliant, labelled_bio_only, labelled_name_later;
  own: own_handle; allowed: official_handle;
  negative / clear: ordinary;  hard_negative / clear: shares_one_token
      (ordinary person sharing exactly one name token with a protected
      account), unprotected_vip (a vips.tsv account not protected in this set).

Handles are always valid X handles ([A-Za-z0-9_], 1-15 chars) and unique
(case-insensitively) across the whole set, as on the real platform; look-alike
characters therefore only appear in display names.  A summary is printed to
stderr; --show K also prints K examples per technique.
"""

import argparse
import csv
import importlib
import importlib.util
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict

from faker import Faker

HERE = os.path.dirname(os.path.abspath(__file__))
PLATFORM = "x"
HANDLE_RE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
MAX_HANDLE = 15

# ---------------------------------------------------------------------------
# Character tables
# ---------------------------------------------------------------------------

# Latin letter -> Cyrillic look-alike.
CYRILLIC = {
    "a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
    "y": "\u0443", "x": "\u0445", "i": "\u0456", "j": "\u0458", "s": "\u0455",
    "A": "\u0410", "B": "\u0412", "E": "\u0415", "K": "\u041a", "M": "\u041c",
    "H": "\u041d", "O": "\u041e", "P": "\u0420", "C": "\u0421", "T": "\u0422",
    "X": "\u0425", "I": "\u0406",
}

# Latin letter -> Greek look-alike.
GREEK = {
    "o": "\u03bf", "a": "\u03b1", "v": "\u03bd", "i": "\u03b9",
    "A": "\u0391", "B": "\u0392", "E": "\u0395", "Z": "\u0396", "H": "\u0397",
    "I": "\u0399", "K": "\u039a", "M": "\u039c", "N": "\u039d", "O": "\u039f",
    "P": "\u03a1", "T": "\u03a4", "Y": "\u03a5", "X": "\u03a7",
}

# Latin letter -> other look-alikes: Armenian, Cherokee, Lisu, Latin IPA /
# small capitals, letterlike symbols and Roman numerals.
OTHER_CONFUSABLES = {
    "a": ["\u0251", "\u1d00"],            # ɑ ᴀ
    "b": ["\u0299"],                      # ʙ
    "c": ["\u1d04", "\u217d"],            # ᴄ ⅽ
    "d": ["\u1d05"],                      # ᴅ
    "e": ["\u212e", "\u1d07"],            # ℮ ᴇ
    "f": ["\ua730"],                      # ꜰ
    "g": ["\u0261", "\u0262"],            # ɡ ɢ
    "h": ["\u029c"],                      # ʜ
    "i": ["\u0131", "\u026a", "\u2170"],  # ı ɪ ⅰ
    "j": ["\u1d0a"],                      # ᴊ
    "k": ["\u1d0b"],                      # ᴋ
    "l": ["\u2113", "\u217c", "\u029f"],  # ℓ ⅼ ʟ
    "m": ["\u1d0d"],                      # ᴍ
    "n": ["\u0274"],                      # ɴ
    "o": ["\u0585", "\u1d0f"],            # օ ᴏ
    "p": ["\u1d18"],                      # ᴘ
    "r": ["\u0280"],                      # ʀ
    "s": ["\ua731"],                      # ꜱ
    "t": ["\u1d1b"],                      # ᴛ
    "u": ["\u057d", "\u1d1c"],            # ս ᴜ
    "v": ["\u1d20", "\u2174"],            # ᴠ ⅴ
    "w": ["\u1d21"],                      # ᴡ
    "y": ["\u028f"],                      # ʏ
    "z": ["\u1d22"],                      # ᴢ
    "A": ["\u13aa", "\ua4ee"],            # Ꭺ ꓮ
    "B": ["\u13f4", "\ua4d0"],            # Ᏼ ꓐ
    "C": ["\u13df", "\ua4da", "\u216d"],  # Ꮯ ꓚ Ⅽ
    "D": ["\u13a0", "\ua4d3", "\u216e"],  # Ꭰ ꓓ Ⅾ
    "E": ["\u13ac", "\ua4f0"],            # Ꭼ ꓰ
    "G": ["\u13c0"],                      # Ꮐ
    "H": ["\u13bb", "\ua4e7"],            # Ꮋ ꓧ
    "I": ["\u2160", "\ua4f2"],            # Ⅰ ꓲ
    "J": ["\u13ab", "\ua4d9"],            # Ꭻ ꓙ
    "K": ["\u13e6", "\ua4d7", "\u212a"],  # Ꮶ ꓗ K(Kelvin)
    "L": ["\u13de", "\ua4e1", "\u216c"],  # Ꮮ ꓡ Ⅼ
    "M": ["\u13b7", "\ua4df", "\u216f"],  # Ꮇ ꓟ Ⅿ
    "N": ["\ua4e0"],                      # ꓠ
    "O": ["\ua4f3", "\u0555"],            # ꓳ Օ
    "P": ["\u13e2", "\ua4d1"],            # Ꮲ ꓑ
    "R": ["\u13a1", "\ua4e3"],            # Ꭱ ꓣ
    "S": ["\u13da", "\ua4e2", "\u054f"],  # Ꮪ ꓢ Տ
    "T": ["\u13a2", "\ua4d4"],            # Ꭲ ꓔ
    "U": ["\ua4f4", "\u054d"],            # ꓴ Ս
    "V": ["\u13d9", "\ua4e6", "\u2164"],  # Ꮩ ꓦ Ⅴ
    "W": ["\u13d4", "\ua4ea"],            # Ꮤ ꓪ
    "X": ["\ua4eb", "\u2169"],            # ꓫ Ⅹ
    "Y": ["\ua4ec"],                      # ꓬ
    "Z": ["\u13c3", "\ua4dc"],            # Ꮓ ꓜ
}

# Zero-width / format characters, inserted anywhere inside a name.
INVISIBLE_ZERO_WIDTH = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e",
]
# Blank-looking "letters" (render as a space), used instead of / next to spaces.
INVISIBLE_BLANKS = ["\u3164", "\u115f", "\u2800"]

# Mathematical alphanumeric styles (Unicode names), applied to the whole name.
MATH_STYLES = {
    "bold": "BOLD", "italic": "ITALIC", "bold_italic": "BOLD ITALIC",
    "script": "SCRIPT", "bold_script": "BOLD SCRIPT", "fraktur": "FRAKTUR",
    "bold_fraktur": "BOLD FRAKTUR", "double_struck": "DOUBLE-STRUCK",
    "sans": "SANS-SERIF", "sans_bold": "SANS-SERIF BOLD",
    "sans_italic": "SANS-SERIF ITALIC", "sans_bold_italic": "SANS-SERIF BOLD ITALIC",
    "monospace": "MONOSPACE",
}
# Letters that live in the Letterlike Symbols block instead (holes in the
# Mathematical Alphanumeric block).
MATH_HOLES = {
    ("italic", "h"): "\u210e",
    ("script", "B"): "\u212c", ("script", "E"): "\u2130", ("script", "F"): "\u2131",
    ("script", "H"): "\u210b", ("script", "I"): "\u2110", ("script", "L"): "\u2112",
    ("script", "M"): "\u2133", ("script", "R"): "\u211b", ("script", "e"): "\u212f",
    ("script", "g"): "\u210a", ("script", "o"): "\u2134",
    ("fraktur", "C"): "\u212d", ("fraktur", "H"): "\u210c", ("fraktur", "I"): "\u2111",
    ("fraktur", "R"): "\u211c", ("fraktur", "Z"): "\u2128",
    ("double_struck", "C"): "\u2102", ("double_struck", "H"): "\u210d",
    ("double_struck", "N"): "\u2115", ("double_struck", "P"): "\u2119",
    ("double_struck", "Q"): "\u211a", ("double_struck", "R"): "\u211d",
    ("double_struck", "Z"): "\u2124",
}
OTHER_STYLES = ["fullwidth", "circled"]

# Decorations impersonators put around names (verification look-alikes first).
VERIFIED_MARKS = ["\u2705", "\u2714", "\u2714\ufe0f", "\u2611", "\u2611\ufe0f", "\u2713",
                  "\U0001f535", "\U0001f499"]
FLAGS = ["\U0001f1f3\U0001f1ec", "\U0001f1ec\U0001f1ed", "\U0001f1f8\U0001f1f3",
         "\U0001f1e8\U0001f1ee", "\U0001f1e8\U0001f1f2", "\U0001f1f0\U0001f1ea"]
DECORATIONS = VERIFIED_MARKS + FLAGS + ["\u2b50", "\u2122", "\u00ae", "\u2728", "|", "\U0001f451"]
# Emoji ordinary people use in their names.
ORDINARY_EMOJI = ["\u2728", "\U0001f499", "\U0001f338", "\U0001f98b", "\U0001f451", "\u26bd",
                  "\U0001f3b6", "\U0001f4da", "\U0001f64f\U0001f3fe", "\U0001f4ab", "\U0001f30d",
                  "\U0001f525", "\U0001f4af", "\u271d\ufe0f", "\u262a\ufe0f"] + FLAGS

# Combining marks used to add diacritics (base letters chosen to have a
# precomposed form for most marks).
COMBINING_MARKS = ["\u0301", "\u0300", "\u0308", "\u0302", "\u0303", "\u0304"]
DIACRITIC_BASES = "aeiounycAEIOUNYC"
# Letters that do not decompose but have a plain ASCII reading.
SPECIAL_LETTER_FOLD = {
    "\u0253": "b", "\u0257": "d", "\u0199": "k", "\u025b": "e", "\u0254": "o",
    "\u014b": "n", "\u01b4": "y", "\u0181": "B", "\u018a": "D", "\u0198": "K",
    "\u0190": "E", "\u0186": "O", "\u014a": "N", "\u00f8": "o", "\u00d8": "O",
    "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE",
    "\u0142": "l", "\u0141": "L", "\u0111": "d", "\u0110": "D", "\u0131": "i",
}

# QWERTY neighbours for keyboard-slip replacements.
KEYBOARD = {
    "q": "wa", "w": "qase", "e": "wsdr", "r": "edft", "t": "rfgy", "y": "tghu",
    "u": "yhji", "i": "ujko", "o": "iklp", "p": "ol", "a": "qwsz", "s": "awedxz",
    "d": "serfcx", "f": "drtgvc", "g": "ftyhbv", "h": "gyujnb", "j": "huikmn",
    "k": "jiolm", "l": "kop", "z": "asx", "x": "zsdc", "c": "xdfv", "v": "cfgb",
    "b": "vghn", "n": "bhjm", "m": "njk",
}
VOWELS = "aeiou"
DIGIT_LOOKALIKE = {"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "e": "3", "E": "3",
                   "a": "4", "A": "4", "s": "5", "S": "5"}

# Handle affixes used by impersonators ("fan" is deliberately absent: it is a label).
AFFIX_PREFIXES = ["official", "real", "the", "iam", "its", "team", "hq", "news", "tv"]
AFFIX_SUFFIXES = ["official", "real", "hq", "tv", "support", "help", "team", "news",
                  "media", "ng", "gh", "sn", "ci", "cm", "ke", "za", "uk", "us"]
COUNTRY_CODES = {"ng", "gh", "sn", "ci", "cm", "ke", "za", "uk", "us"}
AFFIX_DIGITS = ["1", "2", "0", "01", "10", "11", "001", "007", "24", "99", "2024", "2025", "123"]
# Junk around an embedded protected handle.
EMBED_PATTERNS = ["x{h}x", "xx{h}xx", "_{h}_", "z{h}z", "o{h}o", "{h}xo", "{h}_giveaway",
                  "{h}giveaway", "{h}_promo", "{h}_crypto", "{h}_btc", "{h}_airdrop",
                  "{h}_reward", "{h}_dm", "{h}_vip", "{h}_backup", "{h}_private", "{h}_inbox",
                  "giveaway_{h}", "promo{h}", "crypto{h}", "btc_{h}", "dm_{h}", "win_{h}",
                  "{h}_cash", "{h}_usdt", "{h}_gifts"]

# Display names of single-signal "handle only" impersonators.
GENERIC_DISPLAY_NAMES = ["Official Page", "Admin", "Support Team", "Giveaway", "Customer Care",
                         "Help Desk", "Management", "Verified Account", "Bookings", "Promo Team",
                         "Service Client", "Support Officiel", "Atendimento", "Soporte",
                         "Giveaway 2025", "Official", "Admin Team", "News Update", "Media Team"]

# Bios impersonators use.
ATTACKER_BIOS = [
    "Official account of {name}.",
    "Official page. DM for bookings and collaborations.",
    "Backup account of {name}. Old one was hacked, follow back!",
    "Personal account of {name}. Bookings via DM only.",
    "\U0001f381 Giveaway is live! DM to claim your reward.",
    "Invest with {name} \u2014 DM now for guaranteed returns \U0001f4b0",
    "Verified \u2705 | Management: DM",
    "Compte officiel de {name}.",
    "Conta oficial de {name}.",
    "{name} \u2022 official",
]

# Label words (X's parody, commentary and fan account policy) by type and language.
LABELS = {
    "parody": {
        "en": ["Parody", "Parody Account"], "fr": ["Parodie", "Compte Parodique"],
        "pt": ["Par\u00f3dia", "Conta de Par\u00f3dia"], "es": ["Parodia", "Cuenta de Parodia"],
        "ar": ["\u0633\u0627\u062e\u0631", "\u0645\u062d\u0627\u0643\u0627\u0629 \u0633\u0627\u062e\u0631\u0629"],
    },
    "fan": {
        "en": ["Fan", "Fan Account", "Fan Page", "Fans"], "fr": ["Fan", "Compte Fan", "Fan Club"],
        "pt": ["F\u00e3", "P\u00e1gina de F\u00e3s", "F\u00e3 Clube"],
        "es": ["Fan\u00e1tico", "Fan", "Club de Fans"],
        "ar": ["\u0645\u0639\u062c\u0628", "\u062d\u0633\u0627\u0628 \u0645\u0639\u062c\u0628\u064a\u0646"],
    },
    "commentary": {
        "en": ["Commentary", "Commentary Account"], "fr": ["Commentaire"],
        "pt": ["Coment\u00e1rio"], "es": ["Comentario"], "ar": ["\u062a\u0639\u0644\u064a\u0642"],
    },
    "fake": {
        "en": ["Fake"], "fr": ["Faux"], "pt": ["Falso"], "es": ["Falso"],
        "ar": ["\u0645\u0632\u064a\u0641"],
    },
}
LABEL_BIOS = {
    "parody": {
        "en": ["Parody account. Not affiliated with {name}.", "This is a parody account.",
               "Parody | not the real {name}"],
        "fr": ["Compte parodique, non affili\u00e9 \u00e0 {name}.", "Ceci est un compte parodique."],
        "pt": ["Conta de par\u00f3dia. N\u00e3o afiliada a {name}.", "Perfil de par\u00f3dia."],
        "es": ["Cuenta de parodia, no afiliada a {name}.", "Esto es una parodia."],
        "ar": ["\u062d\u0633\u0627\u0628 \u0633\u0627\u062e\u0631",
               "\u062d\u0633\u0627\u0628 \u0645\u062d\u0627\u0643\u0627\u0629 \u0633\u0627\u062e\u0631\u0629 \u063a\u064a\u0631 \u062a\u0627\u0628\u0639 \u0644\u0640 {name}"],
    },
    "fan": {
        "en": ["Fan account. Not affiliated.", "Fan page dedicated to {name}.",
               "Biggest fan of {name} \u2014 unofficial fan page"],
        "fr": ["Compte fan de {name}.", "Page fan non officielle."],
        "pt": ["P\u00e1gina de f\u00e3s de {name}.", "Conta de f\u00e3, n\u00e3o oficial."],
        "es": ["Cuenta de fans de {name}.", "P\u00e1gina de fans no oficial."],
        "ar": ["\u062d\u0633\u0627\u0628 \u0645\u0639\u062c\u0628\u064a\u0646 \u063a\u064a\u0631 \u0631\u0633\u0645\u064a",
               "\u0645\u0639\u062c\u0628 \u0628\u0640 {name}"],
    },
    "commentary": {
        "en": ["Commentary account about {name}. Not affiliated."],
        "fr": ["Compte de commentaire sur {name}. Non officiel."],
        "pt": ["Conta de coment\u00e1rio sobre {name}."],
        "es": ["Cuenta de comentario sobre {name}."],
        "ar": ["\u062d\u0633\u0627\u0628 \u062a\u0639\u0644\u064a\u0642 \u0639\u0644\u0649 \u0623\u062e\u0628\u0627\u0631 {name}"],
    },
    "fake": {
        "en": ["Fake account, obviously. Not the real {name}."],
        "fr": ["Faux compte, pas le vrai {name}."],
        "pt": ["Perfil falso, n\u00e3o \u00e9 o verdadeiro {name}."],
        "es": ["Cuenta falsa, no es el verdadero {name}."],
        "ar": ["\u062d\u0633\u0627\u0628 \u0645\u0632\u064a\u0641"],
    },
}
LABEL_LANG_WEIGHTS = {"en": 45, "fr": 25, "pt": 10, "es": 10, "ar": 10}
LABEL_TYPE_WEIGHTS = {"parody": 40, "fan": 35, "commentary": 15, "fake": 10}
LABEL_HANDLE_PATTERNS = {
    "parody": ["{h}parody", "{h}_parody", "parody{h}", "parody_{h}", "{h}parodie", "{h}_parodia"],
    "fan": ["{h}fans", "{h}_fans", "{h}fanpage", "fan_of_{h}", "{h}_fc", "{h}fanclub", "{h}_fanz"],
    "commentary": ["{h}_updates", "{h}news", "{h}_watch", "{h}_daily", "{h}_talk"],
    "fake": ["fake{h}", "{h}_fake", "not{h}", "faux_{h}", "notreal{h}"],
}
NAME_LABEL_FIRST = ["{label} {name}", "{label} | {name}", "{label}: {name}", "{label} - {name}",
                    "({label}) {name}", "[{label}] {name}"]
NAME_LABEL_LATER = ["{name} {label}", "{name} ({label})", "{name} | {label}", "{name} - {label}",
                    "{name} [{label}]"]

# ---------------------------------------------------------------------------
# Name / word tables
# ---------------------------------------------------------------------------

# Francophone West/Central African names (Faker has no fr_SN / fr_CI / fr_CM).
FRANCO_FIRST_NAMES = [
    "Mamadou", "Moussa", "Ibrahima", "Cheikh", "Ousmane", "Abdoulaye", "Modou", "Lamine",
    "Sadio", "Babacar", "Serigne", "Pape", "Amadou", "Seydou", "Adama", "Souleymane",
    "Fatou", "Aminata", "Awa", "Mariama", "Khady", "Ndeye", "Aissatou", "Rokhaya", "Coumba",
    "Kouadio", "Kouame", "Konan", "Yao", "Koffi", "Adjoua", "Affoue", "Amenan", "Akissi",
    "Ahou", "Brou", "Yapo", "Salimata", "Mariam", "Bintou", "Ange", "Serge", "Arsene",
    "Jean-Baptiste", "Marie-Claire", "Blaise", "Achille", "Rigobert", "Emmanuel", "Nadege",
]
FRANCO_LAST_NAMES = [
    "Diop", "Ndiaye", "Fall", "Sow", "Ba", "Diallo", "Gueye", "Faye", "Sarr", "Mbaye", "Seck",
    "Sy", "Kane", "Cisse", "Niang", "Thiam", "Dieng", "Mane", "Sall", "Ndour", "Diouf", "Camara",
    "Traore", "Kone", "Coulibaly", "Ouattara", "Kouassi", "Yao", "Bamba", "Toure", "Konate",
    "Diabate", "Kouame", "N'Guessan", "Koffi", "Aka", "Gbagbo", "Yeo", "Soro", "Kacou",
    "Mbappe", "Eto'o", "Nkoulou", "Mbarga", "Ngono", "Atangana", "Essomba", "Fotso", "Kamga",
    "Tchoupo", "Nguema", "Onana", "Mbia", "Abena", "Biya", "Ekotto", "Njoya", "Tchami",
]
# Accented spellings actually used for some of the surnames above.
FRANCO_ACCENTED = {"Mane": "Man\u00e9", "Traore": "Traor\u00e9", "Kone": "Kon\u00e9",
                   "Toure": "Tour\u00e9", "Konate": "Konat\u00e9", "Diabate": "Diabat\u00e9",
                   "Cisse": "Ciss\u00e9", "Gueye": "Gu\u00e8ye", "Kouame": "Kouam\u00e9",
                   "Mbappe": "Mbapp\u00e9"}

# Common given names / surnames missing from Faker's small West African lists.
WA_EXTRA_FIRST_NAMES = {
    "yo_NG": ["Olamide", "Femi", "Yemi", "Tiwa", "Simi", "Teni", "Seun", "Tobi", "Wole", "Jide",
              "Bola", "Dele", "Tunde", "Kemi", "Funke", "Tolu", "Bisi", "Yinka", "Lola", "Ayo",
              "Dayo", "Segun", "Tope", "Sola", "Shola", "Gbenga", "Kunle", "Wale", "Lanre", "Toyin"],
    "ig_NG": ["Chidi", "Nkechi", "Chioma", "Kelechi", "Amaka", "Chinonso", "Nonso", "Ebuka",
              "Chibuzor", "Ifeoma", "Obiora", "Genevieve", "Oby"],
    "ha_NG": ["Aminu", "Usman", "Bashir", "Rabiu", "Nasir", "Kashim", "Atiku", "Sadiq", "Halima",
              "Muhammadu", "Nuhu", "Kabir"],
    "tw_GH": ["Kofi", "Kwame", "Kwabena", "Yaw", "Kojo", "Akua", "Ama", "Abena", "Efua", "Kwesi",
              "Nana", "Yvonne", "Jackie"],
}
WA_EXTRA_LAST_NAMES = {
    "yo_NG": ["Kuti", "Alade", "Akindele", "Balogun", "Adedeji", "Makinwa", "Abudu", "Ogunleye"],
    "ig_NG": ["Nnaji", "Okoli", "Okoye", "Azubuike", "Ekweani", "Nwankwo"],
    "ha_NG": ["Musa", "Shettima", "Bello", "Sani"],
    "tw_GH": ["Appiah", "Gyan", "Mensah", "Addo", "Owusu", "Partey"],
}

TITLES = {"default": ["Dr.", "Chief", "Hon.", "Prof.", "Engr.", "Barr."],
          "ha_NG": ["Alhaji", "Hajiya", "Mallam", "Dr."], "tw_GH": ["Nana", "Dr.", "Hon.", "Togbe"],
          "franco": ["El Hadji", "Dr.", "Me", "S.E."]}

STAGE_NAME_PATTERNS = ["{first}zy", "{first}kid", "Lil {first}", "DJ {first}", "MC {first}",
                       "Young {first}", "{first} Baby", "{short}zee", "{short}ex", "{first} Gold",
                       "King {first}", "{first} Sparks", "{short}boi"]

BRAND_WORDS = ["Kobo", "Sahel", "Savanna", "Baobab", "Kente", "Ankara", "Harmattan", "Cowrie",
               "Naija", "Gidi", "Eko", "Akwaaba", "Teranga", "Ubuntu", "Jollof", "Sankofa",
               "Adire", "Lagoon", "Volta", "Zuri", "Amani", "Nuru", "Palmwine", "Kola", "Oasis"]
BRAND_PATTERNS_SURNAME = ["{last} Group", "{last} Foods", "{last} Cement", "{last} Holdings",
                          "{last} Motors", "{last} Oil & Gas", "{last} Industries"]
BRAND_PATTERNS_WORD = ["{word}Pay", "{word} Bank", "{word} Air", "{word} Telecom", "{word} Foods",
                       "{word} Energy", "{word} Mobile", "{word} Microfinance", "{word}Cash",
                       "{word} Express"]

# Official secondary handles of fictional accounts.
OFFICIAL_PATTERNS_PERSON = ["{h}Media", "{h}TV", "{h}HQ", "Team{h}", "{h}Fdn", "{h}Office",
                            "{last}Foundation", "{first}Foundation"]
OFFICIAL_PATTERNS_STAGE = ["{h}Music", "{h}Records", "{h}Tour", "{h}TV", "Team{h}", "{h}Merch"]
OFFICIAL_PATTERNS_BRAND = ["{h}Care", "{h}Help", "{h}_Support", "{h}NG", "{h}Africa", "{h}News"]
OFFICIAL_NAME_WORDS = ["Care", "Help", "Support", "TV", "Records", "Media", "Foundation", "Fdn",
                       "HQ", "Music", "Tour", "Merch", "Office", "Africa", "News", "Group"]

WA_CITIES = ["Lagos", "Abuja", "Kano", "Ibadan", "Port Harcourt", "Enugu", "Benin City", "Kaduna",
             "Owerri", "Jos", "Accra", "Kumasi", "Tamale", "Takoradi", "Dakar", "Thi\u00e8s",
             "Saint-Louis", "Abidjan", "Bouak\u00e9", "Yamoussoukro", "Douala", "Yaound\u00e9",
             "Bamenda", "Nairobi", "London", "Paris", "Houston", "Toronto"]
INTERESTS = ["Arsenal fan", "Chelsea till I die", "Man United \u26bd", "Jollof connoisseur",
             "Tech enthusiast", "Afrobeats lover", "God first \U0001f64f\U0001f3fe",
             "Views are my own", "Mum of 2", "Dad. Husband. Engineer.", "Photographer \U0001f4f7",
             "Foodie", "Reader \U0001f4da", "Aspiring writer", "Crypto curious", "Runner",
             "Proud alumnus", "Nollywood addict", "Lifelong learner", "Gospel music \U0001f3b6"]
HANDLE_WORDS = ["writes", "tech", "dev", "arts", "vibes", "photos", "designs", "ventures",
                "baby", "boss", "king", "queen", "fit", "eats", "reads", "codes", "speaks",
                "travels", "cooks", "_ng", "_gh", "musik", "sings", "law", "md", "rn"]
RANDOM_WORDS = ["blue", "happy", "sunny", "naija", "lion", "star", "cool", "gold", "pixel", "ocean",
                "dreamer", "soul", "rhythm", "urban", "silent", "wild", "cosmic", "lucky", "sweet",
                "brave", "mango", "coffee", "jollof", "kente", "lagos", "accra", "dakar", "daily",
                "little", "big", "real", "smart", "quiet", "rose", "shadow", "tiger", "eagle",
                "green", "royal", "humble", "zen", "nova", "echo", "sparkle", "honey"]
NAME_STOPWORDS = {"mr", "mrs", "dr", "prof", "dj", "mc", "king", "queen", "lil", "young", "the",
                  "of", "for", "de", "la", "wa", "el", "group", "bank", "nigeria", "ghana",
                  "official", "baby", "gold", "boy"}

# Locale weights for ordinary people (~40% West African).
NEGATIVE_LOCALES = {
    "en_NG": 9, "yo_NG": 9, "ha_NG": 6, "ig_NG": 6, "tw_GH": 5, "franco": 7,
    "en_US": 9, "en_GB": 4, "fr_FR": 6, "pt_BR": 5, "es_ES": 3, "es_MX": 3, "de_DE": 3,
    "it_IT": 3, "ar_AA": 2, "ar_SA": 2, "ru_RU": 3, "el_GR": 2, "hi_IN": 3, "zh_CN": 2,
    "ja_JP": 2, "ko_KR": 2, "tr_TR": 2, "pl_PL": 2, "sw": 2, "en_KE": 1, "zu_ZA": 1,
}
# Locales for fictional protected accounts (Latin script, mostly West African).
STAGE_NAME_LOCALES = {"yo_NG", "ig_NG", "ha_NG", "en_NG", "tw_GH", "franco", "sw", "en_KE", "zu_ZA"}
VIP_LOCALES = {
    "yo_NG": 14, "ig_NG": 10, "ha_NG": 8, "en_NG": 8, "tw_GH": 12, "franco": 16, "sw": 4,
    "en_KE": 3, "zu_ZA": 3, "en_US": 6, "en_GB": 2, "fr_FR": 5, "pt_BR": 3,
}
NON_LATIN_LOCALES = {"ar_AA", "ar_SA", "ru_RU", "el_GR", "hi_IN", "zh_CN", "ja_JP", "ko_KR"}
# Locales with a lorem word list in their own language (others fall back to Latin).
LOREM_LOCALES = {loc for loc in ["en_US", "fr_FR", "es_ES", "es_MX", "de_DE", "it_IT", "pl_PL",
                                 "ru_RU", "el_GR", "ja_JP", "zh_CN", "ar_AA"]
                 if importlib.util.find_spec("faker.providers.lorem." + loc)}
# Locales whose name lists are used to decide whether a token is a given
# name or a surname (for hard negatives).
POOL_LOCALES = ["en_NG", "yo_NG", "ha_NG", "ig_NG", "tw_GH", "fr_FR", "en_US", "en_GB", "sw",
                "en_KE", "zu_ZA", "pt_BR"]

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys], k=1)[0]


def strip_marks(s):
    """Remove diacritics and fold special letters (keeps case and punctuation)."""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch):
            continue
        out.append(SPECIAL_LETTER_FOLD.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def ascii_word(s):
    """ASCII letters/digits only, for building handles from names."""
    s = strip_marks(unicodedata.normalize("NFKC", s))
    return re.sub(r"[^A-Za-z0-9]", "", s)


def fold_token(t):
    return ascii_word(unicodedata.normalize("NFKD", t)).lower()


def name_tokens(name):
    toks = re.split(r"[\s\-_.,|'’()\[\]:]+", unicodedata.normalize("NFKC", name))
    return [fold_token(t) for t in toks if fold_token(t)]


def name_key(name):
    """Order-insensitive comparison key of a name."""
    return " ".join(sorted(name_tokens(name)))


def valid_handle(h):
    return bool(h) and bool(HANDLE_RE.match(h))


def handle_core(h):
    return re.sub(r"[^a-z]", "", h.lower())


def deletes1(s):
    return {s[:i] + s[i + 1:] for i in range(len(s))}


def camel(word):
    return word[:1].upper() + word[1:].lower() if word else word


def case_like(word, ref):
    """Case an affix word like the handle it is attached to."""
    if ref.isupper() and len(ref) > 2:
        return word.upper()
    if any(c.isupper() for c in ref):
        return word.upper() if word in COUNTRY_CODES else camel(word)
    return word


def copy_case(src, dst):
    return dst.upper() if src.isupper() else dst.lower()


# ---------------------------------------------------------------------------
# Character-level name transforms
# ---------------------------------------------------------------------------

_STYLE_CACHE = {}


def style_map(style):
    if style in _STYLE_CACHE:
        return _STYLE_CACHE[style]
    m = {}
    if style in MATH_STYLES:
        uname = MATH_STYLES[style]
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
            hole = MATH_HOLES.get((style, c))
            if hole:
                m[c] = hole
                continue
            size = "CAPITAL" if c.isupper() else "SMALL"
            m[c] = unicodedata.lookup("MATHEMATICAL %s %s %s" % (uname, size, c.upper()))
        digits = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]
        for d, dn in enumerate(digits):
            try:
                m[str(d)] = unicodedata.lookup("MATHEMATICAL %s DIGIT %s" % (uname, dn))
            except KeyError:
                pass
    elif style == "fullwidth":
        for o in range(0x21, 0x7F):
            m[chr(o)] = chr(o - 0x21 + 0xFF01)
    elif style == "circled":
        for i in range(26):
            m[chr(65 + i)] = chr(0x24B6 + i)
            m[chr(97 + i)] = chr(0x24D0 + i)
        m["0"] = "\u24ea"
        for d in range(1, 10):
            m[str(d)] = chr(0x2460 + d - 1)
    _STYLE_CACHE[style] = m
    return m


def apply_style(name, style):
    m = style_map(style)
    # Decompose first so that accented letters keep their mark on a styled base.
    return "".join(m.get(c, c) for c in unicodedata.normalize("NFD", name))


def random_style(rng):
    return rng.choice(list(MATH_STYLES) + OTHER_STYLES * 2)


def substitute_letters(rng, name, table, k_max=3):
    """Replace 1..k_max letters of name using table (value = char or list)."""
    positions = [i for i, c in enumerate(name) if c in table]
    if not positions:
        return None
    k = min(rng.randint(1, k_max), len(positions))
    chars = list(name)
    for i in rng.sample(positions, k):
        sub = table[chars[i]]
        chars[i] = rng.choice(sub) if isinstance(sub, list) else sub
    return "".join(chars)


def decorate(rng, name, pool=DECORATIONS):
    """Put 1-3 decorations before/after/between the words of name."""
    toks = name.split(" ")
    decos = [rng.choice(pool) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
    mode = rng.choice(["after", "after", "before", "both", "between"] if len(toks) > 1
                      else ["after", "after", "before", "both"])
    if mode == "after":
        sep = rng.choice([" ", " ", "", " | "])
        return name + sep + "".join(decos)
    if mode == "before":
        return "".join(decos) + " " + name
    if mode == "both":
        return decos[0] + " " + name + " " + "".join(decos[1:] or decos[:1])
    i = rng.randint(1, len(toks) - 1)
    return " ".join(toks[:i]) + " " + "".join(decos) + " " + " ".join(toks[i:])


# ---------------------------------------------------------------------------
# Handle techniques: fn(rng, handle) -> candidate or None
# ---------------------------------------------------------------------------


def _letter_positions(h):
    return [i for i, c in enumerate(h) if c.isalpha()]


def handle_insertion(rng, h):
    i = rng.randint(1, len(h))
    ref = h[i - 1] if h[i - 1].isalpha() else (h[i] if i < len(h) and h[i].isalpha() else "a")
    near = KEYBOARD.get(ref.lower(), "aeiou")
    c = rng.choice(near) if rng.random() < 0.7 else rng.choice("abcdefghijklmnopqrstuvwxyz")
    if c == ref.lower():
        return None
    c = c.upper() if h.isupper() else c
    return h[:i] + c + h[i:]


def handle_omission(rng, h):
    pos = _letter_positions(h)
    if len(h) < 4 or not pos:
        return None
    i = rng.choice(pos)
    return h[:i] + h[i + 1:]


def handle_repetition(rng, h):
    pos = _letter_positions(h)
    if not pos:
        return None
    i = rng.choice(pos)
    return h[:i + 1] + (h[i] if h.isupper() else h[i].lower()) + h[i + 1:]


def handle_transposition(rng, h):
    pos = [i for i in range(len(h) - 1) if h[i].lower() != h[i + 1].lower()
           and (h[i].isalnum() or h[i + 1].isalnum())]
    if not pos:
        return None
    i = rng.choice(pos)
    return h[:i] + h[i + 1] + h[i] + h[i + 2:]


def handle_replacement(rng, h):
    pos = [i for i in _letter_positions(h) if h[i].lower() in KEYBOARD]
    if not pos:
        return None
    i = rng.choice(pos)
    return h[:i] + copy_case(h[i], rng.choice(KEYBOARD[h[i].lower()])) + h[i + 1:]


def handle_vowel_swap(rng, h):
    pos = [i for i, c in enumerate(h) if c.lower() in VOWELS]
    if not pos:
        return None
    i = rng.choice(pos)
    v = rng.choice([x for x in VOWELS if x != h[i].lower()])
    return h[:i] + copy_case(h[i], v) + h[i + 1:]


def handle_digit_lookalike(rng, h):
    pos = [i for i, c in enumerate(h) if c in DIGIT_LOOKALIKE]
    if not pos:
        return None
    chars = list(h)
    for i in rng.sample(pos, min(len(pos), rng.choice([1, 1, 2]))):
        chars[i] = DIGIT_LOOKALIKE[chars[i]]
    return "".join(chars)


def handle_il_swap(rng, h):
    pos = [i for i, c in enumerate(h) if c in "lI"]
    if not pos:
        return None
    chars = list(h)
    for i in rng.sample(pos, min(len(pos), rng.choice([1, 1, 2]))):
        chars[i] = "I" if chars[i] == "l" else "l"
    return "".join(chars)


def handle_affix(rng, h):
    r = rng.random()
    if r < 0.55:
        if rng.random() < 0.45:
            word = rng.choice(AFFIX_PREFIXES)
            sep = rng.choice(["", "", "_"])
            return case_like(word, h) + sep + h
        word = rng.choice(AFFIX_SUFFIXES)
        sep = rng.choice(["", "_", "_"])
        w = case_like(word, h)
        if word in COUNTRY_CODES and rng.random() < 0.5:
            w = word.upper()
        return h + sep + w
    if r < 0.85:
        d = rng.choice(AFFIX_DIGITS)
        return rng.choice([h + d, h + d, h + "_" + d, d + h])
    return rng.choice(["_" + h, h + "_", "_" + h + "_", h + "__", "__" + h])


def handle_embedded(rng, h):
    pat = rng.choice(EMBED_PATTERNS)
    if any(c.isupper() for c in h) and rng.random() < 0.5:
        pat = pat.replace("giveaway", "Giveaway").replace("promo", "Promo")
    return pat.format(h=h)


HANDLE_TECHNIQUES = {
    "handle_insertion": handle_insertion,
    "handle_omission": handle_omission,
    "handle_repetition": handle_repetition,
    "handle_transposition": handle_transposition,
    "handle_replacement": handle_replacement,
    "handle_vowel_swap": handle_vowel_swap,
    "handle_digit_lookalike": handle_digit_lookalike,
    "handle_il_swap": handle_il_swap,
    "handle_affix": handle_affix,
    "handle_embedded": handle_embedded,
}
# Techniques an attacker uses to pick a handle for name-based impersonation.
ATTACKER_HANDLE_TECHNIQUES = list(HANDLE_TECHNIQUES)
TYPO_HANDLE_TECHNIQUES = ["handle_insertion", "handle_omission", "handle_repetition",
                          "handle_transposition", "handle_replacement", "handle_vowel_swap",
                          "handle_digit_lookalike", "handle_affix"]

# ---------------------------------------------------------------------------
# Name techniques: fn(rng, account) -> display name or None
# ---------------------------------------------------------------------------


def name_cyrillic(rng, acc):
    return substitute_letters(rng, acc["name"], CYRILLIC)


def name_greek(rng, acc):
    return substitute_letters(rng, acc["name"], GREEK)


def name_other_confusables(rng, acc):
    return substitute_letters(rng, acc["name"], OTHER_CONFUSABLES)


def name_invisible(rng, acc):
    chars = list(acc["name"])
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.25:
            blank = rng.choice(INVISIBLE_BLANKS)
            spaces = [i for i, c in enumerate(chars) if c == " "]
            if spaces and rng.random() < 0.6:
                chars[rng.choice(spaces)] = blank
            else:
                chars.insert(rng.choice([0, len(chars)]), blank)
        else:
            chars.insert(rng.randint(1, max(1, len(chars) - 1)), rng.choice(INVISIBLE_ZERO_WIDTH))
    return "".join(chars)


def name_styled(rng, acc):
    return apply_style(acc["name"], random_style(rng))


def name_decorated(rng, acc):
    return decorate(rng, acc["name"])


def name_diacritics_added(rng, acc):
    name = unicodedata.normalize("NFC", acc["name"])
    pos = [i for i, c in enumerate(name) if c in DIACRITIC_BASES]
    if not pos:
        return None
    chars = list(name)
    for i in rng.sample(pos, min(len(pos), rng.choice([1, 1, 2]))):
        mark = rng.choice(COMBINING_MARKS)
        composed = unicodedata.normalize("NFC", chars[i] + mark)
        if len(composed) == 1 and rng.random() < 0.6:
            chars[i] = composed            # precomposed form, e.g. é
        else:
            chars[i] = chars[i] + mark     # base + combining mark
    return "".join(chars)


def has_marks(name):
    return strip_marks(name) != unicodedata.normalize("NFC", name)


def name_diacritics_removed(rng, acc):
    name = unicodedata.normalize("NFC", acc["name"])
    marked = [i for i, c in enumerate(name) if strip_marks(c) != c]
    if not marked:
        return None
    if len(marked) == 1 or rng.random() < 0.6:
        return strip_marks(name)
    i = rng.choice(marked)
    return name[:i] + strip_marks(name[i]) + name[i + 1:]


def name_il_swap(rng, acc):
    name = acc["name"]
    pos = [i for i, c in enumerate(name) if c in "lI"]
    if not pos:
        return None
    chars = list(name)
    for i in rng.sample(pos, min(len(pos), rng.choice([1, 1, 2]))):
        chars[i] = "I" if chars[i] == "l" else "l"
    return "".join(chars)


def name_spacing_order(rng, acc):
    name = acc["name"]
    toks = name.split()
    options = []
    if len(toks) >= 2:
        options += ["reorder", "nospace", "extraspace", "separator"]
    if re.search(r"['\-]", name):
        options.append("punctuation")
    if not options:
        return None
    opt = rng.choice(options)
    if opt == "reorder":
        rest = toks[1:]
        return rng.choice([" ".join(rest + toks[:1]), " ".join(rest) + ", " + toks[0],
                           " ".join(rest).upper() + " " + toks[0]])
    if opt == "nospace":
        return "".join(toks)
    if opt == "extraspace":
        i = rng.randint(1, len(toks) - 1)
        return " ".join(toks[:i]) + " " * rng.randint(2, 4) + " ".join(toks[i:])
    if opt == "separator":
        return rng.choice([".", "_", "-", "\u00b7", " . "]).join(toks)
    return re.sub(r"['\-]", lambda m: rng.choice(["", " ", "\u2019", "`"]), name)


def name_alias(rng, acc):
    return rng.choice(acc["aliases"]) if acc["aliases"] else None


NAME_TECHNIQUES = {
    "name_cyrillic": name_cyrillic,
    "name_greek": name_greek,
    "name_other_confusables": name_other_confusables,
    "name_invisible": name_invisible,
    "name_styled": name_styled,
    "name_decorated": name_decorated,
    "name_diacritics_added": name_diacritics_added,
    "name_diacritics_removed": name_diacritics_removed,
    "name_il_swap": name_il_swap,
    "name_spacing_order": name_spacing_order,
    "name_alias": name_alias,
}

# Added later (2026-11-23). Generated after everything else, so the cases above stay the same for a seed.
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def name_leetspeak(rng, acc):
    name = acc["name"]
    pos = [i for i, c in enumerate(name) if c.lower() in LEET]
    if not pos:
        return None
    chars = list(name)
    for i in rng.sample(pos, min(len(pos), rng.choice([1, 2, 3]))):
        chars[i] = LEET[chars[i].lower()]
    return "".join(chars)


def name_caps_l_for_i(rng, acc):
    up = strip_marks(acc["name"]).upper() if rng.random() < 0.5 else acc["name"].upper()
    if "I" not in up:
        return None
    return up.replace("I", "l")


def name_rtl_override(rng, acc):
    name = acc["name"]
    toks = name.split()
    if len(toks) >= 2 and rng.random() < 0.5:
        # Only the last word, closed with a pop so what follows stays in order.
        return " ".join(toks[:-1]) + " \u202e" + toks[-1][::-1] + "\u202c"
    return "\u202e" + name[::-1]


def name_enclosed(rng, acc):
    base = 0x1F170 if rng.random() < 0.5 else 0x1F150
    plain = strip_marks(acc["name"])
    return "".join(chr(base + ord(c.upper()) - 65) if "A" <= c.upper() <= "Z" else c for c in plain)


def handle_lookalike_affix(rng, h):
    swapped = handle_il_swap(rng, h) if rng.random() < 0.5 else handle_digit_lookalike(rng, h)
    if not swapped:
        return None
    word = rng.choice(AFFIX_SUFFIXES)
    return rng.choice([swapped + "_" + case_like(word, h), case_like(rng.choice(AFFIX_PREFIXES), h) + "_" + swapped])


LATER_NAME_TECHNIQUES = {
    "name_leetspeak": name_leetspeak,
    "name_caps_l_for_i": name_caps_l_for_i,
    "name_rtl_override": name_rtl_override,
    "name_enclosed": name_enclosed,
}
LATER_HANDLE_TECHNIQUES = {"handle_lookalike_affix": handle_lookalike_affix}

# Added later still (2026-11-23, second half), generated last of all, so every case above stays the same.
LEET_DIGITS = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def handle_words(h):
    """The words of a handle as separators or capitals mark them (Macky_Sall, AlikoDangote)."""
    words = []
    for part in re.split(r"[_.\-]+", h):
        words += re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", part)
    return [w for w in words if w]


def handle_word_order(rng, h):
    words = handle_words(h)
    if len(words) < 2 or any(len(w) < 3 for w in words):
        return None
    order = words[:]
    while order == words:
        rng.shuffle(order)
    style = rng.random()
    if style < 0.3:
        return "".join(w[:1].upper() + w[1:] for w in order)          # DangoteAliko
    if style < 0.55:
        return "".join(order).lower()                                 # dangotealiko
    if style < 0.8:
        return rng.choice(["_", ".", "_"]).join(order)                # Dangote_Aliko
    k = rng.randrange(len(order))                                     # D4ng0teAliko
    order[k] = "".join(LEET_DIGITS.get(c, c) if rng.random() < 0.6 else c for c in order[k])
    return "".join(w[:1].upper() + w[1:] for w in order)


FINAL_HANDLE_TECHNIQUES = {"handle_word_order": handle_word_order}

# ---------------------------------------------------------------------------
# Generator state
# ---------------------------------------------------------------------------


class Gen:
    def __init__(self, seed, vips_path):
        self.rng = random.Random(seed)
        self.fakers = {}
        locales = sorted(set(NEGATIVE_LOCALES) | set(VIP_LOCALES) | set(POOL_LOCALES) | {"fr_FR"})
        for loc in locales:
            if loc == "franco":
                continue
            f = Faker(loc)
            f.seed_instance(self.rng.randrange(2 ** 31))
            self.fakers[loc] = f
        self.vips = load_vips(vips_path)
        self.used_handles = set()      # lower-case handles taken by any profile / account
        self.accounts = []             # protected accounts (dicts)
        self.unprotected = []          # vips.tsv rows not in the protected subset
        self.cases = []                # (profile, truth) without ids
        self.build_pools()

    # -- name pools -------------------------------------------------------
    def build_pools(self):
        """token -> [(locale, role)] from Faker's own name lists and ours."""
        self.token_roles = defaultdict(list)
        for loc in POOL_LOCALES:
            prov = importlib.import_module("faker.providers.person." + loc).Provider
            for role, attrs in (("first", ["first_names", "first_names_male", "first_names_female"]),
                                ("last", ["last_names", "last_names_male", "last_names_female"])):
                seen = set()
                for a in attrs:
                    for n in list(getattr(prov, a, None) or []):
                        t = fold_token(n)
                        if t and t not in seen and " " not in n:
                            seen.add(t)
                            self.token_roles[t].append((loc, role))
        for loc, names in WA_EXTRA_FIRST_NAMES.items():
            for n in names:
                if (loc, "first") not in self.token_roles[fold_token(n)]:
                    self.token_roles[fold_token(n)].append((loc, "first"))
        for loc, names in WA_EXTRA_LAST_NAMES.items():
            for n in names:
                if (loc, "last") not in self.token_roles[fold_token(n)]:
                    self.token_roles[fold_token(n)].append((loc, "last"))
        for n in FRANCO_FIRST_NAMES:
            self.token_roles[fold_token(n)].append(("franco", "first"))
        for n in FRANCO_LAST_NAMES:
            self.token_roles[fold_token(n)].append(("franco", "last"))

    def first_name(self, loc):
        if loc == "franco":
            if self.rng.random() < 0.5:
                return self.fakers["fr_FR"].first_name()
            return self.rng.choice(FRANCO_FIRST_NAMES)
        if loc in WA_EXTRA_FIRST_NAMES and self.rng.random() < 0.2:
            return self.rng.choice(WA_EXTRA_FIRST_NAMES[loc])
        return self.fakers[loc].first_name()

    def last_name(self, loc):
        if loc == "franco":
            n = self.rng.choice(FRANCO_LAST_NAMES)
            return FRANCO_ACCENTED.get(n, n) if self.rng.random() < 0.5 else n
        if loc in WA_EXTRA_LAST_NAMES and self.rng.random() < 0.1:
            return self.rng.choice(WA_EXTRA_LAST_NAMES[loc])
        return self.fakers[loc].last_name()

    # -- handles ------------------------------------------------------------
    def claim(self, h):
        if not valid_handle(h) or h.lower() in self.used_handles:
            return False
        self.used_handles.add(h.lower())
        return True

    def index_protected(self):
        """Indexes used to keep ordinary profiles away from protected ones."""
        self.protected_keys = set()
        self.token_index = defaultdict(list)   # token -> [(account idx, name idx)]
        for ai, acc in enumerate(self.accounts):
            for ni, n in enumerate([acc["name"]] + acc["aliases"]):
                self.protected_keys.add(name_key(n))
                for t in sorted(set(name_tokens(n))):
                    self.token_index[t].append((ai, ni))
        self.near = set()
        self.cores = set()
        self.near_owner = defaultdict(set)     # near-handle -> primary handles of its owners
        for acc in self.accounts:
            owner = acc["handles"][0].lower()
            for h in acc["handles"] + acc["official"]:
                lh = h.lower()
                for v in deletes1(lh) | {lh}:
                    self.near.add(v)
                    self.near_owner[v].add(owner)
                self.cores.add(handle_core(h))

    def points_elsewhere(self, h, acc):
        """True if handle variant h is also one edit away from another account's handle."""
        owner = acc["handles"][0].lower()
        lh = h.lower()
        for v in deletes1(lh) | {lh}:
            if self.near_owner.get(v, {owner}) - {owner}:
                return True
        return False

    def name_is_clear(self, name):
        """False if name equals a protected name/alias or shares >=2 tokens with one."""
        if name_key(name) in self.protected_keys:
            return False
        counts = Counter()
        for t in set(name_tokens(name)):
            for ref in self.token_index.get(t, ()):
                counts[ref] += 1
        return all(c < 2 for c in counts.values())

    def handle_is_clear(self, h):
        lh = h.lower()
        if lh in self.used_handles or handle_core(h) in self.cores or lh in self.near:
            return False
        return not (deletes1(lh) & self.near)

    def person_handle_candidates(self, first, last, loc, allow_random=True):
        rng = self.rng
        f, l = ascii_word(first).lower(), ascii_word(last).lower()
        if not f or not l or loc in NON_LATIN_LOCALES:
            return [self.faker_username(loc) for _ in range(3)]
        yy = str(rng.choice([rng.randint(70, 99), rng.randint(0, 12)])).zfill(2)
        nn = rng.choice([yy, str(rng.randint(1, 999)), str(rng.randint(1990, 2008))])
        nick = f[:rng.randint(3, 5)]
        styles = [
            f + "_" + l, f + l + nn, f[0] + l, f[0] + l + nn, f + l[0], f + "_" + l[0] + nn,
            l + f, l + "_" + f, nick + nn, f + rng.choice(HANDLE_WORDS), rng.choice(["the", "its", "iam"]) + f,
            f + "_" + l + nn, camel(f) + camel(l), f + l, camel(f) + "_" + camel(l), f + nn,
        ]
        if allow_random:
            styles.append(rng.choice(RANDOM_WORDS) + rng.choice(RANDOM_WORDS) + rng.choice(["", nn]))
            styles.append(rng.choice(RANDOM_WORDS) + "_" + f + rng.choice(["", nn]))
        rng.shuffle(styles)
        return styles

    def faker_username(self, loc):
        loc = "fr_FR" if loc == "franco" else loc
        u = self.fakers[loc].user_name()
        u = re.sub(r"[^A-Za-z0-9_]", "", u.replace("-", "_").replace(".", "_"))[:MAX_HANDLE]
        if len(u) < 4:
            u = (u + str(self.rng.randint(10, 9999)))[:MAX_HANDLE]
        return u

    def ordinary_handle(self, first, last, loc, allow_random=True):
        for _ in range(6):
            for h in self.person_handle_candidates(first, last, loc, allow_random):
                if 3 <= len(h) <= MAX_HANDLE and valid_handle(h) and self.handle_is_clear(h):
                    self.used_handles.add(h.lower())
                    return h
        return None

    def ordinary_bio(self, loc):
        rng = self.rng
        f = self.fakers["fr_FR" if loc == "franco" else loc]
        parts = []
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.35:
                parts.append(f.job())
            elif kind < 0.55:
                parts.append("\U0001f4cd " + rng.choice(WA_CITIES))
            elif kind < 0.8:
                parts.append(rng.choice(INTERESTS))
            else:
                lorem = f if (loc in LOREM_LOCALES) else self.fakers["en_US"]
                parts.append(lorem.sentence(nb_words=rng.randint(4, 9)))
        return rng.choice([" | ", ". ", " \u2022 "]).join(parts)

    def random_person(self, locales=NEGATIVE_LOCALES):
        loc = weighted(self.rng, locales)
        if loc in NON_LATIN_LOCALES:
            name = self.fakers[loc].name()
            return loc, name, name, ""
        first, last = self.first_name(loc), self.last_name(loc)
        name = first + " " + last
        if self.rng.random() < 0.06 and loc != "franco":
            name = self.fakers[loc].name()      # Faker's own format (titles, middle names)
            toks = [t for t in name.split() if not t.endswith(".")]
            if len(toks) >= 2:
                first, last = toks[0], toks[-1]
        return loc, name, first, last

    # -- emit ----------------------------------------------------------------
    def emit(self, kind, technique, expect, match, handle, name, bio=None):
        prof = {"platform": PLATFORM, "handle": handle, "name": name}
        if bio:
            prof["bio"] = bio
        truth = {"kind": kind, "technique": technique, "expect": expect,
                 "match": match["id"] if match else None}
        self.cases.append((prof, truth))


# ---------------------------------------------------------------------------
# Protected accounts
# ---------------------------------------------------------------------------


def load_vips(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.append({
                "name": r["name"].strip(),
                "aliases": [a.strip() for a in r["aliases"].split("|") if a.strip()],
                "handles": [r["handle"].strip()],
                "official": [o.strip() for o in r["official"].split("|") if o.strip()],
                "kind": r["kind"].strip(),
                "real": True,
            })
    for r in rows:
        for h in r["handles"] + r["official"]:
            if not valid_handle(h):
                raise SystemExit("vips.tsv: invalid handle %r" % h)
    return rows


def fictional_vip(g):
    """One fictional protected account built from Faker names."""
    rng = g.rng
    loc = weighted(rng, VIP_LOCALES)
    first, last = g.first_name(loc), g.last_name(loc)
    F, L = camel(ascii_word(first)), camel(ascii_word(last))
    if not F or not L:
        return None
    r = rng.random()
    aliases = []
    if r < 0.70:
        kind = "person"
        name = first + " " + last
        if rng.random() < 0.4:
            titles = TITLES.get(loc, TITLES["default"])
            aliases.append(rng.choices([rng.choice(titles) + " " + name,
                                        first + " " + g.first_name(loc) + " " + last,
                                        first[0] + ". " + last], weights=[2, 2, 1])[0])
        handle_pool = [(F + L, 5), (F.lower() + "_" + L.lower(), 3), ((F + L).lower(), 4),
                       (F[0] + L, 3), (F + "_" + L, 2), ((F + L).lower() + str(rng.randint(1, 99)), 1),
                       ("Iam" + F + L, 1), ("Real" + F + L, 1), (F + L[0], 1), ("The" + F + L, 1)]
        official_patterns = OFFICIAL_PATTERNS_PERSON
    elif r < 0.88 and loc in STAGE_NAME_LOCALES:
        kind = "mononym"
        if loc == "franco":
            F = camel(ascii_word(rng.choice(FRANCO_FIRST_NAMES)))
        short = F if len(F) <= 4 else (F[:4] if F[3].lower() in VOWELS else F[:3])
        name = rng.choice(STAGE_NAME_PATTERNS).format(first=F, short=short)
        aliases.append(first + " " + last)
        core = ascii_word(name)
        handle_pool = [(core, 4), (core.lower(), 4), ("iam" + core.lower(), 1), (core + "Music", 1),
                       ("its" + core.lower(), 1), (core.lower() + "_", 1), ("Official" + core, 1)]
        official_patterns = OFFICIAL_PATTERNS_STAGE
    elif r >= 0.88:
        kind = "brand"
        word = rng.choice(BRAND_WORDS)
        if rng.random() < 0.5:
            name = rng.choice(BRAND_PATTERNS_SURNAME).format(last=L)
        else:
            name = rng.choice(BRAND_PATTERNS_WORD).format(word=word)
            if " " in name and rng.random() < 0.3:
                aliases.append(word + " " + rng.choice(["Nigeria", "Ghana", "Africa", "Group"]))
        core = ascii_word(name)
        handle_pool = [(core, 5), (core + "NG", 2), (core.lower(), 2), (core + "_Africa", 1),
                       (core + "HQ", 1), (core + "_ng", 1), (core[:12] + "Ltd", 1)]
        official_patterns = OFFICIAL_PATTERNS_BRAND
    else:
        return None
    if not g.name_is_clear(name) or any(not g.name_is_clear(a) for a in aliases):
        return None
    handle = None
    pool = [(h, w) for h, w in handle_pool if 3 <= len(h) <= MAX_HANDLE and valid_handle(h)]
    while pool and handle is None:
        h, w = pool.pop(rng.choices(range(len(pool)), weights=[w for _, w in pool])[0])
        if g.handle_is_clear(h):
            handle = h
    if handle is None:
        return None
    g.used_handles.add(handle.lower())
    official = []
    if rng.random() < 0.6:
        pats = list(official_patterns)
        rng.shuffle(pats)
        for p in pats:
            o = p.format(h=handle.rstrip("_"), first=F, last=L)
            if valid_handle(o) and len(o) <= MAX_HANDLE and g.handle_is_clear(o):
                official.append(o)
                g.used_handles.add(o.lower())
                break
    return {"name": name, "aliases": aliases, "handles": [handle], "official": official,
            "kind": kind, "real": False}


def build_protected(g, n_accounts, real_fraction):
    rng = g.rng
    for v in g.vips:
        for h in v["handles"] + v["official"]:
            g.used_handles.add(h.lower())
    chosen = sorted(rng.sample(range(len(g.vips)), round(len(g.vips) * real_fraction)))
    chosen_set = set(chosen)
    g.accounts = [g.vips[i] for i in chosen]
    g.unprotected = [v for i, v in enumerate(g.vips) if i not in chosen_set]
    g.index_protected()
    tries = 0
    while len(g.accounts) < n_accounts and tries < n_accounts * 50:
        tries += 1
        acc = fictional_vip(g)
        if acc:
            g.accounts.append(acc)
            g.index_protected()
    rng.shuffle(g.accounts)
    for i, acc in enumerate(g.accounts, 1):
        acc["id"] = "vip-%03d" % i
    g.index_protected()


def protected_json(g):
    out = []
    for acc in g.accounts:
        d = {"id": acc["id"], "name": acc["name"]}
        # The list says which accounts are brands (the engine's optional `kind`); people are left unsaid.
        if acc["kind"] == "brand":
            d["kind"] = "brand"
        if acc["aliases"]:
            d["aliases"] = acc["aliases"]
        d["handles"] = [{"platform": PLATFORM, "handle": h} for h in acc["handles"]]
        if acc["official"]:
            d["official"] = [{"platform": PLATFORM, "handle": h} for h in acc["official"]]
        out.append(d)
    return {"accounts": out}


# ---------------------------------------------------------------------------
# Case builders
# ---------------------------------------------------------------------------


def attacker_handle(g, acc, techniques=ATTACKER_HANDLE_TECHNIQUES, tries=30):
    """A variant of acc's handle that is valid, new and not the account's own."""
    base = acc["handles"][0]
    for _ in range(tries):
        fn = HANDLE_TECHNIQUES[g.rng.choice(techniques)]
        h = fn(g.rng, base)
        if h and len(h) >= 2 and h.lower() != base.lower() and not g.points_elsewhere(h, acc) \
                and g.claim(h):
            return h
    return None


def lightly_varied(g, name):
    if g.rng.random() < 0.3:
        mark = g.rng.choice(["\u2705"] * 4 + VERIFIED_MARKS[1:] + FLAGS[:3])
        return name + g.rng.choice([" ", " ", ""]) + mark
    return name


def attacker_bio(g, acc):
    if g.rng.random() < 0.4:
        return g.rng.choice(ATTACKER_BIOS).format(name=acc["name"])
    return None


def nameless_attacker_bio(g):
    """Attacker bio that does not repeat the protected name (single-signal cases)."""
    if g.rng.random() < 0.3:
        return g.rng.choice([b for b in ATTACKER_BIOS if "{name}" not in b])
    return None


def gen_handle_technique(g, technique, n):
    fn = (HANDLE_TECHNIQUES.get(technique) or LATER_HANDLE_TECHNIQUES.get(technique)
          or FINAL_HANDLE_TECHNIQUES[technique])
    made = 0
    for _ in range(n * 60):
        if made >= n:
            break
        acc = g.rng.choice(g.accounts)
        base = acc["handles"][0]
        h = fn(g.rng, base)
        if not h or h.lower() == base.lower() or len(h) < 2 or g.points_elsewhere(h, acc) \
                or not g.claim(h):
            continue
        g.emit("positive", technique, "impersonation", acc, h, lightly_varied(g, acc["name"]),
               attacker_bio(g, acc))
        made += 1


def gen_name_technique(g, technique, n):
    fn = NAME_TECHNIQUES.get(technique) or LATER_NAME_TECHNIQUES[technique]
    eligible = list(g.accounts)
    if technique == "name_diacritics_removed":
        eligible = [a for a in g.accounts if has_marks(a["name"])]
        n = min(n, 8 * len(eligible))
    elif technique == "name_alias":
        eligible = [a for a in g.accounts if a["aliases"]]
    if not eligible:
        return
    made = 0
    for _ in range(n * 60):
        if made >= n:
            break
        acc = g.rng.choice(eligible)
        name = fn(g.rng, acc)
        if not name or name == acc["name"]:
            continue
        h = attacker_handle(g, acc)
        if not h:
            continue
        g.emit("positive", technique, "impersonation", acc, h, name, attacker_bio(g, acc))
        made += 1


def gen_name_only(g, n):
    made = 0
    for _ in range(n * 60):
        if made >= n:
            break
        acc = g.rng.choice(g.accounts)
        name = acc["name"]
        if g.rng.random() < 0.3:
            name = name + " " + g.rng.choice(DECORATIONS[:10])
        loc, _, first, last = g.random_person()
        h = g.ordinary_handle(first, last, loc)
        if not h:
            continue
        bio = nameless_attacker_bio(g)
        # A bio that claims to be the account or runs a scam is the second signal (issue 20).
        if bio:
            g.emit("positive", "name_only_plus_bio", "impersonation", acc, h, name, bio)
        else:
            g.emit("positive", "name_only", "suspicious", acc, h, name)
        made += 1


def gen_handle_only(g, n):
    made = 0
    for _ in range(n * 60):
        if made >= n:
            break
        acc = g.rng.choice(g.accounts)
        h = attacker_handle(g, acc, TYPO_HANDLE_TECHNIQUES)
        if not h:
            continue
        if g.rng.random() < 0.6:
            name = g.rng.choice(GENERIC_DISPLAY_NAMES)
        else:
            for _ in range(20):
                _, name, _, _ = g.random_person()
                if g.name_is_clear(name):
                    break
        bio = nameless_attacker_bio(g)
        if bio:
            g.emit("positive", "handle_only_plus_bio", "impersonation", acc, h, name, bio)
        else:
            g.emit("positive", "handle_only", "suspicious", acc, h, name)
        made += 1


def pick_label(g):
    ltype = weighted(g.rng, LABEL_TYPE_WEIGHTS)
    lang = weighted(g.rng, LABEL_LANG_WEIGHTS)
    return ltype, lang, g.rng.choice(LABELS[ltype][lang])


def label_handle(g, acc, ltype, affix_prob):
    base = acc["handles"][0]
    r = g.rng.random()
    if r < affix_prob:
        pats = list(LABEL_HANDLE_PATTERNS[ltype])
        g.rng.shuffle(pats)
        for p in pats:
            h = p.format(h=base if g.rng.random() < 0.5 else base.lower())
            if g.claim(h):
                return h
    if r < affix_prob + (1 - affix_prob) / 2:
        h = attacker_handle(g, acc, TYPO_HANDLE_TECHNIQUES)
        if h:
            return h
    loc, _, first, last = g.random_person()
    return g.ordinary_handle(first, last, loc)


def label_bio(g, ltype, lang, acc):
    return g.rng.choice(LABEL_BIOS[ltype][lang]).format(name=acc["name"])


def gen_labelled_compliant(g, n):
    for _ in range(n):
        acc = g.rng.choice(g.accounts)
        ltype, lang, label = pick_label(g)
        if lang != "ar" and g.rng.random() < 0.15:
            label = label.upper()
        name = g.rng.choice(NAME_LABEL_FIRST).format(label=label, name=acc["name"])
        h = label_handle(g, acc, ltype, 0.6)
        if h:
            g.emit("labelled", "labelled_compliant", "labelled", acc, h, name,
                   label_bio(g, ltype, lang, acc))


def gen_labelled_bio_only(g, n):
    for _ in range(n):
        acc = g.rng.choice(g.accounts)
        ltype, lang, _ = pick_label(g)
        bio = label_bio(g, ltype, lang, acc)
        if g.rng.random() < 0.3:
            bio += " " + g.rng.choice(INTERESTS)
        h = label_handle(g, acc, ltype, 0.2)
        if h:
            g.emit("labelled", "labelled_bio_only", "labelled", acc, h, acc["name"], bio)


def gen_labelled_name_later(g, n):
    for _ in range(n):
        acc = g.rng.choice(g.accounts)
        ltype, lang, label = pick_label(g)
        name = g.rng.choice(NAME_LABEL_LATER).format(label=label, name=acc["name"])
        h = label_handle(g, acc, ltype, 0.5)
        if h:
            g.emit("labelled", "labelled_name_later", "labelled", acc, h, name,
                   label_bio(g, ltype, lang, acc) if g.rng.random() < 0.6 else None)


def gen_own(g, n):
    for acc in g.rng.sample(g.accounts, min(n, len(g.accounts))):
        h = acc["handles"][0]
        r = g.rng.random()
        if r < 0.5:
            shown = h
        else:
            variants = [v for v in (h.lower(), h.upper(), h.swapcase(), camel(h)) if v != h]
            shown = g.rng.choice(variants) if variants else h
        bio = g.ordinary_bio("en_NG") if g.rng.random() < 0.5 else None
        g.emit("own", "own_handle", "own", acc, shown, acc["name"], bio)


def gen_allowed(g, n):
    pairs = [(acc, o) for acc in g.accounts for o in acc["official"]]
    for acc, o in g.rng.sample(pairs, min(n, len(pairs))):
        name, bio = acc["name"], None
        words = [w for w in OFFICIAL_NAME_WORDS if w.lower() in o.lower()]
        if words and g.rng.random() < 0.7:
            word = {"Fdn": "Foundation"}.get(words[0], words[0])
            name = name + " " + word
            if g.rng.random() < 0.5:
                bio = "Official %s account of %s." % (word.lower(), acc["name"])
        g.emit("allowed", "official_handle", "allowed", acc, o, name, bio)


def gen_negatives(g, n):
    made = 0
    while made < n:
        loc, name, first, last = g.random_person()
        if not g.name_is_clear(name):
            continue
        h = g.ordinary_handle(first, last, loc)
        if h is None:
            continue
        if g.rng.random() < 0.05:
            name = apply_style(name, random_style(g.rng)) if g.rng.random() < 0.4 \
                else decorate(g.rng, name, ORDINARY_EMOJI)
        bio = g.ordinary_bio(loc) if g.rng.random() < 0.10 else None
        g.emit("negative", "ordinary", "clear", None, h, name, bio)
        made += 1


def hard_negative_slots(g):
    """(account, token, locale, role) for every protected name token that is a
    real given name or surname in some locale's name list."""
    slots = []
    for acc in g.accounts:
        if acc["kind"] == "brand":
            continue
        for tok in acc["name"].split():
            t = fold_token(tok)
            if len(t) < 3 or t in NAME_STOPWORDS:
                continue
            for loc, role in g.token_roles.get(t, ()):
                slots.append((acc, tok, loc, role))
    return slots


def gen_hard_negatives(g, n):
    slots = hard_negative_slots(g)
    by_acc = defaultdict(list)
    for s in slots:
        by_acc[s[0]["id"]].append(s)
    acc_ids = sorted(by_acc)
    made = 0
    for _ in range(n * 30):
        if made >= n or not acc_ids:
            break
        acc, tok, loc, role = g.rng.choice(by_acc[g.rng.choice(acc_ids)])
        own_tokens = set(name_tokens(acc["name"]))
        for a in acc["aliases"]:
            own_tokens |= set(name_tokens(a))
        other = g.last_name(loc) if role == "first" else g.first_name(loc)
        if set(name_tokens(other)) & own_tokens:
            continue
        first, last = (tok, other) if role == "first" else (other, tok)
        name = first + " " + last
        if not g.name_is_clear(name):
            continue
        h = g.ordinary_handle(first, last, loc, allow_random=False)
        if not h:
            continue
        bio = g.ordinary_bio(loc) if g.rng.random() < 0.15 else None
        g.emit("hard_negative", "shares_one_token", "clear", None, h, name, bio)
        made += 1


def gen_unprotected_vips(g):
    """Real accounts from vips.tsv that are not protected in this set: clear."""
    for v in g.unprotected:
        h = v["handles"][0]
        if not g.name_is_clear(v["name"]) or handle_core(h) in g.cores or \
                h.lower() in g.near or deletes1(h.lower()) & g.near:
            continue
        bio = g.ordinary_bio("en_NG") if g.rng.random() < 0.3 else None
        g.emit("hard_negative", "unprotected_vip", "clear", None, h, v["name"], bio)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def write_outputs(g, out):
    os.makedirs(out, exist_ok=True)
    g.rng.shuffle(g.cases)
    with open(os.path.join(out, "protected.json"), "w", encoding="utf-8") as fh:
        json.dump(protected_json(g), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    with open(os.path.join(out, "profiles.jsonl"), "w", encoding="utf-8") as pf, \
            open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as tf:
        for i, (prof, truth) in enumerate(g.cases, 1):
            pid = "p%06d" % i
            pf.write(json.dumps(dict(id=pid, **prof), ensure_ascii=False) + "\n")
            tf.write(json.dumps(dict(id=pid, **truth), ensure_ascii=False) + "\n")


def summary(g, show):
    kinds = Counter(t["kind"] for _, t in g.cases)
    techs = Counter((t["kind"], t["technique"], t["expect"]) for _, t in g.cases)
    err = sys.stderr
    print("protected accounts: %d (%d real, %d fictional, %d with official handles)" % (
        len(g.accounts), sum(a["real"] for a in g.accounts), sum(not a["real"] for a in g.accounts),
        sum(bool(a["official"]) for a in g.accounts)), file=err)
    print("profiles: %d" % len(g.cases), file=err)
    for k, c in sorted(kinds.items()):
        print("  %-14s %6d" % (k, c), file=err)
    for (k, t, e), c in sorted(techs.items()):
        print("  %-14s %-26s %-14s %6d" % (k, t, e, c), file=err)
    if show:
        byid = {a["id"]: a for a in g.accounts}
        seen = Counter()
        for prof, truth in g.cases:
            t = truth["technique"]
            if seen[t] >= show:
                continue
            seen[t] += 1
            target = byid[truth["match"]] if truth["match"] else None
            print("[%s] handle=%s name=%r%s%s" % (
                t, prof["handle"], prof["name"],
                "  bio=%r" % prof["bio"] if "bio" in prof else "",
                "  -> %s (%s, @%s)" % (target["id"], target["name"], target["handles"][0]) if target else ""),
                file=err)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--negatives", type=int, default=30000)
    ap.add_argument("--hard-negatives", type=int, default=3000)
    ap.add_argument("--per-technique", type=int, default=150, help="positives per technique")
    ap.add_argument("--per-label", type=int, default=100, help="labelled cases per technique")
    ap.add_argument("--own", type=int, default=100)
    ap.add_argument("--allowed", type=int, default=100)
    ap.add_argument("--accounts", type=int, default=300)
    ap.add_argument("--real-fraction", type=float, default=0.6)
    ap.add_argument("--vips", default=os.path.join(HERE, "vips.tsv"))
    ap.add_argument("--show", type=int, default=0, help="print K examples per technique")
    args = ap.parse_args()

    t0 = time.time()
    g = Gen(args.seed, args.vips)
    build_protected(g, args.accounts, args.real_fraction)
    for t in HANDLE_TECHNIQUES:
        gen_handle_technique(g, t, args.per_technique)
    for t in NAME_TECHNIQUES:
        gen_name_technique(g, t, args.per_technique)
    gen_name_only(g, args.per_technique)
    gen_handle_only(g, args.per_technique)
    gen_labelled_compliant(g, args.per_label)
    gen_labelled_bio_only(g, args.per_label)
    gen_labelled_name_later(g, args.per_label)
    gen_own(g, args.own)
    gen_allowed(g, args.allowed)
    gen_unprotected_vips(g)
    gen_hard_negatives(g, args.hard_negatives)
    gen_negatives(g, args.negatives)
    for t in LATER_HANDLE_TECHNIQUES:
        gen_handle_technique(g, t, args.per_technique)
    for t in LATER_NAME_TECHNIQUES:
        gen_name_technique(g, t, args.per_technique)
    for t in FINAL_HANDLE_TECHNIQUES:
        gen_handle_technique(g, t, args.per_technique)
    write_outputs(g, args.out)
    summary(g, args.show)
    print("wrote %s in %.1fs" % (args.out, time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
