// Browser test: a signed-in editor changes a status with a reason from the
// page, and an anonymous visitor sees the change on the public page and in
// the feed. Drives Debian's chromium (headless) through playwright-core.
// Prints "ok - NAME" / "not ok - NAME" lines; exits 1 when any failed.
const { check, run } = require('./harness');

const base = process.env.BASE_URL;
const user = process.env.USER_NAME;
const password = process.env.USER_PASSWORD;
const reason = 'Roadmap published (browser test)';

run(async (browser) => {
  const editor = await browser.newContext();
  const page = await editor.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  await page.goto(`${base}/signin`);
  await page.fill('#user', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/`), page.click('form.signin button[type=submit]')]);
  check('signs in and lands on the dashboard', (await page.textContent('header.top')).includes(user));

  const cookies = await editor.cookies();
  const c = cookies.find((k) => k.name === '__Host-ssrtrack');
  check('session cookie is __Host-, HttpOnly, Secure, SameSite=Strict, path /',
        c && c.httpOnly && c.secure && c.sameSite === 'Strict' && c.path === '/', JSON.stringify(c));

  await page.goto(`${base}/recs/SSR1-9`);
  const form = page.locator('form[action="/recs/SSR1-9/status"]');
  check('the editor sees the status form', await form.count() === 1);
  await form.locator('select[name=status]').selectOption('complete');
  await form.locator('input[name=effective]').fill('2015-06-30');
  await form.locator('input[name=reason]').fill(reason);
  await Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()]);
  check('the change is saved and the page shows it',
        (await page.textContent('dl.facts')).includes('Complete'));
  check('no script errors or CSP violations on the pages', problems.length === 0, problems.join(' | '));

  // A visitor without a session.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto(`${base}/recs/SSR1-9`);
  check('the public page shows the new status', (await pub.textContent('dl.facts')).includes('Complete'));
  const history = await pub.textContent('ol.timeline');
  check('the public history shows the reason and both dates',
        history.includes(reason) && history.includes('effective 2015-06-30') && history.includes('recorded'), history.slice(0, 300));
  check('the visitor gets no edit form', await pub.locator('form[action="/recs/SSR1-9/status"]').count() === 0);
  await pub.goto(`${base}/recs/SSR1-9?as_of=2015-06-29`);
  check('the day before, the page shows the old status', (await pub.textContent('dl.facts')).includes('In progress'));
  const feed = await visitor.request.get(`${base}/changes.atom`);
  const atom = await feed.text();
  check('the feed carries the change', feed.ok() && atom.includes('SSR1-9: In progress \u2192 Complete') && atom.includes(reason),
        atom.slice(0, 300));
  const home = await (await visitor.request.get(`${base}/`)).text();
  check('the dashboard lists it among recent changes', home.includes(reason));
  await pub.setViewportSize({ width: 390, height: 800 });
  await pub.goto(`${base}/recs`);
  const overflow = await pub.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check('usable on a phone: no sideways scrolling on the list', overflow <= 1, `overflow ${overflow}px`);
});
