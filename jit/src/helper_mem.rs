//! Guest memory from helpers: the accesses of instructions too long or too irregular to
//! express as emitter loads and stores (s390x `MVCL`, `CLST`, `TR`, the Unicode
//! conversions ...).
//!
//! A helper declared `may_raise` builds a [`HelperMem`] from its CPU pointer and reads and
//! writes guest bytes through it. Every access is checked against the guest limit and made
//! with the engine's guarded host accesses, so an unmapped or protected guest page never
//! faults the host: the access returns `Err(MemFault)`, having recorded the guest address in
//! the header and raised [`HELPER_FAULT`]. The helper then returns at once (its instruction
//! is abandoned, registers as before it), and the engine treats the exit exactly like a
//! faulting load or store of translated code: a write to a page that only holds translated
//! code drops that code and the instruction runs again; anything else is the guest's fault.
//!
//! Invariant for helpers: an instruction that may run again after a code-page write fault
//! must be restartable — either it changes no guest memory before its first possible fault
//! ([`HelperMem::probe_write`] the destination first), or running it again from the start
//! gives the same result (no operand overlaps what it already wrote).
//!
//! User mode only: guest addresses are offsets into one host reservation.

use crate::cpu::CpuHeader;
use crate::exec;

/// The `CpuHeader::exception` value of a helper's memory fault (never a front end's
/// exception number: the engine turns it into a fault exit).
pub const HELPER_FAULT: u32 = u32::MAX;

/// A helper's guest memory access faulted; the header says where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemFault;

/// Guest memory as one helper invocation sees it.
pub struct HelperMem {
    hdr: *mut CpuHeader,
    base: *mut u8,
    limit: u64,
}

impl HelperMem {
    /// # Safety
    /// `cpu` is the CPU pointer a helper received (a struct starting with a `CpuHeader`
    /// whose `mem_base`/`mem_limit` the engine set).
    pub unsafe fn from_cpu(cpu: *mut u8) -> HelperMem {
        let hdr = cpu as *mut CpuHeader;
        HelperMem { hdr, base: (*hdr).mem_base as *mut u8, limit: (*hdr).mem_limit }
    }

    fn fault(&self, addr: u64, write: bool) -> MemFault {
        // SAFETY: `from_cpu`'s contract.
        let h = unsafe { &mut *self.hdr };
        h.fault_addr = addr;
        h.fault_write = write as u64;
        h.exception = HELPER_FAULT;
        MemFault
    }

    fn host(&self, addr: u64, size: usize) -> Option<*mut u8> {
        let end = addr.checked_add(size as u64)?;
        if end > self.limit {
            return None;
        }
        Some(self.base.wrapping_add(addr as usize))
    }

    /// Reads `size` (1, 2, 4, 8) bytes at `addr` as a big-endian number.
    pub fn load_be(&self, addr: u64, size: usize) -> Result<u64, MemFault> {
        let Some(p) = self.host(addr, size) else { return Err(self.fault(addr, false)) };
        // SAFETY: `p` lies inside the guest reservation; the guarded load survives faults.
        match unsafe { exec::guarded_load(p, size) } {
            Some(v) => Ok(match size {
                1 => v,
                2 => (v as u16).swap_bytes() as u64,
                4 => (v as u32).swap_bytes() as u64,
                _ => v.swap_bytes(),
            }),
            None => Err(self.fault(addr, false)),
        }
    }

    /// Writes the low `size` (1, 2, 4, 8) bytes of `v` at `addr`, big-endian.
    pub fn store_be(&self, addr: u64, size: usize, v: u64) -> Result<(), MemFault> {
        let Some(p) = self.host(addr, size) else { return Err(self.fault(addr, true)) };
        let raw = match size {
            1 => v,
            2 => (v as u16).swap_bytes() as u64,
            4 => (v as u32).swap_bytes() as u64,
            _ => v.swap_bytes(),
        };
        // SAFETY: as in `load_be`.
        if unsafe { exec::guarded_store(p, size, raw) } { Ok(()) } else { Err(self.fault(addr, true)) }
    }

    /// Reads the 16 bytes at `addr` (16-byte aligned: as one single-copy-atomic access) as a
    /// big-endian number.
    pub fn load_be128(&self, addr: u64) -> Result<u128, MemFault> {
        let Some(p) = self.host(addr, 16) else { return Err(self.fault(addr, false)) };
        // SAFETY: as in `load_be`.
        let raw = unsafe {
            if addr % 16 == 0 {
                exec::guarded_load128(p)
            } else {
                match (exec::guarded_load(p, 8), exec::guarded_load(p.wrapping_add(8), 8)) {
                    (Some(lo), Some(hi)) => Some((hi as u128) << 64 | lo as u128),
                    _ => None,
                }
            }
        };
        match raw {
            Some(v) => Ok(v.swap_bytes()),
            None => Err(self.fault(addr, false)),
        }
    }

    /// Atomic compare-and-swap of `size` (1, 2, 4, 8, or 16 at a 16-byte aligned `addr`)
    /// bytes, values big-endian in guest memory: stores `new` if the memory equals
    /// `expected`; returns the old value. Faults like a store.
    pub fn cas_be(&self, addr: u64, size: usize, expected: u128, new: u128) -> Result<u128, MemFault> {
        let Some(p) = self.host(addr, size) else { return Err(self.fault(addr, true)) };
        let swap = |v: u128| v.swap_bytes() >> (128 - 8 * size as u32);
        // SAFETY: as in `load_be`.
        let old = unsafe {
            match size {
                16 if addr % 16 == 0 => exec::guarded_cas128(p, expected.swap_bytes(), new.swap_bytes()),
                1 | 2 | 4 | 8 => exec::guarded_cas(p, size, swap(expected) as u64, swap(new) as u64).map(|v| v as u128),
                _ => None,
            }
        };
        match old {
            Some(v) => Ok(swap(v)),
            None => Err(self.fault(addr, true)),
        }
    }

    /// The fault of a failed bulk access: the guest address the host fault hit (the first
    /// byte beyond the limit if the range crossed it).
    fn bulk_fault(&self, addr: u64, n: u64, write: bool) -> MemFault {
        if addr.checked_add(n).is_none_or(|end| end > self.limit) {
            return self.fault(addr.max(self.limit), write);
        }
        let f = exec::last_access_fault();
        let g = f.host_addr.wrapping_sub(self.base as u64);
        self.fault(if g < self.limit { g } else { addr }, f.write)
    }

    /// Copies `n` bytes from guest `src` to guest `dst`, left to right with the result of
    /// single-byte moves (a destination overlapping the source just to its right propagates
    /// bytes: s390x `MVC`). Addresses do not wrap. On a fault a prefix of the destination
    /// may have been written: callers probe first where that matters.
    #[inline]
    pub fn copy(&self, dst: u64, src: u64, n: u64) -> Result<(), MemFault> {
        if n == 0 {
            return Ok(());
        }
        let Some(s) = self.host(src, n as usize) else { return Err(self.bulk_fault(src, n, false)) };
        let Some(d) = self.host(dst, n as usize) else { return Err(self.bulk_fault(dst, n, true)) };
        // SAFETY: both ranges lie inside the guest reservation; the copy is guarded.
        if unsafe { exec::guarded_copy(d, s, n as usize) } { Ok(()) } else { Err(self.bulk_fault(dst, n, true)) }
    }

    /// Sets `n` guest bytes from `dst` to `v` (no wrap; a prefix may be written on a fault).
    #[inline]
    pub fn fill(&self, dst: u64, v: u8, n: u64) -> Result<(), MemFault> {
        if n == 0 {
            return Ok(());
        }
        let Some(d) = self.host(dst, n as usize) else { return Err(self.bulk_fault(dst, n, true)) };
        // SAFETY: as in `copy`.
        if unsafe { exec::guarded_fill(d, v, n as usize) } { Ok(()) } else { Err(self.bulk_fault(dst, n, true)) }
    }

    /// Reads `buf.len()` guest bytes from `addr` (no wrap).
    pub fn read_bytes(&self, addr: u64, buf: &mut [u8]) -> Result<(), MemFault> {
        let n = buf.len() as u64;
        if n == 0 {
            return Ok(());
        }
        let Some(s) = self.host(addr, buf.len()) else { return Err(self.bulk_fault(addr, n, false)) };
        // SAFETY: the source lies inside the guest reservation, the destination is the
        // caller's buffer; guarded.
        if unsafe { exec::guarded_copy(buf.as_mut_ptr(), s, buf.len()) } { Ok(()) } else { Err(self.bulk_fault(addr, n, false)) }
    }

    /// Writes `buf` to guest memory at `addr` (no wrap; a prefix may be written on a fault).
    pub fn write_bytes(&self, addr: u64, buf: &[u8]) -> Result<(), MemFault> {
        let n = buf.len() as u64;
        if n == 0 {
            return Ok(());
        }
        let Some(d) = self.host(addr, buf.len()) else { return Err(self.bulk_fault(addr, n, true)) };
        // SAFETY: as in `read_bytes`.
        if unsafe { exec::guarded_copy(d, buf.as_ptr(), buf.len()) } { Ok(()) } else { Err(self.bulk_fault(addr, n, true)) }
    }

    /// The first index below `n` at which the guest bytes from `a` and from `b` differ or
    /// `a`'s byte is `stop`, else `n`. `None` if a byte it needed is not readable — it
    /// records no fault then: the caller goes on byte by byte to find the exact one.
    pub fn mismatch_or(&self, a: u64, b: u64, n: usize, stop: u8) -> Option<usize> {
        let (pa, pb) = (self.host(a, n)?, self.host(b, n)?);
        // SAFETY: both ranges lie inside the guest reservation; guarded.
        unsafe { exec::guarded_mismatch_or(pa, pb, n, stop) }
    }

    /// The first index below `n` at which the guest byte from `a` is `c`, else `n`; `None`
    /// (no fault recorded) if a byte it needed is not readable.
    pub fn find_byte(&self, a: u64, n: usize, c: u8) -> Option<usize> {
        let p = self.host(a, n)?;
        // SAFETY: as in `mismatch_or`.
        unsafe { exec::guarded_find_byte(p, n, c) }
    }

    pub fn read_u8(&self, addr: u64) -> Result<u8, MemFault> {
        self.load_be(addr, 1).map(|v| v as u8)
    }

    pub fn write_u8(&self, addr: u64, v: u8) -> Result<(), MemFault> {
        self.store_be(addr, 1, v as u64)
    }

    /// Checks that `len` bytes from `addr` are readable (one access per page).
    pub fn probe_read(&self, addr: u64, len: u64) -> Result<(), MemFault> {
        self.probe(addr, len, false)
    }

    /// Checks that `len` bytes from `addr` are writable without changing them (a locked
    /// compare-exchange of each page's first byte with itself).
    pub fn probe_write(&self, addr: u64, len: u64) -> Result<(), MemFault> {
        self.probe(addr, len, true)
    }

    fn probe(&self, addr: u64, len: u64, write: bool) -> Result<(), MemFault> {
        match self.first_inaccessible(addr, len, write) {
            Some(a) => Err(self.fault(a, write)),
            None => Ok(()),
        }
    }

    /// The first page start (or `addr`) in `len` bytes from `addr` that cannot be read (or
    /// written, without changing it: a locked compare-exchange of a byte with itself);
    /// `None` if all can. Raises nothing.
    fn first_inaccessible(&self, addr: u64, len: u64, write: bool) -> Option<u64> {
        if len == 0 {
            return None;
        }
        let mut a = addr;
        loop {
            let Some(p) = self.host(a, 1) else { return Some(a) };
            // SAFETY: as in `load_be`.
            let ok = unsafe {
                match exec::guarded_load(p, 1) {
                    Some(v) if write => exec::guarded_cas(p, 1, v, v).is_some(),
                    Some(_) => true,
                    None => false,
                }
            };
            if !ok {
                return Some(a);
            }
            let next = (a | 0xfff).wrapping_add(1);
            // Stop once the next page starts at or beyond the end (with wrap-around).
            if next.wrapping_sub(addr) >= len || next == 0 {
                return None;
            }
            a = next;
        }
    }
}

/// The interpreter backend over a helper's memory (an instruction a helper runs itself, such
/// as the target of s390x `EXECUTE`). Faults are reported to the interpreter, which returns
/// them as its outcome; nothing is raised here.
impl crate::interp::InterpMemory for HelperMem {
    fn load(&mut self, addr: u64, size: usize) -> Option<u128> {
        let p = self.host(addr, size)?;
        let mut v = 0u128;
        let mut i = 0;
        while i < size {
            let chunk = if size - i >= 8 { 8 } else { 1 };
            // SAFETY: inside the guest reservation; guarded.
            let x = unsafe { exec::guarded_load(p.wrapping_add(i), chunk)? };
            v |= (x as u128) << (8 * i);
            i += chunk;
        }
        Some(v)
    }
    fn store(&mut self, addr: u64, bytes: &[u8]) -> bool {
        let Some(p) = self.host(addr, bytes.len()) else { return false };
        // All bytes must be writable before any is written.
        if self.first_inaccessible(addr, bytes.len() as u64, true).is_some() {
            return false;
        }
        // SAFETY: as above.
        unsafe { exec::guarded_copy(p, bytes.as_ptr(), bytes.len()) }
    }
    fn cas(&mut self, addr: u64, size: usize, expected: u128, new: u128) -> Option<u128> {
        let p = self.host(addr, size)?;
        if matches!(size, 1 | 2 | 4 | 8) {
            // SAFETY: as above.
            return unsafe { exec::guarded_cas(p, size, expected as u64, new as u64) }.map(|v| v as u128);
        }
        if size == 16 && addr % 16 == 0 {
            // SAFETY: as above.
            return unsafe { exec::guarded_cas128(p, expected, new) };
        }
        let old = self.load(addr, size)?;
        if old == expected && !self.store(addr, &new.to_le_bytes()[..size]) {
            return None;
        }
        Some(old)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three 4 KiB guest pages: 0 read-write, 1 inaccessible, 2 read-only.
    struct Guest {
        base: *mut u8,
        hdr: CpuHeader,
    }

    impl Guest {
        fn new() -> Guest {
            // SAFETY: a fresh anonymous mapping owned by the test.
            let base = unsafe {
                let p = libc::mmap(std::ptr::null_mut(), 3 * 4096, libc::PROT_READ | libc::PROT_WRITE, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0);
                assert_ne!(p, libc::MAP_FAILED);
                let p = p as *mut u8;
                for i in 0..3 * 4096 {
                    *p.add(i) = i as u8;
                }
                libc::mprotect(p.add(4096) as *mut libc::c_void, 4096, libc::PROT_NONE);
                libc::mprotect(p.add(8192) as *mut libc::c_void, 4096, libc::PROT_READ);
                p
            };
            let hdr = CpuHeader { mem_base: base as u64, mem_limit: 3 * 4096, ..Default::default() };
            Guest { base, hdr }
        }
        fn mem(&mut self) -> HelperMem {
            // SAFETY: the header heads no larger struct, and HelperMem only touches the header.
            unsafe { HelperMem::from_cpu(&mut self.hdr as *mut CpuHeader as *mut u8) }
        }
        fn byte(&self, a: usize) -> u8 {
            // SAFETY: inside the mapping (callers use readable pages).
            unsafe { *self.base.add(a) }
        }
    }

    impl Drop for Guest {
        fn drop(&mut self) {
            // SAFETY: the mapping made in `new`.
            unsafe { libc::munmap(self.base as *mut libc::c_void, 3 * 4096) };
        }
    }

    #[test]
    fn copy_one_byte_right_propagates_like_single_byte_moves() {
        let mut g = Guest::new();
        let m = g.mem();
        // Destination one byte right of the source: every byte becomes the first one.
        m.copy(0x101, 0x100, 8).unwrap();
        drop(m);
        assert_eq!((0x100..0x109).map(|a| g.byte(a)).collect::<Vec<_>>(), vec![0; 9]);
        assert_eq!(g.byte(0x109), 0x09);
    }

    #[test]
    fn copies_of_every_short_length_and_overlap_match_single_byte_moves() {
        for n in 0..80u64 {
            for dist in [-9i64, -8, -1, 0, 1, 3, 8, 9, 100] {
                let mut g = Guest::new();
                let (src, dst) = (0x400u64, (0x400 + dist) as u64);
                let mut want: Vec<u8> = (0..0x1000).map(|i| i as u8).collect();
                for i in 0..n as usize {
                    want[dst as usize + i] = want[src as usize + i];
                }
                let m = g.mem();
                m.copy(dst, src, n).unwrap();
                drop(m);
                let got: Vec<u8> = (0..0x1000).map(|a| g.byte(a)).collect();
                assert!(got == want, "n {n} dist {dist}");
            }
        }
        // Short copies fault at the first inaccessible byte, too.
        let mut g = Guest::new();
        let m = g.mem();
        let mut buf = [0u8; 24];
        assert_eq!(m.read_bytes(0xff0, &mut buf), Err(MemFault));
        drop(m);
        assert_eq!((g.hdr.fault_addr, g.hdr.fault_write), (0x1000, 0));
    }

    #[test]
    fn fills_of_every_short_length_set_exactly_their_bytes() {
        for n in 0..80u64 {
            for (start, v) in [(0x400u64, 0xa5u8), (0x403, 0x00), (0xfb1, 0xff)] {
                let mut g = Guest::new();
                let mut want: Vec<u8> = (0..0x1000).map(|i| i as u8).collect();
                for i in 0..n as usize {
                    want[start as usize + i] = v;
                }
                let m = g.mem();
                m.fill(start, v, n.min(0x1000 - start)).unwrap();
                drop(m);
                let got: Vec<u8> = (0..0x1000).map(|a| g.byte(a)).collect();
                assert!(got == want, "n {n} start {start:#x}");
            }
        }
        // A short fill into the read-only page writes nothing.
        let mut g = Guest::new();
        let m = g.mem();
        assert_eq!(m.fill(0x2100, 0xaa, 24), Err(MemFault));
        drop(m);
        assert_eq!(((0x2100..0x2118).map(|a| g.byte(a)).collect::<Vec<_>>(), g.hdr.fault_addr), ((0x2100..0x2118).map(|a| a as u8).collect(), 0x2100));
    }

    #[test]
    fn bulk_accesses_report_the_guest_address_and_direction_of_a_fault() {
        let mut g = Guest::new();
        let m = g.mem();
        let mut buf = [0u8; 16];
        m.read_bytes(0x10, &mut buf).unwrap();
        assert_eq!(buf[0], 0x10);
        // Reading across into the inaccessible page faults at its first byte.
        assert_eq!(m.read_bytes(0xff8, &mut buf), Err(MemFault));
        drop(m);
        assert_eq!((g.hdr.fault_addr, g.hdr.fault_write, g.hdr.exception), (0x1000, 0, HELPER_FAULT));
        let m = g.mem();
        // Writing the read-only page faults as a write at the first byte written there.
        assert_eq!(m.fill(0x1ff0 + 0x1000, 0xaa, 4), Err(MemFault));
        drop(m);
        assert_eq!((g.hdr.fault_addr, g.hdr.fault_write), (0x2ff0, 1));
        assert_eq!(g.byte(0x2ff0), 0xf0, "a read-only byte is unchanged");
        let m = g.mem();
        // Beyond the guest limit: the first byte past it.
        assert_eq!(m.write_bytes(0x2ffc, &buf[..8]), Err(MemFault));
        drop(m);
        assert_eq!(g.hdr.fault_addr, 0x3000);
        let m = g.mem();
        // Copy from readable into read-only memory.
        assert_eq!(m.copy(0x2800, 0x800, 4), Err(MemFault));
        drop(m);
        assert_eq!((g.hdr.fault_addr, g.hdr.fault_write), (0x2800, 1));
    }
}
