//! The steps of a decode row other than its operation: operand loaders ([`ld`]), output
//! writers ([`out`]) and condition-code setters ([`cc`]), named as in the rows.
//!
//! Conventions (after QEMU's s390x translator): loaders produce 64-bit values — a 32-bit
//! operand is sign- (`_32s`) or zero- (`_32u`) extended — so one `add` serves `AR`, `AGR`,
//! `AGFR`; writers and CC setters take the width they need from their name (`r1_32` writes
//! bits 32:63 of R1 and keeps 0:31; `adds32` looks at the low 32 bits).

use crate::forms::Fields;
use crate::state::*;
use crate::Cx;
use jit::ir::{Cmp, Emitter, Endian, Ty};

/// The values flowing through one instruction's steps.
pub struct Ops<V> {
    pub in1: Option<V>,
    pub in2: Option<V>,
    pub out: Option<V>,
    pub out2: Option<V>,
    /// The first operand's address, when a loader computed one (storage-immediate forms).
    pub addr1: Option<V>,
}

impl<V> Default for Ops<V> {
    fn default() -> Self {
        Ops { in1: None, in2: None, out: None, out2: None, addr1: None }
    }
}

impl<V: Copy> Ops<V> {
    /// The first input; a row naming an operation that needs it without a loader is a table
    /// bug caught by the every-row test, never guest input.
    pub fn in1(&self) -> V {
        self.in1.expect("decode row lacks its in1 loader")
    }
    pub fn in2(&self) -> V {
        self.in2.expect("decode row lacks its in2 loader")
    }
    pub fn out(&self) -> V {
        self.out.expect("decode row's operation produced no output")
    }
}

/// Effective address `X + B + D` under the current addressing mode (register 0 as X or B
/// means zero; PoP "Address Generation").
pub fn ea<E: Emitter>(e: &mut E, cx: &Cx, x: usize, b: usize, d: i64) -> E::V {
    let mut a = e.iconst(Ty::I64, d as u64);
    for r in [x, b] {
        if r != 0 {
            let v = e.get(gpr(r));
            a = e.add(a, v);
        }
    }
    wrap_addr(e, cx, a)
}

/// Truncates a computed address to the addressing mode (24, 31 or 64 bits).
pub fn wrap_addr<E: Emitter>(e: &mut E, cx: &Cx, a: E::V) -> E::V {
    match cx.amode {
        64 => a,
        31 => e.and_imm(a, 0x7fff_ffff),
        _ => e.and_imm(a, 0xff_ffff),
    }
}

/// Loads `ty` from guest address `a` (big-endian) and extends it to 64 bits.
pub fn load_ext<E: Emitter>(e: &mut E, ty: Ty, a: E::V, signed: bool) -> E::V {
    let v = e.load(ty, a, Endian::Big);
    if ty == Ty::I64 {
        v
    } else if signed {
        e.sext(Ty::I64, v)
    } else {
        e.zext(Ty::I64, v)
    }
}

/// The fixed-point-overflow exception of signed add, subtract, shift and sign-control
/// results (PoP "Fixed-Point-Overflow Exception"), taken when `ovf` (an `I8` 0/1) is set
/// and PSW program-mask bit 20 (`pm & 8`) is one.
///
/// The architecture completes the instruction before interrupting; an emitter raise
/// discards the instruction's writes, so the raise here NULLIFIES it instead (nothing
/// changed, the PC at the instruction) and the OS layer completes it with
/// [`crate::integer::complete_fixed_overflow`] before it reports the interruption. The
/// mask bit is part of the block key ([`Cx::fo`]): in the common case (program mask 0, as
/// Linux starts programs) nothing is emitted, and the overflow condition itself is dead
/// code unless the CC reads it.
pub fn overflow_trap<E: Emitter>(e: &mut E, cx: &Cx, ovf: E::V) {
    if cx.fo {
        e.raise_if(ovf, crate::exc::FIXED_OVERFLOW, cx.pc);
    }
}

/// Operand loaders.
pub mod ld {
    use super::*;
    #[allow(unused_imports)]
    pub use crate::atomic::ld::*;
    #[allow(unused_imports)]
    pub use crate::branch::ld::*;
    #[allow(unused_imports)]
    pub use crate::control::ld::*;
    #[allow(unused_imports)]
    pub use crate::bfp::ld::*;
    #[allow(unused_imports)]
    pub use crate::storage_ops::ld::*;
    #[allow(unused_imports)]
    pub use crate::vector::ld::*;
    #[allow(unused_imports)]
    pub use crate::integer::ld::*;
    #[allow(unused_imports)]
    pub use crate::logical::ld::*;

    type O<V> = Ops<V>;

    pub fn none<E: Emitter>(_: &mut E, _: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        None
    }
    fn reg<E: Emitter>(e: &mut E, r: usize) -> E::V {
        e.get(gpr(r))
    }
    fn reg32<E: Emitter>(e: &mut E, r: usize, signed: bool) -> E::V {
        let v = get_lo(e, r);
        if signed { e.sext(Ty::I64, v) } else { e.zext(Ty::I64, v) }
    }
    fn reg32h<E: Emitter>(e: &mut E, r: usize, signed: bool) -> E::V {
        let v = get_hi(e, r);
        if signed { e.sext(Ty::I64, v) } else { e.zext(Ty::I64, v) }
    }
    pub fn r1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg(e, f.r1))
    }
    pub fn r1_32s<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, f.r1, true))
    }
    pub fn r1_32u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, f.r1, false))
    }
    /// Bits 0:31 of R1 (high-word facility), zero-extended.
    pub fn r1_sr32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32h(e, f.r1, false))
    }
    /// Bits 0:31 of R1, sign-extended.
    pub fn r1_hs<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32h(e, f.r1, true))
    }
    /// R1 + 1 (the odd register of an even/odd pair).
    pub fn r1p1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg(e, (f.r1 + 1) & 15))
    }
    pub fn r1p1_32s<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, (f.r1 + 1) & 15, true))
    }
    pub fn r1p1_32u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, (f.r1 + 1) & 15, false))
    }
    pub fn r2<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg(e, f.r2))
    }
    pub fn r2_32s<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, f.r2, true))
    }
    pub fn r2_32u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, f.r2, false))
    }
    pub fn r2_sr32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32h(e, f.r2, false))
    }
    pub fn r2_hs<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32h(e, f.r2, true))
    }
    fn narrow<E: Emitter>(e: &mut E, v: E::V, ty: Ty, signed: bool) -> E::V {
        let t = e.trunc(ty, v);
        if signed { e.sext(Ty::I64, t) } else { e.zext(Ty::I64, t) }
    }
    pub fn r2_16s<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = reg(e, f.r2);
        Some(narrow(e, v, Ty::I16, true))
    }
    pub fn r2_16u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = reg(e, f.r2);
        Some(narrow(e, v, Ty::I16, false))
    }
    pub fn r2_8s<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = reg(e, f.r2);
        Some(narrow(e, v, Ty::I8, true))
    }
    pub fn r2_8u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = reg(e, f.r2);
        Some(narrow(e, v, Ty::I8, false))
    }
    pub fn r3<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg(e, f.r3))
    }
    pub fn r3_32s<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, f.r3, true))
    }
    pub fn r3_32u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32(e, f.r3, false))
    }
    pub fn r3_sr32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32h(e, f.r3, false))
    }
    pub fn r3_hs<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(reg32h(e, f.r3, true))
    }
    /// Bits 1:31 of R2 (the 31-bit address part), zero-extended (`LLGTR`).
    pub fn r2_31u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = reg(e, f.r2);
        Some(e.and_imm(v, 0x7fff_ffff))
    }

    // ---- immediates ----
    /// The immediate, sign-extended to 64 bits.
    pub fn i2<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, f.i2 as u64))
    }
    pub fn i2_8u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, f.i2 as u64 & 0xff))
    }
    pub fn i2_16u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, f.i2 as u64 & 0xffff))
    }
    pub fn i2_32u<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, f.i2 as u64 & 0xffff_ffff))
    }
    /// The 16-bit immediate shifted into bits 32:47 (`..LH` forms) / 16:31 / 0:15.
    pub fn i2_16u_shl16<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) << 16))
    }
    pub fn i2_16u_shl32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) << 32))
    }
    pub fn i2_16u_shl48<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) << 48))
    }
    /// AND masks of the `NI..` immediates: the immediate in its field, ones elsewhere.
    pub fn i2_n16_0<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) | !0xffff))
    }
    pub fn i2_n16_16<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) << 16 | !(0xffff << 16)))
    }
    pub fn i2_n16_32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) << 32 | !(0xffff << 32)))
    }
    pub fn i2_n16_48<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff) << 48 | !(0xffff << 48)))
    }
    pub fn i2_n32_0<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff_ffff) | !0xffff_ffff))
    }
    pub fn i2_n32_32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64) << 32 | 0xffff_ffff))
    }
    pub fn i2_32u_shl32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, (f.i2 as u64 & 0xffff_ffff) << 32))
    }

    // ---- addresses and storage operands ----
    /// The second-operand address X2 + B2 + D2 (as a value: `LA`, shifts use its bits).
    pub fn a2<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(ea(e, cx, f.x2, f.b2, f.d2))
    }
    /// The first-operand address B1 + D1, also recorded as `addr1`.
    pub fn a1<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        let a = ea(e, cx, 0, f.b1, f.d1);
        o.addr1 = Some(a);
        Some(a)
    }
    /// Shift amount: bits 58:63 of the second-operand address (64-bit shifts).
    pub fn sh64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let a = ea(e, cx, 0, f.b2, f.d2);
        Some(e.and_imm(a, 63))
    }
    /// Shift amount of the 32-bit shifts: also bits 58:63 (amounts 32..63 shift all out).
    pub fn sh32<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        sh64(e, f, cx, o)
    }
    fn m2<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, ty: Ty, signed: bool) -> E::V {
        let a = ea(e, cx, f.x2, f.b2, f.d2);
        load_ext(e, ty, a, signed)
    }
    pub fn m2_8s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I8, true))
    }
    pub fn m2_8u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I8, false))
    }
    pub fn m2_16s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I16, true))
    }
    pub fn m2_16u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I16, false))
    }
    pub fn m2_32s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I32, true))
    }
    pub fn m2_32u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I32, false))
    }
    pub fn m2_64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(m2(e, f, cx, Ty::I64, false))
    }
    fn m1<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>, ty: Ty, signed: bool) -> E::V {
        let a = ea(e, cx, 0, f.b1, f.d1);
        o.addr1 = Some(a);
        load_ext(e, ty, a, signed)
    }
    pub fn m1_8u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        Some(m1(e, f, cx, o, Ty::I8, false))
    }
    pub fn m1_16s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        Some(m1(e, f, cx, o, Ty::I16, true))
    }
    pub fn m1_16u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        Some(m1(e, f, cx, o, Ty::I16, false))
    }
    pub fn m1_32s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        Some(m1(e, f, cx, o, Ty::I32, true))
    }
    pub fn m1_32u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        Some(m1(e, f, cx, o, Ty::I32, false))
    }
    pub fn m1_64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Option<E::V> {
        Some(m1(e, f, cx, o, Ty::I64, false))
    }
    /// The relative-immediate address: this instruction's address + 2 * I2.
    pub fn ri2<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.iconst(Ty::I64, cx.rel(f.i2)))
    }
    fn mri2<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, ty: Ty, signed: bool) -> E::V {
        let a = e.iconst(Ty::I64, cx.rel(f.i2));
        load_ext(e, ty, a, signed)
    }
    pub fn mri2_16s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(mri2(e, f, cx, Ty::I16, true))
    }
    pub fn mri2_16u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(mri2(e, f, cx, Ty::I16, false))
    }
    pub fn mri2_32s<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(mri2(e, f, cx, Ty::I32, true))
    }
    pub fn mri2_32u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(mri2(e, f, cx, Ty::I32, false))
    }
    pub fn mri2_64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(mri2(e, f, cx, Ty::I64, false))
    }
}

/// Output writers: store `Ops::out`.
pub mod out {
    use super::*;
    #[allow(unused_imports)]
    pub use crate::atomic::out::*;
    #[allow(unused_imports)]
    pub use crate::branch::out::*;
    #[allow(unused_imports)]
    pub use crate::control::out::*;
    #[allow(unused_imports)]
    pub use crate::bfp::out::*;
    #[allow(unused_imports)]
    pub use crate::storage_ops::out::*;
    #[allow(unused_imports)]
    pub use crate::vector::out::*;

    type O<V> = Ops<V>;

    pub fn none<E: Emitter>(_: &mut E, _: &Fields, _: &Cx, _: &O<E::V>) {}
    pub fn r1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        e.set(gpr(f.r1), o.out());
    }
    pub fn r1_32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        set_lo(e, f.r1, o.out());
    }
    /// Bits 0:31 of R1 (high-word facility).
    pub fn r1_32h<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        set_hi(e, f.r1, o.out());
    }
    /// `out` into R1+1 and `out2` into R1 (even/odd pair results: R1 gets the high part).
    pub fn r1_p64<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        e.set(gpr((f.r1 + 1) & 15), o.out());
        e.set(gpr(f.r1), o.out2.expect("pair result lacks out2"));
    }
    pub fn r1_p32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        set_lo(e, (f.r1 + 1) & 15, o.out());
        set_lo(e, f.r1, o.out2.expect("pair result lacks out2"));
    }
    pub fn r2<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        e.set(gpr(f.r2), o.out());
    }
    /// Bits 48:63 of R1 (the rest kept: `LRVH`).
    pub fn r1_16<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        let old = e.get(gpr(f.r1));
        let keep = e.and_imm(old, !0xffff);
        let v = e.and_imm(o.out(), 0xffff);
        let n = e.or(keep, v);
        e.set(gpr(f.r1), n);
    }
    /// Bits 56:63 of R1 (`IC`).
    pub fn r1_8<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        let old = e.get(gpr(f.r1));
        let keep = e.and_imm(old, !0xff);
        let v = e.and_imm(o.out(), 0xff);
        let n = e.or(keep, v);
        e.set(gpr(f.r1), n);
    }
    pub fn r3<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        e.set(gpr(f.r3), o.out());
    }
    pub fn r3_32<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        set_lo(e, f.r3, o.out());
    }
    fn m1<E: Emitter>(e: &mut E, o: &O<E::V>, ty: Ty) {
        let a = o.addr1.expect("storage output without an addr1 loader");
        let v = e.trunc(ty, o.out());
        e.store(ty, a, v, Endian::Big);
    }
    pub fn m1_8<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        m1(e, o, Ty::I8)
    }
    pub fn m1_16<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        m1(e, o, Ty::I16)
    }
    pub fn m1_32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        m1(e, o, Ty::I32)
    }
    pub fn m1_64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        m1(e, o, Ty::I64)
    }
}

/// Kinds of [`Emitter::note_origin`] hints on condition codes (see
/// [`crate::logical::cc_selected`]), with the values each is made from.
pub mod origin {
    /// `[a, b]`: 0 equal, 1 `a` low, 2 `a` high, signed.
    pub const COMPARE: u32 = 1;
    /// `[a, b]`: as `COMPARE`, unsigned.
    pub const COMPARE_LOGICAL: u32 = 2;
    /// `[sel, mask]` (`sel` = tested bits ANDed with the mask): 0 all selected bits zero (or
    /// mask zero), 3 all one, 1 mixed.
    pub const TEST: u32 = 3;
    /// As `TEST`, mixed giving 1 when the leftmost selected bit is zero and 2 when it is one.
    pub const TEST_LEFTMOST: u32 = 4;
    /// `[v]`: 0 `v` zero, 1 nonzero.
    pub const NONZERO: u32 = 5;
    /// `[r, ovf]`: a signed result and its overflow flag: 3 on overflow, else as `COMPARE`
    /// of `r` with zero.
    pub const ARITH: u32 = 6;
}

/// Condition-code setters (PoP Appendix "Condition-Code Settings"). Each writes CC 0..=3.
pub mod cc {
    use super::*;
    #[allow(unused_imports)]
    pub use crate::atomic::cc::*;
    #[allow(unused_imports)]
    pub use crate::branch::cc::*;
    #[allow(unused_imports)]
    pub use crate::control::cc::*;
    #[allow(unused_imports)]
    pub use crate::bfp::cc::*;
    #[allow(unused_imports)]
    pub use crate::storage_ops::cc::*;
    #[allow(unused_imports)]
    pub use crate::vector::cc::*;
    #[allow(unused_imports)]
    pub use crate::logical::cc::*;

    type O<V> = Ops<V>;

    pub fn none<E: Emitter>(_: &mut E, _: &Fields, _: &Cx, _: &O<E::V>) {}

    /// CC from two 0/1 bits: `hi * 2 + lo`.
    pub fn from_bits<E: Emitter>(e: &mut E, lo: E::V, hi: E::V) -> E::V {
        e.pack_bits(&[lo, hi])
    }
    /// 0 if `a == b`, 1 if `a < b`, 2 if `a > b` (signed or unsigned).
    pub fn compare<E: Emitter>(e: &mut E, a: E::V, b: E::V, signed: bool) -> E::V {
        let (lt, gt) = if signed { (Cmp::Slt, Cmp::Sgt) } else { (Cmp::Ult, Cmp::Ugt) };
        let lt = e.icmp(lt, a, b);
        let gt = e.icmp(gt, a, b);
        // Not one-hot: equal operands set neither bit.
        let c = e.pack_bits(&[lt, gt]);
        e.note_origin(c, if signed { origin::COMPARE } else { origin::COMPARE_LOGICAL }, &[a, b]);
        c
    }
    /// 0 zero, 1 negative, 2 positive (signed result tests: `LTR`, arithmetic without
    /// overflow).
    pub fn sign<E: Emitter>(e: &mut E, v: E::V) -> E::V {
        let z = e.imm_like(v, 0);
        compare(e, v, z, true)
    }
    pub fn low<E: Emitter>(e: &mut E, v: E::V, ty: Ty) -> E::V {
        e.trunc(ty, v)
    }
    pub fn set<E: Emitter>(e: &mut E, v: E::V) {
        e.set(CC, v);
    }

    pub fn cmps32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let (a, b) = (o.in1(), o.in2());
        let (a, b) = (low(e, a, Ty::I32), low(e, b, Ty::I32));
        let c = compare(e, a, b, true);
        set(e, c);
    }
    pub fn cmps64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let c = compare(e, o.in1(), o.in2(), true);
        set(e, c);
    }
    pub fn cmpu32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let (a, b) = (o.in1(), o.in2());
        let (a, b) = (low(e, a, Ty::I32), low(e, b, Ty::I32));
        let c = compare(e, a, b, false);
        set(e, c);
    }
    pub fn cmpu64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let c = compare(e, o.in1(), o.in2(), false);
        set(e, c);
    }
    /// CC 0 when `v` is zero, else 1 (noted for branches: see `origin::NONZERO`).
    pub fn nonzero<E: Emitter>(e: &mut E, v: E::V) -> E::V {
        let c = e.icmp_imm(Cmp::Ne, v, 0);
        e.note_origin(c, origin::NONZERO, &[v]);
        c
    }
    /// 0 zero, 1 nonzero.
    pub fn nz64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let c = nonzero(e, o.out());
        set(e, c);
    }
    pub fn nz32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let v = low(e, o.out(), Ty::I32);
        let c = nonzero(e, v);
        set(e, c);
    }
    /// 0 zero, 1 nonzero, of bits 48:63 (`NILL`, `OILL` ...).
    pub fn nz16_0<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let v = low(e, o.out(), Ty::I16);
        let c = nonzero(e, v);
        set(e, c);
    }
    pub fn s64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let c = sign(e, o.out());
        set(e, c);
    }
    pub fn s32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let v = low(e, o.out(), Ty::I32);
        let c = sign(e, v);
        set(e, c);
    }
    /// Whether the signed add (or subtract) `a ± b` overflows `ty` (see
    /// [`Emitter::signed_overflow`]: the compiled backend uses the host's overflow flag).
    pub fn signed_overflow<E: Emitter>(e: &mut E, a: E::V, b: E::V, ty: Ty, sub: bool) -> E::V {
        let (a, b) = (low(e, a, ty), low(e, b, ty));
        e.signed_overflow(a, b, sub)
    }
    /// CC of a signed arithmetic result `r` of width `ty` with overflow flag `ovf`: 0 zero,
    /// 1 negative, 2 positive, 3 overflow, noted as `origin::ARITH` so a branch on it tests
    /// `r` and `ovf` themselves (see `logical::cc_selected`).
    pub fn sign_or_3<E: Emitter>(e: &mut E, r: E::V, ty: Ty, ovf: E::V) -> E::V {
        let r = low(e, r, ty);
        let z = e.imm_like(r, 0);
        let gt = e.icmp(Cmp::Sgt, r, z);
        // (r != 0) + (r > 0): 0, 1 negative, 2 positive; 3 on overflow. Branches on it test
        // `r` and `ovf` themselves (see `origin::ARITH`).
        let ne = e.icmp(Cmp::Ne, r, z);
        let sum = e.add(ne, gt);
        let three = e.iconst(Ty::I8, 3);
        let c = e.select(ovf, three, sum);
        e.note_origin(c, origin::ARITH, &[r, ovf]);
        c
    }
    /// Signed add: 0 zero, 1 < 0, 2 > 0, 3 overflow (of `ty`); the overflow exception when
    /// the program mask enables it.
    fn adds<E: Emitter>(e: &mut E, cx: &Cx, o: &O<E::V>, ty: Ty, sub: bool) {
        let ovf = signed_overflow(e, o.in1(), o.in2(), ty, sub);
        let c = sign_or_3(e, o.out(), ty, ovf);
        set(e, c);
        overflow_trap(e, cx, ovf);
    }
    pub fn adds32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        adds(e, cx, o, Ty::I32, false)
    }
    pub fn adds64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        adds(e, cx, o, Ty::I64, false)
    }
    pub fn subs32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        adds(e, cx, o, Ty::I32, true)
    }
    pub fn subs64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        adds(e, cx, o, Ty::I64, true)
    }
    /// Logical add: bit 1 = carry out, bit 0 = result nonzero.
    fn addu<E: Emitter>(e: &mut E, o: &O<E::V>, ty: Ty) {
        let (a, r) = (o.in1(), o.out());
        let (a, r) = (low(e, a, ty), low(e, r, ty));
        let carry = e.icmp(Cmp::Ult, r, a);
        let nz = e.icmp_imm(Cmp::Ne, r, 0);
        let c = from_bits(e, nz, carry);
        set(e, c);
    }
    pub fn addu32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        addu(e, o, Ty::I32)
    }
    pub fn addu64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        addu(e, o, Ty::I64)
    }
    /// Logical subtract: bit 1 = no borrow, bit 0 = result nonzero (CC 0 cannot occur).
    fn subu<E: Emitter>(e: &mut E, o: &O<E::V>, ty: Ty) {
        let (a, b, r) = (o.in1(), o.in2(), o.out());
        let (a, b, r) = (low(e, a, ty), low(e, b, ty), low(e, r, ty));
        let no_borrow = e.icmp(Cmp::Uge, a, b);
        let nz = e.icmp_imm(Cmp::Ne, r, 0);
        let c = from_bits(e, nz, no_borrow);
        set(e, c);
    }
    pub fn subu32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        subu(e, o, Ty::I32)
    }
    pub fn subu64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        subu(e, o, Ty::I64)
    }
    /// Load complement / positive: as a signed result, 3 (and the overflow exception when
    /// enabled) when the operand was the maximum negative number of `ty`.
    fn comp<E: Emitter>(e: &mut E, cx: &Cx, o: &O<E::V>, ty: Ty) {
        let b = low(e, o.in2(), ty);
        let min = e.imm_like(b, 1u64 << (ty.bits() - 1));
        let ovf = e.icmp(Cmp::Eq, b, min);
        let c = sign_or_3(e, o.out(), ty, ovf);
        set(e, c);
        overflow_trap(e, cx, ovf);
    }
    pub fn comp32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        comp(e, cx, o, Ty::I32)
    }
    pub fn comp64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        comp(e, cx, o, Ty::I64)
    }
    /// Logical add with carry of zero-extended 32-bit operands: the carry is bit 32 of the
    /// 64-bit sum (`ALCR`, `SLBR` as `a + ~b + carry`).
    pub fn addc32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let r = o.out();
        let carry = e.bit(r, 32);
        let v = low(e, r, Ty::I32);
        let nz = e.icmp_imm(Cmp::Ne, v, 0);
        let c = from_bits(e, nz, carry);
        set(e, c);
    }
    /// Logical add with carry in 64 bits: carry out when `r < a`, or `r == a` with a carry
    /// in (CC bit 1 before the instruction: the CC slot is not yet written).
    pub fn addc64<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        let (a, r) = (o.in1(), o.out());
        let cin = carry_in(e);
        let lt = e.icmp(Cmp::Ult, r, a);
        let eq = e.icmp(Cmp::Eq, r, a);
        let eqc = e.and(eq, cin);
        let carry = e.or(lt, eqc);
        let nz = e.icmp_imm(Cmp::Ne, r, 0);
        let c = from_bits(e, nz, carry);
        set(e, c);
    }
    /// The carry (CC 2 or 3) of `ALC`/`SLB`, as an `I8` 0/1.
    pub fn carry_in<E: Emitter>(e: &mut E) -> E::V {
        let c = e.get(CC);
        e.bit(c, 1)
    }
    fn nz_field<E: Emitter>(e: &mut E, o: &O<E::V>, shift: u32, ty: Ty) {
        let v = e.lshr_imm(o.out(), shift);
        let v = low(e, v, ty);
        let c = nonzero(e, v);
        set(e, c);
    }
    /// 0 zero, 1 nonzero, of bits 32:47 / 16:31 / 0:15 / 0:31 of the result.
    pub fn nz16_16<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        nz_field(e, o, 16, Ty::I16)
    }
    pub fn nz16_32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        nz_field(e, o, 32, Ty::I16)
    }
    pub fn nz16_48<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        nz_field(e, o, 48, Ty::I16)
    }
    pub fn nz32_32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        nz_field(e, o, 32, Ty::I32)
    }
    /// TEST UNDER MASK: `in1` the tested bits (at the mask's position), `in2` the mask.
    /// 0 selected bits all zero (or mask zero), 3 all one, mixed: 1 — or, for the 16-bit
    /// forms (`mixed_by_leftmost`), 1 when the leftmost selected bit is zero and 2 when it
    /// is one.
    fn tm<E: Emitter>(e: &mut E, o: &O<E::V>, shift: u32, mixed_by_leftmost: bool) {
        let v = e.lshr_imm(o.in1(), shift);
        let m = o.in2();
        let sel = e.and(v, m);
        let zero = e.icmp_imm(Cmp::Eq, sel, 0);
        let ones = e.icmp(Cmp::Eq, sel, m);
        let mixed = if mixed_by_leftmost {
            // Leftmost mask bit: 63 - clz(m) (m != 0 whenever the result is used).
            let lz = e.clz(m);
            let c63 = e.imm_like(lz, 63);
            let pos = e.sub(c63, lz);
            let sh = e.lshr(sel, pos);
            let b = e.trunc(Ty::I8, sh);
            let b = e.and_imm(b, 1);
            e.add_imm(b, 1)
        } else {
            e.iconst(Ty::I8, 1)
        };
        let three = e.iconst(Ty::I8, 3);
        let z = e.iconst(Ty::I8, 0);
        let c = e.select(ones, three, mixed);
        // Mask zero: selected bits are both "all zero" and "all one"; zero wins (CC 0).
        let c = e.select(zero, z, c);
        e.note_origin(c, if mixed_by_leftmost { origin::TEST_LEFTMOST } else { origin::TEST }, &[sel, m]);
        set(e, c);
    }
    pub fn tm8<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        tm(e, o, 0, false)
    }
    pub fn tm16_0<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        tm(e, o, 0, true)
    }
    pub fn tm16_16<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        tm(e, o, 16, true)
    }
    pub fn tm16_32<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        tm(e, o, 32, true)
    }
    pub fn tm16_48<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, o: &O<E::V>) {
        tm(e, o, 48, true)
    }
}
