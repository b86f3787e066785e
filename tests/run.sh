#!/usr/bin/env bash
# Run every test: the unit test programs (BUILD/tests/...) and the end-to-end
# scripts (tests/e2e/test_*.sh), JOBS at a time (default 2), and beside
# them from the start the two scripts that mostly wait. Each prints
# "ok - NAME" or "not ok - NAME" lines; as each file finishes this prints one
# line with its wall time, its CPU time (user + system of everything it ran)
# and its counts, and the failures with their detail; it ends with the wall and
# CPU seconds of the whole run and one line: "N passed, N failed".
#   ONLY=NAME   only the e2e scripts whose name holds NAME (unit tests always run)
#   JOBS=N      how many test files run at once
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
JOBS=${JOBS:-2}
export BUILD BIN="$PWD/$BUILD/ssrtrack"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# cpu_secs FILE: the user + system seconds of the children in FILE, the output
# of bash's `times` (its second line: "XmY.YYYs XmY.YYYs").
cpu_secs() {
    awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); t += a[1] * 60 + a[2] } print t }' "$1"
}

# run_one N NAME COMMAND...: runs COMMAND into $out/N.log, then prints its
# line. It runs in a subshell of its own, so `times` counts this file alone.
run_one() {
    local n=$1 name=$2 log="$out/$1.log" start rc secs cpu ok notok
    shift 2
    start=$EPOCHREALTIME
    "$@" >"$log" 2>&1 </dev/null
    rc=$?
    secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
    times >"$out/$n.times"   # not in $(...): that subshell has no children
    cpu=$(cpu_secs "$out/$n.times")
    echo "$cpu $secs $name" >"$out/$n.time"
    # A program that dies without reporting a failure is itself a failure.
    if [ $rc -ne 0 ] && ! grep -q '^not ok' "$log"; then
        echo "not ok - $name: exited with status $rc" >>"$log"
    fi
    ok=$(grep -c '^ok ' "$log")
    notok=$(grep -c '^not ok' "$log")
    {
        printf '%7.1fs %7.1fs cpu  %4d ok  %3d not ok  %s\n' "$secs" "$cpu" "$ok" "$notok" "$name"
        grep -E '^(not ok|#)' "$log" | head -200
        [ $rc -ne 0 ] && [ "$notok" -gt 0 ] && ! grep -q '^#' "$log" && tail -5 "$log"
    } >"$out/$n.line"
    flock "$out/.lock" cat "$out/$n.line"   # whole, never interleaved
}

# Longest first, so that the jobs end close together: the scripts below in
# this order (their wall time in a full run, slowest first, as measured for
# docs/performance.md "Suite speed"; keep it up to date when a test grows),
# then the other scripts, then the unit programs, which take a second or
# two each and fill the gaps at the end.
slow="test_scanner test_faults test_pages_browser test_crash test_site_export
      test_html_valid test_browser test_ledger_proofs test_ledger_tamper
      test_ledger_tiles test_downloads test_security test_web test_fmtcheck
      test_xlsx test_webhooks test_db_full test_glance test_changes test_import_docs"
# Scripts that spend their time waiting (slow clients held for seconds,
# link checks running into time limits), at about a tenth of a core: they
# run beside the JOBS at hand from the start rather than taking one's place.
idle="test_slowloris test_linkcheck"
slow=" $(echo $slow) "
idle=" $(echo $idle) "
files=()
for t in $slow; do [ -f "tests/e2e/$t.sh" ] && files+=("tests/e2e/$t.sh"); done
for t in tests/e2e/test_*.sh; do
    name=" $(basename "$t" .sh) "
    [[ "$slow" == *"$name"* || "$idle" == *"$name"* ]] || files+=("$t")
done
units=$(find "$BUILD/tests" -type f -name 'test_*' -perm -u+x 2>/dev/null | sort)

# start FILE: runs one test file in the background; sets its pid in $!.
n=0
start() {
    local cmd=("$1")
    [[ "$1" == tests/e2e/* ]] && cmd=(bash "$1")
    n=$((n + 1))
    run_one "$n" "$1" "${cmd[@]}" &
}
wanted() { [ -f "$1" ] && { [[ "$1" != tests/e2e/* ]] || [ -z "${ONLY:-}" ] || [[ "$1" == *"$ONLY"* ]]; }; }

suite_start=$EPOCHREALTIME
for t in $idle; do wanted "tests/e2e/$t.sh" && start "tests/e2e/$t.sh"; done
declare -A busy=()   # the pids of the files taking a job
for t in "${files[@]}" $units; do
    wanted "$t" || continue
    if [ "${#busy[@]}" -ge "$JOBS" ]; then
        wait -n -p done_pid "${!busy[@]}"
        unset "busy[$done_pid]"
    fi
    start "$t"
    busy[$!]=1
done
wait

# The whole run: wall seconds, and the CPU seconds of every file summed.
awk -v a="$suite_start" -v b="$EPOCHREALTIME" '{ c += $1 }
    END { printf "%.1fs wall, %.1fs cpu, %d files\n", b - a, c, NR }' "$out"/*.time
passed=$(cat "$out"/*.log 2>/dev/null | grep -c '^ok ')
failed=$(cat "$out"/*.log 2>/dev/null | grep -c '^not ok')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
