#!/usr/bin/env node
// weft-node: run a Python script on the wasm build under Node, like native `weft script.py`.
//
//   node --no-liftoff web/node/weft-node.mjs [--green] script.py [args...]
//
// Every Python thread is a worker_threads Worker over one shared WebAssembly.Memory (the
// same runtime as the page, web/runtime/weft.js). stdout/stderr are streamed; the exit
// status is the program's (1 uncaught exception, 3 deadlock, 130 stopped).
//
// Files: the script's folder (and its subfolders) are copied into the interpreter's
// in-memory file system at the same absolute path, and the current directory is the real
// one, so imports next to the script and reading files work; writes stay in memory.

import v8 from 'node:v8';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

// Liftoff (V8's baseline wasm tier) hangs std::thread::sleep in Node 20: same effect as
// `node --no-liftoff`, for every worker, when it comes before the first compile.
v8.setFlagsFromString('--no-liftoff');

const { createWeft } = await import('../runtime/weft.js');

const MAX_PRELOAD_BYTES = 64 << 20;

function usage() {
  process.stderr.write('usage: weft-node.mjs [--green] script.py [args...]\n');
  process.exit(2);
}

function preload(dir, out, budget) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (_) {
    return budget;
  }
  for (const e of entries) {
    if (budget <= 0) break;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === '__pycache__' || e.name === 'node_modules' || e.name.startsWith('.')) continue;
      budget = preload(p, out, budget);
    } else if (e.isFile()) {
      try {
        const st = fs.statSync(p);
        if (st.size > budget) continue;
        out.push([p, fs.readFileSync(p)]);
        budget -= st.size;
      } catch (_) { /* unreadable: skip */ }
    }
  }
  return budget;
}

async function main() {
  let args = process.argv.slice(2);
  let mode = 'workers';
  while (args.length && args[0].startsWith('--')) {
    if (args[0] === '--green') mode = 'green';
    else if (args[0] === '--workers') mode = 'workers';
    else usage();
    args = args.slice(1);
  }
  if (!args.length) usage();
  const script = args[0];
  let code;
  try {
    code = fs.readFileSync(script, 'utf8');
  } catch (e) {
    process.stderr.write(`weft: can't open file '${script}': [Errno 2] No such file or directory\n`);
    process.exit(2);
  }
  const scriptDir = path.dirname(path.resolve(script));
  const files = [];
  preload(scriptDir, files, MAX_PRELOAD_BYTES);

  let lines = null;
  const nextLine = () => {
    if (!lines) {
      const rl = readline.createInterface({ input: process.stdin, terminal: false });
      const queue = [];
      const waiters = [];
      let ended = false;
      rl.on('line', (l) => (waiters.length ? waiters.shift()(l) : queue.push(l)));
      rl.on('close', () => {
        ended = true;
        while (waiters.length) waiters.shift()(null);
      });
      lines = () => (queue.length ? Promise.resolve(queue.shift())
        : ended ? Promise.resolve(null) : new Promise((r) => waiters.push(r)));
    }
    return lines();
  };

  const weft = await createWeft({
    mode,
    onOutput(ev) {
      (ev.stream === 'stderr' ? process.stderr : process.stdout).write(ev.text);
    },
    async onInput() {
      return nextLine(); // the prompt has been printed as output
    },
  });
  let stops = 0;
  process.on('SIGINT', () => {
    stops++;
    if (stops > 1) process.exit(130);
    weft.stop();
  });
  const { status } = await weft.run(code, {
    filename: script,
    argv: args,
    path0: scriptDir,
    files,
    cwd: process.cwd(),
  });
  weft.close();
  process.exit(status);
}

main().catch((e) => {
  process.stderr.write(`weft-node: ${(e && e.stack) || e}\n`);
  process.exit(70);
});
