//! Helpers for [`crate::vsx_quad`]: the VSX scalar quad-precision instructions (Power ISA
//! 3.0B Book I §7.6.1, `xs*qp`), on [`crate::fp_quad`]'s arithmetic.
//!
//! ABI as in [`crate::fp_helpers`]: register arguments are VR numbers (VSR 32+n), the last is
//! a mode word ([`qm`]); a helper does the whole instruction (target, FPSCR, CR field) and
//! raises [`exc::FP_ENABLED`] for an enabled exception when MSR[FE0 FE1] ≠ 0. The FPSCR rules
//! are the scalar ones (`fp_helpers`' module docs): exception bits sticky, FX on a 0→1 change,
//! FR/FI/FPRF set with the result unless an enabled invalid-operation or zero-divide
//! exception suppresses the target.

// Helpers take the CPU pointer as a plain `*mut u8` and are safe `extern "C" fn`s because
// `jit::helper!` (and the backends) call them through safe function-pointer types; only
// translated code and the interpreter call them, with the CPU struct they were written for.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::exc;
use crate::fp_arith::{fpscr, Env, IntFmt, MaddKind, Rn};
use crate::fp_helpers::{enabled, fp_interrupts_enabled};
use crate::fp_quad::{self as fq, QRes};
use crate::state::Ppc64Cpu;
use crate::vmx_helpers::{cpu, vsr_get, vsr_set};

/// Mode-word fields.
pub mod qm {
    /// Round to odd (the `o` forms).
    pub const RO: u64 = 1;
    /// Multiply-add: subtract the addend / negate the result.
    pub const SUB: u64 = 2;
    pub const NEG: u64 = 4;
    /// Integer conversions: signed / 32-bit.
    pub const SIGNED: u64 = 8;
    pub const WORD: u64 = 16;
    /// Compares: ordered (`xscmpoqp`).
    pub const ORDERED: u64 = 32;
    /// `xsrqpix`: report inexactness.
    pub const EX: u64 = 64;
    /// The operation, bits 8:15.
    pub const OP_SHIFT: u32 = 8;
    /// `xsrqpi`/`xsrqpxp` rounding control R || RMC in bits 16:18.
    pub const RC_SHIFT: u32 = 16;

    pub const OP_ADD: u64 = 0;
    pub const OP_SUB: u64 = 1;
    pub const OP_MUL: u64 = 2;
    pub const OP_DIV: u64 = 3;
    pub const OP_SQRT: u64 = 4;

    pub const CV_DPQP: u64 = 0;
    pub const CV_QPDP: u64 = 1;
    pub const CV_QP_TO_INT: u64 = 2;
    pub const CV_INT_TO_QP: u64 = 3;
    pub const CV_RQPI: u64 = 4;
    pub const CV_RQPXP: u64 = 5;

    pub const CMP_VALUES: u64 = 0;
    pub const CMP_EXP: u64 = 1;

    pub const BIT_IEXP: u64 = 0;
    pub const BIT_XEXP: u64 = 1;
    pub const BIT_XSIG: u64 = 2;
}

fn op_of(mode: u64) -> u64 {
    (mode >> qm::OP_SHIFT) & 0xff
}

fn vr(c: &Ppc64Cpu, n: u64) -> u128 {
    vsr_get(c, 32 + (n & 31))
}

fn env_of(c: &Ppc64Cpu, mode: u64) -> Env {
    let env = Env::from_fpscr(c.fpscr);
    if mode & qm::RO != 0 { Env { rn: Rn::Odd, ..env } } else { env }
}

/// Applies an outcome: VR `t` ← `bits` (unless suppressed), FPSCR (FR/FI and FPRF when
/// `fr_fi`/`fprf`), and the enabled-exception interrupt.
fn finish(c: &mut Ppc64Cpu, t: u64, r: QRes, fr_fi: bool, fprf: bool) -> u64 {
    let old = c.fpscr;
    let suppressed = (r.exc & fpscr::VX_ALL != 0 && old & fpscr::VE != 0) || (r.exc & fpscr::ZX != 0 && old & fpscr::ZE != 0);
    let mut f = old | r.exc;
    if !suppressed {
        vsr_set(c, 32 + (t & 31), r.bits);
        if fr_fi {
            f = (f & !(fpscr::FR | fpscr::FI)) | r.fr_fi;
        }
        if fprf {
            f = (f & !fpscr::FPRF) | (r.fprf << fpscr::FPRF_SHIFT);
        }
    }
    if r.exc & !old & fpscr::EXC_ALL != 0 {
        f |= fpscr::FX;
    }
    c.fpscr = fpscr::summarize(f);
    if enabled(r.exc, old) && fp_interrupts_enabled(c) {
        c.hdr.exception = exc::FP_ENABLED;
    }
    0
}

/// `xs{add,sub,mul,div}qp[o] VRT,VRA,VRB`, `xssqrtqp[o] VRT,VRB`.
pub extern "C" fn qp_arith(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, env) = (vr(c, a), vr(c, b), env_of(c, mode));
    let r = match op_of(mode) {
        qm::OP_ADD => fq::add(x, y, false, env),
        qm::OP_SUB => fq::add(x, y, true, env),
        qm::OP_MUL => fq::mul(x, y, env),
        qm::OP_DIV => fq::div(x, y, env),
        _ => fq::sqrt(y, env),
    };
    finish(c, t, r, true, true)
}

/// `xs[n]m{add,sub}qp[o] VRT,VRA,VRB`: VRT ← ±(VRA × VRB ± VRT).
pub extern "C" fn qp_madd(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let kind = MaddKind { sub: mode & qm::SUB != 0, negate: mode & qm::NEG != 0 };
    let r = fq::madd(vr(c, a), vr(c, b), vr(c, t), kind, env_of(c, mode));
    finish(c, t, r, true, true)
}

/// The rounding mode of `xsrqpi`/`xsrqpxp` from R || RMC: R=1 selects nearest-even, zero,
/// +∞, −∞ by RMC; R=0 has RMC 0 = nearest ties away and 3 = FPSCR[RN]. R=0 with RMC 1 or 2
/// is reserved: rounded to nearest-even, as QEMU 7.2 does.
fn rqp_mode(c: &Ppc64Cpu, rc: u64) -> Rn {
    match rc & 7 {
        0b100 => Rn::Nearest,
        0b101 => Rn::Zero,
        0b110 => Rn::Up,
        0b111 => Rn::Down,
        0b000 => Rn::NearestAway,
        0b011 => Rn::from_fpscr(c.fpscr),
        _ => Rn::Nearest,
    }
}

/// The conversions and roundings: `xscvdpqp`, `xscvqpdp[o]`, `xscvqp{s,u}{d,w}z`,
/// `xscv{s,u}dqp`, `xsrqpi[x]`, `xsrqpxp`. Doubleword results go to doubleword 0 of VRT with
/// doubleword 1 ← 0.
pub extern "C" fn qp_cvt(p: *mut u8, t: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let y = vr(c, b);
    let dw0 = (y >> 64) as u64;
    let env = env_of(c, mode);
    let low = |r: crate::fp_arith::Res| QRes { bits: (r.bits as u128) << 64, exc: r.exc, fr_fi: r.fr_fi, fprf: r.fprf };
    match op_of(mode) {
        qm::CV_DPQP => finish(c, t, fq::from_double(dw0), true, true),
        qm::CV_QPDP => finish(c, t, low(fq::to_double(y, env)), true, true),
        qm::CV_QP_TO_INT => {
            let to = IntFmt { signed: mode & qm::SIGNED != 0, bits: if mode & qm::WORD != 0 { 32 } else { 64 } };
            // FPRF is undefined after a conversion to integer: left as it was.
            finish(c, t, low(fq::to_int(y, to)), true, false)
        }
        qm::CV_INT_TO_QP => finish(c, t, fq::from_int(dw0, mode & qm::SIGNED != 0), true, true),
        qm::CV_RQPI => {
            let rn = rqp_mode(c, mode >> qm::RC_SHIFT);
            let (mut r, inexact) = fq::round_to_integral(y, rn);
            if inexact && mode & qm::EX != 0 {
                let up = r.bits & !fq::SIGN > y & !fq::SIGN;
                r.exc |= fpscr::XX;
                r.fr_fi = fpscr::FI | if up { fpscr::FR } else { 0 };
            }
            finish(c, t, r, true, true)
        }
        _ => {
            let rn = rqp_mode(c, mode >> qm::RC_SHIFT);
            finish(c, t, fq::round_to_extended(y, Env { rn, ..env }), true, true)
        }
    }
}

/// `xscmpuqp`, `xscmpoqp` (`qm::ORDERED`), `xscmpexpqp` (`qm::CMP_EXP`): CR field `bf` and
/// FPSCR[FPCC] ← the comparison; FR, FI and C unchanged.
pub extern "C" fn qp_cmp(p: *mut u8, bf: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vr(c, a), vr(c, b));
    let old = c.fpscr;
    let (cc, exc) = if op_of(mode) == qm::CMP_EXP {
        (fq::compare_exp(x, y), 0)
    } else {
        (fq::compare(x, y), fq::compare_exceptions(x, y, mode & qm::ORDERED != 0, old & fpscr::VE != 0))
    };
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

/// `xststdcqp BF,VRB,DCMX`: CR field BF and FPCC ← sign || 0 || match || 0.
pub extern "C" fn qp_tstdc(p: *mut u8, bf: u64, b: u64, dcmx: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let y = vr(c, b);
    let cc = (fq::is_neg(y) as u64) << 3 | (fq::test_data_class(y, dcmx as u32) as u64) << 1;
    c.fpscr = (c.fpscr & !fpscr::FPCC) | cc << fpscr::FPRF_SHIFT;
    c.cr[bf as usize & 7] = cc as u8;
    0
}

/// `xsiexpqp VRT,VRA,VRB` (VRA's sign and fraction, exponent from VRB bits 49:63),
/// `xsxexpqp VRT,VRB` (doubleword 0 ← the exponent), `xsxsigqp VRT,VRB` (the significand,
/// implicit bit made explicit). No FPSCR change.
pub extern "C" fn qp_bits(p: *mut u8, t: u64, a: u64, b: u64, mode: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vr(c, a), vr(c, b));
    let r = match op_of(mode) {
        qm::BIT_IEXP => (x & (fq::SIGN | fq::FRAC)) | ((y >> 64) & 0x7fff) << 112,
        qm::BIT_XEXP => (fq::exp_field(y) as u128) << 64,
        _ => {
            let e = fq::exp_field(y);
            let implicit = (e != 0 && e != 0x7fff) as u128;
            implicit << 112 | (y & fq::FRAC)
        }
    };
    vsr_set(c, 32 + (t & 31), r);
    0
}
