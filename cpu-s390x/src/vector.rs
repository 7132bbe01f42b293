//! The vector facility for z/Architecture (PoP ch. 21-24, z13, facility 129): loads and
//! stores, integer, generate/permute, string and vector BFP instructions.
//!
//! How the rows are executed:
//! - The few instructions that are one 128-bit move or bitwise operation (`VL`, `VST`,
//!   `VLR`, `VN` ..., `VLVGP`) and the generators whose result is known at translation
//!   time (`VGBM`, `VGM`, `VREPI`) are emitted inline on the `I128` slot `vr(n)`.
//! - `VLGV`/`VLVG` with a constant element index (B2 = 0), `VREP`, `LCBB` and `VLBB` — the
//!   support instructions of glibc's string loops — are inline too, on the doubleword
//!   slots `vr_dw0`/`vr_dw1` where one element is involved.
//! - `VFEE`, `VFENE` and `VISTR` on byte elements (glibc's `strlen`, `strchr`, `strcmp`
//!   ...) are inline too, with the zero-byte bit tricks on the two doublewords.
//! - Everything else calls one helper, [`helpers::helper_vx`], with the instruction's
//!   fields packed into two words ([`pack`]) and its second-operand address (X2 + B2 + D2,
//!   wrapped to the addressing mode). The helper works on the CPU struct directly
//!   (`S390xCpu::vr128`): it makes every guest memory access and every check first and
//!   writes registers and the CC last, so a fault or specification exception leaves the
//!   state as before the instruction (the engine's helper invariant).
//!
//! Element numbering: element 0 is the leftmost (most significant bits of the `u128`).
//! Element-size codes (ES) are 0 byte, 1 halfword, 2 word, 3 doubleword, 4 quadword; a code
//! an instruction does not allow is a specification exception (PoP 21 "Vector Overview").

use crate::forms::Fields;
use crate::operands::{ea, Ops};
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::ir::{Emitter, Endian, Ty};

#[path = "vector_helpers.rs"]
pub mod helpers;
#[path = "vector_string.rs"]
pub mod string;
#[path = "vector_fp.rs"]
pub mod fp;

pub use helpers::H;

type O<V> = Ops<V>;

/// Packs the register and mask fields of `f` for the helper (see [`helpers::VF::unpack`]).
pub fn pack(f: &Fields) -> (u64, u64) {
    let regs = f.v1 as u64
        | (f.v2 as u64) << 5
        | (f.v3 as u64) << 10
        | (f.v4 as u64) << 15
        | (f.m3 as u64 & 15) << 20
        | (f.m4 as u64 & 15) << 24
        | (f.m5 as u64 & 15) << 28
        | (f.m6 as u64 & 15) << 32
        | (f.r1 as u64 & 15) << 36
        | (f.r2 as u64 & 15) << 40
        | (f.r3 as u64 & 15) << 44;
    let imm = (f.i2 as u64 & 0xffff) | (f.i3 & 0xfff) << 16 | (f.i4 as u64 & 0xff) << 28;
    (regs, imm)
}

/// Emits the call of [`helpers::helper_vx`] for operation `op`.
fn call<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, op: H) -> Flow {
    let (regs, imm) = pack(f);
    let a = ea(e, cx, f.x2, f.b2, f.d2);
    let opv = e.iconst(Ty::I64, op as u64);
    let regs = e.iconst(Ty::I64, regs);
    let imm = e.iconst(Ty::I64, imm);
    let h = jit::helper!(helpers::helper_vx, 4, true);
    e.call(&h, &[opv, regs, imm, a]);
    cx.next()
}

macro_rules! via_helper {
    ($($f:ident => $v:ident),* $(,)?) => {
        $(
            #[doc = concat!("`", stringify!($v), "` (through [`helpers::helper_vx`]).")]
            pub fn $f<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
                call(e, f, cx, H::$v)
            }
        )*
    };
}

via_helper! {
    // support (ch. 21)
    vlrep => Vlrep, vleb => Vleb, vleh => Vleh, vlef => Vlef, vleg => Vleg,
    vleib => Vleib, vleih => Vleih, vleif => Vleif, vleig => Vleig,
    vsteb => Vsteb, vsteh => Vsteh, vstef => Vstef, vsteg => Vsteg,
    vll => Vll, vstl => Vstl, vlm => Vlm, vstm => Vstm, vllez => Vllez,
    vgef => Vgef, vgeg => Vgeg, vscef => Vscef, vsceg => Vsceg,
    vsel => Vsel, vperm => Vperm, vpdi => Vpdi, vmrh => Vmrh, vmrl => Vmrl,
    vpk => Vpk, vpks => Vpks, vpkls => Vpkls,
    vuph => Vuph, vupl => Vupl, vuplh => Vuplh, vupll => Vupll, vseg => Vseg,
    // integer (ch. 22)
    va => Va, vacc => Vacc, vac => Vac, vaccc => Vaccc,
    vs => Vs, vscbi => Vscbi, vsbi => Vsbi, vsbcbi => Vsbcbi,
    vceq => Vceq, vch => Vch, vchl => Vchl,
    vmx => Vmx, vmxl => Vmxl, vmn => Vmn, vmnl => Vmnl, vavg => Vavg, vavgl => Vavgl,
    vlc => Vlc, vlp => Vlp, vclz => Vclz, vctz => Vctz, vpopct => Vpopct,
    vec => Vec, vecl => Vecl,
    vm_l => Vml, vmh => Vmh, vmlh => Vmlh, vme => Vme, vmle => Vmle, vmo => Vmo, vmlo => Vmlo,
    vmal => Vmal, vmah => Vmah, vmalh => Vmalh, vmae => Vmae, vmale => Vmale, vmao => Vmao, vmalo => Vmalo,
    vsum => Vsum, vsumg => Vsumg, vsumq => Vsumq, vgfm => Vgfm, vgfma => Vgfma,
    vesl => Vesl, vesra => Vesra, vesrl => Vesrl, verll => Verll,
    veslv => Veslv, vesrav => Vesrav, vesrlv => Vesrlv, verllv => Verllv, verim => Verim,
    vsl => Vsl, vslb => Vslb, vsldb => Vsldb, vsra => Vsra, vsrab => Vsrab, vsrl => Vsrl, vsrlb => Vsrlb,
    vtm => Vtm, vcksm => Vcksm,
    // string (ch. 23)
    vstrc => Vstrc,
    // BFP (ch. 24)
    vfa => Vfa, vfs => Vfs, vfm => Vfm, vfd => Vfd, vfsq => Vfsq, vfma => Vfma, vfms => Vfms,
    vfce => Vfce, vfch => Vfch, vfche => Vfche, wfc => Wfc, wfk => Wfk,
    vcdg => Vcdg, vcdlg => Vcdlg, vcgd => Vcgd, vclgd => Vclgd, vfi => Vfi,
    vlde => Vlde, vled => Vled, vfpso => Vfpso, vftci => Vftci,
}

// ---- inline rows ----

fn const128<E: Emitter>(e: &mut E, v: u128) -> E::V {
    let lo = e.iconst(Ty::I64, v as u64);
    let hi = e.iconst(Ty::I64, (v >> 64) as u64);
    e.concat(lo, hi)
}

/// `VL V1,D2(X2,B2)`: 16 bytes into V1 (M3 is an alignment hint).
pub fn vl<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let a = ea(e, cx, f.x2, f.b2, f.d2);
    let v = e.load(Ty::I128, a, Endian::Big);
    e.set(vr(f.v1), v);
    cx.next()
}

/// `VST V1,D2(X2,B2)`.
pub fn vst<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let a = ea(e, cx, f.x2, f.b2, f.d2);
    let v = e.get(vr(f.v1));
    e.store(Ty::I128, a, v, Endian::Big);
    cx.next()
}

/// `VLR V1,V2`.
pub fn vlr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let v = e.get(vr(f.v2));
    e.set(vr(f.v1), v);
    cx.next()
}

/// `VLVGP V1,R2,R3`: R2 into doubleword 0, R3 into doubleword 1.
pub fn vlvgp<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let hi = e.get(gpr(f.r2));
    let lo = e.get(gpr(f.r3));
    let v = e.concat(lo, hi);
    e.set(vr(f.v1), v);
    cx.next()
}

fn bitwise<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, op: fn(&mut E, E::V, E::V) -> E::V) -> Flow {
    let a = e.get(vr(f.v2));
    let b = e.get(vr(f.v3));
    let r = op(e, a, b);
    e.set(vr(f.v1), r);
    cx.next()
}
/// `VN V1,V2,V3`.
pub fn vn<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bitwise(e, f, cx, |e, a, b| e.and(a, b))
}
/// `VNC V1,V2,V3`: V2 AND NOT V3.
pub fn vnc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bitwise(e, f, cx, |e, a, b| {
        let nb = e.not(b);
        e.and(a, nb)
    })
}
/// `VO V1,V2,V3`.
pub fn vo<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bitwise(e, f, cx, |e, a, b| e.or(a, b))
}
/// `VX V1,V2,V3`.
pub fn vx<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bitwise(e, f, cx, |e, a, b| e.xor(a, b))
}
/// `VNO V1,V2,V3`: NOT (V2 OR V3).
pub fn vno<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    bitwise(e, f, cx, |e, a, b| {
        let o = e.or(a, b);
        e.not(o)
    })
}

/// Sets V1 to a value computed at translation time, or raises the specification exception
/// when the fields are invalid.
fn generated<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, v: Option<u128>) -> Flow {
    match v {
        Some(v) => {
            let c = const128(e, v);
            e.set(vr(f.v1), c);
            cx.next()
        }
        None => {
            e.raise(exc::SPECIFICATION, cx.pc);
            Flow::End
        }
    }
}
/// `VGBM V1,I2`: bit i of I2 selects all ones or zeros for byte i.
pub fn vgbm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    generated(e, f, cx, Some(helpers::gbm(f.i2 as u16)))
}
/// `VGM V1,I2,I3,M4`: bits I2..I3 (wrapping) of every element set.
pub fn vgm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    generated(e, f, cx, helpers::gm(f.i2 as u32 & 0xff, f.i3 as u32 & 0xff, f.m4))
}
/// `VREPI V1,I2,M3`: I2 sign-extended into every element.
pub fn vrepi<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    generated(e, f, cx, helpers::repi(f.i2, f.m3))
}

/// The doubleword slot holding element `i` of size `es` (0..3) of VR `n`, and the shift that
/// brings the element to the low bits of that doubleword.
fn el_slot(n: usize, es: u32, i: usize) -> (jit::ir::Slot, u32) {
    let b = 8u32 << es;
    let bit0 = b * i as u32; // from the left of the 128-bit register
    if bit0 < 64 { (vr_dw0(n), 64 - bit0 - b) } else { (vr_dw1(n), 128 - bit0 - b) }
}

/// Element `i` (known at translation time) of size `es` (0..3) of VR `n`, zero-extended.
fn el_const<E: Emitter>(e: &mut E, n: usize, es: u32, i: usize) -> E::V {
    let (slot, sh) = el_slot(n, es, i);
    let dw = e.get(slot);
    let x = e.lshr_imm(dw, sh);
    if es == 3 { x } else { e.and_imm(x, (1u64 << (8 << es)) - 1) }
}

/// `VLGV R1,V3,D2(B2),M4`: element D2(B2) (modulo the element count) of V3 into R1,
/// zero-extended. M4 > 3 takes the helper (specification exception).
pub fn vlgv<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m4 > 3 {
        return call(e, f, cx, H::Vlgv);
    }
    if f.b2 == 0 {
        let i = f.d2 as usize & (helpers::nel(f.m4) - 1);
        let x = el_const(e, f.v3, f.m4, i);
        e.set(gpr(f.r1), x);
        return cx.next();
    }
    // A computed index: the doubleword holding the element, then the shift within it.
    let a = ea(e, cx, 0, f.b2, f.d2);
    let (b, per) = (8u32 << f.m4, 8u64 >> f.m4);
    let i = e.and_imm(a, 2 * per - 1);
    let (d0, d1) = (e.get(vr_dw0(f.v3)), e.get(vr_dw1(f.v3)));
    let first = e.icmp_imm(jit::ir::Cmp::Ult, i, per);
    let d = e.select(first, d0, d1);
    let j = e.and_imm(i, per - 1);
    let last = e.iconst(Ty::I64, per - 1);
    let k = e.sub(last, j);
    let bits = e.iconst(Ty::I64, b as u64);
    let sh = e.mul(k, bits);
    let x = e.lshr(d, sh);
    let x = if b == 64 { x } else { e.and_imm(x, (1u64 << b) - 1) };
    e.set(gpr(f.r1), x);
    cx.next()
}

/// `VLVG V1,R3,D2(B2),M4`: the low element-size bits of R3 into element D2(B2) of V1.
/// Inline when B2 = 0 and M4 is valid.
pub fn vlvg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.b2 != 0 || f.m4 > 3 {
        return call(e, f, cx, H::Vlvg);
    }
    let i = f.d2 as usize & (helpers::nel(f.m4) - 1);
    let (slot, sh) = el_slot(f.v1, f.m4, i);
    let x = e.get(gpr(f.r3));
    let r = if f.m4 == 3 {
        x
    } else {
        let m = (1u64 << (8 << f.m4)) - 1;
        let dw = e.get(slot);
        let keep = e.and_imm(dw, !(m << sh));
        let xm = e.and_imm(x, m);
        let xs = e.shl_imm(xm, sh);
        e.or(keep, xs)
    };
    e.set(slot, r);
    cx.next()
}

/// `VREP V1,V3,I2,M4`: element I2 of V3 into every element of V1.
pub fn vrep<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let i = f.i2 as u16 as usize;
    if f.m4 > 3 || i >= helpers::nel(f.m4) {
        return call(e, f, cx, H::Vrep); // the specification exception
    }
    let x = el_const(e, f.v3, f.m4, i);
    let ones = [0x0101_0101_0101_0101u64, 0x0001_0001_0001_0001, 0x0000_0001_0000_0001, 1][f.m4 as usize];
    let k = e.iconst(Ty::I64, ones);
    let dw = e.mul(x, k);
    e.set(vr_dw0(f.v1), dw);
    e.set(vr_dw1(f.v1), dw);
    cx.next()
}

/// The number of bytes from `a` to the next `64 << m3`-byte boundary, at most 16 (I64).
fn to_block_boundary<E: Emitter>(e: &mut E, a: E::V, m3: u32) -> E::V {
    let bs = 64u64 << m3;
    let off = e.and_imm(a, bs - 1);
    let bsv = e.iconst(Ty::I64, bs);
    let rem = e.sub(bsv, off);
    let sixteen = e.iconst(Ty::I64, 16);
    let short = e.icmp(jit::ir::Cmp::Ult, rem, sixteen);
    e.select(short, rem, sixteen)
}

/// `LCBB R1,D2(X2,B2),M3`: bits 32:63 of R1 = bytes to the block boundary (at most 16);
/// CC 0 when 16, else 3. M3 > 6 is a specification exception (the helper's).
pub fn lcbb<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m3 > 6 {
        return call(e, f, cx, H::Lcbb);
    }
    let a = ea(e, cx, f.x2, f.b2, f.d2);
    let n = to_block_boundary(e, a, f.m3);
    set_lo(e, f.r1, n);
    let full = e.icmp_imm(jit::ir::Cmp::Eq, n, 16);
    let (z, three) = (e.iconst(Ty::I8, 0), e.iconst(Ty::I8, 3));
    let cc = e.select(full, z, three);
    e.set(CC, cc);
    cx.next()
}

/// `VLBB V1,D2(X2,B2),M3`: the bytes from the operand address up to the block boundary (at
/// most 16) into V1 from the left; the rest zero (the PoP leaves them unpredictable).
/// The bytes needed end at the boundary, so the 16 bytes ending at `a + n` lie inside the
/// block (and the page): one 16-byte load there, shifted left over the bytes before `a`.
pub fn vlbb<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m3 > 6 {
        return call(e, f, cx, H::Vlbb);
    }
    let a = ea(e, cx, f.x2, f.b2, f.d2);
    let n = to_block_boundary(e, a, f.m3);
    let end = e.add(a, n);
    let la = e.add_imm(end, -16);
    let v = e.load(Ty::I128, la, Endian::Big);
    let sixteen = e.iconst(Ty::I64, 16);
    let gap = e.sub(sixteen, n);
    let sh = e.shl_imm(gap, 3);
    let r = e.shl(v, sh);
    e.set(vr(f.v1), r);
    cx.next()
}

// ---- string instructions on byte elements (PoP ch. 23; see `string` for the rules) ----

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// 0x80 in each byte of `x` that is nonzero, 0 elsewhere (exact: no carries between bytes).
fn nonzero_bytes<E: Emitter>(e: &mut E, x: E::V) -> E::V {
    let lo = e.and_imm(x, LOW7);
    let k = e.iconst(Ty::I64, LOW7);
    let t = e.add(lo, k);
    let t = e.or(t, x);
    e.and_imm(t, !LOW7)
}

/// 0x80 in each byte of `x` that is zero.
fn zero_bytes<E: Emitter>(e: &mut E, x: E::V) -> E::V {
    let nz = nonzero_bytes(e, x);
    e.xor_imm(nz, !LOW7)
}

/// The byte index (0..16) of the first marked byte of the 16 whose marks (0x80 per byte)
/// are `m0` (bytes 0..7, the leftmost first) and `m1` (bytes 8..15); 16 when none.
fn first_marked<E: Emitter>(e: &mut E, m0: E::V, m1: E::V) -> E::V {
    let c0 = e.clz(m0);
    let i0 = e.lshr_imm(c0, 3);
    let c1 = e.clz(m1);
    let c1 = e.lshr_imm(c1, 3);
    let i1 = e.add_imm(c1, 8);
    let any0 = e.icmp_imm(jit::ir::Cmp::Ne, m0, 0);
    e.select(any0, i0, i1)
}

/// The byte at index `i` (0..15, I64) of the 16 bytes `d0`:`d1`, zero-extended.
fn byte_at<E: Emitter>(e: &mut E, d0: E::V, d1: E::V, i: E::V) -> E::V {
    let low = e.icmp_imm(jit::ir::Cmp::Ult, i, 8);
    let d = e.select(low, d0, d1);
    let j = e.and_imm(i, 7);
    let seven = e.iconst(Ty::I64, 7);
    let k = e.sub(seven, j);
    let sh = e.shl_imm(k, 3);
    let x = e.lshr(d, sh);
    e.and_imm(x, 0xff)
}

/// The CC from an I64 0..3.
fn set_cc<E: Emitter>(e: &mut E, cc: E::V) {
    let c = e.trunc(Ty::I8, cc);
    e.set(CC, c);
}

/// The byte index of the first zero byte of `a0`:`a1` when the ZS flag is on, else 16.
fn zero_if<E: Emitter>(e: &mut E, zs: bool, a0: E::V, a1: E::V) -> E::V {
    if zs {
        let z0 = zero_bytes(e, a0);
        let z1 = zero_bytes(e, a1);
        first_marked(e, z0, z1)
    } else {
        e.iconst(Ty::I64, 16)
    }
}

/// The index result: V1 = min(hit, zero) in byte 7, zeros elsewhere.
fn set_index<E: Emitter>(e: &mut E, v1: usize, hit: E::V, zero: E::V) {
    let idx = min_u(e, hit, zero);
    let z = e.iconst(Ty::I64, 0);
    e.set(vr_dw0(v1), idx);
    e.set(vr_dw1(v1), z);
}

/// The unsigned minimum of two I64 values.
fn min_u<E: Emitter>(e: &mut E, a: E::V, b: E::V) -> E::V {
    let lt = e.icmp(jit::ir::Cmp::Ult, a, b);
    e.select(lt, a, b)
}

/// The CC of VFEE (and VFAE/VSTRC) from the first hit and first zero byte index.
fn find_cc<E: Emitter>(e: &mut E, hit: E::V, zero: E::V) -> E::V {
    // 3 neither, 1 a hit and no zero, 2 a hit before the zero, 0 the zero at or before.
    let none_h = e.icmp_imm(jit::ir::Cmp::Eq, hit, 16);
    let none_z = e.icmp_imm(jit::ir::Cmp::Eq, zero, 16);
    let before = e.icmp(jit::ir::Cmp::Ult, hit, zero);
    let (c0, c1, c2, c3) = (e.iconst(Ty::I64, 0), e.iconst(Ty::I64, 1), e.iconst(Ty::I64, 2), e.iconst(Ty::I64, 3));
    let hz = e.select(before, c2, c0);
    let hz = e.select(none_z, c1, hz);
    let both = e.and(none_h, none_z);
    e.select(both, c3, hz)
}

/// `VFEE`/`VFENE V1,V2,V3,M4,M5` for bytes; `ne` selects VFENE.
fn find_bytes<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, ne: bool) -> Flow {
    let (zs, cs) = (f.m5 & 2 != 0, f.m5 & 1 != 0);
    let (a0, a1) = (e.get(vr_dw0(f.v2)), e.get(vr_dw1(f.v2)));
    let (b0, b1) = (e.get(vr_dw0(f.v3)), e.get(vr_dw1(f.v3)));
    let (x0, x1) = (e.xor(a0, b0), e.xor(a1, b1));
    let (h0, h1) = if ne {
        (nonzero_bytes(e, x0), nonzero_bytes(e, x1))
    } else {
        (zero_bytes(e, x0), zero_bytes(e, x1))
    };
    let hit = first_marked(e, h0, h1);
    let zero = zero_if(e, zs, a0, a1);
    if cs {
        let cc = if ne {
            // 3 all equal and no zero, 0 a zero before the first difference, else 1/2 by
            // the first unequal byte.
            let p = byte_at(e, a0, a1, hit);
            let q = byte_at(e, b0, b1, hit);
            let lt = e.icmp(jit::ir::Cmp::Ult, p, q);
            let (c0, c1, c2, c3) = (e.iconst(Ty::I64, 0), e.iconst(Ty::I64, 1), e.iconst(Ty::I64, 2), e.iconst(Ty::I64, 3));
            let by = e.select(lt, c1, c2);
            let zfirst = e.icmp(jit::ir::Cmp::Ult, zero, hit);
            let r = e.select(zfirst, c0, by);
            let none_h = e.icmp_imm(jit::ir::Cmp::Eq, hit, 16);
            let none_z = e.icmp_imm(jit::ir::Cmp::Eq, zero, 16);
            let both = e.and(none_h, none_z);
            e.select(both, c3, r)
        } else {
            find_cc(e, hit, zero)
        };
        set_cc(e, cc);
    }
    set_index(e, f.v1, hit, zero);
    cx.next()
}

/// `VFEE V1,V2,V3,M4,M5`: inline for byte elements with valid flags, else the helper.
pub fn vfee<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m4 != 0 || f.m5 & 0xc != 0 {
        return call(e, f, cx, H::Vfee);
    }
    find_bytes(e, f, cx, false)
}

/// `VFENE V1,V2,V3,M4,M5`: inline for byte elements with valid flags, else the helper.
pub fn vfene<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m4 != 0 || f.m5 & 0xc != 0 {
        return call(e, f, cx, H::Vfene);
    }
    find_bytes(e, f, cx, true)
}

/// `VFAE V1,V2,V3,M4,M5` with a byte index result (RT = 0): the first byte of V2 equal
/// to any byte of V3 (with IN: to none), or the first zero with ZS. The byte-set search is
/// a pure function (`PCMPESTRM` on the host: the 16 broadcasts and compares it replaced were
/// 600 host instructions in glibc's strcspn); RT = 1 and wider elements take the helper.
pub fn vfae<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m4 != 0 || f.m5 & 4 != 0 {
        return call(e, f, cx, H::Vfae);
    }
    let (inv, zs, cs) = (f.m5 & 8 != 0, f.m5 & 2 != 0, f.m5 & 1 != 0);
    let (a0, a1) = (e.get(vr_dw0(f.v2)), e.get(vr_dw1(f.v2)));
    let (b0, b1) = (e.get(vr_dw0(f.v3)), e.get(vr_dw1(f.v3)));
    let inv = e.iconst(Ty::I64, inv as u64);
    let find = jit::pure_fn!(string::vfae_byte_hit, 5);
    let hit = e.call_pure(&find, &[a0, a1, b0, b1, inv]);
    let zero = zero_if(e, zs, a0, a1);
    if cs {
        let cc = find_cc(e, hit, zero);
        set_cc(e, cc);
    }
    set_index(e, f.v1, hit, zero);
    cx.next()
}

/// `VISTR V1,V2,M3,M5`: V2 up to its first zero byte, zeros after; inline for bytes.
pub fn vistr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.m3 != 0 || f.m5 & !1 != 0 {
        return call(e, f, cx, H::Vistr);
    }
    let (a0, a1) = (e.get(vr_dw0(f.v2)), e.get(vr_dw1(f.v2)));
    let z0 = zero_bytes(e, a0);
    let z1 = zero_bytes(e, a1);
    let zero = first_marked(e, z0, z1);
    // Keep the bytes before the zero: doubleword 0 keeps min(zero, 8) bytes, doubleword 1
    // max(zero - 8, 0); a shift by 64 is no shift, so the whole-doubleword cases select.
    let ones = e.iconst(Ty::I64, u64::MAX);
    let zero_v = e.iconst(Ty::I64, 0);
    let keep = |e: &mut E, n: E::V| {
        // n in 0..=8 bytes kept from the left
        let eight = e.iconst(Ty::I64, 8);
        let gone = e.sub(eight, n);
        let sh = e.shl_imm(gone, 3);
        let m = e.shl(ones, sh);
        let all = e.icmp_imm(jit::ir::Cmp::Eq, n, 8);
        let none = e.icmp_imm(jit::ir::Cmp::Eq, n, 0);
        let m = e.select(all, ones, m);
        e.select(none, zero_v, m)
    };
    let eight = e.iconst(Ty::I64, 8);
    let n0 = min_u(e, zero, eight);
    let m0 = keep(e, n0);
    let over = e.icmp_imm(jit::ir::Cmp::Ugt, zero, 8);
    let z8 = e.add_imm(zero, -8);
    let n1 = e.select(over, z8, zero_v);
    let m1 = keep(e, n1);
    let r0 = e.and(a0, m0);
    let r1 = e.and(a1, m1);
    if f.m5 & 1 != 0 {
        let none = e.icmp_imm(jit::ir::Cmp::Eq, zero, 16);
        let (c0, c3) = (e.iconst(Ty::I64, 0), e.iconst(Ty::I64, 3));
        let cc = e.select(none, c3, c0);
        set_cc(e, cc);
    }
    e.set(vr_dw0(f.v1), r0);
    e.set(vr_dw1(f.v1), r1);
    cx.next()
}

/// Operand loaders of this chapter's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
