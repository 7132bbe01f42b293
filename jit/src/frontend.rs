//! The trait each ISA implements so the engine can translate its code.

use crate::ir::Emitter;

/// Size of the inaccessible guard regions that must surround guest memory on the host:
/// `[base - GUARD_BYTES, base)` and `[base + limit, base + limit + GUARD_BYTES)`.
pub const GUARD_BYTES: u64 = 1 << 16;

/// Guest memory as the engine sees it: where it lives on the host, and the hooks that keep
/// translated code coherent with guest writes (self-modifying code).
pub trait GuestMemory: CodeSource {
    /// Host address of guest address 0 (user mode: guest memory is one host reservation).
    fn base(&self) -> *mut u8;
    /// Guest addresses at or above this are outside guest memory (an access faults). The
    /// [`GUARD_BYTES`] of host memory before `base` and after `base + limit` must stay
    /// inaccessible: translated code checks only the base register of a base+displacement
    /// access, and redirects out-of-range accesses into the guard, so they fault.
    fn limit(&self) -> u64;
    /// Translated code now depends on the bytes of host page `page` (address >> 12). User
    /// mode write-protects the page if the guest may write it, so writes can invalidate.
    fn code_page_added(&self, page: u64);
    /// The guest faulted writing `addr`. If that is only the code-tracking protection of
    /// `code_page_added`, lift it and return true: the engine then invalidates the page's
    /// blocks and re-executes the store. Otherwise false (a real fault for the guest).
    fn code_write_fault(&self, addr: u64) -> bool;
}


/// Where instruction bytes come from: guest memory, checked for execute permission.
pub trait CodeSource {
    /// Reads `buf.len()` instruction bytes at guest address `pc`; `false` if any byte is not
    /// mapped executable (the instruction-fetch fault is then the engine's to report).
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool;
}

/// What translation does after one instruction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flow {
    /// The instruction falls through to the next one, `len` bytes on.
    Next(u32),
    /// The instruction ended the block (it emitted an unconditional exit or raise).
    End,
    /// The instruction ends with an unconditional branch to a constant address and emitted no
    /// exit for it: the engine either goes on translating at the target in the same block
    /// or emits the exit itself.
    Goto(u64),
    /// As `Goto`, for a call: the instruction also saved `ret` as its return address. A
    /// trace that follows the call may expect the callee's computed branch to go there.
    Call { target: u64, ret: u64 },
}

pub trait Frontend: Send + Sync + 'static {
    /// The ISA's CPU struct (starts with a `CpuHeader`).
    type Cpu: crate::cpu::GuestCpu + Send;
    /// The mode bits of the block key: everything in the CPU state that changes what an
    /// instruction means (MSR[LE] on ppc64; addressing mode on s390x).
    fn mode(cpu: &Self::Cpu) -> u32;
    /// Longest instruction in bytes.
    const MAX_INSN_LEN: usize;
    /// Guest state below this byte offset of the CPU struct may be cached in host registers
    /// within a block; state at or above it (vector registers, which have overlapping views)
    /// is read and written in memory, but for [`Frontend::CACHED_FPRS`].
    const CACHE_LIMIT: u32;
    /// Further `I64` slots that may be cached like those below `CACHE_LIMIT`: groups of
    /// `(offset of the first, count)`, one slot every 16 bytes — the floating-point
    /// registers, which both ISAs overlay on the first doubleword of a 128-bit vector
    /// register (and ppc64's FP instructions also write the second). The compiled backend
    /// keeps other (uncached) accesses that overlap them exact: it writes a dirty overlapped
    /// slot back before them and reloads it after a write.
    const CACHED_FPRS: &'static [(u32, u32)] = &[];
    /// Whether a compiled trace may follow a call onto a page it has not reached otherwise,
    /// unless the engine's configuration says (`BIGIRON_TRACE_CALLS`). Worth it where the
    /// ABI calls small out-of-line routines from most functions (ppc64's register
    /// save/restore routines); elsewhere the longer traces cost more compile time than they
    /// save.
    const TRACE_CALLS_ACROSS_PAGES: bool = false;
    /// Name for logs (e.g. "ppc64le").
    fn name(&self) -> &'static str;
    /// An instruction fetched and decoded, ready for [`Frontend::emit_decoded`]: the
    /// interpreter tier keeps these per block, so a block run again skips fetch and decode.
    /// It must depend only on the bytes at its address and the mode.
    type Decoded: Copy + Send + 'static;
    /// Fetches and decodes the instruction at `pc` under `mode`; `None` if its bytes cannot be
    /// fetched.
    fn predecode(&self, code: &dyn CodeSource, pc: u64, mode: u32) -> Option<Self::Decoded>;
    /// Emits the semantics of the instruction `d` decoded at `pc` under `mode`. `code` serves
    /// any other bytes the instruction reads as code (s390x `EXRL` targets).
    fn emit_decoded<E: Emitter>(&self, e: &mut E, code: &dyn CodeSource, d: &Self::Decoded, pc: u64, mode: u32) -> Flow;
    /// Translates the instruction at `pc` under `mode` (the block key's mode bits) by calling
    /// the emitter. `code` holds the bytes; if the instruction cannot be fetched the front end
    /// returns `None` and emits nothing (the engine ends the block before it).
    fn translate<E: Emitter>(&self, e: &mut E, code: &dyn CodeSource, pc: u64, mode: u32) -> Option<Flow> {
        let d = self.predecode(code, pc, mode)?;
        Some(self.emit_decoded(e, code, &d, pc, mode))
    }
    /// The register state for `-d cpu`.
    fn dump(&self, cpu: &Self::Cpu) -> String {
        use crate::cpu::GuestCpu;
        format!("pc={:016x}\n", cpu.header().pc)
    }
    /// One line of disassembly of the instruction at `pc` and its length.
    fn disasm(&self, code: &dyn CodeSource, pc: u64, mode: u32) -> (String, u32);
}
