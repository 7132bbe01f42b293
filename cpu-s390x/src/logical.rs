//! Logical operations, shifts and rotates (PoP ch. 7).

use crate::forms::Fields;
use crate::operands::Ops;
use crate::state::*;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Endian, Ty};

type O<V> = Ops<V>;

pub fn and<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.and(o.in1(), o.in2()));
    cx.next()
}
pub fn or<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.or(o.in1(), o.in2()));
    cx.next()
}
pub fn xor<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.xor(o.in1(), o.in2()));
    cx.next()
}
/// AND of bits 48:63 with the 16-bit immediate, other bits kept (`NILL`).
pub fn and_ll<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let m = e.or_imm(o.in2(), !0xffffu64);
    o.out = Some(e.and(o.in1(), m));
    cx.next()
}

/// Logical shift left by `in2` (0..=63); a 32-bit shift by 32 or more gives 0, which the
/// 64-bit shift of the zero-extended operand already does once truncated.
pub fn sll<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.shl(o.in1(), o.in2()));
    cx.next()
}
/// Logical shift right by `in2` (0..=63) of the (zero-extended) operand.
pub fn srl<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.lshr(o.in1(), o.in2()));
    cx.next()
}

/// Whether CC (0..=3) is selected by the 4-bit branch mask `m` (bit 8 selects CC 0).
///
/// A CC whose origin the compiled backend knows (a compare, TEST UNDER MASK, a logical or
/// signed arithmetic result: see [`crate::operands::origin`]) gives the mask as conditions
/// on what it was made from (`BRC 8` after `CLGR` is one equality compare). Otherwise the
/// mask is written on the CC's two bits, lo = bit 0 and hi = bit 1, as the smallest formula
/// for each mask (a `pack_bits` CC has its bits as known values in the compiled backend).
pub fn cc_selected<E: Emitter>(e: &mut E, m: u32, cc: E::V) -> E::V {
    let m = m & 15;
    if m == 0 || m == 15 {
        return e.iconst(jit::ir::Ty::I8, (m == 15) as u64);
    }
    if let Some(sel) = selected_by_origin(e, m, cc) {
        return sel;
    }
    let lo = e.bit(cc, 0);
    let hi = e.bit(cc, 1);
    let not = |e: &mut E, x: E::V| e.xor_imm(x, 1);
    match m {
        8 => {
            let x = e.or(lo, hi);
            not(e, x)
        }
        4 => {
            let nh = not(e, hi);
            e.and(lo, nh)
        }
        2 => {
            let nl = not(e, lo);
            e.and(hi, nl)
        }
        1 => e.and(lo, hi),
        12 => not(e, hi),
        10 => not(e, lo),
        6 => e.xor(lo, hi),
        14 => {
            let x = e.and(lo, hi);
            not(e, x)
        }
        7 => e.or(lo, hi),
        3 => hi,
        5 => lo,
        9 => {
            let x = e.xor(lo, hi);
            not(e, x)
        }
        11 => {
            let nl = not(e, lo);
            e.or(hi, nl)
        }
        _ => {
            // 13: CC 0, 1 or 3
            let nh = not(e, hi);
            e.or(lo, nh)
        }
    }
}

/// Mask bits 8, 4, 2 (CC 0, 1, 2) of a comparison of `a` with `b` as one compare.
fn compare_selected<E: Emitter>(e: &mut E, m: u32, a: E::V, b: E::V, signed: bool) -> E::V {
    let (lt, le, gt, ge) = if signed { (Cmp::Slt, Cmp::Sle, Cmp::Sgt, Cmp::Sge) } else { (Cmp::Ult, Cmp::Ule, Cmp::Ugt, Cmp::Uge) };
    let c = match m & 0b1110 {
        0 => return e.iconst(Ty::I8, 0),
        14 => return e.iconst(Ty::I8, 1),
        8 => Cmp::Eq,
        4 => lt,
        2 => gt,
        12 => le,
        10 => ge,
        _ => Cmp::Ne, // 6: low or high
    };
    e.icmp(c, a, b)
}

/// [`cc_selected`] for a CC whose origin the backend knows (see
/// [`crate::operands::origin`]): the mask as conditions on the values the CC was made from.
fn selected_by_origin<E: Emitter>(e: &mut E, m: u32, cc: E::V) -> Option<E::V> {
    use crate::operands::origin;
    let (kind, from) = e.origin_of(cc)?;
    let not = |e: &mut E, x: E::V| e.xor_imm(x, 1);
    match (kind, from.as_slice()) {
        (origin::COMPARE | origin::COMPARE_LOGICAL, &[a, b]) => Some(compare_selected(e, m, a, b, kind == origin::COMPARE)),
        (origin::ARITH, &[r, ovf]) => {
            // CC 0-2 compare `r` with zero where there was no overflow; CC 3 is the overflow.
            let zero = e.imm_like(r, 0);
            let t = compare_selected(e, m, r, zero, true);
            Some(if m & 1 != 0 {
                e.or(ovf, t)
            } else {
                let no = e.xor_imm(ovf, 1);
                e.and(no, t)
            })
        }
        (origin::NONZERO, &[v]) => {
            // CC 0 or 1 only: the mask's bits for those two decide.
            Some(match m & 0b1100 {
                0 => e.iconst(Ty::I8, 0),
                12 => e.iconst(Ty::I8, 1),
                8 => e.icmp_imm(Cmp::Eq, v, 0),
                _ => e.icmp_imm(Cmp::Ne, v, 0),
            })
        }
        (origin::TEST | origin::TEST_LEFTMOST, &[sel, mask]) => {
            // Z: all selected bits zero (CC 0); O: all one with a nonzero mask (CC 3);
            // T: the leftmost selected bit is one (CC 2 or 3; for TEST, where CC 2 cannot
            // occur, T is O). O implies T, and T implies not Z.
            // (Each condition and its negation as a compare of its own: a branch then tests
            // one host flag.)
            let z = e.icmp_imm(Cmp::Eq, sel, 0);
            let nz = e.icmp_imm(Cmp::Ne, sel, 0);
            let all = e.icmp(Cmp::Eq, sel, mask);
            let o = e.and(all, nz);
            let t = if kind == origin::TEST_LEFTMOST {
                let lz = e.clz(mask);
                let c63 = e.imm_like(lz, 63);
                let pos = e.sub(c63, lz);
                let sh = e.lshr(sel, pos);
                let b = e.trunc(Ty::I8, sh);
                e.and_imm(b, 1)
            } else {
                o
            };
            let v = match m {
                0 => e.iconst(Ty::I8, 0),
                15 => e.iconst(Ty::I8, 1),
                8 => z,
                7 => nz,
                1 => o,
                14 => {
                    // Not all ones: zero, or some selected bit zero.
                    let some_zero = e.icmp(Cmp::Ne, sel, mask);
                    e.or(z, some_zero)
                }
                3 => t,
                12 => not(e, t),
                11 => e.or(z, t),
                4 => {
                    let x = e.or(z, t);
                    not(e, x)
                }
                9 => e.or(z, o),
                6 => {
                    let x = e.or(z, o);
                    not(e, x)
                }
                _ => {
                    // 2, 13, 10, 5: from CC 2 = T and not O.
                    let no = not(e, o);
                    let c2 = e.and(t, no);
                    match m {
                        2 => c2,
                        13 => not(e, c2),
                        10 => e.or(z, c2),
                        _ => {
                            // 5: CC 1 or 3 = not (CC 0 or 2).
                            let x = e.or(z, c2);
                            not(e, x)
                        }
                    }
                }
            };
            Some(v)
        }
        _ => None,
    }
}

/// NI, OI, XI (and their `..Y` forms) on the byte at `addr1` with the immediate `in2`:
/// an interlocked update (interlocked-access facility 2) made with one compare-and-swap;
/// when another CPU changed the byte in between, the instruction runs again (an exit to
/// itself before anything is written). CC 0 result zero, 1 nonzero.
fn byte_update<E: Emitter>(e: &mut E, cx: &Cx, o: &O<E::V>, op: fn(&mut E, E::V, E::V) -> E::V) -> Flow {
    let a = o.addr1.expect("storage-immediate row without a1");
    let old = e.load(Ty::I8, a, Endian::Big);
    let imm = e.trunc(Ty::I8, o.in2());
    let new = op(e, old, imm);
    let prev = e.cas(Ty::I8, a, old, new, Endian::Big);
    let raced = e.icmp(Cmp::Ne, prev, old);
    e.exit_if(raced, cx.pc);
    let c = e.icmp_imm(Cmp::Ne, new, 0);
    e.set(CC, c);
    cx.next()
}
pub fn ni<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    byte_update(e, cx, o, |e, a, b| e.and(a, b))
}
pub fn oi<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    byte_update(e, cx, o, |e, a, b| e.or(a, b))
}
pub fn xi<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    byte_update(e, cx, o, |e, a, b| e.xor(a, b))
}

/// Arithmetic shift right of the sign-extended operand (0..=63; 32-bit operands shifted
/// by 32 or more give all sign bits, as the 64-bit shift of the extended value does).
pub fn sra<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.ashr(o.in1(), o.in2()));
    cx.next()
}
/// SHIFT LEFT SINGLE (`SLA`, `SLAK`): bits 1:31 of the sign-extended `in1` shift left by
/// `in2` (0..=63), the sign stays. Overflow (CC 3, fixed-point overflow) when a bit unlike
/// the sign leaves bit 1 — i.e. when `in1 * 2^n` does not fit in 32 bits; amounts of 32 or
/// more behave as 32 there (any nonzero operand overflows). `out2` carries the flag.
pub fn sla32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let v = o.in1();
    let n = o.in2();
    let big = e.icmp_imm(Cmp::Ugt, n, 32);
    let c32 = e.imm_like(n, 32);
    let nc = e.select(big, c32, n);
    let t = e.shl(v, nc);
    let t32 = e.trunc(Ty::I32, t);
    let ts = e.sext(Ty::I64, t32);
    let ovf = e.icmp(Cmp::Ne, ts, t);
    let sign = e.and_imm(v, 0x8000_0000);
    let body = e.and_imm(t, 0x7fff_ffff);
    o.out = Some(e.or(sign, body));
    o.out2 = Some(ovf);
    cx.next()
}
/// `SLAG`: as [`sla32`] in 64 bits (amounts 0..=63): overflow when bits 63-n..63 (LSB
/// numbering) of the operand are not all equal.
pub fn sla64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let v = o.in1();
    let n = o.in2();
    let t = e.shl(v, n);
    let back = e.ashr(t, n);
    let ovf = e.icmp(Cmp::Ne, back, v);
    let sign = e.and_imm(v, 1 << 63);
    let body = e.and_imm(t, !(1u64 << 63));
    o.out = Some(e.or(sign, body));
    o.out2 = Some(ovf);
    cx.next()
}
/// The 64-bit value of the even/odd pair R1:R1+1 (bits 32:63 of each).
fn pair<E: Emitter>(e: &mut E, r1: usize) -> E::V {
    let hi = e.get(gpr(r1));
    let hi = e.shl_imm(hi, 32);
    let lo = e.get(gpr((r1 + 1) & 15));
    let lo = e.and_imm(lo, 0xffff_ffff);
    e.or(hi, lo)
}
fn set_pair<E: Emitter>(e: &mut E, r1: usize, v: E::V) {
    crate::state::set_lo(e, (r1 + 1) & 15, v);
    let h = e.lshr_imm(v, 32);
    crate::state::set_lo(e, r1, h);
}
/// The double shifts (`SLDL`, `SRDL`, `SRDA`, `SLDA`) of the pair R1:R1+1 by `in2`.
fn shift_double<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, kind: u8) -> Flow {
    if let Some(fl) = crate::integer::odd_pair(e, f, cx) {
        return fl;
    }
    let v = pair(e, f.r1);
    let n = o.in2();
    match kind {
        0 => {
            let r = e.shl(v, n);
            set_pair(e, f.r1, r);
        }
        1 => {
            let r = e.lshr(v, n);
            set_pair(e, f.r1, r);
        }
        2 => {
            let r = e.ashr(v, n);
            set_pair(e, f.r1, r);
            let c = crate::operands::cc::sign(e, r);
            e.set(CC, c);
        }
        _ => {
            let mut t = Ops::default();
            t.in1 = Some(v);
            t.in2 = Some(n);
            sla64(e, f, cx, &mut t);
            let r = t.out();
            set_pair(e, f.r1, r);
            let ovf = t.out2.expect("sla64 sets the overflow flag");
            let c = crate::operands::cc::sign_or_3(e, r, Ty::I64, ovf);
            e.set(CC, c);
            crate::operands::overflow_trap(e, cx, ovf);
        }
    }
    cx.next()
}
pub fn sldl<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    shift_double(e, f, cx, o, 0)
}
pub fn srdl<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    shift_double(e, f, cx, o, 1)
}
pub fn srda<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    shift_double(e, f, cx, o, 2)
}
pub fn slda<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    shift_double(e, f, cx, o, 3)
}
/// `RLL`: rotate the low 32 bits left by `in2` mod 32 (bits 58:63 of the address; a
/// rotation by 32 + k equals one by k).
pub fn rll32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let v = e.trunc(Ty::I32, o.in1());
    let n = e.trunc(Ty::I32, o.in2());
    let r = e.rotl(v, n);
    o.out = Some(e.zext(Ty::I64, r));
    cx.next()
}
pub fn rll64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.rotl(o.in1(), o.in2()));
    cx.next()
}

/// FIND LEFTMOST ONE: R1 = number of leading zeros of R2 (64 for zero), R1 + 1 = R2 with
/// that bit cleared (zero when R2 is zero); CC 0 when R2 is zero, else 2.
pub fn flogr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    if let Some(fl) = crate::integer::odd_pair(e, f, cx) {
        return fl;
    }
    let v = o.in2();
    let n = e.clz(v);
    let top = e.iconst(Ty::I64, 1 << 63);
    let bit = e.lshr(top, n);
    let z = e.icmp_imm(Cmp::Eq, v, 0);
    let zero = e.iconst(Ty::I64, 0);
    let bit = e.select(z, zero, bit);
    let nb = e.not(bit);
    let rest = e.and(v, nb);
    e.set(gpr(f.r1), n);
    e.set(gpr((f.r1 + 1) & 15), rest);
    let nz = e.xor_imm(z, 1);
    let c = e.shl_imm(nz, 1);
    e.set(CC, c);
    cx.next()
}
/// POPULATION COUNT: each byte of the result is the number of one bits in that byte of
/// `in2`.
pub fn popcnt<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let v = o.in2();
    let a = e.lshr_imm(v, 1);
    let a = e.and_imm(a, 0x5555_5555_5555_5555);
    let v = e.sub(v, a);
    let lo = e.and_imm(v, 0x3333_3333_3333_3333);
    let hi = e.lshr_imm(v, 2);
    let hi = e.and_imm(hi, 0x3333_3333_3333_3333);
    let v = e.add(lo, hi);
    let s = e.lshr_imm(v, 4);
    let v = e.add(v, s);
    o.out = Some(e.and_imm(v, 0x0f0f_0f0f_0f0f_0f0f));
    cx.next()
}

/// Bits `start..=end` (PoP numbering, bit 0 leftmost) of a `width`-bit value, wrapping
/// around when `start > end`.
pub fn bit_range(start: u32, end: u32, width: u32) -> u64 {
    let all = if width == 64 { u64::MAX } else { (1u64 << width) - 1 };
    let from = all >> start;
    let to = (all << (width - 1 - end)) & all;
    if start <= end { from & to } else { from | to }
}

/// The rotate-then-operate-on-selected-bits family (PoP "ROTATE THEN ..."): R2 rotated
/// left by I5 bits 2:7; the selected bits I3..I4 (wrapping) take part.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rsbg {
    /// RISBG (`cc`: set the CC from the signed result), RISBGN.
    Insert { cc: bool },
    /// RISBHG (bits 0:31) and RISBLG (bits 32:63): positions I3/I4 bits 3:7 in that half.
    InsertHigh,
    InsertLow,
    And,
    Or,
    Xor,
}
fn rsbg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, kind: Rsbg) -> Flow {
    let (i3, i4, i5) = (f.i3 as u32, f.i4 as u32, f.i5 as u32);
    let r2 = e.get(gpr(f.r2));
    let rot = e.rotl_imm(r2, i5 & 63);
    let r1 = e.get(gpr(f.r1));
    match kind {
        Rsbg::Insert { .. } | Rsbg::InsertHigh | Rsbg::InsertLow => {
            let zero_rest = i4 & 0x80 != 0;
            let (mask, field) = match kind {
                Rsbg::InsertHigh => (bit_range(i3 & 31, i4 & 31, 32) << 32, 0xffff_ffff_0000_0000u64),
                Rsbg::InsertLow => (bit_range(i3 & 31, i4 & 31, 32), 0xffff_ffffu64),
                _ => (bit_range(i3 & 63, i4 & 63, 64), u64::MAX),
            };
            // Kept from R1: everything outside the selected bits, less the rest of the
            // operated-on field when Z is one.
            let keep = if zero_rest { !field } else { !mask };
            let ins = e.and_imm(rot, mask);
            let old = e.and_imm(r1, keep);
            let r = e.or(ins, old);
            e.set(gpr(f.r1), r);
            if kind == (Rsbg::Insert { cc: true }) {
                let c = crate::operands::cc::sign(e, r);
                e.set(CC, c);
            }
        }
        Rsbg::And | Rsbg::Or | Rsbg::Xor => {
            let test_only = i3 & 0x80 != 0;
            let mask = bit_range(i3 & 63, i4 & 63, 64);
            let v = match kind {
                Rsbg::And => e.and(r1, rot),
                Rsbg::Or => e.or(r1, rot),
                _ => e.xor(r1, rot),
            };
            let sel = e.and_imm(v, mask);
            if !test_only {
                let old = e.and_imm(r1, !mask);
                let r = e.or(sel, old);
                e.set(gpr(f.r1), r);
            }
            let c = e.icmp_imm(Cmp::Ne, sel, 0);
            e.set(CC, c);
        }
    }
    cx.next()
}
pub fn risbg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::Insert { cc: true })
}
pub fn risbgn<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::Insert { cc: false })
}
pub fn risbhg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::InsertHigh)
}
pub fn risblg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::InsertLow)
}
pub fn rnsbg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::And)
}
pub fn rosbg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::Or)
}
pub fn rxsbg<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    rsbg(e, f, cx, Rsbg::Xor)
}

/// Operand loaders of this file's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {
    use super::*;
    use crate::operands::cc::{set, sign_or_3};
    fn sla<E: Emitter>(e: &mut E, cx: &Cx, o: &O<E::V>, ty: Ty) {
        let ovf = o.out2.expect("shift-left-single row without its overflow flag");
        let c = sign_or_3(e, o.out(), ty, ovf);
        set(e, c);
        crate::operands::overflow_trap(e, cx, ovf);
    }
    /// SHIFT LEFT SINGLE: signed result CC, 3 on overflow (flag in `out2`).
    pub fn sla32<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        sla(e, cx, o, Ty::I32)
    }
    pub fn sla64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &O<E::V>) {
        sla(e, cx, o, Ty::I64)
    }
}
