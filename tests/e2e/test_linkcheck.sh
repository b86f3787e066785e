# End-to-end: `evidence check` against our own HTTP server on 127.0.0.1
# (tests/tools/testhttpd.c): each case classified, no check running past
# its time limit, and no request reaching a private address without
# --allow-private (the server's request log proves it).
. "$(dirname "$0")/lib.sh"

HTTPD="$ROOT/${BUILD:-build}/tools/testhttpd"
[ -x "$HTTPD" ] || { fail "test server built" "no $HTTPD (make $BUILD/tools/testhttpd)"; exit 0; }
"$HTTPD" "$T/port" "$T/requests" &
SRV=$!
trap 'kill $SRV 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.05; done
read -r PORT HANG < "$T/port"
U="http://127.0.0.1:$PORT"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
requests() { grep -c '' "$T/requests"; }

seed_small
"$BIN" milestone add SSR1-1 --title "Publish" --effective 2012-10-18 >/dev/null
for p in good notfound error redirect/3 loop/a changing drip huge nohead; do
    "$BIN" evidence add SSR1-1 "$U/$p" --title "case $p" >/dev/null || fail "evidence add $p" "$ERR"
done
"$BIN" evidence add SSR1-1~1 "http://127.0.0.1:$HANG/never" --title "hangs" >/dev/null
"$BIN" evidence add SSR1-6 "http://localhost:$PORT/good" --title "by name" >/dev/null
"$BIN" evidence add SSR1-6 "http://127.0.0.1:1/closed" --title "refused" >/dev/null
"$BIN" evidence add SSR1-6 "http://no-such-host.invalid/" --title "no DNS" >/dev/null
eq "thirteen evidence links" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM evidence")" "13"
log_before=$(log_state)

# 1. Without --allow-private nothing local is reached, by address or by name.
: > "$T/requests"
st evidence check --format json --timeout 2
eq "private: exit 0" "$RC" "0"
j=$OUT
eq "every local URL is blocked" "$(jq -r '[.[]|select(.url|test("127.0.0.1|localhost"))|.health]|unique|join(",")' <<<"$j")" "blocked"
eq "localhost is refused after resolution" \
   "$(jq -r '.[]|select(.url|test("localhost"))|.error' <<<"$j" | grep -Ec 'refused: (::1|127\.0\.0\.1) is not a public address')" "1"
eq "not one request reached the server" "$(requests)" "0"

# 2. With --allow-private: every case classified.
start=$(now_ms)
st evidence check --allow-private --timeout 2 --concurrency 16 --format json
took=$(( $(now_ms) - start ))
j=$OUT
field() { jq -r --arg u "$1" ".[]|select(.url==\$u)|$2" <<<"$j"; }
eq "good page: ok 200" "$(field "$U/good" '[.health,.http_status]|join(" ")')" "ok 200"
eq "good page hashed" "$(field "$U/good" '.content_sha256')" \
   "$(printf '<!DOCTYPE html><title>good</title><p>A good page.</p>\n' | sha256sum | cut -c1-64)"
eq "404: dead" "$(field "$U/notfound" '[.health,.http_status,.error]|join(" ")')" "dead 404 HTTP 404"
eq "500: dead" "$(field "$U/error" '[.health,.http_status]|join(" ")')" "dead 500"
eq "redirect chain: moved to its end" "$(field "$U/redirect/3" '[.health,.final_url]|join(" ")')" "moved $U/good"
eq "redirect loop: dead" "$(field "$U/loop/a" '.health')" "dead"
has "redirect loop: says why" "$(field "$U/loop/a" '.error')" "more than 5 redirects"
eq "changing page: ok" "$(field "$U/changing" '.health')" "ok"
eq "slow drip: dead, timed out" "$(field "$U/drip" '[.health,(.error|test("timed out"))]|join(" ")')" "dead true"
eq "huge body: ok" "$(field "$U/huge" '.health')" "ok"
eq "no HEAD needed the first time: GET" "$(field "$U/nohead" '[.health,.method]|join(" ")')" "ok GET"
eq "never-answering socket: dead, timed out" "$(field "http://127.0.0.1:$HANG/never" '[.health,(.error|test("timed out"))]|join(" ")')" "dead true"
eq "by name: ok" "$(field "http://localhost:$PORT/good" '.health')" "ok"
eq "closed port: dead, refused" "$(field "http://127.0.0.1:1/closed" '[.health,(.error|test("refused"))]|join(" ")')" "dead true"
eq "no such host: dead" "$(field "http://no-such-host.invalid/" '.health')" "dead"
has "no such host: says so (or ran out of time)" "$(field "http://no-such-host.invalid/" '.error')" "no such host|timed out"
if [ "$took" -lt 4500 ]; then pass "timeouts hold: the run took ${took} ms with --timeout 2"
else fail "timeouts hold" "the run took ${took} ms with --timeout 2"; fi
eq "the drip's time is within its limit" "$(field "$U/drip" '.elapsed_ms < 2500')" "true"
st report evidence --format json
eq "huge body cut at the cap" "$(jq -r '.evidence[]|select(.url|endswith("/huge"))|[.truncated,.content_sha256!=null]|join(" ")' <<<"$OUT")" "true true"
eq "checks are recorded, one per URL and run" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*), count(DISTINCT url) FROM link_checks")" "26|13"
eq "checks are not changes: the log is untouched" "$(log_state)" "$log_before"

# 3. Again: unchanged pages by HEAD alone; the changing page is seen to change.
: > "$T/requests"
st evidence check --allow-private --timeout 2 --concurrency 16 --format json
j=$OUT
eq "changing page: changed" "$(field "$U/changing" '[.health,.changed]|join(" ")')" "ok true"
eq "good page: unchanged, by HEAD" "$(field "$U/good" '[.changed,.method]|join(" ")')" "false HEAD"
eq "no GET of the good page the second time" "$(grep -c '^GET /good$' "$T/requests")" "0"
eq "HEAD refused, then GET" "$(field "$U/nohead" '[.health,.method,.changed]|join(" ")')" "ok HEAD+GET false"
eq "the server saw HEAD then GET" "$(grep -E ' /nohead$' "$T/requests" | tr '\n' ' ')" "HEAD /nohead GET /nohead "
st evidence check --allow-private --timeout 2
has "text: a moved line" "$OUT" "^moved +200 +$U/redirect/3 -> $U/good"
has "text: the summary" "$OUT" "13 URLs: 5 ok, 1 moved, 7 dead, 0 blocked; 1 changed"

# 4. The run's total limit stops a long check.
start=$(now_ms)
st evidence check --allow-private --timeout 20 --total-timeout 1 --format json
took=$(( $(now_ms) - start ))
if [ "$took" -lt 3000 ]; then pass "total timeout holds (${took} ms)"; else fail "total timeout holds" "${took} ms"; fi
eq "what ran out is unchecked, not dead" "$(jq -r ".[]|select(.url==\"http://127.0.0.1:$HANG/never\")|.health" <<<"$OUT")" "unchecked"

# 5. Bad options.
must_fail "concurrency 0" 1 evidence check --concurrency 0
must_fail "concurrency too high" 1 evidence check --concurrency 5000
must_fail "timeout not a number" 1 evidence check --timeout soon
must_fail "total timeout 0" 1 evidence check --total-timeout 0

# 6. The checks table is append-only and comes with the schema upgrade.
if sqlite3 "$SSRTRACK_DB" "UPDATE link_checks SET outcome='ok'" 2>/dev/null; then fail "link_checks refuses updates"
else pass "link_checks refuses updates"; fi
if sqlite3 "$SSRTRACK_DB" "DELETE FROM link_checks" 2>/dev/null; then fail "link_checks refuses deletes"
else pass "link_checks refuses deletes"; fi
sqlite3 "$SSRTRACK_DB" "DROP TABLE link_checks; PRAGMA user_version=1"
ok "an older file is upgraded on open" evidence list
"$BIN" --db "$T/newest.db" init >/dev/null
eq "with an empty checks table, at the newest schema" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM link_checks; PRAGMA user_version")" \
   "$(printf '0\n%s' "$(sqlite3 "$T/newest.db" "PRAGMA user_version")")"
