//! System calls run directly against a loaded (not running) process: arguments in guest
//! memory, results checked as the guest would see them.

mod common;
use common::*;
use machines::linux::aspace::{GUEST_PAGE, PROT_READ, PROT_WRITE};
use machines::linux::ppc64::Ppc64Linux;
use machines::linux::sysno::Sys;
use machines::linux::{Options, Process};

const BUF: u64 = 0x2000_0000;
const AT_FDCWD: u64 = -100i64 as u64;

fn process() -> Process<Ppc64Linux> {
    let dir = std::env::temp_dir().join(format!("bigiron-sys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let path = dir.join(format!("prog{}", N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let elf = Elf::ppc64le(0x1000_0000, vec![Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: vec![0; 16], memsz: 16 }]);
    std::fs::write(&path, elf.build()).unwrap();
    let p = Process::new(Ppc64Linux { big_endian: false }, Options { program: path.display().to_string(), ..Default::default() }).unwrap();
    p.mem.map_anon(BUF, 16 * GUEST_PAGE, PROT_READ | PROT_WRITE, false).unwrap();
    p
}

fn cstr(p: &Process<Ppc64Linux>, at: u64, s: &str) -> u64 {
    let mut b = s.as_bytes().to_vec();
    b.push(0);
    p.mem.write(at, &b).unwrap();
    at
}

fn call(p: &mut Process<Ppc64Linux>, s: Sys, args: &[u64]) -> Result<u64, i32> {
    let mut a = [0u64; 6];
    a[..args.len()].copy_from_slice(args);
    p.dispatch(s, &a)
}

#[test]
fn open_stat_read_close() {
    let mut p = process();
    let dir = std::env::temp_dir().join(format!("bigiron-sys-{}", std::process::id()));
    let file = dir.join("data");
    std::fs::write(&file, b"0123456789").unwrap();
    let path = cstr(&p, BUF, file.to_str().unwrap());
    let fd = call(&mut p, Sys::Openat, &[AT_FDCWD, path, 0, 0]).unwrap();
    // fstat: st_size at offset 48 of the ppc64 struct stat, st_mode at 24.
    call(&mut p, Sys::Fstat, &[fd, BUF + 0x1000]).unwrap();
    assert_eq!(p.mem.read_u64(BUF + 0x1000 + 48).unwrap(), 10);
    assert_eq!(p.mem.read_u32(BUF + 0x1000 + 24).unwrap() & 0o170000, 0o100000);
    assert_eq!(call(&mut p, Sys::Read, &[fd, BUF + 0x2000, 4]), Ok(4));
    assert_eq!(p.mem.read_vec(BUF + 0x2000, 4).unwrap(), b"0123");
    assert_eq!(call(&mut p, Sys::Pread64, &[fd, BUF + 0x2000, 3, 7]), Ok(3));
    assert_eq!(p.mem.read_vec(BUF + 0x2000, 3).unwrap(), b"789");
    assert_eq!(call(&mut p, Sys::Lseek, &[fd, 0, 2]), Ok(10));
    // Bad buffer: EFAULT, not a crash.
    assert_eq!(call(&mut p, Sys::Read, &[fd, 0x5000_0000, 4]), Err(libc::EFAULT));
    assert_eq!(call(&mut p, Sys::Close, &[fd]), Ok(0));
    assert_eq!(call(&mut p, Sys::Close, &[fd]), Err(libc::EBADF));
    // ppc O_DIRECTORY (040000) on a regular file: ENOTDIR.
    assert_eq!(call(&mut p, Sys::Openat, &[AT_FDCWD, path, 0o40000, 0]), Err(libc::ENOTDIR));
    assert_eq!(call(&mut p, Sys::Openat, &[AT_FDCWD, 0x6000_0000, 0, 0]), Err(libc::EFAULT));
    // newfstatat with AT_SYMLINK_NOFOLLOW; ENOENT for a missing file.
    let missing = cstr(&p, BUF + 0x3000, "/nonexistent/x");
    assert_eq!(call(&mut p, Sys::Newfstatat, &[AT_FDCWD, missing, BUF + 0x1000, 0x100]), Err(libc::ENOENT));
}

#[test]
fn proc_self_exe_is_the_guest_program() {
    let mut p = process();
    let path = cstr(&p, BUF, "/proc/self/exe");
    let n = call(&mut p, Sys::Readlink, &[path, BUF + 0x100, 4096]).unwrap();
    let got = String::from_utf8(p.mem.read_vec(BUF + 0x100, n as usize).unwrap()).unwrap();
    assert!(got.contains("/prog"), "{got}");
    assert_eq!(got, p.exe);
}

#[test]
fn getdents64_lists_a_directory() {
    let mut p = process();
    let dir = std::env::temp_dir().join(format!("bigiron-sys-{}-dents", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let path = cstr(&p, BUF, dir.to_str().unwrap());
    let fd = call(&mut p, Sys::Openat, &[AT_FDCWD, path, 0o40000, 0]).unwrap();
    let n = call(&mut p, Sys::Getdents64, &[fd, BUF + 0x1000, 4096]).unwrap() as usize;
    let b = p.mem.read_vec(BUF + 0x1000, n).unwrap();
    let mut names = Vec::new();
    let mut at = 0;
    while at < n {
        let reclen = u16::from_le_bytes([b[at + 16], b[at + 17]]) as usize;
        let name: Vec<u8> = b[at + 19..at + reclen].iter().take_while(|&&c| c != 0).copied().collect();
        names.push(String::from_utf8(name).unwrap());
        at += reclen;
    }
    names.sort();
    assert_eq!(names, [".", "..", "sub"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pipes_poll_and_fcntl() {
    let mut p = process();
    assert_eq!(call(&mut p, Sys::Pipe2, &[BUF, 0o2000000]), Ok(0)); // O_CLOEXEC
    let (r, w) = (p.mem.read_u32(BUF).unwrap() as u64, p.mem.read_u32(BUF + 4).unwrap() as u64);
    cstr(&p, BUF + 0x100, "ping");
    assert_eq!(call(&mut p, Sys::Write, &[w, BUF + 0x100, 4]), Ok(4));
    // struct pollfd {int fd; short events; short revents}
    p.mem.write_u32(BUF + 0x200, r as u32).unwrap();
    p.mem.write(BUF + 0x204, &[1, 0, 0, 0]).unwrap(); // POLLIN
    assert_eq!(call(&mut p, Sys::Poll, &[BUF + 0x200, 1, 0]), Ok(1));
    assert_eq!(p.mem.read_vec(BUF + 0x206, 2).unwrap(), vec![1, 0]);
    // FD_CLOEXEC is set; F_GETFL reports O_RDONLY; ppc O_NONBLOCK round-trips.
    assert_eq!(call(&mut p, Sys::Fcntl, &[r, 1, 0]), Ok(1));
    assert_eq!(call(&mut p, Sys::Fcntl, &[r, 4, 0o4000]), Ok(0));
    assert_eq!(call(&mut p, Sys::Fcntl, &[r, 3, 0]), Ok(0o4000));
    // readv into two pieces.
    let iov = BUF + 0x300;
    for (i, (base, len)) in [(BUF + 0x400, 2u64), (BUF + 0x500, 2)].iter().enumerate() {
        p.mem.write_u64(iov + 16 * i as u64, *base).unwrap();
        p.mem.write_u64(iov + 16 * i as u64 + 8, *len).unwrap();
    }
    assert_eq!(call(&mut p, Sys::Readv, &[r, iov, 2]), Ok(4));
    assert_eq!(p.mem.read_vec(BUF + 0x400, 2).unwrap(), b"pi");
    assert_eq!(p.mem.read_vec(BUF + 0x500, 2).unwrap(), b"ng");
    assert_eq!(call(&mut p, Sys::Read, &[r, BUF, 4]), Err(libc::EAGAIN));
    // select: the write end is writable.
    p.mem.write_u64(BUF + 0x600, 1 << w).unwrap();
    p.mem.write(BUF + 0x700, &[0; 16]).unwrap();
    assert_eq!(call(&mut p, Sys::Select, &[w + 1, 0, BUF + 0x600, 0, BUF + 0x700]), Ok(1));
    assert_eq!(p.mem.read_u64(BUF + 0x600).unwrap(), 1 << w);
    call(&mut p, Sys::Close, &[r]).unwrap();
    call(&mut p, Sys::Close, &[w]).unwrap();
}

#[test]
fn memory_calls() {
    let mut p = process();
    let (start, _) = p.mem.brk_range();
    assert_eq!(call(&mut p, Sys::Brk, &[0]), Ok(start));
    assert_eq!(call(&mut p, Sys::Brk, &[start + 0x100]), Ok(start + 0x100));
    // mmap(NULL, 100, RW, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE(ppc 0x40), -1, 0)
    let a = call(&mut p, Sys::Mmap, &[0, 100, 3, 0x62, u64::MAX, 0]).unwrap();
    assert_eq!(a % GUEST_PAGE, 0);
    p.mem.write(a, b"x").unwrap();
    assert_eq!(call(&mut p, Sys::Mprotect, &[a, GUEST_PAGE, 1]), Ok(0));
    assert!(p.mem.write(a, b"x").is_err());
    assert_eq!(call(&mut p, Sys::Mprotect, &[a, GUEST_PAGE, 0x1000]), Err(libc::EINVAL));
    assert_eq!(call(&mut p, Sys::Mprotect, &[a, GUEST_PAGE, 0x10]), Ok(0), "PROT_SAO is accepted");
    let b = call(&mut p, Sys::Mremap, &[a, GUEST_PAGE, 4 * GUEST_PAGE, 1, 0]).unwrap();
    assert_eq!(call(&mut p, Sys::Munmap, &[b, 4 * GUEST_PAGE]), Ok(0));
    assert_eq!(call(&mut p, Sys::Mmap, &[0, 100, 3, 0x20, u64::MAX, 0]), Err(libc::EINVAL), "no MAP_PRIVATE/SHARED");
}

#[test]
fn identity_time_and_system_info() {
    let mut p = process();
    assert_eq!(call(&mut p, Sys::Getpid, &[]), Ok(std::process::id() as u64));
    call(&mut p, Sys::Uname, &[BUF]).unwrap();
    assert_eq!(p.mem.read_cstr(BUF, 65).unwrap(), b"Linux");
    assert_eq!(p.mem.read_cstr(BUF + 65 * 4, 65).unwrap(), b"ppc64le");
    call(&mut p, Sys::ClockGettime, &[1, BUF]).unwrap(); // CLOCK_MONOTONIC
    let (s, ns) = (p.mem.read_u64(BUF).unwrap(), p.mem.read_u64(BUF + 8).unwrap());
    assert!(s > 0 || ns > 0);
    assert!(ns < 1_000_000_000);
    assert_eq!(call(&mut p, Sys::ClockGettime, &[1, 0x7000_0000]), Err(libc::EFAULT));
    // prlimit64(0, RLIMIT_NOFILE, NULL, &old)
    call(&mut p, Sys::Prlimit64, &[0, 7, 0, BUF]).unwrap();
    assert!(p.mem.read_u64(BUF).unwrap() > 0);
    call(&mut p, Sys::Sysinfo, &[BUF]).unwrap();
    assert!(p.mem.read_u64(BUF + 32).unwrap() > 0, "totalram");
    assert_eq!(call(&mut p, Sys::Getrandom, &[BUF, 16, 0]), Ok(16));
    let n = call(&mut p, Sys::SchedGetaffinity, &[0, 128, BUF]).unwrap();
    assert!(n >= 8 && p.mem.read_u64(BUF).unwrap() != 0);
    let n = call(&mut p, Sys::Getcwd, &[BUF, 4096]).unwrap();
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(p.mem.read_cstr(BUF, 4096).unwrap(), cwd.to_str().unwrap().as_bytes());
    assert_eq!(n as usize, cwd.to_str().unwrap().len() + 1);
    assert_eq!(call(&mut p, Sys::Getcwd, &[BUF, 1]), Err(libc::ERANGE));
    // prctl(PR_SET_NAME / PR_GET_NAME)
    cstr(&p, BUF, "guestname");
    assert_eq!(call(&mut p, Sys::Prctl, &[15, BUF]), Ok(0));
    assert_eq!(call(&mut p, Sys::Prctl, &[16, BUF + 0x100]), Ok(0));
    assert_eq!(p.mem.read_cstr(BUF + 0x100, 16).unwrap(), b"guestname");
}

#[test]
fn signal_bookkeeping() {
    let mut p = process();
    // rt_sigaction(SIGUSR1, {handler 0x10000100, flags 0x4, restorer 0, mask 0x2}, NULL, 8)
    let act = BUF;
    for (i, v) in [0x1000_0100u64, 4, 0, 2].iter().enumerate() {
        p.mem.write_u64(act + 8 * i as u64, *v).unwrap();
    }
    assert_eq!(call(&mut p, Sys::RtSigaction, &[10, act, 0, 8]), Ok(0));
    assert_eq!(call(&mut p, Sys::RtSigaction, &[10, 0, BUF + 0x100, 8]), Ok(0));
    assert_eq!(p.mem.read_u64(BUF + 0x100).unwrap(), 0x1000_0100);
    assert_eq!(call(&mut p, Sys::RtSigaction, &[9, act, 0, 8]), Err(libc::EINVAL), "SIGKILL");
    assert_eq!(call(&mut p, Sys::RtSigaction, &[10, act, 0, 16]), Err(libc::EINVAL));
    // Block SIGUSR2 (bit 11), read the mask back, unblock.
    p.mem.write_u64(BUF + 0x200, 1 << 11).unwrap();
    assert_eq!(call(&mut p, Sys::RtSigprocmask, &[0, BUF + 0x200, BUF + 0x208, 8]), Ok(0));
    assert_eq!(call(&mut p, Sys::RtSigprocmask, &[0, 0, BUF + 0x208, 8]), Ok(0));
    assert_eq!(p.mem.read_u64(BUF + 0x208).unwrap(), 1 << 11);
    assert_eq!(call(&mut p, Sys::RtSigprocmask, &[2, BUF + 0x210, 0, 8]), Ok(0));
    // Signal 0 to self: a permission check only.
    assert_eq!(call(&mut p, Sys::Kill, &[std::process::id() as u64, 0]), Ok(0));
}
