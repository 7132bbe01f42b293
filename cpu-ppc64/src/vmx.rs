//! Vector facility (VMX, Power ISA 3.0B Book I ch. 6).
//!
//! VR n is VSR 32+n (see [`crate::state`] for the layout). Elements are numbered as in the
//! book, element 0 the most significant, whatever MSR[LE]; only storage accesses depend on
//! the byte order, and each follows its own definition:
//! - `lvx`/`stvx` (and the `l` hint forms) access the aligned quadword as one 16-byte
//!   integer in the data byte order, so in little-endian mode the byte at the lowest address
//!   is element 15 (§6.7.2, "Vector Load/Store Instructions in Little-Endian mode").
//! - `lve*x`/`stve*x` access the one element that `lvx`/`stvx` would place at (take from) the
//!   addressed bytes; the other elements keep their values (the book leaves them undefined).
//! - `lvsl`/`lvsr` do not access storage and do not depend on MSR[LE].
//!
//! Logical operations, loads/stores, splats, whole-register shifts, element extracts and the
//! (hot, in glibc's string functions) equality compares are expanded inline; the other
//! element-wise integer arithmetic, compares, merges, packs and permutes call the helpers of
//! [`crate::vmx_helpers`] (one per mnemonic, named like it). Floating point, the crypto
//! instructions and decimal arithmetic have their own modules, translation and helpers
//! together: [`crate::vmx_fp`], [`crate::vmx_crypto`], [`crate::vmx_bcd`].
//!
//! Slow path: with `BIGIRON_SLOW_VECTOR=1` in the environment every instruction that has a
//! helper uses it instead of its inline expansion (to bisect a translation bug).

use crate::forms::*;
use crate::load_store::ea_indexed;
use crate::state::*;
use crate::vmx_helpers as vh;
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Cmp, Emitter, Endian, Helper, Ty};

// ---- shared pieces ----

/// True when `BIGIRON_SLOW_VECTOR=1`: use helpers rather than inline expansions.
pub fn slow_path() -> bool {
    static SLOW: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SLOW.get_or_init(|| std::env::var("BIGIRON_SLOW_VECTOR").is_ok_and(|v| v == "1"))
}

/// A 128-bit constant.
pub fn const128<E: Emitter>(e: &mut E, v: u128) -> E::V {
    let lo = e.iconst(Ty::I64, v as u64);
    let hi = e.iconst(Ty::I64, (v >> 64) as u64);
    e.concat(lo, hi)
}

/// Replicates the `w`-bit element in the low bits of `x` (an I128, zero above it) into every
/// element of the register.
pub fn splat<E: Emitter>(e: &mut E, x: E::V, w: u32) -> E::V {
    let mut v = x;
    let mut width = w;
    while width < 128 {
        let s = e.shl_imm(v, width);
        v = e.or(v, s);
        width *= 2;
    }
    v
}

/// Element `i` (book numbering) of width `w` of the I128 `v`, zero-extended in an I128.
pub fn extract<E: Emitter>(e: &mut E, v: E::V, w: u32, i: u32) -> E::V {
    let s = e.lshr_imm(v, 128 - w * (i + 1));
    let m = const128(e, (1u128 << w) - 1);
    e.and(s, m)
}

/// Calls a VSR helper `f(cpu, regs...)` with the register numbers as constants.
pub fn call_regs<E: Emitter>(e: &mut E, h: &Helper, regs: &[usize]) -> E::V {
    let args: Vec<E::V> = regs.iter().map(|&r| e.iconst(Ty::I64, r as u64)).collect();
    e.call(h, &args)
}

/// VX-form element-wise `VRT ← f(VRA, VRB)` through a 3-operand helper.
pub(crate) fn vx3<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    call_regs(e, &h, &[32 + a.vrt, 32 + a.vra, 32 + a.vrb]);
    Flow::Next(4)
}

/// VX-form `VRT ← f(VRB)` through a 2-operand helper.
pub(crate) fn vx2<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    call_regs(e, &h, &[32 + a.vrt, 32 + a.vrb]);
    Flow::Next(4)
}

/// VA-form `VRT ← f(VRA, VRB, VRC)` through a 4-operand helper.
pub(crate) fn vx4<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    call_regs(e, &h, &[32 + a.vrt, 32 + a.vra, 32 + a.vrb, 32 + a.vrc]);
    Flow::Next(4)
}

/// VX-form `VRT ← f(VRB, UIM)` (UIM in the VRA field) through a helper taking (t, b, uim).
pub(crate) fn vx_uim<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    call_regs(e, &h, &[32 + a.vrt, 32 + a.vrb, a.uim as usize]);
    Flow::Next(4)
}

/// VC-form compares: the helper writes VRT and returns CR6, which the record form keeps.
pub(crate) fn vcmp<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    let cr = call_regs(e, &h, &[32 + a.vrt, 32 + a.vra, 32 + a.vrb]);
    if a.rc {
        let f = e.trunc(Ty::I8, cr);
        e.set(cr_field(6), f);
    }
    Flow::Next(4)
}

/// VX-form inline binary operation on whole registers.
fn vlogical<E: Emitter>(e: &mut E, a: &Vx, f: fn(&mut E, E::V, E::V) -> E::V) -> Flow {
    let x = e.get(vr(a.vra));
    let y = e.get(vr(a.vrb));
    let r = f(e, x, y);
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}

// ---- loads and stores (§6.7) ----

/// `lvx`, `lvxl`: the quadword at EA & ~15 (see the module docs for the byte order).
pub fn trans_lvx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let ea = e.and_imm(ea, !15);
    let v = e.load(Ty::I128, ea, cx.endian);
    e.set(vr(a.rt), v);
    Flow::Next(4)
}

/// `stvx`, `stvxl`.
pub fn trans_stvx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let ea = e.and_imm(ea, !15);
    let v = e.get(vr(a.rt));
    e.store(Ty::I128, ea, v, cx.endian);
    Flow::Next(4)
}

/// Bit position (from the least significant end of the register) of the `size`-byte element
/// at byte offset `eb` of the aligned quadword, as an I128 shift amount.
fn element_shift<E: Emitter>(e: &mut E, ea: E::V, size: u32, cx: &Cx) -> E::V {
    let eb = e.and_imm(ea, 15);
    let bytes = match cx.endian {
        // Little-endian: byte k of the quadword is byte k from the least significant end.
        Endian::Little => eb,
        // Big-endian: the element starting at byte eb ends 16 - eb - size bytes above bit 0.
        Endian::Big => {
            let c = e.iconst(Ty::I64, 16 - size as u64);
            e.sub(c, eb)
        }
    };
    let bits = e.shl_imm(bytes, 3);
    e.zext(Ty::I128, bits)
}

/// `lvebx`, `lvehx`, `lvewx`: EA aligned down to the element size.
pub fn ld_ve<E: Emitter>(e: &mut E, a: &X, cx: &Cx, size: u32) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let ea = e.and_imm(ea, !(size as u64 - 1));
    let ty = Ty::from_bytes(size as usize);
    let v = e.load(ty, ea, cx.endian);
    let sh = element_shift(e, ea, size, cx);
    let v = e.zext(Ty::I128, v);
    let v = e.shl(v, sh);
    let m = const128(e, (1u128 << (8 * size)) - 1);
    let m = e.shl(m, sh);
    let m = e.not(m);
    let old = e.get(vr(a.rt));
    let keep = e.and(old, m);
    let r = e.or(keep, v);
    e.set(vr(a.rt), r);
    Flow::Next(4)
}

/// `stvebx`, `stvehx`, `stvewx`.
pub fn st_ve<E: Emitter>(e: &mut E, a: &X, cx: &Cx, size: u32) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let ea = e.and_imm(ea, !(size as u64 - 1));
    let ty = Ty::from_bytes(size as usize);
    let sh = element_shift(e, ea, size, cx);
    let v = e.get(vr(a.rt));
    let v = e.lshr(v, sh);
    let v = e.trunc(ty, v);
    e.store(ty, ea, v, cx.endian);
    Flow::Next(4)
}

/// `lvsl`: VRT ← bytes sh..sh+15 of 0x00 0x01 ... 0x1F, sh = EA & 15. Byte i is sh+i, which
/// never carries between bytes, so each doubleword is a constant plus sh in every byte.
pub fn trans_lvsl<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let sh = e.and_imm(ea, 15);
    let ones = e.iconst(Ty::I64, 0x0101_0101_0101_0101);
    let rep = e.mul(sh, ones);
    let hi = e.add_imm(rep, 0x0001_0203_0405_0607);
    let lo = e.add_imm(rep, 0x0809_0a0b_0c0d_0e0f);
    let v = e.concat(lo, hi);
    e.set(vr(a.rt), v);
    Flow::Next(4)
}

/// `lvsr`: VRT ← bytes 16-sh..31-sh of the same sequence (byte i is 16-sh+i).
pub fn trans_lvsr<E: Emitter>(e: &mut E, a: &X, _cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let sh = e.and_imm(ea, 15);
    let ones = e.iconst(Ty::I64, 0x0101_0101_0101_0101);
    let rep = e.mul(sh, ones);
    let hi = e.iconst(Ty::I64, 0x1011_1213_1415_1617);
    let hi = e.sub(hi, rep);
    let lo = e.iconst(Ty::I64, 0x1819_1a1b_1c1d_1e1f);
    let lo = e.sub(lo, rep);
    let v = e.concat(lo, hi);
    e.set(vr(a.rt), v);
    Flow::Next(4)
}

// ---- status and control (§6.5) ----

/// `mfvscr`: VRT ← 96 zero bits || VSCR.
pub fn trans_mfvscr<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let s = e.get(VSCR);
    let v = e.zext(Ty::I128, s);
    e.set(vr(a.vrt), v);
    Flow::Next(4)
}

/// `mtvscr`: VSCR ← word 3 of VRB.
pub fn trans_mtvscr<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let v = e.get(vr(a.vrb));
    let w = e.trunc(Ty::I32, v);
    e.set(VSCR, w);
    Flow::Next(4)
}

// ---- logical (§6.9.4) ----

pub fn trans_vand<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| e.and(x, y))
}
pub fn trans_vandc<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| {
        let ny = e.not(y);
        e.and(x, ny)
    })
}
pub fn trans_vor<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| e.or(x, y))
}
pub fn trans_vxor<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| e.xor(x, y))
}
pub fn trans_vnor<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| {
        let r = e.or(x, y);
        e.not(r)
    })
}
pub fn trans_vorc<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| {
        let ny = e.not(y);
        e.or(x, ny)
    })
}
pub fn trans_veqv<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| {
        let r = e.xor(x, y);
        e.not(r)
    })
}
pub fn trans_vnand<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| {
        let r = e.and(x, y);
        e.not(r)
    })
}

/// `vsel VRT,VRA,VRB,VRC`: each bit from VRB where VRC has a 1, else from VRA.
pub fn trans_vsel<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let x = e.get(vr(a.vra));
    let y = e.get(vr(a.vrb));
    let c = e.get(vr(a.vrc));
    let nc = e.not(c);
    let from_a = e.and(x, nc);
    let from_b = e.and(y, c);
    let r = e.or(from_a, from_b);
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}

// ---- 128-bit integer arithmetic (§6.9.1, v2.07) ----

pub fn trans_vadduqm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| e.add(x, y))
}
pub fn trans_vsubuqm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vlogical(e, a, |e, x, y| e.sub(x, y))
}

// ---- whole-register shifts (§6.8.3) ----

/// `vsldoi VRT,VRA,VRB,SHB`: bytes SHB..SHB+15 of VRA || VRB.
pub fn trans_vsldoi<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let x = e.get(vr(a.vra));
    let r = if a.shb == 0 {
        x
    } else {
        let y = e.get(vr(a.vrb));
        let hi = e.shl_imm(x, 8 * a.shb);
        let lo = e.lshr_imm(y, 128 - 8 * a.shb);
        e.or(hi, lo)
    };
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}

/// Shift of VRA by `mask` applied to VRB's low byte, as bits. `vslo`/`vsro` use bits 121:124
/// (a byte count, so bits 0x78 of the low byte are the bit count); `vsl`/`vsr` use bits
/// 125:127 (the book requires every byte of VRB to hold the same count, else the result is
/// undefined; the last byte's count is used).
fn vshift<E: Emitter>(e: &mut E, a: &Vx, mask: u64, left: bool) -> Flow {
    let x = e.get(vr(a.vra));
    let y = e.get(vr(a.vrb));
    let amt = e.and_imm(y, mask);
    let r = if left { e.shl(x, amt) } else { e.lshr(x, amt) };
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}
pub fn trans_vslo<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vshift(e, a, 0x78, true)
}
pub fn trans_vsro<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vshift(e, a, 0x78, false)
}
pub fn trans_vsl<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vshift(e, a, 7, true)
}
pub fn trans_vsr<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vshift(e, a, 7, false)
}

// ---- splats (§6.8.2) ----

/// `vspltb`/`vsplth`/`vspltw`: every element ← element UIM of VRB (the UIM field is 4, 3 or
/// 2 bits wide, its upper bits reserved).
fn vsplt<E: Emitter>(e: &mut E, a: &Vx, w: u32) -> Flow {
    let x = e.get(vr(a.vrb));
    let i = a.uim % (128 / w);
    let el = extract(e, x, w, i);
    let r = splat(e, el, w);
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}
pub fn trans_vspltb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vsplt(e, a, 8)
}
pub fn trans_vsplth<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vsplt(e, a, 16)
}
pub fn trans_vspltw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vsplt(e, a, 32)
}

/// `vspltis[bhw]`: every element ← SIM (the VRA field, a signed 5-bit number).
fn vspltis<E: Emitter>(e: &mut E, a: &Vx, w: u32) -> Flow {
    let sim = ((a.uim as i64) << 59) >> 59;
    let el = (sim as u64) & vh::mask(w);
    let r = vh::build(w, |_| el);
    let v = const128(e, r);
    e.set(vr(a.vrt), v);
    Flow::Next(4)
}
pub fn trans_vspltisb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vspltis(e, a, 8)
}
pub fn trans_vspltish<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vspltis(e, a, 16)
}
pub fn trans_vspltisw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vspltis(e, a, 32)
}

// ---- extract element to GPR (§6.8.5, v3.0) ----

/// `vextu[bhw]lx RT,RA,VRB`: RT ← the `size` bytes of VRB starting at byte (RA) & 15,
/// zero-extended. The book leaves a start past 16-size undefined; zeros come in there.
fn vextu_left<E: Emitter>(e: &mut E, a: &Vx, size: u32) -> Flow {
    let idx = e.get(gpr(a.vra));
    let idx = e.and_imm(idx, 15);
    let bits = e.shl_imm(idx, 3);
    let bits = e.zext(Ty::I128, bits);
    let v = e.get(vr(a.vrb));
    let v = e.shl(v, bits);
    let v = e.lshr_imm(v, 128 - 8 * size);
    let r = e.trunc(Ty::I64, v);
    e.set(gpr(a.vrt), r);
    Flow::Next(4)
}
/// `vextu[bhw]rx RT,RA,VRB`: the element ending (RA) & 15 bytes above the least significant
/// end of VRB, i.e. bytes 16-size-idx..15-idx.
fn vextu_right<E: Emitter>(e: &mut E, a: &Vx, size: u32) -> Flow {
    let idx = e.get(gpr(a.vra));
    let idx = e.and_imm(idx, 15);
    let bits = e.shl_imm(idx, 3);
    let bits = e.zext(Ty::I128, bits);
    let v = e.get(vr(a.vrb));
    let v = e.lshr(v, bits);
    let v = e.trunc(Ty::I64, v);
    let r = e.and_imm(v, vh::mask(8 * size));
    e.set(gpr(a.vrt), r);
    Flow::Next(4)
}
pub fn trans_vextublx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vextu_left(e, a, 1)
}
pub fn trans_vextuhlx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vextu_left(e, a, 2)
}
pub fn trans_vextuwlx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vextu_left(e, a, 4)
}
pub fn trans_vextubrx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vextu_right(e, a, 1)
}
pub fn trans_vextuhrx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vextu_right(e, a, 2)
}
pub fn trans_vextuwrx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vextu_right(e, a, 4)
}

/// `vclzlsbb RT,VRB` / `vctzlsbb RT,VRB`: count of leading / trailing bytes whose least
/// significant bit is 0 (helpers).
pub fn trans_vclzlsbb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let n = call_regs(e, &helper!(vh::vclzlsbb, 1, false), &[32 + a.vrb]);
    e.set(gpr(a.vrt), n);
    Flow::Next(4)
}
pub fn trans_vctzlsbb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let n = call_regs(e, &helper!(vh::vctzlsbb, 1, false), &[32 + a.vrb]);
    e.set(gpr(a.vrt), n);
    Flow::Next(4)
}

// ---- permutes (§6.8.4) ----

/// `vperm VRT,VRA,VRB,VRC` and `vpermr`.
pub fn trans_vperm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vh::vperm, 4, false), &[32 + a.vrt, 32 + a.vra, 32 + a.vrb, 32 + a.vrc]);
    Flow::Next(4)
}
pub fn trans_vpermr<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vh::vpermr, 4, false), &[32 + a.vrt, 32 + a.vra, 32 + a.vrb, 32 + a.vrc]);
    Flow::Next(4)
}

// ---- element-wise operations through helpers ----

pub fn trans_vaddubm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddubm, 3, false))
}
pub fn trans_vadduhm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vadduhm, 3, false))
}
pub fn trans_vadduwm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vadduwm, 3, false))
}
pub fn trans_vaddudm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddudm, 3, false))
}
pub fn trans_vsububm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsububm, 3, false))
}
pub fn trans_vsubuhm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubuhm, 3, false))
}
pub fn trans_vsubuwm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubuwm, 3, false))
}
pub fn trans_vsubudm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubudm, 3, false))
}
pub fn trans_vaddubs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddubs, 3, false))
}
pub fn trans_vadduhs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vadduhs, 3, false))
}
pub fn trans_vadduws<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vadduws, 3, false))
}
pub fn trans_vaddsbs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddsbs, 3, false))
}
pub fn trans_vaddshs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddshs, 3, false))
}
pub fn trans_vaddsws<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddsws, 3, false))
}
pub fn trans_vsububs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsububs, 3, false))
}
pub fn trans_vsubuhs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubuhs, 3, false))
}
pub fn trans_vsubuws<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubuws, 3, false))
}
pub fn trans_vsubsbs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubsbs, 3, false))
}
pub fn trans_vsubshs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubshs, 3, false))
}
pub fn trans_vsubsws<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubsws, 3, false))
}
pub fn trans_vsumsws<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsumsws, 3, false))
}

pub fn trans_vmaxub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxub, 3, false))
}
pub fn trans_vmaxuh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxuh, 3, false))
}
pub fn trans_vmaxuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxuw, 3, false))
}
pub fn trans_vmaxud<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxud, 3, false))
}
pub fn trans_vmaxsb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxsb, 3, false))
}
pub fn trans_vmaxsh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxsh, 3, false))
}
pub fn trans_vmaxsw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxsw, 3, false))
}
pub fn trans_vmaxsd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmaxsd, 3, false))
}
pub fn trans_vminub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminub, 3, false))
}
pub fn trans_vminuh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminuh, 3, false))
}
pub fn trans_vminuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminuw, 3, false))
}
pub fn trans_vminud<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminud, 3, false))
}
pub fn trans_vminsb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminsb, 3, false))
}
pub fn trans_vminsh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminsh, 3, false))
}
pub fn trans_vminsw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminsw, 3, false))
}
pub fn trans_vminsd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vminsd, 3, false))
}

// ---- equality compares, inline (SWAR on the 128-bit value) ----

/// Which equality predicate a compare computes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum EqKind {
    Eq,
    Ne,
    /// Not equal, or either element zero (`vcmpnez*`).
    Nez,
}

/// For each `w`-bit element of `x`: 1 in its least significant bit if the element is nonzero,
/// else 0. `(x & 0x7f..) + 0x7f..` sets an element's top bit iff its low bits are nonzero and
/// never carries out of the element; or-ing `x` adds the top bit itself.
fn nonzero_lsb<E: Emitter>(e: &mut E, x: E::V, w: u32) -> E::V {
    let low = const128(e, vh::build(w, |_| vh::mask(w - 1)));
    let t = e.and(x, low);
    let t = e.add(t, low);
    let t = e.or(t, x);
    let t = e.lshr_imm(t, w - 1);
    let one = const128(e, vh::build(w, |_| 1));
    e.and(t, one)
}

/// Widens per-element 0/1 flags (in each element's least significant bit) to all-zero or
/// all-one elements: m * (2^w - 1), computed as (m << w) - m (exact modulo 2^128).
fn widen_flags<E: Emitter>(e: &mut E, m: E::V, w: u32) -> E::V {
    let s = e.shl_imm(m, w);
    e.sub(s, m)
}

/// Writes CR6 of a record-form compare from its result `r`: all ones → 0b1000, zero → 0b0010.
fn set_cr6<E: Emitter>(e: &mut E, r: E::V) {
    let ones = const128(e, u128::MAX);
    let all = e.icmp(Cmp::Eq, r, ones);
    let none = e.icmp_imm(Cmp::Eq, r, 0);
    let all = e.shl_imm(all, 3);
    let none = e.shl_imm(none, 1);
    let f = e.or(all, none);
    e.set(cr_field(6), f);
}

fn vcmp_eq<E: Emitter>(e: &mut E, a: &Vx, w: u32, kind: EqKind, slow: Helper) -> Flow {
    if slow_path() {
        return vcmp(e, a, slow);
    }
    let x = e.get(vr(a.vra));
    let y = e.get(vr(a.vrb));
    let d = e.xor(x, y);
    let ne = nonzero_lsb(e, d, w);
    let one = const128(e, vh::build(w, |_| 1));
    let flags = match kind {
        EqKind::Eq => e.xor(ne, one),
        EqKind::Ne => ne,
        EqKind::Nez => {
            let nx = nonzero_lsb(e, x, w);
            let ny = nonzero_lsb(e, y, w);
            let both = e.and(nx, ny);
            let zero = e.xor(both, one);
            e.or(ne, zero)
        }
    };
    let r = widen_flags(e, flags, w);
    e.set(vr(a.vrt), r);
    if a.rc {
        set_cr6(e, r);
    }
    Flow::Next(4)
}

pub fn trans_vcmpequb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 8, EqKind::Eq, helper!(vh::vcmpequb, 3, false))
}
pub fn trans_vcmpequh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 16, EqKind::Eq, helper!(vh::vcmpequh, 3, false))
}
pub fn trans_vcmpequw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 32, EqKind::Eq, helper!(vh::vcmpequw, 3, false))
}
pub fn trans_vcmpequd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 64, EqKind::Eq, helper!(vh::vcmpequd, 3, false))
}
pub fn trans_vcmpneb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 8, EqKind::Ne, helper!(vh::vcmpneb, 3, false))
}
pub fn trans_vcmpneh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 16, EqKind::Ne, helper!(vh::vcmpneh, 3, false))
}
pub fn trans_vcmpnew<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 32, EqKind::Ne, helper!(vh::vcmpnew, 3, false))
}
pub fn trans_vcmpnezb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 8, EqKind::Nez, helper!(vh::vcmpnezb, 3, false))
}
pub fn trans_vcmpnezh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 16, EqKind::Nez, helper!(vh::vcmpnezh, 3, false))
}
pub fn trans_vcmpnezw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp_eq(e, a, 32, EqKind::Nez, helper!(vh::vcmpnezw, 3, false))
}
pub fn trans_vcmpgtub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtub, 3, false))
}
pub fn trans_vcmpgtuh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtuh, 3, false))
}
pub fn trans_vcmpgtuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtuw, 3, false))
}
pub fn trans_vcmpgtud<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtud, 3, false))
}
pub fn trans_vcmpgtsb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtsb, 3, false))
}
pub fn trans_vcmpgtsh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtsh, 3, false))
}
pub fn trans_vcmpgtsw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtsw, 3, false))
}
pub fn trans_vcmpgtsd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vcmp(e, a, helper!(vh::vcmpgtsd, 3, false))
}

pub fn trans_vclzb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vclzb, 2, false))
}
pub fn trans_vclzh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vclzh, 2, false))
}
pub fn trans_vclzw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vclzw, 2, false))
}
pub fn trans_vclzd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vclzd, 2, false))
}
pub fn trans_vctzb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vctzb, 2, false))
}
pub fn trans_vctzh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vctzh, 2, false))
}
pub fn trans_vctzw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vctzw, 2, false))
}
pub fn trans_vctzd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vctzd, 2, false))
}
pub fn trans_vpopcntb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vpopcntb, 2, false))
}
pub fn trans_vpopcnth<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vpopcnth, 2, false))
}
pub fn trans_vpopcntw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vpopcntw, 2, false))
}
pub fn trans_vpopcntd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vpopcntd, 2, false))
}
pub fn trans_vgbbd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vgbbd, 2, false))
}
/// `vbpermq`. The control glibc's string functions use (`lvsl` of 0 shifted left 3: byte i
/// is 8i, the top bit of each byte of VRA) gathers those bits inline (the multiply collects
/// the eight top bits of a doubleword, byte 0's highest); any other control calls a pure
/// function (SSSE3 shuffles on the host).
pub fn trans_vbpermq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let h = helper!(vh::vbpermq, 3, false);
    if slow_path() {
        return vx3(e, a, h);
    }
    const TOP_BITS: u128 = 0x0008_1018_2028_3038_4048_5058_6068_7078;
    let b = e.get(vr(a.vrb));
    let k = const128(e, TOP_BITS);
    let hit = e.icmp(Cmp::Eq, b, k);
    let miss = e.icmp(Cmp::Ne, b, k);
    let va = e.get(vr(a.vra));
    let (hi, lo) = dwords(e, va);
    let gather = |e: &mut E, x: E::V| {
        let m = e.and_imm(x, 0x8080_8080_8080_8080);
        let magic = e.iconst(Ty::I64, 0x0002_0408_1020_4081);
        let p = e.mul(m, magic);
        e.lshr_imm(p, 56)
    };
    let gh = gather(e, hi);
    let gl = gather(e, lo);
    let gh = e.shl_imm(gh, 8);
    let bits = e.or(gh, gl);
    let zero = e.iconst(Ty::I64, 0);
    // Any other control (strcspn/strspn use VRA as a 128-entry bit table): the 16 lookups
    // in a pure function, no state written back around the call.
    let (bh, bl) = dwords(e, b);
    let f = jit::pure_fn!(vh::vbpermq_pure, 4);
    let other = e.call_pure_if(miss, &f, &[hi, lo, bh, bl]);
    let bits = e.select(hit, bits, other);
    let r = e.concat(zero, bits);
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}

/// Doublewords 0 and 1 (architected order) of the I128 `v`.
fn dwords<E: Emitter>(e: &mut E, v: E::V) -> (E::V, E::V) {
    let hi = crate::vsx::high64(e, v);
    (hi, e.trunc(Ty::I64, v))
}

/// Each `w`-bit element (8 or 16) of the doubleword `x` shifted by the low log2(w) bits of
/// the same element of `s`, left or right, bits leaving an element lost: one conditional
/// shift per bit of the amount, selected per element by a mask.
fn elem_shift_narrow<E: Emitter>(e: &mut E, x: E::V, s: E::V, w: u32, left: bool) -> E::V {
    let ones: u64 = if w == 8 { 0x0101_0101_0101_0101 } else { 0x0001_0001_0001_0001 };
    let full: u64 = (1 << w) - 1;
    let mut x = x;
    for k in 0..w.trailing_zeros() {
        let amt = 1u32 << k;
        // All ones in each element whose amount has bit k set.
        let t = e.lshr_imm(s, k);
        let t = e.and_imm(t, ones);
        let f = e.iconst(Ty::I64, full);
        let m = e.mul(t, f);
        // The shift within elements: the bits crossing into a neighbour are cleared.
        let keep = if left { (full << amt) & full } else { full >> amt };
        let sh = if left { e.shl_imm(x, amt) } else { e.lshr_imm(x, amt) };
        let sh = e.and_imm(sh, keep * ones);
        let sh = e.and(sh, m);
        let nm = e.not(m);
        let kept = e.and(x, nm);
        x = e.or(kept, sh);
    }
    x
}

/// `vsl[bhwd]`/`vsr[bhwd]` inline: each element of VRA shifted by the low bits of the same
/// element of VRB.
fn velem_shift<E: Emitter>(e: &mut E, a: &Vx, w: u32, left: bool, h: Helper) -> Flow {
    if slow_path() {
        return vx3(e, a, h);
    }
    let va = e.get(vr(a.vra));
    let vb = e.get(vr(a.vrb));
    let (ah, al) = dwords(e, va);
    let (bh, bl) = dwords(e, vb);
    let mut out = [ah, al];
    for (i, (x, s)) in [(ah, bh), (al, bl)].into_iter().enumerate() {
        out[i] = match w {
            8 | 16 => elem_shift_narrow(e, x, s, w, left),
            32 => {
                // Two words; a 32-bit shift takes its amount modulo 32, as the book does.
                let mut halves = [x, x];
                for (j, sh) in [32u32, 0].into_iter().enumerate() {
                    let xv = e.lshr_imm(x, sh);
                    let xv = e.trunc(Ty::I32, xv);
                    let sv = e.lshr_imm(s, sh);
                    let sv = e.trunc(Ty::I32, sv);
                    let r = if left { e.shl(xv, sv) } else { e.lshr(xv, sv) };
                    let r = e.zext(Ty::I64, r);
                    halves[j] = e.shl_imm(r, sh);
                }
                e.or(halves[0], halves[1])
            }
            _ => {
                if left { e.shl(x, s) } else { e.lshr(x, s) }
            }
        };
    }
    let r = e.concat(out[1], out[0]);
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}

pub fn trans_vbpermd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vbpermd, 3, false))
}

pub fn trans_vslb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 8, true, helper!(vh::vslb, 3, false))
}
pub fn trans_vslh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 16, true, helper!(vh::vslh, 3, false))
}
pub fn trans_vslw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 32, true, helper!(vh::vslw, 3, false))
}
pub fn trans_vsld<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 64, true, helper!(vh::vsld, 3, false))
}
pub fn trans_vsrb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 8, false, helper!(vh::vsrb, 3, false))
}
pub fn trans_vsrh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 16, false, helper!(vh::vsrh, 3, false))
}
pub fn trans_vsrw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 32, false, helper!(vh::vsrw, 3, false))
}
pub fn trans_vsrd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    velem_shift(e, a, 64, false, helper!(vh::vsrd, 3, false))
}
pub fn trans_vsrab<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsrab, 3, false))
}
pub fn trans_vsrah<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsrah, 3, false))
}
pub fn trans_vsraw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsraw, 3, false))
}
pub fn trans_vsrad<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsrad, 3, false))
}
pub fn trans_vrlb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrlb, 3, false))
}
pub fn trans_vrlh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrlh, 3, false))
}
pub fn trans_vrlw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrlw, 3, false))
}
pub fn trans_vrld<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrld, 3, false))
}

pub fn trans_vmrghb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrghb, 3, false))
}
pub fn trans_vmrghh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrghh, 3, false))
}
pub fn trans_vmrghw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrghw, 3, false))
}
pub fn trans_vmrglb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrglb, 3, false))
}
pub fn trans_vmrglh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrglh, 3, false))
}
pub fn trans_vmrglw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrglw, 3, false))
}
pub fn trans_vpkuhum<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkuhum, 3, false))
}
pub fn trans_vpkuwum<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkuwum, 3, false))
}
pub fn trans_vpkudum<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkudum, 3, false))
}

// ---- v2.07/v3.0 integer instructions through helpers (vmx_helpers.rs) ----

pub fn trans_vaddcuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddcuw, 3, false))
}
pub fn trans_vsubcuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubcuw, 3, false))
}
pub fn trans_vaddcuq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vaddcuq, 3, false))
}
pub fn trans_vsubcuq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsubcuq, 3, false))
}
pub fn trans_vmulesb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulesb, 3, false))
}
pub fn trans_vmulesh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulesh, 3, false))
}
pub fn trans_vmulesw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulesw, 3, false))
}
pub fn trans_vmuleub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmuleub, 3, false))
}
pub fn trans_vmuleuh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmuleuh, 3, false))
}
pub fn trans_vmuleuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmuleuw, 3, false))
}
pub fn trans_vmulosb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulosb, 3, false))
}
pub fn trans_vmulosh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulosh, 3, false))
}
pub fn trans_vmulosw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulosw, 3, false))
}
pub fn trans_vmuloub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmuloub, 3, false))
}
pub fn trans_vmulouh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulouh, 3, false))
}
pub fn trans_vmulouw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmulouw, 3, false))
}
pub fn trans_vmuluwm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmuluwm, 3, false))
}
pub fn trans_vsum2sws<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsum2sws, 3, false))
}
pub fn trans_vsum4sbs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsum4sbs, 3, false))
}
pub fn trans_vsum4shs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsum4shs, 3, false))
}
pub fn trans_vsum4ubs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsum4ubs, 3, false))
}
pub fn trans_vavgub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vavgub, 3, false))
}
pub fn trans_vavguh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vavguh, 3, false))
}
pub fn trans_vavguw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vavguw, 3, false))
}
pub fn trans_vavgsb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vavgsb, 3, false))
}
pub fn trans_vavgsh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vavgsh, 3, false))
}
pub fn trans_vavgsw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vavgsw, 3, false))
}
pub fn trans_vabsdub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vabsdub, 3, false))
}
pub fn trans_vabsduh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vabsduh, 3, false))
}
pub fn trans_vabsduw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vabsduw, 3, false))
}
pub fn trans_vmrgew<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrgew, 3, false))
}
pub fn trans_vmrgow<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vmrgow, 3, false))
}
pub fn trans_vpkshss<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkshss, 3, false))
}
pub fn trans_vpkswss<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkswss, 3, false))
}
pub fn trans_vpksdss<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpksdss, 3, false))
}
pub fn trans_vpkshus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkshus, 3, false))
}
pub fn trans_vpkswus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkswus, 3, false))
}
pub fn trans_vpksdus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpksdus, 3, false))
}
pub fn trans_vpkuhus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkuhus, 3, false))
}
pub fn trans_vpkuwus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkuwus, 3, false))
}
pub fn trans_vpkudus<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkudus, 3, false))
}
pub fn trans_vpkpx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vpkpx, 3, false))
}
pub fn trans_vrlwnm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrlwnm, 3, false))
}
pub fn trans_vrldnm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrldnm, 3, false))
}
pub fn trans_vrlwmi<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrlwmi, 3, false))
}
pub fn trans_vrldmi<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vrldmi, 3, false))
}
pub fn trans_vslv<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vslv, 3, false))
}
pub fn trans_vsrv<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vh::vsrv, 3, false))
}
pub fn trans_vaddeuqm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vaddeuqm, 4, false))
}
pub fn trans_vaddecuq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vaddecuq, 4, false))
}
pub fn trans_vsubeuqm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vsubeuqm, 4, false))
}
pub fn trans_vsubecuq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vsubecuq, 4, false))
}
pub fn trans_vmhaddshs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmhaddshs, 4, false))
}
pub fn trans_vmhraddshs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmhraddshs, 4, false))
}
pub fn trans_vmladduhm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmladduhm, 4, false))
}
pub fn trans_vmsummbm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsummbm, 4, false))
}
pub fn trans_vmsumubm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsumubm, 4, false))
}
pub fn trans_vmsumuhm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsumuhm, 4, false))
}
pub fn trans_vmsumuhs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsumuhs, 4, false))
}
pub fn trans_vmsumshm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsumshm, 4, false))
}
pub fn trans_vmsumshs<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsumshs, 4, false))
}
pub fn trans_vmsumudm<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx4(e, a, helper!(vh::vmsumudm, 4, false))
}
pub fn trans_vnegw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vnegw, 2, false))
}
pub fn trans_vnegd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vnegd, 2, false))
}
pub fn trans_vupkhsb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupkhsb, 2, false))
}
pub fn trans_vupkhsh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupkhsh, 2, false))
}
pub fn trans_vupkhsw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupkhsw, 2, false))
}
pub fn trans_vupklsb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupklsb, 2, false))
}
pub fn trans_vupklsh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupklsh, 2, false))
}
pub fn trans_vupklsw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupklsw, 2, false))
}
pub fn trans_vupkhpx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupkhpx, 2, false))
}
pub fn trans_vupklpx<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vupklpx, 2, false))
}
pub fn trans_vextsb2w<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vextsb2w, 2, false))
}
pub fn trans_vextsh2w<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vextsh2w, 2, false))
}
pub fn trans_vextsb2d<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vextsb2d, 2, false))
}
pub fn trans_vextsh2d<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vextsh2d, 2, false))
}
pub fn trans_vextsw2d<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vextsw2d, 2, false))
}
pub fn trans_vprtybw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vprtybw, 2, false))
}
pub fn trans_vprtybd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vprtybd, 2, false))
}
pub fn trans_vprtybq<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx2(e, a, helper!(vh::vprtybq, 2, false))
}
pub fn trans_vextractub<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vextractub, 3, false))
}
pub fn trans_vextractuh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vextractuh, 3, false))
}
pub fn trans_vextractuw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vextractuw, 3, false))
}
pub fn trans_vextractd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vextractd, 3, false))
}
pub fn trans_vinsertb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vinsertb, 3, false))
}
pub fn trans_vinserth<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vinserth, 3, false))
}
pub fn trans_vinsertw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vinsertw, 3, false))
}
pub fn trans_vinsertd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx_uim(e, a, helper!(vh::vinsertd, 3, false))
}
