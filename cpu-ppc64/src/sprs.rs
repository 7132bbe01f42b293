//! Special-purpose register moves (Power ISA 3.0B Book I ch. 3.3.17): user-level SPRs only.

use crate::forms::*;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};

pub const SPR_XER: u32 = 1;
pub const SPR_LR: u32 = 8;
pub const SPR_CTR: u32 = 9;

pub fn trans_mfspr<E: Emitter>(e: &mut E, a: &Xfx, cx: &Cx) -> Flow {
    let v = match a.spr {
        SPR_LR => e.get(LR),
        SPR_CTR => e.get(CTR),
        _ => {
            e.raise(exc::ILLEGAL, cx.pc);
            return Flow::End;
        }
    };
    e.set(gpr(a.rt), v);
    Flow::Next(4)
}

pub fn trans_mtspr<E: Emitter>(e: &mut E, a: &Xfx, cx: &Cx) -> Flow {
    let v = e.get(gpr(a.rt));
    match a.spr {
        SPR_LR => e.set(LR, v),
        SPR_CTR => e.set(CTR, v),
        _ => {
            e.raise(exc::ILLEGAL, cx.pc);
            return Flow::End;
        }
    }
    let _ = Ty::I64;
    Flow::Next(4)
}
