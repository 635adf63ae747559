// One worker of the Weft runtime: an instance of the wasm module over the shared memory.
// It runs Python's main thread (`run`), the REPL, or one spawned Python thread at a time
// (`thread`), as the UI thread (web/runtime/weft.js) asks. Works as a browser module worker
// and as a Node `worker_threads` Worker.

import { initSync, install_panic_hook, session_new, session_flags, session_output_count,
  session_put_file, session_get_file, session_chdir, run, repl_start, repl_push, repl_reset,
  repl_complete, thread_entry, session_event_count, session_schedule, session_schedule_diverged, explore_new,
  explore_put_file, explore_step } from '../pkg/weft_web.js';

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);
let port = null; // Node: worker_threads.parentPort
if (isNode) {
  ({ parentPort: port } = await import('node:worker_threads'));
}
const post = (msg) => (port ? port.postMessage(msg) : self.postMessage(msg));

let wasm = null;
// input(): a shared buffer the UI thread writes the answer into ([state, length, bytes...];
// state 0 = waiting, 1 = line, 2 = end of input)
let inputBuf = null;
const INPUT_BYTES = 1 << 16;
let stepBuf = null;
const STEP_BYTES = 64;

// Scheduling events are batched: one message per event made a lock-heavy traced program
// ~30x slower. A batch is posted when this worker gives up the GIL (the wasm side calls
// flush(): another thread's events can only follow, so the page sees them in order), before
// it blocks (every futex wait), when it is 256 events or 20 ms old (checked as events come:
// this worker's event loop does not run while Python does), and when a run, a thread or an
// input() request ends or begins. One batch holds one session's events.
const BATCH_EVENTS = 256;
const BATCH_MS = 20;
let batch = [];
let batchSession = 0;
let batchSince = 0;

function flushEvents() {
  if (!batch.length) return;
  post({ type: 'events', session: batchSession, json: `[${batch.join(',')}]`, count: batch.length });
  batch = [];
}

globalThis.__weftHost = {
  write(session, seq, thread, stream, text) {
    post({ type: 'out', session, seq, thread, stream, text });
  },
  event(session, json) {
    if (batch.length && session !== batchSession) flushEvents();
    const now = performance.now();
    if (!batch.length) {
      batchSession = session;
      batchSince = now;
    }
    batch.push(json);
    if (batch.length >= BATCH_EVENTS || now - batchSince >= BATCH_MS) flushEvents();
  },
  flush() {
    flushEvents();
  },
  spawn(session, ptr, thread) {
    post({ type: 'spawn', session, ptr, thread });
    return true;
  },
  nowUs() {
    // one clock for every worker (performance.now() alone counts from each worker's start)
    return (performance.timeOrigin + performance.now()) * 1000;
  },
  wallMs() {
    return Date.now();
  },
  readLine(session, prompt) {
    if (typeof SharedArrayBuffer === 'undefined') {
      return undefined; // not cross-origin isolated: no way to block for an answer
    }
    if (!inputBuf) inputBuf = new SharedArrayBuffer(8 + INPUT_BYTES);
    const ctl = new Int32Array(inputBuf, 0, 2);
    Atomics.store(ctl, 0, 0);
    flushEvents();
    post({ type: 'input', session, prompt, buf: inputBuf });
    while (Atomics.load(ctl, 0) === 0) Atomics.wait(ctl, 0, 0);
    if (Atomics.load(ctl, 0) !== 1) return undefined;
    const n = Atomics.load(ctl, 1);
    const bytes = new Uint8Array(inputBuf, 8, n).slice();
    return new TextDecoder().decode(bytes);
  },
  // step mode: post the threads' view, block until the UI writes a command into `stepBuf`
  // ([state, pause, length, bytes...]; state 0 = waiting, 1 = answered, 2 = stopped)
  step(session, view) {
    if (typeof SharedArrayBuffer === 'undefined') return 'c'; // can't block: run on
    if (!stepBuf) stepBuf = new SharedArrayBuffer(12 + STEP_BYTES);
    const ctl = new Int32Array(stepBuf, 0, 3);
    Atomics.store(ctl, 0, 0);
    flushEvents(); // the Threads view is up to date while the learner decides
    post({ type: 'step', session, view, buf: stepBuf });
    while (Atomics.load(ctl, 0) === 0) Atomics.wait(ctl, 0, 0);
    if (Atomics.load(ctl, 0) !== 1) return 'c';
    const bytes = new Uint8Array(stepBuf, 12, Atomics.load(ctl, 2)).slice();
    return new TextDecoder().decode(bytes);
  },
  stepPaused() {
    return !!stepBuf && Atomics.exchange(new Int32Array(stepBuf, 0, 3), 1, 0) === 1;
  },
  randomBytes(n) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 65536) {
      crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
    }
    return out;
  },
};

function handle(msg) {
  switch (msg.type) {
    case 'init': {
      // V8 (Node, Chromium) gives this worker its own object for the shared memory when the
      // message arrives, with the length the memory had then; a grow by another thread in
      // the moment before the object is registered for grow notices is never reported to
      // this worker. The instance then bounds-checks memory.copy/fill/init against the old
      // length and traps ("memory access out of bounds") on memory that malloc has already
      // handed out (this worker's stack and TLS come from malloc as it starts). grow(0)
      // makes V8 re-read the real length now; later grows reach this worker as usual.
      // (Plain loads and stores use guard pages, not the length: they never showed it.)
      if (msg.memory) msg.memory.grow(0);
      wasm = initSync({ module: msg.module, memory: msg.memory || undefined });
      install_panic_hook();
      post({ type: 'ready' });
      break;
    }
    case 'run': {
      // a deterministic run (msg.schedule) is a green session on this worker
      const sid = session_new(!!msg.green || !!msg.schedule);
      post({ type: 'session', session: sid, flags: session_flags(sid) });
      for (const [path, bytes] of msg.files || []) session_put_file(sid, path, bytes);
      if (msg.cwd) session_chdir(sid, msg.cwd);
      const status = run(sid, msg.code, msg.filename, msg.argv || [msg.filename], msg.path0 || '',
        !!msg.trace, msg.schedule || undefined);
      flushEvents();
      const files = {};
      for (const p of msg.collect || []) {
        const b = session_get_file(sid, p);
        if (b) files[p] = b;
      }
      const recorded = msg.schedule ? {
        replay: session_schedule(sid) ?? null, diverged: session_schedule_diverged(sid) } : {};
      post({ type: 'done', session: sid, status, outputs: session_output_count(sid),
        events: session_event_count(sid), files,
        ...recorded });
      break;
    }
    case 'thread': {
      thread_entry(msg.ptr);
      flushEvents();
      post({ type: 'idle' });
      break;
    }
    case 'repl-start': {
      const sid = session_new(!!msg.green);
      const banner = repl_start(sid);
      post({ type: 'repl-ready', session: sid, flags: session_flags(sid), banner });
      break;
    }
    case 'repl-push': {
      const r = repl_push(msg.line);
      post({ type: 'repl-result', id: msg.id, result: r, outputs: session_output_count(msg.session) });
      break;
    }
    case 'repl-reset': {
      repl_reset();
      break;
    }
    case 'repl-complete': {
      post({ type: 'repl-result', id: msg.id, result: repl_complete(msg.text) });
      break;
    }
    case 'explore': {
      // an explorer worker has a memory of its own: the UI ends it to stop
      const h = explore_new(msg.code, msg.filename, msg.argv || [msg.filename], msg.path0 || '',
        String(msg.seed ?? 0), msg.strategy || 'both', msg.depth || 3);
      for (const [path, bytes] of msg.files || []) explore_put_file(h, path, bytes);
      const t0 = performance.now();
      const slice = () => {
        const r = JSON.parse(explore_step(h, msg.runs ?? 1000, msg.sliceMs ?? 100, !!msg.keepGoing));
        r.ms = performance.now() - t0;
        post({ type: r.done ? 'explore-done' : 'explore-progress', result: r });
        // let messages in between slices
        if (!r.done) setTimeout(() => { try { slice(); } catch (e) { fail(e, 'explore'); } }, 0);
      };
      slice();
      break;
    }
    case 'retire': {
      // free this thread's stack and TLS in the shared memory, then end the worker
      if (wasm) wasm.__wbindgen_thread_destroy();
      post({ type: 'retired' });
      if (port) process.exit(0);
      else self.close();
      break;
    }
    default:
      break;
  }
}

function fail(e, during) {
  // an Error has a stack; an error Event (a module or wasm that failed to load) only a type
  // and maybe a message and place
  let message = String((e && (e.stack || e.message)) || e);
  if (e && !e.stack && !e.message && e.type) {
    message = `${e.type} event${e.filename ? ` at ${e.filename}:${e.lineno}` : ''} (is the page built? cargo xtask playground)`;
  }
  post({ type: 'error', message, during });
}

function guarded(msg) {
  try {
    handle(msg);
  } catch (e) {
    fail(e, msg.type);
  }
}

if (port) port.on('message', guarded);
else self.onmessage = (e) => guarded(e.data);
