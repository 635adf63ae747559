// Timing of the wasm build under Node (workers mode) beside native weft: prints a ratio
// table, never asserts on time.
//
//   node web/node/bench.mjs [--weft target/release/weft] [--runs N] [bench.py ...]
//
// Default benchmarks: benches/pystone.py and benches/threads_start.py. The wasm time is
// that of `weft.run()` alone (the runtime is started once, as a page would); the runtime's
// start-up is printed separately. Native times are whole processes (start-up ~ms).

import v8 from 'node:v8';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

v8.setFlagsFromString('--no-liftoff');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let args = process.argv.slice(2);
let weftExe = path.join(root, 'target/release/weft');
let runs = 3;
const files = [];
while (args.length) {
  const a = args.shift();
  if (a === '--weft') weftExe = args.shift();
  else if (a === '--runs') runs = Number(args.shift());
  else files.push(a);
}
if (!files.length) {
  files.push(path.join(root, 'benches/pystone.py'), path.join(root, 'benches/threads_start.py'));
}

const t0 = performance.now();
const { createWeft } = await import('../runtime/weft.js');
let out = '';
const weft = await createWeft({ onOutput: (e) => { out += e.text; } });
const startup = performance.now() - t0;
console.log(`runtime start-up (compile + 3 workers): ${startup.toFixed(0)} ms; mode ${weft.mode}`);
// warm-up: V8 compiles wasm functions lazily on first use
await weft.run('x = [i * 2 for i in range(1000)]\nprint(len(x))');

console.log(`${'benchmark'.padEnd(22)} ${'native s'.padStart(9)} ${'wasm s'.padStart(9)} ${'wasm/native'.padStart(12)}`);
for (const file of files) {
  const code = fs.readFileSync(file, 'utf8');
  let nativeBest = Infinity;
  let nativeOut = null;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = spawnSync(weftExe, [file], { encoding: 'utf8' });
    const t = (performance.now() - s) / 1000;
    if (r.status !== 0) { nativeOut = `exit ${r.status}`; break; }
    nativeOut = r.stdout;
    nativeBest = Math.min(nativeBest, t);
  }
  let wasmBest = Infinity;
  let wasmOut = null;
  for (let i = 0; i < runs; i++) {
    out = '';
    const s = performance.now();
    const r = await weft.run(code, { filename: path.basename(file) });
    const t = (performance.now() - s) / 1000;
    if (r.status !== 0) { wasmOut = `exit ${r.status}`; break; }
    wasmOut = out;
    wasmBest = Math.min(wasmBest, t);
  }
  const same = nativeOut === wasmOut ? '' : '  (outputs differ!)';
  console.log(`${path.basename(file).padEnd(22)} ${nativeBest.toFixed(3).padStart(9)} `
    + `${wasmBest.toFixed(3).padStart(9)} ${(wasmBest / nativeBest).toFixed(2).padStart(11)}x${same}`);
}
weft.close();
