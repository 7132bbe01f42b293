//! Emitter-level building blocks for front ends' inline binary64 fast paths (operands and
//! results as `I64` bit patterns): classification, ordered compares without host floats,
//! exact conversion from integers. Each front end decides when its fast path applies and
//! what its status register records; these only compute.

use crate::ir::{Cmp, Emitter, Ty};

const SIGN: u64 = 1 << 63;

/// Whether `x` is a NaN, as an `I8`.
pub fn is_nan<E: Emitter>(e: &mut E, x: E::V) -> E::V {
    let m = e.and_imm(x, !SIGN);
    e.icmp_imm(Cmp::Ugt, m, 0x7ff0_0000_0000_0000)
}

/// Whether `x` is a normal number with biased exponent `min..=2045`, as an `I8`. With
/// `min` = 2, an add, subtract, multiply or divide of such operands whose result is such a
/// number raises nothing but inexact, under either tininess rule.
pub fn ordinary<E: Emitter>(e: &mut E, x: E::V, min: u64) -> E::V {
    let exp = e.lshr_imm(x, 52);
    let exp = e.and_imm(exp, 0x7ff);
    let off = e.add_imm(exp, -(min as i64));
    e.icmp_imm(Cmp::Ult, off, 2046 - min)
}

/// An integer key of the non-NaN `x` whose unsigned order is numeric order (−0 taken as
/// +0): negatives complemented, positives offset past them.
fn order_key<E: Emitter>(e: &mut E, x: E::V) -> E::V {
    let mag = e.and_imm(x, !SIGN);
    let zero = e.icmp_imm(Cmp::Eq, mag, 0);
    let z = e.iconst(Ty::I64, 0);
    let x = e.select(zero, z, x);
    let neg = e.icmp_imm(Cmp::Slt, x, 0);
    let n = e.not(x);
    let p = e.xor_imm(x, SIGN);
    e.select(neg, n, p)
}

/// For non-NaN `a` and `b`: the `I8` constant `codes[0]` if a < b, `codes[1]` if a > b,
/// `codes[2]` if they are equal (±0 equal).
pub fn compare<E: Emitter>(e: &mut E, a: E::V, b: E::V, codes: [u64; 3]) -> E::V {
    let (ka, kb) = (order_key(e, a), order_key(e, b));
    let lt = e.icmp(Cmp::Ult, ka, kb);
    let gt = e.icmp(Cmp::Ugt, ka, kb);
    let (c_lt, c_gt, c_eq) = (e.iconst(Ty::I8, codes[0]), e.iconst(Ty::I8, codes[1]), e.iconst(Ty::I8, codes[2]));
    let c = e.select(gt, c_gt, c_eq);
    e.select(lt, c_lt, c)
}

/// The binary64 of the integer with sign `neg` (`I8`) and magnitude `mag` (`I64`), exact
/// when `mag` is at most 2^53 (callers check), built from the leading-zero count. Also
/// returns whether it is zero (`I8`).
pub fn from_magnitude<E: Emitter>(e: &mut E, neg: E::V, mag: E::V) -> (E::V, E::V) {
    let lz = e.clz(mag);
    let top = e.shl(mag, lz);
    let frac = e.shl_imm(top, 1);
    let frac = e.lshr_imm(frac, 12);
    let k = e.iconst(Ty::I64, 1023 + 63);
    let exp = e.sub(k, lz);
    let exp = e.shl_imm(exp, 52);
    let sign = e.zext(Ty::I64, neg);
    let sign = e.shl_imm(sign, 63);
    let bits = e.or(sign, exp);
    let bits = e.or(bits, frac);
    let is_zero = e.icmp_imm(Cmp::Eq, mag, 0);
    let z = e.iconst(Ty::I64, 0);
    (e.select(is_zero, z, bits), is_zero)
}

/// Sign (`I8`) and magnitude of the two's-complement `n` (`I64`); the magnitude of
/// `i64::MIN` is 2^63.
pub fn sign_magnitude<E: Emitter>(e: &mut E, n: E::V) -> (E::V, E::V) {
    let neg = e.icmp_imm(Cmp::Slt, n, 0);
    let minus = e.neg(n);
    (neg, e.select(neg, minus, n))
}
