//! Floating-point loads and stores (Power ISA 3.0B Book I §4.6.2-4.6.3): `lfs`/`lfd`/
//! `stfs`/`stfd` with update and indexed forms, `lfiwax`, `lfiwzx`, `stfiwx`.
//!
//! They move data only — no rounding, no FPSCR — so they live apart from the arithmetic of the
//! FP chapter. FPR n is doubleword 0 of VSR n; the book leaves doubleword 1 undefined after a
//! load, and it keeps its value. Single-precision values are converted bit-exactly with the
//! book's rules ([`crate::vsx_helpers::sp_to_dp`], [`crate::vsx_helpers::dp_to_sp`]), which
//! keep signalling NaNs signalling. Update forms with RA=0 are invalid forms.

use crate::forms::*;
use crate::load_store::{ea_disp, ea_indexed, invalid};
use crate::state::*;
use crate::vsx_helpers as xh;
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Emitter, Ty};

/// What an FP load or store moves between storage and the FPR.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FpData {
    /// A double (`lfd`/`stfd`): the 8 bytes as they are.
    Double,
    /// A single (`lfs`/`stfs`): a word converted to or from double format.
    Single,
    /// A word integer into the FPR sign-extended (`lfiwax`).
    WordSigned,
    /// A word integer zero-extended (`lfiwzx`), or the low word of the FPR (`stfiwx`).
    Word,
}

fn load_fp<E: Emitter>(e: &mut E, ea: E::V, frt: usize, ra: usize, data: FpData, update: bool, cx: &Cx) -> Flow {
    if update && ra == 0 {
        return invalid(e, cx);
    }
    let d = match data {
        FpData::Double => e.load(Ty::I64, ea, cx.endian),
        FpData::Single => {
            let w = e.load(Ty::I32, ea, cx.endian);
            let w = e.zext(Ty::I64, w);
            e.call(&helper!(xh::helper_sp_to_dp, 1, false), &[w])
        }
        FpData::WordSigned => {
            let w = e.load(Ty::I32, ea, cx.endian);
            e.sext(Ty::I64, w)
        }
        FpData::Word => {
            let w = e.load(Ty::I32, ea, cx.endian);
            e.zext(Ty::I64, w)
        }
    };
    e.set(fpr(frt), d);
    if update {
        e.set(gpr(ra), ea);
    }
    Flow::Next(4)
}

fn store_fp<E: Emitter>(e: &mut E, ea: E::V, frs: usize, ra: usize, data: FpData, update: bool, cx: &Cx) -> Flow {
    if update && ra == 0 {
        return invalid(e, cx);
    }
    let d = e.get(fpr(frs));
    match data {
        FpData::Double => e.store(Ty::I64, ea, d, cx.endian),
        FpData::Single => {
            let w = e.call(&helper!(xh::helper_dp_to_sp, 1, false), &[d]);
            let w = e.trunc(Ty::I32, w);
            e.store(Ty::I32, ea, w, cx.endian);
        }
        FpData::Word | FpData::WordSigned => {
            let w = e.trunc(Ty::I32, d);
            e.store(Ty::I32, ea, w, cx.endian);
        }
    }
    if update {
        e.set(gpr(ra), ea);
    }
    Flow::Next(4)
}

/// D-form `lfs`, `lfsu`, `lfd`, `lfdu`.
pub fn ld_fp_d<E: Emitter>(e: &mut E, a: &D, cx: &Cx, data: FpData, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.si);
    load_fp(e, ea, a.rt, a.ra, data, update, cx)
}
/// D-form `stfs`, `stfsu`, `stfd`, `stfdu`.
pub fn st_fp_d<E: Emitter>(e: &mut E, a: &D, cx: &Cx, data: FpData, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.si);
    store_fp(e, ea, a.rt, a.ra, data, update, cx)
}
/// X-form `lfsx`, `lfsux`, `lfdx`, `lfdux`, `lfiwax`, `lfiwzx`.
pub fn ld_fp_x<E: Emitter>(e: &mut E, a: &X, cx: &Cx, data: FpData, update: bool) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    load_fp(e, ea, a.rt, a.ra, data, update, cx)
}
/// X-form `stfsx`, `stfsux`, `stfdx`, `stfdux`, `stfiwx`.
pub fn st_fp_x<E: Emitter>(e: &mut E, a: &X, cx: &Cx, data: FpData, update: bool) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    store_fp(e, ea, a.rt, a.ra, data, update, cx)
}
