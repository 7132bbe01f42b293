//! What the Linux user-mode layer needs from each guest ISA: the [`Target`] trait.
//!
//! Everything ISA-specific goes through it — system call numbers and registers, the entry
//! state, how exceptions become signals, the auxiliary vector's ISA entries, and the struct
//! and flag layouts where the ISA's kernel ABI differs from asm-generic. Default methods are
//! the asm-generic ABI, so an ISA overrides only where its headers differ.

use super::aspace::{AddressSpace, MapFlags};
use super::layout::{KStat, Reader, Writer};
use super::loader::LoadedImage;
use jit::frontend::Frontend;

/// The CPU struct of a target's front end.
pub type CpuOf<T> = <<T as Target>::Frontend as Frontend>::Cpu;

/// A system call as the guest made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyscallArgs {
    pub nr: u64,
    pub args: [u64; 6],
}

/// `clone` arguments in a fixed order (ISAs pass them in different orders).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CloneArgs {
    pub flags: u64,
    pub newsp: u64,
    pub parent_tid: u64,
    pub child_tid: u64,
    pub tls: u64,
}

/// What a signal handler is told: the `siginfo_t` fields this layer fills in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SigInfo {
    pub signo: i32,
    pub code: i32,
    /// si_addr (faults) — or si_pid/si_uid for signals sent by a process.
    pub addr: u64,
    pub pid: i32,
    pub uid: u32,
    /// Raised by the guest's own execution (a fault or trap), not sent by a process.
    pub fault: bool,
}

impl SigInfo {
    /// The 128-byte 64-bit `siginfo_t` (asm-generic layout: signo, errno, code, then the
    /// union at 16: si_addr for faults, si_pid/si_uid otherwise).
    ///
    /// A fault raised by the guest's own execution goes through the kernel's
    /// `force_sig_fault`, which fills the `_sigfault` member (si_addr) whatever the si_code —
    /// also for si_code 0, e.g. s390x's `do_fp_trap` for a data exception whose DXC is not
    /// an IEEE one. A fault signal with a positive si_code has si_addr too (as when it is
    /// queued from outside with one); the rest carry the sender's si_pid/si_uid.
    pub fn encode(&self, big_endian: bool) -> Vec<u8> {
        let mut w = Writer::new(big_endian);
        w.u32(self.signo as u32).u32(0).u32(self.code as u32).u32(0);
        let fault_signal = matches!(self.signo, libc::SIGSEGV | libc::SIGBUS | libc::SIGILL | libc::SIGFPE | libc::SIGTRAP);
        if self.fault || (fault_signal && self.code > 0) {
            w.u64(self.addr);
        } else {
            w.u32(self.pid as u32).u32(self.uid);
        }
        w.pad_to(128);
        w.finish()
    }
}

/// Everything an ISA needs to build a signal frame.
#[derive(Clone, Copy, Debug)]
pub struct SignalFrame {
    pub sig: i32,
    pub info: SigInfo,
    /// sa_handler / sa_sigaction as the guest gave it (a function descriptor on ELFv1).
    pub handler: u64,
    pub flags: u64,
    /// sa_restorer as the guest gave it (used with SA_RESTORER where the ISA honours it).
    pub restorer: u64,
    /// The signal mask to restore on return (the one before delivery).
    pub saved_mask: u64,
    /// sigaltstack state (ss_sp, ss_flags, ss_size) to record, and whether to switch to it.
    pub altstack: (u64, i32, u64),
    pub use_altstack: bool,
    /// Guest address of the return trampoline (see [`Target::sigreturn_trampoline`]).
    pub trampoline: u64,
}

/// A signal frame that cannot be written or read (the kernel then forces SIGSEGV).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadFrame;

/// What `rt_sigreturn` restored besides the registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigReturn {
    pub mask: u64,
    pub altstack: (u64, i32, u64),
}

/// What a front-end exception means for the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trap {
    /// A system call; the PC already points after the instruction.
    Syscall,
    /// A synchronous signal (`si_code` as in the kernel's siginfo.h).
    Signal { sig: i32, code: i32 },
}

/// Terminal and file ioctls the layer understands, independent of their ISA numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ioctl {
    Tcgets,
    /// TCSETS, TCSETSW, TCSETSF: `tcsetattr` with TCSANOW, TCSADRAIN, TCSAFLUSH.
    Tcsets(i32),
    Tcsbrk,
    Tcxonc,
    Tcflsh,
    Tiocgwinsz,
    Tiocswinsz,
    Tiocgpgrp,
    Tiocspgrp,
    Tiocoutq,
    Tiocsctty,
    Tiocnotty,
    Tiocgsid,
    Fionread,
    Fionbio,
    Fioasync,
    Fioclex,
    Fionclex,
}

/// asm-generic/fcntl.h open flags (guest bit, host bit).
pub fn generic_open_flags() -> Vec<(u32, i32)> {
    vec![
        (0o100, libc::O_CREAT),
        (0o200, libc::O_EXCL),
        (0o400, libc::O_NOCTTY),
        (0o1000, libc::O_TRUNC),
        (0o2000, libc::O_APPEND),
        (0o4000, libc::O_NONBLOCK),
        (0o10000, libc::O_DSYNC),
        (0o20000, libc::O_ASYNC),
        (0o40000, libc::O_DIRECT),
        (0o100000, libc::O_LARGEFILE),
        (0o200000, libc::O_DIRECTORY),
        (0o400000, libc::O_NOFOLLOW),
        (0o1000000, libc::O_NOATIME),
        (0o2000000, libc::O_CLOEXEC),
        (0o4000000, libc::O_SYNC & !libc::O_DSYNC),
        (0o10000000, libc::O_PATH),
        (0o20000000, libc::O_TMPFILE & !libc::O_DIRECTORY),
    ]
}

/// Translates guest open flags to host ones with a (guest, host) bit table.
pub fn oflags_to_host(table: &[(u32, i32)], guest: u32) -> i32 {
    let mut h = (guest & 3) as i32;
    for &(g, hb) in table {
        if guest & g != 0 {
            h |= hb;
        }
    }
    h
}

pub fn oflags_to_guest(table: &[(u32, i32)], host: i32) -> u32 {
    let mut g = (host & 3) as u32;
    for &(gb, hb) in table {
        if hb != 0 && host & hb == hb {
            g |= gb;
        }
    }
    g
}

/// The asm-generic `mmap` flag names (for `-strace`).
pub const GENERIC_MAP_FLAG_NAMES: &[(u64, &str)] = &[
    (0x10, "MAP_FIXED"),
    (0x20, "MAP_ANONYMOUS"),
    (0x100, "MAP_GROWSDOWN"),
    (0x800, "MAP_DENYWRITE"),
    (0x1000, "MAP_EXECUTABLE"),
    (0x2000, "MAP_LOCKED"),
    (0x4000, "MAP_NORESERVE"),
    (0x8000, "MAP_POPULATE"),
    (0x10000, "MAP_NONBLOCK"),
    (0x20000, "MAP_STACK"),
    (0x40000, "MAP_HUGETLB"),
    (0x80000, "MAP_SYNC"),
    (0x100000, "MAP_FIXED_NOREPLACE"),
];

/// asm-generic/ioctls.h: the terminal and file ioctl numbers of the ISAs without their own.
pub const GENERIC_IOCTLS: &[(u32, Ioctl)] = &[
    (0x5401, Ioctl::Tcgets),
    (0x5402, Ioctl::Tcsets(libc::TCSANOW)),
    (0x5403, Ioctl::Tcsets(libc::TCSADRAIN)),
    (0x5404, Ioctl::Tcsets(libc::TCSAFLUSH)),
    (0x5409, Ioctl::Tcsbrk),
    (0x540a, Ioctl::Tcxonc),
    (0x540b, Ioctl::Tcflsh),
    (0x540e, Ioctl::Tiocsctty),
    (0x540f, Ioctl::Tiocgpgrp),
    (0x5410, Ioctl::Tiocspgrp),
    (0x5411, Ioctl::Tiocoutq),
    (0x5413, Ioctl::Tiocgwinsz),
    (0x5414, Ioctl::Tiocswinsz),
    (0x541b, Ioctl::Fionread),
    (0x5421, Ioctl::Fionbio),
    (0x5422, Ioctl::Tiocnotty),
    (0x5429, Ioctl::Tiocgsid),
    (0x5450, Ioctl::Fionclex),
    (0x5451, Ioctl::Fioclex),
    (0x5452, Ioctl::Fioasync),
];

/// Size of the asm-generic `struct termios` (TCGETS/TCSETS): four u32 flags, c_line,
/// c_cc[19].
pub const GENERIC_TERMIOS_SIZE: usize = 36;
const GENERIC_NCCS: usize = 19;

/// Host termios → asm-generic `struct termios` bytes. The flag bits and `c_cc` indices are
/// asm-generic's, as on the (x86-64, aarch64 ...) host: only the byte order changes.
pub fn encode_generic_termios(big_endian: bool, t: &libc::termios) -> Vec<u8> {
    let mut w = Writer::new(big_endian);
    w.u32(t.c_iflag).u32(t.c_oflag).u32(t.c_cflag).u32(t.c_lflag).u8(t.c_line).bytes(&t.c_cc[..GENERIC_NCCS]);
    w.finish()
}

/// asm-generic `struct termios` bytes → host termios (speeds from the baud bits of c_cflag).
pub fn decode_generic_termios(big_endian: bool, b: &[u8]) -> libc::termios {
    let mut r = Reader::new(b, big_endian);
    // SAFETY: plain integers.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    t.c_iflag = r.u32();
    t.c_oflag = r.u32();
    t.c_cflag = r.u32();
    t.c_lflag = r.u32();
    t.c_line = r.u8();
    t.c_cc[..GENERIC_NCCS].copy_from_slice(&r.bytes(GENERIC_NCCS));
    t.c_ispeed = t.c_cflag & libc::CBAUD;
    t.c_ospeed = t.c_cflag & libc::CBAUD;
    t
}

pub trait Target: Sized + Clone + Send + 'static {
    type Frontend: Frontend;

    /// The name on the command line and in logs ("ppc64le").
    fn name(&self) -> &'static str;
    /// The page size (AT_PAGESZ, and what mmap & co. align to): 64 KiB as ppc64 Linux
    /// kernels are configured by default; s390x has 4 KiB pages.
    fn page_size(&self) -> u64 {
        super::aspace::GUEST_PAGE
    }
    /// `uname -m`.
    fn uname_machine(&self) -> &'static str;
    fn big_endian(&self) -> bool;
    /// ELF `e_machine` of programs for this target.
    fn elf_machine(&self) -> u16;
    fn frontend(&self) -> Self::Frontend;
    fn new_cpu(&self) -> Box<CpuOf<Self>>;
    /// A copy of `cpu`'s architected state for a new thread (`clone`): registers, modes and
    /// the header's PC; nothing of the engine's exit protocol or a reservation.
    fn clone_cpu(&self, cpu: &CpuOf<Self>) -> Box<CpuOf<Self>>;

    // ---- system calls and registers ----
    /// The kernel's `syscall.tbl` for this ABI: (number, name).
    fn syscall_names(&self) -> &'static [(u32, &'static str)];
    fn syscall_args(&self, cpu: &CpuOf<Self>) -> SyscallArgs;
    /// Stores a system call's result (`Err` = host errno, translated by [`Target::errno`]).
    fn set_syscall_result(&self, cpu: &mut CpuOf<Self>, r: Result<u64, i32>);
    /// Makes the system call the guest just made run again when it resumes (the kernel's
    /// syscall restart after a signal handler: PC back to the call instruction, the
    /// argument registers as they were).
    fn rewind_syscall(&self, cpu: &mut CpuOf<Self>);
    fn pc(&self, cpu: &CpuOf<Self>) -> u64;
    fn set_stack_pointer(&self, cpu: &mut CpuOf<Self>, sp: u64);
    fn stack_pointer(&self, cpu: &CpuOf<Self>) -> u64;
    /// Sets the thread pointer (clone's CLONE_SETTLS).
    fn set_tls(&self, cpu: &mut CpuOf<Self>, tls: u64);
    fn clone_args(&self, a: &[u64; 6]) -> CloneArgs;
    /// What front-end exception `n` means.
    fn trap(&self, n: u32, cpu: &CpuOf<Self>) -> Trap;
    /// Finishes what exception `n`'s instruction architecturally completes before its
    /// interruption, when the front end raised it with the instruction nullified (s390x
    /// fixed-point overflow); called before the signal is delivered.
    fn complete_before_signal(&self, _n: u32, _cpu: &mut CpuOf<Self>, _mem: &AddressSpace) {}
    /// `prctl(PR_GET_FPEXC)` / `prctl(PR_SET_FPEXC, mode)`: the floating-point exception
    /// mode (powerpc only; `EINVAL` elsewhere). Returns the mode (GET) or 0 (SET).
    fn fp_exc_mode(&self, _cpu: &mut CpuOf<Self>, _set: Option<u64>) -> Result<u64, i32> {
        Err(libc::EINVAL)
    }
    /// For an exception that means "known instruction, not implemented yet": the
    /// instruction's disassembly, so the log can name it.
    fn unimplemented_insn(&self, _n: u32, _pc: u64, _mem: &AddressSpace) -> Option<String> {
        None
    }
    /// Host errno → guest errno (identity on ISAs using the asm-generic numbers).
    fn errno(&self, host: i32) -> i32 {
        host
    }

    // ---- signals ----
    /// The machine code a handler returns to (the kernel's vDSO `__kernel_sigtramp_rt64` on
    /// ppc64), in guest byte order; mapped once per process. Empty: no handler support.
    fn sigreturn_trampoline(&self) -> Vec<u8> {
        Vec::new()
    }
    /// Builds the rt signal frame on the guest stack and sets the registers for entering
    /// the handler; `Err` if the frame cannot be written (the kernel then forces SIGSEGV).
    fn setup_rt_frame(&self, _cpu: &mut CpuOf<Self>, _mem: &AddressSpace, _f: &SignalFrame) -> Result<(), BadFrame> {
        Err(BadFrame)
    }
    /// `rt_sigreturn`: restores the registers from the frame the stack pointer addresses.
    fn rt_sigreturn(&self, _cpu: &mut CpuOf<Self>, _mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
        Err(BadFrame)
    }
    /// The old-style `sigreturn` (s390x: handlers without SA_SIGINFO get a `struct
    /// sigframe`); ISAs whose 64-bit kernel has no such call keep the default.
    fn sigreturn(&self, _cpu: &mut CpuOf<Self>, _mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
        Err(BadFrame)
    }

    // ---- process start ----
    /// Sets the registers a new process starts with (PC, stack pointer, ABI registers).
    fn set_entry_state(&self, cpu: &mut CpuOf<Self>, img: &LoadedImage, sp: u64, mem: &AddressSpace) -> Result<(), String>;
    /// Auxiliary-vector entries the ISA's kernel puts first (`ARCH_DLINFO`).
    fn arch_auxv(&self) -> Vec<(u64, u64)>;
    /// AT_HWCAP, AT_HWCAP2.
    fn hwcap(&self) -> (u64, u64);
    /// AT_PLATFORM and AT_BASE_PLATFORM strings.
    fn platform(&self) -> (Option<&'static str>, Option<&'static str>);

    // ---- layouts ----
    /// `struct stat` as `stat`/`fstat`/`newfstatat` return it.
    fn encode_stat(&self, st: &KStat) -> Vec<u8>;
    /// Size of `struct statfs` (and `statfs64`, the same struct on 64-bit ISAs).
    fn statfs_size(&self) -> usize {
        self.encode_statfs(&[0; 15]).len()
    }
    /// `struct statfs` (asm-generic/statfs.h with 64-bit words: 120 bytes), from the host
    /// kernel's statfs words (the same layout on 64-bit hosts; `f_fsid` is word 7).
    fn encode_statfs(&self, host: &[u64; 15]) -> Vec<u8> {
        let mut w = Writer::new(self.big_endian());
        for (i, v) in host.iter().enumerate() {
            if i == 7 {
                w.u32(*v as u32).u32((*v >> 32) as u32);
            } else {
                w.u64(*v);
            }
        }
        w.finish()
    }
    /// (guest bit, host bit) pairs of the open flags above the access mode.
    fn open_flags(&self) -> Vec<(u32, i32)> {
        generic_open_flags()
    }
    /// Decodes `mmap` flags; `EINVAL` for an invalid mapping type.
    fn map_flags(&self, flags: u64) -> Result<MapFlags, i32> {
        let kind = flags & 0xf;
        if !(1..=3).contains(&kind) {
            return Err(libc::EINVAL);
        }
        Ok(MapFlags {
            shared: kind != 2,
            fixed: flags & 0x10 != 0,
            anonymous: flags & 0x20 != 0,
            fixed_noreplace: flags & 0x100000 != 0,
        })
    }
    fn map_flag_names(&self) -> &'static [(u64, &'static str)] {
        GENERIC_MAP_FLAG_NAMES
    }
    /// PROT_* bits the ISA accepts beyond READ|WRITE|EXEC (ignored).
    fn extra_prot_bits(&self) -> u64 {
        0
    }
    /// (number, meaning) of the ioctls the layer understands.
    fn ioctls(&self) -> &'static [(u32, Ioctl)] {
        GENERIC_IOCTLS
    }
    fn ioctl(&self, cmd: u32) -> Option<Ioctl> {
        self.ioctls().iter().find(|(n, _)| *n == cmd).map(|&(_, i)| i)
    }
    /// Size of the guest `struct termios` TCGETS/TCSETS use.
    fn termios_size(&self) -> usize {
        GENERIC_TERMIOS_SIZE
    }
    fn encode_termios(&self, t: &libc::termios) -> Vec<u8> {
        encode_generic_termios(self.big_endian(), t)
    }
    fn decode_termios(&self, b: &[u8]) -> libc::termios {
        decode_generic_termios(self.big_endian(), b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_termios_round_trips() {
        // SAFETY: plain integers.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        t.c_iflag = libc::ICRNL | libc::IXON;
        t.c_oflag = libc::OPOST | libc::ONLCR;
        t.c_cflag = libc::B38400 | libc::CS8 | libc::CREAD;
        t.c_lflag = libc::ISIG | libc::ICANON | libc::ECHO;
        t.c_cc[libc::VINTR] = 3;
        t.c_cc[libc::VMIN] = 1;
        let b = encode_generic_termios(true, &t);
        assert_eq!(b.len(), GENERIC_TERMIOS_SIZE);
        // asm-generic: c_line at 16, c_cc from 17; VINTR = 0, VMIN = 6.
        assert_eq!(&b[0..4], &(libc::ICRNL | libc::IXON).to_be_bytes());
        assert_eq!((b[17], b[17 + 6]), (3, 1));
        let d = decode_generic_termios(true, &b);
        assert_eq!((d.c_iflag, d.c_oflag, d.c_cflag, d.c_lflag), (t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag));
        assert_eq!(d.c_cc[..GENERIC_NCCS], t.c_cc[..GENERIC_NCCS]);
    }
}
