#!/usr/bin/env bash
# Regenerates every raster icon from the SVG sources in this folder:
#   hicolor/NxN/apps/io.github.rapport.Rapport.png  (16 ... 512; 16, 22 and 24 from rapport-small.svg)
#   ../../packaging/windows/rapport.ico             (16 ... 256, for the Windows executable resource)
#   ../../packaging/macos/rapport.icns              (16 ... 512, for the macOS .app bundle)
# Needs rsvg-convert (Debian: librsvg2-bin); the .ico needs ImageMagick (imagemagick) and the .icns
# png2icns (icnsutils); each is skipped with a message when its tool is missing.
# Run from anywhere: bash assets/icons/render.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app_id="io.github.rapport.Rapport"

command -v rsvg-convert >/dev/null || {
    echo "render.sh: rsvg-convert is missing (apt-get install librsvg2-bin)" >&2
    exit 1
}

for size in 16 22 24 32 48 64 128 256 512; do
    if ((size <= 24)); then source="$here/rapport-small.svg"; else source="$here/rapport.svg"; fi
    out="$here/hicolor/${size}x${size}/apps/$app_id.png"
    mkdir -p "$(dirname "$out")"
    rsvg-convert --width "$size" --height "$size" --output "$out" "$source"
done
echo "render.sh: wrote hicolor PNGs 16 to 512"

png() { echo "$here/hicolor/$1x$1/apps/$app_id.png"; }

if command -v convert >/dev/null; then
    convert "$(png 16)" "$(png 24)" "$(png 32)" "$(png 48)" "$(png 64)" "$(png 128)" "$(png 256)" \
        "$root/packaging/windows/rapport.ico"
    echo "render.sh: wrote packaging/windows/rapport.ico"
else
    echo "render.sh: ImageMagick's convert is missing; packaging/windows/rapport.ico not updated" >&2
fi

if command -v png2icns >/dev/null; then
    png2icns "$root/packaging/macos/rapport.icns" \
        "$(png 16)" "$(png 32)" "$(png 48)" "$(png 128)" "$(png 256)" "$(png 512)" >/dev/null
    echo "render.sh: wrote packaging/macos/rapport.icns"
else
    echo "render.sh: png2icns is missing (apt-get install icnsutils); packaging/macos/rapport.icns not updated" >&2
fi
