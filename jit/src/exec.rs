//! Entering translated code, and getting out of it when a guest access faults.
//!
//! `bigiron_enter` saves the host's callee-saved registers, records the stack pointer in
//! `CpuHeader::saved_sp` and calls the block. Blocks chain with tail calls, so the stack does
//! not grow; a block returns an `exit_code` to the instruction after the call.
//!
//! A guest load/store that hits an unmapped or protected page of the user-mode reservation
//! raises a host SIGSEGV/SIGBUS inside translated code. The handler checks the faulting host
//! PC is in a code buffer and the thread is running guest code, records the guest address,
//! and rewrites the signal context so the thread "returns" from `bigiron_enter`'s call with
//! `exit_code::FAULT` (stack pointer restored, callee-saved registers restored by the
//! trampoline's epilogue). Translated code stores the guest PC and syncs guest registers
//! before every access, so the CPU struct is already precise. Faults anywhere else are host
//! bugs and go to the previous handler.

use crate::cpu::{exit_code, CpuHeader};
use std::cell::Cell;
use std::sync::Once;

std::arch::global_asm!(
    ".text",
    ".globl bigiron_enter",
    ".p2align 4",
    "bigiron_enter:",
    "push rbp",
    "mov rbp, rsp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "sub rsp, 8",
    "mov [rcx], rsp",
    "call rdx",
    ".globl bigiron_resume",
    "bigiron_resume:",
    "add rsp, 8",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
);

extern "C" {
    fn bigiron_enter(cpu: *mut u8, mem: *mut u8, code: *const u8, saved_sp: *mut u64) -> u64;
    fn bigiron_resume();
}

thread_local! {
    static CURRENT: Cell<*mut CpuHeader> = const { Cell::new(std::ptr::null_mut()) };
}

static mut OLD_SEGV: libc::sigaction = unsafe { std::mem::zeroed() };
static mut OLD_BUS: libc::sigaction = unsafe { std::mem::zeroed() };
static INSTALL: Once = Once::new();

/// Installs the fault handler (once per process).
pub fn install_fault_handler() {
    INSTALL.call_once(|| unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGSEGV, &sa, std::ptr::addr_of_mut!(OLD_SEGV));
        libc::sigaction(libc::SIGBUS, &sa, std::ptr::addr_of_mut!(OLD_BUS));
    });
}

extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, uctx: *mut libc::c_void) {
    // SAFETY: the kernel hands us valid siginfo/ucontext pointers for an SA_SIGINFO handler.
    unsafe {
        let uc = &mut *(uctx as *mut libc::ucontext_t);
        let rip = uc.uc_mcontext.gregs[libc::REG_RIP as usize] as usize;
        let cur = CURRENT.with(|c| c.get());
        if cur.is_null() || !crate::codebuf::is_code_address(rip) {
            // Not a guest access: let the previous handler (or the default action) see it.
            let old = if sig == libc::SIGSEGV { std::ptr::addr_of!(OLD_SEGV) } else { std::ptr::addr_of!(OLD_BUS) };
            libc::sigaction(sig, old, std::ptr::null_mut());
            return;
        }
        let hdr = &mut *cur;
        let addr = (*info).si_addr() as u64;
        hdr.fault_addr = addr.wrapping_sub(hdr.mem_base);
        // Page-fault error code bit 1: the access was a write.
        hdr.fault_write = ((uc.uc_mcontext.gregs[libc::REG_ERR as usize] >> 1) & 1) as u64;
        if sig == libc::SIGBUS {
            hdr.fault_write |= 2;
        }
        uc.uc_mcontext.gregs[libc::REG_RSP as usize] = hdr.saved_sp as i64;
        uc.uc_mcontext.gregs[libc::REG_RIP as usize] = bigiron_resume as *const () as usize as i64;
        uc.uc_mcontext.gregs[libc::REG_RAX as usize] = exit_code::FAULT as i64;
    }
}

/// Runs translated code at `code` for the CPU struct at `cpu` (which starts with a
/// `CpuHeader`) until it returns an exit code.
///
/// # Safety
/// `code` must be a block compiled by this engine for this CPU struct's ISA, and `mem` the
/// guest memory base those blocks were compiled against.
pub unsafe fn enter(cpu: *mut u8, mem: *mut u8, code: *const u8) -> u64 {
    let hdr = cpu as *mut CpuHeader;
    let prev = CURRENT.with(|c| c.replace(hdr));
    let r = bigiron_enter(cpu, mem, code, std::ptr::addr_of_mut!((*hdr).saved_sp));
    CURRENT.with(|c| c.set(prev));
    r
}
