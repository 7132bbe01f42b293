//! The guest-neutral head of every ISA's CPU struct.
//!
//! Each front end defines a `#[repr(C)]` CPU struct whose first field is a [`CpuHeader`];
//! translated code receives a pointer to that struct and addresses guest registers by byte
//! offset ([`crate::ir::Slot`]). The header holds what the engine itself needs: the guest PC
//! at block boundaries and faults, the exit protocol, and the host stack pointer used to
//! unwind out of a block when the guest faults.

/// Why a block (or chain of blocks) returned to the dispatcher.
pub mod exit_code {
    /// Continue at `CpuHeader::pc` (a chain slot may be waiting in `link_slot`).
    pub const NEXT: u64 = 0;
    /// A guest exception: `CpuHeader::exception` says which, `pc` where.
    pub const EXCEPTION: u64 = 1;
    /// A host fault on a guest memory access (from the signal handler): `fault_host_pc`
    /// says where in translated code; the engine finds the guest instruction.
    pub const FAULT: u64 = 2;
}

#[repr(C)]
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CpuHeader {
    /// Guest PC: valid at block entry/exit, at exceptions and faults.
    pub pc: u64,
    /// Nonzero asks running translated code to return to the dispatcher at the next block
    /// boundary (signals, other threads, invalidation).
    pub exit_request: u32,
    /// Front-end exception number when a block exits with `exit_code::EXCEPTION`.
    pub exception: u32,
    /// Extra word a front end or helper may attach to an exception (e.g. a fault address).
    pub exception_arg: u64,
    /// Address of the chain slot of the exit just taken, when that exit was not yet chained.
    pub link_slot: u64,
    /// Guest address of a faulting access and whether it was a write (set by the
    /// interpreter tier when an instruction faults).
    pub fault_addr: u64,
    pub fault_write: u64,
    /// Host PC of the faulting instruction (translated code), for the engine's fault map.
    pub fault_host_pc: u64,
    /// Host stack pointer at block entry, for unwinding out of a faulting block.
    pub saved_sp: u64,
    /// Host base of guest memory (user mode) — also passed to blocks as an argument.
    pub mem_base: u64,
    /// Software-TLB table used by system-mode memory access (null in user mode).
    pub tlb: u64,
    /// Guest addresses at or above this are outside guest memory (user mode; set by the
    /// engine with `mem_base`, for helpers that reach guest memory: [`crate::helper_mem`]).
    pub mem_limit: u64,
}

impl CpuHeader {
    pub const PC: usize = std::mem::offset_of!(CpuHeader, pc);
    pub const EXIT_REQUEST: usize = std::mem::offset_of!(CpuHeader, exit_request);
    pub const EXCEPTION: usize = std::mem::offset_of!(CpuHeader, exception);
    pub const EXCEPTION_ARG: usize = std::mem::offset_of!(CpuHeader, exception_arg);
    pub const LINK_SLOT: usize = std::mem::offset_of!(CpuHeader, link_slot);
    pub const SAVED_SP: usize = std::mem::offset_of!(CpuHeader, saved_sp);
    pub const MEM_BASE: usize = std::mem::offset_of!(CpuHeader, mem_base);
    pub const TLB: usize = std::mem::offset_of!(CpuHeader, tlb);
    pub const MEM_LIMIT: usize = std::mem::offset_of!(CpuHeader, mem_limit);
}

/// Implemented by each ISA's CPU struct (which must start with a `CpuHeader`).
///
/// # Safety
/// The implementor is `#[repr(C)]` with `CpuHeader` at offset 0, so a pointer to it is also a
/// valid pointer to the header.
pub unsafe trait GuestCpu {
    fn header(&self) -> &CpuHeader;
    fn header_mut(&mut self) -> &mut CpuHeader;
}
