#!/usr/bin/env bash
# CSV import at 100,000 rows (10,000 recs x 10 dated rows, every column of a
# row set): rows per second of `import --format csv`, beside two peers
# measured in the same run:
#   canonical - our canonical JSON import of the very changes the CSV import
#               made (exported with --as-of, so without seq and hash)
#   sqlite3   - the sqlite3 shell's .import of the same file into a bare table
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
RECS=${RECS:-10000}
PER=${PER:-10}
rows=$((RECS * PER))
csv=$BENCH_TMP/recs.csv

# Row 1 of a rec creates it; rows 2..PER move its status, owner and board on
# later dates, one month apart from 2015 on.
awk -v recs="$RECS" -v per="$PER" 'BEGIN {
    srand(14)
    split("not_started planning in_progress complete ongoing deferred", st, " ")
    split("approved pending rejected passed_through approved+passed_through passed_through+pending", bd, " ")
    print "id,review,title,status,board,owner,effective,reason\r"
    for (r = 1; r <= recs; r++)
        for (k = 0; k < per; k++) {
            eff = sprintf("%04d-%02d-01", 2015 + int(k / 12), 1 + k % 12)
            title = k ? "" : sprintf("\"Recommendation %d, imported from a spreadsheet\"", r)
            printf "B1-%d,%s,%s,%s,%s,owner %d,%s,row %d\r\n", r, k ? "" : "B1", title, st[1 + int(rand() * 6)],
                   bd[1 + int(rand() * 6)], int(rand() * 50), eff, k + 1
        }
}' > "$csv"

db=$BENCH_TMP/csv.db
fresh() {
    rm -f "$db" "$db"-wal "$db"-shm
    "$BIN" --db "$db" init >/dev/null
    "$BIN" --db "$db" review add B1 --title "Benchmark review" --effective 2014-01-01 >/dev/null
}
times=() peak=0
for ((i = 0; i < RUNS; i++)); do
    fresh
    t0=$(now_ns)
    /usr/bin/time -f %M -o "$BENCH_TMP/.rss" "$BIN" --db "$db" import --format csv "$csv" >/dev/null
    t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
    kb=$(tail -1 "$BENCH_TMP/.rss"); [ "$kb" -gt "$peak" ] && peak=$kb
done
record csv "import --format csv, $rows rows" ms "$peak" "${times[@]}"
changes=$(sqlite3 "$db" "SELECT count(*) FROM change_log WHERE entity = 'rec'")

# The same changes as canonical JSON: the review is added first, as above.
"$BIN" --db "$db" export --as-of "$(date -u +%F)" |
    jq -c '.changes |= map(select(.entity == "rec") | del(.recorded_at))' > "$BENCH_TMP/same.json"
times=() peak=0
for ((i = 0; i < RUNS; i++)); do
    fresh
    t0=$(now_ns)
    /usr/bin/time -f %M -o "$BENCH_TMP/.rss" "$BIN" --db "$db" import "$BENCH_TMP/same.json" >/dev/null
    t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
    kb=$(tail -1 "$BENCH_TMP/.rss"); [ "$kb" -gt "$peak" ] && peak=$kb
done
record csv "peer: canonical JSON import of the same $changes changes" ms "$peak" "${times[@]}"

peer=$BENCH_TMP/peer.db
times=()
for ((i = 0; i < RUNS; i++)); do
    rm -f "$peer"
    t0=$(now_ns)
    sqlite3 "$peer" <<SQL >/dev/null
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
CREATE TABLE recs(id TEXT, review TEXT, title TEXT, status TEXT, board TEXT, owner TEXT, effective TEXT, reason TEXT);
CREATE INDEX recs_id ON recs(id, effective);
BEGIN;
.import --csv --skip 1 $csv recs
COMMIT;
SQL
    t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
done
record csv "peer: sqlite3 shell .import of the same file" ms 0 "${times[@]}"

c=$(median csv "import --format csv, $rows rows")
j=$(median csv "peer: canonical JSON import of the same $changes changes")
q=$(median csv "peer: sqlite3 shell .import of the same file")
figure csv "CSV import rate (rows/s)" "$(calc "$rows / ($c / 1000)")" "-" "-"
figure csv "CSV import time / canonical import of the same changes" "$(calc "$c / $j")" "-" "-"
figure csv "CSV import time / sqlite3 shell .import of the same file" "$(calc "$c / $q")" "-" "-"
