//! The s390x front end: z/Architecture problem-state instructions (z10 … z13), decoded from
//! one table ([`decode`]) and written once against the engine's [`Emitter`] API.
//!
//! Semantic code is split by the Principles of Operation's chapters: [`integer`],
//! [`logical`], [`branch`] (general instructions, ch. 7), [`control`] (SVC, EXECUTE, access
//! registers), [`atomic`] (interlocked updates), [`storage_ops`] (storage-to-storage and strings), [`bfp`] (binary floating
//! point), [`vector`] (the z13 vector facility); the row steps shared by all of them are in
//! [`operands`], the formats in [`forms`].

pub mod atomic;
pub mod bfp;
pub mod bfp_helpers;
pub mod branch;
pub mod control;
pub mod decode;
pub mod forms;
pub mod integer;
pub mod logical;
pub mod operands;
pub mod state;
pub mod storage_ops;
pub mod vector;

use jit::frontend::{CodeSource, Flow, Frontend};
use jit::ir::Emitter;
pub use state::S390xCpu;

/// Guest exceptions the s390x front end raises (`CpuHeader::exception`). Program
/// exceptions carry their PoP interruption code where one exists.
pub mod exc {
    /// Operation exception (no decode row): Linux SIGILL/ILL_ILLOPC.
    pub const OPERATION: u32 = 0x01;
    /// Privileged-operation exception: SIGILL/ILL_PRVOPC.
    pub const PRIVILEGED: u32 = 0x02;
    /// Execute exception (`EX` of `EX`): SIGILL/ILL_ILLOPN.
    pub const EXECUTE: u32 = 0x03;
    /// Specification exception (odd register of a pair, misaligned operand ...):
    /// SIGILL/ILL_ILLOPN.
    pub const SPECIFICATION: u32 = 0x06;
    /// Data exception; the DXC is already in the FPC (compare-and-trap: 0xff; BFP
    /// IEEE exceptions: their DXC). Linux: SIGFPE for a nonzero DXC, else SIGILL.
    pub const DATA: u32 = 0x07;
    /// Vector-processing exception (program interruption code 0x1B): an unmasked IEEE
    /// exception of a vector BFP instruction, which is suppressed; the VXC (element index
    /// in bits 0:3, exception type 1 invalid, 2 divide by zero, 3 overflow, 4 underflow,
    /// 5 inexact in bits 4:7) is already in the FPC's DXC byte. Linux: SIGFPE with
    /// si_code FPE_FLTINV/FLTDIV/FLTOVF/FLTUND/FLTRES by the type (0 for another value).
    pub const VECTOR_PROCESSING: u32 = 0x1b;
    /// Fixed-point overflow with the program-mask bit set: SIGFPE/FPE_INTOVF.
    pub const FIXED_OVERFLOW: u32 = 0x08;
    /// Fixed-point divide (divide by zero, quotient too large): SIGFPE/FPE_INTDIV.
    pub const FIXED_DIVIDE: u32 = 0x09;
    /// Known instruction whose semantics are not written yet (logged by name; SIGILL).
    pub const UNIMPLEMENTED: u32 = 0x80;
    /// `SVC n` is `SVC_BASE + n`; the PC points after the SVC.
    pub const SVC_BASE: u32 = 0x100;

    /// The SVC number of exception `e`, if it is a supervisor call.
    pub fn svc_number(e: u32) -> Option<u32> {
        (SVC_BASE..SVC_BASE + 256).contains(&e).then(|| e - SVC_BASE)
    }
}

/// Facilities the rows belong to (PoP "Facility indications", the STFLE bit numbers). The
/// CPU model is a z13: every facility named here is installed.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fac {
    /// z/Architecture base.
    Z,
    /// Long displacement (bit 18/19).
    LD,
    /// Extended immediate (21).
    EI,
    /// Extended translation 2 and 3 (22, 30).
    ETF,
    /// General-instructions extension (34).
    GIE,
    /// Execute extensions (35).
    EE,
    /// Floating-point extension (37).
    FPE,
    /// Floating-point-support-sign-handling (42: LGDR, LDGR, CPSDR, LCDFR ...).
    FPSSH,
    /// Distinct operands, high word, load/store on condition, population count,
    /// interlocked access 1 (45).
    DLF,
    /// Miscellaneous-instruction extension (49).
    MIE,
    /// Load/store on condition 2, load-and-zero-rightmost-byte (53).
    LOC2,
    /// Vector facility (129).
    VX,
}

/// What semantic functions know about the instruction being translated.
#[derive(Clone, Copy, Debug)]
pub struct Cx {
    /// Address of this instruction.
    pub pc: u64,
    /// Its length in bytes (2, 4 or 6).
    pub len: u32,
    /// Addressing mode (64, 31 or 24).
    pub amode: u8,
    /// The program mask's fixed-point-overflow bit is set: overflowing signed arithmetic
    /// traps. Part of the block key ([`MODE_FIXED_OVERFLOW`]), so code translated with the
    /// bit clear has no overflow checks at all.
    pub fo: bool,
    /// For `EXRL`: the bytes of its target when the code source has them (a compiled
    /// translation is watched on every page its code source handed out, so it is dropped
    /// when they change).
    pub ex_target: Option<[u8; 6]>,
}

/// The block-key bit ([`Frontend::mode`]) of the program mask's fixed-point-overflow bit;
/// the low byte is the addressing mode.
pub const MODE_FIXED_OVERFLOW: u32 = 0x100;

impl Cx {
    /// The instruction after this one, wrapped to the addressing mode.
    pub fn next_pc(&self) -> u64 {
        self.wrap(self.pc.wrapping_add(self.len as u64))
    }
    /// Falls through to the next instruction.
    pub fn next(&self) -> Flow {
        Flow::Next(self.len)
    }
    /// The target of a relative branch or relative-long operand: this instruction's
    /// address plus `halfwords` * 2.
    pub fn rel(&self, halfwords: i64) -> u64 {
        self.wrap(self.pc.wrapping_add((halfwords as u64).wrapping_mul(2)))
    }
    pub fn wrap(&self, a: u64) -> u64 {
        wrap_to_amode(self.amode, a)
    }
}

/// Address `a` wrapped to addressing mode `amode` (64, 31 or 24 bits).
pub fn wrap_to_amode(amode: u8, a: u64) -> u64 {
    match amode {
        64 => a,
        31 => a & 0x7fff_ffff,
        _ => a & 0xff_ffff,
    }
}

/// Whether the `n` bytes from the wrapped address `a` stay inside the `amode` address space
/// (do not wrap around it), so that they can be accessed as one host range.
pub fn fits_amode(amode: u8, a: u64, n: u64) -> bool {
    let end = a.checked_add(n);
    match amode {
        64 => end.is_some(),
        31 => end.is_some_and(|e| e <= 1 << 31),
        _ => end.is_some_and(|e| e <= 1 << 24),
    }
}

pub struct S390x;

impl S390x {
    /// Fetches the instruction at `pc`, left-aligned in a `u64`, and its length.
    fn fetch(code: &dyn CodeSource, pc: u64) -> Option<(u64, u32)> {
        let mut b = [0u8; 8];
        if !code.fetch(pc, &mut b[..2]) {
            return None;
        }
        let len = forms::insn_len(b[0]);
        if len > 2 && !code.fetch(pc + 2, &mut b[2..len as usize]) {
            return None;
        }
        Some((u64::from_be_bytes(b), len))
    }

    /// The target bytes of the `EXRL` `w` at `cx.pc`, if `code` can fetch them.
    fn exrl_target(code: &dyn CodeSource, cx: &Cx, w: u64) -> Option<[u8; 6]> {
        let ri2 = (w >> 16) as u32 as i32 as i64;
        let target = cx.wrap(cx.pc.wrapping_add((ri2 * 2) as u64));
        let mut b = [0u8; 6];
        if !code.fetch(target, &mut b[..2]) {
            return None;
        }
        let len = forms::insn_len(b[0]);
        if len > 2 && !code.fetch(target.wrapping_add(2), &mut b[2..len as usize]) {
            return None;
        }
        Some(b)
    }
}

impl Frontend for S390x {
    type Cpu = S390xCpu;
    /// The addressing mode, and whether fixed-point overflow traps (program mask bit 0,
    /// `PM & 8`): the state a problem-state program can change that alters what the same
    /// instruction bytes do. `SAM*` and `SPM` end their blocks.
    fn mode(cpu: &S390xCpu) -> u32 {
        cpu.amode as u32 | if cpu.pm & 8 != 0 { MODE_FIXED_OVERFLOW } else { 0 }
    }
    const MAX_INSN_LEN: usize = 6;
    const CACHE_LIMIT: u32 = std::mem::offset_of!(S390xCpu, vr) as u32;
    /// FPR n is bits 0:63 of VR n (the second `u64` of `vr[n]`).
    const CACHED_FPRS: &'static [(u32, u32)] = &[(std::mem::offset_of!(S390xCpu, vr) as u32 + 8, 16)];

    fn name(&self) -> &'static str {
        "s390x"
    }

    /// The instruction (left-aligned in 48 bits, as `fetch` returns it), its length, and its
    /// decode-table row (`None`: an operation exception).
    type Decoded = (u64, u32, Option<&'static decode::Row>);

    fn predecode(&self, code: &dyn CodeSource, pc: u64, _mode: u32) -> Option<Self::Decoded> {
        let (w, len) = Self::fetch(code, pc)?;
        Some((w, len, decode::lookup(w)))
    }

    fn emit_decoded<E: Emitter>(&self, e: &mut E, code: &dyn CodeSource, &(w, len, row): &Self::Decoded, pc: u64, mode: u32) -> Flow {
        let mut cx = Cx { pc, len, amode: mode as u8, fo: mode & MODE_FIXED_OVERFLOW != 0, ex_target: None };
        if w >> 48 & 0xff0f == 0xc600 {
            // The target is read when the instruction runs: it may lie on another page.
            cx.ex_target = Self::exrl_target(code, &cx, w);
        }
        if pc & 1 != 0 {
            // An odd instruction address is a specification exception.
            e.raise(exc::SPECIFICATION, pc);
            return Flow::End;
        }
        match row {
            Some(row) => {
                let f = row.format.decode(w);
                decode::emit(e, row.op, &f, &cx)
            }
            None => {
                e.raise(exc::OPERATION, pc);
                Flow::End
            }
        }
    }

    fn dump(&self, c: &S390xCpu) -> String {
        let mut s = format!("PSW {:016x} {:016x} cc={}\n", c.psw_mask(), c.hdr.pc, c.cc);
        for (i, r) in c.gpr.iter().enumerate() {
            s.push_str(&format!("R{i:02} {r:016x}{}", if i % 4 == 3 { "\n" } else { " " }));
        }
        s
    }

    fn disasm(&self, code: &dyn CodeSource, pc: u64, _mode: u32) -> (String, u32) {
        match Self::fetch(code, pc) {
            Some((w, len)) => (disasm_insn(w, len, pc), len),
            None => ("<unreadable>".into(), 2),
        }
    }
}

/// Disassembles one instruction with capstone (SystemZ); falls back to the table's
/// mnemonic.
pub fn disasm_insn(w: u64, len: u32, pc: u64) -> String {
    use capstone::prelude::*;
    thread_local! {
        static CS: Option<capstone::Capstone> = capstone::Capstone::new()
            .sysz()
            .mode(capstone::arch::sysz::ArchMode::Default)
            .build()
            .ok();
    }
    let bytes = &w.to_be_bytes()[..len as usize];
    let text = CS.with(|cs| {
        let cs = cs.as_ref()?;
        let insns = cs.disasm_count(bytes, pc, 1).ok()?;
        let i = insns.iter().next()?;
        Some(format!("{} {}", i.mnemonic().unwrap_or("?"), i.op_str().unwrap_or("")).trim_end().to_string())
    });
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    text.unwrap_or_else(|| match decode::lookup(w) {
        Some(r) => format!("{} (.insn {hex})", r.mnemonic),
        None => format!(".insn {hex}"),
    })
}
