//! `os`: files and directories through the port's file system, plus `urandom`.
//!
//! `stat` returns CPython's 10-tuple `(mode, ino, dev, nlink, uid, gid, size, atime, mtime,
//! ctime)`; the port knows only the kind, size and mtime, so `mode` carries just the type bits
//! (as on MicroPython's VFS) and the other fields are 0. `ilistdir` yields MicroPython's
//! `(name, type, inode, size)` tuples.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::dict::Dict;
use crate::port::{FileSystem, OsError};
use crate::value::*;
use crate::vm::{PyErr, PyResult, Vm};

use super::add_fns;

pub const S_IFDIR: i64 = 0o040000;
pub const S_IFREG: i64 = 0o100000;

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    d.set_str("sep", Value::str("/"));
    d.set_str("curdir", Value::str("."));
    d.set_str("pardir", Value::str(".."));
    d.set_str("name", Value::str("posix"));
    add_fns(
        d,
        &[
            ("listdir", os_listdir),
            ("ilistdir", os_ilistdir),
            ("stat", os_stat),
            ("remove", os_remove),
            ("unlink", os_remove),
            ("rename", os_rename),
            ("mkdir", os_mkdir),
            ("rmdir", os_rmdir),
            ("getcwd", os_getcwd),
            ("chdir", os_chdir),
            ("urandom", os_urandom),
        ],
    );
    Ok(())
}

fn os_err(vm: &mut Vm, e: OsError) -> PyErr {
    vm.os_error(e.errno, &e.msg)
}

fn fs(vm: &mut Vm) -> PyResult<&'static dyn FileSystem> {
    let port = vm.shared.port;
    match port.fs() {
        Some(f) => Ok(f),
        None => Err(vm.os_error(19, "no file system")),
    }
}

/// A path argument: str, or bytes holding UTF-8.
fn path_arg(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<String> {
    let v = match v {
        Some(v) => v,
        None => return Err(vm.type_error(format!("{}() missing required argument 'path'", fname))),
    };
    if let Some(s) = v.as_str() {
        return Ok(String::from(s.as_str()));
    }
    if let Value::Obj(o) = v {
        if let Obj::Bytes(b) = &**o {
            return match core::str::from_utf8(b) {
                Ok(s) => Ok(String::from(s)),
                Err(_) => Err(vm.value_error("path is not valid UTF-8")),
            };
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(format!(
        "{}: path should be string or bytes, not {}",
        fname, t
    )))
}

fn is_bytes(v: Option<&Value>) -> bool {
    matches!(v, Some(Value::Obj(o)) if matches!(&**o, Obj::Bytes(_)))
}

fn name_value(name: String, as_bytes: bool) -> Value {
    if as_bytes {
        Value::bytes(name.into_bytes())
    } else {
        Value::string(name)
    }
}

fn list_names(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(String, Vec<String>, bool)> {
    let arg = args.arg(0, "path").filter(|v| !v.is_none());
    let path = match arg {
        Some(_) => path_arg(vm, arg, fname)?,
        None => String::from("."),
    };
    let f = fs(vm)?;
    let names = f.listdir(&path).map_err(|e| os_err(vm, e))?;
    Ok((path, names, is_bytes(arg)))
}

fn os_listdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, names, b) = list_names(vm, &args, "listdir")?;
    Ok(Value::list(
        names.into_iter().map(|n| name_value(n, b)).collect(),
    ))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() || dir == "." {
        String::from(name)
    } else if dir.ends_with('/') {
        format!("{}{}", dir, name)
    } else {
        format!("{}/{}", dir, name)
    }
}

fn os_ilistdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (dir, names, b) = list_names(vm, &args, "ilistdir")?;
    let f = fs(vm)?;
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let (kind, size) = match f.stat(&join(&dir, &n)) {
            Ok(st) if st.is_dir => (S_IFDIR, 0),
            Ok(st) => (S_IFREG, st.size as i64),
            Err(_) => (0, 0),
        };
        out.push(Value::tuple(vec![
            name_value(n, b),
            Value::Int(kind),
            Value::Int(0),
            Value::Int(size),
        ]));
    }
    vm.get_iter(&Value::list(out))
}

fn os_stat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, args.arg(0, "path"), "stat")?;
    let f = fs(vm)?;
    let st = f.stat(&path).map_err(|e| os_err(vm, e))?;
    let mode = if st.is_dir { S_IFDIR } else { S_IFREG };
    let size = Value::bigint(st.size.into());
    let t = Value::Int(st.mtime);
    Ok(Value::tuple(vec![
        Value::Int(mode),
        Value::Int(0),
        Value::Int(0),
        Value::Int(0),
        Value::Int(0),
        Value::Int(0),
        size,
        t.clone(),
        t.clone(),
        t,
    ]))
}

fn os_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, args.arg(0, "path"), "remove")?;
    let f = fs(vm)?;
    f.remove(&path).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

fn os_rename(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = path_arg(vm, args.arg(0, "src"), "rename")?;
    let b = path_arg(vm, args.arg(1, "dst"), "rename")?;
    let f = fs(vm)?;
    f.rename(&a, &b).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

fn os_mkdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, args.arg(0, "path"), "mkdir")?;
    let f = fs(vm)?;
    f.mkdir(&path).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

fn os_rmdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, args.arg(0, "path"), "rmdir")?;
    let f = fs(vm)?;
    f.rmdir(&path).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

fn os_getcwd(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let f = fs(vm)?;
    let cwd = f.getcwd().map_err(|e| os_err(vm, e))?;
    Ok(Value::string(cwd))
}

fn os_chdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let path = path_arg(vm, args.arg(0, "path"), "chdir")?;
    let f = fs(vm)?;
    f.chdir(&path).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

fn os_urandom(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "urandom")?;
    let v = args.pos[0].clone();
    let n = vm.to_i64(&v)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    vm.check_alloc(n as usize)?;
    let mut buf = vec![0u8; n as usize];
    vm.shared.port.urandom(&mut buf);
    Ok(Value::bytes(buf))
}
