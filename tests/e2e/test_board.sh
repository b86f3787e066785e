# End-to-end: the Board's decisions as a timeline (report board), with
# combined dispositions counted in both, same-day corrections, as-of views,
# restricted recs left out, and every format; a file of schema version 11
# gets the index of the decisions when first opened read-write.
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
st review add R --title "A review" --effective 2020-01-01
for i in 1 2 3 4; do st rec add R-$i --review R --title "Rec $i" --effective 2020-01-01; done
st rec set R-1 board=approved --effective 2020-02-01
st rec set R-2 board=pending --effective 2020-02-01
st rec set R-3 "board=Passed through+approved" --effective 2020-02-01
st rec set R-2 board=pending+passed_through --effective 2020-03-01
st rec set R-1 board=approved --effective 2020-04-01        # no change: no round
st rec set R-4 board=rejected --effective 2020-05-01
st rec set R-4 board=approved --effective 2020-05-01        # same day: the last stands
st rec set R-1 board=rejected --effective 2020-06-01 --reason "reconsidered"

st rec show R-3 --format json
eq "combined disposition stored in canonical order" "$(jq -r .board <<<"$OUT")" "approved+passed_through"

st report board --review R --format json
j=$OUT
eq "one round per date on which a disposition changed" "$(jq -r '[.rounds[].date]|join(" ")' <<<"$j")" \
   "2020-02-01 2020-03-01 2020-05-01 2020-06-01"
rows() { jq -r '.rounds[]|[.date,.approved,.passed_through,.pending,.rejected,(.changed|join(" "))]|map(tostring)|join("|")' <<<"$1"; }
eq "running counts, two dispositions counted in both" "$(rows "$j")" \
"2020-02-01|2|1|1|0|R-1 R-2 R-3
2020-03-01|2|2|1|0|R-2
2020-05-01|3|2|1|0|R-4
2020-06-01|2|2|1|1|R-1"
eq "json names the review and the date" "$(jq -r '[.review,(.as_of|test("^[0-9]{4}-"))]|map(tostring)|join(" ")' <<<"$j")" "R true"

st report board --review R --as-of 2020-03-15 --format json
eq "as of a date: rounds up to it" "$(rows "$OUT")" \
"2020-02-01|2|1|1|0|R-1 R-2 R-3
2020-03-01|2|2|1|0|R-2"

st report board --review R --format csv
eq "csv" "$(tr -d '\r' <<<"$OUT")" \
"date,approved,passed_through,pending,rejected,changed
2020-02-01,2,1,1,0,R-1 R-2 R-3
2020-03-01,2,2,1,0,R-2
2020-05-01,3,2,1,0,R-4
2020-06-01,2,2,1,1,R-1"
st report board --review R
hasf "markdown row" "$OUT" "| 2020-06-01 | 2 | 2 | 1 | 1 | R-1 |"
st report board --review R --format html
hasf "html links the changed recs" "$OUT" '<a href="/recs/R-4">R-4</a>'

# The pages and the API, over a real server.
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
get /reviews/R/board
eq "board page" "$CODE" "200"
hasf "board page row" "$BODY" '<td><time>2020-03-01</time></td><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">0</td><td><a href="/recs/R-2">R-2</a></td>'
hasf "board page download links" "$BODY" 'href="/reviews/R/board?format=csv"'
get /reviews/R
hasf "review page links its board page" "$BODY" 'href="/reviews/R/board"'
get "/reviews/R/board?format=csv"
eq "board csv download" "$(tr -d '\r' <<<"$BODY" | sed -n 3p)" "2020-03-01,2,2,1,0,R-2"
get "/reviews/R/board.json?as_of=2020-03-15"
eq "board json download, as of a date" "$(jq '.rounds|length' <<<"$BODY")" "2"
get /reviews/R/nothing
eq "no other page under a review" "$CODE" "404"
get /api/v1/reviews/R/board
eq "API route" "$(jq -r '.rounds[-1]|[.date,.rejected]|map(tostring)|join(" ")' <<<"$BODY")" "2020-06-01 1"
get /api/v1/reviews/NOPE/board
eq "API: unknown review" "$CODE" "404"
get /recs/R-1
hasf "rec page: decisions over time" "$BODY" '<tr><td><time>2020-06-01</time></td><td>Rejected</td><td>reconsidered</td></tr>'
get /recs/R-3
hasf "rec page: a combined disposition" "$BODY" '<td>Approved + Passed through</td>'
get "/recs/R-1?as_of=2020-03-01"
hasnt "rec page as of a date: later decisions not shown" "$BODY" 'reconsidered'
stop_server

st rec set R-3 restricted=true --effective 2020-01-01
st report board --review R --format json
eq "restricted recs are left out" "$(jq -r '.rounds[0]|[.approved,.passed_through,(.changed|join(" "))]|map(tostring)|join("|")' <<<"$OUT")" "1|0|R-1 R-2"
st report board --review R --format json --include-restricted
eq "unless asked for" "$(jq -r '.rounds[0].approved' <<<"$OUT")" "2"

must_fail "unknown review" 1 report board --review NOPE

# The same file as schema version 11 wrote it: no index of the Board
# decisions. Opened read-write once, it gets the index new files have, and
# the timeline reads the same.
cp "$SSRTRACK_DB" old.db
sqlite3 old.db "DROP INDEX change_log_rec_board; PRAGMA user_version=11"
st report board --review R --format json --include-restricted
want=$OUT
page() { printf 'GET %s HTTP/1.0\r\nHost: test\r\n\r\n' "$2" | "$BIN" --db "$1" http | sed '1,/^\r$/d'; }
board_page=$(page "$SSRTRACK_DB" /reviews/R/board)
ok "a file of schema version 11 opens and verifies" --db old.db verify
eq "its schema is upgraded" "$(sqlite3 old.db 'PRAGMA user_version')" "$(sqlite3 "$SSRTRACK_DB" 'PRAGMA user_version')"
index_sql() { sqlite3 "$1" "SELECT sql FROM sqlite_schema WHERE name = 'change_log_rec_board'"; }
eq "the upgrade indexes the Board decisions as a new file does" "$(index_sql old.db)" "$(index_sql "$SSRTRACK_DB")"
has "... only theirs" "$(index_sql old.db)" "WHERE field = 'board' AND entity = 'rec'\$"
decisions() { sqlite3 old.db "SELECT count(*) FROM change_log $1 WHERE entity = 'rec' AND field = 'board'"; }
eq "... all of them: the eight rec sets of board above, through the index and not" \
   "$(decisions 'INDEXED BY change_log_rec_board') $(decisions 'NOT INDEXED')" "8 8"
st --db old.db report board --review R --format json --include-restricted
eq "the timeline from the upgraded file is the same" "$OUT" "$want"
eq "... and the Board page" "$(page old.db /reviews/R/board | sha256sum)" "$(sha256sum <<<"$board_page")"
