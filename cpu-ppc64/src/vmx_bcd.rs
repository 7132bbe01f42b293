//! Decimal integer (BCD) instructions on VRs and the multiply-by-10 quadword instructions
//! (Power ISA 3.0B Book I §6.17, v2.07/v3.0): translation and helpers together, the
//! helpers on the ABI of [`crate::vmx_helpers`].
//!
//! A signed decimal in a VR is 31 BCD digits followed by a sign code (bits 124:127): 0xA,
//! 0xC, 0xE, 0xF are plus, 0xB, 0xD minus, 0x0-0x9 invalid. The preferred sign codes the
//! instructions write are 0xC (PS = 0) or 0xF (PS = 1) for plus and 0xD for minus. An
//! unsigned decimal (`bcdus.`, `bcdutrunc.`) is 32 digits. Here nibble k of the 128-bit value
//! counts from the least significant end: nibble 0 is the sign, nibble k the k-th digit.
//!
//! Every `bcd*.` instruction is a record form: CR6 ← LT GT EQ SO, where LT/GT/EQ compare the
//! decimal result (or, for conversions out of BCD, the source) with zero — a zero magnitude
//! is EQ whatever its sign — and SO reports an invalid operand (then LT GT EQ are 0 and VRT is
//! undefined) or an overflow: a result that does not fit, or nonzero digits shifted out.
//! For an invalid operand VRT is left unchanged here.

#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::forms::*;
use crate::state::*;
use crate::vmx::call_regs;
use crate::vmx_helpers::{cpu, vsr_get, vsr_set};
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Emitter, Helper, Ty};

const LT: u64 = 8;
const GT: u64 = 4;
const EQ: u64 = 2;
const SO: u64 = 1;

const NEG: u128 = 0xd;
/// 10^31: one more than the largest 31-digit magnitude.
const TEN31: u128 = 10_000_000_000_000_000_000_000_000_000_000;

fn nibble(v: u128, k: u32) -> u32 {
    (v >> (4 * k)) as u32 & 0xf
}
/// The sign of a signed decimal: Some(true) for minus, None for an invalid sign code.
fn sign_of(v: u128) -> Option<bool> {
    match nibble(v, 0) {
        0xa | 0xc | 0xe | 0xf => Some(false),
        0xb | 0xd => Some(true),
        _ => None,
    }
}
/// Whether nibbles `from`..31 are all decimal digits.
fn digits_ok(v: u128, from: u32) -> bool {
    (from..32).all(|k| nibble(v, k) <= 9)
}
/// A valid signed decimal's sign (true = minus), or None.
fn signed(v: u128) -> Option<bool> {
    sign_of(v).filter(|_| digits_ok(v, 1))
}
/// The binary value of the decimal digits in nibbles `from`..31.
fn magnitude(v: u128, from: u32) -> u128 {
    (from..32).rev().fold(0, |m, k| m * 10 + nibble(v, k) as u128)
}
/// `m` (< 10^31 for 31 digits) as BCD digits from nibble `from` on.
fn to_digits(mut m: u128, from: u32) -> u128 {
    let mut r = 0;
    for k in from..32 {
        r |= (m % 10) << (4 * k);
        m /= 10;
    }
    r
}
fn plus(ps: bool) -> u128 {
    if ps { 0xf } else { 0xc }
}
/// The preferred sign code for a sign.
fn preferred(negative: bool, ps: bool) -> u128 {
    if negative { NEG } else { plus(ps) }
}
/// LT/GT/EQ of a signed decimal: EQ for a zero magnitude, else by its sign.
fn cmp_zero(v: u128) -> u64 {
    if v >> 4 == 0 {
        EQ
    } else if sign_of(v) == Some(true) {
        LT
    } else {
        GT
    }
}
/// LT/GT/EQ of a signed binary value.
fn cmp_value(v: i128) -> u64 {
    match v.signum() {
        -1 => LT,
        0 => EQ,
        _ => GT,
    }
}

/// Runs `f(VRA, VRB, VRT)`; it returns the CR6 value and the new VRT, if any.
fn bcd_op(p: *mut u8, t: u64, a: u64, b: u64, f: impl FnOnce(u128, u128) -> (u64, Option<u128>)) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (cr, r) = f(vsr_get(c, a), vsr_get(c, b));
    if let Some(r) = r {
        vsr_set(c, t, r);
    }
    cr
}
const INVALID: (u64, Option<u128>) = (SO, None);

// ---- add, subtract (§6.17.1) ----

/// The signed sum; a result of 10^31 or more in magnitude keeps its low 31 digits and sets
/// SO (overflow); a zero result gets the plus sign. LT/GT/EQ compare the unbounded result.
fn add_sub(a: u128, b: u128, ps: bool, subtract: bool) -> (u64, Option<u128>) {
    let (Some(na), Some(nb)) = (signed(a), signed(b)) else {
        return INVALID;
    };
    let value = |m: u128, neg: bool| if neg { -(m as i128) } else { m as i128 };
    let s = value(magnitude(a, 1), na) + value(magnitude(b, 1), nb ^ subtract);
    let m = s.unsigned_abs();
    let ox = if m >= TEN31 { SO } else { 0 };
    (cmp_value(s) | ox, Some(to_digits(m % TEN31, 1) | preferred(s < 0, ps)))
}
pub extern "C" fn bcdadd(p: *mut u8, t: u64, a: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| add_sub(x, y, ps != 0, false))
}
pub extern "C" fn bcdsub(p: *mut u8, t: u64, a: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| add_sub(x, y, ps != 0, true))
}

// ---- format conversions (§6.17.2) ----

/// `bcdcfn.`: from national decimal, 7 UTF-16 digits (0x0030-0x0039) then a sign character
/// (0x002B plus, 0x002D minus) in halfword 7.
pub extern "C" fn bcdcfn(p: *mut u8, t: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let half = |i: u32| (x >> (16 * (7 - i))) as u16;
        let negative = match half(7) {
            0x2b => false,
            0x2d => true,
            _ => return INVALID,
        };
        if !(0..7).all(|i| (0x30..=0x39).contains(&half(i))) {
            return INVALID;
        }
        let digits = (1..8).fold(0u128, |r, k| r | ((half(7 - k) as u128 & 0xf) << (4 * k)));
        let r = digits | preferred(negative, ps != 0);
        (cmp_zero(r), Some(r))
    })
}
/// `bcdctn.`: the low 7 digits to national decimal; SO if a higher digit is nonzero.
pub extern "C" fn bcdctn(p: *mut u8, t: u64, b: u64, _ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let Some(negative) = signed(x) else { return INVALID };
        let mut r = if negative { 0x2d } else { 0x2b };
        for k in 1..8 {
            r |= (0x30 + nibble(x, k) as u128) << (16 * k);
        }
        let ox = if x >> 32 != 0 { SO } else { 0 };
        (cmp_zero(x) | ox, Some(r))
    })
}
/// `bcdcfz.`: from zoned decimal, 16 bytes of zone nibble and digit; the zone of the last
/// byte is the sign. PS = 0: zones 0x3, sign zone with bit 0x4 set for minus; PS = 1:
/// zones 0xF, sign zone a sign code (0xB, 0xD minus). The result's plus sign is 0xC.
pub extern "C" fn bcdcfz(p: *mut u8, t: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let ps = ps != 0;
        let byte = |k: u32| (x >> (8 * k)) as u32 & 0xff;
        let zone = if ps { 0xf } else { 0x3 };
        let sign = byte(0) >> 4;
        let valid = (0..16).all(|k| byte(k) & 0xf <= 9 && (k == 0 || byte(k) >> 4 == zone))
            && (!ps || sign >= 0xa);
        if !valid {
            return INVALID;
        }
        let negative = if ps { sign == 0xb || sign == 0xd } else { sign & 0x4 != 0 };
        let digits = (0..16).fold(0u128, |r, k| r | ((byte(k) as u128 & 0xf) << (4 * (k + 1))));
        let r = digits | preferred(negative, false);
        (cmp_zero(r), Some(r))
    })
}
/// `bcdctz.`: the low 16 digits to zoned decimal (zones 0x3 for PS = 0, 0xF for PS = 1); the
/// last zone is the sign: 0x3/0x7 (PS = 0) or 0xC/0xD (PS = 1). SO if a higher digit is
/// nonzero.
pub extern "C" fn bcdctz(p: *mut u8, t: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let Some(negative) = signed(x) else { return INVALID };
        let zone: u128 = if ps != 0 { 0xf } else { 0x3 };
        let mut r = 0u128;
        for k in 0..16 {
            r |= (zone << 4 | nibble(x, k + 1) as u128) << (8 * k);
        }
        let sign: u128 = match (ps != 0, negative) {
            (false, false) => 0x3,
            (false, true) => 0x7,
            (true, false) => 0xc,
            (true, true) => 0xd,
        };
        r = (r & !0xf0) | sign << 4;
        let ox = if x >> 68 != 0 { SO } else { 0 };
        (cmp_zero(x) | ox, Some(r))
    })
}
/// `bcdcfsq.`: from a signed quadword integer. A magnitude above 10^31 − 1 sets SO (with
/// LT/GT) and leaves VRT undefined (unchanged here).
pub extern "C" fn bcdcfsq(p: *mut u8, t: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let v = x as i128;
        let m = v.unsigned_abs();
        if m >= TEN31 {
            return (cmp_value(v) | SO, None);
        }
        (cmp_value(v), Some(to_digits(m, 1) | preferred(v < 0, ps != 0)))
    })
}
/// `bcdctsq.`: to a signed quadword integer (always fits: 31 digits < 2^104).
pub extern "C" fn bcdctsq(p: *mut u8, t: u64, b: u64, _ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let Some(negative) = signed(x) else { return INVALID };
        let m = magnitude(x, 1) as i128;
        (cmp_zero(x), Some((if negative { -m } else { m }) as u128))
    })
}

// ---- sign operations (§6.17.3) ----

/// `bcdcpsgn.`: VRA's digits with VRB's sign code.
pub extern "C" fn bcdcpsgn(p: *mut u8, t: u64, a: u64, b: u64, _ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| {
        if signed(x).is_none() || signed(y).is_none() {
            return INVALID;
        }
        let r = (x & !0xf) | (y & 0xf);
        (cmp_zero(r), Some(r))
    })
}
/// `bcdsetsgn.`: VRB with its sign code replaced by the preferred one.
pub extern "C" fn bcdsetsgn(p: *mut u8, t: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, b, b, |x, _| {
        let Some(negative) = signed(x) else { return INVALID };
        let r = (x & !0xf) | preferred(negative, ps != 0);
        (cmp_zero(r), Some(r))
    })
}

// ---- shift, round, truncate (§6.17.4) ----

/// The shift count of `bcds.`/`bcdus.`/`bcdsr.`: the signed byte 7 of VRA (positive: left).
fn shift_count(a: u128) -> i32 {
    (a >> 64) as u8 as i8 as i32
}
/// Shifts the `n`-digit field `m` (right-justified, 4 bits a digit) left by `s` digits
/// (right if negative): the shifted value and whether nonzero digits left the field.
fn shift_digits(m: u128, s: i32, n: u32) -> (u128, bool) {
    let field = if n == 32 { u128::MAX } else { (1u128 << (4 * n)) - 1 };
    if s >= n as i32 {
        (0, m != 0)
    } else if s <= -(n as i32) {
        (0, false)
    } else if s == 0 {
        (m, false)
    } else if s > 0 {
        let r = (m << (4 * s)) & field;
        (r, m >> (4 * (n as i32 - s)) != 0)
    } else {
        (m >> (4 * -s), false)
    }
}
/// `bcds.`: the 31 digits shifted by a count clamped to ±31; SO if nonzero digits are
/// shifted out on the left. The sign becomes the preferred code.
pub extern "C" fn bcds(p: *mut u8, t: u64, a: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| {
        let Some(negative) = signed(y) else { return INVALID };
        let (m, ox) = shift_digits(y >> 4, shift_count(x).clamp(-31, 31), 31);
        let r = m << 4 | preferred(negative, ps != 0);
        (cmp_zero(r) | if ox { SO } else { 0 }, Some(r))
    })
}
/// `bcdsr.`: as `bcds.`, but a right shift rounds: when the last digit shifted out is 5 or
/// more, the magnitude is incremented.
pub extern "C" fn bcdsr(p: *mut u8, t: u64, a: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| {
        let Some(negative) = signed(y) else { return INVALID };
        let s = shift_count(x).clamp(-31, 31);
        let digits = y >> 4;
        let (mut m, ox) = shift_digits(digits, s, 31);
        if s < 0 && nibble(digits, (-s - 1) as u32) >= 5 {
            // At most 30 digits remain, so the increment cannot overflow.
            m = to_digits(magnitude(m << 4, 1) + 1, 1) >> 4;
        }
        let r = m << 4 | preferred(negative, ps != 0);
        (cmp_zero(r) | if ox { SO } else { 0 }, Some(r))
    })
}
/// `bcdus.`: the 32 digits of an unsigned decimal shifted (no clamping: 32 or more digits
/// shift everything out). CR6: EQ for zero, else GT; SO if nonzero digits left on the left.
pub extern "C" fn bcdus(p: *mut u8, t: u64, a: u64, b: u64, _ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| {
        if !digits_ok(y, 0) {
            return INVALID;
        }
        let (r, ox) = shift_digits(y, shift_count(x), 32);
        ((if r == 0 { EQ } else { GT }) | if ox { SO } else { 0 }, Some(r))
    })
}
/// The length operand of `bcdtrunc.`/`bcdutrunc.`: the unsigned halfword 3 of VRA.
fn trunc_len(a: u128) -> u32 {
    (a >> 64) as u16 as u32
}
/// `bcdtrunc.`: keeps the low `len` digits (all 31 if len ≥ 31); SO if nonzero digits were
/// dropped. The sign becomes the preferred code.
pub extern "C" fn bcdtrunc(p: *mut u8, t: u64, a: u64, b: u64, ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| {
        let Some(negative) = signed(y) else { return INVALID };
        let len = trunc_len(x).min(31);
        let digits = y >> 4;
        let kept = if len == 0 { 0 } else { digits & ((1u128 << (4 * len)) - 1) };
        let r = kept << 4 | preferred(negative, ps != 0);
        (cmp_zero(r) | if kept != digits { SO } else { 0 }, Some(r))
    })
}
/// `bcdutrunc.`: keeps the low `len` digits of an unsigned decimal (all 32 if len ≥ 32).
pub extern "C" fn bcdutrunc(p: *mut u8, t: u64, a: u64, b: u64, _ps: u64) -> u64 {
    bcd_op(p, t, a, b, |x, y| {
        if !digits_ok(y, 0) {
            return INVALID;
        }
        let len = trunc_len(x);
        let r = if len >= 32 { y } else { y & ((1u128 << (4 * len)) - 1) };
        ((if r == 0 { EQ } else { GT }) | if r != y { SO } else { 0 }, Some(r))
    })
}

// ---- multiply by 10 (§6.9.1, v3.0) ----

/// 10·x + cin as (low 128 bits, carry out 0..9+).
fn mul10(x: u128, cin: u128) -> (u128, u128) {
    let (lo, hi) = ((x as u64) as u128, x >> 64);
    let lo10 = lo * 10 + cin;
    let hi10 = hi * 10 + (lo10 >> 64);
    ((hi10 << 64) | (lo10 as u64 as u128), hi10 >> 64)
}
/// `vmul10uq`/`vmul10cuq VRT,VRA`, `vmul10euq`/`vmul10ecuq VRT,VRA,VRB`: VRA × 10 (+ the
/// last nibble of VRB for the extended forms), the low 128 bits or the carry out.
fn vmul10(p: *mut u8, t: u64, a: u64, b: u64, extended: bool, carry: bool) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let cin = if extended { vsr_get(c, b) & 0xf } else { 0 };
    let (lo, hi) = mul10(vsr_get(c, a), cin);
    vsr_set(c, t, if carry { hi } else { lo });
    0
}
pub extern "C" fn vmul10uq(p: *mut u8, t: u64, a: u64) -> u64 {
    vmul10(p, t, a, a, false, false)
}
pub extern "C" fn vmul10cuq(p: *mut u8, t: u64, a: u64) -> u64 {
    vmul10(p, t, a, a, false, true)
}
pub extern "C" fn vmul10euq(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    vmul10(p, t, a, b, true, false)
}
pub extern "C" fn vmul10ecuq(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    vmul10(p, t, a, b, true, true)
}

// ---- translation ----

/// PS: bit 22, the high bit of the VA-form SHB field.
fn ps(a: &Vx) -> usize {
    (a.shb >> 3) as usize & 1
}
/// Writes CR6 (every `bcd*.` is a record form).
fn set_cr6<E: Emitter>(e: &mut E, cr: E::V) {
    let f = e.trunc(Ty::I8, cr);
    e.set(cr_field(6), f);
}
/// `op. VRT,VRA,VRB,PS`: helper (t, a, b, ps).
fn bcd3<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    let cr = call_regs(e, &h, &[32 + a.vrt, 32 + a.vra, 32 + a.vrb, ps(a)]);
    set_cr6(e, cr);
    Flow::Next(4)
}
/// `op. VRT,VRB,PS` (the VRA field is part of the opcode): helper (t, b, ps).
fn bcd2<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    let cr = call_regs(e, &h, &[32 + a.vrt, 32 + a.vrb, ps(a)]);
    set_cr6(e, cr);
    Flow::Next(4)
}

pub fn trans_bcdadd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdadd, 4, false))
}
pub fn trans_bcdsub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdsub, 4, false))
}
pub fn trans_bcdcpsgn<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdcpsgn, 4, false))
}
pub fn trans_bcds<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcds, 4, false))
}
pub fn trans_bcdsr<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdsr, 4, false))
}
pub fn trans_bcdus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdus, 4, false))
}
pub fn trans_bcdtrunc<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdtrunc, 4, false))
}
pub fn trans_bcdutrunc<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd3(e, a, helper!(bcdutrunc, 4, false))
}
pub fn trans_bcdcfn<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdcfn, 3, false))
}
pub fn trans_bcdctn<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdctn, 3, false))
}
pub fn trans_bcdcfz<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdcfz, 3, false))
}
pub fn trans_bcdctz<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdctz, 3, false))
}
pub fn trans_bcdcfsq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdcfsq, 3, false))
}
pub fn trans_bcdctsq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdctsq, 3, false))
}
pub fn trans_bcdsetsgn<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    bcd2(e, a, helper!(bcdsetsgn, 3, false))
}
pub fn trans_vmul10uq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vmul10uq, 2, false), &[32 + a.vrt, 32 + a.vra]);
    Flow::Next(4)
}
pub fn trans_vmul10cuq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vmul10cuq, 2, false), &[32 + a.vrt, 32 + a.vra]);
    Flow::Next(4)
}
pub fn trans_vmul10euq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vmul10euq, 3, false), &[32 + a.vrt, 32 + a.vra, 32 + a.vrb]);
    Flow::Next(4)
}
pub fn trans_vmul10ecuq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vmul10ecuq, 3, false), &[32 + a.vrt, 32 + a.vra, 32 + a.vrb]);
    Flow::Next(4)
}
