//! The friendly REPL on the console: `>>> ` / `... ` prompts, echo and backspace, Ctrl-C
//! drops the line, Ctrl-D on an empty line soft-resets (a fresh interpreter, like
//! MicroPython's soft reset).

use alloc::string::String;
use weft_vm::port::{Port, Stream};
use weft_vm::{Config, Interp, ReplOutcome};

use crate::console;

/// Read one line with echo and backspace. `None`: Ctrl-D on an empty line. Ctrl-C gives an
/// empty line.
pub fn read_line(port: &dyn Port) -> Option<String> {
    console::set_ctrl_c_is_data(true);
    let mut line = String::new();
    let got = loop {
        let Some(b) = console::read_byte() else {
            continue;
        };
        match b {
            b'\r' | b'\n' => {
                port.write(Stream::Stdout, b"\n");
                break Some(line);
            }
            0x03 => {
                port.write(Stream::Stdout, b"\n");
                break Some(String::new());
            }
            0x04 if line.is_empty() => break None,
            0x08 | 0x7f => {
                if line.pop().is_some() {
                    port.write(Stream::Stdout, b"\x08 \x08");
                }
            }
            0x20..=0x7e => {
                line.push(b as char);
                port.write(Stream::Stdout, &[b]);
            }
            _ => {}
        }
    };
    console::set_ctrl_c_is_data(false);
    got
}

fn new_interp(port: &'static dyn Port) -> Interp {
    let config = Config {
        platform: String::from(crate::PLATFORM),
        recursion_limit: 200,
        ..Config::default()
    };
    Interp::new(port, config)
}

/// The REPL, forever; a soft reset starts a new interpreter.
pub fn run(port: &'static dyn Port) -> ! {
    loop {
        let mut interp = new_interp(port);
        port.write(
            Stream::Stdout,
            alloc::format!(
                "Weft {} on {}; free heap {} bytes\nType \"help()\" for more information.\n",
                env!("CARGO_PKG_VERSION"),
                crate::CHIP,
                esp_alloc::HEAP.free()
            )
            .as_bytes(),
        );
        loop {
            port.write(Stream::Stdout, b">>> ");
            let Some(mut src) = read_line(port) else {
                port.write(Stream::Stdout, b"MPY: soft reboot\n");
                break;
            };
            if src.trim().is_empty() {
                continue;
            }
            while !weft_vm::input_is_complete(&src) {
                port.write(Stream::Stdout, b"... ");
                match read_line(port) {
                    Some(more) if !more.is_empty() => {
                        src.push('\n');
                        src.push_str(&more);
                    }
                    _ => {
                        src.push('\n');
                        break;
                    }
                }
            }
            if let ReplOutcome::Exit(_) = interp.repl_exec(&src) {
                port.write(Stream::Stdout, b"MPY: soft reboot\n");
                break;
            }
        }
    }
}
