//! The built-in modules written in Python, frozen: compiled at build time by
//! `cargo xtask freeze` into the `*.bin` blobs beside this file (format: `crate::frozen`),
//! and loaded without the lexer, parser and compiler. Compiling `threading.py` at import
//! needs ~220 KB of heap at its peak, more than a board has free; thawing its blob does not.
//!
//! The Python source stays the truth: [`sources`] lists it, and the unit test
//! `blobs_are_current` fails (saying to run `cargo xtask freeze`) when a blob differs from
//! freezing the current source with the current compiler. Only that test and the freeze
//! command use the sources, so a firmware links the blobs alone.

use alloc::rc::Rc;
use alloc::string::String;

use crate::vm::{CodeObject, PyResult, Vm};

/// A frozen module's name and blob.
const BLOBS: &[(&str, &[u8])] = &[
    ("threading", include_bytes!("threading.bin")),
    ("threading_hooks", include_bytes!("threading_hooks.bin")),
    ("threading_more", include_bytes!("threading_more.bin")),
    (
        "threading_semaphore",
        include_bytes!("threading_semaphore.bin"),
    ),
    ("threading_local", include_bytes!("threading_local.bin")),
    ("threading_other", include_bytes!("threading_other.bin")),
    ("queue", include_bytes!("queue.bin")),
    ("queue_priority", include_bytes!("queue_priority.bin")),
    ("queue_more", include_bytes!("queue_more.bin")),
    ("collections", include_bytes!("collections.bin")),
    (
        "collections_namedtuple",
        include_bytes!("collections_namedtuple.bin"),
    ),
    (
        "collections_ordereddict",
        include_bytes!("collections_ordereddict.bin"),
    ),
    (
        "collections_defaultdict",
        include_bytes!("collections_defaultdict.bin"),
    ),
    (
        "collections_counter",
        include_bytes!("collections_counter.bin"),
    ),
    ("heapq", include_bytes!("heapq.bin")),
    ("json", include_bytes!("json.bin")),
    ("re", include_bytes!("re.bin")),
    ("struct", include_bytes!("struct.bin")),
    ("machine", include_bytes!("machine.bin")),
];

/// Each frozen module's name, the filename its code reports (tracebacks) and its source.
/// A source may be cut into lazy parts (`modules::LAZY`): a line `#@lazy NAME` starts part
/// NAME, which runs until the next such line; the module is what comes before the first.
/// Each part is compiled with blank lines in front, so that its line numbers (and the
/// filename) are those of the whole file.
pub fn sources() -> alloc::vec::Vec<(String, &'static str, String)> {
    let whole: [(&str, &str, &str); 8] = [
        ("threading", "<threading>", super::threading::SRC),
        ("queue", "<queue>", super::queue::SRC),
        ("collections", "<collections>", super::collections::PY_SRC),
        ("heapq", "<heapq>", super::heapq::PY_SRC),
        ("json", "<json>", super::json::ERR_SRC),
        ("re", "<re>", super::re::PY_SRC),
        ("struct", "<struct>", super::struct_::STRUCT_SRC),
        ("machine", "<machine>", super::machine::SRC),
    ];
    let mut out = alloc::vec::Vec::new();
    for (name, filename, src) in whole {
        let mut part = String::from(name);
        let mut text = String::new();
        for (i, line) in src.split_inclusive('\n').enumerate() {
            if let Some(next) = line.trim_end().strip_prefix("#@lazy ") {
                out.push((
                    core::mem::take(&mut part),
                    filename,
                    core::mem::take(&mut text),
                ));
                part = String::from(next.trim());
                text = "\n".repeat(i + 1);
            } else {
                text.push_str(line);
            }
        }
        out.push((part, filename, text));
    }
    out
}

/// About how many bytes of heap loading and running a frozen module keeps per byte of its
/// blob, plus a base for the native parts of the module (measured on the 32-bit QEMU board:
/// collections keeps 97 KB for 12.7 KB of blob, re 30 KB for 2 KB, heapq 19.5 KB for 1 KB).
const LOADED_BYTES_PER_BLOB_BYTE: usize = 8;
const LOADED_BYTES_BASE: usize = 16 * 1024;

/// The blob of frozen module `name`.
pub fn blob(name: &str) -> Option<&'static [u8]> {
    BLOBS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Thaw frozen module `name` into a runtime code object ready to run.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Rc<CodeObject>> {
    let Some(bytes) = blob(name) else {
        return Err(vm.system_error("no such frozen module"));
    };
    // what loading keeps, asked for up front so a heap too small for the module is a
    // MemoryError rather than an allocation failure midway (on the QEMU board collections'
    // 12.7 KB blob keeps 97 KB)
    vm.check_heap_total(
        bytes
            .len()
            .saturating_mul(LOADED_BYTES_PER_BLOB_BYTE)
            .saturating_add(LOADED_BYTES_BASE),
    )?;
    match crate::frozen::thaw(bytes) {
        Ok(code) => Ok(CodeObject::load_owned(vm, code)),
        Err(e) => {
            let msg = alloc::format!(
                "frozen module {} cannot be loaded: {} (rebuild after `cargo xtask freeze`)",
                name,
                e
            );
            Err(vm.system_error(&msg))
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use alloc::vec::Vec;

    /// Every blob equals freezing its current source, so a stale blob cannot pass. With
    /// `WEFT_FREEZE_WRITE=1` (what `cargo xtask freeze` sets) it rewrites the stale ones.
    #[test]
    fn blobs_are_current() {
        let write = std::env::var("WEFT_FREEZE_WRITE").is_ok_and(|v| v == "1");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/modules/frozen");
        let mut stale: Vec<String> = Vec::new();
        for (name, filename, src) in sources() {
            let code = crate::compile_source(&src, filename, crate::Mode::Exec)
                .unwrap_or_else(|e| panic!("{}: {:?}", name, e));
            let fresh = crate::frozen::freeze(&code);
            assert_eq!(
                crate::frozen::thaw(&fresh).as_ref(),
                Ok(&code),
                "{name} round trip"
            );
            let path = dir.join(alloc::format!("{}.bin", name));
            let on_disk = std::fs::read(&path).unwrap_or_default();
            if on_disk != fresh {
                if write {
                    std::fs::write(&path, &fresh).unwrap();
                    std::println!("froze {} ({} bytes)", path.display(), fresh.len());
                } else {
                    stale.push(String::from(name));
                }
            }
        }
        assert!(
            stale.is_empty(),
            "frozen blobs out of date with their source or the compiler: {:?}; \
             run `cargo xtask freeze` and commit crates/vm/src/modules/frozen/*.bin",
            stale
        );
    }
}
