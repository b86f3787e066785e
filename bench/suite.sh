#!/usr/bin/env bash
# The test suite's own time: `make -j2 test` (build included) in fresh clones
# of two revisions, one after the other on the same machine, so they share
# its load. Prints, per revision, the wall time, the CPU time (user + system,
# which depends less on what else runs), and the suite's closing line.
#   bench/suite.sh [BEFORE [AFTER]]     default: main and HEAD
# The figures go, by hand, into docs/performance.md ("The test suite").
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:-main}
after=${2:-HEAD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The tests that read the source documents find them through SEEDS.
export SEEDS=${SEEDS:-$PWD/../shared/seeds}

for rev in "$before" "$after"; do
    dir=$work/$(git rev-parse --short "$rev")
    git clone -q --no-checkout . "$dir"
    git -C "$dir" checkout -q "$(git rev-parse "$rev")"
    TIMEFORMAT='%R %U %S'
    { time make -C "$dir" -j2 test >"$work/out" 2>&1 || true; } 2>"$work/time"
    read -r real user sys <"$work/time"
    wall=$(awk -v r="$real" 'BEGIN { printf "%.0f", r }')
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
    printf '%s\t%s\twall %ss\tcpu %ss\t%s\n' "$rev" "$(git rev-parse --short "$rev")" "$wall" "$cpu" \
        "$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$work/out" | tail -1)"
done
