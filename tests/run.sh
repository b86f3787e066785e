#!/usr/bin/env bash
# Run every test: the unit test programs (build/tests/...) and the end-to-end
# scripts (tests/e2e/*.sh). Each prints "ok - NAME" or "not ok - NAME" lines;
# this script counts them and ends with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD BIN="$PWD/$BUILD/ssrtrack"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_one() {  # run_one NAME COMMAND...
    local out rc
    out=$("${@:2}" 2>&1)
    rc=$?
    printf '%s\n' "$out" >>"$log"
    printf '%s\n' "$out" | grep -E '^(not ok|#)' || true
    # A program that dies without reporting a failure is itself a failure.
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
        echo "not ok - $1: exited with status $rc" | tee -a "$log"
        printf '%s\n' "$out" | tail -5
    fi
}

for t in $(find "$BUILD/tests" -type f -name 'test_*' -perm -u+x 2>/dev/null | sort); do
    run_one "$t" "$t"
done
for t in tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    [ -n "${ONLY:-}" ] && [[ "$t" != *"$ONLY"* ]] && continue
    run_one "$t" bash "$t"
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
