//! A flat, directly mapped guest memory for tests and benchmarks: guest addresses
//! `[0, size)` are one anonymous host mapping; no page tracking.

use crate::frontend::{CodeSource, GuestMemory};

/// xorshift64*: deterministic pseudo-random numbers for tests (a failure names its seed).
/// The seed must not be zero.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Below `n` (not zero).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub struct FlatMemory {
    base: *mut u8,
    size: usize,
    /// When set, pages holding translated code are write-protected (as user mode does) so
    /// guest stores into them are seen as self-modifying code.
    pub track_code: bool,
    protected: std::sync::Mutex<std::collections::HashSet<u64>>,
}

unsafe impl Send for FlatMemory {}
unsafe impl Sync for FlatMemory {}

impl FlatMemory {
    pub fn new(size: usize) -> FlatMemory {
        // SAFETY: a fresh anonymous mapping; failure is checked.
        let g = crate::frontend::GUARD_BYTES as usize;
        let total = size + 2 * g;
        let p = unsafe {
            libc::mmap(std::ptr::null_mut(), total, libc::PROT_NONE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE, -1, 0)
        };
        assert!(p != libc::MAP_FAILED, "mmap of test memory failed");
        // Guest memory between two inaccessible guard regions (see `GuestMemory::limit`).
        // SAFETY: inside the mapping just made.
        let p = unsafe { (p as *mut u8).add(g) } as *mut libc::c_void;
        unsafe { libc::mprotect(p, size, libc::PROT_READ | libc::PROT_WRITE) };
        FlatMemory { base: p as *mut u8, size, track_code: false, protected: Default::default() }
    }
    fn check(&self, addr: u64, len: usize) -> usize {
        let a = addr as usize;
        assert!(a.checked_add(len).is_some_and(|e| e <= self.size), "test memory access out of range");
        a
    }
    pub fn write(&self, addr: u64, data: &[u8]) {
        let a = self.check(addr, data.len());
        // SAFETY: in range of our read/write mapping (checked above).
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.base.add(a), data.len()) };
    }
    pub fn read(&self, addr: u64, len: usize) -> Vec<u8> {
        let a = self.check(addr, len);
        let mut v = vec![0u8; len];
        // SAFETY: in range of our mapping (checked above).
        unsafe { std::ptr::copy_nonoverlapping(self.base.add(a), v.as_mut_ptr(), len) };
        v
    }
    /// Makes `[addr, addr+len)` inaccessible (page-aligned), so guest accesses fault in hardware.
    pub fn protect_none(&self, addr: u64, len: usize) {
        // SAFETY: inside our mapping.
        unsafe { libc::mprotect(self.base.add(addr as usize) as *mut libc::c_void, len, libc::PROT_NONE) };
    }
}

impl Drop for FlatMemory {
    fn drop(&mut self) {
        // SAFETY: our own mapping.
        let g = crate::frontend::GUARD_BYTES as usize;
        unsafe { libc::munmap(self.base.sub(g) as *mut libc::c_void, self.size + 2 * g) };
    }
}

impl CodeSource for FlatMemory {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let end = match pc.checked_add(buf.len() as u64) {
            Some(e) => e,
            None => return false,
        };
        if end > self.size as u64 {
            return false;
        }
        // Guarded byte loads: a branch into a `protect_none` range is a fetch fault.
        for (i, b) in buf.iter_mut().enumerate() {
            // SAFETY: inside our mapping (checked above); guarded against its protection.
            match unsafe { crate::exec::guarded_load(self.base.add(pc as usize + i), 1) } {
                Some(v) => *b = v as u8,
                None => return false,
            }
        }
        true
    }
}

impl GuestMemory for FlatMemory {
    fn base(&self) -> *mut u8 {
        self.base
    }
    fn limit(&self) -> u64 {
        self.size as u64
    }
    fn code_page_added(&self, page: u64) {
        if self.track_code && (page << 12) < self.size as u64 {
            let mut p = self.protected.lock().unwrap_or_else(|e| e.into_inner());
            if p.insert(page) {
                // SAFETY: a page inside our mapping.
                unsafe { libc::mprotect(self.base.add((page << 12) as usize) as *mut libc::c_void, 4096, libc::PROT_READ) };
            }
        }
    }
    fn code_write_fault(&self, addr: u64) -> bool {
        let page = addr >> 12;
        let mut p = self.protected.lock().unwrap_or_else(|e| e.into_inner());
        if p.remove(&page) {
            // SAFETY: a page inside our mapping.
            unsafe { libc::mprotect(self.base.add((page << 12) as usize) as *mut libc::c_void, 4096, libc::PROT_READ | libc::PROT_WRITE) };
            true
        } else {
            false
        }
    }
}
