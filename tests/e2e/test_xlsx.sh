# End-to-end: spreadsheets out — rec list and every report as XLSX (through
# libxlsxwriter), read back with Debian's python3-openpyxl: values, dates as
# dates, numbers as numbers, the header frozen with filters on, widths, one
# sheet per review; and the downloads of the web.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3   # Debian's, with python3-openpyxl
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then fail "python3-openpyxl is installed (scripts/deps.sh)"; exit 0; fi

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
# read FILE: each sheet as "NAME rows cols frozen filter", then its first rows as Python values.
read_xlsx() {
    "$PY" - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(ws.title, ws.max_row, ws.max_column, ws.freeze_panes, ws.auto_filter.ref)
    for row in ws.iter_rows(min_row=1, max_row=3, values_only=True):
        print(repr(row[:5]))
    print("bold header:", all(c.font.b for c in ws[1]), "widths:", all((ws.column_dimensions[c.column_letter].width or 0) > 5 for c in ws[1]))
PY
}
ok "rec list --format xlsx -o FILE" rec list --format xlsx -o recs.xlsx
got=$(read_xlsx recs.xlsx)
hasf "one sheet per review: SSR1 with 33 recs" "$got" "SSR1 34 13 A2 A1:M34"
hasf "and SSR2 with 24 groups and 63 recs" "$got" "SSR2 88 13 A2 A1:M88"
hasf "the header row" "$got" "('id', 'review', 'parent', 'title', 'text')"
hasf "header bold, widths that fit" "$got" "bold header: True widths: True"
hasf "a row" "$got" "('SSR2-1', 'SSR2', None, \"Finish SSR1's implementation\", None)"

# Without -o the file goes to stdout, which is not a terminal here.
"$BIN" report board --review SSR2 --format xlsx > board.xlsx
got=$(read_xlsx board.xlsx)
hasf "the board report: a sheet named for the review" "$got" "SSR2 board 6 6 A2 A1:F6"
hasf "dates as dates, counts as numbers" "$got" "(datetime.datetime(2021, 7, 22, 0, 0), 13, 0, 34, 16)"
eq "every round as in the JSON" \
   "$("$PY" -c 'import sys,openpyxl; ws=openpyxl.load_workbook(sys.argv[1]).active; [print(r[0].date(), *r[1:5]) for r in ws.iter_rows(min_row=2, values_only=True)]' board.xlsx)" \
   "$("$BIN" report board --review SSR2 --format json | jq -r '.rounds[]|"\(.date) \(.approved) \(.passed_through) \(.pending) \(.rejected)"')"
# sheets FILE: "NAME:ROWS" of each sheet, the header row not counted.
sheets() { "$PY" -c 'import sys,openpyxl; print(" ".join(f"{ws.title}:{ws.max_row - 1}" for ws in openpyxl.load_workbook(sys.argv[1]).worksheets))' "$1" 2>&1; }
# csv_sheets: the same counted from a CSV on stdin, by its review column
# (as the sheets ought to be), or one sheet named $1 when it has none.
csv_sheets() { python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
if rows and "review" in rows[0]:
    order = []
    for r in rows:
        order += [r["review"]] if r["review"] not in order else []
    print(" ".join("%s:%d" % (v, sum(1 for r in rows if r["review"] == v)) for v in order))
else:
    print("%s:%d" % (sys.argv[1], len(rows)))' "$1"; }
for kind in implementation assessment quarterly; do
    "$BIN" report $kind --format xlsx -o r.xlsx 2>err.txt
    eq "report $kind --format xlsx: one sheet named for its review, with the CSV's rows" "$(sheets r.xlsx)" \
       "$("$BIN" report $kind --format csv | csv_sheets "SSR1 $kind")"
done
# smart spans every review: a review column, and a sheet per review.
"$BIN" report smart --format csv >smart.csv
hasf "report smart --format csv has a review column" "$(head -1 smart.csv)" "rec,review,rule,letter,detail"
"$BIN" report smart --format xlsx -o smart.xlsx
got=$(sheets smart.xlsx)
eq "report smart --format xlsx: one sheet per review, each with its review's rows" "$got" "$(csv_sheets smart <smart.csv)"
has "... both reviews" "$got" "^SSR1:[1-9][0-9]* SSR2:[1-9][0-9]*$"
eq "... a sheet holds its own review's rows only" \
   "$("$PY" -c 'import sys,openpyxl; print(sorted({(ws.title, r[1]) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for r in ws.iter_rows(min_row=2, values_only=True)}))' smart.xlsx)" \
   "[('SSR1', 'SSR1'), ('SSR2', 'SSR2')]"
eq "report smart --format json: each rec's review" \
   "$("$BIN" report smart --format json | jq -c '[.recs_findings[].review] | unique')" '["SSR1","SSR2"]'
"$BIN" report smart --review SSR2 --format xlsx -o smart2.xlsx
has "report smart --review SSR2: one sheet, SSR2" "$(sheets smart2.xlsx)" "^SSR2:[1-9][0-9]*$"
# evidence: the review of the rec it is cited for, directly or through a
# milestone or an assessment item (SSR2's assessment of SSR1's recs: SSR1).
"$BIN" evidence add SSR2-1.1 https://example.org/a --title "On a rec" --effective 2022-01-01 >/dev/null
"$BIN" evidence add SSR1-1.1 https://example.org/b --title "On a milestone" --effective 2013-01-01 >/dev/null
"$BIN" evidence add SSR2-SSR1/SSR1-1 https://example.org/c --title "On an item" --effective 2021-01-01 >/dev/null
ok "report evidence --format xlsx" report evidence --format xlsx -o ev.xlsx
"$BIN" report evidence --format csv >ev.csv
has "report evidence --format csv ends with a review column" "$(head -1 ev.csv)" ",error,review.?$"
eq "report evidence --format xlsx: one sheet per review" "$(sheets ev.xlsx)" "$(csv_sheets evidence <ev.csv)"
has "... here both reviews" "$(sheets ev.xlsx)" "^SSR2:1 SSR1:2$"
eq "each evidence row has the review of its rec" \
   "$(python3 -c 'import csv,sys; print(" ".join(r["target_kind"] + ":" + r["review"] for r in csv.DictReader(sys.stdin)))' <ev.csv)" \
   "rec:SSR2 milestone:SSR1 item:SSR1"
eq "report evidence --format json: each entry's review" \
   "$("$BIN" report evidence --format json | jq -c '[.evidence[].review]')" '["SSR2","SSR1","SSR1"]'
must_fail "an unknown format" 1 report board --format xls

# The web: download links beside the tables, and the files they give.
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
get /reviews/SSR2/board
hasf "the board page links its spreadsheet" "$BODY" 'href="/reviews/SSR2/board?format=xlsx"'
curl -s -D h.txt -o web.xlsx "$URL/reviews/SSR2/board?format=xlsx"
hasf "served as a spreadsheet" "$(tr -d '\r' <h.txt)" "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
hasf "the same sheet" "$(read_xlsx web.xlsx)" "SSR2 board 6 6 A2 A1:F6"
get /reports
hasf "the reports page offers xlsx" "$BODY" 'href="/reports/quarterly?format=xlsx"'
curl -s -o q.xlsx "$URL/reports/quarterly?format=xlsx&review=SSR1"
hasf "a report from the web" "$(read_xlsx q.xlsx)" "quarterly"
stop_server

# The list of recs, filtered as on the page, downloads as CSV and XLSX.
start_server || { fail "server starts again" "$(cat "$T/server.log")"; exit 0; }
get "/recs?review=SSR2&status=complete"
hasf "the recs page links its list as a spreadsheet, with its filters" "$BODY" 'href="/recs?review=SSR2&amp;status=complete&amp;format=xlsx"'
get /recs
hasf "without filters" "$BODY" 'href="/recs?format=csv"'
get "/recs?review=SSR2&status=complete&format=csv"
eq "the csv holds the recs the page lists" "$(python3 -c 'import csv,sys; r=list(csv.DictReader(sys.stdin)); print(len(r), {x["status"] for x in r}, {x["review"] for x in r})' <<<"$BODY")" \
   "17 {'complete'} {'SSR2'}"
curl -s -o list.xlsx "$URL/recs?format=xlsx"
hasf "the xlsx has a sheet per review" "$(read_xlsx list.xlsx | grep -E '^SSR[12] ' | cut -d' ' -f1-2 | paste -sd' ')" "SSR1 34 SSR2 88"
get "/recs?format=pdf"
eq "an unknown format is a 400" "$CODE" "400"
stop_server
