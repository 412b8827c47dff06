#!/usr/bin/env python3
"""Build the image set for the avatar robustness benchmark.

Run through scripts/avatar-bench-data.sh, which makes the venv and unpacks the
Debian packages this reads. Output (default target/avatar-bench):

    protected/<id>.png                      the protected avatars (RGB, square: the centre square, <= 512 px)
    transformed/<transform>/<id>.<ext>      what an impersonator posts (jpg for jpeg_q30,
                                            webp for webp, png otherwise)
    distinct/<nnnn>.jpg                     other images, none a near-duplicate of another
                                            or of a protected avatar (JPEG q90, <= 512 px)
    manifest.json                           see README.md beside this file

Sources, all from package managers or already on disk (nothing is fetched here):
    - the sample images inside the scikit-image wheel (never imported: only located);
    - Debian packages unpacked by the shell script into --sources/<package>/;
    - the PDQ test images in ../shared/data/pdq (read-only), if present.

Large photos are cut into non-overlapping square tiles (at most 20 per photo) for the
distinct set; a photo chosen as protected is never tiled. Everything is deterministic:
sorted file lists, fixed seeds, pinned Pillow/numpy.
"""

from __future__ import annotations

import argparse
import functools
import io
import importlib.util
import json
import math
import os
import random
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps

Image.MAX_IMAGE_PIXELS = 64_000_000

SEED = 20240617
N_PROTECTED = 48
MIN_PROTECTED = 40
MIN_DISTINCT = 1000
MAX_SIDE = 512  # long side of protected and distinct images
DISTINCT_JPEG_QUALITY = 90
MIN_SHORT = 96  # short side of any source image (or tile) we keep
AHASH_DUP = 10  # near-duplicates: average hashes within 10 of 64 bits ...
DHASH_DUP = 16  # ... and difference hashes within 16 of 64 bits (see Deduper)
TILE_MIN_SHORT = 1000  # photos with a shorter short side are used whole
TILE_MAX_PER_PHOTO = 20  # tiles kept per photo, drawn from the busy cells of a grid ...
TILE_GRID_CELLS = 40  # ... of at most this many cells
TILE_MIN_SIDE = 256
BUSY_MIN_STD = 20.0  # grey-level spread (0-255) on a 64x64 thumbnail ...
BUSY_MIN_GRAD = 3.0  # ... and mean absolute neighbour difference: drops blank sky, bokeh
TILE_MIN_FINE = 1.5  # a tile also needs some fine detail (not just a blurred background)
CLIPART_SHARE = 0.45  # clipart aimed at in the distinct set; never more than half

TRANSFORMS = [
    "jpeg_q30", "webp", "resize_48", "resize_96", "upscale_2x", "crop_5", "crop_10",
    "pad_white_10", "pad_white_20", "pad_black_10", "pad_black_20", "mirror", "grayscale",
    "brightness", "contrast", "saturation", "rotate_3", "round_white", "badge", "caption",
]
TRANSFORM_EXT = {t: "png" for t in TRANSFORMS} | {"jpeg_q30": "jpg", "webp": "webp"}

CAPTIONS = [
    "Official account", "Fan page", "DM for collabs", "Giveaway! Link in bio",
    "Backup account", "Follow for updates", "Customer support", "Investment tips",
    "Not a parody", "New account, follow me",
]

# --------------------------------------------------------------------------- catalogue
# Every source file is listed by hand, with what it shows:
#   kind   photo | artwork | clipart
#   avatar may be picked as a protected avatar (a person, animal or object in a photo)
# A listed file that is missing is reported and skipped; the counts are checked at the end.


@dataclass
class Entry:
    source: str  # provenance, e.g. "deb:palapeli-data:usr/share/palapeli/collection/x.jpg"
    family: str  # where it comes from, for spreading the protected picks
    kind: str
    avatar: bool
    load: Callable[[], Image.Image]
    tile: bool = True  # may be tiled when large (False: always use whole)


@dataclass
class Item:
    source: str
    family: str
    kind: str
    group: str  # entry source: tiles of one photo share it
    image: Image.Image
    ahash: int = 0
    dhash: int = 0
    jpeg: bytes = b""  # the distinct file, encoded before hashing so the check sees it


def to_rgb(im: Image.Image) -> Image.Image:
    """RGB, EXIF orientation applied; a transparent image is cut to what it shows (its
    opaque bounding box plus a 4% margin) and composited onto white."""
    im = ImageOps.exif_transpose(im)
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(a)
        im = Image.fromarray(a.round().astype(np.uint8), "L")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        box = rgba.getchannel("A").point(lambda v: 255 if v > 16 else 0).getbbox()
        if box is not None:
            m = round(0.04 * max(box[2] - box[0], box[3] - box[1]))
            rgba = rgba.crop((max(0, box[0] - m), max(0, box[1] - m),
                              min(rgba.width, box[2] + m), min(rgba.height, box[3] + m)))
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        bg.alpha_composite(rgba)
        im = bg
    return im.convert("RGB")


def file_loader(path: Path) -> Callable[[], Image.Image]:
    def load() -> Image.Image:
        with Image.open(path) as im:
            im.load()
            return to_rgb(im)
    return load


def bytes_loader(data: bytes) -> Callable[[], Image.Image]:
    def load() -> Image.Image:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            return to_rgb(im)
    return load


def skimage_data_dir() -> Path | None:
    spec = importlib.util.find_spec("skimage")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(list(spec.submodule_search_locations)[0]) / "data"
    return d if d.is_dir() else None


# (file, kind, avatar)
SKIMAGE = [
    ("astronaut.png", "photo", True), ("camera.png", "photo", True),
    ("chelsea.png", "photo", True), ("coffee.png", "photo", True),
    ("rocket.jpg", "photo", True), ("motorcycle_left.png", "photo", True),
    ("coins.png", "photo", False), ("moon.png", "photo", False),
    ("hubble_deep_field.jpg", "photo", False), ("retina.jpg", "photo", False),
    ("brick.png", "photo", False), ("grass.png", "photo", False),
    ("gravel.png", "photo", False), ("page.png", "photo", False),
    ("text.png", "photo", False), ("ihc.png", "photo", False),
    ("logo.png", "clipart", False), ("horse.png", "clipart", False),
]

# Relative to the PDQ data folder. Left out on purpose: decoded/ and the other
# bridge-mods/, dih/, exif-rotn/ and misc-images/modes/ files (edits of these same
# photos) and misc-images/c.png (the coaster of pen-and-coaster again).
PDQ = [
    ("bridge-mods/aaa-orig.jpg", "photo", True),
    ("reg-test-input/pen-and-coaster.png", "photo", True),
    ("reg-test-input/labelme-subset/q0291.jpg", "photo", True),
    ("reg-test-input/labelme-subset/q1050.jpg", "photo", True),
    ("reg-test-input/labelme-subset/q0122.jpg", "photo", False),
    ("reg-test-input/labelme-subset/q0746.jpg", "photo", False),
    ("reg-test-input/labelme-subset/q2821.jpg", "artwork", False),
]

# Debian packages: package -> [(path inside the package, kind, avatar)]
DEB_FILES = {
    "python-matplotlib-data": [
        ("usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg", "photo", True),
        ("usr/share/matplotlib/mpl-data/sample_data/logo2.png", "clipart", False),
    ],
    "palapeli-data": [
        ("usr/share/palapeli/collection/castle-maintenon.jpg", "photo", True),
        ("usr/share/palapeli/collection/cincinnati-bridge.jpg", "photo", True),
        ("usr/share/palapeli/collection/citrus-fruits.jpg", "photo", True),
        ("usr/share/palapeli/collection/european-honey-bee.jpg", "photo", True),
        ("usr/share/palapeli/collection/panther-chameleon-female.jpg", "photo", True),
    ],
    "lomiri-wallpapers-16.04": [
        (f"usr/share/backgrounds/{n}.jpg", kind, av) for n, kind, av in [
            ("Bridge_by_Sander_Klootwijk", "photo", False),
            ("Dragonfly_by_Bolly", "photo", True),
            ("Picture_0B_by_freespace", "photo", True),
            ("Picture_1A_by_freespace", "photo", True),
            ("Wine_by_Jakkub_Mede", "photo", True),
            ("aitzgorri_by_Aitzol_Berasategi", "photo", False),
            ("friends_by_Aitzol_Berasategi", "photo", True),
            ("life_by_Aitzol_Berasategi", "photo", False),
            ("picosdeeuropa_by_Aitzol_Berasategi", "photo", False),
            ("seeding_by_Clements_Engelhardt", "photo", False),
            ("sunset_by_Aitzol_Berasategi", "photo", False),
            ("analogpattern_by_Peter_Nerlich", "artwork", False),
            ("free_by_Peter_Nerlich", "artwork", False),
            ("greentock_by_Peter_Nerlich", "artwork", False),
            ("umang_by_Abhishek_Mudgal", "artwork", False),
        ]
    ],
    "mate-backgrounds": [
        (f"usr/share/backgrounds/mate/{n}", kind, av) for n, kind, av in [
            ("nature/Aqua.jpg", "photo", False),
            ("nature/Blinds.jpg", "photo", False),
            ("nature/Dune.jpg", "photo", False),
            ("nature/FreshFlower.jpg", "photo", True),
            ("nature/Garden.jpg", "photo", False),
            ("nature/GreenMeadow.jpg", "photo", False),
            ("nature/LadyBird.jpg", "photo", True),
            ("nature/RainDrops.jpg", "photo", False),
            ("nature/Storm.jpg", "photo", False),
            ("nature/TwoWings.jpg", "photo", True),
            ("nature/Wood.jpg", "photo", False),
            ("nature/YellowFlower.jpg", "photo", True),
            ("abstract/Elephants.jpg", "artwork", False),
        ]
    ],
}

# KDE Plasma wallpapers come in many sizes: the largest of each is used.
PLASMA = {
    "BytheWater": ("photo", False), "ColdRipple": ("photo", False),
    "ColorfulCups": ("photo", True), "DarkestHour": ("photo", False),
    "EveningGlow": ("photo", True), "FallenLeaf": ("photo", True),
    "Grey": ("photo", False), "Kite": ("photo", False),
    "OneStandsOut": ("photo", False), "Path": ("photo", False),
    "summer_1am": ("photo", False),
    "Altai": ("artwork", False), "Autumn": ("artwork", False), "Canopee": ("artwork", False),
    "Cascade": ("artwork", False), "Cluster": ("artwork", False), "Elarun": ("artwork", False),
    "Flow": ("artwork", False), "FlyingKonqui": ("artwork", False),
    "Honeywave": ("artwork", False), "IceCold": ("artwork", False), "Kay": ("artwork", False),
    "Kokkini": ("artwork", False), "MilkyWay": ("artwork", False), "Opal": ("artwork", False),
    "PastelHills": ("artwork", False), "Patak": ("artwork", False),
    "SafeLanding": ("artwork", False), "Shell": ("artwork", False), "Volna": ("artwork", False),
}
PLASMA_PKG = "plasma-workspace-wallpapers"

# Noto Color Emoji: every single-code-point glyph in these blocks, drawn at the font's
# bitmap size (109 -> 136x128 px). Sequences (flags, skin tones, ZWJ) are left out.
EMOJI_PKG = "fonts-noto-color-emoji"
EMOJI_FONT = "usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
EMOJI_RANGES = [(0x2190, 0x2BFF), (0x1F000, 0x1FAFF)]

# GCompris keeps its pictures (WebP) inside Qt resource files; we cut each RIFF/WEBP
# container out of the .rcc bytes (they are stored uncompressed).
# rcc name -> (kind, avatar). Left out: the jigsaw pieces in paintings, babyshapes (puzzle
# pieces), leftright (near-identical hands), details' small crops (< 96 px anyway).
GCOMPRIS_RCC = {
    "categorization": ("photo", True),
    "clickgame": ("photo", True),
    "erase": ("photo", True),
    "explore_farm_animals": ("photo", True),
    "explore_world_animals": ("photo", True),
    "explore_monuments": ("photo", False),
    "explore_world_music": ("photo", False),
    "louis-braille": ("photo", False),
    "solar_system": ("photo", False),
    "details": ("artwork", False),
    "paintings": ("artwork", False),  # only the whole paintings (no alpha), not the pieces
    "lang": ("clipart", False),
}
GCOMPRIS_DIR = "usr/share/gcompris-qt/rcc"


def webp_blobs(data: bytes) -> Iterator[bytes]:
    i = 0
    while True:
        i = data.find(b"RIFF", i)
        if i < 0 or i + 12 > len(data):
            return
        if data[i + 8:i + 12] == b"WEBP":
            size = struct.unpack("<I", data[i + 4:i + 8])[0]
            if i + 8 + size <= len(data):
                yield data[i:i + 8 + size]
                i += 8 + size
                continue
        i += 4


@functools.lru_cache(maxsize=None)
def _emoji_font(font_path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path), 109)


def _draw_emoji(font_path: Path, cp: int) -> Image.Image:
    im = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((0, 0), chr(cp), font=_emoji_font(font_path), embedded_color=True)
    return im


def emoji_code_points(font_path: Path) -> list[int]:
    """Code points the font draws (one it lacks draws nothing)."""
    return [cp for lo, hi in EMOJI_RANGES for cp in range(lo, hi + 1)
            if _draw_emoji(font_path, cp).getchannel("A").getbbox() is not None]


def emoji_loader(font_path: Path, cp: int) -> Callable[[], Image.Image]:
    return lambda: to_rgb(_draw_emoji(font_path, cp))


def catalogue(sources: Path, pdq: Path | None, warn: Callable[[str], None]) -> list[Entry]:
    entries: list[Entry] = []

    sk = skimage_data_dir()
    if sk is None:
        warn("scikit-image not found: its sample images are skipped")
    else:
        for name, kind, av in SKIMAGE:
            p = sk / name
            if p.is_file():
                entries.append(Entry(f"skimage:data/{name}", "skimage", kind, av, file_loader(p)))
            else:
                warn(f"missing {p}")

    if pdq is None or not pdq.is_dir():
        warn(f"PDQ test images not found ({pdq}): skipped")
    else:
        for rel, kind, av in PDQ:
            p = pdq / rel
            if p.is_file():
                entries.append(Entry(f"pdq:{rel}", "pdq", kind, av, file_loader(p)))
            else:
                warn(f"missing {p}")

    for pkg, files in DEB_FILES.items():
        root = sources / pkg
        if not root.is_dir():
            warn(f"package {pkg} not unpacked in {sources}: skipped")
            continue
        for rel, kind, av in files:
            p = root / rel
            if p.is_file():
                entries.append(Entry(f"deb:{pkg}:{rel}", pkg, kind, av, file_loader(p)))
            else:
                warn(f"missing {p}")

    root = sources / PLASMA_PKG / "usr/share/wallpapers"
    if not root.is_dir():
        warn(f"package {PLASMA_PKG} not unpacked in {sources}: skipped")
    else:
        for name, (kind, av) in PLASMA.items():
            imgs = sorted((root / name / "contents/images").glob("*x*.*"))
            def area(p: Path) -> int:
                w, _, h = p.stem.partition("x")
                return int(w) * int(h) if w.isdigit() and h.isdigit() else 0
            imgs = [p for p in imgs if area(p) > 0]
            if not imgs:
                warn(f"missing {root / name}")
                continue
            p = max(imgs, key=area)
            rel = p.relative_to(sources / PLASMA_PKG)
            entries.append(Entry(f"deb:{PLASMA_PKG}:{rel}", PLASMA_PKG, kind, av, file_loader(p)))

    font = sources / EMOJI_PKG / EMOJI_FONT
    if not font.is_file():
        warn(f"{font} not found: emoji skipped")
    else:
        for cp in emoji_code_points(font):
            entries.append(Entry(f"deb:{EMOJI_PKG}:{EMOJI_FONT}#U+{cp:04X}", "emoji", "clipart",
                                 False, emoji_loader(font, cp), tile=False))

    root = sources / "gcompris-qt-data" / GCOMPRIS_DIR
    if not root.is_dir():
        warn("package gcompris-qt-data not unpacked: skipped")
    else:
        for rcc, (kind, av) in GCOMPRIS_RCC.items():
            p = root / f"{rcc}.rcc"
            if not p.is_file():
                warn(f"missing {p}")
                continue
            for k, blob in enumerate(webp_blobs(p.read_bytes())):
                if rcc == "paintings":
                    with Image.open(io.BytesIO(blob)) as im:
                        if im.mode != "RGB":
                            continue
                fam = "gcompris-animals" if av and rcc != "categorization" else "gcompris"
                entries.append(Entry(f"deb:gcompris-qt-data:{GCOMPRIS_DIR}/{rcc}.rcc#webp{k}",
                                     fam, kind, av, bytes_loader(blob), tile=False))
    return entries


# --------------------------------------------------------------------------- measures


def shrink(im: Image.Image, side: int = MAX_SIDE) -> Image.Image:
    if max(im.size) <= side:
        return im
    w, h = im.size
    s = side / max(w, h)
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), Image.LANCZOS)


def _bits(bits: np.ndarray) -> int:
    v = 0
    for b in bits.flatten():
        v = (v << 1) | int(b)
    return v


def ahash(im: Image.Image) -> int:
    """8x8 average hash: a bit per cell, set where the cell is brighter than the mean."""
    a = np.asarray(im.convert("L").resize((8, 8), Image.BOX), dtype=np.float64)
    return _bits(a > a.mean())


def dhash(im: Image.Image) -> int:
    """8x8 difference hash: a bit per cell, set where it is brighter than its left neighbour."""
    a = np.asarray(im.convert("L").resize((9, 8), Image.BOX), dtype=np.float64)
    return _bits(a[:, 1:] > a[:, :-1])


def _grad(g: np.ndarray) -> float:
    return float((np.abs(np.diff(g, axis=0)).mean() + np.abs(np.diff(g, axis=1)).mean()) / 2)


def detail(im: Image.Image) -> tuple[float, float, float]:
    """(std of grey levels and mean absolute neighbour difference on a 64x64 grey
    thumbnail, the same difference on a 256x256 one: fine detail, low when blurred)."""
    grey = im.convert("L")
    g64 = np.asarray(grey.resize((64, 64), Image.BOX), dtype=np.float64)
    g256 = np.asarray(grey.resize((256, 256), Image.BOX), dtype=np.float64)
    return float(g64.std()), _grad(g64), _grad(g256)


def busy_enough(im: Image.Image, tile: bool = False) -> bool:
    std, grad, fine = detail(im)
    return (std >= BUSY_MIN_STD and grad >= BUSY_MIN_GRAD
            and (not tile or fine >= TILE_MIN_FINE))


def _hamming(hashes: np.ndarray, h: int) -> np.ndarray:
    x = np.bitwise_xor(hashes, np.uint64(h))
    return np.unpackbits(x.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1)


class Deduper:
    """Near-duplicate check against everything kept so far.

    Two images are near-duplicates when their 8x8 average hashes are within AHASH_DUP bits
    AND their 8x8 difference hashes are within DHASH_DUP bits. Re-encoding, resizing,
    blurring, sharpening and colour changes move both hashes by a few bits (the PDQ
    bridge-mods edits: aHash <= 2, dHash <= 5), so they are caught. The average hash alone
    also flags many unrelated images that merely share a coarse layout (an object on
    white, sky over land): about 0.6% of all pairs here, which at 1,000 images would
    throw away most candidates, and the very look-alike negatives this benchmark needs.
    """

    def __init__(self) -> None:
        self.a = np.zeros(0, dtype=np.uint64)
        self.d = np.zeros(0, dtype=np.uint64)

    def distinct(self, a: int, d: int) -> bool:
        if len(self.a) == 0:
            return True
        dup = (_hamming(self.a, a) <= AHASH_DUP) & (_hamming(self.d, d) <= DHASH_DUP)
        return not bool(dup.any())

    def add(self, a: int, d: int) -> None:
        self.a = np.append(self.a, np.uint64(a))
        self.d = np.append(self.d, np.uint64(d))


def tiles(im: Image.Image) -> list[tuple[int, int, int, int]]:
    """A centred grid of non-overlapping square tiles, at most TILE_GRID_CELLS of them."""
    w, h = im.size
    s = max(TILE_MIN_SIDE, math.ceil(math.sqrt(w * h / TILE_GRID_CELLS)))
    nx, ny = w // s, h // s
    x0, y0 = (w - nx * s) // 2, (h - ny * s) // 2
    return [(x0 + i * s, y0 + j * s, x0 + (i + 1) * s, y0 + (j + 1) * s)
            for j in range(ny) for i in range(nx)]


# --------------------------------------------------------------------------- transforms


def _ss_mask(size: tuple[int, int], draw: Callable[[ImageDraw.ImageDraw, int], None],
             ss: int = 4) -> Image.Image:
    big = Image.new("L", (size[0] * ss, size[1] * ss), 0)
    draw(ImageDraw.Draw(big), ss)
    return big.resize(size, Image.LANCZOS)


def pad(im: Image.Image, frac: float, color: tuple[int, int, int]) -> Image.Image:
    w, h = im.size
    px, py = round(w * frac), round(h * frac)
    out = Image.new("RGB", (w + 2 * px, h + 2 * py), color)
    out.paste(im, (px, py))
    return out


def crop(im: Image.Image, frac: float) -> Image.Image:
    w, h = im.size
    px, py = round(w * frac), round(h * frac)
    return im.crop((px, py, w - px, h - py))


def resize_long(im: Image.Image, side: int) -> Image.Image:
    w, h = im.size
    s = side / max(w, h)
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), Image.LANCZOS)


def round_white(im: Image.Image) -> Image.Image:
    w, h = im.size
    s = min(w, h)
    sq = im.crop(((w - s) // 2, (h - s) // 2, (w - s) // 2 + s, (h - s) // 2 + s))
    mask = _ss_mask((s, s), lambda d, k: d.ellipse((0, 0, s * k - 1, s * k - 1), fill=255))
    return Image.composite(sq, Image.new("RGB", (s, s), (255, 255, 255)), mask)


def badge(im: Image.Image) -> Image.Image:
    """A blue 'verified' disc with a white tick in the bottom-right corner."""
    w, h = im.size
    d = max(8, round(0.22 * w))
    m = round(0.03 * w)
    x0, y0 = w - m - d, h - m - d
    ss = 4
    layer = Image.new("RGBA", (d * ss, d * ss), (0, 0, 0, 0))
    dr = ImageDraw.Draw(layer)
    dr.ellipse((0, 0, d * ss - 1, d * ss - 1), fill=(29, 155, 240, 255))
    pts = [(0.27, 0.53), (0.44, 0.69), (0.74, 0.36)]
    pts = [(x * d * ss, y * d * ss) for x, y in pts]
    lw = max(1, round(0.11 * d * ss))
    dr.line(pts, fill=(255, 255, 255, 255), width=lw, joint="curve")
    for x, y in (pts[0], pts[-1]):  # round line caps
        r = lw / 2
        dr.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, 255))
    layer = layer.resize((d, d), Image.LANCZOS)
    out = im.convert("RGBA")
    out.alpha_composite(layer, (x0, y0))
    return out.convert("RGB")


def caption(im: Image.Image, text: str, bar: tuple[int, int, int]) -> Image.Image:
    w, h = im.size
    bh = max(8, round(0.18 * h))
    out = im.copy()
    dr = ImageDraw.Draw(out)
    dr.rectangle((0, h - bh, w, h), fill=bar)
    size = max(6, round(bh * 0.5))
    try:
        font = ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        font = ImageFont.load_default()
    # shrink the font until the text fits in 92% of the width
    while True:
        x0, y0, x1, y1 = dr.textbbox((0, 0), text, font=font)
        if x1 - x0 <= 0.92 * w or size <= 6:
            break
        size -= 1
        try:
            font = ImageFont.load_default(size=size)
        except TypeError:
            break
    x0, y0, x1, y1 = dr.textbbox((0, 0), text, font=font)
    x = (w - (x1 - x0)) / 2 - x0
    y = h - bh + (bh - (y1 - y0)) / 2 - y0
    dr.text((x, y), text, font=font, fill=(255, 255, 255))
    return out


def make_transforms(im: Image.Image, rng: random.Random) -> dict[str, Image.Image]:
    w, h = im.size
    bars = [(0, 0, 0), (20, 20, 20), (180, 20, 30), (15, 40, 110), (30, 110, 60)]
    text, bar = rng.choice(CAPTIONS), rng.choice(bars)
    return {
        "jpeg_q30": im,
        "webp": im,
        "resize_48": resize_long(im, 48),
        "resize_96": resize_long(im, 96),
        "upscale_2x": im.resize((w * 2, h * 2), Image.LANCZOS),
        "crop_5": crop(im, 0.05),
        "crop_10": crop(im, 0.10),
        "pad_white_10": pad(im, 0.10, (255, 255, 255)),
        "pad_white_20": pad(im, 0.20, (255, 255, 255)),
        "pad_black_10": pad(im, 0.10, (0, 0, 0)),
        "pad_black_20": pad(im, 0.20, (0, 0, 0)),
        "mirror": ImageOps.mirror(im),
        "grayscale": ImageOps.grayscale(im).convert("RGB"),
        "brightness": ImageEnhance.Brightness(im).enhance(1.30),
        "contrast": ImageEnhance.Contrast(im).enhance(1.40),
        "saturation": ImageEnhance.Color(im).enhance(1.60),
        "rotate_3": im.rotate(3, resample=Image.BICUBIC, expand=False,
                              fillcolor=(255, 255, 255)),
        "round_white": round_white(im),
        "badge": badge(im),
        "caption": caption(im, text, bar),
    }


def save_transform(name: str, im: Image.Image, path: Path) -> None:
    if name == "jpeg_q30":
        im.save(path, "JPEG", quality=30)
    elif name == "webp":
        im.save(path, "WEBP", quality=75, method=4)
    else:
        im.save(path, "PNG")


# --------------------------------------------------------------------------- main


def main() -> int:
    here = Path(__file__).resolve().parent
    repo = here.parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=repo / "target/avatar-sources",
                    help="folder with the unpacked Debian packages")
    ap.add_argument("--pdq", type=Path,
                    default=Path(os.environ.get("VIPGUARD_PDQ_DATA",
                                                repo.parent / "shared/data/pdq")),
                    help="PDQ test image folder (read-only)")
    ap.add_argument("--out", type=Path, default=repo / "target/avatar-bench")
    ap.add_argument("--protected", type=int, default=N_PROTECTED)
    args = ap.parse_args()

    t0 = time.time()
    warnings: list[str] = []

    def warn(msg: str) -> None:
        warnings.append(msg)
        print(f"make_set: warning: {msg}", file=sys.stderr)

    entries = catalogue(args.sources, args.pdq, warn)
    print(f"make_set: {len(entries)} source entries", file=sys.stderr)

    # ---- load every entry once (whole image), drop the small ones
    loaded: list[tuple[Entry, Image.Image]] = []
    for e in entries:
        try:
            im = e.load()
        except Exception as ex:  # a broken file is skipped, not fatal
            warn(f"cannot read {e.source}: {ex}")
            continue
        if min(im.size) < MIN_SHORT:
            continue
        if not (e.tile and min(im.size) >= TILE_MIN_SHORT):
            im = shrink(im)  # only photos to be tiled are kept at full size
        loaded.append((e, im))

    # ---- protected: spread over families, faces and people first, then seeded picks
    rng = random.Random(SEED)
    families: dict[str, list[tuple[Entry, Image.Image]]] = {}
    for e, im in loaded:
        if e.avatar and e.kind == "photo":
            families.setdefault(e.family, []).append((e, im))
    must = {"skimage:data/astronaut.png", "skimage:data/camera.png",
            "deb:python-matplotlib-data:usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg",
            "pdq:reg-test-input/labelme-subset/q0291.jpg"}
    order: list[tuple[Entry, Image.Image]] = [x for x in loaded if x[0].source in must]
    queues = []
    for fam in sorted(families):
        q = [x for x in families[fam] if x[0].source not in must]
        rng.shuffle(q)
        queues.append(q)
    while any(queues):
        for q in queues:
            if q:
                order.append(q.pop(0))

    dedup = Deduper()
    protected: list[Item] = []
    for e, im in order:
        if len(protected) >= args.protected:
            break
        small = shrink(im)
        if not busy_enough(small):
            continue
        ha, hd = ahash(small), dhash(small)
        if not dedup.distinct(ha, hd):
            continue
        dedup.add(ha, hd)
        protected.append(Item(e.source, e.family, e.kind, e.source, small, ha, hd))
    used = {p.group for p in protected}

    # ---- distinct candidates: every other entry, whole or as tiles
    cands: list[Item] = []
    for e, im in loaded:
        if e.source in used:
            continue
        if e.tile and min(im.size) >= TILE_MIN_SHORT:
            cells = [Item(f"{e.source}#tile={b[0]},{b[1]},{b[2]},{b[3]}", e.family, e.kind,
                          e.source, shrink(im.crop(b))) for b in tiles(im)]
            busy = [c for c in cells if busy_enough(c.image, tile=True)]
            if len(busy) > TILE_MAX_PER_PHOTO:
                keep = random.Random(f"{SEED}:{e.source}").sample(range(len(busy)),
                                                                  TILE_MAX_PER_PHOTO)
                busy = [busy[i] for i in sorted(keep)]
            # the flat cells go on too, only to be counted as flat below
            cands.extend(busy + [c for c in cells if not busy_enough(c.image, tile=True)])
        else:
            cands.append(Item(e.source, e.family, e.kind, e.source, shrink(im)))
    loaded.clear()

    by_kind: dict[str, list[Item]] = {"photo": [], "artwork": [], "clipart": []}
    rejected_flat = 0
    stats: dict[str, list[int]] = {}  # family -> [candidates, flat, near-duplicate, kept]
    # (clipart beyond the cap below is neither a near-duplicate nor kept)
    for c in cands:
        st = stats.setdefault(c.family, [0, 0, 0, 0])
        st[0] += 1
        if not busy_enough(c.image, tile="#tile=" in c.source):
            rejected_flat += 1
            st[1] += 1
            continue
        buf = io.BytesIO()
        c.image.save(buf, "JPEG", quality=DISTINCT_JPEG_QUALITY)
        c.jpeg = buf.getvalue()
        with Image.open(io.BytesIO(c.jpeg)) as im:
            c.image = im.convert("RGB")
        c.ahash, c.dhash = ahash(c.image), dhash(c.image)
        by_kind[c.kind].append(c)
    for k in by_kind:
        rng.shuffle(by_kind[k])

    distinct: list[Item] = []
    rejected_dup = 0
    for k in ("photo", "artwork", "clipart"):
        for c in by_kind[k]:
            if dedup.distinct(c.ahash, c.dhash):
                dedup.add(c.ahash, c.dhash)
                distinct.append(c)
            else:
                rejected_dup += 1
                stats[c.family][2] += 1
    # keep clipart a minority: at most CLIPART_SHARE of the set, or just enough to reach
    # MIN_DISTINCT, and never more than the photos and artwork together
    n_other = sum(1 for c in distinct if c.kind != "clipart")
    max_clip = min(n_other, max(math.ceil(CLIPART_SHARE / (1 - CLIPART_SHARE) * n_other),
                                MIN_DISTINCT - n_other))
    clip = [c for c in distinct if c.kind == "clipart"]
    over_cap = max(0, len(clip) - max_clip)
    if over_cap:
        drop = {id(c) for c in clip[max_clip:]}
        distinct = [c for c in distinct if id(c) not in drop]
    for c in distinct:
        stats[c.family][3] += 1
    # a stable, source-independent order for the file numbers
    rng.shuffle(distinct)

    # ---- write
    out = args.out
    (out / "protected").mkdir(parents=True, exist_ok=True)
    (out / "distinct").mkdir(parents=True, exist_ok=True)
    for t in TRANSFORMS:
        (out / "transformed" / t).mkdir(parents=True, exist_ok=True)

    man_protected = []
    trng = random.Random(SEED + 1)
    for i, p in enumerate(protected):
        pid = f"a{i:03d}"
        # Profile photos are square on every platform: the protected avatar is the centre square.
        w, h = p.image.size
        side = min(w, h)
        avatar = p.image.crop(((w - side) // 2, (h - side) // 2, (w - side) // 2 + side, (h - side) // 2 + side))
        avatar.save(out / "protected" / f"{pid}.png", "PNG")
        for name, im in make_transforms(avatar, trng).items():
            save_transform(name, im, out / "transformed" / name / f"{pid}.{TRANSFORM_EXT[name]}")
        man_protected.append({"id": pid, "source": p.source, "kind": p.kind})

    man_distinct = []
    for i, d in enumerate(distinct):
        f = f"distinct/{i:04d}.jpg"
        (out / f).write_bytes(d.jpeg)
        man_distinct.append({"file": f, "source": d.source, "kind": d.kind})

    packages = {}
    for pkg in sorted(set(DEB_FILES) | {"gcompris-qt-data", PLASMA_PKG, EMOJI_PKG}):
        v = args.sources / pkg / ".version"
        if v.is_file():
            packages[pkg] = v.read_text().strip()
    kinds = {k: sum(1 for d in distinct if d.kind == k) for k in ("photo", "artwork", "clipart")}
    manifest = {
        "protected": man_protected,
        "transforms": TRANSFORMS,
        "transform_ext": TRANSFORM_EXT,
        "distinct": man_distinct,
        "seed": SEED,
        "packages": packages,
        "counts": {"protected": len(protected), "distinct": len(distinct),
                   "distinct_by_kind": kinds},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")

    for fam, st in sorted(stats.items()):
        print(f"make_set:   {fam:28s} candidates {st[0]:4d}  flat {st[1]:4d}  "
              f"near-dup {st[2]:4d}  distinct {st[3]:4d}", file=sys.stderr)
    print(f"make_set: protected {len(protected)}, transforms {len(TRANSFORMS)}, "
          f"distinct {len(distinct)} {kinds} (dropped {rejected_flat} flat, "
          f"{rejected_dup} near-duplicates, {over_cap} clipart over the cap) "
          f"in {time.time() - t0:.0f} s", file=sys.stderr)

    ok = True
    if len(protected) < MIN_PROTECTED:
        print(f"make_set: error: only {len(protected)} protected avatars", file=sys.stderr)
        ok = False
    if len(distinct) < MIN_DISTINCT:
        print(f"make_set: error: only {len(distinct)} distinct images", file=sys.stderr)
        ok = False
    if kinds["clipart"] * 2 > len(distinct):
        print("make_set: error: clipart is more than half the distinct set", file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
