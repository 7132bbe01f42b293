//! Vector-scalar facility (VSX, Power ISA 3.0B Book I ch. 7): loads and stores, moves to and
//! from GPRs, logical operations, permutes and splats, and the sign/format bit operations on
//! scalars that raise no floating-point status.
//!
//! Register fields are 6-bit VSR numbers (the forms fold TX/AX/BX/CX in). Byte order in
//! storage follows each instruction's definition (§7.3.1 "VSX Storage Access"):
//! - `lxvd2x`/`lxvw4x`/`lxvh8x` load elements one by one, each in the data byte order, so in
//!   little-endian mode the element order is the big-endian one and only the bytes within an
//!   element are reversed. `lxvb16x` is the same for bytes, so it never depends on MSR[LE].
//! - `lxv`/`lxvx` (and the stores) access the 16 bytes as one integer in the data byte order,
//!   like `lvx`: in little-endian mode the byte at EA is byte 15 of the register.
//! - `lxvl`/`stxvl` access the leftmost `nb` bytes of the register (big-endian) or the
//!   rightmost `nb` in reverse (little-endian); `lxvll`/`stxvll` always the leftmost.
//!
//! Where the book leaves parts of a target undefined (doubleword 1 of scalar loads and moves
//! of v2.06/v2.07), they keep their value; v3.0 instructions that define them as 0 write 0.

use crate::common::*;
use crate::forms::*;
use crate::load_store::{ea_disp, ea_indexed};
use crate::state::*;
use crate::vmx::{call_regs, const128, extract, splat};
use crate::vmx_helpers as vh;
use crate::vsx_helpers as xh;
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Cmp, Emitter, Endian, Ty};

// ---- shared pieces ----

/// Doubleword 0 (high) of an I128.
pub(crate) fn high64<E: Emitter>(e: &mut E, v: E::V) -> E::V {
    let h = e.lshr_imm(v, 64);
    e.trunc(Ty::I64, h)
}

/// Builds an I128 from `n` elements of `w` bits (book order, element 0 first), each an
/// integer value of any type no wider than 64 bits.
fn from_elems<E: Emitter>(e: &mut E, elems: &[E::V], w: u32) -> E::V {
    let mut acc = e.iconst(Ty::I128, 0);
    for (i, &x) in elems.iter().enumerate() {
        let x = e.zext(Ty::I128, x);
        let x = e.shl_imm(x, 128 - w * (i as u32 + 1));
        acc = e.or(acc, x);
    }
    acc
}

/// Element `i` of width `w` of the I128 `v`, as a value of type `ty` (w bits).
fn elem_as<E: Emitter>(e: &mut E, v: E::V, w: u32, i: u32) -> E::V {
    let s = e.lshr_imm(v, 128 - w * (i + 1));
    e.trunc(Ty::from_bytes(w as usize / 8), s)
}

// ---- vector loads and stores (§7.6.1) ----

/// `lxvd2x`, `lxvw4x`, `lxvh8x`, `lxvb16x`: elements of `w` bits from EA, EA+w/8, ... each
/// in the data byte order.
pub fn ld_elems<E: Emitter>(e: &mut E, a: &X, cx: &Cx, w: u32) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let v = if w == 8 {
        // Byte i from EA+i: one big-endian quadword, whatever MSR[LE].
        e.load(Ty::I128, ea, Endian::Big)
    } else {
        let ty = Ty::from_bytes(w as usize / 8);
        let mut elems = Vec::new();
        for i in 0..128 / w {
            let addr = e.add_imm(ea, (i * w / 8) as i64);
            elems.push(e.load(ty, addr, cx.endian));
        }
        from_elems(e, &elems, w)
    };
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}

/// `stxvd2x`, `stxvw4x`, `stxvh8x`, `stxvb16x`.
pub fn st_elems<E: Emitter>(e: &mut E, a: &X, cx: &Cx, w: u32) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let v = e.get(vsr(a.xt));
    if w == 8 {
        e.store(Ty::I128, ea, v, Endian::Big);
    } else {
        let ty = Ty::from_bytes(w as usize / 8);
        for i in 0..128 / w {
            let x = elem_as(e, v, w, i);
            let addr = e.add_imm(ea, (i * w / 8) as i64);
            e.store(ty, addr, x, cx.endian);
        }
    }
    Flow::Next(4)
}

/// `lxvx XT,RA,RB`: the quadword at EA in the data byte order.
pub fn trans_lxvx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let v = e.load(Ty::I128, ea, cx.endian);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}
/// `stxvx XS,RA,RB`.
pub fn trans_stxvx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let v = e.get(vsr(a.xt));
    e.store(Ty::I128, ea, v, cx.endian);
    Flow::Next(4)
}
/// `lxv XT,DQ(RA)`.
pub fn trans_lxv<E: Emitter>(e: &mut E, a: &Dq, cx: &Cx) -> Flow {
    let ea = ea_disp(e, a.ra, a.dq);
    let v = e.load(Ty::I128, ea, cx.endian);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}
/// `stxv XS,DQ(RA)`.
pub fn trans_stxv<E: Emitter>(e: &mut E, a: &Dq, cx: &Cx) -> Flow {
    let ea = ea_disp(e, a.ra, a.dq);
    let v = e.get(vsr(a.xt));
    e.store(Ty::I128, ea, v, cx.endian);
    Flow::Next(4)
}

/// `lxvdsx`: the doubleword at EA into both doublewords.
pub fn trans_lxvdsx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let d = e.load(Ty::I64, ea, cx.endian);
    let v = e.concat(d, d);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}
/// `lxvwsx` (v3.0): the word at EA into all four words.
pub fn trans_lxvwsx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let w = e.load(Ty::I32, ea, cx.endian);
    let w = e.zext(Ty::I128, w);
    let v = splat(e, w, 32);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}

/// The byte count of `lxvl`/`stxvl`: bits 0:7 of RB, at most 16.
fn length_of<E: Emitter>(e: &mut E, rb: usize) -> E::V {
    let v = e.get(gpr(rb));
    let nb = e.lshr_imm(v, 56);
    let big = e.icmp_imm(Cmp::Ugt, nb, 16);
    let sixteen = e.iconst(Ty::I64, 16);
    e.select(big, sixteen, nb)
}

/// Bit position (from the least significant end) of register byte `k` (an I64): byte k of a
/// left-justified access is register byte k (big-endian numbering); of a right-justified one
/// (`lxvl`/`stxvl` in little-endian mode), register byte 15-k.
fn byte_shift<E: Emitter>(e: &mut E, k: E::V, left: bool) -> E::V {
    let from_lsb = if left {
        let c = e.iconst(Ty::I64, 15);
        e.sub(c, k)
    } else {
        k
    };
    let bits = e.shl_imm(from_lsb, 3);
    e.zext(Ty::I128, bits)
}

/// `lxvl`/`lxvll`: exactly `nb` bytes are read (fewer accesses would fault differently), so
/// with nb = 0 the instruction ends early, having only zeroed XT. Otherwise byte i is read
/// from EA + min(i, nb-1) (lanes past nb re-read the last byte and are discarded).
fn ld_length<E: Emitter>(e: &mut E, a: &X, cx: &Cx, left: bool) -> Flow {
    let ea = ra_or_zero(e, a.ra);
    let nb = length_of(e, a.rb);
    let zero = e.iconst(Ty::I128, 0);
    e.set(vsr(a.xt), zero);
    let none = e.icmp_imm(Cmp::Eq, nb, 0);
    e.exit_if(none, cx.next());
    let last = e.add_imm(nb, -1);
    let mut acc = e.iconst(Ty::I128, 0);
    for i in 0..16u64 {
        let ic = e.iconst(Ty::I64, i);
        let live = e.icmp(Cmp::Ult, ic, nb);
        let k = e.select(live, ic, last);
        let addr = e.add(ea, k);
        let b = e.load(Ty::I8, addr, cx.endian);
        let b = e.zext(Ty::I128, b);
        let z = e.iconst(Ty::I128, 0);
        let b = e.select(live, b, z);
        let sh = byte_shift(e, ic, left);
        let b = e.shl(b, sh);
        acc = e.or(acc, b);
    }
    e.set(vsr(a.xt), acc);
    Flow::Next(4)
}

/// `stxvl`/`stxvll`: writes exactly `nb` bytes; lanes past nb rewrite the last byte with its
/// own value. With nb = 0 nothing is accessed.
fn st_length<E: Emitter>(e: &mut E, a: &X, cx: &Cx, left: bool) -> Flow {
    let ea = ra_or_zero(e, a.ra);
    let nb = length_of(e, a.rb);
    let none = e.icmp_imm(Cmp::Eq, nb, 0);
    e.exit_if(none, cx.next());
    let last = e.add_imm(nb, -1);
    let v = e.get(vsr(a.xt));
    for i in 0..16u64 {
        let ic = e.iconst(Ty::I64, i);
        let live = e.icmp(Cmp::Ult, ic, nb);
        let k = e.select(live, ic, last);
        let sh = byte_shift(e, k, left);
        let b = e.lshr(v, sh);
        let b = e.trunc(Ty::I8, b);
        let addr = e.add(ea, k);
        e.store(Ty::I8, addr, b, cx.endian);
    }
    Flow::Next(4)
}

/// `lxvl XT,RA,RB` (v3.0).
pub fn trans_lxvl<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    ld_length(e, a, cx, cx.endian == Endian::Big)
}
/// `lxvll XT,RA,RB` (v3.0): left-justified in both modes.
pub fn trans_lxvll<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    ld_length(e, a, cx, true)
}
/// `stxvl XS,RA,RB` (v3.0).
pub fn trans_stxvl<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    st_length(e, a, cx, cx.endian == Endian::Big)
}
/// `stxvll XS,RA,RB` (v3.0).
pub fn trans_stxvll<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    st_length(e, a, cx, true)
}

// ---- scalar loads and stores (§7.6.1) ----

/// How a scalar load fills doubleword 1 of the target.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dw1 {
    /// Undefined in the book (v2.06/v2.07 loads): left as it was.
    Keep,
    /// Defined as zero (v3.0 loads).
    Zero,
}

/// Writes doubleword 0 of VSR `xt`, and doubleword 1 as `dw1` says.
fn set_scalar<E: Emitter>(e: &mut E, xt: usize, d: E::V, dw1: Dw1) {
    match dw1 {
        Dw1::Keep => e.set(vsr_dw0(xt), d),
        Dw1::Zero => {
            let z = e.iconst(Ty::I64, 0);
            let v = e.concat(z, d);
            e.set(vsr(xt), v);
        }
    }
}

/// Integer scalar loads into doubleword 0: `lxsdx` (64), `lxsiwzx`/`lxsiwax` (32, zero- or
/// sign-extended), `lxsibzx`/`lxsihzx` (8/16, v3.0).
pub fn ld_scalar_x<E: Emitter>(e: &mut E, a: &X, cx: &Cx, ty: Ty, signed: bool, dw1: Dw1) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let v = e.load(ty, ea, cx.endian);
    let d = if signed { e.sext(Ty::I64, v) } else { e.zext(Ty::I64, v) };
    set_scalar(e, a.xt, d, dw1);
    Flow::Next(4)
}

/// Integer scalar stores of the low `ty` bits of doubleword 0: `stxsdx`, `stxsiwx`,
/// `stxsibx`, `stxsihx`.
pub fn st_scalar_x<E: Emitter>(e: &mut E, a: &X, cx: &Cx, ty: Ty) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let d = e.get(vsr_dw0(a.xt));
    let v = e.trunc(ty, d);
    e.store(ty, ea, v, cx.endian);
    Flow::Next(4)
}

/// Converts the single-precision word `w` (I32) to double format (`lfs` rules).
fn single_to_double<E: Emitter>(e: &mut E, w: E::V) -> E::V {
    let w = e.zext(Ty::I64, w);
    e.call(&helper!(xh::helper_sp_to_dp, 1, false), &[w])
}
/// Converts the double-format doubleword `d` to single (`stfs` rules), as an I32.
fn double_to_single<E: Emitter>(e: &mut E, d: E::V) -> E::V {
    let s = e.call(&helper!(xh::helper_dp_to_sp, 1, false), &[d]);
    e.trunc(Ty::I32, s)
}

/// `lxsspx XT,RA,RB`: a single from EA, converted to double format.
pub fn trans_lxsspx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let w = e.load(Ty::I32, ea, cx.endian);
    let d = single_to_double(e, w);
    set_scalar(e, a.xt, d, Dw1::Keep);
    Flow::Next(4)
}
/// `stxsspx XS,RA,RB`.
pub fn trans_stxsspx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let d = e.get(vsr_dw0(a.xt));
    let w = double_to_single(e, d);
    e.store(Ty::I32, ea, w, cx.endian);
    Flow::Next(4)
}

/// `lxsd VRT,DS(RA)` (v3.0): doubleword 0 of VSR 32+VRT from EA, doubleword 1 ← 0.
pub fn trans_lxsd<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    let d = e.load(Ty::I64, ea, cx.endian);
    set_scalar(e, 32 + a.rt, d, Dw1::Zero);
    Flow::Next(4)
}
/// `stxsd VRS,DS(RA)` (v3.0).
pub fn trans_stxsd<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    let d = e.get(vsr_dw0(32 + a.rt));
    e.store(Ty::I64, ea, d, cx.endian);
    Flow::Next(4)
}
/// `lxssp VRT,DS(RA)` (v3.0): a single from EA in double format, doubleword 1 ← 0.
pub fn trans_lxssp<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    let w = e.load(Ty::I32, ea, cx.endian);
    let d = single_to_double(e, w);
    set_scalar(e, 32 + a.rt, d, Dw1::Zero);
    Flow::Next(4)
}
/// `stxssp VRS,DS(RA)` (v3.0).
pub fn trans_stxssp<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    let d = e.get(vsr_dw0(32 + a.rt));
    let w = double_to_single(e, d);
    e.store(Ty::I32, ea, w, cx.endian);
    Flow::Next(4)
}

// ---- moves between GPRs and VSRs (§7.6.1.x, v2.07/v3.0) ----

/// `mfvsrd RA,XS`: RA ← doubleword 0 of XS.
pub fn trans_mfvsrd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(vsr_dw0(a.xt));
    e.set(gpr(a.ra), d);
    Flow::Next(4)
}
/// `mfvsrwz RA,XS`: RA ← word 1 of XS (the low word of doubleword 0), zero-extended.
pub fn trans_mfvsrwz<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(vsr_dw0(a.xt));
    let w = e.and_imm(d, 0xffff_ffff);
    e.set(gpr(a.ra), w);
    Flow::Next(4)
}
/// `mfvsrld RA,XS` (v3.0): RA ← doubleword 1 of XS.
pub fn trans_mfvsrld<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(vsr_dw1(a.xt));
    e.set(gpr(a.ra), d);
    Flow::Next(4)
}
/// `mtvsrd XT,RA`: doubleword 0 ← RA (doubleword 1 undefined: kept).
pub fn trans_mtvsrd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(gpr(a.ra));
    e.set(vsr_dw0(a.xt), d);
    Flow::Next(4)
}
/// `mtvsrwa XT,RA`: doubleword 0 ← the low word of RA sign-extended.
pub fn trans_mtvsrwa<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(gpr(a.ra));
    let w = e.trunc(Ty::I32, d);
    let d = e.sext(Ty::I64, w);
    e.set(vsr_dw0(a.xt), d);
    Flow::Next(4)
}
/// `mtvsrwz XT,RA`: doubleword 0 ← the low word of RA zero-extended.
pub fn trans_mtvsrwz<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(gpr(a.ra));
    let d = e.and_imm(d, 0xffff_ffff);
    e.set(vsr_dw0(a.xt), d);
    Flow::Next(4)
}
/// `mtvsrdd XT,RA,RB` (v3.0): XT ← (RA|0) || RB.
pub fn trans_mtvsrdd<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let hi = ra_or_zero(e, a.ra);
    let lo = e.get(gpr(a.rb));
    let v = e.concat(lo, hi);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}
/// `mtvsrws XT,RA` (v3.0): every word ← the low word of RA.
pub fn trans_mtvsrws<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let d = e.get(gpr(a.ra));
    let w = e.trunc(Ty::I32, d);
    let w = e.zext(Ty::I128, w);
    let v = splat(e, w, 32);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}

// ---- logical (§7.6.3) ----

fn xx_logical<E: Emitter>(e: &mut E, a: &Xx, f: fn(&mut E, E::V, E::V) -> E::V) -> Flow {
    let x = e.get(vsr(a.xa));
    let y = e.get(vsr(a.xb));
    let r = f(e, x, y);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}
pub fn trans_xxland<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| e.and(x, y))
}
pub fn trans_xxlandc<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| {
        let ny = e.not(y);
        e.and(x, ny)
    })
}
pub fn trans_xxlor<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| e.or(x, y))
}
pub fn trans_xxlxor<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| e.xor(x, y))
}
pub fn trans_xxlnor<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| {
        let r = e.or(x, y);
        e.not(r)
    })
}
pub fn trans_xxlorc<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| {
        let ny = e.not(y);
        e.or(x, ny)
    })
}
pub fn trans_xxlnand<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| {
        let r = e.and(x, y);
        e.not(r)
    })
}
pub fn trans_xxleqv<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xx_logical(e, a, |e, x, y| {
        let r = e.xor(x, y);
        e.not(r)
    })
}

/// `xxsel XT,XA,XB,XC`: each bit from XB where XC has a 1, else from XA.
pub fn trans_xxsel<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(vsr(a.xa));
    let y = e.get(vsr(a.xb));
    let c = e.get(vsr(a.xc));
    let nc = e.not(c);
    let from_a = e.and(x, nc);
    let from_b = e.and(y, c);
    let r = e.or(from_a, from_b);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}

// ---- permute, merge, splat (§7.6.4) ----

/// `xxpermdi XT,XA,XB,DM`: doubleword 0 ← XA.dword[DM bit 0], doubleword 1 ← XB.dword[DM
/// bit 1] (also `xxmrghd`, `xxmrgld`, `xxswapd`, `xxspltd`).
pub fn trans_xxpermdi<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(vsr(a.xa));
    let y = e.get(vsr(a.xb));
    let hi = if a.dm & 2 == 0 { high64(e, x) } else { e.trunc(Ty::I64, x) };
    let lo = if a.dm & 1 == 0 { high64(e, y) } else { e.trunc(Ty::I64, y) };
    let r = e.concat(lo, hi);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}

/// `xxsldwi XT,XA,XB,SHW`: words SHW..SHW+3 of XA || XB.
pub fn trans_xxsldwi<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(vsr(a.xa));
    let r = if a.dm == 0 {
        x
    } else {
        let y = e.get(vsr(a.xb));
        let hi = e.shl_imm(x, 32 * a.dm);
        let lo = e.lshr_imm(y, 128 - 32 * a.dm);
        e.or(hi, lo)
    };
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}

/// `xxmrghw`/`xxmrglw`: the VMX word merges on full VSR numbers.
pub fn trans_xxmrghw<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vh::vmrghw, 3, false), &[a.xt, a.xa, a.xb]);
    Flow::Next(4)
}
pub fn trans_xxmrglw<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vh::vmrglw, 3, false), &[a.xt, a.xa, a.xb]);
    Flow::Next(4)
}

/// `xxspltw XT,XB,UIM`: every word ← word UIM (bits 14:15) of XB.
pub fn trans_xxspltw<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let x = e.get(vsr(a.xb));
    let w = extract(e, x, 32, a.uim & 3);
    let r = splat(e, w, 32);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}

/// `xxspltib XT,IMM8` (v3.0): every byte ← IMM8.
pub fn trans_xxspltib<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let imm8 = a.imm8 as u64;
    let r = vh::build(8, |_| imm8);
    let v = const128(e, r);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}

/// `xxperm XT,XA,XB` and `xxpermr` (v3.0): XB is the control, XA || XT the source.
pub fn trans_xxperm<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(xh::xxperm, 3, false), &[a.xt, a.xa, a.xb]);
    Flow::Next(4)
}
pub fn trans_xxpermr<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(xh::xxpermr, 3, false), &[a.xt, a.xa, a.xb]);
    Flow::Next(4)
}

// ---- byte reverse (§7.6.4, v3.0) ----

/// Swaps adjacent `w`-bit groups of `v` selected by the 128-bit mask `m` (the lower group of
/// each pair): ((v & m) << w) | ((v >> w) & m).
fn swap_groups<E: Emitter>(e: &mut E, v: E::V, m: u128, w: u32) -> E::V {
    let m = const128(e, m);
    let lo = e.and(v, m);
    let lo = e.shl_imm(lo, w);
    let hi = e.lshr_imm(v, w);
    let hi = e.and(hi, m);
    e.or(lo, hi)
}

/// `xxbrh`: bytes reversed within each halfword.
pub fn trans_xxbrh<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let v = e.get(vsr(a.xb));
    let r = swap_groups(e, v, 0x00ff_00ff_00ff_00ff_00ff_00ff_00ff_00ff, 8);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}
/// `xxbrw`: bytes reversed within each word.
pub fn trans_xxbrw<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let v = e.get(vsr(a.xb));
    let r = swap_groups(e, v, 0x00ff_00ff_00ff_00ff_00ff_00ff_00ff_00ff, 8);
    let r = swap_groups(e, r, 0x0000_ffff_0000_ffff_0000_ffff_0000_ffff, 16);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}
/// `xxbrd`: bytes reversed within each doubleword.
pub fn trans_xxbrd<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let v = e.get(vsr(a.xb));
    let hi = high64(e, v);
    let lo = e.trunc(Ty::I64, v);
    let hi = e.bswap(hi);
    let lo = e.bswap(lo);
    let r = e.concat(lo, hi);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}
/// `xxbrq`: all 16 bytes reversed.
pub fn trans_xxbrq<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let v = e.get(vsr(a.xb));
    let r = e.bswap(v);
    e.set(vsr(a.xt), r);
    Flow::Next(4)
}

// ---- scalar sign and format operations without FP status (§7.6.2) ----

const SIGN64: u64 = 1 << 63;

/// `xsabsdp`/`xsnabsdp`/`xsnegdp`/`xscpsgndp`: doubleword 0 ← XB's with its sign cleared,
/// set, flipped, or taken from XA; doubleword 1 is undefined in v3.0B and written as 0 (what
/// v3.1 requires).
fn xs_sign<E: Emitter>(e: &mut E, a: &Xx, op: fn(&mut E, E::V, E::V) -> E::V) -> Flow {
    let b = e.get(vsr_dw0(a.xb));
    let s = e.get(vsr_dw0(a.xa));
    let r = op(e, b, s);
    set_scalar(e, a.xt, r, Dw1::Zero);
    Flow::Next(4)
}
pub fn trans_xsabsdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xs_sign(e, a, |e, b, _| e.and_imm(b, !SIGN64))
}
pub fn trans_xsnabsdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xs_sign(e, a, |e, b, _| e.or_imm(b, SIGN64))
}
pub fn trans_xsnegdp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xs_sign(e, a, |e, b, _| e.xor_imm(b, SIGN64))
}
pub fn trans_xscpsgndp<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    xs_sign(e, a, |e, b, s| {
        let mag = e.and_imm(b, !SIGN64);
        let sign = e.and_imm(s, SIGN64);
        e.or(mag, sign)
    })
}

/// `xsabsqp`/`xsnabsqp`/`xsnegqp` (v3.0, X form on VRs: RT, RB): the quad-precision sign
/// cleared, set or flipped. `xscpsgnqp VRT,VRA,VRB`: sign of VRA, the rest of VRB.
/// `op(e, value, sign source, sign mask)`.
type QpSignOp<E> = fn(&mut E, <E as Emitter>::V, <E as Emitter>::V, <E as Emitter>::V) -> <E as Emitter>::V;

fn xs_sign_qp<E: Emitter>(e: &mut E, a: &X, op: QpSignOp<E>) -> Flow {
    let b = e.get(vr(a.rb));
    let s = e.get(vr(a.ra));
    let sign = const128(e, 1 << 127);
    let r = op(e, b, s, sign);
    e.set(vr(a.rt), r);
    Flow::Next(4)
}
pub fn trans_xsabsqp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    xs_sign_qp(e, a, |e, b, _, m| {
        let nm = e.not(m);
        e.and(b, nm)
    })
}
pub fn trans_xsnabsqp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    xs_sign_qp(e, a, |e, b, _, m| e.or(b, m))
}
pub fn trans_xsnegqp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    xs_sign_qp(e, a, |e, b, _, m| e.xor(b, m))
}
pub fn trans_xscpsgnqp<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    xs_sign_qp(e, a, |e, b, s, m| {
        let nm = e.not(m);
        let mag = e.and(b, nm);
        let sign = e.and(s, m);
        e.or(mag, sign)
    })
}

/// `xscvspdpn XT,XB`: word 0 of XB (single format) to double format in doubleword 0, with no
/// status; doubleword 1 ← 0.
pub fn trans_xscvspdpn<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let d = e.get(vsr_dw0(a.xb));
    let w = e.lshr_imm(d, 32);
    let w = e.trunc(Ty::I32, w);
    let r = single_to_double(e, w);
    set_scalar(e, a.xt, r, Dw1::Zero);
    Flow::Next(4)
}
/// `xscvdpspn XT,XB`: doubleword 0 of XB to single format (truncating, no status) in words 0
/// and 1 (v3.0B leaves words 1-3 undefined; v3.1 defines word 1 = word 0 and words 2-3 = 0).
pub fn trans_xscvdpspn<E: Emitter>(e: &mut E, a: &Xx, _cx: &Cx) -> Flow {
    let d = e.get(vsr_dw0(a.xb));
    let w = double_to_single(e, d);
    let w = e.zext(Ty::I64, w);
    let hi = e.shl_imm(w, 32);
    let hi = e.or(hi, w);
    set_scalar(e, a.xt, hi, Dw1::Zero);
    Flow::Next(4)
}
