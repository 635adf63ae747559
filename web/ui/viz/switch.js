// The GIL switch interval chosen in the Threads panel, set before the script runs.
//
// The call goes on the script's first line when that line is blank or a comment (every
// example starts with a comment), so every line keeps its number; otherwise it takes a line
// of its own above the script and `shift` (1) says by how much the lines moved.
export function withSwitchInterval(code, seconds) {
  if (!seconds) return { code, shift: 0 };
  const set = `import sys as _weft_sys; _weft_sys.setswitchinterval(${Number(seconds)}); del _weft_sys`;
  const nl = code.indexOf('\n');
  const first = nl < 0 ? code : code.slice(0, nl);
  if (/^\s*(#.*)?$/.test(first) && !/coding[:=]/.test(first)) {
    return { code: `${set}  ${first.trim()}${nl < 0 ? '' : code.slice(nl)}`, shift: 0 };
  }
  return { code: `${set}\n${code}`, shift: 1 };
}
