#!/usr/bin/env bash
# Installs Debian packages with apt-get, as root or through sudo: the one way the ensure-*
# scripts install what they find missing.
# Usage: scripts/install-packages.sh "what needs them" package...
set -euo pipefail
need=$1
shift

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "$need needs $*, and this user cannot install them (not root, no sudo): install them with apt-get as root." >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$need needs $*, and apt-get is not available: install them with this system's package manager." >&2
    exit 1
fi

echo "Installing $* (for $need)..." >&2
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
