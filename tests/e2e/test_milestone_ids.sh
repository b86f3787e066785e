# End-to-end: milestone ids REC~N never take the id of a sub-numbered rec
# (SSR2-9.1 beside the first milestone of SSR2-9), and logs with ids of the
# older form REC.N still import.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
st review add S --title "A review" --effective 2021-01-25
st rec add S-9 --review S --title "A group" --effective 2021-01-25
st rec add S-9.1 --review S --parent S-9 --title "Its first part" --effective 2021-01-25
st milestone add S-9 --title "First step of the group" --effective 2021-02-01
eq "the group's first milestone" "$OUT" "S-9~1"
st milestone add S-9.1 --title "First step of the part" --effective 2021-02-01
eq "the part's first milestone" "$OUT" "S-9.1~1"
st rec show S-9.1 --format json
eq "the sub-numbered rec is still a rec" "$(jq -r '[.id,.parent,(.milestones|map(.id)|join(" "))]|join("|")' <<<"$OUT")" "S-9.1|S-9|S-9.1~1"
st rec show S-9 --format json
eq "the group has its own milestone" "$(jq -r '.milestones|map(.id)|join(" ")' <<<"$OUT")" "S-9~1"
ok "evidence on a new milestone" evidence add S-9~1 https://example.org/step --effective 2021-02-02

cat > old.json <<'JSON'
{"format": "ssrtrack", "version": 2, "changes": [
 {"entity": "review", "entity_id": "O", "field": "title", "value": "Old", "effective_at": "2013-01-01"},
 {"entity": "rec", "entity_id": "O-1", "field": "review", "value": "O", "effective_at": "2013-01-01"},
 {"entity": "rec", "entity_id": "O-1", "field": "title", "value": "Old rec", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "O-1.1", "field": "rec", "value": "O-1", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "O-1.1", "field": "title", "value": "Old step", "effective_at": "2013-01-01"}
]}
JSON
ok "a log with REC.N milestone ids imports" import old.json
st milestone add O-1 --title "New step" --effective 2014-01-01
eq "new milestones of an old rec take the new form" "$OUT" "O-1~1"
ok "old ids are still set" milestone set O-1.1 status=complete --effective 2014-01-01
must_fail "a milestone id with two separators is refused" 1 milestone set "O-1~1~2" status=complete
