//! s390x test programs: many cases in one big-endian ELF, each re-initialising the state it
//! reads, running its body and writing a fixed-size dump of the results to stdout.
//!
//! Layout of the single RWX segment at [`LOAD_BASE`]:
//!
//! ```text
//!   +0x0000  ELF headers
//!   +0x1000  globals: CUR (u64, the running case's record address), SIGACT (struct sigaction),
//!            ALTSTACK (stack_t of the signal stack, 64K of zeros past the image's end)
//!   +0x2000  case records, REC bytes each (case i at +0x2000 + i*REC):
//!              +0x000 init: gpr[16] (u64 BE), +0x080 CC/PM word (as `spm` reads bits 32:63),
//!              +0x084 FPC, +0x088 RESUME (the case's epilogue address), +0x090 BASE_UC
//!              (ucontext offset of the base register's slot), +0x100 vr[32]
//!              +0x400 scratch window, WINDOW bytes, random     \
//!              +0x600 dump: gpr[16], CC/PM word (`ipm`), FPC,     | written to stdout
//!                     signal number, si_code, si_addr, PSW addr  | as one record
//!              +0x6a0 dump: vr[32] (FP rows: FPR n in vr[n]'s   /
//!                     first doubleword; vector rows: all 32 VRs)
//!   next 4K  code: signal handler, restorer, start-up (installs the handler), then each case:
//!            prologue / body / epilogue; then exit_group(0)
//! ```
//!
//! Per case the prologue puts the record address in the case's base register (`larl`),
//! publishes it in CUR for the signal handler, sets CC and program mask (`l`, `spm` through
//! r0), for FP rows the FPC (`lfpc`) and FPRs 0-15 (`ld`), for vector rows the FPC and all 32
//! VRs (`vlm` twice), then every GPR but the base (two `lmg`, or one and a six-byte no-op:
//! the prologue has a fixed length, so a body's address is known before its registers are
//! chosen). The epilogue stores every GPR (`stmg`), CC and program mask (`ipm`, `st`), FPC and
//! FPRs/VRs as loaded, and calls `write(1, window, dump_len)` with `svc 4`. Writing after every
//! case means a crash still leaves the dumps of all earlier cases.
//!
//! A program interruption (SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP) does not end the program:
//! the handler records the signal number, `si_code`, `si_addr` and the interrupted PSW
//! address in the running case's dump and resumes at the case's epilogue (by rewriting the
//! PSW address in the signal frame's ucontext, and the base register, which a body may
//! have overwritten), so the registers dumped are those the
//! interruption left, and the next case runs. The handler is installed with SA_RESTORER and
//! a restorer of its own (`svc 173`, rt_sigreturn), on an alternate signal stack
//! (SA_ONSTACK, `sigaltstack`): r15 is just another random register in a case.

use super::asm::*;
use crate::elf::{self, LOAD_BASE};

pub const WINDOW: usize = 512;
const PAGE4K: u64 = 0x1000;
pub const GLOBALS_OFF: u64 = 0x1000;
pub const CUR_OFF: u64 = GLOBALS_OFF;
pub const SIGACT_OFF: u64 = GLOBALS_OFF + 0x10;
/// The `stack_t` of the alternate signal stack: a case's r15 is random, so the handler
/// cannot run on the ordinary stack.
pub const ALTSTACK_OFF: u64 = GLOBALS_OFF + 0x40;
/// Size of the alternate signal stack (zero-filled memory after the image).
const ALTSTACK_SIZE: u64 = 0x10000;
pub const DATA_OFF: u64 = 0x2000;
pub const REC: u64 = 0x1000;
pub const INIT_GPR: u32 = 0x000;
pub const INIT_CCPM: u32 = 0x080;
pub const INIT_FPC: u32 = 0x084;
pub const RESUME: u32 = 0x088;
/// The ucontext offset of the case's base register (`UC_GPRS + 8 * base`), for the handler.
pub const BASE_UC: u32 = 0x090;
pub const INIT_VR: u32 = 0x100;
pub const WIN_OFF: u32 = 0x400;
pub const DUMP_OFF: u32 = WIN_OFF + WINDOW as u32;
pub const DUMP_GPR: u32 = DUMP_OFF;
pub const DUMP_CCPM: u32 = DUMP_OFF + 0x80;
pub const DUMP_FPC: u32 = DUMP_OFF + 0x84;
pub const DUMP_SIGNO: u32 = DUMP_OFF + 0x88;
pub const DUMP_SICODE: u32 = DUMP_OFF + 0x8c;
pub const DUMP_SIADDR: u32 = DUMP_OFF + 0x90;
pub const DUMP_PSW: u32 = DUMP_OFF + 0x98;
pub const DUMP_VR: u32 = DUMP_OFF + 0xa0;
/// Bytes each case writes: the window, GPRs, CC/PM, FPC and the signal record.
pub const DUMP_LEN: usize = (DUMP_VR - WIN_OFF) as usize;
/// Signals the handler catches.
pub const SIGNALS: [i16; 5] = [4, 5, 7, 8, 11];
const SA_SIGINFO: u64 = 4;
const SA_RESTORER: u64 = 0x0400_0000;
const SA_ONSTACK: u64 = 0x0800_0000;
/// ucontext offset of the saved PSW address: uc_flags, uc_link, uc_stack (24 bytes), then
/// uc_mcontext starting with the PSW (mask, address).
const UC_PSW_ADDR: u32 = 48;
/// ... and of the saved GPRs (after the PSW's mask and address).
const UC_GPRS: u32 = 56;
/// siginfo offsets: si_code (after si_signo and si_errno) and si_addr.
const SI_CODE: u32 = 8;
const SI_ADDR: u32 = 16;

/// Which register files a row's cases load and dump besides the GPRs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Regs {
    #[default]
    Gpr,
    /// FPC and FPRs 0-15 (binary floating point).
    Fp,
    /// FPC and VRs 0-31 (vector facility).
    Vec,
}

impl Regs {
    pub fn dump_len(self) -> usize {
        DUMP_LEN
            + match self {
                Regs::Gpr => 0,
                Regs::Fp => 16 * 16,
                Regs::Vec => 32 * 16,
            }
    }
    fn prologue_len(self) -> usize {
        6 + 6 + 6 + 4 + 2 + 12
            + match self {
                Regs::Gpr => 0,
                Regs::Fp => 4 + 16 * 4,
                Regs::Vec => 4 + 12,
            }
    }
}

/// Initial architected state of one case.
#[derive(Clone, Debug, Default)]
pub struct Init {
    pub gpr: [u64; 16],
    /// Condition code 0..3 and program mask 0..15.
    pub cc: u8,
    pub pm: u8,
    pub fpc: u32,
    /// VRs as 128-bit values, bits 0:63 (FPR n) in the high half.
    pub vr: [u128; 32],
}

#[derive(Clone, Debug)]
pub struct Case {
    /// The GPR (1..15) holding the case's record address; no body instruction writes it.
    pub base: u32,
    pub body: Vec<u8>,
    /// Byte offset in `body` of the instruction under test (the rest: setup, landing pads).
    pub under_test: usize,
    pub init: Init,
    pub window: [u8; WINDOW],
}

/// Where a case will live, known before it is generated.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub body_addr: u64,
    pub window_addr: u64,
    pub record_addr: u64,
    pub index: usize,
    pub count: usize,
}

pub fn record_addr(i: usize) -> u64 {
    LOAD_BASE + DATA_OFF + i as u64 * REC
}

/// Builds a program case by case: ask for [`Builder::ctx`], generate, [`Builder::push`].
pub struct Builder {
    regs: Regs,
    count: usize,
    code_off: u64,
    code: Vec<u8>,
    data: Vec<u8>,
    pushed: usize,
    entry: usize,
    /// Addresses of the signal handler and its restorer.
    sigaction: Option<(u64, u64)>,
}

fn rel(from: u64, to: u64) -> i32 {
    let d = to.wrapping_sub(from) as i64;
    assert!(d % 2 == 0 && (d / 2) as i32 as i64 == d / 2, "relative target out of reach");
    (d / 2) as i32
}

impl Builder {
    pub fn new(count: usize, regs: Regs) -> Builder {
        let code_off = (DATA_OFF + count as u64 * REC).next_multiple_of(PAGE4K);
        let mut b = Builder {
            regs,
            count,
            code_off,
            code: Vec::new(),
            data: vec![0; count * REC as usize],
            pushed: 0,
            entry: 0,
            sigaction: None,
        };
        b.runtime();
        b
    }

    fn here(&self) -> u64 {
        LOAD_BASE + self.code_off + self.code.len() as u64
    }

    fn put(&mut self, w: u64) {
        emit(&mut self.code, w);
    }

    /// The handler, its restorer and the start-up code (the entry point).
    fn runtime(&mut self) {
        let cur = LOAD_BASE + CUR_OFF;
        let handler = self.here();
        // r2 = signal, r3 = siginfo, r4 = ucontext; r1 = the running case's record.
        let at = self.here();
        self.put(lgrl(1, rel(at, cur)));
        for w in [
            st(2, DUMP_SIGNO, 1),
            l(0, SI_CODE, 3),
            st(0, DUMP_SICODE, 1),
            lg(0, SI_ADDR, 3),
            stg(0, DUMP_SIADDR, 1),
            lg(0, UC_PSW_ADDR, 4),
            stg(0, DUMP_PSW, 1),
            lg(0, RESUME, 1),
            stg(0, UC_PSW_ADDR, 4),
            // The epilogue addresses the record through the base register: give it back
            // in case the body overwrote it, or the epilogue's own stores fault and the
            // handler resumes them forever.
            lg(5, BASE_UC, 1),
            stg_x(1, 0, 5, 4),
            BR14,
        ] {
            self.put(w);
        }
        let restorer = self.here();
        self.put(svc(SYS_RT_SIGRETURN));
        self.entry = self.code.len();
        let at = self.here();
        self.put(larl(2, rel(at, LOAD_BASE + ALTSTACK_OFF)));
        self.put(lghi(3, 0));
        self.put(svc(SYS_SIGALTSTACK));
        for sig in SIGNALS {
            let at = self.here();
            self.put(larl(3, rel(at, LOAD_BASE + SIGACT_OFF)));
            for w in [lghi(2, sig), lghi(4, 0), lghi(5, 8), svc(SYS_RT_SIGACTION)] {
                self.put(w);
            }
        }
        self.sigaction = Some((handler, restorer));
    }

    /// Where the next pushed case will live.
    pub fn ctx(&self) -> Ctx {
        let i = self.pushed;
        Ctx {
            body_addr: self.here() + self.regs.prologue_len() as u64,
            window_addr: record_addr(i) + WIN_OFF as u64,
            record_addr: record_addr(i),
            index: i,
            count: self.count,
        }
    }

    pub fn push(&mut self, c: &Case) {
        assert!(self.pushed < self.count);
        let i = self.pushed;
        self.pushed += 1;
        let b = c.base;
        assert!((1..16).contains(&b));
        let start = self.code.len();
        let ra = record_addr(i);
        let at = self.here();
        self.put(larl(b, rel(at, ra)));
        let t = if b == 1 { 2 } else { 1 };
        let at = self.here();
        self.put(larl(t, rel(at, LOAD_BASE + CUR_OFF)));
        self.put(stg(b, 0, t));
        self.put(l(0, INIT_CCPM, b));
        self.put(spm(0));
        match self.regs {
            Regs::Gpr => {}
            Regs::Fp => {
                self.put(lfpc(INIT_FPC, b));
                for f in 0..16 {
                    self.put(ld(f, INIT_VR + 16 * f, b));
                }
            }
            Regs::Vec => {
                self.put(lfpc(INIT_FPC, b));
                self.put(vlm(0, 15, INIT_VR, b));
                self.put(vlm(16, 31, INIT_VR + 256, b));
            }
        }
        self.put(lmg(0, b - 1, INIT_GPR, b));
        if b < 15 {
            self.put(lmg(b + 1, 15, INIT_GPR + 8 * (b + 1), b));
        } else {
            self.put(NOP6);
        }
        debug_assert_eq!(self.code.len() - start, self.regs.prologue_len());
        self.code.extend_from_slice(&c.body);
        let resume = self.here();
        self.put(stmg(0, 15, DUMP_GPR, b));
        self.put(ipm(0));
        self.put(st(0, DUMP_CCPM, b));
        match self.regs {
            Regs::Gpr => {}
            Regs::Fp => {
                self.put(stfpc(DUMP_FPC, b));
                for f in 0..16 {
                    self.put(std(f, DUMP_VR + 16 * f, b));
                }
            }
            Regs::Vec => {
                self.put(stfpc(DUMP_FPC, b));
                self.put(vstm(0, 15, DUMP_VR, b));
                self.put(vstm(16, 31, DUMP_VR + 256, b));
            }
        }
        // r3 first: the base may be r2, r3 or r4.
        self.put(la(3, WIN_OFF, b));
        self.put(lghi(4, self.regs.dump_len() as i16));
        self.put(lghi(2, 1));
        self.put(svc(SYS_WRITE));

        let rec = &mut self.data[i * REC as usize..(i + 1) * REC as usize];
        write_init(rec, &c.init, resume);
        rec[BASE_UC as usize..BASE_UC as usize + 8].copy_from_slice(&((UC_GPRS + 8 * b) as u64).to_be_bytes());
        rec[WIN_OFF as usize..WIN_OFF as usize + WINDOW].copy_from_slice(&c.window);
    }

    /// The finished ELF image.
    pub fn finish(mut self) -> Vec<u8> {
        assert_eq!(self.pushed, self.count, "not every case was pushed");
        self.put(lghi(2, 0));
        self.put(svc(SYS_EXIT_GROUP));
        let (handler, restorer) = self.sigaction.expect("runtime emitted");
        let mut seg = vec![0u8; self.code_off as usize + self.code.len()];
        let mut q = |off: u64, v: u64| seg[off as usize..off as usize + 8].copy_from_slice(&v.to_be_bytes());
        q(SIGACT_OFF, handler);
        q(SIGACT_OFF + 8, SA_SIGINFO | SA_RESTORER | SA_ONSTACK);
        q(SIGACT_OFF + 16, restorer);
        q(SIGACT_OFF + 24, 0);
        seg[DATA_OFF as usize..DATA_OFF as usize + self.data.len()].copy_from_slice(&self.data);
        seg[self.code_off as usize..].copy_from_slice(&self.code);
        let stack = (seg.len() as u64).next_multiple_of(PAGE4K);
        let mut q = |off: u64, v: u64| seg[off as usize..off as usize + 8].copy_from_slice(&v.to_be_bytes());
        q(ALTSTACK_OFF, LOAD_BASE + stack);
        q(ALTSTACK_OFF + 8, 0); // ss_flags (int) and padding
        q(ALTSTACK_OFF + 16, ALTSTACK_SIZE);
        let memsz = stack + ALTSTACK_SIZE;
        elf::write_elf_for(
            elf::S390X,
            LOAD_BASE + self.code_off + self.entry as u64,
            &[elf::Segment { vaddr: LOAD_BASE, bytes: seg, memsz, flags: elf::PF_R | elf::PF_W | elf::PF_X }],
        )
    }
}

fn write_init(rec: &mut [u8], init: &Init, resume: u64) {
    let mut put = |off: u32, v: &[u8]| rec[off as usize..off as usize + v.len()].copy_from_slice(v);
    for (r, v) in init.gpr.iter().enumerate() {
        put(INIT_GPR + 8 * r as u32, &v.to_be_bytes());
    }
    put(INIT_CCPM, &((init.cc as u32 & 3) << 28 | (init.pm as u32 & 15) << 24).to_be_bytes());
    put(INIT_FPC, &init.fpc.to_be_bytes());
    put(RESUME, &resume.to_be_bytes());
    for (n, v) in init.vr.iter().enumerate() {
        put(INIT_VR + 16 * n as u32, &v.to_be_bytes());
    }
}

/// A program interruption's record, as the handler wrote it (all zero: none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Signal {
    pub signo: u32,
    pub code: u32,
    pub addr: u64,
    pub psw: u64,
}

/// One case's results as the guest wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dump {
    pub mem: [u8; WINDOW],
    pub gpr: [u64; 16],
    pub cc: u8,
    pub pm: u8,
    pub fpc: u32,
    pub sig: Signal,
    /// FP rows: 16 (first doublewords meaningful), vector rows: 32, else empty.
    pub vr: Vec<u128>,
}

impl Dump {
    pub fn parse(b: &[u8]) -> Dump {
        let q = |o: u32| u64::from_be_bytes(b[(o - WIN_OFF) as usize..(o - WIN_OFF) as usize + 8].try_into().unwrap());
        let w = |o: u32| u32::from_be_bytes(b[(o - WIN_OFF) as usize..(o - WIN_OFF) as usize + 4].try_into().unwrap());
        let n = (b.len() - DUMP_LEN) / 16;
        let ccpm = w(DUMP_CCPM);
        Dump {
            mem: b[..WINDOW].try_into().unwrap(),
            gpr: std::array::from_fn(|r| q(DUMP_GPR + 8 * r as u32)),
            cc: (ccpm >> 28 & 3) as u8,
            pm: (ccpm >> 24 & 15) as u8,
            fpc: w(DUMP_FPC),
            sig: Signal { signo: w(DUMP_SIGNO), code: w(DUMP_SICODE), addr: q(DUMP_SIADDR), psw: q(DUMP_PSW) },
            vr: (0..n as u32)
                .map(|v| {
                    let o = (DUMP_VR + 16 * v - WIN_OFF) as usize;
                    u128::from_be_bytes(b[o..o + 16].try_into().unwrap())
                })
                .collect(),
        }
    }
}

/// Splits a program's stdout into complete per-case dumps (a crash can leave a partial one).
pub fn split_dumps(out: &[u8], regs: Regs) -> Vec<&[u8]> {
    out.chunks_exact(regs.dump_len()).collect()
}
