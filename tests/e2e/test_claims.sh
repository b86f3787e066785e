# End-to-end: the claims report in every format against the demo (the
# divergent set), and four-eyes verification (same actor refused, another
# accepted, voided by a later status change), through the change log.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
ok "the demo imports" import "$ROOT/data/demo.json"

# The SSR1 recs ICANN marked ✓ (complete or ongoing) on 18 March 2014.
st rec list --review SSR1 --as-of 2014-03-18 --format json
ticked=$(jq -c '[.[]|select(.status=="complete" or .status=="ongoing")|.id]' <<<"$OUT")
eq "ten recs were ticked in 2014" "$ticked" \
   '["SSR1-1","SSR1-2","SSR1-6","SSR1-6A","SSR1-6B","SSR1-10","SSR1-15","SSR1-18","SSR1-24","SSR1-28"]'

st report claims --review SSR1 --as-of 2019-01-01 --format json
j=$OUT
eq "json: as of 2019-01-01, every ticked rec is divergent, and no other" \
   "$(jq -c '[.rows[]|select(.divergent)|.rec]' <<<"$j")" "$ticked"
eq "json: the counts say so" "$(jq '.counts.divergent' <<<"$j")" "10"
eq "json: review, date, one row per rec" "$(jq -c '[.review,.as_of,(.rows|length)]' <<<"$j")" '["SSR1","2019-01-01",33]'
eq "json: SSR1-6's row" "$(jq -c '.rows[]|select(.rec=="SSR1-6")|[.claimed,.assessed,.assessment,.evidence,.verified,.flags]' <<<"$j")" \
   '["complete","not","SSR2-SSR1",{"links":0,"alive":0,"dead":0},false,["complete_without_evidence","complete_unverified","assessed_below_claim","no_kpi_target"]]'
eq "json: a sub-item takes the verdict on its rec as a whole" "$(jq -r '.rows[]|select(.rec=="SSR1-6A").assessed' <<<"$j")" "not"
eq "json: in progress assessed partial is not below its claim" \
   "$(jq -c '.rows[]|select(.rec=="SSR1-9")|[.claimed,.assessed,.divergent,.flags]' <<<"$j")" '["in_progress","partial",false,["no_kpi_target"]]'
eq "json: every flag is counted" "$(jq -c '.counts|keys' <<<"$j")" \
   '["assessed_below_claim","complete_evidence_dead","complete_unverified","complete_without_evidence","divergent","kpi_off_track","no_kpi_target"]'

st report claims --review SSR1 --as-of 2014-03-18 --format json
eq "as of 2014-03-18 none is divergent: no assessment yet" \
   "$(jq -c '[.counts.divergent, ([.rows[]|select(.assessed!=null)]|length)]' <<<"$OUT")" "[0,0]"

st report claims --review SSR1 --as-of 2019-01-01 --format csv
csv=$OUT
eq "csv: its header" "$(head -1 <<<"$csv" | tr -d '\r')" "rec,title,claimed,assessed,assessment,links,alive,dead,verified,divergent,flags"
eq "csv: the divergent set" "$(python3 -c 'import csv,sys; print(",".join(r["rec"] for r in csv.DictReader(sys.stdin) if r["divergent"]=="true"))' <<<"$csv")" \
   "$(jq -r 'join(",")' <<<"$ticked")"
eq "csv: a quoted title reads back" "$(python3 -c 'import csv,sys; print([r["title"] for r in csv.DictReader(sys.stdin) if r["rec"]=="SSR1-2"][0])' <<<"$csv")" \
   "$(jq -r '.rows[]|select(.rec=="SSR1-2").title' <<<"$j")"

st report claims --review SSR1 --as-of 2019-01-01 --format md
md=$OUT
eq "md: the divergent rows" "$(grep -F '**divergent**' <<<"$md" | cut -d'|' -f2 | tr -d ' ' | paste -sd,)" "$(jq -r 'join(",")' <<<"$ticked")"
hasf "md: the count line" "$md" "10 of 33 recommendations divergent"

st report claims --review SSR1 --as-of 2019-01-01 --format html
html=$OUT
eq "html: one divergent row per ticked rec" "$(grep -o '<tr id="[^"]*" class="divergent"' <<<"$html" | cut -d'"' -f2 | paste -sd,)" \
   "$(jq -r 'join(",")' <<<"$ticked")"

st report claims --review SSR1 --assessment SSR2-SSR1 --as-of 2019-01-01 --format json
eq "--assessment names the verdict's source" "$(jq -c '[.assessment, .counts.divergent]' <<<"$OUT")" '["SSR2-SSR1",10]'

before=$(log_state)
must_fail "an unknown review" 1 report claims --review NOPE
must_fail "an unknown assessment" 1 report claims --review SSR1 --assessment NOPE
must_fail "a date that is not a date" 1 report claims --review SSR1 --as-of 2019-02-30
must_fail "an unknown format" 1 report claims --review SSR1 --format pdf

# Four eyes. The demo's claims were all made by "demo".
ok "evidence for SSR1-10" evidence add SSR1-10 https://example.org/compliance --title "Compliance audit" --actor ana --effective 2014-03-18
before=$(log_state)
must_fail "the claimant cannot verify their own claim" 1 rec verify SSR1-10 --actor demo
hasf "... and is told why" "$ERR" "someone else must verify it"
must_fail "a rec not complete or ongoing is not verified" 1 rec verify SSR1-9 --actor ana
must_fail "a rec without evidence needs a reason" 1 rec verify SSR1-1 --actor ana
must_fail "a bad --effective date" 1 rec verify SSR1-10 --actor ana --effective 2019-13-01
must_fail "an unknown rec" 1 rec verify SSR1-99 --actor ana
eq "nothing was written by the refusals" "$(log_state)" "$before"

ok "another person verifies" rec verify SSR1-10 --actor ana --reason "read the audit" --effective 2018-06-01
st rec show SSR1-10 --format json
eq "rec show: verified by whom and when (both times)" \
   "$(jq -c '.verified|[.by,.effective,(.recorded|test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T"))]' <<<"$OUT")" '["ana","2018-06-01",true]'
st rec history SSR1-10 --format json
eq "the verification is in the rec's history, naming the claim's seq" \
   "$(jq -c '[.[]|select(.entity=="verification")|[.field,.actor,.effective_at,.reason]]' <<<"$OUT")" \
   '[["rec","ana","2018-06-01","read the audit"],["claim","ana","2018-06-01","read the audit"]]'
claim_seq=$(jq '[.[]|select(.entity=="rec" and .field=="status")][-1].seq' <<<"$OUT")
eq "... the seq of the claim in force" "$(jq -r '[.[]|select(.field=="claim")][0].value' <<<"$OUT")" "$claim_seq"
eq "rec show before the verification: not verified" "$("$BIN" rec show SSR1-10 --as-of 2018-05-31 --format json | jq -c .verified)" "null"
st report claims --review SSR1 --as-of 2019-01-01 --format json
eq "the report: verified, with evidence, still divergent" \
   "$(jq -c '.rows[]|select(.rec=="SSR1-10")|[.verified,.evidence.links,.divergent,.flags]' <<<"$OUT")" \
   '[true,1,true,["assessed_below_claim","no_kpi_target"]]'
ok "with no evidence, a reason lets it through" rec verify SSR1-1 --actor ana --no-evidence-reason "the statement itself is public"
eq "... kept as the verification's note" \
   "$("$BIN" rec history SSR1-1 --format json | jq -r '.[]|select(.field=="note").value')" "the statement itself is public"

ok "a later status change" rec set SSR1-10 status=complete --reason "restated" --actor bob
eq "voids the verification" "$("$BIN" rec show SSR1-10 --format json | jq -c .verified)" "null"
eq "... which still shows as of before it" "$("$BIN" rec show SSR1-10 --as-of 2019-01-01 --format json | jq -r .verified.by)" "ana"
ok "the claimant of the old claim may verify the new one" rec verify SSR1-10 --actor demo
eq "verified again" "$("$BIN" rec show SSR1-10 --format json | jq -r .verified.by)" "demo"
must_fail "but bob cannot verify his own" 1 rec verify SSR1-10 --actor bob
ok "the log still verifies" verify

# A later assessment: its verdict is the latest from its date on.
ok "a second assessment of SSR1" assess new SSR2-LATE --by SSR2 --of SSR1 --as-of 2020-06-30 --effective 2020-06-30
ok "... finds SSR1-10 fully implemented" assess set SSR2-LATE SSR1-10 implemented=full --effective 2020-06-30 --reason r
st report claims --review SSR1 --as-of 2021-01-01 --format json
eq "the latest verdict wins" "$(jq -c '.rows[]|select(.rec=="SSR1-10")|[.assessed,.assessment,.divergent]' <<<"$OUT")" '["full","SSR2-LATE",false]'
eq "... other recs keep the earlier one" "$(jq -c '.rows[]|select(.rec=="SSR1-6")|[.assessed,.assessment]' <<<"$OUT")" '["not","SSR2-SSR1"]'
st report claims --review SSR1 --as-of 2019-01-01 --format json
eq "... not before its date" "$(jq -r '.rows[]|select(.rec=="SSR1-10").assessment' <<<"$OUT")" "SSR2-SSR1"
st report claims --review SSR1 --as-of 2021-01-01 --assessment SSR2-SSR1 --format json
eq "--assessment picks the earlier one" "$(jq -c '.rows[]|select(.rec=="SSR1-10")|[.assessed,.divergent]' <<<"$OUT")" '["partial",true]'
