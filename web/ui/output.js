// The output pane: Python output streamed as printed, each line marked with the thread that
// printed it (a colour per thread and its name). Text is queued and drawn once per animation
// frame, so a busy loop printing in three threads cannot freeze the page; the pane keeps the
// last MAX_LINES lines.

const MAX_LINES = 5000;
const COLOURS = 8;

/**
 * The name shown for a thread: its Python name when the runtime knows one, else the number
 * Weft's own reports use ("thread 2 holds lock #5"), so output and deadlock reports agree.
 */
function label(thread, name) {
  const generic = !name || name === 'main' || name === 'MainThread' || name === `Thread-${thread - 1}`;
  if (!generic) return name;
  return thread === 1 ? 'main' : `thread ${thread}`;
}

export class OutputPane {
  constructor(el, onFirstOutput) {
    this.el = el;
    this.onFirstOutput = onFirstOutput;
    this.queue = [];
    this.open = new Map(); // `${thread}/${stream}` → the line element still being printed
    this.scheduled = false;
    this.count = 0;
  }

  /** An output event of the runtime: { thread, name, stream, text }. */
  write(ev) {
    if (!ev.text) return;
    this.queue.push(ev);
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => this.flush());
    }
  }

  flush() {
    this.scheduled = false;
    if (!this.queue.length) return;
    const stick = this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 40;
    const frag = document.createDocumentFragment();
    for (const ev of this.queue.splice(0)) this.append(ev, frag);
    this.el.append(frag);
    this.trim();
    if (stick) this.el.scrollTop = this.el.scrollHeight;
    if (this.onFirstOutput) {
      this.onFirstOutput();
      this.onFirstOutput = null;
    }
  }

  append(ev, frag) {
    const key = `${ev.thread}/${ev.stream}`;
    const parts = ev.text.split('\n');
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last && part === '') return; // text ended with a newline
      let line = this.open.get(key);
      if (!line) {
        line = this.newLine(ev);
        frag.append(line);
        this.open.set(key, line);
      }
      line.lastChild.textContent += part;
      if (!last) this.open.delete(key);
    });
  }

  newLine(ev) {
    const line = document.createElement('div');
    const thread = Number(ev.thread) || 1;
    line.className = `ln ${ev.stream === 'stderr' ? 'err' : 'out'} c${(thread - 1) % COLOURS}`;
    line.dataset.thread = String(thread);
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = label(thread, ev.name);
    who.title = `thread ${thread}${ev.name ? ` (${ev.name})` : ''}, ${ev.stream}`;
    const txt = document.createElement('span');
    txt.className = 'txt';
    line.append(who, txt);
    this.count += 1;
    return line;
  }

  trim() {
    while (this.count > MAX_LINES && this.el.firstChild) {
      const first = this.el.firstChild;
      if (first.classList.contains('ln')) this.count -= 1;
      first.remove();
    }
  }

  /** A message from the page itself (not Python output). */
  note(text, cls = 'info') {
    this.flush();
    const el = document.createElement('div');
    el.className = `note ${cls}`;
    el.textContent = text;
    this.el.append(el);
    this.el.scrollTop = this.el.scrollHeight;
  }

  /** The line that ends a run: how it ended. */
  end(text, cls) {
    this.flush();
    this.open.clear();
    const el = document.createElement('div');
    el.className = `end ${cls}`;
    el.textContent = text;
    this.el.append(el);
    this.el.scrollTop = this.el.scrollHeight;
  }

  clear() {
    this.queue.length = 0;
    this.open.clear();
    this.count = 0;
    this.el.replaceChildren();
  }
}
