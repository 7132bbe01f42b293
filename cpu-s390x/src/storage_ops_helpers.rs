//! The run-time half of [`crate::storage_ops`]: `extern "C"` helpers doing the storage
//! accesses of the storage-to-storage and long/string instructions through
//! [`HelperMem`].
//!
//! Invariants:
//! - A helper reads and writes the CPU struct through [`G`] (raw-pointer accessors, never a
//!   long-lived `&mut`), and writes registers and the CC only once it knows how the
//!   execution ends.
//! - Non-interruptible instructions (`MVC`, `XC`, `TR` ...) probe every operand page they
//!   will store to before their first store, so a fault (or a store into a page holding
//!   translated code, after which the engine runs the instruction again) leaves storage
//!   untouched.
//! - Instructions ending with CC 3 ("CPU-determined amount processed") process at most up to
//!   the next 4 KiB boundary of any operand per execution (at least one unit). A fault after
//!   some progress ends the execution with CC 3 and the registers updated; the next
//!   execution then faults with nothing done (nullified), as the PoP allows.
//! - `MVCL`/`CLCL` (interruptible, no CC 3 for partial completion) commit the registers
//!   to the point reached before reporting a fault, as the PoP's interruption of an
//!   interruptible instruction leaves them (PoP "Interruptible Instructions").

// Helpers receive the engine's CPU pointer by contract (see `G::new`).
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::exc;
use crate::state::S390xCpu;
use jit::helper_mem::{HelperMem, MemFault};

pub(crate) type R<T> = Result<T, MemFault>;

/// Page size the CPU-determined amounts end at.
pub(crate) const PAGE: u64 = 4096;

/// One helper invocation's view of the CPU and guest memory.
pub(crate) struct G {
    cpu: *mut S390xCpu,
    pub m: HelperMem,
    pub amode: u8,
}

impl G {
    /// # Safety
    /// `cpu` is the `S390xCpu` pointer a helper received.
    pub unsafe fn new(cpu: *mut u8) -> G {
        let c = cpu as *mut S390xCpu;
        G { cpu: c, m: HelperMem::from_cpu(cpu), amode: (*c).amode }
    }
    pub fn gpr(&self, r: usize) -> u64 {
        // SAFETY: `new`'s contract; no reference to the struct is held.
        unsafe { (*self.cpu).gpr[r & 15] }
    }
    pub fn set_gpr(&mut self, r: usize, v: u64) {
        // SAFETY: as in `gpr`.
        unsafe { (*self.cpu).gpr[r & 15] = v }
    }
    pub fn set_cc(&mut self, cc: u8) {
        // SAFETY: as in `gpr`.
        unsafe { (*self.cpu).cc = cc & 3 }
    }
    /// Raises a program exception (the engine reports it at this instruction).
    pub fn raise(&mut self, e: u32) -> u64 {
        // SAFETY: as in `gpr`.
        unsafe { (*self.cpu).hdr.exception = e };
        0
    }
    /// Forgets a fault a memory access recorded (the execution ends normally instead).
    pub fn clear_fault(&mut self) {
        // SAFETY: as in `gpr`.
        unsafe { (*self.cpu).hdr.exception = 0 };
    }
    pub fn wrap(&self, a: u64) -> u64 {
        crate::wrap_to_amode(self.amode, a)
    }
    pub fn at(&self, a: u64, i: u64) -> u64 {
        self.wrap(a.wrapping_add(i))
    }
    pub fn rd(&self, a: u64) -> R<u8> {
        self.m.read_u8(self.wrap(a))
    }
    pub fn wr(&self, a: u64, v: u8) -> R<()> {
        self.m.write_u8(self.wrap(a), v)
    }
    /// Whether `n` bytes from the (wrapped) address `a` stay inside the address space, so
    /// that they can be accessed as one host range.
    fn flat(&self, a: u64, n: u64) -> bool {
        crate::fits_amode(self.amode, self.wrap(a), n)
    }
    /// `n` bytes from `s` to `d`, left to right with single-byte-move results (see
    /// `HelperMem::copy`); byte by byte where an operand wraps around the address space.
    /// A fault may leave a prefix written: callers probe first where that matters.
    #[inline]
    pub fn copy(&self, d: u64, s: u64, n: u64) -> R<()> {
        if self.flat(d, n) && self.flat(s, n) {
            return self.m.copy(self.wrap(d), self.wrap(s), n);
        }
        for i in 0..n {
            let v = self.rd(s.wrapping_add(i))?;
            self.wr(d.wrapping_add(i), v)?;
        }
        Ok(())
    }
    /// Sets `n` bytes from `d` to `v` (a prefix may be written on a fault).
    #[inline]
    pub fn fill(&self, d: u64, v: u8, n: u64) -> R<()> {
        if self.flat(d, n) {
            return self.m.fill(self.wrap(d), v, n);
        }
        for i in 0..n {
            self.wr(d.wrapping_add(i), v)?;
        }
        Ok(())
    }
    /// Reads `buf.len()` bytes from `a`.
    pub fn read(&self, a: u64, buf: &mut [u8]) -> R<()> {
        if self.flat(a, buf.len() as u64) {
            return self.m.read_bytes(self.wrap(a), buf);
        }
        for (i, b) in buf.iter_mut().enumerate() {
            *b = self.rd(a.wrapping_add(i as u64))?;
        }
        Ok(())
    }
    /// Writes `buf` at `a` (a prefix may be written on a fault).
    pub fn write(&self, a: u64, buf: &[u8]) -> R<()> {
        if self.flat(a, buf.len() as u64) {
            return self.m.write_bytes(self.wrap(a), buf);
        }
        for (i, &b) in buf.iter().enumerate() {
            self.wr(a.wrapping_add(i as u64), b)?;
        }
        Ok(())
    }
    /// A big-endian unit of `n` (1, 2, 4) bytes, byte by byte so addresses wrap per amode.
    pub fn rd_n(&self, a: u64, n: u64) -> R<u32> {
        let mut v = 0u32;
        for i in 0..n {
            v = v << 8 | self.rd(a.wrapping_add(i))? as u32;
        }
        Ok(v)
    }
    /// Checks `len` bytes from `a` (wrapping per amode) are readable / writable.
    pub fn probe(&self, a: u64, len: u64, write: bool) -> R<()> {
        let a = self.wrap(a);
        let room = match self.amode {
            64 => u64::MAX - a + 1,
            31 => (1u64 << 31) - a,
            _ => (1u64 << 24) - a,
        };
        let (first, rest) = if len > room && room != 0 { (room, len - room) } else { (len, 0) };
        let p = |a, l| if write { self.m.probe_write(a, l) } else { self.m.probe_read(a, l) };
        p(a, first)?;
        if rest > 0 {
            p(0, rest)?;
        }
        Ok(())
    }
    /// The address in register r under the addressing mode.
    pub fn addr(&self, r: usize) -> u64 {
        self.wrap(self.gpr(r))
    }
    /// Stores an updated address: 64-bit mode all 64 bits; 31-bit mode bits 33:63 with bit
    /// 32 zero; 24-bit mode bits 40:63 with 32:39 zero; bits 0:31 unchanged in both.
    pub fn set_addr(&mut self, r: usize, a: u64) {
        let v = match self.amode {
            64 => a,
            31 => (self.gpr(r) & !0xffff_ffff) | (a & 0x7fff_ffff),
            _ => (self.gpr(r) & !0xffff_ffff) | (a & 0xff_ffff),
        };
        self.set_gpr(r, v);
    }
    /// A length register of the extended instructions: bits 32:63 in the 24/31-bit modes,
    /// all 64 bits in the 64-bit mode.
    pub fn len(&self, r: usize) -> u64 {
        if self.amode == 64 { self.gpr(r) } else { self.gpr(r) & 0xffff_ffff }
    }
    pub fn set_len(&mut self, r: usize, v: u64) {
        let v = if self.amode == 64 { v } else { (self.gpr(r) & !0xffff_ffff) | (v & 0xffff_ffff) };
        self.set_gpr(r, v);
    }
    /// Bytes from `a` to the next 4 KiB boundary (1..=4096).
    pub fn to_page(a: u64) -> u64 {
        PAGE - (a & (PAGE - 1))
    }
}

// ---------------------------------------------------------------------------------------
// SS-format instructions with a length field
// ---------------------------------------------------------------------------------------

/// Operation selectors of [`helper_ss`].
pub mod ss {
    pub const MVC: u64 = 0;
    pub const MVCIN: u64 = 1;
    pub const MVN: u64 = 2;
    pub const MVZ: u64 = 3;
    pub const CLC: u64 = 4;
    pub const XC: u64 = 5;
    pub const NC: u64 = 6;
    pub const OC: u64 = 7;
    pub const TR: u64 = 8;
    pub const TRT: u64 = 9;
    pub const TRTR: u64 = 10;
    pub const MVO: u64 = 11;
}

/// `MVC`/`XC`/`CLC`/`TR` ... on the operands at `a1` and `a2` (already wrapped); `l` is the
/// length field (`MVO`: L1 << 8 | L2). Returns the CC for the instructions that set one.
pub extern "C" fn helper_ss(cpu: *mut u8, op: u64, l: u64, a1: u64, a2: u64) -> u64 {
    // SAFETY: the engine calls helpers with the CPU they were emitted for.
    let mut g = unsafe { G::new(cpu) };
    // On a fault the result is ignored: the engine abandons the instruction.
    ss_run(&mut g, op, l, a1, a2).unwrap_or_default()
}

fn ss_run(g: &mut G, op: u64, l: u64, a1: u64, a2: u64) -> R<u64> {
    let n = l + 1;
    let nu = n as usize;
    // Operands are at most 256 bytes: they are read whole into these buffers, combined,
    // and written back in one go — the same result as the PoP's byte-by-byte processing
    // wherever the operands do not overlap destructively (checked where it matters).
    let mut x = [0u8; 256];
    let mut y = [0u8; 256];
    match op {
        ss::MVC => {
            probe_unless_one_page(g, a1, a2, n)?;
            // Left to right with single-byte results: an overlapping destination one byte
            // to the right of the source propagates the first byte (PoP MVC).
            g.copy(a1, a2, n)?;
            Ok(0)
        }
        ss::MVN | ss::MVZ => {
            probe_unless_one_page(g, a1, a2, n)?;
            let keep = if op == ss::MVN { 0xf0 } else { 0x0f };
            if destructive(g, a1, a2, n) {
                for i in 0..n {
                    let s = g.rd(a2.wrapping_add(i))?;
                    let v = (g.rd(a1.wrapping_add(i))? & keep) | (s & !keep);
                    g.wr(a1.wrapping_add(i), v)?;
                }
                return Ok(0);
            }
            g.read(a1, &mut x[..nu])?;
            g.read(a2, &mut y[..nu])?;
            for i in 0..nu {
                x[i] = (x[i] & keep) | (y[i] & !keep);
            }
            g.write(a1, &x[..nu])?;
            Ok(0)
        }
        ss::MVCIN => {
            // The second-operand address designates its rightmost byte; the bytes go to
            // the first operand left to right in reverse order.
            let s0 = a2.wrapping_sub(l);
            g.probe(s0, n, false)?;
            g.probe(a1, n, true)?;
            for i in 0..n {
                let v = g.rd(a2.wrapping_sub(i))?;
                g.wr(a1.wrapping_add(i), v)?;
            }
            Ok(0)
        }
        ss::CLC => {
            // Whole operands when both are readable; otherwise byte by byte, so that an
            // inaccessible byte beyond the first difference is never touched.
            if g.read(a1, &mut x[..nu]).is_ok() && g.read(a2, &mut y[..nu]).is_ok() {
                return Ok(match x[..nu].cmp(&y[..nu]) {
                    std::cmp::Ordering::Equal => 0,
                    std::cmp::Ordering::Less => 1,
                    std::cmp::Ordering::Greater => 2,
                });
            }
            g.clear_fault();
            for i in 0..n {
                let x = g.rd(a1.wrapping_add(i))?;
                let y = g.rd(a2.wrapping_add(i))?;
                if x != y {
                    return Ok(if x < y { 1 } else { 2 });
                }
            }
            Ok(0)
        }
        ss::XC | ss::NC | ss::OC => {
            probe_unless_one_page(g, a1, a2, n)?;
            let f = |x: u8, y: u8| match op {
                ss::XC => x ^ y,
                ss::NC => x & y,
                _ => x | y,
            };
            let mut any = 0u8;
            if destructive(g, a1, a2, n) {
                for i in 0..n {
                    let v = f(g.rd(a1.wrapping_add(i))?, g.rd(a2.wrapping_add(i))?);
                    any |= v;
                    g.wr(a1.wrapping_add(i), v)?;
                }
                return Ok((any != 0) as u64);
            }
            g.read(a1, &mut x[..nu])?;
            g.read(a2, &mut y[..nu])?;
            for i in 0..nu {
                x[i] = f(x[i], y[i]);
                any |= x[i];
            }
            g.write(a1, &x[..nu])?;
            Ok((any != 0) as u64)
        }
        ss::TR => {
            // Check every access before the first store (restartability): the first
            // operand for writing, and the table bytes its current values select.
            g.probe(a1, n, true)?;
            g.read(a1, &mut x[..nu])?;
            // The whole table when it is readable and apart from the first operand (a
            // translated byte stored into the table would change later lookups).
            let apart = !overlaps(g, a1, n, a2, 256);
            if apart && g.read(a2, &mut y).is_ok() {
                for b in &mut x[..nu] {
                    *b = y[*b as usize];
                }
                g.write(a1, &x[..nu])?;
                return Ok(0);
            }
            g.clear_fault();
            for &b in &x[..nu] {
                g.rd(a2.wrapping_add(b as u64))?;
            }
            for i in 0..n {
                let b = g.rd(a1.wrapping_add(i))?;
                let t = g.rd(a2.wrapping_add(b as u64))?;
                g.wr(a1.wrapping_add(i), t)?;
            }
            Ok(0)
        }
        ss::TRT | ss::TRTR => {
            // The table read whole when it can be (nothing is stored, so overlap is moot).
            let table = g.read(a2, &mut y).is_ok();
            if !table {
                g.clear_fault();
            }
            for i in 0..n {
                let at = if op == ss::TRT { a1.wrapping_add(i) } else { a1.wrapping_sub(i) };
                let b = g.rd(at)?;
                let fb = if table { y[b as usize] } else { g.rd(a2.wrapping_add(b as u64))? };
                if fb != 0 {
                    // GR1 gets the argument byte's address (24-bit mode: bits 40:63 only;
                    // 31-bit mode: bits 33:63 with bit 32 zero), GR2 bits 56:63 the
                    // function byte (PoP TRANSLATE AND TEST).
                    let at = g.wrap(at);
                    let r1 = g.gpr(1);
                    let v = match g.amode {
                        64 => at,
                        31 => (r1 & !0xffff_ffff) | at,
                        _ => (r1 & !0xff_ffff) | at,
                    };
                    g.set_gpr(1, v);
                    let r2 = g.gpr(2);
                    g.set_gpr(2, (r2 & !0xff) | fb as u64);
                    return Ok(if i == l { 2 } else { 1 });
                }
            }
            Ok(0)
        }
        ss::MVO => {
            let (l1, l2) = (l >> 8 & 15, l & 15);
            g.probe(a2, l2 + 1, false)?;
            g.probe(a1, l1 + 1, true)?;
            // Right to left, each result byte stored right after the bytes it needs are
            // fetched: byte k (from the right) = low digit of source byte k, then the high
            // digit of source byte k-1; the first keeps the first operand's sign nibble.
            let mut prev_hi = g.rd(a1.wrapping_add(l1))? & 0x0f;
            let mut src_left = l2 + 1;
            for k in 0..=l1 {
                let s = if src_left > 0 {
                    src_left -= 1;
                    g.rd(a2.wrapping_add(src_left))?
                } else {
                    0
                };
                let v = (s << 4) | prev_hi;
                prev_hi = s >> 4;
                g.wr(a1.wrapping_add(l1 - k), v)?;
            }
            Ok(0)
        }
        _ => Ok(0),
    }
}

// ---------------------------------------------------------------------------------------
// Long moves and compares
// ---------------------------------------------------------------------------------------

/// Checks that the second operand (`n` bytes at `a2`) is readable and the first (at `a1`)
/// writable before anything is stored, so a faulting instruction stores nothing — unless
/// each operand lies on one page: protection is per page, so the first access to each
/// operand (made before any store: the operations here read an operand's first byte no
/// later than they store its first byte) already faults if any would. This skips a locked
/// compare-exchange per destination on the common path.
fn probe_unless_one_page(g: &G, a1: u64, a2: u64, n: u64) -> R<()> {
    let one_page = |a: u64| (g.wrap(a) & (PAGE - 1)) + n <= PAGE;
    if one_page(a1) && one_page(a2) {
        return Ok(());
    }
    g.probe(a2, n, false)?;
    g.probe(a1, n, true)
}

/// Whether moving `n` bytes from `src` to `dst` overlaps destructively: the destination
/// starts to the right of the source's first byte and within the bytes that are moved
/// (PoP MVCL "destructive overlap"), with the address space wrapping.
fn destructive(g: &G, dst: u64, src: u64, n: u64) -> bool {
    if n == 0 || dst == src {
        return false;
    }
    let space = match g.amode {
        64 => 0u64,
        31 => 1 << 31,
        _ => 1 << 24,
    };
    let dist = dst.wrapping_sub(src);
    let dist = if space == 0 { dist } else { dist & (space - 1) };
    dist < n
}

/// Whether `[a, a+an)` and `[b, b+bn)` share a byte (addresses wrapping per amode).
fn overlaps(g: &G, a: u64, an: u64, b: u64, bn: u64) -> bool {
    let space = match g.amode {
        64 => 0u64,
        31 => 1 << 31,
        _ => 1 << 24,
    };
    let m = |d: u64| if space == 0 { d } else { d & (space - 1) };
    (an > 0 && bn > 0) && (m(b.wrapping_sub(a)) < an || m(a.wrapping_sub(b)) < bn)
}

/// `MVCL R1,R2`: 24-bit lengths in bits 40:63 of R1+1/R2+1, pad in bits 32:39 of R2+1.
pub extern "C" fn helper_mvcl(cpu: *mut u8, r1: u64, r2: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let (mut d, mut dl) = (g.addr(r1), g.gpr(r1 + 1) & 0xff_ffff);
    let (mut s, mut sl) = (g.addr(r2), g.gpr(r2 + 1) & 0xff_ffff);
    let pad = (g.gpr(r2 + 1) >> 24) as u8;
    let cc = if destructive(&g, d, s, dl.min(sl)) {
        3
    } else {
        (dl != sl) as u8 + (dl > sl) as u8
    };
    let mut res = Ok(());
    // Whole operands in one go when every byte is accessible (the common case); the byte
    // loop below finds the exact point of a fault otherwise.
    let from_src = dl.min(sl);
    if cc != 3 && dl > 0 && g.probe(d, dl, true).is_ok() && g.probe(s, from_src, false).is_ok() {
        let moved = g.copy(d, s, from_src).and_then(|_| g.fill(g.at(d, from_src), pad, dl - from_src));
        if moved.is_err() {
            return 0; // Only if the mapping changed under us: nullified.
        }
        d = g.at(d, dl);
        s = g.at(s, from_src);
        sl -= from_src;
        dl = 0;
    }
    g.clear_fault();
    if cc != 3 {
        while dl > 0 {
            let v = if sl > 0 {
                match g.rd(s) {
                    Ok(v) => v,
                    Err(e) => {
                        res = Err(e);
                        break;
                    }
                }
            } else {
                pad
            };
            if let Err(e) = g.wr(d, v) {
                res = Err(e);
                break;
            }
            d = g.at(d, 1);
            dl -= 1;
            if sl > 0 {
                s = g.at(s, 1);
                sl -= 1;
            }
        }
    }
    commit_long24(&mut g, r1, d, dl, r2, s, sl);
    if res.is_ok() {
        g.set_cc(cc);
    }
    0
}

/// Writes back the registers of `MVCL`/`CLCL`: the addresses (bits 32:39 / 32 zeroed in
/// the 24/31-bit modes even when nothing moved), the 24-bit lengths in bits 40:63; bits
/// 32:39 of R1+1 and R2+1 (the pad byte) remain unchanged (PoP MOVE LONG, as ESA/390's
/// "bits 0-7 of R1+1 and R2+1 remain unchanged"; QEMU 7.2 agrees).
fn commit_long24(g: &mut G, r1: usize, d: u64, dl: u64, r2: usize, s: u64, sl: u64) {
    g.set_addr(r1, d);
    g.set_addr(r2, s);
    let l1 = g.gpr(r1 + 1);
    g.set_gpr(r1 + 1, (l1 & !0xff_ffff) | dl);
    let l2 = g.gpr(r2 + 1);
    g.set_gpr(r2 + 1, (l2 & !0xff_ffff) | sl);
}

/// `CLCL R1,R2`: compares with padding; the registers end at the first unequal bytes.
pub extern "C" fn helper_clcl(cpu: *mut u8, r1: u64, r2: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let (mut a, mut al) = (g.addr(r1), g.gpr(r1 + 1) & 0xff_ffff);
    let (mut b, mut bl) = (g.addr(r2), g.gpr(r2 + 1) & 0xff_ffff);
    let pad = (g.gpr(r2 + 1) >> 24) as u8;
    let mut cc = 0;
    let mut res = Ok(());
    while al > 0 || bl > 0 {
        let x = if al > 0 { g.rd(a) } else { Ok(pad) };
        let y = if bl > 0 { g.rd(b) } else { Ok(pad) };
        let (x, y) = match (x, y) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(e), _) | (_, Err(e)) => {
                res = Err(e);
                break;
            }
        };
        if x != y {
            cc = if x < y { 1 } else { 2 };
            break;
        }
        if al > 0 {
            a = g.at(a, 1);
            al -= 1;
        }
        if bl > 0 {
            b = g.at(b, 1);
            bl -= 1;
        }
    }
    g.set_addr(r1, a);
    g.set_addr(r2, b);
    let l1 = g.gpr(r1 + 1);
    g.set_gpr(r1 + 1, (l1 & !0xff_ffff) | al);
    let l2 = g.gpr(r2 + 1);
    g.set_gpr(r2 + 1, (l2 & !0xff_ffff) | bl);
    if res.is_ok() {
        g.set_cc(cc);
    }
    0
}

/// `MVCLE`/`MVCLU` (`unit` 1 or 2): op1 in R1/R1+1, op2 in R3/R3+1, pad from the
/// second-operand address. CC 0/1/2 compares the lengths; CC 3: not finished.
pub extern "C" fn helper_mvcle(cpu: *mut u8, r1: u64, r3: u64, pad: u64, unit: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r3) = (r1 as usize, r3 as usize);
    let (mut d, mut dl) = (g.addr(r1), g.len(r1 + 1));
    let (mut s, mut sl) = (g.addr(r3), g.len(r3 + 1));
    if unit == 2 && (dl | sl) & 1 != 0 {
        return g.raise(exc::SPECIFICATION);
    }
    let cc = (dl != sl) as u8 + (dl > sl) as u8;
    let budget = G::to_page(d).min(if sl > 0 { G::to_page(s) } else { PAGE });
    let mut done = 0;
    // Bytes: the whole CPU-determined amount in one go (one page of each operand at most,
    // where an access faults at its first byte or not at all: a failed attempt wrote
    // nothing, and the byte loop below finds the exact point of the fault).
    let count = dl.min(budget);
    let from_src = count.min(sl);
    // (A memset — no source bytes — or a copy without padding skips the other call.)
    let copied = |g: &G| from_src == 0 || g.copy(d, s, from_src).is_ok();
    let padded = |g: &G| count == from_src || g.fill(g.at(d, from_src), pad as u8, count - from_src).is_ok();
    if unit == 1 && count > 0 && copied(&g) && padded(&g) {
        d = g.at(d, count);
        dl -= count;
        s = g.at(s, from_src);
        sl -= from_src;
        done = count;
    }
    g.clear_fault();
    while dl > 0 && done < budget {
        let v = if sl > 0 {
            match g.rd(s) {
                Ok(v) => v,
                Err(_) => break,
            }
        } else if unit == 2 {
            // The two pad bytes alternate with the parity of the remaining length.
            if dl & 1 == 0 { (pad >> 8) as u8 } else { pad as u8 }
        } else {
            pad as u8
        };
        if g.wr(d, v).is_err() {
            break;
        }
        d = g.at(d, 1);
        dl -= 1;
        if sl > 0 {
            s = g.at(s, 1);
            sl -= 1;
        }
        done += 1;
    }
    if done == 0 && dl > 0 {
        return 0; // The fault at the very start: nullified.
    }
    g.clear_fault();
    g.set_addr(r1, d);
    g.set_addr(r3, s);
    g.set_len(r1 + 1, dl);
    g.set_len(r3 + 1, sl);
    g.set_cc(if dl > 0 { 3 } else { cc });
    0
}

/// `CLCLE`/`CLCLU` (`unit` 1 or 2): CC 0 equal, 1 low, 2 high, 3 not finished.
pub extern "C" fn helper_clcle(cpu: *mut u8, r1: u64, r3: u64, pad: u64, unit: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r3) = (r1 as usize, r3 as usize);
    let (mut a, mut al) = (g.addr(r1), g.len(r1 + 1));
    let (mut b, mut bl) = (g.addr(r3), g.len(r3 + 1));
    if unit == 2 && (al | bl) & 1 != 0 {
        return g.raise(exc::SPECIFICATION);
    }
    let pad = if unit == 2 { pad & 0xffff } else { pad & 0xff } as u32;
    let budget = (if al > 0 { G::to_page(a) } else { PAGE }).min(if bl > 0 { G::to_page(b) } else { PAGE });
    let mut done = 0;
    let mut cc = 0;
    while (al > 0 || bl > 0) && done < budget {
        let x = if al > 0 { g.rd_n(a, unit) } else { Ok(pad) };
        let y = if bl > 0 { g.rd_n(b, unit) } else { Ok(pad) };
        let (Ok(x), Ok(y)) = (x, y) else {
            if done == 0 {
                return 0;
            }
            break;
        };
        if x != y {
            cc = if x < y { 1 } else { 2 };
            break;
        }
        if al > 0 {
            a = g.at(a, unit);
            al -= unit;
        }
        if bl > 0 {
            b = g.at(b, unit);
            bl -= unit;
        }
        done += unit;
    }
    g.clear_fault();
    if cc == 0 && (al > 0 || bl > 0) {
        cc = 3;
    }
    g.set_addr(r1, a);
    g.set_addr(r3, b);
    g.set_len(r1 + 1, al);
    g.set_len(r3 + 1, bl);
    g.set_cc(cc);
    0
}

// ---------------------------------------------------------------------------------------
// Strings terminated or searched by a character in GR0
// ---------------------------------------------------------------------------------------

/// Operation selectors of [`helper_string`].
pub mod st {
    pub const CLST: u64 = 0;
    pub const SRST: u64 = 1;
    pub const SRSTU: u64 = 2;
    pub const MVST: u64 = 3;
}

/// `CLST`, `SRST`, `SRSTU`, `MVST` with operands R1 and R2.
pub extern "C" fn helper_string(cpu: *mut u8, op: u64, r1: u64, r2: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let r0 = g.gpr(0);
    // Bits 32:55 (32:47 for SRSTU) of GR0 must be zero.
    let bad = if op == st::SRSTU { r0 & 0xffff_0000 } else { r0 & 0xffff_ff00 };
    if bad != 0 {
        return g.raise(exc::SPECIFICATION);
    }
    let c = if op == st::SRSTU { r0 & 0xffff } else { r0 & 0xff } as u32;
    match op {
        st::CLST => {
            let (a, b) = (g.addr(r1), g.addr(r2));
            let budget = G::to_page(a).min(G::to_page(b));
            // Both operands stay on one page each up to the budget: compared in place up to
            // the first byte that decides; if a byte is unreadable, the byte loop below
            // starts over and finds which.
            let mut i = g.m.mismatch_or(a, b, budget as usize, c as u8).unwrap_or(0) as u64;
            while i < budget {
                let (x, y) = match (g.rd(g.at(a, i)), g.rd(g.at(b, i))) {
                    (Ok(x), Ok(y)) => (x as u32, y as u32),
                    _ if i == 0 => return 0,
                    _ => break,
                };
                if x == y {
                    if x == c {
                        g.set_cc(0); // Equal: registers unchanged.
                        return 0;
                    }
                    i += 1;
                    continue;
                }
                // The operand whose terminator comes first is the low one.
                let cc = if x == c { 1 } else if y == c { 2 } else if x < y { 1 } else { 2 };
                let (na, nb) = (g.at(a, i), g.at(b, i));
                g.set_addr(r1, na);
                g.set_addr(r2, nb);
                g.set_cc(cc);
                return 0;
            }
            g.clear_fault();
            let (na, nb) = (g.at(a, i), g.at(b, i));
            g.set_addr(r1, na);
            g.set_addr(r2, nb);
            g.set_cc(3);
            0
        }
        st::SRST | st::SRSTU => {
            let unit = if op == st::SRST { 1 } else { 2 };
            let (end, s) = (g.addr(r1), g.addr(r2));
            // SRSTU with start and end addresses of different parity: the last character
            // examined is the one whose first byte precedes the end address (as QEMU has
            // it; the PoP text was not at hand to confirm).
            let end = if unit == 2 { g.wrap(end.wrapping_add((s ^ end) & 1)) } else { end };
            let budget = G::to_page(s);
            let mut i = 0;
            if unit == 1 {
                // In place up to the end address or the budget, whichever comes first; the
                // byte loop below decides (and finds an unreadable byte's fault).
                let to_end = g.wrap(end.wrapping_sub(s));
                i = g.m.find_byte(s, budget.min(to_end) as usize, c as u8).unwrap_or(0) as u64;
            }
            while i < budget {
                let at = g.at(s, i);
                if at == end {
                    g.clear_fault();
                    g.set_cc(2); // Not found: registers unchanged.
                    return 0;
                }
                let v = match g.rd_n(at, unit) {
                    Ok(v) => v,
                    Err(_) if i == 0 => return 0,
                    Err(_) => break,
                };
                if v == c {
                    g.clear_fault();
                    g.set_addr(r1, at);
                    g.set_cc(1);
                    return 0;
                }
                i += unit;
            }
            g.clear_fault();
            let next = g.at(s, i);
            g.set_addr(r2, next);
            g.set_cc(3);
            0
        }
        _ => {
            // MVST
            let (d, s) = (g.addr(r1), g.addr(r2));
            let budget = G::to_page(d).min(G::to_page(s));
            let mut i = 0;
            // The bytes before the terminator, found in place, move in one copy when the
            // operands are apart and the destination is writable; the byte loop below moves
            // the rest (and the terminator), and finds the exact fault if there is one.
            if let Some(k) = g.m.find_byte(s, budget as usize, c as u8).map(|k| k as u64) {
                if k > 0 && !overlaps(&g, s, k, d, k) {
                    if g.probe(d, k, true).is_ok() {
                        if g.copy(d, s, k).is_err() {
                            return 0; // Only if the mapping changed under us: nullified.
                        }
                        i = k;
                    } else {
                        g.clear_fault();
                    }
                }
            }
            while i < budget {
                let v = match g.rd(g.at(s, i)) {
                    Ok(v) => v,
                    Err(_) if i == 0 => return 0,
                    Err(_) => break,
                };
                match g.wr(g.at(d, i), v) {
                    Ok(()) => {}
                    Err(_) if i == 0 => return 0,
                    Err(_) => break,
                }
                if v as u32 == c {
                    let at = g.at(d, i);
                    g.set_addr(r1, at);
                    g.set_cc(1);
                    return 0;
                }
                i += 1;
            }
            g.clear_fault();
            let (nd, ns) = (g.at(d, i), g.at(s, i));
            g.set_addr(r1, nd);
            g.set_addr(r2, ns);
            g.set_cc(3);
            0
        }
    }
}

// ---------------------------------------------------------------------------------------
// TRE, CKSM
// ---------------------------------------------------------------------------------------

/// `TRE R1,R2`: translates op1 (R1, length R1+1) through the 256-byte table at R2 until
/// the test byte in GR0 bits 56:63 (CC 1), the end (CC 0), or a CPU-determined amount (3).
pub extern "C" fn helper_tre(cpu: *mut u8, r1: u64, r2: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let (a, l, t) = (g.addr(r1), g.len(r1 + 1), g.addr(r2));
    let test = g.gpr(0) as u8;
    let n = l.min(G::to_page(a));
    // Probe before storing: a fault leaves storage as it was (and restartable).
    if g.probe(a, n, true).is_err() {
        return 0;
    }
    let mut i = 0;
    let mut cc = 0;
    while i < n {
        let Ok(b) = g.rd(g.at(a, i)) else { return 0 };
        if b == test {
            cc = 1;
            break;
        }
        let v = match g.rd(g.at(t, b as u64)) {
            Ok(v) => v,
            Err(_) if i == 0 => return 0,
            Err(_) => break,
        };
        if g.wr(g.at(a, i), v).is_err() {
            return 0;
        }
        i += 1;
    }
    g.clear_fault();
    if cc == 0 && i < l {
        cc = 3;
    }
    let na = g.at(a, i);
    g.set_addr(r1, na);
    g.set_len(r1 + 1, l - i);
    g.set_cc(cc);
    0
}

/// `CKSM R1,R2`: adds the words of op2 (R2, length R2+1; a last partial word padded with
/// zeros on the right) into bits 32:63 of R1 with end-around carry.
pub extern "C" fn helper_cksm(cpu: *mut u8, r1: u64, r2: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let (s, l) = (g.addr(r2), g.len(r2 + 1));
    let mut sum = g.gpr(r1) & 0xffff_ffff;
    let budget = G::to_page(s);
    let mut i = 0;
    while i < l && i < budget {
        let n = (l - i).min(4);
        let w = match g.rd_n(g.at(s, i), n) {
            Ok(w) => (w as u64) << (8 * (4 - n)),
            Err(_) if i == 0 => return 0,
            Err(_) => break,
        };
        sum += w;
        sum = (sum & 0xffff_ffff) + (sum >> 32);
        i += n;
    }
    g.clear_fault();
    let hi = g.gpr(r1) & !0xffff_ffff;
    g.set_gpr(r1, hi | sum);
    let ns = g.at(s, i);
    g.set_addr(r2, ns);
    g.set_len(r2 + 1, l - i);
    g.set_cc(if i < l { 3 } else { 0 });
    0
}

/// `TROO`/`TROT`/`TRTO`/`TRTT R1,R2,M3`: translates the second operand (R2; its length in
/// bytes in R1+1) of `ssize`-byte characters through the table at GR1 (low 3 bits ignored)
/// into `dsize`-byte characters at R1. A translated value equal to the test character
/// (GR0 bits 56:63, or 48:63 for two-byte results) ends with CC 1 unless M3 bit 3 is set.
pub extern "C" fn helper_trxx(cpu: *mut u8, r1: u64, r2: u64, sizes: u64, m3: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let (ssize, dsize) = (sizes >> 4, sizes & 15);
    let tbl = g.wrap(g.gpr(1) & !7);
    let (d0, s0, len) = (g.addr(r1), g.addr(r2), g.len(r1 + 1));
    if len % ssize != 0 {
        return g.raise(exc::SPECIFICATION);
    }
    let test = (g.gpr(0) & if dsize == 1 { 0xff } else { 0xffff }) as u32;
    let budget = G::to_page(s0).min(G::to_page(d0));
    let (mut sd, mut dd) = (0u64, 0u64); // source / destination bytes done
    let cc = loop {
        if sd == len {
            break 0;
        }
        if sd >= budget || dd >= budget {
            break 3;
        }
        let step = (|| -> R<Option<u32>> {
            let c = g.rd_n(g.at(s0, sd), ssize)?;
            let v = g.rd_n(g.at(tbl, c as u64 * dsize), dsize)?;
            Ok(if v == test && m3 & 1 == 0 { None } else { Some(v) })
        })();
        let v = match step {
            Ok(Some(v)) => v,
            Ok(None) => break 1,
            Err(_) if sd == 0 => return 0,
            Err(_) => break 3,
        };
        let mut fault = false;
        for i in 0..dsize {
            if g.wr(g.at(d0, dd + i), (v >> (8 * (dsize - 1 - i))) as u8).is_err() {
                fault = true;
                break;
            }
        }
        if fault {
            if sd == 0 {
                return 0;
            }
            break 3;
        }
        sd += ssize;
        dd += dsize;
    };
    g.clear_fault();
    let (nd, ns) = (g.at(d0, dd), g.at(s0, sd));
    g.set_addr(r1, nd);
    g.set_addr(r2, ns);
    g.set_len(r1 + 1, len - sd);
    g.set_cc(cc);
    0
}

// ---------------------------------------------------------------------------------------
// TRTE, TRTRE, CUSE
// ---------------------------------------------------------------------------------------

/// `TRTE`/`TRTRE R1,R2,M3` (`reverse`: TRTRE): the argument characters of the first operand
/// (R1, length R1+1; M3 bit 0 (A): two-byte characters, else one byte) index the
/// function-code table at GR1 (M3 bit 1 (F): two-byte codes, else one byte; bit 2 (L): with
/// A, a character above 255 selects no entry, its code being zero). TRTE goes left to
/// right; TRTRE right to left, R1 designating the rightmost character. The first nonzero
/// code goes to R2 (bits 32:63 in the 24/31-bit modes, 0:63 in the 64-bit mode), R1 is left
/// at its character, R1+1 counts the bytes from there, CC 1. All codes zero: R1 past the
/// operand, R1+1 zero, CC 0; a CPU-determined amount (here: up to a page boundary of the
/// first operand): CC 3. R2 changes only with CC 1 (and not when it is R1 or R1+1, which
/// the PoP leaves unpredictable).
pub extern "C" fn helper_trte(cpu: *mut u8, r1: u64, r2: u64, m3: u64, reverse: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let unit = if m3 & 8 != 0 { 2u64 } else { 1 };
    let fsize = if m3 & 4 != 0 { 2u64 } else { 1 };
    let limit = m3 & 2 != 0;
    let (a0, len) = (g.addr(r1), g.len(r1 + 1));
    if len % unit != 0 {
        return g.raise(exc::SPECIFICATION);
    }
    let tbl = g.addr(1);
    let reverse = reverse != 0;
    let budget = if reverse { (a0 & (PAGE - 1)) + 1 } else { G::to_page(a0) }.max(unit);
    let step = |a: u64, n: u64| if reverse { a.wrapping_sub(n) } else { a.wrapping_add(n) };
    let mut done = 0u64;
    let mut fc = 0u32;
    while done < len && done < budget {
        let at = g.wrap(step(a0, done));
        let code = (|| -> R<u32> {
            let ch = g.rd_n(at, unit)?;
            if limit && ch > 255 {
                return Ok(0);
            }
            g.rd_n(g.at(tbl, ch as u64 * fsize), fsize)
        })();
        match code {
            Ok(0) => done += unit,
            Ok(c) => {
                fc = c;
                break;
            }
            Err(_) if done == 0 => return 0,
            Err(_) => break,
        }
    }
    g.clear_fault();
    let na = g.wrap(step(a0, done));
    g.set_addr(r1, na);
    g.set_len(r1 + 1, len - done);
    let cc = if fc != 0 {
        if r2 != r1 && r2 != r1 + 1 {
            g.set_len(r2, fc as u64);
        }
        1
    } else if done == len {
        0
    } else {
        3
    };
    g.set_cc(cc);
    0
}

/// `CUSE R1,R2`: compares the first (R1, length R1+1) and second (R2, R2+1) operands left to
/// right, the shorter extended with the pad byte (GR1 bits 56:63), until the last SS bytes
/// compared (SS: GR0 bits 56:63) were all equal: CC 0, R1/R2 at the start of that equal
/// substring and the lengths counting from there. Both operands exhausted: CC 1 if the last
/// bytes compared were equal (the registers at the start of that partial substring), else
/// CC 2 (the registers past the operands). SS zero: CC 0, nothing changed; both lengths
/// zero: CC 2, nothing changed. A CPU-determined amount (here: a page of either operand,
/// stopping only between unequal bytes): CC 3 with the registers at the next bytes.
pub extern "C" fn helper_cuse(cpu: *mut u8, r1: u64, r2: u64) -> u64 {
    // SAFETY: as in `helper_ss`.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let ss = g.gpr(0) as u8 as u64;
    let pad = g.gpr(1) as u8;
    let (a1, a2) = (g.addr(r1), g.addr(r2));
    let (l1, l2) = (g.len(r1 + 1), g.len(r2 + 1));
    if ss == 0 {
        g.set_cc(0);
        return 0;
    }
    if l1 == 0 && l2 == 0 {
        g.set_cc(2);
        return 0;
    }
    let budget = G::to_page(a1).max(G::to_page(a2));
    // i: bytes compared; run: length of the current run of equal bytes.
    let (mut i, mut run) = (0u64, 0u64);
    let mut faulted = false;
    let cc = loop {
        if run == ss {
            break 0;
        }
        if i >= l1 && i >= l2 {
            break if run > 0 { 1 } else { 2 };
        }
        if run == 0 && i >= budget {
            break 3;
        }
        let pair = (|| -> R<(u8, u8)> {
            let b1 = if i < l1 { g.rd(g.at(a1, i))? } else { pad };
            let b2 = if i < l2 { g.rd(g.at(a2, i))? } else { pad };
            Ok((b1, b2))
        })();
        match pair {
            Ok((b1, b2)) if b1 == b2 => run += 1,
            Ok(_) => run = 0,
            Err(_) => {
                faulted = true;
                break 3;
            }
        }
        i += 1;
    };
    // The restart point: the start of the equal run (CC 0, 1, or a fault inside a run), or
    // the next bytes.
    let at = if cc == 2 || run == 0 { i } else { i - run };
    if faulted && at == 0 {
        return 0;
    }
    g.clear_fault();
    let (n1, n2) = (at.min(l1), at.min(l2));
    let (na1, na2) = (g.at(a1, n1), g.at(a2, n2));
    g.set_addr(r1, na1);
    g.set_addr(r2, na2);
    g.set_len(r1 + 1, l1 - n1);
    g.set_len(r2 + 1, l2 - n2);
    g.set_cc(cc);
    0
}
