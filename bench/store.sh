#!/usr/bin/env bash
# Store benchmarks at 1M changes (10,000 recs x 100 changes): import rate,
# `rec list --as-of` against plain `rec list`, and `verify`; each beside a
# peer measured in the same run:
#   import  - the sqlite3 shell loading the same rows into a bare table of the
#             same shape and index (no hashing, no projections)
#   verify  - the sqlite3 shell hashing every row (sha3_query)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
RECS=${RECS:-10000}
PER=${PER:-100}
n=$((RECS * PER + 1))

"$(dirname "$0")/gen_changes.sh" "$RECS" "$PER" > "$BENCH_TMP/changes.json"
db=$BENCH_TMP/store.db
fresh() { rm -f "$db" "$db"-wal "$db"-shm; "$BIN" --db "$db" init >/dev/null; }

# Import: a fresh database each run.
times=() peak=0
for ((i = 0; i < RUNS; i++)); do
    fresh
    t0=$(now_ns)
    /usr/bin/time -f %M -o "$BENCH_TMP/.rss" "$BIN" --db "$db" import "$BENCH_TMP/changes.json" >/dev/null
    t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
    kb=$(tail -1 "$BENCH_TMP/.rss"); [ "$kb" -gt "$peak" ] && peak=$kb
done
record store "import $n changes" ms "$peak" "${times[@]}"

# The peer loads the same rows (taken from our database) as CSV.
sqlite3 -csv "$db" "SELECT seq, entity, entity_id, field, value, effective_at, recorded_at, actor, reason, hex(hash) FROM change_log" > "$BENCH_TMP/changes.csv"
peer=$BENCH_TMP/peer.db
times=()
for ((i = 0; i < RUNS; i++)); do
    rm -f "$peer"
    t0=$(now_ns)
    sqlite3 "$peer" <<SQL >/dev/null
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
CREATE TABLE change_log(seq INTEGER PRIMARY KEY, entity TEXT, entity_id TEXT, field TEXT, value TEXT,
  effective_at TEXT, recorded_at TEXT, actor TEXT, reason TEXT, hash TEXT);
CREATE INDEX change_log_thing ON change_log(entity, entity_id, effective_at, seq);
BEGIN;
.import --csv $BENCH_TMP/changes.csv change_log
COMMIT;
SQL
    t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
done
record store "peer: sqlite3 shell .import of the same rows" ms 0 "${times[@]}"

measure store "rec list (10,000 recs)" ms "$BIN" --db "$db" rec list
measure store "rec list --as-of 2015-01-01" ms "$BIN" --db "$db" rec list --as-of 2015-01-01
measure store "rec list --known-at (fold of the log)" ms "$BIN" --db "$db" rec list --known-at 2099-01-01
measure store "verify $n changes" ms "$BIN" --db "$db" verify
measure store "peer: sqlite3 shell sha3_query over every row" ms sqlite3 "$db" "SELECT hex(sha3_query('SELECT * FROM change_log'))"

imp=$(median store "import $n changes")
pimp=$(median store "peer: sqlite3 shell .import of the same rows")
rate=$(calc "$n / ($imp / 1000)")
figure store "import rate (changes/s)" "$(printf '%.0f' "$rate")" ">= 100000" "$(awk "BEGIN{print ($rate >= 100000) ? \"yes\" : \"no\"}")"
figure store "import time / sqlite3 shell .import time" "$(calc "$imp / $pimp")" "-" "-"
plain=$(median store "rec list (10,000 recs)")
asof=$(median store "rec list --as-of 2015-01-01")
r=$(calc "$asof / $plain")
figure store "rec list --as-of / rec list" "$r" "<= 3" "$(awk "BEGIN{print ($r <= 3) ? \"yes\" : \"no\"}")"
v=$(median store "verify $n changes")
pv=$(median store "peer: sqlite3 shell sha3_query over every row")
figure store "verify time (s)" "$(calc "$v / 1000")" "< 2" "$(awk "BEGIN{print ($v < 2000) ? \"yes\" : \"no\"}")"
figure store "verify time / sqlite3 shell hashing time" "$(calc "$v / $pv")" "-" "-"
