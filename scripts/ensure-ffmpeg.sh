#!/usr/bin/env bash
# Installs ffmpeg (with ffprobe) from the distribution's packages when either is missing, so
# movie previews can be processed. Does nothing when both are on PATH.
set -euo pipefail

if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
    exit 0
fi
"$(dirname "$0")/install-packages.sh" "movie previews" ffmpeg
