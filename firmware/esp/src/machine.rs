//! `machine` on the ESP32-C3/C6: GPIO pins (esp-hal `Flex` drivers made on first use), the
//! CPU clock, reset, the MAC address as the unique id.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use critical_section::Mutex;
use esp_hal::gpio::{AnyPin, DriveMode, Flex, InputConfig, Level, OutputConfig, Pull};
use weft_vm::port::{Machine, PinMode, PinPull};

/// GPIOs that exist on the chip.
#[cfg(feature = "esp32c3")]
const PIN_COUNT: u32 = 22;
#[cfg(feature = "esp32c6")]
const PIN_COUNT: u32 = 31;

/// GPIOs the firmware keeps: the SPI flash, USB D-/D+ (the USB console), UART0's TX/RX.
#[cfg(feature = "esp32c3")]
const RESERVED: &[(u32, &str)] = &[
    (11, "the SPI flash (VDD_SPI)"),
    (12, "the SPI flash"),
    (13, "the SPI flash"),
    (14, "the SPI flash"),
    (15, "the SPI flash"),
    (16, "the SPI flash"),
    (17, "the SPI flash"),
    (18, "USB D- (the USB console)"),
    (19, "USB D+ (the USB console)"),
    (20, "UART0 RX (the console)"),
    (21, "UART0 TX (the console)"),
];
#[cfg(feature = "esp32c6")]
const RESERVED: &[(u32, &str)] = &[
    (12, "USB D- (the USB console)"),
    (13, "USB D+ (the USB console)"),
    (16, "UART0 TX (the console)"),
    (17, "UART0 RX (the console)"),
    (24, "the SPI flash"),
    (25, "the SPI flash"),
    (26, "the SPI flash"),
    (27, "the SPI flash"),
    (28, "the SPI flash"),
    (29, "the SPI flash"),
    (30, "the SPI flash"),
];

pub struct EspMachine {
    /// the GPIOs Python has used, as esp-hal drivers
    pins: Mutex<RefCell<Vec<(u32, Flex<'static>)>>>,
}

impl EspMachine {
    pub const fn new() -> EspMachine {
        EspMachine {
            pins: Mutex::new(RefCell::new(Vec::new())),
        }
    }

    fn check_pin(pin: u32) -> Result<(), String> {
        if pin >= PIN_COUNT {
            return Err(format!(
                "invalid pin: {} (this chip has GPIO0..GPIO{})",
                pin,
                PIN_COUNT - 1
            ));
        }
        if let Some((_, what)) = RESERVED.iter().find(|(p, _)| *p == pin) {
            return Err(format!("Pin({}) is used by {}", pin, what));
        }
        Ok(())
    }

    /// Run `f` on the driver of `pin`, making it (input enabled, nothing else changed) on
    /// first use.
    fn with_pin<R>(&self, pin: u32, f: impl FnOnce(&mut Flex<'static>) -> R) -> Result<R, String> {
        Self::check_pin(pin)?;
        Ok(critical_section::with(|cs| {
            let mut pins = self.pins.borrow_ref_mut(cs);
            let i = match pins.iter().position(|(p, _)| *p == pin) {
                Some(i) => i,
                None => {
                    // SAFETY: the number is checked above (it exists, and the firmware
                    // doesn't use it itself); this table holds the only driver for it
                    let any = unsafe { AnyPin::steal(pin as u8) };
                    let mut flex = Flex::new(any);
                    flex.set_input_enable(true);
                    pins.push((pin, flex));
                    pins.len() - 1
                }
            };
            f(&mut pins[i].1)
        }))
    }
}

impl Machine for EspMachine {
    fn pin_init(&self, pin: u32, mode: PinMode, pull: PinPull) -> Result<(), String> {
        let pull = match pull {
            PinPull::None => Pull::None,
            PinPull::Up => Pull::Up,
            PinPull::Down => Pull::Down,
        };
        self.with_pin(pin, |f| {
            f.apply_input_config(&InputConfig::default().with_pull(pull));
            f.set_input_enable(true);
            let drive = match mode {
                PinMode::In => {
                    f.set_output_enable(false);
                    return;
                }
                PinMode::Out => DriveMode::PushPull,
                PinMode::OpenDrain => DriveMode::OpenDrain,
            };
            f.apply_output_config(&OutputConfig::default().with_drive_mode(drive).with_pull(pull));
            f.set_output_enable(true);
        })
    }

    fn pin_write(&self, pin: u32, high: bool) -> Result<(), String> {
        self.with_pin(pin, |f| f.set_level(Level::from(high)))
    }

    fn pin_read(&self, pin: u32) -> Result<bool, String> {
        self.with_pin(pin, |f| f.is_high())
    }

    fn freq(&self) -> u32 {
        esp_hal::clock::cpu_clock().as_hz()
    }

    fn reset(&self) -> ! {
        crate::console::flush();
        esp_hal::system::software_reset()
    }

    fn unique_id(&self) -> Vec<u8> {
        Vec::from(esp_hal::efuse::base_mac_address().as_bytes())
    }
}
