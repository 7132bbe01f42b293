//! Debug logging (`-d` items and `-D FILE`), shared by the engine and the machines.

use std::io::Write;
use std::sync::Mutex;

/// Which `-d` items are on.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogFlags {
    pub in_asm: bool,
    pub op: bool,
    pub out_asm: bool,
    pub exec: bool,
    pub cpu: bool,
    pub int: bool,
    pub strace: bool,
    pub unimp: bool,
    pub stats: bool,
}

impl LogFlags {
    /// Parses a comma-separated `-d` list; `Err` names the unknown item.
    pub fn parse(list: &str) -> Result<LogFlags, String> {
        let mut f = LogFlags::default();
        for item in list.split(',').filter(|s| !s.is_empty()) {
            match item {
                "in_asm" => f.in_asm = true,
                "op" => f.op = true,
                "out_asm" => f.out_asm = true,
                "exec" => f.exec = true,
                "cpu" => f.cpu = true,
                "int" => f.int = true,
                "strace" => f.strace = true,
                "unimp" => f.unimp = true,
                "stats" => f.stats = true,
                other => return Err(format!("unknown -d item '{other}' (known: in_asm, op, out_asm, exec, cpu, int, strace, unimp, stats)")),
            }
        }
        Ok(f)
    }
}

static SINK: Mutex<Option<Box<dyn Write + Send>>> = Mutex::new(None);

/// Sends the log to `w` instead of stderr (`-D FILE`).
pub fn set_sink(w: Box<dyn Write + Send>) {
    if let Ok(mut s) = SINK.lock() {
        *s = Some(w);
    }
}

/// Writes one log record (a line or several).
pub fn write(text: &str) {
    let mut guard = match SINK.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    match guard.as_mut() {
        Some(w) => {
            let _ = w.write_all(text.as_bytes());
            let _ = w.flush();
        }
        None => {
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
}

#[macro_export]
macro_rules! log {
    ($($t:tt)*) => { $crate::log::write(&format!($($t)*)) };
}
