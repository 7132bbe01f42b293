//! Branches (PoP ch. 7): on condition, and link/save, on count, on index, compare and
//! branch, compare and trap. Expected values worked out by hand from the book; each case
//! runs interpreted and compiled (see `s390_harness`).

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, End, DATA, PC};

fn amode(m: u8) -> impl FnOnce(&mut cpu_s390x::S390xCpu) {
    move |c| c.amode = m
}

#[test]
fn bal_and_balr_link_information_per_addressing_mode() {
    // bal %r14,0x200(%r2): 45 e0 22 00 — 64-bit mode: the whole next address.
    let d = Case::new().gpr(2, 0x2000).gpr(14, !0).run(&[0x45, 0xe0, 0x22, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2200), PC + 4));
    // 31-bit mode: bit 32 one, bits 0:31 kept.
    let d = Case::new().with(amode(31)).gpr(2, 0x2000).gpr(14, 0xdead_beef_0000_0000).run(&[0x45, 0xe0, 0x22, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2200), 0xdead_beef_8000_1004));
    // 24-bit mode: ILC 2 (bits 32:33 = 10), CC 2 (34:35 = 10), program mask 1010, address.
    let d = Case::new().with(amode(24)).with(|c| c.pm = 0xa).cc(2).gpr(2, 0x2000).gpr(14, 0xdead_beef_0000_0000).run(&[0x45, 0xe0, 0x22, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2200), 0xdead_beef_aa00_1004));
    // balr %r14,%r2: 05 e2 — 24-bit: ILC 1 (01), CC 1 (01), mask 0.
    let d = Case::new().with(amode(24)).cc(1).gpr(2, 0x2000).run(&[0x05, 0xe2]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2000), 0x5000_1002));
    // balr %r14,%r0: 05 e0 — link only, no branch.
    let d = Case::new().with(amode(31)).run(&[0x05, 0xe0]);
    assert_eq!((d.end, d.gpr(14)), (End::At(PC + 2), 0x8000_1002));
    // balr %r2,%r2: the target is R2 before the link replaces it.
    let d = Case::new().gpr(2, 0x3000).run(&[0x05, 0x22]);
    assert_eq!((d.end, d.gpr(2)), (End::At(0x3000), PC + 2));
}

#[test]
fn bas_and_basr_link_information() {
    // bas %r14,0(%r2): 4d e0 20 00 — 31-bit: target wrapped to 31 bits, link with bit 32.
    let d = Case::new().with(amode(31)).gpr(2, 0x1_8000_2000).gpr(14, 0x1111_2222_3333_4444).run(&[0x4d, 0xe0, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2000), 0x1111_2222_8000_1004));
    // 24-bit: bits 32:39 zero, target wrapped to 24 bits.
    let d = Case::new().with(amode(24)).gpr(2, 0xff00_2000).gpr(14, 0x1111_2222_3333_4444).run(&[0x4d, 0xe0, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2000), 0x1111_2222_0000_1004));
    // 64-bit.
    let d = Case::new().gpr(2, 0x2000).run(&[0x4d, 0xe0, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2000), PC + 4));
    // basr %r14,%r2: 0d e2 — 24-bit link.
    let d = Case::new().with(amode(24)).gpr(2, 0x2000).run(&[0x0d, 0xe2]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x2000), 0x1002));
    // bras %r14,.+0x20: a7 e5 00 10 — 31-bit link.
    let d = Case::new().with(amode(31)).run(&[0xa7, 0xe5, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(14)), (End::At(PC + 0x20), 0x8000_1004));
}

#[test]
fn bct_family_counts_in_their_width() {
    // bct %r1,0(%r2): 46 10 20 00
    let d = Case::new().gpr(1, 5).gpr(2, 0x2000).run(&[0x46, 0x10, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 4));
    let d = Case::new().gpr(1, 0xffff_ffff_0000_0001).gpr(2, 0x2000).run(&[0x46, 0x10, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 4), 0xffff_ffff_0000_0000));
    // Bits 32:63 wrap; bits 0:31 kept.
    let d = Case::new().gpr(1, 0x1_0000_0000).gpr(2, 0x2000).run(&[0x46, 0x10, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 0x1_ffff_ffff));
    // bct %r1,0(%r1): the address is R1 before the decrement.
    let d = Case::new().gpr(1, 0x3000).run(&[0x46, 0x10, 0x10, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x3000), 0x2fff));
    // bctr %r1,%r0: 06 10 — decrement only.
    let d = Case::new().gpr(1, 1).run(&[0x06, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 2), 0));
    let d = Case::new().gpr(1, 7).run(&[0x06, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 2), 6));
    // bctr %r1,%r1: 06 11 — target is R1 before the decrement.
    let d = Case::new().gpr(1, 0x3000).run(&[0x06, 0x11]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x3000), 0x2fff));
    // bctg %r1,0(%r2): e3 10 20 00 00 46 — 64-bit: 0x1_0000_0000 - 1 is nonzero.
    let d = Case::new().gpr(1, 0x1_0000_0000).gpr(2, 0x2000).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x46]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 0xffff_ffff));
    let d = Case::new().gpr(1, 1).gpr(2, 0x2000).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x46]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 6), 0));
    // bctgr %r1,%r2: b9 46 00 12
    let d = Case::new().gpr(1, 0).gpr(2, 0x2000).run(&[0xb9, 0x46, 0x00, 0x12]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), u64::MAX));
    // brct %r1,.+0x20: a7 16 00 10
    let d = Case::new().gpr(1, 0xaaaa_aaaa_0000_0002).run(&[0xa7, 0x16, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 0x20), 0xaaaa_aaaa_0000_0001));
    let d = Case::new().gpr(1, 0xaaaa_aaaa_0000_0001).run(&[0xa7, 0x16, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 4), 0xaaaa_aaaa_0000_0000));
    // brctg %r1,.-2: a7 17 ff ff
    let d = Case::new().gpr(1, 0x1_0000_0000).run(&[0xa7, 0x17, 0xff, 0xff]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC - 2), 0xffff_ffff));
    // brcth %r1,.+0x20: cc 16 00 00 00 10 — counts in bits 0:31.
    let d = Case::new().gpr(1, 0x0000_0002_ffff_ffff).run(&[0xcc, 0x16, 0x00, 0x00, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 0x20), 0x0000_0001_ffff_ffff));
    let d = Case::new().gpr(1, 0x0000_0001_0000_0000).run(&[0xcc, 0x16, 0x00, 0x00, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 6), 0));
}

#[test]
fn branch_on_index_uses_the_odd_register_of_the_r3_pair() {
    // bxh %r1,%r4,0(%r2): 86 14 20 00 — increment r4, comparand r5.
    let c = || Case::new().gpr(2, 0x2000).gpr(1, 0xaaaa_aaaa_0000_000a).gpr(4, 1).gpr(5, 10);
    let d = c().run(&[0x86, 0x14, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 0xaaaa_aaaa_0000_000b));
    // bxle %r1,%r4,0(%r2): 87 14 20 00 — 11 <= 10 fails.
    let d = c().run(&[0x87, 0x14, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 4), 0xaaaa_aaaa_0000_000b));
    // A negative increment: 10 + (-1) = 9 <= 10.
    let d = c().gpr(4, 0xffff_ffff).run(&[0x87, 0x14, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 0xaaaa_aaaa_0000_0009));
    // Signed 32-bit comparison: 0x7fffffff + 1 = -2^31, not high against 0.
    let d = Case::new().gpr(2, 0x2000).gpr(1, 0x7fff_ffff).gpr(4, 1).gpr(5, 0).run(&[0x86, 0x14, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 4), 0x8000_0000));
    // Odd R3: bxh %r1,%r3,0(%r2): 86 13 20 00 — r3 is increment and comparand: 5 + 2 > 2.
    let d = Case::new().gpr(2, 0x2000).gpr(1, 5).gpr(3, 2).run(&[0x86, 0x13, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 7));
    // R1 is the comparand register: bxh %r5,%r4,0(%r2): 86 54 20 00 — compared with the
    // original r5 (10): 11 > 10.
    let d = Case::new().gpr(2, 0x2000).gpr(4, 1).gpr(5, 10).run(&[0x86, 0x54, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(5)), (End::At(0x2000), 11));
    // bxhg %r1,%r4,0(%r2): eb 14 20 00 00 44 — 64-bit.
    let d = Case::new().gpr(2, 0x2000).gpr(1, 0x1_0000_0000).gpr(4, 1).gpr(5, 0x1_0000_0000).run(&[0xeb, 0x14, 0x20, 0x00, 0x00, 0x44]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), 0x1_0000_0001));
    // bxleg %r1,%r4,0(%r2): eb 14 20 00 00 45 — -1 + -1 = -2 <= -2.
    let d = Case::new().gpr(2, 0x2000).gpr(1, u64::MAX).gpr(4, u64::MAX).gpr(5, (-2i64) as u64).run(&[0xeb, 0x14, 0x20, 0x00, 0x00, 0x45]);
    assert_eq!((d.end, d.gpr(1)), (End::At(0x2000), (-2i64) as u64));
    // brxh %r1,%r4,.+0x20: 84 14 00 10
    let d = c().run(&[0x84, 0x14, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 0x20), 0xaaaa_aaaa_0000_000b));
    // brxle %r1,%r4,.+0x20: 85 14 00 10
    let d = c().run(&[0x85, 0x14, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 4), 0xaaaa_aaaa_0000_000b));
    // brxhg %r1,%r4,.+0x20: ec 14 00 10 00 44 — 64-bit: 0xaaaa_aaaa_0000_000b is negative.
    let d = c().run(&[0xec, 0x14, 0x00, 0x10, 0x00, 0x44]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 6), 0xaaaa_aaaa_0000_000b));
    // brxlg %r1,%r4,.+0x20: ec 14 00 10 00 45
    let d = c().run(&[0xec, 0x14, 0x00, 0x10, 0x00, 0x45]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 0x20), 0xaaaa_aaaa_0000_000b));
}

#[test]
fn compare_and_branch_relative() {
    // clij %r1,128,2,.+0x20: ec 12 00 10 80 7f — I2 is an unsigned byte: 0x81 > 0x80.
    let d = Case::new().gpr(1, 0x81).run(&[0xec, 0x12, 0x00, 0x10, 0x80, 0x7f]);
    assert_eq!(d.end, End::At(PC + 0x20));
    // clij %r1,128,8 (equal): 32-bit operand, high bits ignored.
    let d = Case::new().gpr(1, 0xffff_0000_0000_0080).run(&[0xec, 0x18, 0x00, 0x10, 0x80, 0x7f]);
    assert_eq!(d.end, End::At(PC + 0x20));
    // clgij %r1,128,2: ec 12 00 10 80 7d
    let d = Case::new().gpr(1, 0x81).run(&[0xec, 0x12, 0x00, 0x10, 0x80, 0x7d]);
    assert_eq!(d.end, End::At(PC + 0x20));
    let d = Case::new().gpr(1, 0x80).run(&[0xec, 0x12, 0x00, 0x10, 0x80, 0x7d]);
    assert_eq!(d.end, End::At(PC + 6));
    // cij %r1,-1,8: ec 18 00 10 ff 7e — signed byte.
    let d = Case::new().gpr(1, 0xffff_ffff).run(&[0xec, 0x18, 0x00, 0x10, 0xff, 0x7e]);
    assert_eq!(d.end, End::At(PC + 0x20));
    // cgij %r1,-1,8: ec 18 00 10 ff 7c — 64-bit: 0xffffffff is not -1.
    let d = Case::new().gpr(1, 0xffff_ffff).run(&[0xec, 0x18, 0x00, 0x10, 0xff, 0x7c]);
    assert_eq!(d.end, End::At(PC + 6));
    // clrj %r1,%r2,4,.+0x20: ec 12 00 10 40 77 — low words 1 < 2.
    let d = Case::new().gpr(1, 0x1_0000_0001).gpr(2, 2).run(&[0xec, 0x12, 0x00, 0x10, 0x40, 0x77]);
    assert_eq!(d.end, End::At(PC + 0x20));
    // crj %r1,%r2,4: ec 12 00 10 40 76 — signed: -1 < 0.
    let d = Case::new().gpr(1, 0xffff_ffff).gpr(2, 0).run(&[0xec, 0x12, 0x00, 0x10, 0x40, 0x76]);
    assert_eq!(d.end, End::At(PC + 0x20));
    // clgrj %r1,%r2,4: ec 12 00 10 40 65 — unsigned: MAX is not low.
    let d = Case::new().gpr(1, u64::MAX).gpr(2, 0).run(&[0xec, 0x12, 0x00, 0x10, 0x40, 0x65]);
    assert_eq!(d.end, End::At(PC + 6));
    // cgrj %r1,%r2,4: ec 12 00 10 40 64
    let d = Case::new().gpr(1, u64::MAX).gpr(2, 0).run(&[0xec, 0x12, 0x00, 0x10, 0x40, 0x64]);
    assert_eq!(d.end, End::At(PC + 0x20));
    // The CC is not changed.
    let d = Case::new().cc(3).gpr(1, 1).gpr(2, 1).run(&[0xec, 0x12, 0x00, 0x10, 0x80, 0x64]);
    assert_eq!((d.end, d.cc()), (End::At(PC + 0x20), 3));
}

#[test]
fn compare_and_branch_to_an_address() {
    // crb %r1,%r2,8,0(%r3): ec 12 30 00 80 f6
    let c = |a: u64, b: u64| Case::new().gpr(1, a).gpr(2, b).gpr(3, 0x3000);
    assert_eq!(c(5, 5).run(&[0xec, 0x12, 0x30, 0x00, 0x80, 0xf6]).end, End::At(0x3000));
    assert_eq!(c(5, 6).run(&[0xec, 0x12, 0x30, 0x00, 0x80, 0xf6]).end, End::At(PC + 6));
    // cgrb %r1,%r2,4,0(%r3): ec 12 30 00 40 e4 — signed -1 < 0.
    assert_eq!(c(u64::MAX, 0).run(&[0xec, 0x12, 0x30, 0x00, 0x40, 0xe4]).end, End::At(0x3000));
    // clgrb %r1,%r2,4,0(%r3): ec 12 30 00 40 e5 — unsigned MAX is high.
    assert_eq!(c(u64::MAX, 0).run(&[0xec, 0x12, 0x30, 0x00, 0x40, 0xe5]).end, End::At(PC + 6));
    // clrb %r1,%r2,2,0(%r3): ec 12 30 00 20 f7 — 0x80000000 > 1 unsigned.
    assert_eq!(c(0x8000_0000, 1).run(&[0xec, 0x12, 0x30, 0x00, 0x20, 0xf7]).end, End::At(0x3000));
    // crb with mask 2: signed 0x80000000 is low.
    assert_eq!(c(0x8000_0000, 1).run(&[0xec, 0x12, 0x30, 0x00, 0x20, 0xf6]).end, End::At(PC + 6));
    // Mask 0 never, mask 14 always.
    assert_eq!(c(1, 2).run(&[0xec, 0x12, 0x30, 0x00, 0x00, 0xf6]).end, End::At(PC + 6));
    assert_eq!(c(1, 2).run(&[0xec, 0x12, 0x30, 0x00, 0xe0, 0xf6]).end, End::At(0x3000));
    // cib %r1,-1,8,0x10(%r3): ec 18 30 10 ff fe
    assert_eq!(c(0xffff_ffff, 0).run(&[0xec, 0x18, 0x30, 0x10, 0xff, 0xfe]).end, End::At(0x3010));
    // cgib %r1,-128,4,0(%r3): ec 14 30 00 80 fc — -129 < -128.
    assert_eq!(c((-129i64) as u64, 0).run(&[0xec, 0x14, 0x30, 0x00, 0x80, 0xfc]).end, End::At(0x3000));
    // clib %r1,128,2,0(%r3): ec 12 30 00 80 ff — unsigned byte.
    assert_eq!(c(0x81, 0).run(&[0xec, 0x12, 0x30, 0x00, 0x80, 0xff]).end, End::At(0x3000));
    // clgib %r1,255,8,0(%r3): ec 18 30 00 ff fd
    assert_eq!(c(255, 0).run(&[0xec, 0x18, 0x30, 0x00, 0xff, 0xfd]).end, End::At(0x3000));
    // 31-bit mode: the branch address wraps.
    let d = c(5, 5).gpr(3, 0x8000_3000).with(amode(31)).run(&[0xec, 0x12, 0x30, 0x00, 0x80, 0xf6]);
    assert_eq!(d.end, End::At(0x3000));
}

/// A compare-and-trap that traps: data exception at the instruction, DXC 0xff in FPC bits
/// 16:23, the rest of the FPC kept.
fn traps(c: Case, insn: &[u8]) {
    let d = c.with(|c| c.fpc = 0x1234_5603).run(insn);
    assert_eq!(d.end, End::Exc(exc::DATA, PC), "{insn:02x?} should trap");
    assert_eq!(d.cpu.fpc, 0x1234_ff03);
}
fn no_trap(c: Case, insn: &[u8]) {
    let d = c.with(|c| c.fpc = 0x1234_5603).run(insn);
    d.next();
    assert_eq!(d.cpu.fpc, 0x1234_5603);
}

#[test]
fn compare_and_trap() {
    let c = |a: u64, b: u64| Case::new().gpr(1, a).gpr(2, b);
    // crt %r1,%r2,8: b9 72 80 12
    traps(c(0x1_0000_0005, 5), &[0xb9, 0x72, 0x80, 0x12]);
    no_trap(c(4, 5), &[0xb9, 0x72, 0x80, 0x12]);
    // cgrt %r1,%r2,4: b9 60 40 12 — signed -1 < 0
    traps(c(u64::MAX, 0), &[0xb9, 0x60, 0x40, 0x12]);
    // clgrt %r1,%r2,4: b9 61 40 12 — unsigned: no.
    no_trap(c(u64::MAX, 0), &[0xb9, 0x61, 0x40, 0x12]);
    // clrt %r1,%r2,2: b9 73 20 12
    traps(c(0x8000_0000, 1), &[0xb9, 0x73, 0x20, 0x12]);
    // mask 0 never traps.
    no_trap(c(5, 5), &[0xb9, 0x72, 0x00, 0x12]);
    // cit %r1,-1,8: ec 10 ff ff 80 72
    traps(c(0xffff_ffff, 0), &[0xec, 0x10, 0xff, 0xff, 0x80, 0x72]);
    // cgit %r1,-1,8: ec 10 ff ff 80 70 — 64-bit 0xffffffff is not -1.
    no_trap(c(0xffff_ffff, 0), &[0xec, 0x10, 0xff, 0xff, 0x80, 0x70]);
    // clfit %r1,65535,8: ec 10 ff ff 80 73 — unsigned immediate.
    traps(c(0xffff, 0), &[0xec, 0x10, 0xff, 0xff, 0x80, 0x73]);
    no_trap(c(0xffff_ffff, 0), &[0xec, 0x10, 0xff, 0xff, 0x80, 0x73]);
    // clgit %r1,65535,2: ec 10 ff ff 20 71
    traps(c(0x1_0000, 0), &[0xec, 0x10, 0xff, 0xff, 0x20, 0x71]);
    // clt %r1,8,0(%r2): eb 18 20 00 00 23
    traps(c(5, DATA).mem(DATA, &[0, 0, 0, 5]), &[0xeb, 0x18, 0x20, 0x00, 0x00, 0x23]);
    no_trap(c(6, DATA).mem(DATA, &[0, 0, 0, 5]), &[0xeb, 0x18, 0x20, 0x00, 0x00, 0x23]);
    // clgt %r1,4,0(%r2): eb 14 20 00 00 2b — 5 < 0x10.
    traps(c(5, DATA).mem(DATA, &[0, 0, 0, 0, 0, 0, 0, 0x10]), &[0xeb, 0x14, 0x20, 0x00, 0x00, 0x2b]);
}

#[test]
fn brc_every_mask_and_cc() {
    // brc m,+0x10 (a7 m4 00 08): taken iff mask bit 8 >> CC is set (PoP "BRANCH ON
    // CONDITION"), for a CC loaded from the state ...
    for m in 0..16u8 {
        for cc in 0..4u8 {
            let d = Case::new().cc(cc).run(&[0xa7, m << 4 | 4, 0x00, 0x08]);
            let taken = m >> (3 - cc) & 1 != 0;
            assert_eq!(d.end, End::At(if taken { PC + 0x10 } else { PC + 4 }), "mask {m} cc {cc}");
        }
    }
    // ... for one an add in the same block makes (ahi %r1,1: a7 1a 00 01): zero, low,
    // high and overflow ...
    for m in 0..16u8 {
        for (r1, cc) in [(u64::MAX, 0u8), (0xffff_fffe, 1), (0, 2), (0x7fff_ffff, 3)] {
            let d = Case::new().gpr(1, r1).run(&[0xa7, 0x1a, 0x00, 0x01, 0xa7, m << 4 | 4, 0x00, 0x08]);
            let taken = m >> (3 - cc) & 1 != 0;
            assert_eq!((d.end, d.cc()), (End::At(if taken { PC + 4 + 0x10 } else { PC + 8 }), cc), "ahi then mask {m} cc {cc}");
        }
    }
    // ... and for one a compare in the same block makes: cr %r1,%r2 then brc m.
    for m in 0..16u8 {
        for (a, b, cc) in [(5u64, 5u64, 0u8), (3, 7, 1), (9, 2, 2)] {
            let d = Case::new().gpr(1, a).gpr(2, b).run(&[0x19, 0x12, 0xa7, m << 4 | 4, 0x00, 0x08]);
            let taken = m >> (3 - cc) & 1 != 0;
            assert_eq!(d.end, End::At(if taken { PC + 2 + 0x10 } else { PC + 6 }), "cr then mask {m} cc {cc}");
        }
    }
    // The compiled tier turns "compare, then branch on the mask" into one comparison of the
    // operands: signed against logical, 32 against 64 bits must each pick their own
    // (PoP "COMPARE" / "COMPARE LOGICAL": CC 0 equal, 1 first operand low, 2 high).
    // cr 1,2 (19 12), clr (15 12), cgr (b9 20 00 12), clgr (b9 21 00 12).
    let big = 0x8000_0000_0000_0005u64; // negative as 64 bits, positive 5 in the low word
    let rows: [(&[u8], u64, u64, u8); 10] = [
        (&[0x19, 0x12], big, 5, 0),
        (&[0x19, 0x12], 0xffff_ffff, 1, 1),
        (&[0x15, 0x12], 0xffff_ffff, 1, 2),
        (&[0x15, 0x12], 0x1_0000_0000, 1, 1),
        (&[0xb9, 0x20, 0x00, 0x12], big, 5, 1),
        (&[0xb9, 0x20, 0x00, 0x12], 5, big, 2),
        (&[0xb9, 0x20, 0x00, 0x12], big, big, 0),
        (&[0xb9, 0x21, 0x00, 0x12], big, 5, 2),
        (&[0xb9, 0x21, 0x00, 0x12], 5, big, 1),
        (&[0xb9, 0x21, 0x00, 0x12], u64::MAX, u64::MAX, 0),
    ];
    for (cmp, a, b, cc) in rows {
        brc_after(cmp, || Case::new().gpr(1, a).gpr(2, b), cc);
    }
}

/// Runs `op` then `brc m,+0x10` (a7 m4 00 08) for every mask `m` on the state `case` makes:
/// the branch is taken iff mask bit 8 >> CC is set, and the CC is `cc` (both tiers).
fn brc_after(op: &[u8], case: impl Fn() -> Case, cc: u8) {
    for m in 0..16u8 {
        let mut code = op.to_vec();
        code.extend_from_slice(&[0xa7, m << 4 | 4, 0x00, 0x08]);
        let d = case().run(&code);
        let at = PC + op.len() as u64;
        let taken = m >> (3 - cc) & 1 != 0;
        assert_eq!((d.end, d.cc()), (End::At(if taken { at + 0x10 } else { at + 4 }), cc), "{op:02x?} mask {m}");
    }
}

/// As above for the logical operations' CC (PoP "AND": 0 result zero, 1 not zero), of the
/// result's own width: nr 1,2 (14 12) looks at bits 32:63 only, ngr (b9 80 00 12) at all 64,
/// nill 1,i2 (a5 17 i2) at bits 48:63.
#[test]
fn brc_every_mask_after_a_logical_result() {
    let high_only = 0xffff_0000_0000_0000u64;
    let rows: [(&[u8], u64, u64, u8); 6] = [
        (&[0x14, 0x12], high_only | 0xf0, high_only | 0x0f, 0),
        (&[0x14, 0x12], 0xf0, 0x30, 1),
        (&[0xb9, 0x80, 0x00, 0x12], high_only | 0xf0, high_only | 0x0f, 1),
        (&[0xb9, 0x80, 0x00, 0x12], 0xf0, 0x0f, 0),
        (&[0xa5, 0x17, 0x00, 0xff], 0xffff_0000_ff00, 0, 0),
        (&[0xa5, 0x17, 0x00, 0xff], 0x0001, 0, 1),
    ];
    for (op, a, b, cc) in rows {
        brc_after(op, || Case::new().gpr(1, a).gpr(2, b), cc);
    }
}

/// As above for TEST UNDER MASK (PoP: CC 0 selected bits all zero or mask zero, 3 all
/// one; mixed: 1 for `TM`, and for `TMLL` 1 when the leftmost selected bit is zero, 2 when
/// it is one), whose CC the compiled tier also tests from the selected bits directly.
#[test]
fn brc_every_mask_after_test_under_mask() {
    // tmll %r1,i2 (a7 11 i2): every CC, and a zero mask.
    let tmll = |i2: u16| vec![0xa7, 0x11, (i2 >> 8) as u8, i2 as u8];
    // tm 0(%r2),i2 (91 i2 20 00) on the byte at DATA.
    let tm = |i2: u8| vec![0x91, i2, 0x20, 0x00];
    let rows: [(Vec<u8>, u64, u8, u8); 11] = [
        (tmll(0x2002), 0xffff_0000, 0, 0),
        (tmll(0x2002), 0x0002, 0, 1),
        (tmll(0x2002), 0xf000, 0, 2),
        (tmll(0x2002), 0x2002, 0, 3),
        (tmll(0x8000), 0x8000, 0, 3),
        (tmll(0), 0xffff, 0, 0),
        (tm(0x18), 0, 0x07, 0),
        (tm(0x18), 0, 0x08, 1),
        (tm(0x18), 0, 0x10, 1),
        (tm(0x18), 0, 0xff, 3),
        (tm(0), 0, 0xff, 0),
    ];
    for (test, r1, byte, cc) in rows {
        brc_after(&test, || Case::new().gpr(1, r1).gpr(2, DATA).mem(DATA, &[byte]), cc);
    }
}

/// BRAS followed by `br %r14` in the callee: the compiled trace follows the call and goes
/// on inline at the return address when the branch goes there (31-bit mode: the link has
/// bit 32 set, the branch address is wrapped), and leaves when the callee returns elsewhere.
#[test]
fn call_and_return_within_a_trace() {
    // bras %r14,.+0x20: a7 e5 00 10; at .+0x20: ahi %r2,1 (a7 2a 00 01); br %r14 (07 fe).
    for m in [64, 31, 24] {
        let d = Case::new().with(amode(m)).gpr(2, 5).code(PC + 0x20, &[0xa7, 0x2a, 0x00, 0x01, 0x07, 0xfe]).run(&[0xa7, 0xe5, 0x00, 0x10]);
        assert_eq!((d.end, d.gpr(2)), (End::At(PC + 4), 6), "amode {m}");
    }
    // The callee returns 2 bytes past the link: ahi %r14,2 (a7 ea 00 02); br %r14.
    let d = Case::new().gpr(2, 5).code(PC + 0x20, &[0xa7, 0xea, 0x00, 0x02, 0x07, 0xfe]).run(&[0xa7, 0xe5, 0x00, 0x10]);
    assert_eq!((d.end, d.gpr(14)), (End::At(PC + 6), PC + 6));
}
