# The web's conventions on a real server: gzip for text when the client
# accepts it (with Vary, never for 304s, small bodies or spreadsheets, nor
# for signed-in pages), ETag and Last-Modified with 304s on anonymous pages,
# HEAD like GET without the body, /robots.txt, a meta description per page.
. "$(dirname "$0")/lib.sh"

demo_with_users
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 1; }

# header NAME: its value in $HEADERS (from the last `get`).
header() { sed -n "s/^$1: //Ip" <<<"$HEADERS" | head -1; }

# --- gzip -----------------------------------------------------------------
get /changes
plain=$BODY
eq "plain without Accept-Encoding" "$(header Content-Encoding)" ""
eq "Vary on the plain form too" "$(header Vary)" "Accept-Encoding"
etag_plain=$(header ETag)
curl -s -D "$T/h" -o "$T/raw" -H 'Accept-Encoding: gzip' "$URL/changes"
HEADERS=$(tr -d '\r' <"$T/h")
eq "gzip when accepted" "$(header Content-Encoding)" "gzip"
eq "Vary: Accept-Encoding" "$(header Vary)" "Accept-Encoding"
eq "the raw bytes are gzip" "$(head -c2 "$T/raw" | od -An -tx1 | tr -d ' ')" "1f8b"
eq "Content-Length is the compressed length" "$(header Content-Length)" "$(stat -c %s "$T/raw")"
[ "$(stat -c %s "$T/raw")" -lt $(( ${#plain} / 3 )) ] && pass "compressed to less than a third" ||
    fail "compressed to less than a third" "$(stat -c %s "$T/raw") of ${#plain}"
eq "curl --compressed reads the same bytes" "$(curl -s --compressed "$URL/changes" | sha256sum)" \
    "$(curl -s "$URL/changes" | sha256sum)"
etag_gz=$(header ETag)
[ -n "$etag_gz" ] && [ "$etag_gz" != "$etag_plain" ] && pass "the gzip form has its own ETag" ||
    fail "the gzip form has its own ETag" "$etag_gz vs $etag_plain"
# The cache keeps both forms: whoever asked first, each client gets its own.
get /changes -H 'Accept-Encoding: gzip;q=0, identity'
eq "q=0 refuses gzip, even from a warm cache" "$(header Content-Encoding)" ""
eq "and gets the plain page" "$BODY" "$plain"
get /robots.txt -H 'Accept-Encoding: gzip'
eq "a small body is sent as it is" "$(header Content-Encoding)" ""
curl -s -D "$T/h" -o /dev/null -H 'Accept-Encoding: gzip' "$URL/reports/implementation.xlsx"
eq "a spreadsheet is not compressed again" "$(tr -d '\r' <"$T/h" | sed -n 's/^Content-Encoding: //Ip')" ""

# --- HEAD -------------------------------------------------------------------
curl -s -I -H 'Accept-Encoding: gzip' "$URL/changes" | tr -d '\r' >"$T/head"
eq "HEAD states the GET's length" "$(sed -n 's/^Content-Length: //Ip' "$T/head")" "$(stat -c %s "$T/raw")"
eq "HEAD states the GET's ETag" "$(sed -n 's/^ETag: //Ip' "$T/head")" "$etag_gz"

# --- conditional GETs ---------------------------------------------------------
get /changes -H "If-None-Match: $etag_plain"
eq "304 on If-None-Match" "$CODE" "304"
eq "a 304 has no body" "$BODY" ""
eq "a 304 is never gzipped" "$(header Content-Encoding)" ""
eq "a 304 repeats the ETag" "$(header ETag)" "$etag_plain"
get /changes -H "If-None-Match: $etag_gz" -H 'Accept-Encoding: gzip'
eq "304 for the gzip form's ETag" "$CODE" "304"
get /changes -H "If-None-Match: \"other\", W/$etag_plain"
eq "304 on a list holding the weak form" "$CODE" "304"
get /changes -H 'If-None-Match: "other"'
eq "200 when the ETag differs" "$CODE" "200"
get /changes
lm=$(header Last-Modified)
has "Last-Modified is an HTTP date" "$lm" '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT$'
get /changes -H "If-Modified-Since: $lm"
eq "304 on If-Modified-Since" "$CODE" "304"
get /changes -H "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT"
eq "200 when modified since" "$CODE" "200"
get /changes -H "If-Modified-Since: $lm" -H 'If-None-Match: "other"'
eq "If-None-Match decides when both are sent" "$CODE" "200"

# A change makes a new ETag: the old one no longer gets a 304.
"$BIN" rec set SSR1-9 owner=CTO --effective 2020-01-01 --reason "new owner" >/dev/null
get /changes -H "If-None-Match: $etag_plain"
eq "200 after a change" "$CODE" "200"
[ "$(header ETag)" != "$etag_plain" ] && pass "a new ETag after a change" || fail "a new ETag after a change"

# --- signed in: private, no validators, not compressed ------------------------
curl -s -o /dev/null -c "$T/jar" -X POST -d "user=ana&password=$PW" -H "Origin: $URL" "$URL/signin"
get /recs/SSR1-9 -b "$T/jar" -H 'Accept-Encoding: gzip'
has "signed in" "$BODY" 'Sign out'
eq "a signed-in page is not compressed (BREACH)" "$(header Content-Encoding)" ""
eq "nor given an ETag" "$(header ETag)" ""

# --- robots.txt and descriptions ---------------------------------------------
get /robots.txt
eq "robots.txt" "$CODE $(header Content-Type)" "200 text/plain; charset=utf-8"
has "robots.txt keeps crawlers off past dates" "$BODY" '^Disallow: /\*\?\*as_of='
bad=""
for p in / /recs /recs/SSR1-9 /reviews /reviews/SSR1 /reviews/SSR1/board /reviews/SSR1/claims /assessments \
    /assessments/SSR2-SSR1 /kpis /changes /reports /ledger /signin /nope /reports/implementation.html; do
    get "$p"
    grep -q '<meta name="description" content="[^"]\{20,\}">' <<<"$BODY" || bad+="$p "
done
eq "a meta description on every page, error pages and reports too" "$bad" ""
descs=$(for p in /recs/SSR1-9 /recs/SSR1-10; do get "$p"; grep -o '<meta name="description"[^>]*>' <<<"$BODY"; done | sort -u | wc -l)
eq "each page's description is its own" "$descs" "2"

stop_server
eq "server stops cleanly" "$SERVER_RC" "0"
