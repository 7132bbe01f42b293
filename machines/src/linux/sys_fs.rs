//! File system calls: opening, metadata, directories and names. Paths and `*at` flags are
//! the same on every Linux ISA; open flags and `struct stat` go through the [`Target`].

use super::layout::{self, KStat};
use super::process::Process;
use super::signal::host;
use super::syscall::SysResult;
use super::target::{oflags_to_host, Target};

fn fd(v: u64) -> i32 {
    v as i32
}

impl<T: Target> Process<T> {
    pub fn sys_openat(&mut self, dirfd: u64, path: u64, flags: u64, mode: u64) -> SysResult {
        let p = self.path(path)?;
        let hflags = oflags_to_host(&self.target.open_flags(), flags as u32);
        // SAFETY: a NUL-terminated path; the kernel checks everything else.
        host(unsafe { libc::openat(fd(dirfd), p.as_ptr(), hflags, mode as libc::c_uint) } as i64)
    }

    /// `_llseek(fd, offset_high, offset_low, result, whence)`.
    pub fn sys_llseek(&mut self, f: u64, hi: u64, lo: u64, result: u64, whence: u64) -> SysResult {
        let off = ((hi as u32 as u64) << 32 | lo as u32 as u64) as i64;
        // SAFETY: plain call.
        let r = host(unsafe { libc::lseek(fd(f), off, whence as i32) })?;
        self.mem.write_u64(result, r)?;
        Ok(0)
    }

    pub fn sys_sendfile(&mut self, out: u64, inp: u64, offp: u64, count: u64) -> SysResult {
        if offp == 0 {
            // SAFETY: plain call.
            return host(unsafe { libc::sendfile(fd(out), fd(inp), std::ptr::null_mut(), count as usize) } as i64);
        }
        let mut off = self.mem.read_u64(offp)? as i64;
        // SAFETY: `off` is a local.
        let r = host(unsafe { libc::sendfile(fd(out), fd(inp), &mut off, count as usize) } as i64)?;
        self.mem.write_u64(offp, off as u64)?;
        Ok(r)
    }

    pub fn sys_dup3(&mut self, old: u64, new: u64, flags: u64) -> SysResult {
        let hflags = oflags_to_host(&self.target.open_flags(), flags as u32);
        if hflags & !libc::O_CLOEXEC != 0 {
            return Err(libc::EINVAL);
        }
        // SAFETY: plain call.
        host(unsafe { libc::dup3(fd(old), fd(new), hflags) } as i64)
    }

    fn put_stat(&mut self, buf: u64, st: &libc::stat) -> SysResult {
        let bytes = self.target.encode_stat(&KStat::from(st));
        self.mem.write(buf, &bytes)?;
        Ok(0)
    }

    pub fn sys_fstatat(&mut self, dirfd: u64, path: u64, buf: u64, flags: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: writes our local stat.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        host(unsafe { libc::fstatat(fd(dirfd), p.as_ptr(), &mut st, flags as i32) } as i64)?;
        self.put_stat(buf, &st)
    }

    pub fn sys_fstat(&mut self, f: u64, buf: u64) -> SysResult {
        // SAFETY: writes our local stat.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        host(unsafe { libc::fstat(fd(f), &mut st) } as i64)?;
        self.put_stat(buf, &st)
    }

    pub fn sys_statx(&mut self, dirfd: u64, path: u64, flags: u64, mask: u64, buf: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: writes our local statx.
        let mut sx: libc::statx = unsafe { std::mem::zeroed() };
        host(unsafe { libc::statx(fd(dirfd), p.as_ptr(), flags as i32, mask as u32, &mut sx) } as i64)?;
        self.mem.write(buf, &layout::statx(self.mem.big_endian(), &sx))?;
        Ok(0)
    }

    pub fn sys_statfs(&mut self, path: Option<u64>, f: u64, buf: u64) -> SysResult {
        let mut words = [0u64; 15];
        match path {
            Some(p) => {
                let p = self.path(p)?;
                // SAFETY: the kernel writes its 120-byte struct statfs into `words`.
                host(unsafe { libc::syscall(libc::SYS_statfs, p.as_ptr(), words.as_mut_ptr()) })?;
            }
            None => {
                // SAFETY: as above.
                host(unsafe { libc::syscall(libc::SYS_fstatfs, fd(f), words.as_mut_ptr()) })?;
            }
        }
        let b = self.target.encode_statfs(&words);
        self.mem.write(buf, &b)?;
        Ok(0)
    }

    pub fn sys_getdents64(&mut self, f: u64, buf: u64, count: u64) -> SysResult {
        let count = (count as usize).min(1 << 20);
        self.mem.check(buf, count as u64, true)?;
        let mut tmp = vec![0u8; count];
        // SAFETY: the kernel writes at most `count` bytes into `tmp`.
        let n = host(unsafe { libc::syscall(libc::SYS_getdents64, fd(f), tmp.as_mut_ptr(), count) })? as usize;
        let out = layout::dirents64(self.mem.big_endian(), &tmp[..n]);
        self.mem.write(buf, &out)?;
        Ok(n as u64)
    }

    pub fn sys_faccessat(&mut self, dirfd: u64, path: u64, mode: u64, flags: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: plain call.
        if flags == 0 {
            return host(unsafe { libc::syscall(libc::SYS_faccessat, fd(dirfd), p.as_ptr(), mode as i32) });
        }
        host(unsafe { libc::faccessat(fd(dirfd), p.as_ptr(), mode as i32, flags as i32) } as i64)
    }

    pub fn sys_getcwd(&mut self, buf: u64, size: u64) -> SysResult {
        let mut tmp = vec![0u8; 4096];
        // SAFETY: the kernel writes at most tmp.len() bytes; returns the length with the NUL.
        let n = host(unsafe { libc::syscall(libc::SYS_getcwd, tmp.as_mut_ptr(), tmp.len()) })? as usize;
        if n > size as usize {
            return Err(libc::ERANGE);
        }
        self.mem.write(buf, &tmp[..n])?;
        Ok(n as u64)
    }

    pub fn sys_mkdirat(&mut self, dirfd: u64, path: u64, mode: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: plain call.
        host(unsafe { libc::mkdirat(fd(dirfd), p.as_ptr(), mode as u32) } as i64)
    }

    pub fn sys_mknodat(&mut self, dirfd: u64, path: u64, mode: u64, dev: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: plain call.
        host(unsafe { libc::mknodat(fd(dirfd), p.as_ptr(), mode as u32, dev as u32 as libc::dev_t) } as i64)
    }

    pub fn sys_unlinkat(&mut self, dirfd: u64, path: u64, flags: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: plain call.
        host(unsafe { libc::unlinkat(fd(dirfd), p.as_ptr(), flags as i32) } as i64)
    }

    pub fn sys_renameat2(&mut self, od: u64, op: u64, nd: u64, np: u64, flags: u64) -> SysResult {
        let (o, n) = (self.path(op)?, self.path(np)?);
        // SAFETY: plain call.
        if flags == 0 {
            return host(unsafe { libc::renameat(fd(od), o.as_ptr(), fd(nd), n.as_ptr()) } as i64);
        }
        host(unsafe { libc::syscall(libc::SYS_renameat2, fd(od), o.as_ptr(), fd(nd), n.as_ptr(), flags as u32) })
    }

    pub fn sys_linkat(&mut self, od: u64, op: u64, nd: u64, np: u64, flags: u64) -> SysResult {
        let (o, n) = (self.path(op)?, self.path(np)?);
        // SAFETY: plain call.
        host(unsafe { libc::linkat(fd(od), o.as_ptr(), fd(nd), n.as_ptr(), flags as i32) } as i64)
    }

    pub fn sys_symlinkat(&mut self, target: u64, dirfd: u64, path: u64) -> SysResult {
        let t = std::ffi::CString::new(self.mem.read_cstr(target, 4096)?).map_err(|_| libc::EINVAL)?;
        let p = self.path(path)?;
        // SAFETY: plain call.
        host(unsafe { libc::symlinkat(t.as_ptr(), fd(dirfd), p.as_ptr()) } as i64)
    }

    pub fn sys_readlinkat(&mut self, dirfd: u64, path: u64, buf: u64, size: u64) -> SysResult {
        if (size as i64) <= 0 {
            return Err(libc::EINVAL);
        }
        let raw = self.mem.read_cstr(path, 4096)?;
        let rewritten = self.rewrite_path(raw.clone());
        let target: Vec<u8> = if rewritten != raw {
            // The link /proc/self/exe points at the guest program, not the emulator.
            rewritten
        } else {
            let p = std::ffi::CString::new(raw).map_err(|_| libc::EINVAL)?;
            let mut tmp = vec![0u8; 4096];
            // SAFETY: writes at most tmp.len() bytes.
            let n = host(unsafe { libc::readlinkat(fd(dirfd), p.as_ptr(), tmp.as_mut_ptr() as *mut libc::c_char, tmp.len()) } as i64)?;
            tmp.truncate(n as usize);
            tmp
        };
        let n = target.len().min(size as usize);
        self.mem.write(buf, &target[..n])?;
        Ok(n as u64)
    }

    pub fn sys_fchmodat(&mut self, dirfd: u64, path: u64, mode: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: plain call.
        host(unsafe { libc::syscall(libc::SYS_fchmodat, fd(dirfd), p.as_ptr(), mode as u32) })
    }

    pub fn sys_fchownat(&mut self, dirfd: u64, path: u64, uid: u64, gid: u64, flags: u64) -> SysResult {
        let p = self.path(path)?;
        // SAFETY: plain call.
        host(unsafe { libc::fchownat(fd(dirfd), p.as_ptr(), uid as u32, gid as u32, flags as i32) } as i64)
    }

    pub fn sys_utimensat(&mut self, dirfd: u64, path: u64, times: u64, flags: u64) -> SysResult {
        let p = self.opt_path(path)?;
        let be = self.mem.big_endian();
        let ts = if times != 0 {
            let b = self.mem.read_vec(times, 32)?;
            Some([layout::read_timespec(&b[..16], be), layout::read_timespec(&b[16..], be)])
        } else {
            None
        };
        let pp = p.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
        let tp = ts.as_ref().map_or(std::ptr::null(), |t| t.as_ptr());
        // SAFETY: raw call so that a NULL path (futimens) is passed through as the kernel takes it.
        host(unsafe { libc::syscall(libc::SYS_utimensat, fd(dirfd), pp, tp, flags as i32) })
    }
}
