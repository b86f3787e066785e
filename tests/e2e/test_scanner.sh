# End-to-end: an outside scanner (wapiti, from Debian) crawls the running
# server and attacks every page, parameter and form it finds; it must report
# no injection of any kind, no open redirect and no header it could set.
# Skipped (with a line saying so) where wapiti is not installed.
. "$(dirname "$0")/lib.sh"

if ! command -v wapiti >/dev/null 2>&1; then
    pass "scanner: wapiti is not installed here (scripts/deps.sh installs it); skipped"
    exit 0
fi
seed_small
"$BIN" rec set SSR1-1 status=in_progress owner='Security team' --reason 'something to crawl' >/dev/null
"$BIN" milestone add SSR1-1 --title 'Draft statement' --due 2013-01-01 --effective 2012-11-01 >/dev/null
"$BIN" evidence add SSR1-1 https://example.org/statement --title 'Statement' >/dev/null
THREADS=2 start_server --access-log "$T/access.log" || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

modules="xss,permanentxss,sql,exec,file,crlf,redirect,ssrf"
# -S paranoid: the crawl keeps few URLs that differ from one already found
# only in the values of the same parameters (/recs has dozens of filter
# combinations); every page and parameter set is still found and attacked,
# and the attack modules, which stop at --max-attack-time, spend their time
# on distinct ones rather than on the same parameters again.
# wapiti_run.py: wapiti as it is, less a cost that alters nothing it finds.
# A bare environment: no proxy setting or the like of the caller's reaches it
# (and it reads the whole environment again for every request it makes).
run env -i PATH="$PATH" HOME="$T" LANG=C.UTF-8 python3 "$ROOT/tests/e2e/wapiti_run.py" -u "$URL/" --scope folder -m "$modules" -d 3 --max-links-per-page 40 -S paranoid --max-scan-time 240 \
    --max-attack-time 60 --flush-session --store-session "$T/wapiti" -f json -o "$T/report.json"
if [ ! -s "$T/report.json" ]; then
    fail "scanner: wapiti ran and wrote its report" "exit $RC: $(printf '%s' "$ERR" | tail -5)"
    exit 0
fi
pass "scanner: wapiti ran and wrote its report"
found=$(python3 - "$T/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for cat, items in sorted(r.get("vulnerabilities", {}).items()):
    for v in items:
        print("VULN", cat, v.get("method"), v.get("path"), v.get("parameter"), v.get("info"))
for cat, items in sorted(r.get("anomalies", {}).items()):
    for v in items:
        if "500" in cat or "Internal" in cat:
            print("ANOMALY", cat, v.get("method"), v.get("path"), v.get("parameter"))
PY
)
# What it did, from the server's own access log: pages found, requests made.
pages=$(awk '$5 == 200 {print $4}' "$T/access.log" | sort -u | wc -l)
requests=$(wc -l <"$T/access.log")
if [ "$pages" -ge 10 ] && [ "$requests" -ge 100 ]; then pass "scanner: it crawled and attacked the site ($pages pages, $requests requests)"
else fail "scanner: it crawled and attacked the site" "$pages pages answered 200, $requests requests"; fi
eq "scanner: no vulnerability found ($modules)" "$(printf '%s\n' "$found" | grep '^VULN' || true)" ""
eq "scanner: no request made the server fail (500)" "$(printf '%s\n' "$found" | grep '^ANOMALY' || true)" ""
