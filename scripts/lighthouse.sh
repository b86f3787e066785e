#!/usr/bin/env bash
# Lighthouse (npm) accessibility, best-practices and SEO scores of the demo's
# home page, a rec, an assessment, /kpis and /ledger, as a phone (Lighthouse's
# default emulation) and on a desktop (its desktop preset), in Debian's
# chromium. Prints one line per page and form factor with the three scores,
# and the audits that failed. Not a test: scores depend on the machine.
#   scripts/lighthouse.sh [BIN]      BIN defaults to build/ssrtrack
# Installs its npm packages into scripts/audit/node_modules (pinned in its
# lockfile) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/ssrtrack}")
[ -x "$bin" ] || { echo "lighthouse: no $bin (make build/ssrtrack first)" >&2; exit 2; }
if [ ! -x scripts/audit/node_modules/.bin/lighthouse ]; then
    echo "lighthouse: npm ci in scripts/audit" >&2
    (cd scripts/audit && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
lh=$PWD/scripts/audit/node_modules/.bin/lighthouse
t=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$t"' EXIT
export SSRTRACK_DB="$t/demo.db"
"$bin" init >/dev/null
"$bin" demo >/dev/null
"$bin" serve --listen 127.0.0.1:0 --threads 2 2>"$t/server.log" &
pid=$!
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$t/server.log" | head -1)
    [ -n "$port" ] && break
    sleep 0.05
done
[ -n "${port:-}" ] || { echo "lighthouse: the server did not start: $(cat "$t/server.log")" >&2; exit 2; }
export CHROME_PATH=${CHROMIUM:-/usr/bin/chromium}
printf '%-26s %-8s %5s %5s %5s  %s\n' page form a11y best seo "failed audits"
for path in / /recs/SSR1-9 /assessments/SSR2-SSR1 /kpis /ledger; do
    for form in mobile desktop; do
        preset=()
        [ "$form" = desktop ] && preset=(--preset=desktop)
        "$lh" "http://127.0.0.1:$port$path" "${preset[@]}" --quiet --output=json --output-path="$t/r.json" \
            --only-categories=accessibility,best-practices,seo \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$t/lh.err" ||
            { echo "lighthouse: $path $form failed: $(tail -3 "$t/lh.err")" >&2; continue; }
        python3 - "$t/r.json" "$path" "$form" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
s = lambda k: round(c[k]["score"] * 100) if c.get(k) and c[k]["score"] is not None else "-"
failed = sorted({a["id"] for k in c.values() for a in k["auditRefs"] if a.get("weight", 0) > 0
                 and r["audits"][a["id"]]["score"] is not None and r["audits"][a["id"]]["score"] < 1})
print(f"{sys.argv[2]:<26} {sys.argv[3]:<8} {s('accessibility'):>5} {s('best-practices'):>5} {s('seo'):>5}  {' '.join(failed)}")
PY
    done
done
