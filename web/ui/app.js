// The Weft playground page: editor, Run/Stop, thread-marked output, REPL terminal, examples,
// mode badge, script kept in localStorage and shareable in the URL fragment. main.js has
// started the runtime already; the REPL's terminal (xterm.js, the biggest part) loads last.
//
// The page talks to Python only through the runtime's API (web/runtime/weft.js, see
// briefs/web-contract.md); it never touches wasm or workers itself.
import examples from 'weft:examples';
import { createEditor } from './editor.js';
import { OutputPane } from './output.js';
import { encodeScript, decodeScript } from './share.js';
import { ThreadsView } from './viz/view.js';
import { withSwitchInterval } from './viz/switch.js';
import { ScheduleBar, randomSeed } from './schedule/schedule.js';
import { StepBar } from './step/step.js';
import { setupBoard } from './board/menu.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const STORE_KEY = 'weft.script';

// State the browser tests and benchmarks read (never written by them).
const page = window.weftPage;
Object.assign(page, {
  weft: null,
  state: 'loading', // loading | ready | running | error
  mode: null,
  firstOutputAt: null, // performance.now() when the first Python output was shown
  runs: 0,
  lastStatus: null,
  lastRunMs: null, // wall time of the last run, from Run to its end
  lastRun: null, // weft.run's result for the last run ({ status, schedule, replay, ... })
  lastExplore: null, // weft.explore's result for the last exploration
  exploring: false,
});

function setState(s) {
  page.state = s;
  document.body.dataset.state = s;
  $('run').disabled = s === 'running' || s === 'error';
  $('stop').disabled = s !== 'running';
  $('run').textContent = s === 'loading' ? '▶ Run (loading…)' : '▶ Run';
}

// ------------------------------------------------------------------------------------------
// Editor and the script's sources: fragment link > ?example= > localStorage > first example

const output = new OutputPane($('output'), () => {
  if (page.firstOutputAt === null) page.firstOutputAt = performance.now();
});

let saveTimer = 0;
// the Threads panel (created once the editor is, as it highlights the editor's lines)
let threads = null;
const editor = createEditor($('editor'), {
  onRun: () => run(),
  onChange: () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      try {
        localStorage.setItem(STORE_KEY, editor.code());
      } catch {
        /* storage full or disabled: the script just isn't kept */
      }
    }, 250);
  },
});

threads = new ThreadsView($('threads'), { onMoment: (lines) => editor.highlight(lines) });
page.threads = threads;
let lineShift = 0; // lines added above the script by the switch interval
function routeEvent(ev) {
  if (lineShift && ev.line > 0) ev.line -= lineShift;
  threads.event(ev);
}

// How threads run (real / deterministic with a schedule) and Explore
const sched = new ScheduleBar($('schedule-bar'), {
  onExplore: () => explore(),
  onStopExplore: () => stop(),
  onReplay: () => run(),
  onModeChange: (det) => {
    // a deterministic run's interleaving is the schedule's alone (and the share link
    // keeps only the schedule), so the GIL switch interval does not apply
    $('switch-interval').disabled = det;
  },
  toast: (t) => toast(t),
});
// step mode: page.schedule.setStepHook(f) adds "Step through it" to a failing schedule
page.schedule = sched;

// Step mode (web/ui/step/): a stepped run goes through run() like any other
const stepRoot = document.createElement('div');
stepRoot.id = 'step-bar';
$('schedule-bar').after(stepRoot);
const stepper = new StepBar(stepRoot, {
  async run({ schedule, onStep }) {
    const r = await run({ schedule, onStep });
    if (r && r.replay) {
      // the stepped run's recording: deterministic mode replays it, a share link keeps it
      sched.useSchedule(r.replay);
      sched.showRun({ ...r, schedule: r.replay });
    }
    return r;
  },
  pause: () => page.weft && page.weft.pauseStep(),
  canStep: () => {
    if (!page.weft) return 'Python is still starting.';
    if (running) return 'A program is running: stop it first.';
    if (page.weft.mode !== 'workers') {
      return 'Step mode needs a cross-origin isolated page (serve it with weft serve).';
    }
    return true;
  },
  highlight: (ts) => editor.stepMarks(ts),
  toast: (t) => toast(t),
});
sched.setStepHook((s) => stepper.begin(s));
page.step = stepper.page;

const select = $('examples');
for (const ex of examples) {
  const opt = document.createElement('option');
  opt.value = ex.name;
  opt.textContent = ex.title;
  select.append(opt);
}
select.addEventListener('change', () => {
  const ex = examples.find((e) => e.name === select.value);
  if (ex) loadExample(ex);
});

function loadExample(ex) {
  editor.setCode(ex.code);
  $('filename').textContent = `${ex.name}.py`;
  select.value = ex.name;
  try {
    localStorage.setItem(STORE_KEY, ex.code);
  } catch {
    /* not kept */
  }
}

async function initialScript() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('schedule')) sched.useSchedule(hash.get('schedule'));
  if (hash.has('code')) return loadShared(hash.get('code'));
  const wanted = params.get('example') || hash.get('example');
  const ex = wanted && examples.find((e) => e.name === wanted || e.name.replace(/^\d+_/, '') === wanted);
  if (ex) return loadExample(ex);
  let saved = null;
  try {
    saved = localStorage.getItem(STORE_KEY);
  } catch {
    /* no storage */
  }
  if (saved !== null) editor.setCode(saved);
  else loadExample(examples[0]);
}

async function loadShared(encoded) {
  {
    try {
      const code = await decodeScript(encoded);
      editor.setCode(code);
      localStorage.setItem(STORE_KEY, code);
      $('filename').textContent = 'shared.py';
    } catch (e) {
      output.note(`This link's script could not be read (${e.message}).`, 'error');
    }
    // the fragment has done its job: later edits are kept in localStorage, and a reload
    // must not bring the shared version back over them
    history.replaceState(null, '', location.pathname + location.search);
  }
}

// a link pasted into the address bar of an open playground changes only the fragment
window.addEventListener('hashchange', () => {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('schedule')) sched.useSchedule(hash.get('schedule'));
  const code = hash.get('code');
  if (code) loadShared(code);
});

$('share').addEventListener('click', async () => {
  // a deterministic run's schedule goes in the link: it replays the same interleaving
  const schedule = sched.linkSchedule();
  const url = `${location.origin}${location.pathname}${location.search}#code=${await encodeScript(editor.code())}`
    + (schedule ? `&schedule=${encodeURIComponent(schedule)}` : '');
  history.replaceState(null, '', url);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    /* no clipboard permission: the link is in the address bar */
  }
  const what = schedule ? 'the whole script and its schedule' : 'the whole script';
  toast(copied ? `Link copied: it holds ${what}.` : 'The link is in the address bar.');
});

function toast(text) {
  let el = document.querySelector('.toast');
  if (!el) {
    el = document.createElement('div');
    el.className = 'toast';
    document.body.append(el);
  }
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(el._t);
  el._t = setTimeout(() => el.classList.remove('show'), 2500);
}

// ------------------------------------------------------------------------------------------
// Runtime

const MODES = {
  workers: [
    'real threads · Web Workers',
    'ok',
    'Cross-origin isolated: each Python thread is a Web Worker over one shared WebAssembly memory.',
  ],
  green: [
    'green threads · fallback (not isolated)',
    'warn',
    'This page is not cross-origin isolated (no COOP/COEP headers), so SharedArrayBuffer is ' +
      'unavailable: Python threads take turns inside one worker. Serve it with `weft serve` ' +
      'for real threads.',
  ],
};

let repl = null;
let running = false;

function routeOutput(ev) {
  // Output of the REPL's interpreter goes to the terminal, output of run() to the pane. A
  // runtime that says where an event comes from (ev.source) is believed; otherwise output
  // that comes while no program runs is the REPL's (run() resolves only once all of its
  // output is delivered), which includes threads started in the REPL that print later.
  const toRepl = ev.source ? ev.source === 'repl' : !running && repl !== null;
  if (toRepl) repl.write(ev.text, ev.stream);
  else {
    output.write(ev);
    threads.output(ev);
  }
}

async function connectRuntime(boot) {
  boot.setSink(routeOutput);
  boot.setEventSink(routeEvent);
  try {
    page.weft = await boot.weft;
  } catch (e) {
    failRuntime(
      boot.imported
        ? `The Python runtime failed to start: ${e.message}`
        : `The Python runtime could not be loaded (${e.message}). Build it with ` +
            '`cargo xtask playground`, which also serves the page.',
    );
    return;
  }
  const weft = page.weft;
  page.marks.runtimeReady = performance.now();
  page.mode = weft.mode;
  document.body.dataset.mode = weft.mode;
  const [label, cls, title] = MODES[weft.mode] || [weft.mode, 'warn', ''];
  const badge = $('mode');
  badge.textContent = params.has('mock') ? `${label} (mock)` : label;
  badge.className = `badge ${cls}`;
  badge.title = `${title}\n${weft.version ? `Weft ${weft.version}` : ''}`.trim();
  if (weft.mode === 'green') output.note(`Green threads: ${title}`, 'info');
  sched.setRuntimeMode(weft.mode);
  setState('ready');
  whenRepl.then((r) => r.attach(weft.repl));
  if (params.has('autorun') || runWhenReady) run();
}

function failRuntime(msg) {
  const badge = $('mode');
  badge.textContent = 'no runtime';
  badge.className = 'badge error';
  badge.title = msg;
  output.note(msg, 'error');
  whenRepl.then((r) => r.fail(msg));
  setState('error');
  console.warn(msg);
}

// ------------------------------------------------------------------------------------------
// Run and Stop

const ENDINGS = {
  0: ['ok', (ms) => `finished in ${ms} ms`],
  1: ['error', () => 'uncaught exception: the traceback is above'],
  3: ['deadlock', () => 'deadlock: every thread waits for another (the wait-for cycle is above)'],
  130: ['stopped', () => 'stopped'],
};

let runWhenReady = false;

/** Run the editor's script; `step`: a stepped run ({ schedule, onStep }). Resolves
 * weft.run's result (null if it did not run). */
async function run(step = null) {
  const weft = page.weft;
  if (!weft && page.state === 'loading') {
    // Ctrl+Enter before the runtime is up: run as soon as it is
    runWhenReady = true;
    setStatus('starting Python…', 'running');
    return;
  }
  if (!weft || running) return null;
  let schedule;
  let result = null;
  try {
    schedule = step ? step.schedule : sched.nextSchedule();
  } catch (e) {
    output.note(e.message, 'error');
    return null;
  }
  running = true;
  page.runs += 1;
  setState('running');
  output.clear();
  threads.clear();
  setStatus('running…', 'running');
  const t0 = performance.now();
  let status;
  const { code, shift } = schedule
    ? { code: editor.code(), shift: 0 }
    : withSwitchInterval(editor.code(), $('switch-interval').value);
  lineShift = shift;
  if (schedule) setStatus(`running · schedule ${schedule.length > 24 ? `${schedule.slice(0, 21)}…` : schedule}`, 'running');
  try {
    const trace = $('trace').checked;
    const onStep = step ? step.onStep : undefined;
    const r = await weft.run(code, { filename: $('filename').textContent || 'main.py', trace, schedule, onStep });
    ({ status } = r);
    result = r;
    page.lastRun = r;
    sched.showRun(r);
    if (r.diverged) output.note('The program did not follow the recorded schedule (was it changed since?).', 'warn');
  } catch (e) {
    output.note(`The runtime failed: ${e.message}`, 'error');
    status = -1;
  }
  const ms = Math.round(performance.now() - t0);
  running = false;
  page.lastStatus = status;
  page.lastRunMs = performance.now() - t0;
  output.flush();
  threads.flush();
  const [cls, text] = ENDINGS[status] || ['error', () => `exit status ${status}`];
  output.end(text(ms), cls);
  setStatus(cls === 'ok' ? `done · ${ms} ms` : text(ms).split(':')[0], cls);
  setState('ready');
  return result;
}

function stop() {
  if (page.exploring && page.weft) {
    page.weft.stopExplore();
    return;
  }
  if (board.stop()) return; // a run on the board: Ctrl-C to it
  if (running && page.weft) {
    setStatus('stopping…', 'running');
    page.weft.stop();
  }
}

// Explore: many schedules in a worker of their own, until one fails
async function explore() {
  const weft = page.weft;
  if (!weft || running) return;
  running = true;
  page.exploring = true;
  page.lastExplore = null;
  setState('running');
  sched.exploring(true);
  output.clear();
  threads.clear();
  const filename = $('filename').textContent || 'main.py';
  output.note(`Exploring: ${filename} under up to 1000 schedules (random and PCT), until one fails…`, 'info');
  setStatus('exploring…', 'running');
  let r = null;
  try {
    r = await weft.explore(editor.code(), {
      filename,
      runs: 1000,
      // the seed field's number (a reproducible exploration), else a random start
      seed: /^\d+$/.test(sched.seed.value.trim()) ? sched.seed.value.trim() : randomSeed(),
      onProgress: (p) => {
        sched.exploreProgress(p);
        page.exploreProgress = p;
      },
    });
  } catch (e) {
    output.note(`Explore failed: ${e.message}`, 'error');
  }
  running = false;
  page.exploring = false;
  page.lastExplore = r;
  sched.exploring(false);
  if (r) {
    sched.exploreDone(r);
    const secs = (r.ms / 1000).toFixed(2);
    const rate = r.ms > 0 ? Math.round((r.tried / r.ms) * 1000) : 0;
    if (r.failed) {
      const f = r.failed;
      output.note(`Run ${f.run} of ${r.tried} failed (${secs} s, ${rate} schedules/s): ${f.why}. `
        + `Its schedule is ${f.schedule}; its output:`, 'error');
      for (const o of f.output) output.write({ thread: 1, name: 'main', stream: o.stream, text: o.text });
      output.flush();
      output.end(`Deterministic mode is set to schedule ${f.schedule}: Run (or ↻ Replay) shows this run again, with its threads.`, 'deadlock');
      setStatus(`run ${f.run} failed`, 'error');
    } else {
      output.end(`${r.stopped ? 'Stopped: ' : ''}${r.tried} schedules in ${secs} s (${rate}/s), none failed.`, r.stopped ? 'stopped' : 'ok');
      setStatus(`${r.tried} schedules, none failed`, r.stopped ? 'stopped' : 'ok');
    }
  } else {
    setStatus('explore failed', 'error');
  }
  setState('ready');
}

function setStatus(text, cls) {
  const el = $('status');
  el.textContent = text;
  el.className = `status ${cls}`;
}

$('run').addEventListener('click', () => run());
$('stop').addEventListener('click', () => stop());
$('clear').addEventListener('click', () => output.clear());
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && (running || board.running())) stop();
});

// The board (WebSerial): web/ui/board/ adds the Board group; its code loads on Connect board.
const board = setupBoard({
  output,
  editor,
  page,
  toast,
  setStatus: (text, cls) => setStatus(text, cls),
});

// ------------------------------------------------------------------------------------------

let whenRepl = null;

/** Called by main.js with { weft: Promise, imported, setSink }. */
export function start(boot) {
  page.marks.app = performance.now();
  setState('loading');
  whenRepl = import('./repl.js').then(({ Repl }) => {
    repl = new Repl($('terminal'));
    page.terminalText = () => repl.text();
    page.marks.repl = performance.now();
    return repl;
  });
  initialScript().finally(() => connectRuntime(boot));
}
