//! `io` (StringIO, BytesIO) and `open()` over the port's file system.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use crate::dict::Dict;
use crate::port::{OpenFlags, PortFile};
use crate::types::TypeId;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::{add_fns, native_class, native_ref};

/// An in-memory stream (StringIO when `text`, else BytesIO) or an open file.
pub struct Stream {
    pub text: bool,
    /// in-memory buffer (None for real files)
    pub buf: RefCell<Vec<u8>>,
    pub pos: Cell<usize>,
    pub file: RefCell<Option<Box<dyn PortFile>>>,
    pub is_file: bool,
    pub closed: Cell<bool>,
    pub name: String,
    pub mode: String,
    /// read-ahead for files (readline)
    pub pending: RefCell<Vec<u8>>,
    /// the file is out of `file`, in use by a thread that released the GIL for the I/O
    pub busy: Cell<bool>,
}

/// Run `op` on the stream's open file with the GIL released, so other threads run during
/// slow disk or pipe I/O. The file is moved out of the object meanwhile: no other thread
/// can touch it, and one that tries waits here until it is back (CPython serialises file
/// objects with a lock the same way). `Ok(None)`: the file is closed.
fn file_op<R>(
    vm: &mut Vm,
    s: &Stream,
    op: impl FnOnce(&mut dyn PortFile) -> R,
) -> PyResult<Option<R>> {
    let port = vm.shared.port;
    while s.busy.get() {
        vm.blocking(|| port.sleep_us(100));
        vm.check_signals()?;
    }
    let mut f = match s.file.borrow_mut().take() {
        Some(f) => f,
        None => return Ok(None),
    };
    s.busy.set(true);
    let r = vm.blocking(|| op(&mut *f));
    *s.file.borrow_mut() = Some(f);
    s.busy.set(false);
    Ok(Some(r))
}

impl NativeObj for Stream {
    fn type_name(&self) -> &'static str {
        if self.is_file {
            if self.text {
                "TextIOWrapper"
            } else {
                "FileIO"
            }
        } else if self.text {
            "StringIO"
        } else {
            "BytesIO"
        }
    }
    fn class(&self, vm: &mut Vm) -> Value {
        let name = self.type_name();
        native_class(
            vm,
            name,
            &[
                ("read", s_read),
                ("readline", s_readline),
                ("readlines", s_readlines),
                ("write", s_write),
                ("getvalue", s_getvalue),
                ("seek", s_seek),
                ("tell", s_tell),
                ("flush", s_flush),
                ("close", s_close),
                ("readable", s_true),
                ("writable", s_true),
                ("__enter__", s_enter),
                ("__exit__", s_exit),
                ("__iter__", s_enter),
                ("__next__", s_next),
            ],
        )
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn new_mem(text: bool, init: Vec<u8>) -> Value {
    Value::obj(Obj::Native(Box::new(Stream {
        text,
        buf: RefCell::new(init),
        pos: Cell::new(0),
        file: RefCell::new(None),
        is_file: false,
        closed: Cell::new(false),
        name: String::new(),
        mode: String::new(),
        pending: RefCell::new(Vec::new()),
        busy: Cell::new(false),
    })))
}

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("StringIO", string_io),
            ("BytesIO", bytes_io),
            ("open", open),
        ],
    );
    Ok(())
}

fn string_io(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let init = match args.pos.first() {
        Some(v) => match v.as_str() {
            Some(s) => s.as_str().as_bytes().to_vec(),
            None => return Err(vm.type_error("initial_value must be str")),
        },
        None => Vec::new(),
    };
    Ok(new_mem(true, init))
}
fn bytes_io(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let init = match args.pos.first() {
        Some(v) => vm.bytes_of(v)?,
        None => Vec::new(),
    };
    Ok(new_mem(false, init))
}

fn os_err(vm: &mut Vm, e: crate::port::OsError) -> crate::vm::PyErr {
    vm.os_error(e.errno, &e.msg)
}

/// `open(path, mode='r')`
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = match args.arg(0, "file") {
        Some(p) => match p.as_str() {
            Some(s) => String::from(s.as_str()),
            None => return Err(vm.type_error("open() path must be str")),
        },
        None => return Err(vm.type_error("open() missing required argument 'file'")),
    };
    let mode = match args.arg(1, "mode") {
        Some(m) => vm.str_of(m),
        None => String::from("r"),
    };
    let mut fl = OpenFlags::default();
    let mut text = true;
    for c in mode.chars() {
        match c {
            'r' => fl.read = true,
            'w' => {
                fl.write = true;
                fl.create = true;
                fl.truncate = true;
            }
            'a' => {
                fl.write = true;
                fl.create = true;
                fl.append = true;
            }
            'x' => {
                fl.write = true;
                fl.create = true;
                fl.exclusive = true;
            }
            '+' => {
                fl.read = true;
                fl.write = true;
            }
            'b' => text = false,
            't' => text = true,
            _ => return Err(vm.value_error(format!("invalid mode: '{}'", mode))),
        }
    }
    if !fl.read && !fl.write {
        fl.read = true;
    }
    let fs = match vm.shared.port.fs() {
        Some(fs) => fs,
        None => return Err(vm.os_error(19, "no file system")),
    };
    let f = match fs.open(&path, fl) {
        Ok(f) => f,
        Err(e) => return Err(os_err(vm, e)),
    };
    Ok(Value::obj(Obj::Native(Box::new(Stream {
        text,
        buf: RefCell::new(Vec::new()),
        pos: Cell::new(0),
        file: RefCell::new(Some(f)),
        is_file: true,
        closed: Cell::new(false),
        name: path,
        mode,
        pending: RefCell::new(Vec::new()),
        busy: Cell::new(false),
    }))))
}

fn stream<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a Stream> {
    match args.pos.first().and_then(native_ref::<Stream>) {
        Some(s) => {
            if s.closed.get() {
                return Err(vm.value_error("I/O operation on closed file"));
            }
            Ok(s)
        }
        None => Err(vm.type_error("not a stream")),
    }
}

fn mk(vm: &mut Vm, s: &Stream, data: Vec<u8>) -> PyResult<Value> {
    if s.text {
        match String::from_utf8(data) {
            Ok(t) => Ok(Value::string(t)),
            Err(_) => Err(vm.err(TypeId::UnicodeDecodeError, "invalid utf-8 in text stream")),
        }
    } else {
        Ok(Value::bytes(data))
    }
}

/// Read up to `n` bytes (None: all) from a file or buffer.
fn raw_read(vm: &mut Vm, s: &Stream, n: Option<usize>) -> PyResult<Vec<u8>> {
    if !s.is_file {
        let b = s.buf.borrow();
        let p = s.pos.get().min(b.len());
        let end = match n {
            Some(n) => (p + n).min(b.len()),
            None => b.len(),
        };
        let out = b[p..end].to_vec();
        s.pos.set(end);
        return Ok(out);
    }
    let mut out = core::mem::take(&mut *s.pending.borrow_mut());
    if let Some(n) = n {
        if out.len() >= n {
            *s.pending.borrow_mut() = out.split_off(n);
            return Ok(out);
        }
    }
    let r = file_op(vm, s, |f| {
        let mut chunk = [0u8; 8192];
        loop {
            if let Some(n) = n {
                if out.len() >= n {
                    let rest = out.split_off(n);
                    return Ok((out, rest));
                }
            }
            match f.read(&mut chunk) {
                Ok(0) => return Ok((out, Vec::new())),
                Ok(k) => out.extend_from_slice(&chunk[..k]),
                Err(e) => return Err(e),
            }
        }
    })?;
    match r {
        None => Err(vm.value_error("I/O operation on closed file")),
        Some(Err(e)) => Err(vm.os_error(e.errno, &e.msg)),
        Some(Ok((out, rest))) => {
            *s.pending.borrow_mut() = rest;
            Ok(out)
        }
    }
}

fn s_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let n = match args.pos.get(1) {
        Some(v) if !v.is_none() => {
            let n = vm.to_i64(v)?;
            if n < 0 {
                None
            } else {
                Some(n as usize)
            }
        }
        _ => None,
    };
    let data = if s.text && n.is_some() {
        // n counts characters for text streams
        let want = n.unwrap_or(0);
        let mut out = Vec::new();
        let mut chars = 0;
        while chars < want {
            let b = raw_read(vm, s, Some(1))?;
            if b.is_empty() {
                break;
            }
            out.extend_from_slice(&b);
            if core::str::from_utf8(&out).is_ok() {
                chars = core::str::from_utf8(&out)
                    .map(|t| t.chars().count())
                    .unwrap_or(chars);
            }
        }
        out
    } else {
        raw_read(vm, s, n)?
    };
    mk(vm, s, data)
}
fn read_line_bytes(vm: &mut Vm, s: &Stream) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let b = raw_read(vm, s, Some(1))?;
        if b.is_empty() {
            break;
        }
        out.push(b[0]);
        if b[0] == b'\n' {
            break;
        }
    }
    Ok(out)
}
fn s_readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let line = read_line_bytes(vm, s)?;
    mk(vm, s, line)
}
fn s_readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let mut out = Vec::new();
    loop {
        let line = read_line_bytes(vm, s)?;
        if line.is_empty() {
            break;
        }
        out.push(mk(vm, s, line)?);
    }
    Ok(Value::list(out))
}
fn s_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let line = read_line_bytes(vm, s)?;
    if line.is_empty() {
        return Err(vm.stop_iteration(Value::None));
    }
    mk(vm, s, line)
}
fn s_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let v = vm.arg(&args, 1, "write")?.clone();
    let (data, n) = if s.text {
        match v.as_str() {
            Some(t) => (t.as_str().as_bytes().to_vec(), t.char_len),
            None => {
                let tn = vm.type_name(&v);
                return Err(vm.type_error(format!("write() argument must be str, not {}", tn)));
            }
        }
    } else {
        if v.as_str().is_some() {
            return Err(vm.type_error("a bytes-like object is required, not 'str'"));
        }
        let b = vm.bytes_of(&v)?;
        let n = b.len();
        (b, n)
    };
    if s.is_file {
        let r = file_op(vm, s, |f| {
            let mut off = 0;
            while off < data.len() {
                match f.write(&data[off..]) {
                    Ok(0) => break,
                    Ok(k) => off += k,
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        })?;
        if let Some(Err(e)) = r {
            return Err(vm.os_error(e.errno, &e.msg));
        }
    } else {
        vm.check_alloc(data.len())?;
        let mut b = s.buf.borrow_mut();
        let p = s.pos.get();
        if p > b.len() {
            b.resize(p, 0);
        }
        let end = p + data.len();
        if end > b.len() {
            b.resize(end, 0);
        }
        b[p..end].copy_from_slice(&data);
        s.pos.set(end);
    }
    Ok(Value::Int(n as i64))
}
fn s_getvalue(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let data = s.buf.borrow().clone();
    mk(vm, s, data)
}
fn s_seek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    let off = vm.arg(&args, 1, "seek")?.clone();
    let off = vm.to_i64(&off)?;
    let whence = match args.pos.get(2) {
        Some(w) => vm.to_i64(w)?,
        None => 0,
    };
    if s.is_file {
        // data read ahead but not consumed: the caller's position is that much earlier
        let ahead = s.pending.borrow().len() as i64;
        let off = if whence == 1 { off - ahead } else { off };
        s.pending.borrow_mut().clear();
        return match file_op(vm, s, |f| f.seek(off, whence as i32))? {
            Some(Ok(p)) => Ok(Value::Int(p as i64)),
            Some(Err(e)) => Err(vm.os_error(e.errno, &e.msg)),
            None => Ok(Value::Int(0)),
        };
    }
    let len = s.buf.borrow().len() as i64;
    let base = match whence {
        0 => 0,
        1 => s.pos.get() as i64,
        2 => len,
        _ => return Err(vm.value_error("invalid whence")),
    };
    let p = (base + off).max(0);
    s.pos.set(p as usize);
    Ok(Value::Int(p))
}
fn s_tell(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    if s.is_file {
        let pending = s.pending.borrow().len() as i64;
        match file_op(vm, s, |f| f.seek(0, 1))? {
            Some(Ok(p)) => return Ok(Value::Int(p as i64 - pending)),
            Some(Err(e)) => return Err(vm.os_error(e.errno, &e.msg)),
            None => {}
        }
    }
    Ok(Value::Int(s.pos.get() as i64))
}
fn s_flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = stream(vm, &args)?;
    file_op(vm, s, |f| f.flush())?;
    Ok(Value::None)
}
fn s_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(s) = args.pos.first().and_then(native_ref::<Stream>) {
        file_op(vm, s, |f| f.flush())?;
        s.file.borrow_mut().take();
        s.closed.set(true);
    }
    Ok(Value::None)
}
fn s_true(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Bool(true))
}
fn s_enter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos[0].clone())
}
fn s_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    s_close(vm, Args::new(&args.pos[..1]))?;
    Ok(Value::None)
}
