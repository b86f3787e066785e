# End-to-end: every report in every format, computed from data; the SMART
# lint; quarterly counts from history.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
"$BIN" demo >/dev/null

for kind in implementation assessment quarterly smart; do
    for fmt in md html csv json; do
        st report $kind --format $fmt
        if [ "$RC" -eq 0 ] && [ -n "$OUT" ]; then pass "report $kind --format $fmt"; else fail "report $kind --format $fmt" "$ERR"; fi
        printf '%s\n' "$OUT" > "r.$kind.$fmt"
    done
    eq "$kind json is valid" "$(jq -e . "r.$kind.json" >/dev/null && echo valid)" "valid"
    eq "$kind html is one self-contained file" "$(grep -cE '<(script|link|img|iframe)|src=|@import|url\(' "r.$kind.html")" "0"
    has "$kind html prints well" "$(cat "r.$kind.html")" "@media print"
    eq "$kind csv parses (python csv)" "$(python3 -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=""))); print("ok" if rows and all(len(r)==len(rows[0]) for r in rows) else "bad")' "r.$kind.csv")" "ok"
done

# Implementation: the SSR1 table as of the report's date.
st report implementation --review SSR1 --as-of 2014-03-18 --format json
j=$OUT
eq "implementation: 33 rows" "$(jq '.recs|length' <<<"$j")" "33"
eq "implementation: the as-of date" "$(jq -r .as_of <<<"$j")" "2014-03-18"
eq "implementation: rec 9 with its marks" "$(jq -r '.recs[]|select(.id=="SSR1-9")|[.mark,(.activities|map(.mark)|join(""))]|join(" ")' <<<"$j")" "○ ✓✓○"
st report implementation --review SSR1 --as-of 2014-03-18
has "implementation md has the key" "$OUT" "Key: ✓ complete · ○ in progress · ◇ in planning"
has "implementation md has the date" "$OUT" "2014-03-18"
has "implementation md row" "$OUT" "\| SSR1-9 \| Operations Excellence – Standards and Compliance \|"
eq "implementation csv: a row per activity" "$(( $(grep -c '' r.implementation.csv) - 1 ))" "$(( $(jq '[.recs[].activities|length|if .==0 then 1 else . end]|add' r.implementation.json) ))"

# Assessment: the overview from the SSR2 verdicts in the demo.
st report assessment --format json
eq "assessment overview: 26 partial, 2 not" "$(jq -c '.counts.implemented' <<<"$OUT")" '{"full":0,"partial":26,"not":2,"unknown":0}'
eq "assessment overview: 27 relevant" "$(jq -c '.counts.relevant' <<<"$OUT")" '{"yes":27,"no":1,"not_stated":0}'
has "assessment md overview" "$(cat r.assessment.md)" "\| Partially implemented \| 26 \|"
"$BIN" assess signoff SSR2-SSR1 SSR1-6 --by "Ana Ruiz" --dissent "A draft <b>was</b> used in practice." >/dev/null
st report assessment --format html
has "assessment html shows the dissent" "$OUT" "class=\"dissent\"><strong>Dissent:</strong> <p>A draft"
hasnt "raw HTML in a Markdown dissent is not passed through" "$OUT" "<b>was</b>"

# Quarterly: counts by status at each quarter's end, from history.
"$BIN" review add Q --title "Quarter test" --effective 2019-01-01 >/dev/null
for i in 1 2 3; do "$BIN" rec add Q-$i --review Q --title "Rec $i" --effective 2019-01-15 >/dev/null; done
"$BIN" rec add Q-1A --review Q --parent Q-1 --title "Sub" --effective 2019-01-15 >/dev/null
"$BIN" rec set Q-1 status=in_progress --effective 2019-05-01 >/dev/null
"$BIN" rec set Q-1 status=complete --effective 2019-08-20 >/dev/null
"$BIN" rec set Q-2 status=planning --effective 2019-09-30 >/dev/null
"$BIN" rec set Q-2 status=in_progress --effective 2019-04-01 >/dev/null   # back-dated, recorded last
st report quarterly --review Q --from 2019-01-01 --to 2019-12-31 --format csv
eq "quarterly from history" "$(tr -d '\r' <<<"$OUT")" "quarter,end,not_started,planning,in_progress,complete,ongoing,deferred,total
2019-Q1,2019-03-31,3,0,0,0,0,0,3
2019-Q2,2019-06-30,1,0,2,0,0,0,3
2019-Q3,2019-09-30,1,1,0,1,0,0,3
2019-Q4,2019-12-31,1,1,0,1,0,0,3"
st report quarterly --review Q --from 2019-01-01 --to 2019-12-31 --format html
has "quarterly html has an SVG chart" "$OUT" "<svg [^>]*role=\"img\""
must_fail "quarterly with a bad date" 1 report quarterly --from 2019-02-30
st report quarterly --review Q --from 9999-07-01 --to 9999-12-31 --format csv
eq "quarterly up to the calendar's last day" "$RC $(tr -d '\r' <<<"$OUT" | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "0 9999-Q3 9999-Q4 "
must_fail "unknown report" 1 report colours
must_fail "unknown report format" 1 report smart --format pdf
must_fail "unknown review" 1 report implementation --review NOPE

# Restricted recs stay out of reports unless asked for.
"$BIN" rec add Q-9 --review Q --title "SECRET-MARKER-9" --effective 2019-01-15 >/dev/null
"$BIN" rec set Q-9 restricted=true >/dev/null
hasnt "restricted rec not in the report" "$("$BIN" report implementation --review Q)" "SECRET-MARKER-9"
has "... unless included" "$("$BIN" report implementation --review Q --include-restricted)" "SECRET-MARKER-9"

# SMART lint.
st lint SSR1-14
has "lint S1 names the vague words" "$OUT" "SSR1-14 +S1 Specific +vague wording: 'appropriate'"
has "lint M1 until KPIs exist" "$OUT" "M1 Measurable +no KPI with a target"
has "lint A1 no owner" "$OUT" "A1 Assignable +no owner"
hasnt "lint R1 not raised: a topic is set" "$OUT" "SSR1-14 +R1"
has "lint T1 no dates" "$OUT" "T1 Trackable +no due date and no dated milestone"
ok "lint exits 0 without --strict" lint
must_fail "lint --strict exits 1 on findings" 1 lint --strict
"$BIN" rec add Q-7 --review Q --title "Publish the roadmap" --topic "Standards" --owner "CIIO" --due 2020-06-30 --effective 2019-01-15 >/dev/null
st lint Q-7 --format json
eq "lint json: only M1 left" "$(jq -r 'map(.rule)|join(",")' <<<"$OUT")" "M1"
must_fail "lint of an unknown rec" 1 lint NOPE-1
