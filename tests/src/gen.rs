//! Test-case generation: one decode row + a seed → a body of instructions and the register
//! and memory state to start it from.
//!
//! Each case is built as `row.bits | (operands & !row.mask)`, with operands chosen by the
//! row's [`Spec`]: GPR fields avoid the case's base register (the harness's pointer to its
//! data, see [`crate::prog`]), memory operands are steered into the case's 256-byte scratch
//! window, branch targets stay inside the body, and traps fire only in a row's last case.

use crate::asm::{self, fld};
use crate::rng::Rng;
use crate::spec::{self, Br, Ea, Group, Mem, MemKind, Reg, Spec};
use cpu_ppc64::decode::Row;
use cpu_ppc64::forms::bits;

pub const WINDOW: usize = 256;

/// Initial architected state of one case.
#[derive(Clone, Debug)]
pub struct Init {
    pub gpr: [u64; 32],
    pub cr: u32,
    pub xer: u64,
    pub lr: u64,
    pub ctr: u64,
    pub tar: u64,
    /// VSRs as (doubleword 0, doubleword 1); FPR n is `vsr[n].0`, VR n is `vsr[32 + n]`.
    pub vsr: [(u64, u64); 64],
    pub vscr: u32,
    /// FPSCR at the start of the case (vector and FP rows), loaded by every case so none
    /// inherits the sticky bits or modes an earlier case left behind. Zero, as at process
    /// start, except for the floating-point and VSX rows, which start from a random
    /// rounding mode and sometimes with sticky exception bits and FR/FI/FPRF set
    /// ([`fp_environment`]); never with an exception enabled.
    pub fpscr: u64,
}

impl Default for Init {
    fn default() -> Init {
        Init {
            gpr: [0; 32],
            cr: 0,
            xer: 0,
            lr: 0,
            ctr: 0,
            tar: 0,
            vsr: [(0, 0); 64],
            vscr: 0,
            fpscr: 0,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Case {
    /// The GPR holding the case's record address; no body instruction writes it.
    pub base: u32,
    pub body: Vec<u32>,
    /// Index in `body` of the instruction under test (the rest is setup or markers).
    pub under_test: usize,
    pub init: Init,
    pub window: [u8; WINDOW],
    /// The body is expected to end the process (a trap that fires).
    pub dies: bool,
}

/// Where the case will live, known before it is generated.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    /// Address of the first body instruction.
    pub body_addr: u64,
    /// Address of the scratch window.
    pub window_addr: u64,
    pub index: usize,
    pub count: usize,
}

/// XER bits the architecture defines for user code: SO OV CA OV32 CA32 and the byte count.
pub const XER_ARCH_MASK: u64 = (1 << 31) | (1 << 30) | (1 << 29) | (1 << 19) | (1 << 18) | 0x7f;

/// Valid BO encodings (Power ISA 3.0B §2.4, Figure 40) with z bits zero and without the
/// reserved "at = 01" hint.
const BO_ALL: &[u32] = &[0, 2, 4, 6, 7, 8, 10, 12, 14, 15, 16, 18, 20, 24, 25, 26, 27];
/// Those that do not decrement CTR (bcctr requires BO_2 = 1).
const BO_NO_CTR: &[u32] = &[4, 6, 7, 12, 14, 15, 20];
/// User SPRs whose contents are deterministic: XER, LR, CTR, VRSAVE.
const USER_SPRS: &[u32] = &[asm::SPR_XER, asm::SPR_LR, asm::SPR_CTR, asm::SPR_VRSAVE];

/// A decode row with the knowledge needed to generate it.
#[derive(Clone, Copy, Debug)]
pub struct RowGen {
    pub row: &'static Row,
    pub group: Group,
    pub spec: Spec,
}

impl RowGen {
    /// The generator for a row, or `None` if the spec table does not know its mnemonic.
    pub fn for_row(row: &'static Row) -> Option<RowGen> {
        spec::lookup_row(row).map(|(group, spec)| RowGen { row, group, spec })
    }

    /// Whether cases need TAR initialised (bctar).
    pub fn needs_tar(&self) -> bool {
        matches!(self.spec, Spec::Branch(Br::Bctar))
    }

    /// Whether cases load and dump the 64 VSRs and VSCR.
    pub fn needs_vec(&self) -> bool {
        matches!(self.group, Group::Fp | Group::Vmx | Group::Vsx)
    }

    /// Cases per test program: rows that always end the process get one.
    pub fn cases(&self, k: usize) -> usize {
        match self.spec {
            // In little-endian mode these raise the alignment interrupt (Power ISA 3.0B
            // §3.3.7/§3.3.8: "not supported in little-endian mode"), so Linux sends SIGBUS.
            Spec::Mem(Mem {
                kind: MemKind::Multiple | MemKind::String,
                ..
            }) => 1,
            Spec::Privileged(_) => 1,
            _ => k,
        }
    }

    pub fn plain_ops(&self) -> Option<&'static str> {
        match self.spec {
            Spec::Plain(ops) => Some(ops),
            _ => None,
        }
    }

    /// Generates case `ctx.index` of `ctx.count`.
    pub fn gen(&self, rng: &mut Rng, ctx: &Ctx) -> Case {
        let mut c = blank_case(rng);
        match self.spec {
            Spec::Plain(ops) => {
                c.base = pick_base(rng);
                let (w, regs) = plain_word(self.row, ops, rng, c.base);
                alias_values(rng, &mut c.init, &regs);
                c.body.push(w);
            }
            Spec::Mem(m) => gen_mem(self.row, m, rng, ctx, &mut c),
            Spec::Branch(br) => gen_branch(self.row, br, rng, ctx, &mut c),
            Spec::Trap { imm, dword } => gen_trap(self.row, imm, dword, rng, ctx, &mut c),
            Spec::Spr { to } => gen_spr(self.row, to, rng, &mut c),
            Spec::FpscrMove(ops) => {
                c.base = pick_base(rng);
                let w = loop {
                    let (w, _) = plain_word(self.row, ops, rng, c.base);
                    if !sets_fp_enable(self.row, w) {
                        break w;
                    }
                };
                if self.row.mnemonic == "mtfsf" {
                    // mtfsf copies FPSCR bits from the same bits of FRB, whichever fields
                    // L, FLM and W select.
                    c.init.vsr[bits(w, 16, 20) as usize].0 &= !FPSCR_ENABLES;
                }
                c.body.push(w);
            }
            Spec::VecAll => {
                c.base = pick_base(rng);
                let w = self.row.bits | (rng.next_u32() & !self.row.mask);
                if self.row.mnemonic.starts_with("bcd") {
                    bcd_operands(self.row.mnemonic, w, rng, &mut c.init);
                }
                c.body.push(w);
            }
            Spec::VecAllEven => {
                c.base = pick_base(rng);
                let even = !(fld(1, 10, 10) | fld(1, 15, 15) | fld(1, 20, 20));
                c.body
                    .push(self.row.bits | (rng.next_u32() & !self.row.mask & even));
            }
            Spec::Privileged(ops) => {
                c.base = pick_base(rng);
                c.body.push(plain_word(self.row, ops, rng, c.base).0);
                c.dies = true;
            }
            Spec::Skip(why) => panic!(
                "{}: generator asked for a skipped row ({why})",
                self.row.mnemonic
            ),
        }
        if matches!(self.group, Group::Fp | Group::Vsx) {
            c.init.fpscr = fp_environment(rng);
        }
        c
    }
}

/// Decimal operands for a `bcd*.` row: VRA and VRB hold decimal-biased values (random bits
/// would almost never be valid decimals); for the shifts and truncations VRA's doubleword 0
/// is a small count (its byte 7 the signed shift, its halfword 3 the length).
fn bcd_operands(mnemonic: &str, w: u32, rng: &mut Rng, init: &mut Init) {
    let split = |v: u128| ((v >> 64) as u64, v as u64);
    let b = if rng.chance(3, 4) {
        match mnemonic {
            "bcdcfn." => rng.bcd_national(),
            "bcdcfz." => rng.bcd_zoned(bits(w, 22, 22) != 0),
            "bcdus." | "bcdutrunc." => rng.bcd_unsigned(),
            _ => rng.bcd_quad(),
        }
    } else {
        rng.bcd_quad()
    };
    init.vsr[32 + bits(w, 16, 20) as usize] = split(b);
    let a = 32 + bits(w, 11, 15) as usize;
    init.vsr[a] = split(rng.bcd_quad());
    if matches!(mnemonic, "bcds." | "bcdsr." | "bcdus." | "bcdtrunc." | "bcdutrunc.") && rng.chance(3, 4) {
        let count = rng.range(-40, 40) as u64;
        init.vsr[a].0 = if mnemonic.contains("trunc") { count & 0xffff } else { count & 0xff };
    }
}

/// FPSCR VE OE UE ZE XE (bits 56:60) in the 64-bit FPSCR image.
const FPSCR_ENABLES: u64 = 0xf8;
/// FPSCR FX, OX UX ZX XX, VXSNAN VXISI VXIDI VXZDZ VXIMZ VXVC (bits 32, 35:44) and VXSOFT
/// VXSQRT VXCVI (53:55): the sticky bits a program may find set.
const FPSCR_STICKY: u64 = 0x9ff8_0700;
/// FR, FI and FPRF (bits 45:51): status an instruction either sets or leaves alone.
const FPSCR_STATUS: u64 = 0x0007_f000;

/// The FPSCR an FP/VSX case starts from: a random rounding mode (RN, bits 62:63); in a
/// third of the cases random sticky exception bits and in half of them random FR/FI/FPRF,
/// so that an instruction which must leave them alone (the vector ones do not set FPRF,
/// FR, FI) is seen doing so. Never an enable bit (they would change how the process
/// behaves, see [`Spec::FpscrMove`]), nor FEX/VX, which `mtfsf` recomputes anyway.
fn fp_environment(rng: &mut Rng) -> u64 {
    let mut f = rng.below(4);
    if rng.chance(1, 3) {
        f |= rng.next_u64() & FPSCR_STICKY;
    }
    if rng.chance(1, 2) {
        f |= rng.next_u64() & FPSCR_STATUS;
    }
    debug_assert_eq!(f & FPSCR_ENABLES, 0);
    f
}

/// Whether an FPSCR-writing word would set an exception-enable bit by its immediate
/// operands alone (see [`Spec::FpscrMove`]; `mtfsf` takes them from FRB instead).
fn sets_fp_enable(row: &Row, w: u32) -> bool {
    match row.mnemonic {
        // FPSCR bit 32+BT; VE..XE are BT 24..28.
        "mtfsb1" => (24..=28).contains(&bits(w, 6, 10)),
        // mtfsfi BF,U,W with W=0 writes field BF of bits 32:63: field 6 is VE OE UE ZE, and
        // U's first bit is XE in field 7.
        "mtfsfi" => {
            let (bf, w_bit, u) = (bits(w, 6, 8), bits(w, 15, 15), bits(w, 16, 19));
            w_bit == 0 && ((bf == 6 && u != 0) || (bf == 7 && u & 8 != 0))
        }
        _ => false,
    }
}

/// A case with random registers and window and an unchosen base.
fn blank_case(rng: &mut Rng) -> Case {
    let mut init = Init::default();
    for g in init.gpr.iter_mut() {
        *g = rng.value();
    }
    init.cr = rng.next_u32();
    init.xer = rng.next_u64() & XER_ARCH_MASK;
    init.lr = rng.value();
    init.ctr = if rng.chance(1, 4) {
        rng.below(3)
    } else {
        rng.value()
    };
    for v in init.vsr.iter_mut() {
        *v = (rng.vec_dword(), rng.vec_dword());
    }
    // VSCR: NJ (bit 15 of the word) and SAT (bit 31) only; the rest is reserved.
    init.vscr = (rng.below(2) as u32) << 16 | rng.below(2) as u32;
    let mut window = [0u8; WINDOW];
    rng.fill(&mut window);
    Case {
        base: 0,
        body: Vec::new(),
        under_test: 0,
        init,
        window,
        dies: false,
    }
}

/// The base register: any of r1..r31 except r12 (r0 cannot address memory; r12 is the
/// pointer of the shared vector load/store subroutines, see [`crate::prog`]).
fn pick_base(rng: &mut Rng) -> u32 {
    loop {
        let r = rng.range(1, 31) as u32;
        if r != crate::prog::VEC_PTR {
            return r;
        }
    }
}

/// A GPR other than those in `avoid`.
fn reg_except(rng: &mut Rng, avoid: &[u32]) -> u32 {
    loop {
        let r = rng.below(32) as u32;
        if !avoid.contains(&r) {
            return r;
        }
    }
}

/// Makes some source registers hold equal values, so compares see EQ and subtracts see zero.
fn alias_values(rng: &mut Rng, init: &mut Init, regs: &[u32]) {
    if regs.len() >= 2 && rng.chance(1, 6) {
        let a = regs[rng.below(regs.len() as u64) as usize] as usize;
        let b = regs[rng.below(regs.len() as u64) as usize] as usize;
        init.gpr[b] = init.gpr[a];
    }
}

/// Places operand value `v` into book bits `from..=to` of a word, keeping the row's bits.
fn put(row: &Row, w: u32, v: u32, from: u32, to: u32) -> u32 {
    let f = fld(v, from, to) & !row.mask;
    (w & !(fld(u32::MAX, from, to) & !row.mask)) | f
}

/// Builds one instance of a register/immediate instruction. Returns the word and the GPRs
/// its fields name.
pub fn plain_word(row: &Row, ops: &str, rng: &mut Rng, base: u32) -> (u32, Vec<u32>) {
    let mut w = row.bits;
    let mut regs: Vec<u32> = Vec::new();
    for tok in ops.split_whitespace() {
        match tok {
            t if spec::is_gpr_token(t) => {
                // Sometimes reuse a register already named (rt == ra, ra == rb ...).
                let r = if t == "RAnz" {
                    reg_except(rng, &[base, 0])
                } else if !regs.is_empty() && rng.chance(1, 6) {
                    regs[rng.below(regs.len() as u64) as usize]
                } else {
                    reg_except(rng, &[base])
                };
                let (a, b) = spec::token_bits(t).unwrap();
                w = put(row, w, r, a, b);
                regs.push(r);
            }
            "SI" | "UI" => w = put(row, w, rng.imm16(), 16, 31),
            "SH6" => {
                let sh = rng.field(6);
                w = put(row, w, sh & 31, 16, 20);
                w = put(row, w, sh >> 5, 30, 30);
            }
            "DX" => {
                let d = rng.imm16();
                w = put(row, w, d >> 6, 16, 25);
                w = put(row, w, (d >> 1) & 31, 11, 15);
                w = put(row, w, d & 1, 31, 31);
            }
            "FXM1" => {
                w = put(row, w, 1 << rng.below(8), 12, 19);
                w = put(row, w, 1, 11, 11);
            }
            "L2" => w = put(row, w, rng.below(2) as u32, 9, 10),
            "XT" | "XS" | "XA" | "XB" => {
                let (from, ext) = match tok {
                    "XA" => (11, 29),
                    "XB" => (16, 30),
                    _ => (6, 31),
                };
                w = put(row, w, rng.below(32) as u32, from, from + 4);
                w = put(row, w, rng.below(2) as u32, ext, ext);
            }
            "VRT" | "VRA" | "VRB" | "VRC" => {
                let (a, b) = spec::token_bits(tok).unwrap();
                w = put(row, w, rng.below(32) as u32, a, b);
            }
            t => {
                let (a, b) =
                    spec::token_bits(t).unwrap_or_else(|| panic!("unknown operand token {t}"));
                w = put(row, w, rng.field(b - a + 1), a, b);
            }
        }
    }
    (w, regs)
}

// ---- memory ----

fn x_word(op31_xo: u32, rt: u32, ra: u32, rb: u32, rc: u32) -> u32 {
    fld(31, 0, 5) | fld(rt, 6, 10) | fld(ra, 11, 15) | fld(rb, 16, 20) | fld(op31_xo, 21, 30) | rc
}

/// The load-and-reserve matching a store-conditional of `size` bytes.
fn larx_word(size: u32, rt: u32, ra: u32, rb: u32) -> u32 {
    let xo = match size {
        1 => 52,
        2 => 116,
        4 => 20,
        8 => 84,
        _ => 276,
    };
    x_word(xo, rt, ra, rb, 0)
}

fn gen_mem(row: &Row, m: Mem, rng: &mut Rng, ctx: &Ctx, c: &mut Case) {
    match m.kind {
        MemKind::Multiple => return gen_multiple(row, m, rng, ctx, c),
        MemKind::String => return gen_string(row, m, rng, ctx, c),
        _ => {}
    }
    c.base = pick_base(rng);
    let base = c.base;
    let pair = matches!(m.kind, MemKind::Pair)
        || (m.size == 16 && matches!(m.kind, MemKind::Larx | MemKind::Stcx));
    // Target register (pairs: even, both halves free of the base).
    let rt = match m.reg {
        Reg::None => 0,
        Reg::Vr | Reg::Fpr => rng.below(32) as u32,
        Reg::Vsx31 | Reg::Vsx28 => rng.below(64) as u32,
        Reg::Gpr if pair => loop {
            let r = rng.below(16) as u32 * 2;
            if r != base && r + 1 != base {
                break r;
            }
        },
        _ => reg_except(rng, &[base]),
    };
    let rt_set: Vec<u32> = match m.reg {
        Reg::Gpr if pair => vec![rt, rt + 1],
        Reg::Gpr => vec![rt],
        _ => vec![],
    };
    let ra_zero_ok = m.ea == Ea::X && !m.update && rng.chance(1, 5);
    // lxvl & co. take the length from RB, not an offset: the EA is RA itself.
    let off_limit = if m.ea == Ea::XLen {
        WINDOW as u64 - 16
    } else {
        WINDOW as u64 - m.size.max(1) as u64
    };
    let ra = if ra_zero_ok {
        0
    } else {
        // Update loads and quadword loads may not name their target as RA (invalid forms);
        // quadword stores avoid it too, to keep the pair and the address apart.
        let mut avoid = vec![base, 0];
        if (m.update && !m.store) || pair {
            avoid.extend(&rt_set);
        }
        reg_except(rng, &avoid)
    };
    let rb = if matches!(m.ea, Ea::X | Ea::XLen) {
        let mut avoid = vec![base, ra];
        if pair && !m.store {
            avoid.extend(&rt_set);
        }
        reg_except(rng, &avoid)
    } else {
        0
    };
    let size = m.size.max(1) as u64;
    let align = match m.kind {
        MemKind::Pair | MemKind::Larx | MemKind::Stcx => size,
        _ if rng.chance(1, 2) => size,
        _ => 1,
    };
    let off = rng.below(off_limit + 1) / align * align;
    let ea = ctx.window_addr + off;
    let mut w = row.bits;
    match m.reg {
        Reg::None => {}
        Reg::Gpr | Reg::Vr | Reg::Fpr => w = put(row, w, rt, 6, 10),
        Reg::Vsx31 => w = put(row, put(row, w, rt & 31, 6, 10), rt >> 5, 31, 31),
        Reg::Vsx28 => w = put(row, put(row, w, rt & 31, 6, 10), rt >> 5, 28, 28),
    }
    w = put(row, w, ra, 11, 15);
    match m.ea {
        Ea::D => {
            let d = rng.imm16();
            w = put(row, w, d, 16, 31);
            c.init.gpr[ra as usize] = ea.wrapping_sub(d as u16 as i16 as i64 as u64);
        }
        Ea::Ds => {
            let ds = rng.imm16() & 0xfffc;
            w = put(row, w, ds >> 2, 16, 29);
            c.init.gpr[ra as usize] = ea.wrapping_sub(ds as u16 as i16 as i64 as u64);
        }
        Ea::Dq => {
            let dq = rng.imm16() & 0xfff0;
            w = put(row, w, dq >> 4, 16, 27);
            c.init.gpr[ra as usize] = ea.wrapping_sub(dq as u16 as i16 as i64 as u64);
        }
        Ea::XLen => {
            w = put(row, w, rb, 16, 20);
            // Byte count in RB[0:7]: 0..=16 mostly, sometimes larger (the book caps it at 16).
            let n = if rng.chance(4, 5) {
                rng.below(17)
            } else {
                rng.below(256)
            };
            c.init.gpr[rb as usize] = (n << 56) | (rng.value() & ((1 << 56) - 1));
            c.init.gpr[ra as usize] = ea;
        }
        Ea::X => {
            w = put(row, w, rb, 16, 20);
            if ra == 0 {
                c.init.gpr[rb as usize] = ea;
            } else {
                let b = if rng.chance(1, 2) {
                    rng.below(2 * WINDOW as u64)
                } else {
                    rng.value()
                };
                c.init.gpr[rb as usize] = b;
                c.init.gpr[ra as usize] = ea.wrapping_sub(b);
            }
        }
    }
    if m.kind == MemKind::Stcx {
        // Either a matching reservation first (the store succeeds), none (it fails), or a
        // second store-conditional after a successful one (fails: the first cleared it).
        let scenario = rng.below(3);
        let mut avoid = vec![base, ra, rb];
        let rt2 = if m.size == 16 {
            loop {
                let r = rng.below(16) as u32 * 2;
                if !avoid.contains(&r) && !avoid.contains(&(r + 1)) {
                    break r;
                }
            }
        } else {
            avoid.push(0);
            reg_except(rng, &avoid)
        };
        if scenario != 1 {
            c.body.push(larx_word(m.size, rt2, ra, rb));
        }
        c.under_test = c.body.len();
        c.body.push(w);
        if scenario == 2 {
            c.body.push(w);
        }
    } else {
        c.body.push(w);
    }
}

/// `lmw`/`stmw`: registers RT..r31, so the base must sit below RT and RA outside the range.
fn gen_multiple(row: &Row, m: Mem, rng: &mut Rng, ctx: &Ctx, c: &mut Case) {
    let rt = rng.range(3, 31) as u32;
    c.base = loop {
        let r = rng.range(1, rt as i64 - 1) as u32;
        if r != crate::prog::VEC_PTR {
            break r;
        }
    };
    let ra = loop {
        let r = rng.range(1, rt as i64 - 1) as u32;
        if r != c.base {
            break r;
        }
    };
    let n = (32 - rt) as u64 * 4;
    let ea = ctx.window_addr + rng.below(WINDOW as u64 - n + 1) / 4 * 4;
    let d = rng.imm16();
    let w = put(
        row,
        put(row, put(row, row.bits, rt, 6, 10), ra, 11, 15),
        d,
        16,
        31,
    );
    c.init.gpr[ra as usize] = ea.wrapping_sub(d as u16 as i16 as i64 as u64);
    let _ = m;
    c.body.push(w);
    c.dies = true; // alignment interrupt in LE mode, see RowGen::cases
}

/// `lswi`/`lswx`/`stswi`/`stswx`: NB (or XER[BC]) bytes through RT, RT+1, ... wrapping at 31.
fn gen_string(row: &Row, m: Mem, rng: &mut Rng, ctx: &Ctx, c: &mut Case) {
    let indexed = row.mnemonic.ends_with('x');
    let nb = rng.range(1, 32) as u32;
    let nregs = nb.div_ceil(4);
    loop {
        c.base = pick_base(rng);
        let rt = rng.below(32) as u32;
        let range: Vec<u32> = (0..nregs).map(|i| (rt + i) % 32).collect();
        if range.contains(&c.base) {
            continue;
        }
        let mut avoid = vec![c.base, 0];
        if !m.store {
            avoid.extend(&range);
        }
        let ra = reg_except(rng, &avoid);
        avoid.push(ra);
        let rb = reg_except(rng, &avoid);
        let ea = ctx.window_addr + rng.below(WINDOW as u64 - 32);
        let mut w = put(row, put(row, row.bits, rt, 6, 10), ra, 11, 15);
        if indexed {
            w = put(row, w, rb, 16, 20);
            c.init.gpr[rb as usize] = 0;
            c.init.xer = (c.init.xer & !0x7f) | nb as u64;
        } else {
            w = put(row, w, nb % 32, 16, 20);
        }
        c.init.gpr[ra as usize] = ea;
        c.body.push(w);
        c.dies = true; // alignment interrupt in LE mode, see RowGen::cases
        return;
    }
}

// ---- branches ----

/// Body: the branch, then two markers (`li m1,1`, `li m2,2`); the taken target is the
/// instruction after both, so a branch that lands one word off shows up in m2.
fn gen_branch(row: &Row, br: Br, rng: &mut Rng, ctx: &Ctx, c: &mut Case) {
    c.base = pick_base(rng);
    let m1 = reg_except(rng, &[c.base]);
    let m2 = reg_except(rng, &[c.base, m1]);
    let target = ctx.body_addr + 12;
    let lk = rng.below(2) as u32;
    let mut w = put(row, row.bits, lk, 31, 31);
    match br {
        Br::B => {
            w = put(row, w, 3, 6, 29); // LI = 12 >> 2; AA = 0
            w = put(row, w, 0, 30, 30);
        }
        Br::Bc => {
            w = put(row, w, rng.pick(BO_ALL), 6, 10);
            w = put(row, w, rng.below(32) as u32, 11, 15);
            w = put(row, w, 3, 16, 29);
            w = put(row, w, 0, 30, 30);
        }
        Br::Bclr | Br::Bcctr | Br::Bctar => {
            let bo = if br == Br::Bcctr {
                rng.pick(BO_NO_CTR)
            } else {
                rng.pick(BO_ALL)
            };
            // BH = 0b10 is reserved for bclr; bcctr/bctar also reserve 0b01.
            let bh = if br == Br::Bclr {
                rng.pick(&[0, 1, 3])
            } else {
                rng.pick(&[0, 3])
            };
            w = put(row, w, bo, 6, 10);
            w = put(row, w, rng.below(32) as u32, 11, 15);
            w = put(row, w, bh, 19, 20);
            // The low two bits of LR/CTR/TAR are ignored by the branch.
            let t = target | rng.below(4);
            match br {
                Br::Bclr => c.init.lr = t,
                Br::Bcctr => c.init.ctr = t,
                _ => c.init.tar = t,
            }
        }
    }
    if br != Br::Bcctr && rng.chance(1, 3) {
        c.init.ctr = rng.below(3); // make bdz/bdnz outcomes flip
    }
    c.body = vec![w, asm::li(m1, 1), asm::li(m2, 2)];
}

// ---- traps ----

/// Does `tw`/`td` with TO fire for `a` and `b`? (Power ISA 3.0B §3.3.11)
pub fn trap_fires(to: u32, a: u64, b: u64, dword: bool) -> bool {
    let (sa, sb, ua, ub) = if dword {
        (a as i64, b as i64, a, b)
    } else {
        (
            a as i32 as i64,
            b as i32 as i64,
            a as u32 as u64,
            b as u32 as u64,
        )
    };
    (to & 16 != 0 && sa < sb)
        || (to & 8 != 0 && sa > sb)
        || (to & 4 != 0 && sa == sb)
        || (to & 2 != 0 && ua < ub)
        || (to & 1 != 0 && ua > ub)
}

/// All cases but the last must not trap (a trap ends the process); the last one does.
fn gen_trap(row: &Row, imm: bool, dword: bool, rng: &mut Rng, ctx: &Ctx, c: &mut Case) {
    let last = ctx.index + 1 == ctx.count;
    c.base = pick_base(rng);
    for attempt in 0.. {
        let ra = reg_except(rng, &[c.base]);
        let to = if attempt > 40 && !last {
            0
        } else {
            rng.field(5)
        };
        let mut w = put(row, put(row, row.bits, to, 6, 10), ra, 11, 15);
        let b = if imm {
            let si = rng.imm16();
            w = put(row, w, si, 16, 31);
            si as u16 as i16 as i64 as u64
        } else {
            let rb = reg_except(rng, &[c.base]);
            w = put(row, w, rb, 16, 20);
            if rng.chance(1, 4) {
                c.init.gpr[rb as usize] = c.init.gpr[ra as usize];
            }
            c.init.gpr[rb as usize]
        };
        if trap_fires(to, c.init.gpr[ra as usize], b, dword) == last {
            c.body = vec![w];
            c.dies = last;
            return;
        }
    }
}

// ---- SPR moves ----

fn gen_spr(row: &Row, to: bool, rng: &mut Rng, c: &mut Case) {
    c.base = pick_base(rng);
    let spr = rng.pick(USER_SPRS);
    let r = reg_except(rng, &[c.base]);
    let swapped = ((spr & 31) << 5) | (spr >> 5);
    let w = put(row, put(row, row.bits, r, 6, 10), swapped, 11, 20);
    c.body.push(w);
    if to {
        if spr == asm::SPR_XER && rng.chance(1, 2) {
            c.init.gpr[r as usize] &= XER_ARCH_MASK;
        }
        if spr == asm::SPR_VRSAVE {
            // VRSAVE is not in the dump: read it back.
            let r2 = reg_except(rng, &[c.base]);
            c.body.push(asm::mfspr(r2, asm::SPR_VRSAVE));
        }
    }
}

/// A sequence of `len` register/immediate instructions from `pool`, sharing one base: the
/// "mix" test, which catches state that a translator carries wrongly between instructions.
pub fn gen_mix(pool: &[RowGen], len: usize, rng: &mut Rng) -> Case {
    let mut c = blank_case(rng);
    c.base = pick_base(rng);
    for _ in 0..len {
        let g = pool[rng.below(pool.len() as u64) as usize];
        let (w, _) = plain_word(g.row, g.plain_ops().unwrap(), rng, c.base);
        c.body.push(w);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpu_ppc64::decode::ROWS;

    fn ctx() -> Ctx {
        Ctx {
            body_addr: 0x1010_0000,
            window_addr: 0x1001_0800,
            index: 0,
            count: 10,
        }
    }

    /// Every generated word decodes back to its own row, and never names the base register
    /// in a GPR field of a plain instruction.
    #[test]
    fn generated_words_decode_to_their_row() {
        let mut rng = Rng::new(1);
        for row in ROWS {
            let Some(g) = RowGen::for_row(row) else {
                continue;
            };
            if matches!(g.spec, Spec::Skip(_)) {
                continue;
            }
            for i in 0..200 {
                let c = g.gen(
                    &mut rng,
                    &Ctx {
                        index: i % 10,
                        ..ctx()
                    },
                );
                let w = c.body[c.under_test];
                assert_eq!(
                    cpu_ppc64::decode::decode(w),
                    Some(row.op),
                    "{} {w:08x}",
                    row.mnemonic
                );
                assert!(c.base >= 1 && c.base < 32 && c.base != crate::prog::VEC_PTR);
                if let Spec::Plain(ops) | Spec::Privileged(ops) | Spec::FpscrMove(ops) = g.spec {
                    for t in ops.split_whitespace().filter(|t| spec::is_gpr_token(t)) {
                        let (a, b) = spec::token_bits(t).unwrap();
                        assert_ne!(
                            cpu_ppc64::forms::bits(w, a, b),
                            c.base,
                            "{} {w:08x}",
                            row.mnemonic
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn trap_conditions() {
        assert!(trap_fires(31, 1, 2, true));
        assert!(!trap_fires(0, 1, 2, true));
        assert!(trap_fires(4, 5, 5, false));
        assert!(trap_fires(16, u64::MAX, 0, true)); // -1 < 0 signed
        assert!(!trap_fires(2, u64::MAX, 0, true)); // not unsigned-less
        assert!(trap_fires(8, 0x1_0000_0001, 0, false)); // word compare sees 1 > 0
    }
}
