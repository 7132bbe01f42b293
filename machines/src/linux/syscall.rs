//! System call dispatch: from a [`Sys`] and its raw arguments to the implementation.
//!
//! Implementations are guest-neutral and grouped by subject: files (`sys_fs`), I/O on
//! descriptors (`sys_io`), memory (`sys_mem`), processes and time (`sys_proc`), signals
//! (`signal`). They take raw `u64` arguments, reach guest memory only through the checked
//! [`AddressSpace`](super::aspace::AddressSpace) functions, and return `Ok(value)` or
//! `Err(host errno)`; the [`Target`] converts that into the guest's registers.

use super::process::Process;
use super::signal::host;
use super::sysno::Sys;
use super::target::Target;
use std::ffi::CString;

pub type SysResult = Result<u64, i32>;

/// PATH_MAX.
const PATH_MAX: usize = 4096;

impl<T: Target> Process<T> {
    pub fn dispatch(&mut self, s: Sys, a: &[u64; 6]) -> SysResult {
        use Sys::*;
        match s {
            // ---- files: reading and writing ----
            Read => self.sys_read(a[0], a[1], a[2]),
            Write => self.sys_write(a[0], a[1], a[2]),
            Readv => self.sys_rwv(a[0], a[1], a[2], None, false),
            Writev => self.sys_rwv(a[0], a[1], a[2], None, true),
            Pread64 => self.sys_pread(a[0], a[1], a[2], a[3]),
            Pwrite64 => self.sys_pwrite(a[0], a[1], a[2], a[3]),
            Preadv => self.sys_rwv(a[0], a[1], a[2], Some(a[3]), false),
            Pwritev => self.sys_rwv(a[0], a[1], a[2], Some(a[3]), true),
            Open => self.sys_openat(libc::AT_FDCWD as u64, a[0], a[1], a[2]),
            Openat => self.sys_openat(a[0], a[1], a[2], a[3]),
            Creat => self.sys_openat(libc::AT_FDCWD as u64, a[0], 0o1101, a[1]),
            Close => host(unsafe { libc::close(a[0] as i32) } as i64),
            Lseek => host(unsafe { libc::lseek(a[0] as i32, a[1] as i64, a[2] as i32) }),
            Llseek => self.sys_llseek(a[0], a[1], a[2], a[3], a[4]),
            Sendfile => self.sys_sendfile(a[0], a[1], a[2], a[3]),
            Fadvise64 => host(unsafe { libc::syscall(libc::SYS_fadvise64, a[0] as i32, a[1] as i64, a[2] as i64, a[3] as i32) }),
            Fallocate => host(unsafe { libc::fallocate(a[0] as i32, a[1] as i32, a[2] as i64, a[3] as i64) } as i64),
            Flock => host(unsafe { libc::flock(a[0] as i32, a[1] as i32) } as i64),
            Dup => host(unsafe { libc::dup(a[0] as i32) } as i64),
            Dup2 => host(unsafe { libc::dup2(a[0] as i32, a[1] as i32) } as i64),
            Dup3 => self.sys_dup3(a[0], a[1], a[2]),
            Fcntl => self.sys_fcntl(a[0], a[1], a[2]),
            Pipe => self.sys_pipe2(a[0], 0),
            Pipe2 => self.sys_pipe2(a[0], a[1]),
            Ioctl => self.sys_ioctl(a[0], a[1], a[2]),
            Fsync => host(unsafe { libc::fsync(a[0] as i32) } as i64),
            Fdatasync => host(unsafe { libc::fdatasync(a[0] as i32) } as i64),
            Sync => {
                unsafe { libc::sync() };
                Ok(0)
            }
            MemfdCreate => {
                let name = self.path(a[0])?;
                host(unsafe { libc::syscall(libc::SYS_memfd_create, name.as_ptr(), a[1] as u32) })
            }
            // ---- files: metadata and directories ----
            Stat => self.sys_fstatat(libc::AT_FDCWD as u64, a[0], a[1], 0),
            Lstat => self.sys_fstatat(libc::AT_FDCWD as u64, a[0], a[1], libc::AT_SYMLINK_NOFOLLOW as u64),
            Fstat => self.sys_fstat(a[0], a[1]),
            Newfstatat => self.sys_fstatat(a[0], a[1], a[2], a[3]),
            Statx => self.sys_statx(a[0], a[1], a[2], a[3], a[4]),
            Statfs => self.sys_statfs(Some(a[0]), 0, a[1]),
            Fstatfs => self.sys_statfs(None, a[0], a[1]),
            // struct statfs64 is struct statfs on 64-bit ISAs; the size must match it.
            Statfs64 | Fstatfs64 if a[1] != self.target.statfs_size() as u64 => Err(libc::EINVAL),
            Statfs64 => self.sys_statfs(Some(a[0]), 0, a[2]),
            Fstatfs64 => self.sys_statfs(None, a[0], a[2]),
            Getdents64 => self.sys_getdents64(a[0], a[1], a[2]),
            Access => self.sys_faccessat(libc::AT_FDCWD as u64, a[0], a[1], 0),
            Faccessat => self.sys_faccessat(a[0], a[1], a[2], 0),
            Faccessat2 => self.sys_faccessat(a[0], a[1], a[2], a[3]),
            Getcwd => self.sys_getcwd(a[0], a[1]),
            Chdir => {
                let p = self.path(a[0])?;
                host(unsafe { libc::chdir(p.as_ptr()) } as i64)
            }
            Fchdir => host(unsafe { libc::fchdir(a[0] as i32) } as i64),
            Chroot => {
                let p = self.path(a[0])?;
                host(unsafe { libc::chroot(p.as_ptr()) } as i64)
            }
            Mkdir => self.sys_mkdirat(libc::AT_FDCWD as u64, a[0], a[1]),
            Mkdirat => self.sys_mkdirat(a[0], a[1], a[2]),
            Mknod => self.sys_mknodat(libc::AT_FDCWD as u64, a[0], a[1], a[2]),
            Mknodat => self.sys_mknodat(a[0], a[1], a[2], a[3]),
            Rmdir => self.sys_unlinkat(libc::AT_FDCWD as u64, a[0], libc::AT_REMOVEDIR as u64),
            Unlink => self.sys_unlinkat(libc::AT_FDCWD as u64, a[0], 0),
            Unlinkat => self.sys_unlinkat(a[0], a[1], a[2]),
            Rename => self.sys_renameat2(libc::AT_FDCWD as u64, a[0], libc::AT_FDCWD as u64, a[1], 0),
            Renameat => self.sys_renameat2(a[0], a[1], a[2], a[3], 0),
            Renameat2 => self.sys_renameat2(a[0], a[1], a[2], a[3], a[4]),
            Link => self.sys_linkat(libc::AT_FDCWD as u64, a[0], libc::AT_FDCWD as u64, a[1], 0),
            Linkat => self.sys_linkat(a[0], a[1], a[2], a[3], a[4]),
            Symlink => self.sys_symlinkat(a[0], libc::AT_FDCWD as u64, a[1]),
            Symlinkat => self.sys_symlinkat(a[0], a[1], a[2]),
            Readlink => self.sys_readlinkat(libc::AT_FDCWD as u64, a[0], a[1], a[2]),
            Readlinkat => self.sys_readlinkat(a[0], a[1], a[2], a[3]),
            Chmod => self.sys_fchmodat(libc::AT_FDCWD as u64, a[0], a[1]),
            Fchmod => host(unsafe { libc::fchmod(a[0] as i32, a[1] as u32) } as i64),
            Fchmodat => self.sys_fchmodat(a[0], a[1], a[2]),
            Chown => self.sys_fchownat(libc::AT_FDCWD as u64, a[0], a[1], a[2], 0),
            Lchown => self.sys_fchownat(libc::AT_FDCWD as u64, a[0], a[1], a[2], libc::AT_SYMLINK_NOFOLLOW as u64),
            Fchown => host(unsafe { libc::fchown(a[0] as i32, a[1] as u32, a[2] as u32) } as i64),
            Fchownat => self.sys_fchownat(a[0], a[1], a[2], a[3], a[4]),
            Utimensat => self.sys_utimensat(a[0], a[1], a[2], a[3]),
            Umask => Ok(unsafe { libc::umask(a[0] as u32 & 0o777) } as u64),
            Truncate => {
                let p = self.path(a[0])?;
                host(unsafe { libc::truncate(p.as_ptr(), a[1] as i64) } as i64)
            }
            Ftruncate => host(unsafe { libc::ftruncate(a[0] as i32, a[1] as i64) } as i64),
            // ---- waiting for files ----
            Poll => self.sys_ppoll(a[0], a[1], None, 0, a[2] as i32),
            Ppoll => self.sys_ppoll(a[0], a[1], Some(a[2]), a[3], -1),
            Select => self.sys_select(a[0], a[1], a[2], a[3], a[4], None),
            Pselect6 => self.sys_select(a[0], a[1], a[2], a[3], a[4], Some(a[5])),
            // ---- memory ----
            Brk => Ok(self.mem.guest_brk(a[0])),
            Mmap => self.sys_mmap(a[0], a[1], a[2], a[3], a[4], a[5]),
            OldMmap => {
                let b = self.mem.read_vec(a[0], 48)?;
                let mut r = super::layout::Reader::new(&b, self.mem.big_endian());
                let m: [u64; 6] = std::array::from_fn(|_| r.u64());
                // The offset is in bytes and must be page-aligned (sys_old_mmap).
                if m[5] & 0xfff != 0 {
                    return Err(libc::EINVAL);
                }
                self.sys_mmap(m[0], m[1], m[2], m[3], m[4], m[5])
            }
            Munmap => self.mem.guest_munmap(a[0], a[1]).map(|_| 0),
            Mprotect => self.sys_mprotect(a[0], a[1], a[2]),
            Mremap => self.sys_mremap(a[0], a[1], a[2], a[3], a[4]),
            Madvise => self.sys_madvise(a[0], a[1], a[2]),
            Msync => self.sys_msync(a[0], a[1], a[2]),
            Mlock | Munlock | Mlockall | Munlockall => Ok(0),
            // ---- time ----
            ClockGettime => self.sys_clock_gettime(a[0], a[1], false),
            ClockGetres => self.sys_clock_gettime(a[0], a[1], true),
            ClockNanosleep => self.sys_clock_nanosleep(a[0] as i32, a[1] as i32, a[2], a[3]),
            Nanosleep => self.sys_clock_nanosleep(libc::CLOCK_REALTIME, 0, a[0], a[1]),
            Gettimeofday => self.sys_gettimeofday(a[0], a[1]),
            Time => self.sys_time(a[0]),
            Times => self.sys_times(a[0]),
            Getrusage => self.sys_getrusage(a[0], a[1]),
            Alarm => Ok(unsafe { libc::alarm(a[0] as u32) } as u64),
            Getitimer => self.sys_itimer(a[0], 0, a[1]),
            Setitimer => self.sys_itimer(a[0], a[1], a[2]),
            // ---- process identity and limits ----
            Getpid => Ok(unsafe { libc::getpid() } as u64),
            Getppid => Ok(unsafe { libc::getppid() } as u64),
            Gettid => Ok(unsafe { libc::gettid() } as u64),
            Getuid => Ok(unsafe { libc::getuid() } as u64),
            Geteuid => Ok(unsafe { libc::geteuid() } as u64),
            Getgid => Ok(unsafe { libc::getgid() } as u64),
            Getegid => Ok(unsafe { libc::getegid() } as u64),
            Getresuid => self.sys_getres(a[0], a[1], a[2], true),
            Getresgid => self.sys_getres(a[0], a[1], a[2], false),
            Getgroups => self.sys_getgroups(a[0], a[1]),
            Setgroups => self.sys_setgroups(a[0], a[1]),
            Setuid => host(unsafe { libc::syscall(libc::SYS_setuid, a[0] as u32) }),
            Setgid => host(unsafe { libc::syscall(libc::SYS_setgid, a[0] as u32) }),
            Setreuid => host(unsafe { libc::syscall(libc::SYS_setreuid, a[0] as u32, a[1] as u32) }),
            Setregid => host(unsafe { libc::syscall(libc::SYS_setregid, a[0] as u32, a[1] as u32) }),
            Setresuid => host(unsafe { libc::syscall(libc::SYS_setresuid, a[0] as u32, a[1] as u32, a[2] as u32) }),
            Setresgid => host(unsafe { libc::syscall(libc::SYS_setresgid, a[0] as u32, a[1] as u32, a[2] as u32) }),
            Setfsuid => Ok(unsafe { libc::syscall(libc::SYS_setfsuid, a[0] as u32) } as u64),
            Setfsgid => Ok(unsafe { libc::syscall(libc::SYS_setfsgid, a[0] as u32) } as u64),
            Getpgid => host(unsafe { libc::getpgid(a[0] as i32) } as i64),
            Setpgid => host(unsafe { libc::setpgid(a[0] as i32, a[1] as i32) } as i64),
            Getpgrp => host(unsafe { libc::getpgrp() } as i64),
            Setsid => host(unsafe { libc::setsid() } as i64),
            Getsid => host(unsafe { libc::getsid(a[0] as i32) } as i64),
            // The raw call returns 20 - nice, as the kernel's does.
            Getpriority => host(unsafe { libc::syscall(libc::SYS_getpriority, a[0] as i32, a[1] as i32) }),
            Setpriority => host(unsafe { libc::setpriority(a[0] as u32, a[1] as u32, a[2] as i32) } as i64),
            Uname => self.sys_uname(a[0]),
            Sethostname => {
                let name = self.mem.read_vec(a[0], (a[1] as usize).min(64))?;
                host(unsafe { libc::sethostname(name.as_ptr() as *const libc::c_char, name.len()) } as i64)
            }
            Sysinfo => self.sys_sysinfo(a[0]),
            Prlimit64 => self.sys_prlimit64(a[0], a[1], a[2], a[3]),
            Getrlimit => self.sys_prlimit64(0, a[0], 0, a[1]),
            Setrlimit => self.sys_prlimit64(0, a[0], a[1], 0),
            Prctl => self.sys_prctl(a[0], a[1], a[2], a[3], a[4]),
            Personality => Ok(0),
            Getcpu => self.sys_getcpu(a[0], a[1]),
            SchedGetaffinity => self.sys_sched_getaffinity(a[0], a[1], a[2]),
            SchedSetaffinity => self.sys_sched_setaffinity(a[0], a[1], a[2]),
            SchedYield => host(unsafe { libc::sched_yield() } as i64),
            SchedGetscheduler => host(unsafe { libc::sched_getscheduler(a[0] as i32) } as i64),
            SchedGetparam => {
                let mut p = libc::sched_param { sched_priority: 0 };
                host(unsafe { libc::sched_getparam(a[0] as i32, &mut p) } as i64)?;
                self.mem.write_u32(a[1], p.sched_priority as u32)?;
                Ok(0)
            }
            SchedGetPriorityMax => host(unsafe { libc::sched_get_priority_max(a[0] as i32) } as i64),
            SchedGetPriorityMin => host(unsafe { libc::sched_get_priority_min(a[0] as i32) } as i64),
            Getrandom => {
                let p = self.mem.host_ptr(a[0], a[1], true)?;
                host(unsafe { libc::getrandom(p as *mut libc::c_void, a[1] as usize, a[2] as u32) } as i64)
            }
            SetTidAddress => {
                self.clear_child_tid = a[0];
                Ok(unsafe { libc::gettid() } as u64)
            }
            SetRobustList => {
                if a[1] != 24 {
                    return Err(libc::EINVAL);
                }
                self.robust_list = (a[0], a[1]);
                Ok(0)
            }
            GetRobustList => {
                if a[0] != 0 && a[0] as i32 != unsafe { libc::gettid() } {
                    return Err(libc::EPERM);
                }
                self.mem.write_u64(a[1], self.robust_list.0)?;
                self.mem.write_u64(a[2], self.robust_list.1)?;
                Ok(0)
            }
            Rseq => Err(libc::ENOSYS),
            Futex => self.sys_futex(a),
            Capget => self.sys_capget(a[0], a[1]),
            // ---- process lifetime ----
            Exit => self.sys_exit(a[0]),
            ExitGroup => self.sys_exit_group(a[0]),
            Fork => self.sys_clone(libc::SIGCHLD as u64, 0, 0, 0, 0),
            Vfork => self.sys_clone((libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD) as u64, 0, 0, 0, 0),
            Clone => {
                let c = self.target.clone_args(a);
                self.sys_clone(c.flags, c.newsp, c.parent_tid, c.child_tid, c.tls)
            }
            Clone3 => Err(libc::ENOSYS),
            Execve => self.sys_execve(a[0], a[1], a[2]),
            Wait4 => self.sys_wait4(a[0], a[1], a[2], a[3]),
            Waitpid => self.sys_wait4(a[0], a[1], a[2], 0),
            Waitid => self.sys_waitid(a[0], a[1], a[2], a[3], a[4]),
            // ---- signals ----
            Kill => self.sys_kill(a[0], a[1]),
            Tkill => self.sys_tgkill(u64::MAX, a[0], a[1]),
            Tgkill => self.sys_tgkill(a[0], a[1], a[2]),
            RtSigaction => self.sys_rt_sigaction(a[0], a[1], a[2], a[3]),
            RtSigprocmask => self.sys_rt_sigprocmask(a[0], a[1], a[2], a[3]),
            RtSigpending => self.sys_rt_sigpending(a[0], a[1]),
            RtSigsuspend => self.sys_rt_sigsuspend(a[0], a[1]),
            RtSigtimedwait => self.sys_rt_sigtimedwait(a[0], a[1], a[2], a[3]),
            RtSigreturn | Sigreturn => unreachable!("sigreturn is handled before dispatch"),
            Sigaltstack => self.sys_sigaltstack(a[0], a[1]),
            Pause => {
                unsafe { libc::pause() };
                Err(libc::EINTR)
            }
        }
    }

    // ---- helpers for the implementations ----

    /// A path argument: the guest string, with `/proc/self/exe` (and `/proc/PID/exe` of this
    /// process) meaning the guest executable rather than the emulator.
    pub fn path(&self, addr: u64) -> Result<CString, i32> {
        let s = self.mem.read_cstr(addr, PATH_MAX)?;
        let s = self.rewrite_path(s);
        CString::new(s).map_err(|_| libc::EINVAL)
    }

    /// Like [`Self::path`], but NULL is allowed (→ `None`).
    pub fn opt_path(&self, addr: u64) -> Result<Option<CString>, i32> {
        if addr == 0 { Ok(None) } else { self.path(addr).map(Some) }
    }

    /// The host path for a guest path: `/proc/self/exe` names the guest executable, and with
    /// `-L SYSROOT` an absolute path that exists inside the sysroot means that file (so the
    /// dynamic loader finds the guest's libraries; `/proc`, `/tmp`, ... stay the host's).
    pub fn rewrite_path(&self, s: Vec<u8>) -> Vec<u8> {
        // SAFETY: getpid never fails.
        let own = format!("/proc/{}/exe", unsafe { libc::getpid() });
        if s == b"/proc/self/exe" || s == own.as_bytes() || s == b"/proc/thread-self/exe" {
            return self.exe.clone().into_bytes();
        }
        if let Some(p) = self.opts.sysroot.as_deref().and_then(|root| super::process::sysroot_resolve(root, &s)) {
            return p;
        }
        s
    }
}
