# The static export works anywhere: its links are relative and point at
# files, so it opens from file:// and from a sub-path of any web server; it
# has no forms and no query strings; the checkpoint and the log's entries are
# files; each text file has its .gz beside it. Checked with Debian's
# linkchecker over file:// and over python3's http.server from a parent
# folder, and by following links by hand.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null && "$BIN" demo >/dev/null && "$BIN" checkpoint >/dev/null
mkdir pub
ok "site export" site pub/site --base-url https://ssr.example.org/tracker
S=pub/site
[ -f "$S/index.html" ] || exit 1   # nothing below could mean anything

# --- links ----------------------------------------------------------------
pages=$(find "$S" -name '*.html' | sort)
npages=$(printf '%s\n' "$pages" | grep -c .)
[ "$npages" -gt 50 ] && pass "the export holds $npages pages" || fail "too few pages" "$npages"
eq "no root-absolute link or source" "$(grep -rlE '(href|src)="/' "$S" --include='*.html' --include='*.atom' | head -3)" ""
eq "no internal link with a query" \
    "$(grep -rhoE '(href|src)="[^"#]*\?[^"]*"' "$S" --include='*.html' --include='*.atom' | grep -v '"https\?://' | head -3)" ""
eq "no form" "$(grep -rl '<form' "$S" --include='*.html' | head -3)" ""
eq "directory links name their index.html (file:// shows no directory index)" \
    "$(grep -rhoE 'href="[^"#:]*/"' "$S" --include='*.html' | head -3)" ""
has "a rec page links the stylesheet two levels up" "$(cat "$S/recs/SSR1-9/index.html")" \
    'href="\.\./\.\./static/style\.css"'
has "the home page links the feed beside it" "$(cat "$S/index.html")" 'href="changes\.atom"'

# --- files for what the server answers with a query or a path ---------------
cmp -s "$S/ledger/checkpoint" <("$BIN" http <<<$'GET /ledger/checkpoint HTTP/1.1\r\n\r\n' | sed '1,/^\r$/d') &&
    pass "the exported checkpoint is the server's" || fail "the exported checkpoint differs from /ledger/checkpoint"
size=$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM change_log")
first_end=$((size < 1000 ? size : 1000))
eq "entries exported 1000 to a file" "$(jq '.entries | length' "$S/ledger/entries/1-$first_end.json")" "$first_end"
last=$(ls "$S/ledger/entries" | grep -v '\.gz$' | sort -t- -k1,1n | tail -1)
eq "the last entries file ends at the log's size" "$(jq .end "$S/ledger/entries/$last")" "$size"
has "the ledger page links the first entries file" "$(cat "$S/ledger/index.html")" \
    "href=\"\.\./ledger/entries/1-$first_end\.json\""
has "the ledger page links the checkpoint" "$(cat "$S/ledger/index.html")" 'href="\.\./ledger/checkpoint"'
# A filtered list is a page of its own and lists only what it says.
f="$S/recs/_/SSR1/complete.html"
eq "a filtered list's page exists" "$(test -s "$f" && echo yes)" "yes"
eq "it lists complete recs only" "$(grep -o 'class="status st-[a-z_]*"' "$f" | sort -u)" 'class="status st-complete"'
n_cli=$("$BIN" rec list --review SSR1 --format json | jq '[.[] | select(.status == "complete")] | length')
has "it says how many" "$(cat "$f")" "<p>$n_cli recommendations? of review SSR1, status"
has "the home page links it" "$(cat "$S/index.html")" 'href="recs/_/SSR1/complete\.html"'
has "an assessment links its printable report" "$(cat "$S/assessments/SSR2-SSR1/index.html")" \
    'href="\.\./\.\./assessments/SSR2-SSR1/report\.html"'
eq "robots.txt exported" "$(head -1 "$S/robots.txt")" "User-agent: *"
# A rec's table files are there when its page offers them, and only then.
# Each rec's page is read once (a missing page offers nothing).
orphans=""; nrt=0; declare -A recpage=()
for f in "$S"/tables/recs/*/*.csv "$S"/tables/recs/*/*.xlsx; do
    nrt=$((nrt + 1))
    id=${f%/*}; id=${id##*/}
    if [[ ! -v recpage[$id] ]]; then
        recpage[$id]=""
        [ -f "$S/recs/$id/index.html" ] && IFS= read -r -d '' "recpage[$id]" <"$S/recs/$id/index.html"
    fi
    [[ ${recpage[$id]} == *"tables/recs/$id/${f##*/}\""* ]] || orphans+="${f#"$S"/} "
done
eq "every rec table file is offered on its rec's page ($nrt files)" "$orphans" ""
undecided=$(sqlite3 "$SSRTRACK_DB" "SELECT id FROM recs WHERE id NOT IN (SELECT entity_id FROM change_log
    WHERE entity = 'rec' AND field = 'board') AND restricted IS NOT 'true' LIMIT 1")
[ -n "$undecided" ] || fail "the demo has a public rec without a Board decision"
eq "a rec no Board decision names has no board table ($undecided)" \
    "$(ls "$S/tables/recs/$undecided/board.csv" 2>/dev/null)$(grep -c 'board\.csv' "$S/recs/$undecided/index.html")" "0"
has "a decided rec's page offers its board table" "$(cat "$S/recs/SSR1-9/index.html")" 'tables/recs/SSR1-9/board\.csv"'

# --- compressed copies ------------------------------------------------------
# Each text file of 512 bytes or more has a .gz beside it that unzips to the
# same bytes. One python3 checks them all; it prints the files that fail on
# one line, then how many it checked.
gz=$(/usr/bin/python3 - <(find "$S" -type f ! -path "$S/ledger/tile/*" ! -path "$S/ledger/content/*" \( -name '*.html' -o -name '*.atom' -o -name '*.css' -o -name '*.json' \
    -o -name '*.md' -o -name '*.csv' -o -name '*.ics' \)) <<'PY'
import sys, os, gzip
n, bad = 0, ""
for f in open(sys.argv[1]).read().splitlines():
    if os.stat(f).st_size < 512: continue
    n += 1
    try:
        with gzip.open(f + ".gz") as z, open(f, "rb") as t: same = z.read() == t.read()
    except Exception:   # missing, truncated or not gzip at all
        same = False
    if not same: bad += f + " "
print(bad); print(n)
PY
) || gz=$'python3 failed\n?'
bad=${gz%$'\n'*}; ngz=${gz##*$'\n'}
eq "a .gz beside each text file but the log's tiles, the same bytes once unzipped ($ngz files)" "$bad" ""
eq "none beside a spreadsheet" "$(find "$S" -name '*.xlsx.gz' | head -1)" ""

# --- meta description, valid times, unique ids --------------------------------
/usr/bin/python3 - "$S" >"$T/html.txt" <<'PY'
import sys, os, re
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.ids = []; s.desc = None; s.times = []
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if "id" in a: s.ids.append(a["id"])
        if tag == "meta" and a.get("name") == "description": s.desc = a.get("content")
        if tag == "time" and "datetime" in a: s.times.append(a["datetime"])
ok_time = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$")
n = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if not f.endswith(".html"): continue
        n += 1
        path = os.path.join(root, f); p = P(); p.feed(open(path, encoding="utf-8").read())
        if not p.desc: print("no description:", path)
        dup = {i for i in p.ids if p.ids.count(i) > 1}
        if dup: print("duplicate ids:", path, sorted(dup)[:3])
        for t in p.times:
            if not ok_time.match(t): print("bad datetime:", path, t)
print("checked", n)
PY
# Its last line counts the pages read: a reader that stopped early fails.
n_pages=$(sed -n 's/^checked \([0-9]*\)$/\1/p' "$T/html.txt")
problems=$(grep -v '^checked [0-9]*$' "$T/html.txt" | head -5)
if [ -z "$problems" ] && [ "${n_pages:-0}" -gt 100 ]; then
    pass "every page has a meta description, unique ids and valid datetimes ($n_pages pages)"
else
    fail "every page has a meta description, unique ids and valid datetimes" "${problems:-${n_pages:-no} pages read}"
fi

# --- the feed ---------------------------------------------------------------
has "the feed's ids start from --base-url" "$(cat "$S/changes.atom")" '<id>https://ssr\.example\.org/tracker/'

# --- from a sub-path of a web server ----------------------------------------
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# python3's http.server, answering with a "LinkChecker" header: linkchecker
# then lifts its wait of 0.1-0.6 s between requests to one host.
(cd pub && exec /usr/bin/python3 -c '
import http.server, sys
class H(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "allow")
        super().end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$port" >/dev/null 2>&1) &
HTTPD=$!
trap 'kill $HTTPD 2>/dev/null; stop_server; rm -rf "$T"' EXIT
for i in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
base="http://127.0.0.1:$port/site"
# Follow the links by hand: home -> stylesheet, home -> recs -> a rec -> its review.
/usr/bin/python3 - "$base/index.html" >"$T/walk.txt" <<'PY'
import sys, re, urllib.request, urllib.parse
def get(u):
    with urllib.request.urlopen(u) as r: return r.status, r.headers.get("Content-Type", ""), r.read().decode()
def link(u, html, pat):
    m = re.search(r'(?:href)="([^"]*%s[^"]*)"' % pat, html); return urllib.parse.urljoin(u, m.group(1))
u = sys.argv[1]; st, ct, home = get(u); print("home", st)
css = link(u, home, r"style\.css"); st, ct, _ = get(css); print("css", st, ct.split(";")[0], css.startswith(u.rsplit("/", 1)[0] + "/static/"))
recs = link(u, home, r"recs/index\.html"); st, ct, page = get(recs); print("recs", st)
rec = link(recs, page, r"recs/SSR1-9/index\.html"); st, ct, page = get(rec); print("rec", st)
rv = link(rec, page, r"reviews/SSR1/index\.html"); st, ct, page = get(rv); print("review", st)
css2 = link(rv, page, r"style\.css"); print("same css", css2 == css)
PY
eq "links followed under a sub-path" "$(cat "$T/walk.txt")" \
    "home 200"$'\n'"css 200 text/css True"$'\n'"recs 200"$'\n'"rec 200"$'\n'"review 200"$'\n'"same css True"

# --- linkchecker: zero broken links, from file:// and over HTTP -------------
if command -v linkchecker >/dev/null; then
    chmod -R a+rX "$T"   # linkchecker drops root privileges to nobody
    printf '[checking]\nthreads=4\nmaxrequestspersecond=1000\n[output]\nstatus=0\n' >"$T/lcrc"
    for start in "file://$T/$S/index.html" "$base/index.html"; do
        out=$(linkchecker -f "$T/lcrc" --no-warnings -r -1 "$start" 2>&1)
        n=$(sed -n 's/.* links in \([0-9]*\) URLs checked.*/\1/p' <<<"$out")
        if grep -q ' 0 errors found' <<<"$out" && [ "${n:-0}" -gt 100 ]; then
            pass "linkchecker: $n URLs, no broken link from ${start%%:*}"
        else
            fail "linkchecker from ${start%%:*}" "$(grep -E 'URL|Result|errors found' <<<"$out" | head -30)"
        fi
    done
else
    echo "# skip - $NAME: linkchecker is not installed (scripts/deps.sh)"
fi

# --- --incremental: only what changed is written, what is gone is removed ------
I=inc
"$BIN" site "$I" >/dev/null
old=200001010000
find "$I" -exec touch -h -t "$old" {} +   # every file and folder dated 2000-01-01
touched() { find "$I" -type f -newermt 2000-01-02 | sed "s|^$I/||" | sort; }
st site "$I" --incremental
has "a second export with no change writes nothing" "$OUT" "^wrote 0 files \(0 bytes\), [0-9]+ unchanged, 0 removed in $I"
eq "... and leaves every mtime as it was" "$(touched | head -5)" ""
"$BIN" rec set SSR1-10 owner="Incremental desk" --reason "test" >/dev/null
st site "$I" --incremental
has "after a change to one rec, a few files are written" "$OUT" "^wrote [1-9][0-9]* files"
eq "of the rec pages, only that rec's page is rewritten" "$(touched | grep '^recs/[^_][^/]*/index\.html$')" \
    "recs/SSR1-10/index.html"
hasf "... with the new value" "$(cat "$I/recs/SSR1-10/index.html")" "Incremental desk"
eq "... and its .gz follows it" "$(gzip -dc "$I/recs/SSR1-10/index.html.gz" | cmp -s - "$I/recs/SSR1-10/index.html" && touched | grep -c '^recs/SSR1-10/index\.html\.gz$')" "1"
has "the pages that show it are rewritten: the home page" "$(touched)" "^index\.html$"
has "... the changes" "$(touched)" "^changes/index\.html$"
eq "another rec's page and its table files are left alone" "$(touched | grep -E '^(recs|tables/recs)/SSR1-9/')" ""
eq "no spreadsheet is made again whose table did not change" \
    "$(touched | grep '\.xlsx$' | sed 's/\.xlsx$//' | while read -r x; do touched | grep -qx "$x.csv" || echo "$x"; done)" ""
cp "$I/.site-manifest" manifest.before
find "$I" -type f | sed "s|^$I/||" | sort >files.before
"$BIN" rec set SSR1-12 restricted=true --reason "test" >/dev/null
st site "$I" --incremental
has "a rec no longer public: its files are removed" "$OUT" ", [1-9][0-9]* removed in $I"
eq "... its page and its folder are gone" "$(test -e "$I/recs/SSR1-12" && echo there)" ""
find "$I" -type f | sed "s|^$I/||" | sort >files.after
eq "the files removed are those the last export listed and this one no longer does" \
    "$(comm -23 files.before files.after)" "$(comm -23 <(sort manifest.before) <(sort "$I/.site-manifest"))"
eq "... as many as it says" "$(comm -23 files.before files.after | wc -l)" "$(sed -n 's/.*, \([0-9]*\) removed.*/\1/p' <<<"$OUT")"
