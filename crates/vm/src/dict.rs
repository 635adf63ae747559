//! The insertion-ordered hash table behind `dict`, `set`, class and instance namespaces.
//!
//! Layout as CPython's compact dict: an entry vector in insertion order (deleted entries
//! leave a hole, compacted when holes pile up) and a hash index of entry positions. The
//! table itself never calls Python: equality that needs `__eq__` is reported back
//! ([`Lookup::Slow`]) so the VM can call it with no borrow held.

use alloc::vec::Vec;

use hashbrown::HashTable;

use crate::value::{Obj as O, Value};

#[derive(Clone)]
pub struct Entry {
    pub hash: u64,
    /// `Value::Undef` marks a deleted entry
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Entry>,
    index: HashTable<usize>,
    len: usize,
    /// bumped on every insertion of a new key or deletion: iterators detect resizing
    pub version: u32,
}

/// Result of a lookup that did not need Python code.
pub enum Lookup {
    Found(usize),
    NotFound,
    /// some candidate keys with the same hash need a Python `__eq__`: the entry indices
    Slow(Vec<usize>),
}

/// FxHash-style hash of bytes: fast and the same on every run and machine (deterministic
/// schedules and dict order depend on it).
pub fn hash_bytes(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ x as u64).wrapping_mul(K);
    }
    // final avalanche; never 0 (0 means "not computed" in PyStr)
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    if h == 0 {
        1
    } else {
        h
    }
}

/// CPython's hash modulus for numbers: hash(n) == n mod (2**61 - 1), so that
/// `hash(1) == hash(1.0) == hash(True)`.
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

pub fn hash_i64(i: i64) -> i64 {
    let m = HASH_MODULUS as i128;
    let v = i as i128;
    let r = if v >= 0 { v % m } else { -((-v) % m) };
    let r = r as i64;
    if r == -1 {
        -2
    } else {
        r
    }
}

pub fn hash_f64(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    // CPython's _Py_HashDouble
    let (mut m, mut e) = frexp(x.abs());
    let sign: i64 = if x < 0.0 { -1 } else { 1 };
    let mut xh: u64 = 0;
    while m != 0.0 {
        xh = ((xh << 28) & HASH_MODULUS) | (xh >> (61 - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        xh += y;
        if xh >= HASH_MODULUS {
            xh -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    xh = ((xh << e) & HASH_MODULUS) | (xh >> (61 - e));
    let r = (xh as i64) * sign;
    if r == -1 {
        -2
    } else {
        r
    }
}

/// `frexp`: x = m * 2**e with 0.5 <= m < 1 (for finite nonzero x)
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up
        let (m, e) = frexp(x * 18014398509481984.0); // 2**54
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// Equality that needs no Python code: `Some(answer)` or `None` when `__eq__` must run.
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    fast_eq_depth(a, b, 0)
}

fn fast_eq_depth(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    use Value::*;
    if a.is(b) && !matches!(a, Float(_)) {
        return Some(true);
    }
    Some(match (a, b) {
        (None, None) => true,
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y && (*y as i64) == *x,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => (*x as i64) == *y,
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => (*x as i64 as f64) == *y,
        (Obj(x), Obj(y)) => match (&**x, &**y) {
            (O::Str(s), O::Str(t)) => s.s == t.s,
            (O::BigInt(s), O::BigInt(t)) => s == t,
            (O::Bytes(s), O::Bytes(t)) => s == t,
            (O::Tuple(s), O::Tuple(t)) => {
                if s.len() != t.len() {
                    return Some(false);
                }
                for (p, q) in s.iter().zip(t.iter()) {
                    if depth > 64 {
                        return Option::None;
                    }
                    if !fast_eq_depth(p, q, depth + 1)? {
                        return Some(false);
                    }
                }
                true
            }
            (O::FrozenSet(s), O::FrozenSet(t)) => {
                if s.len() != t.len() {
                    return Some(false);
                }
                for e in s.entries() {
                    match t.lookup(e.hash, &e.key) {
                        Lookup::Found(_) => {}
                        Lookup::NotFound => return Some(false),
                        Lookup::Slow(_) => return Option::None,
                    }
                }
                true
            }
            (O::Complex(a, b), O::Complex(c, d)) => a == c && b == d,
            (O::Instance(_), _) | (_, O::Instance(_)) => return Option::None,
            (O::Native(_), _) | (_, O::Native(_)) => return Option::None,
            // kinds compared by identity are unequal here (identity was checked first);
            // containers compare by value, which may need Python code
            (p, q) if same_kind(p, q) => match p {
                O::Function(_)
                | O::Class(_)
                | O::Module(_)
                | O::Builtin(_)
                | O::Code(_)
                | O::Generator(_)
                | O::Cell(_)
                | O::Iter(_)
                | O::Property(..)
                | O::ClassMethod(_)
                | O::StaticMethod(_) => false,
                _ => return Option::None,
            },
            (O::Set(_) | O::FrozenSet(_), O::Set(_) | O::FrozenSet(_)) => return Option::None,
            (
                O::Bytes(_) | O::ByteArray(_) | O::MemoryView(_),
                O::Bytes(_) | O::ByteArray(_) | O::MemoryView(_),
            ) => return Option::None,
            (O::DictView(_), _) | (_, O::DictView(_)) => return Option::None,
            _ => false,
        },
        (Obj(o), Int(_) | Float(_) | Bool(_)) | (Int(_) | Float(_) | Bool(_), Obj(o)) => match &**o
        {
            O::Instance(_) | O::Native(_) => return Option::None,
            // BigInt never equals a small int (normalised); complex may equal a real
            O::Complex(re, im) => {
                let other = if let Obj(_) = a { b } else { a };
                let x = match other {
                    Int(i) => *i as f64,
                    Float(f) => *f,
                    Bool(b) => *b as i64 as f64,
                    _ => return Some(false),
                };
                *im == 0.0 && *re == x
            }
            _ => false,
        },
        (Obj(o), None) | (None, Obj(o)) => match &**o {
            O::Instance(_) | O::Native(_) => return Option::None,
            _ => false,
        },
        _ => false,
    })
}

fn same_kind(a: &O, b: &O) -> bool {
    core::mem::discriminant(a) == core::mem::discriminant(b)
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }
    pub fn with_capacity(n: usize) -> Dict {
        Dict {
            entries: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
            len: 0,
            version: 0,
        }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// live entries in insertion order
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(|e| !matches!(e.key, Value::Undef))
    }
    /// raw entry slots (including holes): iterators walk these by position
    pub fn slots(&self) -> &[Entry] {
        &self.entries
    }
    pub fn keys(&self) -> Vec<Value> {
        self.entries().map(|e| e.key.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.entries().map(|e| e.value.clone()).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.entries()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }
    pub fn entry_at(&self, idx: usize) -> &Entry {
        &self.entries[idx]
    }
    pub fn value_at_mut(&mut self, idx: usize) -> &mut Value {
        &mut self.entries[idx].value
    }

    /// Find `key` (with precomputed `hash`) without running Python code.
    pub fn lookup(&self, hash: u64, key: &Value) -> Lookup {
        let mut slow = Vec::new();
        let entries = &self.entries;
        // identity / fast equality first; remember candidates that need __eq__
        let mut found = None;
        for &i in self.index.iter_hash(hash) {
            let e = &entries[i];
            if e.hash != hash {
                continue;
            }
            match fast_eq(&e.key, key) {
                Some(true) => {
                    found = Some(i);
                    break;
                }
                Some(false) => {}
                None => slow.push(i),
            }
        }
        if let Some(i) = found {
            return Lookup::Found(i);
        }
        if slow.is_empty() {
            Lookup::NotFound
        } else {
            Lookup::Slow(slow)
        }
    }

    /// Lookup by a str key (no Python code can be involved unless instances with a str hash
    /// are keys, which we treat as not equal here).
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        let hash = hash_bytes(key.as_bytes());
        for &i in self.index.iter_hash(hash) {
            let e = &self.entries[i];
            if e.hash == hash {
                if let Some(s) = e.key.as_str() {
                    if &*s.s == key {
                        return Some(&e.value);
                    }
                }
            }
        }
        None
    }

    /// Fast path for str keys given as a Value (attribute names): pointer equality first.
    #[inline]
    pub fn get_strval(&self, key: &Value) -> Option<&Value> {
        let ks = key.as_str()?;
        let hash = ks.hash();
        for &i in self.index.iter_hash(hash) {
            let e = &self.entries[i];
            if e.hash == hash {
                if let (Value::Obj(a), Value::Obj(b)) = (&e.key, key) {
                    if alloc::rc::Rc::ptr_eq(a, b) {
                        return Some(&e.value);
                    }
                }
                if let Some(s) = e.key.as_str() {
                    if s.s == ks.s {
                        return Some(&e.value);
                    }
                }
            }
        }
        None
    }

    pub fn find_strval(&self, key: &Value) -> Option<usize> {
        let ks = key.as_str()?;
        let hash = ks.hash();
        for &i in self.index.iter_hash(hash) {
            let e = &self.entries[i];
            if e.hash == hash {
                if let Some(s) = e.key.as_str() {
                    if s.s == ks.s {
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    /// Insert or overwrite a str-keyed entry.
    /// Set a key given as static text (a name in the program: its str object does not copy
    /// it to the heap).
    pub fn set_str(&mut self, key: &'static str, value: Value) {
        let k = Value::static_str(key);
        self.set_strval(k, value);
    }

    pub fn set_strval(&mut self, key: Value, value: Value) {
        if let Some(i) = self.find_strval(&key) {
            self.entries[i].value = value;
            return;
        }
        let hash = key.as_str().map(|s| s.hash()).unwrap_or(0);
        self.push_new(hash, key, value);
    }

    /// Append a new entry known not to be present.
    /// `with_capacity`, or None if the heap cannot hold it (see `try_clone`).
    pub fn try_with_capacity(n: usize) -> Option<Dict> {
        let mut d = Dict::new();
        d.entries.try_reserve_exact(n).ok()?;
        // (an empty table: the hasher is never called)
        d.index.try_reserve(n, |_| 0).ok()?;
        Some(d)
    }
    /// A copy, or None if the heap cannot hold it (a board: a copy of a big table is tens of
    /// KB, and a failed Rust allocation would stop the firmware).
    pub fn try_clone(&self) -> Option<Dict> {
        let mut entries = Vec::new();
        entries.try_reserve_exact(self.entries.len()).ok()?;
        entries.extend_from_slice(&self.entries);
        let mut index = HashTable::new();
        index
            .try_reserve(self.len, |&i: &usize| entries[i].hash)
            .ok()?;
        for (i, e) in entries.iter().enumerate() {
            if !matches!(e.key, Value::Undef) {
                index.insert_unique(e.hash, i, |&j| entries[j].hash);
            }
        }
        Some(Dict {
            entries,
            index,
            len: self.len,
            version: self.version,
        })
    }
    /// Make room for one more key without aborting: false if the heap cannot (a board's
    /// 300 KB heap), and the caller raises `MemoryError`. Cheap when there is room already.
    pub fn try_reserve_one(&mut self) -> bool {
        let entries = &self.entries;
        (entries.len() < entries.capacity() || self.entries.try_reserve(1).is_ok())
            && self.index.try_reserve(1, |&i| self.entries[i].hash).is_ok()
    }
    pub fn push_new(&mut self, hash: u64, key: Value, value: Value) {
        let idx = self.entries.len();
        self.entries.push(Entry { hash, key, value });
        let entries = &self.entries;
        self.index.insert_unique(hash, idx, |&i| entries[i].hash);
        self.len += 1;
        self.version = self.version.wrapping_add(1);
    }

    /// Remove the entry at `idx`, returning (key, value).
    pub fn remove_at(&mut self, idx: usize) -> (Value, Value) {
        let hash = self.entries[idx].hash;
        if let Ok(occ) = self.index.find_entry(hash, |&i| i == idx) {
            occ.remove();
        }
        let e = &mut self.entries[idx];
        let k = core::mem::replace(&mut e.key, Value::Undef);
        let v = core::mem::replace(&mut e.value, Value::None);
        self.len -= 1;
        self.version = self.version.wrapping_add(1);
        if self.len == 0 {
            self.entries.clear();
            self.index.clear();
        } else if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        (k, v)
    }

    pub fn remove_str(&mut self, key: &str) -> Option<Value> {
        let hash = hash_bytes(key.as_bytes());
        let mut found = None;
        for &i in self.index.iter_hash(hash) {
            let e = &self.entries[i];
            if e.hash == hash && e.key.as_str().map(|s| &*s.s == key).unwrap_or(false) {
                found = Some(i);
                break;
            }
        }
        found.map(|i| self.remove_at(i).1)
    }

    fn compact(&mut self) {
        self.entries.retain(|e| !matches!(e.key, Value::Undef));
        self.index.clear();
        let entries = &self.entries;
        for (i, e) in entries.iter().enumerate() {
            self.index.insert_unique(e.hash, i, |&j| entries[j].hash);
        }
    }

    /// All entry slots (holes included), leaving the table empty; for freeing it.
    pub fn take_entries(&mut self) -> Vec<Entry> {
        self.index.clear();
        self.len = 0;
        core::mem::take(&mut self.entries)
    }
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
        self.version = self.version.wrapping_add(1);
    }

    /// Remove and return the last entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let idx = self
            .entries
            .iter()
            .rposition(|e| !matches!(e.key, Value::Undef))?;
        Some(self.remove_at(idx))
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(1), 1);
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_f64(1.0), 1);
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(-2.5), -1152921504606846978);
        assert_eq!(hash_i64(1 << 62), 2);
    }

    #[test]
    fn insert_lookup_remove_keeps_order() {
        let mut d = Dict::new();
        for i in 0..100 {
            d.set_strval(Value::str(&alloc::format!("k{}", i)), Value::Int(i));
        }
        for i in (0..100).step_by(3) {
            assert!(d.remove_str(&alloc::format!("k{}", i)).is_some());
        }
        let keys: Vec<i64> = d
            .entries()
            .map(|e| match e.value {
                Value::Int(i) => i,
                _ => -1,
            })
            .collect();
        let want: Vec<i64> = (0..100).filter(|i| i % 3 != 0).collect();
        assert_eq!(keys, want);
        assert!(d.get_str("k4").is_some());
        assert!(d.get_str("k3").is_none());
    }
}

/// The interned strings (names, identifier-like constants): one shared str object per
/// distinct text. A set of the objects themselves, so an entry costs a pointer and a control
/// byte (a [`Dict`] would store each one twice, as key and value, with its hash: 40 bytes).
#[derive(Default)]
pub struct Interned {
    set: HashTable<alloc::rc::Rc<O>>,
}

impl Interned {
    fn hash_of(o: &O) -> u64 {
        match o {
            O::Str(s) => s.hash(),
            _ => 0,
        }
    }
    /// The interned object for `s`, if there is one.
    pub fn get(&self, s: &str) -> Option<Value> {
        let hash = hash_bytes(s.as_bytes());
        self.set
            .find(hash, |o| matches!(&**o, O::Str(p) if &*p.s == s))
            .map(|o| Value::Obj(o.clone()))
    }
    /// Add `v` (a str not yet interned). Interning only saves memory and time: when the table
    /// cannot grow (a board's heap is full), `v` is left out and used as it is.
    pub fn insert(&mut self, v: &Value) {
        if self.set.try_reserve(1, |o| Interned::hash_of(o)).is_err() {
            return;
        }
        if let Value::Obj(o) = v {
            if let O::Str(s) = &**o {
                self.set
                    .insert_unique(s.hash(), o.clone(), |o| Interned::hash_of(o));
            }
        }
    }
    pub fn len(&self) -> usize {
        self.set.len()
    }
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
    pub fn clear(&mut self) {
        self.set.clear();
    }
}
