#!/usr/bin/env bash
# Builds Slate and starts it on the embedded SQLite database in ./data, listening on
# http://127.0.0.1:5000 unless told otherwise. Arguments go to `slate serve`
# (e.g. --urls http://127.0.0.1:8080). Needs the .NET 10 SDK; installs ffmpeg when it is missing
# (movie previews): when it cannot, the server starts anyway and movie previews are marked broken.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-ffmpeg.sh || echo "Starting without ffmpeg: movie previews will be marked broken." >&2
export SLATE_DATA_DIR="${SLATE_DATA_DIR:-$PWD/data}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5000}"
exec dotnet run -c Release --project src/Slate -- serve "$@"
