//! Guest input never crashes the host: random instructions — every decode row with random
//! operand bits, and raw random bytes — run interpreted and compiled from random registers
//! (many pointing into the data area, some at unmapped memory). Each must end as an
//! architected outcome (next instruction, branch, exception, fault), never a host panic, and
//! the two tiers must agree on it and on every register and data byte.

mod s390_harness;

use cpu_s390x::decode::ROWS;
use s390_harness::{diff, Case, DATA, DATA_END, FAULT};

use jit::testmem::Rng;

/// Rows whose result depends on the time or the host and so differs between two runs.
fn nondeterministic(mnemonic: &str) -> bool {
    matches!(mnemonic, "stck" | "stckf" | "stcke")
}

fn random_regs(r: &mut Rng, c: Case) -> Case {
    let mut c = c;
    for n in 0..16 {
        let v = match r.below(6) {
            0 | 1 | 2 => DATA + r.below(DATA_END - DATA - 0x200) & !7,
            3 => r.below(16),
            4 => FAULT + r.below(0x1000),
            _ => r.next(),
        };
        c = c.gpr(n, v);
    }
    for n in 0..32 {
        c = c.vr(n, (r.next() as u128) << 64 | r.next() as u128);
    }
    c.cc(r.below(4) as u8)
}

fn check(seed: u64, insn: &[u8], case: Case) {
    if std::env::var_os("FUZZ_TRACE").is_some() {
        eprintln!("seed {seed} {insn:02x?}");
    }
    if let Some(only) = std::env::var("FUZZ_ONLY").ok().and_then(|v| v.parse::<u64>().ok()) {
        if only != seed {
            return;
        }
        eprintln!("regs {:x?} cc {}", case.cpu.gpr, case.cpu.cc);
        let (_, _, e) = case.run_tier(insn, u32::MAX);
        eprintln!("interpreted: {e:?}");
        let (_, _, e) = case.run_tier(insn, 0);
        eprintln!("compiled: {e:?}");
    }
    let (icpu, imem, iend) = case.run_tier(insn, u32::MAX);
    let (jcpu, jmem, jend) = case.run_tier(insn, 0);
    assert_eq!(iend, jend, "seed {seed}: tiers end differently for {insn:02x?}");
    if let Some(d) = diff(&icpu, &jcpu) {
        panic!("seed {seed}: tiers disagree after {insn:02x?}: {d}");
    }
    let (a, b) = (imem.read(DATA, (DATA_END - DATA) as usize), jmem.read(DATA, (DATA_END - DATA) as usize));
    assert!(a == b, "seed {seed}: data memory differs after {insn:02x?}");
}

#[test]
fn every_row_with_random_operands() {
    let mut r = Rng(0x5eed_0001);
    for round in 0..3 {
        for row in ROWS {
            if nondeterministic(row.mnemonic) {
                continue;
            }
            let seed = r.next();
            let mut rr = Rng(seed | 1);
            let first = (row.opcode >> 8) as u8;
            let len = cpu_s390x::forms::insn_len(first) as usize;
            let mut b = [0u8; 6];
            for x in b.iter_mut() {
                *x = rr.next() as u8;
            }
            b[0] = first;
            match cpu_s390x::decode::secondary(first) {
                Some((8, 8)) => b[1] = row.opcode as u8,
                Some((12, 4)) => b[1] = (b[1] & 0xf0) | (row.opcode as u8 & 0xf),
                Some((40, 8)) => b[5] = row.opcode as u8,
                _ => {}
            }
            let case = random_regs(&mut rr, Case::new());
            let _ = round;
            check(seed, &b[..len], case);
        }
    }
}

#[test]
fn raw_random_bytes() {
    let mut r = Rng(0x5eed_0002);
    for _ in 0..1500 {
        let seed = r.next();
        let mut rr = Rng(seed | 1);
        let mut b = [0u8; 6];
        for x in b.iter_mut() {
            *x = rr.next() as u8;
        }
        let len = cpu_s390x::forms::insn_len(b[0]) as usize;
        if let Some(row) = cpu_s390x::decode::lookup(u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], 0, 0])) {
            if nondeterministic(row.mnemonic) {
                continue;
            }
        }
        let case = random_regs(&mut rr, Case::new());
        check(seed, &b[..len], case);
    }
}

#[test]
fn a_block_that_cannot_be_fetched_does_not_spoil_the_next_compile() {
    // The compiler gives up on a block whose first instruction cannot be fetched (a fetch
    // fault for the guest); the next block compiled by the same engine must still compile
    // (the abandoned function builder once left state behind that panicked the next build).
    use cpu_s390x::{S390x, S390xCpu};
    use jit::engine::{Config, Engine, Exit};
    use jit::testmem::FlatMemory;
    let mem = FlatMemory::new(0x40000);
    mem.protect_none(FAULT, 0x1000);
    // At 0x1000: lghi %r1,5 (a7 19 00 05); svc 1 (0a 01).
    mem.write(0x1000, &[0xa7, 0x19, 0x00, 0x05, 0x0a, 0x01]);
    let config = Config { hot_threshold: 0, no_background: true, ..Config::default() };
    let mut eng = Engine::new(S390x, config);
    let mut cpu: Box<S390xCpu> = S390xCpu::new();
    cpu.hdr.pc = FAULT;
    assert_eq!(eng.run(&mut *cpu, &mem), Exit::FetchFault(FAULT));
    cpu.hdr.pc = 0x1000;
    assert_eq!(eng.run(&mut *cpu, &mem), Exit::Exception(cpu_s390x::exc::SVC_BASE + 1));
    assert_eq!(cpu.gpr[1], 5);
}
