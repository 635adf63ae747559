// What a board can do, read from the banner its friendly REPL prints on Ctrl-B, and what a
// script needs that the board lacks (warned about before Run on board).

/**
 * The profile for a banner: { name, threads, hasThread (true/false/null: unknown), banner }.
 *   Weft (`weft board`):   "Weft 0.1.0 (MicroPython-compatible) on linux ..." + "Virtual board"
 *   Weft firmware:         "Weft 0.1.0 (MicroPython-compatible) on ESP32-C3; Ctrl-A ..."
 *   MicroPython:           "MicroPython v1.23.0 on 2024-06-02; Generic ESP32 module with ESP32"
 */
export function profileFromBanner(text) {
  const lines = text.replace(/\r/g, '').split('\n').map((l) => l.trim());
  const weft = lines.find((l) => /^Weft \d/.test(l));
  const mpy = lines.find((l) => /^MicroPython v?\d/.test(l));
  if (weft) {
    const version = weft.split(/\s+/)[1];
    if (lines.some((l) => /^Virtual board/.test(l))) {
      return {
        kind: 'weft-virtual',
        name: `Weft ${version} virtual board (weft board)`,
        threads: 'real threads (OS threads) with a GIL',
        hasThread: true,
        banner: weft,
      };
    }
    const on = / on ([^;]+);/.exec(weft)?.[1];
    return {
      kind: 'weft',
      name: `Weft ${version} firmware${on ? ` on ${on}` : ''}`,
      threads: 'green threads (the VM switches them on one core)',
      hasThread: true,
      banner: weft,
    };
  }
  if (mpy) {
    const version = mpy.split(/\s+/)[1];
    const chip = / with (\S+)\s*$/.exec(mpy)?.[1] || '';
    if (/^ESP8266/i.test(chip)) {
      return {
        kind: 'mpy-esp8266',
        name: `MicroPython ${version} on ESP8266`,
        threads: 'no _thread module (one thread only)',
        hasThread: false,
        banner: mpy,
      };
    }
    if (/^ESP32/i.test(chip)) {
      return {
        kind: 'mpy-esp32',
        name: `MicroPython ${version} on ${chip}`,
        threads: '_thread with a GIL, on one core',
        hasThread: true,
        banner: mpy,
      };
    }
    return {
      kind: 'mpy',
      name: `MicroPython ${version}${chip ? ` on ${chip}` : ''}`,
      threads: '_thread: depends on the port (not known from the banner)',
      hasThread: null,
      banner: mpy,
    };
  }
  return {
    kind: 'unknown',
    name: 'unknown board',
    threads: 'not known (no MicroPython or Weft banner)',
    hasThread: null,
    banner: lines.filter(Boolean).slice(-2).join(' '),
  };
}

/** Modules `code` imports (top-level names of `import a, b` and `from a import ...`). */
export function importsOf(code) {
  const found = new Set();
  for (const line of code.split('\n')) {
    const s = line.replace(/#.*/, '').trim();
    let m = /^from\s+([\w.]+)\s+import\b/.exec(s);
    if (m) {
      found.add(m[1].split('.')[0]);
      continue;
    }
    m = /^import\s+(.+)$/.exec(s);
    if (m) for (const part of m[1].split(',')) found.add(part.trim().split(/\s+/)[0].split('.')[0]);
  }
  return found;
}

/** What `code` needs that the board lacks: a list of sentences (empty: nothing to say). */
export function lacks(profile, code) {
  const out = [];
  const imports = importsOf(code);
  const threaded = ['_thread', 'threading', 'queue'].filter((m) => imports.has(m));
  if (threaded.length && profile.hasThread === false) {
    out.push(
      `the script imports ${threaded.join(' and ')}, but ${profile.name} has no _thread: ` +
        'it will fail with ImportError there',
    );
  }
  if (imports.has('threading') && /^mpy/.test(profile.kind) && profile.hasThread !== false) {
    // stock MicroPython has _thread only; threading comes from micropython-lib if installed
    out.push(`${profile.name} has _thread but no threading module unless micropython-lib's is installed`);
  }
  return out;
}
