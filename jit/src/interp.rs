//! Concrete-value backend of the emitter API: runs one guest instruction's semantics directly
//! on a CPU struct and a guest memory.
//!
//! The engine's interpreter tier (cold code) and the front ends' unit tests use it. It keeps
//! every invariant of [`crate::ir`]:
//! - `set` writes are pending (a byte overlay over the CPU struct, so overlapping slots such
//!   as a VSR and its doublewords read back consistently) until the instruction ends; a `get`
//!   sees them, memory accesses and helper calls do not (helpers see the struct as it was
//!   before the instruction).
//! - The first exit taken, raise taken, helper-raised exception or memory fault decides the
//!   outcome. Exits commit the pending writes; everything else discards them. After that the
//!   instruction's remaining emitter calls do nothing and return zero of the right type, so
//!   semantic code may keep calling without checking.
//! - Values are always truncated to their type's width; shift amounts are taken modulo the
//!   width; division by zero gives 0 and signed `MIN / -1` gives `MIN` (remainder 0).
//!
//! Guest stores are not pending: like translated code, a store reaches memory at once (an
//! instruction that faults after storing part of its data leaves that part stored, which the
//! architecture permits for multi-access instructions).

use crate::cpu::{CpuHeader, GuestCpu};
use crate::frontend::{CodeSource, Flow, Frontend};
use crate::ir::{Cmp, Emitter, Endian, FloatOp, Helper, PureFn, Slot, Ty};
use std::collections::HashMap;

/// Guest memory as the interpreter sees it. Byte order is the interpreter's business: the
/// memory only moves bytes.
pub trait InterpMemory {
    /// Reads `size` (1..=16) bytes at `addr`, returned as a little-endian integer (byte at
    /// `addr` in bits 0..8). `None` if any byte is not readable (a fault).
    fn load(&mut self, addr: u64, size: usize) -> Option<u128>;
    /// Writes `bytes` at `addr`; `false` (and nothing written) if any byte is not writable.
    fn store(&mut self, addr: u64, bytes: &[u8]) -> bool;
    /// Compare-and-swap of `size` bytes at `addr` (values as in `load`): stores `new` if the
    /// memory equals `expected`; returns the old contents, `None` on a fault. Memory that
    /// other threads can see must do this atomically.
    fn cas(&mut self, addr: u64, size: usize, expected: u128, new: u128) -> Option<u128> {
        let old = self.load(addr, size)?;
        if old == expected && !self.store(addr, &new.to_le_bytes()[..size]) {
            return None;
        }
        Some(old)
    }
}

/// A typed concrete value, always truncated to `ty`'s width.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Val {
    pub ty: Ty,
    pub bits: u128,
}

impl Val {
    pub fn new(ty: Ty, bits: u128) -> Val {
        Val { ty, bits: bits & ty.mask() }
    }
    /// The value sign-extended from its width.
    pub fn signed(self) -> i128 {
        let sh = 128 - self.ty.bits();
        ((self.bits << sh) as i128) >> sh
    }
    pub fn is_true(self) -> bool {
        self.bits != 0
    }
}

/// How one instruction ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
    /// Fell through to the next instruction at this address (pc + length).
    Next(u64),
    /// Took an exit (constant, conditional or computed) to this address.
    Jump(u64),
    /// Raised guest exception `exc` with the guest PC set to `pc`.
    Exception { exc: u32, pc: u64 },
    /// A data access faulted at `addr` (state as before the instruction).
    Fault { addr: u64, write: bool },
    /// The instruction bytes at this address could not be fetched.
    FetchFault(u64),
}

/// The concrete-value [`Emitter`]. Create with [`Interp::new`], call [`Interp::begin`], let the
/// front end translate one instruction into it, then [`Interp::finish`] — or use [`step`].
pub struct Interp<'a> {
    cpu: *mut u8,
    mem: &'a mut dyn InterpMemory,
    /// Pending register writes: (byte offset, little-endian bytes), in program order.
    pending: Vec<(u32, Val)>,
    pc: u64,
    done: Option<Outcome>,
    /// The outcome of the instruction's conditional exit, if it made one (the engine's
    /// branch profile).
    pub cond_taken: Option<bool>,
}

impl<'a> Interp<'a> {
    /// `cpu` points at an ISA's `#[repr(C)]` CPU struct (starting with a [`CpuHeader`]) that
    /// stays valid, and is not otherwise accessed, while the interpreter lives.
    pub fn new(cpu: *mut u8, mem: &'a mut dyn InterpMemory) -> Interp<'a> {
        Interp { cpu, mem, pending: Vec::new(), pc: 0, done: None, cond_taken: None }
    }

    /// Starts an instruction at guest address `pc`.
    pub fn begin(&mut self, pc: u64) {
        self.pending.clear();
        self.pc = pc;
        self.done = None;
        self.cond_taken = None;
    }

    /// Ends the instruction begun with [`Interp::begin`], given what the front end's
    /// `translate` returned, and updates the header (`pc`, and the exception or fault words).
    #[inline]
    pub fn finish(&mut self, flow: Option<Flow>) -> Outcome {
        let out = match (self.done, flow) {
            (Some(o), _) => o,
            (None, None) => Outcome::FetchFault(self.pc),
            (None, Some(Flow::Next(len))) => {
                self.commit();
                Outcome::Next(self.pc.wrapping_add(len as u64))
            }
            (None, Some(Flow::Goto(target) | Flow::Call { target, .. })) => {
                self.commit();
                Outcome::Jump(target)
            }
            (None, Some(Flow::End)) => {
                panic!("front end returned Flow::End at {:#x} without an exit or raise", self.pc)
            }
        };
        self.pending.clear();
        let insn_pc = self.pc;
        let h = self.header();
        match out {
            Outcome::Next(pc) | Outcome::Jump(pc) => h.pc = pc,
            Outcome::Exception { exc, pc } => {
                h.pc = pc;
                h.exception = exc;
            }
            Outcome::Fault { addr, write } => {
                h.pc = insn_pc;
                h.fault_addr = addr;
                h.fault_write = write as u64;
            }
            Outcome::FetchFault(pc) => h.pc = pc,
        }
        out
    }

    fn header(&mut self) -> &mut CpuHeader {
        // SAFETY: `new`'s contract: the CPU struct starts with a CpuHeader.
        unsafe { &mut *(self.cpu as *mut CpuHeader) }
    }

    #[inline(always)]
    fn read_raw(&self, offset: u32, ty: Ty) -> u128 {
        // SAFETY: slots address fields inside the CPU struct (`new`'s contract); unaligned
        // reads of the slot's own width (no byte-copy call per access).
        unsafe {
            let p = self.cpu.add(offset as usize);
            match ty.bytes() {
                1 => *p as u128,
                2 => (p as *const u16).read_unaligned() as u128,
                4 => (p as *const u32).read_unaligned() as u128,
                8 => (p as *const u64).read_unaligned() as u128,
                _ => (p as *const u128).read_unaligned(),
            }
        }
    }

    #[inline(always)]
    fn write_raw(&mut self, offset: u32, v: Val) {
        // SAFETY: as in `read_raw`.
        unsafe {
            let p = self.cpu.add(offset as usize);
            match v.ty.bytes() {
                1 => *p = v.bits as u8,
                2 => (p as *mut u16).write_unaligned(v.bits as u16),
                4 => (p as *mut u32).write_unaligned(v.bits as u32),
                8 => (p as *mut u64).write_unaligned(v.bits as u64),
                _ => (p as *mut u128).write_unaligned(v.bits),
            }
        }
    }

    #[inline]
    fn commit(&mut self) {
        // Keep the vector (and its capacity) for the next instruction.
        let mut pending = std::mem::take(&mut self.pending);
        for (off, v) in pending.drain(..) {
            self.write_raw(off, v);
        }
        self.pending = pending;
    }

    /// Ends the instruction with `o` unless it has already ended.
    #[inline(always)]
    fn end(&mut self, o: Outcome) {
        if self.done.is_some() {
            return;
        }
        match o {
            Outcome::Jump(_) => self.commit(),
            _ => self.pending.clear(),
        }
        self.done = Some(o);
    }

    #[inline(always)]
    fn dead(&self) -> bool {
        self.done.is_some()
    }

    fn zero(ty: Ty) -> Val {
        Val { ty, bits: 0 }
    }

    fn same(a: Val, b: Val) {
        debug_assert_eq!(a.ty, b.ty, "emitter operands of different types");
    }

    #[inline(always)]
    fn bin(&mut self, a: Val, b: Val, f: impl FnOnce(Val, Val) -> u128) -> Val {
        Self::same(a, b);
        if self.dead() {
            return Self::zero(a.ty);
        }
        Val::new(a.ty, f(a, b))
    }

    #[inline(always)]
    fn un(&mut self, a: Val, f: impl FnOnce(Val) -> u128) -> Val {
        if self.dead() {
            return Self::zero(a.ty);
        }
        Val::new(a.ty, f(a))
    }
}

/// Reverses the low `n` bytes of `v`.
fn swap_bytes(v: u128, n: u32) -> u128 {
    if n <= 1 { v } else { v.swap_bytes() >> (128 - 8 * n) }
}

/// The full 256-bit unsigned product of two u128s as (hi, lo).
fn mul_wide_u128(a: u128, b: u128) -> (u128, u128) {
    let m = u64::MAX as u128;
    let (a0, a1, b0, b1) = (a & m, a >> 64, b & m, b >> 64);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & m) + (p10 & m);
    let lo = (p00 & m) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// High half of the 256-bit unsigned product of two u128s.
pub(crate) fn umulhi_128(a: u128, b: u128) -> u128 {
    umulhi(a, b, 128)
}

/// High half of the 256-bit signed product of two i128s.
pub(crate) fn smulhi_128(a: i128, b: i128) -> u128 {
    smulhi(a, b, 128)
}

/// High half of the unsigned double-width product of two `w`-bit values.
fn umulhi(a: u128, b: u128, w: u32) -> u128 {
    if w == 128 { mul_wide_u128(a, b).0 } else { (a * b) >> w }
}

/// High half of the signed double-width product of two `w`-bit values (as sign-extended i128).
fn smulhi(a: i128, b: i128, w: u32) -> u128 {
    if w == 128 {
        // Signed high = unsigned high - (a<0 ? b : 0) - (b<0 ? a : 0) (mod 2^128).
        let mut hi = mul_wide_u128(a as u128, b as u128).0;
        if a < 0 {
            hi = hi.wrapping_sub(b as u128);
        }
        if b < 0 {
            hi = hi.wrapping_sub(a as u128);
        }
        hi
    } else {
        // |a|,|b| <= 2^63, so the product fits in an i128.
        ((a * b) >> w) as u128
    }
}

impl Emitter for Interp<'_> {
    type V = Val;

    #[inline(always)]
    fn ty(&self, v: Val) -> Ty {
        v.ty
    }

    #[inline(always)]
    fn iconst(&mut self, ty: Ty, v: u64) -> Val {
        Val::new(ty, v as u128)
    }

    #[inline(always)]
    fn get(&mut self, s: Slot) -> Val {
        if self.dead() {
            return Self::zero(s.ty);
        }
        let n = s.ty.bytes();
        let raw = self.read_raw(s.offset, s.ty);
        if !self.pending.iter().any(|&(off, v)| off < s.offset + n && s.offset < off + v.ty.bytes()) {
            return Val { ty: s.ty, bits: raw };
        }
        let mut bytes = raw.to_le_bytes();
        // Overlay pending writes that overlap the slot, oldest first.
        for (off, v) in &self.pending {
            let vb = v.bits.to_le_bytes();
            for i in 0..v.ty.bytes() {
                let abs = off + i;
                if abs >= s.offset && abs < s.offset + n {
                    bytes[(abs - s.offset) as usize] = vb[i as usize];
                }
            }
        }
        Val::new(s.ty, u128::from_le_bytes(bytes))
    }

    #[inline(always)]
    fn set(&mut self, s: Slot, v: Val) {
        debug_assert_eq!(s.ty, v.ty, "set of a slot with a value of another type");
        if self.dead() {
            return;
        }
        self.pending.push((s.offset, Val::new(s.ty, v.bits)));
    }

    #[inline(always)]
    fn add(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits.wrapping_add(b.bits))
    }
    #[inline(always)]
    fn sub(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits.wrapping_sub(b.bits))
    }
    fn mul(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits.wrapping_mul(b.bits))
    }
    fn umulhi(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| umulhi(a.bits, b.bits, a.ty.bits()))
    }
    fn smulhi(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| smulhi(a.signed(), b.signed(), a.ty.bits()))
    }
    fn udiv(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits.checked_div(b.bits).unwrap_or(0))
    }
    fn sdiv(&mut self, a: Val, b: Val) -> Val {
        // i128 arithmetic on sign-extended values; MIN/-1 of a narrower type gives 2^(w-1),
        // which truncates back to MIN. For I128 wrapping_div gives MIN too.
        self.bin(a, b, |a, b| if b.bits == 0 { 0 } else { a.signed().wrapping_div(b.signed()) as u128 })
    }
    fn urem(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits.checked_rem(b.bits).unwrap_or(0))
    }
    fn srem(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| if b.bits == 0 { 0 } else { a.signed().wrapping_rem(b.signed()) as u128 })
    }
    #[inline(always)]
    fn and(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits & b.bits)
    }
    #[inline(always)]
    fn or(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits | b.bits)
    }
    #[inline(always)]
    fn xor(&mut self, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| a.bits ^ b.bits)
    }
    #[inline(always)]
    fn shl(&mut self, a: Val, amt: Val) -> Val {
        self.un(a, |a| a.bits << (amt.bits % a.ty.bits() as u128))
    }
    #[inline(always)]
    fn lshr(&mut self, a: Val, amt: Val) -> Val {
        self.un(a, |a| a.bits >> (amt.bits % a.ty.bits() as u128))
    }
    #[inline(always)]
    fn ashr(&mut self, a: Val, amt: Val) -> Val {
        self.un(a, |a| (a.signed() >> (amt.bits % a.ty.bits() as u128)) as u128)
    }
    #[inline(always)]
    fn rotl(&mut self, a: Val, amt: Val) -> Val {
        self.un(a, |a| {
            let w = a.ty.bits();
            let n = (amt.bits % w as u128) as u32;
            if n == 0 { a.bits } else { (a.bits << n) | (a.bits >> (w - n)) }
        })
    }
    #[inline(always)]
    fn not(&mut self, a: Val) -> Val {
        self.un(a, |a| !a.bits)
    }
    #[inline(always)]
    fn neg(&mut self, a: Val) -> Val {
        self.un(a, |a| a.bits.wrapping_neg())
    }
    fn clz(&mut self, a: Val) -> Val {
        self.un(a, |a| (a.bits.leading_zeros() - (128 - a.ty.bits())) as u128)
    }
    fn ctz(&mut self, a: Val) -> Val {
        self.un(a, |a| a.bits.trailing_zeros().min(a.ty.bits()) as u128)
    }
    fn popcnt(&mut self, a: Val) -> Val {
        self.un(a, |a| a.bits.count_ones() as u128)
    }
    fn bswap(&mut self, a: Val) -> Val {
        self.un(a, |a| swap_bytes(a.bits, a.ty.bytes()))
    }

    #[inline(always)]
    fn zext(&mut self, ty: Ty, a: Val) -> Val {
        if self.dead() {
            return Self::zero(ty);
        }
        Val::new(ty, a.bits)
    }
    #[inline(always)]
    fn sext(&mut self, ty: Ty, a: Val) -> Val {
        if self.dead() {
            return Self::zero(ty);
        }
        Val::new(ty, a.signed() as u128)
    }
    #[inline(always)]
    fn trunc(&mut self, ty: Ty, a: Val) -> Val {
        if self.dead() {
            return Self::zero(ty);
        }
        Val::new(ty, a.bits)
    }
    fn concat(&mut self, lo: Val, hi: Val) -> Val {
        if self.dead() {
            return Self::zero(Ty::I128);
        }
        Val::new(Ty::I128, (lo.bits & u64::MAX as u128) | (hi.bits << 64))
    }

    #[inline(always)]
    fn icmp(&mut self, c: Cmp, a: Val, b: Val) -> Val {
        Self::same(a, b);
        if self.dead() {
            return Self::zero(Ty::I8);
        }
        let (ua, ub, sa, sb) = (a.bits, b.bits, a.signed(), b.signed());
        let r = match c {
            Cmp::Eq => ua == ub,
            Cmp::Ne => ua != ub,
            Cmp::Ult => ua < ub,
            Cmp::Ule => ua <= ub,
            Cmp::Ugt => ua > ub,
            Cmp::Uge => ua >= ub,
            Cmp::Slt => sa < sb,
            Cmp::Sle => sa <= sb,
            Cmp::Sgt => sa > sb,
            Cmp::Sge => sa >= sb,
        };
        Val::new(Ty::I8, r as u128)
    }
    #[inline(always)]
    fn select(&mut self, c: Val, a: Val, b: Val) -> Val {
        Self::same(a, b);
        if self.dead() {
            return Self::zero(a.ty);
        }
        if c.is_true() { a } else { b }
    }

    #[inline(always)]
    fn load(&mut self, ty: Ty, addr: Val, e: Endian) -> Val {
        if self.dead() {
            return Self::zero(ty);
        }
        let n = ty.bytes();
        match self.mem.load(addr.bits as u64, n as usize) {
            Some(raw) => {
                let v = if e == Endian::Big { swap_bytes(raw, n) } else { raw };
                Val::new(ty, v)
            }
            None => {
                self.end(Outcome::Fault { addr: addr.bits as u64, write: false });
                Self::zero(ty)
            }
        }
    }
    #[inline(always)]
    fn store(&mut self, ty: Ty, addr: Val, v: Val, e: Endian) {
        if self.dead() {
            return;
        }
        let n = ty.bytes();
        let bits = if e == Endian::Big { swap_bytes(v.bits & ty.mask(), n) } else { v.bits };
        if !self.mem.store(addr.bits as u64, &bits.to_le_bytes()[..n as usize]) {
            self.end(Outcome::Fault { addr: addr.bits as u64, write: true });
        }
    }
    fn cas(&mut self, ty: Ty, addr: Val, expected: Val, new: Val, e: Endian) -> Val {
        if self.dead() {
            return Self::zero(ty);
        }
        let n = ty.bytes();
        let a = addr.bits as u64;
        let in_memory = |v: u128| if e == Endian::Big { swap_bytes(v & ty.mask(), n) } else { v & ty.mask() };
        let Some(raw) = self.mem.cas(a, n as usize, in_memory(expected.bits), in_memory(new.bits)) else {
            self.end(Outcome::Fault { addr: a, write: true });
            return Self::zero(ty);
        };
        Val::new(ty, if e == Endian::Big { swap_bytes(raw, n) } else { raw })
    }
    fn fence(&mut self) {
        std::sync::atomic::fence(std::sync::atomic::Ordering::SeqCst);
    }

    fn call(&mut self, h: &Helper, args: &[Val]) -> Val {
        assert_eq!(args.len(), h.nargs as usize, "helper {} called with the wrong arity", h.name);
        if self.dead() {
            return Self::zero(Ty::I64);
        }
        let mut a = [0u64; Helper::MAX_ARGS];
        for (d, v) in a.iter_mut().zip(args) {
            *d = v.bits as u64;
        }
        let pc = self.pc;
        let hdr = self.header();
        hdr.pc = pc;
        hdr.exception = 0;
        let cpu = self.cpu;
        // SAFETY: `Helper` is built by `helper!`, which checks the function's signature
        // against `nargs`; the CPU pointer is the struct the helper was written for.
        let r = unsafe {
            type F0 = extern "C" fn(*mut u8) -> u64;
            type F1 = extern "C" fn(*mut u8, u64) -> u64;
            type F2 = extern "C" fn(*mut u8, u64, u64) -> u64;
            type F3 = extern "C" fn(*mut u8, u64, u64, u64) -> u64;
            type F4 = extern "C" fn(*mut u8, u64, u64, u64, u64) -> u64;
            type F5 = extern "C" fn(*mut u8, u64, u64, u64, u64, u64) -> u64;
            match h.nargs {
                0 => std::mem::transmute::<usize, F0>(h.addr)(cpu),
                1 => std::mem::transmute::<usize, F1>(h.addr)(cpu, a[0]),
                2 => std::mem::transmute::<usize, F2>(h.addr)(cpu, a[0], a[1]),
                3 => std::mem::transmute::<usize, F3>(h.addr)(cpu, a[0], a[1], a[2]),
                4 => std::mem::transmute::<usize, F4>(h.addr)(cpu, a[0], a[1], a[2], a[3]),
                5 => std::mem::transmute::<usize, F5>(h.addr)(cpu, a[0], a[1], a[2], a[3], a[4]),
                n => panic!("helper {} has {n} arguments (at most {})", h.name, Helper::MAX_ARGS),
            }
        };
        if h.may_raise {
            let hdr = self.header();
            if hdr.exception != 0 {
                let (exc, pc) = (hdr.exception, hdr.pc);
                self.end(Outcome::Exception { exc, pc });
                return Self::zero(Ty::I64);
            }
        }
        Val::new(Ty::I64, r as u128)
    }

    fn f64_op(&mut self, op: FloatOp, a: Val, b: Val) -> Val {
        self.bin(a, b, |a, b| {
            let (x, y) = (f64::from_bits(a.bits as u64), f64::from_bits(b.bits as u64));
            let r = match op {
                FloatOp::Add => x + y,
                FloatOp::Sub => x - y,
                FloatOp::Mul => x * y,
                FloatOp::Div => x / y,
            };
            r.to_bits() as u128
        })
    }

    fn f64_fma(&mut self, a: Val, b: Val, c: Val) -> Val {
        if self.dead() {
            return Self::zero(a.ty);
        }
        let f = |v: Val| f64::from_bits(v.bits as u64);
        Val::new(a.ty, f(a).mul_add(f(b), f(c)).to_bits() as u128)
    }

    fn call_if(&mut self, c: Val, h: &Helper, args: &[Val]) -> Val {
        if self.dead() || !c.is_true() {
            return Self::zero(Ty::I64);
        }
        self.call(h, args)
    }

    fn call_pure(&mut self, f: &PureFn, args: &[Val]) -> Val {
        assert!(args.len() == f.nargs as usize && args.len() <= PureFn::MAX_ARGS, "pure function {} called with the wrong arity", f.name);
        if self.dead() {
            return Self::zero(Ty::I64);
        }
        let mut a = [0u64; PureFn::MAX_ARGS];
        for (d, v) in a.iter_mut().zip(args) {
            *d = v.bits as u64;
        }
        // SAFETY: `PureFn` is built by `pure_fn!`, which checks the type against `nargs`.
        Val::new(Ty::I64, unsafe { crate::ir::call_pure_fn(f, a) } as u128)
    }

    fn call_pure_if(&mut self, c: Val, f: &PureFn, args: &[Val]) -> Val {
        if self.dead() || !c.is_true() {
            return Self::zero(Ty::I64);
        }
        self.call_pure(f, args)
    }

    #[inline(always)]
    fn exit_if(&mut self, c: Val, pc: u64) {
        if !self.dead() {
            self.cond_taken = Some(c.is_true());
            if c.is_true() {
                self.end(Outcome::Jump(pc));
            }
        }
    }
    #[inline(always)]
    fn exit(&mut self, pc: u64) {
        self.end(Outcome::Jump(pc));
    }
    fn exit_indirect(&mut self, pc: Val) {
        self.end(Outcome::Jump(pc.bits as u64));
    }
    fn raise(&mut self, exc: u32, pc: u64) {
        self.end(Outcome::Exception { exc, pc });
    }
    #[inline(always)]
    fn raise_if(&mut self, c: Val, exc: u32, pc: u64) {
        if !self.dead() && c.is_true() {
            self.end(Outcome::Exception { exc, pc });
        }
    }
}

/// Runs exactly one guest instruction at `cpu.header().pc` (under the CPU's current mode) and
/// updates the header's `pc` (and exception/fault words) to match the outcome.
pub fn step<F: Frontend>(fe: &F, cpu: &mut F::Cpu, mem: &mut dyn InterpMemory, code: &dyn CodeSource) -> Outcome {
    step_with(fe, cpu, mem, code, &mut Vec::new())
}

/// [`step`] reusing `scratch` for the pending writes (no allocation per instruction).
pub fn step_with<F: Frontend>(fe: &F, cpu: &mut F::Cpu, mem: &mut dyn InterpMemory, code: &dyn CodeSource, scratch: &mut Vec<(u32, Val)>) -> Outcome {
    step_profiled(fe, cpu, mem, code, scratch).0
}

/// [`step_with`], also returning whether the instruction's conditional exit was taken (if
/// it made one).
pub fn step_profiled<F: Frontend>(fe: &F, cpu: &mut F::Cpu, mem: &mut dyn InterpMemory, code: &dyn CodeSource, scratch: &mut Vec<(u32, Val)>) -> (Outcome, Option<bool>) {
    let pc = cpu.header().pc;
    let Some(d) = fe.predecode(code, pc, F::mode(cpu)) else {
        // Nothing ran: the PC stays at the instruction that could not be fetched.
        return (Outcome::FetchFault(pc), None);
    };
    let mut taken = None;
    let out = step_decoded(fe, cpu, mem, code, &d, scratch, &mut taken);
    (out, taken)
}

/// [`step_profiled`] for an instruction already fetched and decoded at the guest PC; whether
/// its conditional exit was taken (if it made one) goes to `taken`.
#[inline(always)]
pub fn step_decoded<F: Frontend>(fe: &F, cpu: &mut F::Cpu, mem: &mut dyn InterpMemory, code: &dyn CodeSource, d: &F::Decoded, scratch: &mut Vec<(u32, Val)>, taken: &mut Option<bool>) -> Outcome {
    let pc = cpu.header().pc;
    let mode = F::mode(cpu);
    let mut it = Interp::new(cpu as *mut F::Cpu as *mut u8, mem);
    std::mem::swap(&mut it.pending, scratch);
    it.begin(pc);
    let flow = fe.emit_decoded(&mut it, code, d, pc, mode);
    let out = it.finish(Some(flow));
    std::mem::swap(&mut it.pending, scratch);
    *taken = it.cond_taken;
    out
}

/// Like [`step`], with the instruction bytes fetched from the same memory the instruction
/// accesses (as a user-mode guest sees it).
pub fn step_mem<F: Frontend, M: InterpMemory + CodeSource>(fe: &F, cpu: &mut F::Cpu, mem: &mut M) -> Outcome {
    let pc = cpu.header().pc;
    let mut bytes = Vec::with_capacity(F::MAX_INSN_LEN);
    for i in 0..F::MAX_INSN_LEN as u64 {
        let mut b = [0u8; 1];
        if !mem.fetch(pc.wrapping_add(i), &mut b) {
            break;
        }
        bytes.push(b[0]);
    }
    let code = Prefetched { pc, bytes };
    step(fe, cpu, mem, &code)
}

/// Instruction bytes copied out of guest memory ahead of the step.
struct Prefetched {
    pc: u64,
    bytes: Vec<u8>,
}

impl CodeSource for Prefetched {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let start = pc.wrapping_sub(self.pc);
        match start.checked_add(buf.len() as u64) {
            Some(end) if end <= self.bytes.len() as u64 => {
                buf.copy_from_slice(&self.bytes[start as usize..end as usize]);
                true
            }
            _ => false,
        }
    }
}

/// Sparse test memory: 4 KiB pages mapped explicitly; any access touching an unmapped page
/// faults. Also a [`CodeSource`], so tests can put instructions in it.
#[derive(Default, Clone)]
pub struct TestMemory {
    pages: HashMap<u64, Vec<u8>>,
}

impl TestMemory {
    pub const PAGE: u64 = 4096;

    pub fn new() -> TestMemory {
        TestMemory::default()
    }
    /// Maps (zero-filled) every page touching `[addr, addr+len)`; already mapped pages keep
    /// their contents.
    pub fn map(&mut self, addr: u64, len: u64) {
        if len == 0 {
            return;
        }
        let first = addr / Self::PAGE;
        let last = (addr + (len - 1)) / Self::PAGE;
        for p in first..=last {
            self.pages.entry(p).or_insert_with(|| vec![0; Self::PAGE as usize]);
        }
    }
    pub fn unmap(&mut self, addr: u64, len: u64) {
        if len == 0 {
            return;
        }
        for p in addr / Self::PAGE..=(addr + (len - 1)) / Self::PAGE {
            self.pages.remove(&p);
        }
    }
    fn byte(&self, a: u64) -> Option<u8> {
        self.pages.get(&(a / Self::PAGE)).map(|p| p[(a % Self::PAGE) as usize])
    }
    /// Host-side read for tests; `None` if any byte is unmapped.
    pub fn read(&self, addr: u64, len: usize) -> Option<Vec<u8>> {
        (0..len as u64).map(|i| self.byte(addr.wrapping_add(i))).collect()
    }
    /// Host-side write for tests (maps the pages it touches).
    pub fn write(&mut self, addr: u64, bytes: &[u8]) {
        self.map(addr, bytes.len() as u64);
        for (i, b) in bytes.iter().enumerate() {
            let a = addr + i as u64;
            self.pages.get_mut(&(a / Self::PAGE)).unwrap()[(a % Self::PAGE) as usize] = *b;
        }
    }
}

impl InterpMemory for TestMemory {
    fn load(&mut self, addr: u64, size: usize) -> Option<u128> {
        assert!((1..=16).contains(&size));
        let b = self.read(addr, size)?;
        let mut v = [0u8; 16];
        v[..size].copy_from_slice(&b);
        Some(u128::from_le_bytes(v))
    }
    fn store(&mut self, addr: u64, bytes: &[u8]) -> bool {
        if (0..bytes.len() as u64).any(|i| self.byte(addr.wrapping_add(i)).is_none()) {
            return false;
        }
        for (i, b) in bytes.iter().enumerate() {
            let a = addr.wrapping_add(i as u64);
            self.pages.get_mut(&(a / Self::PAGE)).unwrap()[(a % Self::PAGE) as usize] = *b;
        }
        true
    }
}

impl CodeSource for TestMemory {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        match self.read(pc, buf.len()) {
            Some(b) => {
                buf.copy_from_slice(&b);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    #[repr(C)]
    #[derive(Default)]
    struct Toy {
        hdr: CpuHeader,
        r: [u64; 4],
        v: u128,
    }
    unsafe impl GuestCpu for Toy {
        fn header(&self) -> &CpuHeader {
            &self.hdr
        }
        fn header_mut(&mut self) -> &mut CpuHeader {
            &mut self.hdr
        }
    }
    fn r(n: usize) -> Slot {
        Slot::new(offset_of!(Toy, r) + 8 * n, Ty::I64)
    }
    const V: Slot = Slot::new(offset_of!(Toy, v), Ty::I128);
    const V_LO: Slot = Slot::new(offset_of!(Toy, v), Ty::I64);
    const V_HI: Slot = Slot::new(offset_of!(Toy, v) + 8, Ty::I64);

    fn with<R>(cpu: &mut Toy, mem: &mut TestMemory, f: impl FnOnce(&mut Interp) -> R) -> (R, Outcome) {
        let mut it = Interp::new(cpu as *mut Toy as *mut u8, mem);
        it.begin(0x1000);
        let r = f(&mut it);
        let o = it.finish(Some(Flow::Next(4)));
        (r, o)
    }

    fn c64(it: &mut Interp, v: u64) -> Val {
        it.iconst(Ty::I64, v)
    }

    #[test]
    fn writes_are_pending_until_the_end() {
        let mut cpu = Toy::default();
        cpu.r[1] = 5;
        let mut mem = TestMemory::new();
        let ((), o) = with(&mut cpu, &mut mem, |it| {
            let a = it.get(r(1));
            let b = it.add_imm(a, 1);
            it.set(r(1), b);
            assert_eq!(it.get(r(1)).bits, 6, "get sees this instruction's set");
            // The struct itself is untouched until the end.
            assert_eq!(it.read_raw(r(1).offset, Ty::I64), 5);
        });
        assert_eq!(o, Outcome::Next(0x1004));
        assert_eq!(cpu.r[1], 6);
        assert_eq!(cpu.hdr.pc, 0x1004);
    }

    #[test]
    fn overlapping_slots_read_back_consistently() {
        let mut cpu = Toy { v: 0x1111_2222_3333_4444_5555_6666_7777_8888, ..Default::default() };
        let mut mem = TestMemory::new();
        with(&mut cpu, &mut mem, |it| {
            let x = c64(it, 0xaaaa_bbbb_cccc_dddd);
            it.set(V_HI, x);
            assert_eq!(it.get(V).bits, 0xaaaa_bbbb_cccc_dddd_5555_6666_7777_8888);
            let y = it.iconst(Ty::I128, 7);
            it.set(V, y);
            assert_eq!(it.get(V_HI).bits, 0);
            assert_eq!(it.get(V_LO).bits, 7);
        });
        assert_eq!(cpu.v, 7);
    }

    #[test]
    fn raise_discards_and_silences_the_rest() {
        let mut cpu = Toy::default();
        let mut mem = TestMemory::new();
        let (_, o) = with(&mut cpu, &mut mem, |it| {
            let x = c64(it, 9);
            it.set(r(0), x);
            let t = it.iconst(Ty::I8, 1);
            it.raise_if(t, 42, 0x1000);
            // Ignored from here on, with zero values of the right type.
            let y = it.get(r(0));
            assert_eq!((y.ty, y.bits), (Ty::I64, 0));
            it.set(r(1), x);
            it.exit(0x2000);
        });
        assert_eq!(o, Outcome::Exception { exc: 42, pc: 0x1000 });
        assert_eq!(cpu.r, [0; 4]);
        assert_eq!((cpu.hdr.exception, cpu.hdr.pc), (42, 0x1000));
    }

    #[test]
    fn exits_commit() {
        let mut cpu = Toy::default();
        let mut mem = TestMemory::new();
        let mut it = Interp::new(&mut cpu as *mut Toy as *mut u8, &mut mem);
        it.begin(0x1000);
        let x = c64(&mut it, 3);
        it.set(r(2), x);
        let f = it.iconst(Ty::I8, 0);
        it.exit_if(f, 0x5000);
        let t = it.iconst(Ty::I8, 1);
        it.exit_if(t, 0x6000);
        it.exit(0x7000);
        assert_eq!(it.finish(Some(Flow::End)), Outcome::Jump(0x6000));
        assert_eq!(cpu.r[2], 3);
        assert_eq!(cpu.hdr.pc, 0x6000);
    }

    #[test]
    fn memory_faults_are_precise() {
        let mut cpu = Toy::default();
        let mut mem = TestMemory::new();
        mem.map(0x8000, 0x1000);
        let (_, o) = with(&mut cpu, &mut mem, |it| {
            let x = c64(it, 1);
            it.set(r(0), x);
            // Crosses into the unmapped page.
            let a = c64(it, 0x8ffc);
            let v = it.load(Ty::I64, a, Endian::Little);
            assert_eq!(v.ty, Ty::I64);
        });
        assert_eq!(o, Outcome::Fault { addr: 0x8ffc, write: false });
        assert_eq!(cpu.r[0], 0);
        assert_eq!((cpu.hdr.fault_addr, cpu.hdr.fault_write, cpu.hdr.pc), (0x8ffc, 0, 0x1000));

        let (_, o) = with(&mut cpu, &mut mem, |it| {
            let a = c64(it, 0x10);
            let x = c64(it, 1);
            it.store(Ty::I8, a, x, Endian::Big);
        });
        assert_eq!(o, Outcome::Fault { addr: 0x10, write: true });
    }

    #[test]
    fn byte_order_and_cas() {
        let mut cpu = Toy::default();
        let mut mem = TestMemory::new();
        mem.write(0x100, &[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]);
        with(&mut cpu, &mut mem, |it| {
            let a = c64(it, 0x100);
            assert_eq!(it.load(Ty::I32, a, Endian::Big).bits, 0x0102_0304);
            assert_eq!(it.load(Ty::I32, a, Endian::Little).bits, 0x0403_0201);
            assert_eq!(it.load(Ty::I16, a, Endian::Big).bits, 0x0102);
            let v = it.iconst(Ty::I16, 0xa0b0);
            it.store(Ty::I16, a, v, Endian::Big);
            let exp = it.iconst(Ty::I32, 0xa0b0_0304);
            let new = it.iconst(Ty::I32, 0xdead_beef);
            let old = it.cas(Ty::I32, a, exp, new, Endian::Big);
            assert_eq!(old.bits, 0xa0b0_0304);
            // A failing compare leaves memory alone.
            let old = it.cas(Ty::I32, a, exp, exp, Endian::Big);
            assert_eq!(old.bits, 0xdead_beef);
        });
        assert_eq!(mem.read(0x100, 4).unwrap(), vec![0xde, 0xad, 0xbe, 0xef]);
    }

    #[test]
    fn arithmetic_edges() {
        let mut cpu = Toy::default();
        let mut mem = TestMemory::new();
        with(&mut cpu, &mut mem, |it| {
            let i32c = |it: &mut Interp, v: u64| it.iconst(Ty::I32, v);
            let (min, m1, z, seven) = (i32c(it, 0x8000_0000), i32c(it, 0xffff_ffff), i32c(it, 0), i32c(it, 7));
            assert_eq!(it.sdiv(min, m1).bits, 0x8000_0000);
            assert_eq!(it.srem(min, m1).bits, 0);
            assert_eq!(it.udiv(seven, z).bits, 0);
            assert_eq!(it.sdiv(seven, z).bits, 0);
            assert_eq!(it.urem(seven, z).bits, 0);
            assert_eq!(it.srem(seven, z).bits, 0);
            let m7 = it.neg(seven);
            let two = i32c(it, 2);
            assert_eq!(it.sdiv(m7, two).bits, 0xffff_fffd); // -3, truncating
            assert_eq!(it.srem(m7, two).bits, 0xffff_ffff); // -1
            // Shifts take the amount modulo the width.
            let s33 = i32c(it, 33);
            assert_eq!(it.shl(seven, s33).bits, 14);
            assert_eq!(it.ashr(min, s33).bits, 0xc000_0000);
            assert_eq!(it.lshr(min, s33).bits, 0x4000_0000);
            let s4 = i32c(it, 4);
            assert_eq!(it.rotl(min, s4).bits, 8);
            assert_eq!(it.clz(z).bits, 32);
            assert_eq!(it.ctz(z).bits, 32);
            assert_eq!(it.clz(seven).bits, 29);
            assert_eq!(it.popcnt(m1).bits, 32);
            let x = i32c(it, 0x1122_3344);
            assert_eq!(it.bswap(x).bits, 0x4433_2211);
            // High products.
            let a = c64(it, u64::MAX);
            assert_eq!(it.umulhi(a, a).bits, u64::MAX as u128 - 1);
            assert_eq!(it.smulhi(a, a).bits, 0); // (-1)*(-1) = 1
            let b = c64(it, 1 << 63);
            assert_eq!(it.smulhi(b, b).bits, 1 << 62); // 2^126
            let big = it.iconst(Ty::I128, 0);
            let big = it.not(big); // -1
            assert_eq!(it.smulhi(big, big).bits, 0);
            assert_eq!(it.umulhi(big, big).bits, u128::MAX - 1);
            // Conversions.
            let byte = it.iconst(Ty::I8, 0x80);
            assert_eq!(it.sext(Ty::I64, byte).bits, 0xffff_ffff_ffff_ff80);
            assert_eq!(it.zext(Ty::I64, byte).bits, 0x80);
            let w = c64(it, 0x1_0000_0001);
            assert_eq!(it.trunc(Ty::I32, w).bits, 1);
            let hi = c64(it, 2);
            assert_eq!(it.concat(w, hi).bits, (2u128 << 64) | 0x1_0000_0001);
            assert_eq!(it.icmp(Cmp::Slt, min, z).bits, 1);
            assert_eq!(it.icmp(Cmp::Ult, min, z).bits, 0);
        });
    }

    extern "C" fn add_to_r3(cpu: *mut u8, x: u64, y: u64) -> u64 {
        // SAFETY: the test passes a Toy.
        let t = unsafe { &mut *(cpu as *mut Toy) };
        t.r[3] += 1;
        x + y + t.r[0]
    }
    extern "C" fn raise_if_arg(cpu: *mut u8, x: u64) -> u64 {
        let t = unsafe { &mut *(cpu as *mut Toy) };
        if x != 0 {
            t.hdr.exception = x as u32;
        }
        0
    }

    #[test]
    fn helpers_see_state_before_the_instruction() {
        let mut cpu = Toy::default();
        cpu.r[0] = 100;
        let mut mem = TestMemory::new();
        let h = crate::helper!(add_to_r3, 2, false);
        let (_, o) = with(&mut cpu, &mut mem, |it| {
            let x = c64(it, 1);
            it.set(r(0), x); // pending: the helper still sees 100
            let y = c64(it, 2);
            let s = it.call(&h, &[x, y]);
            assert_eq!(s.bits, 103);
            assert_eq!(it.get(r(3)).bits, 1, "helper writes are visible afterwards");
        });
        assert_eq!(o, Outcome::Next(0x1004));
        assert_eq!((cpu.r[0], cpu.r[3]), (1, 1));

        let h = crate::helper!(raise_if_arg, 1, true);
        let (_, o) = with(&mut cpu, &mut mem, |it| {
            let x = c64(it, 5);
            it.set(r(1), x);
            it.call(&h, &[x]);
        });
        assert_eq!(o, Outcome::Exception { exc: 5, pc: 0x1000 });
        assert_eq!(cpu.r[1], 0);
    }

    /// A one-instruction toy ISA: byte `n` adds 1 to r[n & 3]; 0xff jumps to 0x10000.
    struct ToyFe;
    impl Frontend for ToyFe {
        type Cpu = Toy;
        fn mode(_: &Toy) -> u32 {
            0
        }
        const MAX_INSN_LEN: usize = 1;
        const CACHE_LIMIT: u32 = 0;
        fn name(&self) -> &'static str {
            "toy"
        }
        type Decoded = u8;
        fn predecode(&self, code: &dyn CodeSource, pc: u64, _mode: u32) -> Option<u8> {
            let mut b = [0u8; 1];
            code.fetch(pc, &mut b).then_some(b[0])
        }
        fn emit_decoded<E: Emitter>(&self, e: &mut E, _: &dyn CodeSource, &b: &u8, _pc: u64, _mode: u32) -> Flow {
            if b == 0xff {
                e.exit(0x10000);
                return Flow::End;
            }
            let s = r((b & 3) as usize);
            let v = e.get(s);
            let v = e.add_imm(v, 1);
            e.set(s, v);
            Flow::Next(1)
        }
        fn disasm(&self, _: &dyn CodeSource, _: u64, _: u32) -> (String, u32) {
            (String::new(), 1)
        }
    }

    #[test]
    fn step_runs_one_instruction() {
        let mut cpu = Toy::default();
        let mut mem = TestMemory::new();
        mem.write(0x40, &[2, 0xff]);
        let code = TestMemory { pages: mem.pages.clone() };
        cpu.hdr.pc = 0x40;
        assert_eq!(step(&ToyFe, &mut cpu, &mut mem, &code), Outcome::Next(0x41));
        assert_eq!(cpu.r[2], 1);
        assert_eq!(step_mem(&ToyFe, &mut cpu, &mut mem), Outcome::Jump(0x10000));
        assert_eq!(step_mem(&ToyFe, &mut cpu, &mut mem), Outcome::FetchFault(0x10000));
    }
}
