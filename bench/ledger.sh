#!/usr/bin/env bash
# Ledger benchmarks at 1M changes (the log of bench/gen_changes.sh): the
# Merkle tree built from scratch, inclusion and consistency proofs (many in
# one process, reported per proof), and a full verify (chain and tree); with
# peers measured in the same run:
#   tree build - python3's hashlib building the same tree (leaf and node
#                hashes, RFC 9162) from the same encoded rows; sha256sum over
#                those bytes, the floor for hashing them once
set -euo pipefail
. "$(dirname "$0")/lib.sh"
BIN=${BIN:?}
RECS=${RECS:-10000}
PER=${PER:-100}
PROOFS=${PROOFS:-20000}
n=$((RECS * PER + 1))

db=$BENCH_TMP/ledger.db
rm -f "$db" "$db"-wal "$db"-shm "$db.key"
"$(dirname "$0")/gen_changes.sh" "$RECS" "$PER" > "$BENCH_TMP/ledger.json"
"$BIN" --db "$db" init >/dev/null
"$BIN" --db "$db" import "$BENCH_TMP/ledger.json" >/dev/null
rm -f "$BENCH_TMP/ledger.json"

measure ledger "tree over $n leaves from scratch (rebuild --tree)" ms "$BIN" --db "$db" rebuild --tree

# The same tree by a peer: the rows' encodings (docs/ledger.md) written once,
# untimed, then hashed by python3 (leaves, then nodes over the right edge).
"$BIN" --db "$db" export | python3 -c '
import json, sys
out = open(sys.argv[1], "wb")
keys = ["seq", "entity", "entity_id", "field", "value", "effective_at", "recorded_at", "actor", "reason"]
for line in sys.stdin:
    line = line.strip().rstrip(",")
    if not line.startswith("{\"seq\""):
        continue
    c = json.loads(line)
    enc = b"".join(len(v).to_bytes(4, "big") + v for v in (str(c[k]).encode() for k in keys))
    out.write(len(enc).to_bytes(4, "big") + enc)
' "$BENCH_TMP/rows.bin"
cat > "$BENCH_TMP/tree.py" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
sha = hashlib.sha256
edge = []          # (level, hash) of the complete subtrees on the right edge
pos, size = 0, 0
while pos < len(data):
    n = int.from_bytes(data[pos:pos + 4], "big")
    h = sha(b"\x00" + data[pos + 4:pos + 4 + n]).digest()
    pos += 4 + n
    level = 0
    while edge and edge[-1][0] == level:
        h = sha(b"\x01" + edge.pop()[1] + h).digest()
        level += 1
    edge.append((level, h))
    size += 1
root = edge[-1][1]
for _, h in reversed(edge[:-1]):
    root = sha(b"\x01" + h + root).digest()
print(size, root.hex())
PY
measure ledger "peer: python3 hashlib, the same tree from the encoded rows" ms python3 "$BENCH_TMP/tree.py" "$BENCH_TMP/rows.bin"
measure ledger "peer: sha256sum over the encoded rows" ms sha256sum "$BENCH_TMP/rows.bin"

# The peer must have built the tree verify recomputes from the rows.
ours=$("$BIN" --db "$db" verify | sed 's/.*tree root //')
theirs=$(python3 "$BENCH_TMP/tree.py" "$BENCH_TMP/rows.bin" | cut -d' ' -f2)
[ "$ours" = "$theirs" ] || { echo "bench: the peer's root $theirs is not ours $ours" >&2; exit 1; }
rm -f "$BENCH_TMP/rows.bin"

# Proofs: one process printing PROOFS of them, against one printing one; the
# difference per proof is the cost of a proof (its reads, hashing and JSON).
mid=$((n / 2))
measure ledger "1 inclusion proof (a whole process)" ms "$BIN" --db "$db" proof inclusion "$mid"
measure ledger "$PROOFS inclusion proofs in one process" ms "$BIN" --db "$db" proof inclusion "$mid..$((mid + PROOFS - 1))"
measure ledger "1 consistency proof (a whole process)" ms "$BIN" --db "$db" proof consistency "$mid" "$n"
measure ledger "$PROOFS consistency proofs in one process" ms "$BIN" --db "$db" proof consistency "$mid..$((mid + PROOFS - 1))" "$n"
measure ledger "verify $n changes (chain and tree)" ms "$BIN" --db "$db" verify

build=$(median ledger "tree over $n leaves from scratch (rebuild --tree)")
py=$(median ledger "peer: python3 hashlib, the same tree from the encoded rows")
figure ledger "tree over 1M leaves from scratch (s)" "$(calc "$build / 1000")" "< 2" "$(awk "BEGIN{print ($build < 2000) ? \"yes\" : \"no\"}")"
figure ledger "tree build time / python3 hashlib tree time" "$(calc "$build / $py")" "-" "-"
for kind in inclusion consistency; do
    one=$(median ledger "1 $kind proof (a whole process)")
    many=$(median ledger "$PROOFS $kind proofs in one process")
    per=$(awk "BEGIN { printf \"%.4f\", ($many - $one) / ($PROOFS - 1) }")
    figure ledger "$kind proof (ms each)" "$per" "< 1" "$(awk "BEGIN{print ($per < 1) ? \"yes\" : \"no\"}")"
done
v=$(median ledger "verify $n changes (chain and tree)")
figure ledger "verify, chain and tree (s)" "$(calc "$v / 1000")" "< 2" "$(awk "BEGIN{print ($v < 2000) ? \"yes\" : \"no\"}")"
