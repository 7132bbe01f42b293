//! Memory system calls: the flag decoding is per ISA ([`Target::map_flags`]); placement and
//! bookkeeping are the address space's (`guest_*` in [`super::aspace`]).

use super::process::Process;
use super::signal::host;
use super::syscall::SysResult;
use super::target::Target;

/// PROT_GROWSDOWN / PROT_GROWSUP (mprotect only; accepted and ignored).
const PROT_GROWS: u64 = 0x0100_0000 | 0x0200_0000;

impl<T: Target> Process<T> {
    fn check_prot(&self, prot: u64, extra: u64) -> Result<u32, i32> {
        if prot & !(7 | self.target.extra_prot_bits() | extra) != 0 {
            return Err(libc::EINVAL);
        }
        Ok((prot & 7) as u32)
    }

    pub fn sys_mmap(&mut self, addr: u64, len: u64, prot: u64, flags: u64, fd: u64, off: u64) -> SysResult {
        let prot = self.check_prot(prot, 0)?;
        let f = self.target.map_flags(flags)?;
        self.mem.guest_mmap(addr, len, prot, f, fd as i32, off)
    }

    pub fn sys_mprotect(&mut self, addr: u64, len: u64, prot: u64) -> SysResult {
        let prot = self.check_prot(prot, PROT_GROWS)?;
        self.mem.guest_mprotect(addr, len, prot).map(|_| 0)
    }

    pub fn sys_mremap(&mut self, old: u64, old_len: u64, new_len: u64, flags: u64, new_addr: u64) -> SysResult {
        const MREMAP_MAYMOVE: u64 = 1;
        const MREMAP_FIXED: u64 = 2;
        if flags & !(MREMAP_MAYMOVE | MREMAP_FIXED) != 0 {
            // MREMAP_DONTUNMAP and unknown flags.
            return Err(libc::EINVAL);
        }
        let fixed = (flags & MREMAP_FIXED != 0).then_some(new_addr);
        self.mem.guest_mremap(old, old_len, new_len, flags & MREMAP_MAYMOVE != 0, fixed)
    }

    pub fn sys_madvise(&mut self, addr: u64, len: u64, advice: u64) -> SysResult {
        const MADV_DONTNEED: u64 = 4;
        if !addr.is_multiple_of(self.mem.page()) {
            return Err(libc::EINVAL);
        }
        let len = self.mem.guest_len(len).ok_or(libc::EINVAL)?;
        if advice == MADV_DONTNEED && len > 0 {
            // Private anonymous pages read back as zero afterwards; programs rely on that.
            // Any protection will do (glibc's thread-stack trim includes the guard page).
            let p = self.mem.mapped_ptr(addr, len).ok_or(libc::ENOMEM)?;
            // SAFETY: the range is mapped guest memory.
            host(unsafe { libc::madvise(p as *mut libc::c_void, len as usize, libc::MADV_DONTNEED) } as i64)?;
            self.engine.invalidate_range(addr, len);
        }
        Ok(0)
    }

    pub fn sys_msync(&mut self, addr: u64, len: u64, flags: u64) -> SysResult {
        if !addr.is_multiple_of(self.mem.page()) {
            return Err(libc::EINVAL);
        }
        let len = self.mem.guest_len(len).ok_or(libc::ENOMEM)?;
        let p = self.mem.host_ptr(addr, len, false).map_err(|_| libc::ENOMEM)?;
        // SAFETY: the range is mapped guest memory.
        host(unsafe { libc::msync(p as *mut libc::c_void, len as usize, flags as i32) } as i64)
    }
}
