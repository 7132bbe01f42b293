//! Fixed-point rotate and shift instructions (Power ISA 3.0B Book I §3.3.14-3.3.15).
//!
//! All rotates are "rotate, then AND with MASK(mb, me), optionally inserting under the mask"
//! ([`finish_rotate`]). Word rotates rotate the low word and see it duplicated in both halves
//! (ROTL32(x) = ROTL64(x || x)), so a wrapping mask (mb > me) also keeps high-half bits.
//! Shifts take their amount from the low 6 (word) or 7 (doubleword) bits of RB; amounts of
//! 32/64 or more shift everything out, which the code selects explicitly because the emitter
//! takes shift amounts modulo the width.

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Ty};

/// MASK(mb, me) of §3.3.14 in book bit numbers (0 = most significant): ones from bit `mb`
/// through bit `me`, wrapping around (ones in 0..=me and mb..=63) when `mb > me`.
pub const fn mask64(mb: u32, me: u32) -> u64 {
    let from_mb = u64::MAX >> mb;
    let to_me = u64::MAX << (63 - me);
    if mb <= me { from_mb & to_me } else { from_mb | to_me }
}

/// RA = (r & m) | (insert ? RA & !m : 0), then CR0 on `rc`.
fn finish_rotate<E: Emitter>(e: &mut E, ra: usize, r: E::V, m: u64, insert: bool, rc: bool) -> Flow {
    let mut v = e.and_imm(r, m);
    if insert {
        let old = e.get(gpr(ra));
        let old = e.and_imm(old, !m);
        v = e.or(v, old);
    }
    e.set(gpr(ra), v);
    if rc {
        set_cr0(e, v);
    }
    Flow::Next(4)
}

/// ROTL(x, sh) & m for an immediate `sh` on a `bits`-wide `x`, as a plain shift when the
/// mask discards every bit the rotate wrapped around (`sldi`, `srdi`, `slwi`, `srwi`, ...),
/// and without the AND when the shift alone leaves exactly the mask's bits.
fn rotl_imm_masked<E: Emitter>(e: &mut E, x: E::V, sh: u32, m: u64, bits: u32) -> E::V {
    let all = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
    let m = m & all;
    let sh = sh % bits;
    let masked = |e: &mut E, v: E::V, exact: u64| if m == exact { v } else { e.and_imm(v, m) };
    if sh == 0 {
        return masked(e, x, all);
    }
    // ROTL(x, sh) = (x << sh) | (x >> (bits - sh)): the second part fills the low `sh` bits.
    let wrapped = (1u64 << sh) - 1;
    if m & wrapped == 0 {
        let v = e.shl_imm(x, sh);
        masked(e, v, all & !wrapped)
    } else if m & !wrapped == 0 {
        let v = e.lshr_imm(x, bits - sh);
        masked(e, v, wrapped)
    } else {
        let v = e.rotl_imm(x, sh);
        masked(e, v, all)
    }
}

/// ROTL32 of RS's low word by `n` (an I32, taken mod 32), duplicated into both halves.
/// When the mask `m` that follows keeps no high-word bit (the common non-wrapping
/// `rlwinm`), the duplicate would be masked away, so it is not built.
fn rotl32_dup<E: Emitter>(e: &mut E, rs: usize, n: E::V, m: u64) -> E::V {
    let x = e.get(gpr(rs));
    let w = e.trunc(Ty::I32, x);
    let r = e.rotl(w, n);
    let lo = e.zext(Ty::I64, r);
    if m >> 32 == 0 {
        return lo;
    }
    let hi = e.shl_imm(lo, 32);
    e.or(lo, hi)
}

fn word_mask(a: &M) -> u64 {
    mask64(a.mb + 32, a.me + 32)
}

pub fn trans_rlwinm<E: Emitter>(e: &mut E, a: &M, _cx: &Cx) -> Flow {
    let m = word_mask(a);
    if m >> 32 == 0 {
        // The mask keeps only low-word bits: a 32-bit rotate (or shift) of the low word.
        let x = e.get(gpr(a.rs));
        let w = e.trunc(Ty::I32, x);
        let r = rotl_imm_masked(e, w, a.sh, m, 32);
        let r = e.zext(Ty::I64, r);
        return write_ra(e, a.ra, r, a.rc);
    }
    let n = e.iconst(Ty::I32, a.sh as u64);
    let r = rotl32_dup(e, a.rs, n, m);
    finish_rotate(e, a.ra, r, m, false, a.rc)
}
pub fn trans_rlwnm<E: Emitter>(e: &mut E, a: &M, _cx: &Cx) -> Flow {
    let rb = e.get(gpr(a.rb));
    let n = e.trunc(Ty::I32, rb);
    let n = e.and_imm(n, 31);
    let r = rotl32_dup(e, a.rs, n, word_mask(a));
    finish_rotate(e, a.ra, r, word_mask(a), false, a.rc)
}
pub fn trans_rlwimi<E: Emitter>(e: &mut E, a: &M, _cx: &Cx) -> Flow {
    let n = e.iconst(Ty::I32, a.sh as u64);
    let r = rotl32_dup(e, a.rs, n, word_mask(a));
    finish_rotate(e, a.ra, r, word_mask(a), true, a.rc)
}

/// ROTL64 of RS by the immediate shift.
fn rotl64_imm<E: Emitter>(e: &mut E, a: &Md) -> E::V {
    let x = e.get(gpr(a.rs));
    e.rotl_imm(x, a.sh)
}
/// ROTL64 of RS by RB[58:63].
fn rotl64_rb<E: Emitter>(e: &mut E, a: &Md) -> E::V {
    let x = e.get(gpr(a.rs));
    let n = e.get(gpr(a.rb));
    let n = e.and_imm(n, 63);
    e.rotl(x, n)
}

/// `rldicl RA,RS,SH,MB`: MASK(MB, 63).
pub fn trans_rldicl<E: Emitter>(e: &mut E, a: &Md, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rs));
    let r = rotl_imm_masked(e, x, a.sh, mask64(a.mb, 63), 64);
    write_ra(e, a.ra, r, a.rc)
}
/// `rldicr RA,RS,SH,ME`: MASK(0, ME) (the 6-bit field is ME here).
pub fn trans_rldicr<E: Emitter>(e: &mut E, a: &Md, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rs));
    let r = rotl_imm_masked(e, x, a.sh, mask64(0, a.mb), 64);
    write_ra(e, a.ra, r, a.rc)
}
/// `rldic RA,RS,SH,MB`: MASK(MB, 63 - SH).
pub fn trans_rldic<E: Emitter>(e: &mut E, a: &Md, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rs));
    let r = rotl_imm_masked(e, x, a.sh, mask64(a.mb, 63 - a.sh), 64);
    write_ra(e, a.ra, r, a.rc)
}
/// `rldimi RA,RS,SH,MB`: insert under MASK(MB, 63 - SH).
pub fn trans_rldimi<E: Emitter>(e: &mut E, a: &Md, _cx: &Cx) -> Flow {
    let r = rotl64_imm(e, a);
    finish_rotate(e, a.ra, r, mask64(a.mb, 63 - a.sh), true, a.rc)
}
/// `rldcl RA,RS,RB,MB`: MASK(MB, 63).
pub fn trans_rldcl<E: Emitter>(e: &mut E, a: &Md, _cx: &Cx) -> Flow {
    let r = rotl64_rb(e, a);
    finish_rotate(e, a.ra, r, mask64(a.mb, 63), false, a.rc)
}
/// `rldcr RA,RS,RB,ME`: MASK(0, ME).
pub fn trans_rldcr<E: Emitter>(e: &mut E, a: &Md, _cx: &Cx) -> Flow {
    let r = rotl64_rb(e, a);
    finish_rotate(e, a.ra, r, mask64(0, a.mb), false, a.rc)
}

// ---- shifts ----

/// Writes RA and CR0 on `rc`.
fn write_ra<E: Emitter>(e: &mut E, ra: usize, r: E::V, rc: bool) -> Flow {
    e.set(gpr(ra), r);
    if rc {
        set_cr0(e, r);
    }
    Flow::Next(4)
}

/// `slw`/`srw`: shift the low word by RB[58:63]; 32 or more gives 0. RA[0:31] = 0.
fn shift_word<E: Emitter>(e: &mut E, a: &X, left: bool) -> Flow {
    let x = e.get(gpr(a.rt));
    let w = e.trunc(Ty::I32, x);
    let n = e.get(gpr(a.rb));
    let n = e.and_imm(n, 0x3f);
    let n32 = e.trunc(Ty::I32, n);
    let s = if left { e.shl(w, n32) } else { e.lshr(w, n32) };
    let out = e.icmp_imm(Cmp::Uge, n, 32);
    let zero = e.iconst(Ty::I32, 0);
    let s = e.select(out, zero, s);
    let r = e.zext(Ty::I64, s);
    write_ra(e, a.ra, r, a.rc)
}
pub fn trans_slw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    shift_word(e, a, true)
}
pub fn trans_srw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    shift_word(e, a, false)
}

/// `sld`/`srd`: shift by RB[57:63]; 64 or more gives 0.
fn shift_dword<E: Emitter>(e: &mut E, a: &X, left: bool) -> Flow {
    let x = e.get(gpr(a.rt));
    let n = e.get(gpr(a.rb));
    let n = e.and_imm(n, 0x7f);
    let s = if left { e.shl(x, n) } else { e.lshr(x, n) };
    let out = e.icmp_imm(Cmp::Uge, n, 64);
    let zero = e.iconst(Ty::I64, 0);
    let r = e.select(out, zero, s);
    write_ra(e, a.ra, r, a.rc)
}
pub fn trans_sld<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    shift_dword(e, a, true)
}
pub fn trans_srd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    shift_dword(e, a, false)
}

/// The algebraic right shifts: RA = `x` >> `n` (arithmetic, `n` an I64 already in 0..=63),
/// CA = CA32 = (`x` < 0 and any 1 bits shifted out, i.e. `x & out_mask` != 0).
fn shift_algebraic<E: Emitter>(e: &mut E, ra: usize, x: E::V, n: E::V, out_mask: E::V, rc: bool) -> Flow {
    let r = e.ashr(x, n);
    let neg = e.icmp_imm(Cmp::Slt, x, 0);
    let lost = e.and(x, out_mask);
    let lost = e.icmp_imm(Cmp::Ne, lost, 0);
    let ca = e.and(neg, lost);
    e.set(XER_CA, ca);
    e.set(XER_CA32, ca);
    write_ra(e, ra, r, rc)
}

/// Ones in the low `n` bits (`n` an I64 in 0..=63).
fn low_ones<E: Emitter>(e: &mut E, n: E::V) -> E::V {
    let one = e.iconst(Ty::I64, 1);
    let bit = e.shl(one, n);
    e.add_imm(bit, -1)
}

/// `sraw`: the sign-extended low word shifted by RB[58:63]. Shifting the sign-extended word
/// by 32..63 leaves only sign bits, which is the architected result for those amounts, and
/// the shifted-out bits then include the whole word.
pub fn trans_sraw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rt));
    let w = e.trunc(Ty::I32, x);
    let x = e.sext(Ty::I64, w);
    let n = e.get(gpr(a.rb));
    let n = e.and_imm(n, 0x3f);
    let m = low_ones(e, n);
    shift_algebraic(e, a.ra, x, n, m, a.rc)
}
pub fn trans_srawi<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    // SH is the RB field.
    let x = e.get(gpr(a.rt));
    let w = e.trunc(Ty::I32, x);
    let x = e.sext(Ty::I64, w);
    let n = e.iconst(Ty::I64, a.rb as u64);
    let m = e.iconst(Ty::I64, (1u64 << a.rb) - 1);
    shift_algebraic(e, a.ra, x, n, m, a.rc)
}
/// `srad`: shift by RB[57:63]; 64 or more leaves only sign bits and shifts out everything.
pub fn trans_srad<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rt));
    let n = e.get(gpr(a.rb));
    let n = e.and_imm(n, 0x7f);
    let out = e.icmp_imm(Cmp::Uge, n, 64);
    let c63 = e.iconst(Ty::I64, 63);
    let amt = e.select(out, c63, n);
    let m = low_ones(e, amt);
    let all = e.iconst(Ty::I64, u64::MAX);
    let m = e.select(out, all, m);
    shift_algebraic(e, a.ra, x, amt, m, a.rc)
}
pub fn trans_sradi<E: Emitter>(e: &mut E, a: &Xs, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rs));
    let n = e.iconst(Ty::I64, a.sh as u64);
    let m = e.iconst(Ty::I64, (1u64 << a.sh).wrapping_sub(1));
    shift_algebraic(e, a.ra, x, n, m, a.rc)
}

/// `extswsli RA,RS,SH` (ISA 3.0): RA = EXTS(RS[32:63]) << SH.
pub fn trans_extswsli<E: Emitter>(e: &mut E, a: &Xs, _cx: &Cx) -> Flow {
    let x = e.get(gpr(a.rs));
    let w = e.trunc(Ty::I32, x);
    let x = e.sext(Ty::I64, w);
    let r = e.shl_imm(x, a.sh);
    write_ra(e, a.ra, r, a.rc)
}
