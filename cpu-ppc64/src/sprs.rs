//! Special-purpose register moves (Power ISA 3.0B Book I §3.3.17, Book II §5-6): the
//! user-level SPRs, `mftb`, and the privileged MSR moves.
//!
//! This front end always runs in problem state (MSR[PR] = 1, user mode). Access rules:
//! - SPR numbers with bit 0x10 set (the book's spr_0, instruction bit 11) are privileged:
//!   any `mfspr`/`mtspr` of them raises the privileged-instruction program interrupt, e.g.
//!   SPR 17 (DSCR, privileged view) as opposed to SPR 3 (DSCR, problem-state view).
//! - Other numbers this file does not model, and writes to read-only ones (TB, TBU), raise
//!   the illegal-instruction program interrupt (Book III: an undefined non-privileged SPR).
//! - `mfmsr`, `mtmsr`, `mtmsrd` are privileged.
//!
//! XER is kept split into flag bytes (see [`crate::state`]); `mfspr`/`mtspr` assemble and
//! split it. The time base counts at 512 MHz (POWER9) from the host's monotonic clock.

use crate::forms::*;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Emitter, Helper, Ty};

pub const SPR_XER: u32 = 1;
pub const SPR_DSCR: u32 = 3;
pub const SPR_LR: u32 = 8;
pub const SPR_CTR: u32 = 9;
pub const SPR_VRSAVE: u32 = 256;
pub const SPR_TB: u32 = 268;
pub const SPR_TBU: u32 = 269;
pub const SPR_TAR: u32 = 815;
pub const SPR_PPR: u32 = 896;
pub const SPR_PPR32: u32 = 898;

/// Problem-state access to this SPR number is a privileged-instruction exception.
pub const fn spr_is_privileged(spr: u32) -> bool {
    spr & 0x10 != 0
}

/// XER bit positions (counting from the least significant bit of the 64-bit XER).
const XER_SO_BIT: u32 = 31;
const XER_OV_BIT: u32 = 30;
const XER_CA_BIT: u32 = 29;
const XER_OV32_BIT: u32 = 19;
const XER_CA32_BIT: u32 = 18;
const XER_BC_MASK: u64 = 0x7f;

/// Time-base frequency of POWER9.
pub const TB_FREQ_HZ: u64 = 512_000_000;

/// The time base: host monotonic nanoseconds scaled to [`TB_FREQ_HZ`].
pub extern "C" fn helper_mftb(_cpu: *mut u8) -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec to write.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    let ns = ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128;
    (ns * TB_FREQ_HZ as u128 / 1_000_000_000) as u64
}
pub fn mftb_helper() -> Helper {
    helper!(helper_mftb, 0, false)
}

fn privileged<E: Emitter>(e: &mut E, cx: &Cx) -> Flow {
    e.raise(exc::PRIVILEGED, cx.pc);
    Flow::End
}

fn illegal<E: Emitter>(e: &mut E, cx: &Cx) -> Flow {
    e.raise(exc::ILLEGAL, cx.pc);
    Flow::End
}

/// Reports an SPR number this file does not handle: privileged or illegal.
fn unknown_spr<E: Emitter>(e: &mut E, spr: u32, cx: &Cx) -> Flow {
    if spr_is_privileged(spr) { privileged(e, cx) } else { illegal(e, cx) }
}

/// XER as `mfxer` reads it, assembled from the flag bytes.
fn read_xer<E: Emitter>(e: &mut E) -> E::V {
    let mut r = e.get(XER_BC);
    r = e.zext(Ty::I64, r);
    r = e.and_imm(r, XER_BC_MASK);
    for (slot, bit) in [(XER_SO, XER_SO_BIT), (XER_OV, XER_OV_BIT), (XER_CA, XER_CA_BIT), (XER_OV32, XER_OV32_BIT), (XER_CA32, XER_CA32_BIT)] {
        let b = e.get(slot);
        let b = e.zext(Ty::I64, b);
        let b = e.shl_imm(b, bit);
        r = e.or(r, b);
    }
    r
}

/// `mtxer`: splits `v` into the flag bytes (other XER bits are not kept).
fn write_xer<E: Emitter>(e: &mut E, v: E::V) {
    for (slot, bit) in [(XER_SO, XER_SO_BIT), (XER_OV, XER_OV_BIT), (XER_CA, XER_CA_BIT), (XER_OV32, XER_OV32_BIT), (XER_CA32, XER_CA32_BIT)] {
        let b = e.bit(v, bit);
        e.set(slot, b);
    }
    let bc = e.trunc(Ty::I8, v);
    let bc = e.and_imm(bc, XER_BC_MASK);
    e.set(XER_BC, bc);
}

fn read_tb<E: Emitter>(e: &mut E, upper: bool) -> E::V {
    let tb = e.call(&mftb_helper(), &[]);
    if upper { e.lshr_imm(tb, 32) } else { tb }
}

pub fn trans_mfspr<E: Emitter>(e: &mut E, a: &Xfx, cx: &Cx) -> Flow {
    let v = match a.spr {
        SPR_XER => read_xer(e),
        SPR_LR => e.get(LR),
        SPR_CTR => e.get(CTR),
        SPR_DSCR => e.get(DSCR),
        SPR_VRSAVE => {
            let v = e.get(VRSAVE);
            e.zext(Ty::I64, v)
        }
        SPR_TB => read_tb(e, false),
        SPR_TBU => read_tb(e, true),
        SPR_TAR => e.get(TAR),
        SPR_PPR => e.get(PPR),
        // PPR32 is PPR[0:31], read into RT[32:63].
        SPR_PPR32 => {
            let v = e.get(PPR);
            e.lshr_imm(v, 32)
        }
        n => return unknown_spr(e, n, cx),
    };
    e.set(gpr(a.rt), v);
    Flow::Next(4)
}

pub fn trans_mtspr<E: Emitter>(e: &mut E, a: &Xfx, cx: &Cx) -> Flow {
    let v = e.get(gpr(a.rt));
    match a.spr {
        SPR_XER => write_xer(e, v),
        SPR_LR => e.set(LR, v),
        SPR_CTR => e.set(CTR, v),
        SPR_DSCR => e.set(DSCR, v),
        SPR_VRSAVE => {
            let w = e.trunc(Ty::I32, v);
            e.set(VRSAVE, w);
        }
        SPR_TAR => e.set(TAR, v),
        SPR_PPR => e.set(PPR, v),
        // PPR32 writes RS[32:63] into PPR[0:31]; PPR[32:63] is kept.
        SPR_PPR32 => {
            let hi = e.shl_imm(v, 32);
            let old = e.get(PPR);
            let lo = e.and_imm(old, 0xffff_ffff);
            let r = e.or(hi, lo);
            e.set(PPR, r);
        }
        // The time base is read-only in problem state (TBL/TBU writes are SPRs 284/285).
        SPR_TB | SPR_TBU => return illegal(e, cx),
        n => return unknown_spr(e, n, cx),
    }
    Flow::Next(4)
}

/// `mftb RT,TBR` (XFX-form, phased out but still architected): TBR 268 reads TB, 269 TBU;
/// any other TBR is an invalid form (illegal instruction).
pub fn trans_mftb<E: Emitter>(e: &mut E, a: &Xfx, cx: &Cx) -> Flow {
    let v = match a.spr {
        SPR_TB => read_tb(e, false),
        SPR_TBU => read_tb(e, true),
        _ => return illegal(e, cx),
    };
    e.set(gpr(a.rt), v);
    Flow::Next(4)
}

/// `mfmsr`, `mtmsr`, `mtmsrd`: privileged (Book III), so always an exception in user mode.
pub fn trans_msr_move<E: Emitter>(e: &mut E, _a: &X, cx: &Cx) -> Flow {
    privileged(e, cx)
}
