//! The arithmetic of the binary floating-point facility (Power ISA 3.0B Book I ch. 4) in
//! software: every operation computed exactly, rounded once, with the status POWER reports.
//!
//! This is the definition the rest of the FP code is checked against: the host fast path
//! ([`crate::fp_host`]) may only be used where it gives bit-identical results, and a test
//! compares the two on random operands in all four rounding modes.
//!
//! Values are IEEE double-format bit patterns (`u64`); single-precision results are delivered
//! in double format, as the FPRs hold them (§4.3.2). Operations return a [`Res`]: the result,
//! the exception bits it raised (in FPSCR positions, [`fpscr`]), FR/FI and the FPRF class.
//! Whether a result is written and which FPSCR fields an instruction updates is decided one
//! level up, in [`crate::fp_helpers`].
//!
//! How POWER's rules are met (each is a place where a host FPU would differ):
//! - Exact intermediate ([`Exact`]): products are exact in 128 bits, sums and fused
//!   multiply-adds are aligned with a sticky bit, quotients and square roots come from integer
//!   division / square root with the remainder as sticky. [`round`] then rounds once, so
//!   single-precision results (`fadds`, `fmadds`, `fcfids`, ...) are never double-rounded.
//! - Tininess is detected before rounding (§4.4.4 "Underflow Exception"): the exact value is
//!   below 2^Emin. With UE=0, UX is set when the result is tiny and inexact (loss of accuracy
//!   is inexactness); with UE=1 it is set when tiny, and the result is the exact value
//!   multiplied by 2^1536 (double) / 2^192 (single), rounded (§4.4.4 "Action").
//! - Overflow with OE=0 gives ±infinity or ±largest by rounding mode and sets OX, XX, FI
//!   (§4.4.3); with OE=1 the rounded result divided by 2^1536 / 2^192 is delivered. FR is
//!   undefined for a disabled overflow; it is set when the delivered value (infinity) is
//!   larger in magnitude than the exact one, i.e. FR = "rounded up", as everywhere else.
//! - FR is "the fraction was incremented" (§4.2.2): the delivered magnitude is larger than the
//!   exact one. FI is "the result is inexact".
//! - NaN operands (§4.3.x, "Floating-Point Arithmetic Instructions"): the first NaN in the
//!   instruction's operand order (FRA, FRB, FRC — so for `fmadd` FRT←FRA×FRC+FRB the
//!   addend comes before the second factor) is the result, quieted if signalling; otherwise an
//!   invalid operation gives the default QNaN 0x7FF8_0000_0000_0000 (positive sign even for
//!   `fnmadd`/`fnmsub`, whose negation never applies to NaNs). Any SNaN operand sets VXSNAN,
//!   whichever NaN is chosen. Single-precision NaN results keep only the single format's
//!   fraction bits (the rest are zero), as `frsp` defines it.
//! - Invalid-operation subclasses: VXISI (∞−∞), VXIDI (∞÷∞), VXZDZ (0÷0), VXIMZ (∞×0, also
//!   in a multiply-add whose addend is a QNaN), VXSQRT (√ or reciprocal √ of a negative
//!   nonzero number), VXVC (ordered compare with a NaN), VXCVI (integer conversion out of
//!   range or of a NaN/infinity).
//! - FPRF of a single-precision result is its class in single format: a value below 2^-126
//!   is a denormalized number even though its double format is normal (QEMU 7.2 classifies
//!   the double instead).
//! - The sign of an exact zero sum is + except in round-toward-−∞ mode (§4.3.5.1); `fnmadd`
//!   and `fnmsub` round first and then negate (so −0 results are possible).
//! - FPSCR[NI] (non-IEEE mode) is ignored: results are always the IEEE ones.

use std::cmp::Ordering;

/// FPSCR bit layout (Book I §4.2.2), bit `b` of the book is `1 << (63 - b)` here.
pub mod fpscr {
    pub const DRN: u64 = 7 << 32;
    pub const FX: u64 = 1 << 31;
    pub const FEX: u64 = 1 << 30;
    pub const VX: u64 = 1 << 29;
    pub const OX: u64 = 1 << 28;
    pub const UX: u64 = 1 << 27;
    pub const ZX: u64 = 1 << 26;
    pub const XX: u64 = 1 << 25;
    pub const VXSNAN: u64 = 1 << 24;
    pub const VXISI: u64 = 1 << 23;
    pub const VXIDI: u64 = 1 << 22;
    pub const VXZDZ: u64 = 1 << 21;
    pub const VXIMZ: u64 = 1 << 20;
    pub const VXVC: u64 = 1 << 19;
    pub const FR: u64 = 1 << 18;
    pub const FI: u64 = 1 << 17;
    /// FPRF = C || FPCC (FL FG FE FU), bits 47:51.
    pub const FPRF_SHIFT: u32 = 12;
    pub const FPRF: u64 = 0x1f << FPRF_SHIFT;
    pub const C: u64 = 1 << 16;
    pub const FPCC: u64 = 0xf << FPRF_SHIFT;
    pub const VXSOFT: u64 = 1 << 10;
    pub const VXSQRT: u64 = 1 << 9;
    pub const VXCVI: u64 = 1 << 8;
    pub const VE: u64 = 1 << 7;
    pub const OE: u64 = 1 << 6;
    pub const UE: u64 = 1 << 5;
    pub const ZE: u64 = 1 << 4;
    pub const XE: u64 = 1 << 3;
    pub const NI: u64 = 1 << 2;
    pub const RN: u64 = 3;
    /// The invalid-operation exception bits, whose OR is VX.
    pub const VX_ALL: u64 = VXSNAN | VXISI | VXIDI | VXZDZ | VXIMZ | VXVC | VXSOFT | VXSQRT | VXCVI;
    /// The exception bits: an instruction that turns one of them from 0 to 1 sets FX.
    pub const EXC_ALL: u64 = OX | UX | ZX | XX | VX_ALL;
    /// The enable bits.
    pub const ENABLES: u64 = VE | OE | UE | ZE | XE;
    /// Bits that exist (bits 0:28 and 52 are reserved and read as 0).
    pub const DEFINED: u64 = 0x0000_0007_ffff_f7ff;

    /// FPSCR with VX and FEX recomputed from the bits they summarise.
    pub const fn summarize(f: u64) -> u64 {
        let f = if f & VX_ALL != 0 { f | VX } else { f & !VX };
        // Each exception bit lines up with its enable 22 bits further right (VX→VE, OX→OE, ...).
        let pending = (f >> 22) & f & ENABLES;
        if pending != 0 { f | FEX } else { f & !FEX }
    }
}

/// FPRF codes (C || FPCC) of the result classes (§4.2.2, Figure "Floating-Point Result Flags").
pub mod class {
    pub const QNAN: u64 = 0x11;
    pub const NEG_INF: u64 = 0x09;
    pub const NEG_NORMAL: u64 = 0x08;
    pub const NEG_DENORMAL: u64 = 0x18;
    pub const NEG_ZERO: u64 = 0x12;
    pub const POS_ZERO: u64 = 0x02;
    pub const POS_DENORMAL: u64 = 0x14;
    pub const POS_NORMAL: u64 = 0x04;
    pub const POS_INF: u64 = 0x05;
}

pub const SIGN: u64 = 1 << 63;
pub const INF: u64 = 0x7ff0_0000_0000_0000;
pub const QUIET: u64 = 1 << 51;
pub const FRAC: u64 = (1 << 52) - 1;
pub const DEFAULT_NAN: u64 = 0x7ff8_0000_0000_0000;
pub const MIN_NORMAL: u64 = 0x0010_0000_0000_0000;

pub fn is_nan(x: u64) -> bool {
    x & !SIGN > INF
}
pub fn is_snan(x: u64) -> bool {
    is_nan(x) && x & QUIET == 0
}
pub fn is_inf(x: u64) -> bool {
    x & !SIGN == INF
}
pub fn is_zero(x: u64) -> bool {
    x & !SIGN == 0
}
pub fn is_neg(x: u64) -> bool {
    x & SIGN != 0
}
pub fn exp_field(x: u64) -> i32 {
    ((x >> 52) & 0x7ff) as i32
}

/// Rounding modes: FPSCR[RN] values, plus round-to-nearest-ties-away for `frin`/`xsrdpi`
/// and round-to-odd for the quad-precision `o` forms (`xsaddqpo` ...).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rn {
    Nearest,
    Zero,
    Up,
    Down,
    NearestAway,
    Odd,
}

impl Rn {
    pub fn from_fpscr(f: u64) -> Rn {
        match f & 3 {
            0 => Rn::Nearest,
            1 => Rn::Zero,
            2 => Rn::Up,
            _ => Rn::Down,
        }
    }
}

/// Result formats. All are delivered in double format (half precision only as the target
/// of `xvcvsphp`/`xscvdphp`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fmt {
    Double,
    Single,
    Half,
}

impl Fmt {
    const fn prec(self) -> i32 {
        match self {
            Fmt::Double => 53,
            Fmt::Single => 24,
            Fmt::Half => 11,
        }
    }
    const fn emin(self) -> i32 {
        match self {
            Fmt::Double => -1022,
            Fmt::Single => -126,
            Fmt::Half => -14,
        }
    }
    const fn emax(self) -> i32 {
        match self {
            Fmt::Double => 1023,
            Fmt::Single => 127,
            Fmt::Half => 15,
        }
    }
    /// Exponent adjustment of trap-enabled overflow and underflow results (§4.4.3-4.4.4).
    const fn bias_adjust(self) -> i32 {
        match self {
            Fmt::Double => 1536,
            Fmt::Single => 192,
            Fmt::Half => 24,
        }
    }
}

/// What an operation's rounding depends on: FPSCR[RN] and the trap enables that change the
/// delivered value (OE, UE). VE, ZE and XE only decide whether a value is written.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub rn: Rn,
    pub oe: bool,
    pub ue: bool,
}

impl Env {
    pub fn from_fpscr(f: u64) -> Env {
        Env { rn: Rn::from_fpscr(f), oe: f & fpscr::OE != 0, ue: f & fpscr::UE != 0 }
    }
}

/// An operation's outcome.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Res {
    /// The result in double format.
    pub bits: u64,
    /// Exception bits raised (OX UX ZX XX VX*), FPSCR positions.
    pub exc: u64,
    /// FR and FI (FPSCR positions) as the operation leaves them.
    pub fr_fi: u64,
    /// FPRF class code of the result ([`class`]).
    pub fprf: u64,
}

impl Res {
    /// An exact result (no rounding status).
    pub fn exact(bits: u64, fmt: Fmt) -> Res {
        Res { bits, exc: 0, fr_fi: 0, fprf: classify(bits, fmt) }
    }
    fn invalid(exc: u64) -> Res {
        Res { bits: DEFAULT_NAN, exc, fr_fi: 0, fprf: class::QNAN }
    }
}

/// FPRF class of a double-format value, judged in format `fmt` (a double below 2^-126 is a
/// single denormal).
pub fn classify(x: u64, fmt: Fmt) -> u64 {
    let neg = is_neg(x);
    let pick = |p: u64, n: u64| if neg { n } else { p };
    if is_nan(x) {
        class::QNAN
    } else if is_inf(x) {
        pick(class::POS_INF, class::NEG_INF)
    } else if is_zero(x) {
        pick(class::POS_ZERO, class::NEG_ZERO)
    } else if exp_field(x) - 1023 < fmt.emin() {
        pick(class::POS_DENORMAL, class::NEG_DENORMAL)
    } else {
        pick(class::POS_NORMAL, class::NEG_NORMAL)
    }
}

// ---- unpacking ----

/// A finite nonzero operand: |x| = mant × 2^(exp − 52), mant normalised (bit 52 set).
#[derive(Clone, Copy, Debug)]
struct Num {
    neg: bool,
    exp: i32,
    mant: u64,
}

fn unpack(x: u64) -> Num {
    let e = exp_field(x);
    let f = x & FRAC;
    if e == 0 {
        let sh = f.leading_zeros() as i32 - 11;
        Num { neg: is_neg(x), exp: -1022 - sh, mant: f << sh }
    } else {
        Num { neg: is_neg(x), exp: e - 1023, mant: f | (1 << 52) }
    }
}

/// An exact (or sticky-marked) nonzero intermediate result: |value| = sig × 2^(exp − 127),
/// sig normalised (bit 127 set). Bit 0 of `sig` may be a sticky bit standing for nonzero bits
/// below it; there are always at least 70 bits below the rounding point, so that cannot
/// change how the value rounds.
#[derive(Clone, Copy, Debug)]
pub struct Exact {
    pub neg: bool,
    pub exp: i32,
    pub sig: u128,
}

impl Exact {
    /// The value (m + δ) × 2^e, where δ ∈ (0, 1) if `sticky` (else 0); `m` nonzero.
    pub fn new(neg: bool, m: u128, e: i32, sticky: bool) -> Exact {
        debug_assert!(m != 0);
        let lz = m.leading_zeros();
        Exact { neg, exp: e + 127 - lz as i32, sig: (m << lz) | sticky as u128 }
    }
    fn of(n: Num) -> Exact {
        Exact::new(n.neg, n.mant as u128, n.exp - 52, false)
    }
}

/// `x >> d` with the bits shifted out ORed into bit 0.
pub(crate) fn shift_right_jam(x: u128, d: u32) -> u128 {
    if d == 0 {
        x
    } else if d < 128 {
        (x >> d) | ((x << (128 - d)) != 0) as u128
    } else {
        (x != 0) as u128
    }
}

/// The rounded value of `x` in format `fmt`.
#[derive(Clone, Copy, Debug)]
pub struct Rounded {
    pub bits: u64,
    pub inexact: bool,
    /// The delivered magnitude is larger than the exact one (FR).
    pub up: bool,
    pub ox: bool,
    pub ux: bool,
    pub fprf: u64,
}

impl Rounded {
    pub fn res(&self) -> Res {
        let mut exc = 0;
        if self.ox {
            exc |= fpscr::OX;
        }
        if self.ux {
            exc |= fpscr::UX;
        }
        if self.inexact {
            exc |= fpscr::XX;
        }
        let fr_fi = if self.inexact { fpscr::FI | if self.up { fpscr::FR } else { 0 } } else { 0 };
        Res { bits: self.bits, exc, fr_fi, fprf: self.fprf }
    }
}

/// The parameters rounding needs of a binary format: precision in bits, exponent range, and
/// the exponent adjustment of trap-enabled overflow/underflow results.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    pub prec: i32,
    pub emin: i32,
    pub emax: i32,
    pub bias_adjust: i32,
}

impl Fmt {
    pub const fn params(self) -> Params {
        Params { prec: self.prec(), emin: self.emin(), emax: self.emax(), bias_adjust: self.bias_adjust() }
    }
}

/// A value rounded to a format, before it is packed: |value| = m × 2^q with m < 2^prec
/// (m ≥ 2^(prec−1) unless denormal or zero), or, for a disabled overflow, `overflow` =
/// Some(whether the result is infinity rather than the largest finite number).
#[derive(Clone, Copy, Debug)]
pub struct Parts {
    pub neg: bool,
    pub m: u128,
    pub q: i32,
    pub inexact: bool,
    /// The delivered magnitude is larger than the exact one (FR).
    pub up: bool,
    pub ox: bool,
    pub ux: bool,
    pub overflow: Option<bool>,
}

/// Rounds `x` to precision and range `p` under `env` (see the module docs for the POWER
/// rules): the rounding every format shares (double, single and half here, quad in
/// [`crate::fp_quad`]). `x` must carry at least two bits below the format's last place
/// (true for every format up to 126 bits of precision).
pub fn round_parts(x: Exact, p: Params, env: Env) -> Parts {
    let (prec, emin) = (p.prec, p.emin);
    let mut e = x.exp;
    let tiny = e < emin;
    let mut ux = false;
    if tiny && env.ue {
        e += p.bias_adjust;
        ux = true;
    }
    // Quantum (weight of the last kept bit) 2^q; sig's bit k weighs 2^(e − 127 + k).
    let q = e.max(emin) - (prec - 1);
    let kq = (q - e + 127) as u32; // the bits of sig below the quantum (≥ 2)
    let (m, rest, inexact) = if kq >= 129 {
        (0u128, Ordering::Less, true)
    } else if kq == 128 {
        (0u128, if x.sig == 1 << 127 { Ordering::Equal } else { Ordering::Greater }, true)
    } else {
        let rem = x.sig & ((1u128 << kq) - 1);
        (x.sig >> kq, rem.cmp(&(1u128 << (kq - 1))), rem != 0)
    };
    let up = match env.rn {
        Rn::Nearest => rest == Ordering::Greater || (rest == Ordering::Equal && m & 1 == 1),
        Rn::NearestAway => rest != Ordering::Less,
        Rn::Zero => false,
        Rn::Up => inexact && !x.neg,
        Rn::Down => inexact && x.neg,
        Rn::Odd => inexact && m & 1 == 0,
    };
    let mut m = m + up as u128;
    let mut q = q;
    if m == 1 << prec {
        m >>= 1;
        q += 1;
    }
    let normal = m >= 1 << (prec - 1);
    let mut parts = Parts { neg: x.neg, m, q, inexact, up: up && inexact, ox: false, ux, overflow: None };
    if normal && q + prec - 1 > p.emax {
        parts.ox = true;
        if env.oe {
            parts.q -= p.bias_adjust;
        } else {
            // §4.4.3: infinity, or the largest finite number when rounding toward zero or
            // toward the infinity of the other sign (and to odd).
            let to_inf = match env.rn {
                Rn::Nearest | Rn::NearestAway => true,
                Rn::Zero | Rn::Odd => false,
                Rn::Up => !x.neg,
                Rn::Down => x.neg,
            };
            parts.m = (1 << prec) - 1;
            parts.q = p.emax - prec + 1;
            parts.inexact = true;
            parts.up = to_inf;
            parts.overflow = Some(to_inf);
            return parts;
        }
    }
    if !env.ue {
        parts.ux = tiny && inexact;
    }
    parts
}

/// Rounds `x` to format `fmt` under `env`, delivered in double format.
pub fn round(x: Exact, fmt: Fmt, env: Env) -> Rounded {
    let prec = fmt.prec();
    let r = round_parts(x, fmt.params(), env);
    let sign = if x.neg { SIGN } else { 0 };
    if let Some(to_inf) = r.overflow {
        let bits = if to_inf { sign | INF } else { sign | pack_magnitude(r.m as u64, r.q) };
        return Rounded { bits, inexact: true, up: to_inf, ox: r.ox, ux: r.ux, fprf: classify(bits, fmt) };
    }
    let bits = sign | pack_magnitude(r.m as u64, r.q);
    let normal = r.m >= 1 << (prec - 1);
    let fprf = if r.m == 0 {
        if x.neg { class::NEG_ZERO } else { class::POS_ZERO }
    } else if !normal {
        if x.neg { class::NEG_DENORMAL } else { class::POS_DENORMAL }
    } else if x.neg {
        class::NEG_NORMAL
    } else {
        class::POS_NORMAL
    };
    Rounded { bits, inexact: r.inexact, up: r.up, ox: r.ox, ux: r.ux, fprf }
}

/// Double-format magnitude of m × 2^q (m < 2^53). Values outside the double range occur only
/// for single-precision instructions given operands that are not single-precision numbers,
/// whose results the book leaves undefined; they saturate to infinity or truncate to a
/// denormal or zero.
fn pack_magnitude(m: u64, q: i32) -> u64 {
    if m == 0 {
        return 0;
    }
    let nb = 64 - m.leading_zeros() as i32;
    let e = q + nb - 1;
    if e > 1023 {
        INF
    } else if e >= -1022 {
        (((e + 1023) as u64) << 52) | ((m << (53 - nb)) & FRAC)
    } else {
        let s = q + 1074;
        if s >= 0 { m << s } else if s > -64 { m >> -s } else { 0 }
    }
}

fn round_res(x: Exact, fmt: Fmt, env: Env) -> Res {
    round(x, fmt, env).res()
}

/// A NaN result in format `fmt`: quieted, and cut to the single fraction for singles.
fn nan_result(x: u64, fmt: Fmt) -> u64 {
    let q = x | QUIET;
    match fmt {
        Fmt::Double => q,
        Fmt::Single => q & 0xffff_ffff_e000_0000,
        Fmt::Half => q & 0xffff_fc00_0000_0000,
    }
}

/// The NaN propagation of §4.3.x: the first NaN of `ops` (in the instruction's operand
/// order), quieted; VXSNAN if any operand is a signalling NaN. `None` if there is no NaN.
fn propagate(ops: &[u64], fmt: Fmt) -> Option<Res> {
    let first = ops.iter().copied().find(|&x| is_nan(x))?;
    let exc = if ops.iter().any(|&x| is_snan(x)) { fpscr::VXSNAN } else { 0 };
    Some(Res { bits: nan_result(first, fmt), exc, fr_fi: 0, fprf: class::QNAN })
}

/// Zero with the sign of an exact zero sum whose addends had signs `sa` and `sb` (§4.3.5.1).
pub(crate) fn zero_sum_sign(sa: bool, sb: bool, rn: Rn) -> u64 {
    if sa == sb {
        if sa { SIGN } else { 0 }
    } else if rn == Rn::Down {
        SIGN
    } else {
        0
    }
}

/// Rounds finite `x` (any double) to `fmt` — the result of an operation whose exact value is
/// an operand (x + 0, ...). Exact for doubles, except that a tiny one still underflows when
/// UE=1.
fn round_operand(x: u64, fmt: Fmt, env: Env) -> Res {
    if is_zero(x) {
        return Res::exact(x, fmt);
    }
    round_res(Exact::of(unpack(x)), fmt, env)
}

/// Sum of two exact values given as (sign, significand, exponent of bit 0) with both
/// significands normalised to bit 125; `None` for an exact zero.
fn add_aligned(a: (bool, u128, i32), b: (bool, u128, i32)) -> Option<Exact> {
    let (hi, lo) = if a.2 >= b.2 { (a, b) } else { (b, a) };
    let d = (hi.2 - lo.2) as u32;
    let lo_sig = shift_right_jam(lo.1, d);
    if hi.0 == lo.0 {
        return Some(Exact::new(hi.0, hi.1 + lo_sig, hi.2, false));
    }
    match hi.1.cmp(&lo_sig) {
        Ordering::Equal => None,
        Ordering::Greater => Some(Exact::new(hi.0, hi.1 - lo_sig, hi.2, false)),
        Ordering::Less => Some(Exact::new(lo.0, lo_sig - hi.1, hi.2, false)),
    }
}

/// A finite nonzero operand as an `add_aligned` term.
fn term(n: Num) -> (bool, u128, i32) {
    ((n.neg), (n.mant as u128) << 73, n.exp - 52 - 73)
}

// ---- the operations ----

/// `fadd`/`fsub` (and single, VSX forms): a + b, or a − b if `sub`.
pub fn add(a: u64, b: u64, sub: bool, fmt: Fmt, env: Env) -> Res {
    if let Some(r) = propagate(&[a, b], fmt) {
        return r;
    }
    let b = if sub { b ^ SIGN } else { b };
    match (is_inf(a), is_inf(b)) {
        (true, true) if is_neg(a) != is_neg(b) => return Res::invalid(fpscr::VXISI),
        (true, _) => return Res::exact(a, fmt),
        (_, true) => return Res::exact(b, fmt),
        _ => {}
    }
    match (is_zero(a), is_zero(b)) {
        (true, true) => return Res::exact(zero_sum_sign(is_neg(a), is_neg(b), env.rn), fmt),
        (true, false) => return round_operand(b, fmt, env),
        (false, true) => return round_operand(a, fmt, env),
        _ => {}
    }
    match add_aligned(term(unpack(a)), term(unpack(b))) {
        Some(x) => round_res(x, fmt, env),
        None => Res::exact(zero_sum_sign(false, true, env.rn), fmt),
    }
}

/// `fmul`: a × c.
pub fn mul(a: u64, c: u64, fmt: Fmt, env: Env) -> Res {
    if let Some(r) = propagate(&[a, c], fmt) {
        return r;
    }
    let sign = (a ^ c) & SIGN;
    if (is_inf(a) && is_zero(c)) || (is_zero(a) && is_inf(c)) {
        return Res::invalid(fpscr::VXIMZ);
    }
    if is_inf(a) || is_inf(c) {
        return Res::exact(sign | INF, fmt);
    }
    if is_zero(a) || is_zero(c) {
        return Res::exact(sign, fmt);
    }
    let (x, y) = (unpack(a), unpack(c));
    let p = x.mant as u128 * y.mant as u128;
    round_res(Exact::new(sign != 0, p, x.exp + y.exp - 104, false), fmt, env)
}

/// `fdiv`: a ÷ b.
pub fn div(a: u64, b: u64, fmt: Fmt, env: Env) -> Res {
    if let Some(r) = propagate(&[a, b], fmt) {
        return r;
    }
    let sign = (a ^ b) & SIGN;
    match (is_inf(a), is_inf(b), is_zero(a), is_zero(b)) {
        (true, true, _, _) => return Res::invalid(fpscr::VXIDI),
        (_, _, true, true) => return Res::invalid(fpscr::VXZDZ),
        (true, _, _, _) => return Res::exact(sign | INF, fmt),
        (_, true, _, _) | (_, _, true, _) => return Res::exact(sign, fmt),
        (_, _, _, true) => {
            let bits = sign | INF;
            return Res { bits, exc: fpscr::ZX, fr_fi: 0, fprf: classify(bits, fmt) };
        }
        _ => {}
    }
    let (x, y) = (unpack(a), unpack(b));
    let n = (x.mant as u128) << 74;
    let d = y.mant as u128;
    let q = n / d;
    let r = n % d;
    round_res(Exact::new(sign != 0, q, x.exp - y.exp - 74, r != 0), fmt, env)
}

/// Which of the four multiply-adds: FRA×FRC ± FRB, possibly negated after rounding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MaddKind {
    /// Subtract the addend (`fmsub`, `fnmsub`).
    pub sub: bool,
    /// Negate the rounded result (`fnmadd`, `fnmsub`); never applied to NaNs.
    pub negate: bool,
}

/// `fmadd` family: a × c ± b, rounded once; NaN precedence a, b, c.
pub fn madd(a: u64, c: u64, b: u64, kind: MaddKind, fmt: Fmt, env: Env) -> Res {
    let imz = (is_inf(a) && is_zero(c)) || (is_zero(a) && is_inf(c));
    if let Some(mut r) = propagate(&[a, b, c], fmt) {
        if imz {
            r.exc |= fpscr::VXIMZ;
        }
        return r;
    }
    if imz {
        return Res::invalid(fpscr::VXIMZ);
    }
    let r = madd_numeric(a, c, if kind.sub { b ^ SIGN } else { b }, fmt, env);
    if kind.negate && !is_nan(r.bits) {
        negate(r, fmt)
    } else {
        r
    }
}

/// The negation of a non-NaN result, with its class.
fn negate(r: Res, fmt: Fmt) -> Res {
    let bits = r.bits ^ SIGN;
    Res { bits, fprf: classify(bits, fmt), ..r }
}

fn madd_numeric(a: u64, c: u64, b: u64, fmt: Fmt, env: Env) -> Res {
    let psign = (a ^ c) & SIGN;
    let pinf = is_inf(a) || is_inf(c);
    if pinf {
        if is_inf(b) && is_neg(b) != (psign != 0) {
            return Res::invalid(fpscr::VXISI);
        }
        return Res::exact(psign | INF, fmt);
    }
    if is_inf(b) {
        return Res::exact(b, fmt);
    }
    let pzero = is_zero(a) || is_zero(c);
    if pzero {
        if is_zero(b) {
            return Res::exact(zero_sum_sign(psign != 0, is_neg(b), env.rn), fmt);
        }
        return round_operand(b, fmt, env);
    }
    let (x, y) = (unpack(a), unpack(c));
    let p = x.mant as u128 * y.mant as u128; // 105 or 106 bits
    let pe = x.exp + y.exp - 104; // exponent of p's bit 0
    if is_zero(b) {
        return round_res(Exact::new(psign != 0, p, pe, false), fmt, env);
    }
    let lz = p.leading_zeros() as i32; // 22 or 23
    let pt = (psign != 0, p << (lz - 2), pe - (lz - 2));
    match add_aligned(pt, term(unpack(b))) {
        Some(x) => round_res(x, fmt, env),
        None => Res::exact(zero_sum_sign(false, true, env.rn), fmt),
    }
}

/// Integer square root: ⌊√n⌋.
pub(crate) fn isqrt(n: u128) -> u128 {
    if n == 0 {
        return 0;
    }
    // An over-estimate (the f64 square root is within 2^12 of the true one for n < 2^128),
    // then Newton's iteration, which decreases monotonically to ⌊√n⌋.
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

/// The exact square root of finite positive `b`.
fn sqrt_exact(b: u64) -> Exact {
    let n = unpack(b);
    let mut m = n.mant as u128;
    let mut k = n.exp - 52;
    if k & 1 != 0 {
        m <<= 1;
        k -= 1;
    }
    let big = m << 72; // up to 126 bits: a 63-bit root
    let r = isqrt(big);
    Exact::new(false, r, (k - 72) / 2, r * r != big)
}

/// `fsqrt`: √b.
pub fn sqrt(b: u64, fmt: Fmt, env: Env) -> Res {
    if let Some(r) = propagate(&[b], fmt) {
        return r;
    }
    if is_zero(b) {
        return Res::exact(b, fmt);
    }
    if is_neg(b) {
        return Res::invalid(fpscr::VXSQRT);
    }
    if is_inf(b) {
        return Res::exact(b, fmt);
    }
    round_res(sqrt_exact(b), fmt, env)
}

/// `fre`/`fres`: the reciprocal estimate. This one is exact (correctly rounded 1/b, within
/// the book's bound of 2^-14); as the book lists for the estimates, XX is not set and FR/FI
/// are undefined (left 0).
pub fn recip_estimate(b: u64, fmt: Fmt, env: Env) -> Res {
    let r = div(0x3ff0_0000_0000_0000, b, fmt, env);
    Res { exc: r.exc & !fpscr::XX, fr_fi: 0, ..r }
}

/// `frsqrte`/`frsqrtes`: the reciprocal square root estimate — 1/√b correctly rounded.
pub fn rsqrt_estimate(b: u64, fmt: Fmt, env: Env) -> Res {
    if let Some(r) = propagate(&[b], fmt) {
        return r;
    }
    if is_zero(b) {
        let bits = (b & SIGN) | INF;
        return Res { bits, exc: fpscr::ZX, fr_fi: 0, fprf: classify(bits, fmt) };
    }
    if is_neg(b) {
        return Res::invalid(fpscr::VXSQRT);
    }
    if is_inf(b) {
        return Res::exact(0, fmt);
    }
    // b = m × 2^k, k even: 1/√b = √(2^178 / m) × 2^(−89 − k/2). ⌊2^178 / m⌋ (124 to 126
    // bits) comes from a two-step long division, so the root (≥ 62 bits) and its sticky bit
    // are exact and the estimate is the correctly rounded 1/√b.
    let n = unpack(b);
    let mut m = n.mant as u128;
    let mut k = n.exp - 52;
    if k & 1 != 0 {
        m <<= 1;
        k -= 1;
    }
    let (q1, r1) = ((1u128 << 124) / m, (1u128 << 124) % m);
    let t = r1 << 54;
    let q = (q1 << 54) | (t / m);
    let r = isqrt(q);
    let x = Exact::new(false, r, -89 - k / 2, t % m != 0 || r * r != q);
    let res = round(x, fmt, env).res();
    Res { exc: res.exc & !fpscr::XX, fr_fi: 0, ..res }
}

/// `frsp`/`xsrsp`: round to single precision.
pub fn round_to_single(b: u64, env: Env) -> Res {
    if let Some(r) = propagate(&[b], Fmt::Single) {
        return r;
    }
    if is_inf(b) || is_zero(b) {
        return Res::exact(b, Fmt::Single);
    }
    round_res(Exact::of(unpack(b)), Fmt::Single, env)
}

/// `xvcvsphp`/`xscvdphp`: round to half precision (delivered in double format).
pub fn round_to_half(b: u64, env: Env) -> Res {
    if let Some(r) = propagate(&[b], Fmt::Half) {
        return r;
    }
    if is_inf(b) || is_zero(b) {
        return Res::exact(b, Fmt::Half);
    }
    round_res(Exact::of(unpack(b)), Fmt::Half, env)
}

/// Integer formats of the convert-to-integer instructions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct IntFmt {
    pub signed: bool,
    pub bits: u32,
}

impl IntFmt {
    fn max(self) -> u128 {
        if self.signed { (1u128 << (self.bits - 1)) - 1 } else { (1u128 << self.bits) - 1 }
    }
    /// Largest magnitude of a negative value (0 for unsigned).
    fn neg_max(self) -> u128 {
        if self.signed { 1u128 << (self.bits - 1) } else { 0 }
    }
    /// The saturated results: (most positive, most negative), as the low `bits` bits.
    fn sat(self) -> (u64, u64) {
        let max = self.max() as u64;
        let min = if self.signed { (self.neg_max() as u64).wrapping_neg() } else { 0 };
        (max, min)
    }
}

/// `fctid`, `fctiw`, ... : b rounded to an integer by `rn`, in `to`'s range. The result is
/// the integer as a two's complement 64-bit value (32-bit results sign- or zero-extended);
/// out of range, infinities and NaNs give the saturated value with VXCVI (NaN → the most
/// negative, §4.6.7). Inexact conversions set XX, FI and FR.
pub fn to_int(b: u64, to: IntFmt, rn: Rn) -> Res {
    let (max, min) = to.sat();
    let invalid = |bits: u64, snan: bool| Res {
        bits,
        exc: fpscr::VXCVI | if snan { fpscr::VXSNAN } else { 0 },
        fr_fi: 0,
        fprf: 0,
    };
    if is_nan(b) {
        return invalid(min, is_snan(b));
    }
    if is_inf(b) {
        return invalid(if is_neg(b) { min } else { max }, false);
    }
    if is_zero(b) {
        return Res { bits: 0, exc: 0, fr_fi: 0, fprf: 0 };
    }
    let n = unpack(b);
    let (mag, inexact, up) = round_to_integer(n, rn);
    let in_range = if n.neg { mag <= to.neg_max() } else { mag <= to.max() };
    if !in_range {
        return invalid(if n.neg { min } else { max }, false);
    }
    let v = if n.neg { (mag as u64).wrapping_neg() } else { mag as u64 };
    let v = match (to.bits, to.signed) {
        (32, true) => v as u32 as i32 as i64 as u64,
        (32, false) => v as u32 as u64,
        _ => v,
    };
    let fr_fi = if inexact { fpscr::FI | if up { fpscr::FR } else { 0 } } else { 0 };
    Res { bits: v, exc: if inexact { fpscr::XX } else { 0 }, fr_fi, fprf: 0 }
}

/// |n| rounded to an integer by `rn` (directed modes use n's sign): (magnitude saturated at
/// 2^65, inexact, rounded up in magnitude).
fn round_to_integer(n: Num, rn: Rn) -> (u128, bool, bool) {
    let sh = n.exp - 52;
    if sh >= 0 {
        return (if sh > 12 { 1 << 65 } else { (n.mant as u128) << sh }, false, false);
    }
    let sh = (-sh) as u32;
    let m = n.mant as u128;
    let (int, rest) = if sh >= 128 { (0, Ordering::Less) } else {
        let rem = m & ((1u128 << sh) - 1);
        let half = 1u128 << (sh - 1);
        (m >> sh, if rem == 0 { Ordering::Less } else { rem.cmp(&half) })
    };
    let inexact = if sh >= 128 { true } else { m & ((1u128 << sh) - 1) != 0 };
    let up = match rn {
        Rn::Nearest => rest == Ordering::Greater || (rest == Ordering::Equal && int & 1 == 1),
        Rn::NearestAway => rest != Ordering::Less,
        Rn::Zero => false,
        Rn::Up => inexact && !n.neg,
        Rn::Down => inexact && n.neg,
        Rn::Odd => inexact && int & 1 == 0,
    };
    (int + up as u128, inexact, up)
}

/// `frin`, `friz`, `frip`, `frim` (and `xsrdpi*`): b rounded to an integral value in double
/// format. FR and FI are set to 0 and XX is never set (§4.6.7); SNaNs set VXSNAN.
pub fn round_to_integral(b: u64, rn: Rn) -> (Res, bool) {
    if let Some(r) = propagate(&[b], Fmt::Double) {
        return (r, false);
    }
    if is_inf(b) || is_zero(b) {
        return (Res::exact(b, Fmt::Double), false);
    }
    let n = unpack(b);
    if n.exp >= 52 {
        return (Res::exact(b, Fmt::Double), false);
    }
    let (mag, inexact, _) = round_to_integer(n, rn);
    let sign = b & SIGN;
    let bits = if mag == 0 { sign } else { sign | pack_magnitude(mag as u64, 0) };
    (Res::exact(bits, Fmt::Double), inexact)
}

/// `fcfid`, `fcfidu`, `fcfids`, `fcfidus`: the 64-bit integer `v` converted and rounded.
pub fn from_int(v: u64, signed: bool, fmt: Fmt, env: Env) -> Res {
    let neg = signed && (v as i64) < 0;
    let mag = if neg { (v as i64).unsigned_abs() } else { v };
    if mag == 0 {
        return Res::exact(0, fmt);
    }
    // Integers with no more significant bits than the format holds convert exactly (the
    // host's conversion is then the rounded result in every mode).
    let exact_below = match fmt {
        Fmt::Double => 1u64 << 53,
        Fmt::Single => 1 << 24,
        Fmt::Half => 0,
    };
    if mag <= exact_below {
        return Res::exact((mag as f64).to_bits() | if neg { SIGN } else { 0 }, fmt);
    }
    round_res(Exact::new(neg, mag as u128, 0, false), fmt, env)
}

/// Comparison result as a CR field / FPCC value: FL (a < b), FG, FE, FU (unordered).
pub fn compare(a: u64, b: u64) -> u64 {
    if is_nan(a) || is_nan(b) {
        return 0b0001;
    }
    let key = |x: u64| -> i128 {
        if is_zero(x) {
            0
        } else if is_neg(x) {
            -((x & !SIGN) as i128)
        } else {
            x as i128
        }
    };
    cc_of(key(a).cmp(&key(b)))
}

/// A CR field / FPCC for an ordered comparison: LT, GT or EQ (FU is the caller's).
pub fn cc_of(o: Ordering) -> u64 {
    match o {
        Ordering::Less => 0b1000,
        Ordering::Greater => 0b0100,
        Ordering::Equal => 0b0010,
    }
}

/// Status bits of `fcmpu` (VXSNAN) or `fcmpo` (also VXVC, §4.6.8): `ve` is FPSCR[VE].
pub fn compare_exceptions(a: u64, b: u64, ordered: bool, ve: bool) -> u64 {
    compare_status(is_snan(a) || is_snan(b), is_nan(a) || is_nan(b), ordered, ve)
}

/// The status of an unordered (VXSNAN for a signalling NaN) or ordered compare (also VXVC
/// for any NaN, but for a signalling one only when VE = 0), in any format.
pub fn compare_status(snan: bool, nan: bool, ordered: bool, ve: bool) -> u64 {
    let mut exc = if snan { fpscr::VXSNAN } else { 0 };
    if ordered && ((snan && !ve) || (!snan && nan)) {
        exc |= fpscr::VXVC;
    }
    exc
}

/// `ftdiv` CR field: 0b1 || fg || fe || 0b0 (§4.6.8).
pub fn test_div(a: u64, b: u64) -> u64 {
    let ea = exp_field(a) - 1023;
    let eb = exp_field(b) - 1023;
    let a_nan_inf = exp_field(a) == 0x7ff;
    let b_bad = exp_field(b) == 0x7ff || is_zero(b);
    let a_nonzero = !is_zero(a);
    let fe = a_nan_inf
        || b_bad
        || eb <= -1022
        || eb >= 1021
        || (a_nonzero && (ea - eb >= 1023 || ea - eb <= -1021 || ea <= -970));
    let fg = is_inf(a) || is_inf(b) || is_zero(b) || exp_field(b) == 0;
    0b1000 | (fg as u64) << 2 | (fe as u64) << 1
}

/// `ftsqrt` CR field: 0b1 || fg || fe || 0b0.
pub fn test_sqrt(b: u64) -> u64 {
    let eb = exp_field(b) - 1023;
    let fe = is_zero(b) || exp_field(b) == 0x7ff || is_neg(b) || eb <= -970;
    let fg = is_zero(b) || is_inf(b) || exp_field(b) == 0;
    0b1000 | (fg as u64) << 2 | (fe as u64) << 1
}

/// `xsmaxdp` / `xsmindp` (§7.6.1, "Actions for xsmaxdp"): the larger / smaller, with
/// +0 > −0. Order of the NaN rules: an SNaN in a, then in b, gives it quieted (VXSNAN); a QNaN
/// and a number give the number; two QNaNs give a, the first operand, like every other
/// instruction choosing between NaNs. FPRF is not set by these.
pub fn max_min(a: u64, b: u64, max: bool) -> Res {
    let plain = |bits: u64| Res { bits, exc: 0, fr_fi: 0, fprf: 0 };
    if is_snan(a) || is_snan(b) {
        let first = if is_snan(a) { a } else { b };
        return Res { bits: first | QUIET, exc: fpscr::VXSNAN, fr_fi: 0, fprf: 0 };
    }
    if is_nan(a) {
        return plain(if is_nan(b) { a } else { b });
    }
    if is_nan(b) {
        return plain(a);
    }
    let a_gt = match compare(a, b) {
        0b0100 => true,
        0b1000 => false,
        _ => !is_neg(a), // equal: only ±0 differ
    };
    plain(if a_gt == max { a } else { b })
}

/// `xsmaxcdp` / `xsmincdp` (§7.6.1, "type C"): C's `a > b ? a : b` (`a < b ? a : b`), so a
/// NaN in either operand gives b unchanged (not quieted) and equal operands (±0 too) give b.
/// VXSNAN for an SNaN in either operand.
pub fn max_min_c(a: u64, b: u64, max: bool) -> Res {
    let exc = if is_snan(a) || is_snan(b) { fpscr::VXSNAN } else { 0 };
    let a_wins = compare(a, b) == if max { 0b0100 } else { 0b1000 };
    Res { bits: if a_wins { a } else { b }, exc, fr_fi: 0, fprf: 0 }
}

/// `xsmaxjdp` / `xsminjdp` (§7.6.1, "type J", Java's `Math.max`/`min`): a NaN operand is the
/// result (a's first, unchanged), +0 is larger than −0. VXSNAN for an SNaN in either operand.
pub fn max_min_j(a: u64, b: u64, max: bool) -> Res {
    let exc = if is_snan(a) || is_snan(b) { fpscr::VXSNAN } else { 0 };
    let bits = if is_nan(a) {
        a
    } else if is_nan(b) {
        b
    } else if is_zero(a) && is_zero(b) {
        // max: −0 only if both are −0; min: −0 if either is.
        if max { a & b } else { a | b }
    } else if compare(a, b) == if max { 0b0100 } else { 0b1000 } {
        a
    } else {
        b
    };
    Res { bits, exc, fr_fi: 0, fprf: 0 }
}

/// `xscmpexpdp` CR field / FPCC: the biased exponent fields compared as unsigned integers,
/// 0b0001 if either operand is a NaN (§7.6.1).
pub fn compare_exp(a: u64, b: u64) -> u64 {
    if is_nan(a) || is_nan(b) {
        return 0b0001;
    }
    cc_of(exp_field(a).cmp(&exp_field(b)))
}

/// Whether the double-format value `x` is also a single-precision value (`xststdcsp`'s
/// "not SP" bit, §7.6.1): exactly representable in single format, denormals included. A NaN
/// is one if its fraction fits the single format's.
pub fn is_single_value(x: u64) -> bool {
    let e = exp_field(x);
    if e == 0x7ff {
        return x & 0x1fff_ffff == 0;
    }
    if is_zero(x) {
        return true;
    }
    if e == 0 {
        return false; // a double denormal is below 2^-1022, far under the single range
    }
    let ue = e - 1023;
    let sig = (1u64 << 52) | (x & FRAC);
    let lsb = ue - 52 + sig.trailing_zeros() as i32;
    ue <= 127 && lsb >= (ue - 23).max(-149)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RN: Env = Env { rn: Rn::Nearest, oe: false, ue: false };
    fn env(rn: Rn) -> Env {
        Env { rn, oe: false, ue: false }
    }
    fn d(x: f64) -> u64 {
        x.to_bits()
    }

    /// Integer conversions that take the exact shortcut agree with the rounding path in every
    /// mode, up to the format's 2^p and just past it (where rounding starts).
    #[test]
    fn exact_integer_conversions_match_rounding() {
        let mut vals = vec![1u64, 2, 3, 7, 1000, 1 << 23, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1 << 24) + 3];
        vals.extend([(1u64 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 53) + 3, u64::MAX, 1 << 63, 0x1234_5678_9abc_def1]);
        for &v in &vals {
            for signed in [false, true] {
                for x in [v, v.wrapping_neg()] {
                    for fmt in [Fmt::Double, Fmt::Single] {
                        for rn in [Rn::Nearest, Rn::Zero, Rn::Up, Rn::Down] {
                            let neg = signed && (x as i64) < 0;
                            let mag = if neg { (x as i64).unsigned_abs() } else { x };
                            let slow = round_res(Exact::new(neg, mag as u128, 0, false), fmt, env(rn));
                            assert_eq!(from_int(x, signed, fmt, env(rn)), slow, "{x:#x} signed {signed} {fmt:?} {rn:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn basic_arithmetic_matches_ieee() {
        assert_eq!(add(d(1.0), d(2.0), false, Fmt::Double, RN).bits, d(3.0));
        assert_eq!(add(d(1.0), d(1e-20), false, Fmt::Double, env(Rn::Up)).bits, d(1.0) + 1);
        assert_eq!(mul(d(3.0), d(0.5), Fmt::Double, RN).bits, d(1.5));
        assert_eq!(div(d(1.0), d(3.0), Fmt::Double, RN).bits, d(1.0 / 3.0));
        assert_eq!(sqrt(d(2.0), Fmt::Double, RN).bits, d(2f64.sqrt()));
        assert_eq!(sqrt(d(4.0), Fmt::Double, RN), Res::exact(d(2.0), Fmt::Double));
    }

    #[test]
    fn isqrt_is_exact() {
        for n in [0u128, 1, 2, 3, 4, 15, 16, 17, (1 << 126) - 1, 1 << 126, (1 << 126) + 12345] {
            let r = isqrt(n);
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "isqrt({n})");
        }
    }

    #[test]
    fn type_c_and_j_max_min() {
        let (p0, n0, one, two) = (0u64, SIGN, d(1.0), d(2.0));
        let (qnan, snan) = (DEFAULT_NAN, 0x7ff0_0000_0000_0001);
        // Type C is `a > b ? a : b`: equal operands (±0) and NaNs give b, unquieted.
        assert_eq!(max_min_c(two, one, true).bits, two);
        assert_eq!(max_min_c(p0, n0, true).bits, n0);
        assert_eq!(max_min_c(n0, p0, false).bits, p0);
        assert_eq!(max_min_c(qnan, one, true).bits, one);
        assert_eq!(max_min_c(one, snan, false), Res { bits: snan, exc: fpscr::VXSNAN, fr_fi: 0, fprf: 0 });
        // Type J: a NaN is returned as is (a's first), +0 > −0, VXSNAN for either SNaN.
        assert_eq!(max_min_j(p0, n0, true).bits, p0);
        assert_eq!(max_min_j(n0, p0, false).bits, n0);
        assert_eq!(max_min_j(qnan, snan, true), Res { bits: qnan, exc: fpscr::VXSNAN, fr_fi: 0, fprf: 0 });
        assert_eq!(max_min_j(one, snan, true).bits, snan);
        assert_eq!(max_min_j(one, two, false).bits, one);
    }

    #[test]
    fn exponent_compare_and_single_values() {
        assert_eq!(compare_exp(d(1.0), d(1.5)), 0b0010);
        assert_eq!(compare_exp(d(-4.0), d(2.0)), 0b0100);
        assert_eq!(compare_exp(d(0.0), MIN_NORMAL), 0b1000);
        assert_eq!(compare_exp(DEFAULT_NAN, d(1.0)), 0b0001);
        assert!(is_single_value(d(1.5)));
        assert!(is_single_value(d(f32::MAX as f64)));
        assert!(!is_single_value(d(1.0 + 2f64.powi(-30))));
        assert!(is_single_value(d(2f64.powi(-149))));
        assert!(!is_single_value(d(2f64.powi(-150))));
        assert!(is_single_value(d(3.0 * 2f64.powi(-149))));
        assert!(!is_single_value(d(2f64.powi(128))));
        assert!(is_single_value(INF) && is_single_value(SIGN));
        assert!(is_single_value(DEFAULT_NAN) && !is_single_value(DEFAULT_NAN | 1));
    }

    #[test]
    fn fmadds_rounds_once() {
        // a = 1+2^-23, c = 2^-24(1-2^-23), b = 1+2^-23: a×c+b = 1 + 2^-23 + 2^-24 − 2^-70,
        // just below the single tie: 1+2^-23. Rounding to double first would land on the
        // tie and round to even, 1+2^-22.
        let a = 0x3ff0_0000_2000_0000;
        let c = (2f64.powi(-24) * (1.0 - 2f64.powi(-23))).to_bits();
        let r = madd(a, c, a, MaddKind { sub: false, negate: false }, Fmt::Single, RN);
        assert_eq!(r.bits, 0x3ff0_0000_2000_0000);
        assert_eq!(r.exc, fpscr::XX);
    }
}
