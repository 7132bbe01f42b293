//! Linux user mode: runs one guest Linux program in this host process, carrying out its
//! system calls with the host kernel.
//!
//! Layers, from the guest up:
//! - [`aspace`]: the guest address space (one host reservation; guest page table; checked
//!   access for system calls; code-page write tracking for the engine).
//! - [`loader`] and [`stack`]: ELF/`#!` loading and the initial stack and auxiliary vector.
//! - [`process`]: a process — start-up and the run loop (`run_guest`) turning engine exits
//!   into system calls and signals.
//! - [`syscall`] and the `sys_*` modules, [`signal`]: the guest-neutral Linux layer. Calls
//!   are identified by [`sysno::Sys`], independent of any ISA's numbering.
//! - [`target`]: the trait an ISA implements — numbering, registers, entry state, auxv and
//!   the struct/flag layouts where its kernel ABI is not asm-generic: [`ppc64`] (with
//!   [`ppc64_signal`]) and [`s390x`] (with [`s390x_signal`]). s390x's `mmap` takes its
//!   arguments in memory ([`sysno::Sys::OldMmap`]) and its handlers without SA_SIGINFO
//!   return through the old-style `sigreturn` ([`sysno::Sys::Sigreturn`]).
//! - [`strace`]: `-strace` output.

pub mod aspace;
pub mod layout;
pub mod loader;
pub mod ppc64;
pub mod ppc64_signal;
pub mod process;
pub mod s390x;
pub mod s390x_signal;
pub mod signal;
pub mod stack;
pub mod strace;
pub mod sys_fs;
pub mod sys_io;
pub mod sys_mem;
pub mod sys_proc;
pub mod syscall;
pub mod sysno;
pub mod target;

pub use process::{Options, Process};
pub use target::Target;

/// Loads `opts.program` for `target` and runs it; returns only if loading failed.
pub fn run<T: Target>(target: T, opts: Options) -> crate::Error {
    match Process::new(target, opts) {
        Ok(mut p) => p.run_guest(),
        Err(e) => e,
    }
}
