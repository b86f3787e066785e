# End-to-end: an assessment's page is navigable: a contents list linking to
# every item, verdicts as badges in words, a filter by verdict that is a
# plain address (live and in the static export), answers folded in
# <details>, and so is each item's discussion; an assessor's forms show
# words, have their own labels, confirm a save once after the redirect (a
# flash cookie) and show a refused post again at its form.
. "$(dirname "$0")/lib.sh"

demo_with_users
"$BIN" site "$T/site" >/dev/null 2>"$T/site.err" || fail "the static export" "$(cat "$T/site.err")"
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# items PAGE: the ids of the item sections; contents PAGE: the anchors the contents list links to.
items() { grep -o '<section class="item" id="[^"]*"' <<<"$1" | sed 's/.*id="//;s/"$//'; }
contents() { grep -o '<nav class="contents".*</nav>' <<<"$1" | grep -o 'href="#[^"]*"' | sed 's/href="#//;s/"$//'; }

get /assessments/SSR2-SSR1
page=$BODY
eq "28 items on the page" "$(items "$page" | wc -l | tr -d ' ')" "28"
eq "the contents links to every item, in order" "$(contents "$page")" "$(items "$page")"
eq "every item has a verdict badge in the contents" \
   "$(grep -o '<nav class="contents".*</nav>' <<<"$page" | grep -o '<li>' | wc -l | tr -d ' ')" \
   "$(grep -o '<nav class="contents".*</nav>' <<<"$page" | grep -o '<span class="badge implemented-[a-z]*">' | wc -l | tr -d ' ')"
hasf "badges show words" "$page" '<span class="badge implemented-partial">Partly implemented</span>'
hasf "... for each verdict" "$page" '<span class="badge implemented-not">Not implemented</span>'
hasnt "no verdict shows as a code" "$page" '<span class="badge [^"]*">(partial|not|full|unknown|strawman|not_achieved)</span>'
hasf "the quoted recommendation folds" "$page" '<details><summary>The recommendation</summary><blockquote>'
[ "$(grep -o '<details>' <<<"$page" | wc -l)" -ge 28 ] && pass "at least one fold per item" || fail "at least one fold per item"
hasf "the filter links are paths, not queries" "$page" \
    '<a href="/assessments/SSR2-SSR1/implemented/partial">Partly implemented (26)</a>'
hasf "the whole assessment is the current filter" "$page" '<strong aria-current="page">All (28)</strong>'
eq "each item's discussion folds, its summary saying how many comments" \
   "$(grep -c '^<details class="discussion"><summary>Discussion (no comments yet)</summary>$' <<<"$page")" "28"
hasnt "... no unfolded discussion heading is left" "$page" '<h3>Discussion</h3>'

get /assessments/SSR2-SSR1/implemented/not
eq "the filter page: 200" "$CODE" "200"
eq "... lists only the two items not implemented" "$(items "$BODY" | tr '\n' ' ')" "SSR1-6 SSR1-22 "
eq "... and its contents only those" "$(contents "$BODY" | tr '\n' ' ')" "SSR1-6 SSR1-22 "
eq "... each with that verdict" "$(grep -o '<p class="verdicts"><span class="badge implemented-[a-z]*"' <<<"$BODY" | sort -u | sed 's/.*implemented-//;s/"//')" "not"
hasf "... marked as the current filter" "$BODY" '<strong aria-current="page">Not implemented (2)</strong>'
hasf "... with a title saying so" "$BODY" '<title>SSR2-SSR1: Not implemented'
get /assessments/SSR2-SSR1/implemented/full
hasf "a verdict nobody got: an empty list that says so" "$BODY" 'No recommendation has this verdict.'
get /assessments/SSR2-SSR1/implemented/maybe
eq "an unknown verdict: 404" "$CODE" "404"
get "/assessments/SSR2-SSR1/implemented/partial?as_of=2019-06-30"
hasf "the filter keeps the date" "$BODY" 'href="/assessments/SSR2-SSR1/implemented/not?as_of=2019-06-30"'

# --- the static export -------------------------------------------------------
for v in full partial not unknown; do
    [ -f "$T/site/assessments/SSR2-SSR1/implemented/$v/index.html" ] || fail "the export has the $v page"
done
exported=$(cat "$T/site/assessments/SSR2-SSR1/implemented/not/index.html")
eq "the exported filter page lists the same items" "$(items "$exported" | tr '\n' ' ')" "SSR1-6 SSR1-22 "
hasnt "no query string among the export's filter links" \
    "$(grep -o '<nav class="filter".*</nav>' "$T/site/assessments/SSR2-SSR1/index.html")" 'href="[^"]*\?'

hasnt "the exported /recs has no filter form (no query reaches a static page)" "$(cat "$T/site/recs/index.html")" 'class="filters"'

# --- an assessor's forms ---------------------------------------------------------------
get /signin -X POST -H "Origin: $URL" --data-urlencode "user=sam" --data-urlencode "password=$PW"
CK="Cookie: __Host-ssrtrack=$(sed -n 's/.*__Host-ssrtrack=\([0-9a-f]*\);.*/\1/p' <<<"$HEADERS")"
get /assessments/SSR2-SSR1 -H "$CK"
page=$BODY
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -1 | sed 's/.*value="\(.*\)"/\1/')
hasf "the verdict select shows words" "$page" \
    '<select id="item-SSR1-9-implemented" name="implemented"><option value="">(not stated)</option><option value="full">Fully implemented</option><option value="partial" selected>Partly implemented</option>'
hasf "the state select too" "$page" '<option value="strawman">Draft</option>'
hasf "each item's fields have their own label" "$page" '<label>Implemented<span class="vh"> for SSR1-9</span>'
eq "no id is used twice on the page" "$(grep -o ' id="[^"]*"' <<<"$page" | sort | uniq -d)" ""

get /assessments/SSR2-SSR1/items/SSR1-9 -X POST -H "$CK" -H "Origin: $URL" -d "implemented=not&state=discussed&effective=2018-12-31&reason=&csrf=$csrf"
eq "answers without a reason: 422" "$CODE" "422"
hasf "... the alert at the item's form, linking to the field" "$BODY" \
    '<p class="error" id="item-SSR1-9-error" role="alert" tabindex="-1" autofocus>Not saved: <a href="#item-SSR1-9-reason">'
hasf "... the item's forms unfolded" "$BODY" '<details class="edit" open><summary>Edit the answers<span class="vh"> for SSR1-9</span>'
hasf "... what was posted kept" "$(grep -o '<select id="item-SSR1-9-implemented".*' <<<"$BODY" | sed 's|</select>.*||')" '<option value="not" selected>Not implemented</option>'
get /assessments/SSR2-SSR1/items/SSR1-9 -X POST -H "$CK" -H "Origin: $URL" -d "implemented=not&state=discussed&effective=2018-12-31&reason=call&csrf=$csrf"
eq "saved answers: 303 to the page (the confirmation's focus brings the item into view)" \
   "$CODE $(sed -n 's/^Location: //p' <<<"$HEADERS")" "303 /assessments/SSR2-SSR1"
has "... with a flash cookie naming it, for that page only, one minute" "$HEADERS" \
    '^Set-Cookie: ssrtrack-saved=answers\.SSR1-9\.[0-9a-f]{16}; Path=/assessments/SSR2-SSR1; Max-Age=60; Secure; HttpOnly; SameSite=Strict$'
flash=$(sed -n 's/^Set-Cookie: \(ssrtrack-saved=[^;]*\);.*/\1/p' <<<"$HEADERS")
get /assessments/SSR2-SSR1 -H "$CK; $flash"
hasf "the item confirms it in words" "$BODY" \
    '<p class="saved" role="status" tabindex="-1" autofocus>Saved: the answers for SSR1-9 (Not implemented; Discussed).</p>'
hasf "... and the answer clears the cookie" "$HEADERS" "Set-Cookie: ssrtrack-saved=; Path=/assessments/SSR2-SSR1; Max-Age=0"
get /assessments/SSR2-SSR1 -H "$CK"
hasnt "a reload (no cookie): no confirmation" "$BODY" 'class="saved"'
get /assessments/SSR2-SSR1 -H "Cookie: $flash"
hasnt "a visitor holding the cookie gets no confirmation" "$BODY" 'class="saved"'
get /assessments/SSR2-SSR1/implemented/not -H "$CK; $flash"
hasnt "nor does a filter page" "$BODY" 'class="saved"'
get /assessments/SSR2-SSR1/items/SSR1-9/signoff -X POST -H "$CK" -H "Origin: $URL" -d "dissent=&csrf=$csrf"
flash=$(sed -n 's/^Set-Cookie: \(ssrtrack-saved=[^;]*\);.*/\1/p' <<<"$HEADERS")
get "$(sed -n 's/^Location: //p' <<<"$HEADERS")" -H "$CK; $flash"
hasf "a sign-off is confirmed at its item" "$BODY" 'Saved: SSR1-9 signed off by sam.</p>'
get /comments -X POST -H "$CK" -H "Origin: $URL" --data-urlencode "target=SSR2-SSR1/SSR1-9" \
    --data-urlencode "text=Checked the *roadmap*." -d "csrf=$csrf"
get /assessments/SSR2-SSR1
fold=$(awk '/<section class="item" id="SSR1-9">/,/<\/section>/' <<<"$BODY" | sed -n '/<details class="discussion">/,/<\/details>/p')
has "a comment: the item's discussion summary counts it" "$fold" '^<details class="discussion"><summary>Discussion \(1 comment\)</summary>$'
hasf "... and the comment sits inside the fold" "$fold" '<em>roadmap</em>'
get /assessments/SSR2-SSR1/implemented/not
eq "the filter follows the new verdict" "$(items "$BODY" | tr '\n' ' ')" "SSR1-6 SSR1-9 SSR1-22 "

# --- the real assessment, when the source document is here --------------------------------
if have_seeds 002_0b44ff1b59d411cb.txt 000_1b707e8e43b30b9a.txt; then
    export SSRTRACK_DB="$T/real.db"
    "$BIN" init >/dev/null
    "$BIN" import --format ssr1-report "$SEEDS/002_0b44ff1b59d411cb.txt" >/dev/null
    "$BIN" import --format ssr2-assessment "$SEEDS/000_1b707e8e43b30b9a.txt" >/dev/null
    real=$("$BIN" http <<<$'GET /assessments/SSR2-SSR1 HTTP/1.1\r\nHost: x\r\n\r\n')
    eq "the real assessment: the contents links to all 28 items" "$(contents "$real" | wc -l | tr -d ' ')/$(items "$real" | wc -l | tr -d ' ')" "28/28"
    eq "... every anchor an item" "$(contents "$real")" "$(items "$real")"
    has "... its answers fold" "$real" '<details><summary>What was done</summary>'
    eq "... and every item's discussion" "$(grep -c '<details class="discussion"><summary>Discussion' <<<"$real")" "28"
    eq "... and the two not implemented have their page" \
       "$("$BIN" http <<<$'GET /assessments/SSR2-SSR1/implemented/not HTTP/1.1\r\nHost: x\r\n\r\n' | grep -o '<section class="item" id="[^"]*"' | wc -l | tr -d ' ')" \
       "$("$BIN" assess show SSR2-SSR1 --format json | jq '[.items[]|select(.implemented=="not")]|length')"
fi
