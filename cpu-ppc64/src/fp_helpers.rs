//! Helpers (Rust functions called from translated code) for [`crate::fp`]: every FP
//! instruction that rounds, raises or changes the FPSCR beyond a plain move.
//!
//! ABI: like [`crate::vmx_helpers`], register arguments are full VSR numbers (FPR n is VSR n,
//! doubleword 0), read and written in `Ppc64Cpu` directly; the last argument is a mode word
//! ([`m`]). A helper does the whole instruction: reads its operands and the FPSCR, computes with
//! [`crate::fp_host`] or [`crate::fp_arith`], writes the target, the FPSCR and — for record
//! forms — CR1, and raises [`exc::FP_ENABLED`] when the instruction caused an enabled exception
//! and MSR[FE0 FE1] ≠ 0. The raise leaves everything the instruction wrote in place (Book I
//! §4.4: the target is written for overflow, underflow and inexact, not for invalid operation
//! and zero divide) and reports the instruction's own address.
//!
//! FPSCR update rules (§4.2.2, §4.4) applied by [`finish`]:
//! - exception bits are sticky; FX is set when this instruction turned any of them from 0 to 1;
//!   VX and FEX are recomputed from the bits they summarise.
//! - with VE=1 and an invalid operation, or ZE=1 and a zero divide, the target, FR, FI and FPRF
//!   are left unchanged; otherwise the result is written, FR/FI are set, FPRF is set (for the
//!   instructions that define it).
//! - FP results written to an FPR or a VSX scalar target clear doubleword 1 of the VSR (defined
//!   as 0 by ISA 3.1 and what POWER hardware does; undefined before).

// Helpers take the CPU pointer as a plain `*mut u8` and are safe `extern "C" fn`s because
// `jit::helper!` (and the backends) call them through safe function-pointer types; only
// translated code and the interpreter call them, with the CPU struct they were written for.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::exc;
use crate::fp_arith::{self as fa, fpscr, Env, Fmt, IntFmt, MaddKind, Res, Rn};
use crate::fp_host::{self, HostOp};
use crate::state::Ppc64Cpu;
use crate::vmx_helpers::cpu;
use crate::vsx_helpers::{dp_to_sp, sp_to_dp};

/// MSR[FE0] and MSR[FE1]: either nonzero makes enabled FP exceptions interrupt (Book III).
pub const MSR_FE0: u64 = 1 << 11;
pub const MSR_FE1: u64 = 1 << 8;

/// Mode-word bits of the helpers.
pub mod m {
    /// Record form: CR1 ← FPSCR[FX FEX VX OX].
    pub const RC: u64 = 1;
    /// Round the result to single precision.
    pub const SINGLE: u64 = 2;
    /// Multiply-add: subtract the addend.
    pub const SUB: u64 = 4;
    /// Multiply-add: negate the rounded result.
    pub const NEG: u64 = 8;
    /// Conversions: signed integer.
    pub const SIGNED: u64 = 16;
    /// Conversions to integer: 32-bit result.
    pub const WORD: u64 = 32;
    /// Conversions to integer: round toward zero instead of by FPSCR[RN].
    pub const TRUNC: u64 = 64;
    /// VSX word results: the word in both words of doubleword 0 (`xscvdpsxws`, `xscvdpsp`).
    pub const SPLAT_WORD: u64 = 128;
    /// Compares: ordered (`fcmpo`), which also signals VXVC.
    pub const ORDERED: u64 = 256;
    /// Round-to-integral: set XX/FI/FR like an arithmetic result (`xsrdpic`).
    pub const INEXACT: u64 = 512;
    /// `xsmaxdp` rather than `xsmindp` (also the `c`/`j` forms).
    pub const MAX: u64 = 1024;
    /// `xsmaxcdp`/`xsmincdp` ("type C") and `xsmaxjdp`/`xsminjdp` ("type J").
    pub const TYPE_C: u64 = 2048;
    pub const TYPE_J: u64 = 4096;
    /// `xststdcsp` rather than `xststdcdp`.
    pub const TEST_SP: u64 = 8192;
    /// `xscmp{eq,gt,ge}dp`: the predicate.
    pub const CMP_EQ: u64 = 0;
    pub const CMP_GT: u64 = 1;
    pub const CMP_GE: u64 = 2;
    /// Round-to-integral rounding mode in bits 12:14 (0-3 = FPSCR[RN] encoding, 4 = nearest
    /// ties away, 7 = FPSCR[RN] itself).
    pub const RMODE_SHIFT: u32 = 12;
    pub const RMODE_CURRENT: u64 = 7;
    pub const RMODE_AWAY: u64 = 4;
}

fn fmt_of(mode: u64) -> Fmt {
    if mode & m::SINGLE != 0 { Fmt::Single } else { Fmt::Double }
}

fn reg(c: &Ppc64Cpu, n: u64) -> u64 {
    c.vsr[n as usize & 63][1]
}

/// Which FPSCR fields an instruction sets besides its exception bits.
#[derive(Clone, Copy)]
struct Sets {
    fprf: bool,
    fr_fi: bool,
}
const ARITH: Sets = Sets { fprf: true, fr_fi: true };
/// Convert-to-integer: FPRF is undefined (left unchanged).
const TO_INT: Sets = Sets { fprf: false, fr_fi: true };
/// `xsmaxdp` and friends: only the exception bits.
const EXC_ONLY: Sets = Sets { fprf: false, fr_fi: false };

/// Whether exceptions `exc` (raised by one instruction) are enabled in FPSCR `f`.
pub(crate) fn enabled(exc: u64, f: u64) -> bool {
    let exc = if exc & fpscr::VX_ALL != 0 { exc | fpscr::VX } else { exc };
    (exc >> 22) & f & fpscr::ENABLES != 0
}

pub(crate) fn fp_interrupts_enabled(c: &Ppc64Cpu) -> bool {
    c.msr & (MSR_FE0 | MSR_FE1) != 0
}

/// Applies an operation's outcome (module docs): target VSR `t` (None: no target), FPSCR,
/// CR1 if `rc`, and the enabled-exception interrupt.
fn finish(c: &mut Ppc64Cpu, t: Option<u64>, r: Res, sets: Sets, rc: bool) -> u64 {
    let old = c.fpscr;
    let suppressed = (r.exc & fpscr::VX_ALL != 0 && old & fpscr::VE != 0) || (r.exc & fpscr::ZX != 0 && old & fpscr::ZE != 0);
    let mut f = old | r.exc;
    if !suppressed {
        if let Some(t) = t {
            c.vsr[t as usize & 63] = [0, r.bits];
        }
        if sets.fr_fi {
            f = (f & !(fpscr::FR | fpscr::FI)) | r.fr_fi;
        }
        if sets.fprf {
            f = (f & !fpscr::FPRF) | (r.fprf << fpscr::FPRF_SHIFT);
        }
    }
    if r.exc & !old & fpscr::EXC_ALL != 0 {
        f |= fpscr::FX;
    }
    let f = fpscr::summarize(f);
    c.fpscr = f;
    if rc {
        c.cr[1] = ((f >> 28) & 0xf) as u8;
    }
    if enabled(r.exc, old) && fp_interrupts_enabled(c) {
        c.hdr.exception = exc::FP_ENABLED;
    }
    0
}

/// The host result if the fast path can give it, else the software one.
pub(crate) fn fast_or(op: HostOp, a: u64, b: u64, addend: u64, fmt: Fmt, env: Env, soft: impl FnOnce() -> Res) -> Res {
    fp_host::try_op(op, a, b, addend, fmt, env.rn).unwrap_or_else(soft)
}

// ---- arithmetic (§4.6.6) and its VSX scalar forms (§7.6.1) ----

/// `fadd`, `fadds`, `xsadddp`, `xsaddsp`: VSR t ← a + b.
pub extern "C" fn fp_add(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, fmt, env) = (reg(c, a), reg(c, b), fmt_of(mode), Env::from_fpscr(c.fpscr));
    let r = fast_or(HostOp::Add, x, y, 0, fmt, env, || fa::add(x, y, false, fmt, env));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `fsub`, `fsubs`, `xssubdp`, `xssubsp`: VSR t ← a − b.
pub extern "C" fn fp_sub(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, fmt, env) = (reg(c, a), reg(c, b), fmt_of(mode), Env::from_fpscr(c.fpscr));
    // a − b is a + (−b) exactly (IEEE 754 §5.4.1), NaN operands aside (the host path has none).
    let r = fast_or(HostOp::Add, x, y ^ fa::SIGN, 0, fmt, env, || fa::add(x, y, true, fmt, env));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `fmul`, `fmuls`, `xsmuldp`, `xsmulsp`: VSR t ← a × c.
pub extern "C" fn fp_mul(p: *mut u8, t: u64, a: u64, cc: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, fmt, env) = (reg(c, a), reg(c, cc), fmt_of(mode), Env::from_fpscr(c.fpscr));
    let r = fast_or(HostOp::Mul, x, y, 0, fmt, env, || fa::mul(x, y, fmt, env));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `fdiv`, `fdivs`, `xsdivdp`, `xsdivsp`: VSR t ← a ÷ b.
pub extern "C" fn fp_div(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, fmt, env) = (reg(c, a), reg(c, b), fmt_of(mode), Env::from_fpscr(c.fpscr));
    // The host path would see a zero divisor as ZE and give up; skip the attempt.
    let r = if fa::is_zero(y) {
        fa::div(x, y, fmt, env)
    } else {
        fast_or(HostOp::Div, x, y, 0, fmt, env, || fa::div(x, y, fmt, env))
    };
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `fmadd` family and `xsmadd{a,m}{dp,sp}` family: VSR t ← ±(a × cc ± b) (the addend `b`
/// comes second in NaN precedence; [`m::SUB`], [`m::NEG`] select the variant).
pub extern "C" fn fp_madd(p: *mut u8, t: u64, a: u64, cc: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, z) = (reg(c, a), reg(c, cc), reg(c, b));
    let (fmt, env) = (fmt_of(mode), Env::from_fpscr(c.fpscr));
    let kind = MaddKind { sub: mode & m::SUB != 0, negate: mode & m::NEG != 0 };
    let addend = if kind.sub { z ^ fa::SIGN } else { z };
    let r = match fp_host::try_op(HostOp::Fma, x, y, addend, fmt, env.rn) {
        // Rounding then negating is what fnmadd/fnmsub do; the class flips with the sign.
        Some(r) if kind.negate => Res { bits: r.bits ^ fa::SIGN, fprf: fa::classify(r.bits ^ fa::SIGN, fmt), ..r },
        Some(r) => r,
        None => fa::madd(x, y, z, kind, fmt, env),
    };
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `fsqrt`, `fsqrts`, `xssqrtdp`, `xssqrtsp`: VSR t ← √b.
pub extern "C" fn fp_sqrt(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (y, fmt, env) = (reg(c, b), fmt_of(mode), Env::from_fpscr(c.fpscr));
    let r = if fa::is_neg(y) {
        fa::sqrt(y, fmt, env)
    } else {
        fast_or(HostOp::Sqrt, 0, y, 0, fmt, env, || fa::sqrt(y, fmt, env))
    };
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `fre`, `fres`, `xsredp`, `xsresp`: VSR t ← estimate of 1/b.
pub extern "C" fn fp_re(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let r = fa::recip_estimate(reg(c, b), fmt_of(mode), Env::from_fpscr(c.fpscr));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `frsqrte`, `frsqrtes`, `xsrsqrtedp`, `xsrsqrtesp`: VSR t ← estimate of 1/√b.
pub extern "C" fn fp_rsqrte(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let r = fa::rsqrt_estimate(reg(c, b), fmt_of(mode), Env::from_fpscr(c.fpscr));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

// ---- rounding and conversion (§4.6.7) ----

/// `frsp`, `xsrsp`: VSR t ← b rounded to single precision.
pub extern "C" fn fp_rsp(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let r = fa::round_to_single(reg(c, b), Env::from_fpscr(c.fpscr));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `xscvdpsp`: b rounded to single, in single format in words 0 and 1 of VSR t.
pub extern "C" fn fp_cvdpsp(p: *mut u8, t: u64, b: u64, _mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let mut r = fa::round_to_single(reg(c, b), Env::from_fpscr(c.fpscr));
    let w = dp_to_sp(r.bits) as u64;
    r.bits = (w << 32) | w;
    finish(c, Some(t), r, ARITH, false)
}

/// `xscvspdp`: the single in word 0 of VSR b, in double format (SNaNs quieted, VXSNAN).
pub extern "C" fn fp_cvspdp(p: *mut u8, t: u64, b: u64, _mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let d = sp_to_dp((reg(c, b) >> 32) as u32);
    let r = if fa::is_snan(d) {
        Res { bits: d | fa::QUIET, exc: fpscr::VXSNAN, fr_fi: 0, fprf: fa::class::QNAN }
    } else {
        Res::exact(d, Fmt::Double)
    };
    finish(c, Some(t), r, ARITH, false)
}

/// `fctiw[u][z]`, `fctid[u][z]`, `xscvdp{s,u}x{w,d}s`: VSR t ← b converted to an integer.
pub extern "C" fn fp_cti(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let to = IntFmt { signed: mode & m::SIGNED != 0, bits: if mode & m::WORD != 0 { 32 } else { 64 } };
    let rn = if mode & m::TRUNC != 0 { Rn::Zero } else { Rn::from_fpscr(c.fpscr) };
    let mut r = fa::to_int(reg(c, b), to, rn);
    if mode & m::SPLAT_WORD != 0 {
        r.bits = (r.bits << 32) | (r.bits & 0xffff_ffff);
    }
    finish(c, Some(t), r, TO_INT, mode & m::RC != 0)
}

/// `fcfid[u][s]`, `xscv{s,u}xd{dp,sp}`: VSR t ← the integer in b, rounded.
pub extern "C" fn fp_cfid(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let r = fa::from_int(reg(c, b), mode & m::SIGNED != 0, fmt_of(mode), Env::from_fpscr(c.fpscr));
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

/// `frin`, `friz`, `frip`, `frim`, `xsrdpi[c,m,p,z]`: VSR t ← b rounded to an integral value.
pub extern "C" fn fp_ri(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let rn = match (mode >> m::RMODE_SHIFT) & 7 {
        m::RMODE_AWAY => Rn::NearestAway,
        m::RMODE_CURRENT => Rn::from_fpscr(c.fpscr),
        x => Rn::from_fpscr(x),
    };
    let y = reg(c, b);
    let (mut r, inexact) = fa::round_to_integral(y, rn);
    if inexact && mode & m::INEXACT != 0 {
        // xsrdpic reports inexactness like an arithmetic result; the rounded-up test compares
        // magnitudes (both are finite here).
        let up = r.bits & !fa::SIGN > y & !fa::SIGN;
        r.exc |= fpscr::XX;
        r.fr_fi = fpscr::FI | if up { fpscr::FR } else { 0 };
    }
    finish(c, Some(t), r, ARITH, mode & m::RC != 0)
}

// ---- compare and test (§4.6.8) ----

/// `fcmpu`, `fcmpo`, `xscmpudp`, `xscmpodp`: CR field `bf` and FPSCR[FPCC] ← a ? b.
pub extern "C" fn fp_cmp(p: *mut u8, bf: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (reg(c, a), reg(c, b));
    let cc = fa::compare(x, y);
    let old = c.fpscr;
    let exc = fa::compare_exceptions(x, y, mode & m::ORDERED != 0, old & fpscr::VE != 0);
    // FR, FI and C are unchanged, also for an enabled invalid compare (§4.4.1 "Action").
    let mut f = (old & !fpscr::FPCC) | (cc << fpscr::FPRF_SHIFT) | exc;
    if exc & !old & fpscr::EXC_ALL != 0 {
        f |= fpscr::FX;
    }
    c.fpscr = fpscr::summarize(f);
    c.cr[bf as usize & 7] = cc as u8;
    if enabled(exc, old) && fp_interrupts_enabled(c) {
        c.hdr.exception = exc::FP_ENABLED;
    }
    0
}

/// `ftdiv`, `xstdivdp`: the CR field value (no FPSCR change).
pub extern "C" fn fp_tdiv(p: *mut u8, a: u64, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    fa::test_div(reg(c, a), reg(c, b))
}

/// `ftsqrt`, `xstsqrtdp`: the CR field value (no FPSCR change).
pub extern "C" fn fp_tsqrt(p: *mut u8, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    fa::test_sqrt(reg(c, b))
}

/// `xsmaxdp`, `xsmindp`, and the v3.0 `xs{max,min}{c,j}dp` ([`m::TYPE_C`], [`m::TYPE_J`]).
pub extern "C" fn fp_maxmin(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, max) = (reg(c, a), reg(c, b), mode & m::MAX != 0);
    let r = if mode & m::TYPE_C != 0 {
        fa::max_min_c(x, y, max)
    } else if mode & m::TYPE_J != 0 {
        fa::max_min_j(x, y, max)
    } else {
        fa::max_min(x, y, max)
    };
    finish(c, Some(t), r, EXC_ONLY, false)
}

/// `xscmpeqdp`, `xscmpgtdp`, `xscmpgedp` (v3.0, §7.6.1): doubleword 0 of VSR t ← all ones if
/// the predicate ([`m::CMP_EQ`] ...) holds, else 0. Exceptions as `xvcmp*dp`: VXSNAN, and
/// for gt/ge VXVC (for an SNaN only with VE=0); an enabled one leaves the target unchanged.
pub extern "C" fn fp_cmp_mask(p: *mut u8, t: u64, a: u64, b: u64, op: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (reg(c, a), reg(c, b));
    let exc = fa::compare_exceptions(x, y, op != m::CMP_EQ, c.fpscr & fpscr::VE != 0);
    let cc = fa::compare(x, y);
    let truth = match op {
        m::CMP_EQ => cc == 0b0010,
        m::CMP_GT => cc == 0b0100,
        _ => cc & 0b0110 != 0,
    };
    let r = Res { bits: if truth { u64::MAX } else { 0 }, exc, fr_fi: 0, fprf: 0 };
    finish(c, Some(t), r, EXC_ONLY, false)
}

/// `xscmpexpdp BF,XA,XB` (v3.0): CR field `bf` and FPSCR[FPCC] ← the exponents compared
/// ([`fa::compare_exp`]); no exception.
pub extern "C" fn fp_cmpexp(p: *mut u8, bf: u64, a: u64, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let cc = fa::compare_exp(reg(c, a), reg(c, b));
    c.fpscr = (c.fpscr & !fpscr::FPCC) | cc << fpscr::FPRF_SHIFT;
    c.cr[bf as usize & 7] = cc as u8;
    0
}

/// `xststdcdp BF,XB,DCMX`, `xststdcsp` ([`m::TEST_SP`]) (v3.0, §7.6.1): CR field `bf` and
/// FPSCR[FPCC] ← sign || 0 || match || not-SP. DCMX (mode bits 0:6, 0x40 = NaN ... 0x01 =
/// −denormal) selects the classes; for `xststdcsp` a value below the single normal range is
/// a denormal and the last bit says the value is not a single-precision value.
pub extern "C" fn fp_tstdc(p: *mut u8, bf: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let x = reg(c, b);
    let sp = mode & m::TEST_SP != 0;
    let e = fa::exp_field(x);
    let denormal = !fa::is_zero(x) && if sp { e < 0x381 } else { e == 0 };
    let matched = crate::vsx_fp_helpers::data_class(x, denormal) & mode & 0x7f != 0;
    let not_sp = sp && !fa::is_single_value(x);
    let cc = (fa::is_neg(x) as u64) << 3 | (matched as u64) << 1 | not_sp as u64;
    c.fpscr = (c.fpscr & !fpscr::FPCC) | cc << fpscr::FPRF_SHIFT;
    c.cr[bf as usize & 7] = cc as u8;
    0
}

/// `xscvhpdp XT,XB` (v3.0): the half-precision value in bits 48:63 of VSR b to double format
/// (exact; an SNaN is quieted with VXSNAN). FPRF ← the class, FR and FI ← 0.
pub extern "C" fn fp_cvhpdp(p: *mut u8, t: u64, b: u64, _mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let x = crate::vsx_fp_helpers::hp_to_dp(reg(c, b) as u16);
    let r = if fa::is_nan(x) {
        let exc = if fa::is_snan(x) { fpscr::VXSNAN } else { 0 };
        Res { bits: x | fa::QUIET, exc, fr_fi: 0, fprf: fa::class::QNAN }
    } else {
        Res::exact(x, Fmt::Double)
    };
    finish(c, Some(t), r, ARITH, false)
}

/// `xscvdphp XT,XB` (v3.0): doubleword 0 of VSR b rounded to half precision by FPSCR[RN],
/// zero-extended into doubleword 0 of VSR t. FPRF is the class in half precision.
pub extern "C" fn fp_cvdphp(p: *mut u8, t: u64, b: u64, _mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let mut r = fa::round_to_half(reg(c, b), Env::from_fpscr(c.fpscr));
    r.bits = crate::vsx_fp_helpers::dp_to_hp(r.bits) as u64;
    finish(c, Some(t), r, ARITH, false)
}

// ---- FPSCR moves (§4.6.10) ----

/// Stores a new FPSCR value written by `mtfsf`/`mtfsfi`/`mtfsb*`/`mcrfs`: reserved bits
/// clear, VX and FEX recomputed; CR1 if `rc`. Setting FEX from 0 to 1 with MSR[FE0 FE1] ≠ 0
/// interrupts after the instruction.
fn store_fpscr(c: &mut Ppc64Cpu, new: u64, rc: bool) -> u64 {
    let old = c.fpscr;
    let f = fpscr::summarize(new & fpscr::DEFINED);
    c.fpscr = f;
    if rc {
        c.cr[1] = ((f >> 28) & 0xf) as u8;
    }
    if f & fpscr::FEX != 0 && old & fpscr::FEX == 0 && fp_interrupts_enabled(c) {
        c.hdr.exception = exc::FP_ENABLED;
    }
    0
}

/// Mask of the 4-bit FPSCR field `n` (0-15, field 8 = bits 32:35).
fn field_mask(n: u64) -> u64 {
    0xf << (60 - 4 * n)
}

/// `mtfsf FLM,FRB,L,W`: `fields` = L (bit 9) | W (bit 8) | FLM (bits 0:7, FLM bit 0 = field
/// 0 or 8 in bit 7). FX and OX come from FRB when field 8 is written; FEX and VX never do.
pub extern "C" fn fp_mtfsf(p: *mut u8, b: u64, fields: u64, rc: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let v = reg(c, b);
    let mask = if fields & (1 << 9) != 0 {
        u64::MAX
    } else {
        let base = if fields & (1 << 8) != 0 { 0 } else { 8 };
        (0..8).filter(|i| fields & (0x80 >> i) != 0).fold(0, |acc, i| acc | field_mask(base + i))
    };
    let new = (c.fpscr & !mask) | (v & mask);
    store_fpscr(c, new, rc != 0)
}

/// `mtfsfi BF,U,W`: field BF + 8×(1−W) ← U (`uw` = U << 1 | W).
pub extern "C" fn fp_mtfsfi(p: *mut u8, bf: u64, uw: u64, rc: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let n = bf + if uw & 1 != 0 { 0 } else { 8 };
    let u = (uw >> 1) & 0xf;
    let new = (c.fpscr & !field_mask(n)) | (u << (60 - 4 * n));
    store_fpscr(c, new, rc != 0)
}

/// `mtfsb0 BT` / `mtfsb1 BT` (`set`): FPSCR bit 32+BT. FEX and VX cannot be set or cleared
/// this way; `mtfsb1` of an exception bit that was 0 also sets FX (it is not one of the
/// instructions the FX rule exempts, §4.2.2 — QEMU 7.2 does not set FX here).
pub extern "C" fn fp_mtfsb(p: *mut u8, bt: u64, set: u64, rc: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let bit = 1u64 << (31 - (bt & 31));
    let old = c.fpscr;
    let new = if bit & (fpscr::FEX | fpscr::VX) != 0 {
        old
    } else if set != 0 {
        let fx = if bit & fpscr::EXC_ALL != 0 && old & bit == 0 { fpscr::FX } else { 0 };
        old | bit | fx
    } else {
        old & !bit
    };
    store_fpscr(c, new, rc != 0)
}

/// `mcrfs BF,BFA`: CR field BF ← FPSCR field BFA (of bits 32:63); the exception bits copied
/// (not FEX, VX) are cleared.
pub extern "C" fn fp_mcrfs(p: *mut u8, bf: u64, bfa: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let n = 8 + (bfa & 7);
    let old = c.fpscr;
    c.cr[bf as usize & 7] = ((old >> (60 - 4 * n)) & 0xf) as u8;
    let clear = field_mask(n) & (fpscr::EXC_ALL | fpscr::FX);
    store_fpscr(c, old & !clear, false)
}
