# End-to-end: every kind of bad input gets one clear line on stderr, exit 1,
# and leaves the change log exactly as it was.
. "$(dirname "$0")/lib.sh"

seed_small
before=$(log_state)
bad() {  # NAME PATTERN ARGS...: exit 1, one line matching PATTERN, log untouched
    local name=$1 pat=$2; shift 2
    st "$@"
    local lines
    lines=$(printf '%s' "$ERR" | grep -c '')
    if [ "$RC" -ne 1 ] || [ "$lines" -ne 1 ]; then fail "$name" "exit $RC, $lines lines: $ERR"; return; fi
    if ! printf '%s' "$ERR" | grep -Eq -- "$pat"; then fail "$name" "message lacks /$pat/: $ERR"; return; fi
    if [ "$(log_state)" != "$before" ]; then fail "$name" "the change log changed"; return; fi
    pass "$name"
}
bad "unknown status" "unknown status 'finished'" rec set SSR1-1 status=finished
bad "unknown field" "unknown field 'colour'" rec set SSR1-1 colour=blue
bad "unchangeable field" "field 'review'" rec set SSR1-1 review=SSR2
bad "unknown rec" "no such rec: SSR1-99" rec set SSR1-99 status=complete
bad "unknown review" "no such review: SSR9" rec add SSR9-1 --review SSR9 --title "Orphan"
bad "unknown parent" "no such rec: SSR1-77" rec add SSR1-7A --review SSR1 --parent SSR1-77 --title "Orphan"
bad "impossible date" "2014-02-30" rec set SSR1-1 due=2014-02-30
bad "impossible effective date" "2014-02-30" rec set SSR1-1 status=complete --effective 2014-02-30
bad "effective date in the future" "future" rec set SSR1-1 status=complete --effective 2999-01-01
bad "effective before the rec existed" "before rec SSR1-1 existed" rec set SSR1-1 status=complete --effective 2001-01-01
bad "duplicate rec id" "already exists" rec add SSR1-1 --review SSR1 --title "Again"
bad "duplicate review id" "already exists" review add SSR1 --title "Again"
bad "invalid id" "not a valid rec id" rec add "SSR1 1" --review SSR1 --title "Space"
bad "bad priority" "P1, P2, P3, P4" rec set SSR1-1 priority=P9
bad "bad board" "unknown disposition 'maybe'" rec set SSR1-1 board=maybe
bad "board named twice" "unknown disposition 'approved.approved'" rec set SSR1-1 board=approved+approved
bad "bad url" "not an http" review add SSR2 --title "Second" --url "javascript:alert(1)"
bad "empty title" "must not be empty" rec set SSR1-1 title=
bad "control characters" "one line" rec set SSR1-1 "title=$(printf 'a\tb\001')"
bad "second assignment bad, first not written" "2014-02-31" rec set SSR1-1 owner=ana due=2014-02-31
bad "not FIELD=VALUE" "not FIELD=VALUE" rec set SSR1-1 status
bad "unknown option" "unknown option --colour" rec list --colour red
bad "missing option value" "needs a value" rec list --status
bad "unknown format" "unknown format 'xml'" rec show SSR1-1 --format xml
bad "bad as-of" "--as-of" rec list --as-of 2014-02-30
bad "bad known-at" "--known-at" rec list --known-at "last tuesday"
bad "unknown status filter" "unknown status" rec list --status finished
bad "unknown command" "unknown command" frobnicate
bad "milestone of unknown rec" "no such rec" milestone add SSR1-99 --title x
bad "missing text file" "cannot open" rec add SSR1-3 --review SSR1 --title x --text-file "$T/none.md"
bad "self link" "itself" rec link SSR1-1 --related SSR1-1
bad "self parent" "own parent" rec add SSR1-5 --review SSR1 --parent SSR1-5 --title x

# Malformed or truncated JSON, and files that are not JSON at all.
"$BIN" export > full.json
head -c 700 full.json > truncated.json
printf '{"format":"ssrtrack","version":1,"changes":[{"entity":"rec","entity_id":"SSR1-1","field":"status","value":"done","effective_at":"2014-03-18"}]}' > badvalue.json
printf '{"format":"ssrtrack","version":1,"changes":[{"entity":"rec","entity_id":"SSR1-1","field":"status","value":"complete","effective_at":"2014-03-18"},\n{"entity":"rec","entity_id":"SSR1-1","field":"owner","value":"ana","effective_at":"2014-02-30"}]}' > second_bad.json
printf '{"format":"ssrtrack","version":1,"changes":[{"entity":"rec" "entity_id":"x"}]}' > syntax.json
printf '{"format":"ssrtrack","version":7,"changes":[]}' > version.json
printf '\x00\x01\x02binary' > binary.json
printf 'not json at all\n' > text.json
bad "truncated JSON" "truncated.json:[0-9]+" import truncated.json
bad "bad value in JSON names entry and line" "badvalue.json:1: changes\\[0\\].*unknown status 'done'" import badvalue.json
bad "second entry bad: nothing imported" "second_bad.json:2: changes\\[1\\]" import second_bad.json
bad "JSON syntax error" "syntax.json:1: .*invalid JSON" import syntax.json
bad "unknown format version" "version" import version.json
bad "binary file" "binary" import binary.json
bad "text file" "text.json:1" import text.json
bad "missing file" "cannot open" import nothing.json
bad "full export into a non-empty database" "only into an empty database" import full.json

# A database file that is not one, or is newer than this binary.
printf 'garbage that is not sqlite at all, not even close to a header\n' > junk.db
cp junk.db junk.orig
bad "not a database" "not an ssrtrack database" --db junk.db rec list
bad "init over a foreign file" "not an ssrtrack database" --db junk.db init
eq "the foreign file is untouched" "$(cmp -s junk.db junk.orig && echo same)" "same"
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
bad "another application's database" "another application" --db other.db rec list
sqlite3 "$SSRTRACK_DB" ".backup newer.db"
sqlite3 newer.db "PRAGMA user_version=99"
nb=$(log_state newer.db)
bad "a newer schema" "schema version 99 is newer" --db newer.db rec set SSR1-1 status=complete
eq "the newer file is untouched" "$(log_state newer.db)" "$nb"
bad "no such database" "no such database" --db missing.db rec list
eq "no file was created" "$(test -e missing.db && echo exists || echo absent)" "absent"
