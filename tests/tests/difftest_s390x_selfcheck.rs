//! The s390x harness checked against QEMU alone: the prologue loads what the case record
//! says, the epilogue dumps what the body computed (worked out by hand for a few bodies),
//! a program interruption is caught and the next case still runs, and QEMU agrees with
//! itself on every generated row. Skips with a message when `qemu-s390x-static` is missing.

use bigiron_tests::driver::{Config, Status};
use bigiron_tests::run;
use bigiron_tests::s390::asm;
use bigiron_tests::s390::prog::{self, Builder, Case, Dump, Init, Regs, WINDOW};
use std::time::Duration;

fn qemu() -> Option<run::Emulator> {
    let q = run::default_qemu_s390x();
    if q.available() {
        Some(q)
    } else {
        eprintln!("SKIPPED: `{q}` not found (scripts/install-deps.sh installs it)");
        None
    }
}

fn case(base: u32, body: &[u64], init: Init) -> Case {
    let mut b = Vec::new();
    for &w in body {
        asm::emit(&mut b, w);
    }
    let mut window = [0u8; WINDOW];
    for (i, x) in window.iter_mut().enumerate() {
        *x = i as u8;
    }
    Case { base, body: b, under_test: 0, init, window }
}

fn run_cases(q: &run::Emulator, regs: Regs, cases: &[Case]) -> Vec<Dump> {
    let mut b = Builder::new(cases.len(), regs);
    for c in cases {
        b.push(c);
    }
    let tmp = run::TempDir::new("s390x-selfcheck").unwrap();
    let p = tmp.write_exe("t.elf", &b.finish()).unwrap();
    let out = q.run(&p, &[], Duration::from_secs(30));
    assert_eq!(out.end, run::End::Exit(0), "stderr: {}", out.stderr);
    prog::split_dumps(&out.stdout, regs).into_iter().map(Dump::parse).collect()
}

#[test]
fn prologue_epilogue_and_signals() {
    let Some(q) = qemu() else { return };
    let mut init = Init::default();
    for (r, g) in init.gpr.iter_mut().enumerate() {
        *g = 0x1111_1111_0000_0000 * r as u64 + r as u64;
    }
    init.cc = 2;
    // ar r1,r2 (1a 12): r1 low word = 1 + 2 = 3, CC 2 (positive); high word kept.
    let ar = 0x1a12u64 << 48;
    // bytes 00 00: no such instruction → SIGILL, registers as loaded, CC as loaded.
    let bad = 0u64;
    // lg r3,0(r5): window bytes 0..7 → 0x0001020304050607 (r5 set to the window below).
    let lg = asm::lg(3, 0, 5);
    let mut init_lg = init.clone();
    let win = prog::record_addr(2) + prog::WIN_OFF as u64;
    init_lg.gpr[5] = win;
    let d = run_cases(
        &q,
        Regs::Gpr,
        &[case(7, &[ar], init.clone()), case(1, &[bad], init.clone()), case(15, &[lg], init_lg), case(9, &[ar], init.clone())],
    );
    assert_eq!(d.len(), 4);
    assert_eq!(d[0].gpr[1], 0x1111_1111_0000_0003);
    assert_eq!(d[0].gpr[2], init.gpr[2]);
    assert_eq!(d[0].gpr[7], prog::record_addr(0), "the base register holds the record");
    assert_eq!((d[0].cc, d[0].sig.signo), (2, 0));
    assert_eq!(d[1].sig.signo, 4, "SIGILL caught: {:x?}", d[1].sig);
    assert_eq!(d[1].gpr[3], init.gpr[3]);
    assert_eq!(d[1].cc, 2);
    assert_eq!(d[2].gpr[3], 0x0001_0203_0405_0607);
    assert_eq!(d[2].gpr[15], prog::record_addr(2));
    assert_eq!(d[2].mem[8], 8);
    assert_eq!(d[3].gpr[1], 0x1111_1111_0000_0003, "the case after a signal runs");
}

#[test]
fn fp_and_vector_registers_round_trip() {
    let Some(q) = qemu() else { return };
    let mut init = Init::default();
    init.fpc = 1; // round toward zero
    for (n, v) in init.vr.iter_mut().enumerate() {
        *v = u128::from_be_bytes([n as u8; 16]);
    }
    // ldr f1,f2 (28 12): FPR 1 = FPR 2.
    let c = case(4, &[0x2812u64 << 48], init.clone());
    let fp = run_cases(&q, Regs::Fp, std::slice::from_ref(&c));
    assert_eq!(fp[0].fpc, 1);
    assert_eq!(fp[0].vr[1] >> 64, init.vr[2] >> 64);
    assert_eq!(fp[0].vr[3] >> 64, init.vr[3] >> 64);
    let vec = run_cases(&q, Regs::Vec, &[c]);
    assert_eq!(vec[0].vr.len(), 32);
    assert_eq!(vec[0].vr[31], init.vr[31]);
    assert_eq!(vec[0].vr[1], init.vr[2] & !(u64::MAX as u128) | init.vr[1] & u64::MAX as u128);
}

#[test]
fn qemu_agrees_with_itself_on_every_s390x_row() {
    let Some(q) = qemu() else { return };
    let cfg = Config {
        emu: q.clone(),
        peer: q,
        seed: 0x5eed,
        cases: 12,
        filter: Vec::new(),
        jobs: 2,
        keep: None,
        timeout: Duration::from_secs(60),
        max_reports: 2,
        mix_len: 0,
    };
    let results = bigiron_tests::s390::driver::run(&cfg);
    let failed: Vec<String> =
        results.iter().filter(|r| r.status == Status::Fail).map(|r| format!("{}:\n{}", r.name, r.report)).collect();
    assert!(failed.is_empty(), "the harness disagrees with itself:\n{}", failed.join("\n"));
    assert!(results.iter().filter(|r| r.status == Status::Pass).count() > 100, "too few rows ran");
}

/// A body that overwrites its own base register: the epilogue's stores through it fault,
/// the handler must give the base back (not resume the faulting epilogue forever), and the
/// next case still runs. (`flogr` with R1+1 = the base once hung the harness.)
#[test]
fn a_clobbered_base_register_does_not_hang() {
    let Some(q) = qemu() else { return };
    let mut init = Init::default();
    init.gpr[2] = 5;
    // lghi %r7,0 (a7 79 00 00): the base (r7) now addresses page 0.
    let clobber = asm::lghi(7, 0);
    // ar r1,r2 after it, as in the first test.
    let ar = 0x1a12u64 << 48;
    let cases = [case(7, &[clobber], init.clone()), case(9, &[ar], init.clone())];
    let mut b = Builder::new(cases.len(), Regs::Gpr);
    for c in &cases {
        b.push(c);
    }
    let tmp = run::TempDir::new("s390x-selfcheck-base").unwrap();
    let p = tmp.write_exe("t.elf", &b.finish()).unwrap();
    let out = q.run(&p, &[], Duration::from_secs(10));
    assert_eq!(out.end, run::End::Exit(0), "stderr: {}", out.stderr);
    let d: Vec<Dump> = prog::split_dumps(&out.stdout, Regs::Gpr).into_iter().map(Dump::parse).collect();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].sig.signo, 11, "the epilogue's store through r7 = 0 faults: {:x?}", d[0].sig);
    assert_eq!(d[0].gpr[7], prog::record_addr(0), "the handler gave the base back");
    assert_eq!(d[1].gpr[1], 5, "the next case runs");
}
