#!/usr/bin/env bash
# Installs ffmpeg (with ffprobe) from the distribution's packages when either is missing, so
# movie previews can be processed. Does nothing when both are on PATH. Debian/Ubuntu (apt-get).
set -euo pipefail

if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "ffmpeg/ffprobe are missing and this user cannot install them (not root, no sudo)." >&2
    echo "Install them (e.g. 'apt-get install ffmpeg' as root); without them movie previews are marked broken." >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ffmpeg/ffprobe are missing and apt-get is not available: install ffmpeg with this system's package manager." >&2
    exit 1
fi

echo "Installing ffmpeg (needed for movie previews)..." >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null
