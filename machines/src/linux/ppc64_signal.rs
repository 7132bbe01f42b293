//! ppc64 rt signal frames, laid out as Linux's `handle_rt_signal64` builds them
//! (`arch/powerpc/kernel/signal_64.c`, a kernel without transactional memory: 2400 bytes),
//! and `rt_sigreturn`.
//!
//! Frame (16-byte aligned, below the interrupted stack pointer or at the top of the
//! alternate stack): the `ucontext` first (rt_sigreturn finds it at r1 after the return
//! trampoline pops the 128-byte dummy frame), then the trampoline words, `pinfo`/`puc`, the
//! `siginfo` and a 512-byte gap protecting the red zone. The handler runs with r1 128 bytes
//! below the frame (back chain to the old r1), LR at the return trampoline
//! (`addi r1,r1,128; li r0,__NR_rt_sigreturn; sc`, the vDSO's `__kernel_sigtramp_rt64`
//! sequence, which unwinders recognise), CTR = the handler, and for ELFv2 r12 = the handler
//! (ELFv1 handlers are function descriptors: entry and r2 from it).

use super::aspace::AddressSpace;
use super::target::{BadFrame, SigReturn, SignalFrame};
use cpu_ppc64::Ppc64Cpu;

const FRAME_SIZE: u64 = 2400;
const DUMMY_FRAME: u64 = 128;
const UCONTEXT_SIZE: usize = 1696;
// ucontext offsets.
const UC_STACK: usize = 16;
const UC_SIGMASK: usize = 40;
const UC_MCONTEXT: usize = 168;
// sigcontext fields, as ucontext offsets.
const SC_SIGNAL: usize = 200;
const SC_HANDLER: usize = 208;
const SC_REGS: usize = 224;
const SC_GP_REGS: usize = 232;
const SC_FP_REGS: usize = 616;
const SC_V_REGS: usize = 880;
const VREGS: usize = 896;
// Frame offsets past the ucontext.
const TRAMP: usize = 1712;
const PINFO: usize = 1744;
const PUC: usize = 1752;
const INFO: usize = 1760;
// gp_regs indices (uapi/asm/ptrace.h).
const PT_NIP: usize = 32;
const PT_MSR: usize = 33;
const PT_ORIG_R3: usize = 34;
const PT_CTR: usize = 35;
const PT_LNK: usize = 36;
const PT_XER: usize = 37;
const PT_CCR: usize = 38;
const PT_SOFTE: usize = 39;
const PT_TRAP: usize = 40;
const PT_DAR: usize = 41;
const MSR_VEC: u64 = 1 << 25;
const MSR_VSX: u64 = 1 << 23;
const SA_SIGINFO: u64 = 4;
/// VR0-31, VSCR, VRSAVE (quadwords), then the 32 VSX low doublewords.
const VMX_BYTES: usize = 34 * 16 + 32 * 8;

/// The return trampoline: `addi r1,r1,128`; `li r0,172` (rt_sigreturn); `sc`.
pub const TRAMPOLINE: [u32; 3] = [0x3821_0080, 0x3800_00ac, 0x4400_0002];

struct Buf {
    b: Vec<u8>,
    be: bool,
}

impl Buf {
    fn u32(&mut self, off: usize, v: u32) {
        let bytes = if self.be { v.to_be_bytes() } else { v.to_le_bytes() };
        self.b[off..off + 4].copy_from_slice(&bytes);
    }
    fn u64(&mut self, off: usize, v: u64) {
        let bytes = if self.be { v.to_be_bytes() } else { v.to_le_bytes() };
        self.b[off..off + 8].copy_from_slice(&bytes);
    }
    fn u128(&mut self, off: usize, v: u128) {
        let bytes = if self.be { v.to_be_bytes() } else { v.to_le_bytes() };
        self.b[off..off + 16].copy_from_slice(&bytes);
    }
    fn get32(&self, off: usize) -> u32 {
        let a: [u8; 4] = self.b[off..off + 4].try_into().unwrap_or([0; 4]);
        if self.be { u32::from_be_bytes(a) } else { u32::from_le_bytes(a) }
    }
    fn get64(&self, off: usize) -> u64 {
        let a: [u8; 8] = self.b[off..off + 8].try_into().unwrap_or([0; 8]);
        if self.be { u64::from_be_bytes(a) } else { u64::from_le_bytes(a) }
    }
    fn get128(&self, off: usize) -> u128 {
        let a: [u8; 16] = self.b[off..off + 16].try_into().unwrap_or([0; 16]);
        if self.be { u128::from_be_bytes(a) } else { u128::from_le_bytes(a) }
    }
}

fn vsr(cpu: &Ppc64Cpu, n: usize) -> u128 {
    (cpu.vsr[n][1] as u128) << 64 | cpu.vsr[n][0] as u128
}

fn set_vsr(cpu: &mut Ppc64Cpu, n: usize, v: u128) {
    cpu.vsr[n] = [v as u64, (v >> 64) as u64];
}

/// The interrupt vector the kernel would record in TRAP for a signal's cause.
fn trap_of(sig: i32) -> u64 {
    match sig {
        libc::SIGSEGV => 0x300,
        libc::SIGBUS => 0x600,
        libc::SIGILL | libc::SIGFPE | libc::SIGTRAP => 0x700,
        _ => 0xc00,
    }
}

/// Writes the frame for `f` and points the registers at the handler.
pub fn setup(cpu: &mut Ppc64Cpu, mem: &AddressSpace, f: &SignalFrame, elfv2: bool) -> Result<(), BadFrame> {
    let be = mem.big_endian();
    let old_sp = cpu.gpr[1];
    let sp = if f.use_altstack { f.altstack.0.wrapping_add(f.altstack.2) } else { old_sp };
    let frame = sp.wrapping_sub(FRAME_SIZE) & !15;
    let newsp = frame.wrapping_sub(DUMMY_FRAME);
    let (entry, toc) = if elfv2 {
        (f.handler, None)
    } else {
        (mem.read_u64(f.handler).map_err(|_| BadFrame)?, Some(mem.read_u64(f.handler.wrapping_add(8)).map_err(|_| BadFrame)?))
    };

    let mut b = Buf { b: vec![0; FRAME_SIZE as usize], be };
    b.u64(UC_STACK, f.altstack.0);
    b.u32(UC_STACK + 8, f.altstack.1 as u32);
    b.u64(UC_STACK + 16, f.altstack.2);
    b.u64(UC_SIGMASK, f.saved_mask);
    b.u32(SC_SIGNAL, f.sig as u32);
    b.u64(SC_HANDLER, f.handler);
    b.u64(SC_REGS, frame + SC_GP_REGS as u64);
    for (i, r) in cpu.gpr.iter().enumerate() {
        b.u64(SC_GP_REGS + 8 * i, *r);
    }
    let gp = |i: usize| SC_GP_REGS + 8 * i;
    b.u64(gp(PT_NIP), cpu.hdr.pc);
    b.u64(gp(PT_MSR), cpu.msr | MSR_VEC | MSR_VSX);
    b.u64(gp(PT_ORIG_R3), cpu.gpr[3]);
    b.u64(gp(PT_CTR), cpu.ctr);
    b.u64(gp(PT_LNK), cpu.lr);
    b.u64(gp(PT_XER), cpu.xer());
    b.u64(gp(PT_CCR), cpu.cr_word() as u64);
    b.u64(gp(PT_SOFTE), 1);
    b.u64(gp(PT_TRAP), trap_of(f.sig));
    if matches!(f.sig, libc::SIGSEGV | libc::SIGBUS) {
        b.u64(gp(PT_DAR), f.info.addr);
    }
    for i in 0..32 {
        b.u64(SC_FP_REGS + 8 * i, cpu.vsr[i][1]);
    }
    b.u64(SC_FP_REGS + 8 * 32, cpu.fpscr);
    b.u64(SC_V_REGS, frame + VREGS as u64);
    for i in 0..32 {
        b.u128(VREGS + 16 * i, vsr(cpu, 32 + i));
    }
    // VSCR is the last word of its quadword in big-endian order: offset 12 on BE, 0 on LE.
    b.u32(VREGS + 16 * 32 + if be { 12 } else { 0 }, cpu.vscr);
    b.u32(VREGS + 16 * 33, cpu.vrsave);
    for i in 0..32 {
        b.u64(VREGS + 16 * 34 + 8 * i, cpu.vsr[i][0]);
    }
    for (i, w) in TRAMPOLINE.iter().enumerate() {
        b.u32(TRAMP + 4 + 4 * i, *w);
    }
    b.u64(PINFO, frame + INFO as u64);
    b.u64(PUC, frame);
    b.b[INFO..INFO + 128].copy_from_slice(&f.info.encode(be));
    // Not the gap above the siginfo: it is the interrupted code's red zone.
    mem.write(frame, &b.b[..INFO + 128]).map_err(|_| BadFrame)?;
    let chain = if be { old_sp.to_be_bytes() } else { old_sp.to_le_bytes() };
    mem.write(newsp, &chain).map_err(|_| BadFrame)?;

    cpu.gpr[1] = newsp;
    cpu.gpr[3] = f.sig as u64;
    if f.flags & SA_SIGINFO != 0 {
        cpu.gpr[4] = frame + INFO as u64;
        cpu.gpr[5] = frame;
        cpu.gpr[6] = frame;
    } else {
        cpu.gpr[4] = frame + UC_MCONTEXT as u64;
    }
    match toc {
        None => cpu.gpr[12] = entry,
        Some(t) => cpu.gpr[2] = t,
    }
    cpu.ctr = entry;
    cpu.lr = f.trampoline;
    cpu.fpscr = 0;
    cpu.hdr.pc = entry;
    Ok(())
}

/// `rt_sigreturn`: the ucontext is at r1 (the trampoline popped the dummy frame).
pub fn sigreturn(cpu: &mut Ppc64Cpu, mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
    let be = mem.big_endian();
    let uc = cpu.gpr[1];
    let b = Buf { b: mem.read_vec(uc, UCONTEXT_SIZE).map_err(|_| BadFrame)?, be };
    let gp = |i: usize| b.get64(SC_GP_REGS + 8 * i);
    let msr = gp(PT_MSR);
    let v_regs = b.get64(SC_V_REGS);
    let vmx = if v_regs != 0 { Some(Buf { b: mem.read_vec(v_regs, VMX_BYTES).map_err(|_| BadFrame)?, be }) } else { None };
    for i in 0..32 {
        cpu.gpr[i] = gp(i);
    }
    cpu.hdr.pc = gp(PT_NIP);
    cpu.ctr = gp(PT_CTR);
    cpu.lr = gp(PT_LNK);
    cpu.set_xer(gp(PT_XER));
    cpu.set_cr_word(gp(PT_CCR) as u32);
    for i in 0..32 {
        cpu.vsr[i][1] = b.get64(SC_FP_REGS + 8 * i);
    }
    cpu.fpscr = b.get64(SC_FP_REGS + 8 * 32);
    match &vmx {
        Some(v) => {
            for i in 0..32 {
                let r = if msr & MSR_VEC != 0 { v.get128(16 * i) } else { 0 };
                set_vsr(cpu, 32 + i, r);
            }
            if msr & MSR_VEC != 0 {
                cpu.vscr = v.get32(16 * 32 + if be { 12 } else { 0 });
            }
            cpu.vrsave = v.get32(16 * 33);
            for i in 0..32 {
                cpu.vsr[i][0] = if msr & MSR_VSX != 0 { v.get64(16 * 34 + 8 * i) } else { 0 };
            }
        }
        None => cpu.vrsave = 0,
    }
    Ok(SigReturn {
        mask: b.get64(UC_SIGMASK),
        altstack: (b.get64(UC_STACK), b.get32(UC_STACK + 8) as i32, b.get64(UC_STACK + 16)),
    })
}
