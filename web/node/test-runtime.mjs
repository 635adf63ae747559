// Tests of the runtime API (web/runtime/weft.js) under Node worker_threads, beyond what the
// Python cases check: Stop reaching busy, sleeping, lock-blocked and input-blocked threads,
// the next run after a Stop, the REPL (push, more, interrupt, complete), input(), the
// in-memory file system, output tags, and that memory does not grow per thread (workers
// are reused or destroyed with __wbindgen_thread_destroy).
//
//   node web/node/test-runtime.mjs        (run by `cargo xtask test`, after `cargo xtask wasm`)
//
// No timing assertions: Stop tests only require that the run ends with status 130.

import v8 from 'node:v8';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

v8.setFlagsFromString('--no-liftoff');
const { createWeft } = await import('../runtime/weft.js');
const { MANY_THREADS } = await import('./many-threads.mjs');

let out = [];
let events = [];
const inputs = [];
let holdInput = false; // onInput never answers (a user who doesn't type)
const weft = await createWeft({
  mode: process.argv.includes('--green') ? 'green' : 'auto',
  onOutput: (ev) => out.push(ev),
  onEvent: (ev) => events.push(ev),
  onInput: async () => (holdInput ? new Promise(() => {}) : inputs.length ? inputs.shift() : null),
});
const text = (stream = 'stdout') => out.filter((e) => e.stream === stream).map((e) => e.text).join('');

let failures = 0;
async function test(name, f) {
  out = [];
  const t0 = performance.now();
  try {
    await f();
    console.log(`ok   ${name} (${(performance.now() - t0).toFixed(0)} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e && e.stack || e}`);
    console.log(`     stdout: ${JSON.stringify(text())}\n     stderr: ${JSON.stringify(text('stderr'))}`);
  }
}

// wait (without a time limit of our own) until the program has printed `marker`
async function printed(marker) {
  while (!text().includes(marker)) await new Promise((r) => setTimeout(r, 5));
}

const threaded = weft.mode === 'workers';
console.log(`mode: ${weft.mode}, version ${weft.version}`);

await test('run: output, status 0', async () => {
  const r = await weft.run('print("hi", 6*7)');
  assert.equal(r.status, 0);
  assert.equal(text(), 'hi 42\n');
  assert.equal(out[0].thread, 1);
  assert.equal(out[0].name, 'main');
});

await test('run: uncaught exception is status 1 with a traceback', async () => {
  const r = await weft.run('def f():\n    1/0\nf()\n', { filename: 'z.py' });
  assert.equal(r.status, 1);
  assert.match(text('stderr'), /File "z.py", line 2, in f/);
  assert.match(text('stderr'), /ZeroDivisionError/);
});

await test('run: sys.exit(5)', async () => {
  assert.equal((await weft.run('import sys\nsys.exit(5)')).status, 5);
});

if (threaded) {
  await test('threads: output in order and tagged with the thread', async () => {
    const r = await weft.run(`
import _thread, time
lock = _thread.allocate_lock()
done = []
def f(i):
    with lock:
        print("in", i)
        done.append(i)
for i in range(4):
    _thread.start_new_thread(f, (i,))
while len(done) < 4:
    time.sleep(0.001)
print("all", sorted(done))
`);
    assert.equal(r.status, 0);
    const lines = text().trim().split('\n');
    assert.equal(lines.length, 5);
    assert.equal(lines[4], 'all [0, 1, 2, 3]');
    const threads = new Set(out.filter((e) => e.text.startsWith('in')).map((e) => e.thread));
    assert.ok(!threads.has(1) && threads.size === 4, `threads ${[...threads]}`);
    for (const e of out) if (e.thread > 1) assert.equal(e.name, `Thread-${e.thread - 1}`);
  });

  await test('threads: output labelled with threading names and idents; trace events', async () => {
    events = [];
    const r = await weft.run(`
import threading, _thread
def f():
    print("ident", _thread.get_ident())
t = threading.Thread(target=f, name="worker-a")
t.start(); t.join()
`, { trace: true });
    assert.equal(r.status, 0);
    const e = out.find((x) => x.text.startsWith('ident'));
    assert.equal(e.name, 'worker-a');
    assert.equal(e.text, `ident ${e.thread}\n`);
    assert.ok(events.some((x) => x.kind === 'start'), JSON.stringify(events.slice(0, 3)));
    assert.ok(events.some((x) => x.kind === 'exit' && x.thread === e.thread));
  });

}

{
  await test('threads: deadlock is status 3', async () => {
    const r = await weft.run(`
import _thread
a = _thread.allocate_lock(); b = _thread.allocate_lock()
a.acquire()
has_b = []
def t():
    b.acquire(); has_b.append(1); a.acquire()
_thread.start_new_thread(t, ())
# not a fixed sleep: a loaded machine may not have started t in that time (main then takes
# b first and the program ends with status 0)
import time
while not has_b:
    time.sleep(0.001)
b.acquire()
`);
    assert.equal(r.status, 3);
    assert.match(text('stderr'), /deadlock/i);
  });
}

await test('stop: a busy loop', async () => {
  const p = weft.run('print("go")\nwhile True:\n    pass\n');
  await printed('go');
  weft.stop();
  assert.equal((await p).status, 130);
});

await test('stop: a long sleep', async () => {
  const p = weft.run('import time\nprint("go")\ntime.sleep(1000)\n');
  await printed('go');
  weft.stop();
  assert.equal((await p).status, 130);
});

await test('stop: input() waiting for an answer', async () => {
  holdInput = true;
  const p = weft.run('print("go")\ninput("? ")\n');
  await printed('? ');
  weft.stop();
  assert.equal((await p).status, 130);
  holdInput = false;
});

{
  await test('stop: threads busy, sleeping and blocked on locks', async () => {
    const p = weft.run(`
import _thread, time
l = _thread.allocate_lock(); l.acquire()
def busy():
    while True: pass
def sleeper():
    time.sleep(1000)
def blocked():
    l.acquire()
for f in (busy, sleeper, blocked):
    _thread.start_new_thread(f, ())
print("go")
l2 = _thread.allocate_lock(); l2.acquire()
l2.acquire()
`);
    await printed('go');
    weft.stop();
    assert.equal((await p).status, 130);
  });
}

await test('the run after a Stop works', async () => {
  const r = await weft.run('print(sum(range(10)))');
  assert.equal(r.status, 0);
  assert.equal(text(), '45\n');
});

await test('input() gets lines from onInput, EOFError at the end', async () => {
  inputs.push('world');
  const r = await weft.run('print("hello " + input("name? "))\ntry:\n    input()\nexcept EOFError:\n    print("eof")\n');
  assert.equal(r.status, 0);
  assert.equal(text(), 'name? hello world\neof\n');
});

await test('files: open/os in the in-memory file system, files in and out', async () => {
  const r = await weft.run(`
import os
os.mkdir("d")
with open("d/a.txt", "w") as f:
    f.write("abc")
print(os.listdir("d"), open("d/a.txt").read(), open("/in.txt").read())
with open("/out.txt", "w") as f:
    f.write("made")
`, { files: [['/in.txt', new TextEncoder().encode('given')]], collect: ['/out.txt'] });
  assert.equal(r.status, 0);
  assert.equal(text(), "['a.txt'] abc given\n");
  assert.equal(new TextDecoder().decode(r.files['/out.txt']), 'made');
});

await test('repl: push, more, values, errors, completion', async () => {
  assert.deepEqual(await weft.repl.push('x = 20'), { more: false });
  assert.deepEqual(await weft.repl.push('def f(a):'), { more: true });
  assert.deepEqual(await weft.repl.push('    return a + x'), { more: true });
  assert.deepEqual(await weft.repl.push(''), { more: false });
  await weft.repl.push('f(22)');
  assert.equal(text(), '42\n');
  await weft.repl.push('1/0');
  assert.match(text('stderr'), /ZeroDivisionError/);
  await weft.repl.push('import sys');
  const c = await weft.repl.complete('n = sys.pa');
  assert.ok(c.includes('n = sys.path'), JSON.stringify(c));
  assert.match(weft.repl.banner, /^Weft .* on wasm32-/);
});

if (threaded) {
  await test('repl: interrupt a running statement, state kept', async () => {
    // a compound statement on one line waits for an empty line, as in CPython's REPL
    assert.deepEqual(await weft.repl.push('while True: pass'), { more: true });
    const p = weft.repl.push('');
    await new Promise((r) => setTimeout(r, 50));
    weft.repl.interrupt();
    assert.deepEqual(await p, { more: false });
    assert.match(text('stderr'), /KeyboardInterrupt/);
    out = [];
    await weft.repl.push('print(x)');
    assert.equal(text(), '20\n');
  });

  await test('memory does not grow per thread (500 short-lived threads, twice)', async () => {
    const prog = MANY_THREADS;
    assert.equal((await weft.run(prog)).status, 0);
    const first = weft.stats();
    assert.equal((await weft.run(prog)).status, 0);
    const second = weft.stats();
    assert.equal(text(), '500\n500\n');
    console.log(`     memory after 500 threads: ${(first.memoryBytes / 2 ** 20).toFixed(1)} MiB, `
      + `after 1000: ${(second.memoryBytes / 2 ** 20).toFixed(1)} MiB; ${JSON.stringify(second)}`);
    // 500 leaked thread stacks would be ~1000 MiB. Memory may still rise to a new
    // high-water mark when more workers happen to be alive at once (each has a ~2 MiB
    // stack while it lives), so allow that, not a per-thread cost
    assert.ok(second.memoryBytes - first.memoryBytes <= 64 * 2 ** 20,
      `memory grew by ${second.memoryBytes - first.memoryBytes} bytes`);
  });
}

// ---- deterministic mode and explore (the wasm half of the determinism test)
const example = (name) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');

async function traced(code, schedule) {
  out = [];
  events = [];
  const r = await weft.run(code, { schedule, trace: true, filename: 'race.py' });
  return { r, stdout: text(), stderr: text('stderr'), events: JSON.stringify(events) };
}

await test('deterministic: same seed twice, byte-identical output and events', async () => {
  const code = example('02_race.py');
  for (const schedule of ['42', 'pct:7:3:500']) {
    const a = await traced(code, schedule);
    const b = await traced(code, schedule);
    assert.equal(a.r.status, 0);
    assert.match(a.stdout, /^expected 800, got \d+\n/);
    assert.equal(b.stdout, a.stdout);
    assert.equal(b.stderr, a.stderr);
    assert.ok(a.events.length > 1000, 'events were traced');
    assert.equal(b.events, a.events, `${schedule}: event logs differ`);
    assert.equal(a.r.schedule, schedule);
    assert.match(a.r.replay, /^replay:/);
    assert.equal(b.r.replay, a.r.replay);
    // replaying the recorded decisions gives the same run again
    const c = await traced(code, a.r.replay);
    assert.equal(c.stdout, a.stdout);
    assert.equal(c.events, a.events);
    assert.equal(c.r.diverged, false);
  }
  // another seed, another interleaving
  const d = await traced(code, '43');
  const e = await traced(code, '42');
  assert.notEqual(d.events, e.events);
});

await test('deterministic: os.urandom and random follow the seed; time is virtual', async () => {
  const code = 'import os, random, time\nt = time.time()\ntime.sleep(100)\n'
    + 'print(os.urandom(4).hex(), random.random(), time.time() - t >= 100)';
  const a = await traced(code, '5');
  const b = await traced(code, '5');
  const c = await traced(code, '6');
  assert.equal(a.r.status, 0, a.stderr);
  assert.equal(b.stdout, a.stdout);
  assert.notEqual(c.stdout, a.stdout);
  assert.match(a.stdout, / True\n$/);
});

await test('deterministic: a bad schedule is status 2 with a message', async () => {
  const a = await traced('print(1)', 'pct:x');
  assert.equal(a.r.status, 2);
  assert.match(a.stderr, /bad seed 'x'/);
});

await test('explore: finds the lost update of 02_race, replay reproduces it', async () => {
  const code = example('02_race.py');
  let progress = 0;
  const r = await weft.explore(code, { runs: 1000, onProgress: () => { progress++; } });
  assert.ok(r.failed, 'a failing schedule was found');
  assert.ok(r.tried <= 1000);
  assert.match(r.failed.why, /output differs/);
  const shown = r.failed.output.map((o) => o.text).join('');
  const replayed = await traced(code, r.failed.schedule);
  assert.equal(replayed.stdout, shown);
  const recorded = await traced(code, r.failed.replay);
  assert.equal(recorded.stdout, shown);
  console.log(`     ${r.tried} schedules in ${r.ms.toFixed(0)} ms; failing: ${r.failed.schedule}`);
});

await test('explore: finds the deadlock of 04_deadlock, replay reproduces it', async () => {
  const code = example('04_deadlock.py');
  const r = await weft.explore(code, { runs: 1000 });
  assert.ok(r.failed);
  assert.match(r.failed.why, /deadlock/);
  assert.equal(r.failed.status, 3);
  const replayed = await traced(code, r.failed.schedule);
  assert.equal(replayed.r.status, 3);
  assert.match(replayed.stderr, /Deadlock/);
});

await test('explore: nothing fails in 03_lock (1000 schedules); stop ends an exploration', async () => {
  const code = example('03_lock.py');
  const r = await weft.explore(code, { runs: 1000 });
  assert.equal(r.failed, null);
  assert.equal(r.tried, 1000);
  assert.equal(r.failures, 0);
  console.log(`     ${r.tried} schedules in ${r.ms.toFixed(0)} ms (${(r.tried / r.ms * 1000).toFixed(0)}/s)`);
  const p = weft.explore('while True:\n    pass\n', { runs: 10 });
  setTimeout(() => weft.stopExplore(), 200);
  const s = await p;
  assert.equal(s.stopped, true);
  assert.equal(s.failed, null);
  // the runtime still runs programs afterwards
  out = [];
  assert.equal((await weft.run('print(7)')).status, 0);
  assert.equal(text(), '7\n');
});

weft.close();
console.log(failures ? `${failures} runtime test(s) FAILED` : 'all runtime tests passed');
process.exit(failures ? 1 : 0);
