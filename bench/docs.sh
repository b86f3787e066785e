#!/usr/bin/env bash
# Documents and reports: importing each source document into a fresh
# database, and producing every report (every format) on the demo, each as
# one ssrtrack process; target under 50 ms each. Peers in the same run:
#   import  - the canonical JSON import of exactly the changes the document
#             import produced (the cost of the same writes without parsing)
#   reports - `rec list --format json` over the same demo (the plainest read)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
SEEDS=${SEEDS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/seeds}
R1=$SEEDS/002_0b44ff1b59d411cb.txt
R2=$SEEDS/000_1b707e8e43b30b9a.txt
db=$BENCH_TMP/docs.db

# A fresh database before each run of an import.
import_runs() {  # NAME FORMAT FILE
    local times=() i t0 t1
    for ((i = 0; i < RUNS; i++)); do
        rm -f "$db" "$db"-wal "$db"-shm
        "$BIN" --db "$db" init >/dev/null
        t0=$(now_ns)
        "$BIN" --db "$db" import --format "$2" "$3" >/dev/null
        t1=$(now_ns)
        times+=($(( (t1 - t0) / 1000 )))
    done
    record docs "$1" ms 0 "${times[@]}"
}
import_runs "import the SSR1 report" ssr1-report "$R1"
"$BIN" --db "$db" export | jq '{format, version, changes: [.changes[] | del(.seq, .hash, .recorded_at)]}' > "$BENCH_TMP/r1.json"
import_runs "peer: canonical import of the same changes (SSR1)" canonical "$BENCH_TMP/r1.json"
import_runs "import the SSR2 assessment" ssr2-assessment "$R2"
"$BIN" --db "$db" export | jq '{format, version, changes: [.changes[] | del(.seq, .hash, .recorded_at)]}' > "$BENCH_TMP/r2.json"
import_runs "peer: canonical import of the same changes (SSR2)" canonical "$BENCH_TMP/r2.json"

rm -f "$db" "$db"-wal "$db"-shm
"$BIN" --db "$db" init >/dev/null
"$BIN" --db "$db" demo >/dev/null
worst=0
for kind in implementation assessment quarterly smart; do
    for fmt in md html csv json; do
        measure docs "report $kind --format $fmt" ms "$BIN" --db "$db" report "$kind" --format "$fmt"
        m=$(median docs "report $kind --format $fmt")
        worst=$(awk -v a="$worst" -v b="$m" 'BEGIN { print (b > a) ? b : a }')
    done
done
measure docs "peer: rec list --format json" ms "$BIN" --db "$db" rec list --format json

i1=$(median docs "import the SSR1 report"); p1=$(median docs "peer: canonical import of the same changes (SSR1)")
i2=$(median docs "import the SSR2 assessment"); p2=$(median docs "peer: canonical import of the same changes (SSR2)")
pl=$(median docs "peer: rec list --format json")
yes50() { awk -v v="$1" 'BEGIN { print (v < 50) ? "yes" : "no" }'; }
figure docs "import of the SSR1 report (ms)" "$i1" "< 50" "$(yes50 "$i1")"
figure docs "import of the SSR2 assessment (ms)" "$i2" "< 50" "$(yes50 "$i2")"
figure docs "document import / canonical import of the same changes" "$(calc "$i1 / $p1") and $(calc "$i2 / $p2")" "-" "-"
figure docs "slowest report, any kind and format (ms)" "$worst" "< 50" "$(yes50 "$worst")"
figure docs "slowest report / rec list --format json" "$(calc "$worst / $pl")" "-" "-"
