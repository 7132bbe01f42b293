//! One guest process: its address space, CPU, translation engine and kernel-side state, the
//! start-up sequence (load, stack, registers) and the run loop that turns engine exits into
//! system calls and signals.

use super::aspace::{align_up, AddressSpace, GUEST_PAGE, LIMIT, PROT_EXEC, PROT_READ, PROT_WRITE};
use super::loader::{self, LoadedImage, Program};
use super::signal::SignalState;
use super::stack::{self, *};
use super::sysno::{number_table, Sys};
use super::target::{CpuOf, SyscallArgs, Target, Trap};
use crate::Error;
use jit::cpu::GuestCpu;
use jit::engine::{Config, Engine, Exit};
use jit::log::LogFlags;
use std::collections::HashSet;
use std::sync::Arc;

/// Top of the initial stack (the highest guest page stays unmapped).
pub const STACK_TOP: u64 = LIMIT - GUEST_PAGE;
/// Size of the stack mapping (Linux's default RLIMIT_STACK).
pub const STACK_SIZE: u64 = 8 << 20;
/// Gap between the stack and the first `mmap` placement.
pub const STACK_GAP: u64 = 256 << 20;

/// How to run a guest program (from the command line).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The program as named on the command line.
    pub program: String,
    /// `argv[1..]`.
    pub args: Vec<String>,
    /// `argv[0]` if not the program path (`-0`).
    pub argv0: Option<String>,
    /// `-L`: where the guest's libraries and interpreter live.
    pub sysroot: Option<String>,
    pub log: LogFlags,
    /// The `-d` list as given (passed on to re-executed guests).
    pub log_items: Option<String>,
    /// `-D`: log file (passed on to re-executed guests, which append).
    pub log_file: Option<String>,
    /// The environment; `None` = the host's.
    pub env: Option<Vec<Vec<u8>>>,
}

/// Whether a call interrupted by a signal may run again after the handler (the kernel's
/// ERESTARTSYS). The others return EINTR once a handler ran (ERESTARTNOHAND and
/// restart-block calls: waits for signals, multiplexed waits, sleeps).
fn restartable(sys: Option<Sys>) -> bool {
    use Sys::*;
    !matches!(
        sys,
        None | Some(
            RtSigsuspend
                | RtSigtimedwait
                | Pause
                | Poll
                | Ppoll
                | Select
                | Pselect6
                | Nanosleep
                | ClockNanosleep
        )
    )
}

/// One guest thread and the process it belongs to. Each guest thread runs on a host thread of
/// its own with its own `Process` value: the address space and the signal dispositions are
/// shared ([`Arc`]s), the CPU, the translation engine, the signal mask and the thread's
/// kernel-side words (`clear_child_tid`, robust list) are its own.
pub struct Process<T: Target> {
    pub target: T,
    pub mem: Arc<AddressSpace>,
    pub engine: Engine<T::Frontend>,
    pub cpu: Box<CpuOf<T>>,
    pub opts: Options,
    /// Absolute path of the running guest executable (what /proc/self/exe shows the guest).
    pub exe: String,
    pub image: LoadedImage,
    pub signals: SignalState,
    /// Syscall number → call.
    table: Vec<Option<Sys>>,
    unimplemented_seen: HashSet<u64>,
    pub clear_child_tid: u64,
    pub robust_list: (u64, u64),
    /// Host thread id of this guest thread (the guest's `gettid`).
    pub tid: i32,
    /// Set by `exit` when this thread ends while others go on: the run loop returns.
    pub exit_status: Option<i32>,
}

/// What a new guest thread starts from (made by `clone` in the creating thread).
pub struct ThreadStart<T: Target> {
    pub target: T,
    pub mem: Arc<AddressSpace>,
    pub cpu: Box<CpuOf<T>>,
    pub opts: Options,
    pub exe: String,
    pub image: LoadedImage,
    pub signals: SignalState,
    pub clear_child_tid: u64,
}

fn host_env() -> Vec<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    std::env::vars_os()
        .map(|(k, v)| {
            let mut s = k.as_bytes().to_vec();
            s.push(b'=');
            s.extend_from_slice(v.as_bytes());
            s
        })
        .collect()
}

/// Resolves an absolute interpreter path inside the sysroot, if it exists there.
pub fn sysroot_path(sysroot: Option<&str>, path: &str) -> String {
    match sysroot.and_then(|root| sysroot_resolve(root, path.as_bytes())) {
        Some(p) => String::from_utf8_lossy(&p).into_owned(),
        None => path.to_string(),
    }
}

/// The host path of absolute guest path `path` inside sysroot `root`, if it exists there,
/// resolving symbolic links as if `root` were `/` (a package unpacked into a directory has
/// absolute links such as `/lib64/ld64.so.2 -> /lib/powerpc64le-linux-gnu/ld64.so.2`). The
/// last component may be a dangling link or missing only if its directory exists (`open`
/// with O_CREAT): then `None` as well, so the host path is used.
pub fn sysroot_resolve(root: &str, path: &[u8]) -> Option<Vec<u8>> {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    if path.first() != Some(&b'/') || path.len() < 2 {
        return None;
    }
    let root = root.trim_end_matches('/').as_bytes();
    let host = |rel: &[Vec<u8>]| {
        let mut p = root.to_vec();
        for c in rel {
            p.push(b'/');
            p.extend_from_slice(c);
        }
        p
    };
    // Components still to walk (reversed), and the resolved ones so far.
    let mut todo: Vec<Vec<u8>> = path.split(|&b| b == b'/').filter(|c| !c.is_empty()).rev().map(|c| c.to_vec()).collect();
    let mut done: Vec<Vec<u8>> = Vec::new();
    let mut hops = 0;
    while let Some(c) = todo.pop() {
        match c.as_slice() {
            b"." => continue,
            b".." => {
                done.pop();
                continue;
            }
            _ => {}
        }
        done.push(c);
        let h = host(&done);
        let meta = std::fs::symlink_metadata(OsStr::from_bytes(&h)).ok()?;
        if meta.file_type().is_symlink() {
            hops += 1;
            if hops > 40 {
                return None;
            }
            let target = std::fs::read_link(OsStr::from_bytes(&h)).ok()?;
            let t = target.as_os_str().as_bytes();
            done.pop();
            if t.first() == Some(&b'/') {
                done.clear();
            }
            todo.extend(t.split(|&b| b == b'/').filter(|c| !c.is_empty()).rev().map(|c| c.to_vec()));
        }
    }
    Some(host(&done))
}

/// A program file: open, and its bytes mapped read-only (no copy; the loader maps the
/// segments from the file as well) or, where the file cannot be mapped, read.
///
/// Mapping is safe here: the loader runs before any guest code of this process (an
/// `execve` from the guest starts a new host process), so no guest thread can truncate the
/// file under it.
struct ProgramFile {
    file: std::fs::File,
    bytes: ProgramBytes,
}

enum ProgramBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for ProgramFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.bytes {
            ProgramBytes::Mapped(m) => m,
            ProgramBytes::Read(v) => v,
        }
    }
}

impl ProgramFile {
    fn fd(&self) -> i32 {
        use std::os::fd::AsRawFd;
        self.file.as_raw_fd()
    }
}

fn read_program(path: &str) -> Result<ProgramFile, Error> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(Error::bad_program(path, "is a directory")),
        Ok(_) => {}
        Err(e) => return Err(Error::Io { what: path.to_string(), err: e }),
    }
    let io = |e| Error::Io { what: path.to_string(), err: e };
    let file = std::fs::File::open(path).map_err(io)?;
    // SAFETY: a private read-only mapping, read only while loading (see above).
    let bytes = match unsafe { memmap2::Mmap::map(&file) } {
        Ok(m) => ProgramBytes::Mapped(m),
        Err(_) => ProgramBytes::Read(std::fs::read(path).map_err(io)?),
    };
    Ok(ProgramFile { file, bytes })
}

impl<T: Target> Process<T> {
    /// Loads the program and prepares the process to run (nothing guest-visible runs yet).
    pub fn new(target: T, opts: Options) -> Result<Process<T>, Error> {
        // Follow #! lines (the kernel allows a few levels of scripts).
        let mut path = opts.program.clone();
        let mut argv: Vec<Vec<u8>> = Vec::new();
        argv.push(opts.argv0.clone().unwrap_or_else(|| opts.program.clone()).into_bytes());
        argv.extend(opts.args.iter().map(|a| a.clone().into_bytes()));
        let execfn = opts.program.clone();
        let mut bytes = read_program(&path)?;
        for depth in 0.. {
            match loader::classify(&path, &bytes)? {
                Program::Elf => break,
                Program::Script { interpreter, arg } => {
                    if depth >= 4 {
                        return Err(Error::bad_program(&opts.program, "too many levels of #! interpreters"));
                    }
                    // argv becomes: interpreter [arg] script args... (argv[0] of the script
                    // is replaced by the script's path, as the kernel does).
                    let mut new = vec![interpreter.clone().into_bytes()];
                    if let Some(a) = arg {
                        new.push(a.into_bytes());
                    }
                    new.push(path.clone().into_bytes());
                    new.extend(argv.drain(1..));
                    argv = new;
                    path = sysroot_path(opts.sysroot.as_deref(), &interpreter);
                    bytes = read_program(&path)?;
                }
            }
        }
        loader::check_elf(&path, &bytes, target.elf_machine(), target.big_endian(), target.name())?;

        let mut mem = AddressSpace::new(LIMIT, target.big_endian())?;
        mem.set_page_size(target.page_size());
        let mem = Arc::new(mem);
        let image = loader::load_elf_from(&mem, &path, &bytes, Some(bytes.fd()), loader::PIE_BASE)?;
        mem.brk_init(align_up(image.end, mem.page()));
        // A dynamically linked program starts in its interpreter (found in the sysroot),
        // which finds the program through AT_PHDR/AT_ENTRY and itself through AT_BASE.
        let interp = match &image.interp {
            Some(name) => {
                let ipath = sysroot_path(opts.sysroot.as_deref(), name);
                let ibytes = read_program(&ipath).map_err(|e| match (&opts.sysroot, e) {
                    (None, Error::Io { .. }) => Error::bad_program(
                        &path,
                        format!("is dynamically linked (interpreter {name}); give the directory holding the guest's libraries with -L SYSROOT"),
                    ),
                    (_, e) => e,
                })?;
                loader::check_elf(&ipath, &ibytes, target.elf_machine(), target.big_endian(), target.name())?;
                Some(loader::load_elf_from(&mem, &ipath, &ibytes, Some(ibytes.fd()), loader::INTERP_BASE)?)
            }
            None => None,
        };

        let stack_prot = PROT_READ | PROT_WRITE | if image.exec_stack { PROT_EXEC } else { 0 };
        mem.map_anon(STACK_TOP - STACK_SIZE, STACK_SIZE, stack_prot, false)
            .map_err(|e| Error::Host(format!("cannot map the guest stack: errno {e}")))?;
        mem.set_mmap_top(STACK_TOP - STACK_SIZE - STACK_GAP);

        let env = opts.env.clone().unwrap_or_else(host_env);
        let mut random = [0u8; 16];
        // SAFETY: writes 16 bytes into our buffer.
        unsafe { libc::getrandom(random.as_mut_ptr() as *mut libc::c_void, 16, 0) };
        let (platform, base_platform) = target.platform();
        let mut auxv = Self::auxv(&target, &image);
        if let Some(i) = &interp {
            for (k, v) in auxv.iter_mut() {
                if *k == stack::AT_BASE {
                    *v = i.bias;
                }
            }
        }
        let built = stack::build(
            &mem,
            STACK_TOP,
            &stack::StackContents {
                argv: &argv,
                envp: &env,
                execfn: execfn.as_bytes(),
                platform,
                base_platform,
                random,
                auxv,
            },
        )
        .map_err(|_| Error::Host("arguments and environment do not fit on the guest stack".into()))?;

        let mut cpu = target.new_cpu();
        target.set_entry_state(&mut cpu, interp.as_ref().unwrap_or(&image), built.sp, &mem).map_err(Error::Host)?;
        let exe = std::fs::canonicalize(&path).map(|p| p.to_string_lossy().into_owned()).unwrap_or(path.clone());
        // The signal handlers' return trampoline: one read/execute page of its own.
        let mut signals = SignalState::from_host();
        let tramp = target.sigreturn_trampoline();
        if !tramp.is_empty() {
            let flags = super::aspace::MapFlags { shared: false, fixed: false, anonymous: true, fixed_noreplace: false };
            let at = mem
                .guest_mmap(0, mem.page(), PROT_READ | PROT_WRITE, flags, -1, 0)
                .map_err(|e| Error::Host(format!("cannot map the signal trampoline: errno {e}")))?;
            mem.write(at, &tramp).map_err(|_| Error::Host("cannot write the signal trampoline".into()))?;
            mem.protect(at, mem.page(), PROT_READ | PROT_EXEC).map_err(|e| Error::Host(format!("cannot protect the signal trampoline: errno {e}")))?;
            signals.trampoline = at;
        }
        // Nothing is translated yet: start with an empty invalidation queue.
        mem.take_invalidations();
        Ok(Process::for_thread(ThreadStart { target, mem, cpu, opts, exe, image, signals, clear_child_tid: 0 }))
    }

    /// The `Process` of a guest thread (the first one, or one `clone` made), on the host
    /// thread that will run it: its own engine, the rest from `s`.
    pub fn for_thread(s: ThreadStart<T>) -> Process<T> {
        let engine = Engine::new(s.target.frontend(), Config { log: s.opts.log, ..Default::default() });
        let table = number_table(s.target.syscall_names());
        Process {
            target: s.target,
            mem: s.mem,
            engine,
            cpu: s.cpu,
            opts: s.opts,
            exe: s.exe,
            image: s.image,
            signals: s.signals,
            table,
            unimplemented_seen: HashSet::new(),
            clear_child_tid: s.clear_child_tid,
            robust_list: (0, 0),
            // SAFETY: no arguments, cannot fail.
            tid: unsafe { libc::gettid() },
            exit_status: None,
        }
    }

    /// The auxiliary vector, in the kernel's order (`create_elf_tables`). Address-valued
    /// entries (AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_BASE_PLATFORM) are filled in by
    /// [`stack::build`].
    pub fn auxv(target: &T, img: &LoadedImage) -> Vec<(u64, u64)> {
        let (hwcap, hwcap2) = target.hwcap();
        // SAFETY: these never fail.
        let (uid, euid, gid, egid) = unsafe { (libc::getuid(), libc::geteuid(), libc::getgid(), libc::getegid()) };
        let mut v = target.arch_auxv();
        v.extend([
            (AT_HWCAP, hwcap),
            (AT_PAGESZ, target.page_size()),
            (AT_CLKTCK, 100),
            (AT_PHDR, img.phdr),
            (AT_PHENT, img.phent),
            (AT_PHNUM, img.phnum),
            (AT_BASE, 0),
            (AT_FLAGS, 0),
            (AT_ENTRY, img.entry),
            (AT_UID, uid as u64),
            (AT_EUID, euid as u64),
            (AT_GID, gid as u64),
            (AT_EGID, egid as u64),
            (AT_SECURE, 0),
            (AT_RANDOM, 0),
            (AT_HWCAP2, hwcap2),
            (AT_EXECFN, 0),
        ]);
        let (platform, base_platform) = target.platform();
        if platform.is_some() {
            v.push((AT_PLATFORM, 0));
        }
        if base_platform.is_some() {
            v.push((AT_BASE_PLATFORM, 0));
        }
        v
    }

    pub fn pc(&self) -> u64 {
        self.cpu.header().pc
    }

    /// Runs the guest until it exits; never returns (the host process ends with the guest's
    /// exit status or signal).
    pub fn run_guest(&mut self) -> ! {
        let _ = self.run_thread();
        // The first thread called `exit` while others go on: like Linux's thread-group leader
        // it stays (as a zombie, its signals blocked by `sys_exit`) until the last thread ends
        // the process.
        loop {
            std::thread::park();
        }
    }

    /// Runs this guest thread until it calls `exit` (returning its status) or the process
    /// ends.
    pub fn run_thread(&mut self) -> i32 {
        let req = &mut self.cpu.header_mut().exit_request as *mut u32;
        super::signal::set_exit_request_word(req);
        self.mem.add_watcher(self.tid, req);
        loop {
            if let Some(status) = self.exit_status {
                super::signal::set_exit_request_word(std::ptr::null_mut());
                return status;
            }
            let exit = self.engine.run(&mut self.cpu, &*self.mem);
            match exit {
                Exit::Exception(n) => match self.target.trap(n, &self.cpu) {
                    Trap::Syscall => self.syscall(),
                    Trap::Signal { sig, code } => {
                        self.target.complete_before_signal(n, &mut self.cpu, &self.mem);
                        let pc = self.pc();
                        let what = match self.target.unimplemented_insn(n, pc, &self.mem) {
                            Some(insn) => {
                                // Known to the decoder but not implemented: always say which.
                                if self.unimplemented_seen.insert(pc | 1 << 63) {
                                    jit::log::write(&format!("bigiron: unimplemented instruction at {pc:#x}: {insn}\n"));
                                }
                                format!("unimplemented instruction {insn}")
                            }
                            None => format!("exception {n}"),
                        };
                        self.synchronous_signal(sig, code, pc, &what);
                    }
                },
                Exit::Fault { addr, write } => {
                    let code = self.segv_code(addr);
                    let what = if write { "write" } else { "read" };
                    self.synchronous_signal(libc::SIGSEGV, code, addr, &format!("{what} fault at {addr:#x}"));
                }
                Exit::BusError { addr } => {
                    const BUS_ADRERR: i32 = 2;
                    self.synchronous_signal(libc::SIGBUS, BUS_ADRERR, addr, &format!("bus error at {addr:#x}"));
                }
                Exit::FetchFault(pc) => {
                    let code = self.segv_code(pc);
                    self.synchronous_signal(libc::SIGSEGV, code, pc, &format!("instruction fetch fault at {pc:#x}"));
                }
                Exit::Interrupted => {
                    // A host signal for a guest handler, or another thread changing code.
                    // SAFETY: the word is this CPU's; other threads only store to it atomically.
                    unsafe { std::sync::atomic::AtomicU32::from_ptr(req) }.store(0, std::sync::atomic::Ordering::SeqCst);
                    self.apply_invalidations();
                    self.deliver_pending();
                }
            }
        }
    }

    /// Drops translations of code changed since this thread last looked (by its own system
    /// calls or by other threads).
    fn apply_invalidations(&mut self) {
        for (s, l) in self.mem.take_invalidations_of(self.tid) {
            self.engine.invalidate_range(s, l);
        }
    }

    /// SEGV_MAPERR (nothing mapped) or SEGV_ACCERR (mapped, wrong permission).
    fn segv_code(&self, addr: u64) -> i32 {
        if self.mem.prot_at(addr).is_some() { 2 } else { 1 }
    }

    /// Handles the system call the guest just made.
    pub fn syscall(&mut self) {
        if self.signal_ready() {
            // A signal arrived while guest code ran up to this call: the kernel would have
            // delivered it first. Run the handler now and the call when it returns.
            self.target.rewind_syscall(&mut self.cpu);
            self.deliver_pending();
            return;
        }
        let SyscallArgs { nr, args } = self.target.syscall_args(&self.cpu);
        let sys = self.table.get(nr as usize).copied().flatten();
        let strace = self.opts.log.strace;
        let call = if strace { Some(super::strace::format_call(self, nr, sys, &args)) } else { None };
        if let (Some(line), Some(Sys::Exit | Sys::ExitGroup | Sys::Execve)) = (&call, sys) {
            jit::log::write(&format!("{} {line}\n", self.tid));
        }
        if matches!(sys, Some(Sys::RtSigreturn | Sys::Sigreturn)) {
            // Restores every register (r3 and CR0 included): no result is written.
            if let Some(line) = call {
                jit::log::write(&format!("{} {line} = (restored)\n", self.tid));
            }
            self.sys_rt_sigreturn(sys == Some(Sys::RtSigreturn));
            self.deliver_pending();
            return;
        }
        let r = match sys {
            Some(s) => self.dispatch(s, &args),
            None => self.unimplemented(nr),
        };
        if r == Err(libc::EINTR) && restartable(sys) && self.restart_after_signal() {
            // Interrupted by a signal whose handler asked for SA_RESTART (or by one without
            // a handler): run the handler, then the call again, as the kernel's ERESTARTSYS.
            if let Some(line) = call {
                jit::log::write(&format!("{} {line} = ? ERESTARTSYS\n", self.tid));
            }
            self.target.rewind_syscall(&mut self.cpu);
            self.deliver_pending();
            return;
        }
        if self.exit_status.is_some() {
            // This thread has ended (`exit`): nothing more runs on its CPU.
            if let Some(line) = call {
                jit::log::write(&format!("{} {line} = ?\n", self.tid));
            }
            return;
        }
        self.apply_invalidations();
        if let Some(line) = call {
            let ret = super::strace::format_result(sys, &r);
            if matches!(sys, Some(Sys::Execve)) {
                jit::log::write(&format!("{} {ret}\n", self.tid));
            } else {
                jit::log::write(&format!("{} {line} {ret}\n", self.tid));
            }
        }
        self.target.set_syscall_result(&mut self.cpu, r);
        self.deliver_pending();
    }

    /// `ENOSYS` for a call with no implementation, logged once per number (with `-d unimp`
    /// or `-strace`, so that a guest's own output stays as on a real system).
    pub fn unimplemented(&mut self, nr: u64) -> Result<u64, i32> {
        if (self.opts.log.unimp || self.opts.log.strace) && self.unimplemented_seen.insert(nr) {
            let name = self.target.syscall_names().iter().find(|(n, _)| *n as u64 == nr).map_or("?", |(_, s)| s);
            jit::log::write(&format!("bigiron: unimplemented system call {name} ({nr}) returns ENOSYS\n"));
        }
        Err(libc::ENOSYS)
    }

    /// Logs (with `-d unimp` or `-strace`, once per `key`) something the guest asked for that
    /// is not supported.
    pub fn unsupported(&mut self, key: u64, msg: &str) {
        if (self.opts.log.unimp || self.opts.log.strace) && self.unimplemented_seen.insert(key) {
            jit::log::write(&format!("bigiron: {msg}\n"));
        }
    }

    /// The number → call table (for tests and tools).
    pub fn syscall_table(&self) -> &[Option<Sys>] {
        &self.table
    }
}
