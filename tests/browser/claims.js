// Browser test: claims beside verdicts. A visitor reaches the claims page
// from the dashboard's divergent count, sees the divergent recs and a rec's
// checklist; an assessor verifies a claim made by someone else from the
// rec's page. Drives Debian's chromium (headless) through playwright-core.
// Prints "ok - NAME" / "not ok - NAME" lines; exits 1 when any failed.
const { check, run } = require('./harness');

const base = process.env.BASE_URL;
const assessor = process.env.ASSESSOR_NAME;
const password = process.env.USER_PASSWORD;
// The recs ICANN ticked in 2014, and SSR1-9, which signin_status.js (run
// first) claimed complete in 2015: the SSR2 verdict on it is partial.
const divergent = ['SSR1-1', 'SSR1-2', 'SSR1-6', 'SSR1-6A', 'SSR1-6B', 'SSR1-9', 'SSR1-10', 'SSR1-15', 'SSR1-18',
                   'SSR1-24', 'SSR1-28'];

run(async (browser) => {
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  await page.goto(`${base}/?as_of=2019-01-01`);
  const count = page.locator('.divergent-claims a');
  check('the dashboard counts the divergent claims', (await count.textContent()).startsWith('9 claimed done'));
  await Promise.all([page.waitForURL(/\/reviews\/SSR1\/claims/), count.click()]);
  const rows = await page.locator('table.claims tr.divergent').evaluateAll((trs) => trs.map((t) => t.id));
  check('the claims page marks exactly the claims beyond their verdict divergent', rows.join(',') === divergent.join(','), rows);
  check('... and says how many', (await page.textContent('.divergent-count')) === '11');

  await Promise.all([page.waitForURL(/\/recs\/SSR1-6/), page.click('table.claims tr#SSR1-6 a')]);
  const section = page.locator('section#claims');
  check('the rec page has its claim and verdict', (await section.textContent()).includes('SSR2-SSR1'));
  const missing = await section.locator('ul.checklist li.missing').evaluateAll((l) => l.map((x) => x.dataset.key));
  check('its checklist says what is missing', missing.includes('evidence') && missing.includes('verified') &&
        missing.includes('verdict') && missing.includes('kpi_target'), missing);
  check('a visitor gets no Verify button', await section.locator('form.verify').count() === 0);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${base}/reviews/SSR1/claims`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('the claims page is usable on a phone', overflow <= 1, `overflow ${overflow}px`);
  check('no script errors or CSP violations', problems.length === 0, problems.join(' | '));

  const ctx = await browser.newContext();
  const ap = await ctx.newPage();
  await ap.goto(`${base}/signin`);
  await ap.fill('#user', assessor);
  await ap.fill('#password', password);
  await Promise.all([ap.waitForURL(`${base}/`), ap.click('form.signin button[type=submit]')]);
  await ap.goto(`${base}/recs/SSR1-6`);
  const form = ap.locator('form.verify');
  check('the assessor sees Verify on a claim by another', await form.count() === 1);
  await form.locator('input[name=reason]').fill('read the charters');
  await form.locator('input[name=no_evidence_reason]').fill('the charters are published');
  await Promise.all([ap.waitForURL(/\/recs\/SSR1-6/), form.locator('button[type=submit]').click()]);
  const verified = await ap.textContent('section#claims dd.verified');
  check('the claim shows as verified by the assessor', verified.startsWith(`by ${assessor}`), verified);
  check('the checklist no longer misses verification',
        await ap.locator('section#claims li.done[data-key=verified]').count() === 1);
});
