//! The background compiler with s390x code: what a trace translates from pages other than
//! the ones it runs on (`EXRL` targets) is part of its snapshot, and a result made from bytes
//! the guest has rewritten since is dropped.

use cpu_s390x::{exc, S390x, S390xCpu};
use jit::engine::{Config, Engine, Exit};
use jit::testmem::FlatMemory;

const CODE: u64 = 0x10000;
const PATCH: u64 = 0x10010;
/// The `EXRL` target, on the next page.
const TARGET: u64 = 0x11000;
const DATA: u64 = 0x20000;

fn program(mem: &FlatMemory) {
    mem.write(CODE, &[0xa7, 0x49, 0x00, 0x32]); // lghi %r4,50
    mem.write(CODE + 4, &[0xc6, 0x00, 0x00, 0x00, 0x07, 0xfe]); // exrl %r0,TARGET
    mem.write(CODE + 10, &[0xa7, 0x46, 0xff, 0xfd]); // brct %r4,CODE+4
    mem.write(CODE + 14, &[0x0a, 0x00]); // svc 0
    mem.write(PATCH, &[0x92, 0x01, 0x70, 0x05]); // mvi 5(%r7),1: the target's D2 becomes 1
    mem.write(PATCH + 4, &[0x0a, 0x00]); // svc 0
    mem.write(TARGET, &[0xd2, 0x00, 0x50, 0x00, 0x60, 0x00]); // mvc 0(1,%r5),0(%r6)
    mem.write(DATA + 0x100, &[0x11, 0x22]);
}

/// Runs from `pc` to the next `svc 0` with DATA cleared; returns the byte the target moved.
fn run(eng: &mut Engine<S390x>, cpu: &mut S390xCpu, mem: &FlatMemory, pc: u64) -> u8 {
    mem.write(DATA, &[0]);
    cpu.hdr.pc = pc;
    assert_eq!(eng.run(cpu, mem), Exit::Exception(exc::SVC_BASE));
    mem.read(DATA, 1)[0]
}

#[test]
fn a_compile_holding_an_execute_target_rewritten_meanwhile_is_dropped() {
    let gate = jit::compiler::CompileGate::closed();
    let cfg = Config { hot_threshold: 5, compile_gate: Some(gate.clone()), ..Config::default() };
    let mut mem = FlatMemory::new(1 << 20);
    mem.track_code = true;
    program(&mem);
    let mut cpu = S390xCpu::new();
    cpu.gpr[5] = DATA;
    cpu.gpr[6] = DATA + 0x100;
    cpu.gpr[7] = TARGET;
    let mut eng = Engine::new(S390x, cfg);
    // The loop gets hot; its compile (with the target's bytes, mvc from 0(%r6)) waits.
    assert_eq!(run(&mut eng, &mut cpu, &mem, CODE), 0x11);
    // The guest rewrites the target to move from 1(%r6); interpreted runs see it at once.
    run(&mut eng, &mut cpu, &mem, PATCH);
    assert_eq!(run(&mut eng, &mut cpu, &mem, CODE), 0x22);
    // The stale result arrives and must be dropped: every run moves 0x22.
    gate.open(1000);
    for _ in 0..2000 {
        assert_eq!(run(&mut eng, &mut cpu, &mem, CODE), 0x22);
        if eng.stats.discarded > 0 && eng.stats.blocks > 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(eng.stats.discarded > 0, "the compile made from the old target was not dropped");
    for _ in 0..3 {
        assert_eq!(run(&mut eng, &mut cpu, &mem, CODE), 0x22);
    }
}
