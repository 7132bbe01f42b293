//! Branches (PoP ch. 7): on condition, and save, on count, compare and branch.

use crate::forms::Fields;
use crate::logical::cc_selected;
use crate::operands::{cc as ccs, wrap_addr, Ops};
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Ty};

type O<V> = Ops<V>;

/// A conditional branch to the constant `target`: the usual side exit, or an unconditional
/// one when the mask selects every CC.
fn branch_if<E: Emitter>(e: &mut E, cx: &Cx, cond: Option<E::V>, target: u64) -> Flow {
    match cond {
        None => Flow::Goto(target),
        Some(c) => {
            e.exit_if(c, target);
            cx.next()
        }
    }
}

/// The condition of mask `m` on the current CC: `None` = always.
fn mask_cond<E: Emitter>(e: &mut E, m: u32) -> Option<E::V> {
    if m == 15 {
        return None;
    }
    let c = e.get(CC);
    Some(cc_selected(e, m, c))
}

/// `BCR M1,R2`: mask 0 or R2 = 0 is a no-op (`BCR 14,0` / `15,0` serialise, which a
/// single host thread's program order already gives; the fence keeps other threads'
/// view ordered too).
pub fn bcr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m1 == 0 || f.r2 == 0 {
        if f.r2 == 0 && (f.m1 == 14 || f.m1 == 15) {
            e.fence();
        }
        return cx.next();
    }
    let target = e.get(gpr(f.r2));
    let target = wrap_addr(e, cx, target);
    match mask_cond(e, f.m1) {
        None => {
            e.exit_indirect(target);
            Flow::End
        }
        Some(c) => {
            let next = e.iconst(Ty::I64, cx.next_pc());
            let t = e.select(c, target, next);
            e.exit_indirect(t);
            Flow::End
        }
    }
}

/// `BC M1,D2(X2,B2)`.
pub fn bc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if f.m1 == 0 {
        return cx.next();
    }
    let target = o.in2();
    match mask_cond(e, f.m1) {
        None => e.exit_indirect(target),
        Some(c) => {
            let next = e.iconst(Ty::I64, cx.next_pc());
            let t = e.select(c, target, next);
            e.exit_indirect(t);
        }
    }
    Flow::End
}

/// `BRC` / `BRCL M1,RI2`.
pub fn brc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m1 == 0 {
        return cx.next();
    }
    let c = mask_cond(e, f.m1);
    branch_if(e, cx, c, cx.rel(f.i2))
}

/// The link information `BAS`-type branches save: the next instruction's address in
/// 64-bit mode (in 31-bit mode with the addressing-mode bit; 24-bit mode is not a Linux
/// user mode).
fn link<E: Emitter>(e: &mut E, cx: &Cx, r1: usize) {
    let next = cx.next_pc();
    match cx.amode {
        64 => {
            let v = e.iconst(Ty::I64, next);
            e.set(gpr(r1), v);
        }
        _ => {
            let v = e.iconst(Ty::I32, next | 0x8000_0000);
            set_lo(e, r1, v);
        }
    }
}

/// `BASR R1,R2`: link, then branch to R2 (read before R1 is written); R2 = 0: link only.
pub fn basr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.r2 == 0 {
        link(e, cx, f.r1);
        return cx.next();
    }
    let target = e.get(gpr(f.r2));
    let target = wrap_addr(e, cx, target);
    link(e, cx, f.r1);
    e.exit_indirect(target);
    Flow::End
}

/// `BRAS` / `BRASL R1,RI2`.
pub fn bras<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    link(e, cx, f.r1);
    Flow::Goto(cx.rel(f.i2))
}

/// `BRCTG R1,RI2`: decrement R1, branch if nonzero.
pub fn brctg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let r = e.get(gpr(f.r1));
    let r = e.add_imm(r, -1);
    e.set(gpr(f.r1), r);
    let c = e.icmp_imm(Cmp::Ne, r, 0);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}

/// Compare `in1` with `in2` and branch to RI4 when the comparison's CC is in M3
/// (`CRJ`, `CGIJ` ...): the CC itself is unchanged.
fn compare_branch<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, signed: bool, target: u64) -> Flow {
    let m = f.m3;
    if m & 0xe == 0 {
        return cx.next();
    }
    let c = ccs::compare(e, o.in1(), o.in2(), signed);
    let take = cc_selected(e, m & 0xe, c);
    e.exit_if(take, target);
    cx.next()
}
pub fn cij_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch(e, f, cx, o, true, cx.rel(f.i4))
}
pub fn crj_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch(e, f, cx, o, true, cx.rel(f.i4))
}
pub fn crj_u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch(e, f, cx, o, false, cx.rel(f.i4))
}

/// Operand loaders of this file's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
