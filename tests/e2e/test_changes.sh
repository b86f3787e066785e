# End-to-end: changes as people think of them — one entry per transaction
# (a command, a form post, an API call, an import) on /changes, the home
# page, a rec's history and the Atom feed, each a line in words with the
# field-level detail folded; never an internal field such as "rec = …".
# The feed is read by Python's XML parser, as a feed reader would.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

# feed_check FILE: the feed parses; prints one line per entry: id, title,
# then a line "ok" when every entry has a unique id, a title, an updated
# time, a link and content.
feed_check() {
    "$PY" - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == A + "feed", root.tag
ids = []
for e in root.findall(A + "entry"):
    i, t = e.findtext(A + "id"), e.findtext(A + "title")
    assert i and t and e.findtext(A + "updated") and e.find(A + "link") is not None, i
    assert e.find(A + "content") is not None, i
    ids.append(i)
    print(i.rsplit("#", 1)[1], t, sep="\t")
assert len(ids) == len(set(ids)), "duplicate ids"
print("ok")
EOF
}

# --- the demo, and a status change --------------------------------------------
demo_with_users
ntx=$(sqlite3 "$SSRTRACK_DB" "SELECT count(DISTINCT coalesce(tx, seq)) FROM change_log")
ok "a status change" rec set SSR1-9 status=complete --effective 2015-06-30 --reason "roadmap published"
ok "three fields at once" rec set SSR1-6 owner="Security team" due=2016-01-01 topic=Roles --reason "reorganised"
start_server
get /changes.atom
printf '%s' "$BODY" >feed1.xml
run feed_check feed1.xml
eq "the feed parses, every entry whole" "$(tail -1 <<<"$OUT") $RC" "ok 0"
entries=$(sed '$d' <<<"$OUT")
eq "one entry per transaction" "$(grep -c . <<<"$entries")" "$((ntx + 2))"
hasf "the status change in words" "$entries" $'\tSSR1-9: In progress \xe2\x86\x92 Complete'
hasf "several fields named in words" "$entries" $'\t3 changes to SSR1-6 (owner, due date, topic)'
hasf "a Board round counted" "$entries" $'\tBoard decisions on 63 recommendations: 34 Pending, 16 Rejected, 13 Approved'
hasnt "no internal field in any entry" "$BODY" "(assessment|rec|relevant|status) = "
hasf "the content carries the field detail" "$BODY" "SSR1-9, status: In progress → Complete (effective 2015-06-30)"
has "entry ids from the transaction" "$BODY" "<id>urn:ssrtrack:[^<]*:changes#tx-[0-9]+</id>"
first=$(head -1 <<<"$entries" | cut -f1)

# A later change adds an entry; the others keep their ids.
ok "a later change" rec set SSR1-9 owner=CIIO --reason "owner named"
get /changes.atom
printf '%s' "$BODY" >feed2.xml
run feed_check feed2.xml
eq "ids are stable: the new entry on top, the old ones as they were" \
    "$(sed -n '2,3p' <<<"$OUT" | cut -f1 | paste -sd' ')" "$first $(sed -n 2p <<<"$entries" | cut -f1)"
hasf "an owner set in words" "$(sed -n 1p <<<"$OUT")" $'\tSSR1-9: owner CIIO'

# /changes: the same entries, the detail folded, linked to the thing.
get /changes
hasf "a line in words, linked to the rec" "$BODY" '<a href="/recs/SSR1-9">SSR1-9: In progress → Complete</a>'
has "both times, the lag in years, who and why" "$BODY" \
    'effective <time>2015-06-30</time> \(recorded 1[0-9] years later\) · recorded <time datetime="[0-9T:-]+Z">[^<]+</time> by <span class="who">tester</span>'
hasf "... the reason" "$BODY" '<q class="why">roadmap published</q>'
hasf "the field detail on demand" "$BODY" '<details><summary>3 changes</summary>'
hasnt "no internal field on the page" "$BODY" "<code>(rec|assessment|status)</code> ="
eq "one entry per transaction on the page" "$(grep -o '<li id="tx-' <<<"$BODY" | wc -l)" "$((ntx + 3))"

# The home page and the rec's history use the same entries.
get /
hasf "home: recent changes in words" "$BODY" 'SSR1-9: owner CIIO</a>'
get /recs/SSR1-9
hasf "history: the status change in words" "$BODY" 'SSR1-9: In progress → Complete</span>'
hasf "history: the rec's creation with its milestones" "$BODY" "(and 3 new milestones)"
hasnt "history: no internal field" "$BODY" "<code>[a-z_]+</code> ="
stop_server

# --- paging: every transaction once, newest first -------------------------------
for i in $(seq 1 60); do "$BIN" rec set SSR1-1 owner="Owner $i" --reason "round $i" >/dev/null; done
start_server
all=$(sqlite3 "$SSRTRACK_DB" "SELECT DISTINCT coalesce(tx, seq) FROM change_log ORDER BY 1 DESC")
seen="" before="" pages=0
while :; do
    get "/changes${before:+?before=$before}"
    pages=$((pages + 1))
    seen="$seen$(grep -o '<li id="tx-[0-9]*"' <<<"$BODY" | sed 's/[^0-9]//g')"$'\n'
    before=$(sed -n 's/.*href="\/changes?before=\([0-9]*\)".*/\1/p' <<<"$BODY" | head -1)
    [ -n "$before" ] && [ "$pages" -lt 10 ] || break
done
eq "pages of 50 give every transaction once, newest first" "$(grep . <<<"$seen")" "$all"
eq "... on $(( ($(grep -c . <<<"$all") + 49) / 50 )) pages" "$pages" "$(( ($(grep -c . <<<"$all") + 49) / 50 ))"
stop_server

# --- what the public may not see ------------------------------------------------
ok "restrict a rec" rec set SSR1-12 restricted=true --reason "under embargo"
ok "a change to it" rec set SSR1-12 status=complete --reason "secret progress"
start_server
get /changes.atom
hasnt "a restricted rec's changes are not in the feed" "$BODY" "secret progress|SSR1-12"
get /changes
hasnt "... nor on /changes" "$BODY" "secret progress|SSR1-12"
stop_server

# --- a transaction of more rows than are read: summed up from its start --------
export SSRTRACK_DB="$T/big.db"
"$BIN" init >/dev/null
sh "$ROOT/bench/gen_changes.sh" 30 100 >big.json
ok "one import of 3001 changes" import big.json
start_server
get /changes
eq "one entry" "$(grep -o '<li id="tx-' <<<"$BODY" | wc -l)" "1"
hasf "it says it was summed up from the start" "$BODY" \
    "20 new recommendations, 1 new review <small>(from the first 2000 of its 3001 changes)</small>"
get /changes.atom
printf '%s' "$BODY" >feed4.xml
run feed_check feed4.xml
eq "... and the feed, which parses" "$(tail -1 <<<"$OUT") $RC" "ok 0"
hasf "... says so too" "$BODY" "Summed up from the first 2000 of its 3001 changes."
stop_server

# --- the two source documents: one entry per import, counted --------------------
if have_seeds 002_0b44ff1b59d411cb.txt 000_1b707e8e43b30b9a.txt; then
    export SSRTRACK_DB="$T/docs.db"
    "$BIN" init >/dev/null
    ok "import the SSR1 report" import --format ssr1-report "$SEEDS/002_0b44ff1b59d411cb.txt"
    ok "import the SSR2 assessment" import --format ssr2-assessment "$SEEDS/000_1b707e8e43b30b9a.txt"
    start_server
    get /changes.atom
    printf '%s' "$BODY" >feed3.xml
    run feed_check feed3.xml
    eq "the feed parses" "$(tail -1 <<<"$OUT") $RC" "ok 0"
    eq "two imports, two entries" "$(sed '$d' <<<"$OUT" | cut -f2-)" \
"Imported the SSR2 assessment of SSR1: 28 items, 27 evidence links, 9 draft recommendations
Imported the SSR1 implementation report: 33 recommendations, 42 milestones"
    hasnt "no internal field in the import's entry" "$BODY" "(assessment|rec|relevant) = "
    hasf "linked to the assessment" "$BODY" '<link href="/assessments/SSR2-SSR1"/>'
    get /changes
    has "the import on /changes, its detail folded" "$BODY" '<details><summary>[0-9]{3} changes</summary>'
    hasf "... the detail cut, saying how much more" "$BODY" "more changes (log entries"
    stop_server
fi
