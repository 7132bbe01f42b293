//! s390x signal frames, laid out as Linux's `setup_rt_frame` and `setup_frame` build them
//! (arch/s390/kernel/signal.c, a machine with the vector facility), and `rt_sigreturn` /
//! `sigreturn`.
//!
//! The kernel builds an rt frame only for SA_SIGINFO handlers; others get the old-style
//! frame (struct sigframe) and return through `sigreturn` (119). Both start with the
//! 160-byte register save area the handler may use (`__SIGNAL_FRAMESIZE`), its first
//! doubleword the back chain to the interrupted r15, and sit 8-byte aligned right below the
//! interrupted stack pointer (s390 has no red zone) or at the top of the alternate stack.
//!
//! rt frame (1320 bytes): svc_insn at 160, siginfo at 168, `struct ucontext_extended` at
//! 296 — uc_flags (UC_VXRS), uc_link, uc_stack, uc_mcontext (`_sigregs`: PSW mask and
//! address, gprs[16], acrs[16], fpc, fprs[16]), uc_sigmask (with room for 1024 bits), and
//! uc_mcontext_ext (`_sigregs_ext`: bits 64:127 of VR0-15, then VR16-31 whole).
//! Old frame (1048 bytes): `struct sigcontext` at 160 (oldmask, pointer to the `_sigregs`),
//! the `_sigregs` at 176, the signal number at 520, `_sigregs_ext` at 528.
//!
//! Handler entry: r2 = signal, r3 = &siginfo (rt) or &sigcontext (old), r4 = &ucontext
//! (rt), r14 = the return address — sa_restorer with SA_RESTORER, else the process's
//! trampoline page (`svc 173` / `svc 119`, as the kernel's vDSO; the kernel also stores the
//! `svc` in the frame, which this layer does too for unwinders), r15 = the frame, PSW =
//! the handler in 64-bit mode (CC and program mask kept).
//!
//! Where a program interruption leaves the PSW (PoP ch. 6 "Program-Interruption
//! Conditions"): the operation, privileged-operation, specification, data, fixed-point
//! overflow and divide exceptions suppress or complete, so the saved PSW addresses the NEXT
//! instruction (si_addr is the faulting one); storage faults nullify (or the kernel rewinds
//! the PSW), so the saved PSW addresses the faulting instruction. The front end reports
//! every exception at the faulting instruction; the frame applies the difference.

use super::aspace::AddressSpace;
use super::target::{BadFrame, SigReturn, SignalFrame};
use cpu_s390x::S390xCpu;

/// The return trampolines: `svc 173` (rt_sigreturn) at 0, `svc 119` (sigreturn) at 2.
pub const TRAMPOLINE: [u8; 4] = [0x0a, 173, 0x0a, 119];

const SIGNAL_FRAMESIZE: usize = 160;
// rt_sigframe.
pub const RT_FRAME_SIZE: usize = 1320;
pub const RT_SVC: usize = SIGNAL_FRAMESIZE;
pub const RT_INFO: usize = 168;
pub const RT_UC: usize = 296;
// ucontext_extended, relative to the ucontext.
pub const UC_FLAGS: usize = 0;
pub const UC_LINK: usize = 8;
pub const UC_STACK: usize = 16;
pub const UC_MCONTEXT: usize = 40;
pub const UC_SIGMASK: usize = 384;
pub const UC_MCONTEXT_EXT: usize = 512;
const UC_VXRS: u64 = 2;
// sigframe (old style).
pub const FRAME_SIZE: usize = 1048;
pub const SC_OLDMASK: usize = 160;
pub const SC_SREGS: usize = 168;
pub const SREGS: usize = 176;
pub const SIGNO: usize = 520;
pub const SREGS_EXT: usize = 528;
// _sigregs, relative to its start.
pub const SR_PSW_MASK: usize = 0;
pub const SR_PSW_ADDR: usize = 8;
pub const SR_GPRS: usize = 16;
pub const SR_ACRS: usize = 144;
pub const SR_FPC: usize = 208;
pub const SR_FPRS: usize = 216;
pub const SIGREGS_SIZE: usize = 344;
// _sigregs_ext, relative to its start.
pub const EXT_VXRS_LOW: usize = 0;
pub const EXT_VXRS_HIGH: usize = 128;
pub const SIGREGS_EXT_SIZE: usize = 512;

const SA_SIGINFO: u64 = 4;
/// SA_RESTORER (arch/s390/include/uapi/asm/signal.h).
const SA_RESTORER: u64 = 0x0400_0000;

struct Buf(Vec<u8>);

impl Buf {
    fn put(&mut self, off: usize, b: &[u8]) {
        self.0[off..off + b.len()].copy_from_slice(b);
    }
    fn u32(&mut self, off: usize, v: u32) {
        self.put(off, &v.to_be_bytes());
    }
    fn u64(&mut self, off: usize, v: u64) {
        self.put(off, &v.to_be_bytes());
    }
    fn get<const N: usize>(&self, off: usize) -> [u8; N] {
        self.0.get(off..off + N).and_then(|s| s.try_into().ok()).unwrap_or([0; N])
    }
    fn get32(&self, off: usize) -> u32 {
        u32::from_be_bytes(self.get(off))
    }
    fn get64(&self, off: usize) -> u64 {
        u64::from_be_bytes(self.get(off))
    }
}

/// Program-interruption code the old-style frame's handler gets in r4 (`int_code & 127`).
fn interruption_code(sig: i32, code: i32) -> u64 {
    match (sig, code) {
        (libc::SIGILL, 5) => 0x02,           // privileged operation
        (libc::SIGILL, 2) => 0x06,           // specification (or execute, data)
        (libc::SIGILL, _) => 0x01,           // operation
        (libc::SIGFPE, 1) => 0x09,           // fixed-point divide
        (libc::SIGFPE, 2) => 0x08,           // fixed-point overflow
        (libc::SIGFPE, _) => 0x07,           // data
        (libc::SIGSEGV, 2) => 0x04,          // protection
        (libc::SIGSEGV | libc::SIGBUS, _) => 0x11, // page translation
        _ => 0,
    }
}

/// Writes `_sigregs` for the interrupted state at `at`; `psw_addr` is where it resumes.
fn save_sigregs(b: &mut Buf, at: usize, cpu: &S390xCpu, psw_addr: u64) {
    b.u64(at + SR_PSW_MASK, cpu.psw_mask());
    b.u64(at + SR_PSW_ADDR, psw_addr);
    for (i, r) in cpu.gpr.iter().enumerate() {
        b.u64(at + SR_GPRS + 8 * i, *r);
    }
    for (i, a) in cpu.acr.iter().enumerate() {
        b.u32(at + SR_ACRS + 4 * i, *a);
    }
    b.u32(at + SR_FPC, cpu.fpc);
    for i in 0..16 {
        b.u64(at + SR_FPRS + 8 * i, cpu.fpr(i));
    }
}

fn save_sigregs_ext(b: &mut Buf, at: usize, cpu: &S390xCpu) {
    for i in 0..16 {
        b.u64(at + EXT_VXRS_LOW + 8 * i, cpu.vr128(i) as u64);
    }
    for i in 0..16 {
        b.put(at + EXT_VXRS_HIGH + 16 * i, &cpu.vr128(16 + i).to_be_bytes());
    }
}

/// Restores from `_sigregs` at `at` (the kernel's `restore_sigregs`: only the PSW's user
/// bits — CC, program mask, addressing mode — come from the frame).
fn restore_sigregs(cpu: &mut S390xCpu, b: &Buf, at: usize) {
    let mut mask = b.get64(at + SR_PSW_MASK);
    // EA without BA is not a valid mode: the kernel makes it 64-bit.
    if mask & (1 << 32) != 0 {
        mask |= 1 << 31;
    }
    cpu.set_psw_mask(mask);
    cpu.hdr.pc = b.get64(at + SR_PSW_ADDR);
    for i in 0..16 {
        cpu.gpr[i] = b.get64(at + SR_GPRS + 8 * i);
        cpu.acr[i] = b.get32(at + SR_ACRS + 4 * i);
    }
    cpu.fpc = b.get32(at + SR_FPC);
    for i in 0..16 {
        cpu.set_fpr(i, b.get64(at + SR_FPRS + 8 * i));
    }
}

fn restore_sigregs_ext(cpu: &mut S390xCpu, b: &Buf, at: usize) {
    for i in 0..16 {
        cpu.vr[i][0] = b.get64(at + EXT_VXRS_LOW + 8 * i);
    }
    for i in 0..16 {
        cpu.set_vr128(16 + i, u128::from_be_bytes(b.get(at + EXT_VXRS_HIGH + 16 * i)));
    }
}

/// Where the interrupted program resumes: past the instruction for the suppressing and
/// completing exceptions behind SIGILL and SIGFPE, at the PC otherwise.
fn resume_address(cpu: &S390xCpu, mem: &AddressSpace, f: &SignalFrame) -> u64 {
    let pc = cpu.hdr.pc;
    if f.info.fault && matches!(f.sig, libc::SIGILL | libc::SIGFPE) {
        let mut op = [0u8; 1];
        if mem.read(pc, &mut op).is_ok() {
            return pc.wrapping_add(super::s390x::insn_len(op[0]) as u64);
        }
    }
    pc
}

/// Writes the frame for `f` and points the registers at the handler.
pub fn setup(cpu: &mut S390xCpu, mem: &AddressSpace, f: &SignalFrame) -> Result<(), BadFrame> {
    let old_sp = cpu.gpr[15];
    let sp = if f.use_altstack { f.altstack.0.wrapping_add(f.altstack.2) } else { old_sp };
    let rt = f.flags & SA_SIGINFO != 0;
    let size = if rt { RT_FRAME_SIZE } else { FRAME_SIZE };
    let frame = sp.wrapping_sub(size as u64) & !7;
    let resume = resume_address(cpu, mem, f);
    let mut info = f.info;
    // Storage faults report the failing page (the translation-exception identification
    // masked with __FAIL_ADDR_MASK in arch/s390/mm/fault.c).
    if info.fault && matches!(f.sig, libc::SIGSEGV | libc::SIGBUS) {
        info.addr &= !0xfff;
    }

    let mut b = Buf(vec![0; size]);
    b.u64(0, old_sp);
    let restorer;
    if rt {
        b.put(RT_SVC, &TRAMPOLINE[0..2]);
        // si_addr of a program interruption is the instruction address `get_trap_ip`
        // computes, also for si_code 0 (`do_fp_trap`, e.g. compare-and-trap's DXC 0xff): the
        // generic encoder writes it for every guest fault.
        b.put(RT_INFO, &info.encode(true));
        let uc = RT_UC;
        b.u64(uc + UC_FLAGS, UC_VXRS);
        b.u64(uc + UC_LINK, 0);
        b.u64(uc + UC_STACK, f.altstack.0);
        b.u32(uc + UC_STACK + 8, f.altstack.1 as u32);
        b.u64(uc + UC_STACK + 16, f.altstack.2);
        save_sigregs(&mut b, uc + UC_MCONTEXT, cpu, resume);
        b.u64(uc + UC_SIGMASK, f.saved_mask);
        save_sigregs_ext(&mut b, uc + UC_MCONTEXT_EXT, cpu);
        restorer = f.trampoline;
    } else {
        b.u64(SC_OLDMASK, f.saved_mask);
        b.u64(SC_SREGS, frame + SREGS as u64);
        save_sigregs(&mut b, SREGS, cpu, resume);
        // The kernel stores the interrupted r2 here "to allow backtrace from handler".
        b.u32(SIGNO, cpu.gpr[2] as u32);
        save_sigregs_ext(&mut b, SREGS_EXT, cpu);
        b.put(FRAME_SIZE - 2, &TRAMPOLINE[2..4]);
        restorer = f.trampoline + 2;
    }
    mem.write(frame, &b.0).map_err(|_| BadFrame)?;

    cpu.gpr[14] = if f.flags & SA_RESTORER != 0 { f.restorer } else { restorer };
    cpu.gpr[15] = frame;
    cpu.gpr[2] = f.sig as u64;
    if rt {
        cpu.gpr[3] = frame + RT_INFO as u64;
        cpu.gpr[4] = frame + RT_UC as u64;
        // thread.last_break: the emulator does not record breaking-event addresses.
        cpu.gpr[5] = 0;
    } else {
        cpu.gpr[3] = frame + SC_OLDMASK as u64;
        if matches!(f.sig, libc::SIGSEGV | libc::SIGBUS | libc::SIGILL | libc::SIGTRAP | libc::SIGFPE) {
            cpu.gpr[4] = interruption_code(f.sig, f.info.code);
            cpu.gpr[5] = if matches!(f.sig, libc::SIGSEGV | libc::SIGBUS) { info.addr } else { 0 };
            cpu.gpr[6] = 0;
        }
    }
    cpu.amode = 64;
    cpu.hdr.pc = f.handler;
    Ok(())
}

/// `rt_sigreturn`: the rt frame is at r15.
pub fn rt_sigreturn(cpu: &mut S390xCpu, mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
    let frame = cpu.gpr[15];
    let b = Buf(mem.read_vec(frame, RT_FRAME_SIZE).map_err(|_| BadFrame)?);
    let uc = RT_UC;
    restore_sigregs(cpu, &b, uc + UC_MCONTEXT);
    restore_sigregs_ext(cpu, &b, uc + UC_MCONTEXT_EXT);
    Ok(SigReturn {
        mask: b.get64(uc + UC_SIGMASK),
        altstack: (b.get64(uc + UC_STACK), b.get32(uc + UC_STACK + 8) as i32, b.get64(uc + UC_STACK + 16)),
    })
}

/// `sigreturn`: the old-style frame is at r15; the registers come from its fixed `_sigregs`
/// (not through sc.sregs), as the kernel's `sys_sigreturn`. The alternate stack is kept.
pub fn sigreturn(cpu: &mut S390xCpu, mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
    let frame = cpu.gpr[15];
    let b = Buf(mem.read_vec(frame, FRAME_SIZE).map_err(|_| BadFrame)?);
    restore_sigregs(cpu, &b, SREGS);
    restore_sigregs_ext(cpu, &b, SREGS_EXT);
    Ok(SigReturn { mask: b.get64(SC_OLDMASK), altstack: (0, libc::SS_DISABLE, 0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The offsets above, derived from the C declarations in arch/s390/include/uapi/asm/
    /// {sigcontext,ucontext}.h and arch/s390/kernel/signal.c with LP64 alignment.
    #[test]
    fn layout_follows_the_kernel_structs() {
        // _sigregs: _psw_t (16) + gprs (128) + acrs (64) = 208, then fpc, pad, fprs[16].
        assert_eq!(SR_ACRS, 16 + 128);
        assert_eq!(SR_FPC, SR_ACRS + 64);
        assert_eq!(SIGREGS_SIZE, SR_FPRS + 128);
        // _sigregs_ext (64-bit: no gprs_high): vxrs_low[16] u64, vxrs_high[16] 16 bytes,
        // __reserved[128].
        assert_eq!(SIGREGS_EXT_SIZE, 128 + 256 + 128);
        // ucontext_extended: flags, link, stack_t (24), _sigregs, sigset (8 + 120 unused).
        assert_eq!(UC_MCONTEXT, 8 + 8 + 24);
        assert_eq!(UC_SIGMASK, UC_MCONTEXT + SIGREGS_SIZE);
        assert_eq!(UC_MCONTEXT_EXT, UC_SIGMASK + 128);
        // rt_sigframe: save area, u16 svc, siginfo (8-aligned, 128), ucontext_extended.
        assert_eq!(RT_SVC, SIGNAL_FRAMESIZE);
        assert_eq!(RT_INFO, 168);
        assert_eq!(RT_UC, RT_INFO + 128);
        assert_eq!(RT_FRAME_SIZE, RT_UC + UC_MCONTEXT_EXT + SIGREGS_EXT_SIZE);
        // sigframe: save area, sigcontext (16), _sigregs, int signo, _sigregs_ext
        // (8-aligned), u16 svc_insn, padded to 8.
        assert_eq!(SREGS, SC_OLDMASK + 16);
        assert_eq!(SIGNO, SREGS + SIGREGS_SIZE);
        assert_eq!(SREGS_EXT, (SIGNO + 4 + 7) & !7);
        assert_eq!(FRAME_SIZE, (SREGS_EXT + SIGREGS_EXT_SIZE + 2 + 7) & !7);
    }

    /// Compare-and-trap (`crt`, `clgit` ...) is a data exception with DXC 0xff: SIGFPE
    /// with si_code 0 (`do_fp_trap`) and si_addr the trapping instruction (`do_trap` →
    /// `force_sig_fault(.., get_trap_ip(regs))`), as QEMU's user mode reports it too.
    #[test]
    fn fault_siginfo_has_the_address_even_with_si_code_0() {
        use super::super::target::SigInfo;
        let info = SigInfo { signo: libc::SIGFPE, code: 0, addr: 0x1009_8176, fault: true, ..Default::default() };
        let b = info.encode(true);
        assert_eq!(b.len(), 128);
        assert_eq!(&b[0..4], &(libc::SIGFPE as u32).to_be_bytes());
        assert_eq!(&b[8..12], &0u32.to_be_bytes());
        assert_eq!(&b[16..24], &0x1009_8176u64.to_be_bytes());
        // A signal sent by a process (kill, si_code SI_USER 0) keeps si_pid/si_uid.
        let sent = SigInfo { signo: libc::SIGFPE, code: 0, pid: 77, uid: 5, ..Default::default() };
        let b = sent.encode(true);
        assert_eq!(&b[16..20], &77u32.to_be_bytes());
        assert_eq!(&b[20..24], &5u32.to_be_bytes());
    }
}
