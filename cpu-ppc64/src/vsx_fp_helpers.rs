//! Helpers for [`crate::vsx_fp`]: the VSX vector floating-point instructions (Power ISA 3.0B
//! Book I §7.6.1, `xv*`), element by element with the same arithmetic as the scalar ones
//! ([`crate::fp_arith`], through [`crate::fp_helpers::fast_or`]'s host fast path).
//!
//! ABI as in [`crate::fp_helpers`]: register arguments are full VSR numbers, the last is a
//! mode word ([`vm`]); a helper reads its operands and the FPSCR, writes the target, the
//! FPSCR and (record forms) CR6 itself, and raises [`exc::FP_ENABLED`] for an enabled
//! exception when MSR[FE0 FE1] ≠ 0.
//!
//! FPSCR rules of the vector instructions (§7.4, and each instruction's "Special Registers
//! Altered"), applied by [`finish_vec`]:
//! - each element's exception bits are ORed into the FPSCR; FX is set when any bit changed
//!   from 0 to 1; VX and FEX are recomputed;
//! - FPRF, FR and FI are never changed (unlike the scalar forms);
//! - if an enabled invalid-operation or zero-divide exception occurs for any element, the
//!   target (and CR6 for the compares) is not modified; other enabled exceptions (OE, UE, XE)
//!   leave the target written, with the exponent-adjusted results [`crate::fp_arith`] gives.
//!
//! Single-precision elements are words in single format: they are converted exactly to double
//! format ([`sp_to_dp`], signalling NaNs stay signalling), computed with [`Fmt::Single`]
//! rounding, and converted back ([`dp_to_sp`], exact for single-precision values).

// Helpers take the CPU pointer as a plain `*mut u8` and are safe `extern "C" fn`s because
// `jit::helper!` (and the backends) call them through safe function-pointer types; only
// translated code and the interpreter call them, with the CPU struct they were written for.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::exc;
use crate::fp_arith::{self as fa, fpscr, Env, Fmt, IntFmt, MaddKind, Res, Rn};
use crate::fp_helpers::{enabled, fast_or, fp_interrupts_enabled};
use crate::fp_host::HostOp;
use crate::state::Ppc64Cpu;
use crate::vmx_helpers::{cpu, vsr_get, vsr_set};
use crate::vsx_helpers::{dp_to_sp, sp_to_dp};

/// Mode-word fields of the vector helpers.
pub mod vm {
    /// Single-precision elements (four words) instead of double (two doublewords).
    pub const SINGLE: u64 = 1;
    /// Record form (compares: CR6).
    pub const RC: u64 = 2;
    /// Multiply-add: subtract the addend / negate the result / M-type (XA × XT + XB).
    pub const SUB: u64 = 4;
    pub const NEG: u64 = 8;
    pub const M_TYPE: u64 = 16;
    /// Conversions: signed integers.
    pub const SIGNED: u64 = 32;
    /// The operation, in bits 8:15 (one of the `OP_*` of the helper's family).
    pub const OP_SHIFT: u32 = 8;
    /// Round-to-integral mode in bits 16:18 (as `fp_helpers::m::RMODE_*`).
    pub const RMODE_SHIFT: u32 = 16;

    // Two-operand arithmetic (`xv_arith`).
    pub const OP_ADD: u64 = 0;
    pub const OP_SUB: u64 = 1;
    pub const OP_MUL: u64 = 2;
    pub const OP_DIV: u64 = 3;
    pub const OP_MAX: u64 = 4;
    pub const OP_MIN: u64 = 5;
    // One-operand arithmetic (`xv_unary`).
    pub const OP_SQRT: u64 = 0;
    pub const OP_RE: u64 = 1;
    pub const OP_RSQRTE: u64 = 2;
    pub const OP_RI: u64 = 3;
    /// Round to integral reporting inexactness (`xvrdpic`, `xvrspic`).
    pub const OP_RIC: u64 = 4;
    // Compares (`xv_cmp`).
    pub const OP_EQ: u64 = 0;
    pub const OP_GE: u64 = 1;
    pub const OP_GT: u64 = 2;
    // Conversions (`xv_cvt`).
    pub const CV_DPSP: u64 = 0;
    pub const CV_SPDP: u64 = 1;
    pub const CV_HPSP: u64 = 2;
    pub const CV_SPHP: u64 = 3;
    /// Double → 64-bit integer (per doubleword).
    pub const CV_DP_TO_D: u64 = 4;
    /// Double → 32-bit integer in word 2i.
    pub const CV_DP_TO_W: u64 = 5;
    /// Single (word 2i) → 64-bit integer.
    pub const CV_SP_TO_D: u64 = 6;
    /// Single → 32-bit integer (per word).
    pub const CV_SP_TO_W: u64 = 7;
    /// 64-bit integer → double.
    pub const CV_D_TO_DP: u64 = 8;
    /// 64-bit integer → single in word 2i.
    pub const CV_D_TO_SP: u64 = 9;
    /// 32-bit integer (word 2i) → double.
    pub const CV_W_TO_DP: u64 = 10;
    /// 32-bit integer → single (per word).
    pub const CV_W_TO_SP: u64 = 11;
    // Bit operations without FPSCR effects (`xv_bits`).
    pub const BIT_IEXP: u64 = 0;
    pub const BIT_XEXP: u64 = 1;
    pub const BIT_XSIG: u64 = 2;
    pub const BIT_TSTDC: u64 = 3;
    pub const BIT_EXTRACTUW: u64 = 4;
    pub const BIT_INSERTW: u64 = 5;
    /// `xv_bits`: DCMX or UIM in bits 16:23.
    pub const IMM_SHIFT: u32 = 16;
}

fn op_of(mode: u64) -> u64 {
    (mode >> vm::OP_SHIFT) & 0xff
}

fn fmt_of(mode: u64) -> Fmt {
    if mode & vm::SINGLE != 0 { Fmt::Single } else { Fmt::Double }
}

/// The elements of a VSR value in double format: two doublewords, or four singles converted
/// (no allocation: these run for every vector instruction).
#[derive(Clone, Copy)]
struct Lanes {
    x: [u64; 4],
    n: usize,
}

impl Lanes {
    fn of(v: u128, fmt: Fmt) -> Lanes {
        match fmt {
            Fmt::Single => Lanes { x: std::array::from_fn(|i| sp_to_dp((v >> (96 - 32 * i)) as u32)), n: 4 },
            _ => Lanes { x: [(v >> 64) as u64, v as u64, 0, 0], n: 2 },
        }
    }
}

/// The VSR value of element results in double format (singles converted back).
fn pack(r: &[u64], fmt: Fmt) -> u128 {
    match fmt {
        Fmt::Single => r.iter().enumerate().fold(0, |acc, (i, &x)| acc | (dp_to_sp(x) as u128) << (96 - 32 * i)),
        _ => ((r[0] as u128) << 64) | r[1] as u128,
    }
}

/// Word `i` (0-3) and doubleword `i` (0-1) of a VSR value, in the book's numbering.
fn word(v: u128, i: u32) -> u32 {
    (v >> (96 - 32 * i)) as u32
}
fn dword(v: u128, i: u32) -> u64 {
    (v >> (64 - 64 * i)) as u64
}

/// Applies a vector instruction's outcome (module docs): `out` is the new target value,
/// `exc` the OR of the elements' exception bits. Returns whether the target was written.
fn finish_vec(c: &mut Ppc64Cpu, t: u64, out: u128, exc: u64) -> bool {
    let old = c.fpscr;
    let suppressed = (exc & fpscr::VX_ALL != 0 && old & fpscr::VE != 0) || (exc & fpscr::ZX != 0 && old & fpscr::ZE != 0);
    if !suppressed {
        vsr_set(c, t, out);
    }
    let mut f = old | exc;
    if exc & !old & fpscr::EXC_ALL != 0 {
        f |= fpscr::FX;
    }
    c.fpscr = fpscr::summarize(f);
    if enabled(exc, old) && fp_interrupts_enabled(c) {
        c.hdr.exception = exc::FP_ENABLED;
    }
    !suppressed
}

/// Element-wise results `f(i)` (double format) to target `t`, their exceptions ORed.
fn finish_map(c: &mut Ppc64Cpu, t: u64, fmt: Fmt, n: usize, mut f: impl FnMut(usize) -> Res) -> u64 {
    let (mut bits, mut exc) = ([0u64; 4], 0);
    for (i, b) in bits.iter_mut().enumerate().take(n) {
        let r = f(i);
        *b = r.bits;
        exc |= r.exc;
    }
    finish_vec(c, t, pack(&bits[..n], fmt), exc);
    0
}

// ---- arithmetic (§7.6.1: xvadddp ... xvminsp) ----

/// One element of a two-operand operation.
fn arith_elem(op: u64, x: u64, y: u64, fmt: Fmt, env: Env) -> Res {
    match op {
        vm::OP_ADD => fast_or(HostOp::Add, x, y, 0, fmt, env, || fa::add(x, y, false, fmt, env)),
        vm::OP_SUB => fast_or(HostOp::Add, x, y ^ fa::SIGN, 0, fmt, env, || fa::add(x, y, true, fmt, env)),
        vm::OP_MUL => fast_or(HostOp::Mul, x, y, 0, fmt, env, || fa::mul(x, y, fmt, env)),
        vm::OP_DIV if fa::is_zero(y) => fa::div(x, y, fmt, env),
        vm::OP_DIV => fast_or(HostOp::Div, x, y, 0, fmt, env, || fa::div(x, y, fmt, env)),
        vm::OP_MAX => fa::max_min(x, y, true),
        _ => fa::max_min(x, y, false),
    }
}

/// `xv{add,sub,mul,div,max,min}{dp,sp} XT,XA,XB`.
pub extern "C" fn xv_arith(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (fmt, env, op) = (fmt_of(mode), Env::from_fpscr(c.fpscr), op_of(mode));
    let (xa, xb) = (Lanes::of(vsr_get(c, a), fmt), Lanes::of(vsr_get(c, b), fmt));
    finish_map(c, t, fmt, xa.n, |i| arith_elem(op, xa.x[i], xb.x[i], fmt, env))
}

/// `xv[n]m{add,sub}{a,m}{dp,sp} XT,XA,XB`: A-type XT ← ±(XA × XB ± XT), M-type
/// XT ← ±(XA × XT ± XB); NaN precedence XA, addend, second factor (as the scalar forms).
pub extern "C" fn xv_madd(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (fmt, env) = (fmt_of(mode), Env::from_fpscr(c.fpscr));
    let kind = MaddKind { sub: mode & vm::SUB != 0, negate: mode & vm::NEG != 0 };
    let (xa, xb, xt) = (Lanes::of(vsr_get(c, a), fmt), Lanes::of(vsr_get(c, b), fmt), Lanes::of(vsr_get(c, t), fmt));
    let (factor, addend) = if mode & vm::M_TYPE != 0 { (xt, xb) } else { (xb, xt) };
    finish_map(c, t, fmt, xa.n, |i| madd_elem(xa.x[i], factor.x[i], addend.x[i], kind, fmt, env))
}

/// One multiply-add element: the host fused multiply-add where it is exact, else software.
fn madd_elem(x: u64, y: u64, z: u64, kind: MaddKind, fmt: Fmt, env: Env) -> Res {
    let addend = if kind.sub { z ^ fa::SIGN } else { z };
    match crate::fp_host::try_op(HostOp::Fma, x, y, addend, fmt, env.rn) {
        Some(r) if kind.negate => Res { bits: r.bits ^ fa::SIGN, ..r },
        Some(r) => r,
        None => fa::madd(x, y, z, kind, fmt, env),
    }
}

/// `xvsqrt`, `xvre`, `xvrsqrte`, `xvr{dp,sp}i[c,m,p,z]` (`{dp,sp}`) XT,XB.
pub extern "C" fn xv_unary(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (fmt, env, op) = (fmt_of(mode), Env::from_fpscr(c.fpscr), op_of(mode));
    let rn = match (mode >> vm::RMODE_SHIFT) & 7 {
        crate::fp_helpers::m::RMODE_AWAY => Rn::NearestAway,
        crate::fp_helpers::m::RMODE_CURRENT => env.rn,
        x => Rn::from_fpscr(x),
    };
    let xb = Lanes::of(vsr_get(c, b), fmt);
    finish_map(c, t, fmt, xb.n, |i| {
        let y = xb.x[i];
        match op {
            vm::OP_SQRT if fa::is_neg(y) => fa::sqrt(y, fmt, env),
            vm::OP_SQRT => fast_or(HostOp::Sqrt, 0, y, 0, fmt, env, || fa::sqrt(y, fmt, env)),
            vm::OP_RE => fa::recip_estimate(y, fmt, env),
            vm::OP_RSQRTE => fa::rsqrt_estimate(y, fmt, env),
            _ => {
                // Round to integral: exact in either format (an integral value of a single's
                // magnitude is a single); only the current-mode form reports XX.
                let (mut r, inexact) = fa::round_to_integral(y, rn);
                if fmt == Fmt::Single && fa::is_nan(r.bits) {
                    r.bits &= 0xffff_ffff_e000_0000;
                }
                if inexact && op == vm::OP_RIC {
                    r.exc |= fpscr::XX;
                }
                r
            }
        }
    })
}

// ---- compares (§7.6.1: xvcmpeqdp ... xvcmpgtsp) ----

/// `xvcmp{eq,ge,gt}{dp,sp}[.] XT,XA,XB`: each element all ones where the relation holds.
/// `eq` signals VXSNAN for SNaNs; `ge`/`gt` also VXVC for any NaN (SNaN: only with VE=0).
/// Rc=1: CR6 ← all-true || 0 || all-false || 0. With an enabled invalid operation neither XT
/// nor CR6 is modified.
pub extern "C" fn xv_cmp(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (fmt, op) = (fmt_of(mode), op_of(mode));
    let (xa, xb) = (Lanes::of(vsr_get(c, a), fmt), Lanes::of(vsr_get(c, b), fmt));
    let ve = c.fpscr & fpscr::VE != 0;
    let mut exc = 0;
    let mut truth = [false; 4];
    for (i, tr) in truth.iter_mut().enumerate().take(xa.n) {
        let (x, y) = (xa.x[i], xb.x[i]);
        exc |= fa::compare_exceptions(x, y, op != vm::OP_EQ, ve);
        let cc = fa::compare(x, y);
        *tr = match op {
            vm::OP_EQ => cc == 0b0010,
            vm::OP_GE => cc & 0b0110 != 0,
            _ => cc == 0b0100,
        };
    }
    let truth = &truth[..xa.n];
    let w = if fmt == Fmt::Single { 32 } else { 64 };
    let ones = if w == 64 { u64::MAX } else { 0xffff_ffff };
    let out = crate::vmx_helpers::build(w, |i| if truth[i as usize] { ones } else { 0 });
    if finish_vec(c, t, out, exc) && mode & vm::RC != 0 {
        let all = truth.iter().all(|&x| x) as u8;
        let none = truth.iter().all(|&x| !x) as u8;
        c.cr[6] = all << 3 | none << 1;
    }
    0
}

/// `xvtdiv{dp,sp} BF,XA,XB`: the CR field 0b1 || fg || fe || 0b0, fg and fe ORed over the
/// elements (no FPSCR change).
pub extern "C" fn xv_tdiv(p: *mut u8, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (va, vb) = (vsr_get(c, a), vsr_get(c, b));
    let r = if mode & vm::SINGLE != 0 {
        (0..4).fold(0, |r, i| r | test_div_sp(word(va, i), word(vb, i)))
    } else {
        (0..2).fold(0, |r, i| r | fa::test_div(dword(va, i), dword(vb, i)))
    };
    r | 0b1000
}

/// `xvtsqrt{dp,sp} BF,XB`.
pub extern "C" fn xv_tsqrt(p: *mut u8, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let vb = vsr_get(c, b);
    let r = if mode & vm::SINGLE != 0 {
        (0..4).fold(0, |r, i| r | test_sqrt_sp(word(vb, i)))
    } else {
        (0..2).fold(0, |r, i| r | fa::test_sqrt(dword(vb, i)))
    };
    r | 0b1000
}

/// Single-precision fields: unbiased exponent (denormals and zero −127, as the biased field
/// reads), and the classes the tests need.
fn sp_exp(x: u32) -> i32 {
    ((x >> 23) & 0xff) as i32 - 127
}
fn sp_nan_inf(x: u32) -> bool {
    (x >> 23) & 0xff == 0xff
}
fn sp_zero(x: u32) -> bool {
    x & 0x7fff_ffff == 0
}
fn sp_inf(x: u32) -> bool {
    x & 0x7fff_ffff == 0x7f80_0000
}

/// `xvtdivsp` per element (§7.6.1): as `ftdiv` with the single format's bounds (exponent
/// range −126..127, 24-bit precision).
fn test_div_sp(a: u32, b: u32) -> u64 {
    let (ea, eb) = (sp_exp(a), sp_exp(b));
    let fe = sp_nan_inf(a)
        || sp_nan_inf(b)
        || sp_zero(b)
        || eb <= -126
        || eb >= 125
        || (!sp_zero(a) && (ea - eb >= 127 || ea - eb <= -125 || ea <= -103));
    let fg = sp_inf(a) || sp_inf(b) || sp_zero(b) || (b >> 23) & 0xff == 0;
    (fg as u64) << 2 | (fe as u64) << 1
}

/// `xvtsqrtsp` per element.
fn test_sqrt_sp(b: u32) -> u64 {
    let fe = sp_zero(b) || sp_nan_inf(b) || b >> 31 != 0 || sp_exp(b) <= -103;
    let fg = sp_zero(b) || sp_inf(b) || (b >> 23) & 0xff == 0;
    (fg as u64) << 2 | (fe as u64) << 1
}

// ---- conversions (§7.6.1: xvcv*) ----

/// A single-precision SNaN/QNaN quieted with VXSNAN for SNaNs: the result of converting a NaN
/// to another format (`fmt`'s fraction width kept).
fn nan_convert(x: u64, fmt: Fmt) -> Res {
    let mask = match fmt {
        Fmt::Double => u64::MAX,
        Fmt::Single => 0xffff_ffff_e000_0000,
        Fmt::Half => 0xffff_fc00_0000_0000,
    };
    let exc = if fa::is_snan(x) { fpscr::VXSNAN } else { 0 };
    Res { bits: (x | fa::QUIET) & mask, exc, fr_fi: 0, fprf: 0 }
}

/// Half-precision bits to double format (exact).
pub fn hp_to_dp(h: u16) -> u64 {
    let sign = ((h >> 15) as u64) << 63;
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as u64;
    match (e, f) {
        (0, 0) => sign,
        (0, _) => {
            // Denormal: f × 2^-24, normalised at its top bit k.
            let k = 63 - f.leading_zeros() as i32;
            let frac = (f << (52 - k)) & fa::FRAC;
            sign | (((k - 24 + 1023) as u64) << 52) | frac
        }
        (0x1f, _) => sign | fa::INF | (f << 42),
        _ => sign | (((e - 15 + 1023) as u64) << 52) | (f << 42),
    }
}

/// A double-format value that is a half-precision number (or a NaN/∞) to half bits.
pub fn dp_to_hp(d: u64) -> u16 {
    let sign = ((d >> 63) as u16) << 15;
    let e = fa::exp_field(d);
    let frac = d & fa::FRAC;
    if e == 0x7ff {
        return sign | 0x7c00 | (frac >> 42) as u16;
    }
    if fa::is_zero(d) {
        return sign;
    }
    let ue = e - 1023;
    if ue >= -14 {
        sign | (((ue + 15) as u16) << 10) | (frac >> 42) as u16
    } else {
        // Denormal half: (1.frac) × 2^ue = m × 2^-24.
        let m = ((1u64 << 52) | frac) >> (52 - (ue + 24)).clamp(0, 63);
        sign | m as u16
    }
}

/// A word result `x` for doubleword `i` in both its words: the book defines word 2i and
/// leaves word 2i+1 undefined; POWER9 (and QEMU 7.2, and ISA 3.1, which defines it) copy it.
fn word_pair(x: u64, i: u32) -> u128 {
    let x = x & 0xffff_ffff;
    ((x << 32 | x) as u128) << (64 - 64 * i)
}

/// `xvcv*`: the conversions between double, single, half and integer elements. Element
/// placement (§7.6.1): a doubleword result from a word source reads word 2i; a word result
/// from a doubleword source goes to word 2i and is copied to word 2i+1 ([`word_pair`]);
/// half-precision values are the right halfword of each word (left halfword 0).
pub extern "C" fn xv_cvt(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let v = vsr_get(c, b);
    let env = Env::from_fpscr(c.fpscr);
    let signed = mode & vm::SIGNED != 0;
    let int = |bits| IntFmt { signed, bits };
    let mut exc = 0;
    let mut note = |r: Res| {
        exc |= r.exc;
        r.bits
    };
    let out: u128 = match op_of(mode) {
        vm::CV_DPSP => {
            let mut w = |i: u32| word_pair(dp_to_sp(note(fa::round_to_single(dword(v, i), env))) as u64, i);
            w(0) | w(1)
        }
        vm::CV_SPDP => {
            let mut d = |i: u32| {
                let x = sp_to_dp(word(v, 2 * i));
                note(if fa::is_nan(x) { nan_convert(x, Fmt::Double) } else { Res::exact(x, Fmt::Double) })
            };
            (d(0) as u128) << 64 | d(1) as u128
        }
        vm::CV_HPSP => crate::vmx_helpers::build(32, |i| {
            let x = hp_to_dp(word(v, i) as u16);
            let r = if fa::is_nan(x) { nan_convert(x, Fmt::Single) } else { Res::exact(x, Fmt::Single) };
            dp_to_sp(note(r)) as u64
        }),
        vm::CV_SPHP => crate::vmx_helpers::build(32, |i| dp_to_hp(note(fa::round_to_half(sp_to_dp(word(v, i)), env))) as u64),
        vm::CV_DP_TO_D => {
            let mut d = |i: u32| note(fa::to_int(dword(v, i), int(64), Rn::Zero));
            (d(0) as u128) << 64 | d(1) as u128
        }
        vm::CV_DP_TO_W => {
            let mut w = |i: u32| word_pair(note(fa::to_int(dword(v, i), int(32), Rn::Zero)), i);
            w(0) | w(1)
        }
        vm::CV_SP_TO_D => {
            let mut d = |i: u32| note(fa::to_int(sp_to_dp(word(v, 2 * i)), int(64), Rn::Zero));
            (d(0) as u128) << 64 | d(1) as u128
        }
        vm::CV_SP_TO_W => crate::vmx_helpers::build(32, |i| note(fa::to_int(sp_to_dp(word(v, i)), int(32), Rn::Zero))),
        vm::CV_D_TO_DP => {
            let mut d = |i: u32| note(fa::from_int(dword(v, i), signed, Fmt::Double, env));
            (d(0) as u128) << 64 | d(1) as u128
        }
        vm::CV_D_TO_SP => {
            let mut w = |i: u32| word_pair(dp_to_sp(note(fa::from_int(dword(v, i), signed, Fmt::Single, env))) as u64, i);
            w(0) | w(1)
        }
        vm::CV_W_TO_DP => {
            let mut d = |i: u32| {
                let x = word(v, 2 * i);
                let x = if signed { x as i32 as i64 as u64 } else { x as u64 };
                note(fa::from_int(x, signed, Fmt::Double, env))
            };
            (d(0) as u128) << 64 | d(1) as u128
        }
        _ => crate::vmx_helpers::build(32, |i| {
            let x = word(v, i);
            let x = if signed { x as i32 as i64 as u64 } else { x as u64 };
            dp_to_sp(note(fa::from_int(x, signed, Fmt::Single, env))) as u64
        }),
    };
    finish_vec(c, t, out, exc);
    0
}

// ---- bit operations without FPSCR effects (§7.6.1, §7.6.4) ----

/// `xvtstdc` class bits of a double-format value (DCMX bit 0 = 0x40: NaN, +∞, −∞, +0, −0,
/// +denormal, −denormal), with denormal judged in `fmt`.
pub(crate) fn data_class(x: u64, denormal: bool) -> u64 {
    let neg = fa::is_neg(x);
    let pick = |p: u64, n: u64| if neg { n } else { p };
    if fa::is_nan(x) {
        0x40
    } else if fa::is_inf(x) {
        pick(0x20, 0x10)
    } else if fa::is_zero(x) {
        pick(0x08, 0x04)
    } else if denormal {
        pick(0x02, 0x01)
    } else {
        0
    }
}

/// `xviexp`, `xvxexp`, `xvxsig` (`dp`/`sp`), `xvtstdc{dp,sp}`, `xxextractuw`, `xxinsertw`:
/// element-wise bit manipulation, no FPSCR change.
pub extern "C" fn xv_bits(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (va, vb, vt) = (vsr_get(c, a), vsr_get(c, b), vsr_get(c, t));
    let imm = (mode >> vm::IMM_SHIFT) & 0xff;
    let single = mode & vm::SINGLE != 0;
    // Element geometry: (width, exponent position, exponent bits, fraction bits).
    let (w, fbits, ebits) = if single { (32u32, 23u32, 8u32) } else { (64, 52, 11) };
    let emask = (1u64 << ebits) - 1;
    let fmask = (1u64 << fbits) - 1;
    let el = |v: u128, i: u32| if single { word(v, i) as u64 } else { dword(v, i) };
    let out = match op_of(mode) {
        vm::BIT_IEXP => crate::vmx_helpers::build(w, |i| {
            let x = el(va, i);
            let sign = x & (1 << (w - 1));
            sign | (el(vb, i) & emask) << fbits | (x & fmask)
        }),
        vm::BIT_XEXP => crate::vmx_helpers::build(w, |i| (el(vb, i) >> fbits) & emask),
        vm::BIT_XSIG => crate::vmx_helpers::build(w, |i| {
            let x = el(vb, i);
            let e = (x >> fbits) & emask;
            let implicit = (e != 0 && e != emask) as u64;
            implicit << fbits | (x & fmask)
        }),
        vm::BIT_TSTDC => crate::vmx_helpers::build(w, |i| {
            let x = el(vb, i);
            let e = (x >> fbits) & emask;
            let denormal = e == 0 && x & fmask != 0;
            let d = if single { sp_to_dp(x as u32) } else { x };
            if data_class(d, denormal) & imm != 0 { u64::MAX } else { 0 }
        }),
        vm::BIT_EXTRACTUW => {
            // Bytes UIM:UIM+3 of XB; past byte 15 (UIM > 12, undefined) it wraps to byte 0,
            // as QEMU 7.2 does.
            let wv = (vb.rotate_left(8 * (imm & 15) as u32) >> 96) as u64;
            (wv as u128) << 64
        }
        _ => {
            // xxinsertw: word 1 of XB into bytes UIM:UIM+3 of XT (clipped at byte 15).
            let wv = (word(vb, 1) as u128) << 96 >> (8 * (imm & 15));
            let m = (0xffff_ffffu128 << 96) >> (8 * (imm & 15));
            (vt & !m) | wv
        }
    };
    vsr_set(c, t, out);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    // Half-precision values by hand: 1.0 = 0x3c00, 65504 = 0x7bff, 2^-14 = 0x0400,
    // 2^-24 = 0x0001, 2^-15 = 0x0200.
    #[test]
    fn half_conversions() {
        assert_eq!(hp_to_dp(0x3c00), 1.0f64.to_bits());
        assert_eq!(hp_to_dp(0x7bff), 65504.0f64.to_bits());
        assert_eq!(hp_to_dp(0x0400), 2f64.powi(-14).to_bits());
        assert_eq!(hp_to_dp(0x0001), 2f64.powi(-24).to_bits());
        assert_eq!(hp_to_dp(0x0200), 2f64.powi(-15).to_bits());
        assert_eq!(hp_to_dp(0x83ff), (-(1023.0) * 2f64.powi(-24)).to_bits());
        assert_eq!(hp_to_dp(0xfc00), f64::NEG_INFINITY.to_bits());
        assert_eq!(hp_to_dp(0x7c01), 0x7ff0_0400_0000_0000);
        for h in 0..=0xffffu16 {
            if h & 0x7c00 != 0x7c00 {
                assert_eq!(dp_to_hp(hp_to_dp(h)), h, "{h:#x}");
            }
        }
    }

    #[test]
    fn half_rounding() {
        let env = Env { rn: Rn::Nearest, oe: false, ue: false };
        let r = |x: f64| {
            let r = fa::round_to_half(x.to_bits(), env);
            (dp_to_hp(r.bits), r.exc)
        };
        assert_eq!(r(1.0), (0x3c00, 0));
        assert_eq!(r(65520.0), (0x7c00, fpscr::OX | fpscr::XX)); // tie above the largest
        assert_eq!(r(65519.0), (0x7bff, fpscr::XX));
        assert_eq!(r(2f64.powi(-25)), (0x0000, fpscr::UX | fpscr::XX)); // tie to even 0
        assert_eq!(r(1.5 * 2f64.powi(-24)), (0x0002, fpscr::UX | fpscr::XX));
        assert_eq!(r(1.0 + 2f64.powi(-11)), (0x3c00, fpscr::XX));
    }
}
