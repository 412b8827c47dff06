"""The hard avatar edits (issue 22): each protected picture edited as impersonators edit copied photos,
with a size, place and colour drawn at random per picture from a seed, and the same edits applied to a
sample of distinct pictures (an edited unrelated picture must not become a match either).

    target/avatar-venv/bin/python bench/avatars/make_hard.py [--set target/avatar-bench]

Reads the set's manifest.json (make_set.py) and writes <set>/hard/:

    hard/<edit>/<protected id>.png        one copy per protected picture and edit
    hard/distinct/<n>.png                 distinct pictures, one random edit each
    hard/manifest.json                    {"edits": [...], "params": {edit: {id: {...}}},
                                           "distinct": [{"file", "source_file", "edit"}], "seed"}

Every edit is drawn on the protected PNG at its own size, then saved as PNG (lossless, so each edit
is measured alone; `combo` adds a JPEG round trip). Deterministic: one random.Random per picture
and edit, seeded from SEED, the edit's name and the picture's id.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

SEED = 20261204
DISTINCT_EDITED = 2000  # distinct pictures edited (one random edit each)
WORDS = ["LIVE", "NEW", "OFFICIAL", "GIVEAWAY", "VERIFIED", "FAN PAGE", "SUPPORT", "DM ME", "WIN $500",
         "EN DIRECT", "OFFICIEL", "NOUVEAU", "CONCOURS"]
PALETTE = [(29, 155, 240), (255, 255, 255), (0, 0, 0), (220, 30, 40), (255, 200, 0), (30, 160, 80),
           (120, 60, 200), (255, 105, 180), (240, 240, 240), (20, 20, 30)]


def font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=max(6, size))
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def supersampled(size: int, draw, ss: int = 4) -> Image.Image:
    """An RGBA layer of `size` px drawn at `ss` times the size, then shrunk (smooth edges)."""
    big = Image.new("RGBA", (size * ss, size * ss), (0, 0, 0, 0))
    draw(ImageDraw.Draw(big), size * ss)
    return big.resize((size, size), Image.LANCZOS)


# ----------------------------------------------------------------------------- stickers


def sticker(rng: random.Random, d: int) -> tuple[Image.Image, str]:
    """A badge or sticker `d` px across: a tick disc, a star, a flag, a heart or a text pill."""
    shape = rng.choice(["tick", "tick", "star", "flag", "heart", "pill"])
    colour = rng.choice(PALETTE)
    ink = (255, 255, 255) if sum(colour) < 450 else (0, 0, 0)
    if shape == "pill":
        text = rng.choice(WORDS)
        f = font(round(d * 0.42))
        probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
        x0, y0, x1, y1 = probe.textbbox((0, 0), text, font=f)
        w, h = x1 - x0 + round(d * 0.5), round(d * 0.62)
        layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        dr = ImageDraw.Draw(layer)
        dr.rounded_rectangle((0, 0, w - 1, h - 1), radius=h // 2, fill=colour + (255,))
        dr.text(((w - (x1 - x0)) / 2 - x0, (h - (y1 - y0)) / 2 - y0), text, font=f, fill=ink)
        return layer, f"a '{text}' pill"

    def draw(dr: ImageDraw.ImageDraw, s: int) -> None:
        if shape == "tick":
            dr.ellipse((0, 0, s - 1, s - 1), fill=colour + (255,))
            pts = [(0.27 * s, 0.53 * s), (0.44 * s, 0.69 * s), (0.74 * s, 0.36 * s)]
            dr.line(pts, fill=ink + (255,), width=max(1, round(0.11 * s)), joint="curve")
        elif shape == "star":
            pts = []
            for k in range(10):
                r = s / 2 if k % 2 == 0 else s / 5
                a = math.pi / 2 + k * math.pi / 5
                pts.append((s / 2 + r * math.cos(a), s / 2 - r * math.sin(a)))
            dr.polygon(pts, fill=colour + (255,))
        elif shape == "flag":
            stripes = rng.sample(PALETTE, 3)
            for k, c in enumerate(stripes):
                dr.rectangle((0, s * 0.2 + k * s * 0.2, s - 1, s * 0.4 + k * s * 0.2), fill=c + (255,))
        else:  # heart
            dr.ellipse((0, s * 0.1, s * 0.55, s * 0.6), fill=colour + (255,))
            dr.ellipse((s * 0.45, s * 0.1, s - 1, s * 0.6), fill=colour + (255,))
            dr.polygon([(s * 0.04, s * 0.45), (s * 0.96, s * 0.45), (s / 2, s * 0.95)], fill=colour + (255,))

    return supersampled(d, draw), f"a {shape}"


def paste_sticker(im: Image.Image, rng: random.Random, lo: float, hi: float) -> tuple[Image.Image, dict]:
    w, h = im.size
    d = max(6, round(rng.uniform(lo, hi) * min(w, h)))
    layer, what = sticker(rng, d)
    corner = rng.choice(["top-left", "top-right", "bottom-left", "bottom-right"])
    m = round(rng.uniform(0.0, 0.06) * w)
    x = m if "left" in corner else w - m - layer.width
    y = m if "top" in corner else h - m - layer.height
    out = im.convert("RGBA")
    out.alpha_composite(layer, (max(0, x), max(0, y)))
    return out.convert("RGB"), {"sticker": what, "size": round(d / min(w, h), 3), "corner": corner}


# ----------------------------------------------------------------------------- edits


def sticker_small(im, rng):
    return paste_sticker(im, rng, 0.08, 0.14)


def sticker_large(im, rng):
    return paste_sticker(im, rng, 0.14, 0.20)


def pad_colour(im, rng):
    """Padding of any colour, or a blurred copy of the picture as fill."""
    w, h = im.size
    frac = rng.uniform(0.05, 0.20)
    kind = rng.choice(["white", "black", "colour", "blur"])
    big = (w + 2 * round(w * frac), h + 2 * round(h * frac))
    if kind == "blur":
        out = im.resize(big, Image.BILINEAR).filter(ImageFilter.GaussianBlur(radius=max(big) / 25))
    else:
        c = {"white": (255, 255, 255), "black": (0, 0, 0)}.get(kind) or rng.choice(PALETTE)
        out = Image.new("RGB", big, c)
    out.paste(im, ((big[0] - w) // 2, (big[1] - h) // 2))
    return out, {"fill": kind, "frac": round(frac, 3)}


def round_crop(im, rng):
    """A round or rounded-square crop on a background of any colour."""
    w, h = im.size
    s = min(w, h)
    sq = im.crop(((w - s) // 2, (h - s) // 2, (w - s) // 2 + s, (h - s) // 2 + s))
    shape = rng.choice(["circle", "rounded"])
    bg = rng.choice(PALETTE)
    r = rng.uniform(0.15, 0.3) * s

    def draw(dr, k):
        if shape == "circle":
            dr.ellipse((0, 0, k - 1, k - 1), fill=(255, 255, 255, 255))
        else:
            dr.rounded_rectangle((0, 0, k - 1, k - 1), radius=r * k / s, fill=(255, 255, 255, 255))

    mask = supersampled(s, draw).split()[3]
    return Image.composite(sq, Image.new("RGB", (s, s), bg), mask), {"shape": shape, "background": bg}


def screenshot(im, rng):
    """The avatar cut roughly out of a screenshot of a profile header: round, on a page, a few percent
    off-centre, with some of the page around it."""
    s = 200
    av, _ = round_crop(im.resize((s, s), Image.LANCZOS), random.Random(0))
    theme = rng.choice([(255, 255, 255), (21, 32, 43), (0, 0, 0)])
    page = Image.new("RGB", (s * 3, s * 2), theme)
    dr = ImageDraw.Draw(page)
    dr.rectangle((0, 0, s * 3, s * 0.6), fill=rng.choice(PALETTE))  # the header's banner
    x0, y0 = s // 3, s // 3
    mask = supersampled(s, lambda d, k: d.ellipse((0, 0, k - 1, k - 1), fill=(255, 255, 255, 255))).split()[3]
    ring = s + 8
    dr.ellipse((x0 - 4, y0 - 4, x0 - 4 + ring, y0 - 4 + ring), fill=theme)
    page.paste(av, (x0, y0), mask)
    margin = rng.uniform(0.02, 0.10) * s
    dx, dy = (rng.uniform(-0.05, 0.05) * s for _ in range(2))
    box = (x0 - margin + dx, y0 - margin + dy, x0 + s + margin + dx, y0 + s + margin + dy)
    return page.crop(tuple(round(v) for v in box)), {"margin": round(margin / s, 3), "off": [round(dx / s, 3), round(dy / s, 3)]}


def turn(im, rng):
    a = rng.choice([-1, 1]) * rng.uniform(2.0, 5.0)
    return im.rotate(a, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255)), {"degrees": round(a, 2)}


def tiny(im, rng):
    """Heavy downscaling (32-64 px) then upscaling back."""
    side = rng.randint(32, 64)
    w, h = im.size
    small = im.resize((max(1, round(w * side / max(w, h))), max(1, round(h * side / max(w, h)))), Image.LANCZOS)
    return small.resize((400, round(400 * h / w)), Image.BICUBIC), {"px": side}


def text_across(im, rng):
    """A word across the middle, with an outline."""
    w, h = im.size
    text = rng.choice(WORDS)
    size = round(rng.uniform(0.10, 0.18) * h)
    f = font(size)
    out = im.copy()
    dr = ImageDraw.Draw(out)
    x0, y0, x1, y1 = dr.textbbox((0, 0), text, font=f, stroke_width=max(1, size // 12))
    while x1 - x0 > 0.95 * w and size > 8:
        size -= 2
        f = font(size)
        x0, y0, x1, y1 = dr.textbbox((0, 0), text, font=f, stroke_width=max(1, size // 12))
    y = rng.uniform(0.35, 0.55) * h
    fill = rng.choice(PALETTE)
    stroke = (0, 0, 0) if sum(fill) > 450 else (255, 255, 255)
    dr.text(((w - (x1 - x0)) / 2 - x0, y - y0), text, font=f, fill=fill, stroke_width=max(1, size // 12), stroke_fill=stroke)
    return out, {"text": text, "size": round(size / h, 3)}


TINTS = ["sepia", "tint", "warm", "cool", "vignette", "faded"]


def tint(im, rng):
    """A colour filter: sepia, a tint, a warm or cool cast, a vignette, or faded contrast."""
    return tint_kind(im, rng.choice(TINTS), rng)


def tint_kind(im, kind, rng):
    """The colour filter `kind` (one of TINTS), its strength and colour drawn from `rng`."""
    if kind == "sepia":
        out = ImageOps.colorize(ImageOps.grayscale(im), (40, 26, 13), (255, 240, 192))
    elif kind == "tint":
        out = Image.blend(im, Image.new("RGB", im.size, rng.choice(PALETTE)), rng.uniform(0.15, 0.3))
    elif kind in ("warm", "cool"):
        r, g, b = im.split()
        k = rng.uniform(1.1, 1.25)
        if kind == "warm":
            r, b = r.point(lambda v: min(255, v * k)), b.point(lambda v: v / k)
        else:
            r, b = r.point(lambda v: v / k), b.point(lambda v: min(255, v * k))
        out = Image.merge("RGB", (r, g, b))
    elif kind == "vignette":
        w, h = im.size
        mask = Image.radial_gradient("L").resize((w, h)).point(lambda v: min(255, v * 1.2))
        out = Image.composite(Image.new("RGB", (w, h), (0, 0, 0)), im, mask.point(lambda v: v * 0.7))
    else:
        out = ImageEnhance.Contrast(ImageEnhance.Brightness(im).enhance(1.15)).enhance(0.7)
    return out, {"filter": kind}


def squeeze(im, rng):
    """The aspect ratio squeezed, then padded back to a square."""
    w, h = im.size
    k = rng.uniform(0.75, 0.9)
    vertical = rng.random() < 0.5
    small = im.resize((w, round(h * k)) if vertical else (round(w * k), h), Image.BICUBIC)
    out = Image.new("RGB", (w, h), rng.choice([(255, 255, 255), (0, 0, 0)]))
    out.paste(small, ((w - small.width) // 2, (h - small.height) // 2))
    return out, {"factor": round(k, 3), "axis": "height" if vertical else "width"}


def combo(im, rng):
    """Mirrored, cropped a little, a sticker in a corner, and a JPEG round trip."""
    im = ImageOps.mirror(im)
    w, h = im.size
    c = rng.uniform(0.02, 0.08)
    im = im.crop((round(w * c), round(h * c), w - round(w * c), h - round(h * c)))
    im, p = paste_sticker(im, rng, 0.08, 0.16)
    from io import BytesIO
    buf = BytesIO()
    im.save(buf, "JPEG", quality=rng.randint(40, 80))
    return Image.open(BytesIO(buf.getvalue())).convert("RGB"), {"crop": round(c, 3), **p}


EDITS = {
    "sticker_small": sticker_small,   # 8-14% of the picture
    "sticker_large": sticker_large,   # 14-20%
    "pad_colour": pad_colour,
    "round_crop": round_crop,
    "screenshot": screenshot,
    "turn": turn,
    "tiny": tiny,
    "text_across": text_across,
    "tint": tint,
    "squeeze": squeeze,
    "combo": combo,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=Path(__file__).resolve().parents[2] / "target/avatar-bench")
    args = ap.parse_args()
    manifest = json.loads((args.set / "manifest.json").read_text())
    out = args.set / "hard"
    params: dict[str, dict] = {e: {} for e in EDITS}
    for e in EDITS:
        (out / e).mkdir(parents=True, exist_ok=True)
    for p in manifest["protected"]:
        src = next((args.set / "protected").glob(f"{p['id']}.*"))
        im = Image.open(src).convert("RGB")
        for name, edit in EDITS.items():
            edited, info = edit(im, random.Random(f"{SEED}:{name}:{p['id']}"))
            edited.save(out / name / f"{p['id']}.png")
            params[name][p["id"]] = info
    (out / "distinct").mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    pick = sorted(rng.sample(range(len(manifest["distinct"])), min(DISTINCT_EDITED, len(manifest["distinct"]))))
    distinct = []
    for n in pick:
        d = manifest["distinct"][n]
        name = rng.choice(list(EDITS))
        im = Image.open(args.set / d["file"]).convert("RGB")
        edited, info = EDITS[name](im, random.Random(f"{SEED}:{name}:distinct:{n}"))
        file = f"hard/distinct/{n:05d}.png"
        edited.save(args.set / file)
        distinct.append({"file": file, "source_file": d["file"], "index": n, "edit": name, **({"family": d["family"]} if "family" in d else {})})
    (out / "manifest.json").write_text(json.dumps({"seed": SEED, "edits": list(EDITS), "params": params, "distinct": distinct}, indent=1))
    print(f"make_hard: {len(manifest['protected'])} protected x {len(EDITS)} edits, {len(distinct)} edited distinct pictures in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
