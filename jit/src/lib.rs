//! bigiron's guest-neutral translation engine.
//!
//! - [`ir`]: the emitter API instruction semantics are written against.
//! - [`frontend`]: the trait each ISA implements (decode + emit one instruction).
//! - [`cpu`]: the header every guest CPU struct starts with (exit protocol, fault state).
//! - [`codegen`]: the Cranelift backend of the emitter API.
//! - [`interp`]: the concrete-value backend (runs semantics directly; used by tests and the
//!   planned cold-code tier).
//! - [`codebuf`], [`cache`], [`exec`], [`engine`]: code memory, the block cache with chaining
//!   and invalidation, entering translated code and recovering from host faults, and the
//!   dispatcher that ties them together.
//! - [`helper_mem`]: guest memory access from helpers (storage-to-storage instructions),
//!   with faults reported as the guest's.
//! - [`softtlb`]: the system-mode memory path (software TLB inlined in translated code).

pub mod cpu;
pub mod frontend;
pub mod ir;
pub mod engine;
pub mod log;
pub mod interp;
pub mod vm;
pub mod codegen;
pub mod softtlb;
pub mod codebuf;
pub mod exec;
pub mod helper_mem;
pub mod softfp;
pub mod f64_inline;
pub mod testmem;
pub mod compiler;
