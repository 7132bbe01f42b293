//! Fixed-point facility (Power ISA 3.0B Book I ch. 3.3): arithmetic, compare, logical,
//! rotate/shift, and the ISA 3.0 integer additions.

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};

pub fn trans_addi<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let base = ra_or_zero(e, a.ra);
    let r = e.add_imm(base, a.si);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

pub fn trans_addis<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let base = ra_or_zero(e, a.ra);
    let r = e.add_imm(base, a.si << 16);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

/// OE=1 overflow: OV and OV32 from the signed 64/32-bit overflow of `a + b = r`, SO |= OV.
/// For subtraction callers pass `!a` as `a` (`subf` computes `!a + b + 1`).
pub fn set_ov_add<E: Emitter>(e: &mut E, a: E::V, b: E::V, r: E::V) {
    // Overflow iff a and b have the same sign and r's differs: ((a ^ r) & (b ^ r)) < 0.
    let ar = e.xor(a, r);
    let br = e.xor(b, r);
    let both = e.and(ar, br);
    let ov = e.bit(both, 63);
    let ov32 = e.bit(both, 31);
    set_ov(e, ov, ov32);
}

/// Writes OV, OV32 and sticky SO.
pub fn set_ov<E: Emitter>(e: &mut E, ov: E::V, ov32: E::V) {
    e.set(XER_OV, ov);
    e.set(XER_OV32, ov32);
    let so = e.get(XER_SO);
    let so = e.or(so, ov);
    e.set(XER_SO, so);
}

pub fn trans_add<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let r = e.add(x, y);
    if a.oe {
        set_ov_add(e, x, y, r);
    }
    e.set(gpr(a.rt), r);
    if a.rc {
        set_cr0(e, r);
    }
    Flow::Next(4)
}

/// Compare operands: L=1 compares doublewords, L=0 the low words (sign- or zero-extended).
fn cmp_operand<E: Emitter>(e: &mut E, v: E::V, l: bool, signed: bool) -> E::V {
    if l {
        v
    } else {
        let w = e.trunc(Ty::I32, v);
        if signed { e.sext(Ty::I64, w) } else { e.zext(Ty::I64, w) }
    }
}

pub fn trans_cmpi<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let x = cmp_operand(e, x, a.l, true);
    let y = e.iconst(Ty::I64, a.si as u64);
    let f = compare_field(e, x, y, true);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

pub fn trans_cmpli<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let x = cmp_operand(e, x, a.l, false);
    let y = e.iconst(Ty::I64, a.ui);
    let f = compare_field(e, x, y, false);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

fn cmp_x<E: Emitter>(e: &mut E, a: &X, signed: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let x = cmp_operand(e, x, a.l, signed);
    let y = cmp_operand(e, y, a.l, signed);
    let f = compare_field(e, x, y, signed);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

pub fn trans_cmp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    cmp_x(e, a, true)
}
pub fn trans_cmpl<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    cmp_x(e, a, false)
}

pub fn trans_or<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rt));
    let y = e.get(gpr(a.rb));
    let r = e.or(x, y);
    e.set(gpr(a.ra), r);
    if a.rc {
        set_cr0(e, r);
    }
    Flow::Next(4)
}
