use bigiron_benches::ppc64_block;
use cpu_ppc64::{Ppc64, Ppc64Cpu};
use jit::engine::{Config, Engine};
use jit::testmem::FlatMemory;
fn main() {
    let mem = FlatMemory::new(1 << 20);
    for (i, w) in [0xe8a1_0000u32, 0x3863_0003, 0x7ca5_1a14, 0xf8a1_0000, 0x4200_fff0, 0x4400_0002].iter().enumerate() {
        mem.write(0x1000 + 4 * i as u64, &w.to_le_bytes());
    }
    let mut cfg = Config::default();
    cfg.log = jit::log::LogFlags::parse("in_asm").unwrap();
    let mut eng = Engine::new(Ppc64, cfg);
    let mut cpu = Ppc64Cpu::new(true);
    cpu.hdr.pc = 0x1000; cpu.gpr[1] = 0x8000; cpu.ctr = 1000;
    println!("{:?} r3={} pc={:x}", eng.run(&mut cpu, &mem), cpu.gpr[3], cpu.hdr.pc);
    for (i, w) in ppc64_block(12).iter().enumerate() { mem.write(0x2000 + 4 * i as u64, &w.to_le_bytes()); }
    eng.translate_only(0x2000, 1, &mem).unwrap();
}
