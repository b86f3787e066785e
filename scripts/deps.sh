#!/usr/bin/env bash
# Install what building and testing ssrtrack need, when it is missing: the
# Debian packages (as root with apt-get; otherwise it prints the command),
# then the tests' npm packages (playwright-core, axe-core, html-validate,
# @redocly/openapi-core) into tests/browser/node_modules
# (npm ci: exactly its package-lock.json, each tarball checked against the
# lockfile's integrity), so no test installs anything while it runs. Prints
# one line per step, and the install's progress, so a long first install is
# never silent.
#   scripts/deps.sh          build and test (test includes chromium and Node.js)
#   scripts/deps.sh run      only what `make run` needs: the build
#   scripts/deps.sh bench    also the benchmark peers (nginx, wrk, fossil, linkchecker)
#   scripts/deps.sh fuzz     the build and clang with libFuzzer (make fuzz)
#   scripts/deps.sh fresh    what scripts/fresh-check.sh runs on the host
set -euo pipefail
cd "$(dirname "$0")/.."

build="gcc make pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev libcmark-dev libsodium-dev libcurl4-openssl-dev libxlsxwriter-dev zlib1g-dev libdeflate-dev"
# wapiti: the outside web scanner tests/e2e/test_scanner.sh runs over the server.
# linkchecker: tests/e2e/test_site_export.sh follows every link of the static export.
test="sqlite3 python3 python3-openpyxl curl jq ca-certificates chromium python3-aiosmtpd python3-icalendar python3-nacl wapiti linkchecker"
bench="nginx-light wrk fossil hyperfine time"
# clang links -fsanitize=fuzzer against libclang_rt.fuzzer, which Debian 12
# ships in libclang-rt-14-dev (only recommended by clang, so named here).
fuzz="clang libclang-rt-14-dev"
fresh="debootstrap git python3 curl"

want="$build $test"
[ "${1:-}" = "run" ] && want="$build"
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
# The browser tests drive chromium from Node.js: any Node.js >= 18.17 will
# do, so Debian's nodejs (18.20 in Debian 12) is wanted only when there is
# none. Not Debian's npm: it brings some 335 node-* packages, where one
# pinned tarball of npm does the same job (below).
if [ -z "${1:-}" ] || [ "$1" = bench ]; then
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
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

# npm itself, when this machine has none: one pinned release from the npm
# registry, checked against the integrity the registry publishes for it
# (sha512, as a lockfile writes it), unpacked under build/ and run with node.
# npm 10 is the last major that runs on Debian 12's Node.js 18.
NPM_VERSION=10.9.9
NPM_INTEGRITY=sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==
npm_cli() {
    local dir=$repo/build/tools/npm-$NPM_VERSION tgz want have
    if [ ! -f "$dir/bin/npm-cli.js" ]; then
        say "fetching npm $NPM_VERSION (one tarball, about 3 MB) from registry.npmjs.org"
        mkdir -p "$repo/build/tools"
        tgz=$(mktemp "$repo/build/tools/npm.XXXXXX")
        curl -fsSL --retry 3 -o "$tgz" "https://registry.npmjs.org/npm/-/npm-$NPM_VERSION.tgz" ||
            { rm -f "$tgz"; say "cannot fetch npm $NPM_VERSION from registry.npmjs.org"; exit 1; }
        want=$(printf '%s' "${NPM_INTEGRITY#sha512-}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
        have=$(sha512sum "$tgz" | cut -d' ' -f1)
        if [ "$have" != "$want" ]; then
            rm -f "$tgz"
            say "npm-$NPM_VERSION.tgz does not match its pinned sha512 integrity; not used"
            exit 1
        fi
        rm -rf "$dir" && mkdir -p "$dir"
        tar xzf "$tgz" -C "$dir" --strip-components=1 && rm -f "$tgz"
    fi
    node "$dir/bin/npm-cli.js" "$@"
}

# The browser tests' packages, exactly as tests/browser/package-lock.json
# says, unless what is installed came from this very lockfile (a stamp
# holding its digest, written after a successful npm ci).
if [ -z "${1:-}" ]; then
    repo=$PWD
    dir=tests/browser
    lock=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$dir/node_modules/.lock-sha256" 2>/dev/null)" != "$lock" ]; then
        node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a == 18 && b >= 17) ? 0 : 1)' ||
            { say "the browser tests need Node.js 18.17 or later; this node is $(node --version)"; exit 1; }
        n=$(grep -c '"node_modules/' "$dir/package-lock.json" || true)
        # --prefer-offline: a tarball already in npm's cache is taken from it
        # without asking the registry again (each is still checked against
        # the lockfile's integrity); 1.5 s of a 4.5 s install here.
        if command -v npm >/dev/null 2>&1; then
            say "npm ci in $dir ($n packages of its lockfile, with this machine's npm $(npm --version))"
            (cd "$dir" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error) >&2
        else
            say "npm ci in $dir ($n packages of its lockfile, with npm $NPM_VERSION)"
            (cd "$dir" && npm_cli ci --prefer-offline --no-audit --no-fund --loglevel=error) >&2
        fi
        echo "$lock" >"$dir/node_modules/.lock-sha256"
    fi
fi
