# The API's OpenAPI description (data/openapi.json, served at
# /api/v1/openapi.json) passes Redocly's recommended lint rules with no error
# and no warning (tests/browser/openapi_lint.js, @redocly/openapi-core from
# npm), so linters and code generators accept it; test_api_spec.sh holds it
# to the running server.
. "$(dirname "$0")/lib.sh"

DIR="$ROOT/tests/browser"
[ -d "$DIR/node_modules/@redocly/openapi-core" ] ||
    { fail "@redocly/openapi-core is installed" "run scripts/deps.sh"; exit 0; }

node "$DIR/openapi_lint.js" "$ROOT/data/openapi.json" 2>"$T/lint.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "the linter ran" "exit $rc: $(tail -5 "$T/lint.err")"

# Every operation has an operationId, and no two share one (what generators name methods by).
ids=$(grep -o '"operationId": "[^"]*"' "$ROOT/data/openapi.json" | sort)
ops=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(m in ("get","post","put","patch","delete") for p in d["paths"].values() for m in p))' "$ROOT/data/openapi.json")
eq "one operationId per operation, all distinct" "$(printf '%s\n' "$ids" | uniq | grep -c .)" "$ops"
