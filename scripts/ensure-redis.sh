#!/usr/bin/env bash
# Installs redis-server from the distribution's packages when it is missing, so the tests of
# several nodes sharing a Redis (KV_HOST) can start their own. Does nothing when it is on PATH.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    exit 0
fi
"$(dirname "$0")/install-packages.sh" "the tests of nodes sharing a Redis" redis-server
