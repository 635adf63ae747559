// The "Threads" panel: a canvas timeline (a lane per thread, coloured by state), a table of
// locks and a wait-for graph (SVG) with a deadlock cycle drawn in red and named in words.
// Events are queued and folded into the model once per animation frame, and the panel is
// redrawn only when the model changed, so a run with 50 threads and 10 000 events stays
// responsive. Clicking the timeline picks a moment: each thread's line then is listed (and
// highlighted in the editor through `onMoment`).
import { threadColour } from '../step/step.js';
import { Model, MAX_EVENTS, RUNNING, READY, BLOCKED, SLEEPING, FINISHED, STATE_NAMES } from './model.js';

const COLOURS = {
  [RUNNING]: '#1b8a4b',
  [READY]: '#f2c14e',
  [BLOCKED]: '#c62839',
  [SLEEPING]: '#8fa8e8',
  [FINISHED]: '#e2e5ee',
};
const LANE = 20; // px per thread lane
const AXIS = 18; // px for the time axis
const NAME_W = 120; // px for the thread names on the left
const SVG = 'http://www.w3.org/2000/svg';
const MAX_LOCK_ROWS = 60; // the locks table shows the held and waited-for ones first
const MAX_EDGES = 12; // waits drawn in the graph (a cycle's first)
const SIDE_MS = 250; // the locks table and the graph are redrawn at most this often during a run

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const svg = (tag, attrs) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

export function fmtTime(us) {
  if (us >= 1e6) return `${(us / 1e6).toFixed(2)} s`;
  if (us >= 1e3) return `${(us / 1e3).toFixed(1)} ms`;
  return `${Math.round(us)} µs`;
}

export class ThreadsView {
  /** root: the panel's element; onMoment(lines: number[]) highlights lines in the editor. */
  constructor(root, { onMoment } = {}) {
    this.root = root;
    this.onMoment = onMoment || (() => {});
    this.model = new Model();
    this.queue = [];
    this.scheduled = false;
    this.drawn = -1;
    this.moment = null; // the clicked time (µs since the first event) or null
    // frames: animation frames that had work; renderMs: their time in all (addMs of it folding
    // events into the model); maxBatch: the most events folded in one frame
    this.stats = { frames: 0, renderMs: 0, maxRenderMs: 0, lastRenderMs: 0, addMs: 0, maxBatch: 0 };

    root.replaceChildren();
    const legend = el('div', 'viz-legend');
    for (const s of [RUNNING, READY, BLOCKED, SLEEPING, FINISHED]) {
      const item = el('span', 'viz-key');
      const sw = el('i');
      sw.style.background = COLOURS[s];
      item.append(sw, STATE_NAMES[s]);
      legend.append(item);
    }
    this.summary = el('span', 'viz-summary');
    legend.append(this.summary);

    this.scroll = el('div', 'viz-timeline');
    this.canvas = el('canvas');
    this.canvas.setAttribute('aria-label', 'Timeline: one lane per thread');
    // only the lanes in view are drawn: the canvas stays in place (sticky) over a spacer as
    // tall as all the lanes, so a run with thousands of threads scrolls without a huge canvas
    this.spacer = el('div', 'viz-spacer');
    this.scroll.append(this.canvas, this.spacer);
    this.viewH = 0;
    this.scroll.addEventListener('scroll', () => this.drawTimeline(), { passive: true });
    this.tip = el('div', 'viz-tip');
    this.scroll.append(this.tip);

    this.momentEl = el('div', 'viz-moment');
    this.momentEl.textContent = 'Click the timeline to see where each thread was at that moment.';

    const lower = el('div', 'viz-lower');
    const locksBox = el('div', 'viz-locks');
    locksBox.append(el('div', 'viz-h', 'Locks'));
    this.locksTable = el('table');
    locksBox.append(this.locksTable);
    const graphBox = el('div', 'viz-graph');
    graphBox.append(el('div', 'viz-h', 'Wait-for graph'));
    this.graph = svg('svg', { class: 'viz-svg', role: 'img', 'aria-label': 'Wait-for graph' });
    this.cycleEl = el('div', 'viz-cycle');
    graphBox.append(this.graph, this.cycleEl);
    lower.append(locksBox, graphBox);

    root.append(legend, this.scroll, this.momentEl, lower);

    this.canvas.addEventListener('click', (e) => this.click(e));
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => (this.tip.style.display = 'none'));
    // the timeline's width, kept here so that drawing never forces a layout
    this.width = 0;
    new ResizeObserver((entries) => {
      const r = entries[entries.length - 1].contentRect;
      if (r.width === this.width && r.height === this.viewH) return;
      this.width = r.width;
      this.viewH = r.height;
      this.request(true);
    }).observe(this.scroll);
    this.draw();
  }

  clear() {
    this.queue.length = 0;
    this.model.reset();
    this.moment = null;
    this.momentEl.textContent = 'Click the timeline to see where each thread was at that moment.';
    this.onMoment([]);
    this.request(true);
  }

  /** A scheduling event of the runtime (queued until the next frame). */
  event(ev) {
    this.queue.push(ev);
    this.request();
  }

  /** An output event: it carries the thread's Python name. */
  output(ev) {
    if (ev.name && ev.thread) {
      this.pendingNames = this.pendingNames || new Map();
      this.pendingNames.set(ev.thread, ev.name);
      this.request();
    }
  }

  request(force = false) {
    if (force) {
      this.drawn = -1;
      this.force = true;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => this.frame());
  }

  /** Fold the queued events into the model and redraw: one animation frame's work. */
  frame() {
    this.scheduled = false;
    const t0 = performance.now();
    const batch = this.queue.splice(0);
    for (const ev of batch) this.model.add(ev);
    this.stats.addMs += performance.now() - t0;
    if (batch.length > this.stats.maxBatch) this.stats.maxBatch = batch.length;
    if (this.pendingNames) {
      for (const [id, name] of this.pendingNames) this.model.name(id, name);
      this.pendingNames = null;
    }
    if (this.drawn !== this.model.version || this.force) this.draw(this.force);
    this.force = false;
    const ms = performance.now() - t0;
    const s = this.stats;
    s.frames++;
    s.renderMs += ms;
    s.lastRenderMs = ms;
    if (ms > s.maxRenderMs) s.maxRenderMs = ms;
  }

  /** Everything queued, drawn now (the end of a run). */
  flush() {
    this.force = true;
    this.frame();
  }

  /**
   * Redraw. The timeline is redrawn every time; the locks table and the graph (DOM, dearer)
   * at most every SIDE_MS while events stream in, and always when `all`.
   */
  draw(all = true) {
    const m = this.model;
    this.drawn = m.version;
    const threads = m.order;
    this.summary.textContent = threads.length
      ? `${threads.length} threads · ${m.events} events · ${fmtTime(m.tEnd)}` +
        (m.dropped ? ` · ${m.dropped} more events not shown (the first ${MAX_EVENTS} are)` : '')
      : 'no events yet (Run traces the threads)';
    this.drawTimeline();
    const now = performance.now();
    clearTimeout(this.sideTimer);
    if (all || now - (this.sideAt || 0) >= SIDE_MS) {
      this.sideAt = now;
      this.drawLocks();
      this.drawGraph();
      if (this.moment !== null) this.showMoment(this.moment);
    } else this.sideTimer = setTimeout(() => this.request(true), SIDE_MS);
  }

  // ---------------------------------------------------------------- timeline (canvas)

  span() {
    return Math.max(this.model.tEnd, 1);
  }

  xOf(t, w) {
    return NAME_W + ((w - NAME_W - 8) * t) / this.span();
  }

  drawTimeline() {
    const m = this.model;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(200, this.width || this.scroll.clientWidth);
    const total = AXIS + Math.max(1, m.order.length) * LANE + 4;
    const h = Math.min(total, this.viewH || 400);
    this.spacer.style.height = `${total - h}px`;
    const top = Math.min(this.scroll.scrollTop, total - h);
    const first = Math.max(0, Math.floor(top / LANE));
    const last = Math.min(m.order.length, Math.ceil((top + h - AXIS) / LANE) + 1);
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    const g = this.canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';
    g.textBaseline = 'middle';

    // time axis: about one tick per 90 px
    const span = this.span();
    const step = niceStep(span / Math.max(1, (w - NAME_W) / 90));
    g.fillStyle = '#6a7185';
    g.strokeStyle = '#eef0f5';
    // the deadlock marker's label sits left of its line; axis labels it would cover are left out
    const dead = m.deadlockAt !== null ? Math.round(this.xOf(m.deadlockAt, w)) + 0.5 : null;
    const deadW = g.measureText('deadlock').width + 6;
    for (let t = 0; t <= span; t += step) {
      const x = Math.round(this.xOf(t, w)) + 0.5;
      g.beginPath();
      g.moveTo(x, AXIS - 4);
      g.lineTo(x, h);
      g.stroke();
      const text = fmtTime(t);
      const x0 = x + 3;
      const x1 = x0 + g.measureText(text).width;
      if (dead === null || x1 < dead - deadW - 4 || x0 > dead + 2) g.fillText(text, x0, AXIS / 2);
    }

    g.save();
    g.beginPath();
    g.rect(0, AXIS, w, h - AXIS);
    g.clip();
    for (let i = first; i < last; i++) {
      const th = m.order[i];
      const y = AXIS + i * LANE - top;
      // the thread's colour (the same as step mode's marks in the editor)
      g.fillStyle = threadColour(th.id);
      g.fillRect(0, y + 3, 3, LANE - 6);
      g.fillStyle = th.uncaught ? '#c62839' : '#1d2130';
      g.fillText(clip(g, `${m.label(th)} · ${th.id}`, NAME_W - 10), 6, y + LANE / 2);
      const seg = th.seg;
      // segments narrower than a pixel are merged into the one drawn there
      let lastX = -1;
      for (let k = 0; k < seg.length; k++) {
        const x0 = this.xOf(seg[k].t, w);
        const x1 = k + 1 < seg.length ? this.xOf(seg[k + 1].t, w) : this.xOf(th.state === FINISHED ? seg[k].t : m.tEnd, w);
        if (x1 < lastX + 0.5 && k + 1 < seg.length) continue;
        g.fillStyle = COLOURS[seg[k].s];
        const from = Math.max(x0, lastX);
        g.fillRect(from, y + 3, Math.max(1, x1 - from), LANE - 6);
        lastX = Math.max(lastX, x1);
      }
    }
    g.restore();

    if (m.deadlockAt !== null) {
      const x = dead;
      g.strokeStyle = '#c62839';
      g.setLineDash([4, 3]);
      g.beginPath();
      g.moveTo(x, AXIS - 4);
      g.lineTo(x, h);
      g.stroke();
      g.setLineDash([]);
      const tw = deadW;
      g.fillStyle = '#fff';
      g.fillRect(x - tw - 1, 0, tw + 1, AXIS - 4);
      g.fillStyle = '#c62839';
      g.textAlign = 'right';
      g.fillText('deadlock', x - 3, AXIS / 2);
      g.textAlign = 'left';
    }
    if (this.moment !== null) {
      const x = Math.round(this.xOf(this.moment, w)) + 0.5;
      g.strokeStyle = '#3d5afe';
      g.lineWidth = 2;
      g.beginPath();
      g.moveTo(x, 0);
      g.lineTo(x, h);
      g.stroke();
      g.lineWidth = 1;
    }
  }

  /** The x of time t on the canvas, in CSS pixels from its left edge (for tests). */
  xAt(t) {
    return this.xOf(t, this.canvas.getBoundingClientRect().width);
  }

  /** The thread and time under a mouse event, or null. */
  pick(e) {
    const r = this.canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const w = r.width;
    if (x < NAME_W) return null;
    const t = Math.min(this.span(), Math.max(0, ((x - NAME_W) * this.span()) / (w - NAME_W - 8)));
    const i = y < AXIS ? -1 : Math.floor((y - AXIS + this.scroll.scrollTop) / LANE);
    return { t, th: i >= 0 && i < this.model.order.length ? this.model.order[i] : null, x, y };
  }

  hover(e) {
    const p = this.pick(e);
    const seg = p && p.th && this.model.at(p.th, p.t);
    if (!seg) {
      this.tip.style.display = 'none';
      return;
    }
    const label = this.model.label(p.th);
    const who = label === `thread ${p.th.id}` ? label : `${label} (thread ${p.th.id})`;
    this.tip.textContent = `${who} at ${fmtTime(p.t)}: ${describeSeg(seg)}`;
    this.tip.style.display = 'block';
    this.tip.style.left = `${Math.min(p.x + 12, this.scroll.clientWidth - 260)}px`;
    this.tip.style.top = `${p.y + 14 + this.scroll.scrollTop}px`;
  }

  click(e) {
    const p = this.pick(e);
    if (!p) return;
    this.moment = p.t;
    this.drawTimeline();
    this.showMoment(p.t);
  }

  /** Each thread's state and line at time t, listed under the timeline. */
  showMoment(t) {
    const m = this.model;
    const rows = [];
    const lines = [];
    for (const th of m.order) {
      const seg = m.at(th, t);
      if (!seg) continue;
      if (seg.s !== FINISHED && seg.line > 0) lines.push(seg.line);
      rows.push({ th, seg });
    }
    this.momentEl.replaceChildren(el('b', null, `At ${fmtTime(t)}: `));
    for (const { th, seg } of rows) {
      const item = el('span', `viz-at s${seg.s}`);
      item.dataset.thread = String(th.id);
      item.dataset.line = String(seg.line);
      item.textContent = `${m.label(th)} ${seg.s === FINISHED ? 'finished' : seg.line ? `line ${seg.line}` : 'starting'}`;
      item.title = describeSeg(seg);
      this.momentEl.append(item);
    }
    this.onMoment(lines);
  }

  // ---------------------------------------------------------------- locks table

  drawLocks() {
    const m = this.model;
    const name = (id) => (id ? m.label(m.thread(id)) : '—');
    const rows = [['lock', 'owner', 'waiters', 'held', 'taken']];
    // held and waited-for locks first, then the others by number
    const rank = (l) => (l.waiters.size ? 0 : l.owner ? 1 : 2);
    const all = [...m.locks.values()].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
    for (const l of all.slice(0, MAX_LOCK_ROWS)) {
      const now = l.owner ? m.tEnd - l.since : 0;
      rows.push([
        `#${l.id}`,
        name(l.owner),
        [...l.waiters].map(name).join(', ') || '—',
        l.owner ? `${fmtTime(now)} now` : l.acquired ? `${fmtTime(l.held)} in all` : '—',
        String(l.acquired),
      ]);
    }
    const table = this.locksTable;
    table.replaceChildren();
    rows.forEach((r, i) => {
      const tr = el('tr');
      for (const c of r) tr.append(el(i ? 'td' : 'th', null, c));
      if (i && r[2] !== '—') tr.className = 'contended';
      table.append(tr);
    });
    if (all.length > MAX_LOCK_ROWS) {
      const tr = el('tr');
      const td = el('td', 'empty', `and ${all.length - MAX_LOCK_ROWS} more locks, neither held nor waited for`);
      if (rank(all[MAX_LOCK_ROWS]) < 2) td.textContent = `and ${all.length - MAX_LOCK_ROWS} more locks`;
      td.colSpan = 5;
      tr.append(td);
      table.append(tr);
    }
    if (rows.length === 1) {
      const tr = el('tr');
      const td = el('td', 'empty', 'no lock used yet');
      td.colSpan = 5;
      tr.append(td);
      table.append(tr);
    }
  }

  // ---------------------------------------------------------------- wait-for graph (SVG)

  drawGraph() {
    const m = this.model;
    // after a deadlock: the graph of that moment (the runtime then ends every thread)
    const { edges: allEdges, cycle } = m.deadlockGraph || m.waitFor();
    const g = this.graph;
    g.replaceChildren();
    const inCycle = new Set();
    if (cycle) for (const c of cycle) inCycle.add(`t${c.thread}`).add(`l${c.lock}`);
    // many waiting threads: the cycle's edges and the first others, up to MAX_EDGES
    let edges = allEdges;
    if (edges.length > MAX_EDGES) {
      const mine = (e) => inCycle.has(`t${e.thread}`);
      edges = [...edges.filter(mine), ...edges.filter((e) => !mine(e))].slice(0, MAX_EDGES);
    }
    const notDrawn = allEdges.length - edges.length;
    // nodes: waiting threads, their locks, the locks' owners, on a circle
    const nodes = [];
    const add = (key, label, kind) => {
      if (!nodes.some((n) => n.key === key)) nodes.push({ key, label, kind });
    };
    for (const e of edges) {
      add(`t${e.thread}`, m.label(m.thread(e.thread)), 'thread');
      add(`l${e.lock}`, `lock #${e.lock}`, 'lock');
      if (e.owner) add(`t${e.owner}`, m.label(m.thread(e.owner)), 'thread');
    }
    // drawn at the size it is shown, so that text keeps its size
    const W = Math.max(160, g.clientWidth || 300);
    const H = Math.max(90, g.clientHeight || 170);
    g.setAttribute('viewBox', `0 0 ${W} ${H}`);
    const defs = svg('defs', {});
    for (const [id, colour] of [['viz-arrow', '#6a7185'], ['viz-arrow-red', '#c62839']]) {
      const mk = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      mk.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
      defs.append(mk);
    }
    g.append(defs);
    if (!nodes.length) {
      const t = svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'viz-none' });
      t.textContent = 'no thread waits for a lock';
      g.append(t);
      this.cycleEl.textContent = '';
      this.cycleEl.className = 'viz-cycle';
      return;
    }
    const pos = new Map();
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      const one = nodes.length === 1;
      pos.set(n.key, { x: W / 2 + (one ? 0 : (W / 2 - 36) * Math.cos(a)), y: H / 2 + (one ? 0 : (H / 2 - 16) * Math.sin(a)) });
    });
    const arrow = (from, to, red, label) => {
      const a = pos.get(from);
      const b = pos.get(to);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.hypot(dx, dy) || 1;
      const pad = 26;
      const line = svg('line', {
        x1: a.x + (dx * pad) / d, y1: a.y + (dy * pad) / d, x2: b.x - (dx * pad) / d, y2: b.y - (dy * pad) / d,
        class: red ? 'edge cycle' : 'edge', 'marker-end': `url(#${red ? 'viz-arrow-red' : 'viz-arrow'})`,
      });
      const title = svg('title', {});
      title.textContent = label;
      line.append(title);
      g.append(line);
    };
    for (const e of edges) {
      const red = inCycle.has(`t${e.thread}`) && inCycle.has(`l${e.lock}`);
      arrow(`t${e.thread}`, `l${e.lock}`, red, 'waits for');
      if (e.owner && pos.has(`t${e.owner}`)) arrow(`l${e.lock}`, `t${e.owner}`, red && inCycle.has(`t${e.owner}`), 'held by');
    }
    for (const n of nodes) {
      const p = pos.get(n.key);
      const red = inCycle.has(n.key);
      const grp = svg('g', { class: `node ${n.kind}${red ? ' cycle' : ''}`, 'data-key': n.key });
      if (n.kind === 'lock') grp.append(svg('rect', { x: p.x - 30, y: p.y - 11, width: 60, height: 22, rx: 4 }));
      else grp.append(svg('ellipse', { cx: p.x, cy: p.y, rx: 30, ry: 13 }));
      const t = svg('text', { x: p.x, y: p.y + 4, 'text-anchor': 'middle' });
      t.textContent = n.label.length > 10 ? `${n.label.slice(0, 9)}…` : n.label;
      grp.append(t);
      g.append(grp);
    }
    const more = notDrawn ? ` (${notDrawn} more waiting threads not drawn)` : '';
    if (cycle) {
      this.cycleEl.className = 'viz-cycle deadlock';
      this.cycleEl.textContent = `Deadlock: ${m.describe(cycle)}${more}`;
    } else {
      this.cycleEl.className = 'viz-cycle';
      this.cycleEl.textContent = more.trim();
    }
  }
}

function describeSeg(seg) {
  const where = seg.line > 0 && seg.s !== FINISHED ? ` at line ${seg.line}` : '';
  if (seg.s === BLOCKED) return `blocked on lock #${seg.lock}${where}`;
  return `${STATE_NAMES[seg.s]}${where}`;
}

function niceStep(raw) {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const k of [1, 2, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

function clip(g, text, width) {
  if (g.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && g.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s}…`;
}
