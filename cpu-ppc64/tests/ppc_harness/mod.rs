//! Shared harness of the per-instruction tests (`load_store.rs`, `branch.rs`, `vector.rs`):
//! runs one instruction on both backends — the concrete-value interpreter and the Cranelift
//! engine — from the same initial registers and memory, checks that they agree on every
//! register, the data memory and the way the instruction ended, and hands the interpreter's
//! result to the test, which compares it with values computed by hand from the book.
//!
//! Layout: code lives in `[0, CODE_END)`, every word of it `sc` except the instruction under
//! test at `PC`, so the engine stops right after the instruction (or at a branch target).
//! Data lives in `[DATA, DATA_END)`. Addresses at or above `FAULT` are unmapped for both.

#![allow(dead_code)]

use cpu_ppc64::{exc, Ppc64, Ppc64Cpu};
use jit::engine::{Config, Engine, Exit};
use jit::interp::{step_mem, Outcome, TestMemory};
use jit::testmem::FlatMemory;

pub const PC: u64 = 0x1000;
pub const CODE_END: u64 = 0x8000;
pub const DATA: u64 = 0x10000;
pub const DATA_END: u64 = 0x20000;
pub const FAULT: u64 = 0x4000_0000;
const SC: u32 = 0x4400_0002;

/// How the instruction ended (the interpreter's view; the engine's is checked against it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum End {
    /// Continued at this address (fall-through or branch).
    At(u64),
    /// Raised exception `exc` with the guest PC at `pc`.
    Exc(u32, u64),
    /// A data access faulted at this address.
    Fault(u64),
}

/// Initial state of a test.
pub struct Case {
    pub le: bool,
    pub cpu: Box<Ppc64Cpu>,
    mem: Vec<(u64, Vec<u8>)>,
}

impl Case {
    pub fn new(le: bool) -> Case {
        Case { le, cpu: Ppc64Cpu::new(le), mem: Vec::new() }
    }
    pub fn gpr(mut self, n: usize, v: u64) -> Case {
        self.cpu.gpr[n] = v;
        self
    }
    /// Sets VSR n from its architected 128-bit value.
    pub fn vsr(mut self, n: usize, v: u128) -> Case {
        self.cpu.vsr[n] = [v as u64, (v >> 64) as u64];
        self
    }
    pub fn vr(self, n: usize, v: u128) -> Case {
        self.vsr(32 + n, v)
    }
    pub fn mem(mut self, addr: u64, bytes: &[u8]) -> Case {
        assert!(addr >= DATA && addr + bytes.len() as u64 <= DATA_END, "test data outside the data area");
        self.mem.push((addr, bytes.to_vec()));
        self
    }
    pub fn with(mut self, f: impl FnOnce(&mut Ppc64Cpu)) -> Case {
        f(&mut self.cpu);
        self
    }

    /// Runs instruction word `w` on both backends; panics if they disagree.
    pub fn run(self, w: u32) -> Done {
        let enc = |x: u32| if self.le { x.to_le_bytes() } else { x.to_be_bytes() };

        // Interpreter.
        let mut tmem = TestMemory::new();
        tmem.map(0, CODE_END);
        tmem.map(DATA, DATA_END - DATA);
        for a in (0..CODE_END).step_by(4) {
            tmem.write(a, &enc(SC));
        }
        tmem.write(PC, &enc(w));
        for (a, b) in &self.mem {
            tmem.write(*a, b);
        }
        let mut icpu = clone_cpu(&self.cpu);
        icpu.hdr.pc = PC;
        let end = match step_mem(&Ppc64, &mut *icpu, &mut tmem) {
            Outcome::Next(pc) | Outcome::Jump(pc) => End::At(pc),
            Outcome::Exception { exc, pc } => End::Exc(exc, pc),
            Outcome::Fault { addr, .. } => End::Fault(addr),
            Outcome::FetchFault(pc) => panic!("fetch fault at {pc:#x}"),
        };

        // Engine.
        let fmem = FlatMemory::new(1 << 20);
        for a in (0..CODE_END).step_by(4) {
            fmem.write(a, &enc(SC));
        }
        fmem.write(PC, &enc(w));
        for (a, b) in &self.mem {
            fmem.write(*a, b);
        }
        let mut jcpu = clone_cpu(&self.cpu);
        jcpu.hdr.pc = PC;
        let mut eng = Engine::new(Ppc64, Config::default());
        let exit = eng.run(&mut jcpu, &fmem);
        let jend = match (exit, end) {
            // The `sc` after the instruction: the engine stops 4 bytes past where it went on.
            (Exit::Exception(exc::SYSCALL), End::At(_)) => End::At(jcpu.hdr.pc - 4),
            (Exit::Exception(x), _) => End::Exc(x, jcpu.hdr.pc),
            (Exit::Fault { addr, .. }, _) => End::Fault(addr),
            (other, _) => panic!("engine ended with {other:?}"),
        };
        assert_eq!(jend, end, "engine and interpreter end differently for {w:#010x}");
        if let End::At(_) = end {
            // The state after the trailing `sc` equals the state after the instruction.
            if let Some(d) = diff(&icpu, &jcpu) {
                panic!("engine and interpreter disagree after {w:#010x}: {d}");
            }
            let im = tmem.read(DATA, (DATA_END - DATA) as usize).unwrap();
            let jm = fmem.read(DATA, (DATA_END - DATA) as usize);
            if let Some(i) = (0..im.len()).find(|&i| im[i] != jm[i]) {
                panic!(
                    "memory differs after {w:#010x} at {:#x}: interpreter {:#04x}, engine {:#04x}",
                    DATA + i as u64,
                    im[i],
                    jm[i]
                );
            }
        }
        Done { cpu: icpu, mem: tmem, end }
    }
}

/// The outcome of a test run (the interpreter's state, which the engine's matched).
pub struct Done {
    pub cpu: Box<Ppc64Cpu>,
    pub mem: TestMemory,
    pub end: End,
}

impl Done {
    pub fn gpr(&self, n: usize) -> u64 {
        self.cpu.gpr[n]
    }
    pub fn vsr(&self, n: usize) -> u128 {
        let v = self.cpu.vsr[n];
        ((v[1] as u128) << 64) | v[0] as u128
    }
    pub fn vr(&self, n: usize) -> u128 {
        self.vsr(32 + n)
    }
    pub fn cr(&self, n: usize) -> u8 {
        self.cpu.cr[n]
    }
    pub fn bytes(&self, addr: u64, len: usize) -> Vec<u8> {
        self.mem.read(addr, len).unwrap()
    }
    /// Asserts the instruction fell through to the next one.
    pub fn next(&self) -> &Self {
        assert_eq!(self.end, End::At(PC + 4), "instruction did not fall through");
        self
    }
}

fn clone_cpu(c: &Ppc64Cpu) -> Box<Ppc64Cpu> {
    let mut n = Ppc64Cpu::new(c.little_endian());
    n.gpr = c.gpr;
    n.lr = c.lr;
    n.ctr = c.ctr;
    n.cr = c.cr;
    n.xer_so = c.xer_so;
    n.xer_ov = c.xer_ov;
    n.xer_ca = c.xer_ca;
    n.xer_ov32 = c.xer_ov32;
    n.xer_ca32 = c.xer_ca32;
    n.xer_bc = c.xer_bc;
    n.vrsave = c.vrsave;
    n.vscr = c.vscr;
    n.fpscr = c.fpscr;
    n.tar = c.tar;
    n.msr = c.msr;
    n.resv_addr = c.resv_addr;
    n.resv_size = c.resv_size;
    n.resv_val = c.resv_val;
    n.resv_val_hi = c.resv_val_hi;
    n.vsr = c.vsr;
    n
}

fn diff(a: &Ppc64Cpu, b: &Ppc64Cpu) -> Option<String> {
    let mut d = Vec::new();
    for i in 0..32 {
        if a.gpr[i] != b.gpr[i] {
            d.push(format!("r{i}: {:#x} vs {:#x}", a.gpr[i], b.gpr[i]));
        }
    }
    for i in 0..64 {
        if a.vsr[i] != b.vsr[i] {
            d.push(format!("vs{i}: {:x?} vs {:x?}", a.vsr[i], b.vsr[i]));
        }
    }
    let pairs: [(&str, u64, u64); 14] = [
        ("lr", a.lr, b.lr),
        ("ctr", a.ctr, b.ctr),
        ("cr", a.cr_word() as u64, b.cr_word() as u64),
        ("xer", a.xer(), b.xer()),
        ("vrsave", a.vrsave as u64, b.vrsave as u64),
        ("vscr", a.vscr as u64, b.vscr as u64),
        ("fpscr", a.fpscr, b.fpscr),
        ("tar", a.tar, b.tar),
        ("msr", a.msr, b.msr),
        ("resv_addr", a.resv_addr, b.resv_addr),
        ("resv_size", a.resv_size, b.resv_size),
        ("resv_val", a.resv_val, b.resv_val),
        ("resv_val_hi", a.resv_val_hi, b.resv_val_hi),
        ("dscr", a.dscr, b.dscr),
    ];
    for (n, x, y) in pairs {
        if x != y {
            d.push(format!("{n}: {x:#x} vs {y:#x}"));
        }
    }
    if d.is_empty() { None } else { Some(d.join(", ")) }
}

/// A 128-bit register value from its 16 bytes in element order (byte 0 first).
pub fn v(bytes: [u8; 16]) -> u128 {
    u128::from_be_bytes(bytes)
}
