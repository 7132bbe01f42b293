//! Storage-to-storage, storage-immediate and string instructions (PoP ch. 7): `MVC`,
//! `MVCIN`, `MVN`, `MVZ`, `MVO`, `CLC`, `XC`/`NC`/`OC`, `TR`/`TRT`/`TRTR`, `TRE`,
//! `TROO`/`TROT`/`TRTO`/`TRTT`, `MVCL(E/U)`, `CLCL(E/U)`, `CLST`, `SRST(U)`, `MVST`, `CKSM`,
//! the Unicode conversions, `TRTE`/`TRTRE`, `CUSE` and `MVIY` (a plain row), with their
//! architected partial completion.
//!
//! Most of them run in helpers ([`helpers`], [`unicode`]): the operands' lengths, overlap and
//! page crossings are only known at run time, and the PoP defines them byte by byte. Only
//! cases whose result is known not to depend on that are emitted inline: `XC` of an operand
//! with itself (clearing storage), `MVC`/`XC`/`NC`/`OC`/`CLC` of at most 32 bytes whose
//! operands share the base register and whose displacements keep them apart (so they cannot
//! overlap, and running again after a fault gives the same result), `CLC` of at most 32
//! bytes with any bases, and `MVC` of 1, 2, 4 or 8 bytes with any bases, whose destructive
//! overlap is detected at run time and moved by the helper (`Emitter::call_if`).
//!
//! Register pairs (`MVCL` R1/R2, `MVCLE` R1/R3, `TRE` R1, `CKSM` R2, the conversions' R1/R2)
//! must be even: an odd one is a specification exception, recognised at translation.

#[path = "storage_ops_helpers.rs"]
pub mod helpers;
#[path = "unicode.rs"]
pub mod unicode;

use crate::forms::Fields;
use crate::operands::{ea, Ops};
use crate::state::*;
use crate::{exc, Cx};
use helpers::{ss, st};
use jit::frontend::Flow;
use jit::ir::{Cmp, Emitter, Endian, Ty};

type O<V> = Ops<V>;

/// Largest operand emitted inline.
const INLINE_MAX: u64 = 32;

fn spec<E: Emitter>(e: &mut E, cx: &Cx) -> Flow {
    e.raise(exc::SPECIFICATION, cx.pc);
    Flow::End
}

/// The operands of an SS instruction with one length: addresses B1+D1, B2+D2.
fn ss_addrs<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx) -> (E::V, E::V) {
    let a1 = ea(e, cx, 0, f.b1, f.d1);
    let a2 = ea(e, cx, 0, f.b2, f.d2);
    (a1, a2)
}

fn ss_helper<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, op: u64, l: u64, sets_cc: bool) -> Flow {
    let (a1, a2) = ss_addrs(e, f, cx);
    let opv = e.iconst(Ty::I64, op);
    let lv = e.iconst(Ty::I64, l);
    let h = jit::helper!(helpers::helper_ss, 4, true);
    let r = e.call(&h, &[opv, lv, a1, a2]);
    if sets_cc {
        let c = e.trunc(Ty::I8, r);
        e.set(CC, c);
    }
    cx.next()
}

/// Whether the operands of an `L`-coded SS instruction are `n` bytes from the same base
/// register at displacements that keep them apart (64-bit mode, so no per-byte wrap).
fn disjoint_same_base(f: &Fields, cx: &Cx, n: u64) -> bool {
    cx.amode == 64 && f.b1 == f.b2 && (f.d1 - f.d2).unsigned_abs() >= n && n <= INLINE_MAX
}

/// Chunks of an `n`-byte operand: (offset, type), widest first.
fn chunks(n: u64) -> Vec<(u64, Ty)> {
    let mut v = Vec::new();
    let mut off = 0;
    for (w, ty) in [(8, Ty::I64), (4, Ty::I32), (2, Ty::I16), (1, Ty::I8)] {
        while n - off >= w {
            v.push((off, ty));
            off += w;
        }
    }
    v
}

/// `MVC D1(L,B1),D2(B2)`: moves L+1 bytes one at a time left to right (an overlapping
/// destination propagates bytes).
pub fn mvc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let n = f.l1 + 1;
    if disjoint_same_base(f, cx, n) {
        let (a1, a2) = ss_addrs(e, f, cx);
        for (off, ty) in chunks(n) {
            let s = e.add_imm(a2, off as i64);
            let v = e.load(ty, s, Endian::Big);
            let d = e.add_imm(a1, off as i64);
            e.store(ty, d, v, Endian::Big);
        }
        return cx.next();
    }
    if cx.amode == 64 && matches!(n, 1 | 2 | 4 | 8) {
        // Any bases (the stack protector's `mvc 248(8,%r15),40(%r1)`): one load, then one
        // store (so an access exception stores nothing) — the byte-by-byte result unless
        // the destination starts inside the source to the right of its first byte (a1 - a2
        // in [1, n)). Then the inline part copies the destination onto itself (nothing
        // changes) and the helper does the real move.
        let (a1, a2) = ss_addrs(e, f, cx);
        let d = e.sub(a1, a2);
        let d = e.add_imm(d, -1);
        let destructive = e.icmp_imm(Cmp::Ult, d, n - 1);
        let src = e.select(destructive, a1, a2);
        let parts: Vec<_> = chunks(n)
            .into_iter()
            .map(|(off, ty)| {
                let s = e.add_imm(src, off as i64);
                (off, ty, e.load(ty, s, Endian::Big))
            })
            .collect();
        for (off, ty, v) in parts {
            let t = e.add_imm(a1, off as i64);
            e.store(ty, t, v, Endian::Big);
        }
        let opv = e.iconst(Ty::I64, ss::MVC);
        let lv = e.iconst(Ty::I64, f.l1);
        let h = jit::helper!(helpers::helper_ss, 4, true);
        e.call_if(destructive, &h, &[opv, lv, a1, a2]);
        return cx.next();
    }
    ss_helper(e, f, cx, ss::MVC, f.l1, false)
}

/// The inline `XC`/`NC`/`OC` of disjoint operands, and `XC` of an operand with itself.
fn logic_inline<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, op: u64) -> Option<Flow> {
    let n = f.l1 + 1;
    if op == ss::XC && f.b1 == f.b2 && f.d1 == f.d2 && cx.amode == 64 && n <= 256 {
        // x ^ x = 0 for every byte whatever the overlap: clear storage, CC 0.
        let a1 = ea(e, cx, 0, f.b1, f.d1);
        for (off, ty) in chunks(n) {
            let z = e.iconst(ty, 0);
            let d = e.add_imm(a1, off as i64);
            e.store(ty, d, z, Endian::Big);
        }
        let c = e.iconst(Ty::I8, 0);
        e.set(CC, c);
        return Some(cx.next());
    }
    if !disjoint_same_base(f, cx, n) {
        return None;
    }
    let (a1, a2) = ss_addrs(e, f, cx);
    let mut any: Option<E::V> = None;
    for (off, ty) in chunks(n) {
        let d = e.add_imm(a1, off as i64);
        let s = e.add_imm(a2, off as i64);
        let x = e.load(ty, d, Endian::Big);
        let y = e.load(ty, s, Endian::Big);
        let v = match op {
            ss::XC => e.xor(x, y),
            ss::NC => e.and(x, y),
            _ => e.or(x, y),
        };
        e.store(ty, d, v, Endian::Big);
        let v64 = e.zext(Ty::I64, v);
        any = Some(match any {
            Some(a) => e.or(a, v64),
            None => v64,
        });
    }
    let any = any.unwrap_or_else(|| e.iconst(Ty::I64, 0));
    let c = e.icmp_imm(Cmp::Ne, any, 0);
    e.set(CC, c);
    Some(cx.next())
}

/// `XC`: CC 0 if the result is all zeros, else 1.
pub fn xc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    logic_inline(e, f, cx, ss::XC).unwrap_or_else(|| ss_helper(e, f, cx, ss::XC, f.l1, true))
}
pub fn nc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    logic_inline(e, f, cx, ss::NC).unwrap_or_else(|| ss_helper(e, f, cx, ss::NC, f.l1, true))
}
pub fn oc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    logic_inline(e, f, cx, ss::OC).unwrap_or_else(|| ss_helper(e, f, cx, ss::OC, f.l1, true))
}

/// `CLC`: unsigned comparison, CC 0 equal, 1 first low, 2 first high.
pub fn clc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let n = f.l1 + 1;
    if n > INLINE_MAX || cx.amode != 64 {
        return ss_helper(e, f, cx, ss::CLC, f.l1, true);
    }
    // Loads only: overlap cannot matter. Big-endian chunks compare like their bytes; the
    // leftmost unequal chunk decides.
    let (a1, a2) = ss_addrs(e, f, cx);
    let mut parts = Vec::new();
    for (off, ty) in chunks(n) {
        let p = e.add_imm(a1, off as i64);
        let q = e.add_imm(a2, off as i64);
        let x = e.load(ty, p, Endian::Big);
        let y = e.load(ty, q, Endian::Big);
        parts.push((x, y));
    }
    if let [(x, y)] = parts[..] {
        // One chunk: a logical compare of it (whose CC a branch can test directly).
        let cc = crate::operands::cc::compare(e, x, y, false);
        e.set(CC, cc);
        return cx.next();
    }
    let mut cc = e.iconst(Ty::I8, 0);
    for (x, y) in parts.into_iter().rev() {
        let ne = e.icmp(Cmp::Ne, x, y);
        let lt = e.icmp(Cmp::Ult, x, y);
        let one = e.iconst(Ty::I8, 1);
        let two = e.iconst(Ty::I8, 2);
        let here = e.select(lt, one, two);
        cc = e.select(ne, here, cc);
    }
    e.set(CC, cc);
    cx.next()
}

/// `MVCIN`: the second operand (its address designates its rightmost byte) reversed.
pub fn mvcin<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::MVCIN, f.l1, false)
}
/// `MVN`: the numeric (low) digits of the second operand's bytes.
pub fn mvn<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::MVN, f.l1, false)
}
/// `MVZ`: the zone (high) digits.
pub fn mvz<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::MVZ, f.l1, false)
}
/// `MVO D1(L1,B1),D2(L2,B2)`: move with offset (4 bits left, sign digit kept).
pub fn mvo<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::MVO, f.l1 << 8 | f.l2, false)
}
/// `TR`: each first-operand byte replaced by the table byte it indexes.
pub fn tr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::TR, f.l1, false)
}
/// `TRT`: finds the first byte with a nonzero function byte (GR1 address, GR2 function
/// byte); CC 0 none, 1 before the last byte, 2 at the last byte.
pub fn trt<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::TRT, f.l1, true)
}
/// `TRTR`: as `TRT`, right to left from the rightmost byte D1(B1).
pub fn trtr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    ss_helper(e, f, cx, ss::TRTR, f.l1, true)
}

fn reg_consts<E: Emitter>(e: &mut E, rs: &[usize]) -> Vec<E::V> {
    rs.iter().map(|&r| e.iconst(Ty::I64, r as u64)).collect()
}

/// `MVCL R1,R2`: CC 0/1/2 by the lengths, 3 destructive overlap (nothing moved).
pub fn mvcl<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if (f.r1 | f.r2) & 1 != 0 {
        return spec(e, cx);
    }
    let a = reg_consts(e, &[f.r1, f.r2]);
    let h = jit::helper!(helpers::helper_mvcl, 2, true);
    e.call(&h, &a);
    cx.next()
}

/// `CLCL R1,R2`: compare with padding; registers end at the first unequal bytes.
pub fn clcl<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if (f.r1 | f.r2) & 1 != 0 {
        return spec(e, cx);
    }
    let a = reg_consts(e, &[f.r1, f.r2]);
    let h = jit::helper!(helpers::helper_clcl, 2, true);
    e.call(&h, &a);
    cx.next()
}

fn long_ext<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, unit: u64, compare: bool) -> Flow {
    if (f.r1 | f.r3) & 1 != 0 {
        return spec(e, cx);
    }
    // The second-operand address is not used for storage: its low bits are the pad.
    let a2 = ea(e, cx, 0, f.b2, f.d2);
    let pad = e.and_imm(a2, if unit == 2 { 0xffff } else { 0xff });
    let mut a = reg_consts(e, &[f.r1, f.r3]);
    a.push(pad);
    a.push(e.iconst(Ty::I64, unit));
    if compare {
        let h = jit::helper!(helpers::helper_clcle, 4, true);
        e.call(&h, &a);
    } else {
        let h = jit::helper!(helpers::helper_mvcle, 4, true);
        e.call(&h, &a);
    }
    cx.next()
}

/// `MVCLE R1,R3,D2(B2)`: CC 3 when a CPU-determined amount was moved.
pub fn mvcle<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    long_ext(e, f, cx, 1, false)
}
pub fn clcle<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    long_ext(e, f, cx, 1, true)
}
/// `MVCLU`/`CLCLU`: two-byte units and pad (lengths must be even).
pub fn mvclu<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    long_ext(e, f, cx, 2, false)
}
pub fn clclu<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    long_ext(e, f, cx, 2, true)
}

fn string<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, op: u64) -> Flow {
    let mut a = vec![e.iconst(Ty::I64, op)];
    a.extend(reg_consts(e, &[f.r1, f.r2]));
    let h = jit::helper!(helpers::helper_string, 3, true);
    e.call(&h, &a);
    cx.next()
}
/// `CLST R1,R2`: compare strings ended by GR0 bits 56:63.
pub fn clst<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    string(e, f, cx, st::CLST)
}
/// `SRST R1,R2`: search R2.. (end R1) for GR0 bits 56:63.
pub fn srst<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    string(e, f, cx, st::SRST)
}
/// `SRSTU R1,R2`: the same with the two-byte character GR0 bits 48:63.
pub fn srstu<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    string(e, f, cx, st::SRSTU)
}
/// `MVST R1,R2`: copy a string including its terminator GR0 bits 56:63.
pub fn mvst<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    string(e, f, cx, st::MVST)
}

/// `TRE R1,R2` (R1 even).
pub fn tre<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.r1 & 1 != 0 {
        return spec(e, cx);
    }
    let a = reg_consts(e, &[f.r1, f.r2]);
    let h = jit::helper!(helpers::helper_tre, 2, true);
    e.call(&h, &a);
    cx.next()
}

/// `CKSM R1,R2` (R2 even).
pub fn cksm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if f.r2 & 1 != 0 {
        return spec(e, cx);
    }
    let a = reg_consts(e, &[f.r1, f.r2]);
    let h = jit::helper!(helpers::helper_cksm, 2, true);
    e.call(&h, &a);
    cx.next()
}

fn convert<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, from: u64, to: u64, check: bool) -> Flow {
    if (f.r1 | f.r2) & 1 != 0 {
        return spec(e, cx);
    }
    let mut a = reg_consts(e, &[f.r1, f.r2]);
    a.push(e.iconst(Ty::I64, from << 8 | to));
    a.push(e.iconst(Ty::I64, check as u64));
    let h = jit::helper!(unicode::helper_cu, 4, true);
    e.call(&h, &a);
    cx.next()
}
/// `CU12 R1,R2,M3` (`CUTFU`): UTF-8 to UTF-16; M3 bit 3 checks well-formedness.
pub fn cu12<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    convert(e, f, cx, unicode::UTF8, unicode::UTF16, f.m3 & 1 != 0)
}
pub fn cu14<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    convert(e, f, cx, unicode::UTF8, unicode::UTF32, f.m3 & 1 != 0)
}
pub fn cu21<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    convert(e, f, cx, unicode::UTF16, unicode::UTF8, f.m3 & 1 != 0)
}
pub fn cu24<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    convert(e, f, cx, unicode::UTF16, unicode::UTF32, f.m3 & 1 != 0)
}
pub fn cu41<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    convert(e, f, cx, unicode::UTF32, unicode::UTF8, true)
}
pub fn cu42<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    convert(e, f, cx, unicode::UTF32, unicode::UTF16, true)
}

fn translate_xx<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, ssize: u64, dsize: u64) -> Flow {
    if f.r1 & 1 != 0 {
        return spec(e, cx);
    }
    let mut a = reg_consts(e, &[f.r1, f.r2]);
    a.push(e.iconst(Ty::I64, ssize << 4 | dsize));
    a.push(e.iconst(Ty::I64, f.m3 as u64));
    let h = jit::helper!(helpers::helper_trxx, 4, true);
    e.call(&h, &a);
    cx.next()
}
/// `TROO R1,R2,M3`: one-byte to one-byte translation (R1 even).
pub fn troo<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    translate_xx(e, f, cx, 1, 1)
}
pub fn trot<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    translate_xx(e, f, cx, 1, 2)
}
pub fn trto<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    translate_xx(e, f, cx, 2, 1)
}
pub fn trtt<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    translate_xx(e, f, cx, 2, 2)
}

fn trte_any<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, reverse: bool) -> Flow {
    if f.r1 & 1 != 0 {
        return spec(e, cx);
    }
    let mut a = reg_consts(e, &[f.r1, f.r2]);
    a.push(e.iconst(Ty::I64, f.m3 as u64));
    a.push(e.iconst(Ty::I64, reverse as u64));
    let h = jit::helper!(helpers::helper_trte, 4, true);
    e.call(&h, &a);
    cx.next()
}
/// `TRTE R1,R2,M3`: translate and test extended, left to right (R1 even).
pub fn trte<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    trte_any(e, f, cx, false)
}
/// `TRTRE R1,R2,M3`: the same right to left.
pub fn trtre<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    trte_any(e, f, cx, true)
}
/// `CUSE R1,R2`: compare until substring equal (R1, R2 even).
pub fn cuse<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if (f.r1 | f.r2) & 1 != 0 {
        return spec(e, cx);
    }
    let a = reg_consts(e, &[f.r1, f.r2]);
    let h = jit::helper!(helpers::helper_cuse, 2, true);
    e.call(&h, &a);
    cx.next()
}

/// Operand loaders of this chapter's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
