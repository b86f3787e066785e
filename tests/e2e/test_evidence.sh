# End-to-end: evidence add and list, `report evidence` in each format, and
# the built-in indicators computed from a small history with known times.
. "$(dirname "$0")/lib.sh"

at() { export SSRTRACK_NOW=$1; }
at 2014-01-10T12:00:00Z
"$BIN" init >/dev/null
"$BIN" review add R --title "Review" --effective 2014-01-01 >/dev/null              # lag 9
"$BIN" rec add R-1 --review R --title "One" --effective 2014-01-01 >/dev/null       # lag 9
"$BIN" rec add R-2 --review R --title "Two" --effective 2014-01-10 >/dev/null       # lag 0
"$BIN" rec add R-3 --review R --title "Three" --effective 2014-01-05 >/dev/null     # lag 5
"$BIN" milestone add R-2 --title "Due soon" --due 2014-02-01 --effective 2014-01-10 >/dev/null
"$BIN" milestone add R-3 --title "Due later" --due 2014-06-30 --effective 2014-01-10 >/dev/null
"$BIN" review add S --title "Other review" --effective 2014-01-10 >/dev/null
"$BIN" rec add S-1 --review S --title "Elsewhere" --effective 2013-01-10 >/dev/null   # lag 365, in S
at 2014-03-01T09:00:00Z
"$BIN" rec set R-1 status=complete --effective 2014-02-01 >/dev/null                 # lag 28
"$BIN" kpi add R-2 K1 --name "Measured" --unit "%" --direction up --target 90 --effective 2014-03-01 >/dev/null
"$BIN" kpi add R-3 K2 --name "No target" --unit "%" --direction up --effective 2014-03-01 >/dev/null

st evidence add R-1 https://a.example/report.pdf --title "Annual <report> & \"notes\"" --kind document --effective 2014-03-01
eq "evidence add prints its id" "$OUT" "E1"
st evidence add R-2~1 https://b.example/ --effective 2014-03-01
eq "a milestone target" "$(sqlite3 "$SSRTRACK_DB" "SELECT target_kind, target FROM evidence WHERE id='$OUT'")" "milestone|R-2~1"
ok "a second rec" evidence add R-3 "https://c.example/=x" --title "=HYPERLINK(1)" --effective 2014-03-01
ok "evidence on the other review" evidence add S-1 https://d.example/ --effective 2014-03-01
before=$(log_state)
must_fail "duplicate URL on one target" 1 evidence add R-1 https://a.example/report.pdf
has "names the first" "$ERR" "already cites this URL \(E1\)"
must_fail "unknown target" 1 evidence add R-9 https://a.example/
must_fail "assessment item target without assessments" 1 evidence add SSR2-A/R-1 https://a.example/
must_fail "not an http URL" 1 evidence add R-1 "javascript:alert(1)"
must_fail "bad kind" 1 evidence add R-1 https://e.example/ --kind rumour
must_fail "future effective date" 1 evidence add R-1 https://e.example/ --effective 2999-01-01
eq "refusals write nothing" "$(log_state)" "$before"
unset SSRTRACK_NOW

# Checks, as the checker would have recorded them.
sqlite3 "$SSRTRACK_DB" "INSERT INTO link_checks(url, checked_at, outcome, http_status, final_url,
    content_sha256, body_bytes, truncated, changed, etag, last_modified, method, elapsed_ms, error) VALUES
  ('https://a.example/report.pdf', '2014-03-02T00:00:00.000000Z', 'ok', 200, 'https://a.example/report.pdf', 'aa', 2, 0, 0, NULL, NULL, 'GET', 5, ''),
  ('https://b.example/', '2014-03-02T00:00:00.000000Z', 'dead', 404, 'https://b.example/', NULL, NULL, 0, 0, NULL, NULL, 'GET', 5, 'HTTP 404'),
  ('https://a.example/report.pdf', '2014-04-02T00:00:00.000000Z', 'moved', 200, 'https://a.example/<new>', 'bb', 2, 0, 1, NULL, NULL, 'GET', 5, '')"

st evidence list --format json
eq "list json" "$(jq -c '[.evidence[]|[.id,.target_kind,.target,.health]]' <<<"$OUT")" \
   '[["E1","rec","R-1","moved"],["E2","milestone","R-2~1","dead"],["E3","rec","R-3","unchecked"],["E4","rec","S-1","unchecked"]]'
st evidence list --as-of 2014-03-10 --format json
eq "list as of a date: the check then" "$(jq -r '.evidence[0].health' <<<"$OUT")" "ok"
st evidence list --as-of 2014-02-01 --format json
eq "list as of before any evidence" "$(jq -c '.evidence' <<<"$OUT")" "[]"
st evidence list --target R-2~1
has "list table, one target" "$OUT" "^E2 +milestone R-2~1 +dead +2014-03-02 https://b.example/"
hasnt "only that target" "$OUT" "^E1 "

st report evidence
has "md: summary" "$OUT" "4 links: 0 ok, 1 moved, 1 dead, 0 blocked, 2 unchecked; 1 changed"
has "md: cell escaped" "$OUT" 'Annual \\<report\\> & "notes"'
st report evidence --format html
has "html: a page" "$OUT" "^<!DOCTYPE html>"
has "html: title escaped" "$OUT" "Annual &lt;report&gt; &amp; &quot;notes&quot;"
hasnt "html: no raw markup from data" "$OUT" "<report>|<new>"
has "html: moved link escaped" "$OUT" 'moved to <a href="https://a.example/&lt;new&gt;">'
hasnt "html: nothing fetched by the page" "$OUT" "<script|<link|src="
st report evidence --format csv
has "csv: header" "$OUT" "^id,target_kind,target,title,kind,url,restricted,health,http_status"
has "csv: formula defused" "$OUT" "\"'=HYPERLINK\(1\)\""
st report evidence --format json
eq "json: summary" "$(jq -c .summary <<<"$OUT")" '{"links":4,"ok":0,"moved":1,"dead":1,"blocked":0,"unchecked":2,"changed":1}'
eq "json: last alive" "$(jq -r '.evidence[0].last_alive' <<<"$OUT")" "2014-04-02T00:00:00.000000Z"
st report evidence --as-of 2014-03-10 --format json
eq "report as of a date" "$(jq -c .summary <<<"$OUT")" '{"links":4,"ok":1,"moved":0,"dead":1,"blocked":0,"unchecked":2,"changed":0}'
must_fail "report: bad format" 1 report evidence --format pdf

# A rec's page: its own evidence (the rec's and its milestones'), with the
# health at the newest check by the page's date; the claim counts the same.
page() { printf 'GET %s HTTP/1.0\r\nHost: test\r\n\r\n' "$1" | "$BIN" http | sed '1,/^\r$/d'; }
OUT=$(page /recs/R-2)
has "rec page: a milestone's evidence, dead" "$OUT" 'href="https://b.example/".*<small>\(Web page, R-2~1\)</small> <span class="link link-dead">'
hasnt "rec page: no other rec's evidence" "$OUT" "a.example|c.example|d.example"
has "rec page: the claim counts it" "$OUT" "0 alive, 1 dead at their latest check"
has "rec page: moved now" "$(page /recs/R-1)" 'report.pdf" rel="noopener noreferrer">Annual &lt;report&gt; &amp; &quot;notes&quot;</a> <small>\(Document, R-1\)</small> <span class="link link-moved">'
OUT=$(page '/recs/R-1?as_of=2014-03-10')
has "rec page as of a date: the check then" "$OUT" '<span class="link link-ok">'
has "rec page as of a date: the claim's count then" "$OUT" "1 alive, 0 dead at their latest check"
has "rec page before any check: unchecked" "$(page '/recs/R-1?as_of=2014-03-01')" '<span class="link link-unchecked">'

# Indicators, as of the end of March 2014.
st indicators --review R --as-of 2014-03-31 --format json
j=$(jq -c '.[0]' <<<"$OUT")
eq "one review" "$(jq -r 'length' <<<"$OUT")" "1"
eq "recs complete" "$(jq -c .recs_complete <<<"$j")" '{"recs":3,"complete":1,"share":0.3333}'
eq "milestones overdue" "$(jq -c .milestones_overdue <<<"$j")" '{"milestones":2,"overdue":1}'
# Edits of R: 0 x8 (R-2, both milestones, the two KPIs, E1 E2 E3), 5, 9, 9, 28.
eq "documentation lag" "$(jq -c .documentation_lag_days <<<"$j")" '{"edits":12,"median":0,"p90":9}'
eq "recs with a KPI target" "$(jq -c .recs_with_kpi_target <<<"$j")" '{"recs":3,"with_target":1,"share":0.3333}'
eq "links alive" "$(jq -c .evidence_links_alive <<<"$j")" '{"links":3,"checked":2,"alive":1,"share":0.5}'
st indicators --review R --as-of 2014-01-31 --format json
j=$(jq -c '.[0]' <<<"$OUT")
eq "earlier: nothing complete, nothing overdue" "$(jq -c '[.recs_complete.complete,.milestones_overdue.overdue]' <<<"$j")" "[0,0]"
eq "earlier: lags of what was effective then" "$(jq -c .documentation_lag_days <<<"$j")" '{"edits":6,"median":0,"p90":9}'
eq "earlier: no links, no share" "$(jq -c .evidence_links_alive <<<"$j")" '{"links":0,"checked":0,"alive":0,"share":null}'
st indicators --as-of 2014-03-31 --format json
eq "every review" "$(jq -c 'map(.review)' <<<"$OUT")" '["R","S"]'
eq "the other review's lag" "$(jq -c '.[1].documentation_lag_days' <<<"$OUT")" '{"edits":3,"median":0,"p90":365}'
st indicators --review R --as-of 2014-03-31
has "text" "$OUT" "recs complete +1 of 3 \(33%\)"
has "text lag" "$OUT" "documentation lag \(days\) +median 0, 90th percentile 9 \(12 edits\)"
has "text links" "$OUT" "evidence links alive \(of checked\) +1 of 2 \(50%\)"
has "text unchecked" "$OUT" "1 never checked"
must_fail "indicators: unknown review" 1 indicators --review NOPE
must_fail "indicators: bad date" 1 indicators --as-of 2014-13-01
