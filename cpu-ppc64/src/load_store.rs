//! Fixed-point loads and stores (Power ISA 3.0B Book I ch. 3.3.2-3.3.6 and Book II ch. 4.4):
//! D/DS/X forms with update and indexed variants, byte-reversed, multiple, string, quadword,
//! and the `l*arx`/`st*cx.` reservations.
//!
//! Invariants:
//! - Every access uses the data byte order of the block (`Cx::endian`, i.e. MSR[LE]); the
//!   byte-reversed forms use the opposite one.
//! - Invalid forms the book lists (update with RA=0 or RA=RT, `lmw` loading RA, odd register
//!   pairs, ...) raise the illegal-instruction program interrupt, as QEMU does; the book
//!   leaves them undefined.
//! - `lmw`/`stmw` and the string instructions are not supported in little-endian mode: the
//!   book says they invoke the alignment interrupt there (§3.3.6, §3.3.7).
//!
//! Reservations (§Book II 4.4.2): `l*arx` records the address, size and loaded value in the
//! `RESV_*` slots. `st*cx.` succeeds iff a reservation for the same address and size exists
//! and an atomic compare-and-swap of the memory from the loaded value to the new one finds the
//! loaded value still there. This is the QEMU approach; its known gap (ABA) is that a store by
//! another thread that changes the value and then changes it back is not seen, so `st*cx.`
//! succeeds where hardware would fail. Lock-free code that relies on LL/SC detecting such
//! writes (rare; not glibc's locks or atomics) could misbehave.

use crate::common::*;
use crate::forms::*;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Endian, Ty};

/// Width and extension of an integer load/store.
#[derive(Clone, Copy, Debug)]
pub struct Width {
    pub ty: Ty,
    pub signed: bool,
}
pub const U8: Width = Width { ty: Ty::I8, signed: false };
pub const U16: Width = Width { ty: Ty::I16, signed: false };
pub const S16: Width = Width { ty: Ty::I16, signed: true };
pub const U32: Width = Width { ty: Ty::I32, signed: false };
pub const S32: Width = Width { ty: Ty::I32, signed: true };
pub const U64: Width = Width { ty: Ty::I64, signed: false };

/// The byte order opposite to `e` (byte-reversed loads and stores).
pub fn reversed(e: Endian) -> Endian {
    match e {
        Endian::Little => Endian::Big,
        Endian::Big => Endian::Little,
    }
}

/// Raises the illegal-instruction interrupt for an invalid form.
pub fn invalid<E: Emitter>(e: &mut E, cx: &Cx) -> Flow {
    e.raise(exc::ILLEGAL, cx.pc);
    Flow::End
}

/// A known instruction this front end does not implement: the machine logs it by name
/// (the disassembly of the word at `pc`) when it sees `exc::UNIMPLEMENTED`.
pub fn unimplemented<E: Emitter>(e: &mut E, cx: &Cx) -> Flow {
    e.raise(exc::UNIMPLEMENTED, cx.pc);
    Flow::End
}

/// The effective address `(RA|0) + disp`.
pub fn ea_disp<E: Emitter>(e: &mut E, ra: usize, disp: i64) -> E::V {
    let base = ra_or_zero(e, ra);
    e.add_imm(base, disp)
}

/// The effective address `(RA|0) + (RB)` of X-form accesses.
pub fn ea_indexed<E: Emitter>(e: &mut E, ra: usize, rb: usize) -> E::V {
    let base = ra_or_zero(e, ra);
    let idx = e.get(gpr(rb));
    e.add(base, idx)
}

/// Raises the alignment interrupt unless `ea` is a multiple of `size` (a power of two).
pub fn require_aligned<E: Emitter>(e: &mut E, ea: E::V, size: u64, cx: &Cx) {
    if size > 1 {
        let low = e.and_imm(ea, size - 1);
        let bad = e.icmp_imm(Cmp::Ne, low, 0);
        e.raise_if(bad, exc::ALIGNMENT, cx.pc);
    }
}

/// How an integer load or store moves its data.
#[derive(Clone, Copy, Debug)]
pub struct Access {
    pub w: Width,
    /// Byte order of the access: the data byte order, or its reverse for `l*brx`/`st*brx`.
    pub order: Endian,
    /// Update form: RA ← EA afterwards.
    pub update: bool,
}

impl Access {
    fn new(w: Width, cx: &Cx, update: bool) -> Access {
        Access { w, order: cx.endian, update }
    }
}

/// Loads at `ea` into RT (extended to 64 bits), updating RA with `ea` for update forms.
/// Update forms with RA=0 or RA=RT are invalid forms (§3.3.2).
pub fn load_to<E: Emitter>(e: &mut E, ea: E::V, rt: usize, ra: usize, acc: Access, cx: &Cx) -> Flow {
    if acc.update && (ra == 0 || ra == rt) {
        return invalid(e, cx);
    }
    let v = e.load(acc.w.ty, ea, acc.order);
    let v = if acc.w.signed { e.sext(Ty::I64, v) } else { e.zext(Ty::I64, v) };
    e.set(gpr(rt), v);
    if acc.update {
        e.set(gpr(ra), ea);
    }
    Flow::Next(4)
}

/// Stores the low bytes of RS at `ea`, updating RA with `ea` for update forms (RA=0 is
/// invalid for them).
pub fn store_from<E: Emitter>(e: &mut E, ea: E::V, rs: usize, ra: usize, acc: Access, cx: &Cx) -> Flow {
    if acc.update && ra == 0 {
        return invalid(e, cx);
    }
    let v = e.get(gpr(rs));
    let v = e.trunc(acc.w.ty, v);
    e.store(acc.w.ty, ea, v, acc.order);
    if acc.update {
        e.set(gpr(ra), ea);
    }
    Flow::Next(4)
}

// ---- D, DS and X forms (§3.3.2-3.3.4) ----

/// D-form loads: `lbz`, `lhz`, `lha`, `lwz` and their update forms. An update form computes
/// its EA from RA itself (it is invalid with RA=0, which `load_to` rejects).
pub fn ld_d<E: Emitter>(e: &mut E, a: &D, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.si);
    load_to(e, ea, a.rt, a.ra, Access::new(w, cx, update), cx)
}
/// D-form stores: `stb`, `sth`, `stw` and their update forms.
pub fn st_d<E: Emitter>(e: &mut E, a: &D, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.si);
    store_from(e, ea, a.rt, a.ra, Access::new(w, cx, update), cx)
}
/// DS-form loads: `ld`, `ldu`, `lwa`.
pub fn ld_ds<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    load_to(e, ea, a.rt, a.ra, Access::new(w, cx, update), cx)
}
/// DS-form stores: `std`, `stdu`.
pub fn st_ds<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_disp(e, a.ra, a.ds);
    store_from(e, ea, a.rt, a.ra, Access::new(w, cx, update), cx)
}
/// X-form loads: `lbzx`, `lhzx`, `lhax`, `lwzx`, `lwax`, `ldx` and their update forms.
pub fn ld_x<E: Emitter>(e: &mut E, a: &X, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    load_to(e, ea, a.rt, a.ra, Access::new(w, cx, update), cx)
}
/// X-form stores: `stbx`, `sthx`, `stwx`, `stdx` and their update forms.
pub fn st_x<E: Emitter>(e: &mut E, a: &X, cx: &Cx, w: Width, update: bool) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    store_from(e, ea, a.rt, a.ra, Access::new(w, cx, update), cx)
}

// ---- byte-reversed (§3.3.5) ----

/// `lhbrx`, `lwbrx`, `ldbrx`: the access in the opposite byte order, zero-extended.
pub fn ld_brx<E: Emitter>(e: &mut E, a: &X, cx: &Cx, w: Width) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    load_to(e, ea, a.rt, a.ra, Access { w, order: reversed(cx.endian), update: false }, cx)
}
/// `sthbrx`, `stwbrx`, `stdbrx`.
pub fn st_brx<E: Emitter>(e: &mut E, a: &X, cx: &Cx, w: Width) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    store_from(e, ea, a.rt, a.ra, Access { w, order: reversed(cx.endian), update: false }, cx)
}

// ---- multiple (§3.3.6) ----

/// `lmw`: words from EA into the low halves of RT..R31 (high halves zero). Invalid if RA is
/// among the registers loaded (which includes RA=0 when RT=0).
pub fn trans_lmw<E: Emitter>(e: &mut E, a: &D, cx: &Cx) -> Flow {
    if cx.endian == Endian::Little {
        e.raise(exc::ALIGNMENT, cx.pc);
        return Flow::End;
    }
    if a.ra >= a.rt {
        return invalid(e, cx);
    }
    let ea = ea_disp(e, a.ra, a.si);
    let mut vals = Vec::new();
    for (i, _) in (a.rt..32).enumerate() {
        let addr = e.add_imm(ea, 4 * i as i64);
        let w = e.load(Ty::I32, addr, cx.endian);
        vals.push(e.zext(Ty::I64, w));
    }
    for (r, v) in (a.rt..32).zip(vals) {
        e.set(gpr(r), v);
    }
    Flow::Next(4)
}

/// `stmw`: the low words of RS..R31 to EA, EA+4, ...
pub fn trans_stmw<E: Emitter>(e: &mut E, a: &D, cx: &Cx) -> Flow {
    if cx.endian == Endian::Little {
        e.raise(exc::ALIGNMENT, cx.pc);
        return Flow::End;
    }
    let ea = ea_disp(e, a.ra, a.si);
    for (i, r) in (a.rt..32).enumerate() {
        let addr = e.add_imm(ea, 4 * i as i64);
        let v = e.get(gpr(r));
        let w = e.trunc(Ty::I32, v);
        e.store(Ty::I32, addr, w, cx.endian);
    }
    Flow::Next(4)
}

// ---- string (§3.3.7) ----

/// Byte count of `lswi`/`stswi`: NB (the RB field), where 0 means 32.
fn string_count(nb: usize) -> usize {
    if nb == 0 { 32 } else { nb }
}

/// Adds string byte `i` (zero-extended to I64) to the register values being built: four
/// bytes a register, filled from the most significant end of its low word.
fn pack_string_byte<E: Emitter>(e: &mut E, words: &mut Vec<E::V>, i: usize, b: E::V) {
    let b = e.shl_imm(b, 24 - 8 * (i as u32 % 4));
    match words.last_mut() {
        Some(w) if !i.is_multiple_of(4) => *w = e.or(*w, b),
        _ => words.push(b),
    }
}

/// String byte `i` of the registers from RS on (wrapping after R31): the inverse of
/// [`pack_string_byte`].
fn string_byte<E: Emitter>(e: &mut E, rs: usize, i: usize) -> E::V {
    let v = e.get(gpr((rs + i / 4) % 32));
    let v = e.lshr_imm(v, 24 - 8 * (i as u32 % 4));
    e.trunc(Ty::I8, v)
}

/// `lswi`: NB bytes from (RA|0) into the low words of RT, RT+1, ... (wrapping from R31 to
/// R0), four bytes a register from the most significant end; the rest of the last register
/// and every high word are zero. Invalid if RA is one of the registers loaded.
pub fn trans_lswi<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    if cx.endian == Endian::Little {
        e.raise(exc::ALIGNMENT, cx.pc);
        return Flow::End;
    }
    let n = string_count(a.rb);
    let nregs = n.div_ceil(4);
    let regs: Vec<usize> = (0..nregs).map(|i| (a.rt + i) % 32).collect();
    if regs.contains(&a.ra) {
        return invalid(e, cx);
    }
    let ea = ra_or_zero(e, a.ra);
    let mut acc: Vec<E::V> = Vec::new();
    for i in 0..n {
        let addr = e.add_imm(ea, i as i64);
        let b = e.load(Ty::I8, addr, cx.endian);
        let b = e.zext(Ty::I64, b);
        pack_string_byte(e, &mut acc, i, b);
    }
    for (r, v) in regs.into_iter().zip(acc) {
        e.set(gpr(r), v);
    }
    Flow::Next(4)
}

/// `stswi`: NB bytes from the low words of RS, RS+1, ... (wrapping) to (RA|0).
pub fn trans_stswi<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    if cx.endian == Endian::Little {
        e.raise(exc::ALIGNMENT, cx.pc);
        return Flow::End;
    }
    let n = string_count(a.rb);
    let ea = ra_or_zero(e, a.ra);
    for i in 0..n {
        let b = string_byte(e, a.rt, i);
        let addr = e.add_imm(ea, i as i64);
        e.store(Ty::I8, addr, b, cx.endian);
    }
    Flow::Next(4)
}

/// Byte count of `lswx`/`stswx`: XER[57:63], known only at run time (0..=127).
fn xer_count<E: Emitter>(e: &mut E) -> E::V {
    let bc = e.get(XER_BC);
    let bc = e.zext(Ty::I64, bc);
    e.and_imm(bc, 0x7f)
}

/// The bytes `lswx`/`stswx` can move: XER's 7-bit count.
const MAX_STRING: usize = 127;

/// `lswx`: n = XER[57:63] bytes from (RA|0)+RB into RT, RT+1, ... like `lswi` (n = 0 leaves
/// RT undefined: it is left alone). The count is a run-time value, so the access pattern is
/// unrolled for the largest count: byte i < n is loaded from EA+i; later "bytes" re-read EA,
/// which the first byte already read (no access beyond the string, no new fault), and count
/// as zero; register k is written only if 4k < n. The invalid forms (RA or RB among the
/// registers loaded) depend on n at run time; they get the same treatment as valid ones.
pub fn trans_lswx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    if cx.endian == Endian::Little {
        e.raise(exc::ALIGNMENT, cx.pc);
        return Flow::End;
    }
    let n = xer_count(e);
    let none = e.icmp_imm(Cmp::Eq, n, 0);
    e.exit_if(none, cx.pc.wrapping_add(4));
    let ea = ea_indexed(e, a.ra, a.rb);
    let mut words: Vec<E::V> = Vec::new();
    for i in 0..MAX_STRING {
        let live = e.icmp_imm(Cmp::Ugt, n, i as u64);
        let at = e.add_imm(ea, i as i64);
        let addr = e.select(live, at, ea);
        let b = e.load(Ty::I8, addr, cx.endian);
        let b = e.zext(Ty::I64, b);
        let zero = e.iconst(Ty::I64, 0);
        let b = e.select(live, b, zero);
        pack_string_byte(e, &mut words, i, b);
    }
    for (k, w) in words.into_iter().enumerate() {
        let r = (a.rt + k) % 32;
        let live = e.icmp_imm(Cmp::Ugt, n, 4 * k as u64);
        let old = e.get(gpr(r));
        let v = e.select(live, w, old);
        e.set(gpr(r), v);
    }
    Flow::Next(4)
}

/// `stswx`: n = XER[57:63] bytes from RS, RS+1, ... to (RA|0)+RB, like `stswi`. Unrolled as
/// `lswx` is: byte i < n goes to EA+i; later stores write the first byte again, to EA, with
/// the value it already got — nothing beyond the string is touched.
pub fn trans_stswx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    if cx.endian == Endian::Little {
        e.raise(exc::ALIGNMENT, cx.pc);
        return Flow::End;
    }
    let n = xer_count(e);
    let none = e.icmp_imm(Cmp::Eq, n, 0);
    e.exit_if(none, cx.pc.wrapping_add(4));
    let ea = ea_indexed(e, a.ra, a.rb);
    let first = string_byte(e, a.rt, 0);
    for i in 0..MAX_STRING {
        let live = e.icmp_imm(Cmp::Ugt, n, i as u64);
        let at = e.add_imm(ea, i as i64);
        let addr = e.select(live, at, ea);
        let b = string_byte(e, a.rt, i);
        let b = e.select(live, b, first);
        e.store(Ty::I8, addr, b, cx.endian);
    }
    Flow::Next(4)
}

// ---- quadword (§3.3.4, Book I; lq/stq are user-level since v2.07) ----

/// `lq RTp,DQ(RA)`: the quadword at EA (which must be 16-byte aligned) into the even/odd pair
/// RTp, RT = the high doubleword. In little-endian mode the quadword is little-endian, so RT
/// comes from EA+8. Invalid if RT is odd or RT = RA.
pub fn trans_lq<E: Emitter>(e: &mut E, a: &Dq, cx: &Cx) -> Flow {
    if !a.rt.is_multiple_of(2) || a.rt == a.ra {
        return invalid(e, cx);
    }
    let ea = ea_disp(e, a.ra, a.dq);
    require_aligned(e, ea, 16, cx);
    let q = e.load(Ty::I128, ea, cx.endian);
    set_pair(e, a.rt, q);
    Flow::Next(4)
}

/// `stq RSp,DS(RA)`: RS (high) || RS+1 (low) as one quadword. Invalid if RS is odd.
pub fn trans_stq<E: Emitter>(e: &mut E, a: &Ds, cx: &Cx) -> Flow {
    if !a.rt.is_multiple_of(2) {
        return invalid(e, cx);
    }
    let ea = ea_disp(e, a.ra, a.ds);
    require_aligned(e, ea, 16, cx);
    let q = get_pair(e, a.rt);
    e.store(Ty::I128, ea, q, cx.endian);
    Flow::Next(4)
}

/// The quadword RP (high) || RP+1 (low).
fn get_pair<E: Emitter>(e: &mut E, rp: usize) -> E::V {
    let hi = e.get(gpr(rp));
    let lo = e.get(gpr(rp + 1));
    e.concat(lo, hi)
}

/// RP ← high doubleword of `q`, RP+1 ← low.
fn set_pair<E: Emitter>(e: &mut E, rp: usize, q: E::V) {
    let lo = e.trunc(Ty::I64, q);
    let hi = e.lshr_imm(q, 64);
    let hi = e.trunc(Ty::I64, hi);
    e.set(gpr(rp), hi);
    e.set(gpr(rp + 1), lo);
}

// ---- load and reserve / store conditional (Book II §4.4.2) ----

/// `lbarx`, `lharx`, `lwarx`, `ldarx`: load (EA aligned to the size, else the alignment
/// interrupt) and reserve. The EH hint (bit 31) is ignored.
pub fn ld_arx<E: Emitter>(e: &mut E, a: &X, cx: &Cx, ty: Ty) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    require_aligned(e, ea, ty.bytes() as u64, cx);
    let v = e.load(ty, ea, cx.endian);
    let v = e.zext(Ty::I64, v);
    e.set(gpr(a.rt), v);
    e.set(RESV_ADDR, ea);
    let size = e.iconst(Ty::I64, ty.bytes() as u64);
    e.set(RESV_SIZE, size);
    e.set(RESV_VAL, v);
    Flow::Next(4)
}

/// `lqarx`: load quadword and reserve. Invalid if RT is odd or RT is RA or RB.
pub fn trans_lqarx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    if !a.rt.is_multiple_of(2) || a.rt == a.ra || a.rt == a.rb {
        return invalid(e, cx);
    }
    let ea = ea_indexed(e, a.ra, a.rb);
    require_aligned(e, ea, 16, cx);
    let q = e.load(Ty::I128, ea, cx.endian);
    set_pair(e, a.rt, q);
    e.set(RESV_ADDR, ea);
    let size = e.iconst(Ty::I64, 16);
    e.set(RESV_SIZE, size);
    let lo = e.trunc(Ty::I64, q);
    let hi = e.lshr_imm(q, 64);
    let hi = e.trunc(Ty::I64, hi);
    e.set(RESV_VAL, lo);
    e.set(RESV_VAL_HI, hi);
    Flow::Next(4)
}

/// The common tail of `st*cx.`: `new` is stored at `ea` iff the reservation is for `ea` and
/// this size and the memory still holds the reserved value (`expected`). Without a matching
/// reservation the compare-and-swap still runs (a store for protection purposes, as the
/// book says) but writes the value it compares with, so memory is unchanged.
/// CR0 ← 0b00 || success || SO; the reservation is cleared.
fn store_conditional<E: Emitter>(e: &mut E, ea: E::V, ty: Ty, expected: E::V, new: E::V, cx: &Cx) -> Flow {
    let raddr = e.get(RESV_ADDR);
    let rsize = e.get(RESV_SIZE);
    let same_addr = e.icmp(Cmp::Eq, raddr, ea);
    let same_size = e.icmp_imm(Cmp::Eq, rsize, ty.bytes() as u64);
    let reserved = e.and(same_addr, same_size);
    let store = e.select(reserved, new, expected);
    let old = e.cas(ty, ea, expected, store, cx.endian);
    let unchanged = e.icmp(Cmp::Eq, old, expected);
    let ok = e.and(reserved, unchanged);
    let eq = e.shl_imm(ok, 1);
    let so = e.get(XER_SO);
    let cr0 = e.or(eq, so);
    e.set(cr_field(0), cr0);
    let none = e.iconst(Ty::I64, u64::MAX);
    e.set(RESV_ADDR, none);
    Flow::Next(4)
}

/// `stbcx.`, `sthcx.`, `stwcx.`, `stdcx.` (EA aligned to the size, else alignment).
pub fn st_cx<E: Emitter>(e: &mut E, a: &X, cx: &Cx, ty: Ty) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    require_aligned(e, ea, ty.bytes() as u64, cx);
    let rv = e.get(RESV_VAL);
    let expected = e.trunc(ty, rv);
    let rs = e.get(gpr(a.rt));
    let new = e.trunc(ty, rs);
    store_conditional(e, ea, ty, expected, new, cx)
}

/// `stqcx.`: RS (high) || RS+1 (low). Invalid if RS is odd.
pub fn trans_stqcx<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    if !a.rt.is_multiple_of(2) {
        return invalid(e, cx);
    }
    let ea = ea_indexed(e, a.ra, a.rb);
    require_aligned(e, ea, 16, cx);
    let lo = e.get(RESV_VAL);
    let hi = e.get(RESV_VAL_HI);
    let expected = e.concat(lo, hi);
    let new = get_pair(e, a.rt);
    store_conditional(e, ea, Ty::I128, expected, new, cx)
}
