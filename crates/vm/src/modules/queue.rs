//! `queue`: CPython's synchronized queues (Queue, LifoQueue, PriorityQueue, SimpleQueue,
//! Empty, Full), written in Python (`queue.py`) on top of `threading`.

use crate::dict::Dict;
use crate::vm::{PyResult, Vm};

pub(crate) const SRC: &str = include_str!("queue.py");

pub fn init(vm: &mut Vm, d: &mut Dict) -> PyResult<()> {
    super::threading::run_python_module(vm, d, "queue")
}
