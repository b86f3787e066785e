# Valid HTML on every route of the live server and every page of the static
# export: the demo served on 127.0.0.1 is crawled (tests/browser/crawl.js) as
# a visitor, an editor and an assessor (two pages of each route shape per
# visitor, every link followed), `ssrtrack site` exports every page, and
# html-validate's recommended rules (npm, tests/browser/html_valid.js) must
# find no error in any of them. The `datetime` of every <time> must also be
# one HTML accepts (html-validate does not look; the Nu HTML checker does:
# scripts/nu-check.sh runs it over the same pages).
. "$(dirname "$0")/lib.sh"

DIR="$ROOT/tests/browser"
[ -d "$DIR/node_modules/html-validate" ] ||
    { fail "html-validate is installed" "run scripts/deps.sh"; exit 0; }

demo_with_users
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
"$BIN" site "$T/site" >/dev/null 2>"$T/site.err" || fail "the export is written" "$(cat "$T/site.err")"

if node "$DIR/crawl.js" --per-shape 2 "$URL" "$T/live" "ana:$PW" "sam:$PW" >"$T/crawl.out" 2>&1; then
    pass "the live server is crawled as a visitor, an editor and an assessor: $(sed 's/^# crawled //' "$T/crawl.out")"
else
    fail "the live server is crawled" "$(cat "$T/crawl.out")"
fi

# The crawl reached every kind of page (else an empty crawl would pass).
urls=$(cut -f2,3 "$T/live/urls.tsv")
for want in "anonymous /	200" "anonymous /recs	200" "anonymous /recs/SSR1-" "anonymous /reviews/SSR1	200" \
            "anonymous /reviews/SSR1/claims	200" "anonymous /reviews/SSR1/board	200" "anonymous /assessments/SSR2-SSR1	200" \
            "anonymous /changes	200" "anonymous /kpis	200" "anonymous /ledger	200" "anonymous /reports	200" \
            "anonymous /reports/quarterly?format=html	200" "anonymous /signin	200" "anonymous /recs/NO-SUCH-REC	404" \
            "ana /recs/SSR1-" "sam /assessments/SSR2-SSR1	200"; do
    printf '%s\n' "$urls" | grep -Fq -- "$want" || fail "the crawl reached '$want'" "$(head -50 <<<"$urls")"
done
n_forms=$(grep -l 'name="csrf"' "$T"/live/ana/*.html "$T"/live/sam/*.html 2>/dev/null | wc -l)
[ "$n_forms" -ge 4 ] && pass "the signed-in crawl saw the editing forms ($n_forms pages with a form)" ||
    fail "the signed-in crawl saw the editing forms" "$n_forms pages with a CSRF field"

node "$DIR/html_valid.js" "the live server=$T/live" "the export=$T/site" 2>"$T/hv.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "html-validate ran" "exit $rc: $(tail -5 "$T/hv.err")"

# HTML's datetime: a date, a time or a global date and time with at most
# three digits of a second (the grammar of HTML's "valid date string"s).
bad=$(grep -rhoE 'datetime="[^"]*"' "$T/live" "$T/site" --include='*.html' | sort -u |
      grep -vE '^datetime="[0-9]{4}(-[0-9]{2}(-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?"$' | head -5)
n_dt=$(grep -rhoE 'datetime="[^"]*"' "$T/live" "$T/site" --include='*.html' | wc -l)
if [ -z "$bad" ] && [ "$n_dt" -gt 0 ]; then pass "every <time datetime> is one HTML accepts ($n_dt of them)"
else fail "every <time datetime> is one HTML accepts" "$n_dt seen; refused: $bad"; fi
