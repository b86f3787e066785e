# End-to-end: import --format csv — a timeline of rows per rec with combined
# board dispositions and reported dates, re-import adding nothing, every bad
# input named by FILE:LINE:COLUMN with the log untouched, and the round trip
# of rec list --format csv.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
st review add R --title "A review" --effective 2019-01-01
printf '\xEF\xBB\xBF Id ,TITLE,status,board,effective,reported,reason,parent\r\n' > t.csv
cat >> t.csv <<'CSV'
R-1,"Keep the root zone signed, always",planning,pending,2020-02-01,2020-02-10,report published,
R-1,,In progress,approved+passed through,2020-03-01,2020-03-20,Board resolution,
R-2,"A ""quoted"" title",,pending+passed_through,2020-02-01,,,
R-1.1,"A part, of R-1",,rejected,2020-02-01,,,R-1
R-1,,complete,,2020-06-30,,,
R-2,,,approved,2020-03-01,,,
CSV
ok "import a csv timeline" import --format csv t.csv --review R --reason "from the spreadsheet"
eq "it says what it did" "$OUT" "imported 6 rows: 3 recs created, 3 updated, 15 changes"
st report board --review R --format csv
eq "the board timeline from the rows, combined dispositions in both columns" "$(tr -d '\r' <<<"$OUT")" \
"date,approved,passed_through,pending,rejected,changed
2020-02-01,0,1,2,1,R-1 R-1.1 R-2
2020-03-01,2,1,0,1,R-1 R-2"
st rec history R-1 --format json
eq "each row on its date with its reported date and reason" \
   "$(jq -r '.[]|select(.field=="status")|"\(.value)@\(.effective_at)/\(.reported)/\(.reason)"' <<<"$OUT" | paste -sd' ')" \
   "planning@2020-02-01/2020-02-10/report published in_progress@2020-03-01/2020-03-20/Board resolution complete@2020-06-30/$(date -u +%F)/from the spreadsheet"
st rec show R-1.1 --format json
eq "quoted comma kept, parent set" "$(jq -r '[.title,.parent]|join("|")' <<<"$OUT")" "A part, of R-1|R-1"
printf 'id,text\nR-2,"A text\r\nover ""two"" lines"\n' > text.csv
ok "a quoted line break" import --format csv text.csv --effective 2020-04-01
eq "kept as LF in the text" "$(jq -r .text <<<"$("$BIN" rec show R-2 --format json)")" 'A text
over "two" lines'
eq "one transaction each" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(DISTINCT tx) FROM change_log WHERE entity='rec'")" "2"
before=$(log_state)
ok "re-import" import --format csv t.csv --review R
eq "re-importing the same file adds nothing" "$(log_state)" "$before"

# Bad input: one line FILE:LINE:COLUMN: problem, exit 1, the log untouched.
bad() {  # NAME PATTERN CSV-TEXT [OPTIONS...]
    local name=$1 pat=$2 text=$3; shift 3
    printf '%b' "$text" > bad.csv
    st import --format csv bad.csv "$@"
    local lines
    lines=$(printf '%s' "$ERR" | grep -c '')
    if [ "$RC" -ne 1 ] || [ "$lines" -ne 1 ]; then fail "$name" "exit $RC, $lines lines: $ERR"; return; fi
    if ! printf '%s' "$ERR" | grep -Fq -- "$pat"; then fail "$name" "message lacks '$pat': $ERR"; return; fi
    if [ "$(log_state)" != "$before" ]; then fail "$name" "the change log changed"; return; fi
    pass "$name"
}
bad "unknown column" "bad.csv:1:10: unknown column 'colour'" 'id,title,colour\nR-9,x,blue\n' --review R
bad "column named twice" "bad.csv:1:10: the column is named twice: title" 'id,title,Title\nR-9,x,y\n' --review R
bad "no id column" "bad.csv:1:1: the header has no 'id' column" 'title\nx\n'
bad "bad status" "bad.csv:3:7: field 'status': unknown status 'finished'" 'id,title,status\nR-9,x,planning\nR-9,x,finished\n' --review R
bad "bad board" "bad.csv:2:5: field 'board': unknown disposition 'approved+approved'" 'id,board\nR-1,approved+approved\n'
bad "bad effective date" "bad.csv:2:5: effective: not a valid date (YYYY-MM-DD): 2020-02-30" 'id,effective\nR-1,2020-02-30\n'
bad "bad reported date" "bad.csv:2:5: reported: not a valid date" 'id,reported\nR-1,soon\n'
bad "empty id" "bad.csv:3:1: the id is empty" 'id,title\nR-9,x\n,y\n' --review R
bad "bad id" "bad.csv:2:1: not a valid rec id: R 9" 'id,title\nR 9,x\n' --review R
bad "new rec without a title" "bad.csv:2:1: a new rec needs a title: R-9" 'id,status\nR-9,planning\n' --review R
bad "new rec without a review" "bad.csv:2:1: a new rec needs a review" 'id,title\nR-9,x\n'
bad "too few fields" "bad.csv:2:1: 1 fields where the header has 2" 'id,title\nR-9\n' --review R
bad "a quote inside a field" "bad.csv:2:7: a quote inside an unquoted field" 'id,title\nR-9,ab"c\n' --review R
bad "text after a closing quote" "bad.csv:2:9: text after the closing quote" 'id,title\nR-9,"ab"c\n' --review R
bad "an unclosed quote" "bad.csv:2:5: a quoted field is not closed by the end of the file" 'id,title\nR-9,"abc\n' --review R
bad "not UTF-8" "bad.csv:2:6: bytes that are not UTF-8" 'id,title\nR-9,a\xff\n' --review R
bad "effective in the future" "bad.csv:2:1: " 'id,title,effective\nR-9,x,2999-01-01\n' --review R
bad "unknown parent" "no such rec: R-77" 'id,title,parent\nR-9,x,R-77\n' --review R
bad "the last row fails: nothing of the others is written" "bad.csv:3:8" 'id,title,status\nR-9,x,planning\nR-10,y,nope\n' --review R
bad "a store error on a later row rolls back the earlier ones" "bad.csv:3:1: effective date 2019-06-01 is before rec R-1 existed" \
    'id,title,effective\nR-9,x,2020-01-01\nR-1,y,2019-06-01\n' --review R

# The round trip: rec list --format csv imports back into the same state.
export SSRTRACK_DB="$T/demo.db"
"$BIN" init >/dev/null && "$BIN" demo >/dev/null
st rec list --format csv
printf '%s\n' "$OUT" > all.csv
state() { "$BIN" rec list --format json | jq -S 'map(del(.milestones, .since, .changed, .as_of))'; }
want=$(state)
export SSRTRACK_DB="$T/copy.db"
"$BIN" init >/dev/null
for r in SSR1 SSR2; do "$BIN" review add $r --title "$r" --effective 2000-01-01 >/dev/null; done
ok "rec list csv imports into another database" import --format csv all.csv
eq "the same current state" "$(state)" "$want"
n=$(log_count)
ok "and again" import --format csv all.csv
eq "adding nothing" "$(log_count)" "$n"
