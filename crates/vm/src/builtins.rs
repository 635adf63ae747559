//! The `builtins` module: functions, type names, exception classes, constants.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::{BinOp, CmpOp};
use crate::dict::Dict;
use crate::error::{CompileError, Mode};
use crate::types::{self, TypeId, ALL_TYPES, TYPE_NAMES};
use crate::value::*;
use crate::vm::{CodeObject, PyErr, PyResult, Vm};

pub fn builtin_fn(name: &'static str, func: NativeFn) -> Value {
    Value::obj(Obj::Builtin(Builtin {
        name,
        func,
        self_: None,
        data: None,
    }))
}

/// Fill the builtins namespace.
pub fn populate(d: &mut Dict, t: &types::TypeTable) {
    let fns: &[(&'static str, NativeFn)] = &[
        ("abs", b_abs),
        ("all", b_all),
        ("any", b_any),
        ("ascii", b_ascii),
        ("bin", b_bin),
        ("callable", b_callable),
        ("chr", b_chr),
        ("compile", b_compile),
        ("delattr", b_delattr),
        ("dir", b_dir),
        ("divmod", b_divmod),
        ("eval", b_eval),
        ("exec", b_exec),
        ("format", b_format),
        ("getattr", b_getattr),
        ("globals", b_globals),
        ("hasattr", b_hasattr),
        ("hash", b_hash),
        ("hex", b_hex),
        ("id", b_id),
        ("input", b_input),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("iter", b_iter),
        ("len", b_len),
        ("locals", b_locals),
        ("max", b_max),
        ("min", b_min),
        ("next", b_next),
        ("oct", b_oct),
        ("ord", b_ord),
        ("pow", b_pow),
        ("print", b_print),
        ("repr", b_repr),
        ("round", b_round),
        ("setattr", b_setattr),
        ("sorted", b_sorted),
        ("sum", b_sum),
        ("vars", b_vars),
        ("help", b_help),
        ("__import__", b_import),
        ("__build_class__", types::build_class),
        ("open", b_open),
    ];
    for (name, f) in fns {
        d.set_str(name, builtin_fn(name, *f));
    }
    let exposed = [
        TypeId::Object,
        TypeId::Type,
        TypeId::Bool,
        TypeId::Int,
        TypeId::Float,
        TypeId::Complex,
        TypeId::Str,
        TypeId::Bytes,
        TypeId::ByteArray,
        TypeId::MemoryView,
        TypeId::Tuple,
        TypeId::List,
        TypeId::Dict,
        TypeId::Set,
        TypeId::FrozenSet,
        TypeId::Range,
        TypeId::Slice,
        TypeId::Property,
        TypeId::ClassMethod,
        TypeId::StaticMethod,
        TypeId::Super,
        TypeId::Enumerate,
        TypeId::Zip,
        TypeId::Map,
        TypeId::Filter,
        TypeId::Reversed,
    ];
    for ty in exposed {
        d.set_str(TYPE_NAMES[ty as usize], t.get(ty));
    }
    // every exception class
    let first_exc = TypeId::BaseException as usize;
    for (i, ty) in ALL_TYPES.iter().enumerate().skip(first_exc) {
        d.set_str(TYPE_NAMES[i], t.get(*ty));
    }
    d.set_str("EnvironmentError", t.get(TypeId::OSError));
    d.set_str("IOError", t.get(TypeId::OSError));
    d.set_str("NotImplemented", Value::obj(Obj::NotImplemented));
    d.set_str("Ellipsis", Value::obj(Obj::Ellipsis));
    d.set_str("__debug__", Value::Bool(true));
    d.set_str("__name__", Value::str("builtins"));
}

pub fn abs_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::bigint(BigInt::from(*i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => Ok(Value::bigint(b.abs())),
            Obj::Complex(r, i) => Ok(Value::Float(libm::hypot(*r, *i))),
            _ => {
                if let Some(m) = vm.lookup_special(v, "__abs__") {
                    if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
                        return vm.call(&m, core::slice::from_ref(v));
                    }
                }
                let b = vm.base_value(v);
                if !b.is(v) {
                    return abs_value(vm, &b);
                }
                let t = vm.type_name(v);
                Err(vm.type_error(format!("bad operand type for abs(): '{}'", t)))
            }
        },
        _ => Err(vm.type_error("bad operand type for abs()")),
    }
}

fn b_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "abs")?;
    abs_value(vm, &args.pos[0])
}
fn b_all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "all")?;
    let it = vm.get_iter(&args.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
fn b_any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "any")?;
    let it = vm.get_iter(&args.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn b_ascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "ascii")?;
    let r = vm.repr_string(&args.pos[0])?;
    Ok(Value::string(crate::format::ascii_escape(&r)))
}
fn int_radix(vm: &mut Vm, v: &Value, radix: u32, prefix: &str) -> PyResult<Value> {
    let b = match v {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(*b as i64),
        Value::Obj(o) => match &**o {
            Obj::BigInt(b) => b.clone(),
            _ => match vm.index_of(v)? {
                Some(i) => BigInt::from(i),
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        t
                    )));
                }
            },
        },
        _ => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                t
            )));
        }
    };
    let s = b.abs().to_str_radix(radix);
    Ok(Value::string(format!(
        "{}{}{}",
        if b.is_negative() { "-" } else { "" },
        prefix,
        s
    )))
}
fn b_bin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "bin")?;
    int_radix(vm, &args.pos[0], 2, "0b")
}
fn b_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "hex")?;
    int_radix(vm, &args.pos[0], 16, "0x")
}
fn b_oct(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "oct")?;
    int_radix(vm, &args.pos[0], 8, "0o")
}
fn b_callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "callable")?;
    let v = &args.pos[0];
    let r = match v {
        Value::Obj(o) => match &**o {
            Obj::Function(_) | Obj::Method(..) | Obj::Builtin(_) | Obj::Class(_) => true,
            _ => vm.lookup_special(v, "__call__").is_some(),
        },
        _ => false,
    };
    Ok(Value::Bool(r))
}
fn b_chr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "chr")?;
    let i = vm.to_i64(&args.pos[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => {
            let mut b = [0u8; 4];
            Ok(Value::str(c.encode_utf8(&mut b)))
        }
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}
fn b_ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "ord")?;
    let v = vm.base_value(&args.pos[0]);
    if let Some(s) = v.as_str() {
        let mut it = s.as_str().chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Ok(Value::Int(c as i64));
        }
        return Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.char_len
        )));
    }
    if let Value::Obj(o) = &v {
        match &**o {
            Obj::Bytes(b) if b.len() == 1 => return Ok(Value::Int(b[0] as i64)),
            Obj::ByteArray(b) if b.borrow().len() == 1 => {
                return Ok(Value::Int(b.borrow()[0] as i64))
            }
            _ => {}
        }
    }
    let t = vm.type_name(&v);
    Err(vm.type_error(format!(
        "ord() expected string of length 1, but {} found",
        t
    )))
}

/// Turn a compile error into a SyntaxError exception with CPython's attributes.
pub fn syntax_error(vm: &mut Vm, e: &CompileError, filename: &str, source: &str) -> PyErr {
    let cls = vm
        .shared
        .types
        .by_name(e.kind)
        .unwrap_or_else(|| vm.shared.types.get(TypeId::SyntaxError));
    let text = source
        .lines()
        .nth(e.line.saturating_sub(1) as usize)
        .map(|l| format!("{}\n", l))
        .unwrap_or_default();
    let details = Value::tuple(vec![
        Value::str(filename),
        Value::Int(e.line as i64),
        Value::Int(e.col as i64 + 1),
        Value::string(text.clone()),
    ]);
    let exc = types::make_exception(cls, Value::tuple(vec![Value::str(&e.msg), details]));
    if let Value::Obj(o) = &exc {
        if let Obj::Instance(inst) = &**o {
            let mut d = inst.dict().borrow_mut();
            d.set_str("msg", Value::str(&e.msg));
            d.set_str("lineno", Value::Int(e.line as i64));
            d.set_str("offset", Value::Int(e.col as i64 + 1));
            d.set_str("filename", Value::str(filename));
            d.set_str("text", Value::string(text));
        }
    }
    PyErr(exc)
}

/// Heap bytes compiling one byte of source takes at its peak, about: the normalized copy
/// of the source, the token vector (reserved at 8 bytes per source byte on rv32: 32-byte
/// tokens, one per 4 bytes of source), then the AST while the tokens are still alive.
/// Short sources take more per byte (each function or class is a code object with its own
/// tables): measured on the host (64-bit), 164 bytes with a function, a class and a
/// comprehension peaked at 20 KB, threading.py's 28 KB at 964 KB. Hence rv32's 24 per
/// byte plus `COMPILE_BASE_BYTES`, both doubled for 64-bit pointers.
pub const COMPILE_BYTES_PER_SOURCE_BYTE: usize = 24;
/// What any compile takes besides (see `COMPILE_BYTES_PER_SOURCE_BYTE`).
pub const COMPILE_BASE_BYTES: usize = 4096;

/// `MemoryError` before compiling `source` if the heap limit leaves too little room for
/// the compiler (on a board a failed allocation would end the firmware, not raise).
pub fn check_compile_memory(vm: &mut Vm, source: &str) -> PyResult<()> {
    vm.check_memory_now()?;
    // (the figure is rv32's; 64-bit pointers make the tokens and the AST bigger)
    let scale = core::mem::size_of::<usize>() / 4;
    let bytes = source.len().saturating_mul(COMPILE_BYTES_PER_SOURCE_BYTE);
    vm.check_heap_total(bytes.saturating_add(COMPILE_BASE_BYTES) * scale)
}

/// Compile source text into a runtime code object, raising SyntaxError.
pub fn compile_to_code(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: Mode,
) -> PyResult<alloc::rc::Rc<CodeObject>> {
    check_compile_memory(vm, source)?;
    match crate::compile_source(source, filename, mode) {
        Ok(code) => Ok(CodeObject::load_owned(vm, code)),
        Err(e) => Err(syntax_error(vm, &e, filename, source)),
    }
}

fn source_text(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(s) = v.as_str() {
        return Ok(s.as_str().to_string());
    }
    match v {
        Value::Obj(o) if matches!(&**o, Obj::Bytes(_) | Obj::ByteArray(_)) => {
            let b = vm.bytes_of(v)?;
            String::from_utf8(b).map_err(|_| vm.value_error("source is not valid UTF-8"))
        }
        _ => Err(vm.type_error("expected a string or code object")),
    }
}

fn b_compile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let src = args
        .arg(0, "source")
        .cloned()
        .ok_or_else(|| vm.type_error("compile() missing source"))?;
    let filename = args
        .arg(1, "filename")
        .map(|v| vm.str_of(v))
        .unwrap_or_else(|| "<string>".into());
    let mode = args
        .arg(2, "mode")
        .map(|v| vm.str_of(v))
        .unwrap_or_else(|| "exec".into());
    let mode = match mode.as_str() {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let text = source_text(vm, &src)?;
    let code = compile_to_code(vm, &text, &filename, mode)?;
    Ok(Value::obj(Obj::Code(code)))
}

fn eval_exec(vm: &mut Vm, args: Args, mode: Mode) -> PyResult<Value> {
    let src = match args.pos.first() {
        Some(v) => v.clone(),
        None => return Err(vm.type_error("eval() missing required argument")),
    };
    let globals = match args.arg(1, "globals") {
        Some(g) if !g.is_none() => g.clone(),
        _ => vm.current_globals(),
    };
    let locals = match args.arg(2, "locals") {
        Some(l) if !l.is_none() => l.clone(),
        _ => {
            if args
                .arg(1, "globals")
                .map(|g| !g.is_none())
                .unwrap_or(false)
            {
                globals.clone()
            } else {
                vm.current_locals()
            }
        }
    };
    if !matches!(&globals, Value::Obj(o) if matches!(&**o, Obj::Dict(_))) {
        return Err(vm.type_error("globals must be a dict"));
    }
    if vm
        .dict_get_str_opt(&globals, &Value::str("__builtins__"))
        .is_none()
    {
        let b = vm.shared.builtins.clone();
        crate::vm::dict_set_str(&globals, Value::str("__builtins__"), b);
    }
    let code = match &src {
        Value::Obj(o) => match &**o {
            Obj::Code(c) => c.clone(),
            _ => {
                let text = source_text(vm, &src)?;
                let text = if mode == Mode::Eval {
                    text.trim_start_matches([' ', '\t']).to_string()
                } else {
                    text
                };
                compile_to_code(vm, &text, "<string>", mode)?
            }
        },
        _ => return Err(vm.type_error("eval() arg 1 must be a string, bytes or code object")),
    };
    let r = vm.run_code(code, globals, locals)?;
    Ok(if mode == Mode::Eval { r } else { Value::None })
}
fn b_eval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    eval_exec(vm, args, Mode::Eval)
}
fn b_exec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    eval_exec(vm, args, Mode::Exec)
}
fn b_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "delattr")?;
    vm.del_attr(&args.pos[0], &args.pos[1])?;
    Ok(Value::None)
}
fn b_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    match args.pos.first() {
        None => {
            let l = vm.current_locals();
            for (k, _) in vm.mapping_items(&l)? {
                names.push(vm.str_of(&k));
            }
        }
        Some(v) => {
            if let Value::Obj(o) = v {
                match &**o {
                    Obj::Module(m) => {
                        // what the module's own `__dir__` returns (PEP 562), else its
                        // namespace's names (CPython's ModuleType.__dir__)
                        let dir = vm.intern("__dir__");
                        let keys = match vm.dict_get_str_opt(&m.dict, &dir) {
                            Some(f) => {
                                let r = vm.call(&f, &[])?;
                                vm.to_vec(&r)?
                            }
                            None => vm
                                .mapping_items(&m.dict.clone())?
                                .into_iter()
                                .map(|(k, _)| k)
                                .collect(),
                        };
                        let mut names: Vec<String> = keys.iter().map(|k| vm.str_of(k)).collect();
                        names.sort();
                        return Ok(Value::list(names.into_iter().map(Value::string).collect()));
                    }
                    Obj::Instance(i) => {
                        for k in i.dict().borrow().keys() {
                            names.push(vm.str_of(&k));
                        }
                    }
                    _ => {}
                }
            }
            let t = match v {
                Value::Obj(o) if matches!(&**o, Obj::Class(_)) => v.clone(),
                _ => vm.type_of(v),
            };
            if let Some(c) = types::class_of(&t) {
                for k in c.mro.borrow().iter() {
                    if let Some(kc) = types::class_of(k) {
                        for key in kc.dict.borrow().keys() {
                            names.push(vm.str_of(&key));
                        }
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}
fn b_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "divmod")?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if let Some(m) = vm.lookup_special(a, "__divmod__") {
        if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
            return vm.call(&m, &[a.clone(), b.clone()]);
        }
    }
    let q = vm.binary_op(BinOp::FloorDiv, a, b)?;
    let r = vm.binary_op(BinOp::Mod, a, b)?;
    Ok(Value::tuple(vec![q, r]))
}
fn b_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 2, "format")?;
    let spec = match args.pos.get(1) {
        Some(s) => vm.str_of(s),
        None => String::new(),
    };
    vm.format_value(&args.pos[0], &spec)
}
fn b_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 3, "getattr")?;
    let name = &args.pos[1];
    if name.as_str().is_none() {
        return Err(vm.type_error("getattr(): attribute name must be string"));
    }
    match args.pos.get(2) {
        Some(d) => match vm.get_attr_opt(&args.pos[0], name) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Ok(d.clone()),
            Err(e) => {
                if vm.exc_matches(&e.0, TypeId::AttributeError) {
                    Ok(d.clone())
                } else {
                    Err(e)
                }
            }
        },
        None => vm.get_attr(&args.pos[0], name),
    }
}
fn b_hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "hasattr")?;
    match vm.get_attr_opt(&args.pos[0], &args.pos[1]) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(e) => {
            if vm.exc_matches(&e.0, TypeId::AttributeError) {
                Ok(Value::Bool(false))
            } else {
                Err(e)
            }
        }
    }
}
fn b_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 3, 3, "setattr")?;
    vm.set_attr(&args.pos[0], &args.pos[1], args.pos[2].clone())?;
    Ok(Value::None)
}
fn b_globals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.current_globals())
}
fn b_locals(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.current_locals())
}
fn b_vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.pos.first() {
        None => Ok(vm.current_locals()),
        Some(v) => match vm.get_attr_opt(v, &Value::str("__dict__"))? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}
fn b_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "hash")?;
    let h = vm.hash(&args.pos[0])?;
    Ok(Value::Int(h as i64))
}
fn b_id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "id")?;
    Ok(Value::Int(match &args.pos[0] {
        Value::Obj(o) => alloc::rc::Rc::as_ptr(o) as *const u8 as usize as i64,
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64 + 0x10,
        Value::None => 0x20,
        Value::Float(f) => f.to_bits() as i64,
        Value::Undef => 0,
    }))
}
fn b_input(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let prompt = match args.pos.first() {
        Some(p) => vm.str_string(p)?,
        None => String::new(),
    };
    vm.shared.port.flush();
    let port = vm.shared.port;
    vm.emit(crate::trace::EventKind::Input);
    let line = vm.blocking(|| port.read_line(&prompt));
    vm.took_gil();
    vm.check_signals()?;
    match line {
        Some(l) => Ok(Value::string(l)),
        None => Err(vm.err(TypeId::EOFError, "")),
    }
}
fn b_isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "isinstance")?;
    let t = vm.type_of(&args.pos[0]);
    Ok(Value::Bool(check_class(
        vm,
        &t,
        &args.pos[1],
        "isinstance",
    )?))
}
fn b_issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "issubclass")?;
    if types::class_of(&args.pos[0]).is_none() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    Ok(Value::Bool(check_class(
        vm,
        &args.pos[0],
        &args.pos[1],
        "issubclass",
    )?))
}
fn check_class(vm: &mut Vm, t: &Value, cls: &Value, fname: &str) -> PyResult<bool> {
    if let Some(tup) = cls.as_tuple() {
        for c in tup.iter() {
            if check_class(vm, t, c, fname)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if types::class_of(cls).is_none() {
        return Err(vm.type_error(format!(
            "{}() arg 2 must be a type or tuple of types",
            fname
        )));
    }
    // bool is a subclass of int
    Ok(types::is_subclass(t, cls))
}
fn b_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 2, "iter")?;
    if let Some(s) = args.pos.get(1) {
        return Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Callable {
            func: args.pos[0].clone(),
            sentinel: s.clone(),
        }))));
    }
    vm.get_iter(&args.pos[0])
}
fn b_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "len")?;
    if let Value::Obj(o) = &args.pos[0] {
        if let Obj::DictView(dv) = &**o {
            let d = dv.dict.clone();
            return Ok(Value::Int(vm.len(&d)? as i64));
        }
    }
    Ok(Value::Int(vm.len(&args.pos[0])? as i64))
}
fn minmax(vm: &mut Vm, args: Args, op: CmpOp, name: &str) -> PyResult<Value> {
    let key = args.kwarg("key").cloned().unwrap_or(Value::None);
    let default = args.kwarg("default").cloned();
    let items = if args.pos.len() == 1 {
        vm.to_vec(&args.pos[0])?
    } else if args.pos.is_empty() {
        return Err(vm.type_error(format!("{} expected at least 1 argument, got 0", name)));
    } else {
        if default.is_some() {
            return Err(vm.type_error(format!(
                "Cannot specify a default for {}() with multiple positional arguments",
                name
            )));
        }
        args.pos.to_vec()
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = if key.is_none() {
            x.clone()
        } else {
            vm.call(&key, core::slice::from_ref(&x))?
        };
        best = match best {
            None => Some((x, k)),
            Some((bx, bk)) => {
                let r = vm.compare_op(op, &k, &bk)?;
                if vm.truthy(&r)? {
                    Some((x, k))
                } else {
                    Some((bx, bk))
                }
            }
        };
    }
    match best {
        Some((x, _)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{}() arg is an empty sequence", name))),
        },
    }
}
fn b_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    minmax(vm, args, CmpOp::Gt, "max")
}
fn b_min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    minmax(vm, args, CmpOp::Lt, "min")
}
fn b_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 2, "next")?;
    let it = &args.pos[0];
    let is_iter = match it {
        Value::Obj(o) => {
            matches!(&**o, Obj::Iter(_) | Obj::Generator(_))
                || vm.lookup_special(it, "__next__").is_some()
        }
        _ => false,
    };
    if !is_iter {
        let t = vm.type_name(it);
        return Err(vm.type_error(format!("'{}' object is not an iterator", t)));
    }
    // let a StopIteration raised by __next__ propagate with its value unless defaulted
    if let Value::Obj(o) = it {
        if !matches!(&**o, Obj::Iter(_) | Obj::Generator(_)) {
            let m = vm.lookup_special(it, "__next__").unwrap_or(Value::None);
            return match vm.call(&m, core::slice::from_ref(it)) {
                Ok(v) => Ok(v),
                Err(e) => {
                    if vm.exc_matches(&e.0, TypeId::StopIteration) {
                        if let Some(d) = args.pos.get(1) {
                            return Ok(d.clone());
                        }
                    }
                    Err(e)
                }
            };
        }
    }
    if let Value::Obj(o) = it {
        if let Obj::Generator(_) = &**o {
            return match vm.gen_resume(it, Value::None, None)? {
                crate::vm::GenStep::Yield(v) => Ok(v),
                crate::vm::GenStep::Return(v) => match args.pos.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(vm.stop_iteration(v)),
                },
            };
        }
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => {
                // a generator's return value travels in StopIteration
                Err(vm.stop_iteration(Value::None))
            }
        },
    }
}
fn b_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 3, "pow")?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    match args.pos.get(2) {
        None => vm.binary_op(BinOp::Pow, a, b),
        Some(m) if m.is_none() => vm.binary_op(BinOp::Pow, a, b),
        Some(m) => {
            let to_big = |vm: &mut Vm, v: &Value| -> PyResult<BigInt> {
                match v {
                    Value::Int(i) => Ok(BigInt::from(*i)),
                    Value::Bool(b) => Ok(BigInt::from(*b as i64)),
                    Value::Obj(o) => match &**o {
                        Obj::BigInt(b) => Ok(b.clone()),
                        _ => Err(vm.type_error(
                            "pow() 3rd argument not allowed unless all arguments are integers",
                        )),
                    },
                    _ => Err(vm.type_error(
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    )),
                }
            };
            let (x, e, md) = (to_big(vm, a)?, to_big(vm, b)?, to_big(vm, m)?);
            if md.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let r = if e.is_negative() {
                // modular inverse
                let inv = mod_inverse(&x, &md).ok_or_else(|| {
                    vm.value_error("base is not invertible for the given modulus")
                })?;
                inv.modpow(&(-e), &md)
            } else {
                x.modpow(&e, &md)
            };
            // Python's result has the sign of the modulus
            let r = if !r.is_zero() && (r.is_negative() != md.is_negative()) {
                r + &md
            } else {
                r
            };
            Ok(Value::bigint(r))
        }
    }
}
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let e = a.mod_floor(m).extended_gcd(m);
    if e.gcd != BigInt::from(1) && e.gcd != BigInt::from(-1) {
        return None;
    }
    Some(e.x.mod_floor(m))
}
fn b_print(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = match args.kwarg("sep") {
        Some(s) if !s.is_none() => vm.str_of(s),
        _ => String::from(" "),
    };
    let end = match args.kwarg("end") {
        Some(s) if !s.is_none() => vm.str_of(s),
        _ => String::from("\n"),
    };
    let mut out = String::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str_string(a)?);
    }
    out.push_str(&end);
    match args.kwarg("file") {
        Some(f) if !f.is_none() => {
            let f = f.clone();
            let w = vm.get_attr(&f, &Value::str("write"))?;
            vm.call(&w, &[Value::string(out)])?;
            if let Some(fl) = args.kwarg("flush") {
                if vm.truthy(fl)? {
                    if let Some(m) = vm.get_attr_opt(&f, &Value::str("flush"))? {
                        vm.call(&m, &[])?;
                    }
                }
            }
        }
        _ => {
            vm.write_stdout(&out);
            if let Some(fl) = args.kwarg("flush") {
                if vm.truthy(fl)? {
                    vm.shared.port.flush();
                }
            }
        }
    }
    Ok(Value::None)
}
fn b_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "repr")?;
    vm.repr(&args.pos[0])
}
fn b_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = match args.arg(0, "number") {
        Some(x) => x.clone(),
        None => return Err(vm.type_error("round() missing required argument 'number'")),
    };
    let nd = args.arg(1, "ndigits").cloned().filter(|v| !v.is_none());
    if let Some(m) = vm.lookup_special(&x, "__round__") {
        if !matches!(&m, Value::Obj(mo) if matches!(&**mo, Obj::Builtin(_))) {
            let mut a = vec![x.clone()];
            if let Some(n) = nd {
                a.push(n);
            }
            return vm.call(&m, &a);
        }
    }
    match &x {
        Value::Int(_) | Value::Bool(_) => match nd {
            None => Ok(match x {
                Value::Bool(b) => Value::Int(b as i64),
                v => v,
            }),
            Some(n) => {
                let n = vm.to_i64(&n)?;
                if n >= 0 {
                    return Ok(x.clone());
                }
                let i = vm.to_i64(&x)? as i128;
                let p = 10i128.checked_pow((-n) as u32).unwrap_or(i128::MAX);
                let q = i.div_euclid(p);
                let r = i.rem_euclid(p);
                let q = if r * 2 > p || (r * 2 == p && q % 2 != 0) {
                    q + 1
                } else {
                    q
                };
                Ok(Value::Int((q * p) as i64))
            }
        },
        Value::Obj(o) if matches!(&**o, Obj::BigInt(_)) => Ok(x.clone()),
        _ => {
            let f = vm.to_f64(&x)?;
            match nd {
                None => {
                    let r = libm::rint(f);
                    crate::numeric::float_to_int(vm, r)
                }
                Some(n) => {
                    let n = vm.to_i64(&n)?;
                    if !f.is_finite() {
                        return Ok(Value::Float(f));
                    }
                    // correctly rounded: format with n digits (round-half-even on the decimal)
                    if n > 300 {
                        return Ok(Value::Float(f));
                    }
                    if n < -300 {
                        return Ok(Value::Float(0.0 * f));
                    }
                    if n >= 0 {
                        let s = format!("{:.*}", n as usize, f);
                        Ok(Value::Float(s.parse::<f64>().unwrap_or(f)))
                    } else {
                        let p = libm::pow(10.0, (-n) as f64);
                        Ok(Value::Float(libm::rint(f / p) * p))
                    }
                }
            }
        }
    }
}
fn b_sorted(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "sorted")?;
    let items = vm.to_vec(&args.pos[0])?;
    let key = args.kwarg("key").cloned().unwrap_or(Value::None);
    let reverse = match args.kwarg("reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    match crate::methods::sort_values(vm, items, &key, reverse) {
        Ok(v) => Ok(Value::list(v)),
        Err((e, _)) => Err(e),
    }
}
fn b_sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 2, "sum")?;
    let mut acc = args.arg(1, "start").cloned().unwrap_or(Value::Int(0));
    if acc.as_str().is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = vm.get_iter(&args.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => vm.binary_op(BinOp::Add, &acc, &x)?,
        };
    }
    Ok(acc)
}
fn b_help(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        vm.write_stdout(
            "Welcome to Weft, a MicroPython-compatible Python with real threads.\n\
             \n\
             Try: print('hello'), import _thread, import threading, help(obj).\n\
             Ctrl-D exits the REPL, Ctrl-C interrupts, Ctrl-E enters paste mode.\n",
        );
        return Ok(Value::None);
    }
    let v = args.pos[0].clone();
    let r = vm.repr_string(&v)?;
    let tn = vm.type_name(&v);
    vm.write_stdout(&format!("object {} is of type {}\n", r, tn));
    let t = match &v {
        Value::Obj(o) if matches!(&**o, Obj::Class(_) | Obj::Module(_)) => v.clone(),
        _ => vm.type_of(&v),
    };
    let items = match &t {
        Value::Obj(o) => match &**o {
            Obj::Class(c) => c.dict.borrow().keys(),
            Obj::Module(m) => match &m.dict {
                Value::Obj(d) => match &**d {
                    Obj::Dict(d) => d.borrow().keys(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    for k in items {
        let n = vm.str_of(&k);
        if !n.starts_with("__") {
            vm.write_stdout(&format!("  {}\n", n));
        }
    }
    Ok(Value::None)
}
fn b_import(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = match args.arg(0, "name") {
        Some(n) => n.clone(),
        None => return Err(vm.type_error("__import__() missing required argument 'name'")),
    };
    let globals = args.arg(1, "globals").cloned().unwrap_or(Value::None);
    let fromlist = args.arg(3, "fromlist").cloned().unwrap_or(Value::None);
    let level = args.arg(4, "level").cloned().unwrap_or(Value::Int(0));
    let globals = if globals.is_none() {
        vm.current_globals()
    } else {
        globals
    };
    crate::import::import_name(vm, &name, &fromlist, &level, &globals)
}
fn b_open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    crate::modules::io::open(vm, args)
}

/// `super()` / `super(cls, obj)`
pub fn super_new(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    if args.len() >= 2 {
        return Ok(Value::obj(Obj::Super(args[0].clone(), args[1].clone())));
    }
    if args.len() == 1 {
        return Err(vm.type_error("super() with one argument is not supported"));
    }
    // zero-argument form: __class__ cell and the first argument of the calling frame
    let frame = match vm.frames.last() {
        Some(f) => f,
        None => return Err(vm.runtime_error("super(): no arguments")),
    };
    let code = frame.code.clone();
    let mut cls = None;
    for (i, n) in code.cellnames.iter().enumerate() {
        if n.as_str()
            .map(|s| s.as_str() == "__class__")
            .unwrap_or(false)
        {
            cls = Some(crate::vm::cell_get(&frame.cells[i]));
        }
    }
    let cls = match cls {
        Some(c) if !matches!(c, Value::Undef) => c,
        _ => return Err(vm.runtime_error("super(): __class__ cell not found")),
    };
    if code.argcount == 0 && code.flags & crate::bytecode::flags::VARARGS == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let mut obj = vm.stack.get(frame.base).cloned().unwrap_or(Value::Undef);
    for &(ci, ai) in code.cell2arg.iter() {
        if ai == 0 {
            obj = crate::vm::cell_get(&frame.cells[ci as usize]);
        }
    }
    if matches!(obj, Value::Undef) {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    }
    Ok(Value::obj(Obj::Super(cls, obj)))
}

pub fn bigint_small(b: &BigInt) -> Option<i64> {
    b.to_i64()
}
