// The GIL switch interval chosen in the Threads panel, set before the script runs.
//
// The call goes in front of the script's first line when that line is blank, a comment or a
// simple statement, so that every line keeps its number (in tracebacks and in the Threads
// panel). Only when the script starts with a compound statement (`def`, `if`, a decorator...)
// or `from __future__` does it take a line of its own, and `shift` (1) says so.
const COMPOUND = /^(if|elif|else|for|while|def|class|with|try|except|finally|async|match|case)\b|^@|^from\s+__future__\b/;

export function withSwitchInterval(code, seconds) {
  if (!seconds) return { code, shift: 0 };
  const set = `import sys as _weft_sys; _weft_sys.setswitchinterval(${Number(seconds)}); del _weft_sys`;
  const nl = code.indexOf('\n');
  const first = nl < 0 ? code : code.slice(0, nl);
  const rest = nl < 0 ? '' : code.slice(nl);
  if (/^\s*(#.*)?$/.test(first) && !/coding[:=]/.test(first)) return { code: `${set}  ${first.trim()}${rest}`, shift: 0 };
  if (/^\S/.test(first) && !COMPOUND.test(first) && !/[:\\]\s*(#.*)?$/.test(first)) {
    return { code: `${set}; ${first}${rest}`, shift: 0 };
  }
  return { code: `${set}\n${code}`, shift: 1 };
}
