#!/usr/bin/env bash
# run.sh <port> <keys dir> — runs the Python recipe backend on 127.0.0.1:<port> with the first python3 that has the
# `cryptography` package (PYTHON overrides; Debian: apt-get install python3-cryptography).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: run.sh <port> <keys dir>" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import cryptography' 2>/dev/null; then
    cd "$here" && exec "$candidate" -u server.py "$1" "$2"
  fi
done
echo "run.sh: no python3 with the cryptography package (apt-get install python3-cryptography)" >&2
exit 2
