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
#   - the PDQ test images in ../shared/data/pdq (read-only), when present.
#
# Idempotent: the venv, the packages and the set are each made only when missing
# (the set also when make_set.py or requirements.txt is newer than its manifest).
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
packages=(
    fonts-noto-color-emoji=2.042-0+deb12u1
    gcompris-qt-data=3.1-2
    lomiri-wallpapers-16.04=20.04.0-2
    mate-backgrounds=1.26.0-1
    palapeli-data=4:22.12.3-1
    plasma-workspace-wallpapers=4:5.27.5-2
    python-matplotlib-data=3.6.3-1
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
    && [ "$out/manifest.json" -nt "$src/requirements.txt" ]; then
    log "$out is up to date"
    exit 0
fi
log "building $out"
rm -rf "$out.tmp"
"$py" "$src/make_set.py" --sources "$sources" --out "$out.tmp"
rm -rf "$out"
mv "$out.tmp" "$out"
log "done: $out"
