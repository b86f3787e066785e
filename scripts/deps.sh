#!/usr/bin/env bash
# Install what building and testing ssrtrack need, when it is missing: the
# Debian packages (as root with apt-get; otherwise it prints the command),
# then the tests' npm packages (playwright-core, axe-core, html-validate,
# @redocly/openapi-core) from the npm registry into tests/browser/node_modules
# (npm ci, at the versions of its lockfile), so no test installs anything
# while it runs. Prints one line per step, and the
# install's progress, so a long first install is never silent.
#   scripts/deps.sh          build and test (test includes chromium and Node.js)
#   scripts/deps.sh bench    also the benchmark peers (nginx, wrk, fossil)
#   scripts/deps.sh fuzz     the build and clang with libFuzzer (make fuzz)
#   scripts/deps.sh fresh    what scripts/fresh-check.sh runs on the host
set -euo pipefail
cd "$(dirname "$0")/.."

build="gcc make pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libcmark-dev libsodium-dev libcurl4-openssl-dev libxlsxwriter-dev zlib1g-dev"
# wapiti: the outside web scanner tests/e2e/test_scanner.sh runs over the server.
# linkchecker: tests/e2e/test_site_export.sh follows every link of the static export.
test="sqlite3 python3 python3-openpyxl curl jq ca-certificates chromium python3-aiosmtpd python3-icalendar python3-nacl wapiti linkchecker"
bench="nginx-light wrk fossil hyperfine time"
# clang links -fsanitize=fuzzer against libclang_rt.fuzzer, which Debian 12
# ships in libclang-rt-14-dev (only recommended by clang, so named here).
fuzz="clang libclang-rt-14-dev"
fresh="debootstrap git python3 curl"

want="$build $test"
[ "${1:-}" = "bench" ] && want="$want $bench"
[ "${1:-}" = "fuzz" ] && want="$build $fuzz"
[ "${1:-}" = "fresh" ] && want="$fresh"

say() { echo "deps: $*" >&2; }

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# The browser test drives chromium from Node.js; any Node.js >= 18 with npm
# will do, so Debian's packages are only wanted when there is none.
if [ -z "${1:-}" ] || [ "$1" = bench ]; then
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
    command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi

# apt_install PACKAGES...: installs them, printing a line every 25 packages
# fetched and set up, out of the total apt-get plans.
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    say "apt-get update"
    apt-get update -qq >/dev/null
    local total
    total=$(apt-get install -s --no-install-recommends "$@" | grep -c '^Inst ' || true)
    say "installing $# packages, $total with what they need:$missing"
    apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 "$@" 2>&1 |
        awk -v n="$total" '
            /^Get:/        { g++; if (g % 25 == 0 || g == n) { printf "deps:   fetched %d/%d\n", g, n; fflush() } }
            /^Setting up / { s++; if (s % 25 == 0 || s == n) { printf "deps:   set up %d/%d\n", s, n; fflush() } }
            /^E: /         { print; fflush() }' >&2
    say "installed $total packages"
}

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "ssrtrack needs these Debian packages:$missing" >&2
        echo "install them with: sudo apt-get install -y$missing" >&2
        exit 1
    fi
    # shellcheck disable=SC2086
    apt_install $missing
fi

# The test's npm packages, at the lockfile's versions, unless they are there
# already: playwright-core (the browser), axe-core (accessibility),
# html-validate (tests/e2e/test_html_valid.sh), @redocly/openapi-core (the
# OpenAPI linter of tests/e2e/test_openapi_lint.sh).
npm_test="playwright-core axe-core html-validate @redocly/openapi-core"
if [ -z "${1:-}" ]; then
    dir=tests/browser
    stale=""
    for p in $npm_test; do
        want_v=$(sed -n "/node_modules\/${p//\//\\/}\"/,/}/s/.*\"version\": \"\(.*\)\".*/\1/p" "$dir/package-lock.json")
        have_v=$(sed -n 's/^  "version": "\(.*\)".*/\1/p' "$dir/node_modules/$p/package.json" 2>/dev/null || true)
        [ "$have_v" = "$want_v" ] || stale="$stale $p@$want_v"
    done
    if [ -n "$stale" ]; then
        say "npm ci in $dir ($stale )"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
    fi
fi
