#!/usr/bin/env bash
# run.sh <port> <keys dir> — serves the PHP recipe backend with PHP's built-in server on 127.0.0.1:<port>
# (4 workers; Debian: apt-get install php-cli).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: run.sh <port> <keys dir>" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
keys="$(cd "$2" && pwd)"
[ -f "$keys/alipay-public.txt" ] && [ -f "$keys/aes.txt" ] || { echo "run.sh: $keys needs alipay-public.txt and aes.txt" >&2; exit 2; }
echo "php recipe backend listening on http://127.0.0.1:$1"
export RECIPE_KEYS_DIR="$keys" PHP_CLI_SERVER_WORKERS="${PHP_CLI_SERVER_WORKERS:-4}"
exec php -d display_errors=stderr -d post_max_size=8M -S "127.0.0.1:$1" -t "$here" "$here/server.php"
