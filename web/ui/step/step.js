// Step mode: the learner plays the scheduler. A stepped run is a deterministic green run
// (schedule `step`, or `step:replay:...` to start from a recorded schedule) whose every
// decision comes here: the bar lists the threads (state, line), the editor marks each
// thread's line in the thread's colour, and the learner picks who runs next — one line
// (Step), until it blocks (Run), or everyone to the end (Resume; Pause asks again). The
// run's recorded schedule (`replay:...`) replays it, in deterministic mode or a share link.

/** One colour per thread (by ident), the same in the editor, this bar and the Threads view. */
const PALETTE = ['#2f6fdf', '#d9480f', '#2b8a3e', '#9c36b5', '#e67700', '#0b7285', '#c2255c', '#5c940d'];
export function threadColour(id) {
  return PALETTE[(Math.max(1, id) - 1) % PALETTE.length];
}

const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'hidden') e.hidden = !!v;
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
};

/** The words for a thread's state: "blocked on lock_a (held by A)". */
export function describeState(t, label) {
  switch (t.state) {
    case 'new': return 'not started';
    case 'ready': return t.call ? `ready (in ${t.call}())` : 'ready';
    case 'lock': {
      const lock = t.lockName || (t.call ? null : `lock #${t.lock}`);
      const holder = t.owner && t.owner !== t.id ? ` (held by ${label(t.owner)})` : '';
      if (lock) return `blocked on ${lock}${holder}`;
      return `blocked in ${t.call}()`;
    }
    case 'sleep': return `sleeping (${(t.us / 1000).toFixed(t.us < 10000 ? 1 : 0)} ms left)`;
    case 'pinned': return 'waiting inside a call';
    case 'done': return 'done';
    default: return t.state;
  }
}

/** The decisions of a `replay:` string, one per decision ({ thread|null, ticks|'L' }). */
export function parseReplay(text) {
  const body = String(text || '').replace(/^step:/, '').replace(/^replay:/, '');
  const out = [];
  if (!body.trim()) return out;
  for (const item of body.split(',')) {
    const m = /^(\d*)\.(\d+|L)(?:\*(\d+))?$/.exec(item.trim());
    if (!m) return null;
    for (let i = 0; i < Number(m[3] || 1); i++) out.push({ thread: m[1] ? Number(m[1]) : null, ticks: m[2] });
  }
  return out;
}

export function formatReplay(steps) {
  const parts = [];
  for (let i = 0; i < steps.length;) {
    let n = 1;
    while (i + n < steps.length && steps[i + n].thread === steps[i].thread && steps[i + n].ticks === steps[i].ticks) n++;
    parts.push(`${steps[i].thread ?? ''}.${steps[i].ticks}${n > 1 ? `*${n}` : ''}`);
    i += n;
  }
  return `replay:${parts.join(',')}`;
}

export class StepBar {
  /**
   * hooks: run({ schedule, onStep }) starts a run and resolves when it ends; pause() asks
   * for the next decision after Resume / Run; canStep() says whether a run may start now
   * (and why not, as a string); highlight(threads) marks the editor; toast(text).
   */
  constructor(root, hooks) {
    this.hooks = hooks;
    this.root = root;
    this.view = null; // the decision shown (green::View)
    this.answer = null; // resolves the pending decision
    this.active = false; // a stepped run is in progress
    this.names = new Map(); // thread id → name (kept after the thread ends)
    this.hint = []; // the recorded picks after a prefix (Explore's failing run)
    this.page = { active: false, waiting: false, view: null, decisions: 0, steps: [], ended: null, asked: 0 };

    this.start = el('button', { id: 'step-start', type: 'button',
      title: 'Run the script one step at a time: you choose which thread runs next' }, 'Step through…');
    this.resume = el('button', { id: 'step-resume', type: 'button', title: 'Let every thread run to the end (deterministic round robin)' }, 'Resume');
    this.pauseBtn = el('button', { id: 'step-pause', type: 'button', title: 'Ask again at the next decision' }, 'Pause');
    this.info = el('span', { class: 'step-info', id: 'step-info' });
    this.list = el('div', { class: 'step-threads', id: 'step-threads', role: 'list', 'aria-label': 'Threads' });
    this.hintEl = el('div', { class: 'step-hint', id: 'step-hint', hidden: true });
    root.replaceChildren(
      el('div', { class: 'step-row' }, el('span', { class: 'step-title' }, 'Step mode'), this.start,
        this.resume, this.pauseBtn, this.info),
      this.hintEl, this.list);
    root.classList.add('step-bar');
    this.start.addEventListener('click', () => this.begin());
    this.resume.addEventListener('click', () => this.send('c'));
    this.pauseBtn.addEventListener('click', () => {
      this.hooks.pause();
      this.pauseBtn.disabled = true;
    });
    this.sync();
  }

  label(id) {
    if (id === 1) return 'main';
    const n = this.names.get(id);
    return n ? `${n}` : `thread ${id}`;
  }

  /**
   * Start a stepped run; `from`: a recorded schedule (Explore's failing run) to replay
   * first. Its first 3/4 are replayed, then the learner steps on, shown the recording's next
   * picks; if the failure came before that (the run ended before any decision was left to
   * ask), the replayed start is halved and the run made again (each try takes
   * milliseconds: the schedule is deterministic).
   */
  async begin(from = null) {
    const why = this.hooks.canStep();
    if (why !== true) {
      this.hooks.toast(why);
      return;
    }
    const steps = from ? parseReplay(from) : null;
    let keep = steps && steps.length > 1 ? Math.floor(steps.length * 0.75) : 0;
    this.active = true;
    this.sync();
    let r = null;
    try {
      for (;;) {
        this.hint = keep > 0 ? steps.slice(keep).map((s) => s.thread).filter((t) => t !== null) : [];
        const schedule = keep > 0 ? `step:${formatReplay(steps.slice(0, keep))}` : 'step';
        this.names = new Map();
        Object.assign(this.page, { active: true, waiting: false, view: null, decisions: 0, steps: [],
          ended: null, schedule, asked: 0 });
        this.info.textContent = keep > 0 ? `replaying the first ${keep} of ${steps.length} recorded decisions…` : 'starting…';
        r = await this.hooks.run({ schedule, onStep: (view) => this.decide(view) });
        if (this.page.asked > 0 || keep === 0 || !r || r.status === 130) break;
        keep = Math.floor(keep / 2);
      }
    } finally {
      this.active = false;
      this.answer = null;
      this.view = null;
      this.page.active = false;
      this.page.waiting = false;
      this.page.ended = r;
      this.hooks.highlight([]);
      this.list.replaceChildren();
      this.hintEl.hidden = true;
      this.info.textContent = r && r.replay
        ? `ended (status ${r.status}) after ${this.page.decisions} decisions: deterministic mode replays it`
        : r ? `ended (status ${r.status})` : '';
      this.sync();
    }
  }

  /** A decision: show it and wait for the learner. */
  decide(view) {
    for (const t of view.threads) if (t.name) this.names.set(t.id, t.name);
    this.view = view;
    this.page.view = view;
    this.page.asked += 1;
    this.page.decisions = view.decisions;
    this.page.waiting = true;
    const p = new Promise((resolve) => {
      this.answer = resolve;
    });
    this.render();
    return p;
  }

  send(cmd) {
    const answer = this.answer;
    if (!answer) return;
    this.answer = null;
    this.page.waiting = false;
    this.page.steps.push(cmd);
    if (cmd !== 'c' && this.hint.length) this.hint.shift();
    this.pauseBtn.disabled = false;
    this.info.textContent = cmd === 'c' ? 'running to the end… (Pause asks again)'
      : cmd.startsWith('r ') ? `${this.label(Number(cmd.slice(2)))} runs until it blocks…` : 'running one line…';
    for (const b of this.list.querySelectorAll('button')) b.disabled = true;
    this.resume.disabled = true;
    answer(cmd);
  }

  render() {
    const v = this.view;
    const ready = new Set(v.ready);
    const why = { 'slice-end': 'went to its next line', blocked: 'blocked', exited: 'ended' }[v.why] || v.why;
    this.info.textContent = v.decisions === 0 ? 'the program has not started: step main to its first line'
      : `decision ${v.decisions}: ${this.label(v.current)} ${why} · who runs next?`;
    const rows = v.threads.map((t) => {
      const colour = threadColour(t.id);
      const row = el('div', { class: `step-thread s-${t.state}${ready.has(t.id) ? ' ready' : ''}`,
        role: 'listitem', 'data-thread': String(t.id), 'data-state': t.state, 'data-line': String(t.line) });
      row.style.setProperty('--step-colour', colour);
      const name = el('span', { class: 'step-name' }, el('i', { class: 'step-swatch' }), this.label(t.id));
      const where = el('span', { class: 'step-line' }, t.line ? `line ${t.line}` : '—');
      const state = el('span', { class: 'step-state' }, describeState(t, (id) => this.label(id)));
      const step = el('button', { type: 'button', class: 'step-one', title: `${this.label(t.id)} runs one line` }, 'Step');
      const run = el('button', { type: 'button', class: 'step-run', title: `${this.label(t.id)} runs until it blocks or ends` }, 'Run');
      step.disabled = run.disabled = !ready.has(t.id);
      step.addEventListener('click', () => this.send(`s ${t.id}`));
      run.addEventListener('click', () => this.send(`r ${t.id}`));
      row.append(name, where, state, step, run);
      return row;
    });
    this.list.replaceChildren(...rows);
    if (this.hint.length) {
      this.hintEl.hidden = false;
      this.hintEl.textContent = `The recorded failing run picks next: ${this.hint.slice(0, 12).map((t) => this.label(t)).join(', ')}${this.hint.length > 12 ? ', …' : ''}`;
    } else {
      this.hintEl.hidden = true;
    }
    this.hooks.highlight(v.threads.filter((t) => t.state !== 'done' && t.line > 0).map((t) => ({
      id: t.id, line: t.line, colour: threadColour(t.id), label: this.label(t.id),
      current: t.id === v.current,
    })));
    this.sync();
  }

  sync() {
    const waiting = !!this.answer;
    this.start.disabled = this.active;
    this.resume.disabled = !waiting;
    this.pauseBtn.hidden = !this.active;
    this.root.dataset.active = this.active ? 'yes' : 'no';
  }
}
