#!/usr/bin/env bash
# Prints what every reader downloads before the app runs: the wasm and its JS glue, gzip -9.
set -euo pipefail
dist=${1:-dist}
wasm=$(ls "$dist"/*.wasm | head -1)
js=$(ls "$dist"/*.js | head -1)
raw=$(( $(stat -c %s "$wasm") + $(stat -c %s "$js") ))
gz=$(( $(gzip -9c "$wasm" | wc -c) + $(gzip -9c "$js" | wc -c) ))
printf 'size: wasm+js %d KB raw, %.1f KB gzip (%s, %s)\n' $(( raw / 1024 )) "$(awk "BEGIN { print $gz / 1024 }")" "$(basename "$wasm")" "$(basename "$js")"
