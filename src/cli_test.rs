//! The `bigiron` command line: usage errors, program errors (one line, non-zero status),
//! the `bigiron-ARCH` alias, and running a guest program to its exit status.

#[path = "../machines/tests/common/mod.rs"]
mod common;
use common::ppc::*;
use common::*;
use std::process::Command;

fn bigiron() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bigiron"))
}

fn tmpdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("bigiron-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let o = bigiron().args(args).output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// write(1, "hi\n", 3); exit_group(7)
fn hello_elf() -> Vec<u8> {
    let code = [li(0, 4), li(3, 1), lis(4, 0x1001), li(5, 3), sc(), li(0, 234), li(3, 7), sc()];
    Elf::ppc64le(
        0x1000_0000,
        vec![
            Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: words_le(&code), memsz: 32 },
            Seg { vaddr: 0x1001_0000, flags: PF_R, data: b"hi\n".to_vec(), memsz: 3 },
        ],
    )
    .build()
}

#[test]
fn help_and_version() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("usage: bigiron user ARCH"), "{out}");
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("bigiron "), "{out}");
}

#[test]
fn usage_errors() {
    let (code, _, err) = run(&[]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "bigiron: no command given (see bigiron --help)\n");
    let (code, _, err) = run(&["user", "vax", "x"]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("bigiron: unknown architecture 'vax'"), "{err}");
    let (code, _, err) = run(&["user", "ppc64le"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "bigiron: no program given (see bigiron --help)\n");
    let (code, _, err) = run(&["user", "ppc64le", "-bogus", "x"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown option '-bogus'"), "{err}");
    let (code, _, err) = run(&["user", "ppc64le", "-d", "nonsense", "x"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown -d item 'nonsense'"), "{err}");
}

#[test]
fn program_errors_are_one_line() {
    let d = tmpdir();
    let text = d.join("text");
    std::fs::write(&text, "just text\n").unwrap();
    let x86 = d.join("x86");
    let mut e = Elf::ppc64le(0, vec![]);
    e.machine = EM_X86_64;
    std::fs::write(&x86, e.build()).unwrap();
    let cases = [
        ("/nonexistent/prog".to_string(), "bigiron: /nonexistent/prog: No such file or directory\n".to_string()),
        (text.display().to_string(), format!("bigiron: {}: not an ELF executable (no ELF magic number) and not a #! script\n", text.display())),
        (x86.display().to_string(), format!("bigiron: {}: is an ELF file for x86-64, not ppc64le\n", x86.display())),
    ];
    for (prog, msg) in cases {
        let (code, _, err) = run(&["user", "ppc64le", &prog]);
        assert_eq!(code, Some(1), "{prog}");
        assert_eq!(err, msg);
    }
}

#[test]
fn runs_a_program_with_its_exit_status() {
    let d = tmpdir();
    let prog = d.join("hello");
    std::fs::write(&prog, hello_elf()).unwrap();
    let (code, out, err) = run(&["user", "ppc64le", prog.to_str().unwrap(), "a", "b"]);
    assert_eq!(code, Some(7), "{err}");
    assert_eq!(out, "hi\n");
    assert_eq!(err, "");
    // -strace to a -D file.
    let log = d.join("log");
    let (code, out, err) = run(&["user", "ppc64le", "-strace", "-D", log.to_str().unwrap(), prog.to_str().unwrap()]);
    assert_eq!((code, out.as_str(), err.as_str()), (Some(7), "hi\n", ""));
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains(" write(1,0x10010000,3) = 3\n"), "{log}");
    assert!(log.ends_with(" exit_group(7)\n"), "{log}");
}

#[test]
fn arch_from_command_name() {
    let d = tmpdir();
    let prog = d.join("hello2");
    std::fs::write(&prog, hello_elf()).unwrap();
    let link = d.join("bigiron-ppc64le");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_bigiron"), &link).unwrap();
    let o = Command::new(&link).arg(&prog).output().unwrap();
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(o.stdout, b"hi\n");
    // Big-endian mode refuses a little-endian program.
    let o = bigiron().args(["user", "ppc64"]).arg(&prog).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a little-endian ELF file; ppc64 runs big-endian programs"));
}

#[test]
fn scripts_run_their_interpreter() {
    let d = tmpdir();
    let prog = d.join("interp");
    std::fs::write(&prog, hello_elf()).unwrap();
    let script = d.join("script");
    std::fs::write(&script, format!("#!{}\n", prog.display())).unwrap();
    let (code, out, _) = run(&["user", "ppc64le", script.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (Some(7), "hi\n"));
}

#[test]
fn fork_execve_and_wait() {
    let d = tmpdir();
    // B: exit_group(9)
    let b = d.join("b");
    let code_b = [li(0, 234), li(3, 9), sc()];
    std::fs::write(&b, Elf::ppc64le(0x1000_0000, vec![Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: words_le(&code_b), memsz: 12 }]).build())
        .unwrap();
    // A: if fork() == 0 { execve(B, NULL, NULL); exit(99) } else { wait4(-1, &st, 0, 0); exit(st >> 8) }
    let code_a = [
        li(0, 2),
        sc(),
        0x2c23_0000, // cmpdi r3,0
        0x4182_002c, // beq +44 (child)
        li(0, 114),
        li(3, -1),
        addi(4, 1, -64),
        li(5, 0),
        li(6, 0),
        sc(),
        0x8061_ffc0, // lwz r3,-64(r1)
        0x5463_c23e, // rlwinm r3,r3,24,8,31 (>> 8)
        li(0, 234),
        sc(),
        li(0, 11), // child: execve(B, NULL, NULL)
        lis(3, 0x1001),
        li(4, 0),
        li(5, 0),
        sc(),
        li(0, 234),
        li(3, 99),
        sc(),
    ];
    let mut path = b.to_str().unwrap().as_bytes().to_vec();
    path.push(0);
    let a = d.join("a");
    let len = path.len() as u64;
    std::fs::write(
        &a,
        Elf::ppc64le(
            0x1000_0000,
            vec![
                Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: words_le(&code_a), memsz: code_a.len() as u64 * 4 },
                Seg { vaddr: 0x1001_0000, flags: PF_R, data: path, memsz: len },
            ],
        )
        .build(),
    )
    .unwrap();
    std::fs::set_permissions(&b, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let (code, _, err) = run(&["user", "ppc64le", "-strace", a.to_str().unwrap()]);
    assert_eq!(code, Some(9), "{err}");
    assert!(err.contains(" fork() = "), "{err}");
    // The same with vfork (189).
    let mut elf = std::fs::read(&a).unwrap();
    let at = 0x10000;
    assert_eq!(elf[at..at + 4], li(0, 2).to_le_bytes());
    elf[at..at + 4].copy_from_slice(&li(0, 189).to_le_bytes());
    let av = d.join("av");
    std::fs::write(&av, elf).unwrap();
    let (code, _, err) = run(&["user", "ppc64le", "-strace", av.to_str().unwrap()]);
    assert_eq!(code, Some(9), "{err}");
    assert!(err.contains(" vfork() = "), "{err}");
    assert!(err.contains(&format!(" execve(\"{}\",NULL,NULL)\n", b.display())), "{err}");
    assert!(err.contains(" exit_group(9)\n"), "{err}");
    // A program that is not executable: EACCES from execve, the child exits 99.
    std::fs::set_permissions(&b, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let (code, _, err) = run(&["user", "ppc64le", "-strace", a.to_str().unwrap()]);
    assert_eq!(code, Some(99), "{err}");
    assert!(err.contains("= -1 errno=13 (Permission denied)"), "{err}");
}

/// An s390x ELF (big-endian, EM_S390) with its code at 0x1000000 and `data` at 0x1010000.
fn s390x_elf(code: &[u8], data: &[u8]) -> Vec<u8> {
    let mut segs = vec![Seg { vaddr: 0x100_0000, flags: PF_R | PF_X, data: code.to_vec(), memsz: code.len() as u64 }];
    if !data.is_empty() {
        segs.push(Seg { vaddr: 0x101_0000, flags: PF_R, data: data.to_vec(), memsz: data.len() as u64 });
    }
    let mut e = Elf::ppc64le(0x100_0000, segs);
    e.little_endian = false;
    e.machine = 22; // EM_S390
    e.e_flags = 0;
    e.build()
}

/// s390x: write(1, "hi\n", 3) through `svc 4` (the call number in the SVC), then
/// exit_group(7) through `svc 0` with r1 = 248. Encodings from the PoP: LGHI is RI-a
/// A7x9, LARL is RIL-b C0x0 (halfword offset), SVC is I-format 0A.
fn s390x_hello() -> Vec<u8> {
    let mut code = Vec::new();
    code.extend([0xa7, 0x29, 0x00, 0x01]); // lghi %r2,1
    code.extend([0xc0, 0x30]); // larl %r3,0x1010000
    code.extend((((0x101_0000 - 0x100_0004) / 2) as u32).to_be_bytes());
    code.extend([0xa7, 0x49, 0x00, 0x03]); // lghi %r4,3
    code.extend([0x0a, 0x04]); // svc 4 (write)
    code.extend([0xa7, 0x29, 0x00, 0x07]); // lghi %r2,7
    code.extend([0xa7, 0x19, 0x00, 0xf8]); // lghi %r1,248
    code.extend([0x0a, 0x00]); // svc 0 (exit_group)
    s390x_elf(&code, b"hi\n")
}

#[test]
fn runs_an_s390x_program() {
    let d = tmpdir();
    let prog = d.join("hello-s390x");
    std::fs::write(&prog, s390x_hello()).unwrap();
    let log = d.join("log-s390x");
    let (code, out, err) = run(&["user", "s390x", "-strace", "-D", log.to_str().unwrap(), prog.to_str().unwrap()]);
    assert_eq!((code, out.as_str(), err.as_str()), (Some(7), "hi\n", ""));
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains(" write(1,0x1010000,3) = 3\n"), "{log}");
    assert!(log.ends_with(" exit_group(7)\n"), "{log}");
    // The bigiron-s390x alias.
    let link = d.join("bigiron-s390x");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_bigiron"), &link).unwrap();
    let o = Command::new(&link).arg(&prog).output().unwrap();
    assert_eq!((o.status.code(), o.stdout.as_slice()), (Some(7), &b"hi\n"[..]));
    // lghi %r2,42; lghi %r1,1 (exit); svc 0
    let exit42 = d.join("exit42-s390x");
    std::fs::write(&exit42, s390x_elf(&[0xa7, 0x29, 0x00, 0x2a, 0xa7, 0x19, 0x00, 0x01, 0x0a, 0x00], b"")).unwrap();
    let (code, _, err) = run(&["user", "s390x", exit42.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (Some(42), ""));
}

#[test]
fn s390x_program_errors() {
    let d = tmpdir();
    // A ppc64le program, and an s390x one with the wrong byte order or class.
    let ppc = d.join("ppc-for-s390x");
    std::fs::write(&ppc, hello_elf()).unwrap();
    let mut le = Elf::ppc64le(0x100_0000, vec![]);
    le.machine = 22;
    let le_path = d.join("s390x-le");
    std::fs::write(&le_path, le.build()).unwrap();
    let mut c32 = s390x_elf(&[0x0a, 0x00], b"");
    c32[4] = 1;
    let c32_path = d.join("s390x-32");
    std::fs::write(&c32_path, c32).unwrap();
    let cases = [
        (ppc.display().to_string(), format!("bigiron: {}: is an ELF file for ppc64, not s390x\n", ppc.display())),
        (le_path.display().to_string(), format!("bigiron: {}: is a little-endian ELF file; s390x runs big-endian programs\n", le_path.display())),
        (c32_path.display().to_string(), format!("bigiron: {}: is a 32-bit ELF file; s390x runs 64-bit programs\n", c32_path.display())),
    ];
    for (prog, msg) in cases {
        let (code, _, err) = run(&["user", "s390x", &prog]);
        assert_eq!(code, Some(1), "{prog}");
        assert_eq!(err, msg);
    }
    // An illegal instruction (opcode 0x00 has no row): the guest dies of SIGILL.
    let ill = d.join("ill-s390x");
    std::fs::write(&ill, s390x_elf(&[0x00, 0x00], b"")).unwrap();
    let o = bigiron().args(["user", "s390x"]).arg(&ill).output().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(o.status.signal(), Some(libc::SIGILL), "{o:?}");
}
