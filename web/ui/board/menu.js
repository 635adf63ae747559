// The "Board" group of the header: Connect board, then Run on board, Save as main.py, the
// board's profile and Disconnect; and the Board tab of the terminal pane. This file is small
// and loads with the page; the WebSerial glue, the bridge's wasm module and the Board
// terminal (session.js) load when the user first clicks Connect board.
//
// Pages without WebSerial (Firefox, Safari) say so instead of offering the button.

// USB vendor/product filters of the boards people plug in (see shared/TOOLCHAIN.md).
export const USB_FILTERS = [
  { usbVendorId: 0x303a }, // Espressif native USB (ESP32-S2/S3/C3/C6 ...)
  { usbVendorId: 0x10c4, usbProductId: 0xea60 }, // CP210x
  { usbVendorId: 0x1a86, usbProductId: 0x7523 }, // CH340
  { usbVendorId: 0x0403, usbProductId: 0x6001 }, // FTDI FT232R
  { usbVendorId: 0x0403, usbProductId: 0x6015 }, // FTDI FT231X
];

const el = (tag, props = {}, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};

/**
 * Adds the Board group to `#board` and returns { stop(), running() } for app.js's Stop.
 * `ui`: { output, editor, filename(), setStatus(text, cls), toast(text), page }.
 */
export function setupBoard(ui) {
  const group = document.getElementById('board');
  const page = ui.page;
  page.board = { state: 'none', profile: null, runs: 0, lastRun: null, lastSave: null, terminalText: () => '' };
  if (!group) return { stop: () => false, running: () => false };

  if (!('serial' in navigator)) {
    page.board.state = 'unsupported';
    group.append(
      el('span', {
        className: 'board-none',
        textContent: 'Board: needs WebSerial',
        title:
          'Running on a board over USB needs WebSerial, which this browser does not offer: ' +
          'use Chrome, Edge or another Chromium browser (or `weft push` from a terminal).',
      }),
    );
    return { stop: () => false, running: () => false };
  }

  const connect = el('button', { id: 'board-connect', textContent: 'Connect board', title: 'Choose a board on a USB serial port (115 200 baud)' });
  const runBtn = el('button', { id: 'board-run', textContent: '▶ Run on board', title: "Run the editor's script on the board", hidden: true });
  const save = el('button', { id: 'board-save', textContent: 'Save as main.py', title: 'Write the script to the board as main.py (atomically, hash-checked); it runs at the next reset', hidden: true });
  const badge = el('span', { id: 'board-profile', className: 'badge board-badge', hidden: true });
  const disc = el('button', { id: 'board-disconnect', className: 'link', textContent: 'disconnect', hidden: true });
  group.append(el('span', { className: 'board-label', textContent: 'Board' }), connect, runBtn, save, badge, disc);

  // the terminal pane: a Local / Board switch (the Board tab appears once connected)
  const replPane = document.querySelector('.repl-pane');
  const title = replPane?.querySelector('.pane-title');
  const localTab = el('button', { className: 'tab on', textContent: 'Local', title: 'The REPL of the Python in this page' });
  const boardTab = el('button', { id: 'board-tab', className: 'tab', textContent: 'Board', title: "The board's REPL", hidden: true });
  const boardTerm = el('div', { id: 'board-terminal', hidden: true });
  if (title) {
    const label = title.firstChild; // the "REPL" text
    title.insertBefore(el('span', { className: 'tabs' }, localTab, boardTab), label?.nextSibling || null);
    title.parentNode.insertBefore(boardTerm, title.nextSibling);
  }
  const showTab = (board) => {
    localTab.classList.toggle('on', !board);
    boardTab.classList.toggle('on', board);
    document.getElementById('terminal').hidden = board;
    boardTerm.hidden = !board;
    if (board && session) session.focusTerminal();
  };
  localTab.addEventListener('click', () => showTab(false));
  boardTab.addEventListener('click', () => showTab(true));

  let session = null;
  const setConnected = (on) => {
    connect.hidden = on;
    runBtn.hidden = save.hidden = badge.hidden = disc.hidden = boardTab.hidden = !on;
    if (!on) showTab(false);
  };
  const setBusy = (busy) => {
    runBtn.disabled = save.disabled = disc.disabled = busy;
  };

  connect.addEventListener('click', async () => {
    connect.disabled = true;
    let port;
    try {
      // requestPort needs this click (a user gesture): ask before anything is awaited
      port = await navigator.serial.requestPort({ filters: USB_FILTERS });
    } catch (e) {
      connect.disabled = false;
      if (e.name !== 'NotFoundError') ui.output.note(`No board: ${e.message}`, 'error');
      return; // NotFoundError: the user closed the chooser
    }
    page.board.state = 'connecting';
    ui.setStatus('connecting to the board…', 'running');
    try {
      const { BoardSession } = await import('./session.js');
      session = await BoardSession.connect(port, {
        ...ui,
        term: boardTerm,
        setBusy,
        onProfile: (p) => {
          badge.textContent = p.name;
          badge.title = `${p.name}\nthreads: ${p.threads}\n${p.banner}`;
          badge.className = `badge board-badge ${p.hasThread === false ? 'warn' : 'ok'}`;
        },
        onGone: () => {
          session = null;
          setConnected(false);
          connect.disabled = false;
        },
      });
      setConnected(true);
      showTab(true);
    } catch (e) {
      page.board.state = 'none';
      ui.output.note(`Could not connect to the board: ${e.message}`, 'error');
      ui.setStatus('no board', 'error');
      connect.disabled = false;
    }
  });
  runBtn.addEventListener('click', () => session?.run());
  save.addEventListener('click', () => session?.save());
  disc.addEventListener('click', () => session?.disconnect());

  return {
    /** Stop: interrupts a run on the board; false when none is on. */
    stop: () => !!session && session.stop(),
    running: () => !!session && session.running,
  };
}
