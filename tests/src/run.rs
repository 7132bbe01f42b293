//! Running a guest program under an emulator command, with a timeout, capturing stdout, a
//! bit of stderr and how it ended.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a guest run ended, in shell terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Exit(i32),
    Signal(i32),
    Timeout,
    /// The emulator could not be started.
    SpawnFailed,
}

impl End {
    /// The status a shell would report (`$?`): 128 + signal for a killed process.
    pub fn shell_status(self) -> i32 {
        match self {
            End::Exit(c) => c,
            End::Signal(s) => 128 + s,
            End::Timeout => 124,
            End::SpawnFailed => 127,
        }
    }
}

impl std::fmt::Display for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Exit(c) => write!(f, "exit {c}"),
            End::Signal(s) => write!(f, "signal {s} ({})", signal_name(*s)),
            End::Timeout => write!(f, "timeout"),
            End::SpawnFailed => write!(f, "could not start"),
        }
    }
}

pub fn signal_name(s: i32) -> &'static str {
    match s {
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        _ => "?",
    }
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    /// The first few KiB of stderr (emulator diagnostics, panics).
    pub stderr: String,
    pub end: End,
}

/// An emulator command line: program and leading arguments; the guest path is appended.
#[derive(Clone, Debug)]
pub struct Emulator {
    pub argv: Vec<String>,
}

impl Emulator {
    /// Parses a command given as one string, split on whitespace
    /// (`"target/release/bigiron user ppc64le"`).
    pub fn parse(cmd: &str) -> Emulator {
        Emulator {
            argv: cmd.split_whitespace().map(String::from).collect(),
        }
    }

    /// Whether the program exists (as a path, or on PATH).
    pub fn available(&self) -> bool {
        let Some(p) = self.argv.first() else {
            return false;
        };
        if p.contains('/') {
            return Path::new(p).is_file();
        }
        std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).any(|d| d.join(p).is_file()))
            .unwrap_or(false)
    }

    pub fn run(&self, guest: &Path, args: &[&str], timeout: Duration) -> Outcome {
        let mut cmd = Command::new(&self.argv[0]);
        cmd.args(&self.argv[1..]).arg(guest).args(args);
        run_command(cmd, timeout)
    }
}

impl std::fmt::Display for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.argv.join(" "))
    }
}

/// Runs a command with stdin closed, no core dumps, and a wall-clock limit.
pub fn run_command(mut cmd: Command, timeout: Duration) -> Outcome {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &lim);
            Ok(())
        });
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                stdout: Vec::new(),
                stderr: e.to_string(),
                end: End::SpawnFailed,
            }
        }
    };
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + timeout;
    let mut sleep = Duration::from_micros(200);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => {
                std::thread::sleep(sleep);
                sleep = (sleep * 2).min(Duration::from_millis(20));
            }
            Err(_) => break None,
        }
    };
    let stdout = t_out.join().unwrap_or_default();
    let mut stderr = t_err.join().unwrap_or_default();
    stderr.truncate(4096);
    let end = match status {
        None => End::Timeout,
        Some(s) => match (s.code(), s.signal()) {
            (Some(c), _) => End::Exit(c),
            (None, Some(sig)) => End::Signal(sig),
            _ => End::Exit(-1),
        },
    };
    Outcome {
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        end,
    }
}

/// The workspace's target directory (for the default bigiron path).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The default emulator under test: `target/release/bigiron user ppc64le`, overridable
/// with `BIGIRON` (path of the binary).
pub fn default_bigiron() -> Emulator {
    default_bigiron_for("ppc64le")
}

/// `bigiron user ARCH` (the binary found as for [`default_bigiron`]).
pub fn default_bigiron_for(arch: &str) -> Emulator {
    let bin = std::env::var("BIGIRON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
            target.join("release/bigiron")
        });
    Emulator {
        argv: vec![bin.display().to_string(), "user".into(), arch.into()],
    }
}

/// The peer: `qemu-ppc64le-static`, overridable with `QEMU_PPC64LE`.
pub fn default_qemu() -> Emulator {
    Emulator::parse(&std::env::var("QEMU_PPC64LE").unwrap_or_else(|_| "qemu-ppc64le-static".into()))
}

/// The s390x peer: `qemu-s390x-static`, overridable with `QEMU_S390X`.
pub fn default_qemu_s390x() -> Emulator {
    Emulator::parse(&std::env::var("QEMU_S390X").unwrap_or_else(|_| "qemu-s390x-static".into()))
}

/// A private scratch directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "bigiron-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&p)?;
        Ok(TempDir(p))
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    /// Writes an executable file into the directory.
    pub fn write_exe(&self, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        let p = self.0.join(name);
        std::fs::write(&p, bytes)?;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755))?;
        Ok(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
