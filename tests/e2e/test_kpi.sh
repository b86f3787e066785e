# End-to-end: KPIs and measurements through the change log, their status as
# of any date, and every bad input leaving the log untouched.
. "$(dirname "$0")/lib.sh"

seed_small
ok "kpi add with every option" kpi add SSR1-1 K1 --name "Share of TLDs signed" --unit "%" --direction up \
    --baseline 40@2014-01-01 --target 80@2016-01-01 --frequency quarterly --effective 2014-01-01 --reason "plan"
eq "kpi add says so" "$OUT" "added KPI K1 to SSR1-1"
ok "kpi add, down, no baseline, target without a date" kpi add SSR1-6 K2 --name "Incidents" --unit count \
    --direction down --target 5 --effective 2012-10-18
ok "kpi add without a target" kpi add SSR1-6 K3 --name "Mentions" --unit count --direction up --effective 2012-10-18

st kpi record K1 50 --at 2014-06-30 --source "quarterly report" --evidence https://example.org/q2
eq "kpi record prints the measurement id" "$OUT" "M1"
st kpi record K1 56 --at 2015-01-01
eq "second measurement id" "$OUT" "M2"
ok "record on a KPI without a baseline" kpi record K2 30 --at 2013-01-01
ok "record a negative number" kpi record K3 -2.5 --at 2013-01-01

st kpi show K1 --format json --as-of 2015-01-02
j=$OUT
eq "json fields" "$(jq -c '[.id,.rec,.name,.unit,.direction,.frequency]' <<<"$j")" \
   '["K1","SSR1-1","Share of TLDs signed","%","up","quarterly"]'
eq "json baseline and target" "$(jq -c '[.baseline,.target]' <<<"$j")" \
   '[{"value":40,"date":"2014-01-01"},{"value":80,"date":"2016-01-01"}]'
eq "json status on the line" "$(jq -r '.status' <<<"$j")" "on_track"
eq "json progress and expected" "$(jq -c '[.progress,.expected]' <<<"$j")" "[0.4,0.5]"
eq "json latest and next due" "$(jq -c '[.latest,.next_due]' <<<"$j")" '[{"value":56,"date":"2015-01-01"},"2015-04-01"]'
eq "json measurements" "$(jq -c '[.measurements[]|[.id,.value,.date,.source,.evidence]]' <<<"$j")" \
   '[["M1",50,"2014-06-30","quarterly report","https://example.org/q2"],["M2",56,"2015-01-01",null,null]]'

status() { "$BIN" kpi show "$1" --as-of "$2" --format json | jq -r .status; }
eq "before any measurement: stale" "$(status K1 2014-03-01)" "stale"
eq "first measurement, on the line" "$(status K1 2014-06-30)" "on_track"
eq "past the quarter after the last measurement: stale" "$(status K1 2014-10-01)" "stale"
eq "on the line" "$(status K1 2015-03-31)" "on_track"
eq "down KPI without a target date, better than its start" "$(status K2 2013-06-01)" "on_track"
eq "no target" "$(status K3 2013-06-01)" "no_target"
ok "a slow measurement" kpi record K1 57 --at 2015-04-01
eq "slow: at risk" "$(status K1 2015-04-01)" "at_risk"
ok "a bad measurement" kpi record K1 45 --at 2015-06-30
eq "far behind: off track" "$(status K1 2015-06-30)" "off_track"
ok "target met" kpi record K1 81 --at 2015-09-30
eq "achieved" "$(status K1 2015-10-01)" "achieved"
eq "as of before it was met, unchanged" "$(status K1 2015-06-30)" "off_track"

# What the tracker knew: a measurement recorded later, effective earlier.
t1=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
sleep 0.05
ok "a late measurement" kpi record K2 3 --at 2013-02-01
eq "known now" "$("$BIN" kpi show K2 --as-of 2013-03-01 --format json | jq -r .status)" "achieved"
eq "known at t1: not yet" "$("$BIN" kpi show K2 --as-of 2013-03-01 --known-at "$t1" --format json | jq -r .status)" "on_track"
eq "both times in the log" "$(sqlite3 "$SSRTRACK_DB" "SELECT effective_at, substr(recorded_at,1,4) > '2020' FROM change_log WHERE entity='measurement' AND entity_id='M8' AND field='value'")" "2013-02-01|1"

st kpi show K1 --as-of 2015-01-02
has "text: status with its reason" "$OUT" "status +on_track \(on or near the line to the target\)"
has "text: progress" "$OUT" "progress +40% of the way \(the line to the target asks 50%\)"
has "text: measurements" "$OUT" "2014-06-30 +50 +M1 +quarterly report +https://example.org/q2"

st kpi list --as-of 2015-10-01 --format json
eq "list json" "$(jq -c 'map([.id,.status])' <<<"$OUT")" '[["K1","achieved"],["K2","achieved"],["K3","no_target"]]'
ok "review for the list" review add SSR2 --title "Second" --effective 2018-01-01
ok "a rec of SSR2" rec add SSR2-1 --review SSR2 --title "Other" --effective 2018-01-01
ok "a KPI of SSR2" kpi add SSR2-1 K9 --name "Other" --unit u --direction up --target 1 --effective 2018-01-01
st kpi list --review SSR2 --format json
eq "list --review" "$(jq -c 'map(.id)' <<<"$OUT")" '["K9"]'
st kpi list --as-of 2015-10-01
has "list table" "$OUT" "K1 +SSR1-1 +achieved +81 on 2015-09-30 +80 by 2016-01-01 +Share of TLDs signed \(%\)"
st kpi list --as-of 2013-06-01 --format json
eq "list as of a date before K1 existed" "$(jq -c 'map(.id)' <<<"$OUT")" '["K2","K3"]'

# Bad input: one line, exit 1, nothing written.
before=$(log_state)
must_fail "unknown rec" 1 kpi add SSR1-99 K5 --name n --unit u --direction up
must_fail "duplicate KPI id" 1 kpi add SSR1-1 K1 --name n --unit u --direction up
must_fail "missing --unit" 1 kpi add SSR1-1 K5 --name n --direction up
must_fail "bad direction" 1 kpi add SSR1-1 K5 --name n --unit u --direction sideways
must_fail "bad frequency" 1 kpi add SSR1-1 K5 --name n --unit u --direction up --frequency daily
must_fail "baseline without a date" 1 kpi add SSR1-1 K5 --name n --unit u --direction up --baseline 4
must_fail "baseline with a bad date" 1 kpi add SSR1-1 K5 --name n --unit u --direction up --baseline 4@2014-02-30
must_fail "target on the wrong side" 1 kpi add SSR1-1 K5 --name n --unit u --direction up --baseline 4@2014-01-01 --target 3
must_fail "target date before the baseline's" 1 kpi add SSR1-1 K5 --name n --unit u --direction up --baseline 4@2014-01-01 --target 5@2013-01-01
must_fail "bad KPI id" 1 kpi add SSR1-1 "K 5" --name n --unit u --direction up
must_fail "record on an unknown KPI" 1 kpi record K99 5
must_fail "record a non-number" 1 kpi record K1 5,5
must_fail "record in the future" 1 kpi record K1 5 --at 2999-01-01
must_fail "record before the KPI existed" 1 kpi record K1 5 --at 2013-12-31
has "which says how to fix it" "$ERR" "back-date the KPI"
must_fail "record with a bad evidence URL" 1 kpi record K1 5 --evidence ftp://example.org/
must_fail "show an unknown KPI" 1 kpi show K99
must_fail "show before it existed" 1 kpi show K1 --as-of 2013-01-01
must_fail "list an unknown review" 1 kpi list --review NOPE
must_fail "bad format" 1 kpi show K1 --format xml
eq "the log is untouched by every refusal" "$(log_state)" "$before"

# KPIs travel with the log: export, import, rebuild.
"$BIN" export > all.json
"$BIN" --db copy.db init >/dev/null && "$BIN" --db copy.db import all.json >/dev/null
eq "export/import keeps KPIs" "$("$BIN" --db copy.db kpi show K1 --as-of 2015-10-01 --format json)" \
   "$("$BIN" kpi show K1 --as-of 2015-10-01 --format json)"
p1=$(proj_dump)
ok "rebuild" rebuild
eq "rebuild gives the same kpis and measurements" "$(proj_dump)" "$p1"
ok "verify" verify

# A KPI may measure a review as a whole instead of one rec.
ok "kpi add of a review" kpi add SSR1 KR --name "Recs complete" --unit recs --direction up --target 28 --effective 2013-01-01
eq "kpi of a review: shown with it" "$(jq -r '[.review,(.rec|tostring)]|join(" ")' <<<"$("$BIN" kpi show KR --format json)")" "SSR1 null"
eq "kpi list --review takes it" "$(jq -r '[.[].id]|index("KR")|type' <<<"$("$BIN" kpi list --review SSR1 --format json)")" "number"
before=$(log_state)
must_fail "kpi add of nothing known" 1 kpi add NOPE KX --name x --unit u --direction up
cat > both.json <<'JSON'
{"format": "ssrtrack", "version": 2, "changes": [
 {"entity": "kpi", "entity_id": "KB", "field": "rec", "value": "SSR1-1", "effective_at": "2013-01-01"},
 {"entity": "kpi", "entity_id": "KB", "field": "review", "value": "SSR1", "effective_at": "2013-01-01"},
 {"entity": "kpi", "entity_id": "KB", "field": "name", "value": "Both", "effective_at": "2013-01-01"},
 {"entity": "kpi", "entity_id": "KB", "field": "unit", "value": "u", "effective_at": "2013-01-01"},
 {"entity": "kpi", "entity_id": "KB", "field": "direction", "value": "up", "effective_at": "2013-01-01"}
]}
JSON
must_fail "a KPI of a rec and a review at once is refused" 1 import both.json
hasf "it says why" "$ERR" "give it a rec or a review, one of the two"
eq "the log is untouched" "$(log_state)" "$before"
