# End-to-end: the bundled demo holds SSR1 as ICANN reported it on 18 March
# 2014. An independent reading of the seed report (python3) must give the
# same activity marks, rec by rec.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
ok "demo loads" demo
ok "demo verifies" verify
must_fail "demo refuses a database that holds data" 1 demo

st rec list --review SSR1 --format json
all=$OUT
eq "28 recommendations and 5 sub-items" "$(jq '[.[]|select(.parent==null)]|length' <<<"$all"),$(jq length <<<"$all")" "28,33"
eq "sub-items of 6" "$(jq -c '[.[]|select(.parent=="SSR1-6")|.id]' <<<"$all")" '["SSR1-6A","SSR1-6B"]'
eq "sub-items of 23" "$(jq -c '[.[]|select(.parent=="SSR1-23")|.id]' <<<"$all")" '["SSR1-23A","SSR1-23B","SSR1-23C"]'
eq "rec 9: two activities done, the roadmap in progress" "$(jq -r '.[]|select(.id=="SSR1-9")|[.status,(.milestones|map(.status)|join(","))]|join(" ")' <<<"$all")" \
   "in_progress complete,complete,in_progress"
eq "rec 1 complete" "$(jq -r '.[]|select(.id=="SSR1-1").status' <<<"$all")" "complete"
eq "rec 28 recurring and ongoing" "$(jq -r '.[]|select(.id=="SSR1-28")|[.recurring,.status]|map(tostring)|join(" ")' <<<"$all")" "true ongoing"
eq "every rec approved by the Board" "$(jq '[.[]|select(.board!="approved")]|length' <<<"$all")" "0"

# The marks, read independently from the report text.
if have_seeds 002_0b44ff1b59d411cb.txt; then
    want=$(python3 - "$SEEDS/002_0b44ff1b59d411cb.txt" <<'PY'
import re, sys
rows, cur = {}, None
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^(\d+)\s*\t", line)
    if m:
        cur = m.group(1); rows[cur] = line
    elif cur and line.startswith("\t"):
        rows[cur] += " " + line.strip()  # text pushed onto a later line
mark = re.compile(r"(✓|√|○|◇|(?<![A-Za-z])o(?= [A-Z0-9]))")
names = {"✓": "complete", "√": "complete", "○": "in_progress", "o": "in_progress", "◇": "planning"}
for n in sorted(rows, key=int):
    activities = rows[n].split("\t", 3)[3]
    print(n, ",".join(names[x] for x in mark.findall(activities)))
PY
)
    got=$(jq -r '
        [.[] | {id, parent, ms: (.milestones|map(.status))}] as $r
        | [range(1;29)|tostring] | map(. as $n
            | ($r[] | select(.id=="SSR1-"+$n) | .ms) + ([$r[] | select(.parent=="SSR1-"+$n) | .ms[]])
            | "\($n) \(join(","))") | .[]' <<<"$all")
    eq "activity marks match the 2014 report, rec by rec" "$got" "$want"
fi

# SSR2's verdicts on SSR1, as facts.
st assess show SSR2-SSR1 --format json
eq "SSR2 found 26 partially and 2 not implemented" "$(jq -c '.counts.implemented' <<<"$OUT")" '{"full":0,"partial":26,"not":2,"unknown":0}'
eq "the two not implemented: 6 and 22" "$(jq -r '[.items[]|select(.implemented=="not")|.rec]|join(" ")' <<<"$OUT")" "SSR1-6 SSR1-22"
eq "27 still relevant, all but 26" "$(jq -r '[.items[]|select(.relevant=="no")|.rec]|join(" ")' <<<"$OUT"),$(jq '.counts.relevant.yes' <<<"$OUT")" "SSR1-26,27"

# The demo carries history: before the report, nothing had a status yet.
st rec list --as-of 2014-03-17 --format json
eq "as of the day before the report: not started" "$(jq -r 'map(.status)|unique|join(",")' <<<"$OUT")" "not_started"
st rec list --as-of 2012-07-01 --format json
eq "before the Board's decision: pending" "$(jq -r 'map(.board)|unique|join(",")' <<<"$OUT")" "pending"
eq "before the report was published: nothing" "$("$BIN" rec list --as-of 2012-06-19 --format json)" "[]"

# --- make run's script: demo, table, then the dashboard -------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SSRTRACK_DEMO_DB="$T/run.db" SSRTRACK_LISTEN="127.0.0.1:$port" sh "$ROOT/scripts/run-demo.sh" "$BIN" >"$T/run.out" 2>&1 &
RUN_PID=$!
code=""
for _ in $(seq 1 100); do
    code=$(curl -s -o "$T/run.html" -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null) && [ "$code" = 200 ] && break
    sleep 0.1
done
eq "make run ends by serving the dashboard" "$code" "200"
hasf "the dashboard shows SSR1" "$(cat "$T/run.html")" "SSR1"
hasf "make run prints the SSR1 table first" "$(cat "$T/run.out")" "SSR1-9"
hasf "make run says where the dashboard is" "$(cat "$T/run.out")" "http://127.0.0.1:$port/"
kill -TERM "$RUN_PID" 2>/dev/null
wait "$RUN_PID" 2>/dev/null
eq "the dashboard stops cleanly on SIGTERM" "$?" "0"
