//! `micropython`: MicroPython's introspection and control functions.
//!
//! TODO: `heap_lock` only counts; allocation in the VM is not blocked while the heap is
//! locked (MicroPython raises MemoryError on any allocation then).
//! TODO: `schedule` runs the callback immediately rather than from the scheduler queue at
//! the next safe point; as with MicroPython's scheduler, an exception from the callback is
//! printed, not raised in the caller.
//! `kbd_intr` stores the character; Ctrl-C handling stays with the port.

use alloc::boxed::Box;
use alloc::format;
use core::cell::Cell;

use crate::dict::Dict;
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::random::add_bound;
use super::{add_fns, native_class, native_ref};

pub struct MpState {
    opt_level: Cell<i64>,
    heap_lock: Cell<i64>,
    kbd_intr: Cell<i64>,
}

impl NativeObj for MpState {
    fn type_name(&self) -> &'static str {
        "MpState"
    }
    fn class(&self, vm: &mut Vm) -> Value {
        native_class(vm, "MpState", &[])
    }
    fn as_any(&self) -> &dyn core::any::Any {
        self
    }
}

const BOUND: &[(&str, NativeFn)] = &[
    ("opt_level", mp_opt_level),
    ("heap_lock", mp_heap_lock),
    ("heap_unlock", mp_heap_unlock),
    ("heap_locked", mp_heap_locked),
    ("kbd_intr", mp_kbd_intr),
];

pub fn init(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    let st = Value::obj(Obj::Native(Box::new(MpState {
        opt_level: Cell::new(0),
        heap_lock: Cell::new(0),
        kbd_intr: Cell::new(3),
    })));
    add_bound(d, &st, BOUND);
    add_fns(
        d,
        &[
            ("const", mp_const),
            ("mem_info", mp_mem_info),
            ("qstr_info", mp_qstr_info),
            ("stack_use", mp_stack_use),
            ("schedule", mp_schedule),
            ("alloc_emergency_exception_buf", mp_noop),
            // code emitters: run as ordinary bytecode
            ("native", mp_identity),
            ("viper", mp_identity),
        ],
    );
    Ok(())
}

fn state<'a>(vm: &mut Vm, args: &'a Args) -> PyResult<&'a MpState> {
    match args.pos.first().and_then(native_ref::<MpState>) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("micropython state expected")),
    }
}

fn mp_const(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "const")?;
    Ok(args.pos[0].clone())
}

fn mp_identity(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "native")?;
    Ok(args.pos[0].clone())
}

fn mp_noop(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn mp_opt_level(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    match args.pos.get(1) {
        None => Ok(Value::Int(st.opt_level.get())),
        Some(v) => {
            let v = v.clone();
            let n = vm.to_i64(&v)?;
            st.opt_level.set(n);
            Ok(Value::None)
        }
    }
}

fn mp_heap_lock(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    st.heap_lock.set(st.heap_lock.get() + 1);
    Ok(Value::None)
}

fn mp_heap_unlock(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let n = (st.heap_lock.get() - 1).max(0);
    st.heap_lock.set(n);
    Ok(Value::Int(n))
}

fn mp_heap_locked(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(state(vm, &args)?.heap_lock.get()))
}

fn mp_kbd_intr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args)?;
    let v = match args.pos.get(1) {
        Some(v) => v.clone(),
        None => return Err(vm.type_error("kbd_intr() missing required argument")),
    };
    let c = vm.to_i64(&v)?;
    st.kbd_intr.set(c);
    Ok(Value::None)
}

fn mp_mem_info(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let limit = vm.shared.config.heap_limit;
    let used = super::gc::heap_used(vm);
    let frames = vm.frames.len();
    let limit_frames = vm.shared.recursion_limit.get();
    let mut s = format!(
        "stack: {} frames out of {}\nGC: total: {}, used: {}, free: {}\n",
        frames,
        limit_frames,
        limit,
        used,
        limit.saturating_sub(used)
    );
    if let Some(v) = args.pos.first() {
        let v = v.clone();
        if vm.truthy(&v)? {
            s.push_str(&format!(" value stack: {} slots\n", vm.stack.len()));
        }
    }
    vm.write_stdout(&s);
    Ok(Value::None)
}

fn mp_qstr_info(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    vm.write_stdout("qstr pool: n_pool=0, n_qstr=0, n_str_data_bytes=0, n_total_bytes=0\n");
    Ok(Value::None)
}

fn mp_stack_use(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    // bytes of the VM's value stack in use (the VM is stackless: frames live on the heap)
    Ok(Value::Int(
        (vm.stack.len() * core::mem::size_of::<Value>()) as i64,
    ))
}

fn mp_schedule(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "schedule")?;
    let (f, a) = (args.pos[0].clone(), args.pos[1].clone());
    if let Err(e) = vm.call(&f, &[a]) {
        // SystemExit and KeyboardInterrupt still propagate
        if vm.exc_matches(&e.0, crate::types::TypeId::SystemExit)
            || vm.exc_matches(&e.0, crate::types::TypeId::KeyboardInterrupt)
        {
            return Err(e);
        }
        let text = crate::interp::format_exception(vm, &e.0);
        vm.write_stderr(&text);
    }
    Ok(Value::None)
}
