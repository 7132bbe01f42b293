//! Shared harness of the fixed-point / CR / SPR instruction tests: runs one raw instruction
//! word on the concrete-value backend ([`jit::interp`]) and exposes the resulting state.
//! [`exec`] and [`expect_exception`] also run the same instruction (followed by `sc`) through
//! the Cranelift engine from the same starting state and require the same architected state,
//! so every table row checks both backends.
//!
//! Encodings in the tests were produced by GNU as (`-mpower9`) from the assembly written next
//! to them; expected values are computed by hand from Power ISA 3.0B.

#![allow(dead_code)]

use cpu_ppc64::{exc, Ppc64, Ppc64Cpu};
use jit::engine::{Config, Engine, Exit};
use jit::interp::{step_mem, Outcome, TestMemory};
use jit::testmem::FlatMemory;

/// Where the instruction under test sits.
pub const PC: u64 = 0x10000;

/// XER bits as `mfxer` reads them.
pub const SO: u64 = 1 << 31;
pub const OV: u64 = 1 << 30;
pub const CA: u64 = 1 << 29;
pub const OV32: u64 = 1 << 19;
pub const CA32: u64 = 1 << 18;

/// CR field bits.
pub const LT: u8 = 8;
pub const GT: u8 = 4;
pub const EQ: u8 = 2;
pub const CR_SO: u8 = 1;

/// A value no instruction under test produces, so an unwritten target shows.
pub const POISON: u64 = 0xdead_beef_dead_beef;

/// A fresh little-endian user-mode CPU with r3 poisoned.
pub fn cpu() -> Box<Ppc64Cpu> {
    let mut c = Ppc64Cpu::new(true);
    c.gpr[3] = POISON;
    c
}

/// Runs the instruction `w` once on `c` (fetched in the CPU's byte order) from [`PC`].
pub fn run(c: &mut Ppc64Cpu, w: u32) -> Outcome {
    let mut mem = TestMemory::new();
    let bytes = if c.little_endian() { w.to_le_bytes() } else { w.to_be_bytes() };
    mem.write(PC, &bytes);
    c.hdr.pc = PC;
    step_mem(&Ppc64, c, &mut mem)
}

/// A bit-for-bit copy of a CPU (the struct is plain `#[repr(C)]` integers).
pub fn clone_cpu(c: &Ppc64Cpu) -> Box<Ppc64Cpu> {
    let mut n = Ppc64Cpu::new(c.little_endian());
    // SAFETY: same type, both valid; every bit pattern of the struct is valid.
    unsafe { std::ptr::copy_nonoverlapping(c as *const Ppc64Cpu, &mut *n as *mut Ppc64Cpu, 1) };
    n
}

/// Runs `w` and then `sc` through the Cranelift engine; returns how it stopped.
pub fn run_jit(c: &mut Ppc64Cpu, w: u32) -> Exit {
    let mem = FlatMemory::new(1 << 20);
    let sc: u32 = 0x4400_0002;
    for (i, word) in [w, sc].into_iter().enumerate() {
        let b = if c.little_endian() { word.to_le_bytes() } else { word.to_be_bytes() };
        mem.write(PC + 4 * i as u64, &b);
    }
    c.hdr.pc = PC;
    Engine::new(Ppc64, Config::default()).run(c, &mem)
}

/// Asserts that the architected state of the two CPUs agrees.
pub fn assert_same_state(interp: &Ppc64Cpu, jit: &Ppc64Cpu, w: u32) {
    let what = format!("instruction {w:#010x}: interpreter vs. Cranelift");
    assert_eq!(interp.gpr, jit.gpr, "{what}: GPRs");
    assert_eq!(interp.cr, jit.cr, "{what}: CR");
    assert_eq!(interp.xer(), jit.xer(), "{what}: XER");
    assert_eq!((interp.lr, interp.ctr, interp.tar, interp.dscr, interp.ppr), (jit.lr, jit.ctr, jit.tar, jit.dscr, jit.ppr), "{what}: LR/CTR/TAR/DSCR/PPR");
    assert_eq!(interp.vrsave, jit.vrsave, "{what}: VRSAVE");
}

/// Runs `w` on a fresh CPU prepared by `setup`, expecting it to fall through; the Cranelift
/// engine must agree.
pub fn exec(w: u32, setup: impl FnOnce(&mut Ppc64Cpu)) -> Box<Ppc64Cpu> {
    let mut c = cpu();
    setup(&mut c);
    let mut j = clone_cpu(&c);
    let c = exec_interp_on(c, w);
    assert_eq!(run_jit(&mut j, w), Exit::Exception(exc::SYSCALL), "instruction {w:#010x} under Cranelift");
    assert_eq!(j.hdr.pc, PC + 8);
    assert_same_state(&c, &j, w);
    c
}

/// Like [`exec`] on the interpreter only, for instructions whose result is not reproducible
/// (`darn`, the time base).
pub fn exec_interp(w: u32, setup: impl FnOnce(&mut Ppc64Cpu)) -> Box<Ppc64Cpu> {
    let mut c = cpu();
    setup(&mut c);
    exec_interp_on(c, w)
}

fn exec_interp_on(mut c: Box<Ppc64Cpu>, w: u32) -> Box<Ppc64Cpu> {
    let o = run(&mut c, w);
    assert_eq!(o, Outcome::Next(PC + 4), "instruction {w:#010x} did not fall through");
    c
}

/// Runs `w` on a fresh CPU prepared by `setup`, expecting exception `exc` at [`PC`] with the
/// registers untouched.
pub fn expect_exception(w: u32, exc: u32, setup: impl Fn(&mut Ppc64Cpu)) {
    let mut c = cpu();
    setup(&mut c);
    let mut before = cpu();
    setup(&mut before);
    let mut j = clone_cpu(&c);
    let o = run(&mut c, w);
    assert_eq!(o, Outcome::Exception { exc, pc: PC }, "instruction {w:#010x}");
    assert_eq!(c.gpr, before.gpr, "instruction {w:#010x} changed GPRs");
    assert_eq!(c.cr, before.cr, "instruction {w:#010x} changed CR");
    assert_eq!(c.xer(), before.xer(), "instruction {w:#010x} changed XER");
    assert_eq!(run_jit(&mut j, w), Exit::Exception(exc), "instruction {w:#010x} under Cranelift");
    assert_eq!(j.hdr.pc, PC, "instruction {w:#010x} under Cranelift: exception PC");
    assert_same_state(&c, &j, w);
}

/// One table row of a register-to-register test: inputs r4 (a), r5 (b), r6 (c) and XER;
/// expected r3, XER and CR0 afterwards (CR0 starts at 0, so non-record forms expect 0).
pub type Case = (u32, &'static str, u64, u64, u64, u64, u64, u64, u8);

pub fn check(cases: &[Case]) {
    for &(w, asm, a, b, cc, xer_in, rt, xer_out, cr0) in cases {
        let c = exec(w, |c| {
            c.gpr[4] = a;
            c.gpr[5] = b;
            c.gpr[6] = cc;
            c.set_xer(xer_in);
        });
        assert_eq!(c.gpr[3], rt, "{asm} with a={a:#x} b={b:#x} c={cc:#x}: RT");
        assert_eq!(c.xer(), xer_out, "{asm} with a={a:#x} b={b:#x}: XER");
        assert_eq!(c.cr[0], cr0, "{asm} with a={a:#x} b={b:#x}: CR0");
    }
}

