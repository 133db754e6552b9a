#!/usr/bin/env bash
# What an rsync upload of one publish sends, against the lists press publish hands its deploy
# hook (docs/PUBLISHING.md). Used by make bench (scripts/bench.sh):
#
#   scripts/upload-check.sh snapshot DIST MIRROR   before the publish: MIRROR stands for the CDN
#                                                  (hard links: no copy of the bytes)
#   scripts/upload-check.sh compare DIST MIRROR    after it: prints "uploads N, deletes M" and
#                                                  exits 1 when rsync would send or delete a file
#                                                  press did not list, or the other way round
#
# DIST's symbolic links are followed (make bench links <dist>/content to press build's tree).
# Only files count: a folder's time is metadata an upload of its files brings along. The
# hard-linked mirror sees every file press replaces (press writes a new file and renames it
# over the old one, never into it); a file changed in place would change the mirror's too.
set -euo pipefail
mode=$1 dist=${2%/} mirror=${3%/}
case "$mode" in
snapshot)
    rm -rf "$mirror"
    cp -a -L -l "$dist" "$mirror"
    ;;
compare)
    command -v rsync >/dev/null || { echo "upload-check: rsync is missing (make setup installs it)" >&2; exit 2; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    # --itemize-changes: ">f" a file sent, "*deleting" a file removed; --dry-run: nothing moves.
    rsync -a -L --delete --dry-run --itemize-changes "$dist/" "$mirror/" > "$tmp/itemized"
    awk '/^>f/ { sub(/^[^ ]+ /, ""); print }' "$tmp/itemized" | sort > "$tmp/rsync-changed"
    awk '/^\*deleting / && !/\/$/ { sub(/^\*deleting +/, ""); print }' "$tmp/itemized" | sort > "$tmp/rsync-removed"
    parent=$(dirname "$dist") name=$(basename "$dist")
    sort "$parent/.$name.publish-changed" > "$tmp/press-changed"
    sort "$parent/.$name.publish-removed" > "$tmp/press-removed"
    echo "uploads $(wc -l < "$tmp/rsync-changed"), deletes $(wc -l < "$tmp/rsync-removed")"
    ok=0
    if ! diff -q "$tmp/rsync-changed" "$tmp/press-changed" >/dev/null; then
        echo "upload-check: rsync sends what press did not list (<) or press listed what rsync does not send (>):" >&2
        diff "$tmp/rsync-changed" "$tmp/press-changed" | grep '^[<>]' | head -20 >&2
        ok=1
    fi
    if ! diff -q "$tmp/rsync-removed" "$tmp/press-removed" >/dev/null; then
        echo "upload-check: the deletions differ (< rsync, > press):" >&2
        diff "$tmp/rsync-removed" "$tmp/press-removed" | grep '^[<>]' | head -20 >&2
        ok=1
    fi
    exit $ok
    ;;
*)
    echo "usage: $0 snapshot|compare DIST MIRROR" >&2
    exit 2
    ;;
esac
