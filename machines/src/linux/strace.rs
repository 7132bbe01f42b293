//! `-strace`: one line per system call in QEMU's format,
//! `PID name(arg,arg,...) = result`, with strings, flags and descriptors decoded.

use super::process::Process;
use super::signal::signal_name;
use super::sysno::{Arg, Sys};
use super::target::{oflags_to_host, Target};

fn quote(b: &[u8]) -> String {
    let mut s = String::from("\"");
    for &c in b.iter().take(64) {
        match c {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\{c:03o}")),
        }
    }
    s.push('"');
    if b.len() > 64 {
        s.push_str("...");
    }
    s
}

fn ptr(v: u64) -> String {
    if v == 0 { "NULL".into() } else { format!("{v:#x}") }
}

fn open_flags_text(host: i32) -> String {
    let mut parts = vec![match host & libc::O_ACCMODE {
        libc::O_RDONLY => "O_RDONLY",
        libc::O_WRONLY => "O_WRONLY",
        _ => "O_RDWR",
    }
    .to_string()];
    let names: [(i32, &str); 16] = [
        (libc::O_CREAT, "O_CREAT"),
        (libc::O_EXCL, "O_EXCL"),
        (libc::O_NOCTTY, "O_NOCTTY"),
        (libc::O_TRUNC, "O_TRUNC"),
        (libc::O_APPEND, "O_APPEND"),
        (libc::O_NONBLOCK, "O_NONBLOCK"),
        (libc::O_DSYNC, "O_DSYNC"),
        (libc::O_ASYNC, "O_ASYNC"),
        (libc::O_DIRECT, "O_DIRECT"),
        (libc::O_DIRECTORY, "O_DIRECTORY"),
        (libc::O_NOFOLLOW, "O_NOFOLLOW"),
        (libc::O_NOATIME, "O_NOATIME"),
        (libc::O_CLOEXEC, "O_CLOEXEC"),
        (libc::O_SYNC & !libc::O_DSYNC, "O_SYNC"),
        (libc::O_PATH, "O_PATH"),
        (libc::O_TMPFILE & !libc::O_DIRECTORY, "O_TMPFILE"),
    ];
    for (bit, name) in names {
        if bit != 0 && host & bit == bit {
            parts.push(name.into());
        }
    }
    parts.join("|")
}

fn prot_text(p: u64) -> String {
    if p & 7 == 0 {
        return "PROT_NONE".into();
    }
    let mut parts = Vec::new();
    for (bit, name) in [(1, "PROT_READ"), (2, "PROT_WRITE"), (4, "PROT_EXEC")] {
        if p & bit != 0 {
            parts.push(name);
        }
    }
    let rest = p & !7;
    let mut s = parts.join("|");
    if rest != 0 {
        s.push_str(&format!("|{rest:#x}"));
    }
    s
}

fn map_flags_text(f: u64, names: &[(u64, &str)]) -> String {
    let mut parts = vec![match f & 0xf {
        1 => "MAP_SHARED".to_string(),
        2 => "MAP_PRIVATE".to_string(),
        3 => "MAP_SHARED_VALIDATE".to_string(),
        t => format!("{t:#x}"),
    }];
    let mut rest = f & !0xf;
    for &(bit, name) in names {
        if rest & bit != 0 {
            parts.push(name.into());
            rest &= !bit;
        }
    }
    if rest != 0 {
        parts.push(format!("{rest:#x}"));
    }
    parts.join("|")
}

impl<T: Target> Process<T> {
    fn strace_string(&self, addr: u64) -> String {
        match self.mem.read_cstr(addr, 4096) {
            Ok(s) => quote(&s),
            Err(_) => ptr(addr),
        }
    }

    fn strace_arg(&self, kind: Arg, v: u64) -> String {
        match kind {
            Arg::I => (v as i64).to_string(),
            Arg::U => v.to_string(),
            Arg::X => format!("{v:#x}"),
            Arg::P => ptr(v),
            Arg::S => self.strace_string(v),
            Arg::Fd => (v as i32).to_string(),
            Arg::AtFd => {
                if v as i32 == libc::AT_FDCWD { "AT_FDCWD".into() } else { (v as i32).to_string() }
            }
            Arg::OFlags => open_flags_text(oflags_to_host(&self.target.open_flags(), v as u32)),
            Arg::Mode => format!("{:#o}", v as u32),
            Arg::Prot => prot_text(v),
            Arg::MapFlags => map_flags_text(v, self.target.map_flag_names()),
            Arg::Sig => signal_name(v as i32),
            Arg::Argv => {
                if v == 0 {
                    return "NULL".into();
                }
                let mut items = Vec::new();
                for i in 0..32 {
                    match self.mem.read_u64(v.wrapping_add(8 * i)) {
                        Ok(0) => break,
                        Ok(p) => items.push(self.strace_string(p)),
                        Err(_) => {
                            items.push("?".into());
                            break;
                        }
                    }
                }
                format!("[{}]", items.join(","))
            }
        }
    }
}

/// `name(args)` for a call about to be made (the PID is added when the line is written:
/// after a fork the child reports its own).
pub fn format_call<T: Target>(p: &Process<T>, nr: u64, sys: Option<Sys>, args: &[u64; 6]) -> String {
    match sys {
        Some(s) => {
            let a: Vec<String> = s.args().iter().zip(args.iter()).map(|(k, v)| p.strace_arg(*k, *v)).collect();
            format!("{}({})", s.name(), a.join(","))
        }
        None => {
            let name = p.target.syscall_names().iter().find(|(n, _)| *n as u64 == nr).map_or("unknown syscall", |(_, s)| s);
            format!("{name}#{nr}({:#x},{:#x},{:#x},{:#x},{:#x},{:#x})", args[0], args[1], args[2], args[3], args[4], args[5])
        }
    }
}

/// `= value` or `= -1 errno=N (message)`.
pub fn format_result(sys: Option<Sys>, r: &Result<u64, i32>) -> String {
    match r {
        Ok(v) => match sys {
            Some(Sys::Brk | Sys::Mmap | Sys::OldMmap | Sys::Mremap) => format!("= {v:#x}"),
            _ => format!("= {}", *v as i64),
        },
        Err(e) => {
            let msg = std::io::Error::from_raw_os_error(*e).to_string();
            let msg = msg.split(" (os error").next().unwrap_or("").to_string();
            format!("= -1 errno={e} ({msg})")
        }
    }
}
