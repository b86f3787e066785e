#!/usr/bin/env bash
# Link checking: 1,000 evidence URLs on our own test server
# (tests/tools/testhttpd.c, 127.0.0.1), each answering after 100 ms, checked
# by `ssrtrack evidence check --concurrency 50`; beside Debian's linkchecker
# with 50 threads on the same 1,000 URLs (listed on one page), in the same run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
N=${LINKS:-1000}
DELAY=${DELAY_MS:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
make -C "$ROOT" --no-print-directory build/tools/testhttpd >/dev/null
command -v linkchecker >/dev/null || { echo "bench: linkchecker is missing (scripts/deps.sh bench)" >&2; exit 1; }

dir=$BENCH_TMP/links
mkdir -p "$dir"
"$ROOT/build/tools/testhttpd" "$dir/port" "$dir/requests" &
srv=$!
trap 'kill $srv 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
read -r port _ < "$dir/port"
base="http://127.0.0.1:$port"

# A database citing the N URLs, built by one import.
awk -v n="$N" -v base="$base" -v ms="$DELAY" 'BEGIN {
    print "{\"format\": \"ssrtrack\", \"version\": 1, \"changes\": ["
    printf "{\"entity\": \"review\", \"entity_id\": \"B1\", \"field\": \"title\", \"value\": \"Benchmark\", \"effective_at\": \"2012-01-01\"}"
    printf ",\n{\"entity\": \"rec\", \"entity_id\": \"B1-1\", \"field\": \"review\", \"value\": \"B1\", \"effective_at\": \"2012-01-01\"}"
    printf ",\n{\"entity\": \"rec\", \"entity_id\": \"B1-1\", \"field\": \"title\", \"value\": \"Cited\", \"effective_at\": \"2012-01-01\"}"
    for (i = 1; i <= n; i++) {
        split("target_kind rec target B1-1 url " base "/slow/" ms "/" i, kv, " ")
        for (k = 1; k <= 6; k += 2)
            printf ",\n{\"entity\": \"evidence\", \"entity_id\": \"E%d\", \"field\": \"%s\", \"value\": \"%s\", \"effective_at\": \"2012-01-01\"}", i, kv[k], kv[k + 1]
    }
    print "\n]}"
}' > "$dir/links.json"
"$BIN" --db "$dir/base.db" init >/dev/null
"$BIN" --db "$dir/base.db" import "$dir/links.json" >/dev/null

# Each run checks a fresh copy: every URL is a first check (one GET each).
cat > "$dir/ours.sh" <<SH
cp "$dir/base.db" "$dir/run.db" && rm -f "$dir/run.db-wal" "$dir/run.db-shm"
exec nice "$BIN" --db "$dir/run.db" evidence check --allow-private --concurrency 50 --timeout 30
SH
# linkchecker reads the same URLs from one page; it may pass its default of
# 10 requests per second to a host because the server sends a LinkChecker header.
printf '[checking]\nthreads=50\nmaxrequestspersecond=1000\ntimeout=30\n[output]\nstatus=0\n' > "$dir/linkcheckerrc"
chmod -R a+rX "$dir"   # linkchecker drops root privileges to nobody
peer=(nice linkchecker -f "$dir/linkcheckerrc" -r 1 --check-extern --no-warnings "$base/list/$N/$DELAY")

# Both must really check every URL before their times mean anything.
out=$(bash "$dir/ours.sh")
grep -q "^$N URLs: $N ok, 0 moved, 0 dead, 0 blocked" <<<"$out" || { echo "bench: ssrtrack did not pass every URL: $(tail -1 <<<"$out")" >&2; exit 1; }
: > "$dir/requests"
out=$("${peer[@]}" 2>&1 || true)
grep -q "$((N + 1)) links in $((N + 1)) URLs checked.* 0 errors found" <<<"$out" || { echo "bench: linkchecker did not check every URL: $(grep "That's it" <<<"$out")" >&2; exit 1; }
[ "$(grep -c ' /slow/' "$dir/requests")" -ge "$N" ] || { echo "bench: linkchecker made fewer than $N requests" >&2; exit 1; }

measure links "evidence check: $N URLs, ${DELAY} ms each, concurrency 50" ms bash "$dir/ours.sh"
measure links "peer: linkchecker, 50 threads, the same $N URLs" ms "${peer[@]}"

ours=$(median links "evidence check: $N URLs, ${DELAY} ms each, concurrency 50")
theirs=$(median links "peer: linkchecker, 50 threads, the same $N URLs")
floor=$(calc "$N / 50 * $DELAY")
figure links "evidence check wall time (s)" "$(calc "$ours / 1000")" "-" "-"
figure links "linkchecker time / evidence check time" "$(calc "$theirs / $ours")" "-" "-"
figure links "evidence check time / the floor of $N x ${DELAY} ms / 50 ($(calc "$floor / 1000") s)" "$(calc "$ours / $floor")" "-" "-"
