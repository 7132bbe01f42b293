//! VSX vector floating point (Power ISA 3.0B Book I §7.6.1): one instruction per case, raw
//! encoding with its assembly, results and FPSCR worked out by hand from the book. Every
//! case also runs on the Cranelift engine, which must agree (see `ppc_harness`).
//!
//! Register use: XT = vs1, XA = vs2, XB = vs3. The vector rules under test: each element's
//! exception bits are ORed into the FPSCR, FPRF/FR/FI are left alone, and an enabled invalid
//! operation in any element leaves the target (and CR6) unmodified.

mod ppc_harness;

use ppc_harness::{Case, Done};

const FX: u64 = 1 << 31;
const FEX: u64 = 1 << 30;
const VX: u64 = 1 << 29;
const OX: u64 = 1 << 28;
const UX: u64 = 1 << 27;
const XX: u64 = 1 << 25;
const VXSNAN: u64 = 1 << 24;
const VXZDZ: u64 = 1 << 21;
const VXVC: u64 = 1 << 19;
const FR: u64 = 1 << 18;
const VXCVI: u64 = 1 << 8;
const VE: u64 = 1 << 7;
/// FPRF = +normal, in place: a value no vector instruction may change.
const P_NORM: u64 = 0x04 << 12;

const ONE: u64 = 0x3ff0_0000_0000_0000;
const MAX: u64 = 0x7fef_ffff_ffff_ffff;
const INF: u64 = 0x7ff0_0000_0000_0000;
const SNAN: u64 = 0x7ff4_0000_0000_0000;
const QNAN: u64 = 0x7ff8_0000_0000_0000;
const UNTOUCHED: u128 = 0xdead_beef_dead_beef_5555_5555_5555_5555;

fn dw(a: u64, b: u64) -> u128 {
    (a as u128) << 64 | b as u128
}
fn words(w: [u32; 4]) -> u128 {
    w.iter().fold(0, |acc, &x| acc << 32 | x as u128)
}

fn run(w: u32, fpscr: u64, a: u128, b: u128) -> Done {
    Case::new(true)
        .with(|cpu| cpu.fpscr = fpscr)
        .vsr(1, UNTOUCHED)
        .vsr(2, a)
        .vsr(3, b)
        .run(w)
}

#[track_caller]
fn check(d: &Done, t: u128, fpscr: u64) {
    d.next();
    assert_eq!(d.vsr(1), t, "vs1: got {:#034x}, want {t:#034x}", d.vsr(1));
    assert_eq!(d.cpu.fpscr, fpscr, "fpscr: got {:#010x}, want {fpscr:#010x}", d.cpu.fpscr);
}

const XVADDDP: u32 = 0xf022_1b00; // xvadddp vs1,vs2,vs3
const XVDIVDP: u32 = 0xf022_1bc0; // xvdivdp vs1,vs2,vs3
const XVCMPGTDP_: u32 = 0xf022_1f58; // xvcmpgtdp. vs1,vs2,vs3
const XVCVSPHP: u32 = 0xf039_1f6c; // xvcvsphp vs1,vs3
const XVMADDASP: u32 = 0xf022_1a08; // xvmaddasp vs1,vs2,vs3
const XVCVDPSXWS: u32 = 0xf020_1b60; // xvcvdpsxws vs1,vs3
const XVTSTDCSP: u32 = 0xf023_1eec; // xvtstdcsp vs1,vs3,0x63 (NaN, +inf, ±denormal)

#[test]
fn xvadddp_elements_or_their_exceptions_and_leave_fprf_fr_fi() {
    // Element 0: 1 + 2^-60 is inexact (rounds to 1); element 1: MAX + MAX overflows to +inf.
    // FR, FI and FPRF keep their starting values (FR set, FI clear, +normal).
    let tiny = 2f64.powi(-60).to_bits();
    let d = run(XVADDDP, FR | P_NORM, dw(ONE, MAX), dw(tiny, MAX));
    check(&d, dw(ONE, INF), FX | OX | XX | FR | P_NORM);
}

#[test]
fn xvdivdp_enabled_invalid_leaves_the_target() {
    // 0/0 in element 0 with VE=1: no element is written; VXZDZ, VX, FX, FEX are set (MSR[FE]
    // = 0, so no interrupt).
    let d = run(XVDIVDP, VE, dw(0, ONE), dw(0, ONE));
    check(&d, UNTOUCHED, VE | FX | FEX | VX | VXZDZ);
    // Disabled: the default QNaN and the quotient.
    let d = run(XVDIVDP, 0, dw(0, ONE), dw(0, ONE));
    check(&d, dw(QNAN, ONE), FX | VX | VXZDZ);
}

#[test]
fn xvcmpgtdp_record_sets_cr6_and_ordered_exceptions() {
    // 2 > 1 true; SNaN > 1 false with VXSNAN and (VE=0) VXVC. CR6: neither all true nor all
    // false.
    let two = 2f64.to_bits();
    let d = run(XVCMPGTDP_, 0, dw(two, SNAN), dw(ONE, ONE));
    check(&d, dw(u64::MAX, 0), FX | VX | VXSNAN | VXVC);
    assert_eq!(d.cr(6), 0b0000);
    // All false: CR6 = 0b0010.
    let d = run(XVCMPGTDP_, 0, dw(ONE, ONE), dw(two, two));
    check(&d, 0, 0);
    assert_eq!(d.cr(6), 0b0010);
}

#[test]
fn xvcvsphp_rounds_to_half_precision() {
    // 65520 (0x477ff000) is halfway between 65504 and 65536: to even overflows to +inf;
    // 1 + 2^-11 (0x3f801000) ties to 1.0 (0x3c00); 2^-25 (0x33000000) ties to +0 with UX;
    // 1.0 is exact. Halves go in the right halfword of each word.
    let d = run(XVCVSPHP, 0, 0, words([0x477f_f000, 0x3f80_1000, 0x3300_0000, 0x3f80_0000]));
    check(&d, words([0x7c00, 0x3c00, 0x0000, 0x3c00]), FX | OX | UX | XX);
}

#[test]
fn xvmaddasp_rounds_once() {
    // a = 1 + 2^-23, b = 2^-24 (1 - 2^-23), addend t = 1 + 2^-23:
    // a×b + t = 1 + 2^-23 + 2^-24 - 2^-70, just below the tie, so 1 + 2^-23 (0x3f800001);
    // rounding the product to single first would land on the tie and give 1 + 2^-22.
    let a = 0x3f80_0001u32; // 1 + 2^-23
    let b = 0x337f_fffeu32; // 2^-24 × (1 - 2^-23)
    let d = Case::new(true)
        .vsr(1, words([a, a, 0x3f80_0000, 0]))
        .vsr(2, words([a, a, 0x3f80_0000, 0]))
        .vsr(3, words([b, b, 0x3f80_0000, 0]))
        .run(XVMADDASP);
    d.next();
    // Elements 2 and 3: 1×1 + 1 = 2 and 0×0 + 0 = 0, exact.
    assert_eq!(d.vsr(1), words([0x3f80_0001, 0x3f80_0001, 0x4000_0000, 0]));
    assert_eq!(d.cpu.fpscr, FX | XX);
}

#[test]
fn xvcvdpsxws_fills_both_words_and_saturates() {
    // -2.5 truncates to -2 (inexact); a NaN gives 0x8000_0000 with VXCVI and VXSNAN for an
    // SNaN. Each result goes to word 2i and is copied to word 2i+1.
    let d = run(XVCVDPSXWS, 0, 0, dw((-2.5f64).to_bits(), SNAN));
    check(&d, words([0xffff_fffe, 0xffff_fffe, 0x8000_0000, 0x8000_0000]), FX | VX | XX | VXSNAN | VXCVI);
}

#[test]
fn xvtstdcsp_selects_classes() {
    // DCMX 0x63: NaN, +infinity, +denormal, -denormal. Not: -infinity, normal numbers.
    let d = run(XVTSTDCSP, 0, 0, words([0x7fc0_0000, 0xff80_0000, 0x8000_0001, 0x3f80_0000]));
    check(&d, words([u32::MAX, 0, u32::MAX, 0]), 0);
}
