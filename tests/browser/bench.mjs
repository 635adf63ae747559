// Browser benchmarks of the playground (figures are printed, never asserted):
//  - gzip size of everything the page loads (target: under 1 MB),
//  - time from navigation to the first Python output (target: under 500 ms),
//  - Pystone and thread start + join (benches/) inside Chromium, beside native weft,
//  - schedules explored per second on 02_race, `weft explore` beside the page's Explore.
//
//   node tests/browser/bench.mjs [--weft target/release/weft]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { encodeScript } from '../../web/ui/share.js';
import { root, parseArgs, serve, browser, newPage, ready } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2));
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
// a mark the page had not set yet when the first output came (the runtime can be first)
const ms = (x) => (Number.isNaN(x) ? 'not yet set at first output' : `${x.toFixed(0)} ms`);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

async function linkTo(base, code, query = '') {
  return `${base}${query}#code=${await encodeScript(code)}`;
}

async function pageWeight(ctx, url) {
  const page = await newPage(ctx, []);
  const urls = new Set();
  ctx.on('requestfinished', (r) => urls.add(r.url()));
  await page.goto(url);
  await ready(page);
  await page.waitForTimeout(500); // the REPL's and the pool's workers load too
  // resources seen by the page and by its workers
  for (const u of await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) urls.add(u);
  await page.close();
  let raw = 0;
  let gz = 0;
  const rows = [];
  for (const u of [...urls].filter((u) => u.startsWith(url.split('?')[0].split('#')[0]))) {
    const res = await fetch(u.split('#')[0]);
    if (!res.ok) continue;
    const body = Buffer.from(await res.arrayBuffer());
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += z;
    rows.push([new URL(u).pathname, body.length, z]);
  }
  rows.sort((a, b) => b[2] - a[2]);
  for (const [p, b, z] of rows) console.log(`    ${p.padEnd(44)} ${kib(b).padStart(11)} ${kib(z).padStart(11)} gzip`);
  return { raw, gz, files: rows.length };
}

async function firstOutput(ctx, base, n, query = '?autorun') {
  const url = await linkTo(base, 'print("hello from Weft")\n', query);
  const times = [];
  const editor = [];
  const runtime = [];
  for (let i = 0; i < n; i++) {
    const page = await newPage(ctx, []);
    await page.goto(url);
    await page.waitForFunction(() => window.weftPage && typeof window.weftPage.firstOutputAt === 'number', null, { timeout: 20000 });
    const p = await page.evaluate(() => ({ firstOutputAt: window.weftPage.firstOutputAt, marks: window.weftPage.marks }));
    times.push(p.firstOutputAt);
    editor.push(p.marks.app);
    runtime.push(p.marks.runtimeReady);
    await page.close();
  }
  times.editor = editor;
  times.runtime = runtime;
  return times;
}

async function inBrowser(ctx, base, file) {
  const code = readFileSync(join(root, file), 'utf8');
  const page = await newPage(ctx, []);
  await page.goto(await linkTo(base, code));
  await ready(page);
  // the interpreter's speed: without the Threads panel's trace (on by default; it costs up to
  // x30 on a program that takes a lock a million times)
  await page.uncheck('#trace');
  const before = await page.evaluate(() => window.weftPage.runs);
  await page.click('#run');
  await page.waitForFunction((b) => window.weftPage.runs > b && window.weftPage.state === 'ready', before, { timeout: 300000 });
  const r = await page.evaluate(() => ({ ms: window.weftPage.lastRunMs, status: window.weftPage.lastStatus, out: document.querySelector('#output').innerText }));
  await page.close();
  return r;
}

function nativeMs(file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(opts.weft, [join(root, file)], { encoding: 'utf8', timeout: 300000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status };
}

const srv = await serve(opts.weft);
const plain = await serve(opts.weft, { isolated: false });
const { ctx, close } = await browser();
// --filter S: only the sections whose name (weight, first-output, run-time, explore) has S
const want = (name) => !opts.filter || name.includes(opts.filter);
try {
  if (want('weight')) {
    console.log('page weight (everything the page loads, gzip -9 each):');
    const w = await pageWeight(ctx, srv.url);
    console.log(`  total: ${w.files} files, ${kib(w.raw)}, ${kib(w.gz)} gzipped (target < 1024 KiB)`);
  }
  if (want('first-output')) {
    const first = await firstOutput(ctx, srv.url, 5);
    console.log(`time from navigation to the first Python output (real threads): first ${first[0].toFixed(0)} ms, ` +
      `median of ${first.length} ${median(first).toFixed(0)} ms (target < 500 ms)`);
    console.log(`  median: editor usable ${ms(median(first.editor))}, runtime ready ${ms(median(first.runtime))}`);
    const firstGreen = await firstOutput(ctx, plain.url, 3, '?coi=0&autorun').catch((e) => (console.log(`  green: ${e.message}`), null));
    if (firstGreen) console.log(`  green threads (not isolated): median ${median(firstGreen).toFixed(0)} ms`);
  }
  if (want('run-time')) {
    console.log('run time, wall clock from Run to the end (compile included), beside native weft:');
    for (const file of ['benches/pystone.py', 'benches/threads_start.py', 'benches/threads_lock.py']) {
      const nat = nativeMs(file);
      const web = await inBrowser(ctx, srv.url, file);
      const ratio = web.ms / nat.ms;
      console.log(`  ${file.padEnd(28)} native ${nat.ms.toFixed(0).padStart(6)} ms   chromium (workers) ${web.ms.toFixed(0).padStart(6)} ms   ` +
        `x${ratio.toFixed(2)}${web.status === 0 && nat.status === 0 ? '' : `  (status native ${nat.status}, page ${web.status})`}`);
    }
  }

  // schedules explored per second on the race example: `weft explore` beside the page's
  // Explore (the same engine, weft_vm::explore, in a worker), every run to the end
  if (want('explore')) {
    const RUNS = 300;
    const race = join(root, 'web/examples/02_race.py');
    const t0 = process.hrtime.bigint();
    const ex = spawnSync(opts.weft, ['explore', '-q', '--keep-going', '--runs', String(RUNS), race], { encoding: 'utf8', timeout: 300000 });
    const natS = Number(process.hrtime.bigint() - t0) / 1e9;
    const m = /(\d+) schedules tried in ([\d.]+)s/.exec(ex.stderr);
    const natRate = m ? Number(m[1]) / Number(m[2]) : NaN;
    const page = await newPage(ctx, []);
    await page.goto(srv.url);
    await ready(page);
    const web = await page.evaluate(async ([code, runs]) => {
      const r = await window.weftPage.weft.explore(code, { runs, keepGoing: true, seed: 0 });
      return { tried: r.tried, failures: r.failures, ms: r.ms };
    }, [readFileSync(race, 'utf8'), RUNS]);
    await page.close();
    const webRate = (web.tried / web.ms) * 1000;
    console.log(`explore web/examples/02_race.py, ${RUNS} schedules (random + pct, every run to the end):`);
    console.log(`  native ${natRate.toFixed(0)}/s (process ${natS.toFixed(2)} s)   chromium ${webRate.toFixed(0)}/s `
      + `(${web.tried} in ${(web.ms / 1000).toFixed(2)} s, ${web.failures} failing)   native/chromium x${(natRate / webRate).toFixed(2)}`);
  }
} finally {
  await close();
  srv.close();
  plain.close();
}
