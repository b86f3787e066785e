# End-to-end: `verify` finds an edited, a deleted, two swapped and a cut-off
# row, and names the first bad seq; an intact log verifies.
. "$(dirname "$0")/lib.sh"

seed_small
for s in planning in_progress complete; do "$BIN" rec set SSR1-1 status=$s --effective 2014-03-18 >/dev/null; done
ok "intact log verifies" verify
has "reports the count" "$OUT" "^ok: 13 changes"
n=$(log_count)

fresh() { rm -f "$T/x.db"*; sqlite3 "$SSRTRACK_DB" ".backup '$T/x.db'"; }
check_bad() {  # NAME SEQ SQL
    fresh
    sqlite3 "$T/x.db" "$3"
    st --db "$T/x.db" verify
    if [ "$RC" -eq 1 ] && printf '%s' "$ERR" | grep -q "seq $2:"; then pass "$1"
    else fail "$1" "exit $RC: $ERR"; fi
}
check_bad "edited value" 7 "UPDATE change_log SET value='complete' WHERE seq=7"
check_bad "edited effective date" 5 "UPDATE change_log SET effective_at='2010-01-01' WHERE seq=5"
check_bad "edited actor" 3 "UPDATE change_log SET actor='someone else' WHERE seq=3"
check_bad "edited hash" 9 "UPDATE change_log SET hash=zeroblob(32) WHERE seq=9"
check_bad "deleted row" 6 "DELETE FROM change_log WHERE seq=6"
check_bad "two swapped rows" 4 "UPDATE change_log SET seq=-4 WHERE seq=4; UPDATE change_log SET seq=4 WHERE seq=5; UPDATE change_log SET seq=5 WHERE seq=-4"
check_bad "last row cut off" "$n" "DELETE FROM change_log WHERE seq=$n"
check_bad "row edited with a recomputed-looking hash of another row" 2 "UPDATE change_log SET hash=(SELECT hash FROM change_log WHERE seq=3) WHERE seq=2"
check_bad "appended forged row" $((n + 1)) "INSERT INTO change_log SELECT $((n + 1)), entity, entity_id, field, 'x', effective_at, recorded_at, actor, reason, hash, reported_at, tx FROM change_log WHERE seq=$n"
fresh
st --db "$T/x.db" verify
eq "the copy itself verifies" "$RC" "0"
