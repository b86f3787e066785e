#!/usr/bin/env bash
# The web server under load, with wrk at 64 connections, in one run:
#  - / and /recs/SSR1-9 of the demo, served by `ssrtrack serve`, beside nginx
#    serving the very same bytes (saved from our server) as static files;
#  - the list of 1,000 recommendations beside Fossil serving its ticket
#    report over the same 1,000 items as tickets.
# Reports requests per second as ratios, p99 latency, and the peak memory of
# the servers. Rows marked "rendered each time" send a bearer token, which
# turns the anonymous response cache off, to show the cost of a page.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
DURATION=${WEB_DURATION:-10}
CONNS=64
command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/deps.sh bench)" >&2; exit 1; }
command -v nginx >/dev/null || { echo "bench: nginx is missing (scripts/deps.sh bench)" >&2; exit 1; }
command -v fossil >/dev/null || { echo "bench: fossil is missing (scripts/deps.sh bench)" >&2; exit 1; }
ITEMS=${WEB_ITEMS:-1000}

dir=$BENCH_TMP/web
rm -rf "$dir"
mkdir -p "$dir/root/recs/SSR1-9" "$dir/nginx"
db=$dir/demo.db
"$BIN" --db "$db" init >/dev/null
"$BIN" --db "$db" demo >/dev/null
echo "bench-password-not-secret" | "$BIN" --db "$db" user add bench --role viewer >/dev/null
token=$("$BIN" --db "$db" token create bench)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ours_port=$(free_port)
"$BIN" --db "$db" serve --listen "127.0.0.1:$ours_port" --threads "$(nproc)" --quiet 2>"$dir/serve.log" &
ours=$!
nginx_pid="" fossil_pid=""
cleanup() {
    kill "$ours" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    [ -n "$fossil_pid" ] && kill "$fossil_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$ours_port/" && break; sleep 0.05; done

# nginx serves the bytes our server sends, so both move the same payload.
curl -sf "http://127.0.0.1:$ours_port/" > "$dir/root/index.html"
curl -sf "http://127.0.0.1:$ours_port/recs/SSR1-9" > "$dir/root/recs/SSR1-9/index.html"
nginx_port=$(free_port)
cat > "$dir/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $dir/root;
        location / { try_files \$uri \$uri/index.html =404; }
    }
}
CONF
chmod a+x "$BENCH_TMP"; chmod -R a+rX "$dir"   # nginx's workers run as nobody when started as root
nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" &
nginx_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/" && break; sleep 0.05; done
for p in / /recs/SSR1-9; do
    cmp -s <(curl -sf "http://127.0.0.1:$ours_port$p") <(curl -sf "http://127.0.0.1:$nginx_port$p") ||
        { echo "bench: the two servers do not send the same bytes for $p" >&2; exit 1; }
done

# run_wrk URL [HEADER]: one wrk run; prints "RPS P99_MS".
run_wrk() {
    local out
    out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency ${2:+-H "$2"} "$1")
    grep -q "Non-2xx" <<<"$out" && { echo "bench: wrk saw errors on $1" >&2; return 1; }
    awk '/Requests\/sec:/ { rps = $2 }
         /^ +99%/ { v = $2; ms = v + 0
                    if (v ~ /us$/) ms /= 1000; else if (v ~ /[^m]s$/) ms *= 1000
                    p99 = ms }
         END { printf "%s %.3f\n", rps, p99 }' <<<"$out"
}

# bench_pair NAME PATH: RUNS alternating runs of ours and nginx.
bench_pair() {
    local name=$1 path=$2 i r
    local o_rps=() o_p99=() n_rps=() n_p99=()
    for ((i = 0; i < RUNS; i++)); do
        r=$(run_wrk "http://127.0.0.1:$ours_port$path"); o_rps+=("${r% *}"); o_p99+=("${r#* }")
        r=$(run_wrk "http://127.0.0.1:$nginx_port$path"); n_rps+=("${r% *}"); n_p99+=("${r#* }")
    done
    record_values web "ssrtrack serve $name: requests/s, $CONNS connections" "req/s" 0 "${o_rps[@]}"
    record_values web "ssrtrack serve $name: p99 latency" "ms" 0 "${o_p99[@]}"
    record_values web "peer: nginx, the same bytes, $name: requests/s" "req/s" 0 "${n_rps[@]}"
    record_values web "peer: nginx $name: p99 latency" "ms" 0 "${n_p99[@]}"
    local ours_m nginx_m
    ours_m=$(median web "ssrtrack serve $name: requests/s, $CONNS connections")
    nginx_m=$(median web "peer: nginx, the same bytes, $name: requests/s")
    local ratio met
    ratio=$(calc "$ours_m / $nginx_m")
    met=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5) ? "yes" : "no" }')
    figure web "requests/s on $name, ssrtrack / nginx" "$ratio" "≥ 0.5" "$met"
    figure web "p99 latency on $name at $CONNS connections, ssrtrack (ms)" \
        "$(median web "ssrtrack serve $name: p99 latency")" "-" "-"
}

bench_pair "/" /
bench_pair "/recs/SSR1-9" /recs/SSR1-9

# series NAME URL [HEADER]: RUNS wrk runs of one URL, recorded as NAME.
series() {
    local name=$1 url=$2 hdr=${3:-} i r rps=() p99=()
    for ((i = 0; i < RUNS; i++)); do
        r=$(run_wrk "$url" "$hdr"); rps+=("${r% *}"); p99+=("${r#* }")
    done
    record_values web "$name: requests/s" "req/s" 0 "${rps[@]}"
    record_values web "$name: p99 latency" "ms" 0 "${p99[@]}"
}

# Every request rendered: a signed-in (token) visitor is never served from the cache.
series "ssrtrack serve /recs/SSR1-9 rendered each time" "http://127.0.0.1:$ours_port/recs/SSR1-9" "Authorization: Bearer $token"

# --- 1,000 items: our list of recs beside Fossil's ticket report ----------
# The same items in both: title, a status, a topic (Fossil: subsystem).
awk -v n="$ITEMS" 'BEGIN {
    split("not_started planning in_progress complete ongoing deferred", st, " ")
    print "{\"format\": \"ssrtrack\", \"version\": 1, \"changes\": ["
    printf "{\"entity\": \"review\", \"entity_id\": \"B1\", \"field\": \"title\", \"value\": \"Benchmark review\", \"effective_at\": \"2012-01-01\"}"
    for (i = 1; i <= n; i++) {
        split("review=B1|title=Recommendation number " i " of the benchmark|status=" st[i % 6 + 1] "|topic=Topic " (i % 12), kv, "|")
        for (k = 1; k <= 4; k++) {
            eq = index(kv[k], "=")
            printf ",\n{\"entity\": \"rec\", \"entity_id\": \"B1-%d\", \"field\": \"%s\", \"value\": \"%s\", \"effective_at\": \"2012-01-01\"}", i, substr(kv[k], 1, eq - 1), substr(kv[k], eq + 1)
        }
    }
    print "\n]}"
}' > "$dir/items.json"
"$BIN" --db "$db" import "$dir/items.json" >/dev/null
[ "$(curl -sf "http://127.0.0.1:$ours_port/recs?review=B1" | grep -c '<a href="/recs/B1-')" -ge "$ITEMS" ] ||
    { echo "bench: our list does not show the $ITEMS items" >&2; exit 1; }

export USER=bench
fossil init --admin-user bench "$dir/tickets.fossil" >/dev/null
python3 - "$dir/items.json" > "$dir/tickets.sh" <<'PY'
import json, shlex, sys
recs = {}
for c in json.load(open(sys.argv[1]))["changes"]:
    if c["entity"] == "rec":
        recs.setdefault(c["entity_id"], {})[c["field"]] = c["value"]
for r in recs.values():
    print("fossil ticket add -R \"$1\" title %s status %s subsystem %s type Code_Defect >/dev/null"
          % (shlex.quote(r["title"]), shlex.quote(r["status"]), shlex.quote(r["topic"])))
PY
bash "$dir/tickets.sh" "$dir/tickets.fossil"
fossil_port=$(free_port)
fossil server --port "$fossil_port" --localhost "$dir/tickets.fossil" >/dev/null 2>&1 &
fossil_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$fossil_port/rptview?rn=1" && break; sleep 0.05; done
[ "$(curl -sf "http://127.0.0.1:$fossil_port/rptview?rn=1" | grep -c 'Recommendation number')" -ge "$ITEMS" ] ||
    { echo "bench: Fossil's report does not show the $ITEMS tickets" >&2; exit 1; }

series "ssrtrack serve the list of $ITEMS recs (/recs?review=B1)" "http://127.0.0.1:$ours_port/recs?review=B1"
series "ssrtrack serve the list of $ITEMS recs, rendered each time" "http://127.0.0.1:$ours_port/recs?review=B1" "Authorization: Bearer $token"
series "peer: fossil server, its ticket report over the same $ITEMS tickets (/rptview?rn=1)" "http://127.0.0.1:$fossil_port/rptview?rn=1"
fossil_rps=$(median web "peer: fossil server, its ticket report over the same $ITEMS tickets (/rptview?rn=1): requests/s")
figure web "requests/s on the list of $ITEMS, ssrtrack / Fossil's ticket report" \
    "$(calc "$(median web "ssrtrack serve the list of $ITEMS recs (/recs?review=B1): requests/s") / $fossil_rps")" "-" "-"
figure web "the same, ssrtrack rendering each request / Fossil" \
    "$(calc "$(median web "ssrtrack serve the list of $ITEMS recs, rendered each time: requests/s") / $fossil_rps")" "-" "-"
figure web "p99 latency on the list of $ITEMS at $CONNS connections, ssrtrack rendering each (ms)" \
    "$(median web "ssrtrack serve the list of $ITEMS recs, rendered each time: p99 latency")" "-" "-"
figure web "p99 latency of Fossil's report at $CONNS connections (ms)" \
    "$(median web "peer: fossil server, its ticket report over the same $ITEMS tickets (/rptview?rn=1): p99 latency")" "-" "-"

# Peak memory after all the runs: our one process; nginx's master and workers together.
ours_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$ours/status")
nginx_kb=0
for p in "$nginx_pid" $(pgrep -P "$nginx_pid" || true); do
    kb=$(awk '/VmHWM/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    nginx_kb=$((nginx_kb + ${kb:-0}))
done
figure web "peak memory of ssrtrack serve after every run (MiB)" "$(calc "$ours_kb / 1024")" "-" "-"
figure web "peak memory of nginx, master and workers (MiB)" "$(calc "$nginx_kb / 1024")" "-" "-"
fossil_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$fossil_pid/status")
figure web "peak memory of the fossil server's listening process (MiB; it forks one process per request)" "$(calc "$fossil_kb / 1024")" "-" "-"
