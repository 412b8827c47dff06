#!/usr/bin/env python3
"""What each dependency costs in the WASM package.

Usage: wasm-size.py UNOPTIMISED.wasm FINAL.wasm
UNOPTIMISED is cargo's output (it keeps the function-name section); FINAL is pkg/vipguard_bg.wasm after
wasm-bindgen and wasm-opt. Code is attributed by the crate in each function's name; the data segment is
split into the character-names table (crates/vipguard/src/text/normalize/char_names.txt, embedded verbatim) and everything else
(Unicode tables of unicode-security, -normalization and -script, string constants). Each group's gzip
figure is that group compressed alone, so the column does not add up to the total exactly."""
import gzip, os, re, sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]; i += 1
        size, i = leb(b, i)
        yield sid, b[i:i + size]
        i += size


def parse(path):
    b = open(path, "rb").read()
    imported_funcs, bodies, names, data = 0, [], {}, b""
    for sid, s in sections(b):
        if sid == 2:  # imports: count functions, which come first in the index space
            n, i = leb(s, 0)
            for _ in range(n):
                for _ in range(2):
                    ln, i = leb(s, i); i += ln
                kind = s[i]; i += 1
                if kind == 0:
                    _, i = leb(s, i); imported_funcs += 1
                elif kind == 1:
                    i += 1; fl, i = leb(s, i); _, i = leb(s, i)
                    if fl & 1: _, i = leb(s, i)
                elif kind == 2:
                    fl, i = leb(s, i); _, i = leb(s, i)
                    if fl & 1: _, i = leb(s, i)
                elif kind == 3:
                    i += 2
        elif sid == 10:
            n, i = leb(s, 0)
            for _ in range(n):
                size, i = leb(s, i)
                bodies.append(s[i:i + size]); i += size
        elif sid == 11:
            data += s
        elif sid == 0:
            ln, i = leb(s, 0)
            if s[i:i + ln] != b"name":
                continue
            i += ln
            while i < len(s):
                sub = s[i]; i += 1
                size, i = leb(s, i)
                if sub == 1:
                    j = i; n, j = leb(s, j)
                    for _ in range(n):
                        idx, j = leb(s, j); ln2, j = leb(s, j)
                        names[idx] = s[j:j + ln2].decode("utf-8", "replace"); j += ln2
                i += size
    return imported_funcs, bodies, names, data


def crate_of(name):
    """The crate a (legacy-mangled or plain) function name belongs to."""
    # Rust's v0 mangling (`_RNvNtCs…_4core3fmt…`): the first crate root, `C`, an optional
    # disambiguator `s…_`, then the crate name with its length.
    m = re.match(r"_R", name) and re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", name)
    if m:
        n = int(m.group(1))
        c = name[m.end():m.end() + n]
    elif (m := re.match(r"_ZN(\d+)", name)):
        n = int(m.group(1))
        ident = name[m.end():m.end() + n]
        ident = re.sub(r"^_?\$LT\$", "", ident)
        ident = ident.replace("$RF$", "").replace("mut$u20$", "").replace("dyn$u20$", "")
        crate = re.match(r"[A-Za-z_][A-Za-z0-9_]*", ident)
        c = crate.group(0) if crate else "?"
    else:
        m = re.match(r"[<&]*([A-Za-z_][A-Za-z0-9_]*)", name)
        c = m.group(1) if m else "?"
    if c in ("core", "alloc", "std", "compiler_builtins", "dlmalloc", "hashbrown", "memchr") or c.startswith("__"):
        return "Rust std (core, alloc, hashbrown, malloc)"
    if c in ("image", "zune_jpeg", "zune_core", "png", "fdeflate", "image_webp", "crc32fast", "byteorder_lite", "miniz_oxide", "adler2", "simd_adler32", "bytemuck", "num_traits", "moxcms"):
        return "image decoding (image, zune-jpeg, png, image-webp)"
    if c in ("serde", "serde_core", "serde_json", "serde_path_to_error", "itoa", "ryu", "zmij"):
        return "serde, serde_json, serde_path_to_error"
    if c in ("csv", "csv_core"):
        return "csv"
    if c in ("wasm_bindgen", "js_sys", "serde_wasm_bindgen"):
        return "wasm-bindgen, js-sys"
    if c.startswith("unicode"):
        return "unicode-* code (tables are in data)"
    return c


def main():
    raw_path, final_path = sys.argv[1], sys.argv[2]
    imported, bodies, names, data = parse(raw_path)
    groups = defaultdict(bytearray)
    for k, body in enumerate(bodies):
        groups[crate_of(names.get(imported + k, "?"))] += body
    table = open(os.path.join(ROOT, "crates", "vipguard", "src", "text", "normalize", "char_names.txt"), "rb").read()
    if table in data:
        groups["data: character names"] += table
        rest = data.replace(table, b"", 1)
    else:
        rest = data
    groups["data: other (Unicode tables, strings)"] += rest
    final = open(final_path, "rb").read()
    gz = len(gzip.compress(final, 9))
    print(f"pkg/vipguard_bg.wasm: {len(final):,} bytes raw, {gz:,} bytes gzipped (-9)")
    print(f"\nby dependency (cargo's output before wasm-opt, {sum(len(v) for v in groups.values()):,} bytes of code and data):")
    print(f"{'group':44} {'raw':>10} {'gzip alone':>11}")
    rows = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    other_raw = other_gz = 0
    for k, v in rows:
        g = len(gzip.compress(bytes(v), 9))
        if len(v) < 8000:
            other_raw += len(v); other_gz += g
            continue
        print(f"{k:44} {len(v):>10,} {g:>11,}")
    print(f"{'(smaller groups)':44} {other_raw:>10,} {other_gz:>11,}")
    print(f"SIZE raw={len(final)} gzip={gz}")


if __name__ == "__main__":
    main()
