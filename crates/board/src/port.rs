//! The firmware's platform for the shared board loop (`crate::console`): the Hal's UART and
//! clock, green threads (no `ThreadPort`: the VM runs Python threads itself), an in-RAM file
//! system, random bytes from a hash DRBG.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use core::cell::RefCell;
use core::sync::atomic::AtomicBool;

use sha2::{Digest, Sha256};
use weft_vm::memfs::{Local, MemFs};
use weft_vm::port::FileSystem;
use weft_vm::{Config, Interp};

use crate::console::{OneThread, Platform};
use crate::{BoardInfo, Hal};

pub(crate) struct Firmware<H: Hal> {
    pub(crate) hal: &'static H,
    info: BoardInfo,
    rng: RefCell<Drbg>,
    fs: MemFs<Local>,
}

// SAFETY: `Platform` must be `Sync` because host-thread platforms share it between
// threads. A board has one thread of execution (Python threads are green threads of the
// VM), and interrupt handlers never touch the core, so the cells are never shared.
unsafe impl<H: Hal> Sync for Firmware<H> {}

impl<H: Hal> Firmware<H> {
    pub(crate) fn new(hal: &'static H, info: BoardInfo) -> Firmware<H> {
        let mut seed = [0u8; 32];
        let hw = hal.random(&mut seed);
        let mut rng = Drbg::new(&seed);
        rng.mix(&hal.ticks_us().to_le_bytes());
        rng.mix(&[hw as u8]);
        // no real-time clock: modification times count from boot
        let clock: Box<dyn Fn() -> i64> = Box::new(move || (hal.ticks_us() / 1_000_000) as i64);
        Firmware {
            hal,
            info,
            rng: RefCell::new(rng),
            fs: MemFs::new(clock),
        }
    }
}

impl<H: Hal> Platform for Firmware<H> {
    type Lock<T: Send> = OneThread<T>;

    fn read(&self, buf: &mut [u8]) -> usize {
        let n = self.hal.read(buf);
        if n > 0 {
            // when bytes arrive is the entropy a board without a generator has
            self.rng
                .borrow_mut()
                .mix(&self.hal.ticks_us().to_le_bytes());
        }
        n
    }
    fn write(&self, data: &[u8]) {
        self.hal.write(data)
    }
    fn ticks_us(&self) -> u64 {
        self.hal.ticks_us()
    }
    fn wait(&self, deadline_us: u64) {
        self.hal.wait(deadline_us)
    }
    fn config(&self) -> Config {
        Config {
            platform: String::from(self.info.platform),
            argv: vec![String::new()],
            path: vec![String::new(), String::from("/lib")],
            heap_limit: self.hal.heap().1,
            ..Config::default()
        }
    }
    fn threads_alive(&self, interp: &Interp) -> usize {
        interp.threads_alive()
    }
    fn run_threads(&self, interp: &mut Interp, us: u64) -> bool {
        interp.run_background(us)
    }

    fn time_ns(&self) -> u64 {
        // no real-time clock: time since boot
        self.hal.ticks_us().saturating_mul(1000)
    }
    fn urandom(&self, buf: &mut [u8]) {
        let mut rng = self.rng.borrow_mut();
        rng.mix(&self.hal.ticks_us().to_le_bytes());
        rng.fill(buf);
    }
    fn fs(&self) -> Option<&dyn FileSystem> {
        Some(&self.fs)
    }
    fn heap_used(&self) -> Option<usize> {
        Some(self.hal.heap().0)
    }
    fn memory_low_flag(&self) -> Option<&'static AtomicBool> {
        self.hal.memory_low_flag()
    }
    fn memory_low(&self) -> Option<usize> {
        self.hal.memory_low()
    }
    fn heap_has_room(&self, bytes: usize) -> bool {
        self.hal.heap_has_room(bytes)
    }
    fn machine(&self) -> Option<&dyn weft_vm::port::Machine> {
        self.hal.machine()
    }
}

/// A hash DRBG (in the spirit of NIST SP 800-90A's Hash_DRBG, without its reseed counter
/// bookkeeping): the state is a SHA-256 digest; entropy is hashed into it; output blocks are
/// SHA-256(state ‖ counter) and the state moves on after every request, so earlier output
/// can't be recomputed from a later state.
pub struct Drbg {
    state: [u8; 32],
    counter: u64,
}

impl Drbg {
    pub fn new(seed: &[u8]) -> Drbg {
        let mut d = Drbg {
            state: [0; 32],
            counter: 0,
        };
        d.mix(seed);
        d
    }

    pub fn mix(&mut self, entropy: &[u8]) {
        let mut h = Sha256::new();
        h.update(b"mix");
        h.update(self.state);
        h.update(entropy);
        self.state.copy_from_slice(&h.finalize());
    }

    pub fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(32) {
            self.counter += 1;
            let mut h = Sha256::new();
            h.update(b"out");
            h.update(self.state);
            h.update(self.counter.to_le_bytes());
            let block = h.finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        let mut h = Sha256::new();
        h.update(b"next");
        h.update(self.state);
        self.state.copy_from_slice(&h.finalize());
    }
}
