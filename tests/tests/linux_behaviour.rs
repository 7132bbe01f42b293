//! "The guest behaves as on Linux": small hand-assembled ppc64le programs whose process-level
//! behaviour (stdout, exit status, fatal signal) must be the same under bigiron and under
//! `qemu-ppc64le-static`, and must be what Linux does.
//!
//! Each test skips (with a message) when the emulator binary or QEMU is missing, so
//! `cargo test` stays usable on a machine without them; `scripts/test.sh` provides both.
//! Exit statuses are compared in shell terms: 128 + signal for a killed process.

use bigiron_tests::asm::*;
use bigiron_tests::elf::{rwx_image, LOAD_BASE};
use bigiron_tests::run::{self, Emulator, TempDir};
use std::time::Duration;

/// Code at +0x1000, data (message, scratch) at +0x2_0000: a different 64 KiB page.
const CODE_OFF: u64 = 0x1000;
const DATA_OFF: u64 = 0x2_0000;
const DATA: u64 = LOAD_BASE + DATA_OFF;

fn load_addr(r: u32, addr: u64) -> [u32; 2] {
    assert!(addr < 0x8000_0000);
    [lis(r, (addr >> 16) as u32), ori(r, r, addr as u32 & 0xffff)]
}

/// `write(1, addr, len)`.
fn write_stdout(addr: u64, len: i32) -> Vec<u32> {
    let mut v = load_addr(4, addr).to_vec();
    v.extend([li(5, len), li(3, 1), li(0, SYS_WRITE), SC]);
    v
}

/// `exit_group(status)`.
fn exit(status: i32) -> Vec<u32> {
    vec![li(3, status), li(0, SYS_EXIT_GROUP), SC]
}

struct Expect<'a> {
    stdout: &'a [u8],
    status: i32,
}

/// Runs `image` under every available emulator and checks stdout and status.
fn check(name: &str, image: &[u8], want: Expect) {
    let tmp = TempDir::new("linux-behaviour").unwrap();
    let path = tmp.write_exe(&format!("{name}.elf"), image).unwrap();
    let emus: Vec<(&str, Emulator)> = vec![
        ("qemu", run::default_qemu()),
        ("bigiron", run::default_bigiron()),
    ];
    let mut ran = 0;
    for (who, emu) in emus {
        if !emu.available() {
            eprintln!("{name}: skipping {who}: `{emu}` not found");
            continue;
        }
        ran += 1;
        let out = emu.run(&path, &[], Duration::from_secs(60));
        assert_eq!(
            (out.end.shell_status(), out.stdout.as_slice()),
            (want.status, want.stdout),
            "{name} under {who} ({emu}): ended {}, stderr: {}",
            out.end,
            out.stderr.trim()
        );
    }
    if ran == 0 {
        eprintln!(
            "{name}: SKIPPED, neither qemu-ppc64le-static nor the bigiron binary is available"
        );
    }
}

const MSG: &[u8] = b"before\n";

/// A program: `code` at CODE_OFF, MSG then zeros at DATA.
fn image(code: &[u32]) -> Vec<u8> {
    let mut data = MSG.to_vec();
    data.resize(64, 0);
    rwx_image(CODE_OFF, code, DATA_OFF, &data)
}

#[test]
fn exit_status_and_write() {
    let mut c = write_stdout(DATA, MSG.len() as i32);
    c.extend(exit(42));
    check(
        "exit42",
        &image(&c),
        Expect {
            stdout: MSG,
            status: 42,
        },
    );
}

/// An illegal instruction word: Linux delivers SIGILL (ILL_ILLOPC); the shell sees 132.
#[test]
fn illegal_instruction_is_sigill() {
    const ILLEGAL: u32 = 0x0000_0000;
    assert_eq!(
        cpu_ppc64::decode::decode(ILLEGAL),
        None,
        "the test's illegal word became a real instruction"
    );
    let mut c = write_stdout(DATA, MSG.len() as i32);
    c.push(ILLEGAL);
    c.extend(exit(0));
    check(
        "sigill",
        &image(&c),
        Expect {
            stdout: MSG,
            status: 128 + 4,
        },
    );
}

/// Jumping to unmapped memory: an instruction storage interrupt, SIGSEGV (139).
#[test]
fn jump_to_unmapped_is_sigsegv() {
    let mut c = write_stdout(DATA, MSG.len() as i32);
    c.extend(load_addr(9, 0x7eed_0000));
    c.extend([mtctr(9), BCTR]);
    c.extend(exit(0));
    check(
        "sigsegv-jump",
        &image(&c),
        Expect {
            stdout: MSG,
            status: 128 + 11,
        },
    );
}

/// Loading from unmapped memory: a data storage interrupt, SIGSEGV (139).
#[test]
fn load_from_unmapped_is_sigsegv() {
    let mut c = write_stdout(DATA, MSG.len() as i32);
    c.extend(load_addr(9, 0x7eed_0000));
    c.push(ld(3, 0, 9));
    c.extend(exit(0));
    check(
        "sigsegv-load",
        &image(&c),
        Expect {
            stdout: MSG,
            status: 128 + 11,
        },
    );
}

/// Self-modifying code: a loop rewrites `li r3, N` in its own body with the architected
/// sequence (stw; dcbst; sync; icbi; isync) and then executes it, 100 times, so every
/// iteration after the first finds a stale translation. Only the rewritten code produces
/// the sum 0+1+...+99 = 4950 (written as 8 bytes) and the exit status 99.
#[test]
fn self_modifying_code_is_seen() {
    const N: i32 = 100;
    let mut c = vec![li(20, 0), li(21, 0)]; // r20 = i, r21 = sum
    let slot_index = 2 + 2 + 1 + 7; // see the layout below
    let slot = LOAD_BASE + CODE_OFF + 4 * slot_index as u64;
    c.extend(load_addr(22, slot)); // r22 = &slot
    c.push(lis(23, 0x3860)); // r23 = li r3,0
    let top = c.len();
    c.extend([
        or(24, 23, 20), // r24 = li r3,i
        stw(24, 0, 22),
        dcbst(0, 22),
        SYNC,
        icbi(0, 22),
        ISYNC,
    ]);
    c.push(b(4)); // end the block here, so the slot starts a new one
    assert_eq!(c.len(), slot_index);
    c.push(li(3, 0x7777)); // the slot: overwritten before it first runs
    c.extend([add(21, 21, 3), addi(20, 20, 1), cmpwi(20, N)]);
    let here = c.len() as i32;
    c.push(bne(4 * (top as i32 - here)));
    c.extend(load_addr(9, DATA + 8));
    c.extend([std(21, 0, 9)]);
    c.extend(write_stdout(DATA + 8, 8));
    c.extend([li(0, SYS_EXIT_GROUP), addi(3, 20, -1), SC]); // exit(i - 1) = 99
    let sum: u64 = (0..N as u64).sum();
    check(
        "smc",
        &image(&c),
        Expect {
            stdout: &sum.to_le_bytes(),
            status: N - 1,
        },
    );
}
