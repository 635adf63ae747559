extern crate std;
use super::*;
use crate::Mode;

const SAMPLE: &str = r#"
import sys
x = (1, -2, 2**100, -(2**70), 1.5, 2j, 'héllo', b'\x00\xff', ..., None, True, False, ((1,), ()))
def f(a, /, b, *args, c=3, **kw):
    def g():
        nonlocal a
        a += 1
        return a
    return [i * 2 for i in args if i], {k: v for k, v in kw.items()}, g()
class C(Exception):
    def m(self):
        return super().__str__()
async def co():
    await co()
def gen():
    yield from range(3)
try:
    f(1, 2, 3, d=4)
except (ValueError, TypeError) as e:
    raise RuntimeError('x') from e
finally:
    pass
with open('f') as h:
    a, *b, c = h
print(f"{x!r:>10} {x[0]}", -x[0], ~1, not x, 1 < 2 <= 3, 'a' in 'b', 1 is not 2)
lambda q=1, *, r: q @ r
"#;

fn sample() -> Code {
    crate::compile_source(SAMPLE, "<sample>", Mode::Exec).unwrap()
}

#[test]
fn round_trip() {
    let code = sample();
    let blob = freeze(&code);
    assert_eq!(thaw(&blob), Ok(code));
}

#[test]
fn round_trip_module_sources() {
    for (name, filename, src) in crate::modules::frozen::sources() {
        let code = crate::compile_source(&src, filename, Mode::Exec).unwrap();
        let blob = freeze(&code);
        assert_eq!(thaw(&blob).as_ref(), Ok(&code), "{name}");
    }
}

#[test]
fn nested_filename_is_kept() {
    let code = sample();
    let t = thaw(&freeze(&code)).unwrap();
    let nested = t.consts.iter().find_map(|c| match c {
        Const::Code(c) => Some(c.clone()),
        _ => None,
    });
    assert_eq!(nested.unwrap().filename, "<sample>");
}

#[test]
fn header_errors() {
    let blob = freeze(&sample());
    assert_eq!(thaw(&[]), Err(ThawError::NotFrozen));
    assert_eq!(thaw(b"XYZ\x01\0\0\0\0"), Err(ThawError::NotFrozen));
    let mut v = blob.clone();
    v[3] = VERSION + 1;
    assert_eq!(thaw(&v), Err(ThawError::Version(VERSION + 1)));
    let mut v = blob.clone();
    let last = v.len() - 1;
    v[last] ^= 1;
    assert_eq!(thaw(&v), Err(ThawError::Checksum));
}

#[test]
fn every_truncation_is_an_error() {
    let blob = freeze(&sample());
    for n in 0..blob.len() {
        assert!(thaw(&blob[..n]).is_err(), "truncated to {n}");
        // past the checksum too: the structural checks alone must catch it
        assert!(
            thaw_unchecked(&blob[..n]).is_err(),
            "unchecked, truncated to {n}"
        );
    }
}

#[test]
fn every_flip_is_an_error_or_a_valid_code() {
    let blob = freeze(&sample());
    for i in 0..blob.len() {
        for bit in [0x01u8, 0x02, 0x10, 0x80, 0xff] {
            let mut v = blob.clone();
            v[i] ^= bit;
            // with the checksum: always caught
            assert!(thaw(&v).is_err(), "byte {i} ^ {bit:#x}");
            // without it: never a panic; what does thaw passes the operand checks
            if let Ok(c) = thaw_unchecked(&v) {
                assert!(check_tree(&c), "byte {i} ^ {bit:#x}");
            }
        }
    }
}

#[test]
fn random_garbage_never_panics() {
    // xorshift, deterministic
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let blob = freeze(&sample());
    for _ in 0..2000 {
        let mut v = blob.clone();
        // a few random byte writes, then maybe a random cut
        for _ in 0..(next() % 8 + 1) {
            let i = (next() as usize) % v.len();
            v[i] = next() as u8;
        }
        if next() % 2 == 0 {
            let cut = (next() as usize) % v.len();
            v.truncate(cut);
        }
        let _ = thaw_unchecked(&v);
        let _ = thaw(&v);
        let len = (next() % 64) as usize;
        let garbage: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let _ = thaw_unchecked(&garbage);
    }
}

#[test]
fn bad_operands_are_refused() {
    let mut code = sample();
    code.instrs[0] = Instr::LoadConst(code.consts.len() as u32);
    let blob = freeze(&code);
    assert!(matches!(
        thaw(&blob),
        Err(ThawError::Corrupt("constant index out of range", _))
    ));
    let mut code = sample();
    code.instrs[0] = Instr::Jump(code.instrs.len() as u32 + 1);
    assert!(thaw(&freeze(&code)).is_err());
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let mut k = Const::None;
    for _ in 0..10_000 {
        k = Const::Tuple(alloc::vec![k]);
    }
    let code = Code {
        consts: alloc::vec![k],
        ..Code::default()
    };
    let r = thaw(&freeze(&code));
    assert!(matches!(
        r,
        Err(ThawError::Corrupt("constants nested too deep", _))
    ));
    // dropping the 10 000-deep constant recursively is fine on the test stack; avoid it
    core::mem::forget(code);
}

fn check_tree(c: &Code) -> bool {
    check_operands(c).is_ok()
        && c.lines.len() == c.instrs.len()
        && c.consts.iter().all(|k| match k {
            Const::Code(n) => check_tree(n),
            _ => true,
        })
}
