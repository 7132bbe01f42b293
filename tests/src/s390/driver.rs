//! The s390x differential driver: for each implemented decode row, one program of many
//! cases, run under the emulator and the peer, compared case by case. Scheduling, results
//! and the summary are the shared ones of [`crate::driver`].

use super::diff;
use super::gen::RowGen;
use super::known::{self, Pred};
use super::prog::{self, Builder, Case, Ctx, Dump, Regs};
use crate::driver::{par_map, Config, RowResult, Status, Tag};
use crate::known::Known;
use crate::rng::Rng;
use crate::run::{End, TempDir};
use cpu_s390x::decode::{Row, ROWS};
use std::fmt::Write;
use std::time::{Duration, Instant};

/// The summary group of each row: the decode table section it sits in.
fn tag_of(row: &Row) -> Tag {
    let mut t = Tag { order: 0, name: "(no section)" };
    for r in ROWS {
        if let Some(s) = r.starts_section {
            t = Tag { order: t.order + 1, name: s };
        }
        if std::ptr::eq(r, row) {
            break;
        }
    }
    t
}

pub fn run(cfg: &Config) -> Vec<RowResult> {
    let table = known::table();
    let want = |name: &str| cfg.filter.is_empty() || cfg.filter.iter().any(|f| f == name);
    let unimplemented = ROWS.iter().filter(|r| want(r.mnemonic) && !r.implemented()).count();
    if unimplemented > 0 {
        println!("difftest: {unimplemented} decoded-but-unimplemented rows not compared (they raise SIGILL by design)");
    }
    let jobs: Vec<&'static Row> = ROWS.iter().filter(|r| want(r.mnemonic) && r.implemented()).collect();
    let tmp = TempDir::new("difftest-s390x").expect("cannot create a temporary directory");
    par_map(&jobs, cfg.jobs, |&row| run_row(cfg, &table, row, &tmp))
}

fn blank(name: &str, tag: Tag, status: Status) -> RowResult {
    RowResult {
        name: name.into(),
        group: Some(tag),
        status,
        cases: 0,
        unexplained: 0,
        explained: 0,
        report: String::new(),
        emu_sigill: false,
        emu_time: Duration::ZERO,
        peer_time: Duration::ZERO,
    }
}

/// Builds one row's program: `count` cases.
pub fn build(g: &RowGen, seed: u64, count: usize) -> (Vec<(Case, Ctx)>, Vec<u8>) {
    let mut rng = Rng::derive(seed, g.row.mnemonic);
    let mut b = Builder::new(count, g.regs());
    let mut cases = Vec::with_capacity(count);
    for _ in 0..count {
        let ctx = b.ctx();
        let c = g.gen(&mut rng, &ctx);
        b.push(&c);
        cases.push((c, ctx));
    }
    (cases, b.finish())
}

fn run_row(cfg: &Config, table: &[Known<Pred>], row: &'static Row, tmp: &TempDir) -> RowResult {
    let tag = tag_of(row);
    let g = RowGen::new(row);
    if let Some(why) = g.sp.skip {
        return blank(row.mnemonic, tag, Status::Skip(why.into()));
    }
    let regs = g.regs();
    let (cases, elf) = build(&g, cfg.seed, cfg.cases);
    let file = format!("s390x-{}.elf", row.mnemonic);
    let path = tmp.write_exe(&file, &elf).expect("cannot write test program");
    if let Some(dir) = &cfg.keep {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(dir.join(&file), &elf);
    }
    let t0 = Instant::now();
    let peer = cfg.peer.run(&path, &[], cfg.timeout);
    let t1 = Instant::now();
    let emu = cfg.emu.run(&path, &[], cfg.timeout);
    let (peer_time, emu_time) = (t1 - t0, t1.elapsed());
    let _ = std::fs::remove_file(&path);

    let preds = known::preds_for(table, row.mnemonic);
    let de = prog::split_dumps(&emu.stdout, regs);
    let dp = prog::split_dumps(&peer.stdout, regs);
    let mut r = blank(row.mnemonic, tag, Status::Pass);
    r.cases = cases.len();
    r.emu_time = emu_time;
    r.peer_time = peer_time;
    let mut shown = 0;
    if dp.len() < cases.len() {
        let (c, ctx) = &cases[dp.len()];
        let _ = writeln!(
            r.report,
            "  note: the peer ended early ({}) at case {} of {}; its stderr: {}\n{}",
            peer.end,
            dp.len(),
            cases.len(),
            peer.stderr.trim(),
            diff::format_body(c, ctx)
        );
    }
    let show_explained = std::env::var_os("DIFFTEST_SHOW_EXPLAINED").is_some();
    for (i, (c, ctx)) in cases.iter().enumerate() {
        match (de.get(i), dp.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                let (ed, pd) = (Dump::parse(a), Dump::parse(b));
                let diffs = diff::diff(&ed, &pd);
                let ok = known::explains(&preds, c, &diffs);
                if ok {
                    r.explained += 1;
                } else {
                    r.unexplained += 1;
                }
                if shown < cfg.max_reports && (!ok || show_explained) {
                    shown += 1;
                    let _ = write!(
                        r.report,
                        "  case {i}: {}\n{}{}\n{}",
                        if ok { "explained mismatch" } else { "MISMATCH" },
                        diff::format_body(c, ctx),
                        diff::format_init(c, ctx, regs),
                        diff::format_diffs(&diffs)
                    );
                }
            }
            (None, None) => break,
            (a, _) => {
                r.unexplained += 1;
                r.emu_sigill = a.is_none() && emu.end == End::Signal(4);
                let who = if a.is_some() { "the peer" } else { "the emulator" };
                let _ = write!(
                    r.report,
                    "  case {i}: {who} ended here (emulator: {}, peer: {})\n{}{}\n",
                    emu.end,
                    peer.end,
                    diff::format_body(c, ctx),
                    diff::format_init(c, ctx, regs)
                );
                stderr_tail(&mut r.report, &emu.stderr);
                break;
            }
        }
    }
    if de.len() < cases.len() && dp.len() < cases.len() && r.unexplained == 0 {
        // Both stopped early at the same case (both hung, or both died): the remaining
        // cases were never compared, which must not read as a pass.
        r.unexplained += 1;
        let _ = writeln!(
            r.report,
            "  both ended early at case {} of {} (emulator: {}, peer: {})",
            de.len().min(dp.len()),
            cases.len(),
            emu.end,
            peer.end
        );
    }
    if emu.end != peer.end && r.unexplained == 0 {
        r.unexplained += 1;
        let _ = writeln!(r.report, "  process end differs: emulator {}, peer {}", emu.end, peer.end);
        stderr_tail(&mut r.report, &emu.stderr);
    }
    r.status = if r.unexplained > 0 {
        Status::Fail
    } else if r.explained > 0 {
        Status::Explained
    } else {
        Status::Pass
    };
    r
}

fn stderr_tail(report: &mut String, stderr: &str) {
    if !stderr.trim().is_empty() {
        let tail: String = stderr.trim().lines().take(12).map(|l| format!("    | {l}\n")).collect();
        let _ = write!(report, "    emulator stderr:\n{tail}");
    }
}

/// `difftest --arch s390x --list`: every row with how it is generated.
pub fn list() -> Vec<String> {
    ROWS.iter()
        .map(|r| {
            format!(
                "{:<8} {:#06x} {:<6} {}{}",
                r.mnemonic,
                r.opcode,
                format!("{:?}", r.format),
                super::spec::describe(r),
                if r.implemented() { "" } else { "  (unimplemented)" }
            )
        })
        .collect()
}

/// Runs one row's program under one emulator only and checks every case's dump arrived
/// (a self-test of the harness against the peer).
pub fn selftest(cfg: &Config) -> Vec<(String, usize, usize, End)> {
    let jobs: Vec<&'static Row> = ROWS
        .iter()
        .filter(|r| (cfg.filter.is_empty() || cfg.filter.iter().any(|f| f == r.mnemonic)) && r.implemented())
        .collect();
    let tmp = TempDir::new("difftest-s390x-self").expect("cannot create a temporary directory");
    par_map(&jobs, cfg.jobs, |&row| {
        let g = RowGen::new(row);
        if g.sp.skip.is_some() {
            return (row.mnemonic.to_string(), 0, 0, End::Exit(0));
        }
        let (cases, elf) = build(&g, cfg.seed, cfg.cases);
        let path = tmp.write_exe(&format!("{}.elf", row.mnemonic), &elf).expect("write");
        let out = cfg.peer.run(&path, &[], cfg.timeout);
        let n = prog::split_dumps(&out.stdout, g.regs()).len();
        (row.mnemonic.to_string(), cases.len(), n, out.end)
    })
}

/// Whether the emulator has s390x Linux user mode at all: runs a one-case program and
/// returns `Err(reason)` only when the emulator refuses the architecture (so a tier can be
/// skipped until it lands); any other outcome, working or not, is `Ok`, so a broken user
/// mode still fails the tier loudly.
pub fn probe(cfg: &Config) -> Result<(), String> {
    let mut init = prog::Init::default();
    init.gpr[2] = 42;
    let mut body = Vec::new();
    super::asm::emit(&mut body, 0x1812u64 << 48); // lr r1,r2
    let c = Case { base: 7, body, under_test: 0, init, window: [0; prog::WINDOW] };
    let mut b = Builder::new(1, Regs::Gpr);
    b.push(&c);
    let tmp = TempDir::new("difftest-s390x-probe").map_err(|e| e.to_string())?;
    let path = tmp.write_exe("probe.elf", &b.finish()).map_err(|e| e.to_string())?;
    let out = cfg.emu.run(&path, &[], cfg.timeout);
    let refused = ["not implemented", "unknown architecture"];
    if out.end != End::Exit(0) && refused.iter().any(|m| out.stderr.contains(m)) {
        return Err(out.stderr.trim().lines().next().unwrap_or("").to_string());
    }
    Ok(())
}
