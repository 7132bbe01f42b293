//! Machines: the environments guest code runs in.
//!
//! - [`linux`]: Linux user mode — one guest process per host process, guest system calls
//!   carried out by the host kernel.
//!
//! System machines (pseries, s390-ccw) will sit beside it.

pub mod linux;

/// Host-side failures a user can act on (bad program file, unusable host). Guest-side faults
/// are never `Error`s: they become guest signals.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A program file could not be used; the message names the file and the problem.
    #[error("{path}: {msg}")]
    BadProgram { path: String, msg: String },
    #[error("{0}")]
    Usage(String),
    #[error("{what}: {err}")]
    Io { what: String, err: std::io::Error },
    /// The host refused something the emulator needs (e.g. the guest address-space
    /// reservation).
    #[error("host: {0}")]
    Host(String),
}

impl Error {
    pub fn bad_program(path: &str, msg: impl Into<String>) -> Error {
        Error::BadProgram { path: path.to_string(), msg: msg.into() }
    }
}
