//! Fixed-point logical, count, extend, permute and select instructions (Power ISA 3.0B Book I
//! §3.3.12-3.3.13): `and`..`eqv` and the immediate forms, `exts*`, `cntlz*`/`cnttz*`,
//! `popcnt*`, `prty*`, `cmpb`, `bpermd`, `isel`.
//!
//! X-form logical instructions name their registers RS (bits 6:10, `X::rt`), RA (the target,
//! bits 11:15) and RB. Every Rc=1 form sets CR0 from the 64-bit result.

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Ty};

/// Writes RA and, on `rc`, CR0.
fn write_ra<E: Emitter>(e: &mut E, ra: usize, r: E::V, rc: bool) -> Flow {
    e.set(gpr(ra), r);
    if rc {
        set_cr0(e, r);
    }
    Flow::Next(4)
}

/// RA = op(RS, RB) for the X-form two-operand logical instructions.
fn logical_x<E: Emitter>(e: &mut E, a: &X, op: impl FnOnce(&mut E, E::V, E::V) -> E::V) -> Flow {
    let x = e.get(gpr(a.rt));
    let y = e.get(gpr(a.rb));
    let r = op(e, x, y);
    write_ra(e, a.ra, r, a.rc)
}

/// RA = op(RS) for the X-form one-operand instructions (extend, count).
fn unary_x<E: Emitter>(e: &mut E, a: &X, op: impl FnOnce(&mut E, E::V) -> E::V) -> Flow {
    let x = e.get(gpr(a.rt));
    let r = op(e, x);
    write_ra(e, a.ra, r, a.rc)
}

/// D-form logical immediates: RA = op(RS, imm); `and` immediates always record CR0.
fn logical_d<E: Emitter>(e: &mut E, a: &D, imm: u64, rc: bool, op: impl FnOnce(&mut E, E::V, E::V) -> E::V) -> Flow {
    let x = e.get(gpr(a.rt));
    let y = e.iconst(Ty::I64, imm);
    let r = op(e, x, y);
    write_ra(e, a.ra, r, rc)
}

// ---- immediate forms ----

pub fn trans_andi_<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    logical_d(e, a, a.ui, true, |e, x, y| e.and(x, y))
}
pub fn trans_andis_<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    logical_d(e, a, a.ui << 16, true, |e, x, y| e.and(x, y))
}
pub fn trans_ori<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    logical_d(e, a, a.ui, false, |e, x, y| e.or(x, y))
}
pub fn trans_oris<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    logical_d(e, a, a.ui << 16, false, |e, x, y| e.or(x, y))
}
pub fn trans_xori<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    logical_d(e, a, a.ui, false, |e, x, y| e.xor(x, y))
}
pub fn trans_xoris<E: Emitter>(e: &mut E, a: &D, _cx: &Cx) -> Flow {
    logical_d(e, a, a.ui << 16, false, |e, x, y| e.xor(x, y))
}

// ---- register forms ----

pub fn trans_and<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| e.and(x, y))
}
pub fn trans_andc<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| {
        let ny = e.not(y);
        e.and(x, ny)
    })
}
pub fn trans_nand<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| {
        let r = e.and(x, y);
        e.not(r)
    })
}

/// PPR[11:13] (the thread priority) as a shift into the 64-bit PPR.
const PPR_PRIORITY_SHIFT: u32 = 50;

/// `or`; `or Rx,Rx,Rx` with Rc=0 is also the priority hint of Book II §3.2 for the three
/// problem-state priorities (1: low, 6: medium-low, 2: medium), which set PPR[PRI]. The other
/// hint registers need privilege and are plain no-ops here.
pub fn trans_or<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    if a.rt == a.ra && a.ra == a.rb && !a.rc {
        let pri = match a.rt {
            1 => Some(2u64),
            6 => Some(3),
            2 => Some(4),
            _ => None,
        };
        if let Some(p) = pri {
            let ppr = e.get(PPR);
            let ppr = e.and_imm(ppr, !(7u64 << PPR_PRIORITY_SHIFT));
            let ppr = e.or_imm(ppr, p << PPR_PRIORITY_SHIFT);
            e.set(PPR, ppr);
        }
        return Flow::Next(4);
    }
    logical_x(e, a, |e, x, y| e.or(x, y))
}
pub fn trans_orc<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| {
        let ny = e.not(y);
        e.or(x, ny)
    })
}
pub fn trans_nor<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| {
        let r = e.or(x, y);
        e.not(r)
    })
}
pub fn trans_xor<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| e.xor(x, y))
}
pub fn trans_eqv<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, x, y| {
        let r = e.xor(x, y);
        e.not(r)
    })
}

// ---- extend ----

fn extend<E: Emitter>(e: &mut E, a: &X, from: Ty) -> Flow {
    unary_x(e, a, |e, x| {
        let t = e.trunc(from, x);
        e.sext(Ty::I64, t)
    })
}
pub fn trans_extsb<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    extend(e, a, Ty::I8)
}
pub fn trans_extsh<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    extend(e, a, Ty::I16)
}
pub fn trans_extsw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    extend(e, a, Ty::I32)
}

// ---- count leading / trailing zeros, population count, parity ----

/// `op` applied to the low word of RS, zero-extended (the word counts).
fn word_count<E: Emitter>(e: &mut E, a: &X, op: impl FnOnce(&mut E, E::V) -> E::V) -> Flow {
    unary_x(e, a, |e, x| {
        let w = e.trunc(Ty::I32, x);
        let c = op(e, w);
        e.zext(Ty::I64, c)
    })
}
pub fn trans_cntlzw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    word_count(e, a, |e, w| e.clz(w))
}
pub fn trans_cnttzw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    word_count(e, a, |e, w| e.ctz(w))
}
pub fn trans_cntlzd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| e.clz(x))
}
pub fn trans_cnttzd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| e.ctz(x))
}

/// One step of a SWAR population count: fields of `2*width` bits get the sum of their halves.
fn pop_step<E: Emitter>(e: &mut E, x: E::V, width: u32, mask: u64) -> E::V {
    let lo = e.and_imm(x, mask);
    let hi = e.lshr_imm(x, width);
    let hi = e.and_imm(hi, mask);
    e.add(lo, hi)
}

/// Per-byte population counts of `x` (each byte of the result counts that byte's ones).
fn pop_bytes<E: Emitter>(e: &mut E, x: E::V) -> E::V {
    let x = pop_step(e, x, 1, 0x5555_5555_5555_5555);
    let x = pop_step(e, x, 2, 0x3333_3333_3333_3333);
    pop_step(e, x, 4, 0x0f0f_0f0f_0f0f_0f0f)
}

pub fn trans_popcntb<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| pop_bytes(e, x))
}
pub fn trans_popcntw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| {
        let x = pop_bytes(e, x);
        let x = pop_step(e, x, 8, 0x00ff_00ff_00ff_00ff);
        pop_step(e, x, 16, 0x0000_ffff_0000_ffff)
    })
}
pub fn trans_popcntd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| e.popcnt(x))
}

/// `prtyw`: each word of RA = parity of the low bits of that word's four bytes.
pub fn trans_prtyw<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| {
        let x = e.and_imm(x, 0x0101_0101_0101_0101);
        let s = e.lshr_imm(x, 16);
        let x = e.xor(x, s);
        let s = e.lshr_imm(x, 8);
        let x = e.xor(x, s);
        e.and_imm(x, 0x0000_0001_0000_0001)
    })
}
/// `prtyd`: RA = parity of the low bits of RS's eight bytes.
pub fn trans_prtyd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    unary_x(e, a, |e, x| {
        let mut x = e.and_imm(x, 0x0101_0101_0101_0101);
        for sh in [32, 16, 8] {
            let s = e.lshr_imm(x, sh);
            x = e.xor(x, s);
        }
        e.and_imm(x, 1)
    })
}

// ---- compare bytes, permute bits, select ----

/// `cmpb RA,RS,RB`: each byte of RA is 0xff where the bytes of RS and RB are equal, else 0.
pub fn trans_cmpb<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    logical_x(e, a, |e, x, y| {
        let d = e.xor(x, y);
        // Per byte: the top bit of ((d & 0x7f) + 0x7f) | d is set iff the byte is nonzero
        // (no carry crosses a byte: 0x7f + 0x7f < 0x100).
        let t = e.and_imm(d, LOW7);
        let t = e.add_imm(t, LOW7 as i64);
        let t = e.or(t, d);
        let t = e.and_imm(t, !LOW7);
        let t = e.lshr_imm(t, 7);
        let ff = e.iconst(Ty::I64, 0xff);
        let nonzero = e.mul(t, ff);
        e.not(nonzero)
    })
}

/// `bpermd RA,RS,RB`: for each byte i of RS (i = 0 most significant), bit RB[index] (book
/// numbering) if index < 64, else 0, gathered into RA[56:63] in byte order.
pub fn trans_bpermd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    logical_x(e, a, |e, rs, rb| {
        let mut r = e.iconst(Ty::I64, 0);
        for i in 0..8u32 {
            let idx = e.lshr_imm(rs, 8 * (7 - i));
            let idx = e.and_imm(idx, 0xff);
            // Book bit `idx` is bit 63 - idx counting from the least significant end.
            let c63 = e.iconst(Ty::I64, 63);
            let sh = e.sub(c63, idx);
            let b = e.lshr(rb, sh);
            let b = e.and_imm(b, 1);
            let in_range = e.icmp_imm(Cmp::Ult, idx, 64);
            let zero = e.iconst(Ty::I64, 0);
            let b = e.select(in_range, b, zero);
            let b = e.shl_imm(b, 7 - i);
            r = e.or(r, b);
        }
        r
    })
}

/// `isel RT,RA,RB,BC`: RT = CR bit BC ? (RA|0) : RB.
pub fn trans_isel<E: Emitter>(e: &mut E, a: &A, _cx: &Cx) -> Flow {
    let f = e.get(cr_field(a.rc / 4));
    let c = e.bit(f, 3 - (a.rc as u32 % 4));
    let x = ra_or_zero(e, a.ra);
    let y = e.get(gpr(a.rb));
    let r = e.select(c, x, y);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}
