//! The s390x differential harness (`difftest --arch s390x`): the same scheme as ppc64's —
//! many generated cases of each decode row in one ELF, run under the emulator and
//! `qemu-s390x-static`, dumps compared — with the per-ISA parts here:
//!
//! - [`asm`]: the harness's own s390x encodings; [`prog`]: program layout, prologue and
//!   epilogue, the signal handler that turns program interruptions into per-case results,
//!   dump parsing;
//! - [`spec`]: the format field table and per-mnemonic special cases; [`gen`]: generation;
//! - [`diff`], [`known`], [`driver`]: comparison, explained differences, the per-row driver.
//!
//! Shared with ppc64: [`crate::run`] (running a guest), [`crate::rng`] (PRNG, edge values),
//! [`crate::elf`] (the ELF writer), [`crate::known::parse_table`] (the known-differences
//! table format), and [`crate::driver`]'s scheduler, results and summary.

pub mod asm;
pub mod diff;
pub mod driver;
pub mod gen;
pub mod known;
pub mod prog;
pub mod spec;
