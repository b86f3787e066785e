# End-to-end: the holes an outside attack on a running server found, one
# section each (numbered as in docs/security.md), each shown closed against
# the real server on 127.0.0.1, the real command line and real files.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
PW="correct horse battery"
echo "$PW" | "$BIN" user add ana --role editor >/dev/null
# One thread, so that the cache is filled and read by the same reader.
THREADS=1 start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# location_after_signin NEXT: the Location a good sign-in answers with.
location_after_signin() {
    local h line
    h=$(curl -s -o /dev/null -D - -H "Origin: $URL" --data-urlencode "user=ana" --data-urlencode "password=$PW" \
        --data-urlencode "next=$1" "$URL/signin")
    while IFS= read -r line; do
        [[ $line == "Location: "* ]] && printf '%s\n' "${line#Location: }"
    done <<<"${h//$'\r'/}"
}
# evil_feed: the feed asked for six times (one curl, one connection) by a
# visitor whose Host header names evil.example.
evil_feed() {
    local i u=()
    for i in 1 2 3 4 5 6; do u+=("$URL/changes.atom"); done
    curl -s -H 'Host: evil.example' "${u[@]}" >/dev/null
}

# --- 3. open redirect after sign-in ------------------------------------------
for next in $'/\t/evil.example/phish' '//evil.example/' '/\evil.example/' $'/\n/evil.example/' \
            '/ /evil.example/' $'/\x7f/evil.example' $'/recs\r\nSet-Cookie: x=1'; do
    eq "3. redirect: next=$(printf '%q' "$next") goes home" "$(location_after_signin "$next")" "/"
done
eq "3. redirect: a local path is kept" "$(location_after_signin '/recs/SSR1-9?as_of=2014-01-01')" "/recs/SSR1-9?as_of=2014-01-01"

# --- 1. response-cache poisoning through the query ----------------------------
# A decoded '&' inside a value once made this the same cache key as the
# two-parameter request below, and the empty list it got was served to all.
get "/recs?review=SSR1%26status%3Dongoing"
eq "1. cache: the encoded request is answered" "$CODE" "200"
get "/recs?review=SSR1&status=ongoing"
has "1. cache: the plain request still lists the ongoing recs" "$BODY" 'href="/recs/SSR1-2"'
get "/recs?review=SSR1%3Dx&status=ongoing"
get "/recs?review=SSR1&status=ongoing"
has "1. cache: ... after a '=' inside a value too" "$BODY" 'href="/recs/SSR1-2"'

# --- 2. the cached Atom feed and the Host header -------------------------------
"$BIN" rec set SSR1-9 owner='Security team' --reason 'a write, so the feed is built afresh' >/dev/null
evil_feed
get /changes.atom
hasnt "2. feed: nothing from a visitor's Host header reaches the shared feed" "$BODY" "evil\.example"
has "2. feed: without --base-url, ids do not depend on the request" "$BODY" "<id>urn:ssrtrack:[a-z0-9:.-]*changes#tx-[0-9]+</id>"
has "2. feed: ... and links are relative" "$BODY" '<link rel="self" href="/changes.atom"/>'
ok "2. site --base-url" site --base-url https://ssr.example.org/ "$T/site"
has "2. site: the feed's links and ids start from the base URL" "$(cat "$T/site/changes.atom")" \
    '<id>https://ssr.example.org/changes</id>.*'
has "2. site: ... entry links too" "$(cat "$T/site/changes.atom")" '<link href="https://ssr.example.org/'
for bad in 'javascript:alert(1)' 'https://ssr.example.org/?x=1' 'https://user:pw@ssr.example.org' 'https://' \
           'https://ssr.example.org/"><x'; do
    must_fail "2. --base-url $bad is refused" 1 site --base-url "$bad" "$T/site2"
done

PORT=${URL##*:}
# raw TEXT: send TEXT (printf escapes) as one request; sets ANS (status line and open|closed,
# each line ended by a space; the "." keeps the last newline from $(...)).
raw() {
    ANS=$(printf "$1" | python3 "$ROOT/tests/e2e/raw_http.py" "$PORT"; echo .)
    ANS=${ANS%.}
    ANS=${ANS//$'\n'/ }
}

# --- 7. request framing ---------------------------------------------------------
raw 'POST /api/v1/recs HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n'
eq "7. framing: Content-Length with Transfer-Encoding is a 400, then close" "$ANS" "HTTP/1.1 400 Bad Request closed "
raw 'POST /signin HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\nabc'
eq "7. framing: two Content-Length headers are a 400, then close" "$ANS" "HTTP/1.1 400 Bad Request closed "
raw 'POST /signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n'
eq "7. framing: a Transfer-Encoding other than chunked is a 400, then close" "$ANS" "HTTP/1.1 400 Bad Request closed "

# --- 8. every malformed request gets a prompt answer ----------------------------
raw 'POST /signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc'
eq "8. an unknown Transfer-Encoding is answered 400 at once" "$ANS" "HTTP/1.1 400 Bad Request closed "
many=$(python3 -c "print('&'.join('a%d=1' % i for i in range(1000)))")
raw "GET /recs?$many HTTP/1.1\r\nHost: x\r\n\r\n"
eq "8. a query of 1,000 parameters is answered 400" "$ANS" "HTTP/1.1 400 Bad Request open "
get "/recs?$(python3 -c "print('&'.join('a%d=1' % i for i in range(65)))")"
eq "8. ... and so is one of 65" "$CODE" "400"
hasf "8. ... naming the limit" "$BODY" "more than 64 parameters"
get "/api/v1/recs?$many"
eq "8. on the API too, as JSON" "$(printf '%s' "$BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["error"]["code"])')" "invalid"
get "/recs?$(python3 -c "print('&'.join('a%d=1' % i for i in range(64)))")"
eq "8. 64 parameters are fine" "$CODE" "200"

# --- 9. NUL and control characters in path or query ------------------------------
# One curl asks for them all, each on a connection of its own (Connection: close).
paths=('/recs/SSR1-9%00abc' '/static/style.css%00.html' '/recs/SSR1-9%0a' '/recs%09'
       '/recs?q=risk%00' '/recs?q=a%01b' '/recs?as_of%00=1' '/api/v1/recs/SSR1-9%00.json')
args=()
for p in "${paths[@]}"; do args+=(-o /dev/null "$URL$p"); done
mapfile -t codes < <(curl -s -H 'Connection: close' -w '%{http_code}\n' "${args[@]}")
for i in "${!paths[@]}"; do
    eq "9. ${paths[i]} is a 400" "${codes[i]:-none}" "400"
done
get /static/style.css
eq "9. the plain path is still served" "$CODE" "200"

# --- 10. credentials in an evidence URL ---------------------------------------
must_fail "10. evidence add refuses user:password@ in the URL" 1 evidence add SSR1-9 \
    'http://user:s3cret@example.org/doc' --title Doc --effective 2014-01-01
hasnt "10. ... without echoing the password" "$ERR" "s3cret"
has "10. ... naming the field" "$ERR" "url"
must_fail "10. a user name alone is refused too" 1 evidence add SSR1-9 \
    'https://someone@example.org/' --title Doc --effective 2014-01-01
ok "10. an '@' in the path is fine" evidence add SSR1-9 'https://example.org/people/@ana' \
    --title Doc --effective 2014-01-01
cat >"$T/bad.json" <<'JSON'
{"format": "ssrtrack", "version": 2, "changes": [
 {"entity": "review", "entity_id": "SSR9", "field": "title", "value": "Ninth", "effective_at": "2014-01-01", "actor": "importer"},
 {"entity": "review", "entity_id": "SSR9", "field": "url", "value": "http://user:s3cret@example.org/doc",
  "effective_at": "2014-01-01", "actor": "importer"}]}
JSON
before=$(log_count)
run "$BIN" import "$T/bad.json"
eq "10. an import with such a URL fails" "$RC" "1"
eq "10. ... and keeps nothing" "$(log_count)" "$before"
hasnt "10. ... without echoing the password" "$ERR" "s3cret"

# --- 11. CSV formula guard ----------------------------------------------------
"$BIN" rec add SSR1-90 --review SSR1 --title $'\t=1+1' --topic ' @SUM(A1)' --owner ' -2+3' --effective 2014-01-01 >/dev/null
st rec list --format csv
line=$(printf '%s' "$OUT" | python3 -c '
import csv, sys
for row in csv.reader(sys.stdin):
    if row and row[0] == "SSR1-90": print(repr([row[i] for i in cols]))
    elif row and row[0] == "id": cols = [row.index(c) for c in ("title", "topic", "owner")]')
eq "11. csv: cells behind TAB, CR or space are neutralised" "$line" "[\"'\\t=1+1\", \"' @SUM(A1)\", \"' -2+3\"]"
get "/reports/implementation?format=csv"
hasf "11. csv report on the web too" "$BODY" "\"' @SUM(A1)\""

# --- 5. public figures count only what the public may see ----------------------
# figures: the dashboard's indicator tables and the public API's counts.
figures() {
    get /
    printf '%s' "$BODY" | python3 -c 'import re,sys; print("\n".join(re.findall(r"<table class=\"indicators\">.*?</table>", sys.stdin.read(), re.S)))'
    get /api/v1/recs
    printf '%s' "$BODY" | python3 -c 'import json,sys; print("recs", json.load(sys.stdin)["count"])'
    get "/api/v1/reports/quarterly?review=SSR1"
    printf '%s\n' "$BODY"
}
before=$(figures)
cli_before=$("$BIN" indicators --review SSR1 --format json)
"$BIN" rec add SSR1-97 --review SSR1 --title "Restricted" --effective 2013-01-01 >/dev/null
"$BIN" rec set SSR1-97 status=complete --effective 2013-06-01 >/dev/null
"$BIN" milestone add SSR1-97 --title "Restricted rec's milestone" --due 2014-01-01 --effective 2013-01-01 >/dev/null
"$BIN" kpi add SSR1-97 K97 --name "Hidden" --unit % --direction up --target 90 --effective 2013-01-01 >/dev/null
"$BIN" evidence add SSR1-97 "https://example.org/hidden" --title "Hidden" >/dev/null
"$BIN" rec set SSR1-97 restricted=true --reason "not public" >/dev/null
ms=$("$BIN" milestone add SSR1-9 --title "Restricted milestone" --due 2014-01-01 --effective 2013-01-01)
"$BIN" milestone set "$ms" restricted=true >/dev/null
ev=$("$BIN" evidence add SSR1-9 "https://example.org/restricted" --title "Restricted evidence")
"$BIN" evidence set "$ev" restricted=true >/dev/null
after=$(figures)
eq "5. public figures: the dashboard and the API count nothing restricted" "$after" "$before"
has "5. ... (the dashboard does show its figures)" "$before" "Recommendations complete</th><td class=\"num\">[0-9]+ of [0-9]+"
cli_after=$("$BIN" indicators --review SSR1 --format json)
n() { printf '%s' "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["recs_complete"]["recs"], d["milestones_overdue"]["milestones"])'; }
b=$(n "$cli_before"); a=$(n "$cli_after")
eq "5. the operator's own indicators still count everything" "$a" "$(( ${b% *} + 1 )) $(( ${b#* } + 2 ))"

# --- 6. accounts: remove, role, revoke, expiry; tokens keyed to identity ------------
# can_see TOKEN|-: the code for the restricted rec SSR1-97 with that bearer token.
can_see() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$URL/api/v1/recs/SSR1-97"; }
echo "$PW" | "$BIN" user add bob --role viewer >/dev/null
TOK=$("$BIN" token create bob)
eq "6. a viewer's token sees the restricted rec" "$(can_see "$TOK")" "200"
EXP=$("$BIN" token create bob --expires 2000-01-01)
eq "6. an expired token does not" "$(can_see "$EXP")" "404"
st token list bob --format json
eq "6. token list: id, user, created, expires, last_used" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
print(len(t), sorted(t[0]), t[0]["user"], t[1]["expires"], t[0]["last_used"] is not None)')" \
    "2 ['created', 'expires', 'id', 'last_used', 'user'] bob 2000-01-01 True"
hasnt "6. token list never prints a secret" "$OUT$("$BIN" token list)" "$TOK|$EXP"
id2=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
TOK2=$("$BIN" token create bob)
ok "6. token revoke" token revoke "$id2"
eq "6. a revoked token ends at once" "$(can_see "$TOK")" "404"
eq "6. ... the user's other tokens go on" "$(can_see "$TOK2")" "200"
must_fail "6. revoking an unknown token" 1 token revoke T999
ok "6. user set --role" user set bob --role editor
eq "6. user list shows the new role" "$("$BIN" user list --format json | python3 -c 'import json,sys; print([u["role"] for u in json.load(sys.stdin) if u["name"]=="bob"][0])')" "editor"
# A session of bob's, then his removal: session and tokens end at once.
curl -s -o /dev/null -D "$T/bob.h" -H "Origin: $URL" --data-urlencode "user=bob" --data-urlencode "password=$PW" "$URL/signin"
sid=$(tr -d '\r' <"$T/bob.h" | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p')
get /recs/SSR1-97 -H "Cookie: $sid"
eq "6. bob's session sees the restricted rec" "$CODE" "200"
ok "6. user remove" user remove bob --reason "left the team"
get /recs/SSR1-97 -H "Cookie: $sid"
eq "6. removal ends the user's sessions at once" "$CODE" "404"
eq "6. ... and its tokens" "$(can_see "$TOK2")" "404"
echo "$PW" | "$BIN" user add bob --role admin >/dev/null
eq "6. a new user of the same name does not revive the old token" "$(can_see "$TOK2")" "404"
get /recs/SSR1-97 -H "Cookie: $sid"
eq "6. ... nor the old session" "$CODE" "404"
must_fail "6. user set on an unknown user" 1 user set nobody --role viewer
log=$(sqlite3 "$SSRTRACK_DB" "SELECT entity, entity_id, field, value, reason FROM change_log WHERE entity IN ('user', 'token')")
has "6. the change log records roles, removals and revocations" "$log" "user\|bob\|removed\|true\|left the team"
has "6. ... and tokens with their expiry" "$log" "token\|T[0-9]+\|expires\|2000-01-01"
hasnt "6. ... but no secret" "$(sqlite3 "$SSRTRACK_DB" "SELECT * FROM change_log")" "$TOK|$TOK2|\\\$argon2"

# --- 2, again: a server told its public address ----------------------------------
stop_server
THREADS=1 start_server --base-url https://ssr.example.org || fail "server starts with --base-url" "$(cat "$T/server.log")"
evil_feed
get /changes.atom
hasnt "2. serve --base-url: no Host in the feed" "$BODY" "evil\.example"
has "2. serve --base-url: links from the base URL" "$BODY" '<link rel="self" href="https://ssr.example.org/changes.atom"/>'

# --- 4. the sign-in throttle under parallel attempts ------------------------------
stop_server
THREADS=8 start_server || fail "server starts with 8 threads" "$(cat "$T/server.log")"
# One curl makes the 100 sign-ins, all live at once (-Z, --parallel-immediate:
# 100 connections, none waiting for another). Its parallel progress meter
# shows on stderr even with -s, hence the 2>/dev/null.
for ((i = 1; i <= 100; i++)); do
    ((i > 1)) && echo next
    printf 'url = "%s/signin"\nheader = "Origin: %s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$URL" "$URL"
    printf 'data-urlencode = "user=ana"\ndata-urlencode = "password=wrong %d"\n' "$i"
done >"$T/signin.cfg"
curl -s -Z --parallel-immediate --parallel-max 100 -K "$T/signin.cfg" >"$T/codes" 2>/dev/null
checked=$(grep -c '^401$' "$T/codes")
refused=$(grep -c '^429$' "$T/codes")
if [ "$checked" -le 30 ] && [ $((checked + refused)) -eq 100 ]; then
    pass "4. throttle: of 100 parallel wrong passwords at most 30 are checked ($checked checked, $refused refused)"
else
    fail "4. throttle: of 100 parallel wrong passwords at most 30 are checked" "$checked answered 401, $refused 429: $(sort "$T/codes" | uniq -c | tr '\n' ' ')"
fi
get /signin
eq "4. the server still answers" "$CODE" "200"
