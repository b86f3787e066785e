# End-to-end: --as-of (effective time) and --known-at (recorded time), with
# back-dated changes folding in at their effective dates.
. "$(dirname "$0")/lib.sh"

seed_small
"$BIN" rec set SSR1-1 status=in_progress --effective 2013-05-01 >/dev/null
"$BIN" rec set SSR1-1 status=complete --effective 2014-03-18 >/dev/null
t1=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
sleep 0.05
# Learned later: planning had started in January 2013.
ok "back-dated change accepted" rec set SSR1-1 status=planning --effective 2013-01-01 --reason "found the January plan"

status_at() { "$BIN" rec show SSR1-1 "$@" --format json | jq -r .status; }
eq "before any status change" "$(status_at --as-of 2012-12-31)" "not_started"
eq "back-dated change folds in at its date" "$(status_at --as-of 2013-01-01)" "planning"
eq "a later effective change still wins after its date" "$(status_at --as-of 2013-06-01)" "in_progress"
eq "as of the report" "$(status_at --as-of 2014-03-18)" "complete"
eq "now" "$(status_at)" "complete"
eq "known-at before the back-dated change was recorded" "$(status_at --as-of 2013-02-01 --known-at "$t1")" "not_started"
eq "known-at after it was recorded" "$(status_at --as-of 2013-02-01 --known-at "$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)")" "planning"
eq "known-at with a zone offset" "$(status_at --as-of 2013-02-01 --known-at 2099-01-01T00:00:00+02:00)" "planning"
st rec show SSR1-1 --known-at "$t1" --format json
eq "known-at alone shows the tracker's own view then" "$(jq -r '[.status,.known_at]|join("|")' <<<"$OUT")" "complete|$t1"

st rec list --as-of 2013-02-01 --format json
eq "list as-of" "$(jq -r 'map(.id+"="+.status)|join(",")' <<<"$OUT")" "SSR1-1=planning,SSR1-6=not_started,SSR1-6A=not_started"
st rec list --as-of 2013-02-01 --known-at "$t1" --format json
eq "list known-at" "$(jq -r 'map(.id+"="+.status)|join(",")' <<<"$OUT")" "SSR1-1=not_started,SSR1-6=not_started,SSR1-6A=not_started"
st rec list --as-of 2012-01-01 --format json
eq "nothing existed before its effective date" "$OUT" "[]"
st rec list --known-at 2000-01-01 --format json
eq "nothing was recorded in 2000" "$OUT" "[]"
must_fail "rec show before it existed" 1 rec show SSR1-1 --as-of 2012-01-01

# Milestones follow the same view.
st milestone add SSR1-1 --title "Draft" --effective 2013-01-10
ok "milestone completed later" milestone set SSR1-1~1 status=complete --effective 2013-09-01
eq "milestone as of before completion" "$("$BIN" rec show SSR1-1 --as-of 2013-08-31 --format json | jq -r '.milestones[0].status')" "not_started"
eq "milestone after" "$("$BIN" rec show SSR1-1 --as-of 2013-09-01 --format json | jq -r '.milestones[0].done')" "2013-09-01"
eq "milestone did not exist yet" "$("$BIN" rec show SSR1-1 --as-of 2013-01-09 --format json | jq -c '.milestones')" "[]"

# A fixed clock (SSRTRACK_NOW) makes recorded times reproducible.
SSRTRACK_NOW=2099-01-01T00:00:00Z "$BIN" rec set SSR1-6 owner=ops >/dev/null
eq "recorded_at from the fixed clock" "$(sqlite3 "$SSRTRACK_DB" "SELECT recorded_at FROM change_log ORDER BY seq DESC LIMIT 1")" "2099-01-01T00:00:00.000000Z"
# The clock may not run backwards in the log: a later write never records an earlier time.
"$BIN" rec set SSR1-6 owner=octo >/dev/null
eq "recorded_at never goes back" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM change_log a JOIN change_log b ON b.seq = a.seq + 1 WHERE b.recorded_at < a.recorded_at")" "0"
