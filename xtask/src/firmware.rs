//! `cargo xtask firmware`: build Weft's firmware for the ESP32-C3 and ESP32-C6
//! (firmware/esp, esp-hal), turn each ELF into a merged flashable image with `weft flash
//! --save-image` (the espflash library: ESP-IDF bootloader + partition table + app), check
//! the images with `esptool image-info` (PyPI esptool), print their sizes and write them where
//! the page serves them: web/dist/firmware/weft-<chip>.bin and manifest.json.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{proc, Ctx};

/// (chip: the cargo feature and esptool's name, Rust target)
pub const CHIPS: &[(&str, &str)] = &[
    ("esp32c3", "riscv32imc-unknown-none-elf"),
    ("esp32c6", "riscv32imac-unknown-none-elf"),
];

/// Where the app starts in a merged image (after the bootloader and partition table).
const APP_OFFSET: usize = 0x10000;

pub fn firmware_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join("firmware/esp")
}

/// Build one chip's firmware; returns the ELF.
pub fn build(ctx: &Ctx, chip: &str, target: &str) -> Result<PathBuf, String> {
    let target_dir = ctx.target_dir().join("firmware");
    let mut c = Command::new(&ctx.cargo);
    c.args(["build", "--release", "--features", chip, "--target", target])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(firmware_dir(ctx))
        // the firmware's own flags come from its build.rs; nothing from the environment
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    proc::run_inherit(&mut c)?;
    let elf = target_dir.join(target).join("release/weft-esp");
    if elf.exists() {
        Ok(elf)
    } else {
        Err(format!("built, but {} is missing", elf.display()))
    }
}

/// esptool (PyPI), for `image-info`: pip-installed for the user when missing.
pub fn setup_esptool(ctx: &Ctx) -> Result<(), String> {
    let python = ctx.python();
    if esptool_version(&python).is_some() {
        return Ok(());
    }
    if proc::output_of(Command::new(&python).args(["-m", "pip", "--version"])).is_none() {
        crate::apt_install("python3-pip", "pip is needed to install esptool (PyPI)")?;
    }
    // --user first; a virtualenv or pyenv refuses it (install into it then); a Debian
    // system Python refuses both unless told that a user install is meant (PEP 668)
    let attempts: [&[&str]; 3] = [&["--user"], &[], &["--user", "--break-system-packages"]];
    let installed = attempts.iter().any(|extra| {
        let mut pip = Command::new(&python);
        pip.args(["-m", "pip", "install", "--quiet", "esptool"])
            .args(*extra);
        proc::run_inherit(&mut pip).is_ok()
    });
    if !installed {
        return Err(
            "esptool (PyPI) is needed to check the firmware images and pip could not \
                    install it: `python3 -m pip install esptool`"
                .into(),
        );
    }
    esptool_version(&python)
        .map(|_| ())
        .ok_or_else(|| "pip ran, but `python3 -m esptool` still doesn't work".into())
}

fn esptool_version(python: &Path) -> Option<String> {
    proc::output_of(Command::new(python).args(["-m", "esptool", "version"]))
}

/// `esptool image-info` on a file: its report, or why it failed.
fn image_info(ctx: &Ctx, chip: &str, file: &Path) -> Result<String, String> {
    let out = Command::new(ctx.python())
        .args(["-m", "esptool", "--chip", chip, "image-info"])
        .arg(file)
        .output()
        .map_err(|e| format!("can't run esptool: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("esptool image-info {}:\n{text}", file.display()))
    }
}

/// Check a merged image: the bootloader at 0 and the app at 0x10000 are each a valid image
/// for `chip` (esptool verifies the header, the checksum and the SHA-256 it carries).
fn validate(ctx: &Ctx, chip: &str, image: &Path) -> Result<(), String> {
    let data = std::fs::read(image).map_err(|e| format!("{}: {e}", image.display()))?;
    if data.len() <= APP_OFFSET {
        return Err(format!("{}: too short for an app", image.display()));
    }
    let app = image.with_extension("app.bin");
    std::fs::write(&app, &data[APP_OFFSET..]).map_err(|e| format!("{}: {e}", app.display()))?;
    let boot = image.with_extension("boot.bin");
    std::fs::write(&boot, &data[..0x8000]).map_err(|e| format!("{}: {e}", boot.display()))?;
    let checks = [("bootloader", &boot), ("app", &app)].map(|(what, file)| {
        let r = image_info(ctx, chip, file).and_then(|text| {
            let valid = ["Checksum: ", "Validation hash: "]
                .iter()
                .all(|k| text.lines().any(|l| l.contains(k) && l.contains("(valid)")));
            if valid {
                Ok(())
            } else {
                Err(format!("esptool did not find the {what} valid:\n{text}"))
            }
        });
        let _ = std::fs::remove_file(file);
        r.map(|_| println!("  {what}: esptool image-info: checksum and SHA-256 valid"))
    });
    let [a, b] = checks;
    a.and(b)
}

/// Build, make, check and publish both images; print their sizes.
pub fn run(ctx: &Ctx) -> Result<(), String> {
    crate::setup(ctx)?;
    setup_esptool(ctx)?;
    let weft = ctx.build_weft()?;
    let out_dir = ctx.root.join("web/dist/firmware");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut manifest = Vec::new();
    let mut sizes = Vec::new();
    for (chip, target) in CHIPS {
        println!("--- {chip} ({target})");
        let elf = build(ctx, chip, target)?;
        let image = out_dir.join(format!("weft-{chip}.bin"));
        proc::run_inherit(
            Command::new(&weft)
                .args(["flash", "--chip", chip, "--elf"])
                .arg(&elf)
                .arg("--save-image")
                .arg(&image),
        )?;
        validate(ctx, chip, &image)?;
        let size = std::fs::metadata(&image)
            .map_err(|e| format!("{}: {e}", image.display()))?
            .len();
        let app = size - APP_OFFSET as u64;
        manifest.push(format!(
            "  {{\"chip\": \"{chip}\", \"file\": \"weft-{chip}.bin\", \"offset\": 0, \
             \"size\": {size}, \"app_size\": {app}}}"
        ));
        sizes.push((chip, size, app));
    }
    let json = format!("[\n{}\n]\n", manifest.join(",\n"));
    let mpath = out_dir.join("manifest.json");
    std::fs::write(&mpath, json).map_err(|e| format!("{}: {e}", mpath.display()))?;
    println!("\nfirmware images ({}):", out_dir.display());
    for (chip, size, app) in sizes {
        println!(
            "  {chip:<8} {size:>9} bytes merged ({:.1} KiB), app {app} bytes ({:.1} KiB)",
            size as f64 / 1024.0,
            app as f64 / 1024.0
        );
    }
    Ok(())
}
