# The OpenAPI description at /api/v1/openapi.json is true of the server:
# the same paths and methods as the route table, responses in the declared
# shapes, errors in the Error shape (api_spec_check.py does the checking).
. "$(dirname "$0")/lib.sh"

"$BIN" init >/dev/null
"$BIN" demo >/dev/null
"$BIN" kpi add SSR1-9 K-DEMO --name "Operations certified" --unit "%" --direction up \
    --baseline 0@2012-06-20 --target 100@2016-06-30 --frequency yearly --effective 2012-06-20 >/dev/null
"$BIN" kpi record K-DEMO 30 --at 2014-03-18 >/dev/null
echo "correct horse battery" | "$BIN" user add ana --role admin >/dev/null
TOKEN=$("$BIN" token create ana)
start_server || { fail "server starts" "$(cat "$T/server.log")"; exit 0; }

# The route table's API rows, as "METHOD PATH" lines.
sed -n 's|^ *{"\([A-Z]*\)", "\(/api/v1[^"]*\)".*|\1 \2|p' "$ROOT/src/web/web.c" >"$T/routes"
[ -s "$T/routes" ] || fail "the route table was read" "no /api/v1 rows in src/web/web.c"

get /api/v1/openapi.json
eq "the description is served" "$CODE" "200"
printf '%s' "$BODY" >"$T/served.json"
if cmp -s "$T/served.json" "$ROOT/data/openapi.json"; then pass "the served description is data/openapi.json"
else fail "the served description is data/openapi.json"; fi
python3 "$ROOT/tests/e2e/api_spec_check.py" "$URL" "$T/served.json" "$T/routes" "$TOKEN"
