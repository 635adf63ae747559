// "Install Weft firmware": flash the images `cargo xtask firmware` built (web/dist/firmware/:
// manifest.json and one merged image per chip, written at offset 0) onto an ESP32-C3 or
// ESP32-C6 over WebSerial with esptool-js, Espressif's own browser flasher. main.js loads this
// module only when the header button is pressed, and this module loads esptool-js only when
// the dialog opens, so neither weighs on the page's first load.

// the images sit next to the bundle's chunks: web/dist/firmware/
const BASE = new URL('firmware/', import.meta.url);
const CONNECT_TIMEOUT_MS = 15000;
// USB-serial adapters ESP boards use (as in ../../shared/TOOLCHAIN.md): Espressif's own
// USB-serial-JTAG, CP210x, CH340, FTDI
const FILTERS = [
  { usbVendorId: 0x303a },
  { usbVendorId: 0x10c4, usbProductId: 0xea60 },
  { usbVendorId: 0x1a86, usbProductId: 0x7523 },
  { usbVendorId: 0x0403, usbProductId: 0x6001 },
  { usbVendorId: 0x0403, usbProductId: 0x6015 },
];
const NAMES = { esp32c3: 'ESP32-C3', esp32c6: 'ESP32-C6' };

// what the dialog shows, for the browser tests (read only)
const state = { images: null, esptool: 'not loaded', status: '', error: null, progress: 0, busy: false, flashSize: null };
(window.weftPage ??= {}).firmware = state;
// the size check, for the browser tests (a chip's flash can't be faked below esptool-js)
window.weftPage.firmwareFit = { imageNeeds: (i) => imageNeeds(i), fitImage: (...a) => fitImage(...a) };

let dialog = null;
let esptool = null;

function loadEsptool() {
  if (!esptool) {
    state.esptool = 'loading';
    esptool = import('esptool-js').then(
      (m) => {
        state.esptool = 'loaded';
        return m;
      },
      (e) => {
        state.esptool = 'failed';
        esptool = null;
        throw new Error(`esptool-js did not load: ${e.message}`);
      },
    );
  }
  return esptool;
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const MB = 1024 * 1024;
const mb = (n) => (n >= MB ? `${+(n / MB).toFixed(2)} MB` : kib(n));

/** Bytes the flash must hold for a merged image: its data, and every partition of the
 *  partition table at 0x8000 (32-byte entries that start with 0xAA 0x50). */
export function imageNeeds(image) {
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  let end = image.length;
  for (let o = 0x8000; o + 32 <= Math.min(image.length, 0x8000 + 0xc00); o += 32) {
    if (image[o] !== 0xaa || image[o + 1] !== 0x50) break;
    end = Math.max(end, dv.getUint32(o + 4, true) + dv.getUint32(o + 8, true));
  }
  return end;
}

/** Where the SHA-256 of the ESP image at the start of `image` goes (the bootloader's): after
 *  the 24-byte header, the segments, and the checksum byte that ends a 16-byte row. */
function digestOffset(image) {
  const dv = new DataView(image.buffer, image.byteOffset, image.byteLength);
  let o = 24;
  for (let i = 0; i < image[1]; i++) o += 8 + dv.getUint32(o + 4, true);
  return o + (15 - (o % 16)) + 1;
}

/** The merged `image` made ready for a chip whose flash holds `flashBytes`: a clear error
 *  if it does not fit; else the image with the chip's flash size in the bootloader's header
 *  (the field esptool's `--flash-size` sets: byte 3's high nibble, 1 MB << n) and the
 *  bootloader's SHA-256 made anew. Returns { image, changed }. */
export async function fitImage(image, flashBytes, chipName) {
  const need = imageNeeds(image);
  if (flashBytes < need) {
    throw new Error(
      `This ${chipName} has ${mb(flashBytes)} of flash; the Weft image needs ${mb(need)} ` +
        '(its partition table reaches that far). Nothing was written.',
    );
  }
  const code = Math.log2(flashBytes / MB);
  if (image[0] !== 0xe9 || !Number.isInteger(code) || code < 0 || code > 7) return { image, changed: false };
  const byte3 = (code << 4) | (image[3] & 0x0f);
  if (image[3] === byte3) return { image, changed: false };
  const out = image.slice();
  out[3] = byte3;
  // the checksum covers the segments only; the SHA-256 (when appended) covers the header too
  if (out[23] === 1) {
    const at = digestOffset(out);
    out.set(new Uint8Array(await crypto.subtle.digest('SHA-256', out.subarray(0, at))), at);
  }
  return { image: out, changed: true };
}

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

const CSS = `
dialog.weft-fw { border: 1px solid var(--line, #ccc); border-radius: 10px; padding: 18px 20px; width: min(520px, 92vw); color: var(--ink, #222); }
dialog.weft-fw::backdrop { background: rgba(20, 24, 40, 0.35); }
.weft-fw h2 { margin: 0 0 6px; font-size: 17px; }
.weft-fw p { margin: 6px 0; color: var(--muted, #666); font-size: 13px; }
.weft-fw ul { list-style: none; padding: 0; margin: 10px 0; }
.weft-fw li { display: flex; gap: 10px; align-items: center; padding: 6px 0; border-top: 1px solid var(--line, #eee); }
.weft-fw li .size { color: var(--muted, #666); font-variant-numeric: tabular-nums; margin-left: auto; }
.weft-fw progress { width: 100%; height: 14px; }
.weft-fw .fw-status { min-height: 1.4em; font-size: 13px; white-space: pre-wrap; }
.weft-fw .fw-status.err { color: var(--err, #c62839); }
.weft-fw .fw-log { max-height: 120px; overflow: auto; font: 11px/1.3 var(--mono, monospace); background: #f4f5f9; padding: 6px; margin: 8px 0 0; white-space: pre-wrap; }
.weft-fw .fw-buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
`;

function build() {
  document.head.append(el('style', {}, CSS));
  const list = el('ul', { class: 'fw-images' }, el('li', {}, 'looking for the images…'));
  const status = el('div', { class: 'fw-status', role: 'status' });
  const progress = el('progress', { max: '1', value: '0' });
  const log = el('pre', { class: 'fw-log' });
  const close = el('button', { class: 'fw-close' }, 'Close');
  close.addEventListener('click', () => dialog.close());
  dialog = el(
    'dialog',
    { class: 'weft-fw', 'aria-label': 'Install Weft firmware' },
    el('h2', {}, 'Install Weft firmware'),
    el(
      'p',
      {},
      'Puts Weft (Python with threads, a MicroPython-style REPL on UART0 and USB at 115200 baud) ',
      'on an ESP32-C3 or ESP32-C6 board. Everything on its flash is replaced. ',
      'Needs Chrome, Edge or Opera on a desktop. If the board is not found, hold BOOT while pressing RESET.',
    ),
    list,
    progress,
    status,
    log,
    el('div', { class: 'fw-buttons' }, close),
  );
  document.body.append(dialog);
  return { list, status, progress, log };
}

let ui = null;

function setStatus(text, isError = false) {
  state.status = text;
  state.error = isError ? text : null;
  ui.status.textContent = text;
  ui.status.classList.toggle('err', isError);
}

function logLine(text) {
  ui.log.textContent += text;
  ui.log.scrollTop = ui.log.scrollHeight;
}

async function loadImages() {
  try {
    const r = await fetch(new URL('manifest.json', BASE), { cache: 'no-cache' });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    state.images = await r.json();
  } catch (e) {
    state.images = [];
    ui.list.replaceChildren(el('li', {}, 'No firmware images here (build them with `cargo xtask firmware`).'));
    setStatus(`The firmware images are missing (${e.message}).`, true);
    return;
  }
  ui.list.replaceChildren(
    ...state.images.map((img) => {
      const button = el('button', { class: 'primary', 'data-chip': img.chip }, `Flash ${NAMES[img.chip] ?? img.chip}`);
      button.addEventListener('click', () => flash(img));
      return el(
        'li',
        { 'data-chip': img.chip },
        el('b', {}, NAMES[img.chip] ?? img.chip),
        el('span', { class: 'file' }, img.file),
        el('span', { class: 'size', title: `${img.size} bytes written, app ${img.app_size} bytes` }, kib(img.size)),
        button,
      );
    }),
  );
}

/** Race `p` against a deadline; `onTimeout` frees what `p` holds. */
function deadline(p, ms, message, onTimeout) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(message));
    }, ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function flash(img) {
  if (state.busy) return;
  const name = NAMES[img.chip] ?? img.chip;
  if (!('serial' in navigator)) {
    setStatus('This browser has no WebSerial: flashing needs Chrome, Edge or Opera on a desktop, over https or localhost.', true);
    return;
  }
  let port;
  try {
    port = await navigator.serial.requestPort({ filters: FILTERS });
  } catch (e) {
    setStatus(e.name === 'NotFoundError' ? 'No port was chosen.' : `No port: ${e.message}`, true);
    return;
  }
  state.busy = true;
  state.progress = 0;
  ui.progress.value = 0;
  ui.log.textContent = '';
  for (const b of dialog.querySelectorAll('button')) b.disabled = true;
  let transport = null;
  try {
    setStatus('Loading the flasher…');
    const { ESPLoader, Transport } = await loadEsptool();
    setStatus('Fetching the image…');
    const r = await fetch(new URL(img.file, BASE));
    if (!r.ok) throw new Error(`${img.file}: HTTP ${r.status}`);
    const data = new Uint8Array(await r.arrayBuffer());
    setStatus(`Connecting to the ${name} bootloader…`);
    transport = new Transport(port, false);
    const terminal = { clean() {}, writeLine: (s) => logLine(`${s}\n`), write: (s) => logLine(s) };
    const loader = new ESPLoader({ transport, baudrate: 460800, romBaudrate: 115200, terminal });
    let found;
    try {
      found = await deadline(loader.main(), CONNECT_TIMEOUT_MS, `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`, () =>
        transport.disconnect().catch(() => {}),
      );
    } catch (e) {
      throw new Error(
        `The port did not answer as an ESP bootloader (${e?.message ?? e}). Is it an ESP32-C3/C6 board? ` +
          "Hold BOOT while pressing RESET, then try again; close other programs (and this page's own board connection) that use the port.",
      );
    }
    const chip = loader.chip?.CHIP_NAME ?? found;
    if (chip !== name) throw new Error(`This board has an ${chip}, not an ${name}: choose the ${chip} image.`);
    // the chip's flash, from its SPI flash ID: the image must fit; the bootloader is told
    // the chip's size (done here rather than by esptool-js's flashSize option, whose
    // esptool-js 0.7 SHA-256 update hashes the wrong bytes)
    setStatus(`Reading the ${name}'s flash size…`);
    const detected = await loader.detectFlashSize();
    let image = data;
    if (detected) {
      state.flashSize = detected;
      const fit = await fitImage(data, loader.flashSizeBytes(detected), name);
      image = fit.image;
      logLine(`Flash: ${detected}; the image needs ${mb(imageNeeds(data))}${fit.changed ? `; its header now says ${detected}` : ''}.\n`);
    } else {
      logLine(`The flash size could not be read: the image is written as built (for ${mb(imageNeeds(data))} or more).\n`);
    }
    setStatus(`Writing ${kib(image.length)} to the ${name}…`);
    await loader.writeFlash({
      fileArray: [{ data: image, address: 0 }],
      flashMode: 'keep',
      flashFreq: 'keep',
      flashSize: 'keep',
      eraseAll: false,
      compress: true,
      reportProgress: (_i, written, total) => {
        state.progress = written / total;
        ui.progress.value = state.progress;
      },
    });
    await loader.after('hard_reset');
    setStatus(`Done: the ${name} restarts into Weft. Connect to it at 115200 baud.`);
  } catch (e) {
    setStatus(String(e?.message ?? e), true);
  } finally {
    if (transport) await transport.disconnect().catch(() => {});
    else await port.close().catch(() => {});
    for (const b of dialog.querySelectorAll('button')) b.disabled = false;
    state.busy = false;
  }
}

/** Open the dialog (built on first use); esptool-js starts loading at once. */
export function open() {
  if (!dialog) {
    ui = build();
    loadImages();
  }
  loadEsptool().catch((e) => setStatus(e.message, true));
  dialog.showModal();
  return state;
}
