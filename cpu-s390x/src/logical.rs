//! Logical operations, shifts and rotates (PoP ch. 7).

use crate::forms::Fields;
use crate::operands::Ops;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter};

type O<V> = Ops<V>;

pub fn and<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.and(o.in1(), o.in2()));
    cx.next()
}
pub fn or<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.or(o.in1(), o.in2()));
    cx.next()
}
pub fn xor<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.xor(o.in1(), o.in2()));
    cx.next()
}
/// AND of bits 48:63 with the 16-bit immediate, other bits kept (`NILL`).
pub fn and_ll<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let m = e.or_imm(o.in2(), !0xffffu64);
    o.out = Some(e.and(o.in1(), m));
    cx.next()
}

/// Logical shift left by `in2` (0..=63); a 32-bit shift by 32 or more gives 0, which the
/// 64-bit shift of the zero-extended operand already does once truncated.
pub fn sll<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.shl(o.in1(), o.in2()));
    cx.next()
}
/// Logical shift right by `in2` (0..=63) of the (zero-extended) operand.
pub fn srl<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.lshr(o.in1(), o.in2()));
    cx.next()
}

/// Whether CC (0..=3) is selected by the 4-bit branch mask `m` (bit 8 selects CC 0).
pub fn cc_selected<E: Emitter>(e: &mut E, m: u32, cc: E::V) -> E::V {
    // (m << cc) & 8 != 0
    let mv = e.iconst(jit::ir::Ty::I8, m as u64);
    let s = e.shl(mv, cc);
    let b = e.and_imm(s, 8);
    e.icmp_imm(Cmp::Ne, b, 0)
}
