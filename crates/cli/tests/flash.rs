//! `weft flash` without a chip: argument errors, images for the wrong chip, missing ports.
//! (A serial port that isn't an ESP is tested in bridge.rs, against `weft board` on a pty.)

use std::path::PathBuf;
use std::process::{Command, Output};

const WEFT: &str = env!("CARGO_BIN_EXE_weft");

fn weft(args: &[&str]) -> Output {
    Command::new(WEFT).args(args).output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str, data: &[u8]) -> PathBuf {
    let p = std::env::temp_dir().join(format!("weft-flash-{}-{name}", std::process::id()));
    std::fs::write(&p, data).unwrap();
    p
}

/// A merged image's first bytes: the bootloader header (magic 0xE9) with `chip_id`.
fn fake_image(chip_id: u16) -> Vec<u8> {
    let mut v = vec![0xffu8; 0x10000];
    v[..24].fill(0);
    v[0] = 0xe9;
    v[12..14].copy_from_slice(&chip_id.to_le_bytes());
    v
}

#[test]
fn port_and_chip_are_required_and_checked() {
    let o = weft(&["flash", "--chip", "esp32c3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--port"), "{}", err(&o));

    let o = weft(&["flash", "--port", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--chip"), "{}", err(&o));

    let o = weft(&["flash", "--port", "/dev/null", "--chip", "esp32s3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("esp32c3, esp32c6"), "{}", err(&o));
}

#[test]
fn a_missing_port_is_named() {
    let img = temp("c3.bin", &fake_image(5));
    let o = weft(&[
        "flash",
        "--port",
        "/dev/ttyWEFT-NOT-THERE",
        "--chip",
        "esp32c3",
        "--image",
        img.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("/dev/ttyWEFT-NOT-THERE: no such serial port"),
        "{}",
        err(&o)
    );
}

#[test]
fn images_for_another_chip_or_not_images_are_refused() {
    let c6 = temp("c6.bin", &fake_image(13));
    let o = weft(&[
        "flash",
        "--chip",
        "esp32c3",
        "--image",
        c6.to_str().unwrap(),
        "--save-image",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("another chip (chip id 13"), "{}", err(&o));

    let text = temp("text.bin", b"print('hello')\n");
    let o = weft(&[
        "flash",
        "--chip",
        "esp32c6",
        "--image",
        text.to_str().unwrap(),
        "--save-image",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not a merged ESP image"), "{}", err(&o));

    // an ELF that isn't esp-hal firmware (weft itself)
    let o = weft(&[
        "flash",
        "--chip",
        "esp32c6",
        "--elf",
        WEFT,
        "--save-image",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("not an esp-hal firmware ELF"),
        "{}",
        err(&o)
    );
}
