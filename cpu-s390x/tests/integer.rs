//! General instructions, integer part (PoP ch. 7): one instruction per test, raw bytes with
//! their assembly, expected registers and condition codes worked out by hand from the book.
//! Each runs interpreted and compiled (see `s390_harness`).

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{clone_cpu, Case, End, DATA, FAULT, PC};

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

// ---- add / subtract ----

/// The instruction bytes at `PC` for `complete_fixed_overflow`.
struct Code(Vec<u8>);
impl jit::frontend::CodeSource for Code {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let off = (pc - PC) as usize;
        match self.0.get(off..off + buf.len()) {
            Some(b) => {
                buf.copy_from_slice(b);
                true
            }
            None => false,
        }
    }
}
/// No data memory (register-only instructions).
struct NoMem;
impl jit::interp::InterpMemory for NoMem {
    fn load(&mut self, _: u64, _: usize) -> Option<u128> {
        None
    }
    fn store(&mut self, _: u64, _: &[u8]) -> bool {
        false
    }
}

#[test]
fn fixed_point_overflow_with_the_mask_on_is_reported_and_completed() {
    // ar %r1,%r2: 1a 12 — 0x7fffffff + 1 overflows; PSW bit 20 (pm & 8) on: fixed-point
    // overflow. The raise nullifies (r1 unchanged), the completion makes the result.
    let d = Case::new().gpr(1, 0x7fff_ffff).gpr(2, 1).with(|c| c.pm = 8).run(&[0x1a, 0x12]);
    assert_eq!(d.end, End::Exc(exc::FIXED_OVERFLOW, PC));
    assert_eq!(d.gpr(1), 0x7fff_ffff);
    let mut cpu = clone_cpu(&d.cpu);
    cpu.hdr.pc = PC;
    let out = cpu_s390x::integer::complete_fixed_overflow(&mut cpu, &mut NoMem, &Code(vec![0x1a, 0x12]));
    assert_eq!(out, jit::interp::Outcome::Next(PC + 2));
    assert_eq!((cpu.gpr[1], cpu.cc, cpu.pm), (0x8000_0000, 3, 8));
    // Without overflow the mask changes nothing.
    let d = Case::new().gpr(1, 5).gpr(2, 1).with(|c| c.pm = 8).run(&[0x1a, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (6, 2));
    // Mask off: CC 3 and no exception.
    let d = Case::new().gpr(1, 0x8000_0000).gpr(2, 0xffff_ffff).run(&[0x1a, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x7fff_ffff, 3));
}

#[test]
fn aghi_agfr_sgr_overflow_and_sign() {
    // aghi %r1,1: a7 1b 00 01
    let d = Case::new().gpr(1, i64::MAX as u64).run(&[0xa7, 0x1b, 0x00, 0x01]);
    assert_eq!((d.gpr(1), d.cc()), (1 << 63, 3));
    // aghi %r1,-2: a7 1b ff fe
    let d = Case::new().gpr(1, 1).run(&[0xa7, 0x1b, 0xff, 0xfe]);
    assert_eq!((d.gpr(1), d.cc()), (u64::MAX, 1));
    // sgr %r1,%r2: b9 09 00 12 — MIN - 1 overflows to MAX
    let d = Case::new().gpr(1, 1 << 63).gpr(2, 1).run(&[0xb9, 0x09, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (i64::MAX as u64, 3));
    // sr %r1,%r2: 1b 12 — 0 - MIN32 overflows
    let d = Case::new().gpr(1, 0xaaaa_aaaa_0000_0000).gpr(2, 0x8000_0000).run(&[0x1b, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xaaaa_aaaa_8000_0000, 3));
    // srk %r1,%r2,%r3: b9 f9 30 12 — 3 - 5 = -2
    let d = Case::new().gpr(2, 3).gpr(3, 5).run(&[0xb9, 0xf9, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_fffe, 1));
}

#[test]
fn logical_add_subtract_forms() {
    // algfr %r1,%r2: b9 1a 00 12 — MAX + 1 = 0 with carry: CC 2
    let d = Case::new().gpr(1, u64::MAX).gpr(2, 0xffff_ffff_0000_0001).run(&[0xb9, 0x1a, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    // alhsik %r1,%r3,-1: ec 13 ff ff 00 da — 5 + 0xffffffff: 4, carry: CC 3
    let d = Case::new().gpr(3, 5).run(&[0xec, 0x13, 0xff, 0xff, 0x00, 0xda]);
    assert_eq!((d.gpr(1), d.cc()), (4, 3));
    // slgrk %r1,%r2,%r3: b9 eb 30 12 — 1 - 2: borrow, nonzero: CC 1
    let d = Case::new().gpr(2, 1).gpr(3, 2).run(&[0xb9, 0xeb, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (u64::MAX, 1));
    // slfi %r1,7: c2 15 00 00 00 07 — 9 - 7: no borrow, nonzero: CC 3
    let d = Case::new().gpr(1, 9).run(&[0xc2, 0x15, 0x00, 0x00, 0x00, 0x07]);
    assert_eq!((d.gpr(1), d.cc()), (2, 3));
}

#[test]
fn add_with_carry_and_subtract_with_borrow() {
    // alcr %r1,%r2: b9 98 00 12 — carry in (CC 2): 0xffffffff + 0 + 1 = 0, carry: CC 2
    let d = Case::new().cc(2).gpr(1, 0xffff_ffff).gpr(2, 0).run(&[0xb9, 0x98, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    // no carry in (CC 1): 5 + 3 = 8: CC 1
    let d = Case::new().cc(1).gpr(1, 5).gpr(2, 3).run(&[0xb9, 0x98, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (8, 1));
    // alcgr %r1,%r2: b9 88 00 12 — MAX + 0 + carry (CC 3) = 0 with carry: CC 2
    let d = Case::new().cc(3).gpr(1, u64::MAX).gpr(2, 0).run(&[0xb9, 0x88, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    // MAX + MAX + 1 = MAX, carry: CC 3
    let d = Case::new().cc(2).gpr(1, u64::MAX).gpr(2, u64::MAX).run(&[0xb9, 0x88, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (u64::MAX, 3));
    // slbr %r1,%r2: b9 99 00 12 — borrow in (CC 1): 5 - 5 - 1 = -1, borrow: CC 1
    let d = Case::new().cc(1).gpr(1, 5).gpr(2, 5).run(&[0xb9, 0x99, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff, 1));
    // 5 - 4 - 1 = 0, no borrow: CC 2
    let d = Case::new().cc(0).gpr(1, 5).gpr(2, 4).run(&[0xb9, 0x99, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    // 0 - 0xffffffff - 1 = 0 with borrow: CC 0 (only SLB can give it)
    let d = Case::new().cc(0).gpr(1, 0).gpr(2, 0xffff_ffff).run(&[0xb9, 0x99, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
    // slbgr %r1,%r2: b9 89 00 12 — no borrow in (CC 3): 7 - 2 = 5: CC 3
    let d = Case::new().cc(3).gpr(1, 7).gpr(2, 2).run(&[0xb9, 0x89, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (5, 3));
    // slbg %r1,0(%r2): e3 10 20 00 00 89 — 0 - MAX - 1 = 0, borrow: CC 0
    let d = Case::new().cc(0).gpr(2, DATA).mem(DATA, &[0xff; 8]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x89]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
}

#[test]
fn add_immediate_to_storage() {
    // asi 0(%r2),5: eb 05 20 00 00 6a — 0x7ffffffe + 5 overflows: CC 3
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x7f, 0xff, 0xff, 0xfe]).run(&[0xeb, 0x05, 0x20, 0x00, 0x00, 0x6a]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0x80, 0, 0, 3], 3));
    // asi 0(%r2),1 on -1: 0, CC 0
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0xff; 4]).run(&[0xeb, 0x01, 0x20, 0x00, 0x00, 0x6a]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0; 4], 0));
    // overflow with the mask on: nothing stored
    let d = Case::new().gpr(2, DATA).with(|c| c.pm = 8).mem(DATA, &[0x7f, 0xff, 0xff, 0xfe]).run(&[0xeb, 0x05, 0x20, 0x00, 0x00, 0x6a]);
    assert_eq!((d.end, d.bytes(DATA, 4)), (End::Exc(exc::FIXED_OVERFLOW, PC), vec![0x7f, 0xff, 0xff, 0xfe]));
    // agsi 8(%r2),-3: eb fd 20 08 00 7a — 10 - 3 = 7: CC 2
    let d = Case::new().gpr(2, DATA).mem(DATA + 8, &[0, 0, 0, 0, 0, 0, 0, 10]).run(&[0xeb, 0xfd, 0x20, 0x08, 0x00, 0x7a]);
    assert_eq!((d.bytes(DATA + 8, 8), d.cc()), (vec![0, 0, 0, 0, 0, 0, 0, 7], 2));
    // alsi 0(%r2),-1: eb ff 20 00 00 6e — 5 + 0xffffffff = 4 with carry: CC 3
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0, 0, 0, 5]).run(&[0xeb, 0xff, 0x20, 0x00, 0x00, 0x6e]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0, 0, 0, 4], 3));
    // 0 + 0xffffffff: no carry, nonzero: CC 1
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0; 4]).run(&[0xeb, 0xff, 0x20, 0x00, 0x00, 0x6e]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0xff; 4], 1));
    // algsi 0(%r2),1: eb 01 20 00 00 7e — MAX + 1 = 0 with carry: CC 2
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0xff; 8]).run(&[0xeb, 0x01, 0x20, 0x00, 0x00, 0x7e]);
    assert_eq!((d.bytes(DATA, 8), d.cc()), (vec![0; 8], 2));
}

#[test]
fn high_word_add_subtract() {
    // ahhhr %r1,%r2,%r3: b9 c8 30 12 — 0x7fffffff + 1 in bits 0:31: overflow, low half kept
    let d = Case::new().gpr(1, 0x1234).gpr(2, 0x7fff_ffff_0000_0000).gpr(3, 0x1_0000_0000).run(&[0xb9, 0xc8, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000_0000_1234, 3));
    // ahhlr %r1,%r2,%r3: b9 d8 30 12 — high(r2) 5 + low(r3) -7 = -2
    let d = Case::new().gpr(2, 0x5_0000_0000).gpr(3, 0xffff_fff9).run(&[0xb9, 0xd8, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_fffe_0000_0000, 1));
    // slhhhr %r1,%r2,%r3: b9 cb 30 12 — 3 - 3 = 0, no borrow: CC 2
    let d = Case::new().gpr(2, 0x3_0000_0000).gpr(3, 0x3_0000_0000).run(&[0xb9, 0xcb, 0x30, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 2));
    // aih %r1,-1: cc 18 ff ff ff ff — high 0 - 1
    let d = Case::new().gpr(1, 0x77).run(&[0xcc, 0x18, 0xff, 0xff, 0xff, 0xff]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_ffff_0000_0077, 1));
    // alsih %r1,1: cc 1a 00 00 00 01 — 0xffffffff + 1 = 0, carry: CC 2
    let d = Case::new().gpr(1, 0xffff_ffff_0000_0005).run(&[0xcc, 0x1a, 0x00, 0x00, 0x00, 0x01]);
    assert_eq!((d.gpr(1), d.cc()), (5, 2));
    // alsihn %r1,1: cc 1b 00 00 00 01 — CC unchanged
    let d = Case::new().cc(1).gpr(1, 0xffff_ffff_0000_0005).run(&[0xcc, 0x1b, 0x00, 0x00, 0x00, 0x01]);
    assert_eq!((d.gpr(1), d.cc()), (5, 1));
}

// ---- multiply / divide ----

#[test]
fn multiply_forms() {
    // mr %r2,%r5: 1c 25 — r3 low -3 * r5 low 7 = -21 into r2:r3 (low halves), high halves kept
    let d = Case::new().gpr(2, 0xaaaa_aaaa_0000_0000).gpr(3, 0xbbbb_bbbb_ffff_fffd).gpr(5, 7).run(&[0x1c, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0xaaaa_aaaa_ffff_ffff, 0xbbbb_bbbb_ffff_ffeb));
    // mr %r3,%r5: 1c 35 — odd R1: specification
    let d = Case::new().run(&[0x1c, 0x35]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // mlr %r2,%r5: b9 96 00 25 — 0xffffffff * 0xffffffff = 0xfffffffe_00000001
    let d = Case::new().gpr(3, 0xffff_ffff).gpr(5, 0xffff_ffff).run(&[0xb9, 0x96, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0xffff_fffe, 1));
    // mlgr %r2,%r5: b9 86 00 25 — MAX * 2 = 1:MAX-1
    let d = Case::new().gpr(3, u64::MAX).gpr(5, 2).run(&[0xb9, 0x86, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (1, u64::MAX - 1));
    // msgfr %r1,%r2: b9 1c 00 12 — 3 * (-2) = -6
    let d = Case::new().gpr(1, 3).gpr(2, 0xffff_fffe).run(&[0xb9, 0x1c, 0x00, 0x12]);
    assert_eq!(d.gpr(1), (-6i64) as u64);
    // mhi %r1,-2: a7 1c ff fe — low half only, no CC change
    let d = Case::new().cc(2).gpr(1, 0x1_0000_0004).run(&[0xa7, 0x1c, 0xff, 0xfe]);
    assert_eq!((d.gpr(1), d.cc()), (0x1_ffff_fff8, 2));
    // mh %r1,0(%r2): 4c 10 20 00 — 0x10000 * 0x8000 (halfword -32768)
    let d = Case::new().gpr(1, 0x10).gpr(2, DATA).mem(DATA, &[0x80, 0x00]).run(&[0x4c, 0x10, 0x20, 0x00]);
    assert_eq!(d.gpr(1), 0xfff8_0000);
}

#[test]
fn divide_forms() {
    // dr %r2,%r5: 1d 25 — 100 / 7: remainder 2 in r2, quotient 14 in r3 (low halves)
    let d = Case::new().gpr(2, 0x5_0000_0000).gpr(3, 100).gpr(5, 7).run(&[0x1d, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0x5_0000_0002, 14));
    // -100 / 7: quotient -14, remainder -2 (sign of the dividend)
    let d = Case::new().gpr(2, 0xffff_ffff).gpr(3, 0xffff_ff9c).gpr(5, 7).run(&[0x1d, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0xffff_fffe, 0xffff_fff2));
    // divisor zero / quotient 2^32: fixed-point divide, nothing changed
    let d = Case::new().gpr(3, 100).run(&[0x1d, 0x25]);
    assert_eq!((d.end, d.gpr(3)), (End::Exc(exc::FIXED_DIVIDE, PC), 100));
    let d = Case::new().gpr(2, 1).gpr(3, 0).gpr(5, 1).run(&[0x1d, 0x25]);
    assert_eq!(d.end, End::Exc(exc::FIXED_DIVIDE, PC));
    // dlr %r2,%r5: b9 97 00 25 — 0x1_00000000 / 2 = 0x80000000 fits unsigned
    let d = Case::new().gpr(2, 1).gpr(3, 0).gpr(5, 2).run(&[0xb9, 0x97, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0, 0x8000_0000));
    // dsgr %r2,%r5: b9 0d 00 25 — -7 / 2: quotient -3, remainder -1
    let d = Case::new().gpr(3, (-7i64) as u64).gpr(5, 2).run(&[0xb9, 0x0d, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (u64::MAX, (-3i64) as u64));
    // MIN / -1: fixed-point divide
    let d = Case::new().gpr(3, 1 << 63).gpr(5, u64::MAX).run(&[0xb9, 0x0d, 0x00, 0x25]);
    assert_eq!(d.end, End::Exc(exc::FIXED_DIVIDE, PC));
    // dsgfr %r2,%r5: b9 1d 00 25 — divisor low 32 bits sign-extended: 100 / -3
    let d = Case::new().gpr(3, 100).gpr(5, 0x7_ffff_fffd).run(&[0xb9, 0x1d, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (1, (-33i64) as u64));
    // dlgr %r2,%r5: b9 87 00 25 — 2^64 / 2 = 2^63, remainder 0
    let d = Case::new().gpr(2, 1).gpr(3, 0).gpr(5, 2).run(&[0xb9, 0x87, 0x00, 0x25]);
    assert_eq!((d.gpr(2), d.gpr(3)), (0, 1 << 63));
    // high half not below the divisor: quotient too large
    let d = Case::new().gpr(2, 2).gpr(3, 0).gpr(5, 2).run(&[0xb9, 0x87, 0x00, 0x25]);
    assert_eq!((d.end, d.gpr(2)), (End::Exc(exc::FIXED_DIVIDE, PC), 2));
    // dlgr %r3,%r5: odd R1
    let d = Case::new().gpr(5, 2).run(&[0xb9, 0x87, 0x00, 0x35]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn load_positive_negative_complement() {
    // lpr %r1,%r2: 10 12
    let d = Case::new().gpr(2, 0x8000_0000).run(&[0x10, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 3));
    let d = Case::new().gpr(1, 0x9_0000_0000).gpr(2, 0xffff_fffb).run(&[0x10, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x9_0000_0005, 2));
    let d = Case::new().gpr(2, 0).run(&[0x10, 0x12]);
    assert_eq!(d.cc(), 0);
    // lpgfr %r1,%r2: b9 10 00 12 — |MIN32| fits in 64 bits
    let d = Case::new().gpr(2, 0x8000_0000).run(&[0xb9, 0x10, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 2));
    // lnr %r1,%r2: 11 12 — never overflows
    let d = Case::new().gpr(2, 0x8000_0000).run(&[0x11, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 1));
    let d = Case::new().gpr(2, 5).run(&[0x11, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0xffff_fffb, 1));
    // lngr %r1,%r2: b9 01 00 12
    let d = Case::new().gpr(2, (-9i64) as u64).run(&[0xb9, 0x01, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), ((-9i64) as u64, 1));
    // lcgfr %r1,%r2: b9 13 00 12 — -(MIN32) = 2^31
    let d = Case::new().gpr(2, 0x8000_0000).run(&[0xb9, 0x13, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 2));
    // lcr %r1,%r2: 13 12 with the mask on and MIN: fixed-point overflow
    let d = Case::new().with(|c| c.pm = 8).gpr(2, 0x8000_0000).run(&[0x13, 0x12]);
    assert_eq!(d.end, End::Exc(exc::FIXED_OVERFLOW, PC));
}

// ---- compare ----

#[test]
fn compare_forms() {
    // chsi 0(%r2),-1: e5 5c 20 00 ff ff — word 0 > -1: CC 2
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0; 4]).run(&[0xe5, 0x5c, 0x20, 0x00, 0xff, 0xff]);
    assert_eq!(d.cc(), 2);
    // clhhsi 0(%r2),0x8000: e5 55 20 00 80 00 — halfword 0x7fff < 0x8000 unsigned: CC 1
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x7f, 0xff]).run(&[0xe5, 0x55, 0x20, 0x00, 0x80, 0x00]);
    assert_eq!(d.cc(), 1);
    // chhsi 0(%r2),0: e5 54 20 00 00 00 — halfword 0x8000 negative: CC 1
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x80, 0x00]).run(&[0xe5, 0x54, 0x20, 0x00, 0x00, 0x00]);
    assert_eq!(d.cc(), 1);
    // crl %r1,.+0x20: c6 1d 00 00 00 10 — the word at PC+0x20 is 0x0a000a00 (svc 0 twice)
    let d = Case::new().gpr(1, 0x0a00_0a00).run(&[0xc6, 0x1d, 0x00, 0x00, 0x00, 0x10]);
    assert_eq!(d.cc(), 0);
    // clhrl %r1,.+0x20: c6 17 00 00 00 10 — 0x0a00 vs 0xff00: high
    let d = Case::new().gpr(1, 0xff00).run(&[0xc6, 0x17, 0x00, 0x00, 0x00, 0x10]);
    assert_eq!(d.cc(), 2);
    // chhr %r1,%r2: b9 cd 00 12 — high words -1 vs 1
    let d = Case::new().gpr(1, 0xffff_ffff_0000_0000).gpr(2, 0x1_0000_0000).run(&[0xb9, 0xcd, 0x00, 0x12]);
    assert_eq!(d.cc(), 1);
    // clhlr %r1,%r2: b9 df 00 12 — high(r1) 0xffffffff vs low(r2) 1 unsigned: high
    let d = Case::new().gpr(1, 0xffff_ffff_0000_0000).gpr(2, 1).run(&[0xb9, 0xdf, 0x00, 0x12]);
    assert_eq!(d.cc(), 2);
    // clih %r1,0x80000000: cc 1f 80 00 00 00
    let d = Case::new().gpr(1, 0x8000_0000_0000_0000).run(&[0xcc, 0x1f, 0x80, 0x00, 0x00, 0x00]);
    assert_eq!(d.cc(), 0);
    // cgf %r1,0(%r2): e3 10 20 00 00 30 — -1 (64) vs word 0xffffffff sign-extended: equal
    let d = Case::new().gpr(1, u64::MAX).gpr(2, DATA).mem(DATA, &[0xff; 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x30]);
    assert_eq!(d.cc(), 0);
    // clgf %r1,0(%r2): e3 10 20 00 00 31 — MAX vs 0xffffffff zero-extended: high
    let d = Case::new().gpr(1, u64::MAX).gpr(2, DATA).mem(DATA, &[0xff; 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x31]);
    assert_eq!(d.cc(), 2);
    // clm %r1,5,0(%r2): bd 15 20 00 — bytes 1 and 3 of r1's low word (0x22, 0x44) vs 0x22 0x45: low
    let d = Case::new().gpr(1, 0x1122_3344).gpr(2, DATA).mem(DATA, &[0x22, 0x45]).run(&[0xbd, 0x15, 0x20, 0x00]);
    assert_eq!(d.cc(), 1);
    // clmh %r1,8,0(%r2): eb 18 20 00 00 20 — byte 0 of the high word 0xaa vs 0xaa
    let d = Case::new().gpr(1, 0xaa00_0000_0000_0000).gpr(2, DATA).mem(DATA, &[0xaa]).run(&[0xeb, 0x18, 0x20, 0x00, 0x00, 0x20]);
    assert_eq!(d.cc(), 0);
}

// ---- loads, stores, inserts ----

#[test]
fn narrow_loads_keep_or_clear_the_right_bits() {
    // lb %r1,0(%r2): e3 10 20 00 00 76 — bits 0:31 kept
    let d = Case::new().gpr(1, 0x1111_1111_2222_2222).gpr(2, DATA).mem(DATA, &[0x80]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x76]);
    assert_eq!(d.gpr(1), 0x1111_1111_ffff_ff80);
    // llc %r1,0(%r2): e3 10 20 00 00 94
    let d = Case::new().gpr(1, 0x1111_1111_2222_2222).gpr(2, DATA).mem(DATA, &[0x80]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x94]);
    assert_eq!(d.gpr(1), 0x1111_1111_0000_0080);
    // lghr %r1,%r2: b9 07 00 12
    let d = Case::new().gpr(2, 0x1234_8001).run(&[0xb9, 0x07, 0x00, 0x12]);
    assert_eq!(d.gpr(1), 0xffff_ffff_ffff_8001);
    // llgtr %r1,%r2: b9 17 00 12 — bits 33:63
    let d = Case::new().gpr(2, u64::MAX).run(&[0xb9, 0x17, 0x00, 0x12]);
    assert_eq!(d.gpr(1), 0x7fff_ffff);
    // lhrl %r1,.+0x20: c4 15 00 00 00 10 — halfword 0x0a00 at PC+0x20
    let d = Case::new().gpr(1, 0x5555_5555_5555_5555).run(&[0xc4, 0x15, 0x00, 0x00, 0x00, 0x10]);
    assert_eq!(d.gpr(1), 0x5555_5555_0000_0a00);
    // lfh %r1,0(%r2): e3 10 20 00 00 ca / lbh: e3 10 20 00 00 c0
    let d = Case::new().gpr(1, 7).gpr(2, DATA).mem(DATA, &[0x81, 2, 3, 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0xca]);
    assert_eq!(d.gpr(1), 0x8102_0304_0000_0007);
    let d = Case::new().gpr(1, 7).gpr(2, DATA).mem(DATA, &[0x81]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0xc0]);
    assert_eq!(d.gpr(1), 0xffff_ff81_0000_0007);
    // lt %r1,0(%r2): e3 10 20 00 00 12 — CC from the loaded value
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x80, 0, 0, 0]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0x8000_0000, 1));
    // ltgfr %r1,%r2: b9 12 00 12
    let d = Case::new().gpr(2, 0x1_0000_0000).run(&[0xb9, 0x12, 0x00, 0x12]);
    assert_eq!((d.gpr(1), d.cc()), (0, 0));
    // lzrf %r1,0(%r2): e3 10 20 00 00 3b — rightmost byte zeroed, bits 0:31 kept
    let d = Case::new().gpr(1, 0x9_0000_0000).gpr(2, DATA).mem(DATA, &[1, 2, 3, 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x3b]);
    assert_eq!(d.gpr(1), 0x9_0102_0300);
}

#[test]
fn immediates_and_inserts() {
    // iihh %r1,0xabcd: a5 10 ab cd
    let d = Case::new().gpr(1, 0x1111_2222_3333_4444).run(&[0xa5, 0x10, 0xab, 0xcd]);
    assert_eq!(d.gpr(1), 0xabcd_2222_3333_4444);
    // iill %r1,0xabcd: a5 13 ab cd
    let d = Case::new().gpr(1, 0x1111_2222_3333_4444).run(&[0xa5, 0x13, 0xab, 0xcd]);
    assert_eq!(d.gpr(1), 0x1111_2222_3333_abcd);
    // iihf %r1,0xdeadbeef: c0 18 de ad be ef
    let d = Case::new().gpr(1, 5).run(&[0xc0, 0x18, 0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(d.gpr(1), 0xdead_beef_0000_0005);
    // llihl %r1,0xabcd: a5 1d ab cd
    let d = Case::new().gpr(1, u64::MAX).run(&[0xa5, 0x1d, 0xab, 0xcd]);
    assert_eq!(d.gpr(1), 0xabcd_0000_0000);
    // ic %r1,0(%r2): 43 10 20 00
    let d = Case::new().gpr(1, 0x1234_5678).gpr(2, DATA).mem(DATA, &[0xab]).run(&[0x43, 0x10, 0x20, 0x00]);
    assert_eq!(d.gpr(1), 0x1234_56ab);
    // icm %r1,10,0(%r2): bf 1a 20 00 — bytes 0 and 2 of the low word; first inserted bit 1: CC 1
    let d = Case::new().gpr(1, 0x1122_3344).gpr(2, DATA).mem(DATA, &[0x80, 0x01]).run(&[0xbf, 0x1a, 0x20, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0x8022_0144, 1));
    // leftmost 0, not all zero: CC 2; all zero: CC 0
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x00, 0x01]).run(&[0xbf, 0x1a, 0x20, 0x00]);
    assert_eq!(d.cc(), 2);
    let d = Case::new().gpr(1, 0xffff_ffff).gpr(2, DATA).mem(DATA, &[0, 0]).run(&[0xbf, 0x1a, 0x20, 0x00]);
    assert_eq!((d.gpr(1), d.cc()), (0x00ff_00ff, 0));
    // icm %r1,0,0(%r2) with an unmapped address: mask 0, no access, CC 0
    let d = Case::new().cc(3).gpr(2, FAULT).run(&[0xbf, 0x10, 0x20, 0x00]);
    assert_eq!(d.cc(), 0);
    // icmh %r1,15,0(%r2): eb 1f 20 00 00 80
    let d = Case::new().gpr(1, 9).gpr(2, DATA).mem(DATA, &[1, 2, 3, 4]).run(&[0xeb, 0x1f, 0x20, 0x00, 0x00, 0x80]);
    assert_eq!((d.gpr(1), d.cc()), (0x0102_0304_0000_0009, 2));
    // stcm %r1,5,1(%r2): be 15 20 01 — bytes 1 and 3 of the low word
    let d = Case::new().gpr(1, 0x1122_3344).gpr(2, DATA).run(&[0xbe, 0x15, 0x20, 0x01]);
    assert_eq!(d.bytes(DATA, 4), vec![0, 0x22, 0x44, 0]);
}

#[test]
fn multiple_and_reversed_loads_and_stores() {
    // stm %r15,%r1,0(%r2): 90 f1 20 00 — r15, r0, r1 low words
    let d = Case::new().gpr(2, DATA).gpr(15, 0xa_0000_000f).gpr(0, 0x10).gpr(1, 0x11).run(&[0x90, 0xf1, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 12), vec![0, 0, 0, 0xf, 0, 0, 0, 0x10, 0, 0, 0, 0x11]);
    // lm %r1,%r2,0(%r2): 98 12 20 00 — the base is among the targets: its old value is used
    let d = Case::new().gpr(1, 0x7_0000_0000).gpr(2, DATA).mem(DATA, &[0, 0, 0, 1, 0, 0, 0, 2]).run(&[0x98, 0x12, 0x20, 0x00]);
    assert_eq!((d.gpr(1), d.gpr(2)), (0x7_0000_0001, 2));
    // lmh %r1,%r2,0(%r3): eb 12 30 00 00 96 — high halves
    let d = Case::new().gpr(1, 5).gpr(3, DATA).mem(DATA, &[0, 0, 0, 1, 0, 0, 0, 2]).run(&[0xeb, 0x12, 0x30, 0x00, 0x00, 0x96]);
    assert_eq!((d.gpr(1), d.gpr(2)), (0x1_0000_0005, 0x2_0000_0000));
    // lrv %r1,0(%r2): e3 10 20 00 00 1e
    let d = Case::new().gpr(2, DATA).mem(DATA, &[1, 2, 3, 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x1e]);
    assert_eq!(d.gpr(1), 0x0403_0201);
    // lrvh %r1,0(%r2): e3 10 20 00 00 1f — bits 0:47 kept
    let d = Case::new().gpr(1, 0x1111_2222_3333_4444).gpr(2, DATA).mem(DATA, &[1, 2]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x1f]);
    assert_eq!(d.gpr(1), 0x1111_2222_3333_0201);
    // lrvgr %r1,%r2: b9 0f 00 12
    let d = Case::new().gpr(2, 0x0102_0304_0506_0708).run(&[0xb9, 0x0f, 0x00, 0x12]);
    assert_eq!(d.gpr(1), 0x0807_0605_0403_0201);
    // strvh %r1,0(%r2): e3 10 20 00 00 3f
    let d = Case::new().gpr(1, 0xaabb).gpr(2, DATA).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x3f]);
    assert_eq!(d.bytes(DATA, 2), vec![0xbb, 0xaa]);
    // mvhi 4(%r2),-2: e5 4c 20 04 ff fe
    let d = Case::new().gpr(2, DATA).run(&[0xe5, 0x4c, 0x20, 0x04, 0xff, 0xfe]);
    assert_eq!(d.bytes(DATA + 4, 4), vec![0xff, 0xff, 0xff, 0xfe]);
    // mvghi 0(%r2),1: e5 48 20 00 00 01
    let d = Case::new().gpr(2, DATA).run(&[0xe5, 0x48, 0x20, 0x00, 0x00, 0x01]);
    assert_eq!(d.bytes(DATA, 8), vec![0, 0, 0, 0, 0, 0, 0, 1]);
    // stfh %r1,0(%r2): e3 10 20 00 00 cb
    let d = Case::new().gpr(1, 0x0102_0304_0506_0708).gpr(2, DATA).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0xcb]);
    assert_eq!(d.bytes(DATA, 4), vec![1, 2, 3, 4]);
}

#[test]
fn load_and_trap_completes_then_raises_the_data_exception() {
    // lat %r1,0(%r2): e3 10 20 00 00 9f — nonzero: loaded, no trap
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0, 0, 0, 9]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x9f]);
    d.next();
    assert_eq!(d.gpr(1), 9);
    // zero: the value is loaded (bits 0:31 kept), DXC 0xff in FPC bits 16:23, data exception
    let d = Case::new().gpr(1, 0x5_0000_0007).gpr(2, DATA).mem(DATA, &[0; 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x9f]);
    assert_eq!(d.end, End::Exc(exc::DATA, PC));
    assert_eq!((d.gpr(1), d.cpu.fpc), (0x5_0000_0000, 0x0000_ff00));
    // llgtat %r1,0(%r2): e3 10 20 00 00 9c — only bits 33:63 count: 0x80000000 traps
    let d = Case::new().gpr(1, 3).gpr(2, DATA).mem(DATA, &[0x80, 0, 0, 0]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0x9c]);
    assert_eq!((d.end, d.gpr(1)), (End::Exc(exc::DATA, PC), 0));
    // lfhat %r1,0(%r2): e3 10 20 00 00 c8
    let d = Case::new().gpr(1, 0x8_0000_0003).gpr(2, DATA).mem(DATA, &[0; 4]).run(&[0xe3, 0x10, 0x20, 0x00, 0x00, 0xc8]);
    assert_eq!((d.end, d.gpr(1)), (End::Exc(exc::DATA, PC), 3));
}

#[test]
fn load_and_store_on_condition() {
    // locr %r1,%r2,8 (equal): b9 f2 80 12
    let d = Case::new().cc(0).gpr(1, 0x9_0000_0001).gpr(2, 0x22).run(&[0xb9, 0xf2, 0x80, 0x12]);
    assert_eq!(d.gpr(1), 0x9_0000_0022);
    let d = Case::new().cc(1).gpr(1, 0x9_0000_0001).gpr(2, 0x22).run(&[0xb9, 0xf2, 0x80, 0x12]);
    assert_eq!(d.gpr(1), 0x9_0000_0001);
    // lochi %r1,-1,2 (high): ec 12 ff ff 00 42
    let d = Case::new().cc(2).gpr(1, 0x9_0000_0001).run(&[0xec, 0x12, 0xff, 0xff, 0x00, 0x42]);
    assert_eq!(d.gpr(1), 0x9_ffff_ffff);
    // lochhi %r1,5,4 (low) with CC 2: not loaded
    let d = Case::new().cc(2).gpr(1, 1).run(&[0xec, 0x14, 0x00, 0x05, 0x00, 0x4e]);
    assert_eq!(d.gpr(1), 1);
    // locg %r1,0(%r2),4: eb 14 20 00 00 e2
    let d = Case::new().cc(1).gpr(2, DATA).mem(DATA, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&[0xeb, 0x14, 0x20, 0x00, 0x00, 0xe2]);
    assert_eq!(d.gpr(1), 0x0102_0304_0506_0708);
    // stoc %r1,0(%r2),8: eb 18 20 00 00 f3 — condition false: no store and no fault
    let d = Case::new().cc(1).gpr(1, 7).gpr(2, FAULT).run(&[0xeb, 0x18, 0x20, 0x00, 0x00, 0xf3]);
    d.next();
    // condition true: stored
    let d = Case::new().cc(0).gpr(1, 7).gpr(2, DATA).run(&[0xeb, 0x18, 0x20, 0x00, 0x00, 0xf3]);
    assert_eq!(d.bytes(DATA, 4), vec![0, 0, 0, 7]);
    // stocfh %r1,0(%r2),15: eb 1f 20 00 00 e1 — always
    let d = Case::new().cc(3).gpr(1, 0x0102_0304_0000_0000).gpr(2, DATA).run(&[0xeb, 0x1f, 0x20, 0x00, 0x00, 0xe1]);
    assert_eq!(d.bytes(DATA, 4), vec![1, 2, 3, 4]);
}

/// 32-bit writes of a 64-bit register, written back to the CPU struct at guest stores (the
/// compiled code stores only the low half where the struct already holds the high half),
/// then a fault: the faulting run must find every register whole. The second sequence
/// changes the high half with a 64-bit shift between two 32-bit writes, so the later
/// write-back must store all 64 bits again.
#[test]
fn low_halves_written_back_before_a_fault_keep_their_high_halves() {
    let seq = [
        0x50, 0x30, 0x40, 0x00, // PC+2:  st %r3,0(%r4)    (a sync point)
        0x1a, 0x11, //             PC+6:  ar %r1,%r1
        0x50, 0x30, 0x40, 0x04, // PC+8:  st %r3,4(%r4)
        0x58, 0x50, 0x60, 0x00, // PC+12: l %r5,0(%r6)     (faults)
    ];
    // PC: lr %r1,%r2 (18 12), then the sequence, from the same registers.
    let run = |seq: &[u8]| {
        Case::new()
            .gpr(1, 0xaaaa_bbbb_cccc_dddd)
            .gpr(2, 0x1111_1111_4000_0003)
            .gpr(3, 0x0102_0304)
            .gpr(4, DATA)
            .gpr(6, FAULT)
            .code(PC + 2, seq)
            .run(&[0x18, 0x12])
    };
    let d = run(&seq);
    assert_eq!(d.end, End::Fault(FAULT));
    assert_eq!((d.gpr(1), d.gpr(2), d.cc()), (0xaaaa_bbbb_8000_0006, 0x1111_1111_4000_0003, 3));
    assert_eq!(d.bytes(DATA, 8), [1, 2, 3, 4, 1, 2, 3, 4]);

    let seq = [
        0x50, 0x30, 0x40, 0x00, //             PC+2:  st %r3,0(%r4)
        0xeb, 0x11, 0x00, 0x08, 0x00, 0x0d, // PC+6:  sllg %r1,%r1,8
        0x18, 0x13, //                         PC+12: lr %r1,%r3
        0x50, 0x30, 0x40, 0x04, //             PC+14: st %r3,4(%r4)
        0x58, 0x50, 0x60, 0x00, //             PC+18: l %r5,0(%r6)  (faults)
    ];
    let d = run(&seq);
    assert_eq!(d.end, End::Fault(FAULT));
    // r1 after lr: aaaabbbb_40000003; << 8: aabbbb40_00000300; lr: low half 01020304.
    assert_eq!(d.gpr(1), 0xaabb_bb40_0102_0304);
}

/// A loop whose registers only 32-bit instructions write: the compiled tier carries their
/// low halves alone round the loop (no merging of halves per iteration), so the high halves
/// must still be what they were, a full-width read inside the loop (`lgr`) must see them,
/// and a load faulting in the last iteration must leave the exact state before it.
#[test]
fn loop_of_32_bit_operations_keeps_the_high_halves() {
    // loop: ar %r2,%r3 (1a 23); xr %r4,%r2 (17 42); lgr %r5,%r4 (b9 04 00 54);
    //       l %r6,0(%r7) (58 60 70 00); lgr %r8,%r2 (b9 04 00 82); ar %r8,%r3 (1a 83);
    //       brct %r1,loop (a7 16 ff f7)
    // (%r8 is written at full width and in its low half: it keeps both halves.)
    let code = [
        0x1a, 0x23, 0x17, 0x42, 0xb9, 0x04, 0x00, 0x54, 0x58, 0x60, 0x70, 0x00, 0xb9, 0x04, 0x00, 0x82, 0x1a, 0x83, 0xa7, 0x16, 0xff, 0xf7,
    ];
    let (r1, r2, r3, r4) = (0x0101_0101_0000_0064u64, 0xaaaa_0000_ffff_fff0u64, 0x5555_0000_0000_0003u64, 0x1234_5678_0000_0000u64);
    let hi = |x: u64| x & 0xffff_ffff_0000_0000;
    let set_lo = |x: u64, lo: u32| hi(x) | lo as u64;
    // The architected result, iteration by iteration (PoP: ADD/EXCLUSIVE OR of 32-bit
    // operands change bits 32:63 only; BRCT counts in bits 32:63).
    let (mut m1, mut m2, mut m4, mut m5, mut m8) = (r1, r2, r4, 0u64, 0u64);
    loop {
        m2 = set_lo(m2, (m2 as u32).wrapping_add(r3 as u32));
        m4 = set_lo(m4, m4 as u32 ^ m2 as u32);
        m5 = m4;
        m8 = set_lo(m2, (m2 as u32).wrapping_add(r3 as u32));
        m1 = set_lo(m1, (m1 as u32).wrapping_sub(1));
        if m1 as u32 == 0 {
            break;
        }
    }
    let d = Case::new().gpr(1, r1).gpr(2, r2).gpr(3, r3).gpr(4, r4).gpr(7, DATA).mem(DATA, &[0, 0, 0, 9]).run(&code);
    assert_eq!(d.end, End::At(PC + code.len() as u64));
    assert_eq!([d.gpr(1), d.gpr(2), d.gpr(4), d.gpr(5), d.gpr(6), d.gpr(8)], [m1, m2, m4, m5, 9, m8]);
    // The same loop with the load's address moving onto an inaccessible page after a
    // few iterations: la %r7,4(%r7) (41 77 00 04) before the brct; the fault leaves every
    // register as before the faulting load.
    let code = [0x1a, 0x23, 0x17, 0x42, 0xb9, 0x04, 0x00, 0x54, 0x58, 0x60, 0x70, 0x00, 0x41, 0x77, 0x00, 0x04, 0xa7, 0x16, 0xff, 0xf8];
    let start = FAULT - 12; // three loads succeed, the fourth faults
    let d = Case::new().gpr(1, r1).gpr(2, r2).gpr(3, r3).gpr(4, r4).gpr(7, start).run(&code);
    assert_eq!(d.end, End::Fault(FAULT));
    let (mut m1, mut m2, mut m4) = (r1, r2, r4);
    for i in 0..4 {
        m2 = set_lo(m2, (m2 as u32).wrapping_add(r3 as u32));
        m4 = set_lo(m4, m4 as u32 ^ m2 as u32);
        if i < 3 {
            m1 = set_lo(m1, (m1 as u32).wrapping_sub(1));
        }
    }
    assert_eq!([d.gpr(1), d.gpr(2), d.gpr(4), d.gpr(5), d.gpr(7)], [m1, m2, m4, m4, FAULT]);
}

/// As above, with a helper (CGDBR's BFP helper) writing the whole register in the struct
/// each iteration, with a new high half each time (ADBR adds 2^33 to the converted value),
/// before a 32-bit add changes its low half: the compiled loop must take the high half the
/// helper just wrote, for write-back and for a full-width read (`lgr`).
#[test]
fn loop_of_32_bit_operations_after_a_helper_write() {
    // loop: lgr %r6,%r1 (b9 04 00 61); adbr %f0,%f2 (b3 1a 00 02);
    //       cgdbr %r1,0,%f0 (b3 a9 00 10); ar %r1,%r3 (1a 13); brct %r4,loop (a7 46 ff f9)
    // (%r6: a full-width read at the top, of what the previous iteration left; then the
    // same loop with another full-width read, into %r5, after the add.)
    let (f0, f2) = (-3.0e10f64, 8589934592.0f64);
    let r3 = 0x7777_0000_0000_0005u64;
    // After n iterations (exact: integers well inside the 64-bit range).
    let after = |n: f64| {
        let whole = (f0 + n * f2) as i64 as u64;
        (whole & 0xffff_ffff_0000_0000) | (whole as u32).wrapping_add(r3 as u32) as u64
    };
    let case = || Case::new().fpr(0, f0.to_bits()).fpr(2, f2.to_bits()).gpr(1, 0x1111_1111_2222_2222).gpr(3, r3).gpr(4, 3);
    let code = [0xb9, 0x04, 0x00, 0x61, 0xb3, 0x1a, 0x00, 0x02, 0xb3, 0xa9, 0x00, 0x10, 0x1a, 0x13, 0xa7, 0x46, 0xff, 0xf9];
    let d = case().run(&code);
    assert_eq!(d.end, End::At(PC + code.len() as u64));
    assert_eq!([d.gpr(1), d.gpr(6), d.gpr(4)], [after(3.0), after(2.0), 0]);
    // ... lgr %r5,%r1 (b9 04 00 51) after the add; brct %r4,loop (a7 46 ff f7).
    let code = [
        0xb9, 0x04, 0x00, 0x61, 0xb3, 0x1a, 0x00, 0x02, 0xb3, 0xa9, 0x00, 0x10, 0x1a, 0x13, 0xb9, 0x04, 0x00, 0x51, 0xa7, 0x46, 0xff, 0xf7,
    ];
    let d = case().run(&code);
    assert_eq!(d.end, End::At(PC + code.len() as u64));
    assert_eq!([d.gpr(1), d.gpr(5), d.gpr(6), d.gpr(4)], [after(3.0), after(3.0), after(2.0), 0]);
}
