// openapi_lint.js — lint an OpenAPI description with Redocly's "recommended"
// rules, through @redocly/openapi-core (the library `redocly lint` runs; the
// CLI itself brings a documentation server and telemetry, ~200 MB, that a
// lint does not need). Also on: no-required-schema-properties-undefined
// (recommended in Redocly CLI 2, which needs a newer Node than Debian 12's).
// Off: info-license — the project names no licence to write there.
//   node openapi_lint.js FILE
// Prints "ok"/"not ok" lines for errors and for warnings, with each problem
// as "#   LINE:COL RULE MESSAGE"; exits 1 when any check failed.
'use strict';
const { lint, createConfig, getLineColLocation } = require('@redocly/openapi-core');

const file = process.argv[2];
if (!file) { console.error('usage: node openapi_lint.js FILE'); process.exit(2); }

(async () => {
  const config = await createConfig({
    extends: ['recommended'],
    rules: { 'no-required-schema-properties-undefined': 'warn', 'info-license': 'off' },
  });
  const problems = await lint({ ref: file, config });
  let failed = 0;
  for (const severity of ['error', 'warn']) {
    const list = problems.filter((p) => p.severity === severity);
    const ok = list.length === 0;
    console.log(`${ok ? 'ok' : 'not ok'} - test_openapi_lint: no ${severity === 'warn' ? 'warnings' : 'errors'} from Redocly's recommended rules`);
    if (ok) continue;
    failed++;
    for (const p of list.slice(0, 40)) {
      const loc = p.location[0];
      const lc = loc ? getLineColLocation(loc).start : { line: 0, col: 0 };
      console.log(`#   ${lc.line}:${lc.col} ${p.ruleId} ${p.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(`openapi_lint: ${e.stack || e}`); process.exit(2); });
