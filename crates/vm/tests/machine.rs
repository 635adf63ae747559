//! `machine` through the port's `Machine`: a fake board records what the Python side asked
//! of its pins; a port without one (a host) has `machine` without `Pin`, like MicroPython's
//! unix port.

use std::sync::Mutex;
use std::time::Instant;

use weft_vm::port::{Machine, PinMode, PinPull, Port, Stream};
use weft_vm::{Config, Interp};

/// Pins 0..=9 exist; pin 5 is kept by the "firmware" (like flash or console pins).
struct FakeBoard {
    log: Mutex<Vec<String>>,
    levels: Mutex<[bool; 10]>,
}

impl FakeBoard {
    fn check(&self, pin: u32) -> Result<usize, String> {
        match pin {
            5 => Err("Pin(5) is used by the console".into()),
            0..=9 => Ok(pin as usize),
            _ => Err(format!("invalid pin: {pin}")),
        }
    }
}

impl Machine for FakeBoard {
    fn pin_init(&self, pin: u32, mode: PinMode, pull: PinPull) -> Result<(), String> {
        self.check(pin)?;
        self.log
            .lock()
            .unwrap()
            .push(format!("init {pin} {mode:?} {pull:?}"));
        Ok(())
    }
    fn pin_write(&self, pin: u32, high: bool) -> Result<(), String> {
        let i = self.check(pin)?;
        self.levels.lock().unwrap()[i] = high;
        self.log.lock().unwrap().push(format!("write {pin} {high}"));
        Ok(())
    }
    fn pin_read(&self, pin: u32) -> Result<bool, String> {
        let i = self.check(pin)?;
        Ok(self.levels.lock().unwrap()[i])
    }
    fn freq(&self) -> u32 {
        160_000_000
    }
    fn reset(&self) -> ! {
        panic!("reset is not called by these tests")
    }
    fn unique_id(&self) -> Vec<u8> {
        vec![0x24, 0x0a, 0xc4, 1, 2, 3]
    }
}

struct TestPort {
    out: Mutex<Vec<u8>>,
    start: Instant,
    board: Option<FakeBoard>,
}

impl Port for TestPort {
    fn write(&self, _stream: Stream, data: &[u8]) {
        self.out.lock().unwrap().extend_from_slice(data);
    }
    fn read_line(&self, _prompt: &str) -> Option<String> {
        None
    }
    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn time_ns(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }
    fn sleep_us(&self, us: u64) {
        std::thread::sleep(std::time::Duration::from_micros(us));
    }
    fn take_interrupt(&self) -> bool {
        false
    }
    fn urandom(&self, buf: &mut [u8]) {
        buf.fill(7);
    }
    fn machine(&self) -> Option<&dyn Machine> {
        self.board.as_ref().map(|b| b as &dyn Machine)
    }
}

/// Run `src` on a port with (or without) the fake board: (status, output, board log).
fn run(src: &str, with_board: bool) -> (i32, String, Vec<String>) {
    let port: &'static TestPort = Box::leak(Box::new(TestPort {
        out: Mutex::new(Vec::new()),
        start: Instant::now(),
        board: with_board.then(|| FakeBoard {
            log: Mutex::new(Vec::new()),
            levels: Mutex::new([false; 10]),
        }),
    }));
    let status = Interp::new(port, Config::default()).run_main(src, "t.py");
    let out = String::from_utf8_lossy(&port.out.lock().unwrap()).into_owned();
    let log = port
        .board
        .as_ref()
        .map(|b| b.log.lock().unwrap().clone())
        .unwrap_or_default();
    (status, out, log)
}

#[test]
fn pin_drives_the_board() {
    let (status, out, log) = run(
        r#"
from machine import Pin
led = Pin(8, Pin.OUT, value=1)
print(led, led.value())
led.off(); print(led())
led.on(); print(led.value())
led.toggle(); print(led.value())
led(1); print(led.value())
b = Pin(9, Pin.IN, Pin.PULL_UP)
print(b.value())
od = Pin(3, Pin.OPEN_DRAIN, Pin.PULL_DOWN)
"#,
        true,
    );
    assert_eq!(out, "Pin(8) 1\n0\n1\n0\n1\n0\n", "status {status}");
    assert_eq!(status, 0);
    assert_eq!(
        log[0], "write 8 true",
        "the level is set before the output is enabled"
    );
    assert_eq!(log[1], "init 8 Out None");
    assert!(log.contains(&"init 9 In Up".to_string()), "{log:?}");
    assert!(
        log.contains(&"init 3 OpenDrain Down".to_string()),
        "{log:?}"
    );
}

#[test]
fn bad_pins_and_modes_are_value_errors() {
    let (_, out, _) = run(
        r#"
from machine import Pin
for args in [(5, Pin.OUT), (42, Pin.IN), (-1, Pin.IN), (2, 99), (2, Pin.IN, 7)]:
    try:
        Pin(*args)
    except ValueError as e:
        print("ValueError:", e)
try:
    Pin("D4")
except TypeError as e:
    print("TypeError:", e)
"#,
        true,
    );
    assert_eq!(
        out,
        "ValueError: Pin(5) is used by the console\nValueError: invalid pin: 42\n\
         ValueError: invalid pin: -1\nValueError: invalid pin mode: 99\n\
         ValueError: invalid pin pull: 7\nTypeError: Pin id must be an int\n"
    );
}

#[test]
fn freq_and_unique_id() {
    let (status, out, _) = run(
        r#"
import machine
print(machine.freq(), machine.unique_id())
machine.freq(160000000)
try:
    machine.freq(80000000)
except ValueError as e:
    print(e)
machine.idle()
"#,
        true,
    );
    assert_eq!(
        out,
        "160000000 b'$\\n\\xc4\\x01\\x02\\x03'\n\
         the CPU clock can't be changed on this board (it runs at 160000000 Hz)\n"
    );
    assert_eq!(status, 0);
}

#[test]
fn a_host_has_machine_without_pin() {
    let (status, out, _) = run(
        r#"
import machine
machine.idle()
print(hasattr(machine, "Pin"), hasattr(machine, "reset"))
from machine import Pin
"#,
        false,
    );
    assert_eq!(status, 1);
    assert!(out.starts_with("False False\n"), "{out}");
    assert!(out.contains("ImportError"), "{out}");
}
