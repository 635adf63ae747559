// The thread visualiser's model: what each Python thread and each lock was doing over time,
// rebuilt from the runtime's scheduling events (crates/vm/src/trace.rs, JSON form). Pure
// data, no DOM, so it can be checked in Node.
//
// Each thread has a list of segments (from time t on it was in state s, at source line
// `line`, about lock `lock`); each lock has its owner, its waiters and how long it was held.

export const RUNNING = 0; // holds the GIL
export const READY = 1; // could run, waits for the GIL
export const BLOCKED = 2; // waits for a lock
export const SLEEPING = 3; // time.sleep (or console input)
export const FINISHED = 4;
export const STATE_NAMES = ['running', 'waiting for the GIL', 'blocked on a lock', 'sleeping', 'finished'];

// events a thread can only cause while it runs (lock-acquire after a wait is reported by the
// thread before it has the GIL again, so a blocked thread is left to its 'ready' and 'run')
const SELF = new Set(['lock-wait', 'lock-acquire', 'lock-timeout', 'lock-release', 'sleep', 'input', 'start', 'uncaught', 'exit']);

// more events than this are counted, not kept: a lock taken in a tight loop makes millions
export const MAX_EVENTS = 200000;

export class Model {
  constructor() {
    this.reset();
  }

  reset() {
    this.threads = new Map(); // ident → thread
    this.order = []; // threads in the order they were first seen
    this.locks = new Map(); // lock id → lock
    this.events = 0;
    this.dropped = 0; // events past MAX_EVENTS, counted but not kept
    this.runner = null; // the thread marked running (it holds the GIL)
    this.t0 = null; // the first event's time (µs)
    this.tEnd = 0; // the last event's time, relative to t0 (µs)
    this.deadlock = false;
    this.deadlockAt = null; // when the runtime found a deadlock (µs since the first event)
    this.deadlockGraph = null; // the wait-for graph then (the runtime then ends the threads)
    this.deadlockOpen = false; // events of the deadlocked moment may still come in
    this.version = 0; // bumped by every change, so a view redraws only when needed
  }

  thread(id) {
    let th = this.threads.get(id);
    if (!th) {
      th = { id, name: null, seg: [], state: READY, lock: 0, line: 0, uncaught: false, wake: 0 };
      th.seg.push({ t: this.tEnd, s: READY, line: 0, lock: 0 });
      this.threads.set(id, th);
      this.order.push(th);
    }
    return th;
  }

  lock(id) {
    let l = this.locks.get(id);
    if (!l) {
      l = { id, owner: 0, since: 0, waiters: new Set(), held: 0, acquired: 0 };
      this.locks.set(id, l);
    }
    return l;
  }

  /** A thread's name from an output event (or `_thread._set_name`, reported with output). */
  name(id, name) {
    if (!name) return;
    const th = this.thread(id);
    if (th.name !== name) {
      th.name = name;
      this.version++;
    }
  }

  set(th, t, s, line, lock = 0) {
    if (line > 0) th.line = line;
    const last = th.seg[th.seg.length - 1];
    // events of different workers may arrive slightly out of order: a lane never goes back
    if (t < last.t) t = last.t;
    if (last.s === s && last.lock === lock && (line <= 0 || last.line === line)) return;
    if (last.t === t) {
      // several changes at one instant: keep the last
      last.s = s;
      last.lock = lock;
      last.line = th.line;
    } else th.seg.push({ t, s, line: th.line, lock });
    th.state = s;
    th.lock = lock;
    if (s === RUNNING) this.runner = th;
    else if (this.runner === th) this.runner = null;
  }

  /** A sleep of th that ended before t: from its end th waited for the GIL. */
  woke(th, t) {
    if (th.state === SLEEPING && th.wake <= t) this.set(th, th.wake, READY, 0);
  }

  /** Thread th holds the GIL from t: anyone else still marked running was preempted. */
  running(th, t, line) {
    if (this.runner && this.runner !== th) this.set(this.runner, t, READY, 0);
    this.set(th, t, RUNNING, line);
  }

  /** One scheduling event: { t, thread, line, kind, ... }. */
  add(ev) {
    if (this.events >= MAX_EVENTS) {
      this.dropped++;
      if (this.dropped === 1) this.version++;
      return;
    }
    if (this.t0 === null) this.t0 = ev.t;
    const t = Math.max(0, ev.t - this.t0);
    if (t > this.tEnd) this.tEnd = t;
    this.events++;
    this.version++;
    const th = this.thread(ev.thread);
    const line = ev.line || 0;
    // A thread that does something itself holds the GIL then: a sleeping or ready thread
    // that takes or releases a lock, sleeps, starts a thread or ends was running (the runtime
    // reports a GIL hand-off only when the GIL changed hands).
    if (SELF.has(ev.kind) && (th.state === SLEEPING || th.state === READY)) {
      // its sleep ended earlier: it ran from then on if nobody else held the GIL, else it
      // waited for the GIL
      const free = !this.runner || this.runner === th;
      if (th.state === SLEEPING && th.wake < t) this.set(th, th.wake, free ? RUNNING : READY, 0);
      this.running(th, t, 0);
    }
    switch (ev.kind) {
      case 'start': {
        // a finished thread's ident may be given to a new thread: that one gets a lane of its own
        if (this.threads.get(ev.child)?.state === FINISHED) this.threads.delete(ev.child);
        const child = this.thread(ev.child);
        this.set(child, t, READY, 0);
        if (line > 0) th.line = line;
        break;
      }
      case 'run':
      case 'switch':
        if (ev.prev && ev.prev !== ev.thread) {
          const prev = this.thread(ev.prev);
          if (prev.state === RUNNING) this.set(prev, t, READY, 0);
          this.woke(prev, t);
        }
        this.woke(th, t);
        this.running(th, t, line);
        break;
      case 'ready':
        if (th.state !== FINISHED) this.set(th, t, READY, line);
        break;
      case 'lock-wait': {
        const l = this.lock(ev.lock);
        l.waiters.add(ev.thread);
        if (ev.owner && !l.owner) {
          l.owner = ev.owner;
          l.since = t;
        }
        this.set(th, t, BLOCKED, line, ev.lock);
        break;
      }
      case 'lock-acquire': {
        const l = this.lock(ev.lock);
        l.waiters.delete(ev.thread);
        l.owner = ev.thread;
        l.since = t;
        l.acquired++;
        if (th.state === BLOCKED) this.set(th, t, READY, line);
        else if (line > 0) th.line = line;
        break;
      }
      case 'lock-timeout': {
        this.lock(ev.lock).waiters.delete(ev.thread);
        this.set(th, t, READY, line);
        break;
      }
      case 'lock-release': {
        const l = this.lock(ev.lock);
        if (l.owner) l.held += t - l.since;
        l.owner = 0;
        if (line > 0) th.line = line;
        break;
      }
      case 'sleep':
        this.set(th, t, SLEEPING, line);
        th.wake = t + (ev.us || 0); // then it waits for the GIL
        break;
      case 'input':
        this.set(th, t, SLEEPING, line);
        th.wake = Infinity;
        break;
      case 'uncaught':
        th.uncaught = true;
        break;
      case 'exit':
        this.set(th, t, FINISHED, line);
        break;
      case 'deadlock':
        this.deadlock = true;
        this.deadlockAt = t;
        this.deadlockOpen = true;
        break;
      default:
        if (line > 0) th.line = line;
    }
    if (this.deadlockOpen) {
      // keep the graph of the deadlocked moment: once the runtime ends the threads they run
      // again and exit, and the graph of the end is empty
      if ((ev.kind === 'run' || ev.kind === 'exit' || ev.kind === 'switch') && this.deadlockGraph?.cycle) {
        this.deadlockOpen = false;
      } else this.deadlockGraph = this.waitFor();
    }
  }

  /** The segment of thread `th` at time t (µs since the first event), or null. */
  at(th, t) {
    const seg = th.seg;
    let lo = 0;
    let hi = seg.length - 1;
    if (!seg.length || seg[0].t > t) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (seg[mid].t <= t) lo = mid;
      else hi = mid - 1;
    }
    return seg[lo];
  }

  label(th) {
    const generic = !th.name || th.name === 'MainThread' || th.name === 'main';
    if (th.id === 1 && generic) return 'main';
    return th.name || `thread ${th.id}`;
  }

  /**
   * The wait-for graph now: edges thread → lock (waits) and lock → thread (held by), and the
   * first cycle, as [{ thread, waitsFor: lock, heldBy: thread }...] or null.
   */
  waitFor() {
    const waits = new Map(); // thread → lock it waits for
    for (const th of this.order) if (th.state === BLOCKED && th.lock) waits.set(th.id, th.lock);
    const edges = [];
    for (const [tid, lid] of waits) edges.push({ thread: tid, lock: lid, owner: this.lock(lid).owner });
    let cycle = null;
    for (const start of waits.keys()) {
      const path = [];
      const seen = new Set();
      let cur = start;
      while (waits.has(cur) && !seen.has(cur)) {
        seen.add(cur);
        const lid = waits.get(cur);
        const owner = this.locks.get(lid)?.owner || 0;
        path.push({ thread: cur, lock: lid, owner });
        cur = owner;
      }
      if (cur && seen.has(cur)) {
        cycle = path.slice(path.findIndex((p) => p.thread === cur));
        break;
      }
    }
    return { edges, cycle };
  }

  /** A cycle in words: "A holds lock #1 and waits for lock #2, held by B, which waits for lock #1." */
  describe(cycle) {
    const name = (id) => this.label(this.thread(id));
    const last = cycle[cycle.length - 1];
    let s = `${name(cycle[0].thread)} holds lock #${last.lock} and waits for lock #${cycle[0].lock}`;
    for (let i = 1; i < cycle.length; i++) {
      s += `, held by ${name(cycle[i].thread)}, which waits for lock #${cycle[i].lock}`;
    }
    return `${s}.`;
  }
}
