# End-to-end: a download link beside every table on the pages. A crawl of
# the demo's pages on a real server (table_downloads.py) finds every <table>
# and fails on one without its "Download this table" links, then fetches
# every link (CSV, XLSX read by openpyxl, JSON). Then: the files hold the
# page's rows as of its date, XLSX has a sheet per review, restricted things
# never reach an anonymous download, and the static export writes the files
# its links point to.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3   # Debian's, with python3-openpyxl
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then fail "python3-openpyxl is installed (scripts/deps.sh)"; exit 0; fi
HERE="$ROOT/tests/e2e"

demo_with_users
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

run "$PY" "$HERE/table_downloads.py" "$URL"
if [ "$RC" -eq 0 ]; then pass "every table on the demo's pages has CSV and XLSX links beside it, and they answer (${OUT##*$'\n'})"
else fail "every table on the demo's pages has its download links" "$OUT" "$ERR"; fi
has "... the crawl saw the pages and their tables" "${OUT##*$'\n'}" "^pages [0-9]{3,} tables [0-9]{3,} links [0-9]{3,} problems 0$"

# The checker fails on a table without links: a report page stripped of them.
get "/reports/smart?review=SSR1"
printf '%s' "$BODY" >"$T/page.html"
printf '%s' "$BODY" | sed 's|<p class="downloads">|<p>|' >"$T/bare.html"
eq "the checker passes the page" "$("$PY" "$HERE/table_downloads.py" --page "$T/page.html" | tail -1)" "tables 2 links 3 problems 0"
eq "... and finds its tables without links once they are gone" \
   "$("$PY" "$HERE/table_downloads.py" --page "$T/bare.html" | tail -1)" "tables 2 links 0 problems 1"

# The files: the page's rows, as of its date.
get "/tables/changes/100.csv?as_of=2012-12-31"
eq "changes as of a date: none effective later, 100 rows" \
   "$(printf '%s' "$BODY" | python3 -c 'import csv,sys; r=list(csv.DictReader(sys.stdin)); print(len(r), max(x["effective"] for x in r) <= "2012-12-31")')" "100 True"
hasf "a file's name: the table and the date" "$HEADERS" 'Content-Disposition: attachment; filename="ssrtrack-changes-100-2012-12-31.csv"'
get "/changes?as_of=2012-12-31"
has "the changes page links its changes with its date" "$BODY" 'href="/tables/changes/[0-9]+\.csv\?as_of=2012-12-31"'
eq "a rec's board decisions as of a date" \
   "$(curl -s "$URL/tables/recs/SSR2-1.1/board.csv?as_of=2021-07-22" | tail -n +2 | cut -d, -f1-3)" "SSR2-1.1,2021-07-22,approved"

# XLSX: dates as dates, a sheet per review where the table spans several.
curl -s -o over.xlsx "$URL/tables/milestones/overdue.xlsx"
eq "overdue milestones: a sheet per review, dates as dates, days as numbers" \
   "$("$PY" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
r = list(ws.iter_rows(min_row=2, max_row=2, values_only=True))[0]
print([w.title for w in wb.worksheets], type(r[5]).__name__, type(r[6]).__name__, {c for w in wb.worksheets for c in [w.title]} == {x[0] for w in wb.worksheets for x in w.iter_rows(min_row=2, values_only=True)})' over.xlsx)" \
   "['SSR1'] datetime int True"
curl -s -o smart.xlsx "$URL/reports/smart.xlsx"
eq "the smart report's spreadsheet from the web: a sheet per review" \
   "$("$PY" -c 'import sys,openpyxl; print([w.title for w in openpyxl.load_workbook(sys.argv[1]).worksheets])' smart.xlsx)" "['SSR1', 'SSR2']"
curl -s -o kpis.xlsx "$URL/tables/kpis.xlsx"
eq "KPIs: the latest measure a number, its date a date" \
   "$("$PY" -c 'import sys,openpyxl; ws=openpyxl.load_workbook(sys.argv[1])["SSR2"]; r=[c.value for c in ws[2]]; print(r[0], r[5], r[6].date())' kpis.xlsx)" \
   "K-SSR2-DONE 17 2024-06-30"

before_counts=$(curl -s "$URL/tables/reviews/SSR1/status.csv")

# Bad paths.
for p in /tables/nothing.csv /tables/kpis.pdf /tables/kpis /tables/changes/0.csv /tables/changes/x.csv \
         /tables/recs/NOPE/board.csv /tables/reviews/NOPE/status.xlsx /tables/recs/SSR1-1/board/extra.csv; do
    get "$p"
    eq "$p is a 404" "$CODE" "404"
done
stop_server

# Restricted things never reach an anonymous download; a viewer's token sees them.
"$BIN" rec add SSR1-97 --review SSR1 --title "Restricted" --effective 2013-01-01 >/dev/null
"$BIN" milestone add SSR1-97 --title "Hidden milestone" --due 2014-01-01 --effective 2013-01-01 >/dev/null
"$BIN" kpi add SSR1-97 K97 --name "Hidden" --unit % --direction up --target 90 --effective 2013-01-01 >/dev/null
"$BIN" rec set SSR1-97 restricted=true --reason "not public" >/dev/null
"$BIN" evidence add SSR1-1 https://example.org/secret --title "Hidden evidence" >/dev/null
"$BIN" evidence set "$("$BIN" evidence list --target SSR1-1 --format csv | tail -1 | cut -d, -f1)" restricted=true >/dev/null
TOK=$("$BIN" token create val)
start_server || { fail "server starts again" "$(cat "$T/server.log")"; exit 0; }
for p in /tables/milestones/overdue.csv /tables/changes/100.csv /tables/kpis.csv /reports/evidence.csv; do
    anon=$(curl -s "$URL$p" | grep -cE 'SSR1-97|K97|secret')
    signed=$(curl -s -H "Authorization: Bearer $TOK" "$URL$p" | grep -cE 'SSR1-97|K97|secret')
    eq "$p: nothing restricted for the public; a viewer sees it" "$anon $([ "$signed" -gt 0 ] && echo seen)" "0 seen"
done
eq "a review's counts leave the restricted rec out for the public" \
   "$(curl -s "$URL/tables/reviews/SSR1/status.csv" | grep -c complete) $(curl -s "$URL/tables/reviews/SSR1/status.csv" | md5sum | cut -c1-8)" \
   "$(echo "$before_counts" | grep -c complete) $(echo "$before_counts" | md5sum | cut -c1-8)"
curl -s -o anon.xlsx "$URL/tables/milestones/overdue.xlsx"
curl -s -H "Authorization: Bearer $TOK" -o val.xlsx "$URL/tables/milestones/overdue.xlsx"
xl_recs() { "$PY" -c 'import sys,openpyxl; print(sorted({r[1] for w in openpyxl.load_workbook(sys.argv[1]).worksheets for r in w.iter_rows(min_row=2, values_only=True)} & {"SSR1-97"}))' "$1"; }
eq "the XLSX too: the public's has no restricted row, a viewer's has" "$(xl_recs anon.xlsx) $(xl_recs val.xlsx)" "[] ['SSR1-97']"
get /tables/recs/SSR1-97/milestones.csv
eq "a restricted rec's table is a 404 to the public" "$CODE" "404"
get /tables/recs/SSR1-97/milestones.csv -H "Authorization: Bearer $TOK"
has "... and there for a viewer" "$BODY" "^SSR1-97,SSR1-97[^,]+,Hidden milestone,not_started,2014-01-01,"
stop_server

# The static export writes the files its pages' links point to.
ok "site exports the pages" site "$T/site"
# (The export's links are relative to the page that holds them.)
read -r nlinks missing < <(python3 - "$T/site" <<'PY'
import os, re, sys
root, n, missing = sys.argv[1], 0, []
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"): continue
        s = open(os.path.join(d, f), encoding="utf-8").read()
        for href in re.findall(r'href="((?:\.\./)*tables/[^"]+\.(?:csv|xlsx))"', s):
            n += 1
            if not os.path.isfile(os.path.normpath(os.path.join(d, href))): missing.append(href)
print(n, " ".join(sorted(set(missing))))
PY
)
eq "every download link of the static pages has its file" "$missing" ""
has "... and there are such links" "$nlinks" "^[0-9]{3,}$"
eq "the static files hold nothing restricted" "$(grep -rlaE 'SSR1-97|K97|example.org/secret' "$T/site/tables" "$T/site/reports" | wc -l)" "0"
eq "a static XLSX opens, a sheet per review" \
   "$("$PY" -c 'import sys,openpyxl; print([w.title for w in openpyxl.load_workbook(sys.argv[1]).worksheets])' "$T/site/tables/milestones/overdue.xlsx")" "['SSR1']"
