//! A board's global allocator: its heap plus a small emergency reserve, so that running
//! out of memory is a `MemoryError` and not the end of the firmware.
//!
//! Rust's allocation failure cannot be caught on a board (no unwinding): the firmware would
//! stop. So when the heap cannot serve an allocation, the reserve does and a flag is set.
//! The VM reads that flag (`weft_vm::port::Port::memory_low_flag`, one load) at every loop
//! tick, new instance, function definition, thread start, compile and module load, and raises
//! `MemoryError` in each thread that runs until the heap has recovered
//! ([`ReserveHeap::memory_low`]): the program unwinds and frees memory while the reserve
//! lasts.
//!
//! Generic over the allocator of the two regions (TLSF from `embedded-alloc` on the QEMU
//! board, `esp-alloc`'s TLSF on the ESP32 chips); each firmware gives both their memory,
//! then calls [`ReserveHeap::set_layout`].

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// The heap with its reserve, counting the bytes their blocks take (what `gc.mem_alloc()`
/// reports; TLSF's own figure walks every block).
pub struct ReserveHeap<H> {
    heap: H,
    reserve: H,
    /// where the reserve lies: [start, end)
    reserve_at: (AtomicUsize, AtomicUsize),
    /// the heap could not serve an allocation and the reserve did; cleared by `memory_low`
    exhausted: AtomicBool,
    /// bytes the reserve's blocks take
    reserve_used: AtomicUsize,
    /// bytes all blocks take
    used: AtomicUsize,
    /// bytes of the heap (without the reserve)
    size: AtomicUsize,
}

/// A free block of this size in the heap (and most of the reserve given back) ends a
/// memory-low episode.
const RECOVERED: usize = 4 * 1024;

/// The heap an allocation takes: TLSF (rlsf, which both `embedded-alloc` and `esp-alloc`
/// use) puts a two-word header before each block, pads for alignments above two words and
/// rounds blocks to four words. Counted so that `gc.mem_free()` and the VM's heap limit see
/// what the allocator really has left: on rv32 a 2-item tuple asks for 88 bytes and takes
/// 112.
pub fn footprint(layout: Layout) -> usize {
    const GRANULARITY: usize = 4 * core::mem::size_of::<usize>();
    const HEADER: usize = 2 * core::mem::size_of::<usize>();
    let pad = layout.align().saturating_sub(GRANULARITY / 2);
    (layout.size() + HEADER + pad + GRANULARITY - 1) & !(GRANULARITY - 1)
}

impl<H> ReserveHeap<H> {
    /// Both allocators still empty: give them memory, then call `set_layout`.
    pub const fn new(heap: H, reserve: H) -> Self {
        ReserveHeap {
            heap,
            reserve,
            reserve_at: (AtomicUsize::new(0), AtomicUsize::new(0)),
            exhausted: AtomicBool::new(false),
            reserve_used: AtomicUsize::new(0),
            used: AtomicUsize::new(0),
            size: AtomicUsize::new(0),
        }
    }
    /// The heap's allocator (to give it its memory).
    pub fn heap(&self) -> &H {
        &self.heap
    }
    /// The reserve's allocator (to give it its memory).
    pub fn reserve(&self) -> &H {
        &self.reserve
    }
    /// The heap has `heap_size` bytes; the reserve lies at `reserve_start..reserve_end`.
    pub fn set_layout(&self, heap_size: usize, reserve_start: usize, reserve_end: usize) {
        self.size.store(heap_size, Relaxed);
        self.reserve_at.0.store(reserve_start, Relaxed);
        self.reserve_at.1.store(reserve_end, Relaxed);
    }
    /// Bytes the blocks in use take (heap and reserve).
    pub fn used(&self) -> usize {
        self.used.load(Relaxed)
    }
    /// Bytes of the heap, without the reserve.
    pub fn size(&self) -> usize {
        self.size.load(Relaxed)
    }
    fn in_reserve(&self, p: *mut u8) -> bool {
        let a = p as usize;
        a >= self.reserve_at.0.load(Relaxed) && a < self.reserve_at.1.load(Relaxed)
    }
    // load + store, not fetch_add: rv32imc (the ESP32-C3) has no atomic read-modify-write,
    // and one hart with no allocating interrupt handler is the only user
    fn add(counter: &AtomicUsize, n: usize) {
        counter.store(counter.load(Relaxed) + n, Relaxed);
    }
    fn sub(counter: &AtomicUsize, n: usize) {
        counter.store(counter.load(Relaxed).saturating_sub(n), Relaxed);
    }
}

/// What the board loop asks of a firmware's [`ReserveHeap`] (through
/// `Hal::reserve_heap`, whatever the allocator inside).
pub trait BoardHeap: Sync {
    /// Bytes the blocks in use take.
    fn used(&self) -> usize;
    /// Bytes of the heap, without the reserve.
    fn size(&self) -> usize;
    /// Does the heap (not the reserve) have a free block of `bytes`?
    fn block_free(&self, bytes: usize) -> bool;
    /// See [`ReserveHeap::memory_low`].
    fn memory_low(&self) -> Option<usize>;
    /// The flag the VM reads.
    fn flag(&self) -> &AtomicBool;
}

impl<H: GlobalAlloc + Sync> BoardHeap for ReserveHeap<H> {
    fn used(&self) -> usize {
        ReserveHeap::used(self)
    }
    fn size(&self) -> usize {
        ReserveHeap::size(self)
    }
    fn block_free(&self, bytes: usize) -> bool {
        ReserveHeap::block_free(self, bytes)
    }
    fn memory_low(&self) -> Option<usize> {
        ReserveHeap::memory_low(self)
    }
    fn flag(&self) -> &AtomicBool {
        &self.exhausted
    }
}

impl<H: GlobalAlloc> ReserveHeap<H> {
    /// Does the heap (not the reserve) have a free block of `bytes`? Tried for real.
    pub fn block_free(&self, bytes: usize) -> bool {
        let Ok(layout) = Layout::from_size_align(bytes, 8) else {
            return false;
        };
        // SAFETY: a block taken from the heap and given straight back
        unsafe {
            let p = self.heap.alloc(layout);
            if p.is_null() {
                return false;
            }
            self.heap.dealloc(p, layout);
        }
        true
    }

    /// Is the heap still short since an allocation needed the reserve? Then the bytes of
    /// the reserve in use. Clears the flag (and says `None`) once the heap has room again:
    /// a 4 KB block with at most a quarter of the reserve in use, 16 KB with at most half,
    /// 32 KB whatever the reserve holds.
    pub fn memory_low(&self) -> Option<usize> {
        if !self.exhausted.load(Relaxed) {
            return None;
        }
        let reserve = self.reserve_at.1.load(Relaxed) - self.reserve_at.0.load(Relaxed);
        let used = self.reserve_used.load(Relaxed);
        // (objects made while the heap was short can keep part of the reserve for good: a
        // heap with room again ends the episode anyway, or it would never end)
        let room = if used <= reserve / 4 {
            RECOVERED
        } else {
            4 * RECOVERED
        };
        if used <= reserve / 2 && self.block_free(room) || self.block_free(8 * RECOVERED) {
            self.exhausted.store(false, Relaxed);
            return None;
        }
        Some(used)
    }
}

// SAFETY: forwards to the two allocators; the counts are only touched from the one hart,
// never from an interrupt handler
unsafe impl<H: GlobalAlloc> GlobalAlloc for ReserveHeap<H> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut p = self.heap.alloc(layout);
        if p.is_null() {
            p = self.reserve.alloc(layout);
            self.exhausted.store(true, Relaxed);
            if !p.is_null() {
                Self::add(&self.reserve_used, footprint(layout));
            }
        }
        if !p.is_null() {
            Self::add(&self.used, footprint(layout));
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.in_reserve(ptr) {
            self.reserve.dealloc(ptr, layout);
            Self::sub(&self.reserve_used, footprint(layout));
        } else {
            self.heap.dealloc(ptr, layout);
        }
        Self::sub(&self.used, footprint(layout));
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;

    #[test]
    fn footprint_is_tlsf_blocks() {
        // (on the 64-bit host: 16-byte header, 32-byte granularity)
        let w = core::mem::size_of::<usize>();
        let l = |size| Layout::from_size_align(size, 8).unwrap();
        assert_eq!(footprint(l(1)), 4 * w);
        assert_eq!(footprint(l(2 * w)), 4 * w);
        assert_eq!(footprint(l(2 * w + 1)), 8 * w);
    }
}
