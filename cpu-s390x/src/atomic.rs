//! Interlocked storage updates (PoP ch. 7): `COMPARE AND SWAP` family, `COMPARE AND SWAP
//! AND STORE`, the interlocked-access facility's `LOAD AND ADD/AND/OR/EXCLUSIVE OR`,
//! `LOAD/STORE PAIR (FROM/TO) QUADWORD` — all on host atomics, so other guest threads see
//! each as one indivisible access.
//!
//! - `CS`/`CSG`/`CDS`/`CDSG` are one [`Emitter::cas`] (16 bytes for `CDSG`: `cmpxchg16b`
//!   compiled, the engine's guarded `cmpxchg16b` interpreted).
//! - The `LOAD AND <op>` instructions need a compare-and-swap retry loop, which an emitter
//!   sequence cannot express: [`helper_interlocked`] loops on guest memory through
//!   [`HelperMem::cas_be`]; the row computes the result and CC again from the old value.
//! - `LPQ`/`STPQ` are helpers on the guarded 16-byte accesses (an aligned SSE load, a
//!   `cmpxchg16b` loop), so the quadword is never torn and `LPQ` works on read-only pages.
//! - `CSST` runs in [`helper_csst`] under one process-wide lock: its compare-and-swap is a
//!   host atomic (so it interlocks with `CS` on other threads), and the lock orders it with
//!   the store of other `CSST`s. (The PoP interlocks the store against every CPU's access;
//!   plain loads of other threads may see the swap before the store. Documented
//!   approximation.)
//!
//! Operand alignment (PoP: word for `CS`/`LAA`, doubleword for `CSG`/`CDS`/`LAAG`,
//! quadword for `CDSG`/`LPQ`/`STPQ`) and even register numbers are checked first:
//! specification exception.

use crate::state::{get_lo, set_lo};
use crate::forms::Fields;
use crate::operands::{cc as ccs, Ops};
use crate::state::*;
use crate::{exc, Cx, S390xCpu};
use jit::frontend::Flow;
use jit::helper_mem::HelperMem;
use jit::ir::{Cmp, Emitter, Endian, Ty};

type O<V> = Ops<V>;

/// Raises the specification exception unless `addr` is a multiple of `align`.
fn check_align<E: Emitter>(e: &mut E, cx: &Cx, addr: E::V, align: u64) {
    let low = e.and_imm(addr, align - 1);
    let bad = e.icmp_imm(Cmp::Ne, low, 0);
    e.raise_if(bad, exc::SPECIFICATION, cx.pc);
}

/// CC 0 when the comparison succeeded (`old == cmp`), else 1.
fn set_cc_ne<E: Emitter>(e: &mut E, old: E::V, cmp: E::V) {
    let ne = e.icmp(Cmp::Ne, old, cmp);
    e.set(CC, ne);
}

/// `CS` / `CSY R1,R3,D2(B2)`: compare bits 32:63 of R1 with the word; equal: store bits
/// 32:63 of R3 (CC 0); unequal: load the word into R1 (CC 1).
pub fn cs<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    check_align(e, cx, a, 4);
    let cmp = get_lo(e, f.r1);
    let new = get_lo(e, f.r3);
    let old = e.cas(Ty::I32, a, cmp, new, Endian::Big);
    set_cc_ne(e, old, cmp);
    set_lo(e, f.r1, old);
    cx.next()
}

/// `CSG R1,R3,D2(B2)`: as `CS` on doublewords.
pub fn csg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    check_align(e, cx, a, 8);
    let cmp = e.get(gpr(f.r1));
    let new = e.get(gpr(f.r3));
    let old = e.cas(Ty::I64, a, cmp, new, Endian::Big);
    set_cc_ne(e, old, cmp);
    e.set(gpr(f.r1), old);
    cx.next()
}

/// Bits 32:63 of the even/odd pair R, R+1 as one doubleword (R's word leftmost).
fn pair32<E: Emitter>(e: &mut E, r: usize) -> E::V {
    let h = get_lo(e, r);
    let h = e.zext(Ty::I64, h);
    let h = e.shl_imm(h, 32);
    let l = get_lo(e, r + 1);
    let l = e.zext(Ty::I64, l);
    e.or(h, l)
}

/// `CDS` / `CDSY R1,R3,D2(B2)`: compare double and swap on the pairs' low words; R1 and
/// R3 even.
pub fn cds<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if f.r1 & 1 != 0 || f.r3 & 1 != 0 {
        e.raise(exc::SPECIFICATION, cx.pc);
        return Flow::End;
    }
    let a = o.in2();
    check_align(e, cx, a, 8);
    let cmp = pair32(e, f.r1);
    let new = pair32(e, f.r3);
    let old = e.cas(Ty::I64, a, cmp, new, Endian::Big);
    set_cc_ne(e, old, cmp);
    let hi = e.lshr_imm(old, 32);
    set_lo(e, f.r1, hi);
    set_lo(e, f.r1 + 1, old);
    cx.next()
}

/// `CDSG R1,R3,D2(B2)`: 128-bit compare double and swap on the pairs R1:R1+1, R3:R3+1.
pub fn cdsg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if f.r1 & 1 != 0 || f.r3 & 1 != 0 {
        e.raise(exc::SPECIFICATION, cx.pc);
        return Flow::End;
    }
    let a = o.in2();
    check_align(e, cx, a, 16);
    let (ch, cl) = (e.get(gpr(f.r1)), e.get(gpr(f.r1 + 1)));
    let cmp = e.concat(cl, ch);
    let (nh, nl) = (e.get(gpr(f.r3)), e.get(gpr(f.r3 + 1)));
    let new = e.concat(nl, nh);
    let old = e.cas(Ty::I128, a, cmp, new, Endian::Big);
    set_cc_ne(e, old, cmp);
    let oh = e.lshr_imm(old, 64);
    let oh = e.trunc(Ty::I64, oh);
    let ol = e.trunc(Ty::I64, old);
    e.set(gpr(f.r1), oh);
    e.set(gpr(f.r1 + 1), ol);
    cx.next()
}

/// The operation of a `LOAD AND <op>` instruction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LaOp {
    Add = 0,
    And = 1,
    Or = 2,
    Xor = 3,
}

/// `LAA`/`LAAL`/`LAN`/`LAO`/`LAX` and the `G` forms, `R1,R3,D2(B2)`: interlocked
/// `storage = storage <op> R3`; R1 gets the old storage value; CC from the result (signed
/// add: sign/overflow; logical add: zero/carry; bitwise: zero/nonzero).
fn interlocked<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, op: LaOp, wide: bool, logical: bool) -> Flow {
    let a = o.in2();
    let size = if wide { 8 } else { 4 };
    check_align(e, cx, a, size);
    let operand = if wide {
        e.get(gpr(f.r3))
    } else {
        let v = get_lo(e, f.r3);
        e.zext(Ty::I64, v)
    };
    let mut kind = e.iconst(Ty::I64, op as u64 | size << 4);
    if op == LaOp::Add && !logical {
        // LAA/LAAG with the fixed-point-overflow mask bit on: an overflowing sum is left
        // unstored (see `helper_interlocked`), so the nullifying raise below and its
        // completion (`integer::complete_fixed_overflow`) add exactly once.
        let pm = e.get(PM);
        let en = e.and_imm(pm, 8);
        let en = e.zext(Ty::I64, en);
        let en = e.shl_imm(en, TRAP_SHIFT - 3);
        kind = e.or(kind, en);
    }
    let h = jit::helper!(helper_interlocked, 3, true);
    let old = e.call(&h, &[a, operand, kind]);
    let result = match op {
        LaOp::Add => e.add(old, operand),
        LaOp::And => e.and(old, operand),
        LaOp::Or => e.or(old, operand),
        LaOp::Xor => e.xor(old, operand),
    };
    let t = Ops { in1: Some(old), in2: Some(operand), out: Some(result), out2: None, addr1: None };
    match (op, wide, logical) {
        (LaOp::Add, false, false) => ccs::adds32(e, f, cx, &t),
        (LaOp::Add, true, false) => ccs::adds64(e, f, cx, &t),
        (LaOp::Add, false, true) => ccs::addu32(e, f, cx, &t),
        (LaOp::Add, true, true) => ccs::addu64(e, f, cx, &t),
        (_, false, _) => ccs::nz32(e, f, cx, &t),
        (_, true, _) => ccs::nz64(e, f, cx, &t),
    }
    if wide {
        e.set(gpr(f.r1), old);
    } else {
        set_lo(e, f.r1, old);
    }
    cx.next()
}
pub fn laa<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Add, false, false)
}
pub fn laag<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Add, true, false)
}
pub fn laal<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Add, false, true)
}
pub fn laalg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Add, true, true)
}
pub fn lan<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::And, false, false)
}
pub fn lang<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::And, true, false)
}
pub fn lao<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Or, false, false)
}
pub fn laog<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Or, true, false)
}
pub fn lax<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Xor, false, false)
}
pub fn laxg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    interlocked(e, f, cx, o, LaOp::Xor, true, false)
}

/// Bit of `helper_interlocked`'s `kind`: a signed add whose overflow raises the
/// fixed-point-overflow exception (program mask bit 20 on).
const TRAP_SHIFT: u32 = 8;

/// The interlocked update of the `LOAD AND <op>` rows: `kind` = operation (low nibble, as
/// [`LaOp`]) | size (4 or 8) << 4 | 1 << [`TRAP_SHIFT`] for a signed add that traps on
/// overflow. Returns the old value (zero-extended). A fault leaves storage unchanged (the
/// first store is the successful compare-and-swap), so the row can run again.
///
/// A trapping signed add whose sum overflows stores nothing: the row then raises the
/// fixed-point overflow, which nullifies the instruction, and the OS layer completes it
/// (PoP: the operation is completed, then the interruption) by running it again without
/// the trap bit — one interlocked add in all. (If another CPU changes the word between the
/// two, the completed add uses its value; the interruption is still reported.)
pub extern "C" fn helper_interlocked(cpu: *mut u8, addr: u64, operand: u64, kind: u64) -> u64 {
    // SAFETY: the engine calls helpers with the CPU they were emitted for.
    let mem = unsafe { HelperMem::from_cpu(cpu) };
    let size = if kind >> 4 & 15 == 8 { 8 } else { 4 };
    let mask = if size == 8 { u64::MAX } else { 0xffff_ffff };
    let trap = kind >> TRAP_SHIFT & 1 != 0;
    let Ok(mut old) = mem.load_be(addr, size) else { return 0 };
    loop {
        let new = match kind & 15 {
            0 => old.wrapping_add(operand),
            1 => old & operand,
            2 => old | operand,
            _ => old ^ operand,
        } & mask;
        if trap && signed_add_overflows(old, operand, new, size) {
            return old;
        }
        match mem.cas_be(addr, size, old as u128, new as u128) {
            Ok(cur) if cur as u64 == old => return old,
            Ok(cur) => old = cur as u64,
            Err(_) => return 0,
        }
    }
}

/// Whether `a + b = sum` overflows as `size`-byte signed integers (operands of equal sign,
/// sum of the other sign).
fn signed_add_overflows(a: u64, b: u64, sum: u64, size: usize) -> bool {
    let sign = if size == 8 { 1 << 63 } else { 1 << 31 };
    (!(a ^ b) & (a ^ sum)) & sign != 0
}

/// `LPQ R1,D2(X2,B2)`: the aligned quadword into the even/odd pair R1, R1+1, as one
/// access.
pub fn lpq<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if f.r1 & 1 != 0 {
        e.raise(exc::SPECIFICATION, cx.pc);
        return Flow::End;
    }
    let a = o.in2();
    check_align(e, cx, a, 16);
    let r = e.iconst(Ty::I64, f.r1 as u64);
    let h = jit::helper!(helper_lpq, 2, true);
    e.call(&h, &[a, r]);
    cx.next()
}

/// Loads the quadword at `addr` into GPRs `r1` (bits 0:63) and `r1 + 1` directly.
pub extern "C" fn helper_lpq(cpu: *mut u8, addr: u64, r1: u64) -> u64 {
    // SAFETY: as in `helper_interlocked`.
    let mem = unsafe { HelperMem::from_cpu(cpu) };
    let Ok(v) = mem.load_be128(addr) else { return 0 };
    // SAFETY: as above.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let r = r1 as usize & 14;
    c.gpr[r] = (v >> 64) as u64;
    c.gpr[r + 1] = v as u64;
    0
}

/// `STPQ R1,D2(X2,B2)`: the pair R1, R1+1 into the aligned quadword, as one access.
pub fn stpq<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if f.r1 & 1 != 0 {
        e.raise(exc::SPECIFICATION, cx.pc);
        return Flow::End;
    }
    let a = o.in2();
    check_align(e, cx, a, 16);
    let hi = e.get(gpr(f.r1));
    let lo = e.get(gpr(f.r1 + 1));
    let h = jit::helper!(helper_stpq, 3, true);
    e.call(&h, &[a, hi, lo]);
    cx.next()
}

/// Stores `hi:lo` at the quadword `addr` atomically (a compare-and-swap loop).
pub extern "C" fn helper_stpq(cpu: *mut u8, addr: u64, hi: u64, lo: u64) -> u64 {
    // SAFETY: as in `helper_interlocked`.
    let mem = unsafe { HelperMem::from_cpu(cpu) };
    let _ = store128(&mem, addr, (hi as u128) << 64 | lo as u128);
    0
}

/// Stores a quadword at the 16-byte aligned `addr` as one access.
fn store128(mem: &HelperMem, addr: u64, v: u128) -> Result<(), jit::helper_mem::MemFault> {
    let mut old = mem.load_be128(addr)?;
    loop {
        let cur = mem.cas_be(addr, 16, old, v)?;
        if cur == old {
            return Ok(());
        }
        old = cur;
    }
}

/// `CSST D1(B1),D2(B2),R3` (PoP "COMPARE AND SWAP AND STORE"): GR0 bits 56:63 the function
/// code (0: word, 1: doubleword, 2: quadword compare and swap at the first operand), bits
/// 48:55 the store characteristic (store 1 << SC bytes, 0..=4, at the second operand);
/// GR1 (rightmost 4 bits ignored) the parameter list: replacement value left-aligned at
/// +0, store value left-aligned at +16. Equal: swap and store, CC 0; unequal: R3 (pair for
/// FC 2) gets the first operand, CC 1.
pub fn csst<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let a1 = crate::operands::ea(e, cx, 0, f.b1, f.d1);
    let a2 = crate::operands::ea(e, cx, 0, f.b2, f.d2);
    let r3 = e.iconst(Ty::I64, f.r3 as u64);
    let h = jit::helper!(helper_csst, 3, true);
    let c = e.call(&h, &[a1, a2, r3]);
    let c = e.trunc(Ty::I8, c);
    e.set(CC, c);
    cx.next()
}

static CSST_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The whole of `CSST`; returns the CC. Raises the specification exception for an invalid
/// function code, store characteristic, odd R3 (FC 2) or misaligned operand.
pub extern "C" fn helper_csst(cpu: *mut u8, a1: u64, a2: u64, r3: u64) -> u64 {
    // SAFETY: as in `helper_interlocked`.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let r3 = r3 as usize & 15;
    let fc = c.gpr[0] & 0xff;
    let sc = (c.gpr[0] >> 8) & 0xff;
    if fc > 2 || sc > 4 || (fc == 2 && r3 & 1 != 0) {
        c.hdr.exception = exc::SPECIFICATION;
        return 0;
    }
    let n1 = 4usize << fc;
    let n2 = 1usize << sc;
    if a1 & (n1 as u64 - 1) != 0 || a2 & (n2 as u64 - 1) != 0 {
        c.hdr.exception = exc::SPECIFICATION;
        return 0;
    }
    let wrap = |a: u64| crate::wrap_to_amode(c.amode, a);
    let pl = wrap(c.gpr[1] & !15);
    // SAFETY: as above.
    let mem = unsafe { HelperMem::from_cpu(cpu) };
    // Every fetch and the store's access check before the swap: a fault leaves storage
    // unchanged.
    let fetch = || -> Result<(u128, u128), jit::helper_mem::MemFault> {
        let repl = match fc {
            0 => mem.load_be(pl, 4)? as u128,
            1 => mem.load_be(pl, 8)? as u128,
            _ => (mem.load_be(pl, 8)? as u128) << 64 | mem.load_be(wrap(pl + 8), 8)? as u128,
        };
        let sv = (mem.load_be(wrap(pl + 16), 8)? as u128) << 64 | mem.load_be(wrap(pl + 24), 8)? as u128;
        mem.probe_write(a2, n2 as u64)?;
        Ok((repl, sv >> (128 - 8 * n2)))
    };
    let Ok((repl, sv)) = fetch() else { return 0 };
    let cmp = match fc {
        0 => c.gpr[r3] as u32 as u128,
        1 => c.gpr[r3] as u128,
        _ => (c.gpr[r3] as u128) << 64 | c.gpr[r3 + 1] as u128,
    };
    let _guard = CSST_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let Ok(old) = mem.cas_be(a1, n1, cmp, repl) else { return 0 };
    if old != cmp {
        match fc {
            0 => c.gpr[r3] = (c.gpr[r3] & !0xffff_ffff) | old as u64,
            1 => c.gpr[r3] = old as u64,
            _ => {
                c.gpr[r3] = (old >> 64) as u64;
                c.gpr[r3 + 1] = old as u64;
            }
        }
        return 1;
    }
    let stored = if n2 == 16 { store128(&mem, a2, sv) } else { mem.store_be(a2, n2, sv as u64) };
    if stored.is_err() {
        return 0;
    }
    0
}

/// Operand loaders of these rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
