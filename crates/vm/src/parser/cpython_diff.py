"""Differential check of the Weft parser against CPython 3.11's ast module.

Usage: python3.11 crates/vm/src/parser/cpython_diff.py FILE_OR_DIR...
Parses every .py file with CPython and with Weft (through the ignored unit test
`diff_snippets`), compares the ASTs in the S-expression form of parser/tests.rs
(or the error message and line), and prints the first divergence per file.
Known, deliberate differences: `match`, `except*`, surrogate and \\N{...} escapes, and
errors Weft reports at parse time that CPython reports when compiling (duplicate
arguments, repeated keywords, starred assignment targets, __debug__).
"""
import ast, sys, subprocess, os

def rstr(v):
    out = ['"']
    for ch in v:
        o = ord(ch)
        if ch == '"': out.append('\\"')
        elif ch == '\\': out.append('\\\\')
        elif ch == '\n': out.append('\\n')
        elif ch == '\r': out.append('\\r')
        elif ch == '\t': out.append('\\t')
        elif ch == '\0': out.append('\\0')
        elif o < 0x20 or o == 0x7f: out.append('\\u{%x}' % o)
        else: out.append(ch)
    out.append('"')
    return ''.join(out)

def rfloat(f):
    if f != f: return 'NaN'
    if f == float('inf'): return 'inf'
    r = repr(f)
    if 'e' in r:
        m, e = r.split('e'); e = int(e)
        if '.' in m and m.endswith('.0'): m = m[:-2]
        return '%se%d' % (m, e)
    return r

BIN = {ast.Add:'+',ast.Sub:'-',ast.Mult:'*',ast.MatMult:'@',ast.Div:'/',ast.Mod:'%',ast.Pow:'**',ast.LShift:'<<',ast.RShift:'>>',ast.BitOr:'|',ast.BitXor:'^',ast.BitAnd:'&',ast.FloorDiv:'//'}
CMP = {ast.Eq:'==',ast.NotEq:'!=',ast.Lt:'<',ast.LtE:'<=',ast.Gt:'>',ast.GtE:'>=',ast.Is:'is',ast.IsNot:'is-not',ast.In:'in',ast.NotIn:'not-in'}
UN = {ast.Invert:'~',ast.Not:'not',ast.UAdd:'u+',ast.USub:'u-'}

def lst(v): return ' '.join(d(x) for x in v)
def opt(e): return d(e) if e is not None else '_'
def gens(g):
    out=[]
    for c in g:
        s='(%sfor %s %s' % ('async-' if c.is_async else '', d(c.target), d(c.iter))
        for i in c.ifs: s+=' (if %s)' % d(i)
        out.append(s+')')
    return ' '.join(out)
def params(a):
    def p(x, df):
        s=x.arg
        if x.annotation is not None: s+=':'+d(x.annotation)
        if df is not None: s+='='+d(df)
        return s
    pos = a.posonlyargs + a.args
    dfl = [None]*(len(pos)-len(a.defaults)) + list(a.defaults)
    out=[]
    for i,x in enumerate(a.posonlyargs): out.append(p(x, dfl[i]))
    if a.posonlyargs: out.append('/')
    for i,x in enumerate(a.args): out.append(p(x, dfl[len(a.posonlyargs)+i]))
    if a.vararg: out.append('*'+p(a.vararg,None))
    elif a.kwonlyargs: out.append('*')
    for x,df in zip(a.kwonlyargs, a.kw_defaults): out.append(p(x, df))
    if a.kwarg: out.append('**'+p(a.kwarg,None))
    return '[%s]' % ' '.join(out)
def kws(k):
    return ''.join(' %s=%s' % (x.arg, d(x.value)) if x.arg else ' **%s' % d(x.value) for x in k)

def d(e):
    t=type(e)
    if t is ast.BoolOp: return '(%s %s)' % ('and' if isinstance(e.op, ast.And) else 'or', lst(e.values))
    if t is ast.NamedExpr: return '(:= %s %s)' % (e.target.id, d(e.value))
    if t is ast.BinOp: return '(%s %s %s)' % (BIN[type(e.op)], d(e.left), d(e.right))
    if t is ast.UnaryOp: return '(%s %s)' % (UN[type(e.op)], d(e.operand))
    if t is ast.Lambda: return '(lambda %s %s)' % (params(e.args), d(e.body))
    if t is ast.IfExp: return '(if %s %s %s)' % (d(e.test), d(e.body), d(e.orelse))
    if t is ast.Dict: return '(dict %s)' % ' '.join(('%s:%s' % (d(k), d(v))) if k is not None else '**'+d(v) for k,v in zip(e.keys, e.values))
    if t is ast.Set: return '(set %s)' % lst(e.elts)
    if t is ast.ListComp: return '(listcomp %s %s)' % (d(e.elt), gens(e.generators))
    if t is ast.SetComp: return '(setcomp %s %s)' % (d(e.elt), gens(e.generators))
    if t is ast.DictComp: return '(dictcomp %s %s %s)' % (d(e.key), d(e.value), gens(e.generators))
    if t is ast.GeneratorExp: return '(genexp %s %s)' % (d(e.elt), gens(e.generators))
    if t is ast.Await: return '(await %s)' % d(e.value)
    if t is ast.Yield: return '(yield %s)' % opt(e.value)
    if t is ast.YieldFrom: return '(yield-from %s)' % d(e.value)
    if t is ast.Compare:
        s='(cmp %s' % d(e.left)
        for o,c in zip(e.ops, e.comparators): s+=' %s %s' % (CMP[type(o)], d(c))
        return s+')'
    if t is ast.Call:
        a = (' '+lst(e.args)) if e.args else ''
        return '(call %s%s%s)' % (d(e.func), a, kws(e.keywords))
    if t is ast.JoinedStr: return '(f %s)' % lst(e.values)
    if t is ast.FormattedValue:
        s='(fv %s' % d(e.value)
        if e.conversion != -1: s+=' !%s' % chr(e.conversion)
        if e.format_spec is not None: s+=' :%s' % d(e.format_spec)
        return s+')'
    if t is ast.Constant:
        v=e.value
        if v is None: return 'None'
        if v is True: return 'True'
        if v is False: return 'False'
        if v is Ellipsis: return '...'
        if isinstance(v, int): return str(v) if v < 2**63 else 'big:%d' % v
        if isinstance(v, float): return rfloat(v)
        if isinstance(v, complex): return rfloat(v.imag)+'j'
        if isinstance(v, str): return rstr(v)
        if isinstance(v, bytes): return 'b'+rstr(v.decode('utf-8','replace'))
    if t is ast.Attribute: return '(. %s %s)' % (d(e.value), e.attr)
    if t is ast.Subscript: return '([] %s %s)' % (d(e.value), d(e.slice))
    if t is ast.Starred: return '*'+d(e.value)
    if t is ast.Name: return e.id
    if t is ast.List: return '[%s]' % lst(e.elts)
    if t is ast.Tuple: return '(tuple %s)' % lst(e.elts)
    if t is ast.Slice: return '(slice %s %s %s)' % (opt(e.lower), opt(e.upper), opt(e.step))
    raise Exception('unknown %r' % t)

def block(b): return '[%s]' % '; '.join(s(x) for x in b)
def alias(a): return '%s as %s' % (a.name, a.asname) if a.asname else a.name
def s(st):
    t=type(st)
    if t is ast.Expr: return d(st.value)
    if t is ast.Assign: return '(= %s %s)' % (lst(st.targets), d(st.value))
    if t is ast.AugAssign: return '(%s= %s %s)' % (BIN[type(st.op)], d(st.target), d(st.value))
    if t is ast.AnnAssign:
        if st.value is not None: return '(ann %s %s %s)' % (d(st.target), d(st.annotation), d(st.value))
        return '(ann %s %s)' % (d(st.target), d(st.annotation))
    if t is ast.Pass: return 'pass'
    if t is ast.Break: return 'break'
    if t is ast.Continue: return 'continue'
    if t is ast.Return: return '(return %s)' % d(st.value) if st.value else '(return)'
    if t is ast.Raise: return '(raise %s %s)' % (opt(st.exc), opt(st.cause))
    if t is ast.Global: return '(global %s)' % ' '.join(st.names)
    if t is ast.Nonlocal: return '(nonlocal %s)' % ' '.join(st.names)
    if t is ast.Delete: return '(del %s)' % lst(st.targets)
    if t is ast.Assert: return '(assert %s %s)' % (d(st.test), d(st.msg)) if st.msg else '(assert %s)' % d(st.test)
    if t is ast.Import: return '(import %s)' % ', '.join(alias(a) for a in st.names)
    if t is ast.ImportFrom: return '(from %d %s %s)' % (st.level, st.module or '_', ', '.join(alias(a) for a in st.names))
    if t is ast.If: return '(if %s %s %s)' % (d(st.test), block(st.body), block(st.orelse))
    if t is ast.While: return '(while %s %s %s)' % (d(st.test), block(st.body), block(st.orelse))
    if t in (ast.For, ast.AsyncFor): return '(%sfor %s %s %s %s)' % ('async-' if t is ast.AsyncFor else '', d(st.target), d(st.iter), block(st.body), block(st.orelse))
    if t is ast.Try:
        h=' '.join('(except %s %s %s)' % (opt(x.type), x.name or '_', block(x.body)) for x in st.handlers)
        return '(try %s %s %s %s)' % (block(st.body), h, block(st.orelse), block(st.finalbody))
    if t in (ast.With, ast.AsyncWith):
        it=', '.join(('%s as %s' % (d(i.context_expr), d(i.optional_vars))) if i.optional_vars else d(i.context_expr) for i in st.items)
        return '(%swith %s %s)' % ('async-' if t is ast.AsyncWith else '', it, block(st.body))
    if t in (ast.FunctionDef, ast.AsyncFunctionDef):
        dec=''.join('@%s ' % d(x) for x in st.decorator_list)
        ret=(' -> %s' % d(st.returns)) if st.returns else ''
        return '(%s%sdef %s %s%s %s)' % (dec, 'async-' if t is ast.AsyncFunctionDef else '', st.name, params(st.args), ret, block(st.body))
    if t is ast.ClassDef:
        dec=''.join('@%s ' % d(x) for x in st.decorator_list)
        return '(%sclass %s (%s%s) %s)' % (dec, st.name, lst(st.bases), kws(st.keywords), block(st.body))
    raise Exception('unknown stmt %r' % t)

def cpython(src):
    try:
        m = ast.parse(src)
    except SyntaxError as e:
        kind = type(e).__name__
        if kind == 'TabError': kind = 'IndentationError'
        return ('err', kind, e.msg, e.lineno)
    except (ValueError, MemoryError, RecursionError) as e:
        return ('err', 'other', str(e), 0)
    try:
        return ('ok', ' | '.join(s(x) for x in m.body))
    except Exception as ex:
        return ('ok', 'DUMPFAIL %s' % ex)

def main(paths):
    import glob
    files = []
    for p in paths:
        files += sorted(glob.glob(p + '/**/*.py', recursive=True)) if os.path.isdir(p) else [p]
    snips, names = [], []
    for f in files:
        try:
            src = open(f, encoding='utf-8').read()
        except Exception:
            continue
        if '\0' not in src:
            snips.append(src)
            names.append(f)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), '../../../..'))
    path = '/tmp/weft_cpython_diff.txt'
    open(path, 'w').write('\0'.join(snips))
    subprocess.run(['cargo', 'test', '-q', '-p', 'weft-vm', 'diff_snippets', '--', '--ignored'], cwd=root,
                   env=dict(os.environ, WEFT_SNIPPETS=path), capture_output=True, text=True, check=True)
    mine = open(path + '.out').read().split('\n')
    bad = 0
    for i, src in enumerate(snips):
        c = cpython(src)
        m = mine[i]
        exp = ('ok ' + c[1]) if c[0] == 'ok' else '%s: %s (%s:' % (c[1], c[2], c[3])
        if (c[0] == 'ok' and m.rstrip() == exp.rstrip()) or (c[0] != 'ok' and m.startswith(exp)):
            continue
        bad += 1
        k = 0
        while k < min(len(m), len(exp)) and m[k] == exp[k]:
            k += 1
        print('=== %s\n  cpython: %s\n  weft:    %s' % (names[i], exp[max(0, k - 100):k + 80], m[max(0, k - 100):k + 80]))
    print('%d/%d files differ' % (bad, len(snips)))


if __name__ == '__main__':
    main(sys.argv[1:])
