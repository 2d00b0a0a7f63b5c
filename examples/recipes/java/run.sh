#!/usr/bin/env bash
# run.sh <port> <keys dir> — builds the Java recipe when its sources changed (build.sh) and runs its backend on
# 127.0.0.1:<port>. RECIPE_BUILD_DIR chooses where the classes go.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: run.sh <port> <keys dir>" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
classes="$("$here/build.sh")"
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$classes" recipe.Backend "$1" "$2"
