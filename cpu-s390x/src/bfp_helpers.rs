//! The run-time half of binary floating point: one helper, [`helper_bfp`], runs every BFP
//! instruction that can raise an IEEE exception (or needs the FPC rounding mode), computing
//! with [`jit::softfp`] and applying the FPC as the PoP defines it (ch. 9 "IEEE Exceptions",
//! ch. 19). [`helper_fpc`] sets the FPC (SFPC, LFPC, SFASR, SRNM, SRNMB).
//!
//! The helper reads its operands from the CPU struct and writes results, the FPC and the CC
//! there itself, because an IEEE trap may *complete* the instruction (overflow, underflow,
//! inexact: the result is written, then the data exception is taken) or *suppress* it
//! (invalid operation, division by zero: nothing but the DXC changes). Exceptions and their
//! handling (PoP "IEEE Exceptions"):
//! - a masked exception (FPC mask bit 0) sets its flag (FPC bits 8:12) and the default result
//!   is delivered;
//! - an unmasked invalid operation (DXC 0x80) or division by zero (0x40) suppresses the
//!   instruction;
//! - an unmasked overflow (DXC 0x20) or underflow (0x10) delivers the result scaled by
//!   2^∓alpha (alpha = 192, 1536, 24576) and reports inexactness in the DXC (| 0x08 inexact,
//!   | 0x04 incremented);
//! - otherwise an inexact result with the inexact mask on completes with DXC 0x08 / 0x0C;
//!   flags of masked exceptions found on the way (an overflow before the inexact trap) are set.
//! - underflow with its mask off is recognised only when the denormalised result is inexact;
//!   tininess is judged on the precise intermediate value (before rounding).
//! - the XxC bit (M4 bit 1) of the "A" forms suppresses the inexact exception.
//! The DXC is placed in FPC bits 16:23 before the program interruption ([`crate::exc::DATA`]).

use crate::exc;
use crate::state::S390xCpu;
use jit::softfp::{self as sf, Env, Flags, Fmt, Res, Rn, F128, F32, F64};
use std::cmp::Ordering;

/// FPC fields (bit 0 is the most significant of the 32).
pub mod fpc {
    /// IEEE mask bits 0:4 (invalid, divide by zero, overflow, underflow, inexact).
    pub const MASK_I: u32 = 0x8000_0000;
    pub const MASK_Z: u32 = 0x4000_0000;
    pub const MASK_O: u32 = 0x2000_0000;
    pub const MASK_U: u32 = 0x1000_0000;
    pub const MASK_X: u32 = 0x0800_0000;
    /// IEEE flag bits 8:12.
    pub const FLAG_I: u32 = 0x0080_0000;
    pub const FLAG_Z: u32 = 0x0040_0000;
    pub const FLAG_O: u32 = 0x0020_0000;
    pub const FLAG_U: u32 = 0x0010_0000;
    pub const FLAG_X: u32 = 0x0008_0000;
    /// Data-exception code, bits 16:23.
    pub const DXC: u32 = 0x0000_ff00;
    /// BFP rounding mode, bits 29:31.
    pub const BRM: u32 = 0x7;
    /// Bits that must be zero in a value loaded into the FPC (6, 7, 14, 15, 24, 28).
    pub const RESERVED: u32 = 0x0303_0088;
}

/// The instruction kinds the helper runs (`Desc::kind`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum K {
    Add,
    Sub,
    Mul,
    Div,
    Sqrt,
    Madd,
    Msub,
    Cmp,
    CmpSig,
    LoadTest,
    LoadPos,
    LoadNeg,
    LoadComp,
    /// MDEB(R), MXDB(R): operands of format `fmt`, product in the next longer format.
    MulLong,
    /// Lengthen from `fmt` to the format in `m4`... see [`Desc`]: `to` field.
    Convert,
    Integral,
    ToFixS32,
    ToFixS64,
    ToFixU32,
    ToFixU64,
    FromFixS32,
    FromFixS64,
    FromFixU32,
    FromFixU64,
    TestClass,
    /// DIEBR, DIDBR: remainder to R1, integer quotient (rounded by M4) to R3.
    DivInt,
}

const KINDS: [K; 26] = [
    K::Add,
    K::Sub,
    K::Mul,
    K::Div,
    K::Sqrt,
    K::Madd,
    K::Msub,
    K::Cmp,
    K::CmpSig,
    K::LoadTest,
    K::LoadPos,
    K::LoadNeg,
    K::LoadComp,
    K::MulLong,
    K::Convert,
    K::Integral,
    K::ToFixS32,
    K::ToFixS64,
    K::ToFixU32,
    K::ToFixU64,
    K::FromFixS32,
    K::FromFixS64,
    K::FromFixU32,
    K::FromFixU64,
    K::TestClass,
    K::DivInt,
];

/// Operand formats: short (E), long (D), extended (X).
pub const E: u8 = 0;
pub const D: u8 = 1;
pub const X: u8 = 2;

fn fmt_of(f: u8) -> Fmt {
    match f {
        E => F32,
        D => F64,
        _ => F128,
    }
}

/// A decoded instruction as the translator passes it: kind, registers, masks, the formats
/// and whether operand 2 is the helper's value argument (storage forms) or FPR R2.
#[derive(Clone, Copy, Debug)]
pub struct Desc {
    pub kind: K,
    pub r1: usize,
    pub r2: usize,
    pub r3: usize,
    pub m3: u32,
    pub m4: u32,
    pub mem: bool,
    /// Operand format.
    pub fmt: u8,
    /// Result format of `Convert`.
    pub to: u8,
}

impl Desc {
    pub fn encode(&self) -> u64 {
        self.kind as u64
            | (self.r1 as u64) << 8
            | (self.r2 as u64) << 12
            | (self.r3 as u64) << 16
            | (self.m3 as u64 & 15) << 20
            | (self.m4 as u64 & 15) << 24
            | (self.mem as u64) << 28
            | (self.fmt as u64) << 29
            | (self.to as u64) << 31
    }
    pub fn decode(d: u64) -> Option<Desc> {
        Some(Desc {
            kind: *KINDS.get((d & 0xff) as usize)?,
            r1: (d >> 8 & 15) as usize,
            r2: (d >> 12 & 15) as usize,
            r3: (d >> 16 & 15) as usize,
            m3: (d >> 20 & 15) as u32,
            m4: (d >> 24 & 15) as u32,
            mem: d >> 28 & 1 != 0,
            fmt: (d >> 29 & 3) as u8,
            to: (d >> 31 & 3) as u8,
        })
    }
}

/// The rounding mode of FPC bits 29:31 (0 nearest-even, 1 zero, 2 +∞, 3 −∞, 7 prepare for
/// shorter precision; 4-6 cannot be loaded).
pub fn fpc_rn(fpc: u32) -> Rn {
    match fpc & fpc::BRM {
        1 => Rn::Zero,
        2 => Rn::Up,
        3 => Rn::Down,
        7 => Rn::Odd,
        _ => Rn::NearestEven,
    }
}

/// The rounding mode an M3 field selects (0: the FPC's; 2 and 8-15 are rejected at
/// translation as specification exceptions).
pub fn m3_rn(m3: u32, fpc: u32) -> Rn {
    match m3 {
        1 => Rn::NearestAway,
        3 => Rn::Odd,
        4 => Rn::NearestEven,
        5 => Rn::Zero,
        6 => Rn::Up,
        7 => Rn::Down,
        _ => fpc_rn(fpc),
    }
}

/// Whether M3 is a valid rounding-mode modifier (PoP "Rounding Method"): 0, 1, 3-7.
pub fn m3_valid(m3: u32) -> bool {
    m3 != 2 && m3 < 8
}

/// The soft-float environment of rounding mode `rn` under the FPC's trap masks.
pub fn env(fpc: u32, rn: Rn) -> Env {
    Env { rn, trap_ovf: fpc & fpc::MASK_O != 0, trap_unf: fpc & fpc::MASK_U != 0 }
}

// ---- register access ----

fn get(c: &S390xCpu, fmt: u8, r: usize) -> u128 {
    match fmt {
        E => (c.fpr(r) >> 32) as u128,
        D => c.fpr(r) as u128,
        _ => (c.fpr(r) as u128) << 64 | c.fpr((r + 2) & 15) as u128,
    }
}

fn set(c: &mut S390xCpu, fmt: u8, r: usize, v: u128) {
    match fmt {
        E => c.set_fpr(r, (c.fpr(r) & 0xffff_ffff) | (v as u64) << 32),
        D => c.set_fpr(r, v as u64),
        _ => {
            c.set_fpr(r, (v >> 64) as u64);
            c.set_fpr((r + 2) & 15, v as u64);
        }
    }
}

/// CC of a result: 0 zero, 1 negative, 2 positive, 3 NaN.
pub fn cc_of(f: Fmt, v: u128) -> u8 {
    if f.is_nan(v) {
        3
    } else if f.is_zero(v) {
        0
    } else if f.is_neg(v) {
        1
    } else {
        2
    }
}

/// What the IEEE exceptions of an operation make of it.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Deliver the result; then take a data exception with this DXC if `Some`.
    Complete(Option<u8>),
    /// Deliver nothing; take a data exception with this DXC.
    Suppress(u8),
}

/// The IEEE exception that traps (its mask bit in the FPC is one), in the PoP's priority
/// order; shared by the scalar BFP (DXC) and the vector BFP (VXC) instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trap {
    Invalid,
    DivZero,
    Overflow,
    Underflow,
    Inexact,
}

impl Trap {
    /// The vector-interruption code of the VXC (PoP "Vector-Exception Code": bits 4:7).
    pub fn vic(self) -> u8 {
        match self {
            Trap::Invalid => 1,
            Trap::DivZero => 2,
            Trap::Overflow => 3,
            Trap::Underflow => 4,
            Trap::Inexact => 5,
        }
    }
}

/// Judges `fl` under the FPC masks of `fpc` (module docs): the trapping exception, if any,
/// and the FPC flag bits of the masked exceptions recognised with it. An invalid-operation
/// or divide-by-zero trap comes with no flags (the instruction is suppressed); `xxc`
/// suppresses the inexact exception (M4 bit 1 of the "A" and vector forms).
pub fn ieee_status(fpc: u32, fl: Flags, xxc: bool) -> (Option<Trap>, u32) {
    if fl.invalid && fpc & fpc::MASK_I != 0 {
        return (Some(Trap::Invalid), 0);
    }
    if fl.divzero && fpc & fpc::MASK_Z != 0 {
        return (Some(Trap::DivZero), 0);
    }
    let mut flags = 0;
    if fl.invalid {
        flags |= fpc::FLAG_I;
    }
    if fl.divzero {
        flags |= fpc::FLAG_Z;
    }
    let mut trap = None;
    if fl.overflow {
        if fpc & fpc::MASK_O != 0 {
            trap = Some(Trap::Overflow);
        } else {
            flags |= fpc::FLAG_O;
        }
    }
    if trap.is_none() && fl.underflow {
        if fpc & fpc::MASK_U != 0 {
            trap = Some(Trap::Underflow);
        } else {
            flags |= fpc::FLAG_U;
        }
    }
    if trap.is_none() && fl.inexact && !xxc {
        if fpc & fpc::MASK_X != 0 {
            trap = Some(Trap::Inexact);
        } else {
            flags |= fpc::FLAG_X;
        }
    }
    (trap, flags)
}

/// Applies the FPC to `fl` (module docs): sets the flags of masked exceptions and decides
/// the instruction's fate.
fn ieee(c: &mut S390xCpu, fl: Flags, xxc: bool) -> Outcome {
    let (trap, flags) = ieee_status(c.fpc, fl, xxc);
    let xbits = if fl.inexact { 0x08 | if fl.incremented { 0x04 } else { 0 } } else { 0 };
    match trap {
        Some(Trap::Invalid) => Outcome::Suppress(0x80),
        Some(Trap::DivZero) => Outcome::Suppress(0x40),
        t => {
            c.fpc |= flags;
            Outcome::Complete(t.map(|t| match t {
                Trap::Overflow => 0x20 | xbits,
                Trap::Underflow => 0x10 | xbits,
                _ => xbits,
            }))
        }
    }
}

fn data_exception(c: &mut S390xCpu, dxc: u8) {
    c.fpc = (c.fpc & !fpc::DXC) | (dxc as u32) << 8;
    c.hdr.exception = exc::DATA;
}

/// Delivers `r` through `write` (and the CC, if `cc`) unless the FPC suppresses it.
fn deliver(c: &mut S390xCpu, r: Res, xxc: bool, cc: Option<u8>, write: impl FnOnce(&mut S390xCpu, u128)) {
    match ieee(c, r.fl, xxc) {
        Outcome::Suppress(dxc) => data_exception(c, dxc),
        Outcome::Complete(trap) => {
            write(c, r.bits);
            if let Some(cc) = cc {
                c.cc = cc;
            }
            if let Some(dxc) = trap {
                data_exception(c, dxc);
            }
        }
    }
}

/// Runs one BFP instruction described by `desc` (see [`Desc`]); `v` is the storage operand
/// (storage forms), or the TEST DATA CLASS mask. Always returns 0.
pub extern "C" fn helper_bfp(cpu: *mut u8, desc: u64, v: u64) -> u64 {
    // SAFETY: the engine calls helpers with the S390xCpu they were emitted for.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    if let Some(d) = Desc::decode(desc) {
        run(c, &d, v);
    }
    0
}

fn run(c: &mut S390xCpu, d: &Desc, v: u64) {
    let (fm, f) = (d.fmt, fmt_of(d.fmt));
    let op2 = || -> u128 {
        if d.mem {
            if fm == E { v as u32 as u128 } else { v as u128 }
        } else {
            get(c, fm, d.r2)
        }
    };
    let b = op2();
    let fpc_now = c.fpc;
    let env_fpc = env(fpc_now, fpc_rn(fpc_now));
    let env_m3 = env(fpc_now, m3_rn(d.m3, fpc_now));
    let xxc = d.m4 & 4 != 0;
    let r1 = d.r1;
    let put = move |c: &mut S390xCpu, x: u128| set(c, fm, r1, x);
    match d.kind {
        K::Add | K::Sub => {
            let r = sf::add(f, get(c, fm, r1), b, d.kind == K::Sub, env_fpc);
            deliver(c, r, false, Some(cc_of(f, r.bits)), put);
        }
        K::Mul => deliver(c, sf::mul(f, get(c, fm, r1), b, env_fpc), false, None, put),
        K::Div => deliver(c, sf::div(f, get(c, fm, r1), b, env_fpc), false, None, put),
        K::Sqrt => deliver(c, sf::sqrt(f, b, env_fpc), false, None, put),
        K::Madd | K::Msub => {
            let r = sf::fma(f, get(c, fm, d.r3), b, get(c, fm, r1), d.kind == K::Msub, env_fpc);
            deliver(c, r, false, None, put);
        }
        K::Cmp | K::CmpSig => {
            let (ord, invalid) = compare(f, get(c, fm, r1), b, d.kind == K::CmpSig);
            let cc = match ord {
                Some(Ordering::Equal) => 0,
                Some(Ordering::Less) => 1,
                Some(Ordering::Greater) => 2,
                None => 3,
            };
            let r = Res { bits: 0, fl: Flags { invalid, ..Flags::default() } };
            deliver(c, r, false, Some(cc), |_, _| {});
        }
        K::LoadTest => {
            // An SNaN is an invalid operation; the result is it quieted.
            let r = if f.is_snan(b) { Res::invalid(b | f.quiet()) } else { Res::exact(b) };
            deliver(c, r, false, Some(cc_of(f, r.bits)), put);
        }
        K::LoadPos | K::LoadNeg | K::LoadComp => {
            // Sign operations: no exception, even for an SNaN.
            let x = match d.kind {
                K::LoadPos => b & !f.sign(),
                K::LoadNeg => b | f.sign(),
                _ => b ^ f.sign(),
            };
            put(c, x);
            c.cc = cc_of(f, x);
        }
        K::MulLong => {
            let (tm, t) = (fm + 1, fmt_of(fm + 1));
            let a = sf::widen_raw(f, t, get(c, fm, r1));
            let r = sf::mul(t, a, sf::widen_raw(f, t, b), env_fpc);
            deliver(c, r, false, None, move |c, x| set(c, tm, r1, x));
        }
        K::Convert => {
            let (tm, t) = (d.to, fmt_of(d.to));
            // Lengthening is exact and ignores M3/M4 (they are 0 in those rows).
            let r = sf::convert(f, t, b, env_m3);
            deliver(c, r, xxc, None, move |c, x| set(c, tm, r1, x));
        }
        K::Integral => deliver(c, sf::round_to_integral(f, b, env_m3.rn), xxc, None, put),
        K::ToFixS32 | K::ToFixS64 | K::ToFixU32 | K::ToFixU64 => to_fixed(c, d, f, b, env_m3.rn, xxc),
        K::FromFixS32 | K::FromFixS64 | K::FromFixU32 | K::FromFixU64 => {
            let g = c.gpr[d.r2];
            let (neg, mag) = match d.kind {
                K::FromFixS32 => ((g as i32) < 0, (g as i32).unsigned_abs() as u64),
                K::FromFixS64 => ((g as i64) < 0, (g as i64).unsigned_abs()),
                K::FromFixU32 => (false, g & 0xffff_ffff),
                _ => (false, g),
            };
            deliver(c, sf::from_int(f, neg, mag, env_m3), xxc, None, put);
        }
        K::DivInt => div_int(c, d, f),
        K::TestClass => {
            // Mask bits 52:63 of the address: +0 −0 +normal −normal +subnormal −subnormal
            // +∞ −∞ +QNaN −QNaN +SNaN −SNaN; no exception for any operand.
            let pos = class_pos(f, get(c, fm, r1));
            c.cc = ((v >> (11 - pos)) & 1) as u8;
        }
    }
}

/// CONVERT TO FIXED / CONVERT TO LOGICAL (PoP ch. 19): CC 0/1/2 by the source's sign, or 3
/// with the architected result for a NaN (most negative; 0 for logical) or a value out of
/// range (the extreme of its sign); that case is an invalid operation, and with it masked
/// the inexact exception is also recognised.
fn to_fixed(c: &mut S390xCpu, d: &Desc, f: Fmt, b: u128, rn: Rn, xxc: bool) {
    let (signed, bits) = match d.kind {
        K::ToFixS32 => (true, 32),
        K::ToFixS64 => (true, 64),
        K::ToFixU32 => (false, 32),
        _ => (false, 64),
    };
    let (res, cc) = to_fixed_res(f, b, signed, bits, rn);
    let r1 = d.r1;
    deliver(c, res, xxc, Some(cc), move |c, x| {
        if bits == 32 {
            c.gpr[r1] = (c.gpr[r1] & !0xffff_ffff) | (x as u64 & 0xffff_ffff);
        } else {
            c.gpr[r1] = x as u64;
        }
    });
}

/// The result and CC of converting `b` to a `bits`-bit signed or unsigned integer (see
/// [`to_fixed`]; shared with VCGD/VCLGD).
pub fn to_fixed_res(f: Fmt, b: u128, signed: bool, bits: u32, rn: Rn) -> (Res, u8) {
    match sf::to_int(f, b, signed, bits, rn) {
        Ok((v, inexact, up)) => {
            let fl = Flags { inexact, incremented: up, ..Flags::default() };
            (Res { bits: v as u128, fl }, cc_of(f, b))
        }
        Err(()) => {
            let min = if signed { 1u64 << (bits - 1) } else { 0 };
            let max = if signed { (1u64 << (bits - 1)) - 1 } else if bits == 32 { 0xffff_ffff } else { u64::MAX };
            let v = if f.is_nan(b) || f.is_neg(b) { min } else { max };
            let fl = Flags { invalid: true, inexact: true, ..Flags::default() };
            (Res { bits: v as u128, fl }, 3)
        }
    }
}

/// The bit of a 12-bit TEST DATA CLASS mask that selects `a`'s class, counted from the
/// left: +0 −0 +normal −normal +subnormal −subnormal +∞ −∞ +QNaN −QNaN +SNaN −SNaN (PoP
/// "TEST DATA CLASS"; VFTCI uses the same mask in I3).
pub fn class_pos(f: Fmt, a: u128) -> u32 {
    (match f.class(a) {
        sf::Class::Zero => 0,
        sf::Class::Normal => 2,
        sf::Class::Subnormal => 4,
        sf::Class::Inf => 6,
        sf::Class::QNaN => 8,
        sf::Class::SNaN => 10,
    }) + f.is_neg(a) as u32
}

/// A comparison: the ordering (`None`: unordered) and whether it is an invalid operation —
/// for a quiet compare (COMPARE, WFC, VFCE) only an SNaN operand, for a signalling one
/// (COMPARE AND SIGNAL, WFK, VFCH, VFCHE) any NaN.
pub fn compare(f: Fmt, a: u128, b: u128, signalling: bool) -> (Option<Ordering>, bool) {
    let ord = sf::compare(f, a, b);
    let invalid = if signalling { ord.is_none() } else { f.is_snan(a) || f.is_snan(b) };
    (ord, invalid)
}

/// A finite nonzero value as ±m × 2^e with m normalised to `f.prec()` bits.
fn parts(f: Fmt, x: u128) -> (bool, u128, i32) {
    let e = f.exp_field(x);
    let fr = x & f.frac_mask();
    let (m, e) = if e == 0 { (fr, f.emin() - f.fbits as i32) } else { (fr | 1 << f.fbits, e - f.bias() - f.fbits as i32) };
    let sh = m.leading_zeros() as i32 - (128 - f.prec());
    (f.is_neg(x), m << sh, e - sh)
}

/// How far a quotient's fraction is from its truncation: zero, below, at or above one half.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frac {
    Zero,
    Below,
    Half,
    Above,
}

/// DIVIDE TO INTEGER (DIEBR, DIDBR; PoP ch. 19): the quotient of R1 by R2 rounded to an
/// integer n by M4 goes to R3, the remainder R1 − n × R2 (one rounding, by the FPC mode; a
/// zero one has the dividend's sign) to R1, CC 0. NaN operands propagate to both results
/// (SNaN: invalid), an infinite dividend or zero divisor gives the default NaN (invalid),
/// all with CC 1; a zero dividend or infinite divisor gives the dividend as remainder and a
/// zero quotient (CC 0). No inexact exception is reported for the quotient.
///
/// Not written: quotients whose magnitude exceeds 2^p (p = 24 or 53) when the division is
/// not exact (the PoP's partial quotient and remainder, CC 2 / 3) and quotients beyond the
/// format's range (quotient overflow, CC 1 / 3): those raise UNIMPLEMENTED.
fn div_int(c: &mut S390xCpu, d: &Desc, f: Fmt) {
    let (fm, r1, r3) = (d.fmt, d.r1, d.r3);
    let (a, b) = (get(c, fm, d.r1), get(c, fm, d.r2));
    let put2 = move |c: &mut S390xCpu, rem: u128, quo: u128| {
        set(c, fm, r1, rem);
        set(c, fm, r3, quo);
    };
    if let Some(n) = sf::pick_nan(f, &[a, b]) {
        return deliver(c, n, false, Some(1), move |c, x| put2(c, x, x));
    }
    if f.is_inf(a) || f.is_zero(b) {
        return deliver(c, Res::invalid(f.default_nan()), false, Some(1), move |c, x| put2(c, x, x));
    }
    if f.is_zero(a) || f.is_inf(b) {
        let q = (a ^ b) & f.sign();
        put2(c, a, q);
        c.cc = 0;
        return;
    }
    let (na, ma, ea) = parts(f, a);
    let (nb, mb, eb) = parts(f, b);
    let neg = na != nb;
    let p = f.prec() as u32;
    let dexp = ea - eb;
    // The magnitude of the truncated quotient and its fraction's class.
    let (t, frac) = if dexp > 2 + p as i32 {
        // |a / b| > 2^(p+1): only an exact division completes.
        let pow = (0..dexp).fold(1u128 % mb, |acc, _| (acc << 1) % mb);
        if (ma % mb) * pow % mb != 0 {
            c.hdr.exception = exc::UNIMPLEMENTED;
            return;
        }
        // mb = g × 2^tz with g odd, and g divides ma.
        let tz = mb.trailing_zeros() as i32;
        let g = mb >> tz;
        let r = sf::round(sf::Exact::new(neg, ma / g, dexp - tz, false), f, Env::new(Rn::Zero));
        if r.fl.overflow || r.fl.inexact {
            c.hdr.exception = exc::UNIMPLEMENTED;
            return;
        }
        put2(c, a & f.sign(), r.bits);
        c.cc = 0;
        return;
    } else if dexp >= 0 {
        let n = ma << dexp;
        let (t, r) = (n / mb, n % mb);
        (t, class_of(r, mb))
    } else if -dexp >= p as i32 + 4 {
        (0, Frac::Below)
    } else {
        let den = mb << -dexp;
        (ma / den, class_of(ma % den, den))
    };
    let rn = m3_rn(d.m4, c.fpc);
    let up = match (frac, rn) {
        (Frac::Zero, _) => false,
        (_, Rn::Zero) => false,
        (_, Rn::Up) => !neg,
        (_, Rn::Down) => neg,
        (_, Rn::Odd) => t & 1 == 0,
        (Frac::Above, _) => true,
        (Frac::Half, Rn::NearestAway) => true,
        (Frac::Half, _) => t & 1 == 1,
        (Frac::Below, _) => false,
    };
    let n = t + up as u128;
    if n > 1 << p && frac != Frac::Zero {
        c.hdr.exception = exc::UNIMPLEMENTED;
        return;
    }
    let quo = if n == 0 { if neg { f.sign() } else { 0 } } else { sf::from_int(f, neg, n as u64, Env::new(Rn::Zero)).bits };
    let env_fpc = env(c.fpc, fpc_rn(c.fpc));
    let mut r = if frac == Frac::Zero { Res::exact(0) } else { sf::fma(f, quo ^ f.sign(), b, a, false, env_fpc) };
    if f.is_zero(r.bits) {
        r.bits = a & f.sign();
    }
    deliver(c, r, false, Some(0), move |c, x| put2(c, x, quo));
}

fn class_of(r: u128, den: u128) -> Frac {
    match (2 * r).cmp(&den) {
        _ if r == 0 => Frac::Zero,
        Ordering::Less => Frac::Below,
        Ordering::Equal => Frac::Half,
        Ordering::Greater => Frac::Above,
    }
}

/// What [`helper_fpc`] does.
pub mod fpc_op {
    /// SFPC, LFPC: the value into the FPC.
    pub const SET: u64 = 0;
    /// SFASR: set and signal.
    pub const SET_SIGNAL: u64 = 1;
    /// SRNM: bits 62:63 of the address into FPC bits 30:31 (bit 29 cleared).
    pub const SRNM: u64 = 2;
    /// SRNMB: bits 61:63 of the address into FPC bits 29:31 (bits 56:60 must be zero).
    pub const SRNMB: u64 = 3;
}

fn fpc_valid(v: u32) -> bool {
    v & fpc::RESERVED == 0 && !matches!(v & fpc::BRM, 4..=6)
}

/// Sets the FPC: a value with reserved bits set or an unassigned rounding mode (4-6) is a
/// specification exception (FPC unchanged).
pub extern "C" fn helper_fpc(cpu: *mut u8, op: u64, v: u64) -> u64 {
    // SAFETY: as in helper_bfp.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let v32 = v as u32;
    let spec = |c: &mut S390xCpu| c.hdr.exception = exc::SPECIFICATION;
    match op {
        fpc_op::SET => {
            if !fpc_valid(v32) {
                return { spec(c); 0 };
            }
            c.fpc = v32;
        }
        fpc_op::SET_SIGNAL => {
            if !fpc_valid(v32) {
                return { spec(c); 0 };
            }
            // The new FPC keeps the current flags ORed in; a current flag whose new mask is
            // one is signalled as a simulated IEEE exception (DXC with low bits 0b11), the
            // highest-priority one (invalid, divide, overflow/underflow with inexact, inexact).
            let old = c.fpc;
            c.fpc = v32 | (old & 0x00ff_0000);
            let sig = ((old >> 16) & (v32 >> 24)) as u8 & 0xf8;
            if sig != 0 {
                let dxc = if sig & 0x80 != 0 {
                    0x80
                } else if sig & 0x40 != 0 {
                    0x40
                } else if sig & 0x20 != 0 {
                    sig & 0x28
                } else if sig & 0x10 != 0 {
                    sig & 0x18
                } else {
                    0x08
                };
                data_exception(c, dxc | 3);
            }
        }
        fpc_op::SRNM => c.fpc = (c.fpc & !fpc::BRM) | (v32 & 3),
        _ => {
            // PoP "SET BFP ROUNDING MODE (3-bit)": bits 0:55 of the address are ignored,
            // bits 56:60 must be zero and 61:63 a valid mode (not 4-6), otherwise a
            // specification exception.
            let m = v32 & 7;
            if v32 & 0xf8 != 0 || (4..=6).contains(&m) {
                return { spec(c); 0 };
            }
            c.fpc = (c.fpc & !fpc::BRM) | m;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn descriptors_round_trip() {
        for &k in &KINDS {
            let d = Desc { kind: k, r1: 13, r2: 4, r3: 9, m3: 7, m4: 4, mem: true, fmt: X, to: D };
            let e = Desc::decode(d.encode()).unwrap();
            assert_eq!((e.kind, e.r1, e.r2, e.r3, e.m3, e.m4, e.mem, e.fmt, e.to), (k, 13, 4, 9, 7, 4, true, X, D));
        }
    }
}
