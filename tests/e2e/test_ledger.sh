# End-to-end: the signing key (made by init, kept private, adopted again),
# signed checkpoints checked by an independent verifier, verify --checkpoint
# as the log grows, verify-proof offline, and a database from before the
# tree getting its tree on first open.
. "$(dirname "$0")/lib.sh"
CHECK="python3 $ROOT/tests/e2e/ledger_check.py"

ok "init makes a key" init --origin example.org/ssr-tracker
has "init names the key file" "$OUT" "created the signing key $SSRTRACK_DB.key"
eq "the key file is private" "$(stat -c %a "$SSRTRACK_DB.key")" "600"
secret=$(cut -d+ -f5 "$SSRTRACK_DB.key")
has "the key file is a note signer key" "$(cat "$SSRTRACK_DB.key")" "^PRIVATE\+KEY\+example\.org/ssr-tracker\+[0-9a-f]{8}\+"
ok "key show" key show
vkey=$OUT
has "key show prints a verifier key" "$vkey" "^example\.org/ssr-tracker\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$"
eq "init printed the same public key" "$(printf '%s' "$vkey" | cut -d+ -f2)" "$(cut -d+ -f4 "$SSRTRACK_DB.key")"
ok "init again changes nothing" init
has "init again says so" "$OUT" "nothing changed"

seed_small
ok "checkpoint" checkpoint
printf '%s\n' "$OUT" > c1
eq "checkpoint: five lines" "$(wc -l < c1)" "5"
has "checkpoint: the origin" "$(sed -n 1p c1)" '^example\.org/ssr-tracker$'
has "checkpoint: the size" "$(sed -n 2p c1)" '^10$'
has "checkpoint: the root" "$(sed -n 3p c1)" '^[A-Za-z0-9+/]{43}=$'
eq "checkpoint: a blank line" "$(sed -n 4p c1)" ""
has "checkpoint: the signature" "$(sed -n 5p c1)" $'^\xe2\x80\x94 example\\.org/ssr-tracker [A-Za-z0-9+/]{91}=$'
out=$($CHECK note c1 "$vkey")
eq "an independent Ed25519 verifier accepts the checkpoint" "$?" "0"
ok "verify" verify
has "verify names the tree root" "$OUT" "^ok: 10 changes, chain head [0-9a-f]{64}, tree root $(cut -d' ' -f2 <<<"$out")$"
ok "verify --checkpoint" verify --checkpoint c1
has "verify --checkpoint says so" "$OUT" "checkpoint of example.org/ssr-tracker at 10 changes is consistent"
eq "checkpoints are kept" "$(sqlite3 "$SSRTRACK_DB" 'SELECT count(*), max(tree_size) FROM checkpoints')" "1|10"

# The log grows; the old checkpoint still holds, and proofs connect them.
for s in planning in_progress complete; do "$BIN" rec set SSR1-1 status=$s >/dev/null; done
ok "the old checkpoint holds after appends" verify --checkpoint c1
"$BIN" checkpoint > c2
"$BIN" proof consistency 10 13 > cons.json
"$BIN" proof inclusion 12 > incl.json
"$BIN" proof inclusion 2 --size 10 > incl_old.json
printf '%s\n' "$vkey" > log.pub
ok "verify-proof: consistency, offline" verify-proof --proof cons.json --old-checkpoint c1 --checkpoint c2 --key log.pub
has "verify-proof says what it proved" "$OUT" "extends its checkpoint of 10 changes"
ok "verify-proof: inclusion, the key as text" verify-proof --proof incl.json --checkpoint c2 --key "$vkey"
ok "verify-proof: inclusion in the older checkpoint" verify-proof --proof incl_old.json --checkpoint c1 --key log.pub
ok "verify-proof: the leaf named" verify-proof --proof incl.json --checkpoint c2 --key log.pub --leaf "$(jq -r .leaf_hash incl.json)"
must_fail "verify-proof: another leaf" 1 verify-proof --proof incl.json --checkpoint c2 --key log.pub --leaf "$(jq -r .leaf_hash incl_old.json)"
must_fail "verify-proof: the wrong checkpoint for the size" 1 verify-proof --proof incl.json --checkpoint c1 --key log.pub
must_fail "verify-proof: consistency without the old checkpoint" 1 verify-proof --proof cons.json --checkpoint c2 --key log.pub
jq '.change.value = "deferred"' incl.json > altered.json
must_fail "verify-proof: content altered in the proof" 1 verify-proof --proof altered.json --checkpoint c2 --key log.pub
has "the alteration is named" "$ERR" "does not hash to its leaf_hash"
must_fail "verify-proof: a private key given as the key" 1 verify-proof --proof incl.json --checkpoint c2 --key "$SSRTRACK_DB.key"
hasnt "the private key is not echoed" "$ERR" "$secret"
st --db "$T/none.db" verify-proof --proof incl.json --checkpoint c2 --key log.pub
eq "verify-proof opens no database" "$RC $(ls "$T"/none.db 2>/dev/null)" "0 "

# Key paths: --key, $SSRTRACK_KEY, and a key kept from an earlier database.
ok "init with --key" --db k.db init --key "$T/elsewhere.key"
eq "the key went where asked" "$(stat -c %a "$T/elsewhere.key") $(ls k.db.key 2>/dev/null)" "600 "
must_fail "checkpoint without its key file" 1 --db k.db checkpoint
ok "checkpoint with --key" --db k.db checkpoint --key "$T/elsewhere.key"
SSRTRACK_KEY=$T/elsewhere.key st --db k.db checkpoint
eq "checkpoint with \$SSRTRACK_KEY" "$RC" "0"
must_fail "checkpoint with another log's key" 1 --db k.db checkpoint --key "$SSRTRACK_DB.key"
has "the wrong key is named" "$ERR" "not this log's key"
chmod 644 "$T/elsewhere.key"
must_fail "a key file others may read is refused" 1 --db k.db checkpoint --key "$T/elsewhere.key"
chmod 600 "$T/elsewhere.key"
rm -f k.db k.db-wal k.db-shm
ok "init adopts a key file kept from before" --db k.db init --key "$T/elsewhere.key"
has "init says it uses it" "$OUT" "using the signing key"
must_fail "init: --origin must be a valid name" 1 --db bad.db init --origin "two words"
must_fail "init: --origin must match an adopted key" 1 --db k2.db init --key "$T/elsewhere.key" --origin other.example

# A database from before keys and the tree: init adds the key, any
# read-write open builds the tree, and the roots are those of a new log.
"$BIN" --db old.db init >/dev/null && "$BIN" --db old.db demo >/dev/null
nodes=$(sqlite3 old.db 'SELECT count(*) FROM merkle_nodes')
root=$("$BIN" --db old.db verify | sed 's/.*tree root //')
rm old.db.key
sqlite3 old.db "DROP TABLE merkle_nodes; DROP TABLE checkpoints; DELETE FROM meta WHERE key IN ('tree_size', 'log_key'); PRAGMA user_version=1"
must_fail "key show: no key yet" 1 --db old.db key show
ok "an old database migrates and verifies" --db old.db verify
has "with the same tree root" "$OUT" "tree root $root$"
eq "its tree was built, as an appended one would be" "$(sqlite3 old.db 'SELECT count(*) FROM merkle_nodes')" "$nodes"
ok "init gives an old database a key" --db old.db init
has "init says it added a key" "$OUT" "created the signing key old.db.key"
hasnt "and not that nothing changed" "$OUT" "nothing changed"
ok "and it signs" --db old.db checkpoint

# A log from before entries of version 2 (fixtures/log-v1.json: a full
# export written by an earlier ssrtrack, 13 rows without tx or reported
# date). Its rows import with their hashes unchanged; a file of schema 4 (the
# columns dropped) upgrades on open; rows appended afterwards are of version 2;
# the mixed log verifies here, in its export round trip, and in the
# independent checker.
ok "a new database for an old export" --db v1.db init
ok "a full export of version-1 rows imports with its own hashes" --db v1.db import "$ROOT/tests/e2e/fixtures/log-v1.json"
eq "its rows stay of version 1" "$(sqlite3 v1.db 'SELECT count(*) FROM change_log WHERE tx IS NULL AND reported_at IS NULL')" 13
sqlite3 v1.db "ALTER TABLE change_log DROP COLUMN tx; ALTER TABLE change_log DROP COLUMN reported_at; PRAGMA user_version=4"
ok "a database of schema 4 upgrades and verifies" --db v1.db verify
eq "with its columns back" "$(sqlite3 v1.db "SELECT count(*) FROM pragma_table_info('change_log') WHERE name IN ('tx', 'reported_at')")" 2
ok "a change after the upgrade" --db v1.db rec set SSR1-1 status=ongoing owner=Security --effective 2016-01-01
eq "is one transaction of version 2, reported on the day it was recorded" \
   "$(sqlite3 v1.db 'SELECT group_concat(tx || "/" || (reported_at = substr(recorded_at, 1, 10)), " ") FROM change_log WHERE seq > 13')" "14/1 14/1"
ok "the mixed log verifies" --db v1.db verify
"$BIN" --db v1.db export > v1-full.json
"$BIN" --db v1.db proof inclusion 1..15 > v1-incl.json
"$BIN" --db v1.db proof consistency 0..15 15 > v1-cons.json
out=$(python3 "$ROOT/tests/e2e/ledger_check.py" proofs v1-full.json v1-incl.json v1-cons.json)
if [ $? -eq 0 ]; then pass "the independent checker hashes both versions alike"; else fail "the independent checker hashes both versions alike" "$out"; fi
"$BIN" --db v1b.db init >/dev/null
ok "the mixed export imports into a new database" --db v1b.db import v1-full.json
eq "row for row, hashes included" "$(log_state v1b.db)" "$(log_state v1.db)"

# No command prints the private key.
all=$(cat c1 c2; "$BIN" key show; "$BIN" checkpoint; "$BIN" verify --checkpoint c2; "$BIN" help; "$BIN" export --public 2>&1)
hasnt "no output holds the private key" "$all" "$secret"
has "help lists the ledger commands" "$("$BIN" help)" "verify-proof"
