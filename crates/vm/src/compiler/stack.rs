//! `max_stack`: simulate stack effects over the control-flow graph.

use alloc::vec;
use alloc::vec::Vec;

use crate::bytecode::{fmt, make_fn, Code, Instr};
use crate::error::CompileError;

/// How an instruction changes the stack depth: on fall-through (`None` when control
/// never falls through) and on its jump (target, effect), if it has one.
pub fn effect(ins: Instr) -> (Option<i32>, Option<(u32, i32)>) {
    use Instr::*;
    let n = |x: u32| x as i32;
    let ft = match ins {
        Jump(t) => return (None, Some((t, 0))),
        PopJumpIfFalse(t) | PopJumpIfTrue(t) => return (Some(-1), Some((t, -1))),
        JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) => return (Some(-1), Some((t, 0))),
        ForIter(t) => return (Some(1), Some((t, -1))),
        // the handler starts with the exception pushed on the recorded depth
        SetupTry(h) => return (Some(0), Some((h, 1))),
        ReturnValue | Reraise => return (None, None),
        Raise(k) => {
            let _ = k;
            return (None, None);
        }
        Nop | Rot2 | Rot3 | Rot4 => 0,
        Pop => -1,
        Dup => 1,
        Dup2 => 2,
        LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadClassDeref(_)
        | LoadGlobal(_) | LoadName(_) => 1,
        StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) => -1,
        DeleteFast(_) | DeleteDeref(_) | DeleteGlobal(_) | DeleteName(_) => 0,
        LoadAttr(_) => 0,
        StoreAttr(_) => -2,
        DeleteAttr(_) => -1,
        LoadMethod(_) => 1,
        CallMethod(k) => -n(k) - 1,
        BinarySubscr => -1,
        StoreSubscr => -3,
        DeleteSubscr => -2,
        BuildSlice(k) => 1 - n(k),
        UnaryOp(_) => 0,
        BinaryOp(_) | InplaceOp(_) | CompareOp(_) => -1,
        CheckExcMatch => 0,
        BuildTuple(k) | BuildList(k) | BuildSet(k) | BuildString(k) => 1 - n(k),
        BuildMap(k) => 1 - 2 * n(k),
        BuildConstKeyMap(k) => -n(k),
        FormatValue(f) => {
            if f & fmt::HAS_SPEC != 0 {
                -1
            } else {
                0
            }
        }
        ListAppend(_) | SetAdd(_) => -1,
        MapAdd(_) => -2,
        ListExtend(_) | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => -1,
        ListToTuple => 0,
        UnpackSequence(k) => n(k) - 1,
        UnpackEx(k) => n(k & 0xff) + n(k >> 8),
        GetIter => 0,
        PopBlock | PopExcept => 0,
        LoadAssertionError => 1,
        BeforeWith => 1,
        WithExitNormal => -1,
        WithExitExc => -2,
        MakeFunction(f) => {
            let extra = [make_fn::DEFAULTS, make_fn::KWDEFAULTS, make_fn::CLOSURE]
                .iter()
                .filter(|&&b| f & b != 0)
                .count();
            -(extra as i32) - 1
        }
        Call(k) => -n(k),
        CallKw(k) => -n(k) - 1,
        CallEx(k) => -1 - n(k & 1),
        LoadBuildClass => 1,
        YieldValue | GetYieldFromIter | GetAwaitable => 0,
        YieldFrom => -1,
        ImportName(_) => -1,
        ImportFrom(_) => 1,
        ImportStar => -1,
        PrintExpr => -1,
        SetupClassBody(_) => 0,
    };
    (Some(ft), None)
}

pub fn max_stack(code: &Code) -> Result<u32, CompileError> {
    let n = code.instrs.len();
    let mut seen: Vec<i32> = vec![-1; n];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    let mut max = 0i32;
    let bad = |what: &str, pc: usize| {
        let line = code.lines.get(pc).copied().unwrap_or(0);
        CompileError::syntax(
            alloc::format!("internal compiler error: {} at {}", what, pc),
            line,
            0,
        )
    };
    while let Some((mut pc, mut depth)) = work.pop() {
        while pc < n {
            if seen[pc] >= depth {
                break;
            }
            seen[pc] = depth;
            let (ft, jump) = effect(code.instrs[pc]);
            if let Some((t, e)) = jump {
                let d = depth + e;
                if d < 0 {
                    return Err(bad("stack underflow", pc));
                }
                max = max.max(d);
                if (t as usize) > n {
                    return Err(bad("jump out of range", pc));
                }
                work.push((t as usize, d));
            }
            match ft {
                Some(e) => {
                    depth += e;
                    if depth < 0 {
                        return Err(bad("stack underflow", pc));
                    }
                    if depth > 1 << 24 {
                        return Err(bad("unbounded stack growth", pc));
                    }
                    max = max.max(depth);
                    pc += 1;
                }
                None => break,
            }
        }
    }
    Ok(max as u32)
}
