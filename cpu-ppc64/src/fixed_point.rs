//! Fixed-point facility (Power ISA 3.0B Book I ch. 3.3), user level: arithmetic, compare,
//! trap, `darn` here; logical/count/select in [`logical`], rotate and shift in [`rotate`].
//!
//! Shared shapes have one worker each: [`add_family`] for every add/subtract with its carry
//! and overflow rules, [`set_ov`] for the OE=1 XER update, `crate::common::set_cr0` for Rc=1.
//! Record forms compare the whole 64-bit result with zero (64-bit mode) and copy XER[SO] as it
//! is *after* the instruction's own overflow update, so overflow is always computed first.
//!
//! Where the book leaves a result undefined, this code gives what QEMU 7.2 (the
//! differential-testing peer) gives:
//! - `divw[u]`/`divd[u]` by zero or `MIN / -1`: RT = the dividend (QEMU divides by 1 instead);
//!   the word forms zero-extend their 32-bit result, so RT[0:31] = 0.
//! - `divwe[u]`/`divde[u]` on overflow: RT = 0. `mod*` by zero or `MIN % -1`: RT = 0.
//! - `mulhw[u]`: RT[0:31] = 0 (the 32-bit high product zero-extended).
//!
//! `divde` differs from QEMU 7.2 on purpose: QEMU reports overflow whenever |RA| >= |RB|
//! (e.g. RA=-1, RB=2, whose quotient -2^63 is representable), and misses some real overflows;
//! here overflow is exactly "the quotient does not fit in 64 bits", as the book defines it.

pub mod logical;
pub mod rotate;

pub use logical::*;
pub use rotate::*;

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Cmp, Emitter, Helper, Ty};

// ---- shared workers ----

/// Writes OV, OV32 and sticky SO (SO |= OV).
pub fn set_ov<E: Emitter>(e: &mut E, ov: E::V, ov32: E::V) {
    e.set(XER_OV, ov);
    e.set(XER_OV32, ov32);
    let so = e.get(XER_SO);
    let so = e.or(so, ov);
    e.set(XER_SO, so);
}

/// OE=1 overflow of `r = a + b (+ carry)`: OV/OV32 from the signed 64/32-bit overflow, SO |= OV.
/// Subtractions pass `!RA` as `a` (`subf` computes `!RA + RB + 1`).
pub fn set_ov_add<E: Emitter>(e: &mut E, a: E::V, b: E::V, r: E::V) {
    // Signed overflow iff a and b have the same sign and r's differs: ((a ^ r) & (b ^ r)) < 0.
    let ar = e.xor(a, r);
    let br = e.xor(b, r);
    let both = e.and(ar, br);
    let ov = e.bit(both, 63);
    let ov32 = e.bit(both, 31);
    set_ov(e, ov, ov32);
}

/// The carry-in of an add-family instruction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CarryIn {
    Zero,
    One,
    /// XER[CA] (`adde`, `addme`, `subfe`, ...).
    Ca,
    /// XER[OV] (`addex` with CY=0).
    Ov,
}

/// Where an add-family instruction's carry-out goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CarryOut {
    /// Nowhere (`add`, `subf`, `neg`).
    None,
    /// XER[CA] and XER[CA32] (carry out of bit 0 and out of bit 32).
    Ca,
    /// XER[OV] and XER[OV32], SO untouched (`addex` CY=0).
    Ov,
}

/// The one worker of every add/subtract (§3.3.9): RT = x + y + carry-in, where subtractions
/// pass x = !RA. Sets CA/CA32 or OV/OV32 from the carries, OV/OV32/SO on `oe`, CR0 on `rc`.
#[allow(clippy::too_many_arguments)]
pub fn add_family<E: Emitter>(e: &mut E, rt: usize, x: E::V, y: E::V, cin: CarryIn, cout: CarryOut, oe: bool, rc: bool) -> Flow {
    let s = e.add(x, y);
    let r = match cin {
        CarryIn::Zero => s,
        CarryIn::One => e.add_imm(s, 1),
        CarryIn::Ca | CarryIn::Ov => {
            let c = e.get(if cin == CarryIn::Ca { XER_CA } else { XER_OV });
            let c = e.zext(Ty::I64, c);
            e.add(s, c)
        }
    };
    if cout != CarryOut::None {
        // Carry out of each bit position: majority(x, y, carry-in), where the carry into a
        // position is x ^ y ^ r; this simplifies to (x & y) | ((x ^ y) & !r).
        let xy = e.and(x, y);
        let xo = e.xor(x, y);
        let nr = e.not(r);
        let prop = e.and(xo, nr);
        let carries = e.or(xy, prop);
        let c64 = e.bit(carries, 63);
        let c32 = e.bit(carries, 31);
        if cout == CarryOut::Ca {
            e.set(XER_CA, c64);
            e.set(XER_CA32, c32);
        } else {
            e.set(XER_OV, c64);
            e.set(XER_OV32, c32);
        }
    }
    if oe {
        set_ov_add(e, x, y, r);
    }
    e.set(gpr(rt), r);
    if rc {
        set_cr0(e, r);
    }
    Flow::Next(4)
}

/// Writes RT and, on `rc`, CR0 (after any overflow update, so CR0[SO] sees the new SO).
fn write_rt<E: Emitter>(e: &mut E, rt: usize, r: E::V, rc: bool) -> Flow {
    e.set(gpr(rt), r);
    if rc {
        set_cr0(e, r);
    }
    Flow::Next(4)
}

fn not_ra<E: Emitter>(e: &mut E, ra: usize) -> E::V {
    let a = e.get(gpr(ra));
    e.not(a)
}

// ---- add / subtract (§3.3.9) ----

pub fn trans_addi<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let base = ra_or_zero(e, a.ra);
    let r = e.add_imm(base, a.si);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

pub fn trans_addis<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let base = ra_or_zero(e, a.ra);
    let r = e.add_imm(base, a.si << 16);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

/// `addpcis RT, D`: RT = NIA + (D << 16) (NIA is the address of the next instruction).
pub fn trans_addpcis<E: Emitter>(e: &mut E, a: &Dx, cx: &Cx) -> Flow {
    let r = e.iconst(Ty::I64, cx.next().wrapping_add((a.d << 16) as u64));
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

/// `addic` / `addic.` (the record form is its own primary opcode).
pub fn trans_addic<E: Emitter>(e: &mut E, a: &D, _cx: &Cx, rc: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.iconst(Ty::I64, a.si as u64);
    add_family(e, a.rt, x, y, CarryIn::Zero, CarryOut::Ca, false, rc)
}

pub fn trans_subfic<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let x = not_ra(e, a.ra);
    let y = e.iconst(Ty::I64, a.si as u64);
    add_family(e, a.rt, x, y, CarryIn::One, CarryOut::Ca, false, false)
}

/// Two-register XO-form add: RT = RA + RB (+ carry-in).
fn add_xo<E: Emitter>(e: &mut E, a: &Xo, cin: CarryIn, cout: CarryOut) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    add_family(e, a.rt, x, y, cin, cout, a.oe, a.rc)
}

/// Two-register XO-form subtract-from: RT = !RA + RB + carry-in.
fn subf_xo<E: Emitter>(e: &mut E, a: &Xo, cin: CarryIn, cout: CarryOut) -> Flow {
    let x = not_ra(e, a.ra);
    let y = e.get(gpr(a.rb));
    add_family(e, a.rt, x, y, cin, cout, a.oe, a.rc)
}

/// One-register XO-form (`addme`, `addze`, `subfme`, `subfze`): the second operand is the
/// constant `y` (-1 or 0), the carry-in is CA.
fn extended_xo<E: Emitter>(e: &mut E, a: &Xo, subtract: bool, y: i64) -> Flow {
    let x = if subtract { not_ra(e, a.ra) } else { e.get(gpr(a.ra)) };
    let y = e.iconst(Ty::I64, y as u64);
    add_family(e, a.rt, x, y, CarryIn::Ca, CarryOut::Ca, a.oe, a.rc)
}

pub fn trans_add<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    add_xo(e, a, CarryIn::Zero, CarryOut::None)
}
pub fn trans_addc<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    add_xo(e, a, CarryIn::Zero, CarryOut::Ca)
}
pub fn trans_adde<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    add_xo(e, a, CarryIn::Ca, CarryOut::Ca)
}
pub fn trans_addme<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    extended_xo(e, a, false, -1)
}
pub fn trans_addze<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    extended_xo(e, a, false, 0)
}
pub fn trans_subf<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    subf_xo(e, a, CarryIn::One, CarryOut::None)
}
pub fn trans_subfc<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    subf_xo(e, a, CarryIn::One, CarryOut::Ca)
}
pub fn trans_subfe<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    subf_xo(e, a, CarryIn::Ca, CarryOut::Ca)
}
pub fn trans_subfme<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    extended_xo(e, a, true, -1)
}
pub fn trans_subfze<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    extended_xo(e, a, true, 0)
}
/// `neg`: RT = !RA + 1 (overflow only for the most negative number).
pub fn trans_neg<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    let x = not_ra(e, a.ra);
    let y = e.iconst(Ty::I64, 0);
    add_family(e, a.rt, x, y, CarryIn::One, CarryOut::None, a.oe, a.rc)
}

/// `addex RT,RA,RB,0` (Z23-form, ISA 3.0): adds with OV as the carry-in and writes the
/// carry-out to OV/OV32; SO is not touched. Only CY=0 is defined; the decode row fixes CY=0
/// so the reserved CY values are illegal instructions.
pub fn trans_addex<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    add_family(e, a.rt, x, y, CarryIn::Ov, CarryOut::Ov, false, false)
}

// ---- multiply (§3.3.9) ----

pub fn trans_mulli<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.iconst(Ty::I64, a.si as u64);
    let r = e.mul(x, y);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

/// The low word of GPR `r`, sign- or zero-extended to 64 bits.
fn low_word<E: Emitter>(e: &mut E, r: usize, signed: bool) -> E::V {
    let v = e.get(gpr(r));
    let w = e.trunc(Ty::I32, v);
    if signed { e.sext(Ty::I64, w) } else { e.zext(Ty::I64, w) }
}

/// `mullw[o][.]`: the full 64-bit product of the signed low words; OV (and OV32, which ISA
/// 3.0 sets like OV for multiplies) when the product does not fit in 32 bits.
pub fn trans_mullw<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    let x = low_word(e, a.ra, true);
    let y = low_word(e, a.rb, true);
    let r = e.mul(x, y);
    if a.oe {
        let w = e.trunc(Ty::I32, r);
        let back = e.sext(Ty::I64, w);
        let ov = e.icmp(Cmp::Ne, r, back);
        set_ov(e, ov, ov);
    }
    write_rt(e, a.rt, r, a.rc)
}

/// `mulld[o][.]`: low 64 bits; OV/OV32 when the 128-bit signed product does not fit.
pub fn trans_mulld<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let r = e.mul(x, y);
    if a.oe {
        let hi = e.smulhi(x, y);
        let sign = e.ashr_imm(r, 63);
        let ov = e.icmp(Cmp::Ne, hi, sign);
        set_ov(e, ov, ov);
    }
    write_rt(e, a.rt, r, a.rc)
}

/// `mulhw[u][.]`: high word of the 64-bit product of the low words, zero-extended.
fn mulhw<E: Emitter>(e: &mut E, a: &Xo, signed: bool) -> Flow {
    let x = low_word(e, a.ra, signed);
    let y = low_word(e, a.rb, signed);
    let p = e.mul(x, y);
    let r = e.lshr_imm(p, 32);
    write_rt(e, a.rt, r, a.rc)
}
pub fn trans_mulhw<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    mulhw(e, a, true)
}
pub fn trans_mulhwu<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    mulhw(e, a, false)
}
pub fn trans_mulhd<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let r = e.smulhi(x, y);
    write_rt(e, a.rt, r, a.rc)
}
pub fn trans_mulhdu<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let r = e.umulhi(x, y);
    write_rt(e, a.rt, r, a.rc)
}

/// `maddld RT,RA,RB,RC`: low 64 bits of RA*RB + RC.
pub fn trans_maddld<E: Emitter>(e: &mut E, a: &A, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let c = e.get(gpr(a.rc));
    let p = e.mul(x, y);
    let r = e.add(p, c);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

/// `maddhd`/`maddhdu`: high 64 bits of the 128-bit RA*RB + RC (RC sign- or zero-extended),
/// built from 64-bit halves: hi(p) + carry(lo(p) + RC) + (signed && RC < 0 ? -1 : 0).
fn maddh<E: Emitter>(e: &mut E, a: &A, signed: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let c = e.get(gpr(a.rc));
    let hi = if signed { e.smulhi(x, y) } else { e.umulhi(x, y) };
    let lo = e.mul(x, y);
    let sum = e.add(lo, c);
    let carry = e.icmp(Cmp::Ult, sum, lo);
    let carry = e.zext(Ty::I64, carry);
    let mut r = e.add(hi, carry);
    if signed {
        let ext = e.ashr_imm(c, 63);
        r = e.add(r, ext);
    }
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}
pub fn trans_maddhd<E: Emitter>(e: &mut E, a: &A, _cx: &Cx) -> Flow {
    maddh(e, a, true)
}
pub fn trans_maddhdu<E: Emitter>(e: &mut E, a: &A, _cx: &Cx) -> Flow {
    maddh(e, a, false)
}

// ---- divide and modulo (§3.3.9) ----

/// "Division undefined" flag of `x / y` at `x`'s width: y == 0, or signed MIN / -1.
fn div_undefined<E: Emitter>(e: &mut E, x: E::V, y: E::V, signed: bool) -> E::V {
    let zero = e.icmp_imm(Cmp::Eq, y, 0);
    if !signed {
        return zero;
    }
    let bits = e.ty(x).bits();
    let min = e.icmp_imm(Cmp::Eq, x, 1u64 << (bits - 1));
    let m1 = e.icmp_imm(Cmp::Eq, y, u64::MAX);
    let ovf = e.and(min, m1);
    e.or(zero, ovf)
}

/// `divw[u]`/`divd[u]` at width `ty` (I32: the low words, result zero-extended). On an
/// undefined division RT = the dividend, as QEMU 7.2 gives (see the module docs).
fn div_xo<E: Emitter>(e: &mut E, a: &Xo, ty: Ty, signed: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let (x, y) = (e.trunc(ty, x), e.trunc(ty, y));
    let bad = div_undefined(e, x, y, signed);
    let one = e.imm_like(y, 1);
    let y = e.select(bad, one, y);
    let q = if signed { e.sdiv(x, y) } else { e.udiv(x, y) };
    let r = e.zext(Ty::I64, q);
    if a.oe {
        set_ov(e, bad, bad);
    }
    write_rt(e, a.rt, r, a.rc)
}
pub fn trans_divw<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    div_xo(e, a, Ty::I32, true)
}
pub fn trans_divwu<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    div_xo(e, a, Ty::I32, false)
}
pub fn trans_divd<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    div_xo(e, a, Ty::I64, true)
}
pub fn trans_divdu<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    div_xo(e, a, Ty::I64, false)
}

/// `divwe[u]`: (RA[32:63] || 32 zeros) / RB[32:63] as a 64-bit division; overflow when the
/// divisor is 0 or the quotient does not fit in 32 bits, and then RT = 0. The quotient is
/// sign- (divwe) or zero-extended (divweu), which is what a fitting 64-bit quotient already is.
fn divwe<E: Emitter>(e: &mut E, a: &Xo, signed: bool) -> Flow {
    let ra = e.get(gpr(a.ra));
    let x = e.shl_imm(ra, 32);
    let y = low_word(e, a.rb, signed);
    let mut bad = div_undefined(e, x, y, signed);
    let q = if signed { e.sdiv(x, y) } else { e.udiv(x, y) };
    let w = e.trunc(Ty::I32, q);
    let back = if signed { e.sext(Ty::I64, w) } else { e.zext(Ty::I64, w) };
    let wide = e.icmp(Cmp::Ne, q, back);
    bad = e.or(bad, wide);
    let zero = e.iconst(Ty::I64, 0);
    let r = e.select(bad, zero, q);
    if a.oe {
        set_ov(e, bad, bad);
    }
    write_rt(e, a.rt, r, a.rc)
}
pub fn trans_divwe<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    divwe(e, a, true)
}
pub fn trans_divweu<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    divwe(e, a, false)
}

/// Flags of [`helper_divde`].
const DIVDE_SIGNED: u64 = 1;
const DIVDE_WANT_OV: u64 = 2;

/// `divde[u]` needs a 128-by-64-bit division, done on the host: (RA || 64 zeros) / RB.
/// Returns the quotient (0 when it does not fit in 64 bits or RB = 0), or with
/// `DIVDE_WANT_OV` the overflow flag instead.
pub extern "C" fn helper_divde(_cpu: *mut u8, ra: u64, rb: u64, flags: u64) -> u64 {
    let (q, ov) = if flags & DIVDE_SIGNED != 0 {
        let x = (ra as i64 as i128) << 64;
        let y = rb as i64 as i128;
        match x.checked_div(y) {
            Some(q) if q >= i64::MIN as i128 && q <= i64::MAX as i128 => (q as u64, false),
            _ => (0, true),
        }
    } else {
        let x = (ra as u128) << 64;
        match x.checked_div(rb as u128) {
            Some(q) if q <= u64::MAX as u128 => (q as u64, false),
            _ => (0, true),
        }
    };
    if flags & DIVDE_WANT_OV != 0 { ov as u64 } else { q }
}
pub fn divde_helper() -> Helper {
    helper!(helper_divde, 3, false)
}

fn divde<E: Emitter>(e: &mut E, a: &Xo, signed: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let s = if signed { DIVDE_SIGNED } else { 0 };
    let f = e.iconst(Ty::I64, s);
    let r = e.call(&divde_helper(), &[x, y, f]);
    if a.oe {
        let f = e.iconst(Ty::I64, s | DIVDE_WANT_OV);
        let ov = e.call(&divde_helper(), &[x, y, f]);
        let ov = e.trunc(Ty::I8, ov);
        set_ov(e, ov, ov);
    }
    write_rt(e, a.rt, r, a.rc)
}
pub fn trans_divde<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    divde(e, a, true)
}
pub fn trans_divdeu<E: Emitter>(e: &mut E, a: &Xo, _cx: &Cx) -> Flow {
    divde(e, a, false)
}

/// `mod[su][wd]` (X-form, ISA 3.0): remainder with the sign of the dividend; an undefined
/// division gives 0 (the emitter's own rule). Word forms extend like the instruction's
/// signedness.
fn modulo<E: Emitter>(e: &mut E, a: &X, ty: Ty, signed: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let (x, y) = (e.trunc(ty, x), e.trunc(ty, y));
    let r = if signed { e.srem(x, y) } else { e.urem(x, y) };
    let r = if signed { e.sext(Ty::I64, r) } else { e.zext(Ty::I64, r) };
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}
pub fn trans_modsw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    modulo(e, a, Ty::I32, true)
}
pub fn trans_moduw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    modulo(e, a, Ty::I32, false)
}
pub fn trans_modsd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    modulo(e, a, Ty::I64, true)
}
pub fn trans_modud<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    modulo(e, a, Ty::I64, false)
}

// ---- compare (§3.3.10) ----

/// Compare operands: L=1 compares doublewords, L=0 the low words (sign- or zero-extended).
fn cmp_operand<E: Emitter>(e: &mut E, v: E::V, l: bool, signed: bool) -> E::V {
    if l {
        v
    } else {
        let w = e.trunc(Ty::I32, v);
        if signed { e.sext(Ty::I64, w) } else { e.zext(Ty::I64, w) }
    }
}

pub fn trans_cmpi<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let x = cmp_operand(e, x, a.l, true);
    let y = e.iconst(Ty::I64, a.si as u64);
    let f = compare_field(e, x, y, true);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

pub fn trans_cmpli<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let x = cmp_operand(e, x, a.l, false);
    let y = e.iconst(Ty::I64, a.ui);
    let f = compare_field(e, x, y, false);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

fn cmp_x<E: Emitter>(e: &mut E, a: &X, signed: bool) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let x = cmp_operand(e, x, a.l, signed);
    let y = cmp_operand(e, y, a.l, signed);
    let f = compare_field(e, x, y, signed);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

pub fn trans_cmp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    cmp_x(e, a, true)
}
pub fn trans_cmpl<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    cmp_x(e, a, false)
}

/// A CR field holding only GT (0b0100) when `c` is 1: how `cmprb`/`cmpeqb` report a match.
fn gt_field<E: Emitter>(e: &mut E, c: E::V) -> E::V {
    e.shl_imm(c, 2)
}

/// I8 flag: `lo <= x <= hi` for the bytes of `rb` at bit offsets `lo_sh` and `lo_sh + 8`.
fn byte_in_range<E: Emitter>(e: &mut E, x: E::V, rb: E::V, lo_sh: u32) -> E::V {
    let lo = e.lshr_imm(rb, lo_sh);
    let lo = e.and_imm(lo, 0xff);
    let hi = e.lshr_imm(rb, lo_sh + 8);
    let hi = e.and_imm(hi, 0xff);
    let ge = e.icmp(Cmp::Ule, lo, x);
    let le = e.icmp(Cmp::Ule, x, hi);
    e.and(ge, le)
}

/// `cmprb BF,L,RA,RB`: is byte RA[56:63] within [RB[56:63], RB[48:55]] (and, L=1, also or
/// within [RB[40:47], RB[32:39]])? CR[BF] = 0 || in_range || 00.
pub fn trans_cmprb<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let ra = e.get(gpr(a.ra));
    let x = e.and_imm(ra, 0xff);
    let rb = e.get(gpr(a.rb));
    let mut hit = byte_in_range(e, x, rb, 0);
    if a.l {
        let hit2 = byte_in_range(e, x, rb, 16);
        hit = e.or(hit, hit2);
    }
    let f = gt_field(e, hit);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

/// `cmpeqb BF,RA,RB`: does any byte of RB equal RA[56:63]? CR[BF] = 0 || match || 00.
pub fn trans_cmpeqb<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ra = e.get(gpr(a.ra));
    let b = e.and_imm(ra, 0xff);
    let ones = e.iconst(Ty::I64, ONES);
    let pattern = e.mul(b, ones);
    let rb = e.get(gpr(a.rb));
    let v = e.xor(rb, pattern);
    // v has a zero byte iff (v - 0x01..01) & !v & 0x80..80 is nonzero.
    let t = e.sub(v, ones);
    let nv = e.not(v);
    let t = e.and(t, nv);
    let t = e.and_imm(t, ONES << 7);
    let hit = e.icmp_imm(Cmp::Ne, t, 0);
    let f = gt_field(e, hit);
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

// ---- trap (§3.3.11) ----

/// TO bits (§3.3.11): trap if any selected comparison of `a` with `b` holds.
const TO_LT: u32 = 0b10000;
const TO_GT: u32 = 0b01000;
const TO_EQ: u32 = 0b00100;
const TO_LTU: u32 = 0b00010;
const TO_GTU: u32 = 0b00001;

fn trap<E: Emitter>(e: &mut E, to: u32, x: E::V, y: E::V, cx: &Cx) -> Flow {
    // Either triple <,>,= covers every case: the unconditional `trap` idiom ends the block.
    if to & (TO_LT | TO_GT | TO_EQ) == (TO_LT | TO_GT | TO_EQ) || to & (TO_LTU | TO_GTU | TO_EQ) == (TO_LTU | TO_GTU | TO_EQ) {
        e.raise(exc::TRAP, cx.pc);
        return Flow::End;
    }
    let mut cond: Option<E::V> = None;
    for (bit, c) in [(TO_LT, Cmp::Slt), (TO_GT, Cmp::Sgt), (TO_EQ, Cmp::Eq), (TO_LTU, Cmp::Ult), (TO_GTU, Cmp::Ugt)] {
        if to & bit != 0 {
            let t = e.icmp(c, x, y);
            cond = Some(match cond {
                Some(prev) => e.or(prev, t),
                None => t,
            });
        }
    }
    if let Some(c) = cond {
        e.raise_if(c, exc::TRAP, cx.pc);
    }
    Flow::Next(4)
}

pub fn trans_tw<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    // Sign-extending both words preserves signed and unsigned order alike, so the 32-bit
    // comparisons of the book are comparisons of the I32 values.
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    let (x, y) = (e.trunc(Ty::I32, x), e.trunc(Ty::I32, y));
    trap(e, a.rt as u32, x, y, cx)
}
pub fn trans_twi<E: Emitter>(e: &mut E, a: &D, cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let x = e.trunc(Ty::I32, x);
    let y = e.iconst(Ty::I32, a.si as u64);
    trap(e, a.rt as u32, x, y, cx)
}
pub fn trans_td<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.get(gpr(a.rb));
    trap(e, a.rt as u32, x, y, cx)
}
pub fn trans_tdi<E: Emitter>(e: &mut E, a: &D, cx: &Cx) -> Flow {
    let x = e.get(gpr(a.ra));
    let y = e.iconst(Ty::I64, a.si as u64);
    trap(e, a.rt as u32, x, y, cx)
}

// ---- darn (§3.3.9, ISA 3.0) ----

/// The error value `darn` returns when no random number is available.
pub const DARN_ERROR: u64 = u64::MAX;

fn host_random_u64() -> Option<u64> {
    let mut b = [0u8; 8];
    let mut got = 0;
    while got < b.len() {
        // SAFETY: writes at most the remaining bytes of `b`.
        let n = unsafe { libc::getrandom(b[got..].as_mut_ptr() as *mut libc::c_void, b.len() - got, 0) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return None;
        }
        got += n as usize;
    }
    Some(u64::from_ne_bytes(b))
}

/// `darn` on the host's random source: L=0 a 32-bit number (zero-extended), L=1 and L=2 a
/// 64-bit one (the "conditioned" and "raw" streams are the same source here), L=3 (reserved)
/// the error value. A 64-bit draw equal to the error value is drawn again, so the error value
/// only ever means "no number".
pub extern "C" fn helper_darn(_cpu: *mut u8, l: u64) -> u64 {
    match l {
        0 => host_random_u64().map_or(DARN_ERROR, |v| v & 0xffff_ffff),
        1 | 2 => loop {
            match host_random_u64() {
                None => break DARN_ERROR,
                Some(DARN_ERROR) => continue,
                Some(v) => break v,
            }
        },
        _ => DARN_ERROR,
    }
}
pub fn darn_helper() -> Helper {
    helper!(helper_darn, 1, false)
}

pub fn trans_darn<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    // L is instruction bits 14:15, the low two bits of the RA field.
    let l = e.iconst(Ty::I64, (a.ra & 3) as u64);
    let r = e.call(&darn_helper(), &[l]);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}
