# End-to-end: restricted content never appears in any public output of the
# ledger (export --public, proofs, checkpoints, keys, verify, verify-proof),
# searched for a marker that every restricted thing carries; yet every
# hidden change keeps its leaf, so its proof verifies and the public export
# rebuilds to the signed root.
. "$(dirname "$0")/lib.sh"
CHECK="python3 $ROOT/tests/e2e/ledger_check.py"
M=ZQXMARK

seed_small
cat > restricted.json <<EOF
{"format": "ssrtrack", "version": 1, "changes": [
 {"entity": "rec", "entity_id": "SSR1-$M", "field": "review", "value": "SSR1", "effective_at": "2013-01-01", "actor": "$M-actor"},
 {"entity": "rec", "entity_id": "SSR1-$M", "field": "title", "value": "$M secret relationship", "effective_at": "2013-01-01", "reason": "$M why"},
 {"entity": "rec", "entity_id": "SSR1-$M", "field": "text", "value": "Details: $M", "effective_at": "2013-01-01"},
 {"entity": "rec", "entity_id": "SSR1-$M", "field": "restricted", "value": "true", "effective_at": "2013-01-01"},
 {"entity": "rec", "entity_id": "SSR1-${M}A", "field": "review", "value": "SSR1", "effective_at": "2013-01-01"},
 {"entity": "rec", "entity_id": "SSR1-${M}A", "field": "parent", "value": "SSR1-$M", "effective_at": "2013-01-01"},
 {"entity": "rec", "entity_id": "SSR1-${M}A", "field": "title", "value": "sub-item of $M", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "SSR1-$M.1", "field": "rec", "value": "SSR1-$M", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "SSR1-$M.1", "field": "title", "value": "step of $M", "effective_at": "2013-01-01"},
 {"entity": "link", "entity_id": "SSR1-1 related SSR1-$M", "field": "rec", "value": "SSR1-1", "effective_at": "2013-01-01"},
 {"entity": "link", "entity_id": "SSR1-1 related SSR1-$M", "field": "rel", "value": "related", "effective_at": "2013-01-01"},
 {"entity": "link", "entity_id": "SSR1-1 related SSR1-$M", "field": "other", "value": "SSR1-$M", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E1", "field": "target_kind", "value": "rec", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E1", "field": "target", "value": "SSR1-$M", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E1", "field": "url", "value": "https://example.org/$M", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E2", "field": "target_kind", "value": "rec", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E2", "field": "target", "value": "SSR1-1", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E2", "field": "url", "value": "https://example.org/$M/doc", "effective_at": "2013-01-01"},
 {"entity": "evidence", "entity_id": "E2", "field": "restricted", "value": "true", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "SSR1-1.1", "field": "rec", "value": "SSR1-1", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "SSR1-1.1", "field": "title", "value": "confidential $M step", "effective_at": "2013-01-01"},
 {"entity": "milestone", "entity_id": "SSR1-1.1", "field": "restricted", "value": "true", "effective_at": "2013-01-01"}
]}
EOF
ok "import restricted things" import restricted.json
"$BIN" rec set SSR1-1 status=in_progress --reason "public work" >/dev/null
n=$(log_count)
ok "the full export holds the marker (the search can find it)" export
printf '%s\n' "$OUT" > full.json
has "the marker is in the full export" "$OUT" "$M"

# Every public output.
"$BIN" checkpoint > ck
"$BIN" key show > log.pub
"$BIN" export --public > public.json
"$BIN" proof inclusion "1..$n" > incl.json
"$BIN" proof consistency "0..$n" "$n" > cons.json
public=$(cat ck log.pub public.json incl.json cons.json; "$BIN" verify; "$BIN" verify --checkpoint ck 2>&1)
hidden=$(jq -r '.entries[] | select(.hidden) | .seq' public.json)
eq "the restricted changes are hidden" "$(wc -w <<<"$hidden")" "22"
bad=0
for s in $hidden; do
    "$BIN" proof inclusion "$s" > one.json
    public+=$(cat one.json)
    public+=$("$BIN" verify-proof --proof one.json --checkpoint ck --key log.pub \
              --leaf "$(jq -r --argjson s "$s" '.entries[$s - 1].leaf_hash' public.json)" 2>&1) ||
        { fail "hidden seq $s: its proof verifies" "$(cat one.json)"; bad=1; }
done
[ "$bad" -eq 0 ] && pass "every hidden change's proof verifies against the checkpoint"
# A tampered hidden row is named by seq only.
cp "$SSRTRACK_DB" x.db; sqlite3 x.db "UPDATE change_log SET value = value || '!' WHERE value LIKE '%$M%' AND seq = (SELECT min(seq) FROM change_log WHERE value LIKE '%$M%')"
public+=$("$BIN" --db x.db verify 2>&1)
hasnt "no public output holds restricted content" "$public" "$M"
hasnt "nor the ids of restricted things" "$public" "SSR1-${M}|E1\"|E2\""
has "public things are shown" "$(cat public.json)" '"entity_id": "SSR1-1"'
out=$($CHECK public public.json full.json)
if [ $? -eq 0 ]; then pass "the public export hides exactly what the rule hides and rebuilds to the log's root"
else fail "public export" "$out"; fi
eq "the rebuilt root is the signed one" "$($CHECK rebuild public.json)" "$($CHECK note ck "$(cat log.pub)")"
eq "hidden proofs carry no content" "$(jq '[.[] | select(.change == null)] | length' incl.json)" "22"

# Lifting the restriction shows the rec's history; what is restricted in
# its own right stays hidden.
ok "lift the restriction" rec set "SSR1-$M" restricted=false
"$BIN" export --public > public2.json
has "the rec's content is public now" "$(cat public2.json)" "$M secret relationship"
eq "what stays hidden" "$(jq -c '[.entries[] | select(.hidden) | .seq]' public2.json)" \
   "$(jq -c '[.changes[] | select(.entity_id == "E2" or .entity_id == "SSR1-1.1") | .seq]' full.json)"
must_fail "export --public takes no --as-of" 1 export --public --as-of 2013-01-01
