//! Differential test of the ppc64 front end (default) or, with `--arch s390x`, the s390x
//! front end against QEMU.
//!
//! For every row of the decode table, generates many random but meaningful instances, runs
//! them in one test program under the emulator (default `target/release/bigiron user
//! ppc64le`) and under `qemu-ppc64le-static`, and compares all GPRs, CR, XER, LR, CTR and the
//! scratch memory window after each case. Exits 1 on any mismatch not explained by
//! `tests/difftest-known.tsv`, 2 on usage errors or a missing emulator.

use bigiron_tests::driver::{self, Config, Status};
use bigiron_tests::run::{self, Emulator};
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: difftest [--arch ppc64le|s390x] [--emu CMD] [--qemu CMD] [--filter MNEMONIC[,MNEMONIC...]] [--seed N]
                [--cases K] [--mix-len N] [--jobs N] [--timeout SECS] [--keep DIR]
                [--max-reports N] [--list] [--quiet]
  --arch A       ppc64le (default) or s390x: which front end and peer
                 (s390x: bigiron user s390x vs qemu-s390x-static, env QEMU_S390X)
  --selftest     s390x: run each row's program under the peer only and check every
                 case's dump arrives (validates the harness without the emulator)
  --probe        s390x: exit 3 if the emulator refuses `user s390x` (not implemented yet),
                 0 otherwise (scripts/test.sh skips the s390x tiers on 3)
  --emu CMD      emulator under test, a command line the guest path is appended to
                 (default: target/release/bigiron user ppc64le; env BIGIRON overrides the path)
  --qemu CMD     the peer (default: qemu-ppc64le-static; env QEMU_PPC64LE)
  --filter LIST  only these mnemonics (as the decode table spells them); `mix` = mixed test
  --seed N       PRNG seed (default 1); a failure replays with the same seed, filter, cases
  --cases K      cases per row (default 150)
  --mix-len N    instructions per case in the mixed-sequence test (default 8, 0 = off)
  --keep DIR     also write the generated ELFs to DIR
  --list         print each row with its generator spec and exit";

fn main() {
    let mut cfg = Config {
        emu: run::default_bigiron(),
        peer: run::default_qemu(),
        seed: 1,
        cases: 150,
        filter: Vec::new(),
        jobs: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2),
        keep: None,
        timeout: Duration::from_secs(60),
        max_reports: 3,
        mix_len: 8,
    };
    let mut list = false;
    let mut s390x = false;
    let mut selftest = false;
    let mut probe = false;
    let (mut emu_set, mut peer_set) = (false, false);
    let mut quiet = false;
    let mut args = std::env::args().skip(1);
    let fail = |m: &str| -> ! {
        eprintln!("difftest: {m}\n{USAGE}");
        std::process::exit(2)
    };
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{a} needs a value")))
        };
        let num = |v: String| {
            v.parse::<u64>()
                .unwrap_or_else(|_| fail(&format!("{a}: not a number: {v}")))
        };
        match a.as_str() {
            "--emu" => {
                cfg.emu = Emulator::parse(&val());
                emu_set = true;
            }
            "--qemu" => {
                cfg.peer = Emulator::parse(&val());
                peer_set = true;
            }
            "--arch" => match val().as_str() {
                "s390x" => s390x = true,
                "ppc64le" | "ppc64" => s390x = false,
                v => fail(&format!("unknown architecture {v}")),
            },
            "--selftest" => selftest = true,
            "--probe" => probe = true,
            "--filter" => cfg
                .filter
                .extend(val().split(',').filter(|s| !s.is_empty()).map(String::from)),
            "--seed" => cfg.seed = num(val()),
            "--cases" => cfg.cases = num(val()).max(1) as usize,
            "--mix-len" => cfg.mix_len = num(val()) as usize,
            "--jobs" => cfg.jobs = num(val()).max(1) as usize,
            "--timeout" => cfg.timeout = Duration::from_secs(num(val())),
            "--keep" => cfg.keep = Some(val().into()),
            "--max-reports" => cfg.max_reports = num(val()) as usize,
            "--list" => list = true,
            "--quiet" => quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ => fail(&format!("unknown argument {a}")),
        }
    }
    if s390x {
        if !emu_set {
            cfg.emu = run::default_bigiron_for("s390x");
        }
        if !peer_set {
            cfg.peer = run::default_qemu_s390x();
        }
        cfg.mix_len = 0;
    }
    if list && s390x {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for l in bigiron_tests::s390::driver::list() {
            if writeln!(out, "{l}").is_err() {
                return;
            }
        }
        return;
    }
    if probe {
        if !s390x {
            fail("--probe is for --arch s390x");
        }
        if !cfg.emu.available() {
            println!("difftest: emulator not found: {}", cfg.emu);
            std::process::exit(3);
        }
        match bigiron_tests::s390::driver::probe(&cfg) {
            Ok(()) => return,
            Err(why) => {
                println!("difftest: `{}` has no s390x user mode: {why}", cfg.emu);
                std::process::exit(3);
            }
        }
    }
    if selftest {
        if !s390x {
            fail("--selftest is for --arch s390x");
        }
        let res = bigiron_tests::s390::driver::selftest(&cfg);
        let mut bad = 0;
        for (name, want, got, end) in &res {
            let ok = want == got && *end == run::End::Exit(0);
            if !ok {
                bad += 1;
            }
            if !quiet || !ok {
                println!("{:<9} {name:<8} {got}/{want} dumps, {end}", if ok { "ok" } else { "FAIL" });
            }
        }
        println!("selftest under `{}`: {} rows, {bad} failing", cfg.peer, res.len());
        std::process::exit(if bad > 0 { 1 } else { 0 });
    }
    if list {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for row in cpu_ppc64::decode::ROWS {
            let g = bigiron_tests::spec::lookup_row(row);
            let line = format!(
                "{:<10} {:<4} mask {:08x} bits {:08x}  {}",
                row.mnemonic,
                row.form,
                row.mask,
                row.bits,
                g.map(|(g, s)| format!("{} / {s:?}", g.name()))
                    .unwrap_or_else(|| "NO SPEC".into())
            );
            if writeln!(out, "{line}").is_err() {
                return; // a closed pipe (`difftest --list | head`) is not an error
            }
        }
        return;
    }
    for (what, e) in [("emulator", &cfg.emu), ("peer", &cfg.peer)] {
        if !e.available() {
            eprintln!("difftest: {what} not found: {e}");
            std::process::exit(2);
        }
    }
    println!(
        "difftest: emulator `{}` vs peer `{}`, seed {}, {} cases per row",
        cfg.emu, cfg.peer, cfg.seed, cfg.cases
    );
    let t0 = Instant::now();
    let results = if s390x { bigiron_tests::s390::driver::run(&cfg) } else { driver::run(&cfg) };
    for r in &results {
        let tag = match &r.status {
            Status::Pass => "ok",
            Status::Explained => "explained",
            Status::Fail => "FAIL",
            Status::Skip(_) => "skip",
        };
        if !quiet || r.status == Status::Fail {
            let extra = if r.explained > 0 || r.unexplained > 0 {
                format!(
                    " ({} unexplained, {} explained mismatches)",
                    r.unexplained, r.explained
                )
            } else {
                String::new()
            };
            println!("{tag:<9} {:<10} {} cases{extra}", r.name, r.cases);
        }
        if !r.report.is_empty() && (r.status == Status::Fail || !quiet) {
            print!("{}", r.report);
        }
    }
    print!("{}", driver::summary(&results));
    println!("time: {:.1}s", t0.elapsed().as_secs_f64());
    if results.iter().any(|r| r.status == Status::Fail) {
        println!(
            "seed {} — rerun a row with: difftest --seed {} --cases {} --filter MNEMONIC",
            cfg.seed, cfg.seed, cfg.cases
        );
        std::process::exit(1);
    }
}
