//! Decimal (BCD) instructions and multiply-by-10 (Power ISA 3.0B Book I §6.17, §6.9.1),
//! worked out by hand from the book, including the cases where QEMU 7.2 disagrees (see
//! tests/difftest-known.md). Registers are 128-bit literals, element 0 leftmost; a signed
//! decimal is 31 digits and a sign code in its last nibble.

mod ppc_harness;

use ppc_harness::Case;

/// Runs an instruction on VRA = v2, VRB = v3; returns v1 and CR6.
fn run(w: u32, a: u128, b: u128) -> (u128, u8) {
    let d = Case::new(true).vr(1, 0x5a5a).vr(2, a).vr(3, b).run(w);
    d.next();
    (d.vr(1), d.cr(6))
}

const BCDADD: u32 = 0x1022_1c01; // bcdadd. 1,2,3,0
const BCDADD_PS: u32 = 0x1022_1e01; // bcdadd. 1,2,3,1
const BCDSUB: u32 = 0x1022_1c41; // bcdsub. 1,2,3,0
const LT: u8 = 8;
const GT: u8 = 4;
const EQ: u8 = 2;
const SO: u8 = 1;

#[test]
fn bcdadd_adds_signed_decimals() {
    // 123 + 877 = 1000; -123 + 23 = -100 (preferred minus 0xD from the alternate 0xB).
    assert_eq!(run(BCDADD, 0x123c, 0x877c), (0x1000c, GT));
    assert_eq!(run(BCDADD, 0x123b, 0x23a), (0x100d, LT));
    // PS = 1: the plus sign is 0xF.
    assert_eq!(run(BCDADD_PS, 0x5c, 0x4c), (0x9f, GT));
    // 10^31 - 1 + 1 overflows: the low 31 digits (zero), the sign of the sum, GT and SO.
    let nines: u128 = 0x9999_9999_9999_9999_9999_9999_9999_999c;
    assert_eq!(run(BCDADD, nines, 0x1c), (0xc, GT | SO));
}

#[test]
fn bcd_zero_sums_are_plus_zero_and_eq() {
    // -0 + -0 and 5 - 5: a zero result has the plus sign and CR6 = EQ only.
    assert_eq!(run(BCDADD, 0xd, 0xd), (0xc, EQ));
    assert_eq!(run(BCDSUB, 0x5c, 0x5c), (0xc, EQ));
}

#[test]
fn bcd_invalid_operands_set_only_so() {
    // A digit above 9 in VRA (with unlike signs, which QEMU 7.2 misses), a bad sign code.
    assert_eq!(run(BCDADD, 0xa0c, 0x1d).1, SO);
    assert_eq!(run(BCDADD, 0x12, 0x1c).1, SO);
}

#[test]
fn bcdus_of_a_nonzero_value_is_gt() {
    // Shift 0 of an unsigned decimal whose only nonzero digit is the last: GT, not LT/EQ.
    assert_eq!(run(0x1022_1c81 /* bcdus. 1,2,3 */, 0, 0x5), (0x5, GT));
    // Left by 2 digits, nothing lost; left by 40 digits of a zero: EQ, no overflow.
    assert_eq!(run(0x1022_1c81, 2 << 64, 0x123), (0x12300, GT));
    assert_eq!(run(0x1022_1c81, 40 << 64, 0), (0, EQ));
}

#[test]
fn bcdtrunc_takes_an_unsigned_length() {
    // Length 2 keeps 45 of 345 (SO: a nonzero digit dropped); 0xFFFF keeps everything.
    assert_eq!(run(0x1022_1d01 /* bcdtrunc. 1,2,3,0 */, 2 << 64, 0x345d), (0x45d, LT | SO));
    assert_eq!(run(0x1022_1d01, 0xffff << 64, 0x345d), (0x345d, LT));
}

#[test]
fn bcdsr_rounds_half_up() {
    // 12345 shifted right by 2 digits and rounded: 123 (the last digit out is 4); 12355: 124.
    let shift = (0xfeu128) << 64; // byte 7 = -2
    assert_eq!(run(0x1022_1dc1 /* bcdsr. 1,2,3,0 */, shift, 0x12345c), (0x123c, GT));
    assert_eq!(run(0x1022_1dc1, shift, 0x12355c), (0x124c, GT));
}

#[test]
fn quadword_conversions() {
    // bcdctsq.: -1234 → two's complement; bcdcfsq.: back, with the preferred signs.
    let (v, cr) = run(0x1020_1d81 /* bcdctsq. 1,3 */, 0, 0x1234b);
    assert_eq!((v as i128, cr), (-1234, LT));
    assert_eq!(run(0x1022_1d81 /* bcdcfsq. 1,3,0 */, 0, (-1234i128) as u128), (0x1234d, LT));
}

#[test]
fn vmul10_multiplies_by_ten_with_carry() {
    let d = Case::new(true).vr(2, u128::MAX).run(0x1022_0201 /* vmul10uq 1,2 */);
    d.next();
    assert_eq!(d.vr(1), u128::MAX - 9); // (2^128 - 1) × 10 mod 2^128
    // vmul10ecuq: carry of (2^128 - 1) × 10 + 9 = 10·2^128 - 1 → 9.
    let d = Case::new(true).vr(2, u128::MAX).vr(3, 9).run(0x1022_1841 /* vmul10ecuq 1,2,3 */);
    d.next();
    assert_eq!(d.vr(1), 9);
}
