//! Field-by-field comparison of two s390x dumps and the readable report of a mismatch.

use super::asm;
use super::prog::{Case, Ctx, Dump};
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Gpr(u32),
    Cc,
    /// Program mask.
    Pm,
    Fpc,
    /// The signal the case took (0: none), its si_code, si_addr, and the PSW address the
    /// interruption reported.
    Signal,
    SiCode,
    SiAddr,
    Psw,
    /// The 8 bytes of the scratch window at this offset.
    Mem(usize),
    /// VR n (FP rows: FPR n in the high doubleword).
    Vr(u32),
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Gpr(r) => write!(f, "r{r}"),
            Field::Cc => write!(f, "cc"),
            Field::Pm => write!(f, "pm"),
            Field::Fpc => write!(f, "fpc"),
            Field::Signal => write!(f, "signal"),
            Field::SiCode => write!(f, "si_code"),
            Field::SiAddr => write!(f, "si_addr"),
            Field::Psw => write!(f, "psw"),
            Field::Mem(o) => write!(f, "mem[+{o:#05x}]"),
            Field::Vr(n) => write!(f, "v{n}"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct FieldDiff {
    pub field: Field,
    pub emu: u128,
    pub peer: u128,
}

pub fn diff(emu: &Dump, peer: &Dump) -> Vec<FieldDiff> {
    let mut v = Vec::new();
    let mut d = |field, e: u128, p: u128| {
        if e != p {
            v.push(FieldDiff { field, emu: e, peer: p });
        }
    };
    for r in 0..16 {
        d(Field::Gpr(r as u32), emu.gpr[r] as u128, peer.gpr[r] as u128);
    }
    d(Field::Cc, emu.cc as u128, peer.cc as u128);
    d(Field::Pm, emu.pm as u128, peer.pm as u128);
    d(Field::Fpc, emu.fpc as u128, peer.fpc as u128);
    d(Field::Signal, emu.sig.signo as u128, peer.sig.signo as u128);
    d(Field::SiCode, emu.sig.code as u128, peer.sig.code as u128);
    d(Field::SiAddr, emu.sig.addr as u128, peer.sig.addr as u128);
    d(Field::Psw, emu.sig.psw as u128, peer.sig.psw as u128);
    for o in (0..emu.mem.len()).step_by(8) {
        let q = |m: &[u8]| u64::from_be_bytes(m[o..o + 8].try_into().unwrap()) as u128;
        d(Field::Mem(o), q(&emu.mem), q(&peer.mem));
    }
    for (n, (a, b)) in emu.vr.iter().zip(&peer.vr).enumerate() {
        d(Field::Vr(n as u32), *a, *b);
    }
    v
}

/// The body with addresses and disassembly, the instruction under test marked.
pub fn format_body(case: &Case, ctx: &Ctx) -> String {
    let mut s = String::new();
    let mut o = 0;
    while o < case.body.len() {
        let (w, n) = asm::fetch(&case.body[o..]);
        let pc = ctx.body_addr + o as u64;
        let hex: String = case.body[o..o + n].iter().map(|b| format!("{b:02x}")).collect();
        let mn = cpu_s390x::decode::lookup(w).map(|r| r.mnemonic).unwrap_or("?");
        let mark = if o == case.under_test { "  <- under test" } else { "" };
        let _ = writeln!(s, "    {pc:#x}: {hex:<12} {:<32} [{mn}]{mark}", cpu_s390x::disasm_insn(w, n as u32, pc));
        o += n;
    }
    s
}

/// Initial GPRs (all but the base), CC/PM, FPC, and the VRs any 4-bit field could name.
pub fn format_init(case: &Case, ctx: &Ctx, regs: super::prog::Regs) -> String {
    let i = &case.init;
    let mut s = String::from("    init:");
    for r in 0..16 {
        if r as u32 != case.base {
            let _ = write!(s, " r{r}={:#x}", i.gpr[r]);
        }
        if r == 7 {
            s.push_str("\n         ");
        }
    }
    let _ = write!(s, "\n          cc={} pm={:#x} base=r{} (record {:#x}, window {:#x})", i.cc, i.pm, case.base, ctx.record_addr, ctx.window_addr);
    if regs != super::prog::Regs::Gpr {
        let _ = write!(s, " fpc={:#010x}", i.fpc);
        let (w, _) = asm::fetch(&case.body[case.under_test..]);
        let mut vs: Vec<u32> = Vec::new();
        for at in [8, 12, 16, 32] {
            let n = asm::get(w, at, 4) as u32;
            for v in [n, n + 16] {
                if !vs.contains(&v) {
                    vs.push(v);
                }
            }
        }
        vs.sort();
        for n in vs {
            let _ = write!(s, "\n          v{n}={:032x}", i.vr[n as usize]);
        }
    }
    // DIFFTEST_FULL=1: every VR and the window's initial bytes too (for triage).
    if std::env::var_os("DIFFTEST_FULL").is_some_and(|v| v == "1") {
        if regs != super::prog::Regs::Gpr {
            for (n, v) in i.vr.iter().enumerate() {
                let _ = write!(s, "\n          v{n}={v:032x}");
            }
        }
        for (k, line) in case.window.chunks(32).enumerate() {
            let hex: String = line.iter().map(|b| format!("{b:02x}")).collect();
            let _ = write!(s, "\n          +{:03x}: {hex}", k * 32);
        }
    }
    s
}

pub fn format_diffs(diffs: &[FieldDiff]) -> String {
    let mut s = String::new();
    for d in diffs {
        let f = d.field.to_string();
        match d.field {
            Field::Vr(_) => {
                let _ = writeln!(s, "    {f:<12} emu {:032x}\n    {:<12} peer {:032x}", d.emu, "", d.peer);
            }
            Field::Signal => {
                let n = |v: u128| if v == 0 { "none" } else { crate::run::signal_name(v as i32) };
                let _ = writeln!(s, "    {f:<12} emu {} ({})  peer {} ({})", d.emu, n(d.emu), d.peer, n(d.peer));
            }
            _ => {
                let _ = writeln!(s, "    {f:<12} emu {:#018x}  peer {:#018x}", d.emu, d.peer);
            }
        }
    }
    s
}
