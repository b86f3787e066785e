# End-to-end: the home page at a glance on the demo, through a real server —
# its figures are those of /api/v1/reviews/ID/glance, which equal what
# `rec list` and `indicators` say under the one counting rule (sub-items in
# place of their rec, rejected ones apart); the SSR2 verdict on SSR1 is on
# it; overdue reads in words; ids are unique with two reviews' charts.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
ok "demo loads" demo
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
D=2026-12-02

# The counting rule, applied by jq to `rec list`: "done under-way not-started rejected total".
by_rule() {
    "$BIN" rec list --review "$1" --as-of "$2" --format json | jq -r '
      ([.[]|.parent|select(.!=null)]|unique) as $p
      | [.[]|select(.id as $i|$p|index($i)|not)] as $c
      | [$c[]|select(.board!="rejected")] as $k
      | [([$k[]|select(.status=="complete" or .status=="ongoing")]|length),
         ([$k[]|select(.status=="in_progress" or .status=="planning")]|length),
         ([$k[]|select(.status=="not_started" or .status=="deferred")]|length),
         ([$c[]|select(.board=="rejected")]|length), ($c|length)]|map(tostring)|join(" ")'
}
from_api() { jq -r '[.now.done,.now.underway,.now.not_started,.now.rejected,.now.total]|map(tostring)|join(" ")' <<<"$1"; }

get "/api/v1/reviews/SSR1/glance?as_of=$D"
eq "the glance API answers" "$CODE" "200"
s1=$BODY
eq "SSR1: the API's counts are rec list's, by the rule" "$(from_api "$s1")" "$(by_rule SSR1 $D)"
eq "SSR1: 31 counted, 28 at the top, 2 by their sub-items" "$(jq -r '[.counted.total,.counted.top_level,.counted.split]|map(tostring)|join(" ")' <<<"$s1")" "31 28 2"
eq "SSR1: the SSR2 verdict, none fully implemented" "$(jq -r '.assessment|[.by,.items,.implemented.full,.implemented.partial,.implemented.not]|map(tostring)|join(" ")' <<<"$s1")" "SSR2 28 0 26 2"
eq "SSR1: the worst overdue" "$(jq -r '[.overdue,.worst_rec,.worst_late_days]|map(tostring)|join(" ")' <<<"$s1")" "5 SSR1-25 4633"
get "/api/v1/reviews/SSR2/glance?as_of=$D"
s2=$BODY
eq "SSR2: the API's counts are rec list's" "$(from_api "$s2")" "$(by_rule SSR2 $D)"
eq "SSR2: 17 done, 5 in progress, 3 not started, 38 rejected of 63, as ICANN counts" "$(from_api "$s2")" "17 5 3 38 63"
eq "SSR2: the Board's decisions" "$(jq -c .board <<<"$s2")" '{"approved":25,"rejected":38}'
st indicators --review SSR2 --as-of $D --format json
eq "indicators count the same recs" "$(jq -r '.[0].recs_complete|"\(.complete) of \(.recs)"' <<<"$OUT")" "17 of 25"

get "/?as_of=$D"
home=$BODY
printf '%s' "$home" >"$T/home.html"
tile() {   # tile REVIEW CLASS: the big number of that review's tile
    python3 - "$1" "$2" "$T/home.html" <<'PY'
import re, sys
html = open(sys.argv[3], encoding="utf-8").read()
sec = re.search(r'<section class="review" aria-labelledby="rv-%s">(.*?)</section>' % sys.argv[1], html, re.S).group(1)
print(re.search(r'<div class="tile %s[^"]*"><dt>[^<]*</dt><dd><span class="big">(\d+)' % sys.argv[2], sec).group(1))
PY
}
eq "home: SSR1's figures are the API's" "$(tile SSR1 done) $(tile SSR1 underway) $(tile SSR1 notstarted) $(tile SSR1 overdue)" \
   "$(jq -r '[.now.done,.now.underway,.now.not_started,.overdue]|map(tostring)|join(" ")' <<<"$s1")"
eq "home: SSR2's figures are the API's" "$(tile SSR2 done) $(tile SSR2 underway) $(tile SSR2 notstarted)" "17 5 3"
hasf "home: the SSR2 verdict on SSR1" "$home" "none of the 28 recommendations it assessed fully implemented</strong> — 26 partly, 2 not"
hasf "home: overdue flagged in words" "$home" "worst: SSR1-25, 12 years late"
hasf "home: an overdue milestone in words" "$home" "11 years late</td>"
hasnt "home: no bare day counts" "$home" '<td class="num">4[0-9]{3}</td>'
hasf "home: SSR2's rejected ones apart" "$home" "Rejected by the Board 38"
hasf "home: the Board's decisions in words" "$home" "25 approved, 38 rejected"
hasf "home: no change in years, said" "$home" "no change in 12 years"
eq "home: no id twice" "$(grep -o ' id="[^"]*"' <<<"$home" | sort | uniq -d | paste -sd' ')" ""

get "/?as_of=2014-03-18"
hasf "2014-03-18: the change since the previous quarter" "$BODY" '<span class="delta">+9</span> since the end of 2013-Q4'
get "/?as_of=2014-06-30"
hasf "2014-06-30: a milestone 3 months late" "$BODY" "3 months late</td>"
hasnt "2014-06-30: no verdict before the assessment" "$BODY" "s verdict"
get "/api/v1/reviews/NOPE/glance"
eq "an unknown review: 404" "$CODE" "404"
get "/api/v1/reviews/SSR1/glance?as_of=2019-02-30"
eq "a bad date: 400" "$CODE" "400"

# Words, not codes: a relation read from its source, from either side.
get "/recs/SSR1-9"
hasf "SSR1-9's page: SSR2-1.1 is derived from it" "$BODY" '<li><a href="/recs/SSR2-1.1">SSR2-1.1</a> is derived from SSR1-9</li>'
get "/recs/SSR2-1.1"
hasf "SSR2-1.1's page: derived from SSR1-9" "$BODY" '<li>SSR2-1.1 is derived from <a href="/recs/SSR1-9">SSR1-9</a></li>'
hasnt "... no code among the relations" "$BODY" "<li>[^<]*(<a [^>]*>[^<]*</a>)? derived_from"

# Words, not codes, on the claims page and /kpis.
get "/reviews/SSR1/claims?as_of=$D"
hasf "claims page: statuses and verdicts in words" "$BODY" '</td><td>Complete</td><td>Partly implemented <small>'
hasf "claims page: flags in words" "$BODY" "Assessed below the claim"
hasnt "claims page: no flag codes" "$BODY" "assessed_below_claim|complete_unverified|<td>in_progress</td>"
get "/kpis?as_of=$D"
hasf "kpis: a status in words" "$BODY" ">Stale: a measurement is due</span>"
hasf "kpis: numbers as people write them" "$BODY" "17 recommendations (<time>2024-06-30</time>)"
hasnt "kpis: no two-decimal counts" "$BODY" "17\.00"
