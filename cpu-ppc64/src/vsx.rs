//! Vector-scalar facility (VSX, Power ISA 3.0B Book I ch. 7).

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};

/// `lxvd2x`: doubleword 0 from EA, doubleword 1 from EA+8, each in the data byte order.
pub fn trans_lxvd2x<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let base = ra_or_zero(e, a.ra);
    let idx = e.get(gpr(a.rb));
    let ea = e.add(base, idx);
    let hi = e.load(Ty::I64, ea, cx.endian);
    let ea8 = e.add_imm(ea, 8);
    let lo = e.load(Ty::I64, ea8, cx.endian);
    let v = e.concat(lo, hi);
    e.set(vsr(a.xt), v);
    Flow::Next(4)
}
