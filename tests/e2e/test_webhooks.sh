# End-to-end: webhooks to a real receiver on 127.0.0.1 that checks every
# HMAC-SHA256 signature: a delivery per committed transaction, retries with
# the same id and body after failures (backoff, then giving up, all
# recorded), restricted changes never sent, the address policy, bad input
# writing nothing, the server delivering by itself, and a receiver that
# never answers delaying neither writers nor the server.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

"$BIN" init >/dev/null
"$BIN" review add SSR1 --title "First review" >/dev/null
head -c 30 /dev/urandom | base64 | tr -d '\n' >secret
echo >>secret
mkdir rx
"$PY" "$ROOT/tests/e2e/webhook_receiver.py" "$T/rx" "$T/secret" >port 2>rx.log &
RX=$!
trap 'rm -f "$T/rx/hang"; kill $RX 2>/dev/null; stop_server; rm -rf "$T"' EXIT
for i in $(seq 1 100); do [ -s port ] && break; sleep 0.05; done
HOOK="http://127.0.0.1:$(cat port)/hook"
entries() { [ -f rx/log.jsonl ] && wc -l <rx/log.jsonl || echo 0; }

# Bad input: one line, exit 1, nothing written.
must_fail "not http(s)" 1 webhook add ftp://example.org/x --secret-file secret
must_fail "credentials in the URL" 1 webhook add https://user:pw@example.org/x --secret-file secret
must_fail "a loopback address without --allow-private" 1 webhook add "$HOOK" --secret-file secret
hasf "says how to allow it" "$ERR" "--allow-private"
must_fail "a private address" 1 webhook add http://10.1.2.3/x --secret-file secret
must_fail "an IPv6 loopback" 1 webhook add "http://[::1]:8080/x" --secret-file secret
printf 'short\n' >short
must_fail "a short secret" 1 webhook add https://example.org/x --secret-file short
must_fail "a missing secret file" 1 webhook add https://example.org/x --secret-file nothere
must_fail "a short --secret" 1 webhook add https://example.org/x --secret short
must_fail "--secret and --secret-file together" 1 webhook add https://example.org/x --secret 0123456789abcdef01 --secret-file secret
must_fail "remove an unknown webhook" 1 webhook remove 7
must_fail "remove a bad id" 1 webhook remove x1
must_fail "deliveries of a bad id" 1 webhook deliveries -3
eq "nothing written" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM webhooks")" "0"

ok "webhook add" webhook add "$HOOK" --secret-file secret --allow-private
eq "prints its id" "$OUT" "webhook 1: $HOOK"
ok "a generated secret" webhook add https://example.org/hook
has "printed once" "$OUT" "^webhook 2: https://example.org/hook
secret: [0-9a-f]{64}$"
ok "remove it" webhook remove 2
st webhook list --format json
eq "list: one active, one removed, no secret shown" "$(jq -c '[.[]|[.id,.active,.allow_private]]' <<<"$OUT")" \
    '[[1,true,true],[2,false,false]]'
hasnt "the secret is never listed" "$("$BIN" webhook list)$OUT" "$(head -c 20 secret)"
ok "a secret given on the command line, as the issue's contract has it" webhook add https://example.org/given --secret "$(cat secret)"
eq "is the one stored" "$(sqlite3 "$SSRTRACK_DB" "SELECT secret = '$(cat secret)' FROM webhooks WHERE url = 'https://example.org/given'")" "1"
"$BIN" webhook remove "$(sqlite3 "$SSRTRACK_DB" "SELECT id FROM webhooks WHERE url = 'https://example.org/given'")" >/dev/null

# A delivery per transaction; the hostile title arrives exactly.
export SSRTRACK_NOW=2026-01-01T00:00:00Z
hostile='Fix "this" <script>alert(1)</script> \ & done'
"$BIN" rec add SSR1-1 --review SSR1 --title "$hostile" --reason 'first cut' >/dev/null
"$BIN" rec add SSR1-2 --review SSR1 --title 'Private matter' >/dev/null
"$BIN" rec set SSR1-2 restricted=true >/dev/null
"$BIN" rec set SSR1-2 title='Still private' >/dev/null
ok "webhook deliver" webhook deliver
hasf "summary: the restricted rec's transactions are not queued" "$OUT" "webhook deliver: 1 queued, 1 delivered, 0 to retry, 0 failed"
check_log() {  # check_log NAME PYTHON-ASSERTIONS: over the receiver's entries e
    local out
    if out=$("$PY" -c "
import json
e = [json.loads(l) for l in open('rx/log.jsonl')]
b = [json.loads(x['body']) for x in e]
$2
print('ok')" 2>&1); then pass "$1"; else fail "$1" "$out"; fi
}
check_log "every signature checks, as JSON" "assert all(x['signature_ok'] and x['content_type'] == 'application/json' for x in e)"
hostile_py=$(printf '%s' "$hostile" | jq -R .)
check_log "one per transaction, summed up in words as on the pages" \
    "assert [x['summary'] for x in b] == ['New recommendation SSR1-1: ' + $hostile_py], [x['summary'] for x in b]"
check_log "the hostile title arrives exactly, JSON-escaped" "assert [c['value'] for c in b[0]['changes'] if c['field'] == 'title'] == [$hostile_py]; assert b[0]['reason'] == 'first cut' and b[0]['tx'] == b[0]['changes'][0]['seq']"
# Visibility is decided when queued: once SSR1-2 is restricted, none of its changes is public.
eq "restricted content never sent" "$(grep -c 'SSR1-2' rx/log.jsonl)" "0"

# Failures: retried with the same id and body, after a backoff.
touch rx/fail
"$BIN" rec set SSR1-1 status=in_progress >/dev/null
n0=$(entries)
ok "a failing receiver" webhook deliver
hasf "to retry" "$OUT" "1 to retry"
SSRTRACK_NOW=2026-01-01T00:00:09Z st webhook deliver
hasf "not due again within its backoff" "$OUT" "0 queued, 0 delivered, 0 to retry"
rm rx/fail
SSRTRACK_NOW=2026-01-01T00:00:10Z st webhook deliver
hasf "retried within 30 s, delivered" "$OUT" "1 delivered"
eq "two attempts reached the receiver" "$(( $(entries) - n0 ))" "2"
check_log "a retry carries the same id and body, signed" "assert e[-1]['delivery'] == e[-2]['delivery'] and e[-1]['body'] == e[-2]['body'] and e[-1]['signature_ok']"
st webhook deliveries 1 --format json
eq "recorded: delivered after 2 attempts" "$(jq -c '.[0]|[.state,.attempts,.last_status]' <<<"$OUT")" '["delivered",2,204]'
eq "both attempts kept" "$(sqlite3 "$SSRTRACK_DB" "SELECT group_concat(coalesce(http_status, 0), ',') FROM webhook_attempts WHERE delivery = (SELECT max(id) FROM webhook_deliveries)")" "500,204"

# Giving up after a bounded number of attempts.
touch rx/fail
"$BIN" rec set SSR1-1 status=complete >/dev/null
for day in 01 02 03 04 05 06 07 08 09 10; do SSRTRACK_NOW=2026-01-${day}T12:00:00Z "$BIN" webhook deliver >/dev/null; done
st webhook deliveries --format json --limit 1
eq "failed after 8 attempts" "$(jq -c '.[0]|[.state,.attempts,.last_error]' <<<"$OUT")" '["failed",8,"the receiver answered HTTP 500"]'
rm rx/fail
unset SSRTRACK_NOW

# The address policy applies at each connection: a name resolving to loopback.
name=$(hostname)
if getent hosts "$name" | grep -q '^127\.'; then
    ok "a name is accepted when added" webhook add "http://$name:$(cat port)/x" --secret-file secret
    id=$(printf '%s' "$OUT" | sed -n 's/^webhook \([0-9]*\):.*/\1/p')
    "$BIN" rec set SSR1-1 topic=Remit >/dev/null
    st webhook deliver
    hasf "refused when it resolves to loopback" "$OUT" "refused address 127."
    ok "remove it" webhook remove "$id"
fi

# The running server delivers by itself.
start_server || fail "server starts" "$(cat "$T/server.log")"
n0=$(entries)
"$BIN" rec set SSR1-1 topic=Governance >/dev/null
for i in $(seq 1 200); do [ "$(entries)" -gt "$n0" ] && break; sleep 0.05; done
check_log "the server delivered the write, signed" "assert b[-1]['changes'][0]['value'] == 'Governance' and e[-1]['signature_ok']"

# A receiver that never answers delays neither writers nor the server.
touch rx/hang
n0=$(entries)
"$BIN" rec set SSR1-1 topic=Held >/dev/null
for i in $(seq 1 200); do [ "$(entries)" -gt "$n0" ] && break; sleep 0.05; done
check_log "the receiver holds a delivery unanswered" "assert e[-1]['hung']"
ok "a write while it hangs" rec set SSR1-1 topic=Written --reason 'not held up'
ok "another write" rec add SSR1-3 --review SSR1 --title 'Third'
get /recs/SSR1-1
eq "the server answers" "$CODE" "200"
hasf "with the new state" "$BODY" "Written"
check_log "all while the delivery is still unanswered" "assert e[-1]['hung'] and len(e) == $n0 + 1"
eq "the held delivery has no finished attempt yet" "$(sqlite3 "$SSRTRACK_DB" "SELECT state, attempts FROM webhook_deliveries WHERE delivery = '$("$PY" -c "import json; print(json.loads(open('rx/log.jsonl').readlines()[-1])['delivery'])")'")" "pending|0"
stop_server
eq "the server stops cleanly with a delivery in flight" "$SERVER_RC" "0"
rm rx/hang
ok "what was held is delivered later" webhook deliver
check_log "every signature checked" "assert all(x['signature_ok'] for x in e)"
ok "verify" verify
