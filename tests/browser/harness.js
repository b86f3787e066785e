// harness.js — what the browser tests share: Debian's chromium launched
// headless through playwright-core, and "ok - NAME" / "not ok - NAME" lines.
// Each test file hands its body to run(); the bodies of every file loaded
// together (node -e "require('./a'); require('./b')") run one after the
// other in one browser, which costs a second and a half of CPU to start.
const { chromium } = require('playwright-core');

let failed = 0;
const bodies = [];

function check(name, cond, detail) {
  console.log(`${cond ? 'ok' : 'not ok'} - browser: ${name}`);
  if (!cond) { failed++; if (detail) console.log(`#   ${String(detail).slice(0, 3000)}`); }
}

// Launch the browser, run each body(browser) in turn, close it and exit 1
// when a check failed. A body that throws fails its own check only.
async function runAll() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const body of bodies) {
      try {
        await body(browser);
      } catch (e) {
        check('the browser test ran to the end', false, e.stack || e);
      }
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

// run(body): body(browser) is run once the files loaded in this turn of the
// event loop have handed theirs in.
function run(body) {
  if (bodies.push(body) === 1) setImmediate(runAll);
}

module.exports = { check, run };
