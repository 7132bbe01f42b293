//! End-to-end checks of the engine with the ppc64 front end: loops with chaining, exits,
//! precise faults (host-detected and range-detected).

use cpu_ppc64::{exc, Ppc64, Ppc64Cpu};
use jit::codegen::SsaLoops;
use jit::engine::{Config, Engine, Exit};
use jit::testmem::FlatMemory;

/// Each test runs six ways: compiling every block at once, compiling regions (side-exit
/// targets on the page compiled into the same function), with the default tiering (cold
/// blocks in the interpreter, hot ones compiled in the background) without and with
/// regions, and with guest state carried in variables across loop edges, without and with
/// regions. All must give the same architected results.
fn configs() -> [Config; 6] {
    [
        Config { hot_threshold: 0, ssa_loops: SsaLoops::Off, ..Config::default() },
        Config { hot_threshold: 0, max_region_paths: 16, ssa_loops: SsaLoops::Off, ..Config::default() },
        Config { ssa_loops: SsaLoops::Off, ..Config::default() },
        Config { max_region_paths: 16, ..Config::default() },
        Config { hot_threshold: 0, ssa_loops: SsaLoops::All, ..Config::default() },
        Config { hot_threshold: 0, max_region_paths: 16, ssa_loops: SsaLoops::All, ..Config::default() },
    ]
}

fn load_program(mem: &FlatMemory, at: u64, words: &[u32]) {
    for (i, w) in words.iter().enumerate() {
        mem.write(at + 4 * i as u64, &w.to_le_bytes());
    }
}

#[test]
fn counted_loop_and_store_then_syscall() {
    for cfg in configs() {
        let mem = FlatMemory::new(16 << 20);
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0000, // li r3,0
                0x3880_0064, // li r4,100
                0x7c89_03a6, // mtctr r4
                0x3863_0003, // loop: addi r3,r3,3
                0x4200_fffc, // bdnz loop
                0x38a0_1000, // li r5,0x1000
                0xf865_0000, // std r3,0(r5)
                0x4400_0002, // sc
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        let r = eng.run(&mut cpu, &mem);
        assert_eq!(r, Exit::Exception(exc::SYSCALL));
        assert_eq!(cpu.hdr.pc, 0x10020);
        assert_eq!(cpu.gpr[3], 300);
        assert_eq!(cpu.ctr, 0);
        assert_eq!(u64::from_le_bytes(mem.read(0x1000, 8).try_into().unwrap()), 300);
    }
}

#[test]
fn host_fault_is_precise() {
    for cfg in configs() {
        let mem = FlatMemory::new(16 << 20);
        mem.protect_none(0x20_0000, 0x1000);
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0007, // li r3,7
                0x3c80_0020, // lis r4,0x20      (r4 = 0x200000, protected)
                0x3863_0001, // addi r3,r3,1     (r3 = 8, must be visible at the fault)
                0xe8a4_0008, // ld r5,8(r4)      faults
                0x3863_0001, // addi r3,r3,1     must not run
                0x4400_0002, // sc
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        let r = eng.run(&mut cpu, &mem);
        assert_eq!(r, Exit::Fault { addr: 0x20_0008, write: false });
        assert_eq!(cpu.hdr.pc, 0x1000c);
        assert_eq!(cpu.gpr[3], 8);
        assert_eq!(cpu.gpr[4], 0x20_0000);
        // Resuming after the machine "fixed" nothing faults again at the same place.
        let r = eng.run(&mut cpu, &mem);
        assert_eq!(r, Exit::Fault { addr: 0x20_0008, write: false });
    }
}

#[test]
fn store_fault_update_form_leaves_ra() {
    for cfg in configs() {
        let mem = FlatMemory::new(16 << 20);
        mem.protect_none(0x20_0000, 0x1000);
        load_program(
            &mem,
            0x10000,
            &[
                0x3c80_0020, // lis r4,0x20
                0xf864_0011, // stdu r3,16(r4)   faults: r4 must stay 0x200000
                0x4400_0002, // sc
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Fault { addr: 0x20_0010, write: true });
        assert_eq!(cpu.gpr[4], 0x20_0000);
        assert_eq!(cpu.hdr.pc, 0x10004);
    }
}

#[test]
fn out_of_range_and_fetch_faults() {
    for cfg in configs() {
        let mem = FlatMemory::new(16 << 20);
        load_program(
            &mem,
            0x10000,
            &[
                0x3880_ffff, // li r4,-1
                0x8864_0000, // lbz r3,0(r4)     beyond guest memory
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Fault { addr: u64::MAX, write: false });
        assert_eq!(cpu.hdr.pc, 0x10004);
        cpu.hdr.pc = 0x7fff_0000_0000;
        assert_eq!(eng.run(&mut cpu, &mem), Exit::FetchFault(0x7fff_0000_0000));
    }
}

#[test]
fn illegal_instruction_raises() {
    for cfg in configs() {
        let mem = FlatMemory::new(1 << 20);
        load_program(&mem, 0x1000, &[0x3860_0001, 0x0000_0000]);
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x1000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::ILLEGAL));
        assert_eq!(cpu.hdr.pc, 0x1004);
        assert_eq!(cpu.gpr[3], 1);
    }
}

/// A loop that rewrites an instruction it is about to execute (in its own block): the new
/// code must run every time. r3 accumulates the immediates of the patched `addi`.
#[test]
fn self_modifying_code_runs_new_instructions() {
    for cfg in configs() {
        let mut mem = FlatMemory::new(16 << 20);
        mem.track_code = true;
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0000, // 0x10000 li r3,0
                0x38c0_0005, // 0x10004 li r6,5
                0x7cc9_03a6, // 0x10008 mtctr r6
                0x3ca0_3863, // 0x1000c lis r5,0x3863          (r5 = 0x38630000: addi r3,r3,0)
                0x3880_0000, // 0x10010 li r4,0x10000 -> use lis below
                0x3c80_0001, // 0x10014 lis r4,1               (r4 = 0x10000)
                // loop:
                0x38a5_0001, // 0x10018 addi r5,r5,1           (next immediate)
                0x90a4_0024, // 0x1001c stw r5,0x24(r4)        patch the addi at 0x10024
                0x7c00_0378, // 0x10020 or r0,r0,r0            (any harmless insn)
                0x3863_0000, // 0x10024 addi r3,r3,0           patched each iteration
                0x4200_fff0, // 0x10028 bdnz loop (0x10018)
                0x4400_0002, // 0x1002c sc
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
        // Immediates 1..=5 were each executed once.
        assert_eq!(cpu.gpr[3], 1 + 2 + 3 + 4 + 5);
        assert!(eng.stats.invalidated > 0);
    }
}

/// Base + displacement accesses range-check only the base register (guard regions surround
/// guest memory): below address 0, across the top of guest memory and from a wild base
/// must all fault precisely, with the architected effective address.
#[test]
fn base_displacement_accesses_outside_memory_fault_precisely() {
    for cfg in configs() {
        let size = 16u64 << 20;
        let mem = FlatMemory::new(size as usize);
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0001, // li r3,1
                0xe8a0_fff8, // ld r5,-8(0)          EA = 0xffff_ffff_ffff_fff8
            ],
        );
        load_program(&mem, 0x20000, &[0xe8a4_0008]); // ld r5,8(r4)
        let mut eng = Engine::new(Ppc64, cfg.clone());
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Fault { addr: 0xffff_ffff_ffff_fff8, write: false });
        assert_eq!((cpu.hdr.pc, cpu.gpr[3]), (0x10004, 1));
        for (r4, ea) in [(size - 4, size + 4), (1u64 << 63, (1u64 << 63) + 8), (u64::MAX - 3, 4)] {
            let mut cpu = Ppc64Cpu::new(true);
            cpu.hdr.pc = 0x20000;
            cpu.gpr[4] = r4;
            let r = eng.run(&mut cpu, &mem);
            if ea == 4 {
                // Wraps around to guest address 4, which is mapped: a valid load.
                assert_ne!(r, Exit::Fault { addr: ea, write: false });
                continue;
            }
            assert_eq!(r, Exit::Fault { addr: ea, write: false }, "r4={r4:#x}");
            assert_eq!(cpu.hdr.pc, 0x20000);
        }
    }
}

/// A loop whose back-edge leaves a block for an earlier address on the same page (the
/// region compiler must translate that target, and a background compile must see it).
#[test]
fn loop_through_two_blocks_backwards() {
    for cfg in configs() {
        let mem = FlatMemory::new(1 << 20);
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0000, // 0x10000 li r3,0
                0x38a0_0000, // 0x10004 li r5,0
                0x3880_0bb8, // 0x10008 li r4,3000
                0x7c89_03a6, // 0x1000c mtctr r4
                0x3863_0001, // 0x10010 Q: addi r3,r3,1
                0x2c03_0000, // 0x10014 cmpwi r3,0
                0x4082_0008, // 0x10018 bne P (0x10020): always taken
                0x3863_0064, // 0x1001c addi r3,r3,100 (never runs)
                0x38a5_0002, // 0x10020 P: addi r5,r5,2
                0x4200_ffec, // 0x10024 bdnz Q (0x10010)
                0x4400_0002, // 0x10028 sc
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
        assert_eq!((cpu.gpr[3], cpu.gpr[5], cpu.ctr), (3000, 6000, 0), "{cfg:?}");
    }
}

/// Loads do not write guest registers back to the CPU struct; a fault replays from the last
/// point where the struct was exact. In a loop that point may lie iterations back (when
/// state is carried in variables across the back-edge), so the replay must run to the
/// faulting iteration, not stop at the first pass over the faulting instruction.
#[test]
fn load_loop_faults_precisely_after_many_iterations() {
    let loops: [(&str, [u32; 9]); 2] = [
        (
            "loads only",
            [
                0x3860_0000, // 0x10000 li r3,0
                0x3c80_001f, // 0x10004 lis r4,0x1f
                0x6084_ff00, // 0x10008 ori r4,r4,0xff00   (256 bytes before a protected page)
                0x38c0_0000, // 0x1000c li r6,0
                0x88a4_0000, // 0x10010 L: lbz r5,0(r4)    faults at 0x200000
                0x7c63_2a14, // 0x10014 add r3,r3,r5
                0x3884_0001, // 0x10018 addi r4,r4,1
                0x38c6_0001, // 0x1001c addi r6,r6,1
                0x4bff_fff0, // 0x10020 b L
            ],
        ),
        (
            "with a store",
            [
                0x3860_0000, // 0x10000 li r3,0
                0x3c80_001f, // 0x10004 lis r4,0x1f
                0x6084_ff00, // 0x10008 ori r4,r4,0xff00
                0x3ce0_0010, // 0x1000c lis r7,0x10
                0x88a4_0000, // 0x10010 L: lbz r5,0(r4)
                0x7c63_2a14, // 0x10014 add r3,r3,r5
                0x9067_0000, // 0x10018 stw r3,0(r7)
                0x3884_0001, // 0x1001c addi r4,r4,1
                0x4bff_fff0, // 0x10020 b L
            ],
        ),
    ];
    for (name, prog) in loops {
        for cfg in configs() {
            let mem = FlatMemory::new(16 << 20);
            mem.write(0x1f_ff00, &[3u8; 256]);
            mem.protect_none(0x20_0000, 0x1000);
            load_program(&mem, 0x10000, &prog);
            let mut cpu = Ppc64Cpu::new(true);
            cpu.hdr.pc = 0x10000;
            let mut eng = Engine::new(Ppc64, cfg.clone());
            let r = eng.run(&mut cpu, &mem);
            assert_eq!(r, Exit::Fault { addr: 0x20_0000, write: false }, "{name} {cfg:?}");
            assert_eq!((cpu.hdr.pc, cpu.gpr[3], cpu.gpr[4]), (0x10010, 768, 0x20_0000), "{name} {cfg:?}");
            if name == "loads only" {
                assert_eq!(cpu.gpr[6], 256, "{name} {cfg:?}");
            } else {
                assert_eq!(mem.read(0x10_0000, 4), 768u32.to_le_bytes(), "{name} {cfg:?}");
            }
        }
    }
}

/// A branch the interpreter saw mostly taken becomes the trace's main path (its fall-through
/// the side exit); the rare direction must still run correctly once compiled.
#[test]
fn mostly_taken_branch_and_its_rare_direction() {
    for cfg in configs() {
        let mem = FlatMemory::new(1 << 20);
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0000, // 0x10000 li r3,0
                0x38c0_0000, // 0x10004 li r6,0
                0x3880_0bb8, // 0x10008 li r4,3000
                0x7c89_03a6, // 0x1000c mtctr r4
                0x3863_0001, // 0x10010 L: addi r3,r3,1
                0x7065_00ff, // 0x10014 andi. r5,r3,255
                0x4082_0008, // 0x10018 bne M (taken unless r3 % 256 == 0)
                0x38c6_0001, // 0x1001c addi r6,r6,1
                0x4200_fff0, // 0x10020 M: bdnz L
                0x4400_0002, // 0x10024 sc
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
        assert_eq!((cpu.gpr[3], cpu.gpr[6], cpu.ctr), (3000, 11, 0), "{cfg:?}");
        assert_eq!(cpu.cr[0] & 0b1110, 0b0100, "CR0 of the last andi. (3000 & 255 = 184 > 0) {cfg:?}");
    }
}

/// A background compile made from a block's old bytes must never run once the guest has
/// written the block's code: the worker is held (a closed `CompileGate`) after compiling the
/// hot loop, the guest patches the loop's `addi`, and only then is the stale result let
/// through. The engine must discard it, and every later iteration adds the new immediate.
#[test]
fn stale_background_compile_is_discarded() {
    let program = [
        0x3860_0000, // 0x10000 li r3,0
        0x38c0_0032, // 0x10004 li r6,50
        0x7cc9_03a6, // 0x10008 mtctr r6
        0x3863_0001, // 0x1000c loop: addi r3,r3,1     (patched to addi r3,r3,2)
        0x4200_fffc, // 0x10010 bdnz loop
        0x4400_0002, // 0x10014 sc
        0x3c80_0001, // 0x10018 lis r4,1
        0x3ca0_3863, // 0x1001c lis r5,0x3863
        0x60a5_0002, // 0x10020 ori r5,r5,2            (addi r3,r3,2)
        0x90a4_000c, // 0x10024 stw r5,0xc(r4)         patch the loop body
        0x4bff_ffdc, // 0x10028 b 0x10004
    ];
    stale_compile_scenario(0x10000, &program, 0x10000, 0x10018, 0x10004, 0);
}

/// A loop of 50 iterations adding 1 to r3, compiled in the background while the gate holds
/// the result: runs it from `start` (r3 = 50), then the code at `patch`, which rewrites the
/// loop to add 2 and runs it again from `resume` (r3 = 150, interpreted meanwhile), then
/// lets the stale result through and checks it is dropped.
fn stale_compile_scenario(at: u64, program: &[u32], start: u64, patch: u64, resume: u64, min_blocks: u64) {
    let gate = jit::compiler::CompileGate::closed();
    let cfg = Config { hot_threshold: 5, compile_gate: Some(gate.clone()), ..Config::default() };
    let mut mem = FlatMemory::new(16 << 20);
    mem.track_code = true;
    load_program(&mem, at, program);
    let mut cpu = Ppc64Cpu::new(true);
    let mut eng = Engine::new(Ppc64, cfg);
    // The loop gets hot: its compile (of `addi r3,r3,1`) waits at the gate.
    cpu.hdr.pc = start;
    assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
    assert_eq!(cpu.gpr[3], 50);
    // The guest rewrites the loop and runs it again (interpreted meanwhile).
    cpu.hdr.pc = patch;
    assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
    assert_eq!(cpu.gpr[3], 150);
    assert!(eng.stats.invalidated > 0);
    // Now the stale result arrives; later runs must still add 2 per iteration.
    gate.open(1000);
    stale_result_is_dropped(&mut eng, &mut cpu, &mem, resume, 150, min_blocks);
}

/// After a guest rewrote its loop (now adding 2 per iteration, 100 per run, to r3 = `want`)
/// while a compile of the old bytes was held at the gate (now open): runs the loop from
/// `entry` until that result has come back and been discarded and a later compile is in
/// (`blocks` above `min_blocks`); every run, and three runs of the new code, must add 100.
fn stale_result_is_dropped(eng: &mut Engine<Ppc64>, cpu: &mut Ppc64Cpu, mem: &FlatMemory, entry: u64, mut want: u64, min_blocks: u64) {
    for _ in 0..2000 {
        cpu.hdr.pc = entry;
        assert_eq!(eng.run(cpu, mem), Exit::Exception(exc::SYSCALL));
        want += 100;
        assert_eq!(cpu.gpr[3], want);
        if eng.stats.discarded > 0 && eng.stats.blocks > min_blocks {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(eng.stats.discarded > 0, "the stale compile was not discarded");
    for _ in 0..3 {
        cpu.hdr.pc = entry;
        assert_eq!(eng.run(cpu, mem), Exit::Exception(exc::SYSCALL));
        want += 100;
    }
    assert_eq!(cpu.gpr[3], want);
}

/// Bounded code memory: a chain of 8000 small blocks (each stores, so nothing folds) run 4
/// times does not fit a 128 KiB cache, so the engine flushes it (more than once) and
/// recompiles; the results stay exact, also with background compiles in flight across a
/// flush (their results belong to the old generation and are dropped). Before the fix, a
/// flush inside a synchronous translation left the dispatcher holding a stale block index
/// (a host panic).
#[test]
fn code_cache_flushes_when_full() {
    const N: u32 = 8000;
    let mut words = vec![
        0x3860_0000, // li r3,0
        0x3880_0004, // li r4,4
        0x7c89_03a6, // mtctr r4
        0x38a0_7000, // li r5,0x7000 (data below the code)
    ];
    // outer (0x10010): N blocks of `addi r3,r3,1; stw r3,0(r5); b .+4`
    for _ in 0..N {
        words.push(0x3863_0001);
        words.push(0x9065_0000);
        words.push(0x4800_0004);
    }
    // bdz done; b outer (a `b`: the chain is beyond a conditional branch's reach); done: sc
    words.push(0x4240_0008);
    let back = -(12 * N as i32 + 4);
    words.push(0x4800_0000 | (back as u32 & 0x03ff_fffc));
    words.push(0x4400_0002);
    for cfg in [
        Config { hot_threshold: 0, code_cache_bytes: 1 << 17, ..Config::default() },
        Config { hot_threshold: 1, code_cache_bytes: 1 << 17, ..Config::default() },
    ] {
        let mem = FlatMemory::new(16 << 20);
        load_program(&mem, 0x10000, &words);
        let mut cpu = Ppc64Cpu::new(true);
        cpu.hdr.pc = 0x10000;
        let mut eng = Engine::new(Ppc64, cfg.clone());
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
        assert_eq!(cpu.gpr[3], 4 * N as u64);
        // Background: run again until the worker's results have overflowed the cache too.
        for _ in 0..2000 {
            if eng.stats.flushes > 1 {
                break;
            }
            cpu.hdr.pc = 0x10000;
            assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
            assert_eq!(cpu.gpr[3], 4 * N as u64);
        }
        assert!(eng.stats.flushes > 1, "flushes: {} blocks {} bytes {}", eng.stats.flushes, eng.stats.blocks, eng.stats.code_bytes);
    }
}

/// A loop whose body runs over a page boundary compiles into one trace with its back-edge
/// inside (the trace follows the fall-through onto the next page). A guest store into the
/// second page must still reach it: afterwards the loop adds the new immediate. Without the
/// trace's second page being watched, the old code would keep running.
#[test]
fn loop_across_a_page_boundary_and_a_write_to_its_second_page() {
    for cfg in configs() {
        let mut mem = FlatMemory::new(16 << 20);
        mem.track_code = true;
        load_program(
            &mem,
            0x10fe8,
            &[
                0x3860_0000, // 0x10fe8 li r3,0
                0x38c0_0064, // 0x10fec li r6,100
                0x7cc9_03a6, // 0x10ff0 mtctr r6
                0x3863_0001, // 0x10ff4 loop: addi r3,r3,1
                0x3863_0001, // 0x10ff8 addi r3,r3,1
                0x6000_0000, // 0x10ffc nop
                0x3863_0001, // 0x11000 addi r3,r3,1          (patched to addi r3,r3,2)
                0x4200_fff0, // 0x11004 bdnz loop
                0x4400_0002, // 0x11008 sc
                0x6000_0000, // 0x1100c nop
                0x3c80_0001, // 0x11010 lis r4,1
                0x3ca0_3863, // 0x11014 lis r5,0x3863
                0x60a5_0002, // 0x11018 ori r5,r5,2           (addi r3,r3,2)
                0x90a4_1000, // 0x1101c stw r5,0x1000(r4)     patch 0x11000
                0x4bff_ffc8, // 0x11020 b 0x10fe8
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        let mut eng = Engine::new(Ppc64, cfg.clone());
        for _ in 0..30 {
            cpu.hdr.pc = 0x10fe8;
            assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
            assert_eq!((cpu.hdr.pc, cpu.gpr[3]), (0x1100c, 300), "{cfg:?}");
        }
        cpu.hdr.pc = 0x11010;
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
        assert_eq!(cpu.gpr[3], 400, "{cfg:?}");
        for _ in 0..30 {
            cpu.hdr.pc = 0x10fe8;
            assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
            assert_eq!(cpu.gpr[3], 400, "{cfg:?}");
        }
    }
}

/// As `stale_background_compile_is_discarded`, with the rewritten instruction on the second
/// page of the trace: that page is only watched once the result is installed, so the engine
/// must compare it with the bytes the compile was made from and drop the stale result.
#[test]
fn stale_second_page_of_a_background_trace_is_discarded() {
    let program = [
        0x3863_0001, // 0x10ff8 addi r3,r3,1          (patched to addi r3,r3,2)
        0x4800_000c, // 0x10ffc b 0x11008
        0x6000_0000, // 0x11000 loop: nop              (the trace starts here)
        0x4bff_fff4, // 0x11004 b 0x10ff8
        0x4200_fff8, // 0x11008 bdnz loop
        0x4400_0002, // 0x1100c sc
        0x3860_0000, // 0x11010 li r3,0
        0x38c0_0032, // 0x11014 li r6,50
        0x7cc9_03a6, // 0x11018 mtctr r6
        0x4bff_ffe4, // 0x1101c b loop
        0x3c80_0001, // 0x11020 lis r4,1
        0x3ca0_3863, // 0x11024 lis r5,0x3863
        0x60a5_0002, // 0x11028 ori r5,r5,2           (addi r3,r3,2)
        0x90a4_0ff8, // 0x1102c stw r5,0xff8(r4)      patch 0x10ff8
        0x4bff_ffe4, // 0x11030 b 0x11014
    ];
    // The loop's first hot block (0x11000) is on the second page; its trace runs over the
    // first, where the patched instruction is.
    stale_compile_scenario(0x10ff8, &program, 0x11010, 0x11020, 0x11014, 1);
}

/// A trace follows `bl` into a function on its page and, at the function's `blr`, goes on
/// inline at the return address; a function that returns elsewhere (it bumps LR past the
/// caller's next instruction) must leave the trace and skip that instruction.
#[test]
fn calls_and_returns_inside_a_trace() {
    for cfg in configs() {
        let mem = FlatMemory::new(16 << 20);
        load_program(
            &mem,
            0x10000,
            &[
                0x3860_0000, // 0x10000 li r3,0
                0x38c0_0032, // 0x10004 li r6,50
                0x7cc9_03a6, // 0x10008 mtctr r6
                0x4800_0025, // 0x1000c loop: bl f (0x10030)
                0x3863_0001, // 0x10010 addi r3,r3,1
                0x4800_002d, // 0x10014 bl g (0x10040)
                0x3863_0064, // 0x10018 addi r3,r3,100        (g returns past it)
                0x4200_fff0, // 0x1001c bdnz loop
                0x4400_0002, // 0x10020 sc
                0x6000_0000, // 0x10024
                0x6000_0000, // 0x10028
                0x6000_0000, // 0x1002c
                0x3863_000a, // 0x10030 f: addi r3,r3,10
                0x4e80_0020, // 0x10034 blr
                0x6000_0000, // 0x10038
                0x6000_0000, // 0x1003c
                0x7ce8_02a6, // 0x10040 g: mflr r7
                0x38e7_0004, // 0x10044 addi r7,r7,4
                0x7ce8_03a6, // 0x10048 mtlr r7
                0x4e80_0020, // 0x1004c blr
            ],
        );
        let mut cpu = Ppc64Cpu::new(true);
        let mut eng = Engine::new(Ppc64, cfg.clone());
        for _ in 0..30 {
            cpu.hdr.pc = 0x10000;
            assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
            assert_eq!((cpu.hdr.pc, cpu.gpr[3], cpu.lr), (0x10024, 50 * 11, 0x1001c), "{cfg:?}");
        }
    }
}

/// A request to stop (a host signal for the guest) that the dispatcher sees right after a
/// block left by a not-yet-linked exit: the machine then moves the PC to a "signal handler"
/// and back. The exit must stay unlinked rather than be linked to the handler. Before the
/// fix, a later run of the chain jumped into the handler from that exit. Another thread
/// raises the request over and over while a chain of 300 blocks runs for the first time
/// (repeated until it has arrived a few times).
#[test]
fn interrupt_between_a_block_and_its_unlinked_successor() {
    const N: usize = 300;
    const HANDLER: u64 = 0x40000;
    let mut words = vec![0x3860_0000]; // li r3,0
    // N blocks of `addi r3,r3,1; stw r3,0(r5); b .+4`, then sc.
    words.push(0x38a0_7000); // li r5,0x7000
    for _ in 0..N {
        words.extend([0x3863_0001, 0x9065_0000, 0x4800_0004]);
    }
    words.push(0x4400_0002);
    let end = 0x10000 + 4 * words.len() as u64;
    let mut interrupted = 0;
    for _attempt in 0..200 {
        let mem = FlatMemory::new(16 << 20);
        load_program(&mem, 0x10000, &words);
        load_program(&mem, HANDLER, &[0x3880_004d, 0x4400_0002]); // li r4,77; sc
        let mut cpu = Box::new(Ppc64Cpu::new(true));
        let mut eng = Engine::new(Ppc64, Config { hot_threshold: 0, ..Config::default() });
        let req = &mut cpu.hdr.exit_request as *mut u32 as usize;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let pinger = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    // SAFETY: the CPU is boxed and outlives this thread (joined below); the
                    // word is only accessed atomically (the engine reads it as the machine's
                    // signal handler would set it).
                    unsafe { std::sync::atomic::AtomicU32::from_ptr(req as *mut u32) }.store(1, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
            })
        };
        cpu.hdr.pc = 0x10000;
        loop {
            match eng.run(&mut cpu, &mem) {
                Exit::Interrupted => {
                    interrupted += 1;
                    // SAFETY: as above.
                    unsafe { std::sync::atomic::AtomicU32::from_ptr(req as *mut u32) }.store(0, std::sync::atomic::Ordering::SeqCst);
                    // "Deliver a signal": run the handler, then resume where the guest was.
                    let resume = cpu.hdr.pc;
                    cpu.hdr.pc = HANDLER;
                    while eng.run(&mut cpu, &mem) == Exit::Interrupted {}
                    cpu.hdr.pc = resume;
                }
                Exit::Exception(x) if x == exc::SYSCALL => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        pinger.join().unwrap();
        cpu.hdr.exit_request = 0;
        assert_eq!((cpu.hdr.pc, cpu.gpr[3]), (end, N as u64));
        // Every exit is linked now: the chain must run straight through to its end.
        cpu.gpr[3] = 0;
        cpu.hdr.pc = 0x10000;
        assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
        assert_eq!((cpu.hdr.pc, cpu.gpr[3]), (end, N as u64), "an exit was linked to the handler");
        if interrupted >= 3 {
            break;
        }
    }
    assert!(interrupted >= 3, "the request hardly ever arrived between blocks ({interrupted} times)");
}

/// A trace follows a call onto another page for at most 64 callee instructions: two calls to
/// a 200-instruction callee translate each instruction about once (about 270 in all), not
/// once per call site (over 400, every caller's trace carrying its own copy).
#[test]
fn a_long_callee_on_another_page_is_not_inlined_into_every_caller() {
    let mem = FlatMemory::new(16 << 20);
    load_program(
        &mem,
        0x10000,
        &[
            0x3860_0000, // 0x10000 li r3,0
            0x4800_0ffd, // 0x10004 bl 0x11000
            0x4800_0ff9, // 0x10008 bl 0x11000
            0x4400_0002, // 0x1000c sc
        ],
    );
    let mut callee = vec![0x3863_0001u32; 200]; // addi r3,r3,1
    callee.push(0x4e80_0020); // blr
    load_program(&mem, 0x11000, &callee);
    let cfg = Config { hot_threshold: 0, no_background: true, trace_calls_across_pages: Some(true), ..Config::default() };
    let mut cpu = Ppc64Cpu::new(true);
    cpu.hdr.pc = 0x10000;
    let mut eng = Engine::new(Ppc64, cfg);
    assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
    assert_eq!(cpu.gpr[3], 400);
    assert!(eng.stats.guest_insns < 300, "{} guest instructions translated", eng.stats.guest_insns);
}

/// FPR n is doubleword 0 of VSR n. Compiled code keeps FPRs in host registers and VSRs in
/// memory: a VSX store must see an FPR written just before it, and an FPR read must
/// see a VSX write of the whole register — in a straight run and round a loop.
#[test]
fn fpr_and_vsr_accesses_of_the_same_register_see_each_other() {
    for rounds in [1u32, 2] {
        for cfg in configs() {
            let mem = FlatMemory::new(16 << 20);
            load_program(
                &mem,
                0x10000,
                &[
                    0x3880_0000 | rounds, // li r4,rounds
                    0x7c89_03a6,          // mtctr r4
                    0xfc40_0890,          // loop: fmr f2,f1
                    0xf449_0005,          // stxv vs2,0(r9)      (doubleword 0 is f2)
                    0xf045_2c90,          // xxlor vs2,vs5,vs5   (f2 is vs5's doubleword 0)
                    0xfcc0_1090,          // fmr f6,f2
                    0x4200_fff0,          // bdnz loop
                    0x4400_0002,          // sc
                ],
            );
            let mut cpu = Ppc64Cpu::new(true);
            cpu.hdr.pc = 0x10000;
            cpu.gpr[9] = 0x2000;
            // vsr[n] = [doubleword 1, doubleword 0]
            cpu.vsr[1] = [0x0101_0101_0101_0101, 0x1111_2222_3333_4444];
            cpu.vsr[2] = [0xbbbb_bbbb_bbbb_bbbb, 0xaaaa_aaaa_aaaa_aaaa];
            cpu.vsr[5] = [0x6666_6666_6666_6666, 0x5555_5555_5555_5555];
            let mut eng = Engine::new(Ppc64, cfg.clone());
            assert_eq!(eng.run(&mut cpu, &mem), Exit::Exception(exc::SYSCALL));
            assert_eq!(cpu.hdr.pc, 0x10020);
            // Little-endian: doubleword 0 is the second 8 bytes stored. (Doubleword 1 of an
            // FPR instruction's target is undefined: not checked.)
            let dw0 = u64::from_le_bytes(mem.read(0x2008, 8).try_into().unwrap());
            assert_eq!(dw0, 0x1111_2222_3333_4444, "rounds {rounds}, {cfg:?}");
            assert_eq!(cpu.vsr[2], cpu.vsr[5], "rounds {rounds}, {cfg:?}");
            assert_eq!(cpu.vsr[6][1], 0x5555_5555_5555_5555, "rounds {rounds}, {cfg:?}");
        }
    }
}
