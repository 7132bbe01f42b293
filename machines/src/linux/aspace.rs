//! The guest address space of a Linux user-mode process.
//!
//! Guest memory is one host reservation (`PROT_NONE`, `MAP_NORESERVE`) of [`LIMIT`] bytes
//! (plus the engine's inaccessible guard region after it):
//! guest address `A` lives at host `base + A`, so translated code accesses memory with one
//! add. Guest mappings are host `mmap(MAP_FIXED)`/`mprotect` calls inside the reservation;
//! unmapping puts the `PROT_NONE` reservation back, so the host never places anything of its
//! own in the guest's range.
//!
//! Invariants:
//! - The page table ([`Vma`]s keyed by start) records the guest's view at 4 KiB granularity
//!   (the host page size). The guest is told its page size is [`GUEST_PAGE`] (64 KiB, as on
//!   ppc64 Linux); the `guest_*` operations enforce that alignment, the loader may use 4 KiB.
//! - Host protection = guest protection, except that guest-executable memory is host-readable
//!   (instruction fetch reads it) and pages in `code_pages` — pages holding translated code
//!   that the guest may write — are host read-only until the guest writes them
//!   ([`GuestMemory::code_write_fault`]).
//! - Every change that can make translated code stale (unmapping, replacing, losing execute
//!   permission, a system call writing a code page) queues the range for every guest thread
//!   (each has its own engine and translation cache): the thread's syscall layer hands its
//!   queue to its engine ([`AddressSpace::take_invalidations`]), and the other threads are
//!   asked to stop at their next block boundary (their `exit_request` word, registered with
//!   [`AddressSpace::add_watcher`]) to do the same. A guest store to a code page
//!   ([`GuestMemory::code_write_fault`]) is queued for the other threads only: the writing
//!   thread's engine drops its own translations at once.
//! - System calls touch guest memory only through the checked functions here, which verify
//!   the page table first: a bad guest pointer is `EFAULT`, never a host fault.

use jit::frontend::{CodeSource, GuestMemory};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

/// Size of the guest address space (guest addresses are below this).
pub const LIMIT: u64 = 1 << 40;
/// The default page size the guest is told about (AT_PAGESZ) and that mmap & co. align to
/// (64 KiB, as ppc64 Linux); a target with another page size sets it with
/// [`AddressSpace::set_page_size`] (s390x: 4 KiB).
pub const GUEST_PAGE: u64 = 0x1_0000;
/// The host page size: the granularity of the page table and host protections.
pub const HOST_PAGE: u64 = 0x1000;

pub const PROT_READ: u32 = 1;
pub const PROT_WRITE: u32 = 2;
pub const PROT_EXEC: u32 = 4;

/// Lowest address `mmap` hands out without a hint (Linux `mmap_min_addr` is 64 KiB).
pub const MMAP_MIN: u64 = 0x1_0000;

pub fn align_up(x: u64, a: u64) -> u64 {
    (x + a - 1) & !(a - 1)
}
pub fn align_down(x: u64, a: u64) -> u64 {
    x & !(a - 1)
}

/// What backs a mapping (for bookkeeping and, later, /proc/self/maps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backing {
    Anon,
    File,
}

/// One guest mapping `[start, end)` (start is the map key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vma {
    pub end: u64,
    /// Guest `PROT_*` bits.
    pub prot: u32,
    pub shared: bool,
    pub backing: Backing,
}

/// The placement part of an `mmap` request, decoded from the ISA's flag bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MapFlags {
    pub shared: bool,
    pub fixed: bool,
    pub fixed_noreplace: bool,
    pub anonymous: bool,
}

/// `EFAULT`: a guest pointer that does not point at memory with the needed permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Efault;

impl From<Efault> for i32 {
    fn from(_: Efault) -> i32 {
        libc::EFAULT
    }
}

struct Inner {
    vmas: BTreeMap<u64, Vma>,
    /// 4 KiB pages (address >> 12) holding translated code that are host read-only although
    /// the guest may write them.
    code_pages: BTreeSet<u64>,
    /// One per guest thread: its pending invalidations and how to interrupt it.
    watchers: Vec<Watcher>,
    /// Top of the area `mmap` allocates from (downwards).
    mmap_top: u64,
    brk_start: u64,
    brk_cur: u64,
}

/// A guest thread's view of code invalidations.
struct Watcher {
    /// Host thread id of the thread running the guest thread.
    tid: i32,
    queue: Vec<(u64, u64)>,
    /// Address of the thread's `exit_request` word (0: none registered yet).
    kick: usize,
}

fn gettid() -> i32 {
    // SAFETY: no arguments, cannot fail.
    unsafe { libc::gettid() }
}

pub struct AddressSpace {
    base: *mut u8,
    limit: u64,
    big_endian: bool,
    /// The guest page size (a power of two, a multiple of [`HOST_PAGE`]).
    page: u64,
    inner: Mutex<Inner>,
}

// SAFETY: `base` points at a reservation owned by this struct for its whole life; all
// bookkeeping is behind the mutex.
unsafe impl Send for AddressSpace {}
unsafe impl Sync for AddressSpace {}

fn host_prot(prot: u32) -> i32 {
    let mut p = libc::PROT_NONE;
    if prot & (PROT_READ | PROT_EXEC) != 0 {
        p |= libc::PROT_READ;
    }
    if prot & PROT_WRITE != 0 {
        p |= libc::PROT_READ | libc::PROT_WRITE;
    }
    p
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

impl AddressSpace {
    /// Reserves `limit` bytes of host address space. `big_endian` is the byte order of the
    /// typed accessors (`read_u64` & co.).
    pub fn new(limit: u64, big_endian: bool) -> Result<AddressSpace, crate::Error> {
        // SAFETY: a fresh anonymous PROT_NONE mapping; nothing else refers to it.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                (limit + 2 * jit::frontend::GUARD_BYTES) as usize,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(crate::Error::Host(format!(
                "cannot reserve {} GiB of address space for guest memory: {}",
                limit >> 30,
                std::io::Error::last_os_error()
            )));
        }
        // Guest address 0 sits after the lower guard region.
        let p = (p as *mut u8).wrapping_add(jit::frontend::GUARD_BYTES as usize) as *mut libc::c_void;
        Ok(AddressSpace {
            base: p as *mut u8,
            limit,
            big_endian,
            page: GUEST_PAGE,
            inner: Mutex::new(Inner {
                vmas: BTreeMap::new(),
                code_pages: BTreeSet::new(),
                watchers: vec![Watcher { tid: gettid(), queue: Vec::new(), kick: 0 }],
                mmap_top: limit,
                brk_start: 0,
                brk_cur: 0,
            }),
        })
    }

    /// Sets the guest page size (before the address space is shared).
    pub fn set_page_size(&mut self, page: u64) {
        assert!(page.is_power_of_two() && page % HOST_PAGE == 0);
        self.page = page;
    }
    /// The guest page size (AT_PAGESZ; what mmap, munmap, mprotect ... align to).
    pub fn page(&self) -> u64 {
        self.page
    }
    /// `len` rounded up to whole guest pages, or `None` if that overflows.
    pub fn guest_len(&self, len: u64) -> Option<u64> {
        Some(len.checked_add(self.page - 1)? & !(self.page - 1))
    }
    pub fn big_endian(&self) -> bool {
        self.big_endian
    }

    /// Size of the guest address space (addresses are below this).
    pub fn size(&self) -> u64 {
        self.limit
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    fn in_range(&self, start: u64, len: u64) -> bool {
        start.checked_add(len).is_some_and(|e| e <= self.limit)
    }

    /// Sets where top-down `mmap` placement starts.
    pub fn set_mmap_top(&self, top: u64) {
        self.lock().mmap_top = top;
    }

    /// All mappings, in address order (adjacent equal ones not merged).
    pub fn mappings(&self) -> Vec<(u64, Vma)> {
        self.lock().vmas.iter().map(|(k, v)| (*k, *v)).collect()
    }

    /// The guest protection of the page holding `addr`, or `None` if unmapped.
    pub fn prot_at(&self, addr: u64) -> Option<u32> {
        let g = self.lock();
        Self::vma_at(&g, addr).map(|(_, v)| v.prot)
    }

    /// Ranges whose translations the calling thread must drop, collected since its last call.
    pub fn take_invalidations(&self) -> Vec<(u64, u64)> {
        self.take_invalidations_of(gettid())
    }

    /// [`AddressSpace::take_invalidations`] for guest thread `tid` (the caller's host thread
    /// id, known to it: saves a system call on every guest system call).
    pub fn take_invalidations_of(&self, tid: i32) -> Vec<(u64, u64)> {
        let mut g = self.lock();
        match g.watchers.iter_mut().find(|w| w.tid == tid) {
            Some(w) if !w.queue.is_empty() => std::mem::take(&mut w.queue),
            _ => Vec::new(),
        }
    }

    /// Registers guest thread `tid` (a host thread id) for invalidations, or updates its
    /// `exit_request` word. `kick` must stay valid until [`AddressSpace::remove_watcher`].
    pub fn add_watcher(&self, tid: i32, kick: *mut u32) {
        let mut g = self.lock();
        match g.watchers.iter_mut().find(|w| w.tid == tid) {
            Some(w) => w.kick = kick as usize,
            None => g.watchers.push(Watcher { tid, queue: Vec::new(), kick: kick as usize }),
        }
    }

    /// Forgets guest thread `tid`; returns how many threads remain.
    pub fn remove_watcher(&self, tid: i32) -> usize {
        let mut g = self.lock();
        g.watchers.retain(|w| w.tid != tid);
        g.watchers.len()
    }

    /// In a forked child: only the forking thread (`parent_tid`, now `child_tid`) survives.
    pub fn after_fork_child(&self, parent_tid: i32, child_tid: i32) {
        let mut g = self.lock();
        g.watchers.retain(|w| w.tid == parent_tid);
        for w in g.watchers.iter_mut() {
            w.tid = child_tid;
        }
    }

    /// Number of guest threads registered.
    pub fn thread_count(&self) -> usize {
        self.lock().watchers.len()
    }

    /// Queues `[start, start+len)` for every thread (except `skip`) and interrupts the others.
    fn invalidate(g: &mut Inner, start: u64, len: u64, skip: Option<i32>) {
        let me = gettid();
        for w in g.watchers.iter_mut() {
            if Some(w.tid) == skip {
                continue;
            }
            w.queue.push((start, len));
            if w.tid != me && w.kick != 0 {
                // SAFETY: registered by the thread for as long as it runs (see add_watcher);
                // the word is only ever accessed as a 32-bit flag.
                unsafe { std::sync::atomic::AtomicU32::from_ptr(w.kick as *mut u32) }.store(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    }

    // ---- page table primitives -------------------------------------------------------

    fn vma_at(g: &Inner, addr: u64) -> Option<(u64, Vma)> {
        let (&s, v) = g.vmas.range(..=addr).next_back()?;
        (v.end > addr).then_some((s, *v))
    }

    /// Whether `[start, start+len)` is entirely mapped with at least `need` permissions.
    fn covered(g: &Inner, start: u64, len: u64, need: u32) -> bool {
        let end = start + len;
        let mut at = start;
        while at < end {
            match Self::vma_at(g, at) {
                Some((_, v)) if v.prot & need == need => at = v.end,
                _ => return false,
            }
        }
        true
    }

    fn overlaps(g: &Inner, start: u64, end: u64) -> Vec<(u64, Vma)> {
        let mut out = Vec::new();
        for (&s, v) in g.vmas.range(..end).rev() {
            if v.end <= start {
                break;
            }
            out.push((s, *v));
        }
        out.reverse();
        out
    }

    /// Removes `[start, end)` from the page table, splitting mappings that straddle it.
    fn carve(g: &mut Inner, start: u64, end: u64) {
        for (s, v) in Self::overlaps(g, start, end) {
            g.vmas.remove(&s);
            if s < start {
                g.vmas.insert(s, Vma { end: start, ..v });
            }
            if v.end > end {
                g.vmas.insert(end, v);
            }
        }
    }

    fn is_free_locked(g: &Inner, start: u64, len: u64) -> bool {
        Self::overlaps(g, start, start + len).is_empty()
    }

    /// Forgets code-tracking of pages in the range (their host protection is being reset).
    fn drop_code_pages(g: &mut Inner, start: u64, end: u64) {
        let pages: Vec<u64> = g.code_pages.range(start >> 12..(end + HOST_PAGE - 1) >> 12).copied().collect();
        for p in pages {
            g.code_pages.remove(&p);
        }
    }

    fn host_mmap(&self, start: u64, len: u64, prot: i32, flags: i32, fd: i32, off: i64) -> Result<(), i32> {
        // SAFETY: the range is inside our reservation (checked by callers); MAP_FIXED only
        // replaces guest pages.
        let p = unsafe {
            libc::mmap(self.base.add(start as usize) as *mut libc::c_void, len as usize, prot, flags | libc::MAP_FIXED, fd, off)
        };
        if p == libc::MAP_FAILED { Err(errno()) } else { Ok(()) }
    }

    fn host_reserve(&self, start: u64, len: u64) {
        let _ = self.host_mmap(
            start,
            len,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        );
    }

    fn host_mprotect(&self, start: u64, len: u64, prot: i32) -> Result<(), i32> {
        // SAFETY: inside our reservation.
        let r = unsafe { libc::mprotect(self.base.add(start as usize) as *mut libc::c_void, len as usize, prot) };
        if r != 0 { Err(errno()) } else { Ok(()) }
    }

    // ---- mapping (4 KiB granularity; the loader and the guest_* operations use these) --

    /// Maps zeroed memory at `[start, start+len)` (4 KiB aligned), replacing what was there.
    pub fn map_anon(&self, start: u64, len: u64, prot: u32, shared: bool) -> Result<(), i32> {
        if !start.is_multiple_of(HOST_PAGE) || len == 0 || !self.in_range(start, len) {
            return Err(libc::EINVAL);
        }
        let len = align_up(len, HOST_PAGE);
        let mut g = self.lock();
        let flags = libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | if shared { libc::MAP_SHARED } else { libc::MAP_PRIVATE };
        self.host_mmap(start, len, host_prot(prot), flags, -1, 0)?;
        self.replace(&mut g, start, len, Vma { end: start + len, prot, shared, backing: Backing::Anon });
        Ok(())
    }

    /// Maps `len` bytes of `fd` from `offset` at `start`. Pages past the end of a regular
    /// file are mapped as zeroes (a 64 KiB guest page may extend past the file's last 4 KiB
    /// host page, where the guest expects zeroes rather than SIGBUS).
    pub fn map_file(&self, start: u64, len: u64, prot: u32, shared: bool, fd: i32, offset: u64) -> Result<(), i32> {
        if !start.is_multiple_of(HOST_PAGE) || !offset.is_multiple_of(HOST_PAGE) || len == 0 || !self.in_range(start, len) {
            return Err(libc::EINVAL);
        }
        let len = align_up(len, HOST_PAGE);
        // SAFETY: fstat on a guest-provided descriptor; a bad one is EBADF.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } != 0 {
            return Err(errno());
        }
        let file_len = if st.st_mode & libc::S_IFMT == libc::S_IFREG {
            let avail = align_up((st.st_size as u64).saturating_sub(offset), HOST_PAGE);
            avail.min(len)
        } else {
            len
        };
        let mut g = self.lock();
        let hp = host_prot(prot);
        let share = if shared { libc::MAP_SHARED } else { libc::MAP_PRIVATE };
        if file_len > 0 {
            self.host_mmap(start, file_len, hp, share, fd, offset as i64)?;
        }
        if file_len < len {
            if let Err(e) =
                self.host_mmap(start + file_len, len - file_len, hp, libc::MAP_PRIVATE | libc::MAP_ANONYMOUS, -1, 0)
            {
                self.host_reserve(start, file_len);
                return Err(e);
            }
        }
        self.replace(&mut g, start, len, Vma { end: start + len, prot, shared, backing: Backing::File });
        Ok(())
    }

    fn replace(&self, g: &mut Inner, start: u64, len: u64, vma: Vma) {
        if !Self::is_free_locked(g, start, len) {
            Self::invalidate(g, start, len, None);
        }
        Self::drop_code_pages(g, start, start + len);
        Self::carve(g, start, start + len);
        g.vmas.insert(start, vma);
    }

    /// Unmaps `[start, start+len)` (4 KiB aligned); unmapped parts are fine.
    pub fn unmap(&self, start: u64, len: u64) -> Result<(), i32> {
        if !start.is_multiple_of(HOST_PAGE) || !self.in_range(start, len) {
            return Err(libc::EINVAL);
        }
        let len = align_up(len, HOST_PAGE);
        if len == 0 {
            return Ok(());
        }
        let mut g = self.lock();
        if Self::is_free_locked(&g, start, len) {
            return Ok(());
        }
        self.host_reserve(start, len);
        Self::invalidate(&mut g, start, len, None);
        Self::drop_code_pages(&mut g, start, start + len);
        Self::carve(&mut g, start, start + len);
        Ok(())
    }

    /// Changes the protection of `[start, start+len)`; `ENOMEM` if any of it is unmapped.
    pub fn protect(&self, start: u64, len: u64, prot: u32) -> Result<(), i32> {
        if !start.is_multiple_of(HOST_PAGE) || !self.in_range(start, len) {
            return Err(libc::EINVAL);
        }
        let len = align_up(len, HOST_PAGE);
        if len == 0 {
            return Ok(());
        }
        let end = start + len;
        let mut g = self.lock();
        if !Self::covered(&g, start, len, 0) {
            return Err(libc::ENOMEM);
        }
        self.host_mprotect(start, len, host_prot(prot))?;
        let parts = Self::overlaps(&g, start, end);
        if prot & PROT_EXEC == 0 {
            if parts.iter().any(|(_, v)| v.prot & PROT_EXEC != 0) {
                Self::invalidate(&mut g, start, len, None);
            }
            Self::drop_code_pages(&mut g, start, end);
        } else if prot & PROT_WRITE != 0 {
            // Translated code stays valid; keep its pages write-tracked.
            let pages: Vec<u64> = g.code_pages.range(start >> 12..end >> 12).copied().collect();
            for p in pages {
                let _ = self.host_mprotect(p << 12, HOST_PAGE, host_prot(prot & !PROT_WRITE));
            }
        }
        Self::carve(&mut g, start, end);
        for (s, v) in parts {
            let s = s.max(start);
            let e = v.end.min(end);
            g.vmas.insert(s, Vma { end: e, prot, ..v });
        }
        Ok(())
    }

    /// Whether no part of `[start, start+len)` is mapped.
    pub fn is_free(&self, start: u64, len: u64) -> bool {
        self.in_range(start, len) && Self::is_free_locked(&self.lock(), start, len)
    }

    /// The highest free, `align`-aligned range of `len` bytes below the mmap top.
    fn find_free_locked(&self, g: &Inner, len: u64, align: u64) -> Option<u64> {
        let mut top = g.mmap_top.min(self.limit);
        loop {
            let start = align_down(top.checked_sub(len)?, align);
            if start < MMAP_MIN {
                return None;
            }
            match Self::overlaps(g, start, start + len).first() {
                None => return Some(start),
                Some((s, _)) => top = *s,
            }
        }
    }

    pub fn find_free(&self, len: u64, align: u64) -> Option<u64> {
        let g = self.lock();
        self.find_free_locked(&g, len, align)
    }

    // ---- guest-visible memory management (64 KiB pages) ------------------------------

    /// `mmap`: returns the guest address. `fd`/`offset` are used unless `flags.anonymous`.
    pub fn guest_mmap(&self, addr: u64, len: u64, prot: u32, flags: MapFlags, fd: i32, offset: u64) -> Result<u64, i32> {
        if len == 0 || !offset.is_multiple_of(self.page) {
            return Err(libc::EINVAL);
        }
        let len = self.guest_len(len).ok_or(libc::ENOMEM)?;
        let start = if flags.fixed || flags.fixed_noreplace {
            if !addr.is_multiple_of(self.page) {
                return Err(libc::EINVAL);
            }
            if !self.in_range(addr, len) {
                return Err(libc::ENOMEM);
            }
            if flags.fixed_noreplace && !self.is_free(addr, len) {
                return Err(libc::EEXIST);
            }
            addr
        } else {
            let hint = self.guest_len(addr).unwrap_or(0);
            let g = self.lock();
            if addr != 0 && hint >= MMAP_MIN && self.in_range(hint, len) && Self::is_free_locked(&g, hint, len) {
                hint
            } else {
                self.find_free_locked(&g, len, self.page).ok_or(libc::ENOMEM)?
            }
        };
        if flags.anonymous {
            self.map_anon(start, len, prot, flags.shared)?;
        } else {
            self.map_file(start, len, prot, flags.shared, fd, offset)?;
        }
        Ok(start)
    }

    pub fn guest_munmap(&self, addr: u64, len: u64) -> Result<(), i32> {
        if !addr.is_multiple_of(self.page) || len == 0 {
            return Err(libc::EINVAL);
        }
        let len = self.guest_len(len).ok_or(libc::EINVAL)?;
        if !self.in_range(addr, len) {
            return Err(libc::EINVAL);
        }
        self.unmap(addr, len)
    }

    pub fn guest_mprotect(&self, addr: u64, len: u64, prot: u32) -> Result<(), i32> {
        if !addr.is_multiple_of(self.page) {
            return Err(libc::EINVAL);
        }
        let len = self.guest_len(len).ok_or(libc::ENOMEM)?;
        if !self.in_range(addr, len) {
            return Err(libc::ENOMEM);
        }
        self.protect(addr, len, prot)
    }

    /// `mremap`: resizes and/or moves `[old, old+old_len)`, keeping its contents.
    pub fn guest_mremap(&self, old: u64, old_len: u64, new_len: u64, may_move: bool, fixed: Option<u64>) -> Result<u64, i32> {
        if !old.is_multiple_of(self.page) || new_len == 0 {
            return Err(libc::EINVAL);
        }
        let old_len = self.guest_len(old_len).ok_or(libc::EINVAL)?;
        let new_len = self.guest_len(new_len).ok_or(libc::EINVAL)?;
        if old_len == 0 || !self.in_range(old, old_len) || !self.in_range(old, new_len) && fixed.is_none() && !may_move {
            return Err(libc::EINVAL);
        }
        let mut g = self.lock();
        if !Self::covered(&g, old, old_len, 0) {
            return Err(libc::EFAULT);
        }
        if let Some(dst) = fixed {
            if !may_move || !dst.is_multiple_of(self.page) || !self.in_range(dst, new_len) {
                return Err(libc::EINVAL);
            }
            if dst < old + old_len && old < dst + new_len {
                return Err(libc::EINVAL);
            }
            drop(g);
            self.unmap(dst, new_len)?;
            let mut g = self.lock();
            return self.move_locked(&mut g, old, old_len, new_len, dst);
        }
        if new_len <= old_len {
            drop(g);
            self.unmap(old + new_len, old_len - new_len)?;
            return Ok(old);
        }
        let grow = new_len - old_len;
        if self.in_range(old + old_len, grow) && Self::is_free_locked(&g, old + old_len, grow) {
            // Open a hole in the reservation so the host can grow the mapping in place.
            // SAFETY: the range is ours and free of guest mappings.
            unsafe { libc::munmap(self.base.add((old + old_len) as usize) as *mut libc::c_void, grow as usize) };
            // SAFETY: remaps our own mapping in place.
            let p = unsafe {
                libc::mremap(self.base.add(old as usize) as *mut libc::c_void, old_len as usize, new_len as usize, 0)
            };
            if p != libc::MAP_FAILED {
                let (_, last) = Self::vma_at(&g, old + old_len - 1).expect("covered");
                g.vmas.insert(old + old_len, Vma { end: old + new_len, ..last });
                return Ok(old);
            }
            self.host_reserve(old + old_len, grow);
        }
        if !may_move {
            return Err(libc::ENOMEM);
        }
        let dst = self.find_free_locked(&g, new_len, self.page).ok_or(libc::ENOMEM)?;
        self.move_locked(&mut g, old, old_len, new_len, dst)
    }

    fn move_locked(&self, g: &mut Inner, old: u64, old_len: u64, new_len: u64, dst: u64) -> Result<u64, i32> {
        let parts = Self::overlaps(g, old, old + old_len);
        // Give code-tracked pages their guest protection back before they move.
        let pages: Vec<u64> = g.code_pages.range(old >> 12..(old + old_len) >> 12).copied().collect();
        for p in pages {
            if let Some((_, v)) = Self::vma_at(g, p << 12) {
                let _ = self.host_mprotect(p << 12, HOST_PAGE, host_prot(v.prot));
            }
        }
        Self::drop_code_pages(g, old, old + old_len);
        // SAFETY: moves our own mapping to a free range of our reservation (MREMAP_FIXED
        // replaces the reservation there).
        let p = unsafe {
            libc::mremap(
                self.base.add(old as usize) as *mut libc::c_void,
                old_len as usize,
                new_len as usize,
                libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
                self.base.add(dst as usize) as *mut libc::c_void,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(errno());
        }
        self.host_reserve(old, old_len);
        Self::invalidate(g, old, old_len, None);
        Self::carve(g, old, old + old_len);
        let mut last = None;
        for (s, v) in parts {
            let s = s.max(old);
            let e = v.end.min(old + old_len);
            if s - old >= new_len {
                break;
            }
            let ne = (e - old).min(new_len) + dst;
            g.vmas.insert(s - old + dst, Vma { end: ne, ..v });
            last = Some((ne, v));
        }
        if let Some((ne, v)) = last {
            if ne < dst + new_len {
                g.vmas.insert(ne, Vma { end: dst + new_len, ..v });
            }
        }
        Ok(dst)
    }

    // ---- program break -----------------------------------------------------------------

    /// Sets the program break's start (just past the loaded image).
    pub fn brk_init(&self, start: u64) {
        let mut g = self.lock();
        g.brk_start = start;
        g.brk_cur = start;
    }

    /// `brk`: moves the break to `new` if possible and returns the (new or unchanged) break.
    pub fn guest_brk(&self, new: u64) -> u64 {
        let (start, cur) = {
            let g = self.lock();
            (g.brk_start, g.brk_cur)
        };
        if new < start || new >= self.limit {
            return cur;
        }
        let old_top = align_up(cur, self.page);
        let new_top = align_up(new, self.page);
        if new_top > old_top {
            if !self.is_free(old_top, new_top - old_top) || self.map_anon(old_top, new_top - old_top, PROT_READ | PROT_WRITE, false).is_err() {
                return cur;
            }
        } else if new_top < old_top && self.unmap(new_top, old_top - new_top).is_err() {
            return cur;
        }
        self.lock().brk_cur = new;
        new
    }

    pub fn brk_range(&self) -> (u64, u64) {
        let g = self.lock();
        (g.brk_start, g.brk_cur)
    }

    // ---- checked guest memory access -------------------------------------------------

    /// The host address of guest `[addr, addr+len)` after checking the guest may read it (or
    /// write it, if `write`). For writes, code-tracked pages in the range are made writable
    /// and their translations queued for invalidation. The pointer stays valid until the
    /// guest's mappings change.
    pub fn host_ptr(&self, addr: u64, len: u64, write: bool) -> Result<*mut u8, Efault> {
        if !self.in_range(addr, len) {
            return Err(Efault);
        }
        if len == 0 {
            return Ok(self.base.wrapping_add(addr as usize));
        }
        let mut g = self.lock();
        let need = if write { PROT_WRITE } else { PROT_READ };
        if !Self::covered(&g, addr, len, need) {
            return Err(Efault);
        }
        if write {
            let pages: Vec<u64> = g.code_pages.range(addr >> 12..=(addr + len - 1) >> 12).copied().collect();
            for p in pages {
                if let Some((_, v)) = Self::vma_at(&g, p << 12) {
                    let _ = self.host_mprotect(p << 12, HOST_PAGE, host_prot(v.prot));
                }
                g.code_pages.remove(&p);
                Self::invalidate(&mut g, p << 12, HOST_PAGE, None);
            }
        }
        Ok(self.base.wrapping_add(addr as usize))
    }

    /// The host address of guest `[addr, addr+len)` if all of it is mapped, whatever its
    /// protection (for calls such as `madvise` that act on mappings, not on their contents).
    pub fn mapped_ptr(&self, addr: u64, len: u64) -> Option<*mut u8> {
        if !self.in_range(addr, len) || !Self::covered(&self.lock(), addr, len, 0) {
            return None;
        }
        Some(self.base.wrapping_add(addr as usize))
    }

    /// Checks that the guest may access `[addr, addr+len)` (read, or write if `write`).
    pub fn check(&self, addr: u64, len: u64, write: bool) -> Result<(), Efault> {
        if !self.in_range(addr, len) {
            return Err(Efault);
        }
        if len == 0 {
            return Ok(());
        }
        let need = if write { PROT_WRITE } else { PROT_READ };
        if Self::covered(&self.lock(), addr, len, need) { Ok(()) } else { Err(Efault) }
    }

    pub fn read(&self, addr: u64, buf: &mut [u8]) -> Result<(), Efault> {
        let p = self.host_ptr(addr, buf.len() as u64, false)?;
        // SAFETY: checked readable above; guest memory never overlaps a Rust buffer.
        unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), buf.len()) };
        Ok(())
    }

    pub fn read_vec(&self, addr: u64, len: usize) -> Result<Vec<u8>, Efault> {
        let mut v = vec![0u8; len];
        self.read(addr, &mut v)?;
        Ok(v)
    }

    pub fn write(&self, addr: u64, data: &[u8]) -> Result<(), Efault> {
        let p = self.host_ptr(addr, data.len() as u64, true)?;
        // SAFETY: checked writable (and made host-writable) above.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
        Ok(())
    }

    /// Reads a NUL-terminated string (without the NUL) of at most `max` bytes.
    pub fn read_cstr(&self, addr: u64, max: usize) -> Result<Vec<u8>, Efault> {
        let mut out = Vec::new();
        let mut at = addr;
        loop {
            // Read up to the end of the current page at a time.
            let chunk = (HOST_PAGE - (at % HOST_PAGE)) as usize;
            let p = self.host_ptr(at, chunk as u64, false)?;
            // SAFETY: checked readable.
            let bytes = unsafe { std::slice::from_raw_parts(p, chunk) };
            if let Some(n) = bytes.iter().position(|&b| b == 0) {
                out.extend_from_slice(&bytes[..n]);
                break;
            }
            out.extend_from_slice(bytes);
            if out.len() > max {
                return Err(Efault);
            }
            at += chunk as u64;
        }
        if out.len() > max {
            return Err(Efault);
        }
        Ok(out)
    }

    pub fn read_u16(&self, addr: u64) -> Result<u16, Efault> {
        let mut b = [0; 2];
        self.read(addr, &mut b)?;
        Ok(if self.big_endian { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    }
    pub fn read_u32(&self, addr: u64) -> Result<u32, Efault> {
        let mut b = [0; 4];
        self.read(addr, &mut b)?;
        Ok(if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }
    pub fn read_u64(&self, addr: u64) -> Result<u64, Efault> {
        let mut b = [0; 8];
        self.read(addr, &mut b)?;
        Ok(if self.big_endian { u64::from_be_bytes(b) } else { u64::from_le_bytes(b) })
    }
    pub fn write_u32(&self, addr: u64, v: u32) -> Result<(), Efault> {
        self.write(addr, &if self.big_endian { v.to_be_bytes() } else { v.to_le_bytes() })
    }
    pub fn write_u64(&self, addr: u64, v: u64) -> Result<(), Efault> {
        self.write(addr, &if self.big_endian { v.to_be_bytes() } else { v.to_le_bytes() })
    }
}

impl Drop for AddressSpace {
    fn drop(&mut self) {
        // SAFETY: the reservation is ours; nothing refers to guest memory after this.
        unsafe {
            libc::munmap(
                self.base.wrapping_sub(jit::frontend::GUARD_BYTES as usize) as *mut libc::c_void,
                (self.limit + 2 * jit::frontend::GUARD_BYTES) as usize,
            )
        };
    }
}

impl CodeSource for AddressSpace {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let len = buf.len() as u64;
        if !self.in_range(pc, len) {
            return false;
        }
        if !Self::covered(&self.lock(), pc, len, PROT_EXEC) {
            return false;
        }
        // SAFETY: executable guest pages are host-readable.
        unsafe { std::ptr::copy_nonoverlapping(self.base.add(pc as usize), buf.as_mut_ptr(), buf.len()) };
        true
    }
}

impl GuestMemory for AddressSpace {
    fn base(&self) -> *mut u8 {
        self.base
    }
    fn limit(&self) -> u64 {
        self.limit
    }
    fn code_page_added(&self, page: u64) {
        let mut g = self.lock();
        if g.code_pages.contains(&page) {
            return;
        }
        if let Some((_, v)) = Self::vma_at(&g, page << 12) {
            if v.prot & PROT_WRITE != 0 && self.host_mprotect(page << 12, HOST_PAGE, host_prot(v.prot & !PROT_WRITE)).is_ok() {
                g.code_pages.insert(page);
            }
        }
    }
    fn code_write_fault(&self, addr: u64) -> bool {
        let page = addr >> 12;
        let mut g = self.lock();
        if !g.code_pages.contains(&page) {
            return false;
        }
        match Self::vma_at(&g, addr) {
            Some((_, v)) if v.prot & PROT_WRITE != 0 => {
                g.code_pages.remove(&page);
                // The writer's engine drops its own translations; other threads' go too.
                Self::invalidate(&mut g, page << 12, HOST_PAGE, Some(gettid()));
                self.host_mprotect(page << 12, HOST_PAGE, host_prot(v.prot)).is_ok()
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carve_splits() {
        let a = AddressSpace::new(1 << 32, false).unwrap();
        a.map_anon(0x10000, 0x30000, PROT_READ, false).unwrap();
        a.unmap(0x20000, 0x10000).unwrap();
        let m = a.mappings();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0], (0x10000, Vma { end: 0x20000, prot: PROT_READ, shared: false, backing: Backing::Anon }));
        assert_eq!(m[1].0, 0x30000);
        assert_eq!(m[1].1.end, 0x40000);
    }
}
