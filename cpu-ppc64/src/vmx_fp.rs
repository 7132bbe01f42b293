//! VMX floating point (Power ISA 3.0B Book I §6.10): single-precision arithmetic on the four
//! words of a VR, translation and helpers together. The helpers follow the ABI of
//! [`crate::vmx_helpers`].
//!
//! What sets these apart from the scalar FP of ch. 4 (§6.10.1-6.10.2):
//! - Rounding is always to nearest (the `vrfi*` instructions name their own mode); FPSCR is
//!   neither read nor written, and no exception is recorded or raised.
//! - VSCR[NJ] = 1 (non-Java mode): a denormal operand is taken as a zero of its sign, and a
//!   result that is tiny is replaced by a zero of its sign. "Tiny" is judged on the exact
//!   result before rounding (|x| < 2^-126), as for the underflow of ch. 4; so an exact result
//!   just below 2^-126 that would round up to the smallest normal is flushed too.
//!   VSCR[NJ] = 0 (Java mode): IEEE 754 gradual underflow.
//! - NaNs: the result is the first NaN operand, in the order VRA, VRB, VRC, made quiet; an
//!   invalid operation on non-NaN operands gives the default NaN 0x7FC0_0000.
//!
//! The arithmetic is done on the host in double precision and rounded once to single:
//! sums, differences and products of singles are exact or correctly rounded in double, and a
//! double result rounded to single equals the single result rounded directly (53 ≥ 2·24 + 2).
//! `vmaddfp`/`vnmsubfp` use a fused single-precision multiply-add; their tininess is judged on
//! the exact double-precision product and the error-free sum of it and the addend. The estimates (`vrefp`, `vrsqrtefp`, `vexptefp`, `vlogefp`) deliver the
//! correctly rounded value of the function (for `vexptefp`/`vlogefp`, the host's `exp2`/
//! `log2` rounded to single), well within the precision the book asks of them.

#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::forms::*;
use crate::vmx::{vcmp, vx2, vx3, vx4, vx_uim};
use crate::vmx_helpers::{build, cpu, elem, vsr_get, vsr_set, VSCR_SAT};
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::Emitter;

/// VSCR[NJ] (bit 15 of the 32-bit VSCR).
pub const VSCR_NJ: u32 = 1 << 16;

const SIGN: u32 = 0x8000_0000;
const DEFAULT_NAN: u32 = 0x7fc0_0000;
const QUIET: u32 = 0x0040_0000;
/// 2^-126, the smallest normal single.
const MIN_NORMAL: f64 = 1.175_494_350_822_287_5e-38;

fn is_nan(x: u32) -> bool {
    x & !SIGN > 0x7f80_0000
}
fn is_denormal(x: u32) -> bool {
    x & 0x7f80_0000 == 0 && x & 0x007f_ffff != 0
}

/// The operand as the instruction sees it: a denormal is ±0 when NJ = 1.
fn operand(x: u32, nj: bool) -> f32 {
    f32::from_bits(if nj && is_denormal(x) { x & SIGN } else { x })
}

/// The first NaN of `ops` (in operand order), quieted.
fn first_nan(ops: &[u32]) -> Option<u32> {
    ops.iter().find(|&&x| is_nan(x)).map(|&x| x | QUIET)
}

/// Delivers a result: `exact` is the value before rounding to single (or close enough to
/// judge tininess), `r` the rounded single. A NaN from non-NaN operands is the default NaN;
/// a tiny result is flushed to zero when NJ = 1.
fn deliver(exact: f64, r: f32, nj: bool) -> u32 {
    deliver_tiny(exact != 0.0 && exact.abs() < MIN_NORMAL, exact < 0.0, r, nj)
}
/// [`deliver`] with the tininess of the exact result (and its sign) given.
fn deliver_tiny(tiny: bool, negative: bool, r: f32, nj: bool) -> u32 {
    if r.is_nan() {
        DEFAULT_NAN
    } else if nj && tiny {
        if negative { SIGN } else { 0 }
    } else {
        r.to_bits()
    }
}
/// A result computed exactly enough in double precision, rounded once to single.
fn deliver64(x: f64, nj: bool) -> u32 {
    deliver(x, x as f32, nj)
}

// ---- element-wise shapes ----

fn nj_of(p: *mut u8) -> bool {
    // SAFETY: helper contract (vmx_helpers module docs).
    unsafe { cpu(p) }.vscr & VSCR_NJ != 0
}

/// `VRT.word[i] ← f(VRA.word[i], VRB.word[i], nj)`.
fn fp2(p: *mut u8, t: u64, a: u64, b: u64, f: impl Fn(u32, u32, bool) -> u32) -> u64 {
    let nj = nj_of(p);
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    vsr_set(c, t, build(32, |i| f(elem(x, 32, i) as u32, elem(y, 32, i) as u32, nj) as u64));
    0
}
/// `VRT.word[i] ← f(VRB.word[i], nj)`.
fn fp1(p: *mut u8, t: u64, b: u64, f: impl Fn(u32, bool) -> u32) -> u64 {
    fp2(p, t, b, b, |x, _, nj| f(x, nj))
}

/// Binary arithmetic: NaN propagation, then `op` on the (NJ-filtered) operands in double.
fn arith2(x: u32, y: u32, nj: bool, op: fn(f64, f64) -> f64) -> u32 {
    if let Some(n) = first_nan(&[x, y]) {
        return n;
    }
    deliver64(op(operand(x, nj) as f64, operand(y, nj) as f64), nj)
}

pub extern "C" fn vaddfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp2(p, t, a, b, |x, y, nj| arith2(x, y, nj, |u, v| u + v))
}
pub extern "C" fn vsubfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp2(p, t, a, b, |x, y, nj| arith2(x, y, nj, |u, v| u - v))
}

/// `vmaddfp VRT,VRA,VRC,VRB` (`negate` = false): VRA × VRC + VRB, rounded once.
/// `vnmsubfp` (`negate` = true): −(VRA × VRC − VRB); a NaN result is not negated.
fn madd(p: *mut u8, t: u64, a: u64, b: u64, c: u64, negate: bool) -> u64 {
    let nj = nj_of(p);
    // SAFETY: helper contract (vmx_helpers module docs).
    let cp = unsafe { cpu(p) };
    let (va, vb, vc) = (vsr_get(cp, a), vsr_get(cp, b), vsr_get(cp, c));
    let r = build(32, |i| {
        let (x, y, z) = (elem(va, 32, i) as u32, elem(vb, 32, i) as u32, elem(vc, 32, i) as u32);
        // Operand order for NaNs is VRA, VRB, VRC (§6.10.2), VRB being the addend.
        if let Some(n) = first_nan(&[x, y, z]) {
            return n as u64;
        }
        let (fa, fb, fc) = (operand(x, nj), operand(y, nj), operand(z, nj));
        let fb = if negate { -fb } else { fb };
        // Tininess of the exact a×c + b: the product of two singles is exact in double, and
        // the sum's rounding error `err` (Knuth's TwoSum) tells on which side of 2^-126 the
        // exact value lies when the double sum `s` rounds to exactly ±2^-126.
        let (prod, addend) = (fa as f64 * fc as f64, fb as f64);
        let s = prod + addend;
        let bb = s - prod;
        let err = (prod - (s - bb)) + (addend - bb);
        let tiny = s != 0.0
            && (s.abs() < MIN_NORMAL || (s.abs() == MIN_NORMAL && err != 0.0 && (err < 0.0) != (s < 0.0)));
        let r = fa.mul_add(fc, fb);
        let out = deliver_tiny(tiny, s < 0.0, r, nj);
        (if negate && !f32::from_bits(out).is_nan() { out ^ SIGN } else { out }) as u64
    });
    vsr_set(cp, t, r);
    0
}
pub extern "C" fn vmaddfp(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    madd(p, t, a, b, c, false)
}
pub extern "C" fn vnmsubfp(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    madd(p, t, a, b, c, true)
}

/// `vmaxfp`/`vminfp`: NaNs as for arithmetic; +0 is greater than −0.
fn max_min(x: u32, y: u32, nj: bool, max: bool) -> u32 {
    if let Some(n) = first_nan(&[x, y]) {
        return n;
    }
    let (u, v) = (operand(x, nj), operand(y, nj));
    // Order zeros by their sign: −0 < +0.
    let key = |f: f32| (f, f == 0.0 && f.is_sign_positive());
    let pick_u = if max { key(u) >= key(v) } else { key(u) <= key(v) };
    let r = if pick_u { u } else { v };
    r.to_bits()
}
pub extern "C" fn vmaxfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp2(p, t, a, b, |x, y, nj| max_min(x, y, nj, true))
}
pub extern "C" fn vminfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp2(p, t, a, b, |x, y, nj| max_min(x, y, nj, false))
}

// ---- estimates (§6.10.5) ----

/// A unary function of the operand in double precision, NaNs propagated.
fn unary(x: u32, nj: bool, f: fn(f64) -> f64) -> u32 {
    if is_nan(x) {
        return x | QUIET;
    }
    deliver64(f(operand(x, nj) as f64), nj)
}
/// `vrefp`: 1/x (±0 → ±∞, ±∞ → ±0).
pub extern "C" fn vrefp(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| unary(x, nj, |v| 1.0 / v))
}
/// `vrsqrtefp`: 1/√x (−0 → −∞, negative → default NaN).
pub extern "C" fn vrsqrtefp(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| unary(x, nj, |v| 1.0 / v.sqrt()))
}
/// `vexptefp`: 2^x (−∞ → +0).
pub extern "C" fn vexptefp(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| unary(x, nj, f64::exp2))
}
/// `vlogefp`: log2 x (±0 → −∞, negative → default NaN).
pub extern "C" fn vlogefp(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| unary(x, nj, f64::log2))
}

// ---- round to integral (§6.10.6) ----

fn round_int(x: u32, nj: bool, f: fn(f64) -> f64) -> u32 {
    if is_nan(x) {
        return x | QUIET;
    }
    (f(operand(x, nj) as f64) as f32).to_bits()
}
pub extern "C" fn vrfin(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| round_int(x, nj, f64::round_ties_even))
}
pub extern "C" fn vrfim(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| round_int(x, nj, f64::floor))
}
pub extern "C" fn vrfip(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| round_int(x, nj, f64::ceil))
}
pub extern "C" fn vrfiz(p: *mut u8, t: u64, b: u64) -> u64 {
    fp1(p, t, b, |x, nj| round_int(x, nj, f64::trunc))
}

// ---- conversions (§6.10.3) ----

/// `vcfsx`/`vcfux VRT,VRB,UIM`: each word as a signed (unsigned) integer, divided by 2^UIM,
/// rounded to nearest. The scaling is exact, so there is one rounding.
fn from_fixed(p: *mut u8, t: u64, b: u64, uim: u64, signed: bool) -> u64 {
    let scale = (-((uim & 31) as i32) as f64).exp2();
    fp1(p, t, b, |x, _| {
        let v = if signed { x as i32 as f64 } else { x as f64 };
        ((v * scale) as f32).to_bits()
    })
}
pub extern "C" fn vcfsx(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    from_fixed(p, t, b, uim, true)
}
pub extern "C" fn vcfux(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    from_fixed(p, t, b, uim, false)
}

/// `vctsxs`/`vctuxs VRT,VRB,UIM`: each word × 2^UIM, truncated toward zero to a signed
/// (unsigned) word, saturating (VSCR[SAT] ← 1 when it does). A NaN converts to 0.
fn to_fixed(p: *mut u8, t: u64, b: u64, uim: u64, signed: bool) -> u64 {
    let nj = nj_of(p);
    let scale = ((uim & 31) as i32 as f64).exp2();
    let (lo, hi) = if signed { (i32::MIN as f64, i32::MAX as f64) } else { (0.0, u32::MAX as f64) };
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let x = vsr_get(c, b);
    let mut sat = false;
    let r = build(32, |i| {
        let w = elem(x, 32, i) as u32;
        if is_nan(w) {
            return 0;
        }
        // Exact: a single times a power of two ≤ 2^31 stays well inside double's range.
        let v = (operand(w, nj) as f64 * scale).trunc();
        let clamped = v.clamp(lo, hi);
        sat |= clamped != v;
        if signed { clamped as i32 as u32 as u64 } else { clamped as u32 as u64 }
    });
    vsr_set(c, t, r);
    if sat {
        c.vscr |= VSCR_SAT;
    }
    0
}
pub extern "C" fn vctsxs(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    to_fixed(p, t, b, uim, true)
}
pub extern "C" fn vctuxs(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    to_fixed(p, t, b, uim, false)
}

// ---- compares (§6.10.4): the result of each also gives CR6 ----

/// Element-wise compare writing all-ones (true) or zero words; returns the CR6 value of
/// the record form: all true → 0b1000, none → 0b0010.
fn fp_cmp(p: *mut u8, t: u64, a: u64, b: u64, f: fn(f32, f32) -> bool) -> u64 {
    let nj = nj_of(p);
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let r = build(32, |i| {
        let (u, v) = (operand(elem(x, 32, i) as u32, nj), operand(elem(y, 32, i) as u32, nj));
        if f(u, v) { u64::MAX } else { 0 }
    });
    vsr_set(c, t, r);
    (((r == u128::MAX) as u64) << 3) | (((r == 0) as u64) << 1)
}
pub extern "C" fn vcmpeqfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp_cmp(p, t, a, b, |u, v| u == v)
}
pub extern "C" fn vcmpgefp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp_cmp(p, t, a, b, |u, v| u >= v)
}
pub extern "C" fn vcmpgtfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    fp_cmp(p, t, a, b, |u, v| u > v)
}
/// `vcmpbfp`: word i ← bit 0: not (VRA ≤ VRB), bit 1: not (VRA ≥ −VRB); both set if
/// either is a NaN. CR6 of the record form: 0b0010 when every element is within bounds.
pub extern "C" fn vcmpbfp(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    let nj = nj_of(p);
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let r = build(32, |i| {
        let (u, v) = (operand(elem(x, 32, i) as u32, nj), operand(elem(y, 32, i) as u32, nj));
        let le = u <= v;
        let ge = u >= -v;
        ((!le as u64) << 31) | ((!ge as u64) << 30)
    });
    vsr_set(c, t, r);
    ((r == 0) as u64) << 1
}

// ---- translation ----

// vx2, vx3, vx4, vx_uim and vcmp are VMX's (vmx.rs).

pub fn trans_vaddfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vaddfp, 3, false))
}
pub fn trans_vsubfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vsubfp, 3, false))
}
pub fn trans_vmaxfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vmaxfp, 3, false))
}
pub fn trans_vminfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vminfp, 3, false))
}
/// `vmaddfp VRT,VRA,VRC,VRB` / `vnmsubfp`: the helper takes (t, a, b, c), b the addend.
pub fn trans_vmaddfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vmaddfp, 4, false))
}
pub fn trans_vnmsubfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vnmsubfp, 4, false))
}
pub fn trans_vrefp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vrefp, 2, false))
}
pub fn trans_vrsqrtefp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vrsqrtefp, 2, false))
}
pub fn trans_vexptefp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vexptefp, 2, false))
}
pub fn trans_vlogefp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vlogefp, 2, false))
}
pub fn trans_vrfin<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vrfin, 2, false))
}
pub fn trans_vrfim<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vrfim, 2, false))
}
pub fn trans_vrfip<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vrfip, 2, false))
}
pub fn trans_vrfiz<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vrfiz, 2, false))
}
pub fn trans_vcfsx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vcfsx, 3, false))
}
pub fn trans_vcfux<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vcfux, 3, false))
}
pub fn trans_vctsxs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vctsxs, 3, false))
}
pub fn trans_vctuxs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vctuxs, 3, false))
}
pub fn trans_vcmpeqfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vcmpeqfp, 3, false))
}
pub fn trans_vcmpgefp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vcmpgefp, 3, false))
}
pub fn trans_vcmpgtfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vcmpgtfp, 3, false))
}
pub fn trans_vcmpbfp<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vcmpbfp, 3, false))
}
