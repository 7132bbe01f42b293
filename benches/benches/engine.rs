//! Criterion benches of the engine, per tier: translation throughput of the compiled tier
//! (guest instructions translated per second, both Cranelift optimisation levels, ppc64 and
//! s390x blocks), the interpreter tier's speed (guest instructions interpreted per second),
//! and a hot translated loop.

use bigiron_benches::{ppc64_block, s390x_block};
use cpu_ppc64::{Ppc64, Ppc64Cpu, MODE_LE};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jit::engine::{Config, Engine, OptLevel};
use jit::testmem::FlatMemory;

fn write_words(mem: &FlatMemory, at: u64, words: &[u32]) {
    for (i, w) in words.iter().enumerate() {
        mem.write(at + 4 * i as u64, &w.to_le_bytes());
    }
}

fn translation(c: &mut Criterion) {
    let mut g = c.benchmark_group("translate");
    for &n in &[5usize, 20, 100] {
        for (name, opt) in [("none", OptLevel::None), ("speed", OptLevel::Speed)] {
            let mem = FlatMemory::new(1 << 20);
            write_words(&mem, 0x1000, &ppc64_block(n));
            let mut eng = Engine::new(Ppc64, Config { opt_level: opt, ..Config::default() });
            g.throughput(Throughput::Elements(n as u64 + 1));
            g.bench_function(format!("ppc64_block{n}_{name}"), |b| {
                b.iter(|| eng.translate_only(0x1000, MODE_LE, &mem).expect("translate"))
            });
        }
    }
    g.finish();
}

fn translation_s390x(c: &mut Criterion) {
    let mut g = c.benchmark_group("translate");
    for &n in &[5usize, 20, 100] {
        for (name, opt) in [("none", OptLevel::None), ("speed", OptLevel::Speed)] {
            let mem = FlatMemory::new(1 << 20);
            mem.write(0x1000, &s390x_block(n));
            let mut eng = Engine::new(cpu_s390x::S390x, Config { opt_level: opt, ..Config::default() });
            g.throughput(Throughput::Elements(n as u64 + 1));
            g.bench_function(format!("s390x_block{n}_{name}"), |b| {
                b.iter(|| eng.translate_only(0x1000, 64, &mem).expect("translate"))
            });
        }
    }
    g.finish();
}

/// The first tier: the same blocks run by the interpreter (nothing ever compiled), from
/// entry to the `blr` / `br %r14`, which returns to an `sc` / `svc 0` that stops the run.
fn interpret(c: &mut Criterion) {
    let mut g = c.benchmark_group("interpret");
    let never = Config { hot_threshold: u32::MAX, ..Config::default() };
    for &n in &[20usize, 100] {
        let mem = FlatMemory::new(1 << 20);
        write_words(&mem, 0x1000, &ppc64_block(n));
        write_words(&mem, 0x8000, &[0x4400_0002]); // sc
        let mut eng = Engine::new(Ppc64, never.clone());
        g.throughput(Throughput::Elements(n as u64 + 2));
        g.bench_function(format!("ppc64_block{n}"), |b| {
            b.iter(|| {
                let mut cpu = Ppc64Cpu::new(true);
                cpu.hdr.pc = 0x1000;
                cpu.gpr[1] = 0x4000;
                cpu.lr = 0x8000;
                eng.run(&mut cpu, &mem)
            })
        });
        let mem = FlatMemory::new(1 << 20);
        mem.write(0x1000, &s390x_block(n));
        mem.write(0x8000, &[0x0a, 0x00]); // svc 0
        let mut eng = Engine::new(cpu_s390x::S390x, never.clone());
        g.bench_function(format!("s390x_block{n}"), |b| {
            b.iter(|| {
                let mut cpu = cpu_s390x::S390xCpu::new();
                cpu.hdr.pc = 0x1000;
                cpu.amode = 64;
                cpu.gpr[15] = 0x4000;
                cpu.gpr[14] = 0x8000;
                eng.run(&mut cpu, &mem)
            })
        });
    }
    g.finish();
}

fn hot_loop(c: &mut Criterion) {
    // r3 += 3 for CTR iterations, with a load and a store in the loop body:
    //   loop: ld r5,0(r1); addi r3,r3,3; add r5,r5,r3; std r5,0(r1); bdnz loop; sc
    let mem = FlatMemory::new(1 << 20);
    write_words(&mem, 0x1000, &[0xe8a1_0000, 0x3863_0003, 0x7ca5_1a14, 0xf8a1_0000, 0x4200_fff0, 0x4400_0002]);
    let mut eng = Engine::new(Ppc64, Config::default());
    let iters = 1_000_000u64;
    let mut g = c.benchmark_group("hot_loop");
    g.throughput(Throughput::Elements(iters * 5));
    g.bench_function("ppc64_ld_add_std_bdnz", |b| {
        b.iter(|| {
            let mut cpu = Ppc64Cpu::new(true);
            cpu.hdr.pc = 0x1000;
            cpu.gpr[1] = 0x8000;
            cpu.ctr = iters;
            eng.run(&mut cpu, &mem);
            cpu.gpr[3]
        })
    });
    g.finish();
}

criterion_group!(benches, translation, translation_s390x, interpret, hot_loop);
criterion_main!(benches);
