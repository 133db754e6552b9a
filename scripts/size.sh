#!/usr/bin/env bash
# What the app costs a reader: the wasm and its JS glue (for a reader who goes further, ADR
# 0016) and the service worker (for every reader, ADR 0018), gzip -9 and brotli -q 11. With
# --check, fails outside the band in budgets/wasm.toml (make test runs it).
set -euo pipefail
check=0
if [[ ${1:-} == --check ]]; then check=1; shift; fi
dist=${1:-dist}
budget=${BUDGET:-$(dirname "$0")/../budgets/wasm.toml}
wasm=$(ls "$dist"/*.wasm | head -1)
js=$(ls "$dist"/hirlap-*.js | head -1)
sw=$dist/sw.js
# One node process compresses both files: gzip level 9 and brotli quality 11, as a CDN would
# precompress static assets.
read -r raw gz br < <(node -e '
  const fs = require("fs"), z = require("zlib");
  let raw = 0, gz = 0, br = 0;
  for (const f of process.argv.slice(1)) {
    const b = fs.readFileSync(f);
    raw += b.length;
    gz += z.gzipSync(b, { level: 9 }).length;
    br += z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  console.log(raw, gz, br);' "$wasm" "$js" "$sw")
kb() { awk "BEGIN { printf \"%.1f\", $1 / 1024 }"; }
printf 'size: wasm+js+sw %s KB raw, %s KB gzip, %s KB brotli (%s, %s, sw.js)\n' \
  "$(kb "$raw")" "$(kb "$gz")" "$(kb "$br")" "$(basename "$wasm")" "$(basename "$js")"
((check)) || exit 0
get() { awk -F= -v k="$1" '$1 ~ "^"k" *$" { gsub(/[ \t]/, "", $2); print $2 }' "$budget"; }
max=$(get max_gzip_kb) min=$(get min_gzip_kb) goal=$(get goal_gzip_kb)
gzkb=$(kb "$gz")
printf 'size: budget band %s–%s KB gzip (goal %s KB)\n' "$min" "$max" "$goal"
if awk "BEGIN { exit !($gzkb > $max) }"; then
  echo "size: FAIL: $gzkb KB gzip is over the budget of $max KB (budgets/wasm.toml)" >&2
  exit 1
fi
if awk "BEGIN { exit !($gzkb < $min) }"; then
  echo "size: FAIL: $gzkb KB gzip is under the band's minimum of $min KB: the app shrank, so lower max_gzip_kb and min_gzip_kb in budgets/wasm.toml to lock the saving in" >&2
  exit 1
fi
