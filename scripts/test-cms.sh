#!/usr/bin/env bash
# make test-cms: the pull's tests, the real-WordPress one included. Starts the loopback
# WordPress (scripts/wordpress.sh), runs the cms crate's tests against it and always stops it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export WP_PORT=${WP_PORT:-8091}
export WP_DIR=${WP_DIR:-$(mktemp -d /tmp/hirlap-wordpress.XXXXXX)}
trap 'scripts/wordpress.sh stop >/dev/null 2>&1 || true; rm -rf "$WP_DIR"' EXIT
start=$(date +%s)
scripts/wordpress.sh start
HIRLAP_WP_URL="http://127.0.0.1:$WP_PORT" HIRLAP_REQUIRE_WP=1 CARGO_NET_OFFLINE=true \
    cargo test --quiet -p cms
echo "make test-cms: passed in $(( $(date +%s) - start )) s"
