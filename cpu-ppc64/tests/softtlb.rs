//! The system-mode memory path: the software TLB inlined in translated code, with slow-path
//! helpers for misses and faults. The front end is unchanged — only the engine's memory model.

use cpu_ppc64::{Ppc64, Ppc64Cpu};
use jit::engine::{Config, Engine, Exit};
use jit::softtlb::{new_table, TlbEntry, TlbLayout};
use jit::testmem::FlatMemory;
use std::sync::atomic::{AtomicU64, Ordering};

static SLOW_LOADS: AtomicU64 = AtomicU64::new(0);
static SLOW_STORE_ADDR: AtomicU64 = AtomicU64::new(0);
static SLOW_STORE_VAL: AtomicU64 = AtomicU64::new(0);

const FAULT_PAGE: u64 = 0xffff_ffff_dead_0000;
const EXC_DSI: u32 = 77;

extern "C" fn slow_load(cpu: *mut u8, addr: u64, size: u64) -> u64 {
    SLOW_LOADS.fetch_add(1, Ordering::SeqCst);
    if addr & !0xfff == FAULT_PAGE {
        // SAFETY: the engine passes the CPU struct, which starts with the header.
        unsafe { (*(cpu as *mut jit::cpu::CpuHeader)).exception = EXC_DSI };
        return 0;
    }
    assert_eq!(size, 8);
    0x1234_5678_0000_0000 | addr
}
extern "C" fn slow_store(_cpu: *mut u8, addr: u64, _size: u64, v: u64) -> u64 {
    SLOW_STORE_ADDR.store(addr, Ordering::SeqCst);
    SLOW_STORE_VAL.store(v, Ordering::SeqCst);
    0
}
extern "C" fn slow_host_addr(_cpu: *mut u8, _addr: u64, _size: u64, _w: u64) -> u64 {
    unreachable!("no atomics in this test")
}

#[test]
fn hits_go_to_ram_misses_to_helpers_faults_are_precise() {
    let code = FlatMemory::new(1 << 20);
    let prog: [u32; 8] = [
        0x3880_5008, // li r4,0x5008
        0xe864_0000, // ld r3,0(r4)
        0x38c0_7000, // li r6,0x7000
        0xe8a6_0000, // ld r5,0(r6)
        0xf864_0010, // std r3,16(r4)
        0xf8a6_0008, // std r5,8(r6)
        0x3d00_dead, // lis r8,0xdead      (r8 = 0xffffffffdead0000)
        0xe908_0000, // ld r8,0(r8)         faults (helper raises)
    ];
    for (i, w) in prog.iter().enumerate() {
        code.write(0x1000 + 4 * i as u64, &w.to_le_bytes());
    }
    let mut ram = vec![0u8; 4096];
    ram[8..16].copy_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
    let mut table = new_table(8);
    let idx = (0x5000 >> 12) & 0xff;
    table[idx] = TlbEntry {
        tag_read: 0x5000,
        tag_write: 0x5000,
        addend: (ram.as_mut_ptr() as u64).wrapping_sub(0x5000),
        _pad: 0,
    };
    let layout = TlbLayout { page_bits: 12, index_bits: 8, slow_load, slow_store, slow_host_addr };
    let mut cfg = Config::default();
    cfg.softtlb = Some(layout);
    let mut eng = Engine::new(Ppc64, cfg);
    let mut cpu = Ppc64Cpu::new(true);
    cpu.hdr.pc = 0x1000;
    cpu.hdr.tlb = table.as_mut_ptr() as u64;
    let r = eng.run(&mut cpu, &code);
    assert_eq!(r, Exit::Exception(EXC_DSI));
    assert_eq!(cpu.gpr[3], 0x1122_3344_5566_7788);
    assert_eq!(cpu.gpr[5], 0x1234_5678_0000_7000);
    assert_eq!(u64::from_le_bytes(ram[24..32].try_into().unwrap()), 0x1122_3344_5566_7788);
    assert_eq!(SLOW_STORE_ADDR.load(Ordering::SeqCst), 0x7008);
    assert_eq!(SLOW_STORE_VAL.load(Ordering::SeqCst), 0x1234_5678_0000_7000);
    // Precise: the faulting ld r8 left r8 as lis set it and PC at the ld.
    assert_eq!(cpu.gpr[8], 0xffff_ffff_dead_0000);
    assert_eq!(cpu.hdr.pc, 0x101c);
    assert_eq!(SLOW_LOADS.load(Ordering::SeqCst), 2);
}
