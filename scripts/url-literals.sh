#!/usr/bin/env bash
# The URL scheme has one home, crates/model/src/paths.rs: no other Rust file under src/ or
# crates/ spells one of its path literals. Exits 1, naming each line, if one does.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -rn --include='*.rs' \
    -e '"/rovat/' -e '"/cimke/' -e '"/szerzo/' -e '"/friss' -e '"/oldal/' -e '"/kereses' \
    src crates | grep -v '^crates/model/src/paths.rs:' || true)
if [ -n "$found" ]; then
    echo "url-literals: a path of the URL scheme spelled outside crates/model/src/paths.rs:" >&2
    echo "$found" >&2
    exit 1
fi
echo "url-literals: every path of the scheme comes from model::paths"
