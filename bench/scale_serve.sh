#!/usr/bin/env bash
# scale_serve.sh — the server and the export at 1,000 and 10,000 recs x 100
# changes (issue 17): the response cache after a write, the server's first
# request and peak memory, and `site` in full and --incremental. Sourced at
# the end of bench/scale.sh (it uses its BIN, OLD, SIZES, WORK and db_for),
# or run alone:
#
#   BIN=build/ssrtrack bash bench/scale_serve.sh [OLD_BIN]
#
# Each database is copied first (the figures write to it). Figures:
#  - instructions inside request_answer (callgrind) for a visitor of
#    /recs/B after another process wrote to rec A: the whole request,
#    noticing the write included; beside OLD_BIN when given;
#  - the wall time from `serve` starting to its first answer (/recs/B), then
#    of the first GET / (the home page's render is issue 17's other part);
#  - the server's peak RSS after GET /, a walk of 2,000 rec pages (more than
#    the cache's budget holds), the list of recs and the feed;
#  - `site DIR` CPU (user + system), wall and peak memory, then
#    `site DIR --incremental` with nothing changed and after one change.
set -euo pipefail
if [ -z "${SCALE_SH:-}" ]; then
    BIN=${BIN:?set BIN to the ssrtrack binary}
    OLD=${1:-}
    WORK=${SCALE_WORK:-${TMPDIR:-/tmp}/ssrtrack-scale}
    SIZES=${SIZES:-1000 10000}
    here=$(cd "$(dirname "$0")" && pwd)
    db_for() { echo "$WORK/r$1.db"; }
fi

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() { local i; for i in $(seq 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }

# after_write_instr BIN DB: instructions in request_answer for GET /recs/B
# (B = the last rec) after `rec set` wrote to rec A (the first), on a
# one-thread server under callgrind whose cache held /recs/B (the second
# such write: the first prepared the statements that follow the log).
after_write_instr() {
    local bin=$1 db=$2 d port pid n b a i
    d=$(mktemp -d)
    port=$(free_port)
    n=$(sqlite3 "$db" "SELECT count(*) FROM recs")
    a=B1-1 b=B1-$n
    valgrind --tool=callgrind --toggle-collect=request_answer --dump-after=request_answer \
        --callgrind-out-file="$d/cg" "$bin" --db "$db" serve --listen "127.0.0.1:$port" --threads 1 --quiet \
        >"$d/log" 2>&1 &
    pid=$!
    wait_up "http://127.0.0.1:$port/robots.txt"
    curl -s -o /dev/null "http://127.0.0.1:$port/recs/$b"
    curl -s -o /dev/null "http://127.0.0.1:$port/recs/$b"
    # Twice: the first look after a write prepares the server's statements for it.
    SSRTRACK_ACTOR=bench "$bin" --db "$db" rec set "$a" owner="Bench desk 1" --reason bench >/dev/null
    curl -s -o /dev/null "http://127.0.0.1:$port/recs/$b"
    SSRTRACK_ACTOR=bench "$bin" --db "$db" rec set "$a" owner="Bench desk 2" --reason bench >/dev/null
    sleep 1
    i=$(ls "$d" | grep -c '^cg\.')
    curl -s -o /dev/null "http://127.0.0.1:$port/recs/$b"
    sleep 2
    kill "$pid"; wait "$pid" 2>/dev/null || true
    grep -h '^totals' "$d/cg.$((i + 1))" | awk '{print $2}'
    rm -rf "$d"
}

# serve_figures BIN DB: "START_S HOME_S PEAK_MIB" of one server run
serve_figures() {
    local bin=$1 db=$2 port pid t0 t1 t2 n peak
    port=$(free_port)
    n=$(sqlite3 "$db" "SELECT count(*) FROM recs")
    t0=$(date +%s%N)
    "$bin" --db "$db" serve --listen "127.0.0.1:$port" --threads 2 --quiet 2>/dev/null &
    pid=$!
    wait_up "http://127.0.0.1:$port/recs/B1-$((n / 2))"
    t1=$(date +%s%N)
    curl -s -o /dev/null "http://127.0.0.1:$port/"
    t2=$(date +%s%N)
    local k cfg
    cfg=$(mktemp -d)
    for k in 0 1 2 3; do   # four clients, each asking for every fourth page
        seq $((k + 1)) 4 $((n < 2000 ? n : 2000)) |
            awk -v u="http://127.0.0.1:$port/recs/B1-" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", u, $1 }' >"$cfg/$k"
        curl -s -K "$cfg/$k" &
    done
    wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
    rm -rf "$cfg"
    for p in "/recs" "/recs?review=B1" /changes /changes.atom /ledger; do curl -s -o /dev/null "http://127.0.0.1:$port$p"; done
    peak=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v p="$peak" 'BEGIN { printf "%.2f %.2f %.1f", (b - a) / 1e9, (c - b) / 1e9, p / 1024 }'
}

# site_figures BIN DB DIR: "CPU WALL PEAK_MIB" of site DIR [more args]
site_figures() {
    local bin=$1 db=$2 dir=$3 t s0 s1; shift 3
    t=$(mktemp)
    s0=$(date +%s%N)
    /usr/bin/time -f '%U %S %M' -o "$t" "$bin" --db "$db" site "$dir" "$@" >"$t.out"
    s1=$(date +%s%N)
    awk -v a="$s0" -v b="$s1" '{ printf "%.1f %.1f %.0f", $1 + $2, (b - a) / 1e9, $3 / 1024 }' "$t"
    echo " ($(head -1 "$t.out"))"
    rm -f "$t" "$t.out"
}

serve_bins=("$BIN")
[ -n "$OLD" ] && serve_bins+=("$OLD")
echo
echo "| server and export at scale | recs | build | figure |"
echo "| --- | ---: | --- | --- |"
for n in $SIZES; do
    src=$(db_for "$n")
    for b in "${serve_bins[@]}"; do
        tagb=$([ "$b" = "$BIN" ] && echo this || echo OLD_BIN)
        copy=$WORK/serve-$n.db
        cp "$src" "$copy"; rm -f "$copy-wal" "$copy-shm"
        echo "| /recs/B after a write to rec A, instructions in request_answer | $n | $tagb | $(after_write_instr "$b" "$copy") |"
        cp "$src" "$copy"; rm -f "$copy-wal" "$copy-shm"
        read -r start home peak < <(serve_figures "$b" "$copy")
        echo "| serve: start to first answer (/recs/ID), s | $n | $tagb | $start |"
        echo "| serve: the first GET / after it, s | $n | $tagb | $home |"
        echo "| serve: peak RSS after /, 2000 rec pages, lists and feed, MiB | $n | $tagb | $peak |"
        out=$WORK/site-$n
        rm -rf "$out"
        echo "| site: CPU s, wall s, peak MiB | $n | $tagb | $(site_figures "$b" "$copy" "$out") |"
        if [ "$b" = "$BIN" ]; then
            echo "| site --incremental, nothing changed: CPU s, wall s, peak MiB | $n | $tagb | $(site_figures "$b" "$copy" "$out" --incremental) |"
            SSRTRACK_ACTOR=bench "$b" --db "$copy" rec set B1-2 owner="Bench desk" --reason bench >/dev/null
            echo "| site --incremental, one rec changed: CPU s, wall s, peak MiB | $n | $tagb | $(site_figures "$b" "$copy" "$out" --incremental) |"
        fi
        rm -rf "$out" "$copy"
    done
done
