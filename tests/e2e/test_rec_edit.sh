# End-to-end: editing from a rec's page where it is expected. A signed-in
# editor finds the Edit section under the facts, with words in the selects
# and a distinct label per milestone form; a saved post answers 303 and the
# page then confirms what was saved, once (a flash cookie bound to that
# user's session and that page; never from the shared cache); a refused
# post shows the page again with the message at the form, linking to the
# field. The sign-in field takes the focus.
. "$(dirname "$0")/lib.sh"

demo_with_users
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# --- sign-in: focus on the first field, and on the error -----------------------
get /signin
hasf "the name field takes the focus" "$BODY" 'autocomplete="username" required autofocus>'
get /signin -X POST -H "Origin: $URL" --data-urlencode "user=ana" --data-urlencode "password=wrong" --data-urlencode "next=/recs/SSR1-9"
eq "a wrong password: 401" "$CODE" "401"
hasf "its message is an alert that takes the focus and links to the field" "$BODY" \
    'role="alert" tabindex="-1" autofocus><a href="#user">Wrong name or password.</a>'
hasf "the name and the next page are kept" "$BODY" 'value="/recs/SSR1-9"><p><label for="user">Name</label><br><input type="text" id="user" name="user" value="ana"'
hasnt "the name field does not take the focus from the alert" "$BODY" 'required autofocus>'

get /signin -X POST -H "Origin: $URL" --data-urlencode "user=ana" --data-urlencode "password=$PW"
sid=$(sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p' <<<"$HEADERS")
CK="Cookie: __Host-ssrtrack=$sid"

# --- the Edit section ------------------------------------------------------------
get /recs/SSR1-9 -H "$CK"
page=$BODY
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -1 | sed 's/.*value="\(.*\)"/\1/')
pos() { grep -bo -- "$2" <<<"$1" | head -1 | cut -d: -f1; }
edit_at=$(pos "$page" '<h2 id="edit">Edit</h2>')
[ -n "$edit_at" ] && [ "$edit_at" -lt "$(pos "$page" '<h2>Milestones</h2>')" ] && [ "$edit_at" -lt "$(pos "$page" '<h2>History</h2>')" ] &&
    [ "$edit_at" -gt "$(pos "$page" '<dl class="facts">')" ] &&
    pass "the Edit section comes right after the facts, before milestones and history" ||
    fail "the Edit section comes right after the facts" "at $edit_at"
hasf "the status select shows words and submits codes" "$page" \
    '<select id="status-status" name="status"><option value="not_started">Not started</option><option value="planning">In planning</option><option value="in_progress" selected>In progress</option>'
hasnt "no option shows a raw code" "$page" '<option[^>]*>(not_started|in_progress)</option>'
nms=$(grep -o 'action="/milestones/[^"]*"' <<<"$page" | wc -l)
labels=$(grep -o '<label>Status<span class="vh"> for milestone [^<]*</span>' <<<"$page" | sort -u | wc -l)
[ "$nms" -ge 3 ] && [ "$labels" -eq "$nms" ] && pass "each of the $nms milestone forms has its own status label" ||
    fail "each milestone form has its own status label" "$nms forms, $labels distinct labels"
eq "no id is used twice on the page" "$(grep -o ' id="[^"]*"' <<<"$page" | sort | uniq -d)" ""
get /recs/SSR1-9
hasnt "a visitor gets no Edit section" "$BODY" 'id="edit"|action="/milestones/'
get /recs/SSR1-9 -H "Authorization: Bearer $("$BIN" token create ana)"
hasnt "nor does an API token (forms need the session's CSRF token)" "$BODY" 'id="edit"'

# --- post/redirect/get with a confirmation ----------------------------------------------
before=$(log_count)
get /recs/SSR1-9/status -X POST -H "$CK" -H "Origin: $URL" -d "status=complete&effective=2015-06-30&reason=&csrf=$csrf"
eq "a post without a reason: 422, the page again" "$CODE" "422"
hasf "... the message is an alert that takes the focus and links to the field" "$BODY" \
    '<p class="error" id="status-error" role="alert" tabindex="-1" autofocus>Not saved: <a href="#status-reason">give a reason for the change</a></p>'
hasf "... the field is marked invalid and described by the message" "$BODY" \
    '<input id="status-reason" name="reason" aria-invalid="true" aria-describedby="status-error"'
hasf "... what was posted is kept" "$BODY" '<option value="complete" selected>Complete</option>'
hasf "... the date form still points at the page" "$BODY" '<form method="get" action="/recs/SSR1-9">'
eq "... and nothing was written" "$(log_count)" "$before"

get /recs/SSR1-9/status -X POST -H "$CK" -H "Origin: $URL" -d "status=complete&effective=2015-06-30&reason=Roadmap+done&csrf=$csrf"
eq "a saved status: 303" "$CODE" "303"
eq "... to the page (an address that says nothing was saved)" "$(sed -n 's/^Location: //p' <<<"$HEADERS")" "/recs/SSR1-9"
has "... with a flash cookie: that page only, one minute, out of scripts' and other sites' reach" "$HEADERS" \
    '^Set-Cookie: ssrtrack-saved=status\.\.[0-9a-f]{16}; Path=/recs/SSR1-9; Max-Age=60; Secure; HttpOnly; SameSite=Strict$'
flash=$(sed -n 's/^Set-Cookie: \(ssrtrack-saved=[^;]*\);.*/\1/p' <<<"$HEADERS")
get /recs/SSR1-9 -H "$CK; $flash"
hasf "the page confirms it in words, announced and focused" "$BODY" \
    '<p class="saved" role="status" tabindex="-1" autofocus>Saved: status set to Complete.</p>'
hasf "... clears the cookie, so a reload shows nothing" "$HEADERS" \
    "Set-Cookie: ssrtrack-saved=; Path=/recs/SSR1-9; Max-Age=0; Secure; HttpOnly; SameSite=Strict"
hasf "... a page never kept by a shared cache" "$HEADERS" "Cache-Control: private, no-store"
get /recs/SSR1-9 -H "$CK"
hasnt "the same address again without the cookie (a reload, a shared link): no confirmation" "$BODY" 'class="saved"'
for i in 1 2; do get /recs/SSR1-9 -H "Cookie: $flash"; done
hasnt "a visitor holding the cookie gets no confirmation (asked twice: the cached answer too)" "$BODY" 'class="saved"'
hasnt "... and the visitor's (shared) page sets no cookie" "$HEADERS" 'Set-Cookie'
echo "$PW" | "$BIN" user add bo --role editor >/dev/null
get /signin -X POST -H "Origin: $URL" --data-urlencode "user=bo" --data-urlencode "password=$PW"
bo="Cookie: __Host-ssrtrack=$(sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p' <<<"$HEADERS")"
get /recs/SSR1-9 -H "$bo; $flash"
hasnt "another editor holding ana's cookie gets no confirmation (it is bound to her session)" "$BODY" 'class="saved"'
get /recs/SSR1-1 -H "$CK; $flash"
hasnt "nor does another rec's page" "$BODY" 'class="saved"'
get /recs/SSR1-9 -H "$CK; ssrtrack-saved=%3Cb%3Eowned.x.0123456789abcdef"
hasnt "a forged cookie shows nothing (its words would come from the record, not the cookie)" "$BODY" 'class="saved"|<b>owned'

# A client that keeps cookies as a browser does: confirmed once, not on reload.
jar=(-b "$T/jar" -c "$T/jar")
curl -s -o /dev/null -c "$T/jar" -H "Origin: $URL" --data-urlencode "user=ana" --data-urlencode "password=$PW" "$URL/signin"
get /recs/SSR1-9 "${jar[@]}"
jcsrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | head -1 | sed 's/.*value="\(.*\)"/\1/')
get /recs/SSR1-9/status -L "${jar[@]}" -H "Origin: $URL" -d "status=in_progress&effective=2015-07-30&reason=Reopened&csrf=$jcsrf"
hasf "a cookie-keeping client, after the post: the confirmation" "$BODY" 'Saved: status set to In progress.</p>'
get /recs/SSR1-9 "${jar[@]}"
hasnt "... then a reload: none" "$BODY" 'class="saved"'

get /recs/SSR1-9/milestones -X POST -H "$CK" -H "Origin: $URL" \
    --data-urlencode "title=Publish the roadmap" -d "due=2016-01-31&effective=2015-07-01&reason=plan&csrf=$csrf"
eq "a new milestone: 303 to the page" "$CODE $(sed -n 's/^Location: //p' <<<"$HEADERS")" "303 /recs/SSR1-9"
flash=$(sed -n 's/^Set-Cookie: \(ssrtrack-saved=[^;]*\);.*/\1/p' <<<"$HEADERS")
has "... the cookie naming it" "$flash" '^ssrtrack-saved=new-milestone\.SSR1-9[.~][0-9]+\.[0-9a-f]{16}$'
get /recs/SSR1-9 -H "$CK; $flash"
has "the page confirms the new milestone" "$BODY" 'role="status" tabindex="-1" autofocus>Saved: milestone SSR1-9[.~][0-9]+ added \(Publish the roadmap\).</p>'
ms=$(grep -o 'Saved: milestone [^ ]*' <<<"$BODY" | sed 's/.* //')
get "/milestones/$ms" -X POST -H "$CK" -H "Origin: $URL" -d "status=in_progress&effective=2015-08-01&reason=started&csrf=$csrf"
eq "a milestone's status: 303 to its rec" "$(sed -n 's/^Location: //p' <<<"$HEADERS")" "/recs/SSR1-9"
flash=$(sed -n 's/^Set-Cookie: \(ssrtrack-saved=[^;]*\);.*/\1/p' <<<"$HEADERS")
get /recs/SSR1-9 -H "$CK; $flash"
hasf "the page confirms the milestone's new status" "$BODY" "Saved: milestone $ms (Publish the roadmap) is now In progress.</p>"
get "/milestones/$ms" -X POST -H "$CK" -H "Origin: $URL" -d "status=complete&effective=someday&reason=x&csrf=$csrf"
eq "a milestone post with a bad date: 422" "$CODE" "422"
hasf "... the alert sits at that milestone's form and links to its date" "$BODY" "<p class=\"error\" id=\"ms-$ms-error\" role=\"alert\" tabindex=\"-1\" autofocus>Not saved: <a href=\"#ms-$ms-effective\">"
get /recs/SSR9-9/status -X POST -H "$CK" -H "Origin: $URL" -d "status=complete&effective=2015-06-30&reason=x&csrf=$csrf"
eq "a post to a rec that does not exist: 404" "$CODE" "404"

# --- words, not codes, on the page ---------------------------------------------------------
get /recs/SSR1-9
hasf "a relation reads from its source, on the other rec's page too" "$BODY" '<li><a href="/recs/SSR2-1.1">SSR2-1.1</a> is derived from SSR1-9</li>'
hasnt "no raw relation code among the relations" "$(grep -o '<h2>Related</h2>.*' <<<"$BODY" | head -1 | sed 's|</ul>.*||')" 'derived_from'
get /recs/SSR1-1
hasf "the Board's disposition in words" "$BODY" '<dt>Board</dt><dd>Approved</dd>'
hasnt "assessment verdicts in words" "$BODY" '<td>(partial|not|strawman|approved)</td>'
