// The REPL terminal: xterm.js with a small line editor (the maintained xterm line-editing
// addons don't offer continuation prompts with auto-indent and an interrupt for a statement
// that runs asynchronously).
//
// Keys: Enter, ←/→, Home/End (Ctrl-A/Ctrl-E), Backspace/Delete, ↑/↓ history (kept in
// localStorage), Ctrl-U/Ctrl-K kill, Ctrl-L clear, Tab completes (or indents), Ctrl-C cancels
// the line or interrupts the running statement. Pasted lines are pushed one by one.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

const PS1 = '>>> ';
const PS2 = '... ';
const HISTORY_KEY = 'weft.history';
const HISTORY_MAX = 200;

export class Repl {
  constructor(el) {
    this.term = new Terminal({
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: true,
      convertEol: true,
      scrollback: 2000,
      theme: {
        background: '#1e2230',
        foreground: '#e4e6ee',
        cursor: '#f5c26b',
        selectionBackground: '#46506e',
      },
    });
    const fit = new FitAddon();
    this.term.loadAddon(fit);
    this.term.open(el);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        /* not laid out yet */
      }
    };
    refit();
    new ResizeObserver(refit).observe(el);
    this.term.onData((d) => this.input(d));
    this.api = null; // the runtime's repl object
    this.busy = false; // a pushed line is running
    this.atPrompt = false;
    this.prompt = PS1;
    this.line = '';
    this.cursor = 0;
    this.row = 0; // the terminal row of the cursor, counted from the prompt's first row
    this.typeahead = ''; // keys that came while busy, or the rest of a paste
    this.lastEndedLine = true; // the last output ended with a newline
    try {
      this.history = JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
    } catch {
      this.history = [];
    }
    this.hpos = this.history.length;
    this.term.write('\x1b[2mstarting Python…\x1b[0m');
  }

  attach(api) {
    this.api = api;
    this.term.write('\r\x1b[K');
    if (api.banner) this.term.write(`${api.banner}\r\n`);
    this.term.write('\x1b[2mType Python here; threads you start keep printing above the prompt.\x1b[0m\r\n');
    this.showPrompt(PS1);
  }

  /** The whole terminal buffer as text (scrollback included), for tests. */
  text() {
    const b = this.term.buffer.active;
    const rows = [];
    for (let i = 0; i < b.length; i++) rows.push(b.getLine(i).translateToString(true));
    return rows.join('\n').trimEnd();
  }

  fail(msg) {
    this.term.write(`\r\x1b[K\x1b[31m${msg}\x1b[0m\r\n`);
  }

  /** Output of the REPL's interpreter (while a statement runs, or from its threads later). */
  write(text, stream) {
    const coloured = stream === 'stderr' ? `\x1b[31m${text}\x1b[0m` : text;
    if (this.atPrompt) {
      // print above the prompt, then draw the prompt and the line being typed again
      this.term.write(`${this.toPromptStart()}\x1b[J${coloured}`);
      this.lastEndedLine = text.endsWith('\n');
      if (!this.lastEndedLine) this.term.write('\r\n');
      this.lastEndedLine = true;
      this.redraw();
    } else {
      this.term.write(coloured);
      this.lastEndedLine = text.endsWith('\n');
    }
  }

  showPrompt(p, prefill = '') {
    this.prompt = p;
    this.line = prefill;
    this.cursor = prefill.length;
    this.hpos = this.history.length;
    if (!this.lastEndedLine) this.term.write('\r\n');
    this.lastEndedLine = true;
    this.atPrompt = true;
    this.row = 0;
    this.redraw();
    if (this.typeahead) {
      const t = this.typeahead;
      this.typeahead = '';
      this.input(t);
    }
  }

  /** The cursor to the end of the line being typed (before a new line is started). */
  toEnd() {
    if (this.cursor !== this.line.length) {
      this.cursor = this.line.length;
      this.redraw();
    }
  }

  /** Escape codes that move to column 0 of the prompt's first row. */
  toPromptStart() {
    return `${this.row > 0 ? `\x1b[${this.row}A` : ''}\r`;
  }

  /** Draw the prompt and the line (wrapped over as many rows as it takes), then place the
   * cursor. */
  redraw() {
    const cols = Math.max(this.term.cols, 1);
    const end = this.prompt.length + this.line.length;
    const at = this.prompt.length + this.cursor;
    let out = `${this.toPromptStart()}\x1b[J${this.prompt}${this.line}`;
    // after writing a whole row the cursor waits on its last column: a space and a
    // backspace take it to the next row
    if (end > 0 && end % cols === 0) out += ' \b';
    const endRow = Math.floor(end / cols);
    const row = Math.floor(at / cols);
    if (endRow > row) out += `\x1b[${endRow - row}A`;
    out += '\r';
    if (at % cols > 0) out += `\x1b[${at % cols}C`;
    this.row = row;
    this.term.write(out);
  }

  input(data) {
    if (!this.api) return;
    if (!this.atPrompt) {
      // a statement runs: Ctrl-C interrupts it, other keys wait for the next prompt
      const i = data.indexOf('\x03');
      if (i >= 0) {
        this.typeahead = '';
        this.api.interrupt();
      } else {
        this.typeahead += data;
      }
      return;
    }
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        // escape sequences: CSI (ESC [) and SS3 (ESC O)
        const m = /^\x1b(?:\[([0-9;]*)([A-Za-z~])|O([A-Za-z]))/.exec(data.slice(i));
        if (m) {
          this.key(m[2] || m[3], m[1] || '');
          i += m[0].length - 1;
        }
        continue;
      }
      if (c === '\r' || c === '\n') {
        if (c === '\r' && data[i + 1] === '\n') i++;
        // the rest of a paste waits for this line's result
        this.typeahead = data.slice(i + 1) + this.typeahead;
        this.enter();
        return;
      }
      this.control(c);
    }
  }

  key(code, arg) {
    switch (code) {
      case 'A':
        return this.historyMove(-1);
      case 'B':
        return this.historyMove(1);
      case 'C':
        if (this.cursor < this.line.length) {
          this.cursor++;
          this.redraw();
        }
        return;
      case 'D':
        if (this.cursor > 0) {
          this.cursor--;
          this.redraw();
        }
        return;
      case 'H':
        this.cursor = 0;
        return this.redraw();
      case 'F':
        this.cursor = this.line.length;
        return this.redraw();
      case '~':
        if (arg === '3' && this.cursor < this.line.length) {
          this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
          this.redraw();
        } else if (arg === '1' || arg === '7') this.key('H');
        else if (arg === '4' || arg === '8') this.key('F');
        return;
      default:
    }
  }

  control(c) {
    switch (c) {
      case '\x03': // Ctrl-C: drop the line (and a block being typed)
        this.toEnd();
        this.term.write('^C\r\n');
        if (this.prompt === PS2 && this.api.cancel) this.api.cancel();
        else if (this.prompt === PS2) this.api.interrupt();
        this.typeahead = '';
        return this.showPrompt(PS1);
      case '\x7f':
      case '\b':
        if (this.cursor > 0) {
          this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
          this.cursor--;
          this.redraw();
        }
        return;
      case '\x01':
        return this.key('H');
      case '\x05':
        return this.key('F');
      case '\x15':
        this.line = this.line.slice(this.cursor);
        this.cursor = 0;
        return this.redraw();
      case '\x0b':
        this.line = this.line.slice(0, this.cursor);
        return this.redraw();
      case '\x0c':
        this.term.clear();
        return this.redraw();
      case '\t':
        return this.tab();
      default:
        if (c >= ' ') this.insert(c);
    }
  }

  insert(text) {
    this.line = this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor);
    this.cursor += text.length;
    this.redraw();
  }

  async tab() {
    const before = this.line.slice(0, this.cursor);
    if (!before.trim() || !this.api.complete) return this.insert('    ');
    const word = /[\w.]*$/.exec(before)[0];
    let options = [];
    try {
      options = (await this.api.complete(before)) || [];
    } catch {
      return;
    }
    if (options.length === 1) {
      const tail = options[0].startsWith(word) ? options[0].slice(word.length) : options[0];
      this.insert(tail);
    } else if (options.length > 1) {
      this.cursor = this.line.length;
      this.redraw();
      this.term.write(`\r\n${options.join('  ')}\r\n`);
      this.row = 0;
      this.redraw();
    }
  }

  historyMove(d) {
    const n = this.hpos + d;
    if (n < 0 || n > this.history.length) return;
    if (this.hpos === this.history.length) this.draft = this.line;
    this.hpos = n;
    this.line = n === this.history.length ? this.draft || '' : this.history[n];
    this.cursor = this.line.length;
    this.redraw();
  }

  remember(line) {
    if (!line.trim() || this.history[this.history.length - 1] === line) return;
    this.history.push(line);
    if (this.history.length > HISTORY_MAX) this.history.splice(0, this.history.length - HISTORY_MAX);
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(this.history));
    } catch {
      /* not kept */
    }
  }

  async enter() {
    let line = this.line;
    // a line of auto-indent only ends a block, like an empty one
    if (this.prompt === PS2 && !line.trim()) line = '';
    this.toEnd();
    this.term.write('\r\n');
    this.atPrompt = false;
    this.remember(line);
    this.busy = true;
    let more = false;
    try {
      ({ more } = await this.api.push(line));
    } catch (e) {
      this.term.write(`\x1b[31mthe REPL failed: ${e.message}\x1b[0m\r\n`);
    }
    this.busy = false;
    if (more) {
      // MicroPython-style auto-indent, except for pasted lines (they carry their own)
      let indent = /^\s*/.exec(line)[0];
      if (line.trimEnd().endsWith(':')) indent += '    ';
      this.showPrompt(PS2, this.typeahead ? '' : indent);
    } else {
      this.showPrompt(PS1);
    }
  }
}
