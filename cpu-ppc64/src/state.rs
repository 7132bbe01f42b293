//! ppc64 CPU state as translated code sees it (`#[repr(C)]`, addressed through [`Slot`]s).
//!
//! Representation choices (each makes the common update cheap):
//! - CR is kept as eight 4-bit fields, one byte each (`cr[0]` = CR0), bit 3 = LT, 2 = GT,
//!   1 = EQ, 0 = SO — so a record-form instruction writes one byte.
//! - XER is split: SO, OV, CA, OV32, CA32 are one byte each holding 0/1, `xer_bc` the byte
//!   count (bits 57:63); `mfxer`/`mtxer` assemble and split.
//! - VSRs are `[u64; 2]` with `[0]` = doubleword 1 (low, bits 64:127) and `[1]` = doubleword 0
//!   (high, bits 0:63), i.e. the architected 128-bit value as a little-endian u128. FPR n is
//!   doubleword 0 of VSR n; VR n is VSR 32+n.

use jit::cpu::{CpuHeader, GuestCpu};
use jit::ir::{Slot, Ty};
use std::mem::offset_of;

#[repr(C)]
#[derive(Debug)]
pub struct Ppc64Cpu {
    pub hdr: CpuHeader,
    pub gpr: [u64; 32],
    pub lr: u64,
    pub ctr: u64,
    /// Below the cache limit (unlike the other SPRs): every inline FP operation updates it.
    pub fpscr: u64,
    pub cr: [u8; 8],
    pub xer_so: u8,
    pub xer_ov: u8,
    pub xer_ca: u8,
    pub xer_ov32: u8,
    pub xer_ca32: u8,
    pub xer_bc: u8,
    pub _pad0: [u8; 2],
    pub vrsave: u32,
    pub vscr: u32,
    pub tar: u64,
    pub dscr: u64,
    pub ppr: u64,
    /// MSR as the guest sees it; bit 0 (LE) selects the byte order of instructions and data.
    pub msr: u64,
    /// `l*arx` reservation: address (u64::MAX = none), size in bytes and the value loaded.
    pub resv_addr: u64,
    pub resv_size: u64,
    pub resv_val: u64,
    pub resv_val_hi: u64,
    pub vsr: [[u64; 2]; 64],
}

unsafe impl GuestCpu for Ppc64Cpu {
    fn header(&self) -> &CpuHeader {
        &self.hdr
    }
    fn header_mut(&mut self) -> &mut CpuHeader {
        &mut self.hdr
    }
}

pub const MSR_LE: u64 = 1;
/// MSR bits a user-mode ppc64 process runs with: SF (64-bit), EE, PR, FP, ME, VEC, VSX.
pub const MSR_USER: u64 = (1 << 63) | (1 << 25) | (1 << 23) | (1 << 15) | (1 << 14) | (1 << 13) | (1 << 12);

impl Ppc64Cpu {
    pub fn new(little_endian: bool) -> Box<Ppc64Cpu> {
        // SAFETY: every field is an integer or array of integers; all-zero is valid.
        let mut c: Box<Ppc64Cpu> = unsafe { Box::new(std::mem::zeroed()) };
        c.msr = MSR_USER | if little_endian { MSR_LE } else { 0 };
        c.resv_addr = u64::MAX;
        // Linux starts user threads at medium priority (PPR[PRI] = 4).
        c.ppr = 4 << 50;
        c
    }
    pub fn little_endian(&self) -> bool {
        self.msr & MSR_LE != 0
    }
    /// The 32-bit CR as `mfcr` reads it.
    pub fn cr_word(&self) -> u32 {
        self.cr.iter().fold(0u32, |acc, f| (acc << 4) | (*f as u32 & 0xf))
    }
    pub fn set_cr_word(&mut self, v: u32) {
        for i in 0..8 {
            self.cr[i] = ((v >> (28 - 4 * i)) & 0xf) as u8;
        }
    }
    /// XER as `mfxer` reads it.
    pub fn xer(&self) -> u64 {
        ((self.xer_so as u64) << 31)
            | ((self.xer_ov as u64) << 30)
            | ((self.xer_ca as u64) << 29)
            | ((self.xer_ov32 as u64) << 19)
            | ((self.xer_ca32 as u64) << 18)
            | (self.xer_bc as u64 & 0x7f)
    }
    pub fn set_xer(&mut self, v: u64) {
        self.xer_so = ((v >> 31) & 1) as u8;
        self.xer_ov = ((v >> 30) & 1) as u8;
        self.xer_ca = ((v >> 29) & 1) as u8;
        self.xer_ov32 = ((v >> 19) & 1) as u8;
        self.xer_ca32 = ((v >> 18) & 1) as u8;
        self.xer_bc = (v & 0x7f) as u8;
    }
    pub fn fpr(&self, n: usize) -> u64 {
        self.vsr[n][1]
    }
    pub fn set_fpr(&mut self, n: usize, v: u64) {
        self.vsr[n][1] = v;
    }
}

// ---- slots: how semantics name guest state ----
pub fn gpr(n: usize) -> Slot {
    Slot::new(offset_of!(Ppc64Cpu, gpr) + 8 * n, Ty::I64)
}
pub fn cr_field(n: usize) -> Slot {
    Slot::new(offset_of!(Ppc64Cpu, cr) + n, Ty::I8)
}
pub const LR: Slot = Slot::new(offset_of!(Ppc64Cpu, lr), Ty::I64);
pub const CTR: Slot = Slot::new(offset_of!(Ppc64Cpu, ctr), Ty::I64);
pub const XER_SO: Slot = Slot::new(offset_of!(Ppc64Cpu, xer_so), Ty::I8);
pub const XER_OV: Slot = Slot::new(offset_of!(Ppc64Cpu, xer_ov), Ty::I8);
pub const XER_CA: Slot = Slot::new(offset_of!(Ppc64Cpu, xer_ca), Ty::I8);
pub const XER_OV32: Slot = Slot::new(offset_of!(Ppc64Cpu, xer_ov32), Ty::I8);
pub const XER_CA32: Slot = Slot::new(offset_of!(Ppc64Cpu, xer_ca32), Ty::I8);
pub const XER_BC: Slot = Slot::new(offset_of!(Ppc64Cpu, xer_bc), Ty::I8);
pub const VRSAVE: Slot = Slot::new(offset_of!(Ppc64Cpu, vrsave), Ty::I32);
pub const VSCR: Slot = Slot::new(offset_of!(Ppc64Cpu, vscr), Ty::I32);
pub const FPSCR: Slot = Slot::new(offset_of!(Ppc64Cpu, fpscr), Ty::I64);
pub const TAR: Slot = Slot::new(offset_of!(Ppc64Cpu, tar), Ty::I64);
pub const DSCR: Slot = Slot::new(offset_of!(Ppc64Cpu, dscr), Ty::I64);
pub const PPR: Slot = Slot::new(offset_of!(Ppc64Cpu, ppr), Ty::I64);
pub const MSR: Slot = Slot::new(offset_of!(Ppc64Cpu, msr), Ty::I64);
pub const RESV_ADDR: Slot = Slot::new(offset_of!(Ppc64Cpu, resv_addr), Ty::I64);
pub const RESV_SIZE: Slot = Slot::new(offset_of!(Ppc64Cpu, resv_size), Ty::I64);
pub const RESV_VAL: Slot = Slot::new(offset_of!(Ppc64Cpu, resv_val), Ty::I64);
pub const RESV_VAL_HI: Slot = Slot::new(offset_of!(Ppc64Cpu, resv_val_hi), Ty::I64);
/// The whole 128-bit VSR n (see the module docs for the layout).
pub fn vsr(n: usize) -> Slot {
    Slot::new(offset_of!(Ppc64Cpu, vsr) + 16 * n, Ty::I128)
}
/// Doubleword 0 (architected bits 0:63, the FPR) of VSR n.
pub fn vsr_dw0(n: usize) -> Slot {
    Slot::new(offset_of!(Ppc64Cpu, vsr) + 16 * n + 8, Ty::I64)
}
/// Doubleword 1 (architected bits 64:127) of VSR n.
pub fn vsr_dw1(n: usize) -> Slot {
    Slot::new(offset_of!(Ppc64Cpu, vsr) + 16 * n, Ty::I64)
}
pub fn fpr(n: usize) -> Slot {
    vsr_dw0(n)
}
pub fn vr(n: usize) -> Slot {
    vsr(32 + n)
}
