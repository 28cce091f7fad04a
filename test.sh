#!/usr/bin/env bash
# Runs the whole test suite on SQLite. With SLATE_TEST_POSTGRES set to a PostgreSQL server
# connection string (e.g. "Host=127.0.0.1;Port=55432;Username=postgres") it runs on PostgreSQL
# instead; .ci/run does both. Arguments go to `dotnet test`. Needs the .NET 10 SDK; installs
# ffmpeg when it is missing (the movie tests run it), Node.js, socket.io-client and Debian's
# python3-socketio (the protocol tests run them), and redis-server (the tests of nodes sharing a
# Redis start their own).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-ffmpeg.sh
scripts/ensure-protocol-clients.sh
scripts/ensure-redis.sh
exec dotnet test Slate.sln "$@"
