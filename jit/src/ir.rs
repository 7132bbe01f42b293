//! The emitter API: the small vocabulary every guest instruction's semantics is written in.
//!
//! A front end (ppc64, s390x) decodes one instruction and describes what it does by calling
//! [`Emitter`] methods. The semantics are written once, generic over the emitter, so that every
//! backend runs the same definition: the Cranelift translator ([`crate::codegen`]) turns the
//! calls into IR, and the concrete-value backend ([`crate::interp`]) evaluates them directly.
//!
//! Invariants every backend keeps (front ends rely on them):
//! - Register writes made with [`Emitter::set`] become visible when the instruction ends. A
//!   memory access, helper call or [`Emitter::raise`] inside the instruction sees (and, on a
//!   fault, leaves) the state as it was *before* the instruction: faults are precise without
//!   the semantics having to order their writes carefully. Within the instruction, a `get`
//!   of a slot it already `set` returns the new value.
//! - Exits ([`Emitter::exit`], [`Emitter::exit_if`], [`Emitter::exit_indirect`]) commit the
//!   current instruction's writes; raises discard them.
//! - Values carry their type; binary operations take two values of the same type.
//! - Shift and rotate amounts are taken modulo the operand width (front ends mask or select
//!   where the architecture defines larger amounts).
//! - Division never traps: a zero divisor gives 0, and signed `MIN / -1` gives `MIN` (remainder
//!   0); front ends select the architected (or "undefined") result themselves.

/// Integer value types. Booleans are `I8` holding 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Ty {
    I8,
    I16,
    I32,
    I64,
    I128,
}

impl Ty {
    pub const fn bits(self) -> u32 {
        match self {
            Ty::I8 => 8,
            Ty::I16 => 16,
            Ty::I32 => 32,
            Ty::I64 => 64,
            Ty::I128 => 128,
        }
    }
    pub const fn bytes(self) -> u32 {
        self.bits() / 8
    }
    /// Mask of the value bits (all ones for `I128`).
    pub const fn mask(self) -> u128 {
        if self.bits() == 128 { u128::MAX } else { (1u128 << self.bits()) - 1 }
    }
    pub fn from_bytes(n: usize) -> Ty {
        match n {
            1 => Ty::I8,
            2 => Ty::I16,
            4 => Ty::I32,
            8 => Ty::I64,
            16 => Ty::I128,
            _ => panic!("no integer type of {n} bytes"),
        }
    }
}

/// Byte order of a guest memory access.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Endian {
    Little,
    Big,
}

/// IEEE binary64 operations of [`Emitter::f64_op`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Integer comparisons; the result is an `I8` 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Cmp {
    Eq,
    Ne,
    Ult,
    Ule,
    Ugt,
    Uge,
    Slt,
    Sle,
    Sgt,
    Sge,
}

/// One piece of guest CPU state: a byte offset into the ISA's `#[repr(C)]` CPU struct and the
/// type stored there. Backends may cache a slot in a host register within a block, so guest
/// state must only be touched through slots (or by helpers, which see a synced struct).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Slot {
    pub offset: u32,
    pub ty: Ty,
}

impl Slot {
    pub const fn new(offset: usize, ty: Ty) -> Slot {
        Slot { offset: offset as u32, ty }
    }
}

/// A Rust function callable from translated code:
/// `extern "C" fn(cpu: *mut u8, args: u64...) -> u64`, at most [`Helper::MAX_ARGS`] arguments
/// after the CPU pointer. Before the call all guest state is written back to the CPU struct
/// and the current instruction's address is in the header's `pc`; afterwards cached state is
/// reloaded, so a helper may read and write any guest register.
#[derive(Clone, Copy, Debug)]
pub struct Helper {
    pub name: &'static str,
    pub addr: usize,
    pub nargs: u8,
    /// The helper may set `CpuHeader::exception` to raise a guest exception, in which case the
    /// instruction is abandoned (state as before it) and the block exits.
    pub may_raise: bool,
}

impl Helper {
    pub const MAX_ARGS: usize = 5;
}

/// Declares a [`Helper`] from an `extern "C"` function with its arity checked by the compiler.
#[macro_export]
macro_rules! helper {
    ($f:path, 0, $raise:expr) => {
        $crate::ir::Helper { name: stringify!($f), addr: $f as extern "C" fn(*mut u8) -> u64 as usize, nargs: 0, may_raise: $raise }
    };
    ($f:path, 1, $raise:expr) => {
        $crate::ir::Helper { name: stringify!($f), addr: $f as extern "C" fn(*mut u8, u64) -> u64 as usize, nargs: 1, may_raise: $raise }
    };
    ($f:path, 2, $raise:expr) => {
        $crate::ir::Helper { name: stringify!($f), addr: $f as extern "C" fn(*mut u8, u64, u64) -> u64 as usize, nargs: 2, may_raise: $raise }
    };
    ($f:path, 3, $raise:expr) => {
        $crate::ir::Helper { name: stringify!($f), addr: $f as extern "C" fn(*mut u8, u64, u64, u64) -> u64 as usize, nargs: 3, may_raise: $raise }
    };
    ($f:path, 4, $raise:expr) => {
        $crate::ir::Helper { name: stringify!($f), addr: $f as extern "C" fn(*mut u8, u64, u64, u64, u64) -> u64 as usize, nargs: 4, may_raise: $raise }
    };
    ($f:path, 5, $raise:expr) => {
        $crate::ir::Helper { name: stringify!($f), addr: $f as extern "C" fn(*mut u8, u64, u64, u64, u64, u64) -> u64 as usize, nargs: 5, may_raise: $raise }
    };
}

/// A host function of its arguments alone, `extern "C" fn(args: u64...) -> u64` (at most
/// [`PureFn::MAX_ARGS`]): it reads no guest state or memory, writes nothing and cannot
/// raise, so translated code calls it like an arithmetic operation — no guest state is
/// written back before it or re-read after it (a [`Helper`] call costs both), and it is not
/// a sync point. For the work a few inline operations cannot do well (a 16-way byte table
/// lookup, a byte-set search) on values the instruction already has.
#[derive(Clone, Copy, Debug)]
pub struct PureFn {
    pub name: &'static str,
    pub addr: usize,
    pub nargs: u8,
}

impl PureFn {
    pub const MAX_ARGS: usize = 5;
}

/// Declares a [`PureFn`] from an `extern "C"` function with its arity checked by the compiler.
#[macro_export]
macro_rules! pure_fn {
    ($f:path, 1) => {
        $crate::ir::PureFn { name: stringify!($f), addr: $f as extern "C" fn(u64) -> u64 as usize, nargs: 1 }
    };
    ($f:path, 2) => {
        $crate::ir::PureFn { name: stringify!($f), addr: $f as extern "C" fn(u64, u64) -> u64 as usize, nargs: 2 }
    };
    ($f:path, 3) => {
        $crate::ir::PureFn { name: stringify!($f), addr: $f as extern "C" fn(u64, u64, u64) -> u64 as usize, nargs: 3 }
    };
    ($f:path, 4) => {
        $crate::ir::PureFn { name: stringify!($f), addr: $f as extern "C" fn(u64, u64, u64, u64) -> u64 as usize, nargs: 4 }
    };
    ($f:path, 5) => {
        $crate::ir::PureFn { name: stringify!($f), addr: $f as extern "C" fn(u64, u64, u64, u64, u64) -> u64 as usize, nargs: 5 }
    };
}

/// Calls pure function `f` on `a` (its first `f.nargs` entries).
///
/// # Safety
/// `f` must come from [`pure_fn!`], which checks the function's type against `nargs`.
pub unsafe fn call_pure_fn(f: &PureFn, a: [u64; PureFn::MAX_ARGS]) -> u64 {
    type F1 = extern "C" fn(u64) -> u64;
    type F2 = extern "C" fn(u64, u64) -> u64;
    type F3 = extern "C" fn(u64, u64, u64) -> u64;
    type F4 = extern "C" fn(u64, u64, u64, u64) -> u64;
    type F5 = extern "C" fn(u64, u64, u64, u64, u64) -> u64;
    match f.nargs {
        1 => std::mem::transmute::<usize, F1>(f.addr)(a[0]),
        2 => std::mem::transmute::<usize, F2>(f.addr)(a[0], a[1]),
        3 => std::mem::transmute::<usize, F3>(f.addr)(a[0], a[1], a[2]),
        4 => std::mem::transmute::<usize, F4>(f.addr)(a[0], a[1], a[2], a[3]),
        _ => std::mem::transmute::<usize, F5>(f.addr)(a[0], a[1], a[2], a[3], a[4]),
    }
}

/// The operations instruction semantics are written with. See the module docs for the rules.
pub trait Emitter {
    type V: Copy;

    /// Type of a value.
    fn ty(&self, v: Self::V) -> Ty;

    // ---- constants and guest state ----
    /// A constant (truncated to `ty`; for `I128` the value is zero-extended).
    fn iconst(&mut self, ty: Ty, v: u64) -> Self::V;
    fn get(&mut self, s: Slot) -> Self::V;
    fn set(&mut self, s: Slot, v: Self::V);

    /// Bits 0..32 (the low half) of the `I64` slot `s`, as an `I32`.
    fn get_lo32(&mut self, s: Slot) -> Self::V {
        let v = self.get(s);
        self.trunc(Ty::I32, v)
    }
    /// Replaces the low 32 bits of the `I64` slot `s` with the `I32` `lo`, keeping the high
    /// 32 (a 32-bit instruction writing a 64-bit register). Backends may keep the halves
    /// apart, so that reading the low half back or writing it to the CPU struct costs no
    /// merge.
    fn set_lo32(&mut self, s: Slot, lo: Self::V) {
        let old = self.get(s);
        let high = self.and_imm(old, 0xffff_ffff_0000_0000);
        let low = self.zext(Ty::I64, lo);
        let v = self.or(high, low);
        self.set(s, v);
    }

    // ---- arithmetic and logic (same-typed operands) ----
    fn add(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn sub(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn mul(&mut self, a: Self::V, b: Self::V) -> Self::V;
    /// High half of the unsigned / signed double-width product.
    fn umulhi(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn smulhi(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn udiv(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn sdiv(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn urem(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn srem(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn and(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn or(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn xor(&mut self, a: Self::V, b: Self::V) -> Self::V;
    fn shl(&mut self, a: Self::V, amt: Self::V) -> Self::V;
    fn lshr(&mut self, a: Self::V, amt: Self::V) -> Self::V;
    fn ashr(&mut self, a: Self::V, amt: Self::V) -> Self::V;
    fn rotl(&mut self, a: Self::V, amt: Self::V) -> Self::V;
    fn not(&mut self, a: Self::V) -> Self::V;
    fn neg(&mut self, a: Self::V) -> Self::V;
    fn clz(&mut self, a: Self::V) -> Self::V;
    fn ctz(&mut self, a: Self::V) -> Self::V;
    fn popcnt(&mut self, a: Self::V) -> Self::V;
    fn bswap(&mut self, a: Self::V) -> Self::V;

    // ---- conversions ----
    fn zext(&mut self, ty: Ty, a: Self::V) -> Self::V;
    fn sext(&mut self, ty: Ty, a: Self::V) -> Self::V;
    fn trunc(&mut self, ty: Ty, a: Self::V) -> Self::V;
    /// `I128` from two `I64` halves.
    fn concat(&mut self, lo: Self::V, hi: Self::V) -> Self::V;

    // ---- comparisons and choice ----
    fn icmp(&mut self, c: Cmp, a: Self::V, b: Self::V) -> Self::V;
    /// `c != 0 ? a : b`.
    fn select(&mut self, c: Self::V, a: Self::V, b: Self::V) -> Self::V;

    /// IEEE binary64 `a op b` on the bit patterns of `I64` values, rounded to nearest even
    /// (the host's arithmetic). For the fast paths of front ends that check operands and
    /// result to be ordinary numbers themselves: what a NaN or an exception gives is
    /// unspecified (backends may differ), and no flags are kept.
    fn f64_op(&mut self, op: FloatOp, a: Self::V, b: Self::V) -> Self::V;
    /// IEEE binary64 `a × b + c` with a single rounding to nearest even (the same terms as
    /// [`Emitter::f64_op`]): for the exact error of a product or quotient.
    fn f64_fma(&mut self, a: Self::V, b: Self::V, c: Self::V) -> Self::V;

    // ---- guest memory (addresses are I64 guest-virtual) ----
    fn load(&mut self, ty: Ty, addr: Self::V, e: Endian) -> Self::V;
    fn store(&mut self, ty: Ty, addr: Self::V, v: Self::V, e: Endian);
    /// Atomic compare-and-swap; returns the old value. Faults like a store.
    fn cas(&mut self, ty: Ty, addr: Self::V, expected: Self::V, new: Self::V, e: Endian) -> Self::V;
    /// Full memory barrier.
    fn fence(&mut self);

    // ---- helpers ----
    /// Calls a helper; returns its `I64` result.
    fn call(&mut self, h: &Helper, args: &[Self::V]) -> Self::V;
    /// Calls a helper only if `c != 0` (an `I8`), e.g. the exact slow path of an
    /// instruction whose common case is emitted inline; returns its result, or 0 when it
    /// was not called. Either way guest state is as after a call (the helper may have
    /// changed any of it).
    fn call_if(&mut self, c: Self::V, h: &Helper, args: &[Self::V]) -> Self::V;
    /// Calls pure function `f` (see [`PureFn`]) on `I64` arguments (narrower ones
    /// zero-extended); returns its `I64` result. Guest state is untouched.
    fn call_pure(&mut self, f: &PureFn, args: &[Self::V]) -> Self::V;
    /// [`Emitter::call_pure`] only where `c != 0` (an `I8`); 0 where it was not called.
    fn call_pure_if(&mut self, c: Self::V, f: &PureFn, args: &[Self::V]) -> Self::V;

    // ---- control flow: every instruction ends with at most one unconditional exit ----
    /// Leaves the block for `pc` if `c != 0`; otherwise the instruction goes on.
    fn exit_if(&mut self, c: Self::V, pc: u64);
    /// Ends the block, continuing at the constant `pc`.
    fn exit(&mut self, pc: u64);
    /// Ends the block, continuing at a computed address.
    fn exit_indirect(&mut self, pc: Self::V);
    /// Raises guest exception `exc` (front-end defined) with the guest PC set to `pc`.
    fn raise(&mut self, exc: u32, pc: u64);
    /// Raises `exc` if `c != 0`.
    fn raise_if(&mut self, c: Self::V, exc: u32, pc: u64);

    // ---- conveniences built on the above ----
    fn imm_like(&mut self, like: Self::V, v: u64) -> Self::V {
        let t = self.ty(like);
        self.iconst(t, v)
    }
    fn add_imm(&mut self, a: Self::V, v: i64) -> Self::V {
        let c = self.imm_like(a, v as u64);
        self.add(a, c)
    }
    fn and_imm(&mut self, a: Self::V, v: u64) -> Self::V {
        let c = self.imm_like(a, v);
        self.and(a, c)
    }
    fn or_imm(&mut self, a: Self::V, v: u64) -> Self::V {
        let c = self.imm_like(a, v);
        self.or(a, c)
    }
    fn xor_imm(&mut self, a: Self::V, v: u64) -> Self::V {
        let c = self.imm_like(a, v);
        self.xor(a, c)
    }
    fn shl_imm(&mut self, a: Self::V, n: u32) -> Self::V {
        let c = self.imm_like(a, n as u64);
        self.shl(a, c)
    }
    fn lshr_imm(&mut self, a: Self::V, n: u32) -> Self::V {
        let c = self.imm_like(a, n as u64);
        self.lshr(a, c)
    }
    fn ashr_imm(&mut self, a: Self::V, n: u32) -> Self::V {
        let c = self.imm_like(a, n as u64);
        self.ashr(a, c)
    }
    fn rotl_imm(&mut self, a: Self::V, n: u32) -> Self::V {
        let c = self.imm_like(a, n as u64);
        self.rotl(a, c)
    }
    fn icmp_imm(&mut self, c: Cmp, a: Self::V, v: u64) -> Self::V {
        let b = self.imm_like(a, v);
        self.icmp(c, a, b)
    }
    /// Packs `I8` 0/1 values into one `I8`, `bits[i]` at bit `i` (a CR field, a condition
    /// code). Backends may remember the parts so that a later [`Emitter::bit`] of the result
    /// costs nothing.
    fn pack_bits(&mut self, bits: &[Self::V]) -> Self::V {
        let mut acc = self.iconst(Ty::I8, 0);
        for (i, &b) in bits.iter().enumerate() {
            let s = self.shl_imm(b, i as u32);
            acc = self.or(acc, s);
        }
        acc
    }
    /// As [`Emitter::pack_bits`], where exactly one of the bits selected by `one_hot` is
    /// set (e.g. LT/GT/EQ of a comparison): once one of them is known, so are the others.
    fn pack_bits_one_hot(&mut self, bits: &[Self::V], one_hot: u32) -> Self::V {
        let _ = one_hot;
        self.pack_bits(bits)
    }
    /// Whether the signed `a + b` (`a - b` when `sub`) overflows the operands' type, as an
    /// `I8` 0/1: the operands agree in sign (add) or differ (subtract) and the result's sign
    /// differs from `a`'s. Backends with an overflow flag may use it.
    fn signed_overflow(&mut self, a: Self::V, b: Self::V, sub: bool) -> Self::V {
        signed_overflow_from_signs(self, a, b, sub)
    }
    /// Attaches to `v` a front end's own description of how it was made: `kind` (numbered
    /// by the front end) and the values it was made from, so that code using `v` later can
    /// ask [`Emitter::origin_of`] and compute what it needs from those instead (e.g. a branch
    /// on a condition code made by a compare tests the compare itself). A hint only: `v`
    /// must be computed as usual, and code that asks must compute the same results whether
    /// or not the backend kept the hint.
    fn note_origin(&mut self, v: Self::V, kind: u32, from: &[Self::V]) {
        let _ = (v, kind, from);
    }
    /// What [`Emitter::note_origin`] attached to `v`, if the backend keeps such hints (the
    /// compiled backend does, for values of the current path; the interpreter does not).
    fn origin_of(&self, v: Self::V) -> Option<(u32, Vec<Self::V>)> {
        let _ = v;
        None
    }
    /// Bit `n` (0 = least significant) of `a`, as an `I8` 0/1.
    fn bit(&mut self, a: Self::V, n: u32) -> Self::V {
        let s = self.lshr_imm(a, n);
        let t = self.trunc(Ty::I8, s);
        self.and_imm(t, 1)
    }
}

// Note for backends: `zext`/`sext`/`trunc` to the value's own type are no-ops.

/// [`Emitter::signed_overflow`] from the signs of the operands and the result.
pub fn signed_overflow_from_signs<E: Emitter + ?Sized>(e: &mut E, a: E::V, b: E::V, sub: bool) -> E::V {
    let r = if sub { e.sub(a, b) } else { e.add(a, b) };
    let x1 = e.xor(a, r);
    let t = e.xor(a, b);
    let x2 = if sub { t } else { e.not(t) };
    let ov = e.and(x1, x2);
    let zero = e.imm_like(ov, 0);
    e.icmp(Cmp::Slt, ov, zero)
}
