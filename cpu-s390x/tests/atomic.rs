//! Interlocked updates (PoP ch. 7): compare and swap, compare and swap and store, the
//! interlocked-access `LOAD AND <op>` instructions, quadword load/store. Expected values
//! worked out by hand from the book; each case runs interpreted and compiled.

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, End, DATA, FAULT, PC};

#[test]
fn cs_and_csy_word() {
    // cs %r1,%r3,0(%r2): ba 13 20 00
    let c = || Case::new().gpr(1, 0xffff_ffff_0000_0005).gpr(2, DATA).gpr(3, 0x1111_1111_2222_2222);
    let d = c().mem(DATA, &[0, 0, 0, 5]).run(&[0xba, 0x13, 0x20, 0x00]);
    d.next();
    assert_eq!((d.cc(), d.gpr(1), d.bytes(DATA, 4)), (0, 0xffff_ffff_0000_0005, vec![0x22, 0x22, 0x22, 0x22]));
    let d = c().mem(DATA, &[0, 0, 0, 6]).run(&[0xba, 0x13, 0x20, 0x00]);
    assert_eq!((d.cc(), d.gpr(1), d.bytes(DATA, 4)), (1, 0xffff_ffff_0000_0006, vec![0, 0, 0, 6]));
    // Not on a word boundary: specification exception, nothing changed.
    let d = c().gpr(2, DATA + 2).mem(DATA, &[0, 0, 0, 5]).run(&[0xba, 0x13, 0x20, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::Exc(exc::SPECIFICATION, PC), 0xffff_ffff_0000_0005));
    // csy %r1,%r3,8(%r2): eb 13 20 08 00 14
    let d = c().mem(DATA + 8, &[0, 0, 0, 5]).run(&[0xeb, 0x13, 0x20, 0x08, 0x00, 0x14]);
    assert_eq!((d.cc(), d.bytes(DATA + 8, 4)), (0, vec![0x22, 0x22, 0x22, 0x22]));
    // A write-protected or unmapped word faults even when the comparison would fail.
    let d = c().gpr(2, FAULT).run(&[0xba, 0x13, 0x20, 0x00]);
    assert_eq!(d.end, End::Fault(FAULT));
}

#[test]
fn csg_doubleword() {
    // csg %r1,%r3,0(%r2): eb 13 20 00 00 30
    let c = || Case::new().gpr(1, 0x0102_0304_0506_0708).gpr(2, DATA).gpr(3, 0xa0a0_a0a0_b0b0_b0b0);
    let d = c().mem(DATA, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0x30]);
    assert_eq!((d.cc(), d.bytes(DATA, 8)), (0, vec![0xa0, 0xa0, 0xa0, 0xa0, 0xb0, 0xb0, 0xb0, 0xb0]));
    let d = c().mem(DATA, &[1, 2, 3, 4, 5, 6, 7, 9]).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0x30]);
    assert_eq!((d.cc(), d.gpr(1)), (1, 0x0102_0304_0506_0709));
    let d = c().gpr(2, DATA + 4).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0x30]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn cds_pairs_of_low_words() {
    // cds %r2,%r4,0(%r6): bb 24 60 00 — compare r2.lo:r3.lo, swap in r4.lo:r5.lo.
    let c = || Case::new().gpr(2, 0xaaaa_aaaa_0000_0001).gpr(3, 0xbbbb_bbbb_0000_0002).gpr(4, 0xcccc_cccc_1234_5678).gpr(5, 0x9abc_def0).gpr(6, DATA);
    let d = c().mem(DATA, &[0, 0, 0, 1, 0, 0, 0, 2]).run(&[0xbb, 0x24, 0x60, 0x00]);
    assert_eq!((d.cc(), d.bytes(DATA, 8)), (0, vec![0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]));
    let d = c().mem(DATA, &[0, 0, 0, 1, 0, 0, 0, 3]).run(&[0xbb, 0x24, 0x60, 0x00]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (1, 0xaaaa_aaaa_0000_0001, 0xbbbb_bbbb_0000_0003));
    // cds %r3,%r4,0(%r6): bb 34 60 00 — odd R1.
    assert_eq!(c().run(&[0xbb, 0x34, 0x60, 0x00]).end, End::Exc(exc::SPECIFICATION, PC));
    // cdsy %r2,%r4,8(%r6): eb 24 60 08 00 31
    let d = c().mem(DATA + 8, &[0, 0, 0, 1, 0, 0, 0, 2]).run(&[0xeb, 0x24, 0x60, 0x08, 0x00, 0x31]);
    assert_eq!((d.cc(), d.bytes(DATA + 8, 4)), (0, vec![0x12, 0x34, 0x56, 0x78]));
}

#[test]
fn cdsg_quadword() {
    // cdsg %r2,%r4,0(%r6): eb 24 60 00 00 3e
    let mut q = [0u8; 16];
    q[7] = 1;
    q[15] = 2;
    let c = || Case::new().gpr(2, 1).gpr(3, 2).gpr(4, 0x1111_2222_3333_4444).gpr(5, 0x5555_6666_7777_8888).gpr(6, DATA);
    let d = c().mem(DATA, &q).run(&[0xeb, 0x24, 0x60, 0x00, 0x00, 0x3e]);
    assert_eq!(d.cc(), 0);
    assert_eq!(d.bytes(DATA, 16), vec![0x11, 0x11, 0x22, 0x22, 0x33, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x66, 0x77, 0x77, 0x88, 0x88]);
    q[0] = 0x80;
    let d = c().mem(DATA, &q).run(&[0xeb, 0x24, 0x60, 0x00, 0x00, 0x3e]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (1, 0x8000_0000_0000_0001, 2));
    assert_eq!(d.bytes(DATA, 16), q.to_vec());
    // Only a quadword boundary will do.
    assert_eq!(c().gpr(6, DATA + 8).run(&[0xeb, 0x24, 0x60, 0x00, 0x00, 0x3e]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(c().gpr(6, FAULT).run(&[0xeb, 0x24, 0x60, 0x00, 0x00, 0x3e]).end, End::Fault(FAULT));
}

/// Runs `LOAD AND <op>` (opcode byte `op`) on the storage `mem` with R3 = `r3`; returns
/// (R1, CC, storage after).
fn load_and(op: u8, mem: &[u8], r3: u64) -> (u64, u8, Vec<u8>) {
    // la* %r1,%r3,0(%r2): eb 13 20 00 00 op
    let d = Case::new().gpr(1, 0xdead_beef_dead_beef).gpr(2, DATA).gpr(3, r3).mem(DATA, mem).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, op]);
    d.next();
    (d.gpr(1), d.cc(), d.bytes(DATA, mem.len()))
}

#[test]
fn load_and_add_family() {
    // laa: 0x7ffffffe + 5 overflows: CC 3; R1 gets the old word, bits 0:31 kept.
    assert_eq!(load_and(0xf8, &[0x7f, 0xff, 0xff, 0xfe], 5), (0xdead_beef_7fff_fffe, 3, vec![0x80, 0, 0, 3]));
    // laa: -2 + 1 = -1: CC 1.
    assert_eq!(load_and(0xf8, &[0xff, 0xff, 0xff, 0xfe], 1), (0xdead_beef_ffff_fffe, 1, vec![0xff; 4]));
    // laag: -1 + 1 = 0: CC 0.
    assert_eq!(load_and(0xe8, &[0xff; 8], 1), (u64::MAX, 0, vec![0; 8]));
    // laal: 0xffffffff + 1 = 0 with carry: CC 2.
    assert_eq!(load_and(0xfa, &[0xff; 4], 1), (0xdead_beef_ffff_ffff, 2, vec![0; 4]));
    // laalg: 1 + 1 = 2, no carry: CC 1.
    assert_eq!(load_and(0xea, &[0, 0, 0, 0, 0, 0, 0, 1], 1), (1, 1, vec![0, 0, 0, 0, 0, 0, 0, 2]));
    // laalg: MAX + 2 = 1 with carry: CC 3.
    assert_eq!(load_and(0xea, &[0xff; 8], 2), (u64::MAX, 3, vec![0, 0, 0, 0, 0, 0, 0, 1]));
}

/// LAA/LAAG with PSW bit 20 (program mask 8) on and an overflowing sum: the PoP completes
/// the operation (R1 = old word, storage = sum, CC 3), then takes the fixed-point-overflow
/// interruption. The row raises with the instruction nullified and the OS layer completes
/// it (`complete_fixed_overflow`): the add must happen once, not at the raise and again at
/// the completion.
#[test]
fn load_and_add_overflow_trap_adds_once() {
    for (op, old, r3, sum, r1_after) in [
        // laa: 0xb68cb909 + 0x80000000 = 0x1_368cb909: two negatives, positive sum.
        (0xf8u8, vec![0xb6, 0x8c, 0xb9, 0x09], 0x8000_0000u64, vec![0x36, 0x8c, 0xb9, 0x09], 0xdead_beef_b68c_b909u64),
        // laag: 0x7fff...ff + 1 = 0x8000...00.
        (0xe8, vec![0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 1, vec![0x80, 0, 0, 0, 0, 0, 0, 0], 0x7fff_ffff_ffff_ffff),
    ] {
        let insn = [0xeb, 0x13, 0x20, 0x00, 0x00, op];
        let mut d = Case::new()
            .gpr(1, 0xdead_beef_dead_beef)
            .gpr(2, DATA)
            .gpr(3, r3)
            .mem(DATA, &old)
            .with(|c| c.pm = 8)
            .run(&insn);
        assert_eq!(d.end, End::Exc(exc::FIXED_OVERFLOW, PC));
        // Nullified so far: storage and R1 as they were.
        assert_eq!((d.bytes(DATA, old.len()), d.gpr(1)), (old.clone(), 0xdead_beef_dead_beef));
        let cpu = &mut *d.cpu;
        cpu.hdr.pc = PC;
        // SAFETY: the interpreter run left the CPU's memory base pointing at `d.mem`.
        let mut hm = unsafe { jit::helper_mem::HelperMem::from_cpu(cpu as *mut cpu_s390x::S390xCpu as *mut u8) };
        let out = cpu_s390x::integer::complete_fixed_overflow(cpu, &mut hm, &d.mem);
        assert_eq!(out, jit::interp::Outcome::Next(PC + 6));
        assert_eq!((cpu.gpr[1], cpu.cc, cpu.pm), (r1_after, 3, 8));
        assert_eq!(d.bytes(DATA, old.len()), sum, "the sum is stored once");
    }
    // Mask on, no overflow: an ordinary interlocked add (0x368cb909 + 0x80000000, CC 1).
    let d = Case::new()
        .gpr(1, 0)
        .gpr(2, DATA)
        .gpr(3, 0x8000_0000)
        .mem(DATA, &[0x36, 0x8c, 0xb9, 0x09])
        .with(|c| c.pm = 8)
        .run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0xf8]);
    d.next();
    assert_eq!((d.gpr(1), d.cc(), d.bytes(DATA, 4)), (0x368c_b909, 1, vec![0xb6, 0x8c, 0xb9, 0x09]));
}

#[test]
fn load_and_bitwise_family() {
    // lan: f0f0f0f0 & 0f0f0f0f = 0: CC 0.
    assert_eq!(load_and(0xf4, &[0xf0; 4], 0x0f0f_0f0f), (0xdead_beef_f0f0_f0f0, 0, vec![0; 4]));
    // lang: ff00 & 0ff0 = 0f00: CC 1.
    assert_eq!(load_and(0xe4, &[0, 0, 0, 0, 0, 0, 0xff, 0], 0x0ff0), (0xff00, 1, vec![0, 0, 0, 0, 0, 0, 0x0f, 0]));
    // lao: 0 | 0: CC 0.
    assert_eq!(load_and(0xf6, &[0; 4], 0), (0xdead_beef_0000_0000, 0, vec![0; 4]));
    // laog: 1 | 0x100 = 0x101: CC 1.
    assert_eq!(load_and(0xe6, &[0, 0, 0, 0, 0, 0, 0, 1], 0x100), (1, 1, vec![0, 0, 0, 0, 0, 0, 1, 1]));
    // lax: 0x55 ^ 0x55 = 0: CC 0 (R3's bits 0:31 play no part).
    assert_eq!(load_and(0xf7, &[0, 0, 0, 0x55], 0xffff_ffff_0000_0055), (0xdead_beef_0000_0055, 0, vec![0; 4]));
    // laxg: 1 ^ 3 = 2: CC 1.
    assert_eq!(load_and(0xe7, &[0, 0, 0, 0, 0, 0, 0, 1], 3), (1, 1, vec![0, 0, 0, 0, 0, 0, 0, 2]));
}

#[test]
fn load_and_checks_alignment_and_faults() {
    // laa %r1,%r3,0(%r2) at DATA + 2: specification.
    let d = Case::new().gpr(2, DATA + 2).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0xf8]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // laag at DATA + 4: specification.
    let d = Case::new().gpr(2, DATA + 4).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0xe8]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    let d = Case::new().gpr(1, 7).gpr(2, FAULT).run(&[0xeb, 0x13, 0x20, 0x00, 0x00, 0xf8]);
    assert_eq!((d.end, d.gpr(1)), (End::Fault(FAULT), 7));
}

#[test]
fn lpq_and_stpq() {
    let q: Vec<u8> = (1..=16).collect();
    // lpq %r2,0(%r6): e3 20 60 00 00 8f
    let d = Case::new().gpr(6, DATA).mem(DATA, &q).run(&[0xe3, 0x20, 0x60, 0x00, 0x00, 0x8f]);
    d.next();
    assert_eq!((d.gpr(2), d.gpr(3)), (0x0102_0304_0506_0708, 0x090a_0b0c_0d0e_0f10));
    // Odd R1, misaligned address: specification; unmapped: fault, registers unchanged.
    assert_eq!(Case::new().gpr(6, DATA).run(&[0xe3, 0x30, 0x60, 0x00, 0x00, 0x8f]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(Case::new().gpr(6, DATA + 8).run(&[0xe3, 0x20, 0x60, 0x00, 0x00, 0x8f]).end, End::Exc(exc::SPECIFICATION, PC));
    let d = Case::new().gpr(2, 5).gpr(6, FAULT).run(&[0xe3, 0x20, 0x60, 0x00, 0x00, 0x8f]);
    assert_eq!((d.end, d.gpr(2)), (End::Fault(FAULT), 5));
    // stpq %r2,16(%r6): e3 20 60 10 00 8e
    let d = Case::new().gpr(2, 0x0102_0304_0506_0708).gpr(3, 0x090a_0b0c_0d0e_0f10).gpr(6, DATA).run(&[0xe3, 0x20, 0x60, 0x10, 0x00, 0x8e]);
    d.next();
    assert_eq!(d.bytes(DATA + 16, 16), q);
    assert_eq!(Case::new().gpr(6, DATA + 4).run(&[0xe3, 0x20, 0x60, 0x00, 0x00, 0x8e]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(Case::new().gpr(6, FAULT).run(&[0xe3, 0x20, 0x60, 0x00, 0x00, 0x8e]).end, End::Fault(FAULT));
}

#[test]
fn csst_swaps_and_stores() {
    let pl = DATA + 0x100;
    let mut list = [0u8; 32];
    list[..8].copy_from_slice(&[0x11; 8]);
    list[16..24].copy_from_slice(&[0x22; 8]);
    list[24..].copy_from_slice(&[0x33; 8]);
    // csst 0(%r5),0(%r6),%r3: c8 32 50 00 60 00 — FC 1 (doubleword), SC 3 (8 bytes).
    let c = |r3: u64| Case::new().gpr(0, 0x0301).gpr(1, pl + 7).gpr(3, r3).gpr(5, DATA).gpr(6, DATA + 0x40).mem(pl, &list).mem(DATA, &[0, 0, 0, 0, 0, 0, 0, 5]);
    let d = c(5).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]);
    d.next();
    assert_eq!((d.cc(), d.bytes(DATA, 8), d.bytes(DATA + 0x40, 8)), (0, vec![0x11; 8], vec![0x22; 8]));
    let d = c(6).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]);
    assert_eq!((d.cc(), d.gpr(3), d.bytes(DATA, 8), d.bytes(DATA + 0x40, 8)), (1, 5, vec![0, 0, 0, 0, 0, 0, 0, 5], vec![0; 8]));
    // FC 0 (word), SC 0 (one byte, the leftmost of the store-value field).
    let d = c(0xffff_ffff_0000_0000).gpr(0, 0).gpr(6, DATA + 0x43).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]);
    assert_eq!((d.cc(), d.bytes(DATA, 8), d.bytes(DATA + 0x40, 8)), (0, vec![0x11, 0x11, 0x11, 0x11, 0, 0, 0, 5], vec![0, 0, 0, 0x22, 0, 0, 0, 0]));
    // FC 0 unequal: only bits 32:63 of R3 are replaced.
    let d = c(0xffff_ffff_0000_0001).gpr(0, 0).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]);
    assert_eq!((d.cc(), d.gpr(3)), (1, 0xffff_ffff_0000_0000));
    // FC 2 (quadword, R3 pair), SC 4 (16 bytes): csst 0(%r7),0(%r8),%r4: c8 42 70 00 80 00
    let mut q = [0u8; 16];
    q[15] = 9;
    let d = Case::new().gpr(0, 0x0402).gpr(1, pl).gpr(4, 0).gpr(5, 9).gpr(7, DATA).gpr(8, DATA + 0x40).mem(pl, &list).mem(DATA, &q).run(&[0xc8, 0x42, 0x70, 0x00, 0x80, 0x00]);
    assert_eq!(d.cc(), 0);
    assert_eq!(d.bytes(DATA, 16), [[0x11; 8], [0; 8]].concat());
    assert_eq!(d.bytes(DATA + 0x40, 16), [[0x22; 8], [0x33; 8]].concat());
    // FC 2 with an odd R3, FC 3, SC 5, a misaligned operand: specification.
    assert_eq!(c(5).gpr(0, 0x0002).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(c(5).gpr(0, 0x0003).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(c(5).gpr(0, 0x0501).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(c(5).gpr(6, DATA + 0x44).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]).end, End::Exc(exc::SPECIFICATION, PC));
    // A faulting store location: nothing swapped.
    let d = c(5).gpr(6, FAULT).run(&[0xc8, 0x32, 0x50, 0x00, 0x60, 0x00]);
    assert_eq!((d.end, d.bytes(DATA, 8)), (End::Fault(FAULT), vec![0, 0, 0, 0, 0, 0, 0, 5]));
}
