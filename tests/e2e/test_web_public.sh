# End-to-end: what the public side of the server shows. Restricted things
# (and what belongs to them) never appear in any public page, API response,
# feed, report, ledger entry or static export, while their leaves stay in the
# tree; the ledger pages give checkpoints and proofs that an independent
# checker (python3, ledger_check.py) accepts; KPIs and evidence show on pages.
. "$(dirname "$0")/lib.sh"
CHECK="$ROOT/tests/e2e/ledger_check.py"

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
M=SECRET-MARKER-7Q
"$BIN" rec add SSR1-98 --review SSR1 --title "$M rec" --text-file /dev/null --topic "$M topic" --effective 2013-01-01 >/dev/null
"$BIN" rec add SSR1-98A --review SSR1 --parent SSR1-98 --title "$M sub-item" --effective 2013-01-01 >/dev/null
"$BIN" milestone add SSR1-98 --title "$M milestone" --due 2014-01-01 --effective 2013-01-01 >/dev/null
"$BIN" milestone add SSR1-9 --title "$M restricted milestone of a public rec" --effective 2014-03-18 >/dev/null
"$BIN" milestone set SSR1-9~1 restricted=true >/dev/null
"$BIN" evidence add SSR1-9 "https://example.org/$M" --title "$M evidence" >/dev/null
"$BIN" evidence set E1 restricted=true >/dev/null
"$BIN" evidence add SSR1-98 "https://example.org/x" --title "$M evidence of a restricted rec" >/dev/null
"$BIN" kpi add SSR1-98 K98 --name "$M kpi" --unit % --direction up --target 90 --effective 2013-01-01 >/dev/null
"$BIN" rec link SSR1-5 --related SSR1-98 --reason "$M link" >/dev/null
"$BIN" assess set SSR2-SSR1 SSR1-98 what_done="$M answer" --effective 2018-12-31 >/dev/null
"$BIN" assess signoff SSR2-SSR1 SSR1-98 --by "Ana" --dissent "$M dissent" >/dev/null
"$BIN" rec set SSR1-98 restricted=true --reason "$M reason" >/dev/null
# Public things, to see on the pages.
"$BIN" kpi add SSR1-9 K1 --name "Certified systems" --unit systems --direction up --baseline 1@2013-01-01 --target 5@2016-12-31 --frequency yearly --effective 2013-01-01 >/dev/null
"$BIN" kpi record K1 2 --at 2014-03-18 --source "implementation report" >/dev/null
"$BIN" evidence add SSR1-9.1 "https://example.org/systrust" --title "SysTrust report" --kind document >/dev/null
echo "correct horse battery" | "$BIN" user add val --role viewer >/dev/null
VIEW=$("$BIN" token create val)
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# Crawl every public page the site links to, plus the API, feed, reports and ledger.
urls="/ /recs /reviews /assessments /kpis /changes /changes.atom /reports /ledger /ledger/checkpoint
      /api/v1/reviews /api/v1/recs /api/v1/assessments /api/v1/assessments/SSR2-SSR1 /api/v1/reports/smart
      /api/v1/kpis /api/v1/kpis/K98 /api/v1/kpis/K1 /api/v1/reports/evidence /reports/evidence
      /recs/SSR1-5 /recs/SSR1-9 /recs/SSR1-98 /recs/SSR1-98A /api/v1/recs/SSR1-98 /api/v1/recs/SSR1-98/history"
for kind in implementation assessment quarterly smart evidence; do
    for f in html md csv json; do urls="$urls /reports/$kind?format=$f"; done
done
for p in $(curl -s "$URL/recs" | grep -o 'href="/recs/[^"?#]*' | sed 's/href="//' | sort -u); do urls="$urls $p /api/v1$p /api/v1$p/history"; done
head=$(sqlite3 "$SSRTRACK_DB" "SELECT max(seq) FROM change_log")
for start in $(seq 1 1000 "$head"); do urls="$urls /ledger/entries?start=$start"; done
for ch in $(seq 1 200 "$head") "$head"; do urls="$urls /ledger/proof/inclusion/$ch /api/v1/changes?since=$ch&limit=1000"; done
before=0
for page in 1 2 3 4 5 6 7; do
    urls="$urls /changes${before:+?before=$before}"
    before=$(curl -s "$URL/changes${before:+?before=$before}" | sed -n 's/.*href="\/changes?before=\([0-9]*\)".*/\1/p' | head -1)
    [ -n "$before" ] || break
done
# One curl fetches them all over one connection, each into its own file
# (crawl/N for the Nth URL); one grep then names the files with the marker.
mkdir crawl
leaks=""
n=0
files=() at=()
for u in $urls; do
    n=$((n + 1))
    at[n]=$u
    files+=("crawl/$n")
    printf 'url = "%s"\noutput = "crawl/%d"\n' "$URL$u" "$n"
done >crawl.cfg
curl -s -g -K crawl.cfg
while IFS= read -r f; do leaks="$leaks ${at[${f#crawl/}]}"; done < <(grep -lF -- "$M" "${files[@]}")
if [ -z "$leaks" ] && [ "$n" -gt 60 ]; then pass "no restricted content in $n public responses"
else fail "no restricted content in public responses" "leaks in:$leaks"; fi
get /recs/SSR1-98
eq "the restricted rec is a 404 to the public" "$CODE" "404"
get /recs/SSR1-98A
eq "so is its sub-item" "$CODE" "404"
get /api/v1/recs/SSR1-98 -H "Authorization: Bearer $VIEW"
has "a signed-in viewer sees it" "$BODY" "$M rec"
hidden_seq=$(sqlite3 "$SSRTRACK_DB" "SELECT min(seq) FROM change_log WHERE entity='rec' AND entity_id='SSR1-98'")
get "/ledger/entries?start=$hidden_seq&end=$hidden_seq"
eq "a hidden change keeps its seq and leaf in the entries" "$(jq -c '.entries[0]|[.seq,(.leaf_hash|length),.hidden]' <<<"$BODY")" "[$hidden_seq,64,true]"
get "/ledger/proof/inclusion/$hidden_seq"
eq "its inclusion proof comes without the content" "$(jq -c '[.leaf_index,.change]' <<<"$BODY")" "[$((hidden_seq - 1)),null]"

# Pages show KPIs and evidence health.
get /recs/SSR1-9
has "the rec page charts its KPI" "$BODY" "<svg"
hasf "... titled with the KPI" "$BODY" "Certified systems (systems)"
has "KPI status" "$BODY" "class=\"kpi kpi-"
has "evidence with its link health" "$BODY" "SysTrust report</a> <small>\\(Document, SSR1-9.1\\)</small> <span class=\"link link-unchecked\">Not checked yet</span>"
get /kpis
has "the KPI overview" "$BODY" "K1</span> Certified systems"
get /
has "dashboard indicators" "$BODY" "Recommendations with a KPI target"

# The ledger pages, checked independently.
get /ledger
vkey=$("$BIN" key show)
hasf "/ledger shows the public key" "$BODY" "$vkey"
curl -s "$URL/ledger/checkpoint" -o ck1.txt
eq "/ledger/checkpoint is signed by the log's key (python)" "$(python3 "$CHECK" note ck1.txt "$vkey" | cut -d' ' -f1)" "$head"
ok "and ssrtrack verify accepts it" verify --checkpoint ck1.txt
get /ledger
has "/ledger lists the signed checkpoint" "$BODY" "Size $head, signed"
# Rebuild the whole tree from /ledger/entries alone and compare with the signed root.
root_note=$(python3 "$CHECK" note ck1.txt "$vkey" | cut -d' ' -f2)
{
    echo '{"format": "ssrtrack-ledger", "version": 1, "entries": ['
    pages=()
    for start in $(seq 1 1000 "$head"); do pages+=("$URL/ledger/entries?start=$start"); done
    curl -s "${pages[@]}" | jq -c '.entries[]' | paste -sd, -
    echo "], \"tree_size\": $head, \"root_hash\": \"$root_note\"}"
} > rebuilt.json
eq "the root rebuilt from the public entries is the signed root" "$(python3 "$CHECK" rebuild rebuilt.json | cut -d' ' -f2)" "$root_note"
curl -s "$URL/ledger/proof/inclusion/5?size=$head" -o incl.json
ok "an inclusion proof from the web checks offline" verify-proof --proof incl.json --checkpoint ck1.txt --key "$vkey"
"$BIN" rec set SSR1-1 owner="New owner" >/dev/null
curl -s "$URL/ledger/checkpoint" -o ck2.txt
new=$((head + 1))
eq "a newer checkpoint after a change" "$(python3 "$CHECK" note ck2.txt "$vkey" | cut -d' ' -f1)" "$new"
curl -s "$URL/ledger/proof/consistency/$head/$new" -o cons.json
ok "a consistency proof from the web checks offline" verify-proof --proof cons.json --old-checkpoint ck1.txt --checkpoint ck2.txt --key "$vkey"
get /ledger/proof/consistency/9/3
eq "consistency with OLD > NEW: 400" "$CODE" "400"
get "/ledger/proof/inclusion/$((new + 5))"
eq "inclusion beyond the log: 404" "$CODE" "404"
get "/ledger/entries?start=1&end=1001"
eq "at most 1000 entries at a time" "$CODE" "400"
get "/ledger/entries?start=26666666666666666666"
eq "a start past any count is a 400, not an overflow" "$CODE" "400"
get "/ledger/entries?start=$new"
eq "the last entry alone" "$(jq -c '[.start, .end, (.entries|length)]' <<<"$BODY")" "[$new,$new,1]"

# The static site shows only the public side.
get /api/v1/kpis/K98
eq "a restricted rec's KPI is a 404 in the public API" "$CODE" "404"
get /api/v1/kpis -H "Authorization: Bearer $VIEW"
hasf "a signed-in viewer sees it in the list" "$BODY" "$M kpi"
stop_server
ok "site export" site site
eq "no restricted content in the static site" "$(grep -rl "$M" site | wc -l | tr -d ' ')" "0"
