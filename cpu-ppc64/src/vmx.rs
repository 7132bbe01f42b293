//! Vector facility (VMX, Power ISA 3.0B Book I ch. 6).

use crate::forms::*;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::Emitter;

pub fn trans_vor<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    let x = e.get(vr(a.vra));
    let y = e.get(vr(a.vrb));
    let r = e.or(x, y);
    e.set(vr(a.vrt), r);
    Flow::Next(4)
}
