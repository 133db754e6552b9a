#!/usr/bin/env bash
# make fuzz: each cargo-fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS (default 60) under
# libFuzzer, coverage-guided, then a table of executions and findings per target. Exits 1 when
# a target found something. docs/FUZZING.md says what each target checks and how a finding
# becomes a regression test.
#
# The committed seeds (fuzz/corpus/<target>/) and regressions (fuzz/regressions/<target>/) are
# read, never written: what libFuzzer learns goes to fuzz/target/work/corpus/<target>/ (kept
# between runs, ignored by git) and a finding to fuzz/target/work/artifacts/<target>/.
#
# Stable Rust: `-s none` (no sanitizer; safe Rust needs none to find panics), `-a` (debug
# assertions and overflow checks on, as in the tests). FUZZ_TARGETS="a b" runs only those.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/fuzz"
SECONDS_EACH=${FUZZ_SECONDS:-60}
WORK="$ROOT/fuzz/target/work"
read -r -a targets <<<"${FUZZ_TARGETS:-$(cargo fuzz list | tr '\n' ' ')}"

summary=()
failed=0
for t in "${targets[@]}"; do
    mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
    seeds=("corpus/$t")
    if [ -d "regressions/$t" ]; then seeds+=("regressions/$t"); fi
    log="$WORK/$t.log"
    before=$(find "$WORK/artifacts/$t" -type f | wc -l)
    printf 'fuzz: %s for %s s (log: fuzz/target/work/%s.log)\n' "$t" "$SECONDS_EACH" "$t"
    set +e
    CARGO_NET_OFFLINE=true cargo fuzz run -s none -a "$t" "$WORK/corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$WORK/artifacts/$t/" >"$log" 2>&1
    status=$?
    set -e
    execs=$(awk -F: '/stat::number_of_executed_units/ { gsub(/ /, "", $NF); print $NF }' "$log" | tail -1)
    # A crash ends the run before the final statistics: the last status line's count instead.
    if [ -z "$execs" ]; then execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#'); fi
    rate=$(awk -F: '/stat::average_exec_per_sec/ { gsub(/ /, "", $NF); print $NF }' "$log" | tail -1)
    units=$(find "$WORK/corpus/$t" -type f | wc -l)
    findings=$(( $(find "$WORK/artifacts/$t" -type f | wc -l) - before ))
    if [ "$status" -ne 0 ]; then
        failed=1
        grep -m1 -A4 -E 'panicked at|ERROR: libFuzzer' "$log" | sed 's/^/    /' || true
    fi
    summary+=("$(printf '%-16s %11s execs %7s/s  corpus %5s  findings %s  exit %s' \
        "$t" "${execs:-?}" "${rate:-?}" "$units" "$findings" "$status")")
done
printf '\nfuzz: %s s per target\n' "$SECONDS_EACH"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzz: a target found something: the input is in fuzz/target/work/artifacts/<target>/ (docs/FUZZING.md: make it a regression)" >&2
    exit 1
fi
