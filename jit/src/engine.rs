//! The dispatcher: finds or translates the block for the guest PC, enters translated code,
//! links blocks to their successors, and turns block exits into [`Exit`]s for the machine.

use crate::frontend::{Frontend, GuestMemory};

/// Why [`Engine::run`] returned to the machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    /// The front end raised exception `n` (`CpuHeader::pc` says where; `exception_arg` may
    /// carry more).
    Exception(u32),
    /// A guest load/store faulted at `addr` (PC = the faulting instruction, state precise).
    Fault { addr: u64, write: bool },
    /// The instruction at PC could not be fetched (not mapped, or not executable).
    FetchFault(u64),
    /// `CpuHeader::exit_request` was set.
    Interrupted,
}

/// Engine tuning and debugging switches.
#[derive(Clone, Debug)]
pub struct Config {
    /// Most guest instructions in one block.
    pub max_block_insns: usize,
    /// Code-cache size in bytes; the whole cache is flushed when it fills.
    pub code_cache_bytes: usize,
    /// Log switches (`-d` items).
    pub log: crate::log::LogFlags,
}

impl Default for Config {
    fn default() -> Self {
        Config { max_block_insns: 512, code_cache_bytes: 256 << 20, log: Default::default() }
    }
}

pub struct Engine<F: Frontend> {
    pub frontend: F,
    pub config: Config,
}

impl<F: Frontend> Engine<F> {
    pub fn new(frontend: F, config: Config) -> Self {
        Engine { frontend, config }
    }

    /// Runs guest code from `cpu.header().pc` until something needs the machine.
    pub fn run(&mut self, _cpu: &mut F::Cpu, _mem: &dyn GuestMemory) -> Exit {
        todo!("engine")
    }

    /// Forgets translations of guest code in `[start, start+len)` (munmap, mprotect, writes).
    pub fn invalidate_range(&mut self, _start: u64, _len: u64) {}

    /// Forgets every translation.
    pub fn flush(&mut self) {}
}
