# End-to-end: the server on a random port of 127.0.0.1 — what needs the
# socket or the process: sign-in and its cookie, sessions, throttles, body
# limits, the cache against other writers, the access log, SIGTERM, and the
# static export. Routes, escaping, roles, CSRF, as_of and errors are checked
# without a socket, through web_handle, in tests/unit/web/test_web.c.
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
get "/recs?status=complete&review=SSR1"
eq "status filter" "$(grep -o 'href="/recs/SSR1-[0-9A-Z]*"' <<<"$BODY" | sort -u | wc -l | tr -d ' ')" "6"

# --- the XSS rec, escaped on every page, feed, API and report ----------------
get /api/v1/recs/SSR1-99
eq "the API keeps the value" "$(jq -r .title <<<"$BODY")" "<script>alert(1)</script>"

# --- API reads ----------------------------------------------------------------
get /api/v1/recs/SSR1-9
eq "API rec" "$(jq -r '[.id,.status,(.milestones|length)]|join(" ")' <<<"$BODY")" "SSR1-9 in_progress 3"
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

# --- API writes -----------------------------------------------------------------
before=$(log_state)
api() {  # METHOD PATH TOKEN BODY
    local auth=()
    [ -n "$3" ] && auth=(-H "Authorization: Bearer $3")
    get "$2" -X "$1" "${auth[@]}" -H "Content-Type: application/json" --data-binary "$4"
}
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
