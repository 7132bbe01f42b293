//! Floating-point facility (Power ISA 3.0B Book I ch. 4) and the VSX scalar floating-point
//! instructions built on it (ch. 7): translation.
//!
//! Moves that only copy or flip bits (`fmr`, `fneg`, `fabs`, `fnabs`, `fcpsgn`, `fsel`,
//! `fmrgew`/`fmrgow`) and the FPSCR reads (`mffs` and the v3.0 `mffs*` forms) are emitted
//! inline. Everything that rounds or may raise goes through one helper per operation family in
//! [`crate::fp_helpers`], which writes the target, the FPSCR and CR1 itself (so an enabled
//! exception interrupt sees them); the arithmetic itself is [`crate::fp_arith`] (exact software)
//! with the [`crate::fp_host`] fast path (`BIGIRON_FP_SOFT=1` forces the software path).
//!
//! Conventions:
//! - Record forms (Rc=1) set CR1 ← FPSCR[FX FEX VX OX] after the instruction's FPSCR update.
//! - Every FP instruction writing an FPR or a VSX scalar target clears doubleword 1 of that VSR.
//! - FPSCR layout and bit numbering: [`crate::fp_arith::fpscr`].

use crate::forms::{Xfl, A, X, Xx};
use crate::fp_arith::fpscr as fs;
use crate::fp_helpers::{self as fh, m};
use crate::state::*;
use crate::vmx::call_regs;
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::f64_inline as fi64;
use jit::ir::{Cmp, Emitter, FloatOp, Helper, Ty};


// ---- shared pieces ----

/// CR1 ← FPSCR[FX FEX VX OX] (the record form of the inline instructions).
fn record<E: Emitter>(e: &mut E, rc: bool) {
    if rc {
        let f = e.get(FPSCR);
        let v = e.lshr_imm(f, 28);
        let v = e.trunc(Ty::I8, v);
        let v = e.and_imm(v, 0xf);
        e.set(cr_field(1), v);
    }
}

/// FPR t ← v, doubleword 1 of the VSR ← 0.
fn write_fpr<E: Emitter>(e: &mut E, t: usize, v: E::V) {
    e.set(fpr(t), v);
    let z = e.iconst(Ty::I64, 0);
    e.set(vsr_dw1(t), z);
}

/// After a fast path's `call_if`: where the fast path held (`ok`), FPR t ← r and
/// doubleword 1 ← 0; elsewhere the VSR as the helper left it (it may have kept the target).
fn write_fpr_unless_helper<E: Emitter>(e: &mut E, ok: E::V, t: usize, r: E::V) {
    let done = e.get(fpr(t));
    let out = e.select(ok, r, done);
    e.set(fpr(t), out);
    let low = e.get(vsr_dw1(t));
    let z = e.iconst(Ty::I64, 0);
    let low = e.select(ok, z, low);
    e.set(vsr_dw1(t), low);
}

fn rc_bit(rc: bool) -> u64 {
    if rc { m::RC } else { 0 }
}

/// Calls a helper with register numbers / immediates as arguments.
fn call<E: Emitter>(e: &mut E, h: Helper, args: &[u64]) -> E::V {
    call_when(e, h, args, None)
}

/// [`call`], only where `cond` holds when there is one (a fast path's slow side).
fn call_when<E: Emitter>(e: &mut E, h: Helper, args: &[u64], cond: Option<E::V>) -> E::V {
    let v: Vec<E::V> = args.iter().map(|&x| e.iconst(Ty::I64, x)).collect();
    match cond {
        Some(c) => e.call_if(c, &h, &v),
        None => e.call(&h, &v),
    }
}

// ---- moves (§4.6.5) ----

fn move_op<E: Emitter>(e: &mut E, a: &X, f: impl FnOnce(&mut E, E::V) -> E::V) -> Flow {
    let b = e.get(fpr(a.rb));
    let r = f(e, b);
    write_fpr(e, a.rt, r);
    record(e, a.rc);
    Flow::Next(4)
}

const SIGN: u64 = 1 << 63;

/// `fmr FRT,FRB`.
pub fn trans_fmr<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    move_op(e, a, |_, b| b)
}
/// `fneg FRT,FRB`: sign inverted (NaNs too).
pub fn trans_fneg<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    move_op(e, a, |e, b| e.xor_imm(b, SIGN))
}
/// `fabs FRT,FRB`.
pub fn trans_fabs<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    move_op(e, a, |e, b| e.and_imm(b, !SIGN))
}
/// `fnabs FRT,FRB`.
pub fn trans_fnabs<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    move_op(e, a, |e, b| e.or_imm(b, SIGN))
}
/// `fcpsgn FRT,FRA,FRB`: FRB with the sign of FRA.
pub fn trans_fcpsgn<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let s = e.get(fpr(a.ra));
    move_op(e, a, |e, b| {
        let s = e.and_imm(s, SIGN);
        let b = e.and_imm(b, !SIGN);
        e.or(s, b)
    })
}

/// `fmrgew FRT,FRA,FRB`: FRA[0:31] || FRB[0:31].
pub fn trans_fmrgew<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let x = e.get(fpr(a.ra));
    let y = e.get(fpr(a.rb));
    let hi = e.and_imm(x, 0xffff_ffff_0000_0000);
    let lo = e.lshr_imm(y, 32);
    let r = e.or(hi, lo);
    write_fpr(e, a.rt, r);
    Flow::Next(4)
}
/// `fmrgow FRT,FRA,FRB`: FRA[32:63] || FRB[32:63].
pub fn trans_fmrgow<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let x = e.get(fpr(a.ra));
    let y = e.get(fpr(a.rb));
    let hi = e.shl_imm(x, 32);
    let lo = e.and_imm(y, 0xffff_ffff);
    let r = e.or(hi, lo);
    write_fpr(e, a.rt, r);
    Flow::Next(4)
}

/// `fsel FRT,FRA,FRC,FRB`: FRC if FRA ≥ 0 (−0 included, NaN not), else FRB. No FPSCR change.
pub fn trans_fsel<E: Emitter>(e: &mut E, a: &A, _cx: &Cx) -> Flow {
    let x = e.get(fpr(a.ra));
    let mag = e.and_imm(x, !SIGN);
    let nan = e.icmp_imm(Cmp::Ugt, mag, 0x7ff0_0000_0000_0000);
    let zero = e.icmp_imm(Cmp::Eq, mag, 0);
    let pos = e.icmp_imm(Cmp::Sge, x, 0);
    let ge = e.or(pos, zero);
    let not_nan = e.xor_imm(nan, 1);
    let take_c = e.and(ge, not_nan);
    let c = e.get(fpr(a.rc));
    let b = e.get(fpr(a.rb));
    let r = e.select(take_c, c, b);
    write_fpr(e, a.rt, r);
    record(e, a.rc_bit);
    Flow::Next(4)
}

// ---- arithmetic (§4.6.6) ----

/// The operation of an A-form arithmetic instruction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Sqrt,
    Re,
    Rsqrte,
    Madd,
    Msub,
    Nmadd,
    Nmsub,
}

/// Emits `op` with target `t`, first factor / operand `a`, second factor `c`, addend or
/// second operand `b` (VSR numbers), mode word `mode`.
fn arith_call<E: Emitter>(e: &mut E, op: Arith, t: usize, a: usize, b: usize, c: usize, mode: u64) {
    if mode & m::SINGLE == 0 && matches!(op, Arith::Add | Arith::Sub | Arith::Mul | Arith::Div) {
        return double_fast_path(e, op, t, a, b, c, mode);
    }
    arith_helper(e, op, t, a, b, c, mode, None);
}

/// Biased exponent of 2^-899: a product, or a quotient and its dividend, at least this
/// large has an error term far above the subnormal range (as in `fp_host`).
const TINY_EXP: u64 = 124;

/// `fadd`/`fsub`/`fmul`/`fdiv` and their `xs*dp` forms computed inline when the FPSCR
/// rounds to nearest in IEEE mode with the inexact exception disabled, and operands and
/// result are ordinary numbers ([`fi64::ordinary`]; [`TINY_EXP`] for products and
/// quotients): then the only exception is inexact, and the instruction writes the result,
/// FPRF (a normal number's class), FR and FI from the rounding error — exact by two-sum
/// for a sum, by a fused multiply-add for a product or a quotient's remainder — and XX (FX
/// when XX turns on). Otherwise the helper runs.
fn double_fast_path<E: Emitter>(e: &mut E, op: Arith, t: usize, a: usize, b: usize, c: usize, mode: u64) {
    let x = e.get(fpr(a));
    let y = e.get(fpr(if op == Arith::Mul { c } else { b }));
    let y = if op == Arith::Sub { e.xor_imm(y, SIGN) } else { y };
    let fop = match op {
        Arith::Add | Arith::Sub => FloatOp::Add,
        Arith::Mul => FloatOp::Mul,
        _ => FloatOp::Div,
    };
    let r = e.f64_op(fop, x, y);
    // The rounding error's sign against the result's: exact − r (sum, product) or the
    // remainder x − r·y over y (quotient).
    let (err, err_sign) = match op {
        Arith::Add | Arith::Sub => {
            let bb = e.f64_op(FloatOp::Sub, r, x);
            let t1 = e.f64_op(FloatOp::Sub, r, bb);
            let t1 = e.f64_op(FloatOp::Sub, x, t1);
            let t2 = e.f64_op(FloatOp::Sub, y, bb);
            let err = e.f64_op(FloatOp::Add, t1, t2);
            (err, err)
        }
        Arith::Mul => {
            let nr = e.xor_imm(r, SIGN);
            let err = e.f64_fma(x, y, nr);
            (err, err)
        }
        _ => {
            let nr = e.xor_imm(r, SIGN);
            let rem = e.f64_fma(nr, y, x);
            let s = e.xor(rem, y);
            (rem, s)
        }
    };
    let f = e.get(FPSCR);
    let watched = e.and_imm(f, fs::XE | fs::NI | fs::RN);
    let fpscr_ok = e.icmp_imm(Cmp::Eq, watched, 0);
    let (min_x, min_r) = match op {
        Arith::Add | Arith::Sub => (2, 2),
        Arith::Mul => (2, TINY_EXP),
        _ => (TINY_EXP, TINY_EXP),
    };
    let ox = fi64::ordinary(e, x, min_x);
    let oy = fi64::ordinary(e, y, 2);
    let or = fi64::ordinary(e, r, min_r);
    let ok = e.and(fpscr_ok, ox);
    let ok = e.and(ok, oy);
    let ok = e.and(ok, or);
    // FI: the error is nonzero; FR: it points toward zero from the result (|r| > exact).
    let mag = e.and_imm(err, !SIGN);
    let fi = e.icmp_imm(Cmp::Ne, mag, 0);
    let fi = e.zext(Ty::I64, fi);
    let opposite = e.xor(err_sign, r);
    let opposite = e.lshr_imm(opposite, 63);
    let fr = e.and(fi, opposite);
    let neg = e.lshr_imm(r, 63);
    // FPRF: +normal 0x04, −normal 0x08.
    let class = e.add_imm(neg, 1);
    let class = e.shl_imm(class, 2 + fs::FPRF_SHIFT);
    let kept = e.and_imm(f, !(fs::FR | fs::FI | fs::FPRF));
    let fi_bit = e.shl_imm(fi, 17);
    let fr_bit = e.shl_imm(fr, 18);
    let xx = e.shl_imm(fi, 25);
    // FX when XX goes from 0 to 1.
    let new_xx = e.and_imm(f, fs::XX);
    let new_xx = e.xor(new_xx, xx);
    let new_xx = e.and(new_xx, xx);
    let fx = e.shl_imm(new_xx, 6);
    let nf = e.or(kept, class);
    let nf = e.or(nf, fi_bit);
    let nf = e.or(nf, fr_bit);
    let nf = e.or(nf, xx);
    let nf = e.or(nf, fx);
    let slow = e.xor_imm(ok, 1);
    arith_helper(e, op, t, a, b, c, mode, Some(slow));
    // Where the helper ran, the struct holds its results (and CR1 for a record form).
    write_fpr_unless_helper(e, ok, t, r);
    let done_f = e.get(FPSCR);
    let out_f = e.select(ok, nf, done_f);
    e.set(FPSCR, out_f);
    if mode & m::RC != 0 {
        record(e, true);
    }
}

/// The helper call of `op` (only where `cond` holds, when given).
#[allow(clippy::too_many_arguments)]
fn arith_helper<E: Emitter>(e: &mut E, op: Arith, t: usize, a: usize, b: usize, c: usize, mode: u64, cond: Option<E::V>) {
    let (t, a, b, c) = (t as u64, a as u64, b as u64, c as u64);
    match op {
        Arith::Add => call_when(e, helper!(fh::fp_add, 4, true), &[t, a, b, mode], cond),
        Arith::Sub => call_when(e, helper!(fh::fp_sub, 4, true), &[t, a, b, mode], cond),
        Arith::Mul => call_when(e, helper!(fh::fp_mul, 4, true), &[t, a, c, mode], cond),
        Arith::Div => call_when(e, helper!(fh::fp_div, 4, true), &[t, a, b, mode], cond),
        Arith::Sqrt => call(e, helper!(fh::fp_sqrt, 3, true), &[t, b, mode]),
        Arith::Re => call(e, helper!(fh::fp_re, 3, true), &[t, b, mode]),
        Arith::Rsqrte => call(e, helper!(fh::fp_rsqrte, 3, true), &[t, b, mode]),
        Arith::Madd => call(e, helper!(fh::fp_madd, 5, true), &[t, a, c, b, mode]),
        Arith::Msub => call(e, helper!(fh::fp_madd, 5, true), &[t, a, c, b, mode | m::SUB]),
        Arith::Nmadd => call(e, helper!(fh::fp_madd, 5, true), &[t, a, c, b, mode | m::NEG]),
        Arith::Nmsub => call(e, helper!(fh::fp_madd, 5, true), &[t, a, c, b, mode | m::SUB | m::NEG]),
    };
}

/// A-form arithmetic: `fadd[s]`, `fsub[s]`, `fmul[s]`, `fdiv[s]`, `fsqrt[s]`, `fre[s]`,
/// `frsqrte[s]`, `f[n]madd[s]`, `f[n]msub[s]` (FRT, FRA, FRB, FRC as the book names them).
pub fn arith<E: Emitter>(e: &mut E, a: &A, _cx: &Cx, op: Arith, single: bool) -> Flow {
    let mode = rc_bit(a.rc_bit) | if single { m::SINGLE } else { 0 };
    arith_call(e, op, a.rt, a.ra, a.rb, a.rc, mode);
    Flow::Next(4)
}

// ---- rounding and conversion (§4.6.7) ----

/// `frsp FRT,FRB`.
pub fn trans_frsp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    call(e, helper!(fh::fp_rsp, 3, true), &[a.rt as u64, a.rb as u64, rc_bit(a.rc)]);
    Flow::Next(4)
}

/// `fctiw[u][z]`, `fctid[u][z]`: to a `bits`-bit integer, rounding by FPSCR[RN] or toward
/// zero (`trunc`). 32-bit results are sign- (signed) or zero-extended (unsigned) in FRT; the
/// book leaves FRT[0:31] undefined.
pub fn to_int<E: Emitter>(e: &mut E, a: &X, _cx: &Cx, signed: bool, bits: u32, trunc: bool) -> Flow {
    let mode = rc_bit(a.rc)
        | if signed { m::SIGNED } else { 0 }
        | if bits == 32 { m::WORD } else { 0 }
        | if trunc { m::TRUNC } else { 0 };
    call(e, helper!(fh::fp_cti, 3, true), &[a.rt as u64, a.rb as u64, mode]);
    Flow::Next(4)
}

/// `fcfid`, `fcfidu`, `fcfids`, `fcfidus`.
pub fn from_int<E: Emitter>(e: &mut E, a: &X, _cx: &Cx, signed: bool, single: bool) -> Flow {
    let mode = rc_bit(a.rc) | if signed { m::SIGNED } else { 0 } | if single { m::SINGLE } else { 0 };
    if single {
        call(e, helper!(fh::fp_cfid, 3, true), &[a.rt as u64, a.rb as u64, mode]);
        return Flow::Next(4);
    }
    // Inline when exact (magnitude at most 2^53): the binary64 built from the magnitude's
    // leading-zero count; FPRF ← its class, FR, FI ← 0, no exception. Otherwise the helper
    // rounds.
    let n = e.get(fpr(a.rb));
    let (neg, mag) = if signed { fi64::sign_magnitude(e, n) } else { (e.iconst(Ty::I8, 0), n) };
    let (r, is_zero) = fi64::from_magnitude(e, neg, mag);
    // FPRF: +0 0x02, +normal 0x04, −normal 0x08.
    let sign = e.zext(Ty::I64, neg);
    let class = e.add_imm(sign, 1);
    let class = e.shl_imm(class, 2);
    let two = e.iconst(Ty::I64, 2);
    let class = e.select(is_zero, two, class);
    let class = e.shl_imm(class, fs::FPRF_SHIFT);
    let slow = e.icmp_imm(Cmp::Ugt, mag, 1 << 53);
    call_when(e, helper!(fh::fp_cfid, 3, true), &[a.rt as u64, a.rb as u64, mode], Some(slow));
    let ok = e.xor_imm(slow, 1);
    write_fpr_unless_helper(e, ok, a.rt, r);
    let f = e.get(FPSCR);
    let kept = e.and_imm(f, !(fs::FR | fs::FI | fs::FPRF));
    let nf = e.or(kept, class);
    let out_f = e.select(ok, nf, f);
    e.set(FPSCR, out_f);
    record(e, a.rc);
    Flow::Next(4)
}

/// Rounding modes of the round-to-integral instructions (mode-word values).
pub mod ri {
    use crate::fp_helpers::m;
    pub const NEAREST_AWAY: u64 = m::RMODE_AWAY;
    pub const ZERO: u64 = 1;
    pub const UP: u64 = 2;
    pub const DOWN: u64 = 3;
    pub const CURRENT: u64 = m::RMODE_CURRENT;
}

/// `frin`, `friz`, `frip`, `frim` (`rmode` from [`ri`]).
pub fn round_int<E: Emitter>(e: &mut E, a: &X, _cx: &Cx, rmode: u64) -> Flow {
    let mode = rc_bit(a.rc) | rmode << m::RMODE_SHIFT;
    call(e, helper!(fh::fp_ri, 3, true), &[a.rt as u64, a.rb as u64, mode]);
    Flow::Next(4)
}

// ---- compare and test (§4.6.8) ----

/// `fcmpu BF,FRA,FRB`, `fcmpo` (`ordered`).
pub fn compare<E: Emitter>(e: &mut E, a: &X, _cx: &Cx, ordered: bool) -> Flow {
    compare_regs(e, a.bf, a.ra, a.rb, ordered);
    Flow::Next(4)
}

/// The compares (VSR numbers): inline unless an operand is a NaN (unordered, and the
/// invalid-operation cases: the helper's). Otherwise CR field `bf` and FPSCR[FPCC] ← FL FG FE
/// (8, 4 or 2) and nothing else changes.
fn compare_regs<E: Emitter>(e: &mut E, bf: usize, ra: usize, rb: usize, ordered: bool) {
    let x = e.get(fpr(ra));
    let y = e.get(fpr(rb));
    let nx = fi64::is_nan(e, x);
    let ny = fi64::is_nan(e, y);
    let slow = e.or(nx, ny);
    let cc = fi64::compare(e, x, y, [8, 4, 2]);
    let mode = if ordered { m::ORDERED } else { 0 };
    call_when(e, helper!(fh::fp_cmp, 4, true), &[bf as u64, ra as u64, rb as u64, mode], Some(slow));
    let ok = e.xor_imm(slow, 1);
    let done = e.get(cr_field(bf));
    let out = e.select(ok, cc, done);
    e.set(cr_field(bf), out);
    let f = e.get(FPSCR);
    let kept = e.and_imm(f, !fs::FPCC);
    let c = e.zext(Ty::I64, cc);
    let c = e.shl_imm(c, fs::FPRF_SHIFT);
    let nf = e.or(kept, c);
    let out_f = e.select(ok, nf, f);
    e.set(FPSCR, out_f);
}

fn set_cr_from<E: Emitter>(e: &mut E, bf: usize, v: E::V) {
    let v = e.trunc(Ty::I8, v);
    e.set(cr_field(bf), v);
}

/// `ftdiv BF,FRA,FRB`.
pub fn trans_ftdiv<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let v = call(e, helper!(fh::fp_tdiv, 2, false), &[a.ra as u64, a.rb as u64]);
    set_cr_from(e, a.bf, v);
    Flow::Next(4)
}
/// `ftsqrt BF,FRB`.
pub fn trans_ftsqrt<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let v = call(e, helper!(fh::fp_tsqrt, 1, false), &[a.rb as u64]);
    set_cr_from(e, a.bf, v);
    Flow::Next(4)
}

// ---- FPSCR instructions (§4.6.10) ----

/// The FPSCR as `mffs` reads it (reserved bits 0).
fn read_fpscr<E: Emitter>(e: &mut E) -> E::V {
    let f = e.get(FPSCR);
    e.and_imm(f, fs::DEFINED)
}

/// `mffs[.] FRT`.
pub fn trans_mffs<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let f = read_fpscr(e);
    write_fpr(e, a.frt, f);
    record(e, a.rc);
    Flow::Next(4)
}

/// `mffsl FRT` (v3.0): DRN, FR FI FPRF, VE..XE, NI, RN only.
pub fn trans_mffsl<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let f = e.get(FPSCR);
    let v = e.and_imm(f, fs::DRN | fs::FR | fs::FI | fs::FPRF | fs::ENABLES | fs::NI | fs::RN);
    write_fpr(e, a.frt, v);
    Flow::Next(4)
}

/// `mffsce FRT` (v3.0): FRT ← FPSCR, then the exception enables are cleared (so is FEX).
pub fn trans_mffsce<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let f = read_fpscr(e);
    write_fpr(e, a.frt, f);
    let n = e.and_imm(f, !(fs::ENABLES | fs::FEX));
    e.set(FPSCR, n);
    Flow::Next(4)
}

/// The control fields the `mffsc*` forms return: DRN and VE..XE, NI, RN.
const CONTROL: u64 = fs::DRN | fs::ENABLES | fs::NI | fs::RN;

/// `mffscrn`/`mffscrni`/`mffscdrn`/`mffscdrni` (v3.0): FRT ← the control fields, then the
/// `field` of the FPSCR (RN or DRN) ← `v` (already in position).
fn mffs_control<E: Emitter>(e: &mut E, frt: usize, field: u64, v: E::V) -> Flow {
    let f = read_fpscr(e);
    let c = e.and_imm(f, CONTROL);
    write_fpr(e, frt, c);
    let keep = e.and_imm(f, !field);
    let v = e.and_imm(v, field);
    let n = e.or(keep, v);
    e.set(FPSCR, n);
    Flow::Next(4)
}
/// `mffscrn FRT,FRB`: RN ← FRB[62:63].
pub fn trans_mffscrn<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let v = e.get(fpr(a.frb));
    mffs_control(e, a.frt, fs::RN, v)
}
/// `mffscrni FRT,RM`.
pub fn trans_mffscrni<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let v = e.iconst(Ty::I64, a.rm as u64);
    mffs_control(e, a.frt, fs::RN, v)
}
/// `mffscdrn FRT,FRB`: DRN ← FRB[29:31].
pub fn trans_mffscdrn<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let v = e.get(fpr(a.frb));
    mffs_control(e, a.frt, fs::DRN, v)
}
/// `mffscdrni FRT,DRM`.
pub fn trans_mffscdrni<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let v = e.iconst(Ty::I64, (a.drm as u64) << 32);
    mffs_control(e, a.frt, fs::DRN, v)
}

/// `mtfsf FLM,FRB,L,W`.
pub fn trans_mtfsf<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let fields = (a.l as u64) << 9 | (a.w as u64) << 8 | a.flm as u64;
    call(e, helper!(fh::fp_mtfsf, 3, true), &[a.frb as u64, fields, a.rc as u64]);
    Flow::Next(4)
}
/// `mtfsfi BF,U,W`.
pub fn trans_mtfsfi<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let uw = (a.u as u64) << 1 | a.w as u64;
    call(e, helper!(fh::fp_mtfsfi, 3, true), &[a.bf as u64, uw, a.rc as u64]);
    Flow::Next(4)
}
/// `mtfsb0 BT`.
pub fn trans_mtfsb0<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    call(e, helper!(fh::fp_mtfsb, 3, true), &[a.frt as u64, 0, a.rc as u64]);
    Flow::Next(4)
}
/// `mtfsb1 BT`.
pub fn trans_mtfsb1<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    call(e, helper!(fh::fp_mtfsb, 3, true), &[a.frt as u64, 1, a.rc as u64]);
    Flow::Next(4)
}
/// `mcrfs BF,BFA`.
pub fn trans_mcrfs<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    call(e, helper!(fh::fp_mcrfs, 2, true), &[a.bf as u64, a.bfa as u64]);
    Flow::Next(4)
}

// ---- VSX scalar floating point (§7.6.1) ----

/// XX3 arithmetic: `xs{add,sub,mul,div}{dp,sp}` (XT, XA, XB).
pub fn xs_arith<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: Arith, single: bool) -> Flow {
    let mode = if single { m::SINGLE } else { 0 };
    // For Mul the second factor is passed as `c`.
    arith_call(e, op, a.xt, a.xa, a.xb, a.xb, mode);
    Flow::Next(4)
}

/// XX2 unary arithmetic: `xssqrt{dp,sp}`, `xsre{dp,sp}`, `xsrsqrte{dp,sp}` (XT, XB).
pub fn xs_unary<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: Arith, single: bool) -> Flow {
    let mode = if single { m::SINGLE } else { 0 };
    arith_call(e, op, a.xt, 0, a.xb, 0, mode);
    Flow::Next(4)
}

/// `xs[n]m{add,sub}{a,m}{dp,sp}`: A-type XT ← ±(XA × XB ± XT), M-type XT ← ±(XA × XT ± XB).
pub fn xs_madd<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: Arith, m_type: bool, single: bool) -> Flow {
    let mode = if single { m::SINGLE } else { 0 };
    let (factor, addend) = if m_type { (a.xt, a.xb) } else { (a.xb, a.xt) };
    arith_call(e, op, a.xt, a.xa, addend, factor, mode);
    Flow::Next(4)
}

/// `xscmpudp BF,XA,XB`, `xscmpodp` (`ordered`).
pub fn xs_compare<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx, ordered: bool) -> Flow {
    compare_regs(e, a.bf, a.xa, a.xb, ordered);
    Flow::Next(4)
}

/// `xstdivdp BF,XA,XB`.
pub fn trans_xstdivdp<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let v = call(e, helper!(fh::fp_tdiv, 2, false), &[a.xa as u64, a.xb as u64]);
    set_cr_from(e, a.bf, v);
    Flow::Next(4)
}
/// `xstsqrtdp BF,XB`.
pub fn trans_xstsqrtdp<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    let v = call(e, helper!(fh::fp_tsqrt, 1, false), &[a.xb as u64]);
    set_cr_from(e, a.bf, v);
    Flow::Next(4)
}

/// `xscvdp{s,u}x{d,w}s XT,XB`: rounding toward zero; word results in words 0 and 1 of XT
/// (what QEMU 7.2 does; the book leaves the other words undefined).
pub fn xs_to_int<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, signed: bool, bits: u32) -> Flow {
    let mode = m::TRUNC | if signed { m::SIGNED } else { 0 } | if bits == 32 { m::WORD | m::SPLAT_WORD } else { 0 };
    call(e, helper!(fh::fp_cti, 3, true), &[a.xt as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xscv{s,u}xd{dp,sp} XT,XB`.
pub fn xs_from_int<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, signed: bool, single: bool) -> Flow {
    let mode = if signed { m::SIGNED } else { 0 } | if single { m::SINGLE } else { 0 };
    call(e, helper!(fh::fp_cfid, 3, true), &[a.xt as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xsrdpi`, `xsrdpic`, `xsrdpim`, `xsrdpip`, `xsrdpiz` (`rmode` from [`ri`]; the current-mode
/// form reports inexactness).
pub fn xs_round_int<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, rmode: u64) -> Flow {
    let mode = rmode << m::RMODE_SHIFT | if rmode == ri::CURRENT { m::INEXACT } else { 0 };
    call(e, helper!(fh::fp_ri, 3, true), &[a.xt as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xsrsp XT,XB`.
pub fn trans_xsrsp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(fh::fp_rsp, 3, true), &[a.xt, a.xb, 0]);
    Flow::Next(4)
}
/// `xscvdpsp XT,XB`.
pub fn trans_xscvdpsp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(fh::fp_cvdpsp, 3, true), &[a.xt, a.xb, 0]);
    Flow::Next(4)
}
/// `xscvspdp XT,XB`.
pub fn trans_xscvspdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(fh::fp_cvspdp, 3, true), &[a.xt, a.xb, 0]);
    Flow::Next(4)
}

/// `xsmaxdp XT,XA,XB`, `xsmindp` (`max` false).
pub fn xs_max_min<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, max: bool) -> Flow {
    let mode = if max { m::MAX } else { 0 };
    call(e, helper!(fh::fp_maxmin, 4, true), &[a.xt as u64, a.xa as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xs{max,min}{c,j}dp XT,XA,XB` (v3.0): `type_bit` is [`m::TYPE_C`] or [`m::TYPE_J`].
pub fn xs_max_min_cj<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, max: bool, type_bit: u64) -> Flow {
    let mode = type_bit | if max { m::MAX } else { 0 };
    call(e, helper!(fh::fp_maxmin, 4, true), &[a.xt as u64, a.xa as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xscmp{eq,gt,ge}dp XT,XA,XB` (v3.0; `op` is [`m::CMP_EQ`] ...).
pub fn xs_cmp_mask<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx, op: u64) -> Flow {
    call(e, helper!(fh::fp_cmp_mask, 4, true), &[a.xt as u64, a.xa as u64, a.xb as u64, op]);
    Flow::Next(4)
}

/// `xscmpexpdp BF,XA,XB` (v3.0).
pub fn trans_xscmpexpdp<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx) -> Flow {
    call(e, helper!(fh::fp_cmpexp, 3, false), &[a.bf as u64, a.xa as u64, a.xb as u64]);
    Flow::Next(4)
}

/// `xststdcdp BF,XB,DCMX`, `xststdcsp` (`sp`) (v3.0).
pub fn xs_tstdc<E: Emitter>(e: &mut E, a: &Xfl, _cx: &Cx, sp: bool) -> Flow {
    let mode = a.dcmx as u64 | if sp { m::TEST_SP } else { 0 };
    call(e, helper!(fh::fp_tstdc, 3, false), &[a.bf as u64, a.xb as u64, mode]);
    Flow::Next(4)
}

/// `xscvhpdp XT,XB` (v3.0).
pub fn trans_xscvhpdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(fh::fp_cvhpdp, 3, true), &[a.xt, a.xb, 0]);
    Flow::Next(4)
}
/// `xscvdphp XT,XB` (v3.0).
pub fn trans_xscvdphp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(fh::fp_cvdphp, 3, true), &[a.xt, a.xb, 0]);
    Flow::Next(4)
}

// ---- VSX scalar exponent and significand moves (v3.0, §7.6.1): inline, no FPSCR change ----

/// `xsxexpdp RT,XB`: RT ← the biased exponent of doubleword 0 of XB. RT is bits 6:10 (bit
/// 31 is reserved and ignored).
pub fn trans_xsxexpdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(fpr(a.xb));
    let v = e.lshr_imm(x, 52);
    let v = e.and_imm(v, 0x7ff);
    e.set(gpr(a.xt & 31), v);
    Flow::Next(4)
}

/// `xsxsigdp RT,XB`: RT ← the significand of doubleword 0 of XB, the implicit bit made
/// explicit (1 unless the exponent field is 0 or all ones).
pub fn trans_xsxsigdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(fpr(a.xb));
    let frac = e.and_imm(x, (1 << 52) - 1);
    let exp = e.lshr_imm(x, 52);
    let exp = e.and_imm(exp, 0x7ff);
    let zero = e.icmp_imm(Cmp::Eq, exp, 0);
    let ones = e.icmp_imm(Cmp::Eq, exp, 0x7ff);
    let special = e.or(zero, ones);
    let implicit = e.iconst(Ty::I64, 1 << 52);
    let none = e.iconst(Ty::I64, 0);
    let bit = e.select(special, none, implicit);
    let v = e.or(frac, bit);
    e.set(gpr(a.xt & 31), v);
    Flow::Next(4)
}

/// `xsiexpdp XT,RA,RB`: doubleword 0 of XT ← RA's sign and fraction with RB[53:63] as the
/// exponent field; doubleword 1 ← 0.
pub fn trans_xsiexpdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let keep = e.and_imm(x, SIGN | ((1 << 52) - 1));
    let exp = e.and_imm(y, 0x7ff);
    let exp = e.shl_imm(exp, 52);
    let v = e.or(keep, exp);
    write_fpr(e, a.xt, v);
    Flow::Next(4)
}
