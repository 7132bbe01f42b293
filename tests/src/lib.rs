//! bigiron's differential and whole-guest test support.
//!
//! - [`elf`], [`asm`]: a minimal ELF64 ppc64le writer and the few instruction encodings the
//!   harness itself needs, so no cross toolchain is required.
//! - [`spec`], [`gen`]: what each decode row's operands mean and how to generate meaningful
//!   random instances of it; [`rng`] holds the PRNG and the shared edge-value table.
//! - [`prog`]: packs many cases into one test program and parses its dumps.
//! - [`run`], [`driver`], [`diff`], [`known`]: run programs under the emulator and the peer
//!   (QEMU's `qemu-ppc64le-static`), compare, explain, report. The `difftest` binary is the
//!   command-line front end.

pub mod asm;
pub mod diff;
pub mod driver;
pub mod elf;
pub mod gen;
pub mod known;
pub mod prog;
pub mod rng;
pub mod run;
pub mod s390;
pub mod spec;
