// Browser tests of step mode (web/ui/step): the learner plays the scheduler into the
// deadlock of 04_deadlock and into a lost update, the editor marks each thread's line in
// its colour and the thread list says each one's state at every decision, and the stepped
// run's recorded schedule replays to the same output in deterministic mode. Registered by
// run.mjs.
import assert from 'node:assert/strict';
import { runAndWait, result } from './lib.mjs';

/** h: { openPage(url), shot(page, name), url(), plainUrl(), link(code) } */
export function register(test, h) {
  // the next decision the page waits on (after `after` decisions were answered)
  async function nextView(page, answered) {
    await page.waitForFunction((n) => {
      const s = window.weftPage.step;
      return (s.waiting && s.steps.length === n) || (!s.active && s.ended);
    }, answered, { timeout: 20000 });
    return page.evaluate(() => (window.weftPage.step.waiting ? window.weftPage.step.view : null));
  }

  // what the page shows for the decision: each editor line's marks and each row's state
  async function shown(page) {
    return page.evaluate(() => {
      const lines = [...document.querySelectorAll('.cm-content .cm-line')];
      const marks = {};
      lines.forEach((l, i) => {
        if (l.classList.contains('cm-step-line')) marks[i + 1] = l.dataset.stepThreads.split(' ').map(Number);
      });
      const rows = {};
      for (const r of document.querySelectorAll('.step-thread')) {
        rows[r.dataset.thread] = {
          line: Number(r.dataset.line), state: r.querySelector('.step-state').textContent,
          canStep: !r.querySelector('.step-one').disabled,
          swatch: getComputedStyle(r.querySelector('.step-swatch')).backgroundColor,
        };
      }
      const chips = [...document.querySelectorAll('.cm-step-chip')].map((c) => Number(c.dataset.thread));
      return { marks, rows, chips };
    });
  }

  // every live thread's line is marked in the editor, its row agrees with the view
  function checkShown(view, s) {
    for (const t of view.threads) {
      const row = s.rows[t.id];
      assert.ok(row, `a row for thread ${t.id}`);
      assert.equal(row.line, t.line);
      assert.equal(row.canStep, view.ready.includes(t.id), `thread ${t.id} steppable iff ready`);
      if (t.state !== 'done' && t.line > 0) {
        assert.ok((s.marks[t.line] || []).includes(t.id), `line ${t.line} marked for thread ${t.id}: ${JSON.stringify(s.marks)}`);
        assert.ok(s.chips.includes(t.id), `a chip for thread ${t.id}`);
      }
    }
    const colours = new Set(Object.values(s.rows).map((r) => r.swatch));
    assert.equal(colours.size, Object.keys(s.rows).length, 'a colour per thread');
  }

  const click = (page, id, what = 'step-one') => page.click(`.step-thread[data-thread="${id}"] .${what}`);

  test('step: play the scheduler into the deadlock of 04_deadlock, then replay it', async () => {
    const page = await h.openPage(`${h.url()}?example=04_deadlock`);
    await page.click('#step-start');
    let turn = 2;
    let n = 0;
    let last = null;
    let shotTaken = false;
    for (;;) {
      const view = await nextView(page, n);
      if (!view) break;
      checkShown(view, await shown(page));
      last = view;
      const main = view.threads.find((t) => t.id === 1);
      // main until it has started both threads (line 36: a.join()); then A and B in turn
      let pick;
      if (view.ready.includes(1) && (main.line <= 35 || view.ready.length === 1)) pick = 1;
      else {
        pick = view.ready.includes(turn) ? turn : view.ready.find((t) => t !== 1) ?? view.ready[0];
        turn = pick === 2 ? 3 : 2;
      }
      const both = view.threads.filter((t) => t.state === 'lock' && t.lockName).length === 2;
      if (both && !shotTaken) {
        await h.shot(page, 'step-1-deadlock-reached');
        shotTaken = true;
        const s = await shown(page);
        assert.match(s.rows[2].state, /^blocked on lock_b \(held by B\)$/);
        assert.match(s.rows[3].state, /^blocked on lock_a \(held by A\)$/);
        assert.deepEqual(s.marks[20], [2], 'A waits at line 20 (with lock_b)');
        assert.deepEqual(s.marks[29], [3], 'B waits at line 29 (with lock_a)');
      }
      await click(page, pick);
      n++;
    }
    assert.ok(shotTaken, `both threads were seen blocked on the other's lock (last view ${JSON.stringify(last)})`);
    await page.waitForFunction(() => window.weftPage.state === 'ready');
    const stepped = await result(page);
    assert.equal(stepped.status, 3, 'a deadlock');
    const text = (r) => r.lines.map((l) => `${l.who}|${l.text}`).join('\n');
    assert.match(text(stepped), /cycle: thread/);
    const run = await page.evaluate(() => window.weftPage.lastRun);
    assert.match(run.replay, /^replay:1\.L/);
    assert.ok(await page.evaluate(() => document.querySelectorAll('.cm-step-line').length === 0), 'marks cleared at the end');
    await h.shot(page, 'step-2-deadlock-ended');
    // deterministic mode now holds the recording: Run replays the same run
    assert.equal(await page.inputValue('#threads-mode'), 'deterministic');
    assert.equal(await page.inputValue('#seed'), run.replay);
    const again = await runAndWait(page);
    assert.equal(again.status, 3);
    assert.equal(text(again), text(stepped), 'the replay prints the same');
    await page.close();
    return `${n} decisions played; replay ${run.replay.length} chars`;
  });

  test('step: a lost update by hand (both threads read before either writes), then Resume', async () => {
    const code = `import threading
counter = 0
def add():
    global counter
    v = counter
    counter = v + 1
ts = [threading.Thread(target=add, name=n) for n in "PQ"]
for t in ts: t.start()
for t in ts: t.join()
print("counter", counter)
`;
    const page = await h.openPage(await h.link(code));
    await page.click('#step-start');
    const plan = [2, 3, 2, 3]; // P reads, Q reads, P writes, Q writes
    const seen = [];
    let n = 0;
    for (;;) {
      const view = await nextView(page, n);
      if (!view) break;
      checkShown(view, await shown(page));
      seen.push(view.threads.map((t) => `${t.id}:${t.line}:${t.state}`).join(' '));
      const fresh = view.ready.find((t) => t !== 1 && view.threads.find((x) => x.id === t).line === 0);
      if (fresh) await click(page, fresh); // a new thread: to its first line
      else if (view.ready.includes(1)) await click(page, 1, 'step-run'); // main: until it blocks
      else if (plan.length) await click(page, plan.shift());
      else await page.click('#step-resume');
      n++;
    }
    await page.waitForFunction(() => window.weftPage.state === 'ready');
    const r = await result(page);
    assert.equal(r.status, 0);
    assert.deepEqual(r.lines.map((l) => l.text), ['counter 1'], 'one update lost');
    assert.ok(seen.some((s) => /2:6:ready 3:6:ready/.test(s)), `both read, both at the write line: ${seen.join('\n')}`);
    const replay = await page.evaluate(() => window.weftPage.lastRun.replay);
    const again = await runAndWait(page);
    assert.deepEqual(again.lines.map((l) => l.text), ['counter 1'], `replay ${replay} loses it too`);
    await h.shot(page, 'step-3-lost-update');
    await page.close();
    return `${n} decisions`;
  });

  test('step: 02_race — marks at each decision, then Resume runs to the end and replays', async () => {
    const page = await h.openPage(`${h.url()}?example=02_race`);
    await page.click('#step-start');
    let n = 0;
    let atSleep = false;
    for (; n < 60; n++) {
      const view = await nextView(page, n);
      assert.ok(view, 'still stepping');
      checkShown(view, await shown(page));
      if (view.threads.some((t) => t.id > 1 && t.line === 15)) atSleep = true;
      const ready = view.ready.filter((t) => t !== 1);
      if (view.ready.includes(1) && !ready.length) await click(page, 1);
      else await click(page, ready[n % ready.length] ?? view.ready[0]);
    }
    assert.ok(atSleep, 'a worker stood at time.sleep(0) (line 15)');
    await nextView(page, n);
    await h.shot(page, 'step-4-race-stepping');
    await page.click('#step-resume');
    await page.waitForFunction(() => window.weftPage.state === 'ready', null, { timeout: 30000 });
    const r = await result(page);
    assert.equal(r.status, 0);
    assert.match(r.lines[0].text, /^expected 800, got \d+$/);
    const again = await runAndWait(page);
    assert.deepEqual(again.lines.map((l) => l.text), r.lines.map((l) => l.text), 'the replay prints the same');
    await page.close();
    return r.lines[0].text;
  });

  test('step: Pause after Resume asks again; Stop ends a stepped run', async () => {
    const code = `import threading
total = [0, 0]
def spin(i):
    for _ in range(300000):
        total[i] += 1
ts = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(total)
`;
    const page = await h.openPage(await h.link(code));
    await page.click('#step-start');
    await nextView(page, 0);
    await page.click('#step-resume');
    await page.click('#step-pause');
    const paused = await nextView(page, 1);
    assert.ok(paused, 'asked again before the end');
    assert.ok(paused.decisions > 1);
    await h.shot(page, 'step-5-paused');
    await page.click('#step-resume');
    await page.waitForFunction(() => window.weftPage.state === 'ready', null, { timeout: 60000 });
    const r = await result(page);
    assert.deepEqual(r.lines.map((l) => l.text), ['[300000, 300000]']);
    // Stop while the page waits for a decision
    await page.click('#step-start');
    await nextView(page, 0);
    await page.click('#stop');
    await page.waitForFunction(() => window.weftPage.state === 'ready' && !window.weftPage.step.active, null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.weftPage.lastStatus), 130);
    await page.close();
    return `paused at decision ${paused.decisions}`;
  });

  test("step: Explore's failing schedule opens in step mode (replayed start, recorded picks shown)", async () => {
    const page = await h.openPage(`${h.url()}?example=04_deadlock`);
    await page.click('#explore');
    await page.waitForFunction(() => window.weftPage.exploring === true);
    await page.waitForFunction(() => window.weftPage.lastExplore && window.weftPage.state === 'ready', null, { timeout: 120000 });
    const failed = await page.evaluate(() => window.weftPage.lastExplore.failed);
    assert.ok(failed && failed.replay, 'Explore found the deadlock');
    await page.click('#replay-step');
    const view = await nextView(page, 0);
    assert.ok(view, 'asked after the replayed start');
    const total = failed.replay.replace(/^replay:/, '').split(',')
      .reduce((n, item) => n + Number((/\*(\d+)$/.exec(item) || [0, 1])[1]), 0);
    const replayed = await page.evaluate(() => window.weftPage.step.schedule);
    assert.match(replayed, /^step:replay:/, 'a replayed start');
    assert.ok(view.decisions >= 1, `replayed ${view.decisions} of ${total} decisions first`);
    assert.match(view.schedule, /^replay:/);
    const hint = await page.locator('#step-hint').innerText();
    assert.match(hint, /^The recorded failing run picks next: /);
    checkShown(view, await shown(page));
    await h.shot(page, 'step-6-from-explore');
    await page.click('#step-resume');
    await page.waitForFunction(() => window.weftPage.state === 'ready' && !window.weftPage.step.active, null, { timeout: 30000 });
    await page.close();
    return `asked first at decision ${view.decisions} of ${total}`;
  });

  test('step: a page that is not cross-origin isolated says step mode needs it', async () => {
    const page = await h.openPage(`${h.plainUrl()}?coi=0&example=04_deadlock`);
    if (await page.evaluate(() => crossOriginIsolated)) {
      // a service worker left by another test isolates the plain server's pages: drop it
      await page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      });
      await page.reload();
      await page.waitForFunction(() => window.weftPage && window.weftPage.state !== 'loading');
    }
    assert.equal(await page.evaluate(() => window.weftPage.mode), 'green');
    await page.click('#step-start');
    await page.waitForFunction(() => document.querySelector('.toast.show'));
    assert.match(await page.locator('.toast').innerText(), /Step mode needs a cross-origin isolated page/);
    assert.equal(await page.evaluate(() => window.weftPage.step.active), false);
    await page.close();
  });
}
