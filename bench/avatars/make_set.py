#!/usr/bin/env python3
"""Build the image set for the avatar robustness benchmark.

Run through scripts/avatar-bench-data.sh, which makes the venv and unpacks the
Debian packages this reads. Output (default target/avatar-bench):

    protected/<id>.png                      the protected avatars (RGB, square, <= 512 px):
                                            photos (the centre square) and logos (the
                                            picture on its flat background, padded square)
    transformed/<transform>/<id>.<ext>      what an impersonator posts (jpg for jpeg_q30,
                                            webp for webp, png otherwise)
    distinct/<nnnnn>.jpg                    other images, none a near-duplicate of another
                                            or of a protected avatar (JPEG q90, <= 512 px)
    manifest.json                           see README.md beside this file

Sources, all from package managers or already on disk (nothing is fetched here):
    - the sample images inside the scikit-image wheel (never imported: only located);
    - Debian packages unpacked by the shell script into --sources/<package>/;
    - the PDQ test images in ../shared/data/pdq or $VIPGUARD_PDQ_DATA (read-only; required).

Large pictures are cut into non-overlapping square tiles (at most 20 per picture) for the
distinct set; a picture chosen as protected is never tiled. Near-duplicates are dropped;
the pictures that remain are grouped into families (one artwork: its tiles, sizes,
recoloured variants, sprite frames, edits) and those close to a protected avatar are
flagged, so an evaluator can report matches to them apart from false matches.
Everything is deterministic: sorted file lists, fixed seeds, pinned Pillow/numpy.
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
import re
import struct
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont, ImageOps

Image.MAX_IMAGE_PIXELS = 64_000_000  # larger files are skipped (counted, not decoded)
warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # they raise TooLarge

SEED = 20240617
N_PROTECTED = 120
LOGO_SHARE = 1 / 3  # of the protected avatars: logos on a flat background; the rest photos
MIN_PROTECTED = 100
MIN_DISTINCT = 10_000
DISTINCT_TARGET = 10_400  # filled up to with clipart (a margin over MIN_DISTINCT)
MAX_SIDE = 512  # long side of protected and distinct images
DISTINCT_JPEG_QUALITY = 90
MIN_SHORT = 96  # short side of any source image (or tile) we keep
AHASH_DUP = 3  # near-duplicates: 8x8 average hashes within 3 of 64 bits and 8x8
DHASH_DUP = 6  # difference hashes within 6 of 64, or COPY_* below (see Deduper)
COPY_A = 8  # ... or 16x16 average hashes within 8 of 256 bits and 16x16 difference
COPY_D = 32  # hashes within 32 of 512 (see loose_hash)
FAMILY_A = 10  # one family: 16x16 average hashes within 10 of 256 bits and difference
FAMILY_D = 40  # hashes within 40 of 512, as is or mirrored (see loose_match)
NEAR_A = 16  # near a protected avatar: the same within 16 and 64 bits (mild edits of a
NEAR_D = 64  # copy: JPEG q30, half size, blur, sharpen, contrast, saturation)
TILE_MIN_SHORT = 1000  # pictures with a shorter short side are used whole
TILE_MAX_PER_PHOTO = 20  # tiles kept per picture, drawn from the busy cells of a grid ...
TILE_GRID_CELLS = 40  # ... of at most this many cells
TILE_MIN_SIDE = 256
BUSY_MIN_STD = 20.0  # grey-level spread (0-255) on a 64x64 thumbnail ...
BUSY_MIN_GRAD = 3.0  # ... and mean absolute neighbour difference: drops blank sky, bokeh
TILE_MIN_FINE = 1.5  # a tile also needs some fine detail (not just a blurred background)
CLIPART_SHARE = 0.45  # clipart aimed at in the distinct set; never more than half
FLAT_SHARE = 0.60  # "auto" kinds: drawn (not a photo) when 16 colours cover this share
LOGO_MARGIN = 0.10  # a logo avatar: its picture fills the middle 80% of the square
LOGO_MAX_ASPECT = 1.6  # wider logos (word marks) are not used as avatars
LOGO_COLOUR_SHARE = 1 / 3  # logos with a transparent background put on a solid colour
LOGO_COLOURS = [  # ... one of these, far from the logo's own mean colour
    (0, 0, 0), (29, 161, 242), (24, 119, 242), (225, 48, 108), (255, 204, 0),
    (36, 41, 46), (0, 128, 96), (230, 230, 230), (120, 40, 140), (200, 30, 40),
]
WHITE = (255, 255, 255)

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
# Small sources are listed file by file, large ones by folder rules (RULES), each with:
#   kind   photo | artwork | clipart, or auto:<kind> (that kind unless the picture is drawn
#          in flat colours: see AUTO_FLAT)
#   avatar "photo" or "logo" when it may be picked as a protected avatar of that kind
#   key    the artwork it shows: entries with one key (the sizes of an icon, the frames of
#          a sprite, the light and dark variants of a wallpaper) are one family
# A listed file that is missing is reported and skipped; the counts are checked at the end.


class TooLarge(Exception):
    pass


class TooSmall(Exception):
    pass


@dataclass
class Entry:
    source: str  # provenance, e.g. "deb:palapeli-data:usr/share/palapeli/collection/x.jpg"
    pool: str  # where it comes from, for spreading picks (a package or part of one)
    kind: str
    avatar: str  # "", "photo" or "logo"
    load: Callable[..., Image.Image]  # load(bg) -> RGB, transparency composited onto bg
    tile: bool = True  # may be tiled when large (False: always use whole)
    key: str = ""  # the artwork; "" = its own
    flat_kind: str = "clipart"  # for kind "auto:*": the kind when drawn in flat colours


@dataclass
class Item:
    source: str
    pool: str
    kind: str
    group: str  # entry source: tiles of one picture share it
    key: str  # artwork key
    ahash: int = 0
    dhash: int = 0
    loose: np.ndarray | None = None  # (2, 12) uint64: loose_hash of the picture, mirrored
    jpeg: bytes = b""  # the distinct file, encoded before hashing so the check sees it


def to_rgb(im: Image.Image, bg: tuple[int, int, int] = WHITE) -> Image.Image:
    """RGB, EXIF orientation applied; a transparent image is cut to what it shows (its
    opaque bounding box plus a 4% margin) and composited onto bg (white by default).
    info["alpha"] says whether it had transparency."""
    if im.width * im.height > Image.MAX_IMAGE_PIXELS:
        raise TooLarge(f"{im.width}x{im.height}")
    im = ImageOps.exif_transpose(im)
    alpha = False
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(a)
        im = Image.fromarray(a.round().astype(np.uint8), "L")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        box = rgba.getchannel("A").point(lambda v: 255 if v > 16 else 0).getbbox()
        if box is not None:
            alpha = box != (0, 0, rgba.width, rgba.height) or \
                rgba.getchannel("A").getextrema()[0] < 250
            m = round(0.04 * max(box[2] - box[0], box[3] - box[1]))
            rgba = rgba.crop((max(0, box[0] - m), max(0, box[1] - m),
                              min(rgba.width, box[2] + m), min(rgba.height, box[3] + m)))
        back = Image.new("RGBA", rgba.size, bg + (255,))
        back.alpha_composite(rgba)
        im = back
    out = im.convert("RGB")
    out.info["alpha"] = alpha
    return out


def file_loader(path: Path) -> Callable[..., Image.Image]:
    def load(bg: tuple[int, int, int] = WHITE) -> Image.Image:
        with Image.open(path) as im:
            if im.width * im.height > Image.MAX_IMAGE_PIXELS:
                raise TooLarge(f"{im.width}x{im.height}")
            if min(im.size) < MIN_SHORT:  # cutting to what it shows only makes it smaller
                raise TooSmall(f"{im.width}x{im.height}")
            im.load()
            return to_rgb(im, bg)
    return load


def bytes_loader(data: bytes) -> Callable[..., Image.Image]:
    def load(bg: tuple[int, int, int] = WHITE) -> Image.Image:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            return to_rgb(im, bg)
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

# Debian packages listed file by file: package -> [(path inside the package, kind, avatar)]
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
    "lomiri-wallpapers-20.04": [
        (f"usr/share/backgrounds/{n}.jpg", kind, False) for n, kind in [
            ("Kleiber_by_Lukas_Baubkus", "photo"), ("Fossa_by_Jasper_Roks", "artwork"),
            ("Infinite-Sea_by_Aury88", "artwork"),
            ("Painting-Colors_by__herobrine7gamer", "artwork"),
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
    # KPhotoAlbum's demo album: people, pets and places (its CategoryImages are crops of
    # these and are left out)
    "kphotoalbum": [
        (f"usr/share/kphotoalbum/demo/{n}.jpg", "photo", n in (
            "anne_helene", "bar55", "donna_2", "jesper", "new_wave_2", "pool", "spiff",
            "qt-logo", "cold_water"))
        for n in ("anne_helene", "bar55", "bar55_2", "blackie", "cold_water", "donna",
                  "donna_2", "grand_canyon_1", "grand_canyon_2", "grand_canyon_3", "jesper",
                  "jesper_2", "new_wave_1", "new_wave_2", "pool", "pool_2", "qt-logo",
                  "skagen", "skagen_2", "snow", "spiff", "spiff_2", "sunset", "wayne")
    ],
    # OpenCV's sample pictures (left out: the calibration chessboards, synthetic test
    # patterns, text and logos)
    "opencv-doc": [
        (f"usr/share/doc/opencv-doc/examples/data/{n}", kind, av) for n, kind, av in [
            ("HappyFish.jpg", "photo", True), ("aero1.jpg", "photo", False),
            ("aero3.jpg", "photo", False), ("aloeL.jpg", "photo", False),
            ("aloeR.jpg", "photo", False), ("apple.jpg", "photo", True),
            ("baboon.jpg", "photo", True), ("basketball1.png", "photo", False),
            ("basketball2.png", "photo", False), ("blox.jpg", "artwork", False),
            ("box.png", "photo", False), ("box_in_scene.png", "photo", False),
            ("building.jpg", "photo", False), ("butterfly.jpg", "photo", True),
            ("chicky_512.png", "photo", True), ("ela_original.jpg", "photo", False),
            ("ela_modified.jpg", "photo", False), ("fruits.jpg", "photo", True),
            ("graf1.png", "photo", False), ("graf3.png", "photo", False),
            ("home.jpg", "photo", False), ("left.jpg", "photo", False),
            ("right.jpg", "photo", False), ("leuvenA.jpg", "photo", False),
            ("leuvenB.jpg", "photo", False), ("licenseplate_motion.jpg", "photo", False),
            ("messi5.jpg", "photo", True), ("orange.jpg", "photo", True),
            ("rubberwhale1.png", "photo", False), ("rubberwhale2.png", "photo", False),
            ("smarties.png", "photo", False), ("squirrel_cls.jpg", "photo", True),
            ("starry_night.jpg", "artwork", False), ("stuff.jpg", "photo", False),
            ("sudoku.png", "photo", False), ("Blender_Suzanne1.jpg", "artwork", False),
            ("Blender_Suzanne2.jpg", "artwork", False),
        ]
    ],
    "python3-sklearn": [
        ("usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg", "photo", True),
        ("usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg", "photo", True),
    ],
}
# artwork keys for the pairs above (same scene, another frame or view; an edit)
DEB_FILE_KEYS = [
    (r"^(usr/share/kphotoalbum/demo/bar55)(_2)?$", r"\1"),
    (r"^(usr/share/doc/opencv-doc/examples/data/)(aero|aloe|basketball|box|ela|graf|leuven|"
     r"rubberwhale|blender_suzanne)[^/]*$", r"\1\2"),
    (r"^(usr/share/doc/opencv-doc/examples/data/)(left|right)$", r"\1stereo"),
]

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
    "categorization": ("photo", "photo"),
    "clickgame": ("photo", "photo"),
    "erase": ("photo", "photo"),
    "explore_farm_animals": ("photo", "photo"),
    "explore_world_animals": ("photo", "photo"),
    "explore_monuments": ("photo", ""),
    "explore_world_music": ("photo", ""),
    "louis-braille": ("photo", ""),
    "solar_system": ("photo", ""),
    "details": ("artwork", ""),
    "paintings": ("artwork", ""),  # only the whole paintings (no alpha), not the pieces
    "lang": ("clipart", "logo"),  # vocabulary drawings on transparent backgrounds
}
GCOMPRIS_DIR = "usr/share/gcompris-qt/rcc"


@dataclass
class Rule:
    """Every file matching one of the patterns (globs under the package root; png, jpg,
    webp) that an earlier rule did not take. The artwork key is the path without its
    extension, size folders (256x256, 96x96@2x, 96, scalable) and what subs take out."""
    pkg: str
    patterns: tuple[str, ...]
    kind: str
    avatar: str = ""
    exclude: str = ""  # regex searched in the path
    subs: tuple[tuple[str, str], ...] = ()  # (regex, replacement) on the key path
    flat_kind: str = "clipart"
    pool: str = ""  # default: the package


WES = "usr/share/games/wesnoth/1.16/data"
ESKY = "usr/share/games/endless-sky/images"
HW = "usr/share/games/hedgewars/Data"
GIMP = "usr/share/gimp/2.0/help/en/images"
FRAMES = (r"[-_ ]?\d+$", "")  # trailing frame or variant numbers
UNIT = (r"/([^/+-]+)[^/]*$", r"/\1")  # wesnoth: a unit's or a terrain's name before its '-'

RULES = [
    # ---- photos
    Rule("endless-sky-data", (f"{ESKY}/land/*.jpg",), "photo"),
    Rule("tuxpaint-stamps-default", ("usr/share/tuxpaint/stamps/**/*.png",), "auto:photo",
         avatar="photo", exclude=r"/alphabets/english/",
         subs=((r"_mirror$", ""), FRAMES)),
    Rule("tuxpaint-data", ("usr/share/tuxpaint/templates/*.jpg",
                           "usr/share/tuxpaint/templates/*.png",
                           "usr/share/tuxpaint/starters/*.jpg",
                           "usr/share/tuxpaint/starters/*.png"), "auto:photo",
         flat_kind="artwork", subs=((r"-back$", ""),)),
    # GIMP's manual: its filter and colour examples, mostly edits of one photo of the Taj
    # Mahal (one family) and of a few others; dialogs and menus are left out
    Rule("gimp-help-en", (f"{GIMP}/filters/**/*.jpg", f"{GIMP}/filters/**/*.png",
                          f"{GIMP}/menus/colors/**/*.jpg", f"{GIMP}/menus/colors/**/*.png"),
         "auto:photo", flat_kind="artwork",
         exclude=r"(dialog|menu|preset|option|screenshot|-dlg|preview)",
         subs=((r"^.*taj.*$", "taj"), (r"^(.*/[^/-]+-[^/-]+)-[^/]*$", r"\1"), FRAMES)),
    # OpenCV's manual: figures, mostly photos and what its functions make of them
    Rule("opencv-doc", ("usr/share/doc/opencv-doc/opencv4/html/**/*.jpg",
                        "usr/share/doc/opencv-doc/opencv4/html/**/*.png"), "auto:photo",
         exclude=r"(/search/|/form_|/doxygen|/bc_s|/bdwn|/closed|/open\.png|/nav_|/tab_|"
                 r"/sync_|/splitbar|/folder|/doc\.png|/ftv2|/class|/struct|/namespace|"
                 r"/group__|_graph|/inherit)"),
    # photo textures and skies of games
    Rule("scorched3d-data", ("usr/share/games/scorched3d/data/globalmods/*/data/textures/**/*.jpg",
                             "usr/share/games/scorched3d/data/globalmods/*/data/textures/**/*.png",
                             "usr/share/games/scorched3d/data/globalmods/*/data/textures/**/*.bmp"),
         "auto:photo", flat_kind="artwork", subs=((r"/globalmods/[^/]+/", "/globalmods/"),)),
    Rule("scorched3d-data", ("usr/share/games/scorched3d/data/globalmods/*/data/landscapes/*-pic.bmp",
                             "usr/share/games/scorched3d/data/globalmods/*/data/tanks/*.jpg",
                             "usr/share/games/scorched3d/data/globalmods/*/data/tanks/*.png"),
         "artwork", subs=((r"/globalmods/[^/]+/", "/globalmods/"),)),
    Rule("extremetuxracer-data", ("usr/share/games/etr/terrains/*.png",
                                  "usr/share/games/etr/env/**/*.png"), "auto:photo",
         flat_kind="artwork", subs=((r"H$", ""), FRAMES)),
    Rule("extremetuxracer-data", ("usr/share/games/etr/courses/**/preview.png",
                                  "usr/share/games/etr/players/*.png"), "artwork"),
    # ---- wallpapers (artwork; the light and dark variants of one are a family)
    Rule("ukui-wallpapers", ("usr/share/backgrounds/*.jpg", "usr/share/backgrounds/*.png"),
         "artwork"),
    Rule("gnome-backgrounds", ("usr/share/backgrounds/gnome/*.webp",), "artwork",
         subs=((r"-[ld]$", ""),)),
    Rule("sway-backgrounds", ("usr/share/backgrounds/sway/*.png",), "artwork",
         subs=((r"_\d+x\d+(_portrait)?$", ""),)),
    # Debian's artwork: a theme's wallpaper, login and boot screens are one family; so are
    # the logo's sizes and colours
    Rule("desktop-base", ("usr/share/desktop-base/debian-logos/logo-256.png",
                          "usr/share/icons/desktop-base/256x256/emblems/emblem-debian.png"),
         "clipart", avatar="logo",
         subs=((r"^.*/(debian-logos/logo|emblem-debian).*$", "debian-logo"),)),
    Rule("desktop-base", ("usr/share/desktop-base/debian-logos/*.png",
                          "usr/share/icons/desktop-base/**/*.png", "usr/share/pixmaps/*.png"),
         "clipart", subs=((r"^.*/(debian-logos/logo|emblem-debian).*$", "debian-logo"),)),
    Rule("desktop-base", ("usr/share/desktop-base/*-theme/**/*.png",
                          "usr/share/desktop-base/*-theme/**/*.jpg",
                          "usr/share/plymouth/themes/*/*.png",
                          "usr/share/plasma/look-and-feel/**/*.png",
                          "usr/share/plasma/look-and-feel/**/*.jpg"), "artwork",
         subs=((r"^usr/share/desktop-base/([a-z]+)-theme/.*$", r"theme-\1"),
               (r"^usr/share/plymouth/themes/([a-z]+)/.*$", r"theme-\1"),
               (r"^usr/share/plasma/look-and-feel/.*$", "theme-plasma"))),
    # ---- game and application artwork (sprite frames and views of one unit are a family)
    Rule("wesnoth-1.16-data", (f"{WES}/core/images/portraits/**/*.png",
                               f"{WES}/core/images/story/**/*.jpg",
                               f"{WES}/core/images/story/**/*.png",
                               f"{WES}/core/images/maps/**/*.png",
                               f"{WES}/core/images/maps/**/*.jpg",
                               f"{WES}/campaigns/**/*.jpg",
                               f"{WES}/campaigns/**/*.png"), "artwork", subs=(FRAMES,)),
    Rule("wesnoth-1.16-data", (f"{WES}/core/images/units/**/*.png",
                               f"{WES}/core/images/terrain/**/*.png",
                               f"{WES}/core/images/scenery/**/*.png"), "artwork",
         subs=(UNIT, FRAMES)),
    Rule("endless-sky-data", (f"{ESKY}/scene/*.jpg", f"{ESKY}/ship/**/*.png",
                              f"{ESKY}/planet/**/*.png", f"{ESKY}/outfit/**/*.png",
                              f"{ESKY}/star/**/*.png", f"{ESKY}/asteroid/**/*.png",
                              f"{ESKY}/effect/**/*.png"), "artwork",
         subs=((r"^(.*/asteroid/[^/]+)/.*$", r"\1"), FRAMES)),
    Rule("freeorion-data", ("usr/share/games/freeorion/default/data/art/**/*.png",), "artwork",
         subs=(FRAMES,)),
    Rule("hedgewars-data", (f"{HW}/Graphics/**/*.png", f"{HW}/Themes/**/*.png",
                            f"{HW}/Forts/*.png"), "artwork",
         subs=((r"^(.*/Forts/.*)[LR]$", r"\1"), (r"(@2x|_[a-z]+)$", ""), FRAMES)),
    Rule("freecol", ("usr/share/games/freecol/default/resources/images/coat-of-arms/*.png",),
         "clipart"),
    Rule("freecol", ("usr/share/games/freecol/default/resources/images/**/*.png",
                     "usr/share/games/freecol/default/resources/images/**/*.jpg"), "artwork",
         exclude=r"/images/ui/", subs=(FRAMES,)),
    Rule("lincity-ng-data", ("usr/share/games/lincity-ng/images/tiles/*.png",), "artwork",
         subs=((r"_(0|90|180|270)$", ""), FRAMES)),
    Rule("boswars-data", ("usr/share/games/boswars/patches/**/*.png",
                          "usr/share/games/boswars/graphics/**/*.png"), "artwork",
         exclude=r"/graphics/ui/", subs=((r"^(.*/graphics/.*?)[-_ ]?\d+$", r"\1"),)),
    Rule("neverball-data", ("usr/share/games/neverball/shot-*/*.jpg",
                            "usr/share/games/neverball/shot-*/*.png"), "artwork"),
    Rule("pingus-data", ("usr/share/games/pingus/data/images/**/*.jpg",
                         "usr/share/games/pingus/data/images/**/*.png"), "artwork",
         subs=(FRAMES,)),
    # ---- clipart: icons (the apps are logos), flags, clip art
    Rule("moka-icon-theme", ("usr/share/icons/Moka/256x256/apps/*.png",), "clipart",
         avatar="logo"),
    Rule("moka-icon-theme", ("usr/share/icons/Moka/256x256/*/*.png",
                             "usr/share/icons/Moka/96x96/*/*.png"), "clipart"),
    Rule("oxygen-icon-theme", ("usr/share/icons/oxygen/base/256x256/apps/*.png",), "clipart",
         avatar="logo"),
    Rule("oxygen-icon-theme", ("usr/share/icons/oxygen/base/256x256/*/*.png",
                               "usr/share/icons/oxygen/base/128x128/*/*.png"), "clipart"),
    Rule("gnome-icon-theme", ("usr/share/icons/gnome/256x256/apps/*.png",), "clipart",
         avatar="logo"),
    Rule("gnome-icon-theme", ("usr/share/icons/gnome/256x256/*/*.png",), "clipart"),
    Rule("mate-icon-theme", ("usr/share/icons/mate/256x256/apps/*.png",), "clipart",
         avatar="logo"),
    Rule("mate-icon-theme", ("usr/share/icons/mate/256x256/*/*.png",
                             "usr/share/icons/menta/256x256/*/*.png"), "clipart",
         subs=((r"^usr/share/icons/menta/", "usr/share/icons/mate/"),)),
    Rule("faenza-icon-theme", ("usr/share/icons/Faenza/apps/96/*.png",), "clipart",
         avatar="logo"),
    Rule("faenza-icon-theme", ("usr/share/icons/Faenza*/*/96/*.png",), "clipart",
         subs=((r"^usr/share/icons/Faenza-[A-Za-z]+/", "usr/share/icons/Faenza/"),)),
    Rule("kgeography-data", ("usr/share/kgeography/flags/**/*.png",), "clipart"),
    Rule("openclipart-png", ("usr/share/openclipart/png/logos/*.png",
                             "usr/share/openclipart/png/signs_and_symbols/**/*.png"),
         "clipart", avatar="logo", subs=((r"_\d+$", ""),)),
    Rule("openclipart-png", ("usr/share/openclipart/png/**/*.png",), "clipart",
         subs=((r"_\d+$", ""),)),
]
RASTER = {".png", ".jpg", ".jpeg", ".webp", ".bmp"}
SIZE_DIR = re.compile(r"\d+x\d+(@\dx)?|\d+|scalable")


def artwork_key(pkg: str, rel: str, subs: tuple[tuple[str, str], ...] = ()) -> str:
    path = rel.rsplit(".", 1)[0] if "." in rel.rsplit("/", 1)[-1] else rel
    path = "/".join(c for c in path.split("/") if not SIZE_DIR.fullmatch(c))
    for pat, rep in subs:
        path = re.sub(pat, rep, path, flags=re.IGNORECASE)
    return f"{pkg}:{path.lower()}"


def packages_used() -> list[str]:
    return sorted(set(DEB_FILES) | {r.pkg for r in RULES}
                  | {"gcompris-qt-data", PLASMA_PKG, EMOJI_PKG})


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


def emoji_loader(font_path: Path, cp: int) -> Callable[..., Image.Image]:
    return lambda bg=WHITE: to_rgb(_draw_emoji(font_path, cp), bg)


def catalogue(sources: Path, pdq: Path | None, warn: Callable[[str], None]) -> list[Entry]:
    entries: list[Entry] = []

    sk = skimage_data_dir()
    if sk is None:
        warn("scikit-image not found: its sample images are skipped")
    else:
        for name, kind, av in SKIMAGE:
            p = sk / name
            if p.is_file():
                entries.append(Entry(f"skimage:data/{name}", "skimage", kind,
                                     "photo" if av else "", file_loader(p)))
            else:
                warn(f"missing {p}")

    if pdq is None or not pdq.is_dir():
        # A set built without them is another set (its figures differ: 5,193 distinct pictures against
        # 5,194 and a protected photo fewer), so this is an error, not a warning to scroll past.
        raise SystemExit(f"make_set: the PDQ test images are not at {pdq}: set VIPGUARD_PDQ_DATA "
                         "to their folder (../shared/data/pdq beside the checkout) or pass --pdq")
    else:
        for rel, kind, av in PDQ:
            p = pdq / rel
            if p.is_file():
                entries.append(Entry(f"pdq:{rel}", "pdq", kind, "photo" if av else "",
                                     file_loader(p)))
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
                entries.append(Entry(f"deb:{pkg}:{rel}", pkg, kind, "photo" if av else "",
                                     file_loader(p), key=artwork_key(pkg, rel, DEB_FILE_KEYS)))
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
            entries.append(Entry(f"deb:{PLASMA_PKG}:{rel}", PLASMA_PKG, kind,
                                 "photo" if av else "", file_loader(p)))

    font = sources / EMOJI_PKG / EMOJI_FONT
    if not font.is_file():
        warn(f"{font} not found: emoji skipped")
    else:
        for cp in emoji_code_points(font):
            entries.append(Entry(f"deb:{EMOJI_PKG}:{EMOJI_FONT}#U+{cp:04X}", "emoji", "clipart",
                                 "logo", emoji_loader(font, cp), tile=False))

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
                pool = ("gcompris-animals" if av == "photo" and rcc != "categorization"
                        else "gcompris-lang" if rcc == "lang" else "gcompris")
                entries.append(Entry(f"deb:gcompris-qt-data:{GCOMPRIS_DIR}/{rcc}.rcc#webp{k}",
                                     pool, kind, av, bytes_loader(blob), tile=False))

    seen: set[Path] = set()  # a file (or the target of a symlink) is taken once
    missing_pkgs: set[str] = set()
    for rule in RULES:
        root = sources / rule.pkg
        if not root.is_dir():
            if rule.pkg not in missing_pkgs:
                warn(f"package {rule.pkg} not unpacked in {sources}: skipped")
                missing_pkgs.add(rule.pkg)
            continue
        n = 0
        for pat in rule.patterns:
            for p in sorted(root.glob(pat)):
                rel = p.relative_to(root).as_posix()
                if p.suffix.lower() not in RASTER or (rule.exclude and
                                                      re.search(rule.exclude, rel)):
                    continue
                real = p.resolve()
                if real in seen or not real.is_file():
                    continue
                seen.add(real)
                n += 1
                entries.append(Entry(f"deb:{rule.pkg}:{rel}", rule.pool or rule.pkg, rule.kind,
                                     rule.avatar, file_loader(p),
                                     key=artwork_key(rule.pkg, rel, rule.subs),
                                     flat_kind=rule.flat_kind))
        if n == 0:
            warn(f"no file of {rule.pkg} matches {rule.patterns}")
    for e in entries:
        if not e.key:
            e.key = e.source
    return entries


# --------------------------------------------------------------------------- measures


def shrink(im: Image.Image, side: int = MAX_SIDE) -> Image.Image:
    if max(im.size) <= side:
        return im
    w, h = im.size
    s = side / max(w, h)
    out = im.resize((max(1, round(w * s)), max(1, round(h * s))), Image.LANCZOS)
    out.info.update(im.info)
    return out


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


def _pack(bits: np.ndarray) -> np.ndarray:
    return np.packbits(bits.reshape(-1).astype(np.uint8)).view(">u8").astype(np.uint64)


def loose_hash(im: Image.Image) -> np.ndarray:
    """(2, 12) uint64: for the picture and its mirror image, a 16x16 average hash (4 words)
    then 16x16 horizontal and vertical difference hashes (4 words each)."""
    g = im.convert("L")
    a = np.asarray(g.resize((16, 16), Image.BOX), dtype=np.float64)
    h = np.asarray(g.resize((17, 16), Image.BOX), dtype=np.float64)
    v = np.asarray(g.resize((16, 17), Image.BOX), dtype=np.float64)
    out = []
    for a_, h_, v_ in ((a, h, v), (a[:, ::-1], h[:, ::-1], v[:, ::-1])):
        out.append(np.concatenate([_pack(a_ > a_.mean()), _pack(h_[:, 1:] > h_[:, :-1]),
                                   _pack(v_[1:, :] > v_[:-1, :])]))
    return np.stack(out)


def loose_distances(many: np.ndarray, one: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distances from one loose hash (12,) to many (n, 12): (average-hash bits, difference-
    hash bits)."""
    c = np.bitwise_count(np.bitwise_xor(many, one))
    return c[:, :4].sum(axis=1), c[:, 4:].sum(axis=1)


def loose_match(many: np.ndarray, one: np.ndarray, max_a: int, max_d: int) -> np.ndarray:
    """many: (n, 2, 12) loose hashes (as is, mirrored); one: (2, 12). True where the two
    pictures, or one and the other's mirror image, are within max_a bits on the 16x16
    average hash and max_d on the difference hashes. (Mirroring both is the same test, so
    as-is against both suffices.)

    Measured on 400 pictures of this set (95th/99th percentile, average/difference bits):
    JPEG q30 4/44, 8/68; half size 9/42, 16/57; Gaussian blur 2 px 9/56, 16/67; sharpen
    7/35, 17/45; contrast x1.3 9/34, 16/67; saturation x1.6 6/27, 12/46; hue turned 60
    degrees 52/89, 157/138; a 3% shift 49/137. Pairs from different packages (certainly
    unrelated) within 8/32: 0.6 in a million; 12/48: 2; 16/64: 5; 24/96: 30; 40/96: 110,
    mostly pictures sharing a silhouette (flags of one layout, round planets, app icons
    on one tile shape), the look-alikes this benchmark needs kept apart."""
    hit = np.zeros(len(many), dtype=bool)
    for m in (0, 1):
        da, dd = loose_distances(many[:, m, :], one[0])
        hit |= (da <= max_a) & (dd <= max_d)
    return hit


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


def flat_share(im: Image.Image) -> float:
    """Of the pixels that are not white, the share whose colour (5 bits a channel) is one
    of the 16 most frequent: high for drawings, diagrams and screenshots (a few flat
    colours, also after JPEG), low for photos, also cut-out ones on white. Checked by eye
    on 80 pictures of the auto sources: photos mostly below 0.55, drawings above 0.6
    (grey photos and heavy filters can land above)."""
    a = np.asarray(im, dtype=np.uint8)
    ink = (a < 250).any(axis=2)
    q = (a[ink] >> 3).astype(np.int32)
    if len(q) == 0:
        return 1.0
    counts = np.bincount((q[:, 0] << 10) | (q[:, 1] << 5) | q[:, 2], minlength=1 << 15)
    return float(np.sort(counts)[-16:].sum()) / len(q)


def resolve_kind(e: Entry, im: Image.Image) -> str:
    if not e.kind.startswith("auto:"):
        return e.kind
    return e.flat_kind if flat_share(shrink(im)) >= FLAT_SHARE else e.kind[5:]


def _hamming(hashes: np.ndarray, h: int) -> np.ndarray:
    return np.bitwise_count(np.bitwise_xor(hashes, np.uint64(h)))


class Deduper:
    """Near-duplicate (copy) check against everything kept so far.

    Two images are near-duplicates when their 8x8 average hashes are within AHASH_DUP bits
    AND their 8x8 difference hashes within DHASH_DUP bits, or their 16x16 average hashes
    within COPY_A bits AND 16x16 difference hashes within COPY_D bits. Re-encoding and
    resizing move the 8x8 hashes by a few bits (99th percentile here: 2-5 and 6-9; the PDQ
    bridge-mods edits: aHash <= 2, dHash <= 5) and the 16x16 ones by less than COPY_*
    for most pictures. The old rule of 10 and 16 bits on the 8x8 hashes matched 0.35% of
    all pairs of this set, 60% of them from different packages: icons on one tile shape,
    flags of one layout, round planets and stars. Those are the look-alike negatives this
    benchmark needs; the closer ones are kept and grouped into families instead.
    """

    def __init__(self) -> None:
        self.a = np.zeros(1024, dtype=np.uint64)
        self.d = np.zeros(1024, dtype=np.uint64)
        self.loose = np.zeros((1024, 12), dtype=np.uint64)
        self.n = 0

    def distinct(self, a: int, d: int, loose: np.ndarray) -> bool:
        if self.n == 0:
            return True
        dup = ((_hamming(self.a[:self.n], a) <= AHASH_DUP)
               & (_hamming(self.d[:self.n], d) <= DHASH_DUP))
        la, ld = loose_distances(self.loose[:self.n], loose[0])
        dup |= (la <= COPY_A) & (ld <= COPY_D)
        return not bool(dup.any())

    def add(self, a: int, d: int, loose: np.ndarray) -> None:
        if self.n == len(self.a):
            self.a = np.concatenate([self.a, np.zeros_like(self.a)])
            self.d = np.concatenate([self.d, np.zeros_like(self.d)])
            self.loose = np.concatenate([self.loose, np.zeros_like(self.loose)])
        self.a[self.n] = np.uint64(a)
        self.d[self.n] = np.uint64(d)
        self.loose[self.n] = loose[0]
        self.n += 1


def tiles(im: Image.Image) -> list[tuple[int, int, int, int]]:
    """A centred grid of non-overlapping square tiles, at most TILE_GRID_CELLS of them."""
    w, h = im.size
    s = max(TILE_MIN_SIDE, math.ceil(math.sqrt(w * h / TILE_GRID_CELLS)))
    nx, ny = w // s, h // s
    x0, y0 = (w - nx * s) // 2, (h - ny * s) // 2
    return [(x0 + i * s, y0 + j * s, x0 + (i + 1) * s, y0 + (j + 1) * s)
            for j in range(ny) for i in range(nx)]


def round_robin(entries: list, pool_of: Callable, rng: random.Random) -> list:
    """Entries interleaved over their pools (pools in sorted order, each shuffled)."""
    pools: dict[str, list] = {}
    for e in entries:
        pools.setdefault(pool_of(e), []).append(e)
    queues = []
    for name in sorted(pools):
        q = pools[name][:]
        rng.shuffle(q)
        queues.append(q)
    out = []
    while any(queues):
        for q in queues:
            if q:
                out.append(q.pop(0))
    return out


def centre_square(im: Image.Image) -> Image.Image:
    w, h = im.size
    s = min(w, h)
    return im.crop(((w - s) // 2, (h - s) // 2, (w - s) // 2 + s, (h - s) // 2 + s))


def logo_square(e: Entry, rng: random.Random) -> tuple[Image.Image, Image.Image] | None:
    """A logo avatar: the picture on its flat background (white, the colour of its own
    flat border, or for a third of the transparent ones a solid colour), cut to what it
    shows and padded square so it fills the middle 80%; and the same on white. None when
    the source is not a logo on a flat background."""
    im = e.load()
    bg = WHITE
    white = None
    if im.info.get("alpha"):
        if rng.random() < LOGO_COLOUR_SHARE:
            a = np.asarray(im, dtype=np.float64)
            ink = (a < 250).any(axis=2)
            mean = a[ink].mean(axis=0) if ink.any() else np.array([255.0] * 3)
            far = [c for c in LOGO_COLOURS if np.abs(np.array(c) - mean).sum() >= 200]
            if far:
                bg = rng.choice(far)
                white = square_on(im, WHITE)
                im = e.load(bg)
    else:
        # no transparency: the border must be one flat colour, and is the background
        a = np.asarray(im, dtype=np.int16)
        k = max(2, round(0.02 * min(im.size)))
        border = np.concatenate([a[:k].reshape(-1, 3), a[-k:].reshape(-1, 3),
                                 a[:, :k].reshape(-1, 3), a[:, -k:].reshape(-1, 3)])
        med = np.median(border, axis=0)
        if np.abs(border - med).max(axis=1).mean() > 4 or \
                (np.abs(border - med).max(axis=1) > 24).mean() > 0.02:
            return None
        bg = tuple(int(round(v)) for v in med)
        diff = np.abs(a - med).max(axis=2) > 24
        ys, xs = np.nonzero(diff)
        if len(xs) == 0:
            return None
        x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
        m = round(0.04 * max(x1 - x0, y1 - y0))
        im = im.crop((max(0, x0 - m), max(0, y0 - m), min(im.width, x1 + m),
                      min(im.height, y1 + m)))
    w, h = im.size
    if max(w, h) > LOGO_MAX_ASPECT * min(w, h):
        return None
    out = square_on(im, bg)
    return out, white or out


def square_on(im: Image.Image, bg: tuple[int, int, int]) -> Image.Image:
    """im (no larger than the middle 80% of MAX_SIDE) centred on a square of colour bg
    that it fills to 80%."""
    im = shrink(im, round(MAX_SIDE * (1 - 2 * LOGO_MARGIN)))
    w, h = im.size
    side = round(max(w, h) / (1 - 2 * LOGO_MARGIN))
    out = Image.new("RGB", (side, side), bg)
    out.paste(im, ((side - w) // 2, (side - h) // 2))
    return out


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


class Families:
    """Union-find over distinct items."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


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
    warned: list[str] = []

    def warn(msg: str) -> None:
        warned.append(msg)
        print(f"make_set: warning: {msg}", file=sys.stderr)

    def log(msg: str) -> None:
        print(f"make_set: {msg} ({time.time() - t0:.0f} s)", file=sys.stderr)

    entries = catalogue(args.sources, args.pdq, warn)
    log(f"{len(entries)} source entries")
    too_large: list[str] = []

    def load(e: Entry, bg: tuple[int, int, int] = WHITE) -> Image.Image | None:
        try:
            return e.load(bg)
        except (TooLarge, Image.DecompressionBombError):
            too_large.append(e.source)
        except TooSmall:
            pass
        except Exception as ex:  # a broken file is skipped, not fatal
            warn(f"cannot read {e.source}: {ex}")
        return None

    # ---- protected: photos (people, animals, objects) and logos, each spread over pools
    rng = random.Random(SEED)
    n_logo = round(args.protected * LOGO_SHARE)
    n_photo = args.protected - n_logo
    must = ["skimage:data/astronaut.png", "skimage:data/camera.png",
            "deb:python-matplotlib-data:usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg",
            "pdq:reg-test-input/labelme-subset/q0291.jpg",
            "deb:kphotoalbum:usr/share/kphotoalbum/demo/jesper.jpg"]
    by_source = {e.source: e for e in entries}
    photo_order = [by_source[s] for s in must if s in by_source] + round_robin(
        [e for e in entries if e.avatar == "photo" and e.source not in must],
        lambda e: e.pool, rng)
    logo_order = round_robin([e for e in entries if e.avatar == "logo"], lambda e: e.pool, rng)

    dedup = Deduper()
    chosen: dict[str, list[tuple[Entry, Image.Image, Image.Image]]] = {"photo": [], "logo": []}
    chosen_loose: list[np.ndarray] = []  # (2, 2, 12) each: the avatar's, the whole's
    lrng = random.Random(SEED + 2)
    for kind, order, want in (("photo", photo_order, n_photo), ("logo", logo_order, n_logo)):
        for e in order:
            if len(chosen[kind]) >= want:
                break
            if kind == "photo":
                im = load(e)
                if im is None or resolve_kind(e, im) != "photo":
                    continue
                whole = shrink(im)
                avatar = centre_square(whole)
            else:
                try:
                    pair = logo_square(e, lrng)
                except (TooLarge, TooSmall, Image.DecompressionBombError):
                    continue
                except Exception as ex:
                    warn(f"cannot read {e.source}: {ex}")
                    continue
                if pair is None:
                    continue
                avatar, whole = pair  # whole: the logo on white
            if min(avatar.size) < MIN_SHORT or not busy_enough(avatar) or \
                    any(c[0].key == e.key for k in chosen for c in chosen[k]):
                continue
            ha, hd, hl = ahash(avatar), dhash(avatar), loose_hash(avatar)
            # not a copy of one already chosen, nor close to one (the same icon in a
            # related theme on another background, another photo of the same moment)
            views = np.stack([hl, loose_hash(whole)])
            if not dedup.distinct(ha, hd, hl) or (len(chosen_loose) and any(
                    loose_match(np.concatenate(chosen_loose), v, NEAR_A, NEAR_D).any()
                    for v in views)):
                continue
            dedup.add(ha, hd, hl)
            chosen_loose.append(views)
            chosen[kind].append((e, avatar, whole))
    # interleaved so that both halves (even and odd ids) get photos and logos: every
    # third avatar is a logo while both last
    protected: list[tuple[str, Entry, Image.Image, Image.Image]] = []
    photos, logos = list(chosen["photo"]), list(chosen["logo"])
    while photos or logos:
        take_logo = logos and (not photos or len(protected) % 3 == 2)
        e, av, whole = (logos if take_logo else photos).pop(0)
        protected.append(("logo" if take_logo else "photo", e, av, whole))
    used = {e.source for _, e, _, _ in protected}
    prot_keys = {e.key: i for i, (_, e, _, _) in reversed(list(enumerate(protected)))}
    # what a distinct picture is compared with for near_protected: each avatar and the
    # whole picture it was cut from (for a logo: the logo on white)
    prot_loose = [np.stack([loose_hash(av), loose_hash(whole)]) for _, _, av, whole in protected]
    log(f"protected: {len(chosen['photo'])} photos, {len(chosen['logo'])} logos")

    # ---- distinct candidates
    stats: dict[str, list[int]] = {}  # pool -> [candidates, flat, near-duplicate, kept]

    def items_of(e: Entry) -> list[Item]:
        """The candidate pictures of an entry (whole, or tiles when large), each busy
        enough, encoded as the distinct JPEG and hashed from that."""
        im = load(e)
        if im is None or min(im.size) < MIN_SHORT:
            return []
        kind = resolve_kind(e, im)
        if e.tile and min(im.size) >= TILE_MIN_SHORT:
            cells = [(f"{e.source}#tile={b[0]},{b[1]},{b[2]},{b[3]}", shrink(im.crop(b)))
                     for b in tiles(im)]
            busy = [c for c in cells if busy_enough(c[1], tile=True)]
            flat = len(cells) - len(busy)
            if len(busy) > TILE_MAX_PER_PHOTO:
                keep = random.Random(f"{SEED}:{e.source}").sample(range(len(busy)),
                                                                  TILE_MAX_PER_PHOTO)
                busy = [busy[i] for i in sorted(keep)]
            small = shrink(im)  # the whole picture too (its tiles are in its family)
            if busy_enough(small):
                busy.insert(0, (e.source, small))
            else:
                flat += 1
        else:
            small = shrink(im)
            busy = [(e.source, small)] if busy_enough(small) else []
            flat = 1 - len(busy)
        st = stats.setdefault(e.pool, [0, 0, 0, 0])
        st[0] += len(busy) + flat
        st[1] += flat
        out = []
        for source, small in busy:
            buf = io.BytesIO()
            small.save(buf, "JPEG", quality=DISTINCT_JPEG_QUALITY)
            it = Item(source, e.pool, kind, e.source, e.key, jpeg=buf.getvalue())
            with Image.open(io.BytesIO(it.jpeg)) as dec:
                dec = dec.convert("RGB")
            it.ahash, it.dhash, it.loose = ahash(dec), dhash(dec), loose_hash(dec)
            out.append(it)
        return out

    rest = [e for e in entries if e.source not in used]
    by_kind: dict[str, list[Item]] = {"photo": [], "artwork": [], "clipart": []}
    clip_items: dict[str, list[Item]] = {}  # entry source -> items, for auto kinds drawn flat
    for e in rest:
        if e.kind == "clipart":
            continue
        for it in items_of(e):
            if it.kind == "clipart":
                clip_items.setdefault(e.source, []).append(it)
            else:
                by_kind[it.kind].append(it)
    log(f"candidates: {len(by_kind['photo'])} photo, {len(by_kind['artwork'])} artwork")
    for k in ("photo", "artwork"):
        rng.shuffle(by_kind[k])

    distinct: list[Item] = []
    rejected_dup = 0

    def keep(it: Item) -> bool:
        nonlocal rejected_dup
        if dedup.distinct(it.ahash, it.dhash, it.loose):
            dedup.add(it.ahash, it.dhash, it.loose)
            distinct.append(it)
            stats[it.pool][3] += 1
            return True
        rejected_dup += 1
        stats[it.pool][2] += 1
        return False

    for k in ("photo", "artwork"):
        for it in by_kind[k]:
            keep(it)
    # keep clipart a minority: at most CLIPART_SHARE of the set, or just enough to reach
    # DISTINCT_TARGET, and never more than the photos and artwork together; taken
    # round-robin over the packages so no one dominates, and only as far as needed
    n_other = len(distinct)
    max_clip = min(n_other, max(math.ceil(CLIPART_SHARE / (1 - CLIPART_SHARE) * n_other),
                                DISTINCT_TARGET - n_other))
    clip_entries = [e for e in rest if e.kind == "clipart" or e.source in clip_items]
    n_clip = 0
    for e in round_robin(clip_entries, lambda e: e.pool, rng):
        if n_clip >= max_clip:
            break
        for it in clip_items.pop(e.source, None) or items_of(e):
            if n_clip < max_clip and keep(it):
                n_clip += 1
    log(f"distinct: {n_other} photo/artwork, {n_clip} clipart (cap {max_clip})")

    # ---- families and near_protected
    n = len(distinct)
    fam = Families(n)
    first_of_key: dict[str, int] = {}
    for i, it in enumerate(distinct):
        j = first_of_key.setdefault(it.key, i)
        if j != i:
            fam.union(i, j)
    n_key_links = sum(1 for i in range(n) if fam.find(i) != i)
    loose = np.stack([it.loose for it in distinct]) if n else np.zeros((0, 2, 12), np.uint64)
    n_hash_links = 0
    for i in range(n - 1):
        hits = np.nonzero(loose_match(loose[i + 1:], loose[i], FAMILY_A, FAMILY_D))[0]
        for j in hits:
            n_hash_links += 1
            fam.union(i, i + 1 + int(j))
    near: list[list[str]] = [[] for _ in range(n)]
    pid = [f"a{i:03d}" for i in range(len(protected))]
    for i, it in enumerate(distinct):
        if it.key in prot_keys:
            near[i].append(pid[prot_keys[it.key]])
    for p, pl in enumerate(prot_loose):
        hit = np.zeros(n, dtype=bool)
        for view in pl:  # the avatar, the whole picture
            hit |= loose_match(loose, view, NEAR_A, NEAR_D)
        for i in np.nonzero(hit)[0]:
            if pid[p] not in near[i]:
                near[i].append(pid[p])
    log(f"families: {n_key_links} items joined by artwork key, {n_hash_links} close pairs")

    # a stable, source-independent order for the file numbers
    order = list(range(n))
    rng.shuffle(order)
    fam_id: dict[int, str] = {}
    for i in order:
        fam_id.setdefault(fam.find(i), f"f{len(fam_id):05d}")

    # ---- write
    out = args.out
    (out / "protected").mkdir(parents=True, exist_ok=True)
    (out / "distinct").mkdir(parents=True, exist_ok=True)
    for t in TRANSFORMS:
        (out / "transformed" / t).mkdir(parents=True, exist_ok=True)

    man_protected = []
    trng = random.Random(SEED + 1)
    for i, (kind, e, avatar, _) in enumerate(protected):
        avatar.save(out / "protected" / f"{pid[i]}.png", "PNG")
        for name, im in make_transforms(avatar, trng).items():
            save_transform(name, im, out / "transformed" / name / f"{pid[i]}.{TRANSFORM_EXT[name]}")
        man_protected.append({"id": pid[i], "source": e.source, "kind": kind})

    man_distinct = []
    for k, i in enumerate(order):
        d = distinct[i]
        f = f"distinct/{k:05d}.jpg"
        (out / f).write_bytes(d.jpeg)
        entry = {"file": f, "source": d.source, "kind": d.kind, "family": fam_id[fam.find(i)],
                 "near_protected": bool(near[i])}
        if near[i]:
            entry["near_to"] = near[i]
        man_distinct.append(entry)

    packages = {}
    for pkg in packages_used():
        v = args.sources / pkg / ".version"
        if v.is_file():
            packages[pkg] = v.read_text().strip()
    kinds = {k: sum(1 for d in distinct if d.kind == k) for k in ("photo", "artwork", "clipart")}
    sizes: dict[str, int] = {}
    for d in man_distinct:
        sizes[d["family"]] = sizes.get(d["family"], 0) + 1
    by_package: dict[str, int] = {}
    for d in distinct:
        pkg = d.source.split(":")[1] if d.source.startswith("deb:") else d.source.split(":")[0]
        by_package[pkg] = by_package.get(pkg, 0) + 1
    largest = sorted(sizes.items(), key=lambda x: (-x[1], x[0]))[:10]
    counts = {
        "protected": len(protected),
        "protected_by_kind": {k: sum(1 for p in protected if p[0] == k)
                              for k in ("photo", "logo")},
        "distinct": len(distinct),
        "distinct_by_kind": kinds,
        "distinct_by_package": dict(sorted(by_package.items())),
        "families": len(sizes),
        "families_of_2_or_more": sum(1 for s in sizes.values() if s > 1),
        "distinct_in_families_of_2_or_more": sum(s for s in sizes.values() if s > 1),
        "largest_families": {f: s for f, s in largest},
        "near_protected": sum(1 for x in near if x),
    }
    manifest = {
        "protected": man_protected,
        "transforms": TRANSFORMS,
        "transform_ext": TRANSFORM_EXT,
        "distinct": man_distinct,
        "seed": SEED,
        "packages": packages,
        "rules": {
            "near_duplicate_dropped": f"8x8 aHash <= {AHASH_DUP} and 8x8 dHash <= {DHASH_DUP} "
                                      f"bits (of 64), or 16x16 aHash <= {COPY_A} (of 256) and "
                                      f"16x16 horizontal+vertical dHash <= {COPY_D} (of 512), "
                                      "from a kept picture",
            "family": "same artwork key (one source file's tiles, an icon's sizes and theme "
                      "variants, a sprite's frames, a wallpaper's crops and light/dark variants, "
                      "edits named after one photo), or 16x16 aHash <= "
                      f"{FAMILY_A} of 256 and 16x16 horizontal+vertical dHash <= {FAMILY_D} of "
                      "512 bits, as is or mirrored, joined transitively",
            "near_protected": "same artwork key as a protected avatar's source, or 16x16 aHash "
                              f"<= {NEAR_A} and dHash <= {NEAR_D} bits, as is or mirrored, "
                              "from a protected avatar or from the whole picture it was cut "
                              "from (near_to lists which)",
        },
        "counts": counts,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")

    for pool, st in sorted(stats.items()):
        print(f"make_set:   {pool:28s} candidates {st[0]:5d}  flat {st[1]:5d}  "
              f"near-dup {st[2]:5d}  distinct {st[3]:5d}", file=sys.stderr)
    if too_large:
        print(f"make_set: skipped {len(too_large)} pictures over {Image.MAX_IMAGE_PIXELS} "
              "pixels", file=sys.stderr)
    print(f"make_set: protected {len(protected)} {counts['protected_by_kind']}, transforms "
          f"{len(TRANSFORMS)}, distinct {len(distinct)} {kinds} (dropped {rejected_dup} "
          f"near-duplicates); {counts['families']} families, "
          f"{counts['families_of_2_or_more']} of 2 or more holding "
          f"{counts['distinct_in_families_of_2_or_more']} pictures, largest "
          f"{[s for _, s in largest]}; {counts['near_protected']} near a protected avatar; "
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
