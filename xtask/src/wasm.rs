//! `cargo xtask wasm`: the threaded wasm build of `crates/web` into `web/pkg/`.
//!
//! 1. `cargo build -p weft-web --target wasm32-unknown-unknown --profile wasm` with
//!    `-Z build-std=panic_abort,std` (stable + `RUSTC_BOOTSTRAP=1`, set for that child only).
//!    The target flags (`+atomics`, shared imported memory, TLS exports) live in
//!    `.cargo/config.toml`; a separate target dir keeps these builds from invalidating the
//!    normal ones.
//! 2. Check that the module imports a *shared* memory (without the link args it silently
//!    does not, and wasm-bindgen then emits single-threaded glue): fail otherwise.
//! 3. `wasm-bindgen --target web`, then `wasm-opt` from the npm package `binaryen` (Debian's
//!    binaryen 108 breaks wasm-bindgen output), checked again.
//! 4. `web/pkg/meta.js` (version, memory limits for the runtime) and a `package.json` that
//!    makes Node load the glue as an ES module. Sizes are printed.
//! 5. `web/pkg/bridge/`: the page's board link (`crates/bridge-web`), a separate small
//!    module without threads or shared memory (the `.cargo/config.toml` flags of the target
//!    are replaced by none for that child), loaded only when a board is first connected.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{proc, Ctx};

/// Must equal the `wasm-bindgen` crate version in crates/web/Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The memory a module imports.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportedMemory {
    pub module: String,
    pub name: String,
    pub min_pages: u64,
    pub max_pages: Option<u64>,
    pub shared: bool,
}

fn leb(bytes: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut result = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos).ok_or("truncated LEB128")?;
        *pos += 1;
        if shift < 64 {
            result |= ((b & 0x7f) as u64) << shift;
        }
        shift += 7;
        if b & 0x80 == 0 {
            return Ok(result);
        }
        if shift > 70 {
            return Err("LEB128 too long".into());
        }
    }
}

fn name(bytes: &[u8], pos: &mut usize) -> Result<String, String> {
    let n = leb(bytes, pos)? as usize;
    let s = bytes.get(*pos..*pos + n).ok_or("truncated name")?;
    *pos += n;
    Ok(String::from_utf8_lossy(s).into_owned())
}

/// Limits: flags (bit 0 max present, bit 1 shared, bit 2 memory64), min, [max].
fn limits(bytes: &[u8], pos: &mut usize) -> Result<(u64, Option<u64>, bool), String> {
    let flags = *bytes.get(*pos).ok_or("truncated limits")?;
    *pos += 1;
    let min = leb(bytes, pos)?;
    let max = if flags & 1 != 0 {
        Some(leb(bytes, pos)?)
    } else {
        None
    };
    Ok((min, max, flags & 2 != 0))
}

/// The memories a wasm binary imports (read from its import section).
pub fn imported_memories(bytes: &[u8]) -> Result<Vec<ImportedMemory>, String> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut pos = 8;
    let mut out = Vec::new();
    while pos < bytes.len() {
        let id = bytes[pos];
        pos += 1;
        let size = leb(bytes, &mut pos)? as usize;
        let end = pos + size;
        if end > bytes.len() {
            return Err("truncated section".into());
        }
        if id == 2 {
            let count = leb(bytes, &mut pos)?;
            for _ in 0..count {
                let module = name(bytes, &mut pos)?;
                let field = name(bytes, &mut pos)?;
                let kind = *bytes.get(pos).ok_or("truncated import")?;
                pos += 1;
                match kind {
                    0 => {
                        leb(bytes, &mut pos)?;
                    }
                    1 => {
                        pos += 1; // reference type
                        limits(bytes, &mut pos)?;
                    }
                    2 => {
                        let (min, max, shared) = limits(bytes, &mut pos)?;
                        out.push(ImportedMemory {
                            module,
                            name: field,
                            min_pages: min,
                            max_pages: max,
                            shared,
                        });
                    }
                    3 => pos += 2, // value type, mutability
                    4 => {
                        pos += 1;
                        leb(bytes, &mut pos)?;
                    }
                    k => return Err(format!("unknown import kind {k}")),
                }
            }
            return Ok(out);
        }
        pos = end;
    }
    Ok(out)
}

/// The one shared memory `file` must import, or why not.
fn check_shared_memory(file: &Path) -> Result<ImportedMemory, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut mems = imported_memories(&bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    match mems.pop() {
        Some(m) if m.shared && mems.is_empty() => Ok(m),
        Some(m) if !m.shared => Err(format!(
            "{} imports memory {}.{} but it is not shared: the threads link args \
             (--shared-memory --import-memory) did not apply (a RUSTFLAGS variable in the \
             environment replaces .cargo/config.toml's?)",
            file.display(),
            m.module,
            m.name
        )),
        Some(_) => Err(format!("{} imports several memories", file.display())),
        None => Err(format!(
            "{} imports no memory: it was not linked for threads (--import-memory)",
            file.display()
        )),
    }
}

fn size_line(label: &str, file: &Path) {
    let n = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!(
        "  {label:<28} {:>9.1} KiB  {}",
        n as f64 / 1024.0,
        file.display()
    );
}

/// The `wasm-bindgen` CLI to run: on PATH or in ~/.cargo/bin, at the right version.
fn wasm_bindgen_cli() -> Option<PathBuf> {
    let mut candidates = vec![PathBuf::from("wasm-bindgen")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        candidates.push(home.join("bin").join("wasm-bindgen"));
    }
    candidates.into_iter().find(|c| {
        proc::output_of(Command::new(c).arg("--version"))
            .is_some_and(|v| v.trim() == format!("wasm-bindgen {WASM_BINDGEN_VERSION}"))
    })
}

fn runtime_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join("web").join("runtime")
}

fn wasm_opt(ctx: &Ctx) -> PathBuf {
    runtime_dir(ctx)
        .join("node_modules")
        .join(".bin")
        .join("wasm-opt")
}

/// Install what the wasm build needs when missing: the wasm-bindgen CLI (pinned; ~6 min to
/// build, so only when the right version is absent) and the npm packages of web/runtime
/// (binaryen's wasm-opt). The rustup target and rust-src come from the main setup.
pub fn setup(ctx: &Ctx) -> Result<(), String> {
    if wasm_bindgen_cli().is_none() {
        // not --locked: a locked dependency version can be missing from the registry
        proc::run_inherit(&mut ctx.cargo(&[
            "install",
            "wasm-bindgen-cli",
            "--version",
            WASM_BINDGEN_VERSION,
        ]))?;
    }
    if !wasm_opt(ctx).exists() {
        let mut npm = Command::new("npm");
        npm.args(["ci", "--no-audit", "--no-fund"])
            .current_dir(runtime_dir(ctx));
        proc::run_inherit(&mut npm)
            .map_err(|e| format!("{e} (Node.js and npm are needed for the wasm build)"))?;
    }
    Ok(())
}

/// Build `web/pkg/`. Returns the path of the final .wasm.
pub fn build(ctx: &Ctx) -> Result<PathBuf, String> {
    crate::setup(ctx)?;
    setup(ctx)?;
    let target_dir = ctx.target_dir().join("wasm");
    let mut cargo = ctx.cargo(&[
        "build",
        "-p",
        "weft-web",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm",
        "-Z",
        "build-std=panic_abort,std",
        "--target-dir",
    ]);
    cargo.arg(&target_dir);
    // build-std is unstable: allowed on the stable toolchain for this child only
    cargo.env("RUSTC_BOOTSTRAP", "1");
    if std::env::var_os("RUSTFLAGS").is_some() {
        println!(
            "note: RUSTFLAGS is set and replaces .cargo/config.toml's wasm flags; \
             unsetting it for this build"
        );
        cargo.env_remove("RUSTFLAGS");
    }
    proc::run_inherit(&mut cargo)?;
    let raw = target_dir
        .join("wasm32-unknown-unknown")
        .join("wasm")
        .join("weft_web.wasm");
    check_shared_memory(&raw)?;

    let pkg = ctx.root.join("web").join("pkg");
    let (out, bound) = bind_and_optimize(
        ctx,
        &raw,
        &pkg,
        "weft_web",
        &[
            "-O3",
            "--enable-threads",
            "--enable-bulk-memory",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-sign-ext",
            "--enable-nontrapping-float-to-int",
            "--enable-multivalue",
        ],
    )?;
    let mem = check_shared_memory(&out)?;

    let meta = format!(
        "// written by `cargo xtask wasm`\nexport const meta = {{ version: '{}', memoryMin: {}, memoryMax: {} }};\n",
        env!("CARGO_PKG_VERSION"),
        mem.min_pages,
        mem.max_pages.unwrap_or(65536)
    );
    std::fs::write(pkg.join("meta.js"), meta).map_err(|e| e.to_string())?;
    std::fs::write(pkg.join("package.json"), "{ \"type\": \"module\" }\n")
        .map_err(|e| e.to_string())?;

    println!(
        "shared memory: {}.{} min {} pages, max {} pages",
        mem.module,
        mem.name,
        mem.min_pages,
        mem.max_pages.map_or("none".to_string(), |m| m.to_string())
    );
    println!("sizes:");
    size_line("rustc output", &raw);
    size_line("after wasm-bindgen", &bound);
    size_line("after wasm-opt -O3", &out);
    size_line("JS glue", &pkg.join("weft_web.js"));
    let _ = std::fs::remove_file(&bound);
    build_bridge(ctx)?;
    Ok(out)
}

/// wasm-bindgen `raw` into `pkg` (`STEM.js` and `STEM_bg.wasm`), then wasm-opt the bound
/// module with `opt_flags` in place. Returns (the optimized module, the bound one kept as
/// `STEM_bg.unopt.wasm` for size reports; the caller removes it).
fn bind_and_optimize(
    ctx: &Ctx,
    raw: &Path,
    pkg: &Path,
    stem: &str,
    opt_flags: &[&str],
) -> Result<(PathBuf, PathBuf), String> {
    let bindgen = wasm_bindgen_cli().ok_or("the wasm-bindgen CLI is missing")?;
    let mut wb = Command::new(bindgen);
    wb.args(["--target", "web", "--out-dir"]).arg(pkg).arg(raw);
    proc::run_inherit(&mut wb)?;
    let out = pkg.join(format!("{stem}_bg.wasm"));
    let bound = pkg.join(format!("{stem}_bg.unopt.wasm"));
    std::fs::rename(&out, &bound).map_err(|e| e.to_string())?;
    let mut opt = Command::new(wasm_opt(ctx));
    opt.args(opt_flags).arg(&bound).arg("-o").arg(&out);
    proc::run_inherit(&mut opt)?;
    Ok((out, bound))
}

/// `web/pkg/bridge/`: `crates/bridge-web` for the page's WebSerial board (single-threaded,
/// its own memory; wasm-opt -Oz since it is all glue and state machines).
pub fn build_bridge(ctx: &Ctx) -> Result<PathBuf, String> {
    let target_dir = ctx.target_dir().join("bridge-web");
    let mut cargo = ctx.cargo(&[
        "build",
        "-p",
        "weft-bridge-web",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm",
        "--target-dir",
    ]);
    cargo.arg(&target_dir);
    // no threads: none of .cargo/config.toml's atomics / shared-memory flags for this child
    cargo.env("CARGO_ENCODED_RUSTFLAGS", "");
    cargo.env_remove("RUSTFLAGS");
    proc::run_inherit(&mut cargo)?;
    let raw = target_dir
        .join("wasm32-unknown-unknown")
        .join("wasm")
        .join("weft_bridge_web.wasm");
    let pkg = ctx.root.join("web").join("pkg").join("bridge");
    let (out, bound) = bind_and_optimize(
        ctx,
        &raw,
        &pkg,
        "weft_bridge_web",
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-reference-types",
            "--enable-sign-ext",
            "--enable-nontrapping-float-to-int",
            "--enable-multivalue",
            "--enable-mutable-globals",
        ],
    )?;
    let _ = std::fs::remove_file(&bound);
    let bytes = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mems = imported_memories(&bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    if mems.iter().any(|m| m.shared) {
        return Err(format!(
            "{} imports a shared memory: the board link must not need cross-origin isolation",
            out.display()
        ));
    }
    size_line("board link (bridge-web)", &out);
    size_line("board link JS glue", &pkg.join("weft_bridge_web.js"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module_with_import(limits: &[u8]) -> Vec<u8> {
        let mut import = vec![1u8]; // one import
        import.extend([3, b'e', b'n', b'v', 6]);
        import.extend(b"memory");
        import.push(2);
        import.extend(limits);
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // a type section first (to be skipped), then the import section
        m.extend([1, 1, 0]);
        m.push(2);
        m.push(import.len() as u8);
        m.extend(import);
        m
    }

    #[test]
    fn finds_shared_memory() {
        let m = imported_memories(&module_with_import(&[3, 17, 0x80, 0x80, 0x02])).unwrap();
        assert_eq!(
            m,
            vec![ImportedMemory {
                module: "env".into(),
                name: "memory".into(),
                min_pages: 17,
                max_pages: Some(32768),
                shared: true
            }]
        );
        let m = imported_memories(&module_with_import(&[0, 17])).unwrap();
        assert!(!m[0].shared);
        assert_eq!(m[0].max_pages, None);
        assert!(imported_memories(b"nope").is_err());
    }
}
