//! Weft on QEMU's riscv32 `virt` board: the virtual board CI runs.
//!
//! `qemu-system-riscv32 -machine virt -cpu rv32,a=false,f=false,d=false -bios none
//! -nographic -serial pty -kernel weft-qemu-virt` (`cargo xtask qemu` does this). The
//! devices used:
//! - the console: an ns16550 UART at 0x1000_0000 (interrupt 10 of the PLIC at
//!   0x0c00_0000, used only to wake from `wfi`);
//! - the clock: the CLINT's `mtime` at 0x0200_bff8 (10 MHz) and `mtimecmp` at
//!   0x0200_4000, also only to wake from `wfi` (interrupts stay globally disabled);
//! - reset and exit: the sifive_test device at 0x10_0000.
//!
//! Memory is laid out like an ESP32-C3 app (memory.x): 300 KB of heap, so the free-heap
//! figure in the banner is the one the real chip would show.

#![no_std]
#![no_main]

use core::fmt::Write;
use core::ptr::{read_volatile, write_volatile};

use embedded_alloc::TlsfHeap;
use weft_board::heap::{BoardHeap, ReserveHeap};
use weft_board::{BoardInfo, Hal};

/// The TLSF heap and its emergency reserve (`weft_board::heap`): running out of memory is
/// a `MemoryError`, not the end of the firmware.
#[global_allocator]
static HEAP: ReserveHeap<TlsfHeap> = ReserveHeap::new(TlsfHeap::empty(), TlsfHeap::empty());

/// The emergency reserve, carved from the end of the heap region.
const EMERGENCY: usize = 8 * 1024;

const UART: usize = 0x1000_0000;
const UART_RBR: usize = UART; // receive buffer (read)
const UART_THR: usize = UART; // transmit holding (write)
const UART_IER: usize = UART + 1;
const UART_FCR: usize = UART + 2;
const UART_LSR: usize = UART + 5;
const LSR_DATA_READY: u8 = 0x01;
const LSR_THR_EMPTY: u8 = 0x20;

const CLINT_MTIMECMP: usize = 0x0200_4000;
const CLINT_MTIME: usize = 0x0200_bff8;
const MTIME_PER_US: u64 = 10;

const PLIC: usize = 0x0c00_0000;
const PLIC_UART_IRQ: usize = 10;
const PLIC_ENABLE_CTX0: usize = PLIC + 0x2000;
const PLIC_THRESHOLD_CTX0: usize = PLIC + 0x20_0000;
const PLIC_CLAIM_CTX0: usize = PLIC + 0x20_0004;

const SIFIVE_TEST: usize = 0x10_0000;
const TEST_PASS: u32 = 0x5555;
const TEST_FAIL: u32 = 0x3333;
const TEST_RESET: u32 = 0x7777;

fn rd8(a: usize) -> u8 {
    // SAFETY: a device register of the virt board
    unsafe { read_volatile(a as *const u8) }
}
fn wr8(a: usize, v: u8) {
    // SAFETY: a device register of the virt board
    unsafe { write_volatile(a as *mut u8, v) }
}
fn rd32(a: usize) -> u32 {
    // SAFETY: a device register of the virt board
    unsafe { read_volatile(a as *const u32) }
}
fn wr32(a: usize, v: u32) {
    // SAFETY: a device register of the virt board
    unsafe { write_volatile(a as *mut u32, v) }
}

struct Virt;

impl Virt {
    fn init(&self) {
        wr8(UART_FCR, 0x07); // FIFOs on and cleared
        wr8(UART_IER, 0x01); // "data ready" raises the UART's interrupt line
        // the PLIC passes the UART's line to hart 0's machine context
        wr32(PLIC + 4 * PLIC_UART_IRQ, 1);
        wr32(PLIC_ENABLE_CTX0, 1 << PLIC_UART_IRQ);
        wr32(PLIC_THRESHOLD_CTX0, 0);
        // SAFETY: enabling wake-up sources only; mstatus.MIE stays 0, so nothing traps:
        // `wfi` just returns when one is pending
        unsafe {
            riscv::register::mie::set_mext();
            riscv::register::mie::set_mtimer();
        }
    }

    fn mtime(&self) -> u64 {
        loop {
            let hi = rd32(CLINT_MTIME + 4);
            let lo = rd32(CLINT_MTIME);
            if rd32(CLINT_MTIME + 4) == hi {
                return ((hi as u64) << 32) | lo as u64;
            }
        }
    }

    fn exit(&self, code: u32) -> ! {
        let v = if code == 0 {
            TEST_PASS
        } else {
            TEST_FAIL | (code << 16)
        };
        wr32(SIFIVE_TEST, v);
        loop {
            riscv::asm::wfi();
        }
    }
}

impl Hal for Virt {
    fn read(&self, buf: &mut [u8]) -> usize {
        let mut n = 0;
        while n < buf.len() && rd8(UART_LSR) & LSR_DATA_READY != 0 {
            buf[n] = rd8(UART_RBR);
            n += 1;
        }
        n
    }

    fn write(&self, data: &[u8]) {
        for &b in data {
            while rd8(UART_LSR) & LSR_THR_EMPTY == 0 {}
            wr8(UART_THR, b);
        }
    }

    fn ticks_us(&self) -> u64 {
        self.mtime() / MTIME_PER_US
    }

    fn wait(&self, deadline_us: u64) {
        if rd8(UART_LSR) & LSR_DATA_READY != 0 {
            return;
        }
        let cmp = deadline_us.saturating_mul(MTIME_PER_US);
        // mtimecmp: high word to max first, so no spurious match mid-update
        wr32(CLINT_MTIMECMP + 4, u32::MAX);
        wr32(CLINT_MTIMECMP, cmp as u32);
        wr32(CLINT_MTIMECMP + 4, (cmp >> 32) as u32);
        if self.mtime() < cmp {
            riscv::asm::wfi();
        }
        // acknowledge the UART's interrupt at the PLIC (claim, complete), or `wfi` would
        // return at once from now on
        let irq = rd32(PLIC_CLAIM_CTX0);
        if irq != 0 {
            wr32(PLIC_CLAIM_CTX0, irq);
        }
    }

    fn reset(&self) -> ! {
        wr32(SIFIVE_TEST, TEST_RESET);
        loop {
            riscv::asm::wfi();
        }
    }

    fn reserve_heap(&self) -> Option<&'static dyn BoardHeap> {
        Some(&HEAP)
    }

    /// (half the default: one heap region, where the ESP chips have two)
    const HEAP_MARGIN: usize = 4 * 1024;
}

static VIRT: Virt = Virt;

#[riscv_rt::entry]
fn main() -> ! {
    extern "C" {
        static __sheap: u8;
        static _heap_size: u8;
    }
    // SAFETY: the linker script's heap region (memory.x), used by nothing else
    unsafe {
        let start = &__sheap as *const u8 as usize;
        let size = &_heap_size as *const u8 as usize;
        let main = size - EMERGENCY;
        HEAP.heap().init(start, main);
        HEAP.reserve().init(start + main, EMERGENCY);
        HEAP.set_layout(main, start + main, start + size);
    }
    VIRT.init();
    weft_board::run(
        &VIRT,
        BoardInfo {
            name: "QEMU virt riscv32imc",
            platform: "qemu",
        },
    )
}

/// A Rust panic is a bug in Weft: say so on the console and stop the virtual board with a
/// failure status (CI sees it; a real board would reset).
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    struct Uart;
    impl Write for Uart {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            VIRT.write(s.as_bytes());
            Ok(())
        }
    }
    let _ = write!(Uart, "\r\nweft: internal error: {info}\r\n");
    VIRT.exit(101)
}
