# lib.sh — helpers for the end-to-end tests, which run the built binary ($BIN)
# against real SQLite files in a temporary directory. Each check prints
# "ok - FILE: NAME" or "not ok - FILE: NAME" with "#" lines of detail.
set -u
: "${BIN:?BIN must name the ssrtrack binary}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SEEDS=${SEEDS:-$ROOT/../shared/seeds}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export SSRTRACK_DB="$T/test.db"
export SSRTRACK_ACTOR=tester
# The tests run Debian's python3, whose modules scripts/deps.sh installs, even
# where another python3 comes first on PATH (a version manager's shim costs
# most of a second per call, and lacks those modules).
if [ -x /usr/bin/python3 ]; then
    mkdir -p "$T/.bin" && ln -sf /usr/bin/python3 "$T/.bin/python3" && PATH="$T/.bin:$PATH"
fi
unset SSRTRACK_NOW
NAME=$(basename "$0" .sh)

# have_seeds FILE...: true when the source documents are in $SEEDS; otherwise
# prints one "# skip" line saying why (they sit beside the repository, in CI).
have_seeds() {
    local f
    for f in "$@"; do
        [ -f "$SEEDS/$f" ] || { echo "# skip - $NAME: no $f in \$SEEDS ($SEEDS)"; return 1; }
    done
}

pass() { echo "ok - $NAME: $1"; }
fail() {
    echo "not ok - $NAME: $1"
    shift
    local l
    for l in "$@"; do printf '#   %s\n' "$l" | head -c 2000; echo; done
}

# run CMD...: runs it and sets OUT (stdout), ERR (stderr), RC (exit status).
run() { OUT=$("$@" 2>"$T/.err"); RC=$?; ERR=$(<"$T/.err"); }
# st ARGS...: run ssrtrack.
st() { run "$BIN" "$@"; }

# ok NAME ARGS...: ssrtrack ARGS must succeed.
ok() {
    local name=$1; shift
    st "$@"
    if [ "$RC" -eq 0 ]; then pass "$name"; else fail "$name" "exit $RC: $ERR"; fi
}

# must_fail NAME CODE ARGS...: ssrtrack ARGS must exit CODE with one line on stderr.
must_fail() {
    local name=$1 code=$2; shift 2
    st "$@"
    local lines
    lines=$(printf '%s' "$ERR" | grep -c '')
    if [ "$RC" -eq "$code" ] && [ "$lines" -eq 1 ]; then pass "$name"
    else fail "$name" "expected exit $code and one stderr line; got exit $RC, $lines lines: $ERR"; fi
}

# eq NAME ACTUAL EXPECTED
eq() {
    if [ "$2" == "$3" ]; then pass "$1"; else fail "$1" "got:      $2" "expected: $3"; fi
}

# has NAME TEXT PATTERN (extended regex)
has() {
    if printf '%s' "$2" | grep -Eq -- "$3"; then pass "$1"; else fail "$1" "no /$3/ in:" "$2"; fi
}
# hasf NAME TEXT STRING (a fixed string)
hasf() {
    if printf '%s' "$2" | grep -Fq -- "$3"; then pass "$1"; else fail "$1" "no '$3' in:" "$2"; fi
}
hasnt() {
    if printf '%s' "$2" | grep -Eq -- "$3"; then fail "$1" "unexpected /$3/ in:" "$2"; else pass "$1"; fi
}

# demo_with_users: a new database with the demo and three users whose
# password is $PW: ana (editor), sam (assessor), val (viewer).
PW="correct horse battery"
demo_with_users() {
    "$BIN" init >/dev/null
    "$BIN" demo >/dev/null
    echo "$PW" | "$BIN" user add ana --role editor >/dev/null
    echo "$PW" | "$BIN" user add sam --role assessor >/dev/null
    echo "$PW" | "$BIN" user add val --role viewer >/dev/null
}

# log_state DB: every column of every change row, as one digest.
log_state() {
    sqlite3 "${1:-$SSRTRACK_DB}" "SELECT seq, entity, entity_id, field, value, effective_at,
        recorded_at, actor, reason, reported_at, tx, hex(hash) FROM change_log ORDER BY seq" | sha256sum | cut -c1-64
}
log_count() { sqlite3 "${1:-$SSRTRACK_DB}" "SELECT count(*) FROM change_log"; }

# proj_dump DB: every projection table, sorted, as text ("[name]" and its
# rows). Two sqlite3 runs: the first writes the script the second runs.
proj_dump() {
    local db=${1:-$SSRTRACK_DB}
    sqlite3 "$db" "SELECT printf('.print [%s]%sSELECT * FROM %s ORDER BY 1, 2;', name, char(10), name)
        FROM sqlite_schema WHERE type='table' AND name NOT IN ('meta','change_log') ORDER BY name" | sqlite3 "$db"
}

# A small database: review SSR1 and two recs, one with a sub-item.
seed_small() {
    "$BIN" init >/dev/null &&
    "$BIN" review add SSR1 --title "First SSR review" --published 2012-06-20 --effective 2012-06-20 >/dev/null &&
    "$BIN" rec add SSR1-1 --review SSR1 --title "Remit statement" --topic "Remit" --effective 2012-10-18 >/dev/null &&
    "$BIN" rec add SSR1-6 --review SSR1 --title "SSAC and RSSAC roles" --effective 2012-10-18 >/dev/null &&
    "$BIN" rec add SSR1-6A --review SSR1 --parent SSR1-6 --title "SSAC roles" --effective 2012-10-18 >/dev/null
}

# start_server [ARGS...]: serve $SSRTRACK_DB on a free port of 127.0.0.1
# with $THREADS threads (2 unless set); sets URL and SERVER_PID. The log
# goes to $T/server.log.
start_server() {
    "$BIN" serve --listen 127.0.0.1:0 --threads "${THREADS:-2}" "$@" 2>"$T/server.log" &
    SERVER_PID=$!
    local i port=""
    for i in $(seq 1 100); do
        port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/server.log" | head -1)
        [ -n "$port" ] && break
        sleep 0.05
    done
    URL="http://127.0.0.1:$port"
    [ -n "$port" ]
}
stop_server() {
    [ -n "${SERVER_PID:-}" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_RC=$?
    SERVER_PID=""
}
trap 'stop_server; rm -rf "$T"' EXIT

# get PATH [CURL ARGS...]: sets CODE, BODY, HEADERS (the CRs taken out by
# bash, not by a tr for each request).
get() {
    local path=$1; shift
    BODY=$(curl -s -D "$T/.headers" -o - -w '\n%{http_code}' "$@" "$URL$path")
    CODE=${BODY##*$'\n'}
    BODY=${BODY%$'\n'*}
    HEADERS=""
    IFS= read -r -d '' HEADERS <"$T/.headers"
    HEADERS=${HEADERS//$'\r'/}
    while [[ $HEADERS == *$'\n' ]]; do HEADERS=${HEADERS%$'\n'}; done
}
