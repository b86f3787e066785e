#!/usr/bin/env bash
# Run every benchmark, print one table, and write docs/performance.md with
# the machine, the date and the versions. RUNS=N sets the runs per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh bench
make --no-print-directory all >/dev/null
export BIN=$PWD/build/ssrtrack
export BENCH_TMP=$(mktemp -d)
export RESULTS=$BENCH_TMP/results.tsv
trap 'rm -rf "$BENCH_TMP"' EXIT
: > "$RESULTS"

for part in ${PARTS:-store csv docs links ledger tiles web}; do
    echo "bench: $part ..." >&2
    bash "bench/$part.sh"
done

# The suite's figures (bench/suite.sh, written by hand) are kept as they are.
suite=$(sed -n '/^## The test suite/,$p' docs/performance.md)
bash bench/report.sh "$RESULTS" > docs/performance.md
[ -z "$suite" ] || printf '\n%s\n' "$suite" >> docs/performance.md
cat docs/performance.md
