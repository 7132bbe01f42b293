//! General instructions, integer part (PoP ch. 7): one instruction per test, raw bytes with
//! their assembly, expected registers and condition codes worked out by hand from the book.
//! Each runs interpreted and compiled (see `s390_harness`).

mod s390_harness;

use s390_harness::{Case, End, DATA, PC};

#[test]
fn ar_sets_cc_by_sign_and_overflow() {
    // ar %r1,%r2: 1a 12
    let d = Case::new().gpr(1, 0xffff_ffff_0000_0005).gpr(2, 3).run(&[0x1a, 0x12]);
    d.next();
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff_0000_0008, 2));
    let d = Case::new().gpr(1, 0x7fff_ffff).gpr(2, 1).run(&[0x1a, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 3));
    let d = Case::new().gpr(1, 5).gpr(2, (-5i64) as u64).run(&[0x1a, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
    let d = Case::new().gpr(1, 5).gpr(2, (-6i64) as u64).run(&[0x1a, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff, 1));
}

#[test]
fn alr_and_slr_logical_cc() {
    // alr %r1,%r2: 1e 12 — CC 2: zero with carry
    let d = Case::new().gpr(1, 0xffff_ffff).gpr(2, 1).run(&[0x1e, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    let d = Case::new().gpr(1, 0xffff_ffff).gpr(2, 2).run(&[0x1e, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (1, 3));
    // slr %r1,%r2: 1f 12 — CC 2: zero, no borrow; CC 1: nonzero with borrow
    let d = Case::new().gpr(1, 7).gpr(2, 7).run(&[0x1f, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    let d = Case::new().gpr(1, 1).gpr(2, 2).run(&[0x1f, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff, 1));
}

#[test]
fn lcgr_of_the_maximum_negative_overflows() {
    // lcgr %r1,%r2: b9 03 00 12
    let d = Case::new().gpr(2, 1 << 63).run(&[0xb9, 0x03, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (1 << 63, 3));
}

#[test]
fn lg_and_stmg_lmg() {
    // lg %r3,8(%r2): e3 30 20 08 00 04
    let d = Case::new().gpr(2, DATA).mem(DATA + 8, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&[0xe3, 0x30, 0x20, 0x08, 0x00, 0x04]);
    assert_eq!(d.gpr(3), 0x0102_0304_0506_0708);
    // stmg %r14,%r1,0(%r2): eb e1 20 00 00 24 — r14, r15, r0, r1
    let d = Case::new().gpr(2, DATA).gpr(14, 14).gpr(15, 15).gpr(0, 100).gpr(1, 101).run(&[0xeb, 0xe1, 0x20, 0x00, 0x00, 0x24]);
    let b = d.bytes(DATA, 32);
    assert_eq!(b[7], 14);
    assert_eq!(b[15], 15);
    assert_eq!(b[23], 100);
    assert_eq!(b[31], 101);
}

#[test]
fn larl_and_relative_branches() {
    // larl %r1,.+0x100: c0 10 00 00 00 80
    let d = Case::new().run(&[0xc0, 0x10, 0x00, 0x00, 0x00, 0x80]);
    assert_eq!(d.gpr(1), PC + 0x100);
    // brc 8,.+0x20 with CC 0 taken, CC 1 not: a7 84 00 10
    assert_eq!(Case::new().cc(0).run(&[0xa7, 0x84, 0x00, 0x10]).end, End::At(PC + 0x20));
    assert_eq!(Case::new().cc(1).run(&[0xa7, 0x84, 0x00, 0x10]).end, End::At(PC + 4));
    // brasl %r14,.-0x10: c0 e5 ff ff ff f8
    let d = Case::new().run(&[0xc0, 0xe5, 0xff, 0xff, 0xff, 0xf8]);
    assert_eq!((d.end, d.gpr(14)), (End::At(PC - 0x10), PC + 6));
}

#[test]
fn unknown_opcode_is_an_operation_exception() {
    let d = Case::new().run(&[0x00, 0x00]);
    assert_eq!(d.end, End::Exc(cpu_s390x::exc::OPERATION, PC));
}


#[test]
fn a_block_may_use_both_views_of_a_register() {
    // ar %r1,%r2 then lgr %r3,%r1 in one block (1a 12, b9 04 00 31): the 32-bit write and
    // the 64-bit read of r1 must agree in the compiled tier too.
    let d = Case::new()
        .gpr(1, 0xaaaa_aaaa_0000_0001)
        .gpr(2, 1)
        .code(PC + 2, &[0xb9, 0x04, 0x00, 0x31])
        .run(&[0x1a, 0x12]);
    assert_eq!(d.gpr(3), 0xaaaa_aaaa_0000_0002);
}
