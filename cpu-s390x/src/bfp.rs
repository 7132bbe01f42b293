//! Binary floating point (PoP ch. 9 "Floating-Point Overview and Support Instructions" and
//! ch. 19 "Binary-Floating-Point Instructions"): short, long and extended formats with
//! exact IEEE flags, the FPC (masks, flags, DXC, rounding modes) and its instructions.
//!
//! Moves, loads, stores and sign copies (no IEEE exceptions) are emitted inline. Every
//! instruction that can raise an IEEE exception or rounds is one call of
//! [`bfp_helpers::helper_bfp`] with a constant descriptor; the helper computes with the
//! exact soft-float [`jit::softfp`] and applies the FPC (see its module docs). Storage
//! operands are loaded by the row's loader before the call, so access exceptions come first.
//!
//! Invariants checked at translation (specification exception, nothing changed): extended
//! operands name a valid FPR pair (R = 0, 1, 4, 5, 8, 9, 12, 13: bit 2 of the number clear,
//! the pair being R and R+2); an M3 rounding modifier is 0, 1 or 3-7 (PoP "BFP Rounding").

use crate::bfp_helpers::{self as h, Desc, D, E, K, X};
use crate::forms::Fields;
use crate::operands::Ops;
use crate::state::*;
use crate::{exc, Cx};
use jit::frontend::Flow;
use jit::f64_inline as fi64;
use jit::ir::{Cmp, Emitter, FloatOp, Ty};

type O<V> = Ops<V>;

const SIGN: u64 = 1 << 63;

/// Checks of the translation-time invariants.
const R1X: u8 = 1;
const R2X: u8 = 2;
const M3: u8 = 4;
/// An M4 rounding modifier (DIEBR, DIDBR), and R1, R2, R3 all different.
const M4R: u8 = 8;

fn valid_pair(r: usize) -> bool {
    r & 2 == 0
}

fn spec_ok<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, checks: u8) -> bool {
    let bad = (checks & R1X != 0 && !valid_pair(f.r1))
        || (checks & R2X != 0 && !valid_pair(f.r2))
        || (checks & M3 != 0 && !h::m3_valid(f.m3))
        || (checks & M4R != 0 && (!h::m3_valid(f.m4) || f.r1 == f.r2 || f.r1 == f.r3 || f.r2 == f.r3));
    if bad {
        e.raise(exc::SPECIFICATION, cx.pc);
    }
    !bad
}

fn call<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &O<E::V>, kind: K, fmt: u8, to: u8, checks: u8) -> Flow {
    if !spec_ok(e, f, cx, checks) {
        return Flow::End;
    }
    let d = Desc { kind, r1: f.r1, r2: f.r2, r3: f.r3, m3: f.m3, m4: f.m4, mem: o.in2.is_some(), fmt, to };
    let dv = e.iconst(Ty::I64, d.encode());
    let v = match o.in2 {
        Some(v) => v,
        None => e.iconst(Ty::I64, 0),
    };
    let hp = jit::helper!(h::helper_bfp, 2, true);
    match kind {
        _ if fmt != D || to != D => {
            e.call(&hp, &[dv, v]);
        }
        K::Add => long_fast_path(e, f, o, FloatOp::Add, &hp, dv, v),
        K::Sub => long_fast_path(e, f, o, FloatOp::Sub, &hp, dv, v),
        K::Mul => long_fast_path(e, f, o, FloatOp::Mul, &hp, dv, v),
        K::Div => long_fast_path(e, f, o, FloatOp::Div, &hp, dv, v),
        K::FromFixS32 | K::FromFixS64 => long_from_fixed(e, f, kind == K::FromFixS64, &hp, dv, v),
        K::Cmp | K::CmpSig | K::LoadTest => long_compare(e, f, o, kind, &hp, dv, v),
        _ => {
            e.call(&hp, &[dv, v]);
        }
    }
    cx.next()
}

/// CDBR/CDB, KDBR/KDB (CC 0 equal, 1 low, 2 high) and LTDBR (the operand, CC 0 zero, 1
/// negative, 2 positive) inline unless an operand is a NaN (CC 3, and the invalid
/// operation of a signaling NaN, or of any NaN for KDBR: the helper's).
fn long_compare<E: Emitter>(e: &mut E, f: &Fields, o: &O<E::V>, kind: K, hp: &jit::ir::Helper, dv: E::V, v: E::V) {
    let b = match o.in2 {
        Some(v) => v,
        None => e.get(fpr(f.r2)),
    };
    // Compare: the FPR; load and test: zero, so the operand is compared with +0.
    let a = if kind == K::LoadTest { e.iconst(Ty::I64, 0) } else { e.get(fpr(f.r1)) };
    let na = fi64::is_nan(e, a);
    let nb = fi64::is_nan(e, b);
    let slow = e.or(na, nb);
    // Load and test compares the operand with zero: its CC is the opposite way round.
    let cc = if kind == K::LoadTest { fi64::compare(e, b, a, [1, 2, 0]) } else { fi64::compare(e, a, b, [1, 2, 0]) };
    e.call_if(slow, hp, &[dv, v]);
    let ok = e.xor_imm(slow, 1);
    if kind == K::LoadTest {
        let done = e.get(fpr(f.r1));
        let out = e.select(ok, b, done);
        e.set(fpr(f.r1), out);
    }
    let helper_cc = e.get(CC);
    let cc = e.select(ok, cc, helper_cc);
    e.set(CC, cc);
}

/// CDFBR (always exact) and CDGBR (exact below 2^53 in magnitude, else the helper rounds)
/// inline: the binary64 of the integer built from its magnitude's leading-zero count. An
/// exact conversion raises nothing and ignores the rounding modifiers.
fn long_from_fixed<E: Emitter>(e: &mut E, f: &Fields, wide: bool, hp: &jit::ir::Helper, dv: E::V, v: E::V) {
    let g = e.get(gpr(f.r2));
    let n = if wide {
        g
    } else {
        let lo = e.trunc(Ty::I32, g);
        e.sext(Ty::I64, lo)
    };
    let (neg, mag) = fi64::sign_magnitude(e, n);
    let (r, _) = fi64::from_magnitude(e, neg, mag);
    if !wide {
        e.set(fpr(f.r1), r);
        return;
    }
    let slow = e.icmp_imm(Cmp::Ugt, mag, 1 << 53);
    e.call_if(slow, hp, &[dv, v]);
    let ok = e.xor_imm(slow, 1);
    let done = e.get(fpr(f.r1));
    let out = e.select(ok, r, done);
    e.set(fpr(f.r1), out);
}

/// ADBR/ADB, SDBR/SDB, MDBR/MDB, DDBR/DDB with the host's arithmetic when nothing but the
/// result (and the CC of add and subtract) can change: the FPC has no IEEE exception enabled,
/// rounds to nearest and already has the (sticky) inexact flag, and operands and result are
/// ordinary numbers ([`fi64::ordinary`]). Otherwise the helper runs, as for every other
/// operation.
fn long_fast_path<E: Emitter>(e: &mut E, f: &Fields, o: &O<E::V>, op: FloatOp, hp: &jit::ir::Helper, dv: E::V, v: E::V) {
    use crate::bfp_helpers::fpc;
    let a = e.get(fpr(f.r1));
    let b = match o.in2 {
        Some(v) => v,
        None => e.get(fpr(f.r2)),
    };
    let r = e.f64_op(op, a, b);
    let c = e.get(FPC);
    let watched = e.and_imm(c, (fpc::MASK_I | fpc::MASK_Z | fpc::MASK_O | fpc::MASK_U | fpc::MASK_X | fpc::FLAG_X | fpc::BRM) as u64);
    let fpc_ok = e.icmp_imm(Cmp::Eq, watched, fpc::FLAG_X as u64);
    let oa = fi64::ordinary(e, a, 2);
    let ob = fi64::ordinary(e, b, 2);
    let or = fi64::ordinary(e, r, 2);
    let ok = e.and(fpc_ok, oa);
    let ok = e.and(ok, ob);
    let ok = e.and(ok, or);
    let slow = e.xor_imm(ok, 1);
    e.call_if(slow, hp, &[dv, v]);
    // After the helper (where it ran) the struct holds its results.
    let done = e.get(fpr(f.r1));
    let out = e.select(ok, r, done);
    e.set(fpr(f.r1), out);
    if matches!(op, FloatOp::Add | FloatOp::Sub) {
        // CC 1 for a negative result, 2 for a positive one (it is neither zero nor NaN).
        let neg = e.lshr_imm(r, 63);
        let neg = e.trunc(Ty::I8, neg);
        let two = e.iconst(Ty::I8, 2);
        let cc = e.sub(two, neg);
        let helper_cc = e.get(CC);
        let cc = e.select(ok, cc, helper_cc);
        e.set(CC, cc);
    }
}

/// One operation function per (kind, format) used by the rows: `name = kind, fmt, to,
/// checks`.
macro_rules! bfp_ops {
    ($($name:ident = $kind:ident, $fmt:expr, $to:expr, $checks:expr;)*) => {$(
        #[doc = concat!("Helper-run BFP operation `", stringify!($kind), "` (see [`call`]).")]
        pub fn $name<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
            call(e, f, cx, o, K::$kind, $fmt, $to, $checks)
        }
    )*};
}

bfp_ops! {
    ae = Add, E, E, 0; ad = Add, D, D, 0; ax = Add, X, X, R1X | R2X;
    se = Sub, E, E, 0; sd = Sub, D, D, 0; sx = Sub, X, X, R1X | R2X;
    mee = Mul, E, E, 0; md = Mul, D, D, 0; mx = Mul, X, X, R1X | R2X;
    mde = MulLong, E, D, 0; mxd = MulLong, D, X, R1X;
    de = Div, E, E, 0; dd = Div, D, D, 0; dx = Div, X, X, R1X | R2X;
    sqe = Sqrt, E, E, 0; sqd = Sqrt, D, D, 0; sqx = Sqrt, X, X, R1X | R2X;
    mae = Madd, E, E, 0; mad = Madd, D, D, 0; mse = Msub, E, E, 0; msd = Msub, D, D, 0;
    ce = Cmp, E, E, 0; cd = Cmp, D, D, 0; cx = Cmp, X, X, R1X | R2X;
    ke = CmpSig, E, E, 0; kd = CmpSig, D, D, 0; kx = CmpSig, X, X, R1X | R2X;
    lte = LoadTest, E, E, 0; ltd = LoadTest, D, D, 0; ltx = LoadTest, X, X, R1X | R2X;
    lpe = LoadPos, E, E, 0; lpd = LoadPos, D, D, 0; lpx = LoadPos, X, X, R1X | R2X;
    lne = LoadNeg, E, E, 0; lnd = LoadNeg, D, D, 0; lnx = LoadNeg, X, X, R1X | R2X;
    lce = LoadComp, E, E, 0; lcd = LoadComp, D, D, 0; lcx = LoadComp, X, X, R1X | R2X;
    lde = Convert, E, D, 0; lxd = Convert, D, X, R1X; lxe = Convert, E, X, R1X;
    led = Convert, D, E, M3; ldx = Convert, X, D, R1X | R2X | M3; lex = Convert, X, E, R1X | R2X | M3;
    fie = Integral, E, E, M3; fid = Integral, D, D, M3; fix = Integral, X, X, R1X | R2X | M3;
    cef = FromFixS32, E, E, M3; cdf = FromFixS32, D, D, M3; cxf = FromFixS32, X, X, R1X | M3;
    ceg = FromFixS64, E, E, M3; cdg = FromFixS64, D, D, M3; cxg = FromFixS64, X, X, R1X | M3;
    celf = FromFixU32, E, E, M3; cdlf = FromFixU32, D, D, M3; cxlf = FromFixU32, X, X, R1X | M3;
    celg = FromFixU64, E, E, M3; cdlg = FromFixU64, D, D, M3; cxlg = FromFixU64, X, X, R1X | M3;
    cfe = ToFixS32, E, E, M3; cfd = ToFixS32, D, D, M3; cfx = ToFixS32, X, X, R2X | M3;
    cge = ToFixS64, E, E, M3; cgd = ToFixS64, D, D, M3; cgx = ToFixS64, X, X, R2X | M3;
    clfe = ToFixU32, E, E, M3; clfd = ToFixU32, D, D, M3; clfx = ToFixU32, X, X, R2X | M3;
    clge = ToFixU64, E, E, M3; clgd = ToFixU64, D, D, M3; clgx = ToFixU64, X, X, R2X | M3;
    diebr = DivInt, E, E, M4R; didbr = DivInt, D, D, M4R;
    tce = TestClass, E, E, 0; tcd = TestClass, D, D, 0; tcx = TestClass, X, X, R1X;
}

// ---- inline operations (no IEEE exceptions) ----

/// `out = 0` (LZER, LZDR).
pub fn zero<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.iconst(Ty::I64, 0));
    cx.next()
}
/// `LZXR R1`: both registers of the pair zero.
pub fn lzxr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if !spec_ok(e, f, cx, R1X) {
        return Flow::End;
    }
    let z = e.iconst(Ty::I64, 0);
    e.set(fpr(f.r1), z);
    e.set(fpr(f.r1 + 2), z);
    cx.next()
}
/// `LXR R1,R2`: the extended operand moved (both pairs must be valid).
pub fn lxr<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    if !spec_ok(e, f, cx, R1X | R2X) {
        return Flow::End;
    }
    let hi = e.get(fpr(f.r2));
    let lo = e.get(fpr(f.r2 + 2));
    e.set(fpr(f.r1), hi);
    e.set(fpr(f.r1 + 2), lo);
    cx.next()
}
/// LCDFR: sign inverted.
pub fn sign_flip<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.xor_imm(o.in2(), SIGN));
    cx.next()
}
/// LNDFR: sign set.
pub fn sign_set<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.or_imm(o.in2(), SIGN));
    cx.next()
}
/// LPDFR: sign cleared.
pub fn sign_clear<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    o.out = Some(e.and_imm(o.in2(), !SIGN));
    cx.next()
}
/// `CPSDR R1,R3,R2`: the sign of R3 with the rest of R2.
pub fn cpsdr<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let s = e.and_imm(o.in1(), SIGN);
    let m = e.and_imm(o.in2(), !SIGN);
    o.out = Some(e.or(s, m));
    cx.next()
}

// ---- FPC ----

fn fpc_call<E: Emitter>(e: &mut E, cx: &Cx, op: u64, v: E::V) -> Flow {
    let opv = e.iconst(Ty::I64, op);
    let hp = jit::helper!(h::helper_fpc, 2, true);
    e.call(&hp, &[opv, v]);
    cx.next()
}
/// `SFPC R1` / `LFPC D2(B2)`: the FPC from bits 32:63 of R1 / the word at the address.
pub fn sfpc<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    fpc_call(e, cx, h::fpc_op::SET, o.in2())
}
/// `SFASR R1`: set FPC and signal.
pub fn sfasr<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    fpc_call(e, cx, h::fpc_op::SET_SIGNAL, o.in2())
}
/// `SRNM D2(B2)`: BFP rounding mode from bits 62:63 of the address.
pub fn srnm<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    fpc_call(e, cx, h::fpc_op::SRNM, o.in2())
}
/// `SRNMB D2(B2)`: BFP rounding mode from bits 61:63 of the address.
pub fn srnmb<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    fpc_call(e, cx, h::fpc_op::SRNMB, o.in2())
}

/// Operand loaders of this chapter's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {
    use super::*;
    /// Bits 0:31 of FPR R1 / R2 (short operands), zero-extended.
    pub fn fe1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = e.get(fpr_hi(f.r1));
        Some(e.zext(Ty::I64, v))
    }
    pub fn fe2<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = e.get(fpr_hi(f.r2));
        Some(e.zext(Ty::I64, v))
    }
    /// FPR R1 / R2 / R3 (long operands).
    pub fn fd1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.get(fpr(f.r1)))
    }
    pub fn fd2<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.get(fpr(f.r2)))
    }
    pub fn fd3<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        Some(e.get(fpr(f.r3)))
    }
    /// The FPC, zero-extended.
    pub fn fpc_val<E: Emitter>(e: &mut E, _: &Fields, _: &Cx, _: &mut O<E::V>) -> Option<E::V> {
        let v = e.get(FPC);
        Some(e.zext(Ty::I64, v))
    }
}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {
    use super::*;
    /// Bits 0:31 of FPR R1 (bits 32:63 unchanged).
    pub fn fe1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        let v = e.trunc(Ty::I32, o.out());
        e.set(fpr_hi(f.r1), v);
    }
    /// FPR R1.
    pub fn fd1<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        e.set(fpr(f.r1), o.out());
    }
    /// Bits 32:63 of GPR R1 := the FPC (EFPC; bits 0:31 unchanged).
    pub fn r1_fpc<E: Emitter>(e: &mut E, f: &Fields, _: &Cx, o: &O<E::V>) {
        crate::state::set_lo(e, f.r1, o.out());
    }
}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
