// Stress test of the worker backend's start-up while the shared memory grows: each round
// makes a fresh runtime (a fresh memory, so it grows again) and runs 500 short-lived
// threads twice, in bursts of 20, as test-runtime.mjs's memory test does. Dozens of pool
// workers then start while others grow the memory for their stacks.
//
//   node web/node/stress-workers.mjs [ROUNDS]     (default 40; exit status 1 on a failure)
//
// It found a worker whose copy of the memory object missed a grow (V8 registers the copy
// for grow notices a moment after reading the length): its instance bounds-checked
// memory.init/copy against the old length and trapped, "RuntimeError: memory access out of
// bounds", in __wbindgen_start (the TLS block) or in the first thread it ran (its stack).
// Before worker.js refreshed the length (memory.grow(0) before instantiating) 19 of 140
// rounds failed on a loaded 2-core machine (load 20-35), 0 of 140 after, run side by side.
// Slower than test-runtime.mjs (about 3 s a round), so not run by `cargo xtask test`.

import v8 from 'node:v8';

v8.setFlagsFromString('--no-liftoff');
const { createWeft } = await import('../runtime/weft.js');
const { MANY_THREADS } = await import('./many-threads.mjs');

const rounds = Number(process.argv[2] || 40);
const prog = MANY_THREADS;

let failed = 0;
let workers = 0;
const t0 = performance.now();
for (let round = 0; round < rounds; round++) {
  let out = [];
  const weft = await createWeft({ onOutput: (ev) => out.push(ev) });
  for (let k = 0; k < 2; k++) {
    out = [];
    const r = await weft.run(prog);
    const text = out.map((e) => e.text).join('');
    if (r.status !== 0 || text !== '500\n') {
      failed++;
      console.log(`round ${round} run ${k}: status ${r.status}: ${JSON.stringify(text.slice(0, 400))}`);
      break;
    }
  }
  workers += weft.stats().workersStarted;
  weft.close();
}
const s = ((performance.now() - t0) / 1000).toFixed(0);
console.log(`${failed} of ${rounds} rounds failed (${workers} workers started, ${s} s)`);
process.exit(failed ? 1 : 0);
