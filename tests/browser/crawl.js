// crawl.js — fetch every HTML page a running ssrtrack server links to, as an
// anonymous visitor and as each signed-in user given, and save them as files
// for the HTML validators (tests/e2e/test_html_valid.sh, scripts/nu-check.sh).
//   node crawl.js [--per-shape N] BASE_URL OUT_DIR [USER:PASSWORD ...]
// Writes OUT_DIR/<who>/<n>.html and OUT_DIR/urls.tsv ("file<TAB>url<TAB>status"
// per page). Follows same-origin links breadth first from /, plus a few pages
// no link reaches (sign-in, a 404); skips the API, downloads, the log's tiles
// and proofs, and keeps at most MAX_QUERIES query strings per path, so that
// as_of links on every page do not multiply the crawl. With --per-shape N it
// keeps N pages of each shape (the path with its ids as '*', and the names of
// its query's parameters: /recs/* and /recs?review&status are shapes), so each
// route is seen as each visitor without fetching every rec again. Prints one line with the
// counts; exits 1 when the crawl itself failed (a 5xx, a failed sign-in).
'use strict';
const fs = require('fs');
const path = require('path');

const MAX_QUERIES = 3;
const MAX_PAGES = 2000;
const SKIP = /^\/(api\/|static\/|ledger\/(tile|content|proof)\/)|\.(atom|ics|csv|json|xlsx|md|txt)$|^\/ledger\/(checkpoint|entries)$/;
const EXTRA = ['/signin', '/reviews', '/?as_of=2014-06-30', '/recs/NO-SUCH-REC', '/reviews/NOPE'];

const args = process.argv.slice(2);
const perShape = args[0] === '--per-shape' ? Number(args.splice(0, 2)[1]) : Infinity;
const [base, out, ...users] = args;
if (!base || !out || !(perShape > 0)) {
  console.error('usage: node crawl.js [--per-shape N] BASE_URL OUT_DIR [USER:PASSWORD ...]');
  process.exit(2);
}

// The shape of a path and query: segments holding a digit or a capital as '*'.
function shape(u) {
  const [p, q] = u.split('?');
  const names = q ? [...new URLSearchParams(q).keys()].sort().join('&') : '';
  return p.split('/').map((s) => (/[0-9A-Z]/.test(s) ? '*' : s)).join('/') + (q ? `?${names}` : '');
}

// The session cookie of a sign-in, or throws.
async function signIn(user, password) {
  const res = await fetch(`${base}/signin`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ user, password }).toString(),
  });
  const set = res.headers.get('set-cookie') || '';
  const m = set.match(/(__Host-ssrtrack=[0-9a-f]{64})/);
  if (res.status !== 303 || !m) throw new Error(`sign-in of ${user}: HTTP ${res.status}`);
  return m[1];
}

// Crawls as one visitor (cookie or null) into dir; returns [file, url, status] rows.
async function crawl(who, cookie, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const seen = new Set(), perPath = new Map(), perShapeSeen = new Map(), rows = [];
  const queue = ['/', ...EXTRA];
  const want = (u) => {
    if (seen.has(u) || SKIP.test(u.split('?')[0])) return;
    const p = u.split('?')[0];
    if (u.includes('?')) {
      const n = perPath.get(p) || 0;
      if (n >= MAX_QUERIES) return;
      perPath.set(p, n + 1);
    }
    const k = shape(u), n = perShapeSeen.get(k) || 0;
    if (n >= perShape) return;
    perShapeSeen.set(k, n + 1);
    seen.add(u);
    queue.push(u);
  };
  queue.forEach((u) => seen.add(u));
  while (queue.length && rows.length < MAX_PAGES) {
    const u = queue.shift();
    const res = await fetch(base + u, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    if (res.status >= 500) throw new Error(`${who} ${u}: HTTP ${res.status}`);
    if (!(res.headers.get('content-type') || '').startsWith('text/html')) { await res.arrayBuffer(); continue; }
    const html = await res.text();
    const file = path.join(dir, `${rows.length + 1}.html`);
    fs.writeFileSync(file, html);
    rows.push([file, u, res.status]);
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
      let href = m[1].replace(/&amp;/g, '&').split('#')[0];
      if (!href) continue;
      let abs;
      try { abs = new URL(href, base + u); } catch { continue; }
      if (abs.origin !== new URL(base).origin) continue;
      want(abs.pathname + abs.search);
    }
  }
  return rows;
}

(async () => {
  const rows = [['file', 'url', 'status']];
  let counts = [];
  const visitors = [['anonymous', null]];
  for (const up of users) {
    const i = up.indexOf(':');
    visitors.push([up.slice(0, i), await signIn(up.slice(0, i), up.slice(i + 1))]);
  }
  for (const [who, cookie] of visitors) {
    const r = await crawl(who, cookie, path.join(out, who));
    counts.push(`${who} ${r.length}`);
    rows.push(...r.map(([f, u, s]) => [f, `${who} ${u}`, s]));
  }
  fs.writeFileSync(path.join(out, 'urls.tsv'), rows.map((r) => r.join('\t')).join('\n') + '\n');
  console.log(`# crawled ${counts.join(', ')} pages`);
})().catch((e) => { console.error(`crawl: ${e.message}`); process.exit(1); });
