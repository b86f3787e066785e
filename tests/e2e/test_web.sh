# End-to-end: the server on a random port of 127.0.0.1 — pages, the JSON
# API, sign-in, roles, CSRF, limits, the cache, headers, the static export.
. "$(dirname "$0")/lib.sh"

demo_with_users
EDIT=$("$BIN" token create ana)
ASSESS=$("$BIN" token create sam)
VIEW=$("$BIN" token create val)
# A rec whose title is an attack: it must come out escaped everywhere.
"$BIN" rec add SSR1-99 --review SSR1 --title '<script>alert(1)</script>' --topic '"><img src=x onerror=alert(2)>' --effective 2014-01-01 >/dev/null
"$BIN" rec set SSR1-99 owner='</td><script>alert(3)</script>' --reason '<b onmouseover=alert(4)>why</b>' >/dev/null
"$BIN" milestone add SSR1-99 --title '<iframe src=javascript:alert(5)>' --effective 2014-01-01 >/dev/null
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
pass "server starts on a random port"

# --- pages -----------------------------------------------------------------
for p in / /recs /recs/SSR1-9 /reviews /reviews/SSR1 /assessments /assessments/SSR2-SSR1 /changes /reports \
         /ledger /signin "/recs?status=in_progress&review=SSR1" "/reports/implementation?format=html"; do
    get "$p"
    eq "GET $p" "$CODE" "200"
done
get /recs/SSR1-9
has "security: CSP without inline scripts, no framing" "$HEADERS" "Content-Security-Policy: default-src 'none'.*frame-ancestors 'none'"
has "security: nosniff" "$HEADERS" "X-Content-Type-Options: nosniff"
has "security: referrer policy" "$HEADERS" "Referrer-Policy: same-origin"
has "charset" "$HEADERS" "Content-Type: text/html; charset=utf-8"
has "rec page shows the milestones" "$BODY" "SSR1-9.3"
has "rec page history shows both times" "$BODY" "effective <time>2014-03-18</time> · recorded <time"
has "rec page has the date picker" "$BODY" "<input type=\"date\" id=\"as_of\" name=\"as_of\""
get "/recs/SSR1-9?as_of=2013-01-01"
has "as_of shows the chosen date prominently" "$BODY" "as of <time datetime=\"2013-01-01\">2013-01-01</time></strong> — a past date"
has "as_of: the status then" "$BODY" "st-not_started"
has "links keep the date" "$BODY" "href=\"/reviews/SSR1\\?as_of=2013-01-01\""
get "/recs/SSR1-9?as_of=2014-02-30"
eq "bad as_of is a 400" "$CODE" "400"
get "/recs/SSR1%B9/"
eq "a path that is not UTF-8 is a 400" "$CODE" "400"
eq "... whose page is UTF-8 (the path is not echoed)" "$(printf '%s' "$BODY" | python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8"); print("utf-8")' 2>&1 | tail -1)" "utf-8"
get /recs/NOPE-1
eq "unknown rec is a 404" "$CODE" "404"
get "/recs?status=complete&review=SSR1"
eq "status filter" "$(grep -o 'href="/recs/SSR1-[0-9A-Z]*"' <<<"$BODY" | sort -u | wc -l | tr -d ' ')" "6"
get "/recs?q=Risk+Management"
has "search over titles and text" "$BODY" "SSR1-26"
hasnt "search leaves others out" "$BODY" "href=\"/recs/SSR1-9\""
get "/recs?overdue=1"
has "overdue filter" "$BODY" "SSR1-17"
get /changes.atom
has "Atom feed" "$BODY" "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
has "feed type" "$HEADERS" "Content-Type: application/atom\+xml"
get /
has "dashboard chart is our own SVG" "$BODY" "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""
has "dashboard lists overdue milestones" "$BODY" "Overdue milestones"
has "dashboard recent changes" "$BODY" "Recent changes"
get /nowhere
eq "404 page" "$CODE" "404"
get /recs -X DELETE
eq "405 for a wrong method" "$CODE" "405"

# --- the XSS rec, escaped on every page, feed, API and report ----------------
for p in / /recs /recs/SSR1-99 /reviews/SSR1 /changes /changes.atom /api/v1/recs /api/v1/recs/SSR1-99 \
         /api/v1/recs/SSR1-99/history /api/v1/changes "/reports/implementation?format=html" \
         "/reports/implementation?format=md" "/reports/implementation?format=json" "/reports/smart?format=html" \
         "/api/v1/reports/implementation"; do
    get "$p"
    if grep -qiE '<script>alert|<img src=x|<iframe src|<b onmouseover' <<<"$BODY"; then fail "escaped on $p" "$(grep -oiE '.{30}(<script>alert|<img src=x|<iframe src|<b onmouseover).{30}' <<<"$BODY" | head -2)"
    else pass "escaped on $p"; fi
done
get /recs/SSR1-99
has "the title is shown, escaped" "$BODY" "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
get /api/v1/recs/SSR1-99
eq "the API keeps the value" "$(jq -r .title <<<"$BODY")" "<script>alert(1)</script>"
has "the API writes < and > as \\u escapes" "$BODY" "u003cscript.u003ealert"
get "/reports/implementation?format=csv"
has "CSV keeps the text as data, quoted, formula-guarded" "$BODY" "<script>alert\\(1\\)</script>"

# --- API reads ----------------------------------------------------------------
get /api/v1/recs/SSR1-9
eq "API rec" "$(jq -r '[.id,.status,(.milestones|length)]|join(" ")' <<<"$BODY")" "SSR1-9 in_progress 3"
has "API is JSON with charset" "$HEADERS" "Content-Type: application/json; charset=utf-8"
get "/api/v1/recs/SSR1-9?as_of=2013-01-01"
eq "API as_of" "$(jq -r '[.status,.as_of]|join(" ")' <<<"$BODY")" "not_started 2013-01-01"
get "/api/v1/recs?review=SSR1&status=complete"
eq "API list filters" "$(jq -r '.recs|map(.id)|join(",")' <<<"$BODY")" "SSR1-1,SSR1-6,SSR1-6A,SSR1-6B,SSR1-10,SSR1-24"
get /api/v1/recs/SSR1-9/history
eq "API history" "$(jq -r '.changes[0]|[.field,.effective_at]|join(" ")' <<<"$BODY")" "review 2012-06-20"
get /api/v1/assessments/SSR2-SSR1
eq "API assessment counts" "$(jq -c '.counts.implemented' <<<"$BODY")" '{"full":0,"partial":26,"not":2,"unknown":0}'
get "/api/v1/changes?since=490&limit=5"
eq "API changes since" "$(jq -r '[.changes[0].seq,(.changes|length)]|join(" ")' <<<"$BODY")" "491 5"
get "/api/v1/reports/quarterly?review=SSR1&from=2014-01-01&to=2014-12-31"
eq "API report" "$(jq -r '.quarters|length' <<<"$BODY")" "4"
get /api/v1/openapi.json
eq "OpenAPI 3 description" "$(jq -r '.openapi|startswith("3.")' <<<"$BODY")" "true"
get /api/v1/recs/NOPE
eq "API 404 is JSON" "$CODE $(jq -r .error.code <<<"$BODY")" "404 not_found"
get "/api/v1/recs?status=finished"
eq "API 400 is JSON" "$CODE $(jq -r .error.code <<<"$BODY")" "400 invalid"

# --- API writes -----------------------------------------------------------------
before=$(log_state)
api() {  # METHOD PATH TOKEN BODY
    local auth=()
    [ -n "$3" ] && auth=(-H "Authorization: Bearer $3")
    get "$2" -X "$1" "${auth[@]}" -H "Content-Type: application/json" --data-binary "$4"
}
api PATCH /api/v1/recs/SSR1-9 "" '{"set":{"status":"complete"},"reason":"x"}'
eq "write without a token: 401" "$CODE $(jq -r .error.code <<<"$BODY")" "401 unauthorized"
api PATCH /api/v1/recs/SSR1-9 "$VIEW" '{"set":{"status":"complete"},"reason":"x"}'
eq "a viewer's token: 403" "$CODE $(jq -r .error.code <<<"$BODY")" "403 forbidden"
api PATCH /api/v1/recs/SSR1-9 "$ASSESS" '{"set":{"status":"complete"},"reason":"x"}'
eq "an assessor cannot edit recs: 403" "$CODE" "403"
api PATCH /api/v1/recs/SSR1-9 "not-a-token" '{"set":{"status":"complete"},"reason":"x"}'
eq "a forged token: 401" "$CODE" "401"
api PATCH /api/v1/recs/SSR1-9 "$EDIT" '{"set":{"status":"finished"},"reason":"x"}'
eq "invalid value: 422" "$CODE $(jq -r .error.code <<<"$BODY")" "422 invalid"
api PATCH /api/v1/recs/SSR1-9 "$EDIT" '{"set":{"status":'
eq "malformed JSON: 400" "$CODE $(jq -r .error.code <<<"$BODY")" "400 invalid_json"
api POST /api/v1/recs "$EDIT" '{"id":"SSR1-9","review":"SSR1","title":"again"}'
eq "duplicate id: 409" "$CODE $(jq -r .error.code <<<"$BODY")" "409 conflict"
api PATCH /api/v1/recs/SSR1-77 "$EDIT" '{"set":{"status":"complete"}}'
eq "unknown rec: 404" "$CODE" "404"
get /api/v1/recs/SSR1-9 -X PATCH -H "Authorization: Bearer $EDIT" -H "Content-Type: text/plain" --data-binary 'x'
eq "not JSON: 415" "$CODE" "415"
head -c 1100000 /dev/zero | tr '\0' 'a' > big.txt
get /api/v1/recs -X POST -H "Authorization: Bearer $EDIT" -H "Content-Type: application/json" --data-binary @big.txt
eq "oversized body: 413" "$CODE" "413"
has "413 is JSON for the API" "$BODY" "\"code\": \"too_large\""
eq "refused writes changed nothing" "$(log_state)" "$before"
api PATCH /api/v1/recs/SSR1-9 "$EDIT" '{"set":{"status":"complete","owner":"CIIO office"},"effective":"2015-07-01","reason":"roadmap published"}'
eq "an editor's write" "$CODE $(jq -r '[.status,.owner]|join("|")' <<<"$BODY")" "200 complete|CIIO office"
eq "recorded with actor and reason" "$(sqlite3 "$SSRTRACK_DB" "SELECT actor||'|'||reason||'|'||effective_at FROM change_log ORDER BY seq DESC LIMIT 1")" "ana|roadmap published|2015-07-01"
api POST /api/v1/recs/SSR1-9/milestones "$EDIT" '{"title":"Publish the roadmap","due":"2016-01-31","effective":"2015-08-01","reason":"plan"}'
eq "add a milestone: 201 with its id" "$CODE $(jq -r .id <<<"$BODY")" "201 SSR1-9~1"
api PATCH /api/v1/milestones/SSR1-9~1 "$EDIT" '{"set":{"status":"complete"},"effective":"2016-01-15","reason":"done"}'
eq "update a milestone" "$CODE $(jq -r .done <<<"$BODY")" "200 2016-01-15"
api POST /api/v1/recs "$EDIT" '{"id":"SSR1-50","review":"SSR1","title":"From the API","recurring":true,"effective":"2020-01-01"}'
eq "create a rec" "$CODE $(jq -r '[.id,.recurring]|map(tostring)|join(" ")' <<<"$BODY")" "201 SSR1-50 true"
api PUT /api/v1/assessments/SSR2-SSR1/items/SSR1-9 "$ASSESS" '{"set":{"effect":"partial","state":"discussed"},"reason":"call"}'
eq "an assessor answers" "$CODE $(jq -r '[.effect,.state]|join(" ")' <<<"$BODY")" "200 partial discussed"
api PUT /api/v1/assessments/SSR2-SSR1/items/SSR1-9 "$EDIT" '{"set":{"effect":"achieved"}}'
eq "an editor cannot answer: 403" "$CODE" "403"
api POST /api/v1/assessments/SSR2-SSR1/items/SSR1-9/signoffs "$ASSESS" '{"dissent":"Partly only."}'
eq "an assessor signs off" "$CODE $(jq -r .assessor <<<"$BODY")" "201 sam"
get /api/v1/assessments/SSR2-SSR1
eq "sign-off and dissent in the API" "$(jq -c '.items[8].signoffs' <<<"$BODY")" '[{"assessor":"sam","dissent":"Partly only."}]'

# --- the cache follows the database, whoever writes it ------------------------------
get /recs/SSR1-28
"$BIN" rec set SSR1-28 owner="Threat desk" --reason "assigned" >/dev/null
get /recs/SSR1-28
has "a change by another process shows at once" "$BODY" "Threat desk"

# --- sign-in, sessions, CSRF -------------------------------------------------------
get /signin -X POST -d "user=ana&password=wrong+password" -H "Origin: $URL"
eq "wrong password: 401" "$CODE" "401"
get /signin -X POST -d "user=ana&password=$PW" -H "Origin: http://evil.example"
eq "sign-in from another origin: 403" "$CODE" "403"
get /signin -X POST -d "user=ana&password=$PW" -H "Origin: $URL" -c jar.txt
eq "sign-in: 303" "$CODE" "303"
cookie=$(grep -i '^Set-Cookie:' <<<"$HEADERS")
has "cookie: __Host- prefix" "$cookie" "Set-Cookie: __Host-ssrtrack="
has "cookie: HttpOnly, Secure, SameSite=Strict, Path=/" "$cookie" "Path=/; Secure; HttpOnly; SameSite=Strict"
sid=$(sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p' <<<"$cookie")
CK="Cookie: __Host-ssrtrack=$sid"
get /recs/SSR1-9 -H "$CK"
has "signed in: the editor's forms" "$BODY" "action=\"/recs/SSR1-9/status\""
has "signed in pages are not cached" "$HEADERS" "Cache-Control: private, no-store"
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | head -1 | sed 's/.*value="\(.*\)"/\1/')
eq "a CSRF token on the form" "${#csrf}" "64"
before=$(log_state)
get /recs/SSR1-9/status -X POST -H "$CK" -H "Origin: $URL" -d "status=deferred&effective=2016-02-01&reason=x"
eq "form post without the CSRF token: 403" "$CODE" "403"
get /recs/SSR1-9/status -X POST -H "$CK" -H "Origin: $URL" -d "status=deferred&effective=2016-02-01&reason=x&csrf=$(printf '%064d' 0)"
eq "form post with a wrong CSRF token: 403" "$CODE" "403"
get /recs/SSR1-9/status -X POST -H "$CK" -H "Origin: http://evil.example" -d "status=deferred&effective=2016-02-01&reason=x&csrf=$csrf"
eq "form post from another origin: 403" "$CODE" "403"
get /recs/SSR1-9/status -X POST -d "status=deferred&effective=2016-02-01&reason=x&csrf=$csrf" -H "Origin: $URL"
eq "form post without a session: 401" "$CODE" "401"
eq "refused form posts changed nothing" "$(log_state)" "$before"
get /recs/SSR1-9/status -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "status=deferred" --data-urlencode "effective=2016-02-01" --data-urlencode "reason=budget moved to FY17" --data-urlencode "csrf=$csrf"
eq "an editor changes the status from the page" "$CODE" "303"
eq "with the effective date and reason" "$(sqlite3 "$SSRTRACK_DB" "SELECT value||'|'||effective_at||'|'||reason||'|'||actor FROM change_log ORDER BY seq DESC LIMIT 1")" "deferred|2016-02-01|budget moved to FY17|ana"
get /signin -X POST -d "user=val&password=$PW" -H "Origin: $URL"
vsid=$(grep -i '^Set-Cookie:' <<<"$HEADERS" | sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p')
get /recs/SSR1-9 -H "Cookie: __Host-ssrtrack=$vsid"
vcsrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | head -1 | sed 's/.*value="\(.*\)"/\1/')
get /recs/SSR1-9/status -X POST -H "Cookie: __Host-ssrtrack=$vsid" -H "Origin: $URL" -d "status=complete&reason=x&csrf=$vcsrf"
eq "a viewer cannot change status: 403" "$CODE" "403"
get /signout -X POST -H "$CK" -H "Origin: $URL" -d "csrf=$csrf"
eq "sign out" "$CODE" "303"
get /recs/SSR1-9 -H "$CK"
hasnt "the old session is gone" "$BODY" "action=\"/recs/SSR1-9/status\""
# A sign-in gets a new session id each time.
get /signin -X POST -d "user=ana&password=$PW" -H "Origin: $URL" -H "$CK"
sid2=$(grep -i '^Set-Cookie:' <<<"$HEADERS" | sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p')
if [ -n "$sid2" ] && [ "$sid2" != "$sid" ]; then pass "new session id at sign-in"; else fail "new session id at sign-in"; fi

# Throttles: 100 failures per account an hour; a per-address limit.
sqlite3 "$SSRTRACK_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100)
    INSERT INTO signin_failures(user, addr, at) SELECT 'sam', '10.0.0.' || i, strftime('%s','now') FROM n"
get /signin -X POST -d "user=sam&password=$PW" -H "Origin: $URL"
eq "account locked after 100 failures in an hour: 429" "$CODE" "429"
for i in $(seq 1 30); do curl -s -o /dev/null -X POST -d "user=nobody$i&password=x" -H "Origin: $URL" "$URL/signin"; done
get /signin -X POST -d "user=ana&password=$PW" -H "Origin: $URL"
eq "address throttled after 30 failures: 429" "$CODE" "429"

# --- logs and shutdown ----------------------------------------------------------------
has "an access log line per request" "$(cat "$T/server.log")" "127.0.0.1 GET /recs/SSR1-9 200 "
hasnt "no secret in the log" "$(cat "$T/server.log")" "$PW|$EDIT|$sid|password="
stop_server
eq "SIGTERM: a clean exit" "$SERVER_RC" "0"
has "SIGTERM: says it stopped" "$(tail -1 "$T/server.log")" "stopped"

# --- static export ---------------------------------------------------------------------
"$BIN" rec set SSR1-99 restricted=true >/dev/null
ok "site export" site site --as-of 2014-03-18
for f in index.html recs/index.html recs/SSR1-9/index.html reviews/SSR1/index.html assessments/index.html \
         changes/index.html changes.atom reports/implementation.html reports/quarterly.csv static/style.css ledger/index.html kpis/index.html \
         static/favicon.svg reports/evidence.html; do
    eq "site has $f" "$(test -s "site/$f" && echo yes)" "yes"
done
eq "the export is as of its date" "$(grep -c 'as of <time datetime="2014-03-18">' site/recs/SSR1-9/index.html)" "1"
eq "no restricted rec page" "$(test -e site/recs/SSR1-99 && echo present || echo absent)" "absent"
eq "no sign-in or date form in the static site" "$(grep -c 'href="/signin"\|name="as_of"' site/index.html)" "0"
eq "static links carry no query" "$(grep -o 'href="[^"]*?as_of' site/index.html | wc -l | tr -d ' ')" "0"
