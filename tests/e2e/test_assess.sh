# End-to-end: an assessment with the six answers, states, sign-offs and
# dissent, all kept in the log with both times.
. "$(dirname "$0")/lib.sh"

seed_small
"$BIN" review add SSR2 --title "Second SSR review" --effective 2017-01-01 >/dev/null
ok "assess new" assess new SSR2-SSR1 --by SSR2 --of SSR1 --as-of 2018-12-31 --title "SSR1 assessed" --effective 2018-01-10
must_fail "assess new twice" 1 assess new SSR2-SSR1 --by SSR2 --of SSR1 --as-of 2018-12-31
must_fail "assess new needs --as-of" 1 assess new X --by SSR2 --of SSR1
must_fail "assess new of an unknown review" 1 assess new X --by SSR2 --of SSR9 --as-of 2018-12-31

printf 'ICANN published **a statement**.\n\nIt was revised once.\n' > done.md
ok "answers, one as a Markdown file" assess set SSR2-SSR1 SSR1-1 what_done=@done.md implemented=partial \
   effect=not_achieved how_assessed="Read the documents; interviewed staff." relevant=yes \
   further_work="Publish a glossary." --effective 2018-06-01 --reason "strawman written"
ok "discussed" assess set SSR2-SSR1 SSR1-1 state=discussed --effective 2018-09-01
ok "approved" assess set SSR2-SSR1 SSR1-1 state=approved --effective 2018-11-01 --reason "team call"
ok "second item" assess set SSR2-SSR1 SSR1-6 implemented=not relevant=yes --effective 2018-06-01
must_fail "a bad verdict" 1 assess set SSR2-SSR1 SSR1-1 implemented=mostly
must_fail "a bad effect" 1 assess set SSR2-SSR1 SSR1-1 effect=great
must_fail "an unknown field" 1 assess set SSR2-SSR1 SSR1-1 colour=red
must_fail "a rec of another review" 1 assess set SSR2-SSR1 SSR2-X relevant=yes
must_fail "an unknown assessment" 1 assess set NOPE SSR1-1 relevant=yes

ok "sign-off" assess signoff SSR2-SSR1 SSR1-1 --by "Ana Ruiz"
ok "sign-off with dissent" assess signoff SSR2-SSR1 SSR1-1 --by "Ben Okafor" --dissent "The statement was adopted in practice."
has "dissent is on record" "$OUT" "with dissent on record"
must_fail "sign-off of an item not yet answered" 1 assess signoff SSR2-SSR1 SSR1-6A --by "Ana Ruiz"
must_fail "sign-off without a name" 1 assess signoff SSR2-SSR1 SSR1-1

st assess show SSR2-SSR1 --format json
j=$OUT
eq "counts" "$(jq -c '.counts.implemented' <<<"$j")" '{"full":0,"partial":1,"not":1,"unknown":0}'
eq "approved count" "$(jq '.counts.approved' <<<"$j")" "1"
eq "what_done from the file" "$(jq -r '.items[0].what_done' <<<"$j")" "$(cat done.md)"
eq "six answers" "$(jq -r '.items[0]|[.implemented,.effect,.how_assessed,.relevant,.further_work,.state]|join("|")' <<<"$j")" \
   "partial|not_achieved|Read the documents; interviewed staff.|yes|Publish a glossary.|approved"
eq "sign-offs and dissent" "$(jq -c '.items[0].signoffs' <<<"$j")" \
   '[{"assessor":"Ana Ruiz","dissent":null},{"assessor":"Ben Okafor","dissent":"The statement was adopted in practice."}]'
st assess show SSR2-SSR1 SSR1-6 --format json
eq "one item" "$(jq -r '[.rec,.implemented]|join(" ")' <<<"$OUT")" "SSR1-6 not"
st assess show SSR2-SSR1
has "text shows the dissent" "$OUT" "Ben Okafor — dissent: The statement was adopted in practice."

# History with both times: the state as it stood before approval.
eq "as of 2018-10-01 the item was only discussed" \
   "$("$BIN" assess show SSR2-SSR1 SSR1-1 --as-of 2018-10-01 --format json | jq -r .state)" "discussed"
eq "before the strawman there was no item" "$(run "$BIN" assess show SSR2-SSR1 SSR1-1 --as-of 2018-05-01; echo "$RC")" "1"
eq "the changes carry actor and reason" \
   "$(sqlite3 "$SSRTRACK_DB" "SELECT actor||'|'||reason||'|'||effective_at FROM change_log WHERE entity='item' AND field='state' ORDER BY seq DESC LIMIT 1")" \
   "tester|team call|2018-11-01"
ok "withdraw a sign-off" assess signoff SSR2-SSR1 SSR1-1 --by "Ana Ruiz" --withdraw
eq "withdrawn sign-off gone" "$("$BIN" assess show SSR2-SSR1 SSR1-1 --format json | jq -c '[.signoffs[].assessor]')" '["Ben Okafor"]'
eq "but the sign-off stays on record" "$(sqlite3 "$SSRTRACK_DB" "SELECT group_concat(field||'='||value, ' ') FROM change_log WHERE entity='signoff' AND entity_id LIKE '%Ana Ruiz'")" \
   "item=SSR2-SSR1/SSR1-1 assessor=Ana Ruiz dissent= active=false"
st assess list --format json
eq "assess list" "$(jq -r '.[0].id' <<<"$OUT")" "SSR2-SSR1"
ok "verify" verify
