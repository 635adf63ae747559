//! `heapq`: the binary min-heap algorithms over a list, exactly as CPython's (same element
//! placement, comparisons only through `<`).

use alloc::vec::Vec;
use core::cell::RefCell;

use crate::ast::CmpOp;
use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::add_fns;

/// `heapq`: the algorithms in Rust, `nsmallest`, `nlargest` and `merge` in Python.
pub fn init(vm: &mut Vm, globals: &Value) -> PyResult<()> {
    super::native_then_frozen(vm, globals, native, "heapq")
}

fn native(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(
        d,
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapify", heapify),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
        ],
    );
    Ok(())
}

pub(crate) const PY_SRC: &str = "
def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]

def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]

def merge(*iterables, key=None, reverse=False):
    its = [iter(x) for x in iterables]
    heads = []
    for i in range(len(its)):
        for v in its[i]:
            heads.append([v if key is None else key(v), v, i])
            break
    while heads:
        bi = 0
        bk = heads[0][0]
        for j in range(1, len(heads)):
            k = heads[j][0]
            if (bk < k) if reverse else (k < bk):
                bi = j
                bk = k
        h = heads[bi]
        yield h[1]
        for nv in its[h[2]]:
            h[0] = nv if key is None else key(nv)
            h[1] = nv
            break
        else:
            del heads[bi]
";

fn list_arg<'a>(
    vm: &mut Vm,
    v: Option<&'a Value>,
    fname: &str,
) -> PyResult<&'a RefCell<Vec<Value>>> {
    if let Some(v) = v {
        if let Value::Obj(o) = v {
            if let Obj::List(l) = &**o {
                return Ok(l);
            }
        }
        let t = vm.type_name(v);
        return Err(vm.type_error(alloc::format!(
            "{}() argument 1 must be list, not {}",
            fname,
            t
        )));
    }
    Err(vm.type_error("heap argument must be a list"))
}

fn changed(vm: &mut Vm) -> crate::vm::PyErr {
    vm.runtime_error("list changed size during iteration")
}

fn get(vm: &mut Vm, l: &RefCell<Vec<Value>>, i: usize) -> PyResult<Value> {
    let v = l.borrow().get(i).cloned();
    match v {
        Some(v) => Ok(v),
        None => Err(changed(vm)),
    }
}

fn set(vm: &mut Vm, l: &RefCell<Vec<Value>>, i: usize, v: Value) -> PyResult<()> {
    if let Some(slot) = l.borrow_mut().get_mut(i) {
        *slot = v;
        return Ok(());
    }
    Err(changed(vm))
}

fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(x < y);
    }
    let r = vm.compare_op(CmpOp::Lt, a, b)?;
    vm.truthy(&r)
}

/// Move the item at `pos` up towards `start` (CPython `_siftdown`).
fn sift_down(vm: &mut Vm, l: &RefCell<Vec<Value>>, start: usize, mut pos: usize) -> PyResult<()> {
    let size = l.borrow().len();
    let newitem = get(vm, l, pos)?;
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = get(vm, l, parentpos)?;
        let less = lt(vm, &newitem, &parent)?;
        if l.borrow().len() != size {
            return Err(changed(vm));
        }
        if less {
            set(vm, l, pos, parent)?;
            pos = parentpos;
            continue;
        }
        break;
    }
    set(vm, l, pos, newitem)
}

/// Move the item at `pos` down to a leaf, then up into place (CPython `_siftup`).
fn sift_up(vm: &mut Vm, l: &RefCell<Vec<Value>>, mut pos: usize) -> PyResult<()> {
    let end = l.borrow().len();
    let start = pos;
    let newitem = get(vm, l, pos)?;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end {
            let a = get(vm, l, child)?;
            let b = get(vm, l, right)?;
            let less = lt(vm, &a, &b)?;
            if l.borrow().len() != end {
                return Err(changed(vm));
            }
            if !less {
                child = right;
            }
        }
        let c = get(vm, l, child)?;
        set(vm, l, pos, c)?;
        pos = child;
        child = 2 * pos + 1;
    }
    set(vm, l, pos, newitem)?;
    sift_down(vm, l, start, pos)
}

fn heappush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "heappush")?;
    let l = list_arg(vm, args.pos.first(), "heappush")?;
    l.borrow_mut().push(args.pos[1].clone());
    let n = l.borrow().len();
    sift_down(vm, l, 0, n - 1)?;
    Ok(Value::None)
}

fn heappop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "heappop")?;
    let l = list_arg(vm, args.pos.first(), "heappop")?;
    let last = l.borrow_mut().pop();
    let last = match last {
        Some(v) => v,
        None => return Err(vm.index_error("index out of range")),
    };
    let first = {
        let mut b = l.borrow_mut();
        match b.first_mut() {
            Some(slot) => core::mem::replace(slot, last),
            None => return Ok(last),
        }
    };
    sift_up(vm, l, 0)?;
    Ok(first)
}

fn heapify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "heapify")?;
    let l = list_arg(vm, args.pos.first(), "heapify")?;
    let n = l.borrow().len();
    for i in (0..n / 2).rev() {
        sift_up(vm, l, i)?;
    }
    Ok(Value::None)
}

fn heapreplace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "heapreplace")?;
    let l = list_arg(vm, args.pos.first(), "heapreplace")?;
    let first = {
        let mut b = l.borrow_mut();
        match b.first_mut() {
            Some(slot) => core::mem::replace(slot, args.pos[1].clone()),
            None => {
                drop(b);
                return Err(vm.index_error("index out of range"));
            }
        }
    };
    sift_up(vm, l, 0)?;
    Ok(first)
}

fn heappushpop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "heappushpop")?;
    let l = list_arg(vm, args.pos.first(), "heappushpop")?;
    let item = args.pos[1].clone();
    let top = match l.borrow().first() {
        Some(v) => v.clone(),
        None => return Ok(item),
    };
    if !lt(vm, &top, &item)? {
        return Ok(item);
    }
    let first = {
        let mut b = l.borrow_mut();
        match b.first_mut() {
            Some(slot) => core::mem::replace(slot, item),
            None => {
                drop(b);
                return Err(vm.index_error("index out of range"));
            }
        }
    };
    sift_up(vm, l, 0)?;
    Ok(first)
}
