// The Weft runtime, UI-thread side: createWeft() (contract: /work/briefs/web-contract.md).
//
// Workers mode (cross-origin isolated page, or Node): one shared WebAssembly.Memory, one
// worker for Python's main thread, one for the REPL, and a pool of workers for the threads
// Python starts. Workers never create workers (a worker-made Worker that then blocks never
// starts in browsers): a worker asks this thread, which hands the thread to a pooled worker.
// This thread never blocks; it writes the Stop/interrupt flags straight into the shared
// memory and wakes whoever waits.
//
// Green mode (no SharedArrayBuffer): one worker runs everything; Stop ends that worker.

import { meta } from '../pkg/meta.js';

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node)
  && typeof window === 'undefined';

const FLAG_INTERRUPT = 0;
const FLAG_KILL = 1;
const FLAG_WAKE = 2;
// a stopped run that has not ended by then is ended by terminating its workers
const HARD_STOP_MS = 1500;
// how long the end of a run waits for scheduling events still on their way
const EVENTS_GRACE_MS = 2000;

async function loadModule() {
  const url = new URL('../pkg/weft_web_bg.wasm', import.meta.url);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (_) {
      // a server without the application/wasm type: fall back to bytes
    }
  }
  const r = await fetch(url);
  return WebAssembly.compile(await r.arrayBuffer());
}

/** A Worker with one interface in browsers and Node. */
async function startWorker(onMessage) {
  const url = new URL('./worker.js', import.meta.url);
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(url);
    w.on('message', onMessage);
    w.on('error', (e) => onMessage({ type: 'error', message: String((e && e.stack) || e) }));
    return { post: (m) => w.postMessage(m), terminate: () => w.terminate() };
  }
  const w = new Worker(url, { type: 'module' });
  w.onmessage = (e) => onMessage(e.data);
  // a module worker that fails to load or link gets a bare Event with no message
  w.onerror = (e) => onMessage({
    type: 'error',
    message: e.message || 'the worker script failed to load or link (a stale build? run cargo xtask playground)',
  });
  return { post: (m) => w.postMessage(m), terminate: () => w.terminate() };
}

function threadName(thread) {
  return thread <= 1 ? 'main' : `Thread-${thread - 1}`;
}

export async function createWeft(options = {}) {
  const onOutput = options.onOutput || (() => {});
  const onInput = options.onInput || (async () => null);
  const onEvent = options.onEvent || null;
  const maxIdle = options.maxIdleWorkers ?? 8;
  const warm = options.warmWorkers ?? 2;
  const canShare = typeof SharedArrayBuffer !== 'undefined'
    && (isNode || globalThis.crossOriginIsolated === true);
  let mode = options.mode || 'auto';
  if (mode === 'auto') mode = canShare ? 'workers' : 'green';
  if (mode === 'workers' && !canShare) {
    throw new Error('workers mode needs a cross-origin isolated page (SharedArrayBuffer)');
  }
  const green = mode === 'green';
  const module = await loadModule();

  // ---- shared state (rebuilt by a hard reset)
  let memory = null;
  let mainWorker = null;
  let replWorker = null;
  let replSession = 0;
  let replFlags = 0;
  let idle = [];
  let all = new Set();
  const sessions = new Map(); // id → { next, pending: Map, outputs, onDone }
  const waitingInput = new Set(); // SharedArrayBuffers of workers blocked in input()
  const waitingStep = new Set(); // SharedArrayBuffers of workers blocked in a step decision
  let current = null; // the run in progress: { session, flags, resolve, stopped }
  let replCalls = new Map();
  let replId = 0;
  let generation = 0;
  let created = 0;
  let retired = 0;
  let starting = 0; // pool workers being started for queued threads
  let exploring = null; // the exploration in progress: { stop }

  // Session ids are per memory: in green mode each worker has its own memory, so the key
  // includes the worker's role there
  function session(w, id) {
    if (green) id = `${w.role}:${id}`;
    let s = sessions.get(id);
    if (!s) {
      s = { next: 0, pending: new Map(), outputs: -1, onDone: null, names: new Map(),
        events: 0, wantEvents: 0 };
      sessions.set(id, s);
    }
    return s;
  }

  function emit(m, s) {
    if (m.stream === 3) {
      s.names.set(m.thread, m.text); // threading gave the thread a name
      return;
    }
    const name = (s && s.names.get(m.thread)) || threadName(m.thread);
    onOutput({ thread: m.thread, name, stream: m.stream === 2 ? 'stderr' : 'stdout', text: m.text });
  }

  function checkDone(s) {
    if (s.onDone && s.next >= s.outputs && s.events >= s.wantEvents) {
      const f = s.onDone;
      s.onDone = null;
      f();
    }
  }

  // output chunks carry a per-session sequence number: chunks from different workers can
  // arrive out of order, they are shown in the order Python wrote them
  function output(w, m) {
    if (m.session === 0) {
      emit(m); // a panic report
      return;
    }
    const s = session(w, m.session);
    if (m.seq < s.next) return;
    s.pending.set(m.seq, m);
    while (s.pending.has(s.next)) {
      const c = s.pending.get(s.next);
      s.pending.delete(s.next);
      s.next++;
      emit(c, s);
    }
    checkDone(s);
  }

  // resolves once every output chunk (and, for a run, every scheduling event) the session
  // produced has been delivered: they come from several workers, so later than `done`
  function whenOutputDone(w, id, outputs, events = 0) {
    const s = session(w, id);
    s.outputs = outputs;
    s.wantEvents = events;
    return new Promise((resolve) => {
      s.onDone = resolve;
      checkDone(s);
      if (s.onDone && events) {
        // events are only for the Threads view: never let one that went missing (a worker
        // ended by Stop) hold up the end of the run
        setTimeout(() => {
          if (s.onDone === resolve) {
            s.wantEvents = 0;
            checkDone(s);
          }
        }, EVENTS_GRACE_MS);
      }
    });
  }

  async function answerInput(m) {
    const buf = m.buf;
    waitingInput.add(buf);
    let line = null;
    try {
      line = await onInput(m.prompt, m.session);
    } catch (_) {
      line = null;
    }
    if (!waitingInput.has(buf)) return; // stopped meanwhile
    waitingInput.delete(buf);
    const ctl = new Int32Array(buf, 0, 2);
    if (line === null || line === undefined) {
      Atomics.store(ctl, 0, 2);
    } else {
      const bytes = new TextEncoder().encode(String(line)).subarray(0, buf.byteLength - 8);
      new Uint8Array(buf, 8, bytes.length).set(bytes);
      Atomics.store(ctl, 1, bytes.length);
      Atomics.store(ctl, 0, 1);
    }
    Atomics.notify(ctl, 0);
  }

  // step mode: run(..., { schedule: 'step', onStep }) — onStep(view) resolves a command
  async function answerStep(m) {
    const c = current;
    const buf = m.buf;
    if (c) c.stepBuf = buf;
    waitingStep.add(buf);
    let cmd = 'c';
    try {
      cmd = String((c && c.onStep) ? await c.onStep(JSON.parse(m.view)) : 'c');
    } catch (_) {
      cmd = 'c';
    }
    if (!waitingStep.has(buf)) return; // stopped meanwhile
    waitingStep.delete(buf);
    const ctl = new Int32Array(buf, 0, 3);
    Atomics.store(ctl, 1, 0); // a Pause pressed before this answer is spent
    const bytes = new TextEncoder().encode(cmd).subarray(0, buf.byteLength - 12);
    new Uint8Array(buf, 12, bytes.length).set(bytes);
    Atomics.store(ctl, 2, bytes.length);
    Atomics.store(ctl, 0, 1);
    Atomics.notify(ctl, 0);
  }

  function endSteps() {
    for (const buf of waitingStep) {
      const ctl = new Int32Array(buf, 0, 3);
      Atomics.store(ctl, 0, 2);
      Atomics.notify(ctl, 0);
    }
    waitingStep.clear();
  }

  function endInputs() {
    for (const buf of waitingInput) {
      const ctl = new Int32Array(buf, 0, 2);
      Atomics.store(ctl, 0, 2);
      Atomics.notify(ctl, 0);
    }
    waitingInput.clear();
  }

  function setFlag(flags, which) {
    if (!flags || !memory) return;
    const words = new Int32Array(memory.buffer);
    const base = flags >>> 2;
    Atomics.store(words, base + which, 1);
    Atomics.add(words, base + FLAG_WAKE, 1);
    Atomics.notify(words, base + FLAG_WAKE);
    Atomics.notify(words, base + which);
  }

  // ---- workers
  async function newWorker(role) {
    const gen = generation;
    let ready;
    const readyP = new Promise((r) => { ready = r; });
    const w = await startWorker((m) => {
      if (gen !== generation) return;
      onMessage(w, m, ready);
    });
    w.role = role;
    all.add(w);
    created++;
    w.post({ type: 'init', module, memory });
    await readyP;
    return w;
  }

  const spawnQueue = [];
  function startThread(ptr) {
    const w = idle.pop();
    if (w) {
      w.post({ type: 'thread', ptr });
      return;
    }
    spawnQueue.push(ptr);
    // one new worker per queued thread at most: a worker that finishes meanwhile takes a
    // queued thread too
    if (starting >= spawnQueue.length) return;
    starting++;
    newWorker('pool').then((nw) => {
      starting--;
      workerIdle(nw);
    });
  }

  function workerIdle(w) {
    if (spawnQueue.length) {
      w.post({ type: 'thread', ptr: spawnQueue.shift() });
    } else if (idle.length < maxIdle) {
      idle.push(w);
    } else {
      all.delete(w);
      retired++;
      w.post({ type: 'retire' });
    }
  }

  function onMessage(w, m, ready) {
    switch (m.type) {
      case 'ready': ready(); break;
      case 'out': output(w, m); break;
      case 'events': {
        if (onEvent) for (const ev of JSON.parse(m.json)) onEvent(ev);
        const s = session(w, m.session);
        s.events += m.count;
        checkDone(s);
        break;
      }
      case 'spawn': startThread(m.ptr); break;
      case 'idle': workerIdle(w); break;
      case 'input': answerInput(m); break;
      case 'step': answerStep(m); break;
      case 'session':
        if (current && current.session === 0) {
          current.session = m.session;
          current.flags = m.flags;
          if (current.stopped) setFlag(m.flags, FLAG_KILL);
        }
        break;
      case 'done':
        if (current && current.session === m.session) {
          const c = current;
          whenOutputDone(w, m.session, m.outputs, m.events || 0)
            .then(() => c.finish(m.status, m.files, m));
        }
        break;
      case 'repl-ready': {
        replSession = m.session;
        replFlags = m.flags;
        const call = replCalls.get('start');
        replCalls.delete('start');
        if (call) call(m);
        break;
      }
      case 'repl-result': {
        const call = replCalls.get(m.id);
        replCalls.delete(m.id);
        if (!call) break;
        if (m.outputs !== undefined) whenOutputDone(w, replSession, m.outputs).then(() => call(m));
        else call(m);
        break;
      }
      case 'error':
        onOutput({ thread: 0, name: 'weft', stream: 'stderr',
          text: `weft: worker error${m.during ? ` (${m.during})` : ''}: ${m.message}\n` });
        // a trap (a bug in Weft) may leave the GIL or a lock taken: start afresh
        if (current && (w === mainWorker || w.role === 'pool')) {
          const c = current;
          terminateAll();
          boot().then(() => c.finish(70));
        }
        break;
      default: break;
    }
  }

  async function boot() {
    generation++;
    idle = [];
    all = new Set();
    starting = 0;
    spawnQueue.length = 0;
    sessions.clear();
    replWorker = null;
    replSession = 0;
    replFlags = 0;
    replCalls = new Map();
    memory = green ? null : new WebAssembly.Memory({
      initial: meta.memoryMin, maximum: meta.memoryMax, shared: true });
    // the first instance initialises the memory: start it before any other
    mainWorker = await newWorker('main');
    if (!green) {
      // the warm pool starts in the background: the page can run Python as soon as the
      // main worker is up (a thread started before the pool is ready takes the first one)
      const gen = generation;
      for (let i = 0; i < warm; i++) {
        newWorker('pool').then((w) => { if (gen === generation) workerIdle(w); });
      }
    }
  }

  function terminateAll() {
    generation++;
    for (const w of all) w.terminate();
    all = new Set();
    idle = [];
  }

  await boot();

  let queue = Promise.resolve();

  const weft = {
    mode,
    version: meta.version,

    /**
     * Run a program; resolves { status } (and { files } asked for by `collect`). Step mode
     * (schedule `step` or `step:replay:...`): at each decision opts.onStep(view) is called
     * with the threads (`green::View` as JSON) and resolves a command: `s T` (thread T runs
     * one line), `r T` (T runs until it blocks), `c` (run to the end; see pauseStep).
     */
    run(code, opts = {}) {
      const job = queue.then(() => new Promise((resolve) => {
        const filename = opts.filename || 'main.py';
        const c = {
          session: 0, flags: 0, stopped: false, timer: null, onStep: opts.onStep || null,
          stepBuf: null,
          finish(status, files, done) {
            if (current !== c) return;
            current = null;
            if (c.timer) clearTimeout(c.timer);
            const r = { status: c.stopped ? 130 : status, files: files || {} };
            if (schedule) {
              r.schedule = schedule;
              r.replay = (done && done.replay) || null;
              r.diverged = !!(done && done.diverged);
            }
            resolve(r);
          },
        };
        current = c;
        const schedule = opts.schedule ? String(opts.schedule).trim() : '';
        mainWorker.post({ type: 'run', code, filename, green, schedule,
          argv: opts.argv || [filename], path0: opts.path0 ?? '', trace: !!opts.trace,
          files: opts.files || [], cwd: opts.cwd || '', collect: opts.collect || [] });
      }));
      queue = job.catch(() => {});
      return job;
    },

    /**
     * Run the program under many deterministic schedules (weft explore), in a worker with a
     * memory of its own, until one fails or `runs` have passed. opts: runs (1000), seed (0),
     * strategy ('both' | 'random' | 'pct'), depth (3), filename, argv, path0, files,
     * keepGoing (run all `runs`, count failures, keep the first), onProgress({ tried,
     * failures, ms }). Resolves { tried, failures, ms, failed, stopped }:
     * failed is null or { run, schedule, replay, why, status, output: [{ stream, text }] }
     * (schedule: the short form to replay, `pct:S:D:N` or a seed).
     */
    explore(code, opts = {}) {
      if (exploring) return Promise.reject(new Error('an exploration is already running'));
      const filename = opts.filename || 'main.py';
      const onProgress = opts.onProgress || (() => {});
      const gen = generation;
      let w = null;
      const x = { stop: null };
      exploring = x;
      const p = new Promise((resolve, reject) => {
        let last = { tried: 0, failures: 0, ms: 0, failed: null };
        const end = (r) => {
          if (exploring === x) exploring = null;
          if (w) { all.delete(w); w.terminate(); }
          const f = r.failed;
          if (f) f.output = f.output.map(([stream, text]) => ({ stream: stream === 2 ? 'stderr' : 'stdout', text }));
          resolve({ tried: r.tried, failures: r.failures, ms: r.ms, failed: f || null,
            stopped: !!r.stopped });
        };
        x.stop = () => end({ ...last, failed: null, stopped: true });
        startWorker((m) => {
          if (exploring !== x) return;
          if (m.type === 'ready') {
            w.post({ type: 'explore', code, filename, argv: opts.argv || [filename],
              path0: opts.path0 ?? '', files: opts.files || [], runs: opts.runs ?? 1000,
              seed: opts.seed ?? 0, strategy: opts.strategy || 'both', depth: opts.depth || 3,
              keepGoing: !!opts.keepGoing });
          } else if (m.type === 'explore-progress') {
            last = m.result;
            onProgress({ tried: last.tried, failures: last.failures, ms: last.ms });
          } else if (m.type === 'explore-done') {
            end(m.result);
          } else if (m.type === 'error') {
            if (exploring === x) exploring = null;
            if (w) { all.delete(w); w.terminate(); }
            reject(new Error(m.message));
          }
        }).then((nw) => {
          w = nw;
          w.role = 'explore';
          if (gen === generation) all.add(w);
          if (exploring !== x) { w.terminate(); return; }
          // its own memory (green threads only): ending it never hurts the other workers
          w.post({ type: 'init', module, memory: null });
        });
      });
      return p;
    },

    /**
     * Step mode (a run with schedule 'step' or 'step:replay:...'): after Resume or Run,
     * ask onStep again at the next decision.
     */
    pauseStep() {
      const c = current;
      if (c && c.stepBuf) Atomics.store(new Int32Array(c.stepBuf, 0, 3), 1, 1);
    },

    /** Stop the exploration in progress (it resolves with stopped: true). */
    stopExplore() {
      if (exploring && exploring.stop) exploring.stop();
    },

    /** End every Python thread of the running program now. */
    stop() {
      const c = current;
      if (!c) return;
      c.stopped = true;
      endInputs();
      endSteps();
      if (!green && c.flags) setFlag(c.flags, FLAG_KILL);
      const hard = async () => {
        if (current !== c) return;
        // stuck in a long builtin, or green mode: end the workers, start afresh
        terminateAll();
        await boot();
        c.finish(130);
      };
      if (green) hard();
      else c.timer = setTimeout(hard, HARD_STOP_MS);
    },

    repl: {
      banner: `Weft ${meta.version} (MicroPython-compatible) on wasm32-${mode}`,
      async push(line) {
        await startRepl();
        const r = await replCall({ type: 'repl-push', line, session: replSession });
        if (r.result >= 1000) {
          // SystemExit in the REPL: start a fresh interpreter next time
          replWorker.post({ type: 'retire' });
          all.delete(replWorker);
          replWorker = null;
        }
        return { more: r.result === -1 };
      },
      interrupt() {
        if (!replWorker) return;
        if (green) {
          // no shared flags to set: end the REPL's worker (its variables are lost)
          replWorker.terminate();
          all.delete(replWorker);
          replWorker = null;
          for (const [, call] of replCalls) call({ result: 0 });
          replCalls = new Map();
          return;
        }
        endInputs();
        setFlag(replFlags, FLAG_INTERRUPT);
        replWorker.post({ type: 'repl-reset' });
      },
      async complete(text) {
        await startRepl();
        const r = await replCall({ type: 'repl-complete', text });
        return r.result || [];
      },
    },

    /** Diagnostics: the shared memory's size and the number of workers. */
    stats() {
      return { memoryBytes: memory ? memory.buffer.byteLength : 0, workers: all.size,
        idleWorkers: idle.length, workersStarted: created, workersRetired: retired };
    },

    /** Terminate every worker (Node: lets the process exit). */
    close() {
      terminateAll();
    },
  };

  let replStarting = null;
  function startRepl() {
    if (replWorker) return Promise.resolve();
    if (!replStarting) {
      replStarting = (async () => {
        const w = await newWorker('repl');
        const p = new Promise((r) => replCalls.set('start', r));
        w.post({ type: 'repl-start', green });
        await p;
        replWorker = w;
        replStarting = null;
      })();
    }
    return replStarting;
  }

  function replCall(msg) {
    const id = ++replId;
    return new Promise((resolve) => {
      replCalls.set(id, resolve);
      replWorker.post({ ...msg, id });
    });
  }

  return weft;
}
