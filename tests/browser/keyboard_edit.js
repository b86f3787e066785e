// Browser test: the keyboard path. An editor signs in and changes a rec's
// status with the keyboard only: the name field has the focus on arrival, a
// failed sign-in's message takes it and leads back to the field, the status
// form is reached from the top of the rec page in a few Tab presses (before
// the page's sections), and after the save the confirmation has the focus.
// Prints "ok - NAME" / "not ok - NAME" lines; exits 1 when any failed.
const { check, run } = require('./harness');

const base = process.env.BASE_URL;
const user = process.env.USER_NAME;
const password = process.env.USER_PASSWORD;
const rec = 'SSR1-12';

// The focused element, described: its id, or its tag and class.
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? (e.id || `${e.tagName.toLowerCase()}.${e.className}`) : '';
});

// The browser moves the focus to an autofocus element at a rendering
// update, which may come after the load event on a busy machine: wait up to
// 5 s for the element with id to have it (the check that follows still
// fails when it never does).
const focusArrives = (page, id) => page.waitForFunction((want) => document.activeElement?.id === want, id,
  { timeout: 5000 }).catch(() => {});

// Press Tab until the element with id has the focus; the number of presses,
// or -1 when it was not reached within max.
async function tabTo(page, id, max) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if (await focused(page) === id) return n;
  }
  return -1;
}

run(async (browser) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));

  await page.goto(`${base}/signin?next=/recs/${rec}`);
  await focusArrives(page, 'user');
  check('the sign-in page opens with the focus on the name field', await focused(page) === 'user', await focused(page));
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type('not the password');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await focusArrives(page, 'signin-error');
  check('a failed sign-in puts the focus on its message', await focused(page) === 'signin-error', await focused(page));
  check('... which is an alert', await page.getAttribute('#signin-error', 'role') === 'alert');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  check('... whose link leads to the name field, still filled', await focused(page) === 'user' &&
        await page.inputValue('#user') === user, await focused(page));
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL(`${base}/recs/${rec}`), page.keyboard.press('Enter')]);
  check('signed in, back on the rec page', (await page.textContent('header.top')).includes(user));

  await page.goto(`${base}/recs/${rec}`);
  const presses = await tabTo(page, 'status-status', 40);
  check('the status field is reached by Tab from the top of the page', presses > 0, `${presses}`);
  const before = await page.evaluate(() => {
    const s = document.getElementById('status-status');
    const h = [...document.querySelectorAll('h2')].find((e) => e.textContent === 'Milestones');
    return h && s && (s.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  check('... ahead of the milestones and history', before);
  check('... and named with the rec it changes (its accessible name)',
        await page.getByRole('combobox', { name: `Status for ${rec}`, exact: true }).count() === 1);
  console.log(`# ${presses} Tab presses from the top of the rec page to its status field`);
  await page.keyboard.type('Complete');
  check('the status chosen by typing its word', await page.inputValue('#status-status') === 'complete',
        await page.inputValue('#status-status'));
  check('the reason field follows within a few presses', await tabTo(page, 'status-reason', 6) > 0);
  await page.keyboard.type('Finished (keyboard test)');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  // Autofocus is applied when the page is next rendered: wait for it, then check.
  await page.waitForFunction(() => document.activeElement?.className === 'saved').catch(() => {});
  check('saved: the page says so, and the confirmation has the focus',
        (await page.evaluate(() => document.activeElement.className)) === 'saved' &&
        (await page.textContent('p.saved')) === 'Saved: status set to Complete.', await focused(page));
  check('the rec now shows Complete', (await page.textContent('dl.facts')).includes('Complete'));
  const flash = (await page.context().cookies()).find((k) => k.name === 'ssrtrack-saved');
  check('the confirmation is used up: its flash cookie is gone from the browser', !flash, JSON.stringify(flash));
  await page.reload();
  check('a reload shows no confirmation', await page.locator('p.saved').count() === 0 &&
        (await page.textContent('dl.facts')).includes('Complete'));
  await page.setViewportSize({ width: 390, height: 800 });
  for (const path of [`/recs/${rec}`, '/assessments/SSR2-SSR1', '/assessments/SSR2-SSR1/implemented/not']) {
    await page.goto(`${base}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`usable on a phone, signed in, with its forms: no sideways scrolling on ${path}`, overflow <= 1, `overflow ${overflow}px`);
  }
  check('no script errors on the pages', problems.length === 0, problems.join(' | '));
});
