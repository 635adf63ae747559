// Browser tests of the Threads panel (web/ui/viz): lanes for the race example's threads, the
// deadlock cycle drawn in red and named, clicking the timeline, the GIL switch interval, and
// a 50-thread run with more than 10 000 events (its frame times are printed, not asserted).
// Registered by run.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runAndWait } from './lib.mjs';

/** h: { openPage(url), shot(page, name), url() (the isolated server), link(code, extra) } */
export function register(test, h) {
  // run() may resolve before the last scheduling events of other workers reached the page
  // (the runtime waits only for their output): wait until no more come in
  const run = async (page, timeout) => {
    const r = await runAndWait(page, timeout);
    await page.waitForFunction(
      () => {
        const v = window.weftPage.threads;
        const n = v.model.events + v.queue.length;
        const same = n === window.vizSeen && n > 0;
        window.vizSeen = n;
        return same;
      },
      null,
      { polling: 300, timeout: 10000 },
    );
    return r;
  };

  const model = (page) =>
    page.evaluate(() => {
      const m = window.weftPage.threads.model;
      return {
        events: m.events,
        deadlock: m.deadlock,
        threads: m.order.map((th) => ({ id: th.id, label: m.label(th), state: th.state, segs: th.seg.length })),
        locks: [...m.locks.values()].map((l) => ({ id: l.id, acquired: l.acquired, owner: l.owner })),
      };
    });

  test('threads: the race example shows a lane per thread', async () => {
    const page = await h.openPage(`${h.url()}?example=02_race`);
    const r = await run(page);
    assert.equal(r.status, 0);
    const m = await model(page);
    await h.shot(page, 'threads-race');
    // main and the four workers, each with a lane that changed state, all finished
    assert.equal(m.threads.length, 5, JSON.stringify(m.threads));
    assert.equal(m.threads[0].label, 'main');
    for (const th of m.threads.slice(1)) {
      assert.ok(th.segs >= 3, `lane of thread ${th.id} has ${th.segs} segments`);
      assert.equal(th.state, 4, `thread ${th.id} finished`);
    }
    // the lanes are drawn: the canvas is tall enough for 5 lanes and holds the state colours
    const drawn = await page.evaluate(() => {
      const c = document.querySelector('.viz-timeline canvas');
      const g = c.getContext('2d');
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4 * 7) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return { h: c.clientHeight, running: seen.has('27,138,75'), waiting: seen.has('242,193,78') };
    });
    assert.ok(drawn.h >= 18 + 5 * 20, `canvas ${drawn.h} px high`);
    // the workers take turns: running, and waiting for the GIL after time.sleep(0)
    assert.ok(drawn.running && drawn.waiting, `colours on the canvas: ${JSON.stringify(drawn)}`);
    assert.match(await page.locator('.viz-summary').innerText(), /^5 threads · \d+ events/);
    await page.close();
    return `${m.events} events, ${m.threads.map((t) => t.segs).join('/')} segments per lane`;
  });

  test('threads: the deadlock example draws the cycle in red and names it', async () => {
    const page = await h.openPage(`${h.url()}?example=04_deadlock`);
    const r = await run(page);
    assert.equal(r.status, 3);
    const words = await page.locator('.viz-cycle.deadlock').innerText();
    await h.shot(page, 'threads-deadlock');
    assert.match(
      words,
      /^Deadlock: (A|B) holds lock #(\d+) and waits for lock #(\d+), held by (A|B), which waits for lock #\2\.$/,
    );
    const [, first, held, wanted, second] = /(A|B) holds lock #(\d+) and waits for lock #(\d+), held by (A|B)/.exec(words);
    assert.notEqual(first, second);
    assert.notEqual(held, wanted);
    const svg = await page.evaluate(() => {
      const red = (e) => getComputedStyle(e).stroke === 'rgb(198, 40, 57)';
      return {
        cycleEdges: [...document.querySelectorAll('.viz-svg line.cycle')].filter(red).length,
        cycleNodes: [...document.querySelectorAll('.viz-svg .node.cycle')].map((n) => n.textContent).sort(),
      };
    });
    // A → lock → B → lock → A: four red arrows, and the two threads and two locks in red
    assert.equal(svg.cycleEdges, 4, JSON.stringify(svg));
    assert.deepEqual(svg.cycleNodes, ['A', 'B', `lock #${Math.min(held, wanted)}`, `lock #${Math.max(held, wanted)}`].sort());
    // the locks table: both locks held, each with a waiter
    const rows = await page.$$eval('.viz-locks tr.contended', (trs) => trs.map((tr) => tr.innerText));
    assert.ok(rows.length >= 2, rows.join('\n'));
    await page.close();
    return words;
  });

  test('threads: clicking the timeline shows each thread’s line', async () => {
    const page = await h.openPage(`${h.url()}?example=04_deadlock`);
    await run(page);
    const box = await page.locator('.viz-timeline canvas').boundingBox();
    // just before the deadlock was found: A and B wait for their second lock
    const x = await page.evaluate(() => {
      const v = window.weftPage.threads;
      return v.xAt(v.model.deadlockAt) - 3;
    });
    await page.mouse.click(box.x + x, box.y + 30);
    const at = await page.$$eval('.viz-moment .viz-at', (els) => els.map((e) => ({ text: e.textContent, line: Number(e.dataset.line) })));
    const code = readFileSync(join(root, 'web/examples/04_deadlock.py'), 'utf8').split('\n');
    const marked = await page.$$eval('.cm-viz-line', (els) => els.map((e) => e.textContent.trim()));
    await h.shot(page, 'threads-moment');
    const a = at.find((x) => x.text.startsWith('A '));
    const b = at.find((x) => x.text.startsWith('B '));
    assert.ok(a && b, JSON.stringify(at));
    // each waits at its inner `with` (the line taking the second lock)
    assert.equal(code[a.line - 1].trim(), 'with lock_b:', `A at line ${a.line}`);
    assert.equal(code[b.line - 1].trim(), 'with lock_a:', `B at line ${b.line}`);
    assert.ok(marked.includes('with lock_b:') && marked.includes('with lock_a:'), `highlighted: ${JSON.stringify(marked)}`);
    // the hover tip names the state and line
    await page.mouse.move(box.x + x, box.y + 18 + 20 * 1 + 10);
    const tip = await page.locator('.viz-tip').innerText();
    assert.match(tip, /line \d+/);
    await page.close();
    return at.map((x) => x.text).join(', ');
  });

  test('threads: the GIL switch interval is set before the script, lines unchanged', async () => {
    const code = 'import sys\nprint(sys.getswitchinterval())\n1/0\n';
    const page = await h.openPage(await h.link(code));
    await page.selectOption('#switch-interval', '0.0001');
    const r = await run(page);
    assert.equal(r.status, 1);
    const out = r.lines.filter((l) => !l.err).map((l) => l.text);
    assert.equal(Number(out[0]), 0.0001);
    // the traceback still names the script's own line 3
    const err = r.lines.filter((l) => l.err).map((l) => l.text).join('\n');
    assert.match(err, /line 3/);
    await page.close();
    return `getswitchinterval() = ${out[0]}`;
  });

  test('threads: 50 threads and over 10 000 events stay responsive', async () => {
    const code = `import threading, time
lock = threading.Lock()
total = 0

def work(n):
    global total
    for i in range(60):
        with lock:
            total += 1
        time.sleep(0)

ts = [threading.Thread(target=work, args=(k,), name="w%d" % k) for k in range(49)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("total", total)
`;
    const page = await h.openPage(await h.link(code));
    // the page's frames while the program runs: the longest gap between two frames
    const watchFrames = () => page.evaluate(() => {
      const f = (window.vizFrames = { max: 0, n: 0, last: performance.now(), on: true });
      const tick = (now) => {
        f.max = Math.max(f.max, now - f.last);
        f.n++;
        f.last = now;
        if (f.on) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const frameGaps = () => page.evaluate(() => {
      window.vizFrames.on = false;
      return window.vizFrames;
    });
    // for comparison: the same run without tracing
    await page.uncheck('#trace');
    await watchFrames();
    const plain = await runAndWait(page, 120000);
    const plainFrames = await frameGaps();
    assert.equal(plain.lines[0].text, 'total 2940');
    await page.check('#trace');
    await watchFrames();
    const r = await run(page, 120000);
    const frames = await frameGaps();
    assert.equal(r.status, 0);
    assert.equal(r.lines[0].text, 'total 2940');
    const m = await model(page);
    assert.equal(m.threads.length, 50, `${m.events} events; lanes: ${m.threads.map((t) => t.id).join(",")}`);
    assert.ok(m.events >= 10000, `${m.events} events`);
    const stats = await page.evaluate(() => window.weftPage.threads.stats);
    const runMs = await page.evaluate(() => window.weftPage.lastRunMs);
    // a full redraw of the finished run, timed
    const redraw = await page.evaluate(() => {
      const v = window.weftPage.threads;
      const time = (f) => {
        const t0 = performance.now();
        for (let i = 0; i < 10; i++) f();
        return (performance.now() - t0) / 10;
      };
      return { all: time(() => v.draw(true)), timeline: time(() => v.drawTimeline()), locks: time(() => v.drawLocks()), graph: time(() => v.drawGraph()) };
    });
    // clicking a moment with 50 lanes
    const box = await page.locator('.viz-timeline canvas').boundingBox();
    const t0 = Date.now();
    await page.mouse.click(box.x + box.width / 2, box.y + 40);
    const clickMs = Date.now() - t0;
    // every thread that had started by then is listed
    const alive = await page.evaluate(() => {
      const v = window.weftPage.threads;
      return v.model.order.filter((th) => th.seg[0].t <= v.moment).length;
    });
    assert.ok(alive > 1);
    assert.equal(await page.locator('.viz-moment .viz-at').count(), alive);
    await h.shot(page, 'threads-50');
    await page.close();
    const ms = (x) => x.toFixed(1);
    return (
      `${m.events} events, run ${ms(runMs)} ms; viz frames: ${stats.frames}, mean ${ms(stats.renderMs / stats.frames)} ms, ` +
      `max ${ms(stats.maxRenderMs)} ms, folding events ${ms(stats.addMs)} ms in all, at most ${stats.maxBatch} events a frame; page frames: ${frames.n}, longest gap ${ms(frames.max)} ms ` +
      `(untraced run: ${plainFrames.n} frames, longest gap ${ms(plainFrames.max)} ms); ` +
      `full redraw ${ms(redraw.all)} ms (timeline ${ms(redraw.timeline)}, locks ${ms(redraw.locks)}, graph ${ms(redraw.graph)}); click ${clickMs} ms`
    );
  });
}
