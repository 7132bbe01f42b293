//! Host fast path of the FP arithmetic: x86-64 SSE2/FMA with MXCSR set from FPSCR[RN].
//!
//! It is only an accelerator for [`crate::fp_arith`], which defines every result: a function
//! here returns `None` unless the host's answer is provably the architected one, and the caller
//! then takes the software path. The host is used when
//! - every operand is finite (NaN propagation and the default NaN differ: x86 returns the
//!   first operand's NaN or the negative default NaN 0xFFF8_0000_0000_0000, POWER the
//!   operand order of §4.3 and 0x7FF8_0000_0000_0000), and
//! - the host raised nothing but inexact: no invalid operation (POWER sub-classifies it, VXISI
//!   VXIMZ ...), no zero divide, no overflow and no underflow (OE=1/UE=1 deliver scaled
//!   results, and x86 detects tininess *after* rounding where POWER detects it before,
//!   §4.4.4), and
//! - the result is a normal number above the smallest normal, or an exact zero: a result
//!   equal to ±2^Emin that is inexact may come from a tiny exact value (underflow on POWER, none
//!   on x86), so it goes to the software path too.
//!
//! In round-to-nearest, add/multiply/divide/square root of normal operands first try
//! [`jit::softfp::host_nearest_f64`], which finds inexactness and FR by an error-free
//! transformation without touching MXCSR. Otherwise FI is the host's inexact flag. FR ("the
//! fraction was incremented") is computed by running the operation again rounding toward zero:
//! an inexact result rounded away from zero differs from the truncated one. Single-precision results are computed in double precision rounding toward
//! zero with the inexact flag ORed into the last bit (round to odd), then converted to single in
//! the FPSCR's mode: a round-to-odd value with more than p+1 bits rounds to p bits exactly as the
//! exact value would, so `fadds`/`fmadds`/... are rounded once.
//!
//! MXCSR: DAZ and FZ are off, all exceptions masked; the caller's MXCSR is restored after each
//! operation. The operation sits inside the same `asm!` block as the MXCSR writes, so the
//! compiler cannot move it across them. Setting `BIGIRON_FP_SOFT=1` in the environment (or
//! [`set_enabled`]`(false)`) forces the software path for everything.

use crate::fp_arith::{class, fpscr, Fmt, Res, Rn, MIN_NORMAL, SIGN};
use jit::softfp::{host_nearest_f64, HostArith};
use std::sync::atomic::{AtomicU8, Ordering};

/// An operation the host can do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HostOp {
    /// a + b
    Add,
    /// a × b
    Mul,
    /// a ÷ b
    Div,
    /// √b (a unused)
    Sqrt,
    /// a × b + c (needs the FMA extension)
    Fma,
}

// 0: not yet decided; 1: SSE2 only; 2: SSE2 and FMA; 3: off.
static STATE: AtomicU8 = AtomicU8::new(0);

fn state() -> u8 {
    let s = STATE.load(Ordering::Relaxed);
    if s != 0 {
        return s;
    }
    let s = if std::env::var_os("BIGIRON_FP_SOFT").is_some_and(|v| v != "0") {
        3
    } else if cfg!(target_arch = "x86_64") {
        #[cfg(target_arch = "x86_64")]
        let fma = std::arch::is_x86_feature_detected!("fma");
        #[cfg(not(target_arch = "x86_64"))]
        let fma = false;
        if fma { 2 } else { 1 }
    } else {
        3
    };
    STATE.store(s, Ordering::Relaxed);
    s
}

/// Turns the host fast path on or off (off: every operation takes the software path).
pub fn set_enabled(on: bool) {
    STATE.store(0, Ordering::Relaxed);
    if !on {
        STATE.store(3, Ordering::Relaxed);
    } else {
        state();
    }
}

fn available(op: HostOp) -> bool {
    match state() {
        1 => op != HostOp::Fma,
        2 => true,
        _ => false,
    }
}

fn finite(x: u64) -> bool {
    (x >> 52) & 0x7ff != 0x7ff
}

/// `op` in format `fmt` under rounding mode `rn` on the host, or `None` when the software path
/// must decide. `c` is the addend of `Fma`.
pub fn try_op(op: HostOp, a: u64, b: u64, c: u64, fmt: Fmt, rn: Rn) -> Option<Res> {
    if matches!(rn, Rn::NearestAway | Rn::Odd) || !available(op) || !finite(a) || !finite(b) || !finite(c) {
        return None;
    }
    match fmt {
        Fmt::Double => double(op, a, b, c, rn),
        Fmt::Single => single(op, a, b, c, rn),
        Fmt::Half => None,
    }
}

fn double(op: HostOp, a: u64, b: u64, c: u64, rn: Rn) -> Option<Res> {
    if rn == Rn::Nearest {
        // The common case needs no MXCSR writes (each costs more than the operation).
        let arith = match op {
            HostOp::Add => Some(HostArith::Add),
            HostOp::Mul => Some(HostArith::Mul),
            HostOp::Div => Some(HostArith::Div),
            HostOp::Sqrt => Some(HostArith::Sqrt),
            HostOp::Fma => None,
        };
        if let Some((r, rounded)) = arith.and_then(|o| host_nearest_f64(o, f64::from_bits(a), f64::from_bits(b))) {
            return Some(res(r.to_bits(), false, rounded.is_some(), rounded == Some(true)));
        }
    }
    let (r, flags) = imp::run(op, a, b, c, imp::csr(rn));
    if flags & imp::BAD != 0 {
        return None;
    }
    let inexact = flags & imp::PE != 0;
    let mag = r & !SIGN;
    if (mag < MIN_NORMAL && (mag != 0 || inexact)) || (mag == MIN_NORMAL && inexact) {
        return None;
    }
    let up = inexact && rn != Rn::Zero && imp::run(op, a, b, c, imp::csr(Rn::Zero)).0 != r;
    Some(res(r, mag == 0, inexact, up))
}

fn single(op: HostOp, a: u64, b: u64, c: u64, rn: Rn) -> Option<Res> {
    let (t, f1) = imp::run(op, a, b, c, imp::csr(Rn::Zero));
    // A zero sum's sign depends on the rounding mode, which this step does not use.
    if f1 & imp::BAD != 0 || t & !SIGN == 0 {
        return None;
    }
    let t = t | (f1 & imp::PE != 0) as u64; // round to odd
    let (r, f2) = imp::to_single(t, imp::csr(rn));
    if f2 & imp::BAD != 0 {
        return None;
    }
    let inexact = (f1 | f2) & imp::PE != 0;
    let mag = r & 0x7fff_ffff;
    const MIN32: u32 = 0x0080_0000;
    if (mag < MIN32 && (mag != 0 || inexact)) || (mag == MIN32 && inexact) || mag >= 0x7f80_0000 {
        return None;
    }
    let up = inexact && rn != Rn::Zero && imp::to_single(t, imp::csr(Rn::Zero)).0 != r;
    Some(res((f32::from_bits(r) as f64).to_bits(), mag == 0, inexact, up))
}

fn res(bits: u64, zero: bool, inexact: bool, up: bool) -> Res {
    let neg = bits & SIGN != 0;
    let fprf = match (zero, neg) {
        (true, false) => class::POS_ZERO,
        (true, true) => class::NEG_ZERO,
        (false, false) => class::POS_NORMAL,
        (false, true) => class::NEG_NORMAL,
    };
    let fr_fi = if inexact { fpscr::FI | if up { fpscr::FR } else { 0 } } else { 0 };
    Res { bits, exc: if inexact { fpscr::XX } else { 0 }, fr_fi, fprf }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::HostOp;
    use crate::fp_arith::Rn;
    use std::arch::asm;

    /// MXCSR flags: invalid, denormal operand, zero divide, overflow, underflow, precision.
    pub const IE: u32 = 1;
    pub const ZE: u32 = 4;
    pub const OE: u32 = 8;
    pub const UE: u32 = 16;
    pub const PE: u32 = 32;
    /// Flags that send an operation to the software path.
    pub const BAD: u32 = IE | ZE | OE | UE;

    /// MXCSR for rounding mode `rn`: all exceptions masked, DAZ/FZ off, flags clear.
    pub fn csr(rn: Rn) -> u32 {
        let rc = match rn {
            Rn::Nearest | Rn::NearestAway | Rn::Odd => 0,
            Rn::Down => 1,
            Rn::Up => 2,
            Rn::Zero => 3,
        };
        0x1f80 | rc << 13
    }

    /// Runs `op` under MXCSR `mode`; returns the result bits and the MXCSR flags it raised.
    pub fn run(op: HostOp, a: u64, b: u64, c: u64, mode: u32) -> (u64, u32) {
        let mut x = f64::from_bits(a);
        let y = f64::from_bits(b);
        let z = f64::from_bits(c);
        let mut save = 0u32;
        let mut st = 0u32;
        // SAFETY: the block only computes on registers and saves/loads MXCSR through the
        // three local variables; the caller's MXCSR is restored before it ends.
        unsafe {
            macro_rules! with_mode {
                ($insn:literal) => {
                    asm!(
                        "stmxcsr [{save}]",
                        "ldmxcsr [{mode}]",
                        $insn,
                        "stmxcsr [{st}]",
                        "ldmxcsr [{save}]",
                        x = inout(xmm_reg) x,
                        y = in(xmm_reg) y,
                        z = in(xmm_reg) z,
                        save = in(reg) &mut save,
                        mode = in(reg) &mode,
                        st = in(reg) &mut st,
                        options(nostack, preserves_flags),
                    )
                };
            }
            match op {
                HostOp::Add => with_mode!("addsd {x}, {y} /* {z} */"),
                HostOp::Mul => with_mode!("mulsd {x}, {y} /* {z} */"),
                HostOp::Div => with_mode!("divsd {x}, {y} /* {z} */"),
                HostOp::Sqrt => with_mode!("sqrtsd {x}, {y} /* {z} */"),
                // x ← y × x + z: a × b + c.
                HostOp::Fma => with_mode!("vfmadd213sd {x}, {y}, {z}"),
            }
        }
        (x.to_bits(), st & 0x3f)
    }

    /// Double to single under MXCSR `mode`: (single bits, flags).
    pub fn to_single(d: u64, mode: u32) -> (u32, u32) {
        let x = f64::from_bits(d);
        let r: f32;
        let mut save = 0u32;
        let mut st = 0u32;
        // SAFETY: as in `run`.
        unsafe {
            asm!(
                "stmxcsr [{save}]",
                "ldmxcsr [{mode}]",
                "cvtsd2ss {r}, {x}",
                "stmxcsr [{st}]",
                "ldmxcsr [{save}]",
                r = out(xmm_reg) r,
                x = in(xmm_reg) x,
                save = in(reg) &mut save,
                mode = in(reg) &mode,
                st = in(reg) &mut st,
                options(nostack, preserves_flags),
            );
        }
        (r.to_bits(), st & 0x3f)
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    use super::HostOp;
    use crate::fp_arith::Rn;
    pub const PE: u32 = 32;
    pub const BAD: u32 = !0;
    pub fn csr(_rn: Rn) -> u32 {
        0
    }
    pub fn run(_op: HostOp, _a: u64, _b: u64, _c: u64, _mode: u32) -> (u64, u32) {
        unreachable!("no host fast path on this architecture")
    }
    pub fn to_single(_d: u64, _mode: u32) -> (u32, u32) {
        unreachable!("no host fast path on this architecture")
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use crate::fp_arith::{self as fa, Env, MaddKind};
    use jit::testmem::Rng;

    /// Deterministic operands.
    trait Operands {
        fn operand(&mut self) -> u64;
    }
    impl Operands for Rng {
        /// A finite double biased toward the interesting places: near 1, near the ends of
        /// the exponent range, denormals, zeros, values with short significands, singles.
        fn operand(&mut self) -> u64 {
            let r = self.next();
            let sign = r & fa::SIGN;
            let frac = self.next() & fa::FRAC;
            let e = match r % 8 {
                0 => r >> 8 & 0x7fe,
                1 => 1023 + (r >> 8) % 8 - 4,
                2 => (r >> 8) % 60,
                3 => 2046 - (r >> 8) % 60,
                4 => 0,
                5 => 1023 - 126 + (r >> 8) % 8 - 4,
                _ => 1023 + (r >> 8) % 128 - 64,
            };
            let frac = match (r >> 20) % 4 {
                0 => frac & !((1 << 29) - 1), // a single-precision significand
                1 => frac & (0xfff << 40),
                _ => frac,
            };
            if r >> 40 & 63 == 0 {
                return sign;
            }
            sign | e << 52 | frac
        }
    }

    const MODES: [Rn; 4] = [Rn::Nearest, Rn::Zero, Rn::Up, Rn::Down];

    fn soft(op: HostOp, a: u64, b: u64, c: u64, fmt: Fmt, rn: Rn) -> Res {
        let env = Env { rn, oe: false, ue: false };
        match op {
            HostOp::Add => fa::add(a, b, false, fmt, env),
            HostOp::Mul => fa::mul(a, b, fmt, env),
            HostOp::Div => fa::div(a, b, fmt, env),
            HostOp::Sqrt => fa::sqrt(b, fmt, env),
            HostOp::Fma => fa::madd(a, b, c, MaddKind { sub: false, negate: false }, fmt, env),
        }
    }

    /// The software core agrees with the x86 FPU on every finite double-precision result in
    /// all rounding modes (bits, inexact, overflow; underflow except at the tininess boundary),
    /// and the fast path, where it answers, agrees with the software core on everything.
    #[test]
    fn software_core_matches_host_and_fast_path_matches_software() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let ops = [HostOp::Add, HostOp::Mul, HostOp::Div, HostOp::Sqrt, HostOp::Fma];
        let mut fast = 0;
        for i in 0..400_000 {
            let (a, b, c) = (rng.operand(), rng.operand(), rng.operand());
            let op = ops[i % ops.len()];
            let b = if op == HostOp::Sqrt { b & !fa::SIGN } else { b };
            for rn in MODES {
                let s = soft(op, a, b, c, Fmt::Double, rn);
                let (h, flags) = imp::run(op, a, b, c, imp::csr(rn));
                if fa::is_nan(h) {
                    assert!(fa::is_nan(s.bits), "{op:?} {a:#x} {b:#x} {c:#x} {rn:?}");
                    continue;
                }
                let ctx = format!("{op:?} a={a:#x} b={b:#x} c={c:#x} {rn:?}: soft {s:x?} host {h:#x} flags {flags:#x}");
                assert_eq!(s.bits, h, "{ctx}");
                assert_eq!(s.exc & fpscr::XX != 0, flags & imp::PE != 0, "{ctx}");
                assert_eq!(s.exc & fpscr::OX != 0, flags & imp::OE != 0, "{ctx}");
                assert_eq!(s.exc & fpscr::ZX != 0, flags & imp::ZE != 0, "{ctx}");
                if h & !fa::SIGN != fa::MIN_NORMAL {
                    assert_eq!(s.exc & fpscr::UX != 0, flags & imp::UE != 0, "{ctx}");
                }
                for fmt in [Fmt::Double, Fmt::Single] {
                    if op == HostOp::Fma && state() != 2 {
                        continue;
                    }
                    if let Some(f) = try_op(op, a, b, c, fmt, rn) {
                        fast += 1;
                        let s = soft(op, a, b, c, fmt, rn);
                        assert_eq!(f, s, "fast path {fmt:?} {op:?} a={a:#x} b={b:#x} c={c:#x} {rn:?}");
                    }
                }
            }
        }
        assert!(fast > 1_000_000, "the fast path answered only {fast} times");
    }

    /// Single precision in round-to-nearest against the host's own single arithmetic on
    /// single operands (an independent check of the software core's single rounding).
    #[test]
    fn single_precision_matches_host_f32() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let env = Env { rn: Rn::Nearest, oe: false, ue: false };
        let single = |rng: &mut Rng| {
            let x = f32::from_bits(rng.next() as u32);
            if x.is_finite() { x } else { 1.5 }
        };
        for _ in 0..200_000 {
            let (x, y, z) = (single(&mut rng), single(&mut rng), single(&mut rng));
            let d = |v: f32| (v as f64).to_bits();
            let check = |r: Res, want: f32, what: &str| {
                if want.is_nan() {
                    assert!(fa::is_nan(r.bits), "{what} {x} {y} {z}");
                } else {
                    assert_eq!(r.bits, d(want), "{what} {x:e} {y:e} {z:e}");
                }
            };
            check(fa::add(d(x), d(y), false, Fmt::Single, env), x + y, "add");
            check(fa::mul(d(x), d(y), Fmt::Single, env), x * y, "mul");
            check(fa::div(d(x), d(y), Fmt::Single, env), x / y, "div");
            check(fa::sqrt(d(x.abs()), Fmt::Single, env), x.abs().sqrt(), "sqrt");
            check(fa::madd(d(x), d(y), d(z), MaddKind { sub: false, negate: false }, Fmt::Single, env), x.mul_add(y, z), "madd");
        }
    }
}
