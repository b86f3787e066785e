# End-to-end: the server's response cache drops only what a write can
# change. The access log says of each anonymous GET whether the cache
# answered it ("hit") or it was made and kept ("miss"). After a write to one
# rec — by another process or through the API — another rec's page is still
# a hit, while the written rec's page, the pages that show it (its parent,
# a rec it is now related to) and the global pages (home, lists) are made
# again and show the new value. A commit that no page shows (a session) drops
# nothing; one outside the log that pages show (a link check), and a change
# of visibility, drop everything.
. "$(dirname "$0")/lib.sh"

demo_with_users
EDIT=$("$BIN" token create ana)
THREADS=2 start_server --access-log "$T/access.log" || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# read_log: LOG, the access log's lines (each with its newline, if it has
# one yet), and NLOG, how many of them are whole, as wc -l counts them.
read_log() {
    mapfile LOG <"$T/access.log"
    NLOG=${#LOG[@]}
    if [ "$NLOG" -gt 0 ] && [[ ${LOG[NLOG - 1]} != *$'\n' ]]; then NLOG=$((NLOG - 1)); fi
}

# cached PATH [CURL ARGS...]: GET PATH (BODY and CODE as get sets them), and
# set CACHE to the cache field of its access-log line, once the server wrote it:
# the last field of the last new line whose fourth field is the path.
cached() {
    local path=$1 lines i line f
    shift
    read_log
    lines=$NLOG
    get "$path" "$@"
    for ((i = 1; i <= 200; i++)); do
        read_log
        [ "$NLOG" -gt "$lines" ] && break
        sleep 0.05
    done
    CACHE=""
    for line in "${LOG[@]:lines}"; do
        read -r -a f <<<"$line"
        [ "${f[3]-}" == "${path%%\?*}" ] && CACHE=${f[-1]}
    done
}
# warm PATH...: ask for each page until it is kept.
warm() {
    local p
    for p in "$@"; do cached "$p"; cached "$p"; done
}

A=/recs/SSR1-9 B=/recs/SSR1-10 PARENT=/recs/SSR1-6
warm "$A" "$B" "$PARENT" / /recs /recs/SSR1-21 "$A?as_of=2016-01-01"
cached "$B"
eq "a page asked for again comes from the cache" "$CACHE" "hit"
cached "$A?as_of=2016-01-01"
eq "... with its query too" "$CACHE" "hit"

# --- a write to rec A by another process ---------------------------------------
"$BIN" rec set SSR1-9 owner="Cache desk" --reason "test" >/dev/null
cached "$B"
eq "after a write to A, B's page is still served from the cache" "$CACHE" "hit"
cached "$A"
eq "A's page is made again" "$CACHE" "miss"
hasf "... and shows the new value" "$BODY" "Cache desk"
cached "$A?as_of=2016-01-01"
eq "A's page as of a date is made again" "$CACHE" "miss"
cached /
eq "the home page is made again" "$CACHE" "miss"
hasf "... and shows the new value" "$BODY" "Cache desk"
cached /recs
eq "the list is made again" "$CACHE" "miss"
cached "$A"
eq "a page made after the write is kept" "$CACHE" "hit"

# --- pages that show the rec written -----------------------------------------------
"$BIN" rec set SSR1-6A title="Roles of the advisory committees, renamed" --reason "test" >/dev/null
cached "$PARENT"
eq "after a write to a sub-item, its parent's page is made again" "$CACHE" "miss"
hasf "... and shows the sub-item's new title" "$BODY" "Roles of the advisory committees, renamed"
cached "$B"
eq "... while B's page is still a hit" "$CACHE" "hit"
"$BIN" rec link SSR1-20 --related SSR1-21 >/dev/null
cached /recs/SSR1-21
eq "after a new relation, the other rec's page is made again" "$CACHE" "miss"
has "... and shows the relation" "$BODY" 'href="/recs/SSR1-20"'

# --- a write through the server's own API -----------------------------------------
get /api/v1/recs/SSR1-9 -X PATCH -H "Authorization: Bearer $EDIT" -H "Content-Type: application/json" \
    --data-binary '{"set":{"owner":"API desk"},"effective":"2016-03-01","reason":"test"}'
eq "an API write" "$CODE" "200"
cached "$A"
eq "after it, A's page is made again for a visitor" "$CACHE" "miss"
hasf "... and shows the value written" "$BODY" "API desk"
cached "$B"
eq "... while B's page is still a hit" "$CACHE" "hit"

# --- commits no public page shows drop nothing ----------------------------------------
warm / "$A"
get /signin -X POST -d "user=ana&password=$PW" -H "Origin: $URL"
eq "a sign-in (a session written)" "$CODE" "303"
get /api/v1/recs/SSR1-9 -H "Authorization: Bearer $EDIT"   # the token's last use is written
cached /
eq "after them the home page is still a hit" "$CACHE" "hit"
cached "$A"
eq "... and A's page too" "$CACHE" "hit"

# --- commits that may change any page drop everything ------------------------------------
sqlite3 "$SSRTRACK_DB" "INSERT INTO link_checks(url, checked_at, outcome, truncated, changed, method, elapsed_ms, error)
    VALUES ('https://example.org/', '2026-01-01T00:00:00.000000Z', 'ok', 0, 0, 'GET', 1, '')"
cached "$B"
eq "a new link check drops B's page too (evidence health shows on rec pages)" "$CACHE" "miss"
warm "$B"
"$BIN" rec set SSR1-12 restricted=true --reason "test" >/dev/null
cached "$B"
eq "a change of visibility drops every page" "$CACHE" "miss"
get /recs/SSR1-12
eq "... and the restricted rec is gone for visitors" "$CODE" "404"

# --- signed-in answers are never kept ---------------------------------------------------
cached "$B" -H "Authorization: Bearer $EDIT"
eq "a request with credentials is not answered from the cache" "$CACHE" "-"

stop_server
eq "the server stops cleanly" "$SERVER_RC" "0"
