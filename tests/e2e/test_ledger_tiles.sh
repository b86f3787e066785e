# End-to-end: the log published as C2SP tlog-tiles. `site` writes them beside
# the pages; a plain web server (python3 -m http.server) serves the files; an
# independent verifier (tiles_check.py, written from the specs) fetches them
# over HTTP, rebuilds the root of the signed checkpoint and checks proofs it
# builds from the tiles. Full tiles of an older export stay byte-identical in
# a newer one; a rec restricted after its entries went out in a full bundle
# disappears from the content while every tile and bundle stays as it was;
# `serve` answers the same paths with the same bytes.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
CHECK="$PY $ROOT/tests/e2e/tiles_check.py"
M=ZQXTILE

# static_server DIR: serve DIR with python's plain web server; sets SURL.
static_server() {
    "$PY" -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$T/static.log" 2>&1 &
    STATIC_PID=$!
    local i port=""
    for i in $(seq 1 100); do
        port=$(sed -n 's|.*port \([0-9]*\).*|\1|p' "$T/static.log" | head -1)
        [ -n "$port" ] && break
        sleep 0.05
    done
    SURL="http://127.0.0.1:$port"
}
stop_static() { [ -n "${STATIC_PID:-}" ] && kill "$STATIC_PID" 2>/dev/null; wait "$STATIC_PID" 2>/dev/null; STATIC_PID=""; }
trap 'stop_static; stop_server; rm -rf "$T"' EXIT

# full_tiles DIR: the full tiles and bundles under DIR/ledger/tile, sorted.
full_tiles() { (cd "$1/ledger" && find tile -type f ! -path '*.p/*' | sort); }

ok "demo" init
"$BIN" demo >/dev/null
"$BIN" rec add "SSR1-$M" --review SSR1 --title "$M plan" --effective 2013-01-01 >/dev/null
"$BIN" key show > log.pub
st site nockpt
hasf "no checkpoint yet: site says so and writes no tiles" "$OUT" "no ledger tiles"
eq "no tiles without a checkpoint (the page and the entries only)" "$(ls nockpt/ledger | tr '\n' ' ')" \
    "entries index.html index.html.gz "

"$BIN" checkpoint > ck1
size1=$(sed -n 2p ck1)
ok "site writes the tiles of the signed checkpoint" site out1
hasf "site names the size" "$OUT" "signed checkpoint of size $size1"
cmp -s ck1 out1/ledger/checkpoint && pass "the export carries the checkpoint" || fail "checkpoint" "$(cat out1/ledger/checkpoint)"
# tiles_of SIZE: the tile files C2SP names for a tree of SIZE leaves (fewer than 65,536).
tiles_of() {
    local n=$1 full=$(($1 / 256)) rest=$(($1 % 256)) i dir
    for dir in 0 entries; do
        for ((i = 0; i < full; i++)); do printf 'tile/%s/%03d\n' "$dir" "$i"; done
        [ "$rest" -gt 0 ] && printf 'tile/%s/%03d.p/%d\n' "$dir" "$full" "$rest"
    done
    [ "$full" -gt 0 ] && printf 'tile/1/000.p/%d\n' "$full"
    [ "$n" -gt 0 ]
}
eq "tiles: full and partial bundles, level 1 partial" "$(cd out1/ledger && find tile -type f | sort | tr '\n' ' ')" \
   "$(tiles_of "$size1" | sort | tr '\n' ' ')"
eq "a level-0 tile is 256 hashes" "$(stat -c %s out1/ledger/tile/0/000)" "8192"
eq "a bundle is 256 length-prefixed leaf hashes" "$(stat -c %s out1/ledger/tile/entries/000)" "8704"
hasf "the rec's content is public in the first export" "$(cat out1/ledger/content/*.json)" "$M plan"
ok "site --ledger-only" site only --ledger-only
eq "writes the log alone, the same bytes" "$(ls only) $(diff -r -x 'index.html*' only/ledger out1/ledger && echo same)" "ledger same"

static_server out1
out=$($CHECK "$SURL/ledger" log.pub)
if [ $? -eq 0 ]; then pass "the verifier rebuilds the root and checks every proof from the static tiles"
else fail "verify static tiles" "$out"; fi
hasf "it saw every entry public" "$out" "$size1 public entries"
stop_static

# More changes cross the next tile boundary; the rec is restricted after its
# entries went out in a full bundle.
{
    echo '{"format": "ssrtrack", "version": 1, "changes": ['
    for i in $(seq 1 40); do
        [ "$i" -gt 1 ] && echo ','
        for f in review:SSR1 title:T$i; do
            [ "$f" = title:T$i ] && echo ','
            echo "{\"entity\": \"rec\", \"entity_id\": \"SSR1-T$i\", \"field\": \"${f%%:*}\", \"value\": \"${f#*:}\", \"effective_at\": \"2013-01-01\"}"
        done
    done
    echo ']}'
} > more.json
ok "import more changes" import more.json
ok "restrict the rec" rec set "SSR1-$M" restricted=true
"$BIN" checkpoint > ck2
size2=$(sed -n 2p ck2)
[ "$size2" -gt 512 ] && pass "the log grew past two full tiles ($size2)" || fail "size" "$size2"
cp -a out1 old
ok "export again into the same directory" site out1
ok "and into a new one" site out2
bad=""
for f in $(full_tiles old); do
    cmp -s "old/ledger/$f" "out2/ledger/$f" || bad+=" $f(new)"
    cmp -s "old/ledger/$f" "out1/ledger/$f" || bad+=" $f(same dir)"
done
eq "every full tile and bundle of the older export is byte-identical in the newer" "$bad" ""
has "the partial tile became full" "$(full_tiles out2 | tr '\n' ' ')" "tile/0/001 .*tile/entries/001 "
hasnt "no tile or bundle holds content" "$(find out2/ledger/tile -type f -exec cat {} + | tr -c '[:print:]' ' ')" "$M"
hasnt "the restricted rec's content is withdrawn" "$(cat out2/ledger/content/*.json out1/ledger/content/*.json)" "$M"
n_hidden=$(cat out2/ledger/content/*.json | grep -c '"hidden": true')
[ "$n_hidden" -ge 3 ] && pass "its entries stay as seq and leaf hash ($n_hidden)" || fail "hidden entries" "$n_hidden"

static_server out2
out=$($CHECK "$SURL/ledger" log.pub ck1)
if [ $? -eq 0 ]; then pass "the newer tiles verify, and prove the older checkpoint's log a prefix of it"
else fail "verify newer tiles" "$out"; fi
stop_static

# The verifier notices a changed tile, bundle or content.
for f in tile/0/000 tile/entries/001 content/000.json; do
    rm -rf bad; cp -a out2 bad
    if [ "${f%.json}" != "$f" ]; then sed -i '0,/"value": "/s//"value": "x/' "bad/ledger/$f"
    else printf 'X' | dd of="bad/ledger/$f" bs=1 seek=40 conv=notrunc status=none; fi
    static_server bad
    out=$($CHECK "$SURL/ledger" log.pub 2>&1)
    [ $? -ne 0 ] && pass "the verifier refuses a changed $f" || fail "changed $f accepted" "$out"
    stop_static
done

# A forged old checkpoint is refused by the verifier.
sed "3s|.*|$(head -c 32 /dev/urandom | base64)|" ck1 > forged
[ "$(sed -n 3p forged)" != "$(sed -n 3p ck1)" ] && [ "$(sed -n 4,9p forged)" = "$(sed -n 4,9p ck1)" ] ||
    fail "the forged checkpoint differs in its root only" "$(cat forged)"
static_server out2
out=$($CHECK "$SURL/ledger" log.pub forged 2>&1)
[ $? -ne 0 ] && pass "the verifier refuses a checkpoint whose signature fails" || fail "forged" "$out"
stop_static

# serve answers the same paths with the same bytes.
start_server
out=$($CHECK "$URL/ledger" log.pub ck1)
if [ $? -eq 0 ]; then pass "the verifier accepts the tiles serve computes"
else fail "verify served tiles" "$out"; fi
bad=""
for f in $(cd out2/ledger && find tile content -type f | sort); do
    curl -s "$URL/ledger/$f" | cmp -s - "out2/ledger/$f" || bad+=" $f"
done
eq "every exported file is what serve answers" "$bad" ""
heads() { CODE=$(curl -s -D "$T/.h" -o /dev/null -w '%{http_code}' "$URL$1"); HEADERS=$(tr -d '\r' <"$T/.h"); }
heads /ledger/tile/0/000
hasf "a full tile is cached for good" "$HEADERS" "Cache-Control: public, max-age=31536000, immutable"
eq "and has one Cache-Control" "$(grep -ci '^cache-control' <<<"$HEADERS")" "1"
partial=$(cd out2/ledger && find tile/0 -path '*.p/*' | head -1)
heads "/ledger/$partial"
eq "a partial tile answers" "$CODE" "200"
hasnt "a partial tile is not cached for good" "$HEADERS" "immutable"
heads /ledger/content/000.json
hasnt "content is not cached for good" "$HEADERS" "immutable"
for p in tile/0/099 tile/0/x000/001 tile/0/000.p/0 tile/0/01 tile/9/000 tile/entries/000.p/256 content/000 content/099.json content/000.p/3.json tile/0/000/..; do
    heads "/ledger/$p"
    [ "$CODE" = 404 ] || bad+=" $p:$CODE"
done
eq "tiles the log does not have and paths that are not canonical answer 404" "$bad" ""
stop_server

# A log whose rows no longer give the signed root publishes nothing new.
cp "$SSRTRACK_DB" x.db
sqlite3 x.db "UPDATE change_log SET value = value || '!' WHERE seq = $size2"
cp -a out2 before
must_fail "site refuses a log that does not match its checkpoint" 1 --db x.db site out2
diff -r -x 'index.html*' before/ledger out2/ledger >/dev/null && pass "and leaves the published log as it was" ||
    fail "published files changed" "$(diff -r -x 'index.html*' before/ledger out2/ledger | head -5)"
sqlite3 x.db "UPDATE change_log SET value = value || '!' WHERE seq = 100"
cp -a out1 before1
must_fail "a full tile already published with other bytes is refused" 1 --db x.db site out1
hasf "naming the tile" "$ERR" "tile/0/000"
diff -r -x 'index.html*' before1/ledger out1/ledger >/dev/null && pass "nothing of the published log is replaced" ||
    fail "files changed" "$(diff -r -x 'index.html*' before1/ledger out1/ledger | head -5)"
