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
# The three browser tests, one after the other in one browser.
(cd "$DIR" && BASE_URL=$URL USER_NAME=ana ASSESSOR_NAME=sam USER_PASSWORD="correct horse battery" timeout 300 \
    node -e "require('./signin_status'); require('./claims'); require('./keyboard_edit')") 2>"$T/node.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "the browser tests finished" "exit $rc: $(tail -5 "$T/node.err")"
