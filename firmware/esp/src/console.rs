//! The console: UART0 at 115 200 baud AND the chip's USB-serial-JTAG, both at once.
//!
//! Boards differ: DevKitC/DevKitM boards wire UART0 to a USB-UART bridge (CP210x, CH340),
//! many small boards (C3 SuperMini, XIAO C3/C6) have only the chip's own USB port, which is
//! the USB-serial-JTAG. Output goes to both; input is taken from either. A USB-serial-JTAG
//! with no host attached can't drain its FIFO, so writes to it give up after a short wait and
//! stop being tried until the host sends something.
//!
//! **Idle sleep.** When the firmware core has nothing to run it calls [`wait`]: the CPU
//! sleeps (`wfi`) until a byte arrives on either line (UART0's receive interrupts, the
//! USB-serial-JTAG's packet-received interrupt) or the core's deadline passes (a SYSTIMER
//! alarm), so Ctrl-C and input are seen at once and an idle board draws little. The
//! interrupt sources are on only while it sleeps: their handlers switch them off again
//! (the core reads the lines itself).

use core::cell::RefCell;

use critical_section::Mutex;
use esp_hal::handler;
use esp_hal::time::Duration;
use esp_hal::timer::OneShotTimer;
use esp_hal::uart::{Uart, UartInterrupt};
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
    /// a byte taken from the USB-serial-JTAG while looking for input before a sleep (it
    /// has no way to peek)
    stash: Option<u8>,
}

static CONSOLE: Mutex<RefCell<Option<Console>>> = Mutex::new(RefCell::new(None));
/// The alarm that ends an idle sleep at the core's deadline.
static ALARM: Mutex<RefCell<Option<OneShotTimer<'static, Blocking>>>> =
    Mutex::new(RefCell::new(None));

/// UART0's receive interrupts: the FIFO passed its threshold, or the line went quiet after
/// some bytes (about 10 bit times: a lone Ctrl-C wakes the CPU within a millisecond).
macro_rules! uart_rx {
    () => {
        UartInterrupt::RxFifoFull | UartInterrupt::RxTimeout
    };
}

pub fn init(
    mut uart: Uart<'static, Blocking>,
    mut jtag: UsbSerialJtag<'static, Blocking>,
    mut alarm: OneShotTimer<'static, Blocking>,
) {
    uart.set_interrupt_handler(uart_woke);
    jtag.set_interrupt_handler(jtag_woke);
    alarm.set_interrupt_handler(alarm_rang);
    critical_section::with(|cs| {
        CONSOLE.borrow_ref_mut(cs).replace(Console {
            uart,
            jtag,
            jtag_live: true,
            stash: None,
        });
        ALARM.borrow_ref_mut(cs).replace(alarm);
    });
}

#[handler]
fn uart_woke() {
    with(|c| {
        c.uart.unlisten(uart_rx!());
        c.uart.clear_interrupts(uart_rx!());
    });
}

#[handler]
fn jtag_woke() {
    with(|c| {
        c.jtag.unlisten_rx_packet_recv_interrupt();
        c.jtag.reset_rx_packet_recv_interrupt();
    });
}

#[handler]
fn alarm_rang() {
    critical_section::with(|cs| {
        if let Some(a) = ALARM.borrow_ref_mut(cs).as_mut() {
            a.unlisten();
            a.clear_interrupt();
        }
    });
}

/// Sleep until `deadline_us` (on [`crate::now_us`]) or until a byte may have arrived,
/// whichever is first. The look for input and the `wfi` are one critical section: a byte
/// that lands after the look keeps its interrupt pending, which ends the `wfi` (as
/// esp-hal's own RISC-V executor sleeps); the handler runs once the section ends.
pub fn wait(deadline_us: u64) {
    critical_section::with(|cs| {
        let now = crate::now_us();
        if deadline_us <= now {
            return;
        }
        let mut console = CONSOLE.borrow_ref_mut(cs);
        let mut alarm = ALARM.borrow_ref_mut(cs);
        let (Some(c), Some(alarm)) = (console.as_mut(), alarm.as_mut()) else {
            return;
        };
        c.uart.clear_interrupts(uart_rx!());
        c.uart.listen(uart_rx!());
        c.jtag.reset_rx_packet_recv_interrupt();
        c.jtag.listen_rx_packet_recv_interrupt();
        if c.stash.is_some() || c.uart.read_ready() {
            return;
        }
        if let Ok(b) = c.jtag.read_byte() {
            c.jtag_live = true;
            c.stash = Some(b);
            return;
        }
        // without the alarm nothing bounds the sleep: don't sleep (the core looks again)
        if alarm
            .schedule(Duration::from_micros(deadline_us - now))
            .is_err()
        {
            return;
        }
        alarm.listen();
        esp_hal::interrupt::wait_for_interrupt();
    });
}

fn with<R>(f: impl FnOnce(&mut Console) -> R) -> Option<R> {
    critical_section::with(|cs| CONSOLE.borrow_ref_mut(cs).as_mut().map(f))
}

/// Copy what either line has received into `buf`, without waiting; how many bytes.
pub fn read(buf: &mut [u8]) -> usize {
    with(|c| {
        let mut n = 0;
        if let (Some(b), Some(first)) = (c.stash, buf.first_mut()) {
            *first = b;
            c.stash = None;
            n = 1;
        }
        if let Ok(got) = c.uart.read_buffered(&mut buf[n..]) {
            n += got;
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
