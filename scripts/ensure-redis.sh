#!/usr/bin/env bash
# Installs redis-server from the distribution's packages when it is missing, so the tests of
# several nodes sharing a Redis (KV_HOST) can start their own. Does nothing when it is on PATH.
# Debian/Ubuntu (apt-get).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "redis-server is missing and this user cannot install it (not root, no sudo)." >&2
    echo "Install it (e.g. 'apt-get install redis-server' as root); the tests of nodes sharing a Redis need it." >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "redis-server is missing and apt-get is not available: install Redis with this system's package manager." >&2
    exit 1
fi

echo "Installing redis-server (the tests of nodes sharing a Redis start their own)..." >&2
"${as_root[@]}" apt-get update -qq
# Only the program: the tests start their own server, none runs as a service.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
