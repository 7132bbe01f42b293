//! DIVIDE TO INTEGER (DIEBR, DIDBR; PoP ch. 19): quotient rounded to an integer by M4 into
//! R3, remainder R1 − n × R2 into R1; results worked out by hand from the book. FPC values
//! as in `bfp.rs` (masks << 24, flags << 16, DXC << 8).

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, End, PC};

const NEG: u64 = 1 << 63;
const ONE: u64 = 0x3ff0_0000_0000_0000;
const TWO: u64 = 0x4000_0000_0000_0000;
const THREE: u64 = 0x4008_0000_0000_0000;
const FOUR: u64 = 0x4010_0000_0000_0000;
const SEVEN: u64 = 0x401c_0000_0000_0000;
const INF: u64 = 0x7ff0_0000_0000_0000;
const QNAN: u64 = 0x7ff8_0000_0000_0000;

/// `didbr %f1,%f3,%f2,m4`: b3 5b 3m 12 (RRF-b: R3 and M4 in byte 2).
fn didbr(m4: u8) -> [u8; 4] {
    [0xb3, 0x5b, 0x30 | m4, 0x12]
}
/// Runs DIDBR with dividend `a` (FPR 1), divisor `b` (FPR 2); returns (FPR 1, FPR 3, CC,
/// FPC).
fn run(m4: u8, a: u64, b: u64, fpc: u32) -> (u64, u64, u8, u32) {
    let d = Case::new().fpr(1, a).fpr(2, b).fpr(3, 0x5555).cc(3).with(|c| c.fpc = fpc).run(&didbr(m4));
    d.next();
    (d.cpu.fpr(1), d.cpu.fpr(3), d.cc(), d.cpu.fpc)
}

#[test]
fn quotient_rounding_by_m4() {
    // 7 / 2 = 3.5: M4 0 (FPC: nearest even) -> 4, remainder 7 - 8 = -1
    assert_eq!(run(0, SEVEN, TWO, 0), (ONE | NEG, FOUR, 0, 0));
    // M4 5 (toward zero) -> 3, remainder 1
    assert_eq!(run(5, SEVEN, TWO, 0), (ONE, THREE, 0, 0));
    // M4 1 (nearest, ties away) -> 4; M4 4 (nearest even) -> 4
    assert_eq!(run(1, SEVEN, TWO, 0), (ONE | NEG, FOUR, 0, 0));
    assert_eq!(run(4, SEVEN, TWO, 0), (ONE | NEG, FOUR, 0, 0));
    // 5 / 2 = 2.5, nearest even -> 2, remainder 1; ties away -> 3, remainder -1
    let five = 0x4014_0000_0000_0000;
    assert_eq!(run(4, five, TWO, 0), (ONE, TWO, 0, 0));
    assert_eq!(run(1, five, TWO, 0), (ONE | NEG, THREE, 0, 0));
    // -7 / 2 = -3.5, M4 7 (toward -inf) -> -4, remainder -7 + 8 = 1; M4 6 (+inf) -> -3, -1
    assert_eq!(run(7, SEVEN | NEG, TWO, 0), (ONE, FOUR | NEG, 0, 0));
    assert_eq!(run(6, SEVEN | NEG, TWO, 0), (ONE | NEG, THREE | NEG, 0, 0));
    // M4 0 takes the FPC's mode (1: toward zero): 7 / 2 -> 3, remainder 1
    assert_eq!(run(0, SEVEN, TWO, 1), (ONE, THREE, 0, 1));
}

#[test]
fn exact_small_and_zero_results() {
    // 6 / 2: quotient 3, remainder +0; -6 / 2: quotient -3, remainder -0 (dividend's sign)
    let six = 0x4018_0000_0000_0000;
    assert_eq!(run(0, six, TWO, 0), (0, THREE, 0, 0));
    assert_eq!(run(0, six | NEG, TWO, 0), (NEG, THREE | NEG, 0, 0));
    // 1 / 3 toward zero: quotient +0, remainder 1; -1 / 3: quotient -0, remainder -1
    assert_eq!(run(5, ONE, THREE, 0), (ONE, 0, 0, 0));
    assert_eq!(run(5, ONE | NEG, THREE, 0), (ONE | NEG, NEG, 0, 0));
    // 2^60 / 2: an exact quotient 2^59 beyond 2^53 is complete: remainder +0, CC 0
    assert_eq!(run(0, 0x43b0_0000_0000_0000, TWO, 0), (0, 0x43a0_0000_0000_0000, 0, 0));
    // 2^-60 / 1 toward +inf: quotient 1, remainder 2^-60 - 1 rounded (FPC: nearest) to -1,
    // inexact
    assert_eq!(run(6, 0x3c30_0000_0000_0000, ONE, 0), (ONE | NEG, ONE, 0, 0x0008_0000));
    // 0 / 5: remainder 0, quotient +0; -3 / inf: remainder -3, quotient -0
    assert_eq!(run(0, 0, 0x4014_0000_0000_0000, 0), (0, 0, 0, 0));
    assert_eq!(run(0, THREE | NEG, INF, 0), (THREE | NEG, NEG, 0, 0));
}

#[test]
fn nans_and_invalid_operations() {
    // a QNaN dividend: both results the QNaN, CC 1, no flag
    assert_eq!(run(0, QNAN | 5, ONE, 0), (QNAN | 5, QNAN | 5, 1, 0));
    // an SNaN divisor: both results it quieted, CC 1, flag I
    assert_eq!(run(0, ONE, INF | 1, 0), (QNAN | 1, QNAN | 1, 1, 0x0080_0000));
    // inf / 2 and 2 / 0: the default NaN, CC 1, flag I
    assert_eq!(run(0, INF, TWO, 0), (QNAN, QNAN, 1, 0x0080_0000));
    assert_eq!(run(0, TWO, NEG, 0), (QNAN, QNAN, 1, 0x0080_0000));
    // with the invalid mask on: data exception DXC 0x80, registers and CC unchanged
    let d = Case::new().fpr(1, INF).fpr(2, TWO).fpr(3, 0x5555).cc(3).with(|c| c.fpc = 0x8000_0000).run(&didbr(0));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpr(3), d.cc(), d.cpu.fpc), (INF, 0x5555, 3, 0x8000_8000));
}

#[test]
fn field_checks_and_short_format() {
    // didbr %f1,%f1,%f2 (R1 = R3) and an invalid modifier 2: specification exceptions
    let d = Case::new().run(&[0xb3, 0x5b, 0x10, 0x12]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    let d = Case::new().run(&didbr(2));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // a non-exact quotient above 2^53 (2^60 / 3) needs the partial results, not written:
    // UNIMPLEMENTED
    let d = Case::new().fpr(1, 0x43b0_0000_0000_0000).fpr(2, THREE).run(&didbr(0));
    assert_eq!(d.end, End::Exc(exc::UNIMPLEMENTED, PC));
    // diebr %f1,%f3,%f2,5: 7.0f / 2.0f toward zero: remainder 1.0f, quotient 3.0f in bits
    // 0:31, bits 32:63 unchanged
    let d = Case::new().fpr(1, 0x40e0_0000_1111_1111).fpr(2, 0x4000_0000_2222_2222).fpr(3, 0x3333_3333).run(&[0xb3, 0x53, 0x35, 0x12]);
    d.next();
    assert_eq!((d.cpu.fpr(1), d.cpu.fpr(3), d.cc()), (0x3f80_0000_1111_1111, 0x4040_0000_3333_3333, 0));
}
