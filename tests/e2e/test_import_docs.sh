# End-to-end: both source documents import with real content; re-imports are
# refused; damaged copies fail with nothing written; line ends do not matter.
. "$(dirname "$0")/lib.sh"

have_seeds 002_0b44ff1b59d411cb.txt 000_1b707e8e43b30b9a.txt || exit 0
R1=$SEEDS/002_0b44ff1b59d411cb.txt
R2=$SEEDS/000_1b707e8e43b30b9a.txt
"$BIN" init >/dev/null

# facts JSON NAME FILTER [NAME FILTER]...: sets each NAME to what `jq -r FILTER`
# prints of JSON, as $(...) reads it (arrays and objects compact), all from
# one jq run: each result ends with a NUL.
facts() {
    local json=$1 i
    local prog='def fact(f): ([f | if type == "string" then . else tojson end] | join("\n") | sub("\n+$"; "")), "\u0000"; '
    local -a names=() vals=()
    shift
    while [ $# -ge 2 ]; do names+=("$1"); prog+="fact($2), "; shift 2; done
    mapfile -d '' -t vals < <(jq -j "${prog%, }" <<<"$json")
    for i in "${!names[@]}"; do printf -v "${names[i]}" '%s' "${vals[i]:-}"; done
}

ok "import the SSR1 report" import --format ssr1-report "$R1"
has "it says what it did" "$OUT" "33 recs created.*5 sub-items.*42 activities"
st rec list --review SSR1 --format json
# What the checks below read of the list, from one jq run.
facts "$OUT" \
    tops '[.[]|select(.parent==null)]|length' \
    all 'length' \
    under6 '[.[]|select(.parent=="SSR1-6")|.id]' \
    under23 '[.[]|select(.parent=="SSR1-23")|.id]' \
    marks9 '.[]|select(.id=="SSR1-9")|.milestones|map(.status)|join(",")' \
    status9 '.[]|select(.id=="SSR1-9").status' \
    second12 '.[]|select(.id=="SSR1-12")|.milestones[1].title' \
    count12 '.[]|select(.id=="SSR1-12")|.milestones|length' \
    html '[.[].milestones[].title]|map(select(test("<ul|style=")))|length' \
    first6b '.[]|select(.id=="SSR1-6B")|.milestones[0].status' \
    marks13 '.[]|select(.id=="SSR1-13")|.milestones|map(.status)|unique|join(",")' \
    rec28 '.[]|select(.id=="SSR1-28")|[.status,.recurring]|map(tostring)|join(" ")' \
    titles '.[]|select(.id=="SSR1-9" or .id=="SSR1-23B").title' \
    truncated '[.[].title|select(contains("…") or contains("(e.g") or length > 80)]|length' \
    boards 'map(.board)|unique|join(",")' \
    topic15 '.[]|select(.id=="SSR1-15").topic'
eq "28 recs and 5 sub-items" "$tops $all" "28 33"
eq "6A and 6B under 6" "$under6" '["SSR1-6A","SSR1-6B"]'
eq "23A, 23B and 23C under 23" "$under23" '["SSR1-23A","SSR1-23B","SSR1-23C"]'
eq "rec 9's activities and marks" "$marks9" "complete,complete,in_progress"
eq "rec 9 is in progress" "$status9" "in_progress"
eq "rec 12's continued activity stays with its row" \
   "$(grep -o 'NCA Stop.Think.Connect)' <<<"$second12")" "NCA Stop.Think.Connect)"
eq "rec 12 has three activities" "$count12" "3"
eq "no HTML fragment survives" "$html" "0"
eq "√ reads as complete (6B)" "$first6b" "complete"
eq "o reads as in progress (13)" "$marks13" "in_progress"
eq "recurring work is ongoing (28)" "$rec28" "ongoing true"
eq "short titles, ours: rec 9 and part 23B" "$(paste -sd'|' <<<"$titles")" \
   "Certification against international standards|Budget process for SO and AC input"
eq "no title is a truncated sentence" "$truncated" "0"
eq "the Board adopted them" "$boards" "approved"
eq "topic kept" "$topic15" "Operations Excellence – Risk Management and Threat Mitigation"
eq "statuses take effect on the report's date" "$("$BIN" rec list --review SSR1 --as-of 2014-03-17 --format json)" "[]"
eq "... and hold on it" "$("$BIN" rec show SSR1-9 --as-of 2014-03-18 --format json | jq -r .status)" "in_progress"

before=$(log_state)
must_fail "re-importing the same report is refused" 1 import --format ssr1-report "$R1"
sed 's/$/\r/' "$R1" > crlf.txt
must_fail "a CRLF copy of it is the same document" 1 import --format ssr1-report crlf.txt
eq "nothing was written by the refusals" "$(log_state)" "$before"

ok "import the SSR2 assessment" import --format ssr2-assessment "$R2"
has "it reports what it found" "$OUT" "28 items .*27 evidence links, 9 draft recs"
st assess show SSR2-SSR1 --format json
# ... and of the assessment.
facts "$OUT" \
    items '.items|length' \
    heading '[.by,.of,.as_of]|join(" ")' \
    text2 '.items[1].rec_text' \
    done1 '.items[0].what_done' \
    further3 '.items[2].further_work' \
    impl6 '.items[5].implemented' \
    relevant26 '.items[25].relevant' \
    effect3 '.items[2].effect' \
    impl1 '.items[0].implemented' \
    footnoted4 '.items[3].evidence|map(.url|sub("^https://www[.]icann[.]org/.*/";"")) | join(" ")' \
    third1 '.items[0].evidence|map(.url)|.[2]|sub("/sites/default/files/agreements/";" ")' \
    urls '[.items[].evidence[].url]|unique|length' \
    inline24 '.items[23].evidence|map(select(.title|startswith("Cited"))|.url|sub("^https://www[.]icann[.]org/";""))|join(" ")' \
    repeats '[.items[]|(.evidence|map(.url)|length) - (.evidence|map(.url)|unique|length)]|add' \
    kind1 '.items[0].evidence[2].kind'
eq "an item per recommendation" "$items" "28"
eq "assessment of SSR1 by SSR2 as of the end of 2018" "$heading" "SSR2 SSR1 2018-12-31"
eq "each item holds the full recommendation text" \
   "$(grep -c 'The process should be repeated on a regular basis' <<<"$text2")" "1"
eq "answers under each question" "$(grep -c 'a statement exists' <<<"$done1")" "1"
eq "further work" "$(grep -c 'public glossary' <<<"$further3")" "1"
eq "rec 6 states it was not implemented" "$impl6" "not"
eq "rec 26 is no longer relevant" "$relevant26" "no"
eq "hedged verdicts stay open (rec 3: 'very likely')" "$effect3" "null"
eq "unstated implementation is unknown" "$impl1" "unknown"
eq "footnoted URLs are evidence on the item citing them" "$footnoted4" \
   "security-2000x1295-30jul13-en.png is-ssr-update-s2-2014-21jan15-en.pdf partnership-mous-en ssr-relationships-fy17-23jan17-en.pdf"
eq "a footnote defined under rec 2 belongs to rec 1 that cites it" "$third1" "https://newgtlds.icann.org agreement-approved-31jul17-en.docx"
eq "every URL the document cites arrives, footnoted or inline" "$urls" \
   "$(grep -o 'https\?://[^ )]*' "$R2" | sed 's/[.,;:]*$//' | sort -u | wc -l)"
eq "an inline URL is evidence on the item whose answer cites it" "$inline24" \
   "octo octo-ssr vulnerability-disclosure.pdf"
eq "each once per item" "$repeats" "0"
eq "a document link is kind document" "$kind1" "document"
st rec list --review SSR2 --format json
eq "nine draft SSR2 recs" "$(jq length <<<"$OUT")" "9"
st rec show SSR2-D1 --format json
eq "derived from the SSR1 rec whose section holds it" "$(jq -c '.links' <<<"$OUT")" '[{"rec":"SSR2-D1","rel":"derived_from","other":"SSR1-2"}]'
# The draft's title is a clause of the seed's own text (read from the seed,
# not written here): the one saying what should happen, cut cleanly.
d1_title=$(jq -r .title <<<"$OUT")
eq "a draft's title: a clause of the document's text" "$(tr -s ' \n' ' ' <"$R2" | grep -ciF -- "$d1_title")" "1"
has "... the one that says what should happen" "$d1_title" "^The community should [a-z]"
st rec list --review SSR2 --format json
eq "no draft title is cut with an ellipsis or over 80 bytes" "$(jq -r '[.[].title|select(test("…") or length > 80)]|length' <<<"$OUT")" "0"
st rec show SSR2-D1 --format json
eq "drafts start pending" "$(jq -r '.board' <<<"$OUT")" "pending"
eq "editor notes are not recommendations" "$("$BIN" rec show SSR2-D3 --format json | jq -r .text | grep -c Revisit)" "0"
eq "{{notes}} are dropped" "$("$BIN" rec show SSR2-D6 --format json | jq -r .text | grep -c '{{')" "0"
must_fail "re-importing the assessment is refused" 1 import --format ssr2-assessment "$R2"
ok "the log verifies" verify

# Damaged copies fail cleanly: nothing written.
"$BIN" --db fresh.db init >/dev/null
head -c 40000 "$R2" > trunc2.txt
head -n 48 "$R1" > trunc1.txt
head -c 3000 /dev/urandom > garbage.txt
printf 'binary\0data' > binary.txt
for f in trunc1.txt:ssr1-report trunc2.txt:ssr2-assessment garbage.txt:ssr1-report garbage.txt:ssr2-assessment binary.txt:ssr1-report; do
    file=${f%%:*}; fmt=${f#*:}
    st --db fresh.db import --format "$fmt" "$file"
    if [ "$RC" -eq 1 ] && [ "$(printf '%s' "$ERR" | grep -c '')" -eq 1 ] && [ "$(log_count fresh.db)" -eq 0 ]; then
        pass "damaged $file as $fmt fails cleanly"
    else
        fail "damaged $file as $fmt fails cleanly" "exit $RC, $(log_count fresh.db) changes: $ERR"
    fi
done
has "a truncated report names its line" "$(run "$BIN" --db fresh.db import --format ssr1-report trunc1.txt; echo "$ERR")" "trunc1.txt:[0-9]+: "
has "a truncated assessment names its line" "$(run "$BIN" --db fresh.db import --format ssr2-assessment trunc2.txt; echo "$ERR")" "trunc2.txt:[0-9]+: "

# BOM, CRLF and no final newline give the same result as the original.
{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$R2" | head -c -2; } > bom2.txt
"$BIN" --db a.db init >/dev/null; "$BIN" --db b.db init >/dev/null
"$BIN" --db a.db import --format ssr2-assessment "$R2" >/dev/null
ok "BOM, CRLF, no final newline" --db b.db import --format ssr2-assessment bom2.txt
eq "same assessment either way" "$("$BIN" --db b.db assess show SSR2-SSR1 --format json | jq -S 'del(.items[].evidence[].id)')" \
   "$("$BIN" --db a.db assess show SSR2-SSR1 --format json | jq -S 'del(.items[].evidence[].id)')"

# Imported the other way round (assessment first), the report still lands on its date.
"$BIN" --db c.db init >/dev/null
"$BIN" --db c.db import --format ssr2-assessment "$R2" >/dev/null
ok "report after assessment" --db c.db import --format ssr1-report "$R1"
eq "the recs existed on the report's date" "$("$BIN" --db c.db rec show SSR1-9 --as-of 2014-03-18 --format json | jq -r .status)" "in_progress"
eq "and kept the assessment's fuller text" "$("$BIN" --db c.db rec show SSR1-9 --format json | jq -r .text | grep -c 'roadmap towards')" "1"
