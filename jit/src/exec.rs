//! Entering translated code, and getting out of it when a guest access faults.
//!
//! `bigiron_enter` saves the host's callee-saved registers, records the stack pointer in
//! `CpuHeader::saved_sp` and calls the block. Blocks save none themselves (they use
//! Cranelift's `winch` convention, see codegen's module docs): this is the only place. Blocks jump to each other directly, so the
//! stack does not grow; a block returns an `exit_code` to the instruction after the call.
//!
//! A guest load/store that hits an unmapped or protected page (or a guard region) raises a
//! host SIGSEGV/SIGBUS inside translated code. The handler checks the faulting host PC is in
//! a code buffer and the thread is running guest code, records that host PC, and rewrites
//! the signal context so the thread "returns" from `bigiron_enter`'s call with
//! `exit_code::FAULT` (stack pointer restored, callee-saved registers restored by the
//! trampoline's epilogue). Translated code syncs guest registers before every access, so the
//! CPU struct is already precise; the engine maps the host PC to the guest instruction and
//! replays it in the interpreter. The guarded accesses of the interpreter tier fail the same
//! way (see `guarded_load`). Faults anywhere else are host bugs and go to the previous
//! handler.

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

// Guest accesses made by Rust code (the interpreter tier): one instruction each, so a host
// fault can be turned into a failed access by resuming at `bigiron_access_fault` (which
// returns 1 in both rax and rdx: loads report faults in rdx, stores in rax).
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl bigiron_access_start",
    "bigiron_access_start:",
    "bigiron_ld8: movzx eax, byte ptr [rdi]",
    "xor edx, edx",
    "ret",
    "bigiron_ld16: movzx eax, word ptr [rdi]",
    "xor edx, edx",
    "ret",
    "bigiron_ld32: mov eax, dword ptr [rdi]",
    "xor edx, edx",
    "ret",
    "bigiron_ld64: mov rax, qword ptr [rdi]",
    "xor edx, edx",
    "ret",
    "bigiron_st8: mov byte ptr [rdi], sil",
    "xor eax, eax",
    "ret",
    "bigiron_st16: mov word ptr [rdi], si",
    "xor eax, eax",
    "ret",
    "bigiron_st32: mov dword ptr [rdi], esi",
    "xor eax, eax",
    "ret",
    "bigiron_st64: mov qword ptr [rdi], rsi",
    "xor eax, eax",
    "ret",
    "bigiron_cas8: mov eax, esi",
    "lock cmpxchg byte ptr [rdi], dl",
    "movzx eax, al",
    "xor edx, edx",
    "ret",
    "bigiron_cas16: mov eax, esi",
    "lock cmpxchg word ptr [rdi], dx",
    "movzx eax, ax",
    "xor edx, edx",
    "ret",
    "bigiron_cas32: mov eax, esi",
    "lock cmpxchg dword ptr [rdi], edx",
    "xor edx, edx",
    "ret",
    "bigiron_cas64: mov rax, rsi",
    "lock cmpxchg qword ptr [rdi], rdx",
    "xor edx, edx",
    "ret",
    // (dst, src, n): `rep movsb` moves byte by byte as far as the result is concerned, so
    // a destination overlapping the source just to its right propagates bytes.
    // Up to 64 bytes without destructive overlap (destination not inside the source's
    // bytes to the right of its start): quadwords then bytes, forward — cheaper than the
    // start-up of `rep movsb`, same result.
    "bigiron_movsb: mov rcx, rdx",
    "cmp rdx, 64",
    "ja 3f",
    "mov rax, rdi",
    "sub rax, rsi",
    "cmp rax, rdx",
    "jb 3f",
    "2: cmp rcx, 8",
    "jb 4f",
    "mov rax, qword ptr [rsi]",
    "mov qword ptr [rdi], rax",
    "add rsi, 8",
    "add rdi, 8",
    "sub rcx, 8",
    "jmp 2b",
    "4: test rcx, rcx",
    "jz 5f",
    "mov al, byte ptr [rsi]",
    "mov byte ptr [rdi], al",
    "inc rsi",
    "inc rdi",
    "dec rcx",
    "jmp 4b",
    "5: xor eax, eax",
    "ret",
    "3: rep movsb",
    "xor eax, eax",
    "ret",
    // (dst, byte, n): up to 64 bytes as quadwords then bytes (cheaper than the start-up of
    // `rep stosb`).
    "bigiron_stosb: mov eax, esi",
    "mov rcx, rdx",
    "cmp rdx, 64",
    "ja 3f",
    "movzx eax, sil",
    "mov r8, 0x0101010101010101",
    "imul rax, r8",
    "2: cmp rcx, 8",
    "jb 4f",
    "mov qword ptr [rdi], rax",
    "add rdi, 8",
    "sub rcx, 8",
    "jmp 2b",
    "4: test rcx, rcx",
    "jz 5f",
    "mov byte ptr [rdi], al",
    "inc rdi",
    "dec rcx",
    "jmp 4b",
    "5: xor eax, eax",
    "ret",
    "3: rep stosb",
    "xor eax, eax",
    "ret",
    // (a, b, n, stop): the first index below n where a and b differ or a holds the byte
    // `stop`, else n. Quadwords while none of their bytes decides, then bytes; reads only
    // bytes below n.
    "bigiron_cmpstr: mov r8, rdx",
    "movzx r9d, cl",
    "mov r10, 0x0101010101010101",
    "mov r11, r9",
    "imul r11, r10",
    "xor eax, eax",
    "2: lea rdx, [rax + 8]",
    "cmp rdx, r8",
    "ja 4f",
    "mov rdx, qword ptr [rdi + rax]",
    "cmp rdx, qword ptr [rsi + rax]",
    "jne 4f",
    // A zero byte of (a ^ stop*0x01..) is a byte equal to `stop`.
    "xor rdx, r11",
    "mov rcx, rdx",
    "sub rcx, r10",
    "not rdx",
    "and rcx, rdx",
    "mov rdx, 0x8080808080808080",
    "test rcx, rdx",
    "jnz 4f",
    "add rax, 8",
    "jmp 2b",
    "4: cmp rax, r8",
    "jae 5f",
    "movzx ecx, byte ptr [rdi + rax]",
    "movzx edx, byte ptr [rsi + rax]",
    "cmp ecx, edx",
    "jne 5f",
    "cmp ecx, r9d",
    "je 5f",
    "inc rax",
    "jmp 4b",
    "5: xor edx, edx",
    "ret",
    ".globl bigiron_access_end",
    "bigiron_access_end:",
    ".globl bigiron_access_fault",
    "bigiron_access_fault: mov eax, 1",
    "mov edx, 1",
    "ret",
    ".globl bigiron_ld8, bigiron_ld16, bigiron_ld32, bigiron_ld64",
    ".globl bigiron_st8, bigiron_st16, bigiron_st32, bigiron_st64",
    ".globl bigiron_cas8, bigiron_cas16, bigiron_cas32, bigiron_cas64",
    ".globl bigiron_movsb, bigiron_stosb, bigiron_cmpstr",
);

// 16-byte accesses (s390x `LPQ`/`STPQ`/`CDSG`, ppc64 quadword atomics from the interpreter
// tier). `cmpxchg16b` needs rbx, which is callee-saved: both functions keep the caller's rbx in
// r11 while they run, and their own fault landing puts it back before returning 1.
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl bigiron_access128_start",
    "bigiron_access128_start:",
    // (p, out): an aligned 16-byte SSE load, single-copy atomic on hosts with AVX.
    "bigiron_ld128: mov r11, rbx",
    "movdqa xmm0, xmmword ptr [rdi]",
    "movdqu xmmword ptr [rsi], xmm0",
    "xor eax, eax",
    "ret",
    // (p, expected_lo, expected_hi, new_lo, new_hi, out): out = the old contents.
    "bigiron_cas128: mov r11, rbx",
    "mov rax, rsi",
    "mov rbx, rcx",
    "mov rcx, r8",
    "lock cmpxchg16b xmmword ptr [rdi]",
    "mov rbx, r11",
    "mov qword ptr [r9], rax",
    "mov qword ptr [r9 + 8], rdx",
    "xor eax, eax",
    "ret",
    ".globl bigiron_access128_end",
    "bigiron_access128_end:",
    ".globl bigiron_access128_fault",
    "bigiron_access128_fault: mov rbx, r11",
    "mov eax, 1",
    "ret",
    ".globl bigiron_ld128, bigiron_cas128",
);

/// A guarded host load: the value, and nonzero `fault` if the access faulted.
#[repr(C)]
pub struct Loaded {
    pub value: u64,
    pub fault: u64,
}

extern "C" {
    fn bigiron_access_start();
    fn bigiron_access_end();
    fn bigiron_access_fault();
    fn bigiron_ld8(p: *const u8) -> Loaded;
    fn bigiron_ld16(p: *const u8) -> Loaded;
    fn bigiron_ld32(p: *const u8) -> Loaded;
    fn bigiron_ld64(p: *const u8) -> Loaded;
    fn bigiron_st8(p: *mut u8, v: u64) -> u64;
    fn bigiron_st16(p: *mut u8, v: u64) -> u64;
    fn bigiron_st32(p: *mut u8, v: u64) -> u64;
    fn bigiron_st64(p: *mut u8, v: u64) -> u64;
    fn bigiron_cas8(p: *mut u8, expected: u64, new: u64) -> Loaded;
    fn bigiron_cas16(p: *mut u8, expected: u64, new: u64) -> Loaded;
    fn bigiron_cas32(p: *mut u8, expected: u64, new: u64) -> Loaded;
    fn bigiron_cas64(p: *mut u8, expected: u64, new: u64) -> Loaded;
    fn bigiron_movsb(dst: *mut u8, src: *const u8, n: usize) -> u64;
    fn bigiron_stosb(dst: *mut u8, v: u64, n: usize) -> u64;
    fn bigiron_cmpstr(a: *const u8, b: *const u8, n: usize, stop: u64) -> Loaded;
    fn bigiron_access128_start();
    fn bigiron_access128_end();
    fn bigiron_access128_fault();
    fn bigiron_ld128(p: *const u8, out: *mut u64) -> u64;
    fn bigiron_cas128(p: *mut u8, exp_lo: u64, exp_hi: u64, new_lo: u64, new_hi: u64, out: *mut u64) -> u64;
}

/// The host address and signal of the last fault of a guarded access on this thread.
#[derive(Clone, Copy, Debug, Default)]
pub struct AccessFault {
    pub host_addr: u64,
    pub write: bool,
    pub bus: bool,
}

thread_local! {
    static LAST_ACCESS_FAULT: Cell<AccessFault> = const { Cell::new(AccessFault { host_addr: 0, write: false, bus: false }) };
}

/// What the last failed guarded access on this thread hit.
pub fn last_access_fault() -> AccessFault {
    LAST_ACCESS_FAULT.with(|c| c.get())
}

/// Loads `size` (1, 2, 4, 8) bytes from host address `p`, which may be unmapped or
/// protected: `None` on a fault (see [`last_access_fault`]).
///
/// # Safety
/// `p` must point into memory reserved for the guest (any protection), never into host data.
pub unsafe fn guarded_load(p: *const u8, size: usize) -> Option<u64> {
    install_fault_handler();
    let r = match size {
        1 => bigiron_ld8(p),
        2 => bigiron_ld16(p),
        4 => bigiron_ld32(p),
        _ => bigiron_ld64(p),
    };
    if r.fault != 0 { None } else { Some(r.value) }
}

/// Stores the low `size` bytes of `v` at host address `p`; `false` on a fault.
///
/// # Safety
/// As for [`guarded_load`].
pub unsafe fn guarded_store(p: *mut u8, size: usize, v: u64) -> bool {
    install_fault_handler();
    let r = match size {
        1 => bigiron_st8(p, v),
        2 => bigiron_st16(p, v),
        4 => bigiron_st32(p, v),
        _ => bigiron_st64(p, v),
    };
    r == 0
}

/// Copies `n` bytes from `src` to `dst` (either may be guest memory, protected or not),
/// left to right with the result of single-byte moves (an overlapping destination just
/// right of the source propagates bytes); `false` on a fault, after which a prefix of the
/// destination may have been written.
///
/// # Safety
/// Both ranges must lie in memory reserved for the guest or in host buffers the caller
/// owns, never in other host data.
pub unsafe fn guarded_copy(dst: *mut u8, src: *const u8, n: usize) -> bool {
    install_fault_handler();
    bigiron_movsb(dst, src, n) == 0
}

/// The first index below `n` at which the bytes from `a` and from `b` differ or `a`'s byte
/// is `stop`, else `n`; `None` on a fault. Reads no byte at or beyond index `n`.
///
/// # Safety
/// As for [`guarded_load`], for both ranges.
pub unsafe fn guarded_mismatch_or(a: *const u8, b: *const u8, n: usize, stop: u8) -> Option<usize> {
    install_fault_handler();
    let r = bigiron_cmpstr(a, b, n, stop as u64);
    if r.fault != 0 { None } else { Some(r.value as usize) }
}

/// The first index below `n` at which the byte from `p` is `c`, else `n`; `None` on a
/// fault. Reads no byte at or beyond index `n`.
///
/// # Safety
/// As for [`guarded_load`].
pub unsafe fn guarded_find_byte(p: *const u8, n: usize, c: u8) -> Option<usize> {
    install_fault_handler();
    // A range compared with itself never differs: the first `c` decides.
    let r = bigiron_cmpstr(p, p, n, c as u64);
    if r.fault != 0 { None } else { Some(r.value as usize) }
}

/// Sets `n` bytes at `dst` to `v`; `false` on a fault (a prefix may have been written).
///
/// # Safety
/// As for [`guarded_copy`].
pub unsafe fn guarded_fill(dst: *mut u8, v: u8, n: usize) -> bool {
    install_fault_handler();
    bigiron_stosb(dst, v as u64, n) == 0
}

/// Atomically replaces the `size` (1, 2, 4, 8) bytes at `p` with `new` if they equal
/// `expected` (a locked compare-exchange, so other threads' atomics see one access). Returns
/// the old value, or `None` on a fault.
///
/// # Safety
/// As for [`guarded_load`].
pub unsafe fn guarded_cas(p: *mut u8, size: usize, expected: u64, new: u64) -> Option<u64> {
    install_fault_handler();
    let r = match size {
        1 => bigiron_cas8(p, expected, new),
        2 => bigiron_cas16(p, expected, new),
        4 => bigiron_cas32(p, expected, new),
        _ => bigiron_cas64(p, expected, new),
    };
    if r.fault != 0 { None } else { Some(r.value) }
}

/// Loads the 16 bytes at the 16-byte aligned host address `p` as one access (an aligned
/// SSE load: single-copy atomic on hosts with AVX), as a little-endian `u128`; `None` on a
/// fault.
///
/// # Safety
/// As for [`guarded_load`]; `p` must be 16-byte aligned.
pub unsafe fn guarded_load128(p: *const u8) -> Option<u128> {
    install_fault_handler();
    let mut out = [0u64; 2];
    if bigiron_ld128(p, out.as_mut_ptr()) != 0 {
        return None;
    }
    Some((out[1] as u128) << 64 | out[0] as u128)
}

/// Atomically replaces the 16 bytes at the 16-byte aligned host address `p` with `new` if
/// they equal `expected` (`lock cmpxchg16b`; values as little-endian `u128`s). Returns the
/// old contents, or `None` on a fault.
///
/// # Safety
/// As for [`guarded_load`]; `p` must be 16-byte aligned.
pub unsafe fn guarded_cas128(p: *mut u8, expected: u128, new: u128) -> Option<u128> {
    install_fault_handler();
    let mut out = [0u64; 2];
    let f = bigiron_cas128(p, expected as u64, (expected >> 64) as u64, new as u64, (new >> 64) as u64, out.as_mut_ptr());
    if f != 0 {
        return None;
    }
    Some((out[1] as u128) << 64 | out[0] as u128)
}

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
        let in128 = rip >= bigiron_access128_start as *const () as usize && rip < bigiron_access128_end as *const () as usize;
        if in128 || (rip >= bigiron_access_start as *const () as usize && rip < bigiron_access_end as *const () as usize) {
            let f = AccessFault {
                host_addr: (*info).si_addr() as u64,
                write: (uc.uc_mcontext.gregs[libc::REG_ERR as usize] >> 1) & 1 != 0,
                bus: sig == libc::SIGBUS,
            };
            LAST_ACCESS_FAULT.with(|c| c.set(f));
            let landing = if in128 { bigiron_access128_fault as *const () as usize } else { bigiron_access_fault as *const () as usize };
            uc.uc_mcontext.gregs[libc::REG_RIP as usize] = landing as i64;
            return;
        }
        let cur = CURRENT.with(|c| c.get());
        if cur.is_null() || !crate::codebuf::is_code_address(rip) {
            // Not a guest access: a host bug. Say where (async-signal-safe), then let the
            // previous handler (or the default action) see it.
            report_host_fault(sig, rip as u64, (*info).si_addr() as u64);
            let old = if sig == libc::SIGSEGV { std::ptr::addr_of!(OLD_SEGV) } else { std::ptr::addr_of!(OLD_BUS) };
            libc::sigaction(sig, old, std::ptr::null_mut());
            return;
        }
        // Only where: the engine finds the guest instruction from the host PC and replays
        // it in the interpreter for the exact address, direction and signal.
        let hdr = &mut *cur;
        hdr.fault_host_pc = rip as u64;
        uc.uc_mcontext.gregs[libc::REG_RSP as usize] = hdr.saved_sp as i64;
        uc.uc_mcontext.gregs[libc::REG_RIP as usize] = bigiron_resume as *const () as usize as i64;
        uc.uc_mcontext.gregs[libc::REG_RAX as usize] = exit_code::FAULT as i64;
    }
}

/// Writes "bigiron: host fault (signal S) at host pc P, address A" to stderr without
/// allocating (this runs in a signal handler).
fn report_host_fault(sig: i32, rip: u64, addr: u64) {
    let mut buf = [0u8; 96];
    let mut n = 0;
    let mut put = |b: &[u8], n: &mut usize| {
        for &c in b {
            if *n < buf.len() {
                buf[*n] = c;
                *n += 1;
            }
        }
    };
    let hex = |v: u64| {
        let mut h = [b'0'; 16];
        for (i, d) in h.iter_mut().enumerate() {
            let x = (v >> (60 - 4 * i)) & 0xf;
            *d = if x < 10 { b'0' + x as u8 } else { b'a' + x as u8 - 10 };
        }
        h
    };
    put(b"bigiron: host fault (signal ", &mut n);
    put(&[b'0' + (sig / 10) as u8, b'0' + (sig % 10) as u8], &mut n);
    put(b") at host pc 0x", &mut n);
    put(&hex(rip), &mut n);
    put(b", address 0x", &mut n);
    put(&hex(addr), &mut n);
    put(b"\n", &mut n);
    // SAFETY: write(2) on a valid buffer is async-signal-safe.
    unsafe { libc::write(2, buf.as_ptr() as *const libc::c_void, n) };
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
