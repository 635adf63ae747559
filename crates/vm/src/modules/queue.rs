//! `queue`: CPython's synchronized queues (Queue, LifoQueue, PriorityQueue, SimpleQueue,
//! Empty, Full), written in Python (`queue.py`) on top of `threading` and `_collections`;
//! PriorityQueue (with heapq), LifoQueue and SimpleQueue thaw on first use
//! (`modules::LAZY`).

use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub(crate) const SRC: &str = include_str!("queue.py");

pub fn init(vm: &mut Vm, globals: &Value) -> PyResult<()> {
    super::threading::run_frozen(vm, globals, "queue")
}
