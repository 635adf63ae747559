// Browser tests of the playground: headless Chromium clicks through what a person does,
// against the real wasm runtime served by `weft serve`. Screenshots go to
// target/screenshots/ (one per test, also on failure).
//
//   node tests/browser/run.mjs [--weft target/release/weft] [--screenshots DIR] [--filter S]
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeScript } from '../../web/ui/share.js';
import { register as registerViz } from './viz.mjs';
import { register as registerTeach } from './teach.mjs';
import { register as registerStep } from './step.mjs';
import { register as registerBoard } from './board.mjs';
import { register as registerFirmware } from './firmware.mjs';
import { root, parseArgs, serve, browser, newPage, ready, runAndWait, result, native, screenshotDir } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2));
const shots = screenshotDir(opts.screenshots);
const examplesDir = join(root, 'web/examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.py')).sort().map((f) => f.replace(/\.py$/, ''));

const sorted = (text) => text.split('\n').filter((l) => l !== '').sort();
const stdoutOf = (r) => r.lines.filter((l) => !l.err).map((l) => l.text);
const stderrOf = (r) => r.lines.filter((l) => l.err).map((l) => l.text).join('\n');
const statusIs = (r, want) => assert.equal(r.status, want, `status ${r.status}, not ${want}; stderr:\n${stderrOf(r)}`);

// What each example must print in the page. Where the threads' interleaving decides the
// order, the lines are compared as a sorted list against native weft's output.
const CHECKS = {
  '01_start_join'(r, nat) {
    statusIs(r, 0);
    assert.deepEqual(stdoutOf(r).sort(), sorted(nat.stdout));
    // each worker's lines are marked with one thread (number and Python name) of its own
    const byWorker = new Map();
    for (const l of r.lines) {
      const m = /^worker (\d):/.exec(l.text);
      if (!m) continue;
      byWorker.set(m[1], (byWorker.get(m[1]) || new Set()).add(`${l.thread} ${l.who}`));
      assert.equal(l.who, `worker-${m[1]}`, 'marked with the name given to threading.Thread');
    }
    const marks = [...byWorker.values()].map((s) => [...s]);
    assert.ok(marks.every((s) => s.length === 1), `one mark per worker: ${JSON.stringify(marks)}`);
    assert.equal(new Set(marks.flat()).size, 3, 'three worker threads');
    for (const l of r.lines.filter((l) => l.text.startsWith('main:'))) {
      assert.equal(l.thread, 1);
      assert.equal(l.who, 'main');
    }
  },
  '02_race'(r) {
    statusIs(r, 0);
    const m = /^expected 800, got (\d+)$/.exec(stdoutOf(r)[0]);
    assert.ok(m, stdoutOf(r)[0]);
    assert.ok(Number(m[1]) <= 800 && Number(m[1]) > 0);
  },
  '03_lock'(r, nat) {
    statusIs(r, 0);
    assert.deepEqual(stdoutOf(r), nat.stdout.trimEnd().split('\n'));
    assert.equal(stdoutOf(r)[0], 'expected 800, got 800');
  },
  '04_deadlock'(r, nat) {
    statusIs(r, 3);
    assert.equal(nat.status, 3);
    const err = stderrOf(r);
    assert.match(err, /Deadlock/);
    // the wait-for cycle, naming both threads (A and B are their Python names)
    const cycle = /^\s*cycle: (.*)$/m.exec(err);
    assert.ok(cycle, `no cycle line in:\n${err}`);
    assert.match(cycle[1], /^thread \d+\b.* -> thread \d+\b.* -> thread \d+/);
    assert.match(cycle[1], /\(A\)/);
    assert.match(cycle[1], /\(B\)/);
    assert.deepEqual(stdoutOf(r).sort(), sorted(nat.stdout));
    assert.match(r.ending, /deadlock/);
  },
  '05_producer_consumer'(r) {
    statusIs(r, 0);
    const out = stdoutOf(r);
    assert.equal(out.filter((l) => l.startsWith('produced ')).length, 8);
    assert.deepEqual(
      out.filter((l) => / consumed /.test(l)).map((l) => Number(l.split(' ').pop())).sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(out[out.length - 1], 'sum of squares: 140');
  },
  '06_semaphore_pool'(r, nat) {
    statusIs(r, 0);
    assert.deepEqual(stdoutOf(r).sort(), sorted(nat.stdout));
    assert.equal(stdoutOf(r).pop(), 'most jobs working at once: 2');
  },
  '07_event'(r, nat) {
    statusIs(r, 0);
    assert.deepEqual(stdoutOf(r).sort(), sorted(nat.stdout));
    const out = stdoutOf(r);
    // nobody gets the signal before it is sent
    assert.ok(out.findIndex((l) => l.endsWith('got it')) > out.indexOf('main: sending the signal'));
  },
  '08_gil'(r) {
    statusIs(r, 0);
    assert.match(stdoutOf(r).join('\n'), /one thread, 2 jobs: +\d+ ms\ntwo threads, 1 each: \d+ ms\nspeed-up: [\d.]+/);
  },
};

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

let srv; // cross-origin isolated server
let plain; // the same files without COOP/COEP
let ctx;
const problems = [];

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

async function openPage(url) {
  const page = await newPage(ctx, problems);
  await page.goto(url);
  await ready(page);
  return page;
}

async function linkTo(base, code, extra = '') {
  return `${base}${extra}#code=${await encodeScript(code)}`;
}

test('load: real threads, editor, REPL banner', async () => {
  const t0 = Date.now();
  const page = await openPage(srv.url);
  const loadMs = Date.now() - t0;
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.equal(await page.evaluate(() => window.weftPage.mode), 'workers');
  assert.match(await page.locator('#mode').innerText(), /real threads/);
  assert.match(await page.locator('.cm-content').innerText(), /import threading/);
  await page.waitForFunction(() => window.weftPage.terminalText().includes('>>>'));
  await shot(page, '01-load');
  await page.close();
  return `ready ${loadMs} ms after navigation`;
});

for (const name of examples) {
  test(`example ${name}`, async () => {
    const nat = native(opts.weft, join(examplesDir, `${name}.py`));
    const page = await openPage(srv.url);
    await page.selectOption('#examples', name);
    const r = await runAndWait(page);
    await shot(page, `example-${name}`);
    await page.close();
    const check = CHECKS[name];
    assert.ok(check, `no check for example ${name}: add one to tests/browser/run.mjs`);
    check(r, nat);
    return `status ${r.status}, ${r.lines.length} lines`;
  });
}

test('an uncaught exception shows the traceback', async () => {
  const code = 'def f(x):\n    return 1 / x\n\nprint("before")\nf(0)\n';
  const page = await openPage(await linkTo(srv.url, code));
  const r = await runAndWait(page);
  await shot(page, 'traceback');
  await page.close();
  assert.equal(r.status, 1);
  assert.deepEqual(stdoutOf(r), ['before']);
  const err = stderrOf(r);
  assert.match(err, /^Traceback \(most recent call last\):/);
  assert.match(err, /line 5/);
  assert.match(err, /ZeroDivisionError/);
  assert.match(r.ending, /uncaught exception/);
});

const SPIN = `import threading

def spin(name):
    i = 0
    while True:
        i += 1
        if i % 20000 == 0:
            print(name, i)

for n in range(2):
    threading.Thread(target=spin, args=(f"spinner-{n}",)).start()
spin("main")
`;

/** Run SPIN, wait until all three threads print, click Stop: { page, r, stopMs }. */
async function spinAndStop() {
  const page = await openPage(await linkTo(srv.url, SPIN));
  await page.click('#run');
  await page.waitForFunction(
    () => new Set([...document.querySelectorAll('#output .ln')].map((l) => l.dataset.thread)).size >= 3,
    null,
    { timeout: 15000 },
  );
  const t0 = Date.now();
  await page.click('#stop');
  await page.waitForFunction(() => window.weftPage.state === 'ready', null, { timeout: 5000 });
  return { page, stopMs: Date.now() - t0, r: await result(page) };
}

test('Stop ends an infinite loop in three threads; Run works again', async () => {
  const { page, r, stopMs } = await spinAndStop();
  await shot(page, 'stop-1-stopped');
  assert.equal(r.status, 130);
  assert.match(r.ending, /stopped/);
  // nothing prints after the stop
  const n = r.lines.length;
  await page.waitForTimeout(300);
  assert.equal((await result(page)).lines.length, n, 'output after Stop');
  // the next run works
  await page.selectOption('#examples', '01_start_join');
  const again = await runAndWait(page);
  await shot(page, 'stop-2-run-again');
  await page.close();
  assert.equal(again.status, 0);
  assert.match(again.lines.map((l) => l.text).join('\n'), /main: all threads joined/);
  return `stopped ${stopMs} ms after the click, ${n} lines from 3 threads`;
});

test('Stop is not reported as a deadlock', async () => {
  const { page, r } = await spinAndStop();
  await page.close();
  assert.equal(r.status, 130);
  assert.doesNotMatch(stderrOf(r), /Deadlock/, 'threads ended by Stop are not in a deadlock');
});

test('Stop ends threads blocked on a lock and sleeping', async () => {
  const code = `import threading, time
lock = threading.Lock()
lock.acquire()
def wait_lock():
    print("waiting for the lock")
    lock.acquire()
def sleeper():
    print("sleeping")
    time.sleep(1000)
threading.Thread(target=wait_lock).start()
threading.Thread(target=sleeper).start()
time.sleep(0.05)
print("main waits too")
lock.acquire()
`;
  const page = await openPage(await linkTo(srv.url, code));
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#output').innerText.includes('main waits too'), null, { timeout: 15000 });
  await page.click('#stop');
  await page.waitForFunction(() => window.weftPage.state === 'ready', null, { timeout: 5000 });
  const r = await result(page);
  await page.close();
  assert.equal(r.status, 130);
});

test('REPL: expressions, a block, history, Ctrl-C', async () => {
  const page = await openPage(srv.url);
  const term = () => page.evaluate(() => window.weftPage.terminalText());
  const waitFor = (text, count = 1) =>
    page.waitForFunction(
      ([t, c]) => window.weftPage.terminalText().split(t).length - 1 >= c,
      [text, count],
      { timeout: 10000 },
    );
  await page.click('#terminal');
  await page.keyboard.type('x = 6 * 7\n');
  await page.keyboard.type('x + 1\n');
  await waitFor('43');
  await page.keyboard.type('for i in range(3):\n');
  await waitFor('...');
  await page.keyboard.type('print(i * i, "sq")\n\n');
  await waitFor('4 sq');
  // history: ↑ brings back the last line that was typed at a '>>>' or '...' prompt
  // Tab completes a name
  await page.keyboard.type('pri');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => window.weftPage.terminalText().trimEnd().endsWith('>>> print'), null, { timeout: 5000 });
  await page.keyboard.type('(x * 2)\n');
  await waitFor('84');
  await page.keyboard.type('print("again", x)\n');
  await waitFor('again 42');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await waitFor('again 42', 2);
  // editing inside a line longer than the terminal is wide
  await page.keyboard.type(`s = "${'abcdefghij'.repeat(14)}"`);
  for (let i = 0; i < 70; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('ZZ');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('len(s), s.index("ZZ")\n');
  await waitFor('(142, 71)');
  // a thread started in the REPL prints above the prompt after the statement has ended
  await page.keyboard.type('import threading, time\n');
  await page.keyboard.type('threading.Thread(target=lambda: (time.sleep(0.2), print("from the background"))).start()\n');
  await waitFor('from the background');
  assert.doesNotMatch(await page.locator('#output').innerText(), /from the background/);
  // Ctrl-C interrupts a running statement, and the REPL goes on
  await page.keyboard.type('while True: pass\n\n');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+C');
  await waitFor('KeyboardInterrupt');
  await page.keyboard.type('print("still here")\n');
  await waitFor('still here');
  await shot(page, 'repl');
  const text = await term();
  await page.close();
  assert.match(text, /0 sq\s+1 sq\s+4 sq/);
  assert.match(text, />>> for i in range\(3\):\s+\.\.\. /);
});

test('the script is kept across reloads and shared as a link', async () => {
  const page = await openPage(srv.url);
  await page.selectOption('#examples', '03_lock');
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint("edited ✓ ünï")');
  await page.waitForTimeout(400); // saved after 250 ms without typing
  await page.reload();
  await ready(page);
  const kept = await page.locator('.cm-content').innerText();
  assert.match(kept, /print\("edited ✓ ünï"\)/);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#code='));
  const link = await page.evaluate(() => location.href);
  await page.close();
  // a fresh profile would be the real test; a new tab after clearing storage is the same
  const other = await newPage(ctx, problems);
  await other.goto(srv.url);
  await other.evaluate(() => localStorage.clear());
  await other.goto('about:blank'); // else going to the link only changes the fragment
  await other.goto(link);
  await ready(other);
  const shared = await other.locator('.cm-content').innerText();
  assert.match(shared, /with lock:/);
  assert.match(shared, /print\("edited ✓ ünï"\)/);
  assert.equal(await other.evaluate(() => location.hash), '', 'the fragment is dropped once read');
  const r = await runAndWait(other);
  assert.equal(r.lines.map((l) => l.text).pop(), 'edited ✓ ünï');
  // a link pasted into an open playground (only the fragment changes)
  await other.goto(await linkTo(srv.url, 'print("pasted link")\n'));
  await other.waitForFunction(() => document.querySelector('.cm-content').innerText.includes('pasted link'));
  await other.close();
  return `link ${link.length} characters`;
});

test('not cross-origin isolated: green mode, and the page says so', async () => {
  const code = 'import sys\nprint("green", sum(range(10)))\n';
  const page = await openPage(await linkTo(plain.url, code, '?coi=0'));
  assert.equal(await page.evaluate(() => crossOriginIsolated), false);
  assert.equal(await page.evaluate(() => window.weftPage.mode), 'green');
  assert.match(await page.locator('#mode').innerText(), /green threads/);
  const r = await runAndWait(page);
  await shot(page, 'green-1');
  await page.close();
  assert.equal(r.status, 0);
  assert.deepEqual(stdoutOf(r), ['green 45']);
});

test('not cross-origin isolated: threads run as green threads', async () => {
  const page = await openPage(`${plain.url}?coi=0&example=01_start_join`);
  assert.equal(await page.evaluate(() => window.weftPage.mode), 'green');
  const r = await runAndWait(page);
  await shot(page, 'green-2-threads');
  await page.close();
  const nat = native(opts.weft, join(examplesDir, '01_start_join.py'));
  CHECKS['01_start_join'](r, nat);
});

test('the service worker isolates a page served without the headers', async () => {
  const page = await newPage(ctx, problems);
  await page.goto(`${plain.url}?example=07_event`);
  // first visit: the worker registers and reloads the page once
  await page.waitForFunction(() => window.crossOriginIsolated === true, null, { timeout: 15000 });
  await ready(page);
  assert.equal(await page.evaluate(() => window.weftPage.mode), 'workers');
  const r = await runAndWait(page);
  await shot(page, 'service-worker');
  await page.close();
  assert.equal(r.status, 0);
});

registerViz(test, { openPage, shot, url: () => srv.url, link: (code, extra) => linkTo(srv.url, code, extra) });
registerTeach(test, { openPage, shot, url: () => srv.url, plainUrl: () => plain.url });
registerStep(test, { openPage, shot, url: () => srv.url, plainUrl: () => plain.url, link: (code) => linkTo(srv.url, code) });
registerBoard(test, {
  newPage: () => newPage(ctx, problems),
  shot,
  weft: opts.weft,
  url: () => srv.url,
  plainUrl: () => `${plain.url}?coi=0`,
  link: (code, base = srv.url) => linkTo(base, code),
});
registerFirmware(test, { openPage, shot, url: () => srv.url });

async function main() {
  srv = await serve(opts.weft);
  plain = await serve(opts.weft, { isolated: false });
  const b = await browser({ headed: opts.headed });
  ctx = b.ctx;
  let failed = 0;
  const chosen = tests.filter((t) => !opts.filter || t.name.includes(opts.filter));
  for (const t of chosen) {
    const t0 = Date.now();
    const before = problems.length;
    try {
      const note = await t.fn();
      const extra = problems.slice(before);
      if (extra.length) throw new Error(`errors in the page:\n    ${extra.join('\n    ')}`);
      console.log(`ok    ${t.name} (${Date.now() - t0} ms)${note ? `: ${note}` : ''}`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${t.name} (${Date.now() - t0} ms)\n      ${String(e.stack || e).split('\n').slice(0, 6).join('\n      ')}`);
      for (const p of ctx.pages()) {
        await p.screenshot({ path: join(shots, `FAILED-${t.name.replace(/\W+/g, '_')}.png`) }).catch(() => {});
        await p.close().catch(() => {});
      }
    }
  }
  await b.close();
  srv.close();
  plain.close();
  console.log(`${chosen.length - failed} of ${chosen.length} browser tests passed; screenshots in ${shots}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  srv?.close();
  plain?.close();
  process.exit(1);
});
