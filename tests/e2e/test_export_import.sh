# End-to-end: export then import gives an identical state, history included;
# an altered export is refused; the format's edges (BOM, CRLF, no final
# newline) do not matter.
. "$(dirname "$0")/lib.sh"

seed_small
"$BIN" rec set SSR1-1 status=in_progress owner="Ana Ruiz" --effective 2013-05-01 --reason 'quotes " and \ backslash' >/dev/null
"$BIN" rec set SSR1-1 status=planning --effective 2013-01-01 --reason "back-dated" >/dev/null
printf 'Line one\nLine "two" <b>\n\ttabbed ✓\n' > t.md
"$BIN" rec add SSR1-2 --review SSR1 --title "Unicode ✓ ○ ◇ title" --text-file t.md --effective 2012-10-18 >/dev/null
"$BIN" milestone add SSR1-2 --title "Step" --status complete --effective 2013-02-02 >/dev/null
"$BIN" rec link SSR1-2 --related SSR1-1 >/dev/null

ok "export" export
printf '%s\n' "$OUT" > full.json
eq "export is valid JSON with every change" "$(jq '.changes|length' full.json)" "$(log_count)"
ok "import into a new database" --db new.db init
ok "import the export" --db new.db import full.json
has "import reports the count" "$OUT" "imported $(log_count) changes"
eq "identical change log" "$(log_state new.db)" "$(log_state)"
eq "identical projections" "$(proj_dump new.db)" "$(proj_dump)"
ok "the imported log verifies" --db new.db verify
"$BIN" --db new.db export > again.json
eq "export of the import is the same document" "$(grep -v exported_at again.json)" "$(grep -v exported_at full.json)"
for d in 2012-12-31 2013-01-15 2013-06-01; do
    eq "same view as of $d" "$("$BIN" --db new.db rec list --as-of $d --format json)" "$("$BIN" rec list --as-of $d --format json)"
done

# An export as of a date carries the history up to then, without seq/hash.
ok "export --as-of" export --as-of 2013-01-31
printf '%s\n' "$OUT" > asof.json
eq "as-of export has no hashes" "$(jq '[.changes[]|select(has("hash"))]|length' asof.json)" "0"
"$BIN" --db old.db init >/dev/null
ok "import the as-of export" --db old.db import asof.json
eq "its present is the original's past" "$("$BIN" --db old.db rec list --format json | jq -c 'map([.id,.status])')" \
   "$("$BIN" rec list --as-of 2013-01-31 --format json | jq -c 'map([.id,.status])')"

# An altered export is refused, and nothing of it is written.
sed 's/"value": "Ana Ruiz"/"value": "Mallory"/' full.json > altered.json
"$BIN" --db alt.db init >/dev/null
st --db alt.db import altered.json
if [ "$RC" -eq 1 ] && printf '%s' "$ERR" | grep -q "hash does not match"; then pass "altered export refused"
else fail "altered export refused" "exit $RC: $ERR"; fi
eq "nothing written from the altered export" "$(log_count alt.db)" "0"

# BOM, CRLF line ends and a missing final newline are fine.
{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' full.json | head -c -2; } > crlf.json
"$BIN" --db crlf.db init >/dev/null
ok "import with BOM and CRLF and no final newline" --db crlf.db import crlf.json
eq "same log from the CRLF file" "$(log_state crlf.db)" "$(log_state)"

# A hand-written file without seq/hash/recorded_at appends with today's time.
cat > hand.json <<'JSON'
{"format": "ssrtrack", "version": 1, "changes": [
  {"entity": "rec", "entity_id": "SSR1-6", "field": "status", "value": "complete",
   "effective_at": "2014-03-18", "actor": "importer", "reason": "from a spreadsheet"}
]}
JSON
ok "hand-written import appends" import hand.json
eq "it took effect" "$("$BIN" rec show SSR1-6 --format json | jq -r .status)" "complete"
eq "its actor and reason are kept" "$(sqlite3 "$SSRTRACK_DB" "SELECT actor||'|'||reason FROM change_log ORDER BY seq DESC LIMIT 1")" "importer|from a spreadsheet"
ok "still verifies" verify

# Transactions and reported dates in a file: rows with the same "tx" one
# after another are one transaction, rows without one another; "reported"
# is kept; a bad "tx" or "reported" is refused with its place.
before=$(log_count)
cat > tx.json <<'JSON'
{"format": "ssrtrack", "version": 2, "changes": [
  {"entity": "rec", "entity_id": "SSR1-6", "field": "owner", "value": "A", "effective_at": "2014-03-18", "reported": "2014-06-01", "tx": 7},
  {"entity": "rec", "entity_id": "SSR1-6", "field": "topic", "value": "B", "effective_at": "2014-03-18", "tx": 7},
  {"entity": "rec", "entity_id": "SSR1-6", "field": "owner", "value": "C", "effective_at": "2015-01-01", "tx": 9},
  {"entity": "rec", "entity_id": "SSR1-6", "field": "owner", "value": "D", "effective_at": "2015-01-02"},
  {"entity": "rec", "entity_id": "SSR1-6", "field": "owner", "value": "E", "effective_at": "2015-01-03"}
]}
JSON
ok "a file with transactions imports" import tx.json
eq "its rows make three transactions" \
   "$(sqlite3 "$SSRTRACK_DB" "SELECT group_concat(tx - $before, ' ') FROM change_log WHERE seq > $before")" "1 1 3 4 4"
eq "a reported date is kept, and defaults to the recording date" \
   "$(sqlite3 "$SSRTRACK_DB" "SELECT group_concat(reported_at = CASE seq WHEN $before + 1 THEN '2014-06-01' ELSE substr(recorded_at, 1, 10) END, '') FROM change_log WHERE seq > $before")" "11111"
has "history JSON shows reported and tx" "$("$BIN" rec history SSR1-6 --format json | jq -c '.[-5] | [.reported, .tx > 0]')" '\["2014-06-01",true\]'
sed 's/"tx": 9/"tx": 0/' tx.json > badtx.json
must_fail "a tx that is not a positive integer" 1 import badtx.json
hasf "names its place" "$ERR" "badtx.json:4: changes[2]: 'tx' must be a positive integer"
sed 's/"reported": "2014-06-01"/"reported": "2014-13-01"/' tx.json > badrep.json
must_fail "a reported date that is not a date" 1 import badrep.json
hasf "names it" "$ERR" "reported date '2014-13-01' is not a valid date"
eq "nothing written by the bad files" "$(log_count)" "$((before + 5))"
