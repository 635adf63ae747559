// Browser tests of the board in the page (WebSerial): `navigator.serial` is replaced at its
// lowest layer by a fake SerialPort whose ReadableStream / WritableStream carry the bytes,
// through playwright's exposeBinding, to a real `weft board --root DIR` process on stdio.
// Everything above the port is the page's real code: the Board group, the bridge's host in
// wasm (web/pkg/bridge), the output pane, the Board terminal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, ready, runAndWait, result, native } from './lib.mjs';
import { profileFromBanner, lacks } from '../../web/ui/board/profile.js';

// Runs in the page before its scripts: a SerialPort look-alike over real web streams.
const FAKE_SERIAL = () => {
  const fromB64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const toB64 = (u) => {
    let s = '';
    for (const x of u) s += String.fromCharCode(x);
    return btoa(s);
  };
  const state = { opened: 0, options: null, filters: null };
  class FakeSerialPort extends EventTarget {
    constructor() {
      super();
      this.readable = null;
      this.writable = null;
    }
    getInfo() {
      return { usbVendorId: 0x303a, usbProductId: 0x1001 };
    }
    async open(options) {
      if (this.readable) throw new DOMException('The port is already open.', 'InvalidStateError');
      state.options = options;
      state.opened += 1;
      let ctl;
      let lost = false;
      this.readable = new ReadableStream({ start: (c) => (ctl = c) });
      // a non-fatal error (the spec's BufferOverrunError): this reader ends, a new readable
      // takes over
      window.__weftBoardGlitch = () => {
        const old = ctl;
        this.readable = new ReadableStream({ start: (c) => (ctl = c) });
        old.error(new DOMException('Buffer overrun', 'BufferOverrunError'));
      };
      this.writable = new WritableStream({
        write: (chunk) => {
          if (lost) throw new DOMException('The device has been lost.', 'NetworkError');
          return window.__weftBoardTx(toB64(chunk));
        },
      });
      window.__weftBoardRx = (b64) => {
        try {
          ctl.enqueue(fromB64(b64));
        } catch {
          /* the page cancelled the reader */
        }
      };
      window.__weftBoardLost = () => {
        lost = true;
        try {
          ctl.error(new DOMException('The device has been lost.', 'NetworkError'));
        } catch {
          /* closed already */
        }
        // a fatal error: no new readable (the spec's "port.readable is null")
        this.readable = null;
      };
      await window.__weftBoardOpen(options.baudRate);
    }
    async close() {
      this.readable = null;
      this.writable = null;
    }
  }
  const port = new FakeSerialPort();
  const serial = new EventTarget();
  serial.requestPort = async (opts) => {
    state.filters = opts?.filters || null;
    return port;
  };
  serial.getPorts = async () => [port];
  Object.defineProperty(Navigator.prototype, 'serial', { get: () => serial, configurable: true });
  window.__weftSerial = state;
};

// every board process ends with the test run, also when it dies
const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** A `weft board` process behind the fake port of one page. */
class VirtualBoard {
  /** `banner`: replace Weft's banner line with this one on the way (to play a stock board). */
  constructor(weft, { banner = null } = {}) {
    this.weft = weft;
    this.banner = banner;
    this.root = mkdtempSync(join(tmpdir(), 'weft-board-root-'));
    this.child = null;
    this.page = null;
    this.stderr = '';
  }

  async attach(page) {
    this.page = page;
    await page.exposeBinding('__weftBoardOpen', () => this.start());
    await page.exposeBinding('__weftBoardTx', (_src, b64) => {
      if (this.child && this.child.exitCode === null) this.child.stdin.write(Buffer.from(b64, 'base64'));
    });
    await page.addInitScript(FAKE_SERIAL);
  }

  start() {
    this.kill(); // a new connection gets a fresh board (the old one's line is closed)
    const gen = (this.gen = (this.gen || 0) + 1);
    const current = () => gen === this.gen; // bytes and the death of an old board are stale
    const child = spawn(this.weft, ['board', '--root', this.root], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    children.add(child);
    child.on('exit', () => children.delete(child));
    child.stdin.on('error', () => {});
    child.stdout.on('data', (d) => {
      if (!current()) return;
      if (this.banner) d = Buffer.from(d.toString('latin1').replace(/Weft \d[^\r\n]*(\r\nVirtual board[^\r\n]*)?/g, this.banner), 'latin1');
      this.page.evaluate((b64) => window.__weftBoardRx(b64), d.toString('base64')).catch(() => {});
    });
    child.stderr.on('data', (d) => (this.stderr += d));
    child.on('exit', () => {
      if (current()) this.page.evaluate(() => window.__weftBoardLost()).catch(() => {});
    });
  }

  kill() {
    this.child?.kill('SIGKILL');
  }
}

const boardLines = (r) => r.lines.filter((l) => l.who === 'board');
const boardOut = (r) => boardLines(r).filter((l) => !l.err).map((l) => l.text);

export function register(test, h) {
  async function connected(code, opts = {}) {
    const page = await h.newPage();
    const board = new VirtualBoard(h.weft, opts);
    if (opts.setup) opts.setup(board);
    await board.attach(page);
    const base = opts.plain ? h.plainUrl() : h.url();
    await page.goto(code === undefined ? base : await h.link(code, base));
    if (opts.plain && (await page.evaluate(() => crossOriginIsolated))) {
      // a service worker left by another test isolates the plain server's pages: drop it
      await page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      });
      await page.reload();
    }
    await ready(page);
    const t0 = Date.now();
    await page.click('#board-connect');
    await page.waitForFunction(() => window.weftPage.board.profile && window.weftPage.board.state === 'ready', null, { timeout: 15000 });
    return { page, board, connectMs: Date.now() - t0 };
  }

  async function runOnBoard(page, timeout = 30000) {
    const before = await page.evaluate(() => window.weftPage.board.runs);
    await page.click('#board-run');
    await page.waitForFunction((n) => window.weftPage.board.runs > n, before, { timeout });
    const r = await result(page);
    r.board = await page.evaluate(() => window.weftPage.board.lastRun);
    return r;
  }

  test('board: profiles from banners, and what a script needs', async () => {
    const esp32 = profileFromBanner('MicroPython v1.23.0 on 2024-06-02; Generic ESP32 module with ESP32\r\nType "help()" for more information.\r\n>>> ');
    assert.equal(esp32.kind, 'mpy-esp32');
    assert.equal(esp32.hasThread, true);
    const esp8266 = profileFromBanner('MicroPython v1.22.2 on 2024-02-22; ESP module with ESP8266\r\n>>> ');
    assert.equal(esp8266.hasThread, false);
    assert.match(lacks(esp8266, 'import time\nfrom threading import Thread\n')[0], /no _thread/);
    assert.deepEqual(lacks(esp8266, 'print(1)\n'), []);
    const fw = profileFromBanner('Weft 0.1.0 (MicroPython-compatible) on ESP32-C3; Ctrl-A raw REPL\r\n300 KB of 320 KB heap free after boot\r\n>>> ');
    assert.match(fw.threads, /green/);
    assert.equal(fw.name, 'Weft 0.1.0 firmware on ESP32-C3');
    assert.equal(profileFromBanner('garbage\n').kind, 'unknown');
  });

  test('board: Connect board shows the profile (WebSerial filters, 115200 baud)', async () => {
    const { page, board, connectMs } = await connected();
    try {
      const serial = await page.evaluate(() => window.__weftSerial);
      assert.equal(serial.options.baudRate, 115200);
      const ids = serial.filters.map((f) => `${f.usbVendorId.toString(16)}:${f.usbProductId?.toString(16) || '*'}`);
      assert.deepEqual(ids, ['303a:*', '10c4:ea60', '1a86:7523', '403:6001', '403:6015']);
      const p = await page.evaluate(() => window.weftPage.board.profile);
      assert.equal(p.kind, 'weft-virtual', JSON.stringify(p));
      assert.match(await page.locator('#board-profile').innerText(), /virtual board/);
      assert.ok(await page.locator('#board-run').isVisible());
      assert.ok(await page.locator('#board-tab').isVisible());
      // the board's banner is in the Board terminal
      assert.match(await page.evaluate(() => window.weftPage.board.terminalText()), /Virtual board/);
      await h.shot(page, 'board-connected');
      // nothing of the board was loaded before the click
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      const bridge = loaded.filter((u) => /pkg\/bridge\//.test(u)).length;
      assert.ok(bridge >= 2, `the bridge module loads on Connect: ${loaded.join(' ')}`);
      return `${p.name}; Connect to profile shown in ${connectMs} ms (bridge module loaded then)`;
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: threaded scripts run on the board as they run locally', async () => {
    const { page, board } = await connected('');
    const notes = [];
    try {
      for (const name of ['01_start_join', '03_lock', '05_producer_consumer']) {
        const file = join(root, `web/examples/${name}.py`);
        await setCode(page, readFileSync(file, 'utf8'));
        const nat = native(h.weft, file);
        const r = await runOnBoard(page);
        assert.equal(r.board.failed, false, JSON.stringify(r));
        assert.ok(r.lines.length > 1 && r.lines.every((l) => l.who === 'board'), "every line marked as the board's");
        assert.match(r.ending, /finished on the board/);
        // the interleaving of threads may differ from run to run (and which consumer takes
        // which item): compare the sorted lines
        const sorted = (a) => a.map((l) => l.replace(/consumer-\d+/, 'consumer-N')).sort();
        assert.deepEqual(sorted(boardOut(r)), sorted(nat.stdout.trimEnd().split('\n')), name);
        // and the page's own run of the same script prints the same lines
        const local = await runAndWait(page);
        assert.deepEqual(sorted(local.lines.map((l) => l.text)), sorted(boardOut(r)), name);
        notes.push(`${name}: ${boardOut(r).length} lines`);
      }
      await h.shot(page, 'board-threads');
      return notes.join(', ');
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: the traceback of a failing script is shown as an error', async () => {
    const code = 'import threading\nprint("before")\ndef f():\n    return 1 / 0\nf()\n';
    const { page, board } = await connected(code);
    try {
      const r = await runOnBoard(page);
      assert.equal(r.board.failed, true);
      assert.deepEqual(boardOut(r), ['before']);
      const err = boardLines(r).filter((l) => l.err).map((l) => l.text).join('\n');
      assert.match(err, /ZeroDivisionError/);
      assert.match(r.ending, /uncaught exception on the board/);
      assert.equal(r.board.status, 1);
      await h.shot(page, 'board-traceback');
      // a successful run's stderr is shown as stderr; sys.exit's status is reported
      await setCode(page, 'import sys\nprint("out")\nsys.stderr.write("careful\\n")\nsys.exit(4)\n');
      const e = await runOnBoard(page);
      assert.deepEqual(boardOut(e), ['out']);
      assert.deepEqual(boardLines(e).filter((l) => l.err).map((l) => l.text), ['careful']);
      assert.equal(e.board.status, 4);
      assert.match(e.ending, /exit status 4/);
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: a threaded script on a board without _thread is warned about first', async () => {
    const code = 'import threading\nprint("threads")\n';
    const esp8266 = 'MicroPython v1.22.2 on 2024-02-22; ESP module with ESP8266';
    const { page, board } = await connected(code, { banner: esp8266 });
    try {
      const p = await page.evaluate(() => window.weftPage.board.profile);
      assert.equal(p.kind, 'mpy-esp8266');
      assert.match(await page.locator('#board-profile').innerText(), /ESP8266/);
      const dialogs = [];
      page.once('dialog', (d) => {
        dialogs.push(d.message());
        d.dismiss();
      });
      await page.click('#board-run');
      await page.waitForFunction(() => document.querySelector('#output .note.warn'), null, { timeout: 5000 });
      assert.match(dialogs[0], /imports threading, but MicroPython v1\.22\.2 on ESP8266 has no _thread/);
      assert.match(await page.locator('#output .note.warn').innerText(), /Not run on the board/);
      assert.equal(await page.evaluate(() => window.weftPage.board.runs), 0);
      await h.shot(page, 'board-esp8266-warning');
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: Stop interrupts a busy loop on the board; the next run works', async () => {
    const spin = 'import _thread, time\ndef spin():\n    while True:\n        pass\n_thread.start_new_thread(spin, ())\nprint("spinning")\nwhile True:\n    pass\n';
    const { page, board } = await connected(spin);
    try {
      const before = await page.evaluate(() => window.weftPage.board.runs);
      await page.click('#board-run');
      await page.waitForFunction(() => [...document.querySelectorAll('#output .ln')].some((l) => l.textContent.includes('spinning')), null, { timeout: 15000 });
      assert.equal(await page.locator('#stop').isEnabled(), true, 'Stop is enabled during a board run');
      await h.shot(page, 'board-running');
      await page.click('#stop');
      await page.waitForFunction((n) => window.weftPage.board.runs > n, before, { timeout: 10000 });
      const run = await page.evaluate(() => window.weftPage.board.lastRun);
      assert.equal(run.stopped, true, JSON.stringify(run));
      const r = await result(page);
      assert.match(r.ending, /stopped on the board/);
      assert.match(boardLines(r).filter((l) => l.err).map((l) => l.text).join('\n'), /KeyboardInterrupt/);
      // the board is usable again (the soft reset before a run ends the spinning thread)
      await setCode(page, 'print("again", 6 * 7)\n');
      const again = await runOnBoard(page);
      assert.deepEqual(boardOut(again), ['again 42'], JSON.stringify(again));
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: Save as main.py writes the file atomically (checked on disk)', async () => {
    const code = '# saved from the page\nimport _thread\nprint("hello from main.py")\n' + '# padding\n'.repeat(400);
    const { page, board } = await connected(code);
    try {
      await page.click('#board-save');
      await page.waitForFunction(() => window.weftPage.board.lastSave, null, { timeout: 30000 });
      const save = await page.evaluate(() => window.weftPage.board.lastSave);
      assert.equal(save.ok, true, save.message);
      assert.match(save.message, /hash verified/);
      assert.equal(readFileSync(join(board.root, 'main.py'), 'utf8'), code);
      assert.deepEqual(readdirSync(board.root).filter((f) => f.includes('weft-tmp')), []);
      await h.shot(page, 'board-saved');
      return `${save.bytes} bytes`;
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: the board dying during Save as main.py leaves its old main.py intact', async () => {
    const code = `# new version\n${'x = 1  # a long line of padding to make the upload take a while\n'.repeat(1500)}`;
    const { page, board } = await connected(code, {
      setup: (b) => writeFileSync(join(b.root, 'main.py'), 'print("old main")\n'),
    });
    try {
      await page.click('#board-save');
      // kill the board once part of the file has gone over
      await page.waitForFunction(() => /saving main\.py: [1-9]\d* \//.test(document.getElementById('status').textContent), null, { timeout: 20000 });
      board.kill();
      await page.waitForFunction(() => window.weftPage.board.lastSave, null, { timeout: 10000 });
      const save = await page.evaluate(() => window.weftPage.board.lastSave);
      assert.equal(save.ok, false);
      assert.match(save.message, /NOT saved: the board's port is gone/);
      assert.match(save.message, /previous main\.py .*unchanged/);
      assert.equal(readFileSync(join(board.root, 'main.py'), 'utf8'), 'print("old main")\n');
      await h.shot(page, 'board-save-cut');
      return `cut after ${readFileSync(join(board.root, 'main.py.weft-tmp')).length} bytes of ${code.length}`;
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: works on a page that is not cross-origin isolated (green mode)', async () => {
    const { page, board } = await connected('import _thread\nprint("from the board", 2 ** 10)\n', { plain: true });
    try {
      assert.equal(await page.evaluate(() => window.weftPage.mode), 'green');
      const r = await runOnBoard(page);
      assert.deepEqual(boardOut(r), ['from the board 1024']);
    } finally {
      board.kill();
      await page.close();
    }
  });

  test("board: the Board terminal is the board's REPL", async () => {
    const { page, board } = await connected();
    try {
      await page.locator('#board-terminal').click();
      await page.keyboard.type('sum(range(10)) * 6\r');
      await page.waitForFunction(() => /\n270\s*\n>>> ?$/.test(window.weftPage.board.terminalText()), null, { timeout: 10000 });
      // a non-fatal read error (buffer overrun) does not lose the board
      await page.evaluate(() => window.__weftBoardGlitch());
      await page.keyboard.type('"still" + " here"\r');
      await page.waitForFunction(() => /'still here'\s*\n>>> ?$/.test(window.weftPage.board.terminalText()), null, { timeout: 10000 });
      assert.equal(await page.evaluate(() => window.weftPage.board.state), 'ready');
      // a local-REPL switch and back
      await page.click('.repl-pane .tab:not(#board-tab)');
      assert.equal(await page.locator('#terminal').isVisible(), true);
      await page.click('#board-tab');
      assert.equal(await page.locator('#board-terminal').isVisible(), true);
      await h.shot(page, 'board-repl');
      // Disconnect, then Connect again: a working board once more
      await page.click('#board-disconnect');
      assert.equal(await page.locator('#board-connect').isVisible(), true);
      assert.equal(await page.evaluate(() => window.weftPage.board.state), 'none');
      await page.click('#board-connect');
      await page.waitForFunction(() => window.weftPage.board.state === 'ready', null, { timeout: 15000 });
      await page.locator('#board-terminal').click();
      await page.keyboard.type('2 ** 8\r');
      await page.waitForFunction(() => /\n256\s*\n>>> ?$/.test(window.weftPage.board.terminalText()), null, { timeout: 10000 });
    } finally {
      board.kill();
      await page.close();
    }
  });

  test("board: a program's input() on the board reads what is typed in the Board terminal", async () => {
    const { page, board } = await connected('name = input("name? ")\nprint("hello", name)\n');
    try {
      const before = await page.evaluate(() => window.weftPage.board.runs);
      await page.click('#board-run');
      await page.waitForFunction(() => document.getElementById('output').innerText.includes('name?'), null, { timeout: 15000 });
      await page.locator('#board-terminal').click();
      await page.keyboard.type('Ada\r');
      await page.waitForFunction((n) => window.weftPage.board.runs > n, before, { timeout: 10000 });
      const r = await result(page);
      assert.deepEqual(boardOut(r), ['name? hello Ada']);
      assert.match(await page.evaluate(() => window.weftPage.board.terminalText()), /Ada/);
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: the board dying mid-run gives a clear message, not a hang', async () => {
    const { page, board } = await connected('print("started")\nwhile True:\n    pass\n');
    try {
      const before = await page.evaluate(() => window.weftPage.board.runs);
      await page.click('#board-run');
      await page.waitForFunction(() => [...document.querySelectorAll('#output .ln')].some((l) => l.textContent.includes('started')), null, { timeout: 15000 });
      board.kill();
      await page.waitForFunction((n) => window.weftPage.board.runs > n, before, { timeout: 10000 });
      const run = await page.evaluate(() => window.weftPage.board.lastRun);
      assert.match(run.error, /port is gone/);
      const notes = await page.locator('#output .note.error').allInnerTexts();
      assert.ok(notes.some((n) => /port is gone/.test(n)), notes.join('\n'));
      assert.equal(await page.evaluate(() => window.weftPage.board.state), 'lost');
      assert.equal(await page.locator('#board-connect').isVisible(), true, 'Connect board is offered again');
      assert.equal(await page.locator('#stop').isEnabled(), false);
      await h.shot(page, 'board-lost');
      // plugged in again: Connect board works as the first time
      await page.click('#board-connect');
      await page.waitForFunction(() => window.weftPage.board.state === 'ready' && window.weftPage.board.profile, null, { timeout: 15000 });
      await setCode(page, 'print("back", 1 + 1)\n');
      const again = await runOnBoard(page);
      assert.deepEqual(boardOut(again), ['back 2']);
    } finally {
      board.kill();
      await page.close();
    }
  });

  test('board: the page loads nothing of the board until Connect board', async () => {
    const page = await h.newPage();
    try {
      await page.goto(h.url());
      await ready(page);
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      assert.deepEqual(loaded.filter((u) => /pkg\/bridge\/|\/session-/.test(u)), []);
      assert.equal(await page.locator('#board-connect').isVisible(), true);
    } finally {
      await page.close();
    }
  });

  test('board: without WebSerial the page says so instead of offering the button', async () => {
    const page = await h.newPage();
    try {
      await page.addInitScript(() => delete Navigator.prototype.serial);
      await page.goto(h.url());
      await ready(page);
      assert.equal(await page.locator('#board-connect').count(), 0);
      assert.match(await page.locator('#board').innerText(), /needs WebSerial/);
    } finally {
      await page.close();
    }
  });
}

/** Replace the editor's text as a person would: select all, paste. */
async function setCode(page, code) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(code);
}
