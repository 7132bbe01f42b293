//! Quad-precision (IEEE binary128) arithmetic for the VSX scalar quad instructions (Power ISA
//! 3.0B Book I §7.6.1, `xs*qp`): every operation computed exactly and rounded once, with the
//! status POWER reports — the same rules as [`crate::fp_arith`] (read its module docs), whose
//! rounding ([`fa::round_parts`]) this module shares: only the exact intermediates are wider
//! (a 113-bit significand's product needs 226 bits, see [`U256`]) and the packing differs.
//!
//! Values are binary128 bit patterns (`u128`). Operations return a [`QRes`]: result, exception
//! bits (FPSCR positions), FR/FI and the FPRF class. NaN rules: the first NaN in operand order
//! is the result, quieted; any SNaN sets VXSNAN; an invalid operation gives the default QNaN
//! 0x7FFF_8000_..._0. Round-to-odd (the `o` forms) is [`Rn::Odd`].

use crate::fp_arith::{self as fa, class, fpscr, Env, Exact, Fmt, IntFmt, MaddKind, Params, Parts, Res, Rn};
use std::cmp::Ordering;

pub const SIGN: u128 = 1 << 127;
pub const INF: u128 = 0x7fff << 112;
pub const QUIET: u128 = 1 << 111;
pub const FRAC: u128 = (1 << 112) - 1;
pub const DEFAULT_NAN: u128 = 0x7fff_8000 << 96;
const BIAS: i32 = 16383;
/// binary128: 113-bit significand, exponents −16382..16383; trap-enabled overflow and
/// underflow results are adjusted by 3 × 2^13 (§4.4.3-4.4.4 scaled to the format).
pub const QUAD: Params = Params { prec: 113, emin: -16382, emax: 16383, bias_adjust: 24576 };
/// `xsrqpxp`: the double-extended precision (64-bit significand) in the quad exponent range.
pub const EXTENDED: Params = Params { prec: 64, emin: -16382, emax: 16383, bias_adjust: 24576 };

pub fn is_nan(x: u128) -> bool {
    x & !SIGN > INF
}
pub fn is_snan(x: u128) -> bool {
    is_nan(x) && x & QUIET == 0
}
pub fn is_inf(x: u128) -> bool {
    x & !SIGN == INF
}
pub fn is_zero(x: u128) -> bool {
    x & !SIGN == 0
}
pub fn is_neg(x: u128) -> bool {
    x & SIGN != 0
}
pub fn exp_field(x: u128) -> i32 {
    ((x >> 112) & 0x7fff) as i32
}

/// An operation's outcome (as [`fa::Res`], with a 128-bit result).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct QRes {
    pub bits: u128,
    pub exc: u64,
    pub fr_fi: u64,
    pub fprf: u64,
}

impl QRes {
    pub fn exact(bits: u128) -> QRes {
        QRes { bits, exc: 0, fr_fi: 0, fprf: classify(bits) }
    }
    fn invalid(exc: u64) -> QRes {
        QRes { bits: DEFAULT_NAN, exc, fr_fi: 0, fprf: class::QNAN }
    }
}

/// FPRF class of a quad value.
pub fn classify(x: u128) -> u64 {
    let pick = |p: u64, n: u64| if is_neg(x) { n } else { p };
    if is_nan(x) {
        class::QNAN
    } else if is_inf(x) {
        pick(class::POS_INF, class::NEG_INF)
    } else if is_zero(x) {
        pick(class::POS_ZERO, class::NEG_ZERO)
    } else if exp_field(x) == 0 {
        pick(class::POS_DENORMAL, class::NEG_DENORMAL)
    } else {
        pick(class::POS_NORMAL, class::NEG_NORMAL)
    }
}

// ---- 256-bit intermediates ----

/// An unsigned 256-bit integer, for exact products, aligned sums, long division and square
/// roots of 113-bit significands.
/// Ordered as numbers (`hi` compares first).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct U256 {
    pub hi: u128,
    pub lo: u128,
}

impl U256 {
    pub const ZERO: U256 = U256 { hi: 0, lo: 0 };
    pub fn from(x: u128) -> U256 {
        U256 { hi: 0, lo: x }
    }
    /// The full product of two 128-bit numbers.
    pub fn mul(a: u128, b: u128) -> U256 {
        let (a1, a0) = (a >> 64, a & u64::MAX as u128);
        let (b1, b0) = (b >> 64, b & u64::MAX as u128);
        let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
        let mid = (p00 >> 64) + (p01 & u64::MAX as u128) + (p10 & u64::MAX as u128);
        let lo = (p00 & u64::MAX as u128) | (mid << 64);
        let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
        U256 { hi, lo }
    }
    pub fn is_zero(self) -> bool {
        self.hi == 0 && self.lo == 0
    }
    pub fn leading_zeros(self) -> u32 {
        if self.hi != 0 { self.hi.leading_zeros() } else { 128 + self.lo.leading_zeros() }
    }
    pub fn shl_bits(self, d: u32) -> U256 {
        match d {
            0 => self,
            1..=127 => U256 { hi: self.hi << d | self.lo >> (128 - d), lo: self.lo << d },
            128..=255 => U256 { hi: self.lo << (d - 128), lo: 0 },
            _ => U256::ZERO,
        }
    }
    pub fn shr_bits(self, d: u32) -> U256 {
        match d {
            0 => self,
            1..=127 => U256 { hi: self.hi >> d, lo: self.lo >> d | self.hi << (128 - d) },
            128..=255 => U256 { hi: 0, lo: self.hi >> (d - 128) },
            _ => U256::ZERO,
        }
    }
    /// `self >> d` with the bits shifted out ORed into bit 0.
    pub fn shr_jam(self, d: u32) -> U256 {
        let r = self.shr_bits(d);
        let lost = d > 0 && if d >= 256 { !self.is_zero() } else { r.shl_bits(d) != self };
        U256 { lo: r.lo | lost as u128, ..r }
    }
    pub fn wrapping_add(self, o: U256) -> U256 {
        let (lo, c) = self.lo.overflowing_add(o.lo);
        U256 { hi: self.hi.wrapping_add(o.hi).wrapping_add(c as u128), lo }
    }
    pub fn wrapping_sub(self, o: U256) -> U256 {
        let (lo, b) = self.lo.overflowing_sub(o.lo);
        U256 { hi: self.hi.wrapping_sub(o.hi).wrapping_sub(b as u128), lo }
    }
    /// The exact value `self × 2^e` (nonzero) as an [`Exact`]: the top 128 bits, the rest as
    /// the sticky bit.
    pub fn to_exact(self, neg: bool, e: i32) -> Exact {
        let lz = self.leading_zeros();
        let n = self.shl_bits(lz);
        Exact { neg, exp: e + 255 - lz as i32, sig: n.hi | (n.lo != 0) as u128 }
    }
}

/// ⌊n / d⌋ (which must fit 128 bits) and whether the remainder is nonzero; d < 2^127.
fn div_256(n: U256, d: u128) -> (u128, bool) {
    let (mut q, mut r) = (0u128, 0u128);
    for i in (0..256).rev() {
        let bit = if i >= 128 { n.hi >> (i - 128) & 1 } else { n.lo >> i & 1 };
        r = r << 1 | bit;
        q <<= 1;
        if r >= d {
            r -= d;
            q |= 1;
        }
    }
    (q, r != 0)
}

/// ⌊√n⌋ (digit by digit) and whether it is inexact.
fn isqrt_256(n: U256) -> (u128, bool) {
    let (mut rem, mut root) = (U256::ZERO, U256::ZERO);
    for i in (0..128).rev() {
        let pair = n.shr_bits(2 * i).lo & 3;
        rem = rem.shl_bits(2).wrapping_add(U256::from(pair));
        let trial = root.shl_bits(2).wrapping_add(U256::from(1));
        root = root.shl_bits(1);
        if rem >= trial {
            rem = rem.wrapping_sub(trial);
            root = root.wrapping_add(U256::from(1));
        }
    }
    (root.lo, !rem.is_zero())
}

// ---- unpacking and packing ----

/// A finite nonzero operand: |x| = mant × 2^(exp − 112), mant normalised (bit 112 set).
#[derive(Clone, Copy, Debug)]
struct Num {
    neg: bool,
    exp: i32,
    mant: u128,
}

fn unpack(x: u128) -> Num {
    let e = exp_field(x);
    let f = x & FRAC;
    if e == 0 {
        let sh = f.leading_zeros() as i32 - 15;
        Num { neg: is_neg(x), exp: -16382 - sh, mant: f << sh }
    } else {
        Num { neg: is_neg(x), exp: e - BIAS, mant: f | 1 << 112 }
    }
}

fn exact_of(n: Num) -> Exact {
    Exact::new(n.neg, n.mant, n.exp - 112, false)
}

/// The quad bits of ±m × 2^q (m < 2^113, in the quad range: results of [`fa::round_parts`]
/// with [`QUAD`] or a narrower precision in the same exponent range).
fn pack(neg: bool, m: u128, q: i32) -> u128 {
    let sign = if neg { SIGN } else { 0 };
    if m == 0 {
        return sign;
    }
    let nb = 128 - m.leading_zeros() as i32;
    let e = q + nb - 1;
    if e >= QUAD.emin {
        sign | ((e + BIAS) as u128) << 112 | ((m << (113 - nb)) & FRAC)
    } else {
        // Denormal: m × 2^q = d × 2^-16494.
        let s = q + 16494;
        sign | if s >= 0 { m << s } else { m >> -s }
    }
}

fn parts_res(r: Parts) -> QRes {
    let bits = match r.overflow {
        Some(true) => if r.neg { SIGN | INF } else { INF },
        _ => pack(r.neg, r.m, r.q),
    };
    let mut exc = 0;
    if r.ox {
        exc |= fpscr::OX;
    }
    if r.ux {
        exc |= fpscr::UX;
    }
    if r.inexact {
        exc |= fpscr::XX;
    }
    let fr_fi = if r.inexact { fpscr::FI | if r.up { fpscr::FR } else { 0 } } else { 0 };
    QRes { bits, exc, fr_fi, fprf: classify(bits) }
}

/// Rounds an exact value to quad precision (or `p`, e.g. [`EXTENDED`]).
fn round(x: Exact, p: Params, env: Env) -> QRes {
    parts_res(fa::round_parts(x, p, env))
}

fn propagate(ops: &[u128]) -> Option<QRes> {
    let first = ops.iter().copied().find(|&x| is_nan(x))?;
    let exc = if ops.iter().any(|&x| is_snan(x)) { fpscr::VXSNAN } else { 0 };
    Some(QRes { bits: first | QUIET, exc, fr_fi: 0, fprf: class::QNAN })
}

fn zero_sum_sign(sa: bool, sb: bool, rn: Rn) -> u128 {
    if fa::zero_sum_sign(sa, sb, rn) != 0 { SIGN } else { 0 }
}

/// A finite operand as the exact result of an operation (x + 0, ...): exact in quad, except
/// that a tiny one still underflows when UE=1.
fn round_operand(x: u128, env: Env) -> QRes {
    if is_zero(x) {
        return QRes::exact(x);
    }
    round(exact_of(unpack(x)), QUAD, env)
}

// ---- the operations ----

/// A finite nonzero value as a 256-bit term: (sign, significand with its top bit at 252 or
/// below, exponent of bit 0).
type Term = (bool, U256, i32);

fn term(n: Num) -> Term {
    (n.neg, U256::from(n.mant).shl_bits(140), n.exp - 112 - 140)
}

/// The exact sum of two nonzero terms; `None` for an exact zero. Both are first normalised
/// to their top bit at 253 (room for the carry), then the smaller is aligned with its lost
/// bits as a sticky bit: 140 bits below a quad's last place are more than rounding needs.
fn add_terms(a: Term, b: Term) -> Option<Exact> {
    let norm = |t: Term| {
        let s = t.1.leading_zeros().saturating_sub(2);
        (t.0, t.1.shl_bits(s), t.2 - s as i32)
    };
    let (a, b) = (norm(a), norm(b));
    let (hi, lo) = if a.2 >= b.2 { (a, b) } else { (b, a) };
    let lo_sig = lo.1.shr_jam((hi.2 - lo.2) as u32);
    let (neg, sum) = if hi.0 == lo.0 {
        (hi.0, hi.1.wrapping_add(lo_sig))
    } else {
        match hi.1.cmp(&lo_sig) {
            Ordering::Equal => return None,
            Ordering::Greater => (hi.0, hi.1.wrapping_sub(lo_sig)),
            Ordering::Less => (lo.0, lo_sig.wrapping_sub(hi.1)),
        }
    };
    Some(sum.to_exact(neg, hi.2))
}

/// `xsaddqp[o]`/`xssubqp[o]`: a ± b.
pub fn add(a: u128, b: u128, sub: bool, env: Env) -> QRes {
    if let Some(r) = propagate(&[a, b]) {
        return r;
    }
    let b = if sub { b ^ SIGN } else { b };
    match (is_inf(a), is_inf(b)) {
        (true, true) if is_neg(a) != is_neg(b) => return QRes::invalid(fpscr::VXISI),
        (true, _) => return QRes::exact(a),
        (_, true) => return QRes::exact(b),
        _ => {}
    }
    match (is_zero(a), is_zero(b)) {
        (true, true) => return QRes::exact(zero_sum_sign(is_neg(a), is_neg(b), env.rn)),
        (true, false) => return round_operand(b, env),
        (false, true) => return round_operand(a, env),
        _ => {}
    }
    match add_terms(term(unpack(a)), term(unpack(b))) {
        Some(x) => round(x, QUAD, env),
        None => QRes::exact(zero_sum_sign(false, true, env.rn)),
    }
}

/// `xsmulqp[o]`: a × c.
pub fn mul(a: u128, c: u128, env: Env) -> QRes {
    if let Some(r) = propagate(&[a, c]) {
        return r;
    }
    let sign = (a ^ c) & SIGN;
    if (is_inf(a) && is_zero(c)) || (is_zero(a) && is_inf(c)) {
        return QRes::invalid(fpscr::VXIMZ);
    }
    if is_inf(a) || is_inf(c) {
        return QRes::exact(sign | INF);
    }
    if is_zero(a) || is_zero(c) {
        return QRes::exact(sign);
    }
    let (x, y) = (unpack(a), unpack(c));
    round(U256::mul(x.mant, y.mant).to_exact(sign != 0, x.exp + y.exp - 224), QUAD, env)
}

/// `xsdivqp[o]`: a ÷ b.
pub fn div(a: u128, b: u128, env: Env) -> QRes {
    if let Some(r) = propagate(&[a, b]) {
        return r;
    }
    let sign = (a ^ b) & SIGN;
    match (is_inf(a), is_inf(b), is_zero(a), is_zero(b)) {
        (true, true, _, _) => return QRes::invalid(fpscr::VXIDI),
        (_, _, true, true) => return QRes::invalid(fpscr::VXZDZ),
        (true, _, _, _) => return QRes::exact(sign | INF),
        (_, true, _, _) | (_, _, true, _) => return QRes::exact(sign),
        (_, _, _, true) => {
            let bits = sign | INF;
            return QRes { bits, exc: fpscr::ZX, fr_fi: 0, fprf: classify(bits) };
        }
        _ => {}
    }
    let (x, y) = (unpack(a), unpack(b));
    // (mant_a × 2^125) / mant_b has 125 or 126 bits: two guard bits and more.
    let (q, rest) = div_256(U256::from(x.mant).shl_bits(125), y.mant);
    round(Exact::new(sign != 0, q, x.exp - y.exp - 125, rest), QUAD, env)
}

/// `xssqrtqp[o]`: √b.
pub fn sqrt(b: u128, env: Env) -> QRes {
    if let Some(r) = propagate(&[b]) {
        return r;
    }
    if is_zero(b) {
        return QRes::exact(b);
    }
    if is_neg(b) {
        return QRes::invalid(fpscr::VXSQRT);
    }
    if is_inf(b) {
        return QRes::exact(b);
    }
    let n = unpack(b);
    let (mut m, mut k) = (n.mant, n.exp - 112);
    if k & 1 != 0 {
        m <<= 1;
        k -= 1;
    }
    // m × 2^116 has 229 or 230 bits: a 115-bit root.
    let (r, rest) = isqrt_256(U256::from(m).shl_bits(116));
    round(Exact::new(false, r, (k - 116) / 2, rest), QUAD, env)
}

/// `xs[n]m{add,sub}qp[o]`: ±(a × c ± b), rounded once; NaN precedence a, b, c.
pub fn madd(a: u128, c: u128, b: u128, kind: MaddKind, env: Env) -> QRes {
    let imz = (is_inf(a) && is_zero(c)) || (is_zero(a) && is_inf(c));
    if let Some(mut r) = propagate(&[a, b, c]) {
        if imz {
            r.exc |= fpscr::VXIMZ;
        }
        return r;
    }
    if imz {
        return QRes::invalid(fpscr::VXIMZ);
    }
    let b = if kind.sub { b ^ SIGN } else { b };
    let r = madd_numeric(a, c, b, env);
    if kind.negate && !is_nan(r.bits) {
        let bits = r.bits ^ SIGN;
        QRes { bits, fprf: classify(bits), ..r }
    } else {
        r
    }
}

fn madd_numeric(a: u128, c: u128, b: u128, env: Env) -> QRes {
    let psign = (a ^ c) & SIGN;
    if is_inf(a) || is_inf(c) {
        if is_inf(b) && is_neg(b) != (psign != 0) {
            return QRes::invalid(fpscr::VXISI);
        }
        return QRes::exact(psign | INF);
    }
    if is_inf(b) {
        return QRes::exact(b);
    }
    if is_zero(a) || is_zero(c) {
        if is_zero(b) {
            return QRes::exact(zero_sum_sign(psign != 0, is_neg(b), env.rn));
        }
        return round_operand(b, env);
    }
    let (x, y) = (unpack(a), unpack(c));
    let p = U256::mul(x.mant, y.mant); // 225 or 226 bits
    let pe = x.exp + y.exp - 224;
    if is_zero(b) {
        return round(p.to_exact(psign != 0, pe), QUAD, env);
    }
    match add_terms((psign != 0, p, pe), term(unpack(b))) {
        Some(x) => round(x, QUAD, env),
        None => QRes::exact(zero_sum_sign(false, true, env.rn)),
    }
}

// ---- rounding and conversion ----

/// `xsrqpi[x]`: b rounded to an integral value by `rn`; `inexact` reported by the caller
/// (`xsrqpix` sets XX). SNaNs set VXSNAN.
pub fn round_to_integral(b: u128, rn: Rn) -> (QRes, bool) {
    if let Some(r) = propagate(&[b]) {
        return (r, false);
    }
    if is_inf(b) || is_zero(b) {
        return (QRes::exact(b), false);
    }
    let n = unpack(b);
    if n.exp >= 112 {
        return (QRes::exact(b), false);
    }
    let env = Env { rn, oe: false, ue: false };
    if n.exp < 0 {
        // |b| < 1: 0 or 1, by how the fraction compares with one half.
        let rest = if n.exp < -1 {
            Ordering::Less
        } else if n.mant == 1 << 112 {
            Ordering::Equal
        } else {
            Ordering::Greater
        };
        let up = match rn {
            Rn::Nearest => rest == Ordering::Greater,
            Rn::NearestAway => rest != Ordering::Less,
            Rn::Zero => false,
            Rn::Up => !n.neg,
            Rn::Down => n.neg,
            Rn::Odd => true,
        };
        let bits = if up { (b & SIGN) | 0x3fff << 112 } else { b & SIGN };
        return (QRes::exact(bits), true);
    }
    // The shared rounding with the precision set so that the last kept bit weighs 2^0.
    let p = Params { prec: n.exp + 1, emin: -1_000_000, emax: 1_000_000, bias_adjust: 0 };
    let r = fa::round_parts(exact_of(n), p, env);
    (QRes::exact(pack(n.neg, r.m, r.q)), r.inexact)
}

/// `xsrqpxp`: b rounded to double-extended precision (64-bit significand), quad format.
pub fn round_to_extended(b: u128, env: Env) -> QRes {
    if let Some(r) = propagate(&[b]) {
        return r;
    }
    if is_inf(b) || is_zero(b) {
        return QRes::exact(b);
    }
    round(exact_of(unpack(b)), EXTENDED, env)
}

/// `xscvdpqp`: a double converted exactly (SNaN quieted with VXSNAN).
pub fn from_double(d: u64) -> QRes {
    let sign = ((d >> 63) as u128) << 127;
    if fa::is_nan(d) {
        let bits = sign | INF | ((d & fa::FRAC) as u128) << 60 | QUIET;
        let exc = if fa::is_snan(d) { fpscr::VXSNAN } else { 0 };
        return QRes { bits, exc, fr_fi: 0, fprf: class::QNAN };
    }
    if fa::is_inf(d) {
        return QRes::exact(sign | INF);
    }
    if fa::is_zero(d) {
        return QRes::exact(sign);
    }
    let e = fa::exp_field(d);
    let (mant, exp) = if e == 0 {
        let f = d & fa::FRAC;
        let sh = f.leading_zeros() as i32 - 11;
        (f << sh, -1022 - sh)
    } else {
        ((d & fa::FRAC) | 1 << 52, e - 1023)
    };
    QRes::exact(pack(sign != 0, mant as u128, exp - 52))
}

/// `xscvqpdp[o]`: b rounded to double precision (the shared rounding of [`fa::round`]).
pub fn to_double(b: u128, env: Env) -> Res {
    let sign = ((b >> 127) as u64) << 63;
    if is_nan(b) {
        let bits = sign | fa::INF | fa::QUIET | ((b & FRAC) >> 60) as u64;
        let exc = if is_snan(b) { fpscr::VXSNAN } else { 0 };
        return Res { bits, exc, fr_fi: 0, fprf: class::QNAN };
    }
    if is_inf(b) {
        return Res::exact(sign | fa::INF, Fmt::Double);
    }
    if is_zero(b) {
        return Res::exact(sign, Fmt::Double);
    }
    fa::round(exact_of(unpack(b)), Fmt::Double, env).res()
}

/// `xscv{s,u}dqp`: the 64-bit integer `v` converted (always exact).
pub fn from_int(v: u64, signed: bool) -> QRes {
    let neg = signed && (v as i64) < 0;
    let mag = if neg { (v as i64).unsigned_abs() } else { v };
    QRes::exact(pack(neg, mag as u128, 0))
}

/// `xscvqp{s,u}{d,w}z`: b truncated to an integer of format `to` (as [`fa::to_int`]: out of
/// range and infinities saturate, NaNs give the most negative value (0 unsigned), VXCVI; an
/// inexact result sets XX and FI).
pub fn to_int(b: u128, to: IntFmt) -> Res {
    let sign = ((b >> 127) as u64) << 63;
    // NaNs, zeros, infinities and saturation: the double-format conversion's rules.
    if is_nan(b) {
        let d = if is_snan(b) { 0x7ff4_0000_0000_0000 } else { fa::DEFAULT_NAN };
        return fa::to_int(d, to, Rn::Zero);
    }
    if is_zero(b) {
        return fa::to_int(0, to, Rn::Zero);
    }
    let n = unpack(b);
    if is_inf(b) || n.exp >= 66 {
        return fa::to_int(sign | fa::INF, to, Rn::Zero);
    }
    let (int, inexact) = if n.exp < 0 {
        (0, true)
    } else {
        let sh = (112 - n.exp) as u32;
        (n.mant >> sh, n.mant & ((1u128 << sh) - 1) != 0)
    };
    let (max, neg_max) = if to.signed {
        ((1u128 << (to.bits - 1)) - 1, 1u128 << (to.bits - 1))
    } else {
        ((1u128 << to.bits) - 1, 0)
    };
    if int > if n.neg { neg_max } else { max } {
        return fa::to_int(sign | fa::INF, to, Rn::Zero);
    }
    let v = if n.neg { (int as u64).wrapping_neg() } else { int as u64 };
    let v = match (to.bits, to.signed) {
        (32, true) => v as u32 as i32 as i64 as u64,
        (32, false) => v as u32 as u64,
        _ => v,
    };
    let (exc, fr_fi) = if inexact { (fpscr::XX, fpscr::FI) } else { (0, 0) };
    Res { bits: v, exc, fr_fi, fprf: 0 }
}

// ---- compare and test ----

/// Comparison result as FL FG FE FU.
pub fn compare(a: u128, b: u128) -> u64 {
    if is_nan(a) || is_nan(b) {
        return 0b0001;
    }
    let key = |x: u128| -> (i8, u128) {
        if is_zero(x) {
            (0, 0)
        } else if is_neg(x) {
            (-1, !(x & !SIGN))
        } else {
            (1, x)
        }
    };
    fa::cc_of(key(a).cmp(&key(b)))
}

/// Status bits of `xscmpuqp` (VXSNAN) or `xscmpoqp` (also VXVC), as [`fa::compare_exceptions`].
pub fn compare_exceptions(a: u128, b: u128, ordered: bool, ve: bool) -> u64 {
    fa::compare_status(is_snan(a) || is_snan(b), is_nan(a) || is_nan(b), ordered, ve)
}

/// `xscmpexpqp`: the biased exponents compared (FU if either operand is a NaN).
pub fn compare_exp(a: u128, b: u128) -> u64 {
    if is_nan(a) || is_nan(b) {
        return 0b0001;
    }
    fa::cc_of(exp_field(a).cmp(&exp_field(b)))
}

/// `xststdcqp`: whether b's class is one DCMX selects (bit 0x40 NaN, 0x20 +∞, 0x10 −∞,
/// 0x08 +0, 0x04 −0, 0x02 +denormal, 0x01 −denormal).
pub fn test_data_class(b: u128, dcmx: u32) -> bool {
    let neg = is_neg(b);
    let pick = |p: u32, n: u32| if neg { n } else { p };
    let class = if is_nan(b) {
        0x40
    } else if is_inf(b) {
        pick(0x20, 0x10)
    } else if is_zero(b) {
        pick(0x08, 0x04)
    } else if exp_field(b) == 0 {
        pick(0x02, 0x01)
    } else {
        0
    };
    class & dcmx != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const RN: Env = Env { rn: Rn::Nearest, oe: false, ue: false };
    const ONE: u128 = 0x3fff << 112;
    const TWO: u128 = 0x4000 << 112;
    const THREE: u128 = 0x4000_8000 << 96;

    #[test]
    fn u256_arithmetic() {
        let p = U256::mul(u128::MAX, u128::MAX);
        assert_eq!(p, U256 { hi: u128::MAX - 1, lo: 1 });
        assert_eq!(U256::from(5).shl_bits(200).shr_bits(200), U256::from(5));
        assert_eq!(U256::from(5).shr_jam(1), U256::from(3));
        assert_eq!(div_256(U256::from(100), 7), (14, true));
        assert_eq!(isqrt_256(U256::from(1u128 << 100)), (1 << 50, false));
        assert_eq!(isqrt_256(U256::from(99)), (9, true));
    }

    #[test]
    fn basic_values() {
        assert_eq!(add(ONE, TWO, false, RN).bits, THREE);
        assert_eq!(mul(THREE, TWO, RN).bits, 0x4001_8000 << 96); // 6
        assert_eq!(div(ONE, THREE, RN).bits, 0x3ffd_5555_5555_5555_5555_5555_5555_5555); // 1/3
        assert_eq!(sqrt(0x4001 << 112, RN), QRes::exact(TWO)); // √4 = 2
        assert_eq!(from_int(3, true).bits, THREE);
        assert_eq!(from_double(3f64.to_bits()).bits, THREE);
    }
}
