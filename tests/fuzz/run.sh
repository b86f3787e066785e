#!/usr/bin/env bash
# run.sh — `make fuzz`: run each libFuzzer driver built in BUILD/fuzzers/ for
# SECONDS seconds on its checked-in corpus, and say what each did.
#   tests/fuzz/run.sh BUILD SECONDS [NAME...]        (default: every driver)
# New inputs go to BUILD/fuzz-corpus/NAME/, never into the checked-in corpus;
# with FUZZ_MERGE=1 those of at most 512 bytes that reach new edges (hit
# counts aside, to keep it small) are merged into tests/fuzz/corpus/NAME/. A crash leaves its input as
# BUILD/fuzz-artifacts/NAME-crash-* (copy it into the corpus as
# crash-WHAT once fixed). FUZZ_JOBS runs that many drivers at once (default 1).
# Exit status: 0 when no driver crashed.
set -u
cd "$(dirname "$0")/../.."
build=${1:?usage: run.sh BUILD SECONDS [NAME...]}
secs=${2:?usage: run.sh BUILD SECONDS [NAME...]}
shift 2
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in tests/fuzz/fuzz_*.c; do n=${f#tests/fuzz/fuzz_}; names+=("${n%.c}"); done
fi
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"

# one NAME: fuzz one driver; its summary line goes to BUILD/fuzz-logs/NAME.sum.
one() {
    local name=$1 bin=$build/fuzzers/$1 log=$build/fuzz-logs/$1.log
    local work=$build/fuzz-corpus/$1 seeds=tests/fuzz/corpus/$1 dict=()
    mkdir -p "$work"
    [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
    "$bin" "$work" "$seeds" "${dict[@]}" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$name-" >"$log" 2>&1
    local rc=$? runs rate cov
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        echo "ok - fuzz $name: ${runs:-?} runs in ${secs}s, ${rate:-?} exec/s, ${cov:-cov: ?}" >"$build/fuzz-logs/$name.sum"
    else
        { echo "not ok - fuzz $name: exit $rc after ${runs:-?} runs (log: $log)"
          grep -E '^==[0-9]+==ERROR|SUMMARY|invariant broken|Test unit written|^artifact_prefix' "$log" | head -5 | sed 's/^/#   /'
        } >"$build/fuzz-logs/$name.sum"
    fi
    if [ "${FUZZ_MERGE:-0}" = 1 ] && [ $rc -eq 0 ]; then
        local small=$build/fuzz-small/$name
        rm -rf "$small" && mkdir -p "$small"
        find "$work" -type f -size -513c -exec cp {} "$small/" \;
        "$bin" -merge=1 -use_counters=0 "$seeds" "$small" >>"$log" 2>&1
    fi
}

jobs=${FUZZ_JOBS:-1}
for name in "${names[@]}"; do
    if [ ! -x "$build/fuzzers/$name" ]; then echo "not ok - fuzz $name: $build/fuzzers/$name is not built"; continue; fi
    one "$name" &
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
done
wait
failed=0
for name in "${names[@]}"; do
    [ -f "$build/fuzz-logs/$name.sum" ] || continue
    cat "$build/fuzz-logs/$name.sum"
    grep -q '^not ok' "$build/fuzz-logs/$name.sum" && failed=$((failed + 1))
    rm -f "$build/fuzz-logs/$name.sum"
done
echo "fuzzed ${#names[@]} drivers for ${secs}s each: $failed crashed"
[ "$failed" -eq 0 ]
