#!/usr/bin/env bash
# The log as C2SP tiles, and a witness, at 1M changes (the log of
# bench/gen_changes.sh):
#   export  - `site --ledger-only` into an empty directory (every tile, bundle
#             and content file), and again into the directory of a previous
#             export (full tiles compared, not rewritten); peer: cp -r of the
#             same files, the floor for writing them
#   witness - POST /add-checkpoint latency, one keep-alive client sending the
#             log's checkpoint again and again (each a full decision: parse,
#             the log's signature, one synchronous SQLite transaction, a
#             cosignature); peer: the same client on `serve`'s
#             /ledger/checkpoint (the HTTP round trip and MHD alone)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
RECS=${RECS:-10000}
PER=${PER:-100}
REQS=${REQS:-2000}
n=$((RECS * PER + 1))

db=$BENCH_TMP/tiles.db
rm -f "$db" "$db"-wal "$db"-shm "$db.key"
"$(dirname "$0")/gen_changes.sh" "$RECS" "$PER" > "$BENCH_TMP/tiles.json"
"$BIN" --db "$db" init >/dev/null
"$BIN" --db "$db" import "$BENCH_TMP/tiles.json" >/dev/null
rm -f "$BENCH_TMP/tiles.json"
"$BIN" --db "$db" checkpoint > "$BENCH_TMP/ck"

# Each timed export goes to a directory of its own, removed after the run.
cat > "$BENCH_TMP/export.sh" <<SH
d=\$(mktemp -d -p "$BENCH_TMP" site.XXXX)
"$BIN" --db "$db" site "\$d" --ledger-only
SH
measure tiles "site --ledger-only: $n entries into an empty directory" ms bash "$BENCH_TMP/export.sh"
rm -rf "$BENCH_TMP"/site.*
"$BIN" --db "$db" site "$BENCH_TMP/ref" --ledger-only > "$BENCH_TMP/site.out"
files=$(sed -n 's/^wrote \([0-9]*\) files.*/\1/p' "$BENCH_TMP/site.out")
bytes=$(sed -n 's/.*files (\([0-9]*\) bytes).*/\1/p' "$BENCH_TMP/site.out")
tilebytes=$(find "$BENCH_TMP/ref/ledger/tile" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
measure tiles "site --ledger-only: again, into the previous export" ms "$BIN" --db "$db" site "$BENCH_TMP/ref" --ledger-only
cat > "$BENCH_TMP/copy.sh" <<SH
d=\$(mktemp -d -p "$BENCH_TMP" copy.XXXX)
cp -r "$BENCH_TMP/ref/ledger" "\$d/"
SH
measure tiles "peer: cp -r of the same files" ms bash "$BENCH_TMP/copy.sh"
rm -rf "$BENCH_TMP"/copy.* "$BENCH_TMP/ref"

# A witness, and serve, on 127.0.0.1; one client measuring each request.
wkey=$BENCH_TMP/w.key
rm -f "$wkey" "$wkey.state"
"$BIN" witness init --name bench.example/w --key "$wkey" > /dev/null 2>&1
"$BIN" witness serve --key "$wkey" --listen 127.0.0.1:0 --log "$("$BIN" --db "$db" key show)" --quiet 2>"$BENCH_TMP/w.log" &
wpid=$!
"$BIN" --db "$db" serve --listen 127.0.0.1:0 --threads 2 --quiet 2>"$BENCH_TMP/s.log" &
spid=$!
trap 'kill $wpid $spid 2>/dev/null || true' EXIT
port() { local i p=""; for i in $(seq 1 100); do p=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1" 2>/dev/null | head -1 || true); [ -n "$p" ] && break; sleep 0.05; done; echo "$p"; }
wport=$(port "$BENCH_TMP/w.log")
sport=$(port "$BENCH_TMP/s.log")
size=$(sed -n 2p "$BENCH_TMP/ck")
{ printf 'old 0\n\n'; cat "$BENCH_TMP/ck"; } | curl -s --data-binary @- "http://127.0.0.1:$wport/add-checkpoint" >/dev/null
{ printf 'old %s\n\n' "$size"; cat "$BENCH_TMP/ck"; } > "$BENCH_TMP/req"
cat > "$BENCH_TMP/lat.py" <<'PY'
import http.client, sys, time
port, method, path, body, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
data = open(body, "rb").read() if body != "-" else None
c = http.client.HTTPConnection("127.0.0.1", port)
lat = []
for i in range(n + 50):
    t = time.perf_counter()
    c.request(method, path, body=data)
    r = c.getresponse()
    r.read()
    if r.status != 200:
        sys.exit("status %d" % r.status)
    if i >= 50:
        lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print("%.4f %.4f" % (lat[len(lat) // 2], lat[int(len(lat) * 0.99)]))
PY
w_med=() w_p99=() s_med=() s_p99=()
for ((i = 0; i < RUNS; i++)); do
    read -r m p < <(python3 "$BENCH_TMP/lat.py" "$wport" POST /add-checkpoint "$BENCH_TMP/req" "$REQS")
    w_med+=("$m"); w_p99+=("$p")
    read -r m p < <(python3 "$BENCH_TMP/lat.py" "$sport" GET /ledger/checkpoint - "$REQS")
    s_med+=("$m"); s_p99+=("$p")
done
record_values tiles "witness add-checkpoint: median latency over $REQS requests" ms 0 "${w_med[@]}"
record_values tiles "witness add-checkpoint: p99 latency" ms 0 "${w_p99[@]}"
record_values tiles "peer: serve GET /ledger/checkpoint, median latency" ms 0 "${s_med[@]}"
record_values tiles "peer: serve GET /ledger/checkpoint, p99 latency" ms 0 "${s_p99[@]}"
kill $wpid $spid 2>/dev/null; wait $wpid $spid 2>/dev/null || true

e=$(median tiles "site --ledger-only: $n entries into an empty directory")
again=$(median tiles "site --ledger-only: again, into the previous export")
cp=$(median tiles "peer: cp -r of the same files")
wm=$(median tiles "witness add-checkpoint: median latency over $REQS requests")
sm=$(median tiles "peer: serve GET /ledger/checkpoint, median latency")
figure tiles "tiles export of 1M entries (s)" "$(calc "$e / 1000")" "-" "-"
figure tiles "files, and bytes of the export (tiles and bundles alone)" "$files, $bytes ($tilebytes)" "-" "-"
figure tiles "export time / cp -r of the same files" "$(calc "$e / $cp")" "-" "-"
figure tiles "export into the previous export (s)" "$(calc "$again / 1000")" "-" "-"
figure tiles "witness add-checkpoint latency, median (ms)" "$wm" "-" "-"
figure tiles "witness latency / serve GET latency, medians" "$(calc "$wm / $sm")" "-" "-"
