#!/usr/bin/env bash
# build.sh [out dir] — compiles the Java recipe (main and test) with javac into RECIPE_BUILD_DIR (or the argument),
# only when a source is newer than the last build. Prints the class path. Debian: apt-get install openjdk-17-jdk-headless.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-${RECIPE_BUILD_DIR:-${TMPDIR:-/tmp}/alimock-recipe-java}}"
stamp="$out/.built"
if [ ! -f "$stamp" ] || [ -n "$(find "$here/src" -name '*.java' -newer "$stamp" -print -quit)" ]; then
  rm -rf "$out/classes" && mkdir -p "$out/classes"
  javac -encoding UTF-8 -Xlint:all -Werror -d "$out/classes" $(find "$here/src" -name '*.java') >&2
  touch "$stamp"
fi
echo "$out/classes"
