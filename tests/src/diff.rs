//! Field-by-field comparison of two dumps and the readable report of a mismatch.

use crate::gen::{Case, Ctx};
use crate::prog::Dump;
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Gpr(u32),
    Cr,
    Xer,
    Lr,
    Ctr,
    /// The 8 bytes of the scratch window at this offset (compared as a LE doubleword).
    Mem(usize),
    Vscr,
    /// FPSCR (vector and FP rows), as `mffs` reads it.
    Fpscr,
    /// VSR n, shown as DW0:DW1 (FPR n = DW0 of VSR n; VR n = VSR 32+n).
    Vsr(u32),
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Gpr(r) => write!(f, "r{r}"),
            Field::Cr => write!(f, "cr"),
            Field::Xer => write!(f, "xer"),
            Field::Lr => write!(f, "lr"),
            Field::Ctr => write!(f, "ctr"),
            Field::Mem(o) => write!(f, "mem[+{o:#05x}]"),
            Field::Vscr => write!(f, "vscr"),
            Field::Fpscr => write!(f, "fpscr"),
            Field::Vsr(n) if *n >= 32 => write!(f, "vs{n}/v{}", n - 32),
            Field::Vsr(n) => write!(f, "vs{n}"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct FieldDiff {
    pub field: Field,
    /// Values; a VSR is `DW0 << 64 | DW1`.
    pub emu: u128,
    pub peer: u128,
}

pub fn diff(emu: &Dump, peer: &Dump) -> Vec<FieldDiff> {
    let mut v = Vec::new();
    let mut d = |field, e: u128, p: u128| {
        if e != p {
            v.push(FieldDiff {
                field,
                emu: e,
                peer: p,
            });
        }
    };
    for r in 0..32 {
        d(
            Field::Gpr(r as u32),
            emu.gpr[r] as u128,
            peer.gpr[r] as u128,
        );
    }
    d(Field::Cr, emu.cr as u128, peer.cr as u128);
    d(Field::Xer, emu.xer as u128, peer.xer as u128);
    d(Field::Lr, emu.lr as u128, peer.lr as u128);
    d(Field::Ctr, emu.ctr as u128, peer.ctr as u128);
    for o in (0..emu.mem.len()).step_by(8) {
        let q = |m: &[u8]| u64::from_le_bytes(m[o..o + 8].try_into().unwrap()) as u128;
        d(Field::Mem(o), q(&emu.mem), q(&peer.mem));
    }
    d(Field::Vscr, emu.vscr as u128, peer.vscr as u128);
    d(Field::Fpscr, emu.fpscr as u128, peer.fpscr as u128);
    for (n, (a, b)) in emu.vsr.iter().zip(&peer.vsr).enumerate() {
        d(
            Field::Vsr(n as u32),
            (a.0 as u128) << 64 | a.1 as u128,
            (b.0 as u128) << 64 | b.1 as u128,
        );
    }
    v
}

/// `LT GT EQ SO` flags of each differing CR field.
fn cr_detail(e: u64, p: u64) -> String {
    let mut s = String::new();
    for f in 0..8 {
        let sh = 28 - 4 * f;
        let (a, b) = ((e >> sh) & 15, (p >> sh) & 15);
        if a != b {
            let _ = write!(s, " cr{f}: emu {} peer {}", crf(a), crf(b));
        }
    }
    s
}

fn crf(v: u64) -> String {
    let n = ["LT", "GT", "EQ", "SO"];
    let s: Vec<&str> = (0..4).filter(|i| v & (8 >> i) != 0).map(|i| n[i]).collect();
    if s.is_empty() {
        "-".into()
    } else {
        s.join("|")
    }
}

/// FPSCR bit names (bits 32:63 of the book, bit `63 - i` here) with a set bit in `v`.
pub fn fpscr_detail(v: u64) -> String {
    const NAMES: [&str; 32] = [
        "FX", "FEX", "VX", "OX", "UX", "ZX", "XX", "VXSNAN", "VXISI", "VXIDI", "VXZDZ", "VXIMZ",
        "VXVC", "FR", "FI", "C", "FL", "FG", "FE", "FU", "-", "VXSOFT", "VXSQRT", "VXCVI", "VE",
        "OE", "UE", "ZE", "XE", "NI", "RN0", "RN1",
    ];
    let s: Vec<&str> = (0..32).filter(|i| v >> (31 - i) & 1 != 0).map(|i| NAMES[i]).collect();
    if s.is_empty() {
        "-".into()
    } else {
        s.join("|")
    }
}

fn xer_detail(v: u64) -> String {
    let mut s = Vec::new();
    for (bit, n) in [
        (31, "SO"),
        (30, "OV"),
        (29, "CA"),
        (19, "OV32"),
        (18, "CA32"),
    ] {
        if v >> bit & 1 != 0 {
            s.push(n.to_string());
        }
    }
    s.push(format!("BC={}", v & 0x7f));
    let other = v & !crate::gen::XER_ARCH_MASK;
    if other != 0 {
        s.push(format!("other={other:#x}"));
    }
    s.join("|")
}

/// The body with addresses and disassembly, the instruction under test marked.
pub fn format_body(case: &Case, ctx: &Ctx) -> String {
    let mut s = String::new();
    for (i, &w) in case.body.iter().enumerate() {
        let pc = ctx.body_addr + 4 * i as u64;
        let mark = if i == case.under_test {
            "  <- under test"
        } else {
            ""
        };
        let mn = cpu_ppc64::decode::decode(w)
            .map(|op| cpu_ppc64::decode::row(op).mnemonic)
            .unwrap_or("?");
        let _ = writeln!(
            s,
            "    {pc:#x}: {w:08x}  {:<28} [{mn}]{mark}",
            cpu_ppc64::disasm_word(w, pc)
        );
    }
    s
}

/// Initial values of the GPRs named by any 5-bit field of the body, plus CR/XER/LR/CTR
/// (and, for vector rows, the VRs/VSRs those fields could name).
pub fn format_init(case: &Case, vec: bool) -> String {
    use cpu_ppc64::forms::bits;
    let mut regs: Vec<u32> = Vec::new();
    for &w in &case.body {
        for (a, b) in [(6, 10), (11, 15), (16, 20), (21, 25)] {
            let r = bits(w, a, b);
            if !regs.contains(&r) {
                regs.push(r);
            }
        }
    }
    regs.sort();
    let mut s = String::from("    init:");
    for r in regs {
        let _ = write!(s, " r{r}={:#x}", case.init.gpr[r as usize]);
    }
    let i = &case.init;
    let _ = write!(
        s,
        "\n          cr={:#010x} xer={:#x} ({}) lr={:#x} ctr={:#x} base=r{}",
        i.cr,
        i.xer,
        xer_detail(i.xer),
        i.lr,
        i.ctr,
        case.base
    );
    if vec {
        let _ = write!(s, "\n          vscr={:#x}", i.vscr);
        if i.fpscr != 0 {
            let _ = write!(s, " fpscr={:#x} ({})", i.fpscr, fpscr_detail(i.fpscr));
        }
        let mut vs: Vec<u32> = Vec::new();
        for &w in &case.body {
            // VRs in each 5-bit field, VSRs with each possible extension bit, and FPRs for
            // the floating-point primary opcodes.
            let fp = matches!(w >> 26, 59 | 63);
            for (a, b, x) in [(6, 10, 31), (11, 15, 29), (16, 20, 30), (21, 25, 28)] {
                let r = bits(w, a, b);
                let fpr = if fp { r } else { r + 32 };
                for n in [r + 32, r + 32 * bits(w, x, x), fpr] {
                    if !vs.contains(&n) {
                        vs.push(n);
                    }
                }
            }
        }
        vs.sort();
        for n in vs {
            let (d0, d1) = i.vsr[n as usize];
            let _ = write!(s, "\n          {}={d0:016x}:{d1:016x}", Field::Vsr(n));
        }
    }
    s
}

pub fn format_diffs(diffs: &[FieldDiff]) -> String {
    let mut s = String::new();
    for d in diffs {
        let f = d.field.to_string();
        match d.field {
            Field::Vsr(_) => {
                let h = |v: u128| format!("{:016x}:{:016x}", (v >> 64) as u64, v as u64);
                let _ = write!(
                    s,
                    "    {f:<12} emu {}\n    {:<12} peer {}",
                    h(d.emu),
                    "",
                    h(d.peer)
                );
            }
            _ => {
                let _ = write!(s, "    {f:<12} emu {:#018x}  peer {:#018x}", d.emu, d.peer);
            }
        }
        match d.field {
            Field::Cr => s.push_str(&cr_detail(d.emu as u64, d.peer as u64)),
            Field::Xer => {
                let _ = write!(
                    s,
                    "  emu {} peer {}",
                    xer_detail(d.emu as u64),
                    xer_detail(d.peer as u64)
                );
            }
            Field::Fpscr => {
                let (e, p) = (d.emu as u64, d.peer as u64);
                let _ = write!(
                    s,
                    "  emu only {} peer only {}",
                    fpscr_detail(e & !p),
                    fpscr_detail(p & !e)
                );
            }
            _ => {}
        }
        s.push('\n');
    }
    s
}
