//! The futex primitive of this build: `hostsync::WasmParker` (`memory.atomic.wait32` /
//! `notify` on the shared memory, the same words the UI thread reaches with `Atomics.wait` /
//! `Atomics.notify`), with the clock from the JS host. Native builds of the crate (unit
//! tests, clippy) use `hostsync::NativeParker`.

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub type HostParker = hostsync::WasmParker;

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub fn parker() -> HostParker {
    hostsync::WasmParker {
        now_us: crate::port::now_us,
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
pub type HostParker = hostsync::NativeParker;

#[cfg(not(all(target_arch = "wasm32", target_feature = "atomics")))]
pub fn parker() -> HostParker {
    hostsync::NativeParker
}
