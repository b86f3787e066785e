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
# Each refusal must be exit 1 with one line on stderr.
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

declare -A seen caught
refused() {  # KIND CMD...: the command must exit 1 with one stderr line
    local kind=$1; shift
    seen[$kind]=$(( ${seen[$kind]:-0} + 1 ))
    st "$@"
    if [ "$RC" -eq 1 ] && [ "$(printf '%s' "$ERR" | grep -c '')" -eq 1 ]; then
        caught[$kind]=$(( ${caught[$kind]:-0} + 1 ))
    elif [ -z "${shown[$kind]:-}" ]; then
        shown[$kind]=1
        fail "tamper: $kind (case $i)" "seed $SEED: exit $RC: $ERR" "$(cat "$T/case.sql" 2>/dev/null)"
    fi
}
declare -A shown
cols=(entity entity_id field value effective_at recorded_at actor reason reported_at)

for ((i = 1; i <= CASES; i++)); do
    kind=$((RANDOM % 10))
    rm -f x.db x.db-wal x.db-shm "$T/case.sql"
    case $kind in
    0)  s=$((1 + RANDOM % n)); c=${cols[RANDOM % 9]}
        echo "UPDATE change_log SET $c = $c || 'x' WHERE seq = $s;" > "$T/case.sql"
        cp clean.db x.db; sqlite3 x.db < "$T/case.sql"
        if ((RANDOM % 2)); then refused "edited row" --db x.db verify; else refused "edited row" --db x.db verify --checkpoint good.ck; fi ;;
    1)  s=$((1 + RANDOM % n))
        echo "DELETE FROM change_log WHERE seq = $s;" > "$T/case.sql"
        cp clean.db x.db; sqlite3 x.db < "$T/case.sql"
        refused "deleted row" --db x.db verify --checkpoint good.ck ;;
    2)  a=$((1 + RANDOM % n)); b=$((1 + RANDOM % n)); [ "$a" -eq "$b" ] && b=$((a % n + 1))
        echo "UPDATE change_log SET seq = -1 WHERE seq = $a; UPDATE change_log SET seq = $a WHERE seq = $b;
              UPDATE change_log SET seq = $b WHERE seq = -1;" > "$T/case.sql"
        cp clean.db x.db; sqlite3 x.db < "$T/case.sql"
        refused "reordered rows" --db x.db verify ;;
    3)  # Cut k rows and make the head, the tree size and the tree agree: only
        # the checkpoint can tell.
        k=$((1 + RANDOM % (n - 1))); m=$((n - k))
        echo "DELETE FROM change_log WHERE seq > $m;
              UPDATE meta SET value = '$m' WHERE key IN ('head_seq', 'tree_size');
              UPDATE meta SET value = (SELECT lower(hex(hash)) FROM change_log WHERE seq = $m) WHERE key = 'head_hash';
              DELETE FROM merkle_nodes WHERE (key >> 6) >= $m;" > "$T/case.sql"
        cp clean.db x.db; sqlite3 x.db < "$T/case.sql"
        if [ -z "${truncation_checked:-}" ]; then
            truncation_checked=1
            st --db x.db verify
            eq "a truncation made consistent passes the check of the chain and tree alone" "$RC" "0"
        fi
        refused "truncated log" --db x.db verify --checkpoint good.ck ;;
    4)  v=$((RANDOM % 2))
        echo "INSERT INTO change_log SELECT seq + 1, entity, entity_id, field, 'forged', effective_at,
              recorded_at, actor, reason, randomblob(32), reported_at, tx FROM change_log WHERE seq = $n;
              $([ $v -eq 1 ] && echo "UPDATE meta SET value = '$((n + 1))' WHERE key IN ('head_seq', 'tree_size');")" > "$T/case.sql"
        cp clean.db x.db; sqlite3 x.db < "$T/case.sql"
        refused "forged row appended" --db x.db verify --checkpoint good.ck ;;
    5)  echo "UPDATE merkle_nodes SET hash = randomblob(32) WHERE key = (SELECT key FROM merkle_nodes
              ORDER BY key LIMIT 1 OFFSET abs(random()) % (SELECT count(*) FROM merkle_nodes));" > "$T/case.sql"
        cp clean.db x.db; sqlite3 x.db < "$T/case.sql"
        refused "altered tree node" --db x.db verify ;;
    6)  # A checkpoint altered: its size, its root, its origin, its signature.
        case $((RANDOM % 4)) in
        0) awk -v s=$((1 + RANDOM % (2 * n))) -v n="$n" 'NR == 2 { $0 = (s == n ? s + 1 : s) } 1' good.ck > bad.ck ;;
        1) awk -v r="$(head -c 32 /dev/urandom | base64)" 'NR == 3 { $0 = r } 1' good.ck > bad.ck ;;
        2) awk 'NR == 1 { $0 = $0 "x" } 1' good.ck > bad.ck ;;
        3) p=$((2 + RANDOM % 88))
           awk -v p="$p" 'NR == 5 { c = substr($0, p + 4, 1); $0 = substr($0, 1, p + 3) (c == "A" ? "B" : "A") substr($0, p + 5) } 1' good.ck > bad.ck ;;
        esac
        refused "replaced checkpoint" --db clean.db verify --checkpoint bad.ck ;;
    7)  # A checkpoint of a rewritten history, signed with the log's own key.
        f=$((1 + RANDOM % 3))
        if ((RANDOM % 2)); then refused "rewritten log" --db clean.db verify --checkpoint fork$f.ck
        else refused "rewritten log" --db fork$f.db verify --checkpoint good.ck --key log.pub; fi ;;
    8)  # Another key.
        case $((RANDOM % 3)) in
        0) refused "wrong key" --db clean.db verify --checkpoint other.ck ;;
        1) refused "wrong key" --db clean.db verify --checkpoint good.ck --key other.pub ;;
        2) refused "wrong key" verify-proof --proof incl.json --checkpoint good.ck --key other.pub ;;
        esac ;;
    9)  # A proof altered: a path hash, the leaf, the seq or a size.
        if ((RANDOM % 2)); then
            j=$(jq '.path | length' incl.json)
            case $((RANDOM % 3)) in
            0) jq --argjson k $((RANDOM % j)) '.path[$k] |= (.[0:10] + (if .[10:11] == "a" then "b" else "a" end) + .[11:])' incl.json > bad.json ;;
            1) jq --argjson s $((1 + RANDOM % n)) '.seq = (if $s == .seq then .seq % '"$n"' + 1 else $s end) | .leaf_index = .seq - 1 | .change = null' incl.json > bad.json ;;
            2) jq '.leaf_hash = .path[0] | .change = null' incl.json > bad.json ;;
            esac
            refused "altered proof" verify-proof --proof bad.json --checkpoint good.ck --key log.pub
        else
            j=$(jq '.path | length' cons.json)
            jq --argjson k $((RANDOM % j)) '.path[$k] |= (.[0:5] + (if .[5:6] == "0" then "1" else "0" end) + .[6:])' cons.json > bad.json
            refused "altered proof" verify-proof --proof bad.json --checkpoint good.ck --old-checkpoint old.ck --key log.pub
        fi ;;
    esac
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
