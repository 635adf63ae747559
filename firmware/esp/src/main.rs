//! Weft firmware for the ESP32-C3 and ESP32-C6 (RISC-V, esp-hal, no RTOS).
//!
//! Boot: clocks at their maximum, the heap in internal SRAM, the console on UART0 (115 200
//! baud) and the USB-serial-JTAG, then the REPL. Python threads are the VM's green threads.

#![no_std]
#![no_main]

extern crate alloc;

mod console;
mod port;
mod repl;

use esp_backtrace as _;
use esp_hal::clock::CpuClock;
use esp_hal::uart::{Config as UartConfig, Uart};
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;

#[cfg(all(feature = "esp32c3", feature = "esp32c6"))]
compile_error!("choose one chip feature: esp32c3 or esp32c6");
#[cfg(not(any(feature = "esp32c3", feature = "esp32c6")))]
compile_error!("choose a chip feature: esp32c3 or esp32c6");

#[cfg(feature = "esp32c3")]
pub const CHIP: &str = "ESP32-C3";
#[cfg(feature = "esp32c6")]
pub const CHIP: &str = "ESP32-C6";
/// `sys.platform`, as MicroPython's ESP32 port says
pub const PLATFORM: &str = "esp32";

// the application descriptor the second-stage bootloader checks
esp_bootloader_esp_idf::esp_app_desc!();

static PORT: port::EspPort = port::EspPort::new();

/// The heap: most of the internal SRAM left after .data/.bss and the stack (C3: 400 KB
/// SRAM, of which the cache and ROM take some; C6: 512 KB HP SRAM).
#[cfg(feature = "esp32c3")]
const HEAP_SIZE: usize = 200 * 1024;
#[cfg(feature = "esp32c6")]
const HEAP_SIZE: usize = 320 * 1024;

#[esp_hal::main]
fn main() -> ! {
    let peripherals = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    esp_alloc::heap_allocator!(size: HEAP_SIZE);
    esp_println::println!("weft: {} booted, heap {} bytes", CHIP, esp_alloc::HEAP.free());

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
    console::init(uart, jtag);
    console::set_ctrl_c_is_data(false);

    repl::run(&PORT)
}
