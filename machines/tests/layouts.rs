//! ppc64 struct layouts and ABI numbers, with expected bytes from the kernel headers
//! (arch/powerpc/include/uapi/asm/{stat,termbits,ioctls,fcntl}.h).

use machines::linux::layout::{self, KStat};
use machines::linux::ppc64::{self, Ppc64Linux};
use machines::linux::sysno::{number_table, Sys};
use machines::linux::target::{oflags_to_guest, oflags_to_host, Ioctl, Target};

fn le64(b: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(b[off..off + 8].try_into().unwrap())
}
fn le32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

#[test]
fn stat_layout() {
    let st = KStat {
        dev: 0x0801,
        ino: 0x1122_3344_5566,
        mode: 0o100644,
        nlink: 3,
        uid: 1000,
        gid: 100,
        rdev: 0x0503,
        size: 123_456,
        blksize: 4096,
        blocks: 248,
        atime: (1_700_000_001, 11),
        mtime: (1_700_000_002, 22),
        ctime: (1_700_000_003, 33),
    };
    let b = ppc64::encode_stat(false, &st);
    assert_eq!(b.len(), 144);
    // unsigned long st_dev; ino_t st_ino; unsigned long st_nlink; mode_t st_mode;
    // uid_t st_uid; gid_t st_gid; (pad) unsigned long st_rdev; long st_size; ...
    assert_eq!(le64(&b, 0), 0x0801);
    assert_eq!(le64(&b, 8), 0x1122_3344_5566);
    assert_eq!(le64(&b, 16), 3);
    assert_eq!(le32(&b, 24), 0o100644);
    assert_eq!(le32(&b, 28), 1000);
    assert_eq!(le32(&b, 32), 100);
    assert_eq!(le32(&b, 36), 0);
    assert_eq!(le64(&b, 40), 0x0503);
    assert_eq!(le64(&b, 48), 123_456);
    assert_eq!(le64(&b, 56), 4096);
    assert_eq!(le64(&b, 64), 248);
    assert_eq!((le64(&b, 72), le64(&b, 80)), (1_700_000_001, 11));
    assert_eq!((le64(&b, 88), le64(&b, 96)), (1_700_000_002, 22));
    assert_eq!((le64(&b, 104), le64(&b, 112)), (1_700_000_003, 33));
    assert_eq!(&b[120..144], &[0; 24]);
    // Big-endian: the same fields, byte-swapped.
    let be = ppc64::encode_stat(true, &st);
    assert_eq!(&be[24..28], &0o100644u32.to_be_bytes());
}

fn sample_termios() -> libc::termios {
    // SAFETY: plain integers.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    t.c_iflag = libc::ICRNL | libc::IXON | libc::IUTF8;
    t.c_oflag = libc::OPOST | libc::ONLCR;
    t.c_cflag = libc::CS8 | libc::CREAD | libc::B38400 | libc::HUPCL;
    t.c_lflag = libc::ISIG | libc::ICANON | libc::ECHO | libc::ECHOE | libc::ECHOK | libc::IEXTEN | libc::ECHOCTL | libc::ECHOKE;
    t.c_cc[libc::VINTR] = 3;
    t.c_cc[libc::VERASE] = 0x7f;
    t.c_cc[libc::VEOF] = 4;
    t.c_cc[libc::VMIN] = 1;
    t.c_cc[libc::VTIME] = 0;
    t.c_cc[libc::VSUSP] = 26;
    t.c_cc[libc::VWERASE] = 23;
    t.c_line = 0;
    t
}

#[test]
fn termios_layout() {
    let b = ppc64::encode_termios(false, &sample_termios());
    assert_eq!(b.len(), ppc64::TERMIOS_SIZE);
    assert_eq!(b.len(), 44);
    // ppc bits: ICRNL 0x100, IXON 0x200, IUTF8 0x4000.
    assert_eq!(le32(&b, 0), 0x100 | 0x200 | 0x4000);
    // OPOST 0x1, ONLCR 0x2 (0x4 on x86).
    assert_eq!(le32(&b, 4), 0x1 | 0x2);
    // CS8 0x300, CREAD 0x800, B38400 0xf, HUPCL 0x4000.
    assert_eq!(le32(&b, 8), 0x300 | 0x800 | 0xf | 0x4000);
    // ISIG 0x80, ICANON 0x100, ECHO 0x8, ECHOE 0x2, ECHOK 0x4, IEXTEN 0x400, ECHOCTL 0x40,
    // ECHOKE 0x1.
    assert_eq!(le32(&b, 12), 0x80 | 0x100 | 0x8 | 0x2 | 0x4 | 0x400 | 0x40 | 0x1);
    // c_cc[19] at 16: VINTR 0, VERASE 2, VEOF 4, VMIN 5, VTIME 7, VWERASE 10, VSUSP 12.
    assert_eq!(b[16], 3);
    assert_eq!(b[16 + 2], 0x7f);
    assert_eq!(b[16 + 4], 4);
    assert_eq!(b[16 + 5], 1);
    assert_eq!(b[16 + 10], 23);
    assert_eq!(b[16 + 12], 26);
    // c_line at 35, speeds at 36 and 40.
    assert_eq!(b[35], 0);
    assert_eq!(le32(&b, 36), 38400);
    assert_eq!(le32(&b, 40), 38400);
}

#[test]
fn termios_round_trip() {
    let t = sample_termios();
    let back = ppc64::decode_termios(false, &ppc64::encode_termios(false, &t));
    assert_eq!(back.c_iflag, t.c_iflag);
    assert_eq!(back.c_oflag, t.c_oflag);
    assert_eq!(back.c_cflag, t.c_cflag);
    assert_eq!(back.c_lflag, t.c_lflag);
    assert_eq!(&back.c_cc[..17], &t.c_cc[..17]);
    // High speeds and delay fields map too.
    let mut t2 = t;
    t2.c_cflag = libc::CS7 | libc::B115200 | libc::PARENB;
    t2.c_oflag = libc::OPOST | libc::TAB3 | libc::CR2;
    let b = ppc64::encode_termios(true, &t2);
    assert_eq!(u32::from_be_bytes(b[8..12].try_into().unwrap()), 0x200 | 0x11 | 0x1000);
    assert_eq!(u32::from_be_bytes(b[4..8].try_into().unwrap()), 0x1 | 0xc00 | 0x2000);
    assert_eq!(u32::from_be_bytes(b[40..44].try_into().unwrap()), 115200);
    let back = ppc64::decode_termios(true, &b);
    assert_eq!(back.c_cflag, t2.c_cflag);
    assert_eq!(back.c_oflag, t2.c_oflag);
}

#[test]
fn ioctl_numbers() {
    // Values of the ppc _IOR/_IOW macros (13-bit size, direction in bits 29-31).
    assert_eq!(ppc64::TCGETS, 0x402c_7413);
    assert_eq!(ppc64::TCSETS, 0x802c_7414);
    assert_eq!(ppc64::TCSETSW, 0x802c_7415);
    assert_eq!(ppc64::TCSETSF, 0x802c_7416);
    assert_eq!(ppc64::TIOCGWINSZ, 0x4008_7468);
    assert_eq!(ppc64::TIOCSWINSZ, 0x8008_7467);
    assert_eq!(ppc64::TIOCGPGRP, 0x4004_7477);
    assert_eq!(ppc64::TIOCSPGRP, 0x8004_7476);
    assert_eq!(ppc64::FIONREAD, 0x4004_667f);
    assert_eq!(ppc64::FIONBIO, 0x8004_667e);
    assert_eq!(ppc64::FIOCLEX, 0x2000_6601);
    let t = Ppc64Linux { big_endian: false };
    assert_eq!(t.ioctl(0x402c_7413), Some(Ioctl::Tcgets));
    assert_eq!(t.ioctl(0x5401), None, "x86's TCGETS means nothing on ppc");
}

#[test]
fn s390x_uses_the_asm_generic_ioctls() {
    // asm-generic/ioctls.h: TCGETS 0x5401, TCSETSW 0x5403, TIOCGWINSZ 0x5413, FIONBIO 0x5421.
    let t = machines::linux::s390x::S390xLinux::default();
    assert_eq!(t.ioctl(0x5401), Some(Ioctl::Tcgets));
    assert_eq!(t.ioctl(0x5403), Some(Ioctl::Tcsets(libc::TCSADRAIN)));
    assert_eq!(t.ioctl(0x5413), Some(Ioctl::Tiocgwinsz));
    assert_eq!(t.ioctl(0x5421), Some(Ioctl::Fionbio));
    assert_eq!(t.ioctl(0x402c_7413), None, "ppc's TCGETS means nothing on s390x");
    assert_eq!(t.termios_size(), 36);
}

#[test]
fn open_flags() {
    let t = Ppc64Linux { big_endian: false }.open_flags();
    // ppc: O_DIRECTORY 040000, O_NOFOLLOW 0100000, O_LARGEFILE 0200000, O_DIRECT 0400000.
    assert_eq!(oflags_to_host(&t, 0o40000), libc::O_DIRECTORY);
    assert_eq!(oflags_to_host(&t, 0o100000), libc::O_NOFOLLOW);
    assert_eq!(oflags_to_host(&t, 0o400000), libc::O_DIRECT);
    assert_eq!(oflags_to_host(&t, 0o2000000 | 0o100 | 0o1000 | 1), libc::O_CLOEXEC | libc::O_CREAT | libc::O_TRUNC | libc::O_WRONLY);
    assert_eq!(oflags_to_guest(&t, libc::O_RDWR | libc::O_NONBLOCK | libc::O_APPEND), 2 | 0o4000 | 0o2000);
    assert_eq!(oflags_to_guest(&t, libc::O_DIRECTORY), 0o40000);
}

#[test]
fn mmap_flags() {
    let t = Ppc64Linux { big_endian: false };
    let f = t.map_flags(0x22 | 0x40).unwrap(); // MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE
    assert!(f.anonymous && !f.shared && !f.fixed);
    let f = t.map_flags(0x11).unwrap();
    assert!(f.shared && f.fixed);
    assert_eq!(t.map_flags(0x20), Err(libc::EINVAL));
}

#[test]
fn syscall_numbers() {
    let t = number_table(ppc64::SYSCALLS);
    let at = |n: usize| t[n];
    assert_eq!(at(1), Some(Sys::Exit));
    assert_eq!(at(3), Some(Sys::Read));
    assert_eq!(at(45), Some(Sys::Brk));
    assert_eq!(at(90), Some(Sys::Mmap));
    assert_eq!(at(120), Some(Sys::Clone));
    assert_eq!(at(142), Some(Sys::Select));
    assert_eq!(at(190), Some(Sys::Getrlimit));
    assert_eq!(at(234), Some(Sys::ExitGroup));
    assert_eq!(at(286), Some(Sys::Openat));
    assert_eq!(at(291), Some(Sys::Newfstatat));
    assert_eq!(at(383), Some(Sys::Statx));
    assert_eq!(at(439), Some(Sys::Faccessat2));
    assert_eq!(at(326), None, "socket is not implemented");
    // Every call the neutral layer implements has a ppc64 number (but s390x's own).
    for s in Sys::ALL.iter().filter(|s| !matches!(s, Sys::OldMmap | Sys::Sigreturn)) {
        assert!(t.contains(&Some(*s)), "{} has no ppc64 number", s.name());
    }
}

#[test]
fn s390x_syscall_numbers() {
    use machines::linux::s390x::SYSCALLS;
    let t = machines::linux::sysno::number_table(SYSCALLS);
    let at = |n: usize| t.get(n).copied().flatten();
    // arch/s390/kernel/syscalls/syscall.tbl (common and 64 entries).
    assert_eq!(at(1), Some(Sys::Exit));
    assert_eq!(at(90), Some(Sys::OldMmap));
    assert_eq!(at(119), Some(Sys::Sigreturn));
    assert_eq!(at(120), Some(Sys::Clone));
    assert_eq!(at(173), Some(Sys::RtSigreturn));
    assert_eq!(at(191), Some(Sys::Getrlimit));
    assert_eq!(at(199), Some(Sys::Getuid));
    assert_eq!(at(248), Some(Sys::ExitGroup));
    assert_eq!(at(288), Some(Sys::Openat));
    assert_eq!(at(293), Some(Sys::Newfstatat));
    assert_eq!(at(379), Some(Sys::Statx));
    assert_eq!(at(439), Some(Sys::Faccessat2));
    // 64-bit s390x has no mmap with register arguments, _llseek, time, waitpid (7 is
    // restart_syscall), nor the 16-bit-uid calls' 32-bit numbers.
    let missing: Vec<&str> = Sys::ALL.iter().filter(|s| !t.contains(&Some(**s))).map(|s| s.name()).collect();
    assert_eq!(missing, ["_llseek", "mmap", "time", "waitpid"]);
}

#[test]
fn generic_layouts() {
    let b = layout::rlimit(false, 1, u64::MAX);
    assert_eq!(b, [1, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255]);
    let u = layout::utsname([b"Linux", b"host", b"6.1.0", b"#1", b"ppc64le", b"(none)"]);
    assert_eq!(&u[0..6], b"Linux\0");
    assert_eq!(&u[65 * 4..65 * 4 + 8], b"ppc64le\0");
    let mut host = Vec::new();
    host.extend(7u64.to_ne_bytes());
    host.extend(99i64.to_ne_bytes());
    host.extend(24u16.to_ne_bytes());
    host.push(4);
    host.extend(b"ab\0\0\0");
    let g = layout::dirents64(true, &host);
    assert_eq!(g.len(), 24);
    assert_eq!(&g[0..8], &7u64.to_be_bytes());
    assert_eq!(&g[16..18], &24u16.to_be_bytes());
    assert_eq!(&g[18..21], &[4, b'a', b'b']);
}
