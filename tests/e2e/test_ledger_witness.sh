# End-to-end: witnesses. Two `witness serve` processes (C2SP tlog-witness on
# 127.0.0.1) cosign the log's checkpoints; the cosignatures verify with an
# independent Ed25519 (Debian's python3-nacl) written from C2SP
# tlog-cosignature; verify and verify-proof require K of them; a forked log
# (another history of the same size, or a larger one that does not extend the
# witnessed one) and a rolled-back one are refused; the witness remembers
# across restarts; the export and the server publish the cosigned checkpoint.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# witness_up N: start witness N (key wN.key, state wN.key.state); sets W_URL[N].
declare -A W_URL W_PID
witness_up() {
    rm -f "w$1.log"
    "$BIN" witness serve --key "w$1.key" --listen 127.0.0.1:0 --log "$(cat log.pub)" 2>"w$1.log" &
    W_PID[$1]=$!
    local i port=""
    for i in $(seq 1 100); do
        port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "w$1.log" 2>/dev/null | head -1)
        [ -n "$port" ] && break
        sleep 0.05
    done
    W_URL[$1]="http://127.0.0.1:$port"
}
witness_down() { kill "${W_PID[$1]}" 2>/dev/null; wait "${W_PID[$1]}" 2>/dev/null; }
trap 'witness_down 1; witness_down 2; stop_server; rm -rf "$T"' EXIT

# cosig_check CHECKPOINT VKEY...: each witness's cosignature, checked by nacl.
cosig_check() {
    "$PY" - "$@" <<'EOF'
import base64, hashlib, sys
import nacl.signing
note = open(sys.argv[1]).read()
text, _, sigs = note.partition("\n\n")
text += "\n"
for vkey in sys.argv[2:]:
    name, keyhash, key = vkey.strip().split("+", 2)
    key = base64.b64decode(key)
    assert key[0] == 4, "not a cosigner key"
    kid = hashlib.sha256(name.encode() + b"\n" + key).digest()[:4]
    assert kid.hex() == keyhash, "key hash"
    ok = False
    for line in sigs.splitlines():
        if not line.startswith("\u2014 " + name + " "):
            continue
        raw = base64.b64decode(line.split(" ")[2])
        if raw[:4] != kid:
            continue
        ts = int.from_bytes(raw[4:12], "big")
        msg = ("cosignature/v1\ntime %d\n" % ts + text).encode()
        nacl.signing.VerifyKey(key[1:]).verify(msg, raw[12:])
        ok = True
    print(name, "ok" if ok else "missing")
EOF
}

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
"$BIN" key show > log.pub
ok "witness init makes a key" witness init --name witness.example/w1 --key w1.key
printf '%s\n' "$OUT" > w1.pub
has "and prints its verifier key, of type 0x04" "$(base64 -d <<<"$(cut -d+ -f3- w1.pub)" | head -c1 | od -An -tx1)" " 04"
eq "the key file is the owner's only" "$(stat -c %a w1.key)" "600"
must_fail "witness init never overwrites a key" 1 witness init --name witness.example/w1 --key w1.key
"$BIN" witness init --name witness.example/w2 --key w2.key > w2.pub 2>/dev/null
"$BIN" witness init --name witness.example/w3 --key w3.key > w3.pub 2>/dev/null
must_fail "witness serve needs the logs it witnesses" 1 witness serve --key w1.key
witness_up 1
witness_up 2
W1="${W_URL[1]}=$(cat w1.pub)"
W2="${W_URL[2]}=$(cat w2.pub)"

must_fail "a witness on a loopback address is refused without --allow-private" 1 checkpoint --witness "$W1"
hasf "saying why" "$ERR" "not a public address"
ok "checkpoint --witness gathers cosignatures" checkpoint --witness "$W1" --witness "$W2" --allow-private
printf '%s\n' "$OUT" > ck1
eq "the checkpoint carries the log's signature and two cosignatures" "$(grep -c '^— ' ck1)" "3"
eq "the cosignatures verify with python3-nacl" "$(cosig_check ck1 "$(cat w1.pub)" "$(cat w2.pub)" 2>&1 | tr '\n' ' ')" \
   "witness.example/w1 ok witness.example/w2 ok "
ok "verify requires both cosignatures" verify --checkpoint ck1 --witness-key "$(cat w1.pub)" --witness-key "$(cat w2.pub)"
must_fail "a witness that did not cosign fails the default (all keys)" 1 verify --checkpoint ck1 \
    --witness-key "$(cat w1.pub)" --witness-key "$(cat w3.pub)"
hasf "naming it" "$ERR" "witness.example/w3"
ok "but 1 of them is enough when so asked" verify --checkpoint ck1 --witness-key "$(cat w1.pub)" \
    --witness-key "$(cat w3.pub)" --witnesses-needed 1
must_fail "--witnesses-needed beyond the keys given" 1 verify --checkpoint ck1 --witness-key "$(cat w1.pub)" --witnesses-needed 2
sed 's/^\(— witness.example\/w1 \)./\1A/' ck1 > ck1.bad
cmp -s ck1 ck1.bad && sed 's/^\(— witness.example\/w1 \)./\1B/' ck1 > ck1.bad
must_fail "a damaged cosignature does not count" 1 verify --checkpoint ck1.bad --witness-key "$(cat w1.pub)"
"$BIN" proof inclusion 7 > p7.json
ok "verify-proof requires the cosignatures too" verify-proof --proof p7.json --checkpoint ck1 --key log.pub \
    --witness-key "$(cat w1.pub)" --witness-key "$(cat w2.pub)"
"$BIN" checkpoint > plain
"$BIN" proof inclusion 7 --size "$(sed -n 2p plain)" > p7b.json
must_fail "a checkpoint without cosignatures is refused when they are required" 1 \
    verify-proof --proof p7b.json --checkpoint plain --key log.pub --witness-key "$(cat w1.pub)"

# The log grows; a copy of it forks.
size1=$(sed -n 2p ck1)
cp "$SSRTRACK_DB" old.db; cp -p "$SSRTRACK_DB.key" old.db.key
"$BIN" rec set SSR1-1 status=complete --reason "done" >/dev/null
ok "a grown log is cosigned again (the witness asks for its size, then a proof)" \
    checkpoint --witness "$W1" --witness "$W2" --allow-private
printf '%s\n' "$OUT" > ck2
size2=$(sed -n 2p ck2)
eq "cosigned at the new size" "$(cosig_check ck2 "$(cat w1.pub)" | tr '\n' ' ')" "witness.example/w1 ok "
cp old.db fork.db; cp -p old.db.key fork.db.key
"$BIN" --db fork.db rec set SSR1-1 status=deferred --reason "another history" >/dev/null
eq "the fork has the same size" "$(log_count fork.db)" "$size2"
must_fail "a witness refuses a forked log of the same size" 1 --db fork.db checkpoint --witness "$W1" --allow-private
has "as a conflict" "$ERR" "409.*fork"
"$BIN" --db fork.db rec set SSR1-6 status=deferred --reason "and more" >/dev/null
must_fail "and a forked log that grew past it (the proof fails)" 1 --db fork.db checkpoint --witness "$W1" --allow-private
has "as unprocessable" "$ERR" "422"
must_fail "a log rolled back is refused" 1 --db old.db checkpoint --witness "$W1" --allow-private
hasf "saying so" "$ERR" "rolled back"
# The protocol itself: a stale old size, a smaller checkpoint, garbage.
(printf 'old %s\n\n' "$size1"; cat ck1) > rollback.req
code=$(curl -s -o body -D heads -w '%{http_code}' --data-binary @rollback.req "${W_URL[1]}/add-checkpoint")
eq "an old checkpoint is answered 409 with the witness's size" "$code $(cat body)" "409 $size2"
hasf "as text/x.tlog.size" "$(cat heads)" "Content-Type: text/x.tlog.size"
printf 'old 0\n\nexample.org/other\n1\nAAAA\n\n— example.org/other AAAA\n' > unknown.req
eq "an unknown origin is 404" "$(curl -s -o /dev/null -w '%{http_code}' --data-binary @unknown.req "${W_URL[1]}/add-checkpoint")" "404"
# The log's signature line with its key hash kept and the signature replaced.
(printf 'old %s\n\n' "$size2"; "$PY" -c '
import base64, os, sys
lines = open(sys.argv[1]).read().split("\n")
name, sig = lines[4].rsplit(" ", 1)
raw = base64.b64decode(sig)
print("\n".join(lines[:4] + [name + " " + base64.b64encode(raw[:4] + os.urandom(64)).decode()]))' ck2) > forged.req
eq "a checkpoint the log's key did not sign is 403" "$(curl -s -o /dev/null -w '%{http_code}' --data-binary @forged.req "${W_URL[1]}/add-checkpoint")" "403"
eq "a malformed request is 400" "$(curl -s -o /dev/null -w '%{http_code}' --data-binary 'old 01' "${W_URL[1]}/add-checkpoint")" "400"
head -c 100000 /dev/zero > big.req
eq "an oversized request is 413" "$(curl -s -o /dev/null -w '%{http_code}' --data-binary @big.req "${W_URL[1]}/add-checkpoint")" "413"
eq "only POST" "$(curl -s -o /dev/null -w '%{http_code}' "${W_URL[1]}/add-checkpoint")" "405"

# The witness's state is durable.
witness_down 1
witness_up 1
(printf 'old 0\n\n'; cat ck2) > fresh.req
eq "a restarted witness remembers the size it cosigned" "$(curl -sS --data-binary @fresh.req "${W_URL[1]}/add-checkpoint" 2>&1)" "$size2"

# What is published is the newest cosigned checkpoint.
ok "site" site out
cmp -s ck2 out/ledger/checkpoint && pass "the export publishes the cosigned checkpoint" || fail "export checkpoint" "$(cat out/ledger/checkpoint)"
start_server
curl -s "$URL/ledger/checkpoint" | cmp -s - ck2 && pass "and so does the server" || fail "served checkpoint" "$(curl -s "$URL/ledger/checkpoint")"
stop_server
