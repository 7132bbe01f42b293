//! s390x Linux ABI: the per-ISA part of user mode.
//!
//! Sources (Linux uapi headers and kernel code; cited per item below):
//! - system call numbers: arch/s390/kernel/syscalls/syscall.tbl (the `common` and `64`
//!   entries), plus the numbers from 424 on, which are the same on every ISA;
//! - system call convention (arch/s390/kernel/syscall.c, entry.S): `svc 0` takes the number
//!   in r1, `svc n` (0 < n < 256) means call n; arguments in r2..r7; the result in r2
//!   (negative errno on error). Number 90 (`mmap`) is `old_mmap`: r2 points at six longs;
//! - `struct stat`: arch/s390/include/uapi/asm/stat.h (the `__s390x__` variant: the times
//!   come before st_blksize/st_blocks); `struct statfs`: asm/statfs.h (f_type, f_bsize,
//!   f_namelen, f_frsize, f_flags and f_spare are 32-bit: 88 bytes);
//! - termios, ioctls, open and mmap flags, errno and signal numbers are asm-generic's
//!   (asm/termbits.h, ioctls.h, mman.h include the generic headers);
//! - clone: CONFIG_CLONE_BACKWARDS2, `clone(newsp, flags, parent_tid, child_tid, tls)`;
//!   the thread pointer is in access registers a0 (bits 0:31) and a1 (bits 32:63);
//! - entry state: `start_thread` in arch/s390/include/asm/processor.h — PSW user bits with
//!   EA|BA (64-bit addressing), r15 = the stack pointer (argc at 0(r15): glibc's `_start`
//!   makes its own 160-byte frame), r14 = 0 (`ELF_PLAT_INIT`), everything else zero;
//! - auxiliary vector: `ARCH_DLINFO` in arch/s390/include/asm/elf.h adds only
//!   AT_SYSINFO_EHDR for the vDSO, which this emulator does not provide; AT_HWCAP from
//!   `setup_hwcaps` (arch/s390/kernel/processor.c), AT_PLATFORM from `setup_elf_platform`;
//! - program interruptions → signals: arch/s390/kernel/traps.c.

use super::aspace::AddressSpace;
use super::layout::{KStat, Writer};
use super::loader::LoadedImage;
use super::target::{BadFrame, CloneArgs, SigReturn, SignalFrame, SyscallArgs, Target, Trap};
use cpu_s390x::{exc, S390x, S390xCpu};
use std::cell::Cell;

/// s390x (64-bit z/Architecture) Linux user mode.
///
/// `svc` holds the SVC number of the exception being handled: [`Target::trap`] sees the
/// exception, [`Target::syscall_args`] only the registers, and `svc n` with n ≠ 0 names
/// its call in the instruction. Each guest thread has its own copy (targets are cloned per
/// thread), and the trap and the arguments are read back to back on that thread.
#[derive(Clone, Debug, Default)]
pub struct S390xLinux {
    svc: Cell<u32>,
}

impl S390xLinux {
    pub fn new() -> S390xLinux {
        S390xLinux::default()
    }
}

// AT_HWCAP bits (arch/s390/include/asm/elf.h, HWCAP_NR_*).
pub const HWCAP_S390_ESAN3: u64 = 1 << 0;
pub const HWCAP_S390_ZARCH: u64 = 1 << 1;
pub const HWCAP_S390_STFLE: u64 = 1 << 2;
pub const HWCAP_S390_MSA: u64 = 1 << 3;
pub const HWCAP_S390_LDISP: u64 = 1 << 4;
pub const HWCAP_S390_EIMM: u64 = 1 << 5;
pub const HWCAP_S390_DFP: u64 = 1 << 6;
pub const HWCAP_S390_HPAGE: u64 = 1 << 7;
pub const HWCAP_S390_ETF3EH: u64 = 1 << 8;
pub const HWCAP_S390_HIGH_GPRS: u64 = 1 << 9;
pub const HWCAP_S390_TE: u64 = 1 << 10;
pub const HWCAP_S390_VXRS: u64 = 1 << 11;

/// AT_HWCAP: what the kernel's `setup_hwcaps` reports for a z13 whose facility list is the
/// front end's: ESAN3 and ZARCH always; STFLE (facility 7); LDISP (18/19); EIMM (21);
/// ETF3EH (22 and 30); HIGH_GPRS (always on a 64-bit kernel); VXRS (129, the vector
/// facility). Not MSA (no CPACF crypto instructions), DFP (42/44: no decimal floating
/// point), TE (50/73: no transactional execution) nor HPAGE (EDAT-1 is a DAT feature, not a
/// problem-state one; the kernel only reports it for huge pages).
pub const HWCAP: u64 = HWCAP_S390_ESAN3
    | HWCAP_S390_ZARCH
    | HWCAP_S390_STFLE
    | HWCAP_S390_LDISP
    | HWCAP_S390_EIMM
    | HWCAP_S390_ETF3EH
    | HWCAP_S390_HIGH_GPRS
    | HWCAP_S390_VXRS;

/// The 64-bit entries of arch/s390/kernel/syscalls/syscall.tbl. Call 90 is the kernel's
/// `sys_old_mmap`, named `old_mmap` here so that it reaches the in-memory-arguments row.
pub static SYSCALLS: &[(u32, &str)] = &[
    (1, "exit"), (2, "fork"), (3, "read"), (4, "write"), (5, "open"), (6, "close"),
    (7, "restart_syscall"), (8, "creat"), (9, "link"), (10, "unlink"), (11, "execve"),
    (12, "chdir"), (14, "mknod"), (15, "chmod"), (19, "lseek"), (20, "getpid"), (21, "mount"),
    (22, "umount"), (26, "ptrace"), (27, "alarm"), (29, "pause"), (30, "utime"), (33, "access"),
    (34, "nice"), (36, "sync"), (37, "kill"), (38, "rename"), (39, "mkdir"), (40, "rmdir"),
    (41, "dup"), (42, "pipe"), (43, "times"), (45, "brk"), (48, "signal"), (51, "acct"),
    (52, "umount2"), (54, "ioctl"), (55, "fcntl"), (57, "setpgid"), (60, "umask"),
    (61, "chroot"), (62, "ustat"), (63, "dup2"), (64, "getppid"), (65, "getpgrp"),
    (66, "setsid"), (67, "sigaction"), (72, "sigsuspend"), (73, "sigpending"),
    (74, "sethostname"), (75, "setrlimit"), (77, "getrusage"), (78, "gettimeofday"),
    (79, "settimeofday"), (83, "symlink"), (85, "readlink"), (86, "uselib"), (87, "swapon"),
    (88, "reboot"), (90, "old_mmap"), (91, "munmap"), (92, "truncate"), (93, "ftruncate"),
    (94, "fchmod"), (96, "getpriority"), (97, "setpriority"), (99, "statfs"), (100, "fstatfs"),
    (102, "socketcall"), (103, "syslog"), (104, "setitimer"), (105, "getitimer"), (106, "stat"),
    (107, "lstat"), (108, "fstat"), (110, "lookup_dcookie"), (111, "vhangup"), (114, "wait4"),
    (115, "swapoff"), (116, "sysinfo"), (117, "ipc"), (118, "fsync"), (119, "sigreturn"),
    (120, "clone"), (121, "setdomainname"), (122, "uname"), (124, "adjtimex"),
    (125, "mprotect"), (126, "sigprocmask"), (128, "init_module"), (129, "delete_module"),
    (131, "quotactl"), (132, "getpgid"), (133, "fchdir"), (134, "bdflush"), (135, "sysfs"),
    (136, "personality"), (141, "getdents"), (142, "select"), (143, "flock"), (144, "msync"),
    (145, "readv"), (146, "writev"), (147, "getsid"), (148, "fdatasync"), (149, "_sysctl"),
    (150, "mlock"), (151, "munlock"), (152, "mlockall"), (153, "munlockall"),
    (154, "sched_setparam"), (155, "sched_getparam"), (156, "sched_setscheduler"),
    (157, "sched_getscheduler"), (158, "sched_yield"), (159, "sched_get_priority_max"),
    (160, "sched_get_priority_min"), (161, "sched_rr_get_interval"), (162, "nanosleep"),
    (163, "mremap"), (168, "poll"), (172, "prctl"), (173, "rt_sigreturn"),
    (174, "rt_sigaction"), (175, "rt_sigprocmask"), (176, "rt_sigpending"),
    (177, "rt_sigtimedwait"), (178, "rt_sigqueueinfo"), (179, "rt_sigsuspend"),
    (180, "pread64"), (181, "pwrite64"), (183, "getcwd"), (184, "capget"), (185, "capset"),
    (186, "sigaltstack"), (187, "sendfile"), (190, "vfork"), (191, "getrlimit"),
    (198, "lchown"), (199, "getuid"), (200, "getgid"), (201, "geteuid"), (202, "getegid"),
    (203, "setreuid"), (204, "setregid"), (205, "getgroups"), (206, "setgroups"),
    (207, "fchown"), (208, "setresuid"), (209, "getresuid"), (210, "setresgid"),
    (211, "getresgid"), (212, "chown"), (213, "setuid"), (214, "setgid"), (215, "setfsuid"),
    (216, "setfsgid"), (217, "pivot_root"), (218, "mincore"), (219, "madvise"),
    (220, "getdents64"), (222, "readahead"), (224, "setxattr"), (225, "lsetxattr"),
    (226, "fsetxattr"), (227, "getxattr"), (228, "lgetxattr"), (229, "fgetxattr"),
    (230, "listxattr"), (231, "llistxattr"), (232, "flistxattr"), (233, "removexattr"),
    (234, "lremovexattr"), (235, "fremovexattr"), (236, "gettid"), (237, "tkill"),
    (238, "futex"), (239, "sched_setaffinity"), (240, "sched_getaffinity"), (241, "tgkill"),
    (243, "io_setup"), (244, "io_destroy"), (245, "io_getevents"), (246, "io_submit"),
    (247, "io_cancel"), (248, "exit_group"), (249, "epoll_create"), (250, "epoll_ctl"),
    (251, "epoll_wait"), (252, "set_tid_address"), (253, "fadvise64"), (254, "timer_create"),
    (255, "timer_settime"), (256, "timer_gettime"), (257, "timer_getoverrun"),
    (258, "timer_delete"), (259, "clock_settime"), (260, "clock_gettime"),
    (261, "clock_getres"), (262, "clock_nanosleep"), (265, "statfs64"), (266, "fstatfs64"),
    (267, "remap_file_pages"), (268, "mbind"), (269, "get_mempolicy"), (270, "set_mempolicy"),
    (271, "mq_open"), (272, "mq_unlink"), (273, "mq_timedsend"), (274, "mq_timedreceive"),
    (275, "mq_notify"), (276, "mq_getsetattr"), (277, "kexec_load"), (278, "add_key"),
    (279, "request_key"), (280, "keyctl"), (281, "waitid"), (282, "ioprio_set"),
    (283, "ioprio_get"), (284, "inotify_init"), (285, "inotify_add_watch"),
    (286, "inotify_rm_watch"), (287, "migrate_pages"), (288, "openat"), (289, "mkdirat"),
    (290, "mknodat"), (291, "fchownat"), (292, "futimesat"), (293, "newfstatat"),
    (294, "unlinkat"), (295, "renameat"), (296, "linkat"), (297, "symlinkat"),
    (298, "readlinkat"), (299, "fchmodat"), (300, "faccessat"), (301, "pselect6"),
    (302, "ppoll"), (303, "unshare"), (304, "set_robust_list"), (305, "get_robust_list"),
    (306, "splice"), (307, "sync_file_range"), (308, "tee"), (309, "vmsplice"),
    (310, "move_pages"), (311, "getcpu"), (312, "epoll_pwait"), (313, "utimes"),
    (314, "fallocate"), (315, "utimensat"), (316, "signalfd"), (318, "eventfd"),
    (319, "timerfd_create"), (320, "timerfd_settime"), (321, "timerfd_gettime"),
    (322, "signalfd4"), (323, "eventfd2"), (324, "inotify_init1"), (325, "pipe2"),
    (326, "dup3"), (327, "epoll_create1"), (328, "preadv"), (329, "pwritev"),
    (330, "rt_tgsigqueueinfo"), (331, "perf_event_open"), (332, "fanotify_init"),
    (333, "fanotify_mark"), (334, "prlimit64"), (335, "name_to_handle_at"),
    (336, "open_by_handle_at"), (337, "clock_adjtime"), (338, "syncfs"), (339, "setns"),
    (340, "process_vm_readv"), (341, "process_vm_writev"), (342, "s390_runtime_instr"),
    (343, "kcmp"), (344, "finit_module"), (345, "sched_setattr"), (346, "sched_getattr"),
    (347, "renameat2"), (348, "seccomp"), (349, "getrandom"), (350, "memfd_create"),
    (351, "bpf"), (352, "s390_pci_mmio_write"), (353, "s390_pci_mmio_read"), (354, "execveat"),
    (355, "userfaultfd"), (356, "membarrier"), (357, "recvmmsg"), (358, "sendmmsg"),
    (359, "socket"), (360, "socketpair"), (361, "bind"), (362, "connect"), (363, "listen"),
    (364, "accept4"), (365, "getsockopt"), (366, "setsockopt"), (367, "getsockname"),
    (368, "getpeername"), (369, "sendto"), (370, "sendmsg"), (371, "recvfrom"),
    (372, "recvmsg"), (373, "shutdown"), (374, "mlock2"), (375, "copy_file_range"),
    (376, "preadv2"), (377, "pwritev2"), (378, "s390_guarded_storage"), (379, "statx"),
    (380, "s390_sthyi"), (381, "kexec_file_load"), (382, "io_pgetevents"), (383, "rseq"),
    (392, "semtimedop"), (393, "semget"), (394, "semctl"), (395, "shmget"), (396, "shmctl"),
    (397, "shmat"), (398, "shmdt"), (399, "msgget"), (400, "msgsnd"), (401, "msgrcv"),
    (402, "msgctl"),
    // From here on the numbers are the same on every ISA (include/uapi/asm-generic/unistd.h).
    (424, "pidfd_send_signal"), (425, "io_uring_setup"), (426, "io_uring_enter"),
    (427, "io_uring_register"), (428, "open_tree"), (429, "move_mount"), (430, "fsopen"),
    (431, "fsconfig"), (432, "fsmount"), (433, "fspick"), (434, "pidfd_open"), (435, "clone3"),
    (436, "close_range"), (437, "openat2"), (438, "pidfd_getfd"), (439, "faccessat2"),
    (440, "process_madvise"), (441, "epoll_pwait2"), (442, "mount_setattr"),
    (443, "quotactl_fd"), (444, "landlock_create_ruleset"), (445, "landlock_add_rule"),
    (446, "landlock_restrict_self"), (448, "process_mrelease"), (449, "futex_waitv"),
    (450, "set_mempolicy_home_node"), (451, "cachestat"), (452, "fchmodat2"),
    (453, "map_shadow_stack"), (454, "futex_wake"), (455, "futex_wait"),
    (456, "futex_requeue"), (457, "statmount"), (458, "listmount"), (459, "lsm_get_self_attr"),
    (460, "lsm_set_self_attr"), (461, "lsm_list_modules"), (462, "mseal"),
];

/// `struct stat` of s390x (asm/stat.h, `__s390x__`): 144 bytes; the times precede
/// st_blksize and st_blocks.
pub fn encode_stat(st: &KStat) -> Vec<u8> {
    let mut w = Writer::new(true);
    w.u64(st.dev).u64(st.ino).u64(st.nlink).u32(st.mode).u32(st.uid).u32(st.gid).u32(0);
    w.u64(st.rdev).i64(st.size);
    w.i64(st.atime.0).i64(st.atime.1).i64(st.mtime.0).i64(st.mtime.1).i64(st.ctime.0).i64(st.ctime.1);
    w.i64(st.blksize).i64(st.blocks);
    w.pad_to(144).finish()
}

/// Size of s390x's `struct statfs` and `struct statfs64` (asm/statfs.h).
pub const STATFS_SIZE: usize = 88;

/// `struct statfs` from the host's 64-bit words (type, bsize, blocks, bfree, bavail, files,
/// ffree, fsid, namelen, frsize, flags, spare[4]): f_type, f_bsize, f_namelen, f_frsize,
/// f_flags and f_spare are 32-bit on s390x.
pub fn encode_statfs(h: &[u64; 15]) -> Vec<u8> {
    let mut w = Writer::new(true);
    w.u32(h[0] as u32).u32(h[1] as u32);
    for v in &h[2..7] {
        w.u64(*v);
    }
    w.u32(h[7] as u32).u32((h[7] >> 32) as u32);
    for v in &h[8..15] {
        w.u32(*v as u32);
    }
    w.pad_to(STATFS_SIZE).finish()
}

// si_code values (include/uapi/asm-generic/siginfo.h).
const ILL_ILLOPC: i32 = 1;
const ILL_ILLOPN: i32 = 2;
const ILL_PRVOPC: i32 = 5;
const FPE_INTDIV: i32 = 1;
const FPE_INTOVF: i32 = 2;
const FPE_FLTDIV: i32 = 3;
const FPE_FLTOVF: i32 = 4;
const FPE_FLTUND: i32 = 5;
const FPE_FLTRES: i32 = 6;
const FPE_FLTINV: i32 = 7;

/// The si_code of a data exception with a nonzero DXC, as the kernel's `do_fp_trap`: for
/// an IEEE exception (DXC bits 6:7 zero) the first of invalid, divide, overflow, underflow,
/// inexact its bits 0:4 flag; any other DXC (compare-and-trap's 0xff, ...) gives si_code 0.
pub fn fp_trap_code(fpc: u32) -> i32 {
    let dxc = (fpc >> 8) & 0xff;
    if dxc & 3 != 0 {
        return 0;
    }
    [(0x80, FPE_FLTINV), (0x40, FPE_FLTDIV), (0x20, FPE_FLTOVF), (0x10, FPE_FLTUND), (0x08, FPE_FLTRES)]
        .iter()
        .find(|(bit, _)| dxc & bit != 0)
        .map_or(0, |&(_, c)| c)
}

impl Target for S390xLinux {
    type Frontend = S390x;

    fn name(&self) -> &'static str {
        "s390x"
    }
    fn uname_machine(&self) -> &'static str {
        "s390x"
    }
    /// z/Architecture pages are 4 KiB (Debian's shared objects are linked for it: their
    /// segments are only 4 KiB-congruent, which ld.so checks against AT_PAGESZ).
    fn page_size(&self) -> u64 {
        0x1000
    }
    fn big_endian(&self) -> bool {
        true
    }
    fn elf_machine(&self) -> u16 {
        goblin::elf::header::EM_S390
    }
    fn frontend(&self) -> S390x {
        S390x
    }
    fn new_cpu(&self) -> Box<S390xCpu> {
        S390xCpu::new()
    }
    fn clone_cpu(&self, cpu: &S390xCpu) -> Box<S390xCpu> {
        let mut c = S390xCpu::new();
        c.gpr = cpu.gpr;
        c.cc = cpu.cc;
        c.pm = cpu.pm;
        c.amode = cpu.amode;
        c.fpc = cpu.fpc;
        c.acr = cpu.acr;
        c.vr = cpu.vr;
        c.hdr.pc = cpu.hdr.pc;
        c
    }

    fn syscall_names(&self) -> &'static [(u32, &'static str)] {
        SYSCALLS
    }
    fn syscall_args(&self, cpu: &S390xCpu) -> SyscallArgs {
        let g = &cpu.gpr;
        let n = self.svc.get();
        // `svc 0` takes the number from r1 (its low 32 bits, as the kernel's entry code).
        let nr = if n == 0 { g[1] & 0xffff_ffff } else { n as u64 };
        SyscallArgs { nr, args: [g[2], g[3], g[4], g[5], g[6], g[7]] }
    }
    fn set_syscall_result(&self, cpu: &mut S390xCpu, r: Result<u64, i32>) {
        cpu.gpr[2] = match r {
            Ok(v) => v,
            Err(e) => (-(self.errno(e) as i64)) as u64,
        };
    }
    /// `svc` is 2 bytes. The kernel also puts back r2 from `orig_gpr2`, because it has
    /// already stored the (-ERESTART...) result there; this layer rewinds only before
    /// writing a result, so r2 still holds the first argument.
    fn rewind_syscall(&self, cpu: &mut S390xCpu) {
        cpu.hdr.pc = cpu.hdr.pc.wrapping_sub(2);
    }
    fn pc(&self, cpu: &S390xCpu) -> u64 {
        cpu.hdr.pc
    }
    fn stack_pointer(&self, cpu: &S390xCpu) -> u64 {
        cpu.gpr[15]
    }
    fn set_stack_pointer(&self, cpu: &mut S390xCpu, sp: u64) {
        cpu.gpr[15] = sp;
    }
    /// The thread pointer: a0 = bits 0:31, a1 = bits 32:63 (glibc's THREAD_SELF: `ear`
    /// of both and `sllg`).
    fn set_tls(&self, cpu: &mut S390xCpu, tls: u64) {
        cpu.acr[0] = (tls >> 32) as u32;
        cpu.acr[1] = tls as u32;
    }
    /// CONFIG_CLONE_BACKWARDS2: clone(newsp, flags, parent_tid, child_tid, tls).
    fn clone_args(&self, a: &[u64; 6]) -> CloneArgs {
        CloneArgs { newsp: a[0], flags: a[1], parent_tid: a[2], child_tid: a[3], tls: a[4] }
    }
    /// Program interruptions as arch/s390/kernel/traps.c turns them into signals.
    /// A fixed-point overflow was raised with its instruction nullified (the emitter's raise
    /// discards results): complete it — result, CC, stores — as the architecture does
    /// before the interruption. The PC stays at the instruction: the signal frame puts
    /// the resume address past it, as for every SIGFPE.
    fn complete_before_signal(&self, n: u32, cpu: &mut S390xCpu, mem: &AddressSpace) {
        if n != exc::FIXED_OVERFLOW {
            return;
        }
        let pc = cpu.hdr.pc;
        // SAFETY: the CPU's header holds the guest memory base and limit the engine set.
        let mut hm = unsafe { jit::helper_mem::HelperMem::from_cpu(cpu as *mut S390xCpu as *mut u8) };
        let _ = cpu_s390x::integer::complete_fixed_overflow(cpu, &mut hm, mem);
        cpu.hdr.pc = pc;
    }

    fn trap(&self, n: u32, cpu: &S390xCpu) -> Trap {
        if let Some(svc) = exc::svc_number(n) {
            self.svc.set(svc);
            return Trap::Syscall;
        }
        let (sig, code) = match n {
            exc::OPERATION | exc::UNIMPLEMENTED => (libc::SIGILL, ILL_ILLOPC),
            exc::PRIVILEGED => (libc::SIGILL, ILL_PRVOPC),
            exc::EXECUTE | exc::SPECIFICATION => (libc::SIGILL, ILL_ILLOPN),
            // `data_exception`: a nonzero DXC is an FP (or compare-and-trap) trap.
            exc::DATA if (cpu.fpc >> 8) & 0xff != 0 => (libc::SIGFPE, fp_trap_code(cpu.fpc)),
            exc::DATA => (libc::SIGILL, ILL_ILLOPN),
            exc::FIXED_OVERFLOW => (libc::SIGFPE, FPE_INTOVF),
            exc::FIXED_DIVIDE => (libc::SIGFPE, FPE_INTDIV),
            // `vector_exception`: the VXC's type nibble (FPC bits 20:23) picks the code.
            exc::VECTOR_PROCESSING => (libc::SIGFPE, match (cpu.fpc >> 8) & 0xf {
                1 => FPE_FLTINV,
                2 => FPE_FLTDIV,
                3 => FPE_FLTOVF,
                4 => FPE_FLTUND,
                5 => FPE_FLTRES,
                _ => 0,
            }),
            _ => (libc::SIGILL, ILL_ILLOPC),
        };
        Trap::Signal { sig, code }
    }

    fn unimplemented_insn(&self, n: u32, pc: u64, mem: &AddressSpace) -> Option<String> {
        if n != exc::UNIMPLEMENTED {
            return None;
        }
        let mut b = [0u8; 8];
        mem.read(pc, &mut b[..2]).ok()?;
        let len = insn_len(b[0]);
        mem.read(pc + 2, &mut b[2..len as usize]).ok()?;
        Some(cpu_s390x::disasm_insn(u64::from_be_bytes(b), len, pc))
    }

    fn sigreturn_trampoline(&self) -> Vec<u8> {
        super::s390x_signal::TRAMPOLINE.to_vec()
    }
    fn setup_rt_frame(&self, cpu: &mut S390xCpu, mem: &AddressSpace, f: &SignalFrame) -> Result<(), BadFrame> {
        super::s390x_signal::setup(cpu, mem, f)
    }
    fn rt_sigreturn(&self, cpu: &mut S390xCpu, mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
        super::s390x_signal::rt_sigreturn(cpu, mem)
    }
    fn sigreturn(&self, cpu: &mut S390xCpu, mem: &AddressSpace) -> Result<SigReturn, BadFrame> {
        super::s390x_signal::sigreturn(cpu, mem)
    }

    fn set_entry_state(&self, cpu: &mut S390xCpu, img: &LoadedImage, sp: u64, _mem: &AddressSpace) -> Result<(), String> {
        cpu.gpr = [0; 16];
        cpu.gpr[15] = sp;
        cpu.hdr.pc = img.entry;
        cpu.amode = 64;
        cpu.cc = 0;
        cpu.pm = 0;
        cpu.fpc = 0;
        cpu.acr = [0; 16];
        Ok(())
    }

    fn arch_auxv(&self) -> Vec<(u64, u64)> {
        Vec::new()
    }
    fn hwcap(&self) -> (u64, u64) {
        (HWCAP, 0)
    }
    /// `setup_elf_platform`: "z13" for machine types 0x2964/0x2965; no AT_BASE_PLATFORM.
    fn platform(&self) -> (Option<&'static str>, Option<&'static str>) {
        (Some("z13"), None)
    }

    fn encode_stat(&self, st: &KStat) -> Vec<u8> {
        encode_stat(st)
    }
    fn encode_statfs(&self, host: &[u64; 15]) -> Vec<u8> {
        encode_statfs(host)
    }
}

/// Instruction length from the first opcode byte (PoP "Instruction-length code": bits 0:1
/// 00 → 2 bytes, 01 and 10 → 4, 11 → 6).
pub fn insn_len(op: u8) -> u32 {
    match op >> 6 {
        0 => 2,
        3 => 6,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_layout_matches_asm_stat_h() {
        let st = KStat { dev: 1, ino: 2, nlink: 3, mode: 4, uid: 5, gid: 6, rdev: 7, size: 8, atime: (9, 10), mtime: (11, 12), ctime: (13, 14), blksize: 15, blocks: 16 };
        let b = encode_stat(&st);
        assert_eq!(b.len(), 144);
        let u64at = |o: usize| u64::from_be_bytes(b[o..o + 8].try_into().unwrap());
        let u32at = |o: usize| u32::from_be_bytes(b[o..o + 4].try_into().unwrap());
        // offsets of struct stat (__s390x__), worked out from the header's field list.
        assert_eq!((u64at(0), u64at(8), u64at(16)), (1, 2, 3));
        assert_eq!((u32at(24), u32at(28), u32at(32), u32at(36)), (4, 5, 6, 0));
        assert_eq!((u64at(40), u64at(48)), (7, 8));
        assert_eq!((u64at(56), u64at(64), u64at(72), u64at(80), u64at(88), u64at(96)), (9, 10, 11, 12, 13, 14));
        assert_eq!((u64at(104), u64at(112)), (15, 16));
    }

    #[test]
    fn statfs_has_32_bit_fields() {
        let mut h = [0u64; 15];
        for (i, v) in h.iter_mut().enumerate() {
            *v = i as u64 + 1;
        }
        h[7] = 0x1111_2222_3333_4444;
        let b = encode_statfs(&h);
        assert_eq!(b.len(), 88);
        let u64at = |o: usize| u64::from_be_bytes(b[o..o + 8].try_into().unwrap());
        let u32at = |o: usize| u32::from_be_bytes(b[o..o + 4].try_into().unwrap());
        assert_eq!((u32at(0), u32at(4)), (1, 2));
        assert_eq!((u64at(8), u64at(16), u64at(24), u64at(32), u64at(40)), (3, 4, 5, 6, 7));
        // __kernel_fsid_t is two ints: val[0] the low half of the host's word.
        assert_eq!((u32at(48), u32at(52)), (0x3333_4444, 0x1111_2222));
        assert_eq!((u32at(56), u32at(60), u32at(64)), (9, 10, 11));
        assert_eq!((u32at(68), u32at(80), u32at(84)), (12, 15, 0));
    }

    #[test]
    fn syscall_numbers() {
        let t = super::super::sysno::number_table(SYSCALLS);
        use super::super::sysno::Sys;
        assert_eq!(t[1], Some(Sys::Exit));
        assert_eq!(t[90], Some(Sys::OldMmap));
        assert_eq!(t[119], Some(Sys::Sigreturn));
        assert_eq!(t[142], Some(Sys::Select));
        assert_eq!(t[191], Some(Sys::Getrlimit));
        assert_eq!(t[248], Some(Sys::ExitGroup));
        assert_eq!(t[293], Some(Sys::Newfstatat));
        assert_eq!(t[435], Some(Sys::Clone3));
        assert_eq!(t[13], None);
    }

    #[test]
    fn svc_numbers_and_traps() {
        let t = S390xLinux::new();
        let mut cpu = S390xCpu::new();
        cpu.gpr[1] = 0xffff_ffff_0000_0004;
        cpu.gpr[2] = 1;
        assert_eq!(t.trap(exc::SVC_BASE, &cpu), Trap::Syscall);
        assert_eq!(t.syscall_args(&cpu).nr, 4);
        assert_eq!(t.trap(exc::SVC_BASE + 248, &cpu), Trap::Syscall);
        assert_eq!(t.syscall_args(&cpu), SyscallArgs { nr: 248, args: [1, 0, 0, 0, 0, 0] });
        t.set_syscall_result(&mut cpu, Err(libc::ENOENT));
        assert_eq!(cpu.gpr[2] as i64, -2);
        assert_eq!(t.trap(exc::OPERATION, &cpu), Trap::Signal { sig: libc::SIGILL, code: ILL_ILLOPC });
        assert_eq!(t.trap(exc::FIXED_DIVIDE, &cpu), Trap::Signal { sig: libc::SIGFPE, code: FPE_INTDIV });
        assert_eq!(t.trap(exc::DATA, &cpu), Trap::Signal { sig: libc::SIGILL, code: ILL_ILLOPN });
        // DXC 0x40: IEEE division by zero; 0xff: compare and trap (si_code 0).
        cpu.fpc = 0x40 << 8;
        assert_eq!(t.trap(exc::DATA, &cpu), Trap::Signal { sig: libc::SIGFPE, code: FPE_FLTDIV });
        cpu.fpc = 0xff << 8;
        assert_eq!(t.trap(exc::DATA, &cpu), Trap::Signal { sig: libc::SIGFPE, code: 0 });
        // DXC 0x08 alone: inexact; 0x88: invalid wins.
        assert_eq!(fp_trap_code(0x08 << 8), FPE_FLTRES);
        assert_eq!(fp_trap_code(0x88 << 8), FPE_FLTINV);
    }

    #[test]
    fn clone_is_backwards2() {
        let c = S390xLinux::new().clone_args(&[0x1000, 0x3d0f00, 2, 3, 4, 0]);
        assert_eq!(c, CloneArgs { newsp: 0x1000, flags: 0x3d0f00, parent_tid: 2, child_tid: 3, tls: 4 });
        let mut cpu = S390xCpu::new();
        S390xLinux::new().set_tls(&mut cpu, 0x0000_03ff_8000_1234);
        assert_eq!((cpu.acr[0], cpu.acr[1]), (0x3ff, 0x8000_1234));
    }
}
