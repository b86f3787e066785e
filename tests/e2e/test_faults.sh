# End-to-end: fault injection (docs/cli.md, "Environment"). Along a command's
# path, for every N from 1 to the number of allocations (or of database
# writes) the command makes, the N-th one fails, on a fresh copy of the
# database. Each run must:
#   - exit 2 with one line on stderr naming the problem (neither failure is
#     the input's fault, so never 1), or exit 0 with nothing on stderr when
#     the failure did not matter (SQLite retries some allocations, and a
#     write after the commit, in the checkpoint at close, may fail unseen) —
#     and then the change must be whole;
#   - not crash, hang, or print a sanitizer report (under `make asan`: no
#     leak, no memory error);
#   - leave a file that passes PRAGMA integrity_check and 'ssrtrack verify'
#     and whose every table holds exactly the rows of before or of after.
# A write that fails while a commit makes its WAL frames durable may leave the
# change whole though the command reports the error: SQLite cannot tell, and
# neither can we; "after" is whole, so it is accepted (and counted apart).
#
# FAULTS_FULL=1 (make faults) also sweeps the bigger paths: a small SSR1
# report, loading the demo, importing the two source documents, and every N
# of the "N+" variant of allocations (all fail from the N-th on).
# The sweeps copy, write and sync the database some 9,000 times; the faults
# are injected by the hooks, so the disk's syncs only cost time: the work
# folder is on a RAM file system where there is one (6 s of 26 alone).
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
. "$(dirname "$0")/lib.sh"

export SSRTRACK_NOW=2026-01-15T12:00:00Z   # the same "after" on every run
unset SSRTRACK_FAIL_ALLOC SSRTRACK_FAIL_WRITE SSRTRACK_FAULT_COUNT
FULL=${FAULTS_FULL:-0}
JOBS=${FAULTS_JOBS:-2}     # workers per sweep (the N are independent)
LIMIT=120                  # seconds a run may take before it counts as hung
NOMEM='out of memory'
IOERR='disk I/O error|the database is full'

# state DB: a digest of the integrity check's verdict, of the schema and of
# every row of every table (change_log, projections, meta, Merkle nodes,
# accounts), made by one sqlite3 process (its sha3_query); an error (a file
# that is not a database) is its own text, never a digest.
# An API token's last use is noted on a best-effort write of its own before
# the request (its failure is ignored), so the rows of api_tokens are left out.
STATE_SQL="SELECT hex(sha3_query((SELECT 'PRAGMA integrity_check; SELECT type, name, tbl_name, sql
    FROM sqlite_schema ORDER BY name; ' || group_concat('SELECT * FROM \"' || replace(name, '\"', '\"\"') || '\";', ' ')
    FROM (SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'api_tokens' ORDER BY name))))"
state() { sqlite3 "$1" "$STATE_SQL" 2>&1; }

# Each worker of a sweep has its own copy: $X.db, its stderr in $X.err.
X=x
# fresh BASE: $X.db is a copy of BASE, with no WAL or shared memory beside it,
# and BASE's modification time (which sweep sets long past), so that a copy
# nothing wrote to is known as such without reading it (judge).
fresh() {
    [[ -e $X.db-wal || -e $X.db-shm || -e $X.db-journal ]] && rm -f "$X.db-wal" "$X.db-shm" "$X.db-journal"
    cp -p "$1" "$X.db"
}

# counts BASE CMD...: run CMD once on a copy of BASE, counting; sets
# ALLOCS, WRITES and AFTER (the digest of the state it leaves), and
# OPEN_ALLOCS, OPEN_WRITES: how many of them opening the database made. The
# file it leaves is kept as after.db (none when a WAL is left beside it).
counts() {
    local base=$1; shift
    fresh "$base"
    SSRTRACK_FAULT_COUNT=1 "$BIN" --db $X.db "$@" <"${SWEEP_STDIN:-/dev/null}" >/dev/null 2>$X.err
    local rc=$? line
    line=$(grep 'fault count:' $X.err)
    ALLOCS=$(sed -n 's/.* allocations=\([0-9]*\).*/\1/p' <<<"$line")
    WRITES=$(sed -n 's/.* writes=\([0-9]*\).*/\1/p' <<<"$line")
    OPEN_ALLOCS=$(sed -n 's/.* opened_at_allocations=\([0-9]*\).*/\1/p' <<<"$line")
    OPEN_WRITES=$(sed -n 's/.* opened_at_writes=\([0-9]*\).*/\1/p' <<<"$line")
    AFTER=$(state $X.db)
    rm -f after.db
    [[ -e $X.db-wal || -e $X.db-journal ]] || cp -p $X.db after.db
    [ "$rc" -eq 0 ] && [ -n "$ALLOCS" ] && [ -n "$WRITES" ] && [ -n "$OPEN_ALLOCS" ] &&
        "$BIN" --db $X.db verify >/dev/null
}

# judge RC BASE BEFORE WANT: sets WHY to what is wrong with the run just made
# on $X.db (stderr in $X.err), or to nothing; WHERE to before or after.
# A file byte for byte the same as BASE with no WAL beside it is the state
# before (verified once, as the state after is): a copy no newer than BASE
# was never written to (any write sets its time to now), and one written to
# is compared byte for byte. Any other file must have the digest of before or
# of after, and pass 'verify' itself; one byte for byte the same as the
# counting run's (after.db), with no WAL beside it, has after's digest.
# Only builtins run on the common path: a sweep makes thousands of runs.
judge() {
    local rc=$1 base=$2 before=$3 want=$4 err st
    local -a lines
    WHY= WHERE= HTTP_ERROR=
    mapfile -t lines <$X.err
    err=${lines[*]}
    if [[ $err =~ Sanitizer|runtime\ error ]]; then
        # The report's kind and its first frames in our code, past the allocator.
        WHY="sanitizer: $(grep -Em1 'ERROR: |runtime error' "$X.err" | sed 's/^==[0-9]*==//') at $(grep -Eo 'in [a-z_0-9]+ src/[^ ]+' "$X.err" | grep -Ev 'src/util/(alloc|buf|arena)\.c' | head -3 | tr '\n' ' ')"
        return
    fi
    if [ "$rc" -eq 124 ]; then WHY="hangs (stopped after $LIMIT s)"; return; fi
    if [ "$rc" -gt 2 ]; then WHY="exit $rc: ${err:0:300}"; return; fi
    if [ ! -e $X.db-wal ] && [ ! -e $X.db-journal ] && { [ ! $X.db -nt "$base" ] || cmp -s $X.db "$base"; }; then WHERE=before
    else
        if [ ! -e $X.db-wal ] && [ ! -e $X.db-journal ] && [ -e after.db ] && cmp -s $X.db after.db; then st=$AFTER
        else st=$(state $X.db)
        fi
        if [ "$st" == "$before" ]; then WHERE=before
        elif [ "$st" == "$AFTER" ]; then WHERE=after
        else
            WHY="exit $rc, the database is neither the state before nor after: $(sqlite3 $X.db 'PRAGMA integrity_check' 2>&1 | head -2 | tr '\n' ' ') ($err)"
            return
        fi
        if ! verify_copy; then WHY="verify fails: $(<$X.verr)"; return; fi
    fi
    if [ "$rc" -eq 0 ] && [ -n "${SWEEP_STDIN:-}" ]; then
        # `http` answers every failure inside the application with a
        # response: 2xx with the change whole, or 500/503 with it whole or
        # not at all, never anything else.
        local line code
        IFS= read -r line <$X.out
        code=${line#HTTP/1.1 }
        code=${code%% *}
        [ ${#lines[@]} -eq 0 ] || { WHY="exit 0 with stderr: $err"; return; }
        case $code in
        2??) [ "$WHERE" == after ] || WHY="HTTP $code but the change is not there" ;;
        500|503) HTTP_ERROR=1 ;;
        *) WHY="an answer that is neither a success nor a server error: ${line:0:80}" ;;
        esac
    elif [ "$rc" -eq 0 ]; then
        [ "$WHERE" == after ] || { WHY="exit 0 but the change is not there"; return; }
        [ ${#lines[@]} -eq 0 ] || { WHY="exit 0 with stderr: $err"; return; }
    else
        # Neither failure is the input's fault: exit 2, not 1.
        [ "$rc" -eq 2 ] || { WHY="exit $rc: $err"; return; }
        [ ${#lines[@]} -eq 1 ] || { WHY="exit $rc with ${#lines[@]} lines on stderr: ${err:0:300}"; return; }
        [[ $err =~ ^ssrtrack:\ .*($want) ]] || { WHY="stderr does not name the problem: $err"; return; }
    fi
}

# verify_copy: 'ssrtrack verify' on $X.db (stderr in $X.verr), with no fault
# armed, as one more run of the worker's runner: a fork, not a new process.
verify_copy() {
    local rc
    printf '%s\0' /dev/null /dev/null "$X.verr" -- --db "$X.db" verify "" >&"${RUNNER[1]}"
    read -r rc <&"${RUNNER[0]}" && [ "$rc" -eq 0 ]
}

# worker W JOBS VAR SUFFIX FROM TOTAL WANT BASE BEFORE CMD...: the N from
# FROM to TOTAL of a sweep with (N - FROM) % JOBS == W, on its own copy;
# writes its tallies to w$W.sum and the first failures to w$W.detail.
# The runs are children of one runner (SSRTRACK_RUNNER, docs/cli.md): each
# is a fork that goes on as a fresh `ssrtrack` would, with VAR=N$SUFFIX, so a
# run costs a fork rather than loading the binary's libraries again. The
# runner answers 124 for a run past $LIMIT seconds, as timeout(1) does.
worker() {
    local w=$1 jobs=$2 var=$3 suffix=$4 from=$5 total=$6 want=$7 base=$8 before=$9; shift 9
    local n rc bad=0 errors=0 kept=0 unaffected=0
    X=x$w
    : >"w$w.detail"
    fresh "$base"
    coproc RUNNER { SSRTRACK_RUNNER=$LIMIT exec "$BIN"; }
    for ((n = from + w; n <= total; n += jobs)); do
        printf '%s\0' "${SWEEP_STDIN:-/dev/null}" "$X.out" "$X.err" "$var=$n$suffix" -- \
            --db "$X.db" "$@" "" >&"${RUNNER[1]}"
        read -r rc <&"${RUNNER[0]}" || { bad=$((bad + 1)); echo "N=$n: the runner stopped" >>"w$w.detail"; break; }
        judge "$rc" "$base" "$before" "$want"
        if [ -n "$WHY" ]; then
            bad=$((bad + 1))
            [ "$bad" -le "${FAULTS_DETAIL:-8}" ] && printf 'N=%s: %s\n' "$n" "$WHY" >>"w$w.detail"
        elif [ "$rc" -eq 0 ] && [ -z "$HTTP_ERROR" ]; then unaffected=$((unaffected + 1))
        elif [ "$WHERE" == after ]; then kept=$((kept + 1))
        else errors=$((errors + 1))
        fi
        # A run that left the copy as it was leaves it for the next.
        [ -n "$WHY" ] || [ "$WHERE" != before ] || [ -e "$X.db-wal" ] || [ -e "$X.db-shm" ] || continue
        fresh "$base"
    done
    exec {RUNNER[1]}>&-
    wait "$RUNNER_PID"
    echo "$bad $errors $kept $unaffected" >"w$w.sum"
}

# sweep LABEL VAR SUFFIX FROM TOTAL WANT BASE CMD...: for N in FROM..TOTAL,
# run CMD on a copy of BASE with VAR=N$SUFFIX, spread over $JOBS workers; one
# ok or not ok line for the whole sweep.
sweep() {
    local label=$1 var=$2 suffix=$3 from=$4 total=$5 want=$6 base=$7; shift 7
    local w before bad=0 errors=0 kept=0 unaffected=0 b e k u detail=()
    before=$(state "$base")
    touch -m -d @1000000000 "$base"   # long past: see fresh
    for ((w = 0; w < JOBS; w++)); do
        rm -f "w$w.sum"
        worker "$w" "$JOBS" "$var" "$suffix" "$from" "$total" "$want" "$base" "$before" "$@" &
    done
    wait
    for ((w = 0; w < JOBS; w++)); do
        read -r b e k u <"w$w.sum" || { b=1; detail+=("worker $w did not finish"); }
        bad=$((bad + b)) errors=$((errors + e)) kept=$((kept + k)) unaffected=$((unaffected + u))
    done
    if [ "$bad" -eq 0 ]; then
        pass "$label: every N from $from to $total ($errors errors with nothing written, $kept errors after a durable commit, $unaffected unaffected)"
    else
        mapfile -t -O "${#detail[@]}" detail < <(sort -t= -k2 -n w*.detail | head -n "${FAULTS_DETAIL:-8}")
        fail "$label: $bad of the N from $from to $total go wrong" "${detail[@]}"
    fi
}

# sweep_path LABEL BASE CMD...: count, then sweep allocations and writes.
# Opening the database is the same path for every command: the first sweep
# covers it (N from 1), the later ones start past it (OPEN_COVERED).
OPEN_COVERED=0
sweep_path() {
    local label=$1 base=$2; shift 2
    if ! counts "$base" "$@"; then fail "$label: counting run" "$(cat $X.err)"; return; fi
    if [ "$ALLOCS" -lt 100 ] || [ "$WRITES" -lt 3 ]; then
        fail "$label: the counts are too small to be real" "allocations=$ALLOCS writes=$WRITES"; return
    fi
    [ "$AFTER" != "$(state "$base")" ] || { fail "$label: the command changes nothing"; return; }
    # The sweep's runs are the runner's children: they must count as a
    # fresh process does, or the sweep would miss the path's last N.
    fresh "$base"
    printf '%s\0' "${SWEEP_STDIN:-/dev/null}" /dev/null $X.err SSRTRACK_FAULT_COUNT=1 -- --db $X.db "$@" "" |
        SSRTRACK_RUNNER=$LIMIT "$BIN" >/dev/null
    eq "$label: a run of the runner counts as a fresh process" "$(grep 'fault count:' $X.err)" \
        "ssrtrack: fault count: allocations=$ALLOCS writes=$WRITES opened_at_allocations=$OPEN_ALLOCS opened_at_writes=$OPEN_WRITES"
    "$BIN" --db "$base" verify >/dev/null 2>$X.err || { fail "$label: the state before fails verify" "$(<$X.err)"; return; }
    local a=1 w=1
    [ "$OPEN_COVERED" = 1 ] && a=$((OPEN_ALLOCS + 1)) w=$((OPEN_WRITES + 1))
    OPEN_COVERED=1
    sweep "$label, allocation N fails" SSRTRACK_FAIL_ALLOC "" "$a" "$ALLOCS" "$NOMEM" "$base" "$@"
    sweep "$label, write N fails" SSRTRACK_FAIL_WRITE "" "$w" "$WRITES" "$IOERR" "$base" "$@"
    sweep "$label, disk full from write N" SSRTRACK_FAIL_WRITE "+:full" "$w" "$WRITES" "$IOERR" "$base" "$@"
    [ "$FULL" = 1 ] && sweep "$label, allocation N and all after fail" SSRTRACK_FAIL_ALLOC "+" "$a" "$ALLOCS" "$NOMEM" "$base" "$@"
}

# --- the hooks themselves ---------------------------------------------------

"$BIN" init >/dev/null && "$BIN" demo >/dev/null
cp "$SSRTRACK_DB" demo.db
REC_SET=(rec set SSR1-9 status=complete owner=X --effective 2015-01-01 --reason r)

fresh demo.db
run "$BIN" --db $X.db "${REC_SET[@]}"
eq "unset, the hooks say nothing" "$RC:$ERR" "0:"
fresh demo.db
SSRTRACK_FAIL_ALLOC=1 run "$BIN" --db $X.db "${REC_SET[@]}"
eq "SSRTRACK_FAIL_ALLOC=1 fails the first allocation" "$RC:$ERR" "2:ssrtrack: out of memory"
SSRTRACK_FAIL_ALLOC=x run "$BIN" --db $X.db "${REC_SET[@]}"
has "a malformed hook is refused" "$RC:$ERR" "^1:ssrtrack: SSRTRACK_FAIL_ALLOC: 'x' is not"
SSRTRACK_FAIL_WRITE=1:fully run "$BIN" --db $X.db "${REC_SET[@]}"
has "... and so is an unknown suffix" "$RC:$ERR" "^1:ssrtrack: SSRTRACK_FAIL_WRITE: '1:fully' is not"
fresh demo.db
SSRTRACK_FAIL_WRITE=1+:full run "$BIN" --db $X.db "${REC_SET[@]}"
has "a full disk is reported as such" "$RC:$ERR" "^2:ssrtrack: rec set SSR1-9: .*the database is full"
eq "... with nothing written" "$(state $X.db)" "$(state demo.db)"


# --- the sweeps -------------------------------------------------------------

sweep_path "rec set" demo.db "${REC_SET[@]}"

# A small canonical file (an export of a small database) into a new one.
rm -f "$SSRTRACK_DB"*
seed_small
"$BIN" export > small.json
rm -f "$SSRTRACK_DB"*
"$BIN" init >/dev/null
cp "$SSRTRACK_DB" empty.db
sweep_path "import (canonical JSON)" empty.db import small.json

# One request to the web application, as `ssrtrack http` answers it: an
# editor's API write, swept from where both connections are open, so the
# web's error paths run under the sanitizers too.
rm -f "$SSRTRACK_DB"*
cp demo.db "$SSRTRACK_DB"
echo "correct horse battery" | "$BIN" user add ana --role editor >/dev/null
token=$("$BIN" token create ana)
# The token's last use is written before every request (left out of the
# state). Used once here at the sweep's own time, that write leaves the file
# as it was, so a run that fails before the change leaves the base's bytes
# and is judged by one cmp rather than a dump and a verify.
printf 'GET /api/v1/recs/SSR1-9 HTTP/1.1\r\nHost: ssrtrack.test\r\nAuthorization: Bearer %s\r\n\r\n' "$token" |
    "$BIN" http | grep -q '^HTTP/1.1 200' || fail "http: the token answers a GET"
sqlite3 "$SSRTRACK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$SSRTRACK_DB" web.db
body='{"set":{"status":"complete","owner":"CIIO"},"effective":"2015-01-01","reason":"roadmap"}'
printf 'PATCH /api/v1/recs/SSR1-9 HTTP/1.1\r\nHost: ssrtrack.test\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$token" "${#body}" "$body" > request.txt
SWEEP_STDIN=request.txt sweep_path "http (PATCH /api/v1/recs/SSR1-9)" web.db http

[ "$FULL" = 1 ] || exit 0

# Four eyes: the verification reads the rec's history and evidence, then writes.
sweep_path "rec verify" demo.db rec verify SSR1-10 --actor ana --no-evidence-reason "public record" --reason r

# A small SSR1 report, in the layout docs/import.md describes.
cat > mini.txt <<'EOF'
Implementation of the Review Recommendations, as of 18 March 2014
Below, the state of work on each of the 3 SSR Review Team recommendations adopted by the ICANN Board.
	Topic	Summary	Milestones
1 	Scope	ICANN should write down its scope.	✓ Scope drafted. o Scope under review.
2 	Roles.	#2 - ICANN should define the roles.	Split as 2A [RED] and 2B [BLUE]: √ 2A - roles of red. ○ 2B – roles of blue.
3	Upkeep	ICANN should keep records up to date.	◇ Plan the upkeep. This is an on-going task.
EOF
sweep_path "import --format ssr1-report (3 recs)" empty.db import --format ssr1-report mini.txt
sweep_path "demo (497 changes)" empty.db demo
R1=$SEEDS/002_0b44ff1b59d411cb.txt
R2=$SEEDS/000_1b707e8e43b30b9a.txt
if have_seeds 002_0b44ff1b59d411cb.txt 000_1b707e8e43b30b9a.txt; then
    sweep_path "import --format ssr1-report (the SSR1 report)" empty.db import --format ssr1-report "$R1"
    sweep_path "import --format ssr2-assessment (the SSR2 assessment)" empty.db import --format ssr2-assessment "$R2"
fi
