//! Fixed-point arithmetic, compare, trap and `darn` (Power ISA 3.0B Book I §3.3.9-3.3.11),
//! one instruction at a time on the concrete-value backend.
//!
//! Table rows are (encoding, assembly, r4, r5, r6, XER in, expected r3, expected XER, expected
//! CR0). Expected values are worked out by hand from the book's RTL; the comments give the
//! arithmetic where it is not obvious.

mod fx_support;

use cpu_ppc64::{exc, Ppc64Cpu};
use fx_support::*;
use jit::interp::Outcome;

const M: u64 = u64::MAX;
const MIN: u64 = 0x8000_0000_0000_0000;
const MAX: u64 = 0x7fff_ffff_ffff_ffff;

#[test]
fn add_and_addo() {
    check(&[
        (0x7c64_2a14, "add 3,4,5", 1, 2, 0, 0, 3, 0, 0),
        (0x7c64_2a15, "add. 3,4,5", M - 4, 2, 0, 0, M - 2, 0, LT),
        // add neither reads nor writes CA; OE=0 leaves OV alone.
        (0x7c64_2a14, "add 3,4,5", MAX, 1, 0, CA | OV, MIN, CA | OV, 0),
        // 0x7fff_ffff_ffff_ffff + 1: 64-bit signed overflow; low words -1 + 1 = 0 do not.
        (0x7c64_2e14, "addo 3,4,5", MAX, 1, 0, 0, MIN, SO | OV, 0),
        // 0x7fff_ffff + 1: fits 64 bits, overflows the low word: OV32 only, and SO follows OV.
        (0x7c64_2e14, "addo 3,4,5", 0x7fff_ffff, 1, 0, 0, 0x8000_0000, OV32, 0),
        // negative + negative giving positive.
        (0x7c64_2e14, "addo 3,4,5", MIN, M, 0, 0, MAX, SO | OV, 0),
        // OE=1 without overflow clears OV/OV32 but SO is sticky; CR0[SO] copies XER[SO].
        (0x7c64_2e15, "addo. 3,4,5", 1, 1, 0, SO | OV | OV32, 2, SO, GT | CR_SO),
        // CR0[SO] sees the SO this very instruction set.
        (0x7c64_2e15, "addo. 3,4,5", MAX, 1, 0, 0, MIN, SO | OV, LT | CR_SO),
    ]);
}

#[test]
fn addc_adde_addme_addze() {
    check(&[
        // CA is the carry out of bit 0, CA32 the carry out of bit 32.
        (0x7c64_2814, "addc 3,4,5", M, 1, 0, 0, 0, CA | CA32, 0),
        (0x7c64_2814, "addc 3,4,5", 0xffff_ffff, 1, 0, 0, 0x1_0000_0000, CA32, 0),
        (0x7c64_2814, "addc 3,4,5", 5, 6, 0, CA | CA32, 11, 0, 0),
        // MIN + MIN = 0: carry out, signed overflow; low words 0 + 0.
        (0x7c64_2c15, "addco. 3,4,5", MIN, MIN, 0, 0, 0, SO | OV | CA, EQ | CR_SO),
        (0x7c64_2914, "adde 3,4,5", 5, 6, 0, CA, 12, 0, 0),
        (0x7c64_2914, "adde 3,4,5", M, 0, 0, CA, 0, CA | CA32, 0),
        (0x7c64_2914, "adde 3,4,5", 0xffff_ffff, 0, 0, CA, 0x1_0000_0000, CA32, 0),
        // MAX + 0 + 1 = MIN: OV; low words 0xffff_ffff + 0 + 1 carry out but do not overflow.
        (0x7c64_2d14, "addeo 3,4,5", MAX, 0, 0, CA, MIN, SO | OV | CA32, 0),
        // addme: RA + CA - 1.
        (0x7c64_01d4, "addme 3,4", 0, 0, 0, 0, M, 0, 0),
        (0x7c64_01d4, "addme 3,4", 0, 0, 0, CA, 0, CA | CA32, 0),
        (0x7c64_01d4, "addme 3,4", 5, 0, 0, 0, 4, CA | CA32, 0),
        // MIN + -1 = MAX: carry out of bit 0 only; signed overflow at 64 bits only.
        (0x7c64_05d4, "addmeo 3,4", MIN, 0, 0, 0, MAX, SO | OV | CA, 0),
        // 0x8000_0000 - 1: low words 0x8000_0000 + 0xffff_ffff carry and overflow.
        (0x7c64_05d5, "addmeo. 3,4", 0x8000_0000, 0, 0, 0, 0x7fff_ffff, CA | CA32 | OV32, GT),
        // addze: RA + CA.
        (0x7c64_0194, "addze 3,4", M, 0, 0, CA, 0, CA | CA32, 0),
        (0x7c64_0194, "addze 3,4", 7, 0, 0, 0, 7, 0, 0),
        (0x7c64_0594, "addzeo 3,4", MAX, 0, 0, CA, MIN, SO | OV | CA32, 0),
        (0x7c64_0595, "addzeo. 3,4", 0x7fff_ffff, 0, 0, CA, 0x8000_0000, OV32, GT),
    ]);
}

#[test]
fn subf_family() {
    check(&[
        // subf RT,RA,RB: RT = RB - RA = !RA + RB + 1.
        (0x7c64_2850, "subf 3,4,5", 3, 10, 0, CA, 7, CA, 0),
        (0x7c64_2851, "subf. 3,4,5", 10, 3, 0, 0, M - 6, 0, LT),
        (0x7c64_2c50, "subfo 3,4,5", 1, MIN, 0, 0, MAX, SO | OV, 0),
        (0x7c64_2c50, "subfo 3,4,5", 1, 0x8000_0000, 0, 0, 0x7fff_ffff, OV32, 0),
        (0x7c64_2c50, "subfo 3,4,5", M, MAX, 0, 0, MIN, SO | OV, 0),
        // subfc: CA = 1 iff RB >= RA unsigned (no borrow); CA32 likewise on the low words.
        (0x7c64_2810, "subfc 3,4,5", 5, 3, 0, 0, M - 1, 0, 0),
        (0x7c64_2810, "subfc 3,4,5", 3, 5, 0, 0, 2, CA | CA32, 0),
        (0x7c64_2810, "subfc 3,4,5", 7, 7, 0, 0, 0, CA | CA32, 0),
        (0x7c64_2810, "subfc 3,4,5", 0x1_0000_0000, 0xffff_ffff, 0, 0, M, CA32, 0),
        (0x7c64_2c11, "subfco. 3,4,5", 1, MIN, 0, 0, MAX, SO | OV | CA, GT | CR_SO),
        // subfe: !RA + RB + CA.
        (0x7c64_2910, "subfe 3,4,5", 5, 10, 0, 0, 4, CA | CA32, 0),
        (0x7c64_2910, "subfe 3,4,5", 5, 10, 0, CA, 5, CA | CA32, 0),
        (0x7c64_2910, "subfe 3,4,5", 10, 5, 0, CA, M - 4, 0, 0),
        (0x7c64_2910, "subfe 3,4,5", 0, 0, 0, 0, M, 0, 0),
        (0x7c64_2d10, "subfeo 3,4,5", 0, MIN, 0, 0, MAX, SO | OV | CA, 0),
        // subfme: !RA + CA - 1.
        (0x7c64_01d0, "subfme 3,4", 0, 0, 0, 0, M - 1, CA | CA32, 0),
        (0x7c64_01d0, "subfme 3,4", M, 0, 0, 0, M, 0, 0),
        (0x7c64_01d0, "subfme 3,4", M, 0, 0, CA, 0, CA | CA32, 0),
        (0x7c64_05d0, "subfmeo 3,4", MAX, 0, 0, 0, MAX, SO | OV | CA, 0),
        // subfze: !RA + CA.
        (0x7c64_0190, "subfze 3,4", 0, 0, 0, CA, 0, CA | CA32, 0),
        (0x7c64_0190, "subfze 3,4", 1, 0, 0, CA, M, 0, 0),
        (0x7c64_0190, "subfze 3,4", 5, 0, 0, 0, M - 5, 0, 0),
        (0x7c64_0590, "subfzeo 3,4", MIN, 0, 0, CA, MIN, SO | OV | CA32, 0),
    ]);
}

#[test]
fn neg() {
    check(&[
        (0x7c64_00d0, "neg 3,4", 5, 0, 0, 0, M - 4, 0, 0),
        (0x7c64_00d0, "neg 3,4", 1, 0, 0, CA, M, CA, 0),
        (0x7c64_00d1, "neg. 3,4", 0, 0, 0, 0, 0, 0, EQ),
        // Only the most negative number overflows (its negation is itself).
        (0x7c64_04d0, "nego 3,4", MIN, 0, 0, 0, MIN, SO | OV, 0),
        (0x7c64_04d0, "nego 3,4", 0x8000_0000, 0, 0, 0, 0xffff_ffff_8000_0000, OV32, 0),
        (0x7c64_04d1, "nego. 3,4", 5, 0, 0, SO | OV, M - 4, SO, LT | CR_SO),
    ]);
}

#[test]
fn addex_uses_ov_as_carry() {
    check(&[
        (0x7c64_2954, "addex 3,4,5,0", 1, 2, 0, OV, 4, 0, 0),
        // Carry out of bit 0 and bit 32 land in OV and OV32; SO is not touched.
        (0x7c64_2954, "addex 3,4,5,0", M, 0, 0, OV, 0, OV | OV32, 0),
        (0x7c64_2954, "addex 3,4,5,0", 0xffff_ffff, 1, 0, SO | CA, 0x1_0000_0000, SO | CA | OV32, 0),
    ]);
    // CY != 0 is reserved.
    expect_exception(0x7c64_2b54 /* .long 0x7c642b54 */, exc::ILLEGAL, |_| {});
}

#[test]
fn immediate_adds() {
    check(&[
        (0x3864_ffff, "addi 3,4,-1", 1, 0, 0, CA, 0, CA, 0),
        (0x3c64_8000, "addis 3,4,-32768", 0, 0, 0, 0, 0xffff_ffff_8000_0000, 0, 0),
        (0x3c64_0001, "addis 3,4,1", 5, 0, 0, 0, 0x1_0005, 0, 0),
        (0x3064_0001, "addic 3,4,1", M, 0, 0, 0, 0, CA | CA32, 0),
        (0x3064_ffff, "addic 3,4,-1", 0, 0, 0, CA, M, 0, 0),
        (0x3064_0001, "addic 3,4,1", 0xffff_ffff, 0, 0, 0, 0x1_0000_0000, CA32, 0),
        (0x3464_ffff, "addic. 3,4,-1", M, 0, 0, SO, M - 1, SO | CA | CA32, LT | CR_SO),
        (0x3464_0000, "addic. 3,4,0", 0, 0, 0, 0, 0, 0, EQ),
        // subfic: SI - RA, CA = 1 iff EXTS(SI) >= RA unsigned.
        (0x2064_000a, "subfic 3,4,10", 3, 0, 0, 0, 7, CA | CA32, 0),
        (0x2064_000a, "subfic 3,4,10", 20, 0, 0, CA, M - 9, 0, 0),
        (0x2064_0000, "subfic 3,4,0", 0, 0, 0, 0, 0, CA | CA32, 0),
        (0x2064_ffff, "subfic 3,4,-1", 5, 0, 0, 0, M - 5, CA | CA32, 0),
        (0x1c64_fffd, "mulli 3,4,-3", 7, 0, 0, 0, M - 20, 0, 0),
        (0x1c64_03e8, "mulli 3,4,1000", 0x1_0000_0000, 0, 0, 0, 1000 << 32, 0, 0),
    ]);
    // (RA|0): RA = 0 means the value 0, not r0.
    let c = exec(0x3860_ffff /* addi 3,0,-1 */, |c| c.gpr[0] = 77);
    assert_eq!(c.gpr[3], M);
    let c = exec(0x3c60_0001 /* addis 3,0,1 */, |c| c.gpr[0] = 77);
    assert_eq!(c.gpr[3], 0x10000);
}

#[test]
fn addpcis_adds_to_the_next_address() {
    // addpcis RT,D: RT = NIA + (D << 16).
    let c = exec(0x4c62_0005 /* addpcis 3,5 */, |_| {});
    assert_eq!(c.gpr[3], PC + 4 + 0x5_0000);
    let c = exec(0x4c7f_ffc5 /* addpcis 3,-1 */, |_| {});
    assert_eq!(c.gpr[3], (PC + 4).wrapping_sub(0x1_0000));
    let c = exec(0x4c7f_7fc5 /* addpcis 3,0x7fff */, |_| {});
    assert_eq!(c.gpr[3], PC + 4 + 0x7fff_0000);
}

#[test]
fn multiply() {
    check(&[
        // mullw: the full 64-bit product of the signed low words; 2 * -3.
        (0x7c64_29d6, "mullw 3,4,5", 0x1_0000_0002, M - 2, 0, 0, M - 5, 0, 0),
        (0x7c64_2dd6, "mullwo 3,4,5", 0x10000, 0x10000, 0, 0, 0x1_0000_0000, SO | OV | OV32, 0),
        (0x7c64_2dd6, "mullwo 3,4,5", 0x7fff_ffff, 1, 0, OV | OV32, 0x7fff_ffff, 0, 0),
        (0x7c64_2dd6, "mullwo 3,4,5", 0x8000_0000, 0xffff_ffff, 0, 0, 0x8000_0000, SO | OV | OV32, 0),
        (0x7c64_2dd7, "mullwo. 3,4,5", 0x10000, 0x10000, 0, 0, 0x1_0000_0000, SO | OV | OV32, GT | CR_SO),
        (0x7c64_29d2, "mulld 3,4,5", M - 1, 3, 0, 0, M - 5, 0, 0),
        (0x7c64_2dd2, "mulldo 3,4,5", 0x1_0000_0000, 0x1_0000_0000, 0, 0, 0, SO | OV | OV32, 0),
        // -1 * MIN = 2^63 does not fit.
        (0x7c64_2dd2, "mulldo 3,4,5", M, MIN, 0, 0, MIN, SO | OV | OV32, 0),
        (0x7c64_2dd3, "mulldo. 3,4,5", M - 1, 3, 0, 0, M - 5, 0, LT),
        // mulhw: high word of the 64-bit product of the low words (RT[0:31] = 0, as QEMU).
        (0x7c64_2896, "mulhw 3,4,5", 0x7fff_ffff, 0x7fff_ffff, 0, 0, 0x3fff_ffff, 0, 0),
        (0x7c64_2896, "mulhw 3,4,5", 0xffff_ffff, 2, 0, 0, 0xffff_ffff, 0, 0),
        (0x7c64_2816, "mulhwu 3,4,5", 0xffff_ffff, 2, 0, 0, 1, 0, 0),
        (0x7c64_2817, "mulhwu. 3,4,5", 0x1234_5678_0000_0001, 1, 0, 0, 0, 0, EQ),
        (0x7c64_2892, "mulhd 3,4,5", M, 2, 0, 0, M, 0, 0),
        // MIN * MIN = 2^126.
        (0x7c64_2893, "mulhd. 3,4,5", MIN, MIN, 0, 0, 0x4000_0000_0000_0000, 0, GT),
        (0x7c64_2812, "mulhdu 3,4,5", M, 2, 0, 0, 1, 0, 0),
        // (2^64 - 1)^2 = 2^128 - 2^65 + 1.
        (0x7c64_2812, "mulhdu 3,4,5", M, M, 0, 0, M - 1, 0, 0),
    ]);
}

#[test]
fn multiply_add() {
    check(&[
        (0x1064_29b3, "maddld 3,4,5,6", 3, 4, M - 19, 0, M - 7, 0, 0),
        (0x1064_29b3, "maddld 3,4,5,6", 0x1_0000_0000, 0x1_0000_0001, 5, 0, 0x1_0000_0005, 0, 0),
        (0x1064_29b0, "maddhd 3,4,5,6", M, 1, 0, 0, M, 0, 0),
        // MIN * 2 = -2^64.
        (0x1064_29b0, "maddhd 3,4,5,6", MIN, 2, 0, 0, M, 0, 0),
        (0x1064_29b0, "maddhd 3,4,5,6", M, 1, 1, 0, 0, 0, 0),
        // RC is sign-extended: 0 + -1.
        (0x1064_29b0, "maddhd 3,4,5,6", 0, 0, M, 0, M, 0, 0),
        // MAX^2 - 1 = 2^126 - 2^64 = (2^62 - 1) * 2^64.
        (0x1064_29b0, "maddhd 3,4,5,6", MAX, MAX, M, 0, 0x3fff_ffff_ffff_ffff, 0, 0),
        // (2^64 - 1)^2 + 2^64 - 1 = 2^128 - 2^64.
        (0x1064_29b1, "maddhdu 3,4,5,6", M, M, M, 0, M, 0, 0),
        (0x1064_29b1, "maddhdu 3,4,5,6", 1, 1, M, 0, 1, 0, 0),
        (0x1064_29b1, "maddhdu 3,4,5,6", M, 2, 0, 0, 1, 0, 0),
    ]);
}

#[test]
fn divide() {
    check(&[
        // Quotients truncate toward zero; the word forms' RT[0:31] is 0 (as QEMU).
        (0x7c64_2bd6, "divw 3,4,5", 0x1234_5678_ffff_fff9, 2, 0, 0, 0xffff_fffd, 0, 0),
        (0x7c64_2bd6, "divw 3,4,5", 7, 0xffff_fffe, 0, 0, 0xffff_fffd, 0, 0),
        (0x7c64_2fd6, "divwo 3,4,5", 100, 7, 0, OV | OV32, 14, 0, 0),
        // Undefined divisions give the dividend (QEMU 7.2) and set OV and OV32.
        (0x7c64_2fd6, "divwo 3,4,5", 0x8000_0000, 0xffff_ffff, 0, 0, 0x8000_0000, SO | OV | OV32, 0),
        (0x7c64_2fd6, "divwo 3,4,5", 5, 0x1_0000_0000, 0, 0, 5, SO | OV | OV32, 0),
        (0x7c64_2fd7, "divwo. 3,4,5", 5, 0, 0, 0, 5, SO | OV | OV32, GT | CR_SO),
        (0x7c64_2b96, "divwu 3,4,5", 0xffff_ffff, 2, 0, 0, 0x7fff_ffff, 0, 0),
        (0x7c64_2f96, "divwuo 3,4,5", 0x1_2345_6789, 0, 0, 0, 0x2345_6789, SO | OV | OV32, 0),
        (0x7c64_2b97, "divwu. 3,4,5", 0xffff_fff9, 0xffff_ffff, 0, 0, 0, 0, EQ),
        (0x7c64_2bd2, "divd 3,4,5", M - 6, 2, 0, 0, M - 2, 0, 0),
        (0x7c64_2fd2, "divdo 3,4,5", MIN, M, 0, 0, MIN, SO | OV | OV32, 0),
        (0x7c64_2fd3, "divdo. 3,4,5", 5, 0, 0, 0, 5, SO | OV | OV32, GT | CR_SO),
        (0x7c64_2b92, "divdu 3,4,5", M, 0x10, 0, 0, 0x0fff_ffff_ffff_ffff, 0, 0),
        (0x7c64_2f92, "divduo 3,4,5", M, 0, 0, 0, M, SO | OV | OV32, 0),
        (0x7c64_2f92, "divduo 3,4,5", 10, 3, 0, SO, 3, SO, 0),
    ]);
}

#[test]
fn divide_extended() {
    check(&[
        // divwe: (RA[32:63] || 0x0000_0000) / EXTS(RB[32:63]); the quotient must fit 32 bits.
        (0x7c64_2b56, "divwe 3,4,5", 1, 4, 0, 0, 0x4000_0000, 0, 0),
        (0x7c64_2b56, "divwe 3,4,5", 0xabcd_0000_0000_0001, 0x1_0000_0004, 0, 0, 0x4000_0000, 0, 0),
        // -2^32 / 4 = -2^30, sign-extended.
        (0x7c64_2b56, "divwe 3,4,5", 0xffff_ffff, 4, 0, 0, 0xffff_ffff_c000_0000, 0, 0),
        (0x7c64_2f56, "divweo 3,4,5", 1, 1, 0, 0, 0, SO | OV | OV32, 0),
        // -2^32 / -2 = 2^31 does not fit a signed word.
        (0x7c64_2f56, "divweo 3,4,5", 0xffff_ffff, 0xffff_fffe, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2f56, "divweo 3,4,5", 1, 0, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2b16, "divweu 3,4,5", 1, 2, 0, 0, 0x8000_0000, 0, 0),
        (0x7c64_2f16, "divweuo 3,4,5", 2, 2, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2f16, "divweuo 3,4,5", 1, 0, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2b17, "divweu. 3,4,5", 1, 3, 0, 0, 0x5555_5555, 0, GT),
        // divde: (RA || 0^64) / RB.
        (0x7c64_2b52, "divde 3,4,5", 1, 4, 0, 0, 0x4000_0000_0000_0000, 0, 0),
        (0x7c64_2b52, "divde 3,4,5", 1, 3, 0, 0, 0x5555_5555_5555_5555, 0, 0),
        // -2^64 / 3 = -6148914691236517205.33, truncated.
        (0x7c64_2b52, "divde 3,4,5", M, 3, 0, 0, 0xaaaa_aaaa_aaaa_aaab, 0, 0),
        // -2^64 / 2 = -2^63 fits (QEMU 7.2 wrongly reports overflow here).
        (0x7c64_2f52, "divdeo 3,4,5", M, 2, 0, 0, MIN, 0, 0),
        (0x7c64_2f52, "divdeo 3,4,5", 1, 2, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2f52, "divdeo 3,4,5", 2, 3, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2f52, "divdeo 3,4,5", MIN, M, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2f53, "divdeo. 3,4,5", 5, 0, 0, 0, 0, SO | OV | OV32, EQ | CR_SO),
        (0x7c64_2b12, "divdeu 3,4,5", 1, 3, 0, 0, 0x5555_5555_5555_5555, 0, 0),
        (0x7c64_2b12, "divdeu 3,4,5", 2, 3, 0, 0, 0xaaaa_aaaa_aaaa_aaaa, 0, 0),
        (0x7c64_2f12, "divdeuo 3,4,5", 3, 3, 0, 0, 0, SO | OV | OV32, 0),
        (0x7c64_2f12, "divdeuo 3,4,5", 0, 0, 0, 0, 0, SO | OV | OV32, 0),
    ]);
}

#[test]
fn modulo() {
    check(&[
        // The remainder has the sign of the dividend.
        (0x7c64_2e16, "modsw 3,4,5", 0xffff_fff9, 2, 0, 0, M, 0, 0),
        (0x7c64_2e16, "modsw 3,4,5", 7, 0xffff_fffe, 0, 0, 1, 0, 0),
        (0x7c64_2e16, "modsw 3,4,5", 0x8000_0000, 0xffff_ffff, 0, 0, 0, 0, 0),
        (0x7c64_2e16, "modsw 3,4,5", 5, 0, 0, 0, 0, 0, 0),
        (0x7c64_2a16, "moduw 3,4,5", 0x1_ffff_fff9, 2, 0, 0, 1, 0, 0),
        (0x7c64_2a16, "moduw 3,4,5", 0xffff_ffff, 0x1_0000_0000, 0, 0, 0, 0, 0),
        (0x7c64_2e12, "modsd 3,4,5", M - 6, 3, 0, 0, M, 0, 0),
        (0x7c64_2e12, "modsd 3,4,5", MIN, M, 0, 0, 0, 0, 0),
        (0x7c64_2a12, "modud 3,4,5", M, 10, 0, 0, 5, 0, 0),
        (0x7c64_2a12, "modud 3,4,5", 9, 0, 0, 0, 0, 0, 0),
    ]);
}

/// Runs a compare-like instruction and returns CR field `bf`.
fn cr_after(w: u32, a: u64, b: u64, xer: u64, bf: usize) -> u8 {
    let c = exec(w, |c| {
        c.gpr[4] = a;
        c.gpr[5] = b;
        c.set_xer(xer);
    });
    for f in 0..8 {
        if f != bf {
            assert_eq!(c.cr[f], 0, "{w:#x} touched CR{f}");
        }
    }
    c.cr[bf]
}

#[test]
fn compare() {
    // cmpd / cmpld (L=1): doublewords.
    assert_eq!(cr_after(0x7ca4_2800 /* cmpd 1,4,5 */, M, 1, 0, 1), LT);
    assert_eq!(cr_after(0x7ca4_2840 /* cmpld 1,4,5 */, M, 1, 0, 1), GT);
    assert_eq!(cr_after(0x7fa4_2800 /* cmpd 7,4,5 */, 9, 9, SO, 7), EQ | CR_SO);
    // cmpw / cmplw (L=0): the low words only.
    assert_eq!(cr_after(0x7c04_2800 /* cmpw 0,4,5 */, 0x1_0000_0000, 0, SO, 0), EQ | CR_SO);
    assert_eq!(cr_after(0x7d04_2800 /* cmpw 2,4,5 */, 0x8000_0000, 1, 0, 2), LT);
    assert_eq!(cr_after(0x7d04_2840 /* cmplw 2,4,5 */, 0x8000_0000, 1, 0, 2), GT);
    // Immediates: SI sign-extended, UI zero-extended.
    assert_eq!(cr_after(0x2c04_ffff /* cmpwi 0,4,-1 */, 0xffff_ffff, 0, 0, 0), EQ);
    assert_eq!(cr_after(0x2da4_ffff /* cmpdi 3,4,-1 */, 0xffff_ffff, 0, 0, 3), GT);
    assert_eq!(cr_after(0x2b84_ffff /* cmplwi 7,4,0xffff */, 0x1_0000_0000, 0, 0, 7), LT);
    assert_eq!(cr_after(0x2b24_ffff /* cmpldi 6,4,0xffff */, 0x1_0000_0000, 0, 0, 6), GT);
    assert_eq!(cr_after(0x2aa4_ffff /* cmpldi 5,4,0xffff */, 0xffff, 0, SO, 5), EQ | CR_SO);
}

#[test]
fn cmprb_range_tests() {
    // Range 2 is [RB[56:63], RB[48:55]] = ['a', 'z']; range 1 (L=1) ['A', 'Z'].
    let lower = 0x7a61;
    let both = 0x5a41_7a61;
    assert_eq!(cr_after(0x7c84_2980 /* cmprb 1,0,4,5 */, 0x6d, lower, 0, 1), GT);
    assert_eq!(cr_after(0x7c84_2980 /* cmprb 1,0,4,5 */, 0x61, lower, 0, 1), GT);
    assert_eq!(cr_after(0x7c84_2980 /* cmprb 1,0,4,5 */, 0x7a, lower, 0, 1), GT);
    assert_eq!(cr_after(0x7c84_2980 /* cmprb 1,0,4,5 */, 0x7b, lower, 0, 1), 0);
    // Only RA[56:63] counts; SO is not copied.
    assert_eq!(cr_after(0x7c84_2980 /* cmprb 1,0,4,5 */, 0xffff_ff6d, lower, SO, 1), GT);
    assert_eq!(cr_after(0x7c84_2980 /* cmprb 1,0,4,5 */, 0x41, both, 0, 1), 0);
    assert_eq!(cr_after(0x7ca4_2980 /* cmprb 1,1,4,5 */, 0x41, both, 0, 1), GT);
    assert_eq!(cr_after(0x7ca4_2980 /* cmprb 1,1,4,5 */, 0x6d, both, 0, 1), GT);
    assert_eq!(cr_after(0x7ca4_2980 /* cmprb 1,1,4,5 */, 0x30, both, 0, 1), 0);
}

#[test]
fn cmpeqb_finds_a_byte() {
    let rb = 0x1122_3344_5566_7788;
    assert_eq!(cr_after(0x7c84_29c0 /* cmpeqb 1,4,5 */, 0x33, rb, 0, 1), GT);
    assert_eq!(cr_after(0x7c84_29c0 /* cmpeqb 1,4,5 */, 0xffff_ff88, rb, SO, 1), GT);
    assert_eq!(cr_after(0x7c84_29c0 /* cmpeqb 1,4,5 */, 0x99, rb, 0, 1), 0);
    assert_eq!(cr_after(0x7c84_29c0 /* cmpeqb 1,4,5 */, 0x100, 0x0102_0304_0506_0708, 0, 1), 0);
    assert_eq!(cr_after(0x7c84_29c0 /* cmpeqb 1,4,5 */, 0x100, 0xff00_ffff_ffff_ffff, 0, 1), GT);
    assert_eq!(cr_after(0x7c84_29c0 /* cmpeqb 1,4,5 */, 0x80, 0, 0, 1), 0);
}

/// Runs a trap and says whether it trapped.
fn traps(w: u32, a: u64, b: u64) -> bool {
    let mut c = cpu();
    c.gpr[4] = a;
    c.gpr[5] = b;
    match run(&mut c, w) {
        Outcome::Next(pc) if pc == PC + 4 => false,
        Outcome::Exception { exc: e, pc } if e == exc::TRAP && pc == PC => true,
        o => panic!("{w:#x}: unexpected {o:?}"),
    }
}

#[test]
fn trap_word() {
    // TO: 16 <, 8 >, 4 =, 2 <u, 1 >u, on the low words.
    assert!(traps(0x7c84_2808 /* tw 4,4,5 */, 0x1_0000_0005, 5));
    assert!(!traps(0x7c84_2808 /* tw 4,4,5 */, 6, 5));
    assert!(traps(0x7e04_2808 /* tw 16,4,5 */, 0xffff_ffff, 0));
    assert!(!traps(0x7c44_2808 /* tw 2,4,5 */, 0xffff_ffff, 0));
    assert!(traps(0x7c24_2808 /* tw 1,4,5 */, 0xffff_ffff, 0));
    assert!(traps(0x7d04_2808 /* tw 8,4,5 */, 1, 0xffff_ffff));
    assert!(!traps(0x7c04_2808 /* tw 0,4,5 */, 1, 2));
    assert!(traps(0x7fe0_0008 /* tw 31,0,0 */, 0, 0));
    // twi: EXTS(SI) against EXTS(RA[32:63]).
    assert!(traps(0x0e04_ffff /* twi 16,4,-1 */, 0xffff_fffe, 0));
    assert!(!traps(0x0e04_ffff /* twi 16,4,-1 */, 0xffff_ffff, 0));
    assert!(traps(0x0c44_000a /* twi 2,4,10 */, 5, 0));
    assert!(!traps(0x0c44_000a /* twi 2,4,10 */, 0xffff_ffff, 0));
    assert!(traps(0x0c24_000a /* twi 1,4,10 */, 0xffff_ffff, 0));
    assert!(traps(0x0f04_0003 /* twi 24,4,3 */, 0x1_0000_0004, 0));
    assert!(!traps(0x0f04_0003 /* twi 24,4,3 */, 0x1_0000_0003, 0));
}

#[test]
fn trap_doubleword() {
    assert!(traps(0x7d04_2888 /* td 8,4,5 */, 1, M));
    assert!(!traps(0x7c24_2888 /* td 1,4,5 */, 1, M));
    assert!(traps(0x7c44_2888 /* td 2,4,5 */, 1, M));
    assert!(!traps(0x7c84_2888 /* td 4,4,5 */, 0x1_0000_0005, 5));
    assert!(traps(0x7c84_2888 /* td 4,4,5 */, 5, 5));
    assert!(traps(0x0a04_0000 /* tdi 16,4,0 */, MIN, 0));
    assert!(!traps(0x0a04_0000 /* tdi 16,4,0 */, 0x8000_0000, 0));
    assert!(!traps(0x0804_0000 /* tdi 0,4,0 */, 0, 0));
    assert!(traps(0x08e4_0000 /* tdi 7,4,0 */, 12345, 0));
    // A taken trap leaves everything as it was, including the PC for the handler.
    expect_exception(0x7fe4_2888 /* td 31,4,5 */, exc::TRAP, |c| c.gpr[4] = 1);
}

#[test]
fn darn_returns_random_numbers() {
    // L=0: a 32-bit number (or the all-ones error value).
    for _ in 0..4 {
        let c = exec_interp(0x7c60_05e6 /* darn 3,0 */, |_| {});
        assert!(c.gpr[3] <= 0xffff_ffff || c.gpr[3] == M, "{:#x}", c.gpr[3]);
    }
    // L=1, L=2: 64-bit numbers; two draws being equal is (2^-64) unlikely.
    let a = exec_interp(0x7c61_05e6 /* darn 3,1 */, |_| {}).gpr[3];
    let b = exec_interp(0x7c61_05e6 /* darn 3,1 */, |_| {}).gpr[3];
    assert_ne!(a, b);
    assert_ne!(a, POISON);
    let a = exec_interp(0x7c62_05e6 /* darn 3,2 */, |_| {}).gpr[3];
    let b = exec_interp(0x7c62_05e6 /* darn 3,2 */, |_| {}).gpr[3];
    assert_ne!(a, b);
    // The Cranelift engine calls the same helper.
    let mut j = cpu();
    assert_eq!(run_jit(&mut j, 0x7c60_05e6 /* darn 3,0 */), jit::engine::Exit::Exception(exc::SYSCALL));
    assert!(j.gpr[3] <= 0xffff_ffff || j.gpr[3] == M, "{:#x}", j.gpr[3]);
    // L=3 is reserved: the error value.
    assert_eq!(exec(0x7c63_05e6 /* .long 0x7c6305e6 */, |_| {}).gpr[3], M);
}

#[test]
fn big_endian_mode_runs_the_same_semantics() {
    // addo. in a big-endian process: only the fetch byte order differs.
    let mut c = Ppc64Cpu::new(false);
    c.gpr[4] = MAX;
    c.gpr[5] = 1;
    assert_eq!(run(&mut c, 0x7c64_2e15 /* addo. 3,4,5 */), Outcome::Next(PC + 4));
    assert_eq!(c.gpr[3], MIN);
    assert_eq!(c.xer(), SO | OV);
    assert_eq!(c.cr[0], LT | CR_SO);
}
