// Browser tests of "Install firmware" (web/ui/firmware.js): the dialog and esptool-js load
// only when the button is pressed; the images `cargo xtask firmware` wrote are listed with
// their sizes; a serial port that never answers (a stand-in for navigator.serial's port, the
// lowest layer: esptool-js and everything above it are real) gives a clear error and is
// closed again. Flashing a real chip can't be tested here. Registered by run.mjs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

/** h: { openPage(url), shot(page, name), url() } */
export function register(test, h) {
  test('Install firmware: lazy dialog, images with sizes, a silent port is a clear error', async () => {
    const manifestPath = join(root, 'web/dist/firmware/manifest.json');
    assert.ok(existsSync(manifestPath), `${manifestPath} is missing: run \`cargo xtask firmware\` first`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    assert.deepEqual(manifest.map((m) => m.chip).sort(), ['esp32c3', 'esp32c6']);

    const page = await h.openPage(h.url());
    const fetched = [];
    page.on('request', (r) => fetched.push(r.url()));
    assert.equal(await page.evaluate(() => window.weftPage.firmware), undefined, 'firmware.js loaded before the button was pressed');

    // a serial port with no ESP behind it: takes bytes and DTR/RTS, never answers
    await page.evaluate(() => {
      class SilentPort {
        constructor() {
          Object.assign(this, { written: 0, signals: 0, opened: false, readable: null, writable: null });
        }
        getInfo() {
          return { usbVendorId: 0x10c4, usbProductId: 0xea60 };
        }
        async open(o) {
          this.opened = true;
          this.baud = o.baudRate;
          this.readable = new ReadableStream({});
          this.writable = new WritableStream({ write: (chunk) => void (this.written += chunk.length) });
        }
        async setSignals() {
          this.signals++;
        }
        async close() {
          this.opened = false;
          this.readable = this.writable = null;
        }
      }
      const serial = { requestPort: async () => (window.silentPort = new SilentPort()), getPorts: async () => [] };
      Object.defineProperty(navigator, 'serial', { value: serial, configurable: true });
    });

    await page.click('#firmware');
    await page.waitForFunction(() => window.weftPage.firmware?.images && window.weftPage.firmware.esptool === 'loaded', null, {
      timeout: 60000, // a bound against hangs only (a busy machine loads chunks slowly)
    });
    assert.ok(await page.locator('dialog.weft-fw').isVisible());
    assert.ok(fetched.some((u) => /\/dist\/firmware-[A-Z0-9]+\.js$/.test(u)), 'firmware.js chunk fetched on the press');
    const rows = await page.locator('dialog.weft-fw li').allInnerTexts();
    assert.equal(rows.length, 2, rows.join(' | '));
    for (const m of manifest) {
      const row = rows.find((r) => r.includes(m.file));
      assert.ok(row, `${m.file} is listed`);
      assert.ok(row.includes(`${(m.size / 1024).toFixed(0)} KiB`), `${m.file}'s size: ${row}`);
    }
    const image = await page.evaluate(async () => (await fetch('web/dist/firmware/weft-esp32c3.bin')).arrayBuffer().then((b) => b.byteLength));
    assert.equal(image, manifest.find((m) => m.chip === 'esp32c3').size);
    await h.shot(page, 'firmware-dialog');

    const t0 = Date.now();
    await page.click('dialog.weft-fw button[data-chip=esp32c3]');
    await page.waitForFunction(() => window.weftPage.firmware.error && !window.weftPage.firmware.busy, null, { timeout: 60000 });
    const took = Date.now() - t0;
    const st = await page.evaluate(() => ({
      error: window.weftPage.firmware.error,
      written: window.silentPort.written,
      signals: window.silentPort.signals,
      opened: window.silentPort.opened,
      shown: document.querySelector('dialog.weft-fw .fw-status').textContent,
    }));
    assert.match(st.error, /did not answer as an ESP bootloader/);
    assert.equal(st.shown, st.error);
    assert.ok(st.written > 0, 'esptool-js sent its sync requests');
    assert.ok(st.signals > 0, 'esptool-js pulsed DTR/RTS to reset into the bootloader');
    assert.equal(st.opened, false, 'the port is closed again');
    await h.shot(page, 'firmware-silent-port');
    await page.close();
    return `clear error after ${(took / 1000).toFixed(1)} s (${st.written} bytes of sync sent, ${st.signals} DTR/RTS changes)`;
  });
}
