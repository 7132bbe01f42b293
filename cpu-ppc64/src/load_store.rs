//! Fixed-point loads and stores (Power ISA 3.0B Book I ch. 3.3.2-3.3.6): D/DS/X forms,
//! update forms, byte-reversed, multiple and string, and the `l*arx`/`st*cx.` reservations.

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};

/// Width and extension of an integer load/store.
#[derive(Clone, Copy, Debug)]
pub struct Width {
    pub ty: Ty,
    pub signed: bool,
}
pub const U8: Width = Width { ty: Ty::I8, signed: false };
pub const U16: Width = Width { ty: Ty::I16, signed: false };
pub const S16: Width = Width { ty: Ty::I16, signed: true };
pub const U32: Width = Width { ty: Ty::I32, signed: false };
pub const S32: Width = Width { ty: Ty::I32, signed: true };
pub const U64: Width = Width { ty: Ty::I64, signed: false };

/// The effective address `(RA|0) + disp`; update forms use RA itself (RA=0 is invalid).
fn ea_disp<E: Emitter>(e: &mut E, ra: usize, disp: i64) -> E::V {
    let base = ra_or_zero(e, ra);
    e.add_imm(base, disp)
}

/// Loads `w` at `ea` into RT (extended to 64 bits), updating RA with `ea` if asked.
/// Update forms with RA=0 or RA=RT are invalid forms (§3.3.2): illegal instruction.
pub fn load_to<E: Emitter>(e: &mut E, ea: E::V, rt: usize, ra: usize, w: Width, update: bool, cx: &Cx) -> Flow {
    if update && (ra == 0 || ra == rt) {
        e.raise(exc::ILLEGAL, cx.pc);
        return Flow::End;
    }
    let v = e.load(w.ty, ea, cx.endian);
    let v = if w.signed { e.sext(Ty::I64, v) } else { e.zext(Ty::I64, v) };
    e.set(gpr(rt), v);
    if update {
        e.set(gpr(ra), ea);
    }
    Flow::Next(4)
}

/// Stores the low `w` bytes of RS at `ea`, updating RA with `ea` if asked (RA=0 invalid).
pub fn store_from<E: Emitter>(e: &mut E, ea: E::V, rs: usize, ra: usize, w: Width, update: bool, cx: &Cx) -> Flow {
    if update && ra == 0 {
        e.raise(exc::ILLEGAL, cx.pc);
        return Flow::End;
    }
    let v = e.get(gpr(rs));
    let v = e.trunc(w.ty, v);
    e.store(w.ty, ea, v, cx.endian);
    if update {
        e.set(gpr(ra), ea);
    }
    Flow::Next(4)
}

pub fn ld_d<E: Emitter>(e: &mut E, a: &D, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.si);
    load_to(e, ea, a.rt, a.ra, w, update, cx)
}
pub fn st_d<E: Emitter>(e: &mut E, a: &D, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.si);
    store_from(e, ea, a.rt, a.ra, w, update, cx)
}
pub fn ld_ds<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    load_to(e, ea, a.rt, a.ra, w, update, cx)
}
pub fn st_ds<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    store_from(e, ea, a.rt, a.ra, w, update, cx)
}
