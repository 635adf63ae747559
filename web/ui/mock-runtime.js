// A stand-in for web/runtime/weft.js with the same interface, for working on the page's
// layout without the wasm build (open the page with ?mock). It does not run Python: it
// echoes the string literals of print("...") calls, spread over three pretend threads so
// the thread colours show. The browser tests never use it.
export async function createWeft({ onOutput }) {
  let stopped = null;
  const say = (thread, text, stream = 'stdout') =>
    onOutput({ thread, name: thread === 1 ? 'MainThread' : `Thread-${thread - 1}`, stream, text });
  return {
    mode: globalThis.crossOriginIsolated ? 'workers' : 'green',
    version: '0.0.0-mock',
    async run(code) {
      stopped = null;
      const lits = [...code.matchAll(/print\(\s*f?["']([^"']*)["']/g)].map((m) => m[1]);
      for (let i = 0; i < lits.length; i++) {
        if (stopped) return { status: 130 };
        say((i % 3) + 1, `${lits[i]}\n`);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (/raise\b/.test(code)) {
        say(1, 'Traceback (most recent call last):\n  File "main.py", line 1, in <module>\nValueError: mock\n', 'stderr');
        return { status: 1 };
      }
      return { status: 0 };
    },
    stop() {
      stopped = true;
    },
    repl: {
      banner: 'Weft (mock runtime: no Python here)',
      async push(line) {
        if (line.trim()) say(1, `mock: ${line}\n`);
        return { more: line.trimEnd().endsWith(':') };
      },
      interrupt() {},
    },
  };
}
