//! End to end: tiny hand-assembled ppc64le programs run through the whole user-mode path
//! (loader, stack, engine, system calls, signals). Each program runs in a child process —
//! this test binary re-run with BIGIRON_E2E_PROG set — because a guest ends its process.

mod common;
use common::ppc::*;
use common::*;
use std::os::unix::process::ExitStatusExt;
use std::process::Command;

/// The child side: runs the program named by the environment (and never returns).
#[test]
fn child() {
    let Ok(path) = std::env::var("BIGIRON_E2E_PROG") else { return };
    let log = jit::log::LogFlags { strace: true, ..Default::default() };
    let opts = machines::linux::Options { program: path, log, ..Default::default() };
    let big_endian = std::env::var("BIGIRON_E2E_BE").is_ok();
    let err = machines::linux::run(machines::linux::ppc64::Ppc64Linux { big_endian }, opts);
    panic!("load failed: {err}");
}

/// Runs `code` (at 0x1000_0000) with `data` (read-only, at 0x1001_0000).
fn run(name: &str, code: &[u32], data: &[u8]) -> std::process::Output {
    let elf = Elf::ppc64le(
        0x1000_0000,
        vec![
            Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: words_le(code), memsz: code.len() as u64 * 4 },
            Seg { vaddr: 0x1001_0000, flags: PF_R, data: data.to_vec(), memsz: data.len().max(1) as u64 },
        ],
    );
    run_elf(name, &elf, false)
}

fn run_elf(name: &str, elf: &Elf, big_endian: bool) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!("bigiron-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, elf.build()).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("BIGIRON_E2E_PROG", &path)
        .env(if big_endian { "BIGIRON_E2E_BE" } else { "BIGIRON_E2E_LE" }, "1")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    out
}

#[test]
fn write_and_exit_status() {
    let code = [li(0, 4), li(3, 1), lis(4, 0x1001), li(5, 6), sc(), li(0, 234), li(3, 42), sc()];
    let out = run("hello", &code, b"hello\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(42), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.contains("hello\n"), "{stdout}");
    // -strace lines, QEMU style.
    assert!(stderr.contains(" write(1,0x10010000,6) = 6\n"), "{stderr}");
    assert!(stderr.contains(" exit_group(42)\n"), "{stderr}");
}

#[test]
fn unimplemented_syscall_is_enosys_and_logged() {
    // r3 = ENOSYS (38) with CR0[SO] set; exit with it.
    let code = [li(0, 9999), sc(), li(0, 234), sc()];
    let out = run("enosys", &code, b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(38), "{stderr}");
    assert!(stderr.contains("unimplemented system call ? (9999) returns ENOSYS"), "{stderr}");
    let code = [li(0, 326), sc(), li(0, 234), sc()]; // socket
    let out = run("enosys2", &code, b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(38), "{stderr}");
    assert!(stderr.contains("unimplemented system call socket (326)"), "{stderr}");
}

#[test]
fn illegal_instruction_kills_with_sigill() {
    let out = run("ill", &[0], b"");
    assert_eq!(out.status.signal(), Some(libc::SIGILL), "{:?}", out);
    assert!(!out.status.core_dumped());
}

#[test]
fn kill_self_takes_default_action() {
    // kill(getpid(), SIGTERM): getpid = 20, kill = 37. r3 (pid) comes from getpid.
    let code = [li(0, 20), sc(), li(4, libc::SIGTERM as i16), li(0, 37), sc(), li(0, 234), li(3, 1), sc()];
    let out = run("term", &code, b"");
    assert_eq!(out.status.signal(), Some(libc::SIGTERM), "{:?}", out);
}

#[test]
fn jump_to_unmapped_memory_is_sigsegv() {
    // mtctr r4; bctr with r4 = 0x1002_0000 (unmapped).
    let mtctr4 = 0x7c89_03a6;
    let bctr = 0x4e80_0420;
    let out = run("segv", &[lis(4, 0x1002), mtctr4, bctr], b"");
    assert_eq!(out.status.signal(), Some(libc::SIGSEGV), "{:?}", out);
}

#[test]
fn big_endian_elfv1_starts_at_its_function_descriptor() {
    // _start: li r0,234 (exit_group); mr r3,r2; sc — exits with the low byte of the TOC.
    let code = [li(0, 234), 0x7c43_1378, sc()];
    let mut desc = Vec::new();
    desc.extend(0x1000_0000u64.to_be_bytes());
    desc.extend(0x1234_0055u64.to_be_bytes());
    let mut elf = Elf::ppc64le(
        0x1001_0000,
        vec![
            Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: words_be(&code), memsz: 12 },
            Seg { vaddr: 0x1001_0000, flags: PF_R, data: desc, memsz: 16 },
        ],
    );
    elf.little_endian = false;
    elf.e_flags = 1;
    let out = run_elf("elfv1", &elf, true);
    assert_eq!(out.status.code(), Some(0x55), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A known but unimplemented instruction (`dadd`, decimal floating point) kills with SIGILL
/// like an unknown one, and the log names it.
#[test]
fn unimplemented_instruction_is_named() {
    let out = run("unimp", &[0xec00_0004 /* dadd f0,f0,f0 */], &[]);
    assert_eq!(out.status.signal(), Some(libc::SIGILL));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unimplemented instruction at 0x10000000: dadd"), "stderr: {err}");
}
