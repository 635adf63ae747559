//! `machine`: the microcontroller's hardware, through the port's `Machine`
//! (`crate::port::Machine`).
//!
//! On a board: `Pin` (IN / OUT / OPEN_DRAIN, PULL_UP / PULL_DOWN, value / on / off / toggle;
//! written in Python in `machine.py`), `reset()`, `freq()`, `unique_id()`, `idle()`. On a
//! host (the CLI, the page) the module exists with `idle()` only, as MicroPython's unix port
//! has a `machine` module without `Pin`: `machine.Pin` is an `AttributeError` there.

use alloc::format;

use crate::dict::Dict;
use crate::port::{Machine, PinMode, PinPull};
use crate::value::*;
use crate::vm::{PyResult, Vm};

use super::add_fns;

pub(crate) const SRC: &str = include_str!("machine.py");

/// `machine`: `idle()` everywhere; on a board the hardware functions and `Pin` (Python,
/// `machine.py`) too.
pub fn init(vm: &mut Vm, globals: &Value) -> PyResult<()> {
    if vm.shared.port.machine().is_none() {
        crate::vm::dict_set_str(
            globals,
            Value::static_str("idle"),
            crate::builtins::builtin_fn("idle", m_idle),
        );
        return Ok(());
    }
    super::native_then_frozen(vm, globals, native, "machine")
}

fn native(_vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    add_fns(d, &[("idle", m_idle)]);
    add_fns(
        d,
        &[
            ("reset", m_reset),
            ("freq", m_freq),
            ("unique_id", m_unique_id),
            ("_pin_init", m_pin_init),
            ("_pin_write", m_pin_write),
            ("_pin_read", m_pin_read),
        ],
    );
    Ok(())
}

fn machine(vm: &mut Vm) -> PyResult<&'static dyn Machine> {
    match vm.shared.port.machine() {
        Some(m) => Ok(m),
        None => Err(vm.runtime_error("this platform has no machine hardware")),
    }
}

/// A pin number argument: a non-negative int that fits a u32.
fn pin_arg(vm: &mut Vm, v: &Value) -> PyResult<u32> {
    let n = vm.to_i64(v)?;
    u32::try_from(n).map_err(|_| vm.value_error(format!("invalid pin: {}", n)))
}

fn m_idle(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn m_reset(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 0, 0, "reset")?;
    let m = machine(vm)?;
    vm.shared.port.flush();
    m.reset()
}

fn m_freq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 0, 1, "freq")?;
    let m = machine(vm)?;
    let hz = m.freq();
    match args.pos.first() {
        None => Ok(Value::Int(hz as i64)),
        Some(v) => {
            let want = vm.to_i64(v)?;
            if want == hz as i64 {
                Ok(Value::None)
            } else {
                Err(vm.value_error(format!(
                    "the CPU clock can't be changed on this board (it runs at {} Hz)",
                    hz
                )))
            }
        }
    }
}

fn m_unique_id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 0, 0, "unique_id")?;
    let m = machine(vm)?;
    Ok(Value::bytes(m.unique_id()))
}

/// `_pin_init(pin, mode, pull, level)`: level -1 leaves an output's level as it is.
fn m_pin_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 4, 4, "_pin_init")?;
    let m = machine(vm)?;
    let pin = pin_arg(vm, &args.pos[0])?;
    let mode = match vm.to_i64(&args.pos[1])? {
        1 => PinMode::In,
        3 => PinMode::Out,
        7 => PinMode::OpenDrain,
        n => return Err(vm.value_error(format!("invalid pin mode: {}", n))),
    };
    let pull = match &args.pos[2] {
        Value::None => PinPull::None,
        v => match vm.to_i64(v)? {
            1 => PinPull::Up,
            2 => PinPull::Down,
            n => return Err(vm.value_error(format!("invalid pin pull: {}", n))),
        },
    };
    let level = vm.to_i64(&args.pos[3])?;
    if level >= 0 {
        // the level first, so an output starts at it
        m.pin_write(pin, level != 0)
            .map_err(|msg| vm.value_error(msg))?;
    }
    m.pin_init(pin, mode, pull)
        .map_err(|msg| vm.value_error(msg))?;
    Ok(Value::None)
}

fn m_pin_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 2, 2, "_pin_write")?;
    let m = machine(vm)?;
    let pin = pin_arg(vm, &args.pos[0])?;
    let high = vm.truthy(&args.pos[1])?;
    m.pin_write(pin, high).map_err(|msg| vm.value_error(msg))?;
    Ok(Value::None)
}

fn m_pin_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    vm.check_args(&args, 1, 1, "_pin_read")?;
    let m = machine(vm)?;
    let pin = pin_arg(vm, &args.pos[0])?;
    let high = m.pin_read(pin).map_err(|msg| vm.value_error(msg))?;
    Ok(Value::Int(high as i64))
}
