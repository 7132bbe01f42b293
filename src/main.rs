//! The `bigiron` command.
//!
//! ```text
//! bigiron user ARCH [options] PROGRAM [ARGS...]    run a Linux program (user mode)
//! bigiron-ARCH [options] PROGRAM [ARGS...]         the same, ARCH taken from the command name
//! ```
//!
//! Options follow QEMU's user-mode emulator where they overlap (`-L`, `-d`, `-D`, `-strace`,
//! `-0`, `-E`, `-U`). Option parsing stops at the first argument that is not an option (or
//! after `--`): everything from PROGRAM on belongs to the guest.

use jit::log::LogFlags;
use machines::linux::{self, ppc64::Ppc64Linux, s390x::S390xLinux, Options};
use std::io::Write;
use std::os::unix::io::{FromRawFd, IntoRawFd};

const ARCHES: &str = "ppc64le, ppc64, s390x";

fn usage() -> String {
    format!(
        "usage: bigiron user ARCH [options] PROGRAM [ARGS...]
       bigiron-ARCH [options] PROGRAM [ARGS...]

Runs a Linux program built for ARCH ({ARCHES}) on this machine.

options:
  -L SYSROOT     directory holding the guest's libraries and dynamic linker
  -d ITEMS       log items, comma-separated: in_asm, op, out_asm, exec, cpu, int,
                 strace, unimp, stats
  -D FILE        write the log to FILE instead of stderr
  -strace        log every system call with its arguments and result
  -0 ARGV0       pass ARGV0 as the program's argv[0] instead of PROGRAM
  -E VAR=VALUE   set VAR in the program's environment
  -U VAR         remove VAR from the program's environment
  --             end of options
  -h, --help     show this help
  --version      show the version
"
    )
}

/// A command-line problem: the message and the exit status.
struct Fail(String, i32);

fn fail(msg: impl Into<String>) -> Fail {
    Fail(msg.into(), 2)
}

fn open_log(path: &str, append: bool) -> Result<(), Fail> {
    let f = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(path)
        .map_err(|e| Fail(format!("cannot open log file {path}: {}", os_msg(&e)), 1))?;
    // Move the log out of the way of the guest's descriptors (which are the host's).
    let fd = f.into_raw_fd();
    // SAFETY: fcntl on a descriptor we own; the duplicate replaces it.
    let high = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 900) };
    let fd = if high >= 0 {
        unsafe { libc::close(fd) };
        high
    } else {
        fd
    };
    // SAFETY: we own `fd`.
    let file = unsafe { std::fs::File::from_raw_fd(fd) };
    jit::log::set_sink(Box::new(file));
    Ok(())
}

fn os_msg(e: &std::io::Error) -> String {
    let s = e.to_string();
    s.split(" (os error").next().unwrap_or(&s).to_string()
}

fn user(arch: &str, args: &[String]) -> Result<std::convert::Infallible, Fail> {
    match arch {
        "ppc64le" => user_with(Ppc64Linux { big_endian: false }, args),
        "ppc64" => user_with(Ppc64Linux { big_endian: true }, args),
        "s390x" => user_with(S390xLinux::new(), args),
        other => Err(fail(format!("unknown architecture '{other}' (known: {ARCHES})"))),
    }
}

fn user_with<T: linux::Target>(target: T, args: &[String]) -> Result<std::convert::Infallible, Fail> {
    let mut opts = Options::default();
    let mut env: Vec<(String, Option<String>)> = Vec::new();
    let mut append = false;
    let mut i = 0;
    let value = |i: &mut usize, opt: &str| -> Result<String, Fail> {
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| fail(format!("option {opt} needs an argument")))
    };
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--" => {
                i += 1;
                break;
            }
            "-L" => opts.sysroot = Some(value(&mut i, a)?),
            "-d" => {
                let items = value(&mut i, a)?;
                let strace = opts.log.strace;
                opts.log = LogFlags::parse(&items).map_err(fail)?;
                opts.log.strace |= strace;
                opts.log_items = Some(items);
            }
            "-D" => opts.log_file = Some(value(&mut i, a)?),
            "--log-append" => append = true,
            "-strace" | "--strace" => opts.log.strace = true,
            "-0" => opts.argv0 = Some(value(&mut i, a)?),
            "-E" => {
                let kv = value(&mut i, a)?;
                let (k, v) = kv.split_once('=').ok_or_else(|| fail(format!("-E {kv}: expected VAR=VALUE")))?;
                env.push((k.to_string(), Some(v.to_string())));
            }
            "-U" => env.push((value(&mut i, a)?, None)),
            "-h" | "--help" => {
                print!("{}", usage());
                std::process::exit(0);
            }
            _ if a.starts_with('-') && a.len() > 1 => return Err(fail(format!("unknown option '{a}' (see bigiron --help)"))),
            _ => break,
        }
        i += 1;
    }
    let Some(program) = args.get(i) else {
        return Err(fail("no program given (see bigiron --help)"));
    };
    opts.program = program.clone();
    opts.args = args[i + 1..].to_vec();
    if !env.is_empty() {
        let mut vars: Vec<(String, String)> = std::env::vars().collect();
        for (k, v) in env {
            vars.retain(|(kk, _)| *kk != k);
            if let Some(v) = v {
                vars.push((k, v));
            }
        }
        opts.env = Some(vars.into_iter().map(|(k, v)| format!("{k}={v}").into_bytes()).collect());
    }
    // A re-executed guest (execve) may run in another directory: make paths absolute.
    let absolute = |p: &mut Option<String>| {
        if let Some(s) = p.as_mut() {
            if !s.starts_with('/') {
                if let Ok(cwd) = std::env::current_dir() {
                    *s = cwd.join(&*s).to_string_lossy().into_owned();
                }
            }
        }
    };
    absolute(&mut opts.log_file);
    absolute(&mut opts.sysroot);
    if let Some(f) = &opts.log_file {
        open_log(f, append)?;
    }
    let err = linux::run(target, opts);
    let msg = match err {
        machines::Error::Io { what, err } => format!("{what}: {}", os_msg(&err)),
        e => e.to_string(),
    };
    Err(Fail(msg, 1))
}

fn main() {
    // Rust ignores SIGPIPE for us; a guest expects the default (die on a broken pipe).
    // SAFETY: sets a signal disposition before anything else runs.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    let argv: Vec<String> = std::env::args().collect();
    let name = argv.first().map(|a| a.rsplit('/').next().unwrap_or(a).to_string()).unwrap_or_default();
    let r = if let Some(arch) = name.strip_prefix("bigiron-") {
        user(arch, &argv[1..])
    } else {
        match argv.get(1).map(String::as_str) {
            Some("user") => match argv.get(2) {
                Some(arch) => user(arch, &argv[3..]),
                None => Err(fail(format!("'user' needs an architecture ({ARCHES})"))),
            },
            Some("-h" | "--help") => {
                print!("{}", usage());
                return;
            }
            Some("--version" | "-V") => {
                println!("bigiron {}", env!("CARGO_PKG_VERSION"));
                return;
            }
            Some(other) => Err(fail(format!("unknown command '{other}' (see bigiron --help)"))),
            None => Err(fail("no command given (see bigiron --help)")),
        }
    };
    let Err(Fail(msg, code)) = r;
    let _ = writeln!(std::io::stderr(), "bigiron: {msg}");
    std::process::exit(code);
}
