// How threads run, in the page: real threads (workers) or deterministic (the green
// backend under a schedule: a seed, `pct:SEED:DEPTH:STEPS` or a recorded `replay:...`), the
// schedule of the last run (shown, copyable, saved in share links), and Explore (many
// schedules in a worker until one fails; see web/runtime/weft.js `explore`).
//
// This module owns only its bar; app.js asks it which schedule the next run uses and tells
// it what happened.

const RANDOM_SEED_MAX = 1_000_000;

export function randomSeed() {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return String(a[0] % RANDOM_SEED_MAX);
}

// a schedule string the runtime accepts (checked again, precisely, by the VM)
export function looksLikeSchedule(s) {
  // (`T.L`: a one-line step of step mode)
  return /^(\d+|random:\d+|pct:\d+(:\d+){0,2}|replay:[\d.,*L]*)$/.test(s);
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

export class ScheduleBar {
  /**
   * hooks: onExplore(), onStopExplore(), onReplay(schedule), onModeChange(deterministic),
   * toast(text).
   */
  constructor(root, hooks) {
    this.hooks = hooks;
    this.last = null; // { schedule, replay } of the last deterministic run
    this.failing = null; // the failing run Explore found
    this.stepHook = null; // set by step mode: (schedule) => open it for stepping
    this.mode = el('select', { id: 'threads-mode', 'aria-label': 'How threads run',
      title: 'Real threads: every Python thread is a Web Worker, the interleaving is the '
        + "machine's. Deterministic: the threads take turns on one worker under a seeded "
        + 'schedule; the same schedule gives the same interleaving and output, every time.' },
    el('option', { value: 'threads' }, 'real threads'),
    el('option', { value: 'deterministic' }, 'deterministic'));
    this.seed = el('input', { id: 'seed', type: 'text', placeholder: 'random seed',
      spellcheck: 'false', autocomplete: 'off', 'aria-label': 'Schedule (seed)',
      title: 'The schedule of the next run: a seed (a number), pct:SEED:DEPTH:STEPS, or a '
        + 'recorded replay:... Empty: a new random seed each run.' });
    this.dice = el('button', { id: 'seed-random', type: 'button', title: 'A new random seed' }, 'random');
    this.shown = el('code', { id: 'schedule-shown', title: 'The schedule of the last run' });
    this.copy = el('button', { id: 'schedule-copy', type: 'button', class: 'link',
      title: 'Copy the schedule of the last run' }, 'copy');
    this.copyReplay = el('button', { id: 'schedule-copy-replay', type: 'button', class: 'link',
      title: 'Copy the recorded decisions (replay:...) of the last run' }, 'copy decisions');
    this.last_ = el('span', { class: 'sched-last', hidden: true }, 'last run: ', this.shown, ' ',
      this.copy, ' ', this.copyReplay);
    this.explore = el('button', { id: 'explore', type: 'button',
      title: 'Run the program under many schedules (random and PCT) until one fails: an '
        + 'exception in a thread, a deadlock, or output different from the first run' }, 'Explore');
    this.exploreStop = el('button', { id: 'explore-stop', type: 'button', hidden: true }, '■ Stop exploring');
    this.progress = el('span', { id: 'explore-progress', class: 'sched-progress' });
    this.replay = el('button', { id: 'replay', type: 'button', hidden: true,
      title: 'Run the failing schedule again (deterministic)' }, '↻ Replay failing run');
    this.step = el('button', { id: 'replay-step', type: 'button', hidden: true,
      title: 'Open the failing schedule in step mode' }, 'Step through it');
    this.detSpan = el('span', { class: 'sched-det' }, this.seed, this.dice);
    root.classList.add('sched-bar');
    root.append(el('label', { class: 'sched-label' }, 'Threads ', this.mode), this.detSpan,
      this.last_, el('span', { class: 'spacer' }), this.progress, this.replay, this.step,
      this.explore, this.exploreStop);

    this.mode.addEventListener('change', () => this.modeChanged());
    this.dice.addEventListener('click', () => {
      this.seed.value = randomSeed();
      this.setDeterministic(true);
    });
    this.seed.addEventListener('change', () => this.seed.classList.toggle('bad',
      !!this.seed.value.trim() && !looksLikeSchedule(this.seed.value.trim())));
    this.copy.addEventListener('click', () => this.copyText(this.last && this.last.schedule, 'Schedule'));
    this.copyReplay.addEventListener('click', () => this.copyText(this.last && this.last.replay, 'Recorded decisions'));
    this.explore.addEventListener('click', () => hooks.onExplore());
    this.exploreStop.addEventListener('click', () => hooks.onStopExplore());
    this.replay.addEventListener('click', () => {
      if (!this.failing) return;
      this.seed.value = this.failing.schedule;
      this.setDeterministic(true);
      hooks.onReplay(this.failing.schedule);
    });
    this.step.addEventListener('click', () => {
      if (this.failing && this.stepHook) this.stepHook(this.failing.replay || this.failing.schedule);
    });
    this.modeChanged();
  }

  async copyText(text, what) {
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      this.hooks.toast(`${what} copied.`);
    } catch {
      window.prompt(`${what}:`, text);
    }
  }

  modeChanged() {
    const det = this.deterministic();
    this.detSpan.hidden = !det;
    if (this.hooks.onModeChange) this.hooks.onModeChange(det);
  }

  deterministic() {
    return this.mode.value === 'deterministic';
  }

  setDeterministic(on) {
    this.mode.value = on ? 'deterministic' : 'threads';
    this.modeChanged();
  }

  /** In a page without real threads, the first choice says what it really is. */
  setRuntimeMode(mode) {
    this.mode.options[0].textContent = mode === 'workers' ? 'real threads' : 'green (round robin)';
  }

  /**
   * The schedule the next run uses: null for real threads; else the seed field's schedule
   * or a new random seed. Throws on a malformed field.
   */
  nextSchedule() {
    if (!this.deterministic()) return null;
    const s = this.seed.value.trim();
    if (!s) return randomSeed();
    if (!looksLikeSchedule(s)) {
      throw new Error(`"${s}" is not a schedule: a seed (a number), pct:SEED:DEPTH:STEPS or replay:...`);
    }
    return s;
  }

  /** The schedule a share link keeps: the last deterministic run's, else the field's. */
  linkSchedule() {
    if (!this.deterministic()) return null;
    if (this.last) return this.last.schedule;
    const s = this.seed.value.trim();
    return s && looksLikeSchedule(s) ? s : null;
  }

  /** A link or Explore chose the schedule: deterministic mode, ready to run it. */
  useSchedule(s) {
    this.seed.value = s;
    this.setDeterministic(true);
  }

  /** After a run: what schedule it ran under (result of weft.run). */
  showRun(r) {
    if (!r || !r.schedule) {
      this.last = null;
      this.last_.hidden = true;
      return;
    }
    this.last = { schedule: r.schedule, replay: r.replay || null };
    const short = r.schedule.length > 40 ? `${r.schedule.slice(0, 37)}…` : r.schedule;
    this.shown.textContent = short;
    this.shown.title = r.diverged
      ? 'The program did not follow this recorded schedule (it was changed?)'
      : `The schedule of the last run: ${short}`;
    this.shown.classList.toggle('diverged', !!r.diverged);
    this.copyReplay.hidden = !r.replay;
    this.last_.hidden = false;
  }

  /** Explore's state: 'running' (with progress) or 'idle'. */
  exploring(on) {
    this.explore.hidden = on;
    this.exploreStop.hidden = !on;
    this.mode.disabled = on;
    if (on) {
      this.failing = null;
      this.replay.hidden = true;
      this.step.hidden = true;
      this.progress.textContent = 'exploring…';
    }
  }

  exploreProgress(p) {
    const rate = p.ms > 0 ? Math.round((p.tried / p.ms) * 1000) : 0;
    this.progress.textContent = `${p.tried} runs · ${rate}/s`;
  }

  /** Explore ended (r: weft.explore's result). */
  exploreDone(r) {
    const secs = (r.ms / 1000).toFixed(1);
    const rate = r.ms > 0 ? Math.round((r.tried / r.ms) * 1000) : 0;
    if (r.failed) {
      this.failing = r.failed;
      this.progress.textContent = `run ${r.failed.run} failed · ${r.tried} tried in ${secs} s`;
      this.useSchedule(r.failed.schedule);
      this.replay.hidden = false;
      this.step.hidden = !this.stepHook;
    } else {
      this.progress.textContent = `${r.stopped ? 'stopped: ' : ''}${r.tried} runs, none failed · ${secs} s · ${rate}/s`;
    }
  }

  /**
   * Step mode's hook: `f(schedule)` opens a schedule (a `replay:` string or a short form)
   * for stepping; the "Step through it" button appears next to a failing run.
   */
  setStepHook(f) {
    this.stepHook = f;
    if (this.failing) this.step.hidden = !f;
  }
}
