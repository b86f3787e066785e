#!/bin/sh
# Install the Debian packages that building and testing ssrtrack need, when
# they are missing. As root it runs apt-get; otherwise it prints the command.
#   scripts/deps.sh          build and test (test includes chromium and Node.js)
#   scripts/deps.sh bench    also the benchmark peers (nginx, wrk, fossil, linkchecker)
#   scripts/deps.sh fuzz     the build and clang with libFuzzer (make fuzz)
set -eu

# wapiti: the outside web scanner tests/e2e/test_scanner.sh runs over the server.
build="gcc make pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libcmark-dev libsodium-dev libcurl4-openssl-dev libxlsxwriter-dev"
test="sqlite3 python3 python3-openpyxl curl jq ca-certificates chromium python3-aiosmtpd python3-icalendar python3-nacl wapiti"
bench="nginx-light wrk fossil linkchecker hyperfine time"
# clang links -fsanitize=fuzzer against libclang_rt.fuzzer, which Debian 12
# ships in libclang-rt-14-dev (only recommended by clang, so named here).
fuzz="clang libclang-rt-14-dev"

want="$build $test"
[ "${1:-}" = "bench" ] && want="$want $bench"
[ "${1:-}" = "fuzz" ] && want="$build $fuzz"

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# The browser test drives chromium from Node.js; any Node.js >= 18 with npm
# will do, so Debian's packages are only wanted when there is none.
if [ "${1:-}" != "fuzz" ]; then
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
    command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "ssrtrack needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
