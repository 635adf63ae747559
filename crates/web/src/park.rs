//! The futex primitive of this build: `hostsync::WasmParker` (`memory.atomic.wait32` /
//! `notify` on the shared memory, the same words the UI thread reaches with `Atomics.wait` /
//! `Atomics.notify`), with the clock from the JS host. Native builds of the crate (unit
//! tests, clippy) use `hostsync::NativeParker`.

/// `WasmParker`, and before each wait the worker posts the scheduling events it has batched
/// (`__weftHost.flush`): a thread about to block (on the GIL, a lock, a sleep) may block for
/// a long time, or for ever in a deadlock, and the page must see what led there.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
#[derive(Clone, Copy, Debug)]
pub struct HostParker(hostsync::WasmParker);

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
impl hostsync::Parker for HostParker {
    fn wait(&self, word: &hostsync::AtomicU32, expected: u32, timeout_us: Option<u64>) {
        crate::host_flush();
        self.0.wait(word, expected, timeout_us)
    }

    fn wake(&self, word: &hostsync::AtomicU32, n: u32) {
        self.0.wake(word, n)
    }

    fn now_us(&self) -> u64 {
        self.0.now_us()
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub fn parker() -> HostParker {
    HostParker(hostsync::WasmParker {
        now_us: crate::port::now_us,
    })
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
pub type HostParker = hostsync::NativeParker;

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
pub fn parker() -> HostParker {
    hostsync::NativeParker
}
