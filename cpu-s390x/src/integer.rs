//! Integer arithmetic, loads and stores (PoP ch. 7 "General Instructions"): the operations
//! of the rows that compute `out` from `in1`/`in2`, and the multi-register loads/stores.

use crate::forms::Fields;
use crate::operands::{cc, Ops};
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::{CodeSource, Flow};
use jit::interp::{InterpMemory, Outcome};
use jit::ir::{Cmp, Emitter, Endian, Ty};

type O<V> = Ops<V>;

pub fn nop<E: Emitter>(_: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    cx.next()
}
/// `out = in2` (loads, register moves).
pub fn mov2<E: Emitter>(_: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = o.in2;
    cx.next()
}
pub fn add<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.add(o.in1(), o.in2()));
    cx.next()
}
pub fn sub<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.sub(o.in1(), o.in2()));
    cx.next()
}
pub fn mul<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.mul(o.in1(), o.in2()));
    cx.next()
}
pub fn neg<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.neg(o.in2()));
    cx.next()
}

/// Stores the low `ty` bits of `in1` at the address `in2` in byte order `end` (big: the
/// ordinary stores; little: STORE REVERSED).
fn store<E: Emitter>(e: &mut E, o: &O<E::V>, ty: Ty, end: Endian) {
    let v = e.trunc(ty, o.in1());
    e.store(ty, o.in2(), v, end);
}
/// Stores the low 8/16/32/64 bits of `in1` at the address `in2`.
pub fn st8<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I8, Endian::Big);
    cx.next()
}
pub fn st16<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I16, Endian::Big);
    cx.next()
}
pub fn st32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I32, Endian::Big);
    cx.next()
}
pub fn st64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I64, Endian::Big);
    cx.next()
}

/// The registers R1, R1+1, ..., R3 (wrapping from 15 to 0), as `STM`/`LM` walk them.
pub fn reg_range(r1: usize, r3: usize) -> impl Iterator<Item = usize> {
    let n = (r3 + 16 - r1) % 16 + 1;
    (0..n).map(move |i| (r1 + i) % 16)
}


/// The raise of an instruction that needs the even register of an even/odd pair in R1
/// and got an odd one (PoP: specification exception); `None` when R1 is even.
pub fn odd_pair<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx) -> Option<Flow> {
    if f.r1 & 1 != 0 {
        e.raise(exc::SPECIFICATION, cx.pc);
        Some(Flow::End)
    } else {
        None
    }
}

/// `|in2|` (`LPR` ...; the maximum negative number stays as it is, CC 3).
pub fn abs<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let v = o.in2();
    let n = e.neg(v);
    let neg = e.icmp_imm(Cmp::Slt, v, 0);
    o.out = Some(e.select(neg, n, v));
    cx.next()
}
/// `-|in2|` (`LNR` ...).
pub fn nabs<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    abs(e, f, cx, o);
    o.out = Some(e.neg(o.out()));
    cx.next()
}
fn carry64<E: Emitter>(e: &mut E) -> E::V {
    let c = crate::operands::cc::carry_in(e);
    e.zext(Ty::I64, c)
}
/// `in1 + in2 + carry` (`ALC*`; CC bit 1 is the carry).
pub fn addc<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = carry64(e);
    let s = e.add(o.in1(), o.in2());
    o.out = Some(e.add(s, c));
    cx.next()
}
/// `SLB*` as `in1 + ~in2 + carry` (no borrow = carry), on zero-extended 32-bit operands.
pub fn subb32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = carry64(e);
    let nb = e.xor_imm(o.in2(), 0xffff_ffff);
    let s = e.add(o.in1(), nb);
    o.out = Some(e.add(s, c));
    cx.next()
}
pub fn subb64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let c = carry64(e);
    let nb = e.not(o.in2());
    let s = e.add(o.in1(), nb);
    o.out = Some(e.add(s, c));
    cx.next()
}

/// `M`, `MR`, `MFY`, `ML`, `MLR`: the 64-bit product of two 32-bit operands (extended as
/// the loaders did) into the even/odd pair: bits 0:31 into R1, 32:63 into R1 + 1.
pub fn mul_pair32<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = odd_pair(e, f, cx) {
        return fl;
    }
    let p = e.mul(o.in1(), o.in2());
    o.out = Some(p);
    o.out2 = Some(e.lshr_imm(p, 32));
    cx.next()
}
/// `MLG`, `MLGR`: the unsigned 128-bit product of R1 + 1 and the second operand.
pub fn mul_pair64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = odd_pair(e, f, cx) {
        return fl;
    }
    o.out = Some(e.mul(o.in1(), o.in2()));
    o.out2 = Some(e.umulhi(o.in1(), o.in2()));
    cx.next()
}

/// The 64-bit dividend of `D`/`DL`: bits 32:63 of R1 then bits 32:63 of R1 + 1.
fn pair32<E: Emitter>(e: &mut E, r1: usize) -> E::V {
    let hi = e.get(gpr(r1));
    let hi = e.shl_imm(hi, 32);
    let lo = e.get(gpr((r1 + 1) & 15));
    let lo = e.and_imm(lo, 0xffff_ffff);
    e.or(hi, lo)
}
/// `D`, `DR`: signed 64 / 32 → remainder into R1, quotient into R1 + 1 (bits 32:63);
/// a zero divisor or a quotient outside 32 bits is the fixed-point-divide exception
/// (suppression: nothing changes).
pub fn div32<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = odd_pair(e, f, cx) {
        return fl;
    }
    let n = pair32(e, f.r1);
    let d = o.in2();
    let q = e.sdiv(n, d);
    let r = e.srem(n, d);
    let dz = e.icmp_imm(Cmp::Eq, d, 0);
    let qt = e.trunc(Ty::I32, q);
    let qs = e.sext(Ty::I64, qt);
    let big = e.icmp(Cmp::Ne, qs, q);
    let bad = e.or(dz, big);
    e.raise_if(bad, exc::FIXED_DIVIDE, cx.pc);
    o.out = Some(q);
    o.out2 = Some(r);
    cx.next()
}
/// `DL`, `DLR`: unsigned 64 / 32, as [`div32`].
pub fn divl32<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = odd_pair(e, f, cx) {
        return fl;
    }
    let n = pair32(e, f.r1);
    let d = o.in2();
    let q = e.udiv(n, d);
    let r = e.urem(n, d);
    let dz = e.icmp_imm(Cmp::Eq, d, 0);
    let big = e.icmp_imm(Cmp::Ugt, q, 0xffff_ffff);
    let bad = e.or(dz, big);
    e.raise_if(bad, exc::FIXED_DIVIDE, cx.pc);
    o.out = Some(q);
    o.out2 = Some(r);
    cx.next()
}
/// `DSG`, `DSGR`, `DSGF`, `DSGFR`: R1 + 1 (signed 64) / the second operand; remainder
/// into R1, quotient into R1 + 1. Zero divisor and `MIN / -1` are fixed-point divide.
pub fn divs64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = odd_pair(e, f, cx) {
        return fl;
    }
    let n = e.get(gpr((f.r1 + 1) & 15));
    let d = o.in2();
    let q = e.sdiv(n, d);
    let r = e.srem(n, d);
    let dz = e.icmp_imm(Cmp::Eq, d, 0);
    let nmin = e.icmp_imm(Cmp::Eq, n, 1 << 63);
    let dm1 = e.icmp_imm(Cmp::Eq, d, u64::MAX);
    let ov = e.and(nmin, dm1);
    let bad = e.or(dz, ov);
    e.raise_if(bad, exc::FIXED_DIVIDE, cx.pc);
    o.out = Some(q);
    o.out2 = Some(r);
    cx.next()
}
/// `DLG`, `DLGR`: the unsigned 128-bit R1:R1+1 / the second operand, in [`helper_dlg`]
/// (which writes R1 and R1 + 1 itself).
pub fn divl64<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = odd_pair(e, f, cx) {
        return fl;
    }
    let r1 = e.iconst(Ty::I64, f.r1 as u64);
    let h = jit::helper!(helper_dlg, 2, true);
    e.call(&h, &[r1, o.in2()]);
    cx.next()
}
/// R1:R1+1 / `d` (128 by 64 bits, unsigned): remainder into R1, quotient into R1 + 1; the
/// fixed-point-divide exception when `d` is zero or the quotient needs more than 64 bits
/// (exactly when the high half of the dividend is not below `d`).
pub extern "C" fn helper_dlg(cpu: *mut u8, r1: u64, d: u64) -> u64 {
    // SAFETY: the engine calls helpers with the S390xCpu they were emitted for.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let r1 = r1 as usize & 14;
    let (hi, lo) = (c.gpr[r1], c.gpr[r1 + 1]);
    if d == 0 || hi >= d {
        c.hdr.exception = exc::FIXED_DIVIDE;
        return 0;
    }
    let n = (hi as u128) << 64 | lo as u128;
    c.gpr[r1] = (n % d as u128) as u64;
    c.gpr[r1 + 1] = (n / d as u128) as u64;
    0
}

/// ADD IMMEDIATE (`ASI`, `AGSI`) and ADD LOGICAL WITH SIGNED IMMEDIATE (`ALSI`, `ALGSI`)
/// to storage at `addr1`: an interlocked update (interlocked-access facility 1) made with
/// one compare-and-swap; when another CPU changed the operand in between, the instruction
/// runs again from the start (an exit to itself before anything is written).
fn add_storage<E: Emitter>(e: &mut E, cx: &Cx, o: &O<E::V>, ty: Ty, logical: bool) -> Flow {
    let a = o.addr1.expect("storage-immediate row without a1");
    let old = e.load(ty, a, Endian::Big);
    let imm = e.trunc(ty, o.in2());
    let new = e.add(old, imm);
    let ovf = cc::signed_overflow(e, old, imm, ty, false);
    let c = if logical {
        let carry = e.icmp(Cmp::Ult, new, old);
        let nz = e.icmp_imm(Cmp::Ne, new, 0);
        cc::from_bits(e, nz, carry)
    } else {
        // Nullified before the store when the overflow interrupts (see overflow_trap).
        crate::operands::overflow_trap(e, cx, ovf);
        cc::sign_or_3(e, new, ty, ovf)
    };
    let prev = e.cas(ty, a, old, new, Endian::Big);
    let raced = e.icmp(Cmp::Ne, prev, old);
    e.exit_if(raced, cx.pc);
    e.set(CC, c);
    cx.next()
}
pub fn asi<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    add_storage(e, cx, o, Ty::I32, false)
}
pub fn agsi<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    add_storage(e, cx, o, Ty::I64, false)
}
pub fn alsi<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    add_storage(e, cx, o, Ty::I32, true)
}
pub fn algsi<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    add_storage(e, cx, o, Ty::I64, true)
}

/// Completes an instruction that raised [`exc::FIXED_OVERFLOW`] (which nullifies it, see
/// [`crate::operands::overflow_trap`]): runs it once more through the interpreter with
/// the fixed-point-overflow mask bit off, so its result, CC and stores are made as the
/// architecture's completed operation makes them. The OS layer calls this before it
/// reports the interruption (Linux: SIGFPE/FPE_INTOVF with the PSW after the instruction).
pub fn complete_fixed_overflow(cpu: &mut S390xCpu, mem: &mut dyn InterpMemory, code: &dyn CodeSource) -> Outcome {
    let pm = cpu.pm;
    cpu.pm &= !8;
    let out = jit::interp::step(&crate::S390x, cpu, mem, code);
    cpu.pm = pm;
    out
}

/// `out = in2 & ~0xff` (LOAD AND ZERO RIGHTMOST BYTE forms).
pub fn zero_rightmost_byte<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.and_imm(o.in2(), !0xff));
    cx.next()
}
/// Byte reversal of the low 32 / 64 bits of `in2` (`LRVR`, `LRVGR`).
pub fn bswap32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let t = e.trunc(Ty::I32, o.in2());
    let s = e.bswap(t);
    o.out = Some(e.zext(Ty::I64, s));
    cx.next()
}
pub fn bswap64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.bswap(o.in2()));
    cx.next()
}
/// STORE REVERSED: the low 16/32/64 bits of `in1` at `in2`, bytes reversed.
pub fn st16r<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I16, Endian::Little);
    cx.next()
}
pub fn st32r<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I32, Endian::Little);
    cx.next()
}
pub fn st64r<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store(e, o, Ty::I64, Endian::Little);
    cx.next()
}

fn store_multiple<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    let a = o.in2();
    let size = if p == Part::Full { 8 } else { 4 };
    let ty = if p == Part::Full { Ty::I64 } else { Ty::I32 };
    for (i, r) in reg_range(f.r1, f.r3).enumerate() {
        let at = e.add_imm(a, size * i as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let v = get_part(e, r, p);
        e.store(ty, at, v, Endian::Big);
    }
    cx.next()
}
/// Loads R1..R3 (wrapping) from consecutive words/doublewords. Every load is made before
/// any register changes (writes land at the instruction's end), so a fault leaves them
/// all as they were, and a base register among R1..R3 is used with its old value.
fn load_multiple<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    let a = o.in2();
    let size = if p == Part::Full { 8 } else { 4 };
    let ty = if p == Part::Full { Ty::I64 } else { Ty::I32 };
    for (i, r) in reg_range(f.r1, f.r3).enumerate() {
        let at = e.add_imm(a, size * i as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let v = e.load(ty, at, Endian::Big);
        set_part(e, r, p, v);
    }
    cx.next()
}
/// `STM`/`STMY` (bits 32:63), `STMH` (bits 0:31), `STMG`.
pub fn stm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_multiple(e, f, cx, o, Part::Lo)
}
pub fn stmh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_multiple(e, f, cx, o, Part::Hi)
}
pub fn stmg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_multiple(e, f, cx, o, Part::Full)
}
/// `LM`/`LMY`, `LMH`, `LMG`.
pub fn lm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_multiple(e, f, cx, o, Part::Lo)
}
pub fn lmh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_multiple(e, f, cx, o, Part::Hi)
}
pub fn lmg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_multiple(e, f, cx, o, Part::Full)
}

/// The bytes of the 32-bit register part `p` that mask `m` (PoP bit 0 = 8) selects, as
/// shift amounts of each selected byte, leftmost first.
fn mask_bytes(m: u32, p: Part) -> impl Iterator<Item = u32> {
    let base = if p == Part::Hi { 32 } else { 0 };
    (0..4u32).filter(move |i| m & (8 >> i) != 0).map(move |i| base + 8 * (3 - i))
}
/// CC of the inserted or compared bytes `v` (`n` of them): 0 all zero (or no byte),
/// 1 leftmost bit one, 2 otherwise (`ICM`).
fn icm_cc<E: Emitter>(e: &mut E, v: E::V, n: u32) -> E::V {
    if n == 0 {
        return e.iconst(Ty::I8, 0);
    }
    let z = e.icmp_imm(Cmp::Eq, v, 0);
    let top = e.bit(v, 8 * n - 1);
    let one = e.iconst(Ty::I8, 1);
    let two = e.iconst(Ty::I8, 2);
    let zero = e.iconst(Ty::I8, 0);
    let c = e.select(top, one, two);
    e.select(z, zero, c)
}
fn insert_under_mask<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    let a = o.in2();
    let mut cur = e.get(gpr(f.r1));
    let mut packed = e.iconst(Ty::I64, 0);
    let mut n = 0;
    for sh in mask_bytes(f.m3, p) {
        let at = e.add_imm(a, n as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let b = crate::operands::load_ext(e, Ty::I8, at, false);
        let keep = e.and_imm(cur, !(0xffu64 << sh));
        let ins = e.shl_imm(b, sh);
        cur = e.or(keep, ins);
        let pk = e.shl_imm(packed, 8);
        packed = e.or(pk, b);
        n += 1;
    }
    if n > 0 {
        e.set(gpr(f.r1), cur);
    }
    let c = icm_cc(e, packed, n);
    e.set(CC, c);
    cx.next()
}
/// INSERT CHARACTERS UNDER MASK (`ICM`, `ICMY`: bits 32:63; `ICMH`: bits 0:31).
pub fn icm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    insert_under_mask(e, f, cx, o, Part::Lo)
}
pub fn icmh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    insert_under_mask(e, f, cx, o, Part::Hi)
}
fn store_under_mask<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    let a = o.in2();
    let r = e.get(gpr(f.r1));
    for (n, sh) in mask_bytes(f.m3, p).enumerate() {
        let at = e.add_imm(a, n as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let v = e.lshr_imm(r, sh);
        let b = e.trunc(Ty::I8, v);
        e.store(Ty::I8, at, b, Endian::Big);
    }
    cx.next()
}
/// STORE CHARACTERS UNDER MASK (`STCM`, `STCMY`, `STCMH`).
pub fn stcm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_under_mask(e, f, cx, o, Part::Lo)
}
pub fn stcmh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_under_mask(e, f, cx, o, Part::Hi)
}
fn compare_under_mask<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    let a = o.in2();
    let r = e.get(gpr(f.r1));
    let mut x = e.iconst(Ty::I64, 0);
    let mut y = e.iconst(Ty::I64, 0);
    for (n, sh) in mask_bytes(f.m3, p).enumerate() {
        let at = e.add_imm(a, n as i64);
        let at = crate::operands::wrap_addr(e, cx, at);
        let b = crate::operands::load_ext(e, Ty::I8, at, false);
        let rb = e.lshr_imm(r, sh);
        let rb = e.and_imm(rb, 0xff);
        let xs = e.shl_imm(x, 8);
        x = e.or(xs, rb);
        let ys = e.shl_imm(y, 8);
        y = e.or(ys, b);
    }
    let c = cc::compare(e, x, y, false);
    e.set(CC, c);
    cx.next()
}
/// COMPARE LOGICAL CHARACTERS UNDER MASK (`CLM`, `CLMY`, `CLMH`): the selected register
/// bytes, side by side, against as many storage bytes; 0 equal, 1 low, 2 high.
pub fn clm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_under_mask(e, f, cx, o, Part::Lo)
}
pub fn clmh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    compare_under_mask(e, f, cx, o, Part::Hi)
}

/// INSERT IMMEDIATE into a 16-bit field: `in1` the register, `in2` the immediate.
fn insert16<E: Emitter>(e: &mut E, cx: &Cx, o: &mut O<E::V>, sh: u32) -> Flow {
    let keep = e.and_imm(o.in1(), !(0xffffu64 << sh));
    let v = e.and_imm(o.in2(), 0xffff);
    let v = e.shl_imm(v, sh);
    o.out = Some(e.or(keep, v));
    cx.next()
}
pub fn ins_hh<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    insert16(e, cx, o, 48)
}
pub fn ins_hl<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    insert16(e, cx, o, 32)
}
pub fn ins_lh<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    insert16(e, cx, o, 16)
}
pub fn ins_ll<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    insert16(e, cx, o, 0)
}

/// LOAD AND TRAP: `out = in2`, and when the value tested (`in2`, already masked to the
/// bits the instruction tests) is zero, the data exception with DXC 0xff *after* the
/// value is loaded (the operation is completed). The completion is [`helper_load_trap`]'s:
/// a raise discards this instruction's `set`s, so the helper writes R1 and the FPC itself.
fn load_trap<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>, p: Part) -> Flow {
    let v = o.in2();
    let kind = match p {
        Part::Full => 0,
        Part::Lo => 1,
        Part::Hi => 2,
    };
    let d = e.iconst(Ty::I64, (kind << 4 | f.r1) as u64);
    let h = jit::helper!(helper_load_trap, 2, true);
    e.call(&h, &[v, d]);
    o.out = Some(v);
    cx.next()
}
pub fn lat<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_trap(e, f, cx, o, Part::Lo)
}
pub fn lgat<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_trap(e, f, cx, o, Part::Full)
}
pub fn lfhat<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_trap(e, f, cx, o, Part::Hi)
}
/// `v` zero: writes it into the register part `d` names (bits 4:5: 0 all 64 bits, 1 bits
/// 32:63, 2 bits 0:31; bits 0:3 the register), puts DXC 0xff into FPC bits 16:23 and
/// raises the data exception.
pub extern "C" fn helper_load_trap(cpu: *mut u8, v: u64, d: u64) -> u64 {
    if v != 0 {
        return 0;
    }
    // SAFETY: the engine calls helpers with the S390xCpu they were emitted for.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let r = d as usize & 15;
    match d >> 4 {
        0 => c.gpr[r] = 0,
        1 => c.gpr[r] &= !0xffff_ffff,
        _ => c.gpr[r] &= 0xffff_ffff,
    }
    c.fpc = (c.fpc & !0xff00) | 0xff00;
    c.hdr.exception = exc::DATA;
    0
}

/// LOAD/STORE ON CONDITION, storage forms: whether the condition `M3` selects the CC;
/// when it does not, the instruction ends at once (an exit to the next instruction, taken
/// before any storage access: no store, no fault).
fn on_condition<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx) -> bool {
    match f.m3 & 15 {
        0 => false,
        15 => true,
        m => {
            let c = e.get(CC);
            let sel = crate::logical::cc_selected(e, m, c);
            let not = e.xor_imm(sel, 1);
            e.exit_if(not, cx.next_pc());
            true
        }
    }
}
fn load_on_condition<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    if on_condition(e, f, cx) {
        let ty = if p == Part::Full { Ty::I64 } else { Ty::I32 };
        let v = e.load(ty, o.in2(), Endian::Big);
        set_part(e, f.r1, p, v);
    }
    cx.next()
}
fn store_on_condition<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, p: Part) -> Flow {
    if on_condition(e, f, cx) {
        let ty = if p == Part::Full { Ty::I64 } else { Ty::I32 };
        let v = get_part(e, f.r1, p);
        e.store(ty, o.in2(), v, Endian::Big);
    }
    cx.next()
}
/// `LOC` (bits 32:63), `LOCG`, `LOCFH` (bits 0:31); `in2` the address.
pub fn loc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_on_condition(e, f, cx, o, Part::Lo)
}
pub fn locg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_on_condition(e, f, cx, o, Part::Full)
}
pub fn locfh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    load_on_condition(e, f, cx, o, Part::Hi)
}
/// `STOC`, `STOCG`, `STOCFH`.
pub fn stoc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_on_condition(e, f, cx, o, Part::Lo)
}
pub fn stocg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_on_condition(e, f, cx, o, Part::Full)
}
pub fn stocfh<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    store_on_condition(e, f, cx, o, Part::Hi)
}
/// Register and immediate forms (`LOCR`, `LOCGR`, `LOCFHR`, `LOCHI` ...): `out = in2`
/// when M3 selects the CC, else `in1` (the register as it is).
pub fn sel_m3<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(match f.m3 & 15 {
        0 => o.in1(),
        15 => o.in2(),
        m => {
            let c = e.get(CC);
            let sel = crate::logical::cc_selected(e, m, c);
            e.select(sel, o.in2(), o.in1())
        }
    });
    cx.next()
}

/// Operand loaders of this file's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {
    use super::*;
    fn rev<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, ty: Ty) -> E::V {
        let a = crate::operands::ea(e, cx, f.x2, f.b2, f.d2);
        let v = e.load(ty, a, Endian::Little);
        if ty == Ty::I64 { v } else { e.zext(Ty::I64, v) }
    }
    /// LOAD REVERSED operands: the storage bytes in reverse order, zero-extended.
    pub fn m2_16rev<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(rev(e, f, cx, Ty::I16))
    }
    pub fn m2_32rev<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(rev(e, f, cx, Ty::I32))
    }
    pub fn m2_64rev<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(rev(e, f, cx, Ty::I64))
    }
    /// Bits 33:63 of the word at the second-operand address, zero-extended (`LLGT`).
    pub fn m2_31u<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let a = crate::operands::ea(e, cx, f.x2, f.b2, f.d2);
        let v = crate::operands::load_ext(e, Ty::I32, a, false);
        Some(e.and_imm(v, 0x7fff_ffff))
    }
}
