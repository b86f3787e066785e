// pages.js — every page of a crawl (crawl.js's urls.tsv) in Debian's
// chromium: axe-core finds no violation (WCAG 2.x A and AA, and its best
// practices) at a desktop width, and at a phone's 390 px no touch target is
// under 24 px (its target-size rule) and no page is wider than the screen. One browser, one context per visitor (signed in through
// the sign-in form's POST, as the crawl was).
//   BASE_URL=… URLS=…/urls.tsv PASSWORD=… [SHOTS=DIR] node pages.js
// With SHOTS, also saves DIR/<who>-<n>-1280.png and -390.png (whole pages)
// and DIR/index.tsv naming them, to look at. Prints "ok"/"not ok" lines;
// exits 1 when any check failed.
const fs = require('fs');
const path = require('path');
const { check, run } = require('./harness');

const base = process.env.BASE_URL;
const password = process.env.PASSWORD;
const shots = process.env.SHOTS;
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// Kept: a visitor's pages, but of the dated views (as_of) only the home page
// (the others differ from today's only in their date box); a signed-in
// user's pages only where they hold a form besides sign-out (what a visitor
// does not see). The crawl's files tell which.
const rows = fs.readFileSync(process.env.URLS, 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t')).map(([file, name]) => [...name.split(' '), file])
  .filter(([who, url, file]) => (!url.includes('as_of=') || url.startsWith('/?'))
    && (who === 'anonymous' || (fs.readFileSync(file, 'utf8').match(/name="csrf"/g) || []).length > 1));

// The axe violations of the page now loaded, as "rule (impact): target"
// lines: of the tags' rules, or of the rules named in `only`. axe-core is in
// every page from its start (the context's init script): handed over once,
// rather than its 500 kB sent again and run for each page.
async function axeViolations(page, only) {
  const res = await page.evaluate((rules) => window.axe.run(document, {
    runOnly: rules || { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  }), only);
  return res.violations.flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

run(async (browser) => {
  const byWho = new Map();
  for (const [who, url] of rows) (byWho.get(who) || byWho.set(who, []).get(who)).push(url);
  const axeBad = [], wide = [], small = [], index = [];
  let n = 0;
  for (const [who, urls] of byWho) {
    // bypassCSP: the pages allow no script, and axe must run in them.
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript({ content: axeSource });
    if (who !== 'anonymous') {
      const r = await ctx.request.post(`${base}/signin`, { form: { user: who, password }, headers: { origin: base }, maxRedirects: 0 });
      check(`${who} signs in`, r.status() === 303, `HTTP ${r.status()}`);
    }
    const page = await ctx.newPage();
    for (const url of urls) {
      n++;
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(base + url);
      for (const v of await axeViolations(page)) axeBad.push(`${who} ${url}: ${v}`);
      if (shots) await page.screenshot({ path: path.join(shots, `${who}-${n}-1280.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      // The phone's layout has its own touch targets (links in rows that wrap).
      for (const v of await axeViolations(page, ['target-size'])) small.push(`${who} ${url}: ${v}`);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (over > 1) {
        // The first element past the edge none of whose children is past it.
        const culprit = await page.evaluate(() => {
          const w = window.innerWidth, past = (e) => e.getBoundingClientRect().right > w + 1;
          const el = [...document.querySelectorAll('body *')].find((e) => past(e) && ![...e.children].some(past));
          return el ? el.outerHTML.slice(0, 120) : '?';
        });
        wide.push(`${who} ${url}: ${390 + over}px wide (${culprit})`);
      }
      if (shots) {
        await page.screenshot({ path: path.join(shots, `${who}-${n}-390.png`), fullPage: true });
        index.push(`${who}-${n}\t${who} ${url}`);
      }
    }
    await ctx.close();
  }
  if (shots) fs.writeFileSync(path.join(shots, 'index.tsv'), index.join('\n') + '\n');
  check(`axe-core finds no violation on the ${n} pages`, n > 0 && axeBad.length === 0, axeBad.slice(0, 30).join('\n#   '));
  check(`no touch target under 24 px at 390 px (axe target-size, ${n} pages)`, n > 0 && small.length === 0,
        small.slice(0, 30).join('\n#   '));
  check(`no page is wider than a 390 px phone (${n} pages)`, n > 0 && wide.length === 0, wide.slice(0, 30).join('\n#   '));
});
