# Slow clients: 500 connections trickling request headers and never
# finishing them do not stop normal requests from being answered; one
# address cannot hold more than the per-address limit.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
port=${URL##*:}

# attack NAME N ADDRS: N slow connections from ADDRS while normal requests
# are made; sets HELD (connections the server kept) and OKS (normal 200s of 20).
attack() {
    rm -f "$T/ready"
    python3 "$ROOT/tests/e2e/slowloris.py" "$port" "$2" "$3" 6 "$T/ready" >"$T/held" 2>"$T/slow.err" &
    local pid=$! i code
    for i in $(seq 1 200); do [ -s "$T/ready" ] && break; sleep 0.05; done
    OKS=0
    for i in $(seq 1 10); do
        for p in /recs/SSR1-9 /api/v1/recs/SSR1-9; do
            code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL$p")
            [ "$code" = 200 ] && OKS=$((OKS + 1))
        done
        sleep 0.2
    done
    wait "$pid"
    HELD=$(sed -n 's/^held //p' "$T/held")
    OPENED=$(sed -n 's/^open //p' "$T/ready")
}

attack spread 500 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6
eq "500 slow connections from five addresses are all accepted" "$OPENED" "500"
eq "normal requests are answered while they trickle" "$OKS" "20"
eq "the slow connections are held, not the server" "$HELD" "500"

attack one 500 127.0.0.7
eq "normal requests are answered while one address floods" "$OKS" "20"
if [ -n "$HELD" ] && [ "$HELD" -le 200 ]; then pass "one address holds at most 200 connections (held $HELD)"
else fail "one address holds at most 200 connections" "held ${HELD:-?}: $(cat "$T/slow.err")"; fi

get /
eq "the server answers after the attacks" "$CODE" "200"

# SIGTERM while slow connections are open: they are not requests in flight,
# so the server closes them and exits rather than waiting on them.
rm -f "$T/ready"
python3 "$ROOT/tests/e2e/slowloris.py" "$port" 300 127.0.0.2,127.0.0.3 8 "$T/ready" >"$T/held" 2>&1 &
slow=$!
for _ in $(seq 1 200); do [ -s "$T/ready" ] && break; sleep 0.05; done
kill -TERM "$SERVER_PID"
for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVER_PID" 2>/dev/null; then
    fail "SIGTERM with 300 slow connections open: the server exits" "still running after 15 s"
    kill -KILL "$SERVER_PID"
else
    pass "SIGTERM with 300 slow connections open: the server exits"
fi
stop_server
eq "and exits cleanly" "$SERVER_RC" "0"
wait "$slow"
eq "the slow connections were closed by the server" "$(sed -n 's/^held //p' "$T/held")" "0"
