// Browser tests of "Install firmware" (web/ui/firmware.js): the dialog and esptool-js load
// only when the button is pressed; the images `cargo xtask firmware` wrote are listed with
// their sizes; a serial port that never answers (a stand-in for navigator.serial's port, the
// lowest layer: esptool-js and everything above it are real) gives a clear error and is
// closed again. The flash-size check runs on the real image against sizes a chip could report.
// Flashing a real chip can't be tested here. Registered by run.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib.mjs';

/** `esptool image-info` on a bootloader image (esptool from `cargo xtask firmware`'s setup). */
function imageInfo(chip, bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-fw-'));
  try {
    const file = join(dir, 'boot.bin');
    writeFileSync(file, bytes);
    return execFileSync(process.env.WEFT_PYTHON ?? 'python3', ['-m', 'esptool', '--chip', chip, 'image-info', file]).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

    // the size check before writing, on the real image: a chip with too little flash is a
    // clear error; a bigger one gets its size in the bootloader's header, with a SHA-256
    // that esptool still finds valid
    const fit = await page.evaluate(async () => {
      const img = new Uint8Array(await (await fetch('web/dist/firmware/weft-esp32c3.bin')).arrayBuffer());
      const { imageNeeds, fitImage } = window.weftPage.firmwareFit;
      const small = await fitImage(img, 2 << 20, 'ESP32-C3').then(
        () => null,
        (e) => e.message,
      );
      const same = await fitImage(img, imageNeeds(img), 'ESP32-C3');
      const big = await fitImage(img, 8 << 20, 'ESP32-C3');
      return {
        needs: imageNeeds(img),
        small,
        sameChanged: same.changed,
        bigChanged: big.changed,
        bigRest: big.image.subarray(0x8000).every((b, i) => b === img[0x8000 + i]),
        bigBoot: Array.from(big.image.subarray(0, 0x8000)),
      };
    });
    assert.equal(fit.needs, 4 << 20, 'the image is laid out for 4 MB (its factory partition ends there)');
    assert.match(fit.small ?? 'no error', /has 2 MB of flash; the Weft image needs 4 MB.*Nothing was written/);
    assert.equal(fit.sameChanged, false, 'a 4 MB chip gets the image as built');
    assert.ok(fit.bigChanged && fit.bigRest, 'an 8 MB chip: only the bootloader changes');
    const info = imageInfo('esp32c3', Uint8Array.from(fit.bigBoot));
    assert.match(info, /Flash size: 8MB/);
    assert.match(info, /Checksum: .*\(valid\)/);
    assert.match(info, /Validation hash: .*\(valid\)/);

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
