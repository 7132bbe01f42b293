//! The ppc64 front end: Power ISA v3.0B user-level instructions, decoded from one table
//! ([`decode`]) and written once against the engine's [`Emitter`] API.
//!
//! Semantic code is split by the book's chapters: [`branch`], [`fixed_point`],
//! [`load_store`], [`cr_ops`], [`sprs`], [`fp`] (with [`fp_arith`], [`fp_host`],
//! [`fp_helpers`]), [`vmx`] (with [`vmx_helpers`], [`vmx_fp`], [`vmx_crypto`], [`vmx_bcd`]), [`vsx`].

pub mod branch;
pub mod cr_ops;
pub mod decode;
pub mod fixed_point;
pub mod forms;
pub mod fp;
pub mod fp_arith;
pub mod fp_helpers;
pub mod fp_host;
pub mod fp_quad;
pub mod fp_load_store;
pub mod load_store;
pub mod sprs;
pub mod state;
pub mod storage_control;
pub mod vmx;
pub mod vmx_helpers;
pub mod vmx_crypto;
pub mod vmx_fp;
pub mod vmx_bcd;
pub mod vsx;
pub mod vsx_helpers;
pub mod vsx_fp;
pub mod vsx_fp_helpers;
pub mod vsx_quad;
pub mod vsx_quad_helpers;

use jit::frontend::{CodeSource, Flow, Frontend};
use jit::ir::{Emitter, Endian};
pub use state::Ppc64Cpu;

/// Guest exceptions the ppc64 front end raises (`CpuHeader::exception`).
pub mod exc {
    /// `sc`: a system call; `pc` is the instruction after it.
    pub const SYSCALL: u32 = 1;
    /// Program interrupt, illegal instruction (no decode row, or an invalid form).
    pub const ILLEGAL: u32 = 2;
    /// Program interrupt, privileged instruction in problem state.
    pub const PRIVILEGED: u32 = 3;
    /// Program interrupt, trap (`tw`, `td`, ...).
    pub const TRAP: u32 = 4;
    /// Known instruction whose semantics are not implemented yet (logged by name).
    pub const UNIMPLEMENTED: u32 = 5;
    /// Alignment interrupt (e.g. `lq` of a misaligned quadword, `stcx.` variants).
    pub const ALIGNMENT: u32 = 6;
    /// `scv 0`: a system call through the vectored entry (Linux's scv ABI: negative errno
    /// results, no CR0.SO); `pc` is the instruction after it.
    pub const SYSCALL_SCV: u32 = 7;
    /// Program interrupt, floating-point enabled exception: an FP instruction caused an
    /// exception enabled in the FPSCR while MSR[FE0 FE1] ≠ 0 (Linux: SIGFPE); `pc` is the
    /// instruction, whose FPSCR update (and, for overflow/underflow/inexact, target) is done.
    pub const FP_ENABLED: u32 = 8;
}

/// What semantic functions know about the instruction being translated.
#[derive(Clone, Copy, Debug)]
pub struct Cx {
    /// Address of this instruction.
    pub pc: u64,
    /// Data byte order (MSR[LE]).
    pub endian: Endian,
}

impl Cx {
    pub fn next(&self) -> u64 {
        self.pc.wrapping_add(4)
    }
}

/// Mode bit in the block key: little-endian (MSR[LE]).
pub const MODE_LE: u32 = 1;

pub struct Ppc64;

impl Ppc64 {
    pub fn mode_of(cpu: &Ppc64Cpu) -> u32 {
        if cpu.little_endian() { MODE_LE } else { 0 }
    }
    fn fetch_word(code: &dyn CodeSource, pc: u64, mode: u32) -> Option<u32> {
        let mut b = [0u8; 4];
        if !code.fetch(pc, &mut b) {
            return None;
        }
        Some(if mode & MODE_LE != 0 { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    }
}

impl Frontend for Ppc64 {
    type Cpu = Ppc64Cpu;
    fn mode(cpu: &Ppc64Cpu) -> u32 {
        Self::mode_of(cpu)
    }
    const MAX_INSN_LEN: usize = 4;
    const CACHE_LIMIT: u32 = std::mem::offset_of!(Ppc64Cpu, vrsave) as u32;
    /// FPR n is doubleword 0 of VSR n (the second `u64` of `vsr[n]`); FP instructions also
    /// write doubleword 1 (the first).
    const CACHED_FPRS: &'static [(u32, u32)] = &[(std::mem::offset_of!(Ppc64Cpu, vsr) as u32 + 8, 32), (std::mem::offset_of!(Ppc64Cpu, vsr) as u32, 32)];
    /// GCC's `-Os` code (Debian's busybox) calls the out-of-line `_savegpr*`/`_restgpr*`
    /// routines from most prologues and epilogues: traces that follow those calls save two
    /// block transitions per call (measured: busybox sort -8%, awk -5 to -9%, the other rows
    /// unchanged).
    const TRACE_CALLS_ACROSS_PAGES: bool = true;

    fn name(&self) -> &'static str {
        "ppc64"
    }

    /// The word and its decode-table row (`None`: no row, an illegal instruction).
    type Decoded = (u32, Option<decode::Op>);

    fn predecode(&self, code: &dyn CodeSource, pc: u64, mode: u32) -> Option<(u32, Option<decode::Op>)> {
        let w = Self::fetch_word(code, pc, mode)?;
        Some((w, decode::decode(w)))
    }

    fn emit_decoded<E: Emitter>(&self, e: &mut E, _code: &dyn CodeSource, &(w, op): &(u32, Option<decode::Op>), pc: u64, mode: u32) -> Flow {
        let cx = Cx { pc, endian: if mode & MODE_LE != 0 { Endian::Little } else { Endian::Big } };
        match op {
            Some(op) => decode::emit(e, op, w, &cx),
            None => {
                e.raise(exc::ILLEGAL, pc);
                Flow::End
            }
        }
    }

    fn dump(&self, c: &Ppc64Cpu) -> String {
        let mut s = format!(
            "NIP {:016x}   LR {:016x} CTR {:016x} XER {:016x}\nMSR {:016x}   CR {:08x} TAR {:016x}\n",
            c.hdr.pc,
            c.lr,
            c.ctr,
            c.xer(),
            c.msr,
            c.cr_word(),
            c.tar
        );
        for (i, r) in c.gpr.iter().enumerate() {
            s.push_str(&format!("GPR{i:02} {r:016x}{}", if i % 4 == 3 { "\n" } else { " " }));
        }
        s
    }

    fn disasm(&self, code: &dyn CodeSource, pc: u64, mode: u32) -> (String, u32) {
        match Self::fetch_word(code, pc, mode) {
            Some(w) => (disasm_word(w, pc), 4),
            None => ("<unreadable>".into(), 4),
        }
    }
}

/// Disassembles one instruction word with capstone; falls back to the table's mnemonic.
pub fn disasm_word(w: u32, pc: u64) -> String {
    use capstone::prelude::*;
    thread_local! {
        static CS: Option<capstone::Capstone> = capstone::Capstone::new()
            .ppc()
            .mode(capstone::arch::ppc::ArchMode::Mode64)
            .endian(capstone::Endian::Big)
            .build()
            .ok();
    }
    let text = CS.with(|cs| {
        let cs = cs.as_ref()?;
        let insns = cs.disasm_count(&w.to_be_bytes(), pc, 1).ok()?;
        let i = insns.iter().next()?;
        Some(format!("{} {}", i.mnemonic().unwrap_or("?"), i.op_str().unwrap_or("")).trim_end().to_string())
    });
    text.unwrap_or_else(|| match decode::decode(w) {
        Some(op) => format!("{} (.long 0x{w:08x})", decode::row(op).mnemonic),
        None => format!(".long 0x{w:08x}"),
    })
}

/// Shared semantic pieces used across chapters.
pub mod common {
    use crate::state::*;
    use jit::ir::{Cmp, Emitter, Ty};

    /// GPR `ra`, or 0 when `ra` is 0 (the `(RA|0)` operand of address computations).
    pub fn ra_or_zero<E: Emitter>(e: &mut E, ra: usize) -> E::V {
        if ra == 0 { e.iconst(Ty::I64, 0) } else { e.get(gpr(ra)) }
    }

    /// A CR field value LT|GT|EQ|SO from a signed or unsigned comparison of `a` and `b`.
    pub fn compare_field<E: Emitter>(e: &mut E, a: E::V, b: E::V, signed: bool) -> E::V {
        let (lt, gt) = if signed { (Cmp::Slt, Cmp::Sgt) } else { (Cmp::Ult, Cmp::Ugt) };
        let lt = e.icmp(lt, a, b);
        let gt = e.icmp(gt, a, b);
        let eq = e.icmp(Cmp::Eq, a, b);
        let so = e.get(XER_SO);
        e.pack_bits_one_hot(&[so, eq, gt, lt], 0b1110)
    }

    /// Record form: CR0 from the signed comparison of the 64-bit result with zero, plus SO.
    pub fn set_cr0<E: Emitter>(e: &mut E, result: E::V) {
        let z = e.iconst(Ty::I64, 0);
        let f = compare_field(e, result, z, true);
        e.set(cr_field(0), f);
    }
}
