// The link to a board: a WebSerial port's byte streams on one side, the bridge's host state
// machine (crates/bridge-web: weft_bridge::host::Host and files::Put, the same code `weft
// push` and `weft fs put` drive) on the other. No protocol here: this file only moves bytes,
// passes the time in and turns the host's events into promises.
//
// Between operations the link is in terminal mode: the board's bytes go to `onTerminal` (the
// Board terminal) and typed keys go straight to the board. During an operation (a run, a
// save, the profile probe) the bytes go to the host.

// The glue sits in web/pkg/bridge/ (cargo xtask wasm); this file is bundled into web/dist/,
// so the URL is relative to the bundle. Loaded on the first Connect board only.
const GLUE = new URL('../pkg/bridge/weft_bridge_web.js', import.meta.url).href;
let wasm = null;
async function loadBridge() {
  if (!wasm) {
    wasm = import(/* a separate small module */ GLUE).then(async (mod) => {
      await mod.default();
      return mod;
    });
  }
  return wasm;
}

const now = () => performance.now();

/** The error of a port that went away. */
export class PortLost extends Error {}

export class BoardLink {
  /** `port`: a SerialPort (already chosen by the user). */
  static async open(port, handlers) {
    const mod = await loadBridge();
    const link = new BoardLink(port, mod, handlers);
    await port.open({ baudRate: 115200 });
    link.writer = port.writable.getWriter();
    link.readLoop();
    return link;
  }

  constructor(port, mod, { onTerminal, onLost }) {
    this.port = port;
    this.mod = mod;
    this.host = new mod.BoardHost();
    this.onTerminal = onTerminal;
    this.onLost = onLost;
    this.op = null; // the host operation under way: { event(ev), fail(err) }
    this.sniff = null; // a function that sees the bytes while the profile is probed
    this.timer = 0;
    this.writes = Promise.resolve();
    this.dead = null; // why the port is gone
    this.closing = false;
    this.inputOpen = false; // a user's program runs: typed keys are its input
  }

  /**
   * Read until the port goes away. As the WebSerial spec has it, a non-fatal error (a
   * framing, parity or break error, a buffer overrun) ends the reader but leaves a fresh
   * `port.readable`: reading goes on with it (what was lost in the overrun is lost). A
   * fatal one (the device is gone) leaves `port.readable` null: the link is lost.
   */
  async readLoop() {
    let why = null;
    let last = null;
    while (!this.closing && this.port.readable && this.port.readable !== last) {
      last = this.port.readable;
      const reader = last.getReader();
      this.reader = reader;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value && value.length) this.received(value);
        }
      } catch (e) {
        why = e;
      }
      try {
        reader.releaseLock();
      } catch {
        /* already released */
      }
    }
    if (!this.closing) this.lost(why || new Error('the port closed'));
  }

  received(bytes) {
    if (this.sniff) this.sniff(bytes);
    if (this.op) {
      this.host.receive(bytes, now());
      this.pump();
    } else {
      this.onTerminal(bytes);
    }
  }

  /** Queue bytes for the board (writes keep their order). */
  write(bytes) {
    if (this.dead) return Promise.reject(this.dead);
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    this.writes = this.writes.then(() => this.writer.write(data)).catch((e) => this.lost(e));
    return this.writes;
  }

  /** Hand the host's bytes to the port and its events to the operation; re-arm the timer. */
  pump() {
    clearTimeout(this.timer);
    for (;;) {
      const ev = this.host.poll(now());
      const tx = this.host.take_tx();
      if (tx.length) this.write(tx);
      if (!ev) break;
      const op = this.op;
      const e = { kind: ev.kind, data: ev.data, text: ev.text, sent: ev.sent, total: ev.total, failed: ev.failed };
      ev.free();
      if (op) op.event(e);
    }
    const at = this.host.next_wakeup();
    if (this.op && at !== undefined) this.timer = setTimeout(() => this.pump(), Math.max(0, at - now()) + 1);
  }

  /**
   * One host operation: `start()` gives the host its command; `on(ev)` sees each event and
   * returns a value to end the operation with it (undefined: go on). A host error (a
   * timeout, a reply that does not fit the protocol) or a lost port rejects.
   */
  hostOp(start, on) {
    if (this.dead) return Promise.reject(this.dead);
    if (this.op) return Promise.reject(new Error('the board is busy'));
    return new Promise((resolve, reject) => {
      const op = {
        event: (ev) => {
          if (ev.kind === 'error') return op.fail(new Error(ev.text));
          let r;
          try {
            r = on(ev);
          } catch (e) {
            return op.fail(e);
          }
          if (r !== undefined) {
            this.op = null;
            this.inputOpen = false;
            clearTimeout(this.timer);
            resolve(r);
          }
        },
        fail: (e) => {
          if (this.op === op) this.op = null;
          this.inputOpen = false;
          clearTimeout(this.timer);
          reject(e);
        },
      };
      this.op = op;
      start();
      this.pump();
    });
  }

  /** Interrupt whatever runs and enter raw REPL (`softReset`: also end the old program). */
  enterRaw(softReset) {
    return this.hostOp(
      () => this.host.enter_raw(softReset, now()),
      (ev) => (ev.kind === 'raw-ready' ? true : undefined),
    );
  }

  /**
   * Run `code` in raw REPL (raw-paste, or plain raw on boards without it). `sink(kind, bytes)`
   * gets `stdout` / `stderr` as they come; resolves with { failed, transfer, status } (status:
   * the exit status on Weft boards, null on stock ones).
   * `timeoutMs`: the longest silence allowed (none for a user's program). `input`: keys
   * typed while it runs go to it (a user's program; never during helper scripts).
   * `progress(sent, total)`: as the code goes out.
   */
  exec(code, sink, timeoutMs, { input = false, progress = null } = {}) {
    let transfer = null;
    return this.hostOp(
      () => this.host.exec(code, timeoutMs, now()),
      (ev) => {
        if (ev.kind === 'running') this.inputOpen = input;
        else if (ev.kind === 'transfer') transfer = ev.text;
        else if (ev.kind === 'progress' && progress) progress(ev.sent, ev.total);
        else if (ev.kind === 'stdout' || ev.kind === 'stderr') sink(ev.kind, ev.data);
        else if (ev.kind === 'done') return { failed: ev.failed, transfer, status: Number.isNaN(ev.sent) ? null : ev.sent };
        return undefined;
      },
    );
  }

  /** Run a helper script and collect what it printed: { out, err, failed }. */
  async capture(code) {
    const out = [];
    const err = [];
    const { failed } = await this.exec(code, (kind, data) => (kind === 'stdout' ? out : err).push(data), 3000);
    return { out: concat(out), err: concat(err), failed };
  }

  /**
   * Write `data` to `remote` on the board: the bridge's atomic put (NAME.weft-tmp, hash
   * checked on the board, renamed over NAME). Rejects with the reason; the old file then
   * is untouched. `progress(sent, total)` after each chunk.
   */
  async put(data, remote, progress) {
    const put = new this.mod.FilePut(data, remote);
    try {
      await this.enterRaw(false);
      for (let script = put.next_script(); script !== undefined; script = put.next_script()) {
        const { out, err, failed } = await this.capture(script);
        try {
          put.answer(out, err, failed);
        } catch (e) {
          throw new Error(String(e.message || e));
        }
        if (progress) progress(put.sent(), put.total());
      }
    } finally {
      put.free();
      this.leaveRaw();
    }
  }

  /** Ctrl-C to the board (through the host while an operation runs). */
  interrupt() {
    if (this.op) {
      this.host.interrupt();
      this.pump();
    } else {
      this.write(new Uint8Array([3]));
    }
  }

  /** Back to the friendly REPL (the board greets in the terminal). */
  leaveRaw() {
    if (this.dead) return;
    this.op = null;
    this.host.leave_raw();
    this.pump();
  }

  /**
   * Keys typed in the Board terminal: straight to the friendly REPL; during a run on the
   * board, to the program's input() (Ctrl-C interrupts it); dropped while the protocol is
   * busy (entering raw REPL, sending code, helper scripts, the profile probe). Returns
   * whether they went out.
   */
  typed(text) {
    if (this.dead || this.sniff) return false; // the profile probe is under way
    if (this.op) {
      if (!this.inputOpen) return false;
      if (text.includes('\x03')) {
        this.interrupt();
        return true;
      }
    }
    this.write(text);
    return true;
  }

  lost(e) {
    if (this.dead || this.closing) return;
    const why = (e && e.message ? e.message : String(e)).replace(/\.$/, '');
    this.dead = new PortLost(`the board's port is gone (${why}): was it unplugged, reset or closed?`);
    clearTimeout(this.timer);
    const op = this.op;
    this.op = null;
    if (op) op.fail(this.dead);
    this.onLost(this.dead);
  }

  async close() {
    this.closing = true;
    clearTimeout(this.timer);
    try {
      await this.reader?.cancel();
    } catch {
      /* gone already */
    }
    try {
      this.writer?.releaseLock();
      await this.port.close();
    } catch {
      /* gone already */
    }
    this.host.free();
  }
}

function concat(chunks) {
  const n = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `\r\n` → `\n` across chunk boundaries (boards send `\r\n`). */
export class Uncook {
  constructor() {
    this.cr = false;
    this.dec = new TextDecoder();
  }
  text(bytes) {
    let s = (this.cr ? '\r' : '') + this.dec.decode(bytes, { stream: true });
    this.cr = s.endsWith('\r');
    if (this.cr) s = s.slice(0, -1);
    return s.replace(/\r\n/g, '\n');
  }
}
