//! Test programs: many cases in one ELF, each re-initialising the registers it reads,
//! running its body and writing a fixed-size dump of the results to stdout.
//!
//! Layout of the single RWX segment at [`LOAD_BASE`]:
//!
//! ```text
//!   +0x0_0000  ELF headers
//!   +0x1_0000  case records, REC bytes each (case i at +0x1_0000 + i*REC):
//!                +0x000 init: gpr[32], cr, xer, lr, ctr, tar, fpscr   (u64 LE each)
//!                +0x180 init vscr (16 bytes as lxvd2x loads them), +0x200 init vsr[64]
//!                +0x800 scratch window, WINDOW bytes, random    \
//!                +0x900 dump: gpr[32], cr, xer, lr, ctr          | written to stdout
//!                +0xa20 dump: fpscr, vscr, vsr[64] (vector rows) / as one record
//!   next 64K   code: for each case, prologue / body / epilogue; then exit_group(0)
//! ```
//!
//! Per case the prologue puts the record address in the case's base register (`lis`/`ori`),
//! loads CR (`mtcrf 0xff`), XER, LR, CTR (and TAR) through r0 and then every GPR but the base
//! with `ld`; the epilogue stores every GPR with `std`, then CR (`mfcr`), XER, LR and CTR,
//! and calls `write(1, window, dump_len)`. Writing after every case means a crash still
//! leaves the dumps of all earlier cases, which pins down the failing one.
//!
//! Vector rows also load the FPSCR (`lfd`; `mtfsf` with L = 1, before the VSRs, as it goes
//! through FPR 0), VSCR (`mtvscr`) and all 64 VSRs (`lxvd2x`, which reads each
//! doubleword in the data byte order, so a VSR is stored as two LE doublewords: DW0, DW1)
//! and dump them back with `stxvd2x` and `mfvscr`, then the FPSCR (`mffs` into FPR 0, already
//! dumped, and `stfd` into the first doubleword of the VSCR slot). Those 260 instructions live once, in two
//! subroutines at the start of the code, called with `bl` through [`VEC_PTR`] (r12, never a
//! base) before LR is loaded and after it is dumped: translated once instead of per case,
//! which keeps vector rows about as cheap as scalar ones for a translator.

use crate::asm::*;
use crate::elf::{self, LOAD_BASE, PAGE};
use crate::gen::{Case, Init, WINDOW};

pub const DATA_OFF: u64 = 0x1_0000;
pub const REC: u64 = 0x1000;
pub const INIT_GPR: i32 = 0x000;
pub const INIT_CR: i32 = 0x100;
pub const INIT_XER: i32 = 0x108;
pub const INIT_LR: i32 = 0x110;
pub const INIT_CTR: i32 = 0x118;
pub const INIT_TAR: i32 = 0x120;
pub const INIT_FPSCR: i32 = 0x128;
pub const INIT_VSCR: i32 = 0x180;
pub const INIT_VSR: i32 = 0x200;
pub const WIN_OFF: i32 = 0x800;
pub const DUMP_OFF: i32 = WIN_OFF + WINDOW as i32;
/// Pointer register of the vector subroutines (never a case's base register).
pub const VEC_PTR: u32 = 12;
/// VSCR is the second doubleword of this 16-byte slot (as `stxvd2x` stores `mfvscr`'s
/// result); the FPSCR is written over the first, which `mfvscr` leaves zero.
pub const DUMP_VSCR: i32 = DUMP_OFF + 0x120;
pub const DUMP_FPSCR: i32 = DUMP_VSCR;
pub const DUMP_VSR: i32 = DUMP_OFF + 0x130;
/// Bytes each case writes: window + 32 GPRs + CR, XER, LR, CTR.
pub const DUMP_LEN: usize = WINDOW + 8 * 36;
/// ... plus FPSCR, VSCR and 64 VSRs for vector rows.
pub const DUMP_LEN_VEC: usize = DUMP_LEN + 16 + 64 * 16;

/// `mtvscr vrb` and `mfvscr vrt`.
const fn mtvscr(vrb: u32) -> u32 {
    0x1000_0644 | (vrb << 11)
}
const fn mfvscr(vrt: u32) -> u32 {
    0x1000_0604 | (vrt << 21)
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Opts {
    /// Initialise TAR too (bctar rows).
    pub tar: bool,
    /// Load and dump VSCR and the 64 VSRs (VMX/VSX rows).
    pub vec: bool,
}

impl Opts {
    pub fn dump_len(self) -> usize {
        if self.vec {
            DUMP_LEN_VEC
        } else {
            DUMP_LEN
        }
    }
}

pub fn record_addr(i: usize) -> u64 {
    LOAD_BASE + DATA_OFF + i as u64 * REC
}
pub fn window_addr(i: usize) -> u64 {
    record_addr(i) + WIN_OFF as u64
}

pub fn prologue_len(o: Opts) -> usize {
    2 + 8 + if o.tar { 2 } else { 0 } + if o.vec { 2 } else { 0 } + 31
}

/// `bl` from `from` to `to`.
fn bl(from: u64, to: u64) -> u32 {
    b(to.wrapping_sub(from) as i64 as i32) | 1
}

/// The shared vector subroutines: `vec_load` (r12 = record + INIT_VSCR) and `vec_store`
/// (r12 = record + DUMP_VSR); both use r0 and return with `blr`.
fn vec_subroutines() -> (Vec<u32>, usize) {
    let mut k = vec![
        lfd(0, INIT_FPSCR - INIT_VSCR, VEC_PTR),
        mtfsf_all(0),
        lxvd2x(32, 0, VEC_PTR),
        mtvscr(0),
        addi(VEC_PTR, VEC_PTR, INIT_VSR - INIT_VSCR),
    ];
    for v in 0..64 {
        k.extend([li(0, 16 * v as i32), lxvd2x(v, VEC_PTR, 0)]);
    }
    k.push(BLR);
    let store_at = k.len();
    for v in 0..64 {
        k.extend([li(0, 16 * v as i32), stxvd2x(v, VEC_PTR, 0)]);
    }
    k.extend([
        mfvscr(0),
        li(0, DUMP_VSCR - DUMP_VSR),
        stxvd2x(32, VEC_PTR, 0),
        mffs(0),
        stfd(0, DUMP_FPSCR - DUMP_VSR, VEC_PTR),
        BLR,
    ]);
    (k, store_at)
}

/// Builds a program case by case: ask for [`Builder::body_addr`] and [`window_addr`],
/// generate the case, then [`Builder::push`] it.
pub struct Builder {
    opts: Opts,
    count: usize,
    code_off: u64,
    code: Vec<u32>,
    data: Vec<u8>,
    pushed: usize,
    /// Index of the first case instruction (the entry point).
    entry: usize,
    /// Indices of the vector subroutines in `code`.
    vec_load: usize,
    vec_store: usize,
}

impl Builder {
    pub fn new(count: usize, opts: Opts) -> Builder {
        let code_off = (DATA_OFF + count as u64 * REC).next_multiple_of(PAGE);
        let (code, vec_store) = if opts.vec {
            vec_subroutines()
        } else {
            (Vec::new(), 0)
        };
        Builder {
            opts,
            count,
            code_off,
            entry: code.len(),
            code,
            data: vec![0; count * REC as usize],
            pushed: 0,
            vec_load: 0,
            vec_store,
        }
    }

    fn addr_of(&self, index: usize) -> u64 {
        LOAD_BASE + self.code_off + 4 * index as u64
    }

    /// Address the next pushed case's body will start at.
    pub fn body_addr(&self) -> u64 {
        LOAD_BASE + self.code_off + 4 * (self.code.len() + prologue_len(self.opts)) as u64
    }

    pub fn push(&mut self, c: &Case) {
        assert!(self.pushed < self.count);
        let i = self.pushed;
        self.pushed += 1;
        let rec = &mut self.data[i * REC as usize..(i + 1) * REC as usize];
        write_init(rec, &c.init);
        rec[WIN_OFF as usize..WIN_OFF as usize + WINDOW].copy_from_slice(&c.window);

        let b = c.base;
        assert!((1..32).contains(&b));
        let start = self.code.len();
        let ra = record_addr(i);
        let code_base = LOAD_BASE + self.code_off;
        let at = |index: usize| code_base + 4 * index as u64;
        let k = &mut self.code;
        k.push(lis(b, (ra >> 16) as u32 & 0xffff));
        k.push(ori(b, b, ra as u32 & 0xffff));
        k.extend([
            ld(0, INIT_CR, b),
            mtcrf(0xff, 0),
            ld(0, INIT_XER, b),
            mtxer(0),
        ]);
        k.extend([ld(0, INIT_LR, b), mtlr(0), ld(0, INIT_CTR, b), mtctr(0)]);
        if self.opts.tar {
            k.extend([ld(0, INIT_TAR, b), mtspr(SPR_TAR, 0)]);
        }
        if self.opts.vec {
            k.push(addi(VEC_PTR, b, INIT_VSCR));
            k.push(bl(at(k.len()), at(self.vec_load)));
        }
        for r in (0..32).filter(|&r| r != b) {
            k.push(ld(r, INIT_GPR + 8 * r as i32, b));
        }
        debug_assert_eq!(k.len() - start, prologue_len(self.opts));
        k.extend(&c.body);
        for r in 0..32 {
            k.push(std(r, DUMP_OFF + 8 * r as i32, b));
        }
        k.extend([
            mfcr(0),
            std(0, DUMP_OFF + 0x100, b),
            mfxer(0),
            std(0, DUMP_OFF + 0x108, b),
        ]);
        k.extend([
            mflr(0),
            std(0, DUMP_OFF + 0x110, b),
            mfctr(0),
            std(0, DUMP_OFF + 0x118, b),
        ]);
        if self.opts.vec {
            k.push(addi(VEC_PTR, b, DUMP_VSR));
            k.push(bl(at(k.len()), at(self.vec_store)));
        }
        let len = self.opts.dump_len() as i32;
        // r4 first: the base may be r3 or r5.
        k.extend([
            addi(4, b, WIN_OFF),
            li(5, len),
            li(3, 1),
            li(0, SYS_WRITE),
            SC,
        ]);
    }

    /// The finished ELF image.
    pub fn finish(mut self) -> Vec<u8> {
        assert_eq!(self.pushed, self.count, "not every case was pushed");
        self.code.extend([li(0, SYS_EXIT_GROUP), li(3, 0), SC]);
        let mut seg = vec![0u8; self.code_off as usize + 4 * self.code.len()];
        seg[DATA_OFF as usize..DATA_OFF as usize + self.data.len()].copy_from_slice(&self.data);
        for (j, w) in self.code.iter().enumerate() {
            let o = self.code_off as usize + 4 * j;
            seg[o..o + 4].copy_from_slice(&w.to_le_bytes());
        }
        let memsz = seg.len() as u64;
        elf::write_elf(
            self.addr_of(self.entry),
            &[elf::Segment {
                vaddr: LOAD_BASE,
                bytes: seg,
                memsz,
                flags: elf::PF_R | elf::PF_W | elf::PF_X,
            }],
        )
    }
}

fn write_init(rec: &mut [u8], init: &Init) {
    let mut put =
        |off: i32, v: u64| rec[off as usize..off as usize + 8].copy_from_slice(&v.to_le_bytes());
    for (r, v) in init.gpr.iter().enumerate() {
        put(INIT_GPR + 8 * r as i32, *v);
    }
    put(INIT_CR, init.cr as u64);
    put(INIT_XER, init.xer);
    put(INIT_LR, init.lr);
    put(INIT_CTR, init.ctr);
    put(INIT_TAR, init.tar);
    put(INIT_FPSCR, init.fpscr);
    put(INIT_VSCR + 8, init.vscr as u64);
    for (v, (dw0, dw1)) in init.vsr.iter().enumerate() {
        put(INIT_VSR + 16 * v as i32, *dw0);
        put(INIT_VSR + 16 * v as i32 + 8, *dw1);
    }
}

/// One case's results as the guest wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dump {
    pub mem: [u8; WINDOW],
    pub gpr: [u64; 32],
    pub cr: u64,
    pub xer: u64,
    pub lr: u64,
    pub ctr: u64,
    /// Vector rows only: FPSCR, VSCR and the VSRs as (DW0, DW1).
    pub fpscr: u64,
    pub vscr: u32,
    pub vsr: Vec<(u64, u64)>,
}

impl Dump {
    pub fn parse(b: &[u8]) -> Dump {
        assert!(b.len() == DUMP_LEN || b.len() == DUMP_LEN_VEC);
        let q = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap());
        let (mut fpscr, mut vscr, mut vsr) = (0, 0, Vec::new());
        if b.len() == DUMP_LEN_VEC {
            let at = |off: i32| (off - WIN_OFF) as usize;
            fpscr = q(at(DUMP_FPSCR));
            vscr = q(at(DUMP_VSCR) + 8) as u32;
            vsr = (0..64)
                .map(|v| (q(at(DUMP_VSR) + 16 * v), q(at(DUMP_VSR) + 16 * v + 8)))
                .collect();
        }
        let mut gpr = [0; 32];
        for (r, g) in gpr.iter_mut().enumerate() {
            *g = q(WINDOW + 8 * r);
        }
        Dump {
            mem: b[..WINDOW].try_into().unwrap(),
            gpr,
            cr: q(WINDOW + 0x100),
            xer: q(WINDOW + 0x108),
            lr: q(WINDOW + 0x110),
            ctr: q(WINDOW + 0x118),
            fpscr,
            vscr,
            vsr,
        }
    }
}

/// Splits a program's stdout into complete per-case dumps (a crash can leave a partial one).
pub fn split_dumps(out: &[u8], opts: Opts) -> Vec<&[u8]> {
    out.chunks_exact(opts.dump_len()).collect()
}
