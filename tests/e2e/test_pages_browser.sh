# Every route in Debian's chromium (playwright-core): axe-core finds no
# accessibility violation, no touch target at 390 px is under 24 px and no
# page is wider than a 390 px phone. The
# demo is crawled as a visitor, an editor and an assessor (tests/browser/
# crawl.js, one page of each route shape), then tests/browser/pages.js loads
# the visitor's pages and the signed-in pages that hold forms.
. "$(dirname "$0")/lib.sh"

DIR="$ROOT/tests/browser"
for m in playwright-core axe-core; do
    [ -d "$DIR/node_modules/$m" ] || { fail "$m is installed" "run scripts/deps.sh"; exit 0; }
done
command -v chromium >/dev/null || { fail "chromium is installed" "run scripts/deps.sh"; exit 0; }

demo_with_users
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
node "$DIR/crawl.js" --per-shape 1 "$URL" "$T/live" "ana:$PW" "sam:$PW" >"$T/crawl.out" 2>&1 ||
    { fail "the live server is crawled" "$(cat "$T/crawl.out")"; exit 0; }
n=$(($(wc -l <"$T/live/urls.tsv") - 1))
[ "$n" -ge 60 ] && pass "the crawl found the routes ($n pages)" || fail "the crawl found the routes" "$n pages"
BASE_URL=$URL URLS="$T/live/urls.tsv" PASSWORD="$PW" timeout 600 node "$DIR/pages.js" 2>"$T/node.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "the browser test finished" "exit $rc: $(tail -5 "$T/node.err")"
