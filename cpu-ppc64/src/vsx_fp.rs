//! VSX vector floating-point instructions (Power ISA 3.0B Book I §7.6.1, `xv*`) and the
//! word extract/insert permutes (`xxextractuw`, `xxinsertw`): translation.
//!
//! The sign operations (`xvabs`, `xvnabs`, `xvneg`, `xvcpsgn`) are bit operations emitted
//! inline. Everything that computes per element goes through one helper per family in
//! [`crate::vsx_fp_helpers`] (arithmetic, multiply-add, one-operand arithmetic and rounding,
//! compares, conversions, tests, bit manipulation), which reads and writes the VSRs, the
//! FPSCR and CR6 itself. The element arithmetic is the scalar instructions' own
//! ([`crate::fp_arith`]); the vector-specific rules (no FPRF/FR/FI, the target kept on an
//! enabled invalid or zero-divide exception in any element) are in the helpers' module docs.

use crate::state::{cr_field, vsr};
use crate::forms::*;
use crate::fp::ri;
use crate::vmx::const128;
use crate::vsx_fp_helpers::{self as vh, vm};
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Emitter, Helper, Ty};

/// Calls a helper with constant arguments (register numbers and the mode word).
fn call<E: Emitter>(e: &mut E, h: Helper, args: &[u64]) -> E::V {
    let args: Vec<E::V> = args.iter().map(|&a| e.iconst(Ty::I64, a)).collect();
    e.call(&h, &args)
}

fn single(sp: bool) -> u64 {
    if sp { vm::SINGLE } else { 0 }
}

// ---- arithmetic ----

/// Two-operand operations of [`vh::xv_arith`] (`vm::OP_ADD` ...).
pub fn xv_arith<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: u64, sp: bool) -> Flow {
    let mode = op << vm::OP_SHIFT | single(sp);
    call(e, helper!(vh::xv_arith, 4, true), &[a.xt as u64, a.xa as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// Multiply-adds: `sub`/`neg` select `xvmsub`, `xvnmadd`, `xvnmsub`; `m_type` the M forms.
pub fn xv_madd<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sub: bool, neg: bool, m_type: bool, sp: bool) -> Flow {
    let mode = single(sp)
        | if sub { vm::SUB } else { 0 }
        | if neg { vm::NEG } else { 0 }
        | if m_type { vm::M_TYPE } else { 0 };
    call(e, helper!(vh::xv_madd, 4, true), &[a.xt as u64, a.xa as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// One-operand operations of [`vh::xv_unary`]: square root, estimates.
pub fn xv_unary<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: u64, sp: bool) -> Flow {
    let mode = op << vm::OP_SHIFT | single(sp);
    call(e, helper!(vh::xv_unary, 3, true), &[a.xt as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xvr{dp,sp}i[c,m,p,z]`: round to integral (`rmode` from [`ri`]; the current-mode form
/// reports inexactness).
pub fn xv_round_int<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, rmode: u64, sp: bool) -> Flow {
    let op = if rmode == ri::CURRENT { vm::OP_RIC } else { vm::OP_RI };
    let mode = op << vm::OP_SHIFT | rmode << vm::RMODE_SHIFT | single(sp);
    call(e, helper!(vh::xv_unary, 3, true), &[a.xt as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

// ---- compare and test ----

/// `xvcmp{eq,ge,gt}{dp,sp}[.]` (`op`: `vm::OP_EQ` ...).
pub fn xv_cmp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: u64, sp: bool) -> Flow {
    let mode = op << vm::OP_SHIFT | single(sp) | if a.rc { vm::RC } else { 0 };
    call(e, helper!(vh::xv_cmp, 4, true), &[a.xt as u64, a.xa as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xvtdiv{dp,sp} BF,XA,XB`.
pub fn xv_tdiv<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx, sp: bool) -> Flow {
    let v = call(e, helper!(vh::xv_tdiv, 3, false), &[a.xa as u64, a.xb as u64, single(sp)]);
    let v = e.trunc(Ty::I8, v);
    e.set(cr_field(a.bf), v);
    Flow::Next(4)
}

/// `xvtsqrt{dp,sp} BF,XB`.
pub fn xv_tsqrt<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx, sp: bool) -> Flow {
    let v = call(e, helper!(vh::xv_tsqrt, 2, false), &[a.xb as u64, single(sp)]);
    let v = e.trunc(Ty::I8, v);
    e.set(cr_field(a.bf), v);
    Flow::Next(4)
}

/// `xvtstdc{dp,sp} XT,XB,DCMX`: each element all ones if its class is selected by DCMX.
pub fn xv_tstdc<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    xv_bits(e, a, vm::BIT_TSTDC, a.dcmx as u64, sp)
}

// ---- conversions ----

/// `xvcv*` (`kind`: `vm::CV_*`; `signed` for the integer forms).
pub fn xv_cvt<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, kind: u64, signed: bool) -> Flow {
    let mode = kind << vm::OP_SHIFT | if signed { vm::SIGNED } else { 0 };
    call(e, helper!(vh::xv_cvt, 3, true), &[a.xt as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

// ---- sign, exponent and significand ----

/// `f(e, XB, XA, sign mask)`.
type SignOp<E> = fn(&mut E, <E as Emitter>::V, <E as Emitter>::V, <E as Emitter>::V) -> <E as Emitter>::V;

/// Applies a [`SignOp`] to the whole register (the sign bits of every element in the mask).
fn sign_op<E: Emitter>(e: &mut E, a: &Xx, sp: bool, f: SignOp<E>) -> Flow {
    let m: u128 = if sp { 0x8000_0000_8000_0000_8000_0000_8000_0000 } else { 1 << 127 | 1 << 63 };
    let b = e.get(vsr(a.xb));
    let x = e.get(vsr(a.xa));
    let m = const128(e, m);
    let r = f(e, b, x, m);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}
/// `xvabs{dp,sp}`.
pub fn xv_abs<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    sign_op(e, a, sp, |e, b, _, m| {
        let nm = e.not(m);
        e.and(b, nm)
    })
}
/// `xvnabs{dp,sp}`.
pub fn xv_nabs<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    sign_op(e, a, sp, |e, b, _, m| e.or(b, m))
}
/// `xvneg{dp,sp}`.
pub fn xv_neg<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    sign_op(e, a, sp, |e, b, _, m| e.xor(b, m))
}
/// `xvcpsgn{dp,sp} XT,XA,XB`: XB's magnitudes with XA's signs.
pub fn xv_cpsgn<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    sign_op(e, a, sp, |e, b, x, m| {
        let nm = e.not(m);
        let mag = e.and(b, nm);
        let sign = e.and(x, m);
        e.or(mag, sign)
    })
}

/// The element-wise bit manipulations of [`vh::xv_bits`] (`op`: `vm::BIT_*`, `imm` DCMX or
/// UIM).
fn xv_bits<E: Emitter>(e: &mut E, a: &Xx, op: u64, imm: u64, sp: bool) -> Flow {
    let mode = op << vm::OP_SHIFT | imm << vm::IMM_SHIFT | single(sp);
    call(e, helper!(vh::xv_bits, 4, false), &[a.xt as u64, a.xa as u64, a.xb as u64, mode]);
    Flow::Next(4)
}
/// `xviexp{dp,sp} XT,XA,XB`: XA's sign and fraction, XB's low bits as the exponent.
pub fn xv_iexp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    xv_bits(e, a, vm::BIT_IEXP, 0, sp)
}
/// `xvxexp{dp,sp} XT,XB`: each element's biased exponent.
pub fn xv_xexp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    xv_bits(e, a, vm::BIT_XEXP, 0, sp)
}
/// `xvxsig{dp,sp} XT,XB`: each element's significand (implicit bit made explicit).
pub fn xv_xsig<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, sp: bool) -> Flow {
    xv_bits(e, a, vm::BIT_XSIG, 0, sp)
}

// ---- word extract / insert (§7.6.4) ----

/// `xxextractuw XT,XB,UIM`: doubleword 0 ← bytes UIM:UIM+3 of XB zero-extended, doubleword
/// 1 ← 0.
pub fn trans_xxextractuw<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xv_bits(e, a, vm::BIT_EXTRACTUW, a.uim as u64, false)
}
/// `xxinsertw XT,XB,UIM`: bytes UIM:UIM+3 of XT ← word 1 of XB, the rest of XT unchanged.
pub fn trans_xxinsertw<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xv_bits(e, a, vm::BIT_INSERTW, a.uim as u64, false)
}
