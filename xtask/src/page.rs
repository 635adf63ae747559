//! The playground page: npm packages, the esbuild bundle (web/dist), Debian chromium for the
//! browser tests, `cargo xtask playground`, the browser tests and `cargo xtask bench-web`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{proc, Ctx};

const CHROMIUM: &str = "/usr/bin/chromium";

fn web_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join("web")
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn need_tool(name: &str, what: &str) -> Result<(), String> {
    proc::output_of(Command::new(name).arg("--version"))
        .map(|_| ())
        .ok_or_else(|| format!("{name} not found: {what}"))
}

/// `npm ci` in web/ when node_modules is missing or older than package-lock.json.
pub fn npm_packages(ctx: &Ctx) -> Result<(), String> {
    let web = web_dir(ctx);
    need_tool(
        "node",
        "the page is built and tested with Node.js (20 or later) and npm",
    )?;
    let lock = web.join("package-lock.json");
    let installed = web.join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&installed)) {
        (Some(l), Some(i)) => i >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    println!("installing the page's npm packages (web/package-lock.json)");
    proc::run_inherit(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&web),
    )
}

/// Debian's chromium for the browser tests (`apt-get install -y chromium` when missing).
pub fn chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    println!("installing chromium (apt-get) for the browser tests");
    let root = proc::output_of(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let mut apt = if root {
        Command::new("apt-get")
    } else {
        let mut c = Command::new("sudo");
        c.arg("apt-get");
        c
    };
    proc::run_inherit(apt.args(["install", "-y", "chromium"]))?;
    if Path::new(CHROMIUM).exists() {
        Ok(())
    } else {
        Err(format!("apt-get ran, but {CHROMIUM} is still missing"))
    }
}

/// The page bundle: web/dist (and coi-serviceworker.js beside index.html).
pub fn build_page(ctx: &Ctx) -> Result<(), String> {
    npm_packages(ctx)?;
    proc::run_inherit(
        Command::new("node")
            .arg("build.mjs")
            .current_dir(web_dir(ctx)),
    )
}

/// The wasm runtime's module and glue (web/pkg), as `cargo xtask wasm` builds them.
pub fn build_wasm(ctx: &Ctx) -> Result<(), String> {
    crate::wasm::build(ctx)
        .map(|_| ())
        .map_err(|e| format!("the wasm runtime did not build: {e}"))
}

/// `cargo xtask playground`: wasm, page, CLI, then `weft serve --open`.
pub fn playground(ctx: &Ctx) -> Result<bool, String> {
    let steps = || -> Result<PathBuf, String> {
        build_wasm(ctx)?;
        build_page(ctx)?;
        ctx.build_weft()
    };
    let weft = match steps() {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(false);
        }
    };
    let dir = ctx.root.to_string_lossy().into_owned();
    let status = Command::new(&weft)
        .args(["serve", "--open", "--dir", &dir])
        .status()
        .map_err(|e| format!("can't start {}: {e}", weft.display()))?;
    Ok(status.success())
}

/// Runs tests/browser/run.mjs (headless chromium through playwright-core) with `args`.
fn node_script(ctx: &Ctx, script: &str, weft: &Path, args: &[&str]) -> Result<(), String> {
    chromium()?;
    build_page(ctx)?;
    let runtime = ctx.root.join("web/runtime/weft.js");
    if !runtime.exists() {
        return Err(format!(
            "{} is missing: the browser tests need the wasm runtime (cargo xtask wasm)",
            runtime.display()
        ));
    }
    let shots = ctx.target_dir().join("screenshots");
    let mut cmd = Command::new("node");
    cmd.arg(ctx.root.join(script))
        .arg("--weft")
        .arg(weft)
        .arg("--screenshots")
        .arg(&shots)
        .args(args)
        .current_dir(&ctx.root);
    proc::run_inherit(&mut cmd)
}

/// The browser tests step of `cargo xtask test`.
pub fn browser_tests(ctx: &Ctx) -> Result<(), String> {
    build_wasm(ctx)?;
    let weft = ctx.build_weft()?;
    node_script(ctx, "tests/browser/run.mjs", &weft, &[])
}

/// `cargo xtask bench-web`: page weight, time to first output, Pystone and thread
/// start + join in headless Chromium beside native weft, and schedules explored per
/// second on 02_race (`weft explore` beside the page's Explore).
pub fn bench_web(ctx: &Ctx) -> Result<bool, String> {
    let r = build_wasm(ctx)
        .and_then(|_| ctx.build_weft())
        .and_then(|weft| node_script(ctx, "tests/browser/bench.mjs", &weft, &[]));
    match r {
        Ok(()) => Ok(true),
        Err(e) => {
            eprintln!("error: {e}");
            Ok(false)
        }
    }
}
