//! Shared harness of the per-instruction tests: runs one instruction on both tiers of the
//! engine — the interpreter (never compiling) and Cranelift (compiling at once) — from the
//! same registers and memory, checks that they agree on every register, the data memory and
//! the way the instruction ended, and hands the result to the test, which compares it with
//! values worked out by hand from the Principles of Operation.
//!
//! Layout: code in `[0, CODE_END)`, every halfword `svc 0` (0a00) except the instruction
//! under test at `PC` (and whatever a test puts in code with [`Case::code`]), so the engine
//! stops right after the instruction or at a branch target. Data in `[DATA, DATA_END)`.
//! `FAULT` and above is inaccessible.

#![allow(dead_code)]

use cpu_s390x::{exc, S390x, S390xCpu};
use jit::engine::{Config, Engine, Exit};
use jit::testmem::FlatMemory;

pub const PC: u64 = 0x1000;
pub const CODE_END: u64 = 0x8000;
pub const DATA: u64 = 0x10000;
pub const DATA_END: u64 = 0x20000;
pub const FAULT: u64 = 0x30000;
const MEM: usize = 0x40000;

/// How the instruction ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum End {
    /// Continued at this address (fall-through or branch).
    At(u64),
    /// Raised exception `exc` with the guest PC at `pc`.
    Exc(u32, u64),
    /// A data access faulted at this address.
    Fault(u64),
    /// The next instruction could not be fetched (a branch out of the code area).
    FetchFault(u64),
}

pub struct Case {
    pub cpu: Box<S390xCpu>,
    mem: Vec<(u64, Vec<u8>)>,
    track_code: bool,
}

impl Default for Case {
    fn default() -> Self {
        Case::new()
    }
}

impl Case {
    pub fn new() -> Case {
        Case { cpu: S390xCpu::new(), mem: Vec::new(), track_code: false }
    }
    pub fn gpr(mut self, n: usize, v: u64) -> Case {
        self.cpu.gpr[n] = v;
        self
    }
    pub fn cc(mut self, cc: u8) -> Case {
        self.cpu.cc = cc;
        self
    }
    pub fn vr(mut self, n: usize, v: u128) -> Case {
        self.cpu.set_vr128(n, v);
        self
    }
    pub fn fpr(mut self, n: usize, v: u64) -> Case {
        self.cpu.set_fpr(n, v);
        self
    }
    pub fn mem(mut self, addr: u64, bytes: &[u8]) -> Case {
        assert!(addr >= DATA && addr + bytes.len() as u64 <= DATA_END, "test data outside the data area");
        self.mem.push((addr, bytes.to_vec()));
        self
    }
    /// Instruction bytes elsewhere in the code area (EXECUTE targets, branch targets).
    pub fn code(mut self, addr: u64, bytes: &[u8]) -> Case {
        assert!(addr + bytes.len() as u64 <= CODE_END, "code outside the code area");
        self.mem.push((addr, bytes.to_vec()));
        self
    }
    /// Memory that write-protects pages holding translated code, as user mode does, so
    /// guest stores to code invalidate its translations (self-modifying code tests).
    pub fn track_code(mut self) -> Case {
        self.track_code = true;
        self
    }
    pub fn with(mut self, f: impl FnOnce(&mut S390xCpu)) -> Case {
        f(&mut self.cpu);
        self
    }

    pub fn run_tier(&self, insn: &[u8], hot_threshold: u32) -> (Box<S390xCpu>, FlatMemory, End) {
        let mut fmem = FlatMemory::new(MEM);
        fmem.track_code = self.track_code;
        fmem.protect_none(FAULT as usize as u64, MEM - FAULT as usize);
        for a in (0..CODE_END).step_by(2) {
            fmem.write(a, &[0x0a, 0x00]);
        }
        for (a, b) in &self.mem {
            fmem.write(*a, b);
        }
        fmem.write(PC, insn);
        let mut cpu = clone_cpu(&self.cpu);
        cpu.hdr.pc = PC;
        let config = Config { hot_threshold, no_background: true, ..Config::default() };
        let mut eng = Engine::new(S390x, config);
        let exit = eng.run(&mut cpu, &fmem);
        let end = match exit {
            // The `svc 0` after the instruction: the engine stops 2 bytes past where it went on.
            Exit::Exception(x) if x == exc::SVC_BASE => End::At(cpu.hdr.pc - 2),
            Exit::Exception(x) => End::Exc(x, cpu.hdr.pc),
            Exit::Fault { addr, .. } => End::Fault(addr),
            Exit::FetchFault(pc) => End::FetchFault(pc),
            other => panic!("engine ended with {other:?}"),
        };
        (cpu, fmem, end)
    }

    /// Runs the instruction `insn` (2, 4 or 6 bytes) on both tiers; panics if they disagree.
    pub fn run(self, insn: &[u8]) -> Done {
        let (icpu, imem, iend) = self.run_tier(insn, u32::MAX);
        let (jcpu, jmem, jend) = self.run_tier(insn, 0);
        assert_eq!(jend, iend, "compiled and interpreted runs end differently for {insn:02x?}");
        if let Some(d) = diff(&icpu, &jcpu) {
            panic!("compiled and interpreted runs disagree after {insn:02x?}: {d}");
        }
        let im = imem.read(DATA, (DATA_END - DATA) as usize);
        let jm = jmem.read(DATA, (DATA_END - DATA) as usize);
        if let Some(i) = (0..im.len()).find(|&i| im[i] != jm[i]) {
            panic!("memory differs after {insn:02x?} at {:#x}: interpreted {:#04x}, compiled {:#04x}", DATA + i as u64, im[i], jm[i]);
        }
        Done { cpu: icpu, mem: imem, end: iend, len: insn.len() as u64 }
    }
}

/// The outcome of a test run (the interpreter's state, which the compiled run matched).
pub struct Done {
    pub cpu: Box<S390xCpu>,
    pub mem: FlatMemory,
    pub end: End,
    len: u64,
}

impl Done {
    pub fn gpr(&self, n: usize) -> u64 {
        self.cpu.gpr[n]
    }
    pub fn cc(&self) -> u8 {
        self.cpu.cc
    }
    pub fn vr(&self, n: usize) -> u128 {
        self.cpu.vr128(n)
    }
    pub fn bytes(&self, addr: u64, len: usize) -> Vec<u8> {
        self.mem.read(addr, len)
    }
    /// Asserts the instruction fell through to the next one.
    pub fn next(&self) -> &Self {
        assert_eq!(self.end, End::At(PC + self.len), "instruction did not fall through");
        self
    }
}

pub fn clone_cpu(c: &S390xCpu) -> Box<S390xCpu> {
    let mut n = S390xCpu::new();
    n.gpr = c.gpr;
    n.cc = c.cc;
    n.pm = c.pm;
    n.amode = c.amode;
    n.fpc = c.fpc;
    n.acr = c.acr;
    n.vr = c.vr;
    n
}

pub fn diff(a: &S390xCpu, b: &S390xCpu) -> Option<String> {
    let mut d = Vec::new();
    for i in 0..16 {
        if a.gpr[i] != b.gpr[i] {
            d.push(format!("r{i}: {:#x} vs {:#x}", a.gpr[i], b.gpr[i]));
        }
        if a.acr[i] != b.acr[i] {
            d.push(format!("a{i}: {:#x} vs {:#x}", a.acr[i], b.acr[i]));
        }
    }
    for i in 0..32 {
        if a.vr[i] != b.vr[i] {
            d.push(format!("v{i}: {:x?} vs {:x?}", a.vr[i], b.vr[i]));
        }
    }
    for (n, x, y) in [("cc", a.cc as u64, b.cc as u64), ("pm", a.pm as u64, b.pm as u64), ("fpc", a.fpc as u64, b.fpc as u64)] {
        if x != y {
            d.push(format!("{n}: {x:#x} vs {y:#x}"));
        }
    }
    if d.is_empty() { None } else { Some(d.join(", ")) }
}
