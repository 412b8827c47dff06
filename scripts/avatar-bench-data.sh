#!/usr/bin/env bash
# Build the avatar robustness benchmark image set (see bench/avatars/make_set.py):
#   target/avatar-bench/{protected,transformed,distinct,manifest.json}
#
# Everything comes through package managers, nothing else is downloaded:
#   - Python: a venv at target/avatar-venv with bench/avatars/requirements.txt
#     (Pillow, numpy; scikit-image only for the sample photos inside its wheel,
#     installed without its dependencies because its code is never imported);
#   - Debian: the .deb files listed below, fetched with `apt-get download` and
#     unpacked with `dpkg-deb -x` into target/avatar-sources/<package>/ (nothing is
#     installed system-wide);
#   - the PDQ test images in ../shared/data/pdq or $VIPGUARD_PDQ_DATA (read-only; required).
#
# Idempotent: the venv, the packages and the set are each made only when missing
# (the set also when make_set.py, requirements.txt or this script, with its package
# list, is newer than its manifest).
set -euo pipefail
cd "$(dirname "$0")/.."

src=bench/avatars
venv=target/avatar-venv
py="$venv/bin/python"
sources=target/avatar-sources
out=target/avatar-bench

log() { echo "avatar-bench-data: $*" >&2; }

# ---------------------------------------------------------------- python venv
if [ ! -x "$py" ]; then
    log "creating $venv"
    if ! python3 -m venv "$venv"; then
        # Debian's own python3 needs python3-venv for this
        log "python3 -m venv failed; installing python3-venv"
        rm -rf "$venv"
        apt-get install -y -q python3-venv >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null && apt-get install -y -q python3-venv >/dev/null; }
        python3 -m venv "$venv"
    fi
fi
# Installed versions must equal the pinned ones (so an edited requirements.txt applies).
if ! "$py" - "$src/requirements.txt" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, want = line.split("==")
        if version(name.strip()) != want.strip():
            sys.exit(1)
EOF
then
    log "installing $src/requirements.txt"
    "$py" -m pip install --quiet --disable-pip-version-check --no-deps -r "$src/requirements.txt"
fi

# ------------------------------------------------------------ debian packages
# name=version; the pinned version is tried first, then whatever apt offers now.
# Download sizes (Debian 12): about 1.7 GB in all (2.5 GB unpacked), none over 165 MB.
packages=(
    # photos
    endless-sky-data=0.9.8-1.2                  #  70 MB: landscape photos (also ships, planets)
    gimp-help-en=2.10.34-2                      #  50 MB: filter examples, mostly edits of one photo
    kphotoalbum=5.9.1-1                         #  12 MB: demo album (people, pets, places)
    lomiri-wallpapers-16.04=20.04.0-2           #  16 MB
    lomiri-wallpapers-20.04=20.04.0-2           #  11 MB
    mate-backgrounds=1.26.0-1                   #  47 MB
    opencv-doc=4.6.0+dfsg-12                    #  96 MB: sample photos
    palapeli-data=4:22.12.3-1                   #   2 MB
    plasma-workspace-wallpapers=4:5.27.5-2      #  94 MB
    python-matplotlib-data=3.6.3-1              #   3 MB
    python3-sklearn=1.2.1+dfsg-1                #   2 MB: china.jpg, flower.jpg
    scorched3d-data=44+dfsg-8                   #  32 MB: photo textures
    tuxpaint-stamps-default=2022.06.04-1        # 161 MB: cut-out photos and drawings
    # artwork
    boswars-data=2.7+svn160110-5                #  74 MB: terrain patches
    desktop-base=12.0.6+nmu1~deb12u1            #   8 MB: Debian themes and logos
    extremetuxracer-data=0.8.2-1                #  41 MB: course previews, skies, textures
    freecol=1.0.0-1                             # 142 MB: portraits, units, buildings
    freeorion-data=0.4.10.2-1                   # 121 MB
    gcompris-qt-data=3.1-2                      #  44 MB: photos, paintings, drawings
    gnome-backgrounds=43.1-1                    #  33 MB: light and dark variants
    hedgewars-data=1.0.2-6                      # 145 MB
    lincity-ng-data=2.9~git20150314-5           #  45 MB: buildings
    neverball-data=1.6.0+git20180603-3          #  18 MB: level shots
    pingus-data=0.7.6-5.1                       #  12 MB
    sway-backgrounds=1.7-6                      #   5 MB: one wallpaper, eight sizes
    tuxpaint-data=1:0.9.28-sdl2-1               #   8 MB: templates, starters
    ukui-wallpapers=20.04.3-1.1                 #  21 MB
    wesnoth-1.16-data=1:1.16.9-1                # 146 MB: portraits, units, terrain, story art
    # clipart
    faenza-icon-theme=1.3.1-3                   #  17 MB: six colour variants of one theme
    fonts-noto-color-emoji=2.042-0+deb12u1      #  10 MB
    gnome-icon-theme=3.12.0-5                   #  10 MB
    kgeography-data=4:22.12.3-1                 #  11 MB: flags
    mate-icon-theme=1.26.0-1                    #  14 MB
    moka-icon-theme=5.5.0-2                     #  54 MB
    openclipart-png=1:0.18+dfsg-19              # 131 MB
    oxygen-icon-theme=5:5.103.0-1               #  32 MB
)

apt_log="$PWD/$sources/apt-download.log"
lists_updated=0
fetch_deb() { # $1 = name=version, downloaded into $sources/debs
    local spec=$1 name=${1%%=*}
    (cd "$sources/debs" && apt-get download -q "$spec") >>"$apt_log" 2>&1 && return 0
    if [ "$lists_updated" = 0 ]; then
        log "apt-get download $spec failed; running apt-get update"
        apt-get update -q >>"$apt_log" 2>&1 || true
        lists_updated=1
        (cd "$sources/debs" && apt-get download -q "$spec") >>"$apt_log" 2>&1 && return 0
    fi
    log "$spec is not in the archive; taking the current $name"
    (cd "$sources/debs" && apt-get download -q "$name") >>"$apt_log" 2>&1
}

mkdir -p "$sources/debs"
: >"$apt_log"
for spec in "${packages[@]}"; do
    name=${spec%%=*}
    dest="$sources/$name"
    [ -f "$dest/.unpacked" ] && continue
    log "fetching $name"
    rm -rf "$dest" "$dest.tmp"
    rm -f "$sources/debs/${name}"_*.deb
    if ! fetch_deb "$spec"; then
        log "cannot download $name:"
        tail -n 5 "$apt_log" >&2
        exit 1
    fi
    deb=$(ls "$sources/debs/${name}"_*.deb | head -n1)
    mkdir -p "$dest.tmp"
    dpkg-deb -x "$deb" "$dest.tmp"
    dpkg-deb -f "$deb" Version >"$dest.tmp/.version"
    rm -f "$deb"
    mv "$dest.tmp" "$dest"
    touch "$dest/.unpacked"
done

# ------------------------------------------------------------------ image set
if [ -f "$out/manifest.json" ] && [ "$out/manifest.json" -nt "$src/make_set.py" ] \
    && [ "$out/manifest.json" -nt "$src/requirements.txt" ] \
    && [ "$out/manifest.json" -nt scripts/avatar-bench-data.sh ]; then
    log "$out is up to date"
    exit 0
fi
log "building $out"
rm -rf "$out.tmp"
"$py" "$src/make_set.py" --sources "$sources" --out "$out.tmp"
rm -rf "$out"
mv "$out.tmp" "$out"
log "done: $out"
