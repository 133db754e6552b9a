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
KEEP="$WP_DIR/pulled"
HIRLAP_WP_URL="http://127.0.0.1:$WP_PORT" HIRLAP_REQUIRE_WP=1 HIRLAP_CMS_KEEP="$KEEP" CARGO_NET_OFFLINE=true \
    cargo test --quiet -p cms

# What a reader gets: the first pull's sources (kept by the WordPress test) built into a copy
# of the app (make dist ran before: see the Makefile) and read in Chromium.
[ -f dist/shell.html ] || { echo "test-cms: dist/ is missing; run make dist first" >&2; exit 1; }
SITE="$WP_DIR/site"
cp -R dist "$SITE"
mkdir -p "$SITE/public/cms"
cp -R "$KEEP/public/cms/." "$SITE/public/cms/"
PRESS=(cargo run --quiet --offline --profile tool -p press --)
"${PRESS[@]}" build --content "$KEEP/content" --public "$KEEP/public" --out "$SITE/content"
# The pulled photos' resized copies (docs/adr/0008), which Trunk would copy with public/.
cp -R "$KEEP/public/_photos" "$SITE/public/"
"${PRESS[@]}" site --content "$KEEP/content" --public "$KEEP/public" --dist "$SITE"
CMS_SITE="$SITE" playwright test -c tests/cms/playwright.config.mjs
echo "make test-cms: passed in $(( $(date +%s) - start )) s"
