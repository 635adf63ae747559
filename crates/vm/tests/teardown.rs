//! Dropping an interpreter frees its heap: classes, functions and modules form reference
//! cycles that `Interp`'s teardown breaks (otherwise every run in the playground would leak
//! the builtin type table). Its own test binary: the counting allocator must not see other
//! tests' allocations.

use weft_vm::budget_port::{run_bounded, BudgetPort};

static PORT: BudgetPort = BudgetPort::new(64);

#[test]
fn interpreter_teardown_frees_the_heap() {
    // classes, functions and modules form cycles; dropping an Interp must break them, or
    // every run in the playground would leak the whole builtin type table
    let prog = "class A:\n    def m(self): return 1\ndef f(): return A().m()\nimport sys\nx = [f() for i in range(10)]\n";
    // warm up (interned strings, lazily built tables), then measure growth over many runs
    for _ in 0..3 {
        run_bounded(&PORT, prog);
    }
    let before = allocated();
    for _ in 0..50 {
        run_bounded(&PORT, prog);
    }
    let grown = allocated().saturating_sub(before);
    assert!(grown < 200_000, "50 interpreters leaked {} bytes", grown);
}

fn allocated() -> usize {
    ALLOC.0.load(std::sync::atomic::Ordering::Relaxed)
}

struct CountingAlloc(std::sync::atomic::AtomicUsize);
unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        self.0
            .fetch_add(l.size(), std::sync::atomic::Ordering::Relaxed);
        std::alloc::System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        self.0
            .fetch_sub(l.size(), std::sync::atomic::Ordering::Relaxed);
        std::alloc::System.dealloc(p, l)
    }
}
#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc(std::sync::atomic::AtomicUsize::new(0));
