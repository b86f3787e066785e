# End-to-end: the documentation lag kept as counts per review
# (doc_lag_counts) is written with the changes; a file of schema version 10,
# which has none, gets them (and its restricted things indexed) when first
# opened; `rebuild` makes the same
# counts again from the log; and the indicators and pages that show the lag
# do not change.
. "$(dirname "$0")/lib.sh"

counts() { sqlite3 "$1" "SELECT review, effective_at, lag_days, n FROM doc_lag_counts ORDER BY 1, 2, 3"; }
page() { printf 'GET %s HTTP/1.0\r\nHost: test\r\n\r\n' "$2" | "$BIN" --db "$1" http | sed '1,/^\r$/d'; }
lags() { "$BIN" --db "$1" indicators --as-of "$2" --format json | jq -c '[.[]|.documentation_lag_days]'; }

"$BIN" init >/dev/null
ok "the demo loads" demo
ok "a back-dated status" rec set SSR1-9 status=complete --effective 2013-02-01 --reason "found late"
ok "a restricted rec" rec set SSR1-3 restricted=true --effective 2015-05-05 --reason "test"
ok "a new milestone" milestone add SSR1-4 --title "Late" --effective 2014-01-01 --reason "test"
edits=$(sqlite3 "$SSRTRACK_DB" "SELECT sum(n) FROM doc_lag_counts")
distinct=$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM (SELECT DISTINCT entity, entity_id, effective_at, recorded_at,
    coalesce(reported_at, substr(recorded_at, 1, 10)) FROM change_log WHERE entity IN ('review', 'rec', 'milestone',
    'link', 'kpi', 'measurement', 'evidence'))")
if [ -n "$edits" ] && [ "$edits" -gt 0 ] && [ "$edits" -le "$distinct" ]; then
    pass "the counts hold the edits of the reviews' things ($edits of $distinct)"
else fail "the counts hold the edits of the reviews' things" "$edits kept, $distinct distinct edits"; fi
mine=$(counts "$SSRTRACK_DB")

# The same file as schema version 10 wrote it: no doc_lag_counts.
cp "$SSRTRACK_DB" old.db
sqlite3 old.db "DROP TABLE doc_lag_counts; DROP INDEX recs_restricted; DROP INDEX milestones_restricted;
    DROP INDEX evidence_restricted; PRAGMA user_version=10"
home=$(page "$SSRTRACK_DB" "/?as_of=2016-06-30")
ind=$(lags "$SSRTRACK_DB" 2016-06-30)
ind_now=$(lags "$SSRTRACK_DB" 2099-01-01)
ok "a file of schema version 10 opens and verifies" --db old.db verify
eq "its schema is upgraded" "$(sqlite3 old.db 'PRAGMA user_version')" "$(sqlite3 "$SSRTRACK_DB" 'PRAGMA user_version')"
indexes() { sqlite3 "$1" "SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE '%restricted' ORDER BY 1"; }
eq "the upgrade indexes the restricted things" "$(indexes old.db)" "$(indexes "$SSRTRACK_DB")"
eq "the upgrade fills the counts as the writes do" "$(counts old.db | sha256sum)" "$(sha256sum <<<"$mine")"
eq "the home page on a past date is the same" "$(page old.db "/?as_of=2016-06-30" | sha256sum)" "$(sha256sum <<<"$home")"
eq "the indicators' lags are the same" "$(lags old.db 2016-06-30)" "$ind"
eq "... and today" "$(lags old.db 2099-01-01)" "$ind_now"

# rebuild makes the table again from the log.
sqlite3 "$SSRTRACK_DB" "UPDATE doc_lag_counts SET n = n + 1"
ok "rebuild" rebuild
eq "rebuild makes the same counts from the log" "$(counts "$SSRTRACK_DB" | sha256sum)" "$(sha256sum <<<"$mine")"
eq "the indicators after rebuild" "$(lags "$SSRTRACK_DB" 2016-06-30)" "$ind"
