//! Case generation for s390x: a decode row + a seed → one instruction (plus landing pads or
//! an EXECUTE target), the registers, CC, FPC, VRs and window to start it from.
//!
//! The operand fields are filled by role ([`super::spec::fields`]): registers avoid the
//! case's base register; every operand address (`B`/`X`/`D`) is solved for — a base
//! register value is computed from a random displacement and index so the address lands
//! where the row needs it (window, landing pad, EXECUTE target); relative immediates are
//! solved the same way.

use super::asm::{self, put};
use super::prog::{Case, Ctx, Init, Regs, WINDOW, WIN_OFF};
use super::spec::{self, Addr, RelTo, Special, Term, K};
use crate::rng::Rng;
use cpu_s390x::decode::{self, Row};
use cpu_s390x::forms::Format;

/// Landing pads after a branch: `mvi` of a distinct byte each into the window's last bytes.
pub const PADS: usize = 4;
pub const PAD_MARK: u32 = WIN_OFF + WINDOW as u32 - 8;
const PAD_LEN: u64 = 4;

/// A decode row with the knowledge needed to generate it.
#[derive(Clone, Copy, Debug)]
pub struct RowGen {
    pub row: &'static Row,
    pub sp: Special,
}

impl RowGen {
    pub fn new(row: &'static Row) -> RowGen {
        RowGen { row, sp: spec::special(row) }
    }

    pub fn regs(&self) -> Regs {
        if self.sp.vec {
            Regs::Vec
        } else if self.sp.fp {
            Regs::Fp
        } else {
            Regs::Gpr
        }
    }

    pub fn gen(&self, rng: &mut Rng, ctx: &Ctx) -> Case {
        gen_case(self.row, &self.sp, self.regs(), rng, ctx)
    }
}

/// The opcode bits of a row, left-aligned.
pub fn opcode_word(row: &Row) -> u64 {
    let first = (row.opcode >> 8) as u64;
    let w = first << 56;
    match decode::secondary(first as u8) {
        Some((at, len)) => put(w, at, len, row.opcode as u64 & 0xff),
        None => w,
    }
}

fn fp_env(rng: &mut Rng) -> u32 {
    let rm = rng.pick(&[0u32, 1, 2, 3, 7, 0]);
    let flags = if rng.chance(1, 4) { rng.below(32) as u32 } else { 0 };
    let masks = if rng.chance(1, 8) { rng.below(32) as u32 } else { 0 };
    masks << 27 | flags << 19 | rm
}

fn pick_reg(rng: &mut Rng, avoid: &[u32], lo: u32) -> u32 {
    loop {
        let r = rng.range(lo as i64, 15) as u32;
        if !avoid.contains(&r) {
            return r;
        }
    }
}

/// An immediate of `len` bits, biased to its edges.
fn imm(rng: &mut Rng, len: u32) -> u64 {
    match len {
        16 => rng.imm16() as u64,
        32 => {
            if rng.chance(1, 2) {
                rng.value() & 0xffff_ffff
            } else {
                rng.next_u32() as u64
            }
        }
        _ => rng.field(len) as u64,
    }
}

/// A displacement: 12-bit unsigned or 20-bit signed, biased to small values and the ends.
fn disp(rng: &mut Rng, long: bool) -> i64 {
    let (lo, hi) = if long { (-(1 << 19), (1 << 19) - 1) } else { (0, 4095) };
    match rng.below(6) {
        0 => 0,
        1 => rng.range(0, 64),
        2 => hi,
        3 if long => lo,
        _ => rng.range(lo, hi),
    }
}

fn gen_case(row: &Row, sp: &Special, regs: Regs, rng: &mut Rng, ctx: &Ctx) -> Case {
    let flds = spec::fields(row.format);
    let base = rng.range(1, 15) as u32;
    let mut init = Init::default();
    for g in init.gpr.iter_mut() {
        *g = rng.value();
    }
    init.cc = rng.below(4) as u8;
    init.pm = if rng.chance(1, 8) { rng.below(16) as u8 } else { 0 };
    if regs != Regs::Gpr {
        init.fpc = fp_env(rng);
        for v in init.vr.iter_mut() {
            *v = (rng.vec_dword() as u128) << 64 | rng.vec_dword() as u128;
        }
    }
    let mut window = [0u8; WINDOW];
    rng.fill(&mut window);

    let mut w = opcode_word(row);
    let len = asm::insn_len((w >> 56) as u8) as u64;
    let insn_addr = ctx.body_addr;
    let pad_addr = |i: u64| insn_addr + len + PAD_LEN * i;
    // EXECUTE: [ex][brc 15 over the target][target]
    let exec_target = insn_addr + len + 4;
    let target_for = |rng: &mut Rng| -> u64 {
        if sp.execute {
            exec_target
        } else {
            pad_addr(rng.below(PADS as u64 + 1))
        }
    };

    // Length codes first: they bound the operands' addresses.
    let mut lcode = [0u64; 5];
    for &(k, at, n) in flds {
        if let K::L(op) = k {
            let v = if rng.chance(1, 2) { rng.below(16.min(1 << n)) } else { rng.below(1 << n) };
            lcode[op as usize] = v;
            w = put(w, at, n, v);
        }
    }
    let has = |k: K| flds.iter().any(|f| f.0 == k);
    let span_of = |op: u8| -> u64 {
        if has(K::L(op)) {
            lcode[op as usize] + 1
        } else if row.format == Format::SS_a && op == 2 {
            lcode[1] + 1
        } else {
            sp.span as u64
        }
    };

    // Operand addresses.
    let mut avoid = vec![base];
    let mut mem_regs = Vec::new();
    let ops: Vec<u8> = flds.iter().filter_map(|f| if let K::B(n) = f.0 { Some(n) } else { None }).collect();
    for &op in &ops {
        let bf = flds.iter().find(|f| f.0 == K::B(op)).copied();
        let df = flds.iter().find(|f| f.0 == K::D(op) || f.0 == K::D20(op)).copied();
        let xf = if op == 2 { flds.iter().find(|f| f.0 == K::X).copied() } else { None };
        let (Some(bf), Some(df)) = (bf, df) else { continue };
        let long = matches!(df.0, K::D20(_));
        let d = disp(rng, long);
        let dbits = if long { (d as u64 & 0xfff) << 8 | (d as u64 >> 12 & 0xff) } else { d as u64 };
        let put_d = |w: u64| if long { put(put(w, df.1, 12, d as u64 & 0xfff), df.1 + 12, 8, d as u64 >> 12) } else { put(w, df.1, 12, dbits) };
        if sp.addr == Addr::Any {
            w = put_d(put(w, bf.1, 4, rng.below(16)));
            if let Some(xf) = xf {
                w = put(w, xf.1, 4, rng.below(16));
            }
            continue;
        }
        let target = match sp.addr {
            _ if sp.execute => exec_target,
            Addr::Pad => target_for(rng),
            _ => {
                let span = span_of(op).min(WINDOW as u64 - 8);
                let align = if sp.align > 1 {
                    sp.align as u64
                } else if rng.chance(3, 4) {
                    8.min(span.next_power_of_two())
                } else {
                    1
                };
                let off = rng.below((WINDOW as u64 - 8 - span) / align + 1) * align;
                ctx.window_addr + off
            }
        };
        let b = pick_reg(rng, &avoid, 1);
        avoid.push(b);
        mem_regs.push(b);
        let mut xv = 0u64;
        if let Some(xf) = xf {
            if rng.chance(1, 2) {
                let x = pick_reg(rng, &avoid, 1);
                avoid.push(x);
                mem_regs.push(x);
                xv = init.gpr[x as usize];
                w = put(w, xf.1, 4, x as u64);
            }
        }
        init.gpr[b as usize] = target.wrapping_sub(d as u64).wrapping_sub(xv);
        w = put_d(put(w, bf.1, 4, b as u64));
    }

    // Register operands.
    let mut rvals = [None::<u32>; 4];
    let reg_target = sp.addr == Addr::Pad && matches!(row.format, Format::RR | Format::RRE);
    for &(k, at, _) in flds {
        let K::R(n) = k else { continue };
        let r = if sp.pairs.contains(&n) {
            loop {
                let r = 2 * rng.below(8) as u32;
                let clash = !sp.pair_mem.is_empty() && (rvals.contains(&Some(r)) || (sp.gr1_table && r == 0));
                if r != base && r + 1 != base && !clash {
                    break r;
                }
            }
        } else if sp.range && n == 3 {
            let r1 = rvals[1].unwrap_or(0);
            loop {
                let k = if rng.chance(1, 2) { rng.range(1, 4) } else { rng.range(1, 16) } as u32;
                let r3 = (r1 + k - 1) % 16;
                if (0..k).all(|i| (r1 + i) % 16 != base) {
                    break r3;
                }
            }
        } else if sp.range && n == 1 {
            pick_reg(rng, &[base], 0)
        } else if sp.reg_addrs.contains(&n) || (reg_target && n == 2) || (sp.term != Term::None && n <= 2) {
            pick_reg(rng, &avoid, 1)
        } else if rng.chance(1, 4) {
            pick_reg(rng, &[base], 0)
        } else {
            let mut a = avoid.clone();
            a.extend(rvals.iter().flatten());
            if a.len() >= 15 {
                a.truncate(1);
            }
            pick_reg(rng, &a, 0)
        };
        rvals[n as usize] = Some(r);
        w = put(w, at, 4, r as u64);
        if sp.reg_addrs.contains(&n) {
            avoid.push(r);
            init.gpr[r as usize] = ctx.window_addr + rng.below(WINDOW as u64 - 8);
            init.gpr[0] = if rng.chance(1, 2) { window[rng.below(WINDOW as u64) as usize] as u64 } else { rng.below(256) };
        }
        if sp.pair_mem.contains(&n) {
            avoid.extend([r, r + 1]);
            init.gpr[r as usize] = ctx.window_addr + rng.below(256);
            let mut len = if rng.chance(1, 8) { 0 } else { rng.below(241) };
            if sp.len_even {
                len &= !1;
            }
            init.gpr[r as usize + 1] = if sp.len24 { rng.value() & !0xff_ffff | len } else { len };
        }
        if reg_target && n == 2 {
            avoid.push(r);
            init.gpr[r as usize] = target_for(rng);
        }
    }

    if !sp.pair_mem.is_empty() || sp.gr1_table {
        // Other register operands must not alias the address/length pairs (or GPR 1).
        let mut taken: Vec<u32> = vec![base];
        for &n in sp.pair_mem {
            if let Some(r) = rvals[n as usize] {
                taken.extend([r, r + 1]);
            }
        }
        if sp.gr1_table {
            taken.push(1);
        }
        for &(k, at, _) in flds {
            let K::R(n) = k else { continue };
            let Some(r) = rvals[n as usize] else { continue };
            if sp.pair_mem.contains(&n) {
                continue;
            }
            if taken.contains(&r) {
                let nr = pick_reg(rng, &taken, 1);
                rvals[n as usize] = Some(nr);
                w = put(w, at, 4, nr as u64);
                if sp.reg_addrs.contains(&n) {
                    init.gpr[nr as usize] = init.gpr[r as usize];
                }
                taken.push(nr);
            } else {
                taken.push(r);
            }
        }
        if sp.gr1_table {
            init.gpr[1] = ctx.window_addr + 8 * rng.below(8);
        }
    }
    if sp.r0_csst {
        // GPR 0: function code 0 or 1 (bits 56:63), store characteristic 0..3 (48:55).
        init.gpr[0] = rng.below(2) | rng.below(4) << 8;
    }
    if let (Some(r1), Some(r2)) = (rvals[1], rvals[2]) {
        place_strings(sp.term, r1, r2, rng, ctx, &mut init, &mut window);
    }

    // Masks, immediates, vector registers, relative immediates.
    for &(k, at, n) in flds {
        match k {
            K::M => w = put(w, at, n, rng.field(4) as u64),
            K::Imm => w = put(w, at, n, imm(rng, n)),
            K::V(x) => {
                let v = rng.below(32);
                w = put(put(w, at, 4, v & 15), 36 + x as u32, 1, v >> 4);
            }
            K::Rel => {
                let target = match sp.rel {
                    _ if sp.execute => exec_target,
                    RelTo::Pad => target_for(rng),
                    RelTo::Window => {
                        let align = sp.align.max(2) as u64;
                        let off = rng.below((WINDOW as u64 - 8 - sp.span as u64) / align + 1) * align;
                        ctx.window_addr + off
                    }
                };
                let hw = (target.wrapping_sub(insn_addr) as i64) / 2;
                w = put(w, at, n, hw as u64);
            }
            _ => {}
        }
    }

    for &(at, n) in sp.clear {
        w = put(w, at, n, 0);
    }
    if sp.r1_low_word {
        if let Some(r1) = rvals[1] {
            init.gpr[r1 as usize] &= 0xffff_ffff;
        }
    }
    if sp.no_fpc_masks {
        init.fpc &= !(0x1f << 27);
    }
    if row.format == Format::VRV {
        vrv_index(row, w, rng, &mut init);
    }

    let mut body = Vec::new();
    asm::emit(&mut body, w);
    if sp.execute {
        asm::emit(&mut body, asm::brc(15, 5));
        let t = exec_target_insn(rng, base);
        asm::emit(&mut body, t);
        if asm::insn_len((t >> 56) as u8) == 4 {
            asm::emit(&mut body, 0x0700u64 << 48); // bcr 0,0: the six bytes the branch skips
        }
    } else if sp.addr == Addr::Pad || sp.rel == RelTo::Pad {
        for i in 0..PADS as u32 {
            asm::emit(&mut body, asm::mvi(PAD_MARK + i, base, 0xa0 + i as u8));
        }
    }
    Case { base, body, under_test: 0, init, window }
}

/// VRV (`vgef`/`vgeg`/`vscef`/`vsceg`): the operand address is B2 + D2 + element M3 of V2
/// (PoP ch. 21). B2 + D2 already address the window; the element, random so far, would
/// scatter stores anywhere — into the program's own code and case records, where both
/// emulators then loop. Make it a small offset within the operand's span, or (doubleword
/// elements, one case in eight) an offset of 2^63 and up, which faults without touching
/// anything mapped.
fn vrv_index(row: &Row, w: u64, rng: &mut Rng, init: &mut Init) {
    let v2 = (asm::get(w, 12, 4) | asm::get(w, 37, 1) << 4) as usize;
    let m3 = asm::get(w, 32, 4) as u32;
    let dword = matches!(row.mnemonic, "vgeg" | "vsceg");
    let (size, n) = if dword { (8u32, 2) } else { (4, 4) };
    if m3 >= n {
        return; // specification exception: the element is not used
    }
    let off = if dword && rng.chance(1, 8) { 1 << 63 | rng.value() } else { rng.below(4) * size as u64 };
    let shift = 128 - size * 8 * (m3 + 1);
    let mask = ((1u128 << (size * 8)) - 1) << shift;
    init.vr[v2] = init.vr[v2] & !mask | ((off as u128) << shift & mask);
}

/// Terminated-string operands: start addresses in the window and the terminator (GPR 0)
/// placed within 200 bytes, so no search runs into a CPU-determined stop.
fn place_strings(term: Term, r1: u32, r2: u32, rng: &mut Rng, ctx: &Ctx, init: &mut Init, window: &mut [u8; WINDOW]) {
    let t = rng.below(256) as u8;
    match term {
        Term::None => {}
        Term::Search(unit) => {
            let unit = unit as u64;
            let start = rng.below(128) * unit;
            let k = rng.below(120) * unit;
            let end = start + rng.below(124) * unit;
            let th = if unit == 2 { rng.below(0x10000) } else { t as u64 };
            if unit == 2 {
                window[(start + k) as usize..(start + k) as usize + 2].copy_from_slice(&(th as u16).to_be_bytes());
            } else {
                window[(start + k) as usize] = t;
            }
            init.gpr[0] = th;
            init.gpr[r2 as usize] = ctx.window_addr + start;
            init.gpr[r1 as usize] = ctx.window_addr + end;
        }
        Term::Strings { cmp } => {
            let (o1, o2) = (rng.below(256), rng.below(256));
            let k = rng.below(200);
            window[(o2 + k) as usize] = t;
            if cmp {
                let k1 = if rng.chance(1, 2) { k } else { rng.below(200) };
                window[(o1 + k1) as usize] = t;
                if rng.chance(1, 2) {
                    // Equal strings up to the shorter terminator, sometimes.
                    let n = k.min(k1) as usize;
                    let src: Vec<u8> = window[o2 as usize..o2 as usize + n].to_vec();
                    if !src.contains(&t) {
                        window[o1 as usize..o1 as usize + n].copy_from_slice(&src);
                    }
                }
            }
            init.gpr[0] = t as u64;
            init.gpr[r1 as usize] = ctx.window_addr + o1;
            init.gpr[r2 as usize] = ctx.window_addr + o2;
        }
    }
}

/// A six-byte-or-shorter EXECUTE target whose bits 8:15 (the ones EXECUTE ORs with r1) are
/// a length or immediate, addressing the window through the base register; one the decode
/// table implements.
fn exec_target_insn(rng: &mut Rng, base: u32) -> u64 {
    let o1 = WIN_OFF + rng.below(256) as u32;
    let o2 = WIN_OFF + rng.below(248) as u32;
    let cands = [
        asm::ss_a(0xd2, 0, o1, base, o2, base), // mvc
        asm::ss_a(0xd5, 0, o1, base, o2, base), // clc
        asm::ss_a(0xd7, 0, o1, base, o2, base), // xc
        asm::ss_a(0xd4, 0, o1, base, o2, base), // nc
        asm::si(0x92, o2, base, 0),             // mvi
        asm::si(0x95, o2, base, 0),             // cli
        asm::si(0x91, o2, base, 0),             // tm
    ];
    let ok: Vec<u64> = cands.iter().copied().filter(|&t| decode::lookup(t).is_some_and(|r| r.implemented())).collect();
    if ok.is_empty() {
        cands[4]
    } else {
        rng.pick(&ok)
    }
}
