//! Guest signals.
//!
//! Signal numbers are the asm-generic ones on every supported ISA, and the same as the
//! host's, so no translation is needed. What is implemented so far:
//! - dispositions and the signal mask are recorded per guest; SIG_IGN/SIG_DFL and the mask
//!   are mirrored onto the host process (except for the signals the engine needs for its own
//!   fault handling), so asynchronous signals from outside take the guest's default action
//!   through the host kernel, and children and exec'd programs inherit the right state;
//! - synchronous signals (faults, illegal instructions, traps) and signals a guest sends
//!   itself take the default action; a fatal one ends the emulator with the same signal
//!   (core dumps disabled), so the parent sees exactly what a native process would produce.
//! - a signal the guest installed a handler for is delivered to it: the ISA's rt signal
//!   frame ([`Target::setup_rt_frame`]), the mask updated as the kernel does (sa_mask, the
//!   signal itself unless SA_NODEFER, SA_RESETHAND), `rt_sigreturn` restoring both. A fault,
//!   illegal instruction or trap is delivered at the faulting instruction (a handler that
//!   returns re-executes it); a signal sent to itself, or one from outside (a host handler
//!   records it and asks running code to stop at the next block boundary) is delivered
//!   after the current system call or block. A blocked one waits until it is unblocked.

use super::layout::{Reader, Writer};
use super::process::Process;
use super::target::{SigInfo, SignalFrame, Target};
use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

thread_local! {
    /// Signals from outside with a guest handler that the host delivered to this thread, not
    /// yet taken by its run loop (bit n-1 = signal n). The host kernel picks the thread as
    /// it would pick the guest thread: host masks mirror each guest thread's mask.
    static HOST_PENDING: AtomicU64 = const { AtomicU64::new(0) };
    /// This thread's CPU `exit_request` word: the host handler sets it so translated code
    /// returns to the run loop at the next block boundary.
    static EXIT_REQUEST: AtomicPtr<u32> = const { AtomicPtr::new(std::ptr::null_mut()) };
}

extern "C" fn host_signal_handler(sig: libc::c_int) {
    // Thread-locals with constant initialisers and no destructor are plain TLS accesses,
    // safe in a signal handler.
    HOST_PENDING.with(|p| p.fetch_or(1 << (sig - 1), Ordering::SeqCst));
    let p = EXIT_REQUEST.with(|p| p.load(Ordering::SeqCst));
    if !p.is_null() {
        // SAFETY: points at this thread's running CPU header (set by the run loop, cleared
        // before the CPU goes away); the word is only used as a 32-bit flag.
        unsafe { AtomicU32::from_ptr(p) }.store(1, Ordering::SeqCst);
    }
}

/// Names the CPU whose code a host signal delivered to this thread should interrupt (null:
/// none).
pub fn set_exit_request_word(p: *mut u32) {
    EXIT_REQUEST.with(|w| w.store(p, Ordering::SeqCst));
}

const SA_NODEFER: u64 = 0x4000_0000;
const SA_RESETHAND: u64 = 0x8000_0000;
const SA_ONSTACK: u64 = 0x0800_0000;
const SA_RESTART: u64 = 0x1000_0000;
const SS_ONSTACK: i32 = 1;
const SS_DISABLE: i32 = 2;
/// si_code of a signal sent by a process.
const SI_USER: i32 = 0;

pub const NSIG: usize = 64;
/// The smallest alternate signal stack `sigaltstack` accepts (asm-generic MINSIGSTKSZ).
const MINSIGSTKSZ: u64 = 2048;
const SIG_IGN: u64 = 1;

/// A guest `struct sigaction` (kernel layout: handler, flags, restorer, mask).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SigAction {
    pub handler: u64,
    pub flags: u64,
    pub restorer: u64,
    pub mask: u64,
}

/// Dispositions, shared by the threads of a process (CLONE_SIGHAND).
pub type Actions = Arc<Mutex<[SigAction; NSIG + 1]>>;

/// A guest thread's signal state; `actions` is shared with the other threads.
#[derive(Clone, Debug)]
pub struct SignalState {
    actions: Actions,
    /// Blocked signals (bit n-1 = signal n).
    pub mask: u64,
    /// sigaltstack: (ss_sp, ss_flags, ss_size).
    pub altstack: (u64, i32, u64),
    /// Signals raised for this process and not yet delivered (blocked, or waiting for the
    /// current system call to finish), with their siginfo.
    pub pending: u64,
    pub pending_info: [SigInfo; NSIG + 1],
    /// Guest address of the handlers' return trampoline (0: none mapped).
    pub trampoline: u64,
    /// During `rt_sigsuspend`: the mask to go back to (the temporary one is in effect until
    /// a handler's frame records this one, as Linux's saved_sigmask).
    pub suspend_saved: Option<u64>,
}

impl SignalState {
    pub fn new() -> SignalState {
        SignalState {
            actions: Arc::new(Mutex::new([SigAction::default(); NSIG + 1])),
            mask: 0,
            altstack: (0, 2, 0),
            pending: 0,
            pending_info: [SigInfo::default(); NSIG + 1],
            trampoline: 0,
            suspend_saved: None,
        }
    }

    /// The state a new program starts with: the signal mask and the ignored signals are
    /// inherited across exec (from the host process, which mirrors them); handlers are not.
    pub fn from_host() -> SignalState {
        let mut s = SignalState::new();
        // SAFETY: queries of our own process's signal state.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigprocmask(libc::SIG_SETMASK, std::ptr::null(), &mut set);
            s.mask = guest_sigset(&set);
            for sig in 1..=NSIG as i32 {
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(sig, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN {
                    s.update_action(sig, |a| a.handler = SIG_IGN);
                }
            }
        }
        s
    }

    /// The state of a new thread of the same process: the same dispositions and mask (as
    /// `clone` copies it), no alternate stack, nothing pending.
    pub fn for_thread(&self) -> SignalState {
        SignalState {
            actions: self.actions.clone(),
            mask: self.mask,
            altstack: (0, SS_DISABLE, 0),
            pending: 0,
            pending_info: [SigInfo::default(); NSIG + 1],
            trampoline: self.trampoline,
            suspend_saved: None,
        }
    }

    fn actions(&self) -> std::sync::MutexGuard<'_, [SigAction; NSIG + 1]> {
        self.actions.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The disposition of `sig` (1..=NSIG).
    pub fn action(&self, sig: i32) -> SigAction {
        self.actions()[sig as usize]
    }

    pub fn update_action(&self, sig: i32, f: impl FnOnce(&mut SigAction)) {
        f(&mut self.actions()[sig as usize]);
    }
}

impl Default for SignalState {
    fn default() -> Self {
        Self::new()
    }
}

/// What a signal does when not caught (signal(7)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultAction {
    Terminate,
    Core,
    Ignore,
    Stop,
    Continue,
}

pub fn default_action(sig: i32) -> DefaultAction {
    use libc::*;
    match sig {
        SIGCHLD | SIGURG | SIGWINCH => DefaultAction::Ignore,
        SIGCONT => DefaultAction::Continue,
        SIGSTOP | SIGTSTP | SIGTTIN | SIGTTOU => DefaultAction::Stop,
        SIGQUIT | SIGILL | SIGTRAP | SIGABRT | SIGBUS | SIGFPE | SIGSEGV | SIGXCPU | SIGXFSZ | SIGSYS => DefaultAction::Core,
        _ => DefaultAction::Terminate,
    }
}

pub fn signal_name(sig: i32) -> String {
    let names = [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
        "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
        "SIGIO", "SIGPWR", "SIGSYS",
    ];
    match sig {
        1..=31 => names[sig as usize].to_string(),
        32..=64 => format!("SIGRT_{}", sig - 32),
        _ => sig.to_string(),
    }
}

/// Signals the host process must keep handling itself (the engine's fault recovery), and
/// those that cannot be caught or blocked.
fn host_reserved(sig: i32) -> bool {
    matches!(sig, libc::SIGSEGV | libc::SIGBUS | libc::SIGKILL | libc::SIGSTOP)
}

/// Signals never blocked on the host: the synchronous ones (blocking them there would make a
/// host fault in the emulator fatal) and those that cannot be blocked.
fn host_unblockable(sig: i32) -> bool {
    matches!(sig, libc::SIGSEGV | libc::SIGBUS | libc::SIGILL | libc::SIGFPE | libc::SIGTRAP | libc::SIGKILL | libc::SIGSTOP)
}

/// Ends the emulator the way a native process dies of `sig`: with the host's default action
/// for `sig` (core dumps turned off first), so the parent sees "killed by signal `sig`".
pub fn die_by_signal(sig: i32) -> ! {
    // SAFETY: plain libc calls on our own process.
    unsafe {
        if default_action(sig) == DefaultAction::Core {
            let rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &rl);
        }
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
        // A signal whose default is not fatal should not get here; make sure we still end.
        libc::_exit(128 + sig);
    }
}

/// A host sigset with the guest's mask bits (`bit n-1` = signal n).
pub fn host_sigset(mask: u64) -> libc::sigset_t {
    // SAFETY: sigset manipulation on a local.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in 1..=NSIG as i32 {
            if mask & (1 << (sig - 1)) != 0 && !host_unblockable(sig) {
                libc::sigaddset(&mut set, sig);
            }
        }
        set
    }
}

pub fn guest_sigset(set: &libc::sigset_t) -> u64 {
    let mut m = 0;
    for sig in 1..=NSIG as i32 {
        // SAFETY: reads a sigset.
        if unsafe { libc::sigismember(set, sig) } == 1 {
            m |= 1 << (sig - 1);
        }
    }
    m
}

impl<T: Target> Process<T> {
    /// A signal raised by the guest's own execution (fault, illegal instruction, trap).
    /// Like the kernel's `force_sig_fault`, it cannot be ignored or blocked away.
    pub fn synchronous_signal(&mut self, sig: i32, code: i32, addr: u64, what: &str) {
        let pc = self.pc();
        if self.opts.log.int {
            jit::log::write(&format!(
                "bigiron: {what}: pc={pc:#018x}: signal {sig} ({}) code {code} addr {addr:#x}\n",
                signal_name(sig)
            ));
        }
        let act = self.signals.action(sig);
        let blocked = self.signals.mask & (1 << (sig - 1)) != 0;
        // As force_sig_fault: a blocked or ignored synchronous signal kills.
        if act.handler > SIG_IGN && !blocked {
            let info = SigInfo { signo: sig, code, addr, fault: true, ..Default::default() };
            if self.enter_handler(sig, info) {
                return;
            }
            die_by_signal(libc::SIGSEGV);
        }
        die_by_signal(sig);
    }

    /// Runs the guest's handler for `sig` next: builds the frame, updates the mask and
    /// disposition. False if the frame could not be written.
    fn enter_handler(&mut self, sig: i32, info: SigInfo) -> bool {
        let act = self.signals.action(sig);
        let (ss_sp, ss_flags, ss_size) = self.signals.altstack;
        let sp = self.target.stack_pointer(&self.cpu);
        let on_alt = ss_size != 0 && sp > ss_sp && sp - ss_sp <= ss_size;
        let use_altstack = act.flags & SA_ONSTACK != 0 && ss_flags & SS_DISABLE == 0 && ss_size != 0 && !on_alt;
        let recorded = if ss_size == 0 { (0, SS_DISABLE, 0) } else { (ss_sp, if on_alt { SS_ONSTACK } else { ss_flags }, ss_size) };
        let frame = SignalFrame {
            sig,
            info,
            handler: act.handler,
            flags: act.flags,
            restorer: act.restorer,
            saved_mask: self.signals.suspend_saved.unwrap_or(self.signals.mask),
            altstack: recorded,
            use_altstack,
            trampoline: self.signals.trampoline,
        };
        if self.opts.log.int {
            jit::log::write(&format!("bigiron: delivering signal {sig} ({}) to handler {:#x}\n", signal_name(sig), act.handler));
        }
        if self.signals.trampoline == 0 || self.target.setup_rt_frame(&mut self.cpu, &self.mem, &frame).is_err() {
            return false;
        }
        let mut mask = self.signals.suspend_saved.take().unwrap_or(self.signals.mask) | act.mask;
        if act.flags & SA_NODEFER == 0 {
            mask |= 1 << (sig - 1);
        }
        self.set_signal_mask(mask);
        if act.flags & SA_RESETHAND != 0 {
            self.signals.update_action(sig, |a| a.handler = 0);
            if !host_reserved(sig) {
                // SAFETY: sets a disposition of our own process.
                unsafe { libc::signal(sig, libc::SIG_DFL) };
            }
        }
        true
    }

    /// Delivers every pending, unblocked signal (lowest number first), including those the
    /// host handler recorded. Called after each system call and when running code stopped
    /// for a signal.
    pub fn deliver_pending(&mut self) {
        self.collect_host_pending();
        loop {
            let ready = self.signals.pending & !self.signals.mask;
            if ready == 0 {
                if let Some(m) = self.signals.suspend_saved.take() {
                    self.set_signal_mask(m);
                }
                return;
            }
            let sig = ready.trailing_zeros() as i32 + 1;
            self.signals.pending &= !(1 << (sig - 1));
            let info = self.signals.pending_info[sig as usize];
            let act = self.signals.action(sig);
            if act.handler == SIG_IGN {
                continue;
            }
            if act.handler == 0 {
                self.default_action_of(sig);
                continue;
            }
            if !self.enter_handler(sig, info) {
                die_by_signal(libc::SIGSEGV);
            }
            // One frame per return to the guest; the rest wait for the next boundary (the
            // handler runs with its mask, as on Linux where each delivery nests).
        }
    }

    /// Moves the signals the host handler took on this thread into the pending set.
    fn collect_host_pending(&mut self) {
        if HOST_PENDING.with(|p| p.load(Ordering::Relaxed)) == 0 {
            return;
        }
        let host = HOST_PENDING.with(|p| p.swap(0, Ordering::SeqCst));
        for sig in 1..=NSIG as i32 {
            if host & (1 << (sig - 1)) != 0 && self.signals.pending & (1 << (sig - 1)) == 0 {
                self.make_pending(sig, SigInfo { signo: sig, code: SI_USER, ..Default::default() });
            }
        }
    }

    /// Whether a signal is waiting to be delivered (pending and not blocked), including
    /// one the host handler took while guest code was running.
    pub fn signal_ready(&mut self) -> bool {
        self.collect_host_pending();
        self.signals.pending & !self.signals.mask != 0
    }

    /// After a host call returned EINTR: whether the call should run again once the signal
    /// that interrupted it is delivered — its handler has SA_RESTART, or there is no guest
    /// handler to run (the interruption is then invisible, as on Linux).
    pub fn restart_after_signal(&mut self) -> bool {
        self.collect_host_pending();
        let ready = self.signals.pending & !self.signals.mask;
        if ready == 0 {
            return true;
        }
        let act = self.signals.action(ready.trailing_zeros() as i32 + 1);
        act.handler <= SIG_IGN || act.flags & SA_RESTART != 0
    }

    /// The default action of `sig` for this process.
    fn default_action_of(&mut self, sig: i32) {
        match default_action(sig) {
            DefaultAction::Ignore | DefaultAction::Continue => {}
            DefaultAction::Stop => {
                // SAFETY: stops our own process until SIGCONT.
                unsafe {
                    libc::signal(sig, libc::SIG_DFL);
                    libc::raise(sig);
                }
            }
            DefaultAction::Terminate | DefaultAction::Core => die_by_signal(sig),
        }
    }

    /// `rt_sigreturn`: registers, mask and alternate stack from the frame at the stack
    /// pointer; a bad frame kills with SIGSEGV as on Linux.
    pub fn sys_rt_sigreturn(&mut self, rt: bool) {
        let r = if rt { self.target.rt_sigreturn(&mut self.cpu, &self.mem) } else { self.target.sigreturn(&mut self.cpu, &self.mem) };
        match r {
            Ok(r) => {
                self.set_signal_mask(r.mask);
                let (sp, fl, sz) = r.altstack;
                if fl & SS_DISABLE == 0 && sz != 0 {
                    self.signals.altstack = (sp, fl & !SS_ONSTACK, sz);
                }
            }
            Err(_) => die_by_signal(libc::SIGSEGV),
        }
    }

    /// A signal the guest sends to this thread (`thread`: tkill/tgkill naming it) or to its
    /// own process (kill).
    pub fn signal_self(&mut self, sig: i32, thread: bool) -> Result<u64, i32> {
        if sig == 0 {
            return Ok(0);
        }
        if !(1..=NSIG as i32).contains(&sig) {
            return Err(libc::EINVAL);
        }
        if self.opts.log.int {
            jit::log::write(&format!("bigiron: guest sent itself signal {sig} ({})\n", signal_name(sig)));
        }
        let blocked = self.signals.mask & (1 << (sig - 1)) != 0 && !host_unblockable(sig);
        let act = self.signals.action(sig);
        if act.handler > SIG_IGN && (thread || !blocked) {
            // Delivered when this system call returns, or once unblocked.
            // SAFETY: plain libc calls.
            let info = SigInfo { signo: sig, code: SI_USER, pid: unsafe { libc::getpid() }, uid: unsafe { libc::getuid() }, addr: 0, fault: false };
            self.make_pending(sig, info);
            return Ok(0);
        }
        if blocked || act.handler > SIG_IGN || sig == libc::SIGKILL || sig == libc::SIGSTOP {
            // Left to the host, which mirrors every thread's mask: it keeps the signal pending
            // or hands it to a thread that does not block it (or does what cannot be caught).
            // SAFETY: signals our own process.
            unsafe { libc::kill(libc::getpid(), sig) };
            return Ok(0);
        }
        if act.handler != SIG_IGN {
            self.default_action_of(sig);
        }
        Ok(0)
    }

    /// `rt_sigtimedwait`: takes a pending signal of `set` without running its handler.
    pub fn sys_rt_sigtimedwait(&mut self, set: u64, info: u64, timeout: u64, size: u64) -> Result<u64, i32> {
        if size != 8 {
            return Err(libc::EINVAL);
        }
        let want = self.mem.read_u64(set)? & !((1 << (libc::SIGKILL - 1)) | (1 << (libc::SIGSTOP - 1)));
        let be = self.mem.big_endian();
        let ts = if timeout != 0 { Some(super::layout::read_timespec(&self.mem.read_vec(timeout, 16)?, be)) } else { None };
        // Signals the emulator holds (raised by the guest itself, or taken by the host handler).
        let taken = HOST_PENDING.with(|p| p.swap(0, Ordering::SeqCst));
        for sig in 1..=NSIG as i32 {
            if taken & (1 << (sig - 1)) != 0 && self.signals.pending & (1 << (sig - 1)) == 0 {
                self.make_pending(sig, SigInfo { signo: sig, code: SI_USER, ..Default::default() });
            }
        }
        let held = self.signals.pending & want;
        let si = if held != 0 {
            let sig = held.trailing_zeros() as i32 + 1;
            self.signals.pending &= !(1 << (sig - 1));
            self.signals.pending_info[sig as usize]
        } else {
            let hs = host_sigset(want);
            // SAFETY: waits on our own (blocked) signals; the siginfo and timeout are locals.
            let mut hi: libc::siginfo_t = unsafe { std::mem::zeroed() };
            let r = unsafe {
                libc::syscall(
                    libc::SYS_rt_sigtimedwait,
                    &hs as *const libc::sigset_t,
                    &mut hi as *mut libc::siginfo_t,
                    ts.as_ref().map_or(std::ptr::null(), |t| t as *const libc::timespec),
                    8usize,
                )
            };
            host(r)?;
            // SAFETY: filled in by the kernel; si_pid/si_uid are meaningful for SI_USER and
            // SI_TKILL, the only codes our own kill/tgkill produce.
            let (pid, uid) = unsafe { (hi.si_pid(), hi.si_uid()) };
            SigInfo { signo: hi.si_signo, code: hi.si_code, pid, uid, addr: 0, fault: false }
        };
        if info != 0 {
            self.mem.write(info, &si.encode(be))?;
        }
        Ok(si.signo as u64)
    }

    /// Records `sig` as raised, to be delivered by [`Process::deliver_pending`].
    fn make_pending(&mut self, sig: i32, info: SigInfo) {
        self.signals.pending |= 1 << (sig - 1);
        self.signals.pending_info[sig as usize] = info;
    }

    pub fn sys_rt_sigaction(&mut self, sig: u64, act: u64, oldact: u64, size: u64) -> Result<u64, i32> {
        let sig = sig as i32;
        if size != 8 || !(1..=NSIG as i32).contains(&sig) {
            return Err(libc::EINVAL);
        }
        let be = self.mem.big_endian();
        let new = if act != 0 {
            let b = self.mem.read_vec(act, 32)?;
            let mut r = Reader::new(&b, be);
            Some(SigAction { handler: r.u64(), flags: r.u64(), restorer: r.u64(), mask: r.u64() })
        } else {
            None
        };
        if new.is_some() && (sig == libc::SIGKILL || sig == libc::SIGSTOP) {
            return Err(libc::EINVAL);
        }
        if oldact != 0 {
            let o = self.signals.action(sig);
            let b = Writer::new(be).u64(o.handler).u64(o.flags).u64(o.restorer).u64(o.mask).finish();
            self.mem.write(oldact, &b)?;
        }
        if let Some(n) = new {
            self.signals.update_action(sig, |a| *a = n);
            if !host_reserved(sig) {
                // SAFETY: sets a disposition of our own process; the handler only touches
                // atomics and one word of the CPU struct.
                unsafe {
                    let mut sa: libc::sigaction = std::mem::zeroed();
                    sa.sa_sigaction = match n.handler {
                        SIG_IGN => libc::SIG_IGN,
                        0 => libc::SIG_DFL,
                        _ => host_signal_handler as *const () as usize,
                    };
                    // Never restarted by the host: an interrupted call returns to the run
                    // loop, which runs the guest's handler and then restarts the call if
                    // the guest asked for SA_RESTART (see Process::syscall).
                    sa.sa_flags = 0;
                    libc::sigemptyset(&mut sa.sa_mask);
                    libc::sigaction(sig, &sa, std::ptr::null_mut());
                }
            }
        }
        Ok(0)
    }

    pub fn set_signal_mask(&mut self, mask: u64) {
        let mask = mask & !((1 << (libc::SIGKILL - 1)) | (1 << (libc::SIGSTOP - 1)));
        self.signals.mask = mask;
        let set = host_sigset(mask);
        // SAFETY: sets our own signal mask.
        unsafe { libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut()) };
    }

    pub fn sys_rt_sigprocmask(&mut self, how: u64, set: u64, oldset: u64, size: u64) -> Result<u64, i32> {
        if size != 8 {
            return Err(libc::EINVAL);
        }
        let old = self.signals.mask;
        if set != 0 {
            let s = self.mem.read_u64(set)?;
            let new = match how as i32 {
                0 => old | s,  // SIG_BLOCK
                1 => old & !s, // SIG_UNBLOCK
                2 => s,        // SIG_SETMASK
                _ => return Err(libc::EINVAL),
            };
            if oldset != 0 {
                self.mem.write_u64(oldset, old)?;
            }
            self.set_signal_mask(new);
        } else if oldset != 0 {
            self.mem.write_u64(oldset, old)?;
        }
        Ok(0)
    }

    pub fn sys_rt_sigpending(&mut self, set: u64, size: u64) -> Result<u64, i32> {
        if size > 8 {
            return Err(libc::EINVAL);
        }
        // SAFETY: reads our pending set.
        let mut s: libc::sigset_t = unsafe { std::mem::zeroed() };
        unsafe { libc::sigpending(&mut s) };
        self.mem.write_u64(set, (guest_sigset(&s) | self.signals.pending) & self.signals.mask)?;
        Ok(0)
    }

    pub fn sys_rt_sigsuspend(&mut self, set: u64, size: u64) -> Result<u64, i32> {
        if size != 8 {
            return Err(libc::EINVAL);
        }
        let new = self.mem.read_u64(set)? & !((1 << (libc::SIGKILL - 1)) | (1 << (libc::SIGSTOP - 1)));
        self.signals.suspend_saved = Some(self.signals.mask);
        // The host mask stays the old one until the host's sigsuspend swaps masks and waits
        // in one step: a signal the new mask unblocks cannot slip in between and be missed.
        self.collect_host_pending();
        if self.signals.pending & !new == 0 {
            let m = host_sigset(new);
            // SAFETY: waits for a signal; returns after the host handler ran (EINTR).
            unsafe { libc::sigsuspend(&m) };
        }
        // The handler runs with `new` still in effect underneath it (see deliver_pending).
        self.set_signal_mask(new);
        Err(libc::EINTR)
    }

    /// `stack_t`: ss_sp (u64), ss_flags (i32 + pad), ss_size (u64).
    pub fn sys_sigaltstack(&mut self, ss: u64, old: u64) -> Result<u64, i32> {
        let be = self.mem.big_endian();
        if old != 0 {
            let (sp, fl, sz) = self.signals.altstack;
            self.mem.write(old, &Writer::new(be).u64(sp).i32(fl).u32(0).u64(sz).finish())?;
        }
        if ss != 0 {
            let b = self.mem.read_vec(ss, 24)?;
            let mut r = Reader::new(&b, be);
            let (sp, fl) = (r.u64(), r.i32());
            let sz = r.skip(4).u64();
            const SS_DISABLE: i32 = 2;
            if fl & !(SS_DISABLE | (1 << 31)) != 0 {
                return Err(libc::EINVAL);
            }
            if fl & SS_DISABLE == 0 && sz < MINSIGSTKSZ {
                return Err(libc::ENOMEM);
            }
            self.signals.altstack = if fl & SS_DISABLE != 0 { (0, SS_DISABLE, 0) } else { (sp, 0, sz) };
        }
        Ok(0)
    }

    pub fn sys_kill(&mut self, pid: u64, sig: u64) -> Result<u64, i32> {
        let (pid, sig) = (pid as i32, sig as i32);
        // SAFETY: plain libc calls.
        if pid == unsafe { libc::getpid() } {
            return self.signal_self(sig, false);
        }
        host(unsafe { libc::kill(pid, sig) } as i64)
    }

    pub fn sys_tgkill(&mut self, tgid: u64, tid: u64, sig: u64) -> Result<u64, i32> {
        // SAFETY: plain libc calls.
        let me = unsafe { libc::gettid() };
        if tid as i32 == me && (tgid as i64 == -1 || tgid as i32 == unsafe { libc::getpid() }) {
            return self.signal_self(sig as i32, true);
        }
        if tgid as i64 == -1 {
            return host(unsafe { libc::syscall(libc::SYS_tkill, tid as i32, sig as i32) });
        }
        host(unsafe { libc::syscall(libc::SYS_tgkill, tgid as i32, tid as i32, sig as i32) })
    }
}

/// A host call's result (-1 = failure, errno) as a system call result.
pub fn host(r: i64) -> Result<u64, i32> {
    if r < 0 {
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO))
    } else {
        Ok(r as u64)
    }
}
