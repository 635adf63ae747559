//! esp-hal's linker script (it includes the chip's memory map and riscv-rt's sections).
//! Given here rather than in `.cargo/config.toml` so that it applies to this crate only,
//! whatever the surrounding configuration sets for the same target.
fn main() {
    println!("cargo:rustc-link-arg=-Tlinkall.x");
}
