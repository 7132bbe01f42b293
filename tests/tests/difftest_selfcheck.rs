//! The differential harness checked against itself: with QEMU on both sides every row must
//! agree, which catches generator bugs (a case that clobbers its own base register, a
//! branch that leaves the test, a nondeterministic input) before they look like emulator bugs.
//! Skips with a message when `qemu-ppc64le-static` is missing.

use bigiron_tests::driver::{self, Config, Status};
use bigiron_tests::run;
use std::time::Duration;

#[test]
fn qemu_agrees_with_itself_on_every_row() {
    let qemu = run::default_qemu();
    if !qemu.available() {
        eprintln!("SKIPPED: `{qemu}` not found (scripts/install-deps.sh installs it)");
        return;
    }
    let cfg = Config {
        emu: qemu.clone(),
        peer: qemu,
        seed: 0x5eed,
        cases: 12,
        filter: Vec::new(),
        jobs: 2,
        keep: None,
        timeout: Duration::from_secs(60),
        max_reports: 2,
        mix_len: 8,
    };
    let results = driver::run(&cfg);
    let failed: Vec<String> = results
        .iter()
        .filter(|r| r.status == Status::Fail)
        .map(|r| format!("{}:\n{}", r.name, r.report))
        .collect();
    assert!(
        failed.is_empty(),
        "the harness disagrees with itself:\n{}",
        failed.join("\n")
    );
    assert!(
        results.iter().filter(|r| r.status == Status::Pass).count() > 100,
        "too few rows ran"
    );
}
