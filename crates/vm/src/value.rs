//! Runtime values and heap objects.
//!
//! A [`Value`] is 16 bytes: immediates (None, bool, small int, float) are unboxed; everything
//! else is an `Rc<Obj>`. Reference counts are not atomic: every Python thread touches objects
//! only while it holds the GIL, which also orders memory between threads (see
//! ARCHITECTURE.md, "Memory"). That is why `Value` is `!Send`: crossing a thread boundary is
//! explicit ([`SendValue`]) and only legal for a thread that will take the GIL before use.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use num_bigint::BigInt;

use crate::dict::Dict;
use crate::vm::CodeObject;

#[derive(Clone, Default)]
pub enum Value {
    /// internal marker: an unbound local slot, or "no self" in `LoadMethod`. Never visible
    /// to Python code.
    Undef,
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(Rc<Obj>),
}

impl core::fmt::Debug for Value {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Value::Undef => write!(f, "<undef>"),
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", b),
            Value::Int(i) => write!(f, "{}", i),
            Value::Float(x) => write!(f, "{}", x),
            Value::Obj(o) => write!(f, "<obj {}>", o.kind_name()),
        }
    }
}

/// A value moved to another host thread. Safe to unwrap only while holding the GIL.
pub struct SendValue(pub Value);
unsafe impl Send for SendValue {}

impl Value {
    #[inline]
    pub fn obj(o: Obj) -> Value {
        Value::Obj(Rc::new(o))
    }
    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    #[inline]
    pub fn as_obj(&self) -> Option<&Rc<Obj>> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }
    /// identity (`is`)
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Undef, Value::Undef) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // small ints are interned in MicroPython and CPython alike
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => {
                Rc::ptr_eq(a, b)
                    || matches!(
                        (&**a, &**b),
                        (Obj::Ellipsis, Obj::Ellipsis) | (Obj::NotImplemented, Obj::NotImplemented)
                    )
            }
            _ => false,
        }
    }
    pub fn str(s: &str) -> Value {
        Value::obj(Obj::Str(PyStr::new(s)))
    }
    /// A str value whose text stays in static data.
    pub fn static_str(s: &'static str) -> Value {
        Value::obj(Obj::Str(PyStr::new_static(s)))
    }
    pub fn string(s: String) -> Value {
        Value::obj(Obj::Str(PyStr::from_string(s)))
    }
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::obj(Obj::Tuple(v.into_boxed_slice()))
    }
    pub fn list(v: Vec<Value>) -> Value {
        Value::obj(Obj::List(RefCell::new(v)))
    }
    pub fn bytes(v: Vec<u8>) -> Value {
        Value::obj(Obj::Bytes(v.into_boxed_slice()))
    }
    pub fn bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::obj(Obj::BigInt(b)),
        }
    }
    pub fn dict(d: Dict) -> Value {
        Value::obj(Obj::Dict(RefCell::new(d)))
    }
    /// The str payload, if this is a str (not a subclass instance).
    #[inline]
    pub fn as_str(&self) -> Option<&PyStr> {
        match self {
            Value::Obj(o) => match &**o {
                Obj::Str(s) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }
    pub fn as_tuple(&self) -> Option<&[Value]> {
        match self {
            Value::Obj(o) => match &**o {
                Obj::Tuple(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A Python `str`: UTF-8, with its length in characters and its hash cached.
/// A str object's text: in the heap, or static data of the program (the names and string
/// constants of the frozen modules, which then cost no heap beyond the object).
#[derive(Clone)]
pub enum StrBuf {
    Heap(Box<str>),
    Static(&'static str),
}

impl core::ops::Deref for StrBuf {
    type Target = str;
    #[inline(always)]
    fn deref(&self) -> &str {
        match self {
            StrBuf::Heap(b) => b,
            StrBuf::Static(s) => s,
        }
    }
}

impl PartialEq for StrBuf {
    #[inline]
    fn eq(&self, other: &StrBuf) -> bool {
        **self == **other
    }
}

pub struct PyStr {
    pub s: StrBuf,
    /// number of chars; equals `s.len()` iff the string is ASCII
    pub char_len: usize,
    pub hash: Cell<u64>,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr {
            char_len: s.chars().count(),
            s: StrBuf::Heap(s.into()),
            hash: Cell::new(0),
        }
    }
    /// A str whose text is static data (not copied).
    pub fn new_static(s: &'static str) -> PyStr {
        PyStr {
            char_len: s.chars().count(),
            s: StrBuf::Static(s),
            hash: Cell::new(0),
        }
    }
    pub fn from_string(s: String) -> PyStr {
        PyStr {
            char_len: s.chars().count(),
            s: StrBuf::Heap(s.into_boxed_str()),
            hash: Cell::new(0),
        }
    }
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }
    pub fn hash(&self) -> u64 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        let h = crate::dict::hash_bytes(self.s.as_bytes());
        self.hash.set(h);
        h
    }
    /// byte offset of char index `i` (0 <= i <= char_len)
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i
        } else {
            self.s
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.s.len())
        }
    }
}

/// The heap objects.
pub enum Obj {
    Str(PyStr),
    BigInt(BigInt),
    Complex(f64, f64),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    /// a view on a bytes/bytearray/array object: (object, start, len, readonly)
    MemoryView(MemView),
    Tuple(Box<[Value]>),
    List(RefCell<Vec<Value>>),
    Dict(RefCell<Dict>),
    /// set: a Dict whose values are all None
    Set(RefCell<Dict>),
    FrozenSet(Dict),
    Range(i64, i64, i64),
    Slice(Value, Value, Value),
    Ellipsis,
    NotImplemented,
    /// (boxed: `Obj` is as big as its largest variant, and every object pays for it)
    Function(Box<Function>),
    /// bound method: (function, self)
    Method(Value, Value),
    Builtin(Builtin),
    /// (boxed, as `Function`)
    Class(Box<Class>),
    Instance(Instance),
    Module(Module),
    Cell(RefCell<Value>),
    Code(Rc<CodeObject>),
    /// (boxed, as `Function`)
    Generator(Box<RefCell<crate::vm::Generator>>),
    Iter(RefCell<Iter>),
    Property(Value, Value, Value),
    ClassMethod(Value),
    StaticMethod(Value),
    /// `super(cls, obj)`
    Super(Value, Value),
    /// `dict.keys()` / `values()` / `items()`
    DictView(DictView),
    /// an object implemented in Rust by a module (StringIO, deque, Lock, file, ...)
    Native(Box<dyn NativeObj>),
}

// Every object pays for the largest variant: keep `Obj` small (a board has ~300 KB of heap).
#[cfg(target_pointer_width = "32")]
const _: () = assert!(core::mem::size_of::<Obj>() <= 56);

pub struct MemView {
    pub obj: Value,
    pub start: usize,
    pub len: usize,
}

impl Obj {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Obj::Str(_) => "str",
            Obj::BigInt(_) => "int",
            Obj::Complex(..) => "complex",
            Obj::Bytes(_) => "bytes",
            Obj::ByteArray(_) => "bytearray",
            Obj::MemoryView(_) => "memoryview",
            Obj::Tuple(_) => "tuple",
            Obj::List(_) => "list",
            Obj::Dict(_) => "dict",
            Obj::Set(_) => "set",
            Obj::FrozenSet(_) => "frozenset",
            Obj::Range(..) => "range",
            Obj::Slice(..) => "slice",
            Obj::Ellipsis => "ellipsis",
            Obj::NotImplemented => "NotImplementedType",
            Obj::Function(_) => "function",
            Obj::Method(..) => "bound_method",
            Obj::Builtin(_) => "builtin_function_or_method",
            Obj::Class(_) => "type",
            Obj::Instance(_) => "object",
            Obj::Module(_) => "module",
            Obj::Cell(_) => "cell",
            Obj::Code(_) => "code",
            Obj::Generator(_) => "generator",
            Obj::Iter(_) => "iterator",
            Obj::Property(..) => "property",
            Obj::ClassMethod(_) => "classmethod",
            Obj::StaticMethod(_) => "staticmethod",
            Obj::Super(..) => "super",
            Obj::DictView(v) => match v.kind {
                0 => "dict_keys",
                1 => "dict_values",
                _ => "dict_items",
            },
            Obj::Native(n) => n.type_name(),
        }
    }
}

/// A Python function: code + globals + defaults + closure.
pub struct Function {
    pub code: Rc<CodeObject>,
    pub globals: Value,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    pub defaults: Box<[Value]>,
    /// kw-only defaults: (name, value)
    pub kwdefaults: Box<[(Value, Value)]>,
    pub closure: Box<[Value]>,
    /// function attributes (`f.attr = ...`), created on first use
    pub dict: RefCell<Option<Box<Dict>>>,
    pub module: Value,
}

/// Arguments to a builtin: positional values (for methods, `self` is `pos[0]`) and keyword
/// arguments as (name, value) pairs.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kw: &'a [(Value, Value)],
}

impl<'a> Args<'a> {
    pub fn new(pos: &'a [Value]) -> Args<'a> {
        Args { pos, kw: &[] }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.pos.len()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }
    #[inline]
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.pos.get(i)
    }
    /// a keyword argument by name
    pub fn kwarg(&self, name: &str) -> Option<&Value> {
        self.kw
            .iter()
            .find(|(k, _)| k.as_str().map(|s| s.as_str()) == Some(name))
            .map(|(_, v)| v)
    }
    /// positional `i`, else keyword `name`
    pub fn arg(&self, i: usize, name: &str) -> Option<&Value> {
        self.pos.get(i).or_else(|| self.kwarg(name))
    }
}

pub type NativeFn = fn(&mut crate::vm::Vm, Args) -> crate::vm::PyResult<Value>;

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// bound receiver for builtin methods fetched from an instance (`[].append`)
    pub self_: Option<Value>,
    /// extra data for closures over a value (e.g. `functools.partial`-like builtins)
    pub data: Option<Value>,
}

/// What kind of payload instances of a class carry (builtin base type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    Object,
    Exception,
    /// subclass of a builtin container/value type: the instance wraps a value of that type
    Wrapped,
}

pub struct Class {
    pub name: Value,
    pub qualname: RefCell<Value>,
    pub bases: Vec<Value>,
    /// the method resolution order, starting with this class itself (as Values)
    pub mro: RefCell<Vec<Value>>,
    pub dict: RefCell<Dict>,
    pub base_kind: BaseKind,
    /// index into the interpreter's builtin type table for builtin types
    pub builtin: Option<crate::types::TypeId>,
    /// cached: does any class in the MRO define `__getattr__`/`__setattr__`/... (slow paths)
    pub flags: Cell<u32>,
    /// method cache: name -> attribute found along the MRO (`Undef` = not found), valid
    /// while `cache_ver` equals the interpreter's type version
    pub cache: RefCell<Dict>,
    pub cache_ver: Cell<u64>,
}

pub mod class_flags {
    pub const HAS_GETATTR: u32 = 1;
    pub const HAS_SETATTR: u32 = 2;
    pub const HAS_DELATTR: u32 = 4;
    pub const HAS_GETATTRIBUTE: u32 = 8;
    /// a data descriptor (property or class with `__set__`) may be in the MRO dicts
    pub const HAS_DESCR: u32 = 16;
}

pub struct Instance {
    pub class: Value,
    /// the instance `__dict__` (a dict object, so `obj.__dict__` is live)
    pub attrs: Value,
    pub payload: RefCell<Payload>,
}

impl Instance {
    /// The attribute table.
    #[inline]
    pub fn dict(&self) -> &RefCell<Dict> {
        match &self.attrs {
            Value::Obj(o) => match &**o {
                Obj::Dict(d) => d,
                _ => empty_dict_cell(),
            },
            _ => empty_dict_cell(),
        }
    }
}

fn empty_dict_cell() -> &'static RefCell<Dict> {
    // never reached: attrs is always a dict; a leaked empty table keeps this total
    alloc::boxed::Box::leak(alloc::boxed::Box::new(RefCell::new(Dict::new())))
}

pub enum Payload {
    None,
    Exc(Box<ExcData>),
    /// value of the builtin base type (`class L(list)`: the list)
    Base(Value),
}

#[derive(Default)]
pub struct ExcData {
    pub args: Value,
    pub traceback: Vec<TbEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

#[derive(Clone)]
pub struct TbEntry {
    pub filename: Rc<str>,
    pub line: u32,
    /// the code's name (a str)
    pub name: Value,
}

impl TbEntry {
    pub fn name(&self) -> &str {
        self.name.as_str().map(|s| s.as_str()).unwrap_or("?")
    }
}

pub struct Module {
    pub name: Value,
    pub dict: Value,
}

/// Builtin iterators (no Python-visible class of their own beyond their names).
pub enum Iter {
    Seq {
        seq: Value,
        idx: usize,
    },
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    Str {
        s: Value,
        byte_pos: usize,
    },
    /// dict keys/values/items: index into the entry vector
    Dict {
        dict: Value,
        idx: usize,
        kind: u8,
        len_at_start: usize,
    },
    Enumerate {
        it: Value,
        n: Value,
    },
    Zip {
        its: Vec<Value>,
    },
    Map {
        func: Value,
        its: Vec<Value>,
    },
    Filter {
        func: Value,
        it: Value,
    },
    Reversed {
        seq: Value,
        idx: usize,
    },
    /// `iter(callable, sentinel)`
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// iterates via `__getitem__` with increasing ints until IndexError
    GetItem {
        obj: Value,
        idx: i64,
    },
    Done,
}

/// The view objects returned by `dict.keys()` etc.: kind 0 keys, 1 values, 2 items.
pub struct DictView {
    pub dict: Value,
    pub kind: u8,
}

/// An object implemented in Rust outside the core (module types).
pub trait NativeObj {
    fn type_name(&self) -> &'static str;
    /// the class object for `type(x)`; the VM looks methods up there
    fn class(&self, vm: &mut crate::vm::Vm) -> Value;
    fn as_any(&self) -> &dyn core::any::Any;
}

/// Move out the values an object owns, so it can be dropped without recursion.
/// The children of an object being freed, held in the object's own buffer where it has one
/// (a list's or tuple's values, a dict's entries), so that freeing a big container needs no
/// allocation as big as it: it is most often freed when memory has just run out.
enum Kids {
    Vals(alloc::vec::IntoIter<Value>),
    /// a dict's or set's entries, and the value of the entry whose key was handed out
    Entries(alloc::vec::IntoIter<crate::dict::Entry>, Option<Value>),
    /// an instance's, cell's or bound method's few references (the last `n` are live)
    Few([Value; 4], usize),
}

impl Kids {
    fn next(&mut self) -> Option<Value> {
        match self {
            Kids::Vals(it) => it.next(),
            Kids::Entries(it, pending) => pending.take().or_else(|| {
                let e = it.next()?;
                *pending = Some(e.value);
                Some(e.key)
            }),
            Kids::Few(vals, n) => {
                *n = n.checked_sub(1)?;
                Some(core::mem::take(&mut vals[*n]))
            }
        }
    }
    fn is_empty(&self) -> bool {
        match self {
            Kids::Vals(it) => it.len() == 0,
            Kids::Entries(it, pending) => pending.is_none() && it.len() == 0,
            Kids::Few(_, n) => *n == 0,
        }
    }
}

/// Move the references `o` holds out of it (it is about to be freed).
fn take_children(o: &mut Obj) -> Option<Kids> {
    const N: Value = Value::None;
    let few = |vals: [Value; 4], n| Some(Kids::Few(vals, n));
    match o {
        Obj::List(l) => Some(Kids::Vals(core::mem::take(l.get_mut()).into_iter())),
        Obj::Tuple(t) => Some(Kids::Vals(core::mem::take(t).into_vec().into_iter())),
        Obj::Dict(d) | Obj::Set(d) => {
            Some(Kids::Entries(d.get_mut().take_entries().into_iter(), None))
        }
        Obj::FrozenSet(d) => Some(Kids::Entries(d.take_entries().into_iter(), None)),
        Obj::Instance(i) => {
            let attrs = core::mem::replace(&mut i.attrs, Value::None);
            match core::mem::replace(i.payload.get_mut(), Payload::None) {
                Payload::Base(b) => few([attrs, b, N, N], 2),
                Payload::Exc(e) => {
                    let e = *e;
                    let (c, x) = (e.cause.unwrap_or(N), e.context.unwrap_or(N));
                    few([attrs, e.args, c, x], 4)
                }
                Payload::None => few([attrs, N, N, N], 1),
            }
        }
        Obj::Cell(c) => few([core::mem::replace(c.get_mut(), N), N, N, N], 1),
        Obj::Method(f, s) => few(
            [core::mem::replace(f, N), core::mem::replace(s, N), N, N],
            2,
        ),
        Obj::DictView(v) => few([core::mem::replace(&mut v.dict, N), N, N, N], 1),
        _ => None,
    }
}

impl Drop for Obj {
    /// Containers nested a million deep must not overflow the Rust stack when freed: the
    /// children of an object being dropped are freed from a stack of work lists, not by
    /// recursion. Each work list is a freed container's own buffer, so the only allocation
    /// is that stack (one slot per nesting level still holding unvisited children); if even
    /// that cannot grow (the heap is full), that one child is freed by recursion.
    fn drop(&mut self) {
        let Some(mut cur) = take_children(self) else {
            return;
        };
        let mut stack: Vec<Kids> = Vec::new();
        loop {
            match cur.next() {
                Some(Value::Obj(rc)) => {
                    if let Ok(mut inner) = Rc::try_unwrap(rc) {
                        if let Some(kids) = take_children(&mut inner) {
                            if cur.is_empty() {
                                cur = kids;
                            } else if stack.try_reserve(1).is_ok() {
                                stack.push(core::mem::replace(&mut cur, kids));
                            } else {
                                drop(kids);
                            }
                        }
                        // `inner` is dropped here with no children left
                    }
                }
                Some(_) => {}
                None => match stack.pop() {
                    Some(k) => cur = k,
                    None => return,
                },
            }
        }
    }
}
