//! Vector BFP instructions (PoP ch. 24), long format: one instruction per case with its
//! assembly, operands as IEEE bit patterns, and V1 / FPC / CC worked out by hand from the
//! book. FPC values: masks I Z O U X = 0x80/0x40/0x20/0x10/0x08 << 24, flags the same << 16,
//! DXC (for a vector-processing exception the VXC: element index << 4 | type, types 1
//! invalid, 2 divide by zero, 3 overflow, 4 underflow, 5 inexact) << 8, rounding mode in
//! the low 3 bits.

mod s390_harness;
mod vx_enc;

use cpu_s390x::exc;
use s390_harness::{Case, End, PC};
use vx_enc::*;

const ONE: u64 = 0x3ff0_0000_0000_0000;
const TWO: u64 = 0x4000_0000_0000_0000;
const THREE: u64 = 0x4008_0000_0000_0000;
const HALF: u64 = 0x3fe0_0000_0000_0000;
const ONE_HALF: u64 = 0x3ff8_0000_0000_0000; // 1.5
const NEG: u64 = 1 << 63;
const INF: u64 = 0x7ff0_0000_0000_0000;
const QNAN: u64 = 0x7ff8_0000_0000_0000;
const SNAN: u64 = 0x7ff0_0000_0000_0001;
const BIG: u64 = 0x7e37_e43c_8800_759c; // 1e300
const ONES: u64 = u64::MAX;

const MASK_I: u32 = 0x8000_0000;
const MASK_Z: u32 = 0x4000_0000;
const MASK_O: u32 = 0x2000_0000;
const MASK_U: u32 = 0x1000_0000;
const MASK_X: u32 = 0x0800_0000;
const FLAG_I: u32 = 0x0080_0000;
const FLAG_Z: u32 = 0x0040_0000;
const FLAG_O: u32 = 0x0020_0000;
const FLAG_U: u32 = 0x0010_0000;
const FLAG_X: u32 = 0x0008_0000;

fn fpc(c: Case, v: u32) -> Case {
    c.with(|c| c.fpc = v)
}
/// VRI-e: V1, V2, I3 (12 bits), M4, M5.
fn vri_e(op: u8, v1: u32, v2: u32, i3: u32, m4: u32, m5: u32) -> [u8; 6] {
    e7(op, [v1, v2, i3 >> 8, i3 >> 4, i3, m5, m4], [true, true, false, false])
}
/// Runs `insn` with V2, V3 (and V4) set and returns the outcome.
fn op3(insn: &[u8], f: u32, a: u128, b: u128) -> s390_harness::Done {
    fpc(Case::new(), f).vr(1, d2(0x1111, 0x2222)).vr(2, a).vr(3, b).run(insn)
}
fn vpe(d: &s390_harness::Done) {
    assert_eq!(d.end, End::Exc(exc::VECTOR_PROCESSING, PC));
}

#[test]
fn add_subtract_multiply_divide() {
    // vfadb %v1,%v2,%v3: (1 + 2, 2 + -0.5) = (3, 1.5), exact: FPC unchanged
    let d = op3(&vrr_c(0xe3, 1, 2, 3, 3, 0, 0), 0, d2(ONE, TWO), d2(TWO, HALF | NEG));
    d.next();
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(THREE, ONE_HALF), 0));
    // wfadb %v1,%v2,%v3 (S = 1): element 0 only; element 1 of V1 unpredictable (zero here)
    let d = op3(&vrr_c(0xe3, 1, 2, 3, 3, 8, 0), 0, d2(ONE, TWO), d2(TWO, HALF | NEG));
    assert_eq!(d.vr(1), d2(THREE, 0));
    // vfsdb: (3 - 1, 2 - 2) = (2, +0) in round to nearest
    let d = op3(&vrr_c(0xe2, 1, 2, 3, 3, 0, 0), 0, d2(THREE, TWO), d2(ONE, TWO));
    assert_eq!(d.vr(1), d2(TWO, 0));
    // vfsdb with rounding toward -inf: 2 - 2 = -0
    let d = op3(&vrr_c(0xe2, 1, 2, 3, 3, 0, 0), 3, d2(THREE, TWO), d2(ONE, TWO));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(TWO, NEG), 3));
    // vfmdb: (1.5 * 2, -0.5 * 2) = (3, -1)
    let d = op3(&vrr_c(0xe7, 1, 2, 3, 3, 0, 0), 0, d2(ONE_HALF, HALF | NEG), d2(TWO, TWO));
    assert_eq!(d.vr(1), d2(THREE, ONE | NEG));
    // vfddb: 3 / 2 = 1.5; 1 / 0 with the divide mask off: +inf and the Z flag
    let d = op3(&vrr_c(0xe5, 1, 2, 3, 3, 0, 0), 0, d2(THREE, ONE), d2(TWO, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(ONE_HALF, INF), FLAG_Z));
}

#[test]
fn unmasked_exceptions_suppress_with_the_vxc() {
    // vfddb, Z mask on, element 1 divides by zero: suppressed (V1 unchanged), VXC 0x12
    let d = op3(&vrr_c(0xe5, 1, 2, 3, 3, 0, 0), MASK_Z, d2(THREE, ONE), d2(TWO, 0));
    vpe(&d);
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x1111, 0x2222), MASK_Z | 0x1200));
    // the same as wfddb (S = 1): element 1 is not processed, so no exception
    let d = op3(&vrr_c(0xe5, 1, 2, 3, 3, 8, 0), MASK_Z, d2(THREE, ONE), d2(TWO, 0));
    d.next();
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(ONE_HALF, 0), MASK_Z));
    // vfadb: element 0 inexact (X mask off), element 1 inf + -inf invalid with the I mask
    // on: suppressed, so not even element 0's X flag is set; VXC 0x11
    let d = op3(&vrr_c(0xe3, 1, 2, 3, 3, 0, 0), MASK_I, d2(ONE, INF), d2(0x3c30_0000_0000_0000, INF | NEG));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_I | 0x1100);
    // vfmdb 1e300 * 1e300, O mask on: VXC 0x03 (element 0), flags unchanged (FLAG_Z kept)
    let d = op3(&vrr_c(0xe7, 1, 2, 3, 3, 0, 0), MASK_O | FLAG_Z, d2(BIG, ONE), d2(BIG, ONE));
    vpe(&d);
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x1111, 0x2222), MASK_O | FLAG_Z | 0x0300));
    // the same with the O mask off: (+inf, 1), flags O and X
    let d = op3(&vrr_c(0xe7, 1, 2, 3, 3, 0, 0), 0, d2(BIG, ONE), d2(BIG, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(INF, ONE), FLAG_O | FLAG_X));
    // vfmdb 2^-1000 * 2^-100 = 2^-1100, below the smallest subnormal: +0, flags U and X
    let d = op3(&vrr_c(0xe7, 1, 2, 3, 3, 0, 0), 0, d2(0x0170_0000_0000_0000, ONE), d2(0x39b0_0000_0000_0000, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0, ONE), FLAG_U | FLAG_X));
    // vfmdb 2^-1000 * 2^-30 = 2^-1030, an exact subnormal: with the U mask on underflow is
    // recognised for a tiny result even when exact (PoP "IEEE Underflow"): VXC 0x04.
    // (QEMU's softfloat only reports inexact tiny results, so it completes here.)
    let d = op3(&vrr_c(0xe7, 1, 2, 3, 3, 0, 0), MASK_U, d2(0x0170_0000_0000_0000, ONE), d2(0x3e10_0000_0000_0000, ONE));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_U | 0x0400);
    // with the U mask off the exact subnormal 2^-1030 = 2^44 * 2^-1074 has no flag
    let d = op3(&vrr_c(0xe7, 1, 2, 3, 3, 0, 0), 0, d2(0x0170_0000_0000_0000, ONE), d2(0x3e10_0000_0000_0000, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(1 << 44, ONE), 0));
}

#[test]
fn square_root_and_multiply_add() {
    // vfsqdb %v1,%v2: (sqrt 4, sqrt -1) = (2, default NaN), flag I
    let d = fpc(Case::new(), 0).vr(2, d2(0x4010_0000_0000_0000, ONE | NEG)).run(&vrr_a(0xce, 1, 2, 3, 0, 0));
    d.next();
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(TWO, QNAN), FLAG_I));
    // the same with the I mask on: VXC 0x11
    let d = fpc(Case::new(), MASK_I).vr(2, d2(0x4010_0000_0000_0000, ONE | NEG)).run(&vrr_a(0xce, 1, 2, 3, 0, 0));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_I | 0x1100);
    // vfmadb %v1,%v2,%v3,%v4: (2 * 3 + 1, 1 * 1 + 2^-53) = (7, 1): the tie 1 + 2^-53 rounds
    // to even once (no intermediate rounding), inexact
    let c = fpc(Case::new(), 0).vr(2, d2(TWO, ONE)).vr(3, d2(THREE, ONE)).vr(4, d2(ONE, 0x3ca0_0000_0000_0000));
    let d = c.run(&vrr_e(0x8f, 1, 2, 3, 4, 0, 3));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x401c_0000_0000_0000, ONE), FLAG_X));
    // vfmsdb: (2 * 3 - 1, 1 * 1 - 2^-53) = (5, 1 - 2^-53), exact
    let c = fpc(Case::new(), 0).vr(2, d2(TWO, ONE)).vr(3, d2(THREE, ONE)).vr(4, d2(ONE, 0x3ca0_0000_0000_0000));
    let d = c.run(&vrr_e(0x8e, 1, 2, 3, 4, 0, 3));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x4014_0000_0000_0000, 0x3fef_ffff_ffff_ffff), 0));
    // wfmadb (M5 = 8): element 0 only
    let c = fpc(Case::new(), 0).vr(2, d2(TWO, ONE)).vr(3, d2(THREE, ONE)).vr(4, d2(ONE, 0x3ca0_0000_0000_0000));
    let d = c.run(&vrr_e(0x8f, 1, 2, 3, 4, 8, 3));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x401c_0000_0000_0000, 0), 0));
}

#[test]
fn compares() {
    // vfcedb %v1,%v2,%v3: (1 == 1, QNaN == 1) = (true, false); quiet: no flag; CC unchanged
    let d = op3(&vrr_c(0xe8, 1, 2, 3, 3, 0, 0), 0, d2(ONE, QNAN), d2(ONE, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc, d.cc()), (d2(ONES, 0), 0, 0));
    // vfcedbs (CS): mixed, CC 1
    let d = op3(&vrr_c(0xe8, 1, 2, 3, 3, 0, 1), 0, d2(ONE, QNAN), d2(ONE, ONE));
    assert_eq!((d.vr(1), d.cc()), (d2(ONES, 0), 1));
    // vfcedbs with an SNaN: invalid, flag I; CC 3 (no element equal)
    let d = op3(&vrr_c(0xe8, 1, 2, 3, 3, 0, 1), 0, d2(SNAN, TWO), d2(ONE, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc, d.cc()), (0, FLAG_I, 3));
    // vfchdbs: (2 > 1, QNaN > 1): a quiet compare (the signalling VFKH is z14's M5 bit 1):
    // no flag, CC 1; an SNaN is invalid (flag I)
    let d = op3(&vrr_c(0xeb, 1, 2, 3, 3, 0, 1), 0, d2(TWO, QNAN), d2(ONE, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc, d.cc()), (d2(ONES, 0), 0, 1));
    let d = op3(&vrr_c(0xeb, 1, 2, 3, 3, 0, 1), 0, d2(TWO, SNAN), d2(ONE, ONE));
    assert_eq!((d.vr(1), d.cpu.fpc, d.cc()), (d2(ONES, 0), FLAG_I, 1));
    // vfchedbs: (2 >= 1, 1 >= 1): all true, CC 0
    let d = op3(&vrr_c(0xea, 1, 2, 3, 3, 0, 1), 0, d2(TWO, ONE), d2(ONE, ONE));
    assert_eq!((d.vr(1), d.cc()), (d2(ONES, ONES), 0));
    // vfchdb with -0 > +0: false (zeros are equal)
    let d = op3(&vrr_c(0xeb, 1, 2, 3, 3, 0, 1), 0, d2(0, ONE), d2(NEG, TWO));
    assert_eq!((d.vr(1), d.cc()), (0, 3));
    // wfchedbs (S): element 0 only: 1 >= 2 false: CC 3, element 1 zero
    let d = op3(&vrr_c(0xea, 1, 2, 3, 3, 8, 1), 0, d2(ONE, ONE), d2(TWO, ONE));
    assert_eq!((d.vr(1), d.cc()), (0, 3));
    // vfchdbs with the I mask on and an SNaN in element 1: suppressed, CC unchanged (2)
    let d = fpc(Case::new(), MASK_I).cc(2).vr(2, d2(TWO, SNAN)).vr(3, d2(ONE, ONE)).run(&vrr_c(0xeb, 1, 2, 3, 3, 0, 1));
    vpe(&d);
    assert_eq!((d.cc(), d.cpu.fpc), (2, MASK_I | 0x1100));
}

#[test]
fn scalar_compares() {
    // wfcdb %v1,%v2: 1 vs 2: CC 1 (first operand low); element 1 ignored
    let d = fpc(Case::new(), 0).vr(1, d2(ONE, QNAN)).vr(2, d2(TWO, SNAN)).run(&vrr_a(0xcb, 1, 2, 3, 0, 0));
    d.next();
    assert_eq!((d.cc(), d.cpu.fpc, d.vr(1)), (1, 0, d2(ONE, QNAN)));
    // wfcdb 2 vs 1: CC 2; -0 vs +0: CC 0
    let d = fpc(Case::new(), 0).vr(1, d2(TWO, 0)).vr(2, d2(ONE, 0)).run(&vrr_a(0xcb, 1, 2, 3, 0, 0));
    assert_eq!(d.cc(), 2);
    let d = fpc(Case::new(), 0).vr(1, d2(NEG, 0)).vr(2, d2(0, 0)).run(&vrr_a(0xcb, 1, 2, 3, 0, 0));
    assert_eq!(d.cc(), 0);
    // wfcdb with a QNaN: CC 3, no flag; wfkdb: CC 3 and flag I
    let d = fpc(Case::new(), 0).vr(1, d2(QNAN, 0)).vr(2, d2(ONE, 0)).run(&vrr_a(0xcb, 1, 2, 3, 0, 0));
    assert_eq!((d.cc(), d.cpu.fpc), (3, 0));
    let d = fpc(Case::new(), 0).vr(1, d2(QNAN, 0)).vr(2, d2(ONE, 0)).run(&vrr_a(0xca, 1, 2, 3, 0, 0));
    assert_eq!((d.cc(), d.cpu.fpc), (3, FLAG_I));
    // wfkdb with the I mask on: VXC 0x01, CC unchanged
    let d = fpc(Case::new(), MASK_I).cc(1).vr(1, d2(QNAN, 0)).vr(2, d2(ONE, 0)).run(&vrr_a(0xca, 1, 2, 3, 0, 0));
    vpe(&d);
    assert_eq!((d.cc(), d.cpu.fpc), (1, MASK_I | 0x0100));
}

#[test]
fn conversions_with_fixed() {
    // vcdgb %v1,%v2,0,0: (-3, 2^53 + 1) -> (-3.0, 2^53): the tie rounds to even, inexact
    let d = fpc(Case::new(), 0).vr(2, d2(-3i64 as u64, (1 << 53) + 1)).run(&vrr_a(0xc3, 1, 2, 3, 0, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(THREE | NEG, 0x4340_0000_0000_0000), FLAG_X));
    // the same with XxC (M4 = 4): no inexact flag
    let d = fpc(Case::new(), 0).vr(2, d2(-3i64 as u64, (1 << 53) + 1)).run(&vrr_a(0xc3, 1, 2, 3, 4, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(THREE | NEG, 0x4340_0000_0000_0000), 0));
    // rounding mode M5 = 6 (toward +inf): 2^53 + 1 -> 2^53 + 2
    let d = fpc(Case::new(), 0).vr(2, d2(-3i64 as u64, (1 << 53) + 1)).run(&vrr_a(0xc3, 1, 2, 3, 0, 6));
    assert_eq!(d.vr(1), d2(THREE | NEG, 0x4340_0000_0000_0001));
    // X mask on, element 1 inexact: VXC 0x15; with XxC no exception
    let d = fpc(Case::new(), MASK_X).vr(2, d2(-3i64 as u64, (1 << 53) + 1)).run(&vrr_a(0xc3, 1, 2, 3, 0, 0));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_X | 0x1500);
    let d = fpc(Case::new(), MASK_X).vr(2, d2(-3i64 as u64, (1 << 53) + 1)).run(&vrr_a(0xc3, 1, 2, 3, 4, 0));
    d.next();
    // vcdlgb: (2^64 - 1, 1) -> (2^64 rounded to nearest, 1.0), inexact
    let d = fpc(Case::new(), 0).vr(2, d2(u64::MAX, 1)).run(&vrr_a(0xc1, 1, 2, 3, 0, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x43f0_0000_0000_0000, ONE), FLAG_X));
    // wcdgb (M4 = 8): element 0 only
    let d = fpc(Case::new(), 0).vr(2, d2(2, 1)).run(&vrr_a(0xc3, 1, 2, 3, 8, 0));
    assert_eq!(d.vr(1), d2(TWO, 0));
    // vcgdb M5 = 5 (toward zero): -2.5 -> -2 (inexact); 1e300 -> out of range: the
    // largest positive integer, invalid (and inexact, as for CGDBR)
    let d = fpc(Case::new(), 0).vr(2, d2(0xc004_0000_0000_0000, BIG)).run(&vrr_a(0xc2, 1, 2, 3, 0, 5));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(-2i64 as u64, i64::MAX as u64), FLAG_I | FLAG_X));
    // vcgdb of a NaN: the most negative integer
    let d = fpc(Case::new(), 0).vr(2, d2(QNAN, THREE)).run(&vrr_a(0xc2, 1, 2, 3, 4, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(1 << 63, 3), FLAG_I));
    // vclgdb M5 = 7 (toward -inf): 3.75 -> 3; NaN -> 0, invalid
    let d = fpc(Case::new(), 0).vr(2, d2(0x400e_0000_0000_0000, QNAN)).run(&vrr_a(0xc0, 1, 2, 3, 0, 7));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(3, 0), FLAG_I | FLAG_X));
    // vcgdb with the I mask on, NaN in element 0: VXC 0x01
    let d = fpc(Case::new(), MASK_I).vr(2, d2(QNAN, THREE)).run(&vrr_a(0xc2, 1, 2, 3, 0, 0));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_I | 0x0100);
}

#[test]
fn load_fp_integer() {
    let v = d2(0x4004_0000_0000_0000, ONE_HALF | NEG); // (2.5, -1.5)
    // vfidb M5 = 5 (toward zero): (2, -1), inexact
    let d = fpc(Case::new(), 0).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 0, 5));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(TWO, ONE | NEG), FLAG_X));
    // M5 = 1 (nearest, ties away): (3, -2)
    let d = fpc(Case::new(), 0).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 0, 1));
    assert_eq!(d.vr(1), d2(THREE, TWO | NEG));
    // M5 = 4 (nearest, ties to even): (2, -2)
    let d = fpc(Case::new(), 0).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 0, 4));
    assert_eq!(d.vr(1), d2(TWO, TWO | NEG));
    // M5 = 0: the FPC's mode (2: toward +inf): (3, -1)
    let d = fpc(Case::new(), 2).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 0, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(THREE, ONE | NEG), 2 | FLAG_X));
    // X mask on with XxC (M4 = 4): no exception, no flag
    let d = fpc(Case::new(), MASK_X).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 4, 5));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(TWO, ONE | NEG), MASK_X));
    // X mask on without XxC: VXC 0x05
    let d = fpc(Case::new(), MASK_X).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 0, 5));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_X | 0x0500);
    // rounding modifier 2 is invalid: specification exception
    let d = fpc(Case::new(), 0).vr(2, v).run(&vrr_a(0xc7, 1, 2, 3, 0, 2));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn lengthen_and_round() {
    // vldeb %v1,%v2: short elements 0 and 2 (1.0f, -2.0f) lengthened; words 1, 3 ignored
    let d = fpc(Case::new(), 0).vr(2, w4([0x3f80_0000, 0x1234, 0xc000_0000, 0x5678])).run(&vrr_a(0xc4, 1, 2, 2, 0, 0));
    d.next();
    assert_eq!(d.vr(1), d2(ONE, TWO | NEG));
    // vldeb of a short SNaN: quieted (the fraction kept at the left), flag I
    let d = fpc(Case::new(), 0).vr(2, w4([0x7f80_0001, 0, 0, 0])).run(&vrr_a(0xc4, 1, 2, 2, 0, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(0x7ff8_0000_2000_0000, 0), FLAG_I));
    // vldeb with M3 = 3 (only the short format is defined): specification exception
    let d = fpc(Case::new(), 0).run(&vrr_a(0xc4, 1, 2, 3, 0, 0));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // vledb %v1,%v2,0,0: (1.0, 1 + 2^-52) -> words 0, 2 = (1.0f, 1.0f), inexact
    let d = fpc(Case::new(), 0).vr(2, d2(ONE, 0x3ff0_0000_0000_0001)).run(&vrr_a(0xc5, 1, 2, 3, 0, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (w4([0x3f80_0000, 0, 0x3f80_0000, 0]), FLAG_X));
    // M5 = 6 (toward +inf): 1 + 2^-52 -> 1 + 2^-23
    let d = fpc(Case::new(), 0).vr(2, d2(ONE, 0x3ff0_0000_0000_0001)).run(&vrr_a(0xc5, 1, 2, 3, 0, 6));
    assert_eq!(d.vr(1), w4([0x3f80_0000, 0, 0x3f80_0001, 0]));
    // 1e300 overflows the short format: +inf, flags O and X
    let d = fpc(Case::new(), 0).vr(2, d2(BIG, ONE)).run(&vrr_a(0xc5, 1, 2, 3, 0, 0));
    assert_eq!((d.vr(1), d.cpu.fpc), (w4([0x7f80_0000, 0, 0x3f80_0000, 0]), FLAG_O | FLAG_X));
    // wledb (M4 = 8) with the O mask on: VXC 0x03
    let d = fpc(Case::new(), MASK_O).vr(2, d2(BIG, ONE)).run(&vrr_a(0xc5, 1, 2, 3, 8, 0));
    vpe(&d);
    assert_eq!(d.cpu.fpc, MASK_O | 0x0300);
}

#[test]
fn sign_operations_and_data_class() {
    let v = d2(SNAN, TWO | NEG);
    // vflcdb (M5 = 0): signs inverted; an SNaN raises nothing
    let d = fpc(Case::new(), MASK_I).vr(2, v).run(&vrr_a(0xcc, 1, 2, 3, 0, 0));
    d.next();
    assert_eq!((d.vr(1), d.cpu.fpc), (d2(SNAN | NEG, TWO), MASK_I));
    // vflndb (M5 = 1): both negative; vflpdb (M5 = 2): both positive
    let d = fpc(Case::new(), 0).vr(2, v).run(&vrr_a(0xcc, 1, 2, 3, 0, 1));
    assert_eq!(d.vr(1), d2(SNAN | NEG, TWO | NEG));
    let d = fpc(Case::new(), 0).vr(2, v).run(&vrr_a(0xcc, 1, 2, 3, 0, 2));
    assert_eq!(d.vr(1), d2(SNAN, TWO));
    // wflpdb (M4 = 8): element 0 only, element 1 of V1 kept
    let d = fpc(Case::new(), 0).vr(1, d2(7, 9)).vr(2, d2(ONE | NEG, 5)).run(&vrr_a(0xcc, 1, 2, 3, 8, 2));
    assert_eq!(d.vr(1), d2(ONE, 9));
    // M5 = 3 is reserved: specification exception
    let d = fpc(Case::new(), 0).run(&vrr_a(0xcc, 1, 2, 3, 0, 3));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // vftcidb %v1,%v2,0x200 (+normal): (1.0 yes, -inf no): CC 1
    let c = || fpc(Case::new(), 0).vr(2, d2(ONE, INF | NEG));
    let d = c().run(&vri_e(0x4a, 1, 2, 0x200, 3, 0));
    d.next();
    assert_eq!((d.vr(1), d.cc()), (d2(ONES, 0), 1));
    // 0x210 (+normal, -inf): CC 0; 0x001 (-SNaN): CC 3
    let d = c().run(&vri_e(0x4a, 1, 2, 0x210, 3, 0));
    assert_eq!((d.vr(1), d.cc()), (d2(ONES, ONES), 0));
    let d = c().run(&vri_e(0x4a, 1, 2, 0x001, 3, 0));
    assert_eq!((d.vr(1), d.cc()), (0, 3));
    // signed zeros, subnormals, NaNs: -0 (0x400), +subnormal (0x080), +SNaN (0x002)
    let d = fpc(Case::new(), 0).vr(2, d2(NEG, 1)).run(&vri_e(0x4a, 1, 2, 0x400, 3, 0));
    assert_eq!(d.cc(), 1);
    let d = fpc(Case::new(), 0).vr(2, d2(SNAN, 1)).run(&vri_e(0x4a, 1, 2, 0x082, 3, 0));
    assert_eq!((d.cc(), d.cpu.fpc), (0, 0));
    // wftcidb (M5 = 8): element 0 only: +QNaN (0x008) of a QNaN: CC 0; element 1 of V1
    // (unpredictable) kept
    let d = fpc(Case::new(), 0).vr(1, d2(7, 9)).vr(2, d2(QNAN, ONE)).run(&vri_e(0x4a, 1, 2, 0x008, 3, 8));
    assert_eq!((d.vr(1), d.cc()), (d2(ONES, 9), 0));
}

#[test]
fn field_checks() {
    let spec = |insn: [u8; 6]| {
        let d = fpc(Case::new(), 0).vr(1, 5).run(&insn);
        assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC), "{insn:02x?}");
        assert_eq!(d.vr(1), 5);
    };
    spec(vrr_c(0xe3, 1, 2, 3, 2, 0, 0)); // vfa short format (not on z13)
    spec(vrr_c(0xe3, 1, 2, 3, 3, 1, 0)); // M5 reserved bit
    spec(vrr_a(0xce, 1, 2, 4, 0, 0)); // vfsq extended
    spec(vrr_e(0x8f, 1, 2, 3, 4, 0, 2)); // vfma short
    spec(vrr_c(0xe8, 1, 2, 3, 3, 4, 0)); // vfce M5 bit 1
    spec(vrr_c(0xe8, 1, 2, 3, 3, 0, 2)); // vfce M6 bit 2
    spec(vrr_a(0xcb, 1, 2, 3, 8, 0)); // wfc M4 nonzero
    spec(vrr_a(0xc2, 1, 2, 3, 1, 0)); // vcgd M4 reserved bit
    spec(vrr_a(0xc2, 1, 2, 3, 0, 8)); // vcgd rounding 8
    spec(vrr_a(0xc5, 1, 2, 2, 0, 0)); // vled of short
    spec(vri_e(0x4a, 1, 2, 0, 3, 2)); // vftci M5 reserved bit
}
