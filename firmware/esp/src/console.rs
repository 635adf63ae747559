//! The console: UART0 at 115 200 baud AND the chip's USB-serial-JTAG, both at once.
//!
//! Boards differ: DevKitC/DevKitM boards wire UART0 to a USB-UART bridge (CP210x, CH340),
//! many small boards (C3 SuperMini, XIAO C3/C6) have only the chip's own USB port, which is
//! the USB-serial-JTAG. Output goes to both; input is taken from either. A USB-serial-JTAG
//! with no host attached can't drain its FIFO, so writes to it give up after a short wait and
//! stop being tried until the host sends something.

use core::cell::RefCell;

use critical_section::Mutex;
use esp_hal::uart::Uart;
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;
use esp_hal::Blocking;

/// How long a write waits for the USB-serial-JTAG FIFO before deciding no host is reading.
const JTAG_WAIT_US: u64 = 50_000;

pub struct Console {
    uart: Uart<'static, Blocking>,
    jtag: UsbSerialJtag<'static, Blocking>,
    /// false after a write to the USB-serial-JTAG timed out (no host): don't wait again
    /// until the host sends something
    jtag_live: bool,
}

static CONSOLE: Mutex<RefCell<Option<Console>>> = Mutex::new(RefCell::new(None));

pub fn init(uart: Uart<'static, Blocking>, jtag: UsbSerialJtag<'static, Blocking>) {
    critical_section::with(|cs| {
        CONSOLE.borrow_ref_mut(cs).replace(Console {
            uart,
            jtag,
            jtag_live: true,
        });
    });
}

fn with<R>(f: impl FnOnce(&mut Console) -> R) -> Option<R> {
    critical_section::with(|cs| CONSOLE.borrow_ref_mut(cs).as_mut().map(f))
}

/// Copy what either line has received into `buf`, without waiting; how many bytes.
pub fn read(buf: &mut [u8]) -> usize {
    with(|c| {
        let mut n = 0;
        if let Ok(got) = c.uart.read_buffered(buf) {
            n = got;
        }
        while n < buf.len() {
            match c.jtag.read_byte() {
                Ok(b) => {
                    c.jtag_live = true;
                    buf[n] = b;
                    n += 1;
                }
                Err(_) => break,
            }
        }
        n
    })
    .unwrap_or(0)
}

/// Write to both lines (UART0 waits for its FIFO; the USB-serial-JTAG gives up without a host).
pub fn write(data: &[u8]) {
    with(|c| {
        let mut rest = data;
        while !rest.is_empty() {
            match c.uart.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(_) => break,
            }
        }
        if !c.jtag_live {
            return;
        }
        for &b in data {
            let start = crate::now_us();
            while c.jtag.write_byte_nb(b).is_err() {
                if crate::now_us() - start > JTAG_WAIT_US {
                    c.jtag_live = false;
                    return;
                }
            }
        }
        // a USB packet goes out when full or flushed
        let start = crate::now_us();
        while c.jtag.flush_tx_nb().is_err() {
            if crate::now_us() - start > JTAG_WAIT_US {
                c.jtag_live = false;
                return;
            }
        }
    });
}

/// Wait until UART0 has sent everything (before a reset).
pub fn flush() {
    with(|c| {
        let _ = c.uart.flush();
    });
}
