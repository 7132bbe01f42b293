//! I/O on descriptors: read/write and their vector and positioned forms, fcntl, pipes,
//! ioctl (terminal requests translated through the [`Target`]), poll and select.
//!
//! Buffers are handed to the host kernel as host pointers into guest memory after the page
//! table check (no copying); the host kernel's own checks back that up (`EFAULT`).

use super::layout::{self, Reader, Writer};
use super::process::Process;
use super::signal::{host, host_sigset};
use super::syscall::SysResult;
use super::target::{oflags_to_guest, oflags_to_host, Ioctl, Target};

const IOV_MAX: u64 = 1024;

impl<T: Target> Process<T> {
    pub fn sys_read(&mut self, f: u64, buf: u64, count: u64) -> SysResult {
        let p = self.mem.host_ptr(buf, count, true)?;
        // SAFETY: `p..p+count` is guest memory the guest may write.
        host(unsafe { libc::read(f as i32, p as *mut libc::c_void, count as usize) } as i64)
    }

    pub fn sys_write(&mut self, f: u64, buf: u64, count: u64) -> SysResult {
        let p = self.mem.host_ptr(buf, count, false)?;
        // SAFETY: `p..p+count` is guest memory the guest may read.
        host(unsafe { libc::write(f as i32, p as *const libc::c_void, count as usize) } as i64)
    }

    pub fn sys_pread(&mut self, f: u64, buf: u64, count: u64, off: u64) -> SysResult {
        let p = self.mem.host_ptr(buf, count, true)?;
        // SAFETY: as in read.
        host(unsafe { libc::pread(f as i32, p as *mut libc::c_void, count as usize, off as i64) } as i64)
    }

    pub fn sys_pwrite(&mut self, f: u64, buf: u64, count: u64, off: u64) -> SysResult {
        let p = self.mem.host_ptr(buf, count, false)?;
        // SAFETY: as in write.
        host(unsafe { libc::pwrite(f as i32, p as *const libc::c_void, count as usize, off as i64) } as i64)
    }

    /// readv/writev/preadv/pwritev: `struct iovec` is {u64 base, u64 len}.
    pub fn sys_rwv(&mut self, f: u64, iov: u64, cnt: u64, off: Option<u64>, write: bool) -> SysResult {
        if cnt > IOV_MAX {
            return Err(libc::EINVAL);
        }
        let b = self.mem.read_vec(iov, cnt as usize * 16)?;
        let mut r = Reader::new(&b, self.mem.big_endian());
        let mut v = Vec::with_capacity(cnt as usize);
        for _ in 0..cnt {
            let (base, len) = (r.u64(), r.u64());
            if len as i64 <= 0 {
                continue;
            }
            let p = self.mem.host_ptr(base, len, !write)?;
            v.push(libc::iovec { iov_base: p as *mut libc::c_void, iov_len: len as usize });
        }
        let (fd, n) = (f as i32, v.len() as i32);
        // SAFETY: every iovec points at checked guest memory.
        let r = unsafe {
            match (off, write) {
                (None, false) => libc::readv(fd, v.as_ptr(), n),
                (None, true) => libc::writev(fd, v.as_ptr(), n),
                (Some(o), false) => libc::preadv(fd, v.as_ptr(), n, o as i64),
                (Some(o), true) => libc::pwritev(fd, v.as_ptr(), n, o as i64),
            }
        };
        host(r as i64)
    }

    pub fn sys_fcntl(&mut self, f: u64, cmd: u64, arg: u64) -> SysResult {
        let (fd, cmd) = (f as i32, cmd as i32);
        let be = self.mem.big_endian();
        // SAFETY: plain fcntl calls; struct arguments are locals.
        unsafe {
            match cmd {
                libc::F_GETFL => {
                    let r = host(libc::fcntl(fd, cmd) as i64)?;
                    Ok(oflags_to_guest(&self.target.open_flags(), r as i32) as u64)
                }
                libc::F_SETFL => host(libc::fcntl(fd, cmd, oflags_to_host(&self.target.open_flags(), arg as u32)) as i64),
                libc::F_GETLK | libc::F_SETLK | libc::F_SETLKW | libc::F_OFD_GETLK | libc::F_OFD_SETLK | libc::F_OFD_SETLKW => {
                    let b = self.mem.read_vec(arg, 32)?;
                    let mut fl = layout::read_flock(&b, be);
                    host(libc::fcntl(fd, cmd, &mut fl) as i64)?;
                    if cmd == libc::F_GETLK || cmd == libc::F_OFD_GETLK {
                        self.mem.write(arg, &layout::flock(be, &fl))?;
                    }
                    Ok(0)
                }
                libc::F_DUPFD
                | libc::F_DUPFD_CLOEXEC
                | libc::F_GETFD
                | libc::F_SETFD
                | libc::F_SETOWN
                | libc::F_GETOWN
                | 10 // F_SETSIG
                | 11 // F_GETSIG
                | libc::F_SETLEASE
                | libc::F_GETLEASE
                | libc::F_NOTIFY
                | libc::F_SETPIPE_SZ
                | libc::F_GETPIPE_SZ
                | libc::F_ADD_SEALS
                | libc::F_GET_SEALS => host(libc::fcntl(fd, cmd, arg as libc::c_long) as i64),
                _ => {
                    self.unsupported(0xfc00_0000 | cmd as u64, &format!("fcntl command {cmd} is not supported (EINVAL)"));
                    Err(libc::EINVAL)
                }
            }
        }
    }

    pub fn sys_pipe2(&mut self, fds: u64, flags: u64) -> SysResult {
        self.mem.check(fds, 8, true)?;
        let hflags = oflags_to_host(&self.target.open_flags(), flags as u32);
        let mut p = [0i32; 2];
        // SAFETY: writes our local array.
        host(unsafe { libc::pipe2(p.as_mut_ptr(), hflags) } as i64)?;
        self.mem.write_u32(fds, p[0] as u32)?;
        self.mem.write_u32(fds + 4, p[1] as u32)?;
        Ok(0)
    }

    pub fn sys_ioctl(&mut self, f: u64, cmd: u64, arg: u64) -> SysResult {
        let fd = f as i32;
        let be = self.mem.big_endian();
        let Some(req) = self.target.ioctl(cmd as u32) else {
            self.unsupported(0x1000_0000_0000 | cmd, &format!("unsupported ioctl {cmd:#x} (returns ENOTTY)"));
            return Err(libc::ENOTTY);
        };
        // SAFETY: each arm passes locals (or plain integers) to the host ioctl.
        unsafe {
            match req {
                Ioctl::Tcgets => {
                    let mut t: libc::termios = std::mem::zeroed();
                    host(libc::tcgetattr(fd, &mut t) as i64)?;
                    let b = self.target.encode_termios(&t);
                    self.mem.write(arg, &b)?;
                    Ok(0)
                }
                Ioctl::Tcsets(action) => {
                    let b = self.mem.read_vec(arg, self.target.termios_size())?;
                    let t = self.target.decode_termios(&b);
                    host(libc::tcsetattr(fd, action, &t) as i64)
                }
                Ioctl::Tiocgwinsz => {
                    let mut ws: libc::winsize = std::mem::zeroed();
                    host(libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) as i64)?;
                    self.mem.write(arg, &layout::winsize(be, &ws))?;
                    Ok(0)
                }
                Ioctl::Tiocswinsz => {
                    let ws = layout::read_winsize(&self.mem.read_vec(arg, 8)?, be);
                    host(libc::ioctl(fd, libc::TIOCSWINSZ, &ws) as i64)
                }
                Ioctl::Tiocgpgrp | Ioctl::Tiocgsid | Ioctl::Fionread | Ioctl::Tiocoutq => {
                    let hreq = match req {
                        Ioctl::Tiocgpgrp => libc::TIOCGPGRP,
                        Ioctl::Tiocgsid => libc::TIOCGSID,
                        Ioctl::Fionread => libc::FIONREAD,
                        _ => libc::TIOCOUTQ,
                    };
                    let mut v: libc::c_int = 0;
                    host(libc::ioctl(fd, hreq, &mut v) as i64)?;
                    self.mem.write_u32(arg, v as u32)?;
                    Ok(0)
                }
                Ioctl::Tiocspgrp | Ioctl::Fionbio | Ioctl::Fioasync => {
                    let hreq = match req {
                        Ioctl::Tiocspgrp => libc::TIOCSPGRP,
                        Ioctl::Fionbio => libc::FIONBIO,
                        _ => libc::FIOASYNC,
                    };
                    let v = self.mem.read_u32(arg)? as libc::c_int;
                    host(libc::ioctl(fd, hreq, &v) as i64)
                }
                Ioctl::Fioclex => host(libc::ioctl(fd, libc::FIOCLEX) as i64),
                Ioctl::Fionclex => host(libc::ioctl(fd, libc::FIONCLEX) as i64),
                Ioctl::Tiocnotty => host(libc::ioctl(fd, libc::TIOCNOTTY) as i64),
                Ioctl::Tiocsctty => host(libc::ioctl(fd, libc::TIOCSCTTY, arg as libc::c_int) as i64),
                Ioctl::Tcsbrk => host(libc::ioctl(fd, libc::TCSBRK, arg as libc::c_int) as i64),
                Ioctl::Tcxonc => host(libc::ioctl(fd, libc::TCXONC, arg as libc::c_int) as i64),
                Ioctl::Tcflsh => host(libc::ioctl(fd, libc::TCFLSH, arg as libc::c_int) as i64),
            }
        }
    }

    fn read_timespec_opt(&self, addr: u64) -> Result<Option<libc::timespec>, i32> {
        if addr == 0 {
            return Ok(None);
        }
        let b = self.mem.read_vec(addr, 16)?;
        Ok(Some(layout::read_timespec(&b, self.mem.big_endian())))
    }

    /// poll (`timeout_ms` ≥ 0 or -1) and ppoll (`ts` = timespec pointer, `sigmask`).
    /// `struct pollfd` is {i32 fd, i16 events, i16 revents}.
    pub fn sys_ppoll(&mut self, fds: u64, nfds: u64, ts: Option<u64>, sigmask: u64, timeout_ms: i32) -> SysResult {
        if nfds > 1 << 20 {
            return Err(libc::EINVAL);
        }
        let be = self.mem.big_endian();
        let b = self.mem.read_vec(fds, nfds as usize * 8)?;
        let mut r = Reader::new(&b, be);
        let mut v: Vec<libc::pollfd> =
            (0..nfds).map(|_| libc::pollfd { fd: r.i32(), events: r.u16() as i16, revents: r.skip(0).u16() as i16 }).collect();
        let n = match ts {
            None => {
                // SAFETY: `v` is a local array.
                host(unsafe { libc::poll(v.as_mut_ptr(), nfds, timeout_ms) } as i64)?
            }
            Some(tsp) => {
                let t = self.read_timespec_opt(tsp)?;
                let set = if sigmask != 0 { Some(host_sigset(self.mem.read_u64(sigmask)?)) } else { None };
                // SAFETY: locals.
                let r = host(unsafe {
                    libc::ppoll(
                        v.as_mut_ptr(),
                        nfds,
                        t.as_ref().map_or(std::ptr::null(), |t| t as *const _),
                        set.as_ref().map_or(std::ptr::null(), |s| s as *const _),
                    )
                } as i64)?;
                r
            }
        };
        let mut w = Writer::new(be);
        for p in &v {
            w.i32(p.fd).u16(p.events as u16).u16(p.revents as u16);
        }
        self.mem.write(fds, &w.finish())?;
        Ok(n)
    }

    fn read_fdset(&self, addr: u64, nfds: usize) -> Result<Option<libc::fd_set>, i32> {
        if addr == 0 {
            return Ok(None);
        }
        let words = nfds.div_ceil(64);
        // SAFETY: fd_set manipulation on a local.
        let mut set: libc::fd_set = unsafe { std::mem::zeroed() };
        unsafe { libc::FD_ZERO(&mut set) };
        for w in 0..words {
            let bits = self.mem.read_u64(addr + 8 * w as u64)?;
            for b in 0..64 {
                let fd = w * 64 + b;
                if fd < nfds && bits & (1 << b) != 0 {
                    unsafe { libc::FD_SET(fd as i32, &mut set) };
                }
            }
        }
        Ok(Some(set))
    }

    fn write_fdset(&self, addr: u64, nfds: usize, set: &Option<libc::fd_set>) -> Result<(), i32> {
        let Some(set) = set else { return Ok(()) };
        for w in 0..nfds.div_ceil(64) {
            let mut bits = 0u64;
            for b in 0..64 {
                let fd = w * 64 + b;
                // SAFETY: reads a local fd_set.
                if fd < nfds && unsafe { libc::FD_ISSET(fd as i32, set) } {
                    bits |= 1 << b;
                }
            }
            self.mem.write_u64(addr + 8 * w as u64, bits)?;
        }
        Ok(())
    }

    /// select (`timeout` = timeval pointer) and pselect6 (`sig` = pointer to {sigset*, size},
    /// `timeout` = timespec pointer). fd_sets are arrays of guest longs.
    pub fn sys_select(&mut self, nfds: u64, rd: u64, wr: u64, ex: u64, timeout: u64, sig: Option<u64>) -> SysResult {
        let nfds = nfds as i32;
        if !(0..=libc::FD_SETSIZE as i32).contains(&nfds) {
            return Err(libc::EINVAL);
        }
        let n = nfds as usize;
        let (mut r, mut w, mut e) = (self.read_fdset(rd, n)?, self.read_fdset(wr, n)?, self.read_fdset(ex, n)?);
        let rp = r.as_mut().map_or(std::ptr::null_mut(), |s| s as *mut _);
        let wp = w.as_mut().map_or(std::ptr::null_mut(), |s| s as *mut _);
        let ep = e.as_mut().map_or(std::ptr::null_mut(), |s| s as *mut _);
        let be = self.mem.big_endian();
        let count = match sig {
            None => {
                let mut tv = if timeout != 0 {
                    let b = self.mem.read_vec(timeout, 16)?;
                    let mut rd = Reader::new(&b, be);
                    Some(libc::timeval { tv_sec: rd.i64(), tv_usec: rd.i64() })
                } else {
                    None
                };
                let tp = tv.as_mut().map_or(std::ptr::null_mut(), |t| t as *mut _);
                // SAFETY: locals.
                let c = host(unsafe { libc::select(nfds, rp, wp, ep, tp) } as i64)?;
                if let Some(tv) = tv {
                    let mut wtr = Writer::new(be);
                    layout::timeval(&mut wtr, &tv);
                    self.mem.write(timeout, &wtr.finish())?;
                }
                c
            }
            Some(sigp) => {
                let t = self.read_timespec_opt(timeout)?;
                let set = if sigp != 0 {
                    let ss = self.mem.read_u64(sigp)?;
                    if ss != 0 { Some(host_sigset(self.mem.read_u64(ss)?)) } else { None }
                } else {
                    None
                };
                // SAFETY: locals.
                host(unsafe {
                    libc::pselect(
                        nfds,
                        rp,
                        wp,
                        ep,
                        t.as_ref().map_or(std::ptr::null(), |t| t as *const _),
                        set.as_ref().map_or(std::ptr::null(), |s| s as *const _),
                    )
                } as i64)?
            }
        };
        self.write_fdset(rd, n, &r)?;
        self.write_fdset(wr, n, &w)?;
        self.write_fdset(ex, n, &e)?;
        Ok(count)
    }
}
