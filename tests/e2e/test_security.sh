# End-to-end: the holes an outside attack on a running server found, one
# section each (numbered as in docs/security.md), each shown closed against
# the real server on 127.0.0.1, the real command line and real files.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
PW="correct horse battery"
echo "$PW" | "$BIN" user add ana --role editor >/dev/null
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# location_after_signin NEXT: the Location a good sign-in answers with.
location_after_signin() {
    curl -s -o /dev/null -D - -H "Origin: $URL" --data-urlencode "user=ana" --data-urlencode "password=$PW" \
        --data-urlencode "next=$1" "$URL/signin" | tr -d '\r' | sed -n 's/^Location: //p'
}

# --- 3. open redirect after sign-in ------------------------------------------
for next in $'/\t/evil.example/phish' '//evil.example/' '/\evil.example/' $'/\n/evil.example/' \
            '/ /evil.example/' $'/\x7f/evil.example' $'/recs\r\nSet-Cookie: x=1'; do
    eq "3. redirect: next=$(printf '%q' "$next") goes home" "$(location_after_signin "$next")" "/"
done
eq "3. redirect: a local path is kept" "$(location_after_signin '/recs/SSR1-9?as_of=2014-01-01')" "/recs/SSR1-9?as_of=2014-01-01"

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
    if row and row[0] == "SSR1-90": print(repr(row[3:6]))')
eq "11. csv: cells behind TAB, CR or space are neutralised" "$line" "[\"'\\t=1+1\", \"' @SUM(A1)\", \"' -2+3\"]"
get "/reports/implementation?format=csv"
hasf "11. csv report on the web too" "$BODY" "\"' @SUM(A1)\""
