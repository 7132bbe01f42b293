//! IEEE 754 binary floating point in software, guest-neutral: binary32, binary64 and binary128
//! (any `Fmt` up to 113 bits of precision) with every rounding mode and the exact exception
//! status, for front ends whose guests define flags, traps and results more precisely than a
//! host FPU delivers them (directed rounding, 128-bit formats, trap-enabled scaled results).
//!
//! Method: every operation computes its exact result (products in 256 bits, quotients and
//! square roots by integer division / root with the remainder as a sticky bit, sums aligned
//! with a sticky bit) and [`round`] rounds it once. Operands of every format are unpacked to a
//! 113-bit significand, so one code path serves all formats.
//!
//! Conventions (those of z/Architecture's BFP, which this was written for; see
//! `cpu-s390x/src/bfp_helpers.rs`):
//! - Tininess is detected before rounding: the exact nonzero result is below 2^emin.
//!   With underflow traps disabled, underflow is reported when the result is tiny *and*
//!   inexact; with traps enabled ([`Env::trap_unf`]) whenever it is tiny, and the result is
//!   the exact value multiplied by 2^alpha, rounded to full precision.
//! - Overflow with traps disabled gives infinity or the largest finite number (by rounding
//!   mode) and is inexact; with traps enabled ([`Env::trap_ovf`]) the rounded value divided by
//!   2^alpha is delivered.
//! - NaNs: the first signalling NaN among the operands (in the order the caller passes them)
//!   quieted, else the first quiet NaN; any SNaN is an invalid operation. Invalid operations
//!   without a NaN operand give the default NaN (positive, quiet bit only).
//! - `incremented`: the delivered magnitude is larger than the exact one.
//!
//! cpu-ppc64's `fp_arith`/`fp_quad` use the same method under POWER's rules (first-NaN
//! propagation, FPRF); moving them onto this module is left for later.
//!
//! Host fast path ([`host`]): binary64 add, subtract, multiply, divide and square root in
//! round-to-nearest-even with normal operands are done by the host FPU when its result is
//! provably the one above — a normal result strictly above the smallest normal (no
//! overflow, no tininess question), with inexactness and "incremented" taken from the exact
//! error term (two-sum for sums, a fused multiply-add residual for the others). Anything
//! else takes the software path. `BIGIRON_FP_SOFT=1` turns the fast path off.

use std::cmp::Ordering;

/// A binary interchange format: exponent and fraction widths, and the exponent adjustment
/// of trap-enabled overflow/underflow results (192, 1536, 24576 for the three formats).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fmt {
    pub ebits: u32,
    pub fbits: u32,
    pub alpha: i32,
}

pub const F32: Fmt = Fmt { ebits: 8, fbits: 23, alpha: 192 };
pub const F64: Fmt = Fmt { ebits: 11, fbits: 52, alpha: 1536 };
pub const F128: Fmt = Fmt { ebits: 15, fbits: 112, alpha: 24576 };

impl Fmt {
    pub const fn bias(self) -> i32 {
        (1 << (self.ebits - 1)) - 1
    }
    pub const fn emin(self) -> i32 {
        1 - self.bias()
    }
    pub const fn emax(self) -> i32 {
        self.bias()
    }
    pub const fn prec(self) -> i32 {
        self.fbits as i32 + 1
    }
    pub const fn sign(self) -> u128 {
        1 << (self.ebits + self.fbits)
    }
    pub const fn inf(self) -> u128 {
        ((1 << self.ebits) - 1) << self.fbits
    }
    pub const fn quiet(self) -> u128 {
        1 << (self.fbits - 1)
    }
    pub const fn frac_mask(self) -> u128 {
        (1 << self.fbits) - 1
    }
    pub const fn default_nan(self) -> u128 {
        self.inf() | self.quiet()
    }
    pub fn is_nan(self, x: u128) -> bool {
        x & !self.sign() > self.inf()
    }
    pub fn is_snan(self, x: u128) -> bool {
        self.is_nan(x) && x & self.quiet() == 0
    }
    pub fn is_inf(self, x: u128) -> bool {
        x & !self.sign() == self.inf()
    }
    pub fn is_zero(self, x: u128) -> bool {
        x & !self.sign() == 0
    }
    pub fn is_neg(self, x: u128) -> bool {
        x & self.sign() != 0
    }
    pub fn exp_field(self, x: u128) -> i32 {
        ((x >> self.fbits) & ((1 << self.ebits) - 1)) as i32
    }
    pub fn class(self, x: u128) -> Class {
        let e = self.exp_field(x);
        if self.is_nan(x) {
            if self.is_snan(x) { Class::SNaN } else { Class::QNaN }
        } else if self.is_inf(x) {
            Class::Inf
        } else if self.is_zero(x) {
            Class::Zero
        } else if e == 0 {
            Class::Subnormal
        } else {
            Class::Normal
        }
    }
}

/// Data classes (the sign is separate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Zero,
    Normal,
    Subnormal,
    Inf,
    QNaN,
    SNaN,
}

/// Rounding modes; `Odd` is round-to-odd ("prepare for shorter precision").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rn {
    NearestEven,
    Zero,
    Up,
    Down,
    NearestAway,
    Odd,
}

/// What rounding depends on besides the value: the mode and whether overflow/underflow
/// traps are enabled (they change the delivered value).
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub rn: Rn,
    pub trap_ovf: bool,
    pub trap_unf: bool,
}

impl Env {
    pub const fn new(rn: Rn) -> Env {
        Env { rn, trap_ovf: false, trap_unf: false }
    }
}

/// The IEEE exceptions an operation raised (see the module docs for overflow/underflow).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub invalid: bool,
    pub divzero: bool,
    pub overflow: bool,
    pub underflow: bool,
    pub inexact: bool,
    pub incremented: bool,
}

/// A result and its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Res {
    pub bits: u128,
    pub fl: Flags,
}

impl Res {
    pub fn exact(bits: u128) -> Res {
        Res { bits, fl: Flags::default() }
    }
    pub fn invalid(bits: u128) -> Res {
        Res { bits, fl: Flags { invalid: true, ..Flags::default() } }
    }
}

// ---- 256-bit arithmetic ----

/// Unsigned 256-bit integer (`hi` compares first).
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
    pub fn mul(a: u128, b: u128) -> U256 {
        const M: u128 = u64::MAX as u128;
        let (a1, a0, b1, b0) = (a >> 64, a & M, b >> 64, b & M);
        let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
        let mid = (p00 >> 64) + (p01 & M) + (p10 & M);
        U256 { hi: p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), lo: (p00 & M) | (mid << 64) }
    }
    pub fn is_zero(self) -> bool {
        self.hi == 0 && self.lo == 0
    }
    pub fn leading_zeros(self) -> u32 {
        if self.hi != 0 { self.hi.leading_zeros() } else { 128 + self.lo.leading_zeros() }
    }
    pub fn shl(self, d: u32) -> U256 {
        match d {
            0 => self,
            1..=127 => U256 { hi: self.hi << d | self.lo >> (128 - d), lo: self.lo << d },
            128..=255 => U256 { hi: self.lo << (d - 128), lo: 0 },
            _ => U256::ZERO,
        }
    }
    pub fn shr(self, d: u32) -> U256 {
        match d {
            0 => self,
            1..=127 => U256 { hi: self.hi >> d, lo: self.lo >> d | self.hi << (128 - d) },
            128..=255 => U256 { hi: 0, lo: self.hi >> (d - 128) },
            _ => U256::ZERO,
        }
    }
    /// `self >> d` with the lost bits ORed into bit 0.
    pub fn shr_jam(self, d: u32) -> U256 {
        let r = self.shr(d);
        let lost = d > 0 && if d >= 256 { !self.is_zero() } else { r.shl(d) != self };
        U256 { lo: r.lo | lost as u128, ..r }
    }
    pub fn add(self, o: U256) -> U256 {
        let (lo, c) = self.lo.overflowing_add(o.lo);
        U256 { hi: self.hi.wrapping_add(o.hi).wrapping_add(c as u128), lo }
    }
    pub fn sub(self, o: U256) -> U256 {
        let (lo, b) = self.lo.overflowing_sub(o.lo);
        U256 { hi: self.hi.wrapping_sub(o.hi).wrapping_sub(b as u128), lo }
    }
    /// The nonzero value `self × 2^e` as an [`Exact`] (top 128 bits, the rest sticky).
    pub fn to_exact(self, neg: bool, e: i32) -> Exact {
        let lz = self.leading_zeros();
        let n = self.shl(lz);
        Exact { neg, exp: e + 255 - lz as i32, sig: n.hi | (n.lo != 0) as u128 }
    }
}

/// ⌊n / d⌋ (must fit 128 bits) and whether the remainder is nonzero; d < 2^127.
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

/// ⌊√n⌋ digit by digit, and whether it is inexact.
fn isqrt_256(n: U256) -> (u128, bool) {
    let (mut rem, mut root) = (U256::ZERO, U256::ZERO);
    for i in (0..128).rev() {
        let pair = n.shr(2 * i).lo & 3;
        rem = rem.shl(2).add(U256::from(pair));
        let trial = root.shl(2).add(U256::from(1));
        root = root.shl(1);
        if rem >= trial {
            rem = rem.sub(trial);
            root = root.add(U256::from(1));
        }
    }
    (root.lo, !rem.is_zero())
}

/// ⌊√n⌋ for n < 2^127 (Newton from the host's estimate, then corrected).
fn isqrt_128(n: u128) -> u128 {
    if n == 0 {
        return 0;
    }
    let mut x = (n as f64).sqrt() as u128 + (1 << 12);
    loop {
        let y = (x + n / x) >> 1;
        if y >= x {
            break;
        }
        x = y;
    }
    while x * x > n {
        x -= 1;
    }
    while (x + 1) * (x + 1) <= n {
        x += 1;
    }
    x
}

// ---- exact values and rounding ----

/// A finite nonzero operand: |x| = mant × 2^(exp − 112), bit 112 of mant set.
#[derive(Clone, Copy, Debug)]
struct Num {
    neg: bool,
    exp: i32,
    mant: u128,
}

fn unpack(f: Fmt, x: u128) -> Num {
    let e = f.exp_field(x);
    let fr = x & f.frac_mask();
    let neg = f.is_neg(x);
    if e == 0 {
        let nb = 128 - fr.leading_zeros() as i32;
        Num { neg, exp: f.emin() - f.fbits as i32 + nb - 1, mant: fr << (113 - nb) }
    } else {
        Num { neg, exp: e - f.bias(), mant: (fr | 1 << f.fbits) << (112 - f.fbits) }
    }
}

/// An exact (or sticky-marked) nonzero value: |v| = sig × 2^(exp − 127), bit 127 of sig set;
/// bit 0 may be a sticky bit (at least 15 bits lie below any format's last place).
#[derive(Clone, Copy, Debug)]
pub struct Exact {
    pub neg: bool,
    pub exp: i32,
    pub sig: u128,
}

impl Exact {
    /// (m + δ) × 2^e with δ ∈ (0, 1) if `sticky`; m nonzero.
    pub fn new(neg: bool, m: u128, e: i32, sticky: bool) -> Exact {
        let lz = m.leading_zeros();
        Exact { neg, exp: e + 127 - lz as i32, sig: (m << lz) | sticky as u128 }
    }
    fn of(n: Num) -> Exact {
        Exact::new(n.neg, n.mant, n.exp - 112, false)
    }
}

/// Packs ±m × 2^q (m < 2^prec, normal or the denormalised result of [`round`]).
fn pack(f: Fmt, neg: bool, m: u128, q: i32) -> u128 {
    let sign = if neg { f.sign() } else { 0 };
    if m == 0 {
        return sign;
    }
    let nb = 128 - m.leading_zeros() as i32;
    let e = q + nb - 1;
    if e > f.emax() {
        sign | f.inf()
    } else if e >= f.emin() {
        sign | ((e + f.bias()) as u128) << f.fbits | ((m << (f.prec() - nb)) & f.frac_mask())
    } else {
        let s = q - (f.emin() - f.fbits as i32);
        sign | if s >= 0 { m << s } else if s > -128 { m >> -s } else { 0 }
    }
}

/// Rounds `x` once to format `f` (module docs: tininess before rounding, trap scaling).
pub fn round(x: Exact, f: Fmt, env: Env) -> Res {
    let (prec, emin) = (f.prec(), f.emin());
    let mut fl = Flags::default();
    let mut e = x.exp;
    let tiny = e < emin;
    if tiny && env.trap_unf {
        e += f.alpha;
        fl.underflow = true;
    }
    let q = e.max(emin) - (prec - 1);
    let kq = (q - e + 127) as u32; // bits of sig below the last place (≥ 15)
    let (m, rest, inexact) = if kq >= 129 {
        (0u128, Ordering::Less, true)
    } else if kq == 128 {
        (0u128, if x.sig == 1 << 127 { Ordering::Equal } else { Ordering::Greater }, true)
    } else {
        let rem = x.sig & ((1u128 << kq) - 1);
        (x.sig >> kq, rem.cmp(&(1u128 << (kq - 1))), rem != 0)
    };
    let up = inexact
        && match env.rn {
            Rn::NearestEven => rest == Ordering::Greater || (rest == Ordering::Equal && m & 1 == 1),
            Rn::NearestAway => rest != Ordering::Less,
            Rn::Zero => false,
            Rn::Up => !x.neg,
            Rn::Down => x.neg,
            Rn::Odd => m & 1 == 0,
        };
    let mut m = m + up as u128;
    let mut q = q;
    if m == 1 << prec {
        m >>= 1;
        q += 1;
    }
    fl.inexact = inexact;
    fl.incremented = up;
    if m >= 1 << (prec - 1) && q + prec - 1 > f.emax() {
        fl.overflow = true;
        if env.trap_ovf {
            q -= f.alpha;
        } else {
            let to_inf = match env.rn {
                Rn::NearestEven | Rn::NearestAway => true,
                Rn::Zero | Rn::Odd => false,
                Rn::Up => !x.neg,
                Rn::Down => x.neg,
            };
            fl.inexact = true;
            fl.incremented = to_inf;
            let sign = if x.neg { f.sign() } else { 0 };
            let bits = if to_inf { sign | f.inf() } else { sign | (f.inf() - 1) };
            return Res { bits, fl };
        }
    }
    if !env.trap_unf {
        fl.underflow = tiny && inexact;
    }
    Res { bits: pack(f, x.neg, m, q), fl }
}

/// A finite value delivered as the exact result of an operation (x + 0 ...): unchanged,
/// except that a tiny one still underflows when underflow traps are enabled.
fn round_operand(f: Fmt, x: u128, env: Env) -> Res {
    if f.is_zero(x) {
        return Res::exact(x);
    }
    round(Exact::of(unpack(f, x)), f, env)
}

/// The NaN result of `ops` (first SNaN quieted, else first QNaN), invalid if any is an SNaN.
pub fn pick_nan(f: Fmt, ops: &[u128]) -> Option<Res> {
    let snan = ops.iter().copied().find(|&x| f.is_snan(x));
    let nan = snan.or_else(|| ops.iter().copied().find(|&x| f.is_nan(x)))?;
    Some(Res { bits: nan | f.quiet(), fl: Flags { invalid: snan.is_some(), ..Flags::default() } })
}

fn zero_sum(f: Fmt, sa: bool, sb: bool, rn: Rn) -> u128 {
    let neg = if sa == sb { sa } else { rn == Rn::Down };
    if neg { f.sign() } else { 0 }
}

type Term = (bool, U256, i32);

fn term(n: Num) -> Term {
    (n.neg, U256::from(n.mant).shl(140), n.exp - 112 - 140)
}

/// The exact sum of two nonzero terms (`None` for an exact zero): both normalised with the
/// top bit at 253, the smaller aligned with a sticky bit.
fn add_terms(a: Term, b: Term) -> Option<Exact> {
    let norm = |t: Term| {
        let s = t.1.leading_zeros().saturating_sub(2);
        (t.0, t.1.shl(s), t.2 - s as i32)
    };
    let (a, b) = (norm(a), norm(b));
    let (hi, lo) = if a.2 >= b.2 { (a, b) } else { (b, a) };
    let lo_sig = lo.1.shr_jam((hi.2 - lo.2) as u32);
    let (neg, sum) = if hi.0 == lo.0 {
        (hi.0, hi.1.add(lo_sig))
    } else {
        match hi.1.cmp(&lo_sig) {
            Ordering::Equal => return None,
            Ordering::Greater => (hi.0, hi.1.sub(lo_sig)),
            Ordering::Less => (lo.0, lo_sig.sub(hi.1)),
        }
    };
    Some(sum.to_exact(neg, hi.2))
}

// ---- host fast path ----

/// The host fast path (see the module docs).
mod host {
    use super::{Env, Flags, Fmt, Res, Rn, F64};
    use std::sync::atomic::{AtomicU8, Ordering};

    /// An operation [`nearest_f64`] does.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum Op {
        /// x + y
        Add,
        /// x × y
        Mul,
        /// x ÷ y
        Div,
        /// √y (x unused)
        Sqrt,
    }

    // 0 undecided, 1 on, 2 off.
    static STATE: AtomicU8 = AtomicU8::new(0);

    /// Turns the fast path on or off (tests compare both paths).
    pub fn set_enabled(on: bool) {
        STATE.store(if on { 1 } else { 2 }, Ordering::Relaxed);
    }

    fn enabled() -> bool {
        match STATE.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let on = std::env::var_os("BIGIRON_FP_SOFT").is_none_or(|v| v == "0");
                set_enabled(on);
                on
            }
        }
    }

    fn normal(x: f64) -> bool {
        x.is_normal()
    }

    /// `op` on binary64 `a`, `b` (as bits), or `None` when the software path must decide.
    pub(super) fn try_op(op: Op, f: Fmt, a: u128, b: u128, env: Env) -> Option<Res> {
        if f != F64 || env.rn != Rn::NearestEven || !enabled() {
            return None;
        }
        let (r, rounded_up) = nearest_f64(op, f64::from_bits(a as u64), f64::from_bits(b as u64))?;
        let fl = match rounded_up {
            None => Flags::default(),
            Some(up) => Flags { inexact: true, incremented: up, ..Flags::default() },
        };
        Some(Res { bits: r.to_bits() as u128, fl })
    }

    /// `op` (`y` alone for `Sqrt`) in binary64, rounding to nearest even, computed by the
    /// host without touching its control register (the process runs in the default MXCSR:
    /// round to nearest, exceptions masked). Answers only when nothing but inexactness can be
    /// signalled: normal operands, a normal result well above the subnormal range (so no
    /// overflow, underflow, invalid operation or zero divide). Returns the result and, when it
    /// is inexact, whether its magnitude was rounded up (the exact value lies nearer zero).
    ///
    /// Inexactness comes from an error-free transformation rather than from the host's flags:
    /// two-sum for the sum, a fused multiply-add for the product's error, the quotient's and
    /// the root's remainders. Each error term is a representable number when the result (and
    /// dividend, radicand) is far from the subnormal range, so it is exact.
    pub fn nearest_f64(op: Op, x: f64, y: f64) -> Option<(f64, Option<bool>)> {
        let (r, err_toward_zero) = match op {
            Op::Add => {
                if !normal(x) || !normal(y) {
                    return None;
                }
                let r = x + y;
                // Two-sum: x + y = r + e exactly (round to nearest, no overflow).
                let bb = r - x;
                let e = (x - (r - bb)) + (y - bb);
                (r, (e != 0.0).then_some(e.is_sign_negative() != r.is_sign_negative()))
            }
            Op::Mul => {
                if !normal(x) || !normal(y) {
                    return None;
                }
                let r = x * y;
                let e = x.mul_add(y, -r);
                (r, (e != 0.0).then_some(e.is_sign_negative() != r.is_sign_negative()))
            }
            Op::Div => {
                if !normal(x) || !normal(y) {
                    return None;
                }
                let r = x / y;
                let rem = (-r).mul_add(y, x);
                let toward = rem.is_sign_negative() != y.is_sign_negative();
                (r, (rem != 0.0).then_some(toward != r.is_sign_negative()))
            }
            Op::Sqrt => {
                if !normal(y) || y.is_sign_negative() {
                    return None;
                }
                let r = y.sqrt();
                let rem = (-r).mul_add(r, y);
                (r, (rem != 0.0).then_some(rem.is_sign_negative()))
            }
        };
        const LOW: f64 = 1.0 / (1u128 << 100) as f64 / (1u128 << 100) as f64 / (1u128 << 100) as f64; // 2^-300
        let low = LOW * LOW * LOW; // 2^-900
        let checked = match op {
            Op::Div => x.abs(),
            Op::Sqrt => y.abs(),
            _ => r.abs(),
        };
        if !r.is_normal() || r.abs() < low || checked < low {
            return None;
        }
        Some((r, err_toward_zero))
    }
}

pub use host::set_enabled as set_host_fast_path;
pub use host::{nearest_f64 as host_nearest_f64, Op as HostArith};

// ---- operations ----

/// a + b (or a − b).
pub fn add(f: Fmt, a: u128, b: u128, sub: bool, env: Env) -> Res {
    if let Some(r) = host::try_op(host::Op::Add, f, a, if sub { b ^ f.sign() } else { b }, env) {
        return r;
    }
    if let Some(r) = pick_nan(f, &[a, b]) {
        return r;
    }
    let b = if sub { b ^ f.sign() } else { b };
    match (f.is_inf(a), f.is_inf(b)) {
        (true, true) if f.is_neg(a) != f.is_neg(b) => return Res::invalid(f.default_nan()),
        (true, _) => return Res::exact(a),
        (_, true) => return Res::exact(b),
        _ => {}
    }
    match (f.is_zero(a), f.is_zero(b)) {
        (true, true) => return Res::exact(zero_sum(f, f.is_neg(a), f.is_neg(b), env.rn)),
        (true, false) => return round_operand(f, b, env),
        (false, true) => return round_operand(f, a, env),
        _ => {}
    }
    match add_terms(term(unpack(f, a)), term(unpack(f, b))) {
        Some(x) => round(x, f, env),
        None => Res::exact(zero_sum(f, false, true, env.rn)),
    }
}

/// a × b.
pub fn mul(f: Fmt, a: u128, b: u128, env: Env) -> Res {
    if let Some(r) = host::try_op(host::Op::Mul, f, a, b, env) {
        return r;
    }
    if let Some(r) = pick_nan(f, &[a, b]) {
        return r;
    }
    let sign = (a ^ b) & f.sign();
    if (f.is_inf(a) && f.is_zero(b)) || (f.is_zero(a) && f.is_inf(b)) {
        return Res::invalid(f.default_nan());
    }
    if f.is_inf(a) || f.is_inf(b) {
        return Res::exact(sign | f.inf());
    }
    if f.is_zero(a) || f.is_zero(b) {
        return Res::exact(sign);
    }
    let (x, y) = (unpack(f, a), unpack(f, b));
    round(U256::mul(x.mant, y.mant).to_exact(sign != 0, x.exp + y.exp - 224), f, env)
}

/// a ÷ b.
pub fn div(f: Fmt, a: u128, b: u128, env: Env) -> Res {
    if let Some(r) = host::try_op(host::Op::Div, f, a, b, env) {
        return r;
    }
    if let Some(r) = pick_nan(f, &[a, b]) {
        return r;
    }
    let sign = (a ^ b) & f.sign();
    match (f.is_inf(a), f.is_inf(b), f.is_zero(a), f.is_zero(b)) {
        (true, true, _, _) | (_, _, true, true) => return Res::invalid(f.default_nan()),
        (true, _, _, _) => return Res::exact(sign | f.inf()),
        (_, true, _, _) | (_, _, true, _) => return Res::exact(sign),
        (_, _, _, true) => {
            return Res { bits: sign | f.inf(), fl: Flags { divzero: true, ..Flags::default() } };
        }
        _ => {}
    }
    let (x, y) = (unpack(f, a), unpack(f, b));
    let neg = sign != 0;
    if f.prec() <= 53 {
        // At most 53-bit significands: (ma << 74) / mb has ≥ 74 bits in native division.
        let (ma, mb) = (x.mant >> 60, y.mant >> 60);
        let n = ma << 74;
        return round(Exact::new(neg, n / mb, x.exp - y.exp - 74, n % mb != 0), f, env);
    }
    let (q, rest) = div_256(U256::from(x.mant).shl(125), y.mant);
    round(Exact::new(neg, q, x.exp - y.exp - 125, rest), f, env)
}

/// √b.
pub fn sqrt(f: Fmt, b: u128, env: Env) -> Res {
    if let Some(r) = host::try_op(host::Op::Sqrt, f, 0, b, env) {
        return r;
    }
    if let Some(r) = pick_nan(f, &[b]) {
        return r;
    }
    if f.is_zero(b) || (f.is_inf(b) && !f.is_neg(b)) {
        return Res::exact(b);
    }
    if f.is_neg(b) {
        return Res::invalid(f.default_nan());
    }
    let n = unpack(f, b);
    if f.prec() <= 53 {
        let (mut m, mut k) = (n.mant >> 60, n.exp - 52);
        if k & 1 != 0 {
            m <<= 1;
            k -= 1;
        }
        let big = m << 72; // ≤ 126 bits: a ≥ 62-bit root
        let r = isqrt_128(big);
        return round(Exact::new(false, r, (k - 72) / 2, r * r != big), f, env);
    }
    let (mut m, mut k) = (n.mant, n.exp - 112);
    if k & 1 != 0 {
        m <<= 1;
        k -= 1;
    }
    let (r, rest) = isqrt_256(U256::from(m).shl(116));
    round(Exact::new(false, r, (k - 116) / 2, rest), f, env)
}

/// x × y + z rounded once (z negated first if `neg_z`, NaNs excepted). NaN precedence is
/// x, y, z; ∞ × 0 is invalid with the default NaN even when z is a quiet NaN.
pub fn fma(f: Fmt, x: u128, y: u128, z: u128, neg_z: bool, env: Env) -> Res {
    let imz = (f.is_inf(x) && f.is_zero(y)) || (f.is_zero(x) && f.is_inf(y));
    if imz {
        return Res::invalid(f.default_nan());
    }
    if let Some(r) = pick_nan(f, &[x, y, z]) {
        return r;
    }
    let z = if neg_z { z ^ f.sign() } else { z };
    let psign = (x ^ y) & f.sign();
    if f.is_inf(x) || f.is_inf(y) {
        if f.is_inf(z) && f.is_neg(z) != (psign != 0) {
            return Res::invalid(f.default_nan());
        }
        return Res::exact(psign | f.inf());
    }
    if f.is_inf(z) {
        return Res::exact(z);
    }
    if f.is_zero(x) || f.is_zero(y) {
        if f.is_zero(z) {
            return Res::exact(zero_sum(f, psign != 0, f.is_neg(z), env.rn));
        }
        return round_operand(f, z, env);
    }
    let (a, b) = (unpack(f, x), unpack(f, y));
    let p = U256::mul(a.mant, b.mant);
    let pe = a.exp + b.exp - 224;
    if f.is_zero(z) {
        return round(p.to_exact(psign != 0, pe), f, env);
    }
    match add_terms((psign != 0, p, pe), term(unpack(f, z))) {
        Some(e) => round(e, f, env),
        None => Res::exact(zero_sum(f, false, true, env.rn)),
    }
}

/// `x` (format `from`) converted to format `to` and rounded: NaNs keep the leftmost
/// fraction bits that fit, quieted (SNaN: invalid).
pub fn convert(from: Fmt, to: Fmt, x: u128, env: Env) -> Res {
    let neg = from.is_neg(x);
    let sign = if neg { to.sign() } else { 0 };
    if from.is_nan(x) {
        let fr = (x & from.frac_mask()) << (112 - from.fbits) >> (112 - to.fbits);
        let bits = sign | to.inf() | fr | to.quiet();
        return Res { bits, fl: Flags { invalid: from.is_snan(x), ..Flags::default() } };
    }
    if from.is_inf(x) {
        return Res::exact(sign | to.inf());
    }
    if from.is_zero(x) {
        return Res::exact(sign);
    }
    round(Exact::of(unpack(from, x)), to, env)
}

/// `x` widened exactly from `from` to the wider `to`, SNaNs kept signalling (for
/// multiplications whose operands are lengthened first).
pub fn widen_raw(from: Fmt, to: Fmt, x: u128) -> u128 {
    let sign = if from.is_neg(x) { to.sign() } else { 0 };
    if from.is_nan(x) {
        return sign | to.inf() | (x & from.frac_mask()) << (to.fbits - from.fbits);
    }
    convert(from, to, x, Env::new(Rn::NearestEven)).bits
}

/// |x| rounded to an integer by `rn` (directed modes by x's sign): (magnitude, saturated at
/// 2^113 and above; inexact; incremented).
fn round_int(n: Num, rn: Rn) -> (u128, bool, bool) {
    let sh = n.exp - 112;
    if sh >= 0 {
        return (if sh > 14 { 1 << 127 } else { n.mant << sh }, false, false);
    }
    let sh = (-sh) as u32;
    let (int, rem, half) = if sh > 113 {
        (0, 1u128, 2u128) // far below one half
    } else {
        (n.mant >> sh, n.mant & ((1u128 << sh) - 1), 1u128 << (sh - 1))
    };
    let inexact = rem != 0;
    let up = inexact
        && match rn {
            Rn::NearestEven => rem > half || (rem == half && int & 1 == 1),
            Rn::NearestAway => rem >= half,
            Rn::Zero => false,
            Rn::Up => !n.neg,
            Rn::Down => n.neg,
            Rn::Odd => int & 1 == 0,
        };
    (int + up as u128, inexact, up)
}

/// `x` rounded to an integral value in its own format (SNaN: invalid; inexact reported).
pub fn round_to_integral(f: Fmt, x: u128, rn: Rn) -> Res {
    if let Some(r) = pick_nan(f, &[x]) {
        return r;
    }
    if f.is_inf(x) || f.is_zero(x) {
        return Res::exact(x);
    }
    let n = unpack(f, x);
    if n.exp >= f.fbits as i32 {
        return Res::exact(x);
    }
    let (mag, inexact, up) = round_int(n, rn);
    let sign = x & f.sign();
    let bits = if mag == 0 { sign } else { sign | round(Exact::new(n.neg, mag, 0, false), f, Env::new(rn)).bits };
    Res { bits, fl: Flags { inexact, incremented: up, ..Flags::default() } }
}

/// Conversion to a `bits`-bit signed or unsigned integer: `Ok((value, inexact,
/// incremented))` (value as two's complement in a u64, 32-bit ones zero-extended), or
/// `Err(())` for a NaN, an infinity or a value out of range after rounding.
pub fn to_int(f: Fmt, x: u128, signed: bool, bits: u32, rn: Rn) -> Result<(u64, bool, bool), ()> {
    if f.is_nan(x) || f.is_inf(x) {
        return Err(());
    }
    if f.is_zero(x) {
        return Ok((0, false, false));
    }
    let n = unpack(f, x);
    let (mag, inexact, up) = round_int(n, rn);
    let max = if signed { (1u128 << (bits - 1)) - 1 } else { (1u128 << bits) - 1 };
    let neg_max = if signed { 1u128 << (bits - 1) } else { 0 };
    if (n.neg && mag > neg_max) || (!n.neg && mag > max) {
        return Err(());
    }
    let v = if n.neg { (mag as u64).wrapping_neg() } else { mag as u64 };
    let v = if bits == 32 { v & 0xffff_ffff } else { v };
    Ok((v, inexact, up))
}

/// The integer ±mag converted to format `f` and rounded.
pub fn from_int(f: Fmt, neg: bool, mag: u64, env: Env) -> Res {
    if mag == 0 {
        return Res::exact(0);
    }
    round(Exact::new(neg, mag as u128, 0, false), f, env)
}

/// Numeric comparison: `None` if either is a NaN; −0 equals +0.
pub fn compare(f: Fmt, a: u128, b: u128) -> Option<Ordering> {
    if f.is_nan(a) || f.is_nan(b) {
        return None;
    }
    let key = |x: u128| -> (i8, u128) {
        if f.is_zero(x) {
            (0, 0)
        } else if f.is_neg(x) {
            (-1, !(x & !f.sign()))
        } else {
            (1, x)
        }
    };
    Some(key(a).cmp(&key(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    const RN: Env = Env::new(Rn::NearestEven);
    fn d(x: f64) -> u128 {
        x.to_bits() as u128
    }
    fn s(x: f32) -> u128 {
        x.to_bits() as u128
    }

    #[test]
    fn matches_the_host_in_round_to_nearest() {
        let vals = [1.0f64, 3.0, 0.1, -7.25, 1e300, 1e-300, 4.9e-324, 2.5e-310, 123456.789, -0.0];
        for &a in &vals {
            for &b in &vals {
                assert_eq!(add(F64, d(a), d(b), false, RN).bits, d(a + b), "{a}+{b}");
                assert_eq!(add(F64, d(a), d(b), true, RN).bits, d(a - b), "{a}-{b}");
                assert_eq!(mul(F64, d(a), d(b), RN).bits, d(a * b), "{a}*{b}");
                if b != 0.0 {
                    assert_eq!(div(F64, d(a), d(b), RN).bits, d(a / b), "{a}/{b}");
                }
                assert_eq!(fma(F64, d(a), d(b), d(0.3), false, RN).bits, d(a.mul_add(b, 0.3)), "fma {a} {b}");
                let (fa, fb) = (a as f32, b as f32);
                if !(fa * fb).is_nan() {
                    assert_eq!(mul(F32, s(fa), s(fb), RN).bits, s(fa * fb));
                }
                if !(fa + fb).is_nan() {
                    assert_eq!(add(F32, s(fa), s(fb), false, RN).bits, s(fa + fb));
                }
            }
            assert_eq!(sqrt(F64, d(a.abs()), RN).bits, d(a.abs().sqrt()));
        }
    }

    #[test]
    fn binary32_agrees_with_host_doubles_rounded_once_more() {
        // f64 has more than 2×24+2 bits, so an f32 operation computed in f64 and rounded to
        // f32 is correctly rounded: a reference for random operands, subnormals included.
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let b = (x >> 32) as u32;
            // Bias towards small exponents now and then, to reach subnormal results.
            if x & 7 == 0 { b & 0x81ff_ffff } else { b }
        };
        for _ in 0..20000 {
            let (a, b) = (f32::from_bits(next()), f32::from_bits(next()));
            let (ua, ub) = (a.to_bits() as u128, b.to_bits() as u128);
            let checks = [
                (add(F32, ua, ub, false, RN).bits, (a as f64 + b as f64) as f32),
                (mul(F32, ua, ub, RN).bits, (a as f64 * b as f64) as f32),
                (div(F32, ua, ub, RN).bits, (a as f64 / b as f64) as f32),
                (sqrt(F32, ua, RN).bits, (a as f64).sqrt() as f32),
            ];
            for (i, (got, want)) in checks.into_iter().enumerate() {
                if !want.is_nan() {
                    assert_eq!(got, want.to_bits() as u128, "op {i} on {a:e} {b:e}");
                }
            }
        }
    }

    #[test]
    fn binary64_agrees_with_the_host_on_random_operands() {
        let mut x = 0x0fed_cba9_8765_4321u64;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let b = x ^ (x >> 29);
            if x & 7 == 0 { b & 0x801f_ffff_ffff_ffff } else { b }
        };
        for _ in 0..20000 {
            let (a, b, c) = (f64::from_bits(next()), f64::from_bits(next()), f64::from_bits(next()));
            let (ua, ub, uc) = (d(a), d(b), d(c));
            let checks = [
                (add(F64, ua, ub, true, RN).bits, a - b),
                (mul(F64, ua, ub, RN).bits, a * b),
                (div(F64, ua, ub, RN).bits, a / b),
                (sqrt(F64, ua, RN).bits, a.sqrt()),
                (fma(F64, ua, ub, uc, false, RN).bits, a.mul_add(b, c)),
            ];
            for (i, (got, want)) in checks.into_iter().enumerate() {
                if !want.is_nan() {
                    assert_eq!(got, d(want), "op {i} on {a:e} {b:e} {c:e}");
                }
            }
        }
    }

    #[test]
    fn quad_basics() {
        let one = 0x3fffu128 << 112;
        let two = 0x4000u128 << 112;
        let three = (0x4000u128 << 112) | 1 << 111;
        assert_eq!(add(F128, one, two, false, RN).bits, three);
        assert_eq!(mul(F128, three, two, RN).bits, (0x4001u128 << 112) | 1 << 111);
        let r = div(F128, one, three, RN);
        assert!(r.fl.inexact);
        assert_eq!(r.bits, (0x3ffdu128 << 112) | 0x5555_5555_5555_5555_5555_5555_5555);
        assert_eq!(sqrt(F128, 0x4001u128 << 112, RN).bits, two);
    }

    #[test]
    fn tiny_and_huge() {
        // 2^-1022 × 0.5: tiny and exact, no underflow when untrapped.
        let r = mul(F64, 0x0010_0000_0000_0000, d(0.5), RN);
        assert_eq!((r.bits, r.fl), (0x0008_0000_0000_0000, Flags::default()));
        let r = mul(F64, 0x0010_0000_0000_0000, d(0.5), Env { trap_unf: true, ..RN });
        assert!(r.fl.underflow && !r.fl.inexact);
        assert_eq!(r.bits, d(2f64.powi(-1023 + 1536)));
        let r = mul(F64, d(1e300), d(1e300), RN);
        assert_eq!(r.bits, d(f64::INFINITY));
        assert!(r.fl.overflow && r.fl.inexact && r.fl.incremented);
        let r = mul(F64, d(1e300), d(1e300), Env::new(Rn::Zero));
        assert_eq!(r.bits, d(f64::MAX));
    }

    #[test]
    fn host_fast_path_agrees_with_the_software_path() {
        // Random binary64 operands of every magnitude (incl. near the subnormal range, where
        // the fast path must step aside), both signs, and values whose sums and products are
        // exact: result bits and every flag (inexact, incremented) must be the software's.
        let mut st = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = move || {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            st
        };
        let mut val = |r: &mut dyn FnMut() -> u64| -> u128 {
            let x = r();
            match x % 4 {
                0 => (x >> 2) as u128 & 0xffff_ffff_ffff_ffff,                         // any bits
                1 => ((x >> 12) | (0x3ff0 + (x & 0x1f) - 0x10) << 48) as u128,        // near 1
                2 => (((x >> 30) << 30) & 0x800f_ffff_ffff_ffff | 0x0010_0000_0000_0000 * (x & 0x7) | 0x3c00_0000_0000_0000) as u128, // short mantissas
                _ => ((x >> 12) | (0x0010 + (x & 0x3f)) << 52) as u128,              // tiny exponents
            }
        };
        let soft = |f: &dyn Fn() -> Res| {
            set_host_fast_path(false);
            let r = f();
            set_host_fast_path(true);
            r
        };
        // The fast path does take ordinary operands (and steps aside near the subnormals).
        assert!(host::try_op(host::Op::Div, F64, d(1.0), d(3.0), RN).is_some_and(|r| r.fl.inexact && !r.fl.incremented));
        assert!(host::try_op(host::Op::Add, F64, d(0.1), d(0.2), RN).is_some_and(|r| r.fl.incremented));
        assert!(host::try_op(host::Op::Mul, F64, d(1e-200), d(1e-200), RN).is_none());
        let mut taken = 0;
        for _ in 0..200_000 {
            let (a, b) = (val(&mut rnd), val(&mut rnd));
            taken += host::try_op(host::Op::Mul, F64, a, b, RN).is_some() as u32;
            for (name, op) in [
                ("add", &(|| add(F64, a, b, false, RN)) as &dyn Fn() -> Res),
                ("sub", &|| add(F64, a, b, true, RN)),
                ("mul", &|| mul(F64, a, b, RN)),
                ("div", &|| div(F64, a, b, RN)),
                ("sqrt", &|| sqrt(F64, b, RN)),
            ] {
                let want = soft(op);
                assert_eq!(op(), want, "{name} {a:#x} {b:#x}");
            }
        }
        assert!(taken > 50_000, "the fast path took only {taken} products");
    }
}
