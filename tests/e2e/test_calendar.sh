# End-to-end: the iCalendar feeds of due dates (/calendar.ics, per owner, per
# review, and the static export), read by Debian's python3-icalendar from a
# real server on 127.0.0.1: all-day dates, stable UIDs, a URL back to the
# rec, hostile text escaped, restricted things absent.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

seed_small
"$BIN" review add SSR2 --title "Second review" --effective 2018-01-01 >/dev/null
"$BIN" rec add SSR2-1 --review SSR2 --title "Later work" --owner Legal --due 2021-06-30 --effective 2018-01-01 >/dev/null
hostile='Fix; this, now \ <script>x</script> é'
"$BIN" rec set SSR1-1 "title=$hostile" owner=Ops due=2014-03-31 --effective 2013-01-01 >/dev/null
ms=$("$BIN" milestone add SSR1-1 --title 'Draft, then publish' --due 2013-12-01 --effective 2013-01-01)
hid=$("$BIN" milestone add SSR1-1 --title 'Quiet milestone' --due 2013-11-01 --effective 2013-01-01)
"$BIN" milestone set "$hid" restricted=true >/dev/null
"$BIN" rec set SSR1-6 owner=Legal due=2015-01-15 restricted=true --effective 2013-01-01 >/dev/null
"$BIN" milestone add SSR1-6A --title 'Under a restricted parent' --due 2014-05-01 --effective 2013-01-01 >/dev/null
"$BIN" config set base-url https://tracker.example.org >/dev/null

start_server || fail "server starts" "$(cat "$T/server.log")"
check() {  # check NAME FILE ARGS...: run the python check below on FILE
    local name=$1 file=$2; shift 2
    if out=$("$PY" - "$file" "$@" 2>&1 <<'PY'
import datetime, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
want = dict(a.split("=", 1) for a in sys.argv[2:])
evs = {str(e["UID"]): e for e in cal.walk("VEVENT")}
for uid, e in evs.items():
    for p in ("DTSTART", "DTEND"):
        d = e[p].dt
        assert type(d) is datetime.date, (uid, p, d)
    assert e["DTEND"].dt - e["DTSTART"].dt == datetime.timedelta(days=1)
    assert str(e["URL"]).startswith("https://tracker.example.org/recs/"), e["URL"]
got = ",".join(sorted(evs))
assert got == want["uids"], (got, want["uids"])
for k, v in want.items():
    if k.startswith("summary:"):
        assert str(evs[k[8:]]["SUMMARY"]) == v, (str(evs[k[8:]]["SUMMARY"]), v)
    if k.startswith("date:"):
        assert evs[k[5:]]["DTSTART"].dt.isoformat() == v, (evs[k[5:]]["DTSTART"].dt, v)
    if k.startswith("url:"):
        assert str(evs[k[4:]]["URL"]) == v, evs[k[4:]]["URL"]
print("ok")
PY
    ); then pass "$name"; else fail "$name" "$out"; fi
}

get /calendar.ics
eq "served" "$CODE" "200"
hasf "as text/calendar" "$HEADERS" "Content-Type: text/calendar; charset=utf-8"
printf '%s' "$BODY" >all.ics
all="milestone-$ms@ssrtrack,rec-SSR1-1@ssrtrack,rec-SSR2-1@ssrtrack"
check "all due dates, restricted ones absent, text round-trips" all.ics "uids=$all" \
    "summary:rec-SSR1-1@ssrtrack=SSR1-1 due: $hostile" "date:rec-SSR1-1@ssrtrack=2014-03-31" \
    "summary:milestone-$ms@ssrtrack=$ms due: Draft, then publish" \
    "url:milestone-$ms@ssrtrack=https://tracker.example.org/recs/SSR1-1"
hasf "TEXT escaped as RFC 5545 says" "$BODY" 'Fix\; this\, now \\ <script>'
awk 'length($0) > 76 { bad = 1 } END { exit bad }' all.ics && pass "lines folded at 75 octets" || fail "lines folded at 75 octets" "$(awk 'length($0) > 76' all.ics)"
hasnt "no restricted title" "$BODY" "Quiet milestone|SSR1-6|restricted parent"
get /calendar.ics -H "Cookie: x=y"
eq "the same for anyone" "$(printf '%s' "$BODY" | grep -v DTSTAMP)" "$(grep -v DTSTAMP all.ics)"

get "/calendar.ics?owner=Legal"
printf '%s' "$BODY" >legal.ics
check "per owner (restricted rec of the same owner absent)" legal.ics "uids=rec-SSR2-1@ssrtrack"
get "/calendar.ics?owner=Nobody"
printf '%s' "$BODY" >none.ics
check "an owner with nothing: an empty calendar" none.ics "uids="
get "/reviews/SSR1/calendar.ics"
printf '%s' "$BODY" >ssr1.ics
check "per review" ssr1.ics "uids=milestone-$ms@ssrtrack,rec-SSR1-1@ssrtrack"
get "/reviews/SSR9/calendar.ics"
eq "unknown review: 404" "$CODE" "404"
get "/calendar.ics?owner="
eq "empty owner: 400" "$CODE" "400"
get "/calendar.ics?as_of=2013-06-30"
printf '%s' "$BODY" >early.ics
check "as of a date: only what existed then" early.ics "uids=milestone-$ms@ssrtrack,rec-SSR1-1@ssrtrack"

# A moved date keeps its UID.
"$BIN" rec set SSR1-1 due=2014-06-30 >/dev/null
get /calendar.ics
printf '%s' "$BODY" >moved.ics
check "a moved date keeps its UID" moved.ics "uids=$all" "date:rec-SSR1-1@ssrtrack=2014-06-30"
stop_server

ok "site writes the calendars" site out
check "site: calendar.ics" out/calendar.ics "uids=$all"
check "site: a review's calendar" out/reviews/SSR2/calendar.ics "uids=rec-SSR2-1@ssrtrack"
