//! Binary floating point (PoP ch. 9, 19): one instruction per case, raw bytes with their
//! assembly, operands as IEEE bit patterns and expected results, FPC and CC worked out by
//! hand from the book. FPC values: masks I Z O U X = 0x80/0x40/0x20/0x10/0x08 << 24, flags the
//! same << 16, DXC << 8, rounding mode in the low 3 bits (0 nearest, 1 zero, 2 +inf, 3 -inf).

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, End, DATA, PC};

const ONE: u64 = 0x3ff0_0000_0000_0000;
const TWO: u64 = 0x4000_0000_0000_0000;
const HALF_ULP: u64 = 0x3ca0_0000_0000_0000; // 2^-53
const SNAN: u64 = 0x7ff0_0000_0000_0001;
const QNAN: u64 = 0x7ff8_0000_0000_0000;

fn rre(op: u16, r1: u8, r2: u8) -> [u8; 4] {
    [(op >> 8) as u8, op as u8, 0, r1 << 4 | r2]
}
fn rrf(op: u16, m3: u8, m4: u8, r1: u8, r2: u8) -> [u8; 4] {
    [(op >> 8) as u8, op as u8, m3 << 4 | m4, r1 << 4 | r2]
}
fn fpc(c: Case, v: u32) -> Case {
    c.with(|c| c.fpc = v)
}

#[test]
fn loads_stores_and_moves_keep_the_other_half() {
    // le %f1,0(%r2): 78 10 20 00 — bits 0:31 only
    let d = Case::new().gpr(2, DATA).fpr(1, 0x1111_1111_2222_2222).mem(DATA, &[0x3f, 0x80, 0, 0]).run(&[0x78, 0x10, 0x20, 0x00]);
    assert_eq!(d.cpu.fpr(1), 0x3f80_0000_2222_2222);
    // std %f1,8(%r2): 60 10 20 08
    let d = Case::new().gpr(2, DATA).fpr(1, 0x0102_0304_0506_0708).run(&[0x60, 0x10, 0x20, 0x08]);
    assert_eq!(d.bytes(DATA + 8, 8), vec![1, 2, 3, 4, 5, 6, 7, 8]);
    // ler %f1,%f2: 38 12
    let d = Case::new().fpr(1, 0xaaaa_aaaa_bbbb_bbbb).fpr(2, 0x1234_5678_9abc_def0).run(&[0x38, 0x12]);
    assert_eq!(d.cpu.fpr(1), 0x1234_5678_bbbb_bbbb);
    // lzer %f1: b3 74 00 10
    let d = Case::new().fpr(1, 0xaaaa_aaaa_bbbb_bbbb).run(&rre(0xb374, 1, 0));
    assert_eq!(d.cpu.fpr(1), 0x0000_0000_bbbb_bbbb);
    // lgdr %r1,%f2 / ldgr %f1,%r2
    let d = Case::new().fpr(2, 0x1234).run(&rre(0xb3cd, 1, 2));
    assert_eq!(d.gpr(1), 0x1234);
    let d = Case::new().gpr(2, 0x5678).run(&rre(0xb3c1, 1, 2));
    assert_eq!(d.cpu.fpr(1), 0x5678);
}

#[test]
fn sign_operations_never_signal() {
    // lcdfr %f1,%f2 of an SNaN: sign inverted, no flag, CC unchanged
    let d = Case::new().fpr(2, SNAN).cc(2).run(&rre(0xb373, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc, d.cc()), (SNAN | 1 << 63, 0, 2));
    // cpsdr %f1,%f3,%f2: sign of f3 (negative), magnitude of f2
    let d = Case::new().fpr(3, 0x8000_0000_0000_0000).fpr(2, TWO).run(&[0xb3, 0x72, 0x30, 0x12]);
    assert_eq!(d.cpu.fpr(1), TWO | 1 << 63);
    // lcdbr %f1,%f2 of an SNaN: no exception, CC 3
    let d = Case::new().fpr(2, SNAN).run(&rre(0xb313, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc, d.cc()), (SNAN | 1 << 63, 0, 3));
    // lpdbr of -2: +2, CC 2; lndbr of 2: -2, CC 1
    let d = Case::new().fpr(2, TWO | 1 << 63).run(&rre(0xb310, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (TWO, 2));
    let d = Case::new().fpr(2, TWO).run(&rre(0xb311, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (TWO | 1 << 63, 1));
}

#[test]
fn add_short_sets_cc_and_keeps_the_low_half() {
    // aebr %f1,%f2: 1.0f + 2.0f = 3.0f (0x40400000), CC 2
    let d = Case::new().fpr(1, 0x3f80_0000_dead_beef).fpr(2, 0x4000_0000_0000_0000).run(&rre(0xb30a, 1, 2));
    d.next();
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (0x4040_0000_dead_beef, 2, 0));
    // aeb %f1,0(%r2) from storage: 1.0f + (-3.0f) = -2.0f, CC 1
    let d = Case::new().gpr(2, DATA).fpr(1, 0x3f80_0000 << 32).mem(DATA, &[0xc0, 0x40, 0, 0]).run(&[0xed, 0x10, 0x20, 0x00, 0x00, 0x0a]);
    assert_eq!((d.cpu.fpr(1) >> 32, d.cc()), (0xc000_0000, 1));
}

#[test]
fn exact_zero_difference_sign_depends_on_rounding_mode() {
    // sdbr %f1,%f2: 1 - 1 = +0 (CC 0); in round toward -inf, -0
    let d = Case::new().fpr(1, ONE).fpr(2, ONE).run(&rre(0xb31b, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (0, 0));
    let d = fpc(Case::new(), 3).fpr(1, ONE).fpr(2, ONE).run(&rre(0xb31b, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (1 << 63, 0));
}

#[test]
fn halfway_case_in_every_fpc_rounding_mode() {
    // adbr %f1,%f2: 1 + 2^-53 lies halfway between 1 and 1 + 2^-52; inexact flag 0x00080000.
    for (mode, want) in [(0, ONE), (1, ONE), (2, ONE + 1), (3, ONE)] {
        let d = fpc(Case::new(), mode).fpr(1, ONE).fpr(2, HALF_ULP).run(&rre(0xb31a, 1, 2));
        assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (want, 0x0008_0000 | mode), "mode {mode}");
    }
    // -1 + -2^-53 toward -inf rounds away from zero.
    let d = fpc(Case::new(), 3).fpr(1, ONE | 1 << 63).fpr(2, HALF_ULP | 1 << 63).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.cpu.fpr(1), (ONE + 1) | 1 << 63);
    // 1 + 3×2^-53 (= 1 + 1.5 ulp) ties to even: 1 + 2 ulp.
    let d = Case::new().fpr(1, ONE).fpr(2, 0x3cb8_0000_0000_0000).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.cpu.fpr(1), ONE + 2);
}

#[test]
fn load_fp_integer_m3_modes() {
    // fidbr %f1,M3,%f2,0 of 2.5: ties away (1) 3.0, ties even (4) 2.0, zero (5) 2.0,
    // +inf (6) 3.0, -inf (7) 2.0; inexact flag set; with M4 = 4 (XxC) no flag.
    let x = 0x4004_0000_0000_0000; // 2.5
    for (m3, want) in [(1u8, 0x4008_0000_0000_0000u64), (4, TWO), (5, TWO), (6, 0x4008_0000_0000_0000), (7, TWO)] {
        let d = Case::new().fpr(2, x).run(&rrf(0xb35f, m3, 0, 1, 2));
        assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (want, 0x0008_0000), "m3 {m3}");
    }
    let d = Case::new().fpr(2, x).run(&rrf(0xb35f, 4, 4, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (TWO, 0));
    // M3 = 2 is a specification exception.
    let d = Case::new().fpr(2, x).run(&rrf(0xb35f, 2, 0, 1, 2));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn inexact_trap_completes_with_dxc() {
    // Inexact mask on: result delivered, DXC 0x08 (truncated) or 0x0c (incremented).
    let d = fpc(Case::new(), 0x0800_0000).fpr(1, ONE).fpr(2, HALF_ULP).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc, d.cc()), (ONE, 0x0800_0800, 2));
    let d = fpc(Case::new(), 0x0800_0002).fpr(1, ONE).fpr(2, HALF_ULP).run(&rre(0xb31a, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (ONE + 1, 0x0800_0c02));
}

#[test]
fn invalid_operation_masked_and_trapping() {
    // adbr with an SNaN: masked → the SNaN quieted, invalid flag, CC 3
    let d = Case::new().fpr(1, ONE).fpr(2, SNAN).run(&rre(0xb31a, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc, d.cc()), (SNAN | 1 << 51, 0x0080_0000, 3));
    // unmasked → suppressed: FPR and CC unchanged, DXC 0x80
    let d = fpc(Case::new(), 0x8000_0000).cc(1).fpr(1, ONE).fpr(2, SNAN).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc, d.cc()), (ONE, 0x8000_8000, 1));
    // SNaN in the first operand wins over a QNaN in the second.
    let d = Case::new().fpr(1, SNAN).fpr(2, QNAN | 5).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.cpu.fpr(1), SNAN | 1 << 51);
    // An SNaN in the second operand wins over a QNaN in the first.
    let d = Case::new().fpr(1, QNAN | 5).fpr(2, SNAN).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.cpu.fpr(1), SNAN | 1 << 51);
    // ∞ - ∞: default NaN
    let inf = 0x7ff0_0000_0000_0000;
    let d = Case::new().fpr(1, inf).fpr(2, inf).run(&rre(0xb31b, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (QNAN, 0x0080_0000));
    // sqdbr of -1: default NaN, invalid
    let d = Case::new().fpr(2, ONE | 1 << 63).run(&rre(0xb315, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (QNAN, 0x0080_0000));
}

#[test]
fn divide_by_zero() {
    // ddbr %f1,%f2: 1/0 = +inf, flag Z; with the mask, suppressed with DXC 0x40
    let d = Case::new().fpr(1, ONE).fpr(2, 0).run(&rre(0xb31d, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x7ff0_0000_0000_0000, 0x0040_0000));
    let d = fpc(Case::new(), 0x4000_0000).fpr(1, ONE).fpr(2, 0).run(&rre(0xb31d, 1, 2));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (ONE, 0x4000_4000));
}

#[test]
fn overflow_masked_and_scaled_trap() {
    let big = 0x7fe0_0000_0000_0000; // 2^1023
    // mdbr %f1,%f2: 2^1023 × 2 overflows: +inf, flags O and X
    let d = Case::new().fpr(1, big).fpr(2, TWO).run(&rre(0xb31c, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x7ff0_0000_0000_0000, 0x0028_0000));
    // toward zero: the largest finite number
    let d = fpc(Case::new(), 1).fpr(1, big).fpr(2, TWO).run(&rre(0xb31c, 1, 2));
    assert_eq!(d.cpu.fpr(1), 0x7fef_ffff_ffff_ffff);
    // Overflow mask on: 2^1024 × 2^-1536 = 2^-512 (biased exponent 511), exact: DXC 0x20.
    let d = fpc(Case::new(), 0x2000_0000).fpr(1, big).fpr(2, TWO).run(&rre(0xb31c, 1, 2));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x1ff0_0000_0000_0000, 0x2000_2000));
}

#[test]
fn underflow_tiny_exact_inexact_and_trapped() {
    let min_normal = 0x0010_0000_0000_0000; // 2^-1022
    let half = 0x3fe0_0000_0000_0000;
    // Tiny but exact: no underflow with the mask off.
    let d = Case::new().fpr(1, min_normal).fpr(2, half).run(&rre(0xb31c, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x0008_0000_0000_0000, 0));
    // Mask on: tiny is enough; 2^-1023 × 2^1536 = 2^513 (biased 1536 = 0x600), DXC 0x10.
    let d = fpc(Case::new(), 0x1000_0000).fpr(1, min_normal).fpr(2, half).run(&rre(0xb31c, 1, 2));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x6000_0000_0000_0000, 0x1000_1000));
    // 2^-1074 × 0.5 = 2^-1075, halfway between 0 and 2^-1074: ties to even gives +0,
    // underflow and inexact flags.
    let d = Case::new().fpr(1, 1).fpr(2, half).run(&rre(0xb31c, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0, 0x0018_0000));
}

#[test]
fn compares_quiet_and_signalling() {
    // cdbr %f1,%f2: 1 < 2 → CC 1; equal ±0 → CC 0; QNaN → CC 3 without a flag
    let d = Case::new().fpr(1, ONE).fpr(2, TWO).run(&rre(0xb319, 1, 2));
    assert_eq!(d.cc(), 1);
    let d = Case::new().fpr(1, 1 << 63).fpr(2, 0).run(&rre(0xb319, 1, 2));
    assert_eq!(d.cc(), 0);
    let d = Case::new().fpr(1, QNAN).fpr(2, ONE).run(&rre(0xb319, 1, 2));
    assert_eq!((d.cc(), d.cpu.fpc), (3, 0));
    // cdbr with an SNaN: invalid flag
    let d = Case::new().fpr(1, SNAN).fpr(2, ONE).run(&rre(0xb319, 1, 2));
    assert_eq!((d.cc(), d.cpu.fpc), (3, 0x0080_0000));
    // kdbr %f1,%f2 with a QNaN: invalid flag; with the mask, suppressed (CC unchanged)
    let d = Case::new().fpr(1, QNAN).fpr(2, ONE).run(&rre(0xb318, 1, 2));
    assert_eq!((d.cc(), d.cpu.fpc), (3, 0x0080_0000));
    let d = fpc(Case::new(), 0x8000_0000).cc(0).fpr(1, QNAN).fpr(2, ONE).run(&rre(0xb318, 1, 2));
    assert_eq!((d.end, d.cc(), d.cpu.fpc), (End::Exc(exc::DATA, PC), 0, 0x8000_8000));
    // ceb %f1,0(%r2): 2.0f > 1.0f → CC 2
    let d = Case::new().gpr(2, DATA).fpr(1, 0x4000_0000 << 32).mem(DATA, &[0x3f, 0x80, 0, 0]).run(&[0xed, 0x10, 0x20, 0x00, 0x00, 0x09]);
    assert_eq!(d.cc(), 2);
}

#[test]
fn load_and_test_quiets_snan() {
    // ltdbr %f1,%f2: SNaN → QNaN, CC 3, invalid flag; -2 → CC 1
    let d = Case::new().fpr(2, SNAN).run(&rre(0xb312, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (SNAN | 1 << 51, 3, 0x0080_0000));
    let d = Case::new().fpr(2, TWO | 1 << 63).run(&rre(0xb312, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (TWO | 1 << 63, 1));
}

#[test]
fn convert_to_fixed_results_and_cc() {
    let x = 0x4004_0000_0000_0000; // 2.5
    // cfdbr %r1,5,%f2: toward zero → 2, CC 2, inexact; bits 0:31 of r1 kept
    let d = Case::new().gpr(1, 0xffff_ffff_0000_0000).fpr(2, x).run(&rrf(0xb399, 5, 0, 1, 2));
    assert_eq!((d.gpr(1), d.cc(), d.cpu.fpc), (0xffff_ffff_0000_0002, 2, 0x0008_0000));
    // cgdbr %r1,1,%f2 of -2.5: ties away → -3, CC 1
    let d = Case::new().fpr(2, x | 1 << 63).run(&rrf(0xb3a9, 1, 0, 1, 2));
    assert_eq!((d.gpr(1), d.cc()), (-3i64 as u64, 1));
    // NaN → most negative, CC 3, invalid and inexact flags
    let d = Case::new().fpr(2, QNAN).run(&rrf(0xb399, 0, 0, 1, 2));
    assert_eq!((d.gpr(1), d.cc(), d.cpu.fpc), (0x8000_0000, 3, 0x0088_0000));
    // 2^40 → 0x7fffffff, CC 3
    let d = Case::new().fpr(2, 0x4270_0000_0000_0000).run(&rrf(0xb399, 0, 0, 1, 2));
    assert_eq!((d.gpr(1), d.cc()), (0x7fff_ffff, 3));
    // clfdbr %r1,0,%f2,0 of -1.0 → 0, CC 3; clgdbr of 2.0 → 2, CC 2
    let d = Case::new().gpr(1, 7).fpr(2, ONE | 1 << 63).run(&rrf(0xb39d, 0, 0, 1, 2));
    assert_eq!((d.gpr(1), d.cc()), (0, 3));
    let d = Case::new().fpr(2, TWO).run(&rrf(0xb3ad, 0, 0, 1, 2));
    assert_eq!((d.gpr(1), d.cc()), (2, 2));
    // Invalid with the mask on: suppressed, r1 and CC unchanged
    let d = fpc(Case::new(), 0x8000_0000).gpr(1, 9).cc(0).fpr(2, QNAN).run(&rrf(0xb399, 0, 0, 1, 2));
    assert_eq!((d.end, d.gpr(1), d.cc(), d.cpu.fpc), (End::Exc(exc::DATA, PC), 9, 0, 0x8000_8000));
}

#[test]
fn convert_from_fixed() {
    // cdfbr %f1,%r2 of -5: 0xc014000000000000
    let d = Case::new().gpr(2, 0xffff_ffff_ffff_fffb).run(&rrf(0xb395, 0, 0, 1, 2));
    assert_eq!(d.cpu.fpr(1), 0xc014_0000_0000_0000);
    // cegbr %f1,%r2 of 2^24 + 1: ties to even gives 2^24 (0x4b800000), inexact
    let d = Case::new().gpr(2, (1 << 24) + 1).run(&rrf(0xb3a4, 0, 0, 1, 2));
    assert_eq!((d.cpu.fpr(1) >> 32, d.cpu.fpc), (0x4b80_0000, 0x0008_0000));
    // celgbr with M3 = 6 (toward +inf): 2^24 + 2 (0x4b800001)
    let d = Case::new().gpr(2, (1 << 24) + 1).run(&rrf(0xb3a0, 6, 0, 1, 2));
    assert_eq!(d.cpu.fpr(1) >> 32, 0x4b80_0001);
    // cdlgbr of 2^64 - 1 rounds to 2^64 (0x43f0000000000000)
    let d = Case::new().gpr(2, u64::MAX).run(&rrf(0xb3a1, 0, 0, 1, 2));
    assert_eq!(d.cpu.fpr(1), 0x43f0_0000_0000_0000);
}

#[test]
fn lengthen_and_round() {
    // ldebr %f1,%f2: 1.5f → 1.5
    let d = Case::new().fpr(2, 0x3fc0_0000 << 32).run(&rre(0xb304, 1, 2));
    assert_eq!(d.cpu.fpr(1), 0x3ff8_0000_0000_0000);
    // ledbr %f1,%f2 of 1 + 2^-52: 1.0f, inexact; ledbra with M3 = 6: 0x3f800001
    let d = Case::new().fpr(1, 0x1234_5678).fpr(2, ONE + 1).run(&rrf(0xb344, 0, 0, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x3f80_0000_1234_5678, 0x0008_0000));
    let d = Case::new().fpr(2, ONE + 1).run(&rrf(0xb344, 6, 0, 1, 2));
    assert_eq!(d.cpu.fpr(1) >> 32, 0x3f80_0001);
    // XxC (M4 = 4) suppresses the inexact trap.
    let d = fpc(Case::new(), 0x0800_0000).fpr(2, ONE + 1).run(&rrf(0xb344, 0, 4, 1, 2));
    assert_eq!((d.end, d.cpu.fpc), (End::At(PC + 4), 0x0800_0000));
    // ledbr of an SNaN: invalid, the fraction's left part kept and quieted
    let d = Case::new().fpr(2, 0x7ff4_0000_0000_0000).run(&rrf(0xb344, 0, 0, 1, 2));
    assert_eq!((d.cpu.fpr(1) >> 32, d.cpu.fpc), (0x7fe0_0000, 0x0080_0000));
}

#[test]
fn extended_arithmetic_and_register_pairs() {
    // axbr %f0,%f1: (f0,f2) = 1.0, (f1,f3) = 2.0 → 3.0 = 0x4000_8000...
    let d = Case::new().fpr(0, 0x3fff_0000_0000_0000).fpr(2, 0).fpr(1, 0x4000_0000_0000_0000).fpr(3, 0).run(&rre(0xb34a, 0, 1));
    assert_eq!((d.cpu.fpr(0), d.cpu.fpr(2), d.cc()), (0x4000_8000_0000_0000, 0, 2));
    // axbr %f2,%f1: f2 is not a valid pair → specification exception
    let d = Case::new().run(&rre(0xb34a, 2, 1));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // mxdbr %f0,%f1: long 3.0 × long 3.0 = extended 9.0 = 0x4002_2000...
    let d = Case::new().fpr(0, 0x4008_0000_0000_0000).fpr(1, 0x4008_0000_0000_0000).run(&rre(0xb307, 0, 1));
    assert_eq!((d.cpu.fpr(0), d.cpu.fpr(2)), (0x4002_2000_0000_0000, 0));
    // lxdbr %f4,%f1: 1 + 2^-52 widened exactly; the 2^-52 bit is fraction bit 52, the 4th
    // bit of the low doubleword (f6), as 48 fraction bits fit in f4.
    let d = Case::new().fpr(1, ONE + 1).run(&rre(0xb305, 4, 1));
    assert_eq!((d.cpu.fpr(4), d.cpu.fpr(6)), (0x3fff_0000_0000_0000, 0x1000_0000_0000_0000));
    // ldxbr %f1,%f4 back (valid pairs needed for both): 1 + 2^-52 again, exact
    let d = Case::new().fpr(4, 0x3fff_0000_0000_0000).fpr(6, 0x1000_0000_0000_0000).run(&rrf(0xb345, 0, 0, 1, 4));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (ONE + 1, 0));
    // dxbr %f0,%f1: 1/3 = 0x3ffd_5555...5555 (round to nearest, inexact)
    let d = Case::new().fpr(0, 0x3fff_0000_0000_0000).fpr(1, 0x4000_8000_0000_0000).run(&rre(0xb34d, 0, 1));
    assert_eq!((d.cpu.fpr(0), d.cpu.fpr(2), d.cpu.fpc), (0x3ffd_5555_5555_5555, 0x5555_5555_5555_5555, 0x0008_0000));
}

#[test]
fn fused_multiply_add_and_subtract() {
    // madbr %f1,%f3,%f2: f1 = f3 × f2 + f1 = 2 × 3 + 1 = 7
    let three = 0x4008_0000_0000_0000;
    let d = Case::new().fpr(1, ONE).fpr(3, TWO).fpr(2, three).run(&[0xb3, 0x1e, 0x10, 0x32]);
    assert_eq!(d.cpu.fpr(1), 0x401c_0000_0000_0000);
    // msdbr: 2 × 3 - 1 = 5
    let d = Case::new().fpr(1, ONE).fpr(3, TWO).fpr(2, three).run(&[0xb3, 0x1f, 0x10, 0x32]);
    assert_eq!(d.cpu.fpr(1), 0x4014_0000_0000_0000);
    // Single rounding: (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly (biased exponent
    // 1023 - 104 = 0x397); rounding the product first would give 0.
    let d = Case::new().fpr(1, ONE).fpr(3, ONE + 1).fpr(2, 0x3fef_ffff_ffff_fffe).run(&[0xb3, 0x1f, 0x10, 0x32]);
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0xb970_0000_0000_0000, 0));
    // ∞ × 0 + QNaN: invalid, default NaN
    let d = Case::new().fpr(1, QNAN | 7).fpr(3, 0x7ff0_0000_0000_0000).fpr(2, 0).run(&[0xb3, 0x1e, 0x10, 0x32]);
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (QNAN, 0x0080_0000));
}

#[test]
fn test_data_class() {
    // tcdb %f1,0x400: -0 is selected by mask bit 53 (0x400) → CC 1; +0's bit 0x800 → CC 0
    let d = Case::new().fpr(1, 1 << 63).run(&[0xed, 0x10, 0x04, 0x00, 0x00, 0x11]);
    assert_eq!(d.cc(), 1);
    let d = Case::new().fpr(1, 1 << 63).run(&[0xed, 0x10, 0x08, 0x00, 0x00, 0x11]);
    assert_eq!(d.cc(), 0);
    // +SNaN is bit 62 (0x002); no exception
    let d = Case::new().fpr(1, SNAN).run(&[0xed, 0x10, 0x00, 0x02, 0x00, 0x11]);
    assert_eq!((d.cc(), d.cpu.fpc), (1, 0));
}

#[test]
fn fpc_instructions() {
    // sfpc %r1 then efpc %r2
    let d = Case::new().gpr(1, 0xffff_ffff_0800_0003).run(&rre(0xb384, 1, 0));
    assert_eq!(d.cpu.fpc, 0x0800_0003);
    let d = fpc(Case::new(), 0x8800_0001).gpr(2, 0xaaaa_aaaa_0000_0000).run(&rre(0xb38c, 2, 0));
    assert_eq!(d.gpr(2), 0xaaaa_aaaa_8800_0001);
    // Rounding mode 5 and reserved bit 7 are specification exceptions.
    for bad in [5u64, 0x0100_0000] {
        let d = Case::new().gpr(1, bad).run(&rre(0xb384, 1, 0));
        assert_eq!((d.end, d.cpu.fpc), (End::Exc(exc::SPECIFICATION, PC), 0));
    }
    // lfpc 0(%r2) / stfpc 4(%r2)
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0, 0x08, 0, 1]).run(&[0xb2, 0x9d, 0x20, 0x00]);
    assert_eq!(d.cpu.fpc, 0x0008_0001);
    let d = fpc(Case::new(), 0x1234_0002).gpr(2, DATA).run(&[0xb2, 0x9c, 0x20, 0x04]);
    assert_eq!(d.bytes(DATA + 4, 4), vec![0x12, 0x34, 0, 2]);
    // srnmb 7: round to prepare for shorter precision; srnmb 5: specification
    let d = Case::new().run(&[0xb2, 0xb8, 0x00, 0x07]);
    assert_eq!(d.cpu.fpc, 7);
    let d = Case::new().run(&[0xb2, 0xb8, 0x00, 0x05]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // srnmb 0x0d8 / 0x101: address bits 56:60 must be zero (specification, FPC unchanged);
    // bits 0:55 are ignored
    for insn in [[0xb2, 0xb8, 0x00, 0xd8], [0xb2, 0xb8, 0x00, 0x09]] {
        let d = fpc(Case::new(), 3).run(&insn);
        assert_eq!((d.end, d.cpu.fpc), (End::Exc(exc::SPECIFICATION, PC), 3));
    }
    let d = Case::new().run(&[0xb2, 0xb8, 0x01, 0x01]);
    assert_eq!((d.end, d.cpu.fpc), (End::At(PC + 4), 1));
    // srnm 3 (only bits 62:63 of the address)
    let d = Case::new().run(&[0xb2, 0x99, 0x00, 0x07]);
    assert_eq!(d.cpu.fpc, 3);
    // sfasr: a current inexact flag with the new inexact mask on signals DXC 0x0b
    let d = fpc(Case::new(), 0x0008_0000).gpr(1, 0x0800_0000).run(&rre(0xb385, 1, 0));
    assert_eq!((d.end, d.cpu.fpc), (End::Exc(exc::DATA, PC), 0x0808_0b00));
}

#[test]
fn divide_to_integer_of_zero_by_zero() {
    // didbr %f1,%f3,%f2,0 with 0 / 0: the default NaN in both, CC 1, flag I (more cases in
    // bfp_divint.rs)
    let d = Case::new().run(&[0xb3, 0x5b, 0x30, 0x12]);
    assert_eq!((d.cpu.fpr(1), d.cpu.fpr(3), d.cc(), d.cpu.fpc), (QNAN, QNAN, 1, 0x0080_0000));
}

// ---- long operations computed inline (bfp.rs fast paths) ----
// With the inexact flag already set, no mask and rounding to nearest, ordinary operands and
// results of ADB/SDB/MDB/DDB come from the host; anything else goes to the helper. The
// expected values are IEEE binary64 facts (0.1 + 0.2 = 0x3fd3333333333334, 1/3 =
// 0x3fd5555555555555, ...).

const X_FLAG: u32 = 0x0008_0000;
const TENTH: u64 = 0x3fb9_9999_9999_999a; // 0.1
const FIFTH: u64 = 0x3fc9_9999_9999_999a; // 0.2
const THIRD: u64 = 0x3fd5_5555_5555_5555; // nearest 1/3
const THREE: u64 = 0x4008_0000_0000_0000;
const MAX: u64 = 0x7fef_ffff_ffff_ffff;
const INF: u64 = 0x7ff0_0000_0000_0000;
const NEG: u64 = 1 << 63;

#[test]
fn long_arithmetic_with_the_inexact_flag_set() {
    let x = |c: Case| fpc(c, X_FLAG);
    // adbr: 0.1 + 0.2 ties to even upwards; CC 2; the FPC unchanged.
    let d = x(Case::new()).fpr(1, TENTH).fpr(2, FIFTH).run(&rre(0xb31a, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (0x3fd3_3333_3333_3334, 2, X_FLAG));
    // sdbr: 1 - 2 = -1, CC 1.
    let d = x(Case::new()).fpr(1, ONE).fpr(2, TWO).run(&rre(0xb31b, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (ONE | NEG, 1, X_FLAG));
    // ddbr: 1 / 3; mdbr: 3 × (1/3) = 1; neither sets the CC.
    let d = x(Case::new()).cc(3).fpr(1, ONE).fpr(2, THREE).run(&rre(0xb31d, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (THIRD, 3, X_FLAG));
    let d = x(Case::new()).cc(3).fpr(1, THREE).fpr(2, THIRD).run(&rre(0xb31c, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (ONE, 3, X_FLAG));
    // adb %f1,0(%r2): 1.5 + 2.25 from storage = 3.75.
    let d = x(Case::new()).gpr(2, DATA).fpr(1, 0x3ff8_0000_0000_0000).mem(DATA, &0x4002_0000_0000_0000u64.to_be_bytes()).run(&[0xed, 0x10, 0x20, 0x00, 0x00, 0x1a]);
    assert_eq!((d.cpu.fpr(1), d.cc()), (0x400e_0000_0000_0000, 2));
    // sdb: 1.5 - 2.25 = -0.75, CC 1.
    let d = x(Case::new()).gpr(2, DATA).fpr(1, 0x3ff8_0000_0000_0000).mem(DATA, &0x4002_0000_0000_0000u64.to_be_bytes()).run(&[0xed, 0x10, 0x20, 0x00, 0x00, 0x1b]);
    assert_eq!((d.cpu.fpr(1), d.cc()), (0x3fe8_0000_0000_0000 | NEG, 1));
}

#[test]
fn long_arithmetic_the_helper_must_decide() {
    // The inexact flag still clear: it gets set.
    let d = Case::new().fpr(1, ONE).fpr(2, THREE).run(&rre(0xb31d, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (THIRD, X_FLAG));
    // Rounding toward zero: 0.1 + 0.2 truncated.
    let d = fpc(Case::new(), X_FLAG | 1).fpr(1, TENTH).fpr(2, FIFTH).run(&rre(0xb31a, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x3fd3_3333_3333_3333, X_FLAG | 1));
    // The inexact mask on: a trap (DXC 0x0c: incremented) with the result delivered.
    let d = fpc(Case::new(), 0x0800_0000 | X_FLAG).fpr(1, TENTH).fpr(2, FIFTH).run(&rre(0xb31a, 1, 2));
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0x3fd3_3333_3333_3334, 0x0800_0c00 | X_FLAG));
    // Overflow: +inf, the overflow flag too, CC 2.
    let d = fpc(Case::new(), X_FLAG).fpr(1, MAX).fpr(2, MAX).run(&rre(0xb31a, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (INF, 2, 0x0028_0000));
    // An exact zero result: CC 0 (an ordinary result never is zero).
    let d = fpc(Case::new(), X_FLAG).fpr(1, ONE).fpr(2, ONE).run(&rre(0xb31b, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (0, 0, X_FLAG));
    // Underflow: 2^-1074 × 0.5 is +0 (ties to even) with the underflow flag.
    let d = fpc(Case::new(), X_FLAG).fpr(1, 1).fpr(2, 0x3fe0_0000_0000_0000).run(&rre(0xb31c, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (0, 0x0018_0000));
    // An SNaN operand: quieted, invalid flag, CC 3.
    let d = fpc(Case::new(), X_FLAG).fpr(1, ONE).fpr(2, SNAN).run(&rre(0xb31a, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (SNAN | 1 << 51, 3, 0x0088_0000));
}

#[test]
fn long_compares_and_load_and_test_inline() {
    // cdbr: -2 < -1 (CC 1), -1 > -2 (CC 2), +inf > MAX (CC 2), -inf < -MAX (CC 1).
    for (a, b, cc) in [(TWO | NEG, ONE | NEG, 1), (ONE | NEG, TWO | NEG, 2), (INF, MAX, 2), (INF | NEG, MAX | NEG, 1), (ONE, ONE, 0), (NEG, ONE, 1), (ONE | NEG, 0, 1)] {
        let d = Case::new().cc(3).fpr(1, a).fpr(2, b).run(&rre(0xb319, 1, 2));
        assert_eq!((d.cc(), d.cpu.fpc), (cc, 0), "cdbr {a:#x} {b:#x}");
        let d = Case::new().cc(3).fpr(1, a).fpr(2, b).run(&rre(0xb318, 1, 2));
        assert_eq!((d.cc(), d.cpu.fpc), (cc, 0), "kdbr {a:#x} {b:#x}");
    }
    // cdb %f1,0(%r2): 1 vs 2 from storage → CC 1.
    let d = Case::new().gpr(2, DATA).fpr(1, ONE).mem(DATA, &TWO.to_be_bytes()).run(&[0xed, 0x10, 0x20, 0x00, 0x00, 0x19]);
    assert_eq!(d.cc(), 1);
    // ltdbr: -0 → -0, CC 0; +inf → CC 2; a QNaN → CC 3 without a flag.
    let d = Case::new().fpr(2, NEG).run(&rre(0xb312, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (NEG, 0));
    let d = Case::new().fpr(2, INF).run(&rre(0xb312, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc()), (INF, 2));
    let d = Case::new().fpr(2, QNAN).run(&rre(0xb312, 1, 2));
    assert_eq!((d.cpu.fpr(1), d.cc(), d.cpu.fpc), (QNAN, 3, 0));
}

#[test]
fn long_conversions_from_fixed_inline() {
    // cdfbr: the low word only; 0 → +0; -2^31 → 0xc1e0000000000000; 1 → 1.0.
    for (g, want) in [(0xdead_beef_0000_0000u64, 0), (0x1234_5678_8000_0000, 0xc1e0_0000_0000_0000), (0xffff_ffff_0000_0001, ONE), (0x7fff_ffff, 0x41df_ffff_ffc0_0000)] {
        let d = Case::new().gpr(2, g).run(&rrf(0xb395, 0, 0, 1, 2));
        assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (want, 0), "cdfbr of {g:#x}");
    }
    // cdgbr: ±2^53 exact; 2^53 + 1 rounds to even (2^53) with the inexact flag; i64::MIN
    // exact (-2^63); -3 exact.
    for (g, want, f) in [(1u64 << 53, 0x4340_0000_0000_0000, 0), ((1u64 << 53).wrapping_neg(), 0xc340_0000_0000_0000, 0), ((1 << 53) + 1, 0x4340_0000_0000_0000, X_FLAG), (1 << 63, 0xc3e0_0000_0000_0000, 0), (-3i64 as u64, 0xc008_0000_0000_0000, 0)] {
        let d = Case::new().gpr(2, g).run(&rrf(0xb3a5, 0, 0, 1, 2));
        assert_eq!((d.cpu.fpr(1), d.cpu.fpc), (want, f), "cdgbr of {g:#x}");
    }
}
