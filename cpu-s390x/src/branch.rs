//! Branches (PoP ch. 7): on condition, and save, on count, compare and branch.

use crate::forms::Fields;
use crate::logical::cc_selected;
use crate::operands::{cc as ccs, wrap_addr, Ops};
use crate::state::*;
use crate::{Cx, S390xCpu};
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
    let c = mask_cond(e, f.m1);
    branch_ind(e, cx, c, target)
}

/// `BC M1,D2(X2,B2)`.
pub fn bc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if f.m1 == 0 {
        return cx.next();
    }
    let c = mask_cond(e, f.m1);
    branch_ind(e, cx, c, o.in2())
}

/// `BRC` / `BRCL M1,RI2`.
pub fn brc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m1 == 0 {
        return cx.next();
    }
    let c = mask_cond(e, f.m1);
    branch_if(e, cx, c, cx.rel(f.i2))
}

/// The link information `BAS`-type branches save (PoP "BRANCH AND SAVE"): the next
/// instruction's address — all 64 bits in 64-bit mode; in 31-bit mode in bits 33:63 with
/// bit 32 one; in 24-bit mode in bits 40:63 with bits 32:39 zero. Bits 0:31 are kept in the
/// 24- and 31-bit modes.
fn link<E: Emitter>(e: &mut E, cx: &Cx, r1: usize) {
    let next = cx.next_pc();
    match cx.amode {
        64 => {
            let v = e.iconst(Ty::I64, next);
            e.set(gpr(r1), v);
        }
        31 => {
            let v = e.iconst(Ty::I32, next | 0x8000_0000);
            set_lo(e, r1, v);
        }
        _ => {
            let v = e.iconst(Ty::I32, next & 0xff_ffff);
            set_lo(e, r1, v);
        }
    }
}

/// The link information of `BAL`/`BALR`: as [`link`] except in 24-bit mode, where bits
/// 32:39 hold the instruction-length code (halfwords: 1 for `BALR`, 2 for `BAL`), the
/// condition code and the program mask (PoP "BRANCH AND LINK").
fn link_bal<E: Emitter>(e: &mut E, cx: &Cx, r1: usize) {
    if cx.amode != 24 {
        return link(e, cx, r1);
    }
    let ilc = (cx.len as u64 / 2) & 3;
    let base = e.iconst(Ty::I32, ilc << 30 | (cx.next_pc() & 0xff_ffff));
    let c = e.get(CC);
    let c = e.zext(Ty::I32, c);
    let c = e.and_imm(c, 3);
    let c = e.shl_imm(c, 28);
    let p = e.get(PM);
    let p = e.zext(Ty::I32, p);
    let p = e.and_imm(p, 15);
    let p = e.shl_imm(p, 24);
    let v = e.or(base, c);
    let v = e.or(v, p);
    set_lo(e, r1, v);
}

/// Branches to the computed `target` when `c` holds (`None`: always), else falls through;
/// ends the block either way.
fn branch_ind<E: Emitter>(e: &mut E, cx: &Cx, c: Option<E::V>, target: E::V) -> Flow {
    match c {
        None => e.exit_indirect(target),
        Some(c) => {
            let next = e.iconst(Ty::I64, cx.next_pc());
            let t = e.select(c, target, next);
            e.exit_indirect(t);
        }
    }
    Flow::End
}

/// `BASR R1,R2`: link, then branch to R2 (read before R1 is written); R2 = 0: link only.
pub fn basr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    link_then_branch_r2(e, f, cx, link)
}

/// `BALR R1,R2`: as `BASR` with the `BAL` link information.
pub fn balr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    link_then_branch_r2(e, f, cx, link_bal)
}

/// The register forms of branch-and-link: R2 is read (and wrapped) before `link` writes
/// R1, which may be the same register; R2 = 0 links without branching.
fn link_then_branch_r2<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, link: fn(&mut E, &Cx, usize)) -> Flow {
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

/// `BAL R1,D2(X2,B2)`: the address (`in2`) is computed before R1 is replaced.
pub fn bal<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    link_bal(e, cx, f.r1);
    e.exit_indirect(o.in2());
    Flow::End
}

/// `BAS R1,D2(X2,B2)`.
pub fn bas<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    link(e, cx, f.r1);
    e.exit_indirect(o.in2());
    Flow::End
}

/// `BRAS` / `BRASL R1,RI2`.
pub fn bras<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    link(e, cx, f.r1);
    Flow::Call { target: cx.rel(f.i2), ret: cx.next_pc() }
}

/// Decrements the count in part `p` of R1 (no overflow recognised) and returns "the
/// result is nonzero".
fn count<E: Emitter>(e: &mut E, r1: usize, p: Part) -> E::V {
    let r = get_part(e, r1, p);
    let r = e.add_imm(r, -1);
    set_part(e, r1, p, r);
    e.icmp_imm(Cmp::Ne, r, 0)
}

/// `BRCT` / `BRCTG` / `BRCTH R1,RI2`: decrement, branch if nonzero.
pub fn brct<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = count(e, f.r1, Part::Lo);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}
pub fn brctg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = count(e, f.r1, Part::Full);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}
pub fn brcth<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = count(e, f.r1, Part::Hi);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}

/// `BCT` / `BCTG R1,D2(X2,B2)`: the branch address is computed before R1 is decremented.
pub fn bct<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = count(e, f.r1, Part::Lo);
    branch_ind(e, cx, Some(c), o.in2())
}
pub fn bctg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = count(e, f.r1, Part::Full);
    branch_ind(e, cx, Some(c), o.in2())
}

/// `BCTR` / `BCTGR R1,R2`: R2 = 0 decrements without branching.
fn bctr_common<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, p: Part) -> Flow {
    if f.r2 == 0 {
        count(e, f.r1, p);
        return cx.next();
    }
    let t = e.get(gpr(f.r2));
    let t = wrap_addr(e, cx, t);
    let c = count(e, f.r1, p);
    branch_ind(e, cx, Some(c), t)
}
pub fn bctr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bctr_common(e, f, cx, Part::Lo)
}
pub fn bctgr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bctr_common(e, f, cx, Part::Full)
}

/// The index step of `BXH`/`BXLE` and their relative and 64-bit forms (PoP "BRANCH ON INDEX
/// HIGH"): R1 += R3; the comparand is the odd register of the pair R3 designates (R3 | 1),
/// read before R1 is replaced. Returns "branch": sum > comparand (high) or <= (low or
/// equal), signed.
fn index_step<E: Emitter>(e: &mut E, f: &Fields, wide: bool, high: bool) -> E::V {
    let p = if wide { Part::Full } else { Part::Lo };
    let inc = get_part(e, f.r3, p);
    let cmp = get_part(e, f.r3 | 1, p);
    let v = get_part(e, f.r1, p);
    let sum = e.add(v, inc);
    set_part(e, f.r1, p, sum);
    e.icmp(if high { Cmp::Sgt } else { Cmp::Sle }, sum, cmp)
}
pub fn bxh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, false, true);
    branch_ind(e, cx, Some(c), o.in2())
}
pub fn bxle<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, false, false);
    branch_ind(e, cx, Some(c), o.in2())
}
pub fn bxhg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, true, true);
    branch_ind(e, cx, Some(c), o.in2())
}
pub fn bxleg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, true, false);
    branch_ind(e, cx, Some(c), o.in2())
}
pub fn brxh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, false, true);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}
pub fn brxle<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, false, false);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}
pub fn brxhg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, true, true);
    e.exit_if(c, cx.rel(f.i2));
    cx.next()
}
pub fn brxlg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = index_step(e, f, true, false);
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
/// The relative forms (`CRJ`, `CIJ`, `CLGIJ` ...): target RI4. The rows' loaders give the
/// operand widths and signedness (`CLIJ`/`CLGIJ`: I2 is an unsigned byte, `i2_8u`).
pub fn cj_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch(e, f, cx, o, true, cx.rel(f.i4))
}
pub fn cj_u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch(e, f, cx, o, false, cx.rel(f.i4))
}
pub fn cij_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    cj_s(e, f, cx, o)
}
pub fn crj_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    cj_s(e, f, cx, o)
}
pub fn crj_u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    cj_u(e, f, cx, o)
}

/// The forms branching to D4(B4) (`CRB`, `CGIB`, `CLIB` ...): the address is computed
/// before anything else, as an ordinary second-operand address.
fn compare_branch_ind<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, signed: bool) -> Flow {
    let m = f.m3 & 0xe;
    if m == 0 {
        return cx.next();
    }
    let target = crate::operands::ea(e, cx, 0, f.b4, f.d4);
    if m == 0xe {
        return branch_ind(e, cx, None, target);
    }
    let c = ccs::compare(e, o.in1(), o.in2(), signed);
    let take = cc_selected(e, m, c);
    branch_ind(e, cx, Some(take), target)
}
pub fn cb_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch_ind(e, f, cx, o, true)
}
pub fn cb_u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_branch_ind(e, f, cx, o, false)
}

/// Compare and trap (`CRT`, `CIT`, `CLGT` ...): when the comparison's result is selected by
/// M3, a data exception with DXC 0xff (PoP "COMPARE AND TRAP").
///
/// The DXC must reach the FPC (byte 2, bits 16:23: with AFP-register control on, as Linux
/// runs, the data exception stores it there) while a raise discards the instruction's
/// `set`s, so the trap is taken by [`helper_trap`], which writes the FPC and raises
/// [`crate::exc::DATA`] itself. The exception's PC is the trapping instruction's address,
/// like the front end's other program exceptions.
fn compare_trap<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, signed: bool) -> Flow {
    let m = f.m3 & 0xe;
    if m == 0 {
        return cx.next();
    }
    let take = if m == 0xe {
        e.iconst(Ty::I64, 1)
    } else {
        let c = ccs::compare(e, o.in1(), o.in2(), signed);
        let t = cc_selected(e, m, c);
        e.zext(Ty::I64, t)
    };
    let h = jit::helper!(helper_trap, 1, true);
    e.call(&h, &[take]);
    cx.next()
}
pub fn ct_s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_trap(e, f, cx, o, true)
}
pub fn ct_u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_trap(e, f, cx, o, false)
}

/// The FPC's data-exception code field (bits 16:23 of the 32-bit FPC, bit 0 leftmost).
pub const FPC_DXC: u32 = 0x0000_ff00;

/// Takes the compare-and-trap data exception when `take` is nonzero: DXC 0xff into the
/// FPC, exception [`crate::exc::DATA`] at the instruction (the engine put its address in
/// `hdr.pc`).
pub extern "C" fn helper_trap(cpu: *mut u8, take: u64) -> u64 {
    if take != 0 {
        // SAFETY: the engine calls helpers with the S390xCpu they were emitted for.
        let c = unsafe { &mut *(cpu as *mut S390xCpu) };
        c.fpc = (c.fpc & !FPC_DXC) | 0xff << 8;
        c.hdr.exception = crate::exc::DATA;
    }
    0
}

/// Operand loaders of this file's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
