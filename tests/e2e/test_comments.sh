# End-to-end: comments on recs, milestones and assessment items — in the log
# (hashed, verified, exported), edits as new changes, Markdown rendered safely
# on the page, restricted with their thing, in the feed; the comment form and
# the Watch button for signed-in users; watchers told in their digest.
. "$(dirname "$0")/lib.sh"

seed_small
ms=$("$BIN" milestone add SSR1-1 --title 'Draft' --due 2030-01-01)
"$BIN" review add SSR2 --title "Second review" >/dev/null
"$BIN" assess new SSR2-SSR1 --by SSR2 --of SSR1 --as-of 2017-01-01 >/dev/null
"$BIN" assess set SSR2-SSR1 SSR1-1 implemented=partial >/dev/null
"$BIN" rec set SSR1-6A restricted=true >/dev/null

hostile='Agreed <script>alert(1)</script> [x](javascript:alert(2)) **bold** & "quoted"'
ok "comment add on a rec" comment add SSR1-1 --text "$hostile" --actor ana
eq "prints its id" "$OUT" "C1"
ok "on a milestone" comment add "$ms" --text 'Milestone note'
ok "on an assessment item" comment add SSR2-SSR1/SSR1-1 --text 'Item note' --actor sam
ok "on a restricted rec" comment add SSR1-6A --text 'Secret note'
printf 'Line one\n\n- a list item\n' >long.md
ok "text from a file" comment add SSR1-6 --text @long.md
st comment edit C1 --text 'Agreed, after the call.' --actor ana
eq "edit" "$OUT" "edited C1"

before=$(log_state)
must_fail "an unknown thing" 1 comment add SSR9-9 --text x
hasf "names it" "$ERR" "SSR9-9"
must_fail "an unknown item" 1 comment add SSR2-SSR1/SSR1-6 --text x
must_fail "no text" 1 comment add SSR1-1
must_fail "blank text" 1 comment add SSR1-1 --text '   '
must_fail "edit an unknown comment" 1 comment edit C99 --text x
must_fail "too long" 1 comment add SSR1-1 --text "$(head -c 20001 /dev/zero | tr '\0' a)"
eq "bad input wrote nothing" "$(log_state)" "$before"

eq "the old text stays in the history" "$(sqlite3 "$SSRTRACK_DB" "SELECT group_concat(value, ' | ') FROM change_log WHERE entity = 'comment' AND entity_id = 'C1' AND field = 'text' ORDER BY seq")" \
    "$hostile | Agreed, after the call."
ok "verify" verify
st export
eq "exported with everything else" "$(jq '[.changes[] | select(.entity == "comment")] | length' <<<"$OUT")" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM change_log WHERE entity = 'comment'")"
st export --public
hasnt "a restricted thing's comment stays off the public side" "$OUT" "Secret note"
ok "rebuild keeps them" rebuild

echo "a-long-password" | "$BIN" user add ana --role editor --email ana@example.org >/dev/null
start_server || fail "server starts" "$(cat "$T/server.log")"
get /recs/SSR1-1
hasf "the comment on the page" "$BODY" "Agreed, after the call."
hasf "the milestone's comment too" "$BODY" "Milestone note"
hasnt "no form or Watch button for a visitor" "$BODY" 'action="/comments"|action="/watch"'
ok "edit back" comment edit C1 --text "$hostile"
get /recs/SSR1-1
hasnt "no script from a comment" "$BODY" "<script>alert|javascript:"
hasf "Markdown rendered" "$BODY" "<strong>bold</strong>"
hasf "raw HTML dropped by the safe mode" "$BODY" "<!-- raw HTML omitted -->"
hasf "marked as edited" "$BODY" "(edited)"
get /recs/SSR1-6
hasf "Markdown lists" "$BODY" "<li>a list item</li>"
get /assessments/SSR2-SSR1
hasf "an item's comment on the assessment page" "$BODY" "Item note"
get /changes
hasf "comments in the changes, linked to their page" "$BODY" '<a href="/recs/SSR1-1#C1">Comment by ana on SSR1-1</a>'
hasnt "restricted comments not in the feed" "$BODY" "Secret note"
get /changes.atom
hasnt "nor in the Atom feed" "$BODY" "Secret note"

# Signed in: the form and the Watch button.
get /signin -X POST -d "user=ana&password=a-long-password" -H "Origin: $URL"
sid=$(sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p' <<<"$HEADERS")
CK="Cookie: __Host-ssrtrack=$sid"
get /recs/SSR1-6 -H "$CK"
hasf "the comment form" "$BODY" 'action="/comments"'
hasf "the Watch button" "$BODY" '<button type="submit">Watch</button>'
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | head -1 | sed 's/.*value="\(.*\)"/\1/')
get /comments -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "target=SSR1-6" --data-urlencode "text=Posted <b>here</b>"
eq "a comment without the CSRF token: 403" "$CODE" "403"
get /comments -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "target=SSR1-6" --data-urlencode "text=Posted <b>here</b>" --data-urlencode "csrf=$csrf"
eq "posted: 303" "$CODE" "303"
hasf "back to the discussion" "$HEADERS" "Location: /recs/SSR1-6#C"
eq "by the signed-in user" "$(sqlite3 "$SSRTRACK_DB" "SELECT author FROM comments WHERE text LIKE 'Posted%'")" "ana"
get /comments -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "target=SSR9-9" --data-urlencode "text=x" --data-urlencode "csrf=$csrf"
eq "an unknown thing: 404" "$CODE" "404"
get /comments -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "target=SSR1-6" --data-urlencode "text= " --data-urlencode "csrf=$csrf"
eq "blank: 4xx" "${CODE:0:1}" "4"
get /watch -X POST -H "$CK" -H "Origin: $URL" -d "kind=rec&id=SSR1-6&on=1&csrf=$csrf"
eq "watch: 303" "$CODE" "303"
get /recs/SSR1-6 -H "$CK"
hasf "now Stop watching" "$BODY" "Stop watching"
eq "kept" "$(sqlite3 "$SSRTRACK_DB" "SELECT user, kind, id FROM watches")" "ana|rec|SSR1-6"
get /watch -X POST -H "$CK" -H "Origin: $URL" -d "kind=rec&id=SSR9-9&on=1&csrf=$csrf"
eq "watch an unknown thing: 404" "$CODE" "404"
get /watch -X POST -H "$CK" -H "Origin: $URL" -d "kind=milestone&id=$ms&on=1&csrf=$csrf"
eq "watch a kind that cannot be watched: 422" "$CODE" "422"
get /reviews/SSR1 -H "$CK"
hasf "a Watch button on the review" "$BODY" 'name="kind" value="review"'
get /assessments/SSR2-SSR1 -H "$CK"
hasf "and on the assessment" "$BODY" 'name="kind" value="assessment"'
stop_server

# Watchers are told of new comments, once.
ok "a comment after the watch" comment add SSR1-6 --text 'Told <i>ana</i>' --actor bob
ok "a long comment of two-byte characters" comment add SSR1-6 --text "$(printf '\303\251%.0s' $(seq 1 400))"
"$BIN" config set base-url https://tracker.example.org >/dev/null
st notify --dry-run
hasf "the digest has the new comment" "$(printf '%s' "$OUT" | /usr/bin/python3 -c '
import mailbox, sys
open("d.mbox", "w").write(sys.stdin.read())
for m in mailbox.mbox("d.mbox"):
    for p in m.walk():
        if p.get_content_type() == "text/html": print(p.get_payload(decode=True).decode())')" "Comment C7 by bob on SSR1-6</a>: SSAC and RSSAC roles (Told &lt;i&gt;ana&lt;/i&gt;)"
hasf "cut on a character, not inside one" "$(cat d.mbox | /usr/bin/python3 -c '
import mailbox
for m in mailbox.mbox("d.mbox"):
    for p in m.walk():
        if p.get_content_type() == "text/plain": print(p.get_payload(decode=True).decode("utf-8", "strict"))')" "($(printf '\303\251%.0s' $(seq 1 300)))"
