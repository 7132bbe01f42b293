//! Code memory the engine owns: one RWX mapping, bump-allocated, flushed as a whole.
//!
//! Cranelift's `JITModule` spends a page per finalised function and cannot free one (see
//! shared/notes/cranelift-probe.md), so blocks are compiled with `Context::compile` and their
//! bytes copied here. Every live buffer is registered in a global table so the fault handler
//! can tell a guest access from translated code (recoverable) from a host bug (not).
//! Direct exits are `jmp rel32` instructions inside the buffer, patched in place to link
//! blocks (see `engine.rs`).

use std::sync::atomic::{AtomicUsize, Ordering};

const MAX_REGIONS: usize = 256;
static REGIONS: [(AtomicUsize, AtomicUsize); MAX_REGIONS] = [const { (AtomicUsize::new(0), AtomicUsize::new(0)) }; MAX_REGIONS];

/// Whether `addr` lies in any engine's code buffer (async-signal-safe).
pub fn is_code_address(addr: usize) -> bool {
    REGIONS.iter().any(|(s, e)| {
        let s = s.load(Ordering::Acquire);
        s != 0 && addr >= s && addr < e.load(Ordering::Acquire)
    })
}

fn register(start: usize, end: usize) -> Option<usize> {
    for (i, (s, e)) in REGIONS.iter().enumerate() {
        if s.compare_exchange(0, usize::MAX, Ordering::AcqRel, Ordering::Acquire).is_ok() {
            e.store(end, Ordering::Release);
            s.store(start, Ordering::Release);
            return Some(i);
        }
    }
    None
}

pub struct CodeBuffer {
    base: *mut u8,
    size: usize,
    used: usize,
    region: Option<usize>,
}

// The buffer is only written by its owning engine; the raw pointer is just an address.
unsafe impl Send for CodeBuffer {}

impl CodeBuffer {
    pub fn new(size: usize) -> std::io::Result<CodeBuffer> {
        // SAFETY: a fresh anonymous mapping; failure is checked.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE | libc::PROT_EXEC,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let base = p as *mut u8;
        let region = register(base as usize, base as usize + size);
        Ok(CodeBuffer { base, size, used: 0, region })
    }

    pub fn remaining(&self) -> usize {
        self.size - self.used
    }

    /// Copies `code` in (16-byte aligned) and returns its address, or `None` when full.
    pub fn alloc(&mut self, code: &[u8]) -> Option<*const u8> {
        let start = (self.used + 15) & !15;
        if start + code.len() > self.size {
            return None;
        }
        // SAFETY: [start, start+len) lies inside our mapping, which nothing else writes.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), self.base.add(start), code.len()) };
        self.used = start + code.len();
        Some(unsafe { self.base.add(start) })
    }

    /// Overwrites bytes of code already placed (linking: a `jmp rel32` displacement).
    ///
    /// # Safety
    /// `at..at+bytes.len()` must lie inside code this buffer handed out.
    pub unsafe fn patch(&mut self, at: u64, bytes: &[u8]) {
        debug_assert!(at >= self.base as u64 && at + bytes.len() as u64 <= self.base as u64 + self.used as u64);
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), at as *mut u8, bytes.len());
    }

    /// Forgets all code and gives the memory back to the OS. No block may be running.
    pub fn reset(&mut self) {
        // SAFETY: our own mapping; the contents are dropped, the mapping stays.
        unsafe { libc::madvise(self.base as *mut libc::c_void, self.size, libc::MADV_DONTNEED) };
        self.used = 0;
    }

    pub fn used(&self) -> usize {
        self.used
    }
}

impl Drop for CodeBuffer {
    fn drop(&mut self) {
        if let Some(i) = self.region {
            REGIONS[i].0.store(0, Ordering::Release);
        }
        // SAFETY: unmapping our own mapping; no code of it runs any more.
        unsafe { libc::munmap(self.base as *mut libc::c_void, self.size) };
    }
}
