//! General instructions, logical part (PoP ch. 7): AND/OR/EXCLUSIVE OR, TEST UNDER MASK,
//! FIND LEFTMOST ONE, POPULATION COUNT, shifts, rotates and the rotate-then-selected-bits
//! family. Expected values are worked out by hand from the book; each instruction runs
//! interpreted and compiled (see `s390_harness`).

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, End, DATA, PC};

#[test]
fn and_or_xor_immediate_fields() {
    // nihf %r1,0x0000ffff: c0 1a 00 00 ff ff — bits 0:31 become 0: CC 0
    let d = Case::new().gpr(1, 0xffff_0000_1234_5678).run(&[0xc0, 0x1a, 0x00, 0x00, 0xff, 0xff]);
    assert_eq!((d.gpr(1), d.cc()), (0x1234_5678, 0));
    // nill %r1,0xff00: a5 17 ff 00 — only bits 48:63 take part; nonzero: CC 1
    let d = Case::new().gpr(1, 0xffff_ffff_ffff_ffff).run(&[0xa5, 0x17, 0xff, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff_ffff_ff00, 1));
    // nihl %r1,0: a5 15 00 00 — field 32:47 zero even though the rest is not: CC 0
    let d = Case::new().gpr(1, u64::MAX).run(&[0xa5, 0x15, 0x00, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_0000_ffff_ffff, 0));
    // oilh %r1,0x8000: a5 1a 80 00
    let d = Case::new().gpr(1, 0).run(&[0xa5, 0x1a, 0x80, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 1));
    // oihf %r1,0: c0 1c 00 00 00 00 — bits 0:31 zero: CC 0 whatever bits 32:63 hold
    let d = Case::new().gpr(1, 5).run(&[0xc0, 0x1c, 0x00, 0x00, 0x00, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (5, 0));
    // xilf %r1,0xffffffff: c0 17 ff ff ff ff — low word becomes 0: CC 0
    let d = Case::new().gpr(1, 0x1_ffff_ffff).run(&[0xc0, 0x17, 0xff, 0xff, 0xff, 0xff]);
    assert_eq!((d.gpr(1), d.cc()), (0x1_0000_0000, 0));
    // xihf %r1,0x80000000: c0 16 80 00 00 00
    let d = Case::new().gpr(1, 0).run(&[0xc0, 0x16, 0x80, 0x00, 0x00, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000_0000_0000, 1));
}

#[test]
fn and_or_xor_register_and_storage_forms() {
    // nrk %r1,%r2,%r3: b9 f4 30 12 — bits 0:31 of r1 kept
    let d = Case::new().gpr(1, 0x7_0000_0000).gpr(2, 0xf0).gpr(3, 0x0f).run(&[0xb9, 0xf4, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x7_0000_0000, 0));
    // ogrk %r1,%r2,%r3: b9 e6 30 12
    let d = Case::new().gpr(2, 1 << 63).gpr(3, 1).run(&[0xb9, 0xe6, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), ((1 << 63) | 1, 1));
    // x %r1,0(%r2): 57 10 20 00
    let d = Case::new().gpr(1, 0x1234_5678).gpr(2, DATA).mem(DATA, &[0x12, 0x34, 0x56, 0x78]).run(&[0x57, 0x10, 0x20, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
    // ng %r1,0(%r2): e3 10 20 00 00 80
    let d = Case::new().gpr(1, u64::MAX).gpr(2, DATA).mem(DATA, &[0x80, 0, 0, 0, 0, 0, 0, 1]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x80]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000_0000_0001, 1));
}

#[test]
fn and_or_xor_immediate_on_storage() {
    // ni 0(%r2),0x0f: 94 0f 20 00
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0xf0]).run(&[0x94, 0x0f, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 1), d.cc()), (vec![0], 0));
    // oi 0(%r2),0x01: 96 01 20 00
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x80]).run(&[0x96, 0x01, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 1), d.cc()), (vec![0x81], 1));
    // xiy 1(%r2),0xff: eb ff 20 01 00 57
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x11, 0xff]).run(&[0xeb, 0xff, 0x20, 0x01, 0x00, 0x57]);
    assert_eq!((d.bytes(DATA, 2), d.cc()), (vec![0x11, 0], 0));
}

#[test]
fn test_under_mask() {
    // tm 0(%r2),0xc0: 91 c0 20 00 — mixed: CC 1 (the one-byte form never gives 2)
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x80]).run(&[0x91, 0xc0, 0x20, 0x00]);
    assert_eq!(d.cc(), 1);
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0xc1]).run(&[0x91, 0xc0, 0x20, 0x00]);
    assert_eq!(d.cc(), 3);
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x3f]).run(&[0x91, 0xc0, 0x20, 0x00]);
    assert_eq!(d.cc(), 0);
    // tm 0(%r2),0: 91 00 20 00 — mask zero: CC 0
    let d = Case::new().cc(3).gpr(2, DATA).mem(DATA, &[0xff]).run(&[0x91, 0x00, 0x20, 0x00]);
    assert_eq!(d.cc(), 0);
    // tmll %r1,0x8001: a7 11 80 01 — mixed, leftmost selected bit one: CC 2
    let d = Case::new().gpr(1, 0x8000).run(&[0xa7, 0x11, 0x80, 0x01]);
    assert_eq!(d.cc(), 2);
    // leftmost selected bit zero: CC 1; all ones: CC 3
    let d = Case::new().gpr(1, 0x0001).run(&[0xa7, 0x11, 0x80, 0x01]);
    assert_eq!(d.cc(), 1);
    let d = Case::new().gpr(1, 0xffff).run(&[0xa7, 0x11, 0x80, 0x01]);
    assert_eq!(d.cc(), 3);
    // tmhh %r1,0x00f0: a7 12 00 f0 — bits 0:15 = 0x0030: mixed, leftmost (0x0080) zero
    let d = Case::new().gpr(1, 0x0030_0000_0000_0000).run(&[0xa7, 0x12, 0x00, 0xf0]);
    assert_eq!(d.cc(), 1);
    // tmlh %r1,0x0001: a7 10 00 01 — bit 47
    let d = Case::new().gpr(1, 0x1_0000).run(&[0xa7, 0x10, 0x00, 0x01]);
    assert_eq!(d.cc(), 3);
}

#[test]
fn flogr_and_popcnt() {
    // flogr %r2,%r5: b9 83 00 25
    let d = Case::new().gpr(5, 0x0000_1000_0000_0001).run(&[0xb9, 0x83, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3), d.cc()), (19, 1, 2));
    let d = Case::new().gpr(3, 9).run(&[0xb9, 0x83, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3), d.cc()), (64, 0, 0));
    // flogr %r3,%r5: odd R1
    let d = Case::new().run(&[0xb9, 0x83, 0x00, 0x35]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // popcnt %r1,%r2: b9 e1 00 12
    let d = Case::new().gpr(2, 0xff01_0300_0000_0080).run(&[0xb9, 0xe1, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x0801_0200_0000_0001, 1));
    let d = Case::new().gpr(1, 7).run(&[0xb9, 0xe1, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
}

#[test]
fn shift_left_single_overflow_keeps_the_sign() {
    // sla %r1,1: 8b 10 00 01 — 0x40000000: a one leaves bit 1 unlike the sign: CC 3
    let d = Case::new().gpr(1, 0x9_4000_0000).run(&[0x8b, 0x10, 0x00, 0x01]);
    assert_eq!((d.gpr(1), d.cc()), (0x9_0000_0000, 3));
    // -1 by 31: only sign-equal bits leave: -2^31, CC 1
    let d = Case::new().gpr(1, 0xffff_ffff).run(&[0x8b, 0x10, 0x00, 0x1f]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 1));
    // -1 by 32: a zero passes bit 1: overflow, sign kept
    let d = Case::new().gpr(1, 0xffff_ffff).run(&[0x8b, 0x10, 0x00, 0x20]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 3));
    // 0xc0000001 by 1: fits (-2147483646)
    let d = Case::new().gpr(1, 0xc000_0001).run(&[0x8b, 0x10, 0x00, 0x01]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0002, 1));
    // slak %r1,%r3,2: eb 13 00 02 00 dd
    let d = Case::new().gpr(3, 3).run(&[0xeb, 0x13, 0x00, 0x02, 0x00, 0xdd]);
    assert_eq!((d.gpr(1), d.cc()), (12, 2));
    // slag %r1,%r3,63: eb 13 00 3f 00 0b — -1: MIN without overflow; 1: overflow, result 0
    let d = Case::new().gpr(3, u64::MAX).run(&[0xeb, 0x13, 0x00, 0x3f, 0x00, 0x0b]);
    assert_eq!((d.gpr(1), d.cc()), (1 << 63, 1));
    let d = Case::new().gpr(3, 1).run(&[0xeb, 0x13, 0x00, 0x3f, 0x00, 0x0b]);
    assert_eq!((d.gpr(1), d.cc()), (0, 3));
    // with the fixed-point-overflow mask on: the exception
    let d = Case::new().with(|c| c.pm = 8).gpr(3, 1).run(&[0xeb, 0x13, 0x00, 0x3f, 0x00, 0x0b]);
    assert_eq!(d.end, End::Exc(exc::FIXED_OVERFLOW, PC));
}

#[test]
fn arithmetic_and_logical_shifts() {
    // sra %r1,4: 8a 10 00 04
    let d = Case::new().gpr(1, 0x5_ffff_ff00).run(&[0x8a, 0x10, 0x00, 0x04]);
    assert_eq!((d.gpr(1), d.cc()), (0x5_ffff_fff0, 1));
    // sra %r1,40: 8a 10 00 28 — all sign bits
    let d = Case::new().gpr(1, 0x7fff_ffff).run(&[0x8a, 0x10, 0x00, 0x28]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
    // srag %r1,%r3,1(%r2): eb 13 20 01 00 0a — amount = bits 58:63 of 1 + r2 (65 → 1)
    let d = Case::new().gpr(2, 64).gpr(3, 0x10).run(&[0xeb, 0x13, 0x20, 0x01, 0x00, 0x0a]);
    assert_eq!((d.gpr(1), d.cc()), (8, 2));
    // srlk %r1,%r3,4: eb 13 00 04 00 de
    let d = Case::new().gpr(1, 0x9_0000_0000).gpr(3, 0xffff_ffff_8000_0000).run(&[0xeb, 0x13, 0x00, 0x04, 0x00, 0xde]);
    assert_eq!(d.gpr(1), 0x9_0800_0000);
    // sll %r1,32: 89 10 00 20 — all bits out
    let d = Case::new().gpr(1, 0x9_ffff_ffff).run(&[0x89, 0x10, 0x00, 0x20]);
    assert_eq!(d.gpr(1), 0x9_0000_0000);
    // srda %r2,8: 8e 20 00 08
    let d = Case::new().gpr(2, 0x8000_0000).gpr(3, 0).run(&[0x8e, 0x20, 0x00, 0x08]);
    assert_eq!((d.gpr(2), d.gpr(3), d.cc()), (0xff80_0000, 0, 1));
    // sldl %r2,4: 8d 20 00 04
    let d = Case::new().gpr(2, 0x1234_5678).gpr(3, 0x9abc_def0).run(&[0x8d, 0x20, 0x00, 0x04]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0x2345_6789, 0xabcd_ef00));
    // slda %r2,1: 8f 20 00 01 — overflow
    let d = Case::new().gpr(2, 0x4000_0000).gpr(3, 0).run(&[0x8f, 0x20, 0x00, 0x01]);
    assert_eq!((d.gpr(2), d.gpr(3), d.cc()), (0, 0, 3));
    // srdl %r3,1: 8c 30 00 01 — odd R1
    let d = Case::new().run(&[0x8c, 0x30, 0x00, 0x01]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn rotates() {
    // rll %r1,%r3,33: eb 13 00 21 00 1d — rotation by 33 is by 1
    let d = Case::new().gpr(1, 0x7_0000_0000).gpr(3, 0x8000_0001).run(&[0xeb, 0x13, 0x00, 0x21, 0x00, 0x1d]);
    assert_eq!(d.gpr(1), 0x7_0000_0003);
    // rllg %r1,%r3,4: eb 13 00 04 00 1c
    let d = Case::new().gpr(3, 0x1234_5678_9abc_def0).run(&[0xeb, 0x13, 0x00, 0x04, 0x00, 0x1c]);
    assert_eq!(d.gpr(1), 0x2345_6789_abcd_ef01);
}

#[test]
fn rotate_then_insert_selected_bits() {
    // risbg %r1,%r2,40,63+Z,8: ec 12 28 bf 08 55
    let d = Case::new().gpr(1, u64::MAX).gpr(2, 0x0011_2233_4455_6677).run(&[0xec, 0x12, 0x28, 0xbf, 0x08, 0x55]);
    assert_eq!((d.gpr(1), d.cc()), (0x0066_7700, 2));
    // without Z: the other bits of r1 stay (negative result: CC 1)
    let d = Case::new().gpr(1, 0xaaaa_aaaa_aaaa_aaaa).gpr(2, 0x0011_2233_4455_6677).run(&[0xec, 0x12, 0x28, 0x3f, 0x08, 0x55]);
    assert_eq!((d.gpr(1), d.cc()), (0xaaaa_aaaa_aa66_7700, 1));
    // wrap-around: start 60 > end 3: bits 60:63 and 0:3
    let d = Case::new().gpr(2, u64::MAX).run(&[0xec, 0x12, 0x3c, 0x83, 0x00, 0x55]);
    assert_eq!((d.gpr(1), d.cc()), (0xf000_0000_0000_000f, 1));
    // risbgn: ec 12 28 bf 08 59 — the same result, CC unchanged
    let d = Case::new().cc(3).gpr(2, 0x0011_2233_4455_6677).run(&[0xec, 0x12, 0x28, 0xbf, 0x08, 0x59]);
    assert_eq!((d.gpr(1), d.cc()), (0x0066_7700, 3));
    // risbhg %r1,%r2,0,31+Z,32: ec 12 00 9f 20 5d — low word of r2 into the high word
    let d = Case::new().cc(3).gpr(1, 0x1111_1111_2222_2222).gpr(2, 0x3333_3333_4444_4444).run(&[0xec, 0x12, 0x00, 0x9f, 0x20, 0x5d]);
    assert_eq!((d.gpr(1), d.cc()), (0x4444_4444_2222_2222, 3));
    // risblg %r1,%r2,24,31+Z,8: ec 12 18 9f 08 51 — byte into bits 56:63, rest of 32:63 zeroed
    let d = Case::new().gpr(1, 0x1111_1111_2222_2222).gpr(2, 0xcd00_0000_0000_0000).run(&[0xec, 0x12, 0x18, 0x9f, 0x08, 0x51]);
    assert_eq!(d.gpr(1), 0x1111_1111_0000_00cd);
}

#[test]
fn rotate_then_and_or_xor_selected_bits() {
    // rnsbg %r1,%r2,32,63,0: ec 12 20 3f 00 54
    let d = Case::new().gpr(1, 0xffff_ffff_f0f0_f0f0).gpr(2, 0x0ff0_0000).run(&[0xec, 0x12, 0x20, 0x3f, 0x00, 0x54]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff_00f0_0000, 1));
    // test only (T in I3): r1 unchanged, CC from the selected bits
    let d = Case::new().gpr(1, 0xffff_ffff_f0f0_f0f0).gpr(2, 0x0ff0_0000).run(&[0xec, 0x12, 0xa0, 0x3f, 0x00, 0x54]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff_f0f0_f0f0, 1));
    let d = Case::new().gpr(1, 0xf0f0_f0f0).gpr(2, 0x0f0f_0f0f).run(&[0xec, 0x12, 0xa0, 0x3f, 0x00, 0x54]);
    assert_eq!(d.cc(), 0);
    // rosbg %r1,%r2,0,7,8: ec 12 00 07 08 56
    let d = Case::new().gpr(1, 0x0100_0000_0000_0005).gpr(2, 0x00ab_0000_0000_0000).run(&[0xec, 0x12, 0x00, 0x07, 0x08, 0x56]);
    assert_eq!((d.gpr(1), d.cc()), (0xab00_0000_0000_0005, 1));
    // rxsbg %r1,%r2,56,63,0: ec 12 38 3f 00 57
    let d = Case::new().gpr(1, 0x1ff).gpr(2, 0xff).run(&[0xec, 0x12, 0x38, 0x3f, 0x00, 0x57]);
    assert_eq!((d.gpr(1), d.cc()), (0x100, 0));
}

/// The test-results form (T, I3 bit 0) with wrapping ranges and rotations: R1 is left
/// unchanged and the CC says whether the selected bits of the result are nonzero (PoP
/// "ROTATE THEN AND/OR/EXCLUSIVE OR SELECTED BITS"). QEMU 7.2 computes these from an
/// uninitialised temporary (CC 0 here), so the difftest generates T = 0 only.
#[test]
fn rotate_then_selected_bits_test_only_forms() {
    // rnsbg %r1,%r2,0x83,0xad,0xff: T, bits 3..45, rotate 63 (= right 1): r2 → 0x5f134ece;
    // bits 32..45: 0x8344c884 & 0x5f134ece → 0x0300.... nonzero: CC 1.
    let d = Case::new().gpr(1, 0x5593_853c_8344_c884).gpr(2, 0xbe26_9d9c).run(&[0xec, 0x12, 0x83, 0xad, 0xff, 0x54]);
    assert_eq!((d.gpr(1), d.cc()), (0x5593_853c_8344_c884, 1));
    // rosbg %r1,%r2,0xff,0x15,0xff: T, wrapping bits 63, 0..21: bit 63 of r1 is one: CC 1.
    let d = Case::new().gpr(1, 1).gpr(2, 0xa42a_0570).run(&[0xec, 0x12, 0xff, 0x15, 0xff, 0x56]);
    assert_eq!((d.gpr(1), d.cc()), (1, 1));
    // rxsbg %r1,%r2,0xff,0x80,1: T, bits 63 and 0 (I4 bit 0 ignored): 0xffffffff ^
    // 0x82d86396 has bit 63 one: CC 1.
    let d = Case::new().gpr(1, 0xffff_ffff).gpr(2, 0x416c_31cb).run(&[0xec, 0x12, 0xff, 0x80, 0x01, 0x57]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff, 1));
    // The same with the selected bits zero: rnsbg T, bits 0..31 of 0xffffffff & anything: CC 0.
    let d = Case::new().gpr(1, 0xffff_ffff).gpr(2, u64::MAX).run(&[0xec, 0x12, 0x80, 0x1f, 0x00, 0x54]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff, 0));
}

#[test]
fn register_halves_and_whole_registers_mix_in_one_block() {
    // lr %r1,%r2: 18 12, then lgr %r3,%r1: b9 04 00 31 — one block, r1 written as a
    // word and read as a doubleword
    let d = Case::new().gpr(1, 0x5_0000_0000).gpr(2, 7).code(PC + 2, &[0xb9, 0x04, 0x00, 0x31]).run(&[0x18, 0x12]);
    assert_eq!(d.end, End::At(PC + 6));
    assert_eq!((d.gpr(1), d.gpr(3)), (0x5_0000_0007, 0x5_0000_0007));
    // a %r1,0(%r1): 5a 10 10 00 — r1 both base (64 bits) and operand (32 bits)
    let d = Case::new().gpr(1, DATA).mem(DATA, &[0, 0, 0, 5]).run(&[0x5a, 0x10, 0x10, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (DATA + 5, 2));
}
