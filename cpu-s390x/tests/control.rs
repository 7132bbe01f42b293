//! The system interface (PoP ch. 7, 10): PSW fields, addressing mode, access registers,
//! the TOD clock, the facility list, CPU attributes, hints, EXECUTE. Expected values
//! worked out by hand from the book; each case runs interpreted and compiled.

mod s390_harness;

use cpu_s390x::control::{ecag_value, FACILITIES};
use cpu_s390x::exc;
use s390_harness::{Case, End, DATA, FAULT, PC};

#[test]
fn ipm_and_spm() {
    // ipm %r1: b2 22 00 10 — bits 32:33 zero, 34:35 CC, 36:39 program mask; rest kept.
    let d = Case::new().cc(2).with(|c| c.pm = 0b1001).gpr(1, 0x1234_5678_ffff_ffff).run(&[0xb2, 0x22, 0x00, 0x10]);
    d.next();
    assert_eq!(d.gpr(1), 0x1234_5678_29ff_ffff);
    // spm %r1: 04 10 — CC 3 and mask 0b0110 from bits 34:39; bits 32:33 ignored.
    let d = Case::new().gpr(1, 0xffff_ffff_f6ff_ffff).run(&[0x04, 0x10]);
    d.next();
    assert_eq!((d.cc(), d.cpu.pm), (3, 0b0110));
}

#[test]
fn epsw_extracts_the_problem_state_psw() {
    // epsw %r1,%r2: b9 8d 00 12 — 64-bit mode, CC 1, mask 0: PSW 07051000 80000000 with
    // EA (bit 31) and BA (bit 32).
    let d = Case::new().cc(1).gpr(1, 0xaaaa_aaaa_0000_0000).gpr(2, 0xbbbb_bbbb_0000_0000).run(&[0xb9, 0x8d, 0x00, 0x12]);
    d.next();
    assert_eq!((d.gpr(1), d.gpr(2)), (0xaaaa_aaaa_0705_1001, 0xbbbb_bbbb_8000_0000));
    // 31-bit mode, CC 0, mask 0b1000; R2 = 0: R1 only.
    let d = Case::new().with(|c| {
        c.amode = 31;
        c.pm = 8;
    })
    .gpr(0, 5)
    .run(&[0xb9, 0x8d, 0x00, 0x10]);
    assert_eq!((d.gpr(1), d.gpr(0)), (0x0705_0800, 5));
}

#[test]
fn set_and_test_addressing_mode() {
    // sam31: 01 0d — the mode changes for the next instruction.
    let d = Case::new().run(&[0x01, 0x0d]);
    assert_eq!((d.end, d.cpu.amode), (End::At(PC + 2), 31));
    // sam24: 01 0c; sam64: 01 0e.
    assert_eq!(Case::new().run(&[0x01, 0x0c]).cpu.amode, 24);
    assert_eq!(Case::new().with(|c| c.amode = 31).run(&[0x01, 0x0e]).cpu.amode, 64);
    // tam: 01 0b — CC 0/1/3 for 24/31/64.
    assert_eq!(Case::new().run(&[0x01, 0x0b]).cc(), 3);
    assert_eq!(Case::new().with(|c| c.amode = 31).run(&[0x01, 0x0b]).cc(), 1);
    assert_eq!(Case::new().with(|c| c.amode = 24).run(&[0x01, 0x0b]).cc(), 0);
}

#[test]
fn sam_then_the_next_instruction_runs_in_the_new_mode() {
    // sam31 at PC, then at PC + 2: la %r1,0(%r2): 41 10 20 00 — the address wraps to 31 bits.
    let d = Case::new().gpr(2, 0xffff_ffff_ffff_fff0).code(PC + 2, &[0x41, 0x10, 0x20, 0x00]).run(&[0x01, 0x0d]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 6), 0x7fff_fff0));
}

#[test]
fn lam_and_stam_wrap_around_the_registers() {
    // lam %a14,%a1,0(%r2): 9a e1 20 00 — a14, a15, a0, a1.
    let words: Vec<u8> = (1..=16).collect();
    let d = Case::new().gpr(2, DATA).mem(DATA, &words).run(&[0x9a, 0xe1, 0x20, 0x00]);
    d.next();
    assert_eq!((d.cpu.acr[14], d.cpu.acr[15], d.cpu.acr[0], d.cpu.acr[1], d.cpu.acr[2]), (0x0102_0304, 0x0506_0708, 0x090a_0b0c, 0x0d0e_0f10, 0));
    // stamy %a0,%a1,4(%r2): eb 01 20 04 00 9b
    let d = Case::new().with(|c| {
        c.acr[0] = 0x1122_3344;
        c.acr[1] = 0x5566_7788;
    })
    .gpr(2, DATA)
    .run(&[0xeb, 0x01, 0x20, 0x04, 0x00, 0x9b]);
    assert_eq!(d.bytes(DATA, 12), vec![0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]);
    // lamy %a3,%a3,0(%r2): eb 33 20 00 00 9a — one register.
    let d = Case::new().gpr(2, DATA).mem(DATA, &words).run(&[0xeb, 0x33, 0x20, 0x00, 0x00, 0x9a]);
    assert_eq!(d.cpu.acr[3], 0x0102_0304);
    // stam %a0,%a0,2(%r2): 9b 00 20 02 — not on a word boundary.
    assert_eq!(Case::new().gpr(2, DATA).run(&[0x9b, 0x00, 0x20, 0x02]).end, End::Exc(exc::SPECIFICATION, PC));
    // ear/sar round trip: sar %a1,%r3: b2 4e 00 13; ear %r4,%a1: b2 4f 00 41
    assert_eq!(Case::new().gpr(3, 0xffff_ffff_1234_5678).run(&[0xb2, 0x4e, 0x00, 0x13]).cpu.acr[1], 0x1234_5678);
    let d = Case::new().gpr(4, 0xaaaa_aaaa_0000_0000).with(|c| c.acr[1] = 0x1234_5678).run(&[0xb2, 0x4f, 0x00, 0x41]);
    assert_eq!(d.gpr(4), 0xaaaa_aaaa_1234_5678);
}

/// The TOD clock for the host's time now: µs since 1900 shifted left 12.
fn tod_now() -> u64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    (d.as_micros() as u64 + 2_208_988_800 * 1_000_000) << 12
}

/// Runs `insn` at `PC` with R2 = `DATA` on one tier (the clock differs between two runs,
/// so the harness's tier comparison cannot be used): the CPU and the 16 bytes at `DATA`.
fn run_clock(insn: &[u8], hot_threshold: u32) -> (Box<cpu_s390x::S390xCpu>, Vec<u8>) {
    use jit::engine::{Config, Engine, Exit};
    let mem = jit::testmem::FlatMemory::new(0x40000);
    for a in (0..0x8000u64).step_by(2) {
        mem.write(a, &[0x0a, 0x00]);
    }
    mem.write(DATA, &[0xff; 16]);
    mem.write(PC, insn);
    let mut cpu = cpu_s390x::S390xCpu::new();
    cpu.hdr.pc = PC;
    cpu.gpr[2] = DATA;
    cpu.cc = 3;
    let mut eng = Engine::new(cpu_s390x::S390x, Config { hot_threshold, no_background: true, ..Config::default() });
    let exit = eng.run(&mut cpu, &mem);
    assert!(matches!(exit, Exit::Exception(x) if x == exc::SVC_BASE), "{exit:?}");
    assert_eq!(cpu.hdr.pc, PC + insn.len() as u64 + 2);
    let b = mem.read(DATA, 16);
    (cpu, b)
}

#[test]
fn store_clock_counts_microseconds_since_1900() {
    for hot in [u32::MAX, 0] {
        let before = tod_now();
        // stck 0(%r2): b2 05 20 00 — CC 0.
        let (cpu, b) = run_clock(&[0xb2, 0x05, 0x20, 0x00], hot);
        let t = u64::from_be_bytes(b[..8].try_into().unwrap());
        assert!(before <= t && t <= tod_now() + (1 << 12), "{before:#x} <= {t:#x}");
        assert_eq!((cpu.cc, &b[8..]), (0, &[0xff; 8][..]));
        // stckf 0(%r2): b2 7c 20 00
        let (cpu, b) = run_clock(&[0xb2, 0x7c, 0x20, 0x00], hot);
        let t = u64::from_be_bytes(b[..8].try_into().unwrap());
        assert!(before <= t && t <= tod_now() + (1 << 12));
        assert_eq!(cpu.cc, 0);
        // stcke 0(%r2): b2 78 20 00 — epoch byte 0, the clock, zeros, programmable field 0.
        let (cpu, b) = run_clock(&[0xb2, 0x78, 0x20, 0x00], hot);
        assert_eq!(b[0], 0);
        let t = u64::from_be_bytes(b[1..9].try_into().unwrap());
        assert!(before <= t && t <= tod_now() + (1 << 12));
        assert_eq!((cpu.cc, &b[9..]), (0, &[0; 7][..]));
    }
    // A faulting store.
    assert_eq!(Case::new().gpr(2, FAULT).run(&[0xb2, 0x05, 0x20, 0x00]).end, End::Fault(FAULT));
}

#[test]
fn store_clock_is_unique_and_increasing() {
    let mut last = 0;
    for _ in 0..50 {
        let t = cpu_s390x::control::helper_tod(std::ptr::null_mut(), 1);
        assert!(t > last);
        last = t;
    }
}

#[test]
fn stfle_stores_the_facility_list() {
    // The list a z13 Linux program sees, less what is not emulated.
    let bit = |b: usize| FACILITIES[b / 64] >> (63 - b % 64) & 1 == 1;
    for b in [0, 1, 2, 7, 18, 21, 25, 32, 34, 35, 37, 45, 49, 52, 53, 129] {
        assert!(bit(b), "facility {b}");
    }
    for b in [17, 42, 43, 50, 73, 76, 77, 128, 130] {
        assert!(!bit(b), "facility {b} must not be offered");
    }
    // stfle 0(%r2): b2 b0 20 00 — GR0 = 3 - 1: the whole list, CC 0.
    let d = Case::new().gpr(0, 0xffff_ff02).gpr(2, DATA).run(&[0xb2, 0xb0, 0x20, 0x00]);
    d.next();
    assert_eq!((d.cc(), d.gpr(0)), (0, 0xffff_ff02));
    assert_eq!(d.bytes(DATA, 8), FACILITIES[0].to_be_bytes());
    assert_eq!(d.bytes(DATA + 16, 8), FACILITIES[2].to_be_bytes());
    // GR0 = 0: one doubleword stored, CC 3, GR0 bits 56:63 = 2.
    let d = Case::new().gpr(0, 0xab00).gpr(2, DATA).mem(DATA + 8, &[0x55; 8]).run(&[0xb2, 0xb0, 0x20, 0x00]);
    assert_eq!((d.cc(), d.gpr(0)), (3, 0xab02));
    assert_eq!(d.bytes(DATA, 8), FACILITIES[0].to_be_bytes());
    assert_eq!(d.bytes(DATA + 8, 8), vec![0x55; 8]);
    // Doubleword boundary required.
    assert_eq!(Case::new().gpr(2, DATA + 4).run(&[0xb2, 0xb0, 0x20, 0x00]).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn ecag_describes_the_z13_caches() {
    // Topology: L1, L2 private split (0x04), L3, L4 shared unified (0x0b).
    assert_eq!(ecag_value(0x00), 0x0404_0b0b_0000_0000);
    // Line size of the L1 data cache: 256.
    assert_eq!(ecag_value(0x10), 256);
    // Total size of the L1 instruction cache (level 0, TI 1): 96K; L2 data: 2M.
    assert_eq!(ecag_value(0x21), 96 << 10);
    assert_eq!(ecag_value(0x22), 2 << 20);
    // Associativity of L3 (level 2): 16.
    assert_eq!(ecag_value(0x34), 16);
    // Level 5 and attribute 4: all ones.
    assert_eq!(ecag_value(0x18), u64::MAX);
    assert_eq!(ecag_value(0x40), u64::MAX);
    // ecag %r1,%r0,0x10(%r0): eb 10 00 10 00 4c
    let d = Case::new().run(&[0xeb, 0x10, 0x00, 0x10, 0x00, 0x4c]);
    assert_eq!(d.gpr(1), 256);
}

#[test]
fn hints_do_nothing() {
    // pfd 2,0(%r2) on an unmapped address: e3 22 00 00 00 36 — no exception.
    let d = Case::new().gpr(2, FAULT).run(&[0xe3, 0x20, 0x20, 0x00, 0x00, 0x36]);
    d.next();
    // pfdrl 1,.+0x100: c6 12 00 00 00 80
    Case::new().run(&[0xc6, 0x12, 0x00, 0x00, 0x00, 0x80]).next();
    // niai 1,0: b2 fa 00 10
    Case::new().run(&[0xb2, 0xfa, 0x00, 0x10]).next();
    // ppa %r1,%r2,15: b2 e8 f0 12
    Case::new().run(&[0xb2, 0xe8, 0xf0, 0x12]).next();
}

#[test]
fn transactional_execution_is_not_installed() {
    // tbegin 0,0: e5 60 00 00 00 00; etnd %r1: b2 ec 00 10 — operation exceptions.
    assert_eq!(Case::new().run(&[0xe5, 0x60, 0x00, 0x00, 0x00, 0x00]).end, End::Exc(exc::OPERATION, PC));
    assert_eq!(Case::new().run(&[0xb2, 0xec, 0x00, 0x10]).end, End::Exc(exc::OPERATION, PC));
}

const TARGET: u64 = 0x2000;

#[test]
fn execute_ors_r1_into_the_second_byte() {
    // ex %r3,0(%r4): 44 30 40 00; target lr %r0,%r0: 18 00 — R3's byte 0x12 makes it
    // lr %r1,%r2.
    let d = Case::new().gpr(3, 0xffff_ff12).gpr(4, TARGET).gpr(2, 77).code(TARGET, &[0x18, 0x00]).run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 4), 77));
    // R1 = 0: the target unmodified (ar %r1,%r2: 1a 12).
    let d = Case::new().gpr(1, 5).gpr(2, 7).gpr(4, TARGET).code(TARGET, &[0x1a, 0x12]).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!((d.end, d.gpr(1), d.cc()), (End::At(PC + 4), 12, 2));
    // exrl %r3,.+0x1000: c6 30 00 00 08 00 — the target at PC + 0x1000 = TARGET.
    let d = Case::new().gpr(3, 0x12).gpr(2, 99).code(TARGET, &[0x18, 0x00]).run(&[0xc6, 0x30, 0x00, 0x00, 0x08, 0x00]);
    assert_eq!((d.end, d.gpr(1)), (End::At(PC + 6), 99));
    // A 6-byte target: mvc-like lengths come from R1: lghi is 4 bytes; use
    // aghik %r1,%r0,5 with R3 byte 0x01 → r3 field... (ec 10 00 05 00 d9): aghik %r1,%r0,5
    // ORed with 0x02 in byte 1 gives aghik %r1,%r2,5.
    let d = Case::new().gpr(3, 0x02).gpr(2, 10).gpr(4, TARGET).code(TARGET, &[0xec, 0x10, 0x00, 0x05, 0x00, 0xd9]).run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!((d.end, d.gpr(1), d.cc()), (End::At(PC + 4), 15, 2));
}

#[test]
fn execute_of_a_branch_goes_where_the_target_branches() {
    // Target brc 15,.+0x10 at TARGET: relative to the target's own address.
    let d = Case::new().gpr(4, TARGET).code(TARGET, &[0xa7, 0xf4, 0x00, 0x08]).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!(d.end, End::At(TARGET + 0x10));
    // Target bcr 0,%r5 with R1 byte 0xf0: bcr 15,%r5.
    let d = Case::new().gpr(3, 0xf0).gpr(4, TARGET).gpr(5, 0x3000).code(TARGET, &[0x07, 0x05]).run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!(d.end, End::At(0x3000));
    // Target basr %r14,%r5: the link is the instruction after EXECUTE (PoP: "the address
    // of the next sequential instruction" is that of EX's successor).
    let d = Case::new().gpr(4, TARGET).gpr(5, 0x3000).code(TARGET, &[0x0d, 0xe5]).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!((d.end, d.gpr(14)), (End::At(0x3000), PC + 4));
}

#[test]
fn execute_exceptions() {
    // The target is EX: execute exception at EX.
    let d = Case::new().gpr(4, TARGET).code(TARGET, &[0x44, 0x00, 0x00, 0x00]).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!(d.end, End::Exc(exc::EXECUTE, PC));
    // The target is EXRL.
    let d = Case::new().gpr(4, TARGET).code(TARGET, &[0xc6, 0x00, 0x00, 0x00, 0x00, 0x00]).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!(d.end, End::Exc(exc::EXECUTE, PC));
    // An odd target address: specification exception.
    let d = Case::new().gpr(4, TARGET + 1).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // The target's exception is reported at EX (unknown opcode 00 00).
    let d = Case::new().gpr(4, TARGET).code(TARGET, &[0x00, 0x00]).run(&[0x44, 0x00, 0x40, 0x00]);
    assert_eq!(d.end, End::Exc(exc::OPERATION, PC));
    // A supervisor call continues after EX: svc 0 ORed with 7 is svc 7.
    let d = Case::new().gpr(3, 7).gpr(4, TARGET).code(TARGET, &[0x0a, 0x00]).run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!(d.end, End::Exc(exc::SVC_BASE + 7, PC + 4));
}

/// The CC of `clc 0(1,%r5),0(%r6)` at TARGET (d5 00 50 00 60 00) run by the EXECUTE
/// instruction `insn` (R4 = TARGET for `ex %r3,0(%r4)`) with R3's byte `l`, on the operands
/// 01020304 and 01020305: 1 (low) with length 4, 0 (equal) with length 3.
fn executed_clc_cc(insn: &[u8], l: u64) -> u8 {
    Case::new()
        .cc(3)
        .gpr(3, l)
        .gpr(4, TARGET)
        .gpr(5, DATA)
        .gpr(6, DATA + 0x100)
        .mem(DATA, &[1, 2, 3, 4])
        .mem(DATA + 0x100, &[1, 2, 3, 5])
        .code(TARGET, &[0xd5, 0x00, 0x50, 0x00, 0x60, 0x00])
        .run(insn)
        .cc()
}

#[test]
fn execute_of_storage_operations_takes_the_length_from_r1() {
    // ex %r3,0(%r4) with target mvc 0(1,%r5),0(%r6): d2 00 50 00 60 00 and R3 byte 0x07:
    // 8 bytes move.
    let src = [1u8, 2, 3, 4, 5, 6, 7, 8, 9];
    let d = Case::new()
        .gpr(3, 0x07)
        .gpr(4, TARGET)
        .gpr(5, DATA)
        .gpr(6, DATA + 0x100)
        .mem(DATA + 0x100, &src)
        .mem(DATA, &[0xee; 9])
        .code(TARGET, &[0xd2, 0x00, 0x50, 0x00, 0x60, 0x00])
        .run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!(d.end, End::At(PC + 4));
    assert_eq!(d.bytes(DATA, 9), [1, 2, 3, 4, 5, 6, 7, 8, 0xee]);
    // CLC with the length from R3's byte (see `executed_clc_cc`).
    let ex = [0x44, 0x30, 0x40, 0x00];
    assert_eq!((executed_clc_cc(&ex, 3), executed_clc_cc(&ex, 2)), (1, 0));
    // xc 0(1,%r5),0(%r5) with byte 0x0f: 16 bytes cleared, CC 0; R1 = 0 keeps length 1.
    let d = Case::new()
        .cc(3)
        .gpr(3, 0x0f)
        .gpr(4, TARGET)
        .gpr(5, DATA)
        .mem(DATA, &[0x5a; 17])
        .code(TARGET, &[0xd7, 0x00, 0x50, 0x00, 0x50, 0x00])
        .run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!(d.cc(), 0);
    assert_eq!(d.bytes(DATA, 17)[..], [[0u8; 16].as_slice(), &[0x5a]].concat()[..]);
    // The operand on an inaccessible page: the fault is reported at EX.
    let d = Case::new()
        .gpr(3, 0x07)
        .gpr(4, TARGET)
        .gpr(5, FAULT)
        .gpr(6, DATA)
        .code(TARGET, &[0xd2, 0x00, 0x50, 0x00, 0x60, 0x00])
        .run(&[0x44, 0x30, 0x40, 0x00]);
    assert_eq!(d.end, End::Fault(FAULT));
    assert_eq!(d.cpu.hdr.pc, PC);
}

#[test]
fn execute_relative_of_storage_operations_runs_them_in_place() {
    // exrl %r3,.+0x1000: c6 30 00 00 08 00 — the target at TARGET, on another page. The
    // translation takes the target's bytes and goes on after EXRL (End::At(PC + 6)).
    let exrl = [0xc6, 0x30, 0x00, 0x00, 0x08, 0x00];
    let src = [1u8, 2, 3, 4, 5, 6, 7, 8, 9];
    // mvc 0(1,%r5),0(%r6) with R3 byte 0x07: 8 bytes move.
    let d = Case::new()
        .gpr(3, 0xffff_ff07)
        .gpr(5, DATA)
        .gpr(6, DATA + 0x100)
        .mem(DATA + 0x100, &src)
        .mem(DATA, &[0xee; 9])
        .code(TARGET, &[0xd2, 0x00, 0x50, 0x00, 0x60, 0x00])
        .run(&exrl);
    assert_eq!(d.end, End::At(PC + 6));
    assert_eq!(d.bytes(DATA, 9), [1, 2, 3, 4, 5, 6, 7, 8, 0xee]);
    // CLC with the length from R3's byte (see `executed_clc_cc`).
    assert_eq!((executed_clc_cc(&exrl, 3), executed_clc_cc(&exrl, 2)), (1, 0));
    // exrl %r0 (c6 00 ...): the target's own length, xc 0(2,%r5),0(%r5) (d7 01 ...): two
    // bytes cleared, CC 0.
    let d = Case::new()
        .cc(3)
        .gpr(3, 0xff)
        .gpr(5, DATA)
        .mem(DATA, &[0x5a; 3])
        .code(TARGET, &[0xd7, 0x01, 0x50, 0x00, 0x50, 0x00])
        .run(&[0xc6, 0x00, 0x00, 0x00, 0x08, 0x00]);
    assert_eq!((d.cc(), d.bytes(DATA, 3)), (0, vec![0, 0, 0x5a]));
    // An inaccessible operand: the fault is reported at EXRL.
    let d = Case::new()
        .gpr(3, 0x07)
        .gpr(5, FAULT)
        .gpr(6, DATA)
        .code(TARGET, &[0xd2, 0x00, 0x50, 0x00, 0x60, 0x00])
        .run(&exrl);
    assert_eq!((d.end, d.cpu.hdr.pc), (End::Fault(FAULT), PC));
}

#[test]
fn a_rewritten_execute_target_on_another_page_takes_effect() {
    // PC: exrl %r3,.+0x1000 (target TARGET: mvc 0(1,%r5),0(%r6)); PC+6: mvi 0(%r7),0xd7
    // (92 d7 70 00) turns the target into xc; PC+10: brct %r8,PC (a7 86 ff fb), R8 = 2. The
    // first pass copies 01020304, the second must run the new XC (01020304 ^ 01020304 = 0,
    // CC 0), though the compiled loop read the target's old bytes from another page.
    let d = Case::new()
        .track_code()
        .gpr(3, 0x03)
        .gpr(5, DATA)
        .gpr(6, DATA + 0x100)
        .gpr(7, TARGET)
        .gpr(8, 2)
        .cc(3)
        .mem(DATA, &[0xee; 5])
        .mem(DATA + 0x100, &[1, 2, 3, 4, 5])
        .code(TARGET, &[0xd2, 0x00, 0x50, 0x00, 0x60, 0x00])
        .code(PC + 6, &[0x92, 0xd7, 0x70, 0x00, 0xa7, 0x86, 0xff, 0xfb])
        .run(&[0xc6, 0x30, 0x00, 0x00, 0x08, 0x00]);
    assert_eq!(d.end, End::At(PC + 14));
    assert_eq!((d.bytes(DATA, 5), d.cc()), (vec![0, 0, 0, 0, 0xee], 0));
}

#[test]
fn a_store_into_the_running_block_changes_its_later_instruction() {
    // PC: stc %r9,7(%r7) (42 90 70 07) writes the immediate of PC+4: ahi %r2,1
    // (a7 2a 00 01); PC+8: ahi %r9,15 (a7 9a 00 0f); PC+12: brct %r8,PC (a7 86 ff fa).
    // R7 = PC, R9 = 1, R8 = 3: the passes add 1, 16 and 31 — each pass's AHI is the one its
    // own STC just wrote, in the same block.
    let d = Case::new()
        .track_code()
        .gpr(2, 0)
        .gpr(7, PC)
        .gpr(8, 3)
        .gpr(9, 1)
        .code(PC + 4, &[0xa7, 0x2a, 0x00, 0x01, 0xa7, 0x9a, 0x00, 0x0f, 0xa7, 0x86, 0xff, 0xfa])
        .run(&[0x42, 0x90, 0x70, 0x07]);
    assert_eq!(d.end, End::At(PC + 16));
    assert_eq!((d.gpr(2), d.gpr(8)), (48, 0));
}

#[test]
fn spm_switches_overflow_trapping_for_the_code_that_follows() {
    // The program mask's fixed-point-overflow bit is part of the block key: code translated
    // with it off must not run once SPM turns it on, even through an indirect branch back.
    // PC: lr %r2,%r5 (18 25); PC+2: ar %r2,%r3 (1a 23); PC+4: spm %r1 (04 10);
    // PC+6: bcr 15,%r4 (07 f4) with R4 = PC. The first AR overflows quietly (mask 0); SPM
    // sets the mask; the second pass traps at the AR (nullified: R2 as LR left it).
    let d = Case::new()
        .gpr(1, 0x0800_0000)
        .gpr(3, 1)
        .gpr(4, PC)
        .gpr(5, 0x7fff_ffff)
        .code(PC + 2, &[0x1a, 0x23, 0x04, 0x10, 0x07, 0xf4])
        .run(&[0x18, 0x25]);
    assert_eq!((d.end, d.gpr(2), d.cpu.pm), (End::Exc(exc::FIXED_OVERFLOW, PC + 2), 0x7fff_ffff, 8));
    // The state after SPM is the new mask: mask on at the start, no overflow (0x7ffffffe
    // + 1), SPM clears the mask, the BCR goes to 0x2000 (an svc 0).
    let d = Case::new()
        .with(|c| c.pm = 8)
        .gpr(1, 0)
        .gpr(3, 1)
        .gpr(4, 0x2000)
        .gpr(5, 0x7fff_fffe)
        .code(PC + 2, &[0x1a, 0x23, 0x04, 0x10, 0x07, 0xf4])
        .run(&[0x18, 0x25]);
    assert_eq!((d.end, d.gpr(2), d.cpu.pm), (End::At(0x2000), 0x7fff_ffff, 0));
}
