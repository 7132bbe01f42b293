//! Condition Register instructions: the CR logical operations and `mcrf` (Power ISA 3.0B Book I
//! §2.5), and the CR moves of §3.3.17: `mtcrf`/`mtocrf`, `mfcr`/`mfocrf`, `mcrxrx`, `setb`.
//!
//! CR is stored as eight 4-bit fields (see [`crate::state`]); CR bit n (book numbering, 0 =
//! CR0[LT]) is bit `3 - n % 4` of field `n / 4`. `mcrxr` is not part of 64-bit ISA 3.0 and
//! stays undecoded (illegal instruction).

use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};

/// Reads CR bit `n` (0 = CR0 LT) as an I8 0/1.
pub fn get_cr_bit<E: Emitter>(e: &mut E, n: u32) -> E::V {
    let f = e.get(cr_field((n / 4) as usize));
    e.bit(f, 3 - n % 4)
}

/// Writes CR bit `n` from an I8 0/1.
pub fn set_cr_bit<E: Emitter>(e: &mut E, n: u32, v: E::V) {
    let slot = cr_field((n / 4) as usize);
    let sh = 3 - n % 4;
    let f = e.get(slot);
    let f = e.and_imm(f, !(1u64 << sh) & 0xf);
    let b = e.shl_imm(v, sh);
    let f = e.or(f, b);
    e.set(slot, f);
}

// ---- CR logical (§2.5.1) ----

/// CR[BT] = op(CR[BA], CR[BB]) on I8 0/1 values (the result is masked back to one bit).
fn cr_logical<E: Emitter>(e: &mut E, a: &Xl, op: impl FnOnce(&mut E, E::V, E::V) -> E::V) -> Flow {
    let x = get_cr_bit(e, a.ba);
    let y = get_cr_bit(e, a.bb);
    let r = op(e, x, y);
    let r = e.and_imm(r, 1);
    set_cr_bit(e, a.bt, r);
    Flow::Next(4)
}

pub fn trans_crand<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| e.and(x, y))
}
pub fn trans_crnand<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| {
        let r = e.and(x, y);
        e.not(r)
    })
}
pub fn trans_cror<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| e.or(x, y))
}
pub fn trans_crxor<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| e.xor(x, y))
}
pub fn trans_crnor<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| {
        let r = e.or(x, y);
        e.not(r)
    })
}
pub fn trans_creqv<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| {
        let r = e.xor(x, y);
        e.not(r)
    })
}
pub fn trans_crandc<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| {
        let ny = e.not(y);
        e.and(x, ny)
    })
}
pub fn trans_crorc<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    cr_logical(e, a, |e, x, y| {
        let ny = e.not(y);
        e.or(x, ny)
    })
}

/// `mcrf BF,BFA`: CR field BF = CR field BFA.
pub fn trans_mcrf<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    let f = e.get(cr_field(a.bfa));
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

// ---- CR moves (§3.3.17) ----

/// `mcrxrx BF` (ISA 3.0): CR field BF = OV || OV32 || CA || CA32.
pub fn trans_mcrxrx<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let mut f = e.iconst(Ty::I8, 0);
    for (slot, sh) in [(XER_OV, 3), (XER_OV32, 2), (XER_CA, 1), (XER_CA32, 0)] {
        let b = e.get(slot);
        let b = e.shl_imm(b, sh);
        f = e.or(f, b);
    }
    e.set(cr_field(a.bf), f);
    Flow::Next(4)
}

/// `setb RT,BFA` (ISA 3.0): RT = -1 if CR[BFA].LT, else 1 if CR[BFA].GT, else 0.
pub fn trans_setb<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let f = e.get(cr_field(a.bfa));
    let lt = e.bit(f, 3);
    let gt = e.bit(f, 2);
    let one = e.iconst(Ty::I64, 1);
    let zero = e.iconst(Ty::I64, 0);
    let m1 = e.iconst(Ty::I64, u64::MAX);
    let r = e.select(gt, one, zero);
    let r = e.select(lt, m1, r);
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}

/// CR field `i` (0..8) of a 32-bit CR image held in the low word of `v`.
fn field_of<E: Emitter>(e: &mut E, v: E::V, i: usize) -> E::V {
    let s = e.lshr_imm(v, 28 - 4 * i as u32);
    let s = e.trunc(Ty::I8, s);
    e.and_imm(s, 0xf)
}

/// The single field an `mtocrf`/`mfocrf` FXM selects, or `None` when FXM is not one-hot (an
/// undefined form: QEMU 7.2, like this code, then leaves the target unchanged).
fn one_field(fxm: u32) -> Option<usize> {
    (fxm.count_ones() == 1).then(|| fxm.leading_zeros() as usize - 24)
}

/// `mtcrf FXM,RS` / `mtocrf FXM,RS`: CR fields selected by FXM (bit 0 = CR0) from RS[32:63].
pub fn trans_mtcrf<E: Emitter>(e: &mut E, a: &Xfx, _cx: &Cx) -> Flow {
    let fields: Vec<usize> = if a.one {
        one_field(a.fxm).into_iter().collect()
    } else {
        (0..8).filter(|i| a.fxm & (0x80 >> i) != 0).collect()
    };
    let rs = e.get(gpr(a.rt));
    for i in fields {
        let f = field_of(e, rs, i);
        e.set(cr_field(i), f);
    }
    Flow::Next(4)
}

/// `mfcr RT` / `mfocrf RT,FXM`: RT = 32 zeros || CR, or for `mfocrf` the one selected field in
/// place and zeros elsewhere (the book leaves the other bits undefined).
pub fn trans_mfcr<E: Emitter>(e: &mut E, a: &Xfx, _cx: &Cx) -> Flow {
    let fields: Vec<usize> = if a.one { one_field(a.fxm).into_iter().collect() } else { (0..8).collect() };
    if fields.is_empty() {
        return Flow::Next(4);
    }
    let mut r = e.iconst(Ty::I64, 0);
    for i in fields {
        let f = e.get(cr_field(i));
        let f = e.zext(Ty::I64, f);
        let f = e.shl_imm(f, 28 - 4 * i as u32);
        r = e.or(r, f);
    }
    e.set(gpr(a.rt), r);
    Flow::Next(4)
}
