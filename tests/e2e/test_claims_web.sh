# End-to-end: claims on the web — the page /reviews/R/claims, its API route,
# the section on a rec's page, the home page's divergent count, and the
# Verify action (editors and assessors, never on their own claim).
. "$(dirname "$0")/lib.sh"

demo_with_users
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
pass "server starts"

DIVERGENT="SSR1-1,SSR1-2,SSR1-6,SSR1-6A,SSR1-6B,SSR1-10,SSR1-15,SSR1-18,SSR1-24,SSR1-28"
get "/reviews/SSR1/claims?as_of=2019-01-01"
eq "the claims page" "$CODE" "200"
eq "its divergent rows" "$(grep -o '<tr id="[^"]*" class="divergent"' <<<"$BODY" | cut -d'"' -f2 | paste -sd,)" "$DIVERGENT"
hasf "its count" "$BODY" '<strong class="divergent-count">10</strong> of 33'
get "/reviews/SSR1/claims?as_of=2014-03-18"
hasf "none divergent before any assessment" "$BODY" '<strong class="divergent-count">0</strong>'
get "/api/v1/reviews/SSR1/claims?as_of=2019-01-01"
eq "the API route" "$CODE" "200"
eq "... the divergent set" "$(jq -r '[.rows[]|select(.divergent)|.rec]|join(",")' <<<"$BODY")" "$DIVERGENT"
get "/api/v1/reviews/NOPE/claims"
eq "an unknown review: 404" "$CODE" "404"
get "/api/v1/reviews/SSR1/claims?assessment=NOPE"
eq "an unknown assessment: 404" "$CODE" "404"
get "/api/v1/reviews/SSR1/claims?as_of=2019-02-30"
eq "a bad date: 400" "$CODE" "400"
get "/reports/claims.csv?review=SSR1&as_of=2019-01-01"
eq "the report file, as CSV" "$(head -1 <<<"$BODY" | tr -d '\r' | cut -d, -f1-4)" "rec,title,claimed,assessed"
get "/?as_of=2019-01-01"
has "the home page counts the divergent claims per review" "$BODY" \
    '<span class="divergent-claims"><a href="/reviews/SSR1/claims\?as_of=2019-01-01">8 claimed done but assessed partly or not implemented</a>'

get "/recs/SSR1-6?as_of=2019-01-01"
has "a rec's page: its claim and verdict" "$BODY" '<dt>Assessed</dt><dd>not \(<a href="/assessments/SSR2-SSR1'
hasf "... its flags" "$BODY" "<code>complete_unverified</code>"
has "... the checklist" "$BODY" 'What is missing to call this done \([0-9]+ of 11 missing\)'
hasf "... evidence missing" "$BODY" '<li class="missing" data-key="evidence">'
hasnt "no Verify form for the public" "$BODY" 'action="/recs/SSR1-6/verify"'

signin() {
    get /signin -X POST -d "user=$1&password=$PW" -H "Origin: $URL"
    CK="Cookie: __Host-ssrtrack=$(grep -i '^Set-Cookie:' <<<"$HEADERS" | sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p')"
}
csrf_of() { grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$BODY" | head -1 | sed 's/.*value="\(.*\)"/\1/'; }

signin sam
get /recs/SSR1-6 -H "$CK"
hasf "an assessor sees Verify on a claim by another" "$BODY" 'action="/recs/SSR1-6/verify"'
hasf "... asking why there is no evidence" "$BODY" 'name="no_evidence_reason" required'
csrf=$(csrf_of)
before=$(log_state)
get /recs/SSR1-6/verify -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "reason=checked" --data-urlencode "csrf=$csrf"
eq "without evidence or a reason: 422" "$CODE" "422"
hasf "... saying why" "$BODY" "no evidence"
eq "... nothing written" "$(log_state)" "$before"
get /recs/SSR1-6/verify -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "reason=checked" \
    --data-urlencode "no_evidence_reason=the charters are public" --data-urlencode "csrf=$csrf"
eq "verified from the page: 303" "$CODE" "303"
eq "recorded as sam, through the log" "$("$BIN" rec show SSR1-6 --format json | jq -r .verified.by)" "sam"
get /recs/SSR1-6 -H "$CK"
has "the page shows who verified" "$BODY" '<dd class="verified">by sam, effective'
hasnt "and offers Verify no more" "$BODY" 'action="/recs/SSR1-6/verify"'

signin ana
get /recs/SSR1-10 -H "$CK"
csrf=$(csrf_of)
get /recs/SSR1-10/status -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "status=complete" \
    --data-urlencode "reason=audit done" --data-urlencode "csrf=$csrf"
eq "an editor claims SSR1-10 complete" "$CODE" "303"
get /recs/SSR1-10 -H "$CK"
hasnt "she is not offered Verify on her own claim" "$BODY" 'action="/recs/SSR1-10/verify"'
before=$(log_state)
get /recs/SSR1-10/verify -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "no_evidence_reason=x" --data-urlencode "csrf=$csrf"
eq "and verifying it herself is refused: 422" "$CODE" "422"
hasf "... four eyes" "$BODY" "someone else must verify it"
eq "... nothing written" "$(log_state)" "$before"

signin val
get /recs/SSR1-10 -H "$CK"
csrf=$(csrf_of)
get /recs/SSR1-10/verify -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "no_evidence_reason=x" --data-urlencode "csrf=$csrf"
eq "a viewer cannot verify: 403" "$CODE" "403"

# A rec recorded as in effect before its review: its page still answers,
# without the claims section, until the review exists.
"$BIN" review add R2 --title "A later review" --effective 2020-01-01 >/dev/null
"$BIN" rec add R2-1 --review R2 --title "An earlier rec" --effective 2019-01-01 >/dev/null
get "/recs/R2-1?as_of=2019-06-01"
eq "a rec before its review: its page answers" "$CODE" "200"
hasnt "... without claims" "$BODY" 'id="claims"'
get "/recs/R2-1?as_of=2020-06-01"
hasf "with the review, the claims section" "$BODY" 'id="claims"'
