# End-to-end: the command-line contract of recs, milestones, links and history.
. "$(dirname "$0")/lib.sh"

ok "init creates the database" init
has "init says so" "$OUT" "created"
ok "init again changes nothing" init
ok "review add" review add SSR1 --title "First SSR review" --published 2012-06-20 --url https://www.icann.org/ssr1 --effective 2012-06-20
printf '# Remit\n\nPublish **one** statement.\n' > text.md
ok "rec add with every option" rec add SSR1-1 --review SSR1 --title "Remit statement" --text-file text.md \
    --topic "Affirmation of Purpose" --owner "OCTO" --priority P2 --due 2013-06-30 --effective 2012-10-18
ok "rec add sub-item parent" rec add SSR1-1A --review SSR1 --parent SSR1-1 --title "Part A" --effective 2012-10-18
ok "rec add second" rec add SSR1-10 --review SSR1 --title "Compliance" --effective 2012-10-18
ok "rec add third" rec add SSR1-2 --review SSR1 --title "Review the remit" --effective 2012-10-18

st milestone add SSR1-1 --title "Public comment" --status in_progress --due 2012-09-30 --effective 2012-10-18
eq "milestone add prints the new id" "$OUT" "SSR1-1~1"
st milestone add SSR1-1 --title "Publish" --effective 2012-10-18
eq "second milestone id" "$OUT" "SSR1-1~2"
ok "milestone set" milestone set SSR1-1~1 status=complete --effective 2013-01-15 --reason "comments closed"
ok "rec set several fields" rec set SSR1-1 status=in_progress board=approved recurring=yes --effective 2013-01-15 --reason "board approved; work began" --actor ana

st rec show SSR1-1 --format json
j=$OUT
eq "json id" "$(jq -r .id <<<"$j")" "SSR1-1"
eq "json review" "$(jq -r .review <<<"$j")" "SSR1"
eq "json parent null" "$(jq -r .parent <<<"$j")" "null"
eq "json title" "$(jq -r .title <<<"$j")" "Remit statement"
eq "json text kept as Markdown" "$(jq -r .text <<<"$j")" "$(printf '# Remit\n\nPublish **one** statement.\n')"
eq "json topic owner priority" "$(jq -r '[.topic,.owner,.priority]|join("|")' <<<"$j")" "Affirmation of Purpose|OCTO|P2"
eq "json board status" "$(jq -r '[.board,.status]|join("|")' <<<"$j")" "approved|in_progress"
eq "json recurring is boolean" "$(jq -c .recurring <<<"$j")" "true"
eq "json due" "$(jq -r .due <<<"$j")" "2013-06-30"
eq "json as_of is today" "$(jq -r .as_of <<<"$j")" "$(date -u +%F)"
eq "json milestones" "$(jq -c '[.milestones[]|[.id,.title,.status,.due,.done]]' <<<"$j")" \
   '[["SSR1-1~1","Public comment","complete","2012-09-30","2013-01-15"],["SSR1-1~2","Publish","not_started",null,null]]'
eq "json children" "$(jq -c .children <<<"$j")" '["SSR1-1A"]'
eq "sub-item parent" "$(run "$BIN" rec show SSR1-1A --format json; jq -r .parent <<<"$OUT")" "SSR1-1"

st rec show SSR1-1
has "text show has title" "$OUT" "SSR1-1  Remit statement"
has "text show has milestone" "$OUT" "SSR1-1~1 .*complete"

st rec list --format json
eq "list json is an array in natural order" "$(jq -c '[.[].id]' <<<"$OUT")" '["SSR1-1","SSR1-1A","SSR1-2","SSR1-10"]'
eq "list json carries milestones" "$(jq -c '[.[0].milestones[].id]' <<<"$OUT")" '["SSR1-1~1","SSR1-1~2"]'
st rec list --status in_progress --format json
eq "list --status" "$(jq -c '[.[].id]' <<<"$OUT")" '["SSR1-1"]'
st rec list --review SSR1 --format csv
has "csv header" "$(head -1 <<<"$OUT")" "^id,review,parent,title"
eq "csv rows (a text's line breaks stay inside its quoted field)" "$(python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))))' <<<"$OUT")" "5"
st rec list
has "table shows the key" "$OUT" "key: "
has "table row" "$OUT" "SSR1-10 .*not_started"

ok "link derived_from" rec link SSR1-2 --derived-from SSR1-1 --reason "follows from the remit"
st rec show SSR1-1 --format json
eq "link shows on the other side" "$(jq -c '.links' <<<"$OUT")" '[{"rec":"SSR1-2","rel":"derived_from","other":"SSR1-1"}]'
must_fail "link twice is a conflict" 1 rec link SSR1-2 --derived-from SSR1-1
ok "unlink" rec link SSR1-2 --derived-from SSR1-1 --remove
st rec show SSR1-2 --format json
eq "link gone" "$(jq -c '.links' <<<"$OUT")" '[]'

st rec history SSR1-1 --format json
h=$OUT
eq "history holds the rec's and its milestones' changes" "$(jq -r 'map(.entity)|unique|join(",")' <<<"$h")" "link,milestone,rec"
eq "history has both times, actor and reason" \
   "$(jq -r 'map(select(.entity=="rec" and .field=="board"))[0]|[.effective_at,(.recorded_at|test("^[0-9-]{10}T[0-9:.]{15}Z$")),.actor,.reason]|map(tostring)|join("|")' <<<"$h")" \
   "2013-01-15|true|ana|board approved; work began"
st rec history SSR1-1
has "text history shows reason" "$OUT" "board approved; work began"
ok "verify after all that" verify
has "verify ok" "$OUT" "^ok: "

# The database is found by --db, then $SSRTRACK_DB, then ./ssrtrack.db.
ok "--db names another file" --db "$T/other.db" init
eq "other file was created" "$(test -f "$T/other.db" && echo yes)" "yes"
mkdir sub && cd sub
( unset SSRTRACK_DB; "$BIN" init >/dev/null )
eq "default file in the working directory" "$(test -f ssrtrack.db && echo yes)" "yes"
cd "$T"
