#!/usr/bin/env bash
# fresh-check.sh — the README's two commands on a freshly installed Debian 12,
# as a newcomer would meet them: debootstraps a bare bookworm into a temporary
# folder, installs git and make there (the two packages the README names),
# clones the repository, runs `make test` as the very first command; then, in
# a second fresh root, `make run` on a free port, and fetches `/` from it.
# Prints one line per step with its time; the logs of a failed step end up
# on stderr. Every mount under the temporary folder is undone before it is
# removed. Needs root and network access to Debian's mirror and the npm
# registry; installs debootstrap on the host when it is missing.
#   scripts/fresh-check.sh [REPO [REF]]   default: this repository, HEAD
#                                         (what is committed: a clone)
#   FRESH_KEEP=1    keep the temporary folder (unmounted) for a look
#   FRESH_MIRROR    Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

src=${1:-$(cd "$(dirname "$0")/.." && pwd)}
ref=${2:-HEAD}
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" -eq 0 ] || { echo "fresh-check: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
"$(dirname "$0")/deps.sh" fresh   # debootstrap, git, python3, curl on the host

tmp=$(mktemp -d /var/tmp/fresh-check.XXXXXX)
t0=$SECONDS
server_pid=""

# mounts_under DIR: the mount points at or below DIR, deepest first.
mounts_under() {
    awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r
}

# cleanup: end what still runs inside the roots, undo every mount under
# $tmp, and remove $tmp only when nothing is mounted there any more.
cleanup() {
    local p m left
    set +e
    [ -n "$server_pid" ] && kill -TERM -- "-$server_pid" 2>/dev/null
    for p in /proc/[0-9]*; do
        case "$(readlink "$p/root" 2>/dev/null)" in
            "$tmp"/*) kill -KILL "${p#/proc/}" 2>/dev/null ;;
        esac
    done
    sleep 1
    for m in $(mounts_under "$tmp"); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
    left=$(mounts_under "$tmp")
    if [ -n "$left" ]; then
        echo "fresh-check: still mounted, so $tmp is kept:" $left >&2
    elif [ "${FRESH_KEEP:-}" = 1 ]; then
        echo "fresh-check: kept $tmp" >&2
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME COMMAND...: runs it with its output in $tmp/NAME.log and prints
# one line with the step's time and the time since the start.
step() {
    local name=$1 start=$SECONDS rc=0
    shift
    "$@" >"$tmp/$name.log" 2>&1 || rc=$?
    printf 'fresh-check: %-10s %s  %4ds  (at %ds)\n' "$name" \
        "$([ $rc -eq 0 ] && echo ok || echo FAILED)" $((SECONDS - start)) $((SECONDS - t0))
    if [ $rc -ne 0 ]; then
        tail -40 "$tmp/$name.log" >&2
        exit 1
    fi
}

# in_root ROOT COMMAND: runs a shell command inside ROOT, as root, with a
# plain environment (and the host's CA file for npm, see prepare).
in_root() {
    chroot "$1" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
        npm_config_cafile=/etc/ssl/certs/ca-certificates.crt \
        /bin/bash -c "$2"
}

# prepare ROOT: a copy of the bare system with what a chroot needs to act as
# a machine: /proc, /sys, /dev, the host's resolver and CA certificates
# (the host may reach the network only through its own certificates).
prepare() {
    local r=$1
    cp -a "$tmp/base" "$r"
    mount -t proc proc "$r/proc"
    mount -t sysfs sysfs "$r/sys"
    mount --bind /dev "$r/dev"
    mount --bind /dev/pts "$r/dev/pts"
    mount -t tmpfs tmpfs "$r/dev/shm"
    cp -L /etc/resolv.conf "$r/etc/resolv.conf"
    mkdir -p "$r/usr/local/share/ca-certificates" "$r/etc/ssl/certs"
    cp -L /usr/local/share/ca-certificates/*.crt "$r/usr/local/share/ca-certificates/" 2>/dev/null || true
    cp -L /etc/ssl/certs/ca-certificates.crt "$r/etc/ssl/certs/ca-certificates.crt"
    cp "$tmp/ssrtrack.bundle" "$r/root/ssrtrack.bundle"
}

# A bare Debian 12, as debootstrap makes it, with the usual sources.
bootstrap() {
    debootstrap --variant=minbase bookworm "$tmp/base" "$mirror"
    cat >"$tmp/base/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
    rm -rf "$tmp/base/var/cache/apt/archives/"*.deb
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# serve ROOT PORT: `make run` in the background, then waits up to 30 minutes
# (it installs and builds first) for `/` to answer 200 with the dashboard.
serve() {
    setsid chroot "$1" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
        npm_config_cafile=/etc/ssl/certs/ca-certificates.crt \
        SSRTRACK_LISTEN="127.0.0.1:$2" \
        /bin/bash -c 'cd /root/ssrtrack && make run' >"$tmp/make-run.out" 2>&1 &
    server_pid=$!
    local i
    for i in $(seq 1 1800); do
        if curl -sf "http://127.0.0.1:$2/" -o "$tmp/index.html"; then
            grep -q '<html' "$tmp/index.html" && { echo "GET / answered"; return 0; }
        fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/make-run.out"; return 1; }
        sleep 1
    done
    cat "$tmp/make-run.out"
    return 1
}

echo "fresh-check: $src at $ref, in $tmp"
step bundle git -C "$src" bundle create "$tmp/ssrtrack.bundle" "$ref"
step debootstrap bootstrap
# new_machine WHAT: a fresh root with git and make, and the clone in it.
new_machine() {
    local r=$tmp/$1-root
    step "$1-root" prepare "$r"
    step "$1-git" in_root "$r" "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git make"
    step "$1-clone" in_root "$r" "git clone -q /root/ssrtrack.bundle /root/ssrtrack"
}
new_machine test
step make-test in_root "$tmp/test-root" "cd /root/ssrtrack && make test"
grep -E '^deps: install|passed, [0-9]+ failed$' "$tmp/make-test.log" | sed 's/^/fresh-check:   /'
new_machine run
port=$(free_port)
step make-run serve "$tmp/run-root" "$port"
echo "fresh-check: all steps passed in $((SECONDS - t0))s"
