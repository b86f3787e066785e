# End-to-end: every fuzz driver (tests/fuzz/fuzz_NAME.c), built with the
# ordinary compiler and tests/fuzz/replay.c, runs over every file of its
# corpus tests/fuzz/corpus/NAME/ (seeds, and inputs that once crashed it).
# Under `make asan` this is the corpus under ASan and UBSan.
. "$(dirname "$0")/lib.sh"

case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
drivers=$(cd "$ROOT/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
[ -n "$drivers" ] || fail "there are fuzz drivers"
for name in $drivers; do
    corpus=$ROOT/tests/fuzz/corpus/$name
    want=$(find "$corpus" -type f 2>/dev/null | wc -l)
    if [ ! -x "$B/fuzz-replay/$name" ]; then
        fail "$name: the replay binary is built" "no $B/fuzz-replay/$name"
        continue
    fi
    if [ "$want" -eq 0 ]; then
        fail "$name: has a corpus" "no files in tests/fuzz/corpus/$name"
        continue
    fi
    run "$B/fuzz-replay/$name" "$corpus"
    if [ "$RC" -eq 0 ] && [ "$OUT" = "replayed $want inputs" ]; then
        pass "$name: $want inputs replay"
    else
        fail "$name: $want inputs replay" "exit $RC: $OUT" "$(printf '%s\n' "$ERR" | grep -v '^replay: ' | head -20)" \
             "last input: $(printf '%s\n' "$ERR" | grep '^replay: ' | tail -1)"
    fi
done
# A corpus without its driver would never run.
for dir in "$ROOT"/tests/fuzz/corpus/*/; do
    name=$(basename "$dir")
    [ -f "$ROOT/tests/fuzz/fuzz_$name.c" ] || fail "corpus $name has a driver" "no tests/fuzz/fuzz_$name.c"
done
