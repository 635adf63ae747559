// The page's entry: start the Python runtime at once (fetching and compiling the wasm and
// starting its workers take longest), then load the page's UI (app.js) beside it. Output
// that arrives before the UI is up is kept and handed over.
import '@xterm/xterm/css/xterm.css';
import './style.css';
import './viz/viz.css';
import './schedule/schedule.css';
import './step/step.css';
import './board/board.css';

const params = new URLSearchParams(location.search);
const page = { state: 'loading', marks: { entry: performance.now() }, terminalText: () => '' };
window.weftPage = page;

const early = [];
let sink = null;
let eventSink = null; // scheduling events of a traced run (the Threads panel)
const boot = {
  imported: false,
  setSink(f) {
    sink = f;
    for (const ev of early.splice(0)) f(ev);
  },
  setEventSink(f) {
    eventSink = f;
  },
};
boot.weft = (params.has('mock') ? import('./mock-runtime.js') : import('../runtime/weft.js')).then((mod) => {
  boot.imported = true;
  page.marks.runtimeImported = performance.now();
  return mod.createWeft({
    mode: params.get('mode') || 'auto',
    onOutput: (ev) => (sink ? sink(ev) : early.push(ev)),
    onEvent: (ev) => eventSink && eventSink(ev),
  });
});
boot.weft.catch(() => {}); // reported by app.js

import('./app.js').then((app) => app.start(boot));

// "Install firmware" (ESP32-C3/C6): its dialog and esptool-js load on the first press
document.getElementById('firmware')?.addEventListener('click', () => import('./firmware.js').then((m) => m.open()));
