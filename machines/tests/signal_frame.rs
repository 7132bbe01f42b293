//! The ppc64 rt signal frame against the kernel's layout (arch/powerpc/kernel/signal_64.c,
//! uapi ucontext/sigcontext/ptrace headers): where the handler finds things, what it is
//! entered with, that the interrupted code's red zone is untouched, and that rt_sigreturn
//! (after the trampoline pops the 128-byte dummy frame) restores every register.

use cpu_ppc64::Ppc64Cpu;
use machines::linux::aspace::*;
use machines::linux::ppc64::Ppc64Linux;
use machines::linux::target::{SigInfo, SignalFrame, Target};

const SP: u64 = 0x40_0000_8000;

fn setup(be: bool) -> (AddressSpace, Box<Ppc64Cpu>) {
    let mem = AddressSpace::new(LIMIT, be).unwrap();
    mem.map_anon(0x40_0000_0000, 0x1_0000, PROT_READ | PROT_WRITE, false).unwrap();
    let mut cpu = Ppc64Cpu::new(!be);
    for i in 0..32 {
        cpu.gpr[i] = 0x1111_0000_0000_0000 + i as u64;
    }
    cpu.gpr[1] = SP;
    cpu.hdr.pc = 0x1000_2344;
    cpu.lr = 0x1000_5550;
    cpu.ctr = 77;
    cpu.set_cr_word(0x1234_5678);
    cpu.set_xer(0x2000_0000 | 5);
    cpu.fpscr = 0x8200_0000;
    for i in 0..64 {
        cpu.vsr[i] = [0xaaaa_0000 + i as u64, 0xbbbb_0000 + i as u64];
    }
    cpu.vscr = 0x0001_0000;
    cpu.vrsave = 0xffff_0000;
    (mem, cpu)
}

fn frame(handler: u64, flags: u64) -> SignalFrame {
    SignalFrame {
        sig: 10,
        info: SigInfo { signo: 10, code: 0, addr: 0, pid: 42, uid: 7, fault: false },
        handler,
        flags,
        restorer: 0,
        saved_mask: 0x5,
        altstack: (0, 2, 0),
        use_altstack: false,
        trampoline: 0x7000_0000,
    }
}

#[test]
fn frame_layout_entry_registers_and_round_trip() {
    let t = Ppc64Linux { big_endian: false };
    let (mem, mut cpu) = setup(false);
    // The red zone below the interrupted stack pointer must survive.
    mem.write(SP - 512, &[0x5a; 512]).unwrap();
    let before = (*cpu).gpr;
    let saved = (cpu.hdr.pc, cpu.lr, cpu.ctr, cpu.cr_word(), cpu.xer(), cpu.fpscr, cpu.vsr, cpu.vscr, cpu.vrsave);
    t.setup_rt_frame(&mut cpu, &mem, &frame(0x1000_9000, 4 /* SA_SIGINFO */)).unwrap();

    let fr = (SP - 2400) & !15;
    assert_eq!(cpu.gpr[1], fr - 128, "r1 = frame - __SIGNAL_FRAMESIZE");
    assert_eq!(mem.read_u64(fr - 128).unwrap(), SP, "back chain");
    assert_eq!((cpu.gpr[3], cpu.gpr[4], cpu.gpr[5], cpu.gpr[6]), (10, fr + 1760, fr, fr));
    assert_eq!((cpu.hdr.pc, cpu.ctr, cpu.gpr[12], cpu.lr), (0x1000_9000, 0x1000_9000, 0x1000_9000, 0x7000_0000));
    assert_eq!(cpu.fpscr, 0);
    assert_eq!(mem.read_vec(SP - 512, 512).unwrap(), vec![0x5a; 512], "red zone untouched");
    // ucontext / sigcontext fields at the kernel's offsets.
    assert_eq!(mem.read_u64(fr + 40).unwrap(), 0x5, "uc_sigmask");
    assert_eq!(mem.read_u64(fr + 224).unwrap(), fr + 232, "sc.regs");
    assert_eq!(mem.read_u64(fr + 232 + 8 * 5).unwrap(), before[5], "gp_regs[5]");
    assert_eq!(mem.read_u64(fr + 488).unwrap(), 0x1000_2344, "PT_NIP");
    assert_eq!(mem.read_u64(fr + 512).unwrap(), 77, "PT_CTR");
    assert_eq!(mem.read_u64(fr + 520).unwrap(), 0x1000_5550, "PT_LNK");
    assert_eq!(mem.read_u64(fr + 536).unwrap(), 0x1234_5678, "PT_CCR");
    assert_eq!(mem.read_u64(fr + 616).unwrap(), 0xbbbb_0000, "fp_regs[0] = VSR0 doubleword 0");
    assert_eq!(mem.read_u64(fr + 616 + 256).unwrap(), 0x8200_0000, "FPSCR");
    assert_eq!(mem.read_u64(fr + 880).unwrap(), fr + 896, "v_regs");
    assert_eq!(mem.read_u64(fr + 1744).unwrap(), fr + 1760, "pinfo");
    assert_eq!(mem.read_u64(fr + 1752).unwrap(), fr, "puc");
    let info = mem.read_vec(fr + 1760, 24).unwrap();
    assert_eq!(&info[0..4], &10u32.to_le_bytes(), "si_signo");
    assert_eq!(&info[16..20], &42u32.to_le_bytes(), "si_pid");

    // The handler clobbers everything; the trampoline pops the dummy frame; sigreturn.
    cpu.gpr = [0xdead; 32];
    cpu.gpr[1] = fr;
    cpu.vsr = [[0; 2]; 64];
    cpu.vscr = 0;
    cpu.vrsave = 0;
    cpu.set_cr_word(0);
    let r = t.rt_sigreturn(&mut cpu, &mem).unwrap();
    assert_eq!(r.mask, 0x5);
    assert_eq!(cpu.gpr, before);
    assert_eq!((cpu.hdr.pc, cpu.lr, cpu.ctr, cpu.cr_word(), cpu.xer(), cpu.fpscr, cpu.vsr, cpu.vscr, cpu.vrsave), saved);
}

#[test]
fn elfv1_handlers_are_function_descriptors_and_plain_handlers_get_the_sigcontext() {
    let t = Ppc64Linux { big_endian: true };
    let (mem, mut cpu) = setup(true);
    // Descriptor {entry, toc} at 0x40_0000_0100.
    mem.write(0x40_0000_0100, &[0x0000_0000_1000_4000u64.to_be_bytes(), 0x0000_0000_1008_8000u64.to_be_bytes()].concat()).unwrap();
    t.setup_rt_frame(&mut cpu, &mem, &frame(0x40_0000_0100, 0)).unwrap();
    let fr = (SP - 2400) & !15;
    assert_eq!((cpu.hdr.pc, cpu.ctr, cpu.gpr[2]), (0x1000_4000, 0x1000_4000, 0x1008_8000));
    assert_eq!(cpu.gpr[4], fr + 168, "without SA_SIGINFO r4 = &uc.uc_mcontext");
    assert_eq!(mem.read_u64(fr + 208).unwrap(), 0x40_0000_0100, "sc.handler = the descriptor");
}
