#!/usr/bin/env bash
# `make bench`: press at 1k, 10k and 100k synthetic articles, and the reader's side of the built
# site (Lighthouse against the static limit, bytes, navigation, memory: scripts/lighthouse.mjs,
# scripts/reader-bytes.mjs, scripts/live-bytes.mjs and scripts/reader-bench.mjs), checked against the budgets of docs/PERFORMANCE.md and
# budgets/reader.toml. Exits non-zero when a budget is missed. Not part of `make test`.
#
#   scripts/bench.sh [--write-docs]      BENCH_SIZES="1000 10000 100000" BENCH_SEED=1
#
# Corpora are cached under target/bench/corpus-<N>-s<seed>-<synth hash>/ (synth is
# deterministic, so a rerun skips synthesis). Per size it records: a first build's wall time,
# peak RSS (press build --stats reads VmHWM), output bytes and files, the largest gzip size of
# each route kind, and at 10k the time of a rebuild after one article changed. `press site` is
# timed too when a dist/index.html (the app shell) exists. --write-docs puts the table into
# docs/PERFORMANCE.md between its bench markers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
SEED=${BENCH_SEED:-1}
WRITE_DOCS=0
[ "${1:-}" = "--write-docs" ] && WRITE_DOCS=1
BENCH="$ROOT/target/bench"
mkdir -p "$BENCH"

# Budgets (docs/PERFORMANCE.md).
BUDGET_100K_SECONDS=30
BUDGET_RSS_KIB=$((1024 * 1024))
BUDGET_GZIP_BYTES=$((30 * 1024))
BUDGET_REBUILD_SECONDS=2
# A publish at 100k (docs/adr/0014): press publish (build + site from one load) after one new
# article, after its title was edited, and after nothing changed: wall time and files written
# into dist.
BUDGET_PUBLISH_SECONDS=5
BUDGET_PUBLISH_FILES=500
BUDGET_UNCHANGED_SECONDS=3
# Photos (docs/adr/0008-photos.md): BENCH_PHOTOS synthetic 12-megapixel JPEG covers (0: skip).
PHOTOS=${BENCH_PHOTOS:-200}
BUDGET_PHOTOS_FIRST_SECONDS=${BUDGET_PHOTOS_FIRST_SECONDS:-700}
BUDGET_PHOTOS_REBUILD_SECONDS=10
BUDGET_PHOTOS_RSS_KIB=$((1024 * 1024))

say() { printf 'bench: %s\n' "$*" >&2; }
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
over() { awk -v x="$1" -v limit="$2" 'BEGIN { exit !(x > limit) }'; }

# press in the `tool` profile (fast code, the one make and Trunk use), else plain release.
PROFILE=release
grep -q '^\[profile\.tool\]' Cargo.toml && PROFILE=tool
say "compiling press and press-synth (profile $PROFILE)"
CARGO_NET_OFFLINE=true cargo build --quiet --profile "$PROFILE" -p press -p synth
PRESS="$ROOT/target/$PROFILE/press"
SYNTH="$ROOT/target/$PROFILE/press-synth"
PHOTO="$ROOT/target/$PROFILE/press-photo"
# The generator's code and its vocabulary: a change to either makes new corpora.
SYNTH_HASH=$(cat crates/synth/src/*.rs crates/synth/words.txt | sha256sum | cut -c1-10)

# On this project's VMs the disk is ext4 without a journal: after a mass delete, creating files
# scans the recently deleted inodes still in the buffer cache (ext4 `recently_deleted`), which
# made a build right after removing the previous 100k output 3-4x slower. A fresh CI checkout
# never pays that, so stale outputs are removed, written back and dropped from the cache (as
# root; otherwise the numbers may include that cost).
settle() {
    sync
    if [ -w /proc/sys/vm/drop_caches ]; then
        echo 3 > /proc/sys/vm/drop_caches
        DROPPED=yes
    else
        DROPPED=no
    fi
}

# A publish after the full build and site of a corpus, as `press publish` runs it (one load for
# build and site, adr/0014): a first run that records its inputs, then a run with nothing changed,
# one new article (an existing one under a new slug, dated a minute ago), and
# that article's title edited; the article is removed again after. Sets PUBLISH_CELLS and books
# missed budgets at 100k and more.
publish_run() { # n corpus site → sets RUN_WALL, RUN_FILES (JSON written + site files changed)
    local t0 t1 line
    t0=$(now)
    line=$("$PRESS" publish --no-pull --content "$2/content" --dist "$3" 2>>"$BENCH/publish-$1.log" | tail -1)
    t1=$(now)
    RUN_WALL=$(elapsed "$t0" "$t1")
    echo "$line" >> "$BENCH/publish-$1.log"
    local written changed
    # A run that found nothing changed names neither step.
    written=$(grep -o '[0-9]* written' <<<"$line" | head -1 | cut -d' ' -f1 || true)
    changed=$(grep -o '[0-9]* changed' <<<"$line" | head -1 | cut -d' ' -f1 || true)
    RUN_FILES=$(( ${written:-0} + ${changed:-0} ))
}

publish() { # n corpus out site
    local n=$1 dir=$2 out=$3 site=$4 same same_files new new_files edit edit_files article fresh
    rm -f "$BENCH/publish-$n.log"
    publish_run "$n" "$dir" "$site"
    say "  publish: first run after press site (records its inputs) $RUN_WALL s ($RUN_FILES files)"
    publish_run "$n" "$dir" "$site"
    same=$RUN_WALL same_files=$RUN_FILES
    article=$(find "$dir/content/articles" -name '*.md' | sort | sed -n 1p)
    fresh="$(dirname "$article")/bench-friss-hir.md"
    # Breaking news, dated a minute ago: the synthetic archive ends years before, and the footer's
    # popular tags and year follow the calendar, not the newest article (adr/0020), so the date
    # costs nothing beyond the article's own lists.
    cp -p "$dir/content/urls.toml" "$BENCH/urls.toml.orig"
    sed -e '0,/^title = "/s//title = "Friss hír: /' \
        -e "s/^published = .*/published = $(date -u -d "1 minute ago" +%Y-%m-%dT%H:%M:%S+00:00)/" \
        "$article" > "$fresh"
    # What an rsync upload of that publish sends, against the lists press hands a deploy hook.
    scripts/upload-check.sh snapshot "$site" "$BENCH/mirror-$n"
    publish_run "$n" "$dir" "$site"
    new=$RUN_WALL new_files=$RUN_FILES
    if upload=$(scripts/upload-check.sh compare "$site" "$BENCH/mirror-$n" 2>"$BENCH/upload-$n.err"); then
        say "  publish: rsync --itemize-changes of the new article's publish: $upload, all of them press's lists"
    else
        FAILED+=("rsync would upload other files than press listed after one new article at $n: $(paste -sd ';' "$BENCH/upload-$n.err")")
    fi
    rm -rf "$BENCH/mirror-$n"
    sed -i '0,/^title = "Friss hír: /s//title = "Friss hír, javítva: /' "$fresh"
    publish_run "$n" "$dir" "$site"
    edit=$RUN_WALL edit_files=$RUN_FILES
    rm "$fresh"
    cp -p "$BENCH/urls.toml.orig" "$dir/content/urls.toml"
    "$PRESS" build --content "$dir/content" --out "$out" > /dev/null # the cached output as it was
    say "  publish: nothing changed $same s ($same_files files), one new article $new s ($new_files files), its title edited $edit s ($edit_files files)"
    PUBLISH_CELLS="$same s, $same_files files | $new s, $new_files files | $edit s, $edit_files files"
    if [ "$n" -ge 100000 ]; then
        over "$same" "$BUDGET_UNCHANGED_SECONDS" && FAILED+=("an unchanged publish at $n took $same s (budget $BUDGET_UNCHANGED_SECONDS s)")
        [ "$same_files" -gt 0 ] && FAILED+=("an unchanged publish at $n wrote $same_files files (budget 0)")
        over "$new" "$BUDGET_PUBLISH_SECONDS" && FAILED+=("publishing one article at $n took $new s (budget $BUDGET_PUBLISH_SECONDS s)")
        [ "$new_files" -gt "$BUDGET_PUBLISH_FILES" ] && FAILED+=("publishing one article at $n wrote $new_files files (budget $BUDGET_PUBLISH_FILES)")
        over "$edit" "$BUDGET_PUBLISH_SECONDS" && FAILED+=("publishing a title edit at $n took $edit s (budget $BUDGET_PUBLISH_SECONDS s)")
        [ "$edit_files" -gt "$BUDGET_PUBLISH_FILES" ] && FAILED+=("publishing a title edit at $n wrote $edit_files files (budget $BUDGET_PUBLISH_FILES)")
    fi
    return 0
}

corpus() { # N → path of the cached corpus (content/ and public/ inside)
    local n=$1 dir="$BENCH/corpus-$1-s$SEED-$SYNTH_HASH"
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir" "$dir.tmp"
        say "synthesising $n articles (seed $SEED) → $dir"
        "$SYNTH" --articles "$n" --seed "$SEED" --out "$dir.tmp/content" >&2
        touch "$dir.tmp/.done"
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

# The largest gzip size (level 6, as CDNs compress) per route kind, and every file whose gzip
# could pass the budget. gzip never grows text by more than a few dozen bytes, so only files
# whose raw size is near the budget or above need compressing to check it exactly.
gzip_report() { # out → "files_over max_bytes max_path kind=max …"
    local out=$1 kinds="" max=0 maxp="" over=0
    local listing; listing=$(cd "$out" && find . -type f -name '*.json' -printf '%s %P\n' | sort -rn)
    for kind in articles tags sections authors latest search site.json home.json pages; do
        local kmax=0
        while read -r _size path; do
            [ -n "$path" ] || continue
            local g; g=$(gzip -6 -c "$out/$path" | wc -c)
            if [ "$g" -gt "$kmax" ]; then kmax=$g; fi
            if [ "$g" -gt "$max" ]; then max=$g; maxp=$path; fi
        done < <(grep -E " $kind(/|$)" <<<"$listing" | head -20)
        kinds="$kinds $kind=$kmax"
    done
    while read -r size path; do
        [ "$size" -gt $((BUDGET_GZIP_BYTES - 64)) ] || break
        local g; g=$(gzip -6 -c "$out/$path" | wc -c)
        if [ "$g" -gt "$BUDGET_GZIP_BYTES" ]; then over=$((over + 1)); say "over the gzip budget: $path ($g bytes)"; fi
        if [ "$g" -gt "$max" ]; then max=$g; maxp=$path; fi
    done <<<"$listing"
    echo "$over $max $maxp$kinds"
}

stat_field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

FAILED=()
ROWS=()
SITE_ROWS=()
REBUILD_ROW=""
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# The reader's side: Lighthouse, the app against its static limit, and client-side
# navigation and memory, when a built site is there (make dist). BENCH_READER=0 skips it.
# First, on a quiet machine: after the corpora below the kernel writes gigabytes back for
# minutes, and Lighthouse multiplies every busy millisecond of the page by four (home's TBT went
# from 95 to 227 ms when it ran after them).
READER_LIGHTHOUSE=""
READER_BROWSER=""
READER_BYTES=""
READER_LIVE=""
if [ "${BENCH_READER:-1}" = 1 ] && [ -f dist/index.html ] && [ -d dist/content ]; then
    say "reader: Lighthouse, app against static limit (a few minutes)"
    if ! READER_LIGHTHOUSE=$(CHROME_PATH=/usr/bin/chromium node scripts/lighthouse.mjs bench 2> >(tee "$BENCH/lighthouse.err" >&2)); then
        FAILED+=("reader: $(grep -v -e '^lighthouse: budget missed' -e '^$' "$BENCH/lighthouse.err" | sed 's/^ *//' | paste -sd ';' -)")
    fi
    say "reader: bytes of an idle, an engaged and a returning reader, and a first click"
    if ! READER_BYTES=$(node scripts/reader-bytes.mjs 2> >(tee "$BENCH/bytes.err" >&2)); then
        FAILED+=("reader: $(grep -v -e '^reader: budget missed' -e '^$' "$BENCH/bytes.err" | sed 's/^ *//' | paste -sd ';' -)")
    fi
    say "reader: an open live blog for an hour (docs/adr/0019)"
    if ! READER_LIVE=$(node scripts/live-bytes.mjs 2> >(tee "$BENCH/live.err" >&2)); then
        FAILED+=("reader: $(grep -v -e '^$' "$BENCH/live.err" | sed 's/^ *//' | paste -sd ';' -)")
    fi
    say "reader: client-side navigation against reload, memory over 100 navigations"
    if ! READER_BROWSER=$(node scripts/reader-bench.mjs 2> >(tee "$BENCH/reader.err" >&2)); then
        FAILED+=("reader: $(grep -v -e '^reader: budget missed' -e '^$' "$BENCH/reader.err" | sed 's/^ *//' | paste -sd ';' -)")
    fi
elif [ "${BENCH_READER:-1}" = 1 ]; then
    say "reader: skipped, no dist/ (run make dist first)"
fi


for n in $SIZES; do
    dir=$(corpus "$n")
    out="$BENCH/out-$n"
    rm -rf "$out" "$out".tmp-*
    settle
    # Sources in the page cache, as after a checkout or an editor's save.
    find "$dir" -type f -print0 | xargs -0 cat > /dev/null
    say "press build: $n articles"
    t0=$(now)
    stats=$("$PRESS" build --stats --content "$dir/content" --out "$out" | tail -1)
    t1=$(now)
    wall=$(elapsed "$t0" "$t1")
    rss=$(stat_field peak_rss_kib "$stats")
    cpu=$(stat_field cpu_seconds "$stats")
    files=$(stat_field files "$stats")
    bytes=$(du -sb "$out" | cut -f1)
    read -r GZIP_OVER gmax gpath gkinds <<<"$(gzip_report "$out")"
    ROWS+=("| $n | $wall | $cpu | $((rss / 1024)) | $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') | $files | $gmax (\`$gpath\`) | ${gkinds// /, } |")
    say "  $wall s, peak $((rss / 1024)) MiB, $files files, $bytes bytes, largest gzip $gmax ($gpath)"
    [ "$n" -ge 100000 ] && over "$wall" "$BUDGET_100K_SECONDS" && FAILED+=("build of $n articles took $wall s (budget $BUDGET_100K_SECONDS s)")
    [ "$rss" -gt "$BUDGET_RSS_KIB" ] && FAILED+=("build of $n articles peaked at $((rss / 1024)) MiB (budget 1024 MiB)")
    [ "$GZIP_OVER" -gt 0 ] && FAILED+=("$GZIP_OVER files over $BUDGET_GZIP_BYTES bytes gzip at $n articles")
    [ "$gmax" -gt "$BUDGET_GZIP_BYTES" ] && FAILED+=("largest JSON at $n articles is $gmax bytes gzip")

    if [ "$n" -eq 10000 ]; then
        # Rebuild after one article changed: its title (lists, related blocks, search) and body.
        t0=$(now); same=$("$PRESS" build --stats --content "$dir/content" --out "$out" | tail -1); t1=$(now)
        same_wall=$(elapsed "$t0" "$t1")
        # Three different articles, each edited, rebuilt (timed), reverted and rebuilt again;
        # the median counts (other jobs on a shared machine make single runs noisy).
        walls=()
        for k in 1234 4321 8765; do
            article=$(find "$dir/content/articles" -name '*.md' | sort | sed -n "${k}p")
            cp -p "$article" "$BENCH/edited.md.orig"
            sed -i '0,/^title = "/s//title = "Frissítve: /' "$article"
            printf '\nA szerkesztő utólag hozzáírt egy bekezdést.\n' >> "$article"
            t0=$(now); edit=$("$PRESS" build --stats --content "$dir/content" --out "$out" | tail -1); t1=$(now)
            walls+=("$(elapsed "$t0" "$t1")")
            cp -p "$BENCH/edited.md.orig" "$article" # the cached corpus stays as synthesised
            "$PRESS" build --content "$dir/content" --out "$out" > /dev/null # and its output too
        done
        edit_wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)
        REBUILD_ROW="| $n | $same_wall ($(stat_field cpu_seconds "$same") CPU) | $(stat_field written "$same") | $edit_wall (runs: ${walls[*]}; $(stat_field cpu_seconds "$edit") CPU) | $(stat_field written "$edit") of $(stat_field files "$edit") |"
        say "  rebuild: unchanged $same_wall s, one article edited ${walls[*]} s, median $edit_wall s ($(stat_field written "$edit") files written)"
        over "$edit_wall" "$BUDGET_REBUILD_SECONDS" && FAILED+=("one-article rebuild at $n took $edit_wall s (budget $BUDGET_REBUILD_SECONDS s)")
    fi

    # press site (prerendered HTML, feeds): timed when the app shell is there. Not budgeted.
    if "$PRESS" site --help > /dev/null 2>&1 && [ -f dist/index.html ]; then
        site="$BENCH/site-$n"
        rm -rf "$site"
        mkdir -p "$site"
        # The pristine app shell: press site keeps it as shell.html once index.html is prerendered.
        if [ -f dist/shell.html ]; then cp dist/shell.html "$site/index.html"; else cp dist/index.html "$site/index.html"; fi
        ln -s "$out" "$site/content"
        settle
        say "press site: $n articles"
        # Its peak RSS through GNU time where the machine has it (press site has no --stats).
        timer=()
        [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$BENCH/site-$n.rss")
        rm -f "$BENCH/site-$n.rss"
        t0=$(now)
        if sstats=$("${timer[@]}" "$PRESS" site --content "$dir/content" --dist "$site" 2>"$BENCH/site-$n.log" | tail -1); then
            t1=$(now)
            srss="n/a"
            [ -s "$BENCH/site-$n.rss" ] && srss=$(( $(tail -1 "$BENCH/site-$n.rss") / 1024 ))
            full_wall=$(elapsed "$t0" "$t1")
            pages=$(find "$site" -name '*.html' | wc -l)
            site_bytes=$(du -sb --exclude=content "$site" | cut -f1)
            say "  $sstats (peak $srss MiB)"
            publish "$n" "$dir" "$out" "$site"
            SITE_ROWS+=("| $n | $full_wall | $srss | $pages | $(awk -v b="$site_bytes" 'BEGIN { printf "%.0f", b / 1e6 }') | $((site_bytes / pages / 1024)) | $PUBLISH_CELLS |")
        else
            SITE_ROWS+=("| $n | failed (see target/bench/site-$n.log) | | | |")
        fi
        rm -rf "$site"
    fi
done

# Photos: a corpus of $PHOTOS articles, each with its own 4000×3000 JPEG cover; a first build
# (every photo decoded, resized to 4 widths, encoded as AVIF, WebP and JPEG) and a rebuild with
# nothing changed (every photo read and hashed, nothing encoded).
PHOTO_ROW=""
if [ "$PHOTOS" -gt 0 ]; then
    pdir="$BENCH/photos-$PHOTOS-s$SEED-$SYNTH_HASH"
    if [ ! -f "$pdir/.done" ]; then
        rm -rf "$pdir"
        say "synthesising $PHOTOS articles with 12-megapixel photos → $pdir"
        "$SYNTH" --articles "$PHOTOS" --seed "$SEED" --out "$pdir/content" >&2
        "$PHOTO" --count "$PHOTOS" --seed "$SEED" --out "$pdir/public/photos" --prefix p
        i=0
        while read -r f; do
            i=$((i + 1))
            sed -i "0,/^src = \"\/public\/images\/synth-[0-9]*\.svg\"/s||src = \"/public/photos/p-$i.jpg\"|" "$f"
        done < <(find "$pdir/content/articles" -name '*.md' | sort)
        touch "$pdir/.done"
    fi
    pout="$BENCH/photos-out"
    rm -rf "$pdir/public/_photos" "$pout"
    settle
    src_mb=$(du -sm "$pdir/public/photos" | cut -f1)
    say "press build: $PHOTOS articles with photos ($src_mb MB of JPEG), first build"
    t0=$(now); pstats=$("$PRESS" build --stats --content "$pdir/content" --out "$pout" | tail -1); t1=$(now)
    pwall=$(elapsed "$t0" "$t1")
    prss=$(stat_field peak_rss_kib "$pstats")
    pcpu=$(stat_field cpu_seconds "$pstats")
    t0=$(now); rstats=$("$PRESS" build --stats --content "$pdir/content" --out "$pout" | tail -1); t1=$(now)
    rwall=$(elapsed "$t0" "$t1")
    rrss=$(stat_field peak_rss_kib "$rstats")
    sizes() { find "$pdir/public/_photos" -name "*-$1.$2" -printf '%s\n' | awk '{ s += $1; n++ } END { printf "%.0f", n ? s / n / 1024 : 0 }'; }
    PHOTO_ROW="| $PHOTOS | $src_mb | $pwall | $pcpu | $((prss / 1024)) | $rwall | $((rrss / 1024)) | $(du -sm "$pdir/public/_photos" | cut -f1) | $(sizes 800 avif) / $(sizes 800 webp) / $(sizes 800 jpg) |"
    say "  first $pwall s ($pcpu CPU s, peak $((prss / 1024)) MiB), unchanged rebuild $rwall s (peak $((rrss / 1024)) MiB)"
    over "$pwall" "$BUDGET_PHOTOS_FIRST_SECONDS" && FAILED+=("first build of $PHOTOS photos took $pwall s (budget $BUDGET_PHOTOS_FIRST_SECONDS s)")
    over "$rwall" "$BUDGET_PHOTOS_REBUILD_SECONDS" && FAILED+=("unchanged rebuild of $PHOTOS photos took $rwall s (budget $BUDGET_PHOTOS_REBUILD_SECONDS s)")
    [ "$prss" -gt "$BUDGET_PHOTOS_RSS_KIB" ] && FAILED+=("photo build peaked at $((prss / 1024)) MiB (budget 1024 MiB)")
fi

machine() {
    echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ { print $2 }') GiB memory"
    echo "- $(rustc --version); press in the \`$PROFILE\` profile; $(uname -sr)"
    echo "- output on $(df -T "$BENCH" | awk 'NR == 2 { print $2 }') ($(grep -o 'nojournal\|journal_checksum' /proc/fs/ext4/*/options 2>/dev/null | head -1 || true)); page cache dropped before each first build: ${DROPPED:-no}"
    echo "- load average before the run: $LOAD_BEFORE (other jobs on the machine share its 2 cores)"
    local dirty=""
    git diff --quiet HEAD -- crates Cargo.toml Cargo.lock 2>/dev/null || dirty=" with uncommitted changes to crates/"
    echo "- $(date -u +%Y-%m-%d), seed $SEED, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
}

{
    echo "Machine:"
    echo
    machine
    echo
    echo "| articles | first build (s) | CPU (s) | peak RSS (MiB) | output (MB) | files | largest JSON, gzip bytes | largest gzip per route kind |"
    echo "|---:|---:|---:|---:|---:|---:|---|---|"
    printf '%s\n' "${ROWS[@]}"
    if [ -n "$REBUILD_ROW" ]; then
        echo
        echo "| articles | rebuild, nothing changed (s) | files written | rebuild, one article edited: median of 3 (s) | files written |"
        echo "|---:|---:|---:|---:|---:|"
        echo "$REBUILD_ROW"
    fi
    if [ -n "$PHOTO_ROW" ]; then
        echo
        echo "| photos (4000×3000) | sources (MB) | first build (s) | CPU (s) | peak RSS (MiB) | unchanged rebuild (s) | its peak RSS (MiB) | variants (MB) | 800 px AVIF / WebP / JPEG (KiB, mean) |"
        echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
        echo "$PHOTO_ROW"
    fi
    if [ "${#SITE_ROWS[@]}" -gt 0 ]; then
        echo
        echo "| articles | full press site (s) | peak RSS (MiB) | HTML pages | pages (MB) | mean page (KiB) | publish, nothing changed (s, files written) | publish, one new article | publish, its title edited |"
        echo "|---:|---:|---:|---:|---:|---:|---|---|---|"
        printf '%s\n' "${SITE_ROWS[@]}"
    fi
    if [ -n "$READER_LIGHTHOUSE" ]; then
        echo
        echo "$READER_LIGHTHOUSE"
    fi
    if [ -n "$READER_BYTES" ]; then
        echo
        echo "$READER_BYTES"
    fi
    if [ -n "$READER_LIVE" ]; then
        echo
        echo "$READER_LIVE"
    fi
    if [ -n "$READER_BROWSER" ]; then
        echo
        echo "$READER_BROWSER"
    fi
    echo
    if [ "${#FAILED[@]}" -eq 0 ]; then
        echo "All budgets met."
    else
        echo "Budgets missed:"
        printf -- '- %s\n' "${FAILED[@]}"
    fi
} > "$BENCH/results.md"
cat "$BENCH/results.md"

if [ "$WRITE_DOCS" = 1 ]; then
    python3 - "$BENCH/results.md" docs/PERFORMANCE.md <<'EOF'
import sys
results, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
i, j = doc.index(begin) + len(begin), doc.index(end)
open(sys.argv[2], "w").write(doc[:i] + "\n" + results + doc[j:])
EOF
    say "table written to docs/PERFORMANCE.md"
fi

if [ "${#FAILED[@]}" -gt 0 ]; then
    say "budgets missed: ${#FAILED[@]}"
    exit 1
fi
