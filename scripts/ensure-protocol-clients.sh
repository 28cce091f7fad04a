#!/usr/bin/env bash
# Installs what the protocol tests (tests/protocol) run: Node.js with npm and the pinned
# socket.io-client (npm ci, when node_modules is missing or older than package-lock.json), and
# Debian's python3-socketio and python3-websocket for /usr/bin/python3 (the python gazu users
# have; a pyenv or virtualenv python3 on PATH is not it). Does nothing when all are there.
set -euo pipefail
cd "$(dirname "$0")/../tests/protocol"

packages=()
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
/usr/bin/python3 -c "import socketio, websocket" >/dev/null 2>&1 || packages+=(python3-socketio python3-websocket)

if [ ${#packages[@]} -gt 0 ]; then
    ../../scripts/install-packages.sh "the protocol tests" "${packages[@]}"
fi

# npm ci writes node_modules/.package-lock.json: older than package-lock.json means stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
