//! The differential test driver: for each decode row, one program of many cases, run under
//! the emulator and the peer, compared case by case.

use crate::diff::{self, FieldDiff};
use crate::gen::{self, Case, Ctx, RowGen};
use crate::known::{self, Known};
use crate::prog::{self, Builder, Dump, Opts};
use crate::rng::Rng;
use crate::run::{Emulator, End, Outcome, TempDir};
use crate::spec::{Group, Spec};
use cpu_ppc64::decode::{Row, ROWS};
use std::fmt::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Config {
    pub emu: Emulator,
    pub peer: Emulator,
    pub seed: u64,
    pub cases: usize,
    /// Mnemonics to run (empty: all). `mix` selects the mixed-sequence test.
    pub filter: Vec<String>,
    pub jobs: usize,
    /// Keep the generated ELFs here.
    pub keep: Option<PathBuf>,
    pub timeout: Duration,
    /// Mismatching cases printed in full per row.
    pub max_reports: usize,
    /// Instructions per case in the mixed-sequence test (0: off).
    pub mix_len: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    /// Every mismatch was explained by the known table.
    Explained,
    Fail,
    Skip(String),
}

#[derive(Clone, Debug)]
pub struct RowResult {
    pub name: String,
    pub group: Option<Tag>,
    pub status: Status,
    pub cases: usize,
    pub unexplained: usize,
    pub explained: usize,
    pub report: String,
    /// The emulator died with SIGILL where the peer went on (most likely: decoded but not
    /// implemented yet).
    pub emu_sigill: bool,
    /// Wall time of the emulator's and the peer's run.
    pub emu_time: Duration,
    pub peer_time: Duration,
}

/// A row's group in the summary: ordered by `order`, shown as `name`. Shared by every
/// architecture's driver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tag {
    pub order: u32,
    pub name: &'static str,
}

impl From<Group> for Tag {
    fn from(g: Group) -> Tag {
        Tag { order: g as u32, name: g.name() }
    }
}

/// Runs `f` on every job on `n` threads; results in job order.
pub fn par_map<J: Sync, R: Send>(jobs: &[J], n: usize, f: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..n.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let r = f(job);
                results.lock().unwrap().push((i, r));
            });
        }
    });
    let mut v = results.into_inner().unwrap();
    v.sort_by_key(|(i, _)| *i);
    v.into_iter().map(|(_, r)| r).collect()
}

/// One unit of work: a decode row or the mixed-sequence test.
#[derive(Clone, Copy)]
enum Job {
    Row(&'static Row),
    Mix,
}

pub fn run(cfg: &Config) -> Vec<RowResult> {
    let table = known::table();
    let want = |name: &str| {
        cfg.filter.is_empty()
            || cfg
                .filter
                .iter()
                .any(|f| f == name || f.trim_end_matches('.') == name.trim_end_matches('.'))
    };
    // Rows the decoder knows but the front end does not implement yet raise SIGILL by
    // design (the log names them); they are listed, not compared.
    let unimplemented: Vec<&str> = ROWS.iter().filter(|r| want(r.mnemonic) && !r.implemented()).map(|r| r.mnemonic).collect();
    if !unimplemented.is_empty() {
        println!("difftest: {} decoded-but-unimplemented rows not compared (they raise SIGILL by design)", unimplemented.len());
    }
    let mut jobs: Vec<Job> = ROWS
        .iter()
        .filter(|r| want(r.mnemonic) && r.implemented())
        .map(Job::Row)
        .collect();
    if cfg.mix_len > 0 && (cfg.filter.is_empty() || cfg.filter.iter().any(|f| f == "mix")) {
        jobs.push(Job::Mix);
    }
    let tmp = TempDir::new("difftest").expect("cannot create a temporary directory");
    par_map(&jobs, cfg.jobs, |&job| match job {
        Job::Row(row) => run_row(cfg, &table, row, &tmp),
        Job::Mix => run_mix(cfg, &tmp),
    })
}

fn skip(name: &str, group: Option<Group>, why: String) -> RowResult {
    RowResult {
        name: name.into(),
        group: group.map(Tag::from),
        status: Status::Skip(why),
        cases: 0,
        unexplained: 0,
        explained: 0,
        report: String::new(),
        emu_sigill: false,
        emu_time: Duration::ZERO,
        peer_time: Duration::ZERO,
    }
}

/// Generated cases with the contexts they were generated for.
struct Program {
    cases: Vec<(Case, Ctx)>,
    elf: Vec<u8>,
    opts: Opts,
}

fn build(count: usize, opts: Opts, mut gen: impl FnMut(&Ctx) -> Case) -> Program {
    let mut b = Builder::new(count, opts);
    let mut cases = Vec::with_capacity(count);
    for i in 0..count {
        let ctx = Ctx {
            body_addr: b.body_addr(),
            window_addr: prog::window_addr(i),
            index: i,
            count,
        };
        let c = gen(&ctx);
        b.push(&c);
        cases.push((c, ctx));
    }
    Program {
        cases,
        elf: b.finish(),
        opts,
    }
}

fn run_row(cfg: &Config, table: &[Known], row: &'static Row, tmp: &TempDir) -> RowResult {
    let Some(g) = RowGen::for_row(row) else {
        return skip(
            row.mnemonic,
            None,
            "no generator spec (add the mnemonic to tests/src/spec.rs)".into(),
        );
    };
    if let Spec::Skip(why) = g.spec {
        return skip(row.mnemonic, Some(g.group), why.into());
    }
    let mut rng = Rng::derive(cfg.seed, row.mnemonic);
    let count = g.cases(cfg.cases);
    let p = build(
        count,
        Opts {
            tar: g.needs_tar(),
            vec: g.needs_vec(),
        },
        |ctx| g.gen(&mut rng, ctx),
    );
    let preds = known::preds_for(table, row.mnemonic);
    compare(
        cfg,
        tmp,
        row.mnemonic,
        Some(g.group),
        &p,
        |case, ctx, emu, diffs| known::explains(&preds, row.mnemonic, case, ctx.window_addr, emu, diffs),
        |emu, peer| known::explains_end(&preds, emu, peer),
    )
}

/// Random sequences of register-only instructions, excluding rows with undefined results.
fn run_mix(cfg: &Config, tmp: &TempDir) -> RowResult {
    let table = known::table();
    let pool: Vec<RowGen> = ROWS
        .iter()
        .filter(|r| r.implemented())
        .filter_map(RowGen::for_row)
        .filter(|g| g.plain_ops().is_some())
        .filter(|g| {
            matches!(
                g.group,
                Group::FixedArith
                    | Group::FixedLogical
                    | Group::RotateShift
                    | Group::FixedCompare
                    | Group::CrLogical
                    | Group::MoveSpr
            )
        })
        .filter(|g| known::preds_for(&table, g.row.mnemonic).is_empty())
        .collect();
    if pool.is_empty() {
        return skip(
            "mix",
            None,
            "no register-only rows in the decode table".into(),
        );
    }
    let mut rng = Rng::derive(cfg.seed, "(mix)");
    let p = build(cfg.cases, Opts::default(), |_| {
        gen::gen_mix(&pool, cfg.mix_len, &mut rng)
    });
    compare(cfg, tmp, "mix", None, &p, |_, _, _, _| false, |_, _| false)
}

fn run_side(cfg: &Config, emu: &Emulator, path: &std::path::Path) -> Outcome {
    emu.run(path, &[], cfg.timeout)
}

fn compare(
    cfg: &Config,
    tmp: &TempDir,
    name: &str,
    group: Option<Group>,
    p: &Program,
    explain: impl Fn(&Case, &Ctx, &Dump, &[FieldDiff]) -> bool,
    explain_end: impl Fn(End, End) -> bool,
) -> RowResult {
    let file = format!("{}.elf", name.replace('.', "_"));
    let path = tmp
        .write_exe(&file, &p.elf)
        .expect("cannot write test program");
    if let Some(dir) = &cfg.keep {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(dir.join(&file), &p.elf);
    }
    let t0 = Instant::now();
    let peer = run_side(cfg, &cfg.peer, &path);
    let t1 = Instant::now();
    let emu = run_side(cfg, &cfg.emu, &path);
    let (peer_time, emu_time) = (t1 - t0, t1.elapsed());
    let _ = std::fs::remove_file(&path);

    let de = prog::split_dumps(&emu.stdout, p.opts);
    let dp = prog::split_dumps(&peer.stdout, p.opts);
    let mut r = RowResult {
        name: name.into(),
        group: group.map(Tag::from),
        status: Status::Pass,
        cases: p.cases.len(),
        unexplained: 0,
        explained: 0,
        report: String::new(),
        emu_sigill: false,
        emu_time,
        peer_time,
    };
    let mut shown = 0;
    let expect_peer = p.cases.iter().take_while(|(c, _)| !c.dies).count();
    let end_explained = emu.end != peer.end && explain_end(emu.end, peer.end);
    if end_explained {
        r.explained += 1;
        let _ = writeln!(
            r.report,
            "  explained: emulator {}, peer {} (see difftest-known.md)",
            emu.end, peer.end
        );
    } else if dp.len() < expect_peer {
        let (c, ctx) = &p.cases[dp.len()];
        let _ = writeln!(
            r.report,
            "  note: the peer ended early ({}) at case {} of {}; its stderr: {}\n{}",
            peer.end,
            dp.len(),
            p.cases.len(),
            peer.stderr.trim(),
            diff::format_body(c, ctx)
        );
    }
    for i in 0..p.cases.len() {
        let (c, ctx) = &p.cases[i];
        match (de.get(i), dp.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                let emu_dump = Dump::parse(a);
                let diffs = diff::diff(&emu_dump, &Dump::parse(b));
                let ok = explain(c, ctx, &emu_dump, &diffs);
                if ok {
                    r.explained += 1;
                } else {
                    r.unexplained += 1;
                }
                // DIFFTEST_SHOW_EXPLAINED=1 also reports explained mismatches (to review them).
                if shown < cfg.max_reports && (!ok || std::env::var_os("DIFFTEST_SHOW_EXPLAINED").is_some()) {
                    shown += 1;
                    let _ = write!(
                        r.report,
                        "  case {i}: {}\n{}{}\n{}",
                        if ok { "explained mismatch" } else { "MISMATCH" },
                        diff::format_body(c, ctx),
                        diff::format_init(c, p.opts.vec),
                        diff::format_diffs(&diffs)
                    );
                }
            }
            (None, None) => break,
            _ if end_explained => break,
            (a, _) => {
                r.unexplained += 1;
                r.emu_sigill = a.is_none() && emu.end == End::Signal(4);
                let who = if a.is_some() {
                    "the peer"
                } else {
                    "the emulator"
                };
                let _ = write!(
                    r.report,
                    "  case {i}: {who} ended here (emulator: {}, peer: {})\n{}{}\n",
                    emu.end,
                    peer.end,
                    diff::format_body(c, ctx),
                    diff::format_init(c, p.opts.vec)
                );
                if !emu.stderr.trim().is_empty() {
                    let tail: String = emu
                        .stderr
                        .trim()
                        .lines()
                        .take(12)
                        .map(|l| format!("    | {l}\n"))
                        .collect();
                    let _ = write!(r.report, "    emulator stderr:\n{tail}");
                }
                break;
            }
        }
    }
    if emu.end != peer.end && r.unexplained == 0 && !end_explained {
        r.unexplained += 1;
        let _ = writeln!(
            r.report,
            "  process end differs: emulator {}, peer {}",
            emu.end, peer.end
        );
        if !emu.stderr.trim().is_empty() {
            let tail: String = emu
                .stderr
                .trim()
                .lines()
                .take(12)
                .map(|l| format!("    | {l}\n"))
                .collect();
            let _ = write!(r.report, "    emulator stderr:\n{tail}");
        }
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

/// The end-of-run table: per group, rows passed/failed/explained/skipped.
pub fn summary(results: &[RowResult]) -> String {
    let mut s = String::new();
    let mut groups: Vec<Option<Tag>> = results.iter().map(|r| r.group).collect();
    groups.sort();
    groups.dedup();
    let _ = writeln!(
        s,
        "{:<46} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "group", "rows", "pass", "FAIL", "explained", "skipped"
    );
    for g in groups {
        let rs: Vec<&RowResult> = results.iter().filter(|r| r.group == g).collect();
        let n = |f: &dyn Fn(&RowResult) -> bool| rs.iter().filter(|r| f(r)).count();
        let _ = writeln!(
            s,
            "{:<46} {:>5} {:>5} {:>5} {:>9} {:>7}",
            g.map(|t| t.name).unwrap_or("(no spec / mix)"),
            rs.len(),
            n(&|r| r.status == Status::Pass),
            n(&|r| r.status == Status::Fail),
            n(&|r| r.status == Status::Explained),
            n(&|r| matches!(r.status, Status::Skip(_)))
        );
    }
    let fails: Vec<&str> = results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .map(|r| r.name.as_str())
        .collect();
    let sigill: Vec<&str> = results
        .iter()
        .filter(|r| r.status == Status::Fail && r.emu_sigill)
        .map(|r| r.name.as_str())
        .collect();
    if !sigill.is_empty() {
        let _ = writeln!(
            s,
            "{} failing rows die with SIGILL under the emulator (decoded but not implemented?): {}",
            sigill.len(),
            sigill.join(" ")
        );
    }
    let wrong: Vec<&str> = results
        .iter()
        .filter(|r| r.status == Status::Fail && !r.emu_sigill)
        .map(|r| r.name.as_str())
        .collect();
    if !wrong.is_empty() {
        let _ = writeln!(
            s,
            "{} failing rows compute something else: {}",
            wrong.len(),
            wrong.join(" ")
        );
    }
    let skips: Vec<String> = results
        .iter()
        .filter_map(|r| match &r.status {
            Status::Skip(w) => Some(format!("{} ({w})", r.name)),
            _ => None,
        })
        .collect();
    if !skips.is_empty() {
        let _ = writeln!(s, "skipped: {}", skips.join("; "));
    }
    let emu_t: Duration = results.iter().map(|r| r.emu_time).sum();
    let peer_t: Duration = results.iter().map(|r| r.peer_time).sum();
    let mut slow: Vec<&RowResult> = results.iter().collect();
    slow.sort_by_key(|r| std::cmp::Reverse(r.emu_time));
    let slow: Vec<String> = slow
        .iter()
        .take(5)
        .map(|r| format!("{} {:.2}s", r.name, r.emu_time.as_secs_f64()))
        .collect();
    let _ = writeln!(
        s,
        "process time: emulator {:.1}s, peer {:.1}s; slowest under the emulator: {}",
        emu_t.as_secs_f64(),
        peer_t.as_secs_f64(),
        slow.join(", ")
    );
    let cases: usize = results.iter().map(|r| r.cases).sum();
    let _ = writeln!(
        s,
        "{} rows, {} cases: {} failing rows",
        results.len(),
        cases,
        fails.len(),
    );
    s
}
