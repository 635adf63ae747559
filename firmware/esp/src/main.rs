//! Weft firmware for the ESP32-C3 and ESP32-C6 (RISC-V, esp-hal, no RTOS).
//!
//! Boot: clocks at their maximum, the heap in internal SRAM (esp-alloc), the console on
//! UART0 (115 200 baud) and the USB-serial-JTAG, then Weft's firmware core (`weft-board`):
//! the VM on green threads behind the raw-REPL device. This file is the board's `Hal`.

#![no_std]
#![no_main]

extern crate alloc;

mod console;
mod machine;

use esp_backtrace as _;
use esp_hal::clock::CpuClock;
use esp_hal::timer::systimer::SystemTimer;
use esp_hal::timer::OneShotTimer;
use esp_hal::uart::{Config as UartConfig, Uart};
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;
use core::mem::MaybeUninit;
use core::ptr::addr_of_mut;

use esp_alloc::{EspHeap, HeapRegion, MemoryCapability};
use weft_board::heap::{BoardHeap, ReserveHeap};
use weft_board::{BoardInfo, Hal};
use weft_vm::port::Machine;

#[cfg(all(feature = "esp32c3", feature = "esp32c6"))]
compile_error!("choose one chip feature: esp32c3 or esp32c6");
#[cfg(not(any(feature = "esp32c3", feature = "esp32c6")))]
compile_error!("choose a chip feature: esp32c3 or esp32c6");

#[cfg(feature = "esp32c3")]
const CHIP: &str = "ESP32-C3";
#[cfg(feature = "esp32c6")]
const CHIP: &str = "ESP32-C6";

// the application descriptor the second-stage bootloader checks
esp_bootloader_esp_idf::esp_app_desc!();

/// The main heap region: the internal SRAM left after .data/.bss and ~49 KB of stack (C3:
/// 313 KB of DRAM for the app; C6: 442 KB).
#[cfg(feature = "esp32c3")]
const HEAP_SIZE: usize = 256 * 1024;
#[cfg(feature = "esp32c6")]
const HEAP_SIZE: usize = 384 * 1024;

/// The emergency reserve (`weft_board::heap`), taken from the main heap region.
const EMERGENCY: usize = 8 * 1024;

/// The heap (internal SRAM, and the 64 KB the second-stage bootloader used, free once the
/// app runs) and its emergency reserve: running out of memory is a `MemoryError`, not a
/// panic.
#[global_allocator]
static HEAP: ReserveHeap<EspHeap> = ReserveHeap::new(EspHeap::empty(), EspHeap::empty());

static mut HEAP_MAIN: MaybeUninit<[u8; HEAP_SIZE - EMERGENCY]> = MaybeUninit::uninit();
#[link_section = ".dram2_uninit"]
static mut HEAP_DRAM2: MaybeUninit<[u8; DRAM2_SIZE]> = MaybeUninit::uninit();
static mut HEAP_EMERGENCY: MaybeUninit<[u8; EMERGENCY]> = MaybeUninit::uninit();
const DRAM2_SIZE: usize = 64000;

/// Give the heap and the reserve their memory (once, first thing at boot).
fn init_heap() {
    // SAFETY: called once, before any allocation; the three regions are used by nothing else
    let region =
        |p: *mut u8, size| unsafe { HeapRegion::new(p, size, MemoryCapability::Internal.into()) };
    unsafe {
        let main = addr_of_mut!(HEAP_MAIN) as *mut u8;
        let dram2 = addr_of_mut!(HEAP_DRAM2) as *mut u8;
        let reserve = addr_of_mut!(HEAP_EMERGENCY) as *mut u8;
        HEAP.heap().add_region(region(main, HEAP_SIZE - EMERGENCY));
        HEAP.heap().add_region(region(dram2, DRAM2_SIZE));
        HEAP.reserve().add_region(region(reserve, EMERGENCY));
        let start = reserve as usize;
        HEAP.set_layout(HEAP_SIZE - EMERGENCY + DRAM2_SIZE, start, start + EMERGENCY);
    }
}

pub fn now_us() -> u64 {
    esp_hal::time::Instant::now()
        .duration_since_epoch()
        .as_micros()
}

struct Esp {
    machine: machine::EspMachine,
}

impl Hal for Esp {
    fn read(&self, buf: &mut [u8]) -> usize {
        console::read(buf)
    }
    fn write(&self, data: &[u8]) {
        console::write(data)
    }
    fn ticks_us(&self) -> u64 {
        now_us()
    }
    fn wait(&self, deadline_us: u64) {
        console::wait(deadline_us)
    }
    fn reset(&self) -> ! {
        self.machine.reset()
    }
    fn reserve_heap(&self) -> Option<&'static dyn BoardHeap> {
        Some(&HEAP)
    }
    fn random(&self, buf: &mut [u8]) -> bool {
        // the hardware RNG (its entropy is best with the radio or ADC clock on; the core
        // mixes in the timing of received bytes as well)
        esp_hal::rng::Rng::new().read(buf);
        true
    }
    fn machine(&self) -> Option<&dyn Machine> {
        Some(&self.machine)
    }
}

static ESP: Esp = Esp {
    machine: machine::EspMachine::new(),
};

// SAFETY: one core, one thread of execution, no interrupt handler touches it; the pin
// table is behind a critical-section mutex anyway
unsafe impl Sync for Esp {}

#[esp_hal::main]
fn main() -> ! {
    let peripherals = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    init_heap();

    let uart_config = UartConfig::default().with_baudrate(115_200);
    #[cfg(feature = "esp32c3")]
    let (tx, rx) = (peripherals.GPIO21, peripherals.GPIO20);
    #[cfg(feature = "esp32c6")]
    let (tx, rx) = (peripherals.GPIO16, peripherals.GPIO17);
    let uart = match Uart::new(peripherals.UART0, uart_config) {
        Ok(u) => u.with_tx(tx).with_rx(rx),
        Err(e) => panic!("UART0: {:?}", e),
    };
    let jtag = UsbSerialJtag::new(peripherals.USB_DEVICE);
    // alarm 0 of the system timer ends idle sleeps (the timer's counter is `now_us`'s clock)
    let alarm = OneShotTimer::new(SystemTimer::new(peripherals.SYSTIMER).alarm0);
    console::init(uart, jtag, alarm);

    weft_board::run(
        &ESP,
        BoardInfo {
            name: CHIP,
            platform: "esp32",
        },
    )
}
