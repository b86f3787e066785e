#!/usr/bin/env bash
# The Nu HTML checker (npm vnu-jar, run with Debian's Java) over every page of
# the demo: the live server crawled whole as a visitor, an editor and an
# assessor (tests/browser/crawl.js, every rec), and every page of the static
# export. Prints the page counts, the errors and warnings by message, the
# first errors with their page, and the time; exits 1 when there is an error.
# Not part of `make test` (tests/e2e/test_html_valid.sh runs html-validate
# over the same routes there); run it before calling the HTML valid.
#   scripts/nu-check.sh [BIN]      BIN defaults to build/ssrtrack
# Needs node and java (apt-get install default-jre-headless); installs its npm
# packages into scripts/audit/node_modules (pinned in its lockfile) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/ssrtrack}")
[ -x "$bin" ] || { echo "nu-check: no $bin (make build/ssrtrack first)" >&2; exit 2; }
command -v java >/dev/null || { echo "nu-check: no java (apt-get install default-jre-headless)" >&2; exit 2; }
[ -d tests/browser/node_modules/playwright-core ] || { echo "nu-check: run scripts/deps.sh first" >&2; exit 2; }
if [ ! -f scripts/audit/node_modules/vnu-jar/build/dist/vnu.jar ]; then
    echo "nu-check: npm ci in scripts/audit" >&2
    (cd scripts/audit && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi
root=$PWD
t=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$t"' EXIT
export SSRTRACK_DB="$t/demo.db"
pw="correct horse battery"
"$bin" init >/dev/null
"$bin" demo >/dev/null
echo "$pw" | "$bin" user add ana --role editor >/dev/null
echo "$pw" | "$bin" user add sam --role assessor >/dev/null
"$bin" serve --listen 127.0.0.1:0 --threads 2 2>"$t/server.log" &
pid=$!
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$t/server.log" | head -1)
    [ -n "$port" ] && break
    sleep 0.05
done
[ -n "${port:-}" ] || { echo "nu-check: the server did not start: $(cat "$t/server.log")" >&2; exit 2; }
"$bin" site "$t/site" >/dev/null
node tests/browser/crawl.js "http://127.0.0.1:$port" "$t/live" "ana:$pw" "sam:$pw"
find "$t/site" -name '*.html' | sort | awk '{ print $0 "\texport " substr($0, length("'"$t/site"'") + 1) "\t200" }' >>"$t/live/urls.tsv"
n=$(($(wc -l <"$t/live/urls.tsv") - 1))
start=$EPOCHREALTIME
tail -n +2 "$t/live/urls.tsv" | cut -f1 |
    xargs java -jar "$root/scripts/audit/node_modules/vnu-jar/build/dist/vnu.jar" --format json 2>"$t/vnu.json" || true
secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
python3 - "$t/vnu.json" "$t/live/urls.tsv" "$n" "$secs" <<'PY'
import collections, json, sys
msgs = json.load(open(sys.argv[1]))["messages"]
names = dict(l.rstrip("\n").split("\t")[:2] for l in open(sys.argv[2]) if "\t" in l)
err = [m for m in msgs if m["type"] == "error" or m.get("subType") == "fatal"]
warn = [m for m in msgs if m["type"] == "info" and m.get("subType") == "warning"]
print(f"nu-check: {sys.argv[3]} pages checked in {sys.argv[4]} s: {len(err)} errors, {len(warn)} warnings")
for kind, lst in (("error", err), ("warning", warn)):
    for text, count in collections.Counter(m["message"][:110] for m in lst).most_common(15):
        print(f"  {count:5d} {kind}: {text}")
for m in err[:20]:
    page = names.get(m.get("url", "").replace("file:", ""), m.get("url", ""))
    print(f"  {page}:{m.get('lastLine', '?')}: {m['message'][:150]}")
sys.exit(1 if err else 0)
PY
