//! `hashlib`: sha256, sha224, sha1, md5 (RustCrypto implementations, no_std).

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use sha2::Digest;

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::struct_::buffer_bytes;
use super::{add_fns, native_class, native_ref};

#[derive(Clone)]
enum State {
    Sha256(sha2::Sha256),
    Sha224(sha2::Sha224),
    Sha512(sha2::Sha512),
    Sha384(sha2::Sha384),
    Sha1(sha1::Sha1),
    Md5(md5::Md5),
}

impl State {
    fn update(&mut self, data: &[u8]) {
        match self {
            State::Sha256(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha512(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Md5(h) => h.update(data),
        }
    }
    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Md5(h) => h.finalize().to_vec(),
        }
    }
    fn name(&self) -> &'static str {
        match self {
            State::Sha256(_) => "sha256",
            State::Sha224(_) => "sha224",
            State::Sha512(_) => "sha512",
            State::Sha384(_) => "sha384",
            State::Sha1(_) => "sha1",
            State::Md5(_) => "md5",
        }
    }
    fn digest_size(&self) -> usize {
        match self {
            State::Sha256(_) => 32,
            State::Sha224(_) => 28,
            State::Sha512(_) => 64,
            State::Sha384(_) => 48,
            State::Sha1(_) => 20,
            State::Md5(_) => 16,
        }
    }
    fn block_size(&self) -> usize {
        match self {
            State::Sha512(_) | State::Sha384(_) => 128,
            _ => 64,
        }
    }
    fn by_name(name: &str) -> Option<State> {
        Some(match name.to_ascii_lowercase().as_str() {
            "sha256" => State::Sha256(sha2::Sha256::new()),
            "sha224" => State::Sha224(sha2::Sha224::new()),
            "sha512" => State::Sha512(sha2::Sha512::new()),
            "sha384" => State::Sha384(sha2::Sha384::new()),
            "sha1" => State::Sha1(sha1::Sha1::new()),
            "md5" => State::Md5(md5::Md5::new()),
            _ => return None,
        })
    }
}

/// A hash object (`hashlib.sha256()` etc.).
pub struct Hash {
    state: RefCell<State>,
}

impl NativeObj for Hash {
    fn type_name(&self) -> &'static str {
        "HASH"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        let key = Value::str("HASH");
        if let Some(c) = vm.dict_get_str_opt(&vm.shared.native_classes, &key) {
            return c;
        }
        let cls = native_class(
            vm,
            "HASH",
            &[
                ("update", h_update),
                ("digest", h_digest),
                ("hexdigest", h_hexdigest),
                ("copy", h_copy),
                ("__repr__", h_repr),
            ],
        );
        if let Some(c) = crate::types::class_of(&cls) {
            let mut d = c.dict.borrow_mut();
            d.set_str("__module__", Value::str("_hashlib"));
            for (name, f) in [
                ("name", h_name as NativeFn),
                ("digest_size", h_digest_size),
                ("block_size", h_block_size),
            ] {
                let getter = crate::builtins::builtin_fn(name, f);
                d.set_str(
                    name,
                    Value::obj(Obj::Property(getter, Value::None, Value::None)),
                );
            }
        }
        cls
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

fn make(vm: &mut Vm, mut st: State, data: Option<&Value>) -> PyResult<Value> {
    if let Some(d) = data {
        if !d.is_none() {
            let b = hash_input(vm, d)?;
            st.update(&b);
        }
    }
    Ok(Value::obj(Obj::Native(Box::new(Hash {
        state: RefCell::new(st),
    }))))
}

fn hash_input(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if v.as_str().is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    buffer_bytes(vm, v)
}

fn data_arg<'a>(args: &'a Args) -> Option<&'a Value> {
    args.pos
        .first()
        .or_else(|| args.kwarg("data"))
        .or_else(|| args.kwarg("string"))
}

fn sha256(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make(vm, State::Sha256(sha2::Sha256::new()), data_arg(&args))
}
fn sha224(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make(vm, State::Sha224(sha2::Sha224::new()), data_arg(&args))
}
fn sha512(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make(vm, State::Sha512(sha2::Sha512::new()), data_arg(&args))
}
fn sha384(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make(vm, State::Sha384(sha2::Sha384::new()), data_arg(&args))
}
fn sha1(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make(vm, State::Sha1(sha1::Sha1::new()), data_arg(&args))
}
fn md5(vm: &mut Vm, args: Args) -> PyResult<Value> {
    make(vm, State::Md5(md5::Md5::new()), data_arg(&args))
}

/// `hashlib.new(name, data=b'')`
fn new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = match args.arg(0, "name") {
        Some(n) => match n.as_str() {
            Some(s) => String::from(s.as_str()),
            None => return Err(vm.type_error("new() argument 'name' must be str")),
        },
        None => return Err(vm.type_error("new() missing required argument 'name' (pos 1)")),
    };
    let st = match State::by_name(&name) {
        Some(s) => s,
        None => return Err(vm.value_error(format!("unsupported hash type {}", name))),
    };
    let data = args.pos.get(1).or_else(|| args.kwarg("data"));
    make(vm, st, data)
}

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("sha256", sha256),
            ("sha224", sha224),
            ("sha512", sha512),
            ("sha384", sha384),
            ("sha1", sha1),
            ("md5", md5),
            ("new", new),
        ],
    );
    let mut s = Dict::new();
    for n in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"] {
        s.set_str(n, Value::None);
    }
    d.set_str(
        "algorithms_guaranteed",
        Value::obj(Obj::FrozenSet(s.clone())),
    );
    d.set_str("algorithms_available", Value::obj(Obj::FrozenSet(s)));
    Ok(())
}

fn this<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a Hash> {
    match args.pos.first().and_then(native_ref::<Hash>) {
        Some(h) => Ok(h),
        None => Err(vm.type_error("descriptor requires a '_hashlib.HASH' object")),
    }
}

fn h_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    let v = vm.arg(&args, 1, "update")?.clone();
    let b = hash_input(vm, &v)?;
    h.state.borrow_mut().update(&b);
    Ok(Value::None)
}
fn h_digest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    let d = h.state.borrow().digest();
    Ok(Value::bytes(d))
}
fn h_hexdigest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    let d = h.state.borrow().digest();
    let mut s = String::with_capacity(d.len() * 2);
    for b in d {
        s.push_str(&format!("{:02x}", b));
    }
    Ok(Value::string(s))
}
fn h_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    let st = h.state.borrow().clone();
    Ok(Value::obj(Obj::Native(Box::new(Hash {
        state: RefCell::new(st),
    }))))
}
fn h_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    let n = h.state.borrow().name();
    Ok(Value::string(format!("<{} _hashlib.HASH object>", n)))
}
fn h_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    Ok(Value::str(h.state.borrow().name()))
}
fn h_digest_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    Ok(Value::Int(h.state.borrow().digest_size() as i64))
}
fn h_block_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let h = this(vm, &args)?;
    Ok(Value::Int(h.state.borrow().block_size() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{:02x}", x)).collect()
    }

    #[test]
    fn known_digests() {
        let mut s = State::by_name("sha256").unwrap();
        s.update(b"abc");
        assert_eq!(
            hex(&s.digest()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut s = State::by_name("sha1").unwrap();
        s.update(b"abc");
        assert_eq!(hex(&s.digest()), "a9993e364706816aba3e25717850c26c9cd0d89d");
        let mut s = State::by_name("md5").unwrap();
        s.update(b"");
        assert_eq!(hex(&s.digest()), "d41d8cd98f00b204e9800998ecf8427e");
    }
}
