//! The guest-neutral list of Linux system calls the user-mode layer knows: one row per call
//! with its kernel name and how `-strace` prints each argument.
//!
//! ISAs number system calls differently; each ISA module lists its kernel's `syscall.tbl`
//! (number → name), and [`Sys::from_name`] connects those names to these rows. A call an ISA
//! names but no row here covers is reported as unimplemented (`ENOSYS`, logged once).

/// How `-strace` prints an argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arg {
    /// Signed decimal.
    I,
    /// Unsigned decimal.
    U,
    /// Hexadecimal.
    X,
    /// A pointer (`NULL` or hex).
    P,
    /// A NUL-terminated string.
    S,
    /// A file descriptor.
    Fd,
    /// A directory descriptor of the `*at` calls (`AT_FDCWD`).
    AtFd,
    /// `open` flags.
    OFlags,
    /// An octal mode.
    Mode,
    /// `mmap`/`mprotect` protection.
    Prot,
    /// `mmap` flags.
    MapFlags,
    /// A signal number.
    Sig,
    /// A NULL-terminated array of string pointers (execve's argv).
    Argv,
}

macro_rules! syscalls {
    ($($v:ident $name:literal [$($a:ident),*];)*) => {
        /// A guest system call, independent of its number on any ISA.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum Sys { $($v),* }

        impl Sys {
            pub const ALL: &'static [Sys] = &[$(Sys::$v),*];
            /// The kernel's name for the call.
            pub fn name(self) -> &'static str {
                match self { $(Sys::$v => $name),* }
            }
            /// How `-strace` prints the arguments (also how many there are).
            pub fn args(self) -> &'static [Arg] {
                match self { $(Sys::$v => &[$(Arg::$a),*]),* }
            }
        }
    };
}

syscalls! {
    // ---- files: reading and writing ----
    Read "read" [Fd, P, U];
    Write "write" [Fd, P, U];
    Readv "readv" [Fd, P, U];
    Writev "writev" [Fd, P, U];
    Pread64 "pread64" [Fd, P, U, I];
    Pwrite64 "pwrite64" [Fd, P, U, I];
    Preadv "preadv" [Fd, P, U, I];
    Pwritev "pwritev" [Fd, P, U, I];
    Open "open" [S, OFlags, Mode];
    Openat "openat" [AtFd, S, OFlags, Mode];
    Creat "creat" [S, Mode];
    Close "close" [Fd];
    Lseek "lseek" [Fd, I, U];
    Llseek "_llseek" [Fd, U, U, P, U];
    Sendfile "sendfile" [Fd, Fd, P, U];
    Fadvise64 "fadvise64" [Fd, I, I, I];
    Fallocate "fallocate" [Fd, X, I, I];
    Flock "flock" [Fd, X];
    Dup "dup" [Fd];
    Dup2 "dup2" [Fd, Fd];
    Dup3 "dup3" [Fd, Fd, OFlags];
    Fcntl "fcntl" [Fd, I, X];
    Pipe "pipe" [P];
    Pipe2 "pipe2" [P, OFlags];
    Ioctl "ioctl" [Fd, X, X];
    Fsync "fsync" [Fd];
    Fdatasync "fdatasync" [Fd];
    Sync "sync" [];
    MemfdCreate "memfd_create" [S, X];
    // ---- files: metadata and directories ----
    Stat "stat" [S, P];
    Lstat "lstat" [S, P];
    Fstat "fstat" [Fd, P];
    Newfstatat "newfstatat" [AtFd, S, P, X];
    Statx "statx" [AtFd, S, X, X, P];
    Statfs "statfs" [S, P];
    Fstatfs "fstatfs" [Fd, P];
    Statfs64 "statfs64" [S, U, P];
    Fstatfs64 "fstatfs64" [Fd, U, P];
    Getdents64 "getdents64" [Fd, P, U];
    Access "access" [S, Mode];
    Faccessat "faccessat" [AtFd, S, Mode];
    Faccessat2 "faccessat2" [AtFd, S, Mode, X];
    Getcwd "getcwd" [P, U];
    Chdir "chdir" [S];
    Fchdir "fchdir" [Fd];
    Chroot "chroot" [S];
    Mkdir "mkdir" [S, Mode];
    Mkdirat "mkdirat" [AtFd, S, Mode];
    Mknod "mknod" [S, Mode, X];
    Mknodat "mknodat" [AtFd, S, Mode, X];
    Rmdir "rmdir" [S];
    Unlink "unlink" [S];
    Unlinkat "unlinkat" [AtFd, S, X];
    Rename "rename" [S, S];
    Renameat "renameat" [AtFd, S, AtFd, S];
    Renameat2 "renameat2" [AtFd, S, AtFd, S, X];
    Link "link" [S, S];
    Linkat "linkat" [AtFd, S, AtFd, S, X];
    Symlink "symlink" [S, S];
    Symlinkat "symlinkat" [S, AtFd, S];
    Readlink "readlink" [S, P, U];
    Readlinkat "readlinkat" [AtFd, S, P, U];
    Chmod "chmod" [S, Mode];
    Fchmod "fchmod" [Fd, Mode];
    Fchmodat "fchmodat" [AtFd, S, Mode];
    Chown "chown" [S, I, I];
    Fchown "fchown" [Fd, I, I];
    Lchown "lchown" [S, I, I];
    Fchownat "fchownat" [AtFd, S, I, I, X];
    Utimensat "utimensat" [AtFd, S, P, X];
    Umask "umask" [Mode];
    Truncate "truncate" [S, I];
    Ftruncate "ftruncate" [Fd, I];
    // ---- waiting for files ----
    Poll "poll" [P, U, I];
    Ppoll "ppoll" [P, U, P, P, U];
    Select "_newselect" [I, P, P, P, P];
    Pselect6 "pselect6" [I, P, P, P, P, P];
    // ---- memory ----
    Brk "brk" [X];
    Mmap "mmap" [X, U, Prot, MapFlags, Fd, X];
    // s390x's `mmap` (`sys_old_mmap`): the six arguments in memory (struct
    // mmap_arg_struct, six longs) at the first one.
    OldMmap "old_mmap" [P];
    Munmap "munmap" [X, U];
    Mprotect "mprotect" [X, U, Prot];
    Mremap "mremap" [X, U, U, X, X];
    Madvise "madvise" [X, U, I];
    Msync "msync" [X, U, X];
    Mlock "mlock" [X, U];
    Munlock "munlock" [X, U];
    Mlockall "mlockall" [X];
    Munlockall "munlockall" [];
    // ---- time ----
    ClockGettime "clock_gettime" [I, P];
    ClockGetres "clock_getres" [I, P];
    ClockNanosleep "clock_nanosleep" [I, X, P, P];
    Gettimeofday "gettimeofday" [P, P];
    Time "time" [P];
    Nanosleep "nanosleep" [P, P];
    Times "times" [P];
    Getrusage "getrusage" [I, P];
    Alarm "alarm" [U];
    Getitimer "getitimer" [I, P];
    Setitimer "setitimer" [I, P, P];
    // ---- process identity and limits ----
    Getpid "getpid" [];
    Getppid "getppid" [];
    Gettid "gettid" [];
    Getuid "getuid" [];
    Geteuid "geteuid" [];
    Getgid "getgid" [];
    Getegid "getegid" [];
    Getresuid "getresuid" [P, P, P];
    Getresgid "getresgid" [P, P, P];
    Getgroups "getgroups" [I, P];
    Setgroups "setgroups" [I, P];
    Setuid "setuid" [I];
    Setgid "setgid" [I];
    Setreuid "setreuid" [I, I];
    Setregid "setregid" [I, I];
    Setresuid "setresuid" [I, I, I];
    Setresgid "setresgid" [I, I, I];
    Setfsuid "setfsuid" [I];
    Setfsgid "setfsgid" [I];
    Getpgid "getpgid" [I];
    Setpgid "setpgid" [I, I];
    Getpgrp "getpgrp" [];
    Setsid "setsid" [];
    Getsid "getsid" [I];
    Getpriority "getpriority" [I, I];
    Setpriority "setpriority" [I, I, I];
    Uname "uname" [P];
    Sethostname "sethostname" [S, U];
    Sysinfo "sysinfo" [P];
    Prlimit64 "prlimit64" [I, I, P, P];
    Getrlimit "ugetrlimit" [I, P];
    Setrlimit "setrlimit" [I, P];
    Prctl "prctl" [I, X, X, X, X];
    Personality "personality" [X];
    Getcpu "getcpu" [P, P, P];
    SchedGetaffinity "sched_getaffinity" [I, U, P];
    SchedSetaffinity "sched_setaffinity" [I, U, P];
    SchedYield "sched_yield" [];
    SchedGetscheduler "sched_getscheduler" [I];
    SchedGetparam "sched_getparam" [I, P];
    SchedGetPriorityMax "sched_get_priority_max" [I];
    SchedGetPriorityMin "sched_get_priority_min" [I];
    Getrandom "getrandom" [P, U, X];
    SetTidAddress "set_tid_address" [P];
    SetRobustList "set_robust_list" [P, U];
    GetRobustList "get_robust_list" [I, P, P];
    Rseq "rseq" [P, U, X, X];
    Futex "futex" [P, I, X, P, P, X];
    Capget "capget" [P, P];
    // ---- process lifetime ----
    Exit "exit" [I];
    ExitGroup "exit_group" [I];
    Fork "fork" [];
    Vfork "vfork" [];
    Clone "clone" [X, X, P, P, P];
    Clone3 "clone3" [P, U];
    Execve "execve" [S, Argv, P];
    Wait4 "wait4" [I, P, X, P];
    Waitpid "waitpid" [I, P, X];
    Waitid "waitid" [I, I, P, X, P];
    // ---- signals ----
    Kill "kill" [I, Sig];
    Tkill "tkill" [I, Sig];
    Tgkill "tgkill" [I, I, Sig];
    RtSigaction "rt_sigaction" [Sig, P, P, U];
    RtSigprocmask "rt_sigprocmask" [I, P, P, U];
    RtSigpending "rt_sigpending" [P, U];
    RtSigsuspend "rt_sigsuspend" [P, U];
    RtSigtimedwait "rt_sigtimedwait" [P, P, P, U];
    RtSigreturn "rt_sigreturn" [];
    Sigreturn "sigreturn" [];
    Sigaltstack "sigaltstack" [P, P];
    Pause "pause" [];
}

impl Sys {
    /// The row for a kernel syscall name (as in an ISA's `syscall.tbl`).
    pub fn from_name(name: &str) -> Option<Sys> {
        let name = match name {
            "getrlimit" => "ugetrlimit",
            "select" => "_newselect",
            "fstatat64" => "newfstatat",
            other => other,
        };
        Sys::ALL.iter().copied().find(|s| s.name() == name)
    }
}

/// Builds the number → call table of an ISA from its `(number, name)` list.
pub fn number_table(names: &[(u32, &'static str)]) -> Vec<Option<Sys>> {
    let max = names.iter().map(|(n, _)| *n).max().unwrap_or(0) as usize;
    let mut t = vec![None; max + 1];
    for &(n, name) in names {
        t[n as usize] = Sys::from_name(name);
    }
    t
}
