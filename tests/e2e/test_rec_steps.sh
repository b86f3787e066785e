# End-to-end: the recs' steps (rec_steps: of each rec the versions where its
# status or Board disposition changed) are written with the versions, also
# when a change is dated before others already recorded; a file of schema
# version 9, which has none, gets them from its versions when first opened;
# and the counts the home page and the quarterly report show do not change.
. "$(dirname "$0")/lib.sh"

# The steps as the versions define them: the first version of each rec and
# each one whose status or disposition differs from the one before.
from_versions() {
    sqlite3 "$1" "SELECT id, valid_from, status, board, parent FROM (SELECT id, valid_from, status, board, parent,
        row_number() OVER w AS n, lag(status) OVER w AS ps, lag(board) OVER w AS pb
        FROM recs_versions WINDOW w AS (PARTITION BY id ORDER BY valid_from))
        WHERE n = 1 OR ps IS NOT status OR pb IS NOT board ORDER BY id, valid_from"
}
steps() { sqlite3 "$1" "SELECT id, valid_from, status, board, parent FROM rec_steps ORDER BY id, valid_from"; }
page() { printf 'GET %s HTTP/1.0\r\nHost: test\r\n\r\n' "$2" | "$BIN" --db "$1" http | sed '1,/^\r$/d'; }

"$BIN" init >/dev/null
ok "the demo loads" demo
ok "a status dated before later changes" rec set SSR1-9 status=complete --effective 2013-02-01 --reason "found late"
ok "the Board's disposition changes" rec set SSR1-3 board=rejected --effective 2015-05-05 --reason "test"
ok "and a status set to what it already was" rec set SSR1-3 status=in_progress --effective 2016-01-01 --reason "test"
n=$(steps "$SSRTRACK_DB" | grep -c '')
versions=$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM recs_versions")
if [ "$n" -gt 0 ] && [ "$n" -lt "$versions" ]; then pass "fewer steps than versions ($n of $versions)"
else fail "fewer steps than versions" "$n steps, $versions versions"; fi
eq "the steps written are the versions' changes of status or disposition" \
   "$(steps "$SSRTRACK_DB" | sha256sum)" "$(from_versions "$SSRTRACK_DB" | sha256sum)"

# The same file as schema version 9 wrote it: no rec_steps.
cp "$SSRTRACK_DB" old.db
sqlite3 old.db "DROP TABLE rec_steps; PRAGMA user_version=9"
home=$(page "$SSRTRACK_DB" "/?as_of=2016-06-30")
glance=$(page "$SSRTRACK_DB" "/api/v1/reviews/SSR1/glance?as_of=2019-01-01")
quarterly=$("$BIN" report quarterly --review SSR1 --format csv)
ok "a file of schema version 9 opens and verifies" --db old.db verify
eq "its schema is upgraded" "$(sqlite3 old.db 'PRAGMA user_version')" "$(sqlite3 "$SSRTRACK_DB" 'PRAGMA user_version')"
eq "the upgrade fills the steps as the writes do" "$(steps old.db | sha256sum)" "$(steps "$SSRTRACK_DB" | sha256sum)"
eq "the home page on a past date is the same" "$(page old.db "/?as_of=2016-06-30" | sha256sum)" "$(sha256sum <<<"$home")"
eq "the glance is the same" "$(page old.db "/api/v1/reviews/SSR1/glance?as_of=2019-01-01")" "$glance"
eq "the quarterly report is the same" "$("$BIN" --db old.db report quarterly --review SSR1 --format csv)" "$quarterly"
