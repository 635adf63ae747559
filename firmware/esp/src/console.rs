//! The console: UART0 at 115 200 baud AND the chip's USB-serial-JTAG, both at once.
//!
//! Boards differ: DevKitC/DevKitM boards wire UART0 to a USB-UART bridge (CP210x, CH340),
//! many small boards (C3 SuperMini, XIAO) have only the chip's own USB port, which is the
//! USB-serial-JTAG. Output goes to both; input is taken from either. A USB-serial-JTAG with
//! no host attached can't drain its FIFO, so writes to it give up after a short wait and stop
//! being tried until the host sends something.

use core::cell::RefCell;

use critical_section::Mutex;
use esp_hal::uart::Uart;
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;
use esp_hal::Blocking;

const RX_SIZE: usize = 2048;
const CTRL_C: u8 = 0x03;
/// How long a write waits for the USB-serial-JTAG FIFO before deciding no host is reading.
const JTAG_WAIT_US: u64 = 50_000;

pub struct Console {
    uart: Uart<'static, Blocking>,
    jtag: UsbSerialJtag<'static, Blocking>,
    /// false after a write to the USB-serial-JTAG timed out (no host): don't wait again
    jtag_live: bool,
    rx: [u8; RX_SIZE],
    rx_head: usize,
    rx_len: usize,
    interrupt: bool,
    /// deliver Ctrl-C as a byte instead of as an interrupt (line editing, raw REPL input)
    ctrl_c_is_data: bool,
}

static CONSOLE: Mutex<RefCell<Option<Console>>> = Mutex::new(RefCell::new(None));

pub fn init(uart: Uart<'static, Blocking>, jtag: UsbSerialJtag<'static, Blocking>) {
    critical_section::with(|cs| {
        CONSOLE.borrow_ref_mut(cs).replace(Console {
            uart,
            jtag,
            jtag_live: true,
            rx: [0; RX_SIZE],
            rx_head: 0,
            rx_len: 0,
            interrupt: false,
            ctrl_c_is_data: true,
        });
    });
}

fn with<R>(f: impl FnOnce(&mut Console) -> R) -> Option<R> {
    critical_section::with(|cs| CONSOLE.borrow_ref_mut(cs).as_mut().map(f))
}

impl Console {
    fn push(&mut self, b: u8) {
        if b == CTRL_C && !self.ctrl_c_is_data {
            self.interrupt = true;
            return;
        }
        if self.rx_len < RX_SIZE {
            let at = (self.rx_head + self.rx_len) % RX_SIZE;
            self.rx[at] = b;
            self.rx_len += 1;
        }
    }

    /// Move what both lines have received into the buffer.
    fn poll(&mut self) {
        let mut buf = [0u8; 64];
        while let Ok(n @ 1..) = self.uart.read_buffered(&mut buf) {
            for &b in &buf[..n] {
                self.push(b);
            }
        }
        while let Ok(b) = self.jtag.read_byte() {
            self.jtag_live = true;
            self.push(b);
        }
    }

    fn write(&mut self, data: &[u8]) {
        let mut rest = data;
        while !rest.is_empty() {
            match self.uart.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(_) => break,
            }
        }
        let _ = self.uart.flush();
        if !self.jtag_live {
            return;
        }
        for &b in data {
            let start = crate::port::now_us();
            while self.jtag.write_byte_nb(b).is_err() {
                if crate::port::now_us() - start > JTAG_WAIT_US {
                    self.jtag_live = false;
                    return;
                }
            }
        }
        let start = crate::port::now_us();
        while self.jtag.flush_tx_nb().is_err() {
            if crate::port::now_us() - start > JTAG_WAIT_US {
                self.jtag_live = false;
                return;
            }
        }
    }
}

/// Write to both lines.
pub fn write(data: &[u8]) {
    with(|c| c.write(data));
}

/// Poll the lines; take one received byte, if any.
pub fn read_byte() -> Option<u8> {
    with(|c| {
        c.poll();
        if c.rx_len == 0 {
            return None;
        }
        let b = c.rx[c.rx_head];
        c.rx_head = (c.rx_head + 1) % RX_SIZE;
        c.rx_len -= 1;
        Some(b)
    })
    .flatten()
}

/// Has Ctrl-C arrived while a program runs? Clears the flag.
pub fn take_interrupt() -> bool {
    with(|c| {
        c.poll();
        core::mem::take(&mut c.interrupt)
    })
    .unwrap_or(false)
}

/// While a program runs, Ctrl-C is an interrupt; while the REPL reads a line, it is data.
pub fn set_ctrl_c_is_data(data: bool) {
    with(|c| {
        c.ctrl_c_is_data = data;
        c.interrupt = false;
    });
}

/// Has Ctrl-C arrived? Leaves the flag for `take_interrupt` (a sleep returns early on it).
pub fn peek_interrupt() -> bool {
    with(|c| {
        c.poll();
        c.interrupt
    })
    .unwrap_or(false)
}
