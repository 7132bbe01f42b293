//! The s390x signal frames against the kernel's layout (arch/s390/kernel/signal.c,
//! arch/s390/include/uapi/asm/{sigcontext,ucontext}.h): the back chain, where the handler
//! finds siginfo/ucontext or the sigcontext, the registers it is entered with, the PSW of a
//! suppressing exception (the next instruction), and that rt_sigreturn / sigreturn restore
//! every register, the CC, the program mask and the vector registers.

use cpu_s390x::S390xCpu;
use machines::linux::aspace::*;
use machines::linux::s390x::S390xLinux;
use machines::linux::s390x_signal::*;
use machines::linux::target::{SigInfo, SignalFrame, Target};

const SP: u64 = 0x40_0000_8000;
const TRAMP: u64 = 0x7000_0000;

fn setup() -> (AddressSpace, Box<S390xCpu>) {
    let mem = AddressSpace::new(LIMIT, true).unwrap();
    mem.map_anon(0x40_0000_0000, 0x1_0000, PROT_READ | PROT_WRITE, false).unwrap();
    let mut cpu = S390xCpu::new();
    for i in 0..16 {
        cpu.gpr[i] = 0x1111_0000_0000_0000 + i as u64;
        cpu.acr[i] = 0xa000 + i as u32;
    }
    cpu.gpr[15] = SP;
    cpu.hdr.pc = 0x100_2344;
    cpu.cc = 2;
    cpu.pm = 0b1000;
    cpu.fpc = 0x0800_0001;
    for i in 0..32 {
        cpu.vr[i] = [0xaaaa_0000 + i as u64, 0xbbbb_0000 + i as u64];
    }
    (mem, cpu)
}

fn frame(sig: i32, flags: u64, info: SigInfo) -> SignalFrame {
    SignalFrame {
        sig,
        info,
        handler: 0x100_4000,
        flags,
        restorer: 0x100_9990,
        saved_mask: 0x5,
        altstack: (0, 2, 0),
        use_altstack: false,
        trampoline: TRAMP,
    }
}

fn be64(b: &[u8], o: usize) -> u64 {
    u64::from_be_bytes(b[o..o + 8].try_into().unwrap())
}

#[test]
fn rt_frame_layout_entry_and_round_trip() {
    let (mem, mut cpu) = setup();
    let orig = format!("{:?}", (cpu.gpr, cpu.acr, cpu.cc, cpu.pm, cpu.fpc, cpu.vr, cpu.hdr.pc));
    let t = S390xLinux::new();
    let info = SigInfo { signo: 10, code: -6, pid: 42, uid: 7, ..Default::default() };
    t.setup_rt_frame(&mut cpu, &mem, &frame(10, 4, info)).unwrap();
    let f = (SP - RT_FRAME_SIZE as u64) & !7;
    assert_eq!(cpu.gpr[15], f);
    assert_eq!((cpu.gpr[2], cpu.gpr[3], cpu.gpr[4]), (10, f + 168, f + 296));
    assert_eq!(cpu.gpr[14], TRAMP, "no SA_RESTORER: the svc 173 trampoline");
    assert_eq!(cpu.hdr.pc, 0x100_4000);
    let b = mem.read_vec(f, RT_FRAME_SIZE).unwrap();
    assert_eq!(be64(&b, 0), SP, "back chain");
    assert_eq!(&b[160..162], &[0x0a, 173], "svc __NR_rt_sigreturn in the frame");
    assert_eq!(&b[168..176], &[0, 0, 0, 10, 0, 0, 0, 0], "si_signo, si_errno");
    let uc = 296;
    assert_eq!(be64(&b, uc), 2, "uc_flags = UC_VXRS");
    let sr = uc + 40;
    assert_eq!(be64(&b, sr), 0x0705_2800_8000_0000 | 1 << 32, "PSW mask: user bits, CC 2, fixed-point overflow mask, 64-bit");
    assert_eq!(be64(&b, sr + 8), 0x100_2344);
    assert_eq!(be64(&b, sr + 16 + 8 * 15), SP);
    assert_eq!(u32::from_be_bytes(b[sr + 144..sr + 148].try_into().unwrap()), 0xa000);
    assert_eq!(u32::from_be_bytes(b[sr + 208..sr + 212].try_into().unwrap()), 0x0800_0001);
    assert_eq!(be64(&b, sr + 216 + 8), 0xbbbb_0001, "FPR 1 = bits 0:63 of VR 1");
    assert_eq!(be64(&b, uc + 384), 0x5, "uc_sigmask");
    assert_eq!(be64(&b, uc + 512 + 8 * 3), 0xaaaa_0003, "vxrs_low[3] = bits 64:127 of VR 3");
    assert_eq!(be64(&b, uc + 512 + 128), 0xbbbb_0010, "vxrs_high[0] = VR 16, bits 0:63 first");
    // The handler clobbers everything; rt_sigreturn (r15 = the frame) restores it all.
    cpu.gpr = [0; 16];
    cpu.gpr[15] = f;
    cpu.acr = [0; 16];
    cpu.cc = 0;
    cpu.pm = 0;
    cpu.fpc = 0;
    cpu.vr = [[0; 2]; 32];
    let r = t.rt_sigreturn(&mut cpu, &mem).unwrap();
    assert_eq!(r.mask, 0x5);
    assert_eq!(format!("{:?}", (cpu.gpr, cpu.acr, cpu.cc, cpu.pm, cpu.fpc, cpu.vr, cpu.hdr.pc)), orig);
}

#[test]
fn sa_restorer_is_honoured() {
    let (mem, mut cpu) = setup();
    let t = S390xLinux::new();
    t.setup_rt_frame(&mut cpu, &mem, &frame(10, 4 | 0x0400_0000, SigInfo { signo: 10, ..Default::default() })).unwrap();
    assert_eq!(cpu.gpr[14], 0x100_9990);
}

#[test]
fn old_style_frame_for_plain_handlers() {
    let (mem, mut cpu) = setup();
    let orig = format!("{:?}", (cpu.gpr, cpu.acr, cpu.cc, cpu.pm, cpu.fpc, cpu.vr, cpu.hdr.pc));
    let t = S390xLinux::new();
    t.setup_rt_frame(&mut cpu, &mem, &frame(10, 0, SigInfo { signo: 10, ..Default::default() })).unwrap();
    let f = (SP - FRAME_SIZE as u64) & !7;
    assert_eq!((cpu.gpr[15], cpu.gpr[2], cpu.gpr[3]), (f, 10, f + 160));
    assert_eq!(cpu.gpr[14], TRAMP + 2, "the svc 119 trampoline");
    let b = mem.read_vec(f, FRAME_SIZE).unwrap();
    assert_eq!(be64(&b, 0), SP);
    assert_eq!(be64(&b, 160), 0x5, "sc.oldmask");
    assert_eq!(be64(&b, 168), f + 176, "sc.sregs");
    assert_eq!(be64(&b, 176 + 8), 0x100_2344);
    assert_eq!(&b[FRAME_SIZE - 2..], &[0x0a, 119]);
    cpu.gpr = [0; 16];
    cpu.gpr[15] = f;
    cpu.vr = [[0; 2]; 32];
    cpu.cc = 0;
    let r = t.sigreturn(&mut cpu, &mem).unwrap();
    assert_eq!(r.mask, 0x5);
    assert_eq!(format!("{:?}", (cpu.gpr, cpu.acr, cpu.cc, cpu.pm, cpu.fpc, cpu.vr, cpu.hdr.pc)), orig);
}

#[test]
fn suppressing_exceptions_resume_after_the_instruction() {
    let (mem, mut cpu) = setup();
    // A 6-byte instruction (first byte 0xe3) at the PC: SIGILL resumes 6 bytes on, and
    // si_addr stays the faulting instruction.
    mem.map_anon(0x100_0000, 0x1_0000, PROT_READ | PROT_WRITE, false).unwrap();
    mem.write(0x100_2344, &[0xe3, 0, 0, 0, 0, 0]).unwrap();
    let t = S390xLinux::new();
    let info = SigInfo { signo: libc::SIGILL, code: 1, addr: 0x100_2344, fault: true, ..Default::default() };
    t.setup_rt_frame(&mut cpu, &mem, &frame(libc::SIGILL, 4, info)).unwrap();
    let f = cpu.gpr[15];
    let b = mem.read_vec(f, RT_FRAME_SIZE).unwrap();
    assert_eq!(be64(&b, 296 + 40 + 8), 0x100_234a);
    assert_eq!(be64(&b, 168 + 16), 0x100_2344, "si_addr");
    // A fault: the PSW stays at the instruction; si_addr is the failing page.
    let (mem, mut cpu) = setup();
    let info = SigInfo { signo: libc::SIGSEGV, code: 1, addr: 0x18, fault: true, ..Default::default() };
    t.setup_rt_frame(&mut cpu, &mem, &frame(libc::SIGSEGV, 4, info)).unwrap();
    let b = mem.read_vec(cpu.gpr[15], RT_FRAME_SIZE).unwrap();
    assert_eq!(be64(&b, 296 + 40 + 8), 0x100_2344);
    assert_eq!(be64(&b, 168 + 16), 0);
}
