//! Branch facility (Power ISA 3.0B Book I ch. 2): `b`, `bc`, `bclr`, `bcctr`, `bctar`, `sc`,
//! `scv`.
//!
//! BO (§2.4): bit 0 (0b10000) ignores the CR bit, bit 1 is the value the CR bit must have,
//! bit 2 (0b00100) leaves CTR alone, bit 3 branches on CTR = 0 instead of CTR != 0, bit 4 and
//! the `at` bits are prediction hints; BH (§2.4) is a hint too. All hints are ignored.

use crate::forms::*;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Ty};

pub fn trans_b<E: Emitter>(e: &mut E, a: &I, cx: &Cx) -> Flow {
    let target = if a.aa { a.li as u64 } else { cx.pc.wrapping_add(a.li as u64) };
    if a.lk {
        let lr = e.iconst(Ty::I64, cx.next());
        e.set(LR, lr);
        return Flow::Call { target, ret: cx.next() };
    }
    Flow::Goto(target)
}

/// The branch condition of BO/BI (§2.4): decrements CTR when BO_2 is 0 and returns the I8
/// "take the branch" value, or `None` when the branch is always taken.
fn branch_cond<E: Emitter>(e: &mut E, bo: u32, bi: u32, may_use_ctr: bool) -> Option<E::V> {
    let mut cond: Option<E::V> = None;
    if bo & 0b00100 == 0 && may_use_ctr {
        let ctr = e.get(CTR);
        let ctr = e.add_imm(ctr, -1);
        e.set(CTR, ctr);
        // BO_3 = 1: branch if CTR == 0 after the decrement; 0: if CTR != 0.
        let c = if bo & 0b00010 != 0 { Cmp::Eq } else { Cmp::Ne };
        cond = Some(e.icmp_imm(c, ctr, 0));
    }
    if bo & 0b10000 == 0 {
        let field = e.get(cr_field((bi / 4) as usize));
        let bit = e.bit(field, 3 - (bi % 4));
        let want = ((bo >> 3) & 1) as u64;
        let c = e.icmp_imm(Cmp::Eq, bit, want);
        cond = Some(match cond {
            Some(ctr_ok) => e.and(ctr_ok, c),
            None => c,
        });
    }
    cond
}

pub fn trans_bc<E: Emitter>(e: &mut E, a: &B, cx: &Cx) -> Flow {
    let target = if a.aa { a.bd as u64 } else { cx.pc.wrapping_add(a.bd as u64) };
    if a.lk {
        let lr = e.iconst(Ty::I64, cx.next());
        e.set(LR, lr);
    }
    match branch_cond(e, a.bo, a.bi, true) {
        None if a.lk => Flow::Call { target, ret: cx.next() },
        None => Flow::Goto(target),
        Some(c) => {
            // The taken path leaves by a side exit; translation goes on with the fall-through
            // path in the same block (a superblock), saving a block transition.
            e.exit_if(c, target);
            Flow::Next(4)
        }
    }
}

/// `bclr`/`bcctr`/`bctar`: branch to a register (low two bits cleared).
fn branch_to_reg<E: Emitter>(e: &mut E, a: &Xl, cx: &Cx, reg: jit::ir::Slot, may_use_ctr: bool) -> Flow {
    if !may_use_ctr && a.bt & 0b00100 == 0 {
        // bcctr with BO_2 = 0 is an invalid form (§2.4).
        e.raise(exc::ILLEGAL, cx.pc);
        return Flow::End;
    }
    // Read the target before LR is overwritten (bclrl uses the old LR).
    let t = e.get(reg);
    let t = e.and_imm(t, !3u64);
    if a.lk {
        let lr = e.iconst(Ty::I64, cx.next());
        e.set(LR, lr);
    }
    match branch_cond(e, a.bt, a.ba, may_use_ctr) {
        None => e.exit_indirect(t),
        Some(c) => {
            let n = e.iconst(Ty::I64, cx.next());
            let dest = e.select(c, t, n);
            e.exit_indirect(dest);
        }
    }
    Flow::End
}

pub fn trans_bclr<E: Emitter>(e: &mut E, a: &Xl, cx: &Cx) -> Flow {
    branch_to_reg(e, a, cx, LR, true)
}
pub fn trans_bcctr<E: Emitter>(e: &mut E, a: &Xl, cx: &Cx) -> Flow {
    branch_to_reg(e, a, cx, CTR, false)
}
pub fn trans_bctar<E: Emitter>(e: &mut E, a: &Xl, cx: &Cx) -> Flow {
    branch_to_reg(e, a, cx, TAR, true)
}

/// `sc`: the system call is the machine's business; the PC after it is the resume point.
pub fn trans_sc<E: Emitter>(e: &mut E, _a: &Sc, cx: &Cx) -> Flow {
    e.raise(exc::SYSCALL, cx.next());
    Flow::End
}

/// `scv LEV` (§2.5 of v3.0): a system call through the vectored entry. Linux's scv ABI
/// differs from sc's (error returns are negative errno, no CR0.SO; volatile registers are
/// not preserved), so the machine sees a distinct exception. LEV selects one of 128 kernel
/// entry points; Linux defines only LEV = 0 and answers the reserved ones with SIGILL, and as
/// the exception carries no LEV, a nonzero LEV raises the illegal-instruction interrupt here.
pub fn trans_scv<E: Emitter>(e: &mut E, a: &Sc, cx: &Cx) -> Flow {
    if a.lev != 0 {
        e.raise(exc::ILLEGAL, cx.pc);
        return Flow::End;
    }
    e.raise(exc::SYSCALL_SCV, cx.next());
    Flow::End
}
