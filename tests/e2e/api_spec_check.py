#!/usr/bin/env python3
"""api_spec_check.py: hold the OpenAPI description to the running server.

usage: api_spec_check.py BASE_URL SPEC_FILE ROUTES_FILE TOKEN

ROUTES_FILE lists the server's API routes as "METHOD /api/v1/x/*" lines (the
route table). Checks, printing "ok - NAME" / "not ok - NAME" lines:
  - the description's paths and methods are exactly the route table's;
  - every GET path, filled with demo ids, answers 200 with a body that
    holds the required properties of its schema, with the declared types;
  - every write path answers 401 without a token, and its error body has
    the Error schema's shape.
"""
import json
import re
import sys
import urllib.error
import urllib.request

base, spec_file, routes_file, token = sys.argv[1:5]
spec = json.load(open(spec_file, encoding="utf-8"))
failed = 0

SAMPLE = {"id": None, "rec": "SSR1-9", "kind": "implementation"}
IDS = {"/api/v1/reviews/{id}": "SSR1", "/api/v1/reviews/{id}/board": "SSR1", "/api/v1/reviews/{id}/claims": "SSR1", "/api/v1/reviews/{id}/glance": "SSR1",
       "/api/v1/recs/{id}": "SSR1-9", "/api/v1/recs/{id}/history": "SSR1-9",
       "/api/v1/recs/{id}/milestones": "SSR1-9", "/api/v1/milestones/{id}": "SSR1-9.3",
       "/api/v1/assessments/{id}": "SSR2-SSR1", "/api/v1/assessments/{id}/items/{rec}": "SSR2-SSR1",
       "/api/v1/assessments/{id}/items/{rec}/signoffs": "SSR2-SSR1", "/api/v1/kpis/{id}": "K-DEMO"}


def check(name, cond, detail=""):
    global failed
    print(("ok" if cond else "not ok") + " - test_api_spec: " + name)
    if not cond:
        failed += 1
        print("#   " + str(detail)[:800])


def resolve(schema):
    while "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        schema = spec["components"]["schemas"][name]
    return schema


TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "boolean": bool}


def conforms(value, schema, where):
    """A list of problems: required properties and declared types, recursively."""
    schema = resolve(schema)
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null"]
    if "allOf" in schema:
        return [p for s in schema["allOf"] for p in conforms(value, s, where)]
    if "oneOf" in schema:
        for s in schema["oneOf"]:
            if not conforms(value, s, where):
                return []
        return [f"{where}: matches none of oneOf"]
    t = schema.get("type")
    if t and not isinstance(value, TYPES[t]) or (t in ("integer", "number") and isinstance(value, bool)):
        return [f"{where}: {type(value).__name__}, not {t}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    out = []
    if isinstance(value, dict):
        for r in schema.get("required", []):
            if r not in value:
                out.append(f"{where}: no '{r}'")
        for k, s in schema.get("properties", {}).items():
            if k in value:
                out += conforms(value[k], s, f"{where}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value[:50]):
            out += conforms(v, schema["items"], f"{where}[{i}]")
    return out


def fetch(method, path, body=None, auth=None):
    req = urllib.request.Request(base + path, method=method, data=body)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", "Bearer " + auth)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def fill(path):
    v = IDS.get(path)
    out = path.replace("{id}", v or "x").replace("{rec}", "SSR1-9").replace("{kind}", "implementation")
    return out


# 1. The description and the route table agree.
declared = set()
for path, item in spec["paths"].items():
    for method in item:
        if method in ("get", "post", "put", "patch", "delete"):
            declared.add((method.upper(), re.sub(r"\{[^}]+\}", "*", path)))
routes = set()
for line in open(routes_file, encoding="utf-8"):
    m, p = line.split()
    routes.add((m, p))
check("every API route is described", routes <= declared, sorted(routes - declared))
check("every described path is a route", declared <= routes, sorted(declared - routes))

# 2. Reads answer as described.
for path, item in sorted(spec["paths"].items()):
    if "get" not in item:
        continue
    url = fill(path) + ("" if "?" in path else "")
    status, ctype, body = fetch("GET", url)
    schema = item["get"]["responses"]["200"]["content"]
    if status != 200:
        check(f"GET {path} answers 200", False, f"{status}: {body[:300]!r}")
        continue
    js = "application/json" in ctype
    check(f"GET {path} answers 200 with JSON", js, ctype)
    if js:
        problems = conforms(json.loads(body), schema["application/json"]["schema"], "body")
        check(f"GET {path} matches its schema", not problems, "; ".join(problems[:8]))
    # and takes as_of
    status, _, body = fetch("GET", url + ("&" if "?" in url else "?") + "as_of=2013-01-01")
    if path not in ("/api/v1", "/api/v1/openapi.json", "/api/v1/kpis/{id}"):
        check(f"GET {path} takes as_of", status in (200, 404), status)
    status, _, body = fetch("GET", url + ("&" if "?" in url else "?") + "as_of=2013-02-30")
    if path not in ("/api/v1", "/api/v1/openapi.json"):
        err = conforms(json.loads(body or b"{}"), {"$ref": "#/components/schemas/Error"}, "error")
        check(f"GET {path} refuses a bad as_of with a 400 Error", status == 400 and not err, f"{status} {err}")

# 3. Writes need a token; their errors have the Error shape.
for path, item in sorted(spec["paths"].items()):
    for method in ("post", "put", "patch"):
        if method not in item:
            continue
        status, _, body = fetch(method.upper(), fill(path), body=b"{}")
        problems = conforms(json.loads(body or b"{}"), {"$ref": "#/components/schemas/Error"}, "error")
        check(f"{method.upper()} {path} without a token: 401 with an Error body",
              status == 401 and not problems and "401" in item[method]["responses"], f"{status} {problems}")
        status, _, body = fetch(method.upper(), fill(path), body=b"{not json", auth=token)
        check(f"{method.upper()} {path} with bad JSON: 400 with an Error body",
              status == 400 and json.loads(body)["error"]["code"] == "invalid_json", f"{status} {body[:200]!r}")

sys.exit(1 if failed else 0)
