// A connected board: its profile, Run on board (output into the page's output pane, marked
// as the board's), Stop (Ctrl-C), Save as main.py (the bridge's atomic put) and the Board
// terminal (xterm.js on the board's friendly REPL). Loaded on the first Connect board.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { BoardLink, PortLost, Uncook } from './link.js';
import { profileFromBanner, lacks } from './profile.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class BoardSession {
  static async connect(port, ui) {
    const s = new BoardSession(port, ui);
    s.link = await BoardLink.open(port, {
      onTerminal: (bytes) => s.term.write(bytes),
      onLost: (e) => s.gone(e),
    });
    await s.probe();
    s.state('ready'); // after the probe: keys typed during it would be lost in its Ctrl-C
    return s;
  }

  constructor(port, ui) {
    this.port = port;
    this.ui = ui;
    this.board = ui.page.board;
    this.running = false;
    this.stopping = 0;
    this.profile = null;
    this.term = new Terminal({
      fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 2000,
      theme: { background: '#1b2620', foreground: '#e4eee6', cursor: '#f5c26b', selectionBackground: '#46506e' },
    });
    const fit = new FitAddon();
    this.term.loadAddon(fit);
    ui.term.hidden = false; // xterm measures its element when opened
    this.term.open(ui.term);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        /* not laid out yet */
      }
    };
    refit();
    new ResizeObserver(refit).observe(ui.term);
    this.term.onData((d) => {
      // raw REPL does not echo: echo what goes to a running program's input() here
      if (this.link?.typed(d) && this.running) this.term.write(d.replace(/\r/g, '\r\n'));
    });
    this.board.terminalText = () => {
      const b = this.term.buffer.active;
      const rows = [];
      for (let i = 0; i < b.length; i++) rows.push(b.getLine(i).translateToString(true));
      return rows.join('\n').trimEnd();
    };
    this.onSerialDisconnect = (e) => {
      if (e.target === this.port || e.port === this.port) this.link?.lost(new Error('unplugged'));
    };
    navigator.serial.addEventListener?.('disconnect', this.onSerialDisconnect);
  }

  state(s) {
    this.board.state = s;
    document.body.dataset.board = s;
  }

  focusTerminal() {
    this.term.focus();
  }

  /** Ctrl-C, Ctrl-B: the friendly REPL prints its banner; the profile comes from it. */
  async probe() {
    let seen = '';
    const dec = new TextDecoder();
    this.link.sniff = (bytes) => {
      seen += dec.decode(bytes, { stream: true });
    };
    try {
      await this.link.write(new Uint8Array([13, 3, 3]));
      await sleep(150);
      seen = '';
      await this.link.write(new Uint8Array([2]));
      for (let t = 0; t < 3000 && !/\n.*>>> $/.test(seen.replace(/\r/g, '')); t += 50) await sleep(50);
    } finally {
      this.link.sniff = null;
    }
    this.profile = profileFromBanner(seen);
    this.board.profile = this.profile;
    this.ui.onProfile(this.profile);
    this.ui.output.note(`Board connected: ${this.profile.name} — threads: ${this.profile.threads}.`, 'info');
    this.ui.setStatus('board connected', 'ok');
  }

  /** Run on board: the editor's script by raw-paste; output streams into the pane. */
  async run() {
    if (this.running || !this.link || this.link.dead) return;
    const { output, editor } = this.ui;
    const code = editor.code();
    const missing = this.profile ? lacks(this.profile, code) : [];
    if (missing.length && !window.confirm(`Run on the board anyway?\n\n${missing.map((m) => `• ${m}`).join('\n')}`)) {
      output.note(`Not run on the board: ${missing.join('; ')}.`, 'warn');
      return;
    }
    this.running = true;
    this.stopping = 0;
    this.state('running');
    this.ui.setBusy(true);
    const stopBtn = document.getElementById('stop');
    stopBtn.disabled = false;
    output.clear();
    for (const m of missing) output.note(`Warning: ${m}.`, 'warn');
    this.ui.setStatus('running on the board…', 'running');
    const t0 = performance.now();
    const streams = { stdout: new Uncook(), stderr: new Uncook() };
    const sink = (kind, bytes) => {
      const text = streams[kind].text(bytes);
      if (text) output.write({ thread: 1, name: 'board', stream: kind, text, source: 'board' });
    };
    let result;
    try {
      await this.link.enterRaw(true); // soft reset: the previous program's threads end
      const progress = (sent, total) => {
        const text = sent < total ? `sending to the board: ${sent} / ${total} bytes` : 'running on the board…';
        this.ui.setStatus(text, 'running');
      };
      result = await this.link.exec(code, sink, undefined, { input: true, progress });
      this.link.leaveRaw();
    } catch (e) {
      result = { error: e };
      if (!(e instanceof PortLost)) this.link.leaveRaw();
    }
    const ms = Math.round(performance.now() - t0);
    this.running = false;
    stopBtn.disabled = this.ui.page.state !== 'running';
    this.ui.setBusy(false);
    output.flush();
    const stopped = this.stopping > 0 && result.failed;
    const status = result.status ?? null;
    this.board.lastRun = { failed: !!result.failed, status, error: result.error?.message || null, stopped, ms };
    this.board.runs += 1;
    if (result.error) {
      const again = result.error instanceof PortLost ? ' Connect the board again to go on.' : '';
      output.note(`The run on the board ended: ${result.error.message}.${again}`, 'error');
      output.end('the board run did not finish', 'error');
      this.ui.setStatus('board run failed', 'error');
    } else if (stopped) {
      output.end('stopped on the board (Ctrl-C)', 'stopped');
      this.ui.setStatus('stopped', 'stopped');
    } else if (status !== null && status !== 0 && status !== 1) {
      output.end(`ended on the board with exit status ${status}`, 'error');
      this.ui.setStatus(`board: exit status ${status}`, 'error');
    } else if (result.failed) {
      output.end('uncaught exception on the board: the traceback is above', 'error');
      this.ui.setStatus('board: uncaught exception', 'error');
    } else {
      output.end(`finished on the board in ${ms} ms (${result.transfer || 'raw'})`, 'ok');
      this.ui.setStatus(`board done · ${ms} ms`, 'ok');
    }
    if (!this.link.dead) this.state('ready');
  }

  /** Stop while a board run is on: Ctrl-C to the board. */
  stop() {
    if (!this.running) return false;
    this.stopping += 1;
    this.ui.setStatus('stopping the board…', 'running');
    this.link.interrupt();
    return true;
  }

  /** Save as main.py: the atomic put of `weft fs put`. */
  async save() {
    if (this.running || !this.link || this.link.dead) return;
    const { output, editor } = this.ui;
    const data = new TextEncoder().encode(editor.code());
    this.state('saving');
    this.ui.setBusy(true);
    this.ui.setStatus('saving main.py on the board…', 'running');
    let msg;
    let ok = false;
    try {
      await this.link.put(data, 'main.py', (sent, total) =>
        this.ui.setStatus(`saving main.py: ${sent} / ${total} bytes`, 'running'),
      );
      ok = true;
      msg = `Saved main.py on the board: ${data.length} bytes, hash verified on the board. It runs at the board's next reset.`;
    } catch (e) {
      msg = `main.py was NOT saved: ${e.message}. The board's previous main.py (if any) is unchanged.`;
    }
    this.board.lastSave = { ok, message: msg, bytes: data.length };
    this.ui.setBusy(false);
    output.note(msg, ok ? 'info' : 'error');
    this.ui.toast(ok ? 'main.py saved on the board' : 'main.py not saved');
    this.ui.setStatus(ok ? 'main.py saved' : 'save failed', ok ? 'ok' : 'error');
    if (!this.link.dead) this.state('ready');
  }

  gone(e) {
    this.state('lost');
    this.term.write(`\r\n\x1b[31m${e.message}\x1b[0m\r\n`);
    if (!this.running) {
      this.ui.output.note(
        `The board is disconnected: ${e.message}. Files on it are as the last completed command left them. Connect it again to go on.`,
        'error',
      );
      this.ui.setStatus('board disconnected', 'error');
    }
    this.teardown();
  }

  async disconnect() {
    if (this.running) return;
    await this.link.close();
    this.term.write('\r\n\x1b[2m(disconnected)\x1b[0m\r\n');
    this.state('none');
    this.ui.setStatus('board disconnected', 'info');
    this.teardown();
  }

  teardown() {
    navigator.serial.removeEventListener?.('disconnect', this.onSerialDisconnect);
    this.board.terminalText = () => '';
    this.term.dispose();
    this.ui.term.replaceChildren();
    this.ui.onGone();
  }
}
