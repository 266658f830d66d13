#!/usr/bin/env node
// make check-browser: chronex's outputs in a real browser (Debian's
// chromium driven by playwright-core).
//
//   TimelineJS 3 and vis-timeline load chronex's JSON from a server on
//   127.0.0.1 (started here, stopped at the end); every event must show up
//   with its date and nothing may go to the console as an error. The HTML
//   report is opened from file:// with the network off and every request
//   refused; its events, entity table and clicks are checked.
//
// Environment (set by the Makefile): CHRONEX (the binary), CX_SRCDIR (the
// source tree), CHRONEX_DATA_DIR, CX_BROWSER_OUT (where outputs and
// screenshots go), CX_CHROMIUM (default /usr/bin/chromium). With
// CX_README_SHOT=FILE it also writes the README's screenshot of the report.
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');

const here = __dirname;
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error('check-browser: playwright-core is missing; run: (cd tests/browser && npm ci)');
  process.exit(1);
}

const SRC = process.env.CX_SRCDIR || path.resolve(here, '../..');
const CHRONEX = process.env.CHRONEX || path.resolve('src/chronex');
const OUT = process.env.CX_BROWSER_OUT || path.resolve('browser-out');
const CHROMIUM = process.env.CX_CHROMIUM || '/usr/bin/chromium';
const DCT = '2023-06-01';
const LIMIT_MS = 240000; // the whole suite; it never waits longer

const timer = setTimeout(() => {
  console.error('check-browser: gave up after ' + LIMIT_MS / 1000 + ' s');
  process.exit(1);
}, LIMIT_MS);
timer.unref();

// ---- chronex's outputs ------------------------------------------------------

fs.mkdirSync(path.join(OUT, 'data'), { recursive: true });
const seeds = fs.readdirSync(path.join(SRC, 'seeds')).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => path.join(SRC, 'seeds', f));
const fixture = path.join(here, 'fixtures', 'merged.json');
const hostileText = path.join(here, 'fixtures', 'hostile.txt');

function chronex(args) {
  return execFileSync(CHRONEX, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}
function save(name, text) {
  fs.writeFileSync(path.join(OUT, 'data', name), text);
  return JSON.parse(text);
}

const seedArgs = ['--dct', DCT, '-q', ...seeds];
const merged = JSON.parse(chronex(['timeline', ...seedArgs]));
const tljsSeeds = save('seeds.timelinejs.json', chronex(['timeline', '--format', 'timelinejs', ...seedArgs]));
const visSeeds = save('seeds.vis.json', chronex(['timeline', '--format', 'vis', ...seedArgs]));
const visSeedsEnt = save('seeds.vis-entity.json',
  chronex(['timeline', '--format', 'vis', '--group', 'entity', ...seedArgs]));
const fxMerged = JSON.parse(fs.readFileSync(fixture, 'utf8'));
const tljsFixture = save('fixture.timelinejs.json', chronex(['timeline', '--format', 'timelinejs', '-q', fixture]));
const visFixture = save('fixture.vis.json', chronex(['timeline', '--format', 'vis', '-q', fixture]));
const extractDir = path.join(OUT, 'extract');
fs.rmSync(extractDir, { recursive: true, force: true });
chronex(['extract', '--dct', DCT, '-q', '-o', extractDir, ...seeds]);
const docs = fs.readdirSync(extractDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(extractDir, f), 'utf8')));
const reportSeeds = path.join(OUT, 'report.html');
chronex(['report', '--dct', DCT, '-q', '--title', 'Seed articles', '-o', reportSeeds, ...seeds]);
const reportHostile = path.join(OUT, 'report-hostile.html');
chronex(['report', '--dct', DCT, '-q', '-o', reportHostile, fixture, hostileText]);

// ---- what the dates must look like -------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

// The words a date value must show, whatever library draws it: its years,
// and its month names when the value has a month.
function dateWords(value) {
  const words = [];
  for (const side of value.split('/')) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(side);
    if (m) {
      words.push(m[1]);
      if (m[2]) words.push(MONTHS[Number(m[2]) - 1]);
      if (m[3]) words.push(String(Number(m[3])));
    } else if (/^\d{3}$/.test(side)) {
      words.push(side + '0s');
    }
  }
  return words;
}

// ---- a tiny static server on 127.0.0.1 ---------------------------------------

const MOUNTS = {
  '/lib/timelinejs/': path.join(here, 'node_modules/@knight-lab/timelinejs/dist'),
  '/lib/vis/': path.join(here, 'node_modules/vis-timeline/standalone/umd'),
  '/data/': path.join(OUT, 'data'),
  '/pages/': path.join(here, 'pages'),
};
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    for (const [prefix, dir] of Object.entries(MOUNTS)) {
      if (!pathname.startsWith(prefix)) continue;
      const file = path.resolve(dir, '.' + pathname.slice(prefix.length - 1));
      if (!file.startsWith(dir + path.sep)) break;
      fs.readFile(file, (err, body) => {
        if (err) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
          'cache-control': 'no-store' });
        res.end(body);
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.requestTimeout = 10000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- the tests ---------------------------------------------------------------

const results = [];
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// A page that records console errors, page errors and every request that
// leaves the allowed origin (which is refused).
async function openPage(browser, allow, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, ...opts });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allow(url)) return route.continue();
    problems.push('request refused: ' + url);
    return route.abort();
  });
  return { context, page, problems };
}

async function runTest(name, fn) {
  try {
    await fn();
    results.push([name, null]);
    console.log('ok   ' + name);
  } catch (e) {
    results.push([name, e]);
    console.log('FAIL ' + name + '\n     ' + String(e && e.stack || e).split('\n').slice(0, 3).join('\n     '));
  }
}

async function timelinejs(browser, base, dataName, data, expected, shot) {
  const { context, page, problems } = await openPage(browser, (u) => u.startsWith(base));
  try {
    await page.goto(base + '/pages/timelinejs.html?data=' + dataName);
    await page.waitForFunction(() => window.tlLoaded === true, null, { timeout: 30000 });
    await page.waitForTimeout(500);
    const slides = await page.evaluate(() => Array.from(document.querySelectorAll('.tl-slide'))
      .filter((s) => s.id && s.id !== 'chronex-title')
      .map((s) => ({ id: s.id,
        date: (s.querySelector('.tl-headline-date') || {}).textContent || '',
        headline: (s.querySelector('.tl-headline') || {}).textContent || '' })));
    await page.screenshot({ path: path.join(OUT, shot) });
    const markers = await page.locator('.tl-timemarker').count();
    check(slides.length === expected.length,
      `${slides.length} slides for ${expected.length} events`);
    check(markers === expected.length, `${markers} markers on the time axis for ${expected.length} events`);
    const byId = new Map(slides.map((s) => [s.id, s]));
    expected.forEach((ev, i) => {
      const s = byId.get('chronex-M' + (i + 1));
      check(s, `no slide for event ${i + 1} (${ev.date.value})`);
      for (const w of dateWords(ev.date.value))
        check(new RegExp('\\b' + w + '\\b').test(s.date),
          `slide chronex-M${i + 1}: date "${s.date}" lacks "${w}" (value ${ev.date.value})`);
      const head = data.events[i].text.headline.replace(/&#39;/g, "'").replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      check(s.headline.trim() === head.trim(), `slide chronex-M${i + 1}: headline "${s.headline}"`);
    });
    // the slides in the order of the timeline
    const order = await page.evaluate(() => window.tl.config.events.map((e) => e.unique_id));
    check(JSON.stringify(order) === JSON.stringify(expected.map((e, i) => 'chronex-M' + (i + 1))),
      'TimelineJS sorted the events differently: ' + order.join(' '));
    check(!(await page.evaluate(() => window.__pwned)), 'article markup ran as code');
    check(problems.length === 0, problems.join('\n'));
  } finally {
    await context.close();
  }
}

async function visTimeline(browser, base, dataName, data, expected, shot) {
  const { context, page, problems } = await openPage(browser, (u) => u.startsWith(base));
  try {
    await page.goto(base + '/pages/vis.html?data=' + dataName);
    // vis-timeline keeps its root hidden until its first full redraw
    await page.waitForFunction(() => window.visRendered === true &&
      getComputedStyle(window.timeline.dom.root).visibility !== 'hidden' &&
      window.visData.items.every((it) => {
      const item = window.timeline.itemSet.items[it.id];
      return item && item.dom && item.dom.box && item.dom.box.isConnected;
    }), null, { timeout: 30000 });
    await page.waitForTimeout(300);
    // each item's anchor (a box's middle, a range's left edge) and where
    // vis-timeline's own scale puts its start
    const items = await page.evaluate(() => {
      const tl = window.timeline;
      const left = tl.dom.center.getBoundingClientRect().left;
      return window.visData.items.map((it) => {
        const item = tl.itemSet.items[it.id];
        const el = item && item.dom && item.dom.box;
        const r = el && el.getBoundingClientRect();
        const range = !!it.end;
        return { id: it.id, shown: !!(el && el.isConnected && r.width > 0),
          anchor: r ? (range ? r.left : r.left + r.width / 2) : null,
          scale: left + tl.body.util.toScreen(item.data.start), text: el ? el.textContent : '' };
      });
    });
    await page.screenshot({ path: path.join(OUT, shot) });
    check(items.length === expected.length, `${items.length} items for ${expected.length} events`);
    const rendered = await page.locator('.vis-item .vis-item-content').count();
    check(rendered === expected.length, `${rendered} items drawn for ${expected.length} events`);
    const groups = await page.locator('.vis-label').count();
    check(groups === data.groups.length, `${groups} group labels for ${data.groups.length} groups`);
    items.forEach((it, i) => {
      check(it.shown, `item ${it.id} is not drawn`);
      check(data.items[i].start === expected[i].date.start, `item ${it.id} starts ${data.items[i].start}`);
    });
    items.forEach((it) => check(Math.abs(it.anchor - it.scale) < 3,
      `item ${it.id} is drawn at x=${it.anchor.toFixed(1)}, its date is at x=${it.scale.toFixed(1)}`));
    // and the anchors follow the dates
    for (let i = 1; i < items.length; i++)
      if (expected[i].date.start > expected[i - 1].date.start)
        check(items[i].anchor > items[i - 1].anchor,
          `item ${items[i].id} (${expected[i].date.start}) is not right of ${items[i - 1].id}`);
    check(!(await page.evaluate(() => window.__pwned)), 'article markup ran as code');
    check(problems.length === 0, problems.join('\n'));
  } finally {
    await context.close();
  }
}

async function openReport(browser, file, opts) {
  const p = await openPage(browser, (u) => u === 'file://' + file || u.startsWith('data:'), opts);
  await p.context.setOffline(true);
  await p.page.goto('file://' + file);
  return p;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60000,
  });
  const server = await serve();
  const base = 'http://127.0.0.1:' + server.address().port;
  try {
    await runTest('timelinejs: every seed event is a slide with its date, no console errors',
      () => timelinejs(browser, base, 'seeds.timelinejs.json', tljsSeeds, merged.events, 'timelinejs-seeds.png'));
    await runTest('timelinejs: every date precision and markup as text (fixture)',
      () => timelinejs(browser, base, 'fixture.timelinejs.json', tljsFixture, fxMerged.events, 'timelinejs-fixture.png'));
    await runTest('vis-timeline: every seed event is an item in date order, no console errors',
      () => visTimeline(browser, base, 'seeds.vis.json', visSeeds, merged.events, 'vis-seeds.png'));
    await runTest('vis-timeline: grouped by entity',
      () => visTimeline(browser, base, 'seeds.vis-entity.json', visSeedsEnt, merged.events, 'vis-seeds-entity.png'));
    await runTest('vis-timeline: every date precision and markup as text (fixture)',
      () => visTimeline(browser, base, 'fixture.vis.json', visFixture, fxMerged.events, 'vis-fixture.png'));
    await runTest('report: offline, the events in timeline order', async () => {
      const { context, page, problems } = await openReport(browser, reportSeeds);
      try {
        const evs = await page.$$eval('li.event', (els) => els.map((e) => ({
          id: e.dataset.event, value: e.dataset.value, start: e.dataset.start,
          date: e.querySelector('.ev-date').textContent,
          sources: Number(e.dataset.sources) })));
        check(evs.length === merged.events.length, `${evs.length} events shown for ${merged.events.length}`);
        evs.forEach((e, i) => {
          const m = merged.events[i];
          check(e.value === m.date.value && e.start === m.date.start,
            `event ${i + 1} is ${e.value}, the timeline says ${m.date.value}`);
          check(e.sources === m.sources.length, `event ${i + 1} shows ${e.sources} sources`);
          for (const w of dateWords(m.date.value))
            check(e.date.includes(w), `event ${i + 1}: date "${e.date}" lacks ${w}`);
          if (i) check(e.start >= evs[i - 1].start, `event ${i + 1} is out of order`);
        });
        const marks = await page.locator('svg .mark').count();
        check(marks === merged.events.length, `${marks} marks on the overview`);
        check(await page.locator('#n-events').textContent() === String(merged.events.length),
          'the summary counts the events wrong');
        await page.screenshot({ path: path.join(OUT, 'report-seeds.png'), fullPage: true });
        check(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    });
    await runTest('report: the entity table has every entity with its mention counts', async () => {
      const { context, page, problems } = await openReport(browser, reportSeeds);
      try {
        const rows = await page.$$eval('table.entities tbody tr', (trs) => trs.map((tr) => ({
          name: tr.querySelector('.name').firstChild.textContent.trim(),
          mentions: Number(tr.querySelector('.mentions').textContent),
          docs: Array.from(tr.querySelectorAll('.docs .badge')).map((b) => b.dataset.doc) })));
        // what the per-document outputs say, names folded as the report folds them
        const fold = (s) => s.toLowerCase().replace(/[.,\- ]/g, '');
        const want = new Map();
        for (const d of docs)
          for (const e of d.entities) {
            const w = want.get(fold(e.name)) || { total: 0, docs: new Set() };
            w.total += e.mentions.length;
            w.docs.add(d.document.id);
            want.set(fold(e.name), w);
          }
        check(rows.length === want.size, `${rows.length} rows for ${want.size} entities`);
        for (const r of rows) {
          const w = want.get(fold(r.name));
          check(w, `entity ${r.name} is in no document`);
          check(r.mentions === w.total, `${r.name}: ${r.mentions} mentions, the documents say ${w.total}`);
          check(JSON.stringify([...w.docs].sort()) === JSON.stringify([...r.docs].sort()),
            `${r.name}: documents ${r.docs}`);
        }
        for (let i = 1; i < rows.length; i++)
          check(rows[i].mentions <= rows[i - 1].mentions, 'the table is not by mentions');
        check(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    });
    await runTest('report: a click shows the sentence and the sources', async () => {
      const { context, page, problems } = await openReport(browser, reportSeeds);
      try {
        const i = merged.events.findIndex((e) => e.sources.length > 1);
        const idx = i >= 0 ? i : 0;
        const m = merged.events[idx];
        const id = 'M' + (idx + 1);
        const detail = page.locator('#detail-' + id);
        check(!(await detail.isVisible()), 'the details show before a click');
        await page.click(`#ev-${id} .ev-toggle`);
        check(await detail.isVisible(), 'a click did not show the details');
        const text = (await detail.textContent()).replace(/\s+/g, ' ');
        check(text.includes(m.text.replace(/\s+/g, ' ')), 'the sentence is not shown');
        for (const s of m.sources) {
          check(text.includes(s.document), `source ${s.document} is not shown`);
          check(text.includes(s.event), `source event ${s.event} is not shown`);
        }
        check(await page.getAttribute(`#ev-${id} .ev-toggle`, 'aria-expanded') === 'true', 'aria-expanded');
        await page.click(`#ev-${id} .ev-toggle`);
        check(!(await detail.isVisible()), 'a second click did not hide the details');
        // a mark on the overview opens its event
        const last = 'M' + merged.events.length;
        await page.click(`svg .mark[data-event="${last}"]`);
        check(await page.locator('#detail-' + last).isVisible(), 'a click on the overview did not open the event');
        await page.screenshot({ path: path.join(OUT, 'report-click.png') });
        check(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    });
    await runTest('report: printed, every event shows its sentence', async () => {
      const { context, page, problems } = await openReport(browser, reportSeeds);
      try {
        await page.emulateMedia({ media: 'print' });
        const hidden = await page.$$eval('.detail', (ds) => ds.filter((d) =>
          getComputedStyle(d).display === 'none').length);
        check(hidden === 0, `${hidden} events hide their sentence in print`);
        const pdf = await page.pdf({ format: 'A4' });
        check(pdf.length > 1000, 'no PDF');
        fs.writeFileSync(path.join(OUT, 'report.pdf'), pdf);
        check(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    });
    await runTest('report: markup in articles stays text', async () => {
      const { context, page, problems } = await openReport(browser, reportHostile);
      try {
        await page.click('li.event[data-value="2022-SU"] .ev-toggle');
        check(!(await page.evaluate(() => window.__pwned)), 'article markup ran as code');
        check(await page.locator('main img, section img, li.event img, table img').count() === 0,
          'article markup became an element');
        const text = await page.locator('li.event[data-value="2022-SU"] .sentence').textContent();
        check(text.includes('<img src=x onerror="window.__pwned=1">') && text.includes('<script>'),
          'the markup is not shown as text: ' + text);
        const body = await page.textContent('body');
        check(body.includes('<b>Evil</b> Corp'), 'the entity name is not shown as text');
        check(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    });
    if (process.env.CX_README_SHOT) {
      await runTest('report: the README screenshot', async () => {
        const { context, page } = await openReport(browser, reportSeeds,
          { viewport: { width: 1000, height: 1000 } });
        try {
          const i = merged.events.findIndex((e) => e.sources.length > 1);
          await page.click(`#ev-M${i + 1} .ev-toggle`);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: process.env.CX_README_SHOT });
        } finally {
          await context.close();
        }
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  const failed = results.filter((r) => r[1]).length;
  console.log(`check-browser: screenshots and outputs in ${OUT}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error('check-browser: ' + (e && e.stack || e));
  console.log(`${results.filter((r) => !r[1]).length} passed, ${results.filter((r) => r[1]).length + 1} failed`);
  process.exit(1);
});
