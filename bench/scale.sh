#!/usr/bin/env bash
# scale.sh — does a page cost what it shows? Every figure of issue 17 at
# 1,000 and 10,000 recs x 100 changes each, with the growth factor from one
# step to the next (10x the recs: a factor near 10 is linear, far above it
# super-linear; a page of one rec should stay near 1).
#
#   BIN=build/ssrtrack bash bench/scale.sh [OLD_BIN]
#
# OLD_BIN (optional): another build measured in the same run beside this
# one, e.g. the commit before the change, so each row reads as a ratio.
# The databases are generated once (bench/gen_changes.sh) and kept in
# SCALE_WORK (default: a folder under the system's temporary directory),
# since 1M changes take minutes to import. Instruction counts come from
# callgrind (valgrind), which repeats exactly; CPU seconds and peak memory
# from /usr/bin/time (the peak includes the pages of the file SQLite maps).
# Peer: the sqlite3 shell's own pass over the log (sha3_query of every row),
# on the same file in the same run, beside verify and --known-at. The web
# peers (nginx on the same bytes, Fossil's ticket report) are measured by
# bench/web.sh.
set -euo pipefail
BIN=${BIN:?set BIN to the ssrtrack binary}
OLD=${1:-}
WORK=${SCALE_WORK:-${TMPDIR:-/tmp}/ssrtrack-scale}
SIZES=${SIZES:-1000 10000}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"
MAKER=${OLD:-$BIN}   # the files are written by the older build, which both can read

db_for() {   # db_for RECS: the path of a database of RECS recs x 100 changes, made once
    local db=$WORK/r$1.db
    if [ ! -s "$db" ]; then
        echo "scale: generating $1 recs x 100 changes in $db ..." >&2
        rm -f "$db" "$db"-wal "$db"-shm "$db.key"
        "$here/gen_changes.sh" "$1" 100 > "$WORK/ch$1.json"
        "$MAKER" --db "$db" init >/dev/null
        "$MAKER" --db "$db" import "$WORK/ch$1.json" >/dev/null
        rm -f "$WORK/ch$1.json"
    fi
    echo "$db"
}
demo=$WORK/demo.db
[ -s "$demo" ] || { "$MAKER" --db "$demo" init >/dev/null; "$MAKER" --db "$demo" demo >/dev/null; }
# copy_for BIN DB: the file BIN reads. With OLD_BIN each build reads a copy
# of its own, since a newer build upgrades the schema of a file it opens
# (once, before any figure: `key show` opens it for writing) and an older
# one refuses it then.
copy_for() {
    local db=$2 c
    if [ -z "$OLD" ]; then c=$db
    else
        c=$WORK/$([ "$1" = "$BIN" ] && echo new || echo old)-$(basename "$db")
        [ -s "$c" ] || { cp "$db" "$c"; [ ! -f "$db.key" ] || cp "$db.key" "$c.key"; }
    fi
    "$1" --db "$c" key show >/dev/null 2>&1 || true
    echo "$c"
}

# instr BIN FN ARGS...: instructions executed inside function FN
instr() {
    local bin=$1 fn=$2 out; shift 2
    out=$(mktemp)
    valgrind --tool=callgrind --toggle-collect="$fn" --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>"$out.err" </dev/null
    grep -o 'Collected : [0-9]*' "$out.err" | awk '{print $3}'
    rm -f "$out" "$out.err"
}
# page_instr BIN DB PATH: instructions inside web_handle for one GET (ssrtrack http)
page_instr() {
    local out
    out=$(mktemp)
    printf 'GET %s HTTP/1.0\r\nHost: bench\r\n\r\n' "$3" |
        valgrind --tool=callgrind --toggle-collect=web_handle --callgrind-out-file="$out" "$1" --db "$2" http >/dev/null 2>"$out.err"
    grep -o 'Collected : [0-9]*' "$out.err" | awk '{print $3}'
    rm -f "$out" "$out.err"
}
# warm_instr BIN DB WARM PATH: instructions inside web_handle for PATH rendered
# uncached by a running one-thread server whose statements WARM prepared
warm_instr() {
    local d port=$((20000 + RANDOM % 20000)) pid i
    d=$(mktemp -d)
    valgrind --tool=callgrind --toggle-collect=web_handle --dump-after=web_handle --callgrind-out-file="$d/cg" \
        "$1" --db "$2" serve --listen 127.0.0.1:$port --threads 1 --quiet >"$d/log" 2>&1 &
    pid=$!
    for i in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port$3" && break; sleep 0.3; done
    curl -s -o /dev/null "http://127.0.0.1:$port$4"
    sleep 1
    kill "$pid"; wait "$pid" 2>/dev/null || true
    grep -h '^totals' "$d/cg.2" | awk '{print $2}'
    rm -rf "$d"
}
# cpu BIN ARGS... (stdin passed on): "CPU-seconds peak-MiB" of one run
cpu() {
    local t
    t=$(mktemp)
    /usr/bin/time -f '%U %S %M' -o "$t" "$@" >/dev/null
    awk '{ printf "%.2f %.1f", $1 + $2, $3 / 1024 }' "$t"
    rm -f "$t"
}
get() { printf 'GET %s HTTP/1.0\r\nHost: bench\r\n\r\n' "$1"; }

declare -A fig
bins=("$BIN")
[ -n "$OLD" ] && bins+=("$OLD")
for n in $SIZES; do
    rec=B1-$((n / 2))
    for b in "${bins[@]}"; do
        db=$(copy_for "$b" "$(db_for "$n")")
        k="$b|$n"
        fig[$k|show]=$(instr "$b" cmd_rec_show --db "$db" rec show "$rec")
        fig[$k|show_asof]=$(instr "$b" cmd_rec_show --db "$db" rec show "$rec" --as-of 2015-06-01)
        fig[$k|page]=$(page_instr "$b" "$db" "/recs/$rec")
        fig[$k|page_asof]=$(page_instr "$b" "$db" "/recs/$rec?as_of=2015-06-01")
        fig[$k|home]=$(get / | cpu "$b" --db "$db" http)
        fig[$k|quarterly]=$(cpu "$b" --db "$db" report quarterly)
        fig[$k|verify]=$(cpu "$b" --db "$db" verify)
        fig[$k|known]=$(cpu "$b" --db "$db" rec list --known-at 2099-01-01)
    done
    fig[peer|$n|log]=$(cpu sqlite3 "$(db_for "$n")" "SELECT hex(sha3_query('SELECT * FROM change_log'))")
done
for b in "${bins[@]}"; do fig[$b|demo|warm]=$(warm_instr "$b" "$(copy_for "$b" "$demo")" /recs/SSR1-8 /recs/SSR1-9); done

# The table: one row per figure and build, a column per size, then the growth.
set -- $SIZES
first=$1
last=${!#}
tag() { [ "$1" = "$BIN" ] || echo ' (OLD_BIN)'; }
row() {   # row LABEL KEY FIELD(1 instructions, else "cpu mem" picks 1 or 2)
    local label=$1 key=$2 f=$3 b line vals v
    for b in "${bins[@]}"; do
        line="| $label$(tag "$b") |"
        vals=()
        for n in $SIZES; do
            v=${fig[$b|$n|$key]}
            [ "$f" = i ] || v=$(echo "$v" | awk -v f="$f" '{print $f}')
            vals+=("$v")
            line+=" $v |"
        done
        line+=" $(awk -v a="${vals[0]}" -v b="${vals[${#vals[@]}-1]}" 'BEGIN { printf (a > 0 ? "%.1f" : "-"), b / a }') |"
        echo "$line"
    done
}
echo "| figure | $(printf '%s recs | ' $SIZES)growth $first -> $last |"
echo "| --- | $(printf -- '---: | %.0s' $SIZES)---: |"
row "rec show, instructions" show i
row "rec show --as-of, instructions" show_asof i
row "/recs/ID, instructions in web_handle" page i
row "/recs/ID?as_of=, instructions in web_handle" page_asof i
row "GET / uncached, CPU s" home 1
row "GET / uncached, peak MiB" home 2
row "report quarterly, CPU s" quarterly 1
row "report quarterly, peak MiB" quarterly 2
row "verify, CPU s" verify 1
row "verify, peak MiB" verify 2
row "rec list --known-at, CPU s" known 1
row "rec list --known-at, peak MiB" known 2
line="| peer: sqlite3 shell, sha3_query over the log, CPU s |"
for n in $SIZES; do line+=" $(echo "${fig[peer|$n|log]}" | awk '{print $1}') |"; done
echo "$line -"
for b in "${bins[@]}"; do
    echo "| /recs/SSR1-9 of the demo, uncached on a warm server, instructions in web_handle$(tag "$b") | ${fig[$b|demo|warm]} |"
done

# The server (response cache, first request, peak memory) and `site`,
# full and --incremental: bench/scale_serve.sh, on the same databases.
SCALE_SH=1 . "$here/scale_serve.sh"
