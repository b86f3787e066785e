// harness.js — what the browser tests share: Debian's chromium launched
// headless through playwright-core, and "ok - NAME" / "not ok - NAME" lines.
const { chromium } = require('playwright-core');

let failed = 0;

function check(name, cond, detail) {
  console.log(`${cond ? 'ok' : 'not ok'} - browser: ${name}`);
  if (!cond) { failed++; if (detail) console.log(`#   ${String(detail).slice(0, 3000)}`); }
}

// Run body(browser), then close the browser and exit 1 when a check failed.
async function run(body) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await body(browser);
  } catch (e) {
    check('the browser test ran to the end', false, e.stack || e);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

module.exports = { check, run };
