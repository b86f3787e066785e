# End-to-end: a full database, simulated by SSRTRACK_MAX_PAGES (a cap on the
# file's pages). Writes fail with one clear line (exit 2; HTTP 503
# storage_full) and leave no trace, reads go on, nothing is damaged, an
# import that runs out of room keeps nothing, and writing resumes once there
# is room.
. "$(dirname "$0")/lib.sh"

seed_small
echo "correct horse battery" | "$BIN" user add ana --role editor >/dev/null
TOKEN=$("$BIN" token create ana)
pad=$(printf '%0300d' 0)
long=$(printf '%01900d' 0)
big=$(printf '%020000d' 0)

# PATCH a rec through the API: sets CODE and BODY.
patch() {
    get "/api/v1/recs/$1" -X PATCH -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" --data-binary "$2"
}

export SSRTRACK_MAX_PAGES=abc
must_fail "a cap that is not a number is refused" 1 rec show SSR1-1
hasf "the refusal names the variable" "$ERR" "SSRTRACK_MAX_PAGES"

# Cap the file a few pages above its size and write until it is full.
export SSRTRACK_MAX_PAGES=$(( $(sqlite3 "$SSRTRACK_DB" "PRAGMA page_count") + 8 ))
i=0
while [ $i -lt 500 ]; do
    i=$((i + 1))
    st rec set SSR1-1 owner="filler $i" topic="$pad" --reason "fill $i"
    [ "$RC" -eq 0 ] || break
done
eq "the capped database fills up" "$RC" "2"
[ $i -gt 1 ] && pass "writes succeed until the cap" || fail "writes succeed until the cap" "the first write failed: $ERR"

# --- the command line, full -----------------------------------------------------
before=$(log_state); count=$(log_count); proj=$(proj_dump)
must_fail "the same write again: exit 2, one line" 2 rec set SSR1-1 owner="filler $i" topic="$pad" --reason "fill $i"
has "the line says the database is full, for which command" "$ERR" "^ssrtrack: rec set SSR1-1: .*the database is full"
must_fail "a large write: exit 2, one line" 2 rec set SSR1-6 text="$big" --reason "large"
hasf "it says the database is full" "$ERR" "the database is full"
must_fail "adding a milestone: exit 2, one line" 2 milestone add SSR1-6 --title "$long"
hasf "it says the database is full too" "$ERR" "the database is full"
eq "failed writes leave the log as it was" "$(log_state)" "$before"
eq "failed writes leave the projections as they were" "$(proj_dump)" "$proj"

ok "rec show works while full" rec show SSR1-1 --format json
eq "it shows the last write that fitted" "$(jq -r .owner <<<"$OUT")" "filler $((i - 1))"
ok "rec list works while full" rec list --format json
ok "rec history works while full" rec history SSR1-1
ok "export works while full" export
ok "verify passes while full" verify
eq "integrity_check is ok while full" "$(sqlite3 "$SSRTRACK_DB" "PRAGMA integrity_check")" "ok"

# --- the server, full -------------------------------------------------------------
start_server || { fail "server starts on a full database" "$(<"$T/server.log")"; exit 0; }
pass "server starts on a full database"
patch SSR1-6 "{\"set\": {\"text\": \"$big\"}, \"reason\": \"api large\"}"
eq "API write to a full database: 503" "$CODE" "503"
eq "its error code is storage_full" "$(jq -r .error.code <<<"$BODY")" "storage_full"
hasf "its message says the database is full" "$(jq -r .error.message <<<"$BODY")" "the database is full"
patch SSR1-1 "{\"set\": {\"owner\": \"filler $i\", \"topic\": \"$pad\"}, \"reason\": \"fill $i\"}"
eq "a small API write that does not fit: 503" "$CODE" "503"
eq "failed API writes leave the log as it was" "$(log_state)" "$before"
for p in /api/v1/recs /api/v1/recs/SSR1-1 /api/v1/recs/SSR1-1/history /api/v1/changes / /recs /recs/SSR1-1 /changes; do
    get "$p"
    eq "GET $p while full: 200" "$CODE" "200"
done
get /api/v1/recs/SSR1-1 -H "Authorization: Bearer $TOKEN"
eq "a signed GET while full: 200" "$CODE" "200"
stop_server
eq "the server stops cleanly" "$SERVER_RC" "0"
eq "integrity_check is ok after the server" "$(sqlite3 "$SSRTRACK_DB" "PRAGMA integrity_check")" "ok"
ok "verify passes after the server" verify

# --- room again: a larger cap, then none --------------------------------------------
export SSRTRACK_MAX_PAGES=$(( SSRTRACK_MAX_PAGES + 200 ))
start_server || { fail "server starts with room" "$(<"$T/server.log")"; exit 0; }
patch SSR1-6 "{\"set\": {\"text\": \"$big\"}, \"reason\": \"api large\"}"
eq "with room, the same API write succeeds" "$CODE" "200"
stop_server
unset SSRTRACK_MAX_PAGES
ok "without the cap, the same CLI write succeeds" rec set SSR1-1 owner="filler $i" topic="$pad" --reason "fill $i"
eq "the log holds the rows of those two writes, no more" "$(log_count)" "$((count + 3))"
ok "rec show after resuming" rec show SSR1-1 --format json
eq "the new owner is there" "$(jq -r .owner <<<"$OUT")" "filler $i"
ok "verify passes after resuming" verify
eq "integrity_check is ok after resuming" "$(sqlite3 "$SSRTRACK_DB" "PRAGMA integrity_check")" "ok"

# --- an import that runs out of room keeps nothing ---------------------------------
"$BIN" export >all.json
copy="$T/copy.db"
"$BIN" --db "$copy" init >/dev/null
empty=$(proj_dump "$copy")
SSRTRACK_MAX_PAGES=$(( $(sqlite3 "$copy" "PRAGMA page_count") + 8 )) st --db "$copy" import all.json
eq "an import too large for the cap: exit 2" "$RC" "2"
hasf "it says the database is full" "$ERR" "the database is full"
eq "it kept no change" "$(log_count "$copy")" "0"
eq "it kept no projection row" "$(proj_dump "$copy")" "$empty"
eq "integrity_check is ok after the failed import" "$(sqlite3 "$copy" "PRAGMA integrity_check")" "ok"
ok "verify passes after the failed import" --db "$copy" verify
ok "without the cap the import succeeds" --db "$copy" import all.json
eq "and holds every change" "$(log_count "$copy")" "$(log_count)"
ok "verify passes after the import" --db "$copy" verify
