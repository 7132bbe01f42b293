//! Condition Register logical and field instructions (Power ISA 3.0B Book I ch. 2.5).

use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::Emitter;

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

pub fn trans_crxor<E: Emitter>(e: &mut E, a: &Xl, _cx: &Cx) -> Flow {
    let x = get_cr_bit(e, a.ba);
    let y = get_cr_bit(e, a.bb);
    let r = e.xor(x, y);
    set_cr_bit(e, a.bt, r);
    Flow::Next(4)
}
