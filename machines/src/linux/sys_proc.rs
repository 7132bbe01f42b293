//! Process system calls: exit, fork/clone, execve, wait, identity, limits, scheduling,
//! futex, and time.
//!
//! `fork`, `vfork` and `clone` without `CLONE_VM` (or with `CLONE_VM|CLONE_VFORK`) are a host
//! `fork()`: the child host process carries on running the guest from the same state — the
//! whole emulator lives in the process, so it is copied with it. `execve` of a guest program
//! re-executes this emulator binary on it (with the same options), so the process keeps its
//! PID, descriptors, signal mask and ignored signals, as a native exec does.

use super::layout::{self, Reader, Writer};
use super::loader::{self, Program};
use super::process::{sysroot_path, Process, ThreadStart};
use super::signal::host;
use super::syscall::SysResult;
use super::target::Target;
use std::ffi::CString;
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

const CLONE_VM: u64 = 0x100;
const CLONE_VFORK: u64 = 0x4000;
const CLONE_SIGHAND: u64 = 0x800;
const CLONE_THREAD: u64 = 0x10000;
const CLONE_SETTLS: u64 = 0x80000;
const CLONE_PARENT_SETTID: u64 = 0x100000;
const CLONE_CHILD_CLEARTID: u64 = 0x200000;
const CLONE_CHILD_SETTID: u64 = 0x1000000;

/// Exit status of the thread-group leader if it ended with `exit` while other threads went
/// on (-1: it has not): the process's status when the last thread ends, as on Linux.
static LEADER_STATUS: AtomicI32 = AtomicI32::new(-1);

/// Most guest threads alive at once (each has its own engine and code buffer).
const MAX_THREADS: usize = 200;

impl<T: Target> Process<T> {
    pub fn sys_exit_group(&mut self, status: u64) -> SysResult {
        if self.opts.log.stats {
            jit::log::write(&self.engine.stats_report());
        }
        std::process::exit(status as i32 & 0xff)
    }

    /// `exit`: ends this thread; the last one to end ends the process.
    pub fn sys_exit(&mut self, status: u64) -> SysResult {
        let status = status as i32 & 0xff;
        // From here on signals for the process must go to the threads that remain: once
        // clear_child_tid wakes a joiner, the guest may signal the process, and the host
        // must not pick this dying thread for it.
        // SAFETY: blocks signals for this host thread only.
        unsafe {
            let mut all: libc::sigset_t = std::mem::zeroed();
            libc::sigfillset(&mut all);
            libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
        }
        self.release_robust_futexes();
        if self.clear_child_tid != 0 {
            // As the kernel's mm_release: zero the word and wake one waiter (pthread_join).
            if self.mem.write_u32(self.clear_child_tid, 0).is_ok() {
                if let Ok(p) = self.mem.host_ptr(self.clear_child_tid, 4, false) {
                    // SAFETY: a checked guest word.
                    unsafe { libc::syscall(libc::SYS_futex, p, libc::FUTEX_WAKE, 1, 0, 0, 0) };
                }
            }
        }
        if self.mem.remove_watcher(self.tid) == 0 {
            let leader = LEADER_STATUS.load(Ordering::SeqCst);
            return self.sys_exit_group(if leader >= 0 { leader } else { status } as u64);
        }
        // SAFETY: plain call.
        if self.tid == unsafe { libc::getpid() } {
            LEADER_STATUS.store(status, Ordering::SeqCst);
        }
        self.exit_status = Some(status);
        Ok(0)
    }

    /// The robust futex list (set_robust_list) at thread exit, as the kernel's
    /// `exit_robust_list`: every lock still held by this thread gets FUTEX_OWNER_DIED and
    /// one waiter is woken.
    fn release_robust_futexes(&mut self) {
        const FUTEX_WAITERS: u32 = 0x8000_0000;
        const FUTEX_OWNER_DIED: u32 = 0x4000_0000;
        const FUTEX_TID_MASK: u32 = 0x3fff_ffff;
        let head = self.robust_list.0;
        if head == 0 {
            return;
        }
        let (Ok(mut entry), Ok(offset), Ok(pending)) =
            (self.mem.read_u64(head), self.mem.read_u64(head + 8), self.mem.read_u64(head + 16))
        else {
            return;
        };
        let release = |entry: u64| {
            // Bit 0 of an entry pointer marks a PI futex; the word is at entry + offset.
            let word = (entry & !1).wrapping_add(offset);
            if word % 4 != 0 {
                return;
            }
            let Ok(p) = self.mem.host_ptr(word, 4, true) else { return };
            // SAFETY: a checked, aligned guest word; other threads access it atomically.
            let a = unsafe { AtomicU32::from_ptr(p as *mut u32) };
            let be = self.mem.big_endian();
            let conv = |v: u32| if be { v.swap_bytes() } else { v };
            loop {
                let cur = conv(a.load(Ordering::SeqCst));
                if cur & FUTEX_TID_MASK != self.tid as u32 {
                    return;
                }
                let new = (cur & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
                if a.compare_exchange(conv(cur), conv(new), Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                    if cur & FUTEX_WAITERS != 0 {
                        // SAFETY: wakes waiters on a checked guest word.
                        unsafe { libc::syscall(libc::SYS_futex, p, libc::FUTEX_WAKE, 1, 0, 0, 0) };
                    }
                    return;
                }
            }
        };
        // The kernel's bound on the walk (ROBUST_LIST_LIMIT), so a cyclic list ends.
        for _ in 0..2048 {
            if entry == head {
                break;
            }
            let Ok(next) = self.mem.read_u64(entry & !1) else { break };
            if entry != pending {
                release(entry);
            }
            entry = next;
        }
        if pending != 0 {
            release(pending);
        }
    }

    /// `clone` with CLONE_VM|CLONE_THREAD: a new guest thread on a new host thread.
    fn clone_thread(&mut self, flags: u64, newsp: u64, parent_tid: u64, child_tid: u64, tls: u64) -> SysResult {
        if flags & (CLONE_THREAD | CLONE_SIGHAND) != (CLONE_THREAD | CLONE_SIGHAND) {
            // Threads share dispositions; a separate process sharing memory is not supported.
            self.unsupported(u64::MAX - 2, &format!("clone with CLONE_VM but not CLONE_THREAD|CLONE_SIGHAND (flags {flags:#x}) is not supported (EINVAL)"));
            return Err(libc::EINVAL);
        }
        if self.mem.thread_count() >= MAX_THREADS {
            return Err(libc::EAGAIN);
        }
        let mut cpu = self.target.clone_cpu(&self.cpu);
        self.target.set_syscall_result(&mut cpu, Ok(0));
        if newsp != 0 {
            self.target.set_stack_pointer(&mut cpu, newsp);
        }
        if flags & CLONE_SETTLS != 0 {
            self.target.set_tls(&mut cpu, tls);
        }
        let start = ThreadStart {
            target: self.target.clone(),
            mem: self.mem.clone(),
            cpu,
            opts: self.opts.clone(),
            exe: self.exe.clone(),
            image: self.image.clone(),
            signals: self.signals.for_thread(),
            clear_child_tid: if flags & CLONE_CHILD_CLEARTID != 0 { child_tid } else { 0 },
        };
        let (tx, rx) = std::sync::mpsc::channel::<i32>();
        let spawned = std::thread::Builder::new()
            .name("bigiron-guest".into())
            .stack_size(16 << 20)
            .spawn(move || {
                // SAFETY: no arguments, cannot fail.
                let tid = unsafe { libc::gettid() };
                // Registered before clone returns, so no invalidation after it is missed.
                start.mem.add_watcher(tid, std::ptr::null_mut());
                // The tid words are written before either thread runs guest code again (the
                // kernel writes them in copy_process): glibc's new thread reads its own tid
                // from the parent's word.
                if flags & CLONE_PARENT_SETTID != 0 {
                    let _ = start.mem.write_u32(parent_tid, tid as u32);
                }
                if flags & CLONE_CHILD_SETTID != 0 {
                    let _ = start.mem.write_u32(child_tid, tid as u32);
                }
                let mut p = Process::for_thread(start);
                if tx.send(tid).is_err() {
                    return;
                }
                let _ = p.run_thread();
            });
        if spawned.is_err() {
            return Err(libc::EAGAIN);
        }
        rx.recv().map(|tid| tid as u64).map_err(|_| libc::EAGAIN)
    }

    pub fn sys_clone(&mut self, flags: u64, newsp: u64, parent_tid: u64, child_tid: u64, tls: u64) -> SysResult {
        if flags & CLONE_VM != 0 && flags & CLONE_VFORK == 0 {
            return self.clone_thread(flags, newsp, parent_tid, child_tid, tls);
        }
        if flags & (CLONE_THREAD | CLONE_SIGHAND) != 0 {
            return Err(libc::EINVAL);
        }
        // vfork: the parent waits until the child has exec'd or exited, as with a real vfork
        // (memory is copied, not shared). The child holds the write end of a close-on-exec
        // pipe; the parent reads until it closes.
        let vfork_pipe = if flags & CLONE_VFORK != 0 { vfork_pipe() } else { None };
        // The compile thread would not survive the fork: stop it, fork, restart it in both.
        self.engine.before_fork();
        // SAFETY: with the compile thread stopped the emulator is single-threaded, so the
        // child is a complete copy.
        let pid = host(unsafe { libc::fork() } as i64);
        self.engine.after_fork();
        if let Some((r, w)) = vfork_pipe {
            // SAFETY: our own descriptors.
            unsafe {
                if pid == Ok(0) {
                    libc::close(r);
                } else {
                    libc::close(w);
                    let mut b = 0u8;
                    while libc::read(r, &mut b as *mut u8 as *mut libc::c_void, 1) < 0
                        && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR)
                    {}
                    libc::close(r);
                }
            }
        }
        let pid = pid?;
        if pid == 0 {
            // SAFETY: plain call.
            let me = unsafe { libc::getpid() } as u32;
            // Only the forking thread lives on in the child.
            self.mem.after_fork_child(self.tid, me as i32);
            self.tid = me as i32;
            if flags & (CLONE_CHILD_SETTID | CLONE_PARENT_SETTID) != 0 {
                let at = if flags & CLONE_CHILD_SETTID != 0 { child_tid } else { parent_tid };
                let _ = self.mem.write_u32(at, me);
            }
            if flags & CLONE_CHILD_CLEARTID != 0 {
                self.clear_child_tid = child_tid;
            }
            if newsp != 0 {
                self.target.set_stack_pointer(&mut self.cpu, newsp);
            }
            if flags & CLONE_SETTLS != 0 {
                self.target.set_tls(&mut self.cpu, tls);
            }
            return Ok(0);
        }
        if flags & CLONE_PARENT_SETTID != 0 {
            let _ = self.mem.write_u32(parent_tid, pid as u32);
        }
        Ok(pid)
    }

    /// Reads a NULL-terminated array of string pointers.
    fn read_strv(&self, addr: u64) -> Result<Vec<Vec<u8>>, i32> {
        // Linux allows a quarter of the stack limit (2 MiB by default) for all strings.
        const ARG_MAX: usize = 2 << 20;
        let mut out = Vec::new();
        if addr == 0 {
            return Ok(out);
        }
        let mut total = 0;
        for i in 0u64.. {
            let p = self.mem.read_u64(addr.wrapping_add(8 * i))?;
            if p == 0 {
                break;
            }
            let s = self.mem.read_cstr(p, 128 << 10).map_err(|_| libc::EFAULT)?;
            total += s.len() + 1 + 8;
            if total > ARG_MAX {
                return Err(libc::E2BIG);
            }
            out.push(s);
        }
        Ok(out)
    }

    /// Whether `file` can be executed as a guest program: the errors execve would give.
    fn check_exec(&self, file: &[u8]) -> Result<(), i32> {
        let c = CString::new(file).map_err(|_| libc::EINVAL)?;
        // SAFETY: plain calls on a NUL-terminated path.
        host(unsafe { libc::access(c.as_ptr(), libc::X_OK) } as i64)?;
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        host(unsafe { libc::stat(c.as_ptr(), &mut st) } as i64)?;
        if st.st_mode & libc::S_IFMT != libc::S_IFREG {
            return Err(libc::EACCES);
        }
        let path = String::from_utf8_lossy(file).into_owned();
        let mut head = vec![0u8; 256];
        let n = {
            use std::io::Read;
            let mut f = std::fs::File::open(&path).map_err(|e| e.raw_os_error().unwrap_or(libc::EACCES))?;
            f.read(&mut head).map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?
        };
        head.truncate(n);
        match loader::classify(&path, &head) {
            Ok(Program::Elf) => {
                let t = &self.target;
                if head.len() < 64 {
                    return Err(libc::ENOEXEC);
                }
                loader::check_elf(&path, &head, t.elf_machine(), t.big_endian(), t.name()).map_err(|_| libc::ENOEXEC)
            }
            Ok(Program::Script { interpreter, .. }) => {
                let i = sysroot_path(self.opts.sysroot.as_deref(), &interpreter);
                let ic = CString::new(i).map_err(|_| libc::ENOENT)?;
                // SAFETY: plain call.
                host(unsafe { libc::access(ic.as_ptr(), libc::X_OK) } as i64).map(|_| ())
            }
            Err(_) => Err(libc::ENOEXEC),
        }
    }

    pub fn sys_execve(&mut self, path: u64, argv: u64, envp: u64) -> SysResult {
        let raw = self.mem.read_cstr(path, 4096)?;
        let file = self.rewrite_path(raw);
        let argv = self.read_strv(argv)?;
        let envp = self.read_strv(envp)?;
        self.check_exec(&file)?;

        let mut cmd: Vec<Vec<u8>> = vec![b"bigiron".to_vec(), b"user".to_vec(), self.target.name().as_bytes().to_vec()];
        if let Some(root) = &self.opts.sysroot {
            cmd.extend([b"-L".to_vec(), root.clone().into_bytes()]);
        }
        if let Some(items) = &self.opts.log_items {
            cmd.extend([b"-d".to_vec(), items.clone().into_bytes()]);
        }
        if let Some(f) = &self.opts.log_file {
            cmd.extend([b"-D".to_vec(), f.clone().into_bytes(), b"--log-append".to_vec()]);
        }
        if self.opts.log.strace {
            cmd.push(b"-strace".to_vec());
        }
        cmd.push(b"-0".to_vec());
        cmd.push(argv.first().cloned().unwrap_or_else(|| file.clone()));
        cmd.push(b"--".to_vec());
        cmd.push(file);
        cmd.extend(argv.into_iter().skip(1));

        let to_c = |v: Vec<Vec<u8>>| -> Result<Vec<CString>, i32> {
            v.into_iter().map(|s| CString::new(s).map_err(|_| libc::EINVAL)).collect()
        };
        let cmd = to_c(cmd)?;
        let env = to_c(envp)?;
        let mut cp: Vec<*const libc::c_char> = cmd.iter().map(|c| c.as_ptr()).collect();
        cp.push(std::ptr::null());
        let mut ep: Vec<*const libc::c_char> = env.iter().map(|c| c.as_ptr()).collect();
        ep.push(std::ptr::null());
        let exe = CString::new("/proc/self/exe").unwrap();
        // SAFETY: NULL-terminated arrays of NUL-terminated strings that outlive the call.
        unsafe { libc::execve(exe.as_ptr(), cp.as_ptr(), ep.as_ptr()) };
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::ENOEXEC))
    }

    pub fn sys_wait4(&mut self, pid: u64, status: u64, options: u64, rusage: u64) -> SysResult {
        if status != 0 {
            self.mem.check(status, 4, true)?;
        }
        let mut st = 0;
        // SAFETY: locals.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let r = host(unsafe { libc::wait4(pid as i32, &mut st, options as i32, &mut ru) } as i64)?;
        if r != 0 {
            if status != 0 {
                self.mem.write_u32(status, st as u32)?;
            }
            if rusage != 0 {
                self.mem.write(rusage, &layout::rusage(self.mem.big_endian(), &ru))?;
            }
        }
        Ok(r)
    }

    pub fn sys_waitid(&mut self, idtype: u64, id: u64, infop: u64, options: u64, rusage: u64) -> SysResult {
        // SAFETY: locals.
        let mut si: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let ru_ptr = if rusage != 0 { &mut ru as *mut _ } else { std::ptr::null_mut::<libc::rusage>() };
        host(unsafe { libc::syscall(libc::SYS_waitid, idtype as i32, id as i32, &mut si, options as i32, ru_ptr) })?;
        let be = self.mem.big_endian();
        if infop != 0 {
            // SAFETY: reading the fields the kernel filled in for a child-status siginfo.
            let b = unsafe { layout::siginfo_chld(be, si.si_signo, si.si_code, si.si_pid(), si.si_uid(), si.si_status()) };
            let b = if si.si_signo == 0 { vec![0; 128] } else { b };
            self.mem.write(infop, &b)?;
        }
        if rusage != 0 {
            self.mem.write(rusage, &layout::rusage(be, &ru))?;
        }
        Ok(0)
    }

    // ---- identity ----

    pub fn sys_getres(&mut self, a: u64, b: u64, c: u64, uid: bool) -> SysResult {
        let (mut x, mut y, mut z) = (0u32, 0u32, 0u32);
        // SAFETY: locals.
        if uid {
            host(unsafe { libc::getresuid(&mut x, &mut y, &mut z) } as i64)?;
        } else {
            host(unsafe { libc::getresgid(&mut x, &mut y, &mut z) } as i64)?;
        }
        self.mem.write_u32(a, x)?;
        self.mem.write_u32(b, y)?;
        self.mem.write_u32(c, z)?;
        Ok(0)
    }

    pub fn sys_getgroups(&mut self, size: u64, list: u64) -> SysResult {
        // SAFETY: sizing call, then a local buffer.
        let n = host(unsafe { libc::getgroups(0, std::ptr::null_mut()) } as i64)? as usize;
        if size == 0 {
            return Ok(n as u64);
        }
        if (size as usize) < n {
            return Err(libc::EINVAL);
        }
        let mut g = vec![0 as libc::gid_t; n];
        let n = host(unsafe { libc::getgroups(n as i32, g.as_mut_ptr()) } as i64)? as usize;
        let mut w = Writer::new(self.mem.big_endian());
        for x in &g[..n] {
            w.u32(*x);
        }
        self.mem.write(list, &w.finish())?;
        Ok(n as u64)
    }

    pub fn sys_setgroups(&mut self, size: u64, list: u64) -> SysResult {
        if size > 65536 {
            return Err(libc::EINVAL);
        }
        let b = self.mem.read_vec(list, size as usize * 4)?;
        let mut r = Reader::new(&b, self.mem.big_endian());
        let g: Vec<libc::gid_t> = (0..size).map(|_| r.u32()).collect();
        // SAFETY: a local array.
        host(unsafe { libc::setgroups(g.len(), g.as_ptr()) } as i64)
    }

    pub fn sys_uname(&mut self, buf: u64) -> SysResult {
        // SAFETY: a local struct.
        let mut u: libc::utsname = unsafe { std::mem::zeroed() };
        unsafe { libc::uname(&mut u) };
        let field = |f: &[libc::c_char]| -> Vec<u8> { f.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect() };
        let node = field(&u.nodename);
        let domain = field(&u.domainname);
        let b = layout::utsname([
            b"Linux",
            &node,
            b"6.1.0",
            b"#1 SMP Debian 6.1.0 (bigiron)",
            self.target.uname_machine().as_bytes(),
            &domain,
        ]);
        self.mem.write(buf, &b)?;
        Ok(0)
    }

    pub fn sys_sysinfo(&mut self, buf: u64) -> SysResult {
        // SAFETY: a local struct.
        let mut s: libc::sysinfo = unsafe { std::mem::zeroed() };
        host(unsafe { libc::sysinfo(&mut s) } as i64)?;
        self.mem.write(buf, &layout::sysinfo(self.mem.big_endian(), &s))?;
        Ok(0)
    }

    /// Limits on the emulator's own address space (RLIMIT_AS, RLIMIT_DATA, RLIMIT_STACK) are
    /// not applied to the host process: they would limit the guest reservation and code
    /// cache, not the guest. Those are reported and accepted but not enforced.
    pub fn sys_prlimit64(&mut self, pid: u64, res: u64, new: u64, old: u64) -> SysResult {
        // SAFETY: plain call.
        let own = pid == 0 || pid as i32 == unsafe { libc::getpid() };
        let be = self.mem.big_endian();
        let newl = if new != 0 {
            let b = self.mem.read_vec(new, 16)?;
            let mut r = Reader::new(&b, be);
            Some(libc::rlimit { rlim_cur: r.u64(), rlim_max: r.u64() })
        } else {
            None
        };
        let emulator_only = own && matches!(res as u32, libc::RLIMIT_AS | libc::RLIMIT_DATA | libc::RLIMIT_STACK);
        let mut oldl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: locals.
        if emulator_only {
            host(unsafe { libc::prlimit(0, res as u32, std::ptr::null(), &mut oldl) } as i64)?;
        } else {
            let np = newl.as_ref().map_or(std::ptr::null(), |l| l as *const _);
            host(unsafe { libc::prlimit(pid as i32, res as u32, np, &mut oldl) } as i64)?;
        }
        if old != 0 {
            self.mem.write(old, &layout::rlimit(be, oldl.rlim_cur, oldl.rlim_max))?;
        }
        Ok(0)
    }

    pub fn sys_prctl(&mut self, option: u64, a2: u64, a3: u64, a4: u64, a5: u64) -> SysResult {
        const PR_SET_PDEATHSIG: u64 = 1;
        const PR_GET_PDEATHSIG: u64 = 2;
        const PR_GET_DUMPABLE: u64 = 3;
        const PR_SET_DUMPABLE: u64 = 4;
        const PR_SET_NAME: u64 = 15;
        const PR_GET_NAME: u64 = 16;
        const PR_CAPBSET_READ: u64 = 23;
        const PR_SET_CHILD_SUBREAPER: u64 = 36;
        const PR_GET_CHILD_SUBREAPER: u64 = 37;
        const PR_SET_NO_NEW_PRIVS: u64 = 38;
        const PR_GET_NO_NEW_PRIVS: u64 = 39;
        const PR_SET_VMA: u64 = 0x53564d41;
        const PR_GET_FPEXC: u64 = 11;
        const PR_SET_FPEXC: u64 = 12;
        // SAFETY: prctl with integer arguments or pointers to locals.
        unsafe {
            match option {
                PR_SET_NAME => {
                    let mut name = self.mem.read_cstr(a2, 4096)?;
                    name.truncate(15);
                    let c = CString::new(name).map_err(|_| libc::EINVAL)?;
                    host(libc::prctl(libc::PR_SET_NAME, c.as_ptr()) as i64)
                }
                PR_GET_NAME => {
                    let mut buf = [0u8; 16];
                    host(libc::prctl(libc::PR_GET_NAME, buf.as_mut_ptr()) as i64)?;
                    self.mem.write(a2, &buf)?;
                    Ok(0)
                }
                PR_GET_PDEATHSIG | PR_GET_CHILD_SUBREAPER => {
                    let mut v: libc::c_int = 0;
                    host(libc::prctl(option as i32, &mut v) as i64)?;
                    self.mem.write_u32(a2, v as u32)?;
                    Ok(0)
                }
                PR_SET_PDEATHSIG | PR_GET_DUMPABLE | PR_SET_DUMPABLE | PR_CAPBSET_READ | PR_SET_CHILD_SUBREAPER
                | PR_SET_NO_NEW_PRIVS | PR_GET_NO_NEW_PRIVS => host(libc::prctl(option as i32, a2, a3, a4, a5) as i64),
                PR_SET_VMA => Err(libc::EINVAL),
                PR_GET_FPEXC => {
                    let m = self.target.fp_exc_mode(&mut self.cpu, None)?;
                    self.mem.write_u32(a2, m as u32)?;
                    Ok(0)
                }
                PR_SET_FPEXC => self.target.fp_exc_mode(&mut self.cpu, Some(a2)),
                _ => {
                    self.unsupported(0xcc00_0000 | option, &format!("prctl option {option} is not supported (EINVAL)"));
                    Err(libc::EINVAL)
                }
            }
        }
    }

    pub fn sys_getcpu(&mut self, cpu: u64, node: u64) -> SysResult {
        let (mut c, mut n) = (0u32, 0u32);
        // SAFETY: locals.
        host(unsafe { libc::syscall(libc::SYS_getcpu, &mut c, &mut n, 0usize) })?;
        if cpu != 0 {
            self.mem.write_u32(cpu, c)?;
        }
        if node != 0 {
            self.mem.write_u32(node, n)?;
        }
        Ok(0)
    }

    pub fn sys_sched_getaffinity(&mut self, pid: u64, len: u64, mask: u64) -> SysResult {
        let len = (len as usize).min(8192);
        let mut tmp = vec![0u64; len.div_ceil(8)];
        // SAFETY: the kernel writes at most `len` bytes.
        let n = host(unsafe { libc::syscall(libc::SYS_sched_getaffinity, pid as i32, len, tmp.as_mut_ptr()) })? as usize;
        let mut w = Writer::new(self.mem.big_endian());
        for x in &tmp[..n / 8] {
            w.u64(*x);
        }
        self.mem.write(mask, &w.finish())?;
        Ok(n as u64)
    }

    pub fn sys_sched_setaffinity(&mut self, pid: u64, len: u64, mask: u64) -> SysResult {
        let len = (len as usize).min(8192) & !7;
        let b = self.mem.read_vec(mask, len)?;
        let mut r = Reader::new(&b, self.mem.big_endian());
        let tmp: Vec<u64> = (0..len / 8).map(|_| r.u64()).collect();
        // SAFETY: a local buffer of `len` bytes.
        host(unsafe { libc::syscall(libc::SYS_sched_setaffinity, pid as i32, len, tmp.as_ptr()) })
    }

    /// futex on the guest word itself (guest memory is host memory), so it works across
    /// processes sharing memory and, later, between guest threads.
    pub fn sys_futex(&mut self, a: &[u64; 6]) -> SysResult {
        let (uaddr, op, mut val, arg4, uaddr2, mut val3) = (a[0], a[1] as i32, a[2] as u32, a[3], a[4], a[5] as u32);
        let cmd = op & !(128 | 256);
        if uaddr % 4 != 0 {
            return Err(libc::EINVAL);
        }
        let p1 = self.mem.host_ptr(uaddr, 4, false)?;
        let swap = self.mem.big_endian() != cfg!(target_endian = "big");
        let mut ts = None;
        let mut p2 = std::ptr::null_mut();
        let mut arg4v = arg4 as usize;
        match cmd {
            // WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2: arg4 is a timeout.
            0 | 6 | 9 | 11 | 13 => {
                if arg4 != 0 {
                    let b = self.mem.read_vec(arg4, 16)?;
                    ts = Some(layout::read_timespec(&b, self.mem.big_endian()));
                }
                if swap && (cmd == 0 || cmd == 9) {
                    val = val.swap_bytes();
                }
            }
            _ => {}
        }
        if let Some(t) = ts.as_ref() {
            arg4v = t as *const libc::timespec as usize;
        }
        // REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_REQUEUE_PI, CMP_REQUEUE_PI use a second word.
        if matches!(cmd, 3 | 4 | 5 | 11 | 12) {
            if uaddr2 % 4 != 0 {
                return Err(libc::EINVAL);
            }
            p2 = self.mem.host_ptr(uaddr2, 4, true)?;
            if swap && cmd == 4 {
                val3 = val3.swap_bytes();
            }
        }
        // SAFETY: both words are checked guest memory; the timeout is a local.
        host(unsafe { libc::syscall(libc::SYS_futex, p1, op, val, arg4v, p2, val3) })
    }

    pub fn sys_capget(&mut self, hdr: u64, data: u64) -> SysResult {
        let be = self.mem.big_endian();
        let (version, pid) = (self.mem.read_u32(hdr)?, self.mem.read_u32(hdr + 4)?);
        let mut h = [version, pid];
        let mut d = [0u32; 6];
        let dp = if data != 0 { d.as_mut_ptr() } else { std::ptr::null_mut() };
        // SAFETY: locals.
        let r = host(unsafe { libc::syscall(libc::SYS_capget, h.as_mut_ptr(), dp) });
        self.mem.write_u32(hdr, h[0])?;
        r?;
        if data != 0 {
            let n = if h[0] == 0x19980330 { 3 } else { 6 };
            let mut w = Writer::new(be);
            for x in &d[..n] {
                w.u32(*x);
            }
            self.mem.write(data, &w.finish())?;
        }
        Ok(0)
    }

    // ---- time ----

    fn put_timespec(&self, addr: u64, t: &libc::timespec) -> Result<(), i32> {
        let mut w = Writer::new(self.mem.big_endian());
        layout::timespec(&mut w, t.tv_sec, t.tv_nsec);
        self.mem.write(addr, &w.finish())?;
        Ok(())
    }

    pub fn sys_clock_gettime(&mut self, clk: u64, ts: u64, res: bool) -> SysResult {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a local.
        let r = unsafe {
            if res { libc::clock_getres(clk as i32, &mut t) } else { libc::clock_gettime(clk as i32, &mut t) }
        };
        host(r as i64)?;
        if ts != 0 || !res {
            self.put_timespec(ts, &t)?;
        }
        Ok(0)
    }

    pub fn sys_clock_nanosleep(&mut self, clk: i32, flags: i32, req: u64, rem: u64) -> SysResult {
        let b = self.mem.read_vec(req, 16)?;
        let t = layout::read_timespec(&b, self.mem.big_endian());
        let mut left = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: locals; returns an error number rather than setting errno.
        let r = unsafe { libc::clock_nanosleep(clk, flags, &t, &mut left) };
        if r == 0 {
            return Ok(0);
        }
        if r == libc::EINTR && rem != 0 && flags & libc::TIMER_ABSTIME == 0 {
            self.put_timespec(rem, &left)?;
        }
        Err(r)
    }

    pub fn sys_gettimeofday(&mut self, tv: u64, tz: u64) -> SysResult {
        let mut t = libc::timeval { tv_sec: 0, tv_usec: 0 };
        // SAFETY: a local.
        unsafe { libc::gettimeofday(&mut t, std::ptr::null_mut()) };
        let be = self.mem.big_endian();
        if tv != 0 {
            let mut w = Writer::new(be);
            layout::timeval(&mut w, &t);
            self.mem.write(tv, &w.finish())?;
        }
        if tz != 0 {
            self.mem.write(tz, &[0; 8])?;
        }
        Ok(0)
    }

    pub fn sys_time(&mut self, t: u64) -> SysResult {
        // SAFETY: plain call.
        let now = unsafe { libc::time(std::ptr::null_mut()) };
        if t != 0 {
            self.mem.write_u64(t, now as u64)?;
        }
        Ok(now as u64)
    }

    pub fn sys_times(&mut self, buf: u64) -> SysResult {
        // SAFETY: a local.
        let mut t: libc::tms = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::times(&mut t) };
        if buf != 0 {
            self.mem.write(buf, &layout::tms(self.mem.big_endian(), &t))?;
        }
        Ok(r as u64)
    }

    pub fn sys_getrusage(&mut self, who: u64, buf: u64) -> SysResult {
        // SAFETY: a local.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        host(unsafe { libc::getrusage(who as i32, &mut ru) } as i64)?;
        self.mem.write(buf, &layout::rusage(self.mem.big_endian(), &ru))?;
        Ok(0)
    }

    /// getitimer (`new` = 0) / setitimer: `struct itimerval` is two timevals.
    pub fn sys_itimer(&mut self, which: u64, new: u64, old: u64) -> SysResult {
        let be = self.mem.big_endian();
        let mut o: libc::itimerval = libc::itimerval {
            it_interval: libc::timeval { tv_sec: 0, tv_usec: 0 },
            it_value: libc::timeval { tv_sec: 0, tv_usec: 0 },
        };
        if new != 0 {
            let b = self.mem.read_vec(new, 32)?;
            let mut r = Reader::new(&b, be);
            let n = libc::itimerval {
                it_interval: libc::timeval { tv_sec: r.i64(), tv_usec: r.i64() },
                it_value: libc::timeval { tv_sec: r.i64(), tv_usec: r.i64() },
            };
            // SAFETY: locals.
            host(unsafe { libc::syscall(libc::SYS_setitimer, which as i32, &n, &mut o) })?;
        } else {
            host(unsafe { libc::syscall(libc::SYS_getitimer, which as i32, &mut o) })?;
        }
        if old != 0 {
            let mut w = Writer::new(be);
            layout::timeval(&mut w, &o.it_interval);
            layout::timeval(&mut w, &o.it_value);
            self.mem.write(old, &w.finish())?;
        }
        Ok(0)
    }
}

/// A close-on-exec pipe moved to high descriptor numbers, out of the guest's way.
fn vfork_pipe() -> Option<(i32, i32)> {
    let mut p = [0i32; 2];
    // SAFETY: creates and moves our own descriptors.
    unsafe {
        if libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return None;
        }
        for fd in &mut p {
            let high = libc::fcntl(*fd, libc::F_DUPFD_CLOEXEC, 1000);
            if high >= 0 {
                libc::close(*fd);
                *fd = high;
            }
        }
    }
    Some((p[0], p[1]))
}
