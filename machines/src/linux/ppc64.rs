//! ppc64 (little- and big-endian) Linux ABI: the per-ISA part of user mode.
//!
//! Sources (Linux uapi headers and kernel code; cited per item below):
//! - system call numbers: arch/powerpc/kernel/syscalls/syscall.tbl (64-bit entries), plus
//!   the numbers from 424 on, which are the same on every ISA;
//! - system call convention: `sc` with r0 = number, r3..r8 = arguments; the result in r3,
//!   and on error r3 = positive errno with CR0[SO] set (arch/powerpc/kernel/syscall.c);
//! - `struct stat`: arch/powerpc/include/uapi/asm/stat.h (the `__powerpc64__` variant);
//! - termios and its ioctls: arch/powerpc/include/uapi/asm/{termbits,ioctls}.h — unlike
//!   asm-generic, `c_cc` (19 entries) comes before `c_line`, the speeds follow, and most flag
//!   bits and `c_cc` indices differ;
//! - open flags: arch/powerpc/include/uapi/asm/fcntl.h (O_DIRECTORY, O_NOFOLLOW,
//!   O_LARGEFILE, O_DIRECT differ); mmap: asm/mman.h (MAP_NORESERVE 0x40, MAP_LOCKED 0x80);
//! - entry state: `start_thread` in arch/powerpc/kernel/process.c — all GPRs zero but r1 (the
//!   stack pointer); ELFv2 (`e_flags & 3 == 2`): PC = entry, r12 = entry; ELFv1: `e_entry`
//!   is a function descriptor {entry, TOC}, PC = entry, r2 = TOC (both plus the load bias);
//! - auxiliary vector: `ARCH_DLINFO` in arch/powerpc/include/asm/elf.h; errno and signal
//!   numbers are asm-generic's (EDEADLOCK = 58 is only an alias the kernel never returns).

use super::aspace::AddressSpace;
use super::layout::{KStat, Reader, Writer};
use super::loader::LoadedImage;
use super::stack::*;
use super::target::{CloneArgs, Ioctl, SyscallArgs, Target, Trap};
use cpu_ppc64::{exc, Ppc64, Ppc64Cpu};

/// ppc64 Linux user mode; `big_endian` selects ppc64 (BE) over ppc64le.
#[derive(Clone, Copy, Debug)]
pub struct Ppc64Linux {
    pub big_endian: bool,
}

// AT_HWCAP bits (arch/powerpc/include/uapi/asm/cputable.h).
pub const PPC_FEATURE_32: u64 = 0x8000_0000;
pub const PPC_FEATURE_64: u64 = 0x4000_0000;
pub const PPC_FEATURE_HAS_ALTIVEC: u64 = 0x1000_0000;
pub const PPC_FEATURE_HAS_FPU: u64 = 0x0800_0000;
pub const PPC_FEATURE_HAS_MMU: u64 = 0x0400_0000;
pub const PPC_FEATURE_SMT: u64 = 0x0000_4000;
pub const PPC_FEATURE_ICACHE_SNOOP: u64 = 0x0000_2000;
pub const PPC_FEATURE_HAS_DFP: u64 = 0x0000_0400;
pub const PPC_FEATURE_ARCH_2_06: u64 = 0x0000_0100;
pub const PPC_FEATURE_HAS_VSX: u64 = 0x0000_0080;
pub const PPC_FEATURE_PSERIES_PERFMON_COMPAT: u64 = 0x0000_0040;
pub const PPC_FEATURE_TRUE_LE: u64 = 0x0000_0002;
// AT_HWCAP2 bits.
pub const PPC_FEATURE2_ARCH_2_07: u64 = 0x8000_0000;
pub const PPC_FEATURE2_HTM: u64 = 0x4000_0000;
pub const PPC_FEATURE2_DSCR: u64 = 0x2000_0000;
pub const PPC_FEATURE2_EBB: u64 = 0x1000_0000;
pub const PPC_FEATURE2_ISEL: u64 = 0x0800_0000;
pub const PPC_FEATURE2_TAR: u64 = 0x0400_0000;
pub const PPC_FEATURE2_VEC_CRYPTO: u64 = 0x0200_0000;
pub const PPC_FEATURE2_ARCH_3_00: u64 = 0x0080_0000;
pub const PPC_FEATURE2_HAS_IEEE128: u64 = 0x0040_0000;
pub const PPC_FEATURE2_DARN: u64 = 0x0020_0000;
pub const PPC_FEATURE2_SCV: u64 = 0x0010_0000;

/// AT_HWCAP: what a POWER9 pseries kernel reports (0xdc0065c2: COMMON_USER_POWER9 in
/// arch/powerpc/kernel/cpu_specs_book3s_64.h) minus HAS_DFP, because the front end does not
/// implement decimal floating point (Power ISA 3.0B chapter 6). ARCH_2_05 is not set by the
/// kernel either (glibc infers it from ARCH_2_06).
pub const HWCAP: u64 = PPC_FEATURE_32
    | PPC_FEATURE_64
    | PPC_FEATURE_HAS_ALTIVEC
    | PPC_FEATURE_HAS_FPU
    | PPC_FEATURE_HAS_MMU
    | PPC_FEATURE_SMT
    | PPC_FEATURE_ICACHE_SNOOP
    | PPC_FEATURE_ARCH_2_06
    | PPC_FEATURE_HAS_VSX
    | PPC_FEATURE_PSERIES_PERFMON_COMPAT
    | PPC_FEATURE_TRUE_LE;

/// AT_HWCAP2: POWER9's 0xaee00000 without HAS_IEEE128 (no quad-precision FP) — and, as on
/// Debian's POWER9 kernels, without HTM, EBB, and SCV (which would make glibc use `scv 0`).
pub const HWCAP2: u64 = PPC_FEATURE2_ARCH_2_07
    | PPC_FEATURE2_DSCR
    | PPC_FEATURE2_ISEL
    | PPC_FEATURE2_TAR
    | PPC_FEATURE2_VEC_CRYPTO
    | PPC_FEATURE2_ARCH_3_00
    | PPC_FEATURE2_DARN;

/// Cache geometry a POWER9 reports (`ARCH_DLINFO_CACHE_GEOMETRY`: size, and
/// associativity << 16 | line size): 32 KiB 8-way L1I/L1D, 512 KiB 8-way L2, 10 MiB 20-way
/// L3, all with 128-byte lines.
const fn geometry(assoc: u64, line: u64) -> u64 {
    (assoc << 16) | line
}

/// AT_MINSIGSTKSZ: `get_min_sigframe_size_64()` = sizeof(struct rt_sigframe) (2400 bytes
/// without transactional memory, as Debian configures the kernel) + __SIGNAL_FRAMESIZE (128).
pub const MINSIGSTKSZ: u64 = 2528;

/// The 64-bit entries of arch/powerpc/kernel/syscalls/syscall.tbl.
pub static SYSCALLS: &[(u32, &str)] = &[
    (0, "restart_syscall"), (1, "exit"), (2, "fork"), (3, "read"), (4, "write"), (5, "open"),
    (6, "close"), (7, "waitpid"), (8, "creat"), (9, "link"), (10, "unlink"), (11, "execve"),
    (12, "chdir"), (13, "time"), (14, "mknod"), (15, "chmod"), (16, "lchown"), (19, "lseek"),
    (20, "getpid"), (21, "mount"), (23, "setuid"), (24, "getuid"), (25, "stime"),
    (26, "ptrace"), (27, "alarm"), (29, "pause"), (30, "utime"), (33, "access"), (34, "nice"),
    (36, "sync"), (37, "kill"), (38, "rename"), (39, "mkdir"), (40, "rmdir"), (41, "dup"),
    (42, "pipe"), (43, "times"), (45, "brk"), (46, "setgid"), (47, "getgid"), (48, "signal"),
    (49, "geteuid"), (50, "getegid"), (51, "acct"), (52, "umount2"), (54, "ioctl"),
    (55, "fcntl"), (57, "setpgid"), (60, "umask"), (61, "chroot"), (62, "ustat"), (63, "dup2"),
    (64, "getppid"), (65, "getpgrp"), (66, "setsid"), (68, "sgetmask"), (69, "ssetmask"),
    (70, "setreuid"), (71, "setregid"), (74, "sethostname"), (75, "setrlimit"),
    (77, "getrusage"), (78, "gettimeofday"), (79, "settimeofday"), (80, "getgroups"),
    (81, "setgroups"), (83, "symlink"), (85, "readlink"), (86, "uselib"), (87, "swapon"),
    (88, "reboot"), (90, "mmap"), (91, "munmap"), (92, "truncate"), (93, "ftruncate"),
    (94, "fchmod"), (95, "fchown"), (96, "getpriority"), (97, "setpriority"), (99, "statfs"),
    (100, "fstatfs"), (102, "socketcall"), (103, "syslog"), (104, "setitimer"),
    (105, "getitimer"), (106, "stat"), (107, "lstat"), (108, "fstat"), (111, "vhangup"),
    (114, "wait4"), (115, "swapoff"), (116, "sysinfo"), (117, "ipc"), (118, "fsync"),
    (120, "clone"), (121, "setdomainname"), (122, "uname"), (124, "adjtimex"),
    (125, "mprotect"), (128, "init_module"), (129, "delete_module"), (131, "quotactl"),
    (132, "getpgid"), (133, "fchdir"), (134, "bdflush"), (135, "sysfs"), (136, "personality"),
    (138, "setfsuid"), (139, "setfsgid"), (140, "_llseek"), (141, "getdents"),
    (142, "_newselect"), (143, "flock"), (144, "msync"), (145, "readv"), (146, "writev"),
    (147, "getsid"), (148, "fdatasync"), (149, "_sysctl"), (150, "mlock"), (151, "munlock"),
    (152, "mlockall"), (153, "munlockall"), (154, "sched_setparam"), (155, "sched_getparam"),
    (156, "sched_setscheduler"), (157, "sched_getscheduler"), (158, "sched_yield"),
    (159, "sched_get_priority_max"), (160, "sched_get_priority_min"),
    (161, "sched_rr_get_interval"), (162, "nanosleep"), (163, "mremap"), (164, "setresuid"),
    (165, "getresuid"), (167, "poll"), (169, "setresgid"), (170, "getresgid"), (171, "prctl"),
    (172, "rt_sigreturn"), (173, "rt_sigaction"), (174, "rt_sigprocmask"),
    (175, "rt_sigpending"), (176, "rt_sigtimedwait"), (177, "rt_sigqueueinfo"),
    (178, "rt_sigsuspend"), (179, "pread64"), (180, "pwrite64"), (181, "chown"),
    (182, "getcwd"), (183, "capget"), (184, "capset"), (185, "sigaltstack"), (186, "sendfile"),
    (189, "vfork"), (190, "ugetrlimit"), (191, "readahead"), (198, "pciconfig_read"),
    (199, "pciconfig_write"), (200, "pciconfig_iobase"), (202, "getdents64"),
    (203, "pivot_root"), (205, "madvise"), (206, "mincore"), (207, "gettid"), (208, "tkill"),
    (209, "setxattr"), (210, "lsetxattr"), (211, "fsetxattr"), (212, "getxattr"),
    (213, "lgetxattr"), (214, "fgetxattr"), (215, "listxattr"), (216, "llistxattr"),
    (217, "flistxattr"), (218, "removexattr"), (219, "lremovexattr"), (220, "fremovexattr"),
    (221, "futex"), (222, "sched_setaffinity"), (223, "sched_getaffinity"), (227, "io_setup"),
    (228, "io_destroy"), (229, "io_getevents"), (230, "io_submit"), (231, "io_cancel"),
    (232, "set_tid_address"), (233, "fadvise64"), (234, "exit_group"),
    (235, "lookup_dcookie"), (236, "epoll_create"), (237, "epoll_ctl"), (238, "epoll_wait"),
    (239, "remap_file_pages"), (240, "timer_create"), (241, "timer_settime"),
    (242, "timer_gettime"), (243, "timer_getoverrun"), (244, "timer_delete"),
    (245, "clock_settime"), (246, "clock_gettime"), (247, "clock_getres"),
    (248, "clock_nanosleep"), (249, "swapcontext"), (250, "tgkill"), (251, "utimes"),
    (252, "statfs64"), (253, "fstatfs64"), (255, "rtas"), (258, "migrate_pages"),
    (259, "mbind"), (260, "get_mempolicy"), (261, "set_mempolicy"), (262, "mq_open"),
    (263, "mq_unlink"), (264, "mq_timedsend"), (265, "mq_timedreceive"), (266, "mq_notify"),
    (267, "mq_getsetattr"), (268, "kexec_load"), (269, "add_key"), (270, "request_key"),
    (271, "keyctl"), (272, "waitid"), (273, "ioprio_set"), (274, "ioprio_get"),
    (275, "inotify_init"), (276, "inotify_add_watch"), (277, "inotify_rm_watch"),
    (278, "spu_run"), (279, "spu_create"), (280, "pselect6"), (281, "ppoll"), (282, "unshare"),
    (283, "splice"), (284, "tee"), (285, "vmsplice"), (286, "openat"), (287, "mkdirat"),
    (288, "mknodat"), (289, "fchownat"), (290, "futimesat"), (291, "newfstatat"),
    (292, "unlinkat"), (293, "renameat"), (294, "linkat"), (295, "symlinkat"),
    (296, "readlinkat"), (297, "fchmodat"), (298, "faccessat"), (299, "get_robust_list"),
    (300, "set_robust_list"), (301, "move_pages"), (302, "getcpu"), (303, "epoll_pwait"),
    (304, "utimensat"), (305, "signalfd"), (306, "timerfd_create"), (307, "eventfd"),
    (308, "sync_file_range2"), (309, "fallocate"), (310, "subpage_prot"),
    (311, "timerfd_settime"), (312, "timerfd_gettime"), (313, "signalfd4"), (314, "eventfd2"),
    (315, "epoll_create1"), (316, "dup3"), (317, "pipe2"), (318, "inotify_init1"),
    (319, "perf_event_open"), (320, "preadv"), (321, "pwritev"), (322, "rt_tgsigqueueinfo"),
    (323, "fanotify_init"), (324, "fanotify_mark"), (325, "prlimit64"), (326, "socket"),
    (327, "bind"), (328, "connect"), (329, "listen"), (330, "accept"), (331, "getsockname"),
    (332, "getpeername"), (333, "socketpair"), (334, "send"), (335, "sendto"), (336, "recv"),
    (337, "recvfrom"), (338, "shutdown"), (339, "setsockopt"), (340, "getsockopt"),
    (341, "sendmsg"), (342, "recvmsg"), (343, "recvmmsg"), (344, "accept4"),
    (345, "name_to_handle_at"), (346, "open_by_handle_at"), (347, "clock_adjtime"),
    (348, "syncfs"), (349, "sendmmsg"), (350, "setns"), (351, "process_vm_readv"),
    (352, "process_vm_writev"), (353, "finit_module"), (354, "kcmp"), (355, "sched_setattr"),
    (356, "sched_getattr"), (357, "renameat2"), (358, "seccomp"), (359, "getrandom"),
    (360, "memfd_create"), (361, "bpf"), (362, "execveat"), (363, "switch_endian"),
    (364, "userfaultfd"), (365, "membarrier"), (378, "mlock2"), (379, "copy_file_range"),
    (380, "preadv2"), (381, "pwritev2"), (382, "kexec_file_load"), (383, "statx"),
    (384, "pkey_alloc"), (385, "pkey_free"), (386, "pkey_mprotect"), (387, "rseq"),
    (388, "io_pgetevents"), (392, "semtimedop"), (393, "semget"), (394, "semctl"),
    (395, "shmget"), (396, "shmctl"), (397, "shmat"), (398, "shmdt"), (399, "msgget"),
    (400, "msgsnd"), (401, "msgrcv"), (402, "msgctl"),
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

// ---- termios (arch/powerpc/include/uapi/asm/termbits.h) --------------------------------

/// Size of the ppc `struct termios`: four u32 flags, c_cc[19], c_line, two u32 speeds.
pub const TERMIOS_SIZE: usize = 44;

/// (ppc bit, host bit) of single-bit flags.
fn iflag_bits() -> [(u32, u32); 15] {
    use libc::*;
    [
        (0x001, IGNBRK),
        (0x002, BRKINT),
        (0x004, IGNPAR),
        (0x008, PARMRK),
        (0x010, INPCK),
        (0x020, ISTRIP),
        (0x040, INLCR),
        (0x080, IGNCR),
        (0x100, ICRNL),
        (0x800, IXANY),
        (0x200, IXON),
        (0x400, IXOFF),
        (0x1000, IUCLC),
        (0x2000, IMAXBEL),
        (0x4000, IUTF8),
    ]
}

fn oflag_bits() -> [(u32, u32); 8] {
    use libc::*;
    [(0x01, OPOST), (0x08, OCRNL), (0x10, ONOCR), (0x20, ONLRET), (0x40, OFILL), (0x80, OFDEL), (0x02, ONLCR), (0x04, OLCUC)]
}

/// A multi-bit field: (ppc mask, host mask, [(ppc value, host value)]).
type Field = (u32, u32, Vec<(u32, u32)>);

/// The output delay fields.
fn oflag_fields() -> Vec<Field> {
    use libc::*;
    vec![
        (0x300, NLDLY, vec![(0x100, NL1)]),
        (0xc00, TABDLY, vec![(0x400, TAB1), (0x800, TAB2), (0xc00, TAB3)]),
        (0x3000, CRDLY, vec![(0x1000, CR1), (0x2000, CR2), (0x3000, CR3)]),
        (0x4000, FFDLY, vec![(0x4000, FF1)]),
        (0x8000, BSDLY, vec![(0x8000, BS1)]),
        (0x10000, VTDLY, vec![(0x10000, VT1)]),
    ]
}

fn cflag_bits() -> [(u32, u32); 9] {
    use libc::*;
    [
        (0x400, CSTOPB),
        (0x800, CREAD),
        (0x1000, PARENB),
        (0x2000, PARODD),
        (0x4000, HUPCL),
        (0x8000, CLOCAL),
        (0x2000_0000, 0x2000_0000), // ADDRB (asm-generic/termbits-common.h)
        (0x4000_0000, CMSPAR),
        (0x8000_0000, CRTSCTS),
    ]
}

fn csize() -> Vec<(u32, u32)> {
    use libc::*;
    vec![(0x000, CS5), (0x100, CS6), (0x200, CS7), (0x300, CS8)]
}

fn lflag_bits() -> [(u32, u32); 16] {
    use libc::*;
    [
        (0x80, ISIG),
        (0x100, ICANON),
        (0x4000, XCASE),
        (0x08, ECHO),
        (0x02, ECHOE),
        (0x04, ECHOK),
        (0x10, ECHONL),
        (0x8000_0000, NOFLSH),
        (0x40_0000, TOSTOP),
        (0x40, ECHOCTL),
        (0x20, ECHOPRT),
        (0x01, ECHOKE),
        (0x80_0000, FLUSHO),
        (0x2000_0000, PENDIN),
        (0x400, IEXTEN),
        (0x1000_0000, EXTPROC),
    ]
}

/// (ppc c_cc index, host c_cc index).
fn cc_indices() -> [(usize, usize); 17] {
    use libc::*;
    [
        (0, VINTR),
        (1, VQUIT),
        (2, VERASE),
        (3, VKILL),
        (4, VEOF),
        (5, VMIN),
        (6, VEOL),
        (7, VTIME),
        (8, VEOL2),
        (9, VSWTC),
        (10, VWERASE),
        (11, VREPRINT),
        (12, VSUSP),
        (13, VSTART),
        (14, VSTOP),
        (15, VLNEXT),
        (16, VDISCARD),
    ]
}

/// (ppc baud code, host baud code, bits per second).
fn bauds() -> Vec<(u32, u32, u32)> {
    use libc::*;
    let mut v: Vec<(u32, u32, u32)> = [0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400]
        .iter()
        .enumerate()
        .map(|(i, &bps)| (i as u32, i as u32, bps))
        .collect();
    let high = [
        (B57600, 57600),
        (B115200, 115200),
        (B230400, 230400),
        (B460800, 460800),
        (B500000, 500000),
        (B576000, 576000),
        (B921600, 921600),
        (B1000000, 1000000),
        (B1152000, 1152000),
        (B1500000, 1500000),
        (B2000000, 2000000),
        (B2500000, 2500000),
        (B3000000, 3000000),
        (B3500000, 3500000),
        (B4000000, 4000000),
    ];
    for (i, (host, bps)) in high.iter().enumerate() {
        v.push((0x10 + i as u32, *host, *bps));
    }
    v
}

fn bits_to_guest(host: u32, table: &[(u32, u32)]) -> u32 {
    table.iter().filter(|(_, h)| *h != 0 && host & h == *h).fold(0, |a, (g, _)| a | g)
}
fn bits_to_host(guest: u32, table: &[(u32, u32)]) -> u32 {
    table.iter().filter(|(g, _)| guest & g == *g).fold(0, |a, (_, h)| a | h)
}
fn field_to_guest(host: u32, hmask: u32, values: &[(u32, u32)]) -> u32 {
    values.iter().find(|(_, h)| host & hmask == *h).map_or(0, |(g, _)| *g)
}
fn field_to_host(guest: u32, gmask: u32, values: &[(u32, u32)]) -> u32 {
    values.iter().find(|(g, _)| guest & gmask == *g).map_or(0, |(_, h)| *h)
}

/// Host termios → ppc `struct termios` bytes.
pub fn encode_termios(be: bool, t: &libc::termios) -> Vec<u8> {
    let iflag = bits_to_guest(t.c_iflag, &iflag_bits());
    let mut oflag = bits_to_guest(t.c_oflag, &oflag_bits());
    for (_, hm, vals) in oflag_fields() {
        oflag |= field_to_guest(t.c_oflag, hm, &vals);
    }
    let bauds = bauds();
    let baud_pairs: Vec<(u32, u32)> = bauds.iter().map(|&(g, h, _)| (g, h)).collect();
    let obaud = field_to_guest(t.c_cflag, libc::CBAUD, &baud_pairs);
    let ibaud = field_to_guest(t.c_cflag >> 16, libc::CBAUD, &baud_pairs);
    let cflag = bits_to_guest(t.c_cflag, &cflag_bits()) | field_to_guest(t.c_cflag, libc::CSIZE, &csize()) | obaud | (ibaud << 16);
    let lflag = bits_to_guest(t.c_lflag, &lflag_bits());
    let mut cc = [0u8; 19];
    for (g, h) in cc_indices() {
        cc[g] = t.c_cc[h];
    }
    let speed = |code: u32| bauds.iter().find(|b| b.0 == code).map_or(0, |b| b.2);
    let ospeed = speed(obaud);
    let ispeed = if ibaud == 0 { ospeed } else { speed(ibaud) };
    let mut w = Writer::new(be);
    w.u32(iflag).u32(oflag).u32(cflag).u32(lflag).bytes(&cc).u8(t.c_line).u32(ispeed).u32(ospeed);
    w.finish()
}

/// ppc `struct termios` bytes → host termios (speeds come from the baud codes in c_cflag).
pub fn decode_termios(be: bool, b: &[u8]) -> libc::termios {
    let mut r = Reader::new(b, be);
    let (iflag, oflag, cflag, lflag) = (r.u32(), r.u32(), r.u32(), r.u32());
    let cc = r.bytes(19);
    let line = r.u8();
    // SAFETY: plain integers.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    t.c_iflag = bits_to_host(iflag, &iflag_bits());
    t.c_oflag = bits_to_host(oflag, &oflag_bits());
    for (gm, _, vals) in oflag_fields() {
        t.c_oflag |= field_to_host(oflag, gm, &vals);
    }
    let baud_pairs: Vec<(u32, u32)> = bauds().iter().map(|&(g, h, _)| (g, h)).collect();
    let obaud = field_to_host(cflag, 0xff, &baud_pairs);
    let ibaud = field_to_host(cflag >> 16, 0xff, &baud_pairs);
    t.c_cflag = bits_to_host(cflag, &cflag_bits()) | field_to_host(cflag, 0x300, &csize()) | obaud | (ibaud << 16);
    t.c_lflag = bits_to_host(lflag, &lflag_bits());
    for (g, h) in cc_indices() {
        t.c_cc[h] = cc[g];
    }
    t.c_line = line;
    t.c_ispeed = if ibaud == 0 { obaud } else { ibaud };
    t.c_ospeed = obaud;
    t
}

/// `struct stat` of 64-bit powerpc (asm/stat.h): 144 bytes.
pub fn encode_stat(be: bool, st: &KStat) -> Vec<u8> {
    let mut w = Writer::new(be);
    w.u64(st.dev).u64(st.ino).u64(st.nlink).u32(st.mode).u32(st.uid).u32(st.gid).u32(0);
    w.u64(st.rdev).i64(st.size).i64(st.blksize).i64(st.blocks);
    w.i64(st.atime.0).i64(st.atime.1).i64(st.mtime.0).i64(st.mtime.1).i64(st.ctime.0).i64(st.ctime.1);
    w.pad_to(144).finish()
}

/// ppc `_IOC` encoding (asm/ioctl.h: 13 size bits, direction NONE=1, READ=2, WRITE=4 at bit 29).
pub const fn ioc(dir: u32, ty: u8, nr: u8, size: u32) -> u32 {
    (dir << 29) | (size << 16) | ((ty as u32) << 8) | nr as u32
}
const IOC_NONE: u32 = 1;
const IOC_R: u32 = 2;
const IOC_W: u32 = 4;
pub const TCGETS: u32 = ioc(IOC_R, b't', 19, TERMIOS_SIZE as u32);
pub const TCSETS: u32 = ioc(IOC_W, b't', 20, TERMIOS_SIZE as u32);
pub const TCSETSW: u32 = ioc(IOC_W, b't', 21, TERMIOS_SIZE as u32);
pub const TCSETSF: u32 = ioc(IOC_W, b't', 22, TERMIOS_SIZE as u32);
pub const TCSBRK: u32 = ioc(IOC_NONE, b't', 29, 0);
pub const TCXONC: u32 = ioc(IOC_NONE, b't', 30, 0);
pub const TCFLSH: u32 = ioc(IOC_NONE, b't', 31, 0);
pub const TIOCSWINSZ: u32 = ioc(IOC_W, b't', 103, 8);
pub const TIOCGWINSZ: u32 = ioc(IOC_R, b't', 104, 8);
pub const TIOCOUTQ: u32 = ioc(IOC_R, b't', 115, 4);
pub const TIOCSPGRP: u32 = ioc(IOC_W, b't', 118, 4);
pub const TIOCGPGRP: u32 = ioc(IOC_R, b't', 119, 4);
pub const FIOCLEX: u32 = ioc(IOC_NONE, b'f', 1, 0);
pub const FIONCLEX: u32 = ioc(IOC_NONE, b'f', 2, 0);
pub const FIOASYNC: u32 = ioc(IOC_W, b'f', 125, 4);
pub const FIONBIO: u32 = ioc(IOC_W, b'f', 126, 4);
pub const FIONREAD: u32 = ioc(IOC_R, b'f', 127, 4);
pub const TIOCSCTTY: u32 = 0x540e;
pub const TIOCNOTTY: u32 = 0x5422;
pub const TIOCGSID: u32 = 0x5429;

/// The ioctls the layer understands, by their ppc64 numbers.
pub const IOCTLS: &[(u32, Ioctl)] = &[
    (TCGETS, Ioctl::Tcgets),
    (TCSETS, Ioctl::Tcsets(libc::TCSANOW)),
    (TCSETSW, Ioctl::Tcsets(libc::TCSADRAIN)),
    (TCSETSF, Ioctl::Tcsets(libc::TCSAFLUSH)),
    (TCSBRK, Ioctl::Tcsbrk),
    (TCXONC, Ioctl::Tcxonc),
    (TCFLSH, Ioctl::Tcflsh),
    (TIOCGWINSZ, Ioctl::Tiocgwinsz),
    (TIOCSWINSZ, Ioctl::Tiocswinsz),
    (TIOCGPGRP, Ioctl::Tiocgpgrp),
    (TIOCSPGRP, Ioctl::Tiocspgrp),
    (TIOCOUTQ, Ioctl::Tiocoutq),
    (TIOCSCTTY, Ioctl::Tiocsctty),
    (TIOCNOTTY, Ioctl::Tiocnotty),
    (TIOCGSID, Ioctl::Tiocgsid),
    (FIONREAD, Ioctl::Fionread),
    (FIONBIO, Ioctl::Fionbio),
    (FIOASYNC, Ioctl::Fioasync),
    (FIOCLEX, Ioctl::Fioclex),
    (FIONCLEX, Ioctl::Fionclex),
];

/// ppc64 open flags that differ from asm-generic (asm/fcntl.h).
pub fn open_flags() -> Vec<(u32, i32)> {
    super::target::generic_open_flags()
        .into_iter()
        .map(|(g, h)| match g {
            0o40000 => (0o400000, h),  // O_DIRECT
            0o100000 => (0o200000, h), // O_LARGEFILE
            0o200000 => (0o40000, h),  // O_DIRECTORY
            0o400000 => (0o100000, h), // O_NOFOLLOW
            _ => (g, h),
        })
        .collect()
}

/// ppc64 mmap flag names (asm/mman.h).
pub const MAP_FLAG_NAMES: &[(u64, &str)] = &[
    (0x10, "MAP_FIXED"),
    (0x20, "MAP_ANONYMOUS"),
    (0x40, "MAP_NORESERVE"),
    (0x80, "MAP_LOCKED"),
    (0x100, "MAP_GROWSDOWN"),
    (0x800, "MAP_DENYWRITE"),
    (0x1000, "MAP_EXECUTABLE"),
    (0x8000, "MAP_POPULATE"),
    (0x10000, "MAP_NONBLOCK"),
    (0x20000, "MAP_STACK"),
    (0x40000, "MAP_HUGETLB"),
    (0x80000, "MAP_SYNC"),
    (0x100000, "MAP_FIXED_NOREPLACE"),
];

impl Target for Ppc64Linux {
    fn sigreturn_trampoline(&self) -> Vec<u8> {
        let be = self.big_endian;
        super::ppc64_signal::TRAMPOLINE.iter().flat_map(|w| if be { w.to_be_bytes() } else { w.to_le_bytes() }).collect()
    }
    fn setup_rt_frame(&self, cpu: &mut Ppc64Cpu, mem: &AddressSpace, f: &super::target::SignalFrame) -> Result<(), super::target::BadFrame> {
        // Debian's big-endian ppc64 userland is ELFv1, little-endian ppc64el ELFv2.
        super::ppc64_signal::setup(cpu, mem, f, !self.big_endian)
    }
    fn rt_sigreturn(&self, cpu: &mut Ppc64Cpu, mem: &AddressSpace) -> Result<super::target::SigReturn, super::target::BadFrame> {
        super::ppc64_signal::sigreturn(cpu, mem)
    }

    type Frontend = Ppc64;

    fn name(&self) -> &'static str {
        if self.big_endian { "ppc64" } else { "ppc64le" }
    }
    fn uname_machine(&self) -> &'static str {
        self.name()
    }
    fn big_endian(&self) -> bool {
        self.big_endian
    }
    fn elf_machine(&self) -> u16 {
        goblin::elf::header::EM_PPC64
    }
    fn frontend(&self) -> Ppc64 {
        Ppc64
    }
    fn new_cpu(&self) -> Box<Ppc64Cpu> {
        Ppc64Cpu::new(!self.big_endian)
    }
    fn clone_cpu(&self, cpu: &Ppc64Cpu) -> Box<Ppc64Cpu> {
        let mut c = Ppc64Cpu::new(!self.big_endian);
        c.gpr = cpu.gpr;
        c.lr = cpu.lr;
        c.ctr = cpu.ctr;
        c.cr = cpu.cr;
        (c.xer_so, c.xer_ov, c.xer_ca, c.xer_ov32, c.xer_ca32, c.xer_bc) =
            (cpu.xer_so, cpu.xer_ov, cpu.xer_ca, cpu.xer_ov32, cpu.xer_ca32, cpu.xer_bc);
        c.vrsave = cpu.vrsave;
        c.vscr = cpu.vscr;
        c.fpscr = cpu.fpscr;
        c.tar = cpu.tar;
        c.dscr = cpu.dscr;
        c.ppr = cpu.ppr;
        c.msr = cpu.msr;
        c.vsr = cpu.vsr;
        c.hdr.pc = cpu.hdr.pc;
        c
    }

    fn syscall_names(&self) -> &'static [(u32, &'static str)] {
        SYSCALLS
    }
    fn syscall_args(&self, cpu: &Ppc64Cpu) -> SyscallArgs {
        let g = &cpu.gpr;
        SyscallArgs { nr: g[0], args: [g[3], g[4], g[5], g[6], g[7], g[8]] }
    }
    fn set_syscall_result(&self, cpu: &mut Ppc64Cpu, r: Result<u64, i32>) {
        match r {
            Ok(v) => {
                cpu.gpr[3] = v;
                cpu.cr[0] &= !1;
            }
            Err(e) => {
                cpu.gpr[3] = self.errno(e) as u64;
                cpu.cr[0] |= 1;
            }
        }
    }
    /// `sc`/`scv` are 4 bytes and r3 still holds the first argument (no result was written).
    fn rewind_syscall(&self, cpu: &mut Ppc64Cpu) {
        cpu.hdr.pc = cpu.hdr.pc.wrapping_sub(4);
    }
    fn pc(&self, cpu: &Ppc64Cpu) -> u64 {
        cpu.hdr.pc
    }
    fn stack_pointer(&self, cpu: &Ppc64Cpu) -> u64 {
        cpu.gpr[1]
    }
    fn set_stack_pointer(&self, cpu: &mut Ppc64Cpu, sp: u64) {
        cpu.gpr[1] = sp;
    }
    /// The thread pointer is r13 (64-bit ELF ABI).
    fn set_tls(&self, cpu: &mut Ppc64Cpu, tls: u64) {
        cpu.gpr[13] = tls;
    }
    /// CONFIG_CLONE_BACKWARDS: clone(flags, newsp, parent_tid, tls, child_tid).
    fn clone_args(&self, a: &[u64; 6]) -> CloneArgs {
        CloneArgs { flags: a[0], newsp: a[1], parent_tid: a[2], tls: a[3], child_tid: a[4] }
    }
    /// The kernel's `set_fpexc_mode`/`get_fpexc_mode`: PR_FP_EXC_DISABLED (0),
    /// NONRECOV (1, MSR[FE1]), ASYNC (2, MSR[FE0]), PRECISE (3, both); the SPE software
    /// bits are EINVAL on a server processor.
    fn fp_exc_mode(&self, cpu: &mut Ppc64Cpu, set: Option<u64>) -> Result<u64, i32> {
        use cpu_ppc64::fp_helpers::{MSR_FE0, MSR_FE1};
        match set {
            None => Ok(((cpu.msr & MSR_FE0) >> 10) | ((cpu.msr & MSR_FE1) >> 8)),
            Some(mode) if mode <= 3 => {
                cpu.msr = (cpu.msr & !(MSR_FE0 | MSR_FE1)) | ((mode << 10) & MSR_FE0) | ((mode << 8) & MSR_FE1);
                Ok(0)
            }
            Some(_) => Err(libc::EINVAL),
        }
    }
    fn trap(&self, n: u32, cpu: &Ppc64Cpu) -> Trap {
        // si_code values: include/uapi/asm-generic/siginfo.h.
        const ILL_ILLOPC: i32 = 1;
        const ILL_PRVOPC: i32 = 5;
        const TRAP_BRKPT: i32 = 1;
        const BUS_ADRALN: i32 = 1;
        const FPE_FLTUNK: i32 = 14;
        match n {
            exc::SYSCALL => Trap::Syscall,
            exc::PRIVILEGED => Trap::Signal { sig: libc::SIGILL, code: ILL_PRVOPC },
            exc::TRAP => Trap::Signal { sig: libc::SIGTRAP, code: TRAP_BRKPT },
            exc::ALIGNMENT => Trap::Signal { sig: libc::SIGBUS, code: BUS_ADRALN },
            // An enabled FP exception (MSR[FE0|FE1] set and the FPSCR enable bit on): the
            // kernel's `__parse_fpscr` picks si_code from the first enabled exception that
            // occurred, in this order.
            exc::FP_ENABLED => {
                use cpu_ppc64::fp_arith::fpscr as f;
                let s = cpu.fpscr;
                let code = [(f::VE, f::VX, 7), (f::OE, f::OX, 4), (f::UE, f::UX, 5), (f::ZE, f::ZX, 3), (f::XE, f::XX, 6)]
                    .iter()
                    .find(|(en, ex, _)| s & en != 0 && s & ex != 0)
                    .map_or(FPE_FLTUNK, |&(_, _, c)| c);
                Trap::Signal { sig: libc::SIGFPE, code }
            }
            _ => Trap::Signal { sig: libc::SIGILL, code: ILL_ILLOPC },
        }
    }

    fn unimplemented_insn(&self, n: u32, pc: u64, mem: &AddressSpace) -> Option<String> {
        if n != exc::UNIMPLEMENTED {
            return None;
        }
        let mut b = [0u8; 4];
        mem.read(pc, &mut b).ok()?;
        let w = if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) };
        Some(cpu_ppc64::disasm_word(w, pc))
    }

    fn set_entry_state(&self, cpu: &mut Ppc64Cpu, img: &LoadedImage, sp: u64, mem: &AddressSpace) -> Result<(), String> {
        cpu.gpr = [0; 32];
        cpu.gpr[1] = sp;
        if img.e_flags & 3 == 2 {
            cpu.hdr.pc = img.entry;
            cpu.gpr[12] = img.entry;
        } else {
            // ELFv1: e_entry points at a function descriptor {entry, toc}, unrelocated.
            let bad = |_| format!("{}: entry point {:#x} is not a readable function descriptor", img.path, img.entry);
            let entry = mem.read_u64(img.entry).map_err(bad)?;
            let toc = mem.read_u64(img.entry + 8).map_err(bad)?;
            cpu.hdr.pc = entry.wrapping_add(img.bias);
            cpu.gpr[2] = toc.wrapping_add(img.bias);
        }
        Ok(())
    }

    fn arch_auxv(&self) -> Vec<(u64, u64)> {
        vec![
            (AT_IGNOREPPC, AT_IGNOREPPC),
            (AT_IGNOREPPC, AT_IGNOREPPC),
            (AT_DCACHEBSIZE, 128),
            (AT_ICACHEBSIZE, 128),
            // The kernel reports 0 (POWER caches are not unified).
            (AT_UCACHEBSIZE, 0),
            (AT_L1I_CACHESIZE, 32 << 10),
            (AT_L1I_CACHEGEOMETRY, geometry(8, 128)),
            (AT_L1D_CACHESIZE, 32 << 10),
            (AT_L1D_CACHEGEOMETRY, geometry(8, 128)),
            (AT_L2_CACHESIZE, 512 << 10),
            (AT_L2_CACHEGEOMETRY, geometry(8, 128)),
            (AT_L3_CACHESIZE, 10 << 20),
            (AT_L3_CACHEGEOMETRY, geometry(20, 128)),
            (AT_MINSIGSTKSZ, MINSIGSTKSZ),
        ]
    }
    fn hwcap(&self) -> (u64, u64) {
        // TRUE_LE is set by the kernel whatever the process's byte order.
        (HWCAP, HWCAP2)
    }
    fn platform(&self) -> (Option<&'static str>, Option<&'static str>) {
        (Some("power9"), Some("power9"))
    }

    fn encode_stat(&self, st: &KStat) -> Vec<u8> {
        encode_stat(self.big_endian, st)
    }
    fn open_flags(&self) -> Vec<(u32, i32)> {
        open_flags()
    }
    fn map_flag_names(&self) -> &'static [(u64, &'static str)] {
        MAP_FLAG_NAMES
    }
    fn extra_prot_bits(&self) -> u64 {
        0x10 // PROT_SAO
    }
    fn ioctls(&self) -> &'static [(u32, Ioctl)] {
        IOCTLS
    }
    fn termios_size(&self) -> usize {
        TERMIOS_SIZE
    }
    fn encode_termios(&self, t: &libc::termios) -> Vec<u8> {
        encode_termios(self.big_endian, t)
    }
    fn decode_termios(&self, b: &[u8]) -> libc::termios {
        decode_termios(self.big_endian, b)
    }
}
