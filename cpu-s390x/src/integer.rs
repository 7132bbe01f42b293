//! Integer arithmetic, loads and stores (PoP ch. 7 "General Instructions"): the operations
//! of the rows that compute `out` from `in1`/`in2`, and the multi-register loads/stores.

use crate::forms::Fields;
use crate::operands::Ops;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Emitter, Endian, Ty};

type O<V> = Ops<V>;

pub fn nop<E: Emitter>(_: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    cx.next()
}
/// `out = in2` (loads, register moves).
pub fn mov2<E: Emitter>(_: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = o.in2;
    cx.next()
}
pub fn add<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.add(o.in1(), o.in2()));
    cx.next()
}
pub fn sub<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.sub(o.in1(), o.in2()));
    cx.next()
}
pub fn mul<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.mul(o.in1(), o.in2()));
    cx.next()
}
pub fn neg<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.neg(o.in2()));
    cx.next()
}

fn store<E: Emitter>(e: &mut E, o: &O<E::V>, ty: Ty) {
    let v = e.trunc(ty, o.in1());
    e.store(ty, o.in2(), v, Endian::Big);
}
/// Stores the low 8/16/32/64 bits of `in1` at the address `in2`.
pub fn st8<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I8);
    cx.next()
}
pub fn st16<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I16);
    cx.next()
}
pub fn st32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I32);
    cx.next()
}
pub fn st64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I64);
    cx.next()
}

/// The registers R1, R1+1, ..., R3 (wrapping from 15 to 0), as `STM`/`LM` walk them.
pub fn reg_range(r1: usize, r3: usize) -> impl Iterator<Item = usize> {
    let n = (r3 + 16 - r1) % 16 + 1;
    (0..n).map(move |i| (r1 + i) % 16)
}

/// `STMG R1,R3,D2(B2)`: stores R1..R3 at consecutive doublewords.
pub fn stmg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    for (i, r) in reg_range(f.r1, f.r3).enumerate() {
        let at = e.add_imm(a, 8 * i as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let v = e.get(gpr(r));
        e.store(Ty::I64, at, v, Endian::Big);
    }
    cx.next()
}

/// `LMG R1,R3,D2(B2)`: loads R1..R3 from consecutive doublewords (every load is made
/// before any register changes, so a fault leaves them all as they were).
pub fn lmg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    for (i, r) in reg_range(f.r1, f.r3).enumerate() {
        let at = e.add_imm(a, 8 * i as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let v = e.load(Ty::I64, at, Endian::Big);
        e.set(gpr(r), v);
    }
    cx.next()
}
