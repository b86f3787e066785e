// html_valid.js — validate saved HTML pages with html-validate's recommended
// rules, in one process. Each argument is LABEL=DIR: a folder written by
// crawl.js (its urls.tsv names each file's URL) or a static export (every
// *.html below it, named by its path). Prints one "ok"/"not ok" line per
// folder with its page count, and for a failure up to 40 errors as
// "#   PAGE:LINE:COL RULE MESSAGE"; exits 1 when any page has an error.
'use strict';
const fs = require('fs');
const path = require('path');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');

// The configuration is resolved once: the static loader resolves it again
// for every page (its element tables merged anew), a quarter of the run.
class OnceConfigLoader extends StaticConfigLoader {
  getConfigFor(handle, override) {
    if (override) return super.getConfigFor(handle, override);
    this.resolved ??= super.getConfigFor(handle);
    return this.resolved;
  }
}

// Ids such as "SSR2-1.1" (a rec's id) are valid HTML; the rule's strict form
// would forbid the dot.
const validator = new HtmlValidate(new OnceConfigLoader({
  extends: ['html-validate:recommended'],
  rules: { 'valid-id': ['error', { relaxed: true }] },
}));

// [file, name] for every page of a folder.
function pages(dir) {
  const tsv = path.join(dir, 'urls.tsv');
  if (fs.existsSync(tsv)) {
    return fs.readFileSync(tsv, 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split('\t')).map(([f, u]) => [f, u]);
  }
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push([p, path.relative(dir, p)]);
    }
  };
  walk(dir);
  return out;
}

let failed = 0;
for (const arg of process.argv.slice(2)) {
  const i = arg.indexOf('=');
  const label = arg.slice(0, i), dir = arg.slice(i + 1);
  const list = pages(dir);
  const errors = [];
  for (const [file, name] of list) {
    const report = validator.validateStringSync(fs.readFileSync(file, 'utf8'), name);
    for (const r of report.results)
      for (const m of r.messages)
        errors.push(`${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  const ok = list.length > 0 && errors.length === 0;
  console.log(`${ok ? 'ok' : 'not ok'} - test_html_valid: html-validate finds no error in the ${list.length} pages of ${label}`);
  if (!ok) {
    failed++;
    console.log(`#   ${errors.length} errors`);
    errors.slice(0, 40).forEach((e) => console.log(`#   ${e.slice(0, 300)}`));
  }
}
process.exit(failed ? 1 : 0);
