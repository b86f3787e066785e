#!/usr/bin/env bash
# seeds.sh — (re)make the seed-* files of the fuzz corpora (tests/fuzz/corpus/)
# from the built binary, in our own words (no text of the source documents).
# Other files there (crash-*, inputs a fuzzing run found) are kept.
#   tests/fuzz/seeds.sh [BIN]        BIN: build/ssrtrack by default
# Needs jq. Dates are fixed (SSRTRACK_NOW) before the drivers' clock, so the
# seeds import as they would have when made.
set -eu
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=$(realpath "${1:-build/ssrtrack}")
C=$ROOT/tests/fuzz/corpus
# The test key of fuzz_verify_proof.c and fuzz_web.c: the database below adopts it.
SIGNER='PRIVATE+KEY+fuzz.example/log+ce63efe7+ATznFAT8MRCTS2IHROantAz9p3B3hwd0M0fJHOGJtN1Q'
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SSRTRACK_NOW=2024-01-02T03:04:05Z SSRTRACK_ACTOR=seed SSRTRACK_DB=$T/seed.db
for d in date doc_text form http_request web ssr1_report ssr2_assessment canonical verify_proof csv witness; do
    mkdir -p "$C/$d"
    rm -f "$C/$d"/seed-*
done
# seed DRIVER NAME: stdin becomes the seed file.
seed() { cat >"$C/$1/seed-$2"; }

# --- dates ---------------------------------------------------------------
i=0
for s in 2014-03-18 2016-02-29 2014-02-29 0999-12-31 "2014-03-18T12:30:00Z" "2014-03-18 12:30" \
         "2014-03-18T12:30:00.123456789+05:30" "2014-03-18t23:59:59,5-0800" "2024-01-02T03:04:05.000000Z" \
         "18 March 2014" "1 January 2000" "29 February 2015"; do
    printf '%s' "$s" | seed date "$i"
    i=$((i + 1))
done

# --- document text, and the two importers ---------------------------------
# The documents' untidy layouts, in our own words: a status key, a heading
# after blank lines, trailing blanks, footnote numbers glued after wide gaps.
printf 'Key:\n Done \xE2\x9C\x93 or \n Under way \xE2\x97\x8B or \n Planned \xE2\x97\x87 or \n\n \nStatus of the Recommendations As of 2 April 2015\n' |
    seed doc_text status-key
printf '%s\n' 'SSR1 Recommendation 4: ICANN should write down how it works with others and    ' \
    'keep that record current for the community.  ' ' ' \
    'What was done to implement the recommendation?   ' ' ' \
    'The team notes that a list exists , and it was revised after comment               2' '' \
    'from the public . Even so, the list leaves out several partners.             3' \
    'For instance, two agreements named in ICANN\xE2\x80\x99s plans are not on it. ' | seed doc_text ssr2-section
printf '\xEF\xBB\xBFa  <b>tag</b> and {{an editor note}} here ,done .\r\nnext\rlast' | seed doc_text bom-crlf
printf 'A sentence that runs on, e.g. with an example, until it ends here. Then Another one follows.\n' | seed doc_text title

# A report's head and first rows as the text extraction leaves them: blank
# lines before the title, a header row, a row of group titles, HTML lists.
UL='<ul style="list-style-type: none">'
{ printf ' \n \nStatus of the Recommendations As of 2 April 2015\n\n'
  printf '\tTopic\tWhat was done\tMilestones & Due Dates\nReview Team Recommendations\t\t\t\n'
  printf '1 \tPurpose \xE2\x80\x93 Remit\tICANN should state its remit in one place.\t%s \xE2\x9C\x93 A draft went out for comment in 2012. \xE2\x9C\x93 It was revised in October.\n' "$UL"
  printf '2 \tPurpose \xE2\x80\x93 Remit\tThe statement should be looked at again with the community.\t%s \xE2\x9C\x93 The next review team will look at it in 2015. As this repeats, it is ongoing.\n' "$UL"
  printf '3 \tWords \xE2\x80\x93 Terms\tICANN should use the same terms everywhere.\t%s \xE2\x97\x8B Staff are aligning the terms across teams.\n' "$UL"
} | seed ssr1_report head-rows
# Every shape the reader knows, in our own words.
seed ssr1_report shapes <<'DOC'
Status table As of 2 April 2015
The tables show progress on the 3 SSR Review Team recommendations adopted by the ICANN Board.
	Topic	Summary	Milestones
1 	Topic one	ICANN should write it down.	<ul style="x"> ✓ Written. o Being reviewed by staff.
2 	Topic two.	#2 - ICANN should split the work.	For tracking: 2A [FIRST] and 2B [SECOND]: √ 2A - done part. ○ 2B – open part.
3	Topic three	ICANN should keep going.	○ Started work (with partners

			and others). ◇ Plan the rest. This is recurring.
DOC
printf 'As of 1 May 2016\r\n1 \tA\tICANN should do it.\t\xE2\x9C\x93 Done.\r\n2 \tB\tICANN should do more.\t\xE2\x97\x87 Planned.\r\n' | seed ssr1_report crlf

# An assessment's dating lines, then a first section with glued footnotes.
seed ssr2_assessment head-section <<'DOC'
The team did its assessment from its start until the end of
2018, and looked at each of the 2 SSR1 recommendations.

SSR1 Recommendation 1: ICANN should state its remit in one place and ask the
community for comment on it.

What was done to implement the recommendation?
A statement was published , and it was revised after comment                2

from the public . The terms it uses still differ between documents.             3
Was the recommendation fully implemented?
It was partially implemented.
Did the implementation have the intended effect?
Not that we could see.
How was the assessment conducted?
Interviews with staff.
Is the recommendation still relevant today?
Yes, it is still relevant.
SSR1 Recommendation 2: ICANN should revisit the statement with the community.
What was done to implement the recommendation? Nothing yet.
Did the implementation have the intended effect? There was none to see.
Is the recommendation still relevant today? It is.
2 https://example.org/remit.pdf
3 https://example.org/terms
DOC
seed ssr2_assessment shapes <<'DOC'
Preamble
The team looked at the work until the end of
2019 and reviewed all 2 SSR1 recommendations in turn.
SSR1 Recommendation 1: ICANN should write one statement of its remit and
keep it current.

What was done to implement the recommendation?
A statement was written and published 1
and later revised.
Was the recommendation fully
implemented?
The recommendation was partially implemented.

Did the implementation have the intended effect?
No.
How was the assessment conducted?
By reading the documents 2

Is the recommendation still relevant today? If so, what further work
is needed?
The recommendation is still relevant.
RECOMMENDATION:
ICANN should review the statement every year.
an editor's note without an end
SSR1 Recommendation 2: ICANN should measure what it does.
What was done to implement the recommendation? Nothing was measured; it was not implemented, we found.
How was the assessment conducted? Did the implementation have the intended effect? Our view: it did not have its intended effect, so far.
Is the recommendation still relevant today? It is no longer relevant.
1 https://example.org/statement.pdf, a statement
2 See https://example.org/review and
the minutes.
NOTES: the end
DOC

# --- canonical JSON, and the proofs of the same database ------------------
printf '%s\n' "$SIGNER" >"$SSRTRACK_DB.key"
chmod 600 "$SSRTRACK_DB.key"
st() { "$BIN" "$@" >/dev/null; }
st init
st review add SSR1 --title "First review" --published 2012-06-20 --effective 2012-06-20
st rec add SSR1-9 --review SSR1 --title "Certification roadmap" --topic Standards --effective 2012-10-18
st rec add SSR1-6 --review SSR1 --title "Advisory roles" --effective 2012-10-18
st rec add SSR1-6A --review SSR1 --parent SSR1-6 --title "The first part" --effective 2012-10-18
st rec set SSR1-9 status=in_progress owner=CIIO --effective 2014-03-18 --reason "status report"
st milestone add SSR1-9 --title "Publish the roadmap" --due 2015-06-30 --effective 2014-03-18
"$BIN" checkpoint >"$T/c1"
st rec link SSR1-9 --related SSR1-6 --effective 2014-03-18
st kpi add SSR1-9 K1 --name "Signed zones" --unit % --direction up --baseline 40@2014-01-01 \
    --target 80@2016-12-31 --frequency quarterly --effective 2014-01-01
st kpi record K1 52 --at 2014-06-30 --source "deployment report"
st evidence add SSR1-9.1 https://example.org/roadmap.pdf --title Roadmap --kind document --effective 2015-01-01
st review add SSR2 --title "Second review" --effective 2018-01-01
st assess new SSR2-SSR1 --by SSR2 --of SSR1 --as-of 2018-12-31 --effective 2018-12-31
st assess set SSR2-SSR1 SSR1-6 implemented=not relevant=yes --effective 2018-12-31 --reason "team call"
st assess signoff SSR2-SSR1 SSR1-6 --by "Ana Ruiz" --dissent "Too early to say." --effective 2018-12-31
st rec set SSR1-6A restricted=true --effective 2018-12-31 --reason "kept private"
"$BIN" checkpoint >"$T/c2"
"$BIN" export | seed canonical all-kinds
"$BIN" export --as-of 2014-06-30 | seed canonical as-of
"$BIN" export | jq '.changes |= .[0:2]' | seed canonical two
printf '{"format": "ssrtrack", "version": 1, "changes": []}' | seed canonical empty
printf '\xEF\xBB\xBF{"version": 1, "format": "ssrtrack", "exported_at": null, "changes": [\n {"entity": "review", "entity_id": "R\\u0045V", "field": "title", "value": "A \\"quoted\\" \\ud83d\\ude00 title", "effective_at": "2012-06-20", "recorded_at": "2013-01-01T10:00:00+02:00", "actor": "ana"}]}' |
    seed canonical escapes

# Proofs: inclusion (of a restricted change, whose content is hidden, and of
# a public one), consistency, with their checkpoints; "sign" variants carry
# the checkpoint's text for the driver to sign.
size1=$(sed -n 2p "$T/c1")
size2=$(sed -n 2p "$T/c2")
vkey=$("$BIN" key show)
"$BIN" proof inclusion 3 >"$T/incl"
"$BIN" proof inclusion "$size2" >"$T/last"
"$BIN" proof consistency "$size1" "$size2" >"$T/cons"
section() { cat "$1"; [ "$(tail -c1 "$1")" = "" ] || echo; echo "--"; }   # a section and its separator
head3() { head -3 "$1" >"$T/h"; echo "$T/h"; }
: >"$T/empty"
leaf=$(jq -r .leaf_hash "$T/incl")
{ echo raw; echo --; section "$T/incl"; section "$T/c2"; echo; echo --; echo; echo --; echo "$leaf"; } | seed verify_proof inclusion
{ echo raw; echo --; section "$T/last"; section "$T/c2"; echo; echo --; echo "$vkey"; echo --; } | seed verify_proof inclusion-key
{ echo raw; echo --; section "$T/cons"; section "$T/c2"; section "$T/c1"; } | seed verify_proof consistency
{ echo sign; echo --; section "$T/incl"; section "$(head3 "$T/c2")"; } | seed verify_proof sign-inclusion
{ echo sign; echo --; section "$T/cons"; section "$(head3 "$T/c2")"; head -3 "$T/c1"; } | seed verify_proof sign-consistency

# Witness requests (fuzz_witness.c, "==" between requests): a first
# checkpoint then a consistent one with its proof, a rolled-back one, and the
# "sign" variants (text the driver signs): a grown log and a fork.
b64proof() { jq -r '.path[]' "$1" | python3 -c 'import base64, sys
for l in sys.stdin: print(base64.b64encode(bytes.fromhex(l.strip())).decode())'; }
{ echo "old 0"; echo; cat "$T/c1"; echo ==; echo "old $size1"; b64proof "$T/cons"; echo; cat "$T/c2"; } | seed witness grow
{ echo "old 0"; echo; cat "$T/c2"; echo ==; echo "old 0"; echo; cat "$T/c1"; echo ==; echo "old $size2"; echo; cat "$T/c1"; } |
    seed witness rollback
{ echo sign; echo "old 0"; echo; head -3 "$T/c1"; echo ==; echo sign; echo "old $size1"; b64proof "$T/cons"; echo; head -3 "$T/c2"; } |
    seed witness sign-grow
{ echo sign; echo "old 0"; echo; head -3 "$T/c1"; echo ==; echo sign; echo "old $size1"; echo; head -2 "$T/c1"; sed -n 3p "$T/c2"; } |
    seed witness sign-fork

# --- HTTP: requests as a browser or a client sends them --------------------
S=5e55105e55105e55105e55105e55105e55105e55105e55105e55105e55105e55
X=c5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rfc5rf
A=70ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a0170ce7a01
V=70ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b0270ce7b02
# req NAME: the request on stdin, LF line ends made CRLF, to both HTTP corpora.
req() { sed 's/$/\r/' >"$T/r"; cp "$T/r" "$C/http_request/seed-$1"; cp "$T/r" "$C/web/seed-$1"; }
# body NAME HEAD BODY: a request with a body and its Content-Length.
body() { { printf '%s' "$2" | sed 's/$/\r/'; printf 'Content-Length: %d\r\n\r\n%s' "${#3}" "$3"; } >"$T/r"
         cp "$T/r" "$C/http_request/seed-$1"; cp "$T/r" "$C/web/seed-$1"; }
printf 'GET / HTTP/1.1\nHost: 127.0.0.1:8080\n\n' | req home
printf 'GET /recs?review=SSR1&as_of=2014-03-18&status=in_progress HTTP/1.1\nHost: h\nAccept: text/html\n\n' | req recs
printf 'GET /recs/SSR1-9/ HTTP/1.1\nHost: h\n\n' | req rec
printf 'GET /recs/SSR1-99 HTTP/1.1\nHost: h\n\n' | req restricted-rec
printf 'HEAD /reviews/SSR1?as_of=2013-01-01 HTTP/1.0\n\n' | req head
printf 'GET /assessments/SSR2-SSR1 HTTP/1.1\nHost: h\n\n' | req assessment
printf 'GET /changes?before=400 HTTP/1.1\nHost: h\n\n' | req changes
printf 'GET /changes.atom HTTP/1.1\nHost: h\n\n' | req atom
printf 'GET /reports/implementation.csv?review=SSR1 HTTP/1.1\nHost: h\n\n' | req report
printf 'GET /ledger/entries?start=1&end=20 HTTP/1.1\nHost: h\n\n' | req entries
printf 'GET /ledger/proof/inclusion/5?size=100 HTTP/1.1\nHost: h\n\n' | req inclusion
printf 'GET /ledger/proof/consistency/10/200 HTTP/1.1\nHost: h\n\n' | req consistency
printf 'GET /ledger/checkpoint HTTP/1.1\nHost: h\n\n' | req checkpoint
printf 'GET /kpis?review=SSR1 HTTP/1.1\nHost: h\n\n' | req kpis
printf 'GET /static/style.css HTTP/1.1\nHost: h\n\n' | req static
printf 'GET /signin?next=/recs HTTP/1.1\nHost: h\n\n' | req signin-page
printf 'DELETE /recs HTTP/1.1\nHost: h\n\n' | req method
printf 'GET /api/v1/recs?review=SSR1&as_of=2014-03-18 HTTP/1.1\nHost: h\nAccept: application/json\n\n' | req api-recs
printf 'GET /api/v1/recs/SSR1-99/history HTTP/1.1\nHost: h\nAuthorization: Bearer %s\n\n' "$V" | req api-viewer
printf 'GET /api/v1/changes?since=100&limit=5 HTTP/1.1\nHost: h\n\n' | req api-changes
printf 'GET /api/v1/reports/assessment?assessment=SSR2-SSR1&format=json HTTP/1.1\nHost: h\n\n' | req api-report
printf 'GET /recs/SSR1-9 HTTP/1.1\nHost: h\nCookie: theme=dark; __Host-ssrtrack=%s\n\n' "$S" | req signed-in
body signin 'POST /signin HTTP/1.1
Host: h
Origin: http://h
Content-Type: application/x-www-form-urlencoded
' 'user=ana&password=fuzz-password&next=%2Frecs'
body form-status "POST /recs/SSR1-9/status HTTP/1.1
Host: h
Origin: http://h
Cookie: __Host-ssrtrack=$S
Content-Type: application/x-www-form-urlencoded
" "csrf=$X&status=complete&effective=2015-01-01&reason=done+at+last"
body form-milestone "POST /recs/SSR1-9/milestones HTTP/1.1
Host: h
Referer: http://h/recs/SSR1-9
Cookie: __Host-ssrtrack=$S
Content-Type: application/x-www-form-urlencoded
" "csrf=$X&title=Write+it&status=planning&due=2016-01-31&reason=new+step"
body form-item "POST /assessments/SSR2-SSR1/items/SSR1-1 HTTP/1.1
Host: h
Origin: http://h
Cookie: __Host-ssrtrack=$S
Content-Type: application/x-www-form-urlencoded
" "csrf=$X&implemented=partial&what_done=Some+%E2%9C%93&reason=review"
body form-signoff "POST /assessments/SSR2-SSR1/items/SSR1-1/signoff HTTP/1.1
Host: h
Origin: http://h
Cookie: __Host-ssrtrack=$S
Content-Type: application/x-www-form-urlencoded
" "csrf=$X&dissent=Not+yet"
body signout "POST /signout HTTP/1.1
Host: h
Origin: http://h
Cookie: __Host-ssrtrack=$S
Content-Type: application/x-www-form-urlencoded
" "csrf=$X"
body api-patch "PATCH /api/v1/recs/SSR1-9 HTTP/1.1
Host: h
Authorization: Bearer $A
Content-Type: application/json
" '{"set": {"status": "complete", "owner": "CTO"}, "effective": "2015-02-01", "reason": "api"}'
body api-create "POST /api/v1/recs HTTP/1.1
Host: h
Authorization: Bearer $A
Content-Type: application/json
" '{"id": "SSR1-50", "review": "SSR1", "title": "New", "reason": "api"}'
body api-item "PUT /api/v1/assessments/SSR2-SSR1/items/SSR1-2 HTTP/1.1
Host: h
Authorization: Bearer $A
Content-Type: application/json
" '{"set": {"relevant": "no"}, "reason": "api"}'
body api-signoff "POST /api/v1/assessments/SSR2-SSR1/items/SSR1-2/signoffs HTTP/1.1
Host: h
Authorization: Bearer $A
Content-Type: application/json
" '{"dissent": "Not convinced.", "reason": "api"}'

# --- forms and cookies ------------------------------------------------------
printf 'review=SSR1&as_of=2014-03-18&status=in_progress' | seed form query
printf 'csrf=%s&status=complete&effective=2015-01-01&reason=done+at+last%%21' "$X" | seed form body
printf 'what_done=%%E2%%9C%%93+Done%%3B+see+%%5Bthis%%5D&a&=&b=;c=1' | seed form escapes
printf 'theme=dark; __Host-ssrtrack=%s;other=1' "$S" | seed form cookie

# --- CSV tables of recs -------------------------------------------------------
printf 'id,title,status,board,effective,reported,reason\r\nFZ-1,"A first, quoted",planning,approved+passed_through,2020-02-01,2020-02-03,why\r\nFZ-1,,In progress,,2020-03-01,,\r\n' | seed csv timeline
printf '\xEF\xBB\xBFid,title,text,parent\nFZ-2,two,"two\nlines ""here""",\nFZ-2.1,part,,FZ-2\n' | seed csv bom-lf
printf 'id,title\rFZ-3,cr only\r' | seed csv cr
printf 'id,colour\nFZ-4,blue\n' | seed csv unknown-column
printf 'id,title\nFZ-5,"open\n' | seed csv open-quote
printf 'id,title\nFZ-6,a"b\n' | seed csv stray-quote
printf 'id,title,status\nFZ-7,x,finished\n' | seed csv bad-value
printf 'ID , Title ,TEXT,topic,owner,priority,recurring,due,review\nFZ-8,t,"- a list\n- of two",Topic,Owner,P2,yes,2021-12-31,FZ\n' | seed csv all-columns
printf 'id,title\n\n\nFZ-9,after blank lines\n' | seed csv blank-lines
