//! `weft flash`: put Weft's firmware on an ESP32-C3 / ESP32-C6 with the `espflash` library.
//!
//! The image is one "merged" file, as `espflash save-image --merge` writes it: the ESP-IDF
//! second-stage bootloader at 0x0, the partition table at 0x8000 and the app at 0x10000, gaps
//! filled with 0xFF, no padding after the app. It is written at offset 0. `--save-image`
//! writes that file instead of flashing (`cargo xtask firmware` makes the page's images so).

use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use espflash::connection::{Connection, ResetAfterOperation, ResetBeforeOperation};
use espflash::flasher::{FlashData, FlashSettings, Flasher};
use espflash::image_format::idf::IdfBootloaderFormat;
use espflash::image_format::{ImageFormat, Metadata};
use espflash::target::{Chip, ProgressCallbacks, XtalFrequency};
use indicatif::{ProgressBar, ProgressStyle};
use serialport::UsbPortInfo;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChipArg {
    Esp32c3,
    Esp32c6,
}

impl ChipArg {
    fn chip(self) -> Chip {
        match self {
            ChipArg::Esp32c3 => Chip::Esp32c3,
            ChipArg::Esp32c6 => Chip::Esp32c6,
        }
    }
    /// The cargo feature and target of `firmware/esp` for this chip.
    pub fn feature(self) -> &'static str {
        match self {
            ChipArg::Esp32c3 => "esp32c3",
            ChipArg::Esp32c6 => "esp32c6",
        }
    }
    pub fn target(self) -> &'static str {
        match self {
            ChipArg::Esp32c3 => "riscv32imc-unknown-none-elf",
            ChipArg::Esp32c6 => "riscv32imac-unknown-none-elf",
        }
    }
    /// The chip id in an ESP image's extended header.
    fn image_chip_id(self) -> u16 {
        match self {
            ChipArg::Esp32c3 => 5,
            ChipArg::Esp32c6 => 13,
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  weft flash --port /dev/ttyACM0 --chip esp32c3                    build the firmware and flash it
  weft flash -p /dev/ttyUSB0 --chip esp32c6 --image weft-esp32c6.bin
  weft flash --chip esp32c3 --elf weft-esp --save-image weft-esp32c3.bin   (no board needed)")]
pub struct FlashArgs {
    /// The board's serial port, e.g. /dev/ttyACM0 (USB-serial-JTAG) or /dev/ttyUSB0
    #[arg(
        long,
        short = 'p',
        value_name = "PORT",
        required_unless_present = "save_image"
    )]
    pub port: Option<String>,
    /// Which chip the board has
    #[arg(long, short = 'c', value_enum)]
    pub chip: ChipArg,
    /// A merged image to flash (from `--save-image` or the page's firmware/ folder) or a
    /// firmware ELF; without it (and without --elf) the firmware is built from source
    #[arg(long, value_name = "FILE", conflicts_with = "elf")]
    pub image: Option<PathBuf>,
    /// The firmware ELF to turn into the image
    #[arg(long, value_name = "FILE")]
    pub elf: Option<PathBuf>,
    /// Write the merged image to FILE instead of flashing
    #[arg(long, value_name = "FILE", conflicts_with = "port")]
    pub save_image: Option<PathBuf>,
    /// Don't reset the board into its bootloader with DTR/RTS: it is there already (BOOT
    /// held while pressing RESET), or the adapter has no DTR/RTS lines
    #[arg(long)]
    pub no_reset: bool,
    /// Baud rate for writing once connected (the connection starts at 115200)
    #[arg(long, default_value_t = 460_800)]
    pub baud: u32,
}

pub fn main(a: FlashArgs) -> i32 {
    match run(&a) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("weft flash: {msg}");
            1
        }
    }
}

fn run(a: &FlashArgs) -> Result<(), String> {
    let image = match (&a.image, &a.elf) {
        (Some(path), _) => {
            let data = read(path)?;
            if data.starts_with(b"\x7fELF") {
                image_from_elf(&data, a.chip)?
            } else {
                data
            }
        }
        (None, Some(elf)) => image_from_elf(&read(elf)?, a.chip)?,
        (None, None) => image_from_elf(&read(&build_firmware(a.chip)?)?, a.chip)?,
    };
    check_image(&image, a.chip)?;
    if let Some(out) = &a.save_image {
        std::fs::write(out, &image).map_err(|e| format!("can't write {}: {e}", out.display()))?;
        println!("{}: {} bytes", out.display(), image.len());
        return Ok(());
    }
    let port = a.port.as_deref().unwrap_or_default();
    flash(port, a, &image)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("can't read {}: {e}", path.display()))
}

/// The merged image of a firmware ELF: bootloader, partition table and app (espflash's
/// bundled ESP-IDF bootloader and default partition table: the app gets the rest of 4 MB).
pub fn image_from_elf(elf: &[u8], chip: ChipArg) -> Result<Vec<u8>, String> {
    // esp-hal records the chip it was built for in the ELF (.espressif.metadata)
    let built_for = Metadata::from_bytes(Some(elf))
        .chip_name()
        .map(str::to_string);
    match built_for {
        Some(name) if name != chip.feature() => {
            return Err(format!(
                "this firmware was built for {name}, not for --chip {}",
                chip.feature()
            ))
        }
        Some(_) => {}
        None => return Err("not an esp-hal firmware ELF (no chip name in its metadata)".into()),
    }
    let flash_data = FlashData::new(
        FlashSettings::default(),
        0,
        None,
        chip.chip(),
        XtalFrequency::_40Mhz,
    );
    let idf = IdfBootloaderFormat::new(elf, &flash_data, None, None, None, None)
        .map_err(|e| format!("can't make an image for {}: {e}", chip.chip()))?;
    let mut out = Vec::new();
    for segment in ImageFormat::EspIdf(idf).flash_segments() {
        let at = segment.addr as usize;
        if at < out.len() {
            return Err(format!("image segments overlap at {at:#x}"));
        }
        out.resize(at, 0xff);
        out.extend_from_slice(&segment.data);
    }
    Ok(out)
}

/// A merged image starts with the bootloader's image header: magic 0xE9, and the chip id at
/// byte 12 of the extended header.
fn check_image(image: &[u8], chip: ChipArg) -> Result<(), String> {
    if image.len() < 0x10000 || image[0] != 0xe9 {
        return Err(
            "not a merged ESP image (expected the bootloader's 0xE9 header at offset 0; \
                    make one with `weft flash --save-image` or `cargo xtask firmware`)"
                .into(),
        );
    }
    let id = u16::from_le_bytes([image[12], image[13]]);
    if id != chip.image_chip_id() {
        return Err(format!(
            "this image is for another chip (chip id {id} in its header, {:?} has {})",
            chip.chip(),
            chip.image_chip_id()
        ));
    }
    Ok(())
}

/// The source tree this `weft` was built from, if it is still there.
fn firmware_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../firmware/esp");
    dir.join("Cargo.toml").is_file().then_some(dir)
}

/// Build `firmware/esp` for the chip (release) and return the ELF's path.
pub fn build_firmware(chip: ChipArg) -> Result<PathBuf, String> {
    let dir = firmware_dir().ok_or(
        "the firmware sources (firmware/esp) aren't next to this weft build: \
         pass --image FILE (e.g. the page's firmware/weft-esp32c3.bin) or --elf FILE",
    )?;
    eprintln!("weft flash: building the {} firmware...", chip.chip());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--features",
            chip.feature(),
            "--target",
        ])
        .arg(chip.target())
        .current_dir(&dir)
        .env_remove("RUSTFLAGS")
        .status()
        .map_err(|e| format!("can't run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "building the firmware failed (is the target installed? `rustup target add {}`)",
            chip.target()
        ));
    }
    Ok(dir
        .join("target")
        .join(chip.target())
        .join("release/weft-esp"))
}

/// USB ids of a tty from sysfs (serialport is built without libudev); espflash picks the
/// reset sequence by them (USB-serial-JTAG or a USB-UART bridge's DTR/RTS).
fn usb_info(port: &str) -> UsbPortInfo {
    let mut info = UsbPortInfo {
        vid: 0,
        pid: 0,
        serial_number: None,
        manufacturer: None,
        product: None,
    };
    let real = std::fs::canonicalize(port).unwrap_or_else(|_| PathBuf::from(port));
    let Some(name) = real.file_name() else {
        return info;
    };
    let dev = Path::new("/sys/class/tty").join(name).join("device");
    let Ok(mut dir) = std::fs::canonicalize(dev) else {
        return info;
    };
    for _ in 0..4 {
        let hex = |f: &str| {
            std::fs::read_to_string(dir.join(f))
                .ok()
                .and_then(|s| u16::from_str_radix(s.trim(), 16).ok())
        };
        if let (Some(vid), Some(pid)) = (hex("idVendor"), hex("idProduct")) {
            info.vid = vid;
            info.pid = pid;
            break;
        }
        if !dir.pop() {
            break;
        }
    }
    info
}

fn flash(port: &str, a: &FlashArgs, image: &[u8]) -> Result<(), String> {
    let chip = a.chip;
    if !Path::new(port).exists() {
        return Err(format!(
            "{port}: no such serial port (is the board plugged in?)"
        ));
    }
    let serial = serialport::new(port, 115_200)
        .timeout(Duration::from_secs(3))
        .open_native()
        .map_err(|e| format!("can't open {port}: {e}"))?;
    let connection = Connection::new(
        serial,
        usb_info(port),
        ResetAfterOperation::HardReset,
        if a.no_reset {
            ResetBeforeOperation::NoReset
        } else {
            ResetBeforeOperation::DefaultReset
        },
        115_200,
    );
    eprintln!(
        "weft flash: connecting to the {} bootloader on {port}...",
        chip.chip()
    );
    let t0 = Instant::now();
    let mut flasher = Flasher::connect(
        connection,
        true,
        true,
        true,
        Some(chip.chip()),
        Some(a.baud),
    )
    .map_err(|e| connect_error(port, chip, e, t0.elapsed()))?;
    eprintln!(
        "weft flash: connected ({}); writing {} bytes",
        flasher.chip(),
        image.len()
    );
    let mut progress = Progress::default();
    flasher
        .write_bin_to_flash(0, image, &mut progress)
        .map_err(|e| format!("flashing failed: {e}"))?;
    // ResetAfterOperation::HardReset: the board restarts into Weft
    drop(flasher);
    eprintln!("weft flash: done; the board restarts into Weft (115200 baud)");
    Ok(())
}

fn connect_error(port: &str, chip: ChipArg, e: espflash::Error, took: Duration) -> String {
    // the error and its causes, one line
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    match e {
        espflash::Error::ChipMismatch(..) => format!(
            "{text}: this board has another chip than --chip {}",
            chip.feature()
        ),
        _ if text.contains("Failed to connect") || text.contains("Timeout") => format!(
            "{port} did not answer as an ESP bootloader (after {:.1} s: {text}). Is it an \
             ESP32-C3/C6? Hold BOOT while pressing RESET to enter the bootloader by hand, \
             and check that no other program has the port open",
            took.as_secs_f64()
        ),
        _ => format!("{port}: {text}"),
    }
}

/// A progress bar per written region (indicatif; plain lines when stderr isn't a terminal).
#[derive(Default)]
struct Progress {
    bar: Option<ProgressBar>,
}

impl ProgressCallbacks for Progress {
    fn init(&mut self, addr: u32, total: usize) {
        let bar = ProgressBar::new(total as u64);
        if std::io::stderr().is_terminal() {
            bar.set_style(
                ProgressStyle::with_template(
                    "[{elapsed_precise}] [{bar:40}] {pos:>7}/{len:7} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
        } else {
            eprintln!("weft flash: writing {total} bytes at {addr:#x}");
        }
        bar.set_message(Cow::Owned(format!("{addr:#x}")));
        self.bar = Some(bar);
    }
    fn update(&mut self, current: usize) {
        if let Some(b) = &self.bar {
            b.set_position(current as u64);
        }
    }
    fn verifying(&mut self) {
        if let Some(b) = &self.bar {
            b.set_message("verifying");
        }
    }
    fn finish(&mut self, skipped: bool) {
        if let Some(b) = self.bar.take() {
            b.finish_with_message(if skipped { "already there" } else { "written" });
        }
    }
}
