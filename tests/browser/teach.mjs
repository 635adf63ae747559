// Browser tests of deterministic mode and Explore (web/ui/schedule): the same seed twice
// gives byte-identical output and scheduling events, the schedule is shown, kept in the
// share link and replayed from it (also on a page without real threads), and Explore finds
// the lost update of 02_race and the deadlock of 04_deadlock within 1000 schedules, nothing
// in 03_lock, and opens the failing schedule for replay. Registered by run.mjs.
import assert from 'node:assert/strict';
import { runAndWait } from './lib.mjs';

/** h: { openPage(url), shot(page, name), url(), plainUrl() } */
export function register(test, h) {
  // keep every scheduling event the page receives, as JSON, in arrival order
  const logEvents = (page) =>
    page.evaluate(() => {
      const v = window.weftPage.threads;
      if (v.teachLog) return;
      v.teachLog = [];
      const orig = v.event.bind(v);
      v.event = (ev) => {
        v.teachLog.push(JSON.stringify(ev));
        orig(ev);
      };
    });

  // one deterministic run: stdout+stderr text, the event log and the run's result
  async function detRun(page) {
    await page.evaluate(() => { window.weftPage.threads.teachLog = []; });
    const r = await runAndWait(page);
    const got = await page.evaluate(() => ({
      events: window.weftPage.threads.teachLog.join('\n'),
      run: window.weftPage.lastRun,
      lanes: window.weftPage.threads.model.order.length,
      shown: document.querySelector('#schedule-shown').textContent,
    }));
    return { ...got, status: r.status, text: r.lines.map((l) => `${l.who}|${l.err ? 2 : 1}|${l.text}`).join('\n') };
  }

  async function deterministic(page, seed) {
    await page.selectOption('#threads-mode', 'deterministic');
    await page.fill('#seed', seed);
    await logEvents(page);
  }

  test('teach: deterministic mode, same seed twice is byte-identical; share link replays it', async () => {
    const page = await h.openPage(`${h.url()}?example=02_race`);
    await deterministic(page, '42');
    const a = await detRun(page);
    const b = await detRun(page);
    assert.equal(a.status, 0);
    assert.match(a.text, /expected 800, got \d+/);
    assert.ok(a.events.length > 10000, `events traced (${a.events.length} bytes)`);
    assert.equal(b.text, a.text, 'same output');
    assert.equal(b.events, a.events, 'same event log');
    assert.equal(a.shown, '42');
    assert.equal(a.run.schedule, '42');
    assert.match(a.run.replay, /^replay:/);
    assert.equal(a.lanes, 5, 'the Threads view has the main thread and 4 workers');
    // another seed: another interleaving
    await page.fill('#seed', '43');
    const c = await detRun(page);
    assert.notEqual(c.events, a.events);
    // the recorded decisions replay the same run
    await page.fill('#seed', a.run.replay);
    const d = await detRun(page);
    assert.equal(d.text, a.text);
    assert.equal(d.events, a.events);
    await h.shot(page, 'teach-1-deterministic');
    // the share link holds the last run's schedule
    await page.fill('#seed', '42');
    await detRun(page);
    await page.click('#share');
    await page.waitForFunction(() => location.hash.includes('code='));
    const link = await page.evaluate(() => location.href);
    assert.match(link, /#code=[^&]+&schedule=42$/);
    await page.close();
    const opened = await h.openPage(link);
    assert.equal(await opened.inputValue('#threads-mode'), 'deterministic');
    assert.equal(await opened.inputValue('#seed'), '42');
    await logEvents(opened);
    const e = await detRun(opened);
    assert.equal(e.text, a.text, 'the link replays the same output');
    assert.equal(e.events, a.events, 'and the same events');
    await h.shot(opened, 'teach-2-from-link');
    await opened.close();
    // a page without real threads (green fallback) runs the same schedule the same way
    // (forced by ?mode=green: a page without isolation may already be under the
    // service worker that isolates it, after run.mjs's test of that)
    const plain = await h.openPage(`${h.url()}?mode=green&example=02_race`);
    assert.equal(await plain.evaluate(() => window.weftPage.mode), 'green');
    await deterministic(plain, '42');
    const f = await detRun(plain);
    assert.equal(f.text, a.text, 'same output without cross-origin isolation');
    assert.equal(f.events, a.events, 'same events without cross-origin isolation');
    await plain.close();
    return `${a.events.split('\n').length} events, identical in 6 runs on 3 pages`;
  });

  // click Explore and wait for it to end; returns weft.explore's result and the progress
  // the page showed on the way
  async function explore(page, timeout = 120000) {
    await page.evaluate(() => { window.weftPage.lastExplore = null; });
    await page.click('#explore');
    await page.waitForFunction(() => window.weftPage.exploring === true);
    await page.waitForFunction(() => window.weftPage.lastExplore !== null && window.weftPage.state === 'ready', null, { timeout });
    return page.evaluate(() => ({
      ...window.weftPage.lastExplore,
      progress: document.querySelector('#explore-progress').textContent,
      output: document.querySelector('#output').innerText,
    }));
  }

  test('teach: Explore finds the lost update of 02_race; Replay reproduces it', async () => {
    const page = await h.openPage(`${h.url()}?example=02_race`);
    await logEvents(page);
    const r = await explore(page);
    assert.ok(r.failed, 'a failing schedule was found');
    assert.ok(r.tried <= 1000);
    assert.match(r.failed.why, /output differs/);
    assert.match(r.output, /Run \d+ of \d+ failed/);
    assert.match(r.progress, /failed/);
    assert.equal(await page.inputValue('#threads-mode'), 'deterministic');
    assert.equal(await page.inputValue('#seed'), r.failed.schedule);
    await h.shot(page, 'teach-3-explore-race');
    const want = r.failed.output.map((o) => o.text).join('');
    await page.evaluate(() => { window.weftPage.threads.teachLog = []; });
    const before = await page.evaluate(() => window.weftPage.runs);
    await page.click('#replay');
    await page.waitForFunction((n) => window.weftPage.runs > n && window.weftPage.state === 'ready', before);
    const got = await page.evaluate(() => [...document.querySelectorAll('#output .ln .txt')].map((e) => e.textContent).join('\n'));
    assert.equal(`${got}\n`, want, 'the replay prints the failing output');
    await h.shot(page, 'teach-4-replay-race');
    await page.close();
    return `found at run ${r.failed.run} (${r.failed.schedule}) in ${r.ms.toFixed(0)} ms`;
  });

  test('teach: Explore finds the deadlock of 04_deadlock; Replay deadlocks again', async () => {
    const page = await h.openPage(`${h.url()}?example=04_deadlock`);
    const r = await explore(page);
    assert.ok(r.failed);
    assert.match(r.failed.why, /deadlock/);
    assert.equal(r.failed.status, 3);
    const rr = await runAndWait(page);
    assert.equal(rr.status, 3);
    assert.match(rr.ending, /deadlock/);
    await h.shot(page, 'teach-5-explore-deadlock');
    await page.close();
    return `found at run ${r.failed.run} (${r.failed.schedule})`;
  });

  test('teach: Explore tries 1000 schedules of 03_lock, none fails; Stop ends an exploration', async () => {
    const page = await h.openPage(`${h.url()}?example=03_lock`);
    const r = await explore(page, 300000);
    assert.equal(r.failed, null);
    assert.equal(r.tried, 1000);
    assert.match(r.progress, /1000 runs, none failed/);
    await h.shot(page, 'teach-6-explore-lock');
    // Stop, once progress shows
    await page.evaluate(() => { window.weftPage.lastExplore = null; window.weftPage.exploreProgress = null; });
    await page.click('#explore');
    await page.waitForFunction(() => window.weftPage.exploreProgress && window.weftPage.exploreProgress.tried > 0);
    assert.match(await page.locator('#explore-progress').innerText(), /^\d+ runs · \d+\/s$/);
    await h.shot(page, 'teach-7-exploring');
    await page.click('#explore-stop');
    await page.waitForFunction(() => window.weftPage.lastExplore !== null && window.weftPage.state === 'ready');
    const s = await page.evaluate(() => window.weftPage.lastExplore);
    assert.equal(s.stopped, true);
    assert.ok(s.tried < 1000);
    // the page still runs programs
    const after = await runAndWait(page);
    assert.equal(after.status, 0);
    await page.close();
    return `${r.tried} schedules in ${r.ms.toFixed(0)} ms (${Math.round(r.tried / r.ms * 1000)}/s)`;
  });
}
