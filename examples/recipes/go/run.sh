#!/usr/bin/env bash
# run.sh <port> <keys dir> — builds the Go recipe backend (go's build cache makes a rebuild cheap) and runs it on
# 127.0.0.1:<port>. RECIPE_BUILD_DIR chooses where the binary goes.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: run.sh <port> <keys dir>" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
keys="$(cd "$2" && pwd)"
out="${RECIPE_BUILD_DIR:-${TMPDIR:-/tmp}/alimock-recipe-go}"
mkdir -p "$out"
(cd "$here" && go build -o "$out/backend" ./cmd/backend)
exec "$out/backend" "$1" "$keys"
