// Shared by the browser tests and the browser benchmarks: `weft serve` processes, headless
// Chromium through playwright-core, and helpers that read the page.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// playwright-core is installed with the page's packages (web/node_modules)
const require = createRequire(join(root, 'web/package.json'));
const { chromium } = require('playwright-core');

export function parseArgs(argv) {
  const o = { weft: join(root, 'target/release/weft'), screenshots: join(root, 'target/screenshots'), filter: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--weft') o.weft = argv[++i];
    else if (a === '--screenshots') o.screenshots = argv[++i];
    else if (a === '--filter') o.filter = argv[++i];
    else if (a === '--headed') o.headed = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** `weft serve --port 0` on the repository; resolves { url, close } once it listens. */
export function serve(weft, { isolated = true } = {}) {
  const args = ['serve', '--port', '0', '--dir', root];
  if (!isolated) args.push('--no-isolation');
  const child = spawn(weft, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  process.on('exit', () => child.kill()); // also when a test run dies
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`weft serve did not start: ${out}`)), 10000);
    const onData = (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[0], close: () => child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => fail(new Error(`weft serve exited (${code}): ${out}`)));
  });
}

/** Headless Chromium with the flags the closed network needs and a fresh profile. */
export async function browser({ headed = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'weft-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: !headed,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { ctx, close };
}

/** A new tab whose uncaught errors and console errors are collected in `problems`. */
export async function newPage(ctx, problems) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  return page;
}

/** Wait until the runtime is up (or failed: then throw with the page's message). */
export async function ready(page, timeout = 20000) {
  await page.waitForFunction(() => window.weftPage && window.weftPage.state !== 'loading', null, { timeout });
  const state = await page.evaluate(() => window.weftPage.state);
  if (state === 'error') {
    const why = await page.locator('#output').innerText();
    throw new Error(`the page has no runtime: ${why}`);
  }
}

/** Click Run and wait for the run to end; returns { status, lines, ending }. */
export async function runAndWait(page, timeout = 30000) {
  const before = await page.evaluate(() => window.weftPage.runs);
  await page.click('#run');
  await page.waitForFunction((n) => window.weftPage.runs > n && window.weftPage.state === 'ready', before, { timeout });
  return result(page);
}

export async function result(page) {
  return page.evaluate(() => ({
    status: window.weftPage.lastStatus,
    lines: [...document.querySelectorAll('#output .ln')].map((l) => ({
      thread: Number(l.dataset.thread),
      who: l.querySelector('.who').textContent,
      text: l.querySelector('.txt').textContent,
      err: l.classList.contains('err'),
    })),
    ending: document.querySelector('#output .end')?.textContent || null,
  }));
}

/** Output of a script under native weft: { status, stdout, stderr }. */
export function native(weft, file) {
  const r = spawnSync(weft, [file], { encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function screenshotDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
