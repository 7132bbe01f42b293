//! The dispatcher and the translation cache.
//!
//! Invariants of the cache (after Dolphin's JitCache docs):
//! - **Key**: a block is found by `(guest pc, mode)`, where `mode` is the front end's
//!   [`Frontend::mode`] bits — everything in the CPU state that changes what the same bytes
//!   mean (MSR[LE] on ppc64; addressing mode on s390x). A block is a single-entry trace:
//!   in the interpreter tier it runs to a branch, an exception or its page boundary; compiled,
//!   it leaves by side exits at conditional branches, follows unconditional branches,
//!   mostly-taken ones, calls and expected returns over up to `Config::max_trace_pages`
//!   pages, and ends at an indirect branch, an exception, the page limit or after
//!   `Config::max_block_insns` instructions. Each block is entered under every page its
//!   instructions lie on (see Invalidation).
//! - **Tiers**: a new block runs in the interpreter (the same semantics through
//!   [`crate::interp`]); after `hot_threshold` dispatches (or as many interpreted
//!   instructions times `HOT_INSNS_PER_DISPATCH`) it is compiled — on the background worker
//!   when there is one — and later dispatches run the compiled code.
//! - **Linking**: each direct exit of compiled code is a `jmp rel32` that first points at the
//!   exit's stub, which stores the target PC and the exit's site in `CpuHeader::link_slot`
//!   and returns. The dispatcher, having found the compiled successor B, patches the jump to
//!   B's code and records (site, stub) in B's `incoming` list. Indirect exits probe the jump
//!   cache (`pc -> code`), which the dispatcher fills on every dispatch of compiled code.
//! - **Invalidation**: [`Engine::invalidate_range`] drops every block overlapping the range:
//!   removes it from the map and the jump cache and points every jump into it back at its
//!   stub, so no path can reach its code again. Its memory is reclaimed at the next flush.
//!   Guest writes to pages holding translated code reach here through
//!   [`GuestMemory::code_write_fault`] (user mode write-protects such pages); a compile in
//!   flight for an invalidated block is discarded when it completes.
//! - **Flush**: when the code buffer runs low, everything (code, map, jump cache) is
//!   dropped at once. Flushes only happen between blocks, never while one runs.

use crate::codebuf::CodeBuffer;
use crate::codegen::{AccessSite, Env, MemModel, SsaLoops, JC_ENTRIES};
use crate::cpu::{exit_code, GuestCpu};
use crate::frontend::{CodeSource, Frontend, GuestMemory};
use crate::interp::{InterpMemory, Outcome};
use crate::log::LogFlags;
use crate::compiler::{Compiled, Compiler, Done, FaultMap, Job, Request, Snapshot, Worker};
use std::sync::Arc;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// Compile hot blocks on the guest's own thread instead of a background worker.
    pub no_background: bool,
    /// A block interpreted after this many dispatches is first recorded ([`crate::vm`]) and
    /// then runs from the recording (`BIGIRON_VM_AFTER`, default 1: from its second run; 0:
    /// from its first; `u32::MAX`: never, every instruction through [`crate::interp`]).
    pub vm_after: u32,
    /// Side-exit targets on a block's page that may be compiled into the same function
    /// (a region with internal loops); 0 = single-entry traces only.
    pub max_region_paths: usize,
    /// Most guest pages one compiled trace may run over, following branches, calls and
    /// returns (`BIGIRON_TRACE_PAGES`, default 4; 1 keeps a trace on its first page).
    pub max_trace_pages: usize,
    /// Whether a trace may follow a call onto a page it has not reached otherwise
    /// (`BIGIRON_TRACE_CALLS=1` or `0`; `None`: the front end's
    /// [`Frontend::TRACE_CALLS_ACROSS_PAGES`]).
    pub trace_calls_across_pages: Option<bool>,
    /// Which functions keep guest state in variables across internal edges (loops, region
    /// paths) instead of storing it to the CPU struct at each (`BIGIRON_SSA_LOOPS=off|tight|all`,
    /// default tight: see [`SsaLoops`]).
    pub ssa_loops: SsaLoops,
    /// Tests: the background compiler holds each finished compile until the gate lets it
    /// through (see [`crate::compiler::CompileGate`]).
    pub compile_gate: Option<std::sync::Arc<crate::compiler::CompileGate>>,
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
            hot_threshold: env_u32("BIGIRON_HOT_THRESHOLD").unwrap_or(20),
            no_background: std::env::var_os("BIGIRON_NO_BACKGROUND").is_some(),
            vm_after: env_u32("BIGIRON_VM_AFTER").unwrap_or(1),
            max_region_paths: env_u32("BIGIRON_REGION_PATHS").map(|v| v as usize).unwrap_or(0),
            max_trace_pages: env_u32("BIGIRON_TRACE_PAGES").map(|v| v.max(1) as usize).unwrap_or(4),
            trace_calls_across_pages: env_u32("BIGIRON_TRACE_CALLS").map(|v| v == 1),
            ssa_loops: match std::env::var("BIGIRON_SSA_LOOPS").as_deref() {
                Ok("off") => SsaLoops::Off,
                Ok("all") => SsaLoops::All,
                _ => SsaLoops::Tight,
            },
            compile_gate: None,
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
    /// Background compiles thrown away on arrival: their block was invalidated (its code
    /// written) or the cache flushed while they were compiling.
    pub discarded: u64,
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

struct BlockInfo<D> {
    pc: u64,
    mode: u32,
    /// Compiled code, or null while the block runs in the interpreter tier.
    code: *const u8,
    /// Dispatches so far, and guest instructions interpreted for this block (they drive
    /// promotion to compiled code: long blocks cost more per interpreted run).
    count: u32,
    interp_insns: u32,
    /// Instruction bytes seen by the interpreter tier (a fetch cache; dropped with the block).
    bytes: Vec<u8>,
    /// The block's instructions as the interpreter tier decoded them, in order from its start
    /// (dropped with the block, like `bytes`).
    decoded: Vec<D>,
    /// The guest PC dispatched after this block last ran in the interpreter (0: none yet):
    /// the path a trace compiled from here is likely to take, so the background compile
    /// gets those pages' bytes.
    succ: u64,
    /// The block at `succ` when it was dispatched (`u32::MAX`: none yet).
    succ_id: u32,
    /// Pages other than its own the interpreter fetched instruction bytes from while
    /// running this block (s390x `EXRL` targets): a background compile gets
    /// them in its snapshot, so the trace can translate what it reads there.
    other_pages: Vec<u64>,
    /// The block recorded for the interpreter tier's fast path ([`crate::vm`]).
    vm: VmState,
    /// A background compile of this block is in flight.
    compiling: bool,
    valid: bool,
    /// Linked direct exits that jump here: (address of the `jmp rel32` displacement, the
    /// exit's own stub, to point it back at when this block goes away).
    incoming: Vec<(u64, u64)>,
}

/// Whether a block has been recorded for [`crate::vm`].
enum VmState {
    /// Not yet: it runs in the interpreter until dispatched `Config::vm_after` times.
    Untried,
    /// The recorder refused its first instruction, or the block is gone (its code was
    /// written): it stays with the interpreter.
    Refused,
    Ready(Box<crate::vm::Program>),
}

#[repr(C)]
#[derive(Clone, Copy)]
struct JcEntry {
    tag: u64,
    code: u64,
}

pub const PAGE_BITS: u32 = 12;

/// A block is also promoted once it has interpreted `hot_threshold` times this many guest
/// instructions (a long block pays for its compile sooner).
const HOT_INSNS_PER_DISPATCH: u32 = 25;
/// Free code memory kept before a synchronous compile (the cache is flushed below it).
const FLUSH_RESERVE: usize = 4 << 20;
/// Most recorded successors followed when choosing the pages of a background compile.
const MAX_SUCC_WALK: usize = 64;
/// Compiles handed to the worker at once: a second one waits in its channel, so the worker
/// starts it the moment the first is done instead of idling until the guest thread next
/// looks for finished work.
const MAX_IN_FLIGHT: u32 = 2;
/// Most pages besides its own a block's interpreted runs are remembered to have fetched
/// instruction bytes from.
const MAX_OTHER_PAGES: usize = 4;
/// Adds page `p` to `pages` unless it is there or `MAX_OTHER_PAGES` are.
fn note_other_page(pages: &mut Vec<u64>, p: u64) {
    if !pages.contains(&p) && pages.len() < MAX_OTHER_PAGES {
        pages.push(p);
    }
}
/// Bound on the instructions a fault replay interprets (see `handle_exit`).
const MAX_REPLAY: usize = 1 << 24;

pub struct Engine<F: Frontend> {
    pub frontend: Arc<F>,
    pub config: Config,
    compiler: Compiler,
    code: CodeBuffer,
    /// Background compiler (absent when `hot_threshold` is 0: everything compiles at once).
    worker: Option<Worker>,
    map: FxMap<(u64, u32), u32>,
    blocks: Vec<BlockInfo<F::Decoded>>,
    pages: FxMap<u64, Vec<u32>>,
    /// The inline jump caches, one per mode (the mode is not compared on a probe).
    jc: Vec<(u32, Box<[JcEntry]>)>,
    generation: u64,
    pub stats: Stats,
    /// Per-PC dispatcher entries (only with `-d stats`).
    dispatch_counts: FxMap<u64, u64>,
    /// With `-d stats`: how often each block start ran in the interpreter tier.
    interp_counts: FxMap<u64, u64>,
    /// Every piece of code in the buffer, by address (bump allocation keeps it sorted), with
    /// its fault map.
    placed: Vec<(u64, u64, FaultMap)>,
    /// Reused pending-write buffer of the interpreter tier.
    interp_scratch: Vec<(u32, crate::interp::Val)>,
    /// Recorded blocks whose programs hold branch counts not yet in `branch_profile`.
    vm_profiled: Vec<u32>,
    /// How often each conditional exit the interpreter ran was (taken, not taken), by page
    /// and PC: the compiler follows a mostly-taken branch (see `codegen`'s biased exits).
    branch_profile: FxMap<u64, FxMap<u64, (u32, u32)>>,
    /// Hot blocks waiting for the background compiler, and jobs it is working on. At most
    /// `MAX_IN_FLIGHT` jobs are in flight, so the next one sent is (nearly) always the block
    /// that has interpreted the most instructions meanwhile (not the first that became hot).
    waiting: Vec<u32>,
    in_flight: u32,
}

impl<F: Frontend> Engine<F> {
    pub fn new(frontend: F, config: Config) -> Self {
        crate::exec::install_fault_handler();
        let code = CodeBuffer::new(config.code_cache_bytes)
            .unwrap_or_else(|e| panic!("cannot map {} bytes of code memory: {e}", config.code_cache_bytes));
        let frontend = Arc::new(frontend);
        let worker = Self::start_worker(&config, &frontend);
        Engine {
            compiler: Compiler::new(config.opt_level),
            frontend,
            config,
            code,
            worker,
            map: FxMap::default(),
            blocks: Vec::new(),
            pages: FxMap::default(),
            jc: Vec::new(),
            generation: 0,
            stats: Stats::default(),
            dispatch_counts: FxMap::default(),
            interp_counts: FxMap::default(),
            placed: Vec::new(),
            interp_scratch: Vec::with_capacity(16),
            branch_profile: Default::default(),
            vm_profiled: Vec::new(),
            waiting: Vec::new(),
            in_flight: 0,
        }
    }

    fn start_worker(config: &Config, fe: &Arc<F>) -> Option<Worker> {
        // System mode compiles synchronously for now (its blocks are never interpreted).
        if config.hot_threshold == 0 || config.softtlb.is_some() || config.no_background {
            return None;
        }
        Worker::spawn(fe.clone(), config.opt_level, config.compile_gate.clone())
    }

    /// Call before the host process forks: stops the compile thread (a thread does not
    /// survive `fork`, and it might hold the slot lock). Jobs in flight are dropped and their
    /// blocks go back to waiting for a compile.
    pub fn before_fork(&mut self) {
        if let Some(w) = self.worker.take() {
            // Finished compiles are dropped too: installing needs guest memory (to check
            // the bytes they were made from); their blocks simply compile again.
            drop(w.shutdown());
        }
        self.waiting.clear();
        self.in_flight = 0;
        for b in &mut self.blocks {
            b.compiling = false;
        }
    }

    /// Call in both parent and child after `fork` (restarts the compile thread).
    pub fn after_fork(&mut self) {
        if self.worker.is_none() {
            self.worker = Self::start_worker(&self.config, &self.frontend);
        }
    }

    /// Installs finished background compiles (if their block is still wanted) and sends the
    /// next job.
    fn collect(&mut self, mem: &dyn GuestMemory) {
        let done: Vec<Done> = match &self.worker {
            Some(w) => w.done.try_iter().collect(),
            None => return,
        };
        for d in done {
            self.in_flight = self.in_flight.saturating_sub(1);
            self.install(d, mem);
        }
        self.pump(mem);
    }

    /// Queues block `id` for the background compiler.
    fn request_compile(&mut self, id: u32, mem: &dyn GuestMemory) {
        self.blocks[id as usize].compiling = true;
        self.waiting.push(id);
        self.pump(mem);
    }

    /// Sends the hottest waiting blocks while the worker has room.
    fn pump(&mut self, mem: &dyn GuestMemory) {
        while self.in_flight < MAX_IN_FLIGHT && !self.waiting.is_empty() {
            let blocks = &self.blocks;
            self.waiting.retain(|&id| blocks.get(id as usize).is_some_and(|b| b.valid && b.code.is_null()));
            let Some((i, _)) = self.waiting.iter().enumerate().max_by_key(|(_, &id)| self.blocks[id as usize].interp_insns) else {
                return;
            };
            let id = self.waiting.swap_remove(i);
            self.submit(id, mem);
        }
    }

    fn install(&mut self, d: Done, mem: &dyn GuestMemory) {
        let Some(c) = d.result else {
            if let Some(b) = self.blocks.get_mut(d.id as usize) {
                b.compiling = false;
            }
            return;
        };
        if d.generation != self.generation {
            self.stats.discarded += 1;
            return;
        }
        let b = &self.blocks[d.id as usize];
        if !b.valid || b.pc != d.pc || !b.code.is_null() {
            // The block's code was written (or it was compiled another way) meanwhile: the
            // result was made from the old bytes and must never run.
            self.stats.discarded += 1;
            return;
        }
        if self.code.remaining() < c.bytes.len() + (1 << 20).min(self.config.code_cache_bytes / 8) {
            // Flushing drops this result too (it was compiled for the old generation).
            self.flush();
            return;
        }
        // Pages other than the block's own were not watched for writes while the compile
        // ran: watch them from now on, then check that they still hold the bytes the code
        // was made from (the block's own page is covered by `valid`).
        let own = d.pc >> PAGE_BITS;
        for &page in &c.pages {
            if page != own {
                self.add_page(page, d.id, mem);
            }
        }
        if !d.snapshot.chunks.iter().all(|(start, bytes)| Self::unchanged(mem, own, &c.pages, *start, bytes)) {
            self.stats.discarded += 1;
            self.blocks[d.id as usize].compiling = false;
            return;
        }
        let Some(code) = self.place(&c, d.pc) else { return };
        let b = &mut self.blocks[d.id as usize];
        b.code = code;
        b.compiling = false;
    }

    /// Whether guest memory still holds a snapshot chunk's bytes on each of `pages` other
    /// than `own`.
    fn unchanged(mem: &dyn GuestMemory, own: u64, pages: &[u64], start: u64, bytes: &[u8]) -> bool {
        let end = start.wrapping_add(bytes.len() as u64);
        pages.iter().filter(|&&p| p != own).all(|&p| {
            let lo = start.max(p << PAGE_BITS);
            let hi = end.min((p + 1) << PAGE_BITS);
            if lo >= hi {
                return true;
            }
            let mut now = vec![0u8; (hi - lo) as usize];
            let off = (lo - start) as usize;
            mem.fetch(lo, &mut now) && now[..] == bytes[off..off + now.len()]
        })
    }

    /// Points the `jmp rel32` whose displacement is at `site` to `target`.
    fn patch_jump(&mut self, site: u64, target: u64) {
        let rel = target.wrapping_sub(site + 4) as i64;
        debug_assert!(rel == rel as i32 as i64, "jump out of rel32 range");
        // SAFETY: `site` is a direct exit's displacement inside placed code.
        unsafe { self.code.patch(site, &(rel as i32).to_le_bytes()) };
    }

    /// Copies compiled bytes into the code buffer, followed by one stub per direct exit
    /// (store the guest PC and the exit's site in the header, return to the dispatcher), and
    /// points every exit at its stub. Accounts for the code.
    fn place(&mut self, c: &Compiled, pc: u64) -> Option<*const u8> {
        const STUB: usize = 31;
        let body = (c.bytes.len() + 15) & !15;
        let mut all = c.bytes.clone();
        all.resize(body + STUB * c.exits.len(), 0xcc);
        let code = self.code.alloc(&all)?;
        let base = code as u64;
        for (i, &(off, target_pc)) in c.exits.iter().enumerate() {
            let site = base + off as u64;
            let stub = base + (body + STUB * i) as u64;
            let mut st = Vec::with_capacity(STUB);
            st.extend_from_slice(&[0x48, 0xb8]); // movabs rax, pc
            st.extend_from_slice(&target_pc.to_le_bytes());
            st.extend_from_slice(&[0x48, 0x89, 0x47, crate::cpu::CpuHeader::PC as u8]); // mov [rdi+PC], rax
            st.extend_from_slice(&[0x48, 0xb8]); // movabs rax, site
            st.extend_from_slice(&site.to_le_bytes());
            st.extend_from_slice(&[0x48, 0x89, 0x47, crate::cpu::CpuHeader::LINK_SLOT as u8]); // mov [rdi+LINK], rax
            st.extend_from_slice(&[0x31, 0xc0, 0xc3]); // xor eax, eax; ret  (exit_code::NEXT)
            debug_assert_eq!(st.len(), STUB);
            // SAFETY: the stub area was just allocated with the block.
            unsafe { self.code.patch(stub, &st) };
            self.patch_jump(site, stub);
        }
        self.placed.push((code as u64, code as u64 + c.bytes.len() as u64, c.faults.clone()));
        if self.config.log.out_asm {
            crate::log!("OUT: [size={}]\n{}\n", c.bytes.len(), disasm_host(&c.bytes, code as u64));
        }
        perf_map(code as u64, c.bytes.len(), pc);
        self.stats.blocks += 1;
        self.stats.guest_insns += c.insns as u64;
        self.stats.code_bytes += c.bytes.len() as u64;
        self.stats.compile_ns += c.ns;
        Some(code)
    }

    /// What to compile at `pc`, with the interpreter's branch profile of `pages` (page
    /// numbers: those the trace may run over, as far as the engine knows them).
    fn request(&mut self, pc: u64, mode: u32, limit: u64, pages: &[u64]) -> Request {
        // The recorded blocks' branch counts join the profile.
        for id in std::mem::take(&mut self.vm_profiled) {
            if let Some(BlockInfo { vm: VmState::Ready(prog), .. }) = self.blocks.get_mut(id as usize) {
                for (at, t, n) in prog.take_profile() {
                    let e = self.branch_profile.entry(at >> PAGE_BITS).or_default().entry(at).or_default();
                    e.0 = e.0.saturating_add(t);
                    e.1 = e.1.saturating_add(n);
                }
            }
        }
        let jump_cache = self.jc_table(mode).as_ptr() as u64;
        let mem_model = match self.config.softtlb {
            Some(l) => MemModel::SoftTlb(l),
            None => MemModel::User { limit },
        };
        Request {
            pc,
            mode,
            env: Env { mem: mem_model, cache_limit: F::CACHE_LIMIT, cached_fprs: F::CACHED_FPRS, jump_cache, no_chain: self.no_chain(), has_fma: false },
            max_insns: self.config.max_block_insns,
            max_paths: if self.no_chain() { 0 } else { self.config.max_region_paths },
            max_pages: if self.no_chain() { 1 } else { self.config.max_trace_pages },
            calls_across_pages: self.config.trace_calls_across_pages.unwrap_or(F::TRACE_CALLS_ACROSS_PAGES),
            ssa_loops: self.config.ssa_loops,
            profile: pages
                .iter()
                .filter_map(|p| self.branch_profile.get(p))
                .flat_map(|m| m.iter().map(|(&pc, &(t, n))| (pc, t, n)))
                .collect(),
            log: self.config.log,
        }
    }

    /// Sends block `id` to the background compiler with a snapshot of its code: its page,
    /// and the pages of the path the interpreter last took from it (the blocks' recorded
    /// successors), up to the trace's page limit.
    fn submit(&mut self, id: u32, mem: &dyn GuestMemory) {
        let (pc, mode) = (self.blocks[id as usize].pc, self.blocks[id as usize].mode);
        let mut pages = vec![pc >> PAGE_BITS];
        let mut other: Vec<u64> = self.blocks[id as usize].other_pages.clone();
        let mut cur = id;
        for _ in 0..MAX_SUCC_WALK {
            if pages.len() >= self.config.max_trace_pages {
                break;
            }
            let next = self.blocks[cur as usize].succ;
            let Some(&nid) = self.map.get(&(next, mode)) else { break };
            if nid == id {
                break;
            }
            if !pages.contains(&(next >> PAGE_BITS)) {
                pages.push(next >> PAGE_BITS);
            }
            for &p in &self.blocks[nid as usize].other_pages {
                note_other_page(&mut other, p);
            }
            cur = nid;
        }
        // Pages the walked blocks read instructions from (the trace's own page budget does
        // not count them; the builder's code source just has their bytes).
        let n_path = pages.len();
        pages.extend(other.into_iter().filter(|p| !pages.contains(p)).collect::<Vec<_>>());
        let mut chunks = Vec::with_capacity(pages.len());
        for (i, &page) in pages.iter().enumerate() {
            // The whole page (paths of a region may start before `pc`), and the start of the
            // next one for an instruction that straddles; if the block's own page is not all
            // readable, what the interpreter has seen.
            let page_start = page << PAGE_BITS;
            let mut bytes = vec![0u8; 1 << PAGE_BITS];
            if mem.fetch(page_start, &mut bytes) {
                let mut tail = vec![0u8; F::MAX_INSN_LEN - 1];
                if !tail.is_empty() && mem.fetch(page_start.wrapping_add(1 << PAGE_BITS), &mut tail) {
                    bytes.extend_from_slice(&tail);
                }
                chunks.push((page_start, bytes));
            } else if i == 0 {
                chunks.push((pc, self.blocks[id as usize].bytes.clone()));
            }
        }
        let req = self.request(pc, mode, mem.limit(), &pages[..n_path]);
        let job = Job { id, generation: self.generation, code: Snapshot { chunks }, req };
        let ok = self.worker.as_ref().is_some_and(|w| w.submit(job));
        if ok {
            self.in_flight += 1;
        } else {
            self.worker = None;
            self.blocks[id as usize].compiling = false;
        }
    }

    fn no_chain(&self) -> bool {
        self.config.no_chain || self.config.log.exec || self.config.log.cpu
    }

    /// The jump cache of `mode` (made empty the first time). Its address never changes:
    /// compiled code holds it.
    fn jc_table(&mut self, mode: u32) -> &mut [JcEntry] {
        let i = match self.jc.iter().position(|(m, _)| *m == mode) {
            Some(i) => i,
            None => {
                self.jc.push((mode, vec![JcEntry { tag: u64::MAX, code: 0 }; JC_ENTRIES].into_boxed_slice()));
                self.jc.len() - 1
            }
        };
        &mut self.jc[i].1
    }

    fn jc_index(pc: u64) -> usize {
        crate::codegen::jc_index(pc)
    }

    /// Runs guest code from `cpu.header().pc` until something needs the machine.
    pub fn run(&mut self, cpu: &mut F::Cpu, mem: &dyn GuestMemory) -> Exit {
        cpu.header_mut().mem_base = mem.base() as u64;
        cpu.header_mut().mem_limit = mem.limit();
        // The block the interpreter ran last, and the cache generation it belongs to.
        let mut prev: Option<(u32, u64)> = None;
        loop {
            let (pc, link) = {
                let h = cpu.header_mut();
                // The exit a block just left by is linked to the block at `pc` below; when
                // the machine is asked in first, it is forgotten (left unlinked): the
                // machine may move the PC (a signal handler), and the exit must never be
                // linked to wherever guest code goes next.
                let link = std::mem::take(&mut h.link_slot);
                if h.exit_request != 0 {
                    return Exit::Interrupted;
                }
                (h.pc, link)
            };
            let mode = F::mode(cpu);
            let gen = self.generation;
            // The block the previous interpreted one went on to last time, if it is this
            // one (and still valid): no map lookup.
            let known = prev.filter(|&(_, g)| g == gen).and_then(|(p, _)| {
                let b = &self.blocks[p as usize];
                let s = self.blocks.get(b.succ_id as usize)?;
                (b.succ == pc && s.pc == pc && s.mode == mode && s.valid).then_some(b.succ_id)
            });
            let id = match known {
                Some(id) => id,
                None => match self.map.get(&(pc, mode)) {
                    Some(&id) => id,
                    None => self.new_block(pc, mode, mem),
                },
            };
            if let Some((p, g)) = prev.take() {
                if g == self.generation {
                    let b = &mut self.blocks[p as usize];
                    b.succ = pc;
                    b.succ_id = id;
                }
            }
            self.stats.dispatches += 1;
            if self.config.log.stats {
                *self.dispatch_counts.entry(pc).or_default() += 1;
            }
            let b = &mut self.blocks[id as usize];
            b.count = b.count.saturating_add(1);
            if b.code.is_null() {
                // The interpreter tier reaches memory the user-mode way; system mode (a
                // software TLB) compiles every block for now.
                let hot = b.count > self.config.hot_threshold
                    || b.interp_insns > self.config.hot_threshold.saturating_mul(HOT_INSNS_PER_DISPATCH)
                    || self.config.softtlb.is_some();
                if hot && self.worker.is_some() {
                    if !b.compiling {
                        self.request_compile(id, mem);
                    }
                    self.collect(mem);
                    if gen != self.generation {
                        // Installing a finished compile flushed the cache, and with it this
                        // block's entry: dispatch again.
                        continue;
                    }
                }
                let b = &self.blocks[id as usize];
                if b.code.is_null() && (!hot || b.compiling) {
                    if self.config.log.exec {
                        crate::log!("Trace: [{pc:016x}] interp\n");
                    }
                    if let Some(exit) = self.interpret_block(id, cpu, mem) {
                        return exit;
                    }
                    prev = Some((id, self.generation));
                    continue;
                }
                if self.blocks[id as usize].code.is_null() {
                    match self.translate(pc, mode, mem) {
                        Ok(code) => {
                            // Translating may have flushed the cache: `id` is then gone and
                            // the block is the entry `translate` made anew.
                            let cur = if gen == self.generation { Some(id) } else { self.map.get(&(pc, mode)).copied() };
                            if let Some(cur) = cur {
                                self.blocks[cur as usize].code = code;
                            }
                        }
                        Err(e) => return e,
                    }
                }
                if gen != self.generation {
                    // Translating flushed the cache: dispatch again through the new entry.
                    continue;
                }
            } else if self.worker.is_some() && self.stats.dispatches & 63 == 0 {
                self.collect(mem);
                if gen != self.generation {
                    continue; // as above: the cache was flushed
                }
            }
            let code = self.blocks[id as usize].code;
            if link != 0 && gen == self.generation && !self.no_chain() {
                // `link` is the displacement of an unlinked exit's `jmp rel32`, which points
                // at the exit's stub: aim it at this block instead, remembering the stub.
                // SAFETY: the site is inside placed code of the current generation.
                let stub = unsafe { (link + 4).wrapping_add((link as *const i32).read_unaligned() as i64 as u64) };
                self.patch_jump(link, code as u64);
                self.blocks[id as usize].incoming.push((link, stub));
            }
            if !self.no_chain() {
                self.jc_table(mode)[Self::jc_index(pc)] = JcEntry { tag: pc, code: code as u64 };
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
        self.blocks.push(BlockInfo { pc, mode, code: std::ptr::null(), count: 0, interp_insns: 0, bytes: Vec::new(), decoded: Vec::new(), succ: 0, succ_id: u32::MAX, other_pages: Vec::new(), vm: VmState::Untried, compiling: false, valid: true, incoming: Vec::new() });
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
        if self.config.log.stats {
            *self.interp_counts.entry(start).or_default() += 1;
        }
        let mut hm = HostMemory { base: mem.base(), limit: mem.limit() };
        let mut bytes = std::mem::take(&mut self.blocks[id as usize].bytes);
        let mut decoded = std::mem::take(&mut self.blocks[id as usize].decoded);
        let mut n = 0usize;
        self.stats.interp_blocks += 1;
        let code = CachedCode { start, bytes: std::cell::RefCell::new(&mut bytes), mem, other: Default::default() };
        // The recorded program, from the block's start up to an exit (`Some(result)`), or
        // up to an instruction the interpreter must run (`n`).
        let mut vm_result = None;
        if self.config.vm_after != u32::MAX && !self.config.log.cpu {
            let b = &mut self.blocks[id as usize];
            if matches!(b.vm, VmState::Untried) && b.count > self.config.vm_after {
                let mode = F::mode(cpu);
                b.vm = match crate::vm::Recorder::record_block(&*self.frontend, &code, start, mode, self.config.max_block_insns) {
                    Ok(p) => VmState::Ready(Box::new(p)),
                    Err(_) => VmState::Refused,
                };
            }
            if let VmState::Ready(prog) = &mut b.vm {
                let inval = self.stats.invalidated;
                let listed = prog.profiled;
                // SAFETY: the program was recorded by this engine's front end, for its CPU struct.
                let (out, k) = unsafe { prog.run(cpu as *mut F::Cpu as *mut u8, &mut hm) };
                if prog.profiled && !listed {
                    self.vm_profiled.push(id);
                }
                match out {
                    crate::vm::VmExit::Jump(_) => {
                        n = k + 1;
                        vm_result = Some(None);
                    }
                    crate::vm::VmExit::Exception { .. } => {
                        n = k + 1;
                        let e = std::mem::take(&mut cpu.header_mut().exception);
                        vm_result = Some(Some(Exit::Exception(e)));
                    }
                    crate::vm::VmExit::Fault { addr, write } => match self.data_fault(mem, addr, write) {
                        Some(exit) => {
                            n = k;
                            vm_result = Some(Some(exit));
                        }
                        // A store into code: the interpreter runs the instruction again (as
                        // its own would), then the rest of the block (no longer recorded).
                        None => n = k,
                    },
                    crate::vm::VmExit::Bail => n = k,
                }
                if self.stats.invalidated != inval {
                    // A store hit code: the cached bytes may be stale (as below).
                    code.bytes.borrow_mut().clear();
                    decoded.clear();
                }
            }
        }
        let result = if let Some(r) = vm_result { r } else { loop {
            let inval = self.stats.invalidated;
            // Instruction `n` of a run that fell through `n` instructions from the start is
            // always the same one (while the block's bytes are unchanged). Once a store has
            // emptied the cache mid-run, `n` stays past its end for the rest of the run.
            let d = match decoded.get(n) {
                Some(&d) => d,
                None => {
                    let pc = cpu.header().pc;
                    let Some(d) = self.frontend.predecode(&code, pc, F::mode(cpu)) else {
                        break if pc == start { Some(Exit::FetchFault(pc)) } else { None };
                    };
                    if n == decoded.len() {
                        decoded.push(d);
                    }
                    d
                }
            };
            let out = self.interp_step(cpu, mem, &mut hm, &code, Some(&d));
            if self.stats.invalidated != inval {
                // A store hit code: the cached bytes may be stale.
                code.bytes.borrow_mut().clear();
                decoded.clear();
            }
            n += 1;
            match out {
                Ok(Outcome::Next(next)) => {
                    if n >= self.config.max_block_insns || next >> PAGE_BITS != start_page {
                        if (next.wrapping_sub(1)) >> PAGE_BITS != start_page {
                            // An instruction straddling pages: its second page is code too.
                            self.add_page((next.wrapping_sub(1)) >> PAGE_BITS, id, mem);
                        }
                        break None;
                    }
                }
                Ok(Outcome::FetchFault(p)) => break if p == start { Some(Exit::FetchFault(p)) } else { None },
                Ok(_) => break None,
                Err(e) => break Some(e),
            }
        } };
        for p in code.other.into_inner() {
            note_other_page(&mut self.blocks[id as usize].other_pages, p);
        }
        self.stats.interp_insns += n as u64;
        if let Some(b) = self.blocks.get_mut(id as usize) {
            if b.valid && b.pc == start {
                b.bytes = bytes;
                b.decoded = decoded;
                b.interp_insns = b.interp_insns.saturating_add(n as u32);
            }
        }
        result
    }

    /// Runs the instruction at the guest PC in the interpreter. Exceptions and faults become
    /// `Err(exit)`; a store into a page holding code first drops that code (the page becomes
    /// writable) and then completes.
    #[inline]
    fn interp_step(&mut self, cpu: &mut F::Cpu, mem: &dyn GuestMemory, hm: &mut HostMemory, code: &dyn CodeSource, decoded: Option<&F::Decoded>) -> Result<Outcome, Exit> {
        loop {
            let pc = cpu.header().pc;
            let mut taken = None;
            let out = match decoded {
                Some(d) => crate::interp::step_decoded(&*self.frontend, cpu, hm, code, d, &mut self.interp_scratch, &mut taken),
                None => {
                    let (out, t) = crate::interp::step_profiled(&*self.frontend, cpu, hm, code, &mut self.interp_scratch);
                    taken = t;
                    out
                }
            };
            if let Some(t) = taken {
                let e = self.branch_profile.entry(pc >> PAGE_BITS).or_default().entry(pc).or_default();
                if t {
                    e.0 = e.0.saturating_add(1);
                } else {
                    e.1 = e.1.saturating_add(1);
                }
            }
            match out {
                Outcome::Exception { .. } if cpu.header().exception != crate::helper_mem::HELPER_FAULT => {
                    let e = std::mem::take(&mut cpu.header_mut().exception);
                    return Err(Exit::Exception(e));
                }
                Outcome::Exception { .. } | Outcome::Fault { .. } => {
                    let (addr, write) = match out {
                        Outcome::Fault { addr, write } => (addr, write),
                        _ => {
                            // A helper's guest access faulted (`helper_mem`): the header
                            // holds the address; the instruction left no register changes.
                            let h = cpu.header_mut();
                            h.exception = 0;
                            h.pc = pc;
                            (h.fault_addr, h.fault_write != 0)
                        }
                    };
                    match self.data_fault(mem, addr, write) {
                        Some(exit) => return Err(exit),
                        // Retry right away, before anything can protect the page again.
                        None => continue,
                    }
                }
                Outcome::FetchFault(p) => {
                    cpu.header_mut().pc = p;
                    return Ok(out);
                }
                _ => return Ok(out),
            }
        }
    }

    /// What an interpreted instruction's fault on `addr` means: a bus error, a real fault,
    /// or (`None`) a write to a page holding code, whose code is now dropped and the page
    /// writable: the instruction is to run again.
    fn data_fault(&mut self, mem: &dyn GuestMemory, addr: u64, write: bool) -> Option<Exit> {
        let f = crate::exec::last_access_fault();
        if f.bus && f.host_addr == (mem.base() as u64).wrapping_add(addr) {
            return Some(Exit::BusError { addr });
        }
        if write && mem.code_write_fault(addr) {
            self.invalidate_range(addr & !((1 << PAGE_BITS) - 1), 1 << PAGE_BITS);
            return None;
        }
        Some(Exit::Fault { addr, write })
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
            exit_code::EXCEPTION if cpu.header().exception == crate::helper_mem::HELPER_FAULT => {
                // A helper's guest access faulted: the header's PC is its instruction, whose
                // register changes were discarded. Run it again in the interpreter for the
                // exact outcome, as for a hardware fault (a code-page write then completes).
                cpu.header_mut().exception = 0;
                let mut hm = HostMemory { base: mem.base(), limit: mem.limit() };
                match self.interp_step(cpu, mem, &mut hm, mem, None) {
                    Ok(Outcome::FetchFault(p)) => Some(Exit::FetchFault(p)),
                    Ok(_) => None,
                    Err(e) => Some(e),
                }
            }
            exit_code::EXCEPTION => {
                let h = cpu.header_mut();
                let e = std::mem::take(&mut h.exception);
                Some(Exit::Exception(e))
            }
            exit_code::FAULT => {
                // A guest access in translated code faulted in hardware. The CPU struct holds
                // the state before the faulting instruction; find which one it was and replay
                // it in the interpreter for the exact outcome (fault address, code-page write).
                let host_pc = {
                    let h = cpu.header_mut();
                    h.link_slot = 0;
                    h.fault_host_pc
                };
                let Some(site) = self.access_site_of(host_pc) else {
                    panic!("internal error: host fault at {host_pc:#x} in translated code that makes no guest access")
                };
                // The struct holds the state at the access's sync point: re-run the loads and
                // arithmetic from there (the same path, as the state is the same) through the
                // faulting instruction.
                // When the sync point depends on the path taken, the block stored its PC
                // and the replay runs until the fault recurs (a loop may pass the access's
                // PC several times first); if it never does (another thread changed the
                // mapping), the replay was a valid execution and the dispatcher goes on.
                if let Some(from) = site.replay_from {
                    cpu.header_mut().pc = from;
                }
                let mut hm = HostMemory { base: mem.base(), limit: mem.limit() };
                for _ in 0..MAX_REPLAY {
                    let at = cpu.header().pc;
                    match self.interp_step(cpu, mem, &mut hm, mem, None) {
                        Ok(Outcome::FetchFault(p)) => return Some(Exit::FetchFault(p)),
                        Ok(_) if at == site.pc && site.replay_from.is_some() => return None,
                        Ok(_) => {}
                        Err(e) => return Some(e),
                    }
                }
                None
            }
            other => panic!("translated code returned unknown exit code {other}"),
        }
    }

    /// The guest memory access at host address `host_pc` in translated code.
    fn access_site_of(&self, host_pc: u64) -> Option<AccessSite> {
        let i = self.placed.partition_point(|p| p.1 <= host_pc);
        let (start, end, map) = self.placed.get(i)?;
        if host_pc < *start || host_pc >= *end {
            return None;
        }
        map.site((host_pc - start) as u32)
    }

    /// Compiles the block at (`pc`, `mode`) and returns its code. `one_off` blocks hold one
    /// instruction, do not chain and do not mark their page as holding code; other blocks
    /// have their pages recorded under the block already in the map (or a new entry).
    fn translate(&mut self, pc: u64, mode: u32, mem: &dyn GuestMemory) -> Result<*const u8, Exit> {
        // Room for the largest function (a region) before compiling: 4 MiB, or a quarter of a
        // smaller cache.
        if self.code.remaining() < FLUSH_RESERVE.min(self.config.code_cache_bytes / 4) {
            self.flush();
        }
        let req = self.request(pc, mode, mem.limit(), &[pc >> PAGE_BITS]);
        let c = self.compiler.compile(&*self.frontend, mem, &req).map_err(Exit::FetchFault)?;
        let code = match self.place(&c, pc) {
            Some(c) => c,
            None => panic!("code buffer full after flush (block of {} bytes)", c.bytes.len()),
        };
        let id = match self.map.get(&(pc, mode)) {
            Some(&id) => id,
            None => self.new_block(pc, mode, mem),
        };
        for &page in &c.pages {
            self.add_page(page, id, mem);
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
            b.vm = VmState::Refused;
            self.stats.invalidated += 1;
            let incoming = std::mem::take(&mut b.incoming);
            let key = (b.pc, b.mode);
            let code = b.code as u64;
            if self.map.get(&key) == Some(&id) {
                self.map.remove(&key);
            }
            let jc = &mut self.jc_table(key.1)[Self::jc_index(key.0)];
            if jc.code == code {
                *jc = JcEntry { tag: u64::MAX, code: 0 };
            }
            for (site, stub) in incoming {
                self.patch_jump(site, stub);
            }
        }
    }

    /// Forgets every translation.
    pub fn flush(&mut self) {
        self.code.reset();
        self.waiting.clear();
        self.map.clear();
        self.blocks.clear();
        self.pages.clear();
        self.placed.clear();
        self.branch_profile.clear();
        self.vm_profiled.clear();
        for (_, t) in self.jc.iter_mut() {
            t.fill(JcEntry { tag: u64::MAX, code: 0 });
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
        let mut interp: Vec<(u64, u64)> = self.interp_counts.iter().map(|(&pc, &n)| (n, pc)).collect();
        interp.sort_unstable_by(|a, b| b.cmp(a));
        let interp: String = interp.iter().take(8).map(|&(n, pc)| format!("  {pc:#x}: {n} times interpreted\n")).collect();
        top + &interp + &format!(
            "bigiron stats: {} blocks compiled, {} guest insns translated, {} KiB host code, compile {:.1} ms ({:.1} us/block), {} dispatches, {} interpreted blocks ({} insns), {} invalidated, {} flushes, {} compiles discarded\n",
            s.blocks,
            s.guest_insns,
            s.code_bytes / 1024,
            s.compile_ns as f64 / 1e6,
            if s.blocks > 0 { s.compile_ns as f64 / 1e3 / s.blocks as f64 } else { 0.0 },
            s.dispatches,
            s.interp_blocks,
            s.interp_insns,
            s.invalidated,
            s.flushes,
            s.discarded
        )
    }

    /// Translates the block at `pc` without running it (benchmarks, `-d` tools).
    pub fn translate_only(&mut self, pc: u64, mode: u32, mem: &dyn GuestMemory) -> Result<(), Exit> {
        let code = self.translate(pc, mode, mem)?;
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

    fn cas(&mut self, addr: u64, size: usize, expected: u128, new: u128) -> Option<u128> {
        if size == 16 && addr % 16 == 0 {
            let p = self.host(addr, size)?;
            // SAFETY: as in `load`; aligned, so one locked cmpxchg16b.
            return unsafe { crate::exec::guarded_cas128(p, expected, new) };
        }
        if !matches!(size, 1 | 2 | 4 | 8) {
            // Unaligned quadword: not atomic against other threads in the interpreter.
            let old = self.load(addr, size)?;
            if old == expected && !self.store(addr, &new.to_le_bytes()[..size]) {
                return None;
            }
            return Some(old);
        }
        let p = self.host(addr, size)?;
        // SAFETY: as in `load`; a locked compare-exchange on guest memory.
        unsafe { crate::exec::guarded_cas(p, size, expected as u64, new as u64).map(|v| v as u128) }
    }
}

/// Instruction fetch for the interpreter tier, caching the block's bytes.
struct CachedCode<'a, 'b> {
    start: u64,
    bytes: std::cell::RefCell<&'a mut Vec<u8>>,
    mem: &'b dyn GuestMemory,
    /// Pages read other than the block's start page.
    other: std::cell::RefCell<Vec<u64>>,
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
        let page = pc >> PAGE_BITS;
        if page != self.start >> PAGE_BITS {
            let mut other = self.other.borrow_mut();
            if !other.contains(&page) {
                other.push(page);
            }
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
        std::env::var_os("BIGIRON_PERFMAP")?;
        let path = format!("/tmp/perf-{}.map", std::process::id());
        std::fs::OpenOptions::new().create(true).append(true).open(path).ok().map(Mutex::new)
    });
    if let Some(m) = f {
        if let Ok(mut f) = m.lock() {
            let _ = writeln!(f, "{code:x} {len:x} guest_{pc:x}");
        }
    }
}
