//! MicroPython's raw-REPL / raw-paste protocol as sans-IO state machines.
//!
//! Nothing here does I/O, spawns threads or reads a clock: bytes received are passed in,
//! bytes to send are taken out, and the time (milliseconds, any epoch) is passed in as a
//! value. The same code therefore runs in the CLI (serial ports, ptys), in the browser
//! (WebSerial through wasm) and, for the device side, on the firmware (`no_std` + alloc).
//!
//! - [`device::Device`]: the board's side: the friendly REPL's line handling (events the
//!   runner acts on), raw REPL, raw-paste with window flow control, Ctrl-C, Ctrl-D soft
//!   reset, and the fence that keeps output of threads still running after a script from
//!   being mistaken for a protocol reply.
//! - [`host::Host`]: the computer's side: enter raw REPL (Ctrl-C, Ctrl-A, optional soft
//!   reset), run code by raw-paste with flow control, falling back to plain raw mode on
//!   `R\x00` or old firmware, stdout/stderr split at the `\x04` markers, Ctrl-C forwarding,
//!   and timeouts that end in clear errors.
//!
//! The protocol, as stock MicroPython speaks it:
//! - Ctrl-A enters raw REPL: `raw REPL; CTRL-B to exit\r\n>`. Code, then Ctrl-D: `OK`, the
//!   program's stdout, `\x04`, the exception text, `\x04`, `>`. Ctrl-B leaves raw REPL,
//!   Ctrl-C interrupts, Ctrl-D on empty input soft-resets (`soft reboot\r\n`).
//! - Raw-paste: in raw REPL the host sends `\x05A\x01`; the device answers `R\x01`, a
//!   little-endian u16 window size and one `\x01` (two windows of credit in all); each later
//!   `\x01` grants another window; the host ends with `\x04` and the device acknowledges
//!   with `\x04` (or ends early with `\x04`, which the host acknowledges with `\x04`).
//!   `R\x00` means "understood but not supported"; anything else is old firmware.

#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod device;
pub mod files;
pub mod host;

/// Control characters of the protocol.
pub mod ctrl {
    pub const A: u8 = 0x01;
    pub const B: u8 = 0x02;
    pub const C: u8 = 0x03;
    pub const D: u8 = 0x04;
    pub const E: u8 = 0x05;
}

/// What the device says on entering raw REPL.
pub const RAW_BANNER: &[u8] = b"raw REPL; CTRL-B to exit\r\n";
/// What the device says when a soft reset has happened.
pub const SOFT_REBOOT: &[u8] = b"soft reboot\r\n";

/// Which output stream of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}
