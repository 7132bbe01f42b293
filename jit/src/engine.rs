//! The dispatcher and the translation cache.
//!
//! Invariants of the cache (after Dolphin's JitCache docs):
//! - **Key**: a block is found by `(guest pc, mode)`, where `mode` is the front end's
//!   [`Frontend::mode`] bits — everything in the CPU state that changes what the same bytes
//!   mean (MSR[LE] on ppc64; addressing mode on s390x). A block never spans more than two
//!   4 KiB guest pages; it ends at a branch, at a page boundary, or after
//!   `Config::max_block_insns` instructions.
//! - **Linking**: a direct exit of block A loads its successor's address from a chain slot
//!   (zero until linked). When A exits unlinked it leaves the slot's address in
//!   `CpuHeader::link_slot`; the dispatcher, having found the successor B, writes B's code
//!   address into the slot and records the slot in B's `incoming` list. Indirect exits probe
//!   the jump cache (`pc -> code`), which the dispatcher fills on every dispatch.
//! - **Invalidation**: [`Engine::invalidate_range`] drops every block overlapping the range:
//!   removes it from the map and the jump cache and zeroes every chain slot pointing at it,
//!   so no path can reach its code again. Its memory is reclaimed at the next flush.
//!   Guest writes to pages holding translated code reach here through
//!   [`GuestMemory::code_write_fault`] (user mode write-protects such pages).
//! - **Flush**: when the code buffer runs low, everything (code, map, slots, jump cache) is
//!   dropped at once. Flushes only happen between blocks, never while one runs.

use crate::codebuf::{CodeBuffer, SlotArena};
use crate::codegen::{block_signature, ClifEmitter, Env, MemModel, JC_ENTRIES};
use crate::cpu::{exit_code, GuestCpu};
use crate::frontend::{CodeSource, Flow, Frontend, GuestMemory};
use crate::interp::{InterpMemory, Outcome};
use crate::log::LogFlags;
use cranelift_codegen::ir::{Function, UserFuncName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{control::ControlPlane, Context};
use cranelift_frontend::FunctionBuilderContext;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::time::Instant;

/// Why [`Engine::run`] returned to the machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    /// The front end raised exception `n` (`CpuHeader::pc` says where; `exception_arg` may
    /// carry more).
    Exception(u32),
    /// A guest load/store faulted at `addr` (PC = the faulting instruction, state precise).
    Fault { addr: u64, write: bool },
    /// A guest access hit a mapping with no backing (e.g. beyond the end of a mapped file).
    BusError { addr: u64 },
    /// The instruction at PC could not be fetched (not mapped, or not executable).
    FetchFault(u64),
    /// `CpuHeader::exit_request` was set.
    Interrupted,
}

/// Cranelift optimisation level for translated blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptLevel {
    None,
    Speed,
}

/// Engine tuning and debugging switches.
#[derive(Clone, Debug)]
pub struct Config {
    /// Most guest instructions in one block.
    pub max_block_insns: usize,
    /// Code-cache size in bytes; the whole cache is flushed when it fills.
    pub code_cache_bytes: usize,
    /// Log switches (`-d` items).
    pub log: LogFlags,
    pub opt_level: OptLevel,
    /// Disables block chaining and the jump cache (each block returns to the dispatcher).
    pub no_chain: bool,
    /// System mode: the software-TLB layout; `None` = user mode (base + address).
    pub softtlb: Option<crate::softtlb::TlbLayout>,
    /// A block is interpreted (tier 0) until it has been dispatched this many times, then
    /// compiled with Cranelift. 0 compiles everything at once; `u32::MAX` never compiles.
    pub hot_threshold: u32,
}

impl Default for Config {
    /// Defaults, with two tuning knobs from the environment: `BIGIRON_HOT_THRESHOLD`
    /// (dispatches before a block is compiled) and `BIGIRON_OPT` (`none` or `speed`).
    fn default() -> Self {
        let env_u32 = |k: &str| std::env::var(k).ok().and_then(|v| v.parse().ok());
        Config {
            max_block_insns: 512,
            code_cache_bytes: 256 << 20,
            log: Default::default(),
            opt_level: match std::env::var("BIGIRON_OPT").as_deref() {
                Ok("none") => OptLevel::None,
                _ => OptLevel::Speed,
            },
            no_chain: false,
            softtlb: None,
            hot_threshold: env_u32("BIGIRON_HOT_THRESHOLD").unwrap_or(40),
        }
    }
}

/// Translation statistics (`-d stats`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub blocks: u64,
    pub guest_insns: u64,
    pub code_bytes: u64,
    pub compile_ns: u64,
    pub flushes: u64,
    pub invalidated: u64,
    pub dispatches: u64,
    pub interp_blocks: u64,
    pub interp_insns: u64,
}

#[derive(Default)]
struct FxHasher(u64);
impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64)
    }
}
type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

struct BlockInfo {
    pc: u64,
    mode: u32,
    /// Compiled code, or null while the block runs in the interpreter tier.
    code: *const u8,
    /// Dispatches so far (drives promotion to compiled code).
    count: u32,
    /// Instruction bytes seen by the interpreter tier (a fetch cache; dropped with the block).
    bytes: Vec<u8>,
    valid: bool,
    /// Chain slots that jump here.
    incoming: Vec<*mut u64>,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct JcEntry {
    tag: u64,
    code: u64,
}

pub const PAGE_BITS: u32 = 12;

pub struct Engine<F: Frontend> {
    pub frontend: F,
    pub config: Config,
    isa: OwnedTargetIsa,
    ctx: Context,
    fctx: FunctionBuilderContext,
    code: CodeBuffer,
    slots: SlotArena,
    map: FxMap<(u64, u32), u32>,
    blocks: Vec<BlockInfo>,
    pages: FxMap<u64, Vec<u32>>,
    jc: Box<[JcEntry]>,
    generation: u64,
    pub stats: Stats,
    /// Per-PC dispatcher entries (only with `-d stats`).
    dispatch_counts: FxMap<u64, u64>,
}

fn make_isa(opt: OptLevel) -> OwnedTargetIsa {
    let mut b = settings::builder();
    let set = |b: &mut settings::Builder, k: &str, v: &str| {
        b.set(k, v).unwrap_or_else(|e| panic!("cranelift setting {k}={v}: {e}"));
    };
    set(&mut b, "opt_level", if opt == OptLevel::Speed { "speed" } else { "none" });
    set(&mut b, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" });
    set(&mut b, "unwind_info", "false");
    set(&mut b, "preserve_frame_pointers", "true");
    let flags = settings::Flags::new(b);
    let builder = cranelift_native::builder().unwrap_or_else(|e| panic!("host not supported by Cranelift: {e}"));
    builder.finish(flags).unwrap_or_else(|e| panic!("cranelift ISA: {e}"))
}

impl<F: Frontend> Engine<F> {
    pub fn new(frontend: F, config: Config) -> Self {
        crate::exec::install_fault_handler();
        let code = CodeBuffer::new(config.code_cache_bytes)
            .unwrap_or_else(|e| panic!("cannot map {} bytes of code memory: {e}", config.code_cache_bytes));
        Engine {
            isa: make_isa(config.opt_level),
            frontend,
            config,
            ctx: Context::new(),
            fctx: FunctionBuilderContext::new(),
            code,
            slots: SlotArena::default(),
            map: FxMap::default(),
            blocks: Vec::new(),
            pages: FxMap::default(),
            jc: vec![JcEntry { tag: u64::MAX, code: 0 }; JC_ENTRIES].into_boxed_slice(),
            generation: 0,
            stats: Stats::default(),
            dispatch_counts: FxMap::default(),
        }
    }

    fn no_chain(&self) -> bool {
        self.config.no_chain || self.config.log.exec || self.config.log.cpu
    }

    fn jc_index(pc: u64) -> usize {
        crate::codegen::jc_index(pc)
    }

    /// Runs guest code from `cpu.header().pc` until something needs the machine.
    pub fn run(&mut self, cpu: &mut F::Cpu, mem: &dyn GuestMemory) -> Exit {
        cpu.header_mut().mem_base = mem.base() as u64;
        loop {
            let (pc, link) = {
                let h = cpu.header_mut();
                if h.exit_request != 0 {
                    return Exit::Interrupted;
                }
                (h.pc, std::mem::take(&mut h.link_slot))
            };
            let mode = F::mode(cpu);
            let gen = self.generation;
            let id = match self.map.get(&(pc, mode)) {
                Some(&id) => id,
                None => self.new_block(pc, mode, mem),
            };
            self.stats.dispatches += 1;
            if self.config.log.stats {
                *self.dispatch_counts.entry(pc).or_default() += 1;
            }
            let b = &mut self.blocks[id as usize];
            b.count = b.count.saturating_add(1);
            if b.code.is_null() {
                // The interpreter tier reaches memory the user-mode way; system mode (a
                // software TLB) compiles every block for now.
                if b.count <= self.config.hot_threshold && self.config.softtlb.is_none() {
                    if self.config.log.exec {
                        crate::log!("Trace: [{pc:016x}] interp\n");
                    }
                    if let Some(exit) = self.interpret_block(id, cpu, mem) {
                        return exit;
                    }
                    continue;
                }
                match self.translate(pc, mode, mem, false) {
                    Ok(code) => self.blocks[id as usize].code = code,
                    Err(e) => return e,
                }
                if gen != self.generation {
                    // Translating flushed the cache (and with it this block's entry).
                    continue;
                }
            }
            let code = self.blocks[id as usize].code;
            if link != 0 && gen == self.generation && !self.no_chain() {
                // SAFETY: `link` is a chain slot of the current generation's arena.
                unsafe { *(link as *mut u64) = code as u64 };
                self.blocks[id as usize].incoming.push(link as *mut u64);
            }
            if !self.no_chain() {
                self.jc[Self::jc_index(pc)] = JcEntry { tag: pc, code: code as u64 };
            }
            if self.config.log.exec {
                crate::log!("Trace: [{pc:016x}] {:p}\n", code);
            }
            if self.config.log.cpu {
                crate::log::write(&self.frontend.dump(cpu));
            }
            let r = self.enter(cpu, code);
            if let Some(exit) = self.handle_exit(cpu, mem, r) {
                return exit;
            }
        }
    }

    /// Enters a not-yet-run block in the map (interpreter tier) and marks its page as code.
    fn new_block(&mut self, pc: u64, mode: u32, mem: &dyn GuestMemory) -> u32 {
        let id = self.blocks.len() as u32;
        self.blocks.push(BlockInfo { pc, mode, code: std::ptr::null(), count: 0, bytes: Vec::new(), valid: true, incoming: Vec::new() });
        self.map.insert((pc, mode), id);
        self.add_page(pc >> PAGE_BITS, id, mem);
        id
    }

    fn add_page(&mut self, page: u64, id: u32, mem: &dyn GuestMemory) {
        let ids = self.pages.entry(page).or_default();
        if ids.last() != Some(&id) {
            ids.push(id);
        }
        mem.code_page_added(page);
    }

    /// Runs block `id` in the interpreter tier: instruction by instruction until a branch, an
    /// exception, the page boundary or the block size limit.
    fn interpret_block(&mut self, id: u32, cpu: &mut F::Cpu, mem: &dyn GuestMemory) -> Option<Exit> {
        let start = self.blocks[id as usize].pc;
        let start_page = start >> PAGE_BITS;
        let mut hm = HostMemory { base: mem.base(), limit: mem.limit() };
        let mut bytes = std::mem::take(&mut self.blocks[id as usize].bytes);
        let mut n = 0usize;
        self.stats.interp_blocks += 1;
        let result = loop {
            let out = {
                let code = CachedCode { start, bytes: std::cell::RefCell::new(&mut bytes), mem };
                crate::interp::step(&self.frontend, cpu, &mut hm, &code)
            };
            n += 1;
            match out {
                Outcome::Next(next) => {
                    if n >= self.config.max_block_insns || next >> PAGE_BITS != start_page {
                        if (next.wrapping_sub(1)) >> PAGE_BITS != start_page {
                            // An instruction straddling pages: its second page is code too.
                            self.add_page((next.wrapping_sub(1)) >> PAGE_BITS, id, mem);
                        }
                        break None;
                    }
                }
                Outcome::Jump(_) => break None,
                Outcome::Exception { .. } => {
                    let e = std::mem::take(&mut cpu.header_mut().exception);
                    break Some(Exit::Exception(e));
                }
                Outcome::Fault { addr, write } => {
                    let f = crate::exec::last_access_fault();
                    if f.bus && f.host_addr == (mem.base() as u64).wrapping_add(addr) {
                        break Some(Exit::BusError { addr });
                    }
                    if write && mem.code_write_fault(addr) {
                        // The store hit a page holding code: forget that code (the page is
                        // writable again) and retry the store right away, before anything can
                        // protect the page again. Cached bytes may now be stale.
                        self.invalidate_range(addr & !((1 << PAGE_BITS) - 1), 1 << PAGE_BITS);
                        bytes.clear();
                        n -= 1;
                        continue;
                    }
                    break Some(Exit::Fault { addr, write });
                }
                Outcome::FetchFault(p) => {
                    cpu.header_mut().pc = p;
                    break if p == start { Some(Exit::FetchFault(p)) } else { None };
                }
            }
        };
        self.stats.interp_insns += n as u64;
        if let Some(b) = self.blocks.get_mut(id as usize) {
            if b.valid && b.pc == start {
                b.bytes = bytes;
            }
        }
        result
    }

    fn enter(&mut self, cpu: &mut F::Cpu, code: *const u8) -> u64 {
        let base = cpu.header().mem_base as *mut u8;
        // SAFETY: `code` was compiled by this engine for F's CPU struct and this memory.
        unsafe { crate::exec::enter(cpu as *mut F::Cpu as *mut u8, base, code) }
    }

    /// Turns a block's exit code into an `Exit`, or `None` to keep running.
    fn handle_exit(&mut self, cpu: &mut F::Cpu, mem: &dyn GuestMemory, r: u64) -> Option<Exit> {
        match r {
            exit_code::NEXT => None,
            exit_code::EXCEPTION => {
                let h = cpu.header_mut();
                let e = std::mem::take(&mut h.exception);
                Some(Exit::Exception(e))
            }
            exit_code::FAULT => {
                let (addr, flags) = {
                    let h = cpu.header_mut();
                    h.link_slot = 0;
                    (h.fault_addr, h.fault_write)
                };
                let write = flags & 1 != 0;
                if flags & 2 != 0 {
                    return Some(Exit::BusError { addr });
                }
                if write && mem.code_write_fault(addr) {
                    // A store into a page holding translated code: drop those blocks and run
                    // the store on its own, untracked, so it cannot re-protect its own page.
                    self.invalidate_range(addr & !((1 << PAGE_BITS) - 1), 1 << PAGE_BITS);
                    return self.run_one_uncached(cpu, mem);
                }
                Some(Exit::Fault { addr, write })
            }
            other => panic!("translated code returned unknown exit code {other}"),
        }
    }

    /// Translates and runs the single instruction at PC without caching or page tracking.
    fn run_one_uncached(&mut self, cpu: &mut F::Cpu, mem: &dyn GuestMemory) -> Option<Exit> {
        let pc = cpu.header().pc;
        let mode = F::mode(cpu);
        let code = match self.translate(pc, mode, mem, true) {
            Ok(code) => code,
            Err(e) => return Some(e),
        };
        let r = self.enter(cpu, code);
        cpu.header_mut().link_slot = 0;
        self.handle_exit(cpu, mem, r)
    }

    /// Compiles the block at (`pc`, `mode`) and returns its code. `one_off` blocks hold one
    /// instruction, do not chain and do not mark their page as holding code; other blocks
    /// have their pages recorded under the block already in the map (or a new entry).
    fn translate(&mut self, pc: u64, mode: u32, mem: &dyn GuestMemory, one_off: bool) -> Result<*const u8, Exit> {
        if self.code.remaining() < (4 << 20) {
            self.flush();
        }
        let t0 = Instant::now();
        let log = self.config.log;
        let mem_model = match self.config.softtlb {
            Some(l) => MemModel::SoftTlb(l),
            None => MemModel::User { limit: mem.limit() },
        };
        let env = Env {
            mem: mem_model,
            cache_limit: F::CACHE_LIMIT,
            jump_cache: self.jc.as_ptr() as u64,
            no_chain: one_off || self.no_chain(),
        };
        self.ctx.clear();
        self.ctx.func = Function::with_name_signature(UserFuncName::default(), block_signature());
        let max = if one_off { 1 } else { self.config.max_block_insns };
        let start_page = pc >> PAGE_BITS;
        let mut asm_log = String::new();
        let mut em = ClifEmitter::new(&mut self.ctx.func, &mut self.fctx, env, &mut self.slots);
        let mut cur = pc;
        let mut last = pc;
        let mut n = 0usize;
        let next = loop {
            em.begin_insn(cur);
            match self.frontend.translate(&mut em, mem, cur, mode) {
                None if n == 0 => return Err(Exit::FetchFault(pc)),
                None => break Some(cur),
                Some(flow) => {
                    if log.in_asm {
                        let (text, _) = self.frontend.disasm(mem, cur, mode);
                        asm_log.push_str(&format!("0x{cur:016x}:  {text}\n"));
                    }
                    em.end_insn();
                    n += 1;
                    last = cur;
                    match flow {
                        Flow::End => break None,
                        Flow::Next(len) => {
                            cur = cur.wrapping_add(len as u64);
                            if n >= max || cur >> PAGE_BITS != start_page {
                                break Some(cur);
                            }
                        }
                    }
                }
            }
        };
        em.finish(next, self.isa.frontend_config());
        if log.in_asm {
            crate::log!("IN: [{} mode {mode}]\n{asm_log}\n", self.frontend.name());
        }
        if log.op {
            crate::log!("OP: block 0x{pc:016x}\n{}\n", self.ctx.func.display());
        }
        let compiled = match self.ctx.compile(&*self.isa, &mut ControlPlane::default()) {
            Ok(c) => c,
            Err(e) => panic!("internal error: Cranelift rejected the block at 0x{pc:x}: {:?}\n{}", e.inner, e.func.display()),
        };
        assert!(compiled.buffer.relocs().is_empty(), "translated block at 0x{pc:x} needs relocations");
        let bytes = compiled.code_buffer().to_vec();
        let code = match self.code.alloc(&bytes) {
            Some(c) => c,
            None => panic!("code buffer full after flush (block of {} bytes)", bytes.len()),
        };
        if log.out_asm {
            crate::log!("OUT: [size={}]\n{}\n", bytes.len(), disasm_host(&bytes, code as u64));
        }
        perf_map(code as u64, bytes.len(), pc);
        self.stats.blocks += 1;
        self.stats.guest_insns += n as u64;
        self.stats.code_bytes += bytes.len() as u64;
        self.stats.compile_ns += t0.elapsed().as_nanos() as u64;
        if !one_off {
            let id = match self.map.get(&(pc, mode)) {
                Some(&id) => id,
                None => self.new_block(pc, mode, mem),
            };
            let last_page = (last + F::MAX_INSN_LEN as u64 - 1) >> PAGE_BITS;
            for page in start_page..=last_page {
                self.add_page(page, id, mem);
            }
        }
        Ok(code)
    }

    /// Forgets translations of guest code in `[start, start+len)` (munmap, mprotect, writes).
    pub fn invalidate_range(&mut self, start: u64, len: u64) {
        if len == 0 {
            return;
        }
        let first = start >> PAGE_BITS;
        let last = (start.saturating_add(len - 1)) >> PAGE_BITS;
        if last - first > self.pages.len() as u64 {
            let keys: Vec<u64> = self.pages.keys().copied().filter(|p| (first..=last).contains(p)).collect();
            for p in keys {
                self.invalidate_page(p);
            }
        } else {
            for p in first..=last {
                self.invalidate_page(p);
            }
        }
    }

    fn invalidate_page(&mut self, page: u64) {
        let Some(ids) = self.pages.remove(&page) else { return };
        for id in ids {
            let b = &mut self.blocks[id as usize];
            if !b.valid {
                continue;
            }
            b.valid = false;
            self.stats.invalidated += 1;
            for slot in b.incoming.drain(..) {
                // SAFETY: chain slots live in the arena until the next flush.
                unsafe { *slot = 0 };
            }
            let key = (b.pc, b.mode);
            let code = b.code as u64;
            if self.map.get(&key) == Some(&id) {
                self.map.remove(&key);
            }
            let jc = &mut self.jc[Self::jc_index(key.0)];
            if jc.code == code {
                *jc = JcEntry { tag: u64::MAX, code: 0 };
            }
        }
    }

    /// Forgets every translation.
    pub fn flush(&mut self) {
        self.code.reset();
        self.slots.reset();
        self.map.clear();
        self.blocks.clear();
        self.pages.clear();
        for e in self.jc.iter_mut() {
            *e = JcEntry { tag: u64::MAX, code: 0 };
        }
        self.generation += 1;
        self.stats.flushes += 1;
    }

    /// A `-d stats` summary.
    pub fn stats_report(&self) -> String {
        let s = &self.stats;
        let mut top: Vec<(u64, u64)> = self.dispatch_counts.iter().map(|(&pc, &n)| (n, pc)).collect();
        top.sort_unstable_by(|a, b| b.cmp(a));
        let top: String = top
            .iter()
            .take(8)
            .map(|&(n, pc)| {
                let state = match self.map.iter().find(|(k, _)| k.0 == pc) {
                    Some((_, &id)) if !self.blocks[id as usize].code.is_null() => "compiled",
                    Some(_) => "interpreted",
                    None => "gone",
                };
                format!("  {pc:#x}: {n} dispatches ({state})\n")
            })
            .collect();
        top + &format!(
            "bigiron stats: {} blocks compiled, {} guest insns translated, {} KiB host code, compile {:.1} ms ({:.1} us/block), {} dispatches, {} interpreted blocks ({} insns), {} invalidated, {} flushes\n",
            s.blocks,
            s.guest_insns,
            s.code_bytes / 1024,
            s.compile_ns as f64 / 1e6,
            if s.blocks > 0 { s.compile_ns as f64 / 1e3 / s.blocks as f64 } else { 0.0 },
            s.dispatches,
            s.interp_blocks,
            s.interp_insns,
            s.invalidated,
            s.flushes
        )
    }

    /// Translates the block at `pc` without running it (benchmarks, `-d` tools).
    pub fn translate_only(&mut self, pc: u64, mode: u32, mem: &dyn GuestMemory) -> Result<(), Exit> {
        let code = self.translate(pc, mode, mem, false)?;
        if let Some(&id) = self.map.get(&(pc, mode)) {
            self.blocks[id as usize].code = code;
        }
        Ok(())
    }
}

/// Host (x86-64) disassembly for `-d out_asm`.
fn disasm_host(bytes: &[u8], addr: u64) -> String {
    use capstone::prelude::*;
    let cs = match Capstone::new().x86().mode(capstone::arch::x86::ArchMode::Mode64).build() {
        Ok(c) => c,
        Err(e) => return format!("(capstone: {e})"),
    };
    let text = match cs.disasm_all(bytes, addr) {
        Ok(insns) => insns
            .iter()
            .map(|i| format!("0x{:016x}:  {} {}\n", i.address(), i.mnemonic().unwrap_or("?"), i.op_str().unwrap_or("")))
            .collect(),
        Err(e) => format!("(capstone: {e})"),
    };
    text
}


/// User-mode guest memory for the interpreter tier: host address = base + guest address,
/// every access through the guarded routines of `exec.rs`, so unmapped or protected pages
/// fail the access (the instruction faults precisely) instead of crashing the host.
struct HostMemory {
    base: *mut u8,
    limit: u64,
}

impl HostMemory {
    fn host(&self, addr: u64, size: usize) -> Option<*mut u8> {
        let end = addr.checked_add(size as u64)?;
        if end > self.limit {
            return None;
        }
        Some(self.base.wrapping_add(addr as usize))
    }
}

impl InterpMemory for HostMemory {
    fn load(&mut self, addr: u64, size: usize) -> Option<u128> {
        let p = self.host(addr, size)?;
        // SAFETY: `p` is inside the guest reservation; the guarded load survives faults.
        unsafe {
            match size {
                1 | 2 | 4 | 8 => crate::exec::guarded_load(p, size).map(|v| v as u128),
                16 => {
                    let lo = crate::exec::guarded_load(p, 8)?;
                    let hi = crate::exec::guarded_load(p.add(8), 8)?;
                    Some(lo as u128 | (hi as u128) << 64)
                }
                _ => {
                    let mut v = 0u128;
                    for i in 0..size {
                        v |= (crate::exec::guarded_load(p.add(i), 1)? as u128) << (8 * i);
                    }
                    Some(v)
                }
            }
        }
    }

    fn store(&mut self, addr: u64, bytes: &[u8]) -> bool {
        let Some(p) = self.host(addr, bytes.len()) else { return false };
        // SAFETY: as in `load`.
        unsafe {
            match bytes.len() {
                n @ (1 | 2 | 4 | 8) => {
                    let mut b = [0u8; 8];
                    b[..n].copy_from_slice(bytes);
                    crate::exec::guarded_store(p, n, u64::from_le_bytes(b))
                }
                n => (0..n).all(|i| crate::exec::guarded_store(p.add(i), 1, bytes[i] as u64)),
            }
        }
    }
}

/// Instruction fetch for the interpreter tier, caching the block's bytes.
struct CachedCode<'a, 'b> {
    start: u64,
    bytes: std::cell::RefCell<&'a mut Vec<u8>>,
    mem: &'b dyn GuestMemory,
}

impl CodeSource for CachedCode<'_, '_> {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let mut bytes = self.bytes.borrow_mut();
        let off = pc.wrapping_sub(self.start) as usize;
        if off + buf.len() <= bytes.len() {
            buf.copy_from_slice(&bytes[off..off + buf.len()]);
            return true;
        }
        if !self.mem.fetch(pc, buf) {
            return false;
        }
        if off == bytes.len() {
            bytes.extend_from_slice(buf);
        }
        true
    }
}

/// With `BIGIRON_PERFMAP=1`, names each compiled block in `/tmp/perf-PID.map` so `perf
/// report` attributes host samples to guest addresses.
fn perf_map(code: u64, len: usize, pc: u64) {
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};
    static MAP: OnceLock<Option<Mutex<std::fs::File>>> = OnceLock::new();
    let f = MAP.get_or_init(|| {
        if std::env::var_os("BIGIRON_PERFMAP").is_none() {
            return None;
        }
        let path = format!("/tmp/perf-{}.map", std::process::id());
        std::fs::OpenOptions::new().create(true).append(true).open(path).ok().map(Mutex::new)
    });
    if let Some(m) = f {
        if let Ok(mut f) = m.lock() {
            let _ = writeln!(f, "{code:x} {len:x} guest_{pc:x}");
        }
    }
}
