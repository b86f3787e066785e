# End-to-end: proofs of random logs of 1 to 2,000 changes, checked against an
# independent implementation (ledger_check.py, from the RFC): every inclusion
# proof of every log, the consistency proofs from every older size to the
# newest, and from every older size to one earlier size; the restricted rule
# decides which proofs carry content. LEDGER_SEED repeats a run.
. "$(dirname "$0")/lib.sh"
CHECK="python3 $ROOT/tests/e2e/ledger_check.py"
SEED=${LEDGER_SEED:-$RANDOM}
RANDOM=$SEED

# gen_log N SEED: a canonical JSON document of exactly N changes: a review,
# then recs, status changes, milestones, and restrictions set and lifted.
gen_log() {
    awk -v n="$1" -v seed="$2" 'BEGIN {
        srand(seed)
        split("not_started planning in_progress complete ongoing deferred", st, " ")
        print "{\"format\": \"ssrtrack\", \"version\": 1, \"changes\": ["
        row("review", "B1", "title", "Review")
        recs = 0; ms = 0
        while (rows < n) {
            left = n - rows; r = rand()
            if (recs == 0 || (r < 0.2 && left >= 2)) {
                if (left < 2) { row("review", "B1", "published", "2012-01-0" (1 + rows % 9)); continue }
                id = "B1-" (++recs); row("rec", id, "review", "B1"); row("rec", id, "title", "Rec " recs)
            } else if (r < 0.3 && left >= 2) {
                ms++; mid = "B1-" (1 + int(rand() * recs)) "." ms
                mrec[ms] = mid; row("milestone", mid, "rec", substr(mid, 1, index(mid, ".") - 1))
                row("milestone", mid, "title", "Step " ms)
            } else if (r < 0.4) {
                row("rec", "B1-" (1 + int(rand() * recs)), "restricted", rand() < 0.6 ? "true" : "false")
            } else if (r < 0.45 && ms > 0) {
                row("milestone", mrec[1 + int(rand() * ms)], "restricted", rand() < 0.6 ? "true" : "false")
            } else {
                row("rec", "B1-" (1 + int(rand() * recs)), "status", st[1 + int(rand() * 6)])
            }
        }
        print "\n]}"
    }
    function row(e, id, f, v) {
        printf "%s{\"entity\": \"%s\", \"entity_id\": \"%s\", \"field\": \"%s\", \"value\": \"%s\", \"effective_at\": \"2012-01-01\"}", rows++ ? ",\n" : "", e, id, f, v
    }'
}

sizes="1 2 3 4 5 6 7 8 9 15 16 17 31 32 33 64 127 128 129 255 256 257 1023 1024 1025 2000"
for _ in 1 2 3 4 5 6; do sizes="$sizes $((1 + RANDOM % 2000))"; done
bad=0 total_incl=0 total_cons=0
for n in $sizes; do
    db=$T/p$n.db
    rm -f "$db"*
    gen_log "$n" "$((SEED + n))" > "$T/g.json"
    if ! { "$BIN" --db "$db" init >/dev/null && "$BIN" --db "$db" import "$T/g.json" >/dev/null &&
           "$BIN" --db "$db" export > "$T/full.json" &&
           "$BIN" --db "$db" proof inclusion "1..$n" > "$T/incl.json" &&
           "$BIN" --db "$db" proof consistency "0..$n" "$n" > "$T/cons.json"; }; then
        fail "proofs of a log of $n changes" "seed $SEED: a command failed"
        bad=1; continue
    fi
    # Every older size to one earlier size as well.
    m=$((1 + RANDOM % n))
    "$BIN" --db "$db" proof consistency "0..$m" "$m" > "$T/cons2.json"
    out=$($CHECK proofs "$T/full.json" "$T/incl.json" "$T/cons.json" "$T/cons2.json")
    if [ $? -ne 0 ]; then fail "proofs of a log of $n changes" "seed $SEED" "$out"; bad=1; fi
    total_incl=$((total_incl + n))
    total_cons=$((total_cons + n + m + 2))
done
[ "$bad" -eq 0 ] && pass "every inclusion proof ($total_incl) and $total_cons consistency proofs of $(wc -w <<<"$sizes") logs of 1 to 2,000 changes match the RFC"

# One log: its public export rebuilds to the signed root, and the hidden
# changes are those the rule hides.
n=2000
"$BIN" --db "$T/p$n.db" export --public > "$T/public.json"
"$BIN" --db "$T/p$n.db" export > "$T/full.json"
out=$($CHECK public "$T/public.json" "$T/full.json")
if [ $? -eq 0 ]; then pass "the public export rebuilds to the log's root ($out)"; else fail "public export" "seed $SEED" "$out"; fi
has "some changes are hidden in the random log" "$out" " [1-9][0-9]* hidden"
"$BIN" --db "$T/p$n.db" checkpoint > "$T/ck"
"$BIN" --db "$T/p$n.db" key show > "$T/pub"
ck=$($CHECK note "$T/ck" "$(cat "$T/pub")")
eq "the signed checkpoint verifies independently, with the rebuilt root" "$ck" "$($CHECK rebuild "$T/public.json")"

# Sizes out of range are refused.
must_fail "inclusion of seq 0" 1 --db "$T/p5.db" proof inclusion 0
must_fail "inclusion beyond the log" 1 --db "$T/p5.db" proof inclusion 6
must_fail "inclusion in a tree larger than the log" 1 --db "$T/p5.db" proof inclusion 2 --size 6
must_fail "inclusion in a tree smaller than the seq" 1 --db "$T/p5.db" proof inclusion 4 --size 3
must_fail "consistency from a larger size" 1 --db "$T/p5.db" proof consistency 4 3
must_fail "consistency to beyond the log" 1 --db "$T/p5.db" proof consistency 1 6
must_fail "a range backwards" 1 --db "$T/p5.db" proof inclusion 4..2
must_fail "not a number" 1 --db "$T/p5.db" proof inclusion 1x
