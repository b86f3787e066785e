# End-to-end in a real browser: Debian's chromium, headless, driven by
# playwright-core (which scripts/deps.sh installs into tests/browser).
. "$(dirname "$0")/lib.sh"

DIR="$ROOT/tests/browser"
[ -d "$DIR/node_modules/playwright-core" ] ||
    { fail "playwright-core is installed" "run scripts/deps.sh"; exit 0; }
command -v chromium >/dev/null || { fail "chromium is installed" "run scripts/deps.sh"; exit 0; }

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
echo "correct horse battery" | "$BIN" user add ana --role editor >/dev/null
echo "correct horse battery" | "$BIN" user add sam --role assessor >/dev/null
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }
BASE_URL=$URL USER_NAME=ana USER_PASSWORD="correct horse battery" timeout 120 node "$DIR/signin_status.js" 2>"$T/node.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "the browser test finished" "exit $rc: $(tail -5 "$T/node.err")"
BASE_URL=$URL ASSESSOR_NAME=sam USER_PASSWORD="correct horse battery" timeout 120 node "$DIR/claims.js" 2>"$T/node.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "the claims browser test finished" "exit $rc: $(tail -5 "$T/node.err")"
BASE_URL=$URL USER_NAME=ana USER_PASSWORD="correct horse battery" timeout 120 node "$DIR/keyboard_edit.js" 2>"$T/node.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "the keyboard browser test finished" "exit $rc: $(tail -5 "$T/node.err")"
