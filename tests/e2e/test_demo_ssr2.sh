# End-to-end: the demo's SSR2 — 63 recommendations in 24 groups, the Board's
# decisions on their dates (the running totals ICANN published), the
# implementation statuses ICANN published, the KPI with ICANN's quarterly
# counts, and SSR2-1.1 linked to the SSR1 recs it asks to finish. Where the
# public facts are present beside the project, an independent reading of
# them (python3) must agree with the demo, change by change.
. "$(dirname "$0")/lib.sh"
FACTS=${FACTS:-$ROOT/../shared/data/ssr2}

"$BIN" init >/dev/null
ok "demo loads" demo
st rec list --review SSR2 --format json
all=$OUT
eq "63 recommendations under 24 groups" "$(jq '[.[]|select(.parent!=null)]|length' <<<"$all"),$(jq '[.[]|select(.parent==null)]|length' <<<"$all")" "63,24"
eq "group sizes" "$(jq -r '.[]|select(.parent!=null)|.parent' <<<"$all" | uniq -c | awk '{print $1}' | paste -sd' ')" \
   "1 4 3 3 4 2 5 1 4 3 1 4 2 5 2 3 2 3 2 2 1 2 2 2"
eq "numbered as the report numbers them" "$(jq -r '[.[]|select(.parent!=null)|.id]|[first,last]|join(" ")' <<<"$all")" "SSR2-1.1 SSR2-24.2"
eq "community priority of 1.1" "$(jq -r '.[]|select(.id=="SSR2-1.1").priority' <<<"$all")" "P4"

# The running totals after each round, as published.
st report board --review SSR2 --format json
eq "running totals of every round" \
   "$(jq -r '.rounds[]|[.date,.approved,.pending,.rejected,.passed_through]|map(tostring)|join(" ")' <<<"$OUT")" \
"2021-07-22 13 34 16 0
2022-05-01 14 31 18 0
2022-11-16 23 10 30 0
2023-09-10 24 1 38 0
2024-09-07 25 0 38 0"
eq "the last round: 17.1" "$(jq -r '.rounds[-1].changed|join(" ")' <<<"$OUT")" "SSR2-17.1"

# Status counts of the approved recs against ICANN's own quarterly counts.
counts() { jq -r '[.[]|select(.parent!=null and .board=="approved")|.status]|group_by(.)|map("\(.[0])=\(length)")|join(" ")'; }
st rec list --review SSR2 --as-of 2024-06-30 --format json
eq "2024-06-30: 17 complete, 5 in progress, 2 not started of 24" "$(counts <<<"$OUT")" "complete=17 in_progress=5 not_started=2"
# The page "as of 14 April 2022" already listed 5.4, approved on 1 May: its 14.
st rec list --review SSR2 --as-of 2022-04-14 --format json
early=$OUT
st rec list --review SSR2 --as-of 2022-05-01 --format json
eq "2022-04-14: 2 complete, 12 not started of the 14" \
   "$(jq -r --argjson early "$early" '[.[]|select(.parent!=null and .board=="approved")|.id] as $ids
      | [$early[]|select(.id as $i|$ids|index($i))|.status]|group_by(.)|map("\(.[0])=\(length)")|join(" ")' <<<"$OUT")" \
   "complete=2 not_started=12"

# Reported dates and one transaction per round.
st rec history SSR2-17.1 --format json
eq "a decision reported on its date" "$(jq -r '.[]|select(.field=="board")|"\(.effective_at)/\(.reported)"' <<<"$OUT"|tr '\n' ' ')" \
   "2021-07-22/2021-07-22 2024-09-07/2024-09-07 "
eq "the first round is one transaction" \
   "$(sqlite3 "$SSRTRACK_DB" "SELECT count(DISTINCT tx), count(*) FROM change_log WHERE field='board' AND effective_at='2021-07-22' AND entity_id LIKE 'SSR2-%'")" "1|63"

# The KPI of the review, with ICANN's counts as its measurements.
st kpi show K-SSR2-DONE --format json
k=$OUT
eq "a KPI of the review" "$(jq -r '[.review,(.rec|tostring),.frequency]|join(" ")' <<<"$k")" "SSR2 null quarterly"
eq "ICANN's quarterly counts complete" "$(jq -r '[.measurements[]|"\(.date)=\(.value)"]|join(" ")' <<<"$k")" \
   "2022-04-30=2 2022-06-30=2 2022-09-30=2 2022-12-31=10 2023-03-31=11 2023-06-30=12 2023-09-30=13 2023-12-31=13 2024-03-31=16 2024-06-30=17"
eq "its target: all the approved ones" "$(jq -r .target.value <<<"$k")" "25"
st kpi show K-SSR2-DONE --as-of 2023-01-15 --format json
eq "the target on an earlier date" "$(jq -r .target.value <<<"$OUT")" "23"
st kpi list --format json
eq "kpi list names the review" "$(jq -r '.[]|select(.id=="K-SSR2-DONE").review' <<<"$OUT")" "SSR2"

st rec show SSR2-1.1 --format json
eq "SSR2-1.1 asks to finish all 28 SSR1 recs" \
   "$("$BIN" rec show SSR2-1.1 | grep -c 'link        SSR2-1.1 derived_from SSR1-')" "28"

# An independent reading of the public facts.
if [ -d "$FACTS" ]; then
    "$BIN" export > all.json
    got=$(python3 - "$FACTS" all.json <<'PY'
import csv, json, sys
d = sys.argv[1]
ch = json.load(open(sys.argv[2]))["changes"]
have = {(c["entity_id"], c["field"], c["effective_at"], c["value"], c.get("reported")) for c in ch}
missing = []
for r in csv.DictReader(open(d + "/board-actions.csv")):
    k = ("SSR2-" + r["rec"], "board", r["date"], r["disposition"], r["date"])
    if k not in have: missing.append(k)
for r in csv.DictReader(open(d + "/implementation-status.csv")):
    k = ("SSR2-" + r["rec"], "status", r["as_of"], r["status"], r["as_of"])
    if k not in have: missing.append(k)
for r in csv.DictReader(open(d + "/progress-by-quarter.csv")):
    if not any(c["entity"] == "measurement" and c["field"] == "value" and c["effective_at"] == r["quarter_end"]
               and c["value"] == r["complete"] for c in ch):
        missing.append(("measurement", r["quarter_end"]))
print("all present" if not missing else missing[:5])
PY
)
    eq "every Board action, published status and quarterly count is in the demo on its date" "$got" "all present"
else
    pass "public facts not beside the project: independent reading skipped"
fi
