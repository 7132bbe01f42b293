//! VSX scalar quad precision (Power ISA 3.0B Book I §7.6.1, `xs*qp`): one instruction per
//! case, raw encoding with its assembly; the expected values are exact results rounded by
//! hand from the book's definition (worked out with exact rational arithmetic, e.g. Python's
//! `fractions`, not with any floating-point library). Every case also runs on the Cranelift
//! engine, which must agree (see `ppc_harness`).
//!
//! Register use: VRT = v1, VRA = v2, VRB = v3.

mod ppc_harness;

use ppc_harness::{Case, Done};

const FX: u64 = 1 << 31;
const VX: u64 = 1 << 29;
const XX: u64 = 1 << 25;
const VXVC: u64 = 1 << 19;
const FR: u64 = 1 << 18;
const FI: u64 = 1 << 17;
const VXSNAN: u64 = 1 << 24;
const VXCVI: u64 = 1 << 8;
const RZ: u64 = 1;
const RP: u64 = 2;
// FPRF classes in place.
const P_NORM: u64 = 0x04 << 12;
const P_DENORM: u64 = 0x14 << 12;
const FU: u64 = 0x01 << 12;

const ONE: u128 = 0x3fff << 112;
const TWO: u128 = 0x4000 << 112;
const THREE: u128 = 0x4000_8000 << 96;
const SNAN: u128 = 0x7fff_4000 << 96;

fn run(w: u32, fpscr: u64, t: u128, a: u128, b: u128) -> Done {
    Case::new(true).with(|cpu| cpu.fpscr = fpscr).vr(1, t).vr(2, a).vr(3, b).run(w)
}

#[track_caller]
fn check(d: &Done, v1: u128, fpscr: u64) {
    d.next();
    assert_eq!(d.vr(1), v1, "v1: got {:#034x}, want {v1:#034x}", d.vr(1));
    assert_eq!(d.cpu.fpscr, fpscr, "fpscr: got {:#010x}, want {fpscr:#010x}", d.cpu.fpscr);
}

const XSSQRTQP: u32 = 0xfc3b_1e48; // xssqrtqp v1,v3
const XSDIVQP: u32 = 0xfc22_1c48; // xsdivqp v1,v2,v3
const XSMADDQP: u32 = 0xfc22_1b08; // xsmaddqp v1,v2,v3 (v1 ← v2 × v3 + v1)
const XSMULQP: u32 = 0xfc22_1848; // xsmulqp v1,v2,v3
const XSCVQPDP: u32 = 0xfc34_1e88; // xscvqpdp v1,v3
const XSCVQPSDZ: u32 = 0xfc39_1e88; // xscvqpsdz v1,v3
const XSCMPOQP: u32 = 0xfc82_1908; // xscmpoqp cr1,v2,v3
/// The round-to-odd form of an arithmetic instruction (RO, bit 31).
const fn odd(w: u32) -> u32 {
    w | 1
}

#[test]
fn sqrt_two_in_each_mode() {
    // √2 = 1.6A09E667F3BCC908B2FB1366EA957D3E...: the 113-bit significand ends ...EA95 with
    // the rest below half an ulp, so nearest and toward zero give ...EA95 (FR 0), toward +∞
    // ...EA96 (FR 1), and to odd ...EA95 (already odd).
    let sqrt2 = 0x3fff_6a09_e667_f3bc_c908_b2fb_1366_ea95u128;
    check(&run(XSSQRTQP, 0, 0, 0, TWO), sqrt2, FX | XX | FI | P_NORM);
    check(&run(XSSQRTQP, RZ, 0, 0, TWO), sqrt2, RZ | FX | XX | FI | P_NORM);
    check(&run(XSSQRTQP, RP, 0, 0, TWO), sqrt2 + 1, RP | FX | XX | FR | FI | P_NORM);
    check(&run(odd(XSSQRTQP), 0, 0, 0, TWO), sqrt2, FX | XX | FI | P_NORM);
    // √4 = 2 exactly.
    check(&run(XSSQRTQP, 0, 0, 0, 0x4001 << 112), TWO, P_NORM);
}

#[test]
fn two_thirds() {
    // 2/3 = 1.0101...₂ × 2^-1: the fraction is 0x5555...5 with 0101... below, under half.
    let q = 0x3ffe_5555_5555_5555_5555_5555_5555_5555u128;
    check(&run(XSDIVQP, 0, 0, TWO, THREE), q, FX | XX | FI | P_NORM);
    check(&run(XSDIVQP, RP, 0, TWO, THREE), q + 1, RP | FX | XX | FR | FI | P_NORM);
    check(&run(odd(XSDIVQP), 0, 0, TWO, THREE), q, FX | XX | FI | P_NORM);
}

#[test]
fn fused_multiply_add_rounds_once() {
    // (1 + 2^-112)² − 1 = 2^-111 + 2^-224: one rounding gives 2^-111 (nearest) or
    // 2^-111 × (1 + 2^-112) (to odd); rounding the product first would lose the 2^-224.
    let x = ONE + 1;
    let neg_one = ONE | 1 << 127;
    let r = 0x3f90u128 << 112;
    check(&run(XSMADDQP, 0, neg_one, x, x), r, FX | XX | FI | P_NORM);
    check(&run(odd(XSMADDQP), 0, neg_one, x, x), r + 1, FX | XX | FR | FI | P_NORM);
}

#[test]
fn denormal_product_is_exact() {
    // 2^-16382 (the smallest normal) × 0.5 = 2^-16383, a denormal (fraction bit 111) and
    // exact: no underflow with UE=0.
    let r = run(XSMULQP, 0, 0, 1 << 112, 0x3ffe << 112);
    check(&r, 1 << 111, P_DENORM);
}

#[test]
fn quad_to_double_rounds_once() {
    // 1 + 2^-53 is halfway between two doubles: nearest-even gives 1.0, to odd 1 + 2^-52.
    // The double goes to doubleword 0, doubleword 1 is 0.
    let b = ONE | 1 << 59;
    check(&run(XSCVQPDP, 0, 0, 0, b), 0x3ff0_0000_0000_0000u128 << 64, FX | XX | FI | P_NORM);
    check(&run(odd(XSCVQPDP), 0, 0, 0, b), 0x3ff0_0000_0000_0001u128 << 64, FX | XX | FR | FI | P_NORM);
}

#[test]
fn quad_to_int_saturates() {
    // 2^63 does not fit a signed doubleword: 0x7FFF..., VXCVI (FPRF left alone).
    check(&run(XSCVQPSDZ, 0, 0, 0, 0x403e << 112), (i64::MAX as u128) << 64, FX | VX | VXCVI);
    // -2.5 truncates to -2, inexact.
    let m25 = 0xc000_4000u128 << 96;
    check(&run(XSCVQPSDZ, 0, 0, 0, m25), ((-2i64) as u64 as u128) << 64, FX | XX | FI);
}

#[test]
fn ordered_compare_with_snan() {
    // xscmpoqp with an SNaN: unordered, VXSNAN and (VE=0) VXVC; CR1 and FPCC ← FU.
    let d = run(XSCMPOQP, 0, 0, ONE, SNAN);
    d.next();
    assert_eq!(d.cr(1), 0b0001);
    assert_eq!(d.cpu.fpscr, FX | VX | VXSNAN | VXVC | FU);
}
