#!/usr/bin/env bash
# Run every test: the unit test programs (BUILD/tests/...) and the end-to-end
# scripts (tests/e2e/test_*.sh), JOBS at a time (default 2). Each prints
# "ok - NAME" or "not ok - NAME" lines; as each file finishes this prints one
# line with its time and counts, and the failures with their detail; it ends
# with one line: "N passed, N failed".
#   ONLY=NAME   only the e2e scripts whose name holds NAME (unit tests always run)
#   JOBS=N      how many test files run at once
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
JOBS=${JOBS:-2}
export BUILD BIN="$PWD/$BUILD/ssrtrack"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run_one N NAME COMMAND...: runs COMMAND into $out/N.log, then prints its line.
run_one() {
    local n=$1 name=$2 log="$out/$1.log" start rc secs ok notok
    shift 2
    start=$EPOCHREALTIME
    "$@" >"$log" 2>&1 </dev/null
    rc=$?
    secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
    # A program that dies without reporting a failure is itself a failure.
    if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
        echo "not ok - $name: exited with status $rc" >>"$log"
    fi
    ok=$(grep -c '^ok ' "$log")
    notok=$(grep -c '^not ok' "$log")
    {
        printf '%7.1fs  %4d ok  %3d not ok  %s\n' "$secs" "$ok" "$notok" "$name"
        grep -E '^(not ok|#)' "$log" | head -200
        [ $rc -ne 0 ] && [ "$notok" -gt 0 ] && ! grep -q '^#' "$log" && tail -5 "$log"
    } >"$out/$n.line"
    flock "$out/.lock" cat "$out/$n.line"   # whole, never interleaved
}

# The slowest scripts start first, so that two jobs end close together.
slow="test_faults test_crash test_browser test_slowloris test_db_full test_linkcheck"
files=()
for t in $slow; do [ -f "tests/e2e/$t.sh" ] && files+=("tests/e2e/$t.sh"); done
for t in tests/e2e/test_*.sh; do
    [[ " $slow " == *" $(basename "$t" .sh) "* ]] || files+=("$t")
done
units=$(find "$BUILD/tests" -type f -name 'test_*' -perm -u+x 2>/dev/null | sort)

n=0
running=0
for t in $units "${files[@]}"; do
    [ -f "$t" ] || continue
    if [[ "$t" == tests/e2e/* ]]; then
        [ -n "${ONLY:-}" ] && [[ "$t" != *"$ONLY"* ]] && continue
        cmd=(bash "$t")
    else
        cmd=("$t")
    fi
    if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
    n=$((n + 1))
    run_one "$n" "$t" "${cmd[@]}" &
    running=$((running + 1))
done
wait

passed=$(cat "$out"/*.log 2>/dev/null | grep -c '^ok ')
failed=$(cat "$out"/*.log 2>/dev/null | grep -c '^not ok')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
