# End-to-end: tampering of every kind is detected, in 1,000 random cases (a
# seeded run: LEDGER_SEED repeats one). Against a database with a signed
# checkpoint of its whole log:
#   edited, deleted, reordered rows; a forged row appended; a stored tree
#   node altered                         -> verify and verify --checkpoint fail
#   rows cut off the end with the head, tree size and tree made to match
#   (the chain alone cannot see it)      -> verify --checkpoint fails
#   a log rewritten and re-chained, signed with the same key -> its checkpoint
#   is refused by an old holder, and the old checkpoint by it
#   a checkpoint altered, or signed by another key -> refused
#   a proof altered, or checked with another key   -> verify-proof fails
# Each refusal must be exit 1 with one line on stderr. The cases are made by
# one sqlite3 and one jq per batch and checked by forks of one runner, not a
# process each.
. "$(dirname "$0")/lib.sh"
SEED=${LEDGER_SEED:-$RANDOM}
RANDOM=$SEED
CASES=${LEDGER_CASES:-1000}

seed_small
for i in $(seq 1 45); do
    "$BIN" rec set SSR1-$((1 + 5 * (i % 2))) status=$([ $((i % 3)) -eq 0 ] && echo planning || echo in_progress) owner="o$i" >/dev/null
    [ "$i" -eq 15 ] && "$BIN" checkpoint > old.ck   # a holder of an older checkpoint
done
"$BIN" milestone add SSR1-6 --title "A step" >/dev/null
"$BIN" checkpoint > good.ck
"$BIN" key show > log.pub
n=$(log_count)
sqlite3 "$SSRTRACK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$SSRTRACK_DB" clean.db
"$BIN" --db clean.db verify --checkpoint good.ck >/dev/null || fail "the clean copy verifies" "seed $SEED"
"$BIN" proof inclusion $((n / 2)) > incl.json
"$BIN" proof consistency "$(sed -n 2p old.ck)" "$n" > cons.json

# Another log under another key with the same origin name.
origin=$(head -1 good.ck)
"$BIN" --db other.db init --origin "$origin" >/dev/null
"$BIN" --db other.db review add SSR1 --title "First SSR review" >/dev/null
"$BIN" --db other.db checkpoint > other.ck
"$BIN" --db other.db key show > other.pub

# Forks: the same log with one change rewritten, re-chained and signed with
# the log's own key (as an operator who rewrites history could).
"$BIN" export > full.json
for f in 1 2 3; do
    k=$((2 + (f * 17) % (n - 2)))
    jq --argjson k "$k" '.changes |= map(del(.seq, .hash)) | .changes[$k - 1].reason = "rewritten"' \
        full.json > fork$f.json
    "$BIN" --db fork$f.db init --key "$SSRTRACK_DB.key" >/dev/null
    "$BIN" --db fork$f.db import fork$f.json >/dev/null
    "$BIN" --db fork$f.db checkpoint --key "$SSRTRACK_DB.key" > fork$f.ck
done

# The cases are made and checked in batches: one sqlite3 makes each batch's
# tampered copies (.restore of the clean file, then the case's SQL), one jq
# its altered proofs, and two runners (SSRTRACK_RUNNER, docs/cli.md) check
# them, a fork per case rather than a new process; then each case is judged
# from its exit status and stderr. Case I's copy is x$I.db, its files bad$I.*,
# its stderr e$I.err.
BATCH=100
declare -A seen caught shown
cols=(entity entity_id field value effective_at recorded_at actor reason reported_at)
mapfile -t ck <good.ck
{ read -r incl_len; read -r cons_len; } < <(jq '.path | length' incl.json cons.json)
b64=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/

# tamper_sql I SQL: case I's copy is the clean file changed by SQL.
tamper_sql() {
    sql[$1]=$2
    printf '.open x%s.db\n.restore clean.db\n%s\n' "$1" "$2" >>batch.sql
}
# expect I KIND ARGS...: case I (of KIND) runs ssrtrack ARGS, which must refuse.
expect() {
    local i=$1; kind_of[$1]=$2; shift 2
    printf '%s\0' /dev/null /dev/null "e$i.err" -- "$@" "" >>"req$((i % 2))"
}
# bad_ck I: case I's checkpoint, good.ck altered: its size, its root, its
# origin or its signature (bad$I.ck).
bad_ck() {
    local -a l=("${ck[@]}")
    local s r p c k
    case $((RANDOM % 4)) in
    0) s=$((1 + RANDOM % (2 * n))); l[1]=$((s == n ? s + 1 : s)) ;;
    1) r=; for ((k = 0; k < 42; k++)); do r+=${b64:RANDOM % 64:1}; done
       l[2]=$r${b64:4 * (RANDOM % 16):1}= ;;   # 32 random bytes in base64
    2) l[0]+=x ;;
    3) p=$((2 + RANDOM % 88)); c=${l[4]:p+3:1}
       [ "$c" == A ] && c=B || c=A
       l[4]=${l[4]:0:p+3}$c${l[4]:p+4} ;;
    esac
    printf '%s\n' "${l[@]}" >"bad$1.ck"
}
# bad_proof I HOW [ARG]: case I's proof, bad$I.json, is a proof altered (HOW):
# an inclusion proof's path hash ARG (incl_path), its seq made ARG (seq) or
# its leaf (leaf); a consistency proof's path hash ARG (cons_path). A batch's
# are all made by one jq run (make_proofs).
bad_proof() { echo "$*" >>proofs.req; }
make_proofs() {
    [ -s proofs.req ] || return 0
    jq -nRcr --slurpfile incl incl.json --slurpfile cons cons.json --argjson n "$n" '
        inputs | split(" ") as [$i, $how, $arg] | ($arg // "0" | tonumber) as $k
        | "bad\($i).json",
          if $how == "incl_path" then $incl[0] | .path[$k] |= (.[0:10] + (if .[10:11] == "a" then "b" else "a" end) + .[11:])
          elif $how == "seq" then $incl[0] | .seq = (if $k == .seq then .seq % $n + 1 else $k end) | .leaf_index = .seq - 1 | .change = null
          elif $how == "leaf" then $incl[0] | .leaf_hash = .path[0] | .change = null
          elif $how == "cons_path" then $cons[0] | .path[$k] |= (.[0:5] + (if .[5:6] == "0" then "1" else "0" end) + .[6:])
          else error("no such alteration: \($how)") end' <proofs.req >proofs.out || return 1
    local -a out
    local j
    mapfile -t out <proofs.out
    for ((j = 0; j + 1 < ${#out[@]}; j += 2)); do printf '%s\n' "${out[j + 1]}" >"${out[j]}"; done
}

# make_case I: draws case I's kind and its tampering, as described above.
make_case() {
    local i=$1 s c a b k m v f
    case $((RANDOM % 10)) in
    0)  s=$((1 + RANDOM % n)); c=${cols[RANDOM % 9]}
        tamper_sql "$i" "UPDATE change_log SET $c = $c || 'x' WHERE seq = $s;"
        if ((RANDOM % 2)); then expect "$i" "edited row" --db "x$i.db" verify
        else expect "$i" "edited row" --db "x$i.db" verify --checkpoint good.ck; fi ;;
    1)  s=$((1 + RANDOM % n))
        tamper_sql "$i" "DELETE FROM change_log WHERE seq = $s;"
        expect "$i" "deleted row" --db "x$i.db" verify --checkpoint good.ck ;;
    2)  a=$((1 + RANDOM % n)); b=$((1 + RANDOM % n)); [ "$a" -eq "$b" ] && b=$((a % n + 1))
        tamper_sql "$i" "UPDATE change_log SET seq = -1 WHERE seq = $a; UPDATE change_log SET seq = $a WHERE seq = $b;
              UPDATE change_log SET seq = $b WHERE seq = -1;"
        expect "$i" "reordered rows" --db "x$i.db" verify ;;
    3)  # Cut k rows and make the head, the tree size and the tree agree: only
        # the checkpoint can tell.
        k=$((1 + RANDOM % (n - 1))); m=$((n - k))
        tamper_sql "$i" "DELETE FROM change_log WHERE seq > $m;
              UPDATE meta SET value = '$m' WHERE key IN ('head_seq', 'tree_size');
              UPDATE meta SET value = (SELECT lower(hex(hash)) FROM change_log WHERE seq = $m) WHERE key = 'head_hash';
              DELETE FROM merkle_nodes WHERE (key >> 6) >= $m;"
        # The first such copy is also checked by the chain and tree alone.
        [ -n "$truncation_case" ] || { truncation_case=$i
            printf '%s\0' /dev/null /dev/null truncation.err -- --db "x$i.db" verify "" >truncation.req; }
        expect "$i" "truncated log" --db "x$i.db" verify --checkpoint good.ck ;;
    4)  v=$((RANDOM % 2))
        tamper_sql "$i" "INSERT INTO change_log SELECT seq + 1, entity, entity_id, field, 'forged', effective_at,
              recorded_at, actor, reason, randomblob(32), reported_at, tx FROM change_log WHERE seq = $n;
              $([ $v -eq 1 ] && echo "UPDATE meta SET value = '$((n + 1))' WHERE key IN ('head_seq', 'tree_size');")"
        expect "$i" "forged row appended" --db "x$i.db" verify --checkpoint good.ck ;;
    5)  tamper_sql "$i" "UPDATE merkle_nodes SET hash = randomblob(32) WHERE key = (SELECT key FROM merkle_nodes
              ORDER BY key LIMIT 1 OFFSET abs(random()) % (SELECT count(*) FROM merkle_nodes));"
        expect "$i" "altered tree node" --db "x$i.db" verify ;;
    6)  bad_ck "$i"
        expect "$i" "replaced checkpoint" --db clean.db verify --checkpoint "bad$i.ck" ;;
    7)  # A checkpoint of a rewritten history, signed with the log's own key.
        f=$((1 + RANDOM % 3))
        if ((RANDOM % 2)); then expect "$i" "rewritten log" --db clean.db verify --checkpoint fork$f.ck
        else expect "$i" "rewritten log" --db fork$f.db verify --checkpoint good.ck --key log.pub; fi ;;
    8)  # Another key.
        case $((RANDOM % 3)) in
        0) expect "$i" "wrong key" --db clean.db verify --checkpoint other.ck ;;
        1) expect "$i" "wrong key" --db clean.db verify --checkpoint good.ck --key other.pub ;;
        2) expect "$i" "wrong key" verify-proof --proof incl.json --checkpoint good.ck --key other.pub ;;
        esac ;;
    9)  # A proof altered: a path hash, the leaf, the seq or a size.
        if ((RANDOM % 2)); then
            case $((RANDOM % 3)) in
            0) bad_proof "$i" incl_path $((RANDOM % incl_len)) ;;
            1) bad_proof "$i" seq $((1 + RANDOM % n)) ;;
            2) bad_proof "$i" leaf ;;
            esac
            expect "$i" "altered proof" verify-proof --proof "bad$i.json" --checkpoint good.ck --key log.pub
        else
            bad_proof "$i" cons_path $((RANDOM % cons_len))
            expect "$i" "altered proof" verify-proof --proof "bad$i.json" --checkpoint good.ck --old-checkpoint old.ck --key log.pub
        fi ;;
    esac
}

# judge I RC: case I must have exited 1 with one line on stderr.
judge() {
    local i=$1 rc=$2 kind=${kind_of[$1]} err
    local -a lines
    seen[$kind]=$(( ${seen[$kind]:-0} + 1 ))
    mapfile -t lines <"e$i.err"
    if [ "$rc" -eq 1 ] && [ "${#lines[@]}" -eq 1 ]; then
        caught[$kind]=$(( ${caught[$kind]:-0} + 1 ))
    elif [ -z "${shown[$kind]:-}" ]; then
        shown[$kind]=1
        err=${lines[*]}
        fail "tamper: $kind (case $i)" "seed $SEED: exit $rc: ${err:0:2000}" "${sql[$i]:-}"
    fi
}

truncation_case=
for ((first = 1; first <= CASES; first += BATCH)); do
    last=$((first + BATCH - 1)); [ "$last" -le "$CASES" ] || last=$CASES
    rm -f x*.db* bad*.ck bad*.json e*.err batch.sql req0 req1 proofs.req
    echo .bail on >batch.sql; : >req0; : >req1
    declare -A kind_of=() sql=()
    for ((i = first; i <= last; i++)); do make_case "$i"; done
    sqlite3 <batch.sql >/dev/null || fail "the tampered copies are made (cases $first to $last)" "seed $SEED"
    make_proofs || fail "the altered proofs are made (cases $first to $last)" "seed $SEED"
    for r in 0 1; do SSRTRACK_RUNNER=60 "$BIN" <"req$r" >"rc$r" & done
    wait
    mapfile -t rc0 <rc0; mapfile -t rc1 <rc1
    for ((i = first; i <= last; i++)); do
        if ((i % 2)); then rc=${rc1[0]:-none}; rc1=("${rc1[@]:1}")
        else rc=${rc0[0]:-none}; rc0=("${rc0[@]:1}"); fi
        [ "$rc" != none ] || rc=255
        judge "$i" "$rc"
    done
    if [ -n "$truncation_case" ] && [ -z "${truncation_checked:-}" ]; then
        truncation_checked=1
        rc=$(SSRTRACK_RUNNER=60 "$BIN" <truncation.req)
        eq "a truncation made consistent passes the check of the chain and tree alone" "$rc" "0"
    fi
done

total=0
for k in "edited row" "deleted row" "reordered rows" "truncated log" "forged row appended" \
         "altered tree node" "replaced checkpoint" "rewritten log" "wrong key" "altered proof"; do
    total=$((total + ${seen[$k]:-0}))
    if [ "${seen[$k]:-0}" -gt 0 ] && [ "${caught[$k]:-0}" -eq "${seen[$k]}" ]; then
        pass "tamper: $k detected (${seen[$k]} of ${seen[$k]} cases)"
    else
        fail "tamper: $k detected" "seed $SEED: ${caught[$k]:-0} of ${seen[$k]:-0} cases"
    fi
done
if [ "$total" -ge "$CASES" ]; then pass "tamper: $total random cases"; else fail "tamper: $total random cases" "expected $CASES"; fi
ok "the clean copy still verifies" --db clean.db verify --checkpoint good.ck
