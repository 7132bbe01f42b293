//! s390x CPU state as translated code sees it (`#[repr(C)]`, addressed through [`Slot`]s).
//!
//! Representation choices:
//! - The condition code is one byte holding 0..=3 (PSW bits 18:19), written by every
//!   instruction that sets it; the PSW's other problem-state fields (program mask, addressing
//!   mode) live in their own fields.
//! - Vector registers are `[u64; 2]` with `[0]` = bits 64:127 and `[1]` = bits 0:63, i.e. the
//!   architected 128-bit value as a little-endian `u128` (element 0 is the most significant).
//!   FPR n is bits 0:63 of VR n (`vr[n][1]`), as the architecture overlays them.
//! - Access registers are 32 bits; Linux keeps the thread pointer in a0 (high half) and a1
//!   (low half).

use jit::cpu::{CpuHeader, GuestCpu};
use jit::ir::{Emitter, Slot, Ty};
use std::mem::offset_of;

#[repr(C)]
#[derive(Debug)]
pub struct S390xCpu {
    pub hdr: CpuHeader,
    pub gpr: [u64; 16],
    /// Condition code, 0..=3.
    pub cc: u8,
    /// Program mask (PSW bits 20:23): fixed-point overflow, decimal overflow, HFP exponent
    /// underflow, HFP significance, as a 4-bit value (bit 3 = fixed-point overflow).
    pub pm: u8,
    /// Addressing mode: 64, 31 or 24 (PSW EA/BA bits).
    pub amode: u8,
    pub _pad0: u8,
    /// Floating-point control register: masks 0:7, flags 8:15, DXC 16:23, BFP rounding 29:31
    /// (as a 32-bit value with bit 0 the most significant).
    pub fpc: u32,
    pub acr: [u32; 16],
    pub vr: [[u64; 2]; 32],
}

unsafe impl GuestCpu for S390xCpu {
    fn header(&self) -> &CpuHeader {
        &self.hdr
    }
    fn header_mut(&mut self) -> &mut CpuHeader {
        &mut self.hdr
    }
}

impl S390xCpu {
    /// A problem-state CPU in 64-bit addressing mode, program mask 0, all registers zero.
    pub fn new() -> Box<S390xCpu> {
        // SAFETY: every field is an integer or an array of integers; all-zero is valid.
        let mut c: Box<S390xCpu> = unsafe { Box::new(std::mem::zeroed()) };
        c.amode = 64;
        c
    }
    pub fn fpr(&self, n: usize) -> u64 {
        self.vr[n][1]
    }
    pub fn set_fpr(&mut self, n: usize, v: u64) {
        self.vr[n][1] = v;
    }
    /// The 128-bit VR n, element 0 most significant.
    pub fn vr128(&self, n: usize) -> u128 {
        (self.vr[n][1] as u128) << 64 | self.vr[n][0] as u128
    }
    pub fn set_vr128(&mut self, n: usize, v: u128) {
        self.vr[n] = [v as u64, (v >> 64) as u64];
    }
    /// The PSW mask as Linux's `psw_t.mask` shows it in a problem-state program: DAT, I/O,
    /// external, key 0, machine check, problem state, home address space, CC, program mask,
    /// EA/BA for the addressing mode.
    pub fn psw_mask(&self) -> u64 {
        let amode = match self.amode {
            64 => 3u64 << 31,
            31 => 1u64 << 31,
            _ => 0,
        };
        0x0705_0000_0000_0000 | (self.cc as u64 & 3) << 44 | (self.pm as u64 & 0xf) << 40 | amode
    }
    /// Sets CC, program mask and addressing mode from a PSW mask (`sigreturn`).
    pub fn set_psw_mask(&mut self, m: u64) {
        self.cc = ((m >> 44) & 3) as u8;
        self.pm = ((m >> 40) & 0xf) as u8;
        self.amode = match (m >> 31) & 3 {
            3 => 64,
            1 => 31,
            _ => 24,
        };
    }
}

// ---- slots: how semantics name guest state ----
pub fn gpr(n: usize) -> Slot {
    Slot::new(offset_of!(S390xCpu, gpr) + 8 * n, Ty::I64)
}
/// Bits 32:63 of GPR n (the "low word" of 32-bit instructions), as an `I32`.
///
/// The 32-bit halves are views computed from the one 64-bit slot, never slots of their own:
/// the compiled backend caches each slot in a variable of one type, so two overlapping
/// slots of a register would be two variables that disagree.
pub fn get_lo<E: Emitter>(e: &mut E, n: usize) -> E::V {
    e.get_lo32(gpr(n))
}
/// The low 32 bits of `v` as an `I64`.
fn widen32<E: Emitter>(e: &mut E, v: E::V) -> E::V {
    match e.ty(v) {
        Ty::I64 => e.and_imm(v, 0xffff_ffff),
        Ty::I128 => {
            let t = e.trunc(Ty::I32, v);
            e.zext(Ty::I64, t)
        }
        _ => e.zext(Ty::I64, v),
    }
}
/// Bits 0:31 of GPR n (the high word of the high-word facility), as an `I32`.
pub fn get_hi<E: Emitter>(e: &mut E, n: usize) -> E::V {
    let v = e.get(gpr(n));
    let h = e.lshr_imm(v, 32);
    e.trunc(Ty::I32, h)
}
/// Replaces bits 32:63 of GPR n with the low 32 bits of `v` (any width), keeping 0:31.
pub fn set_lo<E: Emitter>(e: &mut E, n: usize, v: E::V) {
    let lo = match e.ty(v) {
        Ty::I32 => v,
        Ty::I64 | Ty::I128 => e.trunc(Ty::I32, v),
        _ => e.zext(Ty::I32, v),
    };
    e.set_lo32(gpr(n), lo);
}
/// Replaces bits 0:31 of GPR n with the low 32 bits of `v` (any width), keeping 32:63.
pub fn set_hi<E: Emitter>(e: &mut E, n: usize, v: E::V) {
    let old = e.get(gpr(n));
    let lo = e.and_imm(old, 0xffff_ffff);
    let w = widen32(e, v);
    let hi = e.shl_imm(w, 32);
    let r = e.or(hi, lo);
    e.set(gpr(n), r);
}
/// Which part of a general register an instruction addresses: the 32-bit halves of the
/// 32-bit and high-word forms, or all 64 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Bits 32:63.
    Lo,
    /// Bits 0:31.
    Hi,
    /// Bits 0:63.
    Full,
}
/// Reads part `p` of GPR n (`I32` for a half, `I64` for all of it).
pub fn get_part<E: Emitter>(e: &mut E, n: usize, p: Part) -> E::V {
    match p {
        Part::Lo => get_lo(e, n),
        Part::Hi => get_hi(e, n),
        Part::Full => e.get(gpr(n)),
    }
}
/// Writes part `p` of GPR n (a half takes the low 32 bits of `v`).
pub fn set_part<E: Emitter>(e: &mut E, n: usize, p: Part, v: E::V) {
    match p {
        Part::Lo => set_lo(e, n, v),
        Part::Hi => set_hi(e, n, v),
        Part::Full => e.set(gpr(n), v),
    }
}
pub const CC: Slot = Slot::new(offset_of!(S390xCpu, cc), Ty::I8);
pub const PM: Slot = Slot::new(offset_of!(S390xCpu, pm), Ty::I8);
pub const FPC: Slot = Slot::new(offset_of!(S390xCpu, fpc), Ty::I32);
pub fn acr(n: usize) -> Slot {
    Slot::new(offset_of!(S390xCpu, acr) + 4 * n, Ty::I32)
}
/// The whole 128-bit VR n (see the module docs for the layout).
pub fn vr(n: usize) -> Slot {
    Slot::new(offset_of!(S390xCpu, vr) + 16 * n, Ty::I128)
}
/// Doubleword 0 (bits 0:63) of VR n: FPR n.
pub fn vr_dw0(n: usize) -> Slot {
    Slot::new(offset_of!(S390xCpu, vr) + 16 * n + 8, Ty::I64)
}
/// Doubleword 1 (bits 64:127) of VR n.
pub fn vr_dw1(n: usize) -> Slot {
    Slot::new(offset_of!(S390xCpu, vr) + 16 * n, Ty::I64)
}
pub fn fpr(n: usize) -> Slot {
    vr_dw0(n)
}
/// Bits 0:31 of FPR n (short BFP operands).
pub fn fpr_hi(n: usize) -> Slot {
    Slot::new(offset_of!(S390xCpu, vr) + 16 * n + 12, Ty::I32)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn slots_alias_as_the_architecture_overlays_them() {
        let mut c = S390xCpu::new();
        c.gpr[3] = 0x1122_3344_5566_7788;
        c.set_vr128(2, 0x0011_2233_4455_6677_8899_aabb_ccdd_eeff);
        let base = &*c as *const S390xCpu as *const u8;
        // SAFETY: offsets inside the struct.
        unsafe {
            assert_eq!(*(base.add(fpr(2).offset as usize) as *const u64), 0x0011_2233_4455_6677);
            assert_eq!(*(base.add(fpr_hi(2).offset as usize) as *const u32), 0x0011_2233);
        }
        assert_eq!(c.fpr(2), 0x0011_2233_4455_6677);
    }
    #[test]
    fn psw_mask_round_trips() {
        let mut c = S390xCpu::new();
        c.cc = 2;
        c.pm = 0b1000;
        let m = c.psw_mask();
        assert_eq!(m, 0x0705_2800_8000_0000 | 1 << 32);
        let mut d = S390xCpu::new();
        d.set_psw_mask(m);
        assert_eq!((d.cc, d.pm, d.amode), (2, 8, 64));
    }
}
